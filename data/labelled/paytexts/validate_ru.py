"""Validate paytexts_ru.csv (team-written Russian-language pay texts, labelled by the paydocs rules).

Usage: python validate_ru.py [CSV]   (default: paytexts_ru.csv beside this script)
Checks: exact column list; ids ru001..ru150; corpus/field values; text_sha1 recomputed; half recomputed by the
CONVENTIONS.md rule on key "team:<id>"; text 4..40 lines and unique; country/location/currency agreement;
vocabularies (category, currency, period, booleans, shape tags); amounts only on base_pay; currency and period set
exactly on base_pay; low <= high; shape tags consistent with the amounts (from, open_end, single, range, hourly,
daily, weekly, net/gross words, several explained by a tag); every base_pay low/high figure written in the text
(plain digits, space/no-break/double-space/dot thousands, or a thousands/millions abbreviation, or a shared
thousands group "70-90 000"); notes non-empty. Prints counts. Exit code 1 on any error.
"""
import csv, hashlib, re, sys
from collections import Counter
from pathlib import Path

HERE = Path(__file__).resolve().parent
PATH = Path(sys.argv[1]) if len(sys.argv) > 1 else HERE / "paytexts_ru.csv"
COLS = ["corpus", "id", "field", "text_sha1", "title", "location", "country", "text", "category", "low", "high",
        "currency", "period", "several", "ote_also", "shape", "note", "half"]
CATS = {"base_pay", "none", "non_pay_money", "board_estimate"}
PERIODS = {"hour", "day", "week", "month", "year"}
CITIES = {
    "BY": {"Минск", "Гомель", "Брест", "Гродно", "Витебск", "Могилёв", "Бобруйск", "Барановичи", "Пинск",
           "Молодечно", "Борисов", "Лида", "Солигорск"},
    "RU": {"Москва", "Санкт-Петербург", "Казань", "Новосибирск", "Екатеринбург", "Нижний Новгород", "Самара",
           "Краснодар", "Ростов-на-Дону", "Воронеж", "Пермь", "Уфа", "Челябинск", "Тюмень", "Подольск"},
}
CCY = {"BY": {"BYN", "USD"}, "RU": {"RUB"}}
PAYDOCS_TAGS = set("""range single open_end from hourly daily period_implied k_suffix decimals no_separator
space_thousands dot_thousands sign_once currency_code currency_after space_after_sign leading_dash no_currency
min_max_words circa gross_stated net_stated probation_pay foreign_currency lost_breaks pay_in_heading pay_at_end
snippet repeated_pay several_ranges location_ranges location_list header_body_differ board_header
board_estimate_header placeholder_salary bonus_pct commission_beside allowance_total non_pay_money non_pay_numbers
percentages schedule_numbers k_suffix_non_money decimals_non_money ordinal_salary phone_number pay_words_no_figure
leave_days no_numbers shared_thousands""".split())
NEW_TAGS = set("""br_sign bel_rub rub_sign tys_suffix mln_suffix double_space nbsp_thousands per_shift weekly
piece_rate shift_pattern pay_frequency bonus_amount ote_first deal_size revenue referral sign_on relocation per_diem
tips commission_only""".split())
TAGS = PAYDOCS_TAGS | NEW_TAGS
SEVERAL_TAGS = {"probation_pay", "header_body_differ", "several_ranges", "location_ranges"}
NET_RE = re.compile(r"на руки|чистыми|\bnet\b|после вычета", re.I)
GROSS_RE = re.compile(r"gross|брутто|до вычета", re.I)


def half(key):
    d = hashlib.sha1(key.encode("utf-8")).hexdigest()
    return "tune" if int(d[:8], 16) % 2 == 0 else "holdout"


def num(s):
    v = float(s)
    return int(v) if v == int(v) else v


def group(n, sep):
    s = f"{n:,}".replace(",", "\u0001")
    return s.replace("\u0001", sep)


def written(value, text):
    """True when the figure `value` is written in `text` in one of the accepted surface forms."""
    t = text
    forms = []
    if isinstance(value, float):
        whole, frac = f"{value:.2f}".split(".")
        fr = frac.rstrip("0") or "0"
        for f in {fr, frac}:
            forms += [f"{whole},{f}", f"{whole}.{f}"]
    else:
        forms.append(str(value))
        if value >= 1000:
            for sep in (" ", "\u00a0", "  ", ".", ","):
                forms.append(group(value, sep))
    for f in forms:
        if re.search(r"(?<![\d])" + re.escape(f) + r"(?![\d])", t):
            return True
    if isinstance(value, int) and value >= 1000:
        # thousands abbreviations: 150 тыс., 60т, 80к, 40 т.р., 2,5 тыс.; millions: 3,6 млн
        units = [(1000, r"\s?(тыс|т\.?р|т\b|т\s|к\b|k\b)"), (1_000_000, r"\s?млн")]
        for base, suf in units:
            if value % (base // 10) == 0 and value >= base:
                q = value / base
                qs = [str(int(q))] if q == int(q) else [f"{q:g}".replace(".", ","), f"{q:g}"]
                for s in qs:
                    if re.search(r"(?<![\d,.])" + re.escape(s) + suf, t):
                        return True
        if value % 1000 == 0:
            # shared thousands: "70-90 000" gives 70000 and 90000
            k = str(value // 1000)
            for m in re.finditer(r"(?<![\d])(\d{1,3})\s?[-–—]\s?(\d{1,3})\s?000(?![\d])", t):
                if k in (m.group(1), m.group(2)):
                    return True
            # shared suffix: "90-110 тыс." gives 90000 and 110000
            for m in re.finditer(r"(?<![\d])(\d{1,3})\s?[-–—]\s?(\d{1,3})\s?(тыс|т\b|к\b)", t):
                if k in (m.group(1), m.group(2)):
                    return True
    return False


def main():
    errors = []
    err = lambda rid, msg: errors.append(f"{rid}: {msg}")
    with open(PATH, encoding="utf-8", newline="") as fh:
        rd = csv.DictReader(fh)
        if rd.fieldnames != COLS:
            print("ERROR columns:", rd.fieldnames)
            sys.exit(1)
        rows = list(rd)
    ids = [r["id"] for r in rows]
    if ids != [f"ru{i:03d}" for i in range(1, 151)]:
        errors.append("ids are not ru001..ru150 in order")
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
        tags = [x for x in r["shape"].split(";") if x]
        if not tags:
            err(rid, "no shape tag")
        for x in tags:
            if x not in TAGS:
                err(rid, f"unknown tag {x}")
        tags = set(tags)
        low, high = r["low"], r["high"]
        if cat != "base_pay":
            if low or high or r["currency"] or r["period"] or r["several"] == "true" or r["ote_also"] == "true":
                err(rid, "amount/currency/period/several/ote on a non-base row")
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
        for tag, per in (("hourly", "hour"), ("daily", "day"), ("weekly", "week")):
            if tag in tags and r["period"] != per:
                err(rid, f"{tag} tag but period {r['period']}")
        if "net_stated" in tags and not NET_RE.search(t):
            err(rid, "net_stated without a net word")
        if "gross_stated" in tags and not GROSS_RE.search(t):
            err(rid, "gross_stated without a gross word")
        if (r["several"] == "true") != bool(tags & SEVERAL_TAGS) and r["several"] == "true":
            err(rid, "several=true without an explaining tag")
        for v in (lo, hi):
            if v is not None and not written(v, t):
                err(rid, f"figure {v} not found in text")
    # counts
    print(f"rows: {len(rows)}   errors: {len(errors)}")
    for e in errors:
        print("ERROR", e)
    cnt = Counter((r["country"], r["category"]) for r in rows)
    print("\ncountry x category:")
    for c in ("BY", "RU"):
        print(f"  {c}: " + ", ".join(f"{k} {cnt[(c, k)]}" for k in sorted(CATS)) +
              f", total {sum(v for (cc, _), v in cnt.items() if cc == c)}")
    base = [r for r in rows if r["category"] == "base_pay"]
    print("base_pay by currency:", dict(Counter(r["currency"] for r in base)))
    print("base_pay by period:", dict(Counter(r["period"] for r in base)))
    print("from (high empty):", sum(1 for r in base if not r["high"]),
          " up to (low empty):", sum(1 for r in base if not r["low"]),
          " several=true:", sum(1 for r in base if r["several"] == "true"),
          " ote_also=true:", sum(1 for r in base if r["ote_also"] == "true"))
    print("half:", dict(Counter(r["half"] for r in rows)),
          " half x category:", dict(Counter((r["half"], r["category"]) for r in rows)))
    tags = Counter(x for r in rows for x in r["shape"].split(";") if x)
    print("shape tags:", ", ".join(f"{k} {v}" for k, v in tags.most_common()))
    sys.exit(1 if errors else 0)


if __name__ == "__main__":
    main()
