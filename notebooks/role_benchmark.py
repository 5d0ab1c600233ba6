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
# # Role benchmark
# Advertised pay for one level of the account-role ladder, from job postings.
# Figures are annual base pay in the reporting currency. The US OEWS reference is shown
# beside the market figures and is never blended into them.

# %% tags=["parameters"]
level: int = 2  # choices: 1, 2, 3, 4, 5
currency: str = "GBP"  # choices from: currencies
market: str = "GB"  # choices from: markets
range_method: str = "midpoint"  # choices: midpoint, uniform
store_dir: str = ""  # injected
output_dir: str = ""  # injected
run_id: str = ""  # injected
as_of: str = ""  # injected

# %%
# Heavy imports once per kernel, here.
from workbench import bench, config, disclosure, locate, plots, reference, render, views

render.start(store_dir=store_dir, output_dir=output_dir, run_id=run_id, as_of=as_of)
LABEL = config.LEVELS[level]
DISCLOSURE = config.SETTINGS.disclosure

# %%
# Without a store from the runner: WORKBENCH_STORE, data/processed, or the latest report run's.
# Only the columns this page's analytics read, and only its market's rows (it shows no other).
tables = bench.load(locate.find_store(store_dir), market=market,
                    reads=("pay_points", "time_shares", "responsibility_coverage",
                           "example_responsibilities", "level_postings"))

# %%
points = bench.pay_points(tables, currency=currency, range_method=range_method, market=market)
# This report is on the account ladder; sales-ladder rungs (SDR ... Head of Sales) are other jobs.
points = points[points["role_ladder"] == "account"].reset_index(drop=True)

# %%
# Percentiles over every level, so disclosure control and the bootstrap see the same
# cells as the comparison report; this report then shows one level.
percentiles = bench.market_percentiles(points, by=("role_level",), disclosure=DISCLOSURE,
                                       n_boot=config.SETTINGS.bootstrap_resamples,
                                       seed=config.SETTINGS.random_seed)

# %%
headline = render.publish_headline(
    views.headline_from_percentiles(percentiles, level=level, label=LABEL, currency=currency))

# %%
render.header(f"Level {level}: {LABEL}")
render.show_table(views.headline_table(headline),
                  caption=f"Annual base pay, {currency} per year, postings as of {as_of or 'today'}")

# %%
if headline["suppressed"]:
    render.note(disclosure.suppressed_note(headline["suppression_reason"], DISCLOSURE))
else:
    render.note("Median, not mean: advertised pay is skewed. The interval is a bootstrap 95% "
                "confidence interval of the median (resampling postings).")

# %%
render.show_table(views.rows_for(percentiles, role_level=level)[
    ["n", "n_sources", "p10", "p25", "p50", "p75", "p90", "p50_ci_low", "p50_ci_high",
     "suppressed", "suppression_reason"]], caption=f"Percentiles, {currency} per year")

# %%
# London against the rest of the UK at this level: both halves pass the disclosure rule or
# neither is shown (rule 5); postings whose location names no city are counted only.
places = bench.capital_vs_rest(views.rows_for(points, role_level=level), market=market, disclosure=DISCLOSURE)
if len(places):
    render.header("London and the rest of the UK", level=3)
    render.show_table(places, decimals={"pct_of_rest": 1},
                      caption=f"Annual base pay at this level, {currency} per year; pct_of_rest = London's "
                              "median as % of the rest of the UK's")

# %%
render.header("Pay distribution", level=3)
# This level only; the comparison report shows the whole ladder.
render.show_figure(plots.pay_distribution(views.rows_for(points, role_level=level),
                                          views.rows_for(percentiles, role_level=level),
                                          currency=currency))

# %%
render.header("Pay mix", level=3)
render.show_table(views.rows_for(bench.pay_mix(points, disclosure=DISCLOSURE), role_level=level)[
    ["figure", "n", "n_sources", "value", "suppressed", "suppression_reason"]],
    decimals={"value": 2},
    caption="Base versus variable pay: the share of postings mentioning variable pay, and the median "
            "variable share of pay over the postings that state an amount (n counts the postings behind each)")

# %%
render.header("Time allocation", level=3)
# The duties sections are of the page's market, like the pay figures above.
shares = views.rows_for(bench.time_shares(tables, market=market, disclosure=DISCLOSURE), role_level=level,
                        role_ladder="account")
render.show_table(shares[["category", "n", "n_sources", "mean_share", "ci_low", "ci_high", "suppressed",
                          "suppression_reason"]],
                  decimals={"mean_share": 1, "ci_low": 1, "ci_high": 1},
                  caption="Mean share of working time (%) over the postings at this level that state a "
                          f"time split, with 95% CI; market {market}")

# %%
render.header("Responsibilities", level=3)
coverage = views.rows_for(bench.responsibility_coverage(tables, market=market, disclosure=DISCLOSURE),
                          role_level=level, role_ladder="account")
render.show_table(coverage[["category", "n", "n_sources", "n_mentioning", "share_of_postings", "suppressed",
                            "suppression_reason"]],
                  decimals={"share_of_postings": 2},
                  caption="Share of the postings at this level whose duties were read that mention each "
                          f"responsibility area; market {market}")

# %%
examples = bench.example_responsibilities(tables, level=level, market=market, disclosure=DISCLOSURE)
render.show_listing(examples, "Examples of responsibilities as the postings word them", DISCLOSURE)

# %%
render.header("Postings behind these figures", level=3)
behind = bench.level_postings(tables, level=level, market=market, disclosure=DISCLOSURE)
render.show_listing(behind.head(60), "Postings at this level: titles and employers only, no single "
                                    "posting's pay", DISCLOSURE)

# %%
render.header("Reference: US OEWS May 2025 (not blended)", level=3)
oews = reference.oews()
render.show_table(oews[oews["area_type"] == "national"][
    ["soc_code", "occupation", "employment", "annual_p25", "annual_median", "annual_p75",
     "currency", "reference_period", "date_extracted"]], kind="other",
    caption="US Bureau of Labor Statistics OEWS, USD per year, national; a reference beside the "
            "posting figures, never combined with them")
