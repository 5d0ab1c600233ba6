"""Items of a big JSON document one at a time (ijson), so a reader holds one item, not the file.

A JSON array of postings can run to hundreds of megabytes; parsed whole it takes
many times its size in Python objects. :func:`iter_items` walks the document with
ijson's C parser (yajl) and yields the items under a prefix (``item`` for the
elements of a top-level array, ``@graph.item`` for a JSON-LD graph) as they are
completed, each with the approximate number of bytes it took in the file. A
malformed document raises :class:`JsonStreamError` where the parser stopped; the
items before it have been yielded.
"""

from __future__ import annotations

import codecs
import io
from collections.abc import Iterator
from pathlib import Path
from typing import Any, BinaryIO

import ijson


class JsonStreamError(ValueError):
    """The document is malformed at some point; the items before it were read."""


class _Utf8Reader:
    """A binary reader that gives a file in another encoding as UTF-8 bytes (ijson reads UTF-8)."""

    def __init__(self, raw: BinaryIO, encoding: str) -> None:
        self.raw = raw
        self.text = io.TextIOWrapper(raw, encoding=encoding, errors="replace")

    def read(self, size: int = -1) -> bytes:
        return self.text.read(size).encode("utf-8", errors="surrogatepass")

    def tell(self) -> int:
        return self.raw.tell()


def first_character(path: Path, encoding: str) -> str:
    """The first character of the document that is not white space or a byte-order mark."""
    with path.open("rb") as raw:
        head = raw.read(4096)
    text = codecs.decode(head, encoding, errors="replace") if head else ""
    return text.lstrip("\ufeff \t\r\n")[:1]


def iter_items(path: Path, encoding: str, prefix: str) -> Iterator[tuple[Any, int]]:
    """``(item, bytes it took)`` for each item under ``prefix`` (``item``, ``@graph.item``).

    Numbers come back as int or float. Raises :class:`JsonStreamError` on malformed JSON.
    """
    with path.open("rb") as raw:
        if encoding in ("utf-8", "ascii"):
            if raw.read(3) != codecs.BOM_UTF8:
                raw.seek(0)
            source: Any = raw
        else:
            source = _Utf8Reader(raw, encoding)
        before = source.tell()
        try:
            for item in ijson.items(source, prefix, use_float=True):
                now = source.tell()
                yield item, max(0, now - before)
                before = now
        except (ijson.JSONError, ijson.IncompleteJSONError, UnicodeDecodeError) as exc:
            raise JsonStreamError(_message(exc)) from exc


def _message(exc: Exception) -> str:
    text = " ".join(str(exc).split())
    return text if len(text) <= 160 else text[:159] + "…"
