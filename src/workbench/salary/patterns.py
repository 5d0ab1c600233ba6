"""Words around an amount, as compiled regexes: periods, gross/net, components, limits,
labels and units that make a number something else, pay words, money that is not pay,
unstated pay and components joined on. Currency words come from the markets table;
the cue lists from ``workbench/data/pay_cues.yaml``.
"""

from __future__ import annotations

import re

from .. import markets as _markets
from .numbers import _CSUF, _L

# The currency of the word "pound", which is also a weight ("lift 50 pounds").
_POUND = _markets.currency_code("pound")
# One-character currency signs written before an amount ('£$€₽¥'): an amount follows.
_SIGNS = _markets.before_signs()

_RANGE_SEP = re.compile(
    r"[ \u00a0]*(?:-|–|—|−|~|～|－|to|до|do|à|a|bis|至|到|and|и|or)[ \u00a0]*\Z")


# ---- words after an amount -------------------------------------------------
# Full words never take a dot (a dot after them ends the sentence);
# abbreviations may.
_P_YEAR = r"annum|year|anno|jahr|an|año|ano|год|年|(?:ann|yr|г)\.?"
_P_MONTH = r"month|monat|mois|mes|miesiąc|månad|месяц|月|(?:mth|mo|mån|мес|mies)\.?"
_P_WEEK = r"week|woche|semaine|неделю|周|星期|(?:wk|нед)\.?"
_P_DAY = r"day|diem|shift|выход|tag|jour|día|dia|день|смен[уаы]|сутки|天|日"
_P_HOUR = r"hour|stunde|heure|hora|godzinę|timme|час|小时|时|小時|(?:hr|h|tim|ч|godz)\.?"
_PER = r"(?:/|per|a|an|each|pro|par|im|al|por|na|za|в|за|每)"
_B = r"(?![" + _L + r"])"

_PERIODS = (
    r"(?P<year>" + _PER + r"[ \u00a0]*(?:" + _P_YEAR + r")" + _B +
    r"|p\.?\s?a\.?" + _B + r"|p/annum" + _B + r"|p/a|annum" + _B + r"|annual(?:ly)?" + _B + r"|annuel(?:le)?" + _B + r"|yearly|jährlich|rocznie|годовых|每年)"
    r"|(?P<month>" + _PER + r"[ \u00a0]*(?:" + _P_MONTH + r")" + _B +
    r"|pcm|p\.c\.m\.?|p/m|per[ \u00a0]+calendar[ \u00a0]+month|monthly|monatlich|mensuel|miesięcznie|ежемесячно)"
    r"|(?P<week>" + _PER + r"[ \u00a0]*(?:" + _P_WEEK + r")" + _B +
    r"|p\.?\s?w\.?" + _B + r"|p/w|weekly|еженедельно)"
    r"|(?P<day>" + _PER + r"[ \u00a0]*(?:" + _P_DAY + r")" + _B +
    r"|p\.?\s?d\.?" + _B + r"|p/d(?:ay)?|daily|day\s+rate|ежедневно)"
    r"|(?P<hour>" + _PER + r"[ \u00a0]*(?:" + _P_HOUR + r")" + _B +
    r"|p\.?\s?h\.?" + _B + r"|p\.?hr\.?" + _B + r"|p/h(?:r|our)?|hourly|почасово)"
)
_GROSS_NET = (
    r"(?P<gross>gross|brutto|bruto|brut|гросс|до\s+вычета(?:\s+(?:налогов|ндфл))?|"
    r"до\s+налогообложения|before\s+tax(?:es)?|pre-?tax|税前)" + _B +
    r"|(?P<net>net(?:to)?(?![-‐][a-z])|нетто|на\s+руки|после\s+вычета\s+(?:налогов|ндфл)|"
    r"after\s+tax(?:es)?|чистыми|税后|到手)" + _B
)
_EST = r"\(?(?:glassdoor|employer)\s+est\.?\)?|\(?est\.?\)?|\(?estimated\)?"
_TRAIL = re.compile(
    r"[ \u00a0\u202f]*(?:" + _PERIODS +
    # A B2B contract's "netto (+ VAT)": the invoice before VAT, not pay after income tax.
    r"|(?P<b2b>net(?:to)?[ \u00a0]*\(?[ \u00a0]*\+[ \u00a0]*vat\)?)"
    r"|" + _GROSS_NET +
    r"|[·*×x]?[ \u00a0]?(?P<mpy>1[2-9]|2[0-4])[ \u00a0]?薪"
    # "CHF 7'200 / Monat x 13": thirteen monthly salaries a year, closing the field
    r"|[x×][ \u00a0]?(?P<mpyx>1[3-6])(?=[ \u00a0]*(?:\Z|[,;)]))"
    # "25k upwards", "25k and above", "28000 plus" (closing the field); "28k max"
    r"|(?P<above>及以上|以上|起|(?:(?:and|or)[ \u00a0]+)?(?:upwards|onwards)|(?:and|or)[ \u00a0]+(?:above|more)" + _B +
    r"|plus(?=[ \u00a0]*\Z))"
    r"|(?P<below>以下|以内|封顶|(?:max(?:imum)?\.?|(?:or|and)[ \u00a0]+(?:less|below))(?=[ \u00a0]*(?:\Z|[,;)])))"
    # JSON-LD unitText rendered as text: "GBP 32000 - 38000 YEAR", "value 14.25 GBP HOUR"
    r"|(?:unittext[ \u00a0]+)?(?P<unit>year|month|week|day|hour)(?=[ \u00a0]*(?:\Z|[;,)]))"
    r"|(?:\+[ \u00a0]*)?(?P<mpy13>1[3-6])(?:th|-?я|-?й)[ \u00a0]+(?:month[ \u00a0]+)?"
    r"(?:salary|pay|зарплата|оклад)(?![a-zа-яё])"
    r"|(?P<comp>\((?:оклад|base|basic|底薪)[ \u00a0]*\+[ \u00a0]*(?:преми[яи]|бонус(?:ы)?|bonus|"
    r"commission|提成|奖金)\)|\(incl(?:\.|uding)?[ \u00a0]+variable(?:[ \u00a0]+pay)?(?:[ \u00a0]*:[ \u00a0]*\d{1,3}(?:\.\d{1,2})?[ \u00a0]?%)?\)|"
    r"inc(?:l?\.|l|luding)?[ \u00a0]+(?:super(?:annuation)?|(?:(?:inner|outer)[ \u00a0]+)?london[ \u00a0]+weighting)|basic(?:\s+salary)?|base(?:\s+salary|\s+pay)?|"
    # "12 LPA fixed + 3 LPA variable"; not "6 fixed public holidays"
    r"(?:fixed|variable)(?:\s+(?:pay|salary|ctc)|(?=[ \u00a0]*(?:\Z|[+,;)/(&])))|ote|otе|"
    r"commission|comms|(?:(?:sign[\s-]?on|signing|joining|welcome|annual|quarterly|"
    r"performance|discretionary|retention|relocation)\s+)?bonus(?:es)?|car\s+allowance|"
    r"allowance|total\s+(?:package|compensation|comp|cash|pay)|package|trp|оклад|преми[яи]|бонус(?:ы)?|"
    r"底薪|提成|奖金|补贴)" + _B +
    r"|(?P<est>" + _EST + r")"
    r"|" + _CSUF.replace("csuf", "tcur") +
    r")"
)
_BRACKET_GAP = re.compile(r"[ \u00a0]*[(:：（][ \u00a0]*|[ \u00a0]+of[ \u00a0]+")
_TRAIL_SEP = re.compile(r"[ \u00a0]*[,(/（][ \u00a0]*")

# ---- words before an amount (matched on the reversed window) ---------------
_PREFIX_WORDS: dict[str, tuple[str, ...]] = {
    "upto": ("up to", "upto", "up-to", "of up", "maxvalue", "до", "do", "не более", "max.", "max", "maximum", "less than",
             "under", "as much as", "bis zu", "jusqu'à", "jusqu'a", "最高", "至多", "最高可达", "最高达", "可达",
             "не выше", "может достигать", "достигать", "достигает"),
    "from": ("from", "minvalue", "от", "od", "starting at", "starting from", "starts at", "start at",
             "min.", "min", "minimum", "at least", "не менее", "не ниже", "ab",
             "à partir de", "dès", "最低", "over", "more than", "in excess of", "свыше",
             "более"),
    "between": ("between", "между"),
    "about": ("around", "about", "approx.", "approx", "approximately", "circa", "ca.",
              "c.", "около", "примерно", "порядка", "~", "约", "大约", "rund"),
    "ote": ("ote", "ote of", "on target earnings", "on target earnings of",
            "on-target earnings", "on-target earnings of", "otе", "ote range",
            "on target earnings range", "on-target earnings range"),
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
    "total": ("综合", "total package", "total package of", "total compensation",
              "total compensation of", "total comp", "total cash", "total pay", "package",
              "package of", "tcc", "ttc", "trp", "年包", "总包", "综合薪资", "综合收入", "综合工资",
              "综合月薪", "综合年薪"),
    "pyear": ("annual", "annual salary", "yearly", "per annum", "年薪", "в год"),
    "pmonth": ("monthly", "monthly salary", "月薪", "в месяц"),
    "pday": ("daily rate", "day rate", "日薪", "日结"),
    "phour": ("hourly", "hourly rate", "时薪", "в час"),
    "pweek": ("weekly", "周薪", "周结"),
    "pgross": ("gross", "brutto", "до вычета налогов", "税前"),
    "pnet": ("net", "netto", "на руки", "税后", "到手"),
    "pay": ("salary", "salary range", "salary banding", "employer provided salary",
            "pay", "pay range", "target pay", "wage", "wages", "rate", "compensation",
            "remuneration", "earnings", "earning", "earn", "earns", "paying", "pays",
            "зарплата", "зарплаты", "зарплату", "заработная плата", "заработную плату",
            "заработной платы", "зарплатой", "заработной платой", "з/п", "зп", "доход",
            "вознаграждение", "зарабатывает", "зарабатывать", "зарабатывают",
            "заработок", "оплата", "оплата труда", "薪资", "薪酬", "工资", "待遇", "收入"),
}


def _reversed_alternation(words) -> str:
    alts = []
    for w in sorted(set(words), key=len, reverse=True):
        parts = [re.escape(p[::-1]) for p in w.split(" ")[::-1]]
        alts.append(r"[ \u00a0]+".join(parts))
    return "|".join(alts)


# Pay headings whose line break was lost before the words of a figure ("CompensationUp to
# $50/hr", "SalaryFrom £30,000"): such a heading glued before a word still ends the word.
_GLUED_HEADINGS = ("compensation", "salary", "pay", "rate", "remuneration", "wage", "wages")
_PREFIX_REV = re.compile(
    r"[ \u00a0\t:：\-–.,(]*(?:" + "|".join(
        f"(?P<{kind}>{_reversed_alternation(words)})" for kind, words in _PREFIX_WORDS.items()
    ) + r")(?:(?![" + _L + r"])|(?=(?:" + _reversed_alternation(_GLUED_HEADINGS) + r")(?![" + _L + r"])))"
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
    r"人|年(?!薪|终|底)|个月|天(?!/)|周(?!/)|小时|家|位|次)|[ \u00a0]?\d")

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

    from ..config import PACKAGE_DATA

    with (PACKAGE_DATA / "pay_cues.yaml").open(encoding="utf-8") as handle:
        return yaml.safe_load(handle)


_CUES = _load_cues()


def _cue(kind: str) -> str:
    return "(?:" + "|".join(_CUES[kind]) + ")"


_NONPAY = re.compile(_cue("not_pay_before"))
_NONPAY_AFTER = re.compile(r"[ \u00a0+]*(?:[a-z]+(?:-[a-z]+)?[ \u00a0]+){0,2}?" + _cue("not_pay_after"))

# One-off payments named next to an amount: they are not a rate of pay to annualise.
# No look-behind at the start (it would stop the engine's first-character skip): the
# word boundary before a match is tested by _word_start.
_ONE_OFF = re.compile(_cue("one_off_before"))
# The one word allowed between is no joining word: "£30,000 plus relocation" is a salary and a
# relocation package, "$2,000 relocation bonus" a one-off.
_ONE_OFF_AFTER = re.compile(r"[ \u00a0]*(?<![a-z])(?:(?!(?:plus|and|with|or|including|incl|inc|also)[ \u00a0.])"
                            r"[a-z]+[ \u00a0]+)?" + _cue("one_off_after")
                            + r"(?![a-z])")
# A recurring payment a pay field states with its period ("$3,200/month stipend"): its pay.
_FIELD_PAY = re.compile(_cue("pay_in_field"))
# Counts of hours, shifts, visits or meetings: a figure beside them is a schedule.
_SCHEDULE = re.compile(r"(?<![a-zа-яё])" + _cue("schedule_words") + r"(?![a-zа-яё])")

_PAYWORD = re.compile(
    r"salar|pay(?!ment|check|roll)|wage|(?<![a-z])earn|income|compensat|remunerat|(?<![a-z])ote(?![a-z])|"
    r"basic(?![a-z])|(?<![a-z])base(?![a-z])|bonus|commission|package|"
    r"(?<![a-z])rates?(?![a-z])|зарплат|заработ|з/п|(?<![а-яё])зп(?![а-яё])|оклад|доход|"
    r"вознагражд|преми|бонус|薪|工资|待遇|收入|报酬")

_UNSTATED = re.compile(
    r"(?:(?P<compsal>(?:competitive|attractive|negotiable|excellent|generous)(?:\s+(?:basic|base))?\s+"
    r"(?:salary|salaries|pay|package|rates?|remuneration|compensation)|market\s+(?:day\s+|hourly\s+)?rates?|"

    r"attraktive[sn]?\s+(?:vergütung|gehalt)|salaire\s+attractif|"
    r"конкурентн[а-я]*\s+(?:зарплата|заработная\s+плата|оплата(?:\s+труда)?|з/п|доход))"
    r"|(?P<compbase>competitive\s+(?:basic|base))"
    r"|(?P<commission>commission[\s-]+only(?:[\s-]+(?:role|position|basis|job))?|100[ \u00a0]?%[ \u00a0]+commission(?:[\s-]+(?:only|based))?)"
    r"|(?P<bonus>bonus[\s-]+eligible|eligible[ \u00a0]+for[ \u00a0]+(?:an?[ \u00a0]+)?(?:annual[ \u00a0]+)?bonus)"
    r"|(?P<kw>competitive|negotiable|neg\.|d\.?o\.?e\.?|to\s+be\s+(?:negotiated|agreed|discussed)|конкурентная|"
    r"best\s+in\s+(?:the\s+)?industry|сдельная(?:\s+оплата(?:\s+труда)?)?|"
    r"depend(?:s|ing|ent)\s+(?:up)?on\s+experience|"
    r"commensurate\s+with\s+experience|discussed\s+at\s+(?:the\s+)?interview|tbc|tba|tbd|to\s+be\s+confirmed|(?:salary\s+)?on\s+application|not\s+(?:stated|specified|disclosed)"
    r"(?:\s+by\s+(?:the\s+)?(?:recruiter|employer|company))?|"
    r"договорная|договорной|по\s+договор[её]нности|по\s+(?:результатам|итогам)\s+собеседования|"
    r"не\s+указан[аоы]?|обсуждается(?:\s+(?:индивидуально|на\s+собеседовании))?|индивидуально|высокая|"
    # German, French and Swedish boards: by agreement, by profile, fixed or individual salary
    r"nach\s+vereinbarung|verhandlungsbasis|selon\s+(?:profil|expérience)|à\s+négocier|"
    r"enligt\s+överenskommelse|individuell\s+lönesättning|fast\s+(?:månads)?lön)"
    r"|(?P<zh>薪资面议|面议|(?:薪资|工资)?面谈|可议))")
_UNSTATED_HINTS = ("competitive", "negotiable", "neg.", "doe", "d.o.e", "depending on",
                   "dependent on", "depends on", "depending upon", "commensurate", "attractive",
                   "market rate", "по итогам", "высокая", "tbc", "tba", "not stated", "not specified",
                   "not disclosed", "договорн", "по договор", "по результатам", "не указан",
                   "обсужда", "индивидуально", "面议", "面谈", "可议", "discussed at",
                   "market day", "market hourly")
# Looked for in pay fields only: a posting's text pays no extra pass for them.
_FIELD_UNSTATED_HINTS = _UNSTATED_HINTS + ("tbd", "commission only", "commission-only", "to be negotiated",
                                           "100% commission", "100 % commission", "bonus eligible",
                                           "bonus-eligible", "eligible for", "attraktive", "salaire",
                                           "nach vereinbarung", "verhandlungsbasis", "selon", "à négocier",
                                           "enligt", "individuell", "fast lön", "fast månadslön",
                                           "excellent", "generous", "to be confirmed", "on application",
                                           "to be agreed", "to be discussed", "конкурентн",
                                           "best in", "сдельн")

_JOIN_COMP = re.compile(
    r"[ \u00a0]*(?:,[ \u00a0]*(?:(?:оклад|basic|base)[ \u00a0]*)?(?=\+|plus[ \u00a0]|with[ \u00a0]))?(?:\+|plus|and|&|,|，|、|;|with|и|плюс)[ \u00a0]*(?:另有|另加|外加|有)?(?P<pct>\d{1,3}(?:\.\d)?[ \u00a0]?%[ \u00a0]*)?"
    r"(?:(?:an?|uncapped|generous|excellent|attractive|annual|quarterly|monthly|"
    r"performance|company|great|achievable|realistic|bonus|квартальные|годовые|"
    r"ежемесячные|ежеквартальные|годовая|квартальная)[ \u00a0]+)*"
    r"(?:高额?|超高|丰厚|项目|季度|年度|全勤)?"  # "+高提成", "+项目奖金"
    r"(?>(?P<allowance>(?:(?:inner|outer)\s+)?london\s+weighting(?:\s+allowance)?|car\s+allowance|travel\s+allowance|(?:[a-z]+\s+)?allowance|company\s+car|car|per[\s-]diem|"
    r"компенсаци[яи](?:[ \u00a0]+(?:мобильной[ \u00a0]+)?(?:связи|топлива|бензина|гсм|проезда|"
    r"питания|аренды))?|交通补贴|住房补贴|通讯补贴|餐补|房补|补贴)"
    r"|(?P<bonus>bonus(?:es)?|incentives?|variable(?:\s+(?:pay|bonus))?|(?:aws|vb)(?=[ \u00a0]*(?:\Z|[+,;)&]))|annual\s+wage\s+supplement|премии|премия|бонусы?|kpi|奖金|年终奖|绩效奖金|绩效(?![工奖]))"
    r"|(?P<commission>commission|comms|provision|комиссия|提成|%[ \u00a0]*(?:(?:от|с)[ \u00a0]+продаж|of[ \u00a0]+sales)?|"
    r"процент[а-я]*[ \u00a0]+(?:от|с)[ \u00a0]+продаж|процент(?:ы|ов))"
    r"|(?P<ote>ote)"
    r"|(?P<skip>benefits?|pension|super(?:annuation)?|healthcare|bens|perks|package|holiday|соцпакет|五险一金|股票期权|期权|股权))"
    r"(?![" + _L + r"])(?![-‐][a-zа-яё])"
    r"(?![ \u00a0]*(?:of[ \u00a0]+|up[ \u00a0]+to[ \u00a0]+)?[" + _SIGNS + r"\d*])"
    r"(?![ \u00a0]*(?:до|от)[ \u00a0]+\d{1,3}[ \u00a0]?\d{3})")  # "KPI до 40 000 ₽": an amount of its own

_CJK = re.compile(r"[\u4e00-\u9fff]")
# Digits after a parenthesised area code: "(415) 555-0132", "(495) 123-45-67".
_PHONE_TAIL = re.compile(r"[ \u00a0]?\d{2,4}[ \u00a0.\-–]?\d{2}")
_CYR = re.compile(r"[а-яё]")
_WORD_AFTER = re.compile(r"[ \u00a0+.,]*[a-zа-яё\u4e00-\u9fff]")
_WORD_BEFORE_REV = re.compile(r"[ \u00a0.,:]*[a-zа-яё\u4e00-\u9fff]")
_RETIREMENT = re.compile(r"[ \u00a0]?\(?[kb]\)?")

_COMP_WORD = {
    "basic": "base", "base": "base", "оклад": "base", "底薪": "base", "基本工资": "base",
    "fixed": "base", "variable": "bonus",
    "ote": "ote", "otе": "ote", "commission": "commission", "comms": "commission",
    "комиссия": "commission", "提成": "commission", "bonus": "bonus", "bonuses": "bonus",
    "премия": "bonus", "премии": "bonus", "бонус": "bonus", "бонусы": "bonus",
    "奖金": "bonus", "年终奖": "bonus", "car allowance": "allowance", "allowance": "allowance",
    "补贴": "allowance", "package": "total", "total package": "total",
    "total compensation": "total", "trp": "total",
}


def _comp_of(word: str) -> str:
    w = " ".join(word.split())
    if w[0] == "(" or w.startswith("inc"):
        return "total"  # "(оклад + премия)", "inc. super": the figure is base and more together
    if w in _COMP_WORD:
        return _COMP_WORD[w]
    words = w.split(" ")
    if words[-1] in ("bonus", "bonuses"):
        return "bonus"
    if words[0] in ("basic", "base", "fixed"):
        return "base"
    if words[0] == "total":
        return "total"
    if "allowance" in w or words[0] in ("car", "travel", "company"):
        return "allowance"
    return _COMP_WORD.get(words[0], "unspecified")


_PERIOD_GROUPS = frozenset(("year", "month", "week", "day", "hour"))


# Words naming the wage itself: after a one-off word they start a new item of pay.
_WAGE_WORD = re.compile(r"salar|wage|(?<![a-z])(?:pay|base)(?![a-z])|оклад|зарплат|заработн|薪")


# The first group of a phone number right before a figure: a trunk prefix with a
# leading zero ("07700 ", "020 ") or a country code ("+44 ").
_PHONE_HEAD = re.compile(r"(?<![\d.,])(?:0\d{2,4}|\+\d{1,3}(?:[ \u00a0]\d{2,5})?)[ \u00a0]\Z")


# Words that make a bonus annual ("year-end bonus").
_ANNUAL_BONUS = re.compile(r"年终|年底|annual|yearly|year-end|годов|годичн")
