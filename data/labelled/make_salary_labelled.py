"""Write ``salary_labelled.csv``: pay strings with the values a reader expects.

The strings imitate how pay is written on UK, US and EU job boards, on
Russian boards and on Chinese boards; the expected values are computed here
from the numbers put into each template, never by the salary engine.
Run ``python data/labelled/make_salary_labelled.py`` to rebuild the CSV
(deterministic: fixed seed). See README.md in this folder for the columns.
"""

from __future__ import annotations

import csv
import random
from pathlib import Path

OUT = Path(__file__).with_name("salary_labelled.csv")
COLUMNS = ["text", "language", "shape", "currency_arg", "market_arg", "n_mentions",
           "low", "high", "currency", "period", "component", "gross",
           "months_per_year", "masked", "note"]

rows: list[dict] = []
seen: set[str] = set()


def add(text, language, shape, n=1, low=None, high=None, currency=None, period=None,
        component="unspecified", gross=None, mpy=None, masked=False,
        currency_arg=None, market_arg=None, note=""):
    if text in seen:
        return
    seen.add(text)
    rows.append({
        "text": text, "language": language, "shape": shape,
        "currency_arg": currency_arg or "", "market_arg": market_arg or "",
        "n_mentions": n,
        "low": "" if low is None else low, "high": "" if high is None else high,
        "currency": currency or "", "period": period or "", "component": component if n else "",
        "gross": "" if gross is None else str(gross).lower(),
        "months_per_year": "" if mpy is None else mpy,
        "masked": str(bool(masked)).lower() if n else "", "note": note,
    })


def neg(text, language, note, **kw):
    add(text, language, "negative", n=0, component="", note=note, **kw)


rng = random.Random(20261123)


def grp(v: int, sep: str = ",") -> str:
    return f"{v:,}".replace(",", sep)


# ---------------------------------------------------------------- English, UK
for _ in range(40):
    a = rng.randrange(18, 70) * 1000
    b = a + rng.randrange(2, 16) * 1000
    per, period = rng.choice([("per annum", "year"), ("pa", "year"), ("p.a.", "year"),
                              ("per year", "year"), ("a year", "year"), ("/annum", "year"),
                              ("annually", "year"), ("per annum + benefits", "year")])
    sep = rng.choice([" - ", "-", " to ", " – "])
    add(f"£{a:,}{sep}£{b:,} {per}".replace(" /", "/"), "en", "range_full", low=a, high=b,
        currency="GBP", period=period)
for _ in range(30):
    a = rng.randrange(18, 80)
    b = a + rng.randrange(2, 20)
    form = rng.choice(["£{a}k - £{b}k", "£{a}-{b}k", "£{a}K-£{b}K", "£{a}k to £{b}k",
                       "£{a}-£{b}k", "£{a}k-£{b}k + bonus"])
    text = form.format(a=a, b=b)
    n = 2 if "bonus" in text else 1
    add(text, "en", "range_k", n=n, low=a * 1000, high=b * 1000, currency="GBP", period="year")
# Adzuna-style raw salary with no symbol: currency given by the caller.
for _ in range(25):
    a = rng.randrange(15, 60) * 1000
    b = a + rng.randrange(2, 12) * 1000
    form = rng.choice(["{a} - {b}/annum {ak}-{bk}K", "{a} - {b} per annum",
                       "{a}-{b} pa", "{ak}-{bk}k", "{ak}k - {bk}k"])
    text = form.format(a=a, b=b, ak=a // 1000, bk=b // 1000)
    # The restated "20-30K" repeats the first range: one mention, not two.
    n = 1
    period = "year"
    add(text, "en", "range_bare", n=n, low=a, high=b, currency="GBP", period=period,
        currency_arg="GBP")
for _ in range(20):
    b = rng.randrange(25, 95)
    form = rng.choice(["Up to £{b}k", "up to £{b},000", "Up to £{b},000 per annum",
                       "Salary up to £{b}k DOE", "up to £{b}K basic"])
    text = form.format(b=b)
    comp = "base" if "basic" in text else "unspecified"
    add(text, "en", "upto", low=None, high=b * 1000, currency="GBP", period="year",
        component=comp)
for _ in range(15):
    a = rng.randrange(20, 70)
    form = rng.choice(["From £{a},000", "£{a}k+", "from £{a}k per annum", "Starting at £{a},000",
                       "£{a},000+ DOE"])
    text = form.format(a=a)
    add(text, "en", "from", low=a * 1000, high=None, currency="GBP", period="year")
for _ in range(20):
    base = rng.randrange(30, 70)
    ote = base + rng.randrange(10, 50)
    form = rng.choice([
        "Up to £{b}k basic + OTE £{o}k + car allowance",
        "£{b}k basic + £{o}k OTE",
        "£{b},000 basic salary, OTE £{o},000",
        "Basic £{b}k, OTE £{o}k",
        "£{b}k base + uncapped commission",
    ])
    text = form.format(b=base, o=ote)
    low = None if text.lower().startswith("up to") else base * 1000
    n = 3 if "car allowance" in text else 2
    add(text, "en", "multi", n=n, low=low, high=base * 1000, currency="GBP", period="year",
        component="base")
for _ in range(25):
    h = rng.randrange(9, 40)
    p = rng.choice([0, 25, 50, 75, 10, 90])
    v = h + p / 100
    form = rng.choice(["£{v:.2f} per hour", "£{v:.2f}/hr", "£{v:.2f} an hour", "£{v:.2f} ph",
                       "£{v:.2f} p/h", "£{v:.2f} per hour + holiday pay"])
    add(form.format(v=v), "en", "hourly", low=v, high=v, currency="GBP", period="hour")
for _ in range(20):
    d = rng.randrange(80, 700, 5)
    d2 = d + rng.randrange(10, 150, 5)
    form = rng.choice(["£{d} per day", "£{d} - £{d2} per day", "{d} - {d2}/day",
                       "£{d}-£{d2} a day", "£{d}/day", "£{d} per day inside IR35"])
    text = form.format(d=d, d2=d2)
    hi = d2 if "{d2}" in form else d
    add(text, "en", "daily", low=d, high=hi, currency="GBP", period="day", currency_arg="GBP")
for _ in range(12):
    w = rng.randrange(250, 900, 10)
    form = rng.choice(["{w} per week", "£{w} per week", "£{w} pw", "£{w}/week", "£{w} weekly"])
    add(form.format(w=w), "en", "weekly", low=w, high=w, currency="GBP", period="week",
        currency_arg="GBP")
for _ in range(8):
    m = rng.randrange(18, 45) * 100
    add(f"£{m:,} per month", "en", "monthly", low=m, high=m, currency="GBP", period="month")
    add(f"£{m:,} pcm", "en", "monthly", low=m, high=m, currency="GBP", period="month")

# ---------------------------------------------------------------- English, US
for _ in range(30):
    a = rng.randrange(35, 150)
    b = a + rng.randrange(10, 70)
    form = rng.choice(["${a}K-${b}K (Glassdoor est.)", "Employer Provided Salary:${a}K-${b}K",
                       "${a}K-${b}K (Employer est.)", "${a},000 - ${b},000 a year",
                       "${a},000 - ${b},000 per year", "USD {a},000-{b},000"])
    add(form.format(a=a, b=b), "en", "range_us", low=a * 1000, high=b * 1000, currency="USD",
        period="year")
for _ in range(20):
    a = rng.randrange(14, 45)
    b = a + rng.randrange(3, 15)
    form = rng.choice(["${a}-${b} Per Hour(Glassdoor est.)", "${a} - ${b} an hour",
                       "${a}-${b}/hr", "${a}.00 - ${b}.00 per hour",
                       "Employer Provided Salary:${a}-${b} Per Hour"])
    add(form.format(a=a, b=b), "en", "hourly_us", low=a, high=b, currency="USD", period="hour")
for _ in range(10):
    a = rng.randrange(40, 120)
    ote = a * 2
    form = rng.choice(["${a},000 base salary + commission", "Base salary ${a}K, OTE ${o}K",
                       "${a}K base / ${o}K OTE"])
    text = form.format(a=a, o=ote)
    add(text, "en", "multi_us", n=2, low=a * 1000, high=a * 1000, currency="USD",
        period="year", component="base")

# ---------------------------------------------------------------- European
for _ in range(12):
    m = rng.randrange(25, 75) * 100
    add(f"€{grp(m, '.')} brutto pro Monat", "en", "eu_month", low=m, high=m, currency="EUR",
        period="month", gross=True, note="German")
    add(f"{grp(m, '.')} € brutto im Monat", "en", "eu_month", low=m, high=m, currency="EUR",
        period="month", gross=True, note="German")
for _ in range(10):
    cents = rng.randrange(0, 100)
    m = rng.randrange(1800, 4500)
    v = m + cents / 100
    txt = f"{grp(m, chr(0x202f))},{cents:02d} € par mois"
    add(txt, "en", "eu_month", low=v, high=v, currency="EUR", period="month", note="French")
for _ in range(12):
    a = rng.randrange(30, 80) * 1000
    b = a + rng.randrange(5, 20) * 1000
    form = rng.choice(["€{a:,} - €{b:,} per annum", "{ga} € - {gb} € par an",
                       "€{ak}k-€{bk}k", "EUR {a:,} - {b:,} per year"])
    add(form.format(a=a, b=b, ak=a // 1000, bk=b // 1000, ga=grp(a, " "), gb=grp(b, " ")),
        "en", "eu_year", low=a, high=b, currency="EUR", period="year")

# ---------------------------------------------------------------- Russian
NBSP = "\u00a0"
for _ in range(30):
    a = rng.randrange(40, 300) * 1000
    sp = rng.choice([" ", NBSP, "\u202f", "\u2009"])
    form = rng.choice(["{a} руб. в месяц", "{a} ₽ в месяц", "{a} рублей в месяц",
                       "{a} руб./мес.", "{a} р. в месяц", "{a} ₽/мес"])
    add(form.format(a=grp(a, sp)), "ru", "single", low=a, high=a, currency="RUB", period="month")
for _ in range(30):
    a = rng.randrange(40, 250) * 1000
    b = a + rng.randrange(10, 100) * 1000
    sp = rng.choice([" ", NBSP])
    tail, gross = rng.choice([("на руки", False), ("до вычета налогов", True),
                              ("", None), ("gross", True), ("net", False)])
    form = rng.choice(["от {a} до {b} ₽ {t}", "от {a} до {b} руб. {t}", "{a} – {b} ₽ {t}",
                       "з/п от {a} до {b} руб. {t}", "Зарплата: {a}-{b} руб. {t}"])
    text = form.format(a=grp(a, sp), b=grp(b, sp), t=tail).strip()
    add(text, "ru", "range", low=a, high=b, currency="RUB", period="month", gross=gross)
for _ in range(15):
    a = rng.randrange(40, 250) * 1000
    form = rng.choice(["от {a} руб.", "от {a} ₽ на руки", "Зарплата от {a} рублей",
                       "доход от {a} ₽ в месяц"])
    text = form.format(a=grp(a, " "))
    add(text, "ru", "from", low=a, high=None, currency="RUB", period="month",
        gross=False if "на руки" in text else None)
for _ in range(15):
    b = rng.randrange(60, 350) * 1000
    form = rng.choice(["до {b} руб.", "до {b} ₽ до вычета налогов", "Зарплата до {b} рублей",
                       "до {b} ₽ в месяц"])
    text = form.format(b=grp(b, " "))
    add(text, "ru", "upto", low=None, high=b, currency="RUB", period="month",
        gross=True if "вычета" in text else None)
for _ in range(15):
    a = rng.randrange(40, 200)
    b = a + rng.randrange(10, 80)
    form = rng.choice(["{a} тыс. руб.", "от {a} до {b} тыс. руб.", "{a}-{b} тыс. руб.",
                       "от {a} тыс. ₽", "{a} тыс. рублей в месяц"])
    text = form.format(a=a, b=b)
    if "{b}" in form:
        lo, hi = a * 1000, b * 1000
    elif text.startswith("от"):
        lo, hi = a * 1000, None
    else:
        lo = hi = a * 1000
    add(text, "ru", "thousands", low=lo, high=hi, currency="RUB", period="month")
for _ in range(15):
    v = rng.randrange(30, 150) * 1000
    form = rng.choice(["{v} долларов в год", "до {v} долларов в год", "около {v} долларов в год",
                       "от {v} долларов в год", "{v} евро в год"])
    text = form.format(v=grp(v, " "))
    cur = "EUR" if "евро" in text else "USD"
    lo, hi = v, v
    if text.startswith("до "):
        lo = None
    elif text.startswith("от "):
        hi = None
    add(text, "ru", "usd_year", low=lo, high=hi, currency=cur, period="year")
for _ in range(10):
    a = rng.randrange(50, 150) * 1000
    form = rng.choice(["Оклад {a} ₽ + премия", "оклад {a} руб. + бонусы",
                       "Оклад от {a} руб. + премии"])
    text = form.format(a=grp(a, " "))
    hi = None if "от " in text else a
    add(text, "ru", "multi", n=2, low=a, high=hi, currency="RUB", period="month",
        component="base")
for t in ["По договорённости", "з/п договорная", "Зарплата: по договоренности",
          "Заработная плата по результатам собеседования"]:
    add(t, "ru", "unstated", low=None, high=None, currency="RUB", period=None,
        currency_arg="RUB")

# ---------------------------------------------------------------- Chinese
for _ in range(40):
    a = rng.randrange(4, 40)
    b = a + rng.randrange(2, 20)
    m = rng.choice([None, None, 13, 14, 15, 16])
    form = rng.choice(["{a}-{b}K", "{a}k-{b}k", "{a}-{b}k", "{a}K-{b}K"])
    text = form.format(a=a, b=b) + (f"·{m}薪" if m else "")
    add(text, "zh", "k_month", low=a * 1000, high=b * 1000, currency="CNY", period="month",
        mpy=m, market_arg="CN")
for _ in range(15):
    a = rng.choice([1, 1.2, 1.5, 2, 2.5, 3])
    b = round(a + rng.choice([0.5, 1, 1.5, 2]), 1)
    m = rng.choice([None, 13, 14])
    fa = f"{a:g}"
    fb = f"{b:g}"
    text = f"{fa}-{fb}万" + (f"·{m}薪" if m else "")
    add(text, "zh", "wan_month", low=round(a * 10000), high=round(b * 10000), currency="CNY",
        period="month", mpy=m)
for _ in range(10):
    q = rng.randrange(5, 10)
    b = rng.choice([1, 1.2, 1.5])
    text = f"{q}千-{b:g}万"
    add(text, "zh", "qian_wan", low=q * 1000, high=round(b * 10000), currency="CNY",
        period="month")
for _ in range(12):
    a = rng.randrange(15, 60)
    b = a + rng.randrange(5, 30)
    form = rng.choice(["{a}-{b}万/年", "年薪{a}-{b}万", "{a}-{b}万每年"])
    add(form.format(a=a, b=b), "zh", "wan_year", low=a * 10000, high=b * 10000,
        currency="CNY", period="year")
for _ in range(20):
    d = rng.randrange(100, 400, 10)
    d2 = d + rng.randrange(20, 150, 10)
    form = rng.choice(["{d}元/天", "{d}-{d2}元/天", "{d}-{d2}元/日"])
    text = form.format(d=d, d2=d2)
    hi = d2 if "{d2}" in form else d
    add(text, "zh", "yuan_day", low=d, high=hi, currency="CNY", period="day")
for _ in range(12):
    a = rng.randrange(30, 150) * 100
    b = a + rng.randrange(10, 60) * 100
    form = rng.choice(["{a}-{b}元/月", "月薪{a}-{b}元", "{a}-{b}元每月"])
    add(form.format(a=a, b=b), "zh", "yuan_month", low=a, high=b, currency="CNY",
        period="month")
for _ in range(8):
    h = rng.randrange(20, 120, 5)
    h2 = h + rng.randrange(10, 60, 5)
    add(f"{h}-{h2}元/时", "zh", "yuan_hour", low=h, high=h2, currency="CNY", period="hour")
    add(f"{h}-{h2}元/小时", "zh", "yuan_hour", low=h, high=h2, currency="CNY", period="hour")
for _ in range(10):
    a = rng.randrange(8, 40)
    b = a + rng.randrange(3, 15)
    add(f"月薪{a}k-{b}k", "zh", "k_month", low=a * 1000, high=b * 1000, currency="CNY",
        period="month")
for t in ["面议", "薪资面议"]:
    add(t, "zh", "unstated", low=None, high=None, currency="CNY", period=None)

# ---------------------------------------------------------------- hand-written
add("£35,000 - £45,000 per annum", "en", "range_full", low=35000, high=45000,
    currency="GBP", period="year")
add("20000 - 30000/annum 20-30K", "en", "range_bare", n=1, low=20000, high=30000,
    currency="GBP", period="year", currency_arg="GBP")
add("35-40k", "en", "range_bare", low=35000, high=40000, currency="GBP", period="year",
    currency_arg="GBP")
add("Up to £60k basic + OTE £90k + car allowance", "en", "multi", n=3, low=None, high=60000,
    currency="GBP", period="year", component="base")
add("£18.50 per hour", "en", "hourly", low=18.5, high=18.5, currency="GBP", period="hour")
add("450 per week", "en", "weekly", low=450, high=450, currency="GBP", period="week",
    currency_arg="GBP")
add("90 - 140/day", "en", "daily", low=90, high=140, currency="GBP", period="day",
    currency_arg="GBP")
add("$53K-$91K (Glassdoor est.)", "en", "range_us", low=53000, high=91000, currency="USD",
    period="year")
add("Employer Provided Salary:$150K-$160K", "en", "range_us", low=150000, high=160000,
    currency="USD", period="year")
add("$17-$24 Per Hour(Glassdoor est.)", "en", "hourly_us", low=17, high=24, currency="USD",
    period="hour")
add("€4.500 brutto pro Monat", "en", "eu_month", low=4500, high=4500, currency="EUR",
    period="month", gross=True)
add("1 234,56 € par mois", "en", "eu_month", low=1234.56, high=1234.56, currency="EUR",
    period="month")
for t in ["Competitive", "DOE", "negotiable", "Competitive salary", "Salary negotiable",
          "Competitive basic salary", "Depending on experience", "Salary: Competitive"]:
    add(t, "en", "unstated", low=None, high=None, currency="GBP", period=None,
        currency_arg="GBP")
add("Up to ****k base plus ****k commission and ****k car allowance", "en", "masked", n=3,
    currency="GBP", period="year", component="base", masked=True, currency_arg="GBP",
    note="seed 000")
add("£****k - £****k per annum", "en", "masked", currency="GBP", period="year", masked=True)
add("****k basic + ****k OTE", "en", "masked", n=2, currency="GBP", period="year",
    component="base", masked=True, currency_arg="GBP")
add("100 000 руб. в месяц", "ru", "single", low=100000, high=100000, currency="RUB",
    period="month")
add("от 80 000 до 120 000 ₽ на руки", "ru", "range", low=80000, high=120000, currency="RUB",
    period="month", gross=False)
add("53 000 долларов в год", "ru", "usd_year", low=53000, high=53000, currency="USD",
    period="year")
add("до 95 000 долларов в год", "ru", "usd_year", low=None, high=95000, currency="USD",
    period="year")
add("Резюме Account Director / Клиент-директор, Москва, 100 000 руб. в месяц", "ru",
    "in_text", low=100000, high=100000, currency="RUB", period="month", note="seed 004")
add("в среднем менеджер по работе с клиентами в США зарабатывает до 53 000 долларов в год.",
    "ru", "in_text", low=None, high=53000, currency="USD", period="year", note="seed 004")
add("15k-25k", "zh", "k_month", low=15000, high=25000, currency="CNY", period="month",
    market_arg="CN")
add("1-1.5万·13薪", "zh", "wan_month", low=10000, high=15000, currency="CNY", period="month",
    mpy=13)
add("8千-1.2万", "zh", "qian_wan", low=8000, high=12000, currency="CNY", period="month")
add("30-40万/年", "zh", "wan_year", low=300000, high=400000, currency="CNY", period="year")
add("300元/天", "zh", "yuan_day", low=300, high=300, currency="CNY", period="day")
add("300-330元/天", "zh", "yuan_day", low=300, high=330, currency="CNY", period="day")
add("25-35K·13薪", "zh", "k_month", low=25000, high=35000, currency="CNY", period="month",
    mpy=13)
add("年薪30-40万", "zh", "wan_year", low=300000, high=400000, currency="CNY", period="year")
add("1,234.56 USD per month", "en", "format", low=1234.56, high=1234.56, currency="USD",
    period="month")
add("1.234,56 € pro Monat", "en", "format", low=1234.56, high=1234.56, currency="EUR",
    period="month")
add("Senior Account Manager, London. £45,000 - £55,000 + bonus + car allowance. "
    "Manage a portfolio of 20 key accounts worth £3m.", "en", "in_text", n=3, low=45000,
    high=55000, currency="GBP", period="year")
add("Account Executive – Leeds – £24,000 basic (OTE £32,000). We are a team of 60 people.",
    "en", "in_text", n=2, low=24000, high=24000, currency="GBP", period="year",
    component="base")
add("Ключевой менеджер. Оклад 90 000 руб. + премия по KPI. Опыт работы 3-5 лет.", "ru",
    "in_text", n=2, low=90000, high=90000, currency="RUB", period="month", component="base")
add("客户经理 北京 15-25K·14薪 3-5年本科 100-499人", "zh", "in_text", low=15000, high=25000,
    currency="CNY", period="month", mpy=14)

# ---------------------------------------------------------------- harder, hand-written
# Written after the templates above, in the styles of real boards, to test
# the engine on forms it was not tuned on first.
G = dict(currency="GBP", period="year")
add("Salary: £28,000 - £32,000 + 10% bonus", "en", "hard", n=2, low=28000, high=32000, **G)
add("£25k - £30k DOE + excellent benefits", "en", "hard", low=25000, high=30000, **G)
add("OTE £60,000 (£30,000 basic)", "en", "hard", n=2, low=60000, high=60000,
    component="ote", **G)
add("Basic salary £32,000 with OTE of £45,000", "en", "hard", n=2, low=32000, high=32000,
    component="base", **G)
add("£40,000 - £50,000 per annum pro rata", "en", "hard", low=40000, high=50000, **G)
add("£12.21 - £13.50 per hour, 37.5 hours per week", "en", "hard", low=12.21, high=13.5,
    currency="GBP", period="hour")
add("£500 - £600 per day (Outside IR35)", "en", "hard", low=500, high=600, currency="GBP",
    period="day")
add("Up to £45,000 + car or car allowance", "en", "hard", n=2, low=None, high=45000, **G)
add("Salary: £50-60K + 15% bonus + car allowance + pension", "en", "hard", n=3, low=50000,
    high=60000, **G)
add("Circa £40,000", "en", "hard", low=40000, high=40000, **G)
add("£1,800 per calendar month", "en", "hard", low=1800, high=1800, currency="GBP",
    period="month")
add("£14 ph + holiday pay", "en", "hard", low=14, high=14, currency="GBP", period="hour")
add("£45,000 - £55,000 (depending on experience)", "en", "hard", low=45000, high=55000, **G)
add("£22,000 - £24,000 pa + 25 days holiday", "en", "hard", low=22000, high=24000, **G)
add("£30k-£35k pro-rata (0.6 FTE)", "en", "hard", low=30000, high=35000, **G)
add("Negotiable depending on experience", "en", "hard", currency="GBP", currency_arg="GBP")
add("Salary: TBC", "en", "hard", currency="GBP", currency_arg="GBP")
add("Competitive salary + bonus + benefits", "en", "hard", currency="GBP", currency_arg="GBP")
add("Account Director | Manchester | £55,000 - £65,000 + on target earnings of £80,000",
    "en", "hard", n=2, low=55000, high=65000, **G)
U = dict(currency="USD", period="year")
add("$95,000 - $110,000 a year", "en", "hard", low=95000, high=110000, **U)
add("$20.50/hour", "en", "hard", low=20.5, high=20.5, currency="USD", period="hour")
add("Pay: $65,000.00 - $80,000.00 per year", "en", "hard", low=65000, high=80000, **U)
add("Estimated: $52,000 - $68,000 a year", "en", "hard", low=52000, high=68000, **U)
add("From $18 an hour", "en", "hard", low=18, high=None, currency="USD", period="hour")
add("$120K - $140K base + equity", "en", "hard", low=120000, high=140000, component="base",
    **U)
add("Salary range: $90k-110k", "en", "hard", low=90000, high=110000, **U)
add("The base pay range for this role is $104,000 to $156,000 annually.", "en", "hard",
    low=104000, high=156000, **U)
add("€3.200 brutto/Monat", "en", "hard", low=3200, high=3200, currency="EUR", period="month",
    gross=True)
add("CHF 120'000 - 140'000 per year", "en", "hard", low=120000, high=140000, currency="CHF",
    period="year")
R = dict(currency="RUB", period="month")
add("Зарплата: от 120 000 до 150 000 руб. на руки, премии по итогам квартала", "ru", "hard",
    n=2, low=120000, high=150000, gross=False, **R)
add("Оклад 60 000 ₽ + KPI до 40 000 ₽", "ru", "hard", n=2, low=60000, high=60000,
    component="base", **R)
add("от 70 тыс. рублей до вычета НДФЛ", "ru", "hard", low=70000, high=None, gross=True, **R)
add("з/п 45-60 т.р.", "ru", "hard", low=45000, high=60000, **R)
add("Доход 150 000 - 250 000 руб./мес.", "ru", "hard", low=150000, high=250000, **R)
add("ЗП: 100к на руки", "ru", "hard", low=100000, high=100000, gross=False, **R)
add("Заработная плата: 95 000 рублей", "ru", "hard", low=95000, high=95000, **R)
add("от 3 000 $ в месяц", "ru", "hard", low=3000, high=None, currency="USD", period="month")
add("до 250 000 ₽ gross", "ru", "hard", low=None, high=250000, gross=True, **R)
add("Уровень дохода не указан", "ru", "hard", currency="RUB", currency_arg="RUB")
C = dict(currency="CNY", period="month")
add("薪资：15-20K", "zh", "hard", low=15000, high=20000, **C)
add("月薪：1.5万-2万", "zh", "hard", low=15000, high=20000, **C)
add("200元/天，每周4天", "zh", "hard", low=200, high=200, currency="CNY", period="day")
add("年薪50万以上", "zh", "hard", low=500000, high=None, currency="CNY", period="year")
add("15K-25K·13薪 + 年终奖", "zh", "hard", n=2, low=15000, high=25000, mpy=13, **C)
add("底薪4000+提成", "zh", "hard", n=2, low=4000, high=4000, component="base", **C)
add("日薪300-500", "zh", "hard", low=300, high=500, currency="CNY", period="day")
add("时薪25元", "zh", "hard", low=25, high=25, currency="CNY", period="hour")
add("Условия: оклад 85 000 руб. + % от продаж; график 5/2 с 9:00 до 18:00.", "ru", "hard",
    n=2, low=85000, high=85000, component="base", **R)
add("Мы предлагаем: заработную плату от 150 000 рублей на руки, квартальные премии до 30% "
    "оклада.", "ru", "hard", n=2, low=150000, high=None, gross=False, **R)
add("£31,000 + 12% bonus + car allowance of £4,800", "en", "hard", n=3, low=31000,
    high=31000, **G)
add("£29,000 basic, OTE £45,000 (uncapped commission)", "en", "hard", n=2, low=29000,
    high=29000, component="base", **G)
add("Salary: 48,000 - 55,000 EUR gross per year + 13th salary", "en", "hard", low=48000,
    high=55000, currency="EUR", period="year", gross=True, mpy=13)
add("We offer a salary of £38,000 to £42,000 depending on experience, 25 days annual leave "
    "plus bank holidays.", "en", "hard", low=38000, high=42000, **G)
add("Hourly rate: $22.50. Shifts are 8 hours, Monday to Friday, 9am-5pm. Call (555) 123-4567.",
    "en", "hard", low=22.5, high=22.5, currency="USD", period="hour")
add("薪资待遇：底薪6000-8000元/月+提成，五险一金，年终奖。", "zh", "hard", n=3, low=6000,
    high=8000, component="base", **C)
neg("You will look after 30+ accounts worth £4m in annual revenue.", "en", "account value")
neg("公司成立于2010年，注册资本5000万元，员工300余人。", "zh", "company facts")
neg("Компания основана в 1998 году, более 2 500 сотрудников в 12 городах.", "ru",
    "company facts")
neg("Опыт работы: 1–3 года", "ru", "years of experience")
neg("Офис: ул. Тверская, д. 7, стр. 2", "ru", "address")
neg("ИНН 7701234567", "ru", "tax id")
neg("工作时间9:00-18:00", "zh", "working hours")
neg("成立于2015年", "zh", "year founded")
neg("地址：北京市朝阳区建国路88号", "zh", "address")
neg("We have grown revenue to $45M ARR in 2023", "en", "company revenue")
neg("Manage 15-20 client accounts with budgets of $50k-$500k", "en", "client budgets")
neg("Hours: Monday to Friday, 8:30 - 17:00", "en", "working hours")
neg("Requires 2+ years of agency experience", "en", "years of experience")

# ---------------------------------------------------------------- negatives
neg("Тел.: 8 495 725-63-57", "ru", "phone")
neg("телефон, с которого мы можем позвонить всегда один: 8 495 725-63-57.", "ru", "phone")
neg("Call us on 020 7946 0958", "en", "phone")
neg("Published in 2022", "en", "year")
neg("Должностная инструкция [обновлено для 2022 г.]", "ru", "year")
neg("Опыт работы 7-10 лет", "ru", "years of experience")
neg("7-10 лет", "ru", "years of experience")
neg("Achieve 120% of target", "en", "percentage")
neg("Spend 25% of time on prospecting", "en", "percentage")
neg("A company with more than 60 employees", "en", "head count")
neg("Webindex: 62124303", "en", "reference number")
neg("Job ref: 48213", "en", "reference number")
neg("Bracknell RG12 1AA", "en", "postcode")
neg("Мы выдаем символические вознаграждения за очное участие в исследовании — "
    "от 500 ₽ до 1000 ₽.", "ru", "study reward (seed 004)")
neg("Вознаграждение за участие в исследовании не может быть больше 1500 ₽, если вас "
    "пригласили в офис.", "ru", "study reward (seed 004)")
neg("Manage a £2m portfolio of accounts", "en", "portfolio value")
neg("Revenue targets of £500k per quarter", "en", "sales target")
neg("Ленинградский проспект, 39/79", "ru", "address")
neg("公司规模1000-9999人", "zh", "head count")
neg("1-3年本科", "zh", "years of experience")
neg("4天/周6个月本科", "zh", "days per week")
neg("注册资金500万", "zh", "registered capital")
neg("Assumes Company mobile phone 24/7/365", "en", "schedule")
neg("Categorise the jobs into the **** major areas of responsibility.", "en", "masked count")
neg("Опыт 100+ компаний", "ru", "count")
neg("Q1. В чем сходство?", "ru", "question number")
neg("after 20:00 Moscow time", "en", "clock time")
neg("Customer satisfaction of 95 percent", "en", "percentage")
neg("Our team of 12 account managers", "en", "count")
neg("Grow accounts by 15% year on year", "en", "percentage")
for _ in range(25):
    y = rng.randrange(1995, 2026)
    n = rng.randrange(5, 500)
    p = rng.randrange(5, 95)
    pick = rng.randrange(6)
    if pick == 0:
        neg(f"Founded in {y}, we employ {n} people", "en", "year and head count")
    elif pick == 1:
        neg(f"В {y} году компания открыла {n} магазинов", "ru", "year and count")
    elif pick == 2:
        neg(f"{p}% of your time will be spent with clients", "en", "percentage")
    elif pick == 3:
        neg(f"Requisition ID: {rng.randrange(100000, 999999)}", "en", "reference number")
    elif pick == 4:
        neg(f"{rng.randrange(1, 10)}-{rng.randrange(10, 20)}年经验", "zh", "years of experience")
    else:
        neg(f"Опыт работы от {rng.randrange(1, 6)} лет", "ru", "years of experience")


def main() -> None:
    with OUT.open("w", encoding="utf-8", newline="") as f:
        w = csv.DictWriter(f, fieldnames=COLUMNS)
        w.writeheader()
        w.writerows(rows)
    print(f"wrote {len(rows)} rows to {OUT}")


if __name__ == "__main__":
    main()
