"""RSS (0.9x, 1.0, 2.0) and Atom feeds: the items' links, titles and dates.

Parsed with lxml with entity expansion and network access off (a feed is untrusted XML). Each item
gives its link (RSS ``<link>``, else a ``<guid isPermaLink>``; Atom the ``alternate`` link), its
title and its date (``pubDate``, ``dc:date``, Atom ``published``, else ``updated``) as YYYY-MM-DD.
Items without an http(s) link are skipped; a link listed twice is kept once.
"""

from __future__ import annotations

import datetime as dt
import email.utils
import re
from dataclasses import dataclass, field
from urllib.parse import urljoin

from factcheck.errors import InputError

_ISO_DATE = re.compile(r"^\s*(\d{4}-\d{2}-\d{2})")
_SPACES = re.compile(r"\s+")


@dataclass(slots=True)
class FeedItem:
    link: str
    title: str | None = None
    published: str | None = None  # YYYY-MM-DD
    guid: str | None = None


@dataclass(slots=True)
class Feed:
    title: str | None
    items: list[FeedItem] = field(default_factory=list)


def _local(tag: object) -> str:
    return tag.rsplit("}", 1)[-1].lower() if isinstance(tag, str) else ""


def _child(element, *names: str):
    for child in element:
        if _local(child.tag) in names:
            return child
    return None


def _text(element) -> str | None:
    if element is None:
        return None
    text = _SPACES.sub(" ", "".join(element.itertext())).strip()
    return text or None


def parse_date(value: str | None) -> str | None:
    """An RFC 822 (RSS) or ISO 8601 (Atom, Dublin Core) date as YYYY-MM-DD, else ``None``."""
    if not value:
        return None
    match = _ISO_DATE.match(value)
    if match:
        try:
            return dt.date.fromisoformat(match.group(1)).isoformat()
        except ValueError:
            return None
    try:
        parsed = email.utils.parsedate_to_datetime(value.strip())
    except (TypeError, ValueError, IndexError):
        return None
    return parsed.date().isoformat() if parsed else None


def _web(link: str | None, base: str | None) -> str | None:
    if not link:
        return None
    link = urljoin(base, link.strip()) if base else link.strip()
    return link if re.match(r"(?i)^https?://\S+$", link) else None


def _atom_link(entry) -> str | None:
    fallback = None
    for child in entry:
        if _local(child.tag) != "link":
            continue
        rel = (child.get("rel") or "alternate").lower()
        href = child.get("href")
        if rel == "alternate" and (child.get("type") or "text/html").lower() in ("text/html", "application/xhtml+xml"):
            return href
        fallback = fallback or (href if rel == "alternate" else None)
    return fallback


def parse_feed(data: bytes, name: str, base_url: str | None = None) -> Feed:
    """The items of the RSS or Atom feed in ``data``; :class:`InputError` naming ``name``."""
    from lxml import etree

    parser = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False, huge_tree=False,
                             recover=False)
    try:
        root = etree.fromstring(data, parser=parser)
    except etree.XMLSyntaxError as exc:
        raise InputError(f"{name}: not a valid RSS or Atom feed ({exc})") from None
    kind = _local(root.tag)
    if kind == "rss":
        channel = _child(root, "channel")
        if channel is None:
            raise InputError(f"{name}: RSS feed without a <channel>")
        title, entries = _text(_child(channel, "title")), [c for c in channel if _local(c.tag) == "item"]
    elif kind == "rdf":  # RSS 1.0: items are siblings of the channel
        title = _text(_child(_child(root, "channel") if _child(root, "channel") is not None else root, "title"))
        entries = [c for c in root if _local(c.tag) == "item"]
    elif kind == "feed":
        title, entries = _text(_child(root, "title")), [c for c in root if _local(c.tag) == "entry"]
    else:
        raise InputError(f"{name}: not an RSS or Atom feed (the document is <{kind or '?'}>)")
    feed = Feed(title)
    seen: set[str] = set()
    for entry in entries:
        guid = _text(_child(entry, "guid", "id"))
        if kind == "feed":
            link = _atom_link(entry)
            date = _text(_child(entry, "published")) or _text(_child(entry, "updated"))
        else:
            link = _text(_child(entry, "link"))
            guid_el = _child(entry, "guid")
            if not link and guid_el is not None and (guid_el.get("isPermaLink") or "true").lower() == "true":
                link = guid
            date = _text(_child(entry, "pubdate")) or _text(_child(entry, "date"))
        link = _web(link, base_url)
        if link is None or link in seen:
            continue
        seen.add(link)
        feed.items.append(FeedItem(link, _text(_child(entry, "title")), parse_date(date), guid))
    return feed
