"""Ingest: read job postings from files into the ``postings`` and ``rejects`` tables.

Formats (by extension): ``.txt .md .html .htm .csv .json .jsonl .xlsx .docx``, each read by
a reader in the registry (:mod:`~workbench.ingest.readers`); a ``.txt``/``.md`` file
whose content is HTML is read by the HTML reader and recorded with
``source_format='html'`` because its text went through the HTML path. Every input
either becomes postings or a row in ``rejects`` with a reason saying what to do; one
bad file or row never stops the others.

One job per module:

========================  ===========================================================
``detection``             text or binary, encoding, language, HTML or not
``decoding``              bytes to text, line by line where one file mixes encodings
``html``                  the one HTML -> structured-text converter (lxml, any depth)
``normalise``             spaces, control characters, bullets, field values
``fields``                column/header synonyms, labelled lines, title, country, dates
``pay``                   structured pay that would be misread (negative, not an amount)
``limits``                the per-file size limit and its reject
``rows``                  the posting and reject rows every reader yields
``readers``               the reader registry, :class:`FileSlice`, :func:`iter_slice`
``read_text`` ...         one reader per format (text/Markdown, HTML, CSV, JSON, XLSX, DOCX)
``json_stream``           big JSON arrays one item at a time (ijson)
``records``               CSV/JSON Lines records in bounded memory, quotes that swallow rows cut
``lines``                 byte slices of line-based files (CSV, JSON Lines)
``walk``                  the files of folders: links followed once, unreadable folders listed
``planning``              work units for the pipeline
``collect``               readers' items into validated frames, a unit in chunks
========================  ===========================================================

Row sources are ``path#N`` where ``N`` is the 0-based data row (CSV record, JSONL
line, JSON list item) and ``path#Sheet:N`` for a worksheet row. ``posting_id`` is the
first 16 hex digits of sha256 of that string, so it is stable across runs.
"""

from __future__ import annotations

from workbench.ingest import readers
from workbench.ingest.collect import IngestResult, ingest_paths, ingest_unit, iter_postings, iter_unit
from workbench.ingest.detection import binary_reason, decode_bytes, detect_encoding, detect_language, looks_like_html
from workbench.ingest.fields import infer_country, iso_date, labelled_fields
from workbench.ingest.html import html_to_text, html_truncation, structured_text
from workbench.ingest.normalise import tidy_text
from workbench.ingest.planning import WorkUnit, list_files, plan_units
from workbench.ingest.read_csv import CsvReader
from workbench.ingest.read_docx import DocxReader
from workbench.ingest.read_html import HtmlReader
from workbench.ingest.read_json import JsonlReader, JsonReader
from workbench.ingest.read_text import TextReader
from workbench.ingest.read_xlsx import XlsxReader
from workbench.ingest.readers import FileSlice, Reader, iter_slice
from workbench.ingest.rows import posting_id

# The built-in readers, in the order an "unsupported file type" reject lists them.
_HTML = HtmlReader()
readers.register(".txt", TextReader("txt"))
readers.register(".md", TextReader("md", markdown=True))
readers.register(".html", _HTML)
readers.register(".htm", _HTML)
readers.register(".csv", CsvReader())
readers.register(".json", JsonReader())
readers.register(".jsonl", JsonlReader())
readers.register(".xlsx", XlsxReader())
readers.register(".docx", DocxReader())
readers.register_sniffer(looks_like_html, _HTML)


def supported_extensions() -> tuple[str, ...]:
    """The extensions a reader is registered for (``.txt``, ``.csv``, ...)."""
    return readers.extensions()


__all__ = [
    "FileSlice", "IngestResult", "Reader", "WorkUnit",
    "binary_reason", "decode_bytes", "detect_encoding", "detect_language", "html_to_text",
    "html_truncation", "infer_country", "ingest_paths", "ingest_unit", "iso_date", "iter_postings",
    "iter_slice", "iter_unit", "labelled_fields", "list_files", "looks_like_html", "plan_units", "posting_id",
    "readers", "structured_text", "supported_extensions", "tidy_text",
]
