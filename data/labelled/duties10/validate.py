"""Validate postings.csv / duties.csv of the tenth duty-span set (duties10) against the corpora and the other sets.

Run: python3 validate.py (from anywhere). Standard library only.
Corpora: $WORKBENCH_SHARED/corpora when WORKBENCH_SHARED is set, else the first of <repo>/../shared/corpora
(when this file sits in <repo>/data/labelled/duties10/) or ../../shared/corpora (a staging folder <root>/labels/duties10/
beside <root>/shared/) that exists.
Labelled sets: $WORKBENCH_LABELLED when set, else the folder above this set's own when it holds duties/postings.csv
(data/labelled/), else ../../main/data/labelled (staging layout).
Checks: columns (same as sets 2-9), non-empty values, allowed areas, half == 'tune10' on every row, every posting on the
`tune` half of the CONVENTIONS.md hash rule, text_sha1 / span_sha1 re-computed from the corpus field, offsets in range, no
overlapping spans, n_duties consistent and > 0, span boundaries (no surrounding whitespace, no leading bullet, no line
break inside, no cut through a word), no posting shared by corpus+id with any labelled set that stores corpus and id
(except locations, which labels the location field of every uk_ads row; see README), none sharing a text hash with
them, none sharing its first 300 normalised characters with duties..duties9, and separately with set 1 (held-out leak
check), no duplicate texts here, counts (>= 45 postings with >= 25 uk_ads and >= 20 hh_ru, >= 150 duties).
"""
import csv, glob, hashlib, os, re, sys
from collections import Counter
from pathlib import Path

HERE = Path(__file__).resolve().parent
SET = 'duties10'
HALF = 'tune10'

def corpus_dir():
    if os.environ.get('WORKBENCH_SHARED'):
        return os.path.join(os.environ['WORKBENCH_SHARED'], 'corpora')
    ps = HERE.parents
    cands = [ps[i] / 'shared' / 'corpora' for i in (3, 1) if i < len(ps)]
    for p in cands:
        if p.exists():
            return str(p)
    return str(cands[0])

def labelled_dir():
    if os.environ.get('WORKBENCH_LABELLED'):
        return os.environ['WORKBENCH_LABELLED']
    if (HERE.parent / 'duties' / 'postings.csv').exists():
        return str(HERE.parent)
    return str(HERE.parents[1] / 'main' / 'data' / 'labelled')

CORP = corpus_dir()
LAB = labelled_dir()
DUTY_SETS = ['duties', 'duties2', 'duties3', 'duties4', 'duties5', 'duties6', 'duties7', 'duties8', 'duties9']
NOT_EXCLUDED = {'locations', SET}   # locations labels the location field of every uk_ads row
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
    # other labelled sets
    early_ids, early_text, early_heads, s1_heads = set(), set(), set(), set()
    for s in DUTY_SETS:
        if not os.path.exists(os.path.join(LAB, s, 'postings.csv')): errs.append(f'{s} postings not found under {LAB}')
    used = []
    for p in sorted(glob.glob(os.path.join(LAB, '**', '*.csv'), recursive=True)):
        rel = os.path.relpath(p, LAB).split(os.sep)
        if rel[0] in NOT_EXCLUDED: continue
        R = rd(p)
        if not R or 'corpus' not in R[0] or 'id' not in R[0]: continue
        used.append('/'.join(rel))
        for r in R:
            k = (r['corpus'], r['id']); early_ids.add(k)
            if r.get('text_sha1'): early_text.add(r['text_sha1'])
            if rel[0] in DUTY_SETS and rel[-1] == 'postings.csv' and k in texts:
                h = norm(texts[k][0]); early_heads.add(h)
                if rel[0] == 'duties': s1_heads.add(h)
    seen = set(); post = {}; seen_text = set()
    for r in P:
        k = (r['corpus'], r['id']); key = f'{k[0]}:{k[1]}'
        if k in seen: errs.append(f'duplicate posting {k}')
        seen.add(k); post[k] = r
        for col in pc:
            if not r[col]: errs.append(f'{k} empty {col}')
        if k in early_ids: errs.append(f'{k} is already in another labelled set')
        if r['text_sha1'] in early_text: errs.append(f'{k} has the same text as a posting of another set')
        if r['text_sha1'] in seen_text: errs.append(f'{k} duplicates the text of another posting here')
        seen_text.add(r['text_sha1'])
        if r['half'] != HALF: errs.append(f'{k} half {r["half"]!r} != {HALF}')
        if half(key) != 'tune': errs.append(f'{k} is on the holdout half by the CONVENTIONS.md rule')
        if r['title_is_account_role'] not in ('true', 'false'): errs.append(f'{k} bad account flag')
        if k not in texts: errs.append(f'{k} not in corpus'); continue
        t, fc = texts[k]
        if r['field'] != fc: errs.append(f'{k} field {r["field"]} != {fc}')
        if sha(t)[:12] != r['text_sha1']: errs.append(f'{k} text_sha1 mismatch')
        if norm(t) in early_heads: errs.append(f'{k} shares its first 300 normalised characters with duties..duties9')
        if norm(t) in s1_heads: errs.append(f'{k} shares its first 300 normalised characters with set 1')
    spans = {}
    for r in Dt:
        k = (r['corpus'], r['id'])
        if k not in post: errs.append(f'duty for unknown posting {k}'); continue
        if r['area'] not in AREAS: errs.append(f'{k} bad area {r["area"]!r}')
        if r['half'] != HALF or r['half'] != post[k]['half']: errs.append(f'{k} duty half wrong')
        if k not in texts: continue
        t = texts[k][0]; st, en = int(r['start']), int(r['end'])
        if not (0 <= st < en <= len(t)): errs.append(f'{k} offsets out of range {st}-{en}'); continue
        s = t[st:en]
        if sha(s)[:12] != r['span_sha1']: errs.append(f'{k} span_sha1 mismatch at {st}')
        if s != s.strip(): errs.append(f'{k} span {st} has surrounding whitespace')
        if s[0] in BULLETS and (len(s) < 2 or s[1] == ' '): errs.append(f'{k} span {st} starts with bullet')
        if '\n' in s or '\r' in s: errs.append(f'{k} span {st} crosses a line break')
        if st > 0 and t[st-1].isalnum() and s[0].isalnum() and s[0].islower():
            errs.append(f'{k} span {st} starts inside a word')
        if en < len(t) and s[-1].isalnum() and t[en].isalnum() and t[en].islower():
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
    for c, want in (('uk_ads', 25), ('hh_ru', 20)):
        if pc_[c] < want: errs.append(f'{c}: only {pc_[c]} postings (want {want})')
    if nD < 150: errs.append(f'only {nD} duties')
    print('corpora', CORP, '| labelled sets', LAB)
    print('excluded by corpus+id:', ', '.join(used))
    print('postings', nP, dict(pc_), '| duties', nD, dict(Counter(r['corpus'] for r in Dt)))
    print('half', dict(Counter(r['half'] for r in P)), dict(Counter(r['half'] for r in Dt)),
          '| hash-rule half of the postings', dict(Counter(half(f"{r['corpus']}:{r['id']}") for r in P)))
    print('account-role postings', dict(Counter((r['corpus'], r['title_is_account_role']) for r in P)))
    acc = {k for k, r in post.items() if r['title_is_account_role'] == 'true'}
    print('areas', dict(Counter(r['area'] for r in Dt).most_common()))
    print('areas on account/sales titles', dict(Counter(r['area'] for r in Dt if (r['corpus'], r['id']) in acc).most_common()))
    for c in ('uk_ads', 'hh_ru'):
        print(' ', c, dict(Counter(r['area'] for r in Dt if r['corpus'] == c).most_common()))
    for c in ('uk_ads', 'hh_ru'):
        n = sorted(int(r['n_duties']) for r in P if r['corpus'] == c)
        if n: print('  duties per posting', c, 'median', (n[(len(n)-1)//2] + n[len(n)//2]) / 2, 'min', n[0], 'max', n[-1])
    snip = sum(1 for r in P if r['corpus'] == 'uk_ads' and len(texts[(r['corpus'], r['id'])][0]) <= 500)
    print('uk_ads 500-character snippets', snip, '| full uk_ads ads', pc_['uk_ads'] - snip)
    if errs:
        print(f'{len(errs)} ERRORS'); [print(' ', e) for e in errs]; sys.exit(1)
    print('OK: all checks passed')

if __name__ == '__main__':
    main()
