"""Salary engine: find pay mentions in English, Russian and Chinese text.

``parse_salary(text)`` returns every pay mention in order of appearance as a
:class:`SalaryMention`: the span, low/high amounts, ISO currency, pay period,
pay component (base, OTE, commission, bonus, allowance, total), gross/net,
months per year (``·13薪``) and whether the figure was masked (``****k``).

How it works (one pass, linear time):

1. A precompiled token regex finds every *amount* (optional currency prefix,
   a number in any of the supported groupings, an optional multiplier
   k/K/m/千/万/тыс., an optional currency suffix) and every masked amount.
   The regex has no nested unbounded quantifiers, so it cannot backtrack
   catastrophically; every other regex runs on a bounded window (<= 64 chars).
2. Neighbouring amounts joined by a range separator (``-``, ``to``, ``до``,
   ``至`` ...) become one range.
3. For each amount or range, a short window before it is read for limits
   (``up to``, ``от``, ``до``), components (``OTE``, ``basic``, ``оклад``),
   periods (``月薪``, ``annual``) and pay words; the text after it is read for
   periods (``per annum``, ``в месяц``, ``/天``), gross/net, components,
   ``·13薪`` and ``(Glassdoor est.)``.
4. Short salary *fields* that fit the commonest shapes ("£35,000 - £45,000
   per annum", "$53K-$91K (Glassdoor est.)", "300-330元/天") are read by one
   ``fullmatch`` instead (the fast path; a property test checks it agrees
   with the scanner), and results for fields are memoised, because raw salary
   columns repeat heavily.
5. A figure is kept only when it looks like pay: an explicit currency, a
   written period, a pay word or component next to it, a gross/net marker, or
   the whole input is a short salary field (``35-40k``). Percentages, years,
   head counts, durations, phone numbers, reference numbers and money that
   is not pay (portfolio, revenue, budgets, fees and rewards for taking part
   in a study) are dropped, and so is any figure above about $3M a year once
   annualised (funding rounds, assets, valuations).

Mentions without an amount
--------------------------
* ``Competitive``, ``DOE``, ``negotiable``, ``面议``, ``договорная`` give one
  *unstated* mention (``low=high=None``, ``masked=False``, ``period=None``)
  when they are the whole salary field or sit next to a pay word
  ("competitive salary", "Зарплата: по договорённости"). In running text
  "competitive" alone is not a mention. At most one unstated mention is
  given, and none when the text states an amount (it would only repeat it).
* A component joined to a pay mention without an amount ("... + car
  allowance", "plus bonus") gives a mention with ``low=high=None`` and that
  component.
* Masked amounts (``****k``) give ``masked=True`` with ``low=high=None``.

Periods
-------
``period_inferred`` is False when the text wrote the period. Otherwise the
market convention (:func:`convention_for`) gives it: GB/US/EU state annual
pay, RU and CN monthly pay. Only when the figure is implausible for that
period (``£18.50`` read as annual) is the period taken from magnitude; the
mention then has ``period_basis == "magnitude"`` and ``annualise`` says so.

Component
---------
``base`` only when the text says so (basic, base, оклад, 底薪); a plain
salary figure is ``unspecified`` (treat it as base pay downstream).
"""

from __future__ import annotations

import operator
import re
from dataclasses import dataclass, field, fields, replace
from typing import Any

from . import markets as _markets
from . import text as _text

__all__ = [
    "clear_field_cache",
    "SalaryMention",
    "Convention",
    "CONVENTIONS",
    "convention_for",
    "parse_salary",
]

# --------------------------------------------------------------------------
# Conventions
# --------------------------------------------------------------------------


@dataclass(frozen=True)
class Convention:
    """How a market turns hourly/daily/weekly/monthly pay into annual pay.

    ``default_period`` is the period a figure has in that market when the
    text does not say (UK and US job ads state annual pay, Russian and
    Chinese ads monthly pay).
    """

    hours_per_week: float = 40.0
    weeks_per_year: float = 52.0
    days_per_year: float = 260.0
    months_per_year: float = 12.0
    name: str = "default"
    default_period: str = "year"

    @property
    def hours_per_year(self) -> float:
        return self.hours_per_week * self.weeks_per_year

    def factor(self, period: str, months_per_year: float | None = None) -> float | None:
        """Multiplier from one ``period`` of pay to a year of pay."""
        if period == "year":
            return 1.0
        if period == "month":
            return float(months_per_year or self.months_per_year)
        if period == "week":
            return float(self.weeks_per_year)
        if period == "day":
            return float(self.days_per_year)
        if period == "hour":
            return float(self.hours_per_year)
        return None

    def describe(self) -> str:
        text = _DESCRIBED.get(self)  # one text per convention, not one per mention
        if text is None:
            text = (
                f"{self.name}: {self.hours_per_year:g} h/yr "
                f"({self.hours_per_week:g} h x {self.weeks_per_year:g} wk), "
                f"{self.days_per_year:g} d/yr, {self.weeks_per_year:g} wk/yr, "
                f"{self.months_per_year:g} mo/yr"
            )
            if len(_DESCRIBED) < 256:
                _DESCRIBED[self] = text
        return text


# Convention -> describe() text. Conventions are frozen, so the key is the value.
_DESCRIBED: dict[Convention, str] = {}


# Per-market conventions, plausibility bands and currencies live in one table,
# ``workbench/data/markets.yaml`` (:mod:`workbench.markets`); the maps below are built
# from it. Users may edit ``CONVENTIONS`` or pass overrides to ``convention_for``.


def _convention(name: str, spec: dict) -> Convention:
    return Convention(spec["hours_per_week"], spec["weeks_per_year"], spec["days_per_year"],
                      spec["months_per_year"], name, spec["default_period"])


CONVENTIONS: dict[str, Convention] = {
    **{code: _convention(code, _markets.convention(code)) for code in _markets.market_codes()},
    "default": _convention("default", _markets.default_convention()),
}

MARKET_CURRENCY = {code: _markets.currency_of(code) for code in _markets.market_codes()}

# Plausible pay per period in each market's own currency: (lowest, highest). A figure
# outside its band stays a mention, marked ``implausible``, and never enters a benchmark
# ("150 000 тысяч" read as 150 million roubles a month, "$10 million" a year). Other
# currencies use the US band scaled by the currency's ``usd_scale``.
PLAUSIBLE_PAY: dict[str, dict[str, tuple[float, float]]] = {
    code: _markets.plausible(code) for code in _markets.market_codes()}
# Markets whose own band judges a figure with no written period ("400 руб." part-time in
# Belarus is a month's pay).
_OWN_BAND_MARKETS = frozenset(code for code in _markets.market_codes()
                              if _markets.market(code).own_band_for_unwritten_period)
# Rough units of a currency per US dollar, used only to judge whether a figure is
# plausible for a period (never to convert money).
_SCALE = _markets.usd_scales()
_USD_MARKET = _markets.market_of("USD")  # its band, scaled, judges currencies of no market here
# Markets whose postings mean their own currency by another currency's words ("руб." in
# Belarus), with the signs that keep the other currency ("₽").
_OWN_WORDS = {market: {ccy: _markets.signs_of(ccy) for ccy in ccys}
              for market, ccys in _markets.own_words_markets().items()}
# The market of text in a script when nothing else tells (Chinese -> CN, Cyrillic -> RU),
# and its currency.
_ZH_MARKET, _RU_MARKET = _markets.language_market("zh"), _markets.language_market("ru")
_ZH_CURRENCY, _RU_CURRENCY = MARKET_CURRENCY[_ZH_MARKET], MARKET_CURRENCY[_RU_MARKET]
# The currency of the word "pound", which is also a weight ("lift 50 pounds").
_POUND = _markets.currency_code("pound")
# One-character currency signs written before an amount ('£$€₽¥'): an amount follows.
_SIGNS = _markets.before_signs()


def _market_key(code: str | None) -> str | None:
    if not code:
        return None
    hit = _MARKET_CACHE.get(code)
    if hit is not None:
        return hit
    key = _market_lookup(code)
    if key is not None and len(_MARKET_CACHE) < 512:
        _MARKET_CACHE[code] = key
    return key


_MARKET_CACHE: dict[str, str] = {}


def _market_lookup(code: str) -> str | None:
    c = code.strip().upper()
    if c in CONVENTIONS:
        return c
    return _markets.market_of(c)


def convention_for(market_or_currency: str | None = None, **overrides: Any) -> Convention:
    """Convention of a market (``GB``, ``US``, ``RU``, ``CN``, ``EU`` or an EU
    country) or of a currency's home market (``GBP`` -> GB).

    Unknown codes get the ``default`` convention (2,080 h, 260 d, 52 wk).
    Keyword overrides replace fields: ``convention_for("GB", hours_per_week=37.5)``.
    To change a market for the whole process, assign to ``CONVENTIONS["GB"]``.
    """
    if isinstance(market_or_currency, Convention):
        conv = market_or_currency
    else:
        key = _market_key(market_or_currency) or "default"
        conv = CONVENTIONS.get(key, CONVENTIONS["default"])
    return replace(conv, **overrides) if overrides else conv


# --------------------------------------------------------------------------
# The mention
# --------------------------------------------------------------------------

_DICT_FIELDS = ("text", "start", "end", "low", "high", "currency", "period",
                "period_inferred", "component", "gross", "months_per_year", "masked",
                "implausible")
_DICT_VALUES = operator.attrgetter(*_DICT_FIELDS)


@dataclass(slots=True)
class SalaryMention:
    """One pay mention. Amounts are in ``currency`` per ``period``."""

    text: str
    start: int
    end: int
    low: float | None
    high: float | None
    currency: str | None
    period: str | None
    period_inferred: bool = False
    component: str = "unspecified"
    gross: bool | None = None
    months_per_year: int | None = None
    masked: bool = False
    # How the period was found: "written", "market" or "magnitude" (None when
    # there is no period). Kept off to_dict() to respect the store schema.
    period_basis: str | None = field(default=None, compare=False)
    market: str | None = field(default=None, compare=False)
    # True when the amount is outside the market's plausible pay for its period
    # (:data:`PLAUSIBLE_PAY`): the mention is kept, but never annualised or benchmarked.
    implausible: bool = False

    def to_dict(self) -> dict:
        return dict(zip(_DICT_FIELDS, _DICT_VALUES(self)))

    def annualise(self, convention: Convention | str | None = None) -> dict:
        """Annual low/high under ``convention`` (a Convention, a market or
        currency code, or None for this mention's own market)."""
        if isinstance(convention, Convention):
            conv = convention
        else:
            conv = convention_for(convention or self.market or self.currency)
        desc = conv.describe()
        if self.months_per_year and self.period == "month":
            desc += f"; {self.months_per_year} months' pay a year as stated"
        if self.period_basis == "market":
            desc += f"; period ({self.period}) inferred from the market convention"
        elif self.period_basis == "magnitude":
            desc += f"; period ({self.period}) inferred from the size of the figure"
        f = conv.factor(self.period, self.months_per_year) if self.period else None
        if f is None:
            return {"annual_low": None, "annual_high": None, "convention": desc}
        lo = None if self.low is None else round(self.low * f, 2)
        hi = None if self.high is None else round(self.high * f, 2)
        return {"annual_low": lo, "annual_high": hi, "convention": desc}


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

_SP = "[ \u00a0\u2009\u202f]"
_L = "a-zа-яё"  # letters that make a word boundary (text is lower-cased)

_NUM = (
    r"(?<![\d.,*])(?:"
    r"(?P<en>(?:\d{1,3}(?:[,'’]\d{3})+|\d{1,2}(?:,\d{2})+,\d{3})(?:\.\d+)?)(?![\d'’]|,\d)"  # 12,00,000: Indian lakh grouping; "£30,000, plus": a comma ends it
    r"|(?P<eu>\d{1,3}(?:\.\d{3})+(?:,\d{1,2})?)(?![\d.])"
    r"|(?P<sp>\d{1,3}(?:" + _SP + r"{1,2}\d{3})+(?:[.,]\d{1,2})?)(?!\d)"  # "45  000": a doubled space
    r"|(?P<pl>\d+(?:[.,]\d+)?)"
    r")"
)
_MULT = (
    r"(?P<mult>k(?![" + _L + r"])|к(?![" + _L + r"])|[ \u00a0]k(?=[€£$])|[ \u00a0]k(?![" + _L + r"\d])|m(?:n|ln)?(?![" + _L + r"])|b(?![" + _L + r"])"
    r"|т(?=[ \u00a0]?(?:руб|р\.|р(?![а-яё])|₽))"  # "60т руб"
    r"|[ \u00a0]?(?:тыс(?:яч[аи]?)?\.?|т\.\s?р\.?|млн\.?|млрд\.?|thousand|million|billion|"
    r"trillion|bn)(?![" + _L + r"])"
    r"|[ \u00a0]?[千万])"
)
# A currency written after an amount (signs, words, codes): built from the markets table.
_CSUF = "(?P<csuf>" + _markets.suffix_pattern() + ")"
# The scanner jumps from digit to digit (``_START``) and matches ``_CORE``
# there; a currency prefix is read from the few characters before.
# Written as a character class first (not ``\d|\*\*``) so the regex engine
# can skip ahead with its C charset scan instead of trying both alternatives
# at every character (~1.5x faster over a posting). Same positions: a digit,
# or a "*" followed by another "*".
_START = re.compile(r"[\d*](?:(?<=\d)|\*)")
_CORE = re.compile(
    r"(?=[\d*])(?:" + _NUM + r"|(?P<mask>\*{2,}(?:[,.]\*{3})?))"
    r"(?:" + _MULT + r")?"
    r"(?:[ \u00a0\u202f\u2009]?" + _CSUF + r")?"
)
if sorted(_CORE.groupindex, key=_CORE.groupindex.get) != [
        "en", "eu", "sp", "pl", "mask", "mult", "csuf"] or _CORE.groups != 7:
    raise RuntimeError("_CORE's groups changed: _Tok unpacks them by position")
# A currency written before an amount, read back from the amount's start.
_CPRE_END = re.compile("(?P<cpre>" + _markets.prefix_pattern() + r")[ \u00a0]?\Z")
_CPRE_LAST = _markets.prefix_last_chars()

_RANGE_SEP = re.compile(
    r"[ \u00a0]*(?:-|–|—|−|~|～|－|to|до|do|à|a|bis|至|到|and|и|or)[ \u00a0]*\Z")

_CUR_CACHE: dict[str, str | None] = {}


def _currency_of(marker: str) -> str | None:
    """ISO code of a matched currency marker (cached; the markets table decides)."""
    hit = _CUR_CACHE.get(marker)
    if hit is not None or marker in _CUR_CACHE:
        return hit
    code = _markets.currency_code(marker)
    if len(_CUR_CACHE) < 256:
        _CUR_CACHE[marker] = code
    return code


_MULT_VALUE = {"k": 1e3, "к": 1e3, "m": 1e6, "mn": 1e6, "mln": 1e6, "千": 1e3, "万": 1e4,
               "thousand": 1e3, "million": 1e6, "млн": 1e6, "b": 1e9, "bn": 1e9,
               "billion": 1e9, "trillion": 1e12, "млрд": 1e9}


def _mult_of(s: str) -> float:
    m = s.strip().rstrip(".")
    if m in _MULT_VALUE:
        return _MULT_VALUE[m]
    if m.startswith("тыс") or m.startswith("т.") or m == "т":
        return 1e3
    return 1.0


# ---- words after an amount -------------------------------------------------
# Full words never take a dot (a dot after them ends the sentence);
# abbreviations may.
_P_YEAR = r"annum|year|anno|jahr|an|año|ano|год|年|(?:ann|yr|г)\.?"
_P_MONTH = r"month|monat|mois|mes|miesiąc|месяц|月|(?:mth|mo|мес|mies)\.?"
_P_WEEK = r"week|woche|semaine|неделю|周|星期|(?:wk|нед)\.?"
_P_DAY = r"day|diem|tag|jour|día|dia|день|смену|сутки|天|日"
_P_HOUR = r"hour|stunde|heure|hora|godzinę|час|小时|时|小時|(?:hr|h|ч|godz)\.?"
_PER = r"(?:/|per|a|an|each|pro|par|im|al|por|na|za|в|за|每)"
_B = r"(?![" + _L + r"])"

_PERIODS = (
    r"(?P<year>" + _PER + r"[ \u00a0]*(?:" + _P_YEAR + r")" + _B +
    r"|p\.?\s?a\.?" + _B + r"|p/a|annual(?:ly)?" + _B + r"|annuel(?:le)?" + _B + r"|yearly|jährlich|rocznie|годовых|每年)"
    r"|(?P<month>" + _PER + r"[ \u00a0]*(?:" + _P_MONTH + r")" + _B +
    r"|pcm|p\.c\.m\.?|p/m|monthly|monatlich|mensuel|miesięcznie|ежемесячно)"
    r"|(?P<week>" + _PER + r"[ \u00a0]*(?:" + _P_WEEK + r")" + _B +
    r"|p\.?\s?w\.?" + _B + r"|p/w|weekly|еженедельно)"
    r"|(?P<day>" + _PER + r"[ \u00a0]*(?:" + _P_DAY + r")" + _B +
    r"|p\.?\s?d\.?" + _B + r"|p/d(?:ay)?|daily|day\s+rate|ежедневно)"
    r"|(?P<hour>" + _PER + r"[ \u00a0]*(?:" + _P_HOUR + r")" + _B +
    r"|p\.?\s?h\.?" + _B + r"|p/h(?:r|our)?|hourly|почасово)"
)
_GROSS_NET = (
    r"(?P<gross>gross|brutto|bruto|brut|гросс|до\s+вычета(?:\s+(?:налогов|ндфл))?|"
    r"до\s+налогообложения|before\s+tax(?:es)?|pre-?tax|税前)" + _B +
    r"|(?P<net>net(?:to)?|нетто|на\s+руки|после\s+вычета\s+(?:налогов|ндфл)|"
    r"after\s+tax(?:es)?|чистыми|税后|到手)" + _B
)
_EST = r"\(?(?:glassdoor|employer)\s+est\.?\)?|\(?est\.?\)?|\(?estimated\)?"
_TRAIL = re.compile(
    r"[ \u00a0\u202f]*(?:" + _PERIODS +
    r"|" + _GROSS_NET +
    r"|[·*×x]?[ \u00a0]?(?P<mpy>1[2-9]|2[0-4])[ \u00a0]?薪"
    r"|(?P<above>及以上|以上|起)"
    r"|(?P<below>以下)"
    # JSON-LD unitText rendered as text: "GBP 32000 - 38000 YEAR", "value 14.25 GBP HOUR"
    r"|(?:unittext[ \u00a0]+)?(?P<unit>year|month|week|day|hour)(?=[ \u00a0]*(?:\Z|[;,)]))"
    r"|(?:\+[ \u00a0]*)?(?P<mpy13>1[3-6])(?:th|-?я|-?й)[ \u00a0]+(?:month[ \u00a0]+)?"
    r"(?:salary|pay|зарплата|оклад)(?![a-zа-яё])"
    r"|(?P<comp>\((?:оклад|base|basic|底薪)[ \u00a0]*\+[ \u00a0]*(?:преми[яи]|бонус(?:ы)?|bonus|"
    r"commission|提成|奖金)\)|basic(?:\s+salary)?|base(?:\s+salary|\s+pay)?|ote|otе|"
    r"commission|comms|(?:(?:sign[\s-]?on|signing|joining|welcome|annual|quarterly|"
    r"performance|discretionary|retention|relocation)\s+)?bonus(?:es)?|car\s+allowance|"
    r"allowance|total\s+(?:package|compensation|comp|cash|pay)|package|оклад|преми[яи]|бонус(?:ы)?|"
    r"底薪|提成|奖金|补贴)" + _B +
    r"|(?P<est>" + _EST + r")"
    r"|" + _CSUF.replace("csuf", "tcur") +
    r")"
)
_BRACKET_GAP = re.compile(r"[ \u00a0]*[(:：（][ \u00a0]*|[ \u00a0]+of[ \u00a0]+")
_TRAIL_SEP = re.compile(r"[ \u00a0]*[,(/][ \u00a0]*")

# ---- words before an amount (matched on the reversed window) ---------------
_PREFIX_WORDS: dict[str, tuple[str, ...]] = {
    "upto": ("up to", "upto", "до", "do", "не более", "max.", "max", "maximum", "less than",
             "under", "as much as", "bis zu", "jusqu'à", "jusqu'a", "最高", "至多", "最高可达", "最高达", "可达",
             "не выше", "может достигать", "достигать", "достигает"),
    "from": ("from", "от", "od", "starting at", "starting from", "starts at", "start at",
             "min.", "min", "minimum", "at least", "не менее", "не ниже", "ab",
             "à partir de", "dès", "最低", "over", "more than", "in excess of", "свыше",
             "более"),
    "between": ("between", "между"),
    "about": ("around", "about", "approx.", "approx", "approximately", "circa", "ca.",
              "c.", "около", "примерно", "порядка", "~", "约", "大约", "rund"),
    "ote": ("ote", "ote of", "on target earnings", "on target earnings of",
            "on-target earnings", "on-target earnings of", "otе"),
    "base": ("basic", "basic salary", "basic salary of", "basic of", "base", "base salary",
             "base salary of", "base pay", "base of", "оклад", "底薪", "基本工资"),
    "bonus": ("bonus", "bonus of", "bonuses", "премия", "премии", "бонус", "奖金", "年终奖",
              "绩效", "绩效工资", "绩效奖金"),
    "commission": ("commission", "commission of", "комиссия", "提成"),
    "allowance": ("allowance", "allowance of", "car allowance", "car allowance of", "补贴",
                  "补助", "餐补", "饭补", "房补", "车补", "话补", "компенсация",
                  "компенсация топлива", "компенсация бензина", "компенсация гсм",
                  "компенсация проезда", "компенсация питания", "компенсация связи",
                  "компенсация мобильной связи", "компенсация аренды"),
    "total": ("total package", "total package of", "total compensation",
              "total compensation of", "total comp", "total cash", "total pay", "package",
              "package of", "tcc", "ttc", "年包", "总包", "综合薪资", "综合收入", "综合工资",
              "综合月薪"),
    "pyear": ("annual", "annual salary", "yearly", "per annum", "年薪", "в год"),
    "pmonth": ("monthly", "monthly salary", "月薪", "в месяц"),
    "pday": ("daily rate", "day rate", "日薪"),
    "phour": ("hourly", "hourly rate", "时薪", "в час"),
    "pweek": ("weekly", "周薪"),
    "pgross": ("gross", "brutto", "до вычета налогов", "税前"),
    "pnet": ("net", "netto", "на руки", "税后", "到手"),
    "pay": ("salary", "salary range", "salary banding", "employer provided salary",
            "pay", "pay range", "target pay", "wage", "wages", "rate", "compensation",
            "remuneration", "earnings", "earning", "earn", "earns", "paying", "pays",
            "зарплата", "зарплаты", "заработная плата", "з/п", "зп", "доход",
            "вознаграждение", "зарабатывает", "зарабатывать", "зарабатывают",
            "заработок", "оплата", "оплата труда", "薪资", "薪酬", "工资", "待遇", "收入"),
}


def _reversed_alternation(words) -> str:
    alts = []
    for w in sorted(set(words), key=len, reverse=True):
        parts = [re.escape(p[::-1]) for p in w.split(" ")[::-1]]
        alts.append(r"[ \u00a0]+".join(parts))
    return "|".join(alts)


_PREFIX_REV = re.compile(
    r"[ \u00a0\t:：\-–.,(]*(?:" + "|".join(
        f"(?P<{kind}>{_reversed_alternation(words)})" for kind, words in _PREFIX_WORDS.items()
    ) + r")(?![" + _L + r"])"
)
_PREFIX_COMP = ("ote", "base", "bonus", "commission", "allowance", "total")
_PREFIX_PERIOD = {"pyear": "year", "pmonth": "month", "pday": "day",
                  "phour": "hour", "pweek": "week"}

# Words right after a number that make it something other than money.
_UNIT_AFTER = re.compile(
    r"(?:\+[ \u00a0]?|[ \u00a0]?)(?:%|процент|percent|per\s*cent|pct|лет|года?(?![а-яё])|г\.|числ|"
    r"компани|магазин|проект|оклад(?:а|ов)(?![а-яё])|зарплат(?![а-яё])|salaries|years?(?!ly)|yrs?|months?(?!ly)|weeks?(?!ly)|days?(?!\s*rate)|"
    r"hours?(?!ly)|hrs|мес(?:яц(?:а|ев))?(?![" + _L + r"])|недел|дн|час(?:а|ов)(?![а-яё])|"
    r"employees|staff|people|persons|members|users|clients|customers|accounts|"
    r"stores|sites|offices|countries|сотрудник|человек|чел\.|клиент|"
    r"km|км|miles|mi(?![a-z])|m²|sq|кв|шт|pcs|x(?![a-z])|раз|мест|rooms|"
    r"人|年(?!薪)|个月|天(?!/)|周(?!/)|小时|家|位|次)|[ \u00a0]?\d")

# Labels before a number that make it an identifier (reversed window).
_LABEL_REV = re.compile(
    r"[ \t.:#№]*(?:" + _reversed_alternation(
        ("ref", "reference", "id", "no.", "no", "number", "№", "#", "webindex", "job code",
         "code", "tel", "tel.", "phone", "тел", "тел.", "телефон", "моб.", "fax",
         "postcode", "zip", "индекс", "артикул", "call", "call us on")) +
    r")(?![" + _L + r"])|\+")

# Money that is not pay, one-off payments and schedule counts: the word lists live in
# ``workbench/data/pay_cues.yaml`` (English, Russian, Chinese); each list is one regex.


def _load_cues() -> dict[str, list[str]]:
    import yaml

    from .config import PACKAGE_DATA

    with (PACKAGE_DATA / "pay_cues.yaml").open(encoding="utf-8") as handle:
        return yaml.safe_load(handle)


_CUES = _load_cues()


def _cue(kind: str) -> str:
    return "(?:" + "|".join(_CUES[kind]) + ")"


_NONPAY = re.compile(_cue("not_pay_before"))
_NONPAY_AFTER = re.compile(r"[ \u00a0+]*(?:[a-z]+[ \u00a0]+){0,2}?" + _cue("not_pay_after"))

# One-off payments named next to an amount: they are not a rate of pay to annualise.
# No look-behind at the start (it would stop the engine's first-character skip): the
# word boundary before a match is tested by _word_start.
_ONE_OFF = re.compile(_cue("one_off_before"))
_ONE_OFF_AFTER = re.compile(r"[ \u00a0]*(?<![a-z])(?:[a-z]+[ \u00a0]+)?" + _cue("one_off_after")
                            + r"(?![a-z])")
# Counts of hours, shifts, visits or meetings: a figure beside them is a schedule.
_SCHEDULE = re.compile(r"(?<![a-zа-яё])" + _cue("schedule_words") + r"(?![a-zа-яё])")

_PAYWORD = re.compile(
    r"salar|pay(?!ment|check|roll)|wage|(?<![a-z])earn|income|compensat|remunerat|(?<![a-z])ote(?![a-z])|"
    r"basic(?![a-z])|(?<![a-z])base(?![a-z])|bonus|commission|package|"
    r"(?<![a-z])rates?(?![a-z])|зарплат|заработ|з/п|(?<![а-яё])зп(?![а-яё])|оклад|доход|"
    r"вознагражд|преми|бонус|薪|工资|待遇|收入|报酬")

_UNSTATED = re.compile(
    r"(?:(?P<compsal>(?:competitive|attractive)(?:\s+(?:basic|base))?\s+"
    r"(?:salary|salaries|pay|package|rates?|remuneration|compensation)|market\s+rates?)"
    r"|(?P<compbase>competitive\s+(?:basic|base))"
    r"|(?P<kw>competitive|negotiable|neg\.|d\.?o\.?e\.?|"
    r"depend(?:s|ing|ent)\s+(?:up)?on\s+experience|"
    r"commensurate\s+with\s+experience|tbc|tba|not\s+(?:stated|specified|disclosed)|"
    r"договорная|договорной|по\s+договор[её]нности|по\s+(?:результатам|итогам)\s+собеседования|"
    r"не\s+указан[аоы]?|обсуждается(?:\s+(?:индивидуально|на\s+собеседовании))?|индивидуально|высокая)"
    r"|(?P<zh>薪资面议|面议|(?:薪资|工资)?面谈))")
_UNSTATED_HINTS = ("competitive", "negotiable", "neg.", "doe", "d.o.e", "depending on",
                   "dependent on", "depends on", "depending upon", "commensurate", "attractive",
                   "market rate", "по итогам", "высокая", "tbc", "tba", "not stated", "not specified",
                   "not disclosed", "договорн", "по договор", "по результатам", "не указан",
                   "обсужда", "индивидуально", "面议", "面谈")

_JOIN_COMP = re.compile(
    r"[ \u00a0]*(?:\+|plus|and|&|,|，|、|;|with|и|плюс)[ \u00a0]*(?P<pct>\d{1,3}(?:\.\d)?[ \u00a0]?%[ \u00a0]*)?"
    r"(?:(?:an?|uncapped|generous|excellent|attractive|annual|quarterly|monthly|"
    r"performance|company|great|achievable|realistic|bonus|квартальные|годовые|"
    r"ежемесячные|ежеквартальные|годовая|квартальная)[ \u00a0]+)*"
    r"(?>(?P<allowance>car\s+allowance|travel\s+allowance|allowance|company\s+car|car|"
    r"компенсаци[яи](?:[ \u00a0]+(?:мобильной[ \u00a0]+)?(?:связи|топлива|бензина|гсм|проезда|"
    r"питания|аренды))?|交通补贴|住房补贴|通讯补贴|餐补|房补|补贴)"
    r"|(?P<bonus>bonus(?:es)?|премии|премия|бонусы|kpi|奖金|年终奖|绩效(?![工奖]))"
    r"|(?P<commission>commission|comms|комиссия|提成|%[ \u00a0]*(?:от[ \u00a0]+продаж|of[ \u00a0]+sales)|"
    r"процент[а-я]*[ \u00a0]+от[ \u00a0]+продаж)"
    r"|(?P<ote>ote)"
    r"|(?P<skip>benefits?|pension|healthcare|bens|perks|package|holiday|соцпакет|五险一金))"
    r"(?![" + _L + r"])(?![-‐][a-zа-яё])"
    r"(?![ \u00a0]*(?:of[ \u00a0]+|up[ \u00a0]+to[ \u00a0]+)?[" + _SIGNS + r"\d*])"
    r"(?![ \u00a0]*(?:до|от)[ \u00a0]+\d{1,3}[ \u00a0]?\d{3})")  # "KPI до 40 000 ₽": an amount of its own

_CJK = re.compile(r"[\u4e00-\u9fff]")
# Digits after a parenthesised area code: "(415) 555-0132", "(495) 123-45-67".
_PHONE_TAIL = re.compile(r"[ \u00a0]?\d{2,4}[ \u00a0.\-–]?\d{2}")

# Amounts written in Chinese numerals ("一万五", "八千", "一万到一万五/月"). Only
# runs holding a digit character and 千 or 万 are read (pay is never smaller).
_CN_NUM = re.compile(r"[一二两三四五六七八九十百千万]*[千万][一二两三四五六七八九十百千万]*")
_CN_DIGIT = {"一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7,
             "八": 8, "九": 9}
_CN_UNIT = {"十": 10, "百": 100, "千": 1000}


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
_CYR = re.compile(r"[а-яё]")
_LETTERS = frozenset("abcdefghijklmnopqrstuvwxyzабвгдеёжзийклмнопрстуфхцчшщъыьэюя")
_WORD_AFTER = re.compile(r"[ \u00a0+.,]*[a-zа-яё\u4e00-\u9fff]")
_WORD_BEFORE_REV = re.compile(r"[ \u00a0.,:]*[a-zа-яё\u4e00-\u9fff]")
_RETIREMENT = re.compile(r"[ \u00a0]?\(?[kb]\)?")

_COMP_WORD = {
    "basic": "base", "base": "base", "оклад": "base", "底薪": "base", "基本工资": "base",
    "ote": "ote", "otе": "ote", "commission": "commission", "comms": "commission",
    "комиссия": "commission", "提成": "commission", "bonus": "bonus", "bonuses": "bonus",
    "премия": "bonus", "премии": "bonus", "бонус": "bonus", "бонусы": "bonus",
    "奖金": "bonus", "年终奖": "bonus", "car allowance": "allowance", "allowance": "allowance",
    "补贴": "allowance", "package": "total", "total package": "total",
    "total compensation": "total",
}


def _comp_of(word: str) -> str:
    w = " ".join(word.split())
    if w[0] == "(":
        return "total"  # "(оклад + премия)": the figure is base and bonus together
    if w in _COMP_WORD:
        return _COMP_WORD[w]
    words = w.split(" ")
    if words[-1] in ("bonus", "bonuses"):
        return "bonus"
    if words[0] in ("basic", "base"):
        return "base"
    if words[0] == "total":
        return "total"
    if "allowance" in w or words[0] in ("car", "travel", "company"):
        return "allowance"
    return _COMP_WORD.get(words[0], "unspecified")


_PERIOD_GROUPS = frozenset(("year", "month", "week", "day", "hour"))

# Plausible pay per period in US-dollar-like units (see _SCALE).
_BANDS = {"hour": (3.0, 600.0), "day": (20.0, 4000.0), "week": (100.0, 15000.0),
          "month": (250.0, 45000.0), "year": (4000.0, 5e6)}


def _by_magnitude(v_usd: float) -> str:
    if v_usd < 100:
        return "hour"
    if v_usd < 700:
        return "day"
    if v_usd < 15000:
        return "month"
    return "year"


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

    def __init__(self, m: re.Match, start: int, cpre: str | None):
        self.start = start
        self.end = m.end()
        self.m = None  # fully read (``lazy`` tokens hold their match here until read)
        en, eu, sp, pl, mask, mult, csuf = m.groups()  # _CORE's groups (checked at import)
        cur = cpre or csuf
        self.cur = _currency_of(cur) if cur else None
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
        t = object.__new__(cls)
        t.start = start
        t.end = m.end()
        t.m = m
        t.cpre = cpre
        return t

    def read(self) -> None:
        """Fill in a lazy token: exactly what ``__init__`` would have set."""
        self.__init__(self.m, self.start, self.cpre)


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
_WAN_W = re.compile(r"(?:(?<![a-z0-9_/=.&?#%])|(?<=rmb)|(?<=cny))(\d{1,4}(?:\.\d{1,2})?)w"
                    r"(?![a-z0-9_]|/(?![年月日天周时]))")
_CJK_LEAD_BYTES = tuple(bytes([b]) for b in range(0xE4, 0xEA))  # UTF-8 of U+4E00-U+9FFF


def _has_cjk(text: str, lw: str) -> bool:
    """Does ``text`` hold a Chinese character? (UTF-8 lead-byte tests: no scan per character)."""
    if lw.isascii():
        return False
    raw = _text.same_length_utf8(text)
    return any(b in raw for b in _CJK_LEAD_BYTES)


_FULLWIDTH_RE = re.compile("[\uff10-\uff19\uff21-\uff3a\uff41-\uff5a]")
_FULLWIDTH = {**{0xFF10 + i: ord("0") + i for i in range(10)},
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
        t = object.__new__(_Tok)
        t.start, t.end, t.value, t.mult = m.start(), m.end(), v, None
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
    search, match = _START.search, _CORE.match
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
    make = _Tok.lazy if long_text else _Tok
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
        toks.append(make(m, start, cpre))
    if "万" in lw or "千" in lw:
        cn = _cn_tokens(lw)
        if cn:
            toks = sorted(toks + cn, key=operator.attrgetter("start"))
    return toks


# The clause separators "\n", ". ", "; ", "! ", "? ", "。", "；" written
# reversed, for a search on the reversed window before an amount.
_CLAUSE_SEP_REV = re.compile(r"\n| [.;!?]|。|；")


def _clause_rev(lw: str, lo: int, pos: int) -> tuple[int, str]:
    """(start, reversed text) of the clause before ``pos`` (no further back
    than ``lo`` or 64 chars).

    One search on the reversed window (which _build reads anyway) instead of
    an ``rfind`` per separator: the first separator found there is the one
    ending nearest before ``pos``, i.e. the largest ``rfind`` hit end, so the
    clause start is the same.
    """
    cut = max(lo, pos - 64)
    rev = lw[pos - 1:cut - 1:-1] if cut else lw[pos - 1::-1] if pos else ""
    if pos - cut >= 3:
        m = _CLAUSE_SEP_REV.search(rev)
        if m is not None:
            rev = rev[:m.start()]
    return pos - len(rev), rev


# Salary *fields* repeat a lot in real data (the raw salary columns of the
# Glassdoor and BOSS corpora are 56% and 83% duplicates), so results for short
# texts are memoised. The cache holds plain tuples and every call gets fresh
# SalaryMention objects, so callers may mutate what they receive.
_FIELD_CACHE: dict[tuple, tuple] = {}
_ALL_FIELDS = operator.attrgetter(*(f.name for f in fields(SalaryMention)))
_FIELD_CACHE_MAX = 8192


class _KnownField(int):
    """``True`` that says the source is known to be a pay field (``field=True``)."""


_KNOWN_FIELD = _KnownField(1)
_FIELD_MAX_LEN = 64


def clear_field_cache() -> None:
    """Forget memoised results (benchmarks use this to measure cold parsing)."""
    _FIELD_CACHE.clear()


def parse_salary(text: str, currency: str | None = None, *,
                 market: str | None = None, field: bool | None = None) -> list[SalaryMention]:
    """All pay mentions in ``text`` in order of appearance.

    Parameters
    ----------
    text:
        A salary field ("£35,000 - £45,000 per annum") or a whole posting.
    currency:
        ISO 4217 code used when the text names no currency.
    market:
        Market code (``GB``, ``US``, ``RU``, ``CN``, ``EU``...) whose convention
        gives the period when the text states none. Defaults to the currency's
        home market, then to the script of the text around the figure.
    field:
        Where the text comes from. ``True``: a pay field (a CSV salary column,
        JSON-LD ``baseSalary``, ``salary_raw``): it is pay by construction, so a
        bare figure ("32500", "18 - 20") is read as pay whatever the length.
        ``False``: running text (a description), where a figure is pay only with
        pay evidence tied to it. ``None``: the source is not known (a loose
        string in a notebook or a labelled set): a string of at most 64
        characters is read as a field. The product path always says which.

    Never raises on text input; returns ``[]`` when nothing looks like pay.
    """
    if not text or not isinstance(text, str):
        return []
    # A string known to come from a pay field is marked so (_KNOWN_FIELD, which is truthy);
    # a short string of unknown source is read as a field, with the labelled sets' conventions.
    if field is None:
        field_mode = len(text) <= _FIELD_MAX_LEN or len(text.strip()) <= _FIELD_MAX_LEN
    else:
        field_mode = _KNOWN_FIELD if field else False
    if len(text) <= _FIELD_MAX_LEN:
        key = (text, currency, market, field)
        try:
            hit = _FIELD_CACHE.get(key)
        except TypeError:  # an unhashable argument: parse without the cache
            return _parse(text, currency, market, field_mode=field_mode)
        if hit is not None:
            return [SalaryMention(*f) for f in hit]
        out = _parse(text, currency, market, field_mode=field_mode)
        if len(_FIELD_CACHE) >= _FIELD_CACHE_MAX:
            _FIELD_CACHE.clear()
        _FIELD_CACHE[key] = tuple(map(_ALL_FIELDS, out))
        return out
    return _parse(text, currency, market, field_mode=field_mode)


def _parse(text: str, currency: str | None, market: str | None,
           fast: bool = True, *, field_mode: bool | None = None) -> list[SalaryMention]:
    if field_mode is None:
        field_mode = len(text.strip()) <= _FIELD_MAX_LEN
    if not field_mode:
        # Running text whose line breaks were lost in scraping ("$182,000Benefits:",
        # "Rate: $31Schedule:"): read it with the breaks put back (workbench.text), so a
        # figure ends at its line, then give offsets in the text as it was.
        restored, inserted = _text.restore_breaks(text, bullets=False)
        if restored is not text:
            return _remap(_scan(restored, currency, market, fast, False), text, inserted)
    out = _scan(text, currency, market, fast, field_mode)
    if out and field_mode and text[-4:].rstrip()[-3:].lower() == "ote" and _OTE_FLAG.search(text):
        _ote_flag(out)
    return out



def _remap(mentions: list[SalaryMention], text: str, inserted: list[int]) -> list[SalaryMention]:
    """Mentions found in the text with its line breaks restored, with offsets and spans
    of the original ``text``."""
    for m in mentions:
        start = _text.original_offset(inserted, m.start)
        end = _text.original_offset(inserted, m.end)
        m.start, m.end, m.text = start, end, text[start:end].strip(" ,:;")
    return mentions


def _scan(text: str, currency: str | None, market: str | None, fast: bool,
          field_mode: bool) -> list[SalaryMention]:
    lw = _lower(text)
    default_cur = (currency.strip().upper() or None) if isinstance(currency, str) else None
    mkey = _market_key(market) if market else None
    if default_cur is None and mkey:
        default_cur = MARKET_CURRENCY.get(mkey)
    if "w" in lw and (default_cur == _ZH_CURRENCY or _has_cjk(text, lw)):
        lw = _WAN_W.sub(r"\1万", lw)
    if fast and field_mode and len(text) <= _FIELD_MAX_LEN:
        found = _fast_field(text, lw, default_cur, mkey)
        if found is not None:
            return found
    # Early exit for short texts only. A long text's first digit is usually
    # near its end (pay comes last), so this search would repeat most of the
    # scan _tokens does anyway; without it a text with no digit, no hint and
    # no 千/万 still gives [] (no tokens, and _unstated finds no hint).
    if (len(lw) <= 256 and _START.search(lw) is None
            and not any(k in lw for k in _UNSTATED_HINTS)
            and "万" not in lw and "千" not in lw):
        return []

    toks = _tokens(lw)
    out: list[SalaryMention] = []
    n = len(toks)
    i = 0
    prev_end = 0
    ntext = len(text)
    while i < n:
        t = toks[i]
        if t.start < prev_end:
            i += 1
            continue
        group = [t]
        j = i + 1
        if j < n:
            u = toks[j]
            gap_len = u.start - t.end
            if 0 <= gap_len <= 12 and (gap_len <= 7 and _RANGE_SEP.match(lw, t.end, u.start)
                                       or gap_len >= 10 and _MAX_VALUE.fullmatch(lw, t.end, u.start)):
                group.append(u)
                j += 1
        nxt = toks[j].start if j < n else ntext
        mention = _build(text, lw, group, prev_end, nxt, default_cur, mkey, field_mode)
        if mention is None and len(group) == 2:
            j = i + 1
            nxt = toks[j].start if j < n else ntext
            mention = _build(text, lw, [t], prev_end, nxt, default_cur, mkey, field_mode)
        if mention is not None:
            if (out and out[-1].low is None and out[-1].high is None and not out[-1].masked
                    and out[-1].component != "unspecified" and mention.component == "unspecified"
                    and _BRACKET_GAP.fullmatch(lw, out[-1].end, mention.start)):
                # "+ car allowance (£5,000)": the amount belongs to the component.
                c = out.pop()
                mention = replace(mention, component=c.component, start=c.start,
                                  text=text[c.start:mention.end])
            if out and (_restates(out[-1], mention) or _ends_range(out, mention, lw, text)):
                prev_end = mention.end
            else:
                out.append(mention)
                prev_end = mention.end
            while j < n and toks[j].start < prev_end:
                j += 1
            extra = _joined_components(lw, text, out[-1], toks[j].start if j < n else ntext,
                                       prev_end)
            if extra:
                out.extend(extra)
                prev_end = extra[-1].end
        while j < n and toks[j].start < prev_end:
            j += 1
        i = j

    _unstated(text, lw, out, default_cur, field_mode)
    return out


# Two amounts that carry their own period ("£35K/yr - £42K/yr", "From 24000 per annum to
# 28000 per annum per annum") are one range; JSON-LD renderings join theirs with "maxValue".
_PERIOD_RANGE_SEP = re.compile(r"[ \u00a0]*(?:-|–|—|to|до)[ \u00a0]*")
# "Minimum salary of $120,369 to maximum salary of $174,797", "Min\nUSD $75,000/Yr.\nMax\n":
# the two ends of one range, labelled.
_MAX_RANGE_SEP = re.compile(r"[\s.]*(?:(?:-|–|—|to)\s+)?(?:a\s+)?max(?:imum)?(?:\s+(?:salary|pay|rate))?"
                            r"(?:\s+of)?[\s:]*(?:[a-z]{3}[ \u00a0]+)?")
_MAX_VALUE = re.compile(r"[ \u00a0]+maxvalue[ \u00a0]+")
# Reed's ", OTE" at the end of a pay field marks the figure itself as on-target earnings.
_OTE_FLAG = re.compile(r",[ \u00a0]*(?i:ote)[ \u00a0]*\Z")


def _ends_range(out: list[SalaryMention], b: SalaryMention, lw: str, text: str) -> bool:
    """Make ``out[-1]`` the range "a to b" when both state the same period and currency
    and only a range separator stands between them (True: ``b`` is taken in)."""
    a = out[-1]
    if not (a.period and a.period == b.period and a.currency == b.currency
            and a.low is not None and b.high is not None and b.low in (None, b.high)
            and (a.high is None or a.high == a.low) and a.low <= b.high
            and a.component == b.component and b.start - a.end <= 40):
        return False
    written = not a.period_inferred and not b.period_inferred
    if not ((written and _PERIOD_RANGE_SEP.fullmatch(lw, a.end, b.start))
            or ("max" in lw[a.end:b.start] and _MAX_RANGE_SEP.fullmatch(lw, a.end, b.start))):
        return False
    a.high, a.end = b.high, b.end
    a.text = text[a.start:b.end].strip(" ,:;")
    return True


def _ote_flag(out: list[SalaryMention]) -> None:
    """Reed's ", OTE" flag: the first amount is OTE, and the flag is no mention of its own."""
    amounts = [m for m in out if m.low is not None or m.high is not None]
    if not amounts:
        return
    amounts[0].component = "ote"
    for m in list(out):
        if m.component == "ote" and m.low is None and m.high is None and m is not amounts[0]:
            out.remove(m)


def _build(text, lw, group, lo, hi_limit, default_cur, mkey, field_mode):
    """One mention from one amount or a two-amount range, or None if not pay."""
    first, last = group[0], group[-1]
    start, end = first.start, last.end
    ntext = len(lw)
    # ---- identifiers, phones, units -----------------------------------------
    if end < ntext:
        if _UNIT_AFTER.match(lw, end) is not None and not (field_mode and _json_unit(text, end)):
            return None
        if end + 1 < ntext and lw[end] in "-–—:/." and lw[end + 1].isdigit():
            return None  # phone, time, date or code: 725-63-57, 20:00, 24/7
    if start >= 2 and lw[start - 1] in "-–—/:" and lw[start - 2].isdigit():
        return None  # the tail of such a code
    if (start and lw[start - 1] == "(" and end < ntext and lw[end] == ")"
            and _PHONE_TAIL.match(lw, end + 1) is not None):
        return None  # a parenthesised area code: +1 (415) 555-0132, 8 (495) 123-45-67
    # Lazy tokens (long texts, see _tokens) are parsed only now: the checks
    # above read nothing but the spans, so the outcome is unchanged.
    if first.m is not None:
        first.read()
    if last.m is not None:
        last.read()
    if (start >= 4 and lw[start - 1] in " \u00a0" and lw[start - 2].isdigit() and first.cur is None
            and _PHONE_HEAD.search(lw, max(0, start - 14), start) is not None):
        return None  # a phone number's later group: 07700 900123, +44 7700 900123
    if first.lead_zero or last.lead_zero:
        return None
    if (first.value == 401 or first.value == 403) and _RETIREMENT.match(lw, first.start + 3):
        return None  # 401(k), 403(b) retirement plans
    if field_mode:
        cstart = lo
        rev = lw[start - 1:cstart - 1:-1] if cstart else lw[start - 1::-1] if start else ""
    else:
        cstart, rev = _clause_rev(lw, lo, start)
    if first.cur is None and rev and _LABEL_REV.match(rev, 0, 24):
        return None

    # ---- values ---------------------------------------------------------------
    masked = first.masked or last.masked
    if len(group) == 2 and not masked:
        a, b = first.value, last.value
        ma, mb = first.mult, last.mult
        if ma is None and mb is not None and a <= b:
            ma = mb
        elif ma is None and mb is None and (first.cur is None or last.cur is None):
            a = _shared_thousands(a, b)  # not "£20 - £20,000": each end has its own sign
        elif mb is None and ma is not None and a <= b and last.cur is None:
            mb = ma  # "50k-55": the multiplier written once, on the low end
        a *= ma or 1.0
        b *= mb or 1.0
        if a > b:
            return None
        low, high = a, b
    elif masked:
        low = high = None
    else:
        low = high = first.value * (first.mult or 1.0)
    has_mult = first.mult is not None or last.mult is not None
    cur = first.cur or last.cur

    # ---- words before and after ----------------------------------------------
    limit, comp, period, gross, payword, rpos = _read_before(rev) if rev else _NOTHING_BEFORE
    pstart = start - rpos
    after = _read_after(lw, end, hi_limit, period, gross)
    period, gross, mpy, est, open_low, end = after.period, after.gross, after.mpy, after.est, \
        after.open_low, after.end
    if cur is None:
        cur = after.cur
    if after.comp is not None:
        comp = after.comp
    if after.below or (field_mode and limit is None and rev.strip() == "ot"):
        limit = "upto"  # "8千以下"; a pay field's "to 9.50 per hour" (rev is reversed)

    # ---- is it pay? -----------------------------------------------------------
    period_written = period is not None
    strong = (cur is not None or period_written or comp is not None or payword
              or gross is not None or mpy is not None or est)
    if masked and not (cur or has_mult or strong):
        return None
    if (cur == _POUND and not has_mult and not (period_written or comp is not None or payword or mpy is not None)
            and "pound" in lw[first.start:end] and "£" not in lw[first.start:end]):
        return None  # "lift 50 pounds", "move up to 50 pounds": a weight, unless pay is said
    if end < ntext and lw[end] in _LETTERS and not (period_written and end > last.end
                                                     and text[end].isupper()):
        return None  # "12abc": a code or a unit, not pay ("£600 p/dThe Role" is a lost break)
    evidence = "field"
    if field_mode:
        # A bare figure in a field must stand alone: "35-40k".
        if not strong and ((_WORD_AFTER.match(lw, end) and not _field_tail(lw, end))
                           or (rev and _WORD_BEFORE_REV.match(rev, rpos))):
            return None
    else:
        evidence = _text_evidence(lw, pstart, end, cur, period, est, comp is not None or payword
                                  or gross is not None or mpy is not None, len(group) == 2 or has_mult)
        if evidence is None:
            return None
    if (first.year_like and (len(group) == 1 or last.year_like) and cur is None
            and not period_written and not payword):
        return None
    if high is not None and high <= 0:
        return None  # "0", "0-0": a board's placeholder for no pay
    if ((cstart < start and _one_off_before(lw, max(0, start - 160), start))
            or (end > last.end and _one_off_in(lw, last.end, end))  # the words read after the amount
            or (end < ntext and _ONE_OFF_AFTER.match(lw, end, min(ntext, end + 32)))):
        return None  # a referral, sign-on or relocation payment is paid once: not a wage rate
    if comp is None and not payword and mpy is None:
        if ((cstart < start and _NONPAY.search(lw, cstart, start))
                or (end < ntext and _NONPAY_AFTER.match(lw, end, min(ntext, end + 40)))):
            return None
    if cur is None:
        cur = default_cur
    elif mkey in _OWN_WORDS:
        cur = _local_rouble(cur, mkey, lw, start, end)
    script_market = None
    if mkey is None and (cur is None or _market_key(cur) is None):
        window = lw[max(0, pstart - 8):end]
        if _CJK.search(window):
            script_market = _ZH_MARKET
        elif _CYR.search(window):
            script_market = _RU_MARKET
        if cur is None and script_market:
            cur = MARKET_CURRENCY[script_market]

    # ---- period ---------------------------------------------------------------
    market = mkey or _market_key(cur) or script_market
    period, basis = _settle_period(period, cur, market, high if high is not None else low,
                                   mpy, bool(comp or payword or field_mode), comp,
                                   in_wan=first.mult == 1e4 or last.mult == 1e4)
    if period is None:
        return None
    if (comp == "bonus" and basis == "market" and period != "year"
            and _ANNUAL_BONUS.search(lw, max(0, pstart - 12), end) is not None):
        period, basis = "year", "written"  # "年终奖2-4万", "годовой бонус": paid once a year
        period_written = True

    implausible = _implausible(low, high, period, cur, market, mpy, comp)
    if implausible and not (comp or payword) and (
            evidence == "money" or (evidence == "field" and not period_written)):
        return None  # "$24B in coverage", "$61bn per year", a phone number: not a wage

    # ---- limits ---------------------------------------------------------------
    if len(group) == 1 and not masked:
        if limit == "upto":
            low = None
        elif limit == "from" or open_low:
            high = None

    return SalaryMention(
        text=text[pstart:end].strip(" ,:;"),
        start=pstart,
        end=end,
        low=low,
        high=high,
        currency=cur,
        period=period,
        period_inferred=not period_written,
        component=comp or "unspecified",
        gross=gross,
        months_per_year=mpy,
        masked=masked,
        period_basis=basis,
        market=market,
        implausible=implausible,
    )


_NOTHING_BEFORE = (None, None, None, None, False, 0)


def _read_before(rev: str) -> tuple:
    """``(limit, component, period, gross, payword, length)`` of the words right before
    an amount, read on the reversed window ``rev`` ("up to", "basic", "annual", "net")."""
    limit = comp = period = gross = None
    payword = False
    rpos = 0
    for _ in range(4):
        pm = _PREFIX_REV.match(rev, rpos)
        if pm is None:
            break
        kind = pm.lastgroup
        rpos = pm.end()
        if kind in ("upto", "from", "about", "between"):
            limit = limit or kind
        elif kind in _PREFIX_COMP:
            comp = comp or kind
        elif kind in _PREFIX_PERIOD:
            period = period or _PREFIX_PERIOD[kind]
            word = pm.group(kind)
            payword = payword or "薪" in word or "yralas" in word
        elif kind in ("pgross", "pnet"):
            gross = kind == "pgross"
        else:
            payword = True
    return limit, comp, period, gross, payword, rpos


# A component word followed by a colon labels what comes next ("Commission: ...").
_LABEL_AFTER = re.compile(r"[ \u00a0]*[:：]")
_AMOUNT_NEXT = re.compile(r"[ \u00a0]*(?:of[ \u00a0]+)?[" + _SIGNS + r"\d]")
# "$4,000 + per month": a "+" standing apart before a period word.
_PLUS_PERIOD = re.compile(r"[ \u00a0]+\+(?=[ \u00a0]*(?:" + _PERIODS + r"))")


@dataclass(slots=True)
class _After:
    """What the words right after an amount say (see :func:`_read_after`)."""

    period: str | None
    gross: bool | None
    end: int
    mpy: int | None = None
    comp: str | None = None
    cur: str | None = None
    est: bool = False
    open_low: bool = False
    below: bool = False


def _read_after(lw: str, end: int, hi_limit: int, period, gross) -> _After:
    """Periods, gross/net, components, currencies, ``·13薪``, "+" and "(est.)" after an
    amount, up to 64 characters and no further than the next amount (``hi_limit``)."""
    out = _After(period, gross, end)
    pos = end
    ntext = len(lw)
    plus = _PLUS_PERIOD.match(lw, pos)
    if plus is not None:
        out.open_low = True  # "$4,000 + per month": an open-ended minimum, monthly
        pos = plus.end()
    elif pos < ntext and lw[pos] == "+" and not _JOIN_COMP.match(lw, pos):
        out.open_low = True  # "£45k+": an open-ended minimum
        pos += 1
    tail_end = min(ntext, pos + 64)
    for _ in range(6):
        if pos >= tail_end or (pos >= hi_limit and pos > end):
            break
        m = _TRAIL.match(lw, pos, tail_end)
        if m is None or (m.lastgroup == "comp" and _comp_labels_next(lw, m.end())):
            m = _next_trail(lw, pos, tail_end) if m is None else None
        if m is None or not _take_trail(out, m):
            break
        if m.lastgroup in ("mpy", "mpy13"):
            hi_limit = tail_end  # "·13薪" holds the next token; read on past it
        pos = m.end()
    if pos > end and pos < ntext and lw[pos] == "+" and not _JOIN_COMP.match(lw, pos):
        out.open_low = True  # "$45/hr+"
        pos += 1
    out.end = pos
    return out


def _comp_labels_next(lw: str, pos: int) -> bool:
    """A component word followed by a colon or an amount names the next item ("Base:
    $85k-110k Commission: ...", "Basic 25000 OTE 40000"), not the amount before it."""
    return _LABEL_AFTER.match(lw, pos) is not None or _AMOUNT_NEXT.match(lw, pos) is not None


def _next_trail(lw: str, pos: int, tail_end: int):
    """A word read after a separator (", (gross)", "/ month") when none follows at once."""
    sm = _TRAIL_SEP.match(lw, pos, tail_end)
    if sm is None:
        return None
    m = _TRAIL.match(lw, sm.end(), tail_end)
    if m is None or m.lastgroup in ("comp", "tcur", "mpy"):
        return None
    return m


def _take_trail(out: _After, m: re.Match) -> bool:
    """Record one word read after an amount; False when it ends the reading."""
    g = m.lastgroup
    if g == "unit":
        g = m.group("unit")
    if g in _PERIOD_GROUPS:
        if out.period is None:
            out.period = g
        return out.period == g
    if g in ("gross", "net"):
        out.gross = g == "gross"
    elif g in ("mpy", "mpy13"):
        out.mpy = int(m.group(g))
    elif g == "comp":
        if out.comp is not None:
            return False
        out.comp = _comp_of(m.group("comp"))
    elif g == "tcur":
        if out.cur is None:
            out.cur = _currency_of(m.group("tcur"))
    elif g == "above":
        out.open_low = True
    elif g == "below":
        out.below = True
    else:
        out.est = True
    return True


_JSON_UNIT = re.compile(r"[ \u00a0]+(?:YEAR|MONTH|WEEK|DAY|HOUR)[ \u00a0]*(?:\Z|[;,)])")


def _json_unit(text: str, end: int) -> bool:
    """A JSON-LD unitText right after a figure at the end of a pay field ("... 38000 YEAR"):
    the period, not a duration."""
    return _JSON_UNIT.match(text, end) is not None


# What may follow a bare figure in a pay field: joined components ("+ bonus", "plus
# package") or qualifiers ("DOE", "depending upon experience", "pro rata", "negotiable").
_FIELD_QUALIFIER = re.compile(
    r"[ \u00a0,]*(?:\(?d\.?o\.?e\.?\)?|pro[ -]?rata|\(?depend(?:s|ing|ent)\s+(?:up)?on\s+experience\)?"
    r"|negotiable|neg\.|circa|inc(?:l\.?|luding)?\s+benefits|(?:plus|\+)\s*package|gross|net)(?![a-z])"
    r"|[ \u00a0]*(?:\+|plus[ \u00a0])")  # "23000 - 25000 + OTE 35000"


def _field_tail(lw: str, end: int) -> bool:
    """Do the words after a bare figure in a pay field only join components or qualify it?"""
    return _JOIN_COMP.match(lw, end) is not None or _FIELD_QUALIFIER.match(lw, end) is not None


# ---- pay evidence in running text --------------------------------------------------

# A job board's own estimate after a figure ("£52,706\nper year - estimated"): not the
# advertiser's pay.
_BOARD_ESTIMATE = re.compile(
    r"\s*(?:(?:per|a|an)[ \u00a0]+(?:year|annum|month|week|day|hour)[ \u00a0]*)?"
    r"[-–—(]?[ \u00a0]*(?:estimated|est\.)(?![a-z])")
# Where a figure standing on its own ends: a line, or a piece of a title line
# ("Data Analyst | £45,000 | Hybrid", "Data Engineer - Up to £140,000 Benefits").
_SEGMENT_SEPS = (" | ", "|", " - ", " – ", " — ", "•", " · ", ", ", ". ")
_LINE_REACH = 300


def _text_evidence(lw: str, pstart: int, end: int, cur, period, est: bool, named: bool,
                   shaped: bool) -> str | None:
    """The pay evidence tied to a figure of running text: ``"named"``, ``"clause"``,
    ``"money"`` or None (not pay).

    ``cur`` and ``period`` are the currency and period written beside the figure (None
    when not written); ``named`` says a pay word or pay component, gross/net or a
    months' count is right next to it; ``shaped`` that the figure is a range or has a
    multiplier ("35-40k"). Evidence: such a word (``named``); a pay word in the figure's
    clause or in a short heading line right above it, for a money figure or a figure
    with a period, a range or a multiplier (``clause``); a money figure with a written
    period, standing alone on its line or as a piece of a title line, or a range of
    money figures (``money``: the caller drops it when the amount is implausible). Not
    pay, whatever else: a job board's estimate ("per year - estimated"), and "N per
    week/day" with no currency beside hours, shifts, visits or meetings (a schedule).
    """
    if est or _BOARD_ESTIMATE.match(lw, end) is not None:
        return None
    if not (named or cur is not None or period is not None or shaped):
        return None  # a bare number: only a pay word right next to it would make it pay
    # The figure's line, read no further than 300 characters either way (linear time).
    lo = max(0, pstart - _LINE_REACH)
    line_start = max(lw.rfind("\n", lo, pstart) + 1, lo)
    hi = min(len(lw), end + _LINE_REACH)
    line_end = lw.find("\n", end, hi)
    line_end = hi if line_end < 0 else line_end
    if named:
        return "named"
    if (cur is None and period in ("week", "day")
            and _SCHEDULE.search(lw, max(line_start, pstart - 40), min(line_end, end + 40))):
        return None
    if ((cur is not None or period is not None or shaped)
            and _payword_in_clause(lw, line_start, pstart, end, line_end)):
        return "clause"
    if cur is None:
        return None
    if period is not None or shaped or _stands_alone(lw, line_start, pstart, end, line_end):
        return "money"
    return None


def _payword_in_clause(lw: str, line_start: int, pstart: int, end: int, line_end: int) -> bool:
    """A pay word in the figure's clause, or in a short heading line right above a figure
    that opens its line ("Compensation\n$95,000 - $110,000")."""
    # The sentence before the figure, across a single line break (a break restored by
    # workbench.text may split a name, "Peace|Health"), no further than 120 characters.
    lo = max(0, pstart - 120)
    cstart = max(lw.rfind(". ", lo, pstart), lw.rfind("; ", lo, pstart), lw.rfind("\n\n", lo, pstart),
                 _item_break(lw, lo, pstart), lo - 1) + 1
    if _PAYWORD.search(lw, cstart, pstart) is not None:
        return True
    stop = _clause_end(lw, end, min(line_end, end + 40))
    if _PAYWORD.search(lw, end, stop) is not None:
        return True
    if line_start == 0 or lw[line_start - 1] != "\n" or lw[line_start:pstart].strip(" \t-–—•*·|"):
        return False
    prev_start = lw.rfind("\n", max(0, line_start - 62), line_start - 1) + 1
    if prev_start == 0 and line_start > 62:
        return False  # the line above is longer than a heading
    return line_start - prev_start <= 61 and _PAYWORD.search(lw, prev_start, line_start) is not None


def _item_break(lw: str, lo: int, pos: int) -> int:
    """The last line break before ``pos`` (not before ``lo``) that ends a sentence or opens a
    list item ("...пакет;\n- выплата"), or -1."""
    k = lw.rfind("\n", lo, pos)
    while k >= lo and k > 0:
        if lw[k - 1] in ".;:!?" or lw[k + 1:k + 2] in ("-", "•", "*", "●", "–", "—"):
            return k
        k = lw.rfind("\n", lo, k)
    return -1


def _clause_end(lw: str, pos: int, stop: int) -> int:
    """End of the clause holding ``pos`` (the next ". ", "; " or "。"), no later than ``stop``."""
    ends = [k for k in (lw.find(". ", pos, stop), lw.find("; ", pos, stop), lw.find("。", pos, stop))
            if k >= 0]
    return min(ends) if ends else stop


def _stands_alone(lw: str, line_start: int, pstart: int, end: int, line_end: int) -> bool:
    """Is the figure the whole of its line or of a piece of a title line (a few words after
    it at most: "Up to £140,000 Benefits")?"""
    seg_start = max(line_start, *(lw.rfind(sep, line_start, pstart) + len(sep)
                                  for sep in _SEGMENT_SEPS if lw.rfind(sep, line_start, pstart) >= 0)) \
        if any(sep in lw[line_start:pstart] for sep in _SEGMENT_SEPS) else line_start
    if lw[seg_start:pstart].strip(" \t-–—•*·|:"):
        return False
    hits = [k for k in (lw.find(sep, end, line_end) for sep in _SEGMENT_SEPS) if k >= 0]
    tail = lw[end:min(hits) if hits else line_end]
    return len(tail.split()) <= 3 and not any(ch.isdigit() for ch in tail)


def _one_off_before(lw: str, lo: int, start: int) -> bool:
    """A one-off payment word before the amount, with no pay word between them
    ("referral bonus £1,000" is one-off; "referrals, base salary £30,000" is pay).
    Read from the start of the amount's sentence, no earlier than ``lo``."""
    if _ONE_OFF.search(lw, lo, start) is None:  # the usual case: nothing to read
        return False
    last = None
    for m in _ONE_OFF.finditer(lw, _sentence_start(lw, lo, start), start):
        if _word_start(lw, m.start()):
            last = m
    return last is not None and _WAGE_WORD.search(lw, last.end(), start) is None


def _word_start(lw: str, i: int) -> bool:
    return i == 0 or not ("a" <= lw[i - 1] <= "z")


def _one_off_in(lw: str, lo: int, hi: int) -> bool:
    """A one-off payment word (at a word start) between ``lo`` and ``hi``."""
    return any(_word_start(lw, m.start()) for m in _ONE_OFF.finditer(lw, lo, hi))


# Words naming the wage itself: after a one-off word they start a new item of pay.
_WAGE_WORD = re.compile(r"salar|wage|(?<![a-z])(?:pay|base)(?![a-z])|оклад|зарплат|заработн|薪")


def _sentence_start(lw: str, lo: int, pos: int) -> int:
    """Start of the sentence holding ``pos`` (after the last ". ", "; " or newline), no earlier than ``lo``."""
    return max(lw.rfind(". ", lo, pos), lw.rfind("; ", lo, pos), lw.rfind("\n", lo, pos), lo - 1) + 1


# The first group of a phone number right before a figure: a trunk prefix with a
# leading zero ("07700 ", "020 ") or a country code ("+44 ").
_PHONE_HEAD = re.compile(r"(?<![\d.,])(?:0\d{2,4}|\+\d{1,3}(?:[ \u00a0]\d{2,5})?)[ \u00a0]\Z")


# Words that make a bonus annual ("year-end bonus").
_ANNUAL_BONUS = re.compile(r"年终|年底|annual|yearly|year-end|годов|годичн")


# Parts of pay that are not a wage: their size says nothing of their period.
_PART_COMPONENTS = frozenset({"bonus", "commission", "allowance"})


def _default_band(period: str, cur, market, scale: float) -> tuple[float, float]:
    """The pay band a figure with no written period is judged by, in its own currency:
    the market's plausible band when the figure is in the market's currency ("400 руб."
    in Belarus is a month's part-time pay), else the US-dollar-like wage band scaled."""
    band = PLAUSIBLE_PAY.get(market or "")
    if band is not None and MARKET_CURRENCY.get(market) == cur and market in _OWN_BAND_MARKETS:
        return band[period]
    lo_b, hi_b = _BANDS[period]
    return lo_b * scale, hi_b * scale


def _settle_period(period, cur, market, v, mpy, pay_context, component=None, in_wan=False):
    """(period, basis) for a figure, or (None, None) when it is not pay.

    A bonus, commission or allowance with no written period takes the market's
    convention: the wage bands would read "bonus £500" as £500 a day.

    ``in_wan``: the figure is written in 万. "薪资：20-30万" states no period, and sums
    written in 万 are a year's pay (a month's is written in K or 元): a sum of 100,000
    or more that the convention made monthly is read as a year's, unless a months'
    count ("·13薪") says it is a month's pay. Judged on the top of a range, so "6-9万"
    stays monthly.
    """
    conv = CONVENTIONS.get(market or "default", CONVENTIONS["default"])
    basis = "written"
    scale = _SCALE.get(cur, 1.0)
    if period is None:
        period = conv.default_period
        basis = "market"
        if v is not None and component not in _PART_COMPONENTS:
            lo_b, hi_b = _default_band(period, cur, market, scale)
            if not (lo_b <= v <= hi_b):
                period = _by_magnitude(v / scale)
                basis = "magnitude"
                # Tiny sums with no pay word are fees or rewards, not wages
                # ("от 500 ₽ до 1000 ₽" for taking part in a study).
                if v / scale < 40 and not pay_context:
                    return None, None
    # A figure above a few million dollars a year is no wage: it is kept only with pay
    # evidence, and then marked implausible (_implausible).
    if in_wan and basis == "market" and period == "month" and mpy is None and v is not None and v >= 1e5:
        return "year", "magnitude"
    return period, basis


def _shared_thousands(a: float, b: float) -> float:
    """The low end of a range whose thousands are written once, on the high end:
    "70-90 000" and "от 110 до 140 000" are 70 000-90 000 and 110 000-140 000, "£40-45,000"
    is £40,000-45,000. Only a whole low end under 1,000 whose thousands land below the
    high end, within ten times it, and strictly below it ("от 20 до 20 000" is no range of one
    figure written twice)."""
    if a < 1000 and a.is_integer() and b >= 1000 and a * 1000 < b < a * 10000:
        return a * 1000
    return a


def _local_rouble(cur: str | None, mkey: str | None, lw: str, start: int, end: int) -> str | None:
    """"руб." or "р." in a Belarusian posting is the Belarusian rouble (not "₽"): another
    currency's words in a market that reads them as its own (``reads_as_own``)."""
    signs = _OWN_WORDS.get(mkey, {}).get(cur)
    if signs is not None and not any(sign in lw[start:end] for sign in signs):
        return MARKET_CURRENCY[mkey]
    return cur


def _implausible(low, high, period, cur, market, mpy=None, component=None) -> bool:
    """Is the amount outside the plausible pay of ``market`` for ``period``?

    A figure in another currency than the market's is judged by the US band scaled to
    that currency (``_SCALE``); a bonus, commission or allowance (a part of pay) by none."""
    if period is None or component in _PART_COMPONENTS:
        return False
    key = (market, cur, period)
    band = _BAND_CACHE.get(key)
    if band is None:
        band = _plausible_band(market, cur, period)
        if len(_BAND_CACHE) < 512:
            _BAND_CACHE[key] = band
    lo_b, hi_b = band
    if mpy and mpy > 12 and period == "month":
        hi_b *= 1.5  # "·16薪" states the months, the monthly sum may be high
    v_lo = low if low is not None else high
    v_hi = high if high is not None else low
    return v_lo is not None and (v_lo < lo_b or v_hi > hi_b)


_BAND_CACHE: dict[tuple, tuple[float, float]] = {}


def _plausible_band(market, cur, period) -> tuple[float, float]:
    bands = PLAUSIBLE_PAY.get(market or "")
    if bands is not None and MARKET_CURRENCY.get(market) == cur:
        return bands[period]
    scale = _SCALE.get(cur, 1.0)
    lo_b, hi_b = PLAUSIBLE_PAY[_USD_MARKET][period]
    return lo_b * scale, hi_b * scale


def _amount_rx(x: str) -> str:
    num = _NUM
    for g in ("en", "eu", "sp", "pl"):
        num = num.replace(f"(?P<{g}>", f"(?P<{x}{g}>")
    return (r"(?:(?P<" + x + r"c>" + _markets.fast_prefix_pattern() + r")[ \u00a0]?)?" + num
            + r"(?:" + _MULT.replace("(?P<mult>", f"(?P<{x}m>") + r")?"
            + r"(?:[ \u00a0\u202f\u2009]?" + _CSUF.replace("(?P<csuf>", f"(?P<{x}s>") + r")?")


# Fast path for the commonest salary *fields*: an optional limit word, one
# amount or a range with an explicit currency, an optional written period and
# an optional "(Glassdoor est.)". Anything else goes through the scanner;
# tests check both paths agree.
_FAST = re.compile(
    # Every part is an atomic group: once a part has matched it is never
    # re-split, so a field that does not fit fails at once instead of
    # backtracking through every way of reading its numbers (and each part
    # is read the way the scanner reads it).
    r"(?>(?:(?P<pay>salary|employer provided salary|зарплата|з/п|доход|月薪|年薪)[ \u00a0:]*)?)"
    r"(?>(?:(?P<lim>up to|from|starting at|от|до|od|do|около|about|around|to)[ \u00a0]+)?)"
    + r"(?>" + _amount_rx("a") + r")"
    + r"(?>(?:(?:[ \u00a0]{0,2}(?:-|–|—|−|~|～|－|至|到)[ \u00a0]{0,2}|[ \u00a0]{1,2}(?:to|до|do|bis)"
      r"[ \u00a0]{1,2})" + _amount_rx("b") + r")?)"
    + r"(?P<plus>\+)?"
    + r"(?>(?:[·*×x]?[ \u00a0]?(?P<mpy>1[2-9]|2[0-4])[ \u00a0]?薪)?)"
    + r"(?>(?:[ \u00a0\u202f]*(?:" + _GROSS_NET.replace("<gross>", "<gross1>").replace(
        "<net>", "<net1>") + r"))?)"
    + r"(?>(?:[ \u00a0\u202f]*(?:" + _PERIODS + r"))?)"
    + r"(?>(?:[ \u00a0\u202f]*(?:" + _GROSS_NET + r"))?)"
    + r"(?>(?:[ \u00a0\u202f]*(?P<est>" + _EST + r"))?)"
    # What may follow: components joined on ("+ bonus + car allowance") or
    # words that add nothing ("DOE", "pro rata"); checked in _fast_field.
    + r"(?P<rest>(?=[ \u00a0]*(?:\+|plus |and |& |,|，|、|;|doe|pro[ -]?rata|\(?depending))"
      r"(?s:.*))?"
)
_FAST_IGNORE = re.compile(
    r"[ \u00a0]+(?:\(?d\.?o\.?e\.?\)?|pro[ -]?rata|\(?depending on experience\)?)")


# The fast path unpacks ``m.groups()`` in this order (checked at import).
_FAST_NAMES = ("pay", "lim", "ac", "aen", "aeu", "asp", "apl", "am", "as",
               "bc", "ben", "beu", "bsp", "bpl", "bm", "bs", "plus", "mpy", "gross1", "net1",
               "year", "month", "week", "day", "hour", "gross", "net", "est", "rest")
assert sorted(_FAST.groupindex, key=_FAST.groupindex.get) == list(_FAST_NAMES)


def _lead_zero(raw: str) -> bool:
    """"07700": a phone or a code, not an amount."""
    return len(raw) > 1 and raw[0] == "0" and raw[1].isdigit()


def _fast_amounts(groups: tuple, is_range: bool):
    """``(low, high, mult_a, mult_b, a)`` of a field matched by _FAST, or None when the
    scanner must decide (a leading zero, 401(k), a reversed range, a zero placeholder)."""
    (_pay, _lim, ac, aen, aeu, asp, apl, am, as_, bc, ben, beu, bsp, bpl, bm, bs) = groups[:16]
    a, raw = _num_value(aen, aeu, asp, apl)
    if _lead_zero(raw) or a == 401.0 or a == 403.0:
        return None
    ma = _mult_of(am) if am else None
    mb = None
    if is_range:
        b, raw = _num_value(ben, beu, bsp, bpl)
        if _lead_zero(raw):
            return None
        mb = _mult_of(bm) if bm else None
        if ma is None and mb is not None and a <= b:
            ma = mb
        elif ma is None and mb is None and not ((ac or as_) and (bc or bs)):
            a = _shared_thousands(a, b)
        low, high = a * (ma or 1.0), b * (mb or 1.0)
        if low > high:
            return None
    else:
        low = high = a * (ma or 1.0)
    if high <= 0:
        return None  # "0", "0.00": a board's placeholder (the scanner says so)
    return low, high, ma, mb, a


def _fast_field(text, lw, default_cur, mkey):
    """Mentions for a simple salary field, or None to use the full scanner."""
    lead = 0
    body_end = len(lw)
    if lw[0] == " " or lw[-1] == " ":
        lead = body_end - len(lw.lstrip(" "))
        body_end = len(lw.rstrip(" "))
    m = _FAST.fullmatch(lw, lead, body_end)
    if m is None:
        return None
    (pay, lim, ac, aen, aeu, asp, apl, am, as_, bc, ben, beu, bsp, bpl, bm, bs, plus, mpy,
     g1, n1, year, month, week, day, hour, g2, n2, est, rest) = m.groups()
    is_range = not (ben is None and beu is None and bsp is None and bpl is None)
    amounts = _fast_amounts(m.groups(), is_range)
    if amounts is None:
        return None
    low, high, ma, mb, a = amounts
    period = ("year" if year else "month" if month else "week" if week else "day" if day
              else "hour" if hour else None)
    if pay == "月薪" or pay == "年薪":
        if period is not None:
            return None
        period = "month" if pay == "月薪" else "year"
    if (g1 or n1) and (g2 or n2):
        return None
    gross = True if (g1 or g2) else False if (n1 or n2) else None
    mpy = int(mpy) if mpy else None
    written = period is not None
    marker = ac or as_ or bc or bs
    if marker is not None:
        cur = _currency_of(marker)
        if mkey in _OWN_WORDS:
            cur = _local_rouble(cur, mkey, lw, lead, body_end)
        if cur is None:
            return None
    else:
        # The scanner's rules for a figure without a currency (see _build).
        if ma is None and apl is not None and 1900 <= a <= 2100 and a.is_integer() \
                and not written and not pay:
            return None  # a year, not pay
        if not (written or est or pay or gross is not None or mpy is not None):
            if lim:
                return None
            if rest and _WORD_AFTER.match(lw, m.start("rest")):
                return None
        cur = default_cur
    market = mkey or _market_key(cur)
    mend = m.start("rest") if rest else body_end
    if market is None:
        window = lw[max(0, lead - 8):mend]
        script = _ZH_MARKET if _CJK.search(window) else _RU_MARKET if _CYR.search(window) else None
        if cur is None and script:
            cur = MARKET_CURRENCY[script]
        market = script
    period, basis = _settle_period(period, cur, market, high, mpy, True,
                                   in_wan=ma == 1e4 or mb == 1e4)
    if period is None:
        return None
    if not is_range:
        if lim in ("up to", "до", "do", "to"):
            low = None
        elif lim in ("from", "от", "od", "starting at") or plus:
            high = None
    end = mend
    extra = None
    if rest:
        if _FAST_IGNORE.fullmatch(lw, end, body_end) is None:
            extra, chain_end = _join_chain(lw, text, end, cur, market)
            if chain_end != body_end:
                return None
    implausible = _implausible(low, high, period, cur, market, mpy)
    if implausible and not (pay or written):
        return None  # the scanner decides (it drops an implausible figure with no pay word)
    mention = SalaryMention(text[lead:end], lead, end, low, high, cur, period,
                            not written, "unspecified", gross, mpy, False, basis, market,
                            implausible)
    if extra:
        return [mention, *extra]
    return [mention]


def _restates(a: SalaryMention, b: SalaryMention) -> bool:
    """True when ``b`` repeats ``a`` ("20000 - 30000/annum 20-30K")."""
    return (b.low == a.low and b.high == a.high and a.low is not None
            and b.currency == a.currency and b.component == a.component
            and b.start - a.end <= 3)


def _joined_components(lw, text, mention, limit, pos=None):
    """Amountless components joined to a mention: '... + car allowance' (read from ``pos``,
    the end of a restatement of the mention, or from the mention's end)."""
    pos = max(mention.end, pos or 0)
    if pos >= limit:
        return []
    return _join_chain(lw, text, pos, mention.currency, mention.market)[0]


def _join_chain(lw, text, pos, currency, market):
    """(mentions, end) for the components chained from ``pos``."""
    out = []
    for _ in range(5):
        m = _JOIN_COMP.match(lw, pos, min(len(lw), pos + 80))
        # The pattern holds no digits but a percentage ("+ 10% bonus"), so
        # it cannot run over the next amount.
        if m is None:
            break
        kind = m.lastgroup
        if kind != "skip":
            s = m.start(kind)
            out.append(SalaryMention(
                text=text[s:m.end()], start=s, end=m.end(), low=None, high=None,
                currency=currency, period=None, period_inferred=False,
                component=kind, gross=None, months_per_year=None, masked=False,
                period_basis=None, market=market))
        pos = m.end()
    return out, pos


def _unstated(text, lw, out, default_cur, field_mode):
    """Add one mention for 'Competitive', 'DOE', 'negotiable', '面议' and kin
    when the text gives no amount (an amount makes them redundant)."""
    for o in out:
        if o.low is not None or o.high is not None or o.masked:
            return
    starts = []
    for hint in _UNSTATED_HINTS:
        k = lw.find(hint)
        while k >= 0:
            starts.append(k)
            k = lw.find(hint, k + 1)
    if not starts:
        return
    starts.sort()
    for k in starts:
        if k and lw[k - 1] in _LETTERS:
            continue
        m = _UNSTATED.match(lw, k)
        if m is None or (m.end() < len(lw) and lw[m.end()] in _LETTERS):
            continue
        s, e = m.start(), m.end()
        if any(o.start - 24 <= s <= o.end + 24 or o.start <= e <= o.end for o in out):
            continue
        if m.lastgroup == "kw":
            # A bare "competitive"/"DOE" counts only as (nearly) the whole
            # field or next to a pay word ("Salary: negotiable").
            alone = field_mode and len(text.strip()) <= (e - s) + 12
            if not alone and not (_PAYWORD.search(lw, max(0, s - 24), s)
                                  or _PAYWORD.search(lw, e, min(len(lw), e + 12))):
                continue
        cur = default_cur
        if cur is None and m.lastgroup == "zh":
            cur = _ZH_CURRENCY
        elif cur is None and _CYR.search(m.group()):
            cur = _RU_CURRENCY
        _insert_unstated(out, text, lw, m, cur, field_mode)
        return


def _insert_unstated(out, text, lw, m, cur, field_mode) -> None:
    """Put the amount-less mention of match ``m`` in order, with the components joined to
    it in a known pay field ("Competitive + OTE", "по договорённости + премии")."""
    s, e = m.start(), m.end()
    mention = SalaryMention(text=text[s:e], start=s, end=e, low=None, high=None,
                            currency=cur, period=None, period_inferred=False,
                            component="base" if m.lastgroup == "compbase" else "unspecified",
                            gross=None, months_per_year=None, masked=False)
    k = len(out)
    while k > 0 and out[k - 1].start > s:
        k -= 1
    joined = _join_chain(lw, text, e, cur, None)[0] if field_mode is _KNOWN_FIELD else []
    out[k:k] = [mention, *joined]
