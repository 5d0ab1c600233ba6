"""Pay by place: London against the rest of the UK, and each region against the market,
against hand-worked medians."""

from __future__ import annotations

import pandas as pd
import pytest

from workbench import bench
from workbench.config import Disclosure
from workbench.disclosure import COMPLEMENT_SUPPRESSED

OPEN = Disclosure(min_postings=1, min_sources=1, max_company_share=1.0)


def _points(rows):
    """rows: (city, region, level, pay); each posting from its own company."""
    return pd.DataFrame([{"record_id": str(i), "company": f"Firm {i}", "city": city, "region": region,
                          "role_level": level, "annual_base": pay}
                         for i, (city, region, level, pay) in enumerate(rows)])


def test_london_against_the_rest_of_the_uk_with_hand_worked_medians():
    london = [("London", "London", 2, v) for v in (40000, 42000, 44000, 46000, 48000)]
    rest = [("Leeds", "Yorkshire and The Humber", 2, v) for v in (30000, 32000, 34000)]
    rest += [("Manchester", "North West", 2, v) for v in (36000, 38000)]
    nowhere = [(None, None, 2, 99000), (None, None, 2, 10000)]
    out = bench.capital_vs_rest(_points(london + rest + nowhere)).set_index("place")
    # type 7: London 40..48k -> P25 42,000, P50 44,000, P75 46,000; the rest 30..38k -> P50 34,000
    assert out.loc["London", ["p25", "p50", "p75"]].tolist() == [42000.0, 44000.0, 46000.0]
    assert out.loc["the rest of the UK", "p50"] == 34000.0
    assert out.loc["London", "pct_of_rest"] == pytest.approx(100 * 44000 / 34000)  # 129.4%
    assert out.loc["place not stated", "n"] == 2 and out.loc["place not stated", "suppressed"]
    assert pd.isna(out.loc["place not stated", "p50"])  # counted, never a figure


def test_when_one_half_fails_the_rule_both_halves_are_withheld():
    london = [("London", "London", 2, v) for v in (40000, 42000, 44000, 46000)]  # 4 postings
    rest = [("Leeds", "Yorkshire and The Humber", 2, v) for v in (30000, 32000, 34000, 36000, 38000)]
    out = bench.capital_vs_rest(_points(london + rest)).set_index("place")
    assert out.loc["London", "suppressed"] and "only 4 postings" in out.loc["London", "suppression_reason"]
    assert out.loc["the rest of the UK", "suppression_reason"] == COMPLEMENT_SUPPRESSED
    assert out[["p50", "pct_of_rest"]].isna().all().all()
    assert bench.capital_vs_rest(_points(rest), market="RU").empty  # no capital named for RU


def test_regional_differentials_compare_like_levels():
    rows = [("London", "London", 1, 40.0), ("Bolton", "North West", 1, 20.0),
            ("Leeds", "Yorkshire and The Humber", 1, 30.0),
            ("London", "London", 2, 80.0), ("London", "London", 2, 70.0),
            ("Bolton", "North West", 2, 50.0), (None, None, 2, 60.0)]
    out = bench.regional_differentials(_points(rows), disclosure=OPEN).set_index("region")
    # Level medians: level 1 30 (20, 30, 40), level 2 65 (50, 60, 70, 80).
    # London ratios 40/30, 80/65, 70/65 -> median 80/65; North West 20/30, 50/65 -> their mean.
    assert out.loc["London", "differential_pct"] == pytest.approx(100 * 80 / 65)
    assert out.loc["North West", "differential_pct"] == pytest.approx(50 * (20 / 30 + 50 / 65))
    assert out.loc["Yorkshire and The Humber", "differential_pct"] == pytest.approx(100.0)
    assert out.loc["national (whole market)", ["n", "differential_pct"]].tolist() == [7, 100.0]
    assert out.loc["place not stated", "n"] == 1 and out.loc["place not stated", "suppressed"]


def test_a_region_below_the_rule_keeps_its_count_only():
    rows = [("London", "London", 2, 40000.0 + i) for i in range(6)]
    rows += [("Leeds", "Yorkshire and The Humber", 2, 30000.0 + i) for i in range(2)]
    out = bench.regional_differentials(_points(rows)).set_index("region")
    assert not out.loc["London", "suppressed"]
    assert out.loc["Yorkshire and The Humber", "suppressed"]
    assert pd.isna(out.loc["Yorkshire and The Humber", "differential_pct"])
    assert out.loc["Yorkshire and The Humber", "n"] == 2
