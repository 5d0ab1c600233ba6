"""Measure the salary engine against labelled strings and against Glassdoor.

Labelled CSV convention (``data/labelled/salary_labelled.csv``)
---------------------------------------------------------------
One row per string. Columns:

``text``            the string given to ``parse_salary``
``language``        ``en``, ``ru`` or ``zh``
``shape``           how the pay is written (``range_k``, ``upto``, ``masked``,
                    ``negative`` ...); used to break agreement down
``currency_arg``    passed as ``currency=`` (empty: None)
``market_arg``      passed as ``market=`` (empty: None)
``n_mentions``      how many mentions the string holds (0 for "not pay")
``low`` ... ``masked``  expected values of the **first** mention:
                    ``low``, ``high`` (empty = None), ``currency``, ``period``
                    (empty = None), ``component``, ``gross`` (true/false/empty),
                    ``months_per_year``, ``masked`` (true/false)
``note``            free text

A row agrees when the number of mentions matches and, when there is at least
one, every expected field of the first mention matches (amounts to 0.01%).

A file with a ``half`` column (``tune``/``holdout``, ``data/labelled/CONVENTIONS.md``)
is also scored per half with a Wilson 95% interval, and the held-out half's
failing rows are listed only when asked (``show_holdout_failures``). A later,
whole-file tuning set (every row ``half=tune2``, e.g.
``data/labelled/pay_fields/pay_fields_2.csv``) is scored as its own half, and
its failing rows are listed like the tune half's. ``field``
says where the strings come from (``parse_salary``'s ``field``): ``True`` for
pay-field strings (``data/labelled/pay_fields/``), which are pay whatever
their length.

Glassdoor (``salary_data_cleaned.csv``)
---------------------------------------
``Salary Estimate`` is the raw string; ``min_salary``/``max_salary`` are
thousands of USD a year, or USD an hour when ``hourly == 1`` (checked on the
file: hourly rows hold 10-90, the others 10-300). A row agrees when the first
mention has the same low/high in USD with period ``hour`` (hourly rows) or
``year``.

BOSS直聘 (``boss_python_jobs.csv``)
----------------------------------
The ``薪资`` column has no parsed values, so :func:`eval_boss` derives them
from the three shapes the column uses (``12-18K``, ``25-35K·13薪``,
``300-330元/天`` / ``元/月`` / ``元/时``) with a small independent pattern and
compares: one mention, CNY, the same low/high, period and months per year.
The engine is told ``market="CN"`` (as ingest does for a Chinese posting).
"""

from __future__ import annotations

import math
import re
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterable

import pandas as pd

from workbench.agreement import TUNING_SETS, half
from workbench.salary import parse_salary

__all__ = ["EvalReport", "eval_salary", "eval_glassdoor", "eval_boss", "format_report", "half"]


_FIELDS = ("low", "high", "currency", "period", "component", "gross",
           "months_per_year", "masked")


@dataclass
class EvalReport:
    """Agreement between the engine and a reference."""

    name: str
    n: int
    agreement: float
    by_language: pd.DataFrame
    by_shape: pd.DataFrame
    disagreements: pd.DataFrame
    seconds: float = 0.0
    notes: list[str] = field(default_factory=list)
    by_half: pd.DataFrame | None = None

    def summary(self) -> str:
        return format_report(self)


def _blank(v) -> bool:
    return v is None or (isinstance(v, float) and math.isnan(v)) or v == ""


def _expected(row: dict, name: str):
    v = row.get(name, "")
    if _blank(v):
        return None
    if name in ("low", "high"):
        return float(v)
    if name == "months_per_year":
        return int(float(v))
    if name in ("gross", "masked"):
        return str(v).strip().lower() in ("true", "1", "yes")
    return str(v)


def _same(expected, got) -> bool:
    if expected is None or got is None:
        return expected is None and got is None
    if isinstance(expected, float):
        return math.isclose(expected, float(got), rel_tol=1e-4, abs_tol=1e-6)
    return expected == got


def _compare(row: dict, field_mode: bool | None = None) -> tuple[bool, str, str]:
    """(agrees, reason, what the engine found) for one labelled row."""
    mentions = parse_salary(row["text"], currency=row.get("currency_arg") or None,
                            market=row.get("market_arg") or None, field=field_mode)
    got = "; ".join(
        f"{m.text!r} low={m.low} high={m.high} {m.currency} {m.period} {m.component}"
        f"{' masked' if m.masked else ''}{'' if m.gross is None else ' gross=' + str(m.gross)}"
        f"{'' if m.months_per_year is None else ' mpy=' + str(m.months_per_year)}"
        for m in mentions) or "(none)"
    want_n = int(float(row.get("n_mentions") or 0))
    reasons = []
    if len(mentions) != want_n:
        reasons.append(f"n_mentions expected {want_n}, got {len(mentions)}")
    if want_n and mentions:
        first = mentions[0]
        for name in _FIELDS:
            exp = _expected(row, name)
            if name == "masked" and exp is None:
                exp = False
            if name == "component" and exp is None:
                exp = "unspecified"
            val = getattr(first, name)
            if not _same(exp, val):
                reasons.append(f"{name} expected {exp!r}, got {val!r}")
    return (not reasons, "; ".join(reasons), got)


def _breakdown(df: pd.DataFrame, by: str) -> pd.DataFrame:
    g = df.groupby(by, sort=True)["agree"]
    out = pd.DataFrame({"n": g.size(), "agree": g.sum()})
    out["agreement"] = (out["agree"] / out["n"]).round(4)
    return out.reset_index()


def eval_salary(paths: str | Path | Iterable[str | Path], *, field: bool | None = None,
                show_holdout_failures: bool = False) -> EvalReport:
    """Run the engine over labelled CSV file(s) and compare (see module doc).

    ``field`` is passed to ``parse_salary`` (``True`` for pay-field strings).
    Failing rows of a ``holdout`` half are left out of ``disagreements`` unless
    ``show_holdout_failures``.
    """
    if isinstance(paths, (str, Path)):
        paths = [paths]
    frames = [pd.read_csv(p, dtype=str, keep_default_na=False) for p in paths]
    data = pd.concat(frames, ignore_index=True)
    t0 = time.perf_counter()
    results = [_compare(r, field) for r in data.to_dict("records")]
    seconds = time.perf_counter() - t0
    data = data.assign(agree=[r[0] for r in results], reason=[r[1] for r in results],
                       got=[r[2] for r in results])
    failing = ~data["agree"]
    notes = []
    if "half" in data.columns and not show_holdout_failures:
        hidden = failing & (data["half"] == "holdout")
        failing &= ~hidden
        if hidden.any():
            notes.append(f"{int(hidden.sum())} failing held-out row(s) not listed "
                         "(--show-holdout-failures lists them, after tuning)")
    dis = data.loc[failing, ["text", "language", "shape", "reason", "got"]]
    n = len(data)
    mode = {True: "; field mode", False: "; running-text mode"}.get(field, "")
    # The breakdowns by language and shape would tell where the held-out half fails (the
    # tuning halves being near 100%), so they count tuning rows only unless asked.
    seen = data
    if "half" in data.columns and not show_holdout_failures and (data["half"] == "holdout").any():
        seen = data[data["half"] != "holdout"]
        notes.append("by language and by shape count the tuning rows only; held-out rows are "
                     "in the by-half totals")
    return EvalReport(
        name="labelled salary strings (" + ", ".join(Path(p).name for p in paths) + f"{mode})",
        n=n,
        agreement=float(data["agree"].mean()) if n else 0.0,
        by_language=_breakdown(seen, "language"),
        by_shape=_breakdown(seen, "shape"),
        disagreements=dis.reset_index(drop=True),
        seconds=seconds,
        notes=notes,
        by_half=_by_half(data) if "half" in data.columns else None,
    )


def _by_half(data: pd.DataFrame) -> pd.DataFrame:
    """Agreement per half with Wilson's 95% interval (rows ``tune``, ``holdout``, then each
    whole-file tuning set present, e.g. ``tune2``, then ``all``)."""
    from workbench.agreement import wilson

    names = ["tune", "holdout", *(h for h in TUNING_SETS if (data["half"] == h).any())]
    rows = []
    for name, part in [*((h, data[data["half"] == h]) for h in names), ("all", data)]:
        k, n = int(part["agree"].sum()), len(part)
        lo, hi = wilson(k, n)
        rows.append({"half": name, "agree": k, "n": n, "agreement": k / n if n else float("nan"),
                     "ci_low": lo, "ci_high": hi})
    return pd.DataFrame(rows)


def eval_glassdoor(path: str | Path) -> EvalReport:
    """Compare the engine with the cleaned Glassdoor columns (see module doc)."""
    df = pd.read_csv(path)
    rows = []
    t0 = time.perf_counter()
    for raw, hourly, employer, lo, hi in zip(df["Salary Estimate"], df["hourly"],
                                             df["employer_provided"], df["min_salary"],
                                             df["max_salary"]):
        scale = 1.0 if int(hourly) == 1 else 1000.0
        want_period = "hour" if int(hourly) == 1 else "year"
        want_lo, want_hi = float(lo) * scale, float(hi) * scale
        mentions = parse_salary(str(raw), currency="USD", market="US")
        shape = ("hourly" if int(hourly) == 1 else "annual") + (
            "_employer" if int(employer) == 1 else "_estimate")
        reasons = []
        if not mentions:
            reasons.append("no mention found")
        else:
            m = mentions[0]
            if not _same(want_lo, m.low):
                reasons.append(f"low expected {want_lo:g}, got {m.low}")
            if not _same(want_hi, m.high):
                reasons.append(f"high expected {want_hi:g}, got {m.high}")
            if m.period != want_period:
                reasons.append(f"period expected {want_period}, got {m.period}")
            if m.currency != "USD":
                reasons.append(f"currency expected USD, got {m.currency}")
        rows.append({"text": str(raw), "language": "en", "shape": shape,
                     "agree": not reasons, "reason": "; ".join(reasons)})
    return _report(f"Glassdoor salary estimates ({Path(path).name})", rows, t0)


def _report(name: str, rows: list[dict], t0: float) -> EvalReport:
    """An EvalReport from per-string rows with ``text, language, shape, agree, reason``."""
    seconds = time.perf_counter() - t0
    data = pd.DataFrame(rows)
    dis = data.loc[~data["agree"], ["text", "language", "shape", "reason"]]
    return EvalReport(name=name, n=len(data),
                      agreement=float(data["agree"].mean()) if len(data) else 0.0,
                      by_language=_breakdown(data, "language"), by_shape=_breakdown(data, "shape"),
                      disagreements=dis.reset_index(drop=True), seconds=seconds)


_BOSS_SHAPE = re.compile(
    r"^(?P<a>\d+(?:\.\d+)?)-(?P<b>\d+(?:\.\d+)?)"
    r"(?:(?P<k>K)(?:·(?P<m>\d+)薪)?|元/(?P<u>天|月|时))$")
_BOSS_PERIOD = {"天": "day", "月": "month", "时": "hour", None: "month"}


def eval_boss(path: str | Path) -> EvalReport:
    """Compare the engine with values read from the BOSS ``薪资`` column."""
    df = pd.read_csv(path, dtype=str, keep_default_na=False)
    rows = []
    t0 = time.perf_counter()
    for raw in df["薪资"]:
        m = _BOSS_SHAPE.match(raw.strip())
        if m is None:
            continue  # the repeated header row
        scale = 1000.0 if m.group("k") else 1.0
        want = (float(m.group("a")) * scale, float(m.group("b")) * scale, "CNY",
                _BOSS_PERIOD[m.group("u")], int(m.group("m")) if m.group("m") else None)
        found = parse_salary(raw, market="CN")
        reasons = []
        if len(found) != 1:
            reasons.append(f"expected one mention, got {len(found)}")
        else:
            f = found[0]
            got = (f.low, f.high, f.currency, f.period, f.months_per_year)
            if got != want:
                reasons.append(f"expected {want}, got {got}")
        shape = ("k_month_13" if m.group("m") else "k_month") if m.group("k") else \
            "yuan_" + _BOSS_PERIOD[m.group("u")]
        rows.append({"text": raw, "language": "zh", "shape": shape, "agree": not reasons,
                     "reason": "; ".join(reasons)})
    return _report(f"BOSS直聘 salary strings ({Path(path).name})", rows, t0)


def format_report(report: EvalReport, max_disagreements: int = 50) -> str:
    """Plain-text report: overall agreement, by language, by shape, and the
    disagreements with reasons."""
    lines = [
        f"{report.name}",
        f"  rows: {report.n}   agreement: {report.agreement:.2%}   "
        f"({report.seconds:.2f} s)",
    ]
    if report.by_half is not None:
        lines += ["", "  by half (Wilson 95% interval):"]
        for r in report.by_half.itertuples(index=False):
            if not r.n:  # a half the file has no rows of (a whole-file tuning set's tune/holdout)
                continue
            lines.append(f"    {r.half:<24} {r.agree:>5}/{r.n:<5} {r.agreement:.2%}  "
                         f"[{r.ci_low:.2%}, {r.ci_high:.2%}]")
    lines += ["", "  by language:"]
    for r in report.by_language.itertuples(index=False):
        lines.append(f"    {r[0]:<24} {r.agree:>5}/{r.n:<5} {r.agreement:.2%}")
    lines += ["", "  by shape:"]
    for r in report.by_shape.itertuples(index=False):
        lines.append(f"    {r[0]:<24} {r.agree:>5}/{r.n:<5} {r.agreement:.2%}")
    k = len(report.disagreements)
    lines += ["", f"  disagreements: {k}"]
    for r in report.disagreements.head(max_disagreements).to_dict("records"):
        lines.append(f"    - {r['text']!r} [{r['language']}/{r['shape']}]: {r['reason']}")
        if r.get("got"):
            lines.append(f"        engine: {r['got']}")
    if k > max_disagreements:
        lines.append(f"    ... and {k - max_disagreements} more")
    for note in report.notes:
        lines.append(f"  note: {note}")
    return "\n".join(lines)
