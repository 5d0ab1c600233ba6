"""Extraction: postings in, one record per role out.

For each posting the structure stage finds the role(s) the text describes, the
salary engine finds every pay mention, each mention is attached to the role it
belongs to and annualised under the market's stated convention, in the mention's own
currency. Money is converted once, where it is read (``workbench bench``, the reports,
or ``workbench extract --currency``: :func:`convert_records`), never here: the store
keeps what the posting said. The record schema is documented in
``docs/architecture.md`` and the README.

One posting that cannot be extracted becomes a row of the ``rejects`` table with
its reason; it never stops the others.
"""

from __future__ import annotations

import contextlib
import gc
import json
import math
import operator
from collections.abc import Iterable, Mapping
from typing import Any

import orjson
import pandas as pd
import pyarrow as pa

from workbench import markets, structure, table_names
from workbench.places import named_country, parse_location
from workbench.config import level_name
from workbench.salary import convention_for, parse_salary

TABLES = (*table_names.EXTRACTED, "rejects")


def _clean(value: Any) -> Any:
    """Turn pandas/NumPy missing values and scalars into plain JSON values."""
    if value is None or type(value) is str:  # the common cases, decided at once
        return value
    if isinstance(value, float) and math.isnan(value):
        return None
    try:
        if pd.isna(value):
            return None
    except (TypeError, ValueError):
        pass
    if hasattr(value, "item") and not isinstance(value, (str, bytes)):
        try:
            return value.item()
        except (AttributeError, ValueError):
            return value
    return value


def _salary_dict(mention, market: str | None) -> dict:
    data = mention.to_dict()
    annual = mention.annualise(convention_for(market or data["currency"]))
    low, high = annual["annual_low"], annual["annual_high"]
    if mention.implausible:
        # Outside the market's plausible pay: kept as a mention, never annualised, so it
        # never enters a benchmark (bench uses the annual amounts).
        low = high = None
        annual["convention"] += "; amount implausible for the market and period: not annualised"
    # The key order is the record's JSON layout: keep it.
    data["annual_low"] = low
    data["annual_high"] = high
    data["convention"] = annual["convention"]
    return data


def extract_posting(posting: Mapping[str, Any], *, currency: str | None = None) -> list[dict]:
    """Return the records (one per role described) of one ingested posting.

    ``posting`` is a row of the postings table (a mapping with at least
    ``text``). Pay stated in a separate field (``salary_raw``) belongs to the
    posting's main role, the first record. Pay stays in each mention's own currency;
    ``currency`` adds each mention's conversion to it (:func:`convert_records`).
    """
    text = _clean(posting.get("text")) or ""
    title = _clean(posting.get("title"))
    language = _clean(posting.get("language"))
    # The posting's country as ingest inferred it, else the country its location names
    # outright ('Austin, TX', 'Leeds, England'; never a bare city), else its language's
    # market; its market decides the default currency and the convention (DE -> EU, EUR).
    location = _clean(posting.get("location"))
    country, market, default_ccy = markets.posting_market(
        _clean(posting.get("country")) or named_country(location), language)

    role_records = structure.analyse(text, title=title, language=language, with_sections=False,
                                      market=market)
    # Pay is found in the text the records' spans refer to: raw HTML (a caller's bare
    # text, or tags a description spelled as entities) converted as analyse did.
    text = structure.structured_text(text)
    if not role_records:
        role_records = [{"role": {"family": "other", "level": None, "label": None,
                                  "evidence": [], "confidence": 0.0},
                         "spans": [(0, len(text))]}]

    # Where the text comes from decides how it is read: the description is running
    # text (a figure is pay only with pay evidence), a pay field is pay whatever its length.
    mentions = parse_salary(text, currency=default_ccy, market=market, field=False)
    owners = structure.attach_mentions(role_records, [(m.start, m.end) for m in mentions])
    per_record: list[list[dict]] = [[] for _ in role_records]
    salary_raw = _clean(posting.get("salary_raw"))
    if salary_raw:
        for mention in parse_salary(str(salary_raw), currency=default_ccy, market=market,
                                    field=True):
            item = _salary_dict(mention, market)
            item["field"] = "salary_raw"
            per_record[0].append(item)
    for mention, owner in zip(mentions, owners):
        if owner is None:
            continue
        item = _salary_dict(mention, market)
        item["field"] = "text"
        per_record[owner].append(item)

    posting_id = _clean(posting.get("posting_id")) or ""
    place = parse_location(location, country)  # cached per distinct (text, country)
    records = []
    for idx, part in enumerate(role_records):
        role = part.get("role") or {}  # read only
        records.append({
            "record_id": f"{posting_id}:{idx}",
            "posting_id": posting_id,
            "source": _clean(posting.get("source")),
            "title": title,
            "company": _clean(posting.get("company")),
            "location": location,
            "city": place.city,
            "region": place.region,
            "country": country,
            "language": language,
            "date_posted": _clean(posting.get("date_posted")),
            "role": {"family": role.get("family"), "level": role.get("level"),
                     "level_name": level_name(role.get("family"), role.get("level")),
                     "label": role.get("label"), "evidence": role.get("evidence") or [],
                     "confidence": role.get("confidence")},
            "salaries": per_record[idx],
            "time_allocation": list(part.get("time_allocation") or []),
            "time_allocation_check": part.get("time_allocation_check")
            or {"total": None, "status": "none"},
            "responsibilities": list(part.get("responsibilities") or []),
            "skills": list(part.get("skills") or []),
            "experience_years": part.get("experience_years") or {"min": None, "max": None},
            "education": part.get("education"),
            "languages": list(part.get("languages") or []),
        })
    return convert_records(records, currency) if currency else records


def convert_records(records: list[dict], currency: str) -> list[dict]:
    """Add to each pay mention its annual amounts in ``currency`` (``workbench extract --currency``).

    Each mention gets ``reporting_currency``, ``annual_low_rc``, ``annual_high_rc``,
    ``fx_rate``, ``rate_date`` (the ECB date of the rate used) and ``fx_warning``, converted
    at its posting's date (the latest rate when undated) by :func:`workbench.fx.rates`:
    one look-up per distinct (currency, date). A mention without an annual amount or a
    currency gets nulls. Returns ``records`` (changed in place: they are this call's own).
    """
    from workbench import fx

    items = [(s, rec.get("date_posted")) for rec in records for s in rec["salaries"]]
    if not items:
        return records
    rates = fx.rates([s["currency"] for s, _ in items], [d for _, d in items], currency)
    for (item, _), rate, day, warning in zip(items, rates.rate, rates.rate_date, rates.warning):
        usable = item["annual_low"] is not None or item["annual_high"] is not None
        converted = usable and rate == rate  # NaN: no rate for this currency
        item["reporting_currency"] = currency
        item["annual_low_rc"] = _times(item["annual_low"], rate) if converted else None
        item["annual_high_rc"] = _times(item["annual_high"], rate) if converted else None
        item["fx_rate"] = float(rate) if converted else None
        item["rate_date"] = day if converted else None
        item["fx_warning"] = warning if usable else None
    return records


def _times(amount: float | None, rate: float) -> float | None:
    return None if amount is None else round(amount * float(rate), 2)


def extract_text(text: str, *, title: str | None = None, source: str = "text",
                 language: str | None = None, country: str | None = None,
                 currency: str | None = None) -> list[dict]:
    """Extract records from a bare text (handy in notebooks and tests)."""
    from workbench.ingest import detect_language

    posting = {"posting_id": "text", "source": source, "title": title, "text": text,
               "language": language or detect_language(text), "country": country}
    return extract_posting(posting, currency=currency)


def _record_json(rec: dict) -> str:
    """The whole record as JSON text (orjson: about 3x faster than the json module)."""
    try:
        return orjson.dumps(rec, default=str).decode("utf-8")
    except TypeError:  # e.g. an integer beyond 64 bits: the standard library copes
        return json.dumps(rec, ensure_ascii=False, default=str)


_COLUMNS = {
    "records": ["record_id", "posting_id", "source", "title", "company", "location", "city",
                "region", "country", "language", "date_posted", "role_family", "role_level", "role_level_name", "role_label",
                "role_confidence", "experience_min", "experience_max", "education", "record_json"],
    "salaries": ["record_id", "idx", "text", "low", "high", "currency", "period",
                 "period_inferred", "component", "gross", "months_per_year", "masked", "implausible",
                 "annual_low", "annual_high", "convention"],
    "time_allocation": ["record_id", "idx", "activity", "share", "raw_share", "category",
                        "confidence"],
    "responsibilities": ["record_id", "idx", "text", "section", "category", "confidence"],
    "skills": ["record_id", "idx", "name", "level"],
    "rejects": ["source", "stage", "reason"],
}
# Child tables: the record's list of the same name, one row per item; every column
# but record_id and idx is copied from the item's key of the same name.
_ITEM_FIELDS = {name: _COLUMNS[name][2:] for name in table_names.PER_RECORD}
_RECORD_FIELDS = ("posting_id", "source", "title", "company", "location", "city", "region",
                  "country", "language", "date_posted", "education")


def _flatten(records: Iterable[dict]) -> dict[str, dict[str, list]]:
    """Column lists of every table (columns, not row dicts: half the cost at scale)."""
    cols: dict[str, dict[str, list]] = {name: {c: [] for c in names}
                                        for name, names in _COLUMNS.items()}
    rec_cols = cols["records"]
    copy = [(rec_cols[c].append, c) for c in _RECORD_FIELDS]
    # Child items are gathered per table and read field by field at the end
    # (one C-level map per column instead of a .get per item and field).
    children: dict[str, list[dict]] = {table: [] for table in _ITEM_FIELDS}
    for rec in records:
        rid = rec["record_id"]
        role = rec["role"]
        exp = rec["experience_years"] or {}
        rec_cols["record_id"].append(rid)
        for append, c in copy:
            append(rec[c])
        rec_cols["role_family"].append(role.get("family"))
        rec_cols["role_level"].append(role.get("level"))
        rec_cols["role_level_name"].append(role.get("level_name"))
        rec_cols["role_label"].append(role.get("label"))
        rec_cols["role_confidence"].append(role.get("confidence"))
        rec_cols["experience_min"].append(exp.get("min"))
        rec_cols["experience_max"].append(exp.get("max"))
        rec_cols["record_json"].append(_record_json(rec))
        for table, items in children.items():
            own = rec[table]
            if not own:
                continue
            out = cols[table]
            out["record_id"].extend([rid] * len(own))
            out["idx"].extend(range(len(own)))
            items.extend(own)
    for table, items in children.items():
        cols[table].update(_item_columns(items, _ITEM_FIELDS[table]))
    return cols


def _item_columns(items: list[dict], names: list[str]) -> dict[str, list]:
    """Columns ``names`` of the child items: each item is read once for all its fields
    (one pass per field read every item dict again: twice the time on a chunk)."""
    if not items:
        return {f: [] for f in names}
    try:
        rows = list(map(operator.itemgetter(*names), items))
    except KeyError:  # an item without a key: the column holds None there
        return {f: [item.get(f) for item in items] for f in names}
    if len(names) == 1:  # itemgetter of one name gives the value, not a tuple
        return {names[0]: rows}
    return dict(zip(names, map(list, zip(*rows))))


_DTYPES = {
    "role_level": "Int64", "experience_min": "Float64", "experience_max": "Float64",
    "role_confidence": "Float64", "idx": "int64", "low": "Float64", "high": "Float64",
    "annual_low": "Float64", "annual_high": "Float64", "months_per_year": "Int64",
    "share": "Float64", "raw_share": "Float64", "confidence": "Float64",
    "period_inferred": "boolean", "gross": "boolean", "masked": "boolean", "implausible": "boolean",
}


_STR = pd.StringDtype(storage="pyarrow", na_value=float("nan"))  # pandas 3's default "str"


# The nullable dtypes built through Arrow: pd.Series(values, dtype="Float64") walks the
# Python list in pandas' own code, about ten times slower than pa.array (same values).
_ARROW_TYPES = {"Float64": pa.float64(), "Int64": pa.int64(), "boolean": pa.bool_()}
_FROM_ARROW = {pa.float64(): pd.Float64Dtype(), pa.int64(): pd.Int64Dtype(),
               pa.bool_(): pd.BooleanDtype()}.get


def _column(col: str, values: list) -> pd.Series:
    dtype = _DTYPES.get(col)
    arrow_type = _ARROW_TYPES.get(dtype)
    if arrow_type is not None:
        try:
            # from_pandas: a NaN is missing, as pandas reads it.
            return pd.Series(pa.array(values, type=arrow_type, from_pandas=True)
                             .to_pandas(types_mapper=_FROM_ARROW))
        except (pa.ArrowTypeError, pa.ArrowInvalid, OverflowError):
            pass  # a value Arrow will not take as is (a float for Int64...): pandas converts it
    if dtype is None:
        # A text column of str/None goes to Arrow directly: about 2.5x faster than
        # pd.Series(values, dtype="str"), with the same dtype and Arrow type. Any
        # other value (a number, a NaN) takes the general path, which converts it.
        try:
            return pd.Series(pd.array(pa.array(values, type=pa.large_string()), dtype=_STR))
        except (pa.ArrowTypeError, pa.ArrowInvalid):
            dtype = "str"
    return pd.Series(values, dtype=dtype)


def _frame(columns: dict[str, list]) -> pd.DataFrame:
    # pandas 3: text columns are `str` (missing stays missing); all-empty
    # columns would otherwise come out as float or object.
    return pd.DataFrame({col: _column(col, values) for col, values in columns.items()})


def extract_frame(postings: pd.DataFrame) -> dict[str, pd.DataFrame]:
    """Extract every posting of a postings table into the store's tables.

    Returns a dict of DataFrames keyed by table name (``records``, ``salaries``,
    ``time_allocation``, ``responsibilities``, ``skills``, ``rejects``).
    """
    with _gc_paused():
        return _extract_frame(postings)


@contextlib.contextmanager
def _gc_paused():
    """Pause the cyclic garbage collector while a chunk is extracted.

    A chunk builds hundreds of thousands of small dicts and lists that live until
    the chunk is written; each automatic collection walks all of them again, which
    cost 13% of extraction time. Extraction makes no reference cycles of its own,
    so nothing piles up: the collector resumes (and runs as usual) afterwards.
    """
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


# The postings columns extract_posting reads.
_POSTING_FIELDS = frozenset({"posting_id", "source", "title", "company", "location", "country",
                             "language", "date_posted", "salary_raw", "text"})


def _extract_frame(postings: pd.DataFrame) -> dict[str, pd.DataFrame]:
    records: list[dict] = []
    rejects: list[dict] = []
    # Column lists zipped into dicts: DataFrame.to_dict("records") costs three times
    # as much on Arrow-backed text columns.
    # Only the columns extract_posting reads are converted (the fingerprint, the
    # structured salary JSON and the like are not).
    used = [c for c in postings.columns if str(c) in _POSTING_FIELDS] or list(postings.columns)
    names = [str(c) for c in used]
    rows = (dict(zip(names, values)) for values in zip(*(postings[c].tolist() for c in used)))
    for posting in rows:
        try:
            records.extend(extract_posting(posting))
        except Exception as exc:  # one bad posting never stops the rest
            rejects.append({"source": str(posting.get("source")), "stage": "extract",
                            "reason": f"extraction failed ({type(exc).__name__}: {exc}); "
                                      "the posting was kept out of the store, please report it"})
    columns = _flatten(records)
    columns["rejects"] = {c: [r[c] for r in rejects] for c in _COLUMNS["rejects"]}
    return {name: _frame(columns[name]) for name in TABLES}
