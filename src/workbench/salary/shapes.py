"""Readers for the commonest shapes of a short salary field, tried at ``parse_salary``'s entry.

Two readers, each a small compiled pattern whose groups map straight to the mentions, with a
few table look-ups (currency of a sign, market of a currency, the plausible band of a period):

* one figure or range with its currency, limit, multiplier, months' count, gross/net, period
  and estimate words, and components joined on or "DOE" after it ("£35,000 - £45,000 per
  annum", "29-46k·16薪", "от 81 000 до 133 000 ₽ на руки", "£42k-£57k + bonus"): what the fast
  path's large pattern and the Python around it give (:func:`workbench.salary.fields._fast_field`);
* a base and an OTE figure, each named by its component word ("£40k basic + £70k OTE",
  "Basic £64k, OTE £84k", "Оклад 135 000 ₽ + премия"): what the scanner gives.

The readers accept a narrow subset of those shapes (ASCII digits; a handful of currency
signs, words, multipliers, period and gross/net words) and give exactly what the engine
gives: every rule of the engine that can apply to these shapes is applied here in the same
order, and a field the engine's rules must decide (a leading zero, 401(k), a bare year, a
reversed range, an implausible figure without a pay word, a one-off payment word, Reed's
", OTE" flag) is handed back (``None``) so the general engine runs.
``tests/test_salary_shapes.py`` compares both, field by field, on every labelled string and
on the corpora's pay fields.

Nothing here remembers a string: the tables are built once at import from the same
vocabulary the engine uses (and checked against its patterns there), so a first call costs
what every call costs.
"""

from __future__ import annotations

import dataclasses
import operator
import re
from typing import Final

from .. import markets as _markets
from .fields import _FAST_IGNORE
from .model import (
    _RU_MARKET,
    _ZH_MARKET,
    MARKET_CURRENCY,
    SalaryMention,
    _market_key,
    _market_lookup,
)
from .model import CONVENTIONS as _CONVENTIONS
from .numbers import _CSUF, _L, _MULT, _currency_of, _mult_of, _range_ends
from .patterns import _CJK, _CYR, _EST, _GROSS_NET, _ONE_OFF, _PERIODS, _WORD_AFTER
from .plausible import (
    _ANNUAL_FROM,
    _OWN_WORDS,
    _SCALE,
    _default_band,
    _implausible,
    _plausible_band,
    _settle_period,
)
from .words import _join_chain

# ---- the vocabulary: each word with what the engine reads it as (checked below) -------

# Currency written before the amount (as the fast path's prefix group holds it).
_PREFIXES: Final = ("£", "$", "€", "usd ", "eur ", "gbp ")
# Currency written after the amount (one optional space before it).
_SUFFIXES: Final = ("€", "₽", "元", "$", "руб.", "руб", "рублей", "р.", "долларов", "евро", "usd", "eur")
# Multipliers, as the amount's multiplier group holds them.
_MULTS: Final = ("k", " тыс.", "тыс.", "万", "千")
# Written periods, each with the period the engine reads.
_PERIOD_WORDS: Final = {
    "year": ("per annum", "pa", "p.a.", "a year", "per year", "annually", "/annum", "/year",
             "/yr", "per yr", "yearly", "в год", "/年", "每年", "par an", "pro jahr", "im jahr"),
    "month": ("per month", "pcm", "per calendar month", "a month", "/month", "monthly", "в месяц",
              "pro monat", "im monat", "/monat", "par mois",
              "/мес", "/мес.", "/月", "每月"),
    "week": ("per week", "pw", "weekly", "/week", "a week", "в неделю", "/周"),
    "day": ("per day", "/day", "a day", "в день", "/天", "/日", "每天"),
    "hour": ("per hour", "an hour", "/hr", "ph", "p/h", "/hour", "hourly", "в час", "/时",
             "/小时", "每小时"),
}
# Gross and net words.
_GROSS_WORDS: Final = ("gross", "brutto", "до вычета налогов", "до вычета ндфл", "税前")
_NET_WORDS: Final = ("net", "netto", "на руки", "税后")
# Pay words and limit words that may open the field.
_PAY_WORDS: Final = ("salary", "employer provided salary", "зарплата", "з/п", "доход", "月薪", "年薪")
_LIMIT_WORDS: Final = ("up to", "from", "starting at", "от", "до", "около", "about", "around")
_UP_TO: Final = frozenset({"up to", "до", "do", "to"})
_FROM: Final = frozenset({"from", "от", "od", "starting at"})


def _alt(words) -> str:
    """An alternation of literal words written as the tree of their letters ("per
    (?:annum|month)"), so the regex engine reads each letter once instead of trying every
    word in turn; at each letter the longer words come first, so a word never loses to a
    prefix of it (the same match as the words tried longest first)."""
    tree: dict = {}
    for word in words:
        node = tree
        for ch in word:
            node = node.setdefault(ch, {})
        node[""] = {}
    return _branches(tree)


def _branches(node: dict) -> str:
    alts = [re.escape(ch) + _branches(node[ch]) for ch in sorted(k for k in node if k)]
    if not alts:
        return ""
    if "" in node:
        return "(?:" + "|".join(alts) + "|)"
    return alts[0] if len(alts) == 1 else "(?:" + "|".join(alts) + ")"


def starts_of(words) -> re.Pattern:
    """A pattern that matches wherever one of ``words`` starts (its ``start()``): one pass
    over a text (``finditer``) instead of one ``str.find`` per word.

    It matches the word's first character and then looks back to test the whole word from
    there: a pattern that opens with a set of characters lets the regex engine skip to the
    next candidate in C, where one that opens with a look-ahead (``(?=words)``, the same
    places) is tried at every character. Each start is found once (a match is one
    character long, the next search begins right after it)."""
    firsts = "".join(sorted({w[0] for w in words}))
    return re.compile("[" + re.escape(firsts) + "](?<=(?=" + _alt(words) + ").)", re.S)


# ---- the pattern --------------------------------------------------------------------

# Numbers, in the order the engine's number pattern tries them: thousands by comma
# ("45,000", "45,000.50"); thousands by dot or by a space with decimals after a comma
# ("6.600", "1.234,56", "2 697,61": group ``{x}e``); thousands by a space of any width
# ("45 000"); plain digits with at most two decimals ("45000", "16.75").
# The leading digits of a grouped number are taken possessively ("{1,3}+"): a separator
# must follow them, so only the whole run of at most three digits can lead, and a run of
# four or more fails at once instead of being re-split three ways.
_EN: Final = r"[0-9]{1,3}+(?:,[0-9]{3})+(?:\.[0-9]+)?"
_EU: Final = (r"[0-9]{1,3}+(?:\.[0-9]{3})+(?:,[0-9]{1,2})?"
       r"|[0-9]{1,3}+(?:[ \u00a0\u2009\u202f][0-9]{3})+,[0-9]{1,2}")
_SPACED: Final = r"[0-9]{1,3}+(?:[ \u00a0\u2009\u202f][0-9]{3})+"
_PLAIN: Final = r"[0-9]+(?:\.[0-9]{1,2})?"


# After a word, a multiplier or a currency no letter may follow ("£30kpa", "руб.в месяц" are
# not these shapes): the engine's patterns say the same of nearly all of them.
_B: Final = "(?![" + _L + "])"


# Every grouped form needs one of its separators right after its leading digits: where
# none stands ("45000", "25"), the plain form is tried at once (the same matches).
_GROUPED: Final = r"(?=[0-9]{1,3}+[,. \u00a0\u2009\u202f])"


def _amount(x: str) -> str:
    return (rf"(?:(?P<{x}c>{_alt(_PREFIXES)}))?"
            rf"(?P<{x}>{_GROUPED}(?:{_EN}|(?P<{x}e>{_EU})|{_SPACED})|{_PLAIN})"
            rf"(?:(?P<{x}m>{_alt(_MULTS)}){_B})?"
            rf"(?:[ \u00a0]?(?P<{x}s>{_alt(_SUFFIXES)}){_B})?")


_ALL_PERIOD_WORDS: Final = [w for words in _PERIOD_WORDS.values() for w in words]
_SHAPE: Final = re.compile(
    # Every part is atomic, as in the fast path's pattern: an optional part is possessive
    # ("?+", the same as an atomic group "(?>(?:...)?)" and cheaper to run), each amount an
    # atomic group; a part once matched is never re-split, so a field of another shape
    # fails at once.
    rf"(?:(?P<pay>{_alt(_PAY_WORDS)})[ :]*)?+"
    rf"(?:(?P<lim>{_alt(_LIMIT_WORDS)}) )?+"
    + r"(?>" + _amount("a") + r")"
    + r"(?:(?: ?[-–—] ?|-|~|至|到| to | до )(?>" + _amount("b") + r"))?+"
    r"(?P<plus>\+)?"
    r"(?:·(?P<mpy>1[2-9]|2[0-4])薪)?+"
    rf"(?: ?(?P<gn1>{_alt(_GROSS_WORDS + _NET_WORDS)}){_B})?+"
    rf"(?: ?(?P<per>{_alt(_ALL_PERIOD_WORDS)}){_B})?+"
    rf"(?: ?(?P<gn2>{_alt(_GROSS_WORDS + _NET_WORDS)}){_B})?+"
    r"(?: ?(?P<est>\((?:glassdoor|employer) est\.\)))?+"
    # What may follow, as in the fast path: components joined on ("+ bonus + car
    # allowance") or words that add nothing ("DOE", "pro rata"); read in read().
    r"(?P<rest>(?=[ ]*(?:\+|plus |doe|pro[ -]?rata|\(?depending|\(?(?:in|out)side ir35|[1-9][0-9]{0,2}-))(?s:.*))?"
)
_NAMES: Final = ("pay", "lim", "ac", "a", "ae", "am", "as", "bc", "b", "be", "bm", "bs", "plus", "mpy", "gn1",
          "per", "gn2", "est", "rest")
if sorted(_SHAPE.groupindex, key=_SHAPE.groupindex.get) != list(_NAMES):  # type: ignore[arg-type]
    raise RuntimeError("shapes._SHAPE's groups changed: read() unpacks them by position")

# ---- tables built at import, each checked against the engine's own patterns ----------

_PERIOD_OF: Final = {w: p for p, words in _PERIOD_WORDS.items() for w in words}
_GROSS_OF: Final = {**{w: True for w in _GROSS_WORDS}, **{w: False for w in _NET_WORDS}}
_CODE_OF: Final = {m: _currency_of(m) for m in (*_PREFIXES, *_SUFFIXES)}
_MULT_OF: Final = {m: _mult_of(m) for m in _MULTS}
_MARKET_OF: Final[dict[str | None, str | None]] = {c: _market_lookup(c) for c in set(_CODE_OF.values()) if c}
_PERIODS_LIST: Final = tuple(_PERIOD_WORDS)
_BAND_OF: Final = {(mk, c, p): _plausible_band(mk, c, p)
            for c in _MARKET_OF for mk in {_MARKET_OF[c], _ZH_MARKET, _RU_MARKET, None}
            for p in _PERIODS_LIST}
_PAY_PERIOD: Final = {"月薪": "month", "年薪": "year"}
# The period and band a figure with no written period is first judged by, for each
# (currency, market) the readers meet (plausible._settle_period's first step), with the
# convention it came from: used while CONVENTIONS still holds that convention.


def _unwritten_entry(cur, market) -> tuple:
    conv = _CONVENTIONS[market or "default"]
    return (conv, conv.default_period,
            *_default_band(conv.default_period, cur, market, _SCALE.get(cur, 1.0)))


_UNWRITTEN: Final = {(c, mk): _unwritten_entry(c, mk)
              for c in (*_MARKET_OF, None) for mk in {_MARKET_OF.get(c), _ZH_MARKET, _RU_MARKET, None}
              if mk not in _ANNUAL_FROM and (mk or "default") in _CONVENTIONS}
_SCRIPT_CURRENCY: Final = {_ZH_MARKET: MARKET_CURRENCY[_ZH_MARKET], _RU_MARKET: MARKET_CURRENCY[_RU_MARKET]}  # type: ignore[index]


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

_DROP: Final = str.maketrans("", "", ", \u00a0\u2009\u202f")
_DROP_EU: Final = str.maketrans({".": None, " ": None, "\u00a0": None, "\u2009": None, "\u202f": None,
                          ",": "."})


def _value(raw: str, european: object) -> float:
    """The number of a matched amount ("45,000", "45 000", "16.75"; European: "6.600",
    "1.234,56", "2 697,61"). Whole numbers go through ``int``: ``float(int(s))`` is the same
    float as ``float(s)`` (both correctly rounded) and about half the work."""
    if european:
        return float(raw.translate(_DROP_EU))
    if "," in raw:
        raw = raw.replace(",", "")  # "45,000", "45,000.50"
        return float(int(raw)) if raw.isdigit() else float(raw)
    if raw.isdigit():
        return float(int(raw))
    if "." in raw:
        return float(raw)  # "16.75"
    return float(raw.translate(_DROP))  # "45 000"


def _number(raw: str, european: object) -> float | None:
    """The value of a matched amount, or None for a leading zero ("07700": a phone or a
    code; a raw number that is not all digits holds a separator, so it has a second
    character)."""
    if raw.isdigit():
        return None if raw[0] == "0" and len(raw) > 1 else float(int(raw))
    if raw[0] == "0" and raw[1].isdigit():
        return None
    return _value(raw, european)


def _amounts(a_raw: str, ae: str | None, am: str | None, b_raw: str | None, be: str | None,
             bm: str | None, both_marked: bool) -> tuple | None:
    """``(low, high, mult_a, mult_b, a)`` as the fast path reads them, or None where it hands
    the field to the scanner (a leading zero, 401(k), a reversed range, a zero)."""
    a = _number(a_raw, ae)
    if a is None or a == 401.0 or a == 403.0:
        return None
    ma = _MULT_OF[am] if am else None
    if b_raw is None:
        if a <= 0:
            return None  # "0", "0.00": a board's placeholder (the scanner says so)
        return (a * ma, a * ma, ma, None, a) if ma else (a, a, None, None, a)
    b = _number(b_raw, be)
    if b is None:
        return None
    mb = _MULT_OF[bm] if bm else None
    ends = _range_ends(a, b, ma, mb, both_marked)
    if ends is None:
        return None
    low, high, ma, a = ends
    if high <= 0:
        return None  # "0", "0.00": a board's placeholder (the scanner says so)
    return low, high, ma, mb, a


def _bare_is_pay(plain: bool, a: float, ma, lim, pay, written: bool, told: bool,
                 word_after: bool) -> bool:
    """The fast path's rules for a figure with no currency: a bare year is no pay, and a
    bare limit ("up to 45") or a bare figure with words after it ("45 + bonus") needs a
    period, an estimate, a pay word or gross/net."""
    if ma is None and plain and 1900 <= a <= 2100 and a.is_integer() and not written and not pay:
        return False
    return told or not (lim or word_after)


def _market(lw: str, mend: int, cur: str | None, mkey: str | None) -> tuple:
    """(currency, market): the caller's market, else the currency's, else the script of the
    figure (Chinese -> CN, Cyrillic -> RU), which gives the currency when none is known."""
    if mkey:
        return cur, mkey
    market = _MARKET_OF.get(cur) if cur in _MARKET_OF else _market_key(cur)
    if market is not None:
        return cur, market
    window = lw[:mend]
    script = _ZH_MARKET if _CJK.search(window) else _RU_MARKET if _CYR.search(window) else None
    if cur is None and script:
        cur = _SCRIPT_CURRENCY[script]
    return cur, script


def _unwritten_period(cur, market, low: float, high: float, mpy, in_wan: bool) -> tuple:
    """(period, basis) of a figure with no written period, as
    :func:`workbench.salary.plausible._settle_period` gives it: from the import table when
    the figure sits in the market convention's band (and no rule for sums in 万 or a
    market's ``annual_from`` can apply), else from that function."""
    known = _UNWRITTEN.get((cur, market))
    if known is not None:
        conv, period, lo_b, hi_b = known
        if (lo_b <= high <= hi_b and _CONVENTIONS.get(market or "default") is conv
                and not (in_wan and period == "month" and mpy is None and high >= 1e5)):
            return period, "market"
    return _settle_period(None, cur, market, high, mpy, True, in_wan=in_wan, lowest=low)


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


_VALUES: Final = operator.attrgetter(*(f.name for f in dataclasses.fields(SalaryMention)))


# What a contractor's or an hourly field may add after a figure whose currency and period
# are written, which the engine reads as nothing: no mention, no change to the figure's
# ("£550 per day inside IR35", "£500 - £600 per day (Outside IR35)", "£14.00 per hour +
# holiday pay"). The general engine's reading of such fields is the reference (tests).
_INERT_TAIL: Final = re.compile(r" (?:\+ holiday pay|(?:in|out)side ir35|\((?:in|out)side ir35\))")


def _joined(lw: str, text: str, end: int, cur, market, written: bool = False) -> tuple | None:
    """The mentions of what follows the figure, as the fast path reads it: words that add
    nothing ("DOE", "pro rata": none; after a figure with its currency and period written,
    also "inside IR35", "+ holiday pay") or components joined on ("+ bonus + car
    allowance"); None when anything else follows."""
    if _FAST_IGNORE.fullmatch(lw, end) is not None or (
            written and _INERT_TAIL.fullmatch(lw, end) is not None):
        return ()
    extra, chain_end = _join_chain(lw, text, end, cur, market)
    if chain_end != len(lw):
        return None
    return tuple(map(_VALUES, extra))


# A range restated in rounded thousands right after a range of bare figures whose period is
# written ("22000 - 33000/annum 22-33K", Reed's fields).
_RESTATED: Final = re.compile(r" ([1-9][0-9]{0,2})-([1-9][0-9]{0,2})k")


def _restated(lw: str, end: int, low: float, high: float, cur, market) -> bool:
    """Is what follows the range its restatement, which the engine reads as a second range
    and drops (``scan._restates``: each end within 5%, the same currency and component, at
    most three characters between)? Only when the engine reads the restatement as pay: a
    range in order, plausible for the period the market gives it (else it would read its
    figures one by one)."""
    r = _RESTATED.fullmatch(lw, end)
    if r is None:
        return False
    r_low, r_high = float(int(r.group(1))) * 1e3, float(int(r.group(2))) * 1e3
    if not (r_low <= r_high and abs(r_low - low) <= 0.05 * max(r_low, low)
            and abs(r_high - high) <= 0.05 * max(r_high, high)):
        return False
    period = _unwritten_period(cur, market, r_low, r_high, None, False)[0]
    return period is not None and not _is_implausible(r_low, r_high, period, cur, market, None)


def _tail(lw: str, text: str, end: int, cur, market, written: bool, marker, low, high) -> tuple | None:
    """The mentions of what follows the figure (:func:`_joined`), or ``()`` for a range of
    bare figures with its period written restated in thousands (:func:`_restated`)."""
    if (written and marker is None and low is not None and high is not None and low != high
            and _restated(lw, end, low, high, cur, market)):
        return ()
    return _joined(lw, text, end, cur, market, written and marker is not None)


def _read_one(text: str, default_cur: str | None = None, mkey: str | None = None) -> tuple | None:
    """The mentions of a short salary field of a common shape, each as the tuple of a
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
    (pay, lim, ac, a_raw, ae, am, as_, bc, b_raw, be, bm, bs, plus, mpy, gn1, per, gn2, est,
     rest) = m.groups()
    if gn1 and gn2:
        return None
    a_cur = ac or as_
    b_cur = bc or bs
    amounts = _amounts(a_raw, ae, am, b_raw, be, bm, bool(a_cur and b_cur))
    if amounts is None:
        return None
    low, high, ma, mb, a = amounts
    period = _PERIOD_OF[per] if per else None
    if pay is not None and pay in _PAY_PERIOD:
        if period is not None:
            return None
        period = _PAY_PERIOD[pay]
    gross = _GROSS_OF[gn1 or gn2] if (gn1 or gn2) else None
    mpy = int(mpy) if mpy else None
    end = m.start("rest") if rest else len(text)
    marker = a_cur or b_cur
    if marker is not None:
        cur = _CODE_OF[marker]
    elif _bare_is_pay(not ae and a_raw.replace(".", "", 1).isdigit(), a, ma, lim, pay,
                      period is not None,
                      bool(period or est or pay or gross is not None or mpy is not None),
                      bool(rest and _WORD_AFTER.match(lw, end))):
        cur = default_cur
    else:
        return None
    market = mkey or _MARKET_OF.get(cur)
    if market is None:
        cur, market = _market(lw, end, cur, mkey)
    if period is not None:
        written, basis = True, "written"
    else:
        written = False
        period, basis = _unwritten_period(cur, market, low, high, mpy, ma == 1e4 or mb == 1e4)
        if period is None:
            return None
    if b_raw is None:
        if lim in _UP_TO:
            low = None
        elif lim in _FROM or plus:
            high = None
    extra = _tail(lw, text, end, cur, market, written, marker, low, high) if rest else ()
    if extra is None:
        return None
    implausible = _is_implausible(low, high, period, cur, market, mpy)
    if implausible and not (pay or written):
        return None
    return ((text[:end], 0, end, low, high, cur, period, not written, "unspecified", gross, mpy,
             False, basis, market, implausible), *extra)


# ---- a base figure and an OTE figure, each with its component word -------------------
# "£40k basic + £70k OTE", "Basic £64k, OTE £84k", "Up to £67k basic + OTE £92k + car
# allowance", "$80K base / $160K OTE", "Оклад от 140 000 руб. + премии": the scanner's reading
# (the words before each figure read back to the previous one, the component word after it,
# the limit, the market's period, components joined at the end) for these words only.

_ITEM_PRE: Final = {"basic": "base", "base salary": "base", "ote": "ote", "оклад": "base"}
_ITEM_POST: Final = {"basic": "base", "base": "base", "base salary": "base", "ote": "ote"}
_ITEM: Final = re.compile(
    r"(?:(?P<lim>up to) )?+"
    rf"(?:(?P<pre>{_alt(_ITEM_PRE)}) )?+"
    r"(?:(?P<from>от) )?+"
    rf"(?>(?P<c>[£$])(?P<n>{_EN}|{_PLAIN})(?:(?P<m>k){_B})?|(?P<rn>{_SPACED}|{_PLAIN}) (?P<rs>₽|руб\.))"
    rf"(?: (?P<post>{_alt(_ITEM_POST)}){_B})?+"
)
_ITEM_SEP: Final = re.compile(r" \+ |, | / ")
# Reed's ", OTE" flag after a figure (at the end or before joined components): the
# engine's own rule decides (``scan._OTE_FLAG``; ``parse_salary`` checks it too).
_OTE_FLAG: Final = re.compile(r",[ \u00a0]*ote[ \u00a0]*(?:\Z|(?=\+|plus[ \u00a0]|&))")
_ITEM_WORDS: Final = ("basic", "base", "ote", "оклад")
_ITEM_WORD_IN: Final = re.compile(_alt(_ITEM_WORDS))  # one search for any of them
_ITEM_CUR: Final = {m: _currency_of(m) for m in ("£", "$", "₽", "руб.")}


def _check_item_words() -> None:
    """Refuse a component word the scanner reads otherwise (before or after a figure)."""
    from .patterns import _PREFIX_REV, _comp_of

    for word, comp in _ITEM_PRE.items():
        m = _PREFIX_REV.match(word[::-1])
        if m is None or m.end() != len(word) or m.lastgroup != comp:
            raise RuntimeError(f"shapes: the scanner does not read {word!r} before a figure as {comp}")
    for word, comp in _ITEM_POST.items():
        if _comp_of(word) != comp:
            raise RuntimeError(f"shapes: the scanner does not read {word!r} after a figure as {comp}")


_check_item_words()


def _item(m: re.Match, text: str, cur_market) -> tuple | None:
    """The mention of one figure with its component word, as the scanner builds it."""
    lim, pre, frm, c, n, mult, rn, rs, post = m.groups()
    comp = _ITEM_POST[post] if post else _ITEM_PRE.get(pre)
    raw = n or rn
    if comp is None or (len(raw) > 1 and raw[0] == "0" and raw[1].isdigit()):
        return None
    v = _value(raw, False) * (1e3 if mult else 1.0)
    if v <= 0 or v == 401.0 or v == 403.0:
        return None
    cur = _ITEM_CUR[c or rs]
    market = cur_market or _MARKET_OF[cur]
    period, basis = _settle_period(None, cur, market, v, None, True, comp, lowest=v)
    if period is None:
        return None
    implausible = _is_implausible(v, v, period, cur, market, None)  # base and OTE are wages
    # The limit word nearest the figure wins, as the scanner reads back from it ("up to
    # оклад от 140 000": from).
    low = None if lim and not frm else v
    high = None if frm else v
    s, e = m.start(), m.end()
    return (text[s:e], s, e, low, high, cur, period, True, comp, None, None, False, basis, market,
            implausible)


def read_items(text: str, mkey: str | None = None) -> tuple | None:
    """The mentions of a field of one or two figures each named by a component word (a base
    and an OTE figure) and components joined at the end, as the scanner reads it; None for
    any other field. ``mkey``: the caller's market key."""
    lw = text.lower()
    if (len(lw) != len(text) or _ITEM_WORD_IN.search(lw) is None or mkey in _OWN_WORDS
            or _ONE_OFF.search(lw) is not None):
        return None
    out: list[tuple] = []
    comps, pos, n = set(), 0, len(lw)
    while True:
        m = _ITEM.match(lw, pos)
        one = _item(m, text, mkey) if m is not None else None
        if one is None or one[8] in comps or len(out) == 2:
            return None
        out.append(one)
        comps.add(one[8])
        pos = m.end()  # type: ignore[union-attr]  # one is None when m is
        extra, chain_end = _join_chain(lw, text, pos, one[5], one[13])
        if chain_end == n:
            return (*out, *map(_VALUES, extra))
        sep = _ITEM_SEP.match(lw, pos) if chain_end == pos else None
        if sep is None:
            return None
        pos = sep.end()


def read(text: str, default_cur: str | None = None, mkey: str | None = None) -> tuple | None:
    """The mentions of a short salary field of a common shape, each as the tuple of a
    :class:`~workbench.salary.model.SalaryMention`'s fields in order, as the engine gives
    them; None when the field has another shape or a rule of the engine must decide (then
    ``parse_salary`` runs the general engine).

    ``default_cur`` and ``mkey`` are the caller's currency (upper case) and market key, as
    the engine derives them from ``parse_salary``'s arguments. Two readers: one figure or
    range with its currency, period, gross/net and estimate words (the fast path's shapes),
    then a base and an OTE figure each named by its component word.
    """
    if "," in text and _OTE_FLAG.search(text.lower()) is not None:
        return None
    return read_unflagged(text, default_cur, mkey)


def read_unflagged(text: str, default_cur: str | None = None, mkey: str | None = None) -> tuple | None:
    """:func:`read` for a field the caller has found free of Reed's ", OTE" flag."""
    found = _read_one(text, default_cur, mkey)
    if found is None and len(text) >= 10:
        return read_items(text, mkey)
    return found
