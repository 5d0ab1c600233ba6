"""Process supervision for report runs: executor processes, wall-clock limits, kills.

Every report runs in its own kernel, started by an executor process
(:mod:`workbench.execute`) in its own session, so that the whole tree can be killed:

* the local engine keeps one warm executor per parallel slot (:class:`Slot`), which
  takes reports one at a time over stdin and says when each is done on a private pipe;
  the dask engine starts one executor per report (:func:`run_task`);
* a report gets ``timeout`` seconds per cell (papermill) plus a hard wall-clock limit of
  ``timeout + WALL_GRACE`` after which its executor and kernel are killed and it is a
  timeout; an executor that dies (killed, out of memory) fails its report, and the slot
  starts a new one for the next;
* the outcome is read from the executor's result file and exit status (:func:`collect`);
* every live executor is registered: at exit, and when the run is stopped
  (:class:`workbench.lifecycle.StopOnSignals` turns SIGINT/SIGTERM/SIGHUP into
  ``Interrupted``), all of them are killed with their kernels
  (:func:`workbench.lifecycle.kill_processes`). An executor asks Linux to kill it when
  the runner dies, and a kernel exits when its parent goes, so a ``kill -9`` of the
  runner leaves no kernel either.
"""

from __future__ import annotations

import atexit
import datetime as dt
import json
import os
import queue
import select
import subprocess
import sys
import threading
import time
from concurrent.futures import ThreadPoolExecutor, as_completed
from pathlib import Path
from typing import Any, Callable

from workbench import config
from workbench.execute import DONE_TOKEN
from workbench.lifecycle import kill_processes
from workbench.runs import Run

__all__ = ["WALL_GRACE", "Slot", "collect", "kill_all_live", "run_dask", "run_local", "run_task"]

WALL_GRACE = 45.0  # seconds on top of the report timeout for kernel start and HTML export
_EXECUTOR = (sys.executable, "-m", "workbench.execute")

# Called with (slug, result) as each report finishes (progress lines).
OnDone = Callable[[str, dict], None]

_LIVE: dict[int, subprocess.Popen] = {}
_LIVE_LOCK = threading.Lock()


def _register(proc: subprocess.Popen) -> None:
    with _LIVE_LOCK:
        _LIVE[proc.pid] = proc


def _unregister(proc: subprocess.Popen) -> None:
    with _LIVE_LOCK:
        _LIVE.pop(proc.pid, None)


def kill_all_live() -> None:
    """Kill every executor this process started that is still running, with its kernel."""
    with _LIVE_LOCK:
        procs = list(_LIVE.values())
    kill_processes([p.pid for p in procs if p.poll() is None])


atexit.register(kill_all_live)


def _executor_env() -> dict[str, str]:
    env = {**os.environ, "PYTHONUNBUFFERED": "1", "MPLBACKEND": "Agg"}
    if os.environ.get("WORKBENCH_HOME") is None:
        env["WORKBENCH_HOME"] = str(config.ROOT)
    return env


def _write_task(run: Run) -> Path:
    path = run.path(".task.json")
    path.write_text(json.dumps(run.to_task(os.getpid()), default=str), encoding="utf-8")
    return path


def collect(run: Run, *, code: int | None, timed_out: bool, wall: float, started: dt.datetime,
            elapsed: float, log_path: Path) -> dict:
    """Decide a report's outcome from the executor's exit and its result file."""
    res_path = run.path(".result.json")
    result: dict[str, Any]
    if timed_out:
        result = {"status": "timeout", "error": f"wall-clock limit of {wall:.0f} s reached; kernel killed"}
    elif res_path.is_file():
        result = json.loads(res_path.read_text(encoding="utf-8"))
        if code not in (0, None) and result.get("status") == "ok":
            result = {**result, "status": "failed", "error": f"executor exited with status {code}"}
    else:
        tail = log_path.read_text(encoding="utf-8", errors="replace")[-600:] if log_path.is_file() else ""
        how = (f"killed by signal {-code}" if code is not None and code < 0
               else f"exited with status {code}")
        result = {"status": "failed", "error": f"report process {how} without a result. {tail}".strip()}
    result["started"] = started.isoformat(timespec="seconds")
    result["finished"] = dt.datetime.now(dt.timezone.utc).isoformat(timespec="seconds")
    result.setdefault("timings", {})["wall"] = round(elapsed, 3)
    return result


class Slot:
    """One warm executor process, reused for the reports of one parallel slot."""

    def __init__(self, stage: Path, index: int) -> None:
        self.stage = stage
        self.index = index
        self.proc: subprocess.Popen | None = None
        self.log_path = stage / f"_slot{index}.log"
        self.spawns = 0

    def spawn(self) -> None:
        """Start the executor (``--serve``); its imports overlap with the runner's preparation."""
        self.spawns += 1
        with open(self.log_path, "ab") as log:
            self.proc = subprocess.Popen(
                [*_EXECUTOR, "--serve", str(os.getpid())],
                stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=log,
                start_new_session=True, env=_executor_env(), cwd=str(self.stage),
            )
        _register(self.proc)

    def _drop(self) -> None:
        if self.proc is not None:
            kill_processes([self.proc.pid])
            self.proc.wait()
            _unregister(self.proc)
            self.proc = None

    def _send(self, task_path: Path) -> int | None:
        """Hand a task to the executor (a new one when the last has died); its exit code if it is gone."""
        if self.proc is None or self.proc.poll() is not None:
            self._drop()
            self.spawn()
        try:
            self.proc.stdin.write(f"{task_path}\n".encode())
            self.proc.stdin.flush()
        except (BrokenPipeError, OSError):
            return self.proc.wait()
        return None

    def _await(self, slug: str, deadline: float) -> tuple[int | None, bool]:
        """Wait for the executor to say ``slug`` is done: (exit code if it died, timed out)."""
        token = DONE_TOKEN + slug.encode()
        buf = b""
        fd = self.proc.stdout.fileno()
        while True:
            remaining = deadline - time.perf_counter()
            if remaining <= 0:
                self._drop()
                return None, True
            ready, _, _ = select.select([fd], [], [], min(remaining, 1.0))
            if not ready:
                continue
            chunk = os.read(fd, 65536)
            if not chunk:  # the executor died (killed, out of memory)
                code = self.proc.wait()
                self._drop()
                return code, False
            buf = (buf + chunk)[-65536:]
            if token in buf:
                return None, False

    def _kill_leftovers(self) -> None:
        """The kernel is shut down by papermill; anything left below the executor goes."""
        if self.proc is None:
            return
        try:
            import psutil

            for child in psutil.Process(self.proc.pid).children(recursive=True):
                child.kill()
        except Exception:  # noqa: BLE001 - already gone
            pass

    def run(self, run: Run) -> dict:
        """Run one report on this slot's executor within its wall-clock limit."""
        task_path = _write_task(run)
        started = dt.datetime.now(dt.timezone.utc)
        t0 = time.perf_counter()
        wall = float(run.timeout) + WALL_GRACE
        code = self._send(task_path)
        timed_out = False
        if code is None:
            code, timed_out = self._await(run.slug, t0 + wall)
        self._kill_leftovers()
        return collect(run, code=code, timed_out=timed_out, wall=wall, started=started,
                       elapsed=time.perf_counter() - t0, log_path=self.log_path)

    def close(self) -> None:
        """Let the executor finish (stdin closed), then make sure it and its kernel are gone."""
        if self.proc is None:
            return
        try:
            self.proc.stdin.close()
            self.proc.wait(timeout=5)
        except Exception:  # noqa: BLE001
            pass
        self._drop()


def start_slots(stage: Path, count: int) -> list[Slot]:
    """``count`` warm executors, started now so their imports overlap with data preparation."""
    slots = [Slot(stage, i) for i in range(count)]
    for slot in slots:
        slot.spawn()
    return slots


def run_local(runs: list[Run], slots: list[Slot], on_done: OnDone | None = None) -> dict[str, dict]:
    """Run reports on the warm executors, one report per free slot; results by slug.

    ``on_done(slug, result)`` is called in this thread as each report finishes.
    """
    free: queue.Queue[Slot] = queue.Queue()
    for slot in slots:
        free.put(slot)

    def one(run: Run) -> dict:
        slot = free.get()
        try:
            return slot.run(run)
        finally:
            free.put(slot)

    results: dict[str, dict] = {}
    with ThreadPoolExecutor(max_workers=len(slots), thread_name_prefix="report") as pool:
        try:
            futures = {pool.submit(one, r): r.slug for r in runs}
            for fut in as_completed(futures):
                results[futures[fut]] = fut.result()
                if on_done is not None:
                    on_done(futures[fut], results[futures[fut]])
        except BaseException:
            # Stopped: kill the executors first, so the slot threads see them go and the
            # pool can shut down at once.
            kill_all_live()
            raise
    return results


def run_task(run: Run) -> dict:
    """Start an executor for one report, enforce the wall-clock limit, read its result.

    Module-level so that dask can ship it to a worker.
    """
    task_path = _write_task(run)
    log_path = run.path(".log")
    started = dt.datetime.now(dt.timezone.utc)
    t0 = time.perf_counter()
    wall = float(run.timeout) + WALL_GRACE
    with open(log_path, "wb") as log:
        proc = subprocess.Popen(
            [*_EXECUTOR, "--execute", str(task_path)],
            stdout=log, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL,
            start_new_session=True, env=_executor_env(), cwd=str(run.stage),
        )
    _register(proc)
    timed_out = False
    try:
        code = proc.wait(timeout=wall)
    except subprocess.TimeoutExpired:
        timed_out = True
    finally:
        kill_processes([proc.pid])  # a timed-out executor, or stray descendants (a kernel) of a finished one
        _unregister(proc)
    if timed_out:
        code = proc.wait()
    return collect(run, code=code, timed_out=timed_out, wall=wall, started=started,
                   elapsed=time.perf_counter() - t0, log_path=log_path)


def run_dask(runs: list[Run], jobs: int, scheduler: str | None, on_done: OnDone | None = None) -> dict[str, dict]:
    """Fan reports out to a dask.distributed cluster (a local thread cluster by default).

    Each dask task starts an executor process exactly as the local engine does, so the
    same timeouts and kill rules apply on the worker's machine. A remote scheduler's
    workers must see the same file system (the staging folder and the store).
    ``on_done(slug, result)`` is called as each report finishes.
    """
    from dask.distributed import Client, LocalCluster, as_completed as dask_completed

    cluster = None
    if scheduler:
        client = Client(scheduler)
    else:
        cluster = LocalCluster(n_workers=1, threads_per_worker=jobs, processes=False,
                               dashboard_address=None)
        client = Client(cluster)
    try:
        futures = {client.submit(run_task, r, pure=False, key=f"report-{r.slug}-{r.run_id}"): r.slug
                   for r in runs}
        results = {}
        for fut in dask_completed(list(futures)):
            slug = futures[fut]
            try:
                results[slug] = fut.result()
            except Exception as exc:  # noqa: BLE001 - a lost worker is a failed report
                results[slug] = {"status": "failed", "error": f"dask: {type(exc).__name__}: {exc}"}
            if on_done is not None:
                on_done(slug, results[slug])
        return results
    except BaseException:
        kill_all_live()
        raise
    finally:
        client.close()
        if cluster is not None:
            cluster.close()
