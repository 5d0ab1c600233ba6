"""Duties sections take the page's market: time shares and responsibility coverage of one market."""

from __future__ import annotations

import pandas as pd
import pytest

from workbench import bench
from workbench.config import Disclosure
from workbench.errors import ParameterError

# These tests are about the market cut; the disclosure rule is tested in test_bench and
# test_disclosure_properties.
OPEN = Disclosure(min_postings=1, min_sources=0, max_company_share=1.0)


def _tables():
    # Level 3: r1, r2 in the UK, r3 in Russia, r4 with no country.
    records = pd.DataFrame({"record_id": ["r1", "r2", "r3", "r4"], "role_level": [3, 3, 3, 3],
                            "country": ["GB", "UK", "RU", None]})
    ta = pd.DataFrame({"record_id": ["r1", "r1", "r2", "r2", "r3", "r4"],
                       "category": ["growth", "service", "growth", "service", "service", "growth"],
                       "share": [20.0, 80.0, 40.0, 60.0, 100.0, 100.0]})
    resp = pd.DataFrame({"record_id": ["r1", "r3", "r3", "r4"],
                         "category": ["reporting", "reporting", "upsell", "upsell"]})
    return bench.Tables(records=records, time_allocation=ta, responsibilities=resp)


def test_time_shares_of_one_market_use_that_market_s_postings_only():
    uk = bench.time_shares(_tables(), market="GB", disclosure=OPEN).set_index("category")
    # Hand-worked: UK growth shares 20 and 40 -> mean 30, n 2 (Russia and no-country left out)
    assert uk.loc["growth", "mean_share"] == pytest.approx(30.0) and uk.loc["growth", "n"] == 2
    assert uk.loc["service", "mean_share"] == pytest.approx(70.0)
    every = bench.time_shares(_tables(), disclosure=OPEN).set_index("category")
    assert every.loc["growth", "n"] == 4  # None keeps every record (a library call, no page)


def test_responsibility_coverage_of_one_market_counts_that_market_s_postings():
    uk = bench.responsibility_coverage(_tables(), market="GB", disclosure=OPEN).set_index("category")
    assert list(uk.index) == ["reporting"]
    # n counts the UK postings whose duties were read (r1; r2 states none, so says nothing)
    assert uk.loc["reporting", "n_mentioning"] == 1 and uk.loc["reporting", "n"] == 1
    ru = bench.responsibility_coverage(_tables(), market="RU", disclosure=OPEN).set_index("category")
    assert ru.loc["upsell", "share_of_postings"] == 1.0 and ru.loc["upsell", "n"] == 1


def test_an_unknown_market_is_refused():
    with pytest.raises(ParameterError, match="unknown market 'London'"):
        bench.time_shares(_tables(), market="London")
