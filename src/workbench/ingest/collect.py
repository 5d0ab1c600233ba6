"""Collect what the readers yield into validated ``postings`` and ``rejects`` frames.

Every input either becomes postings or a row in ``rejects`` (``source``,
``stage='ingest'``, ``reason`` saying what was wrong and what to do); one bad file or
row never stops the others and nothing is dropped silently.
"""

from __future__ import annotations

import sys
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import NamedTuple

import pandas as pd

from workbench import schemas
from workbench.ingest.planning import WorkUnit, plan_units
from workbench.ingest.readers import iter_slice

POSTING_COLUMNS = schemas.columns("postings")
REJECT_COLUMNS = schemas.columns("rejects")


class IngestResult(NamedTuple):
    """Output of :func:`ingest_paths`."""

    postings: pd.DataFrame
    rejects: pd.DataFrame


def _frames(postings: list[dict], rejects: list[dict], validate: bool = True) -> tuple[pd.DataFrame, pd.DataFrame]:
    posting_frame = pd.DataFrame(postings, columns=POSTING_COLUMNS)
    reject_frame = pd.DataFrame(rejects, columns=REJECT_COLUMNS)
    if validate:
        posting_frame = schemas.validate("postings", posting_frame)
        reject_frame = schemas.validate("rejects", reject_frame)
    return posting_frame, reject_frame


def ingest_unit(unit: WorkUnit, *, validate: bool = True) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Ingest every slice of one work unit into (postings, rejects) frames.

    ``validate=False`` skips the schema check when the caller validates anyway
    (the pipeline validates once, when the part is written).
    """
    postings: list[dict] = []
    rejects: list[dict] = []
    for piece in unit.slices:
        for kind, row in iter_slice(piece):
            (postings if kind == "posting" else rejects).append(row)
    return _frames(postings, rejects, validate)


def iter_unit(unit: WorkUnit, *, validate: bool = True) -> Iterator[tuple[pd.DataFrame, pd.DataFrame]]:
    """(postings, rejects) frames of one work unit, at most ``unit.chunk_size`` rows together.

    A unit is usually one chunk; a streamed workbook or JSON array can hold a million
    rows, and this keeps memory to one chunk of them. Always yields at least once.
    """
    postings: list[dict] = []
    rejects: list[dict] = []
    yielded = False
    for piece in unit.slices:
        for kind, row in iter_slice(piece):
            (postings if kind == "posting" else rejects).append(row)
            if len(postings) + len(rejects) >= unit.chunk_size:
                yield _frames(postings, rejects, validate)
                postings, rejects, yielded = [], [], True
    if postings or rejects or not yielded:
        yield _frames(postings, rejects, validate)


def _progress_bar(total: int, enabled: bool, desc: str):
    from tqdm.auto import tqdm

    return tqdm(total=total, desc=desc, unit="file", disable=not (enabled and sys.stderr.isatty()))


def iter_postings(
    paths: str | Path | Iterable[str | Path], *, chunk_size: int = 10_000, progress: bool = False
) -> Iterator[tuple[pd.DataFrame, pd.DataFrame]]:
    """Stream (postings chunk, rejects chunk) pairs with at most ``chunk_size`` postings each.

    Memory stays bounded by the chunk size plus what one reader holds: a file read
    whole is within the size limit (:mod:`workbench.ingest.limits`), CSV/JSON Lines
    files are read in slices, and workbooks and big JSON arrays are streamed.
    """
    if chunk_size < 1:
        raise ValueError("chunk_size must be at least 1")
    units = plan_units(paths, chunk_size=chunk_size)
    postings: list[dict] = []
    rejects: list[dict] = []
    with _progress_bar(sum(len(u.slices) for u in units), progress, "ingest") as bar:
        for unit in units:
            for piece in unit.slices:
                for kind, row in iter_slice(piece):
                    if kind == "posting":
                        postings.append(row)
                        if len(postings) >= chunk_size:
                            yield _frames(postings, rejects)
                            postings, rejects = [], []
                    else:
                        rejects.append(row)
                bar.update(1)
    if postings or rejects:
        yield _frames(postings, rejects)


def ingest_paths(paths: str | Path | Iterable[str | Path], *, progress: bool = True) -> IngestResult:
    """Read files/folders into a postings table and a rejects table (in memory).

    For large inputs use :func:`iter_postings` or :func:`workbench.pipeline.run_ingest`,
    which stream.
    """
    posting_parts, reject_parts = [], []
    for postings, rejects in iter_postings(paths, chunk_size=50_000, progress=progress):
        posting_parts.append(postings)
        reject_parts.append(rejects)
    if not posting_parts:
        return IngestResult(schemas.empty("postings"), schemas.empty("rejects"))
    postings = pd.concat(posting_parts, ignore_index=True) if len(posting_parts) > 1 else posting_parts[0]
    rejects = pd.concat(reject_parts, ignore_index=True) if len(reject_parts) > 1 else reject_parts[0]
    return IngestResult(postings, rejects)
