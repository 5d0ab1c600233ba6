"""What every evaluation of a labelled set shares (data/labelled/CONVENTIONS.md): the
tune/holdout half a labelled row falls in, and the Wilson interval of an agreement rate.

One home for both rules: the evaluations of pay, locations, titles, time splits and
documents import them from here.
"""

from __future__ import annotations

import hashlib
import math

__all__ = ["half", "wilson"]


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
