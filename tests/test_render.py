"""Escaping helpers, the HTML exporter (no code, no MathJax, offline, sanitised) and the index."""

from __future__ import annotations

import base64
import json
import math
import re

import pandas as pd
import pytest
from nbformat.v4 import new_code_cell, new_markdown_cell, new_notebook, new_output

from workbench import render
from workbench.errors import ReportError

SCRIPT = "<script>document.title='pwned'</script>"
IMG = "<img src=x onerror=\"document.body.setAttribute('data-pwned','1')\">"
PNG = base64.b64encode(bytes.fromhex(
    "89504e470d0a1a0a0000000d4948445200000001000000010806000000"
    "1f15c4890000000d4944415478da63f8ffff3f0005fe02fea7d6a9e80000000049454e44ae426082")).decode()


def live_tags(page: str) -> list[str]:
    """Real start tags (escaped text does not count)."""
    return re.findall(r"<\s*([a-zA-Z][a-zA-Z0-9]*)", page)


def test_table_html_escapes_cells_labels_index_and_caption():
    df = pd.DataFrame({SCRIPT: [IMG, 1.5]})
    df.index.name = SCRIPT
    markup = render.table_html(df, caption=SCRIPT, index=True)
    assert "<script" not in markup and "<img" not in markup
    assert "&lt;script&gt;" in markup and "&lt;img src=x onerror=" in markup


def test_text_and_header_are_escaped():
    assert render.text_html(SCRIPT) == "<p>&lt;script&gt;document.title=&#x27;pwned&#x27;&lt;/script&gt;</p>"
    assert "<img" not in render.header_html(IMG)
    assert render.text_html(["a", "b"]).count("<p>") == 2


def notebook(*outputs, markdown="# Title\nPay $85,000 – $95,000 a year"):
    return new_notebook(cells=[
        new_markdown_cell(markdown),
        new_code_cell("import secret_module\nprint('hello')", outputs=list(outputs), execution_count=1),
    ])


def test_export_has_no_code_no_prompts_no_mathjax_and_keeps_dollars_as_text():
    nb = notebook(new_output("display_data", data={"text/html": render.table_html(pd.DataFrame({"a": [1]}))}))
    page = render.export_html(nb, title="T", meta={"n": 3})
    assert "secret_module" not in page and "In&nbsp;[" not in page and "In [" not in page
    lowered = page.lower()
    for banned in ("mathjax", "require.js", "requirejs", "cdn", "<script", "<link", "http://", "https://"):
        assert banned not in lowered, banned
    assert "$85,000 – $95,000" in page


def test_export_keeps_png_figures_as_data_uris():
    page = render.export_html(notebook(new_output("display_data", data={"image/png": PNG, "text/plain": "<Figure>"})),
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
    page = render.export_html(nb, title=SCRIPT, meta={"company": IMG, "parameters": {"x": IMG}})
    render.check_offline(page)  # export_html already did; explicit for the reader
    assert set(live_tags(page)) <= {"html", "head", "meta", "title", "style", "body", "header", "h1", "h2",
                                    "dl", "dt", "dd", "main", "div", "p", "b", "a", "img", "footer", "pre",
                                    "table", "thead", "tbody", "tr", "th", "td"}
    assert not re.search(r"<[^>]+\son\w+\s*=", page)
    assert "evil.example" not in "".join(re.findall(r"<[^>]+>", page))
    assert "document.title='pwned'\n" not in page
    assert "/srv/secret/path" not in page
    assert "&lt;script&gt;" in page


def test_check_offline_refuses_scripts_handlers_and_external_loads():
    ok = "<html><body><p>&lt;script&gt;x&lt;/script&gt;</p><a href='2026-11-23/a.html'>a</a><a href='#x'>b</a></body></html>"
    render.check_offline(ok)
    for bad in ["<script>x</script>", "<img src='http://x/y.png'>", "<p onclick='x()'>a</p>",
                "<link rel=stylesheet href='https://cdn/x.css'>", "<a href='javascript:alert(1)'>a</a>",
                "<a href='../../etc/passwd'>a</a>", "<style>@import url(https://x)</style>",
                "<img src='data:image/svg+xml;base64,AAAA'>", "<meta http-equiv='refresh' content='0;url=http://x'>"]:
        with pytest.raises(ReportError):
            render.check_offline(bad)


def test_page_has_print_rules_readable_tables_and_a_csp():
    page = render.export_html(notebook(), title="T", meta={"role": "Level 2", "run id": "r1"})
    assert "@media print" in page and "border-collapse" in page
    assert "Content-Security-Policy" in page and "default-src 'none'" in page
    assert "<dt>role</dt><dd>Level 2</dd>" in page and "<dt>run id</dt><dd>r1</dd>" in page


def test_band_counts_suppress_small_cells_and_a_complement():
    out = render.band_counts([0.85] * 2 + [0.95] * 3 + [1.05] * 7, bands=(0, 0.9, 1.0, 1.1, math.inf))
    assert list(out["count"]) == ["<5", "<5", "7", "0"]
    assert list(out["suppressed"]) == [True, True, False, False]
    # one small band alone would be revealed by the total, so the next smallest goes too
    out = render.band_counts([0.85] * 6 + [0.95] * 2 + [1.05] * 9, bands=(0, 0.9, 1.0, 1.1, math.inf))
    assert list(out["count"]) == ["<5", "<5", "9", "0"]


def test_compa_summary_shows_no_individual_values():
    compa = pd.DataFrame({"level": [1] * 6 + [2] * 3, "compa_ratio": [0.8123, 0.9, 1.0, 1.1, 0.95, 0.97, 1.2345, 1.3, 1.4],
                          "base": [31750] * 9, "employee_id": [f"E{i}" for i in range(9)]})
    out = render.compa_summary(compa, min_cell=5)
    text = render.table_html(out)
    assert "E1" not in text and "31750" not in text and "31,750" not in text
    assert "0.8123" not in text and "1.2345" not in text
    row2 = out[out["level"] == 2].iloc[0]
    assert row2["people"] == "<5" and row2["median compa-ratio"] == "suppressed"


def test_headline_from_suppressed_cell_has_no_pay_figures():
    pct = pd.DataFrame({"role_level": [2], "n": [3], "n_sources": [2], "p25": [float("nan")], "p50": [float("nan")],
                        "p75": [float("nan")], "p50_ci_low": [float("nan")], "p50_ci_high": [float("nan")],
                        "suppressed": [True], "suppression_reason": ["fewer than 5 postings"], "currency": ["GBP"]})
    head = render.headline_from_percentiles(pct, level=2, label="AM", currency="GBP")
    assert head["suppressed"] and head["p50"] is None and head["n"] == 3
    assert "fewer than 5" in head["suppression_reason"]
    assert render.headline_from_percentiles(pct, level=4)["suppression_reason"].startswith("no postings")


def test_publish_headline_writes_json_into_the_injected_folder(tmp_path):
    import numpy as np

    render.start(output_dir=str(tmp_path))
    try:
        render.publish_headline({"p50": np.float64(1.5), "n": np.int64(3), "bad": float("nan")})
    finally:
        render.start()
    assert json.loads((tmp_path / render.HEADLINE_FILE).read_text()) == {"p50": 1.5, "n": 3, "bad": None}


def test_index_page_escapes_names_errors_and_links_relatively():
    manifest = {"as_of": "2026-11-23", "run_id": "r1", "data": {"fingerprint": "abc"}, "versions": {"pandas": "3"},
                "reports": [
                    {"name": f"Role {SCRIPT}", "slug": "role", "status": "ok", "html": "role.html", "audience": "recruiter",
                     "headline": {"p50": 42000, "p25": 38000, "p75": 47000, "n": 12, "currency": "GBP"},
                     "parameters": {"level": 2}},
                    {"name": "Broken", "slug": "broken", "status": "failed", "error": f"ValueError: {IMG}",
                     "html": None, "parameters": {}}]}
    page = render.index_page(manifest)
    assert 'href="2026-11-23/role.html"' in page
    assert "GBP 42,000 (P25–P75 38,000–47,000)" in page
    assert "&lt;img src=x onerror=" in page and "<script>document" not in page
    assert "status-failed" in page


def test_old_nbconvert_with_known_cves_is_refused(monkeypatch):
    import importlib.metadata

    monkeypatch.setattr(importlib.metadata, "version", lambda name: "7.16.4")
    with pytest.raises(ReportError, match="upgrade"):
        render.export_html(notebook(), title="T")
