"""Validate titles_3.csv (third, independent title set; every row half=tune3).

Usage: python validate_3.py [--titles-dir DIR] [--corpora DIR]
  --titles-dir  folder holding set 1 (titles.csv) and set 2 (titles_2.csv);
                default this file's folder (data/labelled/titles)
  --corpora     if given, also count our titles that occur verbatim (case-insensitive,
                whitespace-normalised) among the corpus title columns (report only)
Checks: the nine columns in set 1/2 order; no empty title/language/country/family/half; family in
the six values; level 1-5 for the four ladder families and empty (with empty level_name) for
delivery/other; level_name equal to the name sets 1 and 2 use for that (family, level) (learnt from
them and compared with the CONVENTIONS table); half == 'tune3'; no repeated key in this set; no
(title, country, context) key of set 1 or set 2; language agrees with the title's script; country
plausible for the language; context <= 12 English words; no stray whitespace. Prints the counts.
"""
import re, sys, collections
from pathlib import Path
import pandas as pd

HERE = Path(__file__).resolve().parent
TDIR = HERE
if "--titles-dir" in sys.argv:
    TDIR = Path(sys.argv[sys.argv.index("--titles-dir") + 1])
CORP = None
if "--corpora" in sys.argv:
    CORP = Path(sys.argv[sys.argv.index("--corpora") + 1])

COLS = ["title", "language", "country", "context", "family", "level", "level_name", "note", "half"]
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
s1, s2, s3 = read(TDIR / "titles.csv"), read(TDIR / "titles_2.csv"), read(HERE / "titles_3.csv")
for name, d in (("set 1", s1), ("set 2", s2), ("set 3", s3)):
    if list(d.columns) != COLS:
        errors.append(f"{name} columns {list(d.columns)} != {COLS}")

# level_name as the earlier sets fill it, checked against the CONVENTIONS table
names = {}
for d in (s1, s2):
    for r in d.itertuples():
        if r.level:
            names.setdefault((r.family, int(r.level)), set()).add(r.level_name)
for (fam, lvl), ns in names.items():
    want = (SAL if fam == "sales" else ACC)[lvl]
    if ns != {want}:
        errors.append(f"earlier sets' level_name for {fam} {lvl} is {ns}, table says {want!r}")

key = lambda r: (r.title, r.country, r.context)
old = {key(r): "set 1" for r in s1.itertuples()}
old.update({key(r): "set 2" for r in s2.itertuples() if key(r) not in old})
seen = collections.Counter()
for i, r in enumerate(s3.itertuples(), start=2):
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
            if r.level_name != want:
                errors.append(f"{where}: level_name {r.level_name!r} != {want!r}")
            if names.get((r.family, lvl), {want}) != {r.level_name}:
                errors.append(f"{where}: level_name differs from the earlier sets' {names[(r.family, lvl)]}")
    elif r.level or r.level_name:
        errors.append(f"{where}: {r.family} must have no level / level_name")
    if r.half != "tune3":
        errors.append(f"{where}: half {r.half!r} != tune3")
    if key(r) in old:
        errors.append(f"{where}: key (title, country, context) already in {old[key(r)]}")
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
        errors.append(f"key repeated {n}x in set 3: {k}")
if len(s3) < 400:
    errors.append(f"only {len(s3)} rows (need >= 400)")

n = len(s3)
print(f"rows {n}, distinct titles {s3.title.nunique()}, distinct keys {len(seen)}")
print("language:", {k: f"{v} ({100*v/n:.1f}%)" for k, v in s3.language.value_counts().items()})
ladder = int(s3.family.isin(LADDER).sum())
print(f"ladder rows {ladder} ({100*ladder/n:.1f}%), delivery/other {n-ladder}")
print(pd.crosstab(s3.family, s3.language, margins=True, margins_name="total").to_string())
print(pd.crosstab(s3.family, s3.level.replace("", "none"), margins=True, margins_name="total").to_string())
print(pd.crosstab(s3.level.replace("", "none"), s3.language, margins=True, margins_name="total").to_string())
print("country:", dict(s3.country.value_counts()))
ctx = s3.context != ""
print(f"with context {int(ctx.sum())} ({dict(s3[ctx].language.value_counts())}), hard rows {int(s3.note.str.startswith('hard:').sum())}")
t12 = {r.title for r in s1.itertuples()} | {r.title for r in s2.itertuples()}
print(f"titles also in set 1/2 (with another country/context): {int(s3.title.isin(t12).sum())}")

if CORP:
    norm = lambda s: re.sub(r"\s+", " ", str(s)).strip().casefold()
    corpus_titles = set()
    for p in CORP.rglob("*.csv"):
        try:
            head = pd.read_csv(p, nrows=0).columns
        except Exception:
            continue
        tcols = [c for c in head if c.lower() in ("title", "job title", "job_title", "position", "name", "job_name", "positionname", "职位名称")]
        for c in tcols:
            try:
                corpus_titles |= {norm(t) for t in pd.read_csv(p, usecols=[c], dtype=str)[c].dropna()}
            except Exception:
                pass
    hits = sorted({t for t in s3.title if norm(t) in corpus_titles})
    print(f"verbatim overlap with corpus title columns: {len(hits)} {hits}")

if errors:
    print(f"{len(errors)} ERROR(S):")
    for e in errors:
        print("  " + e)
    sys.exit(1)
print("OK, no errors")
