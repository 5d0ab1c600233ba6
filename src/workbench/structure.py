"""Job structure: one record per role a document describes.

``analyse(text, title=None, language=None)`` puts the pieces together (roles,
sections, taxonomy, time allocation, skills and requirements) and returns a list
of role records::

    {role, spans, sections, responsibilities, time_allocation, time_allocation_check,
     skills, experience_years, education, languages}

A posting for one job gives one record whose span is the whole text. A document
that discusses several roles (an article comparing Account Manager and Account
Director, a page stitched from several job profiles) is split by *role
contexts*:

* a heading line that names one role opens that role's context; headings that
  only name a section ("Требования", "Salary", "Обязанности") keep the current
  context; other headings (a new article) close it;
* a heading naming two roles ("Account Manager vs Account Director") is a
  comparison: the paragraphs under it go to the role their first sentence names;
* outside a heading context, a paragraph whose first sentence names a role
  switches to that role.

A role becomes its own record when a heading names it (or, without a title,
when it owns a fifth of the text); other role mentions are reporting lines or
asides and stay with the context they sit in. ``attach_mentions`` then maps pay
mentions (character spans from the salary engine) to records.
"""

from __future__ import annotations

import re

from .requirements import extract_education, extract_experience, extract_languages, extract_skills
from .roles import RoleMention, classify_role, find_role_mentions
from .sections import heading_kind, html_to_lines, looks_like_html, parse_sections
from .taxonomy import classify_responsibility
from .timealloc import extract_time_allocation

__all__ = ["analyse", "attach_mentions", "split_roles"]

# A pay mention outside every role span still belongs to the role just before it
# when it is this close (a heading or a line between).
_NEAREST_PRECEDING_CHARS = 300

_TITLE_FIELD_RE = re.compile(
    r"^[ \t]*(?:job\s+title|title|position|role|должность|вакансия|职位名称|岗位名称|职位)[ \t]*[:：][ \t]*(.+)$",
    re.IGNORECASE | re.MULTILINE,
)
_BULLET_START = re.compile(r"^\s*(?:[-•*–—·▪●◦]|\d{1,2}[.)]\s)")
_SENTENCE_END_RE = re.compile(r"[.!?。！？](?=\s|[A-ZА-ЯЁ]|$)")
_LABEL_LINE_RE = re.compile(r"^\s*(?:reporting\s+to|reports\s+to|report\s+to|подчин\w*|汇报对象|汇报给)\b",
                            re.IGNORECASE)
_COMPARISON_RE = re.compile(r"\bvs\.?\b|\bversus\b|v/s|\bили\b|\bи\b|\band\b|\bor\b|разниц|difference|对比|区别|和|与",
                            re.IGNORECASE)


def _header_title(text: str) -> str | None:
    m = _TITLE_FIELD_RE.search(text, 0, 600)
    if m:
        return m.group(1).strip()
    first = text.lstrip().split("\n", 1)[0].strip()
    if first and len(first) <= 100 and find_role_mentions(first):
        return first
    return None


def _is_heading_line(line: str) -> bool:
    s = line.strip()
    if not s or len(s) > 140 or _BULLET_START.match(s) or _LABEL_LINE_RE.match(s):
        return False
    if s[-1] in ".,;":
        return False
    return s.count(" ") < 20


def _keys(mentions: list[RoleMention]) -> list[tuple]:
    out = []
    for m in mentions:
        if m.family != "other" and m.key not in out:
            out.append(m.key)
    return out


def split_roles(text: str, mentions: list[RoleMention], *, has_title: bool = False) -> list[tuple[tuple, list[tuple[int, int]], bool]]:
    """Role contexts of a document: ``[(role key, [(start, end), ...], named_by_heading)]``.

    Returns an empty list when the document is about one role only.
    """
    if len(_keys(mentions)) < 2:
        return []
    assigned: list[tuple[int, int, tuple | None]] = []
    evidence: dict[tuple, bool] = {}
    chars: dict[tuple, int] = {}
    context: tuple | None = None
    mode = "none"  # "heading": set by a heading; "para": set by a paragraph; "none": no context
    mi = 0
    pos = 0
    n = len(text)
    while pos < n:
        nl = text.find("\n", pos)
        end = n if nl == -1 else nl
        line = text[pos:end]
        if line.strip():
            while mi < len(mentions) and mentions[mi].start < pos:
                mi += 1
            j = mi
            line_mentions = []
            while j < len(mentions) and mentions[j].start < end:
                line_mentions.append(mentions[j])
                j += 1
            keys = _keys(line_mentions)
            if _is_heading_line(line):
                if len(keys) == 1:
                    context, mode = keys[0], "heading"
                    evidence[context] = True
                elif len(keys) >= 2:
                    # A heading naming two roles is a comparison, unless the others are
                    # glosses of the first ("Менеджер проекта (account manager)").
                    context, mode = (None, "none") if _COMPARISON_RE.search(line) else (keys[0], "heading")
                elif heading_kind(line.strip()) in ("other",) and line.strip().count(" ") >= 2:
                    context, mode = None, "none"  # a new topic, not a section of the current role
            elif mode != "heading" and keys:
                cut = _SENTENCE_END_RE.search(line, 0, 250)
                first_end = pos + (cut.end() if cut else min(len(line), 250))
                first_keys = _keys([m for m in line_mentions if m.start < first_end])
                if first_keys:
                    context, mode = first_keys[0], "para"
                elif mode == "none":
                    context, mode = keys[0], "para"
            assigned.append((pos, end, context))
            if context is not None:
                chars[context] = chars.get(context, 0) + (end - pos)
        pos = end + 1

    threshold = max(600, n // 5)
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


def _responsibilities(sections: list[dict]) -> list[dict]:
    out = []
    for sec in sections:
        if sec["kind"] != "duties":
            continue
        for item in sec["items"]:
            text = f"{item['label']}: {item['text']}" if item.get("label") else item["text"]
            category, conf = classify_responsibility(text)
            out.append({"text": text, "section": sec["heading"], "category": category, "confidence": conf})
    return out


def _public_sections(sections: list[dict]) -> list[dict]:
    return [{"heading": s["heading"], "kind": s["kind"], "start": s["start"], "end": s["end"],
             "items": [{"text": i["text"], "label": i["label"]} for i in s["items"]]} for s in sections]


def _record(role: dict, spans: list[tuple[int, int]], body: str, sections: list[dict]) -> dict:
    alloc = extract_time_allocation(body)
    responsibilities = _responsibilities(sections)
    if not responsibilities and alloc["items"]:
        # A posting whose only duty list is its "% of time" split (seed-style job profiles).
        responsibilities = [{"text": i["activity"], "section": "% of time", "category": i["category"],
                             "confidence": i["confidence"]} for i in alloc["items"]]
    return {
        "role": role,
        "spans": spans,
        "sections": _public_sections(sections),
        "responsibilities": responsibilities,
        "time_allocation": alloc["items"],
        "time_allocation_check": {"total": alloc["total"], "status": alloc["status"]},
        "skills": extract_skills(body),
        "experience_years": extract_experience(body),
        "education": extract_education(body),
        "languages": extract_languages(body),
    }


def analyse(text: str, title: str | None = None, language: str | None = None) -> list[dict]:
    """Role records of a job text (see the module docstring for the record layout).

    ``title`` is the posting's title field when ingest found one; without it a
    "Title:" header or a first line naming a role is used. ``language`` is
    accepted for the pipeline's symmetry (the extractors cover en/ru/zh at once).
    Offsets in ``spans`` refer to ``text`` as given.
    """
    text = text or ""
    html = looks_like_html(text)
    work = html_to_lines(text) if html else text
    if not title:
        title = _header_title(work)
    mentions = find_role_mentions(work)
    sections = parse_sections(work, item_offsets=True)
    # Raw HTML is re-laid out before parsing, so its offsets cannot be mapped back;
    # it is read as one role (ingest normally hands over structured text).
    contexts = [] if html else split_roles(work, mentions, has_title=bool(title))
    if not contexts:
        role = classify_role(title, work, language)
        return [_record(role, [(0, len(text))], work, sections)]

    records = []
    for key, spans, by_heading in contexts:
        family, level, label = key
        evidence = sorted({m.text.lower() for m in mentions if m.key == key and _in_spans(m.start, spans)})[:5]
        role = {"family": family, "level": level, "label": label, "evidence": evidence,
                "confidence": 0.8 if by_heading else 0.6}
        own_sections = []
        for sec in sections:
            items = [i for i in sec["items"] if _in_spans(i["start"], spans)]
            if items or _in_spans(sec["start"], spans):
                own_sections.append({**sec, "items": items})
        body = "\n".join(work[a:b] for a, b in spans)
        records.append(_record(role, spans, body, own_sections))
    return records


def attach_mentions(records: list[dict], spans: list[tuple[int, int]]) -> list[int | None]:
    """Index of the record each pay-mention span belongs to.

    A mention inside a record's span belongs to it; otherwise to the record
    whose span ends closest before the mention, when that is within a few lines
    (``None`` when no role context is near: a mention in an unrelated part of a
    page is not pay for any of its roles).
    """
    out: list[int | None] = []
    for start, _end in spans:
        owner = None
        best_end = -1
        for idx, rec in enumerate(records):
            for a, b in rec["spans"]:
                if a <= start < b:
                    owner = idx
                    break
                if b <= start and b > best_end:
                    best_end, near = b, idx
            if owner is not None:
                break
        if owner is None and best_end >= 0 and start - best_end <= _NEAREST_PRECEDING_CHARS:
            owner = near
        out.append(owner)
    return out
