"""eval_timesplits: precision and recall of time splits through the product path, per half."""

from __future__ import annotations

import csv
import hashlib

import pandas as pd
import pytest
from typer.testing import CliRunner

from workbench import config
from workbench.cli import app
from workbench.errors import EvaluationError
from workbench.eval_timesplits import _score, _shares_match, evaluate_timesplits, format_timesplit_eval
from workbench.evaluate import half

runner = CliRunner()
LABEL_COLUMNS = ["corpus", "id", "field", "text_sha1", "category", "n_shares", "shares", "note", "half"]

# Team-written postings in the glassdoor layout (the row index is the id).
POSTINGS = [
    ("Account Manager", "Time split:\n- Client meetings - 50%\n- Reporting - 30%\n- Admin - 20%\n"),
    ("Account Manager", "Look after twenty retail clients. Travel up to 25% of the time."),
    ("Account Manager", "Look after twenty retail clients. Pension with 5% employer contribution."),
    ("Account Manager", "Look after twenty retail clients and report to the Account Director."),
]


def _sha(text):
    return hashlib.sha1(text.encode("utf-8")).hexdigest()[:12]


def _corpus(tmp_path, postings=POSTINGS):
    folder = tmp_path / "corpora" / "glassdoor"
    folder.mkdir(parents=True)
    with (folder / "glassdoor_jobs.csv").open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(["Job Title", "Company Name", "Location", "Job Description"])
        for title, text in postings:
            writer.writerow([title, "Acme Media", "London", text])
    return tmp_path / "corpora"


def _labels(tmp_path, rows):
    path = tmp_path / "labels.csv"
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=LABEL_COLUMNS)
        writer.writeheader()
        for row in rows:
            full = {"field": "Job Description", "n_shares": "", "shares": "", "note": "", **row}
            full.setdefault("half", half(f"glassdoor:{full['id']}"))
            writer.writerow(full)
    return path


def _labelled(i, category, shares=""):
    return {"corpus": "glassdoor", "id": str(i), "text_sha1": _sha(POSTINGS[i][1]), "category": category,
            "shares": shares, "n_shares": str(len(shares.split(";"))) if shares else ""}


def test_a_split_a_condition_and_another_percentage_through_the_product_path(tmp_path):
    labels = _labels(tmp_path, [_labelled(0, "time_split", "50;30;20"), _labelled(1, "condition"),
                                _labelled(2, "other_percent")])
    result = evaluate_timesplits(labels, _corpus(tmp_path), names=("glassdoor",))
    rows = result.rows.set_index("id")
    assert list(rows["got_split"]) == [True, False, False, False]
    assert rows.loc["0", "got_shares"] == "50;30;20" and rows.loc["0", "shares_ok"]
    assert rows.loc["3", "category"] == ""  # no percentage: not labelled, still scored
    which = half("glassdoor:0")
    scores = result.scores.set_index(["measure", "half"])
    assert scores.loc[("precision", which), ["hits", "n"]].tolist() == [1, 1]
    assert scores.loc[("recall", which), ["hits", "n"]].tolist() == [1, 1]
    assert result.problems.empty


def test_rows_whose_text_changed_or_whose_half_is_wrong_are_listed(tmp_path):
    moved = _labelled(1, "condition")
    moved["half"] = "tune" if half("glassdoor:1") == "holdout" else "holdout"
    labels = _labels(tmp_path, [{**_labelled(0, "time_split", "50;30;20"), "text_sha1": "000000000000"}, moved,
                                {**_labelled(2, "other_percent"), "id": "99"}])
    result = evaluate_timesplits(labels, _corpus(tmp_path), names=("glassdoor",))
    reasons = dict(zip(result.problems["id"], result.problems["reason"]))
    assert "text_sha1" in reasons["0"] and "CONVENTIONS" in reasons["1"] and "not in the corpus" in reasons["99"]
    assert set(result.rows["id"]) == {"2", "3"}


def test_precision_recall_and_shares_are_counted_per_half_by_hand():
    rows = pd.DataFrame([
        # half, category, got_split, shares_ok
        ("tune", "time_split", True, True), ("tune", "time_split", True, False), ("tune", "time_split", False, False),
        ("tune", "condition", True, False), ("tune", "", True, False), ("tune", "other_percent", False, False),
        ("holdout", "time_split", True, True), ("holdout", "other_percent", False, False),
    ], columns=["half", "category", "got_split", "shares_ok"])
    scores = _score(rows).set_index(["measure", "half"])
    assert scores.loc[("precision", "tune"), ["hits", "n"]].tolist() == [2, 4]
    assert scores.loc[("recall", "tune"), ["hits", "n"]].tolist() == [2, 3]
    assert scores.loc[("shares", "tune"), ["hits", "n"]].tolist() == [1, 2]
    assert scores.loc[("precision", "holdout"), "rate"] == 1.0
    low, high = scores.loc[("precision", "tune"), ["ci_low", "ci_high"]]
    assert low < 0.5 < high


@pytest.mark.parametrize("got, labelled, ok", [
    ([25.0, 25.0, 50.0], "25;25;50", True),
    ([75.0, 25.0], "70-80;20-30", False),
    ([70.0, 20.0], "70-80;20-30", True),
    ([80.0, 30.0], "70-80;20-30", True),
    ([50.0], "50;50", False),
    ([50.0, 50.0], "50;50", True),
])
def test_shares_match_in_order_and_a_range_matches_either_end(got, labelled, ok):
    assert _shares_match(got, labelled) is ok


def test_holdout_rows_are_hidden_unless_asked(tmp_path):
    # A posting labelled condition that nonetheless holds a split: a wrong row in its half.
    labels = _labels(tmp_path, [{**_labelled(0, "condition")}])
    result = evaluate_timesplits(labels, _corpus(tmp_path), names=("glassdoor",))
    which = half("glassdoor:0")
    hidden = format_timesplit_eval(result)
    shown = format_timesplit_eval(result, show_holdout_failures=True)
    assert "glassdoor:0 labelled condition" in shown
    assert ("glassdoor:0 labelled condition" in hidden) == (which == "tune")


def test_a_missing_or_malformed_label_file_is_a_clear_error(tmp_path):
    with pytest.raises(EvaluationError, match="no labelled time splits"):
        evaluate_timesplits(tmp_path / "absent.csv", tmp_path)
    bad = tmp_path / "bad.csv"
    bad.write_text("corpus,id\nglassdoor,0\n", encoding="utf-8")
    with pytest.raises(EvaluationError, match="lacks the column"):
        evaluate_timesplits(bad, tmp_path)
    odd = _labels(tmp_path, [_labelled(0, "duty")])
    with pytest.raises(EvaluationError, match="unknown category"):
        evaluate_timesplits(odd, tmp_path)


@pytest.mark.skipif(not (config.CORPORA / "glassdoor").is_dir(), reason="../shared/corpora is not beside this checkout")
def test_the_cli_scores_the_committed_set(tmp_path):
    result = runner.invoke(app, ["eval", "timesplits"])
    assert result.exit_code == 0, result.output
    assert "precision  holdout" in result.output and "labelled rows left out" not in result.output
