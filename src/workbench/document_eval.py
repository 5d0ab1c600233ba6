"""Measure extraction on real postings, through the product path, against their structured pay.

``workbench eval documents --corpus NAME`` loads a corpus (:mod:`workbench.corpora`),
sends every posting through ingest, extraction and the bench pay point with the
structured pay held out, and compares the pay found with the held-out labels.

Definitions (printed with the figures)
--------------------------------------
Label issue (the committed rule; such postings are excluded and listed):
    * ``estimate``: the label is the board's estimate, not the advertiser's figure
      (uk_ads ``salary_looks_predicted``: the "per year - estimated" marker, or
      min = max with pennies);
    * ``noisy_period``: the label's period is known to be wrong (linkedin_us
      ``BIWEEKLY``: its figures are annual, as the README shows);
    * ``labelled_no_pay``: the no-pay label set says the text states no base pay
      (the posting counts for the true-negative rate instead);
    * ``figure_not_in_text``: the corpus's own flag says the text has no money
      figure (linkedin_us ``desc_has_dollar_amount``, hh_ru ``desc_mentions_money``,
      uk_ads ``desc_mentions_gbp``), or a stated bound of the label does not
      appear in the text (read by :func:`figures_in`, a reader independent of the
      salary engine, which takes digits glued to a letter, "IR35", for a code): as
      written, to the cent, or within 1% for a label that annualises the stated
      figure. For uk_ads, whose labels are annualised, the bound may
      appear as an hourly (x 2,080) or daily (x 260) figure; the factor found
      gives the stated figure and period that are compared.
    The text contradicts the label (each read from the label's figures in the text,
    by this module's own small reader, never by the salary engine):
    * ``ote_label``: every place a bound of the label is written states it as
      on-target earnings (OTE, on-target earnings, a commissions target) and not as
      base pay: the board's salary field holds the OTE or base-to-OTE, while the
      engine reports base pay only;
    * ``open_end_not_stated``: the label has one end only ("от"/"from" or
      "до"/"up to", hh_ru's and the README's meaning of a missing bound), but the
      text never states that figure with that end's word ("от", "from", "min",
      "+" after it; "до", "up to", "max"), as an open end rather than an end of a
      range: it states a plain figure ("400 руб."), the other end, or a range;
    * ``single_figure_of_range``: the label is one figure (min = max) that the text
      writes only as one end of a range of two different figures ("£45,000 -
      £55,000" labelled 55,000).
    A posting with no structured pay is unlabelled, not a label issue.
Agreement:
    the base mention of the first record with a bench pay point has the label's
    currency and period, and its low and high are within 1% of the label's. When
    the label has both ends, the engine's one-sided figure counts as both ends (as
    bench counts it); when the label has one end only (hh.ru "от"/"до"), the same
    end must be stated and the other left open. The interval is Wilson's 95% score
    interval (``statsmodels`` ``proportion_confint(method="wilson")``).
Error kinds of a scored posting that does not agree, tested in this order:
    ``missed`` (no pay point); then the amounts: ``far_end_lost`` (the label is
    a range, the engine kept one end of it), ``far_end_added`` (the label has
    one figure, the engine a range from it), ``wrong_end`` (the label's one end
    read as the other), ``wrong_amount`` (another figure); then, with the right
    amounts, ``wrong_currency`` and ``wrong_period``.
    A posting labelled as stating no base pay that gets a pay point is
    ``non_pay_taken``.
No-pay labels (``data/labelled/nopay/nopay_postings.csv``, ``config.NOPAY_LABELLED``;
optional; columns ``corpus, id, text_sha1, category`` read): categories ``none``, ``non_pay_money`` and
``board_estimate`` state no base pay, ``base_pay`` states it. A row whose
``text_sha1`` no longer matches the corpus text is listed and not used.
True-negative rate:
    no-pay labelled postings with no pay point / no-pay labelled postings.
Precision:
    reported base pays that are right / reported base pays, over the scored
    postings (right = agrees) and the no-pay labelled postings (never right).
Halves: ``evaluate.half("<corpus>:<id>")``. Failing rows of the held-out half are
never printed unless asked for (``show_holdout_failures``).
"""

from __future__ import annotations

import math
import re
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterable

import pandas as pd

from workbench import config
from workbench.agreement import wilson
from workbench.corpora import CorpusSpec, load_corpus, run_product_path
from workbench.errors import CorpusError

__all__ = ["ERROR_KINDS", "NO_PAY_CATEGORIES", "figures_in", "figure_spans", "text_label_issue",
           "written_as_statement", "written_as_envelope",
           "label_expectation", "classify", "failure_line",
           "wilson", "read_nopay_labels", "evaluate_corpus", "CorpusResult", "format_result",
           "write_excluded"]

TOLERANCE = 0.01
ERROR_KINDS = ("missed", "wrong_currency", "wrong_period", "far_end_lost", "far_end_added",
               "wrong_end", "wrong_amount", "non_pay_taken")
NO_PAY_CATEGORIES = frozenset({"none", "non_pay_money", "board_estimate"})
PAY_CATEGORIES = frozenset({"base_pay"})
HALVES = ("tune", "holdout")

# An amount as written: grouped thousands (space, no-break spaces, comma, dot,
# apostrophe) or plain digits, optional one or two decimals, optional k/тыс. Digits
# glued to a Latin letter are a code, not an amount ("IR35", "W2", "Q4").
_FIGURE = re.compile(
    r"(?<![A-Za-z\d])(\d{1,3}(?:[ \u00a0\u202f\u2009,.']\d{3})+|\d+)"
    r"(?:[.,](\d{1,2})(?!\d))?"
    r"(?:\s?(k|к|тыс|thousand)(?![a-zа-я]))?", re.IGNORECASE)
_GROUP_SEPARATORS = re.compile(r"[ \u00a0\u202f\u2009,.']")


@dataclass(frozen=True)
class Figure:
    """One amount written in a text: its value and its span."""

    value: float
    start: int
    end: int


def figure_spans(text: str) -> list[Figure]:
    """Every amount written in ``text`` with its span (see :func:`figures_in`)."""
    out = []
    for m in _FIGURE.finditer(text or ""):
        whole = float(_GROUP_SEPARATORS.sub("", m.group(1)))
        value = whole + (float(f"0.{m.group(2)}") if m.group(2) else 0.0)
        out.append(Figure(value * 1000 if m.group(3) else value, m.start(), m.end()))
    return out


def figures_in(text: str) -> list[float]:
    """Every amount written in ``text``, as numbers (``"£65ph"`` -> 65, ``"$85K"`` -> 85,000).

    A label checker, deliberately simple and independent of the salary engine:
    it over-reads (years, phone digits) rather than under-reads, so a label whose
    figure is missing from this list is missing from the text.
    """
    return [f.value for f in figure_spans(text)]


def _close(a: float | None, b: float | None) -> bool:
    if a is None or b is None:
        return a is None and b is None
    return abs(a - b) <= TOLERANCE * max(abs(a), abs(b))


def _found(value: float, figures: Iterable[float]) -> bool:
    return any(_close(value, f) for f in figures)


@dataclass(frozen=True)
class Expectation:
    """What a label says the text states: ``low``/``high`` (None = open), currency, period."""

    low: float | None
    high: float | None
    currency: str | None
    period: str | None


def _blank(value) -> bool:
    return value is None or value == "" or (isinstance(value, float) and math.isnan(value))


def _matches(value: float, figure: float, factor: float) -> bool:
    """A stated figure is the label's bound: as written (to the cent) when the label is the
    stated figure, within 1% when the label annualises it (x 260, x 2,080 round)."""
    if factor == 1.0:
        return abs(value - figure) < 0.005
    return _close(value, figure)


def _stated(low, high, figures: list[Figure], factors) -> tuple[Expectation, list] | None:
    """The stated figures behind a (possibly annualised) label, with each bound's
    occurrences in the text (``[low_spans, high_spans]``), or None when absent."""
    for stated_period, factor in factors.items():
        bounds = [None if _blank(v) else v / factor for v in (low, high)]
        spans = [[] if b is None else [f for f in figures if _matches(b, f.value, factor)]
                 for b in bounds]
        if all(b is None or found for b, found in zip(bounds, spans)):
            return Expectation(bounds[0], bounds[1], None, stated_period), spans
    return None


# ---- label issues read in the text (the label checker's own small reader) ----------
# On-target earnings named before a figure ("on-target earnings of $X", "commissions
# target ... is X") or right after it ("$X OTE"), unless a base-pay word is nearer.
_OTE_OR_BASE_BEFORE = re.compile(
    r"(?P<ote>(?<![a-z])ote(?![a-z])|on[- ]?target|commissions?[ -]target"
    r"|target (?:total )?(?:cash|earnings|compensation|comp)(?![a-z]))"
    r"|(?P<base>(?<![a-z])(?:base|basic|salary|wages?|pay)(?![a-z])|hourly rate|оклад|зарплат|заработн)")
_OTE_AFTER = re.compile(r"[^\S\n]*\+?[^\S\n]*(?:\(uncapped\)[^\S\n]*)?(?:ote|on[- ]?target earnings)"
                        r"(?![a-z])(?![^\S\n]*:)(?![^\S\n]*(?:of[^\S\n]*)?[$£€\d])")
_CLAUSE_END = re.compile(r"\. |\n|; |! |\? ")
# A heading of on-target earnings above a figure ("Total Targeted Cash", "OTE range"), and
# base words that make a heading a base heading ("Base salary and OTE").
_OTE_HEADING = re.compile(r"(?<![a-z])ote(?![a-z])|on[- ]?target|target(?:ed)? (?:total )?(?:cash|earnings|compensation)")
_BASE_WORD = re.compile(r"(?<![a-z])(?:base|basic)(?![a-z])")
# Words that state the open end of a one-ended label ("от 1 500", "up to £500", "£45k+").
_FROM_BEFORE = re.compile(r"(?:(?<![а-яё])от|(?<![a-z])(?:from|starting(?: at| from)?|starts at|min(?:imum)?"
                          r"|at least|over|in excess of|upwards of)|не менее|не ниже|свыше|более)"
                          r"[\s:.]*[£$€₽]?\s*\Z")
_UPTO_BEFORE = re.compile(r"(?:(?<![а-яё])до|(?<![a-z])(?:up ?to|max(?:imum)?|under|less than|as much as)"
                          r"|не более|не выше)[\s:.]*[£$€₽]?\s*\Z")
_PLUS_AFTER = re.compile(r"(?:[^\S\n]?(?:[£$€₽]|byn|руб\.?|rub|usd|eur|gbp))?\+")
# Two different figures joined as a range ("£45,000 - £55,000", "1 500 BYN - 2 000").
_RANGE_JOIN = re.compile(r"[^\S\n]*(?:[a-zа-яё.₽$£€]{1,5}[^\S\n]*)??(?:-|–|—|to|до)[^\S\n]*[£$€₽]?[^\S\n]*")


def _ote_stated(lw: str, f: Figure) -> bool:
    """Is the figure at ``f`` stated as on-target earnings (not as base pay)?"""
    if _OTE_AFTER.match(lw, f.end):
        return True
    lo = max(0, f.start - 80)
    cut = [m.end() for m in _CLAUSE_END.finditer(lw, lo, f.start)]
    last = None
    for last in _OTE_OR_BASE_BEFORE.finditer(lw, cut[-1] if cut else lo, f.start):
        pass
    if last is not None:
        return last.lastgroup == "ote"
    return _ote_heading(lw, f.start)


def _ote_heading(lw: str, start: int) -> bool:
    """Does the figure at ``start`` open its line under a short heading naming on-target
    earnings ("Total Targeted Cash\n\n$129,000—$206,000 USD"), blank lines between?"""
    line_start = lw.rfind("\n", max(0, start - 40), start) + 1
    if line_start == 0 or lw[line_start:start].strip(" \t-–—•*:$£€"):
        return False
    head_end = len(lw[:line_start].rstrip())
    head_start = lw.rfind("\n", max(0, head_end - 48), head_end) + 1
    if head_start == 0 and head_end > 48:
        return False
    heading = lw[head_start:head_end]
    return _OTE_HEADING.search(heading) is not None and _BASE_WORD.search(heading) is None


def _in_range(lw: str, figures: list[Figure], f: Figure) -> bool:
    """Is ``f`` one end of a range of two different figures written in the text?"""
    k = figures.index(f)
    pairs = [(figures[k - 1], f)] if k > 0 else []
    pairs += [(f, figures[k + 1])] if k + 1 < len(figures) else []
    return any(a.value != b.value and _RANGE_JOIN.fullmatch(lw, a.end, b.start) for a, b in pairs)


def _open_end_stated(lw: str, figures: list[Figure], f: Figure, end: str) -> bool:
    """Does the text state ``f`` as a one-ended figure of the label's kind (``"low"``: "от",
    "from", "+"; ``"high"``: "до", "up to"), not as an end of a range?"""
    before = lw[max(0, f.start - 24):f.start]
    if end == "low":
        word = _FROM_BEFORE.search(before) is not None or _PLUS_AFTER.match(lw, f.end) is not None
    else:
        word = _UPTO_BEFORE.search(before) is not None
    return word and not _in_range(lw, figures, f)


def written_as_statement(text: str, low: float, high: float) -> bool:
    """Does ``text`` state ``low``-``high`` as one pay statement (this module's own reader)?

    Two different figures: both written, to the cent, as the two ends of one range
    ("£45,000 - £55,000", "$85K-$95K"); one figure: written on its own, not as one end of
    a range. Either way not as on-target earnings only.
    """
    lw = (text or "").lower()
    figures = figure_spans(text)
    at = [f for f in figures if abs(f.value - low) < 0.005]
    if abs(low - high) < 0.005:
        alone = [f for f in at if not _in_range(lw, figures, f)]
        return any(not _ote_stated(lw, f) for f in alone)
    for k, f in enumerate(figures[:-1]):
        g = figures[k + 1]
        if f in at and abs(g.value - high) < 0.005 and _RANGE_JOIN.fullmatch(lw, f.end, g.start):
            if not (_ote_stated(lw, f) and _ote_stated(lw, g)):
                return True
    return False


def _stated_end(lw: str, figures: list[Figure], f: Figure, end: str) -> bool:
    """Is ``f`` written as the ``end`` (``"low"`` / ``"high"``) of a pay statement: a figure on
    its own, that end of a range ("$150,000 - $180,000"), or after that end's word ("Min:
    $124,900", "up to £62,034"), and not as on-target earnings only?"""
    if _ote_stated(lw, f):
        return False
    k = figures.index(f)
    a, b = (k, k + 1) if end == "low" else (k - 1, k)
    if 0 <= a and b < len(figures) and figures[a].value != figures[b].value and \
            _RANGE_JOIN.fullmatch(lw, figures[a].end, figures[b].start):
        return True
    if _open_end_stated(lw, figures, f, "high" if end == "low" else "low"):
        return False  # "up to $6,000" is no low end, "from £30,000" no high end
    return _open_end_stated(lw, figures, f, end) or not _in_range(lw, figures, f)


def written_as_envelope(text: str, low: float, high: float) -> bool:
    """Does ``text`` state ``low`` as the low end of one pay statement and ``high`` as the
    high end of one (the same or another), as this module's own reader reads them
    (:func:`_stated_end`)? The envelope of pay stated once per location tier
    ("Zone A: $150,000 - $180,000 ... Zone C: $122,000 - $146,000" -> 122,000-180,000)."""
    lw = (text or "").lower()
    figures = figure_spans(text)
    ends = (("low", low), ("high", high))
    return all(any(abs(f.value - value) < 0.005 and _stated_end(lw, figures, f, end) for f in figures)
               for end, value in ends)


def text_label_issue(exp: Expectation, spans: list, text: str, figures: list[Figure]) -> str | None:
    """A label the text contradicts (the committed rules of the module doc), or None.

    ``spans`` holds each bound's occurrences in ``text`` (from :func:`_stated`).
    """
    lw = text.lower()
    for found in spans:
        if found and all(_ote_stated(lw, f) for f in found):
            return "ote_label"
    bounds = [exp.low, exp.high]
    if (bounds[0] is None) != (bounds[1] is None):
        end, found = ("low", spans[0]) if bounds[0] is not None else ("high", spans[1])
        if not any(_open_end_stated(lw, figures, f, end) for f in found):
            return "open_end_not_stated"
    elif bounds[0] == bounds[1] and all(_in_range(lw, figures, f) for f in spans[0]):
        return "single_figure_of_range"
    return None


def label_expectation(spec: CorpusSpec, row: dict) -> tuple[Expectation | None, str | None]:
    """``(expectation, None)`` for a scorable label, ``(None, reason)`` for a label issue,
    ``(None, None)`` for a posting without structured pay (see the module doc)."""
    low, high = row.get("label_low"), row.get("label_high")
    if _blank(low) and _blank(high):
        return None, None
    if row.get("salary_looks_predicted"):
        return None, "estimate"
    period = row.get("label_period")
    if period == "biweekly":
        return None, "noisy_period"
    if spec.money_flag and not row.get(spec.money_flag):
        return None, "figure_not_in_text"  # the README's flag: no money figure in the text at all
    factors = dict(spec.annual_factors) or {period: 1.0}
    text = row.get("description") or ""
    figures = figure_spans(text)
    found = _stated(low, high, figures, factors)
    if found is None:
        return None, "figure_not_in_text"
    stated, spans = found
    issue = text_label_issue(stated, spans, text, figures)
    if issue is not None:
        return None, issue
    return Expectation(stated.low, stated.high, row.get("label_currency"), stated.period), None


def _filled(low, high) -> tuple[float | None, float | None]:
    low = None if _blank(low) else float(low)
    high = None if _blank(high) else float(high)
    return (low if low is not None else high, high if high is not None else low)


def _range_kind(exp: Expectation, low: float | None, high: float | None) -> str | None:
    """A label with both ends: a one-sided figure counts as both ends, as bench counts it."""
    fl, fh = _filled(low, high)
    if _close(fl, exp.low) and _close(fh, exp.high):
        return None
    if not _close(exp.low, exp.high) and _close(fl, fh) and (_close(fl, exp.low) or _close(fl, exp.high)):
        return "far_end_lost"
    return "wrong_amount"


def _open_kind(exp: Expectation, low: float | None, high: float | None) -> str | None:
    """A label with one end ("от 100 000"): the same end must be stated, the other open."""
    if _close(low, exp.low) and _close(high, exp.high):
        return None
    figure = exp.low if exp.low is not None else exp.high
    stated = [v for v in (low, high) if v is not None]
    if len(stated) == 2 and any(_close(v, figure) for v in stated):
        return "far_end_added"
    if len(stated) == 1 and _close(stated[0], figure):
        return "wrong_end"
    return "wrong_amount"


def _ends_kind(exp: Expectation, low, high) -> str | None:
    """Agreement (None) or the error kind of the amounts alone."""
    low, high = (None if _blank(v) else float(v) for v in (low, high))
    if exp.low is not None and exp.high is not None:
        return _range_kind(exp, low, high)
    return _open_kind(exp, low, high)


def classify(exp: Expectation, got: dict | None) -> str | None:
    """None when the engine's pay (``low, high, currency, period``) agrees, else the error kind."""
    if got is None or (_blank(got.get("low")) and _blank(got.get("high"))):
        return "missed"
    amounts = _ends_kind(exp, got.get("low"), got.get("high"))
    if amounts is not None:
        return amounts  # another figure (or part of it) taken: its unit is beside the point
    if exp.currency and got.get("currency") != exp.currency:
        return "wrong_currency"
    if exp.period and got.get("period") != exp.period:
        return "wrong_period"
    return None


def read_nopay_labels(path: Path | None = None) -> pd.DataFrame:
    """The optional no-pay label set (empty frame with its columns when absent)."""
    path = Path(path) if path is not None else config.NOPAY_LABELLED
    columns = ["corpus", "id", "text_sha1", "category"]
    if not path.is_file():
        empty = pd.DataFrame(columns=columns)
        empty.attrs["path"] = None
        return empty
    frame = pd.read_csv(path, dtype=str, keep_default_na=False)
    frame.attrs["path"] = str(path)
    missing = [c for c in columns if c not in frame.columns]
    if missing:
        raise CorpusError(f"{path} lacks column(s) {', '.join(missing)}; "
                          "it should have corpus, id, text_sha1, category")
    unknown = sorted(set(frame["category"]) - NO_PAY_CATEGORIES - PAY_CATEGORIES)
    if unknown:
        raise CorpusError(f"{path}: unknown category {', '.join(unknown)}; use "
                          f"{', '.join(sorted(NO_PAY_CATEGORIES | PAY_CATEGORIES))}")
    return frame


@dataclass
class CorpusResult:
    """Per-posting outcome of one corpus (``rows``) and what the run knew."""

    name: str
    source: str
    rows: pd.DataFrame
    seconds: float
    stale_labels: list[str] = field(default_factory=list)
    nopay_file: str | None = None


def _nopay_for(name: str, frame: pd.DataFrame, labels: pd.DataFrame) -> tuple[dict[str, str], list[str]]:
    """id -> category for this corpus's no-pay labels, and the ids whose hash is stale."""
    mine = labels[labels["corpus"] == name]
    sha = dict(zip(frame["id"], frame["text_sha1"]))
    good, stale = {}, []
    for row in mine.itertuples(index=False):
        if sha.get(row.id) != row.text_sha1:
            stale.append(row.id)
        else:
            good[row.id] = row.category
    return good, stale


def _got(pay_row: dict) -> dict | None:
    if _blank(pay_row.get("low")) and _blank(pay_row.get("high")):
        return None
    return pay_row


def _outcome(spec: CorpusSpec, row: dict, pay_row: dict, category: str | None) -> dict:
    """One posting's status (scored / excluded / nopay / unlabelled), reason and kind.

    A posting labelled as stating no base pay is scored for the true-negative rate
    only; when it also has structured pay, that label is excluded from agreement
    with its label-issue reason (``labelled_no_pay`` when the figure is in the text).
    """
    got = _got(pay_row)
    exp, reason = label_expectation(spec, row)
    out = {"status": "unlabelled", "reason": reason, "kind": None, "reported": got is not None,
           "category": category, "has_label": exp is not None or reason is not None}
    if category in NO_PAY_CATEGORIES:
        out.update(status="nopay", kind="non_pay_taken" if got is not None else None,
                   reason=reason or ("labelled_no_pay" if exp is not None else None))
    elif reason:
        out["status"] = "excluded"
    elif exp is not None:
        out.update(status="scored", kind=classify(exp, got), expected=exp)
    return out


def evaluate_corpus(spec: CorpusSpec, *, corpora: Path | None = None,
                    nopay_labels: pd.DataFrame | None = None) -> CorpusResult:
    """Run one corpus through the product path and score every posting (module doc)."""
    t0 = time.perf_counter()
    frame = load_corpus(spec, corpora)
    run = run_product_path(frame)
    labels = read_nopay_labels() if nopay_labels is None else nopay_labels
    categories, stale = _nopay_for(spec.name, frame, labels)
    pay = run.pay.to_dict("records")
    rows = []
    for row, pay_row in zip(frame.to_dict("records"), pay):
        outcome = _outcome(spec, row, pay_row, categories.get(row["id"]))
        exp = outcome.pop("expected", None)
        rows.append({"id": row["id"], "key": row["key"], "half": row["half"], **outcome,
                     "exp_low": exp.low if exp else None, "exp_high": exp.high if exp else None,
                     "exp_currency": exp.currency if exp else None,
                     "exp_period": exp.period if exp else None,
                     **{f"got_{c}": pay_row.get(c) for c in
                        ("low", "high", "currency", "period", "component", "start", "end")}})
    return CorpusResult(spec.name, str(spec.path), pd.DataFrame(rows), time.perf_counter() - t0,
                        stale, labels.attrs.get("path"))


# ----------------------------------------------------------------------------- figures


def _share(k: int, n: int) -> str:
    if n == 0:
        return f"{k:>4}/{n:<4}    –"
    lo, hi = wilson(k, n)
    return f"{k:>4}/{n:<4} {k / n:6.1%}  [{lo:.1%}, {hi:.1%}]"


def _by_half(rows: pd.DataFrame) -> list[tuple[str, pd.DataFrame]]:
    return [(h, rows[rows["half"] == h]) for h in HALVES] + [("overall", rows)]


def summary(result: CorpusResult) -> dict:
    """The figures of one corpus as plain numbers (what :func:`format_result` prints)."""
    rows = result.rows
    scored, nopay = rows[rows["status"] == "scored"], rows[rows["status"] == "nopay"]
    out = {"corpus": result.name, "postings": len(rows), "seconds": round(result.seconds, 2),
           "labelled": int(rows["has_label"].sum()),
           "excluded": rows["reason"].dropna().value_counts().to_dict(),
           "halves": {}}
    for name, part in _by_half(rows):
        s = part[part["status"] == "scored"]
        npay = part[part["status"] == "nopay"]
        agree = int(s["kind"].isna().sum())
        reported = int(s["reported"].sum()) + int(npay["reported"].sum())
        out["halves"][name] = {
            "n": len(s), "agree": agree, "ci": wilson(agree, len(s)),
            "kinds": {k: int((part["kind"] == k).sum()) for k in ERROR_KINDS},
            "nopay_n": len(npay), "true_negatives": int((~npay["reported"]).sum()),
            "reported": reported,
            "pay_labelled_n": int((part["category"] == "base_pay").sum()),
            "pay_labelled_found": int(((part["category"] == "base_pay") & part["reported"]).sum()),
        }
    out["scored"], out["nopay"] = len(scored), len(nopay)
    return out


def _kind_lines(s: dict) -> list[str]:
    lines = [f"  error kinds {'':<14} {'tune':>6} {'holdout':>8} {'overall':>8}"]
    for kind in ERROR_KINDS:
        counts = [s["halves"][h]["kinds"][kind] for h in (*HALVES, "overall")]
        lines.append(f"    {kind:<24} {counts[0]:>6} {counts[1]:>8} {counts[2]:>8}")
    return lines


def _rate_lines(s: dict, result: CorpusResult) -> list[str]:
    lines = ["  precision (reported base pays that are right; Wilson 95%):"]
    for h in (*HALVES, "overall"):
        d = s["halves"][h]
        lines.append(f"    {h:<8} {_share(d['agree'], d['reported'])}")
    if not s["nopay"]:
        where = result.nopay_file or f"{config.NOPAY_LABELLED} (absent)"
        lines.append(f"    over scored postings only: no labelled no-pay postings for "
                     f"{result.name} in {where}")
        lines.append("  true-negative rate: not measured (no labelled no-pay postings)")
        return lines
    lines.append("  true-negative rate (labelled no-pay postings given no pay point; Wilson 95%):")
    for h in (*HALVES, "overall"):
        d = s["halves"][h]
        lines.append(f"    {h:<8} {_share(d['true_negatives'], d['nopay_n'])}")
    d = s["halves"]["overall"]
    if d["pay_labelled_n"]:
        lines.append(f"  labelled base-pay postings given a pay point: "
                     f"{_share(d['pay_labelled_found'], d['pay_labelled_n'])}")
    return lines


def _money(low, high, currency, period) -> str:
    ends = ["?" if _blank(v) else f"{float(v):,.2f}".rstrip("0").rstrip(".") for v in (low, high)]
    return f"{ends[0]}–{ends[1]} {currency or '?'}/{period or '?'}"


def _failure_lines(rows: pd.DataFrame, show_holdout: bool) -> list[str]:
    failing = rows[rows["kind"].notna()]
    if not show_holdout:
        failing = failing[failing["half"] == "tune"]
    lines = [f"  failing postings ({'both halves' if show_holdout else 'tune half only'}): {len(failing)}"]
    lines += [f"    {failure_line(r)}" for r in failing.itertuples(index=False)]
    return lines


def failure_line(r) -> str:
    """One failing posting of an outcome table (a row tuple): its key, half and error kind, the
    label's pay and the engine's (with its component and span)."""
    got = ("no pay point" if not r.reported else
           _money(r.got_low, r.got_high, r.got_currency, r.got_period)
           + f" {r.got_component} at [{int(r.got_start)}:{int(r.got_end)}]")
    want = ("no base pay" if r.status == "nopay" else
            _money(r.exp_low, r.exp_high, r.exp_currency, r.exp_period))
    return f"{r.key} [{r.half}] {r.kind}: label {want}; engine {got}"


def format_result(result: CorpusResult, *, verbose: bool = False,
                  show_holdout_failures: bool = False, excluded_file: Path | None = None) -> str:
    """The plain-text report of one corpus (see the module doc for every definition)."""
    s = summary(result)
    excluded = sum(s["excluded"].values())
    reasons = ", ".join(f"{k} {v}" for k, v in sorted(s["excluded"].items())) or "none"
    lines = [
        f"{result.name}: {s['postings']} postings through ingest -> extract -> bench pay point, "
        f"structured pay held out ({s['seconds']:.1f} s)",
        f"  with structured pay: {s['labelled']}; scored: {s['scored']}; "
        f"label issues excluded: {excluded} ({reasons})",
        "  agreement (same currency and period, low and high within 1%; Wilson 95% interval):",
    ]
    for h in (*HALVES, "overall"):
        d = s["halves"][h]
        lines.append(f"    {h:<8} {_share(d['agree'], d['n'])}")
    lines += _kind_lines(s) + _rate_lines(s, result)
    if result.stale_labels:
        lines.append(f"  no-pay labels whose text_sha1 no longer matches (not used): "
                     f"{', '.join(result.stale_labels)}")
    if excluded_file is not None:
        lines.append(f"  excluded ids: {excluded_file} ({excluded} rows)")
    if verbose:
        ex = result.rows[result.rows["reason"].notna()]
        lines.append("  excluded: " + (", ".join(f"{k} ({r})" for k, r in zip(ex["id"], ex["reason"]))
                                      or "none"))
    if verbose or show_holdout_failures:
        lines += _failure_lines(result.rows, show_holdout_failures)
    return "\n".join(lines)


def write_excluded(result: CorpusResult, folder: Path | None = None) -> Path:
    """Write ``<corpus>_excluded.csv`` (``corpus, id, half, reason``: every label excluded
    from agreement) and return its path."""
    folder = Path(folder) if folder is not None else config.EVAL_OUT
    folder.mkdir(parents=True, exist_ok=True)
    rows = result.rows[result.rows["reason"].notna()]
    path = folder / f"{result.name}_excluded.csv"
    rows.assign(corpus=result.name)[["corpus", "id", "half", "reason"]].to_csv(path, index=False)
    return path


def resolve_spec(corpus: str, columns: str | None = None) -> CorpusSpec:
    """A named corpus, or a CSV path read with ``columns`` (``text=…,low=…,…``)."""
    from workbench.corpora import SPECS, spec_for, spec_from_columns

    if corpus in SPECS and not columns:
        return spec_for(corpus)
    if not columns:
        raise CorpusError(f"{corpus!r} is not a known corpus ({', '.join(SPECS)}); for a CSV "
                          "file pass --columns text=COL,low=COL,high=COL,currency=COL,period=COL")
    return spec_from_columns(corpus, columns)
