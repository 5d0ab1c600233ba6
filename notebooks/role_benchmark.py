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
from workbench import bench, config, disclosure, formats, locate, plots, reference, render, views

render.start(store_dir=store_dir, output_dir=output_dir, run_id=run_id, as_of=as_of)
LABEL = config.LEVELS[level]
DISCLOSURE = config.SETTINGS.disclosure

# %%
# Without a store from the runner: WORKBENCH_STORE, data/processed, or the latest report run's.
# Only the columns this page's analytics read, and only its market's rows (it shows no other).
# The responsibility lines (millions at scale) stay in the store: DuckDB counts and picks them.
tables = bench.load(locate.find_store(store_dir), market=market,
                    reads=("pay_points", "time_shares", "responsibility_coverage",
                           "example_responsibilities", "level_postings"), in_store=("responsibilities",))

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
render.show_text(views.headline_sentence(headline, role=LABEL, market=market, as_of=as_of), css_class="wb-answer")
render.show_table(views.headline_table(headline),
                  caption=f"Annual base pay, {currency} per year, postings as of {as_of or 'today'}")

# %%
if headline["suppressed"]:
    render.note(disclosure.suppressed_note(headline["suppression_reason"], DISCLOSURE))
else:
    render.note("Median, not mean: advertised pay is skewed. The middle half runs from P25 to P75. "
                "The interval is a bootstrap 95% confidence interval of the median (resampling "
                f"postings), shown from {views.MIN_INTERVAL_N} postings up. {formats.MONEY_RULE}")

# %%
render.show_table(views.percentile_rows(percentiles, role_level=level), currency=currency,
                  caption=f"Percentiles, {currency} per year")

# %%
# London against the rest of the UK at this level: both halves pass the disclosure rule or
# neither is shown (rule 5); postings whose location names no city are counted only.
places = bench.capital_vs_rest(views.rows_for(points, role_level=level), market=market, disclosure=DISCLOSURE)
if len(places):
    render.header("London and the rest of the UK", level=3)
    render.show_table(places, decimals={"pct_of_rest": 1}, currency=currency,
                      caption=f"Annual base pay at this level, {currency} per year; London's median as % of "
                              "the rest of the UK's")

# %%
render.header("Pay distribution", level=3)
# This level only; the comparison report shows the whole ladder.
if headline["suppressed"]:
    render.note("Not enough postings to show a chart: " + str(headline["suppression_reason"]))
else:
    render.show_figure(plots.pay_distribution(views.rows_for(points, role_level=level),
                                              views.rows_for(percentiles, role_level=level),
                                              currency=currency),
                       alt=f"Distribution of advertised annual base pay for {LABEL}: "
                           + views.headline_sentence(headline, role=LABEL, market=market))

# %%
render.header("Pay mix", level=3)
# bench.pay_mix is long form (one row per figure; each figure carries the counts that fed it).
render.show_table(views.rows_for(bench.pay_mix(points, disclosure=DISCLOSURE), role_level=level)[
    ["figure", "n", "n_sources", "value", "suppressed", "suppression_reason"]].rename(columns={"value": "mix_share"}),
    caption="Base versus variable pay (shares taken posting by posting; Postings counts those behind each figure)")

# %%
render.header("Time allocation", level=3)
# The duties sections are of the page's market, like the pay figures above.
shares = views.rows_for(bench.time_shares(tables, market=market, disclosure=DISCLOSURE), role_level=level,
                        role_ladder="account")
render.show_table(shares[["category", "mean_share", "ci_low", "ci_high", "n", "n_sources", "suppressed",
                          "suppression_reason"]],
                  caption="Mean share of working time (%) stated in postings, with 95% CI; "
                          f"{views.market_name(market)}")

# %%
render.header("Responsibilities", level=3)
coverage = views.rows_for(bench.responsibility_coverage(tables, market=market, disclosure=DISCLOSURE),
                          role_level=level, role_ladder="account")
render.show_table(coverage[["category", "n_mentioning", "share_of_postings", "n", "n_sources", "suppressed",
                            "suppression_reason"]],
                  caption="Share of postings at this level mentioning each responsibility area; "
                          f"{views.market_name(market)}")

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
