"""A web page's article and metadata through trafilatura.

trafilatura (Apache-2.0) finds the main text of a news page and drops what is not the article:
navigation, cookie banners, share buttons, related-story lists, newsletter boxes and comments.
Before it runs, elements the page hides (``hidden``, ``aria-hidden="true"``, ``display: none``) are
removed. What it keeps becomes plain paragraphs separated by a blank line: the headline first, then
each paragraph, heading, list item, quote and table row of the article body; whitespace inside a
paragraph is collapsed and a ``<br>`` keeps a line break. That text is what gets stored, and claim
offsets are code points into it.

Metadata comes from the page as well (JSON-LD, Open Graph, ``<meta>`` and ``<link>`` tags, with
trafilatura's and htmldate's rules): title, author, publication date, site name (the outlet),
canonical URL and language.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

_SPACES = re.compile(r"[ \t\f\v\r\n\u00a0\u200b]+")
_LANG = re.compile(r"""<html\b[^>]*?\blang\s*=\s*["']?\s*([A-Za-z]{2,3})(?:[-_][A-Za-z0-9]+)*""", re.I)
_OG_LOCALE = re.compile(r"""<meta[^>]+property\s*=\s*["']og:locale["'][^>]*content\s*=\s*["']([A-Za-z]{2,3})""", re.I)
_HIDDEN_STYLE = re.compile(r"display\s*:\s*none|visibility\s*:\s*hidden", re.I)
#: Bylines often end with a separator before the date: "Tomas Lindqvist ·".
_AUTHOR_EDGE = re.compile(r"^[\s·•|,;:–—-]+|[\s·•|,;:–—-]+$")
_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}")
#: trafilatura elements that are one paragraph each; lists and tables split further.
_BLOCKS = {"p", "head", "quote", "code", "item", "row", "cell", "list", "table", "div"}


@dataclass(slots=True)
class Page:
    text: str
    title: str | None = None
    #: outlet, url, published (YYYY-MM-DD), author, language: only those the page states
    meta: dict[str, str] = field(default_factory=dict)


def _clean(text: str | None) -> str:
    return _SPACES.sub(" ", text or "").strip()


def _inline(element: Any) -> str:
    """The text of ``element`` and its inline children, ``<lb>`` as a newline."""
    parts = [element.text or ""]
    for child in element:
        if child.tag == "lb":
            parts.append("\n")
        elif child.tag != "graphic":
            parts.append(_inline(child))
        parts.append(child.tail or "")
    return "".join(parts)


def _paragraphs(element: Any, out: list[str]) -> None:
    """Append the paragraphs under ``element`` (trafilatura's XML body) to ``out``."""
    for child in element:
        tag = child.tag
        if tag == "list":
            _paragraphs(child, out)
        elif tag == "table":
            for row in child.iter("row"):
                cells = [_clean(_inline(cell)) for cell in row if cell.tag == "cell"]
                line = " ".join(cell for cell in cells if cell)
                if line:
                    out.append(line)
        elif tag == "quote" and any(grand.tag in _BLOCKS for grand in child):
            if _clean(child.text):
                out.append(_clean(child.text))
            _paragraphs(child, out)
        elif tag == "code":
            code = "\n".join(line.rstrip() for line in _inline(child).split("\n")).strip("\n")
            if code.strip():
                out.append(code)
        elif tag != "graphic":
            lines = (_clean(line) for line in _inline(child).split("\n"))
            text = "\n".join(line for line in lines if line)
            if text:
                out.append(text)
        if _clean(child.tail):
            out.append(_clean(child.tail))


def _drop_hidden(tree: Any) -> None:
    for element in list(tree.iter()):
        if not isinstance(element.tag, str):
            continue
        attrs = element.attrib
        if ("hidden" in attrs or attrs.get("aria-hidden", "").lower() == "true"
                or _HIDDEN_STYLE.search(attrs.get("style", ""))):
            parent = element.getparent()
            if parent is not None:
                element.drop_tree() if hasattr(element, "drop_tree") else parent.remove(element)


def page_language(source: str) -> str | None:
    """The language a page declares (``<html lang>``, else ``og:locale``), lower case."""
    head = source[:20_000]
    match = _LANG.search(head) or _OG_LOCALE.search(head)
    return match.group(1).lower() if match else None


def html_to_text(source: str, url: str | None = None) -> Page:
    """The article of an HTML page as paragraphs, with its title and metadata.

    ``url`` (where the page was fetched from) helps trafilatura resolve relative canonical links.
    """
    import trafilatura
    from trafilatura.utils import load_html

    tree = load_html(source)
    if tree is None:
        return Page("", None, {})
    _drop_hidden(tree)
    headlines = {_clean("".join(h1.itertext())) for h1 in tree.iter("h1")}
    result = trafilatura.bare_extraction(
        tree,
        url=url,
        with_metadata=True,
        include_comments=False,
        include_tables=True,
        include_images=False,
        include_links=False,
        include_formatting=False,
        deduplicate=False,
        date_extraction_params={"extensive_search": False, "original_date": True},
    )
    if result is None:
        return Page("", None, _meta(None, source))
    paragraphs: list[str] = []
    if result.body is not None:
        _paragraphs(result.body, paragraphs)
    title = _clean(result.title) or None
    # The headline opens the stored text when the page shows it (an <h1>), not when it is only
    # the <title> of the browser tab.
    if title and title in headlines and (not paragraphs or _clean(paragraphs[0]) != title):
        paragraphs.insert(0, title)
    return Page("\n\n".join(paragraphs), title, _meta(result, source))


def _meta(result: Any, source: str) -> dict[str, str]:
    meta: dict[str, str] = {}
    if result is not None:
        outlet = _clean(result.sitename)
        if outlet:
            meta["outlet"] = outlet
        url = _clean(result.url)
        if url:
            meta["url"] = url
        date = _clean(result.date)
        if _DATE.match(date):
            meta["published"] = date[:10]
        author = _AUTHOR_EDGE.sub("", _clean(result.author))
        if author:
            meta["author"] = author
    language = (result.language if result is not None else None) or page_language(source)
    if language:
        meta["language"] = language.lower()
    return meta
