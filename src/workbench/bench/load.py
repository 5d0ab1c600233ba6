"""Reading the store for the analytics: the tables as one record of DataFrames."""

from __future__ import annotations

from dataclasses import dataclass, field, fields
from pathlib import Path

import pandas as pd

from workbench import config, table_names
from workbench.errors import ParameterError, StoreError

__all__ = ["IN_STORE", "READS", "UNREAD", "Tables", "load"]

# Tables whose analytics can ask DuckDB over the store instead of reading them into pandas.
IN_STORE = ("responsibilities",)

# Whole texts the analytics never read: a posting's description and a record's full JSON.
# At 10^6 postings they are most of the store's bytes (about 1.3 GB and 2.8 GB in pandas),
# so ``load`` leaves them in the Parquet parts unless asked.
UNREAD = {"postings": ("text",), "records": ("record_json",)}

# The store columns each analytic reads, by table. A report loads the union of what its
# analytics read (``load(reads=...)``) and nothing else: at 10^6 postings a whole table
# set is gigabytes per kernel. A name added here must list every column the function
# reads, or its figures would be computed on missing columns (tests/test_bench_load.py runs
# each on its columns and on every column and compares). The cuts by record keep the
# employer and market columns too: disclosure counts employers, listings cut by market.
_RECORD_KEYS = ("record_id", "company", "country", "role_family", "role_level")
_PAY = {
    # amounts in each mention's own currency, converted at the posting's date (records)
    "salaries": ("record_id", "idx", "component", "masked", "annual_low", "annual_high", "currency"),
    "records": ("record_id", "posting_id", "company", "title", "role_family", "role_level", "role_label",
                "location", "country", "experience_min", "date_posted", "city", "region"),
}
# What the figures of pay points read of a record: no title, place or posting id (a page of
# every market's figures holds a million of those strings otherwise).
_FIGURE_RECORDS = ("record_id", "company", "country", "role_family", "role_level", "date_posted")
_FIGURES = {"salaries": _PAY["salaries"], "records": _FIGURE_RECORDS}
READS: dict[str, dict[str, tuple[str, ...]]] = {
    "pay_points": _PAY,
    "market_percentiles": _FIGURES,  # and level_structure, which reads the percentiles
    "pay_mix": _FIGURES,
    "regression": {"salaries": _PAY["salaries"], "records": (*_FIGURE_RECORDS, "experience_min")},
    "market_cut": _PAY,  # pay points in each currency of the market, aged
    "time_shares": {"time_allocation": ("record_id", "category", "share"), "records": _RECORD_KEYS},
    "responsibility_coverage": {"responsibilities": ("record_id", "category"), "records": _RECORD_KEYS},
    "example_responsibilities": {"responsibilities": ("record_id", "category", "idx", "text"),
                                 "records": _RECORD_KEYS},
    "level_postings": {"records": (*_RECORD_KEYS, "title", "location")},
    "coverage_table": {"postings": ("posting_id",), "records": ("record_id", "role_level"),
                       "salaries": ("record_id", "annual_low", "annual_high", "masked"),
                       "time_allocation": ("record_id",), "responsibilities": ("record_id",),
                       "skills": ("record_id",)},
    "fx_summary": _PAY,  # the rates that converted the page's pay points
    "rejects": {"rejects": ("source", "stage", "reason")},
}


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
    # Tables left in the store (``load(in_store=...)``): their DataFrame above stays empty
    # and the analytics that read them ask DuckDB over ``store_dir`` (:mod:`workbench.bench.sql`).
    in_store: tuple[str, ...] = ()
    store_dir: Path | None = None

    @classmethod
    def coerce(cls, obj) -> "Tables":
        """Accept a ``Tables``, a mapping of name -> DataFrame, or any object with those attributes."""
        if isinstance(obj, cls):
            return obj
        getter = obj.get if isinstance(obj, dict) else lambda name: getattr(obj, name, None)
        values = {}
        for f in fields(cls):
            if f.name in ("in_store", "store_dir"):
                continue
            value = getter(f.name)
            values[f.name] = pd.DataFrame() if value is None else pd.DataFrame(value)
        return cls(**values)


def _columns(reads, unread) -> dict[str, list[str]]:
    from workbench import schemas

    if reads is None:
        return {name: [c for c in schemas.columns(name) if c not in skip] for name, skip in unread.items()}
    unknown = sorted(set(reads) - set(READS))
    if unknown:
        raise ParameterError(f"load(reads=...) names no analytic {unknown}; name some of {sorted(READS)}, "
                             "or add the analytic and the columns it reads to bench.load.READS.")
    wanted: dict[str, set[str]] = {name: set() for name in table_names.ALL}
    for analytic in reads:
        for name, cols in READS[analytic].items():
            wanted[name].update(cols)
    return {name: [c for c in schemas.columns(name) if c in cols] for name, cols in wanted.items()}


def _kept(records: pd.DataFrame, market, unknown: bool):
    """Rows of ``records`` in ``market`` (and, with ``unknown``, those naming no country)."""
    from workbench.bench.market import MARKET_UNKNOWN, with_market
    from workbench.bench.paypoints import in_market

    keep = in_market(records, market)
    if unknown:
        keep = keep | with_market(records)["market"].eq(MARKET_UNKNOWN)
    return keep.to_numpy()


def _market_ids(market, unknown: bool = False):
    """The ``rows`` filter of ``store.read_tables`` keeping the items of ``market``'s records."""

    def ids(read):
        records = read.get("records")
        if records is None or records.empty:
            return None
        return "record_id", records.loc[_kept(records, market, unknown), "record_id"].tolist()

    return ids


def load(store_dir=None, *, reads=None, unread=UNREAD, market=None, unknown: bool = False,
         in_store: tuple[str, ...] = ()) -> Tables:
    """Read the store tables from ``store_dir`` (default ``config.PROCESSED``).

    ``reads`` (names from :data:`READS`, e.g. ``("pay_points", "time_shares")``) reads only
    the columns those analytics use; tables none of them reads come back empty with no
    columns. Without it every table is read except the columns named in ``unread``
    (table -> column names; default :data:`UNREAD`, the descriptions and record JSON;
    ``unread={}`` reads everything). ``market`` (a code such as ``GB``; None or ``ALL``:
    every market) keeps that market's records and only their pay mentions, time shares,
    duties and skills, filtered as the parts are read: the cut ``pay_points(market=)``
    and the duties' ``market=`` make, for a page that shows one market only; with
    ``unknown`` the records that name no country (the market unknown, which a page counts
    beside its market) are kept too. The store
    is checked against its manifest first (``store.read_tables``). Raises
    ``StoreError`` when the folder is not a store, fails that check, or holds neither
    records nor salaries (when either is read); tables without rows come back empty.
    ``in_store`` names tables (of :data:`IN_STORE`) to leave in the store, unread: the
    analytics that read them ask DuckDB over the store for what they show.
    """
    from workbench import store
    from workbench.bench.paypoints import is_market_cut

    store_dir = Path(store_dir) if store_dir is not None else config.PROCESSED
    columns = _columns(reads, unread)
    unknown_tables = sorted(set(in_store) - set(IN_STORE))
    if unknown_tables:
        raise ParameterError(f"load(in_store=...) names {unknown_tables}; only {list(IN_STORE)} can stay in the store.")
    names = [name for name in table_names.ALL
             if columns.get(name, True) and name not in in_store]  # a table nothing reads stays unread
    cut = is_market_cut(market)
    if cut and "records" in columns and "country" not in columns["records"]:
        columns["records"] = [*columns["records"], "country"]
    rows = {name: _market_ids(market, unknown) for name in table_names.PER_RECORD} if cut else None
    tables = Tables(**store.read_tables(names, store_dir, columns=columns, rows=rows))
    if {"records", "salaries"} & set(names) and tables.records.empty and tables.salaries.empty:
        raise StoreError(
            f"The store at {store_dir} has no records or salaries: none of its postings names an account "
            f"role. Ingest postings that do: {store.ingest_command(store_dir)}."
        )
    if cut and not tables.records.empty:
        tables.records = tables.records[_kept(tables.records, market, unknown)].reset_index(drop=True)
    tables.in_store, tables.store_dir = tuple(in_store), (store_dir if in_store else None)
    return tables
