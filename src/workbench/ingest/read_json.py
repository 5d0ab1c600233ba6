"""JSON postings: ``.json`` (one object, a list, or a JSON-LD ``@graph``) and ``.jsonl``.

Each object is a schema.org ``JobPosting`` (JSON-LD: ``title``, ``hiringOrganization``,
``jobLocation``, ``baseSalary`` rendered as a pay text plus its structured form) or a
flat posting whose keys go through the synonym table. Row sources are ``path#N`` with
``N`` the 0-based list item or line. JSON Lines files are split at line boundaries
(:mod:`workbench.ingest.lines`); a bad line costs that line only, a line over the size
limit is listed without being held, and each line is decoded on its own (a cp1251
line in a UTF-8 file reads right).

A ``.json`` array bigger than :data:`STREAM_ABOVE` is streamed item by item
(:mod:`workbench.ingest.json_stream`), so memory holds one item, not the file; a
malformed spot keeps the items before it and lists where reading stopped. Structured
pay that would be misread (a negative amount, ``{"x": 1}`` where a number belongs) is
refused with the item (:mod:`workbench.ingest.pay`).
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import orjson

from workbench.ingest import limits
from workbench.ingest.decoding import decode_text, read_text_file
from workbench.ingest.detection import file_encoding
from workbench.ingest.fields import country_code, map_columns
from workbench.ingest.json_stream import JsonStreamError, first_character, iter_items
from workbench.ingest.lines import record_stream, sliceable_encoding, split_lines
from workbench.ingest.normalise import clean_field
from workbench.ingest.pay import pay_field_problem, structured_pay_problem
from workbench.ingest.readers import FileSlice, Reader
from workbench.ingest.records import iter_records
from workbench.ingest.rows import Item, description_text, make_posting, make_reject

# --------------------------------------------------------------------------- JSON-LD pay

def _number(value: Any) -> str | None:
    if value is None or value == "":
        return None
    try:
        number = float(value)
    except (TypeError, ValueError, OverflowError):  # OverflowError: an integer beyond float
        return str(value)
    return str(int(number)) if number.is_integer() else f"{number:g}"


_UNIT_WORDS = {"HOUR": "hour", "DAY": "day", "WEEK": "week", "MONTH": "month", "YEAR": "year"}


def _salary_parts(base: dict) -> tuple[Any, Any, Any, Any]:
    """(minValue, maxValue, value, unitText) of a JSON-LD MonetaryAmount."""
    value = base.get("value")
    if isinstance(value, dict):
        low, high, single = value.get("minValue"), value.get("maxValue"), value.get("value")
        unit = value.get("unitText")
    else:
        low = high = unit = None
        single = value
    return low, high, single, unit or base.get("unitText")


def _amount_text(low: Any, high: Any, single: Any) -> str | None:
    low_s, high_s, single_s = _number(low), _number(high), _number(single)
    if low_s and high_s:
        return f"{low_s}-{high_s}" if low_s != high_s else low_s
    return low_s or high_s or single_s


def _render_amount(base: dict) -> tuple[str | None, str | None]:
    currency = clean_field(base.get("currency"))
    low, high, single, unit = _salary_parts(base)
    unit_word = _UNIT_WORDS.get(str(unit).upper(), str(unit).lower()) if unit else None
    amount = _amount_text(low, high, single)
    if amount is None:
        return None, None
    text = " ".join(p for p in (currency, amount) if p)
    if unit_word:
        text += f" per {unit_word}"
    structured = {
        "currency": currency,
        "min": _to_float(low),
        "max": _to_float(high),
        "value": _to_float(single),
        "unit": unit_word,
    }
    return text, json.dumps(structured, sort_keys=True, ensure_ascii=False)


def render_salary(base: Any) -> tuple[str | None, str | None]:
    """JSON-LD ``baseSalary`` -> ("USD 50000-70000 per year", structured JSON)."""
    if base is None:
        return None, None
    if isinstance(base, list):
        rendered = [render_salary(b) for b in base]
        texts = [t for t, _ in rendered if t]
        structs = [json.loads(s) for _, s in rendered if s]
        return ("; ".join(texts) or None,
                json.dumps(structs, sort_keys=True, ensure_ascii=False) if structs else None)
    if not isinstance(base, dict):
        return clean_field(base), None
    return _render_amount(base)


def _to_float(value: Any) -> float | None:
    try:
        return None if value is None or value == "" else float(value)
    except (TypeError, ValueError, OverflowError):
        return None


def _is_jobposting(obj: Any) -> bool:
    if not isinstance(obj, dict):
        return False
    kind = obj.get("@type")
    kinds = kind if isinstance(kind, list) else [kind]
    return any(isinstance(k, str) and k.split(":")[-1] == "JobPosting" for k in kinds)


def _place_label(place: Any) -> tuple[str | None, str | None]:
    """(label, country code) of one JSON-LD Place, PostalAddress or text; no label: None."""
    if isinstance(place, str):
        return place, None
    if not isinstance(place, dict):
        return None, None
    address = place.get("address", place)
    if isinstance(address, str):
        return address, None
    if not isinstance(address, dict):
        return None, None
    parts = [clean_field(address.get(k)) for k in ("addressLocality", "addressRegion")]
    country_label = clean_field(address.get("addressCountry"))
    label = ", ".join(p for p in [*parts, country_label] if p)
    return label or None, country_code(country_label)


def _jsonld_location(value: Any) -> tuple[str | None, str | None]:
    """JSON-LD jobLocation (Place / list / text) -> (location text, country)."""
    if value is None:
        return None, None
    places = value if isinstance(value, list) else [value]
    labels, country = [], None
    for place in places:
        label, code = _place_label(place)
        country = country or code
        if label is not None:
            labels.append(label)
    return ("; ".join(labels) or None), country


def _from_jsonld(obj: dict, source: str, fmt: str, encoding: str) -> Item:
    text = description_text(obj.get("description"))
    if not text:
        return "reject", make_reject(source, "JobPosting has no description; add a 'description' or remove it")
    location, country = _jsonld_location(obj.get("jobLocation"))
    if location is None and str(obj.get("jobLocationType", "")).upper() == "TELECOMMUTE":
        location = "Remote"
    pay_problem = structured_pay_problem(obj.get("baseSalary"))
    if pay_problem:
        return "reject", make_reject(source, pay_problem)
    salary_raw, structured = render_salary(obj.get("baseSalary"))
    return "posting", make_posting(
        source, fmt, encoding, text,
        title=obj.get("title"),
        company=obj.get("hiringOrganization"),
        location=location,
        country=country,
        date_posted=obj.get("datePosted"),
        salary_raw=salary_raw,
        salary_structured=structured,
        language=obj.get("inLanguage"),
    )


def _from_flat(obj: dict, source: str, fmt: str, encoding: str) -> Item:
    mapping = map_columns(obj.keys())
    if "description" not in mapping:
        return "reject", make_reject(
            source,
            f"no description field (keys: {', '.join(map(str, list(obj)[:12]))}); "
            f"add 'description' or a JSON-LD JobPosting",
        )
    text = description_text(obj.get(mapping["description"]))
    if not text:
        return "reject", make_reject(source, "empty description; fill it in or remove the entry")
    get = lambda name: obj.get(mapping[name]) if name in mapping else None  # noqa: E731
    pay, structured, pay_problem = _flat_pay(get("salary_raw"), mapping.get("salary_raw"))
    if pay_problem:
        return "reject", make_reject(source, pay_problem)
    return "posting", make_posting(
        source, fmt, encoding, text,
        title=get("title"), company=get("company"), location=get("location"),
        country=get("country"), date_posted=get("date_posted"), salary_raw=pay,
        salary_structured=structured, language=get("language"),
    )


def _flat_pay(value: Any, key: str | None) -> tuple[Any, str | None, str | None]:
    """(pay text, structured pay, why refused) of a flat object's pay value: text and numbers
    as they are, a MonetaryAmount-like object (or a list of them) rendered as JSON-LD pay."""
    if isinstance(value, (dict, list)):
        why = structured_pay_problem(value)
        if why:
            return None, None, why.replace("baseSalary", f"pay field {key!r}", 1)
        text, structured = render_salary(value)
        if text is None and value:
            return None, None, pay_field_problem(value, key)
        return text, structured, None
    return value, None, pay_field_problem(value, key)


def _from_object(obj: Any, source: str, fmt: str, encoding: str) -> Item:
    if _is_jobposting(obj):
        return _from_jsonld(obj, source, fmt, encoding)
    if isinstance(obj, dict) and "@type" not in obj:
        return _from_flat(obj, source, fmt, encoding)
    kind = obj.get("@type") if isinstance(obj, dict) else type(obj).__name__
    return "reject", make_reject(
        source, f"not a job posting (found {kind!r}); expected a schema.org JobPosting or a flat posting object"
    )


def _json_error(exc: json.JSONDecodeError) -> str:
    return (f"malformed JSON at line {exc.lineno} column {exc.colno} ({exc.msg}); "
            f"fix the file (check for a missing comma, bracket or quote) and ingest again")


def loads(line: str) -> Any:
    """One JSON value: orjson (about 3x faster), else the json module.

    The json module accepts what orjson refuses (NaN and Infinity literals,
    integers beyond 64 bits, lone surrogate escapes) and words the error message.
    A lone surrogate ("\\ud800") cannot be stored as UTF-8: it becomes U+FFFD.
    """
    try:
        return orjson.loads(line)
    except orjson.JSONDecodeError:
        return _no_lone_surrogates(json.loads(line))


def _no_lone_surrogates(value: Any) -> Any:
    """``value`` with every lone UTF-16 surrogate in its strings replaced by U+FFFD."""
    if isinstance(value, str):
        if value.isascii() or not any("\ud800" <= c <= "\udfff" for c in value):
            return value
        # A valid pair written as two escapes is joined; a lone half is replaced.
        return value.encode("utf-16", "surrogatepass").decode("utf-16", "replace")
    if isinstance(value, list):
        return [_no_lone_surrogates(v) for v in value]
    if isinstance(value, dict):
        return {_no_lone_surrogates(k): _no_lone_surrogates(v) for k, v in value.items()}
    return value


# --------------------------------------------------------------------------- readers


def _document_items(data: Any, source: str, encoding: str) -> Iterator[Item]:
    """The postings of a parsed ``.json`` document: a list, a JSON-LD @graph or one object."""
    if isinstance(data, dict) and isinstance(data.get("@graph"), list):
        items = [x for x in data["@graph"] if _is_jobposting(x)]
        if not items:
            yield "reject", make_reject(source, "JSON-LD @graph holds no JobPosting; nothing to ingest")
            return
        single = False
    elif isinstance(data, list):
        items, single = data, False
    else:
        items, single = [data], True
    if not items:
        yield "reject", make_reject(source, "empty JSON list; no postings to ingest")
    for index, obj in enumerate(items):
        yield _from_object(obj, source if single else f"{source}#{index}", "json", encoding)


def _line_item(line: str, row_source: str, line_number: int, encoding: str) -> Item:
    """The posting of one JSON Lines line, or why the line is rejected."""
    try:
        obj = loads(line)
    except json.JSONDecodeError as exc:
        return "reject", make_reject(
            row_source,
            f"malformed JSON on line {line_number} (column {exc.colno}: {exc.msg}); "
            f"fix or remove that line",
        )
    except (ValueError, RecursionError) as exc:  # a 5,000-digit number, nesting 1,000 deep
        return "reject", make_reject(
            row_source,
            f"unreadable JSON on line {line_number} ({type(exc).__name__}: {exc}); "
            f"fix or remove that line",
        )
    return _from_object(obj, row_source, "jsonl", encoding)


# A JSON document bigger than this (and than the size limit, if that is smaller) is
# streamed item by item when it is an array; smaller ones are parsed whole (orjson is
# several times faster than a streaming parser).
STREAM_ABOVE = 16 * limits.MB


def _streamed(path: Path, source: str, encoding: str, prefix: str, size: int) -> Iterator[Item]:
    """The postings of a big document's items under ``prefix``, one item in memory at a time."""
    graph = prefix != "item"
    count = 0
    try:
        for obj, span in iter_items(path, encoding, prefix):
            if graph and not _is_jobposting(obj):
                continue
            row_source = f"{source}#{count}"
            count += 1
            why = limits.too_big(span, "item")
            if why:
                yield "reject", make_reject(row_source, why)
                continue
            yield _from_object(_no_lone_surrogates(obj), row_source, "json", encoding)
    except JsonStreamError as exc:
        yield "reject", make_reject(
            f"{source}#{count}",
            f"malformed JSON after item {count} ({exc}); the {count} item(s) before it were ingested, "
            f"the rest of the file was not: fix the file there (a missing comma, bracket or quote) "
            f"and ingest again")
        return
    if count == 0 and not graph:
        yield "reject", make_reject(source, "empty JSON list; no postings to ingest")
    elif count == 0:
        yield "reject", make_reject(source, limits.too_big(size) or "JSON-LD @graph holds no JobPosting")


class JsonReader(Reader):
    """``.json`` files: small ones parsed whole, big arrays (and big JSON-LD graphs) streamed."""

    source_format = "json"
    reads_whole = False  # it bounds what it holds itself: see read()

    def read(self, piece: FileSlice, source: str) -> Iterator[Item]:
        """The postings of the document (a reject for malformed JSON or a single object over the limit)."""
        path = Path(piece.path)
        size = path.stat().st_size
        if size > min(STREAM_ABOVE, limits.max_file_bytes()):
            encoding, why = file_encoding(path)
            if why:
                yield "reject", make_reject(source, why)
                return
            first = first_character(path, encoding)
            if first == "[":
                yield from _streamed(path, source, encoding, "item", size)
                return
            if first == "{" and limits.too_big(size):
                yield from _streamed(path, source, encoding, "@graph.item", size)
                return
        yield from self._whole(path, source, size)

    def _whole(self, path: Path, source: str, size: int) -> Iterator[Item]:
        why = limits.too_big(size)
        text, encoding, unreadable = (None, None, why) if why else read_text_file(path)
        if unreadable:
            yield "reject", make_reject(source, unreadable)
            return
        try:
            data = loads(text.lstrip("\ufeff"))
        except json.JSONDecodeError as exc:
            yield "reject", make_reject(source, _json_error(exc))
            return
        except (ValueError, RecursionError) as exc:  # nesting too deep, a 5,000-digit number
            yield "reject", make_reject(source, f"unreadable JSON ({type(exc).__name__}: {exc}); fix the file")
            return
        yield from _document_items(data, source, encoding)


class JsonlReader(Reader):
    """``.jsonl`` files: one object per line, read whole or in slices of lines."""

    source_format = "jsonl"

    def read(self, piece: FileSlice, source: str) -> Iterator[Item]:
        """The postings (and rejected lines) of the file or slice; each line decoded on its own."""
        path = Path(piece.path)
        encoding, why = file_encoding(path)
        if why:
            yield "reject", make_reject(source, why)
            return
        with record_stream(path, encoding) as (handle, walk_encoding):
            lines = iter_records(handle, piece.start or 0, limits.max_file_bytes())
            for number, record in enumerate(lines, start=piece.first_row):
                if piece.end is not None and record.start >= piece.end:
                    break
                row_source = f"{source}#{number}"
                if record.data is None:
                    yield "reject", make_reject(row_source, limits.too_big(record.end - record.start, "line")
                                                or "line too large")
                    continue
                text, label = decode_text(record.data, walk_encoding)
                if text.strip():
                    yield _line_item(text, row_source, number + 1, encoding if walk_encoding != encoding else label)

    def split(self, path: Path, chunk_rows: int) -> list[FileSlice] | None:
        """Slices of ``chunk_rows`` lines (None for UTF-16/32 or unreadable files)."""
        if sliceable_encoding(path) is None:
            return None
        return split_lines(path, chunk_rows)
