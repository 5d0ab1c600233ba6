"""Reading the words before and after an amount (``workbench.salary.words``)."""

from __future__ import annotations

from workbench.salary import parse_salary
from workbench.salary.words import (
    _After,
    _clause_reading,
    _clause_rev,
    _field_tail,
    _join_chain,
    _json_unit,
    _read_after,
    _read_before,
)


def test_words_before_are_read_on_the_reversed_window():
    # "salary up to " and "annual " before an amount, reversed
    assert _read_before(" ot pu yralas") == ("upto", None, None, None, True, 13)
    assert _read_before(" launna") == (None, None, "year", None, False, 7)


def test_words_after_give_period_and_gross():
    lw = "£30,000 per annum gross"
    after = _read_after(lw, 7, len(lw), None, None)
    assert (after.period, after.gross, after.end) == ("year", True, len(lw))


def test_a_plus_after_an_amount_opens_its_high_end():
    after = _read_after("£45k+ and benefits", 4, 18, None, None)
    assert after.open_low and after.end == 5
    # "and more", "and above", "upwards" after it say the same in words.
    after = _read_after("£45k and more", 4, 13, None, None)
    assert after.open_low and after.end == 13


def test_the_clause_before_an_amount_starts_after_the_last_sentence_end():
    assert _clause_rev("we are great. salary £30k", 0, 21) == (14, " yralas")


def test_components_chained_after_a_mention():
    lw = "£30k + car allowance + bonus"
    found, end = _join_chain(lw, lw, 4, "GBP", "GB")
    assert [(m.component, m.text, m.currency) for m in found] == [
        ("allowance", "car allowance", "GBP"), ("bonus", "bonus", "GBP")]
    assert end == len(lw)


def test_field_tails_and_json_units():
    assert _field_tail(" doe", 0) and not _field_tail(" apply now", 0)
    assert _json_unit("GBP 32000 - 38000 YEAR", 17)


def _first_base(text, currency, market):
    """The mention the bench would take as base pay: the first stated base/unspecified one."""
    for m in parse_salary(text, currency=currency, market=market, field=False):
        if m.component in ("base", "unspecified") and (m.low is not None or m.high is not None):
            return m
    return None


def test_a_period_adjective_in_the_clause_is_the_figures_period():
    lw = "the hourly rate for this role is £12.50."
    after = _After(None, None, 39)
    assert _clause_reading(lw, 0, 32, None, after) is None
    assert after.period == "hour"
    # The last one named before the figure wins ("Annual Salary: ... Hourly Rate: $35.10").
    lw = "annual salary: $73,000 hourly rate: $35.10"
    after = _After(None, None, len(lw))
    _clause_reading(lw, 0, 36, None, after)
    assert after.period == "hour"
    # A period written beside the figure is kept.
    after = _After("year", None, 39)
    _clause_reading("the hourly rate for this role is £12.50.", 0, 32, None, after)
    assert after.period == "year"


def test_running_text_reads_the_clause_period_as_written():
    m = _first_base("The hourly rate for this role is £12.50.", "GBP", "GB")
    assert (m.low, m.period, m.period_inferred) == (12.5, "hour", False)
    m = _first_base("The hourly range for this role is $22 to $28.", "USD", "US")
    assert (m.low, m.high, m.period) == (22.0, 28.0, "hour")
    m = _first_base("The annual salary for this position is between $120,000.00 – 135,000.00.",
                    "USD", "US")
    assert (m.low, m.high, m.period, m.period_inferred) == (120000.0, 135000.0, "year", False)


def test_a_bonus_or_allowance_named_in_the_clause_is_no_wage():
    assert _clause_reading("бонус за выполнение плана 50 000 руб.", 0, 26, None,
                           _After(None, None, 38)) == "bonus"
    assert _clause_reading("компенсацию фитнеса 3000 руб.", 0, 20, None,
                           _After(None, None, 29)) == "allowance"
    # A wage word in the clause keeps the figure the wage: "salary plus bonus: $80,000".
    assert _clause_reading("salary plus bonus: $80,000", 0, 19, None, _After(None, None, 26)) is None
    assert _clause_reading("оклад + премия: 100 000 руб.", 0, 16, None, _After(None, None, 28)) is None
    # A component read beside the figure stays.
    assert _clause_reading("бонус за план, оклад 900 руб.", 0, 21, "base", _After(None, None, 29)) == "base"
    # "компенсационный пакет" is the pay package, not an allowance.
    assert _clause_reading("компенсационный пакет от 150 000 руб.", 0, 22, None,
                           _After(None, None, 37)) is None


def test_russian_bonuses_allowances_and_piece_rates_are_not_base_pay():
    for text in ("Бонус за выполнение плана 50 000 руб.",
                 "Выплачиваем бонус за каждую закрытую вакансию — 10 000 руб.",
                 "Мы предлагаем:\n - компенсацию фитнеса 3000 руб. в месяц",
                 "Компенсация аренды жилья до 30 000 руб. в месяц",
                 "Компенсируем аренду жилья до 30 000 руб. в месяц",
                 "Условия: сдельная оплата: 50 руб. за единицу продукции",
                 "Оплата сдельная, 120 рублей за каждый заказ",
                 "Бонус за выход на работу 10 000 рублей",
                 "Выплата при трудоустройстве 20 000 рублей"):
        assert _first_base(text, "BYN", "BY") is None, text
    # The wage beside them stays: a shift's pay, the base after a bonus, a package.
    assert _first_base("Оплата 500 руб. за смену", "BYN", "BY").low == 500.0
    assert _first_base("Оплата 800 руб. за каждый отработанный день", "RUB", "RU").low == 800.0
    assert _first_base("Премия 500 BYN + оклад 1500 BYN", "BYN", "BY").low == 1500.0
    assert _first_base("Компенсационный пакет: оклад от 150 000 руб.", "RUB", "RU").low == 150000.0


def test_a_sum_per_referral_or_hire_is_not_pay():
    for text in ("Earn £200 for every referral. Salary £25,000",
                 "£500 per successful referral. Salary £25,000",
                 "Earn $500 for each new hire you refer! Pay $18/hour."):
        m = _first_base(text, "GBP" if "£" in text else "USD", "GB" if "£" in text else "US")
        assert m.low in (25000.0, 18.0), text


def test_on_target_earnings_named_in_the_clause_are_no_base():
    text = ("The On Target Earnings range for this role is $300,000 - $360,000, with a 50/50 split.\n"
            "Base salary: $150,000 - $180,000")
    assert (_first_base(text, "USD", "US").low, _first_base(text, "USD", "US").high) == (150000.0, 180000.0)


def test_what_holders_of_the_job_typically_earn_is_on_target_earnings_not_base():
    commission_only = ("Commission-only territory role; our consultants typically earn $55,000 to $80,000 "
                       "in their first year. We are a family firm in Ohio with good coffee.")
    assert _first_base(commission_only, "USD", "US") is None
    beside = ("Base salary $58,000. Representatives on average earn $95,000 with commission. "
              "We are a family firm in Ohio with good coffee.")
    assert _first_base(beside, "USD", "US").low == 58000.0
    for text in ("Average first-year earnings: $88,000, with uncapped commission. We are a family firm.",
                 "Earnings potential of $120,000+ for closers. We are a family firm in Ohio."):
        assert [m.component for m in parse_salary(text, market="US", field=False)][0] == "ote", text
    russian = ("Менеджеры отдела в среднем зарабатывают 120 000 – 160 000 руб. Оклад 60 000 руб. + процент. "
               "Офис в центре Москвы.")
    assert _first_base(russian, "RUB", "RU").low == 60000.0
    assert _first_base("Средний доход наших агентов — 200 000 рублей в месяц. Офис в центре Москвы.",
                       "RUB", "RU") is None
    # "You will earn" is the job's own pay.
    assert _first_base("You will earn $48,000 - $54,000 per year. We are a family firm in Ohio.",
                       "USD", "US").high == 54000.0


def test_pay_per_shift_named_before_the_figure_is_a_days_pay():
    m = _first_base("Оплата за смену — 3 000 ₽, смена 12 часов.", "RUB", "RU")
    assert (m.low, m.period) == (3000.0, "day")
    m = _first_base("Оплата за смену — 55 BYN (смена 12 часов).", "BYN", "BY")
    assert (m.low, m.period) == (55.0, "day")


def test_a_plus_standing_apart_at_the_end_opens_the_high_end():
    assert _read_after("£30,000 +", 7, 9, None, None).open_low
    found = parse_salary("£30,000 +", currency="GBP", market="GB", field=True)
    assert [(m.low, m.high) for m in found] == [(30000.0, None)]
    found = parse_salary("£30,000 + bonus", currency="GBP", market="GB", field=True)
    assert (found[0].low, found[0].high) == (30000.0, 30000.0)
