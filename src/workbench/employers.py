"""Employer key: one value per employer, however its name is spelled.

Disclosure control counts companies, so "Acme Media", "ACME MEDIA LTD.", "Acme Media UK",
"Acme Media (Europe)" and "Acme Media Holdings" must count as one company, while "Acme"
and "Acme Media", or "Blue Finch Media" and "Blue Finch Logistics", must stay two.
:func:`employer_key` is the one implementation of that rule; ``bench`` counts companies
by it in pandas and in DuckDB alike.

The rule
--------
The word lists live in ``workbench/data/employers.yaml``. A name is read in six steps.

1. **Surface.** HTML entities read (``&amp;`` = &), Unicode NFKC (full-width letters and
   brackets, no-break spaces and combining accents become ordinary ones), zero-width
   characters and soft hyphens dropped, case folded, ё read as е, traditional Chinese read
   as simplified (OpenCC), blanks between Chinese characters dropped, apostrophes removed (O'Malley = O’Malley = OMalley), quotes of
   every style (« » " " „ “ ' ' 「」) and other punctuation read as blanks, "&", "+", "'n'",
   "und", "et" and "и" read as "and" (in a Chinese name "&", "+" and 与 as 和: 青禾&山 = 青禾与山 =
   青禾和山), a number of 0-99 written in digits read as its words in the name's script
   (3 Rivers = Three Rivers, 4 Winds = Fourwinds, «3 Ключа» = «Три Ключа», 第3 = 第３ = 第三;
   not 09 or 190), dots between single letters joined (P.L.C. = PLC),
   accents dropped from Latin letters (Café = Cafe), Latin look-alike letters inside a
   Cyrillic word read as Cyrillic (and the reverse), written-short words spelled out (Intl,
   Mgmt, Univ, Dept, Govt, Bldg, Whse, St = Saint, Ft = Fort; им. = имени; one that stands
   for two words, Pub, Gen, Res, is left alone) and long phrases read as their abbreviation
   (научно-производственное предприятие = НПП, строительная компания = СК). A Russian descriptor in front of a quoted
   name goes (Кадровое агентство «Прайм» = Прайм), and so does one in front of an unquoted
   name (Компания Кронвел = Кронвел; step 3).
2. **The part that names the employer.** A recruiter's client or a trading name is the
   employer ("Agency on behalf of / obo / recruiting for Client", "Careers at Client",
   "Agency (client: Client)", "Our client, Client", "Agency for our client Client",
   "по поручению", "Наш клиент — …", "Подбор персонала для …", "代招：", "X Ltd t/a Y"
   -> the client, Y). An acronym followed by the words it stands for is those words
   ("ORC (Oldfield Risk Consulting)", "AWP – Aldwinter Wealth Partners"). Every bracket goes with its
   content ("(UK)", "(Leeds office)", "(formerly …)", "(via Agency)", "(Accountants)"),
   unless nothing else is left. What follows a spaced dash or a bar goes (a department,
   tagline or place: "X - Finance Division", "X | Careers", "X — Москва"), and so does a
   note ("X f/k/a Y", "X, formerly Y", "X via Agency"), anything after a Chinese legal form (…有限公司研发中心)
   and a clause after a comma that is a note, only places, legal words and numbers
   (", Aberdeen AB10 1XY"), a registration number (", Company No. 08123456", ", ИНН …") or a
   kind of firm (", ИТ-компания", ", a recruitment agency"); a partner list after a comma
   stays. A name cut short with "…" loses a legal or group word cut in the middle
   (…科技有… = …科技), and a Chinese activity word cut in the middle gets its end back
   when only one word starts so (…数据技… = …数据技术).
3. **Words at the start.** A Russian legal form or group word in front of the name
   (ООО, АО, ПАО, ЗАО, ИП, ТОО, ЧУП, ЧТУП, СП, state bodies such as ФГУП and МБОУ,
   Ukrainian ТОВ, ПрАТ, ФОП, Kazakh ЖШС, Uzbek МЧЖ, their full forms, OOO written in Latin;
   ГК, Группа компаний, Холдинг; Филиал) and a leading English "The" are dropped.
4. **Words at the end.** Legal forms (Ltd, Limited, LLP, PLC, LLC, Inc, Corp, Co, GmbH,
   AG, SA, SAS, SARL, BV, NV, Pty, DAC, UC, N.A., FZ-LLC, S.p.A., Sp. z o.o., and by
   country: e.K., OHG, UG, BVBA, SPRL, Zrt., EOOD, SIA, UAB, OÜ, Ltd. Şti., S.A. de C.V.,
   Ltée, Berhad, Tbk, WLL, K.K., 株式会社, ООО …, 有限公司, 股份有限公司, 有限责任公司 …;
   and the forms spelled out in full: Aktiebolag, Aktiengesellschaft, Gesellschaft mit
   beschränkter Haftung, Société Anonyme, Besloten Vennootschap, Società per Azioni,
   Sociedad Anónima, Spółka z ograniczoną odpowiedzialnością, Osakeyhtiö, Anpartsselskab,
   společnost s ručením omezeným, Общество с ограниченной ответственностью …),
   places and regions (UK, London, Europe, EMEA, Nederland, North, Москва and its case
   forms, 北京, 华南 …), branch words (UK Branch, филиал, 分公司, 代表处, 分行; and the head
   office or the employer's own recruiting team: Head Office, HQ, Talent Acquisition,
   головной офис) and group words (Holdings, Group, Worldwide, International,
   Global, Групп, Группа компаний, 集团, 控股) are dropped from the end, one after another,
   with the words that only join them ("UK & Ireland", ", г. Москва", "в г.
   Санкт-Петербурге", "& Co."), and so is a registration number after its label
   ("ИНН 7701234567", "Company No 08123456"). A place right after "of" stays (Bank of England);
   a word after a place marker (г., город, Республике) is a place unless the key reads it by
   its meaning (Город Девелопмент). A Chinese city or province at the start is dropped too
   (深圳市云杉智能 = 云杉智能(深圳)) when a shop name (字号) follows it, and so is an unlisted
   prefecture named by its ending (宁州瀚溪 = 瀚溪; not 神州). Two regional arms of one stem are one employer
   ("X Deutschland GmbH" = "X UK Ltd").
5. **One script.** What is left is written in Latin letters: Russian loanwords by the
   English word they render (Софтвер = software), other Cyrillic by transliteration,
   Chinese activity words by the English word a Chinese firm's English name uses
   (数据科技 = data technology, 港航 = port shipping, each English word read as a Latin name's
   word is; one Chinese word per English word, so 科技 ≠ 技术; a short
   form as its full words, 智装 = 智能装备, 医械 = 医疗器械, 文旅 = 文化旅游) and the
   shop name in pinyin (pypinyin; a character of several readings as shop names read it
   where pypinyin's first reading is another, 泊沅 = Boyuan, 长风 = Changfeng, while a phrase
   pypinyin knows keeps its reading, 湖泊 = hupo); a trade word that firms' English names
   write singular or plural at will read alike (Textile = Textiles = 纺织 = Текстиль,
   Electronic = Electronics; ``number_free``; not Securities = Security); English words written in Cyrillic in brand names, which
   no Russian word spells alike, by the English word (Грин Лайн = Green Line). A Latin name written in pinyin reads alike: an activity
   word in pinyin by its English word (Keji = 科技 = technology) and the legal, group and
   branch words in pinyin as those words (Youxian Gongsi, Jituan, Fengongsi; step 4). Spellings of one sound are read alike: Russian
   transliteration variants (shch = sch, kh = h, ts = c, ia = ya, iu = yu; ё after ж/ч/ш
   written o, Zholty = Zhelty; yo/ye = e, Yolka = Elka; zh = dzh = j, Juravl = Zhuravl;
   й after a vowel written i/j/y, Solovei = Solovej = Solovey; iya = ia; ч written tch,
   Zhemtchuzhina = Zhemchuzhina; ц written tz, Tzvetnitza = Tsvetnitsa; я after a letter
   written ja, Volnaja = Volnaya), Wade-Giles syllables as pinyin writes them where one
   pinyin reading fits once the apostrophes are gone (hs = x, -ieh/-üeh = -ie/-ue, a
   syllable's -ung = -ong, shih = shi, ssu = si: Hsüeh-sung = Xuesong, Hsi-lin = Xilin; not
   ch, ts, k, p, t, j, which only the apostrophe tells apart), British -isation = -ization, German/Nordic vowel pairs (Mueller = Müller; not in pinyin, where
   "ue" is a syllable); doubled letters are read once and "qu" as "kv" (Quillmark =
   Квилмарк).
6. The words are joined without blanks (Техно Лада = ТехноЛада).

Two guarantees hold whatever the lists say:

- **Never empty.** The name's first word is never dropped, so a name made only of such
  words keeps them: "Group Ltd" is ``group``, "UK Ltd" is ``uk``, ООО «Москва» is
  ``moskva``; a missing or blank name is ``None``. A name made only of places, group,
  branch and legal words loses only its legal forms at the end: those words are the whole
  name ("Europe Group Ltd" is ``europegroup``, ≠ "Asia Group Ltd"; 上海国际有限公司 ≠
  上海环球有限公司; "Holdings Group Ltd" ≠ "Group Holdings Ltd").
- **A leading place or group word is part of the name** in English and Russian
  ("Group Tallis Media" ≠ "Tallis Media", "Europe Direct Analytics" ≠ "Direct
  Analytics", «Московский парус» ≠ «Парус»). Activity words (Media, Logistics, Консалтинг,
  物流) are never dropped, so "Acme" and "Acme Media" stay two employers.

**Names counted together** (:func:`employer_groups`). The key sees one name at a time;
disclosure control counts a set of names, and that set can say more: Chinese names that
sound alike but are written with other characters are two employers (墨岚/墨兰, which the
key alone folds; so are Кремень/Кремен), a name a Chinese name gives itself in brackets in
Latin letters is that Chinese name's, the registered firm named before a trading name is
that trading name's employer (Hobbledown Signs = Hobbledown Signs t/a Signpoint = Signpoint),
an acronym is the one employer of the set with its initials (KBM Ltd
= Kessler Brandt Manufacturing), a name cut short ("… Environmental Cons…") the one it
starts, and an English name written phonetically in Cyrillic (Тэннери Роу Дата) the one
Latin name with its sound. ``workbench eval employers`` scores this, each pair as a
set of two; disclosure control calls the same function on the names it counts.

Known limits. Alone, Chinese shop names that sound alike fold (千乘/谦城 are both qiancheng;
墨岚/墨兰 both molan; and, as zh is read as j, 智/吉 and 竹/菊): two firms counted as one, which
only suppresses more; only a set that holds both tells them apart, and a Latin name of that
sound then stays with neither. Я written with j at a word's start (Jarkov may be Жарков) and ю written ju (a pinyin
syllable: 居 ju ≠ 鱼 yu) are not read as ya, yu.
An acronym is read only against the names of its set, so in a large set it may take the one
firm that happens to share its initials. On the corpora's 4,050 distinct employer names as one
set, 2 acronyms take the one name with their initials (one rightly, one a guess) and the 4
pairs of Chinese sound-alikes the key folds there (千乘/谦城 …) are told apart. A compass
word that ends a trading name is dropped like any place (Signpoint North = Signpoint South).
A sole trader's initials are read against the full first name and patronymic only in a
list (ИП Завьялов И. П. alone is ``zavyalov``). A Chinese short form not in the list and a soft sign (Щегол/Щеголь, read
alike in Latin letters as Zhuravl = Zhuravl') are misread one way or the other. A misspelt
common word in a long name (Enviromental, Managment, Межрегеональная) is a different name: a
one-letter difference stays two employers (set 1's rule), which splits one employer into two
in set 4's 8 failing `typo` pairs.

Measured by ``workbench eval employers`` on ``data/labelled/companies/company_pairs.csv``
(figures in the README's "How good is it" table).
"""

from __future__ import annotations

import csv
import html
import math
import re
import unicodedata
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import NamedTuple

import yaml
from anyascii import anyascii

from .agreement import TUNING_HALVES, TUNING_SETS, wilson
from .config import LABELLED, PACKAGE_DATA
from .errors import SchemaError

__all__ = ["RULES_PATH", "PAIRS_PATH", "employer_key", "employer_keys", "employer_groups", "Pair", "Agreement",
           "PairsEvaluation", "load_pairs", "evaluate_pairs", "format_evaluation"]

RULES_PATH = PACKAGE_DATA / "employers.yaml"
PAIRS_PATH = LABELLED / "companies" / "company_pairs.csv"

_CJK = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
_CJK_RE = re.compile(f"[{_CJK}]")
_CYRILLIC_RE = re.compile("[\u0400-\u04ff]")
# Blanks between Chinese characters carry nothing (深圳市 澜晖光电 有限公司).
_CJK_BLANK_RE = re.compile(f"(?<=[{_CJK}])\\s+(?=[{_CJK}])")
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
_TRAILING_KINDS = ("legal", "legal_ru", "group", "branch")
_LEADING_KINDS = ("legal_ru", "group_leading", "branch_leading")
# Characters that carry nothing: zero-width spaces and joiners, the soft hyphen, the BOM.
_INVISIBLE = str.maketrans({c: None for c in "\u200b\u200c\u200d\u2060\u00ad\ufeff"})
# A spaced dash or a bar: what follows is a department, a tagline or a place.
_SEPARATOR_RE = re.compile(r"\s[-‐‑‒–—―]+\s|[|¦]")
_OPENING_QUOTE = "\"«„“‘‹「『"
# Chinese: anything after the first 公司 is a branch or a department (…有限公司研发中心).
_ZH_AFTER_LEGAL_RE = re.compile(f"(?<=公司)[^{_CJK}]*[{_CJK}].*$")
# Latin vowel pairs that stand for an accented letter (Mueller = Müller, Soeren = Søren);
# not after j, q, x, y, l or n, where "ue" is a pinyin syllable (悦 yue ≠ 逾 yu).
_VOWEL_PAIR_RE = re.compile("(?<![jqxyln])([aou])e(?=[bcdfghjklmnpqrstvwxz])")
# An apostrophe-n-apostrophe connector (Moyle 'n' Barrow).
_N_CONNECTOR_RE = re.compile(f"\\s[{_APOSTROPHES}]n[{_APOSTROPHES}]\\s")


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
    number_labels: frozenset[str]     # a registration number follows (ИНН 7701234567)
    zh_places: frozenset[str]
    pinyin_places: frozenset[str]     # Chinese cities in pinyin, dropped at the start
    zh_vocab: frozenset[str]          # every Chinese word the segmenter knows
    clause_notes: frozenset[str]
    descriptor_nouns: frozenset[str]
    abbreviations: dict[str, str]     # joined words -> their abbreviation or full word
    ru_words: dict[str, str]
    zh_words: dict[str, str]
    latin_spellings: tuple[tuple[re.Pattern, str], ...]   # pattern -> replacement, in order
    cut_prefixes: frozenset[str]      # a legal or group word cut short ("Lim", "有限")
    zh_completions: dict[str, str]    # a Chinese activity word cut short -> the word ("技" -> "技术")
    pinyin_words: dict[str, str]      # a Chinese activity word in pinyin -> its reading ("keji")
    name_follows: re.Pattern          # a recruiter's client or a trading name follows
    note_follows: re.Pattern          # a "formerly" note follows
    descriptor_leading: re.Pattern    # Кадровое агентство «…»
    longest: int = 1                  # most words in one phrase
    zh_longest: int = 1               # most characters in one Chinese word
    qualifiers: frozenset[str] = field(default=frozenset())
    zh_place_endings: frozenset[str] = field(default=frozenset())   # 州: 宁州 is a place
    zh_not_places: frozenset[str] = field(default=frozenset())      # 神州 is a shop name
    acronym_skips: frozenset[str] = field(default=frozenset())   # NIOS = National Institute of …
    sound_spellings: tuple[tuple[re.Pattern, str], ...] = ()   # a key's sound (Тэннери = Tannery)
    trading_follows: re.Pattern = re.compile("(?!)")   # a trading name follows (t/a)
    number_words: dict = field(default_factory=dict)   # script -> (units 0-19, tens 20-90)
    zh_phrases: dict = field(default_factory=dict)     # 港航 -> ("port", "shipping"): read word by word
    singulars: dict = field(default_factory=dict)      # a trade word's plural -> its singular
    any_spelling: re.Pattern = re.compile("(?!)")      # matches where any latin_spellings entry does
    zh_second: dict = field(default_factory=dict)      # 技术 -> ("technology",): a second reading, in a list


def _entry(text: str) -> str:
    """A list entry read as a name's words are, joined without blanks."""
    return "".join(w if _CJK_RE.match(w) else _plain_latin(w)
                   for w in _WORD_RE.findall(_surface(str(text))))


def _phrase_re(entries, *, blank: str = r"\s+", tail: str = "") -> re.Pattern:
    """One pattern matching any of ``entries`` (as a name is read before its words are cut),
    as whole words where an entry starts or ends with a letter; the longest first."""
    parts = []
    for entry in sorted({_fold(_normal(str(e))) for e in entries}, key=len, reverse=True):
        body = blank.join(map(re.escape, entry.split()))
        head = r"(?<![^\W_])" if _WORD_RE.match(entry[0]) and not _CJK_RE.match(entry[0]) else ""
        end = r"(?![^\W_])" if _WORD_RE.match(entry[-1]) and not _CJK_RE.match(entry[-1]) else ""
        parts.append(head + body + end)
    return re.compile(f"(?:{'|'.join(parts) or '(?!)'}){tail}")


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


def _pinyin_words(words) -> dict[str, str]:
    """Each Chinese word as Latin letters spell it in pinyin (有限公司 -> "youxiangongsi"),
    mapped to the word; a spelling two words share is left out."""
    from pypinyin import lazy_pinyin

    spelled: dict[str, list[str]] = {}
    for word in words:
        if _CJK_RE.fullmatch(word[0]) and all(_CJK_RE.match(c) for c in word):
            spelled.setdefault("".join(lazy_pinyin(word)), []).append(word)
    return {latin: found[0] for latin, found in spelled.items() if len(found) == 1}


def _with_pinyin(trailing: dict[str, str]) -> dict[str, str]:
    """The trailing phrases with the Chinese legal and group words, and branch words of three
    characters, also in pinyin ("Yuechuan Keji Youxian Gongsi", "… Jituan", "… Fengongsi";
    not 支行 zhixing, a shop name as often)."""
    chinese = [w for w, kind in trailing.items()
               if kind in ("legal", "group") or (kind == "branch" and len(w) > 2)]
    return {**{latin: trailing[word] for latin, word in _pinyin_words(chinese).items()
               if latin not in trailing}, **trailing}


def _zh_completions(zh_words: dict[str, str]) -> dict[str, str]:
    """Each proper start of a Chinese activity word that is no word itself, mapped to the
    shortest word it starts when every word it starts begins with that one ("技" -> "技术";
    "科" starts 科技 and 科技创新 -> "科技")."""
    words = [w for w in zh_words if _CJK_RE.match(w)]
    starts: dict[str, list[str]] = {}
    for word in words:
        for i in range(1, len(word)):
            starts.setdefault(word[:i], []).append(word)
    completions = {}
    for start, found in starts.items():
        shortest = min(found, key=len)
        if start not in zh_words and all(w.startswith(shortest) for w in found):
            completions[start] = shortest
    return completions


def _singulars(words) -> dict[str, str]:
    """Each trade word's plural (-s; -ies after a consonant's y) mapped to the word."""
    plural = {w: w[:-1] + "ies" if re.search("[^aeiou]y$", w) else w + "s" for w in map(str, words)}
    return {p: w for w, p in plural.items()}


def _load_readings(readings: dict) -> None:
    """Make the reading a shop name gives a character pypinyin's first one for it (泊 bó, not
    pō); pypinyin's phrases still win (湖泊 hupo). Only the key uses pypinyin."""
    from pypinyin import load_single_dict
    from pypinyin.constants import PINYIN_DICT

    load_single_dict({ord(c): ",".join(dict.fromkeys([str(r), *PINYIN_DICT.get(ord(c), "").split(",")]))
                      for c, r in readings.items()})


@lru_cache(maxsize=1)
def _rules() -> _Rules:
    """The word lists of ``RULES_PATH``, read once per process."""
    doc = yaml.safe_load(RULES_PATH.read_text(encoding="utf-8"))
    _load_readings(doc.get("zh_readings") or {})
    spellings = tuple((re.compile(str(k)), str(v)) for k, v in (doc.get("latin_spellings") or {}).items())
    chinese_trailing, zh_words = _trailing(doc), _map(doc, "zh_words")
    trailing = _with_pinyin(chinese_trailing)
    zh_words.update({short: zh_words[full] for short, full in _map(doc, "zh_short").items()})
    zh_vocab = frozenset(w for w in [*trailing, *zh_words] if _CJK_RE.search(w))
    abbreviations = {" ".join(_WORD_RE.findall(_surface(str(k)))): _entry(v)
                     for k, v in (doc.get("abbreviations") or {}).items()}
    joiners = _set(doc, "joiners")
    phrases = [w for kind in (*_TRAILING_KINDS, *_LEADING_KINDS, "number_labels")
               for w in doc.get(kind) or []]
    return _Rules(
        trailing=trailing, leading=_set(doc, *_LEADING_KINDS, "descriptor_leading") | {"the"},
        branch_leading=_set(doc, "branch_leading"), joiners=joiners,
        place_guards=_set(doc, "place_guards"), place_markers=_set(doc, "place_markers"),
        number_labels=_set(doc, "number_labels"),
        zh_places=frozenset(p for p, kind in trailing.items()
                            if kind == "place" and _CJK_RE.search(p)),
        pinyin_places=_set(doc, "zh_pinyin_leading"), zh_vocab=zh_vocab,
        clause_notes=_set(doc, "clause_notes", "number_labels"), descriptor_nouns=_set(doc, "descriptor_nouns"),
        abbreviations={"".join(k.split()): v for k, v in abbreviations.items()},
        ru_words=_map(doc, "ru_words"), zh_words=zh_words,
        latin_spellings=spellings,
        any_spelling=re.compile("|".join(f"(?:{p.pattern})" for p, _ in spellings) or "(?!)"),
        zh_completions=_zh_completions(zh_words),
        pinyin_words={latin: zh_words[w] for latin, w in _pinyin_words(zh_words).items()},
        cut_prefixes=frozenset(w[:i] for w, kind in chinese_trailing.items() if kind != "place"
                               for i in range(1, len(w))),
        name_follows=_phrase_re(doc.get("name_follows") or []),
        note_follows=_phrase_re(doc.get("note_follows") or []),
        descriptor_leading=_phrase_re(doc.get("descriptor_leading") or [], blank=r"[\s-]+",
                                      tail=f"\\s*(?=[{_OPENING_QUOTE}])"),
        longest=max(max(len(w.split()) for w in [*map(_surface, phrases), *abbreviations]),
                    max(map(len, chinese_trailing), default=1)) + 1,
        zh_longest=max(map(len, zh_vocab), default=1),
        qualifiers=frozenset(trailing) | joiners,
        zh_place_endings=frozenset(doc.get("zh_place_endings") or []),
        zh_not_places=frozenset(doc.get("zh_not_places") or []),
        acronym_skips=_set(doc, "acronym_skips"),
        sound_spellings=tuple((re.compile(str(k)), str(v))
                              for k, v in (doc.get("sound_spellings") or {}).items()),
        trading_follows=_phrase_re(doc.get("trading_follows") or []),
        number_words=_number_lists(doc.get("number_words") or {}),
        zh_phrases=_zh_phrases(doc),
        singulars=_singulars(doc.get("number_free") or []),
        zh_second={_entry(k): tuple(_entry(w) for w in str(v).split())
                   for k, v in (doc.get("zh_second_readings") or {}).items()},
    )


def _zh_phrases(doc: dict) -> dict[str, tuple[str, ...]]:
    """Chinese activity words whose English reading has two words or more, each word of it
    read as a Latin name's word is (港航 = Port Shipping: "port" + "shipping", not "portshipping")."""
    words = {str(k): str(v) for k, v in (doc.get("zh_words") or {}).items()}
    words.update({str(k): words[str(v)] for k, v in (doc.get("zh_short") or {}).items() if str(v) in words})
    return {_entry(k): tuple(_entry(w) for w in v.split()) for k, v in words.items() if len(v.split()) > 1}


def _number_lists(doc: dict) -> dict[str, tuple[list[str], list[str]]]:
    """The number words per script: (units 0-19, tens 20-90) for Latin and Cyrillic names;
    for Chinese (units 0-9, [ten])."""
    return {"latin": ([str(w) for w in doc.get("en") or []], [str(w) for w in doc.get("en_tens") or []]),
            "ru": ([str(w) for w in doc.get("ru") or []], [str(w) for w in doc.get("ru_tens") or []]),
            "zh": ([str(w) for w in doc.get("zh") or []], [str(doc["zh_ten"])] if doc.get("zh_ten") else [])}


_NUMBER_RE = re.compile(r"[1-9]\d?|0")


def _spelled_number(digits: str, script: str) -> list[str] | None:
    """A number of 0-99 in digits as its words in a script (21 -> twenty one, двадцать один,
    二十一), or None (a longer number, a leading zero, no list)."""
    units, tens = _rules().number_words.get(script, ([], []))
    if not _NUMBER_RE.fullmatch(digits) or not units or not tens:
        return None
    n = int(digits)
    if script == "zh":
        if n < 10:
            return [units[n]]
        return [("" if n < 20 else units[n // 10]) + tens[0] + (units[n % 10] if n % 10 else "")]
    if n < len(units):
        return [units[n]]
    return [tens[n // 10 - 2], *([units[n % 10]] if n % 10 else [])]


def _numbers_as_words(words: list[str], script: str) -> list[str]:
    """Each number of 0-99 among a name's words read as its words (3 Rivers = Three Rivers)."""
    out: list[str] = []
    for word in words:
        out.extend(_spelled_number(word, script) or [word] if word.isdigit() else [word])
    return out


_ZH_NUMBER_RE = re.compile(f"(?<![\\d])\\d{{1,2}}(?=[{_CJK}])|(?<=[{_CJK}])\\d{{1,2}}(?!\\d)")
# "&", "+" and 与 between Chinese characters are 和 (青禾&山 = 青禾与山 = 青禾和山).
_ZH_AND_RE = re.compile(f"(?<=[{_CJK}])\\s*[&+与]\\s*(?=[{_CJK}])")


def _zh_surface(text: str) -> str:
    """A Chinese name's numbers in Chinese numerals next to Chinese characters (第3 = 第三) and
    its "and" as 和."""
    text = _ZH_AND_RE.sub("和", text)
    return _ZH_NUMBER_RE.sub(lambda m: "".join(_spelled_number(m.group(), "zh") or [m.group()]), text)


# --------------------------------------------------------------------------- surface


@lru_cache(maxsize=1)
def _t2s():
    import opencc

    return opencc.OpenCC("t2s.json")


def _normal(name: str) -> str:
    """HTML entities read (&amp; = &), NFKC (full width, no-break spaces, combining accents),
    invisible characters dropped, case folded, ё read as е, traditional Chinese as simplified."""
    text = html.unescape(name).replace("™", " ").replace("℠", " ")
    text = unicodedata.normalize("NFKC", text).translate(_INVISIBLE)
    text = text.casefold().replace("ё", "е")
    if _CJK_RE.search(text):
        text = _zh_surface(_CJK_BLANK_RE.sub("", _t2s().convert(text)))
    return text


def _fold(text: str) -> str:
    """Quotes to blanks, brackets of every shape to (), connectors to "and", initials joined."""
    text = _N_CONNECTOR_RE.sub(" and ", text).translate(_FOLD)
    return _INITIALS_RE.sub(lambda m: m.group().replace(".", "").replace(" ", ""), text)


def _surface(name: str) -> str:
    """Step 1 on the whole string: ``_normal`` then ``_fold``."""
    return _fold(_normal(name))


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
    if not head and middle and _unlisted_place(middle[0], rules):
        head, middle = [middle[0][:2]], [middle[0][2:]]
    return head + middle + tail[::-1]


def _unlisted_place(shop: str, rules: _Rules) -> bool:
    """A shop name that starts with a place not in the list, named by its ending (宁州瀚溪:
    州, a prefecture), with two characters or more after it."""
    return len(shop) >= 4 and shop[1] in rules.zh_place_endings and shop[:2] not in rules.zh_not_places


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
            words.append(_plain_latin(_one_script(word)))
    return _abbreviate(words, rules)


def _abbreviate(words: list[str], rules: _Rules) -> list[str]:
    """Words written in short spelled out, and phrases read as their abbreviation
    (научно-производственное предприятие = нпп); the longest phrase first."""
    out, start = [], 0
    while start < len(words):
        k = _match_at_start(words, start, rules.abbreviations, len(words), rules.longest)
        if k:
            out.append(rules.abbreviations["".join(words[start:start + k])])
        else:
            out.append(words[start])
        start += k or 1
    return out


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


def _drop_brackets(text: str) -> str:
    """Step 2: every bracket goes with its content, innermost first ("(UK)", "(Leeds office)",
    "(formerly …)", "(via Hartfield Search)", "(Accountants)"), unless nothing would be
    left of the name: then the bracket's words are the name."""
    while True:
        match = _BRACKET_RE.search(text)
        if not match:
            return text.replace("(", " ").replace(")", " ")
        before, after = text[:match.start()], text[match.end():]
        keep = "" if _WORD_RE.search(before + after) else match.group(1)
        text = f"{before} {keep} {after}"


def _after_marker(text: str, rules: _Rules) -> str:
    """A recruiter's client or a trading name is the employer ("X on behalf of Y",
    "X (client: Y)", "X Ltd t/a Y" -> Y); a marker with no name after it leaves the agency."""
    match = rules.name_follows.search(text)
    if not match:
        return text
    before, rest = text[:match.start()], text[match.end():]
    if before.count("(") > before.count(")"):
        rest = rest.split(")", 1)[0]
    if _WORD_RE.search(rest):
        return rest
    return before if _WORD_RE.search(before) else text


def _before_separator(text: str) -> str:
    """What stands before a spaced dash or a bar (a department, tagline or place follows)."""
    return next((part for part in _SEPARATOR_RE.split(text) if _WORD_RE.search(part)), text)


def _before_note(text: str, rules: _Rules) -> str:
    """What stands before a "formerly"/"f/k/a" note, when a name stands there."""
    match = rules.note_follows.search(text)
    return text[:match.start()] if match and _WORD_RE.search(text[:match.start()]) else text


def _is_note_clause(clause: str, rules: _Rules) -> bool:
    """A clause after a comma that is a note, not part of the name: a "formerly"/"a … company"
    note, only places, legal or group words and numbers (", Aberdeen AB11 5PD", ", Dublin 2"),
    or a kind of firm (", ИТ-компания"); a partner list ("Crane, Pike & Dunmore") stays."""
    words = _words(clause, rules)
    if _match_at_start(words, 0, rules.clause_notes, len(words), rules.longest):
        return True
    if _only_qualifiers([w for w in words if not any(c.isdigit() for c in w)], rules):
        return True
    return words[-1] in rules.descriptor_nouns and "and" not in words


def _without_comma_notes(text: str, rules: _Rules) -> str:
    head, *clauses = text.split(",")
    if not _WORD_RE.search(head):
        return text
    return " ".join([head, *(c for c in clauses if not _is_note_clause(c, rules))])


def _without_cut_word(text: str, rules: _Rules) -> str:
    """A name cut short with "..." loses a legal or group word cut in the middle
    ("…科技有…" -> "…科技", "Acme Media Lim..." -> "Acme Media")."""
    found = list(_WORD_RE.finditer(text))
    if not found:
        return text
    last = found[-1]
    if _CJK_RE.match(last.group()):
        cut = next((k for k in range(len(last.group()) - 1, 0, -1)
                    if last.group()[-k:] in rules.cut_prefixes), 0)
        return text[:last.end() - cut] if cut else _completed(text, last, rules)
    if len(found) > 1 and _entry(last.group()) in rules.cut_prefixes:
        return text[:last.start()]
    return text


def _completed(text: str, last: re.Match, rules: _Rules) -> str:
    """A Chinese name cut inside an activity word gets the word back ("…数据技" -> "…数据技术");
    not when its last characters already make a word ("…电子" stays, though 电子商务 starts so)."""
    run = last.group()
    for k in range(min(len(run), rules.zh_longest), 0, -1):
        if run[-k:] in rules.zh_vocab:
            return text
        if run[-k:] in rules.zh_completions:
            return text[:last.end()] + rules.zh_completions[run[-k:]][k:] + text[last.end():]
    return text


# An acronym spelled out by its own name: "ORC (Oldfield Risk Consulting)", "AWP – Aldwinter …".
_DECLARED_RE = re.compile(r"\s*([^\W\d_]{2,6})\s*(?:\(([^()]+)\)|\s[-‐‑‒–—―]+\s(.+))\s*")


def _spelled_out(text: str, rules: _Rules) -> str:
    """A name that is an acronym and the words it stands for is those words
    ("ORC (Oldfield Risk Consulting)" = Oldfield Risk Consulting ≠ "ORC (Overton Retail
    Centres)"): their initials, legal forms and the like left off, spell the acronym."""
    match = _DECLARED_RE.fullmatch(text)
    if not match:
        return text
    full = match.group(2) or match.group(3)
    words = _strip_trailing(_words(full, rules), rules)
    spelled = {"".join(w[0] for w in kept)
               for kept in (words, [w for w in words if w not in rules.acronym_skips])}
    return full if match.group(1) in spelled else text


def _name_part(text: str, rules: _Rules) -> str:
    """The part of a read name that names the employer: the client or trading name (or the
    words an acronym stands for), without brackets, without what follows a separator or a
    note, without a Chinese department after the legal form, and without note clauses after
    commas."""
    text = _before_separator(_drop_brackets(_spelled_out(_after_marker(text, rules), rules)))
    text = _ZH_AFTER_LEGAL_RE.sub("", _before_note(text, rules))
    return _without_comma_notes(text, rules)


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
    if end > 2 and words[end - 2] in rules.place_markers and words[end - 1] not in rules.ru_words:
        return 2
    label = _match_at_end(words, end - 1, rules.number_labels, 1, rules.longest)
    if label and any(c.isdigit() for c in words[end - 1]):
        return label + 1
    return 0


def _strip_trailing(words: list[str], rules: _Rules) -> list[str]:
    """Step 4: qualifiers from the end, never the first word; a place after 'of' stays."""
    end, dropped = len(words), False
    while end > 1:
        k = _trailing_cut(words, end, rules)
        if k:
            end, dropped = end - k, True
        elif dropped and (words[end - 1] in rules.joiners or words[end - 1] in rules.place_markers):
            end -= 1  # "& Co.", "в г. Москве", "в Республике Казахстан"
        else:
            break
    return words[:end]


def _strip_legal(words: list[str], rules: _Rules) -> list[str]:
    """A name made only of places, legal, group and branch words loses only its legal forms
    at the end (and the words that join them): the rest is the whole name."""
    end = len(words)
    while end > 1:
        k = _match_at_end(words, end, rules.trailing, 1, rules.longest)
        if k and rules.trailing["".join(words[end - k:end])] in ("legal", "legal_ru"):
            end -= k
        elif words[end - 1] in rules.joiners and end < len(words):
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
    while start < len(words) - 1 and (words[start] in rules.zh_places or (
            len(words[start]) == 2 and _unlisted_place(words[start] + words[start + 1], rules))):
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
    if word in rules.zh_phrases:
        return "".join(map(_latin, rules.zh_phrases[word]))
    if _CJK_RE.match(word):
        word = rules.zh_words.get(word) or _pinyin(word)
    elif _CYRILLIC_RE.search(word):
        word = rules.ru_words.get(word) or anyascii(word).lower()
    else:
        word = rules.pinyin_words.get(word, word)
    word = rules.singulars.get(word, word)
    word = _NOT_LATIN_RE.sub("", rules.abbreviations.get(word, word).replace("qu", "kv"))
    if rules.any_spelling.search(word):  # a word no entry matches is left as it is by all of them
        for spelling, read_as in rules.latin_spellings:
            word = spelling.sub(read_as, word)
    word = _VOWEL_PAIR_RE.sub(r"\1", _RU_ADJECTIVE_END_RE.sub("y", word))
    return _DOUBLED_RE.sub(r"\1", word)


# --------------------------------------------------------------------------- the key


class _Reading(NamedTuple):
    """One name as the key reads it: the words kept (in their own script), the key, and
    whether the name was cut short ("…")."""

    words: tuple[str, ...]
    key: str | None
    cut: bool = False
    alias: str | None = None   # the key of the name it gives itself in another script, in brackets
    cjk: bool = False          # the name holds Chinese characters
    cyrillic: bool = False     # the name holds Cyrillic letters


@lru_cache(maxsize=1 << 17)
def _reading(name: str) -> _Reading:
    rules = _rules()
    text = _normal(name).strip()
    descriptor = rules.descriptor_leading.match(text)
    if descriptor and _WORD_RE.search(text[descriptor.end():]):
        text = text[descriptor.end():]
    text = _fold(text)
    cut = text.endswith("...")
    if cut:
        text = _without_cut_word(text[:-3], rules)
    words = _numbers_as_words(_words(_name_part(text, rules), rules), _script(text))
    if not words:
        return _Reading((), None)
    words = _strip_leading(words, rules)
    if _only_qualifiers(words, rules):  # Europe Group Ltd ≠ Asia Group Ltd, 上海国际 ≠ 上海环球
        words = _strip_legal(words, rules)
    else:
        words = _strip_chinese_places(_strip_trailing(words, rules), rules)
    key = "".join(map(_latin, words))
    if not key:  # the kept words have no Latin reading (𒀀 | A): every word of the name counts
        key = "".join(map(_latin, _words(text, rules)))
    alias = _trading_alias(text, rules) or (_alias(text) if "(" in text else None)
    return _Reading(tuple(words), key or None, cut, alias, bool(_CJK_RE.search(name)),
                    bool(_CYRILLIC_RE.search(name)))


def _script(text: str) -> str:
    return "zh" if _CJK_RE.search(text) else "ru" if _CYRILLIC_RE.search(text) else "latin"


def _alias(text: str) -> str | None:
    """The key of a name in brackets written in another script than the rest of the name
    (凌崧建筑工程有限公司（Lingsong Construction Engineering） -> lingsongconstructionengineering)."""
    match = _BRACKET_RE.search(text)
    if not match or not _WORD_RE.search(match.group(1)):
        return None
    outside = text[:match.start()] + " " + text[match.end():]
    if not _WORD_RE.search(outside) or _script(match.group(1)) == _script(outside):
        return None
    alias = _reading(match.group(1)).key
    return alias if alias and len(_reading(match.group(1)).words) > 1 else None


def _trading_alias(text: str, rules: _Rules) -> str | None:
    """The key of the registered firm in front of a trading name ("Hobbledown Signs t/a
    Signpoint" -> hobbledownsigns), else None."""
    match = rules.trading_follows.search(text)
    if not match:
        return None
    before = text[:match.start()].replace("(", " ")
    return _reading(before).key if _WORD_RE.search(before) else None


def _key(name: str) -> str | None:
    return _reading(name).key


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


# --------------------------------------------------------------------------- a list of names


_NO_READING = _Reading((), None)
_LETTERS_RE = re.compile(r"[^\W\d_]{2,6}")
# A Cyrillic name is read as a Latin one by its sound only when it has this many consonants and
# the same first letter (short names share consonants by chance: Контур, Крион).
_MIN_SOUND = 5


def employer_groups(names) -> list[str | None]:
    """The key each of ``names`` is counted by among the others (the company names of a
    cell, or of a whole data set): :func:`employer_key`, refined by what the other names of
    the list say. Disclosure control counts employers by this, and ``workbench eval
    employers`` scores it (on each pair as a list of two); there is no other path.

    - **Names that sound alike but are written apart** (one key in Latin letters): Chinese
      names with other characters in the shop name (墨岚/墨兰, 澜舟/澜洲) and Russian names
      that differ by a soft or hard sign (Кремень/Кремен) are two employers; a Latin name of
      that sound stays with neither when two such names are in the list, and with the one
      when only one is.
    - **A registered firm and its trading name** ("Fenmoor Crafts Ltd t/a Kiln Corner"): a
      name with the registered firm's key joins the trading name's, when the list gives that
      firm one trading name (the trading name alone has that key already; a recruiter's
      client does not take in the agency).
    - **A name given in brackets in another script** (凌崧建筑工程有限公司（Lingsong
      Construction Engineering）) is that employer's too: a name of its key joins it, when
      only one name of the list gives it.
    - **An acronym** ("KBM Ltd", "K.B.M.", "CVWA": a first kept word of 2-6 letters written
      in capitals, no bracket in the name) is the employer whose kept words' initials, in the
      same script, spell it (Kessler Brandt Manufacturing; "of", "and" … may be skipped:
      NIOS = National Institute of Orchard Science), the words after the acronym, if any,
      following them alike (ЦРТ «Горизонталь» = Центр развития технологий «Горизонталь»),
      when exactly one employer of the list is spelled so.
    - **A Chinese activity word of a second English reading** (技术, which the key reads
      jishu because 科技 is technology): a Latin name of that reading (Shuofang Yunzhi
      Information Technology = 朔方云智信息技术) is that Chinese name's employer, when it is the
      one Chinese name of the list so read and no Chinese name has the Latin name's key.
    - **A name cut short** ("… Environmental Cons…") is the employer whose key its key
      starts, when exactly one of the list does.
    - **A Latin name written phonetically in Cyrillic** (Тэннери Роу Дата = Tannery Row
      Data, Брайтферн = Brightfern) is the Latin-named employer whose sound it spells
      (``sound_spellings``; the same first letter and at least five consonants, so short
      names do not meet by chance), when exactly one of the list does.

    - **A sole trader named by surname and initials** (ИП Завьялов И. П.) is the one of the
      list whose surname, first name and patronymic those are (ИП Завьялов Игнат Петрович);
      other initials stay another trader (ИП Завьялов И. А.).

    Each rule folds a name only onto an employer the list itself names, and only when that
    employer is the one candidate; ``None`` stays ``None``.
    """
    names = list(names)
    readings = [_reading(n) if isinstance(n, str) else _NO_READING for n in names]
    keys = [r.key for r in readings]
    for resolve in (_split_sound_alikes, _resolve_aliases, _resolve_second_readings, _resolve_acronyms,
                    _resolve_cut, _resolve_phonetic, _resolve_initials):
        keys = resolve(names, readings, keys)
    return keys


def _written(word: str, rules: _Rules) -> str | None:
    """A word as its writing tells it apart from the same sound written otherwise: a Chinese
    shop name in its characters (墨岚, not molan), a Russian word with its soft and hard
    signs (Кремень ≠ Кремен, both kremen); None for a word in Latin letters and for words the
    key reads by their meaning (科技, Софтвер)."""
    if _CJK_RE.match(word):
        return None if word in rules.zh_vocab else word
    if not _CYRILLIC_RE.search(word) or word in rules.ru_words:
        return None
    return _latin(word) + "".join(c for c in word if c in "ьъ")


def _written_form(reading: _Reading, rules: _Rules) -> str | None:
    """The key with what the writing of its words adds (墨岚intelligenttechnology,
    kremenь); None for a name whose writing adds nothing."""
    written = [_written(w, rules) for w in reading.words]
    if not any(written):
        return None
    return "".join(form or _latin(w) for w, form in zip(reading.words, written))


def _split_sound_alikes(names: list, readings: list[_Reading], keys: list) -> list:
    rules = _rules()
    seen: dict[str, int] = {}
    for reading, key in zip(readings, keys):
        if key and (reading.cjk or reading.cyrillic):
            seen[key] = seen.get(key, 0) + 1
    shared = {key for key, count in seen.items() if count > 1}  # only these can differ in characters
    if not shared:
        return keys
    chinese = [_written_form(r, rules) if k in shared else None for r, k in zip(readings, keys)]
    forms: dict[str, set[str]] = {}
    for key, form in zip(keys, chinese):
        if form:
            forms.setdefault(key, set()).add(form)
    split = {key for key, found in forms.items() if len(found) > 1}
    return [(form or key) if key in split else key for key, form in zip(keys, chinese)]


def _resolve_aliases(names: list, readings: list[_Reading], keys: list) -> list:
    declared: dict[str, set[str]] = {}
    for reading, key in zip(readings, keys):
        if reading.alias and key:
            declared.setdefault(reading.alias, set()).add(key)
    if not declared:
        return keys
    keys = list(keys)
    for i, key in enumerate(keys):
        if len(declared.get(key, ())) == 1:
            keys[i] = next(iter(declared[key]))
    return keys


def _second_key(reading: _Reading, rules: _Rules) -> str | None:
    """The key of a Chinese name with its activity words of a second reading read so
    (朔方云智信息技术 -> shuofangyunjiinformationtechnology), None for a name without one."""
    if not any(w in rules.zh_second for w in reading.words):
        return None
    return "".join("".join(map(_latin, rules.zh_second[w])) if w in rules.zh_second else _latin(w)
                   for w in reading.words)


def _resolve_second_readings(names: list, readings: list[_Reading], keys: list) -> list:
    rules = _rules()
    chinese = [i for i, r in enumerate(readings) if keys[i] and r.cjk]
    second: dict[str, set[str]] = {}
    for i in chinese:
        alt = _second_key(readings[i], rules)
        if alt:
            second.setdefault(alt, set()).add(keys[i])
    if not second:
        return keys
    taken = {keys[i] for i in chinese}
    keys = list(keys)
    for i, (reading, key) in enumerate(zip(readings, keys)):
        if key and key not in taken and len(second.get(key, ())) == 1 and not reading.cjk:
            keys[i] = next(iter(second[key]))
    return keys


def _acronym(name: str, reading: _Reading) -> tuple[str, str] | None:
    """An acronym at the start of a name and the key of the words after it ("KBM Ltd",
    "K.B.M. Limited" -> ("kbm", ""); "ЦРТ «Горизонталь»" -> ("црт", "gorizontal")), else None."""
    if not reading.words or not _LETTERS_RE.fullmatch(reading.words[0]) or "(" in name:
        return None
    word = reading.words[0]
    written = unicodedata.normalize("NFKC", name).replace(".", "")
    if word.upper() not in written or not re.search(f"(?<![^\\W_]){re.escape(word.upper())}(?![^\\W_])", written):
        return None
    return word, "".join(map(_latin, reading.words[1:]))


def _initials(words: tuple[str, ...]) -> set[str]:
    """The initials of a name's kept words, with and without the words an acronym may skip
    (``acronym_skips``), in the words' own script."""
    skips = _rules().acronym_skips
    if len(words) < 2 or any(_CJK_RE.match(w) for w in words):
        return set()
    return {"".join(w[0] for w in kept)
            for kept in (words, [w for w in words if w not in skips]) if len(kept) > 1}


def _spelled(words: tuple[str, ...], rests: set[str]):
    """(initials, rest) for each way a name's first words may stand behind an acronym that
    the words ``rest`` follow (Центр развития технологий «Горизонталь» -> ("црт", "gorizontal"))."""
    rest = ""  # the words from ``cut`` on, read one more at each step
    for cut in range(len(words), 1, -1):
        if cut < len(words):
            rest = _latin(words[cut]) + rest
        if rest in rests:
            yield from ((initials, rest) for initials in _initials(words[:cut]))


def _resolve_acronyms(names: list, readings: list[_Reading], keys: list) -> list:
    found = {i: found for i, (n, r) in enumerate(zip(names, readings))
             if r.key and (found := _acronym(n, r))}
    if not found:
        return keys
    rests = {rest for _, rest in found.values()}
    firsts, skips = {letters[0] for letters, _ in found.values()}, _rules().acronym_skips
    spelling: dict[tuple[str, str], set[str]] = {}
    for reading, key in zip(readings, keys):
        words = reading.words if key else ()
        if not words or (words[0][:1] not in firsts  # initials start so, the skipped words left out or not
                         and next((w[:1] for w in words if w not in skips), "") not in firsts):
            continue
        for spelled in _spelled(words, rests):
            spelling.setdefault(spelled, set()).add(key)
    keys = list(keys)
    for i, letters in found.items():
        targets = spelling.get(letters, set())
        if len(targets) == 1:
            keys[i] = next(iter(targets))
    return keys


def _resolve_cut(names: list, readings: list[_Reading], keys: list) -> list:
    cut = [i for i, r in enumerate(readings) if r.cut and keys[i] and len(keys[i]) >= 6]
    if not cut:
        return keys
    whole = {k for k, r in zip(keys, readings) if k and not r.cut}
    keys = list(keys)
    for i in cut:
        if keys[i] in whole:
            continue
        longer = {k for k in whole if k.startswith(keys[i])}
        if len(longer) == 1:
            keys[i] = longer.pop()
    return keys


@lru_cache(maxsize=1 << 16)
def _skeleton(key: str) -> str:
    """A key's sound as English spelling and Cyrillic transliteration both give it: its
    consonants and the class of each run of vowels (``sound_spellings``; doubled letters
    read once)."""
    for spelling, read_as in _rules().sound_spellings:
        key = spelling.sub(read_as, key)
    return _DOUBLED_RE.sub(r"\1", key)


def _resolve_phonetic(names: list, readings: list[_Reading], keys: list) -> list:
    cyrillic = [i for i, r in enumerate(readings) if keys[i] and r.cyrillic]
    if not cyrillic:
        return keys
    latin = {k for k, r in zip(keys, readings) if k and not r.cyrillic and not r.cjk}
    by_sound: dict[str, set[str]] = {}
    for key in latin:
        if len(key) >= _MIN_SOUND:
            by_sound.setdefault(key[0] + _skeleton(key), set()).add(key)
    keys = list(keys)
    for i in cyrillic:
        sound = _skeleton(keys[i])
        enough = len(sound) - sound.count("a") - sound.count("o") >= _MIN_SOUND
        targets = by_sound.get(keys[i][0] + sound, set()) if enough else set()
        if keys[i] not in latin and len(targets) == 1:
            keys[i] = next(iter(targets))
    return keys


# ИП Завьялов И. П.: a sole trader's surname and the initials of first name and patronymic.
_SOLE_TRADER_HINT = re.compile(r"(?i)(?:ип|предприниматель)\s.*\.")
_SOLE_TRADER_RE = re.compile(r"\s*(?:ип|индивидуальный\s+предприниматель)\s+([а-я-]+)\s+([а-я])\.\s*([а-я])\.?\s*")


def _resolve_initials(names: list, readings: list[_Reading], keys: list) -> list:
    short = {i: m.groups() for i, (n, k) in enumerate(zip(names, keys))
             if k and readings[i].cyrillic and _SOLE_TRADER_HINT.search(n)
             and (m := _SOLE_TRADER_RE.fullmatch(_normal(n)))}
    if not short:
        return keys
    surnames = {surname for surname, _, _ in short.values()}
    full: dict[tuple[str, str, str], set[str]] = {}
    for reading, key in zip(readings, keys):
        words = reading.words
        if key and len(words) == 3 and words[0] in surnames and all(_CYRILLIC_RE.match(w) for w in words):
            full.setdefault((words[0], words[1][0], words[2][0]), set()).add(key)
    keys = list(keys)
    for i, initials in short.items():
        if len(full.get(initials, ())) == 1:
            keys[i] = next(iter(full[initials]))
    return keys


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
HALVES = ("tune", "holdout", "holdout2", *TUNING_SETS)


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
                f"whole file held out, or one of {', '.join(TUNING_SETS)} for a whole file held for tuning "
                f"(a new tuning set's name goes in workbench.agreement.TUNING_SETS first)")
    if not (row.get("name_a") or "").strip() or not (row.get("name_b") or "").strip():
        return "a name is blank; both names are needed"
    return None


def evaluate_pairs(path: str | Path = PAIRS_PATH) -> PairsEvaluation:
    """Score ``employer_key`` on a pairs file: a pair agrees when
    ``(key_a == key_b) == same``; counted per half (tune, holdout, holdout2, tune2) and label."""
    pairs, unusable = load_pairs(path)
    tally: dict[tuple[str, str], list[int]] = {}
    failures = []
    for pair in pairs:
        key_a, key_b = employer_groups([pair.name_a, pair.name_b])
        agrees = (key_a is not None and key_a == key_b) == pair.same
        label = "same" if pair.same else "distinct"
        counts = tally.setdefault((pair.half, label), [0, 0])
        counts[0] += 1
        counts[1] += agrees
        if not agrees:
            failures.append((pair, key_a, key_b))
    agreements = [Agreement(half, label, n, agree, *wilson(agree, n))
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
