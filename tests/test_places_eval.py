"""places_eval: scoring the location parser, on small files written here and on the real set."""

from __future__ import annotations

import hashlib
import math

import pandas as pd
import pytest
from typer.testing import CliRunner

from workbench import config
from workbench.cli import app
from workbench.errors import EvaluationError
from workbench.places_eval import evaluate_locations, format_location_eval, half, wilson

runner = CliRunner()
NEEDS_CORPUS = pytest.mark.skipif(not config.UK_ADS_CSV.is_file(),
                                  reason="../shared/corpora/uk_ads is not beside this checkout")


def _sha12(text):
    return hashlib.sha1(text.encode("utf-8")).hexdigest()[:12]


# --------------------------------------------------------------------------- statistics


@pytest.mark.parametrize("x, n, low, high", [
    # Newcombe (1998), Statistics in Medicine 17:857-872, table II, method 3 (score, no
    # continuity correction): 81/263, 15/148, 0/20, 1/29.
    (81, 263, 0.2553, 0.3662),
    (15, 148, 0.0624, 0.1605),
    (0, 20, 0.0, 0.1611),
    (1, 29, 0.0061, 0.1718),
])
def test_wilson_matches_published_intervals(x, n, low, high):
    got = wilson(x, n)
    assert got[0] == pytest.approx(low, abs=5e-5) and got[1] == pytest.approx(high, abs=5e-5)


def test_wilson_matches_the_formula_worked_by_hand():
    # 498/499: p = 0.998, z = 1.959964; centre (p + z^2/2n) / (1 + z^2/n), half-width
    # z * sqrt(p(1-p)/n + z^2/4n^2) / (1 + z^2/n).
    x, n, z = 498, 499, 1.959963984540054
    p = x / n
    denominator = 1 + z * z / n
    centre = (p + z * z / (2 * n)) / denominator
    spread = z * math.sqrt(p * (1 - p) / n + z * z / (4 * n * n)) / denominator
    got = wilson(x, n)
    assert got[0] == pytest.approx(centre - spread, abs=1e-12)
    assert got[1] == pytest.approx(centre + spread, abs=1e-12)


def test_wilson_of_nothing_is_undefined():
    assert all(math.isnan(v) for v in wilson(0, 0))


def test_half_follows_the_conventions_rule_on_the_committed_set():
    labels = pd.read_csv(config.LOCATIONS_LABELLED, dtype=str, keep_default_na=False)
    assert len(labels) == 990
    assert all(half(f"uk_ads:{i}") == h for i, h in zip(labels["id"], labels["half"]))
    assert labels["half"].value_counts().to_dict() == {"holdout": 499, "tune": 491}


# --------------------------------------------------------------------------- small files


def _tables(tmp_path, rows, corpus_rows):
    """Labelled and corpus CSVs in the two files' layouts; halves by the rule."""
    labels = pd.DataFrame([{
        "corpus": "uk_ads", "id": rid, "location_sha1": _sha12(text), "city": city, "region": region,
        "country": "GB", "remote": "false", "note": "", "half": half(f"uk_ads:{rid}")}
        for rid, text, city, region in rows])
    labels_path = tmp_path / "labels.csv"
    labels.to_csv(labels_path, index=False)
    corpus_path = tmp_path / "corpus.csv"
    pd.DataFrame(corpus_rows, columns=["adzuna_id", "location"]).to_csv(corpus_path, index=False)
    return labels_path, corpus_path


ROWS = [  # id, location, expected city, expected region (team-written)
    ("1", "Canary Wharf, London", "London", "London"),
    ("2", "Leeds, West Yorkshire", "Leeds", "Yorkshire and The Humber"),
    ("3", "Berkshire", "", "South East"),
    ("4", "Hulme, Manchester", "Manchester", "North West"),
    ("5", "Atherton, Manchester", "Manchester", "North West"),  # deliberately wrong city label
    ("6", "Glasgow", "Glasgow", "Scotland"),
    ("7", "Bristol", "Bristol", "South West"),
    ("8", "Cardiff", "Cardiff", "Wales"),
]


def test_agreement_per_field_and_half(tmp_path):
    corpus = [(rid, text) for rid, text, _, _ in ROWS]
    labels_path, corpus_path = _tables(tmp_path, ROWS, corpus)
    result = evaluate_locations(labels_path, corpus_path)
    halves = {rid: half(f"uk_ads:{rid}") for rid, *_ in ROWS}
    bad_half = halves["5"]
    table = result.agreement.set_index(["field", "half"])
    n_bad_half = sum(1 for h in halves.values() if h == bad_half)
    assert table.loc[("city", bad_half), "n"] == n_bad_half
    assert table.loc[("city", bad_half), "agree"] == n_bad_half - 1
    assert table.loc[("region", bad_half), "agree"] == n_bad_half  # the region is right
    assert result.rate("region", "tune") == 1.0 and result.rate("region", "holdout") == 1.0
    assert list(result.failures["id"]) == ["5"]
    assert result.failures.loc[0, "got_city"] == "Atherton"
    low, high = wilson(n_bad_half - 1, n_bad_half)
    assert table.loc[("city", bad_half), "ci_low"] == pytest.approx(low)
    assert table.loc[("city", bad_half), "ci_high"] == pytest.approx(high)
    assert result.n_distinct == len(ROWS) and result.problems.empty


def test_holdout_failures_are_printed_only_on_request(tmp_path):
    corpus = [(rid, text) for rid, text, _, _ in ROWS]
    result = evaluate_locations(*_tables(tmp_path, ROWS, corpus))
    which = half("uk_ads:5")
    quiet = format_location_eval(result)
    loud = format_location_eval(result, show_holdout_failures=True)
    assert "'Atherton, Manchester' x1" in loud
    if which == "holdout":
        assert "Atherton" not in quiet and "--show-holdout-failures" in quiet
    else:
        assert "'Atherton, Manchester' x1" in quiet
    assert "95% CI (Wilson)" in quiet and "us per distinct string" in quiet


def test_rows_whose_text_changed_or_vanished_are_listed_and_left_out(tmp_path):
    corpus = [(rid, text) for rid, text, _, _ in ROWS if rid != "2"]
    corpus = [(rid, "Somewhere else" if rid == "3" else text) for rid, text in corpus]
    result = evaluate_locations(*_tables(tmp_path, ROWS, corpus))
    reasons = dict(zip(result.problems["id"], result.problems["reason"]))
    assert reasons == {"2": "id not in the corpus", "3": "location text no longer matches location_sha1"}
    assert int(result.agreement.query("field == 'city'")["n"].sum()) == len(ROWS) - 2
    assert "rows left out: 2" in format_location_eval(result)


def test_missing_files_raise_a_typed_error_that_says_what_to_do(tmp_path):
    with pytest.raises(EvaluationError, match="--corpus"):
        evaluate_locations(config.LOCATIONS_LABELLED, tmp_path / "nope.csv")
    with pytest.raises(EvaluationError, match="--labels"):
        evaluate_locations(tmp_path / "nope.csv", tmp_path / "nope.csv")
    bad = tmp_path / "bad.csv"
    bad.write_text("id,city\n1,London\n", encoding="utf-8")
    with pytest.raises(EvaluationError, match="location_sha1"):
        evaluate_locations(bad, tmp_path / "nope.csv")


def test_cli_eval_locations(tmp_path):
    corpus = [(rid, text) for rid, text, _, _ in ROWS]
    labels_path, corpus_path = _tables(tmp_path, ROWS, corpus)
    result = runner.invoke(app, ["eval", "locations", "--labels", str(labels_path),
                                 "--corpus", str(corpus_path), "--show-holdout-failures"])
    assert result.exit_code == 0, result.output
    assert "city    tune" in result.output and "'Atherton, Manchester' x1" in result.output
    missing = runner.invoke(app, ["eval", "locations", "--labels", str(labels_path),
                                  "--corpus", str(tmp_path / "nope.csv")])
    assert missing.exit_code == 2 and "error:" in missing.output and "Traceback" not in missing.output


# --------------------------------------------------------------------------- the real set


@NEEDS_CORPUS
def test_uk_ads_locations_meet_98_percent_on_the_held_out_half():
    result = evaluate_locations()
    assert result.problems.empty, result.problems
    assert result.n_rows == 990 and result.n_distinct == 104
    table = result.agreement.set_index(["field", "half"])
    assert table.loc[("city", "holdout"), "n"] == 499 and table.loc[("city", "tune"), "n"] == 491
    for field_name in ("city", "region"):
        assert result.rate(field_name, "holdout") >= 0.98, format_location_eval(result)
