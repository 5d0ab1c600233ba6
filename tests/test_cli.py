"""The `workbench` command line, driven as a user would."""

import json
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from workbench import __version__, config, markets
from workbench.cli import app

runner = CliRunner()
SEEDS = config.SEEDS


def _jsonl(output):
    return [json.loads(line) for line in output.splitlines() if line.startswith("{")]


def test_version():
    result = runner.invoke(app, ["--version"])
    assert result.exit_code == 0 and __version__ in result.output


def test_console_script_is_installed():
    exe = Path(sys.executable).with_name("workbench")
    out = subprocess.run([str(exe), "--help"], capture_output=True, text=True, check=True)
    for command in ("ingest", "extract", "report", "bench", "eval", "synth"):
        assert command in out.stdout


def test_extract_prints_one_json_record_per_posting(tmp_path):
    (tmp_path / "am.txt").write_text(
        "Title: Account Manager\nCompany: Brightwater Media\nLocation: Leeds\n"
        "Description: Account Manager, £32,000 - £38,000 per annum. 2-3 years' experience.\n",
        encoding="utf-8")
    result = runner.invoke(app, ["extract", str(tmp_path)])
    assert result.exit_code == 0, result.output
    (record,) = _jsonl(result.stdout)
    assert record["title"] == "Account Manager" and record["company"] == "Brightwater Media"
    assert record["role"]["level"] == 2
    assert record["salaries"][0]["low"] == 32000 and record["salaries"][0]["high"] == 38000
    assert record["experience_years"] == {"min": 2, "max": 3}


@pytest.mark.skipif(not SEEDS.is_dir(), reason="../shared/seeds is not beside this checkout")
def test_seed_000_is_an_account_director_with_masked_pay_and_a_full_time_split():
    result = runner.invoke(app, ["extract", str(SEEDS / "000_7dc63f6f5ca0aea7.txt")])
    assert result.exit_code == 0, result.output
    (record,) = _jsonl(result.stdout)
    assert record["role"]["level"] == 4 and record["role"]["label"] == "Account Director"
    shares = [item["share"] for item in record["time_allocation"]]
    assert len(shares) == 5 and sum(shares) == pytest.approx(100)
    masked = [s for s in record["salaries"] if s["masked"]]
    assert [s["component"] for s in masked] == ["base", "commission", "allowance"]
    assert all(s["low"] is None and s["high"] is None for s in masked)


def test_ingest_lists_unreadable_files_and_keeps_the_rest(tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "empty.txt").write_bytes(b"")
    (folder / "blob.txt").write_bytes(bytes(range(256)) * 8)
    (folder / "ru.txt").write_bytes(
        "Менеджер по работе с клиентами\nЗарплата от 80 000 до 120 000 руб. в месяц на руки."
        .encode("cp1251"))
    (folder / "cut.html").write_text("<html><body><h2>Account Manager</h2><p>Salary £30,0",
                                     encoding="utf-8")
    store = tmp_path / "store"
    result = runner.invoke(app, ["ingest", str(folder), "--store", str(store), "--no-progress",
                                 "--jobs", "1"])
    assert result.exit_code == 0, result.output
    from workbench import store as store_module

    postings = store_module.read_table("postings", store)
    rejects = store_module.read_table("rejects", store)
    assert [Path(s).name for s in postings["source"]] == ["ru.txt"]
    assert postings["language"].tolist() == ["ru"]
    rejected = {Path(s).name: r for s, r in zip(rejects["source"], rejects["reason"])}
    assert set(rejected) == {"empty.txt", "blob.txt", "cut.html"}
    assert all(reason for reason in rejected.values())


def test_bench_prints_a_table_that_scripts_can_read(tmp_path):
    lines = []
    for i, pay in enumerate([30000, 32000, 34000, 36000, 38000, 40000]):
        lines.append({"@context": "https://schema.org", "@type": "JobPosting",
                      "title": "Account Manager", "description": "Account Manager role.",
                      "hiringOrganization": {"name": f"Company {i}"},
                      "jobLocation": {"address": {"addressCountry": "GB"}},
                      "baseSalary": {"@type": "MonetaryAmount", "currency": "GBP",
                                     "value": {"@type": "QuantitativeValue", "value": pay,
                                               "unitText": "YEAR"}}})
    path = tmp_path / "am.jsonl"
    path.write_text("\n".join(json.dumps(x) for x in lines), encoding="utf-8")
    result = runner.invoke(app, ["bench", str(path), "--by", "level", "--format", "json"])
    assert result.exit_code == 0, result.output
    rows = json.loads(result.stdout)
    (am,) = [r for r in rows if r.get("role_level") == 2]
    assert am["n"] == 6 and am["p50"] == pytest.approx(35000)


def test_bench_suppresses_a_role_with_three_postings_and_says_why(tmp_path):
    rows = []
    for i, pay in enumerate([30000, 32000, 34000, 36000, 38000, 40000]):
        rows.append({"id": f"am{i}", "title": "Account Manager", "company": f"Firm {i}",
                     "country": "GB", "language": "en",
                     "description": f"Account Manager. Salary £{pay:,} per annum."})
    for i, pay in enumerate([70000, 72000, 74000]):
        rows.append({"id": f"ad{i}", "title": "Account Director", "company": f"House {i}",
                     "country": "GB", "language": "en",
                     "description": f"Account Director. Salary £{pay:,} per annum."})
    path = tmp_path / "postings.jsonl"
    path.write_text("\n".join(json.dumps(r) for r in rows), encoding="utf-8")
    result = runner.invoke(app, ["bench", str(path), "--by", "level", "--format", "json"])
    assert result.exit_code == 0, result.output
    by_level = {r["role_level"]: r for r in json.loads(result.stdout)}
    # hand-worked type-7 percentiles of the six level-2 salaries
    am = by_level[2]
    assert (am["p25"], am["p50"], am["p75"]) == (32500, 35000, 37500)
    assert am["suppressed"] is False
    ad = by_level[4]
    assert ad["suppressed"] is True and ad["n"] == 3
    assert "only 3 postings (minimum 5)" in ad["suppression_reason"]
    assert ad["p50"] is None  # the figure is withheld, not shown
    table = runner.invoke(app, ["bench", str(path), "--by", "level"])
    assert "only 3 postings" in table.stdout


def test_bench_counts_one_employer_under_five_spellings_once(tmp_path):
    names = ["Acme Media", "Acme Media UK", "Acme Media London", "Acme Media (Europe)",
             "Acme Media Holdings"]
    rows = [{"id": f"am{i}", "title": "Account Manager", "company": name, "country": "GB",
             "language": "en",
             "description": f"Account Manager. Salary £{31000 + 1000 * i:,} per annum."}
            for i, name in enumerate(names)]
    path = tmp_path / "postings.jsonl"
    path.write_text("\n".join(json.dumps(r) for r in rows), encoding="utf-8")
    result = runner.invoke(app, ["bench", str(path), "--by", "level", "--format", "json"])
    assert result.exit_code == 0, result.output
    (am,) = json.loads(result.stdout)
    assert (am["n"], am["n_sources"], am["suppressed"], am["p50"]) == (5, 1, True, None)
    assert "only 1 company (minimum 5)" in am["suppression_reason"]
    assert "33,000" not in result.stdout and "33000" not in result.stdout


def test_eval_employers_prints_both_halves_and_hides_held_out_names():
    from workbench.employers import PAIRS_PATH, load_pairs

    result = runner.invoke(app, ["eval", "employers"])
    assert result.exit_code == 0, result.output
    for half in ("tune", "holdout"):
        for label in ("same", "distinct"):
            assert any(line.split()[:2] == [half, label] for line in result.stdout.splitlines())
    assert "95% CI" in result.stdout
    held_out_lines = {str(p.line) for p in load_pairs(PAIRS_PATH)[0] if p.half == "holdout"}
    failing = [line.split() for line in result.stdout.splitlines() if line.startswith("  ")]
    assert all(f[1] == "tune" and f[0] not in held_out_lines for f in failing)


@pytest.mark.parametrize("args", [
    ["bench", "{tmp}/nope"],
    ["ingest", "{tmp}/nope", "--store", "{tmp}/store"],
    ["extract", "{tmp}/nope"],
    ["eval", "salary", "{tmp}/nope.csv"],
    ["eval", "responsibilities", "{tmp}/nope.csv"],
    ["eval", "employers", "{tmp}/nope.csv"],
    ["synth", "--n", "-5", "--out", "{tmp}/synth"],
    ["bench", "{tmp}", "--format", "xml"],
])
def test_bad_arguments_give_one_line_and_a_non_zero_exit(tmp_path, args):
    result = runner.invoke(app, [a.format(tmp=tmp_path) for a in args])
    assert result.exit_code == 2, result.output
    assert result.exception is None or isinstance(result.exception, SystemExit)
    assert "Traceback" not in result.output
    assert "error:" in result.output


def _posting(i, title, country, currency, pay):
    return {"@context": "https://schema.org", "@type": "JobPosting", "title": title,
            "description": f"{title} role.", "hiringOrganization": {"name": f"{country} Company {i}"},
            "jobLocation": {"address": {"addressCountry": country}},
            "baseSalary": {"@type": "MonetaryAmount", "currency": currency,
                           "value": {"@type": "QuantitativeValue", "value": pay, "unitText": "YEAR"}}}


def test_bench_on_a_mixed_file_is_uk_only_by_default_and_one_row_per_market_with_all(tmp_path):
    # Team-written: six UK, six Russian and six US Account Manager postings, undated.
    uk = [30000, 32000, 34000, 36000, 38000, 40000]           # type-7 P50 35,000 GBP
    ru = [900000, 960000, 1020000, 1080000, 1140000, 1200000]  # P50 1,050,000 RUB
    us = [60000, 64000, 68000, 72000, 76000, 80000]            # P50 70,000 USD
    postings = ([_posting(i, "Account Manager", "GB", "GBP", p) for i, p in enumerate(uk)]
                + [_posting(i, "Account Manager", "RU", "RUB", p) for i, p in enumerate(ru)]
                + [_posting(i, "Account Manager", "US", "USD", p) for i, p in enumerate(us)])
    path = tmp_path / "mixed.jsonl"
    path.write_text("\n".join(json.dumps(x) for x in postings), encoding="utf-8")

    default = runner.invoke(app, ["bench", str(path), "--format", "json"])
    assert default.exit_code == 0, default.output
    rows = json.loads(default.stdout)
    assert [(r["market"], r["currency"], r["n"], r["p50"]) for r in rows] == [("GB", "GBP", 6, 35000)]
    assert rows[0]["level_name"] == "Account Manager" and rows[0]["role_level"] == 2
    assert "Market: United Kingdom (GB); GBP per year." in default.stderr
    assert "none of the 6 postings is dated, so none is aged" in default.stderr

    every = runner.invoke(app, ["bench", str(path), "--market", "ALL", "--format", "json"])
    assert every.exit_code == 0, every.output
    rows = json.loads(every.stdout)
    # The store keeps amounts in pounds, so roubles and dollars come back through one rate
    # each way: equal to the hand values to a millionth.
    assert [(r["market"], r["currency"], r["n"]) for r in rows] == [
        ("GB", "GBP", 6), ("US", "USD", 6), ("RU", "RUB", 6)]
    assert [r["p50"] for r in rows] == pytest.approx([35000, 70000, 1050000], rel=1e-6)
    assert {r["level_name"] for r in rows} == {"Account Manager"}  # the rung's name, not a number

    table = runner.invoke(app, ["bench", str(path), "--market", "ALL"])
    assert "Account Manager" in table.stdout and "1,050,000" in table.stdout


def test_bench_refuses_an_unknown_market_or_currency_with_the_valid_ones(tmp_path):
    path = tmp_path / "one.jsonl"
    path.write_text(json.dumps(_posting(0, "Account Manager", "GB", "GBP", 30000)), encoding="utf-8")
    result = runner.invoke(app, ["bench", str(path), "--market", "London"])
    valid = ", ".join((*markets.market_codes(), "ALL"))  # the markets table's codes, in its order
    assert result.exit_code != 0 and f"use one of {valid}" in result.output and valid.startswith("GB, US, EU, RU, BY, CN")
    result = runner.invoke(app, ["bench", str(path), "--currency", "XYZ"])
    assert result.exit_code != 0 and "unknown currency 'XYZ'" in result.output
