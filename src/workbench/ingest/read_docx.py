"""Word documents (``.docx``, read with python-docx): one posting per document.

The body becomes the structured text the other readers produce: each paragraph on
its own line (headings too), list paragraphs (a list style or Word numbering) as
``- item``, and each table row as one line of its cells. That text is then read as
a plain-text posting (:func:`workbench.ingest.read_text.text_posting`): header fields
(``Title:``, ``Company:``, ``Description:``...), labelled lines and a short first
line as the title, exactly as in a ``.txt`` file. Page headers, footers, comments
and text boxes are not read.
"""

from __future__ import annotations

import zipfile
from collections.abc import Iterator
from pathlib import Path

from workbench.ingest import limits
from workbench.ingest.read_text import text_posting
from workbench.ingest.readers import FileSlice, Reader
from workbench.ingest.rows import Item, make_reject

_LIST_STYLES = ("List Bullet", "List Number", "List Paragraph")


def _is_list_item(paragraph) -> bool:
    """A paragraph in a list style, or one Word numbers (bullets set from the toolbar)."""
    style = paragraph.style
    if style is not None and (style.name or "").startswith(_LIST_STYLES):
        return True
    properties = paragraph._p.pPr  # python-docx has no public accessor for numbering
    return properties is not None and properties.numPr is not None


def _row_line(row) -> str:
    """A table row as one line; a merged cell (repeated by python-docx per column) once."""
    cells, seen = [], None
    for cell in row.cells:
        if cell._tc is not seen:
            cells.append(cell.text.replace("\n", " "))
            seen = cell._tc
    return " ".join(cells)


def docx_text(document) -> str:
    """The body of a python-docx ``Document`` as structured text (blank lines kept)."""
    from docx.table import Table

    lines: list[str] = []
    for block in document.iter_inner_content():
        if isinstance(block, Table):
            lines.extend(_row_line(row) for row in block.rows)
        elif _is_list_item(block) and block.text.strip():
            lines.append("- " + block.text.strip())
        else:
            lines.append(block.text)
    return "\n".join(lines)


def _body_too_big(path: Path) -> str | None:
    """Why the document's body, unpacked, is over the size limit (python-docx holds it whole)."""
    try:
        with zipfile.ZipFile(path) as archive:
            size = sum(info.file_size for info in archive.infolist() if info.filename.startswith("word/"))
    except (zipfile.BadZipFile, ValueError):
        return None  # not a document: python-docx says so
    why = limits.too_big(size, "document")
    return f"{why} (its text and markup, unpacked)" if why else None


class DocxReader(Reader):
    """``.docx`` files, read whole."""

    source_format = "docx"

    def read(self, piece: FileSlice, source: str) -> Iterator[Item]:
        """One posting from the document's body (a reject when it cannot be opened)."""
        why = _body_too_big(Path(piece.path))
        if why:
            yield "reject", make_reject(source, why)
            return
        try:
            from docx import Document

            document = Document(Path(piece.path))
        except OSError:
            raise  # iter_slice lists it as unreadable
        except Exception as exc:  # python-docx raises several types for files it cannot open
            yield "reject", make_reject(
                source,
                f"unreadable docx ({type(exc).__name__}: {exc}); open it in Word and save it again "
                f"as .docx, or save it as .txt",
            )
            return
        yield text_posting(docx_text(document), source, self.source_format, "utf-8")
