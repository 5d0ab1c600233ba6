"""Validate nopay_postings.csv: columns, labels, half rule, hashes against the corpora (read with csv module), counts."""
import csv, hashlib, os, sys
from pathlib import Path
from collections import Counter
csv.field_size_limit(10**9)
# The corpora sit beside the repository (../shared/corpora) unless WORKBENCH_SHARED says where shared/ is.
C=str(Path(os.environ.get('WORKBENCH_SHARED') or Path(__file__).resolve().parents[3].parent / 'shared') / 'corpora') + '/'
SRC={'glassdoor':(C+'glassdoor/glassdoor_jobs.csv','','Job Description'),
     'linkedin_us':(C+'linkedin_us/postings_linkedin_kaggle_subset.csv','job_id','description'),
     'hh_ru':(C+'hh_ru/hh_ru_vacancies.csv','vacancy_id','description_text'),
     'uk_ads':(C+'uk_ads/adzuna_uk_data_jobs.csv','adzuna_id','job_description')}
CATS={'base_pay','none','non_pay_money','board_estimate'}
KINDS={'referral','sign_on','relocation','reimbursement','stipend','per_diem','tips','purchase','deal_size','revenue','funding','company_size','benefit_value','retirement_pct','commission_only','schedule_count','board_estimate','other'}
COLS=['corpus','id','field','text_sha1','category','money_kinds','note','half']
def half(key):
    d=hashlib.sha1(key.encode('utf-8')).hexdigest()
    return 'tune' if int(d[:8],16)%2==0 else 'holdout'
def norm_id(c,v):
    if c in ('linkedin_us','hh_ru','uk_ads'):
        return str(int(float(v)))
    return v
texts={}
for c,(p,idc,f) in SRC.items():
    with open(p,encoding='utf-8',newline='') as fh:
        r=csv.DictReader(fh)
        texts[c]={norm_id(c,row[idc]):row[f] for row in r}
rows=list(csv.DictReader(open(Path(__file__).with_name('nopay_postings.csv'),encoding='utf-8',newline='')))
err=[]
assert list(rows[0].keys())==COLS, rows[0].keys()
seen=set(); shas=Counter()
for i,r in enumerate(rows,2):
    for k in ('corpus','id','field','text_sha1','category','note','half'):
        if not r[k].strip(): err.append((i,'empty',k))
    c=r['corpus']
    if c not in SRC: err.append((i,'corpus',c)); continue
    if r['field']!=SRC[c][2]: err.append((i,'field',r['field']))
    if r['category'] not in CATS: err.append((i,'category',r['category']))
    ks=[k for k in r['money_kinds'].split(';') if k]
    for k in ks:
        if k not in KINDS: err.append((i,'kind',k))
    if r['category']=='board_estimate' and 'board_estimate' not in ks: err.append((i,'board kind missing'))
    if r['category']=='none' and ks: err.append((i,'none with kinds'))
    t=texts[c].get(r['id'])
    if t is None: err.append((i,'id not found',r['id'])); continue
    if hashlib.sha1(t.encode('utf-8')).hexdigest()[:12]!=r['text_sha1']: err.append((i,'sha mismatch',r['id']))
    if half(f"{c}:{r['id']}")!=r['half']: err.append((i,'half',r['id']))
    if (c,r['id']) in seen: err.append((i,'dup id'))
    seen.add((c,r['id'])); shas[r['text_sha1']]+=1
dups=[s for s,n in shas.items() if n>1]
if dups: err.append(('dup text',dups))
cat=Counter(r['category'] for r in rows)
neg=cat['none']+cat['non_pay_money']+cat['board_estimate']
print('rows',len(rows)); print('categories',dict(cat)); print('negatives',neg)
for key in ('corpus','half'):
    print(key, dict(Counter(r[key] for r in rows)))
print('corpus x category', dict(Counter((r['corpus'],r['category']) for r in rows)))
print('half x category', dict(Counter((r['half'],r['category']) for r in rows)))
print('corpus x half', dict(Counter((r['corpus'],r['half']) for r in rows)))
print('money_kinds', dict(Counter(k for r in rows for k in r['money_kinds'].split(';') if k)))
if neg<180: err.append('fewer than 180 negatives')
if cat['non_pay_money']<90: err.append('fewer than 90 non_pay_money')
if cat['base_pay']<120: err.append('fewer than 120 base_pay')
if len({r['corpus'] for r in rows})<4: err.append('not all corpora')
print('ERRORS',err if err else 'none')
sys.exit(1 if err else 0)
