"""The salary engine's public records: market conventions (:class:`Convention`,
``CONVENTIONS``, :func:`convention_for`) and the pay mention (:class:`SalaryMention`).

The conventions and each market's currency are built from the markets table
(:mod:`workbench.markets`).
"""

from __future__ import annotations

import operator
from dataclasses import dataclass, field, replace
from typing import Any

from .. import markets as _markets

# --------------------------------------------------------------------------
# Conventions
# --------------------------------------------------------------------------


@dataclass(frozen=True)
class Convention:
    """How a market turns hourly/daily/weekly/monthly pay into annual pay.

    ``default_period`` is the period a figure has in that market when the
    text does not say (UK and US job ads state annual pay, Russian and
    Chinese ads monthly pay).
    """

    hours_per_week: float = 40.0
    weeks_per_year: float = 52.0
    days_per_year: float = 260.0
    months_per_year: float = 12.0
    name: str = "default"
    default_period: str = "year"

    @property
    def hours_per_year(self) -> float:
        return self.hours_per_week * self.weeks_per_year

    def factor(self, period: str, months_per_year: float | None = None) -> float | None:
        """Multiplier from one ``period`` of pay to a year of pay."""
        if period == "year":
            return 1.0
        if period == "month":
            return float(months_per_year or self.months_per_year)
        if period == "week":
            return float(self.weeks_per_year)
        if period == "day":
            return float(self.days_per_year)
        if period == "hour":
            return float(self.hours_per_year)
        return None

    def describe(self) -> str:
        text = _DESCRIBED.get(self)  # one text per convention, not one per mention
        if text is None:
            text = (
                f"{self.name}: {self.hours_per_year:g} h/yr "
                f"({self.hours_per_week:g} h x {self.weeks_per_year:g} wk), "
                f"{self.days_per_year:g} d/yr, {self.weeks_per_year:g} wk/yr, "
                f"{self.months_per_year:g} mo/yr"
            )
            if len(_DESCRIBED) < 256:
                _DESCRIBED[self] = text
        return text


# Convention -> describe() text. Conventions are frozen, so the key is the value.
_DESCRIBED: dict[Convention, str] = {}


# Per-market conventions, plausibility bands and currencies live in one table,
# ``workbench/data/markets.yaml`` (:mod:`workbench.markets`); the maps below are built
# from it. Users may edit ``CONVENTIONS`` or pass overrides to ``convention_for``.


def _convention(name: str, spec: dict) -> Convention:
    return Convention(spec["hours_per_week"], spec["weeks_per_year"], spec["days_per_year"],
                      spec["months_per_year"], name, spec["default_period"])


CONVENTIONS: dict[str, Convention] = {
    **{code: _convention(code, _markets.convention(code)) for code in _markets.market_codes()},
    "default": _convention("default", _markets.default_convention()),
}

MARKET_CURRENCY = {code: _markets.currency_of(code) for code in _markets.market_codes()}
# The market of text in a script when nothing else tells (Chinese -> CN, Cyrillic -> RU),
# and its currency.
_ZH_MARKET, _RU_MARKET = _markets.language_market("zh"), _markets.language_market("ru")
_ZH_CURRENCY, _RU_CURRENCY = MARKET_CURRENCY[_ZH_MARKET], MARKET_CURRENCY[_RU_MARKET]


def _market_key(code: str | None) -> str | None:
    if not code:
        return None
    hit = _MARKET_CACHE.get(code)
    if hit is not None:
        return hit
    key = _market_lookup(code)
    if key is not None and len(_MARKET_CACHE) < 512:
        _MARKET_CACHE[code] = key
    return key


_MARKET_CACHE: dict[str, str] = {}


def _market_lookup(code: str) -> str | None:
    c = code.strip().upper()
    if c in CONVENTIONS:
        return c
    return _markets.market_of(c)


def convention_for(market_or_currency: str | None = None, **overrides: Any) -> Convention:
    """Convention of a market (``GB``, ``US``, ``RU``, ``CN``, ``EU`` or an EU
    country) or of a currency's home market (``GBP`` -> GB).

    Unknown codes get the ``default`` convention (2,080 h, 260 d, 52 wk).
    Keyword overrides replace fields: ``convention_for("GB", hours_per_week=37.5)``.
    To change a market for the whole process, assign to ``CONVENTIONS["GB"]``.
    """
    if isinstance(market_or_currency, Convention):
        conv = market_or_currency
    else:
        key = _market_key(market_or_currency) or "default"
        conv = CONVENTIONS.get(key, CONVENTIONS["default"])
    return replace(conv, **overrides) if overrides else conv


# --------------------------------------------------------------------------
# The mention
# --------------------------------------------------------------------------

_DICT_FIELDS = ("text", "start", "end", "low", "high", "currency", "period",
                "period_inferred", "component", "gross", "months_per_year", "masked",
                "implausible")
_DICT_VALUES = operator.attrgetter(*_DICT_FIELDS)


@dataclass(slots=True)
class SalaryMention:
    """One pay mention. Amounts are in ``currency`` per ``period``."""

    text: str
    start: int
    end: int
    low: float | None
    high: float | None
    currency: str | None
    period: str | None
    period_inferred: bool = False
    component: str = "unspecified"
    gross: bool | None = None
    months_per_year: int | None = None
    masked: bool = False
    # How the period was found: "written", "market" or "magnitude" (None when
    # there is no period). Kept off to_dict() to respect the store schema.
    period_basis: str | None = field(default=None, compare=False)
    market: str | None = field(default=None, compare=False)
    # True when the amount is outside the market's plausible pay for its period
    # (:data:`PLAUSIBLE_PAY`): the mention is kept, but never annualised or benchmarked.
    implausible: bool = False

    def to_dict(self) -> dict:
        return dict(zip(_DICT_FIELDS, _DICT_VALUES(self)))

    def annualise(self, convention: Convention | str | None = None) -> dict:
        """Annual low/high under ``convention`` (a Convention, a market or
        currency code, or None for this mention's own market)."""
        if isinstance(convention, Convention):
            conv = convention
        else:
            conv = convention_for(convention or self.market or self.currency)
        desc = conv.describe()
        if self.months_per_year and self.period == "month":
            desc += f"; {self.months_per_year} months' pay a year as stated"
        if self.period_basis == "market":
            desc += f"; period ({self.period}) inferred from the market convention"
        elif self.period_basis == "magnitude":
            desc += f"; period ({self.period}) inferred from the size of the figure"
        f = conv.factor(self.period, self.months_per_year) if self.period else None
        if f is None:
            return {"annual_low": None, "annual_high": None, "convention": desc}
        lo = None if self.low is None else round(self.low * f, 2)
        hi = None if self.high is None else round(self.high * f, 2)
        return {"annual_low": lo, "annual_high": hi, "convention": desc}
