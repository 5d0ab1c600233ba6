"""Canaries through the real commands: what one posting or one employer says never reaches a page.

Postings are written with figures and words found nowhere else; ``workbench report`` (the
default plan) and ``workbench bench`` run on them, and every HTML, JSON, CSV and notebook
file they write is searched for those figures and words (rules 1 and 5 of
:mod:`workbench.disclosure`).
"""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

import pandas as pd
import pytest

pytestmark = pytest.mark.slow

AS_OF = "2026-11-02"
# Level 2: six employers, a cell that passes; one of them alone states a bonus amount.
AM = [("Harrowgate Media", 30000), ("Pellmoor Digital", 32000), ("Brindlecombe Agency", 34000),
      ("Ostrava Creative", 36000), ("Kestrelby Partners", 38000), ("Thornwick Studios", 40000)]
BONUS = 4321
# Level 3: one posting, with its own pay, employer and duty wording.
LONE = ("Quillfeather Analytics", 47319, "Zorblatt")
# Level 4: five postings of one employer under five spellings (employer_key folds them).
ONE_EMPLOYER = ["Vantorra Media Ltd", "Vantorra Media UK", "Vantorra Media London",
                "Vantorra Media (Europe)", "Vantorra Media Holdings"]
ONE_EMPLOYER_PAY = [91173, 92173, 93173, 94173, 95173]

CANARY_WORDS = ("Quillfeather", "Zorblatt", "Vantorra")
CANARY_PAY = (BONUS, LONE[1], *ONE_EMPLOYER_PAY)


def _posting(folder: Path, name: str, title: str, company: str, location: str, body: str) -> None:
    (folder / f"{name}.txt").write_text(
        f"Title: {title}\nCompany: {company}\nLocation: {location}\nDescription: {body}\n", encoding="utf-8")


def _write_postings(folder: Path) -> None:
    folder.mkdir()
    for i, (company, pay) in enumerate(AM):
        bonus = f" Plus an annual bonus of £{BONUS:,}." if i == 2 else ""
        _posting(folder, f"am{i}", "Account Manager", company, "Manchester, UK",
                 f"Account Manager for our clients. Salary £{pay:,} per annum.{bonus} "
                 "2-3 years' experience in account management.")
    company, pay, word = LONE
    _posting(folder, "sam", "Senior Account Manager", company, "Leeds, UK",
             f"Senior Account Manager. Salary £{pay:,} per annum.\nResponsibilities:\n"
             f"- Own the {word} renewal programme for key clients\n- Report weekly to the board")
    for i, (company, pay) in enumerate(zip(ONE_EMPLOYER, ONE_EMPLOYER_PAY)):
        _posting(folder, f"ad{i}", "Account Director", company, "London, UK",
                 f"Account Director. Salary £{pay:,} per annum. 7+ years' experience.")


def _pay_pattern(amount: int) -> re.Pattern:
    """The amount as a page might print it: 47319, 47,319, 47 319, 47.319, 47.3k."""
    head, tail = divmod(amount, 1000)
    # Not inside a hexadecimal run (a run id or a data fingerprint holding "4321" is not pay).
    return re.compile(rf"(?<![\da-f.]){head}(?:[,.\u00a0\u202f ]?{tail:03d}|\.{tail // 100}k)(?![\da-f])")


def _leaks(text: str) -> list[str]:
    found = [w for w in CANARY_WORDS if w.lower() in text.lower()]
    return found + [str(a) for a in CANARY_PAY if _pay_pattern(a).search(text)]


def _json_leaks(value) -> list[str]:
    """Leaks in a parsed JSON document: its strings (keys too) read as page text, its numbers
    compared as numbers (a run's 4.321 seconds is not the amount 4,321; a 4321 or 4321.0 is)."""
    if isinstance(value, dict):
        return [leak for k, v in value.items() for leak in _leaks(str(k)) + _json_leaks(v)]
    if isinstance(value, list):
        return [leak for v in value for leak in _json_leaks(v)]
    if isinstance(value, str):
        return _leaks(value)
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return [str(a) for a in CANARY_PAY if value == a]
    return []


def _file_leaks(path: Path) -> list[str]:
    text = path.read_text(encoding="utf-8")
    return _json_leaks(json.loads(text)) if path.suffix in {".json", ".ipynb"} else _leaks(text)


@pytest.fixture(scope="module")
def written(tmp_path_factory):
    base = tmp_path_factory.mktemp("canary")
    raw = base / "raw"
    _write_postings(raw)
    exe = Path(sys.executable).with_name("workbench")
    out = base / "reports"
    report = subprocess.run([str(exe), "report", "--data", str(raw), "--out", str(out), "--as-of", AS_OF,
                             "--jobs", "2"], capture_output=True, text=True, timeout=1200)
    tables = {}
    for fmt, by in (("csv", "role,level"), ("json", "role,level"), ("csv", "level,city"),
                    ("json", "level,country"), ("table", "role,level")):
        proc = subprocess.run([str(exe), "bench", str(raw), "--format", fmt, "--by", by],
                              capture_output=True, text=True, timeout=600)
        assert proc.returncode == 0, proc.stderr
        tables[f"bench {fmt} by {by}"] = proc.stdout
    return report, out, tables


def test_the_default_plan_runs_on_the_canary_postings(written):
    report, out, _ = written
    assert report.returncode == 0, report.stdout + report.stderr
    pages = list((out / AS_OF).glob("*.html"))
    assert len(pages) >= 9  # five levels, comparison, region, quality, internal vs market


def test_no_written_file_holds_a_canary(written):
    _, out, tables = written
    files = [p for p in out.rglob("*") if p.suffix in {".html", ".json", ".csv", ".ipynb"}]
    assert len(files) >= 20
    leaks = {str(p.relative_to(out)): _file_leaks(p) for p in files}
    leaks.update({name: _leaks(text) for name, text in tables.items()})
    assert {k: v for k, v in leaks.items() if v} == {}


def test_the_canaries_are_in_the_data_the_commands_read(tmp_path):
    # The pages must lack them because of the rules, not because extraction missed them.
    from workbench import bench
    from workbench.pipeline import tables_from_paths

    _write_postings(tmp_path / "raw")
    tables = bench.Tables(**tables_from_paths([tmp_path / "raw"]))
    points = bench.pay_points(tables).set_index("company")
    assert points.loc[LONE[0], "annual_base"] == LONE[1]
    assert points.loc["Brindlecombe Agency", "annual_variable"] == BONUS
    assert sorted(points.loc[ONE_EMPLOYER, "annual_base"]) == ONE_EMPLOYER_PAY
    assert tables.responsibilities["text"].str.contains(LONE[2]).any()


def test_the_pattern_finds_a_canary_where_one_is_printed():
    # The search above must be able to fail: each canary is found in the forms a page uses.
    assert _leaks("GBP 47,319") == ["47319"] and _leaks("47 319 ₽") == ["47319"]
    assert _leaks("about 47.3k") == ["47319"] and _leaks("p50 4321.0") == ["4321"]
    assert _leaks("Vantorra Media UK") == ["Vantorra"] and _leaks("147,3190") == []
    # ... and not in a run's own bookkeeping: a hexadecimal id, a timing in seconds.
    assert _leaks("run 9f4321ab") == [] and _leaks("GBP4321") == ["4321"]
    assert _json_leaks({"seconds": 4.321, "run_id": "c04321d"}) == []
    assert _json_leaks({"p50": 4321.0}) == ["4321"] and _json_leaks({"text": ["4.321 EUR"]}) == ["4321"]
    assert _json_leaks({"Zorblatt": 1}) == ["Zorblatt"]


def test_the_cells_behind_the_canaries_are_suppressed_with_their_reason(written):
    _, out, tables = written
    text = re.sub(r"<[^>]+>", " ", (out / AS_OF / "senior-key-account-manager.html").read_text(encoding="utf-8"))
    assert "only 1 posting (minimum 5)" in text
    assert "The postings behind these figures are not listed" in text
    rows = {(r["role_level"], r["suppressed"]) for r in json.loads(tables["bench json by role,level"])}
    assert rows >= {(2, False), (3, True), (4, True)}
    level4 = re.sub(r"<[^>]+>", " ", (out / AS_OF / "account-director.html").read_text(encoding="utf-8"))
    assert "only 1 company (minimum 5)" in level4  # five spellings, one employer


def test_the_recruiter_index_links_no_analyst_page(written):
    _, out, _ = written
    index = (out / "index.html").read_text(encoding="utf-8")
    assert "internal-vs-market" not in index
    analyst = (out / "analyst.html").read_text(encoding="utf-8")
    assert "internal-vs-market" in analyst
    for page in (out / AS_OF).glob("*.html"):
        html = page.read_text(encoding="utf-8")
        audience = re.search(r'name="workbench-audience" content="(\w+)"', html).group(1)
        assert audience == ("analyst" if page.stem == "internal-vs-market" else "recruiter"), page.name


# ------------------------------------------------------------------ the default data

# Column headers of the counts of what fed a row and of the suppression flag: the bench's
# names as a page shows them in words (workbench.labels; a regression term's own postings
# are term_n, its model's n), and the raw names, should a table ever show them raw.
_N_COLUMNS, _SOURCE_COLUMNS = ("term_n", "n", "n_postings"), ("n_sources",)


def _headers(columns) -> tuple[str, ...]:
    from workbench.labels import column_label

    return tuple(dict.fromkeys(h for c in columns for h in (column_label(c), c)))


def _hidden(cells: dict) -> bool:
    """The row is marked suppressed (a flag reads "Yes" in words, "True" raw)."""
    from workbench.labels import column_label

    return any(cells.get(k) in ("Yes", "True") for k in (column_label("suppressed"), "suppressed"))


def _number(text: str | None) -> float | None:
    try:
        return float(str(text).replace(",", ""))
    except ValueError:
        return None


def _audit_page(html: str, rule) -> tuple[str, int, int, list]:
    """(audience, figure rows, suppressed rows, problems) of one published page.

    Every table of figures (``wb-figures``, a ``figure`` or ``div`` wrapper) must carry on
    each row the counts of what fed it; a row not marked suppressed (Hidden = Yes) must count
    at least the rule's postings and companies.
    A listing of postings (``wb-postings``) must name counts that meet the rule in its caption.
    """
    from bs4 import BeautifulSoup

    soup = BeautifulSoup(html, "lxml")
    audience = soup.find("meta", attrs={"name": "workbench-audience"})["content"]
    rows = suppressed = 0
    problems = []
    n_labels, source_labels = _headers(_N_COLUMNS), _headers(_SOURCE_COLUMNS)
    for wrap in soup.select(".wb-figures"):
        head = [th.get_text(strip=True) for th in wrap.select("thead th")]
        for tr in wrap.select("tbody tr"):
            cells = dict(zip(head, (td.get_text(strip=True) for td in tr.find_all(["td", "th"]))))
            rows += 1
            if _hidden(cells):
                suppressed += 1
                continue
            n = _number(next((cells[k] for k in n_labels if k in cells), None))
            sources = _number(next((cells[k] for k in source_labels if k in cells), None))
            if n is None or sources is None or n < rule.min_postings or sources < rule.min_sources:
                problems.append(cells)
    for wrap in soup.select(".wb-postings"):
        counts = re.search(r"from (\d+) postings?, (\d+) compan", wrap.get_text())
        if not counts or int(counts[1]) < rule.min_postings or int(counts[2]) < rule.min_sources:
            problems.append(wrap.get_text()[:200])
    return audience, rows, suppressed, problems


@pytest.fixture(scope="module")
def default_run(tmp_path_factory):
    out = tmp_path_factory.mktemp("default") / "reports"
    exe = Path(sys.executable).with_name("workbench")
    proc = subprocess.run([str(exe), "report", "--out", str(out), "--as-of", AS_OF, "--jobs", "2"],
                          capture_output=True, text=True, timeout=1200)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    return out / AS_OF


def test_on_the_default_data_no_recruiter_figure_is_fed_by_fewer_than_the_rule(default_run):
    from workbench import config

    audited = {}
    for page in sorted(default_run.glob("*.html")):
        audience, rows, suppressed, problems = _audit_page(page.read_text(encoding="utf-8"),
                                                           config.SETTINGS.disclosure)
        if audience == "recruiter":
            audited[page.stem] = (rows, suppressed, problems)
    assert len(audited) == 8  # five levels, comparison, region, quality
    assert {k: v[2] for k, v in audited.items() if v[2]} == {}
    # Every page of figures was read (the audit did not pass by finding no table).
    assert all(rows for rows, _, _ in audited.values())
    assert sum(s for _, s, _ in audited.values()) > 0


def test_the_page_audit_finds_a_figure_below_the_rule():
    from workbench import config, render

    rule = config.SETTINGS.disclosure
    small = pd.DataFrame({"n": [3], "n_sources": [3], "p50": [41000.0], "suppressed": [False]})
    page = (f'<meta name="workbench-audience" content="recruiter">'
            f'{render.table_html(small)}{render.table_html(small.drop(columns="n_sources"))}')
    assert len(_audit_page(page, rule)[3]) == 2
    hidden = small.assign(suppressed=True)
    assert _audit_page(f'<meta name="workbench-audience" content="recruiter">{render.table_html(hidden)}',
                       rule)[1:] == (1, 1, [])
