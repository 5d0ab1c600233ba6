"""Validate titles_2.csv (second, independent title set; every row half=tune2).

Usage: python validate_2.py [--set1 PATH]   (default: titles.csv beside this file)
Checks: the nine columns in set 1's order; no empty title/language/country/family/half;
family in the six values; level 1-5 for the four ladder families and empty for delivery/other;
level_name equal to the (family, level) name that set 1 uses (learnt from set 1 and compared
with the CONVENTIONS table); half == 'tune2'; no repeated key in set 2; no (title, country,
context) key of set 1; language matches the script of the title; country plausible for the
language; context <= 12 words; language shares and counts printed.
"""
import re, sys, collections
import pandas as pd

from pathlib import Path
SET1 = str(Path(__file__).resolve().parent / "titles.csv")
if "--set1" in sys.argv:
    SET1 = sys.argv[sys.argv.index("--set1") + 1]
SET2 = str(Path(__file__).resolve().parent / "titles_2.csv")

COLS = ["title", "language", "country", "context", "family", "level", "level_name", "note", "half"]
LADDER = {"account_management", "key_accounts", "client_services", "sales"}
FAMILIES = LADDER | {"delivery", "other"}
ACC = {1: "Account Executive / Coordinator", 2: "Account Manager", 3: "Senior / Key Account Manager",
       4: "Account Director", 5: "Group Account Director / Client Services Director / Head of Accounts"}
SAL = {1: "Sales Development Representative", 2: "Account Executive", 3: "Mid-Market / Senior Account Executive",
       4: "Enterprise / Strategic / Major Account Executive", 5: "Sales Manager / Head of Sales / Sales Director / VP Sales"}
COUNTRIES = {"en": {"GB", "US", "IE", "AU", "CA", "DE", "FR", "NL", "SG"}, "ru": {"RU", "BY", "KZ"},
             "zh": {"CN", "HK", "TW", "SG"}}

errors = []
s1 = pd.read_csv(SET1, keep_default_na=False, dtype=str)
s2 = pd.read_csv(SET2, keep_default_na=False, dtype=str)
if list(s2.columns) != COLS:
    errors.append(f"columns {list(s2.columns)} != {COLS}")
if list(s1.columns) != COLS:
    errors.append(f"set 1 columns differ: {list(s1.columns)}")

# level_name as set 1 fills it, learnt from set 1 and checked against the CONVENTIONS table
names1 = {}
for r in s1.itertuples():
    if r.level:
        names1.setdefault((r.family, int(r.level)), set()).add(r.level_name)
for (fam, lvl), ns in names1.items():
    want = (SAL if fam == "sales" else ACC)[lvl]
    if ns != {want}:
        errors.append(f"set 1 level_name for {fam} {lvl} is {ns}, table says {want!r}")

def key(r):
    return (r.title, r.country, r.context)

keys1 = {key(r) for r in s1.itertuples()}
seen = collections.Counter()
for i, r in enumerate(s2.itertuples(), start=2):
    where = f"line {i} {r.title!r}"
    for c in ("title", "language", "country", "family", "half"):
        if not getattr(r, c).strip():
            errors.append(f"{where}: empty {c}")
    if r.title != r.title.strip() or r.context != r.context.strip():
        errors.append(f"{where}: stray whitespace")
    if r.family not in FAMILIES:
        errors.append(f"{where}: family {r.family!r}")
    if r.family in LADDER:
        if r.level not in {"1", "2", "3", "4", "5"}:
            errors.append(f"{where}: ladder family without level 1-5 ({r.level!r})")
        else:
            want = (SAL if r.family == "sales" else ACC)[int(r.level)]
            if r.level_name != want:
                errors.append(f"{where}: level_name {r.level_name!r} != {want!r}")
    else:
        if r.level or r.level_name:
            errors.append(f"{where}: {r.family} must have no level / level_name")
    if r.half != "tune2":
        errors.append(f"{where}: half {r.half!r} != tune2")
    if key(r) in keys1:
        errors.append(f"{where}: key (title, country, context) already in set 1")
    seen[key(r)] += 1
    cyr = bool(re.search("[\u0400-\u04ff]", r.title))
    cjk = bool(re.search("[\u3400-\u9fff]", r.title))
    lang = "ru" if cyr else "zh" if cjk else "en"
    if r.language != lang:
        errors.append(f"{where}: language {r.language} but script says {lang}")
    if r.country not in COUNTRIES.get(r.language, set()):
        errors.append(f"{where}: country {r.country} unexpected for {r.language}")
    if r.context and len(r.context.split()) > 12:
        errors.append(f"{where}: context over 12 words")
    if r.context and re.search("[\u0400-\u04ff\u3400-\u9fff]", r.context):
        errors.append(f"{where}: context must be English")
for k, n in seen.items():
    if n > 1:
        errors.append(f"key repeated {n}x in set 2: {k}")

n = len(s2)
print(f"rows {n}, distinct titles {s2.title.nunique()}, distinct keys {len(seen)}")
print("language:", {k: f"{v} ({100*v/n:.1f}%)" for k, v in s2.language.value_counts().items()})
ladder = s2.family.isin(LADDER).sum()
print(f"ladder rows {ladder} ({100*ladder/n:.1f}%), delivery/other {n-ladder}")
print(pd.crosstab(s2.family, s2.language, margins=True, margins_name="total").to_string())
lv = s2.level.replace("", "none")
print(pd.crosstab(s2.family, lv, margins=True, margins_name="total").to_string())
print("country:", dict(s2.country.value_counts()))
print(f"with context {int((s2.context != '').sum())}, hard rows {int(s2.note.str.startswith('hard:').sum())}")
if errors:
    print(f"{len(errors)} ERROR(S):")
    for e in errors:
        print("  " + e)
    sys.exit(1)
print("OK, no errors")
