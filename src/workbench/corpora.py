"""The shared corpora (``../shared/corpora``) and their postings through the product path.

Each corpus README describes its file, its columns and its label quirks; a
:class:`CorpusSpec` records what this project reads from it: the posting fields
(title, company, location, date, description), the row id, and the structured
pay labels (low, high, currency, period). No corpus text enters the repository:
what is stored anywhere is a key (``"<corpus>:<id>"``), the SHA-1 of a field and
numbers.

:func:`run_product_path` sends postings down the same path as ``workbench
ingest``: each posting is written as a row of a CSV file holding the posting
fields only (the structured pay is held out), that file is read by the CSV
reader of :mod:`workbench.ingest`, the postings are extracted by
:func:`workbench.extract.extract_frame`, and each posting's pay is the base pay
point :func:`workbench.bench.pay_points` takes (traced to its mention by
``base_idx``). Nothing calls the salary engine directly.
"""

from __future__ import annotations

import csv
import datetime as dt
import hashlib
import re
import tempfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Mapping

import pandas as pd

from workbench import config, markets
from workbench.agreement import half
from workbench.errors import CorpusError

__all__ = ["CorpusSpec", "SPECS", "LABELLED_CORPORA", "spec_for", "spec_from_columns",
           "load_corpus", "text_sha1", "posting_fields_csv", "run_product_path", "ProductRun"]

# The posting fields written for ingest, in the names its CSV reader maps.
POSTING_FIELDS = ("title", "company", "location", "date_posted", "description")
# Label columns a spec may name (the structured pay that is held out).
LABEL_FIELDS = ("low", "high", "currency", "period")
# Period words of the corpora, read as the engine's periods. LinkedIn's
# BIWEEKLY has no period of its own in the engine: it stays "biweekly".
PERIOD_WORDS = {
    "yearly": "year", "year": "year", "annual": "year", "annually": "year", "annum": "year",
    "per year": "year", "monthly": "month", "month": "month", "weekly": "week", "week": "week",
    "daily": "day", "day": "day", "hourly": "hour", "hour": "hour", "biweekly": "biweekly",
}


@dataclass(frozen=True)
class CorpusSpec:
    """How one corpus file is read.

    ``columns`` maps the project's names (``id``, the :data:`POSTING_FIELDS`,
    the :data:`LABEL_FIELDS`) to the file's columns; a name left out is absent.
    ``default_currency`` and ``default_period`` stand in for label columns the
    file does not have (hh.ru amounts are monthly by convention). ``flags``
    names boolean columns kept for the label rules (``"True"``/``"False"``).
    ``date_format`` is ``"epoch_ms"`` when the date column holds epoch
    milliseconds (LinkedIn's Excel-cleaned times); it is written as an ISO date.
    ``money_flag`` is the flag column saying the text holds a money figure at all
    (each README's own heuristic), ``annual_factors`` the factors by which the
    labels annualise a stated period (uk_ads).
    """

    name: str
    path: Path
    columns: Mapping[str, str]
    default_currency: str | None = None
    default_period: str | None = None
    flags: tuple[str, ...] = ()
    date_format: str | None = None
    money_flag: str | None = None
    annual_factors: Mapping[str, float] = field(default_factory=dict)


def _spec(name: str, relative: str, columns: dict, **kwargs) -> CorpusSpec:
    return CorpusSpec(name=name, path=Path(relative), columns=columns, **kwargs)


# Paths are relative to config.CORPORA. Column names are those each README lists.
SPECS: dict[str, CorpusSpec] = {
    "linkedin_us": _spec(
        "linkedin_us", "linkedin_us/postings_linkedin_kaggle_subset.csv",
        {"id": "job_id", "title": "title", "company": "company_name", "location": "location",
         "date_posted": "listed_time", "description": "description", "low": "min_salary",
         "high": "max_salary", "currency": "currency", "period": "pay_period"},
        flags=("desc_has_dollar_amount",), date_format="epoch_ms",
        money_flag="desc_has_dollar_amount"),
    "hh_ru": _spec(
        "hh_ru", "hh_ru/hh_ru_vacancies.csv",
        {"id": "vacancy_id", "title": "title", "company": "employer", "location": "area",
         "date_posted": "published_at", "description": "description_text",
         "low": "salary_from", "high": "salary_to", "currency": "currency"},
        default_period="month", flags=("has_salary", "desc_mentions_money"),
        money_flag="desc_mentions_money"),
    "uk_ads": _spec(
        "uk_ads", "uk_ads/adzuna_uk_data_jobs.csv",
        {"id": "adzuna_id", "title": "job_title", "company": "employer_name",
         "location": "location", "date_posted": "job_maturity", "description": "job_description",
         "low": "job_min_salary", "high": "job_max_salary", "period": "job_salary_period"},
        default_currency="GBP",
        flags=("salary_marked_estimated", "salary_looks_predicted", "desc_mentions_gbp"),
        money_flag="desc_mentions_gbp",
        # The README: contract rates are annualised, hours x 2,080 and days x 260.
        annual_factors={"year": 1.0, "day": 260.0, "hour": 2080.0}),
    # No pay labels used: its postings feed the extraction snapshot only.
    "glassdoor": _spec(
        "glassdoor", "glassdoor/glassdoor_jobs.csv",
        {"title": "Job Title", "company": "Company Name", "location": "Location",
         "description": "Job Description"}),
}
# The corpora `workbench eval documents --corpus NAME` scores.
LABELLED_CORPORA = ("linkedin_us", "hh_ru", "uk_ads")


def spec_for(name: str) -> CorpusSpec:
    """The spec of a named corpus (a typed error naming the known ones otherwise)."""
    try:
        return SPECS[name]
    except KeyError:
        raise CorpusError(f"unknown corpus {name!r}; use one of {', '.join(SPECS)} "
                          "or a CSV path with --columns") from None


def spec_from_columns(path: str | Path, columns: str | Mapping[str, str]) -> CorpusSpec:
    """A spec for any CSV: ``columns`` is ``"text=desc,low=min,high=max,..."`` or a mapping.

    ``text`` (or ``description``) is required; ``id``, ``title``, ``company``,
    ``location``, ``date``, ``low``, ``high``, ``currency`` and ``period`` are optional.
    """
    if isinstance(columns, str):
        pairs = [p.split("=", 1) for p in columns.split(",") if p.strip()]
        bad = [p[0] for p in pairs if len(p) != 2 or not p[1].strip()]
        if bad:
            raise CorpusError(f"--columns wants name=column pairs separated by commas; "
                              f"cannot read {', '.join(bad)}")
        columns = {k.strip(): v.strip() for k, v in pairs}
    aliases = {"text": "description", "date": "date_posted"}
    mapped = {aliases.get(k, k): v for k, v in columns.items()}
    known = {"id", *POSTING_FIELDS, *LABEL_FIELDS}
    unknown = sorted(set(mapped) - known)
    if unknown:
        raise CorpusError(f"unknown --columns name(s) {', '.join(unknown)}; use text, id, title, "
                          "company, location, date, low, high, currency, period")
    if "description" not in mapped:
        raise CorpusError("--columns must name the posting text, e.g. text=description")
    path = Path(path)
    return CorpusSpec(name=path.stem, path=path, columns=mapped)


def text_sha1(text: str) -> str:
    """First 12 hex digits of the SHA-1 of a field's text (UTF-8), as labelled sets store it."""
    return hashlib.sha1(text.encode("utf-8")).hexdigest()[:12]


def corpus_path(spec: CorpusSpec, corpora: Path | None = None) -> Path:
    """Where the spec's file is (``config.CORPORA`` unless the spec holds a full path)."""
    return spec.path if spec.path.is_absolute() else (corpora or config.CORPORA) / spec.path


def _read_rows(path: Path) -> tuple[list[str], list[dict]]:
    if not path.is_file():
        raise CorpusError(f"no corpus file at {path}; set WORKBENCH_SHARED to the folder "
                          "holding corpora/ (the default is ../shared beside the project)")
    # The csv module, not pandas: a field's text must be exactly as the file holds it
    # (its SHA-1 is compared with the labelled sets').
    with path.open(encoding="utf-8-sig", newline="") as handle:
        reader = csv.DictReader(handle)
        rows = list(reader)
        return list(reader.fieldnames or []), rows


def _epoch_ms_date(value: str) -> str:
    try:
        return dt.datetime.fromtimestamp(float(value) / 1000, dt.timezone.utc).date().isoformat()
    except (TypeError, ValueError, OverflowError, OSError):
        return ""


def _number(value: str | None) -> float | None:
    if value is None:
        return None
    try:
        number = float(str(value).replace(",", "").strip())
    except ValueError:
        return None
    return number if number > 0 else None  # uk_ads writes an open end as 0


def _currency(value: str | None, default: str | None) -> str | None:
    # Codes the corpora use, read as ISO 4217 by the markets table: hh.ru's legacy ``RUR``
    # is the rouble and its ``BYR`` holds post-2016 Belarusian roubles (BYN), as the
    # hh_ru README says.
    code = (value or "").strip().upper()
    return (markets.currency_code(code) if code else None) or code or default


def _period(value: str | None, default: str | None) -> str | None:
    word = (value or "").strip().lower()
    return PERIOD_WORDS.get(word, word) or default


def _label_columns(spec: CorpusSpec, rows: list[dict]) -> dict[str, list]:
    def column(name: str) -> list:
        source = spec.columns.get(name)
        return [r[source] for r in rows] if source else [None] * len(rows)

    return {
        "label_low": [_number(v) for v in column("low")],
        "label_high": [_number(v) for v in column("high")],
        "label_currency": [_currency(v, spec.default_currency) for v in column("currency")],
        "label_period": [_period(v, spec.default_period) for v in column("period")],
    }


def load_corpus(spec: CorpusSpec, corpora: Path | None = None) -> pd.DataFrame:
    """One row per posting: ``id, key, half, text_sha1``, the posting fields, the labels
    (``label_low, label_high, label_currency, label_period``) and the spec's flags.

    ``id`` is the id column's value or, without one, the 0-based data row;
    ``key`` is ``"<corpus>:<id>"`` and ``half`` its split (``evaluate.half``).
    """
    path = corpus_path(spec, corpora)
    header, rows = _read_rows(path)
    missing = [c for c in [*spec.columns.values(), *spec.flags] if c not in header]
    if missing:
        raise CorpusError(f"{path} has no column(s) {', '.join(missing)} "
                          f"(found: {', '.join(header[:20])}); check --columns or the corpus README")
    id_col = spec.columns.get("id")
    ids = [r[id_col].strip() for r in rows] if id_col else [str(i) for i in range(len(rows))]
    frame = {"id": ids, "key": [f"{spec.name}:{i}" for i in ids]}
    frame["half"] = [half(k) for k in frame["key"]]
    for name in POSTING_FIELDS:
        column = spec.columns.get(name)
        values = [r[column] for r in rows] if column else [""] * len(rows)
        if name == "date_posted" and spec.date_format == "epoch_ms":
            values = [_epoch_ms_date(v) for v in values]
        frame[name] = values
    frame["text_sha1"] = [text_sha1(t) for t in frame["description"]]
    frame.update(_label_columns(spec, rows))
    for flag in spec.flags:
        frame[flag] = [r[flag].strip().lower() in ("true", "1", "yes") for r in rows]
    return pd.DataFrame(frame)


def posting_fields_csv(frame: pd.DataFrame, path: Path) -> Path:
    """Write the postings as a CSV of their posting fields only (no pay columns).

    This is the file a user would hand to ``workbench ingest``; row ``N`` of the
    frame is data row ``N`` of the file (ingest's ``source`` ``path#N``).
    """
    with Path(path).open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(POSTING_FIELDS)
        writer.writerows(frame[list(POSTING_FIELDS)].itertuples(index=False, name=None))
    return Path(path)


@dataclass
class ProductRun:
    """What the product path made of a frame of postings.

    ``postings`` and ``tables`` are ingest's and extraction's own tables;
    ``pay`` has one row per input row (``row``) with ``posting_id``, ``n_records``
    and the base mention of the first record that has a pay point (``record``,
    ``low``, ``high``, ``currency``, ``period``, ``component``, ``start``, ``end``,
    ``annual_low``, ``annual_high``; NaN/None when no record has one). ``start``
    and ``end`` index the ingested text (``postings.text``), not the corpus field.
    ``rejects`` lists inputs ingest or extraction refused, with reasons.
    """

    postings: pd.DataFrame
    tables: dict[str, pd.DataFrame]
    pay: pd.DataFrame
    rejects: pd.DataFrame
    seconds: dict[str, float] = field(default_factory=dict)


_ROW_OF_SOURCE = re.compile(r"#(\d+)$")
_PAY_COLUMNS = ("low", "high", "currency", "period", "component", "start", "end",
                "annual_low", "annual_high")


def _base_mentions(tables: dict[str, pd.DataFrame]) -> pd.DataFrame:
    """The mention behind each record's bench pay point (record_id -> mention fields)."""
    from workbench import bench

    bench_tables = {k: v for k, v in tables.items() if k in {"records", "salaries"}}
    # The same choice of mention as any report makes (in the default reporting currency;
    # only the mention's index is used, its amounts are read in their own currency below).
    points = bench.pay_points(bench_tables, currency=config.SETTINGS.reporting_currency)
    if points.empty:
        return pd.DataFrame(columns=["record_id", *_PAY_COLUMNS])
    keyed = points[["record_id", "base_idx"]].rename(columns={"base_idx": "idx"})
    salaries = tables["salaries"].assign(idx=tables["salaries"]["idx"].astype("Int64"))
    cols = ["record_id", "idx", *(c for c in _PAY_COLUMNS if c in salaries.columns)]
    out = keyed.merge(salaries[cols], on=["record_id", "idx"], how="left")
    # Offsets live in the record's JSON only (the salaries table keeps the span's text).
    spans = _mention_spans(tables["records"], dict(zip(out["record_id"], out["idx"])))
    out["start"] = [spans.get(r, (None, None))[0] for r in out["record_id"]]
    out["end"] = [spans.get(r, (None, None))[1] for r in out["record_id"]]
    return out.drop(columns="idx")


def _mention_spans(records: pd.DataFrame, wanted: dict[str, int]) -> dict[str, tuple[int, int]]:
    """``record_id -> (start, end)`` of the wanted mention of each record."""
    import json

    out = {}
    keep = records[records["record_id"].isin(list(wanted))]
    for rid, text in zip(keep["record_id"], keep["record_json"]):
        mention = json.loads(text)["salaries"][int(wanted[rid])]
        out[rid] = (mention.get("start"), mention.get("end"))
    return out


def _pay_per_row(postings: pd.DataFrame, tables: dict[str, pd.DataFrame], n_rows: int) -> pd.DataFrame:
    rows = postings["source"].str.extract(_ROW_OF_SOURCE, expand=False).astype(int)
    by_posting = pd.DataFrame({"row": rows.to_numpy(), "posting_id": postings["posting_id"].to_numpy()})
    records = tables["records"][["record_id", "posting_id"]].copy()
    records["record"] = records["record_id"].str.rsplit(":", n=1).str[-1].astype(int)
    counts = records.groupby("posting_id").size().rename("n_records").reset_index()
    base = _base_mentions(tables).merge(records, on="record_id", how="inner")
    first = base.sort_values(["posting_id", "record"]).drop_duplicates("posting_id")
    out = pd.DataFrame({"row": range(n_rows)})
    out = out.merge(by_posting, on="row", how="left").merge(counts, on="posting_id", how="left")
    out = out.merge(first.drop(columns="record_id"), on="posting_id", how="left")
    out["n_records"] = out["n_records"].fillna(0).astype(int)
    return out


def run_product_path(frame: pd.DataFrame, workdir: Path | None = None) -> ProductRun:
    """Send a frame of postings (as :func:`load_corpus` returns) down the product path.

    The frame is written by :func:`posting_fields_csv`, read by
    :func:`workbench.ingest.ingest_paths`, extracted by
    :func:`workbench.extract.extract_frame`; pay is the base pay point of
    :func:`workbench.bench.pay_points`. See :class:`ProductRun` for the result.
    """
    import time

    from workbench.extract import extract_frame
    from workbench.ingest import ingest_paths

    with tempfile.TemporaryDirectory(prefix="workbench-eval-") as tmp:
        folder = Path(workdir) if workdir is not None else Path(tmp)
        t0 = time.perf_counter()
        path = posting_fields_csv(frame, folder / "postings.csv")
        result = ingest_paths([path], progress=False)
        t1 = time.perf_counter()
        tables = extract_frame(result.postings)
        t2 = time.perf_counter()
        pay = _pay_per_row(result.postings, tables, len(frame))
        t3 = time.perf_counter()
    rejects = pd.concat([result.rejects, tables["rejects"]], ignore_index=True)
    return ProductRun(result.postings, tables, pay, rejects,
                      {"ingest": t1 - t0, "extract": t2 - t1, "pay": t3 - t2})
