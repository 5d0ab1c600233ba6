"""Work planning: the inputs as work units of bounded size for the pipeline.

Folders are walked recursively and sorted (:mod:`workbench.ingest.walk`: hidden files
and Office lock files ``~$*`` are skipped, as they are not inputs; linked folders are
followed once; a folder that cannot be opened, a link back into a folder already
read, a broken link, pipe or socket is listed so it can be rejected). A file whose reader can split it (JSON Lines, CSV) becomes slices of at
most ``chunk_size`` records, each its own unit; other files are batched. Units are
independent, so they can run on any core or worker and be written as separate parts.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from workbench.ingest import readers
from workbench.ingest.readers import FileSlice
from workbench.ingest.walk import walk_folder


@dataclass
class WorkUnit:
    """A batch of slices processed together and written as one store part."""

    index: int
    slices: list[FileSlice] = field(default_factory=list)
    # The most postings one part holds: a unit that reads more (a streamed workbook or
    # JSON array) is written as several parts of at most this many.
    chunk_size: int = 10_000


def list_files(paths: str | Path | Iterable[str | Path]) -> list[FileSlice]:
    """Expand files and folders (recursive, sorted) into whole-file slices."""
    if isinstance(paths, (str, Path)):
        paths = [paths]
    found: list[FileSlice] = []
    for given in paths:
        path = Path(given)
        if path.is_dir():
            found.extend(walk_folder(path))
        elif path.is_file():
            found.append(FileSlice(path.as_posix()))
        else:
            found.append(FileSlice(path.as_posix(), missing=True))
    return found


def _with_size(item: FileSlice) -> tuple[FileSlice, int]:
    """The entry and its size in bytes (a file gone since it was listed becomes missing)."""
    try:
        return item, 0 if item.missing else Path(item.path).stat().st_size
    except OSError as exc:  # gone or unreadable since it was listed
        return FileSlice(item.path, missing=True, why=f"cannot be read ({exc}); check the file"), 0


def _slices(item: FileSlice, size: int, chunk_size: int) -> list[FileSlice] | None:
    """The file's slices when its reader splits it, else None (read whole)."""
    if item.missing or not size:
        return None
    path = Path(item.path)
    reader = readers.for_extension(path.suffix)
    if reader is None:
        return None
    try:
        return reader.split(path, chunk_size)
    except Exception:  # noqa: BLE001 - planning one file must not stop the run:
        return None  # the file is read whole, and its reader lists what fails


def plan_units(
    paths: str | Path | Iterable[str | Path],
    *,
    chunk_size: int = 10_000,
    max_files_per_unit: int | None = None,
    max_bytes_per_unit: int = 64 * 1024 * 1024,
) -> list[WorkUnit]:
    """Group the inputs into work units of bounded size.

    JSONL/CSV files are split at record boundaries into slices of at most
    ``chunk_size`` records (one quick byte scan per file); other files are batched
    (up to ``max_files_per_unit`` files, default ``min(500, chunk_size)``, or
    ``max_bytes_per_unit`` bytes per unit). Units are independent, so they
    can run on any core or worker and be written as separate parts.
    """
    if max_files_per_unit is None:
        max_files_per_unit = max(1, min(500, chunk_size))
    units: list[WorkUnit] = []
    current: list[FileSlice] = []
    current_bytes = 0

    def flush() -> None:
        nonlocal current, current_bytes
        if current:
            units.append(WorkUnit(len(units), current, chunk_size))
            current, current_bytes = [], 0

    for listed in list_files(paths):
        item, size = _with_size(listed)
        pieces = _slices(item, size, chunk_size)
        if pieces is not None:
            flush()
            for piece in pieces:
                units.append(WorkUnit(len(units), [piece], chunk_size))
            continue
        if current and (len(current) >= max_files_per_unit or current_bytes + size > max_bytes_per_unit):
            flush()
        current.append(item)
        current_bytes += size
    flush()
    return units
