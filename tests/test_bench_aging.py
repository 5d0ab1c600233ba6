"""Aging market pay from each posting's date to the as-of date, against hand-worked factors."""

from __future__ import annotations

import datetime as dt
import math

import pandas as pd
import pytest

from workbench import bench
from workbench.errors import ParameterError


def _points():
    # Three postings: one a year (365 days) before the as-of date, one 730.5 days before
    # (two years of 365.25 days, at noon: whole days only, so 730), and one undated.
    return pd.DataFrame({"record_id": ["a", "b", "c"],
                         "date_posted": ["2025-12-01", "2024-12-01", None],
                         "annual_base": [40000.0, 50000.0, 60000.0],
                         "annual_ttc": [44000.0, math.nan, 60000.0]})


def test_each_dated_posting_is_aged_by_its_own_factor_and_the_undated_one_is_not():
    out = bench.age_points(_points(), as_of="2026-12-01", rate=0.03)
    # Hand-worked: days 365 and 730 -> factors 1.03**(365/365.25), 1.03**(730/365.25)
    fa, fb = 1.03 ** (365 / 365.25), 1.03 ** (730 / 365.25)
    assert fa == pytest.approx(1.029979, abs=1e-6) and fb == pytest.approx(1.060857, abs=1e-6)
    assert out["aging_factor"].iloc[:2].tolist() == pytest.approx([fa, fb])
    assert math.isnan(out["aging_factor"].iloc[2])  # never an invented date
    assert out["annual_base"].tolist() == pytest.approx([40000 * fa, 50000 * fb, 60000.0])
    assert out["annual_ttc"].iloc[0] == pytest.approx(44000 * fa) and math.isnan(out["annual_ttc"].iloc[1])
    assert set(out["aged_to"]) == {"2026-12-01"} and set(out["aging_rate"]) == {0.03}
    assert _points()["annual_base"].tolist() == [40000.0, 50000.0, 60000.0]  # input unchanged


def test_the_caption_states_the_factors_applied_and_counts_undated_postings():
    out = bench.age_points(_points(), as_of="2026-12-01", rate=0.03)
    summary = bench.aging_summary(out)
    assert (summary.n, summary.n_dated, summary.n_undated) == (3, 2, 1)
    assert summary.factor_min == pytest.approx(out["aging_factor"].min())
    assert summary.factor_max == pytest.approx(out["aging_factor"].max())
    assert bench.aging_caption(summary) == (
        "Aged to 2026-12-01 at 3.0% a year from each posting's date: factors 1.030 to 1.061 "
        "(median 1.045) on 2 dated postings; 1 of 3 postings undated, not aged.")


def test_one_date_gives_one_factor_and_no_date_gives_none():
    one = bench.age_points(_points().iloc[:1], as_of="2026-12-01", rate=0.03)
    assert bench.aging_caption(bench.aging_summary(one)).endswith(
        "factor 1.030 on 1 dated posting; every posting dated.")
    none = bench.age_points(_points().iloc[2:], as_of="2026-12-01", rate=0.03)
    assert "none of the 1 postings is dated, so none is aged (factor 1)" in bench.aging_caption(
        bench.aging_summary(none))
    assert none["annual_base"].tolist() == [60000.0]


def test_a_posting_dated_after_the_as_of_date_is_aged_down():
    out = bench.age_points(_points().iloc[:1], as_of="2025-06-01", rate=0.03)
    assert out["aging_factor"].iloc[0] == pytest.approx(1.03 ** (-183 / 365.25))


def test_as_of_and_rate_are_checked():
    assert bench.as_of_date("2026-12-01") == dt.date(2026, 12, 1)
    assert bench.as_of_date(None) == dt.date.today() == bench.as_of_date("")
    with pytest.raises(ParameterError, match="write it as YYYY-MM-DD"):
        bench.as_of_date("next Tuesday")
    with pytest.raises(ParameterError, match="must be a number above -1"):
        bench.age_points(_points(), as_of="2026-12-01", rate=float("nan"))
    with pytest.raises(ParameterError, match="were not aged"):
        bench.aging_summary(_points())
