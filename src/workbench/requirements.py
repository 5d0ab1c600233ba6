"""Skills and requirements: years of experience, education, languages.

``extract_skills`` reads competency profiles ("Negotiating: Knowledge of ...",
then "Level Extensive Experience:") with their level, and otherwise the short
items of skills sections (level ``None``). ``extract_requirements`` returns
``{experience_years: {min, max} | None, education, languages}``.

Experience: "2-3 years", "At least 2-3 years in account management", "5+ years",
"minimum of 4 years' experience", "7-10 лет опыта", "от 3 лет", "не менее 2 лет",
"3年以上", "三年以上经验". A number of years counts only next to an experience
word (or "years in/of ..." phrasing), so "clients for over 7 years" is not read.
When several are given the strongest requirement wins (highest minimum).

Education is the lowest level the text requires; levels marked preferred only
count when nothing is required. Unknown values are ``None`` / ``[]``.
"""

from __future__ import annotations

import re
from functools import lru_cache

from . import bullets, text as _text
from .gates import Gated, Keys, scripts

__all__ = ["extract_skills", "extract_requirements", "extract_experience", "extract_education", "extract_languages"]

# ----------------------------------------------------------------- skills
_COMPETENCY_RE = re.compile(
    r"^[ \t]*([A-Z][A-Za-z&/,' -]{2,60}?)\s*:\s*\S[^\n]*\n(?:[ \t]*\n)*[ \t]*"
    r"(?:Level|Proficiency(?: level)?|Уровень)\s*[:\-]?\s*([A-Za-zА-Яа-я][^\n:]{2,40}?)\s*:?[ \t]*$",
    re.MULTILINE,
)
_SKILL_HEADING_RE = re.compile(
    r"^[ \t]*(?:#+\s*)?(?:desired |key |required |core )?(?:skills?(?:\(s\))?|competenc\w+|навыки|ключевые навыки|"
    r"技能要求|技能)[^\n]{0,30}[:：]?[ \t]*$", re.IGNORECASE | re.MULTILINE)
_SKILL_WORDS = ("skill", "competenc", "навык", "技能")
_ITEM_RE = re.compile(r"^[ \t]*(?:" + bullets.MARK_CLASS + "|" + bullets.NUMBER + r")[ \t]+(.+)$")


def _lower(text: str) -> str:
    """``text.lower()``, shared with the other extractors (they all read the same body)."""
    return _text.lower(text)


_SKILL_KEYS = Keys(_SKILL_WORDS)
# Characters that IGNORECASE matches to a Latin or Cyrillic letter although they are not that
# letter lower-cased ("ſ" is "s", "ı" is "i", "ᲀ" is "в"): a line holding one may be a heading
# without a skill word in its lower-cased copy. Read from the engine's own table; None (every
# text scanned whole) if this Python lacks it.
try:
    from re import _casefix

    _LETTERS = frozenset("abcdefghijklmnopqrstuvwxyzабвгдеёжзийклмнопрстуфхцчшщъыьэюя")
    _FOLDS = "".join(sorted({chr(v) for k, vs in _casefix._EXTRA_CASES.items() if chr(k) in _LETTERS
                             for v in vs} - _LETTERS))
    _FOLD_RE = re.compile(f"[{re.escape(_FOLDS)}]") if _FOLDS else None
    _FOLD_KEYS = Keys(_FOLDS)
except (ImportError, AttributeError):  # pragma: no cover - another Python's engine
    _FOLD_RE = _FOLD_KEYS = None


def _folds_possible(text: str, low: str) -> bool:
    """Might ``text`` hold a character IGNORECASE reads as another letter (see ``_FOLDS``)?"""
    if _FOLD_KEYS is None:
        return True
    return bool(_FOLD_KEYS.possible(text)) and _FOLD_RE.search(low) is not None


def _skill_headings(text: str, low: str):
    """``_SKILL_HEADING_RE.finditer(text)``, the pattern tried only at the line starts where a
    heading holding a skill word can open.

    A heading opens at a line start and holds a skill word, which its lower-cased copy shows
    unless a character IGNORECASE folds otherwise occurs (then the whole text is scanned).
    It stays on the word's line, or opens on the nearest line above made of "#" marks
    ("#+\\s*" crosses blank lines). The whole-text IGNORECASE scan tried the pattern at every
    character: about 20 us for a 1,200-character posting."""
    words = _SKILL_KEYS.possible(text)
    if not any(w in low for w in words):
        return ()
    if len(low) != len(text) or _folds_possible(text, low):
        return _SKILL_HEADING_RE.finditer(text)
    starts: set[int] = set()
    marks = "#" in low
    for word in words:
        i = low.find(word)
        while i != -1:
            starts.add(a := low.rfind("\n", 0, i) + 1)
            if marks:
                starts.update(_hash_line_above(low, a))
            i = low.find(word, i + len(word))
    out = []
    end = 0
    for a in sorted(starts):
        m = _SKILL_HEADING_RE.match(text, a) if a >= end else None
        if m is not None:
            out.append(m)
            end = m.end()
    return out


def _hash_line_above(low: str, a: int) -> tuple[int, ...]:
    """The start of the nearest line above the line starting at ``a``, past blank lines,
    when it is made of "#" marks and blanks (a heading may open there), else ()."""
    while a > 0:
        b = low.rfind("\n", 0, a - 1) + 1
        line = low[b:a - 1]
        if line.strip():
            return (b,) if _HASH_LINE.fullmatch(line) else ()
        a = b
    return ()


_HASH_LINE = re.compile(r"[ \t]*#+\s*")


def extract_skills(text: str) -> list[dict]:
    """Skills named by the text, ``[{name, level}]`` in document order, no duplicates."""
    if not text:
        return []
    out: list[dict] = []
    seen: set[str] = set()
    # The profile pattern is case-sensitive: "Level" (not "develop") must be there.
    if "Level" in text or "Уровень" in text or "Proficiency" in text:
        for m in _COMPETENCY_RE.finditer(text):
            name = m.group(1).strip()
            if name.lower() not in seen:
                seen.add(name.lower())
                out.append({"name": name, "level": " ".join(m.group(2).split())})
    if out:
        return out
    # No competency profile: short items under a skills heading.
    for h in _skill_headings(text, _lower(text)):
        pos = h.end() + 1
        for line in text[pos:pos + 3000].split("\n"):
            if not line.strip():
                continue
            m = _ITEM_RE.match(line)
            if not m:
                break
            name = m.group(1).strip().rstrip(".;")
            if len(name) <= 60 and name.lower() not in seen:
                seen.add(name.lower())
                out.append({"name": name, "level": None})
    return out


# ------------------------------------------------------------- experience
_ZH_NUM = {"一": 1, "两": 2, "二": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9, "十": 10}
_EN_NUM = {"one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9,
           "ten": 10, "eleven": 11, "twelve": 12, "fifteen": 15, "twenty": 20}
_NUM = r"(\d{1,2}|[一两二三四五六七八九十]|(?:one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|fifteen|twenty)\b)"
_RANGE = rf"{_NUM}\s*(?:\+|plus)?\s*(?:-|–|—|to|до|~|～|至|到)\s*{_NUM}"
_EXP_EN = re.compile(
    rf"(?:(?P<pre>at\s+least|minimum(?:\s+of)?|min\.?|over|more\s+than|up\s+to|no\s+more\s+than)\s+)?(?:(?P<r1>{_RANGE})|(?P<n1>{_NUM})\s*(?P<plus>\+)?)"
    r"\s*(?:full\s+)?(?:years?|yrs?)['’]?(?P<post>\s+or\s+more|\s+minimum|\s+plus)?(?:\s+or\s+more)?",
    re.IGNORECASE,
)
# "от 1 года до 3 лет": Russian repeats the unit after the first number of a range.
_RANGE_RU = rf"{_NUM}\s*(?:\+|plus)?\s*(?:(?:года?|лет)\s+)?(?:-|–|—|to|до|~|～|至|到)\s*{_NUM}"
_EXP_RU = re.compile(
    rf"(?:(?P<pre>от|не\s+менее|минимум|более|свыше)\s+)?(?:(?P<r1>{_RANGE_RU})|(?P<n1>{_NUM})\s*(?P<plus>\+)?)\s*"
    r"(?:-?х\s+)?(?:лет|года?|годов)",
    re.IGNORECASE,
)
_EXP_ZH = re.compile(rf"(?:(?P<r1>{_RANGE})|(?P<n1>{_NUM})\s*(?P<plus>\+)?)\s*年(?P<post>以上|及以上)?")
# Each pass: the pattern, its copy for lower-cased text (no IGNORECASE) and the year words
# it is tried near. A tuple, not a dict keyed by pattern: hashing a compiled pattern hashes
# its whole code (about 2.5 us for these), three times a posting.
_EXP_PASSES = tuple((rx, re.compile(rx.pattern), words)
                    for rx, words in ((_EXP_EN, ("year", "yr")), (_EXP_RU, ("лет", "год")), (_EXP_ZH, ("年",))))
# A year word in a script the text lacks cannot occur: most English postings carry a "£" or
# a "’" (not ASCII), yet no Cyrillic or Chinese, so three finds over the text are skipped.
_YEAR_WORDS = Keys(w for _, _, words in _EXP_PASSES for w in words)
_PRE_BEFORE = re.compile(r"(?:at\s+least|minimum(?:\s+of)?|min\.?|over|more\s+than|up\s+to|no\s+more\s+than|"
                         r"от|не\s+менее|минимум|более|свыше)\s+$")
_EXP_WORDS = re.compile(r"experience|exp\b|background|behind (?:them|you|him|her)|опыт|стаж|经验|工作经历|从业",
                        re.IGNORECASE)
_EXP_WORDS_LOW = re.compile(_EXP_WORDS.pattern)  # for the lower-cased text (_case_free)
_YEARS_IN = re.compile(r"^\s*(?:of\s+|in\s+|within\s+|working\s+)"
                       # "30 years of history", "10 years in business": the company's age
                       r"(?!(?:our\s+|its\s+)?(?:history|heritage|existence)"
                       r"|(?:business|trading|operation)\b(?!\s+[a-z]))",  # not "in business development"
                       re.IGNORECASE)
# Clause breaks of Chinese text: an experience word beyond one belongs to another clause.
_ZH_CLAUSE_BREAK = re.compile(r"[，,。；;、]")
_NOT_EXPERIENCE = re.compile(r"\b(?:old|age|aged)\b|возраст|岁", re.IGNORECASE)


_DIGITS = re.compile(r"\d{1,2}|[一两二三四五六七八九十]|one|two|three|four|five|six|seven|eight|nine|ten|eleven|"
                     r"twelve|fifteen|twenty", re.IGNORECASE)


# Any number (digits, Chinese or English words) in a lower-cased window.
# The words are grouped by first letter: sre tries each alternative at every
# position, so 8 branches instead of 16 make the scan ~15% faster. Words with
# different first letters never match at the same position and each group keeps
# the original order, so the matches are the same.
_NUM_NEAR = re.compile(r"\d|[一两二三四五六七八九十]|o(?:ne)|t(?:wo|hree|en|welve|wenty)|f(?:our|ive|ifteen)|"
                       r"s(?:ix|even)|e(?:ight|leven)|nine")


def _num(s: str) -> int:
    return _ZH_NUM.get(s) or _EN_NUM.get(s.lower()) or int(s)


_CLAUSE_REACH = 90  # characters a clause runs at most either side of a match


def _clause(text: str, start: int, end: int) -> str:
    """The clause around ``text[start:end]``: from the last break before it (at most
    ``_CLAUSE_REACH`` back) to the first after it (at most ``_CLAUSE_REACH`` on).

    Each break is searched only within that reach: a break further away loses to the
    reach's own bound anyway, and an unbounded search walked the rest of a long text."""
    lo = max(0, start - _CLAUSE_REACH)
    a = max(text.rfind(".", lo, start), text.rfind("\n", lo, start), text.rfind(";", lo, start),
            text.rfind("。", lo, start), text.rfind("*", max(0, start - 80), start), start - _CLAUSE_REACH)
    hi = end + _CLAUSE_REACH + 1  # a break at end + _CLAUSE_REACH ties with the bound
    b_candidates = [i for i in (text.find(".", end, hi), text.find("\n", end, hi), text.find(";", end, hi),
                                text.find("。", end, hi), text.find("，", end, hi)) if i != -1]
    b = min(b_candidates + [end + _CLAUSE_REACH])
    return text[a + 1:b]


def _has_exp_word(text: str, start: int, end: int, low: str | None) -> bool:
    """Does the clause around ``text[start:end]`` hold an experience word? Read in ``low``
    (see :func:`_case_free`) when given: the IGNORECASE scan costs several times as much."""
    if low is None:
        return _EXP_WORDS.search(_clause(text, start, end)) is not None
    return _EXP_WORDS_LOW.search(_clause(low, start, end)) is not None


def _case_free(text: str) -> str | None:
    """``text`` lower-cased when a case-sensitive pattern of lower-case letters finds in it
    what its IGNORECASE twin finds in ``text`` (at the same offsets): the copy has the same
    length and no letter that IGNORECASE folds otherwise (``_FOLDS``). Else None."""
    low = _lower(text)
    return low if len(low) == len(text) and not _folds_possible(text, low) else None


def _experience_candidate(text: str, rx: re.Pattern, m: re.Match,
                          low: str | None = None) -> tuple[int, int | None] | None:
    after = text[m.end():m.end() + 40]
    if _NOT_EXPERIENCE.search(after[:12]):
        return None
    if not (_has_exp_word(text, m.start(), m.end(), low) or rx is _EXP_EN and _YEARS_IN.match(after)):
        return None
    if rx is _EXP_ZH:
        before = _ZH_CLAUSE_BREAK.split(text[max(0, m.start() - 15):m.start()])[-1]
        after = _ZH_CLAUSE_BREAK.split(text[m.end():m.end() + 15])[0]
        if "成立" in before or not (_EXP_WORDS.search(after) or _EXP_WORDS.search(before)):
            return None  # "公司成立20年": the company was founded 20 years ago
    if m.group("r1"):
        nums = _DIGITS.findall(m.group("r1"))
        lo, hi = _num(nums[0]), _num(nums[-1])
        if lo > hi or hi > 40:
            return None
        return lo, hi
    lo = _num(m.group("n1"))
    if not 0 < lo <= 40:
        return None
    pre = (m.groupdict().get("pre") or "").lower()
    if pre.startswith(("up", "no")):
        return None, lo  # "up to two years": a ceiling, the floor is not stated
    return lo, None


_MONTHS_RE = re.compile(
    r"(?:(?P<n>\d{1,2})\s*(?:-|–|до|to)?\s*(?P<m>\d{1,2})?\s*(?:months?|мес\w*|个月)|(?P<half>полугода|half\s+a\s+year))",
    re.IGNORECASE)
_MONTHS_LOW = re.compile(_MONTHS_RE.pattern)  # for the lower-cased text (_case_free)


_MONTH_WORDS = Keys(("month", "мес", "个月"))
_HALF_YEAR_WORDS = Keys(("полугода", "half"))
# A word in a script the text lacks is not looked for ("мес" and "个月" cost a scan each of a
# text that holds a "’" or "•", as most English postings do, without ever occurring).
_MONTH_KEYS = Keys(("мес", "month", "个月", "полугода"))


def _months_possible(text: str, low: str) -> bool:
    """Can ``_MONTHS_RE`` match? A number a few characters before a month word, or "half a year"."""
    if any(w in low for w in _HALF_YEAR_WORDS.possible(text)):
        return True
    for word in _MONTH_WORDS.possible(text):
        i = low.find(word)
        while i != -1:
            if any(c.isdigit() for c in low[max(0, i - 16):i]):
                return True
            i = low.find(word, i + 1)
    return False


def _months(text: str) -> list[tuple[float, float | None]]:
    """Experience stated in months ("от 6 месяцев", "6-12 months"), as fractions of a year."""
    out: list[tuple[float, float | None]] = []
    if not _months_possible(text, _lower(text)):
        return out  # "monthly reports": no number before a month word, skip the whole-text scan
    low = _case_free(text)
    for m in _MONTHS_RE.finditer(text) if low is None else _MONTHS_LOW.finditer(low):
        if not _has_exp_word(text, m.start(), m.end(), low):
            continue
        if m.group("half"):
            out.append((0.5, None))
            continue
        lo = int(m.group("n"))
        hi = int(m.group("m")) if m.group("m") else None
        if 0 < lo <= 36 and (hi is None or lo <= hi <= 36):
            out.append((round(lo / 12, 2), round(hi / 12, 2) if hi else None))
    return out


def extract_experience(text: str) -> dict | None:
    """Years of experience required, ``{min, max}`` (``max`` may be ``None``), or ``None``."""
    if not text:
        return None
    candidates: list[tuple[int, int | None]] = []
    low = _lower(text)
    # Only the neighbourhood of a year word is searched (a whole-text regex scan
    # with IGNORECASE costs far more than a few str.find calls).
    # The lower-cased text with case-sensitive patterns is much faster than IGNORECASE.
    same = len(low) == len(text)
    subject = low if same else text
    possible = _YEAR_WORDS.possible(text)
    case_free = _case_free(text)
    for rx, lowered, words in _EXP_PASSES:
        fast = lowered if same else rx
        seen: set[int] = set()
        spans: list[tuple[int, int]] = []
        for word in words:
            i = low.find(word) if word in possible else -1
            while i != -1:
                a = low.rfind(" ", 0, max(0, i - 32)) + 1 if rx is not _EXP_ZH else max(0, i - 12)
                # Most year words ("yearly", "this year", "годовой") have no number
                # before them. Where there are numbers, the pattern is tried only at
                # each number (or a "at least"/"не менее" just before it), not at
                # every character of the window: the same matches, a tenth of the cost.
                end = min(len(text), i + len(word) + 20)
                last_end = a
                for d in _NUM_NEAR.finditer(low, a, i):
                    p = d.start()
                    if p < last_end:
                        continue
                    pre = _PRE_BEFORE.search(low, max(a, p - 16), p) if rx is not _EXP_ZH else None
                    m = fast.match(subject, pre.start(), end) if pre else None
                    if m is None:
                        m = fast.match(subject, p, end)
                    if m is None:
                        continue
                    last_end = m.end()
                    if m.start() in seen or spans and spans[-1][0] < m.start() < spans[-1][1]:
                        continue  # the same match, or the tail of the range just read
                    seen.add(m.start())
                    spans.append((m.start(), m.end()))
                    cand = _experience_candidate(text, rx, m, case_free)
                    if cand:
                        candidates.append(cand)
                i = low.find(word, i + len(word))
    if not candidates and any(w in low for w in _MONTH_KEYS.possible(text)):
        candidates = _months(text)
    if not candidates:
        return None
    # Strongest requirement: highest minimum; a stated maximum beats none.
    lo, hi = max(candidates, key=lambda c: (c[0] or 0, c[1] is not None, -(c[1] or 0)))
    return {"min": lo, "max": hi}


# -------------------------------------------------------------- education
_EDU_LEVELS = ["high_school", "vocational", "associate", "bachelor", "master", "phd"]
_EDU_PATTERNS = [
    ("phd", Gated(r"\bph\.?d\b|doctorate|doctoral|кандидат\w* наук|аспирантур|博士")),
    ("master", Gated(r"\bmaster'?s?\b|\bmba\b|\bm\.?sc\b|магистр|硕士|研究生")),
    ("associate", Gated(r"associate'?s? degree|неоконченное высшее|大专|专科")),
    ("bachelor", Gated(r"bachelor|\bb\.?a\.?\b|\bb\.?sc?\b|university degree|college degree|\bdegree\b|"
                       r"graduate\b|высшее|бакалав|学士|本科|统招")),
    ("vocational", Gated(r"vocational|среднее специальное|среднее профессиональное|中专|技校")),
    ("high_school", Gated(r"high school|secondary school|\bged\b|среднее образование|高中")),
]
_SENTENCE_DOT = re.compile(r"[.!?](?=\s|$)")
# Parts of a lower-cased sentence: "high school diploma required; bachelor preferred".
_EDU_PART_SPLIT = re.compile(r";|,\s*(?=(?:a |an )?(?:high|bachelor|master|mba|degree|phd|ph\.d|university|college|secondary)\b)|"
                             r"\bor\b(?=\s+(?:a |an )?(?:high|bachelor|master|mba|degree|phd|university|college)\b)")
_PREFERRED = re.compile(r"prefer|desirable|advantage|a plus|nice to have|желательн|приветствуется|плюсом|优先|最好")
_EDU_WORDS = ("degree", "educat", "diploma", "bachelor", "master", "mba", "phd", "ph.d", "graduate", "school",
              "образовани", "степен", "бакалав", "магистр", "学历", "本科", "硕士", "博士", "大专", "高中", "中专")


_EDU_KEYS = Keys(_EDU_WORDS)


@lru_cache(maxsize=16384)  # the same sentences recur across postings
def _sentence_levels(line: str) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """Levels a lower-cased sentence requires and prefers."""
    required: list[str] = []
    preferred: list[str] = []
    # A sentence may name two levels ("High school required, Bachelor preferred").
    for part in _EDU_PART_SPLIT.split(line):
        for level, rx in _EDU_PATTERNS:
            if rx.search(part):
                (preferred if _PREFERRED.search(part) else required).append(level)
                break
    return tuple(required), tuple(preferred)


_SENTENCE_MAX = 300  # characters read either side of an education word


def extract_education(text: str) -> str | None:
    """Lowest education level the text requires (``bachelor``, ``master``, ...), or ``None``."""
    if not text:
        return None
    low = _lower(text)
    words = _EDU_KEYS.possible(text)  # a word in a script the text lacks cannot occur
    # No separate "any word present?" pass: when no word occurs the loop below
    # finds no sentence and the function returns None as that test did; when one
    # does, the test had only repeated the first finds of the loop.
    required: set[str] = set()
    preferred: set[str] = set()
    # The sentences around each education word (found with str.find, not a scan per line).
    sentences: set[tuple[int, int]] = set()
    for word in words:
        i = low.find(word)
        while i != -1:
            # A sentence is read no further than _SENTENCE_MAX characters either side of
            # the word: in a text without sentence breaks ("degree.Good skills.MBA.")
            # every word would otherwise get a sentence running to the end (quadratic).
            lo = max(0, i - _SENTENCE_MAX)
            hi = min(len(low), i + _SENTENCE_MAX)
            a = max(max(low.rfind(c, lo, i) for c in "\n;.!?。") + 1, lo)
            ends = [j for j in (low.find(c, i, hi) for c in "\n;。") if j != -1]
            dot = _SENTENCE_DOT.search(low, i, hi)
            if dot:
                ends.append(dot.start())
            sentences.add((a, min(ends) if ends else hi))
            i = low.find(word, i + len(word))
    for a, b in sorted(sentences):
        req, pref = _sentence_levels(low[a:b])
        required.update(req)
        preferred.update(pref)
    pool = required or preferred
    if not pool:
        return None
    return min(pool, key=_EDU_LEVELS.index)


# -------------------------------------------------------------- languages
# Language -> literal keys searched in the lower-cased text.
_LANG_KEYS = {
    "English": ("english", "английск", "по-английски", "英语", "英文"),
    "Russian": ("russian", "русск", "俄语"),
    "Chinese": ("chinese", "mandarin", "cantonese", "китайск", "中文", "普通话", "汉语", "粤语"),
    "German": ("german", "немецк", "德语"),
    "French": ("french", "французск", "法语"),
    "Spanish": ("spanish", "испанск", "西班牙语"),
    "Japanese": ("japanese", "японск", "日语"),
    "Arabic": ("arabic", "арабск", "阿拉伯语"),
}
_LANG_KEY_SET = Keys(k for keys in _LANG_KEYS.values() for k in keys)


@lru_cache(maxsize=None)  # one entry per combination of scripts: a handful
def _languages_for(present: frozenset[bytes]) -> tuple[tuple[str, tuple[str, ...]], ...]:
    """``(language, keys)`` pairs, keeping only the keys that can occur given ``present``."""
    possible = set(_LANG_KEY_SET.select(present))
    return tuple((name, tuple(k for k in keys if k in possible)) for name, keys in _LANG_KEYS.items())
_LANG_CONTEXT = re.compile(
    r"fluen|speak|spoken|written|language|proficien|native|bilingual|business level|read|write|"
    r"язык|владе|говорить|разговорн|свободн|переписк|уровн|"
    r"流利|熟练|精通|能力|口语|读写|沟通|工作语言|cet|tem|级")


def extract_languages(text: str) -> list[str]:
    """Languages the job asks for, in order of first mention."""
    if not text:
        return []
    low = _lower(text)
    found: list[tuple[int, str]] = []
    # Only keys whose script occurs in the text are searched (same result, fewer finds).
    for name, keys in _languages_for(scripts(text)):
        for key in keys:
            i = low.find(key)
            while i != -1:
                window = low[max(0, i - 40):i + len(key) + 40]
                if key == "по-английски" or _LANG_CONTEXT.search(window):
                    found.append((i, name))
                    break
                i = low.find(key, i + len(key))
            else:
                continue
            break
    return [name for _, name in sorted(found)]


def extract_requirements(text: str) -> dict:
    """``{experience_years: {min, max} | None, education: str | None, languages: [str]}``."""
    return {
        "experience_years": extract_experience(text),
        "education": extract_education(text),
        "languages": extract_languages(text),
    }
