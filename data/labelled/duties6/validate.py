"""Validate postings.csv / duties.csv of the sixth duty-span set (duties6) against the corpora and sets 1-5.

Run: .venv/bin/python data/labelled/duties6/validate.py (from the repository root), or from anywhere.
Corpora: WORKBENCH_SHARED/corpora when WORKBENCH_SHARED is set, else ../shared/corpora beside the repository.
Sets 1-5: the folder above this set's own (data/labelled/: duties, duties2 ... duties5).
Checks: columns (same as sets 2-5), non-empty labels, allowed areas, half == 'tune6' on every row (the
whole set is a tuning set), text_sha1 / span_sha1 re-computed from the corpus field, offsets in range,
no overlapping spans within a posting, n_duties consistent, span boundaries (no surrounding
whitespace, no leading bullet symbol, no line break inside, no cut through a word except at the listed
glued item boundaries; none are needed here), no posting shared with sets 1-5 (by id, by text hash,
or by the first 300 normalised characters), none sharing its first 300 normalised characters with
set 1 (held-out leak check), no duplicate texts here, counts (>= 45 postings with at least
20 / 13 / 12 per corpus, >= 400 duties; prints the corpus and area mix).
"""
import csv, hashlib, os, re, sys
from collections import Counter

HERE = os.path.dirname(os.path.abspath(__file__))

def first_existing(paths):
    for p in paths:
        if p and os.path.exists(p):
            return p
    return paths[-1]

from pathlib import Path
def corpus_dir():
    if os.environ.get('WORKBENCH_SHARED'):
        return os.path.join(os.environ['WORKBENCH_SHARED'], 'corpora')
    return str(Path(__file__).resolve().parents[4] / 'shared' / 'corpora')
CORP = corpus_dir()
def labelled_dir():
    # sets 1-5 live in the repository's data/labelled/, the folder above this set's own
    return str(Path(__file__).resolve().parents[1])
LAB = labelled_dir()
EARLIER = [(os.path.join(LAB, s, 'postings.csv'), n) for s, n in (('duties', 'set 1'), ('duties2', 'set 2'), ('duties3', 'set 3'), ('duties4', 'set 4'), ('duties5', 'set 5'))]
# Item boundaries where the scraped text glued one list item to the next with no space, the next item
# starting in lower case (e.g. "...incidents" + "support ..."). A span that ends or starts there
# does not cut a word; these (corpus, id, offset) points are exempt from the word-cut check.
GLUED_AT = set()  # none needed in this set
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

def main():
    csv.field_size_limit(10**9)
    texts = {}
    for c, (fn, idc, fc) in SRC.items():
        with open(os.path.join(CORP, fn), encoding='utf-8', newline='') as f:
            for r in csv.DictReader(f):
                texts[(c, r[idc])] = (r[fc], fc)
    errs = []
    P = list(csv.DictReader(open(os.path.join(HERE, 'postings.csv'), encoding='utf-8', newline='')))
    Dt = list(csv.DictReader(open(os.path.join(HERE, 'duties.csv'), encoding='utf-8', newline='')))
    pc = ['corpus', 'id', 'field', 'text_sha1', 'title_is_account_role', 'n_duties', 'note', 'half']
    dc = ['corpus', 'id', 'start', 'end', 'span_sha1', 'area', 'half']
    if list(P[0].keys()) != pc: errs.append(f'postings columns {list(P[0].keys())}')
    if list(Dt[0].keys()) != dc: errs.append(f'duties columns {list(Dt[0].keys())}')
    set1 = []
    for path, name in EARLIER:
        if os.path.exists(path):
            set1 += list(csv.DictReader(open(path, encoding='utf-8', newline='')))
        else:
            errs.append(f'{name} postings not found at {path}')
    set1_ids = {(r['corpus'], r['id']) for r in set1}
    set1_text = {r['text_sha1'] for r in set1}
    seen = set(); post = {}; seen_text = set()
    for r in P:
        k = (r['corpus'], r['id'])
        if k in seen: errs.append(f'duplicate posting {k}')
        seen.add(k); post[k] = r
        for col in ['corpus', 'id', 'field', 'text_sha1', 'title_is_account_role', 'n_duties', 'half']:
            if not r[col]: errs.append(f'{k} empty {col}')
        if k in set1_ids: errs.append(f'{k} is already in set 1, 2, 3, 4 or 5')
        if r['text_sha1'] in set1_text: errs.append(f'{k} has the same text as a set-1/2/3/4/5 posting')
        if r['text_sha1'] in seen_text: errs.append(f'{k} duplicates the text of another posting here')
        seen_text.add(r['text_sha1'])
        if k not in texts: errs.append(f'{k} not in corpus'); continue
        t, fc = texts[k]
        if r['field'] != fc: errs.append(f'{k} field {r["field"]} != {fc}')
        if sha(t)[:12] != r['text_sha1']: errs.append(f'{k} text_sha1 mismatch')
        if r['half'] != 'tune6': errs.append(f'{k} half {r["half"]!r} != tune6')
        if r['title_is_account_role'] not in ('true', 'false'): errs.append(f'{k} bad account flag')
    spans = {}
    for r in Dt:
        k = (r['corpus'], r['id'])
        if k not in post: errs.append(f'duty for unknown posting {k}'); continue
        if r['area'] not in AREAS: errs.append(f'{k} bad area {r["area"]!r}')
        if r['half'] != 'tune6' or r['half'] != post[k]['half']: errs.append(f'{k} duty half wrong')
        if k not in texts: continue
        t = texts[k][0]; st, en = int(r['start']), int(r['end'])
        if not (0 <= st < en <= len(t)): errs.append(f'{k} offsets out of range {st}-{en}'); continue
        s = t[st:en]
        if sha(s)[:12] != r['span_sha1']: errs.append(f'{k} span_sha1 mismatch at {st}')
        if s != s.strip(): errs.append(f'{k} span {st} has surrounding whitespace')
        if s[0] in BULLETS and (len(s) < 2 or s[1] == ' '): errs.append(f'{k} span {st} starts with bullet')
        if '\n' in s or '\r' in s: errs.append(f'{k} span {st} crosses a line break')
        if st > 0 and t[st-1].isalnum() and s[0].isalnum() and s[0].islower() and (k, st) not in GLUED_AT:
            errs.append(f'{k} span {st} starts inside a word')
        if en < len(t) and s[-1].isalnum() and t[en].isalnum() and t[en].islower() and (k, en) not in GLUED_AT:
            errs.append(f'{k} span {st} ends inside a word')
        spans.setdefault(k, []).append((st, en))
    for k, r in post.items():
        ss = sorted(spans.get(k, []))
        if len(ss) != int(r['n_duties']): errs.append(f'{k} n_duties {r["n_duties"]} != {len(ss)}')
        for (a1, b1), (a2, b2) in zip(ss, ss[1:]):
            if a2 < b1: errs.append(f'{k} overlapping spans {a1}-{b1} / {a2}-{b2}')
    nP, nD = len(P), len(Dt)
    # near-duplicates of earlier sets' postings (same first 300 normalised characters) are reported too
    norm = lambda x: re.sub(r'\W+', '', x.lower())[:300]
    early_heads = {norm(texts[(r['corpus'], r['id'])][0]) for r in set1 if (r['corpus'], r['id']) in texts}
    for k in post:
        if k in texts and norm(texts[k][0]) in early_heads: errs.append(f'{k} near-duplicates a set-1/2/3/4/5 posting')
    if nP < 45: errs.append(f'only {nP} postings')
    pc_ = Counter(r['corpus'] for r in P)
    for c, want in (('linkedin_us', 20), ('uk_ads', 13), ('hh_ru', 12)):
        if pc_[c] < want: errs.append(f'{c}: only {pc_[c]} postings (want {want})')
    for k, r in post.items():
        if int(r['n_duties']) == 0: errs.append(f'{k} has no duties (every chosen posting has duties)')
    if nD < 400: errs.append(f'only {nD} duties')
    # set 1's held-out half must not leak: no posting may share its first 300 normalised characters with set 1
    s1 = list(csv.DictReader(open(os.path.join(LAB, 'duties', 'postings.csv'), encoding='utf-8', newline='')))
    s1_heads = {norm(texts[(r['corpus'], r['id'])][0]) for r in s1 if (r['corpus'], r['id']) in texts}
    for k in post:
        if k in texts and norm(texts[k][0]) in s1_heads: errs.append(f'{k} shares its first 300 normalised characters with set 1')
    print('postings', nP, dict(Counter(r['corpus'] for r in P)), '| duties', nD, dict(Counter(r['corpus'] for r in Dt)))
    print('half', dict(Counter(r['half'] for r in P)), dict(Counter(r['half'] for r in Dt)))
    print('account-role postings', dict(Counter((r['corpus'], r['title_is_account_role']) for r in P)))
    acc = {k for k, r in post.items() if r['title_is_account_role'] == 'true'}
    print('areas', dict(Counter(r['area'] for r in Dt).most_common()))
    print('areas on account/sales titles', dict(Counter(r['area'] for r in Dt if (r['corpus'], r['id']) in acc).most_common()))
    for c in SRC:
        print(' ', c, dict(Counter(r['area'] for r in Dt if r['corpus'] == c).most_common()))
    if errs:
        print(f'{len(errs)} ERRORS'); [print(' ', e) for e in errs]; sys.exit(1)
    print('OK: all checks passed')

if __name__ == '__main__':
    main()
