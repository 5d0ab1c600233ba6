"""One mention from one amount or a two-amount range, in named stages: the span, the
values, the words around, the evidence that it is pay, the currency and market, the
period, the limits.
"""

from __future__ import annotations

import re
from typing import Any, Final

from .evidence import _HEADER_REACH, _one_off_before, _one_off_in, _text_evidence, board_header_figure
from .model import _RU_MARKET, _ZH_MARKET, CONVENTIONS, MARKET_CURRENCY, SalaryMention, _market_key
from .numbers import _LETTERS, _shared_thousands, _Tok, openers
from .patterns import (
    _ANNUAL_BONUS,
    _CJK,
    _CYR,
    _FIELD_PAY,
    _LABEL_REV,
    _NONPAY,
    _NONPAY_AFTER,
    _ONE_OFF_AFTER,
    _PHONE_HEAD,
    _PHONE_TAIL,
    _POUND,
    _PREFIX_REV,
    _RETIREMENT,
    _TRAIL,
    _TRAIL_SEP,
    _UNIT_AFTER,
    _WORD_AFTER,
    _WORD_BEFORE_REV,
)
from .plausible import _OWN_WORDS, _implausible, _local_rouble, _settle_period
from .words import (
    _NOTHING_BEFORE,
    _PLUS_PERIOD,
    _clause_reading,
    _clause_rev,
    _field_tail,
    _heading_component,
    _json_unit,
    _next_trail,
    _read_after,
    _read_before,
    _title_item_next,
)


def _build(text: str, lw: str, group: list[_Tok], lo: int, hi_limit: int, default_cur: str | None,
           mkey: str | None, field_mode: Any) -> SalaryMention | None:
    """One mention from one amount or a two-amount range, or None if not pay.

    The stages, each a function below: the span (identifiers, phones, units), the
    tokens' values, the words before and after, the evidence that the figure is pay,
    its currency and market, its period and plausibility, and the open end of a
    single figure ("up to £40k").
    """
    first, last = group[0], group[-1]
    start = first.start
    if _span_is_code(text, lw, start, last.end, field_mode):
        return None
    window = None
    if not field_mode and first is last and _bare(first):
        window = _window_before(lw, lo, start, False)
        if _nothing_around(lw, window[1], first.end, start):
            return None  # a bare number or mask of running text with no word beside it: no evidence
    # Lazy tokens (long texts, see _tokens) are parsed only now: the checks
    # above read nothing but the spans and the words around, so the outcome is unchanged.
    if first.m is not None:
        first.read()
    if last.m is not None:
        last.read()
    if _token_is_code(lw, first, last):
        return None
    cstart, rev = window or _window_before(lw, lo, start, field_mode)
    if first.cur is None and rev and _LABEL_REV.match(rev, 0, 24):
        return None
    masked = first.masked or last.masked
    values = _values(first, last, len(group) == 2, masked)
    if values is None:
        return None
    low, high = values
    limit, comp, payword, rpos, after = _words_around(lw, last.end, rev, hi_limit, field_mode, text)
    pstart, end = start - rpos, after.end
    if not field_mode and not (first is last and _bare(first)):
        comp = _clause_reading(lw, cstart, pstart, comp, after)  # "hourly rate ... is £12.50"
    if comp is None and not field_mode and (pstart == 0 or lw[pstart - 1] in "\n \t"):
        comp = _heading_component(lw, pstart)  # "Total Targeted Cash\n\n$129,000—$206,000"
    cur = first.cur or last.cur
    if cur is None:
        cur = after.cur
    evidence = _pay_evidence(text, lw, group, cstart, rev, rpos, cur, comp, payword, after,
                             masked, high, field_mode)
    if evidence is None:
        return None
    cur_written = cur is not None
    cur, market = _currency_and_market(lw, cur, default_cur, mkey, start, end, pstart)
    period, basis = _settle_period(after.period, cur, market, high if high is not None else low,
                                   after.mpy, bool(comp or payword or field_mode
                                                   or _clause_wage(evidence, cur_written, market, len(group))),
                                   comp,
                                   in_wan=first.mult == 1e4 or last.mult == 1e4, lowest=low)
    if period is None:
        return None
    if _annual_bonus(lw, comp, basis, period, pstart, end):
        period, basis = "year", "written"  # "年终奖2-4万", "годовой бонус": paid once a year
    written = basis == "written"
    implausible = _implausible(low, high, period, cur, market, after.mpy, comp)
    if implausible and not (comp or payword) and (
            evidence == "money" or (evidence == "field" and not written)):
        return None  # "$24B in coverage", "$61bn per year", a phone number: not a wage
    if len(group) == 1 and not masked:
        low, high = _open_ends(low, high, limit, after.open_low)
    # The fields in their order (text, start, end, low, high, currency, period,
    # period_inferred, component, gross, months_per_year, masked, period_basis, market,
    # implausible; a test checks it): a call by position costs a third of one by keyword.
    return SalaryMention(text[pstart:end].strip(" ,:;"), pstart, end, low, high, cur, period,
                         not written, comp or "unspecified", after.gross, after.mpy, masked,
                         basis, market, implausible)


def _bare(tok: _Tok) -> bool:
    """A token with no currency or multiplier (a number, or a mask such as Markdown's "**"),
    judged on its match when it is still lazy (an unknown currency mark or a multiplier said
    twice count as written: the test only ever errs towards reading the token in full)."""
    m = tok.m
    if m is None:
        return tok.cur is None and tok.mult is None
    return tok.cpre is None and m.group("csuf") is None and m.group("mult") is None


# The characters the words read before a figure (reversed) and after it can start with: a
# text with none of them there needs none of those patterns tried (read from the patterns).
_BEFORE_OPENERS = openers(_PREFIX_REV)  # not Final: a test switches the gate off
_AFTER_OPENERS = openers(_PLUS_PERIOD, _TRAIL, _TRAIL_SEP)
if _AFTER_OPENERS is not None:
    _AFTER_OPENERS |= {"+"}


def _nothing_around(lw: str, rev: str, end: int, start: int = 0) -> bool:
    """No word before or after a figure that :func:`_words_around` would read: no limit,
    component, period, gross/net or pay word before it (on the reversed clause ``rev``),
    and nothing :func:`_read_after` takes right after it ("+", a period, a component, a
    currency ...). A bare number of running text so placed has no pay evidence
    (:func:`_text_evidence` needs a currency, a period, a range, a multiplier or a word),
    nor has a bare mask (:func:`_pay_evidence` needs one of those or a gross/net word)."""
    if rev and (_BEFORE_OPENERS is None or rev[0] in _BEFORE_OPENERS) and _PREFIX_REV.match(rev) is not None:
        return False
    if end >= len(lw):
        return True
    if end < _HEADER_REACH and lw[end] in "\n " and board_header_figure(lw, start, end):
        return False  # a board header's pay line (evidence.board_header_figure)
    if _AFTER_OPENERS is not None and lw[end] not in _AFTER_OPENERS:
        return True  # ". Skills", "**Invoicing**": no word after it can be read (none starts so)
    if lw[end] == "+" or _PLUS_PERIOD.match(lw, end) is not None:
        return False
    tail_end = min(len(lw), end + 64)
    return _TRAIL.match(lw, end, tail_end) is None and _next_trail(lw, end, tail_end) is None


def _clause_wage(evidence: str, cur_written: bool, market, n_amounts: int) -> bool:
    """A range of money figures with a pay word in its clause is a wage however small where
    ads state annual pay and write hourly wages bare ("the salary range for this job is
    $18.76 - $28.14"). A lone small sum so placed may be a fee or a price; where pay is
    monthly (RU, BY, CN) a small range so placed is a shift's pay or a clock time ("с 8.00
    до 17.30"). Both need the pay word beside them."""
    return (evidence == "clause" and cur_written and n_amounts == 2
            and CONVENTIONS.get(market or "default", CONVENTIONS["default"]).default_period == "year")


# A share after a money figure whose separator was lost ("Up to £130,000  15% Bonus" read with
# its doubled spaces collapsed): the next figure is a percentage, not more digits of this one.
_SHARE_NEXT: Final = re.compile(r"[ \u00a0]\d{1,3}(?:\.\d{1,2})?[ \u00a0]?%")


def _money_then_share(lw: str, start: int, end: int) -> bool:
    """A figure written with a currency sign before it, then a share ("£130,000 15%")."""
    return not lw[start].isdigit() and _SHARE_NEXT.match(lw, end) is not None


def _span_is_code(text: str, lw: str, start: int, end: int, field_mode) -> bool:
    """An identifier, phone number, time, date or unit, judged on the span alone (before
    the tokens are read): "725-63-57", "20:00", "24/7", "5 years", "(415) 555-0132"."""
    ntext = len(lw)
    if end < ntext:
        if (_UNIT_AFTER.match(lw, end) is not None and not (field_mode and _json_unit(text, end))
                and not _money_then_share(lw, start, end)):
            return True
        if end + 1 < ntext and lw[end] in "-–—:/." and lw[end + 1].isdigit():
            return True  # phone, time, date or code: 725-63-57, 20:00, 24/7
    if start >= 2 and lw[start - 1] in "-–—/:" and lw[start - 2].isdigit():
        return True  # the tail of such a code
    # a parenthesised area code: +1 (415) 555-0132, 8 (495) 123-45-67
    return (start > 0 and lw[start - 1] == "(" and end < ntext and lw[end] == ")"
            and _PHONE_TAIL.match(lw, end + 1) is not None)


def _token_is_code(lw: str, first: _Tok, last: _Tok) -> bool:
    """A phone number's later group ("07700 900123", "+44 7700 900123"), a leading zero
    ("07700"), a retirement plan ("401(k)") or a tax form ("(1099)"), judged on the read
    tokens."""
    start = first.start
    if (start >= 4 and lw[start - 1] in " \u00a0" and lw[start - 2].isdigit() and first.cur is None
            and _PHONE_HEAD.search(lw, max(0, start - 14), start) is not None):
        return True
    if first.lead_zero or last.lead_zero:
        return True
    if (first.value == 401 or first.value == 403) and _RETIREMENT.match(lw, start + 3) is not None:
        return True
    return first.value == 1099 and _tax_form(lw, first, last)


# After a bare 1099: what makes it the US contractor's tax form ("(1099)", "1099 contract").
_TAX_FORM_AFTER: Final = re.compile(r"\)|[ \u00a0]+(?:contract(?:or)?|basis|only|position|role|employee|or[ \u00a0]+w-?2)(?![a-z])")
# ... or closing a pay field after its pay ("$60/hr 1099").
_TAX_FORM_END: Final = re.compile(r"[ \u00a0]*\Z")


def _tax_form(lw: str, first: _Tok, last: _Tok) -> bool:
    """"(1099)", "on 1099", "1099 contractor", "$60/hr 1099": the US contractor's tax form,
    not an amount."""
    if first is not last or first.cur is not None or first.mult is not None:
        return False
    before = lw[max(0, first.start - 4):first.start]
    return (before.endswith(("(", "on ", "via ")) or _TAX_FORM_AFTER.match(lw, first.end) is not None
            or (first.start > 0 and lw[:first.start].strip() != "" and _TAX_FORM_END.match(lw, first.end) is not None))


def _window_before(lw: str, lo: int, start: int, field_mode) -> tuple[int, str]:
    """(start, reversed text) of what is read before an amount: in a pay field all of it
    since ``lo``, in running text the amount's clause (:func:`_clause_rev`)."""
    if not field_mode:
        return _clause_rev(lw, lo, start)
    rev = lw[start - 1:lo - 1:-1] if lo else lw[start - 1::-1] if start else ""
    return lo, rev


def _values(first, last, is_range: bool, masked: bool):
    """(low, high) of one amount or a range (``(None, None)`` when masked), or None for a
    range that runs backwards ("50-20")."""
    if masked:
        return None, None
    if not is_range:
        v = first.value * (first.mult or 1.0)
        return v, v
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
        return (b, a) if _reversed_money(first, last, a, b) else None
    return a, b


def _reversed_money(first: _Tok, last: _Tok, a: float, b: float) -> bool:
    """A range of money written high end first ("$100,000- $75,000", "£35,000 - £30,000"):
    a currency before the first figure, the second money-sized or with its own sign, and the
    two ends within a factor of three (not "50-20", a code or a count)."""
    return first.cur is not None and (last.cur is not None or b >= 1000) and a <= 3 * b


def _words_around(lw: str, end: int, rev: str, hi_limit: int, field_mode, text: str = ""):
    """``(limit, component, payword, length before, after)``: the words before the amount
    (read on ``rev``) and after it (an :class:`_After`, whose component wins). In a text's
    title a capitalised word after the figure is the title's next item ("Up to £85K Bonus,
    Remote"), as a pay word before the figure would make it."""
    limit, comp, period, gross, payword, rpos = _read_before(rev) if rev else _NOTHING_BEFORE
    named = (payword and comp is None) or (not field_mode and _title_item_next(text, lw, end))
    after = _read_after(lw, end, hi_limit, period, gross, named)
    if after.comp is not None:
        comp = after.comp
    if after.below or (field_mode and limit is None and rev.strip() == "ot"):
        limit = "upto"  # "8千以下"; a pay field's "to 9.50 per hour" (rev is reversed)
    return limit, comp, payword, rpos, after


def _pay_evidence(text: str, lw: str, group: list[_Tok], cstart: int, rev: str, rpos: int, cur, comp,
                  payword, after, masked, high, field_mode) -> str | None:
    """How a figure is shown to be pay: ``"field"`` in a pay field, else the evidence of
    running text (``"named"``, ``"clause"``, ``"money"``: :func:`_text_evidence`); None
    when it is not pay."""
    first, last = group[0], group[-1]
    end = after.end
    has_mult = first.mult is not None or last.mult is not None
    period_written = after.period is not None
    told = comp is not None or payword or after.mpy is not None  # pay told in words beside it
    named = told or after.gross is not None
    strong = cur is not None or period_written or named or after.est
    if masked and not (cur or has_mult or strong):
        return None
    if _weight_or_code(text, lw, first, last, end, cur, has_mult, period_written, told):
        return None
    evidence: str | None
    if field_mode:
        if not strong and not _bare_field_pay(lw, group, end, rev, rpos, high, has_mult):
            return None
        evidence = "field"
    else:
        evidence = _text_evidence(lw, first.start - rpos, end, cur, after.period, after.est, named,
                                  len(group) == 2 or has_mult)
        if evidence is None:
            return None
    # A pay field's "$3,200/month stipend" is its pay, and a field whose one figure opens it
    # and is called a bonus by the words after it ("$8,500 signing bonus") states that
    # bonus: no one-off test for either ("Referral bonus £1,000", "Salary £3,000 sign-on
    # bonus", "£2,000 sign on bonus and salary £30,000" keep it).
    periodic = evidence == "field" and (
        (after.comp == "bonus" and not payword and not lw[:first.start].strip(_SIGN_CHARS)
         and _DIGIT.search(lw, end) is None)
        or (period_written and _FIELD_PAY.search(lw) is not None))
    if _not_a_wage(lw, group, cstart, end, high, cur, period_written, payword, told, periodic):
        return None
    return evidence


# What may stand before the figure that opens a pay field: blanks and a currency sign.
_SIGN_CHARS: Final = " \u00a0$£€¥₽₹"
_DIGIT: Final = re.compile(r"\d")


def _bare_field_pay(lw: str, group: list[_Tok], end: int, rev: str, rpos: int, high, has_mult) -> bool:
    """Is a bare figure of a pay field (no sign, period or pay word) its pay? It stands
    alone ("35-40k"; a bare "to 26k" is an upper bound), or only joined components or
    qualifiers follow it ("32000 + bonus", "32000 DOE"); a range of money-sized figures is
    pay whatever word follows it ("25000 - 28000 Annum", "25000 - 28000 ono"), as a word
    after it is no unit (those are codes, see _span_is_code)."""
    if rev and _WORD_BEFORE_REV.match(rev, rpos) and rev.strip() != "ot":
        return False
    if not _WORD_AFTER.match(lw, end) or _field_tail(lw, end):
        return True
    return len(group) == 2 and (has_mult or (high is not None and high >= 1000))


def _weight_or_code(text: str, lw: str, first: _Tok, last: _Tok, end: int, cur, has_mult, period_written,
                    told) -> bool:
    """"lift 50 pounds" (a weight, unless pay is said) or "12abc" (a code or a unit; but
    "£600 p/dThe Role" is a lost line break)."""
    if (cur == _POUND and not has_mult and not (period_written or told)
            and "pound" in lw[first.start:end] and "£" not in lw[first.start:end]):
        return True
    return end < len(lw) and lw[end] in _LETTERS and not _lost_break(text, end, cur, period_written
                                                                      and end > last.end)


def _lost_break(text: str, end: int, cur, period_read: bool) -> bool:
    """Is the capital right after a figure a line break lost in scraping? After a period
    word ("£600 p/dThe Role"), or after money glued to a word or to OTE ("$85,000OTE
    $120,000", "$182,000Benefits"); not a code's letters ("12abc", "5G")."""
    if not text[end].isupper():
        return False
    return period_read or (cur is not None and (text[end + 1:end + 2].islower()
                                                or text.startswith("OTE", end)))


def _not_a_wage(lw: str, group: list[_Tok], cstart: int, end: int, high, cur, period_written, payword, told,
                periodic=False) -> bool:
    """A year ("2024"), a zero placeholder ("0-0"), a one-off payment (a referral or
    sign-on bonus, a relocation payment; not tested for a ``periodic`` stipend of a pay
    field) or money that is not pay (a budget, revenue)."""
    first, last = group[0], group[-1]
    start = first.start
    ntext = len(lw)
    if (first.year_like and (len(group) == 1 or last.year_like) and cur is None
            and not period_written and not payword):
        return True
    if high is not None and high <= 0:
        return True  # "0", "0-0": a board's placeholder for no pay
    if not periodic and (
            (cstart < start and _one_off_before(lw, max(0, start - 160), start))
            or (end > last.end and _one_off_in(lw, last.end, end))  # the words read after the amount
            or (end < ntext and _ONE_OFF_AFTER.match(lw, end, min(ntext, end + 32)))):
        return True
    if told:
        return False
    return bool((cstart < start and _NONPAY.search(lw, cstart, start))
                or (end < ntext and _NONPAY_AFTER.match(lw, end, min(ntext, end + 40))))


def _currency_and_market(lw: str, cur, default_cur, mkey, start: int, end: int, pstart: int) -> tuple:
    """(currency, market) of a figure: the currency written, else the caller's; a market
    that reads another currency's words as its own has its say ("руб." in Belarus); with
    neither market nor known currency, the script around the figure (Chinese -> CN,
    Cyrillic -> RU) gives the market, and its currency when none is known."""
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
    return cur, mkey or _market_key(cur) or script_market


def _annual_bonus(lw: str, comp, basis, period, pstart: int, end: int) -> bool:
    """A bonus the market's convention made monthly that the text calls annual."""
    return (comp == "bonus" and basis == "market" and period != "year"
            and _ANNUAL_BONUS.search(lw, max(0, pstart - 12), end) is not None)


def _open_ends(low, high, limit, open_low):
    """(low, high) of a single figure with a limit word: "up to" leaves the low end open,
    "from" or a trailing "+" the high end."""
    if limit == "upto":
        return None, high
    if limit == "from" or open_low:
        return low, None
    return low, high
