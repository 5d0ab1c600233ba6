"""What a market is for the analytics: codes, a country's market, its currency, user input."""

from __future__ import annotations

import pandas as pd
import pytest

from workbench import bench, config
from workbench.bench import market
from workbench.errors import CurrencyError, ParameterError


def test_no_market_named_is_the_settings_default_and_all_is_every_market_apart():
    assert market.resolve_market(None) == config.SETTINGS.default_market == "GB"
    assert market.resolve_market("") == "GB"
    assert market.resolve_market("all") == market.ALL
    assert market.resolve_market(" uk ") == "GB"
    assert market.resolve_market("usa") == "US"
    assert market.resolve_market("eu") == "EU"


def test_an_unknown_market_raises_with_the_valid_ones():
    with pytest.raises(ParameterError, match="unknown market 'London'; use one of GB, US, EU, RU, BY, CN, .*ALL"):
        market.resolve_market("London")
    # a euro-area country is part of the EU market: the message names the market to ask for
    with pytest.raises(ParameterError, match="DE is part of the EU market"):
        market.resolve_market("DE")
    # a currency is not a market
    with pytest.raises(ParameterError, match="unknown market 'GBP'"):
        market.resolve_market("GBP")


def test_each_country_belongs_to_one_market_and_a_missing_one_is_unknown():
    assert market.country_market("de") == "EU" and market.country_market("FR") == "EU"
    assert market.country_market("UK") == "GB" and market.country_market("GB") == "GB"
    assert market.country_market("USD") is None  # currency codes are not countries
    assert market.country_market(None) is None and market.country_market(" ") is None
    assert market.market_label("JP") == "JP"  # a country in no market is its own, never pooled
    assert market.market_label(None) == market.MARKET_UNKNOWN
    frame = pd.DataFrame({"country": ["GB", "DE", None, "RU", "JP", ""]})
    assert bench.with_market(frame)["market"].tolist() == ["GB", "EU", "unknown", "RU", "JP", "unknown"]


def test_the_currency_follows_the_market_unless_one_is_named():
    assert [market.market_currency(m) for m in market.market_codes()][:6] == ["GBP", "USD", "EUR", "RUB", "BYN", "CNY"]
    assert market.market_currency("unknown") == config.SETTINGS.reporting_currency
    assert market.resolve_currency(None) is None and market.resolve_currency("") is None
    assert market.resolve_currency("usd") == "USD"
    with pytest.raises(CurrencyError, match="unknown currency 'XYZ'; use one of"):
        market.resolve_currency("XYZ")


def test_names_for_pages():
    assert market.market_name("GB") == "United Kingdom (GB)"
    assert market.market_name("unknown").startswith("market unknown")
    assert "never pooled" in market.market_name("ALL")


def test_a_market_cut_of_pay_points_refuses_a_city_rather_than_returning_nothing():
    frame = pd.DataFrame({"country": ["GB", "UK", "US", "DE"]})
    assert bench.paypoints.in_market(frame, "UK").tolist() == [True, True, False, False]
    assert bench.paypoints.in_market(frame, "EU").tolist() == [False, False, False, True]
    with pytest.raises(ParameterError, match="unknown market 'London'"):
        bench.paypoints.in_market(frame, "London")
