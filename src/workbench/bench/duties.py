"""Duties behind the pay: time shares, responsibility coverage, and the postings of a level.

Every figure and every listing is gated on the postings that feed it
(:mod:`workbench.disclosure`, rules 1 and 5). Listings show titles, companies and duty
wording, never a single posting's pay, and only for a set of postings that passes.
"""

from __future__ import annotations

import math

import pandas as pd

from workbench.bench.ladders import ladder_by, on_ladder, with_ladder
from workbench.bench.load import Tables
from workbench.bench.paypoints import in_market, is_market_cut
from workbench.disclosure import check_postings, figure_fields

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


def _cell_keys(frame: pd.DataFrame, by: list[str]):
    """``(key tuple, cell)`` per cell of ``by`` (the whole frame when ``by`` is empty)."""
    if not by:
        return [((), frame)]
    return [(k if isinstance(k, tuple) else (k,), cell)
            for k, cell in frame.groupby(by, dropna=False, sort=True)]


def _withheld(by: list[str], key: tuple, check, columns: list[str]) -> dict:
    """The one row a suppressed cell keeps: its counts and the reason, no category, no figure."""
    row = {c: None for c in columns}
    row.update({**dict(zip(by, key)), **figure_fields(check)})
    return row


def time_shares(tables, by=("role_level",), *, level: float = 0.95, market: str | None = None,
                disclosure=None) -> pd.DataFrame:
    """Mean share of working time per taxonomy category, per cell of ``by``.

    Per record, shares of the same category are summed; a category a record's
    allocation does not mention counts as 0% for that record (allocations total 100%).
    The figures of a cell are fed by its records with a time allocation: ``n`` counts
    them and ``n_sources`` their employers. They are shown only when those postings pass
    disclosure control (``disclosure.check_cell``); a cell that fails keeps one row with
    its counts and the reason, and no category (which areas its postings mention is
    itself a fact about them). The interval is ``mean ± t(0.975, n-1) · sd / sqrt(n)``.
    Columns: ``by..., category, n, n_sources, mean_share, ci_low, ci_high, suppressed,
    suppression_reason`` (shares in percent). A cut by level is also cut by ladder
    (:mod:`workbench.bench.ladders`). ``market`` keeps that market's records only
    (a page's duties are of the page's market); None keeps every record.
    """
    from scipy import stats

    tables = Tables.coerce(tables)
    records = _market_records(tables, market)
    by = ladder_by(by, records)
    ta = tables.time_allocation
    columns = [*by, "category", "n", "n_sources", "mean_share", "ci_low", "ci_high", "suppressed",
               "suppression_reason"]
    if ta.empty or records.empty:
        return pd.DataFrame({c: pd.Series(dtype="float64") for c in columns})
    data = _with_by(ta[["record_id", "category", "share"]], records, by)
    data = data.assign(category=data["category"].fillna("uncategorised"))
    per_record = data.groupby(["record_id", "category"], as_index=False)["share"].sum()
    wide = per_record.pivot(index="record_id", columns="category", values="share").fillna(0.0)
    keys = _companies_by(records, by).reindex(wide.index)
    rows = []
    for key, cell_keys in _cell_keys(keys, by):
        cell = wide.loc[cell_keys.index]
        check = check_postings(cell_keys, disclosure)
        if check.suppressed:
            rows.append(_withheld(by, key, check, columns))
            continue
        n = len(cell)
        tcrit = stats.t.ppf(0.5 + level / 2, n - 1) if n > 1 else math.nan
        for category in cell.columns:
            values = cell[category].to_numpy(dtype="float64")
            mean = values.mean()
            half = tcrit * values.std(ddof=1) / math.sqrt(n) if n > 1 else math.nan
            rows.append({**dict(zip(by, key)), "category": category, **figure_fields(check),
                         "mean_share": mean,
                         # a share lives in [0, 100]; the t-interval can overshoot it
                         "ci_low": max(mean - half, 0.0), "ci_high": min(mean + half, 100.0)})
    return pd.DataFrame(rows, columns=columns)


def _companies_by(records: pd.DataFrame, by: list[str]) -> pd.DataFrame:
    """One row per record, indexed by ``record_id``: its ``by`` columns and its company."""
    cols = [*by, *(["company"] if "company" in records and "company" not in by else [])]
    return records.drop_duplicates("record_id").set_index("record_id")[cols]


# The responsibility lines as the duties' SQL reads them (:mod:`workbench.bench.sql`).
LINES = {"record_id": "VARCHAR", "category": "VARCHAR", "idx": "BIGINT", "text": "VARCHAR"}

# Of the records asked about (``_asked``), the rows that have at least one line.
_WITH_LINES = "SELECT row FROM _asked WHERE record_id IN (SELECT record_id FROM lines) ORDER BY row"
# Per cell of the records asked about: how many mention each category (distinct records).
_MENTIONING = ("SELECT a.cell, l.category, count(DISTINCT l.record_id) AS n FROM lines l "
               "JOIN _asked a USING (record_id) WHERE l.category IS NOT NULL GROUP BY a.cell, l.category")
# The first ``per_category`` lines of each category by record and position, in that order.
_EXAMPLES = ("SELECT category, text FROM (SELECT category, text, record_id, idx, row_number() OVER "
             "(PARTITION BY category ORDER BY record_id, idx) AS k FROM lines WHERE category IS NOT NULL "
             "AND record_id IN (SELECT record_id FROM _asked)) WHERE k <= $per ORDER BY category, record_id, idx")


def _lines(tables: Tables):
    """DuckDB with the view ``lines`` over the responsibility lines (loaded or in the store)."""
    from workbench.bench import sql

    return sql.connect(tables, "responsibilities", LINES, "lines")


def _no_lines(con) -> bool:
    return not con.execute("SELECT EXISTS (SELECT 1 FROM lines)").fetchall()[0][0]


def _with_lines(con, record_ids) -> list[int]:
    """Positions in ``record_ids`` of the records that have at least one responsibility line."""
    import numpy as np

    con.register("_asked", pd.DataFrame({"record_id": pd.Series(record_ids, dtype="object").astype("str"),
                                         "row": np.arange(len(record_ids))}))
    found = con.execute(_WITH_LINES).fetchnumpy()["row"]
    con.unregister("_asked")
    return [int(i) for i in found]


def _mentioning(con, cells: list[pd.DataFrame]) -> pd.DataFrame:
    """``cell`` (position in ``cells``), ``category``, ``n``: records of each cell mentioning it."""
    import numpy as np

    ids = np.concatenate([c.index.to_numpy(dtype="object") for c in cells]) if cells else np.array([], "object")
    codes = np.repeat(np.arange(len(cells)), [len(c) for c in cells])
    con.register("_asked", pd.DataFrame({"record_id": pd.Series(ids, dtype="object").astype("str"), "cell": codes}))
    out = con.execute(_MENTIONING).df()
    con.unregister("_asked")
    return out


def responsibility_coverage(tables, by=("role_level",), *, market: str | None = None,
                            disclosure=None) -> pd.DataFrame:
    """Share of postings whose duties were read that mention each responsibility category.

    The figures of a cell are fed by its records (roles in postings) with at least one
    responsibility line: ``n`` counts them (the denominator) and ``n_sources`` their
    employers. A posting whose duties were not read says nothing about them, so it is
    not counted as one that does not mention an area. A category no posting mentions is
    absent rather than 0. The figures are shown only when those postings pass disclosure
    control (``disclosure.check_cell``); a cell that fails keeps one row with its counts
    and the reason, and no category. Columns: ``by..., category, n, n_sources,
    n_mentioning, share_of_postings, suppressed, suppression_reason``. A cut by level is
    also cut by ladder; ``market`` keeps that market's records only (None: every record).
    The counts of lines come from DuckDB (:mod:`workbench.bench.sql`), over the loaded
    lines or over the store's when ``load(in_store=("responsibilities",))`` left them there.
    """
    tables = Tables.coerce(tables)
    records = _market_records(tables, market)
    by = ladder_by(by, records)
    columns = [*by, "category", "n", "n_sources", "n_mentioning", "share_of_postings", "suppressed",
               "suppression_reason"]
    con = _lines(tables)
    try:
        if records.empty or _no_lines(con):
            return pd.DataFrame({c: pd.Series(dtype="float64") for c in columns})
        read = _companies_by(records, by)
        read = read.iloc[_with_lines(con, read.index)]
        cells = _cell_keys(read, by)
        mentions = _mentioning(con, [cell for _, cell in cells])
    finally:
        con.close()
    rows = []
    for code, (key, cell) in enumerate(cells):
        check = check_postings(cell, disclosure)
        if check.suppressed:
            rows.append(_withheld(by, key, check, columns))
            continue
        mentioning = mentions[mentions["cell"] == code].sort_values("category")
        for category, count in zip(mentioning["category"], mentioning["n"]):
            rows.append({**dict(zip(by, key)), "category": category, **figure_fields(check),
                         "n_mentioning": int(count), "share_of_postings": int(count) / check.n})
    out = pd.DataFrame(rows, columns=columns)
    order = out.assign(_s=out["share_of_postings"].fillna(-1.0)).sort_values(
        [*by, "_s"], ascending=[True] * len(by) + [False], kind="stable").index
    return out.loc[order].reset_index(drop=True)


def _level_records(tables, level: int, market: str | None, ladder: str | None = "account") -> pd.DataFrame:
    records = Tables.coerce(tables).records
    if records.empty:
        return records
    keep = (pd.to_numeric(records["role_level"], errors="coerce") == level) & on_ladder(records, ladder)
    if is_market_cut(market):
        keep &= in_market(records, market)
    return records[keep.fillna(False)]


def level_postings(tables, *, level: int, market: str | None = None, ladder: str | None = "account",
                   disclosure=None) -> pd.DataFrame:
    """Titles, companies and places of the postings at one level of ``ladder``
    (``account`` by default; ``sales``; None for both), without any pay.

    Recruiters see which employers and titles stand behind a figure; no single
    posting's pay is listed. The list is given only when the postings at the level pass
    disclosure control as a set (rule 6 of :mod:`workbench.disclosure`); otherwise it is
    empty and ``attrs["suppression_reason"]`` says why (``attrs["n"]``,
    ``attrs["n_sources"]`` count the postings either way).
    """
    records = _level_records(tables, level, market, ladder)
    cols = ["title", "company", "location", "country"]
    empty = pd.DataFrame({c: pd.Series(dtype="str") for c in cols})
    check = check_postings(records, disclosure)
    if records.empty or check.suppressed:
        return _attach(empty, check)
    listed = records[cols].sort_values(["company", "title"], na_position="last").reset_index(drop=True)
    return _attach(listed, check)


def _attach(frame: pd.DataFrame, check) -> pd.DataFrame:
    frame.attrs.update(n=check.n, n_sources=check.n_sources, suppression_reason=check.reason)
    return frame


def example_responsibilities(tables, *, level: int, market: str | None = None,
                             per_category: int = 2, ladder: str | None = "account",
                             disclosure=None) -> pd.DataFrame:
    """A few responsibility lines per taxonomy area at one level of ``ladder``, as written in postings.

    Quoted only when the postings at the level whose duties were read pass disclosure
    control as a set (rule 6); otherwise empty, with ``attrs["suppression_reason"]``.
    The lines are the first ``per_category`` of each area by record id and position,
    picked by DuckDB (over the loaded lines or the store's, as in :func:`responsibility_coverage`).
    """
    tables = Tables.coerce(tables)
    records = _level_records(tables, level, market, ladder)
    cols = ["category", "text"]
    empty = pd.DataFrame({c: pd.Series(dtype="str") for c in cols})
    con = _lines(tables)
    try:
        if records.empty or _no_lines(con):
            return _attach(empty, check_postings(records.iloc[0:0], disclosure))
        read = records.iloc[_with_lines(con, records["record_id"])]
        check = check_postings(read, disclosure)
        if check.suppressed:
            return _attach(empty, check)
        con.register("_asked", pd.DataFrame({"record_id": records["record_id"].astype("str")}))
        rows = con.execute(_EXAMPLES, {"per": int(per_category)}).df()
    finally:
        con.close()
    return _attach(rows.astype({c: "str" for c in cols})[cols].reset_index(drop=True), check)
