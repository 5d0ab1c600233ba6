"""Validate pay_fields_3.csv (set 3, whole-file tuning set, half=tune3).
Checks: the columns of pay_fields_2.csv in order; non-empty required labels; allowed values of
shape/period/component/currency as used by the two earlier pay-field sets (currency extended only by
the new boards' own currencies AUD, CAD, INR, KZT, see README); board constants; number formats and
low <= high; no text repeated from pay_fields.csv, pay_fields_2.csv, salary_labelled.csv or
salary_holdout.csv except the common values the set-1 README allows; counts per language/board/shape.
Run: python data/labelled/pay_fields/validate_3.py  [--lab DIR]  (default: data/labelled)"""
import csv, re, sys, unicodedata, collections, pathlib
HERE = pathlib.Path(__file__).parent
LAB = pathlib.Path(sys.argv[sys.argv.index("--lab") + 1]) if "--lab" in sys.argv else pathlib.Path(__file__).resolve().parents[1]
BOARD = {"GB":("en","GBP"),"US":("en","USD"),"IE":("en","EUR"),"AU":("en","AUD"),"CA":("en","CAD"),
         "IN":("en","INR"),"RU":("ru","RUB"),"BY":("ru","BYN"),"KZ":("ru","KZT"),"CN":("zh","CNY")}
NEW_SOURCES = {"irishjobs_salary","jobs_ie_salary","indeed_ie_salary","seek_au_salary","indeed_au_salary",
               "indeed_ca_salary","jobbank_ca_salary","naukri_salary","indeed_in_salary","hh_kz_salary"}
NEW_CCY = {"AUD","CAD","INR","KZT"}          # the new markets' own currencies (EUR already used)
ALLOWED_REPEATS = {"negotiable","competitive","doe","по договорённости","面议"}  # set-1 README
NUM = re.compile(r"^(0|[1-9]\d*)(\.\d*[1-9])?$")
def norm(s): return re.sub(r"\s+", " ", unicodedata.normalize("NFKC", s)).strip().casefold()
def read(p):
    with open(p, newline="", encoding="utf-8") as fh:
        rd = csv.DictReader(fh); return rd.fieldnames, list(rd)
COLS, prev2 = read(LAB/"pay_fields/pay_fields_2.csv")
_, prev1 = read(LAB/"pay_fields/pay_fields.csv")
prev = prev1 + prev2
SHAPES = {r["shape"] for r in prev}
PERIODS = {r["period"] for r in prev if r["period"]}
COMPS = {r["component"] for r in prev if r["component"]}
CCYS = {r["currency"] for r in prev if r["currency"]} | NEW_CCY
SOURCES = {r["source_field"] for r in prev} | NEW_SOURCES
others = {}
for name in ["pay_fields/pay_fields.csv","pay_fields/pay_fields_2.csv","salary_labelled.csv","salary_holdout.csv"]:
    for r in read(LAB/name)[1]: others.setdefault(norm(r["text"]), name)
cols, rows = read(HERE/"pay_fields_3.csv")
errs = []
def err(i, m): errs.append(f"row {i}: {m}")
if cols != COLS: errs.append(f"columns {cols} != {COLS}")
seen = set()
for i, r in enumerate(rows, 2):
    t = r["text"]
    if not t or t != t.strip(): err(i, "empty or padded text")
    if norm(t) in seen: err(i, f"duplicate text {t!r}")
    seen.add(norm(t))
    if norm(t) in others and norm(t) not in ALLOWED_REPEATS: err(i, f"text also in {others[norm(t)]}: {t!r}")
    for c in ["language","shape","currency_arg","market_arg","n_mentions","source_field","half"]:
        if not r[c]: err(i, f"empty {c}")
    if r["half"] != "tune3": err(i, "half != tune3")
    if r["source_field"] not in SOURCES: err(i, f"source_field {r['source_field']}")
    if r["shape"] not in SHAPES: err(i, f"shape {r['shape']} not used by the earlier sets")
    if r["market_arg"] not in BOARD: err(i, "market_arg"); continue
    lang, ccy = BOARD[r["market_arg"]]
    if r["language"] != lang or r["currency_arg"] != ccy: err(i, "language/currency_arg vs market")
    n = r["n_mentions"]
    if not n.isdigit() or int(n) > 3: err(i, "n_mentions"); continue
    if n == "0":
        if r["shape"] != "field_not_pay": err(i, "n=0 must be field_not_pay")
        for c in ["low","high","currency","period","component","gross","months_per_year","masked"]:
            if r[c]: err(i, f"n=0 but {c} filled")
        continue
    if r["shape"] == "field_not_pay": err(i, "field_not_pay with n>0")
    if r["currency"] not in CCYS: err(i, f"currency {r['currency']}")
    if r["currency"] != ccy and r["shape"] != "field_ru_foreign_ccy": err(i, "foreign currency outside field_ru_foreign_ccy")
    if r["component"] not in COMPS: err(i, f"component {r['component']}")
    if r["gross"] not in {"", "true", "false"}: err(i, "gross")
    if r["masked"] != "false": err(i, "masked")
    if r["months_per_year"] and not (r["months_per_year"].isdigit() and 12 <= int(r["months_per_year"]) <= 18): err(i, "months_per_year")
    lo, hi = r["low"], r["high"]
    if lo or hi:
        if r["period"] not in PERIODS: err(i, f"period {r['period']!r}")
        for v in (lo, hi):
            if v and not NUM.match(v): err(i, f"number format {v!r}")
        if lo and hi and float(lo) > float(hi): err(i, "low > high")
        if r["shape"] == "field_negotiable": err(i, "negotiable with amount")
    else:
        if r["period"]: err(i, "amount-less with period")
        if r["shape"] != "field_negotiable": err(i, "amount-less row must be field_negotiable")
c = collections.Counter
N = len(rows)
if N < 360: errs.append(f"only {N} rows (< 360)")
lang = c(r["language"] for r in rows)
print(f"{N} rows checked against {len(others)} existing texts")
print("language:", {k: f"{v} ({100*v/N:.1f}%)" for k, v in lang.items()})
print("market:", dict(c(r["market_arg"] for r in rows)))
print("n_mentions:", dict(sorted(c(r["n_mentions"] for r in rows).items())))
kind = lambda r: "not pay" if r["n_mentions"]=="0" else ("amount" if r["low"] or r["high"] else "no amount")
print("kind x lang:", dict(sorted(c((kind(r), r["language"]) for r in rows).items())))
print("period:", dict(c(r["period"] for r in rows if r["period"])))
print("currency:", dict(c(r["currency"] for r in rows if r["currency"])))
print("gross:", dict(c(r["gross"] for r in rows if r["gross"])))
print("component:", dict(c(r["component"] for r in rows if r["component"])))
print("mpy filled:", sum(1 for r in rows if r["months_per_year"]))
print("source:", dict(sorted(c((r["source_field"]) for r in rows).items())))
print("shape:", dict(sorted(c(r["shape"] for r in rows).items())))
print("allowed repeats used:", sorted(r["text"] for r in rows if norm(r["text"]) in others and norm(r["text"]) in ALLOWED_REPEATS))
if errs:
    print("\n".join(errs)); sys.exit(1)
print("OK")
