"""Score time-allocation splits against the labelled corpus postings (``workbench eval timesplits``).

The labelled set (``data/labelled/timesplits/timesplits.csv``, see its README) holds
every posting of linkedin_us, hh_ru, uk_ads and glassdoor whose text holds a
percentage, judged by an independent labeller as ``time_split`` (the job's working
time divided among duties, with the shares), ``condition`` (travel, on-site/remote,
physical demands ...) or ``other_percent``. Ids and hashes only: the text is read
from ``../shared/corpora`` at evaluation time and checked against ``text_sha1``.

Every posting of those corpora goes down the product path
(:func:`workbench.corpora.run_product_path`: a CSV of the posting fields, ingest,
extraction). A posting **gets a split** when one of its records has a time
allocation. Per half (``tune``/``holdout`` by the CONVENTIONS rule):

* **precision** = postings that get a split and are labelled ``time_split`` /
  postings that get a split (a posting outside the labelled set has no percentage,
  so a split found there counts against precision);
* **recall** = labelled ``time_split`` postings that get a split / labelled
  ``time_split`` postings;
* **shares agree**: of the true positives, those whose raw shares, in text order,
  equal the labelled shares (a labelled range such as ``70-80`` matches either end).

Each with ``n`` and Wilson's 95% score interval. The tune half's wrong postings are
listed; the held-out half's only on request.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from workbench import config
from workbench.agreement import half, read_labels, wilson
from workbench.errors import EvaluationError

__all__ = ["TimesplitEval", "evaluate_timesplits", "format_timesplit_eval", "CORPORA"]

LABEL_COLUMNS = ("corpus", "id", "field", "text_sha1", "category", "n_shares", "shares", "half")
CATEGORIES = ("time_split", "condition", "other_percent")
CORPORA = ("linkedin_us", "hh_ru", "uk_ads", "glassdoor")
HALVES = ("tune", "holdout")


@dataclass
class TimesplitEval:
    """What :func:`evaluate_timesplits` measured."""

    scores: pd.DataFrame     # measure, half, n, hits, rate, ci_low, ci_high
    rows: pd.DataFrame       # corpus, id, half, category ("" when unlabelled), got_split, got_shares, shares_ok
    problems: pd.DataFrame   # corpus, id, reason: labelled rows left out

    def rate(self, measure: str, which: str) -> float:
        """``precision``/``recall``/``shares`` on half ``which``."""
        row = self.scores[(self.scores["measure"] == measure) & (self.scores["half"] == which)]
        return float(row["rate"].iloc[0]) if len(row) else float("nan")


def _read_labels(path: Path) -> pd.DataFrame:
    labels = read_labels(path, LABEL_COLUMNS, absent=f"no labelled time splits at {path}; pass --labels FILE "
                         "(see data/labelled/timesplits/README.md)")
    bad = sorted(set(labels["category"]) - set(CATEGORIES))
    if bad:
        raise EvaluationError(f"{path}: unknown category {', '.join(bad)}; use {', '.join(CATEGORIES)}")
    return labels


def _split_of(tables: dict[str, pd.DataFrame]) -> dict[str, list[float]]:
    """``posting_id -> raw shares`` (text order) of the first record that has a time allocation."""
    ta, records = tables["time_allocation"], tables["records"]
    if ta.empty:
        return {}
    ta = ta.merge(records[["record_id", "posting_id"]], on="record_id", how="left")
    ta = ta.assign(record=ta["record_id"].str.rsplit(":", n=1).str[-1].astype(int))
    out: dict[str, list[float]] = {}
    for (posting, _record), part in ta.sort_values(["posting_id", "record", "idx"]).groupby(
            ["posting_id", "record"], sort=True):
        out.setdefault(posting, [float(v) for v in part["raw_share"]])
    return out


def _shares_match(got: list[float], labelled: str) -> bool:
    wanted = [w.strip() for w in labelled.split(";") if w.strip()]
    if len(got) != len(wanted):
        return False
    for value, want in zip(got, wanted):
        ends = [float(x) for x in want.split("-")]
        if not any(abs(value - e) < 1e-6 for e in ends):
            return False
    return True


def _corpus_rows(name: str, labels: pd.DataFrame, corpora: Path | None) -> tuple[list[dict], list[dict]]:
    """Scored rows (every posting of the corpus) and the labelled rows left out."""
    from workbench.corpora import load_corpus, run_product_path, spec_for

    frame = load_corpus(spec_for(name), corpora)
    run = run_product_path(frame)
    splits = _split_of(run.tables)
    posting_of_row = dict(run.pay[["row", "posting_id"]].dropna().itertuples(index=False, name=None))
    own = {r["id"]: r for r in labels[labels["corpus"] == name].to_dict("records")}
    rows, problems = [], []
    seen = set()
    for i, (pid, sha1) in enumerate(zip(frame["id"], frame["text_sha1"])):
        label = own.get(pid)
        if label is not None:
            seen.add(pid)
            if label["text_sha1"] != sha1:
                problems.append({"corpus": name, "id": pid, "reason": "text no longer matches text_sha1"})
                continue
            if label["half"] != half(f"{name}:{pid}"):
                problems.append({"corpus": name, "id": pid, "reason": "half is not the CONVENTIONS rule's"})
                continue
        got = splits.get(posting_of_row.get(i, ""), [])
        category = label["category"] if label is not None else ""
        rows.append({"corpus": name, "id": pid, "half": half(f"{name}:{pid}"), "category": category,
                     "got_split": bool(got), "got_shares": ";".join(f"{v:g}" for v in got),
                     "labelled_shares": label["shares"] if label is not None else "",
                     "shares_ok": category == "time_split" and bool(got) and _shares_match(got, label["shares"])})
    problems += [{"corpus": name, "id": pid, "reason": "id not in the corpus"} for pid in own if pid not in seen]
    return rows, problems


def _score(rows: pd.DataFrame) -> pd.DataFrame:
    out = []
    for which in HALVES:
        part = rows[rows["half"] == which]
        got = part[part["got_split"]]
        labelled = part[part["category"] == "time_split"]
        found = labelled[labelled["got_split"]]
        for measure, hits, n in (("precision", int((got["category"] == "time_split").sum()), len(got)),
                                 ("recall", len(found), len(labelled)),
                                 ("shares", int(found["shares_ok"].sum()), len(found))):
            low, high = wilson(hits, n)
            out.append({"measure": measure, "half": which, "n": n, "hits": hits,
                         "rate": hits / n if n else float("nan"), "ci_low": low, "ci_high": high})
    return pd.DataFrame(out)


def evaluate_timesplits(labels_path: str | Path | None = None, corpora: str | Path | None = None,
                        names: tuple[str, ...] = CORPORA) -> TimesplitEval:
    """Run the corpora through the product path and score the time splits found.

    Raises :class:`EvaluationError` when the labelled file is missing or malformed;
    a missing corpus raises :class:`workbench.errors.CorpusError`.
    """
    labels = _read_labels(Path(labels_path) if labels_path else config.TIMESPLITS_LABELLED)
    rows, problems = [], []
    for name in names:
        got, bad = _corpus_rows(name, labels, Path(corpora) if corpora else None)
        rows += got
        problems += bad
    frame = pd.DataFrame(rows, columns=["corpus", "id", "half", "category", "got_split", "got_shares",
                                        "labelled_shares", "shares_ok"])
    return TimesplitEval(scores=_score(frame), rows=frame,
                         problems=pd.DataFrame(problems, columns=["corpus", "id", "reason"]))


def _wrong(rows: pd.DataFrame) -> pd.DataFrame:
    """Postings scored wrong: a split that is none, a split missed, or shares that differ."""
    false_pos = rows["got_split"] & (rows["category"] != "time_split")
    missed = ~rows["got_split"] & (rows["category"] == "time_split")
    shares = rows["got_split"] & (rows["category"] == "time_split") & ~rows["shares_ok"]
    return rows[false_pos | missed | shares]


def _wrong_lines(rows: pd.DataFrame) -> list[str]:
    out = []
    for r in rows.itertuples(index=False):
        labelled = r.category or "unlabelled"
        if r.category == "time_split":
            labelled += f" {r.labelled_shares}"
        out.append(f"    {r.corpus}:{r.id} labelled {labelled}; got {r.got_shares or 'no split'}")
    return out


def format_timesplit_eval(result: TimesplitEval, *, show_holdout_failures: bool = False) -> str:
    """Plain-text report: precision, recall and share agreement per half with n and Wilson
    95% interval, counts per corpus, rows left out, the tune half's wrong postings."""
    lines = ["time splits against data/labelled/timesplits/timesplits.csv (product path: ingest -> extract)", ""]
    lines.append(f"  {'measure':<10} {'half':<8} {'hits':>5} {'n':>5} {'rate':>8}   95% CI (Wilson)")
    for r in result.scores.itertuples(index=False):
        rate = f"{r.rate:>8.2%}" if r.n else f"{'-':>8}"
        ci = f"{r.ci_low:.2%} - {r.ci_high:.2%}" if r.n else "-"
        lines.append(f"  {r.measure:<10} {r.half:<8} {r.hits:>5} {r.n:>5} {rate}   {ci}")
    rows = result.rows
    shown = rows if show_holdout_failures else rows[rows["half"] == "tune"]
    lines += ["", "  postings with a split, by corpus and label (" +
              ("both halves" if show_holdout_failures else "tune half") + "):"]
    got = shown[shown["got_split"]]
    for corpus in CORPORA:
        part = got[got["corpus"] == corpus]
        counts = part["category"].replace("", "unlabelled").value_counts().to_dict()
        lines.append(f"    {corpus:<12} {len(part):>4}  " + ", ".join(f"{k} {v}" for k, v in sorted(counts.items())))
    if len(result.problems):
        lines += ["", f"  labelled rows left out: {len(result.problems)}"]
        lines += [f"    {r['corpus']}:{r['id']}: {r['reason']}" for r in result.problems.to_dict("records")]
    wrong = _wrong(rows)
    for which in HALVES:
        part = wrong[wrong["half"] == which]
        if which == "holdout" and not show_holdout_failures:
            lines += ["", f"  holdout wrong postings: {len(part)} (listed with --show-holdout-failures)"]
            continue
        lines += ["", f"  {which} wrong postings: {len(part)}", *_wrong_lines(part)]
    return "\n".join(lines)
