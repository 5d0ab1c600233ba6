"""Display tables for the report notebooks: what a reader sees of the analytics.

Small, tested reshaping: these decide what a page shows (suppressed cells blank, no
individual pay, money formatted), so they live here and not in a notebook cell. Each
returns a new DataFrame (or dict) for :func:`workbench.render.show_table`.
"""

from __future__ import annotations

from typing import Any, Mapping

from workbench.disclosure import NO_PAY_AT_LEVEL
from workbench.formats import money
from workbench.render import jsonable

__all__ = ["MIN_INTERVAL_N", "coverage_table", "fx_summary", "headline_from_percentiles", "headline_sentence",
           "headline_table", "interval_shown", "market_name", "percentile_rows", "rows_for"]

# No interval of a median is shown from fewer postings than this, nor one of zero width:
# with so few postings the bootstrap interval says more about the resampling than the market.
MIN_INTERVAL_N = 5

def rows_for(frame: Any, **equals: Any) -> Any:
    """Rows of ``frame`` where each named column equals the value (absent columns are ignored)."""
    out = frame
    for column, value in equals.items():
        if column in out.columns:
            out = out[out[column] == value]
    return out.reset_index(drop=True)


def headline_from_percentiles(percentiles: Any, *, level: int, label: str = "", currency: str = "") -> dict:
    """Headline figures of one level from ``bench.market_percentiles`` output.

    A suppressed cell keeps ``n`` and the reason and drops every pay figure.
    """
    row = rows_for(percentiles, role_level=level)
    head: dict[str, Any] = {"level": level, "label": label, "currency": currency, "n": 0,
                            "n_sources": 0, "p25": None, "p50": None, "p75": None,
                            "p50_ci_low": None, "p50_ci_high": None, "suppressed": True,
                            "suppression_reason": NO_PAY_AT_LEVEL}
    if len(row):
        r = row.iloc[0]
        suppressed = bool(r.get("suppressed", False))
        head.update(n=int(r.get("n", 0) or 0), n_sources=int(r.get("n_sources", 0) or 0),
                    suppressed=suppressed,
                    suppression_reason=(str(r.get("suppression_reason")) if suppressed else None),
                    currency=str(r.get("currency") or currency))
        if not suppressed:
            for key in ("p25", "p50", "p75", "p50_ci_low", "p50_ci_high"):
                head[key] = jsonable(r.get(key))
    return jsonable(head)


def interval_shown(head: Mapping[str, Any]) -> bool:
    """Whether a headline's median interval is shown: ``n >= MIN_INTERVAL_N`` and a non-zero width."""
    low, high = head.get("p50_ci_low"), head.get("p50_ci_high")
    if head.get("suppressed") or low is None or high is None:
        return False
    try:
        return int(head.get("n") or 0) >= MIN_INTERVAL_N and float(high) > float(low)
    except (TypeError, ValueError):
        return False


def _between(low: Any, high: Any, currency: str) -> str:
    return f"{money(low, currency)} – {money(high, currency)}"


def headline_table(head: Mapping[str, Any]) -> Any:
    """One-row display table of a headline (money with its symbol, suppression spelled out);
    the same figures :func:`headline_sentence` states."""
    import pandas as pd

    cur = head.get("currency", "")
    if head.get("suppressed"):
        return pd.DataFrame([{"Postings": head.get("n"), "Companies": head.get("n_sources"),
                              "Median": "not shown", "Why": head.get("suppression_reason")}])
    interval = (_between(head.get("p50_ci_low"), head.get("p50_ci_high"), cur) if interval_shown(head)
                else f"not shown (fewer than {MIN_INTERVAL_N} postings or no spread)")
    return pd.DataFrame([{
        "Postings": head.get("n"), "Companies": head.get("n_sources"),
        "Median": money(head.get("p50"), cur),
        "Middle half (P25 – P75)": _between(head.get("p25"), head.get("p75"), cur),
        "95% interval of the median": interval,
    }])


def market_name(market: Any) -> str:
    """A market code in words: ``"GB"`` -> ``"United Kingdom"``, ``"ALL"`` -> ``"all markets"``."""
    from babel import Locale

    code = str(market or "").upper()
    if code in ("", "ALL"):
        return "all markets"
    return Locale("en").territories.get(code, code)


def _date_words(day: Any) -> str:
    from babel.dates import format_date
    import datetime as dt

    try:
        return format_date(dt.date.fromisoformat(str(day)[:10]), "d MMM y", locale="en")
    except ValueError:
        return str(day)


def _plural(n: Any, one: str, many: str) -> str:
    return f"{n} {one if n == 1 else many}"


def headline_sentence(head: Mapping[str, Any], *, role: str, market: Any = "", as_of: Any = "") -> str:
    """The page's answer in one sentence, from the same headline as :func:`headline_table`:
    "Account Manager, United Kingdom: advertised base pay £37,300 (median); half of postings
    between £35,500 and £39,300. 24 postings from 23 companies, as of 6 Dec 2026."."""
    cur = head.get("currency", "")
    where = f"{role}, {market_name(market)}" if market else role
    counts = (f"{_plural(head.get('n') or 0, 'posting', 'postings')} from "
              f"{_plural(head.get('n_sources') or 0, 'company', 'companies')}")
    dated = f", as of {_date_words(as_of)}" if as_of else ""
    if head.get("suppressed"):
        reason = str(head.get("suppression_reason") or "").rstrip(".")
        return f"{where}: pay is not shown ({reason}). {counts}{dated}."
    return (f"{where}: advertised base pay {money(head.get('p50'), cur)} (median); half of postings between "
            f"{money(head.get('p25'), cur)} and {money(head.get('p75'), cur)}. {counts}{dated}.")


PERCENTILE_COLUMNS = ["n", "n_sources", "p10", "p25", "p50", "p75", "p90", "p50_ci_low", "p50_ci_high",
                      "suppressed", "suppression_reason"]


def percentile_rows(percentiles: Any, *, by: tuple[str, ...] = (), **equals: Any) -> Any:
    """The percentile rows a page shows (:func:`rows_for`; the ``by`` columns first), the median
    interval blanked where :func:`interval_shown` says no, and the hidden flag and reason
    columns only when a row is hidden (so each hidden row is marked as such)."""
    rows = rows_for(percentiles, **equals)
    rows = rows[[c for c in (*by, *PERCENTILE_COLUMNS) if c in rows.columns]].copy()
    if {"p50_ci_low", "p50_ci_high"} <= set(rows.columns):
        keep = [interval_shown({"n": r.get("n"), "p50_ci_low": r.get("p50_ci_low"),
                                "p50_ci_high": r.get("p50_ci_high")}) for r in rows.to_dict("records")]
        rows.loc[[not k for k in keep], ["p50_ci_low", "p50_ci_high"]] = float("nan")
    hidden = None
    if "suppressed" in rows.columns:
        hidden = rows["suppressed"].fillna(False).astype(bool)
    elif "suppression_reason" in rows.columns:
        hidden = rows["suppression_reason"].notna()
    if hidden is not None and not hidden.any():
        rows = rows.drop(columns=[c for c in ("suppressed", "suppression_reason") if c in rows.columns])
    return rows.reset_index(drop=True)


def coverage_table(source: Any) -> Any:
    """How much of the ingested data each extraction step covered (counts and shares).

    ``source``: a store folder (the counts come from DuckDB over its parts, so the page
    holds eight numbers, not the tables) or loaded tables; :func:`workbench.coverage.counts`
    defines each count and computes both with the same SQL.
    """
    import pandas as pd

    from workbench.coverage import counts

    c = counts(source)
    n_post, n_rec = c["postings"], c["records"]
    rows = [
        ("postings ingested", n_post, n_post),
        ("roles found (records)", n_rec, n_post),
        ("records with a level", c["with_level"], n_rec),
        ("records with a pay mention", c["with_pay_mention"], n_rec),
        ("records with usable pay", c["with_usable_pay"], n_rec),
        ("records with a time allocation", c["with_time_allocation"], n_rec),
        ("records with responsibilities", c["with_responsibilities"], n_rec),
        ("records with skills", c["with_skills"], n_rec),
    ]
    return pd.DataFrame([{"step": s, "count": n, "share": (f"{n / d:.0%}" if d else "–")} for s, n, d in rows])


def fx_summary(points: Any, as_of: str | None = None, *, stale_days: int = 31) -> Any:
    """Exchange rates used to convert the pay points, per posted currency: points, the rates
    and their ECB dates, conversion warnings, and a staleness flag (the newest rate more
    than ``stale_days`` before ``as_of``). Rows already in the points' currency say so."""
    import pandas as pd

    columns = ["currency", "to", "points", "earliest rate date", "latest rate date", "rates", "warning"]
    if points.empty or not {"posted_currency", "currency", "fx_rate", "rate_date"} <= set(points.columns):
        return pd.DataFrame(columns=columns)
    ref = pd.Timestamp(as_of) if as_of else None
    rows = []
    for (posted, target), cell in points.groupby(["posted_currency", "currency"], dropna=False, sort=True):
        rows.append(_fx_row(posted, target, cell, ref, stale_days))
    return pd.DataFrame(rows, columns=columns)


def _fx_row(posted: Any, target: Any, cell: Any, ref: Any, stale_days: int) -> dict:
    import pandas as pd

    dates = pd.to_datetime(cell["rate_date"], errors="coerce")
    rates = pd.to_numeric(cell["fx_rate"], errors="coerce").dropna()
    notes = cell["fx_warning"].dropna().unique() if "fx_warning" in cell else []
    warning = "; ".join(sorted(map(str, notes)))
    if posted == target:
        warning = "no conversion"
    elif ref is not None and dates.notna().any() and (ref - dates.max()).days > stale_days:
        warning = "; ".join(filter(None, [f"latest rate is {(ref - dates.max()).days} days before {ref.date()}",
                                          warning]))
    return {"currency": posted, "to": target, "points": len(cell),
            "earliest rate date": str(dates.min().date()) if dates.notna().any() else "–",
            "latest rate date": str(dates.max().date()) if dates.notna().any() else "–",
            "rates": (f"{rates.min():.4f}–{rates.max():.4f}" if len(rates) else "–"),
            "warning": warning}
