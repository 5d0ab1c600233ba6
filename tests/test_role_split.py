"""Role contexts of a document (``workbench.role_split``); the whole path through
``structure.analyse`` is tested in tests/test_structure.py."""

from __future__ import annotations

from workbench.role_split import _compares, _header_title, _in_spans, _title_keys, _words, split_roles
from workbench.roles import find_role_mentions

AM = "Account Manager\nYou will manage accounts and grow revenue across the region every quarter with our clients.\n"
AD = "\nAccount Director\nYou will lead the account team and own the client relationships at board level for us.\n"


def test_headings_naming_two_roles_give_two_contexts_in_order():
    text = AM * 3 + AD * 3
    contexts = split_roles(text, find_role_mentions(text))
    assert [(key[2], spans, evidence) for key, spans, evidence in contexts] == [
        ("Account Manager", [(0, len(AM) * 3 - 1)], True),
        ("Account Director", [(len(AM) * 3 + 1, len(text) - 1)], True)]


def test_a_posting_with_a_reporting_line_is_one_context():
    text = "Account Manager\nYou will manage accounts and grow revenue. Reporting to the Account Director."
    assert split_roles(text, find_role_mentions(text), has_title=True) == []


def test_a_title_field_names_the_title():
    text = "Job title: Senior Account Manager\nWe are a growing agency."
    assert _header_title(text, find_role_mentions(text)) == "Senior Account Manager"


def test_a_heading_naming_two_levels_is_a_comparison():
    keys = _title_keys("Account Manager") + _title_keys("Account Director")
    assert _title_keys("Account Manager") == [("account_management", 2, "Account Manager")]
    assert _compares("Account Manager vs Account Director", keys)


def test_spans_and_words():
    assert _in_spans(5, [(0, 10)]) and not _in_spans(10, [(0, 10)])
    assert _words("Grow the client base") == 4
