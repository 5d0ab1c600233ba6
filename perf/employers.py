"""Benchmark: the employer key, alone, counting employers, and inside the benchmark table.

``employer_key`` runs on every distinct company name that disclosure control counts.
This script times it on team-made names in English, Russian and Chinese (stems written
here, crossed with the legal forms, places, brackets and group words the key folds), cold
(first sight of each name) and warm (the per-process cache), and what resolving the names
as one list (``employer_groups``) adds; then, on 10^6 records whose
companies are drawn from those names and with the key cache emptied first, the distinct
employers as disclosure control counts them (``disclosure.employer_codes``: the key once
per distinct name) against a per-row DuckDB Python UDF, and the whole benchmark table.

    python perf/employers.py
"""

from __future__ import annotations

import os
import random
import sys
import tempfile
import time
from pathlib import Path

import numpy as np
import pandas as pd

sys.path.insert(0, str(Path(__file__).resolve().parent))
import aggregate  # noqa: E402  (the synthetic store writer and the product's table)

from workbench import disclosure, employers  # noqa: E402

N_RECORDS = 1_000_000
N_NAMES = 20_000
REPEATS = 3
_LATIN = ["Acme", "Blue Finch", "Northlight", "Copperleaf", "Harlow Vane", "Saltmarsh"]
_LATIN_TAILS = ["", " Ltd", " Limited", " UK", " (Europe)", " Holdings", " Group plc", " - London",
                " GmbH", " LLC", ", Inc.", " International"]
_RU = ["Ромашка", "Кедровый берег", "Северный ветер", "Парус"]
_RU_TAILS = ["", " (Москва)", ", г. Москва", " Групп"]
_ZH = ["星河数据科技", "云杉智能", "青柚文化传媒", "白鹭物流"]
_ZH_HEADS = ["", "上海", "北京市"]
_ZH_TAILS = ["有限公司", "(集团)有限公司", "", "有限公司深圳分公司"]


def company_names(n: int, seed: int = 0) -> list[str]:
    """``n`` distinct employer names: about 70% Latin, 15% Russian, 15% Chinese."""
    rng = random.Random(seed)
    names = []
    for i in range(n):
        draw = rng.random()
        if draw < 0.70:
            names.append(f"{rng.choice(_LATIN)} {i} Media{rng.choice(_LATIN_TAILS)}")
        elif draw < 0.85:
            names.append(f"ООО «{rng.choice(_RU)} {i}»{rng.choice(_RU_TAILS)}")
        else:
            names.append(f"{rng.choice(_ZH_HEADS)}{rng.choice(_ZH)}{i}{rng.choice(_ZH_TAILS)}")
    return names


def _clear_caches() -> None:
    employers._reading.cache_clear()
    employers._latin.cache_clear()


def _key_times(names: list[str]) -> tuple[float, float]:
    """(cold, warm) CPU microseconds per name, best of REPEATS."""
    employers.employer_key("Acme Ltd 上海 Ромашка")  # load the word lists and converters
    cold = warm = float("inf")
    for _ in range(REPEATS):
        _clear_caches()
        start = time.process_time()
        employers.employer_keys(names)
        cold = min(cold, time.process_time() - start)
        start = time.process_time()
        employers.employer_keys(names)
        warm = min(warm, time.process_time() - start)
    return cold / len(names) * 1e6, warm / len(names) * 1e6


def _groups_time(names: list[str]) -> float:
    """CPU microseconds per name for ``employer_groups`` over the whole list, keys cached
    (what the list adds to the key: sound-alike, acronym, cut and Cyrillic look-ups)."""
    employers.employer_keys(names)
    best = float("inf")
    for _ in range(REPEATS):
        start = time.process_time()
        employers.employer_groups(names)
        best = min(best, time.process_time() - start)
    return best / len(names) * 1e6


def write_store(store: Path, n_records: int, names: list[str]) -> None:
    """The aggregate benchmark's synthetic store, companies drawn from ``names`` (5% blank)."""
    from workbench import store as store_module

    aggregate.synthetic_store(n_records, store)
    version = store_module.open_version(store).path
    records = pd.read_parquet(version / "records")
    salaries = pd.read_parquet(version / "salaries")
    rng = np.random.default_rng(1)
    company = np.array(names, dtype=object)[rng.integers(0, len(names), n_records)]
    company[rng.random(n_records) < 0.05] = None
    records["company"] = pd.Series(company, dtype="str")
    with store_module.Transaction(store) as tx:  # a new version of the store, partial tables as they are
        tx.add(store_module.write_tables({"records": records, "salaries": salaries}, tx.staging, validate=False))
        tx.commit()


def _records(store: Path) -> str:
    from workbench import store as store_module

    files = ", ".join("'" + f.as_posix().replace("'", "''") + "'" for f in store_module.part_files("records", store))
    return f"read_parquet([{files}])"


def count_by_codes(store: Path) -> int:
    """Distinct employers over the records the way disclosure control counts them."""
    from workbench import store as store_module

    version = store_module.open_version(store).path
    codes = disclosure.employer_codes(pd.read_parquet(version / "records", columns=["company"])["company"])
    return len(np.unique(codes[codes >= 0]))


def count_by_udf(store: Path) -> int:
    """The same count with a per-row DuckDB Python UDF (the peer)."""
    import duckdb

    con = duckdb.connect()
    con.create_function("employer_key", employers.employer_key, [duckdb.sqltype("VARCHAR")],
                        duckdb.sqltype("VARCHAR"), null_handling="special")
    return con.execute("SELECT count(DISTINCT employer_key(company)) FROM "
                       f"{_records(store)}").fetchone()[0]


def _best_cold(fn) -> float:
    best = float("inf")
    for _ in range(REPEATS):
        _clear_caches()
        start = time.perf_counter()
        fn()
        best = min(best, time.perf_counter() - start)
    return best


def run(n_records: int = N_RECORDS, n_names: int = N_NAMES) -> list[dict]:
    names = company_names(n_names)
    cold, warm = _key_times(names)
    load = f"load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores"
    rows = [
        {"metric": f"employer_key, first sight of each of {n_names:,} names",
         "value": round(cold, 1), "unit": "cpu-us/name", "note": f"70% Latin, 15% Russian, 15% Chinese; {load}"},
        {"metric": "employer_key, cached (a name seen before)", "value": round(warm, 2),
         "unit": "cpu-us/name", "note": "per-process LRU cache"},
        {"metric": f"employer_groups over {n_names:,} names, keys cached", "value": round(_groups_time(names), 2),
         "unit": "cpu-us/name", "note": "the list's look-ups on top of the key"},
    ]
    with tempfile.TemporaryDirectory(prefix="wb-bench-employers-") as tmp:
        store = Path(tmp)
        write_store(store, n_records, names)
        if count_by_codes(store) != count_by_udf(store):
            raise AssertionError("disclosure control and the UDF count different employers")
        joined = _best_cold(lambda: count_by_codes(store))
        per_row = _best_cold(lambda: count_by_udf(store))
        table = _best_cold(lambda: aggregate.product_table(store))
    rows += [
        {"metric": f"distinct employers in {n_records:,} records, key cache empty",
         "value": round(joined, 3), "unit": "s", "peer": "per-row DuckDB Python UDF",
         "peer_value": round(per_row, 3), "ratio": round(per_row / joined, 2) if joined else None,
         "note": f"ours: key once per distinct name (read + count); best of {REPEATS}"},
        {"metric": f"benchmark table, {n_records:,} records, {n_names:,} employer names, cache empty",
         "value": round(table, 3), "unit": "s",
         "note": f"pay_points + market_percentiles, no bootstrap (perf/aggregate.py); best of {REPEATS}; {load}"},
    ]
    return rows


if __name__ == "__main__":
    result = pd.DataFrame(run())
    with pd.option_context("display.width", 200, "display.max_colwidth", 80):
        print(result.to_string(index=False))
