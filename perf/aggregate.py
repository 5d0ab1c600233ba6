"""Benchmark: the benchmark table at 10^4, 10^5 and 10^6 records, as the product builds it.

Builds synthetic extracted tables (records + salaries, one Parquet part each) in a
temporary store and times the product path (``bench.pay_points`` +
``bench.market_percentiles`` without the bootstrap, best of 3) at each size. The peer is
DuckDB over the same Parquet parts: the same base-pay rule (first usable base mention,
midpoint, a one-sided range counts as its stated end), type-7 quantiles and the same
employer counts (the key once per distinct name, joined in SQL). It was the product's
``bench.fast_table`` until the renovation: it left the product because nothing in the
product called it and it could not be the one implementation (no bootstrap interval, no
uniform range spread, one current rate instead of each mention's dated rate). Both are
checked to give the same table. Growth ratios show how time scales with size.

    python perf/aggregate.py
"""

from __future__ import annotations

import os
import tempfile
import time
from pathlib import Path

import numpy as np
import pandas as pd

from workbench import bench, employers, store as store_module

SIZES = (10_000, 100_000, 1_000_000)
REPEATS = 3
BY = ("role_family", "role_level")
_CHECKED = ["n", "n_sources", "p10", "p25", "p50", "p75", "p90"]


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
        "masked": rng.random(n) < 0.05, "currency": "GBP",
        "annual_low": mid - width / 2, "annual_high": mid + width / 2,
    })
    k = n * 3 // 10
    pick = rng.choice(n, k, replace=False)
    extra = pd.DataFrame({
        "record_id": rid.iloc[pick].to_numpy(), "idx": 1,
        "component": rng.choice(["ote", "bonus", "car_allowance"], k), "masked": False,
        "currency": "GBP", "annual_low": mid[pick] * 0.2, "annual_high": mid[pick] * 0.3,
    })
    salaries = pd.concat([base, extra], ignore_index=True)
    from workbench import store as store_module

    # Partial tables (only the columns the benchmark reads): written unvalidated.
    with store_module.Transaction(store) as tx:
        tx.add(store_module.write_tables({"records": records, "salaries": salaries}, tx.staging,
                                         validate=False))
        tx.commit()


def product_table(store: Path, by=BY) -> pd.DataFrame:
    """The percentile table the product builds from the store's records and salaries."""
    version = store_module.open_version(store).path
    tables = bench.Tables(records=pd.read_parquet(version / "records"),
                          salaries=pd.read_parquet(version / "salaries"))
    return bench.market_percentiles(bench.pay_points(tables, currency="GBP"), by=by, n_boot=0)


def _parquet(store: Path, name: str) -> str:
    files = ", ".join("'" + f.as_posix().replace("'", "''") + "'"
                      for f in store_module.open_version(store).files(name))
    return f"read_parquet([{files}], union_by_name = true)"


def duckdb_peer(store: Path, by=BY) -> pd.DataFrame:
    """The same table in DuckDB (GBP stores only): counts and type-7 quantiles per cell."""
    import duckdb
    import pyarrow as pa

    con = duckdb.connect()
    rec, sal = _parquet(store, "records"), _parquet(store, "salaries")
    names = [n for (n,) in con.execute(f"SELECT DISTINCT company FROM {rec} WHERE company IS NOT NULL").fetchall()]
    con.register("employer_keys", pa.table({"company": pa.array(names, pa.string()),
                                            "employer": pa.array(employers.employer_keys(names), pa.string())}))
    base = ", ".join(f"'{c}'" for c in sorted(bench.BASE_COMPONENTS))
    cols = ", ".join(f'"{c}"' for c in by)
    query = f"""
    WITH base AS (
        SELECT record_id, arg_min((coalesce(lo, hi) + coalesce(hi, lo)) / 2, idx) AS v
        FROM (SELECT *, CASE WHEN isfinite(annual_low) AND annual_low > 0 THEN annual_low END AS lo,
                        CASE WHEN isfinite(annual_high) AND annual_high > 0 THEN annual_high END AS hi
              FROM {sal})
        WHERE NOT coalesce(masked, false) AND (component IS NULL OR lower(trim(component)) IN ({base}))
          AND (lo IS NOT NULL OR hi IS NOT NULL)
        GROUP BY record_id),
    pts AS MATERIALIZED (SELECT {cols}, k.employer, b.v FROM base b JOIN {rec} r USING (record_id)
                         LEFT JOIN employer_keys k ON k.company = r.company)
    SELECT {cols}, count(*) AS n, count(DISTINCT employer) AS n_sources,
           quantile_cont(v, [0.1, 0.25, 0.5, 0.75, 0.9]) AS qs
    FROM pts GROUP BY ALL ORDER BY {cols}
    """
    out = con.execute(query).df()
    for i, q in enumerate((10, 25, 50, 75, 90)):
        out[f"p{q}"] = out["qs"].map(lambda qs, i=i: qs[i])
    return out.drop(columns=["qs"])


def same_table(ours: pd.DataFrame, peer: pd.DataFrame, by=BY) -> bool:
    """Same counts everywhere, and the same quantiles in every cell the product shows."""
    shown = ours[~ours["suppressed"].astype(bool)]
    merged = ours.merge(peer, on=list(by), suffixes=("", "_peer"))
    counts = (merged["n"] == merged["n_peer"]).all() and (merged["n_sources"] == merged["n_sources_peer"]).all()
    cells = shown.merge(peer, on=list(by), suffixes=("", "_peer"))
    close = all(np.allclose(cells[c].astype(float), cells[f"{c}_peer"].astype(float)) for c in _CHECKED[2:])
    return bool(counts and close and len(merged) == len(ours) == len(peer))


def _best(fn, repeats=REPEATS) -> float:
    times = []
    for _ in range(repeats):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return min(times)


def _row(n: int, ours: float, peer: float, same: bool) -> dict:
    note = f"by={','.join(BY)}; same table as the peer: {same}"
    if n == SIZES[-1]:
        note += f"; load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores"
    return {"metric": f"benchmark table, {n:,} records (best of {REPEATS})", "value": round(ours, 4),
            "unit": "s", "peer": "DuckDB over the Parquet parts", "peer_value": round(peer, 4),
            "ratio": round(peer / ours, 2) if ours else None, "note": note}


def run(sizes=SIZES) -> list[dict]:
    rows: list[dict] = []
    timings = {}
    with tempfile.TemporaryDirectory(prefix="wb-perf-") as tmp:
        for n in sizes:
            store = Path(tmp) / f"n{n}"
            synthetic_store(n, store)
            same = same_table(product_table(store), duckdb_peer(store))
            timings[n] = _best(lambda: product_table(store))
            rows.append(_row(n, timings[n], _best(lambda: duckdb_peer(store)), same))
    for small, large in zip(sizes, sizes[1:]):
        rows.append({
            "metric": f"benchmark table growth {small:,} -> {large:,}",
            "value": round(timings[large] / timings[small], 2), "unit": "x", "peer": "linear",
            "peer_value": large / small, "ratio": round((timings[large] / timings[small]) / (large / small), 3),
            "note": "time ratio for a 10x larger store; below 10 means sub-linear",
        })
    return rows


if __name__ == "__main__":
    result = pd.DataFrame(run())
    with pd.option_context("display.width", 200, "display.max_colwidth", 60):
        print(result.to_string(index=False))
