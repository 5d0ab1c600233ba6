"""Records of line-based files (CSV, JSON Lines), read from a byte offset in bounded memory.

The planner (:func:`workbench.ingest.lines.split_lines`) and the readers walk a file
with the same :func:`iter_records`, so a slice starts where a record starts and both
count the same rows. A record is a line of JSON Lines, or for CSV the lines up to the
end of a record, where a quoted cell may span lines.

Nothing is swallowed without a word. A CSV quote that opens a cell and is never
closed would make the csv module read the rest of the file (or of the row, on the
last line) into that one cell; a
quote closed on a later line but followed by more text (``"abc"def``, as happens
when the next row's opening quote closes a cell left open) means the same. Either
way the record is cut to its first line and marked (``problem='unclosed quote'`` or
``'quote not closed properly'``), and reading goes on at the next line, so the rows
that follow are read as rows. On one line a stray quote cannot hide another row, and
the csv module's lenient reading is kept (``5'11" tall``, ``"abc"def``).

A record longer than the limit (:mod:`workbench.ingest.limits`) is passed over in
blocks without being held and comes back with ``data=None`` and
``problem='too large'``.

Line ends are ``\\n`` (LF or CRLF), or a bare ``\\r`` in an old-Mac file that has no
``\\n`` in its first block. Scanning bytes for ``"``, ``,``, ``;``, tab and the line
end is safe for UTF-8 and for the legacy encodings we meet (cp1251, GBK: their
multi-byte characters never use ASCII bytes below 0x40); UTF-16/32 files are
transcoded to UTF-8 before they are walked.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import BinaryIO

_QUOTE = ord('"')
_CR, _LF = ord("\r"), ord("\n")
_BLOCK = 1 << 20

UNCLOSED = "unclosed quote"
BAD_CLOSE = "quote not closed properly"
TOO_LARGE = "too large"


@dataclass(frozen=True)
class Record:
    """Bytes ``start``..``end`` of the file; ``data`` is None when the record was too large."""

    start: int
    end: int
    data: bytes | None
    problem: str | None = None
    lines: int = 1


def newline_of(head: bytes) -> bytes:
    """The line end to split at: ``\\r`` for an old-Mac file (no ``\\n`` at all), else ``\\n``."""
    return b"\r" if b"\r" in head and b"\n" not in head else b"\n"


class _Lines:
    """Lines of a binary file from ``offset``, read in blocks; a line over ``cap`` bytes is not kept."""

    def __init__(self, handle: BinaryIO, offset: int, newline: bytes) -> None:
        self.handle = handle
        self.newline = newline
        self.buffer = b""
        self.pos = 0  # where the next line starts in self.buffer
        handle.seek(offset)

    def _fill(self) -> bool:
        self.buffer = self.handle.read(_BLOCK)
        self.pos = 0
        return bool(self.buffer)

    def next_line(self, cap: int, visit=None) -> tuple[int, bytes | None] | None:
        """(length, bytes or None when longer than ``cap``) of the next line; None at the end.

        ``visit(piece)`` sees every piece of the line, kept or not (the quote scanner).
        """
        kept: list[bytes] | None = []
        size = 0
        while self.pos < len(self.buffer) or self._fill():
            cut = self.buffer.find(self.newline, self.pos)
            end = len(self.buffer) if cut == -1 else cut + 1
            piece = self.buffer[self.pos:end]
            self.pos = end
            size += len(piece)
            if visit is not None:
                visit(piece)
            if kept is not None:
                kept.append(piece)
                if size > cap:
                    kept = None
            if cut != -1:
                break
        if not size:
            return None
        return size, None if kept is None else b"".join(kept)


class _Quotes:
    """Where a CSV record stands after each piece: inside a quoted cell or not, and
    whether a closing quote was followed by text (the csv module's strict error)."""

    def __init__(self, delimiter: bytes) -> None:
        self.delimiter = delimiter[0]
        self.in_quotes = False
        self.pending = False  # a quote inside a quoted cell ended the last piece
        self.prev: int | None = None  # the byte before the piece (None: record start)
        self.error = False

    def _close(self, follower: int) -> None:
        self.in_quotes = False
        if follower not in (self.delimiter, _CR, _LF):
            self.error = True

    def __call__(self, piece: bytes) -> None:
        if not piece:
            return
        i = 0
        if self.pending:
            self.pending = False
            if piece[0] == _QUOTE:
                i = 1  # a doubled quote: still inside the cell
            else:
                self._close(piece[0])
        elif not self.in_quotes and _QUOTE not in piece:
            self.prev = piece[-1]
            return
        i = self._scan(piece, i)
        self.prev = piece[-1]

    def _scan(self, piece: bytes, i: int) -> int:
        field_starts = (self.delimiter, _CR, _LF, None)
        while True:
            j = piece.find(b'"', i)
            if j == -1:
                return i
            if self.in_quotes:
                if j + 1 == len(piece):
                    self.pending = True
                    return j + 1
                if piece[j + 1] == _QUOTE:
                    i = j + 2
                    continue
                self._close(piece[j + 1])
            elif (piece[j - 1] if j else self.prev) in field_starts:
                self.in_quotes = True  # a quote opens a cell only where a cell starts
            i = j + 1

    def finish(self) -> None:
        """End of the file: a quote that ended the last piece closed its cell."""
        if self.pending:
            self.pending = False
            self.in_quotes = False


def _csv_record(lines: _Lines, start: int, cap: int, delimiter: bytes) -> Record | None:
    """The next CSV record from ``start``, or None at the end of the file."""
    quotes = _Quotes(delimiter)
    first = lines.next_line(cap, quotes)
    if first is None:
        return None
    first_size, first_data = first
    kept: list[bytes] | None = None if first_data is None else [first_data]
    size, count = first_size, 1
    while quotes.in_quotes or quotes.pending:
        more = lines.next_line(cap, quotes)
        if more is None:
            quotes.finish()
            break
        count += 1
        size += more[0]
        if kept is not None and more[1] is not None and size <= cap:
            kept.append(more[1])
        else:
            kept = None
    if quotes.in_quotes or (count > 1 and quotes.error):
        # The quote that opened on the first line swallowed the lines below it: cut the
        # record to that line and read on from the next one.
        problem = UNCLOSED if quotes.in_quotes else BAD_CLOSE
        return Record(start, start + first_size, first_data, problem, count)
    if kept is None:
        return Record(start, start + size, None, TOO_LARGE, count)
    return Record(start, start + size, b"".join(kept), None, count)


def iter_records(handle: BinaryIO, start: int, cap: int, *, delimiter: bytes | None = None,
                 newline: bytes = b"\n") -> Iterator[Record]:
    """Records from byte ``start`` to the end of the file (stop early by leaving the loop).

    ``delimiter`` given: CSV records (quoted cells may span lines); None: one record
    per line (JSON Lines). ``cap`` bounds the bytes of one record that are held.
    """
    lines = _Lines(handle, start, newline)
    offset = start
    while True:
        if delimiter is None:
            line = lines.next_line(cap)
            if line is None:
                return
            size, data = line
            record = Record(offset, offset + size, data, None if data is not None else TOO_LARGE)
        else:
            record = _csv_record(lines, offset, cap, delimiter)
            if record is None:
                return
            if record.problem in (UNCLOSED, BAD_CLOSE):
                lines = _Lines(handle, record.end, newline)  # go back to the line after the first
        yield record
        offset = record.end
