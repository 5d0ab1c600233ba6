"""Validate paydocs3.csv (third whole-posting base-pay set, same form as data/labelled/paydocs and paydocs2).

Usage: python validate.py [CORPORA_DIR] [LABELLED_DIR]
Corpora: argument 1, else $WORKBENCH_SHARED/corpora when set, else ../shared/corpora
beside the repository. Earlier sets: argument 2, else the parent folder of this one (data/labelled/).

Checks: column list equal to paydocs.csv; vocabularies; empty labels; text_sha1 recomputed from the corpus;
half recomputed by the CONVENTIONS.md rule and equal to "tune"; no row in ANY earlier set under data/labelled/
that lists corpus+id (every CSV with corpus and id columns, by corpus+id and, where the set stores text_sha1, by
text hash), except locations/uk_locations.csv, whose overlap is reported, not an error (it labels the location
column of every uk_ads row); no first-300-character match with any holdout posting of the same corpus, nor with
any posting of an earlier set; unique ids, texts and heads; amount/category consistency (low <= high, amounts only
on base_pay, currency and period set on base_pay, from/open_end tags); several=true explained by a shape tag;
board_estimate rows carry the estimate-header tag; notes without digits and without any 5-word run shared with the
posting; minimum counts.
"""
import csv
import hashlib
import os
import re
import sys
from collections import Counter
from pathlib import Path

HERE = Path(__file__).resolve().parent


def pick_corpora():
    if len(sys.argv) > 1:
        return Path(sys.argv[1])
    if os.environ.get("WORKBENCH_SHARED"):
        return Path(os.environ["WORKBENCH_SHARED"]) / "corpora"
    return HERE.parents[3] / "shared" / "corpora"


def pick_labelled():
    if len(sys.argv) > 2:
        return Path(sys.argv[2])
    return HERE.parent


CORP = pick_corpora()
LABELLED = pick_labelled()
SRC = {"glassdoor": ("glassdoor/glassdoor_jobs.csv", "Job Description", "Unnamed: 0"),
       "linkedin_us": ("linkedin_us/postings_linkedin_kaggle_subset.csv", "description", "job_id"),
       "uk_ads": ("uk_ads/adzuna_uk_data_jobs.csv", "job_description", "adzuna_id"),
       "hh_ru": ("hh_ru/hh_ru_vacancies.csv", "description_text", "vacancy_id")}
CATS = {"base_pay", "none", "non_pay_money", "board_estimate"}
CURS = {"USD", "GBP", "EUR", "RUB", "BYN", "CNY"}
PERIODS = {"hour", "day", "week", "month", "year"}
SEVERAL_TAGS = ("several_ranges", "location_ranges", "header_body_differ")
# Sets whose overlap is reported, not an error: uk_locations labels the location column of every uk_ads row;
# duties7 was written at the same time as this set, by another labeller, and labels duty spans, not pay.
REPORT_ONLY = {"locations/uk_locations.csv", "duties7/duties.csv", "duties7/postings.csv"}
MIN_ROWS = 200
MIN_PER_CORPUS = {"glassdoor": 25, "uk_ads": 50, "hh_ru": 60}


def half(key):
    return "tune" if int(hashlib.sha1(key.encode("utf-8")).hexdigest()[:8], 16) % 2 == 0 else "holdout"


def sha12(text):
    return hashlib.sha1(text.encode("utf-8")).hexdigest()[:12]


def head(text):
    return re.sub(r"\s+", " ", text.lower()).strip()[:300]


def load_corpora():
    csv.field_size_limit(10**9)
    texts = {}
    for corpus, (path, field, idcol) in SRC.items():
        with open(CORP / path, encoding="utf-8", newline="") as fh:
            for row in csv.DictReader(fh):
                rid = row[idcol] if idcol in row else row[""]
                texts[(corpus, rid)] = row[field]
    return texts


def load_earlier():
    keys, shas, report = {}, set(), {}
    for path in sorted(LABELLED.rglob("*.csv")):
        rel = path.relative_to(LABELLED).as_posix()
        if path.resolve().parent == HERE:
            continue
        with open(path, encoding="utf-8", newline="") as fh:
            rd = csv.DictReader(fh)
            if not rd.fieldnames or "corpus" not in rd.fieldnames or "id" not in rd.fieldnames:
                continue
            for r in rd:
                k = (r["corpus"], r["id"])
                if rel in REPORT_ONLY:
                    report.setdefault(k, rel)
                    continue
                keys.setdefault(k, rel)
                if r.get("text_sha1"):
                    shas.add(r["text_sha1"])
    return keys, shas, report


def main():
    err = []
    texts = load_corpora()
    hold_heads = {}
    for (corpus, rid), text in texts.items():
        if half(f"{corpus}:{rid}") == "holdout":
            hold_heads.setdefault(corpus, set()).add(head(text))
    with open(LABELLED / "paydocs" / "paydocs.csv", encoding="utf-8", newline="") as fh:
        paydocs_cols = csv.DictReader(fh).fieldnames
    prev_keys, prev_sha, report_keys = load_earlier()
    prev_heads = {}
    for (corpus, rid) in prev_keys:
        if (corpus, rid) in texts:
            prev_heads.setdefault(corpus, set()).add(head(texts[(corpus, rid)]))

    with open(HERE / "paydocs3.csv", encoding="utf-8", newline="") as fh:
        rd = csv.DictReader(fh)
        rows = list(rd)
        if rd.fieldnames != paydocs_cols:
            err.append(f"columns {rd.fieldnames} != paydocs columns {paydocs_cols}")

    seen, shas, heads, overlap_report = set(), Counter(), Counter(), []
    for n, r in enumerate(rows, 2):
        key = (r["corpus"], r["id"])
        tag = f"line {n} {key}"
        if r["corpus"] not in SRC:
            err.append(f"{tag}: unknown corpus")
            continue
        if key in seen:
            err.append(f"{tag}: duplicate id")
        seen.add(key)
        if r["field"] != SRC[r["corpus"]][1]:
            err.append(f"{tag}: field should be {SRC[r['corpus']][1]}")
        text = texts.get(key)
        if text is None:
            err.append(f"{tag}: id not in corpus")
            continue
        if sha12(text) != r["text_sha1"]:
            err.append(f"{tag}: text_sha1 mismatch")
        shas[r["text_sha1"]] += 1
        heads[(r["corpus"], head(text))] += 1
        if r["half"] != half(f"{r['corpus']}:{r['id']}"):
            err.append(f"{tag}: half column does not match the rule")
        if r["half"] != "tune":
            err.append(f"{tag}: not a tuning-half posting")
        if key in prev_keys:
            err.append(f"{tag}: already in {prev_keys[key]} (id)")
        if r["text_sha1"] in prev_sha:
            err.append(f"{tag}: text hash already in an earlier set")
        if head(text) in hold_heads.get(r["corpus"], set()):
            err.append(f"{tag}: first 300 characters equal a holdout posting")
        if head(text) in prev_heads.get(r["corpus"], set()):
            err.append(f"{tag}: first 300 characters equal a posting of an earlier set")
        if key in report_keys:
            overlap_report.append(key)
        for col in ("category", "shape", "note", "several", "ote_also"):
            if not r[col].strip():
                err.append(f"{tag}: empty {col}")
        if r["category"] not in CATS:
            err.append(f"{tag}: category {r['category']}")
        if r["several"] not in ("true", "false") or r["ote_also"] not in ("true", "false"):
            err.append(f"{tag}: several/ote_also must be true or false")
        tags = r["shape"].split(";")
        if any(not re.fullmatch(r"[a-z0-9_]+", t) for t in tags) or len(set(tags)) != len(tags):
            err.append(f"{tag}: malformed or repeated shape tag in {r['shape']}")
        if r["category"] == "base_pay":
            if not (r["low"] or r["high"]):
                err.append(f"{tag}: base_pay without amount")
            try:
                lo = float(r["low"]) if r["low"] else None
                hi = float(r["high"]) if r["high"] else None
                if lo is not None and hi is not None and lo > hi:
                    err.append(f"{tag}: low > high")
                if (lo is not None and lo <= 0) or (hi is not None and hi <= 0):
                    err.append(f"{tag}: non-positive amount")
            except ValueError:
                err.append(f"{tag}: amount not numeric")
            if r["currency"] not in CURS:
                err.append(f"{tag}: currency {r['currency']}")
            if r["period"] not in PERIODS:
                err.append(f"{tag}: period {r['period']}")
            if r["several"] == "true" and not any(t in tags for t in SEVERAL_TAGS):
                err.append(f"{tag}: several=true without a tag explaining it")
            if r["low"] and not r["high"] and "from" not in tags:
                err.append(f"{tag}: low only but no 'from' tag")
            if r["high"] and not r["low"] and "open_end" not in tags:
                err.append(f"{tag}: high only but no 'open_end' tag")
        else:
            if any(r[c] for c in ("low", "high", "currency", "period")):
                err.append(f"{tag}: amounts on a no-pay row")
            if r["several"] != "false" or r["ote_also"] != "false":
                err.append(f"{tag}: flags set on a no-pay row")
        if r["category"] == "board_estimate" and "board_estimate_header" not in tags:
            err.append(f"{tag}: board_estimate without board_estimate_header tag")
        if re.search(r"\d", re.sub(r"(?i)\b(401k|k8s)\b", "", r["note"])):
            err.append(f"{tag}: digit in note (mask figures)")
        note_words = r["note"].lower().split()
        text_words = " " + " ".join(re.findall(r"\w+", text.lower())) + " "
        for j in range(len(note_words) - 4):
            gram = " ".join(re.findall(r"\w+", " ".join(note_words[j:j + 5])))
            if len(gram.split()) == 5 and f" {gram} " in text_words:
                err.append(f"{tag}: note shares 5 words with the posting: {gram}")
    for s, m in shas.items():
        if m > 1:
            err.append(f"text_sha1 {s} appears {m} times")
    for (c, h), m in heads.items():
        if m > 1:
            err.append(f"{c}: {m} rows share their first 300 characters")

    per = Counter((r["corpus"], r["category"]) for r in rows)
    tot = Counter(r["corpus"] for r in rows)
    cats = Counter(r["category"] for r in rows)
    if len(rows) < MIN_ROWS:
        err.append(f"only {len(rows)} rows (minimum {MIN_ROWS})")
    for corpus, m in MIN_PER_CORPUS.items():
        if tot[corpus] < m:
            err.append(f"{corpus}: only {tot[corpus]} rows (minimum {m})")

    print(f"corpora: {CORP}")
    print(f"earlier sets: {LABELLED} ({len(prev_keys)} corpus+id keys checked)")
    print("rows", len(rows), dict(sorted(tot.items())))
    print("categories", dict(sorted(cats.items())))
    for corpus in SRC:
        print(" ", corpus, dict(sorted((k[1], v) for k, v in per.items() if k[0] == corpus)))
    bp = [r for r in rows if r["category"] == "base_pay"]
    print("base_pay currency", dict(sorted(Counter(r["currency"] for r in bp).items())))
    print("base_pay period", dict(sorted(Counter(r["period"] for r in bp).items())))
    print("several=true", sum(r["several"] == "true" for r in rows), " ote_also=true", sum(r["ote_also"] == "true" for r in rows),
          " up-to (low empty)", sum(1 for r in bp if not r["low"]), " from (high empty)", sum(1 for r in bp if not r["high"]))
    print("shape tags", dict(Counter(t for r in rows for t in r["shape"].split(";")).most_common()))
    print(f"also in locations/uk_locations.csv or duties7 (reported, allowed): {len(overlap_report)}",
          dict(sorted(Counter(k[0] for k in overlap_report).items())))
    print(f"{len(err)} errors")
    for e in err:
        print(" -", e)
    return 1 if err else 0


if __name__ == "__main__":
    sys.exit(main())
