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
