"""Score role family and level against the labelled titles (``workbench eval titles``).

The labelled set (``data/labelled/titles/titles.csv``, see its README) gives, for
503 team-written job titles in English, Russian and Chinese, the market, an
optional one-line ``context`` about the employer, and the family, level and
level name a careful reader gives the title on its family's ladder
(``data/labelled/CONVENTIONS.md``, "Ladders").

Each row is extracted as a posting would hand it over: the title as the title
field, the context as the posting's one-line text, the country as the market,
through :func:`workbench.extract.extract_posting` (the same call ``workbench
ingest`` makes per posting). The first record's role is scored.

A row agrees on ``family`` when the families are equal, on ``level`` when the
levels are equal (an empty label meaning no level), and on ``both`` when both
hold. Agreement is reported per half (``tune``/``holdout``, by the CONVENTIONS
rule, checked against the row's ``half`` column) with ``n`` and Wilson's 95%
score interval. A later, whole-file tuning set (``titles_2.csv``: every row
``half=tune2``, not split by the rule) is scored as its own half. The tuning
halves' failures are printed; the held-out half's only on request, after tuning.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from workbench import config
from workbench.evaluate import half
from workbench.agreement import TUNING_SETS, per_half, read_labels

__all__ = ["TitleEval", "evaluate_titles", "format_title_eval", "classify_row"]

LABEL_COLUMNS = ("title", "language", "country", "context", "family", "level", "level_name", "half")
MEASURES = ("family", "level", "both")
HALVES = ("tune", "holdout")


@dataclass
class TitleEval:
    """What :func:`evaluate_titles` measured."""

    agreement: pd.DataFrame   # measure, half, n, agree, rate, ci_low, ci_high
    rows: pd.DataFrame        # every scored row with what extraction gave (got_*) and the *_ok flags
    problems: pd.DataFrame    # row, reason: rows left out of the score
    source: str = "data/labelled/titles/titles.csv"  # the labelled file scored

    def rate(self, measure: str, which: str) -> float:
        """Agreement on ``measure`` (family/level/both) in half ``which`` (tune/holdout)."""
        row = self.agreement[(self.agreement["measure"] == measure) & (self.agreement["half"] == which)]
        return float(row["rate"].iloc[0]) if len(row) else float("nan")


def _read_labels(path: Path) -> pd.DataFrame:
    return read_labels(path, LABEL_COLUMNS,
                       absent=f"no labelled titles at {path}; pass a FILE (see data/labelled/titles/README.md)")


def _level(value: str) -> int | None:
    value = value.strip()
    return int(value) if value else None


def _checked(labels: pd.DataFrame) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Rows fit to score, and the rows left out with the reason (a bad row never stops the rest)."""
    kept, problems = [], []
    for i, row in enumerate(labels.to_dict("records")):
        key = f"{row['title']}|{row['country']}|{row['context']}"
        if not row["title"].strip():
            problems.append({"row": i, "reason": "empty title"})
        elif row["half"] != half(key) and row["half"] not in TUNING_SETS:
            problems.append({"row": i, "reason": f"half {row['half']!r} is not the CONVENTIONS rule's"})
        elif row["level"].strip() and not row["level"].strip().isdigit():
            problems.append({"row": i, "reason": f"level {row['level']!r} is not a number"})
        else:
            kept.append({**row, "row": i})
    columns = [*labels.columns, "row"]
    return pd.DataFrame(kept, columns=columns), pd.DataFrame(problems, columns=["row", "reason"])


def classify_row(title: str, country: str | None, context: str | None) -> dict:
    """The role extraction gives a posting with this title, market and one-line text."""
    from workbench.extract import extract_posting
    from workbench.ingest import detect_language

    text = " ".join((context or "").split())
    posting = {"posting_id": "title", "source": "titles.csv", "title": title, "text": text,
               "country": country or None, "language": detect_language(f"{title}\n{text}")}
    return extract_posting(posting)[0]["role"]


def _halves(rows: pd.DataFrame) -> tuple[str, ...]:
    """The halves the file holds, in order: ``tune``, ``holdout``, then each whole-file tuning
    set (``tune2`` ...). A whole-file set has no tune or holdout rows, so those halves are left
    out rather than shown as 0/0; a file with no scorable row shows both (n = 0)."""
    present = set(rows["half"]) if len(rows) else set()
    shown = tuple(h for h in (*HALVES, *TUNING_SETS) if h in present)
    return shown or HALVES


def _agreement(rows: pd.DataFrame) -> pd.DataFrame:
    return per_half(rows, MEASURES, _halves(rows), label="measure")


def evaluate_titles(path: str | Path | None = None) -> TitleEval:
    """Classify every labelled title through extraction and measure family and level agreement.

    Raises :class:`EvaluationError` when the labelled file is missing or lacks a column.
    """
    source = Path(path) if path else config.TITLES_LABELLED
    labels = _read_labels(source)
    rows, problems = _checked(labels)
    roles = [classify_row(r["title"], r["country"], r["context"]) for r in rows.to_dict("records")]
    # Object columns: a missing level or label stays None (a numeric column would make it NaN).
    got = {f"got_{k}": pd.Series([r.get(k) for r in roles], index=rows.index, dtype=object)
           for k in ("family", "level", "level_name", "label")}
    rows = rows.assign(**got)
    rows["family_ok"] = [e == g for e, g in zip(rows["family"], got["got_family"])]
    rows["level_ok"] = [_level(e) == g for e, g in zip(rows["level"], got["got_level"])]
    rows["both_ok"] = [bool(f and lv) for f, lv in zip(rows["family_ok"], rows["level_ok"])]
    return TitleEval(agreement=_agreement(rows), rows=rows.reset_index(drop=True), problems=problems,
                     source=_shown_path(source))


def _shown_path(path: Path) -> str:
    """The labelled file as the report names it: relative to the repository when inside it."""
    try:
        return str(path.resolve().relative_to(config.ROOT))
    except ValueError:
        return str(path)


def _failure_lines(failures: pd.DataFrame) -> list[str]:
    out = []
    for r in failures.itertuples(index=False):
        context = f" [{r.context}]" if r.context else ""
        expected = f"{r.family} {r.level or '-'}"
        got = f"{r.got_family} {'-' if r.got_level is None else r.got_level}"
        out.append(f"    {r.title!r} {r.country}{context}: {expected} -> {got} ({r.got_label})")
    return out


def format_title_eval(result: TitleEval, *, show_holdout_failures: bool = False) -> str:
    """Plain-text report: agreement per measure and half with n and Wilson 95% interval,
    rows left out, the tune half's failures (the held-out half's only on request)."""
    lines = [f"role family and level against {result.source} "
             "(title field, context as the text, country as the market)", ""]
    lines.append(f"  {'measure':<8} {'half':<8} {'agree':>6} {'n':>5} {'rate':>8}   95% CI (Wilson)")
    for r in result.agreement.itertuples(index=False):
        lines.append(f"  {r.measure:<8} {r.half:<8} {r.agree:>6} {r.n:>5} {r.rate:>8.2%}   "
                     f"{r.ci_low:.2%} - {r.ci_high:.2%}")
    if len(result.problems):
        lines += ["", f"  rows left out: {len(result.problems)}"]
        lines += [f"    row {r['row']}: {r['reason']}" for r in result.problems.to_dict("records")]
    failing = result.rows[[not ok for ok in result.rows["both_ok"]]] if len(result.rows) else result.rows
    for which in _halves(result.rows):
        part = failing[failing["half"] == which]
        if which == "holdout" and not show_holdout_failures:
            lines += ["", f"  holdout failing rows: {len(part)} (listed with --show-holdout-failures)"]
            continue
        lines += ["", f"  {which} failing rows: {len(part)} (expected family level -> extracted)",
                  *_failure_lines(part)]
    return "\n".join(lines)
