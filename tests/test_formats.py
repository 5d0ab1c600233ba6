"""Money with its symbol, rounded by the stated rule; shares and percents; counts."""

from __future__ import annotations

import math

import pytest

from workbench import formats


@pytest.mark.parametrize("value, expected", [
    (37350, 37400), (37250, 37300), (26713, 26700), (1234567, 1230000), (99.4, 99), (999.5, 1000),
    (0, 0), (-26713, -26700), (42000, 42000),
])
def test_money_is_rounded_half_up_to_three_significant_figures(value, expected):
    assert formats.round_money(value) == expected


@pytest.mark.parametrize("currency, text", [
    ("GBP", "£37,400"), ("USD", "$37,400"), ("EUR", "€37,400"), ("RUB", "₽37,400"), ("CNY", "CN¥37,400"),
    ("XYZ", "37,400 XYZ"),
])
def test_money_carries_its_symbol_never_a_code_before_the_figure(currency, text):
    assert formats.money(37350, currency) == text


def test_missing_values_and_no_currency():
    assert formats.money(None, "GBP") == "–" and formats.money(math.nan, "GBP") == "–"
    assert formats.money("n/a") == "–"
    assert formats.money(37350) == "37,400"
    assert formats.money(37350, "GBP", rounded=False) == "£37,350"


def test_shares_percents_and_counts():
    assert formats.share(0.25) == "25%" and formats.share(0.2549, 1) == "25.5%"
    assert formats.percent(33.3) == "33%" and formats.percent(None) == "–"
    assert formats.count(1234.0) == "1,234" and formats.count(math.nan) == "–"
