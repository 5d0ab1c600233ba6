"""Disclosure control: every suppression rule and its wording, in one place.

A published figure must not let anyone work out one posting's or one person's pay, or
one employer's. The rules below decide what may be shown; the analytics
(:mod:`workbench.bench`), the display tables (:mod:`workbench.views`,
:mod:`workbench.bench.compa`), the report plan and the notebooks call them and never
restate them. The thresholds are settings (``config.SETTINGS.disclosure``, a
``config.Disclosure``).

1. **The postings that feed a figure** (:func:`check_cell`). Every published figure is
   computed from a set of postings: a cell's percentiles from the cell's postings with
   pay, a variable share from the postings that state a variable amount, a time share
   from the postings that state a time split, a coverage share from the postings whose
   duties were read, a regression term from the postings it contrasts. The figure is
   shown only when *that* set passes: at least ``min_postings`` postings, at least
   ``min_sources`` distinct companies, no company supplying more than
   ``max_company_share`` of them. Companies are employers, counted by
   :func:`workbench.employers.employer_key` ("Acme Media Ltd", "Acme Media UK" and
   "Acme Media (Europe)" are one), refined among the names counted together by
   :func:`workbench.employers.employer_groups` ("KBM Ltd" is Kessler Brandt Manufacturing
   when that is the one name with those initials; 墨岚 and 墨兰 are two). Postings with no company count as one unknown
   company for the share test and do not count as a source. Dominance by two: the
   set fails too when its two largest employers together supply more than
   ``max_top_two_share`` (named as a reason only when no single company is over its
   cap; at the settings' 50% with a 25% cap per company the test adds nothing, it bites
   when the single-company cap is relaxed or the pair's is set lower). A suppressed
   figure keeps the counts of what fed it (``n``, ``n_sources``) and the reason; every
   published table of figures carries those two counts on each row.
2. **Intervals** (:func:`interval_shown`). A median's interval that reaches the
   cell's lowest or highest value is not shown: in a small cell it would show one
   posting's pay.
3. **Counts of people** (:func:`small_counts`, :func:`count_text`,
   :func:`median_band`). Incumbent pay is shown only as counts per band and the band
   holding the median of a group of at least ``min_cell`` people (never the median
   itself: the median of an odd number of people is one person's value); a count below
   ``min_cell`` is written ``"<min_cell"``, and when exactly one band is hidden the next
   smallest is hidden too, so the total cannot reveal it.
4. **Shared tables carry no mean** (:data:`SHARED_TABLE_DROPS`): two cuts of the same
   postings (by level, and by level and location) would give a suppressed cell's pay
   away by plain subtraction (7 x the level's mean - 6 x the other location's mean).
   Percentiles of small cells can still be worked back in some cases (type 7 puts P50,
   P75 and P90 on or between known order statistics), so two cuts of the same few
   postings are not published side by side.
5. **Complementary cells** (:func:`complementary`). Cells that split one published cell
   (London and the rest of the UK within a level) are shown together or not at all:
   beside the whole cell, one shown part would tell about the other.
6. **Nothing from a suppressed set's postings** (:func:`listing_note`). Titles,
   companies and duty wording of postings are listed only when the listed postings
   pass rule 1 as a set; a suppressed cell shows its counts and the reason only, never
   a title, an employer, a duty line, a category it mentions or a figure of its postings.
7. **Audiences** (:data:`AUDIENCES`, :func:`check_audience`). A page is for recruiters
   or for analysts. Only analyst pages may show numbers derived from internal pay
   (incumbents, compa-ratios); a notebook that reads internal pay
   (:data:`INTERNAL_PAY_MARKERS`) cannot be planned for recruiters, and analyst pages
   are marked as such and are not linked from the recruiters' index.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Any, Iterable, Sequence

__all__ = ["ANALYST", "ANALYST_NOTICE", "AUDIENCES", "COMPLEMENT_SUPPRESSED", "CellCheck", "INTERNAL_PAY_MARKERS",
           "NO_PAY_AT_LEVEL", "RECRUITER", "SHARED_TABLE_DROPS", "SMALL_CELL", "check_audience", "check_cell",
           "check_codes", "check_postings", "complementary", "count_rule", "count_text", "describe", "employer_codes",
           "employer_shares", "figure_fields", "interval_shown", "listing_note", "median_band", "reads_internal_pay",
           "rule", "small_counts",
           "suppressed_note", "suppression_reason"]

# Why a figure is missing when a cell has no postings at all, and the index's fallback.
NO_PAY_AT_LEVEL = "no postings with pay at this level"
SMALL_CELL = "small cell"
# Columns a table meant to be shared never carries (rule 4).
SHARED_TABLE_DROPS = ("mean",)


def rule(disclosure: Any = None) -> Any:
    """The thresholds in force: ``disclosure`` when given, else the settings'."""
    if disclosure is not None:
        return disclosure
    from workbench import config

    return config.SETTINGS.disclosure


def _top_two_bites(d: Any) -> bool:
    """Whether the two-company test can suppress a cell the one-company cap lets through."""
    top_two = getattr(d, "max_top_two_share", None)
    return top_two is not None and top_two < 2 * d.max_company_share


def describe(disclosure: Any = None) -> str:
    """Rule 1 in words, for a page that says why a figure is hidden."""
    d = rule(disclosure)
    pair = (f", no two companies above {d.max_top_two_share:.0%} together" if _top_two_bites(d) else "")
    return (f"Disclosure rule: at least {d.min_postings} postings from at least {d.min_sources} "
            f"companies, no company above {d.max_company_share:.0%}{pair} of a cell.")


def suppressed_note(reason: Any, disclosure: Any = None) -> str:
    """The note under a suppressed figure: why it is hidden, then the rule."""
    return f"Pay figures for this level are suppressed: {reason}. {describe(disclosure)}"


# ------------------------------------------------------------------ rule 1: cells of postings


@dataclass(frozen=True)
class CellCheck:
    """Rule 1 applied to one cell: its counts and why it is suppressed (None: it may be shown)."""

    n: int
    n_sources: int
    reason: str | None

    @property
    def suppressed(self) -> bool:
        return self.reason is not None


def employer_codes(companies: Iterable[Any]) -> Any:
    """Each posting's employer as an integer (equal: one employer by ``employer_groups``, the
    employer key refined among these names; -1: no company). The key is computed once per
    distinct name, not once per posting."""
    import numpy as np
    import pandas as pd

    from workbench.employers import employer_groups

    names = companies if isinstance(companies, pd.Series) else pd.Series(list(companies), dtype="object")
    name_codes, distinct = pd.factorize(names.astype("object"), use_na_sentinel=True)
    key_codes, _ = pd.factorize(pd.Series(employer_groups(distinct), dtype="object"),
                                use_na_sentinel=True)
    key_codes = np.append(key_codes, -1)  # name code -1 (no company) stays -1
    return key_codes[name_codes]


def _shares(codes: Any) -> list[float]:
    """Each employer's share of the postings, largest first; postings without a company
    count as one unknown employer."""
    import numpy as np

    if not len(codes):
        return []
    counts = np.bincount(codes + 1)  # slot 0: postings without a company
    counts = counts[counts > 0]
    return sorted((float(c) / len(codes) for c in counts), reverse=True)


def employer_shares(companies: Iterable[Any]) -> list[float]:
    """Each employer's share of a cell's postings, largest first (see :func:`check_cell`)."""
    return _shares(employer_codes(companies))


def suppression_reason(n: int, n_sources: int, top_share: float, disclosure: Any = None,
                       top_two_share: float | None = None) -> str | None:
    """Why a cell of ``n`` postings from ``n_sources`` employers, the largest supplying
    ``top_share`` of them and the largest two ``top_two_share``, must be suppressed;
    ``None`` when it may be shown."""
    d = rule(disclosure)
    reasons = []
    if n < d.min_postings:
        reasons.append(f"only {n} posting{'s' if n != 1 else ''} (minimum {d.min_postings})")
    if n_sources < d.min_sources:
        reasons.append(
            f"only {n_sources} compan{'ies' if n_sources != 1 else 'y'} (minimum {d.min_sources})"
        )
    if n and top_share > d.max_company_share + 1e-12:
        reasons.append(
            f"one company supplies {top_share:.0%} (maximum {d.max_company_share:.0%})"
        )
    top_two = getattr(d, "max_top_two_share", None)
    single_failed = n and top_share > d.max_company_share + 1e-12  # then the pair adds nothing to say
    if n and not single_failed and top_two is not None and top_two_share is not None \
            and top_two_share > top_two + 1e-12:
        reasons.append(f"two companies supply {top_two_share:.0%} (maximum {top_two:.0%} together)")
    return "; ".join(reasons) or None


def check_cell(companies: Iterable[Any], disclosure: Any = None) -> CellCheck:
    """Rule 1 for the postings that feed a figure, given each posting's company name (or None)."""
    return check_codes(employer_codes(companies), disclosure)


def check_codes(codes: Any, disclosure: Any = None) -> CellCheck:
    """Rule 1 for the postings that feed a figure, given their ``employer_codes``: for
    several subsets of one set of postings, the codes are computed once and sliced."""
    import numpy as np

    shares = _shares(codes)
    n, n_sources = len(codes), len(np.unique(codes[codes >= 0]))
    return CellCheck(n, n_sources, suppression_reason(n, n_sources, shares[0] if shares else 0.0, disclosure,
                                                      top_two_share=sum(shares[:2])))


def check_postings(frame: Any, disclosure: Any = None, *, company: str = "company") -> CellCheck:
    """Rule 1 for the rows of ``frame`` (one per posting): the set that feeds a figure.

    A frame without a ``company`` column counts every posting as the one unknown company.
    """
    companies = frame[company] if company in frame else [None] * len(frame)
    return check_cell(companies, disclosure)


def figure_fields(check: CellCheck) -> dict[str, Any]:
    """The columns every row of a published table of figures carries about what fed it:
    ``n``, ``n_sources``, ``suppressed`` and ``suppression_reason``."""
    return {"n": check.n, "n_sources": check.n_sources, "suppressed": check.suppressed,
            "suppression_reason": check.reason}


# ------------------------------------------------------------------ rule 2: intervals


def interval_shown(interval: tuple[float, float], values: Any) -> bool:
    """Whether a median's interval may be shown: it must lie strictly inside the cell's values."""
    import numpy as np

    flat = np.asarray(values, dtype="float64").ravel()
    low, high = interval
    if math.isnan(low) or math.isnan(high) or not flat.size:
        return False
    return bool(low > flat.min() and high < flat.max())


# ------------------------------------------------------------------ rule 3: counts of people


def count_rule(min_cell: int) -> str:
    """Rule 3 in words, for a table caption."""
    return f"counts under {min_cell} suppressed"


def count_text(count: int, min_cell: int) -> str | int:
    """A count of people as it may be shown: the count, or ``"<min_cell"`` below it."""
    return count if count >= min_cell else f"<{min_cell}"


def median_band(values: Iterable[float], bands: Sequence[float], min_cell: int) -> str:
    """The band holding the median of a group of people, as it may be shown: ``"0.90–1.00"``,
    or ``"suppressed"`` for a group under ``min_cell``. The median itself is never given:
    of an odd number of people it is one person's value."""
    import numpy as np

    vals = np.asarray([float(v) for v in values if v is not None and not math.isnan(float(v))])
    if len(vals) < min_cell:
        return "suppressed"
    median = float(np.median(vals))
    edges = list(bands)
    for lo, hi in zip(edges[:-1], edges[1:]):
        if lo <= median < hi:
            return f"{lo:.2f} and above" if math.isinf(hi) else f"{lo:.2f}–{hi:.2f}"
    return f"below {edges[0]:.2f}"


def small_counts(counts: Sequence[int], min_cell: int) -> set[int]:
    """Positions of the band counts to hide: those between 1 and ``min_cell - 1``, and,
    when exactly one is hidden, the next smallest non-zero one too (so the total cannot
    reveal it)."""
    hidden = {i for i, c in enumerate(counts) if 0 < c < min_cell}
    if len(hidden) == 1:
        rest = [(c, i) for i, c in enumerate(counts) if i not in hidden and c > 0]
        if rest:
            hidden.add(min(rest)[1])
    return hidden


# ------------------------------------------------------------------ rule 5: complementary cells

COMPLEMENT_SUPPRESSED = "shown only with its complement, which is suppressed"


def complementary(checks: Sequence[CellCheck]) -> list[CellCheck]:
    """Rule 5: cells that split one published cell (London and the rest of the UK within a
    level) are shown together or not at all. When any part fails rule 1 every part is
    suppressed; a part that passed gets :data:`COMPLEMENT_SUPPRESSED` as its reason."""
    if not any(c.suppressed for c in checks):
        return list(checks)
    return [c if c.suppressed else CellCheck(c.n, c.n_sources, COMPLEMENT_SUPPRESSED) for c in checks]


# ------------------------------------------------------------------ rule 6: listings


def listing_note(reason: Any, disclosure: Any = None) -> str:
    """Why the postings behind a figure are not listed (titles, companies, duty wording)."""
    return (f"The postings behind these figures are not listed: {reason}. Their titles, employers "
            f"and duties would identify them. {describe(disclosure)}")


# ------------------------------------------------------------------ rule 7: audiences

RECRUITER = "recruiter"
ANALYST = "analyst"
AUDIENCES = (RECRUITER, ANALYST)
# What a notebook calls when it reads internal pay (the incumbent file and what is derived from it).
INTERNAL_PAY_MARKERS = ("load_incumbents", "INCUMBENTS", "compa_ratios", "compa_summary")
ANALYST_NOTICE = ("Analyst page: it holds figures derived from internal pay. It is not listed in the "
                  "recruiters' index; do not forward it to recruiters or candidates.")


def reads_internal_pay(source: str) -> bool:
    """Whether a notebook's source calls anything that reads internal pay."""
    return any(marker in source for marker in INTERNAL_PAY_MARKERS)


def check_audience(audience: str, *, internal_pay: bool) -> str | None:
    """Why a page may not be planned for ``audience`` (None: it may). Unknown audiences and
    internal pay on a recruiter page are refused."""
    if audience not in AUDIENCES:
        return f"audience {audience!r}; expected one of {list(AUDIENCES)}"
    if internal_pay and audience != ANALYST:
        return (f"the notebook reads internal pay ({', '.join(INTERNAL_PAY_MARKERS)}), so its page is for "
                f"analysts only; set audience: {ANALYST}")
    return None
