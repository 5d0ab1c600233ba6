"""Literal gates for regexes: skip a scan that cannot match.

A pattern led by ``\\b`` (or by a lookaround) has no literal prefix, so Python's regex
engine tries every alternative at every position of the text: about 0.3-0.8 µs a
character for the cue lists of :mod:`workbench.roles` on a 1,500-character posting
head, and ~0.7 µs a character for the ~80 alternatives of ``timealloc``'s conditions
on a short activity. Yet every match of such a pattern holds one of a few literal
words ("bank", "deposit", "банк" ...), and a literal alternation grouped by first
character (which the engine skips through quickly) finds them.

:class:`Gated` wraps a compiled pattern with those words, read once from the parsed
pattern. When every match *starts* with one of them (:func:`required_literals`),
``search`` tries the pattern only where one of them starts, in order (the same match
object ``search`` returns, as it tries every position in order), and returns ``None``
at once when none occurs. Otherwise, when every match *holds* one of them somewhere
(:func:`required_words`), a text without any is skipped. ``sub`` skips a text without
the words.

:class:`Keys` gates literal keys by script: a key with a character outside ASCII can
only occur in a text holding that character's UTF-8 lead byte. Which lead bytes a text
holds is read once per text for every :class:`Keys` of every module (:func:`scripts`),
not once per key set.
"""

from __future__ import annotations

import re
import re._constants as _sre
import re._parser as _sre_parser

from . import text as _text

__all__ = ["Gated", "Keys", "required_literals", "required_words", "scripts"]

_ZERO_WIDTH = frozenset({_sre.AT, _sre.ASSERT, _sre.ASSERT_NOT})
_NESTED = frozenset({_sre.BRANCH, _sre.SUBPATTERN})
_REPEATS = frozenset({_sre.MAX_REPEAT, _sre.MIN_REPEAT, _sre.POSSESSIVE_REPEAT})


# --------------------------------------------------------------------------- words a match starts with

def _branch_union(branches, read) -> set[str] | None:
    out: set[str] = set()
    for branch in branches:
        words = read(branch)
        if words is None:
            return None
        out |= words
    return out


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
        return _branch_union(av[1], _leads)
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


# --------------------------------------------------------------------------- words a match holds

def _item_words(op, av) -> set[str] | None:
    """The words one of which every match of one parsed item holds, or None."""
    if op is _sre.SUBPATTERN:
        return None if av[1] & re.IGNORECASE else _words(av[-1])
    if op is _sre.BRANCH:
        return _branch_union(av[1], _words)
    if op in _REPEATS and av[0] >= 1:  # repeated at least once: its words are there
        return _words(av[2])
    return None  # a class, an optional part, an assertion ...: nothing required


def _words(items) -> set[str] | None:
    """Words one of which every match of the sequence ``items`` holds, or None.

    Each literal run and each required part gives a candidate set; the one whose
    shortest word is longest is kept (the fewest chance hits), then the smallest."""
    candidates: list[set[str]] = []
    run: list[str] = []
    for op, av in items:
        if op is _sre.LITERAL:
            run.append(chr(av))
            continue
        if run:
            candidates.append({"".join(run)})
            run = []
        words = _item_words(op, av)
        if words:
            candidates.append(words)
    if run:
        candidates.append({"".join(run)})
    if not candidates:
        return None
    return max(candidates, key=lambda c: (min(map(len, c)), -len(c)))


def required_words(rx: re.Pattern) -> tuple[str, ...] | None:
    """Literal strings one of which every match of ``rx`` holds somewhere (not only at its
    start), or ``None`` when some match may hold none (the pattern must not ignore case)."""
    if rx.flags & re.IGNORECASE:
        return None
    words = _words(_sre_parser.parse(rx.pattern, rx.flags))
    return tuple(sorted(words)) if words else None


def _alternation(words: tuple[str, ...]) -> re.Pattern:
    """A pattern matching wherever one of ``words`` starts: grouped by first character, so
    the engine skips a character that opens no word and tries one group where one does."""
    by_first: dict[str, list[str]] = {}
    for w in sorted(words, key=len, reverse=True):
        by_first.setdefault(w[0], []).append(re.escape(w[1:]))
    return re.compile("|".join(f"{re.escape(first)}(?:{'|'.join(rests)})" for first, rests in by_first.items()))


class Gated:
    """A compiled pattern whose scans are skipped where its literal words are absent."""

    __slots__ = ("_find", "keys", "pattern", "rx", "words")

    def __init__(self, rx: re.Pattern | str) -> None:
        self.rx = re.compile(rx) if isinstance(rx, str) else rx
        self.pattern = self.rx.pattern
        self.keys = required_literals(self.rx)  # every match starts with one
        self.words = self.keys or required_words(self.rx)  # every match holds one
        self._find = _alternation(self.words) if self.words else None

    def search(self, text: str, pos: int = 0, endpos: int | None = None) -> re.Match | None:
        """``rx.search(text, pos, endpos)``."""
        end = len(text) if endpos is None else endpos
        if self._find is None:
            return self.rx.search(text, pos, end)
        if not self.keys:
            # A match inside text[pos:end] holds one of the words inside it too.
            return None if self._find.search(text, pos, end) is None else self.rx.search(text, pos, end)
        # Every match starts where a leading word does: the pattern is tried at each of
        # them in turn (the next one is looked for from the character after, as words may
        # overlap), as search tries it at every position; the first that matches is
        # search's match.
        find, match = self._find.search, self.rx.match
        while (word := find(text, pos, end)) is not None:
            m = match(text, word.start(), end)
            if m is not None:
                return m
            pos = word.start() + 1
        return None

    def sub(self, repl, text: str) -> str:
        """``rx.sub(repl, text)``."""
        if self._find is not None and self._find.search(text) is None:
            return text
        return self.rx.sub(repl, text)


# --------------------------------------------------------------------------- keys by script

# The UTF-8 lead bytes some Keys needs, in the order they were first needed; every
# Keys registers its own when it is made (at import).
_NEEDED: list[bytes] = []
_NO_SCRIPTS: frozenset[bytes] = frozenset()
# (text, how many lead bytes were needed then, the needed ones it holds): the last text's
# answer, one tuple swapped in whole (a reader always gets the answer for its own text).
_last_scripts: tuple = (None, 0, _NO_SCRIPTS)


def scripts(text: str) -> frozenset[bytes]:
    """The lead bytes needed by any :class:`Keys` that the lower-cased ``text`` holds
    (as UTF-8): read once for the last text, however many key sets ask."""
    global _last_scripts
    last = _last_scripts
    if last[0] is text and last[1] == len(_NEEDED):
        return last[2]
    if _text.lower_same_length(text).isascii():
        found = _NO_SCRIPTS
    else:
        found = frozenset(filter(_text.same_length_utf8(text).__contains__, _NEEDED))
    _last_scripts = (text, len(_NEEDED), found)
    return found


def _lead_byte(key: str) -> bytes:
    """The UTF-8 lead byte of the first non-ASCII character of ``key``."""
    return bytes([next(b for b in key.encode("utf-8") if b >= 0x80)])


class Keys:
    """Literal keys to ``str.find`` in a lower-cased text, skipping those that cannot occur.

    A key with a character outside ASCII can only occur when the text holds the UTF-8
    lead byte of that character: an English text skips the Cyrillic and Chinese keys
    without a ``find`` each. :meth:`possible` keeps the keys' order."""

    __slots__ = ("_by_present", "_key_leads", "ascii", "keys", "leads")

    def __init__(self, keys) -> None:
        self.keys = tuple(keys)
        self.ascii = tuple(k for k in self.keys if k.isascii())
        self._key_leads = tuple((k, None if k.isascii() else _lead_byte(k)) for k in self.keys)
        self.leads = tuple(sorted({lead for _, lead in self._key_leads if lead is not None}))
        _NEEDED.extend(lead for lead in self.leads if lead not in _NEEDED)
        self._by_present: dict[frozenset[bytes], tuple[str, ...]] = {_NO_SCRIPTS: self.ascii}

    def select(self, present: frozenset[bytes]) -> tuple[str, ...]:
        """The keys that are ASCII or whose lead byte is in ``present``, in order."""
        out = self._by_present.get(present)
        if out is None:
            out = tuple(k for k, lead in self._key_leads if lead is None or lead in present)
            self._by_present[present] = out
        return out

    def possible(self, text: str) -> tuple[str, ...]:
        """The keys that may occur in the lower-cased ``text``: every other key is absent."""
        return self.select(scripts(text))
