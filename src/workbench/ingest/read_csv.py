"""CSV postings: one posting per data row, columns matched by name.

The header (the first non-blank record) names the columns (``FullDescription``,
``Title``, ``Описание``, ``职位描述`` ... through the synonym table in
:mod:`workbench.ingest.fields`); the delimiter is the most frequent of ``,``, ``;``
and tab in the header's first line (Excel in many locales writes ``;``). Line ends
may be LF, CRLF or old-Mac CR; quoted cells may span lines. Records are found by
:func:`workbench.ingest.records.iter_records`, the walk the planner slices big
files with, so row numbers agree however a file is sliced; row sources are
``path#N`` with ``N`` the 0-based data record.

Nothing is swallowed: a row whose quote never closes, or closes lines further down
followed by more text, is listed with what to do and the lines below it are read as
rows. A row over the size limit is listed without being held. Each row is decoded on
its own, so a row in another encoding than the rest of the file (a cp1251 row in a
UTF-8 export) reads right and records its own ``encoding``. A numeric pay cell that
is negative is refused (:mod:`workbench.ingest.pay`).
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO

from workbench.ingest import limits
from workbench.ingest.decoding import decode_text, wide_encoding
from workbench.ingest.detection import file_encoding
from workbench.ingest.fields import map_columns
from workbench.ingest.lines import record_stream, sliceable_encoding, split_lines
from workbench.ingest.normalise import CTRL
from workbench.ingest.readers import FileSlice, Reader
from workbench.ingest.records import BAD_CLOSE, TOO_LARGE, UNCLOSED, Record, iter_records, newline_of
from workbench.ingest.rows import Item, make_reject, table_row_item

csv.field_size_limit(2**31 - 1)

_DELIMITERS = (",", ";", "\t")


@dataclass(frozen=True)
class Layout:
    """Where a CSV file's rows are and how to split them."""

    header: list[str]
    data_start: int
    delimiter: str
    newline: bytes
    encoding: str  # the encoding the records are decoded with (UTF-8 for a transcoded wide file)


def _parse(data: bytes, encoding: str, delimiter: str) -> tuple[list[list[str]], str]:
    """The csv rows of one record's bytes, and the encoding they were decoded with."""
    text, label = decode_text(data, encoding)
    return list(csv.reader(io.StringIO(CTRL.sub("", text), newline=""), delimiter=delimiter)), label


def _layout(handle: BinaryIO, encoding: str) -> Layout:
    """The header (first non-blank record), where the data start, the delimiter and line end."""
    head = handle.read(65536)
    newline = newline_of(head)
    first = next((line for line in head.split(newline) if line.strip()), b"")
    first_text = decode_text(first, encoding)[0]
    delimiter = max(_DELIMITERS, key=first_text.count)
    for record in iter_records(handle, 0, limits.max_file_bytes(), delimiter=delimiter.encode(),
                               newline=newline):
        if record.data is None:
            raise ValueError("the header row is over the size limit")
        rows, _ = _parse(record.data, encoding, delimiter)
        if rows and any(cell.strip() for cell in rows[0]):
            return Layout([h.strip() for h in rows[0]], record.end, delimiter, newline, encoding)
    return Layout([], handle.seek(0, io.SEEK_END), delimiter, newline, encoding)


def csv_header(path: Path, encoding: str) -> tuple[list[str], int, str]:
    """(header fields, byte offset where data start, delimiter); the header may span lines."""
    with record_stream(path, encoding) as (handle, walk_encoding):
        layout = _layout(handle, walk_encoding)
    return layout.header, layout.data_start, layout.delimiter


def _problem_reason(record: Record) -> str:
    below = record.lines - 1
    if record.problem == UNCLOSED and not below:
        return ("unclosed quote: a quoted cell opens on this row and the file ends inside it, so the "
                "rest of the row would have been read into that one cell; this row was not read — close "
                "the quote (write a quote inside a cell as \"\") and ingest the file again")
    if record.problem == UNCLOSED:
        return (f"unclosed quote: a quoted cell opens on this row and is never closed, so the {below} "
                f"line(s) below it would have been read into that one cell; this row was not read and "
                f"the lines below it were read as rows — close the quote (write a quote inside a cell "
                f"as \"\") and ingest the file again")
    if record.problem == BAD_CLOSE:
        return (f"quote not closed properly: a quoted cell opens on this row and its closing quote comes "
                f"{below} line(s) further down followed by more text, so the rows between would have "
                f"been swallowed into one cell; this row was not read and the lines below it were read "
                f"as rows — close the quote on this row (write a quote inside a cell as \"\") and "
                f"ingest the file again")
    if record.problem == TOO_LARGE:
        return limits.too_big(record.end - record.start, "row") or "row too large"
    return f"unreadable row ({record.problem})"


def _row_item(row: list[str], index: dict[str, int], mapping: dict, width: int,
              row_source: str, encoding: str) -> Item:
    """The posting of one non-blank data row, or why it is rejected."""

    def cell(name: str) -> str | None:
        i = index.get(name)
        return row[i] if i is not None and i < len(row) else None

    def empty() -> str:
        short = f" (row has {len(row)} fields, header has {width})" if len(row) != width else ""
        return f"empty description in column {mapping['description']!r}{short}; fill it in or remove the row"

    return table_row_item(cell, mapping, row_source, "csv", encoding, empty)


def _record_items(record: Record, layout: Layout, index: dict[str, int], mapping: dict,
                  row_source: str, label: str) -> Iterator[Item]:
    """The items of one record: usually one row; a bare CR in an unquoted cell splits it."""
    if record.problem:
        yield "reject", make_reject(row_source, _problem_reason(record))
        return
    rows, decoded_as = _parse(record.data or b"", layout.encoding, layout.delimiter)
    encoding = label if wide_encoding(label) else decoded_as
    for part, row in enumerate(rows):
        if not row or not any(cell.strip() for cell in row):
            continue  # blank line: layout, not a posting
        source = row_source if part == 0 else f"{row_source}.{part}"
        yield _row_item(row, index, mapping, len(layout.header), source, encoding)


def _iter_rows(path: Path, source: str, piece: FileSlice, encoding: str) -> Iterator[Item]:
    with record_stream(path, encoding) as (handle, walk_encoding):
        layout = _layout(handle, walk_encoding)
        mapping = map_columns(layout.header)
        if "description" not in mapping:
            if piece.first_row == 0:
                yield "reject", make_reject(
                    source,
                    f"no description column (found: {', '.join(layout.header[:15]) or 'nothing'}); "
                    f"name one 'description' or 'FullDescription' (Adzuna layout)",
                )
            return
        index = {name: layout.header.index(col) for name, col in mapping.items()}
        start = layout.data_start if piece.start is None else piece.start
        seen_row = False
        records = iter_records(handle, start, limits.max_file_bytes(),
                               delimiter=layout.delimiter.encode(), newline=layout.newline)
        for number, record in enumerate(records, start=piece.first_row):
            if piece.end is not None and record.start >= piece.end:
                break
            for item in _record_items(record, layout, index, mapping, f"{source}#{number}", encoding):
                seen_row = True
                yield item
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
