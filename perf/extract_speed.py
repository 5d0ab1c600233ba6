"""Whole-posting extraction: old code against new in one process, and an equality check.

Speed (``time``): ``extract_posting`` over postings, CPU time on one core, µs a posting,
with the project's modules as they stand ("new") and, in turn in the same process, the
modules that differ at a git revision ("old": their source at ``--old`` is loaded beside
the new one and swapped in by name wherever the new one's functions are referenced).
Each round runs both in turn (the order alternates): a cold pass (every memo and
per-line cache emptied, the area model and the one-off loaders kept: they are loaded
by 50 postings first, so an import is not counted as a posting's) and a warm pass of
the same postings again. The best of the rounds is reported, with the machine-speed probe of
``perf/ingest.py`` before and after. Both sides run the ``.py`` files (``WORKBENCH_PURE=1`` is
set unless given): the compiled salary build's modules could not be swapped.

    python perf/extract_speed.py time --old main --rounds 3 [--synthetic 3000] [--corpus]

Instructions (``count``): the same old/new comparison counted in machine instructions by
valgrind's callgrind, which a loaded host does not disturb (wall and CPU time swing ±30% between
rounds there; the count repeats to ~0.1%). The script runs itself under valgrind with
instrumentation off until the postings are loaded and the one-off loaders have run, then counts
each pass alone (cold: memos emptied; warm: the same postings again), old and new in turn. It
needs valgrind, its headers and a C compiler (a five-line helper is built in a temporary folder
to start and stop the count from Python); 100 postings take about 3-4 minutes:

    python perf/extract_speed.py count --old main --synthetic 3000 --take 100 [--corpus]

Instructions are not time (a cache miss or a branch costs more than an add), but a change that
saves instructions in Python code saves time in proportion; check a large one with ``time``.

Equality (``save`` / ``check``): the tables of ``extract_frame`` (exact, every column)
on the corpus postings (the linkedin_us, uk_ads, hh_ru, glassdoor and cn_boss files read
by ingest) and on synthetic postings (``synth.write`` then ingest), saved by one tree and
compared by another:

    python perf/extract_speed.py save /tmp/ref --synthetic 10000
    python perf/extract_speed.py check /tmp/ref --synthetic 10000

Corpus text is read from ``../shared/corpora`` and written only under the temporary folder.
"""

from __future__ import annotations

import argparse
import functools
import gc
import importlib.util
import os
import pickle
import subprocess
import sys
import tempfile
import time
import types
from pathlib import Path

# Old code is loaded from its .py source beside the new, so the new side must run its .py files
# too: with the compiled salary build the new side would be C and the swap would not reach it
# (README, "Compiled modules"). The count and time children inherit this.
os.environ.setdefault("WORKBENCH_PURE", "1")

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
CACHE = Path(tempfile.gettempdir()) / "workbench-extract-speed"
CORPUS_FILES = ("linkedin_us/postings_linkedin_kaggle_subset.csv", "uk_ads/adzuna_uk_data_jobs.csv",
                "hh_ru/hh_ru_vacancies.csv", "glassdoor/glassdoor_jobs.csv", "cn_boss/boss_python_jobs.csv")


def _probe() -> float | None:
    spec = importlib.util.spec_from_file_location("perf_ingest", HERE / "ingest.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module._probe(1.5)


# --------------------------------------------------------------------------- postings

def _cached_frame(name: str, build):
    CACHE.mkdir(parents=True, exist_ok=True)
    path = CACHE / f"{name}.pkl"
    if path.exists():
        return pickle.loads(path.read_bytes())
    frame = build()
    path.write_bytes(pickle.dumps(frame))
    return frame


def corpus_frame():
    """The corpus files read by ingest (the postings table)."""
    from workbench import config
    from workbench.ingest import ingest_paths

    return _cached_frame("corpus", lambda: ingest_paths([config.CORPORA / f for f in CORPUS_FILES],
                                                        progress=False).postings)


def synthetic_frame(n: int, seed: int = 1):
    """``n`` synthetic postings written by ``synth.write`` and read by ingest."""
    from workbench import synth
    from workbench.ingest import ingest_paths

    def build():
        with tempfile.TemporaryDirectory() as tmp:
            paths = synth.write(n, seed, tmp)
            return ingest_paths(paths, progress=False).postings
    return _cached_frame(f"synthetic-{n}-{seed}", build)


def _rows(frame) -> list[dict]:
    from workbench.extract import _POSTING_FIELDS

    used = [c for c in frame.columns if str(c) in _POSTING_FIELDS]
    return [dict(zip(used, values)) for values in zip(*(frame[c].tolist() for c in used))]


def duty_area_postings() -> list[dict]:
    """The 830 corpus descriptions of ``perf/duty_areas.py`` (text and title only)."""
    spec = importlib.util.spec_from_file_location("perf_duty_areas", HERE / "duty_areas.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module._postings()


# --------------------------------------------------------------------------- old code beside new

OWNED = ("gates", "text", "sections", "role_titles", "roles", "timealloc", "extract", "structure", "role_split",
         "requirements", "places", "markets")


def _swappable(value) -> bool:
    return isinstance(value, (types.FunctionType, type, types.ModuleType, functools._lru_cache_wrapper))


# The salary engine's modules (a sub-package: "salary.scan" is src/workbench/salary/scan.py).
SALARY = ("salary.numbers", "salary.shapes", "salary.build", "salary.scan")


class Variants:
    """The new modules and their source at ``rev``, swapped in by name in every loaded module."""

    def __init__(self, rev: str, names: tuple[str, ...] | None = None) -> None:
        names = (*OWNED, *SALARY) if names is None else names
        self.new_to_old: dict[int, object] = {}
        self.old_to_new: dict[int, object] = {}
        self.old_modules: list[types.ModuleType] = []
        for name in names:
            path = f"src/workbench/{name.replace('.', '/')}.py"
            now = (ROOT / path).read_text(encoding="utf-8")
            then = subprocess.run(["git", "-C", str(ROOT), "show", f"{rev}:{path}"],
                                  capture_output=True, text=True, check=True).stdout
            if now != then:
                self._load(f"workbench.{name}", then, rev)
        for old in self.old_modules:  # old modules see each other, not the new ones
            self._replace(old.__dict__, self.new_to_old)
        self.changed = [m.__name__ for m in self.old_modules]

    def _load(self, modname: str, source: str, rev: str) -> None:
        new = importlib.import_module(modname)
        old = types.ModuleType(modname)
        old.__package__ = modname.rpartition(".")[0]
        old.__file__ = f"<{rev}>/{modname}"
        exec(compile(source, old.__file__, "exec"), old.__dict__)
        self.old_modules.append(old)
        pairs = [(new, old)] + [(v, old.__dict__[k]) for k, v in vars(new).items()
                                if _swappable(v) and k in old.__dict__ and getattr(v, "__module__", None) == modname]
        for n, o in pairs:
            self.new_to_old[id(n)] = o
            self.old_to_new[id(o)] = n

    @staticmethod
    def _replace(namespace: dict, mapping: dict[int, object]) -> None:
        for key, value in list(namespace.items()):
            if _swappable(value):
                repl = mapping.get(id(value))
                if repl is not None:
                    namespace[key] = repl

    def use(self, which: str) -> None:
        """Swap ``old`` or ``new`` in, in every loaded workbench module."""
        mapping = self.new_to_old if which == "old" else self.old_to_new
        for name, module in list(sys.modules.items()):
            if name.startswith("workbench") and module is not None:
                self._replace(module.__dict__, mapping)


def clear_caches(extra: list[types.ModuleType] = ()) -> None:
    """Empty every per-text memo: lru caches bigger than a loader's, the salary field memo,
    the area model's token rows and the taxonomy's verb stems (the fitted model is kept)."""
    from workbench import area_model, structure, taxonomy
    from workbench.salary import clear_field_cache

    modules = [m for n, m in list(sys.modules.items()) if n.startswith("workbench") and m is not None]
    for module in [*modules, *extra]:
        for value in list(vars(module).values()):
            if isinstance(value, functools._lru_cache_wrapper):
                size = value.cache_info().maxsize
                if size is not None and size > 8:
                    value.cache_clear()
    for module in [*modules, *extra]:
        if module.__name__ == "workbench.roles":  # the title matches per snippet
            module._SNIPPET_MATCHES.clear()
    clear_field_cache()
    for module in extra:  # an old salary module's own memos (the field results, currency marks)
        for name in ("_FIELD_CACHE", "_CUR_CACHE"):
            memo = vars(module).get(name)
            if isinstance(memo, dict):
                memo.clear()
    for model in area_model._MODELS.values():
        model._tokens.clear()
        model._used = 1
    for tax in [taxonomy.load_taxonomy()]:
        tax.stem_memo.clear()
    structure._last_structured = (None, "")


def _pass(postings: list[dict]) -> float:
    import workbench.extract as extract

    run = extract.extract_posting
    gc.disable()
    try:
        t0 = time.process_time()
        for p in postings:
            run(p)
        return (time.process_time() - t0) / len(postings) * 1e6
    finally:
        gc.enable()


def time_variants(postings: list[dict], rev: str, rounds: int) -> dict[str, list[tuple[float, float]]]:
    """``{"old": [(cold, warm), ...], "new": [...]}`` µs a posting, alternated in one process."""
    variants = Variants(rev)
    print(f"old modules from {rev}: {', '.join(variants.changed) or 'none differ'}", flush=True)
    out: dict[str, list[tuple[float, float]]] = {"old": [], "new": []}
    for r in range(rounds):
        for which in (("old", "new") if r % 2 == 0 else ("new", "old")):
            variants.use(which)
            clear_caches(variants.old_modules)
            cold = _pass(postings)
            warm = _pass(postings)
            out[which].append((cold, warm))
            print(f"round {r + 1} {which}: cold {cold:,.0f} warm {warm:,.0f} us/posting", flush=True)
    variants.use("new")
    return out


# --------------------------------------------------------------------------- equality

# --------------------------------------------------------------------------- instruction counts

_CALLGRIND_HELPER = r"""
#include <valgrind/callgrind.h>
void cg_start(void) { CALLGRIND_START_INSTRUMENTATION; }
void cg_stop(void) { CALLGRIND_STOP_INSTRUMENTATION; }
void cg_toggle(void) { CALLGRIND_TOGGLE_COLLECT; }
void cg_zero(void) { CALLGRIND_ZERO_STATS; }
void cg_dump(const char *s) { CALLGRIND_DUMP_STATS_AT(s); }
"""


def _callgrind_helper(folder: Path) -> Path:
    src = folder / "cgctl.c"
    lib = folder / "libcgctl.so"
    src.write_text(_CALLGRIND_HELPER)
    subprocess.run(["cc", "-O2", "-shared", "-fPIC", "-o", str(lib), str(src)], check=True)
    return lib


def count_variants(postings: list[dict], rev: str, lib: str) -> None:
    """Run under callgrind (``count`` starts it): each pass counted and dumped alone."""
    import ctypes

    cg = ctypes.CDLL(lib)
    variants = Variants(rev)
    print(f"old modules from {rev}: {', '.join(variants.changed) or 'none differ'}", flush=True)
    extract = sys.modules["workbench.extract"]
    for which in ("old", "new"):  # each variant's own one-off loaders, before counting
        variants.use(which)
        for p in postings[:20]:
            extract.extract_posting(p)
    gc.disable()
    cg.cg_start()
    for which in ("old", "new", "old", "new"):
        variants.use(which)
        clear_caches(variants.old_modules)
        for label in ("cold", "warm"):
            run = extract.extract_posting
            cg.cg_zero()
            cg.cg_toggle()
            for p in postings:
                run(p)
            cg.cg_toggle()
            cg.cg_dump(f"{which} {label}".encode())
    cg.cg_stop()
    variants.use("new")


def count(args) -> int:
    """``count``: this script again under callgrind, then the dumps read and compared."""
    import shutil

    if not shutil.which("valgrind") or not shutil.which("cc"):
        print("count needs valgrind (with its headers) and a C compiler")
        return 2
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        lib = _callgrind_helper(folder)
        out = folder / "callgrind.out"
        argv = [sys.executable, __file__, "_count", "--old", args.old, "--seed", str(args.seed),
                "--synthetic", str(args.synthetic), "--take", str(args.take), "--lib", str(lib)]
        if args.corpus:
            argv.append("--corpus")
        subprocess.run(["valgrind", "--tool=callgrind", "--instr-atstart=no", "--collect-atstart=no",
                        f"--callgrind-out-file={out}", *argv], check=True, stderr=subprocess.DEVNULL)
        counts: dict[str, list[int]] = {}
        for dump in sorted(folder.glob("callgrind.out.*"), key=lambda f: int(f.suffix[1:])):
            text = dump.read_text(errors="replace")
            label = next(line.rsplit("Client Request: ", 1)[-1] for line in text.splitlines()
                         if line.startswith("desc: Trigger"))
            total = next(int(line.split()[1]) for line in text.splitlines() if line.startswith("totals:"))
            counts.setdefault(label, []).append(total)
    n = args.take
    for label in ("cold", "warm"):
        old, new = counts[f"old {label}"], counts[f"new {label}"]
        print(f"{label}: old {min(old) / n:,.0f} new {min(new) / n:,.0f} instructions a posting "
              f"({min(new) / min(old) - 1:+.2%}; passes old {', '.join(f'{c / n:,.0f}' for c in old)}, "
              f"new {', '.join(f'{c / n:,.0f}' for c in new)})")
    return 0


def _tables(frame) -> dict:
    from workbench.extract import extract_frame

    return extract_frame(frame)


def _frames(args) -> dict:
    frames = {"corpus": corpus_frame()}
    if args.synthetic:
        frames[f"synthetic-{args.synthetic}-{args.seed}"] = synthetic_frame(args.synthetic, args.seed)
    return frames


def save(folder: Path, args) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    for name, frame in _frames(args).items():
        tables = _tables(frame)
        (folder / f"{name}.pkl").write_bytes(pickle.dumps(tables))
        print(f"{name}: {len(frame):,} postings, {len(tables['records']):,} records saved", flush=True)


def check(folder: Path, args) -> int:
    import pandas as pd

    bad = 0
    for name, frame in _frames(args).items():
        ref = pickle.loads((folder / f"{name}.pkl").read_bytes())
        now = _tables(frame)
        for table, expected in ref.items():
            try:
                pd.testing.assert_frame_equal(now[table], expected, check_exact=True)
            except AssertionError as exc:
                bad += 1
                print(f"{name} {table}: DIFFERS\n{str(exc)[:2000]}")
        print(f"{name}: {len(frame):,} postings, {len(now['records']):,} records, "
              f"{sum(len(t) for t in now.values()):,} rows compared", flush=True)
    print("identical" if not bad else f"{bad} tables differ")
    return 1 if bad else 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("command", choices=("time", "save", "check", "count", "_count"))
    parser.add_argument("folder", nargs="?", type=Path)
    parser.add_argument("--old", default="main")
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--synthetic", type=int, default=0)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--corpus", action="store_true", help="time the 830 corpus descriptions")
    parser.add_argument("--take", type=int, default=100, help="count: the first N postings")
    parser.add_argument("--lib", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.command == "count":
        return count(args)
    if args.command == "save":
        save(args.folder, args)
        return 0
    if args.command == "check":
        return check(args.folder, args)
    postings = duty_area_postings() if args.corpus or not args.synthetic else []
    if args.synthetic:
        postings += _rows(synthetic_frame(args.synthetic, args.seed))
    import workbench.ingest  # noqa: F401  (imported by the first raw-HTML check: 0.3 s CPU, not a posting's)
    from workbench import taxonomy
    from workbench.extract import extract_posting

    taxonomy.area_model.load_model(tuple(taxonomy.load_taxonomy().areas))
    for posting in postings[:50]:  # one-off loaders (word lists, gazetteer, converters); caches are emptied later
        extract_posting(posting)
    if args.command == "_count":  # under callgrind (``count``)
        count_variants(postings[:args.take], args.old, args.lib)
        return 0
    print(f"{len(postings):,} postings; probe before {_probe() or 0:,.0f} strings/s", flush=True)
    result = time_variants(postings, args.old, args.rounds)
    print(f"probe after {_probe() or 0:,.0f} strings/s")
    for which, runs in result.items():
        print(f"{which}: best cold {min(c for c, _ in runs):,.0f}, best warm {min(w for _, w in runs):,.0f} us/posting")
    return 0


if __name__ == "__main__":
    sys.exit(main())
