"""Duties behind the pay: time shares, responsibility coverage, and the postings of a level.

Listings show titles, companies and duty wording, never a single posting's pay.
"""

from __future__ import annotations

import math

import pandas as pd

from workbench.bench.ladders import ladder_by, on_ladder, with_ladder
from workbench.bench.load import Tables
from workbench.bench.paypoints import in_market, is_market_cut

__all__ = ["example_responsibilities", "level_postings", "responsibility_coverage", "time_shares"]


def _with_by(frame: pd.DataFrame, records: pd.DataFrame, by: list[str]) -> pd.DataFrame:
    rec = records[["record_id", *by]].drop_duplicates("record_id")
    return frame.merge(rec, on="record_id", how="inner")


def _market_records(tables: Tables, market: str | None) -> pd.DataFrame:
    """The records of ``market`` (a code or alias; None, ``""`` or ``ALL`` keep every record)."""
    records = with_ladder(tables.records)
    if is_market_cut(market) and not records.empty:
        records = records[in_market(records, market).to_numpy()]
    return records


def time_shares(tables, by=("role_level",), *, level: float = 0.95, market: str | None = None) -> pd.DataFrame:
    """Mean share of working time per taxonomy category, per cell of ``by``.

    Per record, shares of the same category are summed; a category a record's
    allocation does not mention counts as 0% for that record (allocations total 100%).
    ``n`` is the number of records with a time allocation in the cell; the interval is
    ``mean ± t(0.975, n-1) · sd / sqrt(n)`` (NaN for n < 2). Columns: ``by..., category,
    mean_share, ci_low, ci_high, n`` (shares in percent). A cut by level is also cut by
    ladder (:mod:`workbench.bench.ladders`). ``market`` keeps that market's records only
    (a page's duties are of the page's market); None keeps every record.
    """
    from scipy import stats

    tables = Tables.coerce(tables)
    records = _market_records(tables, market)
    by = ladder_by(by, records)
    ta = tables.time_allocation
    columns = [*by, "category", "mean_share", "ci_low", "ci_high", "n"]
    if ta.empty:
        return pd.DataFrame({c: pd.Series(dtype="float64") for c in columns})
    data = _with_by(ta[["record_id", "category", "share"]], records, by)
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


def responsibility_coverage(tables, by=("role_level",), *, market: str | None = None) -> pd.DataFrame:
    """Share of records (roles in postings) mentioning each responsibility category.

    Denominator ``n``: all records in the cell (from the records table), so a category
    no record mentions is absent rather than 0. Columns: ``by..., category,
    n_mentioning, share_of_postings, n``. A cut by level is also cut by ladder;
    ``market`` keeps that market's records only (None: every record).
    """
    tables = Tables.coerce(tables)
    resp, records = tables.responsibilities, _market_records(tables, market)
    by = ladder_by(by, records)
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


def _level_records(tables, level: int, market: str | None, ladder: str | None = "account") -> pd.DataFrame:
    records = Tables.coerce(tables).records
    if records.empty:
        return records
    keep = (pd.to_numeric(records["role_level"], errors="coerce") == level) & on_ladder(records, ladder)
    if is_market_cut(market):
        keep &= in_market(records, market)
    return records[keep.fillna(False)]


def level_postings(tables, *, level: int, market: str | None = None, ladder: str | None = "account") -> pd.DataFrame:
    """Titles, companies and places of the postings at one level of ``ladder``
    (``account`` by default; ``sales``; None for both), without any pay.

    Recruiters see which employers and titles stand behind a figure; no single
    posting's pay is listed, so the disclosure rule on the figures still holds.
    """
    records = _level_records(tables, level, market, ladder)
    cols = ["title", "company", "location", "country"]
    if records.empty:
        return pd.DataFrame({c: pd.Series(dtype="str") for c in cols})
    return records[cols].sort_values(["company", "title"], na_position="last").reset_index(drop=True)


def example_responsibilities(tables, *, level: int, market: str | None = None,
                             per_category: int = 2, ladder: str | None = "account") -> pd.DataFrame:
    """A few responsibility lines per taxonomy area at one level of ``ladder``, as written in postings."""
    tables = Tables.coerce(tables)
    records = _level_records(tables, level, market, ladder)
    resp = tables.responsibilities
    cols = ["category", "text"]
    if records.empty or resp.empty:
        return pd.DataFrame({c: pd.Series(dtype="str") for c in cols})
    rows = resp[resp["record_id"].isin(records["record_id"])]
    rows = rows.sort_values(["category", "record_id", "idx"])
    return rows.groupby("category", sort=True).head(per_category)[cols].reset_index(drop=True)
