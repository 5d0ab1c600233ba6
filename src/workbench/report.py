"""Run a report plan: notebooks in parallel, HTML + audit notebooks, manifest and index.

Layout of ``OUT`` (default ``config.REPORTS``)::

    OUT/index.html                    offline index of the latest run
    OUT/<date>/<slug>.html            one page per report (no code)
    OUT/<date>/<slug>.ipynb           executed notebook, kept for audit
    OUT/<date>/<slug>.json            headline figures the notebook published
    OUT/<date>/manifest.json          run id, parameters, data fingerprint, versions, timings, status
    OUT/<date>/_store/                the store built from raw ``--data`` files, if any
    OUT/.staging-<runid>/             work area of a run in progress

This module is the runner; each job has its own module:

* the plan is validated completely before anything starts (:mod:`workbench.plan`);
* the data and notebooks are made ready (:mod:`workbench.prepare`): a store is checked
  against its manifest before any executor starts, raw inputs are ingested into the
  run's own store;
* each report is a :class:`~workbench.runs.Run` record of a :class:`~workbench.runs.Batch`
  (:mod:`workbench.runs`, which also writes the manifest);
* reports run in executor processes under a wall-clock limit, killed with their kernels
  on timeout, stop signal or exit (:mod:`workbench.executor`; the child side is
  :mod:`workbench.execute`);
* pages are built from templates, sanitised and moved into place
  (:mod:`workbench.publish`, :mod:`workbench.sanitize`): everything is written under
  ``OUT/.staging-<runid>/`` and moved with ``os.replace`` only at the end, so a run
  killed at any moment leaves either the previous good report or the new complete one;
  a failed report keeps the previous good page and is listed as failed, with its error,
  in the index.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import shutil
import sys
import time
from pathlib import Path
from typing import Any, Sequence

from workbench import config, executor, prepare, publish, selection
from workbench.errors import OperatorError, PlanError, operator_error
from workbench.execute import skip_slow_optional_imports
from workbench.lifecycle import StopOnSignals
from workbench.progress import Progress, as_progress
from workbench.runs import Batch, Run, RunResult, atomic_write, batch_manifest, read_manifest, record_failed_batch

__all__ = ["KERNEL_NAME", "Run", "RunResult", "ensure_kernel", "plan_reports", "run_plan"]

KERNEL_NAME = "workbench"


def ensure_kernel(name: str = KERNEL_NAME) -> str:
    """Install a kernelspec ``name`` for this interpreter into ``sys.prefix`` if missing.

    Returns the kernel name to use (``name``, or ``python3`` if installing failed).
    """
    from jupyter_client.kernelspec import KernelSpecManager, NoSuchKernel

    ksm = KernelSpecManager()
    try:
        spec = ksm.get_kernel_spec(name)
        if spec.argv and Path(spec.argv[0]).resolve() == Path(sys.executable).resolve():
            return name
    except NoSuchKernel:
        pass
    try:
        from ipykernel.kernelspec import install

        install(kernel_name=name, display_name="Python (workbench)", prefix=sys.prefix)
        return name
    except Exception:  # read-only prefix and the like: the default kernel still works
        return "python3"


def _check_options(engine: str, jobs: int, timeout: float, as_of: dt.date | str | None) -> str:
    """Check the run options before anything starts; return the run date (ISO)."""
    if engine not in ("local", "dask"):
        raise PlanError(f"engine {engine!r}: expected 'local' or 'dask'")
    if jobs < 1:
        raise PlanError(f"jobs={jobs}: expected at least 1")
    if not isinstance(timeout, (int, float)) or isinstance(timeout, bool) or not timeout > 0 \
            or timeout == float("inf"):
        raise PlanError(f"--timeout {timeout!r}: expected a positive number of seconds per notebook")
    if isinstance(as_of, str):
        try:
            as_of = dt.date.fromisoformat(as_of)
        except ValueError as exc:
            raise PlanError(f"--as-of {as_of!r}: expected a date like 2026-11-23") from exc
    return (as_of or dt.date.today()).isoformat()


def run_plan(
    plan_path: str | Path | None = None,
    *,
    data: Any = None,
    out: str | Path | None = None,
    only: str | Sequence[str] | None = None,
    jobs: int = 2,
    timeout: float = 600,
    as_of: dt.date | str | None = None,
    engine: str = "local",
    scheduler: str | None = None,
    notebooks_dir: str | Path | None = None,
    kernel_name: str | None = None,
    max_reports: int | None = None,
    overrides: Sequence[tuple[str, str]] | None = None,
    incumbents: str | Path | None = None,
    progress: Progress | bool | None = None,
) -> RunResult:
    """Run every report of a plan and publish the results atomically.

    Returns a ``RunResult``; ``result.exit_code`` is non-zero when any report failed.
    Raises ``PlanError``/``ParameterError`` before anything runs when the plan is invalid,
    listing every problem (more than ``max_reports`` reports, default
    ``config.SETTINGS.max_reports``, is invalid too). ``only`` picks reports by report or
    notebook name, ignoring case; ``overrides`` are ``-p NAME VALUE`` pairs, read as the
    notebook declares and checked like plan values (:mod:`workbench.selection`); like
    ``only``, they update the run's own pages and keep the date's other pages.
    ``incumbents`` is the user's HR file (CSV or XLSX), checked here
    (:func:`workbench.incumbents.read`; ``SchemaError`` names missing columns) and
    injected into the notebooks that declare ``incumbents_file``; no plan or ``-p`` can
    set it. ``progress`` (``True``, or a :class:`~workbench.progress.Progress`) writes a
    line per step and per finished report. ``notebooks_dir`` is for tests with fixture
    notebooks; a plan cannot name a folder. A run that the machine stops (disk full,
    permission denied) raises a one-line :class:`~workbench.errors.OperatorError` and is
    listed under ``failed_runs`` in that date's ``manifest.json`` when there is room to
    write it. A stop signal (SIGINT, SIGTERM, SIGHUP) kills the running reports and raises
    :class:`~workbench.errors.Interrupted`; no page is replaced.
    """
    t_start = time.perf_counter()
    skip_slow_optional_imports()
    specs = plan_reports(plan_path, notebooks_dir=notebooks_dir, max_reports=max_reports, only=only,
                         overrides=overrides)
    date_str = _check_options(engine, jobs, timeout, as_of)
    hr = _check_incumbents(incumbents)
    # Absolute from here on: executors run in their own working directory.
    out = (Path(out) if out else config.REPORTS).resolve()
    # A run with -p adds pages beside the date's others, as --only does (never replaces them all).
    partial = only or ([s.name for s in specs] if overrides else None)
    batch = Batch.new(date_str, out, t_start, plan_path=plan_path, data=data, only=partial, jobs=jobs,
                      timeout=timeout, engine=engine, scheduler=scheduler, kernel=kernel_name,
                      incumbents=hr)
    shown = as_progress(progress, started=t_start)
    try:
        return _run(specs, batch, shown)
    except (OSError, OperatorError) as exc:
        error = exc if isinstance(exc, OperatorError) else operator_error(
            exc, doing=f"writing the reports under {out}", fix="re-run `workbench report`")
        record_failed_batch(batch, error)
        if error is exc:
            raise
        raise error from exc
    finally:
        shown.close()


def plan_reports(plan_path: str | Path | None = None, *, notebooks_dir: str | Path | None = None,
                 max_reports: int | None = None, only: str | Sequence[str] | None = None,
                 overrides: Sequence[tuple[str, str]] | None = None) -> list:
    """The reports a run makes: the plan checked whole, narrowed by ``only``, ``-p`` applied."""
    from workbench.plan import load_plan

    specs = load_plan(plan_path, notebooks_dir=notebooks_dir, max_reports=max_reports)
    return selection.choose_reports(specs, only, overrides)


def _check_incumbents(path: str | Path | None) -> Any:
    """The ``--incumbents`` file checked before anything starts (None when not given)."""
    if path is None or str(path) == "":
        return None
    from workbench import incumbents

    return incumbents.read(Path(path).expanduser())


def _check_only_data(batch: Batch) -> None:
    """``--only`` updates some pages of a date's run: refuse when the data differ from that run's."""
    old = read_manifest(batch.date_dir / "manifest.json") or {}
    old_data = old.get("data") or {}
    if not old.get("reports") or old_data.get("fingerprint") in (None, batch.fingerprint):
        return
    names = [batch.only] if isinstance(batch.only, str) else list(batch.only)
    raise PlanError(
        f"--only {', '.join(names)}: the other pages of {batch.date_dir.name} were built from other data "
        f"(fingerprint {str(old_data.get('fingerprint'))[:16]}, store {old_data.get('store')}); this run's "
        f"data is {str(batch.fingerprint)[:16]} ({batch.store}). Run the whole plan without --only, or pass the "
        f"same --data as that run.")


def _clean_stale_staging(out: Path) -> None:
    """Remove the staging folders of earlier runs that are no longer running."""
    import psutil

    for d in out.glob(".staging-*"):
        pid_file = d / "runner.pid"
        try:
            pid = int(pid_file.read_text().strip())
        except (OSError, ValueError):
            pid = 0
        if pid and psutil.pid_exists(pid) and pid != os.getpid():
            continue  # another run is in progress
        shutil.rmtree(d, ignore_errors=True)


def _prepare(batch: Batch, n_reports: int, progress: Progress) -> list[executor.Slot]:
    """Check or build the batch's store; start the warm executors meanwhile (local engine)."""
    store, raw = prepare.resolve_data(batch.data)  # a store that fails its checks stops the run here
    slots = executor.start_slots(batch.stage, min(batch.jobs, n_reports)) if batch.engine == "local" else []
    if batch.incumbents is not None:
        progress.note(batch.incumbents.describe())
    batch.built = raw is not None
    if batch.built:
        progress.note(f"building this run's store from {len(raw)} input(s)")
        batch.store = prepare.build_store(raw, batch.stage, progress=progress.terminal)
        progress.note("store built")
    else:
        batch.store = store
        progress.note(f"reading the store {store}" if store else "no data: the reports run without a store")
    batch.fingerprint = prepare.fingerprint(batch.store)
    batch.sample = prepare.is_sample(batch.store)
    batch.data_date = prepare.data_date(batch.store)
    if batch.only:
        _check_only_data(batch)
    return slots


# Notebooks that take longest, started before the rest so no slot idles at the end while
# one long report runs alone (10^6 postings, 2 jobs: role comparison ~110 s, every other
# page 20-40 s; started sixth it set the plan's wall). Order of the pages is unchanged.
LONG_FIRST = ("role_comparison",)


def start_order(runs: list[Run]) -> list[Run]:
    """The runs in the order they start: ``LONG_FIRST`` notebooks first, else plan order."""
    return sorted(runs, key=lambda run: run.notebook not in LONG_FIRST)


def _execute(batch: Batch, runs: list[Run], slots: list[executor.Slot], progress: Progress) -> None:
    """Run every report and take in its outcome as it finishes (a progress line each);
    the longest notebooks start first (:func:`start_order`)."""
    by_slug = {run.slug: run for run in runs}
    runs = start_order(runs)

    def done(slug: str, result: dict) -> None:
        progress.finished(by_slug[slug].apply(result))

    progress.start(len(runs), batch.jobs)
    if batch.engine == "dask":
        executor.run_dask(runs, batch.jobs, batch.scheduler, on_done=done)
    else:
        executor.run_local(runs, slots, on_done=done)
    progress.close()
    for run in by_slug.values():
        if run.status == "pending":
            run.apply({"status": "failed", "error": "report did not run"})


def _publish(batch: Batch, runs: list[Run]) -> tuple[Path, Path]:
    """Pages, manifest and index under one lock, so concurrent runs cannot interleave."""
    with publish.PublishLock(batch.out):
        publish.publish_runs(batch, runs)
        manifest_path = batch.date_dir / "manifest.json"
        atomic_write(manifest_path, json.dumps(batch_manifest(batch, runs), indent=2, default=str))
        return manifest_path, publish.write_index(batch.out)


def _run(specs: list, batch: Batch, progress: Progress) -> RunResult:
    """The body of :func:`run_plan` after the plan and options are checked."""
    batch.kernel = batch.kernel or ensure_kernel()
    batch.out.mkdir(parents=True, exist_ok=True)
    _clean_stale_staging(batch.out)
    batch.stage.mkdir()
    (batch.stage / "runner.pid").write_text(str(os.getpid()))
    slots: list[executor.Slot] = []
    with StopOnSignals():  # a second signal while cleaning up is ignored
        try:
            slots = _prepare(batch, len(specs), progress)
            sources = prepare.convert_notebooks(specs, batch.stage, batch.kernel)
            runs = [Run.planned(s, batch, *sources[s.notebook]) for s in specs]
            _execute(batch, runs, slots, progress)
            manifest_path, index_path = _publish(batch, runs)
        except BaseException:
            executor.kill_all_live()  # stopped or failed: no report keeps running
            raise
        finally:
            for slot in slots:
                slot.close()
            executor.kill_all_live()
            shutil.rmtree(batch.stage, ignore_errors=True)
    return RunResult(run_id=batch.run_id, as_of=batch.as_of, out_dir=batch.out, date_dir=batch.date_dir,
                     reports=runs, manifest_path=manifest_path, index_path=index_path,
                     seconds=batch.seconds())
