"""eval_titles: family and level of labelled titles through extraction, per half."""

from __future__ import annotations

import csv
import math

import pytest
from typer.testing import CliRunner

from workbench import config
from workbench.cli import app
from workbench.errors import EvaluationError
from workbench.eval_titles import classify_row, evaluate_titles, format_title_eval
from workbench.evaluate import half

runner = CliRunner()
COLUMNS = ["title", "language", "country", "context", "family", "level", "level_name", "note", "half"]


def _write(path, rows):
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=COLUMNS)
        writer.writeheader()
        for row in rows:
            full = {"language": "en", "context": "", "level_name": "", "note": "", **row}
            full.setdefault("half", half(f"{full['title']}|{full['country']}|{full['context']}"))
            writer.writerow(full)
    return path


# Team-written rows whose answers do not depend on any tuning: the accountant is
# never an account role, the account director is the account ladder's rung 4.
ROWS = [
    {"title": "Account Director", "country": "GB", "family": "account_management", "level": "4"},
    {"title": "Chartered Accountant", "country": "GB", "family": "other", "level": ""},
    {"title": "Account Director", "country": "GB", "context": "media agency, leads a team",
     "family": "key_accounts", "level": "5"},  # deliberately wrong label: a failure
]


def test_each_row_is_scored_per_half_with_wilson_intervals(tmp_path):
    result = evaluate_titles(_write(tmp_path / "t.csv", ROWS))
    table = result.agreement.set_index(["measure", "half"])
    counted = {(m, h): 0 for m in ("family", "level", "both") for h in ("tune", "holdout")}
    agreed = dict(counted)
    for row in ROWS:
        which = half(f"{row['title']}|{row['country']}|{row.get('context', '')}")
        for m in counted:
            if m[1] == which:
                counted[m] += 1
        wrong = row["family"] == "key_accounts"
        for m in ("family", "level", "both"):
            agreed[(m, which)] += 0 if wrong else 1
    for key, n in counted.items():
        assert table.loc[key, "n"] == n
        assert table.loc[key, "agree"] == agreed[key]
        if n:
            assert table.loc[key, "rate"] == pytest.approx(agreed[key] / n)
            assert table.loc[key, "ci_low"] <= table.loc[key, "rate"] <= table.loc[key, "ci_high"]
        else:
            assert math.isnan(table.loc[key, "rate"])
    assert result.problems.empty


def test_a_missing_level_agrees_only_with_no_level(tmp_path):
    rows = [{"title": "Chartered Accountant", "country": "GB", "family": "other", "level": "4"}]
    result = evaluate_titles(_write(tmp_path / "t.csv", rows))
    assert list(result.rows["family_ok"]) == [True]
    assert list(result.rows["level_ok"]) == [False]
    assert list(result.rows["got_level"]) == [None]


def test_rows_with_a_wrong_half_or_bad_level_are_listed_not_scored(tmp_path):
    good = half("Account Director|GB|")
    wrong = "tune" if good == "holdout" else "holdout"
    rows = [{"title": "Account Director", "country": "GB", "family": "account_management", "level": "4",
             "half": wrong},
            {"title": "Account Manager", "country": "GB", "family": "account_management", "level": "two"},
            {"title": "Account Director", "country": "US", "family": "account_management", "level": "4"}]
    result = evaluate_titles(_write(tmp_path / "t.csv", rows))
    assert sorted(result.problems["row"]) == [0, 1]
    assert "CONVENTIONS" in result.problems["reason"].iloc[0]
    assert len(result.rows) == 1


def test_missing_file_or_column_is_a_clear_error(tmp_path):
    with pytest.raises(EvaluationError, match="no labelled titles"):
        evaluate_titles(tmp_path / "absent.csv")
    bad = tmp_path / "bad.csv"
    bad.write_text("title,country\nAccount Manager,GB\n", encoding="utf-8")
    with pytest.raises(EvaluationError, match="lacks the column"):
        evaluate_titles(bad)


def test_holdout_failures_are_hidden_unless_asked(tmp_path):
    # One failing row in each half (labels deliberately wrong).
    rows, seen = [], set()
    for i in range(40):
        title = f"Account Director {i}"
        which = half(f"{title}|GB|")
        if which in seen:
            continue
        seen.add(which)
        rows.append({"title": title, "country": "GB", "family": "sales", "level": "1"})
    assert seen == {"tune", "holdout"}
    result = evaluate_titles(_write(tmp_path / "t.csv", rows))
    hidden = format_title_eval(result)
    shown = format_title_eval(result, show_holdout_failures=True)
    holdout_title = next(r["title"] for r in rows if half(f"{r['title']}|GB|") == "holdout")
    tune_title = next(r["title"] for r in rows if half(f"{r['title']}|GB|") == "tune")
    assert tune_title in hidden and holdout_title not in hidden
    assert "holdout failing rows: 1 (listed with --show-holdout-failures)" in hidden
    assert holdout_title in shown


def test_the_context_reaches_extraction_as_the_posting_text():
    # A vague title falls back to the text, so the context must arrive as the text.
    role = classify_row("Manager, Clients", "GB", "We are hiring an Account Director for our agency.")
    assert (role["family"], role["level"]) == ("account_management", 4)


def test_cli_prints_the_table(tmp_path):
    path = _write(tmp_path / "t.csv", ROWS[:2])
    result = runner.invoke(app, ["eval", "titles", str(path)])
    assert result.exit_code == 0, result.output
    assert "both" in result.output and "95% CI (Wilson)" in result.output


def test_cli_on_a_missing_file_fails_with_the_reason(tmp_path):
    result = runner.invoke(app, ["eval", "titles", str(tmp_path / "absent.csv")])
    assert result.exit_code != 0
    assert "no labelled titles" in result.output


def test_the_committed_set_is_read_whole():
    result = evaluate_titles(config.TITLES_LABELLED)
    assert result.problems.empty
    assert len(result.rows) == 503
    assert set(result.agreement["half"]) == {"tune", "holdout"}


def test_a_whole_file_tuning_set_is_scored_as_its_own_half_with_its_failures_listed(tmp_path):
    rows = [{**row, "half": "tune2"} for row in ROWS]
    result = evaluate_titles(_write(tmp_path / "t2.csv", rows))
    assert result.problems.empty  # tune2 is not held to the hash rule
    table = result.agreement.set_index(["measure", "half"])
    assert (table.loc[("both", "tune2"), "n"], table.loc[("both", "tune2"), "agree"]) == (3, 2)
    # A whole-file set has no tune or holdout rows: those halves are left out, not shown as 0/0 nan%.
    assert set(result.agreement["half"]) == {"tune2"}
    report = format_title_eval(result)
    assert "nan" not in report and "holdout failing rows" not in report
    assert "tune2 failing rows: 1" in report
    assert "media agency, leads a team" in report
    assert "t2.csv" in report.splitlines()[0]


def test_a_file_whose_rows_are_all_left_out_still_reports(tmp_path):
    rows = [{"title": "Account Manager", "country": "GB", "family": "account_management", "level": "two"}]
    result = evaluate_titles(_write(tmp_path / "t.csv", rows))
    assert len(result.rows) == 0 and list(result.problems["row"]) == [0]
    assert "rows left out: 1" in format_title_eval(result)


def test_the_committed_second_set_is_read_whole():
    result = evaluate_titles(config.LABELLED / "titles" / "titles_2.csv")
    assert result.problems.empty
    assert len(result.rows) == 406
    assert set(result.agreement["half"]) == {"tune2"}
    assert set(result.agreement["n"]) == {406}


def test_a_third_whole_file_tuning_set_is_read_as_tune3(tmp_path):
    rows = [{**row, "half": "tune3"} for row in ROWS]
    result = evaluate_titles(_write(tmp_path / "t3.csv", rows))
    assert result.problems.empty
    assert set(result.agreement["half"]) == {"tune3"}
    assert "tune3 failing rows: 1" in format_title_eval(result)


def test_a_file_with_no_scorable_row_shows_both_halves_empty(tmp_path):
    rows = [{"title": "Account Manager", "country": "GB", "family": "account_management", "level": "two"}]
    result = evaluate_titles(_write(tmp_path / "t.csv", rows))
    assert set(result.agreement["half"]) == {"tune", "holdout"}
    assert set(result.agreement["n"]) == {0}
