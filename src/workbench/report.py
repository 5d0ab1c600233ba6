"""Run a report plan: notebooks in parallel, HTML + audit notebooks, manifest and index.

Layout of ``OUT`` (default ``config.REPORTS``)::

    OUT/index.html                    offline index of the latest run
    OUT/<date>/<slug>.html            one page per report (no code)
    OUT/<date>/<slug>.ipynb           executed notebook, kept for audit
    OUT/<date>/<slug>.json            headline figures the notebook published
    OUT/<date>/manifest.json          run id, parameters, data fingerprint, versions, timings, status
    OUT/<date>/_store/                the store built from raw ``--data`` files, if any
    OUT/.staging-<runid>/             work area of a run in progress

How a run stays safe:

* the plan is validated completely before anything starts (``plan.load_plan``);
* every report runs in its own kernel. Kernels are started by executor processes
  (``python -m workbench.report --serve``), one per parallel slot, each in its own
  process group, which import papermill and nbconvert once and then take reports one
  at a time (the dask engine starts one executor per report instead). An executor asks
  Linux to kill it when the runner dies (``PR_SET_PDEATHSIG``) and a kernel exits when
  its parent goes (ipykernel's parent poller), so a ``kill -9`` of the runner leaves
  no kernel;
* per-cell ``execution_timeout`` plus a hard wall-clock limit after which the whole
  process tree (executor and kernel) is killed; atexit and SIGTERM/SIGINT/SIGHUP
  handlers kill live trees too;
* success is decided from the executor's exit status and the exception it reports,
  never from the output notebook alone (a killed kernel or a timeout leaves a
  notebook that looks complete);
* failed kernel starts (``ZMQError: Address already in use``, papermill #239/#511)
  are retried twice;
* everything is written under ``OUT/.staging-<runid>/`` and moved into place with
  ``os.replace`` only at the end, so a run killed at any moment leaves either the
  previous good report or the new complete one; a failed report keeps the previous
  good page and is listed as failed, with its error, in the index.
"""

from __future__ import annotations

import atexit
import datetime as dt
import json
import os
import shutil
import signal
import subprocess
import sys
import threading
import time
import traceback
import uuid
from concurrent.futures import ThreadPoolExecutor, as_completed
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any, Sequence

from workbench import config
from workbench.errors import OperatorError, PlanError, operator_error

__all__ = ["KERNEL_NAME", "ReportOutcome", "RunResult", "ensure_kernel", "run_plan", "kill_tree"]

KERNEL_NAME = "workbench"
INJECTED = ("store_dir", "output_dir", "run_id", "as_of")
START_RETRIES = 2
WALL_GRACE = 45.0  # seconds on top of the report timeout for kernel start and HTML export
_PACKAGES = ("workbench", "pandas", "numpy", "scipy", "statsmodels", "seaborn", "matplotlib", "papermill",
             "nbconvert", "nbclient", "nbformat", "jupytext", "ipykernel", "jupyter_client", "pyzmq", "duckdb",
             "pyarrow", "bleach", "dask", "distributed")


def _skip_slow_optional_imports() -> None:
    # jsonschema (via nbformat) builds an RFC 3987 grammar at import when the optional
    # rfc3987-syntax package is present: ~2 s per process for an IRI check nbformat never
    # uses. Marking it unavailable makes jsonschema skip that optional format.
    sys.modules.setdefault("rfc3987_syntax", None)  # type: ignore[arg-type]


# ------------------------------------------------------------------ results


@dataclass
class ReportOutcome:
    """What happened to one report of a run."""

    name: str
    slug: str
    notebook: str
    audience: str
    parameters: dict[str, Any]
    status: str = "pending"  # ok | failed | timeout
    error: str | None = None
    attempts: int = 0
    started: str | None = None
    finished: str | None = None
    timings: dict[str, float] = field(default_factory=dict)
    headline: dict[str, Any] | None = None
    html: str | None = None  # path relative to the date folder, when a page is shown
    ipynb: str | None = None
    previous: dict[str, Any] | None = None  # the earlier good run whose page is still shown

    @property
    def ok(self) -> bool:
        return self.status == "ok"


@dataclass
class RunResult:
    run_id: str
    as_of: str
    out_dir: Path
    date_dir: Path
    reports: list[ReportOutcome]
    manifest_path: Path
    index_path: Path
    seconds: float

    @property
    def ok(self) -> bool:
        return all(r.ok for r in self.reports)

    @property
    def exit_code(self) -> int:
        return 0 if self.ok else 1

    @property
    def failed(self) -> list[ReportOutcome]:
        return [r for r in self.reports if not r.ok]

    def summary(self) -> str:
        """Plain-text lines for the CLI: one per report, then the totals and the index."""
        lines = []
        for r in self.reports:
            took = r.timings.get("wall")
            extra = f" ({took:.1f} s)" if took is not None else ""
            lines.append(f"{r.status:8} {r.name}{extra}" + (f": {r.error}" if r.error else ""))
        lines.append(f"{len(self.reports) - len(self.failed)} ok, {len(self.failed)} failed in "
                     f"{self.seconds:.1f} s -> {self.index_path}")
        return "\n".join(lines)


# ------------------------------------------------------------------ kernels and processes


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


_LIVE: dict[int, subprocess.Popen] = {}
_LIVE_LOCK = threading.Lock()


def kill_tree(pid: int, sig: int = signal.SIGKILL) -> list[int]:
    """Kill a process and all its descendants (kernels run in their own session)."""
    import psutil

    try:
        root = psutil.Process(pid)
        procs = root.children(recursive=True) + [root]
    except psutil.NoSuchProcess:
        return []
    killed = []
    for proc in procs:
        try:
            proc.send_signal(sig)
            killed.append(proc.pid)
        except psutil.NoSuchProcess:
            pass
    psutil.wait_procs(procs, timeout=5)
    return killed


def _kill_all_live() -> None:
    with _LIVE_LOCK:
        procs = list(_LIVE.values())
    for proc in procs:
        if proc.poll() is None:
            kill_tree(proc.pid)


atexit.register(_kill_all_live)


class _SignalGuard:
    """Kill live report processes on SIGTERM/SIGINT/SIGHUP, then behave as before."""

    SIGNALS = tuple(s for s in (getattr(signal, n, None) for n in ("SIGTERM", "SIGINT", "SIGHUP")) if s)

    def __init__(self) -> None:
        self.previous: dict[int, Any] = {}

    def __enter__(self) -> "_SignalGuard":
        if threading.current_thread() is threading.main_thread():
            for sig in self.SIGNALS:
                self.previous[sig] = signal.signal(sig, self._handle)
        return self

    def _handle(self, signum: int, frame: Any) -> None:
        _kill_all_live()
        self.__exit__(None, None, None)
        if signum == signal.SIGINT:
            raise KeyboardInterrupt
        raise SystemExit(128 + signum)

    def __exit__(self, *exc: Any) -> None:
        for sig, handler in self.previous.items():
            signal.signal(sig, handler)
        self.previous = {}


# ------------------------------------------------------------------ executor (child process)


def _set_parent_death_signal(expected_parent: int) -> None:
    """Ask Linux to SIGKILL this process when its parent dies; exit if it already has."""
    from workbench.lifecycle import set_parent_death_signal

    set_parent_death_signal(expected_parent)


def _is_kernel_start_failure(exc: BaseException) -> bool:
    text = f"{type(exc).__name__}: {exc}"
    markers = ("Address already in use", "ZMQError", "Kernel died before replying to kernel_info",
               "Kernel didn't respond", "kernel_info", "Kernel failed to start")
    return any(m in text for m in markers) and "PapermillExecutionError" not in text


def _describe_error(exc: BaseException) -> tuple[str, str]:
    """(status, short message) for an exception from papermill/nbclient."""
    name = type(exc).__name__
    if name == "PapermillExecutionError":
        ename = getattr(exc, "ename", "Error")
        evalue = getattr(exc, "evalue", "")
        cell = getattr(exc, "exec_count", None)
        return "failed", f"{ename}: {evalue} (cell {cell})"
    if name in ("CellTimeoutError", "TimeoutError") or "timed out" in str(exc).lower():
        return "timeout", f"timed out: {str(exc).splitlines()[0] if str(exc) else name}"
    if name == "DeadKernelError" or "kernel died" in str(exc).lower():
        return "failed", "kernel died while running the notebook (killed or out of memory)"
    first = str(exc).strip().splitlines()[0] if str(exc).strip() else ""
    return "failed", f"{name}: {first}"[:500]


def _verify_executed(nb: Any) -> str | None:
    """Second check on an executed notebook: papermill's own record of an exception."""
    pm = nb.metadata.get("papermill", {})
    if pm.get("exception"):
        return "the notebook recorded an exception"
    for cell in nb.cells:
        if cell.cell_type != "code" or not cell.source.strip():
            continue
        for out in cell.get("outputs", []):
            if out.get("output_type") == "error":
                return f"{out.get('ename')}: {out.get('evalue')}"
        status = cell.metadata.get("papermill", {}).get("status")
        if status and status != "completed":
            return f"a cell ended with status {status!r}"
    return None


def _header_meta(task: dict, headline: dict | None) -> dict[str, Any]:
    params = task["parameters"]
    meta: dict[str, Any] = {}
    level = params.get("level")
    if isinstance(level, int) and level in config.LEVELS:
        meta["role"] = f"Level {level}: {config.LEVELS[level]}"
    meta["data date"] = task.get("data_date") or task["as_of"]
    meta["as of"] = task["as_of"]
    if headline and headline.get("n") is not None:
        meta["n"] = headline["n"]
    meta["audience"] = task["audience"]
    meta["parameters"] = params
    meta["data fingerprint"] = (task.get("fingerprint") or "")[:16]
    meta["run id"] = task["run_id"]
    return meta


def _execute(task: dict) -> dict:
    """Run one notebook and render it; called inside the executor process."""
    _skip_slow_optional_imports()
    import nbformat
    import papermill

    from workbench import render

    t0 = time.perf_counter()
    stage = Path(task["stage"])
    work = stage / f"{task['slug']}.d"
    work.mkdir(parents=True, exist_ok=True)
    src = Path(task["source_ipynb"])  # converted from the .py once per run by the runner
    out_nb = stage / f"{task['slug']}.ipynb"
    declared = set(task.get("injected") or INJECTED)
    injected = {"store_dir": task.get("store_dir") or "", "output_dir": str(work),
                "run_id": task["run_id"], "as_of": task["as_of"]}
    params = {**task["parameters"], **{k: v for k, v in injected.items() if k in declared}}
    timings = {"prepare": round(time.perf_counter() - t0, 3)}

    result: dict[str, Any] = {"status": "failed", "error": None, "attempts": 0}
    # The exporter's imports (~1 s) overlap with the kernel's run instead of following it.
    threading.Thread(target=lambda: __import__("nbconvert.exporters.html"), daemon=True).start()
    t1 = time.perf_counter()
    for attempt in range(1, START_RETRIES + 2):
        result["attempts"] = attempt
        try:
            papermill.execute_notebook(
                str(src), str(out_nb), parameters=params, kernel_name=task["kernel"],
                execution_timeout=task["timeout"], start_timeout=60, progress_bar=False,
                log_output=False, cwd=str(work),
                # Saving after every cell costs ~70 ms a cell; papermill still writes the
                # notebook at the end and on failure, and success is not judged from it.
                request_save_on_cell_execute=False,
                # The run is over: no need for the kernel's graceful shutdown round trip (~1-2 s).
                shutdown_kernel="immediate",
            )
            result["status"], result["error"] = "ok", None
            break
        except BaseException as exc:  # noqa: BLE001 - every failure is reported, none escapes
            if attempt <= START_RETRIES and _is_kernel_start_failure(exc):
                time.sleep(0.5 * attempt)
                continue
            result["status"], result["error"] = _describe_error(exc)
            break
    timings["execute"] = round(time.perf_counter() - t1, 3)

    headline_path = work / render.HEADLINE_FILE
    headline = json.loads(headline_path.read_text(encoding="utf-8")) if headline_path.is_file() else None
    result["headline"] = headline
    if result["status"] == "ok":
        executed = nbformat.read(str(out_nb), as_version=4)
        problem = _verify_executed(executed)
        if problem:
            result["status"], result["error"] = "failed", problem
    if result["status"] == "ok":
        t2 = time.perf_counter()
        try:
            page = render.export_html(executed, title=task["name"], meta=_header_meta(task, headline))
            tmp = stage / f"{task['slug']}.html.tmp"
            tmp.write_text(page, encoding="utf-8")
            tmp.replace(stage / f"{task['slug']}.html")
        except Exception as exc:  # noqa: BLE001
            result["status"], result["error"] = "failed", f"HTML export: {type(exc).__name__}: {exc}"
        timings["render"] = round(time.perf_counter() - t2, 3)
    timings["executor_total"] = round(time.perf_counter() - t0, 3)
    result["timings"] = timings
    return result


def _execute_and_record(task: dict) -> dict:
    try:
        result = _execute(task)
    except Exception as exc:  # noqa: BLE001 - reported as the report's failure
        result = {"status": "failed", "error": f"{type(exc).__name__}: {exc}",
                  "traceback": traceback.format_exc()[-2000:], "attempts": 0, "timings": {}}
    res_path = Path(task["stage"]) / f"{task['slug']}.result.json"
    tmp = res_path.with_suffix(".tmp")
    tmp.write_text(json.dumps(result, default=str), encoding="utf-8")
    tmp.replace(res_path)
    return result


def _executor_main(task_path: str) -> int:
    """One report, one process (the dask engine's unit of work)."""
    task = json.loads(Path(task_path).read_text(encoding="utf-8"))
    _set_parent_death_signal(int(task.get("parent_pid") or 0))
    return 0 if _execute_and_record(task)["status"] == "ok" else 1


DONE_TOKEN = b"@@workbench-report-done "


def _serve_main(parent_pid: int) -> int:
    """A warm executor: import papermill and nbconvert once, then run tasks read from stdin.

    Each task still gets its own kernel; only the executor's own imports (~1.5 s of CPU
    a report) are shared. The runner kills and replaces an executor after a timeout.
    """
    _set_parent_death_signal(parent_pid)
    _skip_slow_optional_imports()
    import nbconvert.exporters.html  # noqa: F401 - warm imports
    import papermill  # noqa: F401

    from workbench import render  # noqa: F401

    # Keep the protocol on a private copy of stdout and point fd 1 at the log, so that
    # nothing a kernel (which inherits fd 1) prints can get into the protocol stream.
    out = os.fdopen(os.dup(1), "wb")
    os.dup2(2, 1)
    for line in sys.stdin:
        path = line.strip()
        if not path:
            continue
        task = json.loads(Path(path).read_text(encoding="utf-8"))
        _execute_and_record(task)
        out.write(DONE_TOKEN + task["slug"].encode() + b"\n")
        out.flush()
    return 0


# ------------------------------------------------------------------ runner side


def _executor_env() -> dict[str, str]:
    env = {**os.environ, "PYTHONUNBUFFERED": "1", "MPLBACKEND": "Agg"}
    if os.environ.get("WORKBENCH_HOME") is None:
        env["WORKBENCH_HOME"] = str(config.ROOT)
    return env


def _collect(task: dict, *, code: int | None, timed_out: bool, wall: float, started: dt.datetime,
             elapsed: float, log_path: Path) -> dict:
    """Decide a report's outcome from the executor's exit and its result file."""
    res_path = Path(task["stage"]) / f"{task['slug']}.result.json"
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


class _Slot:
    """One warm executor process, reused for the reports of one parallel slot."""

    def __init__(self, stage: Path, index: int) -> None:
        self.stage = stage
        self.index = index
        self.proc: subprocess.Popen | None = None
        self.log_path = stage / f"_slot{index}.log"
        self.spawns = 0

    def spawn(self) -> None:
        self.spawns += 1
        log = open(self.log_path, "ab")
        try:
            self.proc = subprocess.Popen(
                [sys.executable, "-m", "workbench.report", "--serve", str(os.getpid())],
                stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=log,
                start_new_session=True, env=_executor_env(), cwd=str(self.stage),
            )
        finally:
            log.close()
        with _LIVE_LOCK:
            _LIVE[self.proc.pid] = self.proc

    def _drop(self) -> None:
        if self.proc is not None:
            kill_tree(self.proc.pid)
            with _LIVE_LOCK:
                _LIVE.pop(self.proc.pid, None)
            self.proc = None

    def run(self, task: dict) -> dict:
        import select

        stage = Path(task["stage"])
        task_path = stage / f"{task['slug']}.task.json"
        task_path.write_text(json.dumps({**task, "parent_pid": os.getpid()}, default=str), encoding="utf-8")
        started = dt.datetime.now(dt.timezone.utc)
        t0 = time.perf_counter()
        wall = float(task["timeout"]) + WALL_GRACE
        if self.proc is None or self.proc.poll() is not None:
            self._drop()
            self.spawn()
        proc = self.proc
        token = DONE_TOKEN + task["slug"].encode()
        code: int | None = None
        timed_out = False
        try:
            proc.stdin.write(f"{task_path}\n".encode())
            proc.stdin.flush()
        except (BrokenPipeError, OSError):
            code = proc.wait()
        buf = b""
        fd = proc.stdout.fileno()
        while code is None:
            remaining = t0 + wall - time.perf_counter()
            if remaining <= 0:
                timed_out = True
                self._drop()
                break
            ready, _, _ = select.select([fd], [], [], min(remaining, 1.0))
            if not ready:
                continue
            chunk = os.read(fd, 65536)
            if not chunk:  # the executor died (killed, out of memory)
                code = proc.wait()
                self._drop()
                break
            buf = (buf + chunk)[-65536:]
            if token in buf:
                break
        if self.proc is not None:
            # The kernel is shut down by papermill; anything left below the executor goes.
            try:
                import psutil

                for child in psutil.Process(self.proc.pid).children(recursive=True):
                    child.kill()
            except Exception:  # noqa: BLE001 - already gone
                pass
        return _collect(task, code=code, timed_out=timed_out, wall=wall, started=started,
                        elapsed=time.perf_counter() - t0, log_path=self.log_path)

    def close(self) -> None:
        if self.proc is None:
            return
        try:
            self.proc.stdin.close()
            self.proc.wait(timeout=5)
        except Exception:  # noqa: BLE001
            pass
        self._drop()


def _run_local(tasks: list[dict], slots: list[_Slot]) -> dict[str, dict]:
    import queue

    free: queue.Queue[_Slot] = queue.Queue()
    for slot in slots:
        free.put(slot)

    def one(task: dict) -> dict:
        slot = free.get()
        try:
            return slot.run(task)
        finally:
            free.put(slot)

    results: dict[str, dict] = {}
    with ThreadPoolExecutor(max_workers=len(slots), thread_name_prefix="report") as pool:
        futures = {pool.submit(one, t): t["slug"] for t in tasks}
        for fut in as_completed(futures):
            results[futures[fut]] = fut.result()
    return results


def _run_task(task: dict) -> dict:
    """Start an executor for one report, enforce the wall-clock limit, read its result.

    Module-level so that dask can ship it to a worker.
    """
    stage = Path(task["stage"])
    task_path = stage / f"{task['slug']}.task.json"
    task = {**task, "parent_pid": os.getpid()}
    task_path.write_text(json.dumps(task, default=str), encoding="utf-8")
    log_path = stage / f"{task['slug']}.log"
    started = dt.datetime.now(dt.timezone.utc)
    t0 = time.perf_counter()
    env = _executor_env()
    with open(log_path, "wb") as log:
        proc = subprocess.Popen(
            [sys.executable, "-m", "workbench.report", "--execute", str(task_path)],
            stdout=log, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL,
            start_new_session=True, env=env, cwd=str(stage),
        )
        with _LIVE_LOCK:
            _LIVE[proc.pid] = proc
        try:
            wall = float(task["timeout"]) + WALL_GRACE
            try:
                code = proc.wait(timeout=wall)
                timed_out = False
            except subprocess.TimeoutExpired:
                kill_tree(proc.pid)
                code = proc.wait()
                timed_out = True
        finally:
            if proc.poll() is None:
                kill_tree(proc.pid)
            else:
                kill_tree(proc.pid)  # stray descendants (a kernel) of a finished executor
            with _LIVE_LOCK:
                _LIVE.pop(proc.pid, None)
    return _collect(task, code=code, timed_out=timed_out, wall=wall, started=started,
                    elapsed=time.perf_counter() - t0, log_path=log_path)


def _convert_notebooks(specs: list, stage: Path, kernel: str) -> dict[Path, tuple[Path, list[str]]]:
    """Convert each distinct jupytext ``.py`` notebook to ``.ipynb`` once per run."""
    import jupytext
    import nbformat

    from workbench.plan import notebook_params

    out: dict[Path, tuple[Path, list[str]]] = {}
    src_dir = stage / "_src"
    src_dir.mkdir(exist_ok=True)
    for spec in specs:
        if spec.notebook in out:
            continue
        nb = jupytext.read(spec.notebook, fmt="py:percent")
        nb.metadata["kernelspec"] = {"name": kernel, "display_name": "Python (workbench)", "language": "python"}
        nb.metadata.pop("jupytext", None)
        target = src_dir / f"{spec.notebook.stem}.ipynb"
        nbformat.write(nb, str(target))
        injected = [n for n, p in notebook_params(spec.notebook).items() if p.injected]
        out[spec.notebook] = (target, injected)
    return out


def _versions() -> dict[str, str]:
    from importlib import metadata

    out = {"python": sys.version.split()[0]}
    for name in _PACKAGES:
        try:
            out[name] = metadata.version(name)
        except metadata.PackageNotFoundError:
            pass
    return out


def _is_store(path: Path) -> bool:
    """A store folder (this layout or an earlier one, which reading then refuses); raw data is neither."""
    from workbench import store

    return store.looks_like_store(path)


def _fingerprint(store_dir: Path | None) -> str | None:
    """The checked store's inputs fingerprint (see ``store.inputs_fingerprint``)."""
    if store_dir is None:
        return None
    from workbench import store

    return store.read_manifest(store_dir).get("inputs_fingerprint")


def _data_date(store_dir: Path | None) -> str | None:
    if store_dir is None:
        return None
    from workbench import store

    created = store.read_manifest(store_dir).get("created_at")
    return str(created)[:10] if created else None


def _resolve_data(data: Any) -> tuple[Path | None, list[Path] | None]:
    """Where a run's data comes from: (a checked store, None), (None, raw inputs to ingest)
    or (None, None) when there is no data at all.

    Cheap: a store is checked against its manifest here, before any executor starts.
    """
    from workbench import store

    if data is not None and not isinstance(data, (str, os.PathLike)) and not list(data):
        data = None  # the CLI passes an empty list when --data is not given
    if data is None:
        if _is_store(config.PROCESSED):
            store.open_version(config.PROCESSED)
            return config.PROCESSED, None
        # No store yet: build one from data/raw (incumbents are not postings).
        data = sorted(p for p in config.RAW.iterdir() if p.name != "incumbents") if config.RAW.is_dir() else []
        if not data:
            return None, None
    paths = [Path(data).resolve()] if isinstance(data, (str, os.PathLike)) else [Path(p).resolve() for p in data]
    missing = [str(p) for p in paths if not p.exists()]
    if missing:
        raise PlanError(f"--data: {missing} do not exist; expected raw files/folders or a store folder")
    if len(paths) == 1 and _is_store(paths[0]):
        store.open_version(paths[0])  # refuse a store that fails its manifest before any kernel starts
        return paths[0], None
    expanded: list[Path] = []
    for p in paths:
        if p.resolve() == config.RAW.resolve():
            # data/raw also holds the incumbent file, which is internal pay, not postings.
            expanded += sorted(c for c in p.iterdir() if c.name != "incumbents")
        else:
            expanded.append(p)
    return None, expanded


def _build_store(raw: list[Path], stage: Path) -> Path:
    """Ingest raw inputs into the run's own store, ``stage/_store``."""
    from workbench import pipeline

    target = stage / "_store"
    pipeline.run_ingest(raw, target, progress=False)
    return target


def _prepare_data(data: Any, stage: Path) -> tuple[Path | None, bool]:
    """Return (store dir, built_here). Raw files are ingested into ``stage/_store``."""
    found, raw = _resolve_data(data)
    if raw is not None:
        return _build_store(raw, stage), True
    return found, False


class _publish_lock:
    """Serialise the publishing step of concurrent runs into the same folder (flock)."""

    def __init__(self, out: Path) -> None:
        self.path = out / ".publish.lock"
        self.fh: Any = None

    def __enter__(self) -> "_publish_lock":
        import fcntl

        self.fh = open(self.path, "a")
        fcntl.flock(self.fh, fcntl.LOCK_EX)
        return self

    def __exit__(self, *exc: Any) -> None:
        import fcntl

        fcntl.flock(self.fh, fcntl.LOCK_UN)
        self.fh.close()


def _inputs(data: Any) -> list[str] | None:
    if data is None:
        return None
    items = [data] if isinstance(data, (str, os.PathLike)) else list(data)
    return [str(p) for p in items]


def _clean_stale_staging(out: Path) -> None:
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


def _read_manifest(path: Path) -> dict | None:
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None


def _atomic_write(path: Path, text: str) -> None:
    tmp = path.with_name(f".{path.name}.{uuid.uuid4().hex[:8]}.tmp")
    tmp.write_text(text, encoding="utf-8")
    os.replace(tmp, path)


def _select(specs: list, only: str | Sequence[str] | None) -> list:
    if not only:
        return specs
    wanted = [only] if isinstance(only, str) else list(only)
    chosen = [s for s in specs if s.name in wanted or s.slug in wanted]
    unknown = [w for w in wanted if not any(w in (s.name, s.slug) for s in specs)]
    if unknown:
        raise PlanError(f"--only {unknown}: no such report; expected one of {[s.name for s in specs]}")
    return chosen


def write_index(out: Path) -> Path:
    """(Re)write ``OUT/index.html`` from the newest date's manifest, listing earlier runs."""
    from workbench import render

    manifests = []
    for d in sorted(p for p in out.iterdir() if p.is_dir() and not p.name.startswith(".")):
        m = _read_manifest(d / "manifest.json")
        if m:
            manifests.append(m)
    index = out / "index.html"
    if not manifests:
        return index
    latest = manifests[-1]
    _atomic_write(index, render.index_page(latest, other_runs=reversed(manifests[:-1])))
    return index


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
) -> RunResult:
    """Run every report of a plan and publish the results atomically.

    Returns a ``RunResult``; ``result.exit_code`` is non-zero when any report failed.
    Raises ``PlanError``/``ParameterError`` before anything runs when the plan is invalid
    (more than ``max_reports`` reports, default ``config.SETTINGS.max_reports``, is
    invalid too). ``notebooks_dir`` is for tests with fixture notebooks; a plan cannot
    name a folder. A run that the machine stops (disk full, permission denied) raises a
    one-line :class:`~workbench.errors.OperatorError` and is listed under
    ``failed_runs`` in that date's ``manifest.json`` when there is room to write it.
    """
    from workbench.plan import load_plan

    t_start = time.perf_counter()
    _skip_slow_optional_imports()
    specs = _select(load_plan(plan_path, notebooks_dir=notebooks_dir, max_reports=max_reports), only)
    date_str = _check_options(engine, jobs, timeout, as_of)
    # Absolute from here on: executors run in their own working directory.
    out = (Path(out) if out else config.REPORTS).resolve()
    run_id = f"{date_str}T{dt.datetime.now(dt.timezone.utc).strftime('%H%M%S')}-{uuid.uuid4().hex[:6]}"
    run = {"run_id": run_id, "as_of": date_str, "t_start": t_start, "plan_path": plan_path, "data": data,
           "out": out, "only": only, "jobs": jobs, "timeout": timeout, "engine": engine,
           "scheduler": scheduler, "kernel": kernel_name}
    try:
        return _run(specs, run)
    except (OSError, OperatorError) as exc:
        error = exc if isinstance(exc, OperatorError) else operator_error(
            exc, doing=f"writing the reports under {out}", fix="re-run `workbench report`")
        _record_failed_run(out / date_str, run, error)
        if error is exc:
            raise
        raise error from exc


def _record_failed_run(date_dir: Path, run: dict, error: BaseException) -> None:
    """Add a run that stopped to ``failed_runs`` of the date's manifest; skipped when there is no room."""
    path = date_dir / "manifest.json"
    doc = _read_manifest(path) or {"run_id": None, "as_of": run["as_of"], "reports": []}
    started = dt.datetime.fromtimestamp(time.time() - (time.perf_counter() - run["t_start"]), dt.timezone.utc)
    doc.setdefault("failed_runs", []).append({
        "run_id": run["run_id"], "started": started.isoformat(timespec="seconds"),
        "finished": dt.datetime.now(dt.timezone.utc).isoformat(timespec="seconds"),
        "error": str(error)})
    try:
        date_dir.mkdir(parents=True, exist_ok=True)
        _atomic_write(path, json.dumps(doc, indent=2, default=str))
    except OSError:
        pass  # no room even for this: stderr has the error


def _check_only_data(date_dir: Path, only: Any, fingerprint: str | None, store: Path | None) -> None:
    """``--only`` updates some pages of a date's run: refuse when the data differ from that run's."""
    old = _read_manifest(date_dir / "manifest.json") or {}
    old_data = old.get("data") or {}
    if not old.get("reports") or old_data.get("fingerprint") in (None, fingerprint):
        return
    names = [only] if isinstance(only, str) else list(only)
    raise PlanError(
        f"--only {', '.join(names)}: the other pages of {date_dir.name} were built from other data "
        f"(fingerprint {str(old_data.get('fingerprint'))[:16]}, store {old_data.get('store')}); this run's "
        f"data is {str(fingerprint)[:16]} ({store}). Run the whole plan without --only, or pass the "
        f"same --data as that run.")


def _run(specs: list, run: dict) -> RunResult:
    """The body of :func:`run_plan` after the plan and options are checked."""
    out, date_str, run_id = run["out"], run["as_of"], run["run_id"]
    jobs, timeout, engine, only = run["jobs"], run["timeout"], run["engine"], run["only"]
    kernel = run["kernel"] or ensure_kernel()
    out.mkdir(parents=True, exist_ok=True)
    _clean_stale_staging(out)
    stage = out / f".staging-{run_id}"
    stage.mkdir()
    (stage / "runner.pid").write_text(str(os.getpid()))
    date_dir = out / date_str

    slots: list[_Slot] = []
    try:
        with _SignalGuard():
            store, raw = _resolve_data(run["data"])  # a store that fails its checks stops the run here
            if engine == "local":
                # Warm executors start now, so their imports overlap with data preparation.
                slots = [_Slot(stage, i) for i in range(min(jobs, len(specs)))]
                for slot in slots:
                    slot.spawn()
            built = raw is not None
            if built:
                store = _build_store(raw, stage)
            fingerprint = _fingerprint(store)
            if only:
                _check_only_data(date_dir, only, fingerprint, store)
            sources = _convert_notebooks(specs, stage, kernel)
            tasks = [
                {
                    "source_ipynb": str(sources[s.notebook][0]), "injected": sources[s.notebook][1],
                    "name": s.name, "slug": s.slug, "notebook": str(s.notebook), "audience": s.audience,
                    "parameters": s.parameters, "stage": str(stage), "store_dir": str(store) if store else "",
                    "run_id": run_id, "as_of": date_str, "timeout": float(timeout), "kernel": kernel,
                    "fingerprint": fingerprint, "data_date": _data_date(store),
                }
                for s in specs
            ]
            results: dict[str, dict] = {}
            if engine == "dask":
                results = _run_dask(tasks, jobs, run["scheduler"])
            else:
                results = _run_local(tasks, slots)
            # One lock for pages, manifest and index, so concurrent runs cannot interleave.
            with _publish_lock(out):
                outcomes = _publish(specs, results, stage, out, date_dir, store if built else None,
                                    only=bool(only))
                manifest_path, index_path = _write_manifest_and_index(
                    out, date_dir, run_id, date_str, run["t_start"], run["plan_path"], engine, jobs, timeout,
                    kernel, store, built, fingerprint, run["data"], outcomes, only=bool(only))
    finally:
        for slot in slots:
            slot.close()
        _kill_all_live()
        shutil.rmtree(stage, ignore_errors=True)
    return RunResult(run_id=run_id, as_of=date_str, out_dir=out, date_dir=date_dir, reports=outcomes,
                     manifest_path=manifest_path, index_path=index_path,
                     seconds=round(time.perf_counter() - run["t_start"], 3))


def _write_manifest_and_index(out: Path, date_dir: Path, run_id: str, date_str: str, t_start: float,
                              plan_path: Any, engine: str, jobs: int, timeout: float, kernel: str,
                              store: Path | None, built: bool, fingerprint: str | None, data: Any,
                              outcomes: list[ReportOutcome], *, only: bool) -> tuple[Path, Path]:
    manifest = {
        "run_id": run_id,
        "as_of": date_str,
        "started": dt.datetime.fromtimestamp(time.time() - (time.perf_counter() - t_start),
                                             dt.timezone.utc).isoformat(timespec="seconds"),
        "finished": dt.datetime.now(dt.timezone.utc).isoformat(timespec="seconds"),
        "seconds": round(time.perf_counter() - t_start, 3),
        "plan": str(plan_path or config.DEFAULT_PLAN),
        "engine": engine, "jobs": jobs, "timeout": timeout, "kernel": kernel,
        "data": {"store": str(date_dir / "_store") if built else (str(store) if store else None),
                 "fingerprint": fingerprint, "inputs": _inputs(data)},
        "versions": _versions(),
        "reports": [asdict(o) for o in outcomes],
    }
    if only:
        old = _read_manifest(date_dir / "manifest.json") or {}
        ran = {o.slug for o in outcomes}
        kept = [r for r in old.get("reports", []) if r.get("slug") not in ran]
        manifest["reports"] = kept + manifest["reports"]
    manifest_path = date_dir / "manifest.json"
    _atomic_write(manifest_path, json.dumps(manifest, indent=2, default=str))
    return manifest_path, write_index(out)


def _run_dask(tasks: list[dict], jobs: int, scheduler: str | None) -> dict[str, dict]:
    """Fan reports out to a dask.distributed cluster (a local thread cluster by default).

    Each dask task starts an executor process exactly as the local engine does, so the
    same timeouts and kill rules apply on the worker's machine. A remote scheduler's
    workers must see the same file system (the staging folder and the store).
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
        futures = {client.submit(_run_task, t, pure=False, key=f"report-{t['slug']}-{t['run_id']}"): t["slug"]
                   for t in tasks}
        results = {}
        for fut in dask_completed(list(futures)):
            slug = futures[fut]
            try:
                results[slug] = fut.result()
            except Exception as exc:  # noqa: BLE001 - a lost worker is a failed report
                results[slug] = {"status": "failed", "error": f"dask: {type(exc).__name__}: {exc}"}
        return results
    finally:
        client.close()
        if cluster is not None:
            cluster.close()


def _publish(specs: list, results: dict[str, dict], stage: Path, out: Path, date_dir: Path,
             built_store: Path | None, *, only: bool) -> list[ReportOutcome]:
    """Move finished pages into ``date_dir`` with ``os.replace``; keep old pages of failures."""
    date_dir.mkdir(parents=True, exist_ok=True)
    old = _read_manifest(date_dir / "manifest.json") or {}
    old_by_slug = {r.get("slug"): r for r in old.get("reports", [])}
    outcomes = []
    for spec in specs:
        res = results.get(spec.slug) or {"status": "failed", "error": "report did not run"}
        o = ReportOutcome(
            name=spec.name, slug=spec.slug, notebook=spec.notebook_name, audience=spec.audience,
            parameters=dict(spec.parameters), status=res.get("status", "failed"), error=res.get("error"),
            attempts=int(res.get("attempts") or 0), started=res.get("started"), finished=res.get("finished"),
            timings=res.get("timings") or {}, headline=res.get("headline"),
        )
        staged_html = stage / f"{spec.slug}.html"
        if o.ok and staged_html.is_file():
            os.replace(stage / f"{spec.slug}.ipynb", date_dir / f"{spec.slug}.ipynb")
            _atomic_write(date_dir / f"{spec.slug}.json", json.dumps(o.headline, default=str))
            os.replace(staged_html, date_dir / f"{spec.slug}.html")
            o.html, o.ipynb = f"{spec.slug}.html", f"{spec.slug}.ipynb"
        else:
            if o.ok:
                o.status, o.error = "failed", "no HTML was produced"
            prev = old_by_slug.get(spec.slug)
            if (date_dir / f"{spec.slug}.html").is_file():
                o.html = f"{spec.slug}.html"
                o.ipynb = f"{spec.slug}.ipynb" if (date_dir / f"{spec.slug}.ipynb").is_file() else None
                if prev:
                    o.previous = prev.get("previous") or {"run_id": old.get("run_id"), "finished": prev.get("finished")}
                    o.headline = o.headline or prev.get("headline")
            if o.error is None:
                o.error = "failed"
        outcomes.append(o)
    if not only:
        # The same date run again replaces that date's run: drop pages of reports no longer planned.
        keep = {s.slug for s in specs}
        for f in date_dir.iterdir():
            stale = f.suffix in (".html", ".ipynb", ".json") and f.stem not in keep
            if f.is_file() and stale and f.name != "manifest.json":
                f.unlink()
    if built_store is not None and built_store.is_dir():
        target = date_dir / "_store"
        if target.exists():
            trash = stage / "_old_store"
            os.replace(target, trash)
        os.replace(built_store, target)
    return outcomes


if __name__ == "__main__":
    if len(sys.argv) == 3 and sys.argv[1] == "--execute":
        sys.exit(_executor_main(sys.argv[2]))
    if len(sys.argv) == 3 and sys.argv[1] == "--serve":
        sys.exit(_serve_main(int(sys.argv[2])))
    print("usage: python -m workbench.report --execute TASK.json (internal; use `workbench report`)",
          file=sys.stderr)
    sys.exit(2)
