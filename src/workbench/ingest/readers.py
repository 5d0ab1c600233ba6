"""The reader registry: which reader reads a file, by its extension or by its content.

A reader is registered for each extension it reads (``register(".csv", CsvReader())``)
and, when a file of another kind may hold its format, for a content test
(``register_sniffer(looks_like_html, html_reader)``: a ``.txt`` file that holds a web
page is read as HTML). Adding a format is one reader module and one registration;
the planner and :func:`iter_slice` never name a format.

A reader yields ``("posting", row)`` / ``("reject", row)`` items (see
:mod:`workbench.ingest.rows`) for one :class:`FileSlice`: a whole file, or a byte range
of a line-based file when the reader can :meth:`Reader.split` it.
"""

from __future__ import annotations

import os
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

from workbench import schemas
from workbench.ingest import limits
from workbench.ingest.rows import Item, make_reject


@dataclass(frozen=True)
class FileSlice:
    """Part of one input: a whole file (``start is None``) or a byte range of a line file."""

    path: str
    start: int | None = None
    end: int | None = None
    first_row: int = 0
    missing: bool = False
    why: str | None = None  # why a missing/unreadable entry cannot be read


class Reader:
    """A format reader. Subclasses set ``source_format`` and implement :meth:`read`.

    ``source_format`` is what the ``postings`` table records (``txt``, ``csv``, ...).
    """

    source_format: str = ""
    # True: a whole-file piece is read into memory at once, so a file over the size
    # limit (:mod:`workbench.ingest.limits`) is rejected before it is opened. A reader
    # that streams its file sets False and bounds what it holds itself.
    reads_whole: bool = True

    def read(self, piece: FileSlice, source: str) -> Iterator[Item]:
        """Yield the posting and reject items of ``piece``; ``source`` names it in the rows."""
        raise NotImplementedError

    def read_text(self, text: str, source: str, encoding: str) -> Iterator[Item]:
        """Items of already decoded text (for a reader registered as a sniffer)."""
        raise NotImplementedError(f"{type(self).__name__} cannot read decoded text")

    def split(self, path: Path, chunk_rows: int) -> list[FileSlice] | None:
        """Byte slices of at most ``chunk_rows`` records, or None: the file is read whole."""
        return None


def _check_format(reader: Reader) -> None:
    """A reader's ``source_format`` must pass the postings schema (a short lower-case name)."""
    if not re.fullmatch(schemas.SOURCE_FORMAT, reader.source_format or ""):
        raise ValueError(f"{type(reader).__name__}.source_format must be a short lower-case name "
                         f"such as 'csv' (got {reader.source_format!r})")


class ReaderRegistry:
    """Readers by extension (lower case, with the dot) and by content test, in order."""

    def __init__(self) -> None:
        self._by_extension: dict[str, Reader] = {}
        self._sniffers: list[tuple[Callable[[str], bool], Reader]] = []

    def register(self, extension: str, reader: Reader) -> None:
        """Read files ending in ``extension`` (``".csv"``) with ``reader``."""
        if not extension.startswith(".") or extension != extension.lower():
            raise ValueError(f"extension must be lower case with its dot, like '.csv' (got {extension!r})")
        _check_format(reader)
        self._by_extension[extension] = reader

    def register_sniffer(self, test: Callable[[str], bool], reader: Reader) -> None:
        """Read decoded text for which ``test(text)`` holds with ``reader.read_text``."""
        _check_format(reader)
        self._sniffers.append((test, reader))

    def source_formats(self) -> tuple[str, ...]:
        """The formats the registered readers record, in registration order."""
        readers = [*self._by_extension.values(), *(reader for _, reader in self._sniffers)]
        return tuple(dict.fromkeys(reader.source_format for reader in readers))

    def for_extension(self, extension: str) -> Reader | None:
        """The reader registered for ``extension`` (any case), or None."""
        return self._by_extension.get(extension.lower())

    def sniff(self, text: str) -> Reader | None:
        """The first reader whose content test ``text`` passes, or None."""
        for test, reader in self._sniffers:
            if test(text):
                return reader
        return None

    def extensions(self) -> tuple[str, ...]:
        """Registered extensions, in registration order."""
        return tuple(self._by_extension)


    def copy(self) -> ReaderRegistry:
        """A registry with the same readers (to add some without changing this one)."""
        other = ReaderRegistry()
        other._by_extension = dict(self._by_extension)
        other._sniffers = list(self._sniffers)
        return other


registry = ReaderRegistry()  # the one ingest reads with; the package registers the built-in readers


def register(extension: str, reader: Reader) -> None:
    """Read files ending in ``extension`` with ``reader`` (see :meth:`ReaderRegistry.register`)."""
    registry.register(extension, reader)


def register_sniffer(test: Callable[[str], bool], reader: Reader) -> None:
    """Read decoded text passing ``test`` with ``reader`` (see :meth:`ReaderRegistry.register_sniffer`)."""
    registry.register_sniffer(test, reader)


def for_extension(extension: str) -> Reader | None:
    """The registered reader for ``extension``, or None."""
    return registry.for_extension(extension)


def sniff(text: str) -> Reader | None:
    """The registered reader whose content test ``text`` passes, or None."""
    return registry.sniff(text)


def extensions() -> tuple[str, ...]:
    """Registered extensions, in registration order."""
    return registry.extensions()


def source_formats() -> tuple[str, ...]:
    """The ``source_format`` names registered readers record (``txt``, ``csv``, ...)."""
    return registry.source_formats()


def display_path(path: str) -> str:
    """A path as text that can be stored: bytes of a file name that are not UTF-8
    (Python keeps them as lone surrogates) are written as ``\\xNN``."""
    if path.isascii():
        return path
    return path.encode("utf-8", "surrogateescape").decode("utf-8", "backslashreplace")


def _size_problem(piece: FileSlice, reader: Reader) -> str | None:
    """Why a whole file is too big for ``reader`` to hold (checked before it is opened)."""
    if piece.start is not None or not reader.reads_whole:
        return None
    return limits.too_big(os.stat(piece.path).st_size)


def iter_slice(piece: FileSlice) -> Iterator[Item]:
    """Yield ("posting", row) / ("reject", row) items for one slice; never raises."""
    source = display_path(piece.path)
    if piece.missing:
        yield "reject", make_reject(source, piece.why or "path does not exist; check the spelling or mount the folder")
        return
    suffix = Path(piece.path).suffix.lower()
    reader = for_extension(suffix)
    if reader is None:
        yield "reject", make_reject(
            source,
            f"unsupported file type {suffix or '(no extension)'!r}; supported: "
            f"{', '.join(extensions())} — convert the file or rename it",
        )
        return
    try:
        why = _size_problem(piece, reader)
        if why:
            yield "reject", make_reject(source, why)
            return
        yield from reader.read(piece, source)
    except OSError as exc:  # no permission, gone since it was listed, an I/O error
        yield "reject", make_reject(
            source, f"cannot read the file ({exc.strerror or exc}); check that it is still there and that "
                    f"its permissions let you read it, then ingest again")
    except Exception as exc:  # a reader bug must cost one file, not the run
        yield "reject", make_reject(
            source, f"could not be read ({type(exc).__name__}: {exc}); check the file format"
        )
