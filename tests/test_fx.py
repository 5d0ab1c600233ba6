"""fx: offline ECB conversion with visible fallbacks."""

from __future__ import annotations

import datetime as dt
import warnings

import pytest

from workbench import fx
from workbench.errors import CurrencyError


def test_same_currency_is_identity():
    c = fx.convert(123.0, "GBP", "GBP", "2020-01-02")
    assert (c.value, c.rate, c.warning) == (123.0, 1.0, None)


def test_business_day_rate_has_no_warning():
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        c = fx.convert(100, "EUR", "USD", dt.date(2019, 6, 3))
    assert c.rate_date == dt.date(2019, 6, 3)
    assert c.value == pytest.approx(100 * c.rate)
    assert 1.0 < c.rate < 1.3


def test_weekend_uses_previous_fixing_quietly():
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        c = fx.convert(100, "GBP", "USD", "2019-06-01")  # a Saturday
    assert c.rate_date == dt.date(2019, 5, 31) and c.warning is None


def test_cross_rate_through_eur():
    a = fx.convert(100, "GBP", "EUR", "2019-06-03").value
    b = fx.convert(a, "EUR", "USD", "2019-06-03").value
    assert fx.convert(100, "GBP", "USD", "2019-06-03").value == pytest.approx(b)


def test_rub_after_2022_falls_back_with_warning():
    with pytest.warns(UserWarning, match="RUB"):
        c = fx.convert(100_000, "RUB", "GBP", "2024-01-10")
    assert c.rate_date == dt.date(2022, 3, 1)
    assert c.warning and "2022-03-01" in c.warning
    assert c.rate not in (0.0, 1.0) and c.value > 0


def test_date_before_history_uses_first_date_with_warning():
    with pytest.warns(UserWarning):
        c = fx.convert(10, "CNY", "GBP", "1990-01-01")
    assert c.rate_date == dt.date(2005, 4, 1)


def test_none_means_latest_date():
    c = fx.convert(1, "GBP", "USD")
    assert c.rate_date == fx.latest_rate_date()
    assert fx.latest_rate_date() >= dt.date(2024, 1, 1)


def test_unknown_currency_is_actionable():
    with pytest.raises(CurrencyError, match="Unknown currency 'XYZ'.*Use one of"):
        fx.convert(1, "XYZ", "GBP")


def test_bad_date_is_actionable():
    with pytest.raises(CurrencyError, match="YYYY-MM-DD"):
        fx.convert(1, "GBP", "USD", "last tuesday")


def test_lowercase_codes_accepted():
    assert fx.convert(1, "gbp", "usd", "2019-06-03").rate > 1


# The nearest-date fallback. The ECB stopped quoting the Icelandic krona on 2008-12-09 and
# resumed on 2018-02-01 (the gap is in the shipped history); RUB stops on 2022-03-01.

def test_a_date_inside_a_gap_takes_the_nearer_side_after():
    with pytest.warns(UserWarning, match="ISK"):
        c = fx.convert(1000, "ISK", "GBP", "2017-12-01")  # 62 days before the first new rate
    assert c.rate_date == dt.date(2018, 2, 1)
    assert "2018-02-01" in c.warning and "62 days away" in c.warning


def test_a_date_inside_a_gap_takes_the_nearer_side_before():
    with pytest.warns(UserWarning, match="ISK"):
        c = fx.convert(1000, "ISK", "GBP", "2009-01-05")  # 27 days after the last old rate
    assert c.rate_date == dt.date(2008, 12, 9)
    assert "27 days away" in c.warning


def test_seven_days_after_the_last_fixing_is_still_a_normal_read():
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        c = fx.convert(100, "RUB", "GBP", "2022-03-08")
    assert (c.rate_date, c.warning) == (dt.date(2022, 3, 1), None)
    with pytest.warns(UserWarning, match="8 days away"):
        late = fx.convert(100, "RUB", "GBP", "2022-03-09")
    assert late.rate_date == dt.date(2022, 3, 1)


def test_euro_to_a_currency_uses_that_currencys_dates():
    # EUR has a rate on every fixing date; the pair's dates are those of the other currency.
    with pytest.warns(UserWarning, match="RUB"):
        c = fx.convert(100, "EUR", "RUB", "2024-01-10")
    assert c.rate_date == dt.date(2022, 3, 1) and c.value > 100


def test_pick_date_rule_on_a_short_history():
    days = (dt.date(2024, 1, 1), dt.date(2024, 1, 20))
    assert fx._pick_date(days, dt.date(2024, 1, 8)) == (dt.date(2024, 1, 1), True)    # 7 days back
    assert fx._pick_date(days, dt.date(2024, 1, 9)) == (dt.date(2024, 1, 1), False)   # 8 back, 11 ahead
    assert fx._pick_date(days, dt.date(2024, 1, 18)) == (dt.date(2024, 1, 20), False)  # 2 ahead: the last date
    assert fx._pick_date(days, dt.date(2023, 12, 25)) == (dt.date(2024, 1, 1), False)
    assert fx._pick_date(days, dt.date(2024, 3, 1)) == (dt.date(2024, 1, 20), False)


def test_belarusian_roubles_convert_through_eur_at_the_month_average():
    from workbench.fx import convert

    eur = convert(3108.6, "BYN", "EUR", "2021-03-10")
    assert eur.value == pytest.approx(1000.0) and eur.rate_date.isoformat() == "2021-03-01"
    assert eur.warning is None


def test_a_month_outside_the_belarusian_table_uses_the_nearest_with_a_warning():
    from workbench.fx import convert

    with pytest.warns(UserWarning, match="No BYN rate for 2023-03"):
        conv = convert(100, "BYN", "EUR", "2023-03-20")
    assert conv.rate == pytest.approx(1 / 2.9270) and "2022-01" in conv.warning
