"""What a market is for the analytics: codes, the market of a country, its currency.

A benchmark figure belongs to one market (``GB``, ``US``, ``EU`` for the euro area,
``RU``, ``BY``, ``CN``...): roubles converted to pounds are not a UK rate. This module answers
the questions the cuts ask, from the markets table (:mod:`workbench.markets`,
``workbench/data/markets.yaml``, the one home of the codes):

* :func:`resolve_market` - a market asked for by a user (code or alias, any case,
  ``ALL`` for one row per market; empty for the settings' default) or an error
  naming the valid values;
* :func:`country_market` - the market of a record's country (``DE`` -> ``EU``,
  ``UK`` -> ``GB``); :func:`market_label` - that, or the country itself when it is in
  no market, or :data:`MARKET_UNKNOWN` when the record names no country;
* :func:`market_currency` - the currency a market's figures are given in unless the
  user names one (:func:`resolve_currency` checks a named currency).
"""

from __future__ import annotations

from typing import Any

import pandas as pd

from workbench import config, markets
from workbench.errors import CurrencyError
from workbench.markets import ALL, country_market, market_codes

__all__ = ["ALL", "MARKET_UNKNOWN", "country_market", "default_market", "market_codes", "market_currency",
           "market_label", "market_name", "resolve_currency", "resolve_market", "with_market"]

# The market of a record that names no country: counted and shown, never pooled in.
MARKET_UNKNOWN = "unknown"


def default_market() -> str:
    """The market a figure is for when nobody names one (``config.SETTINGS.default_market``)."""
    return config.SETTINGS.default_market


def market_name(code: str) -> str:
    """``"United Kingdom (GB)"``; ``"market unknown"`` for :data:`MARKET_UNKNOWN`; ``"every
    market, one row each"`` for ``ALL``."""
    if code == MARKET_UNKNOWN:
        return "market unknown (no country)"
    if code == ALL:
        return "every market, one row each (never pooled)"
    return f"{markets.market(code).name} ({code})" if code in market_codes() else str(code)


def market_label(country: Any) -> str:
    """The market a record's figures belong to: :func:`country_market`, else the country
    code itself (a country in no market is a market of its own, never pooled into one),
    else :data:`MARKET_UNKNOWN`."""
    found = country_market(country)
    if found:
        return found
    if isinstance(country, str) and country.strip():
        return country.strip().upper()
    return MARKET_UNKNOWN


def with_market(frame: pd.DataFrame) -> pd.DataFrame:
    """``frame`` with a ``market`` column from its ``country`` (one look-up per distinct value)."""
    country = frame["country"] if "country" in frame else pd.Series(None, index=frame.index, dtype="object")
    labels = {value: market_label(value) for value in pd.unique(country.dropna())}
    market = country.map(labels).fillna(MARKET_UNKNOWN).astype("str")
    return frame.assign(market=market)


def resolve_market(value: Any = None) -> str:
    """A market asked for by a user, as its code: ``None`` or ``""`` is the settings'
    default, ``ALL`` (any case) is every market one row each, a code or alias any case
    (:func:`workbench.markets.resolve_market`, which raises ``ParameterError`` naming the
    valid values; a euro-area country is refused with the market to ask for)."""
    if value is None or (isinstance(value, str) and not value.strip()):
        return default_market()
    return markets.resolve_market(value)


def market_currency(code: str) -> str:
    """The currency a market's figures are given in (``GB`` -> ``GBP``); the settings'
    reporting currency for a market outside the table."""
    return markets.currency_of(code) or config.SETTINGS.reporting_currency


def resolve_currency(value: Any) -> str | None:
    """A currency asked for by a user (ISO 4217, any case) or None (``None``/``""``: each
    market's own). Raises ``CurrencyError`` naming the currencies there are rates for."""
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    from workbench import fx

    code = str(value).strip().upper()
    known = fx.known_currencies()
    if code not in known:
        raise CurrencyError(f"unknown currency {value!r}; use one of {', '.join(sorted(known))} "
                            f"(or leave it out: each market's own, {', '.join(sorted(markets.currencies()))})")
    return code
