"""Ingesting from the web: a URL, the items of a feed, or a saved HTML page.

A URL is fetched (``fetch``), decoded, reduced to its article with trafilatura (``html``) and
ingested like a file; the page's own title, site name, canonical URL and date fill the article
metadata unless given. The raw bytes are then kept, compressed, as a snapshot of the article
(``store.web``) with the final URL, HTTP status and fetch time; a saved HTML file is kept the same
way. The article and its snapshot are two transactions: should the process die between them,
running the same ingest again finds the article already stored and adds the missing snapshot.

Feed items are remembered by link in ``feed_items``: an item is fetched and ingested once, however
often its feed is read; an item that failed is tried again on the next run.
"""

from __future__ import annotations

import datetime as dt
import os
from pathlib import Path
from typing import Any

from sqlite_utils import Database

from factcheck.errors import InputError
from factcheck.ingest.feed import Feed, FeedItem, parse_feed
from factcheck.ingest.fetch import DEFAULT_TIMEOUT, decode_page, fetch, is_url
from factcheck.ingest.pipeline import IngestResult, check_url, ingest_text
from factcheck.ingest.read import DEFAULT_MAX_BYTES, convert, read_bytes, strip_controls
from factcheck.store import web as store

_HTML_SUFFIXES = {".html", ".htm", ".xhtml"}


class FeedLink(str):
    """An item of a feed to ingest: the link (it is a ``str``), with the item and its feed."""

    item: FeedItem
    feed: str

    def __new__(cls, item: FeedItem, feed: str) -> "FeedLink":
        link = super().__new__(cls, item.link)
        link.item = item
        link.feed = feed
        return link


def _date(value: str | None) -> str | None:
    """A date found on the page or in a feed, dropped when it is not a real YYYY-MM-DD date."""
    try:
        return dt.date.fromisoformat(value).isoformat() if value else None
    except ValueError:
        return None


def _web_url(value: str | None) -> str | None:
    try:
        return check_url(value)
    except InputError:
        return None


def ingest_url(
    db: Database,
    url: str,
    *,
    title: str | None = None,
    outlet: str | None = None,
    article_url: str | None = None,
    published: str | dt.date | None = None,
    lang: str | None = "auto",
    max_bytes: int = DEFAULT_MAX_BYTES,
    timeout: float = DEFAULT_TIMEOUT,
    reviewer: str | None = None,
) -> IngestResult:
    """Fetch ``url`` and ingest its article with a snapshot of the page."""
    page = fetch(url, kind="html", timeout=timeout, max_bytes=max_bytes)
    text, encoding, notice = decode_page(page.body, url, page.charset)
    text, _ = strip_controls(text.replace("\r\n", "\n").replace("\r", "\n"))
    doc = convert(text, "html", url, base_url=page.final_url)
    meta = doc.meta
    result = ingest_text(
        db,
        doc.text,
        title=title or doc.title,
        outlet=outlet or meta.get("outlet"),
        url=article_url or _web_url(meta.get("url")) or _web_url(page.final_url),
        published=published or _date(meta.get("published")),
        lang=lang,
        source_path=url,
        encoding=encoding,
        reviewer=reviewer,
    )
    store.add_snapshot(
        db, result.article_id, page.body, kind="fetch", requested_url=url, final_url=page.final_url,
        http_status=page.status, fetched_at=page.fetched_at, content_type=page.content_type, charset=encoding,
        meta={"title": doc.title, **meta},
    )
    result.notice = notice
    return result


def ingest_file(db: Database, path: str | os.PathLike[str], **options: Any) -> IngestResult:
    """:func:`ingest_path`, keeping a saved HTML page's bytes as the article's snapshot."""
    from factcheck import ingest as package  # looked up at call time, so tests can wrap it

    result = package.ingest_path(db, path, **options)
    keep_file_snapshot(db, path, result, fmt=options.get("fmt"),
                       max_bytes=options.get("max_bytes", DEFAULT_MAX_BYTES))
    return result


def keep_file_snapshot(db: Database, path: str | os.PathLike[str], result: IngestResult, *,
                       fmt: str | None = None, max_bytes: int = DEFAULT_MAX_BYTES) -> None:
    """Keep a saved HTML page's bytes as the snapshot of the article ingested from it."""
    name = str(path)
    if result.article_id is None or name == "-":
        return
    if fmt == "html" or (fmt is None and Path(name).suffix.lower() in _HTML_SUFFIXES):
        raw = read_bytes(path, max_bytes)
        store.add_snapshot(db, result.article_id, raw, kind="file", source_path=str(Path(path)),
                           content_type="text/html")


def is_remote(target: str) -> bool:
    """A feed item or an http(s) URL: fetched in this process, not read from a file."""
    return isinstance(target, FeedLink) or is_url(target)


def read_feed(source: str, *, max_bytes: int = DEFAULT_MAX_BYTES, timeout: float = DEFAULT_TIMEOUT) -> Feed:
    """The feed at ``source``: an http(s) URL or a file."""
    if is_url(source):
        page = fetch(source, kind="feed", timeout=timeout, max_bytes=max_bytes)
        return parse_feed(page.body, source, base_url=page.final_url)
    return parse_feed(read_bytes(source, max_bytes), source)


def feed_links(feed: Feed, source: str) -> list[FeedLink]:
    return [FeedLink(item, source) for item in feed.items]


def ingest_feed_item(db: Database, link: FeedLink, **options: Any) -> IngestResult:
    """Ingest one feed item unless its link was ingested before (then ``created`` is False and
    ``article_id`` is the article, or ``None`` when it has since been deleted)."""
    item = link.item
    seen = store.feed_item(db, item.link)
    if seen is not None and seen["state"] == "ingested":
        article_id = seen["article_id"]
        claims = 0
        if article_id is not None:
            claims = db.execute("SELECT count(*) FROM claims WHERE article_id = ?", [article_id]).fetchone()[0]
        return IngestResult(article_id, False, claims, seen["title"])
    record = {"link": item.link, "feed": link.feed, "guid": item.guid, "title": item.title,
              "published": _date(item.published)}
    title = options.pop("title", None)
    published = options.pop("published", None)
    try:
        result = ingest_url(db, item.link, title=item.title or title, published=published or _date(item.published),
                            **options)
    except InputError as exc:
        store.record_feed_item(db, **record, article_id=None, error=str(exc))
        raise
    store.record_feed_item(db, **record, article_id=result.article_id)
    return result


def edit_metadata(db: Database, article_id: int, changes: dict[str, str | None], *, reviewer: str) -> dict[str, Any]:
    """A reviewer's correction of an article's title, outlet, URL or date: values are checked
    (an http(s) URL, a YYYY-MM-DD date), whitespace is tidied and ``""`` clears a field; one
    transaction with a ``metadata`` event. Returns the ``before``/``after`` of what changed."""
    from factcheck.ingest.pipeline import parse_published

    clean: dict[str, str | None] = {}
    for key, value in changes.items():
        if value is None:
            continue
        value = " ".join(value.split()) if key in ("title", "outlet") else value.strip()
        if key == "url":
            value = check_url(value)
        elif key == "published" and value:
            value = parse_published(value).isoformat()
        clean[key] = value or None
    return store.update_metadata(db, article_id, clean, reviewer=reviewer)


def ingest_any(db: Database, target: str, **options: Any) -> IngestResult:
    """Ingest ``target``: a feed item, an http(s) URL, or a file (``-`` is stdin)."""
    if isinstance(target, FeedLink):
        options.pop("fmt", None)
        options.pop("url", None)
        return ingest_feed_item(db, target, **options)
    if is_url(target):
        options.pop("fmt", None)
        url = options.pop("url", None)
        return ingest_url(db, target, article_url=url, **options)
    options.pop("timeout", None)
    return ingest_file(db, target, **options)
