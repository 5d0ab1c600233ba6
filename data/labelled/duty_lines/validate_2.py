"""Validate duty_lines_2.csv (set 2 of team-written duty lines for the area classifier).

Run: python data/labelled/duty_lines/validate_2.py [path/to/duty_lines_2.csv]
Standard library only. Finds data/labelled/ (for set 1 duty_lines.csv and responsibilities.csv)
through WORKBENCH_LABELLED or by walking up from this file,
and the raw corpora through WORKBENCH_CORPORA (falls back to ../shared/corpora found by walking up,
then $WORKBENCH_SHARED/corpora). The corpus substring check is skipped, with a warning, if no corpora are found.
"""
import csv
import difflib
import os
import re
import sys
from collections import Counter
from pathlib import Path

HERE = Path(__file__).resolve().parent
AREAS = [
    "client_relationship", "growth_new_business", "financial_management", "team_leadership",
    "strategy_planning", "delivery_operations", "reporting_forecasting", "negotiation_contracts",
    "internal_coordination", "quality_process", "other",
]
LANGS = ["en", "ru", "zh"]
COLUMNS = ["text", "language", "area", "half"]
MIN_ROWS, MIN_PER_AREA, MIN_RU, MIN_ZH = 1000, 70, 250, 200
SIM_LIMIT = 0.75


def norm(s):
    return re.sub(r"\s+", " ", s).strip().lower()


def find_dir(env, rel, fallback):
    if os.environ.get(env):
        return Path(os.environ[env])
    for base in [HERE, *HERE.parents]:
        if (base / rel).is_dir():
            return base / rel
    if not fallback:
        return None
    fb = Path(fallback)
    return fb if fb.is_dir() else None


def read_texts(path):
    with open(path, encoding="utf-8", newline="") as f:
        return [r["text"] for r in csv.DictReader(f)]


def main():
    path = Path(sys.argv[1]) if len(sys.argv) > 1 else HERE / "duty_lines_2.csv"
    errors, notes = [], []
    with open(path, encoding="utf-8", newline="") as f:
        reader = csv.DictReader(f)
        if reader.fieldnames != COLUMNS:
            errors.append(f"columns are {reader.fieldnames}, expected {COLUMNS}")
        rows = list(reader)

    seen = {}
    for i, r in enumerate(rows, start=2):
        t = r.get("text") or ""
        if not t.strip():
            errors.append(f"line {i}: empty text")
        if t != t.strip():
            errors.append(f"line {i}: surrounding whitespace")
        if "\n" in t or "\r" in t:
            errors.append(f"line {i}: line break inside text")
        if r.get("language") not in LANGS:
            errors.append(f"line {i}: bad language {r.get('language')!r}")
        if r.get("area") not in AREAS:
            errors.append(f"line {i}: bad area {r.get('area')!r}")
        if r.get("half") != "train":
            errors.append(f"line {i}: half is {r.get('half')!r}, expected 'train'")
        k = norm(t)
        if k in seen:
            errors.append(f"line {i}: duplicate of line {seen[k]}: {t!r}")
        seen.setdefault(k, i)

    # earlier team-written sets: no exact repeat, no near-copy (difflib ratio >= SIM_LIMIT)
    labelled = find_dir("WORKBENCH_LABELLED", "data/labelled", None)
    if labelled is None:
        errors.append("data/labelled not found: set WORKBENCH_LABELLED")
        others = []
    else:
        others = []
        for rel in ("duty_lines/duty_lines.csv", "responsibilities.csv"):
            others += [(rel, t) for t in read_texts(labelled / rel)]
    other_norm = {norm(t): rel for rel, t in others}
    sms = [(rel, t, norm(t)) for rel, t in others]
    max_sim = 0.0
    for i, r in enumerate(rows, start=2):
        k = norm(r["text"])
        if k in other_norm:
            errors.append(f"line {i}: repeats a line of {other_norm[k]}: {r['text']!r}")
            continue
        sm = difflib.SequenceMatcher(None, "", k, autojunk=False)
        for rel, t, o in sms:
            sm.set_seq1(o)
            if sm.real_quick_ratio() < SIM_LIMIT or sm.quick_ratio() < SIM_LIMIT:
                continue
            ratio = sm.ratio()
            max_sim = max(max_sim, ratio)
            if ratio >= SIM_LIMIT:
                errors.append(f"line {i}: {ratio:.2f} similar to {rel} line {t!r}: {r['text']!r}")

    # raw corpora: no line of three or more words may occur in corpus text
    corpora = find_dir("WORKBENCH_CORPORA", "shared/corpora",
                       os.environ.get("WORKBENCH_SHARED") and os.path.join(os.environ["WORKBENCH_SHARED"], "corpora"))
    if corpora is None:
        notes.append("WARNING: corpora not found, corpus substring check skipped")
    else:
        blobs = []
        for p in sorted(corpora.rglob("*")):
            if p.is_file() and p.suffix.lower() in {".csv", ".md", ".txt", ".json", ".jsonl", ".tsv"}:
                blobs.append((p.name, norm(p.read_text(encoding="utf-8", errors="replace"))))
        n_checked = 0
        for i, r in enumerate(rows, start=2):
            t = r["text"]
            words = len(t.split()) if r["language"] != "zh" else max(len(t.split()), len(t) // 2)
            if words < 3:
                continue
            n_checked += 1
            k = norm(t)
            bare = re.sub(r"^\d+[、.．)]\s*", "", k)  # also search without a "1、" numbering prefix
            for name, blob in blobs:
                if k in blob or bare in blob:
                    errors.append(f"line {i}: found in corpus file {name}: {t!r}")
        notes.append(f"corpus substring check: {n_checked} lines searched in {len(blobs)} files")

    # counts
    by_area = Counter(r["area"] for r in rows)
    by_lang = Counter(r["language"] for r in rows)
    if len(rows) < MIN_ROWS:
        errors.append(f"{len(rows)} rows, need at least {MIN_ROWS}")
    for a in AREAS:
        if by_area[a] < MIN_PER_AREA:
            errors.append(f"area {a}: {by_area[a]} rows, need at least {MIN_PER_AREA}")
    if by_lang["ru"] < MIN_RU:
        errors.append(f"ru: {by_lang['ru']} rows, need at least {MIN_RU}")
    if by_lang["zh"] < MIN_ZH:
        errors.append(f"zh: {by_lang['zh']} rows, need at least {MIN_ZH}")

    cell = Counter((r["area"], r["language"]) for r in rows)
    print(f"rows: {len(rows)}  " + "  ".join(f"{l}={by_lang[l]}" for l in LANGS))
    print(f"{'area':24}" + "".join(f"{l:>6}" for l in LANGS) + f"{'all':>6}")
    for a in AREAS:
        print(f"{a:24}" + "".join(f"{cell[(a, l)]:>6}" for l in LANGS) + f"{by_area[a]:>6}")
    print(f"highest difflib ratio to an earlier set (among pairs passing the quick filters): {max_sim:.2f}")
    for n in notes:
        print(n)
    if errors:
        print(f"FAILED: {len(errors)} problem(s)")
        for e in errors:
            print("  " + e)
        sys.exit(1)
    print("OK: all checks passed")


if __name__ == "__main__":
    main()
