"""Validate postings.csv / duties.csv of the eighth duty-span set (duties8) against the corpora and earlier sets.

Run: python3 data/labelled/duties8/validate.py (from the repository root), or from anywhere. Standard library only.
Corpora: $WORKBENCH_SHARED/corpora when WORKBENCH_SHARED is set; otherwise the first `shared/corpora` folder found
beside this file's folder or one of its ancestors (in the repository layout: ../shared/corpora beside the repository).
Earlier sets: $LABELLED_DIR when set; otherwise the folder above this set's own when it holds CONVENTIONS.md
(data/labelled/ in the repository); otherwise the first `<ancestor>/<child>/data/labelled` holding CONVENTIONS.md.
Checks: columns (same as sets 2-7), non-empty labels and notes, allowed areas, half == 'tune8' on every row (the
whole set is a tuning set), every posting on the `tune` half of the CONVENTIONS.md hash rule (it was sampled only
from there), text_sha1 / span_sha1 re-computed from the corpus field, offsets in range, no overlapping spans in a
posting, n_duties consistent and > 0, span boundaries (no surrounding whitespace, no leading bullet symbol, no line
break inside, no cut through a word), no posting shared by corpus+id with any set under the labelled folder that
stores corpus and id (duties ... duties7, duties9, duties_area2, nopay, paydocs, paydocs2, paydocs3, timesplits,
paytexts, paytexts2;
the `locations` set is reported but exempt, see README), none sharing a text hash with any of them that stores
one, none sharing its first 300 normalised characters with duties ... duties7 or duties9, and separately with set 1
(held-out leak check), no duplicate texts here, the linkedin_us rule (every tune-half linkedin_us posting missing
from all sets by id is a text copy of a labelled posting), and counts (>= 45 postings with at least 24 uk_ads and
20 hh_ru, >= 350 duties; prints the corpus and area mix).
"""
import csv, glob, hashlib, os, re, sys
from collections import Counter
from pathlib import Path

HERE = Path(__file__).resolve().parent
SET = 'duties8'
HALF = 'tune8'

def corpus_dir():
    if os.environ.get('WORKBENCH_SHARED'):
        return os.path.join(os.environ['WORKBENCH_SHARED'], 'corpora')
    for p in HERE.parents:
        if (p / 'shared' / 'corpora').is_dir():
            return str(p / 'shared' / 'corpora')
    sys.exit('corpora not found: set WORKBENCH_SHARED')

def labelled_dir():
    if os.environ.get('LABELLED_DIR'):
        return os.environ['LABELLED_DIR']
    if (HERE.parent / 'CONVENTIONS.md').exists():
        return str(HERE.parent)
    for p in HERE.parents:
        for q in sorted(p.glob('*/data/labelled')):
            if (q / 'CONVENTIONS.md').exists():
                return str(q)
    sys.exit('earlier sets not found: set LABELLED_DIR')

CORP = corpus_dir()
LAB = labelled_dir()
DUTY_SETS = ['duties', 'duties2', 'duties3', 'duties4', 'duties5', 'duties6', 'duties7']
LATER_SETS = ['duties9']  # written at the same time as this set; compared when present
EXEMPT = {'locations'}  # labels the location field of every uk_ads row; see README
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
    # earlier sets: every CSV under the labelled folder that has corpus and id columns
    early_ids, early_text, early_heads, s1_heads, exempt_ids = set(), set(), set(), set(), set()
    scanned = Counter()
    for p in sorted(glob.glob(os.path.join(LAB, '**', '*.csv'), recursive=True)):
        sub = os.path.relpath(p, LAB).split(os.sep)[0]
        if sub == SET: continue
        rows = rd(p)
        if not rows or 'corpus' not in rows[0] or 'id' not in rows[0]: continue
        for r in rows:
            k = (r['corpus'], r['id'])
            if sub in EXEMPT: exempt_ids.add(k); continue
            early_ids.add(k); scanned[sub] += 1
            if r.get('text_sha1'): early_text.add(r['text_sha1'])
    for s in DUTY_SETS + LATER_SETS:
        p = os.path.join(LAB, s, 'postings.csv')
        if not os.path.exists(p):
            if s in DUTY_SETS: errs.append(f'{s} postings not found at {p}')
            continue
        for r in rd(p):
            k = (r['corpus'], r['id'])
            if k in texts:
                h = norm(texts[k][0]); early_heads.add(h)
                if s == 'duties': s1_heads.add(h)
    for s in ['duties_area2', 'nopay', 'paydocs', 'paydocs2']:
        if not scanned[s]: errs.append(f'{s} not found under {LAB}')
    seen = set(); post = {}; seen_text = set()
    for r in P:
        k = (r['corpus'], r['id'])
        if k in seen: errs.append(f'duplicate posting {k}')
        seen.add(k); post[k] = r
        for col in pc:
            if not r[col]: errs.append(f'{k} empty {col}')
        if k in early_ids: errs.append(f'{k} is already in an earlier set')
        if r['text_sha1'] in early_text: errs.append(f'{k} has the same text as a posting of an earlier set')
        if r['text_sha1'] in seen_text: errs.append(f'{k} duplicates the text of another posting here')
        seen_text.add(r['text_sha1'])
        if r['half'] != HALF: errs.append(f'{k} half {r["half"]!r} != {HALF}')
        if half(f'{k[0]}:{k[1]}') != 'tune': errs.append(f'{k} is on the holdout half by the CONVENTIONS.md rule')
        if r['title_is_account_role'] not in ('true', 'false'): errs.append(f'{k} bad account flag')
        if k not in texts: errs.append(f'{k} not in corpus'); continue
        t, fc = texts[k]
        if r['field'] != fc: errs.append(f'{k} field {r["field"]} != {fc}')
        if sha(t)[:12] != r['text_sha1']: errs.append(f'{k} text_sha1 mismatch')
        if norm(t) in early_heads: errs.append(f'{k} shares its first 300 normalised characters with duties..duties7 or duties9')
        if norm(t) in s1_heads: errs.append(f'{k} shares its first 300 normalised characters with set 1')
    # linkedin_us rule: a tune-half posting unlabelled by every set must be included unless it copies a labelled text
    labelled_sha = {sha(texts[k][0])[:12] for k in early_ids if k in texts}
    li_left = [k for k in texts if k[0] == 'linkedin_us' and half(f'{k[0]}:{k[1]}') == 'tune'
               and k not in early_ids and k not in post]
    for k in li_left:
        if sha(texts[k][0])[:12] not in labelled_sha:
            errs.append(f'{k} is a tune-half linkedin_us posting in no set and not a copy of a labelled text')
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
    for c, want in (('uk_ads', 24), ('hh_ru', 20)):
        if pc_[c] < want: errs.append(f'{c}: only {pc_[c]} postings (want {want})')
    if nD < 350: errs.append(f'only {nD} duties')
    print('corpora', CORP, '| earlier sets', LAB)
    print('sets compared by corpus+id', dict(sorted(scanned.items())))
    print('exempt set overlap (locations, by corpus+id):', sum(1 for k in post if k in exempt_ids), 'of', nP)
    print('linkedin_us tune-half postings in no set by id:', len(li_left), '(all copies of labelled texts)' if li_left else '')
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
