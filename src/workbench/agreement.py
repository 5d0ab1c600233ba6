"""What every evaluation of a labelled set shares (data/labelled/CONVENTIONS.md): the
tune/holdout half a labelled row falls in, the Wilson interval of an agreement rate, and
how a labelled CSV is read (every cell a string; a missing file or column is an error that
says what to pass).

One home for these rules: the evaluations of pay, locations, titles, time splits and
documents import them from here.
"""

from __future__ import annotations

import hashlib
import math
from collections.abc import Sequence
from pathlib import Path

from workbench.errors import EvaluationError

__all__ = ["half", "wilson", "read_labels", "per_half", "TUNING_SETS", "TUNING_HALVES"]

# Whole-file tuning sets written after the first split (every row ``half=tune2``, e.g.
# data/labelled/pay_fields/pay_fields_2.csv; ``tune3`` … ``tune6`` for later sets): read like
# ``tune``, never scored as held out.
TUNING_SETS = ("tune2", "tune3", "tune4", "tune5", "tune6", "tune7", "tune8", "tune9", "tune10")
# The halves whose failing rows may be read while tuning.
TUNING_HALVES = ("tune", *TUNING_SETS)


def half(key: str) -> str:
    """``"tune"`` or ``"holdout"``: the labelled-set split of ``data/labelled/CONVENTIONS.md``.

    ``key`` is ``"<corpus>:<id>"`` for a row that points into a corpus and the
    labelled string itself for a team-written string. The split is decided by
    the key's SHA-1 alone, once, never by hand.
    """
    digest = hashlib.sha1(key.encode("utf-8")).hexdigest()
    return "tune" if int(digest[:8], 16) % 2 == 0 else "holdout"


def wilson(successes: int, n: int) -> tuple[float, float]:
    """Wilson's 95% score interval for a proportion (NaNs when ``n`` is 0)."""
    if n == 0:
        return (math.nan, math.nan)
    from statsmodels.stats.proportion import proportion_confint

    low, high = proportion_confint(successes, n, alpha=0.05, method="wilson")
    return float(low), float(high)


def read_labels(path: Path, columns: Sequence[str], *, absent: str, see: str = ""):
    """The labelled CSV at ``path`` as a DataFrame of strings (empty cells are ``""``).

    Raises :class:`EvaluationError` with ``absent`` when there is no such file, and with
    the columns it lacks (then ``see``, a pointer to the set's README) when a column of
    ``columns`` is missing."""
    import pandas as pd

    if not path.is_file():
        raise EvaluationError(absent)
    labels = pd.read_csv(path, dtype=str, keep_default_na=False)
    missing = [c for c in columns if c not in labels.columns]
    if missing:
        raise EvaluationError(
            f"{path} lacks the column(s) {', '.join(missing)}; expected {', '.join(columns)}{see}")
    return labels


def per_half(rows, measures: Sequence[str], halves: Sequence[str], *, label: str):
    """Agreement of each measure in each half: one row per (measure, half) with ``n``,
    ``agree``, ``rate`` (NaN when ``n`` is 0) and Wilson's 95% interval.

    ``rows`` holds a ``half`` column and a boolean ``<measure>_ok`` column per measure;
    ``label`` names the measure column of the result (``measure``, ``field`` ...)."""
    import pandas as pd

    out = []
    for measure in measures:
        for which in halves:
            part = rows[rows["half"] == which]
            n, agree = len(part), int(part[f"{measure}_ok"].sum())
            low, high = wilson(agree, n)
            out.append({label: measure, "half": which, "n": n, "agree": agree,
                        "rate": agree / n if n else float("nan"), "ci_low": low, "ci_high": high})
    return pd.DataFrame(out)
