"""Figures cut by market: one market by default, each market apart with ALL, never a pool."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from workbench import bench
from workbench.config import Disclosure
from workbench.errors import ParameterError

OPEN = Disclosure(min_postings=1, min_sources=1, max_company_share=1.0)

GB = [30000, 32000, 34000, 36000, 38000, 40000]  # GBP; type-7 P50 35,000
RU = [100000, 110000, 120000, 130000, 140000]     # RUB a year; P50 120,000


def _record(rid, country, date="2026-06-01"):
    return {"record_id": rid, "posting_id": rid, "source": f"{rid}.txt", "title": "Account Manager",
            "company": f"Firm {rid}", "location": None, "country": country, "language": "en",
            "date_posted": date, "role_family": "account_management", "role_level": 2, "role_label": "x",
            "role_confidence": 0.9, "experience_min": None, "experience_max": None, "education": None,
            "record_json": "{}"}


def _salary(rid, value, currency, component="base"):
    return {"record_id": rid, "idx": 0, "text": "", "low": value, "high": value, "currency": currency,
            "period": "year", "period_inferred": False, "component": component, "gross": None,
            "months_per_year": None, "masked": False, "annual_low": value, "annual_high": value,
            "convention": "GB"}


def _tables():
    records, salaries = [], []
    for i, v in enumerate(GB):
        records.append(_record(f"gb{i}", "GB", date=None))
        salaries.append(_salary(f"gb{i}", v, "GBP"))
    for i, v in enumerate(RU):
        records.append(_record(f"ru{i}", "RU", date=None))
        salaries.append(_salary(f"ru{i}", v, "RUB"))
    for i, v in enumerate([99000, 99000]):  # no country: market unknown
        records.append(_record(f"x{i}", None, date=None))
        salaries.append(_salary(f"x{i}", v, "GBP"))
    # a posting whose only figure is a package ("Package: £45K")
    records.append(_record("pkg", "GB", date=None))
    salaries.append(_salary("pkg", 45000, "GBP", component="package"))
    return bench.Tables(records=pd.DataFrame(records), salaries=pd.DataFrame(salaries))


def test_no_market_named_gives_the_default_market_only_and_counts_the_unknown():
    cut = bench.market_cut(_tables(), as_of="2026-12-01")
    assert cut.market == "GB" and cut.markets == ["GB"]
    assert sorted(cut.points["annual_base"]) == GB  # no RU, no unknown, no package
    assert set(cut.points["currency"]) == {"GBP"}
    assert len(cut.unknown) == 2
    caption = cut.caption()
    assert caption.startswith("Market: United Kingdom (GB); GBP per year. 2 postings with pay name no country")
    assert "none of the 6 postings is dated, so none is aged (factor 1)" in caption
    table = bench.percentiles_by_market(cut.points, by=["role_level"], disclosure=OPEN)
    assert table[["market", "n", "p50"]].to_dict("records") == [{"market": "GB", "n": 6, "p50": 35000.0}]


def test_all_gives_each_market_its_own_row_in_its_own_currency():
    cut = bench.market_cut(_tables(), market="ALL", as_of="2026-12-01")
    assert cut.markets == ["GB", "RU"] and cut.currencies == {"GB": "GBP", "RU": "RUB"}
    table = bench.percentiles_by_market(cut.points, by=["role_level"], disclosure=OPEN).set_index("market")
    # each market's own type-7 median, never a pool of both (the pool's median would be 40,000-odd)
    assert table.loc["GB", "p50"] == 35000.0 and table.loc["GB", "currency"] == "GBP"
    assert table.loc["RU", "p50"] == 120000.0 and table.loc["RU", "currency"] == "RUB"
    assert table.loc["GB", "n"] == 6 and table.loc["RU", "n"] == 5
    assert "each in its own currency (GB GBP, RU RUB)" in cut.caption()
    rows = bench.unknown_market_rows(cut.unknown, by=["role_level"])
    assert rows[["market", "n", "suppressed"]].to_dict("records") == [{"market": "unknown", "n": 2,
                                                                     "suppressed": True}]
    assert "p50" not in rows  # counts only, never a pay figure


def test_a_package_only_posting_counts_only_when_the_analyst_asks_for_it():
    base = bench.market_cut(_tables(), as_of="2026-12-01")
    assert "pkg" not in set(base.points["record_id"])
    either = bench.market_cut(_tables(), value="annual_base_or_package", as_of="2026-12-01")
    row = either.points.set_index("record_id").loc["pkg"]
    assert np.isnan(row["annual_base"]) and row["annual_base_or_package"] == 45000.0
    assert "the package figure where a posting states only a package" in either.caption()
    table = bench.percentiles_by_market(either.points, value="annual_base_or_package", disclosure=OPEN)
    assert table["n"].iloc[0] == 7 and table["p50"].iloc[0] == 36000.0  # 30,32,34,36,38,40,45k


def test_dated_cells_carry_the_range_of_factors_applied():
    tables = _tables()
    tables.records.loc[tables.records["record_id"] == "gb0", "date_posted"] = "2025-12-01"
    cut = bench.market_cut(tables, as_of="2026-12-01")
    table = bench.percentiles_by_market(cut.points, by=["role_level"], disclosure=OPEN)
    factor = 1.03 ** (365 / 365.25)
    assert table["n_undated"].iloc[0] == 5
    assert table["aging_min"].iloc[0] == pytest.approx(factor) == table["aging_max"].iloc[0]
    assert sorted(cut.points["annual_base"])[0] == pytest.approx(30000 * factor)


def test_bad_values_raise_with_the_valid_ones():
    with pytest.raises(ParameterError, match="value 'annual_total' is not one of annual_base, annual_ttc"):
        bench.market_cut(_tables(), value="annual_total")
    with pytest.raises(ParameterError, match="unknown market"):
        bench.market_cut(_tables(), market="Moscow")
