"""Property tests of rule 1 of ``workbench.disclosure``: for random small data, every published
figure is computed from a set of postings that passes the rule, and from that set only.

The rule is re-stated here independently (distinct ``employer_key`` values; postings without a
company are one unknown employer and no source), so a figure that the bench shows is checked
against the postings that should feed it, not against the bench's own counts.
"""

from __future__ import annotations

from collections import Counter

import numpy as np
import pandas as pd
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from workbench import bench
from workbench.bench.compa import compa_summary
from workbench.config import Disclosure
from workbench.employers import employer_key

RULE = Disclosure(min_postings=5, min_sources=5, max_company_share=0.25, max_top_two_share=0.5)
# Spellings of a few employers (some fold to one key), distinct firms, and no company at all.
COMPANIES = ["Acme Media", "Acme Media Ltd", "ACME MEDIA (Europe)", "Beta Digital", "Beta Digital UK",
             "Cedar Works", "Delta Partners", "Ember Group", "Fable Studios", "Garnet Agency",
             "Harbour Creative", None]

posting = st.fixed_dictionaries({
    "company": st.sampled_from(COMPANIES),
    "level": st.sampled_from([2, 3]),
    "pay": st.integers(20, 90).map(lambda k: k * 1000),
    "bonus": st.one_of(st.none(), st.integers(1, 30).map(lambda k: k * 500)),
    "country": st.sampled_from(["GB", "GB", "US"]),
    "split": st.one_of(st.none(), st.integers(10, 90)),
    "duties": st.sets(st.sampled_from(["reporting", "upsell", "renewals"]), max_size=2),
})
datasets = st.lists(posting, min_size=0, max_size=28)
PROPERTY = settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def passes(companies) -> bool:
    """Rule 1, written out again from its definition."""
    companies = list(companies)
    if len(companies) < RULE.min_postings:
        return False
    keys = [employer_key(c) if isinstance(c, str) and c.strip() else None for c in companies]
    if len({k for k in keys if k is not None}) < RULE.min_sources:
        return False
    shares = sorted((c / len(keys) for c in Counter(keys).values()), reverse=True)
    return shares[0] <= RULE.max_company_share and sum(shares[:2]) <= RULE.max_top_two_share


def _salary(rid, idx, amount, component):
    return {"record_id": rid, "idx": idx, "text": "", "low": amount, "high": amount, "currency": "GBP",
            "period": "year", "period_inferred": False, "component": component, "gross": None,
            "months_per_year": None, "masked": False, "annual_low": amount, "annual_high": amount,
            "convention": "GB", "reporting_currency": "GBP", "annual_low_rc": amount,
            "annual_high_rc": amount, "fx_rate": 1.0, "rate_date": "2026-10-01"}


def build(rows) -> bench.Tables:
    records, salaries, ta, resp = [], [], [], []
    for i, row in enumerate(rows):
        rid = f"p{i}:0"
        records.append({"record_id": rid, "posting_id": f"p{i}", "source": f"p{i}.txt", "title": "Account Manager",
                        "company": row["company"], "location": "London", "country": row["country"],
                        "language": "en", "date_posted": "2026-10-01", "role_family": "account_management",
                        "role_level": row["level"], "role_label": "x", "role_confidence": 0.9,
                        "experience_min": None, "experience_max": None, "education": None, "record_json": "{}"})
        salaries.append(_salary(rid, 0, row["pay"], "base"))
        if row["bonus"] is not None:
            salaries.append(_salary(rid, 1, row["bonus"], "bonus"))
        if row["split"] is not None:
            ta += [{"record_id": rid, "category": "growth", "share": float(row["split"])},
                   {"record_id": rid, "category": "service", "share": float(100 - row["split"])}]
        resp += [{"record_id": rid, "idx": j, "category": c, "text": f"{c} duty"}
                 for j, c in enumerate(sorted(row["duties"]))]
    return bench.Tables(records=pd.DataFrame(records), salaries=pd.DataFrame(salaries),
                        time_allocation=pd.DataFrame(ta, columns=["record_id", "category", "share"]),
                        responsibilities=pd.DataFrame(resp, columns=["record_id", "idx", "category", "text"]))


def _level(rows, level, keep=lambda r: True):
    return [r for r in rows if r["level"] == level and keep(r)]


@PROPERTY
@given(datasets)
def test_percentiles_are_shown_only_for_a_cell_that_passes_and_come_from_it(rows):
    table = bench.market_percentiles(bench.pay_points(build(rows)), disclosure=RULE, n_boot=0)
    for row in table.itertuples():
        feed = _level(rows, row.role_level)
        assert row.n == len(feed)
        assert bool(row.suppressed) != passes(r["company"] for r in feed)
        if not row.suppressed:
            assert row.p50 == np.percentile([r["pay"] for r in feed], 50)
        else:
            assert np.isnan(row.p50) and np.isnan(row.p25) and np.isnan(row.mean)


@PROPERTY
@given(datasets)
def test_the_variable_share_is_shown_only_when_the_postings_stating_an_amount_pass(rows):
    mix = bench.pay_mix(bench.pay_points(build(rows)), disclosure=RULE)
    for row in mix.itertuples():
        stated = row.figure == "median_variable_share"
        feed = _level(rows, row.role_level, (lambda r: r["bonus"] is not None) if stated else (lambda r: True))
        assert row.n == len(feed)
        assert bool(row.suppressed) != passes(r["company"] for r in feed)
        if row.suppressed:
            assert np.isnan(row.value)
        elif stated:
            assert row.value == np.median([r["bonus"] / (r["pay"] + r["bonus"]) for r in feed])


@PROPERTY
@given(datasets)
def test_time_shares_are_fed_by_the_postings_with_a_split_only(rows):
    shares = bench.time_shares(build(rows), disclosure=RULE)
    for row in shares.itertuples():
        feed = _level(rows, row.role_level, lambda r: r["split"] is not None)
        assert row.n == len(feed)
        assert bool(row.suppressed) != passes(r["company"] for r in feed)
        if row.suppressed:
            assert pd.isna(row.category) and pd.isna(row.mean_share)
        elif row.category == "growth":
            assert abs(row.mean_share - np.mean([r["split"] for r in feed])) < 1e-9


@PROPERTY
@given(datasets)
def test_coverage_is_fed_by_the_postings_whose_duties_were_read(rows):
    coverage = bench.responsibility_coverage(build(rows), disclosure=RULE)
    for row in coverage.itertuples():
        feed = _level(rows, row.role_level, lambda r: bool(r["duties"]))
        assert row.n == len(feed)
        assert bool(row.suppressed) != passes(r["company"] for r in feed)
        if not row.suppressed:
            assert row.n_mentioning == sum(row.category in r["duties"] for r in feed)
        else:
            assert pd.isna(row.category)


@PROPERTY
@given(datasets)
def test_a_listing_is_given_only_for_postings_that_pass(rows):
    tables = build(rows)
    for level in (2, 3):
        feed = _level(rows, level)
        listed = bench.level_postings(tables, level=level, disclosure=RULE)
        assert (len(listed) == len(feed) > 0) == passes(r["company"] for r in feed)
        read = _level(rows, level, lambda r: bool(r["duties"]))
        examples = bench.example_responsibilities(tables, level=level, disclosure=RULE)
        assert (len(examples) > 0) == passes(r["company"] for r in read)


@PROPERTY
@given(st.lists(posting, min_size=12, max_size=40))
def test_a_regression_term_is_shown_only_when_both_sides_pass(rows):
    result = bench.regression(bench.pay_points(build(rows)), disclosure=RULE, quantiles=())
    table = result.table
    if table.empty or result.n != len(rows):
        # No model, or one that left a small market out (its note says so): the postings
        # feeding each term are then not the rows drawn; those cases are in test_bench.
        return
    ols = table[table["model"] == "ols_hc3"]
    for row in ols[ols["term"].astype(str).str.startswith("market[")].itertuples():
        market = row.term[7:-1]
        if market not in ("GB", "US"):  # pooled markets: not in these data
            continue
        inside = [r["company"] for r in rows if r["country"] == market]
        outside = [r["company"] for r in rows if r["country"] != market]
        assert bool(row.suppressed) != (passes(inside) and passes(outside))
        assert np.isnan(row.pct_effect) == bool(row.suppressed)
    for row in ols[ols["term"].isin(["const", "role_level"])].itertuples():
        assert bool(row.suppressed) != passes(r["company"] for r in rows)
    assert not any(c in " ".join(result.reading) for c in ("Acme", "Beta", "Cedar"))
    for line in result.reading:
        assert "nan" not in line


@PROPERTY
@given(st.lists(st.floats(0.5, 1.5, allow_nan=False), min_size=1, max_size=15))
def test_a_compa_summary_never_shows_one_persons_ratio(ratios):
    compa = pd.DataFrame({"level": 2, "compa_ratio": ratios})
    row = compa_summary(compa, min_cell=5).iloc[0]
    shown = {str(v) for v in row.to_dict().values()}
    # No cell of the summary is a person's ratio, as stored or rounded to two places.
    assert not shown & ({f"{r:.2f}" for r in ratios} | {str(r) for r in ratios})
    if len(ratios) < 5:
        assert row["median compa-ratio band"] == "suppressed"
