"""Time allocation: "% of time" duty splits in job descriptions.

Three shapes are read:

* runs of percentages that share a list: one activity per percentage, inline
  ("... within the account base 25% Create and manage ... 10% ..."), one per
  line ("- Prospecting - 25%") or a table row ("Prospecting | 25%");
* sentences that say the share is of time: "spend 35% of time on ...",
  "35% времени", "35%的时间", "(20% of time)";
* nothing else. A percentage is a time share only when it sits in such a run
  (which must add up to about 100, or follow a "% of time" marker) or is said to
  be of time. "120% of target", commission rates, "90% удовлетворенности",
  "grow revenue 20%", "a bonus of 10-15%" are excluded; a list item about growth
  ("Account growth and upselling: 25%", "Growing existing accounts 15%" between
  other shares after a marker) is not. A lone travel or remote-work share
  ("约40%的工作时间在外地", "travel up to 40% of the time", "командировки до 30%
  времени") says where the work happens, not what it is, and is left out.

A time split is at least two activity shares, or one share under a time-split
heading ("% of time", "main activities", "duties and time") or given to a named
activity ("spend 35% of your time on client meetings", "Reports (20% of time)").
Two shares without a heading are a split when each names a kind of work ("50%
bench work - 50% desk work"), three or more when they add up to about 100.
On-site, office, remote and hybrid shares, travel, physical demands ("Occasionally
0-30% of time", "Sitting 60%, standing 30%"), limits ("a minimum of 60% of your
working time", "до 30%"), business mix and learning or innovation time given as a
perk are conditions or facts, never duties: a run mostly made of them, or opened by
a limit or a work arrangement, is dropped, and so is a lone share of that kind. A
travel share inside a genuine split stays in it.

The result is ``{items, total, status}``; ``total`` is the sum of what the text
said, each item keeps that as ``raw_share``. Two shares or more get ``share``
normalised so the items add up to 100; a lone share is never normalised (its
``share`` is what the text said). ``status``: ``exact`` (total 100),
``within_tolerance`` (within 2 points), ``incomplete`` (less), ``over`` (more) or
``none``.
"""

from __future__ import annotations

import re

from . import bullets, text as _text
from .gates import Gated, Keys
from .taxonomy import classify_responsibility

__all__ = ["extract_time_allocation", "TOLERANCE"]

TOLERANCE = 2.0

_PCT_RE = re.compile(r"(?<![\d.,])(\d{1,3}(?:[.,]\d{1,2})?)\s?(?:%|％)")
# The number before a percent sign (searched in a short slice ending at the sign).
_NUM_BEFORE = re.compile(r"(?<![\d.,])(\d{1,3}(?:[.,]\d{1,2})?)\s?$")
# Markers that announce a time split (the percentages follow).
_MARKER_RE = re.compile(
    r"%\s*of\s+(?:the\s+|my\s+|your\s+|working\s+)?time|time\s+(?:is\s+)?(?:allocation|split|spent|divided)|"
    r"percent(?:age)?\s+of\s+time|(?<![^\n>•*#|(])[ \t]*time\s*[:：]|распределение\s+(?:рабочего\s+)?времени|%\s*(?:рабочего\s+)?времени|"
    r"时间分配|时间占比|工作时间比例",
    re.IGNORECASE,
)
_MARKER_LOW = re.compile(_MARKER_RE.pattern)  # for lower-cased text: IGNORECASE is slow on long texts
# Where a marker can start: at a percent sign, "time", "percent", "распределение", "时间" or
# "工作时间比例", or at the blanks before "time" (the "Time:" label after a line start or bullet).
_OPENERS = ("%", "time", "percent", "распределение", "时间", "工作时间比例")
_OPENER_KEYS = Keys(_OPENERS)


def _markers(low: str, openers: tuple[str, ...] = _OPENERS):
    """``_MARKER_LOW.finditer(low)``, the pattern tried only where a marker can start.

    The pattern opens with no literal (a look-behind, then blanks), so ``finditer`` tries
    it at every character of the text: ~30 us for a synthetic posting, ~175 us for a
    corpus one. Tried at each opener in turn, the first that matches is ``finditer``'s next
    match (the next opener is then looked for past it), as it tries positions in order.
    The openers are found with ``str.find``, one word after the other (no two open at the
    same character); ``openers`` may leave out words that cannot occur in ``low``."""
    starts: list[int] = []
    for word in openers:
        k = low.find(word)
        while k != -1:
            if word == "time":
                q = k
                while q > 0 and low[q - 1] in " \t":
                    q -= 1
                if q != k:
                    starts.append(q)
            starts.append(k)
            k = low.find(word, k + 1)
    end = 0
    for k in sorted(starts):
        if k >= end and (m := _MARKER_LOW.match(low, k)) is not None:
            yield m
            end = m.end()
# "NN% of (my/the) time", "NN% времени", "NN%的时间", "NN% of working hours".
_OF_TIME_AFTER = re.compile(
    r"\s*(?:of\s+(?:the\s+|my\s+|your\s+|his\s+|her\s+|their\s+|our\s+)?(?:working\s+|work\s+)?(?:time|hours|day|week)|"
    r"(?:рабочего\s+)?времени|от\s+(?:всего\s+)?(?:рабочего\s+)?времени|(?:的)?(?:工作)?时间)",
    re.IGNORECASE,
)
# Not time shares: what follows or precedes the number says so.
_EXCLUDE_AFTER = re.compile(
    r"\s*(?:of\s+(?:the\s+)?(?:target|quota|plan|revenue|sales|salary|base|ote|budget|goal)|"
    r"(?:commission|bonus|discount|growth|increase|uplift|margin|satisfaction|retention|rate|"
    r"удовлетвор|комисс|бонус|скидк|рост|прирост|выполнени|от\s+(?:плана|оклада|продаж)|"
    r"提成|增长|满意|奖金|折扣|业绩))",
    re.IGNORECASE,
)
# Words just before the number that make it something other than a time share.
_EXCLUDE_LAST_WORDS = frozenset({"to", "over", "than", "least", "above", "более", "свыше", "до", "на", "by"})
_EXCLUDE_WORD_PREFIXES = ("commission", "bonus", "discount", "grow", "increas", "exceed", "satisf", "uplift",
                          "рост", "увелич", "комисс", "бонус", "скидк", "удовлетвор")
_EXCLUDE_CJK_BEFORE = ("增长", "提成", "超过", "达到", "提升", "满意")
_RANGE_BEFORE = re.compile(r"\d\s*%?\s*[-–—~]\s*$")  # the upper end of a range of percentages
_RANGE_DASHES = ("-", "–", "—", "~")  # the characters of [-–—~] above
_SEPARATORS = " \t|:-–—•*·()[],;.=>：，；（）、"
_BULLET_RE = re.compile(r"^\s*(?:" + bullets.MARK_CLASS + "|" + bullets.NUMBER + r")\s+")
_SENTENCE_END = re.compile(r"[.!?;](?=\s|$)|[\n。！？；]")  # Chinese marks need no blank after them
_CAPS_RUN = re.compile(r"\s[A-Z][A-Z ]{8,}")
_ACTIVITY_AFTER = re.compile(
    r"^\s*(?:is\s+|are\s+)?(?:spent\s+)?(?:on|in|doing|for|to|занимает|уходит\s+на|отводится\s+на|"
    r"приходится\s+на|на|用于|用在|花在|在|[—–:-])\s*", re.IGNORECASE)
_SPEND_BEFORE = re.compile(
    r"(?:spend|spends|spending|devote|dedicate|allocate)\s+(?:about\s+|around\s+|approximately\s+|roughly\s+|some\s+)?$|"
    r"(?:тратит\w*|уделя\w*|занимает|отводит\w*)\s+(?:около\s+|примерно\s+)?$|(?:将|把|约|大约)$",
    re.IGNORECASE,
)


_GERUND = re.compile(r"\s*[a-z]+ing\b")  # "40% of your time travelling to sites"
_TRAILING_JOINER = re.compile(r"(?:[\s,;]+(?:and|и|а)|以及|和)?[\s,，、;]*$", re.IGNORECASE)
_TRAILING_SPEND = re.compile(r"(?:\s*(?:spend|spends|тратит\w*|将|约))+$", re.IGNORECASE)
_LEADING_HEDGE = re.compile(r"^(?:about|around|approximately|около|примерно|约|大约)\s*", re.IGNORECASE)


_TAIL = 40


def _cut_tail(rx: re.Pattern, s: str) -> str:
    """``rx.sub("", s)`` for a pattern anchored at the end (``...$``).

    Such a pattern is tried at every position of the string; only the last
    ``_TAIL`` characters can hold the match, unless it reaches back further.
    """
    if len(s) <= _TAIL:
        return rx.sub("", s)
    head, tail = s[:-_TAIL], s[-_TAIL:]
    m = rx.search(tail)
    if m is None:
        # These patterns are a few short words and blanks: longer than the tail
        # only with a long run of blanks.
        return s if "  " not in tail else rx.sub("", s)
    if m.start() == 0:
        return rx.sub("", s)  # it may reach back into the head: decide on the whole
    return head + tail[:m.start()]


def _value(s: str) -> float:
    return float(s.replace(",", "."))


def _excluded(text: str, start: int, end: int) -> str | None:
    """Why a percentage is not a time share: ``"hard"``, ``"soft"`` or ``None`` (it may be one).

    ``soft`` is a word before it ("grow revenue 20%", "increase sales 15%"); it is
    overruled when the number sits in a "% of time" list next to other shares
    ("Reporting 15% Growing existing accounts 15% Internal coordination 10%").
    Only what follows a label separator counts ("Account growth and upselling:
    25%" is a label and its share).
    """
    after = _EXCLUDE_AFTER.match(text, end)
    # "90% satisfaction" is a score; "15% Retention campaigns" opens a list item.
    if after and not text[end:after.end()].lstrip()[:1].isupper():
        return "hard"
    before = text[max(0, start - 40):start].lower()
    tail = before.rstrip()
    # Speed: _RANGE_BEFORE (tried at every position) ends "[-–—~]\s*$", so it can only
    # match when the last non-blank character is a dash or tilde (rstrip() strips
    # exactly what \s matches): test that first.
    if tail.endswith(_EXCLUDE_CJK_BEFORE) or tail.endswith(_RANGE_DASHES) and _RANGE_BEFORE.search(before):
        return "hard"  # "超过30%", "a bonus of 10-15%"
    cut = max(before.rfind(":"), before.rfind("|"), before.rfind("："), before.rfind("\t"))
    if cut != -1:
        before = before[cut + 1:]
    words = before.split()[-3:]
    if words and words[-1].strip(",:;") in _EXCLUDE_LAST_WORDS:
        return "hard"
    return "soft" if any(w.startswith(_EXCLUDE_WORD_PREFIXES) for w in words) else None


# A travel or remote-work share ("约40%的工作时间在外地", "travel up to 40% of the time",
# "командировки до 30% времени") says where the work happens, not which duty it is.
_TRAVEL_RE = re.compile(
    r"travel|trips?\b|on the road|away from|out of (?:the )?office|outside the office|remote|from home|"
    r"командиров|разъезд|поездк|удал[её]нн|из дома|出差|外地|外出|远程|在家",
)  # matched on lower-cased text
_TRAVEL_WINDOW = 150
_NEIGHBOUR_CHARS = 80


def _last_of(chars: re.Pattern, text: str, lo: int, hi: int) -> int:
    """Index of the last character of the class ``chars`` in ``text[lo:hi]``, or -1:
    ``max(text.rfind(c, lo, hi) for c in the class)`` in one scan back from ``hi``
    (a regex search of the reversed slice) instead of one ``rfind`` per character."""
    hi = min(hi, len(text))
    m = chars.search(text[lo:hi][::-1])
    return -1 if m is None else hi - 1 - m.start()


_SENTENCE_BREAKS = re.compile("[.!?;\n。！？；]")


def _sentence_bounds(text: str, start: int, end: int) -> tuple[int, int]:
    """The sentence around a number, at most ``_TRAVEL_WINDOW`` characters each side
    (a one-line posting is one long "sentence")."""
    lo = max(0, start - _TRAVEL_WINDOW)
    a = max(lo, _last_of(_SENTENCE_BREAKS, text, lo, start) + 1)
    m = _SENTENCE_END.search(text, end, end + _TRAVEL_WINDOW)
    return a, m.start() if m else min(len(text), end + _TRAVEL_WINDOW)


def _is_travel_share(text: str, m: re.Match, explicit: list[tuple[re.Match, int]],
                     others: list[re.Match] = ()) -> bool:
    """A lone travel/remote percentage: its sentence speaks of travel and holds no other
    share (``explicit`` "NN% of time" shares, or ``others``, the remaining candidates)."""
    a, b = _sentence_bounds(text, m.start(), m.end())
    if not _TRAVEL_RE.search(text[a:b].lower()):
        return False
    return not (any(o is not m and a <= o.start() < b for o, _ in explicit)
                or any(a <= o.start() < b and _share_like(text, o) for o in others))


def _soft_kept(text: str, candidates: list[tuple[re.Match, str | None]], k: int) -> bool:
    """Keep a "soft" exclusion that sits in a "% of time" list beside another share."""
    m = candidates[k][0]
    near = any(
        0 <= k + d < len(candidates) and candidates[k + d][1] is None
        and (m.start() - candidates[k + d][0].end() if d < 0 else candidates[k + d][0].start() - m.end())
        <= _NEIGHBOUR_CHARS
        for d in (-1, 1))
    return near and _marker_before(text, m.start()) is not None


def _percentages(text: str) -> list[re.Match]:
    """Every "NN%" in the text, found from the percent signs (cheap) backwards."""
    out = []
    for sign in ("%", "％"):
        i = text.find(sign)
        while i != -1:
            m = _PCT_RE.match(text, _num_start(text, i), i + 1)
            if m is not None:
                out.append(m)
            i = text.find(sign, i + 1)
    if len(out) > 1:
        out.sort(key=lambda m: m.start())
    return out


def _num_start(text: str, sign: int) -> int:
    m = _NUM_BEFORE.search(text, max(0, sign - 8), sign)
    return m.start() if m else sign


def _clean_activity(s: str) -> str:
    s = " ".join(s.split())
    s = _BULLET_RE.sub("", s)
    return s.strip(_SEPARATORS).strip()


def _line_bounds(text: str, pos: int) -> tuple[int, int]:
    a = text.rfind("\n", 0, pos) + 1
    b = text.find("\n", pos)
    return a, len(text) if b == -1 else b


def _runs(matches: list[re.Match], text: str) -> list[tuple[list[re.Match], re.Match | None]]:
    """Group consecutive percentages that plausibly belong to one time split: each run
    with the "% of time" marker before its first percentage (or None).

    Without a "% of time" marker a run stops before it would pass 100 (the next
    number starts another list); after a marker it may run over, so an
    over-allocated split is reported as ``over`` rather than cut.
    """
    runs: list[tuple[list[re.Match], re.Match | None]] = []
    i = 0
    while i < len(matches):
        run = [matches[i]]
        total = _value(matches[i].group(1))
        marker = _marker_before(text, matches[i].start())
        cap = 300.0 if marker else 100 + TOLERANCE
        j = i + 1
        while j < len(matches):
            gap = matches[j].start() - run[-1].end()
            v = _value(matches[j].group(1))
            if gap > 320 or total + v > cap:
                break
            run.append(matches[j])
            total += v
            j += 1
        runs.append((run, marker))
        i = j
    return runs


def _marker_before(text: str, pos: int) -> re.Match | None:
    a = max(0, pos - 250)
    window = text[a:pos + 1].lower()
    if "time" not in window and "времени" not in window and "时间" not in window:
        return None  # every marker names time: skip the (IGNORECASE) pattern
    if window.isascii():
        # Speed: IGNORECASE scanning costs ~4x the plain pattern on the lower-cased
        # window. For ASCII text the two find the same matches (the pattern's letters
        # are lower-case and only non-ASCII characters such as "ı", "ſ" or the Kelvin
        # sign have extra case-insensitive equivalents); the last one is matched again
        # at its start on ``text`` to return the same Match as before.
        best = None
        for best in _markers(window):
            pass
        return None if best is None else _MARKER_RE.match(text, a + best.start(), pos + 1)
    best = None
    for m in _MARKER_RE.finditer(text, a, pos + 1):  # a short window only
        if m.end() <= pos + 1:
            best = m
    return best


def _run_items(run: list[re.Match], text: str, marker: re.Match | None) -> list[tuple[str, float, float]]:
    """(activity, raw_share, extraction confidence) for each percentage of a run."""
    lines = {_line_bounds(text, m.start()) for m in run}
    conf = 0.9 if marker else 0.8
    out = []
    if len(lines) == len(run):
        # One percentage per line: the line (minus the number) is the activity.
        for m in run:
            a, b = _line_bounds(text, m.start())
            activity = _clean_activity(text[a:m.start()] + " " + text[m.end():b])
            out.append((activity, _value(m.group(1)), conf))
        return out
    first = run[0]
    lead_start = marker.end() if marker else max(
        text.rfind("\n", 0, first.start()) + 1, first.start() - 200)
    lead = text[lead_start:first.start()]
    if marker and (len(lead.strip(_SEPARATORS)) <= 2 or _OWN_NUMBER.search(text, max(0, marker.start() - 8),
                                                                               marker.start() + 1)):
        # Percentage first: "25% Prospect new accounts 10% Report ...", or a sentence
        # opened by a share of time: "spend 40% of your time with clients, 30% leading
        # the team, 20% on planning and the remaining 10% helping sales".
        for k, m in enumerate(run):
            end = run[k + 1].start() if k + 1 < len(run) else _activity_end(text, m.end())
            out.append((_tidy(text[m.end():end]), _value(m.group(1)), conf))
        return out
    if not marker:
        # Without a marker the first activity starts at the last sentence boundary; a
        # sentence that ends right before the share is that activity ("... behaviour. 20%").
        body = lead.rstrip()
        body = body[:-1] if body.endswith((".", ":")) else body
        cut = max(body.rfind(". "), body.rfind(": "), body.rfind("\n"))
        if cut != -1:
            lead_start += cut + 2
    prev = lead_start
    for m in run:
        out.append((_clean_activity(text[prev:m.start()]), _value(m.group(1)), conf))
        prev = m.end()
    return out


_TIME_LABEL = re.compile(r"\s*time\s*[:：]", re.IGNORECASE)
# A marker that is itself a share ("40% of your time"): a number right before it.
_OWN_NUMBER = re.compile(r"\d\s?%$")


def _continues_share(text: str, explicit: list[tuple[re.Match, int]], m: re.Match) -> bool:
    """A share continuing the sentence of a "NN% of your time" share: "spend 60% of your
    time with clients and 40% on new business" (two or more shares are a run already).

    It must read like a share of time ("40% on ...", "30% in ...", "40% — ...", "40%用于"),
    not "70% of whom", "40% commission" or "80% of our revenue", and the two together
    may not pass 100.
    """
    for e, of_time_end in reversed(explicit):
        if of_time_end > m.start():
            continue
        if _SENTENCE_END.search(text, of_time_end, m.start()) is not None:
            return False
        if _value(e.group(1)) + _value(m.group(1)) > 100 + TOLERANCE:
            return False
        return _share_like(text, m)
    return False


def _share_like(text: str, m: re.Match) -> bool:
    """Does an activity word ("on", "in", "for", "doing", a dash, "用于"...) follow the share?"""
    after = _ACTIVITY_AFTER.match(text[m.end():m.end() + 40])
    return after is not None and after.end() > 0
_TRAILING_REST = re.compile(r"(?:[\s,;]+(?:and|и|а))?(?:\s+(?:the|a))?\s+(?:remaining|rest|other|final|last|оставш\w*)\s*$",
                            re.IGNORECASE)


def _tidy(s: str) -> str:
    """An activity cut from running text: no joiners, "the remaining", or leading "on"."""
    s = _cut_tail(_TRAILING_JOINER, s)
    s = _cut_tail(_TRAILING_REST, s)
    s = _cut_tail(_TRAILING_JOINER, s)
    lead = _ACTIVITY_AFTER.match(s)
    if lead and lead.end() < len(s):
        s = s[lead.end():]
    return _clean_activity(s)


def _activity_end(text: str, pos: int) -> int:
    m = _SENTENCE_END.search(text, pos, pos + 300)
    end = m.start() if m else min(len(text), pos + 300)
    caps = _CAPS_RUN.search(text, pos, end)
    return caps.start() if caps else end


_SPEND_WORDS = ("spend", "devote", "dedicate", "allocate")  # the ASCII words of _SPEND_BEFORE


def _spend_before(text: str, pos: int) -> re.Match | None:
    """``_SPEND_BEFORE`` in the 30 characters before ``pos``.

    Speed: the IGNORECASE search is tried at each of the 30 positions. An ASCII
    window can only match the English branch, which needs one of _SPEND_WORDS
    (in any case; non-ASCII look-alikes such as "ſ" cannot occur in ASCII), so
    their absence from the lower-cased window settles it without the search.
    """
    a = max(0, pos - 30)
    window = text[a:pos]
    if window.isascii():
        low = window.lower()
        if not any(w in low for w in _SPEND_WORDS):
            return None
    return _SPEND_BEFORE.search(text, a, pos)


_CLAUSE_MAX = 200  # longest activity clause read before a share


def _sentence_item(text: str, m: re.Match, of_time_end: int,
                   prev_end: int = 0) -> tuple[str, float, float] | None:
    """Activity for "spend 35% of time on X" / "X (35% of time)" / "35% времени — X"."""
    end = _activity_end(text, of_time_end)
    nxt = text.find("%", of_time_end, end)
    if nxt != -1:
        end = _num_start(text, nxt)
    after = _cut_tail(_TRAILING_JOINER, text[of_time_end:end])
    lead = _ACTIVITY_AFTER.match(after)
    if lead or _GERUND.match(after) or _spend_before(text, m.start()):
        activity = after[lead.end():] if lead else after
        if _clean_activity(activity):
            return _clean_activity(activity), _value(m.group(1)), 0.75
    # Otherwise the activity is the clause before the number.
    # It starts after the previous share's "% of time" (``prev_end``) and no more than
    # _CLAUSE_MAX characters back (at a word start): a one-line list of shares would
    # otherwise make every activity run back to the start of the text (wrong, and
    # quadratic over many shares).
    lo = max(prev_end, m.start() - _CLAUSE_MAX)
    if lo > prev_end and lo > 0 and not text[lo - 1].isspace():
        space = text.find(" ", lo, m.start())
        lo = space + 1 if space != -1 else lo
    a = max(text.rfind("\n", lo, m.start()), text.rfind(". ", lo, m.start()),
            text.rfind("。", lo, m.start()), lo - 1) + 1
    colon = max(text.rfind(": ", a, m.start()), text.rfind("：", a, m.start()))
    if colon != -1 and _LEADING_HEDGE.sub("", _clean_activity(text[colon + 1:m.start()])).strip():
        a = colon + 1  # "Great team: client meetings 40% of time": the activity follows the colon
    activity = _clean_activity(text[a:m.start()])
    activity = _LEADING_HEDGE.sub("", _cut_tail(_TRAILING_SPEND, activity)).strip()
    if not activity:
        activity = _clean_activity(after)
    if not activity:
        return None
    return activity, _value(m.group(1)), 0.7


_ROW_NUMBER_LAST = re.compile(r"^\s*(?:" + bullets.MARK_CLASS + r"\s*)?(.*?\S)\s*(?:[|:\t–—-]\s*|\s{2,}|\s)(\d{1,3}(?:[.,]\d)?)\s*\|?\s*$")
_ROW_NUMBER_FIRST = re.compile(r"^\s*\|?\s*(\d{1,3}(?:[.,]\d)?)\s*(?:[|:\t.)–—-]\s*|\s+)(\D.*?)\s*\|?\s*$")


_MARKER_WORDS = Keys(("time", "времени", "时间"))  # a word of a script the text lacks is not looked for


def _has_marker_word(text: str) -> bool:
    low = _text.lower(text)  # the lower-cased copy the other extractors read too
    return any(w in low for w in _MARKER_WORDS.possible(text))


def _bare_number_table(text: str) -> list[tuple[str, float, float]]:
    """Rows under a "% of time" header whose numbers carry no percent sign.

    "Activity | % of time" followed by "Client meetings | 40" rows: read only
    when the rows' numbers add up to about 100, so a stray list of numbers is
    not mistaken for a split.
    """
    low = _text.lower(text)
    if len(low) != len(text):
        low = text
    # A Cyrillic or Chinese opener is looked for only where the text holds its script.
    for marker in _markers(low, _OPENER_KEYS.possible(text)):
        line_end = text.find("\n", marker.end())
        if line_end == -1:
            continue
        rows = []
        for line in text[line_end + 1:line_end + 2000].split("\n")[:20]:
            if not line.strip():
                if rows:
                    break
                continue
            m = _ROW_NUMBER_LAST.match(line)
            if m and 0 < _value(m.group(2)) <= 100:
                rows.append((_clean_activity(m.group(1)), _value(m.group(2)), 0.8))
                continue
            m = _ROW_NUMBER_FIRST.match(line)
            if m and 0 < _value(m.group(1)) <= 100:
                rows.append((_clean_activity(m.group(2)), _value(m.group(1)), 0.8))
                continue
            break
        if len(rows) >= 2 and abs(sum(r[1] for r in rows) - 100) <= TOLERANCE + 8:
            return rows
    return []


# What makes a percentage a working condition or a perk rather than a duty's share of
# time (matched on lower-cased text): the README's definitions, "on-site, remote, travel,
# physical-demand, requirement and business-mix percentages are conditions or facts".
_LIMIT_BEFORE = re.compile(
    r"(?:\bup\s+to|\bat\s+least|\bminimum(?:\s+of)?|\bmaximum(?:\s+of)?|\bmin\.?|\bmax\.?|\bno\s+more\s+than|"
    r"\bnot\s+more\s+than|\bmore\s+than|\bless\s+than|\bover|\bunder|\bдо|не\s+менее|не\s+более|\bболее|\bменее|"
    r"\bсвыше|\bминимум|\bмаксимум|至少|不少于|最多|不超过|超过)\s*(?:~|≈|about\s+|around\s+|approximately\s+|около\s+)?$")
# A work arrangement named before the share, in its sentence: "hybrid working, with a
# minimum of 60% ...", "удаленно 70% времени", "Работа в офисе (10% времени вне офиса)".
_ARRANGEMENT = re.compile(
    r"\bhybrid|\bremote|\bfrom\s+home|\bhome[\s-]based|\bhome\s+working|\boffices?\b|\bon[\s-]?site\b|"
    r"\bin[\s-]person\b|\bwork(?:ing)?\s+(?:style|pattern)|\bways\s+of\s+working|\bworkplace|удал[её]н|гибрид|офис|"
    r"дистанцион|远程|在家|办公室|居家")
_LIMIT_KEYS = ("up", "least", "minimum", "maximum", "min", "max", "than", "over", "under", "до", "не ", "более", "менее",
               "свыше", "минимум", "максимум", "至少", "不少于", "最多", "超过")
_ARRANGEMENT_KEYS = ("hybrid", "remote", "home", "office", "site", "person", "work", "удал", "гибрид", "офис",
                     "дистанц", "远程", "在家", "办公室", "居家")
_FREQUENCY_KEYS = ("occasion", "frequent", "constant", "rarely", "seldom", "never", "continu")
_LIMIT_KEYS, _ARRANGEMENT_KEYS, _FREQUENCY_KEYS = (re.compile("|".join(map(re.escape, keys)))
                                                   for keys in (_LIMIT_KEYS, _ARRANGEMENT_KEYS, _FREQUENCY_KEYS))
_FREQUENCY = re.compile(r"\b(?:occasional\w*|frequent\w*|constant\w*|rarely|seldom|never|continuous\w*)\b")
# Physical demands and places: a run of such shares is a list of conditions.
_CONDITION_ACTIVITY = Gated(
    r"\b(?:sit|sits|sitting|stand|stands|standing|walk|walking|lift|lifting|carry|carrying|bend|bending|kneel|"
    r"kneeling|stoop|stooping|climb|climbing|crouch|reach|reaching|stationary|push|pull|moving|outdoors|indoors)\b|"
    r"physical|dexterity|" + _ARRANGEMENT.pattern + r"|" + _TRAVEL_RE.pattern)
# A lone share of time given as a perk: innovation or learning time.
_PERK = re.compile(r"innovation|learning|self[\s-]?development|personal\s+(?:projects|development)|side\s+projects|"
                   r"hackathon|own\s+projects|обучени|саморазвит|собственн\w+\s+проект|学习|培训|创新")
# A run of exactly two shares without a "% of time" heading is a split only when each
# share names a kind of work ("50% bench work - 50% desk work").
_WORK_AFTER = re.compile(r"[\s:–—-]*[\w/&\s-]{0,30}?(?:\b(?:work|tasks|duties)\b|работ|задач|工作)")
# How a share was found; a lone share counts only under a heading or as a share of time
# given to a named activity ("spend 35% of your time on ...", "Reports (20% of time)").
_LONE_KINDS = frozenset({"heading", "spend", "paren"})


_CLAUSE_STARTS = re.compile("[" + re.escape(".!?;\n。！？；:(（：") + "]")


def _clause_before(text: str, pos: int) -> str:
    """The lower-cased start of the clause that ``pos`` sits in, up to ``pos``: from the
    sentence start or the last colon, semicolon or opening bracket (at most 150 characters)."""
    lo = max(0, pos - _TRAVEL_WINDOW)
    a = max(lo, _last_of(_CLAUSE_STARTS, text, lo, pos) + 1)
    return text[a:pos].lower()


def _any_key(low: str, keys: re.Pattern) -> bool:
    """A cheap look for the words a pattern needs (a literal alternation) before it is tried."""
    return keys.search(low) is not None


def _condition_share(text: str, m: re.Match) -> bool:
    """A limit ("at least 60%", "до 30%"), a frequency ("Occasionally 0-30% of time") or a
    work arrangement named before the share, in its clause."""
    before = text[max(0, m.start() - 30):m.start()].lower()
    if _any_key(before, _LIMIT_KEYS) and _LIMIT_BEFORE.search(before) is not None:
        return True
    clause = _clause_before(text, m.start())
    return _any_key(clause, _ARRANGEMENT_KEYS) and _ARRANGEMENT.search(clause) is not None \
        or _any_key(clause, _FREQUENCY_KEYS) and _FREQUENCY.search(clause) is not None


def _condition_run(text: str, run: list[re.Match], items: list[tuple[str, float, float]]) -> bool:
    """A run whose shares are mostly conditions (physical demands, places, travel), or that a
    limit or work arrangement opens."""
    if _condition_share(text, run[0]):
        return True
    flagged = sum(1 for activity, _, _ in items if _CONDITION_ACTIVITY.search(activity.lower()))
    return flagged * 2 > len(items)


def _pair_is_split(text: str, run: list[re.Match]) -> bool:
    """Two shares adding up to 100 with no heading: a split when the line speaks of work or time."""
    total = sum(_value(m.group(1)) for m in run)
    if abs(total - 100) > TOLERANCE:
        return False
    a, _ = _line_bounds(text, run[0].start())
    _, b = _line_bounds(text, run[-1].end())
    return all(_WORK_AFTER.match(text[m.end():m.end() + 60].lower()) for m in run) \
        and _CONDITION_ACTIVITY.search(text[a:b].lower()) is None


def _run_kind(run: list[re.Match], marker: re.Match | None, text: str) -> str | None:
    """``heading``/``run`` when the run is a split, None otherwise."""
    total = sum(_value(m.group(1)) for m in run)
    if marker is not None and len(run) >= 1:
        return "heading" if len(run) >= 2 or _lone_under_heading(text, marker, run[0]) else None
    if len(run) >= 3 and abs(total - 100) <= TOLERANCE + 8:
        return "run"
    if len(run) == 2 and _pair_is_split(text, run):
        return "run"
    return None


def _lone_under_heading(text: str, marker: re.Match, m: re.Match) -> bool:
    """One share on the line after a "% of time" heading (not a "Time:" label)."""
    if _TIME_LABEL.fullmatch(marker.group()):
        return False
    return text.count("\n", marker.end(), m.start()) == 1


def _placed_runs(text: str, matches: list[re.Match], explicit: list[tuple[re.Match, int]]) -> list[tuple]:
    """``(position, item, kind)`` of the shares in runs, and of shares continuing a share of time."""
    placed = []
    for run, marker in _runs(matches, text):
        if marker is not None and _TIME_LABEL.fullmatch(marker.group()) and text[marker.end():run[0].start()].strip():
            marker = None  # "Time:" announces a split only when the shares follow it at once
        kind = _run_kind(run, marker, text)
        if kind is not None:
            items = _run_items(run, text, marker)
            if not _condition_run(text, run, items):
                placed.extend((m.start(), item, kind) for m, item in zip(run, items))
        elif len(run) == 1 and _continues_share(text, explicit, run[0]):
            m = run[0]
            activity = _tidy(text[m.end():_activity_end(text, m.end())])
            if activity:
                placed.append((m.start(), (activity, _value(m.group(1)), 0.75), "continuation"))
    return placed


def _explicit_kind(text: str, m: re.Match, item: tuple[str, float, float]) -> str:
    """``spend`` (activity after, or a spending verb before), ``paren`` ("Reports (20% of
    time)") or ``clause`` (the clause before the share)."""
    if item[2] >= 0.75:
        return "spend"
    before = text[max(0, m.start() - 3):m.start()].rstrip(" ~≈")
    return "paren" if before.endswith(("(", "（")) else "clause"


def _placed_explicit(text: str, explicit: list[tuple[re.Match, int]]) -> list[tuple]:
    placed = []
    prev_end = 0
    for m, end in explicit:
        item = _sentence_item(text, m, end, prev_end)
        prev_end = end
        if item:
            placed.append((m.start(), item, _explicit_kind(text, m, item)))
    return placed


def _is_split(text: str, placed: list[tuple]) -> bool:
    """Two shares or more, or one share under a heading or given to a named activity (not a perk)."""
    if len(placed) != 1:
        return bool(placed)
    pos, item, kind = placed[0]
    if kind not in _LONE_KINDS or _CONDITION_ACTIVITY.search(item[0].lower()):
        return False  # "spend 60% of their time in the office" is where, not what
    a, b = _sentence_bounds(text, pos, pos)
    return _PERK.search(text[a:b].lower()) is None


def _shares(text: str) -> list[tuple[str, float, float]]:
    """The (activity, raw share, confidence) items of the text's time split, in text order."""
    candidates: list[tuple[re.Match, str | None]] = []
    explicit: list[tuple[re.Match, int]] = []
    for m in _percentages(text):
        v = _value(m.group(1))
        if not 0 < v <= 100:
            continue
        of_time = _OF_TIME_AFTER.match(text, m.end())
        if of_time and of_time.end() > m.end():
            explicit.append((m, of_time.end()))
            continue
        why = _excluded(text, m.start(), m.end())
        if why != "hard":
            candidates.append((m, why))
    matches = [m for k, (m, why) in enumerate(candidates) if why is None or _soft_kept(text, candidates, k)]
    explicit = [(m, e) for m, e in explicit
                if not _is_travel_share(text, m, explicit, matches) and not _condition_share(text, m)]
    placed = _placed_runs(text, matches, explicit) + _placed_explicit(text, explicit)
    # In text order: "spend 40% of your time with clients, 30% leading the team ..."
    placed = sorted((p for p in placed if p[1][0]), key=lambda p: p[0])
    if not placed and _has_marker_word(text):
        return [f for f in _bare_number_table(text) if f[0]]
    return [item for _, item, _ in placed] if _is_split(text, placed) else []


def _status(total: float) -> str:
    if abs(total - 100) < 0.01:
        return "exact"
    if abs(total - 100) <= TOLERANCE:
        return "within_tolerance"
    return "incomplete" if total < 100 else "over"


def extract_time_allocation(text: str) -> dict:
    """Find the "% of time" split a job text gives.

    Returns ``{"items": [{activity, share, raw_share, category, confidence}],
    "total": float | None, "status": str}``. Two shares or more are normalised to add
    up to 100; a lone share keeps what the text said (35% of the time on client
    meetings says nothing about the other 65%).
    """
    if not text or ("%" not in text and "％" not in text):
        return {"items": [], "total": None, "status": "none"}
    found = _shares(text)
    if not found:
        return {"items": [], "total": None, "status": "none"}
    total = round(sum(f[1] for f in found), 2)
    items = []
    for activity, raw, conf in found:
        category, cat_conf = classify_responsibility(activity)
        share = raw if len(found) == 1 else round(raw * 100.0 / total, 2) if total else None
        items.append({
            "activity": activity,
            "share": share,
            "raw_share": raw,
            "category": category,
            "confidence": round(conf * (0.6 + 0.4 * cat_conf), 2),
        })
    return {"items": items, "total": total, "status": _status(total)}
