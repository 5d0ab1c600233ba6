"""Figures cut by market: the pay points of one market, or of each market one by one.

Every benchmark figure is for one market (:mod:`workbench.bench.market`). :func:`market_cut`
builds the pay points a page or ``workbench bench`` works from:

* ``market`` is a code (``GB``), ``ALL`` or empty (the settings' default). ``ALL`` keeps
  every market, each as its own rows: :func:`percentiles_by_market` computes each
  market's cells apart, so no figure ever pools two markets.
* The currency follows each market (``GB`` in GBP, ``RU`` in RUB) unless one is named.
* Records that name no country are the "market unknown": counted (:attr:`MarketCut.unknown`)
  and shown, never pooled into a market.
* Money is aged to the as-of date from each posting's date (:mod:`workbench.bench.aging`).
"""

from __future__ import annotations

from dataclasses import dataclass, field

import pandas as pd

from workbench.bench.aging import AgingSummary, age_points, aging_caption, aging_summary
from workbench.bench.market import (ALL, MARKET_UNKNOWN, market_codes, market_currency, market_name,
                                    resolve_currency, resolve_market, with_market)
from workbench.bench.paypoints import VALUES, pay_points
from workbench.bench.stats import market_percentiles
from workbench.disclosure import check_cell
from workbench.errors import ParameterError

__all__ = ["MARKET_UNKNOWN_REASON", "MarketCut", "market_cut", "percentiles_by_market", "unknown_market_rows"]

MARKET_UNKNOWN_REASON = "market unknown: the posting names no country, so it is never pooled into a market"


@dataclass
class MarketCut:
    """The pay points of one market (or of every market, one by one) and how they were made.

    ``points`` holds the market(s) asked for, each row with its ``market`` and its
    ``currency``; ``unknown`` the points of records that name no country (counted,
    never pooled); ``currencies`` maps each market to the currency of its figures.
    """

    market: str
    currency: str | None
    value: str
    points: pd.DataFrame
    unknown: pd.DataFrame
    currencies: dict[str, str] = field(default_factory=dict)

    @property
    def markets(self) -> list[str]:
        """The markets in ``points``, in the table's order (others after, by code)."""
        present = set(self.points["market"]) if "market" in self.points else set()
        known = [m for m in market_codes() if m in present]
        return known + sorted(present - set(known))

    @property
    def aging(self) -> AgingSummary:
        """The aging of ``points`` (factors applied, undated postings counted)."""
        return aging_summary(self.points)

    def currency_of(self, market: str) -> str:
        """The currency of one market's figures in this cut."""
        return self.currencies.get(market) or self.currency or market_currency(market)

    def market_text(self) -> str:
        """Which market and currency the figures are for, and the unknown-market count."""
        if self.market == ALL:
            money = (f"all in {self.currency}" if self.currency else
                     "each in its own currency (" + ", ".join(f"{m} {self.currency_of(m)}" for m in self.markets) + ")")
            head = f"Market: every market, one row each, never pooled; {money}."
        else:
            head = f"Market: {market_name(self.market)}; {self.currency_of(self.market)} per year."
        if len(self.unknown):
            head += (f" {len(self.unknown)} posting{'s' if len(self.unknown) != 1 else ''} with pay "
                     f"name{'s' if len(self.unknown) == 1 else ''} no country (market unknown) and "
                     f"{'is' if len(self.unknown) == 1 else 'are'} in no market's figures.")
        return head

    def caption(self) -> str:
        """:meth:`market_text` and the aging caption, for the top of a page or a CLI note."""
        value = {"annual_base_or_package": "Value: base pay, or the package figure where a posting "
                                           "states only a package.",
                 "annual_ttc": "Value: total target cash."}.get(self.value, "Value: base pay.")
        return f"{self.market_text()} {value} {aging_caption(self.aging)}"


def _currencies(market: str, present: list[str], currency: str | None) -> dict[str, str]:
    wanted = present if market == ALL else [market]
    return {m: currency or market_currency(m) for m in wanted}


def market_cut(tables, *, market=None, currency=None, value: str = "annual_base",
               range_method: str = "midpoint", as_of=None, aging_rate: float | None = None) -> MarketCut:
    """The aged pay points of ``market`` in ``currency`` (see the module docstring).

    ``value`` (``annual_base``, ``annual_ttc`` or ``annual_base_or_package``) is checked
    here; ``annual_base_or_package`` adds the records whose only figure is a package.
    Unknown market or currency values raise with the valid ones.
    """
    code = resolve_market(market)
    wanted_ccy = resolve_currency(currency)
    if value not in VALUES:
        raise ParameterError(f"value {value!r} is not one of {', '.join(VALUES)}.")
    package_only = value == "annual_base_or_package"
    first_ccy = wanted_ccy or (market_currency(code) if code != ALL else None)
    base = with_market(pay_points(tables, currency=first_ccy or market_currency(market_codes()[0]),
                                  range_method=range_method, package_only=package_only))
    found = set(base["market"]) - {MARKET_UNKNOWN}
    present = [m for m in market_codes() if m in found] + sorted(found - set(market_codes()))
    currencies = _currencies(code, present, wanted_ccy)
    frames, by_ccy = [], {str(base["currency"].iloc[0]) if len(base) else first_ccy: base}
    for m, ccy in currencies.items():
        if ccy not in by_ccy:
            by_ccy[ccy] = with_market(pay_points(tables, currency=ccy, range_method=range_method,
                                                 package_only=package_only))
        frames.append(by_ccy[ccy][by_ccy[ccy]["market"] == m])
    points = pd.concat(frames, ignore_index=True) if frames else base.iloc[0:0]
    unknown = base[base["market"] == MARKET_UNKNOWN].reset_index(drop=True)
    points = age_points(points, as_of=as_of, rate=aging_rate)
    unknown = age_points(unknown, as_of=as_of, rate=aging_rate)
    return MarketCut(code, wanted_ccy, value, points, unknown, currencies)


def _aging_by_cell(cell: pd.DataFrame, keys: list[str], value: str) -> pd.DataFrame:
    """Per cell of ``keys``: undated postings and the range of the factors applied."""
    v = pd.to_numeric(cell[value], errors="coerce")
    used = cell[v.notna() & (v > 0)]
    groups = used.groupby(keys, dropna=False, sort=False) if keys else [((), used)]
    rows = []
    for key, part in groups:
        key = key if isinstance(key, tuple) else (key,)
        factor = pd.to_numeric(part["aging_factor"], errors="coerce")
        rows.append({**dict(zip(keys, key)), "n_undated": int(factor.isna().sum()),
                     "aging_min": factor.min(), "aging_max": factor.max()})
    return pd.DataFrame(rows, columns=[*keys, "n_undated", "aging_min", "aging_max"])


def percentiles_by_market(points: pd.DataFrame, by=("role_level",), *, value: str = "annual_base",
                          disclosure=None, n_boot: int = 0, seed: int = 0) -> pd.DataFrame:
    """``bench.market_percentiles`` for each market of ``points`` apart (never pooled), with
    ``market`` first and, for aged points, ``n_undated``, ``aging_min`` and ``aging_max``
    (the factors applied to the cell's dated postings; blank where the cell is suppressed)."""
    by = [by] if isinstance(by, str) else [c for c in by if c != "market"]
    frames = []
    for m, cell in (points.groupby("market", sort=False) if len(points) else []):
        table = market_percentiles(cell, by=by, value=value, disclosure=disclosure, n_boot=n_boot, seed=seed)
        table.insert(0, "market", m)
        if "aging_factor" in cell and len(table):
            keys = [c for c in table.columns if c in cell.columns and c not in {"currency", "value", "market"}
                    and c in (*by, "role_ladder")]
            aging = _aging_by_cell(cell, keys, value)
            table = table.merge(aging, on=keys, how="left") if keys else table.assign(**aging.iloc[0].to_dict())
            hidden = table["suppressed"].astype(bool)
            table.loc[hidden, ["aging_min", "aging_max"]] = float("nan")
        frames.append(table)
    if not frames:
        return market_percentiles(points.assign(market=pd.Series(dtype="str")), by=["market", *by],
                                  value=value, disclosure=disclosure, n_boot=0)
    return pd.concat(frames, ignore_index=True)


def unknown_market_rows(unknown: pd.DataFrame, by=("role_level",), *, disclosure=None) -> pd.DataFrame:
    """One counts-only row per cell of ``by`` for points whose market is unknown: ``n``,
    ``n_sources``, suppressed, with :data:`MARKET_UNKNOWN_REASON` (never a pay figure)."""
    by = [c for c in ([by] if isinstance(by, str) else by) if c != "market"]
    if unknown.empty:
        return pd.DataFrame(columns=["market", *by, "n", "n_sources", "suppressed", "suppression_reason"])
    rows = []
    for key, cell in (unknown.groupby(by, dropna=False, sort=True) if by else [((), unknown)]):
        key = key if isinstance(key, tuple) else (key,)
        check = check_cell(cell["company"] if "company" in cell else [None] * len(cell), disclosure)
        rows.append({"market": MARKET_UNKNOWN, **dict(zip(by, key)), "n": check.n,
                     "n_sources": check.n_sources, "suppressed": True,
                     "suppression_reason": MARKET_UNKNOWN_REASON})
    return pd.DataFrame(rows)
