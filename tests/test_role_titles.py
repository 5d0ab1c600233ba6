"""The table of role titles and its anchor words (``workbench.role_titles``)."""

from __future__ import annotations

import re

import pytest

from workbench import role_titles
from workbench.config import LEVELS
from workbench.roles import FAMILIES, _anchor_hits


def test_every_anchor_word_holds_some_title():
    assert all(members for _, members in role_titles._GROUPS.values())
    covered = {i for _, members in role_titles._GROUPS.values() for i in members}
    assert covered == set(range(len(role_titles._ROLE_TABLE)))


def test_every_row_has_a_known_family_level_and_a_label():
    for pattern, family, level, label in role_titles._ROLE_TABLE:
        re.compile(pattern)
        assert family in FAMILIES and label
        assert level is None or level in LEVELS


def test_a_group_tries_its_titles_in_table_order():
    for _, members in role_titles._GROUPS.values():
        assert members == sorted(members)


@pytest.mark.parametrize("text", [
    "senior account manager and account director",
    "head of key accounts; менеджер по работе с ключевыми клиентами",
    "大客户经理 客户总监 ka主管",
    "accountant accounts",
])
def test_anchor_hits_are_what_the_anchor_regex_finds(text):
    expected = [(m.start(), m.group()) for m in role_titles._ANCHOR_RE.finditer(text)]
    assert _anchor_hits(text, role_titles._ANCHORS_BY_LEN) == expected


def test_every_occupation_row_is_compiled_with_a_known_family_and_a_label():
    from workbench.role_titles import _TITLE_OCCUPATIONS

    assert _TITLE_OCCUPATIONS
    for rx, family, level, label in _TITLE_OCCUPATIONS:
        assert hasattr(rx, "search") and label
        assert family in {"other", "delivery", "sales", "client_services", "account_management", "key_accounts"}
        assert level is None if family in {"other", "delivery"} else level in LEVELS


_FOLLOWERS = ("", " manager", " managers", " director", " executive", " lead", " team lead", " services director",
              " service manager", " success manager", " relationship manager", " development manager", "s payable",
              "ant", " management director", "-менеджер", " по работе с клиентами", "ами", "经理", "总监", "主管", "专员")
_LEADERS = ("", "senior ", "key ", "the ", "глава ", "大")


def test_at_an_anchor_the_smaller_group_matches_as_the_whole_group():
    # The patterns kept for a match at the anchor itself give the same first match, of the
    # same length and the same table row, as the whole group, for every anchor and follower.
    for anchor, (group, members) in role_titles._GROUPS.items():
        small, index = role_titles._AT_ANCHOR[anchor]
        assert len(index) - 1 <= len(members)
        for lead in _LEADERS:
            for follow in _FOLLOWERS:
                text = f"{lead}{anchor}{follow} and more"
                whole, part = group.match(text, len(lead)), small.match(text, len(lead))
                assert (whole is None) == (part is None), text
                if whole is not None:
                    assert (whole.end(), whole.lastindex) == (part.end(), index[part.lastindex]), text


@pytest.mark.parametrize("pattern, anchor, may", [
    (r"\baccount\s+managers?\b", "account", True),
    (r"\b(?:key|major)\s+account\s+managers?\b", "account", False),
    (r"\b(?:senior\s+)?account\s+directors?\b", "account", True),
    (r"\baccounts?\b", "account", True),
    (r"\bacc\b", "account", True),           # a match shorter than the anchor is a match
    (r"\b(?:client|customer)\s+success", "customer", True),
    (r"(?:ключев\w+\s+)?клиент", "клиент", True),
    (r"\w+\s+клиент", "клиент", True),        # a class read as any character keeps the pattern
    (r"大客户", "客户", False),
])
def test_a_pattern_is_kept_when_it_may_start_with_the_anchor(pattern, anchor, may):
    assert role_titles._may_start_with(pattern, anchor) is may
