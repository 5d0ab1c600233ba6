"""Amounts and tokens (``workbench.salary.numbers``)."""

from __future__ import annotations

import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from workbench import config, goldens
from workbench.salary import numbers
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


# ---- the scanner's token pattern, gated: the same matches as written plainly -------------

_PLAIN_CORE = re.compile(numbers._CORE_SOURCE)


def _same_matches(lw: str) -> list[int]:
    """Positions of ``lw`` where the gated and the plain token pattern disagree (span or groups)."""
    bad = []
    for i in range(len(lw)):
        a, b = _PLAIN_CORE.match(lw, i), numbers._CORE.match(lw, i)
        if (a and (a.span(), a.groups())) != (b and (b.span(), b.groups())):
            bad.append(i)
    return bad


def test_the_gates_are_in_place():
    # the multiplier and the currency after a figure (their first characters were read),
    # and the grouped numbers: three look-aheads more than the plain pattern
    assert numbers._CORE.pattern.count("(?=") == numbers._CORE_SOURCE.count("(?=") + 3


def test_gated_token_pattern_matches_as_the_plain_one_on_every_labelled_string():
    texts = [text for _source, text, *_ in goldens._labelled_inputs(config.LABELLED) if text]
    assert len(texts) > 5000
    bad = [text[:40] for text in texts if _same_matches(_lower(text))]
    assert not bad, bad[:10]


_PIECES = ["1", "25", "300", "4000", "12,000", "1,234,567", "12,00,000", "6.600", "1.234,56",
           "45 000", "45\u00a0000", "2 697,61", "16.75", "1,5", "0", "07", "**", "****", "***,***",
           "6'400", "١٢", "k", "K", "к", "m", "mn", "b", "bn", " k", " тыс.", "тыс", "т", "млн", " млрд",
           "thousand", " lakh", "l", "pa", "千", "万", " ", "  ", "\u00a0", "\u2009", "\u202f", "-",
           "–", "/", ".", ",", "%", "$", "£", "€", "₽", "¥", "元", "₹", "₸", "руб.", "р.", "р", "usd",
           "gbp", "eur", "cny", "rmb", "chf", "kr", "zł", "zloty", "pounds", "sterling", "dollars",
           "долларов", "евро", "юаней", "yuan", "rupees", "тенге", "тг", "бел. руб", " br", "br",
           "days", "years", "лет", "年", "ote", "per", "x", "a", "e", "s", "d", "c", "人民币", "\n"]


@settings(max_examples=400, deadline=None)
@given(st.lists(st.sampled_from(_PIECES), min_size=1, max_size=10))
def test_gated_token_pattern_matches_as_the_plain_one_on_generated_text(pieces):
    lw = _lower("".join(pieces))
    assert _same_matches(lw) == []


@pytest.mark.parametrize("pattern, lead, chars", [
    ("abc|d", "", "ad"),
    ("[ ]?k|m", " ", "km"),
    ("[ ]x|[ ]?y", " ", "xy"),
    ("(?<=a)b|(?=c)c", "", "bc"),
    ("x?y", "", "xy"),
    ("[ ][ ]x", " ", r"\ "),       # one blank passed over, the second stays
    ("(?P<g>q)", "", "q"),
])
def test_first_characters_of_a_pattern(pattern, lead, chars):
    assert numbers._first_chars(pattern, lead) == chars


@pytest.mark.parametrize("pattern", ["a?", "(?i:a)", "(?i)a", r"\w", "[^a]", "x|", "[a-z\u0400-\u04ff]"])
def test_first_characters_unknown_leave_the_part_ungated(pattern):
    assert numbers._first_chars(pattern) is None
    assert numbers._guarded(pattern, " ") == pattern


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from([p for p in _PIECES if p.isascii()]), min_size=1, max_size=40))
def test_ascii_text_finds_the_same_token_starts(pieces):
    lw = _lower("".join(pieces))
    assert lw.isascii()
    assert [m.span() for m in numbers._core_matches(lw)] == [m.span() for m in _plain_matches(lw)]


def _plain_matches(lw: str):
    """``_core_matches`` with the Unicode digit start, for comparison."""
    pos = 0
    while True:
        d = numbers._START.search(lw, pos)
        if d is None:
            return
        m = numbers._CORE.match(lw, d.start())
        if m is None:
            pos = d.start() + 1
            continue
        yield m
        pos = m.end() if m.end() > d.start() else d.start() + 1


def test_a_k_glued_to_ote_is_a_multiplier():
    from workbench.salary import parse_salary

    found = parse_salary("Basic: £30kOTE £45k", currency="GBP", market="GB", field=False)
    assert [(m.low, m.component) for m in found] == [(30000, "base"), (45000, "ote")]
    found = parse_salary("£30kOTE £45k", currency="GBP", market="GB", field=True)
    assert [(m.low, m.component) for m in found] == [(30000, "unspecified"), (45000, "ote")]
