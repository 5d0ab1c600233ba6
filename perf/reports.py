"""Benchmark: the report batch against its floor.

Floor: the time one report cannot avoid, i.e. start a kernel and import pandas,
statsmodels, seaborn and the workbench modules the notebooks use (best of 3, one kernel
at a time). With ``jobs=2`` on a 2-core machine, n reports cannot finish faster than
``ceil(n / 2) * floor``: that is the floor-based expectation, and the target is a batch
within 1.5x of it. The batch is the default plan (9 reports: 5 role benchmarks, the
comparison, pay by region, data quality, internal vs market) on the default data (``data/raw`` ingested
once into a temporary store, outside the timing), run exactly as ``workbench report`` runs it.

Machine load matters on a shared 2-core box, so the 1-minute load average at the start
and the end is reported beside the figures.

    python perf/reports.py
"""

from __future__ import annotations

import math
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

IMPORTS = ("import pandas, statsmodels.api, seaborn\n"
           "from workbench import bench, config, plots, reference, render")
JOBS = 2
REPEATS = 3


def _cpu() -> float:
    """CPU seconds used so far by this process and its reaped children (kernels, executors)."""
    import resource

    own = resource.getrusage(resource.RUSAGE_SELF)
    kids = resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + kids.ru_utime + kids.ru_stime


def kernel_floor(kernel_name: str, repeats: int = REPEATS) -> tuple[list[float], list[float]]:
    """Wall and CPU seconds from kernel start to the heavy imports being done."""
    from jupyter_client.manager import start_new_kernel

    times, cpus = [], []
    for _ in range(repeats):
        c0 = _cpu()
        t0 = time.perf_counter()
        km, kc = start_new_kernel(kernel_name=kernel_name, startup_timeout=120)
        try:
            reply = kc.execute_interactive(IMPORTS, timeout=300, silent=True)
            if reply["content"]["status"] != "ok":
                raise RuntimeError(f"imports failed in the kernel: {reply['content']}")
            times.append(time.perf_counter() - t0)
        finally:
            kc.stop_channels()
            km.shutdown_kernel(now=True)
        cpus.append(_cpu() - c0)  # the kernel is reaped by now, so its CPU is counted
    return times, cpus


def _load() -> float:
    try:
        return os.getloadavg()[0]
    except OSError:
        return float("nan")


def run() -> list[dict]:
    from workbench import config, pipeline, report

    load_start = _load()
    kernel = report.ensure_kernel()
    floors, floor_cpus = kernel_floor(kernel)
    floor = min(floors)
    floor_cpu = min(floor_cpus)
    cores = os.cpu_count() or 1

    with tempfile.TemporaryDirectory(prefix="wb-bench-reports-") as tmp:
        tmp = Path(tmp)
        raw = sorted(p for p in config.RAW.iterdir() if p.name != "incumbents")
        t0 = time.perf_counter()
        pipeline.run_ingest(raw, tmp / "store", progress=False)
        ingest_s = time.perf_counter() - t0

        c0 = _cpu()
        t0 = time.perf_counter()
        result = report.run_plan(config.DEFAULT_PLAN, data=tmp / "store", out=tmp / "out",
                                 jobs=JOBS, timeout=600, as_of="2026-11-23")
        batch = time.perf_counter() - t0
        batch_cpu = _cpu() - c0
    n = len(result.reports)
    ok = sum(r.ok for r in result.reports)
    expectation = math.ceil(n / JOBS) * floor
    walls = [r.timings.get("wall", float("nan")) for r in result.reports]
    executes = [r.timings.get("execute", float("nan")) for r in result.reports]
    renders = [r.timings.get("render", float("nan")) for r in result.reports]
    load_end = _load()
    load_note = f"1-min load average {load_start:.1f} at start, {load_end:.1f} at end, {os.cpu_count()} cores"
    return [
        {"metric": "report floor: kernel start + pandas/statsmodels/seaborn/workbench imports",
         "value": round(floor, 2), "unit": "s", "peer": "field notes: ~1.05 s kernel + 5-6 s imports",
         "peer_value": 6.5, "ratio": round(floor / 6.5, 2),
         "note": f"best of {len(floors)}: {', '.join(f'{t:.2f}' for t in floors)}; {load_note}"},
        {"metric": f"batch: {n} reports of the default plan, jobs={JOBS}",
         "value": round(batch, 1), "unit": "s",
         "peer": f"floor-based expectation ceil({n}/{JOBS}) x floor", "peer_value": round(expectation, 1),
         "ratio": round(batch / expectation, 2),
         "note": f"target ratio <= 1.5; {ok}/{n} ok; {load_note}"},
        {"metric": "batch CPU time (runner + executors + kernels)", "value": round(batch_cpu, 1), "unit": "cpu-s",
         "peer": f"{n} x floor CPU ({floor_cpu:.2f} cpu-s)", "peer_value": round(n * floor_cpu, 1),
         "ratio": round(batch_cpu / (n * floor_cpu), 2),
         "note": "load-independent: what the batch costs beyond the unavoidable kernel + imports"},
        {"metric": f"batch on an idle {cores}-core machine (CPU time / min(cores, jobs))",
         "value": round(batch_cpu / min(cores, JOBS), 1), "unit": "s",
         "peer": "ceil(n/jobs) x floor CPU", "peer_value": round(math.ceil(n / JOBS) * floor_cpu, 1),
         "ratio": round(batch_cpu / min(cores, JOBS) / (math.ceil(n / JOBS) * floor_cpu), 2),
         "note": "estimate for an unshared machine, both sides in CPU time; target <= 1.5"},
        {"metric": "batch vs field-notes anchor (8 realistic reports, two at a time)",
         "value": round(batch, 1), "unit": "s", "peer": "field notes", "peer_value": 30.0,
         "ratio": round(batch / 30.0, 2), "note": load_note},
        {"metric": "per report: wall time in the runner (median)", "value": round(statistics.median(walls), 2),
         "unit": "s", "peer": "notebook execution incl. kernel start (median)",
         "peer_value": round(statistics.median(executes), 2),
         "ratio": round(statistics.median(walls) / statistics.median(executes), 2),
         "note": f"HTML export median {statistics.median(renders):.2f} s; executor start is the rest"},
        {"metric": "ingest of data/raw into the run's store (not in the batch time)",
         "value": round(ingest_s, 2), "unit": "s", "peer": "", "peer_value": None, "ratio": None,
         "note": "pipeline.run_ingest"},
    ]


if __name__ == "__main__":
    for row in run():
        print(row)
    sys.exit(0)
