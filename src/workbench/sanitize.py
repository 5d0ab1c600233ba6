"""Sanitising published HTML: what a report page may hold, and the check that it holds only that.

Two lines of defence, both allow-lists:

* :func:`strip_unsafe_outputs` removes what a notebook must never publish: every
  input, printed text, warnings and tracebacks (they carry server paths), and any
  output type that can run code or fetch from the network (JavaScript, widgets, SVG,
  LaTeX, Markdown, PDF);
* :func:`sanitize_fragment` passes the exported HTML through bleach with an allow-list
  of tags and attributes: ``img`` keeps only ``data:image/png|jpeg;base64`` sources,
  links only ``#anchors`` and a table's embedded CSV (``data:text/csv``, percent-encoded); scripts, event handlers, iframes, forms and styles are
  escaped or removed;
* :func:`check_offline` walks the real tags of a finished page and refuses one that
  still holds a script, an event handler, a meta refresh or an external load.
  Payloads shown as text are escaped (``&lt;script&gt;``) and are not tags, so they pass.
"""

from __future__ import annotations

import re
from typing import Any

from workbench.errors import ReportError

__all__ = ["check_offline", "sanitize_fragment", "strip_unsafe_outputs"]

_ALLOWED_TAGS = frozenset({
    "a", "abbr", "b", "blockquote", "br", "caption", "code", "col", "colgroup", "dd", "div",
    "dl", "dt", "em", "figcaption", "figure", "h1", "h2", "h3", "h4", "h5", "h6", "hr", "i",
    "img", "li", "ol", "p", "pre", "small", "span", "strong", "sub", "sup", "table",
    "tbody", "td", "tfoot", "th", "thead", "tr", "ul",
})
_SAFE_IMG = re.compile(r"^data:image/(png|jpeg);base64,[A-Za-z0-9+/=\s]+$")
# A table's embedded CSV download (workbench.export.csv_data_uri): percent-encoded text only.
_CSV_LINK = re.compile(r"^data:text/csv;charset=utf-8,[A-Za-z0-9%._~!*'()-]*$")
_CSV_NAME = re.compile(r"^[a-z0-9-]{1,64}\.csv$")
_DROP_MIME = ("javascript", "widget", "svg", "latex", "markdown", "pdf")


def _allowed_attr(tag: str, name: str, value: str) -> bool:
    if name in ("class", "id", "title"):
        return True
    if tag == "img":
        if name == "src":
            return bool(_SAFE_IMG.match(value))
        return name in ("alt", "width", "height")
    if tag == "a":
        if name == "href":
            return value.startswith("#") or bool(_CSV_LINK.match(value))
        return name == "download" and bool(_CSV_NAME.match(value))
    if tag in ("td", "th"):
        return name in ("colspan", "rowspan", "data-label")
    return False


def sanitize_fragment(markup: str) -> str:
    """Allow-list sanitise an HTML fragment (bleach), keeping embedded PNG/JPEG images."""
    import bleach

    return bleach.clean(
        markup,
        tags=_ALLOWED_TAGS,
        attributes=_allowed_attr,
        protocols={"data"},
        strip=False,
        strip_comments=True,
    )


def strip_unsafe_outputs(nb: Any) -> Any:
    """Drop outputs that could run code or fetch from the network, and all inputs."""
    for cell in nb.cells:
        if cell.cell_type == "raw":
            cell.source = ""
        if cell.cell_type != "code":
            continue
        kept = []
        for out in cell.get("outputs", []):
            # Readers see what the notebook displayed on purpose (render.* helpers, figures).
            # Printed text, warnings (they carry server paths), tracebacks and bare
            # expression reprs are for the audit notebook only.
            if out.get("output_type") in ("stream", "error"):
                continue
            if out.get("output_type") == "execute_result":
                out.get("data", {}).pop("text/plain", None)
            if out.get("output_type") in ("display_data", "execute_result"):
                data = out.get("data", {})
                for mime in list(data):
                    if any(part in mime for part in _DROP_MIME):
                        del data[mime]
                # A figure's "<Figure size ...>" text repr is noise next to the image.
                if ("image/png" in data or "text/html" in data) and "text/plain" in data:
                    del data["text/plain"]
                if not data:
                    continue
            kept.append(out)
        cell.outputs = kept
    return nb


_FORBIDDEN_TAGS = {"script", "iframe", "frame", "object", "embed", "link", "base", "form", "applet",
                   "audio", "video", "source", "svg", "math", "template", "portal"}
_URL_ATTRS = {"src", "href", "action", "formaction", "poster", "data", "srcset", "xlink:href",
              "background", "cite", "longdesc", "ping", "manifest"}


def _is_relative(url: str) -> bool:
    """A link to a file beside this one (no scheme, no host, no parent folder)."""
    return not re.match(r"^\s*([a-z][a-z0-9+.\-]*:|//|\\\\|/)", url, re.I) and ".." not in url


class _OfflineChecker:
    """Walk the real tags of a page (escaped text is not a tag) and list violations."""

    def __init__(self) -> None:
        from html.parser import HTMLParser

        problems: list[str] = []
        self.problems = problems
        in_style = [False]

        class Parser(HTMLParser):
            def handle_starttag(self, tag, attrs):  # noqa: D401 - HTMLParser API
                if tag in _FORBIDDEN_TAGS:
                    problems.append(f"<{tag}> element")
                if tag == "meta" and any(k == "http-equiv" and (v or "").lower() == "refresh" for k, v in attrs):
                    problems.append("meta refresh")
                for name, value in attrs:
                    value = (value or "").strip()
                    if name.startswith("on"):
                        problems.append(f"event handler {name} on <{tag}>")
                    elif name in _URL_ATTRS and not (value.startswith("#") or _SAFE_IMG.match(value)
                                                      or (name == "href" and (_is_relative(value)
                                                                              or _CSV_LINK.match(value)))):
                        problems.append(f"external reference {name}={value[:60]!r} on <{tag}>")
                    elif name == "style" and re.search(r"url\(|expression\(|@import", value, re.I):
                        problems.append(f"url() in style attribute on <{tag}>")
                in_style[0] = tag == "style"

            def handle_startendtag(self, tag, attrs):
                self.handle_starttag(tag, attrs)
                in_style[0] = False

            def handle_endtag(self, tag):
                in_style[0] = False

            def handle_data(self, data):
                if in_style[0] and re.search(r"url\(|@import|expression\(", data, re.I):
                    problems.append("url() or @import in <style>")

        self.parser = Parser(convert_charrefs=True)

    def feed(self, page: str) -> list[str]:
        self.parser.feed(page)
        self.parser.close()
        return self.problems


def check_offline(page: str) -> None:
    """Raise ``ReportError`` if a page holds a live script, event handler or external load.

    Payloads shown as text are escaped (``&lt;script&gt;``) and are not tags, so they pass.
    """
    problems = _OfflineChecker().feed(page)
    if problems:
        raise ReportError("rendered HTML is not safe to publish: " + "; ".join(sorted(set(problems))[:5]))


# ------------------------------------------------------------------ index page
