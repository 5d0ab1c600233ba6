"""One mention from one amount or a two-amount range, in named stages: the span, the
values, the words around, the evidence that it is pay, the currency and market, the
period, the limits.
"""

from __future__ import annotations

from .evidence import _one_off_before, _one_off_in, _text_evidence
from .model import _RU_MARKET, _ZH_MARKET, MARKET_CURRENCY, SalaryMention, _market_key
from .numbers import _LETTERS, _shared_thousands
from .patterns import (
    _ANNUAL_BONUS,
    _CJK,
    _CYR,
    _LABEL_REV,
    _NONPAY,
    _NONPAY_AFTER,
    _ONE_OFF_AFTER,
    _PHONE_HEAD,
    _PHONE_TAIL,
    _POUND,
    _RETIREMENT,
    _UNIT_AFTER,
    _WORD_AFTER,
    _WORD_BEFORE_REV,
)
from .plausible import _OWN_WORDS, _implausible, _local_rouble, _settle_period
from .words import (
    _NOTHING_BEFORE,
    _clause_rev,
    _field_tail,
    _json_unit,
    _read_after,
    _read_before,
)


def _build(text, lw, group, lo, hi_limit, default_cur, mkey, field_mode):
    """One mention from one amount or a two-amount range, or None if not pay."""
    first, last = group[0], group[-1]
    start, end = first.start, last.end
    ntext = len(lw)
    # ---- identifiers, phones, units -----------------------------------------
    if end < ntext:
        if _UNIT_AFTER.match(lw, end) is not None and not (field_mode and _json_unit(text, end)):
            return None
        if end + 1 < ntext and lw[end] in "-–—:/." and lw[end + 1].isdigit():
            return None  # phone, time, date or code: 725-63-57, 20:00, 24/7
    if start >= 2 and lw[start - 1] in "-–—/:" and lw[start - 2].isdigit():
        return None  # the tail of such a code
    if (start and lw[start - 1] == "(" and end < ntext and lw[end] == ")"
            and _PHONE_TAIL.match(lw, end + 1) is not None):
        return None  # a parenthesised area code: +1 (415) 555-0132, 8 (495) 123-45-67
    # Lazy tokens (long texts, see _tokens) are parsed only now: the checks
    # above read nothing but the spans, so the outcome is unchanged.
    if first.m is not None:
        first.read()
    if last.m is not None:
        last.read()
    if (start >= 4 and lw[start - 1] in " \u00a0" and lw[start - 2].isdigit() and first.cur is None
            and _PHONE_HEAD.search(lw, max(0, start - 14), start) is not None):
        return None  # a phone number's later group: 07700 900123, +44 7700 900123
    if first.lead_zero or last.lead_zero:
        return None
    if (first.value == 401 or first.value == 403) and _RETIREMENT.match(lw, first.start + 3):
        return None  # 401(k), 403(b) retirement plans
    if field_mode:
        cstart = lo
        rev = lw[start - 1:cstart - 1:-1] if cstart else lw[start - 1::-1] if start else ""
    else:
        cstart, rev = _clause_rev(lw, lo, start)
    if first.cur is None and rev and _LABEL_REV.match(rev, 0, 24):
        return None

    # ---- values ---------------------------------------------------------------
    masked = first.masked or last.masked
    if len(group) == 2 and not masked:
        a, b = first.value, last.value
        ma, mb = first.mult, last.mult
        if ma is None and mb is not None and a <= b:
            ma = mb
        elif ma is None and mb is None and (first.cur is None or last.cur is None):
            a = _shared_thousands(a, b)  # not "£20 - £20,000": each end has its own sign
        elif mb is None and ma is not None and a <= b and last.cur is None:
            mb = ma  # "50k-55": the multiplier written once, on the low end
        a *= ma or 1.0
        b *= mb or 1.0
        if a > b:
            return None
        low, high = a, b
    elif masked:
        low = high = None
    else:
        low = high = first.value * (first.mult or 1.0)
    has_mult = first.mult is not None or last.mult is not None
    cur = first.cur or last.cur

    # ---- words before and after ----------------------------------------------
    limit, comp, period, gross, payword, rpos = _read_before(rev) if rev else _NOTHING_BEFORE
    pstart = start - rpos
    after = _read_after(lw, end, hi_limit, period, gross)
    period, gross, mpy, est, open_low, end = after.period, after.gross, after.mpy, after.est, \
        after.open_low, after.end
    if cur is None:
        cur = after.cur
    if after.comp is not None:
        comp = after.comp
    if after.below or (field_mode and limit is None and rev.strip() == "ot"):
        limit = "upto"  # "8千以下"; a pay field's "to 9.50 per hour" (rev is reversed)

    # ---- is it pay? -----------------------------------------------------------
    period_written = period is not None
    strong = (cur is not None or period_written or comp is not None or payword
              or gross is not None or mpy is not None or est)
    if masked and not (cur or has_mult or strong):
        return None
    if (cur == _POUND and not has_mult and not (period_written or comp is not None or payword or mpy is not None)
            and "pound" in lw[first.start:end] and "£" not in lw[first.start:end]):
        return None  # "lift 50 pounds", "move up to 50 pounds": a weight, unless pay is said
    if end < ntext and lw[end] in _LETTERS and not (period_written and end > last.end
                                                     and text[end].isupper()):
        return None  # "12abc": a code or a unit, not pay ("£600 p/dThe Role" is a lost break)
    evidence = "field"
    if field_mode:
        # A bare figure in a field must stand alone: "35-40k".
        if not strong and ((_WORD_AFTER.match(lw, end) and not _field_tail(lw, end))
                           or (rev and _WORD_BEFORE_REV.match(rev, rpos))):
            return None
    else:
        evidence = _text_evidence(lw, pstart, end, cur, period, est, comp is not None or payword
                                  or gross is not None or mpy is not None, len(group) == 2 or has_mult)
        if evidence is None:
            return None
    if (first.year_like and (len(group) == 1 or last.year_like) and cur is None
            and not period_written and not payword):
        return None
    if high is not None and high <= 0:
        return None  # "0", "0-0": a board's placeholder for no pay
    if ((cstart < start and _one_off_before(lw, max(0, start - 160), start))
            or (end > last.end and _one_off_in(lw, last.end, end))  # the words read after the amount
            or (end < ntext and _ONE_OFF_AFTER.match(lw, end, min(ntext, end + 32)))):
        return None  # a referral, sign-on or relocation payment is paid once: not a wage rate
    if comp is None and not payword and mpy is None:
        if ((cstart < start and _NONPAY.search(lw, cstart, start))
                or (end < ntext and _NONPAY_AFTER.match(lw, end, min(ntext, end + 40)))):
            return None
    if cur is None:
        cur = default_cur
    elif mkey in _OWN_WORDS:
        cur = _local_rouble(cur, mkey, lw, start, end)
    script_market = None
    if mkey is None and (cur is None or _market_key(cur) is None):
        window = lw[max(0, pstart - 8):end]
        if _CJK.search(window):
            script_market = _ZH_MARKET
        elif _CYR.search(window):
            script_market = _RU_MARKET
        if cur is None and script_market:
            cur = MARKET_CURRENCY[script_market]

    # ---- period ---------------------------------------------------------------
    market = mkey or _market_key(cur) or script_market
    period, basis = _settle_period(period, cur, market, high if high is not None else low,
                                   mpy, bool(comp or payword or field_mode), comp,
                                   in_wan=first.mult == 1e4 or last.mult == 1e4)
    if period is None:
        return None
    if (comp == "bonus" and basis == "market" and period != "year"
            and _ANNUAL_BONUS.search(lw, max(0, pstart - 12), end) is not None):
        period, basis = "year", "written"  # "年终奖2-4万", "годовой бонус": paid once a year
        period_written = True

    implausible = _implausible(low, high, period, cur, market, mpy, comp)
    if implausible and not (comp or payword) and (
            evidence == "money" or (evidence == "field" and not period_written)):
        return None  # "$24B in coverage", "$61bn per year", a phone number: not a wage

    # ---- limits ---------------------------------------------------------------
    if len(group) == 1 and not masked:
        if limit == "upto":
            low = None
        elif limit == "from" or open_low:
            high = None

    return SalaryMention(
        text=text[pstart:end].strip(" ,:;"),
        start=pstart,
        end=end,
        low=low,
        high=high,
        currency=cur,
        period=period,
        period_inferred=not period_written,
        component=comp or "unspecified",
        gross=gross,
        months_per_year=mpy,
        masked=masked,
        period_basis=basis,
        market=market,
        implausible=implausible,
    )
