"""Benchmark: peak memory and wall time of the default report plan on a big store (issue 22).

The store: ``BENCH_REPORT_SEED_N`` synthetic postings (default 20,000; ``workbench.synth``)
go through the real ingest and extraction (``pipeline.run_ingest``), and their Parquet parts
are then repeated until the store holds ``BENCH_REPORT_N`` postings (default 10^6): each copy
gets new posting ids, record ids and fingerprints, every other value and the parts' contract
marks stay as ingest wrote them. So the tables have the real columns, widths and texts
(descriptions, record JSON, duty lines) at 10^6 rows, built in about a minute instead of the
hour a 10^6 ingest takes on a busy 2-core machine (``perf/ingest.py`` measures that one).
``BENCH_REPORT_STORE`` names an existing store to use instead.

Then the real ``workbench report --data STORE`` runs the default plan with the default jobs
as a child process, and a thread samples the resident memory of that child and all its
descendants (the runner, the executors, the kernels) every 50 ms with psutil
(``perf/memory.py``'s sampler). The figure is the largest sum seen; forked processes share
pages, so the sum overstates real use. Budgets (issue 22): under 4,000 MB and under 120 s on
this 2-core machine. Before: 17 GB within 28 s (each kernel loaded whole tables into
pandas). The machine-speed probe (``perf/ingest.py``) is timed just before the report run.

With ``BENCH_REPORT_EACH`` (report names, comma-separated, or ``all``) each named report
is then also run alone (``--only NAME --jobs 1``) and its own peak and wall are reported
beside the plan's: which page holds the most.

    python perf/report_memory.py
    BENCH_REPORT_N=100000 python perf/report_memory.py
    BENCH_REPORT_STORE=/tmp/store BENCH_REPORT_EACH=all python perf/report_memory.py
"""

from __future__ import annotations

import importlib.util
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
MB = 1_000_000
BUDGET_MB = 4000.0
BUDGET_S = 120.0
BEFORE_MB = 17000.0  # issue 22: passed 17 GB within 28 s, default jobs
AS_OF = "2026-11-23"


def _sibling(name: str):
    spec = importlib.util.spec_from_file_location(f"perf_{name}", HERE / f"{name}.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _renamed(table, copy: int):
    """``table`` with its ids made unique to ``copy`` (the last four hex digits replaced)."""
    import pyarrow as pa
    import pyarrow.compute as pc

    def hex_id(column, width: int):
        kind = column.type
        return pc.binary_join_element_wise(pc.utf8_slice_codeunits(column, 0, width - 4),
                                           pa.scalar(f"{copy:04x}", kind), pa.scalar("", kind))

    for name, width in (("posting_id", 16), ("fingerprint", 64)):
        if name in table.column_names:
            table = table.set_column(table.column_names.index(name), name, hex_id(table[name], width))
    if "record_id" in table.column_names:  # "<posting_id>:<n>"
        rid = table["record_id"]
        new = pc.binary_join_element_wise(hex_id(pc.utf8_slice_codeunits(rid, 0, 16), 16),
                                          pc.utf8_slice_codeunits(rid, 16), pa.scalar("", rid.type))
        table = table.set_column(table.column_names.index("record_id"), "record_id", new)
    return table


def tile_store(seed: Path, copies: int, target: Path) -> None:
    """Write ``copies`` renamed copies of every part of store ``seed`` as one version of ``target``."""
    import hashlib

    import pyarrow as pa
    import pyarrow.parquet as pq

    from workbench import store

    version = store.open_version(seed)
    with store.Transaction(target) as tx:
        for name in store.TABLES:
            (tx.staging / name).mkdir()
            files = version.files(name)
            for i, path in enumerate(files):
                table = pq.read_table(path)  # keeps the contract marks of the schema
                for copy in range(copies):
                    sink = pa.BufferOutputStream()
                    pq.write_table(_renamed(table, copy), sink, compression="zstd")
                    data = sink.getvalue()
                    file = f"part-{copy * len(files) + i:05d}.parquet"
                    (tx.staging / name / file).write_bytes(memoryview(data))
                    tx.add({name: {file: {"rows": table.num_rows, "bytes": data.size,
                                          "sha256": hashlib.sha256(memoryview(data)).hexdigest()}}})
        tx.commit(extra={"tiled_from": str(seed), "copies": copies})


def build_store(n: int, seed_n: int, folder: Path) -> Path:
    """Ingest ``seed_n`` synthetic postings, then repeat their parts up to ``n`` postings."""
    import warnings

    from workbench import pipeline, synth

    raw = folder / "raw"
    seed_n = min(seed_n, n)
    synth.write(seed_n, seed=1, out_dir=raw, shard_size=min(25_000, seed_n))  # under the 50 MB file limit
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # FX fallback warnings, one per posting
        pipeline.run_ingest(raw, folder / "seed", chunk_size=10_000, progress=False)
    tile_store(folder / "seed", -(-n // seed_n), folder / "store")
    return folder / "store"


def measure(store: Path, out: Path, extra: tuple[str, ...] = ()) -> dict:
    """Run ``workbench report --data STORE --out OUT`` (default plan and jobs, then ``extra``
    options); peak tree RSS and time."""
    memory = _sibling("memory")
    command = [*memory._workbench(), "report", "--data", str(store), "--out", str(out), "--as-of", AS_OF,
               "--no-progress", *extra]  # every report's line and time on stdout
    started = time.perf_counter()
    child = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    sampler = memory.TreePeak(child.pid).start()
    stdout, stderr = child.communicate()
    sampler.stop()
    seconds = time.perf_counter() - started
    if child.returncode != 0:
        raise RuntimeError(f"workbench report failed ({child.returncode}): {(stdout + stderr).strip()[-600:]}")
    lines = stdout.strip().splitlines()
    slowest = max(lines[:-1], key=_report_seconds, default="")
    return {"peak_mb": sampler.peak / MB, "seconds": seconds, "samples": sampler.samples,
            "summary": f"{lines[-1].split(' -> ')[0]}; slowest: {' '.join(slowest.split()[1:])}"}


def _report_seconds(line: str) -> float:
    """The seconds of one report line of ``workbench report`` ('ok  Name (12.3 s)')."""
    try:
        return float(line.rsplit("(", 1)[1].split(" s)")[0])
    except (IndexError, ValueError):
        return 0.0


PLAN_REPORTS = ("Account Executive / Coordinator", "Account Manager", "Senior / Key Account Manager",
                "Account Director", "Group Account Director / Client Services Director / Head of Accounts",
                "Role comparison", "Pay by region", "Data quality",
                "Internal vs market")


def each_report(store: Path, out: Path, names: list[str], postings: int) -> list[dict]:
    """Each named report run alone (``--only NAME --jobs 1``): its peak tree RSS and wall."""
    rows = []
    for name in names:
        load = os.getloadavg()[0]
        result = measure(store, out, ("--only", name, "--jobs", "1"))
        rows.append({"metric": f"{name} alone, {postings:,}-posting store: peak RSS of the process tree",
                     "value": round(result["peak_mb"], 1), "unit": "MB", "peer": "", "peer_value": None,
                     "ratio": None, "note": f"wall {result['seconds']:.1f} s; 1-min load {load:.1f} at start; "
                                            f"{result['summary']}"})
    return rows


def _each_names() -> list[str]:
    wanted = os.environ.get("BENCH_REPORT_EACH", "").strip()
    if wanted.lower() == "all":
        return list(PLAN_REPORTS)
    return [n.strip() for n in wanted.split(",") if n.strip()]


def _postings(store: Path) -> int:
    from workbench import store as store_module

    return int(store_module.connect(store).execute("select count(*) from postings").fetchone()[0])


def run() -> list[dict]:
    """Build (or reuse) the store, run the default plan on it and report peak MB and wall seconds."""
    n = int(os.environ.get("BENCH_REPORT_N", "1000000"))
    seed_n = int(os.environ.get("BENCH_REPORT_SEED_N", "20000"))
    given = os.environ.get("BENCH_REPORT_STORE")
    probe = _sibling("ingest")._probe
    with tempfile.TemporaryDirectory(prefix="bench_report_memory_") as tmp:
        tmp = Path(tmp)
        store = Path(given) if given else build_store(n, seed_n, tmp)
        postings = _postings(store)
        speed = probe()
        load = os.getloadavg()[0]
        result = measure(store, tmp / "out")
        each = each_report(store, tmp / "each", _each_names(), postings)
    context = (f"{postings:,} postings, default plan, default jobs (2), as of {AS_OF}; "
               f"probe {speed or 0:,.0f} strings/s just before; 1-min load {load:.1f} at start; "
               f"{result['samples']} samples; {result['summary']}")
    return [
        {"metric": f"default report plan, {postings:,}-posting store: peak RSS of the process tree",
         "value": round(result["peak_mb"], 1), "unit": "MB", "peer": f"budget {BUDGET_MB:,.0f} MB",
         "peer_value": BUDGET_MB, "ratio": round(result["peak_mb"] / BUDGET_MB, 3),
         "note": f"before: {BEFORE_MB:,.0f} MB within 28 s; {context}"},
        {"metric": f"default report plan, {postings:,}-posting store: wall",
         "value": round(result["seconds"], 1), "unit": "s", "peer": f"budget {BUDGET_S:.0f} s",
         "peer_value": BUDGET_S, "ratio": round(result["seconds"] / BUDGET_S, 3), "note": context},
        *each,
    ]


if __name__ == "__main__":
    for row in run():
        print(row)
    sys.exit(0)
