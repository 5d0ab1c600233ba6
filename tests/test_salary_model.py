"""Conventions and the pay mention (``workbench.salary.model``)."""

from __future__ import annotations

from workbench.salary import Convention, SalaryMention, convention_for, parse_salary
from workbench.salary.model import _market_key


def one(text, **kw) -> SalaryMention:
    found = parse_salary(text, **kw)
    assert len(found) == 1, found
    return found[0]


def test_gb_and_us_conventions():
    gb, us = convention_for("GB"), convention_for("USD")
    assert gb.hours_per_year == 1920 and gb.days_per_year == 240 and gb.weeks_per_year == 48
    assert us.hours_per_year == 2080 and us.days_per_year == 260 and us.weeks_per_year == 52
    assert convention_for("RUB").default_period == "month"
    assert convention_for("unknown-place").name == "default"
    assert "1920 h/yr" in gb.describe()


def test_convention_override():
    c = convention_for("GB", hours_per_week=37.5)
    assert c.hours_per_year == 37.5 * 48


def test_annualise_hourly_daily_weekly_monthly():
    assert one("£10 per hour").annualise()["annual_low"] == 19200
    assert one("£10 per hour").annualise("US")["annual_low"] == 20800
    assert one("£100 per day").annualise()["annual_low"] == 24000
    assert one("£100 per week").annualise()["annual_low"] == 4800
    r = one("100 000 руб. в месяц").annualise()
    assert r["annual_low"] == 1_200_000 and r["convention"].startswith("RU")


def test_annualise_uses_months_per_year():
    m = one("20-30K·13薪")
    assert m.annualise()["annual_low"] == 20000 * 13


def test_annualise_with_custom_convention():
    c = Convention(hours_per_week=35, weeks_per_year=46, days_per_year=220,
                   months_per_year=12, name="custom")
    r = one("£20 per hour").annualise(c)
    assert r["annual_high"] == 20 * 35 * 46 and r["convention"].startswith("custom")


def test_annualise_unstated_is_none():
    assert one("Competitive").annualise()["annual_low"] is None


def test_to_dict_has_the_contract_fields():
    d = one("£30k basic").to_dict()
    assert list(d) == ["text", "start", "end", "low", "high", "currency", "period",
                       "period_inferred", "component", "gross", "months_per_year", "masked",
                       "implausible"]
    assert d["component"] == "base"


def test_conventions_are_user_overridable_per_process():
    from workbench import salary

    saved = salary.CONVENTIONS["GB"]
    try:
        salary.CONVENTIONS["GB"] = Convention(37.5, 52, 260, 12, "GB", "year")
        assert one("£10 per hour").annualise()["annual_low"] == 10 * 37.5 * 52
    finally:
        salary.CONVENTIONS["GB"] = saved
    assert convention_for(saved) is saved


def test_market_key_reads_codes_aliases_and_currencies():
    assert [_market_key(c) for c in ("GB", "gbp", "UK", "RUB", "BYN")] == ["GB", "GB", "GB", "RU", "BY"]
    assert _market_key(None) is None and _market_key("XX") is None


def test_mention_equality_ignores_how_the_period_was_found():
    a = SalaryMention("£1", 0, 2, 1.0, 1.0, "GBP", "year", period_basis="written", market="GB")
    b = SalaryMention("£1", 0, 2, 1.0, 1.0, "GBP", "year", period_basis="market", market=None)
    assert a == b
