# ---
# jupyter:
#   jupytext:
#     text_representation:
#       extension: .py
#       format_name: percent
#   kernelspec:
#     display_name: Python (workbench)
#     language: python
#     name: workbench
# ---

# %% [markdown]
# # Internal pay versus the market (analyst report)
# Compa-ratio = base pay / aged market median. This page shows aggregated counts and
# bands only: no individual's pay appears, and small cells are suppressed.

# %% tags=["parameters"]
currency: str = "GBP"  # choices from: currencies
market: str = "GB"  # choices from: markets
min_cell: int = 5  # range: 3..50
aging_rate: float = 0.03  # range: 0..0.2
store_dir: str = ""  # injected
output_dir: str = ""  # injected
run_id: str = ""  # injected
as_of: str = ""  # injected
incumbents_file: str = ""  # injected

# %%
from workbench import bench, config, disclosure, locate, render
from workbench import incumbents as hr

render.start(store_dir=store_dir, output_dir=output_dir, run_id=run_id, as_of=as_of)

# %%
# Without a store from the runner: WORKBENCH_STORE, data/processed, or the latest report run's.
# Only this market's records are loaded, and those naming no country, which the page counts.
tables = bench.load(locate.find_store(store_dir), reads=("market_cut",), market=market, unknown=True)
# Market pay is aged posting by posting from its date to the as-of date (undated postings
# are counted, not aged); each person is compared only with their own market.
cut = bench.market_cut(tables, market=market, currency=currency, as_of=as_of or None, aging_rate=aging_rate)
points = cut.points[cut.points["role_ladder"] == "account"].reset_index(drop=True)  # incumbents' ladder
percentiles = bench.percentiles_by_market(points, by=("role_level",),
                                          disclosure=config.SETTINGS.disclosure, n_boot=0)

# %%
# The HR file given with `workbench report --incumbents FILE`; "" reads the bundled example.
hr_file = hr.read(incumbents_file or None)
incumbents = hr_file.frame

# %%
# Individual rows stay inside the kernel; only the aggregates below are displayed.
# The market is aged already (above), so compa_ratios applies no second factor.
compa = bench.compa_ratios(incumbents, percentiles, effective_date=as_of or None, market=market)
compared = compa[compa["not_compared"].isna()]
summaries = {m: bench.compa_summary(people, by="level", min_cell=min_cell)
             for m, people in compared.groupby("market", sort=True)}

# %%
render.publish_headline({"n": int(len(compared)), "levels": int(sum(len(s) for s in summaries.values())),
                         "currency": currency})

# %%
render.header("Compa-ratio bands by level")
render.show_text([cut.market_text(), bench.aging_caption(bench.aging_summary(points))])
for m, summary in summaries.items():
    render.show_table(summary, caption=f"People per compa-ratio band ({disclosure.count_rule(min_cell)}), "
                                       f"against the {bench.market_name(m)} market", kind="other")

# %%
left = bench.not_compared(compa, min_cell=min_cell)
if len(left):
    render.show_table(left, kind="other", caption="People not compared: their market is not this page's market "
                                    "(no conversion into another market's bands)")

# %%
render.note(hr_file.describe())

# %%
render.note("Market midpoint = posting P50 for the level in the person's own market; levels whose "
            "market cell is suppressed have no compa-ratio. Counts only: no person's pay is shown.")
