"""What pay is plausible: each market's pay band per period, the period a figure with no
written period takes (market convention, else its size), and currencies read as the
market's own ("руб." in Belarus).
"""

from __future__ import annotations

from .. import markets as _markets
from .model import CONVENTIONS, MARKET_CURRENCY

# Plausible pay per period in each market's own currency: (lowest, highest). A figure
# outside its band stays a mention, marked ``implausible``, and never enters a benchmark
# ("150 000 тысяч" read as 150 million roubles a month, "$10 million" a year). Other
# currencies use the US band scaled by the currency's ``usd_scale``.
PLAUSIBLE_PAY: dict[str, dict[str, tuple[float, float]]] = {
    code: _markets.plausible(code) for code in _markets.market_codes()}  # type: ignore[misc]
# Markets whose own band judges a figure with no written period ("400 руб." part-time in
# Belarus is a month's pay).
_OWN_BAND_MARKETS = frozenset(code for code in _markets.market_codes()
                              if _markets.market(code).own_band_for_unwritten_period)
# Rough units of a currency per US dollar, used only to judge whether a figure is
# plausible for a period (never to convert money).
_SCALE = _markets.usd_scales()
# Currencies of no market here with a band of their own (the tenge): it judges their figures.
_CURRENCY_BANDS = _markets.currency_plausible()
# Markets where a large figure with no written period is a year's pay (India's lakhs).
_ANNUAL_FROM = _markets.annual_from()
_USD_MARKET = _markets.market_of("USD")  # its band, scaled, judges currencies of no market here
# Markets whose postings mean their own currency by another currency's words ("руб." in
# Belarus), with the signs that keep the other currency ("₽").
_OWN_WORDS = _markets.own_words_markets()

# Plausible pay per period in US-dollar-like units (see _SCALE).
_BANDS = {"hour": (3.0, 600.0), "day": (20.0, 4000.0), "week": (100.0, 15000.0),
          "month": (250.0, 45000.0), "year": (4000.0, 5e6)}


def _by_magnitude(v_usd: float) -> str:
    if v_usd < 100:
        return "hour"
    if v_usd < 700:
        return "day"
    if v_usd < 15000:
        return "month"
    return "year"


# Parts of pay that are not a wage: their size says nothing of their period.
_PART_COMPONENTS = frozenset({"bonus", "commission", "allowance"})


def _default_band(period: str, cur, market, scale: float) -> tuple[float, float]:
    """The pay band a figure with no written period is judged by, in its own currency:
    the market's plausible band when the figure is in the market's currency ("400 руб."
    in Belarus is a month's part-time pay), the currency's own band for a currency of no
    market here that states one (tenge), else the US-dollar-like wage band scaled."""
    band = PLAUSIBLE_PAY.get(market or "")
    if band is not None and MARKET_CURRENCY.get(market) == cur and market in _OWN_BAND_MARKETS:
        return band[period]
    own = _CURRENCY_BANDS.get(cur)
    if own is not None:
        return own[period]
    lo_b, hi_b = _BANDS[period]
    return lo_b * scale, hi_b * scale


def _settle_period(period, cur, market, v, mpy, pay_context, component=None, in_wan=False,
                   lowest=None):
    """(period, basis) for a figure, or (None, None) when it is not pay.

    A bonus, commission or allowance with no written period takes the market's
    convention: the wage bands would read "bonus £500" as £500 a day.

    ``lowest``: the low end of a range (``v`` is its high end), judged against a market's
    ``annual_from`` (India: "₹ 3,00,000" is a year's pay, "₹80,000 - 1,20,000" a month's).

    ``in_wan``: the figure is written in 万. "薪资：20-30万" states no period, and sums
    written in 万 are a year's pay (a month's is written in K or 元): a sum of 100,000
    or more that the convention made monthly is read as a year's, unless a months'
    count ("·13薪") says it is a month's pay. Judged on the top of a range, so "6-9万"
    stays monthly.
    """
    conv = CONVENTIONS.get(market or "default", CONVENTIONS["default"])
    basis = "written"
    scale = _SCALE.get(cur, 1.0)
    if period is None:
        period = conv.default_period
        basis = "market"
        if v is not None and component not in _PART_COMPONENTS:
            lo_b, hi_b = _default_band(period, cur, market, scale)
            if not (lo_b <= v <= hi_b):
                period = _by_magnitude(v / scale)
                basis = "magnitude"
                # Tiny sums with no pay word are fees or rewards, not wages
                # ("от 500 ₽ до 1000 ₽" for taking part in a study).
                if v / scale < 40 and not pay_context:
                    return None, None
    # A figure above a few million dollars a year is no wage: it is kept only with pay
    # evidence, and then marked implausible (_implausible).
    if in_wan and basis == "market" and period == "month" and mpy is None and v is not None and v >= 1e5:
        return "year", "magnitude"
    if basis == "market" and market in _ANNUAL_FROM and v is not None and _annual_sized(
            lowest if lowest is not None else v, cur, market, component):
        return "year", "market"
    return period, basis


def _annual_sized(v, cur, market, component) -> bool:
    """Is a figure in the market's own currency, with no written period, large enough that
    the market's ads mean a year's pay (``annual_from``)?"""
    return (v >= _ANNUAL_FROM[market] and cur == MARKET_CURRENCY.get(market)
            and component not in _PART_COMPONENTS)


def _local_rouble(cur: str | None, mkey: str | None, lw: str, start: int, end: int) -> str | None:
    """"руб." or "р." in a Belarusian posting is the Belarusian rouble (not "₽"): another
    currency's words in a market that reads them as its own (``reads_as_own``)."""
    signs = _OWN_WORDS.get(mkey, {}).get(cur)  # type: ignore[arg-type]
    if signs is not None and not any(sign in lw[start:end] for sign in signs):
        return MARKET_CURRENCY[mkey]  # type: ignore[index]
    return cur


def _implausible(low, high, period, cur, market, mpy=None, component=None) -> bool:
    """Is the amount outside the plausible pay of ``market`` for ``period``?

    A figure in another currency than the market's is judged by the US band scaled to
    that currency (``_SCALE``); a bonus, commission or allowance (a part of pay) by none."""
    if period is None or component in _PART_COMPONENTS:
        return False
    key = (market, cur, period)
    band = _BAND_CACHE.get(key)
    if band is None:
        band = _plausible_band(market, cur, period)
        if len(_BAND_CACHE) < 512:
            _BAND_CACHE[key] = band
    lo_b, hi_b = band
    if mpy and mpy > 12 and period == "month":
        hi_b *= 1.5  # "·16薪" states the months, the monthly sum may be high
    v_lo = low if low is not None else high
    v_hi = high if high is not None else low
    return v_lo is not None and (v_lo < lo_b or v_hi > hi_b)


_BAND_CACHE: dict[tuple, tuple[float, float]] = {}


def _plausible_band(market, cur, period) -> tuple[float, float]:
    bands = PLAUSIBLE_PAY.get(market or "")
    if bands is not None and MARKET_CURRENCY.get(market) == cur:
        return bands[period]
    own = _CURRENCY_BANDS.get(cur)
    if own is not None:
        return own[period]
    scale = _SCALE.get(cur, 1.0)
    lo_b, hi_b = PLAUSIBLE_PAY[_USD_MARKET][period]  # type: ignore[index]
    return lo_b * scale, hi_b * scale
