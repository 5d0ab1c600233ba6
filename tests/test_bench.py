"""Tests for workbench.bench against hand-worked values and independent computations."""

from __future__ import annotations

import datetime
import math
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from scipy import stats

from workbench import bench
from workbench.config import Disclosure
from workbench.errors import CurrencyError, ParameterError

OPEN = Disclosure(min_postings=1, min_sources=1, max_company_share=1.0)


def make_tables(rows, *, currency="GBP", extra_salaries=(), records_extra=None):
    """rows: (record_id, company, level, low, high[, country, experience_min])."""
    records, salaries = [], []
    for row in rows:
        rid, company, level, low, high, *rest = row
        country = rest[0] if rest else "GB"
        exp = rest[1] if len(rest) > 1 else None
        records.append({
            "record_id": rid, "posting_id": rid.split(":")[0], "source": f"{rid}.txt",
            "title": "Account Manager", "company": company, "location": "London",
            "country": country, "language": "en", "date_posted": "2026-10-01",
            "role_family": "account_management", "role_level": level, "role_label": "x",
            "role_confidence": 0.9, "experience_min": exp, "experience_max": None,
            "education": None, "record_json": "{}",
        })
        salaries.append(_salary(rid, 0, low, high, "base", currency=currency))
    salaries.extend(extra_salaries)
    rec = pd.DataFrame(records)
    if records_extra is not None:
        rec = pd.concat([rec, pd.DataFrame(records_extra)], ignore_index=True)
    return bench.Tables(records=rec, salaries=pd.DataFrame(salaries))


def _salary(rid, idx, low, high, component, *, masked=False, currency="GBP"):
    return {
        "record_id": rid, "idx": idx, "text": "", "low": low, "high": high, "currency": currency,
        "period": "year", "period_inferred": False, "component": component, "gross": None,
        "months_per_year": None, "masked": masked, "annual_low": low, "annual_high": high,
        "convention": "GB",
    }


FIVE = [  # five companies, one posting each, level 2: 30k, 32k, 35k, 40k, 50k
    ("a:0", "A", 2, 30000, 30000),
    ("b:0", "B", 2, 30000, 34000),   # midpoint 32k
    ("c:0", "C", 2, 35000, None),    # one-sided "from 35k": stated end
    ("d:0", "D", 2, None, 40000),    # one-sided "up to 40k": stated end
    ("e:0", "E", 2, 45000, 55000),   # midpoint 50k
]


def test_percentiles_match_hand_worked_type7_values():
    # sorted 30000, 32000, 35000, 40000, 50000; type 7 position h = (n - 1) p = 4p
    # P10: h=0.4 -> 30000 + 0.4*2000 = 30800;  P25: h=1 -> 32000;  P50: h=2 -> 35000
    # P75: h=3 -> 40000;  P90: h=3.6 -> 40000 + 0.6*10000 = 46000;  mean 187000/5 = 37400
    points = bench.pay_points(make_tables(FIVE))
    table = bench.market_percentiles(points, n_boot=0)
    row = table.iloc[0]
    assert (row.n, row.n_sources, bool(row.suppressed)) == (5, 5, False)
    assert [row.p10, row.p25, row.p50, row.p75, row.p90] == [30800, 32000, 35000, 40000, 46000]
    assert row["mean"] == 37400
    assert pd.isna(row.suppression_reason)


def test_one_sided_range_uses_the_stated_end():
    points = bench.pay_points(make_tables(FIVE)).set_index("record_id")
    assert points.loc["c:0", ["annual_base_low", "annual_base", "annual_base_high"]].tolist() == [35000] * 3
    assert points.loc["d:0", "annual_base"] == 40000


def test_cell_with_three_postings_is_suppressed_with_reason():
    rows = FIVE + [("f:0", "F", 3, 50000, 50000), ("g:0", "G", 3, 52000, 52000),
                   ("h:0", "H", 3, 54000, 54000)]
    table = bench.market_percentiles(bench.pay_points(make_tables(rows)), n_boot=0)
    level3 = table[table.role_level == 3].iloc[0]
    assert level3.n == 3 and bool(level3.suppressed)
    # with 3 postings each company necessarily supplies a third of the cell
    assert level3.suppression_reason == (
        "only 3 postings (minimum 5); only 3 companies (minimum 5); "
        "one company supplies 33% (maximum 25%)")
    assert all(math.isnan(level3[c]) for c in ["p10", "p25", "p50", "p75", "p90", "mean"])
    assert not bool(table[table.role_level == 2].iloc[0].suppressed)


def test_dominant_company_is_suppressed_with_share_reason():
    # company A supplies 2 of 5 postings = 40% > 25%
    rows = [("a:0", "A", 2, 30000, 30000), ("a2:0", "A", 2, 31000, 31000)] + FIVE[1:4]
    rule = Disclosure(min_postings=5, min_sources=1, max_company_share=0.25)
    row = bench.market_percentiles(bench.pay_points(make_tables(rows)), disclosure=rule, n_boot=0).iloc[0]
    assert row.n == 5 and row.n_sources == 4
    assert row.suppression_reason == "one company supplies 40% (maximum 25%)"
    assert math.isnan(row.p50)


def test_ttc_rules_ote_bonus_allowance_and_masked():
    extra = [
        _salary("a:0", 1, 40000, 40000, "ote"),            # OTE 40k over base 30k -> ttc 40k
        _salary("b:0", 1, 5000, 5000, "bonus"),            # base 32k + bonus 5k
        _salary("b:0", 2, 2000, 4000, "commission"),       # + commission midpoint 3k
        _salary("b:0", 3, 6000, 6000, "car_allowance"),    # + car 6k -> 46k
        _salary("c:0", 1, None, None, "commission", masked=True),  # masked: mentioned, no amount
        _salary("d:0", 1, 25000, 25000, "ote"),            # OTE below base: ttc = base
    ]
    points = bench.pay_points(make_tables(FIVE, extra_salaries=extra)).set_index("record_id")
    assert points.loc["a:0", "annual_ttc"] == 40000 and points.loc["a:0", "annual_variable"] == 10000
    assert points.loc["b:0", "annual_ttc"] == 32000 + 5000 + 3000 + 6000
    assert points.loc["b:0", "annual_variable"] == 8000
    assert points.loc["c:0", "annual_ttc"] == 35000 and bool(points.loc["c:0", "has_variable"])
    assert math.isnan(points.loc["c:0", "annual_variable"])
    assert points.loc["d:0", "annual_ttc"] == 40000
    assert not bool(points.loc["e:0", "has_variable"])


def test_each_point_names_the_mention_its_base_came_from():
    extra = [_salary("a:0", 1, 60000, 60000, "ote"),
             _salary("f:0", 0, None, None, "base", masked=True),   # masked: not usable
             _salary("f:0", 1, 20000, 20000, "bonus"),            # not base
             _salary("f:0", 2, 41000, 43000, "unspecified")]      # the first usable base
    points = bench.pay_points(make_tables(FIVE, extra_salaries=extra),
                              ).set_index("record_id")
    assert points["base_idx"].to_dict() == {"a:0": 0, "b:0": 0, "c:0": 0, "d:0": 0, "e:0": 0,
                                            "f:0": 2}
    assert points.loc["f:0", "annual_base"] == 42000


def test_masked_base_and_ote_only_records_are_left_out():
    extra = [_salary("x:0", 0, None, None, "base", masked=True), _salary("y:0", 0, 50000, 60000, "ote")]
    points = bench.pay_points(make_tables(FIVE, extra_salaries=extra))
    assert set(points.record_id) == {"a:0", "b:0", "c:0", "d:0", "e:0"}


def test_uniform_range_method_spreads_each_posting_evenly():
    # one posting 20k-40k -> 9 points 20000 + 20000 (j + 0.5) / 9; P25 at h = 8 * 0.25 = 2 -> j = 2
    tables = make_tables([("a:0", "A", 1, 20000, 40000)])
    uni = bench.market_percentiles(bench.pay_points(tables, range_method="uniform"),
                                   disclosure=OPEN, n_boot=0).iloc[0]
    assert uni.p25 == pytest.approx(20000 + 20000 * 2.5 / 9)
    assert uni.p50 == pytest.approx(30000) and uni.n == 1
    mid = bench.market_percentiles(bench.pay_points(tables), disclosure=OPEN, n_boot=0).iloc[0]
    assert mid.p25 == 30000


def test_range_method_effect_reports_both_methods():
    effect = bench.range_method_effect(make_tables(FIVE), disclosure=OPEN)
    row = effect.iloc[0]
    assert row.p50_midpoint == 35000
    assert {"p25_uniform", "p50_uniform", "p75_uniform", "p50_diff_pct"} <= set(effect.columns)
    assert row.p25_uniform != row.p25_midpoint  # ranges widen the spread


def test_bootstrap_ci_is_seeded_and_matches_a_naive_loop():
    values = np.array([30, 32, 35, 40, 50, 41, 38, 33, 36, 44], dtype=float)[:, None]
    lo, hi = bench.bootstrap_median_ci(values, 500, np.random.default_rng(7))
    rng = np.random.default_rng(7)
    idx = rng.integers(0, 10, size=(500, 10))
    naive = [np.median(values[i, 0]) for i in idx]
    assert (lo, hi) == tuple(np.percentile(naive, [2.5, 97.5]))
    assert lo <= np.median(values) <= hi
    twelve = [(f"r{i}:0", f"Co{i}", 2, v, v) for i, v in
              enumerate([30000, 31000, 32500, 33000, 34000, 35000, 36000, 37500, 39000, 41000, 44000, 50000])]
    points = bench.pay_points(make_tables(twelve))
    a = bench.market_percentiles(points, n_boot=300, seed=1)
    b = bench.market_percentiles(points, n_boot=300, seed=1)
    assert a.p50_ci_low.iloc[0] == b.p50_ci_low.iloc[0]
    assert 30000 < a.p50_ci_low.iloc[0] <= 35500 <= a.p50_ci_high.iloc[0] < 50000


def test_median_interval_never_shows_the_lowest_or_highest_posting():
    # Five postings: the bootstrap interval of the median reaches 30k (the lowest) ...
    values = np.array([30000, 32000, 35000, 40000, 50000], dtype=float)[:, None]
    lo, _ = bench.bootstrap_median_ci(values, 2000, np.random.default_rng(0))
    assert lo == 30000
    # ... so the published table leaves the interval out rather than show that posting.
    row = bench.market_percentiles(bench.pay_points(make_tables(FIVE)), n_boot=2000).iloc[0]
    assert not row.suppressed and math.isnan(row.p50_ci_low) and math.isnan(row.p50_ci_high)
    assert row.p50 == 35000


def test_company_names_are_counted_by_key():
    # "Acme", "ACME", "acme ", "Acme Ltd" are one company: the cell is suppressed.
    rows = [(f"{c}{i}:0", name, 2, 30000 + 1000 * i, 30000 + 1000 * i)
            for i, (c, name) in enumerate(zip("abcde", ["Acme", "ACME", "acme ", "Acme Ltd", "Beta plc"]))]
    row = bench.market_percentiles(bench.pay_points(make_tables(rows))).iloc[0]
    assert row.n_sources == 2 and row.suppressed


# One employer under five spellings (issue 19): a 5-posting cell of them is one company.
ACME_SPELLINGS = ["Acme Media", "Acme Media UK", "Acme Media London", "Acme Media (Europe)",
                  "Acme Media Holdings"]


def _one_per_company(names):
    return [(f"{c}:0", name, 2, 30000 + 2000 * i, 30000 + 2000 * i)
            for i, (c, name) in enumerate(zip("abcdefgh", names))]


def test_five_spellings_of_one_employer_are_one_company_and_the_cell_is_suppressed():
    tables = make_tables(_one_per_company(ACME_SPELLINGS))
    points = bench.pay_points(tables)
    row = bench.market_percentiles(points, n_boot=0).iloc[0]
    assert (row.n, row.n_sources, bool(row.suppressed)) == (5, 1, True)
    assert row.suppression_reason == ("only 1 company (minimum 5); "
                                      "one company supplies 100% (maximum 25%)")
    assert all(math.isnan(row[c]) for c in ("p10", "p25", "p50", "p75", "p90", "mean"))
    mix = bench.pay_mix(points).set_index("figure")
    assert mix["suppressed"].all() and mix["value"].isna().all()
    assert mix.loc["share_with_variable", "n_sources"] == 1


def test_five_distinct_employers_sharing_a_word_are_five_companies():
    # The control: firms that share "Acme" are not one employer, so the cell is shown.
    names = ["Acme", "Acme Media", "Acme Logistics", "Group Acme", "Acme Media Health"]
    tables = make_tables(_one_per_company(names))
    row = bench.market_percentiles(bench.pay_points(tables), n_boot=0).iloc[0]
    assert (row.n_sources, bool(row.suppressed), row.p50) == (5, False, 34000)


def test_zero_negative_and_infinite_pay_are_left_out():
    points = pd.DataFrame({"role_level": [2] * 6, "company": list("ABCDEF"), "currency": "GBP",
                           "annual_base": [np.inf, -5.0, 0.0, 35000.0, 40000.0, 50000.0]})
    row = bench.market_percentiles(points, disclosure=OPEN, n_boot=0).iloc[0]
    assert row.n == 3 and row.p50 == 40000 and row["mean"] == pytest.approx(125000 / 3)
    # A negative low end counts as unstated: the stated high end is the point.
    tables = make_tables([("a:0", "A", 2, -5, 44000)])
    assert bench.pay_points(tables)["annual_base"].tolist() == [44000]


def test_points_in_two_currencies_are_refused():
    points = pd.DataFrame({"role_level": [2, 2], "company": ["A", "B"], "currency": ["GBP", "USD"],
                           "annual_base": [30000.0, 40000.0]})
    with pytest.raises(CurrencyError, match="mix currencies"):
        bench.market_percentiles(points, disclosure=OPEN)


def test_level_structure_hand_values_and_inversion():
    pct = pd.DataFrame({
        "role_level": [1, 2, 3], "n": [9, 9, 9],
        "p25": [25.0, 29.0, 30.0], "p50": [28.0, 33.0, 32.0], "p75": [30.0, 38.0, 36.0],
    })
    out = bench.level_structure(pct).set_index("role_level")
    # progression 33/28 - 1; overlap of [25,30] and [29,38] is [29,30]: 1 / 5 = 0.2
    assert out.loc[1, "midpoint_progression"] == pytest.approx(33 / 28 - 1)
    assert out.loc[1, "overlap_with_next"] == pytest.approx(0.2)
    assert out.loc[1, "range_spread"] == pytest.approx((30 - 25) / 25)
    assert bool(out.loc[2, "inversion"]) and out.loc[2, "inverted_with"] == "3"
    assert not bool(out.loc[1, "inversion"])
    assert math.isnan(out.loc[3, "midpoint_progression"])


def _mix(points, disclosure=None):
    return bench.pay_mix(points, disclosure=disclosure).set_index(["role_level", "figure"])


def test_pay_mix_takes_shares_per_posting():
    extra = [_salary("a:0", 1, 40000, 40000, "ote"), _salary("b:0", 1, 8000, 8000, "bonus")]
    mix = _mix(bench.pay_points(make_tables(FIVE, extra_salaries=extra)), OPEN).loc[2]
    # a: 10k / 40k = 0.25; b: 8k / 40k = 0.2 -> median 0.225 over the two postings stating an amount
    assert mix.loc["share_with_variable", "value"] == pytest.approx(0.4)
    assert mix.loc["share_with_variable", "n"] == 5
    assert mix.loc["median_variable_share", "value"] == pytest.approx(0.225)
    assert mix.loc["median_variable_share", ["n", "n_sources"]].tolist() == [2, 2]
    assert not mix["suppressed"].any()


def test_pay_mix_of_a_small_cell_is_suppressed():
    # One level-3 posting: its pay split would be its pay.
    extra = [_salary("f:0", 1, 20000, 20000, "bonus")]
    points = bench.pay_points(make_tables([("f:0", "F", 3, 50000, 50000)], extra_salaries=extra))
    mix = _mix(points).loc[3]
    assert mix["n"].tolist() == [1, 1] and mix["suppressed"].all()
    assert "only 1 posting" in mix.loc["median_variable_share", "suppression_reason"]
    assert mix["value"].isna().all()
    assert _mix(points, OPEN).loc[(3, "median_variable_share"), "value"] == pytest.approx(20 / 70)


def test_the_variable_share_is_gated_on_the_postings_that_state_an_amount():
    # Issue 19: a cell of five employers passes, but only one of its postings states a bonus
    # amount: the share of postings with variable pay is shown, the one pay split is not.
    extra = [_salary("a:0", 1, 7531, 7531, "bonus"), _salary("b:0", 1, None, None, "commission", masked=True)]
    mix = _mix(bench.pay_points(make_tables(FIVE, extra_salaries=extra))).loc[2]
    assert mix.loc["share_with_variable", "value"] == pytest.approx(0.4)
    assert not mix.loc["share_with_variable", "suppressed"]
    row = mix.loc["median_variable_share"]
    assert bool(row["suppressed"]) and math.isnan(row["value"]) and (row["n"], row["n_sources"]) == (1, 1)
    assert row["suppression_reason"].startswith("only 1 posting (minimum 5)")


def _regression_points(seed=3, n=60):
    rng = np.random.default_rng(seed)
    level = rng.integers(1, 6, n)
    country = np.where(rng.random(n) < 0.3, "US", "GB")
    exp = rng.integers(0, 8, n).astype(float)
    exp[rng.random(n) < 0.2] = np.nan
    log_pay = 10 + 0.15 * level + 0.2 * (country == "US") + 0.02 * np.nan_to_num(exp) + rng.normal(0, 0.1, n)
    return pd.DataFrame({"annual_base": np.exp(log_pay), "role_level": level, "country": country,
                         "experience_min": exp, "company": [f"c{i}" for i in range(n)]})


def test_regression_matches_closed_form_ols_and_hand_hc3():
    points = _regression_points()
    result = bench.regression(points)
    ols = result.table[result.table.model == "ols_hc3"].set_index("term")
    # independent computation: beta = (X'X)^-1 X'y; HC3 = B X' diag(e^2 / (1-h)^2) X B
    exp = points.experience_min
    X = np.column_stack([np.ones(len(points)), points.role_level, exp.fillna(0),
                         exp.isna().astype(float), (points.country == "US").astype(float)])
    y = np.log(points.annual_base.to_numpy())
    bread = np.linalg.inv(X.T @ X)
    beta = bread @ X.T @ y
    resid = y - X @ beta
    h = np.einsum("ij,jk,ik->i", X, bread, X)
    cov = bread @ (X.T * (resid**2 / (1 - h) ** 2)) @ X @ bread
    se = np.sqrt(np.diag(cov))
    terms = ["const", "role_level", "experience_min", "experience_missing", "market[US]"]
    assert list(ols.index) == terms
    np.testing.assert_allclose(ols.coef.to_numpy(), beta, rtol=1e-10)
    np.testing.assert_allclose(ols.se.to_numpy(), se, rtol=1e-10)
    z = stats.norm.ppf(0.975)  # statsmodels uses normal intervals with a robust covariance
    assert ols.loc["role_level", "ci_low"] == pytest.approx(beta[1] - z * se[1], rel=1e-9)
    assert ols.loc["role_level", "pct_effect"] == pytest.approx(math.expm1(beta[1]))
    assert result.n == 60
    assert result.reading[0].startswith(
        f"One level up is worth about {math.expm1(beta[1]):+.0%} in annual base (95% CI")
    assert "n=60" in result.reading[0]
    assert {"quantreg_q0.25", "quantreg_q0.5", "quantreg_q0.75"} <= set(result.table.model)


def test_regression_with_too_few_postings_explains_itself():
    result = bench.regression(_regression_points(n=4))
    assert result.table.empty and "Too few postings" in result.reading[0]


def _duty_tables():
    records = pd.DataFrame({"record_id": ["r1", "r2", "r3", "r4"], "role_level": [3, 3, 3, 2],
                            "company": ["A", "B", "C", "D"]})
    ta = pd.DataFrame({
        "record_id": ["r1", "r1", "r2", "r2", "r3", "r4"],
        "category": ["growth", "service", "growth", "service", "service", "growth"],
        "share": [25.0, 75.0, 30.0, 70.0, 100.0, 100.0],
    })
    resp = pd.DataFrame({"record_id": ["r1", "r1", "r2", "r4"],
                         "category": ["reporting", "reporting", "upsell", "reporting"]})
    return bench.Tables(records=records, time_allocation=ta, responsibilities=resp)


def test_time_shares_mean_and_t_interval():
    out = bench.time_shares(_duty_tables(), disclosure=OPEN)
    growth = out[(out.role_level == 3) & (out.category == "growth")].iloc[0]
    # level 3 growth shares 25, 30, 0 (r3 does not mention growth) -> mean 55/3
    values = np.array([25.0, 30.0, 0.0])
    half = stats.t.ppf(0.975, 2) * values.std(ddof=1) / math.sqrt(3)
    assert growth.n == 3 and growth.mean_share == pytest.approx(55 / 3)
    # the t-interval would reach below 0%; a share cannot, so the bound is clipped at 0
    assert 55 / 3 - half < 0
    assert growth.ci_low == 0.0 and growth.ci_high == pytest.approx(55 / 3 + half)


def test_responsibility_coverage_counts_postings_once():
    out = bench.responsibility_coverage(_duty_tables(), disclosure=OPEN)
    level3 = out[out.role_level == 3].set_index("category")
    # r1 and r2 list duties at level 3; r3 lists none, so it is not in the denominator
    assert level3.loc["reporting", "n_mentioning"] == 1 and level3.loc["reporting", "n"] == 2
    assert level3.loc["upsell", "share_of_postings"] == pytest.approx(1 / 2)


def test_duty_figures_of_a_cell_below_the_rule_keep_counts_and_no_category():
    # Level 3: three postings state a time split, from three companies - below the rule.
    shares = bench.time_shares(_duty_tables())
    level3 = shares[shares.role_level == 3]
    assert len(level3) == 1 and level3["category"].isna().all() and level3["mean_share"].isna().all()
    assert (level3.iloc[0]["n"], level3.iloc[0]["n_sources"]) == (3, 3)
    assert level3.iloc[0]["suppression_reason"].startswith("only 3 postings (minimum 5)")
    coverage = bench.responsibility_coverage(_duty_tables())
    assert coverage["category"].isna().all() and coverage["share_of_postings"].isna().all()
    assert coverage["suppressed"].all() and coverage["n_mentioning"].isna().all()


def test_time_shares_of_five_employers_are_shown():
    records = pd.DataFrame({"record_id": list("abcdef"), "role_level": [2] * 6,
                            "company": ["A", "B", "C", "D", "E", "E Ltd"]})
    ta = pd.DataFrame({"record_id": list("abcdef"), "category": ["growth"] * 6, "share": [100.0] * 6})
    out = bench.time_shares(bench.Tables(records=records, time_allocation=ta))
    # six postings from five employers (E and E Ltd are one): 2 of 6 is 33% > 25%, suppressed
    assert bool(out.iloc[0]["suppressed"]) and out.iloc[0]["n_sources"] == 5
    records.loc[5, "company"] = "F"
    row = bench.time_shares(bench.Tables(records=records, time_allocation=ta)).iloc[0]
    assert not bool(row["suppressed"]) and row["mean_share"] == 100.0 and row["n_sources"] == 6


def _fake_fx(monkeypatch, rates):
    """Replace ECB rates by fixed ones (``fx.rates`` looks each pair up through ``fx.convert``)."""
    from workbench import fx

    def convert(amount, from_ccy, to_ccy, on_date=None):
        rate = rates[(from_ccy, to_ccy)]
        day = datetime.date.fromisoformat(str(on_date)[:10]) if on_date else datetime.date(2026, 1, 1)
        return fx.Conversion(amount * rate, rate, day, None)

    monkeypatch.setattr(fx, "convert", convert)


def test_compa_ratios_for_three_employees_by_hand(monkeypatch):
    _fake_fx(monkeypatch, {("USD", "GBP"): 0.8})
    pct = pd.DataFrame({"role_level": [2], "p25": [35000.0], "p50": [40000.0], "p75": [45000.0],
                        "currency": ["GBP"]})
    inc = pd.DataFrame({"employee_id": ["e1", "e2", "e3"], "role": "AM", "level": [2, 2, 2],
                        "location": "London", "currency": ["GBP", "GBP", "USD"],
                        "base": [36000.0, 47000.0, 50000.0], "bonus": 0.0,
                        "hire_date": pd.to_datetime(["2020-01-01"] * 3)})
    out = bench.compa_ratios(inc, pct, effective_date="2026-01-01", aging_rate=0.0)
    # e1: 36000/40000 = 0.9, (36000-35000)/10000 = 0.1
    # e2: 47000/40000 = 1.175, (47000-35000)/10000 = 1.2
    # e3: 50000 USD * 0.8 = 40000 GBP -> 1.0, 0.5
    assert out.compa_ratio.tolist() == pytest.approx([0.9, 1.175, 1.0])
    assert out.range_penetration.tolist() == pytest.approx([0.1, 1.2, 0.5])
    assert out.attrs["analyst_only"] is True


def test_compa_ratio_ages_market_data():
    pct = pd.DataFrame({"role_level": [2], "p25": [35000.0], "p50": [40000.0], "p75": [45000.0]})
    inc = pd.DataFrame({"employee_id": ["e1"], "role": "AM", "level": [2], "location": "London",
                        "currency": ["GBP"], "base": [41200.0], "bonus": 0.0, "hire_date": None})
    out = bench.compa_ratios(inc, pct, effective_date="2026-07-02", market_date="2025-07-02",
                             aging_rate=0.03)
    factor = 1.03 ** (365 / 365.25)
    assert out.aging_factor.iloc[0] == pytest.approx(factor)
    assert out.compa_ratio.iloc[0] == pytest.approx(41200 / (40000 * factor))


def test_compa_ratio_edge_inputs_get_clear_answers(monkeypatch):
    pct = pd.DataFrame({"role_level": [2, 3], "p25": [35000.0, 50000.0], "p50": [40000.0, 50000.0],
                        "p75": [45000.0, 50000.0], "market_date": [None, None]})
    inc = pd.DataFrame({"employee_id": ["e1", "e2"], "level": [2, 3], "currency": ["GBP", "GBP"],
                        "base": [40000.0, 52000.0]})
    # No effective date: today; an all-empty market_date column: no aging.
    out = bench.compa_ratios(inc, pct, effective_date=None)
    assert out.compa_ratio.tolist() == pytest.approx([1.0, 1.04]) and (out.aging_factor == 1).all()
    assert out.range_penetration.iloc[0] == pytest.approx(0.5)
    assert math.isnan(out.range_penetration.iloc[1])  # P25 == P75: no range, not infinity
    with pytest.raises(ParameterError, match="missing: currency"):
        bench.compa_ratios(inc.drop(columns="currency"), pct, effective_date="2026-01-01")
    with pytest.raises(ParameterError, match="not a date"):
        bench.compa_ratios(inc, pct, effective_date="next Tuesday")


def test_load_incumbents_reads_and_types(tmp_path):
    path = tmp_path / "inc.csv"
    path.write_text("employee_id,role,level,location,currency,base,bonus,hire_date\n"
                    "007,AM,2,London,gbp,40000,2000,2021-03-01\n")
    inc = bench.load_incumbents(path)
    assert inc.employee_id.iloc[0] == "007" and inc.currency.iloc[0] == "GBP"
    assert inc.level.iloc[0] == 2 and inc.base.iloc[0] == 40000.0


def _write_store(tables, store_dir: Path):
    from workbench import store

    with store.Transaction(store_dir) as tx:
        parts = {name: getattr(tables, name) for name in ("records", "salaries")}
        tx.add(store.write_tables(parts, tx.staging, validate=False))
        tx.commit()


def test_company_spellings_padded_components_and_odd_amounts_follow_the_rules():
    # Company spellings, a padded component, negative, zero and infinite amounts.
    rows = [("a:0", "Acme", 2, 30000, 30000), ("b:0", "ACME Ltd", 2, 32000, 32000),
            ("c:0", "Beta plc", 2, -5, 44000), ("d:0", "ООО «Гамма»", 2, 0, 0),
            ("e:0", "Гамма", 2, 41000, 41000), ("f:0", "Delta", 2, 36000, 36000),
            ("g:0", "  ", 2, 38000, 38000), ("h:0", "Eps, Inc.", 2, float("inf"), 39000)]
    extra = [_salary("d:0", 1, 47000, 47000, " Base ")]
    tables = make_tables(rows, extra_salaries=extra)
    slow = bench.market_percentiles(bench.pay_points(tables), disclosure=OPEN, n_boot=0)
    assert slow.n.iloc[0] == 8 and slow.n_sources.iloc[0] == 5  # acme, beta, гамма, delta, eps
    default = bench.market_percentiles(bench.pay_points(tables), n_boot=0)
    assert default.suppressed.tolist() == [False]  # Acme: 2 of 8 = 25%


def test_load_reads_a_store_folder(tmp_path):
    tables = make_tables(FIVE)
    _write_store(tables, tmp_path)
    loaded = bench.load(tmp_path)
    assert len(loaded.records) == 5 and len(loaded.salaries) == 5 and loaded.skills.empty


def test_benchmark_table_maps_cli_names_and_formats():
    table = bench.benchmark_table(make_tables(FIVE), by="role,level", format="json", as_of="2026-10-01")
    assert list(table.columns[:4]) == ["market", "role_family", "role_level", "level_name"]
    assert table.level_name.iloc[0] == "Account Manager"
    text = bench.format_table(table, "table")
    assert "35,000" in text
    assert '"p50": 35000' in bench.format_table(table, "json")
    assert bench.format_table(table, "csv").startswith("market,role_family,role_level,level_name")
    with pytest.raises(ParameterError):
        bench.benchmark_table(make_tables(FIVE), format="xml")


def test_tables_coerce_accepts_a_dict():
    tables = bench.Tables.coerce({"records": make_tables(FIVE).records})
    assert len(tables.records) == 5 and tables.salaries.empty


def test_large_cells_use_order_statistic_interval_close_to_bootstrap():
    rng = np.random.default_rng(5)
    values = rng.lognormal(10, 0.3, 3000)[:, None]
    boot = bench.bootstrap_median_ci(values, 2000, np.random.default_rng(0))
    large = bench.large_sample_median_ci(values)
    # both estimate the same interval; they agree to within a few percent of its width
    width = boot[1] - boot[0]
    assert abs(large[0] - boot[0]) < 0.15 * width and abs(large[1] - boot[1]) < 0.15 * width


def test_pay_points_convert_each_mention_from_its_own_currency_once(monkeypatch):
    _fake_fx(monkeypatch, {("EUR", "GBP"): 0.85})
    tables = make_tables(FIVE, currency="EUR")
    points = bench.pay_points(tables, currency="GBP").set_index("record_id")
    assert points.loc["a:0", "annual_base"] == pytest.approx(30000 * 0.85)
    assert (points.currency == "GBP").all() and (points.posted_currency == "EUR").all()
    # the rate and its date (the posting's) are carried on every point
    assert (points.fx_rate == 0.85).all() and (points.rate_date == "2026-10-01").all()
    assert bench.conversion_note(points.reset_index()) == "EUR->GBP 0.85 (rate of 2026-10-01, 5 points)"


def test_pay_points_look_each_currency_and_date_up_once(monkeypatch):
    from workbench import fx

    calls = []
    monkeypatch.setattr(fx, "_pair_rate", lambda c, d, t: calls.append((c, d)) or (2.0, d or None, None))
    rows = [(f"r{i}:0", f"C{i}", 2, 1000.0 * (i + 1), None) for i in range(40)]
    tables = make_tables(rows, currency="USD")
    tables.records.loc[::2, "date_posted"] = "2026-09-01"
    points = bench.pay_points(tables, currency="GBP")
    assert sorted(calls) == [("USD", "2026-09-01"), ("USD", "2026-10-01")]
    assert points["annual_base"].tolist() == [2000.0 * (i + 1) for i in range(40)]


def test_a_currency_without_a_rate_leaves_its_mentions_out_with_a_warning():
    tables = make_tables(FIVE[:2], extra_salaries=[_salary("a:0", 1, 9.0, 9.0, "bonus")])
    tables.salaries.loc[0, "currency"] = "XTS"  # a code with no ECB rate
    points = bench.pay_points(tables, currency="GBP").set_index("record_id")
    assert list(points.index) == ["b:0"]  # a:0 has no convertible base


def test_an_unknown_requested_currency_raises_naming_the_known_ones():
    with pytest.raises(CurrencyError, match="Use one of .*GBP"):
        bench.pay_points(make_tables(FIVE), currency="XYZ")


def test_mixed_reporting_currencies_are_converted_before_the_percentiles(monkeypatch):
    _fake_fx(monkeypatch, {("EUR", "GBP"): 0.5})
    gbp = make_tables(FIVE)
    eur = make_tables([(f"x{r[0]}", r[1], r[2], r[3] and r[3] * 2, r[4] and r[4] * 2) for r in FIVE],
                      currency="EUR")
    tables = bench.Tables(records=pd.concat([gbp.records, eur.records], ignore_index=True),
                          salaries=pd.concat([gbp.salaries, eur.salaries], ignore_index=True))
    row = bench.market_percentiles(bench.pay_points(tables), n_boot=0).iloc[0]
    # every EUR posting is twice its GBP twin at 0.5 GBP/EUR: each value appears twice
    assert row.n == 10 and row.p50 == 35000 and row["mean"] == 37400


def test_pay_points_cut_by_market_keeps_only_that_market():
    tables = bench.Tables(
        records=pd.DataFrame({"record_id": ["a", "b", "c", "d", "e"], "company": ["X", "Y", "Z", "V", "W"],
                              "role_level": [2] * 5, "country": ["GB", "RU", "GB", "DE", "FR"]}),
        salaries=pd.DataFrame({"record_id": ["a", "b", "c", "d", "e"], "idx": [0] * 5,
                               "component": ["base"] * 5, "masked": [False] * 5,
                               "annual_low": [30000.0, 900000.0, 40000.0, 50000.0, 45000.0],
                               "annual_high": [30000.0, 900000.0, 40000.0, 50000.0, 45000.0],
                               "currency": ["GBP", "GBP", "GBP", "GBP", "GBP"]}))
    assert sorted(bench.pay_points(tables, market="GB")["record_id"]) == ["a", "c"]
    assert sorted(bench.pay_points(tables, market="uk")["record_id"]) == ["a", "c"]
    # German and French postings are the euro area's
    assert sorted(bench.pay_points(tables, market="EU")["record_id"]) == ["d", "e"]
    assert len(bench.pay_points(tables, market="ALL")) == 5
    assert len(bench.pay_points(tables)) == 5
    with pytest.raises(ParameterError, match="unknown market 'XX'; use one of GB, US, EU"):
        bench.pay_points(tables, market="XX")
    with pytest.raises(ParameterError, match="DE is part of the EU market"):
        bench.pay_points(tables, market="DE")


def test_regression_pools_markets_too_small_for_their_own_term():
    # 40 GB, 12 US, 6 RU and 5 CN postings: RU and CN (fewer than 10 each) are pooled as
    # "other" (11 postings, enough for a term); US keeps its own term.
    rng = np.random.default_rng(3)
    country = np.array(["GB"] * 40 + ["US"] * 12 + ["RU"] * 6 + ["CN"] * 5)
    n = len(country)
    level = rng.integers(1, 6, n)
    points = pd.DataFrame({"record_id": [str(i) for i in range(n)], "role_level": level,
                           "country": country, "experience_min": np.nan, "company": [f"c{i}" for i in range(n)],
                           "annual_base": 30000 * 1.4 ** (level - 1) * rng.lognormal(0, 0.05, n)})
    result = bench.regression(points)
    terms = set(result.table["term"])
    assert "market[US]" in terms and "market[other]" in terms
    assert "market[RU]" not in terms and "market[CN]" not in terms
    assert "pooled as 'other' (11 postings)" in " ".join(result.notes)
    assert "Experience is not in the model" in " ".join(result.notes)
    us = result.table[(result.table.model == "ols_hc3") & (result.table.term == "market[US]")].iloc[0]
    assert not bool(us.suppressed) and (us.term_n, us.n_sources) == (12, 12)


def test_a_market_term_whose_postings_fail_the_rule_is_not_shown_and_no_sentence_reads_it():
    # Twelve US postings from two employers: enough postings for a term of its own (at
    # least 10 a side), too few employers for the disclosure rule.
    points = _regression_points(n=60)
    points["country"] = ["US"] * 12 + ["GB"] * 48
    points.loc[:11, "company"] = ["Ua", "Ub"] * 6
    result = bench.regression(points)
    ols = result.table[result.table.model == "ols_hc3"].set_index("term")
    assert bool(ols.loc["market[US]", "suppressed"]) and math.isnan(ols.loc["market[US]", "pct_effect"])
    assert ols.loc["market[US]", "suppression_reason"] == (
        "only 2 companies (minimum 5); one company supplies 50% (maximum 25%)")
    assert not any("versus" in line for line in result.reading)
    assert any(line.startswith("Not shown under the disclosure rule: market[US]") for line in result.reading)
    assert not bool(ols.loc["role_level", "suppressed"])


def test_level_postings_list_titles_and_companies_but_no_pay():
    tables = bench.Tables(
        records=pd.DataFrame({"record_id": ["a", "b", "c"], "title": ["AM", "AM", "AD"],
                              "company": ["Y", "X", "Z"], "location": ["Leeds", "York", "Hull"],
                              "country": ["GB", "GB", "GB"], "role_level": [2, 2, 4]}))
    listed = bench.level_postings(tables, level=2, market="GB", disclosure=OPEN)
    assert list(listed.columns) == ["title", "company", "location", "country"]
    assert listed["company"].tolist() == ["X", "Y"]
    assert bench.level_postings(tables, level=2, market="US", disclosure=OPEN).empty


def test_a_level_below_the_rule_lists_no_title_company_or_duty():
    records = pd.DataFrame({"record_id": list("abcde"), "title": ["Zephyr desk lead"] * 5,
                            "company": ["Quillfarrow Media", "Quillfarrow Media Ltd", "QUILLFARROW MEDIA UK",
                                        "Quillfarrow Media (Europe)", "Quillfarrow Media Holdings"],
                            "location": ["Leeds"] * 5, "country": ["GB"] * 5, "role_level": [3] * 5})
    resp = pd.DataFrame({"record_id": list("abcde"), "idx": [0] * 5, "text": ["Ledger reconciliation"] * 5,
                         "section": ["Duties"] * 5, "category": ["reporting"] * 5})
    tables = bench.Tables(records=records, responsibilities=resp)
    listed = bench.level_postings(tables, level=3, market="GB")
    assert listed.empty and listed.attrs["n"] == 5 and listed.attrs["n_sources"] == 1
    assert listed.attrs["suppression_reason"].startswith("only 1 company")
    examples = bench.example_responsibilities(tables, level=3, market="GB")
    assert examples.empty and examples.attrs["suppression_reason"].startswith("only 1 company")


def test_example_responsibilities_take_a_few_lines_per_area():
    tables = bench.Tables(
        records=pd.DataFrame({"record_id": ["a", "b"], "role_level": [2, 3], "country": ["GB", "GB"],
                              "company": ["A", "B"]}),
        responsibilities=pd.DataFrame({
            "record_id": ["a", "a", "a", "b"], "idx": [0, 1, 2, 0],
            "text": ["Grow accounts", "Win new logos", "Keep clients happy", "Lead the team"],
            "section": ["Duties"] * 4,
            "category": ["growth_new_business", "growth_new_business", "client_relationship",
                         "team_leadership"]}))
    out = bench.example_responsibilities(tables, level=2, per_category=1, disclosure=OPEN)
    assert out.to_dict("records") == [
        {"category": "client_relationship", "text": "Keep clients happy"},
        {"category": "growth_new_business", "text": "Grow accounts"}]


def test_shared_table_has_no_mean_to_subtract_into_a_suppressed_cell():
    # Seven level-2 postings, one of them the only US posting: the level-and-country
    # cut suppresses it; with a mean in both cuts, 7 x mean - 6 x GB mean would be its pay.
    rows = [(f"{c}:0", c.upper(), 2, v, v, "GB") for c, v in zip("abcdef", [30000, 32000, 34000, 36000, 38000, 40000])]
    rows.append(("g:0", "G", 2, 123456, 123456, "US"))
    tables = make_tables(rows)
    by_level = bench.benchmark_table(tables, by="level", market="ALL", currency="GBP", as_of="2026-10-01")
    by_country = bench.benchmark_table(tables, by="level,country", market="ALL", currency="GBP",
                                       as_of="2026-10-01")
    assert "mean" not in by_level.columns and "mean" not in by_country.columns
    assert by_country.set_index("country").loc["US", "suppressed"]
    shown = pd.concat([by_level, by_country]).drop(columns=["suppression_reason"]).to_numpy().ravel()
    assert 123456 not in [v for v in shown if isinstance(v, (int, float))]


def test_employers_are_counted_alike_across_unicode_spaces_and_dotted_i():
    # Counted by employers.employer_key, once per distinct name (disclosure.employer_codes).
    names = ["Acme\u00a0Ltd", "Acme\u3000Group", "ACME\u2009Ltd", "İstanbul Ltd", "Istanbul",
             "ООО «Ромашка»", "Ромашка", None, " "]
    tables = make_tables(_one_per_company(names) + [("i:0", "Beta", 2, 50000, 50000)])
    slow = bench.market_percentiles(bench.pay_points(tables), disclosure=OPEN, n_boot=0)
    assert slow.n_sources.tolist() == [4]  # acme, istanbul, romashka, beta


def test_compa_ratio_with_a_missing_date_is_a_clear_error():
    inc = pd.DataFrame({"level": [2], "currency": ["GBP"], "base": [40000.0]})
    pct = pd.DataFrame({"role_level": [2], "p25": [35000.0], "p50": [40000.0], "p75": [45000.0]})
    with pytest.raises(ParameterError, match="effective_date is missing"):
        bench.compa_ratios(inc, pct, effective_date=pd.NaT)


# --------------------------------------------------------------------------- ladders


def _two_ladders():
    """Five account managers (rung 2, 30k-50k) and five sales account executives (sales rung 2, 80k-120k)."""
    sales = [(f"s{i}:0", f"S{i}", 2, pay, pay) for i, pay in enumerate((80000, 90000, 100000, 110000, 120000))]
    tables = make_tables(FIVE + sales)
    tables.records.loc[tables.records["record_id"].str.startswith("s"), "role_family"] = "sales"
    return tables


def test_percentiles_by_level_never_mix_the_sales_and_the_account_ladder():
    points = bench.pay_points(_two_ladders())
    assert dict(zip(points["record_id"], points["role_ladder"]))["s0:0"] == "sales"
    out = bench.market_percentiles(points, by=("role_level",), disclosure=OPEN, n_boot=0)
    assert list(out.columns[:2]) == ["role_ladder", "role_level"]
    cells = out.set_index(["role_ladder", "role_level"])
    assert cells.loc[("account", 2), "n"] == 5 and cells.loc[("account", 2), "p50"] == 35000
    assert cells.loc[("sales", 2), "n"] == 5 and cells.loc[("sales", 2), "p50"] == 100000
    # Cut by family already: no ladder column is added.
    by_family = bench.market_percentiles(points, by=("role_family", "role_level"), disclosure=OPEN, n_boot=0)
    assert "role_ladder" not in by_family.columns and len(by_family) == 2


def test_points_without_a_family_are_cut_by_level_alone():
    points = bench.pay_points(make_tables(FIVE)).drop(columns=["role_family", "role_ladder"])
    out = bench.market_percentiles(points, by=("role_level",), disclosure=OPEN, n_boot=0)
    assert "role_ladder" not in out.columns and len(out) == 1


def test_pay_mix_time_shares_and_coverage_keep_the_ladders_apart():
    tables = _two_ladders()
    mix = bench.pay_mix(bench.pay_points(tables), disclosure=OPEN)
    mix = mix[mix["figure"] == "share_with_variable"]
    assert sorted(zip(mix["role_ladder"], mix["n"])) == [("account", 5), ("sales", 5)]
    duties = _duty_tables()
    duties.records["role_family"] = ["account_management", "account_management", "sales", "sales"]
    shares = bench.time_shares(duties, disclosure=OPEN)
    level3 = shares[(shares.role_level == 3) & (shares.category == "growth")].set_index("role_ladder")
    assert level3.loc["account", "n"] == 2 and level3.loc["account", "mean_share"] == pytest.approx(27.5)
    assert level3.loc["sales", "n"] == 1
    coverage = bench.responsibility_coverage(duties, disclosure=OPEN)
    assert set(coverage["role_ladder"]) == {"account", "sales"}


def test_level_listings_and_the_regression_read_the_account_ladder_by_default():
    tables = _two_ladders()
    assert len(bench.level_postings(tables, level=2)) == 5
    assert len(bench.level_postings(tables, level=2, ladder="sales")) == 5
    assert len(bench.level_postings(tables, level=2, ladder=None)) == 10
    points = _regression_points()
    mixed = pd.concat([points.assign(role_family="account_management"),
                       points.assign(role_family="sales", annual_base=points.annual_base * 3)],
                      ignore_index=True)
    assert bench.regression(mixed).n == len(points)
    assert bench.regression(mixed, ladder="sales").n == len(points)


def test_benchmark_table_names_each_rung_on_its_own_ladder():
    table = bench.benchmark_table(_two_ladders(), by="role,level", disclosure=OPEN)
    labels = dict(zip(table["role_family"], table["level_name"]))
    assert labels == {"account_management": "Account Manager", "sales": "Account Executive"}
    # every row names its market and its rung, whatever the cut asked for
    by_level = bench.benchmark_table(_two_ladders(), by="level", disclosure=OPEN)
    assert list(by_level.columns[:4]) == ["market", "role_family", "role_level", "level_name"]
    assert dict(zip(by_level["role_family"], by_level["level_name"])) == {
        "account_management": "Account Manager", "sales": "Account Executive"}
