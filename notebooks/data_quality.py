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
# # Data quality
# What was rejected and why, how much extraction covered, how the range method moves
# the figures, which cells are suppressed, and which exchange rates were used.

# %% tags=["parameters"]
currency: str = "GBP"  # choices from: currencies
market: str = "GB"  # choices from: markets
store_dir: str = ""  # injected
output_dir: str = ""  # injected
run_id: str = ""  # injected
as_of: str = ""  # injected

# %%
from workbench import bench, config, locate, render, views

render.start(store_dir=store_dir, output_dir=output_dir, run_id=run_id, as_of=as_of)

# %%
# Without a store from the runner: WORKBENCH_STORE, data/processed, or the latest report run's.
# Pay figures are one market's: only its records are loaded. The coverage counts are of the
# whole store, counted by DuckDB over its parts (no table is loaded for them).
tables = bench.load(locate.find_store(store_dir), reads=("rejects", "pay_points", "fx_summary"), market=market)

# %%
render.header("Rejected inputs")
render.show_table(tables.rejects, caption=f"{len(tables.rejects)} inputs rejected, with the reason", kind="other")

# %%
render.header("Extraction coverage")
render.show_table(views.coverage_table(locate.find_store(store_dir)), caption="What each extraction step covered", kind="other")

# %%
render.header("Range method: midpoint versus uniform spread")
render.show_table(bench.range_method_effect(tables, currency=currency, market=market,
                                            disclosure=config.SETTINGS.disclosure),
                  decimals={"p50_diff_pct": 3},
                  caption=f"Percentiles by level, {currency} per year; the median difference is uniform / midpoint - 1")

# %%
points = bench.pay_points(tables, currency=currency, market=market)
percentiles = bench.market_percentiles(points, by=("role_level",),
                                       disclosure=config.SETTINGS.disclosure, n_boot=0)
render.publish_headline({"n": int(len(points)), "rejects": int(len(tables.rejects)),
                         "suppressed_cells": int(percentiles["suppressed"].sum()),
                         "currency": currency})

# %%
render.header("Suppressed cells")
render.show_table(percentiles[percentiles["suppressed"]][["role_ladder", "role_level", "n", "n_sources",
                                                          "suppression_reason"]],
                  caption="Cells whose pay figures are hidden, and why", kind="other")

# %%
render.header("Exchange rates")
render.show_table(views.fx_summary(points, as_of or None),
                  caption=f"Rates used to convert this page's pay points into {currency}, by posted currency "
                          "(ECB rates of each posting's date; the latest rate for undated postings)", kind="other")

# %%
# Conversion warnings (no ECB rate on the posting date, nearest date used; no rate at all).
render.show_table(points["fx_warning"].dropna().value_counts().rename_axis("warning")
                  .reset_index(name="pay points"),
                  caption="Conversion warnings (for example a rate series that has stopped)", kind="other")
