"""Role contexts: which parts of a document speak of which role.

A posting for one job is one context, the whole text. A document that discusses
several roles (an article comparing Account Manager and Account Director, a page
stitched from several job profiles) is split by *role contexts*, reading it as
headings, paragraphs (hard-wrapped lines joined) and list items:

* a heading that names one role (or several synonyms of one level, "Senior or
  Key Account Manager") opens that role's context; headings that only name a
  section ("Требования", "Salary", "Обязанности") keep it; other headings of
  three words or more (a new article, "How the time is spent") close it;
* a heading naming roles of different levels ("Account Manager vs Account
  Director") is a comparison: the paragraphs under it go to the role their
  first sentence names;
* outside a heading context, a paragraph whose first sentence names a role
  switches to that role; list items never switch.

A role becomes its own record when a heading names it, or, for a text without a
title, when it owns enough of the text (400 characters or a twelfth); other
mentions are reporting lines or asides and stay with the context they sit in.
"""

from __future__ import annotations

import re
from functools import lru_cache

from . import bullets
from .roles import RoleMention, find_role_mentions
from .sections import heading_kind

_TITLE_FIELD_RE = re.compile(
    r"^[ \t]*(?:job\s+title|title|position|role|должность|вакансия|职位名称|岗位名称|职位)[ \t]*[:：][ \t]*(.+)$",
    re.IGNORECASE | re.MULTILINE,
)
_BULLET_START = re.compile(r"^\s*(?:" + bullets.MARK_CLASS + "|" + bullets.NUMBER + r"\s)")
_BULLET_CHARS = frozenset(bullets.MARKS)
_SENTENCE_END_RE = re.compile(r"[.!?。！？](?=\s|[A-ZА-ЯЁ]|$)")
_LABEL_LINE_RE = re.compile(r"^\s*(?:reporting\s+to|reports\s+to|report\s+to|подчин\w*|汇报对象|汇报给)\b",
                            re.IGNORECASE)
_COMPARISON_RE = re.compile(r"\bvs\.?\b|\bversus\b|v/s|\bили\b|\bи\b|\band\b|\bor\b|разниц|difference|对比|区别|和|与",
                            re.IGNORECASE)


def _header_title(text: str, mentions: list[RoleMention]) -> str | None:
    m = _TITLE_FIELD_RE.search(text, 0, 600)
    if m:
        return m.group(1).strip()
    lead = len(text) - len(text.lstrip())
    end = text.find("\n", lead)
    end = len(text) if end == -1 else end
    first = text[lead:end].strip()
    if first and len(first) <= 100 and any(lead <= mm.start < end for mm in mentions):
        return first
    return None


@lru_cache(maxsize=4096)
def _title_keys(title: str) -> list[tuple]:
    return _keys(find_role_mentions(title))


def _is_heading_line(line: str) -> bool:
    s = line.strip()
    if not s or len(s) > 140 or _BULLET_START.match(s) or _LABEL_LINE_RE.match(s):
        return False
    if s[-1] in ".,;。，；" or "，" in s or "。" in s:
        return False  # a sentence, not a heading (Chinese headings carry no commas or full stops)
    return s.count(" ") < 20


def _heading_mentions(line: str, line_start: int, mentions: list[RoleMention]) -> list[RoleMention]:
    """Mentions that make a heading line about a role.

    In "Your manager: Group Account Director" the role after the colon is a value,
    not the subject of the heading; in "Account director это: ..." it is the subject.
    """
    colon = line.find(":")
    if colon == -1 or colon >= len(line.rstrip()) - 1:
        return mentions
    return [m for m in mentions if m.start < line_start + colon]


def _compares(line: str, keys: list[tuple]) -> bool:
    """Does a heading naming several roles compare them?

    Titles of the same level are synonyms ("Senior or Key Account Manager",
    "客户群总监 / 客户服务总监"), and a role followed by a gloss of another
    ("Account Executive (младший аккаунт-менеджер)") is one role.
    """
    if len({k[1] for k in keys}) == 1:
        return False
    return _COMPARISON_RE.search(line) is not None


def _words(line: str) -> int:
    s = line.strip()
    if _CJK_RE.search(s):
        return len(s) // 3
    return s.count(" ") + 1


def _keys(mentions: list[RoleMention]) -> list[tuple]:
    out = []
    for m in mentions:
        if m.family != "other" and m.key not in out:
            out.append(m.key)
    return out


def _heading_keys(text: str, mentions: list[RoleMention]) -> set[tuple]:
    """Role keys named alone by some heading line."""
    by_line: dict[int, list[RoleMention]] = {}
    for m in mentions:
        if m.family == "other":
            continue
        a = text.rfind("\n", 0, m.start) + 1
        by_line.setdefault(a, []).append(m)
    out = set()
    for a, ms in by_line.items():
        b = text.find("\n", a)
        line = text[a:len(text) if b == -1 else b]
        # The line test first (formerly after the keys): most mentions sit in
        # paragraphs or list items, which it rejects at once; all tests are pure.
        if not _is_heading_line(line):
            continue
        keys = _keys(_heading_mentions(line, a, ms))
        if keys and (len(keys) == 1 or not _compares(line, keys)):
            out.add(keys[0])
    return out


_CJK_RE = re.compile(r"[\u4e00-\u9fff]")
_HEADING_MARKS = re.compile(r"^\s*(?:#+\s*|\d{1,2}[.)]\s*|\*\*)|\*\*\s*$|[:：]\s*$")


def _heading_at(s: str, nxt: str, prev_blank: bool, opens_block: bool) -> bool:
    """Is the stripped line ``s`` a heading? ``nxt`` is the next stripped line."""
    if not _is_heading_line(s):
        return False
    if s[0] == "#" or s[-1] in ":：" or prev_blank and not nxt:
        return True
    # First line of a block: a heading when clearly shorter than the text under it.
    return opens_block and len(s) <= 60 and (len(s) < 0.6 * len(nxt) or _BULLET_START.match(nxt) is not None)


_SENTENCE_END_CHARS = frozenset(".!?…:;。！？；：")


def _units(text: str):
    """Headings, paragraphs and list items of a text: ``(start, end, kind)``.

    A paragraph may be hard-wrapped over several lines; its lines are one unit.
    A line is a heading when it stands alone, starts with ``#``, ends with a
    colon, or is a short first line of a block whose next line is much longer
    (or a list item). A block starts after a blank line, a heading or an item,
    and, in a text without a single blank line (how ingest hands text over),
    also after a line that ends a sentence: without that, every heading after
    the first was read as part of one long paragraph (a Russian article's
    Account Manager section went to the Account Director).
    """
    raw = text.split("\n")
    stripped = [line.strip() for line in raw]
    no_blank_lines = all(stripped)
    starts = []
    pos = 0
    for line in raw:
        starts.append(pos)
        pos += len(line) + 1
    count = len(raw)
    units = []
    para_start = para_end = None
    for idx, s in enumerate(stripped):
        if not s:
            if para_start is not None:
                units.append((para_start, para_end, "para"))
                para_start = None
            continue
        a = starts[idx]
        b = a + len(raw[idx])
        if s[0] in _BULLET_CHARS or s[0].isdigit() and _BULLET_START.match(s):
            if para_start is not None:
                units.append((para_start, para_end, "para"))
                para_start = None
            units.append((a, b, "item"))
            continue
        prev_blank = idx == 0 or not stripped[idx - 1]
        opens_block = prev_blank or para_start is None or (
            no_blank_lines and stripped[idx - 1][-1] in _SENTENCE_END_CHARS)
        nxt = stripped[idx + 1] if idx + 1 < count else ""
        if _heading_at(s, nxt, prev_blank, opens_block):
            if para_start is not None:
                units.append((para_start, para_end, "para"))
                para_start = None
            units.append((a, b, "heading"))
            continue
        if para_start is None:
            para_start = a
        para_end = b
    if para_start is not None:
        units.append((para_start, para_end, "para"))
    return units


def split_roles(text: str, mentions: list[RoleMention], *, has_title: bool = False) -> list[tuple[tuple, list[tuple[int, int]], bool]]:
    """Role contexts of a document: ``[(role key, [(start, end), ...], named_by_heading)]``.

    Returns an empty list when the document is about one role only.
    """
    if len(_keys(mentions)) < 2:
        return []
    if has_title and len(_heading_keys(text, mentions)) < 2:
        # With a title, a second record needs a heading of its own: check those
        # few lines first and skip the full pass for ordinary postings.
        return []
    assigned: list[tuple[int, int, tuple | None]] = []
    evidence: dict[tuple, bool] = {}
    chars: dict[tuple, int] = {}
    context: tuple | None = None
    mode = "none"  # "heading": set by a heading; "para": set by a paragraph; "none": no context
    mi = 0
    n = len(text)
    for start, end, kind in _units(text):
        while mi < len(mentions) and mentions[mi].start < start:
            mi += 1
        j = mi
        unit_mentions = []
        while j < len(mentions) and mentions[j].start < end:
            unit_mentions.append(mentions[j])
            j += 1
        keys = _keys(unit_mentions)
        if kind == "heading":
            line = text[start:end]
            keys = _keys(_heading_mentions(line, start, unit_mentions))
            if len(keys) == 1 or keys and not _compares(line, keys):
                context, mode = keys[0], "heading"
                evidence[context] = True
            elif keys:
                context, mode = None, "none"  # "Account Manager vs Account Director"
            elif heading_kind(_HEADING_MARKS.sub("", line).strip()) == "other" and _words(line) >= 3:
                context, mode = None, "none"  # a new topic, not a section of the current role
        elif kind == "para" and mode != "heading" and keys:
            cut = _SENTENCE_END_RE.search(text, start, min(end, start + 250))
            first_end = cut.end() if cut else min(end, start + 250)
            first_keys = _keys([m for m in unit_mentions if m.start < first_end])
            if first_keys:
                context, mode = first_keys[0], "para"
            elif mode == "none":
                context, mode = keys[0], "para"
        assigned.append((start, end, context))
        if context is not None:
            chars[context] = chars.get(context, 0) + (end - start)

    threshold = max(400, n // 12)
    records = [k for k in chars if evidence.get(k) or not has_title and chars[k] >= threshold]
    if len(records) < 2:
        return []
    spans: dict[tuple, list[list[int]]] = {k: [] for k in records}
    current: tuple | None = None
    for start, end, key in assigned:
        if key is not None and key not in spans:
            key = current  # an aside about another role stays with the context it sits in
        current = key
        if key is None:
            continue
        bucket = spans[key]
        if bucket and text[bucket[-1][1]:start].strip() == "":
            bucket[-1][1] = end
        else:
            bucket.append([start, end])
    out = [(k, [(a, b) for a, b in spans[k]], bool(evidence.get(k))) for k in records if spans[k]]
    out.sort(key=lambda r: r[1][0][0])
    return out if len(out) >= 2 else []


def _in_spans(pos: int, spans: list[tuple[int, int]]) -> bool:
    return any(a <= pos < b for a, b in spans)
