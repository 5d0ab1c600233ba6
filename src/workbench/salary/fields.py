"""The fast path for short salary *fields*: one ``fullmatch`` for the commonest shapes
("£35,000 - £45,000 per annum", "300-330元/天"); anything else goes to the scanner
(a property test checks both agree).
"""

from __future__ import annotations

import re

from .. import markets as _markets
from .model import _RU_MARKET, _ZH_MARKET, MARKET_CURRENCY, SalaryMention, _market_key
from .numbers import (
    _CSUF,
    _MULT,
    _NUM,
    _currency_of,
    _lead_zero,
    _mult_of,
    _num_value,
    _range_ends,
)
from .patterns import _CJK, _CYR, _EST, _GROSS_NET, _PERIODS, _WORD_AFTER
from .plausible import _OWN_WORDS, _implausible, _local_rouble, _settle_period
from .words import _chain_end, _join_chain


def _amount_rx(x: str) -> str:
    num = _NUM
    for g in ("en", "eu", "sp", "pl"):
        num = num.replace(f"(?P<{g}>", f"(?P<{x}{g}>")
    return (r"(?:(?P<" + x + r"c>" + _markets.fast_prefix_pattern() + r")[ \u00a0]?)?" + num
            + r"(?:" + _MULT.replace("(?P<mult>", f"(?P<{x}m>") + r")?"
            + r"(?:[ \u00a0\u202f\u2009]?" + _CSUF.replace("(?P<csuf>", f"(?P<{x}s>") + r")?")


# Fast path for the commonest salary *fields*: an optional limit word, one
# amount or a range with an explicit currency, an optional written period and
# an optional "(Glassdoor est.)". Anything else goes through the scanner;
# tests check both paths agree.
_FAST = re.compile(
    # Every part is an atomic group: once a part has matched it is never
    # re-split, so a field that does not fit fails at once instead of
    # backtracking through every way of reading its numbers (and each part
    # is read the way the scanner reads it).
    r"(?>(?:(?P<pay>salary|employer provided salary|зарплата|з/п|доход|月薪|年薪)[ \u00a0:]*)?)"
    r"(?>(?:(?P<lim>up to|from|starting at|от|до|od|do|около|about|around|to)[ \u00a0]+)?)"
    + r"(?>" + _amount_rx("a") + r")"
    + r"(?>(?:(?:[ \u00a0]{0,2}(?:-|–|—|−|~|～|－|至|到)[ \u00a0]{0,2}|[ \u00a0]{1,2}(?:to|до|do|bis)"
      r"[ \u00a0]{1,2})" + _amount_rx("b") + r")?)"
    + r"(?P<plus>\+)?"
    + r"(?>(?:[·*×x]?[ \u00a0]?(?P<mpy>1[2-9]|2[0-4])[ \u00a0]?薪)?)"
    + r"(?>(?:[ \u00a0\u202f]*(?:" + _GROSS_NET.replace("<gross>", "<gross1>").replace(
        "<net>", "<net1>") + r"))?)"
    + r"(?>(?:[ \u00a0\u202f]*(?:" + _PERIODS + r"))?)"
    + r"(?>(?:[ \u00a0\u202f]*(?:" + _GROSS_NET + r"))?)"
    + r"(?>(?:[ \u00a0\u202f]*(?P<est>" + _EST + r"))?)"
    # What may follow: components joined on ("+ bonus + car allowance") or
    # words that add nothing ("DOE", "pro rata"); checked in _fast_field.
    + r"(?P<rest>(?=[ \u00a0]*(?:\+|plus |and |& |,|，|、|;|doe|pro[ -]?rata|\(?depending))"
      r"(?s:.*))?"
)
_FAST_IGNORE = re.compile(
    r"[ \u00a0]+(?:\(?d\.?o\.?e\.?\)?|pro[ -]?rata|\(?depending on experience\)?)")


# The fast path unpacks ``m.groups()`` in this order (checked at import).
_FAST_NAMES = ("pay", "lim", "ac", "aen", "aeu", "asp", "apl", "am", "as",
               "bc", "ben", "beu", "bsp", "bpl", "bm", "bs", "plus", "mpy", "gross1", "net1",
               "year", "month", "week", "day", "hour", "gross", "net", "est", "rest")
assert sorted(_FAST.groupindex, key=_FAST.groupindex.get) == list(_FAST_NAMES)  # type: ignore[arg-type]


def _fast_amounts(groups: tuple, is_range: bool):
    """``(low, high, mult_a, mult_b, a)`` of a field matched by _FAST, or None when the
    scanner must decide (a leading zero, 401(k), a reversed range, a zero placeholder)."""
    (_pay, _lim, ac, aen, aeu, asp, apl, am, as_, bc, ben, beu, bsp, bpl, bm, bs) = groups[:16]
    a, raw = _num_value(aen, aeu, asp, apl)
    if _lead_zero(raw) or a == 401.0 or a == 403.0:
        return None
    ma = _mult_of(am) if am else None
    mb = None
    if is_range:
        b, raw = _num_value(ben, beu, bsp, bpl)
        if _lead_zero(raw):
            return None
        mb = _mult_of(bm) if bm else None
        ends = _range_ends(a, b, ma, mb, bool((ac or as_) and (bc or bs)))
        if ends is None:
            return None
        low, high, ma, a = ends
    else:
        low = high = a * (ma or 1.0)
    if high <= 0:
        return None  # "0", "0.00": a board's placeholder (the scanner says so)
    return low, high, ma, mb, a


def _span_start(m, lw: str) -> int:
    """Where a field led by a bare "to" starts its mention: at the figure.

    The "to" limits the figure (no low end) but is not part of its span, as
    the scanner reads it.
    """
    start = m.start("lim") + 2
    while start < len(lw) and lw[start] in " \u00a0":
        start += 1
    return start


def _fast_field(text, lw, default_cur, mkey):
    """Mentions for a simple salary field, or None to use the full scanner."""
    lead = 0
    body_end = len(lw)
    if lw[0] == " " or lw[-1] == " ":
        lead = body_end - len(lw.lstrip(" "))
        body_end = len(lw.rstrip(" "))
    m = _FAST.fullmatch(lw, lead, body_end)
    if m is None:
        return None
    (pay, lim, ac, aen, aeu, asp, apl, am, as_, bc, ben, beu, bsp, bpl, bm, bs, plus, mpy,
     g1, n1, year, month, week, day, hour, g2, n2, est, rest) = m.groups()
    if rest and _FAST_IGNORE.fullmatch(lw, m.start("rest"), body_end) is None \
            and _chain_end(lw, m.start("rest")) != body_end:
        return None  # words after the pay that no chain takes ("+ holiday pay"): the scanner reads it
    is_range = not (ben is None and beu is None and bsp is None and bpl is None)
    amounts = _fast_amounts(m.groups(), is_range)
    if amounts is None:
        return None
    low, high, ma, mb, a = amounts
    period = ("year" if year else "month" if month else "week" if week else "day" if day
              else "hour" if hour else None)
    if pay == "月薪" or pay == "年薪":
        if period is not None:
            return None
        period = "month" if pay == "月薪" else "year"
    if (g1 or n1) and (g2 or n2):
        return None
    gross = True if (g1 or g2) else False if (n1 or n2) else None
    mpy = int(mpy) if mpy else None
    written = period is not None
    marker = ac or as_ or bc or bs
    if marker is not None:
        cur = _currency_of(marker)
        if mkey in _OWN_WORDS:
            cur = _local_rouble(cur, mkey, lw, lead, body_end)
        if cur is None:
            return None
    else:
        # The scanner's rules for a figure without a currency (see _build).
        if ma is None and apl is not None and 1900 <= a <= 2100 and a.is_integer() \
                and not written and not pay:
            return None  # a year, not pay
        if not (written or est or pay or gross is not None or mpy is not None):
            if lim:
                return None
            if rest and _WORD_AFTER.match(lw, m.start("rest")):
                return None
        cur = default_cur
    market = mkey or _market_key(cur)
    mend = m.start("rest") if rest else body_end
    if market is None:
        window = lw[max(0, lead - 8):mend]
        script = _ZH_MARKET if _CJK.search(window) else _RU_MARKET if _CYR.search(window) else None
        if cur is None and script:
            cur = MARKET_CURRENCY[script]
        market = script
    period, basis = _settle_period(period, cur, market, high, mpy, True,
                                   in_wan=ma == 1e4 or mb == 1e4, lowest=low)
    if period is None:
        return None
    if not is_range:
        if lim in ("up to", "до", "do", "to"):
            low = None
        elif lim in ("from", "от", "od", "starting at") or plus:
            high = None
    end = mend
    extra = None
    if rest:
        if _FAST_IGNORE.fullmatch(lw, end, body_end) is None:
            extra = _join_chain(lw, text, end, cur, market)[0]  # ends at body_end (checked above)
    implausible = _implausible(low, high, period, cur, market, mpy)
    if implausible and not (pay or written):
        return None  # the scanner decides (it drops an implausible figure with no pay word)
    start = _span_start(m, lw) if lim == "to" and not is_range else lead
    mention = SalaryMention(text[start:end], start, end, low, high, cur, period,
                            not written, "unspecified", gross, mpy, False, basis, market,
                            implausible)
    if extra:
        return [mention, *extra]
    return [mention]
