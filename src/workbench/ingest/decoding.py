"""Bytes to text, line by line when one file mixes encodings.

A file is decoded whole when it can be: valid UTF-8 (the common case) or a legacy
encoding throughout (:func:`workbench.ingest.detection.detect_encoding` chose it). A
file that was pieced together from several sources can hold UTF-8 lines beside
lines in cp1251, GBK or cp1252; decoded whole with either encoding, the other lines
become mojibake. :func:`decode_text` therefore sorts the lines:

* a line of ASCII only reads the same in every encoding we meet;
* a line that is valid UTF-8 and has non-ASCII characters is UTF-8 (legacy Cyrillic
  or Chinese text is practically never valid UTF-8: its letters are lead bytes
  without the continuation bytes UTF-8 needs);
* every other line is in a legacy encoding: the file's when it has no UTF-8 lines,
  else the one detected from those lines together (a guess over the whole file is
  thrown off by its UTF-8 lines). A line in which valid UTF-8 characters
  stand beside a stray byte keeps its UTF-8 characters, and the stray byte is read
  in that (single-byte) legacy encoding: "£30k – don\\x92t" gives "£30k – don’t".

The label says what was found: ``utf-8``, ``cp1251``, or ``utf-8+cp1251`` for a mix.
UTF-16/32 files are decoded whole (their newline bytes do not fall on line ends).
"""

from __future__ import annotations

import codecs
from pathlib import Path

from workbench.ingest.detection import binary_reason, detect_encoding, reads_as

_SINGLE_BYTE = ("cp125", "cp8", "iso8859", "latin", "koi8", "mac")
_FALLBACK_PREFIX = "workbench-fallback-"
_HIGH_BYTES = bytes(range(0x80, 0x100))


def wide_encoding(encoding: str) -> bool:
    """UTF-16/32: newline bytes do not fall on character boundaries."""
    return encoding.lower().replace("_", "-").startswith(("utf-16", "utf-32"))


def _single_byte(encoding: str) -> bool:
    return codecs.lookup(encoding).name.startswith(_SINGLE_BYTE)


def _fallback_handler(encoding: str) -> str:
    """Name of a codec error handler that reads bytes UTF-8 refuses in ``encoding``."""
    name = _FALLBACK_PREFIX + encoding
    try:
        codecs.lookup_error(name)
    except LookupError:
        def handler(exc: UnicodeError) -> tuple[str, int]:
            if not isinstance(exc, UnicodeDecodeError):
                raise exc
            bad = exc.object[exc.start:exc.end]
            return bad.decode(encoding, errors="replace"), exc.end

        codecs.register_error(name, handler)
    return name


def _utf8_counts(line: bytes) -> tuple[int, int]:
    """(valid non-ASCII characters, invalid byte runs) of ``line`` read as UTF-8, counted in C."""
    text = line.decode("utf-8", errors="replace")
    bad = text.count("\ufffd") - line.count("\ufffd".encode("utf-8"))
    ascii_bytes = len(line) - len(line.translate(None, _HIGH_BYTES))
    return len(text) - ascii_bytes - bad, bad


def _kind(line: bytes, encoding: str) -> str:
    """How to read one line of a file detected as ``encoding``: ``ascii``, ``utf-8``,
    ``stray`` (UTF-8 but for a few bytes) or ``legacy``.

    A line of a cp1251 or GBK file can be valid UTF-8 by chance (GBK's 职 is the bytes of
    a UTF-8 Hebrew point): it stays ``legacy`` when it reads as good Russian or Chinese
    in the file's encoding.
    """
    if line.isascii():
        return "ascii"
    good, bad = _utf8_counts(line)
    if encoding != "utf-8" and reads_as(line, encoding):
        return "legacy"
    if not bad:
        return "utf-8"
    return "stray" if good and bad <= good else "legacy"


def _legacy_encoding(encoding: str, kinds: list[str], lines: list[bytes]) -> str:
    """The encoding of the lines that are not UTF-8: the file's when no line is UTF-8,
    else detected from those lines alone (a guess over the whole file is thrown off by
    its UTF-8 lines)."""
    if encoding != "utf-8" and "utf-8" not in kinds:
        return encoding
    other = [line for line, kind in zip(lines, kinds) if kind == "legacy"]
    guess = detect_encoding(b"\n".join(other)) if other else "cp1252"
    return guess if guess != "utf-8" and not wide_encoding(guess) else "cp1252"


def _decode_line(line: bytes, kind: str, legacy: str) -> tuple[str, bool]:
    """(text, read as UTF-8?) of one line."""
    if kind in ("ascii", "utf-8"):
        return line.decode("utf-8"), kind == "utf-8"
    if kind == "stray" and _single_byte(legacy):
        return line.decode("utf-8", errors=_fallback_handler(legacy)), True
    if kind == "stray" and not reads_as(line, legacy):
        return line.decode("utf-8", errors="replace"), True
    return line.decode(legacy, errors="replace"), False


def decode_text(raw: bytes, encoding: str) -> tuple[str, str]:
    """``(text, label)``: ``raw`` decoded as ``encoding``, line by line where it mixes encodings.

    Undecodable bytes become U+FFFD; a UTF-8 byte-order mark at the start is dropped.
    """
    if wide_encoding(encoding):
        return raw.decode(encoding, errors="replace").lstrip("\ufeff"), encoding
    if raw.startswith(codecs.BOM_UTF8):
        raw = raw[len(codecs.BOM_UTF8):]
    if raw.isascii():
        return raw.decode("ascii"), encoding if encoding != "ascii" else "utf-8"
    try:
        text = raw.decode("utf-8")
        if encoding == "utf-8" or not reads_as(raw, encoding):
            return text, "utf-8"
    except UnicodeDecodeError:
        pass
    lines = raw.split(b"\n")
    kinds = [_kind(line, encoding) for line in lines]
    if encoding != "utf-8" and "utf-8" not in kinds and "stray" not in kinds:
        return raw.decode(encoding, errors="replace"), encoding  # one legacy encoding throughout
    legacy = _legacy_encoding(encoding, kinds, lines)
    decoded = [_decode_line(line, kind, legacy) for line, kind in zip(lines, kinds)]
    has_utf8 = any(as_utf8 for _, as_utf8 in decoded)
    has_legacy = any(kind == "legacy" or (kind == "stray" and not as_utf8)
                     for kind, (_, as_utf8) in zip(kinds, decoded))
    label = f"utf-8+{legacy}" if has_utf8 and (has_legacy or "stray" in kinds) else (
        "utf-8" if has_utf8 else legacy)
    return "\n".join(text for text, _ in decoded), label


def read_text_file(path: Path) -> tuple[str | None, str | None, str | None]:
    """Read and decode a whole text file: (text, encoding label, reject reason)."""
    try:
        raw = path.read_bytes()
    except OSError as exc:
        return None, None, f"cannot read the file ({exc.strerror or exc}); check permissions"
    if not raw.strip():
        return None, None, (
            f"empty file ({len(raw)} bytes, no text); add the posting text or remove the file"
        )
    why = binary_reason(raw)
    if why:
        return None, None, f"{why}; only text postings can be ingested — remove it or convert it to text"
    text, encoding = decode_text(raw, detect_encoding(raw))
    bad = text.count("\ufffd")
    if bad > max(8, len(text) // 10):
        return None, encoding, (
            f"undecodable text: {bad} of {len(text)} characters could not be decoded as {encoding}; "
            f"re-save the file as UTF-8"
        )
    return text, encoding, None
