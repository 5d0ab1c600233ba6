"""Pay points: one row per record with usable base pay, in one currency per year.

How a record's pay mentions become its base, total target cash and variable pay is
stated in :func:`pay_points`; which mention components count as base, OTE, variable or
allowance is in the ``*_COMPONENTS`` sets below. Money is converted here, once: the
store keeps each mention's annual amounts in its own currency, and :func:`pay_points`
converts them to the requested currency at each posting's date (:func:`workbench.fx.rates`,
one look-up per distinct currency and date), carrying the rate and its date on every point.
"""

from __future__ import annotations

import math

import numpy as np
import pandas as pd

from workbench import fx
from workbench.bench.ladders import with_ladder
from workbench.bench.load import Tables
from workbench.bench.market import ALL, resolve_market, with_market
from workbench.errors import ParameterError, SchemaError

__all__ = ["ALLOWANCE_COMPONENTS", "BASE_COMPONENTS", "OTE_COMPONENTS", "POINT_COLUMNS", "RANGE_METHODS",
           "TOTAL_COMPONENTS", "VALUES", "VARIABLE_COMPONENTS", "conversion_note", "in_market", "is_market_cut",
           "pay_points"]

RANGE_METHODS = ("midpoint", "uniform")

# Salary ``component`` values (lower-cased) and how pay_points reads them. Anything
# else (equity, benefits, "up to x% bonus" without an amount) is ignored for pay.
BASE_COMPONENTS = frozenset({"base", "unspecified", "salary", "basic", ""})
OTE_COMPONENTS = frozenset({"ote", "on_target_earnings", "on-target earnings", "on_target"})
VARIABLE_COMPONENTS = frozenset({"bonus", "commission", "variable", "incentive"})
ALLOWANCE_COMPONENTS = frozenset({"allowance", "car", "car_allowance", "car allowance"})
# A package or total figure ("Package: £32K - £38K"): base plus unknown extras, never base.
TOTAL_COMPONENTS = frozenset({"total", "package", "total_package"})

# The pay values a benchmark may be of: base (the default), total target cash, and base
# where stated or else the package figure (an analyst's choice; the page says so).
VALUES = ("annual_base", "annual_ttc", "annual_base_or_package")

POINT_COLUMNS = [
    "record_id", "posting_id", "company", "title", "role_family", "role_level", "role_ladder", "role_label",
    "location", "country", "experience_min", "date_posted", "annual_base", "annual_base_low",
    "annual_base_high", "annual_ttc", "annual_variable", "annual_allowance", "has_variable",
    "currency", "range_method", "posted_currency", "fx_rate", "rate_date", "fx_warning", "city", "region",
    "annual_package", "annual_base_or_package",
]


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
    if text in TOTAL_COMPONENTS:
        return "total"
    return "other"


def is_market_cut(market: str | None) -> bool:
    """Whether ``market`` names one market (``None``, ``""`` and ``"ALL"`` mean every market)."""
    return bool(market) and str(market).upper() != ALL


def in_market(frame: pd.DataFrame, market: str) -> pd.Series:
    """Rows of ``frame`` whose ``country`` belongs to ``market`` (a code or alias: ``UK`` is
    ``GB``; a euro-area country is in ``EU``). An unknown market (``"London"``) raises
    ``ParameterError`` naming the valid ones, never an empty cut."""
    wanted = resolve_market(market)
    return with_market(frame)["market"].eq(wanted)


def _posting_dates(salaries: pd.DataFrame, records: pd.DataFrame) -> pd.Series:
    """Each mention's posting date (``records.date_posted`` by ``record_id``), or missing."""
    if records.empty or not {"record_id", "date_posted"} <= set(records.columns):
        return pd.Series(None, index=salaries.index, dtype="object")
    dates = records.drop_duplicates("record_id").set_index("record_id")["date_posted"]
    return salaries["record_id"].map(dates)


def _conversions(salaries: pd.DataFrame, records: pd.DataFrame, stated: pd.Series,
                 currency: str) -> pd.DataFrame:
    """Per mention: ``posted`` currency, and for mentions with a stated amount the ``rate``
    into ``currency``, its ``rate_date`` and ``warning`` (NaN/missing elsewhere)."""
    posted = salaries["currency"].astype("str").str.upper()
    out = pd.DataFrame({"posted": posted, "rate": np.nan,
                        "rate_date": pd.Series(pd.NA, index=salaries.index, dtype="str"),
                        "warning": pd.Series(pd.NA, index=salaries.index, dtype="str")})
    if stated.any():
        found = fx.rates(posted[stated], _posting_dates(salaries[stated], records), currency)
        out.loc[stated, ["rate", "rate_date", "warning"]] = found[["rate", "rate_date", "warning"]]
    return out


def conversion_note(points: pd.DataFrame) -> str:
    """How ``points`` were converted, in words: per posted currency, the range of rates and
    of their ECB dates and the number of points ("RUB->GBP 0.0089-0.0102 (rates of
    2021-03-01 to 2024-05-02, 57 points)"); "" when none was converted."""
    if points.empty or "posted_currency" not in points:
        return ""
    moved = points[points["posted_currency"].ne(points["currency"]) & points["fx_rate"].notna()]
    notes = []
    for posted, cell in moved.groupby("posted_currency", sort=True):
        rate, day = cell["fx_rate"], cell["rate_date"].dropna()
        rates = f"{rate.min():.4g}" if rate.min() == rate.max() else f"{rate.min():.4g}-{rate.max():.4g}"
        days = (f"rate of {day.min()}" if day.min() == day.max() else f"rates of {day.min()} to {day.max()}"
                ) if len(day) else "no rate date"
        notes.append(f"{posted}->{cell['currency'].iloc[0]} {rates} ({days}, {len(cell)} points)")
    return "; ".join(notes)


def _empty_points() -> pd.DataFrame:
    return pd.DataFrame({**{c: pd.Series(dtype="float64") for c in POINT_COLUMNS},
                         "base_idx": pd.Series(dtype="Int64")})


def pay_points(tables, *, currency: str = "GBP", range_method: str = "midpoint",
               market: str | None = None, package_only: bool = False) -> pd.DataFrame:
    """One row per record with usable base pay, in ``currency`` per year.

    Rules
    -----
    * ``market`` (ISO country such as ``"GB"``; ``None`` or ``"ALL"`` for every market)
      keeps only records from that market. A benchmark compares like with like: roubles
      or yuan converted to pounds are not a UK market rate, so reports cut by market and
      keep cross-market comparisons to the regression, which has a market term.
    * Usable mention: not ``masked``, at least one of ``annual_low`` / ``annual_high``
      stated as a positive finite number (zero, negative or infinite amounts count as
      unstated), and a currency with a rate into ``currency``. The store keeps amounts
      in the mention's own currency; they are converted here, once, at the ECB rate of
      the posting's date (the latest rate when it is undated), one look-up per distinct
      (currency, date) (:func:`workbench.fx.rates`). Every point carries the base
      mention's ``posted_currency``, the ``fx_rate`` applied, its ``rate_date`` and any
      ``fx_warning`` (no rate on that date, the nearest used; or no rate at all).
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
    * Package figures: ``annual_package`` is the first usable ``total`` mention's
      midpoint ("Package: £32K - £38K"); it never counts as base. ``annual_base_or_package``
      is the base, or, for a record whose only figure is a package, the package.
      Such records are left out unless ``package_only`` is true; then they are added
      with ``annual_base`` and ``annual_ttc`` missing, so only a benchmark of
      ``annual_base_or_package`` counts them.
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
    need = {"record_id", "annual_low", "annual_high", "currency"}
    missing = need - set(salaries.columns)
    if missing:
        raise SchemaError(f"salaries table lacks columns {sorted(missing)}; rebuild the store.")

    component = (salaries["component"] if "component" in salaries
                 else pd.Series(None, index=salaries.index, dtype="object"))
    comp_codes, uniques = pd.factorize(component, use_na_sentinel=True)
    kinds = np.array([_component_kind(u) for u in uniques] + ["base"], dtype=object)
    # Work on integer codes only: string joins and copies are slow at a million rows.
    codes, record_ids = pd.factorize(salaries["record_id"].astype("str"))
    low = pd.to_numeric(salaries["annual_low"], errors="coerce").astype("float64")
    high = pd.to_numeric(salaries["annual_high"], errors="coerce").astype("float64")
    # An amount that is not a positive finite number is not pay: that end counts as unstated.
    low = low.where(np.isfinite(low) & (low > 0))
    high = high.where(np.isfinite(high) & (high > 0))
    conv = _conversions(salaries, records, low.notna() | high.notna(), currency)
    lo = (low.fillna(high) * conv["rate"]).to_numpy(dtype="float64")
    hi = (high.fillna(low) * conv["rate"]).to_numpy(dtype="float64")
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
    package = np.full(n_rec, np.nan)
    pkg_rows = first("total")
    package[pkg_rows["code"].to_numpy()] = pkg_rows["mid"].to_numpy()
    if package_only:  # records whose only usable figure is a package: base missing, package kept
        alone = pkg_rows[~pkg_rows["code"].isin(base["code"])]
        base = pd.concat([base, alone.assign(lo=np.nan, hi=np.nan, mid=np.nan, idx=np.nan)])
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
    cash = np.where(np.isnan(annual_base), np.nan, cash)  # a package-only record has no stated base
    out = pd.DataFrame({
        "record_id": pd.Series(record_ids[at], dtype="str"),
        "annual_base": annual_base,
        "annual_base_low": base["lo"].to_numpy(),
        "annual_base_high": base["hi"].to_numpy(),
        "annual_ttc": cash + np.nan_to_num(allowance),
        "annual_variable": np.where(~np.isnan(ote) | var_stated, cash - annual_base, np.nan),
        "annual_allowance": allowance,
        "annual_package": package[at],
        "annual_base_or_package": np.where(np.isnan(annual_base), package[at], annual_base),
        "has_variable": has_variable[at],
        "currency": currency,
        "range_method": range_method,
        "posted_currency": pd.Series(conv["posted"].to_numpy()[base["row"].to_numpy()], dtype="str"),
        "fx_rate": conv["rate"].to_numpy()[base["row"].to_numpy()],
        "rate_date": pd.Series(conv["rate_date"].to_numpy()[base["row"].to_numpy()], dtype="str"),
        "fx_warning": pd.Series(conv["warning"].to_numpy()[base["row"].to_numpy()], dtype="str"),
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
    out = with_ladder(out.drop(columns="role_ladder")) if out["role_ladder"].isna().all() else out
    if is_market_cut(market):
        out = out[in_market(out, market)].reset_index(drop=True)
    return out[POINT_COLUMNS + [c for c in out.columns if c not in POINT_COLUMNS]]
