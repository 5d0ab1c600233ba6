"""Role family and level of an account job, from its title (and text as fallback).

Titles come in English, Russian and Chinese. Every known title is one pattern
with its family, level (``workbench.config.LEVELS``) and a canonical English
label. A text is scanned once for a few anchor words every title contains
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
* Sales and delivery titles get their family but no level: the ladder is the
  account ladder and a level is never invented.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from . import text as _text

__all__ = ["FAMILIES", "classify_role", "find_role_mentions", "RoleMention"]

FAMILIES = ("account_management", "key_accounts", "client_services", "sales", "delivery", "other")

_R = r"\w{0,4}"  # a Russian inflection ending
_RM = rf"менеджер{_R}"
_RD = rf"директор{_R}"
_RWC = r"по\s+работе\s+с"

# (pattern, family, level, label). Order matters: specific before general.
_ROLE_TABLE: list[tuple[str, str, int | None, str]] = [
    # --- not account roles (checked first so "accounting manager" never reads as a role) ---
    (r"\baccountants?\b|\baccounting\s+(?:manager|director|assistant|clerk|officer)\b|\baccounts\s+(?:payable|receivable)\b",
     "other", None, "Accountant"),
    (rf"\b(?:главн\w+\s+)?бухгалтер{_R}", "other", None, "Accountant"),
    (r"会计|出纳", "other", None, "Accountant"),
    # --- level 5 ---
    (r"\bgroup\s+account\s+directors?\b", "account_management", 5, "Group Account Director"),
    (r"\bclient\s*services?\s+directors?\b", "client_services", 5, "Client Services Director"),
    (r"\bdirectors?\s+of\s+(?:client\s+services?|account\s+management|accounts)\b", "client_services", 5,
     "Client Services Director"),
    (r"\bhead\s+of\s+(?:accounts?|account\s+management|client\s+services?|client\s+management|client\s+partnerships?)\b",
     "account_management", 5, "Head of Accounts"),
    (r"\b(?:vp|vice\s+president),?\s+(?:of\s+)?(?:client\s+services?|account\s+management)\b",
     "client_services", 5, "Client Services Director"),
    (rf"\b{_RD}\s+{_RWC}\s+клиентами\s+групп\w*", "account_management", 5, "Group Account Director"),
    (rf"\bгрупп\w+\s+(?:аккаунт|account)[\s-]+(?:директор{_R}|director)", "account_management", 5,
     "Group Account Director"),
    (rf"\b{_RD}\s+(?:отдела\s+|департамента\s+|службы\s+)?(?:по\s+)?обслуживани{_R}\s+клиентов",
     "client_services", 5, "Client Services Director"),
    (rf"\b{_RD}\s+клиентск\w+\s+(?:сервиса|отдела|департамента|службы)", "client_services", 5,
     "Client Services Director"),
    (rf"\b(?:руководител|начальник){_R}\s+(?:отдела|департамента|службы|направления)\s+"
     rf"(?:{_RWC}\s+клиентами|обслуживания\s+клиентов|клиентского\s+сервиса)", "account_management", 5,
     "Head of Accounts"),
    (r"客户服务部?总监|客户群总监|集团客户总监|客户部总监|客服总监", "client_services", 5, "Client Services Director"),
    # --- level 4 ---
    (r"\b(?:key|global|strategic|national)\s+account\s+directors?\b", "key_accounts", 4, "Key Account Director"),
    # An assistant, associate or deputy account director sits between a senior account
    # manager and an account director: the senior tier (3), never level 4.
    (r"\b(?:assistant|associate|deputy)\s+account\s+directors?\b", "account_management", 3,
     "Associate Account Director"),
    (r"\b(?:senior\s+|regional\s+|client\s+)?account\s+directors?\b", "account_management", 4, "Account Director"),
    (r"\bclient\s+directors?\b", "account_management", 4, "Account Director"),
    (rf"\b{_RD}\s+{_RWC}\s+(?:ключевыми|крупными)\s+клиентами", "key_accounts", 4, "Key Account Director"),
    (rf"\b{_RD}\s+{_RWC}\s+клиентами", "account_management", 4, "Account Director"),
    (rf"\b(?:аккаунт|клиент)[\s-]?директор{_R}", "account_management", 4, "Account Director"),
    (r"大客户总监|重点客户总监|关键客户总监", "key_accounts", 4, "Key Account Director"),
    (r"客户业务总监|客户总监", "account_management", 4, "Account Director"),
    # --- level 1 (qualified forms of level-2 titles, so before them) ---
    (r"\b(?:junior|assistant|trainee)\s+account\s+managers?\b", "account_management", 1, "Junior Account Manager"),
    (rf"\b(?:младш\w+|помощник{_R}|ассистент{_R})\s+(?:{_RM}\s+{_RWC}\s+клиентами|аккаунт[\s-]?{_RM})",
     "account_management", 1, "Junior Account Manager"),
    # --- level 3 ---
    (r"\b(?:key|major|strategic|national|global|enterprise)\s+accounts?\s+managers?\b", "key_accounts", 3,
     "Key Account Manager"),
    (r"\bsenior\s+accounts?\s+managers?\b", "account_management", 3, "Senior Account Manager"),
    (r"\baccount\s+supervisors?\b", "account_management", 3, "Account Supervisor"),
    (r"\bsenior\s+(?:client|relationship|client\s+relationship)\s+managers?\b", "account_management", 3,
     "Senior Account Manager"),
    (r"\bsenior\s+(?:client\s+services?|customer\s+success)\s+managers?\b", "client_services", 3,
     "Senior Client Services Manager"),
    (rf"\b(?:старш\w+|ведущ\w+)\s+(?:{_RM}\s+{_RWC}\s+клиентами|аккаунт[\s-]?{_RM})", "account_management", 3,
     "Senior Account Manager"),
    (rf"\b{_RM}\s+{_RWC}\s+(?:ключевыми|крупными|vip|стратегическими)\s+клиентами", "key_accounts", 3,
     "Key Account Manager"),
    (rf"\bkey[\s-]+account[\s-]+(?:{_RM}|manager\w*)", "key_accounts", 3, "Key Account Manager"),
    (r"客户经理助理|客户总监助理", "account_management", 1, "Account Executive"),  # an account manager's assistant
    (r"大客户经理|重点客户经理|关键客户经理|KA经理", "key_accounts", 3, "Key Account Manager"),
    (r"高级客户经理|资深客户经理|客户主管", "account_management", 3, "Senior Account Manager"),
    # --- level 2 ---
    (r"\b(?:customer\s+|client\s+)?accounts?\s+managers?\b", "account_management", 2, "Account Manager"),
    (r"\b(?:client|client\s+relationship|relationship)\s+managers?\b", "account_management", 2, "Account Manager"),
    (r"\b(?:client\s+services?|customer\s+success)\s+managers?\b", "client_services", 2, "Client Services Manager"),
    (rf"\b{_RM}\s+{_RWC}\s+(?:корпоративными\s+)?клиентами", "account_management", 2, "Account Manager"),
    (rf"\b(?:аккаунт|account)[\s-]?{_RM}", "account_management", 2, "Account Manager"),
    (rf"\bклиентск\w+\s+{_RM}", "account_management", 2, "Account Manager"),
    (rf"\b{_RM}\s+по\s+обслуживанию\s+клиентов", "client_services", 2, "Client Services Manager"),
    (r"客户成功经理|客户服务经理", "client_services", 2, "Client Services Manager"),
    (r"客户经理", "account_management", 2, "Account Manager"),
    # --- level 1 ---
    (r"\b(?:senior\s+)?account\s+(?:executive|coordinator|assistant|associate)s?\b", "account_management", 1,
     "Account Executive"),
    (r"\bclient\s+services?\s+(?:executive|coordinator|associate|representative)s?\b|\bcustomer\s+success\s+"
     r"(?:associate|specialist)s?\b", "client_services", 1, "Client Services Executive"),
    (r"\baccount\s+representatives?\b", "sales", 1, "Account Executive"),
    (rf"\b(?:аккаунт|account)[\s-]?координатор{_R}|\bаккаунт[\s-]?(?:экзекьютив\w*|executive)|\bисполнительн\w+\s+{_RM}|\bкоординатор{_R}\s+{_RWC}\s+"
     rf"клиентами|\bспециалист{_R}\s+{_RWC}\s+клиентами", "account_management", 1, "Account Executive"),
    (r"客户专员|客户执行|客户助理|客户代表", "account_management", 1, "Account Executive"),
    (r"客服专员", "client_services", 1, "Client Services Executive"),
    # --- sales and delivery (family only) ---
    (r"\b(?:head\s+of\s+sales|sales\s+(?:director|manager|executive|representative)s?|"
     r"(?:new\s+)?business\s+development\s+(?:manager|director|executive)s?|new\s+business\s+directors?)\b",
     "sales", None, "Sales"),
    (rf"\b(?:{_RM}|{_RD})\s+по\s+(?:продажам|развитию\s+бизнеса)|\bкоммерческ\w+\s+{_RD}", "sales", None, "Sales"),
    (r"销售经理|销售总监|销售代表|商务经理|BD经理", "sales", None, "Sales"),
    (r"\b(?:service\s+)?delivery\s+(?:manager|director|lead)s?\b|\bproject\s+managers?\b|\bprogram(?:me)?\s+managers?\b",
     "delivery", None, "Delivery Manager"),
    (rf"\bруководител{_R}\s+проект{_R}", "delivery", None, "Delivery Manager"),
    (r"项目经理|交付经理", "delivery", None, "Delivery Manager"),
]

# Speed: one regex alternation of ~60 titles costs microseconds per character
# (and IGNORECASE ten times more), so the lower-cased text is scanned for anchor
# words with a literal alternation, and at each hit only the patterns holding
# that anchor are tried.
_ANCHORS = (
    "account", "client", "customer", "director", "sales", "delivery", "project", "program",
    "head of", "vice president", "vp", "business development", "new business",
    "клиент", "аккаунт", "директор", "менеджер", "бухгалтер", "руководител", "начальник", "специалист",
    "координатор",
    "客户", "客服", "会计", "出纳", "销售", "商务", "项目", "交付", "ka经理", "bd经理",
)
# Words that may open a title before its anchor ("senior account manager").
_MODIFIER_PREFIXES = (
    "senior", "junior", "assistant", "associate", "deputy", "trainee", "key", "major", "strategic", "national", "global",
    "enterprise", "regional", "group", "client", "customer", "new", "service", "head", "vice", "vp",
    "старш", "ведущ", "младш", "помощник", "ассистент", "групп", "главн", "исполнительн", "клиентск",
    "коммерческ", "руководител", "начальник",
)
_OPEN_QUOTES = "«\"'“„‘(（["
_CJK_MODIFIERS = set("大重点关键高级资深集团")


def _group_for(anchor: str) -> tuple[re.Pattern, list[int]]:
    members = [i for i, (p, *_r) in enumerate(_ROLE_TABLE)
               if anchor in p.lower().replace(r"\s+", " ").replace(r"[\s-]+", " ")]
    src = "|".join(f"({_ROLE_TABLE[i][0]})" for i in members)
    # Matched against the lower-cased text (no IGNORECASE: it is ten times slower).
    return re.compile(src.lower()), members


_GROUPS = {a: _group_for(a) for a in _ANCHORS}
_CJK_ANCHORS = frozenset(a for a in _ANCHORS if "\u4e00" <= a[-1] <= "\u9fff")


def _anchor_regex() -> re.Pattern:
    by_first: dict[str, list[str]] = {}
    for a in sorted(_ANCHORS, key=len, reverse=True):
        by_first.setdefault(a[0], []).append(re.escape(a[1:]))
    return re.compile("|".join(f"{re.escape(k)}(?:{'|'.join(v)})" for k, v in by_first.items()))


_ANCHOR_RE = _anchor_regex()
# str.find per anchor beats one regex alternation scan by about three to one.
_ANCHORS_BY_LEN = tuple(sorted(_ANCHORS, key=len, reverse=True))
# A text with no Cyrillic or Chinese character skips those anchors: a Cyrillic text
# pays ~1 us per Chinese anchor searched (and the other way round).
_ANCHOR_KEYS = _text.KeySet(_ANCHORS_BY_LEN)


def _anchor_hits(low: str, anchors: tuple[str, ...]) -> list[tuple[int, str]]:
    """``(start, anchor)`` as ``_ANCHOR_RE.finditer`` would give them: left to right,
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


def find_role_mentions(text: str) -> list[RoleMention]:
    """Every role title in ``text``, left to right, non-overlapping."""
    if not text:
        return []
    low = _text.lower_same_length(text)  # offsets in it match the text
    groups = _GROUPS
    out: list[RoleMention] = []
    last_end = 0
    n = len(low)
    cache = _SNIPPET_MATCHES
    for pos, anchor in _anchor_hits(low, _ANCHOR_KEYS.possible(text)):
        if pos < last_end:
            continue
        group, members = groups[anchor]
        # Speed: the snippet-cache lookup of _anchor_match, inlined (same key), saves
        # a Python call on the ~75% of hits that are cached; a miss calls it as before.
        hit = cache.get(low[pos - 1:pos + _SNIPPET] if pos else "\0" + low[:_SNIPPET], _MISS)
        if hit is _MISS:
            hit = _anchor_match(group, low, pos, n, cache)
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


def _anchor_match(group: re.Pattern, low: str, pos: int, n: int, cache: dict) -> tuple[int, int] | None:
    """``(length, lastindex)`` of the title pattern matching at ``pos``, or ``None``."""
    a = pos - 1 if pos else 0
    snip = low[a:pos + _SNIPPET]
    key = snip if pos else "\0" + snip  # at the text's start there is no character before
    try:
        return cache[key]
    except KeyError:
        pass
    m = group.match(snip, pos - a)
    if m is not None and m.end() >= len(snip) - 2 and pos + _SNIPPET < n:
        m = group.match(low, pos)  # the snippet may have cut it short: decide on the text
        return (m.end() - pos, m.lastindex) if m is not None else None
    out = (m.end() - (pos - a), m.lastindex) if m is not None else None
    if len(cache) > 50_000:
        cache.clear()
    cache[key] = out
    return out


def _result(family: str, level: int | None, label: str | None, evidence: list[str], confidence: float) -> dict:
    return {"family": family, "level": level, "label": label, "evidence": evidence,
            "confidence": round(confidence, 2)}


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


# "PA to the Account Director", "Executive Assistant to the Client Services Director":
# the job assists that role; it is not that role.
_ASSISTANT_TO = re.compile(r"\b(?:(?:executive|personal|team)\s+)?(?:assistant|secretary|pa|ea)\s+to\b|"
                           r"\bпомощник\w*\s+(?:генерального\s+)?директора\b", re.IGNORECASE)


@lru_cache(maxsize=4096)
def _from_title(title: str) -> tuple | None:
    if _ASSISTANT_TO.search(title):
        return "other", None, "Assistant", (title.strip().lower()[:60],), 0.8
    mentions = find_role_mentions(title)
    if not mentions:
        return None
    # Prefer an account-ladder title over a sales/delivery word in the same title
    # ("Sales Director - Key Account Manager" is a key-account job).
    ranked = sorted(mentions, key=lambda m: (m.level is None, m.start))
    best = ranked[0]
    gloss = _english_gloss(title, mentions)
    if gloss is not None and best.level is not None and gloss.level is not None and gloss.level > best.level \
            and not _is_latin(best.text):
        # "Директор по работе с клиентами (Client Service Director)": the Russian
        # title also translates Account Director (4); the English one in brackets
        # names the higher role and settles it.
        best = gloss
    if any(m.family == "other" for m in mentions) and best.family != "other":
        # "Accountant / Account Manager" is ambiguous: keep the account role, lower confidence.
        conf = 0.6
    else:
        # A title that is (almost) only the role name is the strongest evidence.
        conf = 0.95 if len(best.text) >= 0.5 * len(title.strip()) else 0.9
    return best.family, best.level, best.label, tuple(m.text.lower() for m in mentions), conf


def classify_role(title: str | None, text: str | None = None, language: str | None = None) -> dict:
    """Classify an account role.

    Returns ``{family, level, label, evidence, confidence}``. The title decides
    when it names a known role; a vague title ("Manager", "Director, Clients")
    falls back to the role titles most mentioned near the top of the text.
    Unknown roles get family ``other`` and level ``None`` (never a guess).
    ``language`` is accepted for symmetry with the other extractors; the
    patterns cover English, Russian and Chinese at once.
    """
    if title:
        hit = _from_title(title)
        if hit is not None:
            family, level, label, evidence, conf = hit
            return _result(family, level, label, list(evidence), conf)
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
