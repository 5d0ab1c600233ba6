"""Pay evidence in running text: a pay word in the figure's clause or heading, a money
figure standing alone on its line, one-off payments and schedules that are not pay.
"""

from __future__ import annotations

import re

from .patterns import _ONE_OFF, _PAYWORD, _SCHEDULE, _WAGE_WORD

# ---- pay evidence in running text --------------------------------------------------

# A job board's own estimate after a figure ("£52,706\nper year - estimated"): not the
# advertiser's pay.
_BOARD_ESTIMATE = re.compile(
    r"\s*(?:(?:per|a|an)[ \u00a0]+(?:year|annum|month|week|day|hour)[ \u00a0]*)?"
    r"[-–—(]?[ \u00a0]*(?:estimated|est\.)(?![a-z])")
# Where a figure standing on its own ends: a line, or a piece of a title line
# ("Data Analyst | £45,000 | Hybrid", "Data Engineer - Up to £140,000 Benefits").
_SEGMENT_SEPS = (" | ", "|", " - ", " – ", " — ", "•", " · ", ", ", ". ")
_LINE_REACH = 300


def _text_evidence(lw: str, pstart: int, end: int, cur, period, est: bool, named: bool,
                   shaped: bool) -> str | None:
    """The pay evidence tied to a figure of running text: ``"named"``, ``"clause"``,
    ``"money"`` or None (not pay).

    ``cur`` and ``period`` are the currency and period written beside the figure (None
    when not written); ``named`` says a pay word or pay component, gross/net or a
    months' count is right next to it; ``shaped`` that the figure is a range or has a
    multiplier ("35-40k"). Evidence: such a word (``named``); a pay word in the figure's
    clause or in a short heading line right above it, for a money figure or a figure
    with a period, a range or a multiplier (``clause``); a money figure with a written
    period, standing alone on its line or as a piece of a title line, or a range of
    money figures (``money``: the caller drops it when the amount is implausible). Not
    pay, whatever else: a job board's estimate ("per year - estimated"), and "N per
    week/day" with no currency beside hours, shifts, visits or meetings (a schedule).
    """
    if est or _BOARD_ESTIMATE.match(lw, end) is not None:
        return None
    if not (named or cur is not None or period is not None or shaped):
        # a bare number: only a pay word right next to it would make it pay, or the pay line
        # of a job board's page header ("...\n\n 38000\n\nPermanent \nPart time")
        return "money" if board_header_figure(lw, pstart, end) else None
    # The far end of a range tried alone (the range was no pay) is read from the range's start.
    pstart = _range_start(lw, pstart)
    # The figure's line, read no further than 300 characters either way (linear time).
    lo = max(0, pstart - _LINE_REACH)
    line_start = max(lw.rfind("\n", lo, pstart) + 1, lo)
    hi = min(len(lw), end + _LINE_REACH)
    line_end = lw.find("\n", end, hi)
    line_end = hi if line_end < 0 else line_end
    # Read to the far end of a range this figure opens (when the range was no pay, each end is
    # tried alone: "$6" of "$6 - $9 per student" is no more pay than the range).
    far = _RANGE_ON.match(lw, end)
    far_end = end if far is None else far.end()
    if _PER_THING.match(lw, far_end) is not None:
        return None  # "$6 - $9 per student per year", "$250 for every clinic you sign"
    if cur is None and period is None and _counts_things(lw, far_end):
        return None  # "our customer base of 300 medical practices": a count, not pay
    if named:
        return "named"
    if _MILLIONS.search(lw, pstart, far_end) is not None or _modifies_noun(lw, pstart, far_end):
        return None  # "$1.6M annual quota", "6–8 млн руб.", "a $500 home office stipend"
    if (cur is None and period in ("week", "day")
            and _SCHEDULE.search(lw, max(line_start, pstart - 40), min(line_end, end + 40))):
        return None
    if ((cur is not None or period is not None or shaped)
            and _payword_in_clause(lw, line_start, pstart, end, line_end)):
        return "clause"
    if cur is None:
        return None
    if _stands_alone(lw, line_start, pstart, end, line_end) or _opens_title(lw, line_start, pstart):
        return "money"
    if period is not None or (shaped and (_two_figures(lw, pstart, end) or _limit_opens(lw, pstart))):
        return "money" if _pay_line(lw, line_start, pstart, end, line_end) else None
    return None


# In a sentence of English prose, money with no pay word in its clause is this job's pay only
# when the sentence speaks of the role, an offer or a hire ("We're offering $120,000-$140,000
# depending on experience", "New hires typically start between $61,000 and $70,000"); a
# sentence about customers, deals or budgets does not ("Clients typically invest
# $20,000-$60,000 per month in paid media", "Typical engagements run $75,000 - $250,000").
_ROLE_CUE = re.compile(
    r"(?<![a-z])(?:roles?|positions?|jobs?|opening|req|requisition|vacancy|post"
    r"|new[ \u00a0]+hires?|hir(?:e|es|ed|ing)|offer(?:s|ed|ing)?|candidates?|applicants?"
    r"|experience|qualifications?|skills|doe|commensurate|depend(?:s|ing|ent|ant)|based[ \u00a0]+on"
    r"|you(?:'ll|[ \u00a0]+will|[ \u00a0]+would|[ \u00a0]+can)?[ \u00a0]+(?:make|earn|receive|get|take[ \u00a0]+home|start)"
    r"|receive|level|geograph|locations?|w-?2|1099|exempt|full[ -]time|part[ -]time|temp(?:orary)?|contract(?:or)?"
    r"|permanent|shifts?|overtime|weekly|bi-?weekly|hourly|per[ \u00a0]+hour|an[ \u00a0]+hour|/[ \u00a0]?h(?:ou)?r"
    r"|ir35|umbrella|ltd|day[ \u00a0]+rate|inside|outside)(?![a-z])")
_SENTENCE_WORDS = 4
_PLUS_NEXT = re.compile(r"[ \u00a0]*(?:\+|plus[ \u00a0])")


def _pay_line(lw: str, line_start: int, pstart: int, end: int, line_end: int) -> bool:
    """Is a money figure with a period, or a range, in a pay line: not inside a sentence of
    English prose, or in one that speaks of the role (``_ROLE_CUE``)? A figure after a short
    label ("Expected range: $95,000-$115,000", "Colorado: ...") or one a line opens is in a
    pay line."""
    if pstart <= _TITLE_REACH and lw.count("\n", 0, pstart) <= 1 and lw.find(". ", line_start, pstart) < 0:
        return True  # the title opening a text whose breaks were lost ("... (Hybrid) £35,000 - £45,000 Benefits")
    head = lw[line_start:pstart]
    cut = max([head.rfind(sep) + len(sep) for sep in (": ", ":\t", *_SEGMENT_SEPS) if sep in head] or [0])
    words_before = len(head[cut:].split())
    words_after = len(lw[end:_clause_end(lw, end, line_end)].split())
    if words_before == 0 or words_before + words_after < _SENTENCE_WORDS or _PLUS_NEXT.match(lw, end):
        return True  # a short or label line, or pay joined to more ("£65,000 – £80,000 + equity")
    if _CYRILLIC.search(lw, max(line_start, pstart - 60), min(line_end, end + 60)) is not None:
        return True  # Russian text has its own cues (pay_cues.yaml)
    lo = _sentence_start(lw, max(line_start, pstart - 200), pstart)
    hi = min(line_end, end + 120)
    if len(_FUNCTION_WORD.findall(lw, lo, pstart)) + len(_FUNCTION_WORD.findall(lw, end, hi)) < 2:
        return True  # no sentence: a title or a list of fields ("Data Engineer - Defence £60,000 - £90,000 GBP")
    return _ROLE_CUE.search(lw, lo, hi) is not None


# Words a sentence of English prose is seldom without, and a title or a list of fields seldom has.
_FUNCTION_WORD = re.compile(r"(?<![a-z'’])(?:the|a|an|our|we|you|your|they|their|with|in|of|for|to|is|are|and"
                            r"|on|at|by|from|that|this|each|per|who|which)(?![a-z'’])")


_CYRILLIC = re.compile(r"[а-яё]")


_FIGURE = re.compile(r"\d[\d,.'’ \u00a0]*")


# "to £120k", "up to $90K", "from £45k": a limit word opening a figure with a multiplier, as pay
# is written in a title whose line break was lost ("*Newcastle Onsite* to £120kDo you ...").
_LIMIT_OPENS = re.compile(r"(?:up[ \u00a0-]?to|upto|to|from|starting[ \u00a0]+at)[ \u00a0]")
_LIMIT_BEFORE = re.compile(r"(?<![a-z])(?:to|from)[ \u00a0]+\Z")


def _limit_opens(lw: str, pstart: int) -> bool:
    """A limit word opening the figure, read with it or standing right before it."""
    return (_LIMIT_OPENS.match(lw, pstart) is not None
            or _LIMIT_BEFORE.search(lw, max(0, pstart - 6), pstart) is not None)


def _two_figures(lw: str, pstart: int, end: int) -> bool:
    """Does the span hold two figures (a range), not one with a multiplier ("$45K")?"""
    return sum(1 for _ in zip(range(2), _FIGURE.finditer(lw, pstart, end))) >= 2


# A figure written in millions or billions (the token reader's multipliers): in running text the
# size of a company, a deal, a budget or a book of business ("$62M Series B", "a $1.6M annual
# quota", "$250K to $3M per program", "средний проект — 6–8 млн руб."), never one person's wage
# unless a pay word names it right beside it.
_MILLIONS = re.compile(r"\d[ \u00a0]?(?:mm|mn|mln|m|million|bn|b|billion|trillion|млн|млрд)\.?(?![a-zа-яё])")


# The rest of a range after its first figure ("- $9", " to $2M").
_RANGE_ON = re.compile(r"[ \u00a0]*(?:-|–|—|to|and)[ \u00a0]*[$£€₽]?[ \u00a0]?\d[\d,.]*"
                       r"(?:[ \u00a0]?(?:k|mm|mn|mln|m|million|bn|b|billion|млн|млрд)(?![a-zа-яё]))?")
# The first figure and separator of a range, right before its far end ("£600 - ", "$40K to ").
_RANGE_BEFORE = re.compile(r"[$£€₽][ \u00a0]?\d[\d,.]*(?:[ \u00a0]?[km])?[ \u00a0]*(?:-|–|—|to)[ \u00a0]*\Z")


def _range_start(lw: str, pstart: int) -> int:
    """Where the range ending with the figure at ``pstart`` starts, or ``pstart``."""
    m = _RANGE_BEFORE.search(lw, max(0, pstart - 24), pstart)
    return pstart if m is None else m.start()


# A price or a size per thing, not per unit of time, after a figure and the period read with it
# ("$6 - $9 per student per year", "$40K-$250K per year per campus", "$25,000-$150,000 per
# flight", "$250 for every clinic you sign"); pay per hour, shift, visit, session or mile stays,
# and so does a period glued to the next line's word ("per hourSchedule", lost line breaks).
_PER_THING = re.compile(
    r"[ \u00a0]*(?:per|for[ \u00a0]+(?:each|every))[ \u00a0]+"
    r"(?!(?:hour|hr|day|week|month|year|annum|shift|visit|session|lesson|class|mile|night|diem"
    r"|calendar|working|work|pay|person|fte|full|part|contract|assignment|project|placement))[a-z]{2,}")
# The figure inside a noun phrase: a determiner before it and a word after it (past its period
# adjective) that names what the money is ("a $500 home office stipend", "a $600K annual quota",
# "the $45,000 franchise fee", "a $40,000-$90,000 investment"). A pay noun in the next words
# keeps it pay ("a $60,000 starting salary", "an $80K base plus commission").
_DETERMINER_BEFORE = re.compile(r"(?<![a-z])(?:a|an|the|our|your|their|its|each|every)[ \u00a0]+\Z")
_NOUN_AFTER = re.compile(r"[ \u00a0]+([a-z][a-z\-]+)")
_PAY_NOUN_AFTER = re.compile(
    r"(?:[ \u00a0]+[a-z\-]+){0,2}?[ \u00a0]+(?:salar|base(?![a-z])|basic|pay(?![a-z])|wage|rate|compensation|"
    r"remuneration|earnings|income|ote(?![a-z])|range|band|package|to(?![a-z])|plus(?![a-z])|\+)")
_RATE_WRITTEN = re.compile(r"(?:per|/|(?<![a-z])an?)[ \u00a0]*(?:hour|hr|day|week|month|year|annum|shift)")
# Words that may follow a wage (function words, qualifiers): no noun phrase.
_AFTER_WAGE = frozenset((
    "and", "or", "plus", "with", "to", "through", "per", "a", "an", "for", "in", "at", "on", "of", "from",
    "depending", "dependent", "dependant", "based", "doe", "commensurate", "negotiable", "neg", "ono",
    "guaranteed", "starting", "rising", "increasing", "then", "after", "before", "upon", "once",
    "within", "during", "including", "inclusive", "incl", "inc", "excluding", "gross", "net", "pre-tax",
    "pro", "pro-rata", "prorated", "fte", "usd", "gbp", "eur", "dollars", "is", "are", "was", "will",
    "would", "can", "may", "if", "as", "which", "that", "when", "where", "while", "but", "so", "not",
    "also", "paid", "payable", "max", "maximum", "min", "minimum", "upwards", "onwards", "above",
    "more", "less", "total", "first", "year", "plus"))


_TWO_WORDS_AFTER = re.compile(r"[ \u00a0]+([a-z][a-z\-]*)(?:[ \u00a0]+([a-z][a-z\-]*))?")
_MONEY_PLURALS = frozenset(("dollars", "pounds", "euros", "rubles", "roubles", "plus", "bonus", "this", "its",
                            "is", "was", "has", "as", "us"))


def _plural(word: str | None) -> bool:
    return (word is not None and len(word) > 3 and word.endswith("s") and not word.endswith("ss")
            and word not in _MONEY_PLURALS)


def _counts_things(lw: str, end: int) -> bool:
    """A figure with no currency followed by a plural noun, or an adjective and one, counts
    things ("300 medical practices", "40 accounts"); words that may follow a wage do not."""
    m = _TWO_WORDS_AFTER.match(lw, end)
    if m is None or m.group(1) in _AFTER_WAGE or m.group(1) in _MONEY_PLURALS:
        return False
    return _plural(m.group(1)) or (m.group(2) not in _AFTER_WAGE and _plural(m.group(2)))


def _modifies_noun(lw: str, pstart: int, end: int) -> bool:
    """A money figure inside a noun phrase naming something else (module comment above)."""
    if (_DETERMINER_BEFORE.search(lw, max(0, pstart - 8), pstart) is None
            or _RATE_WRITTEN.search(lw, pstart, end) is not None):
        return False  # no determiner, or a rate ("a circa £400 per day outside IR35 contract")
    m = _NOUN_AFTER.match(lw, end)
    if m is None or m.group(1) in _AFTER_WAGE:
        return False
    return _PAY_NOUN_AFTER.match(lw, end) is None


# A job board's page header states the pay on a line of its own, right above the job type
# ("Data Analyst\n❮ back to last search\nRedcentric\nBirmingham\n38000\nPermanent\nPart time").
_HEADER_REACH = 400
_JOB_TYPE_NEXT = re.compile(r"[ \t]*\n(?:[ \t]*\n)*[ \t]*(?:permanent|contract|temporary|temp|fixed[ -]term|"
                            r"full[ -]time|part[ -]time)[ \t]*(?:\n|\Z)")


def board_header_figure(lw: str, pstart: int, end: int) -> bool:
    """Is the figure ``lw[pstart:end]`` alone on its line in the first lines of a page (not
    the first line), with a line naming only the job type ("Permanent", "Contract", "Part
    time") right below it: the pay line of a job board's page header, with or without a
    currency sign?"""
    if end > _HEADER_REACH or pstart < 2:
        return False
    line_start = lw.rfind("\n", 0, pstart) + 1
    return line_start > 0 and not lw[line_start:pstart].strip() and _JOB_TYPE_NEXT.match(lw, end) is not None


# How far into a text its title reaches, and the limit words that open a figure there.
_TITLE_REACH = 200
_TITLE_LIMIT = re.compile(r"(?:up[ \u00a0-]?to|upto|from|circa)[ \u00a0]")


def _opens_title(lw: str, line_start: int, pstart: int) -> bool:
    """A money figure opened by "up to", "from" or "circa" in the title that opens a text whose
    line breaks were lost (an API snippet: "Senior Data Engineer - London - Up to £80,000 A
    fast-growing ...", "Data Analyst London (Hybrid)\nUp to £40,000 I'm working with ..."): the
    title's pay, though the body runs on after it."""
    return (pstart <= _TITLE_REACH and _TITLE_LIMIT.match(lw, pstart) is not None
            and lw.count("\n", 0, line_start) <= 1)


def _payword_in_clause(lw: str, line_start: int, pstart: int, end: int, line_end: int) -> bool:
    """A pay word in the figure's clause, or in a short heading line right above a figure
    that opens its line ("Compensation\n$95,000 - $110,000")."""
    # The sentence before the figure, across a single line break (a break restored by
    # workbench.text may split a name, "Peace|Health"), no further than 120 characters.
    lo = max(0, pstart - 120)
    cstart = max(lw.rfind(". ", lo, pstart), lw.rfind("; ", lo, pstart), lw.rfind("\n\n", lo, pstart),
                 _item_break(lw, lo, pstart), lo - 1) + 1
    if _PAYWORD.search(lw, cstart, pstart) is not None:
        return True
    stop = _clause_end(lw, end, min(line_end, end + 40))
    if _PAYWORD.search(lw, end, stop) is not None:
        return True
    if line_start == 0 or lw[line_start - 1] != "\n" or lw[line_start:pstart].strip(" \t-–—•*·|"):
        return False
    prev_start = lw.rfind("\n", max(0, line_start - 62), line_start - 1) + 1
    if prev_start == 0 and line_start > 62:
        return False  # the line above is longer than a heading
    return line_start - prev_start <= 61 and _PAYWORD.search(lw, prev_start, line_start) is not None


def _item_break(lw: str, lo: int, pos: int) -> int:
    """The last line break before ``pos`` (not before ``lo``) that ends a sentence or opens a
    list item ("...пакет;\n- выплата"), or -1."""
    k = lw.rfind("\n", lo, pos)
    while k >= lo and k > 0:
        if lw[k - 1] in ".;:!?" or lw[k + 1:k + 2] in ("-", "•", "*", "●", "–", "—"):
            return k
        k = lw.rfind("\n", lo, k)
    return -1


def _clause_end(lw: str, pos: int, stop: int) -> int:
    """End of the clause holding ``pos`` (the next ". ", "; " or "。"), no later than ``stop``."""
    ends = [k for k in (lw.find(". ", pos, stop), lw.find("; ", pos, stop), lw.find("。", pos, stop))
            if k >= 0]
    return min(ends) if ends else stop


def _stands_alone(lw: str, line_start: int, pstart: int, end: int, line_end: int) -> bool:
    """Is the figure the whole of its line or of a piece of a title line (a few words after
    it at most: "Up to £140,000 Benefits")?"""
    seg_start = max(line_start, *(lw.rfind(sep, line_start, pstart) + len(sep)
                                  for sep in _SEGMENT_SEPS if lw.rfind(sep, line_start, pstart) >= 0)) \
        if any(sep in lw[line_start:pstart] for sep in _SEGMENT_SEPS) else line_start
    if lw[seg_start:pstart].strip(" \t-–—•*·|:"):
        return False
    hits = [k for k in (lw.find(sep, end, line_end) for sep in _SEGMENT_SEPS) if k >= 0]
    tail = lw[end:min(hits) if hits else line_end]
    return len(tail.split()) <= 3 and not any(ch.isdigit() for ch in tail)


def _one_off_before(lw: str, lo: int, start: int) -> bool:
    """A one-off payment word before the amount, with no pay word between them
    ("referral bonus £1,000" is one-off; "referrals, base salary £30,000" is pay).
    Read from the start of the amount's sentence, no earlier than ``lo``."""
    if _ONE_OFF.search(lw, lo, start) is None:  # the usual case: nothing to read
        return False
    last = None
    for m in _ONE_OFF.finditer(lw, _sentence_start(lw, lo, start), start):
        if _word_start(lw, m.start()):
            last = m
    return last is not None and _WAGE_WORD.search(lw, last.end(), start) is None


def _word_start(lw: str, i: int) -> bool:
    return i == 0 or not ("a" <= lw[i - 1] <= "z")


def _one_off_in(lw: str, lo: int, hi: int) -> bool:
    """A one-off payment word (at a word start) between ``lo`` and ``hi``."""
    return any(_word_start(lw, m.start()) for m in _ONE_OFF.finditer(lw, lo, hi))


def _sentence_start(lw: str, lo: int, pos: int) -> int:
    """Start of the sentence holding ``pos`` (after the last ". ", "; " or newline), no earlier than ``lo``."""
    return max(lw.rfind(". ", lo, pos), lw.rfind("; ", lo, pos), lw.rfind("\n", lo, pos), lo - 1) + 1
