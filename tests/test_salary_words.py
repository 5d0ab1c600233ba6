"""Reading the words before and after an amount (``workbench.salary.words``)."""

from __future__ import annotations

from workbench.salary.words import (
    _clause_rev,
    _field_tail,
    _join_chain,
    _json_unit,
    _read_after,
    _read_before,
)


def test_words_before_are_read_on_the_reversed_window():
    # "salary up to " and "annual " before an amount, reversed
    assert _read_before(" ot pu yralas") == ("upto", None, None, None, True, 13)
    assert _read_before(" launna") == (None, None, "year", None, False, 7)


def test_words_after_give_period_and_gross():
    lw = "£30,000 per annum gross"
    after = _read_after(lw, 7, len(lw), None, None)
    assert (after.period, after.gross, after.end) == ("year", True, len(lw))


def test_a_plus_after_an_amount_opens_its_high_end():
    after = _read_after("£45k+ and benefits", 4, 18, None, None)
    assert after.open_low and after.end == 5
    # "and more", "and above", "upwards" after it say the same in words.
    after = _read_after("£45k and more", 4, 13, None, None)
    assert after.open_low and after.end == 13


def test_the_clause_before_an_amount_starts_after_the_last_sentence_end():
    assert _clause_rev("we are great. salary £30k", 0, 21) == (14, " yralas")


def test_components_chained_after_a_mention():
    lw = "£30k + car allowance + bonus"
    found, end = _join_chain(lw, lw, 4, "GBP", "GB")
    assert [(m.component, m.text, m.currency) for m in found] == [
        ("allowance", "car allowance", "GBP"), ("bonus", "bonus", "GBP")]
    assert end == len(lw)


def test_field_tails_and_json_units():
    assert _field_tail(" doe", 0) and not _field_tail(" apply now", 0)
    assert _json_unit("GBP 32000 - 38000 YEAR", 17)
