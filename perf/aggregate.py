"""Benchmark: the DuckDB benchmark table (`bench.fast_table`) at 10^4, 10^5 and 10^6 records.

Builds synthetic extracted tables (records + salaries, one Parquet part each) in a temporary
store, times `fast_table` (best of 3) at each size, and times a pandas peer on the same data
(read the two Parquet tables, pick the first base mention per record, group-by quantiles,
counts and company share). Growth ratios show how time scales with size.

    python bench/bench_aggregate.py
"""

from __future__ import annotations

import os
import tempfile
import time
from pathlib import Path

import numpy as np
import pandas as pd

from workbench import bench

SIZES = (10_000, 100_000, 1_000_000)
REPEATS = 3
BY = ("role_family", "role_level")


def synthetic_store(n: int, store: Path, seed: int = 0) -> None:
    """Write ``n`` records and about 1.3 n salary mentions as store parts."""
    rng = np.random.default_rng(seed)
    level = rng.integers(1, 6, n)
    family = rng.choice(["account_management", "sales", "client_services"], n)
    rid = pd.Series(np.arange(n)).map("{:012d}:0".format)
    records = pd.DataFrame({
        "record_id": rid, "posting_id": rid.str[:12], "company": rng.integers(0, 2000, n).astype(str),
        "country": rng.choice(["GB", "US", "DE"], n), "role_family": family, "role_level": level,
        "experience_min": rng.integers(0, 10, n).astype(float),
    })
    mid = 22000 * 1.25 ** level * rng.lognormal(0, 0.15, n)
    width = rng.uniform(0, 0.2, n) * mid
    base = pd.DataFrame({
        "record_id": rid, "idx": 0, "component": rng.choice(["base", "unspecified"], n, p=[0.8, 0.2]),
        "masked": rng.random(n) < 0.05, "reporting_currency": "GBP",
        "annual_low_rc": mid - width / 2, "annual_high_rc": mid + width / 2,
    })
    k = n * 3 // 10
    pick = rng.choice(n, k, replace=False)
    extra = pd.DataFrame({
        "record_id": rid.iloc[pick].to_numpy(), "idx": 1,
        "component": rng.choice(["ote", "bonus", "car_allowance"], k), "masked": False,
        "reporting_currency": "GBP", "annual_low_rc": mid[pick] * 0.2, "annual_high_rc": mid[pick] * 0.3,
    })
    salaries = pd.concat([base, extra], ignore_index=True)
    from workbench import store as store_module

    # Partial tables (only the columns the benchmark reads): written unvalidated.
    with store_module.Transaction(store) as tx:
        tx.add(store_module.write_tables({"records": records, "salaries": salaries}, tx.staging,
                                         validate=False))
        tx.commit()


def pandas_peer(store: Path, by=BY) -> pd.DataFrame:
    """Same table with pandas: first usable base mention, group-by quantiles and counts."""
    from workbench import store as store_module

    version = store_module.open_version(store).path  # the published version's table folders
    sal = pd.read_parquet(version / "salaries", columns=[
        "record_id", "idx", "component", "masked", "annual_low_rc", "annual_high_rc"])
    rec = pd.read_parquet(version / "records", columns=["record_id", "company", *by])
    usable = (~sal["masked"].fillna(False) & sal["component"].isin(["base", "unspecified"])
              & (sal["annual_low_rc"].notna() | sal["annual_high_rc"].notna()))
    sal = sal[usable]
    lo = sal["annual_low_rc"].fillna(sal["annual_high_rc"])
    hi = sal["annual_high_rc"].fillna(sal["annual_low_rc"])
    sal = sal.assign(v=(lo + hi) / 2).sort_values(["record_id", "idx"]).drop_duplicates("record_id")
    pts = sal[["record_id", "v"]].merge(rec, on="record_id")
    g = pts.groupby(list(by))
    q = g["v"].quantile([0.1, 0.25, 0.5, 0.75, 0.9]).unstack()
    stats = g.agg(n=("v", "size"), n_sources=("company", "nunique"), mean=("v", "mean"))
    top = pts.groupby([*by, "company"]).size().groupby(level=list(range(len(by)))).max()
    return stats.join(q).assign(top_share=top / stats["n"]).reset_index()


def _best(fn, repeats=REPEATS) -> float:
    times = []
    for _ in range(repeats):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return min(times)


def run() -> list[dict]:
    rows: list[dict] = []
    timings = {}
    with tempfile.TemporaryDirectory(prefix="wb-bench-") as tmp:
        for n in SIZES:
            store = Path(tmp) / f"n{n}"
            synthetic_store(n, store)
            fast = _best(lambda: bench.fast_table(store, by=BY))
            peer = _best(lambda: pandas_peer(store))
            timings[n] = fast
            rows.append({
                "metric": f"fast_table {n:,} records (best of {REPEATS})", "value": round(fast, 4),
                "unit": "s", "peer": "pandas groupby-quantile", "peer_value": round(peer, 4),
                "ratio": round(peer / fast, 2) if fast else None,
                "note": f"by={','.join(BY)}; target < 2 s at 1,000,000; "
                        f"load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores"
                        if n == SIZES[-1] else f"by={','.join(BY)}",
            })
    for small, large in zip(SIZES, SIZES[1:]):
        rows.append({
            "metric": f"fast_table growth {small:,} -> {large:,}",
            "value": round(timings[large] / timings[small], 2), "unit": "x", "peer": "linear",
            "peer_value": large / small, "ratio": round((timings[large] / timings[small]) / (large / small), 3),
            "note": "time ratio for a 10x larger store; below 10 means sub-linear",
        })
    return rows


if __name__ == "__main__":
    result = pd.DataFrame(run())
    with pd.option_context("display.width", 200, "display.max_colwidth", 60):
        print(result.to_string(index=False))
