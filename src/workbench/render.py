"""Kernel-side display helpers: what a report notebook imports to show things safely.

Inside a report notebook every table goes through :func:`show_table` and every text
through :func:`show_text` / :func:`header` / :func:`note`. They emit escaped HTML
(:mod:`workbench.tables` and ``html.escape``), never a pandas ``Styler``
or ``Markdown`` with raw values: a posting title carrying ``<script>`` is shown as text.
Figures go through :func:`show_figure` (an embedded PNG with alt text), headline figures for the
index through :func:`publish_headline`.

This module runs in the kernel. Turning the executed notebook into a page is
:mod:`workbench.publish` (runner side); the display tables the notebooks show are
built by :mod:`workbench.views`.
"""

from __future__ import annotations

import html
import io
import json
import math
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Mapping

__all__ = [
    "Context",
    "HEADLINE_FILE",
    "TABLE_KINDS",
    "context",
    "fmt_money",
    "header",
    "header_html",
    "jsonable",
    "note",
    "publish_headline",
    "figure_html",
    "listing_caption",
    "show_figure",
    "show_listing",
    "show_table",
    "show_text",
    "start",
    "table_html",
    "text_html",
]

HEADLINE_FILE = "headline.json"
# What a table holds, as a class on its wrapper (``wb-<kind>``), so a published page can be
# checked against the disclosure rules: ``figures`` (statistics of postings; every row
# carries the counts ``n`` and ``n_sources`` of what fed it), ``postings`` (a listing of
# titles, employers or duty wording) and ``other`` (counts of files or steps, exchange
# rates, an external reference: no statistic of postings).
TABLE_KINDS = ("figures", "postings", "other")


# ------------------------------------------------------------------ notebook side


@dataclass
class Context:
    """What the runner injected into a report notebook."""

    store_dir: str = ""
    output_dir: str = ""
    run_id: str = ""
    as_of: str = ""


_CTX = Context()


def start(*, store_dir: str = "", output_dir: str = "", run_id: str = "", as_of: str = "") -> None:
    """Record the runner's injected values and set figure defaults; call once per notebook.

    ``render.context()`` returns them afterwards.
    """
    global _CTX
    _CTX = Context(store_dir=store_dir, output_dir=output_dir, run_id=run_id, as_of=as_of)
    try:
        import matplotlib

        matplotlib.use("Agg")
    except ImportError:  # pragma: no cover - matplotlib is a dependency
        pass


def context() -> Context:
    """The values :func:`start` recorded."""
    return _CTX


def _display_html(markup: str) -> None:
    from IPython.display import HTML, display

    display(HTML(markup))


def header_html(text: Any, level: int = 2) -> str:
    """An escaped heading, level 1 to 4."""
    level = min(max(int(level), 1), 4)
    return f"<h{level}>{html.escape(str(text))}</h{level}>"


def text_html(text: Any, *, css_class: str | None = None) -> str:
    """Escaped paragraphs: one per item of a list, or per blank-line block of a string."""
    if isinstance(text, (list, tuple)):
        blocks = [str(t) for t in text]
    else:
        blocks = [b for b in re.split(r"\n\s*\n", str(text)) if b.strip()]
    cls = f' class="{html.escape(css_class)}"' if css_class else ""
    return "".join(f"<p{cls}>{html.escape(b)}</p>" for b in blocks)


def header(text: Any, level: int = 2) -> None:
    """Show a heading; ``text`` is escaped."""
    _display_html(header_html(text, level))


def show_text(text: Any, *, css_class: str | None = None) -> None:
    """Show a paragraph (or several); ``text`` is escaped."""
    _display_html(text_html(text, css_class=css_class))


def note(text: Any) -> None:
    """Show a small caveat line (suppression, data caveats); escaped."""
    show_text(text, css_class="wb-note")


def fmt_money(value: Any, currency: str = "", decimals: int = 0) -> str:
    """``85000, "GBP"`` -> ``"£85,000"`` (:func:`workbench.formats.money`: three significant
    figures, the currency's symbol); missing values -> ``"–"``. ``decimals`` is kept for
    callers of the earlier signature; money is shown in whole units."""
    from workbench.formats import money

    return money(value, currency or None)


def show_table(df: Any, caption: Any = None, *, index: bool = False,
               decimals: int | Mapping[str, int] = 0, max_rows: int = 200,
               currency: str | None = None, kind: str = "figures") -> None:
    """Show a DataFrame as escaped HTML (cells, labels and caption are all escaped).

    Headers and categories are shown in words and each column is written by its kind
    (:mod:`workbench.tables`): money columns with ``currency``'s symbol (or each row's
    ``currency`` column), shares as %. ``decimals`` is one number for every other float
    column, or a mapping of column -> decimals. ``kind`` says what the table holds
    (:data:`TABLE_KINDS`) and becomes its ``wb-<kind>`` class.
    """
    _display_html(table_html(df, caption, index=index, decimals=decimals, max_rows=max_rows,
                             currency=currency, kind=kind))


def table_html(df: Any, caption: Any = None, *, index: bool = False,
               decimals: int | Mapping[str, int] = 0, max_rows: int = 200,
               currency: str | None = None, kind: str = "figures") -> str:
    """The escaped HTML ``show_table`` displays (:func:`workbench.tables.table_markup`),
    its wrapper classed ``wb-<kind>``."""
    from workbench.tables import table_markup

    if kind not in TABLE_KINDS:
        raise ValueError(f"kind {kind!r}; expected one of {TABLE_KINDS}")
    return table_markup(df, caption, index=index, currency=currency, decimals=decimals, max_rows=max_rows,
                        css_class=f"wb-{kind}")


def listing_caption(what: Any, n: Any, n_sources: Any) -> str:
    """A listing's caption with the counts of the postings behind it."""
    return f"{what}: from {n} posting{'s' if n != 1 else ''}, {n_sources} compan{'ies' if n_sources != 1 else 'y'}"


def show_listing(frame: Any, what: Any, disclosure: Any = None) -> None:
    """Show a listing of postings (titles, employers or duty wording) from
    ``bench.level_postings`` / ``bench.example_responsibilities``, captioned with the
    counts of the postings behind it; when those postings failed disclosure control
    (``frame.attrs["suppression_reason"]``), only the reason (rule 6 of
    :mod:`workbench.disclosure`)."""
    from workbench.disclosure import listing_note

    reason = frame.attrs.get("suppression_reason")
    if reason:
        note(listing_note(reason, disclosure))
        return
    show_table(frame, caption=listing_caption(what, frame.attrs.get("n"), frame.attrs.get("n_sources")),
               kind="postings")


def figure_html(fig: Any, alt: Any, *, dpi: int = 100) -> str:
    """A matplotlib figure as an embedded PNG ``<img>`` whose ``alt`` says what it shows; closes it."""
    import base64

    import matplotlib.pyplot as plt

    buf = io.BytesIO()
    fig.savefig(buf, format="png", dpi=dpi, bbox_inches="tight")
    plt.close(fig)
    data = base64.b64encode(buf.getvalue()).decode("ascii")
    return (f'<figure class="wb-chart"><img src="data:image/png;base64,{data}" alt="{html.escape(str(alt))}">'
            f"</figure>")


def show_figure(fig: Any, alt: Any = "Chart", *, dpi: int = 100) -> None:
    """Show a matplotlib figure as an embedded PNG with ``alt`` text (what the chart shows)."""
    _display_html(figure_html(fig, alt, dpi=dpi))


def jsonable(value: Any) -> Any:
    """``value`` with numpy numbers as Python numbers, NaN and infinities as None, keys as text."""
    if isinstance(value, dict):
        return {str(k): jsonable(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [jsonable(v) for v in value]
    if isinstance(value, (str, bool)) or value is None:
        return value
    if isinstance(value, int):
        return int(value)
    if "int" in type(value).__name__:
        try:
            return int(value)
        except (TypeError, ValueError):
            pass
    try:
        f = float(value)
    except (TypeError, ValueError):
        return str(value)
    return None if math.isnan(f) or math.isinf(f) else f


def publish_headline(headline: Mapping[str, Any]) -> dict:
    """Record a report's headline figures for the index page.

    Writes ``headline.json`` into the folder the runner injected (``output_dir``);
    outside a run (JupyterLab) it only returns the cleaned dict.
    """
    clean = jsonable(dict(headline))
    if _CTX.output_dir:
        folder = Path(_CTX.output_dir)
        folder.mkdir(parents=True, exist_ok=True)
        tmp = folder / (HEADLINE_FILE + ".tmp")
        tmp.write_text(json.dumps(clean, indent=2, sort_keys=True), encoding="utf-8")
        tmp.replace(folder / HEADLINE_FILE)
    return clean
