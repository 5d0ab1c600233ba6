"""Display tables for the notebooks: the headline of a level."""

from __future__ import annotations

import pandas as pd

from workbench import bench, views


def test_headline_from_suppressed_cell_has_no_pay_figures():
    pct = pd.DataFrame({"role_level": [2], "n": [3], "n_sources": [2], "p25": [float("nan")], "p50": [float("nan")],
                        "p75": [float("nan")], "p50_ci_low": [float("nan")], "p50_ci_high": [float("nan")],
                        "suppressed": [True], "suppression_reason": ["fewer than 5 postings"], "currency": ["GBP"]})
    head = views.headline_from_percentiles(pct, level=2, label="AM", currency="GBP")
    assert head["suppressed"] and head["p50"] is None and head["n"] == 3
    assert "fewer than 5" in head["suppression_reason"]
    assert views.headline_from_percentiles(pct, level=4)["suppression_reason"].startswith("no postings")


HEAD = {"n": 24, "n_sources": 23, "currency": "GBP", "p25": 35500.0, "p50": 37350.0, "p75": 39250.0,
        "p50_ci_low": 36000.0, "p50_ci_high": 38000.0, "suppressed": False}


def test_headline_sentence_states_the_table_figures():
    sentence = views.headline_sentence(HEAD, role="Account Manager", market="GB", as_of="2026-12-06")
    assert sentence == ("Account Manager, United Kingdom: advertised base pay £37,400 (median); half of postings "
                        "between £35,500 and £39,300. 24 postings from 23 companies, as of 6 Dec 2026.")
    row = views.headline_table(HEAD).iloc[0]
    assert row["Median"] in sentence and row["Middle half (P25 – P75)"] == "£35,500 – £39,300"
    assert row["95% interval of the median"] == "£36,000 – £38,000"


def test_a_suppressed_headline_says_why_and_names_no_pay():
    head = {"n": 3, "n_sources": 1, "currency": "GBP", "suppressed": True, "suppression_reason": "only 3 postings"}
    sentence = views.headline_sentence(head, role="Account Director", market="ALL")
    assert sentence == "Account Director, all markets: pay is not shown (only 3 postings). 3 postings from 1 company."
    assert "£" not in sentence and views.headline_table(head).iloc[0]["Median"] == "not shown"


def test_no_interval_from_few_postings_or_of_zero_width():
    assert views.interval_shown(HEAD)
    assert not views.interval_shown({**HEAD, "n": views.MIN_INTERVAL_N - 1})
    assert not views.interval_shown({**HEAD, "p50_ci_low": 20.0, "p50_ci_high": 20.0})
    assert "not shown" in views.headline_table({**HEAD, "n": 2}).iloc[0]["95% interval of the median"]
    rows = pd.DataFrame({"role_level": [1, 2], "n": [2, 8], "n_sources": [2, 8], "p50": [20.0, 30.0],
                         "p50_ci_low": [20.0, 28.0], "p50_ci_high": [20.0, 32.0], "suppression_reason": [None, None]})
    shown = views.percentile_rows(rows)
    assert shown["p50_ci_low"].isna().tolist() == [True, False] and "suppression_reason" not in shown


def test_market_names_in_words():
    assert views.market_name("GB") == "United Kingdom" and views.market_name("ALL") == "all markets"


def test_the_coverage_table_states_each_count_with_its_share_of_the_step_above():
    tables = bench.Tables(postings=pd.DataFrame({"posting_id": ["p1", "p2", "p3", "p4"]}),
                          records=pd.DataFrame({"record_id": ["r1", "r2"], "role_level": [2, None]}),
                          salaries=pd.DataFrame({"record_id": ["r1"], "annual_low": [30000.0],
                                                 "annual_high": [None], "masked": [False]}))
    table = views.coverage_table(tables)
    assert table.to_dict("records") == [
        {"step": "postings ingested", "count": 4, "share": "100%"},
        {"step": "roles found (records)", "count": 2, "share": "50%"},
        {"step": "records with a level", "count": 1, "share": "50%"},
        {"step": "records with a pay mention", "count": 1, "share": "50%"},
        {"step": "records with usable pay", "count": 1, "share": "50%"},
        {"step": "records with a time allocation", "count": 0, "share": "0%"},
        {"step": "records with responsibilities", "count": 0, "share": "0%"},
        {"step": "records with skills", "count": 0, "share": "0%"},
    ]
    empty = views.coverage_table(bench.Tables())
    assert list(empty["count"]) == [0] * 8 and set(empty["share"]) == {"–"}
