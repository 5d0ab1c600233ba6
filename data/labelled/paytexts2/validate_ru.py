"""Validate paytexts2_ru.csv (team-written Russian-language pay texts, second set, paydocs label rules).

Usage: python validate_ru.py [CSV] [FIRST_SET_CSV]
  CSV            default: paytexts2_ru.csv beside this script
  FIRST_SET_CSV  the first team set paytexts_ru.csv, to check that no text, 8-word run or quoted company name is
                 reused. Default: $PAYTEXTS_RU, else paytexts_ru.csv beside this script, else ../paytexts/paytexts_ru.csv
                 (sibling folder). The check is skipped, with a notice, when the file is not found.
Checks: exact column list; ids ru2001..ru2120 in order; corpus/field; text_sha1 recomputed; half recomputed by the
CONVENTIONS.md rule on key "team:<id>"; text 4..40 lines, unique; country/location/currency agreement;
vocabularies (category, period, booleans, shape tags); amounts, currency, period, several, ote_also only on
base_pay; low <= high; tag consistency (from, open_end, single, range, hourly/daily/weekly, net/gross words,
several explained by a tag, ote_first => ote_also); every base_pay low/high figure written in the text; `none`
rows free of money-looking figures (currency next to a digit, %, clock times, thousands groups); notes non-empty.
Prints counts. Exit code 1 on any error.
"""
import csv, hashlib, os, re, sys
from collections import Counter
from pathlib import Path

HERE = Path(__file__).resolve().parent
PATH = Path(sys.argv[1]) if len(sys.argv) > 1 else HERE / "paytexts2_ru.csv"


def first_set_path():
    if len(sys.argv) > 2:
        return Path(sys.argv[2])
    if os.environ.get("PAYTEXTS_RU"):
        return Path(os.environ["PAYTEXTS_RU"])
    for p in (HERE / "paytexts_ru.csv", HERE.parent / "paytexts" / "paytexts_ru.csv"):
        if p.exists():
            return p
    return None


COLS = ["corpus", "id", "field", "text_sha1", "title", "location", "country", "text", "category", "low", "high",
        "currency", "period", "several", "ote_also", "shape", "note", "half"]
IDS = [f"ru{i}" for i in range(2001, 2121)]
CATS = {"base_pay", "none", "non_pay_money", "board_estimate"}
PERIODS = {"hour", "day", "week", "month", "year"}
CITIES = {
    "BY": {"Минск", "Гомель", "Брест", "Гродно", "Витебск", "Могилёв", "Бобруйск", "Барановичи", "Пинск", "Борисов",
           "Лида", "Жодино", "Мозырь", "Орша", "Новополоцк", "Солигорск", "Молодечно"},
    "RU": {"Москва", "Санкт-Петербург", "Казань", "Новосибирск", "Екатеринбург", "Нижний Новгород", "Самара",
           "Краснодар", "Ростов-на-Дону", "Воронеж", "Пермь", "Челябинск", "Тюмень", "Иркутск", "Ярославль", "Тула",
           "Калуга", "Омск", "Томск", "Владивосток"},
}
CCY = {"BY": {"BYN", "USD"}, "RU": {"RUB"}}
PAYDOCS_TAGS = set("""range single open_end from hourly daily period_implied k_suffix decimals no_separator
space_thousands dot_thousands sign_once currency_code currency_after space_after_sign leading_dash no_currency
min_max_words circa gross_stated net_stated probation_pay foreign_currency lost_breaks pay_in_heading pay_at_end
snippet repeated_pay several_ranges location_ranges location_list header_body_differ board_header
board_estimate_header placeholder_salary bonus_pct commission_beside allowance_total non_pay_money non_pay_numbers
percentages schedule_numbers k_suffix_non_money decimals_non_money ordinal_salary phone_number pay_words_no_figure
leave_days no_numbers shared_thousands""".split())
PAYTEXTS_RU_TAGS = set("""br_sign bel_rub rub_sign tys_suffix mln_suffix double_space nbsp_thousands per_shift weekly
piece_rate shift_pattern pay_frequency bonus_amount ote_first deal_size revenue referral sign_on relocation per_diem
tips commission_only""".split())
NEW_TAGS = set("""usd_sign pay_in_sentence income_only company_age experience_years staff_discount compensation_amount
training_cost product_price address_numbers dates""".split())
TAGS = PAYDOCS_TAGS | PAYTEXTS_RU_TAGS | NEW_TAGS
SEVERAL_TAGS = {"probation_pay", "header_body_differ", "several_ranges", "location_ranges"}
NET_RE = re.compile(r"на руки|чистыми|\bnet\b|после вычета", re.I)
GROSS_RE = re.compile(r"gross|брутто|до вычета", re.I)
# money-looking figures that a `none` row must not hold (a sanity check on the writer, not a labeller)
NONE_BAD = [
    (re.compile(r"\d\s?(?:BYN|руб|р\.|₽|\$|USD|EUR|евро|Br\b|тыс|млн|млрд)", re.I), "currency/size after a digit"),
    (re.compile(r"(?:\$|€|₽)\s?\d"), "currency sign before a digit"),
    (re.compile(r"\d\s?%"), "percent"),
    (re.compile(r"\b\d{1,2}[:.]\d{2}\b"), "clock time"),
    (re.compile(r"\bс \d{1,2} до \d{1,2}\b"), "clock range"),
    (re.compile(r"(?<![\d(-])\d{1,3}[ \u00a0]\d{3}(?![\d-])"), "thousands group"),
    (re.compile(r"(?<![\d(-])\d+\s?[–—]\s?\d+(?![\d-])"), "numeric range"),
]
PHONE_RE = re.compile(r"(?:\+375|\+7|8)[\s(-]*\d[\d\s()-]{7,}\d")


def half(key):
    d = hashlib.sha1(key.encode("utf-8")).hexdigest()
    return "tune" if int(d[:8], 16) % 2 == 0 else "holdout"


def num(s):
    v = float(s)
    return int(v) if v == int(v) else v


def group(n, sep):
    return f"{n:,}".replace(",", sep)


def written(value, t):
    """True when the figure `value` is written in text `t` in one of the accepted surface forms."""
    forms = []
    if isinstance(value, float):
        whole, frac = f"{value:.2f}".split(".")
        for f in {frac.rstrip("0") or "0", frac}:
            forms += [f"{whole},{f}", f"{whole}.{f}"]
    else:
        forms.append(str(value))
        if value >= 1000:
            forms += [group(value, sep) for sep in (" ", "\u00a0", "  ", ".", ",")]
    for f in forms:
        if re.search(r"(?<![\d])" + re.escape(f) + r"(?![\d])", t):
            return True
    if isinstance(value, int) and value >= 1000:
        for base, suf in ((1000, r"\s?(тыс|т\.?р|т\b|т\s|к\b|k\b)"), (1_000_000, r"\s?млн")):
            if value >= base and value % (base // 10) == 0:
                q = value / base
                qs = [str(int(q))] if q == int(q) else [f"{q:g}".replace(".", ","), f"{q:g}"]
                for s in qs:
                    if re.search(r"(?<![\d,.])" + re.escape(s) + suf, t):
                        return True
        if value % 1000 == 0:
            k = str(value // 1000)
            for m in re.finditer(r"(?<![\d])(\d{1,3})\s?[-–—]\s?(\d{1,3})\s{0,2}000(?![\d])", t):
                if k in (m.group(1), m.group(2)):
                    return True
            for m in re.finditer(r"(?<![\d])(\d{1,3})\s?[-–—]\s?(\d{1,3})\s?(тыс|т\b|к\b)", t):
                if k in (m.group(1), m.group(2)):
                    return True
    return False


def words(t):
    return re.findall(r"\w+", t.lower())


def shingles(t, n=8):
    w = words(t)
    return {" ".join(w[i:i + n]) for i in range(len(w) - n + 1)}


def quoted_names(t):
    return set(re.findall(r"«([^»]+)»", t))


def main():
    errors, notices = [], []
    err = lambda rid, msg: errors.append(f"{rid}: {msg}")
    with open(PATH, encoding="utf-8", newline="") as fh:
        rd = csv.DictReader(fh)
        if rd.fieldnames != COLS:
            print("ERROR columns:", rd.fieldnames)
            sys.exit(1)
        rows = list(rd)
    if [r["id"] for r in rows] != IDS:
        errors.append("ids are not ru2001..ru2120 in order")
    texts = Counter(r["text"] for r in rows)
    for r in rows:
        rid, t = r["id"], r["text"]
        if r["corpus"] != "team" or r["field"] != "text":
            err(rid, "corpus/field")
        if hashlib.sha1(t.encode("utf-8")).hexdigest()[:12] != r["text_sha1"]:
            err(rid, "text_sha1")
        if half("team:" + rid) != r["half"]:
            err(rid, "half")
        n_lines = len(t.split("\n"))
        if not 4 <= n_lines <= 40:
            err(rid, f"text has {n_lines} lines")
        if texts[t] > 1:
            err(rid, "duplicate text")
        if not r["title"].strip() or not r["note"].strip():
            err(rid, "empty title or note")
        c = r["country"]
        if c not in CITIES or r["location"] not in CITIES[c]:
            err(rid, f"country/location {c}/{r['location']}")
        cat = r["category"]
        if cat not in CATS:
            err(rid, f"category {cat}")
        for b in ("several", "ote_also"):
            if r[b] not in ("true", "false"):
                err(rid, f"{b} not boolean")
        tag_list = [x for x in r["shape"].split(";") if x]
        if not tag_list:
            err(rid, "no shape tag")
        if len(tag_list) != len(set(tag_list)):
            err(rid, "repeated shape tag")
        for x in tag_list:
            if x not in TAGS:
                err(rid, f"unknown tag {x}")
        tags = set(tag_list)
        if "phone_number" in tags and not PHONE_RE.search(t):
            err(rid, "phone_number tag but no phone number")
        low, high = r["low"], r["high"]
        if cat != "base_pay":
            if low or high or r["currency"] or r["period"] or r["several"] == "true" or r["ote_also"] == "true":
                err(rid, "amount/currency/period/several/ote on a non-base row")
            if cat == "none":
                scrub = PHONE_RE.sub(" ", t)
                for rx, what in NONE_BAD:
                    m = rx.search(scrub)
                    if m:
                        err(rid, f"none row holds a {what}: {m.group(0)!r}")
                if "non_pay_money" in tags:
                    err(rid, "none row tagged non_pay_money")
            elif cat == "non_pay_money" and "non_pay_money" not in tags:
                err(rid, "non_pay_money row without the non_pay_money tag")
            continue
        if not (low or high):
            err(rid, "base_pay without amount")
            continue
        if r["currency"] not in CCY.get(c, set()):
            err(rid, f"currency {r['currency']} for {c}")
        if r["period"] not in PERIODS:
            err(rid, f"period {r['period']}")
        lo = num(low) if low else None
        hi = num(high) if high else None
        if lo is not None and hi is not None and lo > hi:
            err(rid, "low > high")
        if ("from" in tags) != (lo is not None and hi is None):
            err(rid, "from tag vs empty high")
        if ("open_end" in tags) != (lo is None and hi is not None):
            err(rid, "open_end tag vs empty low")
        if "single" in tags and lo != hi:
            err(rid, "single but low != high")
        if "range" in tags and not (lo is not None and hi is not None and lo < hi):
            err(rid, "range but not low < high")
        if len(tags & {"single", "range", "from", "open_end"}) != 1:
            err(rid, "needs exactly one of single/range/from/open_end")
        for tag, per in (("hourly", "hour"), ("daily", "day"), ("weekly", "week")):
            if tag in tags and r["period"] != per:
                err(rid, f"{tag} tag but period {r['period']}")
        if r["period"] in ("hour", "day", "week") and "period_implied" in tags:
            err(rid, "period_implied on an hour/day/week row")
        if "net_stated" in tags and not NET_RE.search(t):
            err(rid, "net_stated without a net word")
        if "gross_stated" in tags and not GROSS_RE.search(t):
            err(rid, "gross_stated without a gross word")
        if r["several"] == "true" and not tags & SEVERAL_TAGS:
            err(rid, "several=true without an explaining tag")
        if "ote_first" in tags and r["ote_also"] != "true":
            err(rid, "ote_first without ote_also")
        if r["currency"] == "USD" and "foreign_currency" not in tags:
            err(rid, "USD without foreign_currency tag")
        for v in (lo, hi):
            if v is not None and not written(v, t):
                err(rid, f"figure {v} not found in text")
    # reuse check against the first team set
    fp = first_set_path()
    if fp is None or not fp.exists():
        notices.append("first set paytexts_ru.csv not found: reuse check skipped")
    else:
        with open(fp, encoding="utf-8", newline="") as fh:
            first = list(csv.DictReader(fh))
        f_texts = {r["text"] for r in first}
        f_sh = set().union(*(shingles(r["text"]) for r in first))
        f_names = set().union(*(quoted_names(r["text"]) for r in first))
        for r in rows:
            if r["text"] in f_texts:
                err(r["id"], "text equals a text of the first set")
            shared = shingles(r["text"]) & f_sh
            if shared:
                err(r["id"], f"8-word run shared with the first set: {sorted(shared)[0]!r}")
            names = quoted_names(r["text"]) & f_names
            if names:
                err(r["id"], f"quoted name reused from the first set: {sorted(names)}")
        notices.append(f"reuse check against {fp.name}: {len(first)} texts compared")

    print(f"rows: {len(rows)}   errors: {len(errors)}")
    for e in errors:
        print("ERROR", e)
    for n in notices:
        print("NOTE", n)
    cnt = Counter((r["country"], r["category"]) for r in rows)
    print("\ncountry x category:")
    for c in ("BY", "RU"):
        print(f"  {c}: " + ", ".join(f"{k} {cnt[(c, k)]}" for k in sorted(CATS)) +
              f", total {sum(v for (cc, _), v in cnt.items() if cc == c)}")
    print("half x category:", dict(sorted(Counter((r["half"], r["category"]) for r in rows).items())))
    print("half x country:", dict(sorted(Counter((r["half"], r["country"]) for r in rows).items())))
    base = [r for r in rows if r["category"] == "base_pay"]
    print("base_pay by currency:", dict(Counter(r["currency"] for r in base)))
    print("base_pay by period:", dict(Counter(r["period"] for r in base)))
    print("from (high empty):", sum(1 for r in base if not r["high"]),
          " up to (low empty):", sum(1 for r in base if not r["low"]),
          " several=true:", sum(1 for r in base if r["several"] == "true"),
          " ote_also=true:", sum(1 for r in base if r["ote_also"] == "true"))
    print("title:", dict(Counter(r["title"] for r in rows).most_common()))
    nl = [len(r["text"].split("\n")) for r in rows]
    print(f"lines per text: min {min(nl)}, max {max(nl)}, mean {sum(nl) / len(nl):.1f}")
    tags = Counter(x for r in rows for x in r["shape"].split(";") if x)
    print("shape tags:", ", ".join(f"{k} {v}" for k, v in tags.most_common()))
    sys.exit(1 if errors else 0)


if __name__ == "__main__":
    main()
