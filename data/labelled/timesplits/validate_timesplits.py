"""Validate timesplits.csv against the corpora: columns, labels, hashes, half, candidate coverage, counts."""
import pandas as pd, hashlib, re
import os
from pathlib import Path
# The corpora sit beside the repository (../shared/corpora) unless WORKBENCH_SHARED names shared/.
C=str(Path(os.environ.get('WORKBENCH_SHARED') or Path(__file__).resolve().parents[3].parent / 'shared') / 'corpora') + '/'
SPECS={'linkedin_us':(C+'linkedin_us/postings_linkedin_kaggle_subset.csv','description','job_id'),
       'hh_ru':(C+'hh_ru/hh_ru_vacancies.csv','description_text','vacancy_id'),
       'uk_ads':(C+'uk_ads/adzuna_uk_data_jobs.csv','job_description','adzuna_id'),
       'glassdoor':(C+'glassdoor/glassdoor_jobs.csv','Job Description','Unnamed: 0')}
PCT=re.compile(r'\d\s*(%|процент)|百分之',re.I)
def half(key):
    d=hashlib.sha1(key.encode('utf-8')).hexdigest()
    return 'tune' if int(d[:8],16)%2==0 else 'holdout'
d=pd.read_csv(Path(__file__).with_name('timesplits.csv'),dtype=str,keep_default_na=False)
cols=['corpus','id','field','text_sha1','category','n_shares','shares','note','half']
assert list(d.columns)==cols, list(d.columns)
for c in ['corpus','id','field','text_sha1','category','half']: assert (d[c]!='').all(), c
assert set(d.category)<={'time_split','condition','other_percent'}
assert not d.duplicated(['corpus','id']).any()
ts=d.category=='time_split'
assert (d.loc[ts,'shares']!='').all() and (d.loc[~ts,'shares']=='').all() and (d.loc[~ts,'n_shares']=='').all()
assert all(int(n)==len(s.split(';')) for n,s in zip(d.loc[ts,'n_shares'],d.loc[ts,'shares']))
assert (d.note.str.split().str.len().fillna(0)<=3).all()
bad=0
for corpus,(path,field,key) in SPECS.items():
    df=pd.read_csv(path,dtype=str,keep_default_na=False).set_index(key)
    cand={i for i,t in df[field].items() if PCT.search(t)}
    sub=d[d.corpus==corpus]
    assert set(sub.id)==cand, (corpus, len(set(sub.id)^cand))
    for _,r in sub.iterrows():
        assert r.field==field
        if hashlib.sha1(df.loc[r.id,field].encode('utf-8')).hexdigest()[:12]!=r.text_sha1: bad+=1
        assert r.half==half(f'{corpus}:{r.id}')
assert bad==0, f'{bad} hash mismatches'
print(len(d),'rows, hashes and halves OK, every candidate labelled once')
print(pd.crosstab(d.corpus,d.category,margins=True).to_string())
print(pd.crosstab([d.category],d.half,margins=True).to_string())
print(d[ts][['corpus','id','n_shares','shares','half']].to_string(index=False))
