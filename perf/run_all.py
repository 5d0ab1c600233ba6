"""`make bench`: run every benchmark script and print one table.

Each script in this folder exposes ``run() -> list[dict]`` with rows of
``metric, value, unit, peer, peer_value, ratio, note``. A script that fails is
shown as a failed row with its error; it never hides the others' figures.
Environment: BENCH_N sets the posting count of the scale runs (default 1,000,000);
BENCH_FAULT_N the size of the ingest that perf/faults.py stops (default 200,000).
"""

from __future__ import annotations

import importlib.util
import json
import os
import platform
import sys
import time
import traceback
from pathlib import Path

HERE = Path(__file__).resolve().parent
SCRIPTS = ["salary", "places", "ingest", "memory", "report_memory", "aggregate", "employers",
           "reports", "faults"]


def _load(name: str):
    spec = importlib.util.spec_from_file_location(name, HERE / f"{name}.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _fmt(value) -> str:
    if value is None or value == "":
        return "-"
    if isinstance(value, float):
        if abs(value) >= 100:
            return f"{value:,.0f}"
        return f"{value:.3g}"
    if isinstance(value, int):
        return f"{value:,}"
    return str(value)


def main(argv: list[str]) -> int:
    # Names as listed in SCRIPTS; the former bench_<name> spelling is accepted too.
    only = {a.removeprefix("bench_") for a in argv} or None
    rows: list[dict] = []
    started = time.perf_counter()
    for name in SCRIPTS:
        if only and name not in only:
            continue
        if not (HERE / f"{name}.py").exists():
            rows.append({"script": name, "metric": "(missing)", "note": "script not found"})
            continue
        t0 = time.perf_counter()
        try:
            for row in _load(name).run():
                rows.append({"script": name, **row})
        except Exception as exc:  # one failing benchmark never hides the others
            traceback.print_exc()
            rows.append({"script": name, "metric": "(failed)", "note": f"{type(exc).__name__}: {exc}"})
        print(f"# {name}: {time.perf_counter() - t0:.1f} s", file=sys.stderr)
    cols = ["script", "metric", "value", "unit", "peer", "peer_value", "ratio", "note"]
    table = [[_fmt(r.get(c)) for c in cols] for r in rows]
    widths = [max(len(c), *(len(t[i]) for t in table)) if table else len(c) for i, c in enumerate(cols)]
    print(f"machine: {platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}")
    print("  ".join(c.ljust(w) for c, w in zip(cols, widths)))
    print("  ".join("-" * w for w in widths))
    for t in table:
        print("  ".join(v.ljust(w) for v, w in zip(t, widths)))
    print(f"total {time.perf_counter() - started:.0f} s")
    out = HERE / "out"
    out.mkdir(exist_ok=True)
    (out / "latest.json").write_text(json.dumps(rows, indent=2, default=str), encoding="utf-8")
    failed = [r for r in rows if r.get("metric") == "(failed)"]
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
