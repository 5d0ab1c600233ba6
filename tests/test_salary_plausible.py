"""Plausible pay and the period of a figure (``workbench.salary.plausible``)."""

from __future__ import annotations

import pytest

from workbench import markets
from workbench.salary.plausible import (
    PLAUSIBLE_PAY,
    _by_magnitude,
    _implausible,
    _local_rouble,
    _settle_period,
)


def test_bands_come_from_the_markets_table():
    for code in markets.market_codes():
        assert PLAUSIBLE_PAY[code] == markets.plausible(code)


@pytest.mark.parametrize("usd, period", [(50, "hour"), (300, "day"), (5000, "month"), (50000, "year")])
def test_size_gives_the_period_as_a_last_resort(usd, period):
    assert _by_magnitude(usd) == period


def test_a_written_period_is_kept():
    assert _settle_period("hour", "GBP", "GB", 18.5, None, False) == ("hour", "written")


def test_no_period_takes_the_market_convention_unless_the_figure_does_not_fit():
    assert _settle_period(None, "GBP", "GB", 35000, None, True) == ("year", "market")
    assert _settle_period(None, "GBP", "GB", 18.5, None, True) == ("hour", "magnitude")


def test_a_part_of_pay_takes_the_convention_whatever_its_size():
    assert _settle_period(None, "GBP", "GB", 500, None, True, "bonus") == ("year", "market")


def test_a_tiny_sum_without_pay_words_is_not_pay():
    assert _settle_period(None, "RUB", "RU", 500, None, False) == (None, None)


def test_sums_in_wan_from_100000_are_a_years_pay_unless_months_are_counted():
    assert _settle_period(None, "CNY", "CN", 150000, None, True, in_wan=True) == ("year", "magnitude")
    assert _settle_period(None, "CNY", "CN", 150000, 13, True, in_wan=True) == ("month", "market")


def test_implausible_amounts_outside_the_band_but_never_parts_of_pay():
    assert not _implausible(35000, 35000, "year", "GBP", "GB")
    assert _implausible(9e8, 9e8, "month", "RUB", "RU")
    assert not _implausible(9e8, 9e8, "month", "RUB", "RU", component="bonus")


def test_roubles_in_belarus_are_belarusian_unless_the_rouble_sign_says_otherwise():
    assert _local_rouble("RUB", "BY", "300 руб.", 0, 8) == "BYN"
    assert _local_rouble("RUB", "BY", "300 ₽", 0, 5) == "RUB"
    assert _local_rouble("RUB", "RU", "300 руб.", 0, 8) == "RUB"
