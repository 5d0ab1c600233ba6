"""Validate duty_lines.csv (team-written training lines for the area classifier).

Run: python validate.py   (from this folder, or give the CSV path as the first argument)
Reads the team set responsibilities.csv from WORKBENCH_RESPONSIBILITIES, or from
data/labelled/responsibilities.csv found by walking up from this file.
"""
import csv
import os
import re
import sys
from collections import Counter
from pathlib import Path

HERE = Path(__file__).resolve().parent
AREAS = {
    "client_relationship", "growth_new_business", "financial_management", "team_leadership",
    "strategy_planning", "delivery_operations", "reporting_forecasting", "negotiation_contracts",
    "internal_coordination", "quality_process", "other",
}
LANGS = {"en", "ru", "zh"}
COLUMNS = ["text", "language", "area", "half"]


def find_responsibilities():
    env = os.environ.get("WORKBENCH_RESPONSIBILITIES")
    if env:
        return Path(env)
    for base in [HERE, *HERE.parents]:
        for cand in (base / "responsibilities.csv", base / "data/labelled/responsibilities.csv"):
            if cand.is_file():
                return cand
    raise SystemExit("responsibilities.csv not found: set WORKBENCH_RESPONSIBILITIES")


def norm(s):
    return re.sub(r"\s+", " ", s).strip().lower()


def main():
    path = Path(sys.argv[1]) if len(sys.argv) > 1 else HERE / "duty_lines.csv"
    errors = []
    with open(path, encoding="utf-8", newline="") as f:
        reader = csv.DictReader(f)
        if reader.fieldnames != COLUMNS:
            errors.append(f"columns are {reader.fieldnames}, expected {COLUMNS}")
        rows = list(reader)

    seen = {}
    for i, r in enumerate(rows, start=2):  # line 1 is the header
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
            errors.append(f"line {i}: half must be 'train', got {r.get('half')!r}")
        k = norm(t)
        if k in seen:
            errors.append(f"line {i}: duplicate text (first at line {seen[k]}): {t!r}")
        else:
            seen[k] = i

    resp = find_responsibilities()
    if not resp.is_file():
        errors.append(f"responsibilities.csv not found at {resp}")
    else:
        with open(resp, encoding="utf-8", newline="") as f:
            team = {norm(r["text"]) for r in csv.DictReader(f)}
        for i, r in enumerate(rows, start=2):
            if norm(r.get("text") or "") in team:
                errors.append(f"line {i}: text repeated from responsibilities.csv: {r['text']!r}")

    n = len(rows)
    by_lang = Counter(r["language"] for r in rows)
    by_area = Counter(r["area"] for r in rows)
    if n < 900:
        errors.append(f"only {n} rows, need at least 900")
    for a in sorted(AREAS):
        if by_area[a] < 50:
            errors.append(f"area {a} has {by_area[a]} rows, need at least 50")
    for lang, target in (("en", 0.60), ("ru", 0.20), ("zh", 0.20)):
        share = by_lang[lang] / n if n else 0
        if abs(share - target) > 0.03:
            errors.append(f"language {lang} share {share:.3f}, target {target:.2f} +/- 0.03")
    top2 = {a for a, _ in by_area.most_common(2)}
    if top2 != {"delivery_operations", "growth_new_business"}:
        errors.append(f"largest two areas are {sorted(top2)}, expected delivery_operations and growth_new_business")

    print(f"{n} rows; languages: " + ", ".join(f"{k} {by_lang[k]}" for k in ("en", "ru", "zh")))
    print(f"{'area':24s} {'en':>4s} {'ru':>4s} {'zh':>4s} {'all':>5s}")
    cell = Counter((r["area"], r["language"]) for r in rows)
    for a, c in by_area.most_common():
        print(f"{a:24s} {cell[a, 'en']:4d} {cell[a, 'ru']:4d} {cell[a, 'zh']:4d} {c:5d}")
    if errors:
        print(f"FAILED: {len(errors)} problem(s)")
        for e in errors:
            print("  " + e)
        sys.exit(1)
    print("OK: all checks passed")


if __name__ == "__main__":
    main()
