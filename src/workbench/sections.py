"""Split a job text into headed sections of items.

Input is the structured plain text ingest produces (headings on their own line,
list items as ``- item``); raw HTML is first converted by ingest's one HTML
converter (:func:`workbench.ingest.html.structured_text`). A section is ``{heading, kind, items, start, end}``: ``kind`` says
what the section holds (``duties``, ``requirements``, ``skills``, ``benefits``,
``pay``, ``description`` or ``other``), ``items`` are ``{text, label}`` and
``start``/``end`` are character offsets of the section in the parsed text.

What counts as an item: a line with any bullet glyph (``- • * – — · ▪`` ...,
``1.``/``a)``), a line opened by a token repeated across consecutive lines
(mangled bullets such as a stray ``61 `` from a broken encoding), a
``Label: description`` line (label kept), or a plain paragraph line.
"""

from __future__ import annotations

import re
from itertools import accumulate
from operator import add
from functools import lru_cache
from typing import Collection

from workbench import bullets
from workbench.gates import Gated, required_literals

__all__ = ["parse_sections", "split_sections", "heading_kind", "cue_kind", "lead_in_kind", "SECTION_KINDS"]

SECTION_KINDS = ("duties", "requirements", "skills", "benefits", "pay", "description", "other")

# Heading vocabulary per kind; checked in this order on the lower-cased heading.
_KIND_RES: list[tuple[str, re.Pattern]] = [
    ("pay", re.compile(r"salary|compensation|remuneration|\bpay\b|earnings|зарплат|заработ|оплата труда|"
                       r"доход|прибыль|薪资|薪酬|工资|薪水")),
    ("benefits", re.compile(r"benefit|perks|we offer|what we offer|our offer\b|we can offer|advantages of (?:working|joining)|"
                            r"(?:our|my) commitment to you|why you(?:'ll|’ll| will) love|(?:ещё|еще) у нас\b|условия|предлага|наше предложение|"
                            r"преимуществ(?!ом)|"
                            r"福利|待遇")),
    ("duties", re.compile(r"\bdut(?:y|ies)|responsib|accountabilit|\bfunctions?\b|what you(?:'ll|’ll| will)? do|your role|"
                          r"your impact|in this role|what you(?:'ll|’ll| will) be doing|what you(?:'ll|’ll| will)? get to do|day in the life|"
                          r"day[- ]to[- ]day|key tasks|\btasks\b|\bactivities\b|обязанност|функци|задач|"
                          r"ответственн|чем .*занима|в ч[её]м заключается|нужны для|предстоит|нужно делать|职责|工作内容|岗位内容")),
    ("skills", re.compile(r"skill|competenc|\b(?:tech|core|our|technology) stack\b|навык|умени|компетенц|技能|能力")),
    ("requirements", re.compile(r"requirement|qualification|experience|who you are|what you(?:'ll|’ll| will)? need|"
                                r"(?:what|who) we(?:'re|’re| are) looking for|what we expect|подходишь|подходите|"
                                r"будет плюсом|плюсом будет|будет (?:\w+ )?преимуществом|знать и уметь|"
                                r"about you\b|education|like you to have|preferred if you|nice to have|"
                                r"требовани|ожидаем|кандидат|опыт|образовани|要求|任职|资格")),
    ("description", re.compile(r"description|summary|overview|about|purpose|definition|introduction|^the (?:role|job|position)$|"
                               r"описани|о компании|о нас|о вакансии|描述|简介|介绍|概述")),
]

# The same, each tried only where one of its opening words starts (the same match).
_KIND_GATES = [(kind, Gated(rx)) for kind, rx in _KIND_RES]


def _words_re(words) -> re.Pattern:
    """A pattern matching where one of ``words`` starts, grouped by first character (the engine
    skips in C to a character that opens one)."""
    by_first: dict[str, list[str]] = {}
    for w in sorted(set(words), key=len, reverse=True):
        by_first.setdefault(w[0], []).append(re.escape(w[1:]))
    return re.compile("|".join(f"{re.escape(first)}(?:{'|'.join(rests)})" for first, rests in by_first.items()))


# Every word a kind's match opens with: a heading holding none names no kind (three in four).
_KIND_WORDS_RE = _words_re(w for _, g in _KIND_GATES for w in g.keys)


class _CaselessGate:
    """``rx.search`` of a pattern that ignores case, tried only where one of the words its matches
    open with starts: the same match. The words are found ignoring case by the same rules, or,
    in an ASCII text, in its lower-cased copy (the same offsets: ASCII has no other case
    pairs). A pattern with no such words is searched as it is."""

    __slots__ = ("rx", "_find", "_find_low")

    def __init__(self, rx: re.Pattern) -> None:
        self.rx = rx
        words = required_literals(re.compile(rx.pattern, rx.flags & ~re.IGNORECASE))
        self._find = re.compile(_words_re(words).pattern, re.IGNORECASE) if words else None
        self._find_low = _words_re(w.lower() for w in words) if words else None

    def search(self, text: str, low: str | None = None) -> re.Match | None:
        """``rx.search(text)``; ``low`` is ``text.lower()`` when ``text`` is ASCII (else None)."""
        if self._find is None:
            return self.rx.search(text)
        match = self.rx.match
        find, where = (self._find.search, text) if low is None else (self._find_low.search, low)
        pos = 0
        while (word := find(where, pos)) is not None:
            m = match(text, word.start())
            if m is not None:
                return m
            pos = word.start() + 1
        return None


# A heading that ends with one of these nouns names a job, whatever requirement word it holds.
_JOB_NOUNS = frozenset({"officer", "manager", "director", "engineer", "executive", "specialist", "analyst",
                        "coordinator", "consultant", "assistant", "representative", "advisor", "adviser",
                        "associate", "administrator", "scientist", "designer", "developer", "intern", "lead",
                        "supervisor", "technician", "architect", "partner", "agent", "officers", "managers"})
_TITLE_PRONE = frozenset({"requirements", "skills"})
_ROLE_DETAILS_RE = re.compile(r"details|profile|детали|профиль|详情")
# What a bullet is: workbench.bullets. Here also "(1)" and letter items "a)".
_BULLET_RE = re.compile(r"^\s*(?:" + bullets.MARK_CLASS + r"|\(?\d{1,2}[.)](?!\d)|\(?[a-z][.)])\s*")
_NUMBERED_RE = re.compile(r"^\s*" + bullets.NUMBER + r"\s+")
_BULLET_FIRST = frozenset(bullets.MARKS)
_LABEL_RE = re.compile(r"^([^\W\d_][^:：]{0,60}?)\s*(?::\s+|：\s*)(\S.*)$")
_TERMINAL = ".!?;,。；！？"
_LEVEL_LINE_RE = re.compile(r"^(?:level|уровень)\s+[^:]{2,40}:$", re.IGNORECASE)
_CJK_RE = re.compile(r"[\u4e00-\u9fff]")


@lru_cache(maxsize=8192)
def heading_kind(heading: str | None) -> str:
    """Kind of a section from its heading text."""
    if not heading:
        return "description"
    low = heading.lower()
    for kind, rx in _KIND_GATES if _KIND_WORDS_RE.search(low) is not None else ():
        if rx.search(low):
            if kind in _TITLE_PRONE and (low.rstrip(" :：").rsplit(None, 1) or [""])[-1] in _JOB_NOUNS:
                return "other"  # a job title ("Education Safeguarding Officer", "Customer Experience Manager")
            if kind == "requirements" and "experience" in low and _experience_of_others(low):
                return "other"  # "Web Experience Reviews", "Customer Experience": a topic, not a requirement
            return kind
    # "Account Director Details" / "Account Manager Profile": the role's details are its duties.
    if _ROLE_DETAILS_RE.search(low):
        from .roles import find_role_mentions

        if find_role_mentions(heading):
            return "duties"
    return "other"


# "<whose> experience": the experience of users, customers ... (a topic of work, not the candidate's).
_OTHERS_EXPERIENCE_RE = re.compile(
    r"\b(?:web|website|customer|client|user|guest|patient|member|employee|candidate|digital|brand|product|shopper|"
    r"consumer|visitor|learner|student|onboarding|in-store|online|mobile|app) experience\b")
_OTHER_REQUIREMENT_WORDS_RE = re.compile(
    r"requirement|qualification|who you are|need|about you|education|like you|preferred|nice to have|"
    r"your experience|experience (?:required|needed|and|&)")


def _experience_of_others(low: str) -> bool:
    """Does the lower-cased heading name others' experience ("web experience roadmap") and no
    requirement word besides?"""
    return _OTHERS_EXPERIENCE_RE.search(low) is not None and _OTHER_REQUIREMENT_WORDS_RE.search(low) is None


def _word_count(s: str) -> int:
    if not s.isascii() and _CJK_RE.search(s):
        return max(1, len(s) // 3)
    return s.count(" ") + 1


def _mangled_bullets(runs: dict[str, int]) -> set[str]:
    """Leading tokens that behave as bullets: repeated on consecutive lines and not words.

    ``runs`` counts, per short leading token, how often a non-blank line repeated
    the token of the non-blank line before it (``parse_sections`` counts them in
    its first pass over the lines).
    """
    out = set()
    for tok, n in runs.items():
        if n < 2:
            continue
        if tok.isalpha() and tok not in ("o", "O", "v"):
            continue  # a repeated real word ("A", "I") is text, not a bullet
        out.add(tok)
    return out


_HEADING_MAX = 90  # longer lines are never headings
_TITLE_HEADING_MAX = 10  # words of a title-case heading
_WHAT_YOU_DO_RE = re.compile(r"what you(?:'ll|’ll| will)? (?:get to |be )?do(?:ing)?\b", re.IGNORECASE)


@lru_cache(maxsize=16384)  # headings recur across postings ("Responsibilities:", "Requirements")
def _heading_verdict(s: str) -> bool | None:
    """Is the stripped, non-blank line ``s`` a heading?

    ``None`` means "only when list items follow it". Splitting this answer from
    the next line's kind (formerly one cached ``_is_heading(line, next_kind)``)
    lets ``parse_sections`` look up the next line only for those few lines, and
    caches one entry per line instead of one per (line, next kind).
    """
    if s.startswith("#"):
        return True
    if s.startswith("**") and s.endswith("**") or s.startswith("【") and s.endswith("】"):
        return True
    words = _word_count(s)
    if s[-1] in ":：":
        return words <= 8 and not _LEVEL_LINE_RE.match(s)
    if s[-1] in _TERMINAL or words > 8 and (words > _TITLE_HEADING_MAX or not _title_case(s)) or \
            (":" in s or "：" in s) and _LABEL_RE.match(s):
        return False
    if s.isupper() and words <= 8 and sum(c.isalpha() for c in s) >= 3:
        return True
    if s[0].islower():
        return False  # "сложные и интересные задачи" over a list is one of its items, not its heading
    if words <= 8 and _WHAT_YOU_DO_RE.match(s) is not None:
        return True  # "What you get to do every single day"
    if heading_kind(s) not in ("other",) and (words <= 3 or words <= _TITLE_HEADING_MAX and _title_case(s)):
        return True  # "Skills & Experience", "At a Minimum We'd Like You To Have", not "Hire experienced consultants"
    # A short line directly followed by list items is a heading ("1. Account Director Details").
    if words <= 8 and (_NUMBERED_RE.match(s) is not None or words <= 5):
        return None
    return False


_MINOR_WORDS = frozenset({"and", "or", "of", "the", "a", "an", "to", "for", "in", "on", "with", "at", "by", "&", "-", "–"})


def _title_case(s: str) -> bool:
    """Are the words of ``s`` capitalised, small words aside ("Skills and Experience")?"""
    words = [w for w in s.split() if w.lower() not in _MINOR_WORDS]
    return bool(words) and all(not w[:1].isalpha() or w[:1].isupper() or not w[:1].isascii() and not w[:1].islower()
                               for w in words)


def _clean_heading(s: str) -> str:
    s = s.strip().strip("#*【】 ").strip()
    s = _NUMBERED_RE.sub("", s)
    return s.rstrip(":： ").strip()


# One-line descriptions (job-board CSVs, seed 000) carry their headings inline:
# "... Key responsibilities: Set pricing policy. Represent the agency ... About you: 12+ years ..."
_INLINE_MIN = 250
_INLINE_HEADING_RE = re.compile(
    r"(?:(?<=^)|(?<=[.!?;:]\s)|(?<=[.!?;]))\s*((?:key |main |your |core |job |the )?(?:duties(?: and responsibilities)?|"
    r"responsibilities|accountabilities|what you(?:'ll| will) do|about you|requirements|qualifications|"
    r"(?:essential |desired )?skills|benefits|what we offer|обязанности|требования|условия|мы предлагаем|"
    r"岗位职责|工作职责|职位描述|任职要求|职位要求|岗位要求|福利待遇))\s*[:：]\s*",
    re.IGNORECASE,
)
_COLON_RE = re.compile("[:：]")
_MARK_RE = re.compile("[.!?;:]")
# How every inline heading ends (a cheap test before the pattern is tried).
_INLINE_TAILS = ("duties", "responsibilities", "accountabilities", " do", "about you", "requirements",
                 "qualifications", "skills", "benefits", "what we offer", "обязанности", "требования", "условия",
                 "мы предлагаем", "岗位职责", "工作职责", "职位描述", "任职要求", "职位要求", "岗位要求", "福利待遇")
_INLINE_HEAD_MAX = 60  # longest inline heading with its leading blanks ("Key duties and responsibilities ")
# A sentence break: the blanks after ".!?" before a capital or digit, or ";；。" with
# the blanks after it. Formerly r"(?<=[.!?])\s+(?=[A-ZА-ЯЁ0-9])|[;；。]\s*", tried
# (look-behind first) at every character; opening with the mark lets the regex
# engine skip in C to the next mark, about four times faster on a 1 KB line. The
# match now includes a ".!?" mark, so the break itself starts at group 1 for those
# (see _expand_inline): the same breaks wherever the search does not start right
# after a ".!?" mark.
_INLINE_SENTENCE_RE = re.compile(r"[.!?;；。](?:(?<=[.!?])(\s+)(?=[A-ZА-ЯЁ0-9])|(?<=[;；。])\s*)")


def _colons(raw: str) -> list[int]:
    """Offsets of the colons (``:`` or ``：``) in ``raw``, in order.

    ``str.find`` runs in C at memchr speed, several times faster than
    ``_COLON_RE.finditer`` over a 1 KB line; the regex gives the same offsets
    and is kept for the rare line with a full-width colon.
    """
    if "：" in raw:
        return [m.start() for m in _COLON_RE.finditer(raw)]
    out = []
    c = raw.find(":")
    while c != -1:
        out.append(c)
        c = raw.find(":", c + 1)
    return out


def _inline_heads(raw: str) -> list[re.Match]:
    """``_INLINE_HEADING_RE.finditer(raw)``, tried only just before each colon.

    Every inline heading ends with a colon, and the pattern opens with
    look-behinds that are slow to try at every character of a 1 KB line.
    """
    heads: list[re.Match] = []
    last_end = 0
    n = len(raw)
    for c in _colons(raw):
        if c < last_end:
            continue
        if not raw[max(0, c - 20):c].rstrip().lower().endswith(_INLINE_TAILS):
            continue  # "Salary:", "Location:" ...: not a heading word before the colon
        stop = c + 1
        while stop < n and raw[stop].isspace():
            stop += 1
        lo = max(last_end, c - _INLINE_HEAD_MAX)
        # The pattern can only start where its look-behinds hold: the line start,
        # or just after a sentence mark (and the blank after it).
        starts = [0] if lo == 0 else []
        for mark in _MARK_RE.finditer(raw, max(0, lo - 1), c):
            starts.append(mark.end())
            starts.append(mark.end() + 1)
        for q in starts:
            if q < lo:
                continue
            m = _INLINE_HEADING_RE.match(raw, q, stop)
            if m is not None:
                if m.end() > c:
                    heads.append(m)
                    last_end = m.end()
                break
    return heads


def _expand_inline(offsets: list[int], raw_lines: list[str], stripped: list[str]):
    """Cut long lines that carry inline headings into heading and sentence pieces.

    Returns ``(offsets, stripped, forced_kinds)``, new when a line was cut (the lists
    given otherwise, and no forced kinds); each piece keeps its offset in the original
    text, so item offsets still point into it.
    """
    heads_at = {i: heads for i, s in enumerate(stripped) if len(s) > _INLINE_MIN
                for heads in (_inline_heads(raw_lines[i]),) if heads}
    if not heads_at:
        return offsets, stripped, {}
    new_offsets: list[int] = []
    new_lines: list[str] = []
    forced: dict[int, str] = {}
    for i, (off, raw, s) in enumerate(zip(offsets, raw_lines, stripped)):
        heads = heads_at.get(i)
        if not heads:
            new_offsets.append(off)
            new_lines.append(s)
            continue
        cursor = 0
        for k, h in enumerate(heads):
            if h.start(1) > cursor and raw[cursor:h.start(1)].strip():
                new_offsets.append(off + cursor)
                new_lines.append(raw[cursor:h.start(1)].strip())
            forced[len(new_lines)] = "line"
            new_offsets.append(off + h.start(1))
            new_lines.append(raw[h.start(1):h.end()].strip())
            end = heads[k + 1].start(1) if k + 1 < len(heads) else len(raw)
            piece_start = h.end()  # after the heading's colon or a blank: not after a ".!?" mark
            for m in _INLINE_SENTENCE_RE.finditer(raw, piece_start, end):
                cut = m.start() if m.group(1) is None else m.start(1)  # ".!?" stays with its sentence
                piece = raw[piece_start:cut].strip()
                if piece:
                    forced[len(new_lines)] = "inline"
                    new_offsets.append(off + piece_start)
                    new_lines.append(piece)
                piece_start = m.end()
            piece = raw[piece_start:end].strip()
            if piece:
                forced[len(new_lines)] = "inline"
                new_offsets.append(off + piece_start)
                new_lines.append(piece)
            cursor = end
    return new_offsets, new_lines, forced


def _next_kind(kinds: list[str | None], stripped: list[str], i: int) -> str | None:
    """How the first non-blank line after line ``i`` looks (``item`` for a ``Label: text`` line)."""
    n = len(kinds)
    j = i + 1
    while j < n and kinds[j] is None:
        j += 1
    if j == n:
        return None
    k = kinds[j]
    return "item" if k == "item" or ":" in stripped[j] and _LABEL_RE.match(stripped[j]) is not None else k


@lru_cache(maxsize=16384)  # heading lines recur across postings ("Responsibilities:", "Requirements")
def _heading_of(line: str) -> tuple[str, str]:
    """``(heading, kind)`` of a heading line (cached: cleaning it is a chain of strips and a regex)."""
    heading = _clean_heading(line)
    return heading, heading_kind(heading)


# --------------------------------------------------------------------------- where duties end
#
# A duties section ends at the next requirements, benefits, pay, how-to-apply, equal-
# opportunity or company passage even when it carries no heading of its own (the text
# lost its breaks and the passage is glued to the last duty). Lines are tested at their
# start, except the equal-opportunity and legal wording, which may sit anywhere.
_CUE_RES: tuple[tuple[str, re.Pattern], ...] = (
    ("benefits", re.compile(
        r"(?:benefits?\b(?! (?:of|to|from)\b)|perks\b|what we offer|we offer\b|our offer\b|in return\b|"
        r"what you(?:'ll|’ll| will) get|you(?:'ll|’ll| will) (?:receive|enjoy|get)\b(?! to)|we (?:provide|give) (?:you|our)|"
        r"мы предлагаем|предлагаем|что мы предлагаем|условия работы|у нас (?:вы|тебя)|福利|我们提供|薪资福利)",
        re.IGNORECASE)),
    ("pay", re.compile(
        r"(?:salary\b|compensation\b|pay (?:range|rate|scale)|base (?:salary|pay)\b|(?:the|this|our) (?:base |annual |hourly |"
        r"expected |anticipated |estimated |starting )*(?:salary|pay|compensation|hiring|wage)s? (?:range|rate|for|is)|"
        r"the range for this|the role offers a|this (?:role|position) (?:offers|pays|is eligible)|"
        r"зарплата|заработная плата|оплата труда|доход\b|薪资|薪酬|工资)", re.IGNORECASE)),
    ("other", re.compile(
        r"(?:to apply|how to apply|apply (?:now|today|here|online|for)|please (?:apply|send|submit|note)|if (?:you are|you're|you’re) "
        r"interested|interested\?|click (?:the |on )?apply|send (?:your|us)|submit (?:your|an application)|we look forward|"
        r"about (?:us|the company|our)\b|who we are\b|our (?:mission|story|culture|values|company)\b|why (?:join|work)|life at\b|"
        r"откликайтесь|присылайте|отправляйте|о компании|о нас\b|投递|简历|关于我们|公司介绍)", re.IGNORECASE)),
    ("requirements", re.compile(
        r"(?:requirements?\b|qualifications?\b|(?:the |our )?ideal candidate|what you(?:'ll|’ll| will)? (?:need|bring)|"
        r"what we(?:'re|’re| are) looking for|who you are\b|about you\b|you(?:'ll|’ll| will) (?:have|need)\b|"
        r"skills (?:and|&) experience|must have|essential (?:skills|criteria)|требования|мы ожидаем|что мы ждем|"
        r"ожидания|任职|岗位要求|职位要求)", re.IGNORECASE)),
)
_LEGAL_RE = re.compile(
    r"equal (?:employment )?opportunit|affirmative action|reasonable accommodation|regardless of (?:race|age|sex|gender)|"
    r"without regard to|protected (?:veteran|characteristic)|e-verify|background check|drug[- ]free|"
    r"national origin|sexual orientation|privacy (?:notice|policy)|applicant privacy")  # on lower-cased text
_CUE_SPAN = 60  # a cue opens the line: only its first characters are tried


@lru_cache(maxsize=32768)
def cue_kind(line: str) -> str | None:
    """The kind of passage a line opens when it is no duty (``benefits``, ``pay``,
    ``requirements``, ``other`` for applying, company and legal text), or None."""
    head = line[:_CUE_SPAN]
    for kind, rx in _CUE_RES:
        if rx.match(head) is not None:
            return kind
    return "other" if _LEGAL_RE.search(line.lower()) is not None else None


# A lead-in sentence that ends with a colon introduces the list under it
# ("Following your training, you will be responsible for:", "Key tasks include:").
# Duty words first; the weaker "... include:" and "you will:" only after benefits and pay
# ("Highlights of our benefits package include:" introduces benefits).
_LEAD_IN_RES: tuple[tuple[str, re.Pattern], ...] = (
    ("duties", re.compile(r"(?:responsib|dut(?:y|ies)\b|tasks?\b|обязанност|задач|функци|职责|工作内容)", re.IGNORECASE)),
    ("benefits", _CUE_RES[0][1]),
    ("pay", _CUE_RES[1][1]),
    ("duties", re.compile(
        r"(?:you(?:'ll|’ll| will)(?: also)?(?: be)?(?: expected to| asked to)?[:：]?$|"
        r"(?:will|would|to) (?:include|involve)|involves?[:：]?$|includes?[:：]?$|who (?:can|will)[:：]?$|"
        r"role (?:is|will be) to|expected to[:：]?$|will be (?:working on|doing|tasked)|in this role,? you(?:'ll|’ll| will)\b)",
        re.IGNORECASE)),
    ("requirements", re.compile(
        r"(?:requir|qualif|experience|skills?\b|candidate|who (?:has|have)|you (?:have|are|bring)\b|you(?:'ll|’ll| will) "
        r"(?:need|have|bring)|looking for|ideal|must|требовани|ожида|要求)", re.IGNORECASE)),
)
_LEAD_IN_GATES = tuple((kind, _CaselessGate(rx)) for kind, rx in _LEAD_IN_RES)
_LEAD_IN_MAX = 250
# Inside duties, a lead-in that names the candidate but says the list is work ("The ideal candidate
# will also be able to support the following:", "you can be expected to work on one or more of the
# following domains:"): the duties go on. Group 1 is the verb of the work.
_FOLLOWING_WORK_RE = re.compile(
    r"\b(?:to|will|can|may|shall) (?:also )?(?:be )?(?:expected to |asked to |able to |required to )?"
    r"(?:[a-z]+ly )?([a-z]+)\b[^:：]*\bthe following\b", re.IGNORECASE)
_NOT_WORK_VERBS = frozenset({"demonstrate", "show", "bring", "have", "possess", "meet", "need", "display", "learn",
                             "know", "understand", "hold"})


def _lead_in_goes_on(line: str) -> bool:
    """Does a requirement-worded lead-in inside duties introduce more work (``_FOLLOWING_WORK_RE``)?"""
    m = _FOLLOWING_WORK_RE.search(line)
    if m is None or "required" in line or m.group(1).lower() in _NOT_WORK_VERBS:
        return False
    from workbench.taxonomy import is_action_verb

    return is_action_verb(m.group(1), past=False)


def _candidate_task(heading: str) -> bool:
    """A short title naming work on candidates ("Candidate Sourcing:", "Candidate Assessment:"), no requirement."""
    return heading.startswith("Candidate ") and _word_count(heading) <= 3 and _title_case(heading)


def lead_in_kind(line: str) -> str:
    """Kind of the list a colon-ended lead-in sentence introduces (``other`` when it does not say)."""
    low = line.lower() if line.isascii() else None
    for kind, rx in _LEAD_IN_GATES:
        if rx.search(line, low) is not None:
            if kind == "requirements" and _experience_of_others(line.lower()):
                continue  # "Web Experience Roadmap Lead:"
            return kind
    return "other"


# In a duties section a heading that names no kind of its own ("Account Management:",
# "Business Development & Billing") is a sub-heading: the duties go on under it, unless
# it opens company, culture, legal or applying text.
_NOT_SUBHEADING_RE = re.compile(
    r"about|who we are|our |culture|values|mission|diversity|inclusion|equal|legal|apply|applying|application|"
    r"location|schedule|hours|travel requirement|physical|working conditions|environment|why |life at|perks|"
    r"о компании|о нас|мы |关于|公司", re.IGNORECASE)


def _section_kind(heading_k: str, heading: str, current_kind: str) -> str:
    """Kind of a new section: a sub-heading inside duties stays duties."""
    if current_kind == "duties" and heading_k == "other" and _NOT_SUBHEADING_RE.search(heading) is None:
        return "duties"
    return heading_k


def parse_sections(text: str, *, item_offsets: bool = False) -> list[dict]:
    """Split ``text`` (structured text or raw HTML) into sections.

    Returns ``[{heading, kind, items: [{text, label}], start, end}]`` in document
    order. Text before the first heading forms a section with heading ``None``.
    Sections with no items are kept (the heading is information too).
    ``item_offsets=True`` adds each item's ``start`` offset; offsets refer to the
    parsed text, which is ``text`` itself unless ``text`` was raw HTML (then
    ``structured_text(text)``, the text ingest's converter makes of it).

    A duties section goes on under sub-headings that name no other kind and ends
    at the next heading of another kind, at a colon-ended lead-in sentence that
    introduces requirements, benefits or pay, or at a line that opens benefits,
    pay, applying, company or legal text (:func:`cue_kind`) even without a heading.
    """
    if not text:
        return []
    # Imported on first use: the ingest package brings pandas, which the
    # extractors do not otherwise need at import time.
    from workbench.ingest.html import structured_text

    return split_sections(structured_text(text), item_offsets=item_offsets)


def split_sections(text: str, *, item_offsets: bool = False, line_starts: Collection[int] = (),
                   lines: list[str] | None = None) -> list[dict]:
    """:func:`parse_sections` of text that is structured already: no HTML test, offsets into ``text``.

    ``structure`` converts raw HTML once and splits the result with this, so a
    text is never read as HTML twice. ``line_starts`` are offsets of lines that
    begin where a lost line break was restored (``text.restore_breaks``): such a
    line starts an item of its own, never the next line of a wrapped paragraph. ``lines``
    passes ``text.split("\n")`` when the caller has it already.
    """
    if not text:
        return []
    offsets, stripped, forced = _split_lines(text, lines)
    kinds = _line_kinds(stripped, forced)
    builder = _Builder(item_offsets, line_starts)
    line = builder.line
    for i, (kind, s, start) in enumerate(zip(kinds, stripped, offsets)):
        if kind is None:
            continue
        if kind == "item" and s[0] in _BULLET_FIRST and s[1:2] != "*":
            # The common case, a bulleted item, taken here without a call unless its label
            # opens a section of another kind ("- Requirements: ...").
            label = None
            if ":" not in s and "：" not in s:
                body = s[1:].strip()
            else:
                body, label, opens = _bullet_item(s)
                if opens is not None and opens != builder.current["kind"]:
                    line(kinds, stripped, i, kind, s, start)
                    continue
            if body:
                if builder.wrapped:
                    builder.flush_wrapped()
                builder.last_plain = -2
                builder.items.append({"text": body, "label": label, "start": start, "listed": True}
                                     if item_offsets else {"text": body, "label": label})
        else:
            line(kinds, stripped, i, kind, s, start)
    return builder.finish(len(text))


@lru_cache(maxsize=65536)  # list items recur across postings
def _bullet_item(s: str) -> tuple[str, str | None, str | None]:
    """``(text, label, kind)`` of the bulleted line ``s`` holding a colon, as _Builder.item reads it:
    ``kind`` is the kind of section its label opens when the current one is of another kind
    (else None)."""
    body = s[1:].strip()
    if not body:
        return body, None, None
    label, body = _split_label(body)
    if label is None:
        return body, None, None
    label_k = heading_kind(label)
    opens = label_k in _SWITCHING_LABEL_KINDS and _word_count(label) <= 4 and not label[0].islower()
    return body, label, label_k if opens else None


def _split_lines(text: str, lines: list[str] | None = None) -> tuple[list[int], list[str], dict[int, str]]:
    """Offsets and stripped text of each line, long lines with inline headings cut up.

    Every cut is made inside one line and depends on that line alone (and on whether the text
    holds a line over _INLINE_MIN): each line is cut once by :func:`_cut_line`, kept per
    line, and its pieces are placed at its offset.
    """
    raw_lines = text.split("\n") if lines is None else lines
    # Line i starts after the lengths of lines 0..i-1 plus i newlines; built with
    # C-level map/accumulate instead of a generator (same numbers).
    offsets = list(map(add, accumulate(map(len, raw_lines), initial=0), range(len(raw_lines))))
    stripped = list(map(str.strip, raw_lines))
    longest = max(map(len, stripped))
    if longest <= _CUT_LINE_MIN:
        return offsets, stripped, {}
    long = len(text) > _INLINE_MIN and longest > _INLINE_MIN
    cuts = {i: pieces for i, raw, s in zip(range(len(raw_lines)), raw_lines, stripped)
            if len(s) > _CUT_LINE_MIN for pieces in (_cut_line(raw, long),) if pieces is not None}
    if not cuts:
        return offsets, stripped, {}
    new_offsets: list[int] = []
    new_lines: list[str] = []
    forced: dict[int, str] = {}
    for i, (off, s) in enumerate(zip(offsets, stripped)):
        pieces = cuts.get(i)
        if pieces is None:
            new_offsets.append(off)
            new_lines.append(s)
            continue
        for rel, piece, kind in pieces:
            if kind is not None:
                forced[len(new_lines)] = kind
            new_offsets.append(off + rel)
            new_lines.append(piece)
    return new_offsets, new_lines, forced


_CUT_LINE_MIN = 20  # no line this short is cut (_COLON_HEAD_SPAN, the shortest reach of a cut)


@lru_cache(maxsize=65536)  # postings repeat their boilerplate lines
def _cut_line(raw: str, long: bool) -> tuple[tuple[int, str, str | None], ...] | None:
    """The pieces of the line ``raw`` as ``(offset in raw, stripped piece, forced kind or None)``, or
    None when it stays one line: inline headings of a long line, a glued heading, glued runs and
    colon headings cut out in turn. ``long`` says the text holds a line over _INLINE_MIN: then
    offsets of pieces cut at a glued heading count from the stripped line (as they always have)."""
    s = raw.strip()
    if not (long and len(s) > _INLINE_MIN or len(s) > _GLUED_LINE_MIN and _GLUED_HEAD_RE.search(
            s, 0, _GLUED_HEAD_SPAN) is not None and _glued_heading_end(s) is not None or _line_runs(s)):
        # Only colon headings may cut it: the common case, tested on the line alone.
        hits = _line_colon_hits(s)
        if not hits:
            return None
        offsets, stripped, forced = _cut_at(raw, [0], [s], {}, {0: hits})
    else:
        offsets, stripped, raw_lines, forced = [0], [s], [raw], {}
        if long:
            if len(s) > _INLINE_MIN:
                offsets, stripped, forced = _expand_inline(offsets, raw_lines, stripped)
            raw_lines = stripped
        # Every piece is a candidate: _cut_glued_headings tests each one itself.
        offsets, stripped, forced = _cut_glued_headings(offsets, raw_lines, stripped, forced, range(len(stripped)))
        offsets, stripped, forced = _cut_glued_runs(raw, offsets, stripped, forced)
        offsets, stripped, forced = _cut_colon_heads(raw, offsets, stripped, forced)
    if not forced and len(stripped) == 1 and offsets[0] == 0 and stripped[0] == s:
        return None
    return tuple((off, piece, forced.get(k)) for k, (off, piece) in enumerate(zip(offsets, stripped)))


# A heading glued to the text after it: "About YouWe are ...", "What We OfferSalary ...".
_GLUED_HEAD_RE = re.compile(r"[A-Z](?<=[a-z][A-Z])(?=[a-z])")  # the capital first: the engine skips to it in C
_GLUED_HEAD_SPAN = 60
_GLUED_LINE_MIN = 24  # a line no longer than this is a heading or an item as it stands
_APPLY_HEADINGS = frozenset({"apply", "how to apply", "to apply", "apply now"})


# Headings written in sentence case open with one of these ("What you'll do", "About you").
_SENTENCE_HEADS = ("What ", "Who ", "How ", "Why ", "About ", "Your ", "Что ", "Чем ", "Кого ", "Ваши ", "Мы ")


def _glued_heading_end(s: str) -> int | None:
    """Where a heading glued to the start of line ``s`` ends, or None."""
    for m in _GLUED_HEAD_RE.finditer(s, 0, _GLUED_HEAD_SPAN):
        prefix = s[:m.start()]
        if _word_count(prefix) > 6 or not (_title_case(prefix) or prefix.startswith(_SENTENCE_HEADS)):
            return None
        if heading_kind(prefix) != "other" or prefix.lower() in _APPLY_HEADINGS:
            return m.start()
    return None


def _cut_glued_headings(offsets, raw_lines, stripped, forced, candidates):
    """Lines that open with a glued heading, cut into the heading and the rest; ``candidates``
    are the indices of the lines that may hold one (every line with a glued capital)."""
    # Only a long line can be a heading glued to its text (a short one is a heading or an item).
    cuts = [(i, end) for i in candidates for s in (stripped[i],) if len(s) > _GLUED_LINE_MIN
            and _GLUED_HEAD_RE.search(s, 0, _GLUED_HEAD_SPAN) for end in (_glued_heading_end(s),) if end is not None]
    if not cuts:
        return offsets, stripped, forced
    new_offsets, new_lines, new_forced = [], [], {}
    at = dict(cuts)
    for i, (off, s) in enumerate(zip(offsets, stripped)):
        if i in forced:
            new_forced[len(new_lines)] = forced[i]
        if i in at:
            lead = len(raw_lines[i]) - len(raw_lines[i].lstrip())
            new_offsets += [off + lead, off + lead + at[i]]
            new_lines += [s[:at[i]], s[at[i]:]]
            new_forced[len(new_lines) - 2] = "line"
            continue
        new_offsets.append(off)
        new_lines.append(s)
    return new_offsets, new_lines, new_forced


# A heading glued inside a line, after the text before it lost its break: "... planning practices
# At a Minimum We'd Like You To Have 5+ years ...", "... time zone Specific Duties Of This Analyst
# Include Build financial models ...". A run of capitalised words after a lower-case word that names
# a section in one of these strong words; the last capitalised word opens the text after it when a
# lower-case word follows ("Build financial").
_RUN_HEAD_WORDS = ("duties", "responsibilities", "requirements", "qualifications", "benefits", "perks",
                   "like you to have", "preferred if you", "nice to have", "what you", "about you", "we offer")
_RUN_HEAD_CAPITALS = ("Duties", "Responsibilities", "Requirements", "Qualifications", "Benefits", "Perks", "Like",
                      "Preferred", "Nice", "What", "About", "Offer")
_RUN_CAPITALS_RE = re.compile("|".join(_RUN_HEAD_CAPITALS))
_RUN_RE = re.compile(r"[A-Z](?<=[a-z)] [A-Z])[\w’'…-]*,?"
                     r"(?: (?:[A-Z][\w’'…-]*,?|a|an|the|of|to|for|and|at|in|with|if|that))+")
_ADDRESSED_RE = re.compile(r"\b(?:you|your|we|our)\b")
_RUN_SMALL = frozenset({"a", "an", "the", "of", "to", "for", "and", "at", "in", "with", "if", "that"})
_RUN_MIN_WORDS = 3
_ACRONYM_AFTER_RE = re.compile(r" ?\([A-Z][A-Za-z&]*[A-Z]s?\)")


def _glued_runs(s: str) -> list[tuple[int, int]]:
    """``(start, end)`` of each heading glued inside line ``s`` (see _RUN_RE)."""
    out = []
    for m in _RUN_RE.finditer(s):
        start, end = m.start(), m.end()
        rest = s[end:end + 2]
        if rest[:1] == " " and rest[1:2].islower():  # "... Include Build financial": "Build" opens the text
            end = s.rfind(" ", start, end)
        run = s[start:end]
        words = run.split()
        if len(words) < _RUN_MIN_WORDS or words[-1] in _RUN_SMALL or _ACRONYM_AFTER_RE.match(s, end) is not None:
            continue  # "... prioritise Key User Requirements (KURs) Design ...": a name and its acronym
        low = run.lower()
        if not any(w in low for w in _RUN_HEAD_WORDS) or heading_kind(run.rstrip("…,")) in ("other", "description"):
            continue
        if ("benefits" in low or "perks" in low) and _ADDRESSED_RE.search(low) is None:
            continue  # "Acme Medical Benefits Management": a name
        out.append((start, end))
    return out


def _line_runs(s: str) -> list[tuple[int, int]]:
    """:func:`_glued_runs` of a stripped line long enough to hold one and holding a capitalised
    strong word (one pattern of the words, which the engine skips to in C), else none."""
    return _glued_runs(s) if len(s) > _GLUED_HEAD_SPAN and _RUN_CAPITALS_RE.search(s) is not None else []


def _cut_glued_runs(text, offsets, stripped, forced):
    """Lines holding a glued heading, cut into the text before it, the heading and the text after."""
    # A glued heading is title case: one of its strong words is capitalised. One pattern of the
    # words tests the text, then each long line.
    if _RUN_CAPITALS_RE.search(text) is None:
        return offsets, stripped, forced
    hits = {i: runs for i, s in enumerate(stripped) for runs in (_line_runs(s),) if runs}
    return _cut_at(text, offsets, stripped, forced, hits) if hits else (offsets, stripped, forced)


# A heading that kept its colon but lost the break before it, anywhere in a line: "... a similar
# role Responsibilities: Maintain ...", "This is a remote role. ESSENTIAL FUNCTIONS & RESPONSIBILITIES:Complete
# ...", and a bold sub-heading inside a line ("... + **Project Leadership** : Collaborate ...").
# Title case only for the section words (capitalised, so "the responsibilities: ..." in a sentence
# stays), any capitals for a run in upper case; Chinese section words need no capital.
_COLON_HEAD_RE = re.compile(
    r"(?<![\w&/'’-])(?:"
    r"(?:(?:Key|Main|Core|Essential|Desirable|Desired|Your|Job|Role|Primary|Principal|Additional|Other|Daily) )?"
    r"(?:Responsibilities|Duties|Accountabilities|Requirements|Qualifications|Skills|Benefits|Technologies|Tasks|"
    r"Обязанности|Требования|Условия|Задачи)"
    r"(?: (?:and|&) (?:Responsibilities|Duties|Requirements|Qualifications|Skills|Experience))?|"
    r"[A-ZА-ЯЁ][A-ZА-ЯЁ]+(?:(?: ?[&/,] ?| )[A-ZА-ЯЁ][A-ZА-ЯЁ’']*){0,5}|"
    r"岗位职责|工作职责|职位描述|任职要求|职位要求|岗位要求|任职资格|福利待遇)\s?[:：]\s*")
# What may stand just before the colon of such a heading (a cheap test before the pattern is tried).
_COLON_HEAD_TAILS = ("Responsibilities", "Duties", "Accountabilities", "Requirements", "Qualifications", "Skills",
                     "Benefits", "Technologies", "Tasks", "Experience", "Обязанности", "Требования", "Условия",
                     "Задачи", "职责", "描述", "要求", "资格", "待遇")
_COLON_HEAD_ENDS = frozenset(t[-1] for t in _COLON_HEAD_TAILS)  # the last letters of those words
_BOLD_HEAD_RE = re.compile(r"(?:(?<=\s)[+•-] )?\*\*([^*\n]{2,80}?)\*\*(?:\s?[:：])?\s*")
_COLON_HEAD_MIN_LETTERS = 5  # an upper-case run shorter than this is an acronym ("SQL:")
_COLON_HEAD_REACH = 80  # the longest heading looked for before a colon


# What _GLUED_LEAD_IN_RE needs in a row: a duty word, a modal verb and "also" (both optional), a verb.
_LEAD_IN_WORDS = ("esponsibilities", "uties", "asks")
_LEAD_IN_MODALS = (" will", " may", " would")
_LEAD_IN_VERBS = (" include", " involve", " are")
# A duties lead-in glued to the first duty ("Your responsibilities will include, but aren't limited
# to:Lead the development ..."), anywhere in a line.
_GLUED_LEAD_IN_RE = re.compile(
    r"(?<![\w-])(?:(?:[Yy]our|[Tt]he|[Kk]ey|[Mm]ain) )?(?:(?:key|main|core) )?(?:[Rr]esponsibilities|[Dd]uties|[Tt]asks)"
    r"(?: (?:will|may|would))?(?: also)? (?:include|involve|are)\b[^:：.]{0,60}[:：]\s*(?=[A-ZА-ЯЁ])")


def _colon_heads(s: str) -> list[tuple[int, int]]:
    """``(start, end)`` of each heading inside line ``s`` that ends at a colon (see _COLON_HEAD_RE),
    or is a bold run (_BOLD_HEAD_RE), or a duties lead-in glued to its first duty (_GLUED_LEAD_IN_RE);
    ``end`` is where the text after it starts. A heading at the line's start is left to the label
    and heading rules, unless nothing but its colon separates it from the text."""
    glued = [(m.start(), m.end()) for m in _GLUED_LEAD_IN_RE.finditer(s)
             if m.start() or not s[m.end() - 1:m.end()].isspace()] if _may_lead_in(s) else []
    out = _section_colon_heads(s)
    if glued:
        out = sorted(out + glued)
        out = [h for k, h in enumerate(out) if not k or h[0] >= out[k - 1][1]]
    return out


def _may_lead_in(s: str) -> bool:
    """Could line ``s`` hold a glued duties lead-in (_GLUED_LEAD_IN_RE)? Only where its verb
    follows its duty word ("Your responsibilities will include"), found with ``str.find``: the
    pattern opens with a look-behind tried at every character of a paragraph."""
    if not ("esponsibilit" in s or "uties" in s or "asks" in s):
        return False
    for verb in _LEAD_IN_VERBS:
        p = s.find(verb)
        while p != -1:
            before = s[max(0, p - 40):p]
            if before.endswith(" also"):
                before = before[:-5]
            if before.endswith(_LEAD_IN_MODALS):
                before = before[:before.rfind(" ")]
            if before.endswith(_LEAD_IN_WORDS):
                return True
            p = s.find(verb, p + 1)
    return False


def _bold_runs(s: str):
    """``_BOLD_HEAD_RE.finditer(s)``, searched only from just before each ``**``.

    Every match holds a ``**`` at its start or two characters in (after "+ "), so no
    match starts before the next ``**`` less two, and none is left once no ``**`` is:
    the pattern, which opens with an optional look-behind group, is not tried at every
    character of the line.
    """
    pos = 0
    while True:
        q = s.find("**", pos)
        if q == -1:
            return
        m = _BOLD_HEAD_RE.search(s, max(pos, q - 2))
        if m is None:
            return
        yield m
        pos = m.end()


def _section_colon_heads(s: str) -> list[tuple[int, int]]:
    """The headings of :func:`_colon_heads` but the glued lead-ins."""
    out = []
    last = 0
    for c in _colons(s):
        ch = s[c - 1:c]
        if ch and not (ch.isupper() or ch in _COLON_HEAD_ENDS or ch.isspace()):
            continue  # the character before the colon (tested before any slice and strip, as below)
        before = s[max(0, c - 22):c].rstrip()
        if c < last or not before or not (before[-1].isupper() or before.endswith(_COLON_HEAD_TAILS)):
            continue  # only a capital or a section word can stand before the colon
        for m in _COLON_HEAD_RE.finditer(s, max(last, c - _COLON_HEAD_REACH), min(len(s), c + 4)):
            a, b = m.start(), m.end()
            if b <= c:
                continue
            head = m.group().strip(" :：")
            if b >= len(s) and (a == 0 or heading_kind(head) == "other") or a == 0 and s[b - 1:b].isspace():
                break  # nothing after it (unless it names a section's kind), or a "Label: text" line (a label)
            if head.isupper() and sum(ch.isalpha() for ch in head) < _COLON_HEAD_MIN_LETTERS:
                break
            out.append((a, b))
            last = b
            break
    if "**" in s:
        for m in _bold_runs(s):
            a, b = m.start(), m.end()
            head = m.group(1)
            if not head[:1].isupper():
                continue
            # A run that ends the line heads what follows when it names a section's kind
            # ("... Aviation._** **Key responsibilities**", "... Kingdom **Responsibilities**").
            ends = b >= len(s) and a > 0 and heading_kind(head.strip(" :：")) != "other"
            if b >= len(s) and not ends or " " not in head.strip() and not ends and _stressed(s, a, b):
                continue  # "... will **own** the ...": a stressed word
            out.append((a, b))
        out.sort()
        out = [h for k, h in enumerate(out) if not k or h[0] >= out[k - 1][1]]
    return out


def _stressed(s: str, a: int, b: int) -> bool:
    """Is the one-word bold run ``s[a:b]`` stressed inside a sentence (no colon, no bold run or
    sentence end before it)?"""
    if s[a:b].rstrip().endswith((":", "：")) or s.startswith("**", b):
        return False
    before = s[:a].rstrip(" +•-")
    return bool(before) and before[-1] not in ".!?:*"


def _cut_colon_heads(text, offsets, stripped, forced):
    """Lines holding a heading that ends at a colon (or a bold sub-heading) after other text, or
    one glued to their end (_tail_head), cut into the text before it, the heading and the text after."""
    hits = {i: heads for i, s in enumerate(stripped) if len(s) > _COLON_HEAD_SPAN
            for heads in (_line_colon_hits(s),) if heads}
    return _cut_at(text, offsets, stripped, forced, hits) if hits else (offsets, stripped, forced)


def _line_colon_hits(s: str) -> list[tuple[int, int]]:
    """``(start, end)`` of the headings :func:`_cut_colon_heads` cuts out of the stripped line ``s``
    (longer than _COLON_HEAD_SPAN)."""
    heads = _colon_heads(s) if ":" in s or "：" in s or "**" in s else []
    if s[-1] in ":：" and (" What " in s or " Who " in s or " About " in s):
        m = _GLUED_LEAD_RE.search(s)  # "... and reusable patterns What you'll need to do the role:"
        if m is not None and (not heads or heads[-1][1] <= m.start()):
            heads = heads + [(m.start(), len(s))]
    # A heading glued to a line's end leaves the line ending in no mark, after a sentence mark
    # (tested in C first).
    if s[-1] not in _TERMINAL and ("." in s or "!" in s or "?" in s):
        tail = _tail_head(s)
        if tail is not None and (not heads or heads[-1][1] <= tail[0]):
            heads = heads + [tail]
    return heads


_TAIL_HEAD_MAX = 60
# A lead-in ("What you'll need ...:", "About you:") glued to the end of the item before it.
_GLUED_LEAD_RE = re.compile(r"(?<=[a-z)] )(?:What|Who|About) (?:you|we)\b[^:：.!?]{0,60}[:：]$")


def _tail_head(s: str) -> tuple[int, int] | None:
    """A heading glued to the end of line ``s`` after its last sentence ("... to pick up.What we're
    looking for"): ``(start, len(s))``, or None."""
    k = max(s.rfind("."), s.rfind("!"), s.rfind("?"))
    if k <= 0 or len(s) - k > _TAIL_HEAD_MAX + 1:
        return None
    tail = s[k + 1:]
    head = tail.strip()
    if len(head) < 4 or not head[0].isupper() or head[-1] in _TERMINAL or ":" in head or _word_count(head) > 6:
        return None
    if not (_title_case(head) or head.startswith(_SENTENCE_HEADS)) or heading_kind(head) in ("other", "description"):
        return None
    return k + 1 + len(tail) - len(tail.lstrip()), len(s)


_COLON_HEAD_SPAN = 20  # shorter lines are a heading or a label as they stand


def _cut_at(text, offsets, stripped, forced, hits):
    """Lines ``i`` in ``hits`` cut at their ``(start, end)`` headings into the text before each
    (an item of its own), the heading (a ``head`` line) and the text after."""
    new_offsets, new_lines, new_forced = [], [], {}
    for i, (off, s) in enumerate(zip(offsets, stripped)):
        if i not in hits:
            if i in forced:
                new_forced[len(new_lines)] = forced[i]
            new_offsets.append(off)
            new_lines.append(s)
            continue
        off += max(0, text.find(s, off) - off)  # offsets point at the stripped line's start
        cursor = 0
        for k, (a, b) in enumerate(hits[i]):
            if s[cursor:a].strip():
                if k or i in forced:  # the first piece keeps its own kind (a bulleted line stays an item)
                    new_forced[len(new_lines)] = "inline" if k else forced[i]
                new_offsets.append(off + cursor)
                new_lines.append(s[cursor:a].strip())
            head = s[a:b].strip(" \t+•*:：…,-")
            if head:
                new_forced[len(new_lines)] = "head"
                new_offsets.append(off + a)
                new_lines.append(head)
            cursor = b
        rest = s[cursor:]
        if rest.strip():
            new_forced[len(new_lines)] = "inline"
            new_offsets.append(off + cursor + len(rest) - len(rest.lstrip()))
            new_lines.append(rest.strip())
    return new_offsets, new_lines, new_forced


def _line_kinds(stripped: list[str], forced: dict[int, str]) -> list[str | None]:
    """What each line looks like: None (blank), ``item``, ``numbered``, ``line`` or a forced kind.

    The same pass counts the leading tokens that repeat on consecutive non-blank
    lines (mangled bullets, see _mangled_bullets); the few lines whose kind
    depends on those tokens are revisited after it. What a line looks like on its
    own is read once per line (:func:`_line_shape`).
    """
    kinds: list[str | None] = []
    runs: dict[str, int] = {}
    prev_tok = None
    maybe_mangled: list[int] = []
    shape = _line_shape
    for i, s in enumerate(stripped):
        if not s:
            kinds.append(None)  # blank lines do not break a run of tokens
            continue
        kind, tok, plain = shape(s)
        if tok is not None and tok == prev_tok:
            runs[tok] = runs.get(tok, 0) + 1
        prev_tok = tok
        if forced and i in forced:
            kinds.append(forced[i])
            continue
        if plain:
            maybe_mangled.append(i)  # an "item" if it opens with a mangled bullet
        kinds.append(kind)
    if runs:
        _mark_mangled(kinds, stripped, maybe_mangled, _mangled_bullets(runs))
    return kinds


@lru_cache(maxsize=65536)  # lines recur across postings
def _line_shape(s: str) -> tuple[str, str | None, bool]:
    """``(kind, token, plain)`` of the stripped, non-blank line ``s``: its kind unless forced,
    the short leading token that may be a mangled bullet (None for a real bullet), and
    whether it is an ``item`` when that token is one."""
    first = s[0]
    if first in _BULLET_FIRST and not s.startswith("**"):  # "**Heading**" is Markdown bold
        return "item", None, False  # a real bullet: no token
    # Only a short non-word token can be a mangled bullet ("61", "?", "Â·", "o").
    tok = None
    if not first.isalpha() or s[1:2] == " ":
        sp = s.find(" ")
        if 0 < sp <= 4:
            tok = s[:sp]
    if (first.isdigit() or first == "(" or first.isalpha() and s[1:2] in (".", ")")) and _BULLET_RE.match(s):
        return "numbered" if _NUMBERED_RE.match(s) else "item", tok, False
    return "numbered" if first.isdigit() and _NUMBERED_RE.match(s) else "line", tok, True


def _mark_mangled(kinds: list, stripped: list[str], candidates: list[int], mangled: set[str]) -> None:
    """Lines that open with a mangled bullet token are items."""
    for i in candidates:
        if stripped[i].split(None, 1)[0] in mangled:
            kinds[i] = "item"


def _item_body(kind: str, s: str) -> str:
    """An item line without its bullet or number."""
    if kind == "item":
        if s[0] in _BULLET_FIRST:
            return s[1:].strip()
        m = _BULLET_RE.match(s)
        if m and m.end() > 0:
            return s[m.end():].strip()
        parts = s.split(None, 1)  # a mangled bullet token
        return parts[1].strip() if len(parts) == 2 else s
    if kind == "numbered":
        return _NUMBERED_RE.sub("", s).strip()
    return s  # "line" and "inline" have no bullet; ``s`` is stripped already


def _label_parts(s: str) -> tuple[str, str] | None:
    """The two groups of ``_LABEL_RE.match(s)`` (or None), found with ``str`` methods.

    The pattern's label runs from a letter to the first colon, its blanks before the
    colon aside, and is at most 61 characters; after ``:`` a blank is needed, after
    ``：`` none; the text is the rest, its leading blanks aside, and not empty. Its
    lazy label is tried character by character: this is several times faster.
    """
    c = s.find(":")
    if "：" in s:
        w = s.find("：")
        if c == -1 or w < c:
            c = w
    if c < 1:
        return None
    if "\n" in s:  # ``.`` stops at a line break: the pattern decides
        m = _LABEL_RE.match(s)
        return None if m is None else (m.group(1), m.group(2))
    first = s[0]
    if not first.isalnum() or first.isdecimal():  # [^\W\d_]: a letter
        return None
    head = s[:c].rstrip()
    if len(head) > 61 or s[c] == ":" and not s[c + 1:c + 2].isspace():
        return None
    rest = s[c + 1:].lstrip()
    return (head, rest) if rest else None


def _split_label(body: str) -> tuple[str | None, str]:
    """``(label, text)`` of a ``Label: text`` item (``(None, body)`` otherwise); called only
    for a body holding a colon."""
    parts = _label_parts(body)
    if parts is not None:
        head, rest = parts  # starts with a letter: a label found is never empty
        if _word_count(head) <= 6 and not head.lower().startswith(("http", "www")):
            return head.strip(), rest.strip()
    if body[-1] == ":" and _LEVEL_LINE_RE.match(body):
        return "Level", body.split(None, 1)[1].rstrip(":").strip()
    return None, body


_CUE_HEADING_WORDS = 5  # a company or applying cue line no longer than this heads its section


# A label that opens another kind of section when it heads a line ("Requirements: ...").
_SWITCHING_LABEL_KINDS = frozenset({"duties", "requirements", "benefits", "pay"})


class _Builder:
    """Assembles sections line by line (the second pass of :func:`parse_sections`)."""

    def __init__(self, item_offsets: bool, line_starts: Collection[int] = ()) -> None:
        self.item_offsets = item_offsets
        self.line_starts = line_starts
        self.sections: list[dict] = []
        self.items: list[dict] = []
        self.current = {"heading": None, "kind": "description", "items": self.items, "start": 0, "end": 0}
        self.last_plain = -2  # index of the last plain paragraph line, to join wrapped lines
        # Lines of a wrapped paragraph waiting to be joined into the last item's text:
        # joined once, when the paragraph ends (adding them one by one is quadratic).
        self.wrapped: list[str] = []
        self.field_of: str | None = None  # the kind before a "Salary: ..." field line opened a pay section

    def flush_wrapped(self) -> None:
        """Join the lines of a hard-wrapped paragraph into its item."""
        if self.wrapped:
            self.items[-1]["text"] = " ".join(self.wrapped)
            self.wrapped = []

    def open(self, heading: str | None, kind: str, start: int) -> None:
        """Close the current section and open another."""
        self.flush_wrapped()
        self.current["end"] = start
        if self.current["heading"] is not None or self.items:
            self.sections.append(self.current)
        self.items = []
        self.current = {"heading": heading, "kind": kind, "items": self.items, "start": start, "end": start}
        self.last_plain = -2

    @staticmethod
    def _is_heading(kinds, stripped, i: int, s: str) -> str | None:
        """Whether the ``line`` or ``numbered`` line ``s`` is a ``heading``, a ``lead-in`` or
        neither (None)."""
        # Lines over _HEADING_MAX are never headings: tested before the cache, which
        # then holds short lines only (and needs no hash of a long paragraph).
        verdict = _heading_verdict(s) if len(s) <= _HEADING_MAX else False
        if verdict is None:
            # The kind of the next non-blank line tells a heading from a short
            # paragraph. It is looked up only for these few lines.
            verdict = _next_kind(kinds, stripped, i) == "item"
        if verdict:
            return "heading"
        if s[-1] in ":：" and len(s) <= _LEAD_IN_MAX and _word_count(s) > 8:
            return "lead-in"
        return None

    def line(self, kinds, stripped, i: int, kind: str, s: str, start: int) -> None:
        """Take one non-blank line."""
        if kind == "head":  # a heading cut out of the line it was glued in
            heading, heading_k = _heading_of(s)
            if heading_k != "other":  # one that names no kind is a sub-heading: the section goes on
                self.open(heading, heading_k, start)
            return
        # Only a plain or numbered line can head a section, and a long one only when it ends a
        # lead-in: no call for the others.
        what = (self._is_heading(kinds, stripped, i, s) if (kind == "line" or kind == "numbered") and (
            len(s) <= _HEADING_MAX or s[-1] in ":：") else None)
        current_kind = self.current["kind"]
        if what == "heading":
            heading, heading_k = _heading_of(s)
            if heading_k == "other" and s[-1] in ":：" and not _candidate_task(s):
                heading_k = lead_in_kind(s)  # "In this role, you will:"
            self.open(heading, _section_kind(heading_k, heading, current_kind), start)
            return
        if what == "lead-in":
            lead_k = lead_in_kind(s)
            if lead_k == "requirements" and current_kind == "duties" and "following" in s and _lead_in_goes_on(s):
                lead_k = "other"
            if lead_k != "other" or current_kind != "duties":
                self.open(s.rstrip(":： "), lead_k, start)
            return  # a lead-in that names nothing inside duties is a sub-heading
        if current_kind == "duties" and kind in ("line", "inline"):
            cue = cue_kind(s)
            if cue == "other" and _word_count(s) <= _CUE_HEADING_WORDS and s[-1] not in ".;,":
                self.open(s.rstrip(":： "), cue, start)  # "Why Join Us?", "About Acme": the heading of what follows
                return
            if cue is not None:
                self.open(None, cue, start)
        self.item(i, kind, s, start)
        if self.field_of is not None:
            self._close_field(kinds, stripped, i, start + len(s))

    def _close_field(self, kinds, stripped, i: int, end: int) -> None:
        """A "Salary: ..." line that opened a pay section is a field: unless list items or the
        rest of its hard-wrapped sentence follow it, the lines after it go back to the kind of
        section it interrupted."""
        before, self.field_of = self.field_of, None
        j = i + 1
        while j < len(kinds) and kinds[j] is None:
            j += 1
        if j < len(kinds) and kinds[j] not in ("item", "numbered") and not stripped[j][:1].islower():
            self.open(None, "other" if before == "duties" else before, end)

    def item(self, i: int, kind: str, s: str, start: int) -> None:
        """Take one item (or one line of a paragraph)."""
        body = s if kind == "line" or kind == "inline" else _item_body(kind, s)
        if not body:
            return
        label = None
        if ":" in body or "：" in body:
            label, body = _split_label(body)
        if label is not None:
            label_k = heading_kind(label)
            if label_k in _SWITCHING_LABEL_KINDS and label_k != self.current["kind"] and _word_count(label) <= 4 and (
                    kind != "item" or not label[0].islower()):  # "- сложные задачи: ..." is an item of its list
                if label_k == "pay":
                    self.field_of = self.current["kind"]
                self.open(label, label_k, start)  # "Requirements: 5 years in sales" heads a line
                label = None
                if body[0] in _BULLET_FIRST:  # "Duties: - plan the route ...": the list's first bullet
                    body = body[1:].strip() or body
        plain = kind == "line" and label is None
        if plain and self.last_plain == i - 1 and self.items and start not in self.line_starts and not (
                self.line_starts and body[:1].isupper()):  # a text whose lost breaks were restored is not wrapped
            # A hard-wrapped paragraph: its next line continues the same item.
            if not self.wrapped:
                self.wrapped.append(self.items[-1]["text"])
            self.wrapped.append(body)
            self.last_plain = i
            return
        self.last_plain = i if plain else -2
        if self.wrapped:
            self.flush_wrapped()
        # A list line: a bullet or number opens it, or it starts where a lost break was restored.
        item = ({"text": body, "label": label, "start": start, "listed": not plain or start in self.line_starts}
                if self.item_offsets else {"text": body, "label": label})
        self.items.append(item)

    def finish(self, end: int) -> list[dict]:
        self.flush_wrapped()
        self.current["end"] = end
        if self.current["heading"] is not None or self.items:
            self.sections.append(self.current)
        return self.sections
