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

Stopping: a run is a store transaction (:class:`workbench.store.Transaction`), so
nothing is published until every unit is written. SIGINT and SIGTERM reach the parent
as :class:`~workbench.errors.Interrupted`; it kills the workers (SIGKILL: their parts
are discarded anyway), the transaction removes the staging folder, and the caller
exits non-zero. Workers ignore Ctrl-C and die with their parent
(:func:`workbench.lifecycle.worker_init`); a LocalCluster's dask workers watch their
parent the same way (distributed closes them when the parent's pipe closes).
"""

from __future__ import annotations

import logging
import os
import time
from collections.abc import Callable, Iterable, Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Union

import pandas as pd

from workbench import config, lifecycle, schemas, store, table_names
from workbench.errors import SchemaError, WorkbenchError
from workbench.ingest import WorkUnit, ingest_paths, iter_unit, list_files, plan_units

log = logging.getLogger(__name__)

EXTRACT_TABLES = table_names.EXTRACTED
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


def _write_chunk(postings: pd.DataFrame, rejects: pd.DataFrame, folder: str, part: int, piece: int,
                 extractor: ExtractorArg) -> tuple[dict[str, pd.DataFrame], dict, float]:
    """Extract one chunk and write it as ``part`` (``piece``); (tables, parts written, extract CPU s)."""
    t0 = time.process_time()
    extracted = extract_tables(postings, extractor)
    cpu_extract = time.process_time() - t0
    tables: dict[str, pd.DataFrame] = {"postings": postings}
    tables.update({name: extracted[name] for name in EXTRACT_TABLES})
    tables["rejects"] = pd.concat([rejects, extracted["rejects"]], ignore_index=True)
    try:
        parts = store.write_tables(tables, folder, part=part, piece=piece)
    except SchemaError as exc:
        # The extractor produced rows that break the contract: keep the postings,
        # record why their extraction is missing, and carry on with other units.
        log.error("unit %d: extraction output failed validation: %s", part, exc)
        tables = _without_extraction(postings, postings, rejects, "extract",
                                     f"extraction output failed schema validation; fix workbench.extract. {exc}")
        try:
            parts = store.write_tables(tables, folder, part=part, piece=piece)
        except SchemaError as again:
            # The postings themselves break the contract (an ingest bug): list every
            # one of them with the reason and keep the run going.
            log.error("unit %d: postings failed validation: %s", part, again)
            tables = _without_extraction(schemas.empty("postings"), postings, rejects, "ingest",
                                         f"ingested posting failed schema validation; please report it. {again}")
            parts = store.write_tables(tables, folder, part=part, piece=piece)
    return tables, parts, cpu_extract


def process_unit(unit: WorkUnit, folder: str, extractor: ExtractorArg = None) -> dict[str, Any]:
    """Ingest, extract and write one work unit as part ``unit.index`` of every table.

    ``folder`` is the run's staging folder. Runs inside a worker process (local pool
    or dask); returns counts, the parts written (rows, bytes and sha256 each, for the
    manifest) and the CPU seconds of each stage (``cpu_ingest``, ``cpu_extract``,
    ``cpu_write``). A unit that reads more than ``unit.chunk_size`` rows (a streamed
    workbook or JSON array) is written chunk by chunk as further pieces of its part,
    so a worker holds one chunk, however big the file.
    """
    clock = time.process_time
    result: dict[str, Any] = {"n_postings": 0, "n_records": 0, "n_rejects": 0, "parts": {},
                              "cpu_ingest": 0.0, "cpu_extract": 0.0, "cpu_write": 0.0}
    chunks = iter_unit(unit, validate=False)  # write_tables validates
    piece = 0
    while True:
        t0 = clock()
        chunk = next(chunks, None)
        result["cpu_ingest"] += clock() - t0
        if chunk is None:
            break
        t1 = clock()
        tables, parts, cpu_extract = _write_chunk(*chunk, folder, unit.index, piece, extractor)
        result["cpu_extract"] += cpu_extract
        result["cpu_write"] += clock() - t1 - cpu_extract
        for table, files in parts.items():
            result["parts"].setdefault(table, {}).update(files)
        result["n_postings"] += len(tables["postings"])
        result["n_records"] += len(tables["records"])
        result["n_rejects"] += len(tables["rejects"])
        piece += 1
    return result


def _without_extraction(kept: pd.DataFrame, postings: pd.DataFrame, rejects: pd.DataFrame,
                        stage: str, reason: str) -> dict[str, pd.DataFrame]:
    """A unit's tables when its extraction cannot be stored: ``kept`` as the postings,
    empty extraction tables, and every posting listed in rejects with ``reason``."""
    bad = pd.DataFrame({"source": postings["source"], "stage": stage, "reason": reason})
    tables = {name: schemas.empty(name) for name in EXTRACT_TABLES}
    tables["postings"] = kept
    tables["rejects"] = pd.concat([rejects, bad], ignore_index=True)
    return tables


class _Progress:
    """A bar counting postings (on a terminal only), with the parts done beside it.

    The number of postings is known only as parts finish (a CSV or JSON file holds many),
    so the bar counts them with their rate and no total.
    """

    def __init__(self, parts: int, enabled: bool) -> None:
        import sys

        from tqdm.auto import tqdm

        self.parts, self.done = parts, 0
        self.bar = tqdm(total=None, desc="ingest+extract", unit=" postings",
                        disable=not (enabled and sys.stderr.isatty()))

    def __enter__(self) -> "_Progress":
        return self

    def __exit__(self, *exc: Any) -> None:
        self.bar.close()

    def advance(self, result: dict[str, Any]) -> None:
        """One part done: its postings added."""
        self.done += 1
        self.bar.set_postfix_str(f"part {self.done}/{self.parts}", refresh=False)
        self.bar.update(result["n_postings"])


def _progress(total: int, enabled: bool) -> _Progress:
    return _Progress(total, enabled)


def _pool_context():
    """``fork`` where the platform has it: workers inherit the warmed imports (pandera,
    the extractors) and their parent is this process, which they watch."""
    import multiprocessing

    try:
        return multiprocessing.get_context("fork"), os.getpid()
    except ValueError:
        return None, 0


def _kill_pool(pool: Any, timeout: float = 2.0) -> None:
    """Kill a process pool's workers now (a stop signal or an error: their parts are discarded).

    Through the pool's own ``multiprocessing`` handles, which reap them, so that the
    pool's shutdown sees them gone (reaping them behind its back makes it wait forever).
    """
    kill = getattr(pool, "kill_workers", None)  # Python 3.14+
    if callable(kill):
        kill()
        return
    processes = list((getattr(pool, "_processes", None) or {}).values())
    for process in processes:
        process.kill()
    for process in processes:
        process.join(timeout)


def _run_local(units: list[WorkUnit], folder: str, extractor: ExtractorArg, jobs: int,
               progress: bool) -> list[dict[str, Any]]:
    results: list[dict[str, Any]] = []
    with _progress(len(units), progress) as bar:
        if jobs == 1 or len(units) <= 1:
            for unit in units:
                results.append(process_unit(unit, folder, extractor))
                bar.advance(results[-1])
            return results
        from concurrent.futures import ProcessPoolExecutor, as_completed

        context, parent = _pool_context()
        pool = ProcessPoolExecutor(max_workers=min(jobs, len(units)), mp_context=context,
                                   initializer=lifecycle.worker_init, initargs=(parent,))
        try:
            futures = [pool.submit(process_unit, unit, folder, extractor) for unit in units]
            for future in as_completed(futures):
                results.append(future.result())
                bar.advance(results[-1])
        except BaseException:
            # A stop signal or a failed unit: no worker may go on writing.
            _kill_pool(pool)
            pool.shutdown(wait=False, cancel_futures=True)
            raise
        pool.shutdown(wait=True)
    return results


def _new_children(before: set[int]) -> list[int]:
    """Children started since ``before`` was taken: a LocalCluster's workers. The
    multiprocessing resource tracker is left alone: it cleans up after them."""
    import psutil

    found = []
    for proc in psutil.Process().children():
        try:
            if proc.pid not in before and "resource_tracker" not in " ".join(proc.cmdline()):
                found.append(proc.pid)
        except psutil.NoSuchProcess:
            continue
    return found


def _run_dask(units: list[WorkUnit], folder: str, extractor: ExtractorArg, jobs: int,
              scheduler: Any, progress: bool) -> list[dict[str, Any]]:
    import psutil
    from distributed import Client, LocalCluster, as_completed

    cluster = None
    own_client = True
    before = {p.pid for p in psutil.Process().children()}
    if scheduler is None:
        # The cluster's worker processes watch this one and exit when it dies.
        # Any free dashboard port: no clash with another cluster. The workers' own logs are
        # silenced: a task's failure reaches us through its future, and a worker stopped while
        # still connecting would otherwise print a CancelledError traceback after the run's line.
        cluster = LocalCluster(n_workers=jobs, threads_per_worker=1, processes=True,
                               dashboard_address=":0", silence_logs=logging.CRITICAL)
        client = Client(cluster)
    elif isinstance(scheduler, Client):
        client, own_client = scheduler, False
    else:
        client = Client(scheduler)
    futures: list[Any] = []
    try:
        futures = client.map(process_unit, units, folder=folder, extractor=extractor, pure=False)
        results = []
        with _progress(len(units), progress) as bar:
            for future in as_completed(futures):
                results.append(future.result())
                bar.advance(results[-1])
    except BaseException:
        if cluster is not None:  # our own workers: kill them now
            # Silenced: what distributed says about workers killed on purpose (a nanny may
            # try to restart one before the cluster closes; that one dies with the cluster).
            with _quiet():
                lifecycle.kill_processes(_new_children(before), timeout=1.0)
                _close(client if own_client else None, cluster)
        else:  # someone else's cluster: take our tasks back
            _quietly(lambda: client.cancel(futures))
            _close(client if own_client else None, None)
        raise
    _close(client if own_client else None, cluster)
    return results


def _close(client: Any, cluster: Any) -> None:
    if client is not None:
        _quietly(lambda: client.close(timeout=2))
    if cluster is not None:
        _quietly(lambda: cluster.close(timeout=2))


@contextmanager
def _quiet() -> Iterator[None]:
    """Silence every logger for a block (restored after): distributed, tornado and asyncio
    each log from loggers of their own with levels of their own (``distributed.client``,
    ``asyncio``'s cancelled tasks), so one logger's level is not enough."""
    before = logging.root.manager.disable
    logging.disable(logging.CRITICAL)
    try:
        yield
    finally:
        logging.disable(before)


def _quietly(step: Callable[[], Any]) -> None:
    """Run a clean-up step that may fail because its target is already gone."""
    try:
        step()
    except Exception as exc:  # noqa: BLE001 - cleaning up after a stop: report, carry on
        log.debug("clean-up step failed: %s", exc)


def _summary(results: list[dict[str, Any]], n_files: int, seconds: float, root: Path) -> RunSummary:
    return RunSummary(
        n_files=n_files,
        n_postings=sum(r["n_postings"] for r in results),
        n_records=sum(r["n_records"] for r in results),
        n_rejects=sum(r["n_rejects"] for r in results),
        seconds=round(seconds, 3),
        store_dir=root,
        stage_seconds={stage: round(sum(r.get(f"cpu_{stage}", 0.0) for r in results), 3)
                       for stage in ("ingest", "extract", "write")},
    )


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
    """Ingest ``paths`` as a new version of the store and return a :class:`RunSummary`.

    The run is one :class:`workbench.store.Transaction`: the store folder must be new,
    empty or a store; a second writer is refused; parts go to a staging folder and the
    new version replaces the old one only when every part and the manifest are written.
    SIGINT/SIGTERM (or any error) kill the workers, remove the staging folder and raise
    (:class:`~workbench.errors.Interrupted` for a signal); the previous version stays.

    Parameters
    ----------
    paths
        Files and/or folders (walked recursively).
    store_dir
        Store folder; default ``workbench.config.PROCESSED``. A run rebuilds the store
        from its inputs; the folder may not lie inside an input, nor an input inside it.
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

    # The transaction refuses a --store that is not ours before anything is read.
    with lifecycle.StopOnSignals() as stop, store.Transaction(root, inputs=path_list) as tx:
        n_files = len({piece.path for piece in list_files(path_list)})
        units = plan_units(path_list, chunk_size=chunk_size)
        for name in schemas.TABLES:
            schemas.empty(name)  # warm pandera once here; forked workers inherit it
        if engine == "local":
            results = _run_local(units, str(tx.staging), extractor, jobs, progress)
        else:
            results = _run_dask(units, str(tx.staging), extractor, jobs, scheduler, progress)
        for result in results:
            tx.add(result["parts"])
        if not units:  # nothing to read: still publish a valid, empty store
            tx.add(store.write_tables({name: schemas.empty(name) for name in schemas.TABLES}, tx.staging))
        summary = _summary(results, n_files, time.perf_counter() - started, root)
        extra = {"engine": engine, "jobs": jobs, "chunk_size": chunk_size, "n_files": n_files,
                 "n_units": len(units), "seconds": summary.seconds,
                 "stage_cpu_seconds": dict(summary.stage_seconds)}
        # The renames that publish take milliseconds: a stop signal waits for them.
        tx.commit(extra=extra, critical=stop.deferred)
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
