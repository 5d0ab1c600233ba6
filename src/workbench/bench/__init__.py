"""Pay analytics: the figures the reports and ``workbench bench`` publish.

One module per job; this package re-exports their public functions so that notebooks
and the CLI write ``bench.pay_points(...)``. Every function takes DataFrames shaped
like the store tables (see ``docs/architecture.md``) and returns a new DataFrame;
inputs are never modified.

* :mod:`~workbench.bench.load` - the store tables (``Tables``, ``load``);
* :mod:`~workbench.bench.paypoints` - one pay point per record, in one currency;
* :mod:`~workbench.bench.ladders` - a cut by level never mixes the account and the sales ladder;
* :mod:`~workbench.bench.market` - what a market is: codes, the market of a country, its currency;
* :mod:`~workbench.bench.aging` - market pay aged from each posting's date to the as-of date;
* :mod:`~workbench.bench.cuts` - the points of one market, or of each market apart (never pooled);
* :mod:`~workbench.bench.place` - London against the rest of the UK, regional differentials;
* :mod:`~workbench.bench.stats` - percentiles with intervals, the ladder's structure,
  pay mix (definitions in its docstring);
* :mod:`~workbench.bench.regression` - what moves advertised pay;
* :mod:`~workbench.bench.duties` - time shares, responsibility coverage, listings;
* :mod:`~workbench.bench.compa` - compa-ratios of internal pay (analyst-only);
* :mod:`~workbench.bench.table` - the ``workbench bench`` table and its formats.

Which figures may be shown is decided by :mod:`workbench.disclosure`, never here.
"""

from __future__ import annotations

from workbench.bench.aging import AgingSummary, age_points, aging_caption, aging_summary, as_of_date
from workbench.bench.compa import (COMPA_BANDS, INCUMBENT_COLUMNS, band_counts, compa_ratios, compa_summary,
                                   incumbent_markets, load_incumbents, not_compared)
from workbench.bench.duties import example_responsibilities, level_postings, responsibility_coverage, time_shares
from workbench.bench.cuts import MarketCut, market_cut, percentiles_by_market, unknown_market_rows
from workbench.bench.load import Tables, load
from workbench.bench.market import (MARKET_UNKNOWN, country_market, market_codes, market_currency, market_name,
                                    resolve_currency, resolve_market, with_market)
from workbench.bench.place import capital_vs_rest, regional_differentials
from workbench.bench.paypoints import (ALLOWANCE_COMPONENTS, BASE_COMPONENTS, OTE_COMPONENTS, POINT_COLUMNS,
                                       RANGE_METHODS, TOTAL_COMPONENTS, VALUES, VARIABLE_COMPONENTS,
                                       conversion_note, in_market, pay_points)
from workbench.bench.regression import RegressionResult, regression
from workbench.bench.stats import (BOOTSTRAP_MAX_N, PERCENTILES, UNIFORM_POINTS, bootstrap_median_ci,
                                   large_sample_median_ci, level_structure, market_percentiles, pay_mix,
                                   range_method_effect)
from workbench.bench.table import BY_ALIASES, FORMATS, benchmark_table, format_table, level_name, resolve_by

__all__ = [
    "AgingSummary", "MARKET_UNKNOWN", "MarketCut", "TOTAL_COMPONENTS", "VALUES", "age_points", "aging_caption",
    "aging_summary", "as_of_date", "capital_vs_rest", "country_market", "incumbent_markets", "level_name", "market_codes",
    "market_currency", "market_cut", "market_name", "not_compared", "percentiles_by_market", "regional_differentials", "resolve_currency",
    "resolve_market", "unknown_market_rows", "with_market",
    "ALLOWANCE_COMPONENTS", "BASE_COMPONENTS", "BOOTSTRAP_MAX_N", "BY_ALIASES", "COMPA_BANDS", "FORMATS",
    "INCUMBENT_COLUMNS", "OTE_COMPONENTS", "PERCENTILES", "POINT_COLUMNS", "RANGE_METHODS", "RegressionResult",
    "Tables", "UNIFORM_POINTS", "VARIABLE_COMPONENTS", "band_counts", "benchmark_table", "bootstrap_median_ci",
    "compa_ratios", "compa_summary", "conversion_note", "example_responsibilities", "format_table", "in_market",
    "large_sample_median_ci",
    "level_postings", "level_structure", "load", "load_incumbents", "market_percentiles", "pay_mix",
    "pay_points", "range_method_effect", "regression", "resolve_by", "responsibility_coverage", "time_shares",
]
