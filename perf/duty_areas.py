"""Benchmark: extraction of real postings with the area model (issue 23, areas).

One pass of ``extract_posting`` over corpus descriptions (the first 500 of
linkedin_us and uk_ads and the first 165 of hh_ru that load; read in memory from
``../shared/corpora``, nothing written), CPU time on one core, in a fresh process:

* ``first pass``: every line and token new to the process (the area model's
  per-token memo and the classification cache empty), the model itself already
  loaded, as in a long ingest after its first posting;
* ``second pass``: the same postings again with the classification cache cleared
  but the token memo warm;
* ``model load``: reading the fitted weights (from ``config.MODEL_CACHE``, or
  training them when the cache is cold: the first run after the lines change);
* the machine-speed probe of ``perf/ingest.py`` just before.

Compare against main by running the same script in a checkout of main (the
script does not depend on the area model). Run: ``python perf/duty_areas.py``.
"""

from __future__ import annotations

import csv
import importlib.util
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
LIMITS = {"linkedin_us": 500, "uk_ads": 500, "hh_ru": 165}


def _probe() -> float | None:
    spec = importlib.util.spec_from_file_location("perf_ingest", HERE / "ingest.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module._probe(1.5)


def _postings() -> list[dict]:
    from workbench import config
    from workbench.eval_duties import CORPORA

    csv.field_size_limit(1 << 30)
    out = []
    for name, limit in LIMITS.items():
        spec = CORPORA[name]
        path = config.CORPORA / spec.file
        with path.open(encoding="utf-8", newline="") as handle:
            for k, row in enumerate(csv.DictReader(handle)):
                if k >= limit:
                    break
                out.append({"text": row[spec.text_column], "title": row[spec.fields["title"]]})
    return out


def _pass(postings: list[dict]) -> float:
    from workbench.extract import extract_posting

    t0 = time.process_time()
    for p in postings:
        extract_posting(p)
    return (time.process_time() - t0) / len(postings) * 1e6


def run() -> list[dict]:
    """Rows of the benchmark table (see the module notes)."""
    from workbench import taxonomy

    postings = _postings()
    probe = _probe()
    t0 = time.process_time()
    model = getattr(taxonomy, "area_model", None)
    if model is not None:
        model.load_model(tuple(taxonomy.load_taxonomy().areas))
    load = time.process_time() - t0
    first = _pass(postings)
    taxonomy._classify_cached.cache_clear()
    second = _pass(postings)
    note = f"{len(postings)} corpus descriptions, CPU time, 1 core; probe {probe or 0:,.0f} strings/s"
    rows = [{"metric": "extract_posting, first pass", "value": round(first), "unit": "us/posting", "note": note},
            {"metric": "extract_posting, second pass", "value": round(second), "unit": "us/posting", "note": note}]
    if model is not None:
        rows.append({"metric": "area model load", "value": round(load, 2), "unit": "s CPU", "note": note})
    return rows


if __name__ == "__main__":
    for r in run():
        print(f"{r['metric']:<32} {r['value']:>10} {r['unit']:<12} {r.get('note', '')}")
