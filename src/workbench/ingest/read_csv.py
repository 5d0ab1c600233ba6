"""CSV postings: one posting per data row, columns matched by name.

The header names the columns (``FullDescription``, ``Title``, ``Описание``, ``职位描述``
... through the synonym table in :mod:`workbench.ingest.fields`); the delimiter is
the most frequent of ``,``, ``;`` and tab in the header (Excel in many locales writes
``;``). Line ends may be LF, CRLF or old-Mac CR; quoted cells may span lines. A big
file is split at record boundaries (:mod:`workbench.ingest.lines`) and its slices read
separately; row sources are ``path#N`` with ``N`` the 0-based data row.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Iterator
from pathlib import Path

from workbench.ingest.detection import file_encoding
from workbench.ingest.fields import map_columns
from workbench.ingest.lines import decode_slice, read_range, sliceable_encoding, split_lines, wide_encoding
from workbench.ingest.normalise import CTRL
from workbench.ingest.readers import FileSlice, Reader
from workbench.ingest.rows import Item, description_text, make_posting, make_reject

csv.field_size_limit(2**31 - 1)

_DELIMITERS = (",", ";", "\t")


def _header_pieces(handle) -> Iterator[bytes]:
    for line in handle:
        # Old Mac files end lines with a bare CR: split there too (the rows are
        # then split by the csv module, which reads CR, LF and CRLF alike).
        yield from (line.splitlines(keepends=True) if b"\r" in line.rstrip(b"\r\n") else (line,))


def _header_bytes(path: Path) -> tuple[bytes, int]:
    """The bytes of the header record (it may span lines) and how many there are."""
    consumed = 0
    chunks: list[bytes] = []
    quotes = 0
    with path.open("rb") as handle:
        for piece in _header_pieces(handle):
            chunks.append(piece)
            consumed += len(piece)
            quotes += piece.count(b'"')
            if quotes % 2 == 0 and b"".join(chunks).strip():
                break
    return b"".join(chunks), consumed


def csv_header(path: Path, encoding: str) -> tuple[list[str], int, str]:
    """(header fields, byte offset where data starts, delimiter); the header may span lines."""
    raw, consumed = _header_bytes(path)
    text = CTRL.sub("", decode_slice(raw, encoding, True))
    # Excel in many locales (Russia included) writes ';'-separated files; tabs happen too.
    delimiter = max(_DELIMITERS, key=text.count)
    header = next(csv.reader(io.StringIO(text, newline=""), delimiter=delimiter), [])
    return [h.strip() for h in header], consumed, delimiter


def _header_and_rows(path: Path, piece: FileSlice, encoding: str) -> tuple[list[str], Iterable[list[str]]]:
    # newline="": a stray carriage return inside an unquoted cell ends that row (as
    # in Excel) instead of stopping the csv module, and the slice, with an error.
    if wide_encoding(encoding):
        # Newline bytes do not fall on character boundaries in UTF-16/32, so byte
        # slices cannot be cut: plan_units never splits such a file; it is read whole.
        whole = CTRL.sub("", path.read_bytes().decode(encoding, errors="replace").lstrip("\ufeff"))
        delimiter = max(_DELIMITERS, key=whole[:65536].count)
        reader = csv.reader(io.StringIO(whole, newline=""), delimiter=delimiter)
        return [h.strip() for h in next(reader, [])], reader
    header, data_start, delimiter = csv_header(path, encoding)
    raw = read_range(path, data_start if piece.start is None else piece.start, piece.end)
    text = CTRL.sub("", decode_slice(raw, encoding, False))
    return header, csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)


def _row_item(row: list[str], index: dict[str, int], mapping: dict, width: int,
              row_source: str, encoding: str) -> Item:
    """The posting of one non-blank data row, or why it is rejected."""

    def cell(name: str) -> str | None:
        i = index.get(name)
        return row[i] if i is not None and i < len(row) else None

    description = cell("description")
    if description is None or not description.strip():
        short = f" (row has {len(row)} fields, header has {width})" if len(row) != width else ""
        return "reject", make_reject(
            row_source,
            f"empty description in column {mapping['description']!r}{short}; "
            f"fill it in or remove the row",
        )
    body = description_text(description)
    if not body:
        return "reject", make_reject(row_source, "description has no text after removing markup; fix the row")
    return "posting", make_posting(
        row_source, "csv", encoding, body,
        title=cell("title"), company=cell("company"), location=cell("location"),
        country=cell("country"), date_posted=cell("date_posted"), salary_raw=cell("salary_raw"),
        language=cell("language"),
    )


def _iter_rows(path: Path, source: str, piece: FileSlice, encoding: str) -> Iterator[Item]:
    header, rows = _header_and_rows(path, piece, encoding)
    mapping = map_columns(header)
    if "description" not in mapping:
        if piece.first_row == 0:
            yield "reject", make_reject(
                source,
                f"no description column (found: {', '.join(header[:15]) or 'nothing'}); "
                f"name one 'description' or 'FullDescription' (Adzuna layout)",
            )
        return
    index = {name: header.index(col) for name, col in mapping.items()}
    seen_row = False
    for offset, row in enumerate(rows):
        if not row or not any(cell.strip() for cell in row):
            continue  # blank line: layout, not a posting
        seen_row = True
        yield _row_item(row, index, mapping, len(header), f"{source}#{piece.first_row + offset}", encoding)
    if not seen_row and piece.first_row == 0 and (piece.end is None or piece.end >= path.stat().st_size):
        yield "reject", make_reject(source, "no data rows below the header; add rows or remove the file")


class CsvReader(Reader):
    """``.csv`` files, read whole or in slices of rows."""

    source_format = "csv"

    def read(self, piece: FileSlice, source: str) -> Iterator[Item]:
        """The postings (and rejected rows) of the file or slice."""
        path = Path(piece.path)
        encoding, why = file_encoding(path)
        if why:
            yield "reject", make_reject(source, why)
            return
        yield from _iter_rows(path, source, piece, encoding)

    def split(self, path: Path, chunk_rows: int) -> list[FileSlice] | None:
        """Slices of ``chunk_rows`` records after the header (None for UTF-16/32 or unreadable files)."""
        encoding = sliceable_encoding(path)
        if encoding is None:
            return None
        _, data_start, delimiter = csv_header(path, encoding)
        return split_lines(path, chunk_rows, data_start=data_start, delimiter=delimiter.encode("ascii"))
