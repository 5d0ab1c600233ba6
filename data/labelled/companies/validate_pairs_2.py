"""Validate company_pairs_2.csv: columns, labels, no duplicates, no false pair joined by a chain of true pairs."""
import pandas as pd, collections, sys
from pathlib import Path
p=str(Path(__file__).with_name('company_pairs_2.csv'))
d=pd.read_csv(p,dtype=str,keep_default_na=False)
cols=['name_a','name_b','same','language','kind','note','half']
assert list(d.columns)==cols, d.columns
for c in cols: assert (d[c].str.strip()!='').all(), c
assert set(d.same)<={'true','false'}; assert set(d.language)<={'en','ru','zh','mixed'}
assert (d.half=='holdout2').all()
assert (d.name_a!=d.name_b).all()
keys=[tuple(sorted(x)) for x in zip(d.name_a,d.name_b)]
dup=[k for k,v in collections.Counter(keys).items() if v>1]; assert not dup, dup
parent={}
def find(x):
    parent.setdefault(x,x)
    while parent[x]!=x: parent[x]=parent[parent[x]]; x=parent[x]
    return x
for a,b,s in zip(d.name_a,d.name_b,d.same):
    if s=='true': parent[find(a)]=find(b)
bad=[(a,b) for a,b,s in zip(d.name_a,d.name_b,d.same) if s=='false' and find(a)==find(b)]
assert not bad, bad
assert len(d)>=200
print(len(d),'pairs;', (d.same=='true').sum(),'true', (d.same=='false').sum(),'false', f"({(d.same=='true').mean():.0%} true)")
print(pd.crosstab([d.language],d.same,margins=True).to_string())
print(pd.crosstab(d.kind,d.same,margins=True).to_string())
print('OK')
