"""Validate company_pairs_3.csv.

Checks: required columns, allowed values, non-empty cells, half == tune2, no self-pairs,
no duplicate pair (either order), no pair repeating a pair of sets 1-2 (either order, exact and
whitespace/case-normalised), no `false` pair joined by a chain of `true` pairs (within set 3 and
over sets 1-3 together), and prints counts. Only this set's strings are ever printed.

Usage: python validate_pairs_3.py [--sets-dir DIR]   (default: this file's folder)
"""
import argparse
import collections
import csv
import sys
import unicodedata
from pathlib import Path

HERE = Path(__file__).resolve().parent
COLUMNS = ["name_a", "name_b", "same", "language", "kind", "note", "half"]
LANGS = {"en", "ru", "zh", "mixed"}
KINDS_TRUE_ONLY = {
    "suffix_stack", "legal_suffix", "place_suffix", "region_suffix", "group_entity", "department_suffix",
    "tagline", "descriptor_prefix", "acronym", "abbreviation", "html_entity", "ampersand",
    "diacritics", "unicode_form", "case_punct", "article", "truncated", "bracket_activity", "quotes",
    "group_word", "branch", "yo_e", "short_name", "width", "trad_simplified", "spacing", "translit",
}
KINDS_FALSE_ONLY = {
    "agency_vs_client", "acronym_mismatch", "partner_list", "distinct_similar", "stem_vs_activity",
    "distinct_shared_word", "subsidiary_named", "leading_place_word", "leading_group_word",
    "keji_jishu", "translit_distinct",
}
KINDS_BOTH = {"whole_name_word", "on_behalf_of", "sole_trader", "formerly"}
KINDS = KINDS_TRUE_ONLY | KINDS_FALSE_ONLY | KINDS_BOTH
MIN_ROWS = 300


def read_csv(path):
    with open(path, encoding="utf-8", newline="") as fh:
        r = csv.DictReader(fh)
        return r.fieldnames, list(r)


def norm(s):
    return " ".join(unicodedata.normalize("NFKC", s).casefold().split())


class UF:
    def __init__(self):
        self.p = {}

    def find(self, x):
        self.p.setdefault(x, x)
        while self.p[x] != x:
            self.p[x] = self.p[self.p[x]]
            x = self.p[x]
        return x

    def union(self, a, b):
        self.p[self.find(a)] = self.find(b)


def chain_conflicts(rows):
    uf = UF()
    for r in rows:
        if r["same"] == "true":
            uf.union(r["name_a"], r["name_b"])
    return [r for r in rows if r["same"] == "false" and uf.find(r["name_a"]) == uf.find(r["name_b"])]


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--sets-dir", default=str(HERE))
    args = ap.parse_args()
    errors = []
    cols, rows = read_csv(HERE / "company_pairs_3.csv")
    if cols != COLUMNS:
        errors.append(f"columns {cols} != {COLUMNS}")
    seen = {}
    for i, r in enumerate(rows, start=2):
        for c in COLUMNS:
            if not (r.get(c) or "").strip():
                errors.append(f"line {i}: empty {c}")
        if r["same"] not in ("true", "false"):
            errors.append(f"line {i}: same={r['same']!r}")
        if r["language"] not in LANGS:
            errors.append(f"line {i}: language={r['language']!r}")
        if r["half"] != "tune2":
            errors.append(f"line {i}: half={r['half']!r}")
        if r["kind"] not in KINDS:
            errors.append(f"line {i}: unknown kind {r['kind']!r}")
        if r["kind"] in KINDS_TRUE_ONLY and r["same"] != "true":
            errors.append(f"line {i}: kind {r['kind']} is a true-only kind but same={r['same']}")
        if r["kind"] in KINDS_FALSE_ONLY and r["same"] != "false":
            errors.append(f"line {i}: kind {r['kind']} is a false-only kind but same={r['same']}")
        if r["name_a"] == r["name_b"]:
            errors.append(f"line {i}: self pair {r['name_a']!r}")
        key = frozenset((r["name_a"], r["name_b"]))
        if key in seen:
            errors.append(f"line {i}: duplicate of line {seen[key]}: {r['name_a']!r} / {r['name_b']!r}")
        seen[key] = i
    # near-duplicates inside set 3 (normalised)
    nseen = {}
    for i, r in enumerate(rows, start=2):
        k = frozenset((norm(r["name_a"]), norm(r["name_b"])))
        if k in nseen and len(k) == 2:
            errors.append(f"line {i}: normalised duplicate of line {nseen[k]}")
        nseen.setdefault(k, i)
    for r in chain_conflicts(rows):
        errors.append(f"set 3 chain conflict: false pair {r['name_a']!r} / {r['name_b']!r} joined by true pairs")

    # sets 1-2 (their strings are never printed)
    old = []
    for name in ("company_pairs.csv", "company_pairs_2.csv"):
        p = Path(args.sets_dir) / name
        if p.exists():
            old.extend(read_csv(p)[1])
        else:
            print(f"warning: {p} not found; cross-set checks skipped for it")
    old_pairs = {frozenset((r["name_a"], r["name_b"])) for r in old}
    old_npairs = {frozenset((norm(r["name_a"]), norm(r["name_b"]))) for r in old}
    old_names = {r["name_a"] for r in old} | {r["name_b"] for r in old}
    old_nnames = {norm(n) for n in old_names}
    for i, r in enumerate(rows, start=2):
        if frozenset((r["name_a"], r["name_b"])) in old_pairs:
            errors.append(f"line {i}: pair repeats a set 1-2 pair")
        elif frozenset((norm(r["name_a"]), norm(r["name_b"]))) in old_npairs:
            errors.append(f"line {i}: pair repeats a set 1-2 pair up to case/space")
    shared = sorted({n for r in rows for n in (r["name_a"], r["name_b"]) if norm(n) in old_nnames})
    if shared:
        print(f"note: {len(shared)} set-3 name strings also occur (normalised) in sets 1-2: {shared}")
    for r in chain_conflicts(old + rows):
        if r in rows:
            errors.append(f"cross-set chain conflict on set-3 row {r['name_a']!r} / {r['name_b']!r}")
    n_cross = len([r for r in chain_conflicts(old + rows) if r not in rows])
    if n_cross:
        errors.append(f"{n_cross} false rows of sets 1-2 become chained through set-3 true pairs")

    # counts
    c = collections.Counter((r["language"], r["same"]) for r in rows)
    print(f"{len(rows)} rows; true={sum(r['same']=='true' for r in rows)} false={sum(r['same']=='false' for r in rows)}")
    for lang in sorted(LANGS):
        print(f"  {lang:6s} true={c[(lang,'true')]:4d} false={c[(lang,'false')]:4d}")
    kc = collections.Counter((r["kind"], r["same"]) for r in rows)
    print("kind counts (kind, same, n):")
    for (k, s), n in sorted(kc.items()):
        print(f"  {k:22s} {s:5s} {n}")
    if len(rows) < MIN_ROWS:
        errors.append(f"only {len(rows)} rows (< {MIN_ROWS})")
    if errors:
        print("\nERRORS:")
        for e in errors:
            print("  " + e)
        sys.exit(1)
    print("OK")


if __name__ == "__main__":
    main()
