"""Publication: executed notebooks to self-contained HTML, pages into place, the index.

Pages are built from the Jinja2 templates in ``workbench/templates/`` (``layout``,
``report_page``, ``index``, ``macros`` and ``report.css``) with autoescaping on: every
value a template prints is escaped unless it is already sanitised markup.

:func:`export_html` turns an executed notebook into one HTML file for recruiters:

* no code and no prompts (``exclude_input``), nbconvert's ``basic`` template (no
  require.js, no MathJax, so "$85,000 – $95,000" stays text, no CDN fonts);
* every output passes the allow-list sanitiser (:mod:`workbench.sanitize`);
* figures are embedded as ``data:`` URIs, CSS is inline, and a Content-Security-Policy
  meta tag forbids scripts and network loads as a second line of defence;
* :func:`workbench.sanitize.check_offline` refuses a page that still holds a script or
  an external URL.

:func:`publish_runs` moves a batch's finished pages from its staging folder into
``OUT/<date>/`` with ``os.replace`` (a failed report keeps its previous good page),
:func:`write_index` (re)writes ``OUT/index.html`` from the date manifests, each date's
own ``OUT/run-<date>.html`` (what "Earlier runs" link to) and ``OUT/about.html``
("About this run": run id, data fingerprint, package versions, each recruiter report's
parameters).

Audiences (rule 7 of :mod:`workbench.disclosure`): every page names its audience in a
``<meta name="workbench-audience">`` tag and a ``wb-audience-<audience>`` class on its
body; an analyst page opens with ``disclosure.ANALYST_NOTICE``. ``OUT/index.html``, the
dated ``run-<date>.html`` pages and the about pages list the recruiter pages only; the
analyst pages are listed in ``OUT/analyst.html``, which no recruiter page links to.

Recruiter pages put the answer first: the index names each role with its median and
middle half in money (:mod:`workbench.formats`); a page's run details sit in a collapsed
"About this report" block; a page built from the embedded synthetic sample
(:func:`workbench.prepare.is_sample`) carries a banner saying so; long pages get a table
of contents built from their section headings.
"""

from __future__ import annotations

import json
import math
import os
import re
from functools import lru_cache
from pathlib import Path
from typing import Any, Iterable, Mapping

from workbench.disclosure import ANALYST, ANALYST_NOTICE, AUDIENCES, RECRUITER, SMALL_CELL
from workbench.errors import ReportError
from workbench.runs import Batch, Run, atomic_write, read_manifest
from workbench.sanitize import check_offline, sanitize_fragment, strip_unsafe_outputs

__all__ = ["INDEX_FILES", "MIN_NBCONVERT", "PublishLock", "SAMPLE_BANNER", "about_page", "export_html",
           "index_page", "publish_runs", "write_index"]

TEMPLATES = Path(__file__).resolve().parent / "templates"
INDEX_TITLE = "Account role benchmarks"
# One index per audience: recruiters' pages never link to the analysts' index.
INDEX_FILES = {RECRUITER: "index.html", ANALYST: "analyst.html"}
_INDEX_TITLES = {RECRUITER: INDEX_TITLE, ANALYST: f"{INDEX_TITLE} (analyst reports)"}
_FOOTNOTES = {
    RECRUITER: "Market figures are from job postings; the US OEWS reference is shown beside them, never blended.",
    ANALYST: "Analyst reports hold aggregated internal pay; they are not listed in the recruiters' index.",
}
SAMPLE_BANNER = ("Sample data: these figures come from the synthetic postings shipped with the workbench, "
                 "not from real job postings. Run it on your own postings before relying on them.")
# Each date's own (recruiter) index and about pages, beside OUT/index.html (the date folders hold reports only).
DATE_INDEX, DATE_ABOUT = "run-{as_of}.html", "about-{as_of}.html"
# A table of contents from this many section headings up.
TOC_MIN_HEADINGS = 4
# CVE-2021-32862 (<6.3), CVE-2025-53000 (<7.17.0), CVE-2026-39377/39378 (<7.17.1).
MIN_NBCONVERT = (7, 17, 1)


@lru_cache(maxsize=1)
def _environment() -> Any:
    import jinja2

    return jinja2.Environment(
        loader=jinja2.FileSystemLoader(str(TEMPLATES)),
        autoescape=True,
        keep_trailing_newline=True,
        undefined=jinja2.StrictUndefined,
    )


def _render(template: str, *, audience: str = RECRUITER, sample: bool = False, **context: Any) -> str:
    if audience not in AUDIENCES:
        raise ReportError(f"audience {audience!r}; expected one of {list(AUDIENCES)}")
    notice = ANALYST_NOTICE if audience == ANALYST else None
    banner = SAMPLE_BANNER if sample else None
    page = _environment().get_template(template).render(audience=audience, notice=notice, banner=banner,
                                                        **context)
    check_offline(page)
    return page


def _meta_items(meta: Mapping[str, Any]) -> list[tuple[str, str]]:
    """(name, text) pairs for a header list: empty values left out, mappings as ``k=v, ...``."""
    items = []
    for key, value in meta.items():
        if value is None or value == "":
            continue
        if isinstance(value, Mapping):
            value = ", ".join(f"{k}={v}" for k, v in value.items()) or "none"
        items.append((str(key), str(value)))
    return items


# ------------------------------------------------------------------ report pages


def _require_safe_nbconvert() -> None:
    from importlib.metadata import version

    found = version("nbconvert")
    parts = tuple(int(p) for p in re.findall(r"\d+", found)[:3])
    if parts < MIN_NBCONVERT:
        raise ReportError(f"nbconvert {found} has known HTML-export vulnerabilities; "
                          f"upgrade to >= {'.'.join(map(str, MIN_NBCONVERT))} (pip install -U nbconvert)")


_HEADING = re.compile(r"<h([23])([^>]*)>(.*?)</h\1>", re.S)


def _with_toc(body: str) -> tuple[str, list[dict[str, str]]]:
    """The body with an id on each h2/h3 section heading, and the table of contents
    (level, id, text) when there are at least ``TOC_MIN_HEADINGS`` of them."""
    import html as html_module

    entries: list[dict[str, str]] = []

    def tag(match: re.Match) -> str:
        level, attrs, inner = match.groups()
        text = html_module.unescape(re.sub(r"<[^>]+>", "", inner)).strip()
        if not text:
            return match.group(0)
        anchor = f"s{len(entries) + 1}"
        entries.append({"level": level, "id": anchor, "text": text})
        attrs = re.sub(r'\s+id="[^"]*"', "", attrs)
        return f'<h{level}{attrs} id="{anchor}">{inner}</h{level}>'

    tagged = _HEADING.sub(tag, body)
    return tagged, (entries if len(entries) >= TOC_MIN_HEADINGS else [])


def export_html(notebook: Any, *, title: str, meta: Mapping[str, Any] | None = None,
                audience: str = RECRUITER, sample: bool = False) -> str:
    """Render an executed notebook (node or path) to one safe, self-contained HTML page.

    ``meta`` (role, data date, n, parameters, run id, ...) becomes the collapsed
    "About this report" block; every key and value is escaped. ``audience`` marks the
    page (see the module docstring). ``sample``: the data are the embedded synthetic
    sample, and the page says so in a banner.
    """
    import nbformat
    from markupsafe import Markup
    from nbconvert import HTMLExporter

    _require_safe_nbconvert()

    nb = nbformat.read(str(notebook), as_version=4) if isinstance(notebook, (str, Path)) else nbformat.from_dict(notebook)
    nb = strip_unsafe_outputs(nb)
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
    # Markup: the body has passed the allow-list sanitiser; escaping it again would show tags as text.
    tagged, toc = _with_toc(sanitize_fragment(body))
    return _render("report_page.html.j2", audience=audience, sample=sample, title=title,
                   meta=_meta_items(meta or {}), toc=toc, body=Markup(tagged))


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


def _headline_text(hl: Mapping[str, Any]) -> tuple[str, str]:
    """The index's median and middle-half columns: ("£42,000", "£38,000 – £47,000"), or why hidden."""
    from workbench.formats import money

    if hl.get("suppressed"):
        return "not shown", str(hl.get("suppression_reason") or SMALL_CELL)
    if hl.get("p50") is not None:
        cur = hl.get("currency") or None
        return money(hl.get("p50"), cur), f"{money(hl.get('p25'), cur)} – {money(hl.get('p75'), cur)}"
    return "–", "–"


def _index_row(rep: Mapping[str, Any], prefix: str) -> dict[str, Any]:
    """What the index shows of one report of a manifest (all text; the template escapes it)."""
    hl = rep.get("headline") or {}
    status = rep.get("status", "unknown")
    shown = rep.get("html")
    prev = rep.get("previous")
    median, middle = _headline_text(hl)
    return {
        # Relative links only; the slug is [a-z0-9-] and the date a plain ISO date.
        "href": f"{prefix}{rep.get('slug', '')}.html" if shown else None,
        "name": rep.get("name", ""),
        "audience": str(rep.get("audience", "")),
        "median": median,
        "middle": middle,
        "n": _fmt_num(hl.get("n")) if hl.get("n") is not None else "–",
        "ok": status == "ok",
        "status": status,
        "error": (rep.get("error") or "")[:400],
        "previous_run": str(prev.get("run_id", "")) if prev and shown else None,
        "when": _when(rep.get("finished")),
        "parameters": ", ".join(f"{k}={v}" for k, v in (rep.get("parameters") or {}).items()),
    }


def _audience_of(rep: Mapping[str, Any]) -> str:
    """A manifest entry's audience; an entry without one (an older manifest) counts as analyst,
    so that nothing unmarked reaches the recruiters' index."""
    return str(rep.get("audience") or ANALYST)


def _reports_for(manifest: Mapping[str, Any], audience: str) -> list[Mapping[str, Any]]:
    return [r for r in manifest.get("reports", []) if _audience_of(r) == audience]


def _summary(manifest: Mapping[str, Any], audience: str) -> dict[str, Any]:
    reports = _reports_for(manifest, audience)
    return {"as_of": str(manifest.get("as_of")), "run_id": str(manifest.get("run_id")),
            "ok": sum(r.get("status") == "ok" for r in reports), "total": len(reports)}


def index_page(manifest: Mapping[str, Any], other_runs: Iterable[Mapping[str, Any]] = (), *,
               audience: str = RECRUITER, dated: bool = False) -> str:
    """The offline index of a run for one audience: one row per report of that audience, in
    the plan's order, with its median, middle half, n and status. ``dated``: the page is
    that date's ``OUT/run-<date>.html`` (linking to its own about page)."""
    as_of = str(manifest.get("as_of") or "")
    prefix = f"{as_of}/"
    reports = _reports_for(manifest, audience)
    sample = bool((manifest.get("data") or {}).get("sample"))
    return _render("index.html.j2", audience=audience, sample=sample, title=_INDEX_TITLES[audience],
                   as_of=as_of, summary=_summary(manifest, audience), finished=_when(manifest.get("finished")),
                   rows=[_index_row(rep, prefix) for rep in reports],
                   earlier=[_summary(r, audience) for r in other_runs], footnote=_FOOTNOTES[audience],
                   about=DATE_ABOUT.format(as_of=as_of) if dated else "about.html")


def about_page(manifest: Mapping[str, Any]) -> str:
    """"About this run": run id, data, package versions and each recruiter report's parameters
    (the audit side; analyst reports are listed only in ``OUT/analyst.html``)."""
    data = manifest.get("data") or {}
    meta = {
        "as of": manifest.get("as_of"),
        "run id": manifest.get("run_id"),
        "finished": _when(manifest.get("finished")),
        "data fingerprint": data.get("fingerprint"),
        "synthetic sample data": "yes" if data.get("sample") else "no",
    }
    reports = [{"name": r.get("name", ""), "slug": r.get("slug", ""), "audience": _audience_of(r),
                "status": r.get("status", "unknown"),
                "parameters": ", ".join(f"{k}={v}" for k, v in (r.get("parameters") or {}).items())}
               for r in _reports_for(manifest, RECRUITER)]
    return _render("about.html.j2", sample=bool(data.get("sample")), title=f"About this run: {INDEX_TITLE}",
                   meta=_meta_items(meta), versions=_meta_items(manifest.get("versions") or {}), reports=reports)


def write_index(out: Path) -> Path:
    """(Re)write ``OUT/index.html`` (recruiter pages), ``OUT/analyst.html`` (analyst pages)
    and ``OUT/about.html`` from the newest date's manifest (listing earlier runs), and each
    date's recruiter ``OUT/run-<date>.html`` and ``OUT/about-<date>.html``; returns the first."""
    manifests = []
    for d in sorted(p for p in out.iterdir() if p.is_dir() and not p.name.startswith(".")):
        m = read_manifest(d / "manifest.json")
        if m:
            manifests.append((d, m))
    index = out / "index.html"
    if not manifests:
        return index
    for folder, m in manifests:
        atomic_write(out / DATE_INDEX.format(as_of=folder.name), index_page(m, dated=True))
        atomic_write(out / DATE_ABOUT.format(as_of=folder.name), about_page(m))
    latest = manifests[-1][1]
    for audience, name in INDEX_FILES.items():
        atomic_write(out / name, index_page(latest, other_runs=[m for _, m in reversed(manifests[:-1])],
                                            audience=audience))
    atomic_write(out / "about.html", about_page(latest))
    return index


# ------------------------------------------------------------------ pages into place


class PublishLock:
    """Serialise the publishing step of concurrent runs into the same folder (flock)."""

    def __init__(self, out: Path) -> None:
        self.path = out / ".publish.lock"
        self.fh: Any = None

    def __enter__(self) -> "PublishLock":
        import fcntl

        self.fh = open(self.path, "a")
        fcntl.flock(self.fh, fcntl.LOCK_EX)
        return self

    def __exit__(self, *exc: Any) -> None:
        import fcntl

        fcntl.flock(self.fh, fcntl.LOCK_UN)
        self.fh.close()


def _place(run: Run, date_dir: Path) -> None:
    """Move a successful run's page, notebook and headline from staging into ``date_dir``."""
    os.replace(run.path(".ipynb"), date_dir / f"{run.slug}.ipynb")
    atomic_write(date_dir / f"{run.slug}.json", json.dumps(run.headline, default=str))
    os.replace(run.path(".html"), date_dir / f"{run.slug}.html")
    run.html, run.ipynb = f"{run.slug}.html", f"{run.slug}.ipynb"


def _keep_previous(run: Run, date_dir: Path, old: Mapping[str, Any]) -> None:
    """A failed run: the date's earlier page of the same report stays, named as the previous one."""
    if run.ok:
        run.status, run.error = "failed", "no HTML was produced"
    if (date_dir / f"{run.slug}.html").is_file():
        prev = {r.get("slug"): r for r in old.get("reports", [])}.get(run.slug)
        run.html = f"{run.slug}.html"
        run.ipynb = f"{run.slug}.ipynb" if (date_dir / f"{run.slug}.ipynb").is_file() else None
        if prev:
            run.previous = prev.get("previous") or {"run_id": old.get("run_id"), "finished": prev.get("finished")}
            run.headline = run.headline or prev.get("headline")
    if run.error is None:
        run.error = "failed"


def _drop_unplanned(date_dir: Path, runs: list[Run]) -> None:
    """The same date run again replaces that date's run: drop pages of reports no longer planned."""
    keep = {r.slug for r in runs}
    for f in date_dir.iterdir():
        stale = f.suffix in (".html", ".ipynb", ".json") and f.stem not in keep
        if f.is_file() and stale and f.name != "manifest.json":
            f.unlink()


def publish_runs(batch: Batch, runs: list[Run]) -> None:
    """Move finished pages into the batch's date folder with ``os.replace``; keep old pages of failures.

    A store this batch built from raw files becomes ``OUT/<date>/_store``.
    """
    date_dir = batch.date_dir
    date_dir.mkdir(parents=True, exist_ok=True)
    old = read_manifest(date_dir / "manifest.json") or {}
    for run in runs:
        if run.ok and run.path(".html").is_file():
            _place(run, date_dir)
        else:
            _keep_previous(run, date_dir, old)
    if not batch.only:
        _drop_unplanned(date_dir, runs)
    built = batch.store if batch.built else None
    if built is not None and built.is_dir():
        target = date_dir / "_store"
        if target.exists():
            os.replace(target, batch.stage / "_old_store")
        os.replace(built, target)
