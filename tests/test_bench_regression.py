"""The regression publishes only readable terms: each fed by at least ten postings on either
side, finite intervals, no intercept read as an effect."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from workbench import bench
from workbench.bench.regression import MIN_TERM_N
from workbench.errors import CurrencyError


def _points(countries, *, experience=None, seed=5):
    rng = np.random.default_rng(seed)
    n = len(countries)
    level = np.resize([1, 2, 3, 4, 5], n)
    # One employer per posting: these tests are about readable terms, not the disclosure rule.
    return pd.DataFrame({"record_id": [str(i) for i in range(n)], "role_level": level,
                         "company": [f"employer {i}" for i in range(n)],
                         "country": countries, "currency": "GBP",
                         "experience_min": np.nan if experience is None else experience,
                         "annual_base": 30000 * 1.35 ** (level - 1) * rng.lognormal(0, 0.05, n)})


def test_a_market_with_one_posting_gets_no_term_and_the_note_says_so():
    # 164 GB postings and 1 US posting: the case that gave an interval to +1.7e42 %.
    result = bench.regression(_points(["GB"] * 164 + ["US"]))
    assert set(result.table["term"]) == {"const", "role_level"}
    assert result.n == 164
    assert any("1 posting from markets with fewer than 10 postings each (US) is left out" in note
               for note in result.notes)


def test_every_indicator_is_fed_by_at_least_ten_postings_on_each_side():
    countries = ["GB"] * 40 + ["US"] * 12 + ["RU"] * 4 + ["CN"] * 3 + [None] * 2
    experience = np.r_[[np.nan] * 5, np.arange(len(countries) - 5) % 6]  # 5 GB postings state none
    result = bench.regression(_points(countries, experience=experience))
    ols = result.table[result.table["model"] == "ols_hc3"].set_index("term")
    # RU + CN = 7 postings: too few even pooled; the 2 with no country are never pooled in;
    # the 5 without experience are too few for an indicator of their own.
    assert list(ols.index) == ["const", "role_level", "experience_min", "market[US]"]
    assert ols.loc["market[US]", "term_n"] == 12 and (ols["term_n"] >= MIN_TERM_N).all()
    assert result.n == 61 - 5 - 2 - 7
    notes = " ".join(result.notes)
    assert "5 postings that state no experience are left out" in notes
    assert "2 postings naming no country (market unknown) are left out" in notes
    assert "(CN, RU) are left out of the model: too few even pooled" in notes


def test_intervals_are_finite_and_the_intercept_is_no_effect():
    result = bench.regression(_points(["GB"] * 50 + ["US"] * 15, experience=np.arange(65) % 7))
    effects = result.table[result.table["term"] != "const"]
    assert np.isfinite(effects[["pct_effect", "pct_ci_low", "pct_ci_high"]].to_numpy()).all()
    const = result.table[result.table["term"] == "const"]
    assert const[["pct_effect", "pct_ci_low", "pct_ci_high"]].isna().all().all()
    assert "not an effect" in result.reading[-1]
    # the level effect is the simulated 35% a level, recovered closely
    level = result.table.query("model == 'ols_hc3' and term == 'role_level'").iloc[0]
    assert level.pct_effect == pytest.approx(0.35, abs=0.03)


def test_points_in_two_currencies_are_refused():
    points = _points(["GB"] * 20).assign(currency=["GBP"] * 10 + ["USD"] * 10)
    with pytest.raises(CurrencyError, match="mix currencies"):
        bench.regression(points)
