"""A report table as a recruiter reads it: words for headers, money as money, a CSV link.

:func:`table_markup` builds the escaped HTML of one table from an analytics frame:

* headers in words (:func:`workbench.labels.column_label`), each cell written by its
  column's kind (:mod:`workbench.formats`: money with its symbol, shares as %, counts,
  flags as Yes/No, categories as words); a ``currency`` column, when the frame has
  one, names each row's money and is then not shown as a column of its own;
* numbers right-aligned (``class="num"``), every cell carrying its header as
  ``data-label`` so a narrow screen can show each row as a labelled block;
* the caption kept with its table (one ``<figure>``), and the table's data as an
  embedded CSV download through :func:`workbench.export.csv_data_uri` (neutralised).

Every text is escaped here with :func:`html.escape`; the page is sanitised again at
publication (:mod:`workbench.sanitize`).
"""

from __future__ import annotations

import html
from typing import Any, Mapping

from workbench import export, formats, labels

__all__ = ["NUMERIC_KINDS", "display_frame", "table_markup"]

NUMERIC_KINDS = ("count", "money", "share", "percent", "number")


def _kind(frame: Any, column: Any) -> str:
    import pandas as pd

    kind = labels.column_kind(column)
    if kind:
        return kind
    series = frame[column]
    if pd.api.types.is_bool_dtype(series):
        return "flag"
    if pd.api.types.is_numeric_dtype(series):
        return "number"
    return "text"


def _number(value: Any, decimals: int) -> str:
    if formats.missing(value):
        return formats.MISSING
    return f"{float(value):,.{decimals}f}"


def _cell(value: Any, kind: str, *, currency: Any, decimals: int | None, column: Any) -> str:
    """The display text of one cell of a column of ``kind``."""
    if kind == "money":
        return formats.money(value, currency if isinstance(currency, str) else None)
    if kind in ("share", "percent"):
        fmt = formats.share if kind == "share" else formats.percent
        return fmt(value, decimals or 0)
    if kind == "count":
        return formats.count(value) if not isinstance(value, str) else value
    if kind == "number" and not isinstance(value, str):
        return _number(value, decimals or 0)
    if value is None or (isinstance(value, float) and formats.missing(value)):
        return formats.MISSING
    try:
        import pandas as pd

        if not isinstance(value, (list, tuple, dict)) and pd.isna(value):
            return formats.MISSING
    except (TypeError, ValueError):
        pass
    return str(labels.value_label(value, column))


def display_frame(frame: Any, *, currency: str | None = None,
                  decimals: int | Mapping[str, int] | None = None) -> tuple[Any, list[str]]:
    """(text frame with worded headers, kind per shown column): what :func:`table_markup` shows."""
    import pandas as pd

    per_column = dict(decimals) if isinstance(decimals, Mapping) else {}
    default = None if isinstance(decimals, Mapping) else decimals
    kinds = {c: _kind(frame, c) for c in frame.columns}
    row_currency = frame["currency"].tolist() if "currency" in frame.columns else None
    has_money = any(k == "money" for k in kinds.values())
    shown = [c for c in frame.columns if not (c == "currency" and has_money)]
    columns = {}
    for c in shown:
        values = frame[c].tolist()
        currencies = row_currency or [currency] * len(values)
        columns[labels.column_label(c)] = [
            _cell(v, kinds[c], currency=cur, decimals=per_column.get(str(c), default), column=c)
            for v, cur in zip(values, currencies)]
    text = pd.DataFrame(columns, index=range(len(frame)))
    return text, [kinds[c] for c in shown]


def _export_frame(frame: Any) -> Any:
    """What the CSV holds: the figures unformatted, headers and categories in words."""
    out = frame.copy()
    for c in out.columns:
        if _kind(frame, c) in ("text", "flag"):
            out[c] = [labels.value_label(v, c) for v in out[c].tolist()]
    out.columns = [labels.column_label(c) for c in out.columns]
    return out


def _rows_markup(text: Any, kinds: list[str]) -> str:
    heads = list(text.columns)
    cls = [' class="num"' if k in NUMERIC_KINDS else "" for k in kinds]
    head = "".join(f"<th{c}>{html.escape(h)}</th>" for h, c in zip(heads, cls))
    body = []
    for row in text.itertuples(index=False, name=None):
        cells = "".join(f'<td{c} data-label="{html.escape(h)}">{html.escape(str(v))}</td>'
                        for v, h, c in zip(row, heads, cls))
        body.append(f"<tr>{cells}</tr>")
    return f'<table class="wb-table"><thead><tr>{head}</tr></thead><tbody>{"".join(body)}</tbody></table>'


def table_markup(df: Any, caption: Any = None, *, index: bool = False, currency: str | None = None,
                 decimals: int | Mapping[str, int] | None = None, max_rows: int = 200,
                 css_class: str = "") -> str:
    """The escaped HTML of one table: caption, table, a note when cut, the CSV download."""
    import pandas as pd

    frame = df if isinstance(df, pd.DataFrame) else pd.DataFrame(df)
    if index:
        name = str(frame.index.name or "row")
        while name in frame.columns:  # an index named like a column keeps both
            name += " "
        frame = frame.rename_axis(name).reset_index()
    frame = frame.reset_index(drop=True)
    truncated = len(frame) > max_rows
    shown = frame.head(max_rows)
    text, kinds = display_frame(shown, currency=currency, decimals=decimals)
    cap = f'<figcaption class="wb-caption">{html.escape(str(caption))}</figcaption>' if caption else ""
    more = f'<p class="wb-note">Showing the first {max_rows} of {len(frame)} rows.</p>' if truncated else ""
    link = (f'<p class="wb-download"><a download="{html.escape(export.csv_filename(caption))}" '
            f'href="{html.escape(export.csv_data_uri(_export_frame(frame)))}">Download this table (CSV)</a></p>'
            if len(frame) else "")
    extra = f" {html.escape(css_class)}" if css_class else ""
    return f'<figure class="wb-table-wrap{extra}">{cap}{_rows_markup(text, kinds)}{more}{link}</figure>'
