"""Validate titles_4.csv (fourth, independent title set; every row half=tune4).

Usage: python validate_4.py [--titles-dir DIR]
  --titles-dir  folder holding titles.csv, titles_2.csv, titles_3.csv; default this file's folder
                (once committed next to them in data/labelled/titles/)
Checks: the nine columns of titles_3.csv in its order; no empty title/language/country/family/half;
family in the six values; level 1-5 for ladder families and empty (with empty level_name) for
delivery/other; level_name equal to the name sets 1-3 use for that (family, level), itself checked
against the CONVENTIONS table; half == 'tune4'; no repeated key in this set; no (title, country,
context) key of sets 1-3; language agrees with the title's script; country plausible for the language;
context <= 12 English words; no stray whitespace; >= 300 rows. Prints counts.
"""
import re, sys, collections
from pathlib import Path
import pandas as pd

HERE = Path(__file__).resolve().parent
TDIR = HERE
if "--titles-dir" in sys.argv:
    TDIR = Path(sys.argv[sys.argv.index("--titles-dir") + 1])

LADDER = {"account_management", "key_accounts", "client_services", "sales"}
FAMILIES = LADDER | {"delivery", "other"}
ACC = {1: "Account Executive / Coordinator", 2: "Account Manager", 3: "Senior / Key Account Manager",
       4: "Account Director", 5: "Group Account Director / Client Services Director / Head of Accounts"}
SAL = {1: "Sales Development Representative", 2: "Account Executive", 3: "Mid-Market / Senior Account Executive",
       4: "Enterprise / Strategic / Major Account Executive", 5: "Sales Manager / Head of Sales / Sales Director / VP Sales"}
COUNTRIES = {"en": {"GB", "US", "IE", "AU", "CA", "DE", "FR", "NL", "SG"}, "ru": {"RU", "BY", "KZ"},
             "zh": {"CN", "HK", "TW", "SG"}}

def read(p):
    return pd.read_csv(p, keep_default_na=False, dtype=str)

errors = []
olds = {n: read(TDIR / n) for n in ("titles.csv", "titles_2.csv", "titles_3.csv")}
s4 = read(HERE / "titles_4.csv")
COLS = list(olds["titles_3.csv"].columns)
if list(s4.columns) != COLS:
    errors.append(f"columns {list(s4.columns)} != titles_3.csv's {COLS}")

names = {}
for d in olds.values():
    for r in d.itertuples():
        if r.level:
            names.setdefault((r.family, int(r.level)), set()).add(r.level_name)
for (fam, lvl), ns in names.items():
    want = (SAL if fam == "sales" else ACC)[lvl]
    if ns != {want}:
        errors.append(f"earlier sets' level_name for {fam} {lvl} is {ns}, table says {want!r}")

key = lambda r: (r.title, r.country, r.context)
old = {}
for n, d in olds.items():
    for r in d.itertuples():
        old.setdefault(key(r), n)
seen = collections.Counter()
for i, r in enumerate(s4.itertuples(), start=2):
    where = f"line {i} {r.title!r}"
    for c in ("title", "language", "country", "family", "half"):
        if not getattr(r, c).strip():
            errors.append(f"{where}: empty {c}")
    for c in ("title", "context", "note"):
        v = getattr(r, c)
        if v != v.strip() or "  " in v:
            errors.append(f"{where}: stray whitespace in {c}")
    if r.family not in FAMILIES:
        errors.append(f"{where}: family {r.family!r}")
    if r.family in LADDER:
        if r.level not in {"1", "2", "3", "4", "5"}:
            errors.append(f"{where}: ladder family without level 1-5 ({r.level!r})")
        else:
            lvl = int(r.level)
            want = (SAL if r.family == "sales" else ACC)[lvl]
            if r.level_name != want or names.get((r.family, lvl), {want}) != {r.level_name}:
                errors.append(f"{where}: level_name {r.level_name!r} inconsistent with earlier sets ({want!r})")
    elif r.level or r.level_name:
        errors.append(f"{where}: {r.family} must have no level/level_name")
    if r.half != "tune4":
        errors.append(f"{where}: half {r.half!r} != 'tune4'")
    k = key(r)
    seen[k] += 1
    if seen[k] == 2:
        errors.append(f"{where}: key repeated in this set")
    if k in old:
        errors.append(f"{where}: key already in {old[k]}")
    cyr = bool(re.search("[\u0400-\u04ff]", r.title)); cjk = bool(re.search("[\u4e00-\u9fff]", r.title))
    lang = "ru" if cyr else "zh" if cjk else "en"
    if r.language != lang:
        errors.append(f"{where}: language {r.language!r}, script says {lang!r}")
    if r.country not in COUNTRIES.get(r.language, set()):
        errors.append(f"{where}: country {r.country!r} implausible for {r.language}")
    if r.context:
        if len(r.context.split()) > 12:
            errors.append(f"{where}: context over 12 words")
        if re.search("[\u0400-\u04ff\u4e00-\u9fff]", r.context):
            errors.append(f"{where}: context not English")
if len(s4) < 300:
    errors.append(f"only {len(s4)} rows (< 300)")

n = len(s4)
print(f"rows {n}, distinct titles {s4.title.nunique()}, distinct keys {len(seen)}")
lc = s4.language.value_counts()
print("by language:", ", ".join(f"{l} {lc.get(l,0)} ({100*lc.get(l,0)/n:.1f}%)" for l in ("en", "ru", "zh")))
print(pd.crosstab(s4.family, s4.language, margins=True, margins_name="total"))
print(pd.crosstab(s4.family, s4.level.replace("", "none"), margins=True, margins_name="total"))
print(pd.crosstab(s4.level.replace("", "none"), s4.language))
print("by country:", s4.country.value_counts().to_dict())
print("with context:", (s4.context != "").sum(), "by lang", s4[s4.context != ""].language.value_counts().to_dict())
print("hard rows:", s4.note.str.startswith("hard:").sum())
shared = sorted(set(s4.title) & set().union(*[set(d.title) for d in olds.values()]))
print(f"titles also in sets 1-3 (other country/context): {len(shared)}: {shared}")
if errors:
    print("ERRORS:"); [print(" ", e) for e in errors]; sys.exit(1)
print("OK, no errors")
