"""Publication: the HTML exporter (no code, no MathJax, offline, sanitised), pages from templates, the index."""

from __future__ import annotations

import base64
import re

import pandas as pd
import pytest
from markupsafe import escape
from nbformat.v4 import new_code_cell, new_markdown_cell, new_notebook, new_output

from workbench import publish, render
from workbench.errors import ReportError
from workbench.sanitize import check_offline

SCRIPT = "<script>document.title='pwned'</script>"
IMG = "<img src=x onerror=\"document.body.setAttribute('data-pwned','1')\">"
PNG = base64.b64encode(bytes.fromhex(
    "89504e470d0a1a0a0000000d4948445200000001000000010806000000"
    "1f15c4890000000d4944415478da63f8ffff3f0005fe02fea7d6a9e80000000049454e44ae426082")).decode()


def live_tags(page: str) -> list[str]:
    """Real start tags (escaped text does not count)."""
    return re.findall(r"<\s*([a-zA-Z][a-zA-Z0-9]*)", page)


def notebook(*outputs, markdown="# Title\nPay $85,000 – $95,000 a year"):
    return new_notebook(cells=[
        new_markdown_cell(markdown),
        new_code_cell("import secret_module\nprint('hello')", outputs=list(outputs), execution_count=1),
    ])


def test_export_has_no_code_no_prompts_no_mathjax_and_keeps_dollars_as_text():
    nb = notebook(new_output("display_data", data={"text/html": render.table_html(pd.DataFrame({"a": [1]}))}))
    page = publish.export_html(nb, title="T", meta={"n": 3})
    assert "secret_module" not in page and "In&nbsp;[" not in page and "In [" not in page
    lowered = page.lower()
    for banned in ("mathjax", "require.js", "requirejs", "cdn", "<script", "<link", "http://", "https://"):
        assert banned not in lowered, banned
    assert "$85,000 – $95,000" in page


def test_export_keeps_png_figures_as_data_uris():
    page = publish.export_html(notebook(new_output("display_data", data={"image/png": PNG, "text/plain": "<Figure>"})),
                              title="T")
    assert f"data:image/png;base64,{PNG}" in page
    assert "&lt;Figure&gt;" not in page


def test_export_sanitises_raw_html_outputs_and_drops_scripts():
    raw = (f"<b onclick='x()'>bold</b>{SCRIPT}{IMG}<a href='https://evil.example/'>l</a>"
           "<img src='https://evil.example/t.png'><iframe src='https://evil.example'></iframe>"
           "<style>body{background:url(https://evil.example/x)}</style>")
    nb = notebook(
        new_output("display_data", data={"text/html": raw}),
        new_output("display_data", data={"application/javascript": "document.title='pwned'"}),
        new_output("stream", name="stderr", text="/srv/secret/path warning"),
        markdown=f"# Head {SCRIPT} {IMG}",
    )
    page = publish.export_html(nb, title=SCRIPT, meta={"company": IMG, "parameters": {"x": IMG}})
    check_offline(page)  # export_html already did; explicit for the reader
    assert set(live_tags(page)) <= {"html", "head", "meta", "title", "style", "body", "header", "h1", "h2",
                                    "dl", "dt", "dd", "main", "div", "p", "b", "a", "img", "footer", "pre", "details", "summary",
                                    "table", "thead", "tbody", "tr", "th", "td"}
    assert not re.search(r"<[^>]+\son\w+\s*=", page)
    assert "evil.example" not in "".join(re.findall(r"<[^>]+>", page))
    assert "document.title='pwned'\n" not in page
    assert "/srv/secret/path" not in page
    assert "&lt;script&gt;" in page


def test_page_has_print_rules_readable_tables_and_a_csp():
    page = publish.export_html(notebook(), title="T", meta={"role": "Level 2", "run id": "r1"})
    assert "@media print" in page and "border-collapse" in page
    assert "Content-Security-Policy" in page and "default-src 'none'" in page
    assert "<dt>role</dt><dd>Level 2</dd>" in page and "<dt>run id</dt><dd>r1</dd>" in page


def test_index_page_escapes_names_errors_and_links_relatively():
    manifest = {"as_of": "2026-11-23", "run_id": "r1", "data": {"fingerprint": "abc"}, "versions": {"pandas": "3"},
                "reports": [
                    {"name": f"Role {SCRIPT}", "slug": "role", "status": "ok", "html": "role.html", "audience": "recruiter",
                     "headline": {"p50": 42000, "p25": 38000, "p75": 47000, "n": 12, "currency": "GBP"},
                     "parameters": {"level": 2}},
                    {"name": "Broken", "slug": "broken", "status": "failed", "error": f"ValueError: {IMG}",
                     "html": None, "parameters": {}, "audience": "recruiter"}]}
    page = publish.index_page(manifest)
    assert 'href="2026-11-23/role.html"' in page
    assert "£42,000" in page and "£38,000 – £47,000" in page and "GBP" not in page
    assert "&lt;img src=x onerror=" in page and "<script>document" not in page
    assert "status-failed" in page


MIXED = {"as_of": "2026-11-23", "run_id": "r1", "reports": [
    {"name": "Role", "slug": "role", "status": "ok", "html": "role.html", "audience": "recruiter"},
    {"name": "Internal pay", "slug": "internal", "status": "ok", "html": "internal.html", "audience": "analyst"},
    {"name": "Unmarked", "slug": "unmarked", "status": "ok", "html": "unmarked.html"}]}


def test_the_recruiter_index_never_links_an_analyst_page():
    page = publish.index_page(MIXED)
    assert "role.html" in page and "internal.html" not in page and "Internal pay" not in page
    # an entry without an audience (an older manifest) is not shown to recruiters
    assert "unmarked.html" not in page and "analyst.html" not in page
    assert '<meta name="workbench-audience" content="recruiter">' in page
    analyst = publish.index_page(MIXED, audience="analyst")
    assert "internal.html" in analyst and "unmarked.html" in analyst and "role.html" not in analyst
    assert str(escape(publish.ANALYST_NOTICE)) in analyst and 'class="wb-audience-analyst"' in analyst


def test_write_index_writes_one_index_per_audience(tmp_path):
    import json

    (tmp_path / "2026-11-23").mkdir()
    (tmp_path / "2026-11-23" / "manifest.json").write_text(json.dumps(MIXED), encoding="utf-8")
    assert publish.write_index(tmp_path) == tmp_path / "index.html"
    assert "internal.html" not in (tmp_path / "index.html").read_text(encoding="utf-8")
    assert "internal.html" in (tmp_path / "analyst.html").read_text(encoding="utf-8")


def test_pages_are_marked_with_their_audience():
    analyst = publish.export_html(notebook(), title="T", audience="analyst")
    assert '<meta name="workbench-audience" content="analyst">' in analyst
    assert 'class="wb-audience-analyst"' in analyst and str(escape(publish.ANALYST_NOTICE)) in analyst
    recruiter = publish.export_html(notebook(), title="T")
    assert 'class="wb-audience-recruiter"' in recruiter and "Analyst page" not in recruiter
    with pytest.raises(ReportError, match="audience"):
        publish.export_html(notebook(), title="T", audience="everyone")


def test_old_nbconvert_with_known_cves_is_refused(monkeypatch):
    import importlib.metadata

    monkeypatch.setattr(importlib.metadata, "version", lambda name: "7.16.4")
    with pytest.raises(ReportError, match="upgrade"):
        publish.export_html(notebook(), title="T")


def test_the_sample_banner_shows_only_on_the_embedded_sample():
    assert publish.SAMPLE_BANNER in publish.export_html(notebook(), title="T", sample=True)
    assert 'class="wb-banner"' not in publish.export_html(notebook(), title="T")
    manifest = {"as_of": "2026-11-23", "run_id": "r1", "reports": []}
    assert 'class="wb-banner"' not in publish.index_page(manifest)
    assert 'class="wb-banner"' in publish.index_page({**manifest, "data": {"sample": True}})


def test_long_pages_get_a_table_of_contents_and_the_run_facts_are_collapsed():
    html = "".join(render.header_html(f"Part {i} {SCRIPT}", 3) for i in range(publish.TOC_MIN_HEADINGS))
    page = publish.export_html(notebook(new_output("display_data", data={"text/html": html})), title="T",
                               meta={"run id": "r1"})
    toc = re.search(r'<nav class="wb-toc".*?</nav>', page, re.S).group(0)
    assert toc.count("<li") == publish.TOC_MIN_HEADINGS  # h2 and h3 sections; the h1 title is not one
    assert '<h3 id="s1">Part 0 &lt;script&gt;' in page and 'href="#s1">Part 0 &lt;script&gt;' in toc
    assert re.search(r'<details class="wb-about"><summary>About this report</summary>.*run id', page, re.S)
    short = publish.export_html(notebook(), title="T")
    assert "<nav" not in short


def test_run_details_and_versions_are_on_the_about_page_and_earlier_runs_link_to_their_index(tmp_path):
    import json

    for day, run_id in (("2026-11-22", "old"), ("2026-11-23", "new")):
        (tmp_path / day).mkdir()
        (tmp_path / day / "manifest.json").write_text(json.dumps(
            {"as_of": day, "run_id": run_id, "versions": {"pandas": "3.1"}, "data": {"fingerprint": "f" + run_id},
             "reports": [{"name": "Account Manager", "slug": "account-manager", "audience": "recruiter", "status": "ok",
                          "html": "account-manager.html", "parameters": {"level": 2}}]}))
    publish.write_index(tmp_path)
    index = (tmp_path / "index.html").read_text()
    assert "pandas" not in index and "fnew" not in index
    assert 'href="run-2026-11-22.html"' in index and 'href="about.html"' in index
    about = (tmp_path / "about.html").read_text()
    assert "pandas" in about and "3.1" in about and "fnew" in about and "level=2" in about
    old = (tmp_path / "run-2026-11-22.html").read_text()
    assert 'href="2026-11-22/account-manager.html"' in old and 'href="about-2026-11-22.html"' in old
    assert "fold" in (tmp_path / "about-2026-11-22.html").read_text()
    assert sorted(p.name for p in (tmp_path / "2026-11-22").iterdir()) == ["manifest.json"]
