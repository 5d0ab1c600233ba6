#!/usr/bin/env python3
"""Re-check paytexts3 (stdlib only). Usage: python3 validate_XX.py [CSV] [--earlier DIR ...]

Earlier team sets (for id-collision and 8-word-run overlap checks) are looked for in ../paytexts and
../paytexts2 beside this folder, or in the dirs given with --earlier (or $PAYTEXTS_EARLIER, ':'-separated).
"""
import csv, hashlib, os, re, sys, glob
from collections import Counter

# ---- configuration (the only part that differs between validate_us.py and validate_ru.py) ----
KIND = "ru"
# ----------------------------------------------------------------------------------------------

HERE = os.path.dirname(os.path.abspath(__file__))
CFG = {
    "us": dict(csv="paytexts3_us.csv", prefix="u3", n=130, countries={"US": 130},
               currencies={"US": {"USD"}}, earlier_glob="paytexts*_us.csv"),
    "ru": dict(csv="paytexts3_ru.csv", prefix="r3", n=90, countries={"RU": 45, "BY": 45},
               currencies={"RU": {"RUB", "USD"}, "BY": {"BYN", "USD"}}, earlier_glob="paytexts*_ru.csv"),
}[KIND]
COLS = "corpus,id,field,text_sha1,title,location,country,text,category,low,high,currency,period,several,ote_also,shape,note,half".split(",")
CATS = {"base_pay", "none", "non_pay_money", "board_estimate"}
PERIODS = {"hour", "day", "week", "month", "year"}
TAGS = set("""
range single open_end from hourly daily weekly monthly period_implied k_suffix decimals no_separator space_thousands
dot_thousands sign_once currency_code currency_after no_currency min_max_words gross_stated net_stated probation_pay
foreign_currency lost_breaks pay_in_heading pay_at_end repeated_pay several_ranges location_ranges header_body_differ
bonus_pct commission_beside non_pay_money non_pay_numbers percentages schedule_numbers decimals_non_money
ordinal_salary phone_number pay_words_no_figure leave_days no_numbers shared_thousands
range_to_word between_and k_once slash_period annually a_year an_hour bare_range_line annual_equivalent
several_levels after_eeo money_before_pay ote_beside ote_first earnings_beside equity_beside bonus_amount
sign_on referral other_bonus relocation reimbursement stipend benefit_value retirement_pct funding revenue budget
deal_size quota customer_savings purchase commission_only per_unit_commission draw_against_commission others_pay
hourly_money slash_period_money money_per_period_not_pay k_suffix_money open_end_money years_only
requisition_number address_numbers date_numbers plan_names pay_law pay_in_heading_money product_price
ote_only monthly_equivalent plus_extras pay_in_sentence pay_frequency
rub_sign bel_rub usd_sign tys_suffix mln_suffix per_shift income_only company_age experience_years staff_discount
compensation_amount training_cost dates shift_pattern probation_months
""".split())

def half(key):
    return "tune" if int(hashlib.sha1(key.encode("utf-8")).hexdigest()[:8], 16) % 2 == 0 else "holdout"

def fnum(s):
    v = float(s)
    return int(v) if v == int(v) else v

def written(v, text):
    """True if amount v is written in text in some usual form."""
    t = text.replace("\u00a0", " ")
    pats = []
    if isinstance(v, int):
        s = str(v)
        pats.append(s)
        if v >= 1000:
            pats.append(f"{v:,}")
            pats.append(f"{v:,}".replace(",", " "))
            pats.append(f"{v:,}".replace(",", "."))
            pats.append(f"{v:,}".replace(",", "  "))
        pats += [s + ".00", s + ",00"]
        if v % 1000 == 0 and v >= 1000:
            k = v // 1000
            pats.append(rf"{k}\s*[-–—]?\s*(?:K|k|к|К)\b")
            pats.append(rf"{k}\s*(?:K|k|к|К|тыс|т\.р|т\.|т\b)")
            # shared suffix: "70-90 т.р.", "$65-75K", "70-90 000"
            pats.append(rf"{k}\s*[-–—]\s*\d+(?:[.,]\d+)?\s*(?:K|k|к|тыс|т\.р|т\b| 000)")
        if v % 100 == 0 and v >= 1000 and v % 1000 != 0:
            k = v / 1000
            ks = f"{k:g}"
            pats.append(rf"{re.escape(ks)}\s*(?:K|k|к|тыс)")
            pats.append(rf"{re.escape(ks.replace('.', ','))}\s*(?:K|k|к|тыс)")
    else:
        s2 = f"{v:.2f}"
        pats += [re.escape(s2), re.escape(s2.replace(".", ",")), re.escape(f"{v:g}"), re.escape(f"{v:g}".replace(".", ","))]
    for p in pats:
        if not any(ch in p for ch in "\\(["):
            p = re.escape(p)
        if re.search(r"(?<![\d.,])" + p + r"(?![\d])", t):
            return True
    return False

def words8(text):
    w = re.findall(r"\w+", text.lower())
    return {" ".join(w[i:i + 8]) for i in range(len(w) - 7)}

def main(argv):
    path = os.path.join(HERE, CFG["csv"])
    earlier_dirs = []
    args = list(argv)
    while args:
        a = args.pop(0)
        if a == "--earlier":
            earlier_dirs.append(args.pop(0))
        else:
            path = a
    if not earlier_dirs:
        env = os.environ.get("PAYTEXTS_EARLIER")
        earlier_dirs = env.split(":") if env else [os.path.join(HERE, "..", "paytexts"), os.path.join(HERE, "..", "paytexts2")]
    errs = []
    def err(rid, msg):
        errs.append(f"{rid}: {msg}")

    with open(path, newline="", encoding="utf-8") as f:
        rd = csv.DictReader(f)
        if rd.fieldnames != COLS:
            print("ERROR columns:", rd.fieldnames)
            return 1
        rows = list(rd)
    print(f"file: {os.path.basename(path)}  rows: {len(rows)}")
    if len(rows) != CFG["n"]:
        err("file", f"expected {CFG['n']} rows")
    texts = Counter(r["text"] for r in rows)
    for i, r in enumerate(rows, 1):
        rid = r["id"]
        if rid != f"{CFG['prefix']}{i:03d}": err(rid, "id out of sequence")
        if r["corpus"] != "team" or r["field"] != "text": err(rid, "corpus/field")
        t = r["text"]
        if hashlib.sha1(t.encode("utf-8")).hexdigest()[:12] != r["text_sha1"]: err(rid, "text_sha1")
        if half(f"team:{rid}") != r["half"]: err(rid, "half")
        n = t.count("\n") + 1
        if not 4 <= n <= 40: err(rid, f"{n} lines")
        if t != t.strip(): err(rid, "leading/trailing whitespace")
        if texts[t] > 1: err(rid, "duplicate text")
        if not r["title"] or not r["location"]: err(rid, "title/location empty")
        c = r["country"]
        if c not in CFG["countries"]: err(rid, f"country {c}")
        cat = r["category"]
        if cat not in CATS: err(rid, f"category {cat}")
        tags = [x for x in r["shape"].split(";") if x]
        if not tags: err(rid, "no shape tags")
        for x in tags:
            if x not in TAGS: err(rid, f"unknown tag {x}")
        if len(set(tags)) != len(tags): err(rid, "repeated tag")
        T = set(tags)
        if r["several"] not in ("true", "false") or r["ote_also"] not in ("true", "false"): err(rid, "booleans")
        if not r["note"].strip(): err(rid, "empty note")
        if cat != "base_pay":
            if any(r[k] for k in ("low", "high", "currency", "period")) or r["several"] != "false" or r["ote_also"] != "false":
                err(rid, "amounts/flags on a no-pay row")
            if cat == "none":
                tn = t.replace("\u00a0", " ")
                if re.search(r"[$%₽]|\d\s*(?:руб|р\.|BYN|тыс|млн)|\d{1,3}[ ,]\d{3}\b|\d{1,2}[:.]\d{2}\s*[-–]", tn):
                    err(rid, "money-looking figure on a none row")
            if T & {"single", "range", "from", "open_end"} and "ote_only" not in T:
                err(rid, "pay-form tag on a no-pay row without ote_only")
            continue
        # base_pay
        if c in CFG["currencies"] and r["currency"] not in CFG["currencies"][c]: err(rid, f"currency {r['currency']} for {c}")
        if r["period"] not in PERIODS: err(rid, "period")
        lo = fnum(r["low"]) if r["low"] else None
        hi = fnum(r["high"]) if r["high"] else None
        if lo is None and hi is None: err(rid, "no amount")
        if lo is not None and hi is not None and lo > hi: err(rid, "low > high")
        forms = T & {"single", "range", "from", "open_end"}
        if len(forms) != 1: err(rid, f"pay-form tags {sorted(forms)}")
        if "single" in T and not (lo is not None and lo == hi): err(rid, "single but low != high")
        if "range" in T and not (lo is not None and hi is not None and lo < hi): err(rid, "range but not low < high")
        if "from" in T and not (lo is not None and hi is None): err(rid, "from but high not empty")
        if "open_end" in T and not (lo is None and hi is not None): err(rid, "open_end but low not empty")
        for v in (lo, hi):
            if v is not None and not written(v, t): err(rid, f"figure {v} not found in text")
        per = r["period"]
        for tag, p in (("hourly", "hour"), ("daily", "day"), ("weekly", "week"), ("monthly", "month")):
            if tag in T and per != p: err(rid, f"{tag} but period {per}")
        if per == "hour" and "hourly" not in T: err(rid, "hour without hourly tag")
        if r["several"] == "true" and not T & {"location_ranges", "several_ranges", "probation_pay", "header_body_differ", "several_levels"}:
            err(rid, "several without explaining tag")
        if T & {"location_ranges", "probation_pay", "several_levels"} and r["several"] != "true" and not ("probation_pay" in T and "weekly" in T):
            err(rid, "several-type tag but several=false")
        if "ote_first" in T and r["ote_also"] != "true": err(rid, "ote_first without ote_also")
        if T & {"ote_beside", "earnings_beside"} and r["ote_also"] != "true": err(rid, "ote_beside/earnings_beside without ote_also")
        if r["ote_also"] == "true" and not T & {"ote_beside", "earnings_beside"}: err(rid, "ote_also without tag")
        if "ote_only" in T: err(rid, "ote_only on a base_pay row")
        if (r["currency"] == "USD") != ("foreign_currency" in T) and KIND == "ru": err(rid, "USD vs foreign_currency")
        if "net_stated" in T and not re.search(r"на руки|net", t, re.I): err(rid, "net_stated without words")
        if "gross_stated" in T and not re.search(r"gross|до вычета", t, re.I): err(rid, "gross_stated without words")
        if "lost_breaks" in T and not re.search(r"[\da-zа-яё.)₽N][A-ZА-ЯЁ][a-zа-яё]+|\d,\d{3} [A-Z][a-z]+ [a-z]+: ", t):
            err(rid, "lost_breaks but no glued field found")

    # id collisions and overlap with earlier sets
    earlier = []
    for d in earlier_dirs:
        earlier += sorted(glob.glob(os.path.join(d, CFG["earlier_glob"])))
    ids = {r["id"] for r in rows}
    eruns, eids, etexts = set(), set(), set()
    for p in earlier:
        with open(p, newline="", encoding="utf-8") as f:
            for e in csv.DictReader(f):
                eids.add(e["id"]); etexts.add(e["text"]); eruns |= words8(e["text"])
    print(f"earlier sets read: {[os.path.relpath(p, HERE) for p in earlier]}")
    for r in rows:
        if r["id"] in eids: err(r["id"], "id collides with an earlier set")
        if r["text"] in etexts: err(r["id"], "text identical to an earlier set")
    shared = [r["id"] for r in rows if words8(r["text"]) & eruns]
    print(f"rows sharing an 8-word run with an earlier set: {len(shared)} {shared}")
    for r in rows:
        if r["id"] in shared: err(r["id"], "shares an 8-word run with an earlier set")

    # counts
    C = Counter
    print("category:", dict(C(r["category"] for r in rows)))
    print("country x category:", dict(sorted(C((r["country"], r["category"]) for r in rows).items())))
    print("half x category:", dict(sorted(C((r["half"], r["category"]) for r in rows).items())))
    print("half x country:", dict(sorted(C((r["half"], r["country"]) for r in rows).items())))
    b = [r for r in rows if r["category"] == "base_pay"]
    print(f"base_pay share: {100 * len(b) / len(rows):.1f}%")
    print("base_pay by currency:", dict(C(r["currency"] for r in b)))
    print("base_pay by period:", dict(C(r["period"] for r in b)))
    print("from (high empty):", sum(1 for r in b if not r["high"]), " up to (low empty):", sum(1 for r in b if not r["low"]),
          " several=true:", sum(r["several"] == "true" for r in b), " ote_also=true:", sum(r["ote_also"] == "true" for r in b))
    nl = [r["text"].count("\n") + 1 for r in rows]
    print(f"lines per text: min {min(nl)} max {max(nl)} mean {sum(nl) / len(nl):.1f}")
    print("locations:", dict(C(r["location"] for r in rows).most_common(12)))
    print("shape tags:", ", ".join(f"{k} {v}" for k, v in C(x for r in rows for x in r["shape"].split(";") if x).most_common()))
    print(f"errors: {len(errs)}")
    for e in errs:
        print("  ERROR", e)
    return 1 if errs else 0

if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
