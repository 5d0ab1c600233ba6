"""Validate pay_fields_5.csv (set 5, whole-file tuning set, half=tune5).
Checks: the 17 columns of pay_fields_4.csv in order; non-empty required labels; shape, period,
component, currency, source_field, market, gross and months_per_year values only as used by sets 1-4,
plus the explicitly listed set-5 extensions (other markets DE/FR/CH/PL/SE/SG with their currencies and
boards, which the brief asks for; component `bonus`, a value of the documented schema); board
constants; number formats and low <= high; amount-less rows; no text repeated within the file or from
pay_fields.csv, pay_fields_2/3/4.csv, salary_labelled.csv or salary_holdout.csv (compared after NFKC,
whitespace collapsing and case folding) except the common values the set-1 README allows; >= 400 rows.
Run: python data/labelled/pay_fields/validate_5.py  [--lab DIR]  (default: data/labelled)"""
import csv, re, sys, unicodedata, collections, pathlib
HERE = pathlib.Path(__file__).parent
LAB = pathlib.Path(sys.argv[sys.argv.index("--lab") + 1]) if "--lab" in sys.argv else pathlib.Path(__file__).resolve().parents[1]
BOARD = {"GB":("en","GBP"),"US":("en","USD"),"IE":("en","EUR"),"AU":("en","AUD"),"CA":("en","CAD"),
         "IN":("en","INR"),"RU":("ru","RUB"),"BY":("ru","BYN"),"KZ":("ru","KZT"),"CN":("zh","CNY"),
         "DE":("en","EUR"),"FR":("en","EUR"),"CH":("en","CHF"),"PL":("en","PLN"),"SE":("en","SEK"),
         "SG":("en","SGD")}
NEW_MARKETS = {"DE","FR","CH","PL","SE","SG"}
NEW_SOURCES = {"stepstone_de_salary":"DE","welcometothejungle_fr_salary":"FR","jobs_ch_salary":"CH",
               "pracuj_pl_salary":"PL","platsbanken_se_salary":"SE","jobstreet_sg_salary":"SG"}
NEW_COMPS = {"bonus"}
ALLOWED_REPEATS = {"negotiable","competitive","doe","по договорённости","面议"}  # set-1 README
NUM = re.compile(r"^(0|[1-9]\d*)(\.\d*[1-9])?$")
def norm(s): return re.sub(r"\s+", " ", unicodedata.normalize("NFKC", s)).strip().casefold()
def read(p):
    with open(p, newline="", encoding="utf-8") as fh:
        rd = csv.DictReader(fh); return rd.fieldnames, list(rd)
def find(name):
    for p in (LAB/"pay_fields"/name, HERE/name):
        if p.exists(): return p
    raise SystemExit(f"missing {name}")
COLS, prev4 = read(find("pay_fields_4.csv"))
prev = sum((read(LAB/"pay_fields"/n)[1] for n in ["pay_fields.csv","pay_fields_2.csv","pay_fields_3.csv"]), []) + prev4
SHAPES = {r["shape"] for r in prev}
PERIODS = {r["period"] for r in prev if r["period"]}
COMPS = {r["component"] for r in prev if r["component"]} | NEW_COMPS
CCYS = {r["currency"] for r in prev if r["currency"]} | {BOARD[m][1] for m in NEW_MARKETS}
SOURCES = {r["source_field"] for r in prev} | set(NEW_SOURCES)
MARKETS = {r["market_arg"] for r in prev} | NEW_MARKETS
GROSS = {r["gross"] for r in prev}
MPY = {r["months_per_year"] for r in prev}
others = {}
for name in ["pay_fields/pay_fields.csv","pay_fields/pay_fields_2.csv","pay_fields/pay_fields_3.csv",
             "pay_fields/pay_fields_4.csv","salary_labelled.csv","salary_holdout.csv"]:
    p = LAB/name if (LAB/name).exists() else find(pathlib.Path(name).name)
    for r in read(p)[1]: others.setdefault(norm(r["text"]), name)
cols, rows = read(HERE/"pay_fields_5.csv")
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
    if r["half"] != "tune5": err(i, "half != tune5")
    if r["source_field"] not in SOURCES: err(i, f"source_field {r['source_field']}")
    if r["source_field"] in NEW_SOURCES and NEW_SOURCES[r["source_field"]] != r["market_arg"]: err(i, "new board vs market")
    if r["shape"] not in SHAPES: err(i, f"shape {r['shape']} not used by sets 1-4")
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
    if r["months_per_year"] not in MPY: err(i, "months_per_year not among values of sets 1-4")
    lo, hi = r["low"], r["high"]
    if lo or hi:
        if r["period"] not in PERIODS: err(i, f"period {r['period']!r}")
        for v in (lo, hi):
            if v and not NUM.match(v): err(i, f"number format {v!r}")
        if lo and hi and float(lo) > float(hi): err(i, "low > high")
        if r["shape"] == "field_negotiable": err(i, "negotiable with amount")
        # numeric sanity: hourly < 1000, daily < 10000 (CNY/RUB/INR/KZT/SEK/PLN share the bound loosely)
        top = float(hi or lo)
        if r["period"] == "hour" and top >= 1000: err(i, f"hourly amount {top} implausible")
        if r["period"] == "year" and r["currency"] in {"GBP","USD","EUR","AUD","CAD","CHF","SGD"} and top < 1000: err(i, "yearly amount < 1000")
    else:
        if r["period"]: err(i, "amount-less with period")
        if r["shape"] != "field_negotiable": err(i, "amount-less row must be field_negotiable")
c = collections.Counter
N = len(rows)
if N < 400: errs.append(f"only {N} rows (< 400)")
kz = sum(1 for r in rows if r["market_arg"] == "KZ")
if kz > 10: errs.append(f"{kz} KZ rows (> 10)")
lang = c(r["language"] for r in rows)
grp = lambda r: "other (DE/FR/CH/PL/SE)" if r["market_arg"] in NEW_MARKETS - {"SG"} else r["language"]
print(f"{N} rows checked against {len(others)} existing texts")
print("language:", {k: f"{v} ({100*v/N:.1f}%)" for k, v in lang.items()})
print("group:", {k: f"{v} ({100*v/N:.1f}%)" for k, v in c(grp(r) for r in rows).items()})
print("market:", dict(c(r["market_arg"] for r in rows)))
print("n_mentions:", dict(sorted(c(r["n_mentions"] for r in rows).items())))
kind = lambda r: "not pay" if r["n_mentions"]=="0" else ("amount" if r["low"] or r["high"] else "no amount")
print("kind x group:", dict(sorted(c((kind(r), grp(r)) for r in rows).items())))
print("market x n:", dict(sorted(c((r["market_arg"], r["n_mentions"]) for r in rows).items())))
print("period:", dict(c(r["period"] for r in rows if r["period"])))
print("currency:", dict(c(r["currency"] for r in rows if r["currency"])))
print("gross:", dict(c(r["gross"] for r in rows if r["gross"])))
print("component:", dict(c(r["component"] for r in rows if r["component"])))
print("mpy:", dict(c(r["months_per_year"] for r in rows if r["months_per_year"])))
print("source:", dict(sorted(c((r["source_field"], r["language"]) for r in rows).items())))
print("shape:", dict(sorted(c((r["shape"], r["language"]) for r in rows).items())))
print("allowed repeats used:", sorted(r["text"] for r in rows if norm(r["text"]) in others and norm(r["text"]) in ALLOWED_REPEATS))
if errs:
    print("\n".join(errs)); sys.exit(1)
print("OK")
