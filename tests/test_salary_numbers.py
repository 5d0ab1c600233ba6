"""Amounts and tokens (``workbench.salary.numbers``)."""

from __future__ import annotations

import pytest

from workbench.salary.numbers import (
    _cn_value,
    _currency_of,
    _lower,
    _mult_of,
    _num_value,
    _shared_thousands,
    _tokens,
)


@pytest.mark.parametrize("groups, value", [
    (("35,000", None, None, None), 35000.0),
    ((None, "35.000,50", None, None), 35000.5),
    ((None, None, "35\u00a0000", None), 35000.0),
    ((None, None, None, "1,5"), 1.5),
])
def test_number_groupings(groups, value):
    assert _num_value(*groups)[0] == value


@pytest.mark.parametrize("mult, value", [("k", 1e3), (" тыс.", 1e3), ("т", 1e3), ("万", 1e4),
                                         ("mln", 1e6), ("bn", 1e9), ("xyz", 1.0)])
def test_multipliers(mult, value):
    assert _mult_of(mult) == value


@pytest.mark.parametrize("text, value", [("一万五", 15000), ("三千五", 3500), ("八千", 8000),
                                         ("一二", None), ("万", None)])
def test_chinese_numerals(text, value):
    assert _cn_value(text) == value


def test_lowering_keeps_length_and_reads_full_width_characters():
    text = "Ｓalary １５Ｋ"
    assert _lower(text) == "salary 15k" and len(_lower(text)) == len(text)


def test_tokens_carry_value_multiplier_and_currency_and_skip_words():
    got = [(t.start, t.end, t.value, t.mult, t.cur, t.year_like)
           for t in _tokens(_lower("£35k to £40k in 2024, IR35"))]
    assert got == [(0, 4, 35.0, 1e3, "GBP", False), (8, 12, 40.0, 1e3, "GBP", False),
                   (16, 20, 2024.0, None, None, True)]


def test_lazy_tokens_of_long_texts_read_the_same_values():
    short = _tokens(_lower("Salary £35k to £40k"))
    long = _tokens(_lower("Salary £35k to £40k" + " padding words" * 30))
    for t in long[:2]:
        assert t.m is not None
        t.read()
    assert [(t.start, t.value, t.mult, t.cur) for t in long[:2]] == [
        (t.start, t.value, t.mult, t.cur) for t in short]


def test_thousands_written_once_on_the_high_end():
    assert _shared_thousands(70.0, 90000.0) == 70000.0
    assert _shared_thousands(40.0, 45000.0) == 40000.0
    assert _shared_thousands(20.0, 20000.0) == 20.0  # not a figure written twice


def test_currency_markers_read_through_the_markets_table():
    assert [_currency_of(m) for m in ("£", "руб.", "元")] == ["GBP", "RUB", "CNY"]
