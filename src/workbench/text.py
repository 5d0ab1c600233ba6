"""Lower-cased copies of a posting's text, shared by the extractors.

Roles, requirements and the salary engine all search a lower-cased copy of the
same posting text. ``str.lower`` costs about 5 µs per 1,000 characters of a
text that is not pure ASCII (most postings carry a "£", "’" or Cyrillic), so
the copies of the last text seen are kept here and handed to the next
extractor that asks for the same text object.

The cache is one immutable tuple swapped in whole: a Dask worker may run
several threads, and a reader always gets the copies of the text it asked for.
"""

from __future__ import annotations

# (text, text.lower(), same-length lower-case copy, its UTF-8 bytes or None)
_last: tuple = (None, "", "", None)


def _copies(text: str) -> tuple:
    last = _last
    if last[0] is text:
        return last
    return _remember(text)


def _remember(text: str) -> tuple:
    global _last
    low = text.lower()
    same = low
    if len(low) != len(text):
        # A rare character ("İ" -> "i̇") grows when lower-cased: lower-case the
        # others one by one so offsets in the copy still match the text.
        same = "".join(c if len(c.lower()) != 1 else c.lower() for c in text)
    entry = (text, low, same, None)
    _last = entry
    return entry


def lower(text: str) -> str:
    """``text.lower()`` (which may be longer than ``text``)."""
    return _copies(text)[1]


def lower_same_length(text: str) -> str:
    """Lower-case copy of ``text`` with the same length, so offsets agree.

    Characters that grow when lower-cased (e.g. "İ") are kept as they are.
    """
    return _copies(text)[2]


def same_length_utf8(text: str) -> bytes:
    """UTF-8 bytes of :func:`lower_same_length` (tests for which scripts occur)."""
    global _last
    entry = _copies(text)
    raw = entry[3]
    if raw is None:
        raw = entry[2].encode("utf-8", "surrogatepass")
        _last = (entry[0], entry[1], entry[2], raw)
    return raw


class KeySet:
    """Literal keys to ``str.find`` in a lower-cased text, skipping those that cannot occur.

    A key with a character outside ASCII can only occur when the text holds the
    UTF-8 lead byte of that character, so a text with no Cyrillic skips the
    Cyrillic keys: a few ``bytes`` membership tests (memchr) instead of a
    ``find`` per key. :meth:`possible` keeps the keys' order.
    """

    def __init__(self, keys) -> None:
        self.keys = tuple(keys)
        self.ascii = tuple(k for k in self.keys if k.isascii())
        self._key_leads = tuple((k, None if k.isascii() else _lead_byte(k)) for k in self.keys)
        self.leads = tuple(sorted({lead for _, lead in self._key_leads if lead is not None}))
        self._by_present: dict[tuple[bytes, ...], tuple[str, ...]] = {(): self.ascii}

    def present(self, text: str) -> tuple[bytes, ...]:
        """The keys' lead bytes that occur in ``text`` (lower-cased, as UTF-8)."""
        if lower_same_length(text).isascii():
            return ()
        raw = same_length_utf8(text)
        return tuple(b for b in self.leads if b in raw)

    def select(self, present: tuple[bytes, ...]) -> tuple[str, ...]:
        """The keys whose lead byte is in ``present`` (or that are ASCII), in order."""
        out = self._by_present.get(present)
        if out is None:
            out = tuple(k for k, lead in self._key_leads if lead is None or lead in present)
            self._by_present[present] = out
        return out

    def possible(self, text: str) -> tuple[str, ...]:
        """The keys that may occur in the lower-cased ``text``: every other key is absent."""
        return self.select(self.present(text))


def _lead_byte(key: str) -> bytes:
    """The UTF-8 lead byte of the first non-ASCII character of ``key``."""
    return bytes([next(b for b in key.encode("utf-8") if b >= 0x80)])
