"""Validate duty_lines_4.csv (set 4 of team-written duty lines for the area classifier) and notes_4.csv.

Run: python validate_4.py [path/to/duty_lines_4.csv]   (standard library only)
Paths: data/labelled is $WORKBENCH_LABELLED, else the first folder above this file that holds
duty_lines/duty_lines_3.csv (this file's own folder's parent: data/labelled). Corpora: $WORKBENCH_CORPORA, else $WORKBENCH_SHARED/corpora, else the first
shared/corpora folder found walking up from this file.
Checks: columns exactly text,language,area,half (as duty_lines_2/3); allowed languages and areas; no empty
labels; half=train; no duplicate inside the set (exact after whitespace/case normalisation, and after a
stronger normalisation that also drops punctuation and folds ё); no line repeated from duty_lines.csv,
duty_lines_2.csv, duty_lines_3.csv or responsibilities.csv (both normalisations); difflib ratio < 0.70 to
each of those lines, and < 0.75 between two lines of this set (its contrast pairs share wording on purpose); no run of 8+ words shared with any corpus posting
(linkedin_us, uk_ads, hh_ru vacancies and snippets); Chinese lines: no 12-character run shared with cn_boss;
notes_4.csv matches the CSV row for row, with a known boundary and a quoted rule; counts and shares.
"""
import csv
import difflib
import os
import re
import sys
from collections import Counter
from pathlib import Path

csv.field_size_limit(10**9)
HERE = Path(__file__).resolve().parent


def find_labelled():
    if os.environ.get("WORKBENCH_LABELLED"):
        return Path(os.environ["WORKBENCH_LABELLED"])
    for p in [HERE, *HERE.parents]:
        if (p / "duty_lines/duty_lines_3.csv").exists():
            return p
    return HERE.parent


def find_corpora():
    if os.environ.get("WORKBENCH_CORPORA"):
        return Path(os.environ["WORKBENCH_CORPORA"])
    if os.environ.get("WORKBENCH_SHARED"):
        return Path(os.environ["WORKBENCH_SHARED"]) / "corpora"
    for p in [HERE, *HERE.parents]:
        if (p / "shared/corpora").is_dir():
            return p / "shared/corpora"
    return HERE.parents[3] / "shared" / "corpora"


LABELLED, CORPORA = find_labelled(), find_corpora()
AREAS = ["client_relationship", "growth_new_business", "financial_management", "team_leadership",
         "strategy_planning", "delivery_operations", "reporting_forecasting", "negotiation_contracts",
         "internal_coordination", "quality_process", "other"]
LANGS = ["en", "ru", "zh"]
BOUNDARIES = ["delivery_operations vs quality_process", "delivery_operations vs internal_coordination",
              "delivery_operations vs reporting_forecasting", "delivery_operations vs strategy_planning",
              "client_relationship vs delivery_operations", "client_relationship vs internal_coordination",
              "delivery_operations vs other", "delivery_operations vs team_leadership",
              "delivery_operations vs financial_management", "delivery_operations vs negotiation_contracts",
              "financial_management vs negotiation_contracts",
              "delivery_operations vs growth_new_business", "growth_new_business vs strategy_planning",
              "financial_management vs reporting_forecasting"]
EARLIER = ["duty_lines/duty_lines.csv", "duty_lines/duty_lines_2.csv", "duty_lines/duty_lines_3.csv",
           "responsibilities.csv"]
N, ZH_N, SIM_LIMIT, IN_LIMIT, MIN_ROWS = 8, 12, 0.70, 0.75, 350
WORD = re.compile(r"\w+", re.UNICODE)


def norm(s):
    return re.sub(r"\s+", " ", s).strip().lower()


def norm2(s):  # stronger: no punctuation, ё folded, leading "1、" numbers dropped
    s = re.sub(r"^\s*\d+\s*[、.．)]", "", s.lower().replace("ё", "е"))
    return " ".join(WORD.findall(s))


def words(s):
    return WORD.findall(s.lower().replace("ё", "е"))


def read(path):
    with open(path, encoding="utf-8", newline="") as f:
        r = csv.DictReader(f)
        return r.fieldnames, list(r)


def main():
    path = Path(sys.argv[1]) if len(sys.argv) > 1 else HERE / "duty_lines_4.csv"
    errors = []
    print(f"labelled folder: {LABELLED}\ncorpora folder: {CORPORA}")
    cols_ref, _ = read(LABELLED / "duty_lines/duty_lines_3.csv")
    cols, rows = read(path)
    if cols != ["text", "language", "area", "half"] or cols != cols_ref:
        errors.append(f"columns {cols} differ from text,language,area,half / duty_lines_3.csv {cols_ref}")
    seen, seen2 = {}, {}
    for i, r in enumerate(rows, 2):
        t = r.get("text") or ""
        if not t.strip() or t != t.strip() or "\n" in t or "\r" in t:
            errors.append(f"line {i}: empty text, surrounding space or line break")
        if r.get("language") not in LANGS:
            errors.append(f"line {i}: bad or empty language {r.get('language')!r}")
        if r.get("area") not in AREAS:
            errors.append(f"line {i}: bad or empty area {r.get('area')!r}")
        if r.get("half") != "train":
            errors.append(f"line {i}: half {r.get('half')!r} != 'train'")
        for d, k in ((seen, norm(t)), (seen2, norm2(t))):
            if k in d:
                errors.append(f"line {i}: duplicate of line {d[k]}: {t!r}")
            d.setdefault(k, i)

    # earlier sets: exact / normalised repeats and near-copies
    others = []
    for rel in EARLIER:
        others += [(rel, norm(x["text"])) for x in read(LABELLED / rel)[1]]
    exact = {o: rel for rel, o in others}
    exact2 = {norm2(o): rel for rel, o in others}
    max_sim, max_pair = 0.0, None
    for i, r in enumerate(rows, 2):
        k = norm(r["text"])
        if k in exact or norm2(k) in exact2:
            errors.append(f"line {i}: repeats a line of {exact.get(k) or exact2.get(norm2(k))}: {r['text']!r}")
            continue
        sm = difflib.SequenceMatcher(None, "", k, autojunk=False)
        for rel, o in others:
            sm.set_seq1(o)
            if sm.real_quick_ratio() < SIM_LIMIT or sm.quick_ratio() < SIM_LIMIT:
                continue
            ratio = sm.ratio()
            if ratio > max_sim:
                max_sim, max_pair = ratio, (i, rel)
            if ratio >= SIM_LIMIT:
                errors.append(f"line {i}: {ratio:.2f} similar to {rel} line {o!r}: {r['text']!r}")
    # within-set near-copies
    max_in = 0.0
    keys = [norm(r["text"]) for r in rows]
    for a in range(len(keys)):
        sm = difflib.SequenceMatcher(None, "", keys[a], autojunk=False)
        for b in range(a + 1, len(keys)):
            sm.set_seq1(keys[b])
            if sm.real_quick_ratio() < IN_LIMIT or sm.quick_ratio() < IN_LIMIT:
                continue
            ratio = sm.ratio()
            max_in = max(max_in, ratio)
            if ratio >= IN_LIMIT:
                errors.append(f"lines {a + 2} and {b + 2}: {ratio:.2f} similar within the set")

    # corpus 8-word runs
    grams = {}
    for i, r in enumerate(rows, 2):
        if r["language"] == "zh":
            continue
        w = words(r["text"])
        for j in range(len(w) - N + 1):
            grams.setdefault(tuple(w[j:j + N]), []).append(i)
    sources = [("linkedin_us", CORPORA / "linkedin_us/postings_linkedin_kaggle_subset.csv", "description"),
               ("uk_ads", CORPORA / "uk_ads/adzuna_uk_data_jobs.csv", "job_description"),
               ("hh_ru", CORPORA / "hh_ru/hh_ru_vacancies.csv", "description_text"),
               ("hh_ru_snippets", CORPORA / "hh_ru/hh_ru_snippets.csv", "snippet_responsibility")]
    n_docs = 0
    for name, p, field in sources:
        if not p.exists():
            errors.append(f"corpus file missing: {p}")
            continue
        _, docs = read(p)
        for d in docs:
            n_docs += 1
            w = words(d.get(field) or "")
            for j in range(len(w) - N + 1):
                g = tuple(w[j:j + N])
                if g in grams:
                    for i in grams[g]:
                        errors.append(f"line {i}: shares the 8-word run {' '.join(g)!r} with {name}")
    # Chinese: 12-character runs against cn_boss
    zh = [(i, re.sub(r"\s+", "", r["text"])) for i, r in enumerate(rows, 2) if r["language"] == "zh"]
    zh_grams = {}
    for i, t in zh:
        t = re.sub(r"^\d+[、.．)]", "", t)
        for j in range(len(t) - ZH_N + 1):
            zh_grams.setdefault(t[j:j + ZH_N], []).append(i)
    boss = CORPORA / "cn_boss/boss_python_jobs.csv"
    if boss.exists():
        blob = re.sub(r"\s+", "", boss.read_text(encoding="utf-8", errors="replace"))
        for j in range(len(blob) - ZH_N + 1):
            g = blob[j:j + ZH_N]
            if g in zh_grams:
                for i in zh_grams[g]:
                    errors.append(f"line {i}: shares the 12-character run {g!r} with cn_boss")
    else:
        errors.append(f"corpus file missing: {boss}")

    # notes file
    notes_path = path.parent / "notes_4.csv"
    ncols, notes = read(notes_path)
    if ncols != ["row", "language", "area", "boundary", "note"]:
        errors.append(f"notes_4.csv columns {ncols}")
    if [(n["row"], n["language"], n["area"]) for n in notes] != [(str(i), r["language"], r["area"]) for i, r in enumerate(rows, 2)]:
        errors.append("notes_4.csv does not match duty_lines_4.csv row for row")
    for i, n in enumerate(notes, 2):
        if not n["note"]:
            errors.append(f"notes line {i}: no quoted rule")
        if n["boundary"]:
            if n["boundary"] not in BOUNDARIES:
                errors.append(f"notes line {i}: unknown boundary {n['boundary']!r}")
            elif n["area"] not in n["boundary"].split(" vs "):
                errors.append(f"notes line {i}: area {n['area']} not on its boundary")

    by_area = Counter(r["area"] for r in rows)
    by_lang = Counter(r["language"] for r in rows)
    cell = Counter((r["area"], r["language"]) for r in rows)
    by_b = Counter((n["boundary"] or "(none)", n["language"]) for n in notes)
    if len(rows) < MIN_ROWS:
        errors.append(f"{len(rows)} rows, need at least {MIN_ROWS}")
    for a in AREAS:
        if by_area[a] == 0:
            errors.append(f"area {a} missing")
    shares = {l: 100 * by_lang[l] / max(len(rows), 1) for l in LANGS}
    for l, want in (("en", 80), ("ru", 15), ("zh", 5)):
        if abs(shares[l] - want) > 5:
            errors.append(f"language {l} share {shares[l]:.0f}% is more than 5 points from {want}%")
    print(f"rows: {len(rows)}  " + "  ".join(f"{l}={by_lang[l]} ({shares[l]:.0f}%)" for l in LANGS))
    print(f"{'area':24}" + "".join(f"{l:>6}" for l in LANGS) + f"{'all':>6}")
    for a in AREAS:
        print(f"{a:24}" + "".join(f"{cell[(a, l)]:>6}" for l in LANGS) + f"{by_area[a]:>6}")
    print(f"{'boundary':48}" + "".join(f"{l:>6}" for l in LANGS) + f"{'all':>6}")
    for b in BOUNDARIES + ["(none)"]:
        print(f"{b:48}" + "".join(f"{by_b[(b, l)]:>6}" for l in LANGS) + f"{sum(by_b[(b, l)] for l in LANGS):>6}")
    print(f"highest difflib ratio to duty_lines 1-3/responsibilities: {max_sim:.2f} {max_pair or ''}; within set: {max_in:.2f}")
    print(f"corpus 8-word check: {sum(1 for r in rows if r['language'] != 'zh')} en/ru lines against {n_docs} corpus texts; "
          f"zh 12-character check: {len(zh)} lines against cn_boss")
    if errors:
        print(f"FAILED: {len(errors)} problem(s)")
        for e in errors:
            print("  " + e)
        sys.exit(1)
    print("OK: all checks passed")


if __name__ == "__main__":
    main()
