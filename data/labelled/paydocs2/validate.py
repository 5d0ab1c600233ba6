"""Validate paydocs2.csv (second whole-posting base-pay set, same form as data/labelled/paydocs).

Usage: python validate.py
Corpora: $WORKBENCH_SHARED/corpora when WORKBENCH_SHARED is set, else ../shared/corpora beside the repository.
Earlier sets: the sibling folders of this one (paydocs/paydocs.csv, nopay/nopay_postings.csv).

Checks: column list equal to paydocs.csv; vocabularies; empty labels; text_sha1 recomputed from the corpus;
half recomputed by the CONVENTIONS.md rule and equal to "tune"; no row in paydocs (by corpus+id and by text_sha1);
no first-300-character match with any holdout posting of the same corpus; unique ids and texts; amount/category
consistency (low <= high, amounts only on base_pay, currency and period set on base_pay); several=true explained
by a shape tag; board_estimate rows carry the estimate-header tag; notes without digits and without any 5-word run
shared with the posting; minimum counts. Overlap with nopay_postings.csv is reported, not an error.
"""
import csv
import hashlib
import os
import re
import sys
from collections import Counter
from pathlib import Path

HERE = Path(__file__).resolve().parent
CORP = Path(os.environ["WORKBENCH_SHARED"]) / "corpora" if os.environ.get("WORKBENCH_SHARED") else HERE.parents[3] / "shared" / "corpora"
LABELLED = HERE.parent
SRC = {"glassdoor": ("glassdoor/glassdoor_jobs.csv", "Job Description", "Unnamed: 0"),
       "linkedin_us": ("linkedin_us/postings_linkedin_kaggle_subset.csv", "description", "job_id"),
       "uk_ads": ("uk_ads/adzuna_uk_data_jobs.csv", "job_description", "adzuna_id"),
       "hh_ru": ("hh_ru/hh_ru_vacancies.csv", "description_text", "vacancy_id")}
CATS = {"base_pay", "none", "non_pay_money", "board_estimate"}
CURS = {"USD", "GBP", "EUR", "RUB", "BYN", "CNY"}
PERIODS = {"hour", "day", "week", "month", "year"}
SEVERAL_TAGS = ("several_ranges", "location_ranges", "header_body_differ")
MIN_ROWS = 120
MIN_PER_CORPUS = {"glassdoor": 25, "linkedin_us": 25, "uk_ads": 50, "hh_ru": 40}


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


def main():
    err, info = [], []
    texts = load_corpora()
    hold_heads = {}
    for (corpus, rid), text in texts.items():
        if half(f"{corpus}:{rid}") == "holdout":
            hold_heads.setdefault(corpus, set()).add(head(text))

    with open(LABELLED / "paydocs" / "paydocs.csv", encoding="utf-8", newline="") as fh:
        rd = csv.DictReader(fh)
        paydocs_cols = rd.fieldnames
        prev = list(rd)
    prev_keys = {(r["corpus"], r["id"]) for r in prev}
    prev_sha = {r["text_sha1"] for r in prev}
    nopay_keys = set()
    nopay_path = LABELLED / "nopay" / "nopay_postings.csv"
    if nopay_path.exists():
        with open(nopay_path, encoding="utf-8", newline="") as fh:
            nopay_keys = {(r["corpus"], r["id"]) for r in csv.DictReader(fh)}

    with open(HERE / "paydocs2.csv", encoding="utf-8", newline="") as fh:
        rd = csv.DictReader(fh)
        rows = list(rd)
        if rd.fieldnames != paydocs_cols:
            err.append(f"columns {rd.fieldnames} != paydocs columns {paydocs_cols}")

    seen, shas = set(), Counter()
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
        if r["half"] != half(f"{r['corpus']}:{r['id']}"):
            err.append(f"{tag}: half column does not match the rule")
        if r["half"] != "tune":
            err.append(f"{tag}: not a tuning-half posting")
        if key in prev_keys:
            err.append(f"{tag}: already in paydocs (id)")
        if r["text_sha1"] in prev_sha:
            err.append(f"{tag}: already in paydocs (text hash)")
        if head(text) in hold_heads.get(r["corpus"], set()):
            err.append(f"{tag}: first 300 characters equal a holdout posting")
        if key in nopay_keys:
            info.append(key)
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

    per = Counter((r["corpus"], r["category"]) for r in rows)
    tot = Counter(r["corpus"] for r in rows)
    cats = Counter(r["category"] for r in rows)
    if len(rows) < MIN_ROWS:
        err.append(f"only {len(rows)} rows (minimum {MIN_ROWS})")
    for corpus, m in MIN_PER_CORPUS.items():
        if tot[corpus] < m:
            err.append(f"{corpus}: only {tot[corpus]} rows (minimum {m})")
    if cats["base_pay"] < 0.4 * len(rows):
        err.append("base_pay under 40% of rows")
    if len(rows) - cats["base_pay"] < 0.3 * len(rows):
        err.append("negatives under 30% of rows")

    print(f"corpora: {CORP}")
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
    print(f"also in nopay_postings.csv (reported, allowed): {len(info)}", dict(sorted(Counter(k[0] for k in info).items())))
    print(f"{len(err)} errors")
    for e in err:
        print(" -", e)
    return 1 if err else 0


if __name__ == "__main__":
    sys.exit(main())
