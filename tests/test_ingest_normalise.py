"""Tests for workbench.ingest.normalise: the structured text every reader hands on."""

from __future__ import annotations

import math

import pytest

from workbench.ingest.normalise import clean_field, collapse_lines, tidy_text


def test_collapse_lines_strips_lines_and_drops_blank_lines_and_bare_bullets():
    raw = "  Account\u00a0\u00a0Manager \n\n -\n-\tOwn renewals\u3000\n\t\n"
    assert collapse_lines(raw) == "Account Manager\n- Own renewals"


def test_tidy_text_turns_bullet_glyphs_into_dashes_and_unifies_line_ends():
    text = "Duties:\r\n• Own renewals\r* Grow accounts\n  ▪ Report\n*not a bullet*"
    assert tidy_text(text) == "Duties:\n- Own renewals\n- Grow accounts\n- Report\n*not a bullet*"


def test_tidy_text_reads_markdown_headings_and_emphasis_only_when_asked():
    text = "## Account Manager\n\n* Own **renewals**\n"
    assert tidy_text(text, markdown=True) == "Account Manager\n- Own renewals"
    assert tidy_text(text) == "## Account Manager\n- Own **renewals**"


def test_tidy_text_drops_control_characters_but_keeps_tabs_as_spaces():
    assert tidy_text("Account\x00 Manager\x1b\tLondon") == "Account Manager London"


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (None, None),
        (math.nan, None),
        ("   ", None),
        ("  Acme   Ltd \x07", "Acme Ltd"),
        ({"@type": "Organization", "name": "Acme"}, "Acme"),
        ({"@value": "Leeds"}, "Leeds"),
        ({"@type": "Organization"}, None),
        (40000, "40000"),
    ],
)
def test_clean_field(value, expected):
    assert clean_field(value) == expected
