"""paydocs_eval: postings labelled with the base pay their text states, scored through the product path."""

from __future__ import annotations

import csv
import hashlib
import math

import pandas as pd
import pytest
from typer.testing import CliRunner

from workbench import config, corpora
from workbench import document_eval as de
from workbench import paydocs_eval as pe
from workbench.agreement import half
from workbench.cli import app
from workbench.errors import EvaluationError

LINKEDIN = corpora.SPECS["linkedin_us"]

# Team-written postings (no corpus text).
RANGE = "Account Manager for a software firm. Base salary: $60,000 - $70,000 per year."
NO_FIGURE = "Account Manager. Competitive pay, discussed at interview."
TAKEN = "Account Director. Salary $90,000 per year."
QUIET = "Account Director for a design studio. Great team."


def _id(stem: str, wanted: str) -> str:
    """The first id ``stem<i>`` whose linkedin_us key falls in the wanted half."""
    return next(f"{stem}{i}" for i in range(1000) if half(f"linkedin_us:{stem}{i}") == wanted)


def _sha(text: str) -> str:
    return hashlib.sha1(text.encode("utf-8")).hexdigest()[:12]


def _write_corpus(folder, postings):
    """A toy linkedin_us file with the spec's columns (ids and descriptions from ``postings``)."""
    path = folder / LINKEDIN.path
    path.parent.mkdir(parents=True)
    columns = [*LINKEDIN.columns.values(), *LINKEDIN.flags]
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, columns)
        writer.writeheader()
        for rid, text in postings:
            row = dict.fromkeys(columns, "")
            row.update(job_id=rid, description=text, title="Account Manager", listed_time="1700000000000",
                       desc_has_dollar_amount="True")
            writer.writerow(row)


def _label(rid, text, category, low="", high="", currency="", period="", several="false",
           corpus="linkedin_us", field="description", sha=None):
    return {"corpus": corpus, "id": rid, "field": field, "text_sha1": sha or _sha(text),
            "category": category, "low": low, "high": high, "currency": currency, "period": period,
            "several": several, "ote_also": "false", "shape": "range" if low or high else "none",
            "note": "team-written", "half": half(f"{corpus}:{rid}")}


@pytest.fixture
def toy(tmp_path):
    ids = {k: _id(k, h) for k, h in [("agree", "tune"), ("period", "tune"), ("missed", "tune"),
                                      ("none", "tune"), ("taken", "tune"), ("heldmiss", "holdout"),
                                      ("stale", "tune"), ("field", "tune"), ("noamount", "tune")]}
    texts = {"agree": RANGE, "period": RANGE, "missed": NO_FIGURE, "none": QUIET, "taken": TAKEN,
             "heldmiss": NO_FIGURE, "stale": RANGE, "field": RANGE, "noamount": RANGE}
    _write_corpus(tmp_path / "corpora", [(ids[k], texts[k]) for k in ids])
    labels = [
        _label(ids["agree"], RANGE, "base_pay", "60000", "70000", "USD", "year"),
        _label(ids["period"], RANGE, "base_pay", "60000", "70000", "USD", "hour"),
        _label(ids["missed"], NO_FIGURE, "base_pay", "55000", "55000", "USD", "year"),
        _label(ids["none"], QUIET, "none"),
        _label(ids["taken"], TAKEN, "non_pay_money"),
        _label(ids["heldmiss"], NO_FIGURE, "base_pay", "55000", "55000", "USD", "year"),
        _label(ids["stale"], RANGE, "base_pay", "60000", "70000", "USD", "year", sha="000000000000"),
        _label(ids["field"], RANGE, "base_pay", "60000", "70000", "USD", "year", field="title"),
        _label(ids["noamount"], RANGE, "base_pay", "", "", "USD", "year"),
        _label("x1", RANGE, "base_pay", "60000", "70000", "USD", "year", corpus="elsewhere"),
        _label("404", RANGE, "base_pay", "60000", "70000", "USD", "year"),
    ]
    path = tmp_path / "paydocs.csv"
    pd.DataFrame(labels).to_csv(path, index=False)
    return path, tmp_path / "corpora", ids


def _wilson_by_hand(k, n, z=1.959963984540054):
    p = k / n
    centre = (p + z * z / (2 * n)) / (1 + z * z / n)
    half_width = z * math.sqrt(p * (1 - p) / n + z * z / (4 * n * n)) / (1 + z * z / n)
    return centre - half_width, centre + half_width


def test_every_labelled_posting_is_scored_or_listed_with_its_reason(toy):
    path, folder, ids = toy
    result = pe.evaluate_paydocs(path, corpora=folder)
    kinds = {r: (k if isinstance(k, str) else None) for r, k in zip(result.rows["id"], result.rows["kind"])}
    assert kinds == {ids["agree"]: None, ids["period"]: "wrong_period", ids["missed"]: "missed",
                     ids["none"]: None, ids["taken"]: "non_pay_taken", ids["heldmiss"]: "missed"}
    reasons = dict(zip(result.unusable["id"], result.unusable["reason"]))
    assert reasons[ids["stale"]] == "text_sha1 no longer matches the corpus text"
    assert "not the corpus's text column" in reasons[ids["field"]]
    assert reasons[ids["noamount"]] == "base_pay row without an amount"
    assert reasons["x1"] == "unknown corpus 'elsewhere'"
    assert reasons["404"] == "id not in the corpus"
    assert len(result.rows) + len(result.unusable) == 11


def test_agreement_precision_and_true_negatives_are_counted_as_defined(toy):
    path, folder, _ids = toy
    s = pe.summary(pe.evaluate_paydocs(path, corpora=folder))["overall"]
    # Four base_pay postings scored, one agrees; pay points given: agree, period, taken.
    assert (s["agree"], s["n"]) == (1, 4)
    assert (s["agree"], s["reported"]) == (1, 3)
    assert (s["true_negatives"], s["nopay_n"]) == (1, 2)
    assert pe.wilson(s["agree"], s["n"]) == pytest.approx(_wilson_by_hand(1, 4), abs=1e-9)


def test_held_out_failures_are_listed_only_when_asked(toy):
    path, folder, ids = toy
    result = pe.evaluate_paydocs(path, corpora=folder)
    quiet = pe.format_paydocs(result)
    loud = pe.format_paydocs(result, show_holdout_failures=True)
    assert f"linkedin_us:{ids['missed']} [tune] missed" in quiet
    assert f"linkedin_us:{ids['heldmiss']}" not in quiet
    assert f"linkedin_us:{ids['heldmiss']} [holdout] missed" in loud
    assert "Wilson 95%" in quiet and "overall" in quiet and "unusable linkedin_us:404" in quiet


def _team(rid, text, category, *amounts, location="Austin, TX", sha=None, field="text"):
    row = _label(rid, text, category, *amounts, corpus="team", field=field, sha=sha)
    return {**row, "text": text, "title": "Account Manager", "location": location, "country": "US"}


def test_team_written_postings_carry_their_text_and_are_scored_like_corpus_ones(tmp_path):
    rows = [_team("us001", RANGE, "base_pay", "60000", "70000", "USD", "year"),
            _team("us002", TAKEN, "non_pay_money"),
            _team("us003", QUIET, "none"),
            _team("us004", RANGE, "base_pay", "60000", "70000", "USD", "year", sha="000000000000"),
            _team("us005", "", "none")]
    path = tmp_path / "paytexts.csv"
    pd.DataFrame(rows).to_csv(path, index=False)
    result = pe.evaluate_paydocs(path, corpora=tmp_path / "no-corpora")
    kinds = {r: (k if isinstance(k, str) else None) for r, k in zip(result.rows["id"], result.rows["kind"])}
    assert kinds == {"us001": None, "us002": "non_pay_taken", "us003": None}
    assert dict(zip(result.rows["id"], result.rows["half"])) == {
        r: half(f"team:{r}") for r in ("us001", "us002", "us003")}
    reasons = dict(zip(result.unusable["id"], result.unusable["reason"]))
    assert reasons == {"us004": "text_sha1 does not match the row's text",
                       "us005": "a team-written row needs field 'text' and the posting in its text column"}
    s = pe.summary(result)["team"]
    assert (s["agree"], s["n"], s["true_negatives"], s["nopay_n"]) == (1, 1, 1, 2)


def _team_id(wanted: str) -> str:
    return next(f"t{i}" for i in range(1000) if half(f"team:t{i}") == wanted)


def test_a_set_split_by_the_hash_rule_gets_a_line_per_half_and_hides_held_out_failures(tmp_path):
    tune, held = _team_id("tune"), _team_id("holdout")
    rows = [_team(tune, RANGE, "base_pay", "60000", "70000", "USD", "year"),
            _team(held, TAKEN, "non_pay_money")]
    path = tmp_path / "paytexts.csv"
    pd.DataFrame(rows).to_csv(path, index=False)
    result = pe.evaluate_paydocs(path)
    s = pe.summary(result)
    assert (s["team tune"]["agree"], s["team tune"]["n"]) == (1, 1)
    assert (s["team holdout"]["true_negatives"], s["team holdout"]["nopay_n"]) == (0, 1)
    quiet = pe.format_paydocs(result)
    assert "team tune" in quiet and "team holdout" in quiet
    assert "error kinds (tuning halves only): none" in quiet and "non_pay_taken" not in quiet
    assert "non_pay_taken" in pe.format_paydocs(result, show_holdout_failures=True)


def test_a_team_set_without_its_text_column_lists_every_row(tmp_path):
    rows = [_label("us001", RANGE, "base_pay", "60000", "70000", "USD", "year", corpus="team", field="text")]
    path = tmp_path / "paytexts.csv"
    pd.DataFrame(rows).to_csv(path, index=False)
    result = pe.evaluate_paydocs(path)
    assert result.rows.empty
    assert list(result.unusable["reason"]) == ["a team-written set needs a text column"]


def test_a_posting_stating_several_base_pays_may_agree_with_another_of_them():
    text = ("Trainee rate $18.00 per hour for the first month, then $20.00 - $22.00 per hour. "
            "Earn $60,000 OTE.")
    row = {"category": "base_pay", "low": "18", "high": "18", "currency": "USD", "period": "hour",
           "several": "true", "description": text}
    later = {"low": 20.0, "high": 22.0, "currency": "USD", "period": "hour"}
    assert pe.score_row(row, later) == {"status": "scored", "kind": None, "reported": True,
                                        "via": "other_statement"}
    # Not when the posting states one base pay, nor for a figure the text does not state as pay
    # on its own (one end of a range, on-target earnings), nor in another period.
    assert pe.score_row({**row, "several": "false"}, later)["kind"] == "wrong_amount"
    for got in ({"low": 20.0, "high": 20.0, "currency": "USD", "period": "hour"},
                {"low": 60000.0, "high": 60000.0, "currency": "USD", "period": "year"},
                {**later, "period": "day"}):
        assert pe.score_row(row, got)["via"] is None


def test_a_posting_stating_pay_per_location_agrees_with_the_envelope_of_its_tiers():
    text = ("Engagement Lead, Northwind Analytics\nBase salary by office:\n"
            "Denver and Austin: $91,000 - $104,000\nAll other US offices: $83,500 - $97,000\n"
            "Plus a team bonus of up to $6,000 and OTE of $150,000.")
    row = {"category": "base_pay", "low": "91000", "high": "104000", "currency": "USD",
           "period": "year", "several": "true", "shape": "range;location_ranges", "description": text}
    envelope = {"low": 83500.0, "high": 104000.0, "currency": "USD", "period": "year"}
    assert pe.score_row(row, envelope) == {"status": "scored", "kind": None, "reported": True,
                                           "via": "tier_envelope"}
    # Only for a 'several' posting its labeller tagged as stated per location, only a range
    # holding the label whose ends are stated ends, in the label's currency and period.
    assert pe.score_row({**row, "shape": "range;several_ranges"}, envelope)["kind"] == "wrong_amount"
    assert pe.score_row({**row, "several": "false"}, envelope)["kind"] == "wrong_amount"
    for got in ({**envelope, "high": 150000.0}, {**envelope, "low": 97000.0},
                {"low": 91000.0, "high": 97000.0, "currency": "USD", "period": "year"},
                {**envelope, "period": "month"},
                {**envelope, "low": 6000.0}):
        assert pe.score_row(row, got)["via"] is None, got


def test_written_as_statement_reads_ranges_and_lone_figures():
    assert de.written_as_statement("pay $85K-$95K base", 85000, 95000)
    assert de.written_as_statement("Salary £41,000 per annum", 41000, 41000)
    assert not de.written_as_statement("Salary £41,000 - £47,000", 41000, 41000)
    assert not de.written_as_statement("Salary £41,000 - £47,000", 41000, 48000)
    assert not de.written_as_statement("£120,000 OTE", 120000, 120000)


def test_a_missing_set_or_column_or_category_is_a_clear_error(tmp_path):
    with pytest.raises(EvaluationError, match="git rebase main"):
        pe.read_paydocs(tmp_path / "absent.csv")
    short = tmp_path / "short.csv"
    short.write_text("corpus,id\nlinkedin_us,1\n", encoding="utf-8")
    with pytest.raises(EvaluationError, match="lacks the column"):
        pe.read_paydocs(short)
    odd = tmp_path / "odd.csv"
    pd.DataFrame([{**_label("1", RANGE, "base_pay", "1", "2", "USD", "year"), "category": "maybe"}]).to_csv(
        odd, index=False)
    with pytest.raises(EvaluationError, match="unknown category maybe"):
        pe.read_paydocs(odd)


def test_labels_name_the_committed_set_or_a_path(tmp_path):
    assert pe.resolve_labels("paydocs") == config.PAYDOCS_LABELLED
    assert pe.resolve_labels(str(tmp_path / "x.csv")) == tmp_path / "x.csv"


def test_a_later_set_is_named_like_the_first(tmp_path, monkeypatch):
    monkeypatch.setattr(config, "LABELLED", tmp_path)
    assert pe.resolve_labels("paydocs2") == tmp_path / "paydocs2" / "paydocs2.csv"  # absent: own folder
    (tmp_path / "paydocs").mkdir()
    (tmp_path / "paydocs" / "paydocs_2.csv").write_text("corpus\n", encoding="utf-8")
    assert pe.resolve_labels("paydocs2") == tmp_path / "paydocs" / "paydocs_2.csv"
    (tmp_path / "paydocs2").mkdir()
    (tmp_path / "paydocs2" / "paydocs2.csv").write_text("corpus\n", encoding="utf-8")
    assert pe.resolve_labels("paydocs2") == tmp_path / "paydocs2" / "paydocs2.csv"
    assert pe.resolve_labels("paydocs") == config.PAYDOCS_LABELLED


def test_cli_scores_a_labelled_set(toy, monkeypatch):
    path, folder, ids = toy
    monkeypatch.setattr(config, "CORPORA", folder)
    result = CliRunner().invoke(app, ["eval", "documents", "--labels", str(path)])
    assert result.exit_code == 0, result.output
    assert "6 labelled postings through ingest -> extract -> bench pay point" in result.output
    assert f"linkedin_us:{ids['period']} [tune] wrong_period" in result.output
    missing = CliRunner().invoke(app, ["eval", "documents", "--labels", str(folder / "none.csv")])
    assert missing.exit_code == 2 and "no labelled postings" in missing.output


needs_set = pytest.mark.skipif(not config.CORPORA.is_dir(), reason=f"{config.CORPORA} absent (set WORKBENCH_SHARED)")


@needs_set
def test_the_committed_set_runs_whole_with_its_counts():
    labels = pe.read_paydocs()
    result = pe.evaluate_paydocs()
    assert result.unusable.empty, result.unusable.to_dict("records")
    assert len(result.rows) == len(labels) == 201
    assert set(result.rows["half"]) == {"tune"}
    assert labels["category"].value_counts().to_dict() == {
        "base_pay": 119, "non_pay_money": 58, "none": 19, "board_estimate": 5}
    assert labels["corpus"].value_counts().to_dict() == {
        "uk_ads": 67, "linkedin_us": 50, "hh_ru": 43, "glassdoor": 41}
    s = pe.summary(result)["overall"]
    assert (s["n"], s["nopay_n"]) == (119, 82)
