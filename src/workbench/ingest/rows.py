"""The two rows a reader yields: a posting (the ``postings`` contract) and a reject.

A reader yields ``("posting", row)`` or ``("reject", row)`` items (:data:`Item`).
:func:`make_posting` fills the row the same way for every format: the language
when the input gave none, the country from the fields, an ISO date, tidy field
values, the stable ``posting_id`` and the text's fingerprint.
"""

from __future__ import annotations

import hashlib
import html as html_lib
import re
from collections.abc import Callable
from typing import Any

from workbench.ingest.detection import detect_language, looks_like_html
from workbench.ingest.fields import infer_country, iso_date
from workbench.ingest.html import html_to_text
from workbench.ingest.normalise import clean_field, tidy_text
from workbench.ingest.pay import pay_field_problem

Item = tuple[str, dict]  # ("posting", row) or ("reject", row)


def _sha256(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8", errors="surrogatepass")).hexdigest()


def posting_id(source: str) -> str:
    """Stable id: the first 16 hex digits of sha256(source)."""
    return _sha256(source)[:16]


def make_reject(source: str, reason: str) -> dict:
    """A ``rejects`` row: ``reason`` says what was wrong and what to do."""
    return {"source": source, "stage": "ingest", "reason": reason}


_ENTITY = re.compile(r"&(?:#\d{2,6}|#x[0-9a-fA-F]{2,5}|[A-Za-z]{2,8});")


def description_text(value: Any) -> str:
    """A description field (CSV cell, JSON value) as structured text; HTML if it has tags."""
    text = "" if value is None else str(value)
    if looks_like_html(text, min_tags=1):
        return html_to_text(text)
    if _ENTITY.search(text):
        text = html_lib.unescape(text)
    return tidy_text(text)


def make_posting(
    source: str,
    source_format: str,
    encoding: str,
    text: str,
    *,
    title: Any = None,
    company: Any = None,
    location: Any = None,
    country: Any = None,
    date_posted: Any = None,
    salary_raw: Any = None,
    salary_structured: str | None = None,
    language: Any = None,
) -> dict:
    """A ``postings`` row for ``text`` (structured text) read from ``source``."""
    lang = str(language).strip().lower()[:2] if language else None
    if lang not in ("en", "ru", "zh"):
        lang = detect_language(text)
    location_s = clean_field(location)
    salary_s = clean_field(salary_raw)
    return {
        "posting_id": posting_id(source),
        "source": source,
        "source_format": source_format,
        "encoding": encoding,
        "language": lang,
        "title": clean_field(title),
        "company": clean_field(company),
        "location": location_s,
        "country": infer_country(country, location_s, salary_s, text, lang),
        "date_posted": iso_date(date_posted),
        "salary_raw": salary_s,
        "text": text,
        "fingerprint": _sha256(text),
        "salary_structured": salary_structured,
    }


def table_row_item(get: Callable[[str], Any], mapping: dict, row_source: str, source_format: str,
                   encoding: str, empty_reason: Callable[[], str]) -> Item:
    """The posting of one non-blank row of a table (CSV, spreadsheet), or why it is rejected:
    no description (``empty_reason()`` says so in the format's words), a pay field that holds
    no pay, or a description with no text once markup is removed. ``get(name)`` is the
    row's cell of field ``name`` (None when the table has no such column)."""
    description = get("description")
    if description is None or not str(description).strip():
        return "reject", make_reject(row_source, empty_reason())
    pay_problem = pay_field_problem(get("salary_raw"), mapping.get("salary_raw"))
    if pay_problem:
        return "reject", make_reject(row_source, pay_problem)
    body = description_text(description)
    if not body:
        return "reject", make_reject(row_source, "description has no text after removing markup; fix the row")
    return "posting", make_posting(
        row_source, source_format, encoding, body,
        title=get("title"), company=get("company"), location=get("location"),
        country=get("country"), date_posted=get("date_posted"), salary_raw=get("salary_raw"),
        language=get("language"),
    )
