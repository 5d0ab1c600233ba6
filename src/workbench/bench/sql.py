"""DuckDB over a table that is either loaded into pandas or left in the store.

A page of one market at 10^6 postings would hold millions of duty lines in pandas to
show a few dozen counts and a dozen quoted lines. ``bench.load(in_store=(...))`` leaves
such a table in the store; the analytics then ask DuckDB for their aggregates over it
(:func:`connect`). The same SQL runs over a loaded DataFrame (registered with DuckDB),
so a figure has one implementation whichever way its table came.
"""

from __future__ import annotations

from typing import Any, Mapping

import pandas as pd

__all__ = ["THREADS", "connect"]

# DuckDB's threads per query: the report's kernels already share the machine's cores.
THREADS = 2


def _frame_view(con: Any, name: str, frame: pd.DataFrame, columns: Mapping[str, str]) -> None:
    """View ``name`` over ``frame`` with ``columns`` (name -> DuckDB type; a missing one is NULL)."""
    present = [c for c in columns if c in frame.columns]
    part = frame[present] if present else pd.DataFrame({"_row": range(len(frame))})
    con.register(f"_frame_{name}", part)
    select = ", ".join(f'"{c}"' if c in present else f'CAST(NULL AS {kind}) AS "{c}"' for c, kind in columns.items())
    con.execute(f'CREATE VIEW "{name}" AS SELECT {select} FROM "_frame_{name}"')


def connect(tables: Any, name: str, columns: Mapping[str, str], view: str) -> Any:
    """A DuckDB connection with a view ``view`` holding ``columns`` of table ``name`` of ``tables``.

    When ``tables`` (a ``bench.Tables``) left ``name`` in the store (``tables.in_store``),
    the view reads the store's parts (:func:`workbench.store.connect`, after each part is
    checked against its sha256, as a read into pandas is); otherwise it is the loaded
    DataFrame (``columns`` maps each column to the DuckDB type it has when the frame
    lacks it: NULL). The caller registers its own small frames (the records it asks
    about) and closes the connection.
    """
    import duckdb

    from workbench import store

    if name in getattr(tables, "in_store", ()):
        store.verify_parts([name], tables.store_dir)
        con = store.connect(tables.store_dir)
        con.execute(f'CREATE TEMP VIEW "{view}" AS SELECT {", ".join(columns)} FROM "{name}"')
    else:
        con = duckdb.connect()
        _frame_view(con, view, getattr(tables, name), columns)
    con.execute(f"SET threads = {THREADS}").fetchall()
    return con
