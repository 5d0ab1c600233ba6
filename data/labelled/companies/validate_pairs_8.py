"""Validate company_pairs_8.csv (tuning set, half = tune8).

Checks: exact columns and order; no empty cell; same in {true,false}; language among the values used by
sets 1-7 (en, ru, zh, mixed); half == tune8 on every row; no self-pair; no duplicate pair in either order
(exact and after NFKC/case/space normalisation); no pair (either order) repeating a pair of
company_pairs.csv, company_pairs_2.csv ... company_pairs_6.csv; no `false` pair joined by a chain of `true`
pairs within set 8 or over sets 1-8 together, and no new chain conflict among earlier rows; one-label kinds
carry their label; no `typo` kind; at least 200 rows. Prints counts (label, language, language x label,
kind x label, kind x language). Prints only this set's strings; earlier sets are read only to compare.

Usage: python validate_pairs_8.py [--sets-dir DIR]
  DIR must hold company_pairs.csv ... company_pairs_7.csv; default: this script's folder (data/labelled/companies).
"""
import argparse
import collections
import csv
import sys
import unicodedata
from pathlib import Path

HERE = Path(__file__).resolve().parent
DEFAULT_SETS = str(Path(__file__).resolve().parent)  # data/labelled/companies
COLUMNS = ["name_a", "name_b", "same", "language", "kind", "note", "half"]
LANGS = {"en", "ru", "zh", "mixed"}
EARLIER = ["company_pairs.csv", "company_pairs_2.csv", "company_pairs_3.csv", "company_pairs_4.csv",
           "company_pairs_5.csv", "company_pairs_6.csv", "company_pairs_7.csv"]
MIN_ROWS = 200
# kinds that may carry one label only in this set
TRUE_ONLY = {"acronym", "abbreviation", "translit", "translit_variant", "legal_suffix", "place_suffix", "region_suffix",
             "branch", "department_suffix", "on_behalf_of", "division_of", "suffix_stack", "group_word", "case_punct",
             "quotes", "yo_e", "short_name", "width", "spacing", "trad_simplified", "diacritics", "article",
             "group_entity", "bracket", "bracket_english", "number_word", "trading_as", "homoglyph", "formerly"}
FALSE_ONLY = {"acronym_collision", "acronym_mismatch", "translit_distinct", "distinct_similar", "distinct_shared_word",
              "stem_vs_activity", "leading_place_word", "leading_group_word", "keji_jishu", "agency_vs_client",
              "parent_named", "bracket_parent", "place_brand", "legal_word_in_name"}
BANNED_KINDS = {"typo"}  # set 1 rule 7 binds: no one-letter "typo" = true rows


def read_csv(path):
    with open(path, encoding="utf-8", newline="") as fh:
        r = csv.DictReader(fh)
        return r.fieldnames, list(r)


def norm(s):
    return " ".join(unicodedata.normalize("NFKC", s).casefold().split())


def chain_conflicts(rows):
    parent = {}

    def find(x):
        parent.setdefault(x, x)
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    for r in rows:
        if r["same"] == "true":
            parent[find(r["name_a"])] = find(r["name_b"])
    return [r for r in rows if r["same"] == "false" and find(r["name_a"]) == find(r["name_b"])]


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--sets-dir", default=DEFAULT_SETS)
    args = ap.parse_args()
    errors = []
    cols, rows = read_csv(HERE / "company_pairs_8.csv")
    if cols != COLUMNS:
        errors.append(f"columns {cols} != {COLUMNS}")
    seen_exact, seen_norm = set(), set()
    for i, r in enumerate(rows, start=2):
        for c in COLUMNS:
            if not (r.get(c) or "").strip():
                errors.append(f"line {i}: empty {c}")
        if r["same"] not in ("true", "false"):
            errors.append(f"line {i}: same={r['same']!r}")
        if r["language"] not in LANGS:
            errors.append(f"line {i}: language={r['language']!r}")
        if r["half"] != "tune8":
            errors.append(f"line {i}: half={r['half']!r}")
        if r["kind"] in TRUE_ONLY and r["same"] != "true":
            errors.append(f"line {i}: kind {r['kind']} must be true")
        if r["kind"] in FALSE_ONLY and r["same"] != "false":
            errors.append(f"line {i}: kind {r['kind']} must be false")
        if r["kind"] in BANNED_KINDS:
            errors.append(f"line {i}: kind {r['kind']} not allowed in set 8")
        a, b = r["name_a"], r["name_b"]
        if a == b:
            errors.append(f"line {i}: self-pair {a!r}")
        ke, kn = frozenset((a, b)), frozenset((norm(a), norm(b)))
        if ke in seen_exact or kn in seen_norm:
            errors.append(f"line {i}: duplicate pair {a!r} / {b!r}")
        seen_exact.add(ke)
        seen_norm.add(kn)
    sets_dir = Path(args.sets_dir)
    earlier_rows = []
    for name in EARLIER:
        p = sets_dir / name
        if not p.exists():
            errors.append(f"missing earlier set {p} (pass --sets-dir)")
            continue
        ecols, erows = read_csv(p)
        earlier_rows += erows
        LANGS.update(r["language"] for r in erows)
    old_exact = {frozenset((r["name_a"], r["name_b"])) for r in earlier_rows}
    old_norm = {frozenset((norm(r["name_a"]), norm(r["name_b"]))) for r in earlier_rows}
    for i, r in enumerate(rows, start=2):
        if frozenset((r["name_a"], r["name_b"])) in old_exact or \
                frozenset((norm(r["name_a"]), norm(r["name_b"]))) in old_norm:
            errors.append(f"line {i}: repeats a pair of sets 1-7: {r['name_a']!r} / {r['name_b']!r}")
    for r in chain_conflicts(rows):
        errors.append(f"false pair chained by true pairs in set 8: {r['name_a']!r} / {r['name_b']!r}")
    if earlier_rows:
        own = {id(r) for r in rows}
        for r in chain_conflicts(earlier_rows + rows):
            if id(r) in own:
                errors.append(f"false pair chained by true pairs over sets 1-8: {r['name_a']!r} / {r['name_b']!r}")
        n_old = len(chain_conflicts(earlier_rows))
        n_all = len(chain_conflicts(earlier_rows + rows))
        if n_all > n_old:
            errors.append(f"set 8 creates {n_all - n_old} new chain conflict(s) among sets 1-7 rows")
    # warning only: distinctive words of this set that also occur in earlier sets' names (prints only our words)
    import re
    tok = lambda t: set(w.casefold() for w in re.findall(r"[A-Za-z\u0400-\u04FF]{5,}", t)) | set(re.findall(r"[\u4e00-\u9fff]{2}", t))
    old_words = set()
    for r in earlier_rows:
        old_words |= tok(r["name_a"]) | tok(r["name_b"])
    ours = set()
    for r in rows:
        ours |= tok(r["name_a"]) | tok(r["name_b"])
    print("words also in sets 1-7 (warning):", " ".join(sorted(ours & old_words)))
    if len(rows) < MIN_ROWS:
        errors.append(f"only {len(rows)} rows (< {MIN_ROWS})")
    print(f"{len(rows)} rows")
    n = len(rows) or 1
    cs = collections.Counter(r["same"] for r in rows)
    print("same:", dict(cs), {k: f"{100 * v / n:.0f}%" for k, v in cs.items()})
    cl = collections.Counter(r["language"] for r in rows)
    print("language:", dict(cl), {k: f"{100 * v / n:.0f}%" for k, v in cl.items()})
    print("language x same:", dict(sorted(collections.Counter((r["language"], r["same"]) for r in rows).items())))
    print("kind x same:")
    for (k, s), n in sorted(collections.Counter((r["kind"], r["same"]) for r in rows).items()):
        print(f"  {k:22s} {s:5s} {n}")
    print("kind x language:")
    for (k, l), n in sorted(collections.Counter((r["kind"], r["language"]) for r in rows).items()):
        print(f"  {k:22s} {l:5s} {n}")
    print("half:", dict(collections.Counter(r["half"] for r in rows)))
    if errors:
        print("\n".join(errors))
        sys.exit(1)
    print("OK")


if __name__ == "__main__":
    main()
