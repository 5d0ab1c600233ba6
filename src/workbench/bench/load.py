"""Reading the store for the analytics: the tables as one record of DataFrames."""

from __future__ import annotations

from dataclasses import dataclass, field, fields
from pathlib import Path

import pandas as pd

from workbench import config, table_names
from workbench.errors import StoreError

__all__ = ["Tables", "load"]


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
    tables = Tables(**store.read_tables(table_names.ALL, store_dir))
    if tables.records.empty and tables.salaries.empty:
        raise StoreError(
            f"The store at {store_dir} has no records or salaries: none of its postings names an account "
            f"role. Ingest postings that do: {store.ingest_command(store_dir)}."
        )
    return tables
