"""Base pay found in whole postings against the base pay a labeller read in their text.

``workbench eval documents --labels paydocs`` reads ``data/labelled/paydocs/paydocs.csv``
(``config.PAYDOCS_LABELLED``; any CSV with its columns may be passed instead): postings
of the shared corpora, each read in full by someone who does not tune the engine and
labelled with the first base pay its **text** states (not the board's structured pay).
Every labelled posting goes down the product path (:func:`workbench.corpora.run_product_path`:
a CSV of posting fields read by ingest, extracted, the bench pay point), as
``workbench eval documents --corpus`` sends a corpus.

Definitions (printed with the figures)
--------------------------------------
Label: ``category`` ``base_pay`` (``low``/``high``, an open end left empty, ``currency``,
    ``period``) or ``none`` / ``non_pay_money`` / ``board_estimate`` (no base pay stated).
    ``several`` = ``true``: the text states more than one base pay (header and body differ,
    pay per location, during and after probation); the label is the first.
Agreement (``base_pay`` postings): the engine's first base pay (the base mention of the
    first record with a bench pay point) agrees with the label as
    :func:`workbench.document_eval.classify` defines it: the label's currency and period,
    low and high within 1%; a one-sided figure counts as both ends of a labelled range;
    a one-ended label needs that end stated and the other open. A ``several`` posting
    also agrees when the engine's pay is another base statement of the text: the label's
    currency and period, and its figures written in the text as one statement
    (:func:`workbench.document_eval.written_as_statement`: both ends of one range, or one
    figure on its own, not as on-target earnings only). A ``several`` posting whose labeller
    tagged it ``location_ranges`` (base pay stated once per location tier) also agrees when
    the engine's pay is the envelope of the tiers, the pay point the engine gives such a
    posting and the boards' structured pay for it (README, "Base pay stated per location
    tier"; data/labelled/CONVENTIONS.md, "Pay stated per location"): the label's currency
    and period, a range holding the label, its low end written as one statement's low end
    and its high end as one statement's high end
    (:func:`workbench.document_eval.written_as_envelope`).
Precision: reported base pays that agree / postings given a pay point (``base_pay`` and
    no-pay postings; a pay point on a no-pay posting is never right).
True-negative rate: no-pay postings given no pay point / no-pay postings.
Error kinds: those of ``workbench eval documents`` (``missed``, ``far_end_lost``,
    ``far_end_added``, ``wrong_end``, ``wrong_amount``, ``wrong_currency``,
    ``wrong_period``, ``non_pay_taken``). Intervals are Wilson's 95% score intervals.
Unusable rows (listed with their reason, never scored): an unknown corpus or one whose
    file is absent, an id the corpus lacks, a ``field`` other than the corpus's text
    column, a ``text_sha1`` the text no longer has, a ``base_pay`` row without an amount,
    currency or period.
Team-written texts: a row whose ``corpus`` is ``team`` carries its posting in the label
    file itself (``text``, with ``title`` and ``location`` as a board shows them; ``field`` is
    ``text``), since the team's own text may be stored; ``text_sha1`` is checked against it
    and its half is ``evaluate.half("team:<id>")`` (data/labelled/paytexts/).
Halves: the set is written on the tuning half (``half`` = ``tune``); failing rows of any
    other half are never printed unless asked for (``show_holdout_failures``).
"""

from __future__ import annotations

import math
import re
import time
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from workbench import config
from workbench.agreement import TUNING_HALVES, half, read_labels, wilson
from workbench.corpora import (
    POSTING_FIELDS,
    SPECS,
    load_corpus,
    run_product_path,
    text_sha1,
)
from workbench.document_eval import (
    ERROR_KINDS,
    TOLERANCE,
    Expectation,
    classify,
    failure_line,
    written_as_envelope,
    written_as_statement,
)
from workbench.errors import CorpusError, EvaluationError

__all__ = ["COLUMNS", "NO_PAY", "read_paydocs", "evaluate_paydocs", "PaydocsResult", "summary",
           "format_paydocs", "resolve_labels"]

COLUMNS = ("corpus", "id", "field", "text_sha1", "category", "low", "high", "currency", "period",
           "several", "half")
NO_PAY = frozenset({"none", "non_pay_money", "board_estimate"})
CATEGORIES = NO_PAY | {"base_pay"}
PERIODS = frozenset({"hour", "day", "week", "month", "year"})
# The labellers' shape tag of a posting that states its base pay once per location.
LOCATION_TIERS_TAG = "location_ranges"


_SET_NAME = re.compile(r"paydocs[0-9]*")


def resolve_labels(value: str | None) -> Path:
    """``"paydocs"`` (or nothing) is the committed set, ``"paydocs2"`` ... a later committed
    set (:func:`workbench.config.paydocs_set`); anything else is a CSV path."""
    if value in (None, ""):
        return config.PAYDOCS_LABELLED
    if _SET_NAME.fullmatch(value):
        return config.paydocs_set(value)
    return Path(value)


def read_paydocs(path: Path | None = None) -> pd.DataFrame:
    """The labelled postings as strings (a typed error when the file or a column is missing,
    or a category is not one of :data:`CATEGORIES`)."""
    path = Path(path) if path is not None else config.PAYDOCS_LABELLED
    labels = read_labels(path, COLUMNS, absent=(
        f"no labelled postings at {path}; the paydocs set lives in data/labelled/paydocs/ "
        "(git rebase main once it has landed) or pass --labels PATH"),
        see=" (data/labelled/paydocs/README.md)")
    unknown = sorted(set(labels["category"]) - CATEGORIES)
    if unknown:
        raise EvaluationError(f"{path}: unknown category {', '.join(unknown)}; use "
                              f"{', '.join(sorted(CATEGORIES))}")
    labels.attrs["path"] = str(path)
    return labels


def _amount(value: str) -> float | None:
    try:
        number = float(value)
    except (TypeError, ValueError):
        return None
    return number if math.isfinite(number) and number > 0 else None


def _label_problem(row: dict) -> str | None:
    """Why a ``base_pay`` row cannot be scored (None when it can)."""
    if row["category"] != "base_pay":
        return None
    low, high = _amount(row["low"]), _amount(row["high"])
    if low is None and high is None:
        return "base_pay row without an amount"
    if low is not None and high is not None and low > high:
        return "base_pay row with low above high"
    if not row["currency"].strip() or row["period"].strip() not in PERIODS:
        return f"base_pay row without a currency or a period of {', '.join(sorted(PERIODS))}"
    return None


def _expectation(row: dict) -> Expectation:
    return Expectation(_amount(row["low"]), _amount(row["high"]), row["currency"].strip().upper(),
                       row["period"].strip())


@dataclass
class PaydocsResult:
    """Per-posting outcome (``rows``), the rows that could not be used (``unusable``:
    ``corpus, id, reason``), the label file and the run's time."""

    rows: pd.DataFrame
    unusable: pd.DataFrame
    path: str
    seconds: float
    runs: dict = field(default_factory=dict)


def _corpus_rows(name: str, labels: pd.DataFrame, corpora: Path | None):
    """The corpus postings of ``labels`` (one corpus) and the label rows it cannot serve."""
    spec = SPECS.get(name)
    if spec is None or "description" not in spec.columns:
        return None, [(name, i, f"unknown corpus {name!r}") for i in labels["id"]]
    try:
        frame = load_corpus(spec, corpora)
    except CorpusError as exc:
        return None, [(name, i, str(exc)) for i in labels["id"]]
    by_id = frame.drop_duplicates("id").set_index("id")
    keep, bad = [], []
    for row in labels.to_dict("records"):
        reason = _row_problem(row, spec.columns["description"], by_id)
        if reason:
            bad.append((name, row["id"], reason))
        else:
            keep.append(row["id"])
    postings = by_id.loc[keep].reset_index() if keep else None
    return postings, bad


TEAM = "team"  # rows whose text is in the label file (team-written postings)
_TEAM_FIELDS = ("text", "title", "location")


def _team_problem(row: dict) -> str | None:
    if row["field"] != "text" or not row.get("text", "").strip():
        return "a team-written row needs field 'text' and the posting in its text column"
    if text_sha1(row["text"]) != row["text_sha1"]:
        return "text_sha1 does not match the row's text"
    return _label_problem(row)


def _team_rows(labels: pd.DataFrame):
    """The team-written postings of ``labels`` (their text is in the label row) and the rows
    that cannot be used."""
    if "text" not in labels.columns:
        return None, [(TEAM, i, "a team-written set needs a text column") for i in labels["id"]]
    keep, bad = [], []
    for row in labels.to_dict("records"):
        reason = _team_problem(row)
        if reason:
            bad.append((TEAM, row["id"], reason))
        else:
            keep.append(row)
    if not keep:
        return None, bad
    keys = [f"{TEAM}:{r['id']}" for r in keep]
    frame = {"id": [r["id"] for r in keep], "key": keys, "half": [half(k) for k in keys],
             "text_sha1": [r["text_sha1"] for r in keep]}
    for name in POSTING_FIELDS:
        column = "text" if name == "description" else name
        frame[name] = [r.get(column, "") for r in keep]
    return pd.DataFrame(frame), bad


def _row_problem(row: dict, text_column: str, by_id: pd.DataFrame) -> str | None:
    if row["field"] != text_column:
        return f"field {row['field']!r} is not the corpus's text column {text_column!r}"
    if row["id"] not in by_id.index:
        return "id not in the corpus"
    if by_id.at[row["id"], "text_sha1"] != row["text_sha1"]:
        return "text_sha1 no longer matches the corpus text"
    return _label_problem(row)


def _postings(labels: pd.DataFrame, corpora: Path | None) -> tuple[pd.DataFrame, list]:
    """Every usable labelled posting (label columns + corpus fields) and the unusable rows."""
    frames, unusable = [], []
    dup = labels.duplicated(["corpus", "id"], keep="first")
    unusable += [(c, i, "the same posting labelled twice (the first row is used)")
                 for c, i in zip(labels.loc[dup, "corpus"], labels.loc[dup, "id"])]
    labels = labels[~dup]
    for name, part in labels.groupby("corpus", sort=True):
        postings, bad = _team_rows(part) if name == TEAM else _corpus_rows(name, part, corpora)
        unusable += bad
        if postings is not None:
            own = [c for c in ("half", *_TEAM_FIELDS) if c in part.columns]
            merged = part.drop(columns=own).merge(
                postings.drop(columns=["text_sha1"]), on="id", how="inner")
            frames.append(merged)
    if not frames:
        return pd.DataFrame(), unusable
    return pd.concat(frames, ignore_index=True), unusable


def _several(row: dict) -> bool:
    return str(row.get("several", "")).strip().lower() in ("true", "1", "yes")


def _got(pay_row: dict) -> dict | None:
    blank = [v is None or (isinstance(v, float) and math.isnan(v)) for v in
             (pay_row.get("low"), pay_row.get("high"))]
    return None if all(blank) else pay_row


def _other_statement(exp: Expectation, got: dict, text: str) -> bool:
    """A ``several`` posting: is the engine's pay another base statement of the text?"""
    if got.get("currency") != exp.currency or got.get("period") != exp.period:
        return False
    ends = [float(v) for v in (got.get("low"), got.get("high"))
            if v is not None and not (isinstance(v, float) and math.isnan(v))]
    return written_as_statement(text, min(ends), max(ends))


def _location_tiers(row: dict) -> bool:
    return LOCATION_TIERS_TAG in str(row.get("shape", "")).split(";")


def _tier_envelope(exp: Expectation, got: dict, text: str) -> bool:
    """A ``several`` posting tagged ``location_ranges``: is the engine's pay the envelope of
    the stated tiers, holding the label (the first tier), its low end written as one
    statement's low end and its high end as one statement's high end?"""
    if got.get("currency") != exp.currency or got.get("period") != exp.period:
        return False
    ends = [float(v) for v in (got.get("low"), got.get("high"))
            if v is not None and not (isinstance(v, float) and math.isnan(v))]
    low, high = min(ends), max(ends)
    label = [v for v in (exp.low, exp.high) if v is not None]
    inside = all(low * (1 - TOLERANCE) <= v <= high * (1 + TOLERANCE) for v in label)
    return inside and low < high and written_as_envelope(text, low, high)


def _another_reading(row: dict, exp: Expectation, got: dict) -> str | None:
    """How a ``several`` posting whose first statement the engine did not give still agrees
    (``other_statement``, ``tier_envelope``), or None."""
    if not _several(row):
        return None
    if _other_statement(exp, got, row["description"]):
        return "other_statement"
    if _location_tiers(row) and _tier_envelope(exp, got, row["description"]):
        return "tier_envelope"
    return None


def score_row(row: dict, pay_row: dict) -> dict:
    """One posting's outcome: ``status`` (``scored`` / ``nopay``), ``kind`` (None = right),
    ``reported`` and ``via`` (``label``, ``other_statement`` or ``tier_envelope`` for an
    agreeing posting)."""
    got = _got(pay_row)
    if row["category"] in NO_PAY:
        return {"status": "nopay", "kind": None if got is None else "non_pay_taken",
                "reported": got is not None, "via": None}
    exp = _expectation(row)
    kind = classify(exp, got)
    via = "label" if kind is None else None
    if kind is not None and got is not None:
        via = _another_reading(row, exp, got)
        kind = None if via is not None else kind
    return {"status": "scored", "kind": kind, "reported": got is not None, "via": via}


def evaluate_paydocs(path: Path | None = None, *, corpora: Path | None = None) -> PaydocsResult:
    """Send every labelled posting down the product path and score it (module doc)."""
    t0 = time.perf_counter()
    labels = read_paydocs(path)
    postings, unusable = _postings(labels, corpora)
    rows, runs = [], {}
    if len(postings):
        run = run_product_path(postings)
        runs = run.seconds
        for row, pay_row in zip(postings.to_dict("records"), run.pay.to_dict("records")):
            rows.append({"corpus": row["corpus"], "id": row["id"], "key": row["key"],
                         "half": row["half"], "category": row["category"],
                         "several": _several(row), "shape": row.get("shape", ""),
                         **score_row(row, pay_row),
                         **{f"exp_{c}": row[c] for c in ("low", "high", "currency", "period")},
                         **{f"got_{c}": pay_row.get(c) for c in
                            ("low", "high", "currency", "period", "component", "start", "end")}})
    bad = pd.DataFrame(unusable, columns=["corpus", "id", "reason"])
    return PaydocsResult(pd.DataFrame(rows), bad, labels.attrs["path"], time.perf_counter() - t0, runs)


# ----------------------------------------------------------------------------- figures


def _figures(part: pd.DataFrame) -> dict:
    """Agreement, precision and true-negative rate of a set of outcome rows."""
    if part.empty:
        return {"n": 0, "agree": 0, "reported": 0, "nopay_n": 0, "true_negatives": 0,
                "kinds": dict.fromkeys(ERROR_KINDS, 0), "other_statement": 0, "tier_envelope": 0}
    scored, nopay = part[part["status"] == "scored"], part[part["status"] == "nopay"]
    agree = int(scored["kind"].isna().sum())
    return {"n": len(scored), "agree": agree, "reported": int(part["reported"].sum()),
            "nopay_n": len(nopay), "true_negatives": int((~nopay["reported"].astype(bool)).sum()),
            "kinds": {k: int((part["kind"] == k).sum()) for k in ERROR_KINDS},
            "other_statement": int((scored["via"] == "other_statement").sum()),
            "tier_envelope": int((scored["via"] == "tier_envelope").sum())}


def summary(result: PaydocsResult) -> dict:
    """The figures per corpus and overall (what :func:`format_paydocs` prints), each with
    ``agree``/``n``, ``agree``/``reported`` (precision), ``true_negatives``/``nopay_n``."""
    rows = result.rows
    corpora = sorted(set(rows["corpus"])) if len(rows) else []
    out = {}
    for name in corpora:
        part = rows[rows["corpus"] == name]
        out[name] = _figures(part)
        halves = sorted(set(part["half"]), key=lambda h: (h not in TUNING_HALVES, h))
        if len(halves) > 1:  # a set split by the hash rule: each half on its own line too
            out.update({f"{name} {h}": _figures(part[part["half"] == h]) for h in halves})
    out["overall"] = _figures(rows)
    return out


def _share(k: int, n: int) -> str:
    if n == 0:
        return f"{k:>4}/{n:<4}      –"
    lo, hi = wilson(k, n)
    return f"{k:>4}/{n:<4} {k / n:6.1%} [{lo:5.1%}, {hi:5.1%}]"


def _failure_lines(rows: pd.DataFrame, show_holdout: bool) -> list[str]:
    failing = rows[rows["kind"].notna()] if len(rows) else rows
    if len(failing) and not show_holdout:
        failing = failing[failing["half"].isin(TUNING_HALVES)]
    lines = [f"  failing postings ({'every half' if show_holdout else 'tuning halves only'}): "
             f"{len(failing)}"]
    for r in failing.itertuples(index=False):
        lines.append(f"    {failure_line(r)}{'; several' if r.several else ''}; shape {r.shape}")
    return lines


def _shape_lines(rows: pd.DataFrame) -> list[str]:
    """Failures per shape tag (a posting counts under each of its tags)."""
    if not len(rows) or "shape" not in rows:
        return []
    failing = rows[rows["kind"].notna()]
    tags = pd.Series([t for s in failing["shape"].fillna("") for t in str(s).split(";") if t])
    if tags.empty:
        return []
    counts = ", ".join(f"{t} {n}" for t, n in tags.value_counts().items())
    return [f"  failures by shape tag: {counts}"]


def format_paydocs(result: PaydocsResult, *, show_holdout_failures: bool = False) -> str:
    """The plain-text report (every definition is in the module doc)."""
    s = summary(result)
    n_rows = len(result.rows)
    lines = [f"{Path(result.path).stem} ({result.path}): {n_rows} labelled postings through ingest -> extract -> "
             f"bench pay point ({result.seconds:.1f} s); unusable rows: {len(result.unusable)}",
             "  agreement: the first base pay found has the label's currency and period, low and high "
             "within 1% (a 'several' posting: or another base statement of its text, or, stated per "
             "location, the envelope of its tiers);",
             "  precision: agreeing / given a pay point; true negatives: no-pay postings given none "
             "(Wilson 95%)",
             f"  {'corpus':<14} {'agreement':<30} {'precision':<30} {'true negatives':<30}"]
    for name, d in s.items():
        lines.append(f"  {name:<14} {_share(d['agree'], d['n']):<30} "
                     f"{_share(d['agree'], d['reported']):<30} "
                     f"{_share(d['true_negatives'], d['nopay_n']):<30}")
    shown = result.rows
    if len(shown) and not show_holdout_failures:
        shown = shown[shown["half"].isin(TUNING_HALVES)]
    read = _figures(shown)
    which = "" if len(shown) == n_rows else " (tuning halves only)"
    lines.append(f"  error kinds{which}: " + (", ".join(f"{k} {v}" for k, v in read["kinds"].items() if v)
                                               or "none"))
    lines.append(f"  agreeing through another base statement of a 'several' posting: "
                 f"{s['overall']['other_statement']}; through the envelope of its location tiers: "
                 f"{s['overall']['tier_envelope']}")
    for corpus, rid, reason in result.unusable.itertuples(index=False):
        lines.append(f"  unusable {corpus}:{rid}: {reason}")
    lines += _shape_lines(shown)
    lines += _failure_lines(result.rows, show_holdout_failures)
    return "\n".join(lines)
