"""Validate duty_lines_3.csv (set 3 of team-written duty lines for the area classifier) and notes_3.csv.

Run: python validate_3.py [path/to/duty_lines_3.csv]   (standard library only)
Checks: columns exactly as duty_lines_2.csv; allowed languages/areas; no empty labels; half=train;
no repeated text within the set or with duty_lines sets 1-2 (and responsibilities.csv); difflib ratio
< 0.75 to sets 1-2; no run of 8+ words shared with any corpus posting (linkedin_us description,
uk_ads job_description, hh_ru description_text and hh_ru snippets); Chinese lines: no run of 12+
characters shared with cn_boss; notes_3.csv matches the CSV row for row; counts.
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
LABELLED = Path(os.environ.get("WORKBENCH_LABELLED", HERE.parent))  # data/labelled
# corpora: $WORKBENCH_CORPORA, else $WORKBENCH_SHARED/corpora, else ../shared/corpora beside the repository
CORPORA = Path(os.environ.get("WORKBENCH_CORPORA") or (Path(os.environ["WORKBENCH_SHARED"]) / "corpora" if os.environ.get("WORKBENCH_SHARED") else HERE.parents[3] / "shared" / "corpora"))
AREAS = ["client_relationship", "growth_new_business", "financial_management", "team_leadership",
         "strategy_planning", "delivery_operations", "reporting_forecasting", "negotiation_contracts",
         "internal_coordination", "quality_process", "other"]
LANGS = ["en", "ru", "zh"]
BOUNDARIES = ["delivery_operations vs quality_process", "delivery_operations vs internal_coordination",
              "delivery_operations vs reporting_forecasting", "delivery_operations vs strategy_planning",
              "growth_new_business vs strategy_planning", "client_relationship vs internal_coordination",
              "delivery_operations vs other", "delivery_operations vs team_leadership"]
N, ZH_N, SIM_LIMIT, MIN_ROWS = 8, 12, 0.75, 600
WORD = re.compile(r"\w+", re.UNICODE)


def norm(s):
    return re.sub(r"\s+", " ", s).strip().lower()


def words(s):
    return WORD.findall(s.lower().replace("ё", "е"))


def read(path):
    with open(path, encoding="utf-8", newline="") as f:
        r = csv.DictReader(f)
        return r.fieldnames, list(r)


def main():
    path = Path(sys.argv[1]) if len(sys.argv) > 1 else HERE / "duty_lines_3.csv"
    errors = []
    cols2, _ = read(LABELLED / "duty_lines/duty_lines_2.csv")
    cols, rows = read(path)
    if cols != cols2:
        errors.append(f"columns {cols} differ from duty_lines_2.csv {cols2}")
    seen = {}
    for i, r in enumerate(rows, 2):
        t = r.get("text") or ""
        if not t.strip() or t != t.strip() or "\n" in t or "\r" in t:
            errors.append(f"line {i}: empty text, surrounding space or line break")
        if r.get("language") not in LANGS:
            errors.append(f"line {i}: bad language {r.get('language')!r}")
        if r.get("area") not in AREAS:
            errors.append(f"line {i}: bad or empty area {r.get('area')!r}")
        if r.get("half") != "train":
            errors.append(f"line {i}: half {r.get('half')!r} != 'train'")
        k = norm(t)
        if k in seen:
            errors.append(f"line {i}: duplicate of line {seen[k]}: {t!r}")
        seen.setdefault(k, i)

    # earlier sets: exact repeats and near-copies
    others = []
    for rel in ("duty_lines/duty_lines.csv", "duty_lines/duty_lines_2.csv", "responsibilities.csv"):
        others += [(rel, norm(x["text"])) for x in read(LABELLED / rel)[1]]
    exact = {o: rel for rel, o in others}
    max_sim = 0.0
    for i, r in enumerate(rows, 2):
        k = norm(r["text"])
        if k in exact:
            errors.append(f"line {i}: repeats a line of {exact[k]}: {r['text']!r}")
            continue
        sm = difflib.SequenceMatcher(None, "", k, autojunk=False)
        for rel, o in others:
            sm.set_seq1(o)
            if sm.real_quick_ratio() < SIM_LIMIT or sm.quick_ratio() < SIM_LIMIT:
                continue
            ratio = sm.ratio()
            max_sim = max(max_sim, ratio)
            if ratio >= SIM_LIMIT:
                errors.append(f"line {i}: {ratio:.2f} similar to {rel} line {o!r}: {r['text']!r}")
    # within-set near-copies
    max_in = 0.0
    keys = [norm(r["text"]) for r in rows]
    for a in range(len(keys)):
        sm = difflib.SequenceMatcher(None, "", keys[a], autojunk=False)
        for b in range(a + 1, len(keys)):
            sm.set_seq1(keys[b])
            if sm.real_quick_ratio() < SIM_LIMIT or sm.quick_ratio() < SIM_LIMIT:
                continue
            ratio = sm.ratio()
            max_in = max(max_in, ratio)
            if ratio >= SIM_LIMIT:
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

    # notes file
    notes_path = path.parent / "notes_3.csv"
    ncols, notes = read(notes_path)
    # ``row`` is the line number of the same duty in duty_lines_3.csv (the text is not repeated here)
    if ncols != ["row", "language", "area", "boundary", "note"]:
        errors.append(f"notes_3.csv columns {ncols}")
    if [(n["row"], n["language"], n["area"]) for n in notes] != [(str(i), r["language"], r["area"]) for i, r in enumerate(rows, 2)]:
        errors.append("notes_3.csv does not match duty_lines_3.csv row for row")
    for i, n in enumerate(notes, 2):
        if n["boundary"]:
            if n["boundary"] not in BOUNDARIES:
                errors.append(f"notes line {i}: unknown boundary {n['boundary']!r}")
            elif n["area"] not in n["boundary"].split(" vs "):
                errors.append(f"notes line {i}: area {n['area']} not on its boundary")
            if not n["note"]:
                errors.append(f"notes line {i}: boundary line without a quoted rule")

    by_area = Counter(r["area"] for r in rows)
    by_lang = Counter(r["language"] for r in rows)
    cell = Counter((r["area"], r["language"]) for r in rows)
    by_b = Counter((n["boundary"] or "(none)", n["language"]) for n in notes)
    if len(rows) < MIN_ROWS:
        errors.append(f"{len(rows)} rows, need at least {MIN_ROWS}")
    for a in AREAS:
        if by_area[a] == 0:
            errors.append(f"area {a} missing")
    print(f"rows: {len(rows)}  " + "  ".join(f"{l}={by_lang[l]} ({100 * by_lang[l] / len(rows):.0f}%)" for l in LANGS))
    print(f"{'area':24}" + "".join(f"{l:>6}" for l in LANGS) + f"{'all':>6}")
    for a in AREAS:
        print(f"{a:24}" + "".join(f"{cell[(a, l)]:>6}" for l in LANGS) + f"{by_area[a]:>6}")
    print(f"{'boundary':46}" + "".join(f"{l:>6}" for l in LANGS) + f"{'all':>6}")
    for b in BOUNDARIES + ["(none)"]:
        print(f"{b:46}" + "".join(f"{by_b[(b, l)]:>6}" for l in LANGS) + f"{sum(by_b[(b, l)] for l in LANGS):>6}")
    print(f"highest difflib ratio to sets 1-2/responsibilities: {max_sim:.2f}; within set: {max_in:.2f}")
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
