"""Role family and level of an account job, from its title (and text as fallback).

Titles come in English, Russian and Chinese. Every known title is one pattern
with its family, level (``workbench.config.LEVELS``) and a canonical English
label (the table: :mod:`workbench.role_titles`). A text is scanned once for a few anchor words every title contains
("account", "client", "менеджер", "客户" ...); only at those spots are the title
patterns tried, the more specific first ("senior account manager" before
"account manager"), so scanning costs about a regex pass over the text.

Choices worth knowing:

* In Russian, "Директор по работе с клиентами" is the usual translation of
  *Account Director* (level 4), while the English "Client Service(s) Director"
  sits a level higher (5). An English title in brackets after the Russian one
  ("Директор по работе с клиентами (Client Service Director)") settles it when
  it names a higher role.
* "Accountant" / "бухгалтер" / "会计" is not an account role: family ``other``,
  level ``None``.
* Sales titles are on the sales ladder (``config.LEVEL_NAMES``); delivery and
  other occupations get no level, and a level is never invented.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from . import text as _text
from .config import level_name
from .gates import Gated
from .requirements import extract_experience
from .role_titles import (
    _ANCHOR_KEYS,
    _AT_ANCHOR,
    _CJK_ANCHORS,
    _CJK_MODIFIERS,
    _GROUPS,
    _MODIFIER_PREFIXES,
    _OPEN_QUOTES,
    _ROLE_TABLE,
    _TITLE_OCCUPATIONS,
    _TITLE_ANCHOR_KEYS,
)

__all__ = ["FAMILIES", "classify_role", "find_role_mentions", "RoleMention"]

FAMILIES = ("account_management", "key_accounts", "client_services", "sales", "delivery", "other")


def _anchor_hits(low: str, anchors: tuple[str, ...]) -> list[tuple[int, str]]:
    """``(start, anchor)`` as ``role_titles._ANCHOR_RE.finditer`` would give them: left to right,
    the longest anchor at a position, none starting inside the previous one."""
    hits = []
    find = low.find
    # Skipping anchors that cannot occur adds no hit and drops none; the sort
    # below makes the order the anchors are searched in irrelevant.
    for a in anchors:
        i = find(a)
        while i != -1:
            hits.append((i, -len(a), a))
            i = find(a, i + 1)
    if not hits:
        return []
    hits.sort()
    out = []
    end = 0
    for i, neg, a in hits:
        if i >= end:
            out.append((i, a))
            end = i - neg
    return out


@dataclass(frozen=True, slots=True)
class RoleMention:
    """One role title found in a text: where, and what it names."""

    start: int
    end: int
    text: str
    family: str
    level: int | None
    label: str

    @property
    def key(self) -> tuple[str, int | None, str]:
        return (self.family, self.level, self.label)


def _candidate_starts(low: str, pos: int, cjk: bool) -> list[int]:
    """Where a title whose anchor is at ``pos`` may begin, earliest first."""
    if cjk:
        starts = [p for p in (pos - 2, pos - 1) if p >= 0 and low[p] in _CJK_MODIFIERS]
        starts.append(pos)
        return starts
    starts = [pos]
    end = pos
    # Walk back over up to three modifier words directly before the anchor.
    for _ in range(3):
        if end < 2 or low[end - 1] not in " -\t":
            break
        k = low.rfind(" ", 0, end - 1) + 1
        word = low[k:end - 1].strip(",-")
        # A title in quotes: «Group Account Director», "Senior Account Manager".
        quoted = word.lstrip(_OPEN_QUOTES)
        if quoted is not word and len(quoted) < len(word):
            k += len(word) - len(quoted)
            word = quoted
        if not word or not word.startswith(_MODIFIER_PREFIXES):
            break
        starts.insert(0, k)
        end = k
    return starts


def find_role_mentions(text: str, *, title: bool = False) -> list[RoleMention]:
    """Every role title in ``text``, left to right, non-overlapping.

    ``title=True`` reads a job title: it also looks for the titles running text seldom
    names as roles (``_TITLE_ONLY_ANCHORS``).
    """
    if not text:
        return []
    low = _text.lower_same_length(text)  # offsets in it match the text
    groups = _GROUPS
    out: list[RoleMention] = []
    last_end = 0
    n = len(low)
    cache = _SNIPPET_MATCHES
    keys = _TITLE_ANCHOR_KEYS if title else _ANCHOR_KEYS
    for pos, anchor in _anchor_hits(low, keys.possible(text)):
        if pos < last_end:
            continue
        group, members = groups[anchor]
        # Speed: the snippet-cache lookup of _anchor_match, inlined (same key), saves
        # a Python call on the ~75% of hits that are cached; a miss calls it as before.
        key = low[pos - 1:pos + _SNIPPET] if pos else "\0" + low[:_SNIPPET]
        hit = cache.get(key, _MISS)
        if hit is _MISS:
            hit = _anchor_match(anchor, low, pos, n, cache, key)
        if hit is None:
            # Every title that opens with a modifier also matches from its anchor
            # ("senior account manager" -> "account manager"), so a miss here is final.
            continue
        b_start, b_end, b_index = pos, pos + hit[0], hit[1]
        for start in _candidate_starts(low, pos, anchor in _CJK_ANCHORS)[:-1]:
            if start < last_end:
                continue
            m = group.match(low, start)
            if m is not None and m.end() > pos:
                b_start, b_end, b_index = m.start(), m.end(), m.lastindex
                break
        _, family, level, label = _ROLE_TABLE[members[b_index - 1]]
        out.append(RoleMention(b_start, b_end, text[b_start:b_end], family, level, label))
        last_end = b_end
    return out


# Most anchor hits are ordinary words ("clients", "the account", "客户的") in the
# same few phrases: the match at an anchor is kept per snippet (the character
# before it, for \b, and the 64 after; every title is far shorter).
_SNIPPET = 64
_SNIPPET_MATCHES: dict[str, tuple[int, int] | None] = {}
_MISS = object()  # not in the snippet cache


def _anchor_match(anchor: str, low: str, pos: int, n: int, cache: dict, key: str) -> tuple[int, int] | None:
    """``(length, lastindex)`` of the title pattern of ``anchor``'s group matching at ``pos``
    (where ``anchor`` stands), or ``None``; kept in ``cache`` under ``key``, the snippet
    (with "\\0" before it at the text's start: there is no character before), which the
    caller has just looked up there in vain."""
    a = pos - 1 if pos else 0
    snip = key if pos else key[1:]
    # Only the group's patterns that may start with the anchor (same first match, same end);
    # ``index`` turns their lastindex into the group's.
    group, index = _AT_ANCHOR[anchor]
    m = group.match(snip, pos - a)
    if m is not None and m.end() >= len(snip) - 2 and pos + _SNIPPET < n:
        m = group.match(low, pos)  # the snippet may have cut it short: decide on the text
        return (m.end() - pos, index[m.lastindex]) if m is not None else None
    out = (m.end() - (pos - a), index[m.lastindex]) if m is not None else None
    if len(cache) > 50_000:
        cache.clear()
    cache[key] = out
    return out


def _result(family: str, level: int | None, label: str | None, evidence: list[str], confidence: float) -> dict:
    return {"family": family, "level": level, "level_name": level_name(family, level), "label": label,
            "evidence": evidence, "confidence": round(confidence, 2)}


def _is_latin(s: str) -> bool:
    return all(c < "\u0250" for c in s)


def _english_gloss(title: str, mentions: list[RoleMention]) -> RoleMention | None:
    """An English role title in brackets after a non-English one: "Аккаунт-директор (Account Director)"."""
    for m in mentions:
        opened = max(title.rfind("(", 0, m.start), title.rfind("（", 0, m.start))
        if opened != -1 and _is_latin(m.text) and not title[opened + 1:m.start].strip(" -\t") \
                and ")" not in title[opened:m.start] and "）" not in title[opened:m.start]:
            return m
    return None


def _drop_glossed(mentions: list[RoleMention], text: str) -> list[RoleMention]:
    """Drop a non-English title glossed by a higher English one in brackets right after it."""
    out = []
    for k, m in enumerate(mentions):
        nxt = mentions[k + 1] if k + 1 < len(mentions) else None
        if nxt is not None and m.level is not None and nxt.level is not None and nxt.level > m.level \
                and text[m.end:nxt.start].strip() in ("(", "（") and _is_latin(nxt.text) and not _is_latin(m.text):
            continue
        out.append(m)
    return out


# ---------------------------------------------------------------------------- titles
#
# A title is read in three steps. (1) It is normalised: abbreviations spelt out
# ("Sr. AM", "KAM", "SDR", "Acct Exec"), traditional Chinese made simplified, an
# inverted "Manager, Key Accounts" put in order. (2) Its role mentions are found
# with the table above; one is chosen: an English gloss in brackets that names a
# higher (or the same) role, else the lowest rung when every mention is of one
# family ("Account Executive/Account Manager"), else the first named. A title that
# names no role is another occupation (family ``other``, no level) unless it is
# only generic words ("Manager, Clients"): then the text's own role is read.
# (3) Where the title leaves the ladder or the rung open, the posting's text
# settles it (see ``_settle``): nothing else in the text ever gives a level.

# "PA to the Account Director", "Executive Assistant to the Client Services Director":
# the job assists that role; it is not that role.
# A title that opens with "Executive Assistant" or names a secretary assists too.
_ASSISTANT_TO = re.compile(r"\b(?:(?:executive|personal|team)\s+)?(?:assistant|secretary|pa|ea)\s+to\b|"
                           r"^\s*(?:executive|personal)\s+assistant\b|\bsecretary\b|секретар|秘书|"
                           r"\b(?:помощник|ассистент)\w*\s+(?:генерального\s+|коммерческого\s+|аккаунт[\s-]?)?(?:директора|руководителя)\b|"
                           r"销售总监助理|总经理助理",
                           re.IGNORECASE)

# Spelt out before the title is read (lower-cased title; whole words only).
_ABBREVIATIONS = tuple((Gated(p), r) for p, r in (
    (r"\bacct\b\.?", "account"), (r"\bexec\b\.?", "executive"), (r"\bmgr\b\.?", "manager"),
    (r"\b(?:sr|snr)\b\.?", "senior"), (r"\bjr\b\.?", "junior"), (r"\breps?\b\.?", "representative"),
    (r"\bkam\b", "key account manager"), (r"\bgad\b", "group account director"), (r"\bam\b", "account manager"),
    (r"\bae\b", "account executive"), (r"\bcsm\b", "customer success manager"),
    (r"\bsdr\b", "sales development representative"), (r"\bbdr\b", "business development representative"),
    (r"\bbdm\b", "business development manager"), (r"\bcro\b", "chief revenue officer"),
    (r"\bsvp\b\.?", "senior vice president"), (r"\bevp\b\.?", "executive vice president"),
    (r"\brvp\b\.?", "regional vice president"), (r"\bvp\b\.?", "vice president"), (r"\bdir\b\.?", "director"),
    (r"\bco[\s-]?ord\w*", "coordinator"), (r"\bassoc\b\.?", "associate"), (r"\basst\b\.?", "assistant"),
    (r"\b(?:acc|accnt)\b\.?", "account"), (r"\bbd\b", "business development"), (r"\bnam\b", "national account manager"),
    (r"\baad\b", "associate account director"), (r"\bcsd\b", "client services director"),
    (r"\bcse\b", "client services executive"), (r"\bbde\b", "business development executive"),
    (r"\bisr\b", "inside sales representative"), (r"\btam\b", "technical account manager"),
    (r"\brm\b", "relationship manager"),
    (r"\b(key|national|global|strategic|major|enterprise)\s+accounts\s+(?=director|manager|lead|team)", r"\1 account "),
    (r"эккаунт", "аккаунт"), (r"\bроп\b", "руководитель отдела продаж"), (r"\bкам\b", "key account manager"),
))
# "Key-Account-Manager", "Account-Manager": a hyphen between Latin words is a blank.
_LATIN_HYPHEN = re.compile(r"(?<=[a-z])-(?=[a-z])")
# "Manager – Accounts", "Manager, Key Accounts" read as Account Manager / Key Account Manager.
_INVERTED = re.compile(
    r"^\s*(?P<mods>(?:(?:senior|junior|associate|assistant|deputy|lead|principal)\s+)*)"
    r"(?P<rank>team\s+(?:lead|leader|manager)|manager|director|head|vice\s+president|executive|coordinator|"
    r"specialist|lead|representative)s?"
    r"\s*[,–—-]\s*(?:of\s+)?(?P<function>account\s+(?:management|services?)|(?:(?:key|national|global|strategic|major|client)\s+)?"
    r"accounts?(?!\s+(?:payable|receivable|assistant|clerk|department|team))|client\s+services?|"
    r"client\s+success|customer\s+success|client\s+relation\w*|"
    r"(?:(?:enterprise|strategic|commercial|mid[\s-]market|smb|inside|field|regional|national)\s+)?sales|"
    r"business\s+development|new\s+business)\b")
_LEADING_RANKS = ("director", "head", "vice president")
# "技术客户经理（TAM）", "Account Manager(Senior)": a bracket glued to a word opens a word of its own.
_GLUED_BRACKET = re.compile(r"(?<=[^\s(（])(?=[(（])")
_CJK_RE = re.compile(r"[\u4e00-\u9fff]")

# Words that say nothing about the occupation: a title made only of them ("Manager,
# Clients", "Менеджер", "Вакансия") leaves the role to the text.
_VAGUE_WORDS = frozenset((
    "manager managers director directors executive head lead leader senior junior principal associate assistant "
    "deputy team role vacancy position job opening hiring new clients client customers customer of the for and "
    "with our we are is a an менеджер директор руководитель специалист вакансия старший младший ведущий "
    "клиентов клиентами с по работе 经理 总监 主管 专员 职位 招聘"
).split())
_TOKEN = re.compile(r"[^\W\d_]+", re.UNICODE)


@dataclass(frozen=True, slots=True)
class _TitleReading:
    """What a title says on its own (cached per title)."""

    text: str                        # the normalised title
    family: str
    level: int | None
    label: str | None
    mention: str | None              # the chosen mention's text
    evidence: tuple[str, ...]
    confidence: float
    vague: bool = False              # generic words only: the text decides
    other_families: bool = False     # the title also names a role of another family
    function_manager: bool = False   # "Manager, Customer Success": the manager of a function


@lru_cache(maxsize=1)
def _t2s():
    import opencc

    return opencc.OpenCC("t2s.json")


def _normalise_title(title: str) -> str:
    low = " ".join(title.lower().split())
    if _CJK_RE.search(low):
        low = _t2s().convert(low)
    if "-" in low:
        low = _LATIN_HYPHEN.sub(" ", low)
    if "(" in low or "（" in low:
        low = _GLUED_BRACKET.sub(" ", low)
    for rx, full in _ABBREVIATIONS:
        low = rx.sub(full, low)
    m = _INVERTED.match(low)
    if m:
        low = _uninvert(m) + low[m.end():]
    return low


def _uninvert(m: re.Match) -> str:
    """"Manager, Key Accounts" -> "key account manager"; "Director, Client Services" ->
    "director of client services" (a director's or head's function follows "of")."""
    mods, rank, function = m.group("mods"), m.group("rank"), m.group("function")
    if function.endswith("accounts") or function.endswith("account"):
        function = function.rstrip("s")
        if rank in _LEADING_RANKS and function != "account":
            return f"{mods}{function} {rank}" if rank == "director" else f"{mods}{rank} of {function}s"
        if rank == "director":  # "Associate Director, Accounts": an associate account director
            return f"{mods}account director"
        if rank in _LEADING_RANKS:
            return f"{mods}{rank} of accounts"
        return f"{mods}{function} {rank}"
    if rank in _LEADING_RANKS:
        return f"{mods}{rank} of {function}"
    return f"{mods}{function} {rank}"


def _chosen(title: str, mentions: list[RoleMention]) -> RoleMention:
    """The mention a title is read as (see the section comment)."""
    ranked = [m for m in mentions if m.level is not None] or mentions
    best = ranked[0]
    gloss = _english_gloss(title, mentions)
    if gloss is not None and best.level is not None and gloss.level is not None \
            and gloss.level > best.level and not _is_latin(best.text):
        # "Директор по работе с клиентами (Client Service Director)": the Russian
        # title also translates Account Director (4); the English one in brackets
        # names the higher role and settles it.
        return gloss
    if len({m.family for m in ranked}) == 1:
        return min(ranked, key=lambda m: (m.level is None, m.level or 0, m.start))
    return best


# Russian titles whose head noun is "работа с клиентами" / "клиентский" are client
# services on the account ladder (data/labelled/titles/README.md, rule 1), though in
# running text they are the usual translation of Account Manager / Director.
_RU_CLIENT_HEAD = re.compile(r"по\s+работе\s+со?\s+(?:корпоративными\s+)?клиентами|клиентск")


def _occupation(low: str) -> tuple[int, str, int | None, str] | None:
    for rx, family, level, label in _TITLE_OCCUPATIONS:
        m = rx.search(low)
        if m:
            return m.start(), family, level, label
    return None


def _support_desk(occupation: tuple, mentions: list[RoleMention]) -> bool:
    """A client title whose own words after it say what the work is: a support desk ("менеджер по
    работе с клиентами (колл-центр, входящие звонки)") is customer support, active selling
    ("(активные продажи)") is a seller; neither is client services."""
    return occupation[3] in ("Customer Support", "Sales Representative") and occupation[0] >= mentions[0].end \
        and mentions[0].family in ("client_services", "account_management")


def _selling_desk(occupation: tuple, mentions: list[RoleMention]) -> bool:
    """A call-centre word before a seller's title ("Call Centre Sales Agent"): the desk sells."""
    return occupation[3] == "Customer Support" and bool(mentions) and mentions[0].family == "sales"


@lru_cache(maxsize=8192)
def _read_title(title: str) -> _TitleReading | None:
    """The title's own reading, or None for an empty title."""
    if not title or not title.strip():
        return None
    if _ASSISTANT_TO.search(title):
        return _TitleReading(title.lower(), "other", None, "Assistant", None, (title.strip().lower()[:60],), 0.8)
    low = _normalise_title(title)
    mentions = find_role_mentions(low, title=True)
    occupation = _occupation(low)
    if occupation and (not mentions or occupation[0] < mentions[0].start or _support_desk(occupation, mentions)) \
            and not _selling_desk(occupation, mentions):
        _, family, level, label = occupation
        return _TitleReading(low, family, level, label, None, (low[:60],), 0.8)
    if not mentions:
        vague = all(w in _VAGUE_WORDS for w in _TOKEN.findall(low))
        return _TitleReading(low, "other", None, None, None, (), 0.5, vague=vague)
    best = _chosen(low, mentions)
    family = best.family
    if family == "account_management" and _RU_CLIENT_HEAD.search(best.text):
        family = "client_services"
    if any(m.family == "other" for m in mentions) and family != "other":
        conf = 0.6  # "Accountant / Account Manager" is ambiguous: keep the account role
    else:
        # A title that is (almost) only the role name is the strongest evidence.
        conf = 0.95 if len(best.text) >= 0.5 * len(low.strip()) else 0.9
    others = any(m.family not in (best.family, "other") for m in mentions)
    return _TitleReading(low, family, best.level, best.label, best.text,
                         tuple(m.text for m in mentions), conf, other_families=others,
                         function_manager=_FUNCTION_MANAGER.match(title) is not None)


# ------------------------------------------------------------- what the text settles
#
# Cues are searched in the lower-cased start of the posting text (the title's own
# words count too). They never name a role: they say which ladder an ambiguous
# title is on, whether a manager leads a team, or what kind of employer it is.
_CONTEXT_CHARS = 1500
# Cue words: a cue ending in "$" is a whole word of the text (checked on the few places a
# fast substring search finds it); any other cue is looked for as it is (str.find). A
# regex alternation led by \\b, or splitting the text into words, costs 10-20 times more.
_SALES_CUE_WORDS = (
    "quota", "pipeline", "closing$", "saas", "new business", "sales target", "revenue target", "prospect",
    "outbound", "cold call", "cold-call", "hunter$", "ote$", "on-target earnings", "book of business", "sells$",
    "selling$", "airtime", "advertising space", "new logos", "sales cycle", "commission", "media owner",
    "freight", "staffing agenc", "recruitment agenc", "insurance agenc")
_WEAK_SALES_CUE_WORDS = ("software", "b2b$", "smb$", "mid-market", "enterprise", "deals$", "territor")
_AGENCY_CUE_WORDS = (
    "pr$", "public relations", "events$", "experiential", "creative$", "marketing services", "digital marketing",
    "media buying", "media planning", "sponsorship", "communications$", "campaign", "client service",
    "account team", "account management", "account manager", "brief$", "briefs$", "studio$", "internship")
# An agency that sells (staffing, recruitment, insurance) is a sales cue above, not an agency.
_SELLING_AGENCIES = ("staffing", "recruitment", "recruiting", "insurance")


def _cue_patterns(cues: tuple[str, ...]) -> tuple[tuple[str, re.Pattern | None], ...]:
    # ``word\b`` opens with its literal, so the engine jumps between its occurrences; the
    # word start is checked on each match.
    return tuple((c, re.compile(re.escape(c[:-1]) + r"\b")) if c.endswith("$") else (c, None) for c in cues)


def _has_cue(low: str, cue: str, rx: re.Pattern | None) -> bool:
    if rx is None:
        return cue in low
    for m in rx.finditer(low):
        i = m.start()
        if i == 0 or not low[i - 1].isalnum():
            return True
    return False


def _cue_count(low: str, cues) -> int:
    return sum(1 for cue, rx in cues if _has_cue(low, cue, rx))


_SALES_CUES = _cue_patterns(_SALES_CUE_WORDS)
_WEAK_SALES_CUES = _cue_patterns(_WEAK_SALES_CUE_WORDS)
_AGENCY_CUES = _cue_patterns(_AGENCY_CUE_WORDS)


def _agency_word(low: str) -> bool:
    """"agency"/"agencies" not preceded by a selling kind ("staffing agency")."""
    i = low.find("agenc")
    while i != -1:
        before = low[max(0, i - 13):i].split()
        if (i == 0 or not low[i - 1].isalnum()) and not (before and before[-1] in _SELLING_AGENCIES):
            return True
        i = low.find("agenc", i + 5)
    return False


def _agency_score(low: str) -> int:
    return _cue_count(low, _AGENCY_CUES) + (1 if _agency_word(low) else 0)


_SEGMENT_WORDS = ((re.compile(r"\b(?:enterprise|strategic|major|named|global|key)\b"), 4),
                  (re.compile(r"\bmid[\s-]?market\b"), 3),
                  # "Corporate Comms" names a discipline (an agency's), not a customer segment
                  (re.compile(r"\b(?:smb|commercial|small\s+business|corporate(?!\s+(?:comms|communications|affairs)))\b"),
                   2))
_SEGMENT_PHRASES = ((Gated(r"\benterprise\s+(?:customers|clients|accounts|segment|deals|organi[sz]ations|"
                           r"companies|businesses)\b|\bfortune\s+(?:500|1000)\b|\bstrategic\s+accounts\b"), 4),
                    (Gated(r"\bmid[\s-]?market\b"), 3),
                    (Gated(r"\bsmb\b|\bsmall\s+(?:and|&)\s+mid|\bsmall\s+business"), 2))
# "Field Based" says where the job is done, not that it sells (titles README_2).
_TITLE_SALES_WORDS = re.compile(r"\b(?:sales|new\s+business|business\s+development|territory|field(?![\s-]+based)|inside|"
                                r"quota)\b")
_TITLE_AGENCY_WORDS = re.compile(r"\bclient\s+services?\b|\bagency\b|\bpr\b|\bevents?\b|\bpublic\s+relations\b|"
                                 r"\badvertising\b|\bcomms\b|\bcommunications\b|\bcreative\b|\bexperiential\b")
# A revenue team, a sales motion or a start-up's first seller named in an Account Executive's
# title ("Account Executive, Growth", "Founding Account Executive", "Account Executive - New Logo",
# "Renewals / Expansion / Channel / Public Sector Account Executive").
_AE_TITLE_SALES_WORDS = re.compile(r"\bgrowth\b|\bfounding\b|\bnew\s+logos?\b|\brenewals?\b|\bexpansion\b|\bchannel\b|"
                                   r"\bpublic\s+sector\b")
_JUNIOR_WORDS = re.compile(r"\b(?:junior|assistant|graduate|trainee|intern|internship|entry)\b")
_HELPER_AFTER = re.compile(r"\s*(?:(?:assistant|support)\b|助理)")
_RU_ZH_JUNIOR = re.compile(r"младш|стаж[её]р|без\s+опыта|初级|实习")
_SENIOR_WORDS = re.compile(r"\b(?:senior|lead|principal)\b|старш|ведущ|高级|资深")
_TEAM_NOUNS = ("team$", "reps$", "representatives$", "salespeople$", "sellers$", "sdrs$", "bdrs$")
_LEAD_VERBS = frozenset("lead leads leading manage manages managing coach coaches coaching supervise supervises "
                        "build builds".split())
_TEAM_PHRASES = ("direct reports", "带领", "管理团队", "带团队", "团队管理", "下属")
_RU_TEAM = re.compile(r"(?:руковод|управлени)\w*\s+(?:командой|группой|отделом)")
_INDIVIDUAL_CUES = re.compile(
    r"\bindividual\s+(?:\w+\s+)?(?:target|contributor|quota)|\bpersonal\s+(?:\w+\s+)?(?:target|quota)|"
    r"\bown\s+(?:\w+\s+)?(?:territory|target|quota|portfolio|book)|\bno\s+(?:team|direct\s+reports|reports)\b|"
    r"\bwithout\s+(?:a\s+)?team|без\s+(?:команды|подчин)|个人业绩|无下属")
_INDIVIDUAL_KEYS = ("individual", "personal", "own ", "no team", "no direct", "no reports", "without", "без ", "个人业绩",
                    "无下属")


def _leads_team(low: str) -> bool:
    """The text says the job leads people: "leads a team of six", "manages the SDR team", "带领团队"."""
    if any(p in low for p in _TEAM_PHRASES):
        return True
    if ("руковод" in low or "управлен" in low) and _RU_TEAM.search(low):
        return True
    for cue in _TEAM_NOUNS:
        word = cue[:-1]
        i = low.find(word)
        while i != -1:
            j = i + len(word)
            if (i == 0 or not low[i - 1].isalnum()) and (j == len(low) or not low[j].isalnum()):
                window = low[max(0, i - 40):i]
                window = window[max(window.rfind(c) for c in ".;\n") + 1:]
                if any(w.strip(",:()") in _LEAD_VERBS for w in window.split()):
                    return True
            i = low.find(word, j)
    return False


def _supervises(low: str) -> bool:
    """The text says the job leads or supervises people ("supervises KA managers", "带领团队")."""
    return "supervis" in low or _leads_team(low)


def _works_alone(low: str) -> bool:
    """The text says the seller has no team: "individual target", "own territory", "без команды"."""
    return any(k in low for k in _INDIVIDUAL_KEYS) and _INDIVIDUAL_CUES.search(low) is not None


_APPOINTMENT_CUES = Gated(r"\bbook(?:s|ing)?\s+(?:meetings|appointments)|\bappointments?\b|\bset(?:s|ting)?\s+"
                          r"meetings|\blead\s+generation\b|\bqualif(?:y|ies|ied|ying)\s+(?:inbound\s+)?leads|"
                          r"\b(?:find|finds|finding|generate|generates|generating)\s+(?:new\s+)?leads\b")
_BANK_CUES = Gated(r"\bbank|\bbanking\b|\bwealth\b|\bdeposit|银行|存款|理财|信贷|对公|贷款|\bбанк")
_INSURER_CUES = Gated(r"\binsur(?:er|ance)|\bpolic(?:y|ies)\b|保险|保单|страхов")
_SELLING_CUES = Gated(r"\bsells?\b|\bselling\b|\bsales\b|\bquota|销售|业绩|签单|продаж")
_FINANCE_CUES = Gated(r"\bfinance\b|\bfinancial\b|\baccounting\b|\bbookkeeping\b|\bledger|\bpayroll\b|\baudit|"
                      r"\bvat\b|\bmonth[\s-]end\b|\baccounts\s+(?:payable|receivable)|бухгалт|财务")
_SECRETARIAL_CUES = Gated(r"secretar|\bdiary\b|\btravel\b|\bcalendar\b|\bpa\b|personal\s+assistant|秘书|行程|日程|"
                          r"секретар")
_KYC_CUES = Gated(r"\bkyc\b|\baml\b|anti[\s-]money|\bcompliance\b")
# A sales manager or BD director who says it has no team is a seller (rung 2).
_SOLO_TITLES = ("sales manager", "sales managers", "business development director", "business development directors",
                "директор по развитию")
_ZH_SEGMENT = re.compile(r"大客户|(?<!中小)企业客户")
_YEARS_SENIOR = 5  # an open sales rung asks this many years or more: the senior rung (3)


def _context(reading: _TitleReading, text: str | None) -> str:
    head = _text.lower_same_length(text)[:_CONTEXT_CHARS] if text else ""
    return f"{reading.text}\n{head}"


def _ladder_of_account_executive(reading: _TitleReading, context: str, market: str | None) -> str:
    """``"sales"`` or ``"account"`` for an Account Executive title (CONVENTIONS, "Ladders")."""
    title = reading.text
    if any(rx.search(title) for rx, _ in _SEGMENT_WORDS) or _TITLE_SALES_WORDS.search(title) \
            or _AE_TITLE_SALES_WORDS.search(title):
        return "sales"
    if _TITLE_AGENCY_WORDS.search(title):
        return "account"
    sales = 2 * _cue_count(context, _SALES_CUES) + _cue_count(context, _WEAK_SALES_CUES)
    agency = 2 * _agency_score(context)
    if sales != agency:
        return "sales" if sales > agency else "account"
    # Nothing settles it: US technology and services use the title for sellers.
    return "sales" if (market or "").upper() == "US" else "account"


def _open_sales_rung(context: str) -> int:
    """Rung of a sales Account Executive whose title names no segment or seniority."""
    found = {level for rx, level in _SEGMENT_PHRASES if rx.search(context)}
    if len(found) == 1:
        return found.pop()
    years = extract_experience(context) or {}
    return 3 if (years.get("min") or 0) >= _YEARS_SENIOR else 2


def _account_executive(reading: _TitleReading, context: str, market: str | None) -> tuple[str, int, str]:
    if _ladder_of_account_executive(reading, context, market) == "account":
        return "account_management", 1, "Account Executive"
    title = reading.text
    segment = next((level for rx, level in _SEGMENT_WORDS if rx.search(title)), None)
    if _JUNIOR_WORDS.search(title) and segment is None:
        level = 1
    elif segment is not None:
        # A segment word outranks Senior ("Sr. Account Executive - Enterprise" is 4); Senior
        # lifts an SMB or commercial seller to the senior rung.
        level = 3 if segment == 2 and _SENIOR_WORDS.search(title) else segment
    elif _SENIOR_WORDS.search(title):
        level = 3
    else:
        level = _open_sales_rung(context)
    label = {1: "Sales Development Representative", 2: "Account Executive", 3: "Mid-Market Account Executive",
             4: "Enterprise Account Executive"}[level]
    return "sales", level, label


def _settle_unnamed(reading: _TitleReading, text: str | None, family: str, level: int | None,
                    label: str | None) -> tuple[str, int | None, str | None]:
    """A title read as an occupation (no role of the table named): rung words and the text settle it."""
    if family == "sales" and level == 2 and (_JUNIOR_WORDS.search(reading.text) or _RU_ZH_JUNIOR.search(reading.text)):
        return family, 1, "Sales Development Representative"  # "Inside Sales Associate (Entry Level)"
    if family == "sales" and level == 2 and _ZH_SEGMENT.search(reading.text):
        return family, 4, "Enterprise Account Executive"  # "企业客户销售" sells to enterprises
    if family == "sales" and level == 2 and _SENIOR_WORDS.search(reading.text):
        return family, 3, "Senior Sales Representative"  # "资深销售": Senior lifts a seller one rung
    if family == "sales" and level == 2 and _APPOINTMENT_CUES.search(_context(reading, text)):
        return family, 1, "Sales Development Representative"  # a telesales job that books meetings
    if label == "Delivery Manager" and "onboarding" in reading.text and _KYC_CUES.search(_context(reading, text)):
        return "other", None, "Onboarding Analyst"  # KYC onboarding is compliance work, not delivery
    return family, level, label


def _settle(reading: _TitleReading, text: str | None, market: str | None) -> tuple[str, int | None, str | None]:
    """Family, level and label once the text has settled what the title leaves open."""
    family, level, label, mention = reading.family, reading.level, reading.label, reading.mention or ""
    if label == "Business Director":  # an agency's senior client lead; elsewhere a business-unit head
        return ("account_management", 4, label) if _agency_score(_context(reading, text)) \
            else ("other", None, label)
    if not mention:
        return _settle_unnamed(reading, text, family, level, label)
    helper = len(reading.evidence) == 1 and _HELPER_AFTER.match(reading.text, reading.text.find(mention) + len(mention))
    if helper and _SECRETARIAL_CUES.search(_context(reading, text)):
        return "other", None, "Assistant"  # "Sales Executive Assistant" keeping the sales VP's diary
    if level == 3 and "主管" in mention and _supervises(_context(reading, text)):
        # a 主管 who leads the team is its team lead (rule 11 of the titles README)
        return family, 4, "Key Account Team Lead" if family == "key_accounts" else "Account Team Lead"
    if label == "Account Executive" and ("account exec" in mention or "экзекьютив" in mention):
        return _account_executive(reading, _context(reading, text), market)
    if family == "sales":
        return _sales_rung(reading, family, level, label, _context(reading, text))
    if level is not None and family != "sales" and helper:
        # "Key Account Manager Assistant" does account work (rung 1); an assistant to a
        # director is a PA.
        return (family, 1, label) if level <= 3 else ("other", None, "Assistant")
    return _settle_account(reading, text, family, level, label)


def _rung_outside_name(reading: _TitleReading, family: str, level: int | None) -> int | None:
    """A rung word outside the role's name: "Account Manager (Senior)", "аккаунт-менеджер (junior)",
    "менеджер по работе с ключевыми клиентами / стажёр", a bank's "Relationship Manager, Vice President"."""
    if len(reading.evidence) != 1:
        return None
    rest = reading.text.replace(reading.mention or "", " ", 1)
    junior = _JUNIOR_WORDS.search(rest) or _RU_ZH_JUNIOR.search(rest)
    if level == 3 and family == "key_accounts":
        return 1 if junior else None  # a junior key account manager is the junior rung (README_2)
    if level != 2 or family not in ("account_management", "client_services"):
        return None
    if junior:
        return 1
    if _SENIOR_WORDS.search(rest) or _GRADE_AFTER.search(rest):
        return 3
    return None


# A bank's officer grade after the role ("Relationship Manager, Vice President") reads as Senior.
_GRADE_AFTER = re.compile(r"[,|–—-]\s*(?:assistant\s+|senior\s+)?vice\s+president\b")
# "Manager, Customer Success": the function's manager; with a team behind it, its team lead.
_FUNCTION_MANAGER = re.compile(r"^\s*manager\s*[,–—-]", re.IGNORECASE)
_SUPPORT_DESK = Gated(r"\bcall[\s-]?cent(?:er|re)|\bcontact[\s-]?cent(?:er|re)|\bhelp\s*desk|колл[\s-]?центр|呼叫中心|"
                      r"\b(?:online|customer|technical)\s+support\b|在线客服|售后")


def _settle_account(reading: _TitleReading, text: str | None, family: str, level: int | None,
                    label: str | None) -> tuple[str, int | None, str | None]:
    """The account ladder's open questions: rung words outside the name, team leads, bank and
    selling readings of 客户经理, finance and secretarial readings."""
    mention = reading.mention or ""
    rung = _rung_outside_name(reading, family, level)
    if rung is not None:
        return family, rung, label
    if level == 2 and family in ("account_management", "client_services") and reading.function_manager \
            and _leads_team(_context(reading, text)):
        return family, 4, "Client Services Team Lead" if family == "client_services" else "Account Team Lead"
    if level == 1 and family == "client_services" and _SUPPORT_DESK.search(_context(reading, text)):
        return "other", None, "Customer Support"  # a call centre's client service desk is support
    if level == 1 and family == "client_services" and "relationship executive" in mention \
            and ((extract_experience(text or "") or {}).get("min") or 0) >= _YEARS_SENIOR:
        # "Executive" leaves the rung open (a UK junior, a US bank's senior title): years asked settle it
        return family, 3, "Senior Client Manager"
    if label == "Account Manager" and family == "account_management" and not reading.other_families \
            and _TITLE_SALES_WORDS.search(reading.text):
        return "sales", 2, "Sales Representative"  # "Account Manager (Sales)", "Territory Account Manager"
    if mention == "客户代表" and _SELLING_CUES.search(_context(reading, text)):
        return "sales", 2, "Sales Representative"
    if (mention == "客户经理" or (family == "key_accounts" and "vip" in mention)) \
            and _BANK_CUES.search(_context(reading, text)):
        return "client_services", 2, "Client Manager"  # a bank's relationship manager (VIP clients too)
    if family == "account_management" and "客户经理" in mention and _BANK_CUES.search(_context(reading, text)):
        return "client_services", level, label  # a bank's senior or junior 客户经理 keeps its rung
    if mention == "客户经理" and _INSURER_CUES.search(_context(reading, text)) \
            and _SELLING_CUES.search(_context(reading, text)):
        # an insurer's 客户经理 sells policies (an agency's or a software firm's 客户经理 that
        # mentions sales targets stays an account manager)
        return "sales", 2, "Sales Representative"
    if (label == "Head of Accounts" or "accounts manager" in mention or "accounts director" in mention) \
            and _FINANCE_CUES.search(_context(reading, text)):
        return "other", None, "Accountant"
    if level == 1 and ("助理" in mention or "assistant" in mention or "помощник" in mention) \
            and _SECRETARIAL_CUES.search(_context(reading, text)):
        return "other", None, "Assistant"
    return family, level, label


def _sales_rung(reading: _TitleReading, family: str, level: int | None, label: str | None,
                context: str) -> tuple[str, int | None, str | None]:
    """A seller's rung where the title leaves the team open (rules 12 and 15 of the titles README)."""
    mention = reading.mention or ""
    if "business development executive" in mention and _APPOINTMENT_CUES.search(context):
        return family, 1, "Sales Development Representative"
    manages = ("manager" in mention and "account manager" not in mention) or "经理" in mention or "менеджер" in mention
    if level == 2 and manages and _leads_team(context):
        return family, 5, "Sales Manager"
    if level == 2 and (_JUNIOR_WORDS.search(reading.text) or _RU_ZH_JUNIOR.search(reading.text)):
        return family, 1, "Sales Development Representative"  # "Inside Sales Associate (Entry Level)"
    if "new business executive" in mention and _agency_score(context):
        return family, 1, "Sales Development Representative"  # an agency's pitch coordinator (README_4)
    if level == 5 and mention.endswith(_SOLO_TITLES) and _works_alone(context):
        return family, 2, "Sales Representative"
    segment = next((lv for rx, lv in _SEGMENT_WORDS if rx.search(reading.text)), None)
    if _ZH_SEGMENT.search(reading.text):
        segment = 4  # "销售经理（大客户）", "企业客户销售" sell to the largest customers
    if level == 2 and segment in (3, 4):
        return family, segment, label  # "Enterprise Sales Executive" is an Enterprise AE
    if level == 2 and _SENIOR_WORDS.search(reading.text):
        return family, 3, "Senior Sales Representative"  # Senior lifts a seller one rung, no more
    return family, level, label


def classify_role(title: str | None, text: str | None = None, language: str | None = None,
                  market: str | None = None) -> dict:
    """Classify a role on its family's ladder.

    Returns ``{family, level, level_name, label, evidence, confidence}``. The title
    decides: its role, else (a title naming no role) another occupation with no
    level; the text settles only what the title leaves open (which ladder an
    Account Executive is on, whether a sales manager leads a team, a bank's 客户经理).
    A title of generic words only ("Manager, Clients"), or none, leaves the role to
    the text: the role most mentioned near its top. ``market`` (ISO country) is the
    posting's market; ``language`` is accepted for symmetry with the other
    extractors (the patterns cover English, Russian and Chinese at once).
    """
    reading = _read_title(title) if title else None
    if reading is not None and not reading.vague:
        family, level, label = _settle(reading, text, market)
        return _result(family, level, label, list(reading.evidence), reading.confidence)
    if text:
        # The opening of a posting names the role it is for; later mentions are
        # often reporting lines ("you will manage Account Executives").
        head = text[:2000]
        mentions = _drop_glossed([m for m in find_role_mentions(head) if m.family != "other"], head)
        if mentions:
            counts: dict[tuple, list] = {}
            for m in mentions:
                counts.setdefault(m.key, []).append(m)
            # Most mentioned; ties go to the earliest mention.
            key, ms = max(counts.items(), key=lambda kv: (len(kv[1]), -kv[1][0].start))
            share = len(ms) / len(mentions)
            conf = 0.35 + 0.35 * share
            family, level, label = key
            return _result(family, level, label, sorted({m.text.lower() for m in ms}), conf)
        if any(m.family == "other" for m in find_role_mentions(head)):
            return _result("other", None, "Accountant", ["accountant"], 0.4)
    return _result("other", None, None, [], 0.0)
