"""What a bullet is: the marks that open a list item, said once.

Every reader of structured text (ingest's normaliser, the break restorer in ``text``,
``sections``, ``structure``, ``timealloc``, ``requirements``) builds its patterns from
these sets instead of retyping them:

* :data:`GLYPHS` - glyphs that only ever mark an item (•, ▪, ➢, ✓, the private-use
  glyphs Word's Symbol font leaves behind, ...);
* :data:`DASHES` - marks that open an item at the start of a line but are also
  punctuation inside one (``-``, ``*``, en and em dashes);
* :data:`MARKS` - every mark that opens an item at the start of a line (both sets);
* :data:`INLINE` - the glyphs that open an item even in the middle of a line (a list
  whose line breaks were lost); the middle dot, the arrow and the squares are left out,
  as they also separate words inside a line;
* :data:`NUMBER` - a numbered item: one or two digits and ``.`` or ``)``.
"""

from __future__ import annotations

import re

__all__ = ["DASHES", "GLYPHS", "INLINE", "MARKS", "MARK_CLASS", "NUMBER", "is_mark"]

GLYPHS = "•·▪●◦‣○■□➢➤►✓✔❖→∙\u2043\uf0a7\uf0b7\uf076\uf0d8\uf0fc"
DASHES = "-*–—"
MARKS = DASHES + GLYPHS
INLINE = "●•➢▪►✓✔◦■‣❖➤"
NUMBER = r"\d{1,2}[.)]"
# A regular-expression class matching one mark.
MARK_CLASS = "[" + "".join(re.escape(c) for c in MARKS) + "]"
GLYPH_CLASS = "[" + "".join(re.escape(c) for c in GLYPHS) + "]"

_MARK_SET = frozenset(MARKS)


def is_mark(char: str) -> bool:
    """Whether ``char`` opens a list item at the start of a line."""
    return char in _MARK_SET
