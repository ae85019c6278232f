"""HTML to plain paragraphs with the standard library's ``html.parser``.

Scripts, styles, navigation, forms and other page furniture are dropped; each block element
(paragraph, heading, list item, ...) becomes a paragraph, paragraphs are separated by a blank line,
whitespace inside a paragraph is collapsed, ``<br>`` keeps a line break and ``<pre>`` keeps its
lines. Entities are decoded. The title comes from the first ``<h1>``, else ``<title>``; the outlet,
canonical URL and publication date from the usual ``<meta>``/``<link>`` tags when present.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from html.parser import HTMLParser

#: Elements whose whole content is dropped.
SKIP = {
    "script", "style", "noscript", "template", "nav", "aside", "footer", "form", "button",
    "select", "textarea", "svg", "math", "iframe", "object", "canvas", "audio", "video",
}
#: Elements that start and end a paragraph.
BLOCK = {
    "p", "div", "section", "article", "main", "header", "h1", "h2", "h3", "h4", "h5", "h6",
    "li", "ul", "ol", "dl", "dt", "dd", "blockquote", "pre", "figure", "figcaption", "table",
    "tr", "caption", "hr", "address", "details", "summary", "body", "html",
}
VOID = {"br", "hr", "img", "input", "meta", "link", "area", "base", "col", "embed", "source", "track", "wbr"}

_BR = "\x00"  # a <br> inside a paragraph (NUL never survives decoding)
_SPACES = re.compile(r"[ \t\f\v\r\n\u00a0]+")

_META_KEYS = {
    "og:site_name": "outlet",
    "application-name": "outlet",
    "og:url": "url",
    "article:published_time": "published",
    "date": "published",
    "pubdate": "published",
    "dc.date": "published",
    "og:title": "title",
}


@dataclass(slots=True)
class Page:
    text: str
    title: str | None = None
    meta: dict[str, str] = field(default_factory=dict)


class _Extractor(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.paragraphs: list[str] = []
        self.buffer: list[str] = []
        self.skip_stack: list[str] = []
        self.pre_depth = 0
        self.in_title = False
        self.title_parts: list[str] = []
        self.h1_parts: list[str] | None = None
        self.h1: str | None = None
        self.meta: dict[str, str] = {}

    # -- structure -------------------------------------------------------------------------
    def flush(self) -> None:
        raw = "".join(self.buffer)
        self.buffer = []
        if self.pre_depth:
            text = "\n".join(line.rstrip() for line in raw.replace(_BR, "\n").split("\n")).strip("\n")
        else:
            lines = (_SPACES.sub(" ", line).strip() for line in raw.split(_BR))
            text = "\n".join(line for line in lines if line)
        if text.strip():
            self.paragraphs.append(text)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        attributes = {k.lower(): (v or "") for k, v in attrs}
        if tag == "meta":
            self._meta(attributes)
        elif tag == "link" and "canonical" in attributes.get("rel", "").lower().split():
            self.meta.setdefault("url", attributes.get("href", "").strip())
        if self.skip_stack:
            if tag not in VOID:
                self.skip_stack.append(tag)
            return
        if tag == "title":  # the page title (an <svg> <title> is inside a skipped element)
            self.in_title = True
            return
        hidden = "hidden" in attributes or attributes.get("aria-hidden") == "true"
        if tag in SKIP or hidden or attributes.get("role") == "navigation":
            if tag not in VOID:
                self.skip_stack.append(tag)
            return
        if tag == "br":
            self.buffer.append(_BR)
        elif tag in BLOCK:
            self.flush()
            if tag == "pre":
                self.pre_depth += 1
        elif tag in ("td", "th"):
            self.buffer.append(" ")
        if tag == "h1" and self.h1 is None and self.h1_parts is None:
            self.h1_parts = []

    def handle_endtag(self, tag: str) -> None:
        if self.skip_stack:
            if tag in self.skip_stack:  # tolerate unclosed children
                while self.skip_stack and self.skip_stack.pop() != tag:
                    pass
            return
        if tag == "title":
            self.in_title = False
            return
        if tag in BLOCK:
            self.flush()
            if tag == "pre" and self.pre_depth:
                self.pre_depth -= 1
        elif tag in ("td", "th"):
            self.buffer.append(" ")
        if tag == "h1" and self.h1_parts is not None:
            self.h1 = _SPACES.sub(" ", "".join(self.h1_parts)).strip() or None
            self.h1_parts = None

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.handle_starttag(tag, attrs)
        if tag not in VOID:
            self.handle_endtag(tag)

    def handle_data(self, data: str) -> None:
        if self.in_title:
            self.title_parts.append(data)
            return
        if self.skip_stack:
            return
        self.buffer.append(data)
        if self.h1_parts is not None:
            self.h1_parts.append(data)

    def _meta(self, attributes: dict[str, str]) -> None:
        key = (attributes.get("property") or attributes.get("name") or attributes.get("itemprop") or "").lower()
        if key == "datepublished":
            key = "date"
        target = _META_KEYS.get(key)
        content = _SPACES.sub(" ", attributes.get("content", "")).strip()
        if target and content:
            self.meta.setdefault(target, content)


def html_to_text(source: str) -> Page:
    """Readable paragraphs of an HTML document, plus its title and metadata."""
    parser = _Extractor()
    parser.feed(source)
    parser.close()
    parser.flush()
    meta = dict(parser.meta)
    og_title = meta.pop("title", None)
    title = parser.h1 or _SPACES.sub(" ", "".join(parser.title_parts)).strip() or og_title or None
    if "published" in meta:
        match = re.match(r"\d{4}-\d{2}-\d{2}", meta["published"])
        if match:
            meta["published"] = match.group(0)
        else:
            del meta["published"]
    return Page("\n\n".join(parser.paragraphs), title, meta)
