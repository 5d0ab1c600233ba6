"""Amounts: the token regex (a number in any supported grouping, a multiplier, a currency
before or after) and the tokens it gives, Chinese numerals and 万 shorthand, the
same-length lower-casing every other reader runs on.
"""

from __future__ import annotations

import operator
import re
from typing import Final

from .. import markets as _markets
from .. import text as _text

# --------------------------------------------------------------------------
# Regexes
# --------------------------------------------------------------------------
#
# Every keyword regex runs on a lower-cased copy of the text (same length, so
# offsets agree) and is compiled *without* IGNORECASE: CPython's regex engine
# then skips alternatives whose first character differs, which is several
# times faster than case-insensitive matching. Words that must be found
# *before* an amount are matched on the reversed window with ``match`` (one
# start position) instead of an end-anchored ``search`` (every position).

_SP: Final = "[ \u00a0\u2009\u202f]"
_L: Final = "a-zа-яё"  # letters that make a word boundary (text is lower-cased)

_NUM: Final = (
    r"(?<![\d.,*])(?:"
    r"(?P<en>(?:\d{1,3}(?:[,'’]\d{3})+|\d{1,2}(?:,\d{2})+,\d{3})(?:\.\d+)?)(?![\d'’]|,\d)"  # 12,00,000: Indian lakh grouping; "£30,000, plus": a comma ends it
    r"|(?P<eu>\d{1,3}(?:\.\d{3})+(?:,\d{1,2})?)(?![\d.])"
    r"|(?P<sp>\d{1,3}(?:" + _SP + r"{1,2}\d{3})+(?:[.,]\d{1,2})?)(?!\d)"  # "45  000": a doubled space
    r"|(?P<pl>\d+(?:[.,]\d+)?)"
    r")"
)
_MULT: Final = (
    r"(?P<mult>k(?![" + _L + r"])|k(?=ote(?![" + _L + r"]))|к(?![" + _L + r"])|[ \u00a0]k(?=[€£$])|[ \u00a0]k(?![" + _L + r"\d])|m(?:n|ln)?(?![" + _L + r"])|b(?![" + _L + r"])"
    r"|т(?=[ \u00a0]?(?:руб|р\.|р(?![а-яё])|₽))|(?<=\d)т(?![а-яё.])"  # "60т руб", "80т"
    r"|[ \u00a0]?(?:тыс(?:яч[аи]?)?\.?|т\.\s?р\.?|млн\.?|млрд\.?|thousand|million|billion|"
    r"trillion|bn|lakhs?|lacs?|crores?|cr)(?![" + _L + r"])"
    r"|[ \u00a0]?l(?=pa(?![" + _L + r"]))"  # Indian "12-18 LPA": lakhs, then "pa" (per annum)
    r"|[ \u00a0]?[千万])"
)
# A currency written after an amount (signs, words, codes): built from the markets table.
_CSUF: Final = "(?P<csuf>" + _markets.suffix_pattern() + ")"
# The scanner jumps from digit to digit (``_START``) and matches ``_CORE``
# there; a currency prefix is read from the few characters before.
# Written as a character class first (not ``\d|\*\*``) so the regex engine
# can skip ahead with its C charset scan instead of trying both alternatives
# at every character (~1.5x faster over a posting). Same positions: a digit,
# or a "*" followed by another "*".
_START: Final = re.compile(r"[\d*](?:(?<=\d)|\*)")
_START_ASCII: Final = re.compile(r"[0-9*](?:(?<=[0-9])|\*)")


def _first_chars(pattern: str, lead: str = "") -> str | None:
    """:func:`_first_set` as the body of a character class (``[...]``), or None."""
    chars = _first_set(pattern, lead)
    return None if chars is None else "".join(re.escape(ch) for ch in sorted(chars))


def openers(*patterns: re.Pattern) -> frozenset[str] | None:
    """Every character a match of one of the compiled ``patterns`` can start with, or None
    when that is not known for one of them (see :func:`_first_set`): a text whose character
    at a place is not among them gives no match there, so a caller may skip the patterns."""
    out: set[str] = set()
    for pattern in patterns:
        chars = None if pattern.flags & re.IGNORECASE else _first_set(pattern.pattern)
        if chars is None:
            return None
        out |= chars
    return frozenset(out)


def _first_set(pattern: str, lead: str = "") -> set[str] | None:
    """The characters a match of ``pattern`` can start with once one leading character of
    ``lead`` is passed over (a blank: see :func:`_guarded`); None
    when that is not known (a part that may match empty, a category such as ``\\w``, a
    negated set, a long range, or a ``re`` without its parser module).

    Read from ``re``'s own parser: look-arounds and anchors are passed over (they consume
    nothing); optional and repeated parts add their first characters and, when they may be
    empty, those of what follows; an alternative (at the top, or in the groups that open the
    pattern) that opens with a set of ``lead`` characters, required or optional, is read
    from after it."""
    try:
        from re import _constants as c  # type: ignore[attr-defined]
        from re import _parser as p  # type: ignore[attr-defined]
    except ImportError:  # pragma: no cover - another Python's re
        return None
    leads = set(lead)

    def is_lead(op, av) -> bool:
        if op in (c.MAX_REPEAT, c.POSSESSIVE_REPEAT) and av[0] == 0 and av[1] == 1 and len(av[2]) == 1:
            op, av = av[2][0]
        if op is c.IN:
            return bool(leads) and all(o is c.LITERAL and chr(a) in leads for o, a in av)
        return op is c.LITERAL and chr(av) in leads

    def seq(items, top: bool):
        items = list(items)
        if top and items and is_lead(*items[0]):
            items, top = items[1:], False  # one blank only
        out: set[str] = set()
        for op, av in items:
            got = one(op, av, top)
            if got is None:
                return None
            chars, empty = got
            out |= chars
            if not empty:
                return out, False
            top = False
        return out, True

    def one(op, av, top: bool):
        if op is c.LITERAL:
            return {chr(av)}, False
        if op is c.IN:
            chars = set()
            for o, a in av:
                if o is c.LITERAL:
                    chars.add(chr(a))
                elif o is c.RANGE and a[1] - a[0] <= 64:
                    chars.update(map(chr, range(a[0], a[1] + 1)))
                else:
                    return None
            return chars, False
        if op is c.BRANCH:
            parts = [seq(alt, top) for alt in av[1]]
            if any(part is None for part in parts):
                return None
            return set().union(*(part[0] for part in parts)), any(part[1] for part in parts)
        if op is c.SUBPATTERN:
            return None if av[1] & c.SRE_FLAG_IGNORECASE else seq(av[3], top)
        if op is c.ATOMIC_GROUP:
            return seq(av, top)
        if op in (c.MAX_REPEAT, c.MIN_REPEAT, c.POSSESSIVE_REPEAT):
            got = seq(av[2], False)
            return None if got is None else (got[0], got[1] or av[0] == 0)
        if op in (c.ASSERT, c.ASSERT_NOT, c.AT):
            return set(), True
        return None

    try:
        parsed = p.parse(pattern)
        got = None if parsed.state.flags & c.SRE_FLAG_IGNORECASE else seq(parsed, True)
    except (re.error, AttributeError, IndexError, TypeError, ValueError):  # pragma: no cover
        # a parser of another shape
        return None
    if got is None or got[1] or not got[0]:
        return None
    return got[0]


def _guarded(part: str, lead: str) -> str:
    """``part`` behind a look-ahead that lets through only what may start a match: one
    optional character of ``lead`` (blanks), then one of the characters ``part`` can start
    with after such a blank (:func:`_first_chars`). The regex engine then passes over an
    optional part after a figure ("25 days", "40%") with a test of a character or two
    instead of trying each of its alternatives. The same matches: every match of ``part``
    passes the look-ahead (a match that opens with a blank has one of those characters
    next; one that does not opens with one). ``part`` alone when they are not known."""
    first = _first_chars(part, lead)
    if first is None:
        return part
    return "(?=[" + re.escape(lead) + "]?[" + first + "])(?:" + part + ")"


# The pattern unguarded: tests check the guarded one matches as it does.
_CORE_SOURCE: Final = (
    r"(?=[\d*])(?:" + _NUM + r"|(?P<mask>\*{2,}(?:[,.]\*{3})?))"
    r"(?:" + _MULT + r")?"
    r"(?:[ \u00a0\u202f\u2009]?" + _CSUF + r")?"
)
# _NUM for the scanner: its grouped forms (en, eu, sp) all open with one to three digits and
# a separator (",", "'", "’", ".", a blank), so they are tried only where those stand; a
# plain number ("25 days", "40%"), the commonest, goes straight to ``pl``. The same matches:
# a look-ahead that every match of those forms passes, and ``pl`` tried after them as before.
_NUM_GATED: Final = (
    r"(?<![\d.,*])(?:"
    r"(?=\d{1,3}+[,'’." + _SP[1:-1] + r"])(?:"
    + _NUM[len(r"(?<![\d.,*])(?:"):_NUM.index(r"|(?P<pl>")]
    + r")" + _NUM[_NUM.index(r"|(?P<pl>"):]
)
_CORE: Final = re.compile(
    r"(?=[\d*])(?:" + _NUM_GATED + r"|(?P<mask>\*{2,}(?:[,.]\*{3})?))"
    r"(?:" + _guarded(_MULT, " \u00a0") + r")?"
    r"(?:" + _guarded(r"[ \u00a0\u202f\u2009]?" + _CSUF, " \u00a0\u202f\u2009") + r")?"
)
if sorted(_CORE.groupindex, key=_CORE.groupindex.get) != [  # type: ignore[arg-type]
        "en", "eu", "sp", "pl", "mask", "mult", "csuf"] or _CORE.groups != 7:
    raise RuntimeError("_CORE's groups changed: _Tok unpacks them by position")
# A currency written before an amount, read back from the amount's start.
_CPRE_END: Final = re.compile("(?P<cpre>" + _markets.prefix_pattern() + r")[ \u00a0]?\Z")
_CPRE_LAST: Final = _markets.prefix_last_chars()

_CUR_CACHE: Final[dict[str, str | None]] = {}


def _currency_of(marker: str) -> str | None:
    """ISO code of a matched currency marker (cached; the markets table decides)."""
    hit = _CUR_CACHE.get(marker)
    if hit is not None or marker in _CUR_CACHE:
        return hit
    code = _markets.currency_code(marker)
    if len(_CUR_CACHE) < 256:
        _CUR_CACHE[marker] = code
    return code


_MULT_VALUE: Final = {"k": 1e3, "к": 1e3, "m": 1e6, "mn": 1e6, "mln": 1e6, "千": 1e3, "万": 1e4,
               "thousand": 1e3, "million": 1e6, "млн": 1e6, "b": 1e9, "bn": 1e9,
               "billion": 1e9, "trillion": 1e12, "млрд": 1e9,
               "lakh": 1e5, "lakhs": 1e5, "lac": 1e5, "lacs": 1e5, "l": 1e5,  # India: 1,00,000
               "crore": 1e7, "crores": 1e7, "cr": 1e7}


def _mult_of(s: str) -> float:
    m = s.strip().rstrip(".")
    if m in _MULT_VALUE:
        return _MULT_VALUE[m]
    if m.startswith("тыс") or m.startswith("т.") or m == "т":
        return 1e3
    return 1.0

# Amounts written in Chinese numerals ("一万五", "八千", "一万到一万五/月"). Only
# runs holding a digit character and 千 or 万 are read (pay is never smaller).
_CN_NUM: Final = re.compile(r"[一二两三四五六七八九十百千万]*[千万][一二两三四五六七八九十百千万]*")
_CN_DIGIT: Final = {"一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7,
             "八": 8, "九": 9}
_CN_UNIT: Final = {"十": 10, "百": 100, "千": 1000}


def _cn_value(s: str) -> float | None:
    """Value of a Chinese numeral ("一万五" -> 15000), or None."""
    total = section = num = 0
    last_unit = 1
    has_digit = False
    for ch in s:
        d = _CN_DIGIT.get(ch)
        if d is not None:
            if num:
                return None  # "一二": not a number
            num = d
            has_digit = True
        elif ch == "万":
            if not (section or num):
                return None
            total += (section + num) * 10000
            section = num = 0
            last_unit = 10000
        else:
            u = _CN_UNIT[ch]
            section += (num or (1 if u == 10 else 0)) * u
            if not (num or u == 10):
                return None
            num = 0
            last_unit = u
    if num:
        # "一万五" is 15,000 and "三千五" 3,500: a trailing digit counts in the
        # next unit down.
        num *= last_unit // 10 if last_unit > 1 else 1
    v = total + section + num
    return float(v) if has_digit and v else None
_LETTERS: Final = frozenset("abcdefghijklmnopqrstuvwxyzабвгдеёжзийклмнопрстуфхцчшщъыьэюя")


def _num_value(en, eu, sp, pl) -> tuple[float, str]:
    if pl is not None:  # plain digits; a comma only as a decimal mark ("1,5")
        return (float(pl.replace(",", ".")) if "," in pl else float(pl)), pl
    if en is not None:
        return float(en.replace(",", "").replace("'", "").replace("’", "")), en
    if eu is not None:
        return float(eu.replace(".", "").replace(",", ".")), eu
    raw = sp
    for ch in " \u00a0\u2009\u202f":
        sp = sp.replace(ch, "")
    return float(sp.replace(",", ".")), raw


class _Tok:
    __slots__ = ("start", "end", "value", "mult", "cur", "masked", "year_like", "lead_zero",
                 "m", "cpre")
    # The attributes' types (a compiled build stores them so; see README, "Compiled modules").
    start: int
    end: int
    value: float | None
    mult: float | None
    cur: str | None
    masked: bool
    year_like: bool
    lead_zero: bool
    m: re.Match | None
    cpre: str | None

    def __init__(self, m: re.Match, start: int, cpre: str | None, lazy: bool = False):
        self.start = start
        self.end = m.end()
        if lazy:  # see lazy()
            self.m = m
            self.cpre = cpre
            return
        self.m = None  # fully read (``lazy`` tokens hold their match here until read)
        en, eu, sp, pl, mask, mult, csuf = m.groups()  # _CORE's groups (checked at import)
        cur = cpre or csuf
        self.cur = _currency_of(cur) if cur else None
        if pl is not None and mult is None and "," not in pl:
            # The commonest token, a plain number ("25", "45000", "16.75"): what the
            # general reading below gives, without its steps.
            v = self.value = float(pl)
            self.mult = None
            self.masked = False
            self.year_like = 1900 <= v <= 2100 and v.is_integer()
            self.lead_zero = len(pl) > 1 and pl[0] == "0" and pl[1].isdigit()
            return
        self.mult = _mult_of(mult) if mult else None
        self.masked = mask is not None
        if self.masked:
            self.value = None
            self.year_like = False
            self.lead_zero = False
        else:
            v, raw = _num_value(en, eu, sp, pl)
            self.value = v
            if self.mult == 1e3 and v >= 10000 and mult.lstrip(" \u00a0").startswith("тыс"):
                self.mult = None  # "150 000 тысяч" means 150 000: the thousands are said twice
            self.year_like = (mult is None and pl is not None
                              and 1900 <= v <= 2100 and v.is_integer())
            self.lead_zero = len(raw) > 1 and raw[0] == "0" and raw[1].isdigit()

    @classmethod
    def lazy(cls, m: re.Match, start: int, cpre: str | None) -> _Tok:
        """A token holding only its span; ``read()`` fills in the rest.

        In a whole posting about half the tokens (years, percentages, counts)
        are dropped by _build's first checks, which look only at the span, so
        their values, multipliers and currencies need never be parsed.
        """
        return cls(m, start, cpre, True)

    def read(self) -> None:
        """Fill in a lazy token: exactly what ``__init__`` would have set."""
        self.__init__(self.m, self.start, self.cpre)  # type: ignore[misc]


def _lower(text: str) -> str:
    """Lower-case copy with the same length (a few characters grow when
    lower-cased, e.g. 'İ'; those are kept as they are)."""
    low = _text.lower_same_length(text)  # shared with the other extractors
    if not low.isascii() and _FULLWIDTH_RE.search(low) is not None:
        # Full-width digits and letters (Chinese postings: "１５Ｋ－２０Ｋ") read as ASCII;
        # one character for one, so offsets still match the text.
        low = low.translate(_FULLWIDTH)
    return low


# "20W", "1.5w-2w": 万 (ten thousand) in Chinese recruiting shorthand. Read so only
# in Chinese text or for yuan, only right after a number, and not inside a word,
# code or link ("5W1H", "x.com/39W_E1"). One character for one: offsets hold.
_WAN_W: Final = re.compile(r"(?:(?<![a-z0-9_/=.&?#%])|(?<=rmb)|(?<=cny))(\d{1,4}(?:\.\d{1,2})?)w"
                    r"(?![a-z0-9_]|/(?![年月日天周时]))")
_CJK_LEAD_BYTES: Final = tuple(bytes([b]) for b in range(0xE4, 0xEA))  # UTF-8 of U+4E00-U+9FFF


def _has_cjk(text: str, lw: str) -> bool:
    """Does ``text`` hold a Chinese character? (UTF-8 lead-byte tests: no scan per character)."""
    if lw.isascii():
        return False
    raw = _text.same_length_utf8(text)
    return any(b in raw for b in _CJK_LEAD_BYTES)


_FULLWIDTH_RE: Final = re.compile("[\uff10-\uff19\uff21-\uff3a\uff41-\uff5a]")
_FULLWIDTH: Final = {**{0xFF10 + i: ord("0") + i for i in range(10)},
              **{0xFF21 + i: ord("a") + i for i in range(26)},
              **{0xFF41 + i: ord("a") + i for i in range(26)}}


def _cn_tokens(lw: str) -> list[_Tok]:
    toks = []
    for m in _CN_NUM.finditer(lw):
        if m.end() - m.start() < 2:
            continue
        v = _cn_value(m.group())
        if v is None:
            continue
        t = _Tok(m, m.start(), None, True)  # its span; the rest set here
        t.value, t.mult = v, None
        t.cur = None
        if lw.startswith("元", m.end()):
            t.cur, t.end = _currency_of("元"), m.end() + 1
        t.masked = t.year_like = t.lead_zero = False
        t.m = None
        toks.append(t)
    return toks


def _core_matches(lw: str):
    """``_CORE.finditer(lw)``, tried only where a digit or ``**`` starts.

    The same matches: finditer tries the pattern at every character, and its
    opening look-behind defeats the engine's own first-character skip.
    """
    pos = 0
    # In ASCII text \d is [0-9]: a set the regex engine tests by a table, not by a Unicode
    # category look-up per character.
    search, match = (_START_ASCII if lw.isascii() else _START).search, _CORE.match
    while True:
        d = search(lw, pos)
        if d is None:
            return
        at = d.start()
        m = match(lw, at)
        if m is None:
            pos = at + 1
            continue
        yield m
        pos = m.end() if m.end() > at else at + 1


def _tokens(lw: str) -> list[_Tok]:
    toks = []
    # Short fields: finditer's own loop is cheaper than a search per digit,
    # and nearly every token is used, so it is read at once. Long texts get
    # lazy tokens, read by _build only when they pass its span checks.
    long_text = len(lw) > 256
    for m in (_core_matches(lw) if long_text else _CORE.finditer(lw)):
        p = m.start()
        cpre = None
        start = p
        if p:
            prev = lw[p - 1]
            if prev in _CPRE_LAST or (p > 1 and prev in " \u00a0" and lw[p - 2] in _CPRE_LAST):
                pm = _CPRE_END.search(lw, max(0, p - 5), p)
                if pm is not None:
                    cpre = pm.group("cpre")
                    start = pm.start()
            if cpre is None:
                if prev in _LETTERS:
                    continue  # "IR35", "Q1": part of a word
                if prev in ".," and lw[p] != "*":
                    continue  # "3.2.1"
        toks.append(_Tok(m, start, cpre, long_text))
    if "万" in lw or "千" in lw:
        cn = _cn_tokens(lw)
        if cn:
            toks = sorted(toks + cn, key=operator.attrgetter("start"))
    return toks


def _shared_thousands(a: float, b: float) -> float:
    """The low end of a range whose thousands are written once, on the high end:
    "70-90 000" and "от 110 до 140 000" are 70 000-90 000 and 110 000-140 000, "£40-45,000"
    is £40,000-45,000. Only a whole low end under 1,000 whose thousands land below the
    high end, within ten times it, and strictly below it ("от 20 до 20 000" is no range of one
    figure written twice)."""
    if a < 1000 and a.is_integer() and b >= 1000 and a * 1000 < b < a * 10000:
        return a * 1000
    return a


def _range_ends(a: float, b: float, ma, mb, both_marked: bool):
    """``(low, high, ma, a)`` of a short field's range "a[ma] - b[mb]", or None when it is
    reversed. A multiplier written on the high end only is shared by a low end not above it
    ("40-45k"); with no multiplier and no currency on both ends, the thousands may be
    shared too ("70-90 000"). The fast path and the shape readers both read ranges so."""
    if ma is None and mb is not None and a <= b:
        ma = mb
    elif ma is None and mb is None and not both_marked:
        a = _shared_thousands(a, b)
    low, high = a * (ma or 1.0), b * (mb or 1.0)
    if low > high:
        return None
    return low, high, ma, a


def _lead_zero(raw: str) -> bool:
    """"07700": a phone or a code, not an amount."""
    return len(raw) > 1 and raw[0] == "0" and raw[1].isdigit()
