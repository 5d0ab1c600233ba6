"""The main job, end to end: raw postings -> ingest -> extract -> store -> notebooks -> HTML.

The fixture postings are written here with known pay, so the figures in the HTML can be
checked against values worked out by hand.
"""

import re
import subprocess
import sys
from pathlib import Path

import pytest

pytestmark = pytest.mark.slow

# Level 2 (Account Manager) annual base pay, one posting per company.
AM_PAY = [30000, 32000, 34000, 36000, 38000, 40000]
# Hand-worked, Hyndman-Fan type 7 over the six values (positions 0..5):
#   P50 at 2.5  -> 34,000 + 0.5 * 2,000  = 35,000
#   P25 at 1.25 -> 32,000 + 0.25 * 2,000 = 32,500
#   P75 at 3.75 -> 36,000 + 0.75 * 2,000 = 37,500
AD_PAY = [62000, 66000, 70000, 74000, 78000, 82000]
# Level 4: P50 = 72,000; P25 = 67,000; P75 = 77,000.
# Level 3 has three postings only: below the disclosure floor of five.
SAM_PAY = [50500, 51500, 52500]

PLAN = """\
title: Fixture benchmarks
reports:
  - notebook: role_benchmark
    name: "Level {level}"
    expand:
      level: [2, 3, 4]
    parameters:
      currency: GBP
  - notebook: role_comparison
    name: Comparison
  - notebook: data_quality
    name: Quality
"""


def _write_role(folder: Path, prefix: str, title: str, company: str, location: str,
                pays: list[int], extra: str = "") -> None:
    for i, pay in enumerate(pays):
        (folder / f"{prefix}_{i}.txt").write_text(
            f"Title: {title}\nCompany: {company} {i}\nLocation: {location}\n"
            f"Description: {title} for our clients. Salary £{pay:,} per annum. {extra}\n",
            encoding="utf-8")


def _write_postings(folder: Path) -> None:
    folder.mkdir()
    _write_role(folder, "am", "Account Manager", "Fixture Media", "Manchester, UK", AM_PAY,
                "2-3 years' experience in account management.")
    _write_role(folder, "ad", "Account Director", "Fixture Group", "London, UK", AD_PAY,
                "7+ years' experience.")
    _write_role(folder, "sam", "Senior Account Manager", "Fixture Partners", "Leeds, UK", SAM_PAY)
    # an unreadable file must be listed, not stop the run
    (folder / "broken.html").write_text("<html><body><h2>Account Manager</h2><p>Salary £3",
                                        encoding="utf-8")


@pytest.fixture(scope="module")
def run(tmp_path_factory):
    base = tmp_path_factory.mktemp("e2e")
    raw = base / "raw"
    _write_postings(raw)
    plan = base / "plan.yaml"
    plan.write_text(PLAN, encoding="utf-8")
    out = base / "reports"
    exe = Path(sys.executable).with_name("workbench")
    proc = subprocess.run([str(exe), "report", "--plan", str(plan), "--data", str(raw),
                           "--out", str(out), "--as-of", "2026-11-02", "--jobs", "2"],
                          capture_output=True, text=True, timeout=900)
    return proc, out


def _text(html: str) -> str:
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html))


def test_the_job_succeeds_and_the_index_links_every_report(run):
    proc, out = run
    assert proc.returncode == 0, proc.stdout + proc.stderr
    index = (out / "index.html").read_text(encoding="utf-8")
    links = re.findall(r'href="(2026-11-02/[^"#]+\.html)"', index)
    assert len(links) == 5
    for link in links:
        assert (out / link).is_file()


def test_the_command_says_what_it_does_as_it_goes(run):
    proc, _ = run
    lines = proc.stderr.splitlines()
    assert any(re.search(r"^\[\s*[\d.]+ s\] building this run's store from 1 input\(s\)$", x) for x in lines)
    done = [x for x in lines if re.search(r"^\[\s*[\d.]+ s\] [1-5]/5 ok +\S.* in [\d.]+ s$", x)]
    assert len(done) == 5, proc.stderr
    assert "\r" not in proc.stderr  # no bar when stderr is not a terminal
    # stdout keeps the totals (the per-report lines went to stderr as they finished)
    assert proc.stdout.strip().startswith("5 ok, 0 failed in ")


def test_role_pages_show_the_hand_worked_percentiles_and_n(run):
    _, out = run
    am = _text((out / "2026-11-02" / "level-2.html").read_text(encoding="utf-8"))
    for figure in ("35,000", "32,500", "37,500"):
        assert figure in am
    assert re.search(r"\bPostings\b.*?\b6\b", am)
    assert "£35,000" in am and "GBP 35,000" not in am
    ad = _text((out / "2026-11-02" / "level-4.html").read_text(encoding="utf-8"))
    for figure in ("72,000", "67,000", "77,000"):
        assert figure in ad


def test_small_cells_are_suppressed_with_the_reason(run):
    _, out = run
    sam = _text((out / "2026-11-02" / "level-3.html").read_text(encoding="utf-8"))
    assert "suppressed" in sam.lower()
    assert "only 3 postings (minimum 5)" in sam
    for figure in ("50,500", "51,500", "52,500"):
        assert figure not in sam  # no single posting's pay leaks from a suppressed cell


def test_index_headlines_carry_median_range_and_n(run):
    _, out = run
    index = _text((out / "index.html").read_text(encoding="utf-8"))
    assert "£35,000" in index and "£72,000" in index and "GBP 3" not in index


def test_a_users_own_postings_carry_no_sample_banner(run):
    _, out = run
    for page in [out / "index.html", *(out / "2026-11-02").glob("level-*.html")]:
        assert 'class="wb-banner"' not in page.read_text(encoding="utf-8"), page.name


def test_pages_hold_no_code_and_load_nothing_from_the_network(run):
    _, out = run
    for page in (out / "2026-11-02").glob("*.html"):
        html = page.read_text(encoding="utf-8")
        assert "jp-InputArea" not in html and "input_area" not in html
        assert "import workbench" not in html and "bench.load(" not in html
        assert not re.search(r'(src|href)="https?://', html)
        assert "<script" not in html.lower()


def test_the_data_quality_page_lists_the_rejected_file_with_its_reason(run):
    _, out = run
    quality = _text((out / "2026-11-02" / "quality.html").read_text(encoding="utf-8"))
    assert "broken.html" in quality and "truncated" in quality.lower()


def test_audit_copies_and_manifest_are_kept(run):
    _, out = run
    day = out / "2026-11-02"
    assert (day / "level-2.ipynb").is_file()
    import json

    manifest = json.loads((day / "manifest.json").read_text(encoding="utf-8"))
    text = json.dumps(manifest)
    assert "level" in text and "fingerprint" in text


def test_relative_output_and_data_paths_work_from_the_project_folder(tmp_path):
    """`make report` passes relative paths (`--data data/raw --out reports`)."""
    raw = tmp_path / "raw"
    _write_postings(raw)
    (tmp_path / "plan.yaml").write_text(
        "reports:\n  - notebook: role_benchmark\n    name: Level 2\n    parameters: {level: 2}\n",
        encoding="utf-8")
    exe = Path(sys.executable).with_name("workbench")
    proc = subprocess.run([str(exe), "report", "--plan", "plan.yaml", "--data", "raw",
                           "--out", "reports", "--as-of", "2026-11-02"],
                          capture_output=True, text=True, timeout=600, cwd=tmp_path)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert (tmp_path / "reports" / "2026-11-02" / "level-2.html").is_file()


def test_role_pages_show_london_and_the_rest_of_the_uk_together_or_not_at_all(run):
    _, out = run
    # Level 4: all six postings in London, none elsewhere: the rest fails the rule, so
    # London is withheld with it (rule 5) although its six postings alone would pass.
    ad = _text((out / "2026-11-02" / "level-4.html").read_text(encoding="utf-8"))
    start = ad.rindex("London and the rest of the UK")  # the section, after the table of contents
    section = ad[start:ad.index("Pay distribution", start)]
    assert re.search(r"London 6 6 .*shown only with its complement, which is suppressed", section)
    assert re.search(r"the rest of the UK 0 0 .*only 0 postings \(minimum 5\)", section)
    assert "72,000" not in section


def test_after_the_run_a_notebook_runs_by_itself_from_notebooks(run, tmp_path):
    """`make report`, then a notebook with its defaults (jupytext | papermill, as the README says):
    it finds the latest run's store with no store_dir, no data/processed and no environment variable."""
    import json
    import os
    import shutil

    proc, out = run
    assert proc.returncode == 0, proc.stdout + proc.stderr
    repo = Path(__file__).resolve().parents[1]
    project = out.parent  # laid out as a clone: pyproject.toml, notebooks/, data/reference, reports/
    shutil.copy(repo / "pyproject.toml", project / "pyproject.toml")
    shutil.copytree(repo / "notebooks", project / "notebooks", dirs_exist_ok=True)
    shutil.copytree(repo / "data" / "reference", project / "data" / "reference", dirs_exist_ok=True)
    assert not (project / "data" / "processed").exists()
    env = {k: v for k, v in os.environ.items() if k not in ("WORKBENCH_HOME", "WORKBENCH_STORE")}
    bindir = Path(sys.executable).parent
    executed = tmp_path / "out.ipynb"
    command = (f"set -o pipefail; {bindir / 'jupytext'} --to ipynb role_benchmark.py -o - "
               f"| {bindir / 'papermill'} - {executed}")
    done = subprocess.run(["bash", "-c", command], cwd=project / "notebooks", env=env, capture_output=True,
                          text=True, timeout=600)
    assert done.returncode == 0, done.stderr[-3000:]
    cells = json.loads(executed.read_text(encoding="utf-8"))["cells"]
    shown = json.dumps([c.get("outputs", []) for c in cells])
    assert "Level 2: Account Manager" in shown
    assert "35,000" in shown  # the hand-worked P50 of the fixture's level-2 postings
    assert not list((project / "notebooks").glob("*.json"))  # nothing written beside the notebooks
