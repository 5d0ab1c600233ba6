import csv, hashlib, collections, os, pathlib
HERE=pathlib.Path(__file__).resolve().parent
# corpora: $WORKBENCH_SHARED/corpora, else ../shared/corpora beside the repository
CORP=pathlib.Path(os.environ['WORKBENCH_SHARED'])/'corpora' if os.environ.get('WORKBENCH_SHARED') else HERE.parents[3]/'shared'/'corpora'
AREAS={'client_relationship','growth_new_business','financial_management','team_leadership','strategy_planning','delivery_operations','reporting_forecasting','negotiation_contracts','internal_coordination','quality_process','other'}
C={'linkedin_us':(CORP/'linkedin_us'/'postings_linkedin_kaggle_subset.csv','job_id','description'),
   'uk_ads':(CORP/'uk_ads'/'adzuna_uk_data_jobs.csv','adzuna_id','job_description'),
   'hh_ru':(CORP/'hh_ru'/'hh_ru_vacancies.csv','vacancy_id','description_text')}
csv.field_size_limit(10**9)
T={}
for k,(p,i,f) in C.items():
    with open(p,newline='',encoding='utf-8') as fh:
        for r in csv.DictReader(fh): T[(k,r[i])]=r[f]
D=str(HERE)+'/'
for s in ['duties4','duties3']:
    spans=list(csv.DictReader(open(HERE.parent/s/'duties.csv',newline='',encoding='utf-8')))
    out=list(csv.DictReader(open(D+f'area2_{s}.csv',newline='',encoding='utf-8')))
    assert list(out[0].keys())==['corpus','id','start','end','span_sha1','area2','sure','alt']
    assert len(out)<=len(spans)
    posts_out=set(); 
    for a,b in zip(out,spans):
        assert all(a[c]==b[c] for c in ['corpus','id','start','end','span_sha1']), (a,b)
        t=T[(a['corpus'],a['id'])]; sp=t[int(a['start']):int(a['end'])]
        assert hashlib.sha1(sp.encode('utf-8')).hexdigest()[:12]==a['span_sha1'], a
        assert a['area2'] in AREAS and a['sure'] in ('yes','no')
        if a['sure']=='no': assert a['alt'] in AREAS and a['alt']!=a['area2'], a
        else: assert a['alt']=='', a
        posts_out.add((a['corpus'],a['id']))
    # whole postings only
    for b in spans[len(out):]: assert (b['corpus'],b['id']) not in posts_out
    ar=collections.Counter(a['area2'] for a in out); su=collections.Counter(a['sure'] for a in out)
    cp=collections.Counter(a['corpus'] for a in out)
    print(f"{s}: {len(out)}/{len(spans)} rows, {len(posts_out)} postings, corpus {dict(cp)}, sure {dict(su)}")
    for k,v in ar.most_common(): print(f"   {k:24s}{v}")
    for c in ['linkedin_us','uk_ads','hh_ru']:
        print('  ',c,dict(collections.Counter(a['area2'] for a in out if a['corpus']==c).most_common()))
print('OK')

# agreement with the first labeller (whose areas are in ../duties3, ../duties4)
for s in ['duties3','duties4']:
    first={(r['corpus'],r['id'],r['start'],r['end']):r['area'] for r in csv.DictReader(open(HERE.parent/s/'duties.csv',newline='',encoding='utf-8'))}
    second=list(csv.DictReader(open(D+f'area2_{s}.csv',newline='',encoding='utf-8')))
    same=sum(first[(r['corpus'],r['id'],r['start'],r['end'])]==r['area2'] for r in second)
    sure=[r for r in second if r['sure']=='yes']
    same_sure=sum(first[(r['corpus'],r['id'],r['start'],r['end'])]==r['area2'] for r in sure)
    print(f"{s}: same area {same}/{len(second)} = {same/len(second):.1%}; on rows marked sure {same_sure}/{len(sure)}")
print('OK')
