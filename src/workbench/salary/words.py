"""Reading the words right before an amount (on the reversed window of its clause) and
right after it, and the components joined to a mention ("+ car allowance").
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .model import SalaryMention
from .numbers import _currency_of
from .patterns import (
    _JOIN_COMP,
    _PERIOD_GROUPS,
    _PERIODS,
    _PREFIX_COMP,
    _PREFIX_PERIOD,
    _PREFIX_REV,
    _SIGNS,
    _TRAIL,
    _TRAIL_SEP,
    _comp_of,
)

# The clause separators "\n", ". ", "; ", "! ", "? ", "。", "；" written
# reversed, for a search on the reversed window before an amount.
_CLAUSE_SEP_REV = re.compile(r"\n| [.;!?]|。|；")


def _clause_rev(lw: str, lo: int, pos: int) -> tuple[int, str]:
    """(start, reversed text) of the clause before ``pos`` (no further back
    than ``lo`` or 64 chars).

    One search on the reversed window (which _build reads anyway) instead of
    an ``rfind`` per separator: the first separator found there is the one
    ending nearest before ``pos``, i.e. the largest ``rfind`` hit end, so the
    clause start is the same.
    """
    cut = max(lo, pos - 64)
    rev = lw[pos - 1:cut - 1:-1] if cut else lw[pos - 1::-1] if pos else ""
    if pos - cut >= 3:
        m = _CLAUSE_SEP_REV.search(rev)
        if m is not None:
            rev = rev[:m.start()]
    return pos - len(rev), rev


_NOTHING_BEFORE = (None, None, None, None, False, 0)


def _read_before(rev: str) -> tuple:
    """``(limit, component, period, gross, payword, length)`` of the words right before
    an amount, read on the reversed window ``rev`` ("up to", "basic", "annual", "net")."""
    limit = comp = period = gross = None
    payword = False
    rpos = 0
    for _ in range(4):
        pm = _PREFIX_REV.match(rev, rpos)
        if pm is None:
            break
        kind = pm.lastgroup
        rpos = pm.end()
        if kind in ("upto", "from", "about", "between"):
            limit = limit or kind
        elif kind in _PREFIX_COMP:
            comp = comp or kind
        elif kind in _PREFIX_PERIOD:
            period = period or _PREFIX_PERIOD[kind]
            word = pm.group(kind)
            payword = payword or "薪" in word or "yralas" in word
        elif kind in ("pgross", "pnet"):
            gross = kind == "pgross"
        else:
            payword = True
    return limit, comp, period, gross, payword, rpos


# A short heading line naming on-target earnings ("Total Targeted Cash", "OTE range:").
_OTE_HEADING = re.compile(
    r"[ \t*#•\-–]*(?:ote|on[- ]target[ \t]+(?:earnings|compensation|cash)(?:[ \t]+\(ote\))?"
    r"|total[ \t]+target(?:ed)?[ \t]+(?:cash|compensation|earnings)|target[ \t]+total[ \t]+(?:cash|compensation)"
    r"|ttc)(?:[ \t]+range)?[ \t:*]*")


def _heading_component(lw: str, pstart: int) -> str | None:
    """``"ote"`` when a figure opens its line under a heading naming on-target earnings
    ("Total Targeted Cash\n\n$129,000—$206,000 USD"), blank lines between; else None."""
    line_start = lw.rfind("\n", max(0, pstart - 80), pstart) + 1
    if line_start == 0 or lw[line_start:pstart].strip(" \t-–—•*·|:"):
        return None
    head_end = line_start - 1
    while head_end > 0 and lw[head_end - 1] in "\n \t":
        head_end -= 1
    head_start = lw.rfind("\n", max(0, head_end - 48), head_end) + 1
    if head_start == 0 and head_end > 48:
        return None  # the line above is longer than a heading
    return "ote" if _OTE_HEADING.fullmatch(lw, head_start, head_end) else None


# A period adjective before a pay noun in a figure's clause ("The hourly rate for this role is
# £12.50", "the hourly range is $22 to $28", "почасовая ставка ... 15 BYN").
_CLAUSE_PERIOD = re.compile(
    r"(?<![a-zа-яё])(?:(?P<hour>hourly|почасов[а-яё]*)|(?P<year>annual|yearly|годов[а-яё]*)"
    r"|(?P<month>monthly|ежемесячн[а-яё]*)|(?P<week>weekly|еженедельн[а-яё]*)|(?P<day>daily))"
    r"[ \u00a0]+(?:base[ \u00a0]+|basic[ \u00a0]+)?"
    r"(?:pay|rate|salary|wage|range|compensation|оплат|ставк|зарплат|заработн|доход|оклад)"
    # pay per shift or per hour named before the figure ("Оплата за смену — 3 000 ₽")
    r"|(?<![а-яё])(?:оплат[аы]|ставк[аи]|зарплат[аы]|з/п)[ \u00a0]+(?:за|в)[ \u00a0]+"
    r"(?:(?P<day2>смену|день|выход)|(?P<hour2>час))(?![а-яё])")
# A bonus, commission or allowance named in a figure's clause ("Бонус за выполнение плана
# 50 000 руб.", "Выплачиваем бонус за каждую закрытую вакансию — 10 000 руб.", "компенсация
# фитнеса 3000 руб. в месяц", "компенсируем аренду до 30 000 руб."; not "компенсационный пакет",
# the pay package): with no wage word in the clause the figure is that part of pay, not the wage.
_CLAUSE_PART = re.compile(
    r"(?<![a-zа-яё])(?:(?P<ote>ote|on[- ]target[ \u00a0]+(?:earnings|compensation|cash)"
    # what the job's holders typically earn, not its advertised pay ("reps typically earn $60,000
    # to $90,000 in their first year", "average first-year earnings are $85,000")
    r"|(?:typically|usually|on[ \u00a0]+average|realistically|average)[ \u00a0]+(?:earn|earns|earned|make|makes|made)"
    r"|(?:average|typical|realistic|expected)[ \u00a0]+(?:first[- ]year[ \u00a0]+|annual[ \u00a0]+|total[ \u00a0]+)?earnings"
    r"|earnings?[ \u00a0]+potential|средн(?:ий|его|ем|ие|их)[ \u00a0]+(?:доход|заработ)[а-яё]*)"
    r"|(?P<bonus>bonus(?:es)?|бонус[а-яё]*|преми(?:я|и|ю|ей|ях|ями))"
    r"|(?P<commission>commissions?|комиссионн[а-яё]*)"
    r"|(?P<allowance>компенсаци(?:я|и|ю|ей)|компенсиру[а-яё]*))(?![a-zа-яё])")
_CLAUSE_WAGE = re.compile(
    r"salar|wage|(?<![a-z])(?:pay|base|basic|earn[a-z]*|income|rates?|compensation)(?![a-z])"
    r"|оклад|зарплат|заработ|з/п|(?<![а-яё])зп(?![а-яё])|доход|ставк|оплат|薪")


def _clause_reading(lw: str, cstart: int, pstart: int, comp, after: _After):
    """The component a figure of running text takes from its clause before it (``comp``
    when the words right beside it named none): on-target earnings, a bonus, a commission
    or an allowance named there with no wage word in the rest of the clause ("The On
    Target Earnings range for this role is $300,000 - $360,000"). The period the clause names, written, when none is written
    beside the figure (set on ``after``). Read on ``lw[cstart:pstart]`` (a clause of at
    most 64 characters, :func:`_clause_rev`)."""
    if pstart - cstart < 5:
        return comp
    if after.period is None:
        last = None
        for m in _CLAUSE_PERIOD.finditer(lw, cstart, pstart):
            last = m
        if last is not None:
            after.period = last.lastgroup.rstrip("2")  # type: ignore[union-attr]
    if comp is None:
        part = _CLAUSE_PART.search(lw, cstart, pstart)
        if (part is not None and _CLAUSE_WAGE.search(lw, cstart, part.start()) is None
                and _CLAUSE_WAGE.search(lw, part.end(), pstart) is None):
            comp = part.lastgroup
        elif _TYPICALLY.search(lw, cstart, pstart) is not None and _EARN_NEXT.match(lw, pstart):
            comp = "ote"  # "reps typically earn $60,000 to $90,000": the figure's own "earn"
    return comp


# "typically" right before the verb that opens a figure ("reps typically earn $60,000"), or
# "average" before its noun ("Average first-year earnings: $88,000").
_TYPICALLY = re.compile(r"(?<![a-zа-яё])(?:typically|usually|on[ \u00a0]+average|realistically|в[ \u00a0]+среднем"
                        r"|(?:average|typical|expected|realistic)(?:[ \u00a0]+(?:first[- ]year|annual|total))?)"
                        r"[ \u00a0]+\Z")
_EARN_NEXT = re.compile(r"(?:earn|earns|earned|make|makes|made|earnings|зарабатыва[а-яё]+|получа[а-яё]+)"
                        r"(?![a-zа-яё])")


# How far into a text its title reaches (an API snippet's title runs on into its body).
TITLE_REACH = 200
# A currency code between a figure and the next word ("75,000 GBP Bonus").
_CODE_GAP = re.compile(r"[ \u00a0]*(?:[a-z]{3}[ \u00a0]+)?")


def _title_item_next(text: str, lw: str, end: int) -> bool:
    """Is the figure ending at ``end`` in the title that opens a text (its first
    TITLE_REACH characters, at most one line break before it), with a capitalised word
    after it ("£60,000 to 75,000 GBP Bonus Hybrid", "Up to £85K Bonus, Remote")? That
    word is the title's next item, not what the figure is."""
    if end > TITLE_REACH or not text or lw.count("\n", 0, end) > 1:
        return False
    at = _CODE_GAP.match(lw, end).end()  # type: ignore[union-attr]
    if at == end or at >= len(text):
        return False  # glued to the figure ("£85KBonus") or nothing after it
    return text[at].isupper() and text[at + 1:at + 2].islower()


# A component word followed by a colon labels what comes next ("Commission: ...").
_LABEL_AFTER = re.compile(r"[ \u00a0]*[:：]")
_AMOUNT_NEXT = re.compile(r"[ \u00a0]*(?:of[ \u00a0]+)?[" + _SIGNS + r"\d]")
# A range cut off by a snippet's end ("Rate: £565 -…").
_CUT_RANGE = re.compile(r"[ \u00a0]*[-–—][ \u00a0]*(?:…|\.\.\.)[ \u00a0]*\Z")
# A "+" standing apart at the very end of the text ("£30,000 +", "$45/hr +"): and up.
_PLUS_END = re.compile(r"[ \u00a0]+\+\s*\Z")
# "$4,000 + per month": a "+" standing apart before a period word.
_PLUS_PERIOD = re.compile(r"[ \u00a0]+\+(?=[ \u00a0]*(?:" + _PERIODS + r"))")


@dataclass(slots=True)
class _After:
    """What the words right after an amount say (see :func:`_read_after`)."""

    period: str | None
    gross: bool | None
    end: int
    mpy: int | None = None
    comp: str | None = None
    cur: str | None = None
    est: bool = False
    open_low: bool = False
    below: bool = False


# Parts of pay that a pay word before the amount outranks ("Salary: £45,000 - £54,000
# Bonus, Benefits": the bonus is the next item, not what the range is).
_PART_WORDS = frozenset({"bonus", "commission", "allowance"})


def _read_after(lw: str, end: int, hi_limit: int, period, gross, pay_named: bool = False) -> _After:
    """Periods, gross/net, components, currencies, ``·13薪``, "+" and "(est.)" after an
    amount, up to 64 characters and no further than the next amount (``hi_limit``).
    ``pay_named``: a pay word ("Salary:") names the amount, so a bonus, commission or
    allowance word after it starts the next item and is not read."""
    out = _After(period, gross, end)
    pos = end
    ntext = len(lw)
    plus = _PLUS_PERIOD.match(lw, pos)
    if plus is not None and _JOIN_COMP.match(lw, pos) is not None:
        plus = None  # "$72,000 - $85,000 + annual bonus": a component joined on, not "+ per year"
    if ntext - pos <= 8 and _CUT_RANGE.match(lw, pos) is not None:
        out.open_low = True  # "Rate: £565 -…": a snippet cut off the range's top, the bottom stands
    elif plus is not None:
        out.open_low = True  # "$4,000 + per month": an open-ended minimum, monthly
        pos = plus.end()
    elif pos < ntext and lw[pos] == "+" and not _JOIN_COMP.match(lw, pos):
        out.open_low = True  # "£45k+": an open-ended minimum
        pos += 1
    elif ntext - pos <= 6 and _PLUS_END.match(lw, pos) is not None:
        out.open_low = True  # "£30,000 +" closing the text: an open-ended minimum
        pos = ntext
    tail_end = min(ntext, pos + 64)
    for _ in range(6):
        if pos >= tail_end or (pos >= hi_limit and pos > end):
            break
        m = _TRAIL.match(lw, pos, tail_end)
        if m is None or (m.lastgroup == "comp" and _comp_labels_next(lw, m.end())):
            m = _next_trail(lw, pos, tail_end) if m is None else None
        if m is None or (pay_named and m.lastgroup == "comp"
                         and _comp_of(m.group("comp")) in _PART_WORDS) or not _take_trail(out, m):
            break
        if m.lastgroup in ("mpy", "mpy13", "mpyx"):
            hi_limit = tail_end  # "·13薪" holds the next token; read on past it
        pos = m.end()
    if pos > end and pos < ntext and lw[pos] == "+" and not _JOIN_COMP.match(lw, pos):
        out.open_low = True  # "$45/hr+"
        pos += 1
    elif pos > end and ntext - pos <= 6 and _PLUS_END.match(lw, pos) is not None:
        out.open_low = True  # "$45/hr +"
        pos = ntext
    out.end = pos
    return out


def _comp_labels_next(lw: str, pos: int) -> bool:
    """A component word followed by a colon or an amount names the next item ("Base:
    $85k-110k Commission: ...", "Basic 25000 OTE 40000"), not the amount before it."""
    return _LABEL_AFTER.match(lw, pos) is not None or _AMOUNT_NEXT.match(lw, pos) is not None


def _next_trail(lw: str, pos: int, tail_end: int):
    """A word read after a separator (", (gross)", "/ month") when none follows at once."""
    sm = _TRAIL_SEP.match(lw, pos, tail_end)
    if sm is None:
        return None
    m = _TRAIL.match(lw, sm.end(), tail_end)
    if m is None or m.lastgroup in ("comp", "tcur", "mpy"):
        return None
    return m


def _take_trail(out: _After, m: re.Match) -> bool:
    """Record one word read after an amount; False when it ends the reading."""
    g = m.lastgroup
    if g == "unit":
        g = m.group("unit")
    if g in _PERIOD_GROUPS:
        if out.period is None:
            out.period = g
        return out.period == g
    if g in ("gross", "net"):
        out.gross = g == "gross"
    elif g in ("mpy", "mpy13", "mpyx"):
        out.mpy = int(m.group(g))
    elif g == "comp":
        if out.comp is not None:
            return False
        out.comp = _comp_of(m.group("comp"))
    elif g == "tcur":
        if out.cur is None:
            out.cur = _currency_of(m.group("tcur"))
    elif g == "above":
        out.open_low = True
    elif g == "below":
        out.below = True
    elif g == "b2b":
        pass  # "netto (+ VAT)": neither gross nor net pay
    else:
        out.est = True
    return True


_JSON_UNIT = re.compile(r"[ \u00a0]+(?:YEAR|MONTH|WEEK|DAY|HOUR)[ \u00a0]*(?:\Z|[;,)])")


def _json_unit(text: str, end: int) -> bool:
    """A JSON-LD unitText right after a figure at the end of a pay field ("... 38000 YEAR"):
    the period, not a duration."""
    return _JSON_UNIT.match(text, end) is not None


# What may follow a bare figure in a pay field: joined components ("+ bonus", "plus
# package") or qualifiers ("DOE", "depending upon experience", "pro rata", "negotiable").
_FIELD_QUALIFIER = re.compile(
    r"[ \u00a0,]*(?:\(?d\.?o\.?e\.?\)?|pro[ -]?rata|\(?depend(?:s|ing|ent)\s+(?:up)?on\s+"
    r"(?:(?:skills?|qualifications?|knowledge)\s+(?:and|&)\s+)?experience\)?"
    r"|negotiable|neg\.?|o\.?n\.?o\.?|or\s+nearest\s+offer|approx(?:\.|imately)?|circa|inc(?:l\.?|luding)?\s+benefits|(?:plus|\+)\s*package|gross|net"
    r"|\(?fte\)?|\(?full[ -]time\s+equivalent\)?)(?![a-z])"  # "17000 pro rata (34000 FTE)"
    r"|[ \u00a0]*(?:五险一金|六险一金|双休|包吃住)"  # benefits, not pay (no mention)
    r"|[ \u00a0]*(?:\+|plus[ \u00a0])")  # "23000 - 25000 + OTE 35000"


def _field_tail(lw: str, end: int) -> bool:
    """Do the words after a bare figure in a pay field only join components or qualify it?"""
    return _JOIN_COMP.match(lw, end) is not None or _FIELD_QUALIFIER.match(lw, end) is not None


def _chain_end(lw, pos):
    """Where the components chained from ``pos`` end, as :func:`_join_chain` reads them
    (the same matches, no mentions built)."""
    for _ in range(5):
        m = _JOIN_COMP.match(lw, pos, min(len(lw), pos + 80))
        if m is None:
            break
        pos = m.end()
    return pos


def _join_chain(lw, text, pos, currency, market):
    """(mentions, end) for the components chained from ``pos``."""
    out = []
    for _ in range(5):
        m = _JOIN_COMP.match(lw, pos, min(len(lw), pos + 80))
        # The pattern holds no digits but a percentage ("+ 10% bonus"), so
        # it cannot run over the next amount.
        if m is None:
            break
        kind = m.lastgroup
        if kind != "skip":
            s = m.start(kind)
            out.append(SalaryMention(
                text=text[s:m.end()], start=s, end=m.end(), low=None, high=None,
                currency=currency, period=None, period_inferred=False,
                component=kind, gross=None, months_per_year=None, masked=False,
                period_basis=None, market=market))
        pos = m.end()
    return out, pos
