"""Rows for web ingest: page snapshots, feed items, and reviewer fixes to article metadata."""

from __future__ import annotations

import gzip
import hashlib
import json
from typing import Any

from sqlite_utils import Database

from factcheck.errors import FactcheckError, InputError
from factcheck.store.queries import storage_errors
from factcheck.store.util import dumps, now_iso

#: Article fields a reviewer may correct with ``factcheck article``.
META_FIELDS = ("title", "outlet", "url", "published")


def add_snapshot(db: Database, article_id: int, raw: bytes, **fields: Any) -> int | None:
    """Store ``raw`` (the page's bytes) compressed for ``article_id``; the same bytes are stored
    once per article. Returns the snapshot id, ``None`` when it was already there."""
    sha = hashlib.sha256(raw).hexdigest()
    row = {
        "article_id": article_id,
        "kind": fields.get("kind", "fetch"),
        "requested_url": fields.get("requested_url"),
        "final_url": fields.get("final_url"),
        "http_status": fields.get("http_status"),
        "fetched_at": fields.get("fetched_at") or now_iso(),
        "source_path": fields.get("source_path"),
        "content_type": fields.get("content_type"),
        "charset": fields.get("charset"),
        "size": len(raw),
        "sha256": sha,
        "compression": "gzip",
        "body": gzip.compress(raw, compresslevel=9, mtime=0),
        "meta": dumps(fields.get("meta") or None),
    }
    with storage_errors(db), db.atomic():
        columns = ", ".join(f'"{key}"' for key in row)
        marks = ", ".join("?" for _ in row)
        cursor = db.execute(f"INSERT OR IGNORE INTO web_snapshots ({columns}) VALUES ({marks})", list(row.values()))
        return cursor.lastrowid if cursor.rowcount else None


def snapshots(db: Database, article_id: int) -> list[dict[str, Any]]:
    """The snapshots of an article, newest first, without their bodies."""
    return list(db.query(
        "SELECT id, kind, requested_url, final_url, http_status, fetched_at, source_path, content_type,"
        " charset, size, sha256, meta FROM web_snapshots WHERE article_id = ? ORDER BY fetched_at DESC, id DESC",
        [article_id]))


def snapshot_bytes(db: Database, article_id: int, snapshot_id: int | None = None) -> tuple[dict[str, Any], bytes]:
    """``(row, raw bytes)`` of the newest snapshot of an article (or snapshot ``snapshot_id``)."""
    sql = "SELECT * FROM web_snapshots WHERE article_id = ?"
    args: list[Any] = [article_id]
    if snapshot_id is not None:
        sql += " AND id = ?"
        args.append(snapshot_id)
    rows = list(db.query(sql + " ORDER BY fetched_at DESC, id DESC LIMIT 1", args))
    if not rows:
        if snapshot_id is not None:
            raise InputError(f"article {article_id} has no snapshot {snapshot_id}")
        raise InputError(f"article {article_id} has no stored page (it was not ingested from a URL or an HTML file)")
    row = rows[0]
    try:
        raw = gzip.decompress(row.pop("body"))
    except (OSError, EOFError):
        raise FactcheckError(f"snapshot {row['id']} of article {article_id} is damaged (cannot decompress)") from None
    if hashlib.sha256(raw).hexdigest() != row["sha256"]:
        raise FactcheckError(f"snapshot {row['id']} of article {article_id} is damaged (checksum mismatch)")
    return row, raw


# -- feed items -----------------------------------------------------------------------------


def feed_item(db: Database, link: str) -> dict[str, Any] | None:
    rows = list(db.query("SELECT * FROM feed_items WHERE link = ?", [link]))
    return rows[0] if rows else None


def record_feed_item(db: Database, *, link: str, feed: str, guid: str | None, title: str | None,
                     published: str | None, article_id: int | None, error: str | None = None) -> None:
    """Remember what happened to a feed item (``ingested`` with its article, or ``failed``)."""
    now = now_iso()
    state = "failed" if error else "ingested"
    with storage_errors(db), db.atomic():
        db.execute(
            "INSERT INTO feed_items (link, feed, guid, title, published, article_id, state, error, first_seen_at,"
            " updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT(link) DO UPDATE SET"
            " article_id = excluded.article_id, state = excluded.state, error = excluded.error,"
            " updated_at = excluded.updated_at",
            [link, feed, guid, title, published, article_id, state, error, now, now],
        )


# -- metadata a reviewer can fix ------------------------------------------------------------


def update_metadata(db: Database, article_id: int, changes: dict[str, str | None], *, reviewer: str) -> dict[str, Any]:
    """Set the given metadata fields (``None`` clears one) in one transaction with a ``metadata``
    event holding the old and new values. Returns ``{"before": ..., "after": ...}`` of the fields
    that changed (empty when nothing did)."""
    unknown = set(changes) - set(META_FIELDS)
    if unknown:
        raise InputError(f"unknown article field(s): {', '.join(sorted(unknown))}")
    with storage_errors(db), db.atomic():
        db.execute("UPDATE articles SET id = id WHERE 0")  # take the write lock before reading
        rows = list(db.query(f"SELECT id, {', '.join(META_FIELDS)} FROM articles WHERE id = ?", [article_id]))
        if not rows:
            raise InputError(f"no article {article_id} (see 'factcheck articles')")
        current = rows[0]
        before = {key: current[key] for key, value in changes.items() if current[key] != value}
        after = {key: changes[key] for key in before}
        if not after:
            return {"before": {}, "after": {}}
        assignments = ", ".join(f'"{key}" = ?' for key in after)
        db.execute(f"UPDATE articles SET {assignments} WHERE id = ?", [*after.values(), article_id])
        db["events"].insert({
            "at": now_iso(), "reviewer": reviewer, "action": "metadata", "entity": "article",
            "entity_id": article_id, "article_id": article_id,
            "before": json.dumps(before, ensure_ascii=False, sort_keys=True),
            "after": json.dumps(after, ensure_ascii=False, sort_keys=True),
        })
    return {"before": before, "after": after}
