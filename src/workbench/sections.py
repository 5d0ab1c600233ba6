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

from workbench import bullets

__all__ = ["parse_sections", "split_sections", "heading_kind", "SECTION_KINDS"]

SECTION_KINDS = ("duties", "requirements", "skills", "benefits", "pay", "description", "other")

# Heading vocabulary per kind; checked in this order on the lower-cased heading.
_KIND_RES: list[tuple[str, re.Pattern]] = [
    ("pay", re.compile(r"salary|compensation|remuneration|\bpay\b|earnings|зарплат|заработ|оплата труда|"
                       r"доход|прибыль|薪资|薪酬|工资|薪水")),
    ("benefits", re.compile(r"benefit|perks|we offer|what we offer|условия|мы предлагаем|преимуществ|"
                            r"福利|待遇")),
    ("duties", re.compile(r"\bdut(?:y|ies)|responsib|accountabilit|\bfunctions?\b|what you(?:'ll| will) do|your role|"
                          r"day[- ]to[- ]day|key tasks|\btasks\b|\bactivities\b|обязанност|функци|задач|"
                          r"ответственн|чем .*занима|职责|工作内容|岗位内容")),
    ("skills", re.compile(r"skill|competenc|навык|умени|компетенц|技能|能力")),
    ("requirements", re.compile(r"requirement|qualification|experience|who you are|what you(?:'ll| will)? need|"
                                r"about you|education|требовани|ожидаем|кандидат|опыт|образовани|要求|任职|资格")),
    ("description", re.compile(r"description|summary|overview|about|purpose|definition|introduction|"
                               r"описани|о компании|о нас|о вакансии|描述|简介|介绍|概述")),
]

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
    for kind, rx in _KIND_RES:
        if rx.search(low):
            return kind
    # "Account Director Details" / "Account Manager Profile": the role's details are its duties.
    if _ROLE_DETAILS_RE.search(low):
        from .roles import find_role_mentions

        if find_role_mentions(heading):
            return "duties"
    return "other"


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
    if s[-1] in _TERMINAL or words > 8 or (":" in s or "：" in s) and _LABEL_RE.match(s):
        return False
    if s.isupper() and words <= 8 and sum(c.isalpha() for c in s) >= 3:
        return True
    if heading_kind(s) not in ("other",) and words <= 6:
        return True
    # A short line directly followed by list items is a heading ("1. Account Director Details").
    if words <= 8 and (_NUMBERED_RE.match(s) is not None or words <= 5):
        return None
    return False


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

    Returns new ``(offsets, stripped, forced_kinds)``; each piece keeps its offset
    in the original text, so item offsets still point into it.
    """
    new_offsets: list[int] = []
    new_lines: list[str] = []
    forced: dict[int, str] = {}
    for off, raw, s in zip(offsets, raw_lines, stripped):
        heads = _inline_heads(raw) if len(s) > _INLINE_MIN else []
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


def parse_sections(text: str, *, item_offsets: bool = False) -> list[dict]:
    """Split ``text`` (structured text or raw HTML) into sections.

    Returns ``[{heading, kind, items: [{text, label}], start, end}]`` in document
    order. Text before the first heading forms a section with heading ``None``.
    Sections with no items are kept (the heading is information too).
    ``item_offsets=True`` adds each item's ``start`` offset; offsets refer to the
    parsed text, which is ``text`` itself unless ``text`` was raw HTML (then
    ``structured_text(text)``, the text ingest's converter makes of it).
    """
    if not text:
        return []
    # Imported on first use: the ingest package brings pandas, which the
    # extractors do not otherwise need at import time.
    from workbench.ingest.html import structured_text

    return split_sections(structured_text(text), item_offsets=item_offsets)


def split_sections(text: str, *, item_offsets: bool = False) -> list[dict]:
    """:func:`parse_sections` of text that is structured already: no HTML test, offsets into ``text``.

    ``structure`` converts raw HTML once and splits the result with this, so a
    text is never read as HTML twice.
    """
    if not text:
        return []
    raw_lines = text.split("\n")
    # Line i starts after the lengths of lines 0..i-1 plus i newlines; built with
    # C-level map/accumulate instead of a generator (same numbers).
    offsets = list(map(add, accumulate(map(len, raw_lines), initial=0), range(len(raw_lines))))
    stripped = list(map(str.strip, raw_lines))
    forced: dict[int, str] = {}
    # A text no longer than _INLINE_MIN has no line longer than that: skip the max().
    if len(text) > _INLINE_MIN and max(map(len, stripped)) > _INLINE_MIN:
        offsets, stripped, forced = _expand_inline(offsets, raw_lines, stripped)
    # First pass: what each line looks like. The same pass counts the leading
    # tokens that repeat on consecutive non-blank lines (mangled bullets, see
    # _mangled_bullets), formerly a separate pass over the non-blank lines; the
    # few lines whose kind depends on those tokens are revisited after it.
    kinds: list[str | None] = []
    runs: dict[str, int] = {}
    prev_tok = None
    maybe_mangled: list[int] = []
    for i, s in enumerate(stripped):
        if not s:
            kinds.append(None)  # blank lines do not break a run of tokens
            continue
        first = s[0]
        if first in _BULLET_FIRST:
            prev_tok = None  # a real bullet: no token
            kinds.append(forced[i] if forced and i in forced else "item")
            continue
        # Only a short non-word token can be a mangled bullet ("61", "?", "Â·", "o").
        tok = None
        if not first.isalpha() or s[1:2] == " ":
            sp = s.find(" ")
            if 0 < sp <= 4:
                tok = s[:sp]
                if tok == prev_tok:
                    runs[tok] = runs.get(tok, 0) + 1
        prev_tok = tok
        if forced and i in forced:
            kinds.append(forced[i])
        elif (first.isdigit() or first == "(" or first.isalpha() and s[1:2] in (".", ")")) and _BULLET_RE.match(s):
            kinds.append("numbered" if _NUMBERED_RE.match(s) else "item")
        else:
            maybe_mangled.append(i)  # an "item" if it opens with a mangled bullet
            kinds.append("numbered" if first.isdigit() and _NUMBERED_RE.match(s) else "line")
    mangled = _mangled_bullets(runs) if runs else set()
    if mangled:
        for i in maybe_mangled:
            if stripped[i].split(None, 1)[0] in mangled:
                kinds[i] = "item"

    sections: list[dict] = []
    items: list[dict] = []
    current = {"heading": None, "kind": "description", "items": items, "start": 0, "end": 0}
    last_plain = -2  # index of the last plain paragraph line, to join wrapped lines
    # Lines of a wrapped paragraph waiting to be joined into the last item's text:
    # joined once, when the paragraph ends (adding them one by one is quadratic).
    wrapped: list[str] = []
    for i, (kind, s, start) in enumerate(zip(kinds, stripped, offsets)):
        if kind is None:
            continue
        is_heading = False
        if kind == "line" or kind == "numbered":
            # Lines over _HEADING_MAX are never headings: tested before the cache, which
            # then holds short lines only (and needs no hash of a long paragraph).
            is_heading = _heading_verdict(s) if len(s) <= _HEADING_MAX else False
            if is_heading is None:
                # The kind of the next non-blank line tells a heading from a short
                # paragraph. It is looked up only for these few lines, instead of a
                # backward pass over every line (the same value that pass stored).
                is_heading = _next_kind(kinds, stripped, i) == "item"
        if is_heading:
            if wrapped:
                items[-1]["text"] = " ".join(wrapped)
                wrapped = []
            current["end"] = start
            if current["heading"] is not None or items:
                sections.append(current)
            heading, heading_k = _heading_of(s)
            items = []
            current = {"heading": heading, "kind": heading_k, "items": items, "start": start, "end": start}
            last_plain = -2
            continue
        # "line" and "inline" (a sentence cut from a one-line description) have no
        # bullet to strip; "item", the most common kind, is tested first.
        body = s
        if kind == "item":
            if s[0] in _BULLET_FIRST:
                body = s[1:].strip()
            else:
                m = _BULLET_RE.match(s)
                if m and m.end() > 0:
                    body = s[m.end():].strip()
                else:  # a mangled bullet token
                    parts = s.split(None, 1)
                    body = parts[1].strip() if len(parts) == 2 else s
        elif kind == "numbered":
            body = _NUMBERED_RE.sub("", s).strip()
        # (``s`` is stripped already: only a cut-off body needs another strip.)
        if not body:
            continue
        label = None
        if ":" in body or "：" in body:
            m = _LABEL_RE.match(body)
            if m is not None:
                head = m.group(1)  # starts with a letter: a label found is never empty
                if _word_count(head) <= 6 and not head.lower().startswith(("http", "www")):
                    label, body = head.strip(), m.group(2).strip()
        if label is None and body[-1] == ":" and _LEVEL_LINE_RE.match(body):
            label, body = "Level", body.split(None, 1)[1].rstrip(":").strip()
        plain = kind == "line" and label is None
        if plain and last_plain == i - 1 and items:
            # A hard-wrapped paragraph: its next line continues the same item.
            if not wrapped:
                wrapped.append(items[-1]["text"])
            wrapped.append(body)
            last_plain = i
            continue
        last_plain = i if plain else -2
        if wrapped:
            items[-1]["text"] = " ".join(wrapped)
            wrapped = []
        items.append({"text": body, "label": label, "start": start} if item_offsets else {"text": body, "label": label})
    if wrapped:
        items[-1]["text"] = " ".join(wrapped)
    current["end"] = len(text)
    if current["heading"] is not None or items:
        sections.append(current)
    return sections
