"""Word patterns around an amount (``workbench.salary.patterns``)."""

from __future__ import annotations

import pytest

from workbench.salary import parse_salary
from workbench.salary.patterns import (
    _JOIN_COMP,
    _PAYWORD,
    _PREFIX_REV,
    _TRAIL,
    _UNIT_AFTER,
    _comp_of,
    _reversed_alternation,
)


def test_prefix_words_match_reversed_before_the_amount():
    m = _PREFIX_REV.match(" ot pu yralas")  # "salary up to " read backwards from the amount
    assert m.lastgroup == "upto" and m.end() == 6
    assert _reversed_alternation(["up to"]) == r"ot[ \u00a0]+pu"


@pytest.mark.parametrize("word, comp", [("basic salary", "base"), ("(оклад + премия)", "total"),
                                        ("annual bonus", "bonus"), ("car allowance", "allowance"),
                                        ("total package", "total"), ("ote", "ote")])
def test_component_words(word, comp):
    assert _comp_of(word) == comp


@pytest.mark.parametrize("tail, group", [(" per annum", "year"), (" в месяц", "month"),
                                         ("·13薪", "mpy"), (" gross", "gross"),
                                         (" (glassdoor est.)", "est")])
def test_words_after_an_amount(tail, group):
    assert _TRAIL.match(tail).lastgroup == group


def test_units_after_a_number_make_it_no_money():
    assert _UNIT_AFTER.match("%") and _UNIT_AFTER.match(" years") and _UNIT_AFTER.match(" employees")
    assert _UNIT_AFTER.match(" per annum") is None


def test_pay_words():
    assert _PAYWORD.search("salary") and _PAYWORD.search("pay")
    assert _PAYWORD.search("payment") is None


def test_components_joined_on_but_not_those_with_an_amount_of_their_own():
    assert _JOIN_COMP.match(" + car allowance").lastgroup == "allowance"
    assert _JOIN_COMP.match(" + bonus").lastgroup == "bonus"
    assert _JOIN_COMP.match(" plus pension").lastgroup == "skip"
    assert _JOIN_COMP.match(" + bonus £5,000") is None


def test_up_to_with_its_to_lost_after_of_is_still_an_upper_limit():
    # "Pay of up £N": a typo'd "up to" (a real uk_ads tuning posting); "of up" never opens anything else
    found = parse_salary("Lead Analyst Pay of up £61,300, plus employer pension contributions and hybrid working.",
                         field=False)
    assert [(m.low, m.high) for m in found] == [(None, 61300)]


@pytest.mark.parametrize("field, want", [
    ("Pay discussed at interview", [(None, None, "unspecified")]),
    ("Market hourly rate (inside IR35)", [(None, None, "unspecified")]),
    ("薪酬可议", [(None, None, "unspecified")]),
    ("£27,500 - £30,000 per annum, with bonus", [(27500, 30000, "unspecified"), (None, None, "bonus")]),
    ("£10.80 - £11.40 an hour + night allowance", [(10.8, 11.4, "unspecified"), (None, None, "allowance")]),
    ("55 000 руб./месяц + проценты", [(55000, 55000, "unspecified"), (None, None, "commission")]),
])
def test_pay_fields_unstated_pay_and_joined_parts(field, want):
    assert [(m.low, m.high, m.component) for m in parse_salary(field, field=True)] == want
