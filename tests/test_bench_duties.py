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


def _random_duties(seed: int = 7):
    """200 records over 3 levels, 2 markets and 9 employers; lines with repeats, missing
    categories, and records with no line at all."""
    import numpy as np

    rng = np.random.default_rng(seed)
    n = 200
    records = pd.DataFrame({"record_id": [f"r{i:03d}" for i in range(n)],
                            "role_level": rng.choice([1, 2, 3], n),
                            "country": rng.choice(["GB", "RU"], n),
                            "company": rng.choice([f"Firm {k}" for k in range(9)], n)})
    m = 900
    resp = pd.DataFrame({"record_id": rng.choice(records["record_id"][:170], m),  # 30 records state none
                         "category": rng.choice(["reporting", "upsell", "service", None], m),
                         "idx": rng.integers(0, 40, m), "text": [f"line {k}" for k in range(m)]})
    resp = resp.drop_duplicates(["record_id", "idx"])  # one line per position, as extraction writes
    return bench.Tables(records=records, responsibilities=resp)


def test_coverage_counts_equal_a_restatement_in_pandas():
    t = _random_duties()
    got = bench.responsibility_coverage(t, market="GB", disclosure=OPEN)
    gb = t.records[t.records["country"] == "GB"]
    read = gb[gb["record_id"].isin(t.responsibilities["record_id"])]
    lines = t.responsibilities.dropna(subset=["category"]).drop_duplicates(["record_id", "category"])
    for level, cell in read.groupby("role_level"):
        mine = got[got["role_level"] == level].set_index("category")
        counts = lines[lines["record_id"].isin(cell["record_id"])].groupby("category").size()
        assert set(mine.index) == set(counts.index) and len(counts) == 3
        for category, count in counts.items():
            assert mine.loc[category, "n"] == len(cell) and mine.loc[category, "n_mentioning"] == count
            assert mine.loc[category, "share_of_postings"] == pytest.approx(count / len(cell))
        assert list(mine["share_of_postings"]) == sorted(mine["share_of_postings"], reverse=True)


def test_examples_are_the_first_lines_of_each_area_by_record_and_position():
    t = _random_duties()
    got = bench.example_responsibilities(t, level=2, market="GB", per_category=2, ladder=None, disclosure=OPEN)
    level = t.records[(t.records["role_level"] == 2) & (t.records["country"] == "GB")]
    lines = t.responsibilities[t.responsibilities["record_id"].isin(level["record_id"])].dropna(subset=["category"])
    expected = lines.sort_values(["category", "record_id", "idx"]).groupby("category").head(2)
    assert list(got["text"]) == list(expected["text"]) and list(got["category"]) == list(expected["category"])
    # n: the level's postings whose duties were read (a line of any area, or of none)
    assert len(got) == 6 and got.attrs["n"] == level["record_id"].isin(t.responsibilities["record_id"]).sum()
