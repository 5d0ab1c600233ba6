"""The one HTML -> structured-text converter.

:func:`html_to_text` turns a page into the structured text every reader produces:
headings (``h1``-``h6``) and paragraphs made only of ``<b>``/``<strong>`` on lines
of their own, ``<li>`` as ``- item`` lines, block elements and ``<br>`` breaking
lines, scripts/styles/comments dropped and entities decoded. The tree is built by
lxml's HTML parser (with ``huge_tree``: 2,048 levels of nesting instead of 256) and
walked directly; a page libxml2 still gives up on (its error log says so) is flattened
with the standard library's tokenizer and parsed again, so its text is kept; markup
deeper than Python's recursion limit is read as flat text; BeautifulSoup (with the lxml
builder) repairs what lxml refuses. Walking lxml elements is about 10x faster than walking a
BeautifulSoup tree, which matters at a million postings.
"""

from __future__ import annotations

import html as html_lib
import re
import threading
from html.parser import HTMLParser

from workbench.ingest.detection import looks_like_html
from workbench.ingest.normalise import CTRL, SPACES, collapse_lines

_BLOCK_TAGS = frozenset(
    "p div section article header footer main aside nav table thead tbody tfoot tr ul ol dl "
    "dt dd blockquote pre form fieldset figure figcaption address hr body html center".split()
)
_CELL_TAGS = frozenset(("td", "th"))
_HEADING_TAGS = frozenset(("h1", "h2", "h3", "h4", "h5", "h6"))
_DROP_TAGS = frozenset(("script", "style", "noscript", "template", "head", "svg", "iframe", "object"))
_BOLD_TAGS = frozenset(("b", "strong"))
_NL = "\n"

# What the walk does with an element, by tag. One dict look-up per element
# replaces a lower() and a chain of set tests; the kinds keep the order of those
# tests (a tag's kind is the first test it passed).
_K_DROP, _K_BR, _K_HEADING, _K_LI, _K_PARA, _K_BLOCK, _K_CELL, _K_BOLD, _K_INLINE = range(9)


def _kind_of(tag) -> int:
    if not isinstance(tag, str):
        return _K_DROP  # comment, processing instruction, entity: no text of its own
    tag = tag.lower()
    if tag in _DROP_TAGS:
        return _K_DROP
    if tag == "br":
        return _K_BR
    if tag in _HEADING_TAGS:
        return _K_HEADING
    if tag == "li":
        return _K_LI
    if tag in ("p", "div"):
        return _K_PARA
    if tag in _BLOCK_TAGS:
        return _K_BLOCK
    if tag in _CELL_TAGS:
        return _K_CELL
    if tag in _BOLD_TAGS:
        return _K_BOLD  # inline for _walk, bold for _is_bold_only
    return _K_INLINE


# Tags as lxml's HTML parser spells them (lower case). Other tags, and the tags of
# comments/PIs, are classified by _kind_of on the spot: not stored, so untrusted
# markup cannot grow this table.
_KIND = {
    tag: _kind_of(tag)
    for tag in (*_BLOCK_TAGS, *_CELL_TAGS, *_HEADING_TAGS, *_DROP_TAGS, *_BOLD_TAGS, "br", "li",
                "span", "a", "i", "em", "u", "font", "small", "sup", "sub", "label", "img", "code")
}
# For _is_bold_only: kinds that make a paragraph not bold-only, and kinds it skips.
_NOT_BOLD_KINDS = frozenset((_K_BLOCK, _K_PARA, _K_HEADING, _K_LI))
_SKIP_KINDS = frozenset((_K_DROP, _K_BR))


_PARSERS = threading.local()


def _lxml():
    """(lxml.etree, lxml.html, plain HTML parser), imported on first use.

    The plain ``etree.HTMLParser`` builds the same tree as ``lxml.html``'s parser
    (same libxml2 options) but without its Python element-class lookup, which
    lxml called for every element the walk touched. One parser per thread: an
    lxml parser must not be used by two threads at once. ``huge_tree`` lifts
    libxml2's limits to 2,048 levels of nesting; deeper markup is read by
    :func:`flatten_html` (see :func:`parse_html`).
    """
    cached = getattr(_PARSERS, "lxml", None)
    if cached is None:
        from lxml import etree
        from lxml import html as lxml_html

        # huge_tree: libxml2 stops at 256 levels of nesting (and at 10 MB text nodes)
        # without it, dropping everything below with only a line in the error log.
        cached = _PARSERS.lxml = (etree, lxml_html, etree.HTMLParser(huge_tree=True))
    return cached


def _text_content(el) -> str:
    """All text inside ``el``: what ``lxml.html``'s ``text_content()`` returns.

    That method evaluates the XPath ``string()``; libxml2 computes both it and the
    text serialisation with the same routine (xmlNodeGetContent: text nodes only,
    no comments), and the serialisation skips the XPath context set-up (~3.5x
    faster per call; identical on the fuzz corpus and every synthetic posting).
    """
    return _lxml()[0].tostring(el, method="text", encoding="unicode", with_tail=False)


def _is_bold_only(el) -> bool:
    """True when every visible text piece inside ``el`` sits inside <b>/<strong>."""
    # `s and not s.isspace()` is `(s or "").strip()` being non-empty, without the copy.
    text = el.text
    if text and not text.isspace():
        return False
    found = False
    for child in el:
        tag = child.tag
        kind = _KIND.get(tag)
        if kind is None:
            kind = _kind_of(tag)
        if kind == _K_BOLD:
            found = found or bool(_text_content(child).strip())
        elif kind in _SKIP_KINDS:
            pass
        elif kind in _NOT_BOLD_KINDS:
            return False
        elif _text_content(child).strip():
            if not _is_bold_only(child):  # e.g. <span><strong>..</strong></span>
                return False
            found = True
        tail = child.tail
        if tail and not tail.isspace():
            return False
    return found


def _walk(el, out: list[str]) -> None:
    """Append the structured text of ``el``'s content to ``out`` (lxml element tree)."""
    # .text/.tail build a new str on each access: read them once.
    text = el.text
    if text:
        out.append(text)
    for child in el:
        tag = child.tag
        kind = _KIND.get(tag)
        if kind is None:
            kind = _kind_of(tag)
        if kind >= _K_BOLD:  # inline
            _walk(child, out)
        elif kind == _K_DROP:  # comments, processing instructions, scripts
            pass
        elif kind == _K_BR:
            out.append(_NL)
        elif kind == _K_HEADING:
            out.extend((_NL, _text_content(child), _NL))
        elif kind == _K_LI:
            out.append(_NL + "- ")
            _walk(child, out)
            out.append(_NL)
        elif kind == _K_PARA and _is_bold_only(child):
            out.extend((_NL, _text_content(child), _NL))
        elif kind <= _K_BLOCK:  # _K_PARA (not bold-only) or _K_BLOCK
            out.append(_NL)
            _walk(child, out)
            out.append(_NL)
        else:  # _K_CELL
            out.append(" ")
            _walk(child, out)
            out.append(" ")
        tail = child.tail
        if tail:
            out.append(tail)


_XML_DECL = re.compile(r"^\s*<\?xml[^>]*\?>", re.I)


def _fatal_error(parser) -> str | None:
    """The first fatal error of the parser's last run (libxml2 stopped there), else None."""
    for entry in parser.error_log:
        if entry.level_name == "FATAL":
            return entry.message
    return None


class _Flattener(HTMLParser):
    """Markup of any depth as flat HTML: headings, list items, the title and line breaks
    kept, every other tag dropped, scripts and styles skipped. The standard library's
    tokenizer keeps no tree, so nesting costs nothing."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.out: list[str] = []
        self.title: list[str] | None = None  # the <title> text, while inside it
        self.titles: list[str] = []
        self.skip = 0  # inside script/style/...: text is not content
        self.open: list[str] = []  # heading or li elements written open

    def handle_starttag(self, tag: str, attrs) -> None:
        kind = _KIND.get(tag, _kind_of(tag))
        if tag == "title":
            self.title = []
        elif kind == _K_DROP and tag != "head":
            self.skip += 1
        elif tag == "li" or kind == _K_HEADING:
            if self.open:  # no nesting in the flat page: a line break instead
                self.out.append("<br>")
            else:
                self.open.append(tag)
                self.out.append(f"<{tag}>")
        elif kind in (_K_BR, _K_PARA, _K_BLOCK, _K_CELL):
            self.out.append("<br>" if kind != _K_CELL else " ")

    def handle_endtag(self, tag: str) -> None:
        kind = _KIND.get(tag, _kind_of(tag))
        if tag == "title" and self.title is not None:
            self.titles.append("".join(self.title))
            self.title = None
        elif kind == _K_DROP and tag != "head":
            self.skip = max(0, self.skip - 1)
        elif self.open and self.open[-1] == tag:
            self.out.append(f"</{self.open.pop()}>")
        elif kind in (_K_PARA, _K_BLOCK, _K_HEADING, _K_LI):
            self.out.append("<br>")

    def handle_data(self, data: str) -> None:
        if self.title is not None:
            self.title.append(data)
        elif not self.skip:
            self.out.append(html_lib.escape(data, quote=False))


def flatten_html(html: str) -> str:
    """``html`` without its nesting (:class:`_Flattener`): what lxml reads when a page is
    nested deeper than libxml2 (or Python's recursion) allows, so its text is kept."""
    flat = _Flattener()
    flat.feed(html)
    flat.close()
    title = f"<title>{html_lib.escape(flat.titles[0], quote=False)}</title>" if flat.titles else ""
    closing = "".join(f"</{tag}>" for tag in reversed(flat.open))
    return f"<html><head>{title}</head><body>{''.join(flat.out)}{closing}</body></html>"


def parse_html(html: str):
    """Parse HTML into an lxml tree.

    When libxml2 gives up part way (a fatal error in the parser's error log, such as
    nesting deeper than 2,048 levels), the page is flattened (:func:`flatten_html`) and
    parsed again, so nothing below that point is lost; BeautifulSoup's lxml builder
    repairs what lxml refuses outright.
    """
    etree, lxml_html, parser = _lxml()
    cleaned = _XML_DECL.sub("", CTRL.sub("", html))
    try:
        doc = lxml_html.document_fromstring(cleaned, parser=parser)
        if _fatal_error(parser) is None:
            return doc
        return lxml_html.document_fromstring(flatten_html(cleaned), parser=parser)
    except (etree.ParserError, ValueError):
        from bs4 import BeautifulSoup

        soup = BeautifulSoup(cleaned, "lxml")
        rebuilt = str(soup) if soup.contents else "<html><body></body></html>"
        try:
            return lxml_html.document_fromstring(rebuilt, parser=parser)
        except (etree.ParserError, ValueError):
            return lxml_html.document_fromstring("<html><body></body></html>", parser=parser)


def tree_text(doc) -> str:
    """Structured text of a parsed document's ``<body>`` (of the whole tree without one)."""
    out: list[str] = []
    body = doc.find("body")
    root = body if body is not None else doc
    try:
        _walk(root, out)
    except RecursionError:  # deeper than Python's recursion limit: walk a flattened copy
        etree, lxml_html, parser = _lxml()
        markup = etree.tostring(root, method="html", encoding="unicode")
        flat = lxml_html.document_fromstring(flatten_html(markup), parser=parser)
        out = []
        _walk(flat.find("body"), out)
    return collapse_lines("".join(out))


def html_to_text(html: str) -> str:
    """Turn HTML into structured plain text.

    Headings (``h1``-``h6``) and paragraphs made only of ``<b>``/``<strong>`` become lines
    of their own, ``<li>`` become ``- item`` lines, block elements and ``<br>`` break
    lines, scripts/styles/comments are dropped and entities decoded.

    The tree is built by lxml's HTML parser and walked directly; BeautifulSoup (with the
    lxml builder) repairs input lxml refuses. Walking lxml elements is about 10x faster
    than walking a BeautifulSoup tree, which matters at a million postings.
    """
    if not html or not html.strip():
        return ""
    return tree_text(parse_html(html))


def structured_text(text: str) -> str:
    """``text`` as structured text: raw HTML converted by :func:`html_to_text`, other text as it is.

    One tag is enough to count as HTML, as for a description field (a ``<br>`` between
    two sentences). This is the one place outside the readers that decides whether a
    text is HTML: ``structure`` and ``sections`` read raw HTML through it.
    """
    return html_to_text(text) if looks_like_html(text, min_tags=1) else text


def html_title(doc) -> str | None:
    """The page's title: its first ``<h1>``, else ``<h2>``, else ``<title>`` with text."""
    for name in ("h1", "h2", "title"):
        tag = doc.find(f".//{name}")
        if tag is not None:
            title = SPACES.sub(" ", _text_content(tag)).strip()
            if title:
                return title
    return None


def html_truncation(html: str) -> str | None:
    """Return why ``html`` looks cut off, or None when it looks complete."""
    tail = html.rstrip()
    if tail.rfind("<") > tail.rfind(">"):
        snippet = tail[tail.rfind("<"):][:40]
        return f"the file ends inside a tag ({snippet!r})"
    if tail.rfind("<!--") > tail.rfind("-->"):
        return "the file ends inside an HTML comment"
    lower = html.lower()
    for tag in ("html", "body"):
        if re.search(rf"<{tag}[\s>]", lower) and f"</{tag}>" not in lower:
            return f"<{tag}> is opened but never closed (no </{tag}>)"
    return None
