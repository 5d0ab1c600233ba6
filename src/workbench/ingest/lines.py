"""Byte slices of line-based files (JSON Lines, CSV), so one big file can be read in parts.

A slice starts and ends on a record boundary, found by the same walk the readers use
(:func:`workbench.ingest.records.iter_records`): after a line end, and for CSV
outside a quoted cell (a quoted cell may span lines; a quote that would swallow the
rows below it ends its record at its own line). A slice holds at most ``chunk_rows``
records and, past its first record, at most the size limit in bytes
(:mod:`workbench.ingest.limits`), so a reader holds one bounded slice. Slices are cut
from a byte scan without decoding; that is safe for every encoding whose newline
byte is a character of its own, which rules out UTF-16/32 (:func:`wide_encoding`):
such files are read whole.
"""

from __future__ import annotations

import io
from contextlib import contextmanager
from pathlib import Path

from workbench.ingest import limits
from workbench.ingest.decoding import wide_encoding
from workbench.ingest.detection import file_encoding
from workbench.ingest.readers import FileSlice
from workbench.ingest.records import iter_records, newline_of

__all__ = ["record_stream", "sliceable_encoding", "split_lines", "wide_encoding"]


def sliceable_encoding(path: Path) -> str | None:
    """The file's encoding when its bytes can be sliced at newlines, else None."""
    encoding, why = file_encoding(path)
    return None if why is not None or wide_encoding(encoding) else encoding


@contextmanager
def record_stream(path: Path, encoding: str):
    """``(binary handle, encoding)`` to walk records in: the file itself, or a UTF-16/32
    file transcoded to UTF-8 in memory (such a file is read whole, within the size limit)."""
    if wide_encoding(encoding):
        text = path.read_bytes().decode(encoding, errors="replace").lstrip("\ufeff")
        yield io.BytesIO(text.encode("utf-8", errors="surrogatepass")), "utf-8"
        return
    with path.open("rb") as handle:
        yield handle, encoding


def split_lines(path: Path, chunk_rows: int, *, data_start: int = 0,
                delimiter: bytes | None = None, max_bytes: int | None = None) -> list[FileSlice]:
    """Split a line file at record boundaries into slices of ``chunk_rows`` records.

    Records start at byte ``data_start`` (after a CSV header). With a ``delimiter``
    the file is CSV: a line that ends inside a quoted cell does not end its record.
    A slice is also closed once it holds ``max_bytes`` (default: the size limit).
    """
    cap = limits.max_file_bytes()
    max_bytes = cap if max_bytes is None else max_bytes
    slices: list[FileSlice] = []
    source = path.as_posix()
    start, rows_in_chunk, row, first_row = data_start, 0, 0, 0
    offset = data_start
    with path.open("rb") as handle:
        newline = newline_of(handle.read(65536))
        for record in iter_records(handle, data_start, cap, delimiter=delimiter, newline=newline):
            offset = record.end
            row += 1
            rows_in_chunk += 1
            if rows_in_chunk >= chunk_rows or offset - start >= max_bytes:
                slices.append(FileSlice(source, start, offset, first_row))
                start, first_row, rows_in_chunk = offset, row, 0
    # Bytes after the last full slice form the last slice: nothing is left unread.
    if offset > start or not slices:
        slices.append(FileSlice(source, start, offset, first_row))
    return slices
