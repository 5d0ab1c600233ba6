"""Tests for workbench.ingest.pay: structured pay values that would be misread are refused."""

from __future__ import annotations

import math

import pytest

from workbench.ingest.pay import amount_problem, pay_field_problem, plain_number, structured_pay_problem


@pytest.mark.parametrize("value", [None, "", 0, 35000, 12.5, "35,000", "£30k-£35k", "30000-35000", "competitive",
                                   int("9" * 400)])
def test_amounts_and_pay_text_pass(value):
    assert amount_problem(value, "pay") is None


@pytest.mark.parametrize(
    ("value", "says"),
    [(-35000, "negative amount (-35000)"), ("-35000", "negative amount (-35000)"),
     ("−£35,000", "negative amount"), ("£-35,000", "negative amount"), ({"x": 1}, "an object ({'x': 1})"),
     ([1, 2], "a list"), (True, "holds true"), (math.nan, "holds nan"), (math.inf, "holds inf")],
)
def test_negative_and_non_numeric_amounts_are_refused_with_a_reason(value, says):
    reason = amount_problem(value, "pay field 'salary'")
    assert reason.startswith("pay refused: pay field 'salary' ") and says in reason
    assert "ingest again" in reason


def test_a_pay_column_checks_only_when_there_is_one_and_skips_empty_cells():
    assert pay_field_problem(-1, None) is None
    assert pay_field_problem(math.nan, "Salary") is None
    assert "negative" in pay_field_problem(-1, "Salary")


@pytest.mark.parametrize(
    ("base", "says"),
    [
        ({"x": 1}, "baseSalary is {'x': 1}, not a MonetaryAmount"),
        ({"currency": "GBP", "value": {"x": 1}}, "not a QuantitativeValue"),
        ({"currency": "GBP", "value": {"value": {"x": 1}, "unitText": "HOUR"}}, "value.value holds an object"),
        ({"currency": "GBP", "value": {"minValue": -1, "maxValue": 5}}, "value.minValue holds a negative amount"),
        ({"currency": "GBP", "value": {"minValue": "50,000", "maxValue": "30,000"}}, "minValue (50000) above"),
        ([{"currency": "GBP", "value": 1}, {"value": -1}], "negative amount (-1)"),
        ("-£30k", "negative amount (-£30k)"),
    ],
)
def test_structured_pay_problems(base, says):
    assert says in structured_pay_problem(base)


@pytest.mark.parametrize(
    "base",
    [None, "£30k", {"currency": "USD"}, {"@type": "MonetaryAmount", "currency": "GBP",
                                         "value": {"@type": "QuantitativeValue", "minValue": 30000,
                                                   "maxValue": 40000, "unitText": "YEAR"}}],
)
def test_well_formed_structured_pay_passes(base):
    assert structured_pay_problem(base) is None


def test_plain_number():
    assert (plain_number("35,000"), plain_number(" 1 200.5 "), plain_number("−40"), plain_number("30k")) == (
        35000.0, 1200.5, -40.0, None)
    assert plain_number(True) is None and plain_number(int("9" * 400)) is None
