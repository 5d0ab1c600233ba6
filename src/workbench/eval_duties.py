"""Responsibilities on real postings: duties found as items, other text kept out, areas named right.

``workbench eval responsibilities --corpus linkedin_us|uk_ads|hh_ru|all`` scores
the responsibilities the product extracts from real postings against the duty
spans independent labellers marked in them (ids, offsets and hashes into
``../shared/corpora``, no corpus text): set 1 (``data/labelled/duties``, halves
``tune`` and ``holdout``) and set 2 (``data/labelled/duties2``, other postings,
every row ``tune2``: a whole tuning set).

The product path
----------------
Each labelled posting is written as one row of a CSV file holding its posting
fields (title, company, location, description), that file is read by
:func:`workbench.ingest.ingest_paths` (the reader ``workbench ingest`` uses) and
the postings are extracted by :func:`workbench.extract.extract_frame`. The
items scored are the ``responsibilities`` rows of every record of a posting.
(The oracles work is building a shared helper for this in ``corpora``; until it
is on main the few lines live here, in :func:`product_items`.)

Definitions (printed with the figures)
--------------------------------------
Characters:
    every length and overlap counts the non-blank characters of the corpus
    field, so line breaks and runs of spaces that ingest collapses weigh nothing.
Where an item is:
    ingest tidies the text (blanks, bullets, entities), so an item's text is
    found in the corpus field with blanks ignored, searching on from the
    previous item of the posting, then from the start; failing that, by its
    first and last 24 non-blank characters. An item found nowhere is
    ``unlocated``: it is no duty and matches none.
Recall:
    labelled duties found as an item of their own / labelled duties. A duty is
    found when some item covers at least 50% of the duty's characters and at
    least 50% of that item's characters lie inside the duty.
Precision:
    items that are duties / extracted items, where an item is a duty when at
    least 50% of its characters lie inside labelled duty spans. Every posting of
    the set is labelled in full (each duty it states is marked; ``n_duties`` may
    be 0), so every item of every posting counts.
Area accuracy:
    found duties whose item has the labelled area / found duties (the item with
    the largest overlap when several qualify).
Calibration:
    items with confidence >= 0.8 that are right / such items, an item being right
    when it is a duty and its area is the area of the duty span holding most of
    its characters.
Intervals are Wilson 95% score intervals (statsmodels ``proportion_confint``).
Halves follow ``data/labelled/CONVENTIONS.md``; the held-out half's failing
rows are never printed unless asked for (``--verbose`` prints those of tune and tune2).
"""

from __future__ import annotations

import csv
import hashlib
import tempfile
import time
from dataclasses import dataclass, field
from itertools import accumulate
from pathlib import Path

import pandas as pd

from workbench import config
from workbench.agreement import TUNING_HALVES, TUNING_SETS, wilson
from workbench.errors import CorpusError

__all__ = ["CORPORA", "DutyEval", "evaluate", "summarise", "format_eval", "wilson", "locate_items",
           "score_posting", "load_labels", "product_items", "MIN_SHARE", "CONFIDENT"]

MIN_SHARE = 0.5  # share of a duty an item must cover, and of the item inside the duty
CONFIDENT = 0.8  # items at or above this confidence should be right 90% of the time
_ANCHOR = 24  # non-blank characters at each end used to find an item ingest rewrote


@dataclass(frozen=True)
class DutyCorpus:
    """Where one corpus's postings are and which columns are posting fields."""

    file: str
    id_column: str
    text_column: str
    fields: dict  # title/company/location -> the corpus column


CORPORA: dict[str, DutyCorpus] = {
    "linkedin_us": DutyCorpus("linkedin_us/postings_linkedin_kaggle_subset.csv", "job_id", "description",
                              {"title": "title", "company": "company_name", "location": "location"}),
    "uk_ads": DutyCorpus("uk_ads/adzuna_uk_data_jobs.csv", "adzuna_id", "job_description",
                         {"title": "job_title", "company": "employer_name", "location": "location"}),
    "hh_ru": DutyCorpus("hh_ru/hh_ru_vacancies.csv", "vacancy_id", "description_text",
                        {"title": "title", "company": "employer", "location": "area"}),
}
LABELS_DIR = config.LABELLED / "duties"
# Every labelled set scored by default: set 1 (halves tune / holdout), set 2 and set 3, whole
# tuning sets (halves tune2, tune3) written later by other labellers on other postings.
LABELS_DIRS = (LABELS_DIR, config.LABELLED / "duties2", config.LABELLED / "duties3",
               config.LABELLED / "duties4", config.LABELLED / "duties5",
               config.LABELLED / "duties6", config.LABELLED / "duties7",
               config.LABELLED / "duties8", config.LABELLED / "duties9",
               config.LABELLED / "duties10")
HALVES = ("tune", "holdout", *TUNING_SETS)


def _sha12(text: str) -> str:
    return hashlib.sha1(text.encode("utf-8")).hexdigest()[:12]


# --------------------------------------------------------------------------- labels and texts

def load_labels(labels_dir: Path | list[Path] | None = None) -> tuple[pd.DataFrame, pd.DataFrame]:
    """``(postings, duties)`` of the labelled sets, every value a string but offsets.

    ``labels_dir`` is one set's folder or a list of them (default: every set in
    ``LABELS_DIRS``); the sets' rows are concatenated. A row whose ``half`` is not
    one of ``HALVES`` is an error, as is a posting labelled in two sets.
    """
    folders = [Path(labels_dir)] if isinstance(labels_dir, (str, Path)) else \
        [Path(f) for f in (labels_dir or LABELS_DIRS)]
    postings, duties = zip(*(_load_set(f) for f in folders))
    postings, duties = pd.concat(postings, ignore_index=True), pd.concat(duties, ignore_index=True)
    twice = postings[postings.duplicated(["corpus", "id"])]
    if not twice.empty:
        keys = ", ".join(f"{r.corpus}:{r.id}" for r in twice.itertuples())
        raise CorpusError(f"postings labelled in two sets: {keys}; keep each posting in one set")
    return postings, duties


def _load_set(folder: Path) -> tuple[pd.DataFrame, pd.DataFrame]:
    paths = [folder / "postings.csv", folder / "duties.csv"]
    missing = [str(p) for p in paths if not p.is_file()]
    if missing:
        raise CorpusError(f"labelled duty set not found: {', '.join(missing)}; the sets live in "
                          "data/labelled/duties and data/labelled/duties2")
    postings = pd.read_csv(paths[0], dtype=str, keep_default_na=False)
    duties = pd.read_csv(paths[1], dtype=str, keep_default_na=False)
    bad = sorted(set(postings["half"]) - set(HALVES))
    if bad:
        raise CorpusError(f"{paths[0]}: unknown half {', '.join(map(repr, bad))}; use one of {', '.join(HALVES)}")
    duties = duties.assign(start=duties["start"].astype(int), end=duties["end"].astype(int))
    return postings, duties


def _corpus_rows(name: str, ids: set[str], corpora: Path) -> dict[str, dict]:
    spec = CORPORA[name]
    path = corpora / spec.file
    if not path.is_file():
        raise CorpusError(f"no corpus file at {path}; set WORKBENCH_SHARED to the folder holding corpora/ "
                          "(the default is ../shared beside the project)")
    csv.field_size_limit(1 << 30)
    # The csv module, not pandas: the field must be exactly the text the offsets index.
    with path.open(encoding="utf-8", newline="") as handle:
        return {row[spec.id_column]: row for row in csv.DictReader(handle) if row[spec.id_column] in ids}


def _checked_postings(name: str, postings: pd.DataFrame, duties: pd.DataFrame,
                      corpora: Path) -> tuple[list[dict], list[dict]]:
    """Postings of one corpus whose text and spans still match their hashes, and the rest with reasons."""
    mine = postings[postings["corpus"] == name]
    rows = _corpus_rows(name, set(mine["id"]), corpora)
    spec = CORPORA[name]
    kept, unusable = [], []
    spans_by_id = {k: g for k, g in duties[duties["corpus"] == name].groupby("id")}
    for posting in mine.to_dict("records"):
        row = rows.get(posting["id"])
        reason = None
        if row is None:
            reason = "id not in the corpus file"
        elif _sha12(row[spec.text_column]) != posting["text_sha1"]:
            reason = "text_sha1 differs: the corpus text changed"
        spans = spans_by_id.get(posting["id"], duties.iloc[:0])
        if reason is None:
            text = row[spec.text_column]
            bad = [s for s in spans.to_dict("records") if _sha12(text[s["start"]:s["end"]]) != s["span_sha1"]]
            if bad:
                reason = f"{len(bad)} span(s) whose span_sha1 differs (first at {bad[0]['start']})"
        if reason:
            unusable.append({"corpus": name, "id": posting["id"], "reason": reason})
            continue
        kept.append({"corpus": name, "id": posting["id"], "half": posting["half"], "row": row,
                     "text": row[spec.text_column], "duties": spans.to_dict("records")})
    return kept, unusable


# --------------------------------------------------------------------------- the product path

def product_items(postings: list[dict], workdir: Path | None = None) -> tuple[list[list[dict]], list[dict]]:
    """Responsibilities the product extracts from each posting, and the postings it refused.

    ``postings`` carry ``corpus`` and ``row`` (the corpus row); each is written
    as a CSV row of posting fields, read by ingest's CSV reader and extracted as
    ``workbench ingest`` does. Returns one list of items (``text, section,
    category, confidence``) per posting, in record and item order.
    """
    from workbench.extract import extract_frame
    from workbench.ingest import ingest_paths

    with tempfile.TemporaryDirectory(prefix="workbench-duties-") as tmp:
        path = Path(workdir or tmp) / "postings.csv"
        with path.open("w", encoding="utf-8", newline="") as handle:
            writer = csv.writer(handle)
            writer.writerow(["title", "company", "location", "description"])
            for p in postings:
                spec = CORPORA[p["corpus"]]
                writer.writerow([p["row"][spec.fields[k]] for k in ("title", "company", "location")]
                                + [p["row"][spec.text_column]])
        result = ingest_paths([path], progress=False)
    tables = extract_frame(result.postings)
    row_of = dict(zip(result.postings["posting_id"], result.postings["source"].str.rsplit("#", n=1).str[-1].astype(int)))
    resp = tables["responsibilities"]
    records = tables["records"][["record_id", "posting_id"]]
    resp = resp.merge(records, on="record_id", how="left")
    resp = resp.assign(row=resp["posting_id"].map(row_of),
                       record=resp["record_id"].str.rsplit(":", n=1).str[-1].astype(int))
    resp = resp.sort_values(["row", "record", "idx"])
    items: list[list[dict]] = [[] for _ in postings]
    for r in resp[["row", "text", "section", "category", "confidence"]].to_dict("records"):
        items[int(r.pop("row"))].append(r)
    refused = [{"source": r["source"], "reason": r["reason"]}
               for r in pd.concat([result.rejects, tables["rejects"]]).to_dict("records")]
    return items, refused


# --------------------------------------------------------------------------- locating and scoring

def _compact(text: str) -> tuple[str, list[int]]:
    """``text`` without blanks, and the offset in ``text`` of each character kept."""
    offsets = [i for i, c in enumerate(text) if not c.isspace()]
    return "".join(text[i] for i in offsets), offsets


def _find(compact: str, needle: str, cursor: int) -> tuple[int, int] | None:
    at = compact.find(needle, cursor)
    if at == -1:
        at = compact.find(needle)
    return None if at == -1 else (at, at + len(needle))


def _find_by_ends(compact: str, needle: str, cursor: int) -> tuple[int, int] | None:
    head, tail = needle[:_ANCHOR], needle[-_ANCHOR:]
    found = _find(compact, head, cursor)
    if found is None:
        return None
    end = compact.find(tail, found[0])
    if end == -1 or end + len(tail) - found[0] > 1.5 * len(needle):
        return None
    return found[0], end + len(tail)


def locate_items(text: str, item_texts: list[str]) -> list[tuple[int, int] | None]:
    """Offsets ``(start, end)`` in ``text`` of each item's text (blanks ignored), or None."""
    compact, offsets = _compact(text)
    cursor = 0
    out: list[tuple[int, int] | None] = []
    for item in item_texts:
        needle = "".join(item.split())
        found = _find(compact, needle, cursor) if needle else None
        if found is None and len(needle) > 2 * _ANCHOR:
            found = _find_by_ends(compact, needle, cursor)
        if found is None:
            out.append(None)
            continue
        cursor = found[1]
        out.append((offsets[found[0]], offsets[found[1] - 1] + 1))
    return out


def _nonblank_prefix(text: str) -> list[int]:
    """``p[i]`` = non-blank characters in ``text[:i]``."""
    return list(accumulate((not c.isspace() for c in text), initial=0))


def score_posting(text: str, duties: list[dict], items: list[dict]) -> tuple[list[dict], list[dict]]:
    """Per-duty and per-item verdicts for one posting (see the module's definitions).

    ``duties`` carry ``start, end, area``; ``items`` carry ``text, category,
    confidence``. Returns ``(duty_rows, item_rows)``.
    """
    prefix = _nonblank_prefix(text)
    where = locate_items(text, [i["text"] for i in items])

    def chars(a: int, b: int) -> int:
        return prefix[b] - prefix[a] if b > a else 0

    duty_rows = [{"start": d["start"], "end": d["end"], "area": d["area"], "size": chars(d["start"], d["end"]),
                  "found": False, "covered": False, "item_area": None, "best": 0} for d in duties]
    item_rows = []
    for item, span in zip(items, where):
        row = {"text": item["text"], "category": item["category"], "confidence": float(item["confidence"]),
               "located": span is not None, "start": span[0] if span else None, "end": span[1] if span else None,
               "duty_share": 0.0, "duty_area": None, "right": False}
        item_rows.append(row)
        if span is None:
            continue
        size = max(1, chars(*span))
        inside, top = 0, 0
        for d in duty_rows:
            common = chars(max(span[0], d["start"]), min(span[1], d["end"]))
            if not common:
                continue
            inside += common
            if common > top:
                top, row["duty_area"] = common, d["area"]
            if common >= MIN_SHARE * d["size"]:
                d["covered"] = True
                if common >= MIN_SHARE * size and common > d["best"]:
                    d.update(found=True, best=common, item_area=item["category"])
        row["duty_share"] = inside / size
        row["right"] = row["duty_share"] >= MIN_SHARE and row["category"] == row["duty_area"]
    for d in duty_rows:
        d["area_ok"] = d["found"] and d["item_area"] == d["area"]
        del d["best"]
    return duty_rows, item_rows


# --------------------------------------------------------------------------- the evaluation

@dataclass
class DutyEval:
    """Verdicts of one run: one row per labelled duty and one per extracted item."""

    duties: pd.DataFrame
    items: pd.DataFrame
    postings: pd.DataFrame
    unusable: list[dict] = field(default_factory=list)
    refused: list[dict] = field(default_factory=list)
    seconds: float = 0.0


def _names(corpus: str | list[str]) -> list[str]:
    names = [corpus] if isinstance(corpus, str) else list(corpus)
    if "all" in names:
        return list(CORPORA)
    unknown = [n for n in names if n not in CORPORA]
    if unknown:
        raise CorpusError(f"unknown corpus {', '.join(unknown)}; use one of {', '.join(CORPORA)} or all")
    return names


def evaluate(corpus: str | list[str] = "all", *, corpora: Path | None = None,
             labels_dir: Path | list[Path] | None = None) -> DutyEval:
    """Run the labelled postings of ``corpus`` through the product path and score them."""
    corpora = Path(corpora) if corpora else config.CORPORA
    postings, duties = load_labels(labels_dir)
    kept, unusable = [], []
    for name in _names(corpus):
        ok, bad = _checked_postings(name, postings, duties, corpora)
        kept += ok
        unusable += bad
    t0 = time.perf_counter()
    items, refused = product_items(kept)
    seconds = time.perf_counter() - t0
    duty_rows, item_rows = [], []
    posting_rows = [{"corpus": p["corpus"], "id": p["id"], "half": p["half"]} for p in kept]
    for posting, its in zip(kept, items):
        d_rows, i_rows = score_posting(posting["text"], posting["duties"], its)
        key = {"corpus": posting["corpus"], "id": posting["id"], "half": posting["half"]}
        duty_rows += [{**key, **r, "text": posting["text"][r["start"]:r["end"]]} for r in d_rows]
        item_rows += [{**key, **r} for r in i_rows]
    duty_cols = ["corpus", "id", "half", "start", "end", "area", "size", "found", "covered", "item_area",
                 "area_ok", "text"]
    item_cols = ["corpus", "id", "half", "text", "category", "confidence", "located", "start", "end", "duty_share",
                 "duty_area", "right"]
    return DutyEval(pd.DataFrame(duty_rows, columns=duty_cols), pd.DataFrame(item_rows, columns=item_cols),
                    pd.DataFrame(posting_rows, columns=["corpus", "id", "half"]), unusable, refused, seconds)


def _rate(successes: int, n: int) -> dict:
    low, high = wilson(successes, n)
    return {"k": int(successes), "n": int(n), "rate": successes / n if n else float("nan"), "low": low,
            "high": high}


def _metrics(postings: pd.DataFrame, duties: pd.DataFrame, items: pd.DataFrame) -> dict:
    found = duties[duties["found"]]
    confident = items[items["confidence"] >= CONFIDENT]
    return {
        "postings": len(postings),
        "recall": _rate(int(duties["found"].sum()), len(duties)),
        "inside_an_item": _rate(int(duties["covered"].sum()), len(duties)),
        "precision": _rate(int((items["duty_share"] >= MIN_SHARE).sum()), len(items)),
        "area_accuracy": _rate(int(found["area_ok"].sum()), len(found)),
        "confident_right": _rate(int(confident["right"].sum()), len(confident)),
        "unlocated": int((~items["located"]).sum()),
    }


def summarise(result: DutyEval) -> list[dict]:
    """Metrics per corpus and half, then per half over every corpus scored."""
    out = []
    present = set(result.postings["corpus"])
    ordered = [c for c in CORPORA if c in present]
    # Set 1's two halves always (an empty one shows as such); tune2 when set 2 is scored.
    halves = [h for h in HALVES if h in ("tune", "holdout") or h in set(result.postings["half"])]
    groups = [(c, h) for c in ordered for h in halves] + ([("all", h) for h in halves] if len(ordered) > 1 else [])
    for corpus, half in groups:
        frames = [result.postings, result.duties, result.items]
        if corpus != "all":
            frames = [f[f["corpus"] == corpus] for f in frames]
        out.append({"corpus": corpus, "half": half, **_metrics(*(f[f["half"] == half] for f in frames))})
    return out


# --------------------------------------------------------------------------- printing

def _cell(m: dict) -> str:
    if not m["n"]:
        return f"{'-':>7} {'':>13} {0:>4}"
    return f"{m['rate']:>6.1%} [{m['low']:>5.1%}-{m['high']:>5.1%}] {m['n']:>4}"


_DEFINITIONS = (
    "recall: labelled duties found as an item of their own (an item covering >= 50% of the duty's "
    "non-blank characters, with >= 50% of the item's inside that duty); precision: extracted items with "
    ">= 50% of their characters inside labelled duty spans; area: found duties whose item has the labelled "
    "area; conf>=0.8: items at confidence >= 0.8 that are duties with the area of the duty holding most of "
    "them; inside: duties >= 50% covered by some item, whatever its size. Rates with Wilson 95% intervals and n."
)


def _failures(result: DutyEval, half: str, limit: int = 400) -> list[str]:
    lines = []
    d = result.duties[(result.duties["half"] == half)]
    i = result.items[(result.items["half"] == half)]
    for (corpus, pid), dd in d.groupby(["corpus", "id"], sort=False):
        ii = i[(i["corpus"] == corpus) & (i["id"] == pid)]
        missed = dd[~dd["found"]]
        wrong = dd[dd["found"] & ~dd["area_ok"]]
        extra = ii[ii["duty_share"] < MIN_SHARE]
        if missed.empty and wrong.empty and extra.empty:
            continue
        lines.append(f"  {corpus}:{pid}  duties {len(dd)}, items {len(ii)}")
        lines += [f"    missed [{r.area}]: {r.text[:110]!r}" for r in missed.itertuples()]
        lines += [f"    area {r.item_area} (want {r.area}): {r.text[:90]!r}" for r in wrong.itertuples()]
        lines += [f"    not a duty ({r.category} {r.confidence:.2f}{'' if r.located else ', unlocated'}): "
                  f"{r.text[:100]!r}" for r in extra.itertuples()]
    return lines[:limit] + ([f"  ... {len(lines) - limit} more lines"] if len(lines) > limit else [])


def format_eval(result: DutyEval, *, verbose: bool = False, show_holdout_failures: bool = False) -> str:
    """The figures per corpus and half; failing rows of the tuning halves (tune, tune2) with ``verbose``."""
    head = (f"{'corpus':<12} {'half':<8} {'posts':>5}  {'recall':<26} {'precision':<26} {'area accuracy':<26} "
            f"{'conf>=0.8 right':<26} {'inside an item':<26}")
    lines = ["responsibilities on real postings (labelled duties, through ingest and extraction)", head]
    for m in summarise(result):
        lines.append(f"{m['corpus']:<12} {m['half']:<8} {m['postings']:>5}  {_cell(m['recall']):<26} "
                     f"{_cell(m['precision']):<26} {_cell(m['area_accuracy']):<26} "
                     f"{_cell(m['confident_right']):<26} {_cell(m['inside_an_item']):<26}"
                     + (f"  ({m['unlocated']} items unlocated)" if m["unlocated"] else ""))
    lines += ["", "  " + _DEFINITIONS, f"  extraction time: {result.seconds:.1f} s"]
    for u in result.unusable:
        lines.append(f"  unusable label: {u['corpus']}:{u['id']}: {u['reason']}")
    for r in result.refused:
        lines.append(f"  refused by the product: {r['source']}: {r['reason']}")
    for half, wanted in [(h, verbose) for h in TUNING_HALVES] + [("holdout", show_holdout_failures)]:
        if wanted:
            lines += ["", f"failures, {half} half:"] + _failures(result, half)
    if not show_holdout_failures:
        lines.append("  (held-out failures are not shown; --show-holdout-failures after tuning)")
    return "\n".join(lines)
