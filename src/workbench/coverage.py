"""Extraction coverage counts, computed by DuckDB where the data live.

How many postings were ingested, how many roles (records) were found, and how many of
those records have a level, a pay mention, usable pay, a time allocation,
responsibilities and skills. One SQL statement (:data:`COUNTS_SQL`) computes them, either
over a store's Parquet parts (a store folder: :func:`workbench.store.connect`, so a
report holds eight numbers, not the tables) or over tables already loaded into pandas
(a ``bench.Tables`` or a mapping of DataFrames, registered with DuckDB). Both go through
the same statement, so the two can never disagree.

Definitions
-----------
* postings: distinct ``posting_id`` of ``postings``; records: distinct ``record_id`` of
  ``records`` (a loaded table without the id column counts its rows);
* records with a level: rows of ``records`` whose ``role_level`` is stated;
* records with a pay mention / a time allocation / responsibilities / skills: distinct
  ``record_id`` in ``salaries`` / ``time_allocation`` / ``responsibilities`` / ``skills``;
* records with usable pay: distinct ``record_id`` of the ``salaries`` rows not
  ``masked`` that state ``annual_low`` or ``annual_high`` (a NaN amount is not stated).
"""

from __future__ import annotations

import os
from typing import Any, Mapping

__all__ = ["COLUMNS", "COUNTS", "COUNTS_SQL", "counts"]

# The columns the statement reads, by table, with the DuckDB type a missing one gets.
COLUMNS: dict[str, dict[str, str]] = {
    "postings": {"posting_id": "VARCHAR"},
    "records": {"record_id": "VARCHAR", "role_level": "BIGINT"},
    "salaries": {"record_id": "VARCHAR", "annual_low": "DOUBLE", "annual_high": "DOUBLE", "masked": "BOOLEAN"},
    "time_allocation": {"record_id": "VARCHAR"},
    "responsibilities": {"record_id": "VARCHAR"},
    "skills": {"record_id": "VARCHAR"},
}

COUNTS = ("postings", "records", "with_level", "with_pay_mention", "with_usable_pay", "with_time_allocation",
          "with_responsibilities", "with_skills")


def _stated(column: str) -> str:
    return f"({column} IS NOT NULL AND NOT isnan({column}))"


COUNTS_SQL = f"""
SELECT
  (SELECT count(DISTINCT posting_id) FROM postings) AS postings,
  (SELECT count(DISTINCT record_id) FROM records) AS records,
  (SELECT count(*) FROM records WHERE {_stated('CAST(role_level AS DOUBLE)')}) AS with_level,
  (SELECT count(DISTINCT record_id) FROM salaries) AS with_pay_mention,
  (SELECT count(DISTINCT record_id) FROM salaries
     WHERE ({_stated('annual_low')} OR {_stated('annual_high')}) AND NOT coalesce(masked, false))
     AS with_usable_pay,
  (SELECT count(DISTINCT record_id) FROM time_allocation) AS with_time_allocation,
  (SELECT count(DISTINCT record_id) FROM responsibilities) AS with_responsibilities,
  (SELECT count(DISTINCT record_id) FROM skills) AS with_skills
"""


def _frame_of(tables: Any, name: str) -> Any:
    import pandas as pd

    frame = tables.get(name) if isinstance(tables, Mapping) else getattr(tables, name, None)
    return pd.DataFrame() if frame is None else pd.DataFrame(frame)


def _register(con: Any, name: str, frame: Any) -> None:
    """View ``name`` over ``frame``'s columns of :data:`COLUMNS` (a missing one is NULL;
    a missing id of ``postings``/``records`` numbers the rows, so they are still counted)."""
    import numpy as np

    wanted = COLUMNS[name]
    present = [c for c in wanted if c in frame.columns]
    part = frame[present].copy()
    own_id = {"postings": "posting_id", "records": "record_id"}.get(name)
    if own_id and own_id not in part.columns:
        part[own_id] = np.arange(len(frame)).astype(str)
        present.append(own_id)
    if not present:
        part = part.assign(_row=np.zeros(len(frame), dtype="int8"))
    con.register(f"_frame_{name}", part)
    select = ", ".join(f'"{c}"' if c in present else f'CAST(NULL AS {kind}) AS "{c}"' for c, kind in wanted.items())
    con.execute(f'CREATE VIEW "{name}" AS SELECT {select} FROM "_frame_{name}"')


def counts(source: Any) -> dict[str, int]:
    """The coverage counts (:data:`COUNTS`) of a store folder or of loaded tables.

    ``source`` is a store folder (``str`` or path: the query runs over its parts,
    :func:`workbench.store.connect`, after each is checked against its sha256) or a ``bench.Tables``, an object with those
    attributes, or a mapping of table name -> DataFrame (absent tables count nothing).
    """
    import duckdb

    from workbench import store

    if isinstance(source, (str, os.PathLike)):
        store.verify_parts(COLUMNS, source)  # as a read into pandas would
        con = store.connect(source)
    else:
        con = duckdb.connect()
        for name in COLUMNS:
            _register(con, name, _frame_of(source, name))
    try:
        row = con.execute(COUNTS_SQL).fetchone()
    finally:
        con.close()
    return {name: int(value) for name, value in zip(COUNTS, row)}
