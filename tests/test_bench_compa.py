"""Compa-ratio summaries: counts per band under the count rule, never a person's figure."""

from __future__ import annotations

import math

import pandas as pd
import pytest

from workbench import bench, render


def test_band_counts_suppress_small_cells_and_a_complement():
    out = bench.band_counts([0.85] * 2 + [0.95] * 3 + [1.05] * 7, bands=(0, 0.9, 1.0, 1.1, math.inf))
    assert list(out["count"]) == ["<5", "<5", "7", "0"]
    assert list(out["suppressed"]) == [True, True, False, False]
    # one small band alone would be revealed by the total, so the next smallest goes too
    out = bench.band_counts([0.85] * 6 + [0.95] * 2 + [1.05] * 9, bands=(0, 0.9, 1.0, 1.1, math.inf))
    assert list(out["count"]) == ["<5", "<5", "9", "0"]


def test_compa_summary_shows_no_individual_values():
    compa = pd.DataFrame({"level": [1] * 6 + [2] * 3, "compa_ratio": [0.8123, 0.9, 1.0, 1.1, 0.95, 0.97, 1.2345, 1.3, 1.4],
                          "base": [31750] * 9, "employee_id": [f"E{i}" for i in range(9)]})
    out = bench.compa_summary(compa, min_cell=5)
    text = render.table_html(out)
    assert "E1" not in text and "31750" not in text and "31,750" not in text
    assert "0.8123" not in text and "1.2345" not in text
    row2 = out[out["level"] == 2].iloc[0]
    assert row2["people"] == "<5" and row2["median compa-ratio band"] == "suppressed"


def _incumbents():
    return pd.DataFrame({"employee_id": ["e1", "e2", "e3"], "role": "AM", "level": [2, 2, 2],
                         "location": ["London", "New York", "Chicago"], "currency": ["GBP", "USD", "USD"],
                         "base": [44000.0, 90000.0, 72000.0], "bonus": 0.0,
                         "hire_date": pd.to_datetime(["2020-01-01"] * 3)})


def test_each_incumbent_is_read_in_their_own_market_from_country_location_or_currency():
    frame = _incumbents()
    assert bench.incumbent_markets(frame).tolist() == ["GB", "US", "US"]
    assert bench.incumbent_markets(frame.assign(country=["GB", "DE", None])).tolist() == ["GB", "EU", "US"]
    nowhere = pd.DataFrame({"location": [None], "currency": [None]})
    assert bench.incumbent_markets(nowhere).tolist() == ["unknown"]


def test_us_incumbents_are_compared_with_the_us_market_in_dollars_not_gb_bands():
    pct = pd.DataFrame({"market": ["GB", "US"], "role_level": [2, 2], "p25": [35000.0, 70000.0],
                        "p50": [40000.0, 80000.0], "p75": [45000.0, 90000.0], "currency": ["GBP", "USD"]})
    out = bench.compa_ratios(_incumbents(), pct, effective_date="2026-01-01").set_index("employee_id")
    # Hand-worked: e1 44000/40000 = 1.1; e2 90000/80000 = 1.125; e3 72000/80000 = 0.9.
    # No exchange rate enters: each person's pay is in their market's currency.
    assert out["compa_ratio"].tolist() == pytest.approx([1.1, 1.125, 0.9])
    assert out["range_penetration"].tolist() == pytest.approx([0.9, 1.0, 0.1])
    assert out["market_currency"].tolist() == ["GBP", "USD", "USD"]
    assert out["not_compared"].isna().all()


def test_on_a_one_market_page_people_of_another_market_are_counted_not_converted():
    pct = pd.DataFrame({"role_level": [2], "p25": [35000.0], "p50": [40000.0], "p75": [45000.0],
                        "currency": ["GBP"]})
    out = bench.compa_ratios(_incumbents(), pct, effective_date="2026-01-01", market="GB")
    assert out["compa_ratio"].iloc[0] == pytest.approx(1.1)
    assert out["compa_ratio"].iloc[1:].isna().all()
    assert out["not_compared"].iloc[1].startswith("works in market US")
    left = bench.not_compared(out, min_cell=5)
    assert left.to_dict("records") == [{"market": "US", "people not compared": "<5"}]
    assert bench.not_compared(out, min_cell=2)["people not compared"].tolist() == [2]


def test_the_median_of_a_level_is_shown_as_its_band_never_as_one_persons_ratio():
    # Five people: the median (0.9712) is the third person's own ratio; only its band is shown.
    compa = pd.DataFrame({"level": [1] * 5, "compa_ratio": [0.8123, 0.9021, 0.9712, 1.05, 1.3]})
    row = bench.compa_summary(compa, min_cell=5).iloc[0]
    assert row["median compa-ratio band"] == "0.90–1.00"
    assert "0.97" not in render.table_html(bench.compa_summary(compa, min_cell=5))
