"""Ingest: extract the claims of an article and store everything in ONE transaction.

Extraction and folding (CPU work, :func:`prepare_text`, also in worker processes) run before the
transaction; the article row, its sources (with registry
parents and aliases), claims, extracted attributions, via chains and the ``ingest`` event are then
written inside a single ``db.atomic()``, so after a crash an article is either fully present or
absent. Ingest is idempotent: the same text (sha256 of its UTF-8 bytes) is stored once.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import os
import re
import sqlite3
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from sqlite_utils import Database

from factcheck.config import reviewer_name
from factcheck.errors import FactcheckError, InputError
from factcheck.ingest.read import DEFAULT_MAX_BYTES, display_name, read_input
from factcheck.model import Extraction
from factcheck.store.queries import next_article_id, next_claim_id, storage_errors
from factcheck.store.sources_repo import add_alias, ensure_source
from factcheck.store.util import dumps, now_iso
from factcheck.sources.registry import default_registry
from factcheck.text.extract import extract
from factcheck.text.normalize import detect_language, fold

LANGS = ("ar", "en")
_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
_TITLE_MAX = 100


@dataclass(slots=True)
class IngestResult:
    article_id: int
    created: bool  # False when the same text was already stored
    claims: int
    title: str | None = None
    language: str | None = None
    notice: str | None = None  # e.g. the Windows-1256 decoding notice


def sha256_of(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def parse_published(value: str | dt.date | None) -> dt.date | None:
    if value is None or value == "":
        return None
    if isinstance(value, dt.date):
        return value
    text = str(value).strip()
    try:
        if not _DATE.match(text):
            raise ValueError
        return dt.date.fromisoformat(text)
    except ValueError:
        raise InputError(f"bad published date {value!r}: expected YYYY-MM-DD such as 2024-03-05") from None


def check_url(url: str | None) -> str | None:
    """An article URL must be an http(s) address (it ends up as a link in reports)."""
    url = (url or "").strip()
    if not url:
        return None
    parts = urlsplit(url)
    if parts.scheme.lower() not in ("http", "https") or not parts.netloc or any(ch.isspace() for ch in url):
        raise InputError(f"bad article URL {url!r}: expected an http:// or https:// address")
    return url


def _page_url(url: str | None) -> str | None:
    """A URL found in a page's own markup, dropped when it is not a web address."""
    try:
        return check_url(url)
    except InputError:
        return None


def resolve_lang(text: str, lang: str | None) -> str:
    if lang in (None, "", "auto"):
        return detect_language(text)
    if lang not in LANGS:
        raise InputError(f"bad language {lang!r}: expected ar, en or auto")
    return lang


def guess_title(text: str) -> str | None:
    """The first line when it is short enough to be a headline."""
    for line in text.split("\n"):
        line = " ".join(line.split())
        if line:
            return line if len(line) <= _TITLE_MAX else line[: _TITLE_MAX - 1].rstrip() + "…"
    return None


def run_extraction(text: str, lang: str, date: dt.date | None, registry: Any = None) -> Extraction:
    """The engine's claims for ``text`` (kept apart so tests can compare with a fresh run)."""
    return extract(text, lang=lang, date=date, registry=registry)


def _existing(db: Database, sha: str) -> IngestResult | None:
    row = db.execute("SELECT id, title, language FROM articles WHERE sha256 = ?", [sha]).fetchone()
    if row is None:
        return None
    count = db.execute("SELECT count(*) FROM claims WHERE article_id = ?", [row[0]]).fetchone()[0]
    return IngestResult(row[0], False, count, row[1], row[2])


def _check_offsets(extraction: Extraction, text: str) -> None:
    """Offsets are sacred: refuse to store a claim whose span does not match the text."""
    for claim in extraction.claims:
        spans = [(claim.start, claim.end, claim.text)]
        att = claim.attribution
        for span in (att.mention, att.cue, *(hop.mention for hop in att.via)):
            if span is not None:
                spans.append((span.start, span.end, span.text))
        for start, end, covered in spans:
            if not (0 <= start <= end <= len(text)) or text[start:end] != covered:
                raise FactcheckError(
                    f"internal error: claim {claim.index} has a span {start}-{end} that does not match the text"
                )


def _span(prefix: str, span: Any) -> dict[str, Any]:
    if span is None:
        return {f"{prefix}_start": None, f"{prefix}_end": None, f"{prefix}_text": None}
    return {f"{prefix}_start": span.start, f"{prefix}_end": span.end, f"{prefix}_text": span.text}


def _insert(db: Database, table: str, row: dict[str, Any]) -> int:
    """One plain ``INSERT`` (the write lock is held: no per-row introspection as in sqlite-utils)."""
    cols = list(row)
    sql = f'INSERT INTO {table} ({", ".join(f"[{c}]" for c in cols)}) VALUES ({", ".join("?" * len(cols))})'
    return db.conn.execute(sql, [row[c] for c in cols]).lastrowid


def _write(db: Database, article: dict[str, Any], extraction: Extraction, registry: Any, reviewer: str,
           folded: list[str], facts: list[str] | None = None) -> int:
    """All rows of one article; the caller holds the transaction. ``folded`` and ``facts``: each
    claim's ``fold(text)`` and facts JSON, computed before the transaction (no text work under the
    write lock)."""
    if facts is None:
        facts = [dumps(claim.facts.to_json()) for claim in extraction.claims]
    # Ids are never reused, so the audit trail of a deleted article or claim stays unambiguous.
    article_id = _insert(db, "articles", {"id": next_article_id(db), **article})
    now = article["ingested_at"]
    first_claim_id = next_claim_id(db)
    for offset, claim in enumerate(extraction.claims):
        att = claim.attribution
        claim_id = _insert(
            db, "claims", {
                "id": first_claim_id + offset,
                "article_id": article_id,
                "idx": claim.index,
                "start": claim.start,
                "end": claim.end,
                "text": claim.text,
                "text_norm": folded[offset],
                "facts": facts[offset],
                "status": "unreviewed",
                "version": 1,
                "updated_at": now,
                "updated_by": reviewer,
            }
        )
        source_id = ensure_source(db, att.source, registry, reviewer=reviewer)
        if att.mention is not None:
            add_alias(db, source_id, att.mention.text)
        attribution_id = _insert(
            db, "attributions", {
                "claim_id": claim_id,
                "source_id": source_id,
                **_span("mention", att.mention),
                **_span("cue", att.cue),
                "role": att.role,
                "mode": att.mode,
                "confidence": att.confidence,
                "reason": att.reason,
            }
        )
        for position, hop in enumerate(att.via):
            hop_id = ensure_source(db, hop.source, registry, reviewer=reviewer)
            if hop.mention is not None:
                add_alias(db, hop_id, hop.mention.text)
            _insert(
                db, "attribution_via", {"attribution_id": attribution_id, "position": position, "source_id": hop_id,
                 **_span("mention", hop.mention)}
            )
    _insert(
        db, "events", {
            "at": now_iso(),
            "reviewer": reviewer,
            "action": "ingest",
            "entity": "article",
            "entity_id": article_id,
            "article_id": article_id,
            "before": None,
            "after": dumps(
                {
                    "title": article["title"],
                    "language": article["language"],
                    "sha256": article["sha256"],
                    "claims": len(extraction.claims),
                    "source_path": article["source_path"],
                    "encoding": article["encoding"],
                }
            ),
        }
    )
    return article_id


@dataclass(slots=True)
class Prepared:
    """An article ready to be written: everything computed, nothing stored (picklable, so that
    worker processes can prepare articles while one process writes)."""

    article: dict[str, Any]
    extraction: Extraction
    folded: list[str]
    notice: str | None = None
    facts: list[str] | None = None  # each claim's facts as JSON


def prepare_text(
    text: str,
    *,
    title: str | None = None,
    outlet: str | None = None,
    url: str | None = None,
    published: str | dt.date | None = None,
    lang: str | None = "auto",
    source_path: str | None = None,
    encoding: str = "utf-8",
    reviewer: str | None = None,
) -> Prepared:
    """The CPU work of ingesting ``text``: checks, extraction, offsets check, folding. No database."""
    if not text or not text.strip():
        raise InputError(f"{source_path or 'text'}: contains only whitespace")
    date = parse_published(published)
    url = check_url(url)
    language = resolve_lang(text, lang)
    extraction = run_extraction(text, language, date, default_registry())
    _check_offsets(extraction, text)
    folded = [fold(claim.text) for claim in extraction.claims]
    facts = [dumps(claim.facts.to_json()) for claim in extraction.claims]
    reviewer = reviewer_name(reviewer)
    article = {
        "title": (title or "").strip() or guess_title(text),
        "outlet": (outlet or "").strip() or None,
        "url": (url or "").strip() or None,
        "language": language,
        "published": date.isoformat() if date else None,
        "text": text,
        "sha256": sha256_of(text),
        "chars": len(text),
        "source_path": source_path,
        "encoding": encoding,
        "ingested_at": None,  # set when written
        "ingested_by": reviewer,
    }
    return Prepared(article, extraction, folded, facts=facts)


def store_prepared(db: Database, prepared: Prepared) -> IngestResult:
    """Write a :class:`Prepared` article in ONE transaction (a no-op when its text is stored)."""
    article, extraction = dict(prepared.article), prepared.extraction
    sha = article["sha256"]
    with storage_errors(db):
        existing = _existing(db, sha)
    if existing is not None:
        existing.notice = prepared.notice
        return existing
    registry = default_registry()
    article["ingested_at"] = now_iso()
    try:
        with storage_errors(db), db.atomic():
            # Take the write lock first (like BEGIN IMMEDIATE): had the transaction read first, a
            # concurrent writer's commit would fail it with SQLITE_BUSY instead of making it wait.
            db.execute("UPDATE articles SET id = id WHERE 0")
            article_id = _write(db, article, extraction, registry, article["ingested_by"], prepared.folded,
                                prepared.facts)
    except sqlite3.IntegrityError:
        existing = _existing(db, sha)  # another process stored the same text meanwhile
        if existing is not None:
            existing.notice = prepared.notice
            return existing
        raise
    return IngestResult(article_id, True, len(extraction.claims), article["title"], article["language"],
                        prepared.notice)


def ingest_text(
    db: Database,
    text: str,
    *,
    title: str | None = None,
    outlet: str | None = None,
    url: str | None = None,
    published: str | dt.date | None = None,
    lang: str | None = "auto",
    source_path: str | None = None,
    encoding: str = "utf-8",
    reviewer: str | None = None,
) -> IngestResult:
    """Extract and store one article (idempotent by sha256 of ``text``). The text work (extraction,
    folding) is done before the write transaction starts."""
    if not text or not text.strip():
        raise InputError(f"{source_path or 'text'}: contains only whitespace")
    with storage_errors(db):
        existing = _existing(db, sha256_of(text))
    if existing is not None:
        return existing
    prepared = prepare_text(text, title=title, outlet=outlet, url=url, published=published, lang=lang,
                            source_path=source_path, encoding=encoding, reviewer=reviewer)
    return store_prepared(db, prepared)


def _meta_date(value: str | None) -> dt.date | None:
    """A page's own publication date, ignored when malformed (the user did not type it)."""
    try:
        return parse_published(value)
    except InputError:
        return None


def prepare_path(
    path: str | os.PathLike[str],
    *,
    title: str | None = None,
    outlet: str | None = None,
    url: str | None = None,
    published: str | dt.date | None = None,
    lang: str | None = "auto",
    max_bytes: int = DEFAULT_MAX_BYTES,
    fmt: str | None = None,
    reviewer: str | None = None,
    known: Any = None,
) -> Prepared | str:
    """Read, decode, convert and prepare one file (no database; InputError names the file).

    ``known``: sha256s already stored; for those the sha256 is returned instead (no extraction).
    """
    doc = read_input(path, max_bytes=max_bytes, fmt=fmt)
    if known is not None and sha256_of(doc.text) in known:
        return sha256_of(doc.text)
    name = display_name(path)
    prepared = prepare_text(
        doc.text,
        title=title or doc.title,
        outlet=outlet or doc.meta.get("outlet"),
        url=url or _page_url(doc.meta.get("url")),
        published=published or _meta_date(doc.meta.get("published")),
        lang=lang,
        source_path="-" if name == "stdin" else str(Path(path)),
        encoding=doc.encoding,
        reviewer=reviewer,
    )
    prepared.notice = doc.notice
    return prepared


def ingest_path(
    db: Database,
    path: str | os.PathLike[str],
    *,
    title: str | None = None,
    outlet: str | None = None,
    url: str | None = None,
    published: str | dt.date | None = None,
    lang: str | None = "auto",
    max_bytes: int = DEFAULT_MAX_BYTES,
    fmt: str | None = None,
    reviewer: str | None = None,
) -> IngestResult:
    """Read (``-`` is stdin), decode, convert and ingest one file; InputError names the file."""
    doc = read_input(path, max_bytes=max_bytes, fmt=fmt)
    name = display_name(path)
    result = ingest_text(
        db,
        doc.text,
        title=title or doc.title,
        outlet=outlet or doc.meta.get("outlet"),
        url=url or _page_url(doc.meta.get("url")),
        published=published or _meta_date(doc.meta.get("published")),
        lang=lang,
        source_path="-" if name == "stdin" else str(Path(path)),
        encoding=doc.encoding,
        reviewer=reviewer,
    )
    result.notice = doc.notice
    return result


def stored_result(db: Database, sha: str) -> IngestResult | None:
    """The result for text already stored under ``sha`` (see ``prepare_path(known=...)``)."""
    with storage_errors(db):
        return _existing(db, sha)
