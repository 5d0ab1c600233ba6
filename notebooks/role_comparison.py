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
# # Role comparison across the level ladder
# Advertised annual base pay for every level, the structure of the ladder, the pay mix,
# a regression on level, market and experience, and the OEWS reference beside.

# %% tags=["parameters"]
currency: str = "GBP"  # choices from: currencies
market: str = "GB"  # choices from: markets
range_method: str = "midpoint"  # choices: midpoint, uniform
store_dir: str = ""  # injected
output_dir: str = ""  # injected
run_id: str = ""  # injected
as_of: str = ""  # injected

# %%
from workbench import bench, config, locate, plots, reference, render, views

render.start(store_dir=store_dir, output_dir=output_dir, run_id=run_id, as_of=as_of)
DATED = f"postings as of {as_of or 'today'}"
DISCLOSURE = config.SETTINGS.disclosure

# %%
# Without a store from the runner: WORKBENCH_STORE, data/processed, or the latest report run's.
# Every market's records (the regression has a market term), and of them only what the
# figures read: no titles, places or descriptions.
tables = bench.load(locate.find_store(store_dir), reads=("market_percentiles", "pay_mix", "regression"))

# %%
# The ladder is one market; the regression below uses every market with a market term.
all_points = bench.pay_points(tables, currency=currency, range_method=range_method)
del tables  # the points hold what the page needs
points = all_points[bench.in_market(all_points, market).to_numpy()].reset_index(drop=True)
# Postings whose level could not be told stay off the ladder; the data-quality report counts them.
# The ladder here is the account ladder; sales-ladder rungs are other jobs.
points = points[points["role_level"].notna() & (points["role_ladder"] == "account")].reset_index(drop=True)

# %%
percentiles = bench.market_percentiles(points, by=("role_level",), disclosure=DISCLOSURE,
                                       n_boot=config.SETTINGS.bootstrap_resamples,
                                       seed=config.SETTINGS.random_seed)

# %%
render.publish_headline({"n": int(percentiles["n"].sum()), "levels": int(len(percentiles)),
                         "currency": currency})

# %%
render.header("Level ladder")
render.show_table(views.percentile_rows(percentiles, by=("role_level",)).drop(columns=["p10", "p90"]),
                  currency=currency,
                  caption=f"Annual base pay by level, {currency} per year, {DATED}")

# %%
render.show_figure(plots.level_ladder(percentiles, currency=currency),
                   alt=f"Advertised annual base pay by level: the median and middle half of each level, {currency}")

# %%
render.header("Ladder structure", level=3)
render.show_table(bench.level_structure(percentiles),
                  decimals={"midpoint_progression": 2, "range_spread": 2, "overlap_with_next": 2},
                  caption=f"Midpoint progression, range spread, overlap and inversions ({DATED})")

# %%
render.header("Pay mix", level=3)
render.show_table(bench.pay_mix(points, disclosure=DISCLOSURE)[
    ["role_level", "figure", "n", "n_sources", "value", "suppressed", "suppression_reason"]].rename(
        columns={"value": "mix_share"}),
    caption=f"Base versus variable pay by level; Postings counts those behind each figure ({DATED})")

# %%
render.header("What moves advertised pay", level=3)
regression = bench.regression(all_points, disclosure=DISCLOSURE)

# %%
render.show_text(regression.reading)
# The intercept is the reference's log pay, not an effect: it is not shown as one.
effects = regression.table[(regression.table["model"] == "ols_hc3") & (regression.table["term"] != "const")]
render.show_table(effects[["term", "term_n", "n_sources", "pct_effect", "pct_ci_low", "pct_ci_high", "p_value",
                           "suppressed", "suppression_reason", "n"]],
                  decimals={"pct_effect": 3, "pct_ci_low": 3, "pct_ci_high": 3, "p_value": 3},
                  caption=f"Log-pay regression (OLS, HC3), n={regression.n}, {DATED}; term_n = postings "
                          "on the smaller side of the term (at least 10), n_sources = their employers")
if regression.notes:
    render.note(regression.notes)

# %%
if len(regression.table):
    render.show_figure(plots.coefficients(regression, currency=currency),
                       alt="Estimated effect of each factor on advertised pay, with 95% intervals")

# %%
render.header("Reference: US OEWS May 2025 (not blended)", level=3)
oews = reference.oews()
render.show_table(oews[oews["area_type"] == "national"][
    ["soc_code", "occupation", "employment", "annual_p10", "annual_p25", "annual_median",
     "annual_p75", "annual_p90", "currency", "reference_period", "date_extracted"]], kind="other",
    caption="US OEWS, USD per year, national; shown beside the postings, never combined")
