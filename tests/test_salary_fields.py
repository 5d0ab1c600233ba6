"""The fast path for short salary fields (``workbench.salary.fields``); the property test
in tests/test_salary_properties.py checks it agrees with the scanner on generated fields."""

from __future__ import annotations

import pytest

from workbench.salary.fields import _fast_field
from workbench.salary.numbers import _lower
from workbench.salary.scan import _parse


def fast(text, currency=None, market=None):
    return _fast_field(text, _lower(text), currency, market)


@pytest.mark.parametrize("text, want", [
    ("£35,000 - £45,000 per annum", [(35000, 45000, "GBP", "year", "unspecified")]),
    ("$53K-$91K (Glassdoor est.)", [(53000, 91000, "USD", "year", "unspecified")]),
    ("300-330元/天", [(300, 330, "CNY", "day", "unspecified")]),
    ("£30,000 + bonus + car allowance", [(30000, 30000, "GBP", "year", "unspecified"),
                                         (None, None, "GBP", None, "bonus"),
                                         (None, None, "GBP", None, "allowance")]),
])
def test_common_field_shapes_are_read_in_one_match(text, want):
    found = fast(text)
    assert [(m.low, m.high, m.currency, m.period, m.component) for m in found] == want
    assert found == _parse(text, None, None, fast=False, field_mode=True)


@pytest.mark.parametrize("text", ["07700 900123", "Salary: £30k plus great benefits and more", "2024"])
def test_other_shapes_are_left_to_the_scanner(text):
    assert fast(text) is None
