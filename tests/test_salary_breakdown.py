"""A pay figure broken down right after it into its base (``workbench.salary.breakdown``):
on-target earnings beside a bonus or commission, a total otherwise; the base is the base."""

from __future__ import annotations

import pytest

from workbench.salary import parse_salary

FILLER = " Our client-services team sits in a bright office near the river, with flexible hours."


def read(text, **kw):
    return [(m.low, m.high, m.component) for m in parse_salary(text + FILLER, field=False, **kw)]


@pytest.mark.parametrize("text, market, first, base", [
    ("Доход 90 000 – 140 000 ₽ (оклад 45 000 ₽ + процент с продаж)", "RU",
     (90000, 140000, "ote"), (45000, 45000, "base")),
    ("Total earnings $85,000 - $120,000 (base $55,000 plus uncapped commission)", "US",
     (85000, 120000, "ote"), (55000, 55000, "base")),
    ("Income £36,000 - £48,000 (basic £26,500 + quarterly bonus)", "GB",
     (36000, 48000, "ote"), (26500, 26500, "base")),
    ("Доход до 180 000 ₽, из них оклад 65 000 ₽.", "RU",
     (None, 180000, "total"), (65000, 65000, "base")),
    ("Pay: up to £49,300 (£41,200 - £43,900 base salary plus a skills allowance of up to £5,400)", "GB",
     (None, 49300, "total"), (41200, 43900, "base")),
])
def test_a_figure_broken_down_into_its_base_is_not_base(text, market, first, base):
    found = read(text, market=market)
    assert found[0] == first and found[1] == base


@pytest.mark.parametrize("text, market", [
    ("Base salary $62,000 (OTE $118,000)", "US"),                    # the base comes first
    ("Salary £31,000 - £36,000. Basic £28,000 for the first three months", "GB"),  # another sentence
    ("Salary £31,000 - £36,000 (basic £37,500 + bonus)", "GB"),       # a base above the first figure
    ("Зарплата 70 000 ₽, премия 20 000 ₽ по итогам квартала", "RU"),   # no base named
])
def test_other_neighbours_leave_the_first_figure_as_it_was(text, market):
    assert read(text, market=market)[0][2] in ("unspecified", "base")


def test_a_pay_field_is_read_as_written():
    field = parse_salary("Доход 90 000 – 140 000 ₽ (оклад 45 000 ₽ + KPI)", field=True, market="RU")
    assert field[0].component != "ote"


def test_a_lone_figure_a_bracket_calls_base_plus_bonus_is_the_advertised_pay():
    # no base figure stated: the bracket's sum is the only statement of pay, as with more words in it
    assert read("Предлагаем зарплату от 1 450 до 1 900 руб. (оклад + премия), обучение.", market="BY")[0] == (
        1450, 1900, "unspecified")
    assert read("Предлагаем зарплату от 1 450 до 1 900 руб. (оклад + премия за план).", market="BY")[0] == (
        1450, 1900, "unspecified")
    # with a base figure stated elsewhere the bracket keeps the sum a total
    found = read("Доход 120 000 ₽ (оклад + бонус). Оклад 60 000 ₽ на испытательный срок.", market="RU")
    assert found[0][2] == "total"
    # a pay field is read as written
    assert parse_salary("1 450 - 1 900 руб. (оклад + премия)", field=True, market="BY")[0].component == "total"
