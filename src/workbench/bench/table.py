"""The benchmark table of ``workbench bench``: ``--by`` names, the table, its text formats."""

from __future__ import annotations

import json

import pandas as pd

from workbench import config
from workbench.bench.ladders import rung_name
from workbench.bench.paypoints import POINT_COLUMNS, pay_points
from workbench.bench.stats import market_percentiles
from workbench.disclosure import SHARED_TABLE_DROPS
from workbench.errors import ParameterError

__all__ = ["BY_ALIASES", "FORMATS", "benchmark_table", "format_table", "resolve_by"]

# CLI ``--by`` names and the store columns they stand for.
BY_ALIASES = {
    "role": "role_family",
    "family": "role_family",
    "level": "role_level",
    "location": "country",
    "market": "country",
    "country": "country",
    "city": "location",
}

FORMATS = ("json", "csv", "table")


def resolve_by(by) -> list[str]:
    """Map CLI ``--by`` names to store columns (``role`` -> ``role_family``, ``level`` ->
    ``role_level``, ``location``/``market`` -> ``country``, ``city`` -> ``location``);
    store column names pass through. Accepts ``"role,level"`` or a sequence."""
    if isinstance(by, str):
        by = [b for b in by.split(",") if b.strip()]
    return [BY_ALIASES.get(b.strip().lower(), b.strip()) for b in by]


def benchmark_table(tables, by=("role", "level"), currency="GBP", format="table", *,
                    value="annual_base", range_method="midpoint", disclosure=None) -> pd.DataFrame:
    """The benchmark percentile table the CLI prints (``workbench bench``).

    ``by`` uses the CLI names (see ``resolve_by``). Adds ``level_label``, the rung's name
    on its family's ladder (``config.LEVEL_NAMES``), when grouping by level. ``format`` is checked here so a bad
    ``--format`` fails before any work; render with ``format_table(df, format)``.

    This table is meant to be shared, so it drops ``disclosure.SHARED_TABLE_DROPS`` (the
    mean; rule 4 of :mod:`workbench.disclosure` says why); ``market_percentiles`` keeps
    the mean for analysts.
    """
    if format not in FORMATS:
        raise ParameterError(f"format must be one of {FORMATS}, got {format!r}.")
    columns = resolve_by(by)
    points = pay_points(tables, currency=currency, range_method=range_method)
    unknown = [c for c in columns if c not in points.columns]
    if unknown:
        raise ParameterError(f"Cannot group by {unknown}; use role, level, location or a "
                             f"column of the pay points ({', '.join(POINT_COLUMNS[:10])}).")
    table = market_percentiles(points, by=columns, value=value, disclosure=disclosure,
                               n_boot=config.SETTINGS.bootstrap_resamples,
                               seed=config.SETTINGS.random_seed)
    table = table.drop(columns=list(SHARED_TABLE_DROPS))
    if "role_level" in columns:
        at = list(table.columns).index("role_level") + 1
        labels = [rung_name(row) for row in table.to_dict("records")]
        table.insert(at, "level_label", pd.Series(labels, index=table.index, dtype="str"))
    return table


def format_table(df: pd.DataFrame, fmt: str = "table") -> str:
    """Render a benchmark table as ``json`` (records, NaN -> null), ``csv`` or a text ``table``."""
    if fmt == "json":
        return json.dumps(json.loads(df.to_json(orient="records")), indent=2, ensure_ascii=False)
    if fmt == "csv":
        return df.to_csv(index=False)
    if fmt != "table":
        raise ParameterError(f"format must be one of {FORMATS}, got {fmt!r}.")
    shown = df.copy()
    money = [c for c in ["p10", "p25", "p50", "p75", "p90", "mean", "p50_ci_low", "p50_ci_high"]
             if c in shown]
    for c in money:
        shown[c] = shown[c].map(lambda v: "" if pd.isna(v) else f"{v:,.0f}")
    if "suppression_reason" in shown:
        shown["suppression_reason"] = shown["suppression_reason"].fillna("")
    return shown.to_string(index=False)
