"""Words for what a recruiter page shows: column names, categories and flags in plain English.

Report tables are built from analytics frames whose columns and category values are
code names (``n_sources``, ``p50_ci_low``, ``growth_new_business``). A recruiter page
shows words instead: :func:`column_label` names a column, :func:`column_kind` says how
its values are written (money, a share, a count ...), :func:`value_label` turns a
category or a flag into words. A name missing from the tables below still never shows
as a code name: underscores become spaces (``fx_warning`` -> "Fx warning").

The responsibility and time-allocation areas are the taxonomy's areas
(``workbench/data/taxonomy.yaml``); :data:`AREA_LABELS` gives each its words and
``tests/test_labels.py`` checks that every area has them.
"""

from __future__ import annotations

import re
from typing import Any

__all__ = ["AREA_LABELS", "COLUMNS", "KINDS", "column_kind", "column_label", "is_code_name", "value_label"]

# How a column's values are written (see workbench.formats.cell_text).
KINDS = ("count", "money", "share", "percent", "number", "text", "flag")

# column -> (words, kind). "share" is a fraction (0.25 -> 25%), "percent" is already
# in percent (25.0 -> 25%).
COLUMNS: dict[str, tuple[str, str]] = {
    "n": ("Postings", "count"),
    "n_sources": ("Companies", "count"),
    "n_mentioning": ("Postings mentioning it", "count"),
    "n_with_variable": ("Postings mentioning variable pay", "count"),
    "n_variable_amount": ("Postings stating a variable amount", "count"),
    "n_postings": ("Postings", "count"),
    "employment": ("Employment", "count"),
    "mentions": ("Pay mentions", "count"),
    "role_level": ("Level", "count"),
    "level": ("Level", "count"),
    "p10": ("P10", "money"),
    "p25": ("P25", "money"),
    "p50": ("Median", "money"),
    "p75": ("P75", "money"),
    "p90": ("P90", "money"),
    "median": ("Median", "money"),
    "p50_ci_low": ("Median interval from", "money"),
    "p50_ci_high": ("Median interval to", "money"),
    "annual_p10": ("P10 a year", "money"),
    "annual_p25": ("P25 a year", "money"),
    "annual_median": ("Median a year", "money"),
    "annual_p75": ("P75 a year", "money"),
    "annual_p90": ("P90 a year", "money"),
    "suppressed": ("Hidden", "flag"),
    "suppression_reason": ("Why hidden", "text"),
    "share_with_variable": ("Postings with variable pay", "share"),
    "median_variable_share": ("Median variable share of pay", "share"),
    "median_base_share": ("Median base share of pay", "share"),
    "figure": ("Figure", "text"),
    "mix_share": ("Share", "share"),
    "share_of_postings": ("Share of postings", "share"),
    "mean_share": ("Mean share of time", "percent"),
    "ci_low": ("Interval from", "percent"),
    "ci_high": ("Interval to", "percent"),
    "pct_effect": ("Effect on pay", "number"),
    "pct_ci_low": ("Effect interval from", "number"),
    "pct_ci_high": ("Effect interval to", "number"),
    "p_value": ("p-value", "number"),
    "term": ("Factor", "text"),
    "midpoint_progression": ("Step up in median", "number"),
    "range_spread": ("Range spread", "number"),
    "overlap_with_next": ("Overlap with next level", "number"),
    "p50_diff_pct": ("Median difference", "share"),
    "pct_of_rest": ("London as % of the rest", "percent"),
    "differential_pct": ("% of the national median", "percent"),
    "place": ("Place", "text"),
    "category": ("Area", "text"),
    "role_ladder": ("Ladder", "text"),
    "level_name": ("Role", "text"),
    "soc_code": ("Occupation code", "text"),
    "occupation": ("Occupation", "text"),
    "area_type": ("Area", "text"),
    "reference_period": ("Period", "text"),
    "date_extracted": ("Taken on", "text"),
    "title": ("Title", "text"),
    "text": ("As the posting words it", "text"),
    "company": ("Company", "text"),
    "location": ("Location", "text"),
    "region": ("Region", "text"),
    "country": ("Country", "text"),
    "currency": ("Currency", "text"),
}

# Taxonomy areas (responsibilities and time allocation) in words.
AREA_LABELS: dict[str, str] = {
    "client_relationship": "Client relationship",
    "growth_new_business": "Growth and new business",
    "financial_management": "Financial management",
    "team_leadership": "Team leadership",
    "strategy_planning": "Strategy and planning",
    "delivery_operations": "Delivery and operations",
    "reporting_forecasting": "Reporting and forecasting",
    "negotiation_contracts": "Negotiation and contracts",
    "internal_coordination": "Internal coordination",
    "quality_process": "Quality and process",
    "other": "Other",
}

# Values that are words only in their own column (a company may be called "Sales").
_COLUMN_VALUES: dict[str, dict[str, str]] = {
    "role_ladder": {"account": "Account ladder", "sales": "Sales ladder"},
    "area_type": {"national": "National", "state": "State"},
    "figure": {"share_with_variable": "Postings mentioning variable pay",
               "median_variable_share": "Median variable share of pay"},
}

_CODE_NAME = re.compile(r"^[a-z][a-z0-9]*(_[a-z0-9]+)+$")


def is_code_name(text: Any) -> bool:
    """True for a snake_case code name (``n_sources``), which a recruiter page never shows."""
    return isinstance(text, str) and bool(_CODE_NAME.match(text.strip()))


def _words(name: str) -> str:
    text = name.replace("_", " ").strip()
    return text[:1].upper() + text[1:]


def column_label(name: Any) -> str:
    """A column's name in words: from :data:`COLUMNS`, else with its underscores as spaces."""
    key = str(name)
    if key in COLUMNS:
        return COLUMNS[key][0]
    return _words(key) if "_" in key else key


def column_kind(name: Any) -> str:
    """How a column's values are written (one of :data:`KINDS`); unknown columns are ``number``
    when numeric and ``text`` otherwise, which the caller decides from the values."""
    return COLUMNS.get(str(name), ("", ""))[1]


def value_label(value: Any, column: Any = None) -> Any:
    """A cell value in words: flags as Yes/No, taxonomy areas and other code names as words
    (``column`` names values that are words only there, such as the ladder); any other
    value unchanged."""
    if isinstance(value, bool) or type(value).__name__ in ("bool_", "bool"):
        return "Yes" if value else "No"
    if not isinstance(value, str):
        return value
    if value in AREA_LABELS:
        return AREA_LABELS[value]
    own = _COLUMN_VALUES.get(str(column), {})
    if value in own:
        return own[value]
    if value in ("True", "False"):
        return "Yes" if value == "True" else "No"
    return _words(value) if is_code_name(value) else value
