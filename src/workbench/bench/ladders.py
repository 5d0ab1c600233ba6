"""Ladders in the benchmarks: a cut by level never mixes the account and the sales ladder.

Levels are per family (``data/labelled/CONVENTIONS.md``, "Ladders"; ``config.LEVEL_NAMES``):
the account ladder's rung 2 is an Account Manager, the sales ladder's an Account Executive
selling against a quota, two different jobs. ``role_ladder`` (``account``, ``sales`` or
null) is derived from ``role_family`` by ``config.ladder_of``; where a figure is cut by
``role_level`` without ``role_family``, ``role_ladder`` joins the key.
"""

from __future__ import annotations

import pandas as pd

from workbench import config

__all__ = ["with_ladder", "ladder_by", "on_ladder", "rung_name"]


def with_ladder(frame: pd.DataFrame) -> pd.DataFrame:
    """``frame`` with ``role_ladder`` when it has ``role_family`` and no ``role_ladder`` yet."""
    if "role_ladder" in frame.columns or "role_family" not in frame.columns:
        return frame
    ladder = [config.ladder_of(f) if isinstance(f, str) else None for f in frame["role_family"]]
    return frame.assign(role_ladder=pd.Series(ladder, index=frame.index, dtype="object"))


def ladder_by(by, frame: pd.DataFrame | None = None) -> list[str]:
    """``by`` with ``role_ladder`` before ``role_level`` when it cuts by level without the
    family. Left as it is when ``frame`` can tell no ladder (no ``role_ladder`` or
    ``role_family`` column)."""
    by = [by] if isinstance(by, str) else list(by)
    if "role_level" not in by or "role_family" in by or "role_ladder" in by:
        return by
    if frame is not None and "role_ladder" not in frame.columns and "role_family" not in frame.columns:
        return by
    at = by.index("role_level")
    return [*by[:at], "role_ladder", *by[at:]]


def on_ladder(records: pd.DataFrame, ladder: str | None) -> pd.Series:
    """Rows of ``records`` whose family is on ``ladder`` (every row when ``ladder`` is None)."""
    if ladder is None or "role_family" not in records.columns:
        return pd.Series(True, index=records.index)
    return records["role_family"].map(lambda f: config.ladder_of(f) == ladder if isinstance(f, str) else False)


def rung_name(row: dict) -> str | None:
    """The name of a row's rung on its ladder (by ``role_family``, else ``role_ladder``,
    else the account ladder)."""
    level = row.get("role_level")
    if level is None or pd.isna(level):
        return None
    family = row.get("role_family")
    if isinstance(family, str):
        return config.level_name(family, int(level))
    ladder = row.get("role_ladder")
    return config.LADDERS.get(ladder if isinstance(ladder, str) else "account", {}).get(int(level))
