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
    plan.write_text(f'reports:\n'
                    f'  - notebook: payload\n    name: "Payload {{company}}"\n'
                    f'    parameters: {{company: "{value}"}}\n', encoding="utf-8")
    out = tmp / "out"
    store = tmp / "store"
    from workbench import store as store_module

    store_module.write_store({}, store)  # an empty store: the payload notebook carries its own data
    result = report.run_plan(plan, out=out, data=store, jobs=1, timeout=120, as_of=DATE,
                             notebooks_dir=FIXTURES)
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


# ---------------------------------------------------------------------------------------
# The same guarantee through the whole job: a posting carrying payloads in its title,
# company and description goes through ingest, extraction, the store and the shipped
# role notebook, and the browser shows the payloads as text.

PAYLOAD_POSTINGS = [
    {"id": "evil", "title": f"Account Manager {SCRIPT}", "company": f"Evil {IMG} Ltd",
     "location": "London", "country": "GB", "language": "en", "date_posted": "2026-10-01",
     "description": f"Account Manager. Responsibilities:\n- Grow client accounts {SCRIPT}\n"
                    f"- Keep clients happy {IMG}\nSalary £35,000 per annum.",
     "salary_raw": None},
] + [
    # A company name a spreadsheet would run as a formula.
    {"id": "formula", "title": "Account Manager", "company": "=1+1", "location": "Leeds", "country": "GB",
     "language": "en", "date_posted": "2026-10-01",
     "description": "Account Manager. Salary £36,500 per annum.", "salary_raw": None},
] + [
    {"id": f"ok{i}", "title": "Account Manager", "company": f"Plain Company {i}",
     "location": "Leeds", "country": "GB", "language": "en", "date_posted": "2026-10-01",
     "description": f"Account Manager. Responsibilities:\n- Prepare the monthly reports and forecasts\n"
                    f"Salary £{30 + i},000 per annum.", "salary_raw": None}
    for i in range(5)
]
# Duty lines are quoted only for a set of postings that passes the disclosure rule (six
# employers here); the plain postings' duties are in another area than the payload's.


@pytest.fixture(scope="module")
def pipeline_page(tmp_path_factory) -> Path:
    import json

    tmp = tmp_path_factory.mktemp("browser-pipeline")
    raw = tmp / "raw"
    raw.mkdir()
    (raw / "postings.jsonl").write_text(
        "\n".join(json.dumps(p, ensure_ascii=False) for p in PAYLOAD_POSTINGS), encoding="utf-8")
    plan = tmp / "plan.yaml"
    plan.write_text("reports:\n  - notebook: role_benchmark\n    name: Level 2\n"
                    "    parameters: {level: 2}\n", encoding="utf-8")
    out = tmp / "out"
    result = report.run_plan(plan, out=out, data=[raw], jobs=1, timeout=300, as_of=DATE)
    assert result.ok, [r.error for r in result.reports]
    return out / DATE / "level-2.html"


def test_payloads_from_ingested_postings_show_as_text_in_the_real_report(pipeline_page, tmp_path):
    html = pipeline_page.read_text(encoding="utf-8")
    assert "<script>document.title" not in html and "<img src=x" not in html
    dom = dump_dom(pipeline_page, tmp_path / "profile")
    assert "data-pwned" not in dom.split("<body", 1)[1].split(">", 1)[0]
    title = re.search(r"<title>(.*?)</title>", dom, re.S).group(1)
    assert "pwned" not in title.replace("document.title='pwned'", "")
    text = re.sub(r"<[^>]+>", " ", dom)
    # the payloads are on the page, escaped, as readable text (title, company, description)
    assert "&lt;script&gt;document.title='pwned'&lt;/script&gt;" in text
    assert "Evil &lt;img src=x onerror=" in text
    assert "Keep clients happy &lt;img" in text


def test_a_company_called_a_formula_downloads_neutralised_and_a_users_store_has_no_banner(pipeline_page, tmp_path):
    from urllib.parse import unquote

    from workbench.export import CSV_URI_PREFIX

    dom = dump_dom(pipeline_page, tmp_path / "profile")
    assert 'class="wb-banner"' not in dom
    links = re.findall(r'<a download="[a-z0-9-]+\.csv" href="(data:text/csv[^"]+)"', dom)
    assert links
    csvs = [unquote(link[len(CSV_URI_PREFIX):]) for link in links]
    listing = [c for c in csvs if "Plain Company" in c]
    assert listing and all(",'=1+1" in c or "\n'=1+1" in c for c in listing)
    assert not any(re.search(r"(^|[,\n])=1\+1", c) for c in csvs)
    assert "=1+1" in re.sub(r"<[^>]+>", " ", dom)  # on the page it is shown as the text it is
