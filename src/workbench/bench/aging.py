"""Aging: market pay moved from each posting's date to a report's as-of date.

A posting advertised in August says what the market paid in August; a report dated
December compares it with pay in December. Each dated posting's money is multiplied by

    factor = (1 + rate) ** (days / 365.25),   days = as_of - date_posted

(``rate`` a year, ``config.SETTINGS.aging_rate`` unless given; a posting dated after
the as-of date gets a factor below 1). A posting with no date is **not aged** and never
gets an invented date: its factor is missing and it is counted as undated, so a page
can say "12 of 24 postings undated, not aged". The caption (:func:`aging_caption`) states
the factors actually applied, read back from the points, never the rate alone.
"""

from __future__ import annotations

import datetime as _dt
import math
from dataclasses import dataclass

import numpy as np
import pandas as pd

from workbench import config
from workbench.errors import ParameterError

__all__ = ["AGED_COLUMNS", "AgingSummary", "age_points", "aging_caption", "aging_summary", "as_of_date"]

# Money columns of the pay points that are aged (those present).
AGED_COLUMNS = ("annual_base", "annual_base_low", "annual_base_high", "annual_ttc", "annual_variable",
                "annual_allowance", "annual_package", "annual_base_or_package")


def as_of_date(as_of) -> _dt.date:
    """The as-of date: a date, a ``YYYY-MM-DD`` string, or None/``""`` for today."""
    if as_of is None or (isinstance(as_of, str) and not as_of.strip()):
        return _dt.date.today()
    if isinstance(as_of, _dt.datetime):
        return as_of.date()
    if isinstance(as_of, _dt.date):
        return as_of
    try:
        return _dt.date.fromisoformat(str(as_of).strip()[:10])
    except ValueError as exc:
        raise ParameterError(f"as-of date {as_of!r} is not a date; write it as YYYY-MM-DD.") from exc


def _days_before(dates: pd.Series, as_of: _dt.date) -> pd.Series:
    """Days from each posting date to ``as_of`` (NaN where the date is missing or unreadable)."""
    parsed = pd.to_datetime(dates.astype("object").where(dates.notna(), None), errors="coerce",
                            format="ISO8601")
    return (pd.Timestamp(as_of) - parsed).dt.days.astype("float64")


def age_points(points: pd.DataFrame, *, as_of=None, rate: float | None = None) -> pd.DataFrame:
    """``points`` with their money aged to ``as_of`` at ``rate`` a year from each ``date_posted``.

    Adds ``aging_factor`` (NaN for an undated posting, whose money is left as it was),
    ``aged_to`` (the as-of date, ISO) and ``aging_rate``. Money columns are those of
    :data:`AGED_COLUMNS` present in ``points``.
    """
    rate = config.SETTINGS.aging_rate if rate is None else float(rate)
    if not math.isfinite(rate) or rate <= -1:
        raise ParameterError(f"aging rate {rate!r} must be a number above -1 (0.03 is 3% a year).")
    day = as_of_date(as_of)
    dates = points["date_posted"] if "date_posted" in points else pd.Series(None, index=points.index)
    factor = (1.0 + rate) ** (_days_before(dates, day) / 365.25)
    out = points.assign(aging_factor=factor.to_numpy(), aged_to=day.isoformat(), aging_rate=rate)
    applied = factor.fillna(1.0).to_numpy()
    for column in AGED_COLUMNS:
        if column in out:
            out[column] = pd.to_numeric(out[column], errors="coerce").astype("float64") * applied
    return out


@dataclass(frozen=True)
class AgingSummary:
    """What aging did to a set of points: counts and the factors actually applied."""

    as_of: str
    rate: float
    n: int
    n_dated: int
    factor_min: float
    factor_median: float
    factor_max: float

    @property
    def n_undated(self) -> int:
        return self.n - self.n_dated


def aging_summary(points: pd.DataFrame) -> AgingSummary:
    """Counts and applied factors of aged points (from :func:`age_points`)."""
    if "aging_factor" not in points:
        raise ParameterError("these pay points were not aged; pass them through bench.age_points first.")
    factors = pd.to_numeric(points["aging_factor"], errors="coerce").dropna().to_numpy(dtype="float64")
    as_of = str(points["aged_to"].iloc[0]) if len(points) else ""
    rate = float(points["aging_rate"].iloc[0]) if len(points) else math.nan
    stats = (float(factors.min()), float(np.median(factors)), float(factors.max())) if factors.size \
        else (math.nan, math.nan, math.nan)
    return AgingSummary(as_of, rate, len(points), int(factors.size), *stats)


def _factor_text(s: AgingSummary) -> str:
    if round(s.factor_min, 3) == round(s.factor_max, 3):
        return f"factor {s.factor_min:.3f}"
    return f"factors {s.factor_min:.3f} to {s.factor_max:.3f} (median {s.factor_median:.3f})"


def aging_caption(summary: AgingSummary) -> str:
    """The aging in words, with the factors applied and the undated postings counted:
    "Aged to 2026-12-06 at 3.0% a year from each posting's date: factors 1.002 to 1.009
    (median 1.006) on 38 dated postings; 70 of 108 postings undated, not aged."."""
    s = summary
    head = f"Aged to {s.as_of} at {s.rate:.1%} a year from each posting's date"
    if s.n == 0:
        return f"{head}: no postings."
    if s.n_dated == 0:
        return f"{head}: none of the {s.n} postings is dated, so none is aged (factor 1)."
    undated = (f"; {s.n_undated} of {s.n} postings undated, not aged" if s.n_undated
               else "; every posting dated")
    return f"{head}: {_factor_text(s)} on {s.n_dated} dated posting{'s' if s.n_dated != 1 else ''}{undated}."
