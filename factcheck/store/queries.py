"""Read models for the CLI, the TUI and review: article lists, claim tables, search; and deletion."""

from __future__ import annotations

import re
import sqlite3
from contextlib import contextmanager
from typing import Any, Iterator

from sqlite_utils import Database

from factcheck.errors import DatabaseError, InputError
from factcheck.store import fulltext
from factcheck.store.util import dumps, now_iso
from factcheck.text.normalize import fold

_WORD = re.compile(r"\w+")

#: SQLite failures of the storage itself (not of our SQL), as (message fragment, what to tell the user).
_STORAGE_FAILURES = (
    ("readonly", "cannot save changes to {path}: the database is read-only (check the permissions of the "
                 "file and its directory)"),
    ("read-only", "cannot save changes to {path}: the database is read-only"),
    ("disk is full", "cannot save changes to {path}: the disk is full"),
    ("malformed", "{path} is corrupt ({error}); restore it from a backup"),
    ("not a database", "{path} is corrupt ({error}); restore it from a backup"),
    ("disk i/o error", "cannot use {path}: disk I/O error"),
    ("locked", "{path} is busy: another process kept it locked too long; try again"),
    ("unable to open", "cannot use {path}: the database file cannot be opened (moved, deleted or no permission?)"),
    ("lost the connection", "cannot use {path}: {error}; try again"),  # a PostgreSQL server
)


def storage_error(db: Database | None, exc: sqlite3.DatabaseError) -> DatabaseError | None:
    """A one-line :class:`DatabaseError` for a failure of the database file (read-only, full disk,
    corruption, I/O), or ``None`` when ``exc`` is something else (a constraint, a bug)."""
    if isinstance(exc, (sqlite3.IntegrityError, sqlite3.ProgrammingError, sqlite3.InterfaceError)):
        return None
    text = str(exc)
    path = getattr(db, "path", None) or "the database"
    for fragment, message in _STORAGE_FAILURES:
        if fragment in text.lower():
            return DatabaseError(message.format(path=path, error=text))
    return None


@contextmanager
def storage_errors(db: Database) -> Iterator[None]:
    """Turn storage failures raised inside the block into one-line :class:`DatabaseError` errors."""
    try:
        yield
    except sqlite3.DatabaseError as exc:
        translated = storage_error(db, exc)
        if translated is None:
            raise
        raise translated from None


def list_articles(db: Database) -> list[dict[str, Any]]:
    """Every article (newest id last) without its text, with claim counts and review progress.

    Adds ``claims``, ``reviewed`` (status reviewed), ``in_review``, ``needs_follow_up``,
    ``with_verdict`` and ``progress`` (reviewed / claims, 0.0 for an article without claims).
    """
    # Counts come from ``article_counts`` (kept by triggers, migration m203): the cost does not
    # grow with the number of claims.
    rows = db.query(
        """
        SELECT a.id, a.title, a.outlet, a.url, a.language, a.published, a.sha256, a.chars,
               a.source_path, a.encoding, a.ingested_at, a.ingested_by,
               coalesce(n.claims, 0) AS claims, coalesce(n.reviewed, 0) AS reviewed,
               coalesce(n.in_review, 0) AS in_review, coalesce(n.needs_follow_up, 0) AS needs_follow_up,
               coalesce(n.with_verdict, 0) AS with_verdict
        FROM articles a LEFT JOIN article_counts n ON n.article_id = a.id
        ORDER BY a.id
        """
    )
    out = []
    for row in rows:
        row["progress"] = row["reviewed"] / row["claims"] if row["claims"] else 0.0
        out.append(row)
    return out


def _sources(db: Database) -> dict[int, dict[str, Any]]:
    return {row["id"]: row for row in db.query("SELECT id, key, name, kind, merged_into, parent_id FROM sources")}


def _surviving(sources: dict[int, dict[str, Any]], source_id: int | None) -> dict[str, Any] | None:
    seen: set[int] = set()
    while source_id is not None and source_id in sources and source_id not in seen:
        seen.add(source_id)
        row = sources[source_id]
        if row["merged_into"] is None:
            return row
        source_id = row["merged_into"]
    return sources.get(source_id) if source_id is not None else None


def article_claims(db: Database, article_id: int) -> list[dict[str, Any]]:
    """The claims of an article in order: the claim row, its extracted attribution and its source.

    ``source_id/source_key/source_name/source_kind`` give the source a reader should see: the
    reviewer's override when there is one (``overridden`` True), else the extracted source, followed
    through merges. ``mention_*``, ``cue_*``, ``role``, ``mode``, ``confidence`` and ``via`` (list of
    ``{source_id, name, kind, mention_text}``, origin side first) are the extracted record.
    """
    sources = _sources(db)
    claims = list(
        db.query(
            """
            SELECT c.*, at.id AS attribution_id, at.source_id AS extracted_source_id,
                   at.mention_start, at.mention_end, at.mention_text, at.cue_start, at.cue_end,
                   at.cue_text, at.role, at.mode, at.confidence,
                   o.source_id AS override_source_id, o.kind AS override_kind, o.role AS override_role
            FROM claims c
            LEFT JOIN attributions at ON at.claim_id = c.id
            LEFT JOIN claim_overrides o ON o.claim_id = c.id
            WHERE c.article_id = ? ORDER BY c.idx
            """,
            [article_id],
        )
    )
    via: dict[int, list[dict[str, Any]]] = {}
    for hop in db.query(
        """
        SELECT v.attribution_id, v.source_id, v.mention_text FROM attribution_via v
        JOIN attributions at ON at.id = v.attribution_id JOIN claims c ON c.id = at.claim_id
        WHERE c.article_id = ? ORDER BY v.attribution_id, v.position
        """,
        [article_id],
    ):
        src = _surviving(sources, hop["source_id"]) or {}
        via.setdefault(hop["attribution_id"], []).append(
            {"source_id": src.get("id"), "name": src.get("name"), "kind": src.get("kind"),
             "mention_text": hop["mention_text"]}
        )
    for claim in claims:
        overridden = claim["override_source_id"] is not None or claim["override_kind"] is not None
        src = _surviving(sources, claim["override_source_id"] or claim["extracted_source_id"]) or {}
        claim["overridden"] = overridden
        claim["source_id"] = src.get("id")
        claim["source_key"] = src.get("key")
        claim["source_name"] = src.get("name")
        claim["source_kind"] = claim["override_kind"] or src.get("kind")
        claim["via"] = via.get(claim["attribution_id"], [])
    return claims


def last_event_id(db: Database) -> int:
    """The newest audit event's id (0 for none): one index lookup, cheap enough to poll."""
    return db.execute("SELECT coalesce(max(id), 0) FROM events").fetchone()[0]


def changes_since(db: Database, event_id: int, *, limit: int = 500) -> list[dict[str, Any]]:
    """Events after ``event_id`` (oldest first, at most ``limit``): what other reviewers changed
    since a screen was drawn, on this machine or (PostgreSQL) anywhere."""
    return list(db.query(
        "SELECT id, at, reviewer, action, entity, entity_id, article_id, claim_id FROM events"
        " WHERE id > ? ORDER BY id LIMIT ?", [event_id, limit]))


def _next_free(db: Database, table: str, event_column: str) -> int:
    """An id never used before, not even by a deleted row that events still mention."""
    used = db.execute(
        f"SELECT max(coalesce((SELECT max(id) FROM {table}), 0), coalesce((SELECT max({event_column}) FROM events), 0))"
    ).fetchone()[0]
    return int(used or 0) + 1


def next_article_id(db: Database) -> int:
    return _next_free(db, "articles", "article_id")


def next_claim_id(db: Database) -> int:
    return _next_free(db, "claims", "claim_id")


def delete_article(db: Database, article_id: int, *, reviewer: str) -> dict[str, Any]:
    """Delete an article with its claims and everything hanging off them, in one transaction.

    Links and suggestions involving its claims go too (also from other articles' claims); sources
    stay. The audit trail is kept and gains a ``delete`` event. Returns what was removed.
    """
    with storage_errors(db), db.atomic():
        article = db.execute("SELECT id, title, sha256, language FROM articles WHERE id = ?", [article_id]).fetchone()
        if article is None:
            raise InputError(f"no article {article_id} (see 'factcheck articles')")
        claim_ids = "SELECT id FROM claims WHERE article_id = :a"
        counts = {}
        statements = [
            ("via", f"DELETE FROM attribution_via WHERE attribution_id IN "
                    f"(SELECT id FROM attributions WHERE claim_id IN ({claim_ids}))"),
            ("attributions", f"DELETE FROM attributions WHERE claim_id IN ({claim_ids})"),
            ("overrides", f"DELETE FROM claim_overrides WHERE claim_id IN ({claim_ids})"),
            ("links", f"DELETE FROM links WHERE claim_a IN ({claim_ids}) OR claim_b IN ({claim_ids})"),
            ("suggestions", f"DELETE FROM suggestions WHERE claim_a IN ({claim_ids}) OR claim_b IN ({claim_ids})"),
            ("evidence", f"DELETE FROM evidence WHERE claim_id IN ({claim_ids})"),
            ("claims", "DELETE FROM claims WHERE article_id = :a"),
            ("articles", "DELETE FROM articles WHERE id = :a"),
        ]
        for name, sql in statements:
            counts[name] = db.execute(sql, {"a": article_id}).rowcount
        db["events"].insert(
            {
                "at": now_iso(),
                "reviewer": reviewer,
                "action": "delete",
                "entity": "article",
                "entity_id": article_id,
                "article_id": article_id,
                "before": dumps({"title": article[1], "sha256": article[2], "language": article[3], **counts}),
                "after": None,
            }
        )
    return {"article_id": article_id, "title": article[1], **counts}


#: Arabic proclitics (conjunctions, prepositions, the article) written joined to the next word, so
#: that ``اكد`` also finds ``وأكد`` and ``وزارة`` finds ``الوزارة``.
PROCLITICS = ("و", "ف", "ب", "ل", "ك", "ال", "وال", "فال", "بال", "كال", "لل", "ولل", "وب", "ول", "فب", "فل", "وبال")
_ARABIC_WORD = re.compile("^[\u0600-\u06ff]+$")


def _groups(query: str) -> list[list[str]]:
    """The user's folded words, each with its proclitic variants (Arabic)."""
    groups = []
    for word in _WORD.findall(fold(query)):
        if _ARABIC_WORD.match(word):
            groups.append([p + word for p in ("", *PROCLITICS)])
        else:
            groups.append([word])
    return groups


def fts_query(query: str) -> str | None:
    """An FTS5 MATCH expression for a user's words: each folded word a quoted prefix term, ANDed;
    an Arabic word also matches with a joined proclitic (see :data:`PROCLITICS`).

    Quoting every term makes FTS syntax in the input (``AND``, ``*``, ``"``, ``:``, ``-``) plain text.
    """
    groups = _groups(query)
    return fulltext.search_expression(groups, server=False) if groups else None


def search_claims(db: Database, query: str, article_id: int | None = None, *, limit: int = 100) -> list[dict[str, Any]]:
    """Claims whose folded text has every word of ``query`` (as a word prefix), best first.

    Arabic spelling variants meet (``اعلنت`` finds ``أعلنت``), Latin case does not matter.
    Each row: the claim columns plus ``ref`` (``ARTICLE:IDX``) and ``article_title``.
    """
    groups = _groups(query)
    if not groups:
        return []
    rows = fulltext.search(db, groups, article_id, limit)
    for row in rows:
        row["ref"] = f"{row['article_id']}:{row['idx']}"
    return rows
