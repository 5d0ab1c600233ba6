"""Benchmark analytics: market percentiles, disclosure control, structure, regression, compa-ratio.

Every function takes DataFrames shaped like the store tables (see
``docs/architecture.md``) and returns a new DataFrame; inputs are never modified.

Definitions used throughout
---------------------------
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
    ``workbench.config.SETTINGS.disclosure``: a cell is suppressed when it has fewer than
    ``min_postings`` postings, fewer than ``min_sources`` distinct companies, or when one
    company supplies more than ``max_company_share`` of its postings. Companies are
    employers, counted by ``workbench.employers.employer_key`` ("Acme Media Ltd", "Acme
    Media UK" and "Acme Media (Europe)" are one). Postings with no company count as one
    unknown company for the share test and do not count as a source.
    Suppressed cells keep ``n``, ``n_sources`` and the reason; their pay figures are NaN.
Bootstrap
    Percentile bootstrap of the median over postings (resampling postings with
    replacement, ``n_boot`` resamples, ``numpy.random.default_rng(seed)`` per cell).
    Cells above ``BOOTSTRAP_MAX_N`` postings use the large-sample distribution-free
    interval (type-7 quantiles at ``0.5 ± z / (2 sqrt(n))``) instead.
"""

from __future__ import annotations

import datetime as _dt
import json
import math
from dataclasses import dataclass, field, fields
from pathlib import Path
from typing import Iterable

import numpy as np
import pandas as pd

from workbench import config
from workbench.employers import employer_key, employer_keys
from workbench.errors import CurrencyError, ParameterError, SchemaError, StoreError

TABLE_NAMES = (
    "postings", "records", "salaries", "time_allocation", "responsibilities", "skills", "rejects",
)
PERCENTILES = (10, 25, 50, 75, 90)
UNIFORM_POINTS = 9
RANGE_METHODS = ("midpoint", "uniform")
# Cells with more postings than this get the large-sample order-statistic interval for
# the median instead of the bootstrap (same answer to within resampling noise, O(n)).
BOOTSTRAP_MAX_N = 10_000

# Salary ``component`` values (lower-cased) and how pay_points reads them. Anything
# else (equity, benefits, "up to x% bonus" without an amount) is ignored for pay.
BASE_COMPONENTS = frozenset({"base", "unspecified", "salary", "basic", ""})
OTE_COMPONENTS = frozenset({"ote", "on_target_earnings", "on-target earnings", "on_target"})
VARIABLE_COMPONENTS = frozenset({"bonus", "commission", "variable", "incentive"})
ALLOWANCE_COMPONENTS = frozenset({"allowance", "car", "car_allowance", "car allowance"})

POINT_COLUMNS = [
    "record_id", "posting_id", "company", "title", "role_family", "role_level", "role_label",
    "location", "country", "experience_min", "date_posted", "annual_base", "annual_base_low",
    "annual_base_high", "annual_ttc", "annual_variable", "annual_allowance", "has_variable",
    "currency", "range_method", "fx_warning",
]

# CLI ``--by`` names and the store columns they stand for.
BY_ALIASES = {
    "role": "role_family",
    "family": "role_family",
    "level": "role_level",
    "location": "country",
    "market": "country",
    "country": "country",
    "city": "location",
}


# --------------------------------------------------------------------------- tables


@dataclass
class Tables:
    """The store tables, one DataFrame each (empty when a table is absent)."""

    postings: pd.DataFrame = field(default_factory=pd.DataFrame)
    records: pd.DataFrame = field(default_factory=pd.DataFrame)
    salaries: pd.DataFrame = field(default_factory=pd.DataFrame)
    time_allocation: pd.DataFrame = field(default_factory=pd.DataFrame)
    responsibilities: pd.DataFrame = field(default_factory=pd.DataFrame)
    skills: pd.DataFrame = field(default_factory=pd.DataFrame)
    rejects: pd.DataFrame = field(default_factory=pd.DataFrame)

    @classmethod
    def coerce(cls, obj) -> "Tables":
        """Accept a ``Tables``, a mapping of name -> DataFrame, or any object with those attributes."""
        if isinstance(obj, cls):
            return obj
        getter = obj.get if isinstance(obj, dict) else lambda name: getattr(obj, name, None)
        values = {}
        for f in fields(cls):
            value = getter(f.name)
            values[f.name] = pd.DataFrame() if value is None else pd.DataFrame(value)
        return cls(**values)


def load(store_dir=None) -> Tables:
    """Read every store table from ``store_dir`` (default ``config.PROCESSED``).

    The store is checked against its manifest first (``store.read_tables``). Raises
    ``StoreError`` when the folder is not a store, fails that check, or holds neither
    records nor salaries; tables without rows come back empty.
    """
    from workbench import store

    store_dir = Path(store_dir) if store_dir is not None else config.PROCESSED
    tables = Tables(**store.read_tables(TABLE_NAMES, store_dir))
    if tables.records.empty and tables.salaries.empty:
        raise StoreError(
            f"The store at {store_dir} has no records or salaries; "
            "run `workbench ingest PATH --store DIR` with postings that name account roles first."
        )
    return tables


# --------------------------------------------------------------------------- pay points


def _component_kind(component) -> str:
    if component is None or (isinstance(component, float) and math.isnan(component)):
        return "base"
    text = str(component).strip().lower()
    if text in BASE_COMPONENTS:
        return "base"
    if text in OTE_COMPONENTS:
        return "ote"
    if text in VARIABLE_COMPONENTS:
        return "variable"
    if text in ALLOWANCE_COMPONENTS:
        return "allowance"
    return "other"


def _fx_rates(from_ccy: pd.Series, on_date: pd.Series, to_ccy: str) -> tuple[pd.Series, pd.Series]:
    """Rate and warning per row, converting ``from_ccy`` amounts into ``to_ccy``.

    One ``fx.convert(1.0, ...)`` call per distinct (currency, date) pair; rows in
    ``to_ccy`` get rate 1. An unknown currency raises ``CurrencyError``.
    """
    rate = pd.Series(np.nan, index=from_ccy.index, dtype="float64")
    warning = pd.Series(pd.NA, index=from_ccy.index, dtype="str")
    same = from_ccy.astype("str").str.upper() == to_ccy.upper()
    rate[same] = 1.0
    need = from_ccy.notna() & ~same
    if not need.any():
        return rate, warning
    try:
        from workbench import fx
    except ImportError as exc:  # pragma: no cover - fx is another helper's module
        raise CurrencyError(
            f"Converting to {to_ccy} needs workbench.fx, which is not available: {exc}"
        ) from exc
    pairs = pd.DataFrame({"ccy": from_ccy[need], "date": on_date[need]})
    for (ccy, date), idx in pairs.groupby(["ccy", "date"], dropna=False).groups.items():
        day = None if pd.isna(date) else date
        if isinstance(day, str):
            day = _dt.date.fromisoformat(day[:10])
        conv = fx.convert(1.0, str(ccy), to_ccy, day)
        rate.loc[idx] = float(conv.rate)
        if getattr(conv, "warning", None):
            warning.loc[idx] = str(conv.warning)
    return rate, warning


def _is_market_cut(market: str | None) -> bool:
    return bool(market) and str(market).upper() != "ALL"


def _in_market(frame: pd.DataFrame, market: str) -> pd.Series:
    """Rows of ``frame`` whose ``country`` is ``market`` (``UK`` is taken as ``GB``)."""
    wanted = {"UK": "GB"}.get(str(market).upper(), str(market).upper())
    return frame["country"].astype("str").str.upper() == wanted


def _empty_points() -> pd.DataFrame:
    return pd.DataFrame({**{c: pd.Series(dtype="float64") for c in POINT_COLUMNS},
                         "base_idx": pd.Series(dtype="Int64")})


def pay_points(tables, *, currency: str = "GBP", range_method: str = "midpoint",
               market: str | None = None) -> pd.DataFrame:
    """One row per record with usable base pay, in ``currency`` per year.

    Rules
    -----
    * ``market`` (ISO country such as ``"GB"``; ``None`` or ``"ALL"`` for every market)
      keeps only records from that market. A benchmark compares like with like: roubles
      or yuan converted to pounds are not a UK market rate, so reports cut by market and
      keep cross-market comparisons to the regression, which has a market term.
    * Usable mention: not ``masked`` and at least one of ``annual_low_rc`` /
      ``annual_high_rc`` stated as a positive finite number (zero, negative or infinite
      amounts count as unstated). Values are in the salaries table's reporting currency
      and are converted to ``currency`` with ``workbench.fx.convert`` at each mention's
      ``rate_date`` when the two differ.
    * Base pay: the first usable mention (lowest ``idx``) whose component is ``base`` or
      unspecified. ``annual_base_low``/``annual_base_high`` are its range; a one-sided
      range ("from £30k", "up to £40k") uses the stated end for both, so it counts as a
      point. ``annual_base`` is the midpoint. Records with no usable base (only OTE, or
      only masked pay) are left out: they do not say what the base is.
    * Total target cash ``annual_ttc``: in UK sales ads OTE is usually the total
      on-target earnings (base + commission), so when an OTE amount is stated
      ``ttc = max(base, OTE midpoint)``; otherwise ``ttc = base + bonus/commission
      amounts`` (midpoints; the first stated amount per component). A stated car or
      other cash allowance is added in both cases. Bonuses stated only as a percentage
      (no annual amount) do not enter ``ttc``; nor does a ``total`` package figure,
      whose contents (benefits, pension) are unknown.
    * ``has_variable``: the posting mentions OTE, bonus or commission at all (masked or
      not, with or without an amount). ``annual_variable = annual_ttc - annual_base -
      annual_allowance`` (NaN when no amount was stated).
    * ``range_method`` is recorded on every row: ``market_percentiles`` spreads each
      ``annual_base`` range as a uniform distribution when it is ``"uniform"``.
    * ``base_idx`` (after the standard columns) is the salaries ``idx`` of the mention
      the base came from, so a point can be traced to its mention (the document
      evaluation and the extraction snapshot read it).
    """
    if range_method not in RANGE_METHODS:
        raise ParameterError(f"range_method must be one of {RANGE_METHODS}, got {range_method!r}.")
    tables = Tables.coerce(tables)
    salaries, records = tables.salaries, tables.records
    if salaries.empty:
        return _empty_points()
    need = {"record_id", "annual_low_rc", "annual_high_rc", "reporting_currency"}
    missing = need - set(salaries.columns)
    if missing:
        raise SchemaError(f"salaries table lacks columns {sorted(missing)}; rebuild the store.")

    component = (salaries["component"] if "component" in salaries
                 else pd.Series(None, index=salaries.index, dtype="object"))
    comp_codes, uniques = pd.factorize(component, use_na_sentinel=True)
    kinds = np.array([_component_kind(u) for u in uniques] + ["base"], dtype=object)
    # Work on integer codes only: string joins and copies are slow at a million rows.
    codes, record_ids = pd.factorize(salaries["record_id"].astype("str"))
    low = pd.to_numeric(salaries["annual_low_rc"], errors="coerce").astype("float64")
    high = pd.to_numeric(salaries["annual_high_rc"], errors="coerce").astype("float64")
    # An amount that is not a positive finite number is not pay: that end counts as unstated.
    low = low.where(np.isfinite(low) & (low > 0))
    high = high.where(np.isfinite(high) & (high > 0))
    rate_date = salaries["rate_date"] if "rate_date" in salaries else pd.Series(None, index=salaries.index)
    rate, warning = _fx_rates(salaries["reporting_currency"], rate_date, currency)
    lo = (low.fillna(high) * rate).to_numpy(dtype="float64")
    hi = (high.fillna(low) * rate).to_numpy(dtype="float64")
    s = pd.DataFrame({
        "code": codes,
        "idx": (pd.to_numeric(salaries["idx"], errors="coerce").to_numpy(dtype="float64")
                if "idx" in salaries else np.arange(len(salaries), dtype="float64")),
        "component": comp_codes,
        "kind": kinds[comp_codes],  # code -1 (missing component) -> "base"
        "masked": (salaries["masked"].fillna(False).astype(bool).to_numpy()
                   if "masked" in salaries else np.zeros(len(salaries), dtype=bool)),
        "lo": np.fmin(lo, hi), "hi": np.fmax(lo, hi),
        "row": np.arange(len(salaries)),
    })
    s["mid"] = (s["lo"] + s["hi"]) / 2
    s = s.sort_values(["code", "idx"], kind="stable")
    n_rec = len(record_ids)

    def first(kind: str) -> pd.DataFrame:
        rows = s[(s["kind"] == kind) & ~s["masked"] & s["mid"].notna()]
        return rows.drop_duplicates("code")

    def total(kind: str) -> tuple[np.ndarray, np.ndarray]:
        rows = s[(s["kind"] == kind) & ~s["masked"] & s["mid"].notna()]
        rows = rows.drop_duplicates(["code", "component"])
        amount = np.bincount(rows["code"], weights=rows["mid"], minlength=n_rec)
        stated = np.bincount(rows["code"], minlength=n_rec) > 0
        return np.where(stated, amount, np.nan), stated

    base = first("base")
    if base.empty:
        return _empty_points()
    at = base["code"].to_numpy()
    ote = np.full(n_rec, np.nan)
    ote_rows = first("ote")
    ote[ote_rows["code"].to_numpy()] = ote_rows["mid"].to_numpy()
    var, var_stated = total("variable")
    allowance, _ = total("allowance")
    has_variable = np.zeros(n_rec, dtype=bool)
    has_variable[s.loc[s["kind"].isin(["ote", "variable"]), "code"].to_numpy()] = True

    annual_base = base["mid"].to_numpy()
    ote, var, var_stated, allowance = ote[at], var[at], var_stated[at], allowance[at]
    cash = np.where(~np.isnan(ote), np.fmax(annual_base, ote), annual_base + np.nan_to_num(var))
    out = pd.DataFrame({
        "record_id": pd.Series(record_ids[at], dtype="str"),
        "annual_base": annual_base,
        "annual_base_low": base["lo"].to_numpy(),
        "annual_base_high": base["hi"].to_numpy(),
        "annual_ttc": cash + np.nan_to_num(allowance),
        "annual_variable": np.where(~np.isnan(ote) | var_stated, cash - annual_base, np.nan),
        "annual_allowance": allowance,
        "has_variable": has_variable[at],
        "currency": currency,
        "range_method": range_method,
        "fx_warning": pd.Series(warning.to_numpy()[base["row"].to_numpy()], dtype="str"),
        "base_idx": pd.array(base["idx"].to_numpy(), dtype="Int64"),
    })

    if not records.empty and "record_id" in records:
        rec = records.assign(record_id=records["record_id"].astype("str"))
        keep = [c for c in POINT_COLUMNS if c in rec.columns and c not in out.columns]
        out = out.merge(rec[["record_id", *keep]].drop_duplicates("record_id"),
                        on="record_id", how="left")
    for column in POINT_COLUMNS:
        if column not in out.columns:
            out[column] = pd.Series(pd.NA, index=out.index, dtype="object")
    if "role_level" in out:
        out["role_level"] = pd.to_numeric(out["role_level"], errors="coerce").astype("Int64")
    if _is_market_cut(market):
        out = out[_in_market(out, market)].reset_index(drop=True)
    return out[POINT_COLUMNS + [c for c in out.columns if c not in POINT_COLUMNS]]


# --------------------------------------------------------------------------- percentiles


def _disclosure(disclosure):
    return config.SETTINGS.disclosure if disclosure is None else disclosure


def suppression_reason(n: int, n_sources: int, top_share: float, disclosure=None) -> str | None:
    """Why a cell must be suppressed, or ``None`` when it may be shown."""
    d = _disclosure(disclosure)
    reasons = []
    if n < d.min_postings:
        reasons.append(f"only {n} posting{'s' if n != 1 else ''} (minimum {d.min_postings})")
    if n_sources < d.min_sources:
        reasons.append(
            f"only {n_sources} compan{'ies' if n_sources != 1 else 'y'} (minimum {d.min_sources})"
        )
    if n and top_share > d.max_company_share + 1e-12:
        reasons.append(
            f"one company supplies {top_share:.0%} (maximum {d.max_company_share:.0%})"
        )
    return "; ".join(reasons) or None


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
    lowest or highest posting (small cells), so it never shows one posting's pay. Points
    in more than one currency raise ``CurrencyError``.

    Returns ``by..., n, n_sources, p10, p25, p50, p75, p90, mean, p50_ci_low,
    p50_ci_high, suppressed, suppression_reason, currency, value``.
    """
    by = [by] if isinstance(by, str) else list(by)
    d = _disclosure(disclosure)
    columns = [*by, "n", "n_sources", "p10", "p25", "p50", "p75", "p90", "mean",
               "p50_ci_low", "p50_ci_high", "suppressed", "suppression_reason", "currency", "value"]
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
        n = len(cell)
        n_sources, top_share = _sources(cell)
        reason = suppression_reason(n, n_sources, top_share, d)
        row = dict(zip(by, key))
        row.update(n=n, n_sources=n_sources, suppressed=reason is not None,
                   suppression_reason=reason, currency=currency, value=value)
        if reason is None:
            matrix = _values_matrix(cell, value, uniform)
            flat = matrix.ravel()
            p = np.percentile(flat, PERCENTILES, method="linear")
            row.update({f"p{q}": float(v) for q, v in zip(PERCENTILES, p)})
            row["mean"] = float(flat.mean())
            if n > BOOTSTRAP_MAX_N and n_boot > 0:
                ci = large_sample_median_ci(matrix)
            else:
                ci = bootstrap_median_ci(matrix, n_boot, np.random.default_rng(seed))
            if ci[0] <= flat.min() or ci[1] >= flat.max():
                # In a small cell the interval reaches the lowest or highest posting:
                # it would show one posting's pay and says little. Left out.
                ci = (math.nan, math.nan)
            row["p50_ci_low"], row["p50_ci_high"] = ci
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

    Columns: ``by..., n, suppressed, p25/p50/p75 _midpoint, p25/p50/p75 _uniform,
    p50_diff_pct`` (uniform P50 / midpoint P50 - 1).
    """
    by = [by] if isinstance(by, str) else list(by)
    results = {}
    for method in RANGE_METHODS:
        points = pay_points(tables, currency=currency, range_method=method, market=market)
        results[method] = market_percentiles(points, by=by, disclosure=disclosure, n_boot=0)
    keep = ["p25", "p50", "p75"]
    mid = results["midpoint"][[*by, "n", "suppressed", "suppression_reason", *keep]]
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
      ``inverted_with`` lists those levels. Suppressed cells (NaN P50) are skipped.
    """
    if "role_level" not in percentiles:
        raise ParameterError("level_structure needs percentiles by role_level.")
    others = [c for c in percentiles.columns if c not in {
        "role_level", "n", "n_sources", "p10", "p25", "p50", "p75", "p90", "mean", "p50_ci_low",
        "p50_ci_high", "suppressed", "suppression_reason", "currency", "value"}]
    frames = []
    groups = percentiles.groupby(others, dropna=False, sort=True) if others else [((), percentiles)]
    for _, cell in groups:
        cell = cell[cell["p50"].notna()].sort_values("role_level")
        cell = cell[[*others, "role_level", "n", "p25", "p50", "p75"]].reset_index(drop=True)
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


def _sources(cell: pd.DataFrame) -> tuple[int, float]:
    """(distinct employers, largest employer's share of the cell), by ``employer_key``."""
    keys = (cell["company"].astype("object").map(employer_key) if "company" in cell
            else pd.Series(None, index=cell.index, dtype="object"))
    counts = keys.fillna("\0unknown").value_counts()
    return int(keys.dropna().nunique()), float(counts.iloc[0] / len(cell)) if len(cell) else 0.0


def pay_mix(points, by=("role_level",), disclosure=None) -> pd.DataFrame:
    """Base versus variable pay per cell.

    ``variable_share`` is computed per posting as ``annual_variable / (annual_base +
    annual_variable)`` (postings with a stated variable amount), then summarised by its
    median: median base plus median bonus is not median total cash, so shares are taken
    posting by posting. Columns: ``by..., n, n_with_variable, share_with_variable``
    (postings mentioning OTE/bonus/commission), ``n_variable_amount,
    median_variable_share, median_base_share, suppressed, suppression_reason``. A cell
    failing disclosure control (the same rule as ``market_percentiles``) keeps its
    counts and has NaN shares: one posting's pay split is its pay.
    """
    by = [by] if isinstance(by, str) else list(by)
    d = _disclosure(disclosure)
    data = points.assign(
        _var_share=points["annual_variable"] / (points["annual_base"] + points["annual_variable"]),
        _has=points["has_variable"].fillna(False).astype(bool),
    )
    groups = data.groupby(by, dropna=False, sort=True) if by else [((), data)]
    rows = []
    for key, cell in groups:
        key = key if isinstance(key, tuple) else (key,)
        shares = cell["_var_share"].dropna()
        n_sources, top_share = _sources(cell)
        reason = suppression_reason(len(cell), n_sources, top_share, d)
        med = float(shares.median()) if len(shares) and reason is None else math.nan
        rows.append({**dict(zip(by, key)), "n": len(cell), "n_with_variable": int(cell["_has"].sum()),
                     "share_with_variable": float(cell["_has"].mean()) if reason is None else math.nan,
                     "n_variable_amount": len(shares), "median_variable_share": med,
                     "median_base_share": 1 - med if not math.isnan(med) else math.nan,
                     "suppressed": reason is not None, "suppression_reason": reason})
    return pd.DataFrame(rows)


# --------------------------------------------------------------------------- regression


@dataclass
class RegressionResult:
    """Coefficient table, plain-language readings and the number of postings used."""

    table: pd.DataFrame
    reading: list[str]
    n: int


MIN_MARKET_N = 8


def _design(points: pd.DataFrame, value: str) -> tuple[pd.Series, pd.DataFrame]:
    """Outcome log(pay) and the regressors.

    * ``role_level`` enters as a number (1-5): one coefficient, read as "one level up";
      ``level_structure`` shows the step-by-step shape this averages over.
    * ``country`` enters as indicators against the most frequent country (missing
      country is its own category ``unknown``). Markets with fewer than
      ``MIN_MARKET_N`` postings are pooled into ``other``: a dummy fitted to one or two
      postings has an interval too wide to mean anything (HC3 leverage near 1).
    * ``experience_min`` (years) enters as a number with missing values set to 0 plus an
      ``experience_missing`` indicator, so postings that do not state experience stay in
      the model; its coefficient is estimated from the postings that do.
    Columns without variation are dropped (e.g. one country only).
    """
    v = pd.to_numeric(points[value], errors="coerce").astype("float64")
    data = points[np.isfinite(v) & (v > 0) & points["role_level"].notna()]
    y = np.log(data[value].astype("float64"))
    X = pd.DataFrame({"const": 1.0, "role_level": data["role_level"].astype("float64")},
                     index=data.index)
    if "experience_min" in data:
        exp = pd.to_numeric(data["experience_min"], errors="coerce")
        X["experience_min"] = exp.fillna(0.0).astype("float64")
        X["experience_missing"] = exp.isna().astype("float64")
        if exp.notna().sum() < 2:
            X = X.drop(columns=["experience_min", "experience_missing"])
    if "country" in data:
        country = data["country"].astype("object").where(data["country"].notna(), "unknown")
        counts = country.value_counts()
        rare = counts[counts < MIN_MARKET_N].index
        if len(rare):
            country = country.where(~country.isin(rare), "other")
            counts = country.value_counts()
        if len(counts) > 1:
            reference = sorted(counts[counts == counts.max()].index)[0]
            for level in sorted(counts.index):
                if level != reference:
                    X[f"country[{level}]"] = (country == level).astype("float64")
            X.attrs["reference_country"] = reference
    varying = [c for c in X.columns if c == "const" or X[c].nunique() > 1]
    return y, X[varying]


def regression(points, *, value: str = "annual_base", quantiles=(0.25, 0.5, 0.75)) -> RegressionResult:
    """Log-pay regression on level, market and experience.

    OLS of ``log(value)`` with HC3 heteroscedasticity-robust standard errors, and
    quantile regressions (``statsmodels`` ``QuantReg``) at ``quantiles``. Regressors are
    described in ``_design``. ``pct_effect = exp(coef) - 1`` (likewise for the interval
    ends). These are associations in advertised pay, not causal effects.

    Returns ``RegressionResult(table, reading, n)``; ``table`` has ``model, term, coef,
    se, ci_low, ci_high, p_value, pct_effect, pct_ci_low, pct_ci_high, n``.
    """
    import statsmodels.api as sm

    y, X = _design(points, value)
    n = len(y)
    columns = ["model", "term", "coef", "se", "ci_low", "ci_high", "p_value", "pct_effect",
               "pct_ci_low", "pct_ci_high", "n"]
    if n < X.shape[1] + 3 or "role_level" not in X:
        return RegressionResult(
            pd.DataFrame({c: pd.Series(dtype="float64") for c in columns}),
            [f"Too few postings with pay and level (n={n}) for a regression; "
             f"need at least {X.shape[1] + 3} with more than one level."], n)
    frames = []
    ols = sm.OLS(y.to_numpy(), X.to_numpy()).fit(cov_type="HC3")
    fits = [("ols_hc3", ols)]
    for q in quantiles:
        fits.append((f"quantreg_q{q:g}", sm.QuantReg(y.to_numpy(), X.to_numpy()).fit(q=q, max_iter=5000)))
    for name, fit in fits:
        ci = np.asarray(fit.conf_int(0.05))
        frames.append(pd.DataFrame({
            "model": name, "term": list(X.columns), "coef": np.asarray(fit.params),
            "se": np.asarray(fit.bse), "ci_low": ci[:, 0], "ci_high": ci[:, 1],
            "p_value": np.asarray(fit.pvalues),
        }))
    table = pd.concat(frames, ignore_index=True)
    table["pct_effect"] = np.expm1(table["coef"])
    table["pct_ci_low"] = np.expm1(table["ci_low"])
    table["pct_ci_high"] = np.expm1(table["ci_high"])
    table["n"] = n

    def pct(v):
        return f"{v:+.0%}".replace("+-", "-")

    def row(model, term):
        hit = table[(table["model"] == model) & (table["term"] == term)]
        return None if hit.empty else hit.iloc[0]

    label = "annual base" if value == "annual_base" else value.replace("_", " ")
    reading = []
    r = row("ols_hc3", "role_level")
    reading.append(
        f"One level up is worth about {pct(r.pct_effect)} in {label} "
        f"(95% CI {pct(r.pct_ci_low)} to {pct(r.pct_ci_high)}), n={n}."
    )
    r = row("quantreg_q0.5", "role_level")
    if r is not None:
        reading.append(
            f"At the median (quantile regression) one level up is worth about {pct(r.pct_effect)} "
            f"(95% CI {pct(r.pct_ci_low)} to {pct(r.pct_ci_high)})."
        )
    r = row("ols_hc3", "experience_min")
    if r is not None:
        reading.append(
            f"Each extra year of required experience goes with about {pct(r.pct_effect)} "
            f"(95% CI {pct(r.pct_ci_low)} to {pct(r.pct_ci_high)}), at the same level and market."
        )
    reference = X.attrs.get("reference_country")
    for term in [t for t in X.columns if t.startswith("country[")]:
        r = row("ols_hc3", term)
        reading.append(
            f"Postings in {term[8:-1]} advertise about {pct(r.pct_effect)} versus {reference} "
            f"(95% CI {pct(r.pct_ci_low)} to {pct(r.pct_ci_high)}), at the same level."
        )
    reading.append("Associations in advertised pay, not causal effects; OLS uses HC3 robust "
                   "standard errors.")
    return RegressionResult(table[columns], reading, n)


# --------------------------------------------------------------------------- duties


def _with_by(frame: pd.DataFrame, records: pd.DataFrame, by: list[str]) -> pd.DataFrame:
    rec = records[["record_id", *by]].drop_duplicates("record_id")
    return frame.merge(rec, on="record_id", how="inner")


def time_shares(tables, by=("role_level",), *, level: float = 0.95) -> pd.DataFrame:
    """Mean share of working time per taxonomy category, per cell of ``by``.

    Per record, shares of the same category are summed; a category a record's
    allocation does not mention counts as 0% for that record (allocations total 100%).
    ``n`` is the number of records with a time allocation in the cell; the interval is
    ``mean ± t(0.975, n-1) · sd / sqrt(n)`` (NaN for n < 2). Columns: ``by..., category,
    mean_share, ci_low, ci_high, n`` (shares in percent).
    """
    from scipy import stats

    by = [by] if isinstance(by, str) else list(by)
    tables = Tables.coerce(tables)
    ta = tables.time_allocation
    columns = [*by, "category", "mean_share", "ci_low", "ci_high", "n"]
    if ta.empty:
        return pd.DataFrame({c: pd.Series(dtype="float64") for c in columns})
    data = _with_by(ta[["record_id", "category", "share"]], tables.records, by)
    data = data.assign(category=data["category"].fillna("uncategorised"))
    per_record = data.groupby(["record_id", "category"], as_index=False)["share"].sum()
    wide = per_record.pivot(index="record_id", columns="category", values="share").fillna(0.0)
    keys = data.drop_duplicates("record_id").set_index("record_id")[by].reindex(wide.index)
    rows = []
    groups = wide.groupby([keys[c] for c in by], dropna=False, sort=True) if by else [((), wide)]
    for key, cell in groups:
        key = key if isinstance(key, tuple) else (key,)
        n = len(cell)
        tcrit = stats.t.ppf(0.5 + level / 2, n - 1) if n > 1 else math.nan
        for category in cell.columns:
            values = cell[category].to_numpy(dtype="float64")
            mean = values.mean()
            half = tcrit * values.std(ddof=1) / math.sqrt(n) if n > 1 else math.nan
            rows.append({**dict(zip(by, key)), "category": category, "mean_share": mean,
                         # a share lives in [0, 100]; the t-interval can overshoot it
                         "ci_low": max(mean - half, 0.0), "ci_high": min(mean + half, 100.0),
                         "n": n})
    return pd.DataFrame(rows, columns=columns)


def responsibility_coverage(tables, by=("role_level",)) -> pd.DataFrame:
    """Share of records (roles in postings) mentioning each responsibility category.

    Denominator ``n``: all records in the cell (from the records table), so a category
    no record mentions is absent rather than 0. Columns: ``by..., category,
    n_mentioning, share_of_postings, n``.
    """
    by = [by] if isinstance(by, str) else list(by)
    tables = Tables.coerce(tables)
    resp, records = tables.responsibilities, tables.records
    columns = [*by, "category", "n_mentioning", "share_of_postings", "n"]
    if resp.empty or records.empty:
        return pd.DataFrame({c: pd.Series(dtype="float64") for c in columns})
    totals = (records.drop_duplicates("record_id").groupby(by, dropna=False).size()
              .rename("n").reset_index()) if by else pd.DataFrame({"n": [records["record_id"].nunique()]})
    data = _with_by(resp[["record_id", "category"]].dropna(subset=["category"]), records, by)
    mentioning = (data.drop_duplicates(["record_id", "category"])
                  .groupby([*by, "category"], dropna=False).size().rename("n_mentioning").reset_index())
    out = mentioning.merge(totals, on=by, how="left") if by else mentioning.assign(n=totals["n"].iloc[0])
    out["share_of_postings"] = out["n_mentioning"] / out["n"]
    return out[columns].sort_values([*by, "share_of_postings"], ascending=[True] * len(by) + [False],
                                    ignore_index=True)


# --------------------------------------------------------------------------- incumbents


INCUMBENT_COLUMNS = ["employee_id", "role", "level", "location", "currency", "base", "bonus", "hire_date"]


def load_incumbents(path=None) -> pd.DataFrame:
    """Read the incumbent file (default ``config.INCUMBENTS``): analyst-only data.

    Columns ``employee_id, role, level, location, currency, base, bonus, hire_date``;
    ``level`` becomes an integer, ``base``/``bonus`` floats, ``hire_date`` a date.
    """
    path = Path(path) if path is not None else config.INCUMBENTS
    if not path.is_file():
        raise StoreError(f"No incumbent file at {path}; pass the path of a CSV with columns "
                         f"{', '.join(INCUMBENT_COLUMNS)}.")
    frame = pd.read_csv(path, dtype={"employee_id": "str"})
    missing = [c for c in INCUMBENT_COLUMNS if c not in frame.columns]
    if missing:
        raise SchemaError(f"Incumbent file {path} lacks columns {missing}; expected "
                          f"{', '.join(INCUMBENT_COLUMNS)}.")
    return frame.assign(
        level=pd.to_numeric(frame["level"], errors="coerce").astype("Int64"),
        base=pd.to_numeric(frame["base"], errors="coerce").astype("float64"),
        bonus=pd.to_numeric(frame["bonus"], errors="coerce").astype("float64"),
        hire_date=pd.to_datetime(frame["hire_date"], errors="coerce"),
        currency=frame["currency"].astype("str").str.upper(),
    )


def _as_date(value, what: str = "date") -> _dt.date:
    if value is pd.NaT or (isinstance(value, float) and math.isnan(value)):
        raise ParameterError(f"{what} is missing; give it as YYYY-MM-DD.")
    if isinstance(value, _dt.datetime):
        return value.date()
    if isinstance(value, _dt.date):
        return value
    try:
        stamp = pd.Timestamp(value)
    except (TypeError, ValueError) as exc:
        raise ParameterError(f"{what} {value!r} is not a date; write it as YYYY-MM-DD.") from exc
    if pd.isna(stamp):
        raise ParameterError(f"{what} is missing; give it as YYYY-MM-DD.")
    return stamp.date()


def compa_ratios(incumbents, percentiles, *, effective_date, aging_rate=0.03, market_date=None,
                 keys=None) -> pd.DataFrame:
    """Compa-ratio and range penetration of each incumbent against aged market pay.

    ANALYST-ONLY: this table holds named employees' pay; never show it to recruiters or
    put it in a shared report.

    * The market range for a cell is taken from the posting percentiles: P50 is the
      midpoint, P25 the range minimum and P75 the range maximum.
    * Market figures are aged from ``market_date`` to ``effective_date`` at
      ``aging_rate`` a year: ``factor = (1 + aging_rate) ** (days / 365.25)``.
      ``market_date`` defaults to a ``market_date`` column of ``percentiles`` if there is
      one, else to ``effective_date`` (no aging). ``effective_date`` None or ``""`` means
      today.
    * Incumbent pay in another currency than the percentiles' ``currency`` column
      (default ``SETTINGS.reporting_currency``) is converted with ``workbench.fx``
      at ``effective_date``.
    * ``compa_ratio = base / aged P50``; ``range_penetration = (base - aged P25) /
      (aged P75 - aged P25)``. Suppressed cells give NaN.

    ``keys`` maps incumbent columns to percentile columns (default ``{"level":
    "role_level"}``).
    """
    keys = dict(keys or {"level": "role_level"})
    # None or "" means today: compa-ratios are read against the market as it stands now.
    effective = (_dt.date.today() if effective_date is None or effective_date == ""
                 else _as_date(effective_date, "effective_date"))
    inc_missing = [c for c in ("base", "currency", *keys) if c not in pd.DataFrame(incumbents).columns]
    pct_missing = [c for c in (*keys.values(), "p25", "p50", "p75") if c not in percentiles.columns]
    if inc_missing or pct_missing:
        raise ParameterError(
            "compa_ratios needs incumbent columns base, currency and "
            f"{', '.join(keys)} and percentile columns {', '.join(keys.values())}, p25, p50, p75; "
            f"missing: {', '.join(inc_missing + pct_missing)}.")
    market_ccy = (str(percentiles["currency"].dropna().iloc[0])
                  if "currency" in percentiles and percentiles["currency"].notna().any()
                  else config.SETTINGS.reporting_currency)
    if market_date is None and "market_date" in percentiles:
        stated = percentiles["market_date"].dropna()
        market_date = stated.iloc[0] if len(stated) else None
    market = _as_date(market_date, "market_date") if market_date is not None else effective
    years = (effective - market).days / 365.25
    factor = (1 + aging_rate) ** years

    inc = pd.DataFrame(incumbents).copy()
    rate, warning = _fx_rates(inc["currency"].astype("str").str.upper(),
                              pd.Series(effective.isoformat(), index=inc.index), market_ccy)
    inc["base_converted"] = inc["base"].astype("float64") * rate
    inc["fx_warning"] = warning
    pct = percentiles[[*keys.values(), "p25", "p50", "p75"]].copy()
    if pct.duplicated(list(keys.values())).any():
        raise ParameterError(
            f"percentiles have several rows per {list(keys.values())}; filter them to one cut "
            "(e.g. one role_family) or pass keys= mapping more incumbent columns."
        )
    for k_inc, k_pct in keys.items():
        if pd.api.types.is_numeric_dtype(pct[k_pct]):
            inc[k_inc] = pd.to_numeric(inc[k_inc], errors="coerce").astype("float64")
            pct[k_pct] = pct[k_pct].astype("float64")
    out = inc.merge(pct, left_on=list(keys), right_on=list(keys.values()), how="left")
    for k_inc in keys:  # one market row per key (checked above): restore the input dtype
        out[k_inc] = pd.DataFrame(incumbents)[k_inc].to_numpy()
    out["market_currency"] = market_ccy
    out["aging_factor"] = factor
    out["market_min"] = out["p25"] * factor
    out["market_mid"] = out["p50"] * factor
    out["market_max"] = out["p75"] * factor
    out["compa_ratio"] = out["base_converted"] / out["market_mid"]
    width = out["market_max"] - out["market_min"]
    # A cell whose P25 equals its P75 has no range to penetrate: NaN, not infinity.
    out["range_penetration"] = (out["base_converted"] - out["market_min"]) / width.where(width > 0)
    out = out.drop(columns=[c for c in ["p25", "p50", "p75", *keys.values()]
                            if c in out and c not in keys])
    out.attrs["analyst_only"] = True
    return out


# --------------------------------------------------------------------------- fast path


def _sql_list(values: Iterable[str]) -> str:
    return ", ".join("'" + v.replace("'", "''") + "'" for v in sorted(values))


_EMPLOYER_KEYS = "workbench_employer_keys"


def _register_employer_keys(con, records_sql: str) -> str:
    """Register ``(company, employer)`` for every distinct company name in the records
    and return the relation's name: DuckDB counts companies by the same
    ``employer_key`` as pandas, computed once per distinct name (names repeat: a
    million records hold a few thousand employers) instead of once per row."""
    import pyarrow as pa

    names = [n for (n,) in con.execute(
        f"SELECT DISTINCT company FROM {records_sql} WHERE company IS NOT NULL").fetchall()]
    con.register(_EMPLOYER_KEYS, pa.table({
        "company": pa.array(names, pa.string()),
        "employer": pa.array(employer_keys(names), pa.string()),
    }))
    return _EMPLOYER_KEYS


def fast_table(store_dir=None, by=("role_family", "role_level"), currency="GBP", disclosure=None,
               *, connection=None) -> pd.DataFrame:
    """The benchmark percentile table straight over the Parquet parts with DuckDB.

    Same rules as ``pay_points(range_method="midpoint")`` + ``market_percentiles`` for
    base pay (first usable base/unspecified mention per record, midpoint, one-sided range
    uses the stated end; ``quantile_cont`` is type 7 like numpy), without the bootstrap.
    When the store's reporting currency differs from ``currency`` one current rate per
    currency is applied (``pay_points`` uses each mention's rate date instead).
    """
    import duckdb

    from workbench import store

    by = [by] if isinstance(by, str) else list(by)
    version = store.open_version(store_dir)  # checked against its manifest
    files = {}
    for name in ("records", "salaries"):
        files[name] = ", ".join("'" + f.as_posix().replace("'", "''") + "'" for f in version.files(name))
        if not files[name]:
            raise StoreError(f"No {name} in the store {version.root}; run `workbench ingest` first.")
    con = connection or duckdb.connect()
    rec = f"read_parquet([{files['records']}], union_by_name = true)"
    sal = f"read_parquet([{files['salaries']}], union_by_name = true)"
    keys = _register_employer_keys(con, rec)
    base_kinds = _sql_list(BASE_COMPONENTS)
    ccys = [r[0] for r in con.execute(f"SELECT DISTINCT reporting_currency FROM {sal} "
                                      "WHERE reporting_currency IS NOT NULL").fetchall()]
    rates = {}
    for c in ccys:
        if c.upper() == currency.upper():
            rates[c] = 1.0
        else:
            from workbench import fx
            rates[c] = float(fx.convert(1.0, c, currency, None).rate)
    fx_values = ", ".join(f"('{c}', {r!r})" for c, r in rates.items()) or "(NULL, NULL)"
    if len(rates) == 1:  # the usual store: one reporting currency, one constant factor
        (only_ccy, only_rate), = rates.items()
        ccy_pick = ""
        convert = f"b.mid * {only_rate!r}"
        fx_join = ""
        ccy_filter = f"AND reporting_currency = '{only_ccy}'"
    else:
        ccy_pick = ", arg_min(reporting_currency, idx) AS ccy"
        convert = "b.mid * f.rate"
        fx_join = "JOIN fxr f ON f.ccy = b.ccy"
        ccy_filter = ""
    by_sql = ", ".join(f'"{c}"' for c in by)
    by_sel = (by_sql + ", ") if by else ""
    group = f"GROUP BY {by_sql}" if by else ""
    join_on = " AND ".join(f'q."{c}" IS NOT DISTINCT FROM s."{c}"' for c in by) or "TRUE"
    query = f"""
    WITH fxr(ccy, rate) AS (VALUES {fx_values}),
    base AS (
        SELECT record_id,
               arg_min((coalesce(lo, hi) + coalesce(hi, lo)) / 2, idx) AS mid{ccy_pick}
        FROM (SELECT *,
                     CASE WHEN isfinite(annual_low_rc) AND annual_low_rc > 0 THEN annual_low_rc END AS lo,
                     CASE WHEN isfinite(annual_high_rc) AND annual_high_rc > 0 THEN annual_high_rc END AS hi
              FROM {sal})
        WHERE NOT coalesce(masked, false)
          AND (component IS NULL OR lower(trim(component)) IN ({base_kinds}))
          AND (lo IS NOT NULL OR hi IS NOT NULL)
          AND reporting_currency IS NOT NULL {ccy_filter}
        GROUP BY record_id
    ),
    pts AS MATERIALIZED (
        SELECT {by_sel} k.employer AS company, {convert} AS v
        FROM base b JOIN {rec} r USING (record_id) {fx_join}
        LEFT JOIN {keys} k ON k.company = r.company
    ),
    q AS (
        SELECT {by_sel} count(*) AS n,
               quantile_cont(v, [0.1, 0.25, 0.5, 0.75, 0.9]) AS qs, avg(v) AS mean
        FROM pts {group}
    ),
    c AS (SELECT {by_sel} company, count(*) AS k FROM pts GROUP BY ALL),
    s AS (SELECT {by_sel} max(k) AS top, count(company) AS n_sources FROM c {group})
    SELECT {', '.join(f'q."{c}"' for c in by) + ', ' if by else ''}q.n, s.n_sources,
           q.qs[1] AS p10, q.qs[2] AS p25, q.qs[3] AS p50, q.qs[4] AS p75, q.qs[5] AS p90,
           q.mean, s.top
    FROM q JOIN s ON {join_on}
    ORDER BY {', '.join(f'q."{c}"' for c in by) or 'q.n'}
    """
    try:
        out = con.execute(query).df()
    finally:
        con.unregister(keys)
    d = _disclosure(disclosure)
    reasons = [suppression_reason(int(n), int(k), float(t) / int(n), d)
               for n, k, t in zip(out["n"], out["n_sources"], out["top"])]
    out["suppressed"] = [r is not None for r in reasons]
    out["suppression_reason"] = pd.Series(reasons, dtype="str")
    pay = ["p10", "p25", "p50", "p75", "p90", "mean"]
    out.loc[out["suppressed"], pay] = np.nan
    out["currency"] = currency
    return out.drop(columns=["top"])


# --------------------------------------------------------------------------- CLI table


FORMATS = ("json", "csv", "table")


def resolve_by(by) -> list[str]:
    """Map CLI ``--by`` names to store columns (``role`` -> ``role_family``, ``level`` ->
    ``role_level``, ``location``/``market`` -> ``country``, ``city`` -> ``location``);
    store column names pass through. Accepts ``"role,level"`` or a sequence."""
    if isinstance(by, str):
        by = [b for b in by.split(",") if b.strip()]
    return [BY_ALIASES.get(b.strip().lower(), b.strip()) for b in by]


def benchmark_table(tables, by=("role", "level"), currency="GBP", format="table", *,
                    value="annual_base", range_method="midpoint", disclosure=None) -> pd.DataFrame:
    """The benchmark percentile table the CLI prints (``workbench bench``).

    ``by`` uses the CLI names (see ``resolve_by``). Adds ``role_label`` from
    ``config.LEVELS`` when grouping by level. ``format`` is checked here so a bad
    ``--format`` fails before any work; render with ``format_table(df, format)``.

    This table is meant to be shared, so it has no ``mean``: two cuts of the same
    postings (by level, and by level and location) would give a suppressed cell's pay
    away by plain subtraction (7 x the level's mean - 6 x the other location's mean).
    Percentiles of small cells can still be worked back in some cases (type 7 puts P50,
    P75 and P90 on or between known order statistics), so do not publish two cuts of the
    same few postings side by side; ``market_percentiles`` keeps the mean for analysts.
    """
    if format not in FORMATS:
        raise ParameterError(f"format must be one of {FORMATS}, got {format!r}.")
    columns = resolve_by(by)
    points = pay_points(tables, currency=currency, range_method=range_method)
    unknown = [c for c in columns if c not in points.columns]
    if unknown:
        raise ParameterError(f"Cannot group by {unknown}; use role, level, location or a "
                             f"column of the pay points ({', '.join(POINT_COLUMNS[:10])}).")
    table = market_percentiles(points, by=columns, value=value, disclosure=disclosure,
                               n_boot=config.SETTINGS.bootstrap_resamples,
                               seed=config.SETTINGS.random_seed)
    table = table.drop(columns=["mean"])
    if "role_level" in columns:
        at = columns.index("role_level") + 1
        labels = table["role_level"].map(lambda v: config.LEVELS.get(int(v)) if pd.notna(v) else None)
        table.insert(at, "level_label", labels.astype("str"))
    return table


def format_table(df: pd.DataFrame, fmt: str = "table") -> str:
    """Render a benchmark table as ``json`` (records, NaN -> null), ``csv`` or a text ``table``."""
    if fmt == "json":
        return json.dumps(json.loads(df.to_json(orient="records")), indent=2, ensure_ascii=False)
    if fmt == "csv":
        return df.to_csv(index=False)
    if fmt != "table":
        raise ParameterError(f"format must be one of {FORMATS}, got {fmt!r}.")
    shown = df.copy()
    money = [c for c in ["p10", "p25", "p50", "p75", "p90", "mean", "p50_ci_low", "p50_ci_high"]
             if c in shown]
    for c in money:
        shown[c] = shown[c].map(lambda v: "" if pd.isna(v) else f"{v:,.0f}")
    if "suppression_reason" in shown:
        shown["suppression_reason"] = shown["suppression_reason"].fillna("")
    return shown.to_string(index=False)


# --------------------------------------------------------------------------- listings


def _level_records(tables, level: int, market: str | None) -> pd.DataFrame:
    records = Tables.coerce(tables).records
    if records.empty:
        return records
    keep = pd.to_numeric(records["role_level"], errors="coerce") == level
    if _is_market_cut(market):
        keep &= _in_market(records, market)
    return records[keep.fillna(False)]


def level_postings(tables, *, level: int, market: str | None = None) -> pd.DataFrame:
    """Titles, companies and places of the postings at one level, without any pay.

    Recruiters see which employers and titles stand behind a figure; no single
    posting's pay is listed, so the disclosure rule on the figures still holds.
    """
    records = _level_records(tables, level, market)
    cols = ["title", "company", "location", "country"]
    if records.empty:
        return pd.DataFrame({c: pd.Series(dtype="str") for c in cols})
    return records[cols].sort_values(["company", "title"], na_position="last").reset_index(drop=True)


def example_responsibilities(tables, *, level: int, market: str | None = None,
                             per_category: int = 2) -> pd.DataFrame:
    """A few responsibility lines per taxonomy area at one level, as written in postings."""
    tables = Tables.coerce(tables)
    records = _level_records(tables, level, market)
    resp = tables.responsibilities
    cols = ["category", "text"]
    if records.empty or resp.empty:
        return pd.DataFrame({c: pd.Series(dtype="str") for c in cols})
    rows = resp[resp["record_id"].isin(records["record_id"])]
    rows = rows.sort_values(["category", "record_id", "idx"])
    return rows.groupby("category", sort=True).head(per_category)[cols].reset_index(drop=True)
