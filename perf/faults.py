"""Benchmark: how fast a stopped ingest is gone, and how fast a huge plan is refused.

Stopping: a synthetic corpus of ``BENCH_FAULT_N`` postings (default 200,000) is ingested
by the real ``workbench ingest`` (every core, default chunk size) into a store that already
holds a small good version. Once the workers have written parts, the run is sent SIGTERM,
Ctrl-C (SIGINT to its process group) or SIGKILL. Each row gives the seconds from the signal
until the last process of the run is gone, and says whether the previous store was then
intact and readable (same manifest, every table read back with its manifest's row count)
and whether the staging folder was removed. The dask rows do the same with
``--engine dask`` (a LocalCluster).

Plans: the time ``plan.load_plan`` takes to refuse a 10^6-value ``expand`` (a ~3 MB file),
a 1000 x 1000 cross product and a 3 x 1000-key cross product (10^9), best of 3 in this
process, and the wall time of ``workbench report --plan`` refusing the first, process start
included.

    BENCH_FAULT_N=200000 python perf/faults.py
    BENCH_FAULT_N=4000 BENCH_FAULT_CHUNK=200 BENCH_FAULT_CASES=local:SIGTERM python perf/faults.py
"""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import psutil

BIN = Path(sys.executable).parent
WORKBENCH = str(BIN / "workbench")
CASES = [("local", "SIGTERM", False), ("local", "SIGINT", True), ("local", "SIGKILL", False),
         ("dask", "SIGTERM", False), ("dask", "SIGINT", True), ("dask", "SIGKILL", False)]


def _row(metric, value, unit, note, peer="", peer_value=None, ratio=None) -> dict:
    return {"metric": metric, "value": value, "unit": unit, "peer": peer, "peer_value": peer_value,
            "ratio": ratio, "note": note}


def _snapshot(root: Path) -> tuple[dict, dict]:
    from workbench import store

    manifest = store.read_manifest(root)
    counts = {name: len(frame) for name, frame in store.read_tables(store.TABLES, root).items()}
    return manifest, counts


def _stop_one(corpus: Path, root: Path, engine: str, name: str, group: bool, chunk: int) -> dict:
    """Start an ingest, signal it mid-run, time until every process of it is gone."""
    before_manifest, _ = _snapshot(root)
    old = set(root.glob(".staging-*"))
    proc = subprocess.Popen([WORKBENCH, "ingest", str(corpus), "--store", str(root), "--no-progress",
                             "--engine", engine, "--chunk-size", str(chunk)], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
                            text=True, start_new_session=True)
    t_start = time.perf_counter()
    parts = []
    while proc.poll() is None and len(parts) < 2:
        parts = [p for p in root.glob(".staging-*/postings/*.parquet") if p.parent.parent not in old]
        time.sleep(0.05)
    if proc.poll() is not None:
        raise RuntimeError(f"the {engine} run ended before it could be stopped: {proc.stderr.read()[-500:]}")
    tree = [psutil.Process(proc.pid), *psutil.Process(proc.pid).children(recursive=True)]
    workers = [p.pid for p in tree[1:] if "resource_tracker" not in _cmdline(p)]
    sig = getattr(signal, name)
    t0 = time.perf_counter()
    if group:
        os.killpg(proc.pid, sig)
    else:
        proc.send_signal(sig)
    gone = _gone_times(tree, t0, timeout=30)
    proc.communicate(timeout=60)
    alive = [p for p in tree if p.pid not in gone]
    parent_gone = gone.get(proc.pid, float("nan"))
    workers_gone = max((gone.get(pid, float("nan")) for pid in workers), default=0.0)
    all_gone = max(gone.values(), default=float("nan"))
    manifest, counts = _snapshot(root)
    intact = manifest == before_manifest and counts == manifest["counts"]
    staging = sorted(p.name for p in set(root.glob(".staging-*")) - old)
    for leftover in staging:  # a killed parent leaves its staging for the next writer
        shutil.rmtree(root / leftover)
    how = "Ctrl-C (SIGINT to the group)" if group else name
    return _row(f"{engine} ingest, {how}: signal -> last process gone", round(all_gone, 2), "s",
                f"{len(workers)} workers (+{len(tree) - 1 - len(workers)} helper), signalled {t0 - t_start:.1f} s "
                f"in with {len(parts)}+ parts staged; workers gone in {workers_gone:.2f} s, parent in "
                f"{parent_gone:.2f} s, exit {proc.returncode}; left alive: {len(alive)}; "
                f"previous store intact and readable: {intact}; staging left: {len(staging)}",
                peer="target", peer_value=5.0, ratio=round(all_gone / 5.0, 2))


def _cmdline(proc: psutil.Process) -> str:
    try:
        return " ".join(proc.cmdline())
    except psutil.Error:
        return ""


def _gone_times(procs: list[psutil.Process], t0: float, timeout: float) -> dict[int, float]:
    """Seconds after ``t0`` at which each process stopped running (a zombie counts as gone)."""
    gone: dict[int, float] = {}
    deadline = time.perf_counter() + timeout
    while len(gone) < len(procs) and time.perf_counter() < deadline:
        for proc in procs:
            if proc.pid in gone:
                continue
            try:
                running = proc.is_running() and proc.status() != psutil.STATUS_ZOMBIE
            except psutil.NoSuchProcess:
                running = False
            if not running:
                gone[proc.pid] = time.perf_counter() - t0
        time.sleep(0.005)
    return gone


def _stopping_rows(n: int, chunk: int) -> list[dict]:
    rows = []
    with tempfile.TemporaryDirectory(prefix="wb-bench-faults-") as tmp:
        tmp_path = Path(tmp)
        t0 = time.perf_counter()
        subprocess.run([WORKBENCH, "synth", "--n", str(n), "--seed", "1", "--out", str(tmp_path / "big")],
                       check=True, capture_output=True)
        subprocess.run([WORKBENCH, "synth", "--n", "1000", "--seed", "2", "--out", str(tmp_path / "small")],
                       check=True, capture_output=True)
        subprocess.run([WORKBENCH, "ingest", str(tmp_path / "small"), "--store", str(tmp_path / "store"),
                        "--no-progress"], check=True, capture_output=True)
        print(f"# corpus of {n:,} and the previous store ready in {time.perf_counter() - t0:.1f} s",
              file=sys.stderr)
        wanted = os.environ.get("BENCH_FAULT_CASES")  # e.g. "local:SIGTERM,dask:SIGKILL"; default all
        cases = [c for c in CASES if not wanted or f"{c[0]}:{c[1]}" in wanted.split(",")]
        for engine, name, group in cases:
            rows.append(_stop_one(tmp_path / "big", tmp_path / "store", engine, name, group, chunk))
    for row in rows:
        row["note"] = f"N={n:,} postings, chunks of {chunk:,}; " + row["note"]
    return rows


def _plan_files(folder: Path) -> dict[str, Path]:
    thousand = ", ".join(map(str, range(1000)))
    bodies = {
        "10^6-value expand (file of ~3 MB)": "{level: [" + ", ".join("1" for _ in range(1_000_000)) + "]}",
        "1000 x 1000 cross product": f"{{level: [{thousand}], label: [{thousand}]}}",
        "3 keys x 1000 values (10^9)": f"{{a: [{thousand}], b: [{thousand}], c: [{thousand}]}}",
    }
    files = {}
    for i, (name, expand) in enumerate(bodies.items()):
        path = folder / f"plan{i}.yaml"
        path.write_text(f"reports:\n  - notebook: role_benchmark\n    expand: {expand}\n", encoding="utf-8")
        files[name] = path
    return files


def _plan_rows() -> list[dict]:
    from workbench import plan
    from workbench.errors import PlanError

    rows = []
    with tempfile.TemporaryDirectory(prefix="wb-bench-plans-") as tmp:
        files = _plan_files(Path(tmp))
        for name, path in files.items():
            times = []
            for _ in range(3):
                t0 = time.perf_counter()
                try:
                    plan.load_plan(path)
                    raise RuntimeError(f"{name} was accepted")
                except PlanError:
                    times.append(time.perf_counter() - t0)
            rows.append(_row(f"refuse a plan: {name}", round(min(times), 4), "s",
                             "plan.load_plan, best of 3", peer="target", peer_value=1.0,
                             ratio=round(min(times), 4)))
        first = next(iter(files.values()))
        t0 = time.perf_counter()
        done = subprocess.run([WORKBENCH, "report", "--plan", str(first), "--out", str(Path(tmp) / "out")],
                              capture_output=True, text=True)
        wall = time.perf_counter() - t0
        rows.append(_row("refuse a plan: 10^6-value expand, `workbench report` wall time", round(wall, 2), "s",
                         f"process start included; exit {done.returncode}: {done.stderr.strip()[:90]}",
                         peer="target", peer_value=1.0, ratio=round(wall, 2)))
    return rows


def run() -> list[dict]:
    n = int(os.environ.get("BENCH_FAULT_N", "200000"))
    chunk = int(os.environ.get("BENCH_FAULT_CHUNK", "10000"))  # the ingest command's default
    return _plan_rows() + _stopping_rows(n, chunk)


if __name__ == "__main__":
    for r in run():
        print(r)
