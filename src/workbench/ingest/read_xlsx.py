"""Excel workbooks (``.xlsx``, read with openpyxl): one posting per data row of each sheet.

Rows are streamed (openpyxl's read-only mode): memory holds one row and the
workbook's shared-strings table, whose unpacked size is checked against the size limit
first. A sheet's stored dimension is not trusted (it can be wrong and would cut rows
off). In every sheet the first non-blank row is the header, matched to fields through
the synonym table; a sheet without a description column is listed and skipped. A
numeric pay cell that is negative refuses its row (:mod:`workbench.ingest.pay`). Row
sources are ``path#Sheet:N`` with ``N`` the 0-based data row. openpyxl reads cells
inside its row iterator: after a cell it cannot read (a 31 February, a 5,000-digit
number) the iterator is finished, so the rows before it are kept, the rest of the
workbook is not read, and the reject says where reading stopped.
"""

from __future__ import annotations

import zipfile
from collections.abc import Generator, Iterable, Iterator
from pathlib import Path
from typing import Any

from workbench.ingest import limits
from workbench.ingest.fields import map_columns
from workbench.ingest.readers import FileSlice, Reader
from workbench.ingest.rows import Item, make_reject, table_row_item


class _Position:
    """Where the reading got to, for the message when a cell cannot be read."""

    def __init__(self) -> None:
        self.where = "the first sheet"


def _header(rows: Iterable[tuple]) -> list[str] | None:
    """The first non-blank row as column names (consumed from ``rows``), or None."""
    for values in rows:
        if values and any(v not in (None, "") for v in values):
            return ["" if v is None else str(v).strip() for v in values]
    return None


def _empty_row() -> str:
    return "empty description; fill it in or remove the row"


def _row_item(values: tuple, index: dict[str, int], mapping: dict, row_source: str) -> Item:
    """The posting of one non-blank data row, or why it is rejected."""

    def get(name: str) -> Any:
        i = index.get(name)
        return values[i] if i is not None and i < len(values) else None

    return table_row_item(get, mapping, row_source, "xlsx", "utf-8", _empty_row)


def _sheet_items(sheet, source: str, position: _Position) -> Generator[Item, None, bool]:
    """Items of one worksheet; returns whether it had a header with a description column."""
    position.where = f"sheet {sheet.title!r}, before its first data row"
    # The sheet's stored dimension (<dimension ref="A1:C10"/>) may be wrong: read-only
    # openpyxl would stop at it and drop the rows and columns beyond without a word.
    sheet.reset_dimensions()
    rows = sheet.iter_rows(values_only=True)
    header = _header(rows)
    if header is None:
        return False
    mapping = map_columns(header)
    if "description" not in mapping:
        yield "reject", make_reject(
            f"{source}#{sheet.title}",
            f"sheet {sheet.title!r} has no description column (found: "
            f"{', '.join(h for h in header[:15] if h)}); name one 'description'",
        )
        return False
    index = {name: header.index(col) for name, col in mapping.items()}
    for offset, values in enumerate(rows):
        position.where = f"sheet {sheet.title!r}, after data row {offset}"
        if not values or all(v in (None, "") for v in values):
            continue  # trailing empty rows are formatting, not data
        yield _row_item(values, index, mapping, f"{source}#{sheet.title}:{offset}")
    return True


def _held_too_big(path: Path) -> str | None:
    """Why the part openpyxl holds whole (the shared-strings table) is over the size limit."""
    try:
        with zipfile.ZipFile(path) as archive:
            size = sum(info.file_size for info in archive.infolist()
                       if info.filename.lower().endswith("sharedstrings.xml"))
    except (zipfile.BadZipFile, ValueError):
        return None  # not a workbook: load_workbook says so
    why = limits.too_big(size, "shared-strings table")
    if why:
        return (f"{why} (the workbook's distinct cell texts, {limits.megabytes(size)} once unpacked, are "
                f"held in memory while its rows stream; export the sheet to CSV, which is read in slices)")
    return None


class XlsxReader(Reader):
    """``.xlsx`` workbooks, read whole (every sheet)."""

    source_format = "xlsx"
    reads_whole = False  # rows are streamed; what is held is checked in read()

    def read(self, piece: FileSlice, source: str) -> Iterator[Item]:
        """The postings (and rejected rows and sheets) of every sheet."""
        why = _held_too_big(Path(piece.path))
        if why:
            yield "reject", make_reject(source, why)
            return
        try:
            from openpyxl import load_workbook

            workbook = load_workbook(Path(piece.path), read_only=True, data_only=True)
        except OSError:
            raise  # iter_slice lists it as unreadable
        except Exception as exc:  # openpyxl raises many types for broken files
            yield "reject", make_reject(
                source,
                f"unreadable xlsx ({type(exc).__name__}: {exc}); open it in Excel and save it "
                f"again as .xlsx, or export the sheet to CSV",
            )
            return
        position = _Position()
        try:
            found_sheet = False
            for sheet in workbook.worksheets:
                found_sheet = (yield from _sheet_items(sheet, source, position)) or found_sheet
            if not found_sheet:
                yield "reject", make_reject(source, "workbook has no sheet with a header row; nothing to ingest")
        except Exception as exc:
            yield "reject", make_reject(
                source,
                f"unreadable xlsx cell in {position.where} ({type(exc).__name__}: {exc}); the rows before "
                f"it were ingested, the rest of the sheet was not: fix that cell (or export the sheet "
                f"to CSV) and ingest again")
        finally:
            workbook.close()
