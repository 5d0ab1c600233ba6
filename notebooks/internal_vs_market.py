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
currency: str = "GBP"  # choices: GBP, USD, EUR, RUB, CNY
market: str = "GB"  # choices: GB, US, EU, RU, CN, ALL
min_cell: int = 5  # range: 3..50
aging_rate: float = 0.03  # range: 0..0.2
store_dir: str = ""  # injected
output_dir: str = ""  # injected
run_id: str = ""  # injected
as_of: str = ""  # injected

# %%
from workbench import bench, config, disclosure, render

render.start(store_dir=store_dir, output_dir=output_dir, run_id=run_id, as_of=as_of)

# %%
tables = bench.load(store_dir or None)
points = bench.pay_points(tables, currency=currency, market=market)
points = points[points["role_ladder"] == "account"].reset_index(drop=True)  # incumbents' ladder
percentiles = bench.market_percentiles(points, by=("role_level",),
                                       disclosure=config.SETTINGS.disclosure, n_boot=0)

# %%
incumbents = bench.load_incumbents()

# %%
# Individual rows stay inside the kernel; only the aggregate below is displayed.
compa = bench.compa_ratios(incumbents, percentiles, effective_date=as_of or None,
                           aging_rate=aging_rate)
summary = bench.compa_summary(compa, by="level", min_cell=min_cell)

# %%
render.publish_headline({"n": int(len(incumbents)), "levels": int(len(summary)), "currency": currency})

# %%
render.header("Compa-ratio bands by level")
render.show_table(summary, caption=f"People per compa-ratio band ({disclosure.count_rule(min_cell)}), "
                                   f"market aged to {as_of or 'today'} at {aging_rate:.1%} a year")

# %%
render.note("Market midpoint = posting P50 for the level; levels whose market cell is suppressed "
            "have no compa-ratio. Counts only: no person's pay is shown.")
