"""Web pages (``.html``, ``.htm``, and text files whose content is HTML): one posting per page.

The page goes through the one converter (:mod:`workbench.ingest.html`); its title is
the first ``<h1>``, ``<h2>`` or ``<title>``, and ``Label: value`` lines near the top
of its text fill company, location and the pay field. A page cut off while saving
(ending inside a tag or comment, ``<body>`` never closed) is rejected, not half read.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

from workbench.ingest.decoding import read_text_file
from workbench.ingest.fields import labelled_fields
from workbench.ingest.html import html_title, html_truncation, parse_html, tree_text
from workbench.ingest.readers import FileSlice, Reader
from workbench.ingest.rows import Item, make_posting, make_reject


class HtmlReader(Reader):
    """HTML files, and (as the registered sniffer) any text that looks like HTML."""

    source_format = "html"

    def read(self, piece: FileSlice, source: str) -> Iterator[Item]:
        """One posting from the whole page (a reject when it cannot be decoded or is cut off)."""
        text, encoding, why = read_text_file(Path(piece.path))
        if why:
            yield "reject", make_reject(source, why)
            return
        yield from self.read_text(text, source, encoding)

    def read_text(self, text: str, source: str, encoding: str) -> Iterator[Item]:
        """One posting from decoded HTML."""
        problem = html_truncation(text)
        if problem:
            yield "reject", make_reject(
                source,
                f"truncated HTML: {problem}; the page was probably cut off while saving — "
                f"download or save it again completely",
            )
            return
        doc = parse_html(text)
        body = tree_text(doc)
        if not body:
            yield "reject", make_reject(source, "no text left after removing markup; check the file has a description")
            return
        yield "posting", make_posting(source, self.source_format, encoding, body, title=html_title(doc),
                                      **labelled_fields(body))
