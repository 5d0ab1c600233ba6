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

Old against new in one process (fair under load): ``python perf/duty_areas.py --old REV
[--synthetic 1542] [--rounds 3]`` loads ``taxonomy`` and ``area_model`` as they were at
``REV`` (the taxonomy file of ``REV`` too) beside today's, with ``perf/extract_speed.py``'s
swapping, and alternates them over cold passes of ``extract_posting`` (every memo emptied
first), the corpus descriptions or the synthetic postings of ``extract_speed``; best of the
rounds, µs a posting, and the cold cost of ``classify_responsibility`` alone.
"""

from __future__ import annotations

import argparse
import csv
import importlib.util
import subprocess
import tempfile
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


MODULES = ("taxonomy", "area_model")


def _extract_speed():
    spec = importlib.util.spec_from_file_location("perf_extract_speed", HERE / "extract_speed.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _old_taxonomy_file(rev: str, folder: Path) -> Path:
    path = folder / "taxonomy.yaml"
    path.write_bytes(subprocess.run(["git", "-C", str(HERE.parent), "show", f"{rev}:src/workbench/data/taxonomy.yaml"],
                                    capture_output=True, check=True).stdout)
    return path


def _clear_memos(es, variants) -> None:
    """Every memo emptied, the old modules' too: lru caches, the taxonomies' word and verb-stem
    memos and the area models' token rows (the fitted weights are kept)."""
    import sys

    es.clear_caches(variants.old_modules)
    modules = [sys.modules[f"workbench.{m}"] for m in MODULES] + list(variants.old_modules)
    for module in modules:
        if hasattr(module, "load_taxonomy"):
            tax = module.load_taxonomy()
            tax.memo.clear()
            tax.stem_memo.clear()
            getattr(tax, "head_memo", {}).clear()
        for model in getattr(module, "_MODELS", {}).values():
            model._tokens.clear()
            model._used = 1


def _classify_pass(calls: list[tuple[str, str | None]]) -> float:
    from workbench import structure

    t0 = time.process_time()
    for text, context in calls:
        structure.classify_responsibility(text, context=context)
    return (time.process_time() - t0) * 1e3


def compare(rev: str, synthetic: int, rounds: int) -> dict[str, list[tuple[float, float]]]:
    """``{"old": [(µs a posting, ms classifying), ...], "new": [...]}``, alternated in one process."""
    import gc

    from workbench import structure, taxonomy
    from workbench.extract import extract_posting

    es = _extract_speed()
    postings = es._rows(es.synthetic_frame(synthetic, 1)) if synthetic else _postings()
    taxonomy.area_model.load_model(tuple(taxonomy.load_taxonomy().areas))
    calls: list[tuple[str, str | None]] = []
    real = structure.classify_responsibility
    structure.classify_responsibility = lambda text, language=None, *, context=None: (
        calls.append((text, context)) or real(text, language, context=context))
    for p in postings:
        extract_posting(p)
    structure.classify_responsibility = real
    with tempfile.TemporaryDirectory() as tmp:
        variants = es.Variants(rev, MODULES)
        for old in variants.old_modules:
            if old.__name__ == "workbench.taxonomy":
                old.TAXONOMY_PATH = _old_taxonomy_file(rev, Path(tmp))
                old.load_taxonomy.cache_clear()
                old.area_model.load_model(tuple(old.load_taxonomy().areas))
        print(f"{len(postings):,} postings, {len(calls):,} classifications; old modules from {rev}: "
              f"{', '.join(variants.changed) or 'none differ'}", flush=True)
        result: dict[str, list[tuple[float, float]]] = {"old": [], "new": []}
        for k in range(rounds):
            for which in (("old", "new") if k % 2 == 0 else ("new", "old")):
                variants.use(which)
                gc.disable()
                _clear_memos(es, variants)
                per_posting = _pass(postings)
                _clear_memos(es, variants)
                classify = _classify_pass(calls)
                gc.enable()
                result[which].append((per_posting, classify))
                print(f"round {k + 1} {which}: {per_posting:,.0f} us/posting cold, classifying {classify:,.1f} ms",
                      flush=True)
        variants.use("new")
    return result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--old", help="a git revision: time its taxonomy and area model against today's")
    parser.add_argument("--synthetic", type=int, default=0, help="synthetic postings instead of the corpus ones")
    parser.add_argument("--rounds", type=int, default=3)
    args = parser.parse_args()
    if not args.old:
        for r in run():
            print(f"{r['metric']:<32} {r['value']:>10} {r['unit']:<12} {r.get('note', '')}")
        return
    print(f"probe before {_probe() or 0:,.0f} strings/s", flush=True)
    result = compare(args.old, args.synthetic, args.rounds)
    print(f"probe after {_probe() or 0:,.0f} strings/s")
    for which, runs in result.items():
        print(f"{which}: best {min(r[0] for r in runs):,.0f} us/posting cold, "
              f"classifying best {min(r[1] for r in runs):,.1f} ms")


if __name__ == "__main__":
    main()
