"""Validate postings.csv / duties.csv of the seventh duty-span set (duties7) against the corpora and earlier sets.

Run: python3 data/labelled/duties7/validate.py (from the repository root), or from anywhere. Standard library only.
Corpora: WORKBENCH_SHARED/corpora when WORKBENCH_SHARED is set, else ../shared/corpora beside the repository
Earlier sets: the folder above this set's own (data/labelled/).
Checks: columns (same as sets 2-6), non-empty labels, allowed areas, half == 'tune7' on every row (the whole
set is a tuning set), every posting on the `tune` half of the CONVENTIONS.md hash rule (it was sampled
only from there), text_sha1 / span_sha1 re-computed from the corpus field, offsets in range, no
overlapping spans within a posting, n_duties consistent and > 0, span boundaries (no surrounding
whitespace, no leading bullet symbol, no line break inside, no cut through a word), no posting shared
with duties ... duties6, duties_area2, nopay, paydocs or paydocs2 by corpus+id, none sharing a text hash
or its first 300 normalised characters with duties ... duties6, none sharing its first 300 normalised
characters with set 1 (held-out leak check), no duplicate texts here, counts (>= 45 postings with at
least 28 uk_ads and 17 hh_ru, >= 350 duties; prints the corpus and area mix).
"""
import csv, glob, hashlib, os, re, sys
from collections import Counter
from pathlib import Path

HERE = Path(__file__).resolve().parent

def corpus_dir():
    if os.environ.get('WORKBENCH_SHARED'):
        return os.path.join(os.environ['WORKBENCH_SHARED'], 'corpora')
    ps = Path(__file__).resolve().parents
    cands = [ps[i] / 'shared' / 'corpora' for i in (4,) if i < len(ps)]
    for p in cands:
        if p.exists():
            return str(p)
    return str(cands[0])

def labelled_dir():
    return str(HERE.parent)

CORP = corpus_dir()
LAB = labelled_dir()
DUTY_SETS = ['duties', 'duties2', 'duties3', 'duties4', 'duties5', 'duties6']
OTHER_SETS = ['duties_area2', 'nopay', 'paydocs', 'paydocs2']
GLUED_AT = set()  # (corpus, id, offset) item boundaries glued with no space where the next item is lower case; none needed
SRC = {  # corpus -> (file, id column, text field)
    'linkedin_us': ('linkedin_us/postings_linkedin_kaggle_subset.csv', 'job_id', 'description'),
    'uk_ads': ('uk_ads/adzuna_uk_data_jobs.csv', 'adzuna_id', 'job_description'),
    'hh_ru': ('hh_ru/hh_ru_vacancies.csv', 'vacancy_id', 'description_text'),
}
AREAS = {'client_relationship', 'growth_new_business', 'financial_management', 'team_leadership',
         'strategy_planning', 'delivery_operations', 'reporting_forecasting', 'negotiation_contracts',
         'internal_coordination', 'quality_process', 'other'}
BULLETS = set('●·•*➢-–—+o▪■►✓✔')

def sha(s): return hashlib.sha1(s.encode('utf-8')).hexdigest()
def half(key): return 'tune' if int(sha(key)[:8], 16) % 2 == 0 else 'holdout'
norm = lambda x: re.sub(r'\W+', '', x.lower())[:300]
def rd(p): return list(csv.DictReader(open(p, encoding='utf-8', newline='')))

def main():
    csv.field_size_limit(10**9)
    texts = {}
    for c, (fn, idc, fc) in SRC.items():
        with open(os.path.join(CORP, fn), encoding='utf-8', newline='') as f:
            for r in csv.DictReader(f):
                texts[(c, r[idc])] = (r[fc], fc)
    errs = []
    P = rd(HERE / 'postings.csv'); Dt = rd(HERE / 'duties.csv')
    pc = ['corpus', 'id', 'field', 'text_sha1', 'title_is_account_role', 'n_duties', 'note', 'half']
    dc = ['corpus', 'id', 'start', 'end', 'span_sha1', 'area', 'half']
    if list(P[0].keys()) != pc: errs.append(f'postings columns {list(P[0].keys())}')
    if list(Dt[0].keys()) != dc: errs.append(f'duties columns {list(Dt[0].keys())}')
    # earlier sets
    early_ids, early_text, early_heads, s1_heads = set(), set(), set(), set()
    for s in DUTY_SETS:
        p = os.path.join(LAB, s, 'postings.csv')
        if not os.path.exists(p): errs.append(f'{s} postings not found at {p}'); continue
        for r in rd(p):
            k = (r['corpus'], r['id']); early_ids.add(k); early_text.add(r['text_sha1'])
            if k in texts:
                h = norm(texts[k][0]); early_heads.add(h)
                if s == 'duties': s1_heads.add(h)
    for s in OTHER_SETS:
        fs = glob.glob(os.path.join(LAB, s, '*.csv'))
        if not fs: errs.append(f'{s} not found under {LAB}')
        for p in fs:
            for r in rd(p):
                early_ids.add((r['corpus'], r['id']))
                if r.get('text_sha1'): early_text.add(r['text_sha1'])
    seen = set(); post = {}; seen_text = set()
    for r in P:
        k = (r['corpus'], r['id'])
        if k in seen: errs.append(f'duplicate posting {k}')
        seen.add(k); post[k] = r
        for col in ['corpus', 'id', 'field', 'text_sha1', 'title_is_account_role', 'n_duties', 'note', 'half']:
            if not r[col]: errs.append(f'{k} empty {col}')
        if k in early_ids: errs.append(f'{k} is already in an earlier set')
        if r['text_sha1'] in early_text: errs.append(f'{k} has the same text as a posting of an earlier set')
        if r['text_sha1'] in seen_text: errs.append(f'{k} duplicates the text of another posting here')
        seen_text.add(r['text_sha1'])
        if r['half'] != 'tune7': errs.append(f'{k} half {r["half"]!r} != tune7')
        if half(f'{k[0]}:{k[1]}') != 'tune': errs.append(f'{k} is on the holdout half by the CONVENTIONS.md rule')
        if r['title_is_account_role'] not in ('true', 'false'): errs.append(f'{k} bad account flag')
        if k not in texts: errs.append(f'{k} not in corpus'); continue
        t, fc = texts[k]
        if r['field'] != fc: errs.append(f'{k} field {r["field"]} != {fc}')
        if sha(t)[:12] != r['text_sha1']: errs.append(f'{k} text_sha1 mismatch')
        if norm(t) in early_heads: errs.append(f'{k} shares its first 300 normalised characters with duties..duties6')
        if norm(t) in s1_heads: errs.append(f'{k} shares its first 300 normalised characters with set 1')
    spans = {}
    for r in Dt:
        k = (r['corpus'], r['id'])
        if k not in post: errs.append(f'duty for unknown posting {k}'); continue
        if r['area'] not in AREAS: errs.append(f'{k} bad area {r["area"]!r}')
        if r['half'] != 'tune7' or r['half'] != post[k]['half']: errs.append(f'{k} duty half wrong')
        if k not in texts: continue
        t = texts[k][0]; st, en = int(r['start']), int(r['end'])
        if not (0 <= st < en <= len(t)): errs.append(f'{k} offsets out of range {st}-{en}'); continue
        s = t[st:en]
        if sha(s)[:12] != r['span_sha1']: errs.append(f'{k} span_sha1 mismatch at {st}')
        if s != s.strip(): errs.append(f'{k} span {st} has surrounding whitespace')
        if s[0] in BULLETS and (len(s) < 2 or s[1] == ' '): errs.append(f'{k} span {st} starts with bullet')
        if '\n' in s or '\r' in s: errs.append(f'{k} span {st} crosses a line break')
        if st > 0 and t[st-1].isalnum() and s[0].isalnum() and s[0].islower() and (k[0], k[1], st) not in GLUED_AT:
            errs.append(f'{k} span {st} starts inside a word')
        if en < len(t) and s[-1].isalnum() and t[en].isalnum() and t[en].islower() and (k[0], k[1], en) not in GLUED_AT:
            errs.append(f'{k} span {st} ends inside a word')
        spans.setdefault(k, []).append((st, en))
    for k, r in post.items():
        ss = sorted(spans.get(k, []))
        if len(ss) != int(r['n_duties']): errs.append(f'{k} n_duties {r["n_duties"]} != {len(ss)}')
        if not ss: errs.append(f'{k} has no duties')
        for (a1, b1), (a2, b2) in zip(ss, ss[1:]):
            if a2 < b1: errs.append(f'{k} overlapping spans {a1}-{b1} / {a2}-{b2}')
    nP, nD = len(P), len(Dt)
    pc_ = Counter(r['corpus'] for r in P)
    if nP < 45: errs.append(f'only {nP} postings')
    for c, want in (('uk_ads', 28), ('hh_ru', 17)):
        if pc_[c] < want: errs.append(f'{c}: only {pc_[c]} postings (want {want})')
    if nD < 350: errs.append(f'only {nD} duties')
    print('corpora', CORP, '| earlier sets', LAB)
    print('postings', nP, dict(pc_), '| duties', nD, dict(Counter(r['corpus'] for r in Dt)))
    print('half', dict(Counter(r['half'] for r in P)), dict(Counter(r['half'] for r in Dt)),
          '| hash-rule half of the postings', dict(Counter(half(f"{r['corpus']}:{r['id']}") for r in P)))
    print('account-role postings', dict(Counter((r['corpus'], r['title_is_account_role']) for r in P)))
    acc = {k for k, r in post.items() if r['title_is_account_role'] == 'true'}
    print('areas', dict(Counter(r['area'] for r in Dt).most_common()))
    print('areas on account/sales titles', dict(Counter(r['area'] for r in Dt if (r['corpus'], r['id']) in acc).most_common()))
    for c in SRC:
        print(' ', c, dict(Counter(r['area'] for r in Dt if r['corpus'] == c).most_common()))
    for c in SRC:
        n = sorted(int(r['n_duties']) for r in P if r['corpus'] == c)
        if n: print('  duties per posting', c, 'median', (n[(len(n)-1)//2] + n[len(n)//2]) / 2, 'min', n[0], 'max', n[-1])
    if errs:
        print(f'{len(errs)} ERRORS'); [print(' ', e) for e in errs]; sys.exit(1)
    print('OK: all checks passed')

if __name__ == '__main__':
    main()
