"""Market statistics of pay points: percentiles with intervals, the ladder's structure, pay mix.

Definitions
-----------
Percentiles
    Hyndman and Fan (1996) type 7, the linear interpolation that ``numpy.percentile``
    uses by default (``method="linear"``) and DuckDB's ``quantile_cont``: for sorted
    values ``x[0..n-1]`` the p-quantile is ``x[h_lo] + (h - h_lo) * (x[h_lo+1] - x[h_lo])``
    with ``h = (n - 1) * p``. Five salaries 30, 32, 35, 40, 50 (k GBP) give P25 = 32,
    P50 = 35, P75 = 40.
Posting ranges
    ``range_method="midpoint"``: each posting's range enters as its midpoint.
    ``range_method="uniform"``: each range is spread as a uniform distribution,
    represented by ``UNIFORM_POINTS`` evenly spaced quantile points
    ``low + (high - low) * (j + 0.5) / K``; every posting has the same number of
    points, so every posting carries the same weight.
Disclosure control
    Every figure is computed only when the postings that feed it pass
    :func:`workbench.disclosure.check_cell` (the rule and its wording live there): a
    cell's percentiles from its postings with pay, a variable share from the postings
    that state a variable amount. A suppressed figure keeps ``n``, ``n_sources`` (of
    the postings that would have fed it) and the reason, and is NaN.
Bootstrap
    Percentile bootstrap of the median over postings (resampling postings with
    replacement, ``n_boot`` resamples, ``numpy.random.default_rng(seed)`` per cell).
    Cells above ``BOOTSTRAP_MAX_N`` postings use the large-sample distribution-free
    interval (type-7 quantiles at ``0.5 ± z / (2 sqrt(n))``) instead.
"""

from __future__ import annotations

import math

import numpy as np
import pandas as pd

from workbench.bench.ladders import ladder_by, with_ladder
from workbench.bench.paypoints import RANGE_METHODS, conversion_note, pay_points
from workbench.disclosure import check_cell, check_postings, figure_fields, interval_shown
from workbench.errors import CurrencyError, ParameterError

__all__ = ["BOOTSTRAP_MAX_N", "PAY_MIX_FIGURES", "PERCENTILES", "UNIFORM_POINTS", "bootstrap_median_ci", "large_sample_median_ci",
           "level_structure", "market_percentiles", "pay_mix", "range_method_effect"]

PERCENTILES = (10, 25, 50, 75, 90)
UNIFORM_POINTS = 9
# Cells with more postings than this get the large-sample order-statistic interval for
# the median instead of the bootstrap (same answer to within resampling noise, O(n)).
BOOTSTRAP_MAX_N = 10_000


def _values_matrix(cell: pd.DataFrame, value: str, uniform: bool) -> np.ndarray:
    """Postings x points matrix: one column (midpoint) or UNIFORM_POINTS columns."""
    if not uniform:
        return cell[value].to_numpy(dtype="float64")[:, None]
    low = cell["annual_base_low"].to_numpy(dtype="float64")
    high = cell["annual_base_high"].to_numpy(dtype="float64")
    low = np.where(np.isnan(low), cell[value].to_numpy(dtype="float64"), low)
    high = np.where(np.isnan(high), low, high)
    steps = (np.arange(UNIFORM_POINTS) + 0.5) / UNIFORM_POINTS
    return low[:, None] + (high - low)[:, None] * steps[None, :]


def bootstrap_median_ci(matrix: np.ndarray, n_boot: int, rng: np.random.Generator,
                        level: float = 0.95) -> tuple[float, float]:
    """Percentile-bootstrap CI of the median, resampling rows (postings) of ``matrix``.

    Vectorised: each chunk draws a (resamples x postings) index array at once; chunks
    keep memory under about 32 MB.
    """
    n, k = matrix.shape
    if n_boot <= 0 or n < 2:
        return (math.nan, math.nan)
    medians = np.empty(n_boot)
    chunk = max(1, int(4_000_000 // (n * k)))
    for start in range(0, n_boot, chunk):
        size = min(chunk, n_boot - start)
        idx = rng.integers(0, n, size=(size, n))
        medians[start:start + size] = np.median(matrix[idx].reshape(size, n * k), axis=1)
    alpha = (1 - level) / 2
    lo, hi = np.percentile(medians, [100 * alpha, 100 * (1 - alpha)])
    return (float(lo), float(hi))


def large_sample_median_ci(matrix: np.ndarray, level: float = 0.95) -> tuple[float, float]:
    """Distribution-free CI of the median for large cells: the type-7 quantiles at
    ``0.5 ± z / (2 sqrt(n))`` (n = postings), the normal approximation to the binomial
    order-statistic interval that the bootstrap converges to."""
    from scipy import stats

    n = matrix.shape[0]
    half = stats.norm.ppf(0.5 + level / 2) / (2 * math.sqrt(n))
    lo, hi = np.percentile(matrix.ravel(), [100 * (0.5 - half), 100 * (0.5 + half)])
    return (float(lo), float(hi))


def _companies(cell: pd.DataFrame) -> pd.Series:
    """Each posting's company name (None throughout when the points carry no company)."""
    return cell["company"] if "company" in cell else pd.Series(None, index=cell.index, dtype="object")


def _cell_figures(matrix: np.ndarray, n_boot: int, seed: int) -> dict[str, float]:
    """Percentiles, mean and the median's interval of one cell that may be shown."""
    flat = matrix.ravel()
    p = np.percentile(flat, PERCENTILES, method="linear")
    figures = {f"p{q}": float(v) for q, v in zip(PERCENTILES, p)}
    figures["mean"] = float(flat.mean())
    if matrix.shape[0] > BOOTSTRAP_MAX_N and n_boot > 0:
        ci = large_sample_median_ci(matrix)
    else:
        ci = bootstrap_median_ci(matrix, n_boot, np.random.default_rng(seed))
    if not interval_shown(ci, flat):
        ci = (math.nan, math.nan)
    figures["p50_ci_low"], figures["p50_ci_high"] = ci
    return figures


def market_percentiles(points, by=("role_level",), value="annual_base", disclosure=None,
                       n_boot=2000, seed=0) -> pd.DataFrame:
    """P10/P25/P50/P75/P90, mean and a bootstrap CI of the median per cell of ``by``.

    Percentiles are type 7 (``numpy.percentile`` linear). ``n`` counts postings
    (records) with a value, ``n_sources`` distinct companies. When ``points`` came from
    ``pay_points(range_method="uniform")`` and ``value == "annual_base"``, each posting
    enters as ``UNIFORM_POINTS`` points spread over its range (equal weight per posting);
    otherwise each posting is one value. Cells failing disclosure control keep ``n`` and
    ``suppression_reason`` and have NaN pay figures. Companies are counted as employers
    by ``employers.employer_key`` ("Acme Media" and "ACME MEDIA (UK) Ltd" are one). Zero, negative and infinite values
    are left out. The median's interval is left out (NaN) when it would reach the cell's
    lowest or highest posting (small cells), so it never shows one posting's pay
    (``disclosure.interval_shown``). Points
    in more than one currency raise ``CurrencyError``.

    Returns ``by..., n, n_sources, p10, p25, p50, p75, p90, mean, p50_ci_low,
    p50_ci_high, suppressed, suppression_reason, currency, value, fx`` (``fx``: how the
    cell's pay was converted into ``currency``, :func:`~workbench.bench.paypoints.conversion_note`).
    A cut by ``role_level`` without ``role_family`` is also cut by ``role_ladder``
    (:mod:`workbench.bench.ladders`): the sales and the account ladder never share a cell.
    """
    points = with_ladder(points)
    by = ladder_by(by, points)
    columns = [*by, "n", "n_sources", "p10", "p25", "p50", "p75", "p90", "mean",
               "p50_ci_low", "p50_ci_high", "suppressed", "suppression_reason", "currency", "value", "fx"]
    if value not in points.columns:
        raise ParameterError(f"value {value!r} is not a column of the pay points.")
    absent = [c for c in by if c not in points.columns]
    if absent:
        raise ParameterError(f"cannot cut by {absent}: not columns of the pay points "
                             f"(they have {', '.join(map(str, points.columns))}).")
    v = pd.to_numeric(points[value], errors="coerce").astype("float64")
    data = points[np.isfinite(v) & (v > 0)]  # zero, negative or infinite pay is not pay
    if data.empty:
        return pd.DataFrame({c: pd.Series(dtype="float64") for c in columns})
    uniform = (value == "annual_base" and "range_method" in data
               and (data["range_method"] == "uniform").all())
    currencies = sorted(data["currency"].dropna().astype(str).unique()) if "currency" in data else []
    if len(currencies) > 1:
        raise CurrencyError(
            f"the pay points mix currencies ({', '.join(currencies)}); percentiles need one: "
            f"build them with pay_points(currency=...) or cut them by currency first.")
    currency = currencies[0] if currencies else None

    groups = data.groupby(by, dropna=False, sort=True) if by else [((), data)]
    rows = []
    for key, cell in groups:
        key = key if isinstance(key, tuple) else (key,)
        check = check_cell(_companies(cell), disclosure)
        row = dict(zip(by, key))
        row.update(figure_fields(check), currency=currency, value=value, fx=conversion_note(cell))
        if not check.suppressed:
            row.update(_cell_figures(_values_matrix(cell, value, uniform), n_boot, seed))
        rows.append(row)
    out = pd.DataFrame(rows)
    for c in columns:
        if c not in out:
            out[c] = np.nan
    out["suppression_reason"] = out["suppression_reason"].astype("str").where(
        out["suppression_reason"].notna(), pd.NA)
    return out[columns]


def range_method_effect(tables, by=("role_level",), *, currency="GBP", disclosure=None,
                        market: str | None = None) -> pd.DataFrame:
    """Midpoint and uniform-spread percentiles side by side, for the data-quality report.

    Columns: ``by..., n, n_sources, suppressed, suppression_reason, p25/p50/p75 _midpoint,
    p25/p50/p75 _uniform, p50_diff_pct`` (uniform P50 / midpoint P50 - 1). Both methods
    read the same postings, so one disclosure decision covers the row.
    """
    by = ladder_by(by)
    results = {}
    for method in RANGE_METHODS:
        points = pay_points(tables, currency=currency, range_method=method, market=market)
        results[method] = market_percentiles(points, by=by, disclosure=disclosure, n_boot=0)
    keep = ["p25", "p50", "p75"]
    mid = results["midpoint"][[*by, "n", "n_sources", "suppressed", "suppression_reason", *keep]]
    uni = results["uniform"][[*by, *keep]]
    out = mid.rename(columns={k: f"{k}_midpoint" for k in keep}).merge(
        uni.rename(columns={k: f"{k}_uniform" for k in keep}), on=by, how="left")
    out["p50_diff_pct"] = out["p50_uniform"] / out["p50_midpoint"] - 1
    return out


# --------------------------------------------------------------------------- structure


def level_structure(percentiles: pd.DataFrame) -> pd.DataFrame:
    """Pay structure across the level ladder, one row per level (within other ``by`` keys).

    * ``midpoint_progression`` = P50 of the next level present / own P50 - 1
      (``next_level`` says which level that is; NaN for the top level).
    * ``range_spread`` = (P75 - P25) / P25: the posting P25-P75 band stands in for a
      salary range's min and max.
    * ``overlap_with_next`` = length of the intersection of this level's and the next
      level's P25-P75 bands / length of this level's band (0 = no overlap, 1 = this
      band lies wholly inside the next).
    * ``inversion`` = this level's P50 exceeds the P50 of some higher level;
      ``inverted_with`` lists those levels. Suppressed cells (NaN P50) are skipped, so
      every figure compares cells that passed disclosure; ``n`` and ``n_sources`` are
      the level's own.
    """
    if "role_level" not in percentiles:
        raise ParameterError("level_structure needs percentiles by role_level.")
    others = [c for c in percentiles.columns if c not in {
        "role_level", "n", "n_sources", "p10", "p25", "p50", "p75", "p90", "mean", "p50_ci_low",
        "p50_ci_high", "suppressed", "suppression_reason", "currency", "value", "fx"}]
    frames = []
    groups = percentiles.groupby(others, dropna=False, sort=True) if others else [((), percentiles)]
    for _, cell in groups:
        cell = cell[cell["p50"].notna()].sort_values("role_level")
        counts = ["n", "n_sources"] if "n_sources" in cell else ["n"]
        cell = cell[[*others, "role_level", *counts, "p25", "p50", "p75"]].reset_index(drop=True)
        nxt = cell.shift(-1)
        cell["next_level"] = nxt["role_level"].astype("Int64")
        cell["midpoint_progression"] = nxt["p50"] / cell["p50"] - 1
        cell["range_spread"] = (cell["p75"] - cell["p25"]) / cell["p25"]
        inter = (np.fmin(cell["p75"], nxt["p75"]) - np.fmax(cell["p25"], nxt["p25"])).clip(lower=0)
        width = cell["p75"] - cell["p25"]
        cell["overlap_with_next"] = np.where(width > 0, inter / width.where(width > 0), np.nan)
        cell.loc[nxt["p50"].isna(), "overlap_with_next"] = np.nan
        inverted = []
        for i, row in cell.iterrows():
            higher = cell[(cell["role_level"] > row["role_level"]) & (cell["p50"] < row["p50"])]
            inverted.append(", ".join(str(int(v)) for v in higher["role_level"]))
        cell["inversion"] = [bool(v) for v in inverted]
        cell["inverted_with"] = pd.Series([v or pd.NA for v in inverted], dtype="str")
        frames.append(cell)
    return pd.concat(frames, ignore_index=True) if frames else pd.DataFrame()


PAY_MIX_FIGURES = {
    "share_with_variable": "share of the cell's postings that mention OTE, bonus or commission",
    "median_variable_share": "median variable share of pay, over the postings that state a variable amount",
}


def _mix_rows(cell: pd.DataFrame, disclosure) -> list[dict]:
    """The two pay-mix figures of one cell, each gated on the postings that feed it."""
    has = cell["has_variable"].fillna(False).astype(bool)
    share = cell["annual_variable"] / (cell["annual_base"] + cell["annual_variable"])
    stated = cell[share.notna()]
    whole, amounts = check_postings(cell, disclosure), check_postings(stated, disclosure)
    return [
        {"figure": "share_with_variable", **figure_fields(whole),
         "value": float(has.mean()) if not whole.suppressed else math.nan},
        {"figure": "median_variable_share", **figure_fields(amounts),
         "value": float(share.dropna().median()) if not amounts.suppressed else math.nan},
    ]


def pay_mix(points, by=("role_level",), disclosure=None) -> pd.DataFrame:
    """Base versus variable pay per cell, one row per figure (long form).

    Two figures, each computed only when the postings that feed it pass disclosure
    control (``disclosure.check_cell``; ``n`` and ``n_sources`` on each row count them):

    * ``share_with_variable``: the share of the cell's postings that mention OTE, bonus
      or commission at all (fed by every posting of the cell);
    * ``median_variable_share``: ``annual_variable / (annual_base + annual_variable)``
      taken posting by posting, then its median, over the postings that state a
      variable amount (fed by those postings only): median base plus median bonus is
      not median total cash. The base share is one minus it.

    A cell of 24 postings in which one posting states a bonus amount shows the first
    figure and suppresses the second: one posting's pay split is its pay.
    A cut by level is also cut by ladder, as in ``market_percentiles``.
    Columns: ``by..., figure, n, n_sources, value, suppressed, suppression_reason``.
    """
    points = with_ladder(points)
    by = ladder_by(by, points)
    columns = [*by, "figure", "n", "n_sources", "value", "suppressed", "suppression_reason"]
    if points.empty:
        return pd.DataFrame({c: pd.Series(dtype="float64") for c in columns})
    groups = points.groupby(by, dropna=False, sort=True) if by else [((), points)]
    rows = []
    for key, cell in groups:
        key = key if isinstance(key, tuple) else (key,)
        rows.extend({**dict(zip(by, key)), **row} for row in _mix_rows(cell, disclosure))
    return pd.DataFrame(rows)[columns]
