"""Compa-ratios: internal pay against the aged market (analyst-only), and their summary.

:func:`compa_ratios` holds named employees' pay and stays in the kernel; a page shows
only :func:`compa_summary` (counts per band and medians of large enough groups, under
rule 3 of :mod:`workbench.disclosure`).
"""

from __future__ import annotations

import datetime as _dt
import math
from pathlib import Path
from typing import Any, Iterable

import pandas as pd

from workbench import config
from workbench.bench.paypoints import fx_rates
from workbench.disclosure import count_text, small_counts
from workbench.errors import ParameterError, SchemaError, StoreError

__all__ = ["COMPA_BANDS", "INCUMBENT_COLUMNS", "band_counts", "compa_ratios", "compa_summary", "load_incumbents"]


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
    rate, warning = fx_rates(inc["currency"].astype("str").str.upper(),
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


COMPA_BANDS = (0.0, 0.8, 0.9, 1.0, 1.1, 1.2, math.inf)


def band_counts(values: Iterable[float], bands: Iterable[float] = COMPA_BANDS,
                *, min_cell: int = 5, label_format: str = "{lo:.2f}–{hi:.2f}") -> pd.DataFrame:
    """Count values per band, hidden by ``disclosure.small_counts`` (rule 3).

    Only counts are returned, never a value. A hidden count reads ``"<min_cell"``.
    """
    edges = list(bands)
    vals = [float(v) for v in values if v is not None and not math.isnan(float(v))]
    rows = []
    for lo, hi in zip(edges[:-1], edges[1:]):
        label = (f"{lo:.2f} and above" if math.isinf(hi) else label_format.format(lo=lo, hi=hi))
        rows.append({"band": label, "count": sum(lo <= v < hi for v in vals)})
    counts = [r["count"] for r in rows]
    hidden = small_counts(counts, min_cell)
    out = pd.DataFrame(rows)
    out["count"] = [count_text(0, min_cell) if i in hidden else str(c) for i, c in enumerate(counts)]
    out["suppressed"] = [i in hidden for i in range(len(counts))]
    return out


def compa_summary(compa: pd.DataFrame, *, by: str = "level", value: str = "compa_ratio", min_cell: int = 5,
                  bands: Iterable[float] = COMPA_BANDS) -> pd.DataFrame:
    """Aggregated compa-ratios per level: counts per band and the median, never a person.

    A level with fewer than ``min_cell`` people shows no median and no band counts;
    band counts below ``min_cell`` are hidden (:func:`band_counts`; rule 3 of
    :mod:`workbench.disclosure`).
    """
    edges = list(bands)
    rows = []
    for key, cell in compa.groupby(by, dropna=True, sort=True):
        vals = pd.to_numeric(cell[value], errors="coerce").dropna()
        row: dict[str, Any] = {by: key, "people": count_text(len(cell), min_cell),
                               "with market match": count_text(len(vals), min_cell)}
        counts = band_counts(vals, edges, min_cell=min_cell)
        if len(vals) >= min_cell:
            row["median compa-ratio"] = f"{vals.median():.2f}"
            for band, count in zip(counts["band"], counts["count"]):
                row[band] = count
        else:
            row["median compa-ratio"] = "suppressed"
            for band in counts["band"]:
                row[band] = "–"
        rows.append(row)
    return pd.DataFrame(rows)
