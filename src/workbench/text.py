"""Text helpers shared by the extractors: lower-cased copies, and line breaks lost in scraping.

``lost_breaks`` / ``restore_breaks`` find and restore the line breaks a scraped posting
lost (a heading run into its first item, items run together, pay run into the next
heading, bullets inside a line); sections read the restored text, and the salary
engine may cut its scan at the same offsets. The rest of this docstring is about the
lower-cased copies.

Roles, requirements and the salary engine all search a lower-cased copy of the
same posting text. ``str.lower`` costs about 5 µs per 1,000 characters of a
text that is not pure ASCII (most postings carry a "£", "’" or Cyrillic), so
the copies of the last text seen are kept here and handed to the next
extractor that asks for the same text object.

The cache is one immutable tuple swapped in whole: a Dask worker may run
several threads, and a reader always gets the copies of the text it asked for.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from itertools import accumulate, repeat
from operator import add

from workbench import bullets

# (text, text.lower(), same-length lower-case copy, its UTF-8 bytes or None)
_last: tuple = (None, "", "", None)


def _copies(text: str) -> tuple:
    last = _last
    if last[0] is text:
        return last
    return _remember(text)


def _remember(text: str) -> tuple:
    global _last
    low = text.lower()
    same = low
    if len(low) != len(text):
        # A rare character ("İ" -> "i̇") grows when lower-cased: lower-case the
        # others one by one so offsets in the copy still match the text.
        same = "".join(c if len(c.lower()) != 1 else c.lower() for c in text)
    entry = (text, low, same, None)
    _last = entry
    return entry


def lower(text: str) -> str:
    """``text.lower()`` (which may be longer than ``text``)."""
    return _copies(text)[1]


def lower_same_length(text: str) -> str:
    """Lower-case copy of ``text`` with the same length, so offsets agree.

    Characters that grow when lower-cased (e.g. "İ") are kept as they are.
    """
    return _copies(text)[2]


def same_length_utf8(text: str) -> bytes:
    """UTF-8 bytes of :func:`lower_same_length` (tests for which scripts occur)."""
    global _last
    entry = _copies(text)
    raw = entry[3]
    if raw is None:
        raw = entry[2].encode("utf-8", "surrogatepass")
        _last = (entry[0], entry[1], entry[2], raw)
    return raw


# --------------------------------------------------------------------------- lost line breaks
#
# Scraped postings often lose their line breaks: a heading runs into its first item
# ("ResponsibilitiesOperate the ..."), items run into each other ("... with clientsPrepare
# reports", "... clients.Prepare reports"), pay runs into the next heading
# ("$182,000Benefits:") and list bullets end up inside a line ("... clients ● Prepare").
# ``lost_breaks`` finds where a break was lost and ``restore_breaks`` puts one there.
# Camel-case names ("PowerPoint", "LinkedIn", "iPhone", "eBay", "McDonald", a company's
# own "PointClickCare"), links and figures ("£35k", "OTE") are not joins.

# A capital that starts a word glued to what comes before it: a lower-case letter, a
# digit, ")", "]", "%", a sentence mark or another capital. Opening with the capital lets
# the regex engine skip in C to the next capital (about five times faster than opening
# with the character before it).
_GLUED_CAPITAL_RE = re.compile(r"[A-ZА-ЯЁ](?<=[a-zа-яё\d)\]%.!?;:A-ZА-ЯЁ][A-ZА-ЯЁ])(?=[a-zа-яё])")
_MARKS = frozenset(".!?;:")
# Bullet glyphs that open a list item even inside a line (workbench.bullets).
_GLYPHS = bullets.INLINE
_GLYPH_RE = re.compile(f"[{_GLYPHS}]")
# "·" and "*" are bullets after a blank or a sentence mark and before a word
# ("25-35K·13薪" and "salary*" are not); "**" is Markdown bold.
_SOFT_BULLET_RE = re.compile(r"[·*](?<=[\s.;:!?][·*])(?![*·]|nix|NIX)(?=[ \t]*[^\W\d_])")
# A dash after a blank and before a capitalised word: a bullet when a line has two or more.
_DASH_RE = re.compile(r"[-–—+](?<=[^\s][ \t][-–—+])[ \t]*(?=[A-ZА-ЯЁ])")
# A short Markdown-bold heading inside a line: "... journey! **Responsibilities** + Achieve ...".
_BOLD_HEADING_RE = re.compile(r"\*\*(?<=[.!?:;] \*\*)([^*\n]{2,60})\*\*(?= ?[A-ZА-ЯЁ+•-])")
_LETTERS_RE = re.compile(r"[^\W\d_]+")
_CAMEL_NAMES: frozenset[str] | None = None


def camel_case_names() -> frozenset[str]:
    """Camel-case names written as one word (``data/camel_case_names.txt``, one a line)."""
    global _CAMEL_NAMES
    if _CAMEL_NAMES is None:
        from .config import PACKAGE_DATA

        lines = (PACKAGE_DATA / "camel_case_names.txt").read_text(encoding="utf-8").splitlines()
        _CAMEL_NAMES = frozenset(s.strip() for s in lines if s.strip() and not s.startswith("#"))
    return _CAMEL_NAMES


def _is_name(token: str) -> bool:
    names = camel_case_names()
    return token in names or token[-1:] == "s" and token[:-1] in names


def _token_bounds(text: str, pos: int) -> tuple[int, int]:
    """The run of letters around the letter at ``pos``."""
    a = pos
    while a > 0 and text[a - 1].isalpha():
        a -= 1
    m = _LETTERS_RE.match(text, pos)
    return a, m.end() if m else pos


def _in_link(text: str, pos: int) -> bool:
    """Is ``pos`` inside a web or e-mail address?"""
    blank = text.rfind(" ", 0, pos)
    # A line break counts only after the last blank: looked for there alone (a lost break sits in
    # a long line, and a search back to the line's start walked all of it at each glued capital).
    a = max(blank, text.rfind("\n", blank + 1, pos)) + 1
    b = text.find(" ", pos)
    b = len(text) if b == -1 else b
    word = text[a:b]
    return "://" in word or "www." in word or "@" in word or ".com" in word


def _after_figure(text: str, start: int) -> bool:
    """Does the run of letters at ``start`` follow a figure ("85kBase", "$24.50/hrBenefits")?"""
    before = text[start - 1:start]
    if before in ("/", ".") and start > 1:
        before = text[start - 2]
    return before.isdigit()


def _capitalised_join(text: str, token: str, cap: int, end: int) -> bool:
    """A capitalised word run into a capitalised word: a heading or a title-case item
    before a sentence ("ResponsibilitiesOperate the"), or a name ("PowerPoint", "ClickHouse")."""
    left = token[:cap - (end - len(token))]
    hump = len(left) - max(i for i, c in enumerate(left) if c.isupper())
    if hump <= 3 or end - cap <= 2 or _is_name(token):
        return False  # "McDonald", "DevOps", "AdRoll"; "LinkedIn", "SpotOn"
    if text[end:end + 1] != " " or not text[end + 1:end + 2].islower():
        return False  # a sentence follows a lost break; "ClickHouse, Kafka" is a list of names
    if hump == 4 and text.startswith(("and ", "or "), end + 1):
        return False  # "DataOps and DevOps"; "North WestWin new business" is a lost break
    if token.isascii() and _cyrillic_text(text):
        return False  # Latin names in Russian text ("TeamCity", "OpenSearch")
    return text.count(token) == 1 and not _in_link(text, cap)  # a name recurs, a lost break does not


def _letter_join(text: str, cap: int) -> bool:
    """Is the capital at ``cap``, right after a lower-case letter, the start of a lost line?"""
    start, end = _token_bounds(text, cap)
    if _after_figure(text, start):
        return True
    token = text[start:end]
    if _is_name(token):
        return False  # "PowerPoint", "HubSpot": decided at once
    if token[0].isupper():
        return _capitalised_join(text, token, cap, end)
    left = text[start:cap]
    # "skillsStrong" is a lost break; "iPhone", "eBay", "jQuery", "myGwork", "iLandMan" are names.
    if len(left) < 3 or not left.islower() or _is_name(token) or _in_link(text, cap):
        return False
    # A short word after it ("spaCy") is a name unless a sentence goes on ("clientsWe are").
    return end - cap > 2 or text[end:end + 1] == " " and text[end + 1:end + 2].islower()


def _mark_join(text: str, mark: int) -> bool:
    """Is the sentence mark at ``mark`` ("clients.Prepare") the end of a lost line?"""
    if not text[mark - 1:mark].isalpha():
        return text[mark - 1:mark] == ")"
    start, _ = _token_bounds(text, mark - 1)
    word = text[start:mark]
    if len(word) <= 2 or word[0].isupper() and len(word) <= 3 or word.isupper():
        return False  # "e.g.The", "Dr.Smith", "St.Louis", "U.S.Army"
    if word.isascii() and text[mark + 1:mark + 2].isascii() and _cyrillic_text(text):
        return False  # "Yandex.Cloud", "Mail.Ru" in Russian text
    return not _in_link(text, mark)


def _digit_join(text: str, digit: int) -> bool:
    """Does a figure end a lost line ("$182,000Benefits") rather than sit in a code ("Win10Pro")?"""
    a = digit
    while a > 0 and (text[a - 1].isdigit() or text[a - 1] in ",."):
        a -= 1
    return not (a > 0 and text[a - 1].isalpha())


def _caps_join(text: str, cap: int) -> bool:
    """A run of four or more capitals before a capitalised word ("RESPONSIBILITIESOperate")."""
    a = cap
    while a > 0 and text[a - 1].isupper():
        a -= 1
    return cap - a >= 4 and not _is_name(text[a:_token_bounds(text, cap)[1]])


def _cyrillic(text: str) -> bool:
    return "о" in text or "е" in text or "а" in text


_last_cyrillic: tuple = (None, False)


def _cyrillic_text(text: str) -> bool:
    """:func:`_cyrillic` of a whole text, asked at each glued capital of it: kept for the last
    text (three scans of a text that is not pure Latin-1, "’" or "•" in it, are ~1 us)."""
    global _last_cyrillic
    last = _last_cyrillic
    if last[0] is text:
        return last[1]
    found = _cyrillic(text)
    _last_cyrillic = (text, found)
    return found


def _is_join(text: str, cap: int) -> bool:
    if text[cap].isascii() != text[cap + 1].isascii():
        return False  # "3Dмоделей": a Latin capital before a Cyrillic letter is a code
    before = text[cap - 1]
    if before.islower():
        return _letter_join(text, cap)
    if before.isdigit():
        return _digit_join(text, cap - 1)
    if before in _MARKS:
        return _mark_join(text, cap - 1)
    if before.isupper():
        return _caps_join(text, cap)
    return True  # ")", "]" or "%" before a word


def _line_has_text_before(text: str, pos: int) -> bool:
    a = text.rfind("\n", 0, pos) + 1
    return text[a:pos].strip(" \t-–—*·•") != ""


def _bullet_breaks(text: str, a: int, b: int) -> list[int]:
    """Offsets of bullets inside the line ``text[a:b]``: a glyph, "·"/"*" after a blank, two or more
    " - " or " + ", and a short Markdown-bold heading."""
    line = text[a:b]
    out = []
    # "in" returns at once for a glyph wider than the line's characters (most Latin text).
    if not line.isascii() and any(map(line.__contains__, _GLYPHS)):
        out += [m.start() for m in _GLYPH_RE.finditer(text, a, b) if _line_has_text_before(text, m.start())]
    if "·" in line or "*" in line:
        out += [m.start() for m in _SOFT_BULLET_RE.finditer(text, a, b) if _line_has_text_before(text, m.start())]
    if " -" in line or " –" in line or " —" in line or " +" in line:
        dashes = [m.start() for m in _DASH_RE.finditer(text, a, b)]
        if len(dashes) >= 2:
            out += dashes
    if "**" in line:
        for m in _BOLD_HEADING_RE.finditer(text, a, b):
            if m.group(1).count(" ") < 6:
                out += [m.start(), m.end() + (text[m.end()] == " ")]
    return out


# Lines this long or shorter are left alone: lost breaks make long lines (of the joins found
# in the real corpora, 96% on linkedin_us and 99.8% on uk_ads sit in lines over 250
# characters), while most glued capitals in shorter lines are names ("ClickHouse",
# "PostDoc"). It also keeps the scan off most well-formed text (a paragraph of a few sentences).
_LONG_LINE = 250
# Without bullets (the salary engine: a figure run into the next word, "$60,000 - $90,000Note")
# lines over 120 characters are read, as before the item work: a pay line is often short.
_FIGURE_LINE = 120


def lost_breaks(text: str, *, bullets: bool = True, lines: list[str] | None = None) -> list[int]:
    """Sorted offsets in ``text`` where a line break was lost (the break goes before that character).

    Looks in lines longer than 250 characters (120 without ``bullets``) for a heading or item run into the next
    one ("ResponsibilitiesOperate the", "clientsPrepare", "clients.Prepare",
    "RESPONSIBILITIESOperate"), a figure run into a word ("$182,000Benefits",
    "$24.50/hrBenefits") and, with ``bullets``, list bullets inside the line (●, •, ➢, ▪
    ..., "·" or "*" after a blank, two or more " - " before capitalised words).
    Camel-case names, links and figures such as "£35k" or "OTE" are left alone.
    ``lines`` passes ``text.split("\n")`` when the caller has it already.
    """
    long_line = _LONG_LINE if bullets else _FIGURE_LINE
    if len(text) <= long_line:
        return []
    memo = _scan_memo(text, lines)
    if memo.longest <= long_line:
        return []
    out: list[int] = []
    lengths = memo.lengths
    # Line i starts after lines 0..i-1 and their breaks (accumulated in C).
    for a, n in zip(accumulate(map(add, lengths, repeat(1)), initial=0), lengths):
        if n > long_line:
            b = a + n
            out += _joins(text, a, b, memo)
            if bullets:
                out += _bullet_breaks(text, a, b)
    return sorted(set(out)) if bullets else out


class _Scan:
    """What :func:`lost_breaks` found in the last text it read: a posting's description is read
    twice (for its sections with bullets, for its pay without), and both depend on the text
    alone: its line lengths and the joins found per line (by line start)."""

    __slots__ = ("text", "lengths", "longest", "joins")

    def __init__(self, text: str, lines: list[str] | None) -> None:
        self.text = text
        self.lengths = list(map(len, text.split("\n") if lines is None else lines))
        self.longest = max(self.lengths)
        self.joins: dict[int, list[int]] = {}


_last_scan = _Scan("", None)


def _scan_memo(text: str, lines: list[str] | None) -> _Scan:
    global _last_scan
    last = _last_scan
    if last.text is not text and last.text != text:
        last = _last_scan = _Scan(text, lines)
    return last


def _joins(text: str, a: int, b: int, memo: _Scan) -> list[int]:
    """Offsets of the glued capitals that start a lost line in the line ``text[a:b]``."""
    found = memo.joins.get(a)
    if found is None:
        found = memo.joins[a] = [m.start() for m in _GLUED_CAPITAL_RE.finditer(text, a, b) if _is_join(text, m.start())] \
            if _may_glue(text[a:b]) else []
    return found


# Character classes for a quick test: a-z -> "a", A-Z -> "A", digits -> "0", ")" "]" "%" -> ")",
# sentence marks -> ".", any other byte (the UTF-8 bytes of other scripts too) -> " ".
_CLASSES = bytes(
    ord("a") if 97 <= b <= 122 else ord("A") if 65 <= b <= 90 else ord("0") if 48 <= b <= 57 else
    ord(")") if chr(b) in ")]%" else ord(".") if chr(b) in ".!?;:" else ord(" ") for b in range(256))
# What a Latin join looks like in those classes (see _GLUED_CAPITAL_RE and _is_join).
_GLUE_SHAPES = (b"aAa", b"0Aa", b")Aa", b".Aa", b"AAAAAa")


def _may_glue(line: str) -> bool:
    """Could ``line`` hold a capital glued to what comes before it? A line with Cyrillic
    letters always may; a Latin one is tested on a byte copy in character classes
    (``bytes.translate`` and ``in`` run in C, several times faster than a regex character
    class tried at every character)."""
    if not line.isascii() and _cyrillic(line):
        return True
    shape = line.encode("utf-8", "surrogatepass").translate(_CLASSES)
    return any(map(shape.__contains__, _GLUE_SHAPES))


def restore_breaks(text: str, *, bullets: bool = True, breaks: list[int] | None = None) -> tuple[str, list[int]]:
    """``text`` with a line break at each of :func:`lost_breaks`, and where breaks were inserted.

    A blank right before a break becomes the break (offsets after it do not move);
    elsewhere the break is inserted, and its offset in ``text`` is listed.
    :func:`original_offset` maps an offset in the restored text back to ``text``.
    ``breaks`` passes offsets :func:`lost_breaks` already found.
    """
    if breaks is None:
        breaks = lost_breaks(text, bullets=bullets)
    if not breaks:
        return text, []
    pieces, inserted, last = [], [], 0
    for at in breaks:
        blank = at > last and text[at - 1] in " \t"
        pieces.append(text[last:at - 1] if blank else text[last:at])
        pieces.append("\n")
        if not blank:
            inserted.append(at)
        last = at
    pieces.append(text[last:])
    return "".join(pieces), inserted


def restored_offset(inserted: list[int], offset: int) -> int:
    """Where the character at ``offset`` of the original text sits in the restored text."""
    return offset + bisect_right(inserted, offset)


def original_offset(inserted: list[int], offset: int) -> int:
    """The offset in the original text of ``offset`` in :func:`restore_breaks`' text.

    An offset on an inserted break maps to the character the break was put before.
    """
    shift = 0
    for at in inserted:  # the k-th inserted break sits at at + k in the restored text
        if at + shift >= offset:
            break
        shift += 1
    return offset - shift
