"""Goldens: committed outputs of today's engine, so any change shows its diff in review.

Six files under ``tests/goldens/`` (``config.GOLDENS``):

``salary_team.jsonl``
    every team-written string of ``data/labelled/**/*.csv`` (files with a ``text``
    column; sets that point into a corpus carry no text and are left out) in
    full, with the arguments it is parsed with and every mention
    :func:`workbench.salary.parse_salary` returns.
``salary_corpora.jsonl``
    corpus strings, by key and SHA-1 only (no corpus text): Glassdoor ``Salary
    Estimate`` and ``Job Description``, BOSS直聘 ``薪资``, and the descriptions
    of linkedin_us, hh_ru and uk_ads, each with its mentions' offsets and values.
``extraction_seeds.jsonl`` / ``extraction_corpora.jsonl`` / ``extraction_raw.jsonl``
    the five seeds, 200 dev-corpus postings and the embedded default data
    (``data/raw``, team-written) through the product path (ingest, extraction,
    bench pay point): one line per record with its role, pay, time-allocation
    shares and responsibility areas; ids, hashes, numbers and labels only. The
    200 are the first 50 tune-half postings of linkedin_us, hh_ru, uk_ads and
    glassdoor in the order of the SHA-1 of their keys.
``report_role_benchmark.html``
    one recruiter page (``role_benchmark``, level 2) rendered by a real
    ``workbench report`` run on ``tests/fixtures/report_postings``, with run
    ids, dates, timings, versions, cell ids and image bytes masked.

``python -m workbench.goldens refresh`` (``make goldens``) rewrites them;
``python -m workbench.goldens check`` and ``tests/test_goldens.py`` compare and
print a unified diff. The corpus parts need ``../shared`` (``WORKBENCH_SHARED``)
and the seeds part ``../shared/seeds``; without them those parts are skipped and
their files are left as they are.
"""

from __future__ import annotations

import argparse
import csv
import difflib
import hashlib
import json
import re
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import Callable, Iterable, Iterator

from workbench import config

__all__ = ["GOLDENS", "Golden", "build", "check", "refresh", "diff_lines", "normalise_report"]

# Mention fields stored for every string (corpus strings: never the span's text).
MENTION_FIELDS = ("start", "end", "low", "high", "currency", "period", "period_inferred",
                  "component", "gross", "months_per_year", "masked")
SALARY_FIELDS = ("field", "start", "end", "low", "high", "currency", "period", "component",
                 "annual_low", "annual_high")
SNAPSHOT_PER_CORPUS = 50
SNAPSHOT_CORPORA = ("linkedin_us", "hh_ru", "uk_ads", "glassdoor")
REPORT_FIXTURE = config.ROOT / "tests" / "fixtures" / "report_postings"
REPORT_AS_OF = "2026-03-16"


def _sha1(text: str) -> str:
    return hashlib.sha1(text.encode("utf-8")).hexdigest()[:12]


def _line(obj: dict) -> str:
    return json.dumps(obj, ensure_ascii=False, sort_keys=False, separators=(",", ":"))


def _mentions(text: str, currency: str | None, market: str | None, *, with_text: bool,
              field: bool | None = None) -> list:
    from workbench.salary import parse_salary

    out = []
    for m in parse_salary(text, currency=currency, market=market, field=field):
        values = [getattr(m, f) for f in MENTION_FIELDS]
        out.append([m.text, *values] if with_text else values)
    return out


# --------------------------------------------------------------------- salary golden


def _labelled_inputs(folder: Path) -> Iterator[tuple[str, str, str | None, str | None, bool | None]]:
    """(source, text, currency, market, field) of every team-written labelled string.

    Every CSV under ``folder`` (sub-folders too) with a ``text`` column; a set that
    points into a corpus (``text_sha1``) holds no text and is left out. Strings of a
    set with a ``source_field`` column are pay-field values, parsed in field mode
    (``field=True``); the others as strings of unknown source (``None``).
    """
    for path in sorted(folder.rglob("*.csv")):
        with path.open(encoding="utf-8", newline="") as handle:
            reader = csv.DictReader(handle)
            fields = reader.fieldnames or []
            if "text" not in fields or "text_sha1" in fields:
                continue
            field = True if "source_field" in fields else None
            for i, row in enumerate(reader):
                yield (f"{path.relative_to(folder).as_posix()}#{i}", row["text"], row.get("currency_arg") or None,
                       row.get("market_arg") or None, field)


def salary_team_lines(folder: Path | None = None) -> list[str]:
    """The team-written part of the salary golden (inputs in full)."""
    header = {"fields": ["text", *MENTION_FIELDS],
              "what": "team-written strings of data/labelled/**/*.csv and parse_salary's mentions"}
    lines = [_line(header)]
    for source, text, currency, market, field in _labelled_inputs(folder or config.LABELLED):
        lines.append(_line({"src": source, "text": text, "currency": currency, "market": market,
                            "mentions": _mentions(text, currency, market, with_text=True, field=field)}))
    return lines


# (corpus file, column, currency, market, field): the arguments a posting of that market
# gets; ``field`` is True for a pay column and False for a description (running text).
CORPUS_STRINGS = (
    ("glassdoor/glassdoor_jobs.csv", "Salary Estimate", "USD", "US", True),
    ("glassdoor/glassdoor_jobs.csv", "Job Description", "USD", "US", False),
    ("cn_boss/boss_python_jobs.csv", "薪资", None, "CN", True),
    ("linkedin_us/postings_linkedin_kaggle_subset.csv", "description", "USD", "US", False),
    ("hh_ru/hh_ru_vacancies.csv", "description_text", "RUB", "RU", False),
    ("uk_ads/adzuna_uk_data_jobs.csv", "job_description", "GBP", "GB", False),
)


def _column_values(path: Path, column: str) -> list[str]:
    with path.open(encoding="utf-8-sig", newline="") as handle:
        return [row[column] for row in csv.DictReader(handle)]


def salary_corpora_lines(corpora: Path | None = None) -> list[str]:
    """The corpus part of the salary golden: key, SHA-1 and mentions, never the text."""
    corpora = corpora or config.CORPORA
    header = {"fields": list(MENTION_FIELDS),
              "what": "corpus strings by row and SHA-1 (no text) and parse_salary's mentions"}
    lines = [_line(header)]
    for relative, column, currency, market, field in CORPUS_STRINGS:
        for i, text in enumerate(_column_values(corpora / relative, column)):
            lines.append(_line({"src": f"{relative}#{i}:{column}", "sha1": _sha1(text),
                                "currency": currency, "market": market,
                                "mentions": _mentions(text, currency, market, with_text=False,
                                                      field=field)}))
    return lines


# --------------------------------------------------------------- extraction snapshot


def _json_value(value):
    """Plain JSON values from pandas/NumPy scalars (NaN and NA -> None)."""
    import pandas as pd

    if value is None or (not isinstance(value, (list, dict)) and pd.isna(value)):
        return None
    return value.item() if hasattr(value, "item") else value


def _record_lines(key: str, sha1: str, records: list[dict], base_idx: dict[str, int]) -> list[str]:
    lines = []
    for rec in records:
        role = rec["role"]
        areas: dict[str, int] = {}
        for resp in rec["responsibilities"]:
            areas[resp["category"]] = areas.get(resp["category"], 0) + 1
        lines.append(_line({
            "key": key, "sha1": sha1, "record": int(rec["record_id"].rsplit(":", 1)[-1]),
            "role": [role.get("family"), role.get("level"), role.get("label")],
            "pay_point": base_idx.get(rec["record_id"]),
            "salaries": [[_json_value(s.get(f)) for f in SALARY_FIELDS] for s in rec["salaries"]],
            "time_allocation": [[t["share"], t["raw_share"], t["category"]] for t in rec["time_allocation"]],
            "time_allocation_status": (rec.get("time_allocation_check") or {}).get("status"),
            "responsibilities": len(rec["responsibilities"]),
            "areas": dict(sorted(areas.items())),
            "experience": [rec["experience_years"].get("min"), rec["experience_years"].get("max")],
            "education": rec.get("education"),
            "skills": len(rec["skills"]),
        }))
    return lines


def _snapshot_lines(keys: list[str], sha1s: list[str], posting_of_row: dict[int, str],
                    tables) -> list[str]:
    """Lines of postings already through the product path, in the order of ``keys``.

    ``posting_of_row`` maps an input row to its posting id (rows ingest refused
    are absent and get a ``rejected`` line).
    """
    from workbench import bench

    by_posting: dict[str, list[dict]] = {}
    for rec in map(json.loads, tables["records"]["record_json"]):
        by_posting.setdefault(rec["posting_id"], []).append(rec)
    points = bench.pay_points({"records": tables["records"], "salaries": tables["salaries"]},
                              currency=config.SETTINGS.reporting_currency)
    base_idx = dict(zip(points["record_id"], (int(i) for i in points["base_idx"])))
    lines = []
    for row, (key, sha1) in enumerate(zip(keys, sha1s)):
        recs = by_posting.get(posting_of_row.get(row, ""), [])
        if not recs:
            lines.append(_line({"key": key, "sha1": sha1, "record": None, "rejected": True}))
        lines.extend(_record_lines(key, sha1, recs, base_idx))
    return lines


def snapshot_sample(frame, n: int = SNAPSHOT_PER_CORPUS):
    """The snapshot's postings of one corpus: tune half, ordered by the SHA-1 of the key."""
    tune = frame[frame["half"] == "tune"]
    order = sorted(range(len(tune)), key=lambda i: hashlib.sha1(tune["key"].iloc[i].encode()).hexdigest())
    return tune.iloc[order[:n]].reset_index(drop=True)


def extraction_corpora_lines(corpora: Path | None = None) -> list[str]:
    """200 dev-corpus postings through the product path (see the module doc)."""
    from workbench.corpora import load_corpus, run_product_path, spec_for

    lines = [_line({"what": "first 50 tune-half postings per corpus by SHA-1 of the key, "
                            "through ingest -> extract -> bench pay point; no text"})]
    for name in SNAPSHOT_CORPORA:
        sample = snapshot_sample(load_corpus(spec_for(name), corpora))
        run = run_product_path(sample)
        rows = dict(run.pay[["row", "posting_id"]].dropna().itertuples(index=False, name=None))
        lines += _snapshot_lines(list(sample["key"]), list(sample["text_sha1"]), rows, run.tables)
    return lines


def extraction_seeds_lines(seeds: Path | None = None) -> list[str]:
    """The seeds through ``workbench ingest``'s reader and extraction (see the module doc)."""
    from workbench.extract import extract_frame
    from workbench.ingest import ingest_paths

    files = sorted((seeds or config.SEEDS).glob("*.txt"))
    lines = [_line({"what": "the seeds through ingest -> extract -> bench pay point; no text"})]
    for path in files:
        result = ingest_paths([path], progress=False)
        tables = extract_frame(result.postings)
        rows = dict(enumerate(result.postings["posting_id"]))
        sha1 = hashlib.sha1(path.read_bytes()).hexdigest()[:12]
        lines += _snapshot_lines([f"seed:{path.name}"], [sha1], rows, tables)
    return lines


def _raw_key(source: str, raw: Path) -> str:
    path, _, row = str(source).partition("#")
    try:
        path = Path(path).resolve().relative_to(raw.resolve()).as_posix()
    except ValueError:
        pass
    return f"raw:{path}" + (f"#{row}" if row else "")


def extraction_raw_lines(raw: Path | None = None) -> list[str]:
    """The embedded default data (``data/raw``, team-written) through ingest and extraction."""
    from workbench.extract import extract_frame
    from workbench.ingest import ingest_paths

    raw = raw or config.RAW
    result = ingest_paths([raw], progress=False)
    postings = result.postings.assign(key=[_raw_key(s, raw) for s in result.postings["source"]])
    postings = postings.sort_values("key", kind="stable").reset_index(drop=True)
    tables = extract_frame(postings)
    lines = [_line({"what": "data/raw through ingest -> extract -> bench pay point"})]
    lines += _snapshot_lines(list(postings["key"]), [_sha1(t) for t in postings["text"]],
                             dict(enumerate(postings["posting_id"])), tables)
    for key in sorted(_raw_key(s, raw) for s in result.rejects["source"]):
        lines.append(_line({"key": key, "sha1": None, "record": None, "rejected": True}))
    return lines


# -------------------------------------------------------------------- report snapshot

_MASKS = (
    (re.compile(r"(data:image/[a-z+]+;base64,)[A-Za-z0-9+/=]+"), r"\1<image>"),
    (re.compile(r'(cell-id=)[0-9a-f-]+'), r"\1<cell>"),
    (re.compile(r"(<dt>(?:data date|run id|data fingerprint|generated|versions?|timings?|wall)</dt>"
                r"<dd>)[^<]*(</dd>)"), r"\1<masked>\2"),
    (re.compile(r"\b\d{4}-\d{2}-\d{2}T\d{2}:?\d{2}:?\d{2}(?:\.\d+)?(?:Z|[+-]\d{2}:?\d{2})?(?:-[0-9a-f]+)?"),
     "<timestamp>"),
    (re.compile(r"\(\d+(?:\.\d+)? s\)"), "(<seconds>)"),
)


def normalise_report(page: str) -> str:
    """A rendered page with what changes from run to run masked (see the module doc)."""
    for pattern, replacement in _MASKS:
        page = pattern.sub(replacement, page)
    return page


_REPORT_PLAN = """\
title: Snapshot
reports:
  - notebook: role_benchmark
    name: "Level 2"
    parameters:
      level: 2
      currency: GBP
"""


def report_lines(fixture: Path | None = None) -> list[str]:
    """Render the snapshot page with a real report run and return its normalised lines.

    The store is built first by the ingest pipeline from the fixture folder named
    relatively (from its parent folder): a posting's id is the hash of its source
    path, and the page's example duties follow posting ids, so an absolute path
    would give another page in another checkout. The report then reads that store.
    """
    import contextlib

    from workbench.pipeline import run_ingest
    from workbench.report import run_plan

    fixture = Path(fixture or REPORT_FIXTURE).resolve()
    with tempfile.TemporaryDirectory(prefix="workbench-golden-") as tmp:
        store = Path(tmp) / "store"
        with contextlib.chdir(fixture.parent):  # in-process (jobs=1): sources stay relative
            run_ingest([Path(fixture.name)], store, jobs=1, progress=False)
        plan = Path(tmp) / "plan.yaml"
        plan.write_text(_REPORT_PLAN, encoding="utf-8")
        out = Path(tmp) / "out"
        result = run_plan(plan, data=[store], out=out, jobs=1, as_of=REPORT_AS_OF)
        if not result.ok:
            raise RuntimeError(f"the snapshot report failed: {result.summary()}")
        page = (out / REPORT_AS_OF / "level-2.html").read_text(encoding="utf-8")
    return normalise_report(page).splitlines()


# ------------------------------------------------------------------------- registry


@dataclass(frozen=True)
class Golden:
    """One golden file: its name, how to build it and what it needs to be built."""

    name: str
    filename: str
    build: Callable[[], list[str]]
    needs: Callable[[], Path | None]  # a folder that must exist, or None

    def available(self) -> bool:
        """True when what the golden is built from is present."""
        folder = self.needs()
        return folder is None or folder.is_dir()


GOLDENS: dict[str, Golden] = {g.name: g for g in (
    Golden("salary_team", "salary_team.jsonl", salary_team_lines, lambda: None),
    Golden("salary_corpora", "salary_corpora.jsonl", salary_corpora_lines, lambda: config.CORPORA),
    Golden("extraction_seeds", "extraction_seeds.jsonl", extraction_seeds_lines, lambda: config.SEEDS),
    Golden("extraction_corpora", "extraction_corpora.jsonl", extraction_corpora_lines,
           lambda: config.CORPORA),
    Golden("extraction_raw", "extraction_raw.jsonl", extraction_raw_lines, lambda: None),
    Golden("report", "report_role_benchmark.html", report_lines, lambda: None),
)}


def build(name: str) -> list[str]:
    """The current lines of one golden."""
    return GOLDENS[name].build()


def stored(name: str, folder: Path | None = None) -> list[str]:
    """The committed lines of one golden ([] when the file is missing)."""
    path = (folder or config.GOLDENS) / GOLDENS[name].filename
    return path.read_text(encoding="utf-8").splitlines() if path.is_file() else []


def diff_lines(old: list[str], new: list[str], name: str, limit: int = 80) -> list[str]:
    """A unified diff (committed -> current), cut to ``limit`` lines with a count of the rest."""
    diff = list(difflib.unified_diff(old, new, fromfile=f"{name} (committed)",
                                     tofile=f"{name} (current)", lineterm="", n=0))
    changed = sum(1 for d in diff if d[:1] in "+-" and not d.startswith(("+++", "---")))
    if len(diff) > limit:
        diff = diff[:limit] + [f"... {len(diff) - limit} more diff lines"]
    return diff + ([f"{changed} lines differ"] if diff else [])


def check(names: Iterable[str] | None = None, folder: Path | None = None) -> dict[str, list[str]]:
    """Diff of each available golden against its committed file ({} when all match)."""
    out = {}
    for name in names or GOLDENS:
        if not GOLDENS[name].available():
            continue
        diff = diff_lines(stored(name, folder), build(name), name)
        if diff:
            out[name] = diff
    return out


def refresh(names: Iterable[str] | None = None, folder: Path | None = None) -> dict[str, str]:
    """Rewrite each available golden; returns name -> what happened."""
    folder = folder or config.GOLDENS
    folder.mkdir(parents=True, exist_ok=True)
    done = {}
    for name in names or GOLDENS:
        golden = GOLDENS[name]
        if not golden.available():
            done[name] = f"skipped: {golden.needs()} is absent (file left as it is)"
            continue
        old = stored(name, folder)
        new = build(name)
        (folder / golden.filename).write_text("\n".join(new) + "\n", encoding="utf-8")
        if not old:
            done[name] = f"{len(new)} lines, new file"
            continue
        changed = sum(1 for d in diff_lines(old, new, name, limit=10**9) if d[:1] in "+-"
                      and not d.startswith(("+++", "---")))
        done[name] = f"{len(new)} lines, {changed} changed"
    return done


def main(argv: list[str] | None = None) -> int:
    """``python -m workbench.goldens refresh|check [--only NAME ...] [--dir DIR]``."""
    parser = argparse.ArgumentParser(prog="python -m workbench.goldens", description=__doc__.split("\n")[0])
    parser.add_argument("action", choices=("refresh", "check"))
    parser.add_argument("--only", action="append", choices=sorted(GOLDENS), help="one golden (repeatable)")
    parser.add_argument("--dir", type=Path, default=None, help="golden folder (default tests/goldens)")
    args = parser.parse_args(argv)
    if args.action == "refresh":
        for name, what in refresh(args.only, args.dir).items():
            print(f"{name}: {what}")
        return 0
    diffs = check(args.only, args.dir)
    for name, diff in diffs.items():
        print("\n".join(diff))
    print("goldens match" if not diffs else f"goldens differ: {', '.join(diffs)}")
    return 1 if diffs else 0


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
