"""Re-checks paytexts2_us.csv (team-written US posting texts with base-pay labels).

Usage: python validate.py [path/to/paytexts2_us.csv] [--first path/to/paytexts_us.csv]
Defaults: the CSV beside this script; the first team set at ../paytexts/paytexts_us.csv relative to this
script (override with --first or $PAYTEXTS_FIRST; skipped with a notice if absent). Stdlib only; no corpus is
read, the texts are our own.

Checks: columns and order; ids us2001..us2150 in sequence; corpus/field/country; sha1 of text; half rule on
team:<id>; 4-40 lines; unique texts; vocabularies (category, currency, period, booleans, shape tags); amounts
only on base_pay; low <= high; each base_pay figure written in the text; flag/tag consistency (several, ote_also,
open_end/from/single/range, hourly); none rows without $ or %; no 12-word run shared with the first team set.
"""
import csv, hashlib, os, re, sys
from collections import Counter

HERE = os.path.dirname(os.path.abspath(__file__))
args = sys.argv[1:]
first = os.environ.get("PAYTEXTS_FIRST", os.path.join(HERE, "..", "paytexts", "paytexts_us.csv"))
if "--first" in args:
    i = args.index("--first"); first = args[i + 1]; del args[i:i + 2]
PATH = args[0] if args else os.path.join(HERE, "paytexts2_us.csv")

COLS = "corpus,id,field,text_sha1,title,location,country,text,category,low,high,currency,period,several,ote_also,shape,note,half".split(",")
CATS = {"base_pay", "none", "non_pay_money", "board_estimate"}
PERIODS = {"hour", "day", "week", "month", "year"}
PAYDOCS_TAGS = set("""range single open_end from hourly daily period_implied k_suffix decimals no_separator space_thousands
dot_thousands sign_once currency_code currency_after space_after_sign leading_dash no_currency min_max_words circa gross_stated
net_stated probation_pay foreign_currency lost_breaks pay_in_heading pay_at_end snippet repeated_pay several_ranges location_ranges
location_list header_body_differ board_header board_estimate_header placeholder_salary bonus_pct commission_beside allowance_total
non_pay_money non_pay_numbers percentages schedule_numbers k_suffix_non_money decimals_non_money ordinal_salary phone_number
pay_words_no_figure leave_days no_numbers""".split())
# tags defined by the first team set (paytexts README_us.md)
PAYTEXTS_TAGS = set("""after_eeo annual_equivalent annually per_annum bare_range_line between_and range_to_word reversed_range k_once
slash_period weekly monthly several_levels ote_beside ote_first ote_words earnings_beside equity_beside bonus_amount premium_beside
money_before_pay others_pay hourly_money slash_period_money money_per_period_not_pay k_suffix_money open_end_money
sign_on referral retention_bonus other_bonus relocation reimbursement stipend per_diem benefit_value retirement_pct funding revenue budget
deal_size quota customer_savings commission_only per_unit_commission draw_against_commission shift_differential housing_cost purchase
years_only requisition_number address_numbers date_numbers plan_names""".split())
# new in this set (defined in README_us.md)
NEW_TAGS = {"a_year", "an_hour", "currency_before", "footnote_pay", "pay_law", "pay_in_heading_money"}
TAGS = PAYDOCS_TAGS | PAYTEXTS_TAGS | NEW_TAGS

def half(key):
    d = hashlib.sha1(key.encode("utf-8")).hexdigest()
    return "tune" if int(d[:8], 16) % 2 == 0 else "holdout"

def figures(text):
    """Amounts a reader could take from the text: plain, comma-grouped, decimals; x1000 when k/K follows
    (directly, or after a hyphenated second figure as in '$80-95K')."""
    vals = set()
    for m in re.finditer(r"\d[\d,]*(?:\.\d+)?", text):
        s = m.group().rstrip(",.")
        try:
            v = float(s.replace(",", ""))
        except ValueError:
            continue
        vals.add(round(v, 2))
        tail = text[m.end():m.end() + 12]
        if re.match(r"\s*[kK]\b", tail) or re.match(r"\s*[-–—]\s*\$?\d+(?:\.\d+)?\s*[kK]\b", tail):
            vals.add(round(v * 1000, 2))
    return vals

RUN = 12  # stock pay-transparency and benefits phrases are shorter than this

def words(t):
    return re.findall(r"[a-z0-9$%]+", t.lower())

err = []
with open(PATH, encoding="utf-8", newline="") as f:
    rd = csv.DictReader(f); header = rd.fieldnames; rows = list(rd)
if header != COLS:
    err.append(f"columns {header}")
seen_text = set()
for n, r in enumerate(rows, 1):
    tag = r["id"]
    if r["corpus"] != "team" or r["field"] != "text": err.append(f"{tag}: corpus/field")
    if r["id"] != "us%04d" % (2000 + n): err.append(f"{tag}: id out of sequence (expected us{2000 + n:04d})")
    t = r["text"]
    if hashlib.sha1(t.encode("utf-8")).hexdigest()[:12] != r["text_sha1"]: err.append(f"{tag}: sha1")
    if t in seen_text: err.append(f"{tag}: duplicate text")
    seen_text.add(t)
    nl = len(t.split("\n"))
    if not 4 <= nl <= 40: err.append(f"{tag}: {nl} lines")
    if t != t.strip(): err.append(f"{tag}: leading/trailing whitespace")
    if r["half"] != half("team:" + r["id"]): err.append(f"{tag}: half")
    if r["country"] != "US": err.append(f"{tag}: country")
    for c in ("title", "location", "category", "shape", "note"):
        if not r[c].strip(): err.append(f"{tag}: empty {c}")
    if r["category"] not in CATS: err.append(f"{tag}: category {r['category']}")
    if r["several"] not in ("true", "false") or r["ote_also"] not in ("true", "false"): err.append(f"{tag}: bool")
    tags = r["shape"].split(";")
    bad = [x for x in tags if x not in TAGS]
    if bad: err.append(f"{tag}: unknown tags {bad}")
    if len(set(tags)) != len(tags): err.append(f"{tag}: repeated tag")
    if r["category"] == "base_pay":
        if r["currency"] != "USD": err.append(f"{tag}: currency {r['currency']}")
        if r["period"] not in PERIODS: err.append(f"{tag}: period {r['period']}")
        if not (r["low"] or r["high"]): err.append(f"{tag}: no amount")
        try:
            lo = float(r["low"]) if r["low"] else None
            hi = float(r["high"]) if r["high"] else None
            if lo is not None and hi is not None and lo > hi: err.append(f"{tag}: low > high")
            figs = figures(t)
            for name, v in (("low", lo), ("high", hi)):
                if v is not None and round(v, 2) not in figs: err.append(f"{tag}: {name} {v} not written in text")
        except ValueError:
            err.append(f"{tag}: amount not numeric")
        if r["low"] and not r["high"] and "from" not in tags: err.append(f"{tag}: high empty without tag from")
        if r["high"] and not r["low"] and "open_end" not in tags: err.append(f"{tag}: low empty without tag open_end")
        if r["low"] and r["low"] == r["high"] and "single" not in tags: err.append(f"{tag}: low=high without tag single")
        if r["low"] and r["high"] and r["low"] != r["high"] and "range" not in tags: err.append(f"{tag}: range without tag range")
        if ("several_ranges" in tags or "location_ranges" in tags or "header_body_differ" in tags) != (r["several"] == "true"):
            err.append(f"{tag}: several flag and several_ranges/location_ranges/header_body_differ tags disagree")
        if ("ote_beside" in tags or "earnings_beside" in tags) != (r["ote_also"] == "true"):
            err.append(f"{tag}: ote_also flag and ote_beside/earnings_beside tags disagree")
        if "$" not in t and "no_currency" not in tags and "currency_code" not in tags: err.append(f"{tag}: no $ and no currency tag")
        if (r["period"] == "hour") != ("hourly" in tags): err.append(f"{tag}: period hour and tag hourly disagree")
        if r["period"] == "week" and "weekly" not in tags: err.append(f"{tag}: week without tag weekly")
        if r["period"] == "month" and "monthly" not in tags: err.append(f"{tag}: month without tag monthly")
    else:
        if any(r[c] for c in ("low", "high", "currency", "period")): err.append(f"{tag}: amounts on a no-pay row")
        if r["several"] != "false" or r["ote_also"] != "false": err.append(f"{tag}: flags on a no-pay row")
        if r["category"] == "none" and re.search(r"[$%]", t): err.append(f"{tag}: none row has $ or %")
        if r["category"] == "non_pay_money" and not re.search(r"\d", t): err.append(f"{tag}: non_pay_money row without any digit")
        if r["category"] == "board_estimate": err.append(f"{tag}: board_estimate is not used in this set")
    if "no_numbers" in tags and re.search(r"\d", t): err.append(f"{tag}: no_numbers but digits present")

# no 12-word run shared with the first team set (we write new texts, not re-worded copies)
first_note = "first set not found, overlap check skipped"
if os.path.exists(first):
    with open(first, encoding="utf-8", newline="") as f:
        old = list(csv.DictReader(f))
    grams = set()
    for o in old:
        w = words(o["text"])
        grams.update(tuple(w[i:i + RUN]) for i in range(len(w) - RUN + 1))
    hits = 0
    for r in rows:
        w = words(r["text"])
        shared = [g for g in (tuple(w[i:i + RUN]) for i in range(len(w) - RUN + 1)) if g in grams]
        if shared:
            hits += 1; err.append(f"{r['id']}: shares a {RUN}-word run with the first set: {' '.join(shared[0])}")
    first_note = f"first set: {os.path.relpath(first, HERE)} ({len(old)} rows), rows sharing a {RUN}-word run: {hits}"

print(f"file: {os.path.basename(PATH)}")
print(first_note)
print(f"rows: {len(rows)}")
print("category:", dict(Counter(r["category"] for r in rows)))
print("category x half:", dict(sorted(Counter((r["category"], r["half"]) for r in rows).items())))
print("half:", dict(Counter(r["half"] for r in rows)))
bp = [r for r in rows if r["category"] == "base_pay"]
print("base_pay share: %.1f%%" % (100.0 * len(bp) / max(1, len(rows))))
print("base_pay period:", dict(Counter(r["period"] for r in bp)))
print("base_pay several=true:", sum(r["several"] == "true" for r in bp), " ote_also=true:", sum(r["ote_also"] == "true" for r in bp))
print("base_pay open_end (low empty):", sum(not r["low"] for r in bp), " from (high empty):", sum(not r["high"] for r in bp),
      " single:", sum(bool(r["low"]) and r["low"] == r["high"] for r in bp))
print("titles:", dict(Counter(r["title"] for r in rows).most_common(15)))
print("locations:", dict(Counter(r["location"] for r in rows).most_common(10)))
print("text lines: min", min(len(r["text"].split("\n")) for r in rows), "max", max(len(r["text"].split("\n")) for r in rows))
tc = Counter(x for r in rows for x in r["shape"].split(";"))
print("shape tags:", ", ".join(f"{k} {v}" for k, v in sorted(tc.items(), key=lambda kv: (-kv[1], kv[0]))))
print(f"errors: {len(err)}")
for e in err:
    print("  ", e)
sys.exit(1 if err else 0)
