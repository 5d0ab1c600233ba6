"""Salary engine (``workbench.salary``, its entry point ``salary.scan``): one behaviour per
test, on strings written for these tests. The other modules of the package have their
own test modules (tests/test_salary_<module>.py)."""

from __future__ import annotations

import pytest

from workbench.salary import SalaryMention, convention_for, parse_salary


def one(text, **kw) -> SalaryMention:
    found = parse_salary(text, **kw)
    assert len(found) == 1, found
    return found[0]


FILLER = " We are a friendly team in a modern office with good coffee and flexible working."


def text_pay(text, **kw):
    return [(m.low, m.high, m.currency, m.period) for m in
            parse_salary(text + FILLER, field=False, **kw)]


# ---------------------------------------------------------------- English


def test_uk_range_per_annum():
    m = one("£35,000 - £45,000 per annum")
    assert (m.low, m.high, m.currency, m.period, m.period_inferred) == (
        35000, 45000, "GBP", "year", False)
    assert (m.start, m.end) == (0, len("£35,000 - £45,000 per annum"))


def test_bare_range_with_restated_k_range_is_one_mention():
    m = one("20000 - 30000/annum 20-30K", currency="GBP")
    assert (m.low, m.high, m.currency, m.period) == (20000, 30000, "GBP", "year")


def test_k_range_applies_multiplier_to_both_ends():
    m = one("35-40k", currency="GBP")
    assert (m.low, m.high, m.period, m.period_inferred) == (35000, 40000, "year", True)
    assert m.period_basis == "market"


def test_basic_ote_and_car_allowance_are_three_mentions():
    base, ote, car = parse_salary("Up to £60k basic + OTE £90k + car allowance")
    assert (base.component, base.low, base.high) == ("base", None, 60000)
    assert (ote.component, ote.low, ote.high) == ("ote", 90000, 90000)
    assert (car.component, car.low, car.high, car.currency) == ("allowance", None, None, "GBP")


def test_hourly_weekly_daily():
    assert one("£18.50 per hour").period == "hour"
    assert one("£18.50 per hour").low == 18.5
    w = one("450 per week", currency="GBP")
    assert (w.low, w.period, w.currency) == (450, "week", "GBP")
    d = one("90 - 140/day", currency="GBP")
    assert (d.low, d.high, d.period) == (90, 140, "day")


@pytest.mark.parametrize("text,low,high,period", [
    ("$53K-$91K (Glassdoor est.)", 53000, 91000, "year"),
    ("Employer Provided Salary:$150K-$160K", 150000, 160000, "year"),
    ("$17-$24 Per Hour(Glassdoor est.)", 17, 24, "hour"),
])
def test_glassdoor_shapes(text, low, high, period):
    m = one(text)
    assert (m.low, m.high, m.currency, m.period) == (low, high, "USD", period)
    assert m.text == text


def test_european_formats_and_gross():
    m = one("€4.500 brutto pro Monat")
    assert (m.low, m.currency, m.period, m.gross) == (4500, "EUR", "month", True)
    f = one("1 234,56 € par mois")
    assert (f.low, f.currency, f.period) == (1234.56, "EUR", "month")


@pytest.mark.parametrize("space", [" ", "\u00a0", "\u2009", "\u202f"])
def test_space_grouped_thousands(space):
    m = one(f"100{space}000 руб. в месяц")
    assert (m.low, m.currency, m.period) == (100000, "RUB", "month")


@pytest.mark.parametrize("text,value", [
    ("1,234.56 USD per month", 1234.56), ("1.234,56 € pro Monat", 1234.56),
    ("£1,234 per week", 1234), ("£2.5k per month", 2500),
])
def test_number_formats(text, value):
    assert one(text).low == pytest.approx(value)


@pytest.mark.parametrize("text", ["Competitive", "DOE", "negotiable", "Salary negotiable",
                                  "По договорённости", "面议"])
def test_unstated_pay_is_one_mention_without_amount(text):
    m = one(text)
    assert m.low is None and m.high is None and not m.masked and m.period is None


def test_competitive_in_running_text_is_not_a_mention():
    assert parse_salary("We work in a highly competitive market and grow every year.") == []


def test_unstated_is_dropped_when_an_amount_is_given():
    found = parse_salary("Competitive salary: £30,000 - £35,000 per annum")
    assert [(m.low, m.high) for m in found] == [(30000, 35000)]


def test_masked_seed_000():
    text = "Up to ****k base plus ****k commission and ****k car allowance Manage, develop"
    found = parse_salary(text, currency="GBP")
    assert [m.component for m in found] == ["base", "commission", "allowance"]
    assert all(m.masked and m.low is None and m.high is None for m in found)


def test_open_ended_minimum_and_maximum():
    assert (one("£45k+").low, one("£45k+").high) == (45000, None)
    assert (one("From £30,000").low, one("From £30,000").high) == (30000, None)
    assert (one("up to £50k").low, one("up to £50k").high) == (None, 50000)


# ---------------------------------------------------------------- Russian


def test_russian_monthly_and_net():
    m = one("от 80 000 до 120 000 ₽ на руки")
    assert (m.low, m.high, m.currency, m.period, m.gross) == (80000, 120000, "RUB", "month", False)
    assert m.period_inferred is True


def test_russian_gross_and_thousands():
    m = one("Зарплата от 90 тыс. руб. до вычета налогов")
    assert (m.low, m.high, m.gross) == (90000, None, True)


def test_russian_dollars_per_year():
    m = one("до 95 000 долларов в год")
    assert (m.low, m.high, m.currency, m.period, m.period_inferred) == (
        None, 95000, "USD", "year", False)


def test_seed_004_study_rewards_are_not_pay():
    text = ("Мы выдаем символические вознаграждения за очное участие в исследовании — "
            "от 500 ₽ до 1000 ₽. Вознаграждение за участие в исследовании не может быть "
            "больше 1500 ₽, если вас пригласили в офис. Резюме: Account Director, Москва, "
            "100 000 руб. в месяц. Телефон: 8 495 725-63-57.")
    found = parse_salary(text)
    assert [(m.low, m.currency, m.period) for m in found] == [(100000, "RUB", "month")]


# ---------------------------------------------------------------- Chinese


@pytest.mark.parametrize("text,low,high,period,mpy", [
    ("15k-25k", 15000, 25000, "month", None),
    ("1-1.5万·13薪", 10000, 15000, "month", 13),
    ("8千-1.2万", 8000, 12000, "month", None),
    ("30-40万/年", 300000, 400000, "year", None),
    ("300元/天", 300, 300, "day", None),
    ("300-330元/天", 300, 330, "day", None),
    ("3000-10000元/月", 3000, 10000, "month", None),
    ("150-200元/时", 150, 200, "hour", None),
    ("月薪15k-25k", 15000, 25000, "month", None),
    ("年薪30-40万", 300000, 400000, "year", None),
    ("25-35K·14薪", 25000, 35000, "month", 14),
])
def test_chinese_shapes(text, low, high, period, mpy):
    m = one(text, market="CN")
    assert (m.low, m.high, m.currency, m.period, m.months_per_year) == (
        low, high, "CNY", period, mpy)


def test_chinese_currency_inferred_from_script():
    assert one("25-35K·13薪").currency == "CNY"


# ---------------------------------------------------------------- not pay


@pytest.mark.parametrize("text", [
    "8 495 725-63-57", "Call us on 020 7946 0958", "Published in 2022", "7-10 лет",
    "Achieve 120% of target", "A company with more than 60 employees",
    "Webindex: 62124303", "Job ref: 48213", "Bracknell RG12 1AA",
    "Manage a £2m portfolio of accounts", "Revenue targets of £500k per quarter",
    "公司规模1000-9999人", "1-3年本科", "Assumes Company mobile phone 24/7/365",
    "Benefits: 401(k) with match", "We raised $80M in funding", "9am - 5pm",
    "lift objects up to 75 pounds",
])
def test_not_pay(text):
    assert parse_salary(text) == []


def test_empty_and_non_text():
    assert parse_salary("") == []
    assert parse_salary(None) == []  # type: ignore[arg-type]


# ---------------------------------------------------------------- periods


def test_magnitude_is_last_resort_and_said():
    m = one("£18.50", currency="GBP")
    assert (m.period, m.period_inferred, m.period_basis) == ("hour", True, "magnitude")
    assert "size of the figure" in m.annualise()["convention"]


def test_market_argument_sets_period_convention():
    assert one("30000-40000", market="RU", currency="RUB").period == "month"
    assert one("45000", market="GB").period == "year"


def test_offsets_point_into_text():
    text = "Account Manager, Leeds. Salary: £28,000 - £32,000 per annum plus bonus."
    found = parse_salary(text)
    assert found[0].text == text[found[0].start:found[0].end]
    assert found[1].component == "bonus"


def test_exported_from_package():
    import workbench

    assert workbench.parse_salary is parse_salary


def test_field_cache_returns_independent_objects():
    first = parse_salary("£31,000 - £33,000 per annum")
    first[0].low = -1
    again = parse_salary("£31,000 - £33,000 per annum")
    assert again[0].low == 31000


def test_allowance_with_amount_is_not_also_amountless():
    found = parse_salary("£31,000 + 12% bonus + car allowance of £4,800")
    assert [(m.component, m.low) for m in found] == [
        ("unspecified", 31000), ("bonus", None), ("allowance", 4800)]


def test_percent_of_sales_is_commission():
    found = parse_salary("оклад 85 000 руб. + % от продаж")
    assert [m.component for m in found] == ["base", "commission"]


def test_thirteenth_salary_and_chinese_and_above():
    assert one("48,000 - 55,000 EUR gross per year + 13th salary").months_per_year == 13
    m = one("年薪50万以上")
    assert (m.low, m.high, m.period) == (500000, None, "year")


def test_cyrillic_k_and_swiss_grouping():
    assert one("ЗП: 100к на руки").low == 100000
    assert one("CHF 120'000 - 140'000 per year").high == 140000


def test_sentence_full_stop_is_not_in_the_span():
    m = parse_salary("Pay is £30,000 per annum. Apply now.")[0]
    assert m.text == "£30,000 per annum"
    assert one("£2k p.c.m.").text == "£2k p.c.m."


# ---- regressions found by the independent held-out set ----------------------

@pytest.mark.parametrize("text", [
    "Call: +44 (20) 7946-0958",
    "Contact us on +1 (212) 555 0199 today",
    "Тел.: +7 (812) 987-65-43",
    "Звоните 8 (383) 222-33-44",
])
def test_phone_numbers_with_area_codes_are_not_pay(text):
    assert parse_salary(text) == []


def test_area_code_rule_keeps_bracketed_pay():
    m = parse_salary("Salary: £28,000 (£14,000 pro rata)")
    assert [x.low for x in m][:2] == [28000, 14000]


@pytest.mark.parametrize("text", ["квартальная премия до 2 окладов",
                                  "premium of up to 2 salaries a year"])
def test_bonus_counted_in_salaries_is_not_an_amount(text):
    assert all(m.low is None and m.high is None for m in parse_salary(text))


def test_k_euro_with_space_and_french_annual():
    m = one("Rémunération : 45 k€ - 55 k€ brut annuel")
    assert (m.low, m.high, m.currency, m.period, m.gross, m.period_inferred) == (
        45000, 55000, "EUR", "year", True, False)


def test_negotiable_individually_is_an_unstated_mention():
    m = one("Зарплата обсуждается индивидуально")
    assert (m.low, m.high, m.currency) == (None, None, "RUB")


def test_take_home_is_net():
    m = one("到手12000-15000")
    assert (m.low, m.high, m.currency, m.period, m.gross) == (12000, 15000, "CNY", "month", False)


@pytest.mark.parametrize("text, low, high", [
    ("八千到一万二/月", 8000, 12000),
    ("月薪两万五", 25000, 25000),
    ("年薪三十万", 300000, 300000),
])
def test_chinese_numerals(text, low, high):
    m = one(text)
    assert (m.low, m.high, m.currency) == (low, high, "CNY")


@pytest.mark.parametrize("text, period", [
    ("周薪3500元", "week"), ("日薪450元", "day"), ("时薪40元", "hour")])
def test_chinese_weekly_daily_hourly(text, period):
    m = one(text)
    assert (m.period, m.period_inferred) == (period, False)


def test_chinese_up_to_reaches():
    m = one("月薪最高可达5万")
    assert (m.low, m.high, m.period) == (None, 50000, "month")


@pytest.mark.parametrize("text, comp", [
    ("房补800元/月", "allowance"),
    ("Компенсация бензина 7 000 руб./мес.", "allowance"),
    ("£150k total comp", "total"),
    ("综合收入1.2-2万/月", "total"),
    ("绩效奖金2000-4000元", "bonus"),
    ("от 90 000 ₽ (оклад + премия)", "total"),
])
def test_allowance_total_and_bonus_prefixes(text, comp):
    assert parse_salary(text)[0].component == comp


@pytest.mark.parametrize("text, extra", [
    ("底薪6000+交通补贴", "交通补贴"),
    ("оклад 60 000 руб. + компенсация мобильной связи", "компенсация мобильной связи"),
])
def test_amountless_allowances_are_mentions(text, extra):
    found = parse_salary(text)
    assert [m.component for m in found] == ["base", "allowance"]
    assert found[1].text == extra and found[1].low is None


def test_bracketed_amount_belongs_to_the_component_before_it():
    found = parse_salary("£41,000 + car allowance (£6,500)")
    assert len(found) == 2
    assert (found[1].component, found[1].low, found[1].currency) == ("allowance", 6500, "GBP")


@pytest.mark.parametrize("text", [
    "Account Director. Responsible for a P&L of £2.5m.",
    "You will handle a book of business of £1.2m.",
    "Responsible for £2.5m in client spend.",
    "Handle client retainers of £20k per month.",
    "Average deal size $40k.",
    "Manage accounts up to £200k in value.",
    "Портфель клиентов на 50 млн руб.",
    "Refer a friend and earn £500.",
    "Referral bonus £1,000.",
    "Cycle to work scheme up to £1,000.",
    "Salary £3,000 sign-on bonus",
    "Salary negotiable. Contact 07700 900123.",
    "Call +44 7700 900123",
])
def test_money_that_is_not_a_wage_is_not_read_as_pay(text):
    assert [m for m in parse_salary(text, currency="GBP", market="GB") if m.low or m.high] == []


@pytest.mark.parametrize("text, market, expected", [
    ("Salary: £20 k - £25 k", "GB", (20000, 25000, "year")),
    ("Salary: 20 to 25 k", "GB", (20000, 25000, "year")),
    ("月薪：１５Ｋ－２０Ｋ", "CN", (15000, 20000, "month")),
    ("Salary £35,000 plus £3,000 sign-on bonus", "GB", (35000, 35000, "year")),
    ("Relocation package of £5,000. Salary £40k.", "GB", (40000, 40000, "year")),
])
def test_spaced_k_full_width_digits_and_one_off_neighbours(text, market, expected):
    mentions = [m for m in parse_salary(text, market=market) if m.low or m.high]
    assert [(m.low, m.high, m.period) for m in mentions] == [expected]


@pytest.mark.parametrize("text, market, expected", [
    ("Salary: 45 000 SEK per month", "SE", (45000, 45000, "SEK", "month")),
    ("15 000 PLN brutto per month", "PL", (15000, 15000, "PLN", "month")),
    ("90k AUD", None, (90000, 90000, "AUD", "year")),
    ("Salary: CA$90,000 - CA$100,000 per year", None, (90000, 100000, "CAD", "year")),
    ("₹12,00,000 per annum", None, (1200000, 1200000, "INR", "year")),
])
def test_more_currencies_before_and_after_the_amount(text, market, expected):
    (m,) = parse_salary(text, market=market)
    assert (m.low, m.high, m.currency, m.period) == expected


@pytest.mark.parametrize("text, expected", [
    ("20 - 25 thousand pounds", [(20000, 25000, "GBP")]),
    ("from 50 to 70 thousand rubles", [(50000, 70000, "RUB")]),
    ("Must be able to lift 50 pounds.", []),
    ("Account Manager. Must be able to lift 50 pounds. Salary $50k", [(50000, 50000, "USD")]),
])
def test_currency_words_and_weights(text, expected):
    assert [(m.low, m.high, m.currency) for m in parse_salary(text)] == expected


@pytest.mark.parametrize("text, expected", [
    ("£2,000 sign on bonus and salary £30,000", [30000]),
    ("We want someone offering great service, salary £30,000", [30000]),
    ("Lead design on major projects, salary £40,000", [40000]),
    ("Win new clients through referrals, base salary £30,000 per annum", [30000]),
    ("Benefits: cycle to work, pension, salary £28,000", [28000]),
    ("Carry out client reviews, £35,000 per annum", [35000]),
    ("Работа по контракту 80 000 руб. в месяц", [80000]),
    ("Must be able to move up to 50 pounds regularly", []),
    ("Salary £30,000, plus a bonus", [30000]),
])
def test_pay_next_to_one_off_words_weights_and_commas(text, expected):
    # Positive controls for the one-off and weight rules, and a comma after a grouped amount.
    assert [m.low or m.high for m in parse_salary(text) if m.low or m.high] == expected


@pytest.mark.parametrize(
    ("text", "currency", "expected"),
    [
        ("年薪20W", None, (200000.0, 200000.0, "year")),
        ("月薪1.5w-2w", None, (15000.0, 20000.0, "month")),
        ("年薪20W-30W，13薪", None, (200000.0, 300000.0, "year")),
        ("20-30W", "CNY", (200000.0, 300000.0, "year")),
        ("薪资：20-30W/年", None, (200000.0, 300000.0, "year")),
        ("薪资：1.5W/月", None, (15000.0, 15000.0, "month")),
        ("年薪RMB20W", None, (200000.0, 200000.0, "year")),
    ],
)
def test_w_is_wan_in_chinese_pay(text, currency, expected):
    (m,) = parse_salary(text, currency=currency)
    assert (m.low, m.high, m.period) == expected
    assert m.currency == "CNY"
    assert m.text == text.split("，")[0]


@pytest.mark.parametrize("text", ["方法论5W1H", "功率20W的灯", "详情 https://x.com/39W_E1 ", "日活100W，粉丝50w",
                                  "融资1000W", "DAU 20W", "10W+用户"])
def test_w_after_a_number_is_not_pay_in_a_code_link_or_count(text):
    assert parse_salary(text) == []
    assert parse_salary(text, currency="CNY", market="CN") == []


def test_an_english_w_is_not_wan_even_for_yuan():
    assert parse_salary("Reduce waste by 20w") == []
    assert parse_salary("Reduce waste by 20w", currency="CNY") == []


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("年终奖2-4W", (20000.0, 40000.0)),
        ("年终奖金3万", (30000.0, 30000.0)),
        ("Годовой бонус 100 000 руб", (100000.0, 100000.0)),
    ],
)
def test_a_year_end_bonus_is_paid_yearly(text, expected):
    (m,) = parse_salary(text)
    assert (m.low, m.high, m.component, m.period) == (*expected, "bonus", "year")
    assert m.period_inferred is False


def test_wan_sums_without_a_period_are_annual_from_100000():
    (year,) = parse_salary("薪资：15-25万")
    assert (year.low, year.high, year.period, year.period_basis) == (150000.0, 250000.0, "year", "magnitude")
    assert "inferred from the size of the figure" in year.annualise()["convention"]
    (month,) = parse_salary("薪资：1.5-2万")
    assert (month.period, month.period_basis) == ("month", "market")
    (written,) = parse_salary("月薪15万")
    assert (written.period, written.period_basis) == ("month", "written")
    (months,) = parse_salary("薪资：10-15万·13薪")  # 13 months' pay: a month's figure
    assert (months.period, months.months_per_year) == ("month", 13)


@pytest.mark.parametrize(
    ("text", "component", "period", "annual"),
    [
        ("bonus £500", "bonus", "year", 500.0),  # the wage bands read it as £500 a day
        ("£27,500 per annum + car allowance of £3,000", "allowance", "year", 3000.0),
        ("премия 10 000 руб", "bonus", "month", 120000.0),  # RU convention: monthly
        ("commission £300", "commission", "year", 300.0),
    ],
)
def test_a_part_of_pay_without_a_period_takes_the_market_convention_not_the_wage_bands(
        text, component, period, annual):
    m = parse_salary(text)[-1]
    assert (m.component, m.period, m.period_basis) == (component, period, "market")
    assert m.annualise()["annual_low"] == annual


def test_ote_still_reads_its_period_from_its_size():
    (m,) = parse_salary("OTE £45,000")
    assert (m.component, m.period) == ("ote", "year")
    (day,) = parse_salary("£350 per day OTE")
    assert day.period == "day"


# ---------------------------------------------------------------- where the text comes from


def test_a_bare_range_in_running_text_is_not_pay_however_short():
    assert parse_salary("35-40k", currency="GBP", market="GB", field=False) == []
    assert parse_salary("35-40k", currency="GBP", market="GB", field=True)[0].high == 40000


def test_an_unknown_source_keeps_the_short_string_rule():
    assert parse_salary("35-40k", currency="GBP")[0].low == 35000


def test_an_implausible_figure_stays_a_mention_marked_implausible():
    (m,) = parse_salary("Зарплата 900 млн рублей в месяц, офис в центре." + FILLER, field=False,
                        market="RU")
    assert m.implausible and m.low == 900_000_000
    assert not one("£35,000 per annum").implausible


def test_zero_is_a_placeholder_not_pay():
    assert parse_salary("0", currency="GBP", market="GB", field=True) == []
    assert parse_salary("0-0", currency="GBP", market="GB", field=True) == []


# ---------------------------------------------------------------- Belarus


@pytest.mark.parametrize("text, kw, want", [
    ("от 1 500 BYN", {}, (1500, None, "BYN", "month")),
    ("1500 бел. руб.", {}, (1500, 1500, "BYN", "month")),
    ("1300 бел.руб.", {}, (1300, 1300, "BYN", "month")),
    ("from 2200 BYR net", {}, (2200, None, "BYN", "month")),
    ("Зарплата от 2500 руб. на руки", {"market": "BY"}, (2500, None, "BYN", "month")),
    ("Совмещение: заработная плата 400 руб.", {"market": "BY"}, (400, 400, "BYN", "month")),
])
def test_belarusian_roubles(text, kw, want):
    m = parse_salary(text, field=True, **kw)[0]
    assert (m.low, m.high, m.currency, m.period) == want


def test_belarus_convention_is_monthly():
    assert convention_for("BY").default_period == "month"
    assert convention_for("BYN").name == "BY"


# ---------------------------------------------------------------- Russian number shapes and labels


@pytest.mark.parametrize("text, want", [
    ("Зарплата 45  000 руб", (45000, 45000)),
    ("Зарплата 60т руб", (60000, 60000)),
    ("Зарплата 70-90 000 руб", (70000, 90000)),
    ("от 110 до 140 000 ₽ на руки", (110000, 140000)),
    ("Зарплата 150 000 тысяч рублей", (150000, 150000)),
])
def test_russian_number_shapes(text, want):
    m = parse_salary(text, field=False, market="RU")[0]
    assert (m.low, m.high, m.currency) == (*want, "RUB")


def test_a_component_label_after_a_range_labels_the_next_item():
    m = parse_salary("Base: $85k-110k Commission: uncapped", field=False, market="US")[0]
    assert (m.low, m.high, m.component) == (85000, 110000, "base")


def test_a_plus_standing_apart_before_a_period():
    m = parse_salary("Pay: $4,000 + per month", field=False, market="US")[0]
    assert (m.low, m.high, m.period) == (4000, None, "month")


def test_running_text_with_lost_line_breaks():
    text = ("Compensation and more words to make this line long enough for the lost break finder: "
            "Base Salary: $51,500On Target Earnings: $86,500+ (Uncapped)Benefits: 401(k) plus match. "
            "USA Compensation Range: $60,000 - $90,000Note actual salary is based on location.")
    found = parse_salary(text, field=False)
    assert [(m.low, m.high, m.component) for m in found] == [
        (51500, 51500, "base"), (86500, None, "ote"), (60000, 90000, "unspecified")]
    assert [text[m.start:m.end] for m in found] == [
        "Base Salary: $51,500", "On Target Earnings: $86,500+", "$60,000 - $90,000"]


# ---------------------------------------------------------------- pay fields


@pytest.mark.parametrize("text, cur, market, want", [
    ("57000 - 63000 plus package", "GBP", "GB", [(57000, 63000, "unspecified")]),
    ("Up to 42k + bonus", "GBP", "GB", [(None, 42000, "unspecified"), (None, None, "bonus")]),
    ("to 9.50 per hour", "GBP", "GB", [(None, 9.5, "unspecified")]),
    ("£35K/yr - £42K/yr", "GBP", "GB", [(35000, 42000, "unspecified")]),
    ("From 400 per day to 475 per day per day", "GBP", "GB", [(400, 475, "unspecified")]),
    ("GBP 32000 - 38000 YEAR", "GBP", "GB", [(32000, 38000, "unspecified")]),
    ("minValue 420 maxValue 480 GBP DAY", "GBP", "GB", [(420, 480, "unspecified")]),
    ("28,000 - 34,000 per annum, OTE", "GBP", "GB", [(28000, 34000, "ote")]),
    ("Basic 25000 OTE 40000", "GBP", "GB", [(25000, 25000, "base"), (40000, 40000, "ote")]),
    ("50k-55", "GBP", "GB", [(50000, 55000, "unspecified")]),
    ("Competitive + OTE", "GBP", "GB", [(None, None, "unspecified"), (None, None, "ote")]),
    ("$45/hr+", "USD", "US", [(45, None, "unspecified")]),
    ("8千以下", "CNY", "CN", [(None, 8000, "unspecified")]),
    ("2000-3000", "CNY", "CN", [(2000, 3000, "unspecified")]),
    ("薪资面谈", "CNY", "CN", [(None, None, "unspecified")]),
])
def test_pay_field_shapes(text, cur, market, want):
    found = parse_salary(text, currency=cur, market=market, field=True)
    assert [(m.low, m.high, m.component) for m in found] == want


# Shapes of the pay-field conventions (data/labelled/pay_fields/README.md, README_2.md):
# (low, high, period, component) of each mention.
@pytest.mark.parametrize("text, cur, market, want", [
    ("Competitive + car + bonus", "GBP", "GB",
     [(None, None, None, "unspecified"), (None, None, None, "allowance"), (None, None, None, "bonus")]),
    ("Competitive + great benefits", "GBP", "GB", [(None, None, None, "unspecified")]),
    ("Competitive salary, OTE", "GBP", "GB", [(None, None, None, "ote")]),
    ("Salary to be agreed", "GBP", "GB", [(None, None, None, "unspecified")]),
    ("Commission-only", "USD", "US", [(None, None, None, "commission")]),
    ("TBD", "USD", "US", [(None, None, None, "unspecified")]),
    ("конкурентная заработная плата + бонусы", "RUB", "RU",
     [(None, None, None, "unspecified"), (None, None, None, "bonus")]),
    ("договорная, + премии", "RUB", "RU", [(None, None, None, "unspecified"), (None, None, None, "bonus")]),
    ("面议，另有奖金", "CNY", "CN", [(None, None, None, "unspecified"), (None, None, None, "bonus")]),
    ("42000 - 46000 per annum, plus bonus", "GBP", "GB",
     [(42000, 46000, "year", "unspecified"), (None, None, None, "bonus")]),
    ("от 61 000 ₽ + бонус", "RUB", "RU", [(61000, None, "month", "unspecified"), (None, None, None, "bonus")]),
    ("от 61 000 ₽ + %", "RUB", "RU", [(61000, None, "month", "unspecified"), (None, None, None, "commission")]),
    ("3 100 руб./смена", "RUB", "RU", [(3100, 3100, "day", "unspecified")]),
    ("75т", "RUB", "RU", [(75000, 75000, "month", "unspecified")]),
    ("15-22k+年终奖", "CNY", "CN", [(15000, 22000, "month", "unspecified"), (None, None, None, "bonus")]),
    ("9-12K+高提成", "CNY", "CN", [(9000, 12000, "month", "unspecified"), (None, None, None, "commission")]),
    ("9-12K 五险一金", "CNY", "CN", [(9000, 12000, "month", "unspecified")]),
    ("9-12K+股票期权", "CNY", "CN", [(9000, 12000, "month", "unspecified")]),
    ("MonetaryAmount GBP minValue 380 unitText DAY", "GBP", "GB", [(380, None, "day", "unspecified")]),
    ("MonetaryAmount USD maxValue 29 unitText HOUR", "USD", "US", [(None, 29, "hour", "unspecified")]),
    ("1900 per calendar month", "GBP", "GB", [(1900, 1900, "month", "unspecified")]),
    ("to 27k", "GBP", "GB", [(None, 27000, "year", "unspecified")]),
    ("31000 - 34000 depending on skills and experience", "GBP", "GB", [(31000, 34000, "year", "unspecified")]),
    ("15500 pro rata (31000 FTE)", "GBP", "GB",
     [(15500, 15500, "year", "unspecified"), (31000, 31000, "year", "unspecified")]),
])
def test_pay_field_conventions(text, cur, market, want):
    found = parse_salary(text, currency=cur, market=market, field=True)
    assert [(m.low, m.high, m.period, m.component) for m in found] == want


def test_a_years_count_is_still_no_pay_beside_a_year_end_bonus():
    assert parse_salary("3年以上经验", market="CN", field=False) == []
    assert parse_salary("5+年", market="CN", field=True) == []


def test_the_two_labelled_ends_of_one_range():
    text = "Minimum salary of $120,369 to maximum salary of $174,797 + equity." + FILLER
    assert text_pay(text.replace(FILLER, "")) == [(120369, 174797, "USD", "year")]
    text = "Skills.\nMin\nUSD $75,000.00/Yr.\nMax\nUSD $95,000.00/Yr.\nQualifications"
    assert text_pay(text) == [(75000, 95000, "USD", "year")]


def test_a_period_glued_to_the_next_heading():
    assert text_pay("IR35: Inside IR35 (via umbrella) Rate: Up to £600 p/dThe Role is remote.") == [
        (None, 600, "GBP", "day")]


def test_days_of_the_month_and_paychecks_are_not_pay():
    assert text_pay("Выплата заработной платы двумя частями - 20 и 30 числа месяца.") == []
    assert text_pay("Internet benefit: $25 per paycheck subsidy.") == []


def test_a_stated_minimum_midpoint_and_maximum_are_one_range():
    text = ("Base pay range for this post per year:\n\nMin: $96,400\n\nMid: $110,250\n\n"
            "Max: $124,100\n\nOther ranges apply in other states." + FILLER)
    assert text_pay(text) == [(96400, 124100, "USD", "year")]
    # A maximum alone after an unlabelled figure is not joined to it.
    assert text_pay("Salary: $96,400\n\nMax: $124,100 for seniors." + FILLER) == [
        (96400, 96400, "USD", "year"), (None, 124100, "USD", "year")]


@pytest.mark.parametrize("text, want", [
    ("Salary Min: $80,000 Salary Max: $100,000", (80000, 100000, "USD", "year")),
    ("Min: $80,000 Max: $100,000", (80000, 100000, "USD", "year")),
    ("Minimum: $80,000.00 Maximum: $100,000.00", (80000, 100000, "USD", "year")),
    ("Pay Range Minimum: $80,000.00\nPay Range Maximum: $100,000.00", (80000, 100000, "USD", "year")),
    ("Min. $80,000 / Max. $100,000 per year", (80000, 100000, "USD", "year")),
    ("Min: USD 62,500\nMax: USD 71,000", (62500, 71000, "USD", "year")),
    ("Зарплата мин. 80 000 руб. макс. 100 000 руб.", (80000, 100000, "RUB", "month")),
    ("Оклад: мин. 90 000 макс. 120 000 ₽", (90000, 120000, "RUB", "month")),
    ("Pay Type\nHourly\nMin Hiring Rate\n$18.35\nMax Hiring Rate\n$22.93", (18.35, 22.93, "USD", "hour")),
    ("Minimum Hiring Rate: $18.35\nMaximum Hiring Rate: $22.93", (18.35, 22.93, "USD", "hour")),
    ("Min Starting Salary: $60,000 / Max Starting Salary: $70,000", (60000, 70000, "USD", "year")),
])
def test_a_min_labelled_figure_then_a_max_labelled_one_is_one_range(text, want):
    assert text_pay("About the team.\n" + text + "\nBenefits and training.") == [want]


def test_labelled_ends_of_other_currencies_units_or_lines_stay_apart():
    # Two currencies: no range of one.
    assert text_pay("Min: £80,000 Max: $100,000\nBenefits.") == []
    # Hours or people between the labels: no pay range.
    assert text_pay("Team size min 4 people, max 9 people, working in two shifts.") == []
    # A max two lines further down, or after a long line, is not the min's other end.
    far = text_pay("Min: $80,000\nWe work in a hybrid setup with two office days a week.\nMax: $100,000")
    assert far == [(80000, None, "USD", "year")]
    # A max label without a min label before the low figure joins nothing.
    assert text_pay("Salary: $96,400 max $124,100 for seniors.") == [
        (96400, 96400, "USD", "year"), (None, 124100, "USD", "year")]


def test_a_small_money_range_in_a_pay_clause_is_an_hourly_wage():
    text = "The general pay range for this opening at Northfield Clinic is $16.40 – $23.85. " + FILLER
    found = parse_salary(text, "USD", market="US", field=False)
    assert [(m.low, m.high, m.period, m.period_basis) for m in found] == [
        (16.4, 23.85, "hour", "magnitude")]


def test_a_small_sum_without_its_range_or_in_a_monthly_market_stays_out():
    # A lone small sum with a pay word only somewhere in its clause may be a price or fee.
    assert text_pay("Our salary review covers lunch, which costs $6.50 at the canteen." + FILLER) == []
    # Clock times in a Russian pay clause are no hourly wage.
    text = "Заработная плата два раза в месяц, работа с 8.30 до 17.30 в офисе." + FILLER
    assert parse_salary(text, "RUB", market="RU", field=False) == []


def test_a_bonus_after_a_named_salary_is_the_next_item():
    text = "Analyst Location: Bristol (Hybrid) Salary: £38,000 - £43,500 Bonus Great Benefits Apply today." + FILLER
    found = parse_salary(text, "GBP", market="GB", field=False)
    assert [(m.low, m.high, m.component) for m in found] == [(38000, 43500, "unspecified")]
    # Without the pay word the figure stays the bonus it is named.
    found = parse_salary("Annual £2,500 bonus paid each March." + FILLER, "GBP", market="GB", field=False)
    assert [(m.low, m.component) for m in found] == [(2500, "bonus")]


def test_between_two_qualified_figures_is_one_range():
    text = ("The starting base pay for this role is between USD 120,000 in the lowest geographic "
            "market and USD 210,000 in the highest geographic market.")
    assert text_pay(text) == [(120000, 210000, "USD", "year")]
    # A sentence end or another figure between them keeps two mentions.
    assert text_pay("Base pay between USD 120,000 in year 1. Later, pay of USD 210,000 is possible.") == [
        (120000, 120000, "USD", "year"), (210000, 210000, "USD", "year")]


def test_an_on_target_earnings_range_is_ote():
    found = parse_salary("Estimated On-Target Earnings Range: $ 85000 - $ 104000\n\nMore." + FILLER,
                         "USD", market="US", field=False)
    assert [(m.low, m.high, m.component) for m in found] == [(85000, 104000, "ote")]


@pytest.mark.parametrize("text, want", [
    ("5-8 Lacs P.A.", (500000, 800000, "INR", "year")),
    ("10-14 LPA", (1000000, 1400000, "INR", "year")),
    ("₹ 2.8 - 3.6 LPA", (280000, 360000, "INR", "year")),
    ("2-2.5 Cr P.A.", (20000000, 25000000, "INR", "year")),
    ("Up to 11 Lakhs P.A.", (None, 1100000, "INR", "year")),
    ("7,50,000 - 9,00,000 P.A.", (750000, 900000, "INR", "year")),
    ("16000 - 24000", (16000, 24000, "INR", "month")),  # a bare five-digit figure is a month's pay
])
def test_indian_lakhs_crores_and_per_annum(text, want):
    found = parse_salary(text, "INR", market="IN", field=True)
    assert [(m.low, m.high, m.currency, m.period) for m in found] == [want]


@pytest.mark.parametrize("text, want", [
    ("от 310 000 ₸ на руки", [(310000, None, "KZT", "month", False)]),
    ("340 000 тенге", [(340000, 340000, "KZT", "month", None)]),
    ("3 100 тг/час", [(3100, 3100, "KZT", "hour", None)]),
    # Below the US band scaled to tenge, inside the tenge's own band: a month's pay.
    ("150000-210000 KZT", [(150000, 210000, "KZT", "month", None)]),
    ("от 100 до 160 000 ₸", [(100000, 160000, "KZT", "month", None)]),
    ("от 90 000 тг", [(90000, None, "KZT", "month", None)]),
])
def test_kazakh_tenge_in_pay_fields(text, want):
    found = parse_salary(text, "KZT", market="KZ", field=True)
    assert [(m.low, m.high, m.currency, m.period, m.gross) for m in found] == want


@pytest.mark.parametrize("text, want", [
    ("$2,800/month stipend", (2800, 2800, "month")),
    ("Stipend: $1,900 per month", (1900, 1900, "month")),
    ("стипендия 25 000 ₽ в месяц", (25000, 25000, "month")),
])
def test_a_pay_fields_stipend_with_a_period_is_its_pay(text, want):
    found = parse_salary(text, None, market="RU" if "₽" in text else "US", field=True)
    assert [(m.low, m.high, m.period) for m in found] == [want]


def test_a_stipend_in_running_text_or_without_a_period_stays_out():
    assert parse_salary("Interns also get a $500 monthly stipend for travel. " + FILLER,
                        "USD", market="US", field=False) == []
    assert parse_salary("$500 stipend", "USD", market="US", field=True) == []


@pytest.mark.parametrize("text, components", [
    ("£29K - £33K DOE + bonus", ["unspecified", "bonus"]),
    ("₹18,000 a month + incentives", ["unspecified", "bonus"]),
    ("$80,000 - $90,000 base + super + bonus", ["base", "bonus"]),  # superannuation is no mention
    ("Negotiable salary + commission", ["unspecified", "commission"]),
    ("18-30 Lacs P.A. (incl. variable)", ["total"]),
    ("综合年薪40-70万", ["total"]),
])
def test_pay_field_components_after_qualifiers_and_total_pay(text, components):
    found = parse_salary(text, None, market={"£": "GB", "₹": "IN", "$": "AU"}.get(text[0], "IN" if "Lacs" in text
                         else "CN" if "万" in text else "GB"), field=True)
    assert [m.component for m in found] == components


@pytest.mark.parametrize("text", ["Not Disclosed by Recruiter", "Best in industry", "сдельная",
                                  "Договорная (обсуждается на собеседовании)"])
def test_amountless_pay_field_statements(text):
    found = parse_salary(text, field=True)
    assert [(m.low, m.high, m.masked) for m in found] == [(None, None, False)]


def test_gross_in_full_width_brackets():
    found = parse_salary("月薪1.2-1.8万（税前）", "CNY", market="CN", field=True)
    assert [(m.low, m.high, m.period, m.gross) for m in found] == [(12000, 18000, "month", True)]


def test_a_rounded_restatement_right_after_a_range_is_the_same_mention():
    found = parse_salary("31750 - 34250/annum 32-34K", "GBP", market="GB", field=True)
    assert [(m.low, m.high) for m in found] == [(31750, 34250)]
    # Another range is not a restatement.
    found = parse_salary("31750 - 34250/annum 40-45K", "GBP", market="GB", field=True)
    assert [(m.low, m.high) for m in found] == [(31750, 34250), (40000, 45000)]


@pytest.mark.parametrize("text, want", [
    # A range of money-sized figures in a pay field keeps both ends before any word.
    ("25000 - 28000 Annum", (25000, 28000, "year")),
    ("25000 - 28000 p/annum", (25000, 28000, "year")),
    ("31000 - 34000 ono", (31000, 34000, "year")),
    ("31000 - 34000 neg", (31000, 34000, "year")),
    ("26000 approx", (26000, 26000, "year")),
    ("13.10 phr", (13.1, 13.1, "hour")),
    ("13.10 p.hr", (13.1, 13.1, "hour")),
    ("115 per shift", (115, 115, "day")),
])
def test_pay_field_period_spellings_and_trailing_qualifiers(text, want):
    found = parse_salary(text, "GBP", market="GB", field=True)
    assert [(m.low, m.high, m.period) for m in found] == [want]


@pytest.mark.parametrize("text, want", [
    ("31k max", (None, 31000)),
    ("31k maximum", (None, 31000)),
    ("up-to 31k", (None, 31000)),
    ("27k upwards", (27000, None)),
    ("27k onwards", (27000, None)),
    ("27k and above", (27000, None)),
    ("27000 plus", (27000, None)),
])
def test_pay_field_limits_written_after_the_figure(text, want):
    found = parse_salary(text, "GBP", market="GB", field=True)
    assert [(m.low, m.high) for m in found] == [want]


def test_a_trailing_limit_word_does_not_break_a_min_max_layout():
    found = parse_salary("Min: $75,000 Max: $100,000", "USD", market="US", field=True)
    assert [(m.low, m.high) for m in found] == [(75000, 100000)]
    # "more" alone after a figure is no open end ("or more", "and above" are).
    assert [(m.low, m.high) for m in parse_salary(
        "You could earn £500 more. " + FILLER, "GBP", market="GB", field=False)] == [(500, 500)]


def test_company_car_is_a_joined_allowance_not_company_money():
    found = parse_salary("25000 - 28000 + Company Car", "GBP", market="GB", field=True)
    assert [(m.low, m.high, m.component) for m in found] == [(25000, 28000, "unspecified"),
                                                            (None, None, "allowance")]


@pytest.mark.parametrize("text, market, want", [
    # Reed's ", OTE" flag before joined components: the figure is OTE, the flag no mention.
    ("£24,500 - £27,000 per annum, OTE + bonus", "GB", [("ote", 24500), ("bonus", None)]),
    # An amount-less per diem or variable pay joined to the pay is a mention of its own.
    ("$72/hr + per diem", "US", [("unspecified", 72), ("allowance", None)]),
    ("6-9 Lacs P.A. + Variable", "IN", [("unspecified", 600000), ("bonus", None)]),
    # "inc. super": the figure includes superannuation (total); "fixed" is the base pay.
    ("$88k - $96k incl. super", "AU", [("total", 88000)]),
    ("10 LPA fixed + 2 LPA variable", "IN", [("base", 1000000), ("bonus", 200000)]),
    # Chinese: 综合 alone names total pay after a base and its commission.
    ("底薪2500+提成，综合6000-9000", "CN", [("base", 2500), ("commission", None), ("total", 6000)]),
])
def test_pay_field_components_set_4_shapes(text, market, want):
    found = parse_salary(text, None, market=market, field=True)
    assert [(m.component, m.low) for m in found] == want


@pytest.mark.parametrize("text", ["$550/day (1099)", "$60/hr on 1099", "$48/hr 1099 contractor",
                                  "$57/hr 1099"])
def test_the_contractor_tax_form_is_no_amount(text):
    found = parse_salary(text, "USD", market="US", field=True)
    assert len(found) == 1 and found[0].low == found[0].high and found[0].low != 1099


def test_a_bare_1099_with_a_sign_or_a_period_stays_pay():
    assert [(m.low, m.period) for m in parse_salary("$1,099 per week", "USD", market="US", field=True)] == [
        (1099, "week")]


@pytest.mark.parametrize("text, want", [
    ("₹ 4,50,000", (450000, "year")),          # a lakh or more, no period: an annual CTC
    ("₹ 2,40,000 - 3,60,000", (240000, "year")),
    ("₹80,000 - 1,20,000", (80000, "month")),  # judged on the low end: a month's pay
    ("18000 - 26000", (18000, "month")),
    ("₹ 2,40,000 per month", (240000, "month")),  # a written period wins
])
def test_indian_lakh_figures_without_a_period_are_annual(text, want):
    found = parse_salary(text, "INR", market="IN", field=True)
    assert [(m.low, m.period) for m in found] == [want]


@pytest.mark.parametrize("text, want", [
    ("5000元以内", (None, 5000, "month")),
    ("7000元封顶", (None, 7000, "month")),
    ("日结180元", (180, 180, "day")),
    ("周结1300", (1300, 1300, "week")),
    ("2 800 ₽ за выход", (2800, 2800, "day")),
])
def test_limits_and_periods_in_chinese_and_russian_fields(text, want):
    found = parse_salary(text, None, market="RU" if "₽" in text else "CN", field=True)
    assert [(m.low, m.high, m.period) for m in found] == [want]


def test_percent_of_sales_with_s_is_a_joined_commission():
    found = parse_salary("45 000 ₽ + % с продаж", "RUB", market="RU", field=True)
    assert [m.component for m in found] == ["unspecified", "commission"]


@pytest.mark.parametrize("text", ["Excellent salary", "Generous salary + benefits", "To be confirmed",
                                  "Salary on application"])
def test_more_amountless_pay_field_statements(text):
    found = parse_salary(text, "GBP", market="GB", field=True)
    assert [(m.low, m.high, m.component) for m in found] == [(None, None, "unspecified")]


def test_amountless_words_of_a_pay_field_are_not_read_in_running_text():
    assert parse_salary("We offer an excellent salary and a generous pension. " + FILLER,
                        "GBP", market="GB", field=False) == []


def test_total_remuneration_package_is_total_pay():
    found = parse_salary("$118k TRP", "AUD", market="AU", field=True)
    assert [(m.low, m.component) for m in found] == [(118000, "total")]


# ---- pay-field shapes of set 5 (tune5): each a rule for its shape --------------------------


@pytest.mark.parametrize("text, want", [
    ("Commission-only role (uncapped earnings)", [(None, None, "commission")]),
    ("100% commission", [(None, None, "commission")]),
    ("Bonus eligible", [(None, None, "bonus")]),
    ("$8,500 signing bonus", [(8500, 8500, "bonus")]),  # the field's one figure, called a bonus
    ("$300/day per diem", [(300, 300, "unspecified")]),  # a per diem a pay field states is its pay
])
def test_commission_bonus_and_per_diem_fields(text, want):
    found = parse_salary(text, "USD", market="US", field=True)
    assert [(m.low, m.high, m.component) for m in found] == want


@pytest.mark.parametrize("text, want", [
    ("£32,400 per annum inc. London Weighting", [(32400, "total")]),
    ("£27,950 per annum plus London weighting", [(27950, "unspecified"), (None, "allowance")]),
    ("£24,950 - £27,400 per annum + London weighting allowance", [(24950, "unspecified"), (None, "allowance")]),
    ("£61,000 - £68,000 per annum, negotiable, + bonus", [(61000, "unspecified"), (None, "bonus")]),
])
def test_london_weighting_and_a_qualifier_before_a_joined_bonus(text, want):
    found = parse_salary(text, "GBP", market="GB", field=True)
    assert [(m.low, m.component) for m in found] == want


def test_a_range_then_its_structure_of_base_and_bonus():
    found = parse_salary("от 95 000 до 115 000 ₽ на руки, оклад + премия", "RUB", market="RU", field=True)
    assert [(m.low, m.high, m.component) for m in found] == [(95000, 115000, "unspecified"),
                                                             (None, None, "bonus")]


def test_variable_pay_included_is_total_pay():
    found = parse_salary("7 - 11 Lacs P.A. (Including Variable: 10%)", "INR", market="IN", field=True)
    assert [(m.low, m.high, m.period, m.component) for m in found] == [(700000, 1100000, "year", "total")]


@pytest.mark.parametrize("text, currency, market, want", [
    ("nach Vereinbarung", "EUR", "DE", [(None, None, "unspecified")]),
    ("Lohn nach Vereinbarung", "CHF", "CH", [(None, None, "unspecified")]),
    ("Attraktive Vergütung", "EUR", "DE", [(None, None, "unspecified")]),
    ("Selon profil", "EUR", "FR", [(None, None, "unspecified")]),
    ("Fast månadslön", "SEK", "SE", [(None, None, "unspecified")]),
    ("Individuell lönesättning", "SEK", "SE", [(None, None, "unspecified")]),
    ("Fast lön + provision", "SEK", "SE", [(None, None, "unspecified"), (None, None, "commission")]),
    ("38 500 kr/mån + provision", "SEK", "SE", [(38500, "month", "unspecified"), (None, None, "commission")]),
])
def test_german_french_and_swedish_field_words(text, currency, market, want):
    found = parse_salary(text, currency, market=market, field=True)
    assert [(m.low, m.period, m.component) for m in found] == want


@pytest.mark.parametrize("text, want", [
    ("185 kr/tim", (185, 185, "SEK", "hour", None)),
    ("42 000 - 48 000 kr/mån", (42000, 48000, "SEK", "month", None)),
    ("CHF 7'200 / Monat x 13", (7200, 7200, "CHF", "month", 13)),
    ("CHF 6'400.– pro Monat", (6400, 6400, "CHF", "month", None)),
    ("Fr. 82'000.– bis 96'000.– pro Jahr", (82000, 96000, "CHF", "year", None)),
])
def test_swedish_and_swiss_amounts(text, want):
    currency, market = ("SEK", "SE") if "kr" in text else ("CHF", "CH")
    found = parse_salary(text, currency, market=market, field=True)
    assert [(m.low, m.high, m.currency, m.period, m.months_per_year) for m in found] == [want]


def test_netto_plus_vat_is_an_invoice_not_net_pay():
    found = parse_salary("12 500–16 000 zł netto (+ VAT) / mies.", "PLN", market="PL", field=True)
    assert [(m.low, m.high, m.period, m.gross) for m in found] == [(12500, 16000, "month", None)]
    net = parse_salary("12 500–16 000 zł netto / mies.", "PLN", market="PL", field=True)
    assert [m.gross for m in net] == [False]


@pytest.mark.parametrize("text, market, want", [
    # A pay word in the accusative or genitive ("предлагаем заработную плату от ...").
    ("Предлагаем: заработную плату от 1400 по согласованию", "BY", (1400, None, "BYN", "month")),
    ("Уровень заработной платы от 1 500", "BY", (1500, None, "BYN", "month")),
    ("Гарантируем зарплату 90 000", "RU", (90000, 90000, "RUB", "month")),
])
def test_declined_russian_pay_words_name_the_figure(text, market, want):
    found = parse_salary(text, market=market)
    assert [(m.low, m.high, m.currency, m.period) for m in found] == [want]


@pytest.mark.parametrize("text, want", [
    # A field separator lost before a share ("Up to £130,000  15% Bonus" with its doubled
    # spaces collapsed): the figure is still money.
    ("(London Area, UK) Up to £130,000 15% Bonus Travel Expenses Benefits", (None, 130000)),
    ("Salary £100k - £120k 15% bonus, pension", (100000, 120000)),
    ("£45,000 - 55,000 10% bonus", (45000, 55000)),
])
def test_a_money_figure_before_a_share_is_pay(text, want):
    found = parse_salary(text, market="GB")
    assert [(m.low, m.high) for m in found if m.component == "unspecified"] == [want]


def test_a_bare_number_before_a_share_stays_a_code():
    # No currency sign: "45000 10%" is read as before (digits then more digits, no money).
    assert parse_salary("Team of 45000 10% growth", market="GB") == []
    assert parse_salary("Salary 45000 10% bonus", market="GB") == []


@pytest.mark.parametrize("text", [
    "Премия за привлечение друга 10 000 рублей.",
    "10 000 рублей за каждого приведённого друга.",
    "Бонус 5 000 руб. за приглашенного кандидата.",
    "Выплата за привлечение нового сотрудника 15 000 руб.",
])
def test_a_russian_referral_sum_is_not_pay(text):
    assert [m for m in parse_salary(text, market="RU") if m.low or m.high] == []


def test_pay_beside_a_referral_cue_after_it_stays_pay():
    found = parse_salary("Оклад 80 000 руб. + премия за каждого привлеченного клиента", market="RU")
    assert [(m.low, m.component) for m in found] == [(80000, "base"), (None, "bonus")]


def test_pay_named_in_the_instrumental_is_pay():
    found = parse_salary("Предлагаем работу с заработной платой 1700", market="BY")
    assert [(m.low, m.currency, m.period) for m in found] == [(1700, "BYN", "month")]
