"""Literal gates for regexes: skip a scan that cannot match.

A pattern led by ``\\b`` (or by a lookaround) has no literal prefix, so Python's regex
engine tries every alternative at every position of the text: about 0.3-0.8 µs a
character for the cue lists of :mod:`workbench.roles` on a 1,500-character posting
head. Yet every match of such a pattern starts with one of a few literal words
("bank", "deposit", "банк" ...), and ``str.find`` looks for a word at memory speed.

:class:`Gated` wraps a compiled pattern with those words (read once from the parsed
pattern by :func:`required_literals`). ``search`` returns ``None`` at once when none of
them occurs, and otherwise starts the engine at the first occurrence: every match
starts where one of the words does, so the result is the same match object the
pattern would return from the start. ``sub`` skips a text with none of the words.
"""

from __future__ import annotations

import re
import re._constants as _sre
import re._parser as _sre_parser

__all__ = ["Gated", "required_literals"]

_ZERO_WIDTH = frozenset({_sre.AT, _sre.ASSERT, _sre.ASSERT_NOT})
_NESTED = frozenset({_sre.BRANCH, _sre.SUBPATTERN})


def _leads(items) -> set[str] | None:
    """The literal strings one of which every match of ``items`` starts with, or None."""
    k = 0
    while k < len(items) and items[k][0] in _ZERO_WIDTH:  # \b, ^, lookarounds: zero width
        k += 1
    if k == len(items):
        return None
    run = []
    while k < len(items) and items[k][0] is _sre.LITERAL:
        run.append(chr(items[k][1]))
        k += 1
    if run:
        # The parser moves a prefix the branches share before them ("sr|snr" is "s(?:r|nr)"):
        # the words go on into the branches that follow.
        prefix = "".join(run)
        rest = _leads(items[k:k + 1]) if k < len(items) and items[k][0] in _NESTED else None
        return {prefix + r for r in rest} if rest else {prefix}
    op, av = items[k]
    if op is _sre.BRANCH:
        out: set[str] = set()
        for branch in av[1]:
            lead = _leads(branch)
            if lead is None:
                return None
            out |= lead
        return out
    if op is _sre.SUBPATTERN:
        _group, add_flags, _del_flags, sub = av
        return None if add_flags & re.IGNORECASE else _leads(sub)  # "(?i:...)" ignores case inside
    return None  # a class, a repeat, a group reference ...: no literal gate


def required_literals(rx: re.Pattern) -> tuple[str, ...] | None:
    """Literal strings one of which every match of ``rx`` starts with (in the text as
    given: the pattern must not ignore case), or ``None`` when the pattern has none."""
    if rx.flags & re.IGNORECASE:
        return None
    leads = _leads(_sre_parser.parse(rx.pattern, rx.flags))
    return tuple(sorted(leads)) if leads else None


class Gated:
    """A compiled pattern whose scans are skipped where its literal words are absent."""

    __slots__ = ("keys", "pattern", "rx")

    def __init__(self, rx: re.Pattern | str) -> None:
        self.rx = re.compile(rx) if isinstance(rx, str) else rx
        self.pattern = self.rx.pattern
        self.keys = required_literals(self.rx)

    def _start(self, text: str, pos: int, endpos: int) -> int:
        """The first position in ``text[pos:endpos]`` where a literal word starts, or -1."""
        first = -1
        for key in self.keys:
            i = text.find(key, pos, endpos if first == -1 else first + len(key))
            if i != -1 and (first == -1 or i < first):
                first = i
        return first

    def search(self, text: str, pos: int = 0, endpos: int | None = None) -> re.Match | None:
        """``rx.search(text, pos, endpos)``."""
        end = len(text) if endpos is None else endpos
        if self.keys is None:
            return self.rx.search(text, pos, end)
        first = self._start(text, pos, end)
        return None if first == -1 else self.rx.search(text, first, end)

    def sub(self, repl, text: str) -> str:
        """``rx.sub(repl, text)``."""
        if self.keys is not None and self._start(text, 0, len(text)) == -1:
            return text
        return self.rx.sub(repl, text)
