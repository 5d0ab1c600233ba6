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
# # Pay by region
# Advertised annual base pay for each level of the ladder in each region of one market,
# from job postings. The region is parsed from the posting's location (UK: the twelve
# ITL1 regions; US: the state); postings whose location names no region form their own row.

# %% tags=["parameters"]
currency: str = "GBP"  # choices from: currencies
market: str = "GB"  # choices from: markets
store_dir: str = ""  # injected
output_dir: str = ""  # injected
run_id: str = ""  # injected
as_of: str = ""  # injected

# %%
from workbench import bench, config, disclosure, locate, render, views

render.start(store_dir=store_dir, output_dir=output_dir, run_id=run_id, as_of=as_of)
DISCLOSURE = config.SETTINGS.disclosure

# %%
# Without a store from the runner: WORKBENCH_STORE, data/processed, or the latest report run's.
tables = bench.load(locate.find_store(store_dir), reads=("pay_points",), market=market)
points = bench.pay_points(tables, currency=currency, market=market)
# The account ladder's levels; sales-ladder rungs (SDR ... Head of Sales) are other jobs.
points = points[points["role_ladder"] == "account"].reset_index(drop=True)

# %%
# Every region x level cell passes the disclosure rule on its own; small cells keep n only.
by_region = bench.market_percentiles(points, by=("region", "role_level"), disclosure=DISCLOSURE,
                                     n_boot=config.SETTINGS.bootstrap_resamples,
                                     seed=config.SETTINGS.random_seed)

# %%
render.publish_headline({"n": int(len(points)), "cells": int(len(by_region)),
                         "cells_shown": int((~by_region["suppressed"].astype(bool)).sum()),
                         "currency": currency})

# %%
render.header("Pay by region and level")
render.show_table(views.percentile_rows(by_region, by=("region", "role_level")).drop(columns=["p10", "p90"]),
                  currency=currency,
                  caption=f"Annual base pay, {currency} per year, market {market}, "
                          f"postings as of {as_of or 'today'}")

# %%
# Each region's pay against its market, level by level (a region with more senior postings
# does not look better paid); one market only, never a pool of several.
if bench.paypoints.is_market_cut(market):
    render.header("Regional differentials", level=3)
    render.show_table(bench.regional_differentials(points, disclosure=DISCLOSURE), decimals={"differential_pct": 1},
                      caption="Median of each posting's pay as % of its level's national median, per region, "
                              f"{views.market_name(market)}, with n")

# %%
render.note(disclosure.describe(DISCLOSURE))
