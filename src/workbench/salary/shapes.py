"""Readers for the commonest shapes of a short salary field, tried at ``parse_salary``'s entry.

A salary field such as "£35,000 - £45,000 per annum", "29-46k·16薪" or "от 81 000 до
133 000 ₽ на руки" is read here by one small compiled pattern whose groups map straight to
the mention, with a few table look-ups (currency of a sign, market of a currency, the
plausible band of a period) instead of the fast path's large pattern and the Python around
it (:func:`workbench.salary.fields._fast_field`). The readers accept a narrow subset of what
the fast path accepts (ASCII digits; a handful of currency signs, words, multipliers, period
and gross/net words; no joined components or trailing words) and give exactly what it gives:
every rule of the fast path that can apply to these shapes is applied here in the same order,
and a field the fast path would hand to the scanner (a leading zero, 401(k), a bare year, a
reversed range, an implausible figure without a pay word) is handed back (``None``) so the
general engine decides. ``tests/test_salary_shapes.py`` compares both, field by field, on every
labelled salary and pay-field string and on the corpora's pay fields.

Nothing here remembers a string: the tables are built once at import from the same
vocabulary the engine uses (and checked against its patterns there), so a first call costs
what every call costs.
"""

from __future__ import annotations

import re

from .. import markets as _markets
from .model import (
    _RU_MARKET,
    _ZH_MARKET,
    MARKET_CURRENCY,
    _market_key,
    _market_lookup,
)
from .numbers import _CSUF, _MULT, _currency_of, _mult_of, _shared_thousands
from .patterns import _CJK, _CYR, _EST, _GROSS_NET, _PERIODS
from .plausible import _OWN_WORDS, _implausible, _plausible_band, _settle_period

# ---- the vocabulary: each word with what the engine reads it as (checked below) -------

# Currency written before the amount (as the fast path's prefix group holds it).
_PREFIXES = ("£", "$", "€", "usd ", "eur ", "gbp ")
# Currency written after the amount (one optional space before it).
_SUFFIXES = ("€", "₽", "元", "$", "руб.", "руб", "рублей", "р.", "долларов", "евро", "usd", "eur")
# Multipliers, as the amount's multiplier group holds them.
_MULTS = ("k", " тыс.", "тыс.", "万", "千")
# Written periods, each with the period the engine reads.
_PERIOD_WORDS = {
    "year": ("per annum", "pa", "p.a.", "a year", "per year", "annually", "/annum", "/year",
             "/yr", "per yr", "yearly", "в год", "/年", "每年"),
    "month": ("per month", "pcm", "per calendar month", "a month", "/month", "monthly", "в месяц",
              "/мес", "/мес.", "/月", "每月"),
    "week": ("per week", "pw", "weekly", "/week", "a week", "в неделю", "/周"),
    "day": ("per day", "/day", "a day", "в день", "/天", "/日", "每天"),
    "hour": ("per hour", "an hour", "/hr", "ph", "p/h", "/hour", "hourly", "в час", "/时",
             "/小时", "每小时"),
}
# Gross and net words.
_GROSS_WORDS = ("gross", "brutto", "до вычета налогов", "до вычета ндфл", "税前")
_NET_WORDS = ("net", "netto", "на руки", "税后")
# Pay words and limit words that may open the field.
_PAY_WORDS = ("salary", "employer provided salary", "зарплата", "з/п", "доход", "月薪", "年薪")
_LIMIT_WORDS = ("up to", "from", "starting at", "от", "до", "около", "about", "around")
_UP_TO = frozenset({"up to", "до", "do", "to"})
_FROM = frozenset({"from", "от", "od", "starting at"})


def _alt(words) -> str:
    """An alternation of literal words, longest first (so a prefix never wins over a word)."""
    return "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))


# ---- the pattern --------------------------------------------------------------------

# Numbers: thousands by comma ("45,000", "45,000.50"), by a space of any width ("45 000"), or
# plain digits with at most two decimals ("45000", "16.75"). "6.600" (a dot grouping) and
# decimal commas are left to the engine.
_N = (r"[0-9]{1,3}(?:,[0-9]{3})+(?:\.[0-9]+)?"
      r"|[0-9]{1,3}(?:[ \u00a0\u2009\u202f][0-9]{3})+"
      r"|[0-9]+(?:\.[0-9]{1,2})?")


def _amount(x: str) -> str:
    return (rf"(?:(?P<{x}c>{_alt(_PREFIXES)}))?(?P<{x}>{_N})(?P<{x}m>{_alt(_MULTS)})?"
            rf"(?:[ \u00a0]?(?P<{x}s>{_alt(_SUFFIXES)}))?")


_ALL_PERIOD_WORDS = [w for words in _PERIOD_WORDS.values() for w in words]
_SHAPE = re.compile(
    # Every part is an atomic group, as in the fast path's pattern: a part once matched is
    # never re-split, so a field of another shape fails at once.
    rf"(?>(?:(?P<pay>{_alt(_PAY_WORDS)})[ :]*)?)"
    rf"(?>(?:(?P<lim>{_alt(_LIMIT_WORDS)}) )?)"
    + r"(?>" + _amount("a") + r")"
    + r"(?>(?:(?: ?[-–—] ?|-|~|至|到| to | до )" + _amount("b") + r")?)"
    r"(?P<plus>\+)?"
    r"(?>(?:·(?P<mpy>1[2-9]|2[0-4])薪)?)"
    rf"(?>(?: ?(?P<gn1>{_alt(_GROSS_WORDS + _NET_WORDS)}))?)"
    rf"(?>(?: ?(?P<per>{_alt(_ALL_PERIOD_WORDS)}))?)"
    rf"(?>(?: ?(?P<gn2>{_alt(_GROSS_WORDS + _NET_WORDS)}))?)"
    r"(?: ?(?P<est>\((?:glassdoor|employer) est\.\)))?"
)
_NAMES = ("pay", "lim", "ac", "a", "am", "as", "bc", "b", "bm", "bs", "plus", "mpy", "gn1",
          "per", "gn2", "est")
if sorted(_SHAPE.groupindex, key=_SHAPE.groupindex.get) != list(_NAMES):
    raise RuntimeError("shapes._SHAPE's groups changed: read() unpacks them by position")

# ---- tables built at import, each checked against the engine's own patterns ----------

_PERIOD_OF = {w: p for p, words in _PERIOD_WORDS.items() for w in words}
_GROSS_OF = {**{w: True for w in _GROSS_WORDS}, **{w: False for w in _NET_WORDS}}
_CODE_OF = {m: _currency_of(m) for m in (*_PREFIXES, *_SUFFIXES)}
_MULT_OF = {m: _mult_of(m) for m in _MULTS}
_MARKET_OF = {c: _market_lookup(c) for c in set(_CODE_OF.values()) if c}
_PERIODS_LIST = tuple(_PERIOD_WORDS)
_BAND_OF = {(mk, c, p): _plausible_band(mk, c, p)
            for c in _MARKET_OF for mk in {_MARKET_OF[c], _ZH_MARKET, _RU_MARKET, None}
            for p in _PERIODS_LIST}
_SCRIPT_CURRENCY = {_ZH_MARKET: MARKET_CURRENCY[_ZH_MARKET], _RU_MARKET: MARKET_CURRENCY[_RU_MARKET]}


def _check_vocabulary() -> None:
    """Refuse a word the engine reads otherwise (its patterns are the reference)."""
    periods = re.compile(_PERIODS)
    for word, period in _PERIOD_OF.items():
        m = periods.fullmatch(word)
        if m is None or m.lastgroup != period:
            raise RuntimeError(f"shapes: the engine does not read {word!r} as {period}")
    gross_net = re.compile(_GROSS_NET)
    for word, gross in _GROSS_OF.items():
        m = gross_net.fullmatch(word)
        if m is None or (m.lastgroup == "gross") != gross:
            raise RuntimeError(f"shapes: the engine does not read {word!r} as gross={gross}")
    suffix, mult = re.compile(_CSUF), re.compile(_MULT)
    for word in _SUFFIXES:
        if suffix.fullmatch(word) is None or _CODE_OF[word] is None:
            raise RuntimeError(f"shapes: the engine does not read {word!r} as a currency")
    for word in _MULTS:
        if mult.fullmatch(word) is None:
            raise RuntimeError(f"shapes: the engine does not read {word!r} as a multiplier")
    est = re.compile(_EST)
    for word in ("(glassdoor est.)", "(employer est.)"):
        if est.fullmatch(word) is None:
            raise RuntimeError(f"shapes: the engine does not read {word!r} as an estimate")
    prefix = re.compile(_markets.fast_prefix_pattern())
    for word in _PREFIXES:
        if prefix.fullmatch(word) is None or _CODE_OF[word] is None:
            raise RuntimeError(f"shapes: the fast path does not read {word!r} as a currency")


_check_vocabulary()

_DROP = str.maketrans("", "", ", \u00a0\u2009\u202f")


def _value(raw: str) -> float:
    """The number of a matched amount ("45,000", "45 000", "16.75")."""
    return float(raw) if raw.isdigit() else float(raw.translate(_DROP))


def _odd(raw: str, v: float) -> bool:
    """A leading zero ("07700") or 401(k)/403(b): the engine's rules decide."""
    return (len(raw) > 1 and raw[0] == "0" and raw[1].isdigit()) or v == 401.0 or v == 403.0


def _amounts(a_raw: str, am, b_raw, bm, a_cur, b_cur):
    """``(low, high, mult_a, mult_b, a)`` as the fast path reads them, or None where it hands
    the field to the scanner (a leading zero, 401(k), a reversed range, a zero)."""
    a = _value(a_raw)
    if _odd(a_raw, a):
        return None
    ma = _MULT_OF[am] if am else None
    mb = None
    if b_raw is not None:
        b = _value(b_raw)
        if len(b_raw) > 1 and b_raw[0] == "0" and b_raw[1].isdigit():
            return None
        mb = _MULT_OF[bm] if bm else None
        if ma is None and mb is not None and a <= b:
            ma = mb
        elif ma is None and mb is None and not (a_cur and b_cur):
            a = _shared_thousands(a, b)
        low, high = a * (ma or 1.0), b * (mb or 1.0)
        if low > high:
            return None
    else:
        low = high = a * (ma or 1.0)
    if high <= 0:
        return None  # "0", "0.00": a board's placeholder (the scanner says so)
    return low, high, ma, mb, a


def _bare_is_pay(a_raw: str, a: float, ma, lim, pay, written: bool, told: bool) -> bool:
    """The fast path's rules for a figure with no currency: a bare year is no pay, and a
    bare limit ("up to 45") needs a period, an estimate, a pay word or gross/net."""
    if (ma is None and 1900 <= a <= 2100 and a.is_integer() and not written and not pay
            and "," not in a_raw and a_raw.replace(".", "", 1).isdigit()):
        return False
    return told or not lim


def _market(lw: str, cur, mkey):
    """(currency, market): the caller's market, else the currency's, else the script of the
    field (Chinese -> CN, Cyrillic -> RU), which gives the currency when none is known."""
    if mkey:
        return cur, mkey
    market = _MARKET_OF.get(cur) if cur in _MARKET_OF else _market_key(cur)
    if market is not None:
        return cur, market
    script = _ZH_MARKET if _CJK.search(lw) else _RU_MARKET if _CYR.search(lw) else None
    if cur is None and script:
        cur = _SCRIPT_CURRENCY[script]
    return cur, script


def _is_implausible(low, high, period: str, cur, market, mpy) -> bool:
    """:func:`workbench.salary.plausible._implausible`, with the band from the import table."""
    band = _BAND_OF.get((market, cur, period))
    if band is None:
        return _implausible(low, high, period, cur, market, mpy)
    lo_b, hi_b = band
    if mpy and mpy > 12 and period == "month":
        hi_b *= 1.5
    v_lo = low if low is not None else high
    v_hi = high if high is not None else low
    return v_lo is not None and (v_lo < lo_b or v_hi > hi_b)


def read(text: str, default_cur: str | None = None, mkey: str | None = None) -> tuple | None:
    """The one mention of a short salary field of a common shape, as the tuple of a
    :class:`~workbench.salary.model.SalaryMention`'s fields in order; None when the field
    has another shape or a rule of the engine must decide (then ``parse_salary`` runs the
    general engine).

    ``default_cur`` and ``mkey`` are the caller's currency (upper case) and market key, as
    the engine derives them from ``parse_salary``'s arguments.
    """
    lw = text.lower()
    if len(lw) != len(text) or lw[0] == " " or lw[-1] == " " or mkey in _OWN_WORDS:
        return None
    m = _SHAPE.fullmatch(lw)
    if m is None:
        return None
    pay, lim, ac, a_raw, am, as_, bc, b_raw, bm, bs, plus, mpy, gn1, per, gn2, est = m.groups()
    amounts = _amounts(a_raw, am, b_raw, bm, ac or as_, bc or bs)
    if amounts is None or (gn1 and gn2):
        return None
    low, high, ma, mb, a = amounts
    period = _PERIOD_OF[per] if per else None
    if pay == "月薪" or pay == "年薪":
        if period is not None:
            return None
        period = "month" if pay == "月薪" else "year"
    gross = _GROSS_OF[gn1 or gn2] if (gn1 or gn2) else None
    mpy = int(mpy) if mpy else None
    written = period is not None
    marker = ac or as_ or bc or bs
    if marker is not None:
        cur = _CODE_OF[marker]
    elif _bare_is_pay(a_raw, a, ma, lim, pay, written,
                      bool(written or est or pay or gross is not None or mpy is not None)):
        cur = default_cur
    else:
        return None
    cur, market = _market(lw, cur, mkey)
    if written:
        basis = "written"
    else:
        period, basis = _settle_period(None, cur, market, high, mpy, True,
                                       in_wan=ma == 1e4 or mb == 1e4)
        if period is None:
            return None
    if b_raw is None:
        if lim in _UP_TO:
            low = None
        elif lim in _FROM or plus:
            high = None
    implausible = _is_implausible(low, high, period, cur, market, mpy)
    if implausible and not (pay or written):
        return None
    return (text, 0, len(text), low, high, cur, period, not written, "unspecified", gross, mpy,
            False, basis, market, implausible)
