"""What a bullet is, once: every reader of list items agrees on the marks."""

from __future__ import annotations

import re

from workbench import bullets, requirements, role_split, sections, timealloc
from workbench.ingest import normalise


def test_marks_are_the_dashes_and_the_glyphs_and_inline_glyphs_are_marks():
    assert bullets.MARKS == bullets.DASHES + bullets.GLYPHS
    assert set(bullets.INLINE) <= set(bullets.GLYPHS)
    assert all(bullets.is_mark(c) for c in "-•▪➢✓\uf0b7") and not bullets.is_mark("a")


def test_every_reader_takes_an_item_opened_by_any_mark():
    for mark in bullets.MARKS:
        line = f"{mark} Grow the client base"
        assert role_split._BULLET_START.match(line), mark
        assert timealloc._BULLET_RE.sub("", line) == "Grow the client base", mark
        assert requirements._ITEM_RE.match(line).group(1) == "Grow the client base", mark
        assert sections._BULLET_RE.match(line) and line[0] in sections._BULLET_FIRST, mark


def test_numbered_items_are_one_or_two_digits_and_a_dot_or_bracket():
    assert re.fullmatch(bullets.NUMBER, "12)") and not re.fullmatch(bullets.NUMBER, "123.")
    assert role_split._BULLET_START.match("3. Prospect")
    assert not role_split._BULLET_START.match("2026. A year")


def test_ingest_writes_every_glyph_item_as_a_dash_item():
    for glyph in bullets.GLYPHS:
        assert normalise.tidy_text(f"Duties\n{glyph} Grow the client base") == "Duties\n- Grow the client base", glyph
