"""Plain-text and Markdown postings (``.txt``, ``.md``): one posting per file.

A header-field file (``Title:``, ``Company:``, ``Location:``, ``Description:``...)
gives its fields and the description is the text; otherwise the title is a short
first line and ``Label: value`` lines near the top (``Компания:``, ``公司：``,
``Salary:``...) fill company, location and the separate pay field. A text file whose
content is a web page is handed to the reader registered for that content (HTML),
and recorded with that reader's ``source_format``.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

from workbench.ingest import readers
from workbench.ingest.decoding import read_text_file
from workbench.ingest.fields import first_line_title, labelled_fields, parse_header_fields
from workbench.ingest.normalise import tidy_text
from workbench.ingest.readers import FileSlice, Reader
from workbench.ingest.rows import Item, make_posting, make_reject

_HEADER_EXTRAS = ("company", "location", "country", "date_posted", "salary_raw", "language")


def _fields_and_body(text: str, markdown: bool) -> tuple[str, str | None, dict[str, Any]]:
    """(structured text, title, other fields) of a plain-text posting."""
    fields = parse_header_fields(text.replace("\r\n", "\n"))
    if not fields:
        body = tidy_text(text, markdown=markdown)
        return body, first_line_title(body), labelled_fields(body)
    body = tidy_text(fields.get("description") or text, markdown=markdown)
    extra = {k: fields.get(k) for k in _HEADER_EXTRAS}
    for key, value in labelled_fields(body).items():
        extra[key] = extra.get(key) or value
    return body, fields.get("title"), extra


def text_posting(text: str, source: str, source_format: str, encoding: str, *,
                 markdown: bool = False) -> Item:
    """The posting of a plain text (header fields or labelled lines read), or a reject."""
    body, title, extra = _fields_and_body(text, markdown)
    if not body:
        return "reject", make_reject(source, "no text left after removing markup; check the file has a description")
    return "posting", make_posting(source, source_format, encoding, body, title=title, **extra)


class TextReader(Reader):
    """``.txt`` (``source_format='txt'``) or, with ``markdown=True``, ``.md`` files."""

    def __init__(self, source_format: str = "txt", *, markdown: bool = False) -> None:
        self.source_format = source_format
        self.markdown = markdown

    def read(self, piece: FileSlice, source: str) -> Iterator[Item]:
        """One posting from the whole file (a reject when it is empty, binary or undecodable)."""
        text, encoding, why = read_text_file(Path(piece.path))
        if why:
            yield "reject", make_reject(source, why)
            return
        other = readers.sniff(text)
        if other is not None:
            yield from other.read_text(text, source, encoding)
            return
        yield text_posting(text, source, self.source_format, encoding, markdown=self.markdown)
