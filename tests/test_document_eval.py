"""document_eval: label rules, error kinds, intervals and the report of `workbench eval documents`."""

from __future__ import annotations

import csv
import hashlib
import math
import re

import pandas as pd
import pytest
from typer.testing import CliRunner

from workbench import config, corpora, document_eval as de
from workbench.cli import app
from workbench.evaluate import half

E = de.Expectation


@pytest.mark.parametrize("text, figure", [
    ("Salary £30,000 - £34,000 per annum", 34000),
    ("$85K-$95K base", 85000),
    ("from 67.29 an hour", 67.29),
    ("оклад от 150 000 руб.", 150000),
    ("до 120\u00a0000 ₽ на руки", 120000),
    ("1.500,50 EUR brutto", 1500.5),
    ("£400 p/d", 400),
    ("150 тыс. рублей", 150000),
])
def test_figures_are_read_as_written(text, figure):
    assert any(math.isclose(v, figure) for v in de.figures_in(text)), de.figures_in(text)


def test_a_figure_that_is_not_written_is_not_found():
    assert not any(math.isclose(v, 36000) for v in de.figures_in("Salary £30,000 - £34,000"))


SPEC = corpora.CorpusSpec(name="toy", path=corpora.Path("toy.csv"), columns={})
UK = corpora.SPECS["uk_ads"]


def _row(text, low, high, currency="GBP", period="year", **flags):
    return {"description": text, "label_low": low, "label_high": high, "label_currency": currency,
            "label_period": period, **flags}


def test_label_rules_exclude_estimates_noisy_periods_and_unwritten_figures():
    assert de.label_expectation(UK, _row("£71,300 per year - estimated", 71300.24, 71300.24,
                                         salary_looks_predicted=True, desc_mentions_gbp=True)) == \
        (None, "estimate")
    assert de.label_expectation(SPEC, _row("$71,323 - $89,965", 71323, 89965, "USD", "biweekly")) == \
        (None, "noisy_period")
    assert de.label_expectation(SPEC, _row("Up to £60,000", 50000, 60000)) == (None, "figure_not_in_text")
    assert de.label_expectation(SPEC, _row("No pay here", None, None)) == (None, None)


def test_uk_labels_are_read_back_to_the_stated_day_or_hour_rate():
    # The uk_ads README: a day rate is annualised x 260, an hourly one x 2,080.
    day = _row("Contract, £400 - £500 per day inside IR35", 104000, 130000, desc_mentions_gbp=True)
    assert de.label_expectation(UK, day) == (E(400, 500, "GBP", "day"), None)
    hour = _row("up to £65ph", None, 135200, desc_mentions_gbp=True)
    assert de.label_expectation(UK, hour) == (E(None, 65, "GBP", "hour"), None)
    annual = _row("Salary £45,000", 45000, 45000, desc_mentions_gbp=True)
    assert de.label_expectation(UK, annual) == (E(45000, 45000, "GBP", "year"), None)
    # The corpus's own flag says the text has no £ figure at all.
    assert de.label_expectation(UK, _row("45000", 45000, 45000, desc_mentions_gbp=False)) == \
        (None, "figure_not_in_text")


def test_digits_glued_to_letters_are_codes_and_an_unannualised_figure_is_matched_as_written():
    assert 35 not in de.figures_in("Contract inside IR35, W2 only")
    # A year is not the label's 2,000 (the 1% tolerance is for annualised labels only).
    assert de.label_expectation(SPEC, _row("Founded in 2003. Pay from 1 500 BYN", 1500, 2000, "BYN", "month")) \
        == (None, "figure_not_in_text")
    day = _row("Rate £402 per day, inside IR35", 104000, 104000, desc_mentions_gbp=True)
    assert de.label_expectation(UK, day) == (E(400, 400, "GBP", "day"), None)


@pytest.mark.parametrize("text, low, high", [
    ("Total on-target earnings of $150,000 - $210,000. The base salary is $110,000 - $140,000.", 150000, 210000),
    ("Base Salary: $48,000On Target Earnings: $75,000+ (Uncapped)", 48000, 75000),
    ("$42K base salary with $65k OTE & uncapped commission", 42000, 65000),
    ("The anticipated compensation is $130,000-$150,000 OTE. Benefits follow.", 130000, 150000),
    ("Base pay from USD 140,000. The national commissions target for this role is 300,000 USD.", 140000, 300000),
    ("Uncapped commissions.\n\nTotal Targeted Cash\n\n$129,000—$206,000 USD\n\nWe are a team.", 129000, 206000),
])
def test_a_label_the_text_states_as_on_target_earnings_is_a_label_issue(text, low, high):
    assert de.label_expectation(SPEC, _row(text, low, high, "USD")) == (None, "ote_label")


def test_base_pay_beside_on_target_earnings_is_still_scored():
    text = "Base Salary: $48,000On Target Earnings: $75,000+ (Uncapped)"
    assert de.label_expectation(SPEC, _row(text, 48000, 48000, "USD")) == (E(48000, 48000, "USD", "year"), None)
    text = "Compensation: $90,000 - $110,000 base, plus commission with OTE of $150,000."
    assert de.label_expectation(SPEC, _row(text, 90000, 110000, "USD")) == (E(90000, 110000, "USD", "year"), None)
    text = "About us.\nCompensation\n$90,000 - $110,000\nBenefits follow."  # a pay heading, not an OTE one
    assert de.label_expectation(SPEC, _row(text, 90000, 110000, "USD")) == (E(90000, 110000, "USD", "year"), None)


@pytest.mark.parametrize("text, low, high, reason", [
    ("Оклад 900 руб. на руки", 900, None, "open_end_not_stated"),        # "from" label, bare figure
    ("З/п от 180 000 рублей", None, 180000, "open_end_not_stated"),     # "to" label, text says "от"
    ("Зарплата от 1 200 до 1 600 BYN", 1200, None, "open_end_not_stated"),  # label keeps one end of a range
    ("Зарплата от 1 200 BYN", 1200, None, None),
    ("Зарплата до 1 600 BYN на руки", None, 1600, None),
    ("Salary £45k+ plus bonus", 45000, None, None),
    ("Rate: up to £550 per day", None, 550, None),
])
def test_a_one_ended_label_needs_its_end_word_in_the_text(text, low, high, reason):
    exp, why = de.label_expectation(SPEC, _row(text, low, high, "BYN", "month"))
    assert why == reason and (exp is None) == (reason is not None)


def test_an_envelope_is_a_low_end_and_a_high_end_each_stated_as_such():
    tiers = ("Zone 1: £38,500 to £44,000\nZone 2: £35,250 to £40,100\n"
             "Lead allowance £2,000 - £3,000. OTE £60,000")
    assert de.written_as_envelope(tiers, 35250, 44000)
    assert de.written_as_envelope(tiers, 38500, 44000)  # one statement's two ends
    assert not de.written_as_envelope(tiers, 40100, 44000)  # a high end read as a low end
    assert not de.written_as_envelope(tiers, 35250, 38500)  # a low end read as a high end
    assert not de.written_as_envelope(tiers, 35250, 60000)  # on-target earnings
    assert not de.written_as_envelope(tiers, 35250, 45000)  # not written
    # Ends labelled by their words, and lone figures, are stated ends too.
    minmax = "Base pay (NY):\nMin: $98,250\nMax: $131,900\nElsewhere:\nMin: $88,400\nMax: $118,700"
    assert de.written_as_envelope(minmax, 88400, 131900)
    assert de.written_as_envelope("London £52,410; national £47,800", 47800, 52410)


def test_a_single_figure_label_that_is_one_end_of_a_stated_range_is_a_label_issue():
    assert de.label_expectation(SPEC, _row("Salary £41,000 - £47,000 DOE", 47000, 47000)) == \
        (None, "single_figure_of_range")
    assert de.label_expectation(SPEC, _row("Pay £52K - £58K", 58000, 58000)) == (None, "single_figure_of_range")
    # Stated alone somewhere, or as a range of equal ends, it is scored.
    assert de.label_expectation(SPEC, _row("£47,000 — £47,000 per year", 47000, 47000)) == \
        (E(47000, 47000, "GBP", "year"), None)
    assert de.label_expectation(SPEC, _row("£41,000 - £47,000, up to £47,000 for seniors", 47000, 47000)) == \
        (E(47000, 47000, "GBP", "year"), None)


RANGE = E(30000, 34000, "GBP", "year")
FROM_ONLY = E(100000, None, "RUB", "month")


@pytest.mark.parametrize("expected, got, kind", [
    (RANGE, {"low": 30000, "high": 34000, "currency": "GBP", "period": "year"}, None),
    (RANGE, {"low": 30200, "high": 33800, "currency": "GBP", "period": "year"}, None),  # within 1%
    (RANGE, None, "missed"),
    (RANGE, {"low": None, "high": None, "currency": "GBP", "period": "year"}, "missed"),
    (RANGE, {"low": 30000, "high": 34000, "currency": "USD", "period": "year"}, "wrong_currency"),
    (RANGE, {"low": 30000, "high": 34000, "currency": "GBP", "period": "month"}, "wrong_period"),
    (RANGE, {"low": 30000, "high": None, "currency": "GBP", "period": "year"}, "far_end_lost"),
    (RANGE, {"low": 34000, "high": 34000, "currency": "GBP", "period": "year"}, "far_end_lost"),
    (RANGE, {"low": 3000, "high": 3400, "currency": "GBP", "period": "year"}, "wrong_amount"),
    # Another figure in another unit is a wrong figure, not a wrong unit of the right one.
    (RANGE, {"low": 200, "high": None, "currency": "GBP", "period": "day"}, "wrong_amount"),
    (RANGE, {"low": 30000, "high": None, "currency": "USD", "period": "year"}, "far_end_lost"),
    (E(45000, 45000, "GBP", "year"), {"low": None, "high": 45000, "currency": "GBP", "period": "year"}, None),
    (FROM_ONLY, {"low": 100000, "high": None, "currency": "RUB", "period": "month"}, None),
    (FROM_ONLY, {"low": 100000, "high": 150000, "currency": "RUB", "period": "month"}, "far_end_added"),
    (FROM_ONLY, {"low": None, "high": 100000, "currency": "RUB", "period": "month"}, "wrong_end"),
    (FROM_ONLY, {"low": 90000, "high": None, "currency": "RUB", "period": "month"}, "wrong_amount"),
])
def test_each_disagreement_has_its_kind(expected, got, kind):
    assert de.classify(expected, got) == kind


def _wilson_by_hand(k, n, z=1.959963984540054):
    # Wilson (1927): (p + z^2/2n +- z sqrt(p(1-p)/n + z^2/4n^2)) / (1 + z^2/n)
    p = k / n
    centre = (p + z * z / (2 * n)) / (1 + z * z / n)
    half_width = z * math.sqrt(p * (1 - p) / n + z * z / (4 * n * n)) / (1 + z * z / n)
    return centre - half_width, centre + half_width


def test_wilson_interval_matches_published_and_hand_worked_values():
    # 0 of 10: the upper end is z^2 / (n + z^2) = 3.8415 / 13.8415 = 0.2775.
    low, high = de.wilson(0, 10)
    assert low == pytest.approx(0.0, abs=1e-12) and high == pytest.approx(0.2775, abs=1e-4)
    # 5 of 10: 0.2366 to 0.7634, the textbook example.
    assert de.wilson(5, 10) == pytest.approx((0.2366, 0.7634), abs=1e-4)
    for k, n in ((113, 148), (3, 28), (257, 283)):
        assert de.wilson(k, n) == pytest.approx(_wilson_by_hand(k, n), abs=1e-9)
    assert all(math.isnan(v) for v in de.wilson(0, 0))


# ----------------------------------------------------------------- a corpus end to end

def _id(stem: str, wanted: str) -> str:
    """The first id ``stem<i>`` whose key falls in the wanted half (deterministic)."""
    return next(f"{stem}{i}" for i in range(1000) if half(f"toy:{stem}{i}") == wanted)


PAY = "Account Manager for retail clients. Salary £30,000 - £34,000 per annum."
NOT_PAY = "Account Manager. We serve 30,000 shoppers a week across 34,000 square metres."
NONE = "Account Director for a design studio. Pay is discussed at interview."
TAKEN = "Account Director. Salary £50,000 per annum."


def _toy(tmp_path):
    rows = [  # (id, text, low, high, currency, period, outcome)
        (_id("agree", "tune"), PAY, 30000, 34000, "GBP", "yearly", "agree"),
        (_id("agree", "holdout"), PAY, 30000, 34000, "GBP", "yearly", "agree"),
        (_id("period", "tune"), PAY, 30000, 34000, "GBP", "hourly", "wrong_period"),
        (_id("ccy", "holdout"), PAY, 30000, 34000, "USD", "yearly", "wrong_currency"),
        (_id("missed", "tune"), NOT_PAY, 30000, 34000, "GBP", "yearly", "missed"),
        (_id("issue", "tune"), PAY, 30000, 36000, "GBP", "yearly", "figure_not_in_text"),
        (_id("none", "tune"), NONE, "", "", "", "", "true negative"),
        (_id("none", "holdout"), NONE, "", "", "", "", "true negative"),
        (_id("taken", "holdout"), TAKEN, "", "", "", "", "non_pay_taken"),
        (_id("stale", "tune"), NONE, "", "", "", "", "stale label"),
    ]
    path = tmp_path / "toy.csv"
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(["ref", "body", "lo", "hi", "ccy", "per"])
        writer.writerows(r[:6] for r in rows)
    sha = {r[0]: hashlib.sha1(r[1].encode("utf-8")).hexdigest()[:12] for r in rows}
    labels = pd.DataFrame([
        {"corpus": "toy", "id": rows[6][0], "text_sha1": sha[rows[6][0]], "category": "none"},
        {"corpus": "toy", "id": rows[7][0], "text_sha1": sha[rows[7][0]], "category": "non_pay_money"},
        {"corpus": "toy", "id": rows[8][0], "text_sha1": sha[rows[8][0]], "category": "board_estimate"},
        {"corpus": "toy", "id": rows[9][0], "text_sha1": "000000000000", "category": "none"},
        {"corpus": "other", "id": rows[0][0], "text_sha1": sha[rows[0][0]], "category": "none"},
    ])
    labels["half"] = [half(f"{c}:{i}") for c, i in zip(labels["corpus"], labels["id"])]
    labels_path = tmp_path / "nopay.csv"
    labels.to_csv(labels_path, index=False)
    return path, labels_path, rows


COLUMNS = "id=ref,text=body,low=lo,high=hi,currency=ccy,period=per"


def test_a_corpus_is_scored_by_half_with_every_figure(tmp_path):
    path, labels_path, rows = _toy(tmp_path)
    spec = corpora.spec_from_columns(path, COLUMNS)
    result = de.evaluate_corpus(spec, nopay_labels=de.read_nopay_labels(labels_path))
    frame = result.rows.astype(object).where(result.rows.notna(), None)
    got = dict(zip(frame["id"], zip(frame["status"], frame["kind"], frame["reason"])))
    for rid, *_rest, outcome in rows:
        status, kind, reason = got[rid]
        if outcome == "agree":
            assert (status, kind) == ("scored", None), rid
        elif outcome in de.ERROR_KINDS:
            assert kind == outcome, (rid, got[rid])
        elif outcome == "figure_not_in_text":
            assert (status, reason) == ("excluded", outcome)
        elif outcome == "true negative":
            assert (status, kind) == ("nopay", None)
    assert result.stale_labels == [rows[9][0]]

    s = de.summary(result)
    tune, hold, overall = (s["halves"][h] for h in ("tune", "holdout", "overall"))
    assert (tune["n"], tune["agree"], hold["n"], hold["agree"]) == (3, 1, 2, 1)
    assert (overall["n"], overall["agree"]) == (5, 2)
    assert overall["ci"] == pytest.approx(_wilson_by_hand(2, 5))
    assert tune["kinds"]["wrong_period"] == 1 and tune["kinds"]["missed"] == 1
    assert hold["kinds"]["wrong_currency"] == 1 and hold["kinds"]["non_pay_taken"] == 1
    # True negatives: two no-pay postings without a pay point out of three labelled.
    assert (overall["nopay_n"], overall["true_negatives"]) == (3, 2)
    # Precision: right 2; reported 4 of the 5 scored (the missed one is not) + 1 no-pay.
    assert (overall["agree"], overall["reported"]) == (2, 5)
    assert s["excluded"] == {"figure_not_in_text": 1}


def test_held_out_failures_are_not_printed_unless_asked(tmp_path):
    path, labels_path, rows = _toy(tmp_path)
    result = de.evaluate_corpus(corpora.spec_from_columns(path, COLUMNS),
                                nopay_labels=de.read_nopay_labels(labels_path))
    hold_fail = {rows[3][0], rows[8][0]}
    tune_fail = {rows[2][0], rows[4][0]}
    quiet = de.format_result(result)
    verbose = de.format_result(result, verbose=True)
    everything = de.format_result(result, show_holdout_failures=True)
    assert not any(r in quiet for r in hold_fail | tune_fail)
    assert all(f"toy:{r}" in verbose for r in tune_fail)
    assert not any(f"toy:{r}" in verbose for r in hold_fail)
    assert all(f"toy:{r}" in everything for r in hold_fail | tune_fail)
    assert f"{rows[5][0]} (figure_not_in_text)" in verbose
    assert "true-negative rate" in quiet and "holdout" in quiet and "Wilson" in quiet


def test_excluded_ids_are_written_to_a_file(tmp_path):
    path, labels_path, rows = _toy(tmp_path)
    result = de.evaluate_corpus(corpora.spec_from_columns(path, COLUMNS),
                                nopay_labels=de.read_nopay_labels(labels_path))
    written = pd.read_csv(de.write_excluded(result, tmp_path / "out"), dtype=str)
    assert written.to_dict("records") == [{"corpus": "toy", "id": rows[5][0], "half": "tune",
                                           "reason": "figure_not_in_text"}]


def test_unknown_nopay_category_is_refused(tmp_path):
    bad = tmp_path / "nopay.csv"
    bad.write_text("corpus,id,text_sha1,category,half\ntoy,1,abc,maybe,tune\n", encoding="utf-8")
    with pytest.raises(de.CorpusError, match="unknown category maybe"):
        de.read_nopay_labels(bad)


def test_cli_runs_a_csv_corpus_with_columns(tmp_path):
    path, labels_path, _rows = _toy(tmp_path)
    out = tmp_path / "eval"
    result = CliRunner().invoke(app, ["eval", "documents", "--corpus", str(path), "--columns", COLUMNS,
                                      "--nopay-labels", str(labels_path), "--out", str(out)])
    assert result.exit_code == 0, result.output
    assert "toy: 10 postings through ingest -> extract -> bench pay point" in result.output
    assert re.search(r"overall\s+2/5\s+40.0%", result.output)
    assert (out / "toy_excluded.csv").is_file()


def test_cli_says_how_to_read_an_unknown_file(tmp_path):
    result = CliRunner().invoke(app, ["eval", "documents", "--corpus", str(tmp_path / "x.csv")])
    assert result.exit_code == 2 and "--columns" in result.output


needs_corpora = pytest.mark.skipif(not config.CORPORA.is_dir(),
                                   reason=f"{config.CORPORA} absent (set WORKBENCH_SHARED)")


@needs_corpora
def test_linkedin_corpus_runs_with_its_label_rule(tmp_path):
    result = de.evaluate_corpus(corpora.spec_for("linkedin_us"))
    s = de.summary(result)
    assert s["postings"] == 165 and s["labelled"] == 165
    assert s["excluded"]["noisy_period"] == 1  # the BIWEEKLY row
    assert s["scored"] + sum(s["excluded"].values()) == 165
    assert s["scored"] <= 144  # at most the rows with a $ figure in the text


def test_a_no_pay_label_takes_a_posting_out_of_agreement_and_into_the_true_negatives():
    row = _row(PAY, 30000, 34000)
    got = {"low": 30000, "high": 34000, "currency": "GBP", "period": "year"}
    out = de._outcome(SPEC, row, got, "non_pay_money")
    assert (out["status"], out["reason"], out["kind"]) == ("nopay", "labelled_no_pay", "non_pay_taken")
    out = de._outcome(SPEC, row, {}, "none")
    assert (out["status"], out["reason"], out["kind"], out["reported"]) == ("nopay", "labelled_no_pay", None, False)
    assert de._outcome(SPEC, row, got, "base_pay")["status"] == "scored"
