"""Pay by place: London against the rest of the UK, and each region against its market.

Places are the ``city`` and ``region`` the location parser (:mod:`workbench.places`)
stored on each record: every London form is ``London``; UK regions are the twelve
ITL1 regions. Postings whose location names no city or region are counted, never
guessed into a place. Which cells may be shown is decided by :mod:`workbench.disclosure`.
"""

from __future__ import annotations

import math

import numpy as np
import pandas as pd

from workbench.disclosure import CellCheck, check_cell, complementary

__all__ = ["CAPITALS", "NO_PLACE", "capital_vs_rest", "regional_differentials"]

# The capital a market's pay is most often compared with, and the name of the rest.
CAPITALS = {"GB": ("London", "the rest of the UK")}
NO_PLACE = "place not stated"


def _companies(cell: pd.DataFrame) -> pd.Series:
    return cell["company"] if "company" in cell else pd.Series(None, index=cell.index, dtype="object")


def _valid(points: pd.DataFrame, value: str) -> pd.DataFrame:
    v = pd.to_numeric(points[value], errors="coerce")
    return points[np.isfinite(v) & (v > 0)]


def _figures(cell: pd.DataFrame, value: str) -> dict:
    p25, p50, p75 = np.percentile(cell[value].to_numpy(dtype="float64"), [25, 50, 75])
    return {"p25": float(p25), "p50": float(p50), "p75": float(p75)}


def capital_vs_rest(points: pd.DataFrame, *, market: str = "GB", value: str = "annual_base",
                    disclosure=None) -> pd.DataFrame:
    """"London vs the rest of the UK" for one cell of postings (e.g. one level of the GB market).

    Rows: the capital, the rest of the market (postings with a parsed city elsewhere),
    and, when there are any, the postings whose location names no city (counted, no figures). The capital
    and the rest are shown only when both pass the disclosure rule
    (:func:`workbench.disclosure.complementary`: beside the level's own figures, one
    shown half would tell about the other). Columns: ``place, n, n_sources, p25, p50,
    p75, pct_of_rest`` (the capital's median as % of the rest's), ``suppressed,
    suppression_reason``.
    """
    capital, rest_name = CAPITALS.get(market, (None, None))
    columns = ["place", "n", "n_sources", "p25", "p50", "p75", "pct_of_rest", "suppressed", "suppression_reason"]
    if capital is None:
        return pd.DataFrame(columns=columns)
    data = _valid(points, value)
    city = data["city"] if "city" in data else pd.Series(None, index=data.index, dtype="object")
    cells = {capital: data[city.eq(capital).fillna(False)],
             rest_name: data[city.notna() & city.ne(capital).fillna(False)]}
    checks = complementary([check_cell(_companies(c), disclosure) for c in cells.values()])
    rows = []
    for (place, cell), check in zip(cells.items(), checks):
        row = {"place": place, "n": check.n, "n_sources": check.n_sources, "suppressed": check.suppressed,
               "suppression_reason": check.reason}
        if not check.suppressed:
            row.update(_figures(cell, value))
        rows.append(row)
    if not checks[0].suppressed:
        rows[0]["pct_of_rest"] = 100.0 * rows[0]["p50"] / rows[1]["p50"]
    unplaced = data[city.isna()]
    if len(unplaced):
        rows.append({"place": NO_PLACE, "n": len(unplaced), "n_sources": check_cell(_companies(unplaced)).n_sources,
                     "suppressed": True, "suppression_reason": "counted only: the location names no city"})
    return pd.DataFrame(rows).reindex(columns=columns)


def regional_differentials(points: pd.DataFrame, *, within=("role_level",), value: str = "annual_base",
                           disclosure=None) -> pd.DataFrame:
    """Each region's median as % of the national median, with n (one market's points).

    Level by level (``within``): each posting's pay is divided by the national median
    of its cell of ``within`` (its level, across the whole market), and a region's
    differential is the median of those ratios x 100, so a region with more senior
    postings does not look better paid. ``within=()`` compares the region's median with
    the market's median directly. A national cell that fails disclosure gives no
    ratios (its postings are left out); each region passes the disclosure rule on the
    postings that feed its figure, else it keeps ``n`` and the reason. The first row is
    the market itself (100%); postings with no region are counted in their own row.

    Columns: ``region, n, n_sources, differential_pct, suppressed, suppression_reason``.
    """
    within = [within] if isinstance(within, str) else list(within)
    data = _valid(points, value)
    columns = ["region", "n", "n_sources", "differential_pct", "suppressed", "suppression_reason"]
    if data.empty:
        return pd.DataFrame(columns=columns)
    national = []
    for _, cell in (data.groupby(within, dropna=False) if within else [((), data)]):
        if check_cell(_companies(cell), disclosure).suppressed:
            continue
        national.append(cell.assign(_ratio=cell[value] / float(np.median(cell[value]))))
    ratios = pd.concat(national) if national else data.assign(_ratio=np.nan).iloc[0:0]
    whole = check_cell(_companies(ratios), disclosure)
    rows = [{"region": "national (whole market)", "n": whole.n, "n_sources": whole.n_sources,
             "differential_pct": 100.0 if not whole.suppressed else math.nan,
             "suppressed": whole.suppressed, "suppression_reason": whole.reason}]
    region = ratios["region"] if "region" in ratios else pd.Series(None, index=ratios.index, dtype="object")
    for name, cell in ratios.groupby(region.fillna(NO_PLACE), sort=True):
        check = check_cell(_companies(cell), disclosure)
        if name == NO_PLACE:  # no place to compare: counted only
            check = CellCheck(check.n, check.n_sources, "counted only: the location names no region")
        rows.append({"region": name, "n": check.n, "n_sources": check.n_sources,
                     "differential_pct": (100.0 * float(np.median(cell["_ratio"])) if not check.suppressed
                                          else math.nan),
                     "suppressed": check.suppressed, "suppression_reason": check.reason})
    left_out = len(data) - len(ratios)
    out = pd.DataFrame(rows, columns=columns)
    out.attrs["left_out"] = left_out
    return out
