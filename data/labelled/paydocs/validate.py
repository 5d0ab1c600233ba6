"""Validate paydocs.csv: columns, labels, hashes, half rule, nopay overlap, repost leak, counts.
Usage: python validate.py [CORPORA_DIR]   (default: $WORKBENCH_SHARED/corpora, else ../shared/corpora beside the repository)"""
import csv, hashlib, os, re, sys
from collections import Counter
from pathlib import Path

HERE = Path(__file__).resolve().parent
if len(sys.argv) > 1:
    CORP = Path(sys.argv[1])
elif os.environ.get("WORKBENCH_SHARED"):
    CORP = Path(os.environ["WORKBENCH_SHARED"]) / "corpora"
else:
    CORP = Path(__file__).resolve().parents[4] / "shared" / "corpora"
NOPAY = [HERE.parent / "nopay" / "nopay_postings.csv"]
SRC = {"glassdoor": ("glassdoor/glassdoor_jobs.csv", "Job Description", "Unnamed: 0"),
       "linkedin_us": ("linkedin_us/postings_linkedin_kaggle_subset.csv", "description", "job_id"),
       "uk_ads": ("uk_ads/adzuna_uk_data_jobs.csv", "job_description", "adzuna_id"),
       "hh_ru": ("hh_ru/hh_ru_vacancies.csv", "description_text", "vacancy_id")}
COLS = "corpus,id,field,text_sha1,category,low,high,currency,period,several,ote_also,shape,note,half".split(",")
CATS = {"base_pay", "none", "non_pay_money", "board_estimate"}
CURS = {"USD", "GBP", "EUR", "RUB", "BYN", "CNY"}
PERIODS = {"hour", "day", "week", "month", "year"}

def half(key):
    return "tune" if int(hashlib.sha1(key.encode("utf-8")).hexdigest()[:8], 16) % 2 == 0 else "holdout"

def head(t):
    return re.sub(r"\s+", " ", t.lower()).strip()[:300]

def main():
    err = []
    csv.field_size_limit(10**9)
    texts, halves = {}, {}
    for c, (f, fld, idc) in SRC.items():
        with open(CORP / f, encoding="utf-8", newline="") as fh:
            for r in csv.DictReader(fh):
                texts[(c, r[idc] if idc in r else r[""])] = r[fld]
    hold_heads = {}
    for (c, i), t in texts.items():
        if half(f"{c}:{i}") == "holdout":
            hold_heads.setdefault(c, set()).add(head(t))
    nop = set()
    for p in NOPAY:
        if p.exists():
            with open(p, encoding="utf-8") as fh:
                nop = {(r["corpus"], r["id"]) for r in csv.DictReader(fh)}
            break
    else:
        err.append("nopay_postings.csv not found; overlap not checked")
    with open(HERE / "paydocs.csv", encoding="utf-8", newline="") as fh:
        rd = csv.DictReader(fh); rows = list(rd)
        if rd.fieldnames != COLS:
            err.append(f"columns {rd.fieldnames} != {COLS}")
    seen, shas = set(), Counter()
    for n, r in enumerate(rows, 2):
        k = (r["corpus"], r["id"]); tag = f"line {n} {k}"
        if r["corpus"] not in SRC: err.append(f"{tag}: bad corpus"); continue
        if k in seen: err.append(f"{tag}: duplicate id")
        seen.add(k)
        if r["field"] != SRC[r["corpus"]][1]: err.append(f"{tag}: field")
        t = texts.get(k)
        if t is None: err.append(f"{tag}: id not in corpus"); continue
        if hashlib.sha1(t.encode("utf-8")).hexdigest()[:12] != r["text_sha1"]: err.append(f"{tag}: text_sha1 mismatch")
        shas[r["text_sha1"]] += 1
        if r["half"] != half(f"{r['corpus']}:{r['id']}") or r["half"] != "tune": err.append(f"{tag}: half")
        if k in nop: err.append(f"{tag}: in nopay set")
        if head(t) in hold_heads.get(r["corpus"], set()): err.append(f"{tag}: first 300 chars equal a holdout posting")
        for col in ("category", "shape", "note", "several", "ote_also"):
            if not r[col].strip(): err.append(f"{tag}: empty {col}")
        if r["category"] not in CATS: err.append(f"{tag}: category {r['category']}")
        if r["several"] not in ("true", "false") or r["ote_also"] not in ("true", "false"): err.append(f"{tag}: bool")
        if r["category"] == "base_pay":
            if not (r["low"] or r["high"]): err.append(f"{tag}: base_pay without amount")
            try:
                lo = float(r["low"]) if r["low"] else None; hi = float(r["high"]) if r["high"] else None
                if lo is not None and hi is not None and lo > hi: err.append(f"{tag}: low > high")
            except ValueError:
                err.append(f"{tag}: amount not numeric")
            if r["currency"] not in CURS: err.append(f"{tag}: currency {r['currency']}")
            if r["period"] not in PERIODS: err.append(f"{tag}: period {r['period']}")
            if r["several"] == "true" and "several_ranges" not in r["shape"] and "location_ranges" not in r["shape"] \
                    and "header_body_differ" not in r["shape"]:
                err.append(f"{tag}: several without a shape tag explaining it")
        else:
            if any(r[c] for c in ("low", "high", "currency", "period")): err.append(f"{tag}: amounts on a no-pay row")
            if r["several"] != "false" or r["ote_also"] != "false": err.append(f"{tag}: flags on a no-pay row")
        if r["category"] == "board_estimate" and "board_estimate_header" not in r["shape"]: err.append(f"{tag}: board_estimate tag")
        if re.search(r"\d", re.sub(r"(?i)\b(401k|k8s)\b", "", r["note"])): err.append(f"{tag}: digit in note (mask figures as N)")
        nw = r["note"].lower().split(); tw = " ".join(re.findall(r"\w+", t.lower()))
        for j in range(len(nw) - 4):
            g = " ".join(re.findall(r"\w+", " ".join(nw[j:j + 5])))
            if len(g.split()) == 5 and f" {g} " in f" {tw} ": err.append(f"{tag}: note shares 5 words with posting: {g}")
    for s, m in shas.items():
        if m > 1: err.append(f"text_sha1 {s} appears {m} times")
    per = Counter((r["corpus"], r["category"]) for r in rows)
    tot = Counter(r["corpus"] for r in rows); cats = Counter(r["category"] for r in rows)
    if len(rows) < 160: err.append(f"only {len(rows)} rows")
    if cats["base_pay"] < 0.5 * len(rows): err.append("base_pay under half")
    if len(rows) - cats["base_pay"] < 0.3 * len(rows): err.append("negatives under 30%")
    for c in SRC:
        if tot[c] < 25: err.append(f"{c}: only {tot[c]} rows")
    print("rows", len(rows), dict(tot)); print("categories", dict(cats))
    for c in SRC: print(" ", c, {k[1]: v for k, v in per.items() if k[0] == c})
    print(f"{len(err)} errors"); [print(" -", e) for e in err]
    return 1 if err else 0

if __name__ == "__main__":
    sys.exit(main())
