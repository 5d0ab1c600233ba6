"""Tables as CSV for spreadsheets: the one export helper, safe against formula injection.

A spreadsheet runs a cell that starts with ``=``, ``+``, ``-`` or ``@`` (and, in some,
a tab or carriage return) as a formula, so a company name such as ``=1+1`` or
``=HYPERLINK(...)`` taken from a posting would run on the recruiter's machine.
:func:`neutralise` prefixes such a text cell with an apostrophe (the OWASP
"CSV injection" advice), which spreadsheets show as text; numbers stay numbers.
Every CSV the workbench writes for people goes through :func:`csv_text`.

:func:`csv_data_uri` embeds the CSV in the page as a ``data:`` link (no network, no
script), which :mod:`workbench.sanitize` lets through only in that exact form.
"""

from __future__ import annotations

import csv
import io
import re
from typing import Any
from urllib.parse import quote

__all__ = ["CSV_URI_PREFIX", "FORMULA_STARTS", "csv_data_uri", "csv_filename", "csv_text", "neutralise"]

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
CSV_URI_PREFIX = "data:text/csv;charset=utf-8,"


def neutralise(value: Any) -> Any:
    """A text cell that a spreadsheet would read as a formula, prefixed with ``'``; else unchanged."""
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


def _cell(value: Any) -> Any:
    try:
        import pandas as pd

        if value is None or (not isinstance(value, (list, tuple, dict)) and pd.isna(value)):
            return ""
    except (TypeError, ValueError):
        pass
    return neutralise(value if isinstance(value, (int, float)) else str(value))


def csv_text(frame: Any) -> str:
    """The frame (header row, then rows; no index) as CSV text with every text cell neutralised."""
    buf = io.StringIO()
    writer = csv.writer(buf, lineterminator="\r\n")
    writer.writerow([neutralise(str(c)) for c in frame.columns])
    for row in frame.itertuples(index=False, name=None):
        writer.writerow([_cell(v) for v in row])
    return buf.getvalue()


def csv_data_uri(frame: Any) -> str:
    """The CSV of :func:`csv_text` as a percent-encoded ``data:text/csv`` URI."""
    # A byte-order mark lets spreadsheet programs read the UTF-8 (£, ₽) correctly.
    return CSV_URI_PREFIX + quote("\ufeff" + csv_text(frame), safe="")


def csv_filename(caption: Any, default: str = "table") -> str:
    """A file name for a table's CSV from its caption: lower-case words joined by ``-``."""
    stem = re.sub(r"[^a-z0-9]+", "-", str(caption or "").lower()).strip("-")[:60].strip("-")
    return f"{stem or default}.csv"
