"""Validate pay_fields_6.csv (set 6, whole-file tuning set, half=tune6).
Checks: the 17 columns of pay_fields_5.csv in order; non-empty required labels; shape, period,
component, currency, source_field, market, gross and months_per_year values only as used by sets 1-5
(no extensions in set 6); board constants (language / currency_arg vs market); number formats and
low <= high; hourly < 1000, yearly >= 1000 in GBP/USD; amount-less rows are field_negotiable with no
period; n=0 rows are field_not_pay with every label empty; no text repeated within the file or from
pay_fields.csv, pay_fields_2..5.csv, salary_labelled.csv or salary_holdout.csv (compared after NFKC,
whitespace collapsing and case folding) except the common values the set-1 README allows; >= 340 rows.
Run: python labels/pay_fields6/validate_6.py --lab main/data/labelled
  or, once copied next to the other sets: python data/labelled/pay_fields/validate_6.py"""
import csv, re, sys, unicodedata, collections, pathlib
HERE = pathlib.Path(__file__).parent
LAB = pathlib.Path(sys.argv[sys.argv.index("--lab") + 1]) if "--lab" in sys.argv else pathlib.Path(__file__).resolve().parents[1]
BOARD = {"GB":("en","GBP"),"US":("en","USD"),"IE":("en","EUR"),"AU":("en","AUD"),"CA":("en","CAD"),
         "IN":("en","INR"),"RU":("ru","RUB"),"BY":("ru","BYN"),"KZ":("ru","KZT"),"CN":("zh","CNY"),
         "DE":("en","EUR"),"FR":("en","EUR"),"CH":("en","CHF"),"PL":("en","PLN"),"SE":("en","SEK"),
         "SG":("en","SGD")}
ALLOWED_REPEATS = {"negotiable","competitive","doe","по договорённости","面议"}  # set-1 README
NUM = re.compile(r"^(0|[1-9]\d*)(\.\d*[1-9])?$")
def norm(s): return re.sub(r"\s+", " ", unicodedata.normalize("NFKC", s)).strip().casefold()
def read(p):
    with open(p, newline="", encoding="utf-8") as fh:
        rd = csv.DictReader(fh); return rd.fieldnames, list(rd)
PREV = ["pay_fields.csv","pay_fields_2.csv","pay_fields_3.csv","pay_fields_4.csv","pay_fields_5.csv"]
COLS, _ = read(LAB/"pay_fields"/"pay_fields_5.csv")
prev = sum((read(LAB/"pay_fields"/n)[1] for n in PREV), [])
SHAPES = {r["shape"] for r in prev}
PERIODS = {r["period"] for r in prev if r["period"]}
COMPS = {r["component"] for r in prev if r["component"]}
CCYS = {r["currency"] for r in prev if r["currency"]}
SOURCES = {r["source_field"]: r["market_arg"] for r in prev}
MARKETS = {r["market_arg"] for r in prev}
GROSS = {r["gross"] for r in prev}
MPY = {r["months_per_year"] for r in prev}
others = {}
for name in ["pay_fields/" + n for n in PREV] + ["salary_labelled.csv","salary_holdout.csv"]:
    for r in read(LAB/name)[1]: others.setdefault(norm(r["text"]), name)
cols, rows = read(HERE/"pay_fields_6.csv")
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
    if r["half"] != "tune6": err(i, "half != tune6")
    if r["source_field"] not in SOURCES: err(i, f"source_field {r['source_field']}")
    if r["shape"] not in SHAPES: err(i, f"shape {r['shape']} not used by sets 1-5")
    if r["market_arg"] not in BOARD or r["market_arg"] not in MARKETS: err(i, "market_arg"); continue
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
    if r["gross"] not in GROSS: err(i, "gross")
    if r["masked"] != "false": err(i, "masked")
    if r["months_per_year"] not in MPY: err(i, "months_per_year not among values of sets 1-5")
    lo, hi = r["low"], r["high"]
    if lo or hi:
        if r["period"] not in PERIODS: err(i, f"period {r['period']!r}")
        for v in (lo, hi):
            if v and not NUM.match(v): err(i, f"number format {v!r}")
        if lo and hi and float(lo) > float(hi): err(i, "low > high")
        if r["shape"] == "field_negotiable": err(i, "negotiable with amount")
        top = float(hi or lo)
        if r["period"] == "hour" and top >= 1000: err(i, f"hourly amount {top} implausible")
        if r["period"] == "year" and r["currency"] in {"GBP","USD","EUR"} and top < 1000: err(i, "yearly amount < 1000")
    else:
        if r["period"]: err(i, "amount-less with period")
        if r["shape"] != "field_negotiable": err(i, "amount-less row must be field_negotiable")
c = collections.Counter
N = len(rows)
if N < 340: errs.append(f"only {N} rows (< 340)")
print(f"{N} rows checked against {len(others)} existing texts")
print("language:", {k: f"{v} ({100*v/N:.1f}%)" for k, v in c(r["language"] for r in rows).items()})
print("market:", dict(c(r["market_arg"] for r in rows)))
print("n_mentions:", dict(sorted(c(r["n_mentions"] for r in rows).items())))
kind = lambda r: "not pay" if r["n_mentions"]=="0" else ("amount" if r["low"] or r["high"] else "no amount")
print("kind x language:", dict(sorted(c((kind(r), r["language"]) for r in rows).items())))
print("market x n:", dict(sorted(c((r["market_arg"], r["n_mentions"]) for r in rows).items())))
print("period:", dict(c(r["period"] for r in rows if r["period"])))
print("currency:", dict(c(r["currency"] for r in rows if r["currency"])))
print("gross:", dict(c(r["gross"] for r in rows if r["gross"])))
print("component:", dict(c(r["component"] for r in rows if r["component"])))
print("mpy:", dict(c(r["months_per_year"] for r in rows if r["months_per_year"])))
print("source x market:")
for k, v in sorted(c((r["source_field"], r["market_arg"]) for r in rows).items()): print(f"  {k[0]:22s} {k[1]} {v}")
print("shape x market:")
for k, v in sorted(c((r["shape"], r["market_arg"]) for r in rows).items()): print(f"  {k[0]:28s} {k[1]} {v}")
print("allowed repeats used:", sorted(r["text"] for r in rows if norm(r["text"]) in others and norm(r["text"]) in ALLOWED_REPEATS))
if errs:
    print("\n".join(errs)); sys.exit(1)
print("OK")
