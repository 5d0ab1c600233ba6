"""Plain-text normalising shared by every reader: spaces, control characters, bullets.

The structured text ingest hands on has one item per line, no blank lines, list
items as ``- item`` and single spaces; :func:`tidy_text` makes it from plain text
or Markdown, :func:`collapse_lines` finishes it for any reader (the HTML converter
too), and :func:`clean_field` tidies a short field value (title, company, ...).
"""

from __future__ import annotations

import re
from typing import Any

from workbench import bullets

CTRL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
SPACES = re.compile(r"[ \t\f\v\u00a0\u2000-\u200b\u3000]+")


# What SPACES would change: two spaces in a row, or any other space character.
_ODD_SPACES = ("  ", "\t", "\f", "\v", "\u00a0", "\u3000") + tuple(chr(c) for c in range(0x2000, 0x200C))


def collapse_lines(raw_text: str) -> str:
    """Collapse runs of spaces, strip lines, drop empty lines and bare bullets."""
    # Most text has single ordinary spaces only: a few substring tests (memchr
    # speed) skip the regex pass, which costs ~40 us on a 1 KB posting.
    if any(odd in raw_text for odd in _ODD_SPACES):
        raw_text = SPACES.sub(" ", raw_text)
    # Strip and drop empty lines in C (map/filter) and only then look for bare
    # bullets: the same lines as one generator step per line, ~25% faster.
    lines = list(filter(None, map(str.strip, raw_text.split("\n"))))
    if "-" in lines:
        lines = [line for line in lines if line != "-"]
    return "\n".join(lines)


_BULLET = re.compile(r"^[ \t]*(?:" + bullets.GLYPH_CLASS + r"|[*+][ \t])[ \t]*", re.M)
# A _BULLET match after a newline: a search that starts with a literal "\n" jumps
# from newline to newline, while "^" with re.M is tried at every character.
_BULLET_AFTER_NL = re.compile(r"\n[ \t]*(?:" + bullets.GLYPH_CLASS + r"|[*+][ \t])")
_MD_HEADING = re.compile(r"^[ \t]{0,3}#{1,6}[ \t]+", re.M)
_MD_EMPHASIS = re.compile(r"(\*\*|__)(.+?)\1")


def tidy_text(text: str, *, markdown: bool = False) -> str:
    """Normalise plain text: one item per line, bullets as ``- ``, no blank lines."""
    text = CTRL.sub("", text.replace("\r\n", "\n").replace("\r", "\n"))
    if markdown:
        text = _MD_EMPHASIS.sub(r"\2", _MD_HEADING.sub("", text))
    # "^" (re.M) matches at the start and right after each "\n": when neither
    # place starts a bullet, the substitution would return the text unchanged.
    if _BULLET.match(text) or _BULLET_AFTER_NL.search(text):
        text = _BULLET.sub("- ", text)
    return collapse_lines(text)


def clean_field(value: Any) -> str | None:
    """A field value without control characters or runs of spaces, or None when empty.

    A JSON-LD object (``{"@type": "Organization", "name": ...}``) gives its name.
    """
    if value is None:
        return None
    if isinstance(value, float) and value != value:  # NaN
        return None
    if isinstance(value, dict):
        value = value.get("name") or value.get("@value")
        if value is None:
            return None
    text = str(value)
    # Every character CTRL or SPACES would change is unprintable except the
    # ordinary space, which SPACES only changes in a run: a printable text
    # without "  " comes out of both substitutions as it went in.
    if not text.isprintable() or "  " in text:
        text = SPACES.sub(" ", CTRL.sub("", text))
    return text.strip() or None
