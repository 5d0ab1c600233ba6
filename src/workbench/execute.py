"""One report in an executor process: run the notebook with papermill, then publish its page.

This is the child side of :mod:`workbench.executor`. An executor process is started as
``python -m workbench.execute --serve PARENT_PID`` (a warm executor: papermill and
nbconvert imported once, then one task path per line of stdin) or ``--execute
TASK.json`` (one report, the dask engine's unit of work). It asks Linux to kill it when
the runner dies; each report gets its own kernel, which exits when its parent goes.

Success is decided from papermill's exception and a second look at the executed
notebook (:func:`verify_executed`), never from the output notebook alone: a killed
kernel or a timeout leaves a notebook that looks complete. Failed kernel starts
(``ZMQError: Address already in use``, papermill #239/#511) are retried twice.
The outcome goes to ``<stage>/<slug>.result.json``.
"""

from __future__ import annotations

import json
import os
import sys
import threading
import time
import traceback
from pathlib import Path
from typing import Any

from workbench import config
from workbench.runs import Run

__all__ = ["DONE_TOKEN", "INJECTED", "describe_error", "execute", "is_kernel_start_failure",
           "skip_slow_optional_imports", "verify_executed"]

# What the runner sets in a notebook that declares it; ``incumbents_file`` is ``--incumbents`` ("" = the bundled file).
INJECTED = ("store_dir", "output_dir", "run_id", "as_of", "incumbents_file")
START_RETRIES = 2
DONE_TOKEN = b"@@workbench-report-done "


def skip_slow_optional_imports() -> None:
    """Keep jsonschema (via nbformat) from building an RFC 3987 grammar at import.

    With the optional rfc3987-syntax package present that costs ~2 s per process for an
    IRI check nbformat never uses; marking it unavailable makes jsonschema skip it.
    """
    sys.modules.setdefault("rfc3987_syntax", None)  # type: ignore[arg-type]


def is_kernel_start_failure(exc: BaseException) -> bool:
    """A kernel that failed to start (worth a retry), as opposed to a failing cell."""
    text = f"{type(exc).__name__}: {exc}"
    markers = ("Address already in use", "ZMQError", "Kernel died before replying to kernel_info",
               "Kernel didn't respond", "kernel_info", "Kernel failed to start")
    return any(m in text for m in markers) and "PapermillExecutionError" not in text


def describe_error(exc: BaseException) -> tuple[str, str]:
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


def verify_executed(nb: Any) -> str | None:
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


def header_meta(run: Run, headline: dict | None) -> dict[str, Any]:
    """The facts shown in a page's header: role, dates, n, audience, parameters, fingerprint, run id."""
    params = run.parameters
    meta: dict[str, Any] = {}
    level = params.get("level")
    if isinstance(level, int) and level in config.LEVELS:
        meta["role"] = f"Level {level}: {config.LEVELS[level]}"
    meta["data date"] = run.data_date or run.as_of
    meta["as of"] = run.as_of
    if headline and headline.get("n") is not None:
        meta["n"] = headline["n"]
    meta["audience"] = run.audience
    meta["parameters"] = params
    meta["data fingerprint"] = (run.fingerprint or "")[:16]
    meta["run id"] = run.run_id
    return meta


def _papermill(run: Run, params: dict[str, Any], out_nb: Path, work: Path) -> dict[str, Any]:
    """Execute the notebook, retrying a kernel that failed to start; status, error, attempts."""
    import papermill

    result: dict[str, Any] = {"status": "failed", "error": None, "attempts": 0}
    for attempt in range(1, START_RETRIES + 2):
        result["attempts"] = attempt
        try:
            papermill.execute_notebook(
                run.source, str(out_nb), parameters=params, kernel_name=run.kernel,
                execution_timeout=run.timeout, start_timeout=60, progress_bar=False,
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
            if attempt <= START_RETRIES and is_kernel_start_failure(exc):
                time.sleep(0.5 * attempt)
                continue
            result["status"], result["error"] = describe_error(exc)
            break
    return result


def _export(run: Run, executed: Any, headline: dict | None) -> tuple[str, str | None]:
    """Write the run's page into staging; (status, error)."""
    from workbench import publish

    try:
        from workbench.prepare import is_sample

        page = publish.export_html(executed, title=run.name, meta=header_meta(run, headline),
                                   audience=run.audience, sample=is_sample(run.store_dir))
        tmp = run.path(".html.tmp")
        tmp.write_text(page, encoding="utf-8")
        tmp.replace(run.path(".html"))
    except Exception as exc:  # noqa: BLE001
        return "failed", f"HTML export: {type(exc).__name__}: {exc}"
    return "ok", None


def execute(run: Run) -> dict[str, Any]:
    """Run one notebook and render it; called inside the executor process."""
    skip_slow_optional_imports()
    import nbformat

    from workbench import render

    t0 = time.perf_counter()
    work = run.path(".d")
    work.mkdir(parents=True, exist_ok=True)
    out_nb = run.path(".ipynb")
    declared = set(run.injected or INJECTED)
    injected = {"store_dir": run.store_dir or "", "output_dir": str(work), "run_id": run.run_id, "as_of": run.as_of,
                "incumbents_file": run.incumbents_file or ""}
    params = {**run.parameters, **{k: v for k, v in injected.items() if k in declared}}
    timings = {"prepare": round(time.perf_counter() - t0, 3)}

    # The exporter's imports (~1 s) overlap with the kernel's run instead of following it.
    threading.Thread(target=lambda: __import__("nbconvert.exporters.html"), daemon=True).start()
    t1 = time.perf_counter()
    result = _papermill(run, params, out_nb, work)
    timings["execute"] = round(time.perf_counter() - t1, 3)

    headline_path = work / render.HEADLINE_FILE
    headline = json.loads(headline_path.read_text(encoding="utf-8")) if headline_path.is_file() else None
    result["headline"] = headline
    if result["status"] == "ok":
        executed = nbformat.read(str(out_nb), as_version=4)
        problem = verify_executed(executed)
        if problem:
            result["status"], result["error"] = "failed", problem
    if result["status"] == "ok":
        t2 = time.perf_counter()
        result["status"], result["error"] = _export(run, executed, headline)
        timings["render"] = round(time.perf_counter() - t2, 3)
    timings["executor_total"] = round(time.perf_counter() - t0, 3)
    result["timings"] = timings
    return result


def execute_and_record(run: Run) -> dict[str, Any]:
    """:func:`execute`, with any failure reported; the outcome is written to ``<slug>.result.json``."""
    try:
        result = execute(run)
    except Exception as exc:  # noqa: BLE001 - reported as the report's failure
        result = {"status": "failed", "error": f"{type(exc).__name__}: {exc}",
                  "traceback": traceback.format_exc()[-2000:], "attempts": 0, "timings": {}}
    res_path = run.path(".result.json")
    tmp = res_path.with_suffix(".tmp")
    tmp.write_text(json.dumps(result, default=str), encoding="utf-8")
    tmp.replace(res_path)
    return result


def _read_task(path: str) -> tuple[Run, int]:
    task = json.loads(Path(path).read_text(encoding="utf-8"))
    return Run.from_task(task), int(task.get("parent_pid") or 0)


def executor_main(task_path: str) -> int:
    """One report, one process (the dask engine's unit of work)."""
    from workbench.lifecycle import set_parent_death_signal

    run, parent = _read_task(task_path)
    set_parent_death_signal(parent)
    return 0 if execute_and_record(run)["status"] == "ok" else 1


def serve_main(parent_pid: int) -> int:
    """A warm executor: import papermill and nbconvert once, then run tasks read from stdin.

    Each task still gets its own kernel; only the executor's own imports (~1.5 s of CPU
    a report) are shared. The runner kills and replaces an executor after a timeout.
    """
    from workbench.lifecycle import set_parent_death_signal

    set_parent_death_signal(parent_pid)
    skip_slow_optional_imports()
    import nbconvert.exporters.html  # noqa: F401 - warm imports
    import papermill  # noqa: F401

    from workbench import publish, render  # noqa: F401

    # Keep the protocol on a private copy of stdout and point fd 1 at the log, so that
    # nothing a kernel (which inherits fd 1) prints can get into the protocol stream.
    out = os.fdopen(os.dup(1), "wb")
    os.dup2(2, 1)
    for line in sys.stdin:
        path = line.strip()
        if not path:
            continue
        run, _ = _read_task(path)
        execute_and_record(run)
        out.write(DONE_TOKEN + run.slug.encode() + b"\n")
        out.flush()
    return 0


if __name__ == "__main__":
    if len(sys.argv) == 3 and sys.argv[1] == "--execute":
        sys.exit(executor_main(sys.argv[2]))
    if len(sys.argv) == 3 and sys.argv[1] == "--serve":
        sys.exit(serve_main(int(sys.argv[2])))
    print("usage: python -m workbench.execute --execute TASK.json | --serve PARENT_PID "
          "(internal; use `workbench report`)", file=sys.stderr)
    sys.exit(2)
