"""Employer key: one value per employer, however its name is spelled.

Disclosure control counts companies, so "Acme Media", "ACME MEDIA LTD.", "Acme Media UK",
"Acme Media (Europe)" and "Acme Media Holdings" must count as one company, while "Acme"
and "Acme Media", or "Blue Finch Media" and "Blue Finch Logistics", must stay two.
:func:`employer_key` is the one implementation of that rule; ``bench`` counts companies
by it in pandas and in DuckDB alike.

The rule
--------
The word lists live in ``workbench/data/employers.yaml``. A name is read in five steps.

1. **Surface.** Unicode NFKC (full-width letters and brackets become ordinary ones),
   case folded, ё read as е, traditional Chinese read as simplified (OpenCC),
   apostrophes removed (O'Malley = O’Malley = OMalley), quotes of every style
   (« » " " „ “ ' ') and other punctuation read as blanks, "&" and "и" read as "and",
   dots between single letters joined (P.L.C. = PLC, J.R. = JR), accents dropped from
   Latin letters (Café = Cafe), Latin look-alike letters inside a Cyrillic word read as
   Cyrillic (and the reverse), a few written-short words spelled out (Intl, Mgmt, Bros,
   Assoc, Svcs, Hldgs, Comms, Eng, Mfg, Tech, St = Saint).
2. **Brackets.** A bracket is dropped with its content when the content is only
   qualifier words (a place, legal form or group word: "(UK)", "(Москва)", "(集团)",
   "(上海)"), a note ("(formerly …)", "(a … company)", "(part of …)", "(in
   administration)", "(Hybrid)") or the initials of the words before it ("(HVC)");
   any other bracket keeps its words.
3. **Words at the start.** A Russian legal form or group word in front of the name
   (ООО, АО, ПАО, ЗАО, ИП, ТОО, their full forms, OOO written in Latin; ГК, Группа
   компаний, Холдинг; Филиал) and a leading English "The" are dropped.
4. **Words at the end.** Legal forms (Ltd, Limited, LLP, PLC, LLC, Inc, Corp, Co, GmbH,
   AG, SA, SAS, SARL, BV, NV, Pty, S.p.A., Sp. z o.o., ООО …, 有限公司, 股份有限公司,
   有限责任公司 …), places (UK, London, Europe, EMEA, US, Москва and its case forms,
   北京, 上海 …), branch words (UK Branch, филиал, 分公司, 代表处) and group words
   (Holdings, Group, Worldwide, International, Global, Групп, Группа компаний, 集团,
   控股) are dropped from the end, one after another, with the words that only join them
   ("UK & Ireland", ", г. Москва", "в г. Санкт-Петербурге", "& Co."). A place right
   after "of" stays (Bank of England). A Chinese city or province at the start is
   dropped too (深圳市云杉智能 = 云杉智能(深圳)) when a shop name (字号) follows it.
5. **One script.** What is left is written in Latin letters: Russian loanwords by the
   English word they render (Софтвер = software), other Cyrillic by transliteration,
   Chinese activity words by the English word a Chinese firm's English name uses
   (数据科技 = data technology) and the shop name in pinyin (pypinyin); doubled letters
   are read once and "qu" as "kv" (Quillmark = Квилмарк). The words are joined without
   blanks (Техно Лада = ТехноЛада).

Two guarantees hold whatever the lists say:

- **Never empty.** The name's first word is never dropped, so a name made only of such
  words keeps them: "Group Ltd" is ``group``, "UK Ltd" is ``uk``, ООО «Москва» is
  ``moskva``, 上海集团有限公司 is ``shanghai``; a missing or blank name is ``None``.
- **A leading place or group word is part of the name** in English and Russian
  ("Group Tallis Media" ≠ "Tallis Media", "Europe Direct Analytics" ≠ "Direct
  Analytics", «Московский парус» ≠ «Парус»). Activity words (Media, Logistics, Консалтинг,
  物流) are never dropped, so "Acme" and "Acme Media" stay two employers.

Known limits. Chinese shop names that sound alike fold (千乘/谦城 are both qiancheng):
two firms counted as one, which only suppresses more. An English name written
phonetically in Cyrillic (Тэннери for Tannery), a transliteration the lists do not
expect (Zelyony for Зелёный), a regional word or abbreviation not in the lists ("UK & I",
"(Northern)") and a bracket holding the name in another script keep the spellings
apart: one employer counted as two.

Measured by ``workbench eval employers`` on ``data/labelled/companies/company_pairs.csv``
(figures in the README's "How good is it" table).
"""

from __future__ import annotations

import csv
import math
import re
import unicodedata
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

import yaml
from anyascii import anyascii

from .config import LABELLED, PACKAGE_DATA
from .errors import SchemaError

__all__ = ["RULES_PATH", "PAIRS_PATH", "employer_key", "employer_keys", "Pair", "Agreement",
           "PairsEvaluation", "load_pairs", "evaluate_pairs", "format_evaluation"]

RULES_PATH = PACKAGE_DATA / "employers.yaml"
PAIRS_PATH = LABELLED / "companies" / "company_pairs.csv"

_CJK = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
_CJK_RE = re.compile(f"[{_CJK}]")
_CYRILLIC_RE = re.compile("[\u0400-\u04ff]")
# A word is a run of letters and digits of one kind: Chinese characters, or anything else.
_WORD_RE = re.compile(f"[{_CJK}]+|[^\\W_{_CJK}]+")
# Single letters with dots between them: P.L.C., J. R., S.à r.l. (read "sa rl").
_INITIALS_RE = re.compile(r"(?<![^\W_])(?:[^\W\d_]\. ?)+[^\W\d_](?![^\W_])\.?")
_BRACKET_RE = re.compile(r"\(([^()]*)\)")
_APOSTROPHES = "'’‘ʼ`´ʹ′"
_QUOTES = '"«»“”„‟‹›「」『』〝〞'
_FOLD = str.maketrans({**{c: None for c in _APOSTROPHES}, **{c: " " for c in _QUOTES},
                       **{c: "(" for c in "[{【〔"}, **{c: ")" for c in "]}】〕"},
                       "&": " and ", "+": " and ", "《": " ", "》": " "})
# Latin and Cyrillic letters that look alike (after case folding).
_LOOKALIKE_RE = re.compile("[aceopxykmthb]{1,3}")
# A Russian adjective before a branch word names the branch's place (Новосибирский филиал).
_RU_ADJECTIVE_RE = re.compile("(?:ский|цкий|ской|ный|ний)$")
# Chinese: the words between a legal form and a branch word name the branch's place
# (…有限公司温州分公司).
_ZH_BRANCH_RE = re.compile("(公司).{1,8}?(?:分公司|代表处|办事处|分部)$")
_LATIN_TO_CYRILLIC = str.maketrans("aceopxykmthb", "асеорхукмтнв")
_CYRILLIC_TO_LATIN = str.maketrans("асеорхукмтнв", "aceopxykmthb")
_NOT_LATIN_RE = re.compile("[^0-9a-z]")
_NOT_WORD_RE = re.compile(r"\W")
_DOUBLED_RE = re.compile(r"([a-z])\1+")
# Russian -ый/-ий as transliterations write it: Zelenyy, Zelenyi, Zelenyj, Moskovskii.
_RU_ADJECTIVE_END_RE = re.compile(r"(?<=[a-z])(?:yy|yi|yj|iy|ii|ij)$")
_RU_ENDINGS = {"а": ("а", "ы", "е", "у", "ой"), "я": ("я", "и", "е", "ю", "ей"),
               "ь": ("ь", "и", "ью")}
_RU_CONSONANT_ENDINGS = ("", "а", "е", "у", "ом")
_ZH_PLACE_SUFFIXES = ("", "市", "省", "区")
_TRAILING_KINDS = ("legal", "group", "branch")
_LEADING_KINDS = ("legal_leading", "group_leading", "branch_leading")


# --------------------------------------------------------------------------- rules


@dataclass(frozen=True)
class _Rules:
    """The word lists, each entry read the way a name's words are (joined, no blanks)."""

    trailing: dict[str, str]          # joined phrase -> kind (legal, group, branch, place)
    leading: frozenset[str]
    branch_leading: frozenset[str]
    joiners: frozenset[str]
    place_guards: frozenset[str]
    place_markers: frozenset[str]
    zh_places: frozenset[str]
    pinyin_places: frozenset[str]     # Chinese cities in pinyin, dropped at the start
    zh_vocab: frozenset[str]          # every Chinese word the segmenter knows
    bracket_notes: frozenset[str]
    abbreviations: dict[str, str]
    ru_words: dict[str, str]
    zh_words: dict[str, str]
    longest: int = 1                  # most words in one phrase
    zh_longest: int = 1               # most characters in one Chinese word
    qualifiers: frozenset[str] = field(default=frozenset())


def _entry(text: str) -> str:
    """A list entry read as a name's words are, joined without blanks."""
    return "".join(_WORD_RE.findall(_surface(str(text))))


def _ru_forms(phrase: str) -> set[str]:
    """A Russian place and its usual case forms (the last word inflected)."""
    head, _, last = phrase.rpartition(" ")
    stem, endings = last, _RU_CONSONANT_ENDINGS
    if last[-1] in _RU_ENDINGS:
        stem, endings = last[:-1], _RU_ENDINGS[last[-1]]
    elif last[-1] not in "бвгджзклмнпрстфхцчшщ":
        endings = ("",)
    return {_entry(f"{head} {stem}{e}") for e in endings}


def _places(doc: dict) -> tuple[set[str], set[str]]:
    places = doc.get("places") or {}
    latin = {_entry(p) for p in places.get("en", [])}
    latin |= {form for p in places.get("ru", []) for form in _ru_forms(_surface(p))}
    zh = {_entry(p) + s for p in places.get("zh", []) for s in _ZH_PLACE_SUFFIXES}
    return latin, zh


def _set(doc: dict, *keys: str) -> frozenset[str]:
    return frozenset(_entry(w) for key in keys for w in doc.get(key) or [])


def _map(doc: dict, key: str) -> dict[str, str]:
    return {_entry(k): _entry(v) for k, v in (doc.get(key) or {}).items()}


def _trailing(doc: dict) -> dict[str, str]:
    """Every phrase dropped at the end of a name, with its kind."""
    latin_places, zh_places = _places(doc)
    trailing = {_entry(w): kind for kind in _TRAILING_KINDS for w in doc.get(kind) or []}
    trailing.update({p: "place" for p in latin_places | zh_places})
    trailing["the"] = "article"  # "Copper Kettle Bakery, The"
    return trailing


@lru_cache(maxsize=1)
def _rules() -> _Rules:
    """The word lists of ``RULES_PATH``, read once per process."""
    doc = yaml.safe_load(RULES_PATH.read_text(encoding="utf-8"))
    trailing, zh_words = _trailing(doc), _map(doc, "zh_words")
    zh_vocab = frozenset(w for w in [*trailing, *zh_words] if _CJK_RE.search(w))
    joiners = _set(doc, "joiners")
    phrases = [w for kind in (*_TRAILING_KINDS, *_LEADING_KINDS) for w in doc.get(kind) or []]
    return _Rules(
        trailing=trailing, leading=_set(doc, *_LEADING_KINDS) | {"the"},
        branch_leading=_set(doc, "branch_leading"), joiners=joiners,
        place_guards=_set(doc, "place_guards"), place_markers=_set(doc, "place_markers"),
        zh_places=frozenset(p for p, kind in trailing.items()
                            if kind == "place" and _CJK_RE.search(p)),
        pinyin_places=_set(doc, "zh_pinyin_leading"), zh_vocab=zh_vocab,
        bracket_notes=_set(doc, "bracket_notes"), abbreviations=_map(doc, "abbreviations"),
        ru_words=_map(doc, "ru_words"), zh_words=zh_words,
        longest=max(len(_surface(w).split()) for w in phrases) + 1,
        zh_longest=max(map(len, zh_vocab), default=1),
        qualifiers=frozenset(trailing) | joiners,
    )


# --------------------------------------------------------------------------- surface


@lru_cache(maxsize=1)
def _t2s():
    import opencc

    return opencc.OpenCC("t2s.json")


def _surface(name: str) -> str:
    """Step 1 on the whole string: NFKC, case, ё, simplified Chinese, quotes, initials."""
    text = unicodedata.normalize("NFKC", name.replace("™", " ").replace("℠", " "))
    text = text.casefold().replace("ё", "е")
    if _CJK_RE.search(text):
        text = _t2s().convert(text)
    text = text.translate(_FOLD)
    return _INITIALS_RE.sub(lambda m: m.group().replace(".", "").replace(" ", ""), text)


def _one_script(word: str) -> str:
    """Latin look-alikes in a mostly Cyrillic word read as Cyrillic, and the reverse."""
    cyrillic = len(_CYRILLIC_RE.findall(word))
    if not cyrillic or cyrillic == len(word):
        return word
    latin = sum(1 for c in word if "a" <= c <= "z")
    if cyrillic >= latin:
        return word.translate(_LATIN_TO_CYRILLIC)
    return word.translate(_CYRILLIC_TO_LATIN)


def _plain_latin(word: str) -> str:
    """Accents off Latin letters (Café -> cafe, S.à -> sa); other scripts untouched."""
    if word.isascii() or _CYRILLIC_RE.search(word):
        return word
    return _NOT_WORD_RE.sub("", anyascii(word).lower())


# --------------------------------------------------------------------------- words


def _cjk_words(run: str, rules: _Rules) -> list[str]:
    """A run of Chinese characters cut into known words around the shop name (字号):
    leading places, then the shop name, then activity, group, legal and branch words."""
    run = _ZH_BRANCH_RE.sub(r"\1", run)
    head, start = [], 0
    while True:
        k = next((k for k in range(min(rules.zh_longest, len(run) - start - 1), 1, -1)
                  if run[start:start + k] in rules.zh_places), 0)
        if not k:
            break
        head.append(run[start:start + k])
        start += k
    tail, end = [], len(run)
    while end > start:
        k = next((k for k in range(min(rules.zh_longest, end - start), 1, -1)
                  if run[end - k:end] in rules.zh_vocab), 0)
        if not k:
            break
        tail.append(run[end - k:end])
        end -= k
    middle = [run[start:end]] if end > start else []
    return head + middle + tail[::-1]


def _words(text: str, rules: _Rules) -> list[str]:
    """The name's words: Chinese runs cut by ``_cjk_words``, others spelled out."""
    words: list[str] = []
    found = _WORD_RE.findall(text)
    if found and _CYRILLIC_RE.search(text) and _LOOKALIKE_RE.fullmatch(found[0]):
        # AO «Парус», OOO «Ромашка» typed with Latin letters: a Russian legal form.
        found[0] = found[0].translate(_LATIN_TO_CYRILLIC)
    for word in found:
        if _CJK_RE.match(word):
            words.extend(_cjk_words(word, rules))
        else:
            word = _plain_latin(_one_script(word))
            words.append(rules.abbreviations.get(word, word))
    return words


def _match_at_end(words: list[str], end: int, table, lowest: int, longest: int) -> int:
    """Words in the longest phrase of ``table`` ending at ``end`` (and starting at
    ``lowest`` or later), or 0."""
    for k in range(min(longest, end - lowest), 0, -1):
        if "".join(words[end - k:end]) in table:
            return k
    return 0


def _match_at_start(words: list[str], start: int, table, highest: int, longest: int) -> int:
    for k in range(min(longest, highest - start), 0, -1):
        if "".join(words[start:start + k]) in table:
            return k
    return 0


def _only_qualifiers(words: list[str], rules: _Rules) -> bool:
    """True when every word belongs to a place, legal, group, branch or joining phrase."""
    start = 0
    while start < len(words):
        k = _match_at_start(words, start, rules.qualifiers, len(words), rules.longest)
        if not k:
            return False
        start += k
    return True


def _is_initials(word: str, before: list[str]) -> bool:
    """'hvc' after 'harrow vale consulting': the bracket repeats the name's initials."""
    initials = "".join(w[0] for w in before if w)
    return 2 <= len(word) <= len(initials) and word.isalpha() and word in (
        initials, initials[:len(word)])


def _bracket_is_qualifier(content: str, before: str, rules: _Rules) -> bool:
    words = _words(content, rules)
    if not words:
        return True
    if _match_at_start(words, 0, rules.bracket_notes, len(words), rules.longest):
        return True
    if _only_qualifiers(words, rules):
        return True
    return len(words) == 1 and _is_initials(words[0], _words(before, rules))


def _drop_brackets(text: str, rules: _Rules) -> str:
    """Step 2: innermost brackets first; qualifier brackets go, others keep their words."""
    while True:
        match = _BRACKET_RE.search(text)
        if not match:
            return text.replace("(", " ").replace(")", " ")
        content, before = match.group(1), text[:match.start()]
        keep = "" if _bracket_is_qualifier(content, before, rules) else content
        text = f"{before} {keep} {text[match.end():]}"


def _strip_leading(words: list[str], rules: _Rules) -> list[str]:
    """Step 3: Russian legal forms, group and branch words and 'the' at the start
    (a branch word also after one word naming the branch's place)."""
    start = 2 if len(words) > 2 and words[1] in rules.branch_leading else 0
    while len(words) - start > 1:
        k = _match_at_start(words, start, rules.leading, len(words) - 1, rules.longest)
        if not k:
            break
        start += k
    return words[start:]


def _trailing_cut(words: list[str], end: int, rules: _Rules) -> int:
    """How many words before ``end`` are one qualifier (0 when they are not)."""
    k = _match_at_end(words, end, rules.trailing, 1, rules.longest)
    if k:
        kind, before = rules.trailing["".join(words[end - k:end])], words[end - k - 1]
        if kind == "place" and before in rules.place_guards:
            return 0
        if kind == "branch" and end - k > 1 and _RU_ADJECTIVE_RE.search(before):
            return k + 1
        return k
    if end > 2 and words[end - 2] in rules.place_markers:
        return 2
    return 0


def _strip_trailing(words: list[str], rules: _Rules) -> list[str]:
    """Step 4: qualifiers from the end, never the first word; a place after 'of' stays."""
    end, dropped = len(words), False
    while end > 1:
        k = _trailing_cut(words, end, rules)
        if k:
            end, dropped = end - k, True
        elif dropped and words[end - 1] in rules.joiners:
            end -= 1
        else:
            break
    return words[:end]


def _strip_chinese_places(words: list[str], rules: _Rules) -> list[str]:
    """A Chinese city or province at the start goes when a shop name follows it; in
    pinyin (a Chinese firm's English name) when two words or more follow it."""
    if len(words) > 2 and words[0] in rules.pinyin_places:
        return words[1:]
    start = 0
    while start < len(words) - 1 and words[start] in rules.zh_places:
        start += 1
    rest = words[start:]
    has_shop_name = any(_CJK_RE.match(w) and w not in rules.zh_vocab for w in rest)
    return rest if start and has_shop_name else words


# --------------------------------------------------------------------------- one script


@lru_cache(maxsize=4096)
def _pinyin(word: str) -> str:
    from pypinyin import lazy_pinyin

    return "".join(lazy_pinyin(word))


@lru_cache(maxsize=1 << 16)
def _latin(word: str) -> str:
    """Step 5: one word in Latin letters (cached: words repeat far more than names)."""
    rules = _rules()
    if _CJK_RE.match(word):
        word = rules.zh_words.get(word) or _pinyin(word)
    elif _CYRILLIC_RE.search(word):
        word = rules.ru_words.get(word) or anyascii(word).lower()
    word = _NOT_LATIN_RE.sub("", word.replace("qu", "kv"))
    return _DOUBLED_RE.sub(r"\1", _RU_ADJECTIVE_END_RE.sub("y", word))


# --------------------------------------------------------------------------- the key


@lru_cache(maxsize=1 << 17)
def _key(name: str) -> str | None:
    rules = _rules()
    text = _drop_brackets(_surface(name), rules)
    words = _words(text, rules)
    if not words:
        return None
    words = _strip_leading(words, rules)
    words = _strip_trailing(words, rules)
    words = _strip_chinese_places(words, rules)
    return "".join(map(_latin, words)) or None


def employer_key(name) -> str | None:
    """The key an employer is counted by: equal keys mean one employer.

    ``None`` for a missing, non-text or blank name (and one made only of punctuation).
    The rule is in the module docstring; results are cached per distinct name.
    """
    if not isinstance(name, str):
        return None
    return _key(name)


def employer_keys(names) -> list[str | None]:
    """``employer_key`` of each name in an iterable (a Series, a list)."""
    return [employer_key(n) for n in names]


# --------------------------------------------------------------------------- evaluation


_PAIR_COLUMNS = ("name_a", "name_b", "same", "language", "kind", "half")
_BOOL = {"true": True, "false": False}


@dataclass(frozen=True)
class Pair:
    """One labelled pair of employer names (``same``: one employer)."""

    line: int
    name_a: str
    name_b: str
    same: bool
    language: str
    kind: str
    half: str


@dataclass(frozen=True)
class Agreement:
    """Agreement on one half for one label, with the Wilson 95% interval."""

    half: str
    label: str          # "same" (must fold) or "distinct" (must stay apart)
    n: int
    agree: int
    low: float
    high: float

    @property
    def rate(self) -> float:
        return self.agree / self.n if self.n else math.nan


@dataclass
class PairsEvaluation:
    """Scores per half and label, the failing pairs and the unusable rows."""

    path: str
    agreements: list[Agreement]
    failures: list[tuple[Pair, str | None, str | None]]
    unusable: list[tuple[int, str]]


# The CONVENTIONS.md halves; ``holdout2``: a file written later and held out whole
# (data/labelled/companies/README_pairs_2.md); ``tune2``: a file written later and held
# whole for tuning (README_pairs_3.md). Only the tuning halves' failures are read.
TUNING_HALVES = ("tune", "tune2")
HALVES = ("tune", "holdout", "holdout2", "tune2")


def load_pairs(path: str | Path = PAIRS_PATH) -> tuple[list[Pair], list[tuple[int, str]]]:
    """Read the pairs CSV without stripping any value (blanks are significant).

    Returns the usable pairs and ``(line, reason)`` for every unusable row; a file
    without the needed columns raises ``SchemaError``.
    """
    path = Path(path)
    with path.open(encoding="utf-8", newline="") as handle:
        reader = csv.DictReader(handle)
        missing = [c for c in _PAIR_COLUMNS if c not in (reader.fieldnames or [])]
        if missing:
            raise SchemaError(f"{path} lacks the column(s) {', '.join(missing)}; a pairs file "
                              f"needs {', '.join(_PAIR_COLUMNS)} (see its README).")
        pairs, unusable = [], []
        for line, row in enumerate(reader, start=2):
            reason = _row_problem(row)
            if reason:
                unusable.append((line, reason))
                continue
            pairs.append(Pair(line, row["name_a"], row["name_b"], _BOOL[row["same"]],
                              row["language"], row["kind"], row["half"]))
    return pairs, unusable


def _row_problem(row: dict) -> str | None:
    if row.get("same") not in _BOOL:
        return f"same is {row.get('same')!r}; write true or false"
    if row.get("half") not in HALVES:
        return (f"half is {row.get('half')!r}; write tune or holdout (CONVENTIONS.md rule), holdout2 for a "
                f"whole file held out, or tune2 for a whole file held for tuning")
    if not (row.get("name_a") or "").strip() or not (row.get("name_b") or "").strip():
        return "a name is blank; both names are needed"
    return None


def _wilson(agree: int, n: int) -> tuple[float, float]:
    if not n:
        return (math.nan, math.nan)
    from statsmodels.stats.proportion import proportion_confint

    low, high = proportion_confint(agree, n, alpha=0.05, method="wilson")
    return float(low), float(high)


def evaluate_pairs(path: str | Path = PAIRS_PATH) -> PairsEvaluation:
    """Score ``employer_key`` on a pairs file: a pair agrees when
    ``(key_a == key_b) == same``; counted per half (tune, holdout, holdout2, tune2) and label."""
    pairs, unusable = load_pairs(path)
    tally: dict[tuple[str, str], list[int]] = {}
    failures = []
    for pair in pairs:
        key_a, key_b = employer_key(pair.name_a), employer_key(pair.name_b)
        agrees = (key_a is not None and key_a == key_b) == pair.same
        label = "same" if pair.same else "distinct"
        counts = tally.setdefault((pair.half, label), [0, 0])
        counts[0] += 1
        counts[1] += agrees
        if not agrees:
            failures.append((pair, key_a, key_b))
    agreements = [Agreement(half, label, n, agree, *_wilson(agree, n))
                  for (half, label), (n, agree) in sorted(tally.items())]
    return PairsEvaluation(str(path), agreements, failures, unusable)


def format_evaluation(result: PairsEvaluation, *, show_holdout_failures: bool = False) -> str:
    """Plain-text report: agreement per half and label with n and the Wilson 95% interval,
    the tuning halves' failing pairs (tune, tune2), and the held-out halves' only when asked."""
    lines = [f"employer key on {result.path}",
             "a pair agrees when (key_a == key_b) == same; Wilson 95% interval",
             f"{'half':<8} {'pairs':<9} {'n':>4} {'agree':>6} {'rate':>7}  95% CI"]
    for a in result.agreements:
        lines.append(f"{a.half:<8} {a.label:<9} {a.n:>4} {a.agree:>6} {a.rate:>7.1%}  "
                     f"{a.low:.1%}-{a.high:.1%}")
    for line, reason in result.unusable:
        lines.append(f"unusable row, line {line}: {reason}")
    shown = [f for f in result.failures if show_holdout_failures or f[0].half in TUNING_HALVES]
    hidden = len(result.failures) - len(shown)
    if shown:
        lines.append("failing pairs (line, half, same, kind: name_a | name_b -> key_a | key_b):")
    for pair, key_a, key_b in shown:
        lines.append(f"  {pair.line} {pair.half} {str(pair.same).lower()} {pair.kind}: "
                     f"{pair.name_a!r} | {pair.name_b!r} -> {key_a!r} | {key_b!r}")
    if hidden:
        lines.append(f"{hidden} held-out pair(s) fail; their names are shown with "
                     "--show-holdout-failures once tuning is done.")
    return "\n".join(lines)
