"""Compa-ratios: internal pay against the aged market (analyst-only), and their summary.

:func:`compa_ratios` holds named employees' pay and stays in the kernel; a page shows
only :func:`compa_summary` (counts per band and medians of large enough groups, under
rule 3 of :mod:`workbench.disclosure`).
"""

from __future__ import annotations

import datetime as _dt
import math
from typing import Any, Iterable

import pandas as pd

from workbench import config, fx, markets
from workbench import incumbents as incumbent_file
from workbench.bench.market import MARKET_UNKNOWN, market_label, resolve_market
from workbench.disclosure import count_text, median_band, small_counts
from workbench.errors import ParameterError

__all__ = ["COMPA_BANDS", "INCUMBENT_COLUMNS", "band_counts", "compa_ratios", "compa_summary", "incumbent_markets",
           "load_incumbents", "not_compared"]


INCUMBENT_COLUMNS = list(incumbent_file.COLUMNS)


def load_incumbents(path=None) -> pd.DataFrame:
    """Read the incumbent file (default ``config.INCUMBENTS``): analyst-only data.

    The usable rows of :func:`workbench.incumbents.read` (which checks the file with its
    pandera schema, refuses one without the required columns and lists the rows it leaves
    out): ``level`` an integer, ``base``/``bonus`` floats, ``hire_date`` a date.
    """
    return incumbent_file.read(path).frame


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


def incumbent_markets(incumbents: pd.DataFrame) -> pd.Series:
    """The market each person works in: a ``country`` column when the file has one, else
    the country of the parsed ``location`` (New York -> US), else the market of the pay
    ``currency`` (GBP -> GB); :data:`~workbench.bench.market.MARKET_UNKNOWN` when none
    tells."""
    from workbench import places

    frame = pd.DataFrame(incumbents)

    def one(country, location, currency) -> str:
        if isinstance(country, str) and country.strip():
            return market_label(country)
        if isinstance(location, str) and location.strip():
            found = places.parse_location(location).country
            if found:
                return market_label(found)
        return markets.market_of(currency) or MARKET_UNKNOWN

    column = {c: frame[c] if c in frame else pd.Series(None, index=frame.index, dtype="object")
              for c in ("country", "location", "currency")}
    return pd.Series([one(*v) for v in zip(column["country"], column["location"], column["currency"])],
                     index=frame.index, dtype="str")


def _convert_to_market(inc: pd.DataFrame, effective: _dt.date) -> pd.DataFrame:
    """``base_converted`` and ``fx_warning``: each person's base in their matched market's currency."""
    rate = pd.Series(float("nan"), index=inc.index)
    warning = pd.Series(pd.NA, index=inc.index, dtype="str")
    for ccy, rows in inc.groupby("market_currency").groups.items():
        conv = fx.rates(inc.loc[rows, "currency"], pd.Series(effective.isoformat(), index=rows), str(ccy))
        rate.loc[rows], warning.loc[rows] = conv["rate"], conv["warning"]
    return inc.assign(base_converted=inc["base"].astype("float64") * rate, fx_warning=warning)


def compa_ratios(incumbents, percentiles, *, effective_date, aging_rate=0.03, market_date=None,
                 keys=None, market=None) -> pd.DataFrame:
    """Compa-ratio and range penetration of each incumbent against aged market pay.

    ANALYST-ONLY: this table holds named employees' pay; never show it to recruiters or
    put it in a shared report.

    * Each person is compared only with their own market (:func:`incumbent_markets`):
      ``percentiles`` carry a ``market`` column (one market, or several from a cut of
      every market), else they are ``market``'s (default the settings' market). A New
      York employee is never converted into GB bands: people whose market has no
      figures here get no ratio and ``not_compared`` says why.
    * The market range for a cell is taken from the posting percentiles: P50 is the
      midpoint, P25 the range minimum and P75 the range maximum.
    * Market figures are aged from ``market_date`` to ``effective_date`` at
      ``aging_rate`` a year: ``factor = (1 + aging_rate) ** (days / 365.25)``.
      ``market_date`` defaults to a ``market_date`` column of ``percentiles`` if there is
      one, else to ``effective_date`` (no aging: percentiles from ``bench.market_cut``
      are aged already, posting by posting). ``effective_date`` None or ``""`` means
      today.
    * Pay in another currency than the market's (the percentiles' ``currency`` column,
      default ``SETTINGS.reporting_currency``) is converted with ``workbench.fx`` at
      ``effective_date`` (a London employee paid in dollars).
    * ``compa_ratio = base / aged P50``; ``range_penetration = (base - aged P25) /
      (aged P75 - aged P25)``. Suppressed cells give NaN.

    ``keys`` maps incumbent columns to percentile columns (default ``{"level":
    "role_level"}``); the market is always a key.
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
    if market_date is None and "market_date" in percentiles:
        stated = percentiles["market_date"].dropna()
        market_date = stated.iloc[0] if len(stated) else None
    aged_from = _as_date(market_date, "market_date") if market_date is not None else effective
    factor = (1 + aging_rate) ** ((effective - aged_from).days / 365.25)

    pct = percentiles.copy()
    if "market" not in pct:
        pct["market"] = resolve_market(market)
    if "currency" not in pct or pct["currency"].isna().all():
        pct["currency"] = config.SETTINGS.reporting_currency
    pct = pct[["market", *keys.values(), "p25", "p50", "p75", "currency"]].rename(
        columns={"currency": "market_currency"})
    keys = {"market": "market", **keys}
    if pct.duplicated(list(keys.values())).any():
        raise ParameterError(
            f"percentiles have several rows per {list(keys.values())}; filter them to one cut "
            "(e.g. one role_family) or pass keys= mapping more incumbent columns."
        )
    inc = pd.DataFrame(incumbents).copy()
    inc["market"] = incumbent_markets(inc)
    for k_inc, k_pct in keys.items():
        if pd.api.types.is_numeric_dtype(pct[k_pct]):
            inc[k_inc] = pd.to_numeric(inc[k_inc], errors="coerce").astype("float64")
            pct[k_pct] = pct[k_pct].astype("float64")
    out = inc.merge(pct, left_on=list(keys), right_on=list(keys.values()), how="left")
    for k_inc in keys:  # one market row per key (checked above): restore the input dtype
        if k_inc in pd.DataFrame(incumbents):
            out[k_inc] = pd.DataFrame(incumbents)[k_inc].to_numpy()
    shown = set(pct["market"])
    out["not_compared"] = [None if m in shown else f"works in market {m}: compared only with its own market, "
                           "which has no figures here" for m in out["market"]]
    out = _convert_to_market(out, effective)
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


def not_compared(compa: pd.DataFrame, *, min_cell: int = 5) -> pd.DataFrame:
    """People left out because their market has no figures here, counted per market
    (counts under ``min_cell`` hidden, rule 3 of :mod:`workbench.disclosure`)."""
    left = compa[compa["not_compared"].notna()] if "not_compared" in compa else compa.iloc[0:0]
    counts = left.groupby("market").size()
    return pd.DataFrame({"market": list(counts.index),
                         "people not compared": [count_text(int(c), min_cell) for c in counts]})


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
    """Aggregated compa-ratios per level: counts per band and the median's band, never a person.

    A level with fewer than ``min_cell`` people shows no median band and no band counts;
    band counts below ``min_cell`` are hidden (:func:`band_counts`); the median is given
    as the band it falls in, never as a value, since the median of an odd number of
    people is one person's ratio (rule 3 of :mod:`workbench.disclosure`).
    """
    edges = list(bands)
    rows = []
    for key, cell in compa.groupby(by, dropna=True, sort=True):
        vals = pd.to_numeric(cell[value], errors="coerce").dropna()
        row: dict[str, Any] = {by: key, "people": count_text(len(cell), min_cell),
                               "with market match": count_text(len(vals), min_cell)}
        counts = band_counts(vals, edges, min_cell=min_cell)
        row["median compa-ratio band"] = median_band(vals, edges, min_cell)
        if len(vals) >= min_cell:
            for band, count in zip(counts["band"], counts["count"]):
                row[band] = count
        else:
            for band in counts["band"]:
                row[band] = "–"
        rows.append(row)
    return pd.DataFrame(rows)
