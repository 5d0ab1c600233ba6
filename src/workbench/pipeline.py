"""Pipeline: files -> postings -> extraction tables -> Parquet store, in bounded memory.

:func:`run_ingest` plans the inputs into independent work units
(:func:`workbench.ingest.plan_units`: big JSONL/CSV files split at record boundaries,
small files batched), then each unit is ingested, extracted and written as part
``NNNNN`` of every table by one worker. Workers write their own parts, so only small
counts travel back to the parent and memory per process is bounded by one unit
(``chunk_size`` postings), however many postings there are.

Two engines run the same unit function:

* ``engine='local'``: a :class:`concurrent.futures.ProcessPoolExecutor` over ``jobs``
  processes (default: every core); ``jobs=1`` runs in-process.
* ``engine='dask'``: a :mod:`dask.distributed` client (``scheduler`` address or client;
  a ``LocalCluster`` when None). The store must be on a filesystem the workers share.

Because a unit's part number is fixed by the plan, both engines write identical stores.
"""

from __future__ import annotations

import logging
import os
import time
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Union

import pandas as pd

from workbench import config, schemas, store
from workbench.errors import SchemaError, WorkbenchError
from workbench.ingest import WorkUnit, ingest_paths, ingest_unit, list_files, plan_units

log = logging.getLogger(__name__)

EXTRACT_TABLES = ("records", "salaries", "time_allocation", "responsibilities", "skills")
Extractor = Callable[[pd.DataFrame], Mapping[str, pd.DataFrame]]
ExtractorArg = Union[Extractor, bool, None]


@dataclass(frozen=True)
class RunSummary:
    """What a run did: counts, wall time and where the store is."""

    n_files: int
    n_postings: int
    n_records: int
    n_rejects: int
    seconds: float
    store_dir: Path
    # CPU seconds each stage took, summed over the workers (one core each):
    # {"ingest": ..., "extract": ..., "write": ...}. Where the time of a run goes.
    stage_seconds: Mapping[str, float] = field(default_factory=dict)


def _resolve_extractor(extractor: ExtractorArg) -> Extractor | None:
    """None/True -> ``workbench.extract.extract_frame``; False -> no extraction."""
    if extractor is False:
        return None
    if extractor is None or extractor is True:
        try:
            from workbench.extract import extract_frame
        except ImportError as exc:
            raise WorkbenchError(
                f"workbench.extract.extract_frame is not available ({exc}); install the full "
                f"package, or pass extractor=False to ingest postings without extraction"
            ) from exc
        return extract_frame
    if not callable(extractor):
        raise WorkbenchError(f"extractor must be callable, None or False, got {type(extractor).__name__}")
    return extractor


def _extract_rejects(frame: pd.DataFrame | None) -> pd.DataFrame:
    if frame is None or frame.empty:
        return schemas.empty("rejects")
    frame = frame.copy()
    if "stage" not in frame.columns:
        frame["stage"] = "extract"
    return frame[["source", "stage", "reason"]]


def _run_extractor(extractor: Extractor, postings: pd.DataFrame) -> dict[str, pd.DataFrame]:
    """Call the extractor on a chunk; on failure retry posting by posting.

    A posting that still fails becomes an ``extract`` reject, so one bad posting
    costs itself only.
    """
    try:
        return dict(extractor(postings))
    except Exception as exc:  # isolate the failing posting(s)
        log.warning("extraction failed on a chunk of %d postings (%s); retrying one by one", len(postings), exc)
    parts: dict[str, list[pd.DataFrame]] = {}
    failed: list[dict] = []
    for i in range(len(postings)):
        one = postings.iloc[[i]]
        try:
            result = extractor(one)
        except Exception as exc:
            failed.append(
                {
                    "source": one["source"].iloc[0],
                    "stage": "extract",
                    "reason": f"extraction failed ({type(exc).__name__}: {exc}); report this posting "
                    f"to the extract maintainers, it is kept in postings",
                }
            )
            continue
        for name, frame in result.items():
            if frame is not None:
                parts.setdefault(name, []).append(frame)
    merged = {name: pd.concat(frames, ignore_index=True) for name, frames in parts.items() if frames}
    failed_frame = pd.DataFrame(failed, columns=["source", "stage", "reason"])
    merged["rejects"] = pd.concat([_extract_rejects(merged.get("rejects")), failed_frame], ignore_index=True)
    return merged


def extract_tables(postings: pd.DataFrame, extractor: ExtractorArg = None) -> dict[str, pd.DataFrame]:
    """Run extraction on a postings frame and return the five extraction tables + rejects.

    Tables the extractor does not return come back empty with the contract columns.
    """
    fn = _resolve_extractor(extractor)
    out: dict[str, pd.DataFrame] = {}
    result = _run_extractor(fn, postings) if fn is not None and len(postings) else {}
    for name in EXTRACT_TABLES:
        frame = result.get(name)
        out[name] = schemas.empty(name) if frame is None or len(frame.columns) == 0 else frame
    out["rejects"] = _extract_rejects(result.get("rejects"))
    return out


def process_unit(unit: WorkUnit, store_dir: str, extractor: ExtractorArg = None) -> dict[str, int]:
    """Ingest, extract and write one work unit as part ``unit.index`` of every table.

    Runs inside a worker process (local pool or dask); returns counts and the
    CPU seconds of each stage (``cpu_ingest``, ``cpu_extract``, ``cpu_write``).
    """
    clock = time.process_time
    t0 = clock()
    postings, rejects = ingest_unit(unit, validate=False)  # write_tables validates
    t1 = clock()
    extracted = extract_tables(postings, extractor)
    t2 = clock()
    tables: dict[str, pd.DataFrame] = {"postings": postings}
    tables.update({name: extracted[name] for name in EXTRACT_TABLES})
    tables["rejects"] = pd.concat([rejects, extracted["rejects"]], ignore_index=True)
    try:
        store.write_tables(tables, store_dir, part=unit.index, mode="append")
    except SchemaError as exc:
        # The extractor produced rows that break the contract: keep the postings,
        # record why their extraction is missing, and carry on with other units.
        log.error("unit %d: extraction output failed validation: %s", unit.index, exc)
        tables = _without_extraction(postings, postings, rejects, "extract",
                                     f"extraction output failed schema validation; fix workbench.extract. {exc}")
        try:
            store.write_tables(tables, store_dir, part=unit.index, mode="append")
        except SchemaError as again:
            # The postings themselves break the contract (an ingest bug): list every
            # one of them with the reason and keep the run going.
            log.error("unit %d: postings failed validation: %s", unit.index, again)
            tables = _without_extraction(schemas.empty("postings"), postings, rejects, "ingest",
                                         f"ingested posting failed schema validation; please report it. {again}")
            store.write_tables(tables, store_dir, part=unit.index, mode="append")
    return {
        "n_postings": len(tables["postings"]),
        "n_records": len(tables["records"]),
        "n_rejects": len(tables["rejects"]),
        "cpu_ingest": t1 - t0,
        "cpu_extract": t2 - t1,
        "cpu_write": clock() - t2,
    }


def _without_extraction(kept: pd.DataFrame, postings: pd.DataFrame, rejects: pd.DataFrame,
                        stage: str, reason: str) -> dict[str, pd.DataFrame]:
    """A unit's tables when its extraction cannot be stored: ``kept`` as the postings,
    empty extraction tables, and every posting listed in rejects with ``reason``."""
    bad = pd.DataFrame({"source": postings["source"], "stage": stage, "reason": reason})
    tables = {name: schemas.empty(name) for name in EXTRACT_TABLES}
    tables["postings"] = kept
    tables["rejects"] = pd.concat([rejects, bad], ignore_index=True)
    return tables


def _progress(total: int, enabled: bool):
    import sys

    from tqdm.auto import tqdm

    return tqdm(total=total, desc="ingest+extract", unit="part",
                disable=not (enabled and sys.stderr.isatty()))


def _run_local(units: list[WorkUnit], store_dir: str, extractor: ExtractorArg, jobs: int,
               progress: bool) -> list[dict[str, int]]:
    results: list[dict[str, int]] = []
    with _progress(len(units), progress) as bar:
        if jobs == 1 or len(units) <= 1:
            for unit in units:
                results.append(process_unit(unit, store_dir, extractor))
                bar.update(1)
            return results
        from concurrent.futures import ProcessPoolExecutor, as_completed

        with ProcessPoolExecutor(max_workers=min(jobs, len(units))) as pool:
            futures = [pool.submit(process_unit, unit, store_dir, extractor) for unit in units]
            for future in as_completed(futures):
                results.append(future.result())
                bar.update(1)
    return results


def _run_dask(units: list[WorkUnit], store_dir: str, extractor: ExtractorArg, jobs: int,
              scheduler: Any, progress: bool) -> list[dict[str, int]]:
    from distributed import Client, LocalCluster, as_completed

    cluster = None
    own_client = True
    if scheduler is None:
        cluster = LocalCluster(n_workers=jobs, threads_per_worker=1, processes=True,
                               dashboard_address=None)
        client = Client(cluster)
    elif isinstance(scheduler, Client):
        client, own_client = scheduler, False
    else:
        client = Client(scheduler)
    try:
        futures = client.map(process_unit, units, store_dir=store_dir, extractor=extractor,
                             pure=False)
        results = []
        with _progress(len(units), progress) as bar:
            for future in as_completed(futures):
                results.append(future.result())
                bar.update(1)
        return results
    finally:
        if own_client:
            client.close()
        if cluster is not None:
            cluster.close()


def run_ingest(
    paths: str | Path | Iterable[str | Path],
    store_dir: str | Path | None = None,
    *,
    engine: str = "local",
    jobs: int | None = None,
    scheduler: Any = None,
    chunk_size: int = 10_000,
    progress: bool = True,
    extractor: ExtractorArg = None,
) -> RunSummary:
    """Ingest ``paths`` into the store (replacing its tables) and return a :class:`RunSummary`.

    Parameters
    ----------
    paths
        Files and/or folders (walked recursively).
    store_dir
        Store folder; default ``workbench.config.PROCESSED``. Existing tables there are
        replaced: a run rebuilds the store from its inputs.
    engine
        ``"local"`` (process pool) or ``"dask"`` (dask.distributed).
    jobs
        Worker processes; default ``os.cpu_count()``.
    scheduler
        Dask scheduler address or ``distributed.Client``; None starts a LocalCluster.
    chunk_size
        Postings per unit/part: the memory bound per worker.
    extractor
        The extraction function (postings frame -> dict of tables). None uses
        ``workbench.extract.extract_frame``; False writes postings and rejects only.
    """
    started = time.perf_counter()
    if engine not in ("local", "dask"):
        raise WorkbenchError(f"engine must be 'local' or 'dask', got {engine!r}")
    if chunk_size < 1:
        raise WorkbenchError(f"chunk_size must be at least 1, got {chunk_size}")
    jobs = max(1, jobs or os.cpu_count() or 1)
    root = Path(store_dir) if store_dir is not None else config.PROCESSED
    _resolve_extractor(extractor)  # fail fast, before any worker starts
    path_list = [paths] if isinstance(paths, (str, Path)) else list(paths)
    n_files = len({piece.path for piece in list_files(path_list)})
    units = plan_units(path_list, chunk_size=chunk_size)

    for name in schemas.TABLES:
        schemas.empty(name)  # warm pandera once here; forked workers inherit it
    root.mkdir(parents=True, exist_ok=True)
    store.clear(root)
    if engine == "local":
        results = _run_local(units, str(root), extractor, jobs, progress)
    else:
        results = _run_dask(units, str(root), extractor, jobs, scheduler, progress)
    if not units:  # nothing to read: still leave a valid, empty store
        store.write_tables({name: schemas.empty(name) for name in schemas.TABLES}, root, part=0)
    seconds = time.perf_counter() - started
    summary = RunSummary(
        n_files=n_files,
        n_postings=sum(r["n_postings"] for r in results),
        n_records=sum(r["n_records"] for r in results),
        n_rejects=sum(r["n_rejects"] for r in results),
        seconds=round(seconds, 3),
        store_dir=root,
        stage_seconds={stage: round(sum(r.get(f"cpu_{stage}", 0.0) for r in results), 3)
                       for stage in ("ingest", "extract", "write")},
    )
    store.write_manifest(
        root,
        extra={
            "inputs": [str(p) for p in path_list],
            "engine": engine,
            "jobs": jobs,
            "chunk_size": chunk_size,
            "n_files": n_files,
            "n_units": len(units),
            "seconds": summary.seconds,
            "stage_cpu_seconds": dict(summary.stage_seconds),
        },
    )
    return summary


def tables_from_paths(
    paths: str | Path | Iterable[str | Path], *, extractor: ExtractorArg = None, progress: bool = False
) -> dict[str, pd.DataFrame]:
    """Ingest and extract small inputs in memory: every store table as a DataFrame.

    Used by ``workbench extract`` and ``workbench bench PATH``; nothing is written.
    """
    result = ingest_paths(paths, progress=progress)
    extracted = extract_tables(result.postings, extractor)
    tables = {"postings": result.postings}
    tables.update({name: schemas.validate(name, extracted[name]) for name in EXTRACT_TABLES})
    tables["rejects"] = schemas.validate(
        "rejects", pd.concat([result.rejects, extracted["rejects"]], ignore_index=True)
    )
    return tables
