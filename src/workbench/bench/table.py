"""The benchmark table of ``workbench bench``: ``--by`` names, the table, its text formats."""

from __future__ import annotations

import json

import pandas as pd

from workbench import config
from workbench.bench.cuts import MarketCut, market_cut, percentiles_by_market, unknown_market_rows
from workbench.bench.ladders import rung_name
from workbench.bench.market import ALL
from workbench.bench.paypoints import POINT_COLUMNS
from workbench.disclosure import SHARED_TABLE_DROPS
from workbench.errors import ParameterError

__all__ = ["BY_ALIASES", "FORMATS", "RUNG", "benchmark_table", "format_table", "level_name", "resolve_by"]

# CLI ``--by`` names and the point columns they stand for. ``city`` and ``region`` are
# parsed from the posting's location (``workbench.places``); ``country`` is the posting's
# country (a euro-area market has several).
BY_ALIASES = {
    "role": "role_family",
    "family": "role_family",
    "level": "role_level",
    "market": "market",
    "country": "country",
    "city": "city",
    "region": "region",
}
# Every row of the table names its market and its rung.
RUNG = ["market", "role_family", "role_level"]

FORMATS = ("json", "csv", "table")


def resolve_by(by) -> list[str]:
    """Map CLI ``--by`` names to point columns (``role`` -> ``role_family``, ``level`` ->
    ``role_level``, ``city``, ``region``, ``country``); point column names pass through.
    Accepts ``"role,level"`` or a sequence. ``location`` is refused: it meant the
    country before ``city`` and ``region`` were parsed; ask for one of those."""
    if isinstance(by, str):
        by = [b for b in by.split(",") if b.strip()]
    names = [b.strip() for b in by]
    if any(n.lower() == "location" for n in names):
        raise ParameterError("--by location is ambiguous: use city (the parsed town or city), "
                             "region (UK ITL1 region, US state) or country.")
    return [BY_ALIASES.get(n.lower(), n) for n in names]


def level_name(family, level) -> str | None:
    """The name of a rung on its family's ladder (``config.level_name``; the account
    ladder when the family has none)."""
    return rung_name({"role_family": family, "role_level": level})


def _with_level_names(table: pd.DataFrame) -> pd.DataFrame:
    names = [rung_name(row) for row in table.to_dict("records")]
    at = list(table.columns).index("role_level") + 1
    table = table.copy()
    table.insert(at, "level_name", pd.Series(names, index=table.index, dtype="str"))
    return table


def _notes(cut: MarketCut, left_out: int) -> list[str]:
    notes = [cut.caption()]
    if left_out:
        notes.append(f"{left_out} posting{'s' if left_out != 1 else ''} with pay but no level "
                     f"{'is' if left_out == 1 else 'are'} left out: a row names its rung.")
    return notes


def benchmark_table(tables, by=("role", "level"), currency=None, format="table", *, market=None,
                    value="annual_base", range_method="midpoint", disclosure=None, as_of=None,
                    aging_rate=None) -> pd.DataFrame:
    """The benchmark percentile table the CLI prints (``workbench bench``).

    Every row is one market's and one rung's: ``market``, ``role_family``,
    ``role_level`` and ``level_name`` (the rung's name on its family's ladder) lead
    every row, then the ``by`` cuts (CLI names, see ``resolve_by``: ``city``,
    ``region``, ``country``). ``market`` is a code, ``ALL`` (one row per market, never a
    pool; records that name no country follow as counts-only "unknown" rows) or None
    (``config.SETTINGS.default_market``). The currency follows each market unless
    ``currency`` names one. Pay is aged to ``as_of`` (default today) from each posting's
    date (``n_undated`` postings are not aged; ``aging_min``/``aging_max`` are the factors
    applied). Postings with pay but no level are left out and counted. ``format`` is
    checked here so a bad ``--format`` fails before any work; render with
    ``format_table(df, format)``. ``table.attrs["notes"]`` says, in words, the market,
    currency, value and aging and what was left out.

    This table is meant to be shared, so it drops ``disclosure.SHARED_TABLE_DROPS`` (the
    mean; rule 4 of :mod:`workbench.disclosure` says why); ``market_percentiles`` keeps
    the mean for analysts.
    """
    if format not in FORMATS:
        raise ParameterError(f"format must be one of {FORMATS}, got {format!r}.")
    extra = [c for c in resolve_by(by) if c not in RUNG]
    cut = market_cut(tables, market=market, currency=currency, value=value, range_method=range_method,
                     as_of=as_of, aging_rate=aging_rate)
    points = cut.points
    unknown = [c for c in extra if c not in points.columns]
    if unknown:
        raise ParameterError(f"Cannot group by {unknown}; use role, level, city, region, country or a "
                             f"column of the pay points ({', '.join(POINT_COLUMNS[:10])}).")
    keys = ["role_family", "role_level", *extra]
    has_rung = points["role_level"].notna()
    table = percentiles_by_market(points[has_rung], by=keys, value=value, disclosure=disclosure,
                                  n_boot=config.SETTINGS.bootstrap_resamples, seed=config.SETTINGS.random_seed)
    if cut.market == ALL and len(cut.unknown):
        rows = unknown_market_rows(cut.unknown[cut.unknown["role_level"].notna()], by=keys, disclosure=disclosure)
        table = pd.concat([table, rows], ignore_index=True) if len(table) else rows
    table = _with_level_names(table.drop(columns=[c for c in SHARED_TABLE_DROPS if c in table]))
    if "n_undated" in table:
        table["n_undated"] = table["n_undated"].astype("Int64")
    table["value"] = value
    table.attrs["notes"] = _notes(cut, int((~has_rung).sum()))
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
    for c in [c for c in ("aging_min", "aging_max") if c in shown]:
        shown[c] = shown[c].map(lambda v: "" if pd.isna(v) else f"{v:.3f}")
    if "suppression_reason" in shown:
        shown["suppression_reason"] = shown["suppression_reason"].fillna("")
    return shown.to_string(index=False)
