"""Safe display helpers for notebooks, and notebook -> self-contained HTML.

Inside a report notebook every table goes through :func:`show_table` and every text
through :func:`show_text` / :func:`header` / :func:`note`. They emit escaped HTML
(``DataFrame.to_html(escape=True)`` and ``html.escape``), never a pandas ``Styler``
or ``Markdown`` with raw values: a posting title carrying ``<script>`` is shown as text.

:func:`export_html` turns an executed notebook into one HTML file for recruiters:

* no code and no prompts (``exclude_input``), the ``basic`` template (no require.js,
  no MathJax, so "$85,000 – $95,000" stays text, no CDN fonts);
* every output passes an allow-list sanitiser (bleach): scripts, event handlers,
  iframes, forms, styles and external ``src``/``href`` are removed or escaped;
  ``img`` keeps only ``data:image/png|jpeg;base64`` sources, links only ``#anchors``;
* figures are embedded as ``data:`` URIs, CSS is inline, and a Content-Security-Policy
  meta tag forbids scripts and network loads as a second line of defence;
* :func:`check_offline` refuses a page that still holds a script or an external URL.

:func:`index_page` builds ``reports/index.html`` from run manifests.
"""

from __future__ import annotations

import html
import io
import json
import math
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Iterable, Mapping

from workbench.errors import ReportError

__all__ = [
    "Context",
    "band_counts",
    "check_offline",
    "compa_summary",
    "coverage_table",
    "fx_summary",
    "headline_from_percentiles",
    "headline_table",
    "rows_for",
    "context",
    "export_html",
    "fmt_money",
    "header",
    "header_html",
    "table_html",
    "text_html",
    "index_page",
    "note",
    "publish_headline",
    "show_figure",
    "show_table",
    "show_text",
    "start",
]

HEADLINE_FILE = "headline.json"


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
    return _CTX


def _display_html(markup: str) -> None:
    from IPython.display import HTML, display

    display(HTML(markup))


def header_html(text: Any, level: int = 2) -> str:
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
    """``85000`` -> ``"GBP 85,000"``; missing values -> ``"–"``."""
    try:
        v = float(value)
    except (TypeError, ValueError):
        return "–"
    if math.isnan(v):
        return "–"
    text = f"{v:,.{decimals}f}"
    return f"{currency} {text}".strip()


def show_table(df: Any, caption: Any = None, *, index: bool = False,
               decimals: int | Mapping[str, int] = 0, max_rows: int = 200) -> None:
    """Show a DataFrame as escaped HTML (cells, labels and caption are all escaped).

    ``decimals`` is one number for every float column, or a mapping of column ->
    decimals (other float columns get 0: money is shown in whole units).
    """
    _display_html(table_html(df, caption, index=index, decimals=decimals, max_rows=max_rows))


def _cell_text(value: Any, decimals: int | None) -> str:
    """Display text of one cell: missing -> "–", floats rounded with thousands separators."""
    try:
        import pandas as pd

        if value is None or (not isinstance(value, (list, tuple, dict)) and pd.isna(value)):
            return "–"
    except (TypeError, ValueError):
        pass
    if decimals is not None and isinstance(value, float):
        return f"{value:,.{decimals}f}"
    return str(value)


def table_html(df: Any, caption: Any = None, *, index: bool = False,
               decimals: int | Mapping[str, int] = 0, max_rows: int = 200) -> str:
    """The escaped HTML ``show_table`` displays (``DataFrame.to_html(escape=True)``)."""
    import pandas as pd

    frame = df if isinstance(df, pd.DataFrame) else pd.DataFrame(df)
    truncated = len(frame) > max_rows
    frame = frame.head(max_rows)
    per_column = dict(decimals) if isinstance(decimals, Mapping) else {}
    default = 0 if isinstance(decimals, Mapping) else int(decimals)
    # Every cell becomes text here (NaN, NA and None all read "–"); to_html then escapes it.
    text = pd.DataFrame(
        {i: [_cell_text(v, per_column.get(str(c), default)) for v in frame.iloc[:, i].tolist()]
         for i, c in enumerate(frame.columns)},
        index=frame.index,
    )
    text.columns = [str(c) for c in frame.columns]
    table = text.to_html(
        escape=True,
        index=index,
        border=0,
        classes="wb-table",
        render_links=False,
    )
    cap = f"<p class='wb-caption'>{html.escape(str(caption))}</p>" if caption else ""
    more = (f"<p class='wb-note'>Showing the first {max_rows} rows.</p>" if truncated else "")
    return f"<div class='wb-table-wrap'>{cap}{table}{more}</div>"


def show_figure(fig: Any, *, dpi: int = 100) -> None:
    """Show a matplotlib figure as an embedded PNG and close it."""
    from IPython.display import Image, display
    import matplotlib.pyplot as plt

    buf = io.BytesIO()
    fig.savefig(buf, format="png", dpi=dpi, bbox_inches="tight")
    plt.close(fig)
    display(Image(data=buf.getvalue(), format="png"))


def _jsonable(value: Any) -> Any:
    if isinstance(value, dict):
        return {str(k): _jsonable(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [_jsonable(v) for v in value]
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
    clean = _jsonable(dict(headline))
    if _CTX.output_dir:
        folder = Path(_CTX.output_dir)
        folder.mkdir(parents=True, exist_ok=True)
        tmp = folder / (HEADLINE_FILE + ".tmp")
        tmp.write_text(json.dumps(clean, indent=2, sort_keys=True), encoding="utf-8")
        tmp.replace(folder / HEADLINE_FILE)
    return clean


def band_counts(values: Iterable[float], bands: Iterable[float] = (0.0, 0.8, 0.9, 1.0, 1.1, 1.2, math.inf),
                *, min_cell: int = 5, label_format: str = "{lo:.2f}–{hi:.2f}") -> "Any":
    """Count values per band with small-cell suppression (for compa-ratios).

    Only counts are returned, never a value. A count below ``min_cell`` is shown as
    ``"<min_cell"``; when exactly one band is suppressed the next smallest is
    suppressed too, so the total cannot reveal it.
    """
    import pandas as pd

    edges = list(bands)
    vals = [float(v) for v in values if v is not None and not math.isnan(float(v))]
    rows = []
    for lo, hi in zip(edges[:-1], edges[1:]):
        label = (f"{lo:.2f} and above" if math.isinf(hi) else label_format.format(lo=lo, hi=hi))
        rows.append({"band": label, "count": sum(lo <= v < hi for v in vals)})
    counts = [r["count"] for r in rows]
    hidden = {i for i, c in enumerate(counts) if 0 < c < min_cell}
    if len(hidden) == 1:
        rest = [(c, i) for i, c in enumerate(counts) if i not in hidden and c > 0]
        if rest:
            hidden.add(min(rest)[1])
    out = pd.DataFrame(rows)
    out["count"] = [f"<{min_cell}" if i in hidden else str(c) for i, c in enumerate(counts)]
    out["suppressed"] = [i in hidden for i in range(len(counts))]
    return out


# ------------------------------------------------------------------ export side

_ALLOWED_TAGS = frozenset({
    "a", "abbr", "b", "blockquote", "br", "caption", "code", "col", "colgroup", "dd", "div",
    "dl", "dt", "em", "figcaption", "figure", "h1", "h2", "h3", "h4", "h5", "h6", "hr", "i",
    "img", "li", "ol", "p", "pre", "small", "span", "strong", "sub", "sup", "table",
    "tbody", "td", "tfoot", "th", "thead", "tr", "ul",
})
_SAFE_IMG = re.compile(r"^data:image/(png|jpeg);base64,[A-Za-z0-9+/=\s]+$")
_DROP_MIME = ("javascript", "widget", "svg", "latex", "markdown", "pdf")


def _allowed_attr(tag: str, name: str, value: str) -> bool:
    if name in ("class", "id", "title"):
        return True
    if tag == "img":
        if name == "src":
            return bool(_SAFE_IMG.match(value))
        return name in ("alt", "width", "height")
    if tag == "a":
        return name == "href" and value.startswith("#")
    if tag in ("td", "th"):
        return name in ("colspan", "rowspan")
    return False


def sanitize_fragment(markup: str) -> str:
    """Allow-list sanitise an HTML fragment (bleach), keeping embedded PNG/JPEG images."""
    import bleach

    return bleach.clean(
        markup,
        tags=_ALLOWED_TAGS,
        attributes=_allowed_attr,
        protocols={"data"},
        strip=False,
        strip_comments=True,
    )


def _strip_unsafe_outputs(nb: Any) -> Any:
    """Drop outputs that could run code or fetch from the network, and all inputs."""
    for cell in nb.cells:
        if cell.cell_type == "raw":
            cell.source = ""
        if cell.cell_type != "code":
            continue
        kept = []
        for out in cell.get("outputs", []):
            # Readers see what the notebook displayed on purpose (render.* helpers, figures).
            # Printed text, warnings (they carry server paths), tracebacks and bare
            # expression reprs are for the audit notebook only.
            if out.get("output_type") in ("stream", "error"):
                continue
            if out.get("output_type") == "execute_result":
                out.get("data", {}).pop("text/plain", None)
            if out.get("output_type") in ("display_data", "execute_result"):
                data = out.get("data", {})
                for mime in list(data):
                    if any(part in mime for part in _DROP_MIME):
                        del data[mime]
                # A figure's "<Figure size ...>" text repr is noise next to the image.
                if ("image/png" in data or "text/html" in data) and "text/plain" in data:
                    del data["text/plain"]
                if not data:
                    continue
            kept.append(out)
        cell.outputs = kept
    return nb


_CSS = """
:root { --ink:#1f2933; --muted:#52606d; --line:#cbd2d9; --band:#f5f7fa; --accent:#0b6e4f; }
* { box-sizing: border-box; }
body { font-family: system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif;
       color: var(--ink); margin: 0 auto; max-width: 1100px; padding: 1.5rem; line-height: 1.45; }
header.wb-header { border-bottom: 3px solid var(--accent); margin-bottom: 1.2rem; padding-bottom: .6rem; }
header.wb-header h1 { margin: 0 0 .4rem 0; font-size: 1.6rem; }
dl.wb-meta { display: grid; grid-template-columns: max-content 1fr; gap: .15rem 1rem; margin: 0;
             font-size: .9rem; color: var(--muted); }
dl.wb-meta dt { font-weight: 600; } dl.wb-meta dd { margin: 0; }
h2 { font-size: 1.25rem; margin-top: 1.8rem; border-bottom: 1px solid var(--line); }
h3 { font-size: 1.05rem; }
table { border-collapse: collapse; margin: .6rem 0 1rem 0; font-size: .9rem; font-variant-numeric: tabular-nums; }
th, td { border: 1px solid var(--line); padding: .3rem .6rem; text-align: left; vertical-align: top; }
thead th { background: var(--band); }
tbody tr:nth-child(even) { background: #fafbfc; }
td { max-width: 40rem; overflow-wrap: break-word; }
td.num { white-space: nowrap; }
.wb-caption { font-weight: 600; margin: .8rem 0 .2rem 0; }
.wb-note { color: var(--muted); font-size: .88rem; }
.wb-table-wrap { overflow-x: auto; }
img { max-width: 100%; height: auto; }
pre { white-space: pre-wrap; background: var(--band); padding: .5rem; font-size: .85rem; }
.status-ok { color: var(--accent); font-weight: 600; } .status-failed { color: #b42318; font-weight: 600; }
.wb-error { color: #b42318; font-size: .85rem; }
.jp-OutputPrompt, .jp-InputPrompt, .prompt { display: none; }
footer { margin-top: 2rem; color: var(--muted); font-size: .8rem; border-top: 1px solid var(--line); }
@media print {
  body { max-width: none; padding: 0; font-size: 10pt; }
  a { color: inherit; text-decoration: none; }
  table, img, figure { page-break-inside: avoid; break-inside: avoid; }
  h2, h3 { page-break-after: avoid; break-after: avoid; }
  thead { display: table-header-group; }
  .wb-table-wrap { overflow: visible; }
}
"""

# Scripts, objects, frames and every network load are forbidden by the page itself.
_CSP = "default-src 'none'; img-src data:; style-src 'unsafe-inline'; base-uri 'none'; form-action 'none'"


def _page(title: str, header_html: str, body: str, footer: str = "") -> str:
    return (
        "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
        f"<meta http-equiv=\"Content-Security-Policy\" content=\"{_CSP}\">\n"
        "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
        "<meta name=\"referrer\" content=\"no-referrer\">\n"
        f"<title>{html.escape(title)}</title>\n<style>{_CSS}</style>\n</head>\n<body>\n"
        f"{header_html}\n<main>\n{body}\n</main>\n"
        f"<footer>{footer}</footer>\n</body>\n</html>\n"
    )


def _meta_list(meta: Mapping[str, Any]) -> str:
    rows = []
    for key, value in meta.items():
        if value is None or value == "":
            continue
        if isinstance(value, Mapping):
            value = ", ".join(f"{k}={v}" for k, v in value.items()) or "none"
        rows.append(f"<dt>{html.escape(str(key))}</dt><dd>{html.escape(str(value))}</dd>")
    return f"<dl class=\"wb-meta\">{''.join(rows)}</dl>"


# CVE-2021-32862 (<6.3), CVE-2025-53000 (<7.17.0), CVE-2026-39377/39378 (<7.17.1).
MIN_NBCONVERT = (7, 17, 1)


def _require_safe_nbconvert() -> None:
    from importlib.metadata import version

    found = version("nbconvert")
    parts = tuple(int(p) for p in re.findall(r"\d+", found)[:3])
    if parts < MIN_NBCONVERT:
        raise ReportError(f"nbconvert {found} has known HTML-export vulnerabilities; "
                          f"upgrade to >= {'.'.join(map(str, MIN_NBCONVERT))} (pip install -U nbconvert)")


def export_html(notebook: Any, *, title: str, meta: Mapping[str, Any] | None = None) -> str:
    """Render an executed notebook (node or path) to one safe, self-contained HTML page.

    ``meta`` (role, data date, n, parameters, run id, ...) becomes the header block;
    every key and value is escaped.
    """
    import nbformat
    from nbconvert import HTMLExporter

    _require_safe_nbconvert()

    nb = nbformat.read(str(notebook), as_version=4) if isinstance(notebook, (str, Path)) else nbformat.from_dict(notebook)
    nb = _strip_unsafe_outputs(nb)
    exporter = HTMLExporter(
        template_name="basic",
        exclude_input=True,
        exclude_input_prompt=True,
        exclude_output_prompt=True,
        anchor_link_text="",
    )
    try:
        body, _ = exporter.from_notebook_node(nb)
    except Exception as exc:  # nbconvert raises a variety of template errors
        raise ReportError(f"HTML export failed for {title!r}: {exc}") from exc
    body = sanitize_fragment(body)
    head = f"<header class=\"wb-header\"><h1>{html.escape(title)}</h1>{_meta_list(meta or {})}</header>"
    footer = "Generated by the workbench. Code is not shown; the executed notebook is kept beside this page for audit."
    page = _page(title, head, body, html.escape(footer))
    check_offline(page)
    return page


_FORBIDDEN_TAGS = {"script", "iframe", "frame", "object", "embed", "link", "base", "form", "applet",
                   "audio", "video", "source", "svg", "math", "template", "portal"}
_URL_ATTRS = {"src", "href", "action", "formaction", "poster", "data", "srcset", "xlink:href",
              "background", "cite", "longdesc", "ping", "manifest"}


def _is_relative(url: str) -> bool:
    """A link to a file beside this one (no scheme, no host, no parent folder)."""
    return not re.match(r"^\s*([a-z][a-z0-9+.\-]*:|//|\\\\|/)", url, re.I) and ".." not in url


class _OfflineChecker:
    """Walk the real tags of a page (escaped text is not a tag) and list violations."""

    def __init__(self) -> None:
        from html.parser import HTMLParser

        problems: list[str] = []
        self.problems = problems
        in_style = [False]

        class Parser(HTMLParser):
            def handle_starttag(self, tag, attrs):  # noqa: D401 - HTMLParser API
                if tag in _FORBIDDEN_TAGS:
                    problems.append(f"<{tag}> element")
                if tag == "meta" and any(k == "http-equiv" and (v or "").lower() == "refresh" for k, v in attrs):
                    problems.append("meta refresh")
                for name, value in attrs:
                    value = (value or "").strip()
                    if name.startswith("on"):
                        problems.append(f"event handler {name} on <{tag}>")
                    elif name in _URL_ATTRS and not (value.startswith("#") or _SAFE_IMG.match(value)
                                                      or (name == "href" and _is_relative(value))):
                        problems.append(f"external reference {name}={value[:60]!r} on <{tag}>")
                    elif name == "style" and re.search(r"url\(|expression\(|@import", value, re.I):
                        problems.append(f"url() in style attribute on <{tag}>")
                in_style[0] = tag == "style"

            def handle_startendtag(self, tag, attrs):
                self.handle_starttag(tag, attrs)
                in_style[0] = False

            def handle_endtag(self, tag):
                in_style[0] = False

            def handle_data(self, data):
                if in_style[0] and re.search(r"url\(|@import|expression\(", data, re.I):
                    problems.append("url() or @import in <style>")

        self.parser = Parser(convert_charrefs=True)

    def feed(self, page: str) -> list[str]:
        self.parser.feed(page)
        self.parser.close()
        return self.problems


def check_offline(page: str) -> None:
    """Raise ``ReportError`` if a page holds a live script, event handler or external load.

    Payloads shown as text are escaped (``&lt;script&gt;``) and are not tags, so they pass.
    """
    problems = _OfflineChecker().feed(page)
    if problems:
        raise ReportError("rendered HTML is not safe to publish: " + "; ".join(sorted(set(problems))[:5]))


# ------------------------------------------------------------------ index page


def _fmt_num(value: Any) -> str:
    try:
        v = float(value)
    except (TypeError, ValueError):
        return "–"
    return "–" if math.isnan(v) else f"{v:,.0f}"


def _when(stamp: Any) -> str:
    """``2026-11-23T18:58:18+00:00`` -> ``2026-11-23 18:58 UTC``."""
    text = str(stamp or "")
    if len(text) >= 16 and text[10] == "T":
        return f"{text[:10]} {text[11:16]} UTC" if text.endswith("+00:00") else f"{text[:10]} {text[11:16]}"
    return text


def index_page(manifest: Mapping[str, Any], other_runs: Iterable[Mapping[str, Any]] = ()) -> str:
    """The offline index of a run: one row per report with headline figures and status."""
    e = html.escape
    rows = []
    for rep in manifest.get("reports", []):
        hl = rep.get("headline") or {}
        status = rep.get("status", "unknown")
        shown = rep.get("html")
        link = f"<a href=\"#\">{e(rep.get('name', ''))}</a>"
        if shown:
            # Relative links only; the slug is [a-z0-9-] and the date a plain ISO date.
            href = f"{manifest.get('as_of', '')}/{rep.get('slug', '')}.html"
            link = f"<a href=\"{e(href)}\">{e(rep.get('name', ''))}</a>"
        else:
            link = e(rep.get("name", ""))
        cur = hl.get("currency", "")
        headline = "–"
        if hl.get("suppressed"):
            headline = "suppressed: " + str(hl.get("suppression_reason") or "small cell")
        elif hl.get("p50") is not None:
            headline = f"{cur} {_fmt_num(hl.get('p50'))} (P25–P75 {_fmt_num(hl.get('p25'))}–{_fmt_num(hl.get('p75'))})".strip()
        status_html = f"<span class=\"status-{'ok' if status == 'ok' else 'failed'}\">{e(status)}</span>"
        if status != "ok":
            err = rep.get("error") or ""
            status_html += f"<div class=\"wb-error\">{e(err[:400])}</div>"
            prev = rep.get("previous")
            if prev and shown:
                status_html += f"<div class=\"wb-note\">showing the previous good report from run {e(str(prev.get('run_id', '')))}</div>"
        params = ", ".join(f"{k}={v}" for k, v in (rep.get("parameters") or {}).items())
        rows.append(
            "<tr>"
            f"<td>{link}</td><td>{e(str(rep.get('audience', '')))}</td>"
            f"<td>{e(headline)}</td><td class=\"num\">{e(_fmt_num(hl.get('n')) if hl.get('n') is not None else '–')}</td>"
            f"<td>{status_html}</td><td class=\"num\">{e(_when(rep.get('finished')))}</td><td>{e(params)}</td>"
            "</tr>"
        )
    table = (
        "<table><thead><tr><th>report</th><th>audience</th><th>median (P25–P75)</th><th>n</th>"
        "<th>status</th><th>last updated</th><th>parameters</th></tr></thead><tbody>"
        + "".join(rows) + "</tbody></table>"
    )
    data = manifest.get("data") or {}
    versions = manifest.get("versions") or {}
    meta = {
        "as of": manifest.get("as_of"),
        "run id": manifest.get("run_id"),
        "finished": _when(manifest.get("finished")),
        "data fingerprint": data.get("fingerprint"),
        "reports": f"{sum(r.get('status') == 'ok' for r in manifest.get('reports', []))} ok of {len(manifest.get('reports', []))}",
    }
    head = f"<header class=\"wb-header\"><h1>Account role benchmarks</h1>{_meta_list(meta)}</header>"
    ver = "<h2>Versions</h2>" + _meta_list(versions)
    runs = list(other_runs)
    history = ""
    if runs:
        items = "".join(
            f"<li><a href=\"{e(str(r.get('as_of')))}/manifest.json\">{e(str(r.get('as_of')))}</a> "
            f"run {e(str(r.get('run_id')))}: {sum(x.get('status') == 'ok' for x in r.get('reports', []))} ok "
            f"of {len(r.get('reports', []))}</li>"
            for r in runs
        )
        history = f"<h2>Earlier runs</h2><ul>{items}</ul>"
    note_html = ("<p class=\"wb-note\">Analyst reports hold aggregated internal pay only; market figures are "
                 "from job postings; the OEWS reference is shown beside, never blended.</p>")
    page = _page("Account role benchmarks", head, table + note_html + ver + history)
    check_offline(page)
    return page


# ------------------------------------------------------------------ display-table builders
# Small, tested reshaping for the report notebooks: they decide what a reader sees
# (suppressed cells blank, no individual pay), so they live here and not in a notebook.


def rows_for(frame: Any, **equals: Any) -> Any:
    """Rows of ``frame`` where each named column equals the value (absent columns are ignored)."""
    out = frame
    for column, value in equals.items():
        if column in out.columns:
            out = out[out[column] == value]
    return out.reset_index(drop=True)


def headline_from_percentiles(percentiles: Any, *, level: int, label: str = "", currency: str = "") -> dict:
    """Headline figures of one level from ``bench.market_percentiles`` output.

    A suppressed cell keeps ``n`` and the reason and drops every pay figure.
    """
    row = rows_for(percentiles, role_level=level)
    head: dict[str, Any] = {"level": level, "label": label, "currency": currency, "n": 0,
                            "n_sources": 0, "p25": None, "p50": None, "p75": None,
                            "p50_ci_low": None, "p50_ci_high": None, "suppressed": True,
                            "suppression_reason": "no postings with pay at this level"}
    if len(row):
        r = row.iloc[0]
        suppressed = bool(r.get("suppressed", False))
        head.update(n=int(r.get("n", 0) or 0), n_sources=int(r.get("n_sources", 0) or 0),
                    suppressed=suppressed,
                    suppression_reason=(str(r.get("suppression_reason")) if suppressed else None),
                    currency=str(r.get("currency") or currency))
        if not suppressed:
            for key in ("p25", "p50", "p75", "p50_ci_low", "p50_ci_high"):
                head[key] = _jsonable(r.get(key))
    return _jsonable(head)


def headline_table(head: Mapping[str, Any]) -> Any:
    """One-row display table of a headline (money formatted, suppression spelled out)."""
    import pandas as pd

    cur = head.get("currency", "")
    if head.get("suppressed"):
        return pd.DataFrame([{"n postings": head.get("n"), "companies": head.get("n_sources"),
                              "median": "suppressed", "reason": head.get("suppression_reason")}])
    return pd.DataFrame([{
        "n postings": head.get("n"), "companies": head.get("n_sources"),
        "median (P50)": fmt_money(head.get("p50"), cur),
        "P25–P75": f"{fmt_money(head.get('p25'), cur)} – {fmt_money(head.get('p75'))}",
        "95% CI of median": f"{fmt_money(head.get('p50_ci_low'), cur)} – {fmt_money(head.get('p50_ci_high'))}",
    }])


def coverage_table(tables: Any) -> Any:
    """How much of the ingested data each extraction step covered (counts and shares)."""
    import pandas as pd

    postings = getattr(tables, "postings", pd.DataFrame())
    records = getattr(tables, "records", pd.DataFrame())
    n_post = int(postings["posting_id"].nunique()) if "posting_id" in postings else len(postings)
    n_rec = int(records["record_id"].nunique()) if "record_id" in records else len(records)

    def records_in(name: str) -> int:
        frame = getattr(tables, name, pd.DataFrame())
        return int(frame["record_id"].nunique()) if "record_id" in frame else 0

    salaries = getattr(tables, "salaries", pd.DataFrame())
    usable = 0
    if {"record_id", "annual_low_rc", "annual_high_rc"} <= set(salaries.columns):
        ok = salaries[(salaries["annual_low_rc"].notna() | salaries["annual_high_rc"].notna())
                      & ~salaries.get("masked", pd.Series(False, index=salaries.index)).fillna(False).astype(bool)]
        usable = int(ok["record_id"].nunique())
    level = int(records["role_level"].notna().sum()) if "role_level" in records else 0
    rows = [
        ("postings ingested", n_post, n_post),
        ("roles found (records)", n_rec, n_post),
        ("records with a level", level, n_rec),
        ("records with a pay mention", records_in("salaries"), n_rec),
        ("records with usable pay", usable, n_rec),
        ("records with a time allocation", records_in("time_allocation"), n_rec),
        ("records with responsibilities", records_in("responsibilities"), n_rec),
        ("records with skills", records_in("skills"), n_rec),
    ]
    return pd.DataFrame([{"step": s, "count": c, "share": (f"{c / d:.0%}" if d else "–")} for s, c, d in rows])


def fx_summary(salaries: Any, as_of: str | None = None, *, stale_days: int = 31) -> Any:
    """Exchange rates used per currency pair: rate dates, rates, mentions and a staleness flag."""
    import pandas as pd

    need = {"currency", "reporting_currency", "rate_date", "fx_rate"}
    if not need <= set(salaries.columns) or salaries.empty:
        return pd.DataFrame(columns=["currency", "to", "mentions", "earliest rate date",
                                     "latest rate date", "rates", "warning"])
    data = salaries.dropna(subset=["currency"])
    rows = []
    ref = pd.Timestamp(as_of) if as_of else None
    for (ccy, rc), cell in data.groupby(["currency", "reporting_currency"], dropna=False):
        dates = pd.to_datetime(cell["rate_date"], errors="coerce")
        rates = pd.to_numeric(cell["fx_rate"], errors="coerce").dropna()
        warning = ""
        if ccy != rc and dates.notna().any() and ref is not None and (ref - dates.max()).days > stale_days:
            warning = f"latest rate is {(ref - dates.max()).days} days before {ref.date()}"
        if ccy != rc and rates.empty:
            warning = "no rate recorded"
        rows.append({"currency": ccy, "to": rc, "mentions": len(cell),
                     "earliest rate date": str(dates.min().date()) if dates.notna().any() else "–",
                     "latest rate date": str(dates.max().date()) if dates.notna().any() else "–",
                     "rates": (f"{rates.min():.4f}–{rates.max():.4f}" if len(rates) else "–"),
                     "warning": warning})
    return pd.DataFrame(rows)


def compa_summary(compa: Any, *, by: str = "level", value: str = "compa_ratio", min_cell: int = 5,
                  bands: Iterable[float] = (0.0, 0.8, 0.9, 1.0, 1.1, 1.2, math.inf)) -> Any:
    """Aggregated compa-ratios per level: counts per band and the median, never a person.

    A level with fewer than ``min_cell`` people shows no median and no band counts;
    band counts below ``min_cell`` are suppressed (see :func:`band_counts`).
    """
    import pandas as pd

    edges = list(bands)
    rows = []
    for key, cell in compa.groupby(by, dropna=True, sort=True):
        vals = pd.to_numeric(cell[value], errors="coerce").dropna()
        row: dict[str, Any] = {by: key, "people": len(cell) if len(cell) >= min_cell else f"<{min_cell}",
                               "with market match": len(vals) if len(vals) >= min_cell else f"<{min_cell}"}
        counts = band_counts(vals, edges, min_cell=min_cell)
        if len(vals) >= min_cell:
            row["median compa-ratio"] = f"{vals.median():.2f}"
            for band, count in zip(counts["band"], counts["count"]):
                row[band] = count
        else:
            row["median compa-ratio"] = "suppressed"
            for band in counts["band"]:
                row[band] = "–"
        rows.append(row)
    return pd.DataFrame(rows)
