"""Score the location parser against the team-labelled uk_ads locations.

The labelled set (``data/labelled/locations/uk_locations.csv``, see its README) holds,
for each of the 990 uk_ads rows, the Adzuna id, the first 12 hex digits of the SHA-1
of its ``location`` string, and the expected city and ITL1 region. The location text
itself stays in the corpus (``../shared/corpora/uk_ads``): it is read here, at
evaluation time, and checked against the stored hash; a row whose id is missing or
whose text no longer matches is listed and left out of the score.

Each row is parsed with ``country="GB"`` (the corpus is the UK market, as ingest
would mark it). A row agrees on a field when the parsed value equals the label, an
empty label meaning None. Agreement is reported per half (``tune``/``holdout`` by the
rule in ``data/labelled/CONVENTIONS.md``) with ``n`` and Wilson's 95% score interval.
Failing rows of the tune half are always printed; the held-out half's only on request.
"""

from __future__ import annotations

import hashlib
import time
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from workbench import config
from workbench.agreement import half, per_half, read_labels, wilson
from workbench.errors import EvaluationError
from workbench.places import clear_cache, parse_location, preload

__all__ = ["LocationEval", "evaluate_locations", "format_location_eval", "wilson", "half"]

LABEL_COLUMNS = ("corpus", "id", "location_sha1", "city", "region", "country", "half")
FIELDS = ("city", "region")
HALVES = ("tune", "holdout")


def _sha12(text: str) -> str:
    return hashlib.sha1(text.encode("utf-8")).hexdigest()[:12]


@dataclass
class LocationEval:
    """What :func:`evaluate_locations` measured."""

    agreement: pd.DataFrame      # field, half, n, agree, rate, ci_low, ci_high
    failures: pd.DataFrame       # id, half, location, field(s) expected and parsed
    problems: pd.DataFrame       # id, reason: rows left out of the score
    n_distinct: int = 0
    seconds_cold: float = 0.0    # CPU seconds parsing every distinct string once, cache cleared
    seconds_warm: float = 0.0    # CPU seconds parsing every row again (cache hits)
    n_rows: int = 0
    notes: list[str] = field(default_factory=list)

    def rate(self, field_name: str, which: str) -> float:
        """Agreement of ``field_name`` (city/region) on half ``which`` (tune/holdout)."""
        row = self.agreement[(self.agreement["field"] == field_name) & (self.agreement["half"] == which)]
        return float(row["rate"].iloc[0]) if len(row) else float("nan")


def _read_labels(path: Path) -> pd.DataFrame:
    return read_labels(path, LABEL_COLUMNS, absent=f"no labelled locations at {path}; pass --labels FILE",
                       see=" (see data/labelled/locations/README.md)")


def _read_corpus(path: Path) -> dict[str, str]:
    if not path.is_file():
        raise EvaluationError(
            f"the uk_ads corpus is not at {path}; put the shared folder beside the project "
            "(../shared), set WORKBENCH_SHARED, or pass --corpus FILE")
    corpus = pd.read_csv(path, dtype=str, keep_default_na=False, usecols=["adzuna_id", "location"])
    return dict(zip(corpus["adzuna_id"], corpus["location"]))


def _join(labels: pd.DataFrame, locations: dict[str, str]) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Labelled rows with their location text, and the rows left out with the reason."""
    kept, problems = [], []
    for row in labels.to_dict("records"):
        text = locations.get(row["id"])
        if text is None:
            problems.append({"id": row["id"], "reason": "id not in the corpus"})
        elif _sha12(text) != row["location_sha1"]:
            problems.append({"id": row["id"], "reason": "location text no longer matches location_sha1"})
        elif half(f"{row['corpus']}:{row['id']}") != row["half"]:
            problems.append({"id": row["id"], "reason": f"half {row['half']!r} is not the CONVENTIONS rule's"})
        else:
            kept.append({**row, "location": text})
    return (pd.DataFrame(kept, columns=[*labels.columns, "location"]),
            pd.DataFrame(problems, columns=["id", "reason"]))


def _parse_all(rows: pd.DataFrame, country: str) -> tuple[list, float, float, int]:
    """Parsed places per row, with cold (distinct strings, empty cache) and warm timings."""
    distinct = list(dict.fromkeys(rows["location"]))
    preload()  # the gazetteer is read once per process: not timed
    clear_cache()
    t0 = time.process_time()  # CPU time: what one core spends, whatever else the machine runs
    for text in distinct:
        parse_location(text, country)
    cold = time.process_time() - t0
    t0 = time.process_time()
    places = [parse_location(text, country) for text in rows["location"]]
    warm = time.process_time() - t0
    return places, cold, warm, len(distinct)


def _agreement(rows: pd.DataFrame) -> pd.DataFrame:
    return per_half(rows, FIELDS, HALVES, label="field")


def evaluate_locations(labels_path: str | Path | None = None, corpus_path: str | Path | None = None,
                       *, country: str = "GB") -> LocationEval:
    """Parse every labelled uk_ads location and measure city and region agreement.

    Raises :class:`EvaluationError` when the labelled file or the corpus is missing.
    """
    labels = _read_labels(Path(labels_path) if labels_path else config.LOCATIONS_LABELLED)
    locations = _read_corpus(Path(corpus_path) if corpus_path else config.UK_ADS_CSV)
    rows, problems = _join(labels, locations)
    places, cold, warm, n_distinct = _parse_all(rows, country)
    rows = rows.assign(got_city=[p.city for p in places], got_region=[p.region for p in places])
    for field_name in FIELDS:
        expected = [value or None for value in rows[field_name]]  # an empty label means None
        parsed = [getattr(p, field_name) for p in places]  # None stays None (a column would say NaN)
        rows[f"{field_name}_ok"] = [e == g for e, g in zip(expected, parsed)]
    failing = rows[~(rows["city_ok"] & rows["region_ok"])]
    failures = failing[["id", "half", "location", "city", "got_city", "region", "got_region"]]
    return LocationEval(agreement=_agreement(rows), failures=failures.reset_index(drop=True),
                        problems=problems, n_distinct=n_distinct, seconds_cold=cold,
                        seconds_warm=warm, n_rows=len(rows))


def _shown(value) -> str | None:
    """A label or parsed value as printed: empty and missing both read None."""
    return None if value is None or value != value or value == "" else str(value)


def _failure_lines(failures: pd.DataFrame) -> list[str]:
    """One line per distinct failing string, with how many rows share it."""
    counts: dict[tuple, int] = {}
    for r in failures.itertuples(index=False):
        key = (r.location, *(_shown(v) for v in (r.city, r.got_city, r.region, r.got_region)))
        counts[key] = counts.get(key, 0) + 1
    return [f"    {text!r} x{n}: city {city!r} -> {got_city!r}, region {region!r} -> {got_region!r}"
            for (text, city, got_city, region, got_region), n in counts.items()]


def format_location_eval(result: LocationEval, *, show_holdout_failures: bool = False) -> str:
    """Plain-text report: agreement per field and half with n and Wilson 95% interval,
    timing, rows left out, the tune half's failures (and the held-out half's on request)."""
    lines = ["uk_ads locations against data/labelled/locations/uk_locations.csv (country GB)", ""]
    lines.append(f"  {'field':<7} {'half':<8} {'agree':>7} {'n':>5} {'rate':>8}   95% CI (Wilson)")
    for r in result.agreement.itertuples(index=False):
        lines.append(f"  {r.field:<7} {r.half:<8} {r.agree:>7} {r.n:>5} {r.rate:>8.2%}   "
                     f"{r.ci_low:.2%} - {r.ci_high:.2%}")
    per_string = result.seconds_cold / result.n_distinct * 1e6 if result.n_distinct else float("nan")
    per_row = result.seconds_warm / result.n_rows * 1e6 if result.n_rows else float("nan")
    lines += ["", f"  parse time (CPU): {per_string:.0f} us per distinct string uncached "
                  f"({result.n_distinct} strings), {per_row:.2f} us per row cached ({result.n_rows} rows)"]
    if len(result.problems):
        lines += ["", f"  rows left out: {len(result.problems)}"]
        lines += [f"    {r['id']}: {r['reason']}" for r in result.problems.to_dict("records")]
    for which in HALVES:
        part = result.failures[result.failures["half"] == which]
        if which == "holdout" and not show_holdout_failures:
            lines += ["", f"  holdout failing rows: {len(part)} (listed with --show-holdout-failures)"]
            continue
        lines += ["", f"  {which} failing rows: {len(part)}", *_failure_lines(part)]
    return "\n".join(lines)
