"""A real headless Chromium loads a rendered report and the index: payloads stay text.

Skipped (with the reason) when /usr/bin/chromium is missing; `.ci/run` installs it.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
from pathlib import Path

import pytest

from workbench import report

FIXTURES = Path(__file__).parent / "fixtures" / "notebooks"
DATE = "2026-11-23"
CHROMIUM = os.environ.get("WORKBENCH_CHROMIUM") or shutil.which("chromium") or "/usr/bin/chromium"
SCRIPT = "<script>document.title='pwned'</script>"
IMG = "<img src=x onerror=\"document.body.setAttribute('data-pwned','1')\">"
# A plan value cannot hold "/" (path check), so the parameter carries the onerror payload.
PARAM = "<img src=x onerror=\"document.body.setAttribute('data-pwned','1')\">"

pytestmark = [
    pytest.mark.slow,
    pytest.mark.browser,
    pytest.mark.skipif(not Path(CHROMIUM).is_file(),
                       reason=f"headless chromium not found at {CHROMIUM}; install it (apt-get install chromium) "
                              "or set WORKBENCH_CHROMIUM"),
]


def dump_dom(page: Path, profile: Path) -> str:
    cmd = [CHROMIUM, "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
           "--disable-background-networking", "--disable-component-update", "--disable-sync",
           "--disable-dev-shm-usage", f"--user-data-dir={profile}", "--virtual-time-budget=3000",
           "--dump-dom", page.resolve().as_uri()]
    done = subprocess.run(cmd, capture_output=True, text=True, timeout=90)
    assert done.returncode == 0, done.stderr[-2000:]
    return done.stdout


@pytest.fixture(scope="module")
def rendered(tmp_path_factory) -> Path:
    tmp = tmp_path_factory.mktemp("browser")
    plan = tmp / "plan.yaml"
    value = PARAM.replace('"', '\\"')
    plan.write_text(f'notebooks_dir: {FIXTURES}\nreports:\n'
                    f'  - notebook: payload\n    name: "Payload {{company}}"\n'
                    f'    parameters: {{company: "{value}"}}\n', encoding="utf-8")
    out = tmp / "out"
    store = tmp / "store"
    (store / "postings").mkdir(parents=True)  # the payload notebook carries its own data
    result = report.run_plan(plan, out=out, data=store, jobs=1, timeout=120, as_of=DATE)
    assert result.ok, [r.error for r in result.reports]
    return out


def test_payloads_render_as_text_and_run_nothing(rendered, tmp_path):
    page = next((rendered / DATE).glob("*.html"))
    dom = dump_dom(page, tmp_path / "profile")
    title = re.search(r"<title>(.*?)</title>", dom, re.S).group(1)
    assert title.strip() != "pwned" and title.startswith("Payload &lt;img")  # a script would set "pwned"
    body_tag = re.search(r"<body[^>]*>", dom).group(0)
    assert "data-pwned" not in body_tag
    # visible as text: the DOM holds the escaped payloads, and no live img/script from them
    assert "&lt;script&gt;document.title='pwned'&lt;/script&gt;" in dom
    assert "&lt;img src=x onerror=" in dom
    assert not re.search(r"<script\b", dom)
    assert not re.search(r"<img[^>]*onerror", dom)
    assert "data:image/png;base64," in dom  # the figure still shows


def test_report_and_index_make_no_network_requests(rendered):
    for page in [rendered / "index.html", *(rendered / DATE).glob("*.html")]:
        text = page.read_text(encoding="utf-8")
        tags = "".join(re.findall(r"<[^>]+>", text))
        assert not re.search(r"(src|href)\s*=\s*[\"']?\s*(https?:)?//", tags, re.I), page.name
        assert not re.search(r"url\(\s*['\"]?(https?:)?//", text, re.I), page.name
        assert "<script" not in text and "<link" not in text


def test_index_loads_in_the_browser_without_running_anything(rendered, tmp_path):
    dom = dump_dom(rendered / "index.html", tmp_path / "profile")
    assert "Account role benchmarks" in dom
    assert "data-pwned" not in re.search(r"<body[^>]*>", dom).group(0)
    assert "&lt;img src=x onerror=" in dom  # the report name carries the parameter payload


def test_the_harness_would_see_a_live_payload(tmp_path):
    # Control: the same payloads as live markup do run in this browser, so the checks above mean something.
    page = tmp_path / "live.html"
    page.write_text(f"<html><head><title>t</title></head><body><p>x</p>{SCRIPT}{IMG}</body></html>", encoding="utf-8")
    dom = dump_dom(page, tmp_path / "profile")
    assert "<title>pwned</title>" in dom
    assert 'data-pwned="1"' in re.search(r"<body[^>]*>", dom).group(0)
