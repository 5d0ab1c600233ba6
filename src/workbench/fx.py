"""Currency conversion with the ECB reference-rate history, offline.

The rates come from the full ECB history file shipped inside the
``currencyconverter`` package (``eurofxref-hist.zip``); nothing is fetched.
The converter is built once, on first use, and cached for the process.

Missing rates are never silent:

* weekends and holidays have no ECB fixing; the last fixing on or before the
  date (at most 7 days back) is used and its date is reported in
  ``rate_date`` without a warning (this is how ECB rates are normally read);
* when a currency has no rate near the date (RUB stops on 2022-03-01, dates
  outside the history) the nearest date on which both currencies have a
  rate is used, ``rate_date`` says which, and a ``UserWarning`` is emitted
  whose text is also returned in ``Conversion.warning``;
* an unknown currency raises :class:`workbench.errors.CurrencyError`.

Money is converted once, where it is read: the store keeps each pay mention in its own
currency, and :func:`rates` gives the rate of every (currency, date) of a column at once,
looking each distinct pair up one time.

Currencies the ECB does not publish are converted through EUR with a table of
their own (``workbench/data/byn_rates.csv``: the Belarusian rouble, BYN, at the
National Bank of Belarus's monthly average): the month's rate, or the nearest
listed month with a warning, times the ECB's EUR rate of the date.
"""

from __future__ import annotations

import bisect
import datetime as dt
import threading
import warnings
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

from workbench.errors import CurrencyError

__all__ = ["Conversion", "convert", "latest_rate_date", "known_currencies", "rates"]

# A weekend plus a holiday run is the longest normal gap between fixings.
_NORMAL_GAP_DAYS = 7

_lock = threading.Lock()
_converter = None


@dataclass(frozen=True)
class Conversion:
    """Result of :func:`convert`: ``value`` in the target currency, the
    ``rate`` applied (target units per source unit), the ECB ``rate_date``
    used, and a ``warning`` string when that date is not the requested one
    for a reason other than a weekend or holiday."""

    value: float
    rate: float
    rate_date: dt.date
    warning: str | None = None


def _history_file() -> str:
    return str(resources.files("currency_converter") / "eurofxref-hist.zip")


def _get_converter():
    global _converter
    if _converter is None:
        with _lock:
            if _converter is None:
                from currency_converter import CurrencyConverter

                _converter = CurrencyConverter(
                    _history_file(), fallback_on_wrong_date=False,
                    fallback_on_missing_rate=False)
    return _converter


@lru_cache(maxsize=None)
def _dates_with_rate(currency: str) -> tuple[dt.date, ...]:
    """Sorted dates on which the ECB published a rate for ``currency``.

    The package offers no public listing, so this reads its rate table; the
    reference currency (EUR) has a rate on every fixing date of any currency.
    """
    c = _get_converter()
    if currency == c.ref_currency:
        days: set[dt.date] = set()
        for rates in c._rates.values():
            days.update(d for d, r in rates.items() if r is not None)
        return tuple(sorted(days))
    return tuple(sorted(d for d, r in c._rates[currency].items() if r is not None))


@lru_cache(maxsize=None)
def _common_dates(a: str, b: str) -> tuple[dt.date, ...]:
    if a == b:
        return _dates_with_rate(a)
    sa, sb = _dates_with_rate(a), _dates_with_rate(b)
    if a == "EUR":
        return sb
    if b == "EUR":
        return sa
    common = set(sa).intersection(sb)
    return tuple(sorted(common))


def known_currencies() -> frozenset[str]:
    """ISO codes the shipped history knows (and those of the extra monthly tables)."""
    return frozenset(_get_converter().currencies) | frozenset(_monthly_tables())


@lru_cache(maxsize=1)
def _monthly_tables() -> dict[str, tuple[tuple[dt.date, float], ...]]:
    """``{currency: ((first day of month, units per EUR), ...)}`` for currencies the ECB
    does not publish (``data/byn_rates.csv``), sorted by month."""
    from workbench.config import PACKAGE_DATA

    rows = []
    with (PACKAGE_DATA / "byn_rates.csv").open(encoding="utf-8") as handle:
        for line in handle:
            if line.startswith("#") or line.startswith("month") or not line.strip():
                continue
            month, rate = line.strip().split(",")
            rows.append((dt.date.fromisoformat(month + "-01"), float(rate)))
    return {"BYN": tuple(sorted(rows))}


def _per_eur(currency: str, want: dt.date) -> tuple[float, dt.date, str | None]:
    """Units of a monthly-table currency per EUR for ``want``'s month (or the nearest month)."""
    table = _monthly_tables()[currency]
    month = want.replace(day=1)
    months = [m for m, _ in table]
    k = bisect.bisect_left(months, month)
    if k < len(months) and months[k] == month:
        return table[k][1], month, None
    near = min((i for i in (k - 1, k) if 0 <= i < len(months)),
               key=lambda i: abs((months[i] - month).days))
    use = months[near]
    warning = (f"No {currency} rate for {month:%Y-%m}; used the average of {use:%Y-%m} "
               f"({abs((use - month).days)} days away), the nearest month in the table. "
               "Check that this is acceptable.")
    return table[near][1], use, warning


def _convert_monthly(amount: float, a: str, b: str, want: dt.date) -> Conversion:
    """Convert when ``a`` or ``b`` is a monthly-table currency: through EUR."""
    tables = _monthly_tables()
    rate, rate_date, notes = 1.0, want, []
    if a in tables:
        per_eur, rate_date, note = _per_eur(a, want)
        rate /= per_eur
        notes.append(note)
        a = "EUR"
    if b in tables:
        per_eur, rate_date, note = _per_eur(b, want)
        rate *= per_eur
        notes.append(note)
        b = "EUR"
    if a != b:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            leg = convert(1.0, a, b, want)
        rate *= leg.rate
        notes.append(leg.warning)
    warning = " ".join(n for n in notes if n) or None
    if warning:
        warnings.warn(warning, UserWarning, stacklevel=3)
    return Conversion(float(amount) * rate, rate, rate_date, warning)


def latest_rate_date() -> dt.date:
    """Last date in the shipped ECB history (any currency)."""
    return _dates_with_rate("EUR")[-1]


def _check(code: str) -> str:
    if not isinstance(code, str) or not code.strip():
        raise CurrencyError(
            f"Currency code {code!r} is empty; pass an ISO 4217 code such as 'GBP'.")
    c = code.strip().upper()
    known = known_currencies()
    if c not in known:
        raise CurrencyError(
            f"Unknown currency {code!r}: the ECB history has no rates for it. "
            f"Use one of {', '.join(sorted(known))}, or convert it yourself "
            "before loading.")
    return c


def _as_date(on_date) -> dt.date | None:
    if on_date is None:
        return None
    if isinstance(on_date, dt.datetime):
        return on_date.date()
    if isinstance(on_date, dt.date):
        return on_date
    if isinstance(on_date, str):
        try:
            return dt.date.fromisoformat(on_date[:10])
        except ValueError as exc:
            raise CurrencyError(
                f"Date {on_date!r} is not an ISO date; write it as YYYY-MM-DD.") from exc
    raise CurrencyError(f"Date {on_date!r} should be a date or a YYYY-MM-DD string.")


def _pick_date(days: tuple[dt.date, ...], want: dt.date) -> tuple[dt.date, bool]:
    """Date to use for ``want`` and whether the choice is a normal one."""
    k = bisect.bisect_right(days, want)
    if k > 0 and (want - days[k - 1]).days <= _NORMAL_GAP_DAYS:
        return days[k - 1], True
    candidates = []
    if k > 0:
        candidates.append(days[k - 1])
    if k < len(days):
        candidates.append(days[k])
    best = min(candidates, key=lambda d: abs((d - want).days))
    return best, False


def convert(amount: float, from_ccy: str, to_ccy: str, on_date=None) -> Conversion:
    """Convert ``amount`` from ``from_ccy`` to ``to_ccy`` at the ECB rate of
    ``on_date`` (a date or ISO string; None means the latest date in the
    data). See the module docstring for how missing rates are handled."""
    a, b = _check(from_ccy), _check(to_ccy)
    want = _as_date(on_date) or latest_rate_date()
    if a == b:
        return Conversion(float(amount), 1.0, want, None)
    if a in _monthly_tables() or b in _monthly_tables():
        return _convert_monthly(amount, a, b, want)
    days = _common_dates(a, b)
    if not days:
        raise CurrencyError(
            f"{a} and {b} never have an ECB rate on the same day; convert through EUR "
            "on two separate dates instead.")
    use, normal = _pick_date(days, want)
    c = _get_converter()
    value = c.convert(amount, a, b, date=use)
    rate = c.convert(1.0, a, b, date=use)
    warning = None
    if not normal:
        warning = (
            f"No ECB rate for {a}->{b} on {want.isoformat()}; used the nearest "
            f"available date {use.isoformat()} "
            f"({abs((use - want).days)} days away). Check that this is acceptable "
            "or pass a date inside the history.")
        warnings.warn(warning, UserWarning, stacklevel=2)
    return Conversion(float(value), float(rate), use, warning)


def rates(from_ccy, on_date, to_ccy: str):
    """The rate of each row's ``from_ccy`` into ``to_ccy`` on its ``on_date``, vectorised.

    ``from_ccy`` and ``on_date`` are equal-length sequences (or Series; the result keeps
    a Series' index); a date is an ISO string, a date, or missing for the latest rate.
    Each distinct (currency, date) pair is converted once with :func:`convert`, then
    mapped back to its rows; rows already in ``to_ccy`` get rate 1 and their own date.
    Returns a DataFrame with ``rate`` (target units per source
    unit; NaN where the row has no currency or the pair has no rate), ``rate_date`` (ISO
    date of the rate used) and ``warning`` (the fallback note of :func:`convert`, or why
    there is no rate). A bad row never stops the others; an unknown ``to_ccy`` raises
    :class:`~workbench.errors.CurrencyError` naming the known ones.
    """
    import numpy as np
    import pandas as pd

    target = str(to_ccy).strip().upper()
    index = from_ccy.index if isinstance(from_ccy, pd.Series) else None
    ccy = pd.Series(from_ccy, dtype="object").reset_index(drop=True)
    day = pd.Series(on_date, dtype="object").reset_index(drop=True)
    if len(ccy) != len(day):
        raise ValueError(f"rates: {len(ccy)} currencies but {len(day)} dates")
    ccy = ccy.where(ccy.notna(), "").astype("str").str.strip().str.upper()
    day = day.where(day.notna(), "").astype("str").str.slice(0, 10)
    ccy_codes, ccy_values = pd.factorize(ccy)
    if any(c and c != target for c in ccy_values):
        _check(target)  # an unknown target is the caller's error: raise, naming the known ones
    day_codes, day_values = pd.factorize(day)
    pair_codes, inverse = np.unique(ccy_codes.astype("int64") * (len(day_values) + 1) + day_codes,
                                    return_inverse=True)
    found = [_pair_rate(ccy_values[c // (len(day_values) + 1)], day_values[c % (len(day_values) + 1)], target)
             for c in pair_codes]
    rate = np.array([f[0] for f in found], dtype="float64")[inverse] if found else np.empty(0)
    rate_date = pd.array([f[1] for f in found], dtype="str")[inverse] if found else pd.array([], dtype="str")
    warning = pd.array([f[2] for f in found], dtype="str")[inverse] if found else pd.array([], dtype="str")
    return pd.DataFrame({"rate": rate, "rate_date": rate_date, "warning": warning},
                        index=index if index is not None else None)


def _pair_rate(ccy: str, day: str, target: str) -> tuple[float, str | None, str | None]:
    """(rate, ISO rate date, warning) of one pair; NaN with the reason when it has no rate."""
    if not ccy:
        return float("nan"), None, None
    if ccy == target:
        return 1.0, day or None, None  # nothing converted: no rate looked up (and no history loaded)
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")  # the note is returned with the rate instead
            conv = convert(1.0, ccy, target, day or None)
    except CurrencyError as exc:
        return float("nan"), None, f"no rate, left out: {exc}"
    return conv.rate, conv.rate_date.isoformat(), conv.warning
