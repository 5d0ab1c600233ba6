"""Validate pay_fields_2.csv: columns, allowed values, distinctness vs the three existing sets,
low <= high, half == tune2, board constants."""
import csv, re, sys, unicodedata, collections, pathlib
HERE = pathlib.Path(__file__).parent
LAB = HERE.parent  # data/labelled
COLS = ["text","language","shape","currency_arg","market_arg","n_mentions","low","high","currency",
        "period","component","gross","months_per_year","masked","note","source_field","half"]
BOARD = {"GB":("en","GBP"),"US":("en","USD"),"RU":("ru","RUB"),"BY":("ru","BYN"),"CN":("zh","CNY")}
SOURCES = {"adzuna_SalaryRaw","reed_salary","totaljobs_salary","cv_library_salary","indeed_uk_salary",
 "linkedin_uk_salary","glassdoor_uk_salary","indeed_us_salary","linkedin_us_salary","glassdoor_us_salary",
 "us_board_salary","jsonld_baseSalary","hh_ru_salary","hh_by_salary","superjob_salary","boss_zhipin_salary",
 "zhaopin_salary","51job_salary","liepin_lagou_salary"}
PERIODS = {"hour","day","week","month","year"}
COMPS = {"base","ote","commission","bonus","allowance","total","unspecified"}
NUM = re.compile(r"^(0|[1-9]\d*)(\.\d*[1-9])?$")
errs = []
def err(i, msg): errs.append(f"row {i}: {msg}")
with open(HERE/"pay_fields_2.csv", newline="", encoding="utf-8") as fh:
    rd = csv.DictReader(fh); rows = list(rd)
    if rd.fieldnames != COLS: errs.append(f"columns {rd.fieldnames}")
def norm(s): return re.sub(r"\s+", " ", unicodedata.normalize("NFKC", s)).strip().casefold()
others = {}
for name in ["pay_fields/pay_fields.csv", "salary_labelled.csv", "salary_holdout.csv"]:
    with open(LAB/name, newline="", encoding="utf-8") as fh:
        for r in csv.DictReader(fh): others.setdefault(norm(r["text"]), name)
seen = set()
for i, r in enumerate(rows, 2):
    t = r["text"]
    if not t or t != t.strip(): err(i, "empty or padded text")
    if norm(t) in seen: err(i, f"duplicate text {t!r}")
    seen.add(norm(t))
    if norm(t) in others: err(i, f"text also in {others[norm(t)]}: {t!r}")
    if r["half"] != "tune2": err(i, "half != tune2")
    if r["source_field"] not in SOURCES: err(i, "source_field")
    if r["market_arg"] not in BOARD: err(i, "market_arg"); continue
    lang, ccy = BOARD[r["market_arg"]]
    if r["language"] != lang or r["currency_arg"] != ccy: err(i, "language/currency_arg vs market")
    if not r["shape"].startswith("field_"): err(i, "shape prefix")
    n = r["n_mentions"]
    if not n.isdigit(): err(i, "n_mentions"); continue
    if n == "0":
        if r["shape"] != "field_not_pay": err(i, "n=0 must be field_not_pay")
        for c in ["low","high","currency","period","component","gross","months_per_year","masked"]:
            if r[c]: err(i, f"n=0 but {c} filled")
        continue
    if r["shape"] == "field_not_pay": err(i, "field_not_pay with n>0")
    if not re.fullmatch(r"[A-Z]{3}", r["currency"]): err(i, "currency")
    if r["currency"] != ccy and r["shape"] != "field_ru_foreign_ccy": err(i, "foreign currency outside field_ru_foreign_ccy")
    if r["component"] not in COMPS: err(i, "component")
    if r["gross"] not in {"", "true", "false"}: err(i, "gross")
    if r["masked"] != "false": err(i, "masked")
    if r["months_per_year"] and not (r["months_per_year"].isdigit() and 12 <= int(r["months_per_year"]) <= 18): err(i, "months_per_year")
    lo, hi = r["low"], r["high"]
    if lo or hi:
        if r["period"] not in PERIODS: err(i, "period")
        for v in (lo, hi):
            if v and not NUM.match(v): err(i, f"number format {v!r}")
        if lo and hi and float(lo) > float(hi): err(i, "low > high")
        if r["shape"] == "field_negotiable": err(i, "negotiable with amount")
    else:
        if r["period"]: err(i, "amount-less with period")
        if r["shape"] != "field_negotiable": err(i, "amount-less row must be field_negotiable")
    if int(n) > 3: err(i, "n_mentions > 3?")
print(f"{len(rows)} rows checked against {len(others)} existing texts")
c = collections.Counter
print("language:", dict(c(r["language"] for r in rows)))
print("market:", dict(c(r["market_arg"] for r in rows)))
print("n_mentions:", dict(sorted(c(r["n_mentions"] for r in rows).items())))
kind = lambda r: "not pay" if r["n_mentions"]=="0" else ("amount" if r["low"] or r["high"] else "no amount")
print("kind x lang:", dict(c((kind(r), r["language"]) for r in rows)))
print("period:", dict(c(r["period"] for r in rows if r["period"])))
print("currency:", dict(c(r["currency"] for r in rows if r["currency"])))
print("gross:", dict(c(r["gross"] for r in rows if r["gross"])))
print("component:", dict(c(r["component"] for r in rows if r["component"])))
print("mpy:", sum(1 for r in rows if r["months_per_year"]))
print("source:", dict(c(r["source_field"] for r in rows)))
print("shape:", dict(sorted(c(r["shape"] for r in rows).items())))
if errs:
    print("\n".join(errs)); sys.exit(1)
print("OK")
