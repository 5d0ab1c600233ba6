"""Byte slices of line-based files (JSON Lines, CSV), so one big file can be read in parts.

A slice starts and ends on a record boundary: after a newline, and for CSV outside a
quoted field (a quoted cell may span lines). Slices are cut from a byte scan without
decoding; that is safe for every encoding whose newline byte is a character of its
own, which rules out UTF-16/32 (:func:`wide_encoding`): such files are read whole.
"""

from __future__ import annotations

from pathlib import Path

from workbench.ingest.detection import file_encoding
from workbench.ingest.readers import FileSlice


def wide_encoding(encoding: str) -> bool:
    """UTF-16/32: newline bytes do not fall on character boundaries, so no byte slicing."""
    return encoding.lower().replace("_", "-").startswith(("utf-16", "utf-32"))


def sliceable_encoding(path: Path) -> str | None:
    """The file's encoding when its bytes can be sliced at newlines, else None."""
    encoding, why = file_encoding(path)
    return None if why is not None or wide_encoding(encoding) else encoding


def decode_slice(raw: bytes, encoding: str, at_start: bool) -> str:
    """Decode a slice's bytes; the UTF-8 BOM is dropped only at the file's start."""
    if encoding == "utf-8" and at_start:
        return raw.decode("utf-8-sig", errors="replace")
    return raw.decode(encoding, errors="replace")


def read_range(path: Path, start: int, end: int | None) -> bytes:
    """Bytes ``start`` to ``end`` of the file (to its end when ``end`` is None)."""
    with path.open("rb") as handle:
        handle.seek(start)
        return handle.read() if end is None else handle.read(end - start)


def ends_in_quotes(line: bytes, in_quotes: bool, delimiter: bytes) -> bool:
    """Does a CSV line end inside a quoted field? (``in_quotes``: did it start inside one?)

    Read as the csv module reads: a quote opens a quoted field only at the start of a
    field (line start or right after the delimiter); inside one, ``""`` is a quote and
    ``"`` closes it. A stray quote elsewhere (``5'11" tall``) is a character, so it no
    longer throws the row count off and makes a slice start inside a multi-line field.
    """
    i = 0
    while True:
        j = line.find(b'"', i)
        if j == -1:
            return in_quotes
        if in_quotes:
            if line[j + 1:j + 2] == b'"':
                i = j + 2  # an escaped quote
                continue
            in_quotes = False
        elif j == 0 or line[j - 1:j] in (delimiter, b"\r", b"\n"):
            in_quotes = True  # a field starts at a line start, after the delimiter or a lone CR
        i = j + 1


def split_lines(path: Path, chunk_rows: int, *, data_start: int = 0,
                delimiter: bytes | None = None) -> list[FileSlice]:
    """Split a line file at record boundaries into slices of ``chunk_rows`` records.

    Records start at byte ``data_start`` (after a CSV header). With a ``delimiter``
    the file is CSV: a line that ends inside a quoted field does not end its record.
    """
    slices: list[FileSlice] = []
    source = path.as_posix()
    with path.open("rb") as handle:
        handle.seek(data_start)
        offset = data_start
        start, rows_in_chunk, row = offset, 0, 0
        in_quotes = False
        first_row = 0
        for line in handle:
            offset += len(line)
            if delimiter is not None and (in_quotes or b'"' in line):
                in_quotes = ends_in_quotes(line, in_quotes, delimiter)
                if in_quotes:  # inside a quoted field that spans lines
                    continue
            row += 1
            rows_in_chunk += 1
            if rows_in_chunk >= chunk_rows:
                slices.append(FileSlice(source, start, offset, first_row))
                start, first_row, rows_in_chunk = offset, row, 0
        # Bytes after the last full slice (rows, or a quoted field still open at the
        # end of the file) form the last slice: nothing is left unread.
        if offset > start or not slices:
            slices.append(FileSlice(source, start, offset, first_row))
    return slices
