"""How figures are written on a recruiter page: money with its symbol, shares as %, counts.

One rule for every page, stated here and in the pages' glossary:

* **money** is rounded to three significant figures (``37,350`` -> ``£37,400``;
  ``1,234,567`` roubles -> ``₽1,230,000``) and written with the currency's symbol by
  babel's CLDR data, never its code before the figure; a currency whose English
  symbol is its code is written with the symbol of its own country (``RUB`` -> ``₽``),
  or, failing that, with the code after the figure (``37,400 XYZ``);
* a **share** (a fraction, 0.25) and a **percent** (already in percent, 25.0) are
  written ``25%``, to whole percent;
* a **count** is a whole number with thousands separators.

Missing values are "–".
"""

from __future__ import annotations

import math
from decimal import ROUND_HALF_UP, Decimal
from functools import lru_cache
from typing import Any

__all__ = ["MONEY_RULE", "SIGNIFICANT", "count", "missing", "money", "percent", "round_money", "share",
           "symbol_for"]

SIGNIFICANT = 3
MONEY_RULE = "Pay is rounded to three significant figures (37,350 is shown as 37,400)."
_LOCALE = "en"
MISSING = "–"


def missing(value: Any) -> bool:
    """True for None, NaN, NA and anything that is not a number."""
    try:
        v = float(value)
    except (TypeError, ValueError):
        return True
    return math.isnan(v) or math.isinf(v)


def round_money(value: float, significant: int = SIGNIFICANT) -> int:
    """``value`` rounded half up to ``significant`` figures, as a whole number (below 100: to 1)."""
    v = Decimal(str(float(value)))
    if v == 0:
        return 0
    exponent = v.copy_abs().adjusted() - (significant - 1)
    quantum = Decimal(1).scaleb(max(exponent, 0))
    return int((v / quantum).quantize(Decimal(1), rounding=ROUND_HALF_UP) * quantum)


@lru_cache(maxsize=64)
def symbol_for(currency: str) -> tuple[str, bool]:
    """(symbol, before): the symbol to write ``currency`` with, and whether it goes before
    the figure. The code itself goes after the figure when no locale has a symbol for it."""
    from babel import Locale
    from babel.numbers import get_currency_symbol

    code = str(currency).upper()
    symbol = get_currency_symbol(code, _LOCALE)
    if symbol != code:
        return symbol, True
    try:
        home = Locale.parse(f"und_{code[:2]}")
        symbol = get_currency_symbol(code, home)
    except Exception:  # noqa: BLE001 - an unknown territory: fall back to the code
        symbol = code
    return (symbol, True) if symbol != code else (code, False)


def money(value: Any, currency: str | None = None, *, rounded: bool = True) -> str:
    """``37350, "GBP"`` -> ``"£37,400"`` (rule in the module docstring); no currency: ``"37,400"``."""
    if missing(value):
        return MISSING
    v = round_money(float(value)) if rounded else int(round(float(value)))
    figure = f"{abs(v):,}"
    sign = "−" if v < 0 else ""
    if not currency:
        return f"{sign}{figure}"
    symbol, before = symbol_for(str(currency))
    return f"{sign}{symbol}{figure}" if before else f"{sign}{figure} {symbol}"


def share(value: Any, decimals: int = 0) -> str:
    """A fraction as a percent: ``0.25`` -> ``"25%"``."""
    if missing(value):
        return MISSING
    return f"{float(value) * 100:.{decimals}f}%"


def percent(value: Any, decimals: int = 0) -> str:
    """A value already in percent: ``25.0`` -> ``"25%"``."""
    if missing(value):
        return MISSING
    return f"{float(value):.{decimals}f}%"


def count(value: Any) -> str:
    """A whole number with thousands separators: ``1234`` -> ``"1,234"``."""
    if missing(value):
        return MISSING
    return f"{int(round(float(value))):,}"
