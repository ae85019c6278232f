"""Schema versions as sqlite-utils ``Migrations``.

Never edit a migration that has shipped: add a new one. ``tests/test_store.py`` keeps a database made
by the first migration and checks that it upgrades cleanly.
"""

from __future__ import annotations

from sqlite_utils import Database
from sqlite_utils.migrations import Migrations

MIGRATION_SET = "factcheck"
migrations = Migrations(MIGRATION_SET)


@migrations()
def m001_initial(db: Database) -> None:
    db["articles"].create(
        {
            "id": int,
            "title": str,
            "outlet": str,
            "url": str,
            "language": str,  # ar | en
            "published": str,  # YYYY-MM-DD or NULL
            "text": str,  # the original text, exactly as extracted from the input
            "sha256": str,  # of ``text`` encoded as UTF-8
            "chars": int,
            "source_path": str,  # where it was ingested from, "-" for stdin
            "encoding": str,  # what the input was decoded from
            "ingested_at": str,  # ISO 8601 UTC
            "ingested_by": str,
        },
        pk="id",
        not_null={"text", "sha256", "language", "ingested_at"},
    )
    db["articles"].create_index(["sha256"], unique=True)

    db["sources"].create(
        {
            "id": int,
            "key": str,  # stable slug: registry id or made from the clean name
            "name": str,  # canonical display name
            "kind": str,  # person | organization | agency | anonymous | reports | unattributed
            "parent_id": int,  # family tree (CENTCOM -> US Department of Defense)
            "role": str,
            "affiliation": str,
            "grade": str,  # Admiralty reliability A-F, default F (cannot be judged)
            "merged_into": int,  # set when a reviewer merged this source into another
            "version": int,
            "created_at": str,
            "updated_at": str,
            "updated_by": str,
        },
        pk="id",
        not_null={"key", "name", "kind"},
        defaults={"grade": "F", "version": 1},
        foreign_keys=[("parent_id", "sources", "id"), ("merged_into", "sources", "id")],
    )
    db["sources"].create_index(["key"], unique=True)

    db["source_aliases"].create(
        {"id": int, "source_id": int, "alias": str, "alias_norm": str, "lang": str},
        pk="id",
        not_null={"source_id", "alias", "alias_norm"},
        foreign_keys=[("source_id", "sources", "id")],
    )
    db["source_aliases"].create_index(["source_id", "alias_norm"], unique=True)
    db["source_aliases"].create_index(["alias_norm"])

    db["claims"].create(
        {
            "id": int,
            "article_id": int,
            "idx": int,  # 1-based position in the article; claims are addressed as ARTICLE:IDX
            "start": int,
            "end": int,
            "text": str,  # == articles.text[start:end]
            "text_norm": str,  # fold(text), indexed by FTS
            "facts": str,  # JSON, see factcheck.model.Facts
            "status": str,  # unreviewed | in_review | reviewed | needs_follow_up
            "verdict": str,  # a label of the verdict scale, or NULL
            "rationale": str,
            "assignee": str,
            "version": int,
            "updated_at": str,
            "updated_by": str,
        },
        pk="id",
        not_null={"article_id", "idx", "start", "end", "text"},
        defaults={"status": "unreviewed", "version": 1},
        foreign_keys=[("article_id", "articles", "id")],
    )
    db["claims"].create_index(["article_id", "idx"], unique=True)

    # The record the engine extracted. Never edited: corrections go to claim_overrides.
    db["attributions"].create(
        {
            "id": int,
            "claim_id": int,
            "source_id": int,
            "mention_start": int,
            "mention_end": int,
            "mention_text": str,
            "cue_start": int,
            "cue_end": int,
            "cue_text": str,
            "role": str,
            "mode": str,  # direct | indirect | mixed | none
            "confidence": float,
        },
        pk="id",
        not_null={"claim_id", "source_id"},
        foreign_keys=[("claim_id", "claims", "id"), ("source_id", "sources", "id")],
    )
    db["attributions"].create_index(["claim_id"], unique=True)
    db["attributions"].create_index(["source_id"])

    db["attribution_via"].create(
        {
            "id": int,
            "attribution_id": int,
            "position": int,  # 0 = the conduit nearest the origin's words
            "source_id": int,
            "mention_start": int,
            "mention_end": int,
            "mention_text": str,
        },
        pk="id",
        not_null={"attribution_id", "position", "source_id"},
        foreign_keys=[("attribution_id", "attributions", "id"), ("source_id", "sources", "id")],
    )
    db["attribution_via"].create_index(["attribution_id", "position"], unique=True)

    # A reviewer's correction of a claim's attribution; the effective attribution is the override
    # where one exists, else the extracted record.
    db["claim_overrides"].create(
        {
            "claim_id": int,
            "source_id": int,
            "kind": str,
            "role": str,
            "via": str,  # JSON list of source ids, origin side first
            "note": str,
            "version": int,
            "updated_at": str,
            "updated_by": str,
        },
        pk="claim_id",
        defaults={"version": 1},
        foreign_keys=[("claim_id", "claims", "id"), ("source_id", "sources", "id")],
    )

    # Links are symmetric: stored once with claim_a < claim_b.
    db["links"].create(
        {
            "id": int,
            "claim_a": int,
            "claim_b": int,
            "relation": str,  # corroborates | contradicts | same_claim | related
            "note": str,
            "origin": str,  # reviewer | suggestion
            "score": float,  # suggestion score when accepted from a suggestion
            "version": int,
            "created_at": str,
            "created_by": str,
        },
        pk="id",
        not_null={"claim_a", "claim_b", "relation"},
        defaults={"origin": "reviewer", "version": 1},
        foreign_keys=[("claim_a", "claims", "id"), ("claim_b", "claims", "id")],
    )
    db["links"].create_index(["claim_a", "claim_b"], unique=True)
    db["links"].create_index(["claim_b"])

    # Suggested links and what reviewers decided about them (accepted suggestions become links).
    db["suggestions"].create(
        {
            "id": int,
            "claim_a": int,
            "claim_b": int,
            "relation": str,
            "score": float,
            "reasons": str,  # JSON
            "state": str,  # open | accepted | dismissed
            "decided_by": str,
            "decided_at": str,
            "created_at": str,
        },
        pk="id",
        not_null={"claim_a", "claim_b", "relation"},
        defaults={"state": "open"},
        foreign_keys=[("claim_a", "claims", "id"), ("claim_b", "claims", "id")],
    )
    db["suggestions"].create_index(["claim_a", "claim_b"], unique=True)
    db["suggestions"].create_index(["claim_b"])

    db["evidence"].create(
        {
            "id": int,
            "claim_id": int,
            "url": str,
            "doc_ref": str,
            "title": str,
            "quote": str,
            "date": str,
            "stance": str,  # supports | refutes | context
            "added_by": str,
            "added_at": str,
            "removed": int,  # 0/1: evidence is never deleted, only marked removed
            "version": int,
        },
        pk="id",
        not_null={"claim_id", "stance"},
        defaults={"removed": 0, "version": 1},
        foreign_keys=[("claim_id", "claims", "id")],
    )
    db["evidence"].create_index(["claim_id"])

    # Append-only audit trail: triggers refuse UPDATE and DELETE.
    db["events"].create(
        {
            "id": int,
            "at": str,  # ISO 8601 UTC with microseconds
            "reviewer": str,
            "action": str,  # ingest | status | verdict | link | unlink | evidence | override | merge | ...
            "entity": str,  # article | claim | source | link | evidence | suggestion
            "entity_id": int,
            "article_id": int,
            "claim_id": int,
            "before": str,  # JSON or NULL
            "after": str,  # JSON or NULL
            "undoes": int,  # id of the event this one reverts, for undo
        },
        pk="id",
        not_null={"at", "reviewer", "action", "entity"},
    )
    db["events"].create_index(["claim_id"])
    db["events"].create_index(["article_id"])
    db["events"].create_index(["reviewer", "id"])
    db.execute(
        "CREATE TRIGGER events_append_only_update BEFORE UPDATE ON events "
        "BEGIN SELECT RAISE(ABORT, 'events are append-only'); END"
    )
    db.execute(
        "CREATE TRIGGER events_append_only_delete BEFORE DELETE ON events "
        "BEGIN SELECT RAISE(ABORT, 'events are append-only'); END"
    )

    db["claims"].enable_fts(["text_norm"], create_triggers=True, tokenize="unicode61")


@migrations()
def m100_engine_reason(db: Database) -> None:
    """The engine's one-line reason for each extracted attribution (``extract --explain``)."""
    db["attributions"].add_column("reason", str)


@migrations()
def m301_web_snapshots_and_feeds(db: Database) -> None:
    # The page an article came from, as it was when fetched (or the saved file), so a review can
    # show what the page said even after the outlet edits or deletes it. Deleting the article
    # deletes its snapshots.
    db.execute(
        """CREATE TABLE web_snapshots (
            id INTEGER PRIMARY KEY,
            article_id INTEGER NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
            kind TEXT NOT NULL,              -- fetch | file
            requested_url TEXT,              -- the URL as given (fetch)
            final_url TEXT,                  -- after redirects (fetch)
            http_status INTEGER,             -- of the final response (fetch)
            fetched_at TEXT NOT NULL,        -- ISO 8601 UTC (when read, for a file)
            source_path TEXT,                -- the saved file (file)
            content_type TEXT,
            charset TEXT,                    -- what the bytes were decoded from
            size INTEGER NOT NULL,           -- of the raw bytes
            sha256 TEXT NOT NULL,            -- of the raw bytes
            compression TEXT NOT NULL,       -- gzip
            body BLOB NOT NULL,              -- the raw bytes, compressed
            meta TEXT                        -- JSON: the page's own title, author, date, outlet, URL, language
        )"""
    )
    db.execute("CREATE INDEX web_snapshots_article ON web_snapshots(article_id)")
    db.execute("CREATE UNIQUE INDEX web_snapshots_article_sha ON web_snapshots(article_id, sha256)")
    # Every feed item seen, by link: an item is ingested once, however often the feed is read.
    db.execute(
        """CREATE TABLE feed_items (
            id INTEGER PRIMARY KEY,
            link TEXT NOT NULL UNIQUE,
            feed TEXT NOT NULL,              -- the feed's URL or file
            guid TEXT,
            title TEXT,                      -- the feed's title for the item
            published TEXT,                  -- the feed's date for the item, YYYY-MM-DD
            article_id INTEGER REFERENCES articles(id) ON DELETE SET NULL,
            state TEXT NOT NULL,             -- ingested | failed (failed items are retried)
            error TEXT,
            first_seen_at TEXT NOT NULL,
            updated_at TEXT NOT NULL
        )"""
    )


@migrations()
def m201_hard_events_immutable(db: Database) -> None:
    """Events cannot be rewritten by ``INSERT OR REPLACE`` / ``REPLACE`` either.

    REPLACE deletes the conflicting row without firing DELETE triggers (unless recursive triggers
    are on), so the append-only triggers of m001 did not cover it. An insert that names the id of
    an existing event is refused before conflict resolution; an UPSERT's ``DO UPDATE`` already
    hits the UPDATE trigger. ``recursive_triggers`` is not relied on: it is per connection.
    """
    db.execute(
        "CREATE TRIGGER events_append_only_replace BEFORE INSERT ON events "
        "WHEN NEW.id IS NOT NULL AND EXISTS (SELECT 1 FROM events WHERE id = NEW.id) "
        "BEGIN SELECT RAISE(ABORT, 'events are append-only'); END"
    )


@migrations()
def m202_hard_event_origin(db: Database) -> None:
    """Where an event happened: NULL here, or (JSON) the review file it was imported from.

    Imported events are provenance: shown in history, never undone as if made here.
    """
    db.execute("ALTER TABLE events ADD COLUMN origin TEXT")


@migrations()
def m203_hard_article_counts(db: Database) -> None:
    """Claim counts per article kept by triggers, so listing articles costs the same whatever the
    number of claims (``factcheck articles``, the library screen)."""
    db.execute(
        """
        CREATE TABLE article_counts (
            article_id INTEGER PRIMARY KEY REFERENCES articles(id) ON DELETE CASCADE,
            claims INTEGER NOT NULL DEFAULT 0,
            reviewed INTEGER NOT NULL DEFAULT 0,
            in_review INTEGER NOT NULL DEFAULT 0,
            needs_follow_up INTEGER NOT NULL DEFAULT 0,
            with_verdict INTEGER NOT NULL DEFAULT 0
        )
        """
    )
    db.execute(
        """
        INSERT INTO article_counts (article_id, claims, reviewed, in_review, needs_follow_up, with_verdict)
        SELECT a.id, count(c.id), coalesce(sum(c.status = 'reviewed'), 0), coalesce(sum(c.status = 'in_review'), 0),
               coalesce(sum(c.status = 'needs_follow_up'), 0), coalesce(sum(c.verdict IS NOT NULL), 0)
        FROM articles a LEFT JOIN claims c ON c.article_id = a.id GROUP BY a.id
        """
    )
    delta = (
        "claims = claims + {s}1, reviewed = reviewed + {s}({r}.status = 'reviewed'), "
        "in_review = in_review + {s}({r}.status = 'in_review'), "
        "needs_follow_up = needs_follow_up + {s}({r}.status = 'needs_follow_up'), "
        "with_verdict = with_verdict + {s}({r}.verdict IS NOT NULL)"
    )
    ensure = "INSERT OR IGNORE INTO article_counts (article_id) VALUES ({r}.article_id);"
    db.execute(
        "CREATE TRIGGER article_counts_insert_article AFTER INSERT ON articles BEGIN "
        "INSERT OR IGNORE INTO article_counts (article_id) VALUES (NEW.id); END"
    )
    db.execute(
        "CREATE TRIGGER article_counts_delete_article AFTER DELETE ON articles BEGIN "
        "DELETE FROM article_counts WHERE article_id = OLD.id; END"
    )
    db.execute(
        "CREATE TRIGGER article_counts_insert_claim AFTER INSERT ON claims BEGIN "
        + ensure.format(r="NEW")
        + f" UPDATE article_counts SET {delta.format(s='+', r='NEW')} WHERE article_id = NEW.article_id; END"
    )
    db.execute(
        "CREATE TRIGGER article_counts_delete_claim AFTER DELETE ON claims BEGIN "
        f"UPDATE article_counts SET {delta.format(s='-', r='OLD')} WHERE article_id = OLD.article_id; END"
    )
    db.execute(
        "CREATE TRIGGER article_counts_update_claim AFTER UPDATE OF status, verdict, article_id ON claims BEGIN "
        f"UPDATE article_counts SET {delta.format(s='-', r='OLD')} WHERE article_id = OLD.article_id; "
        + ensure.format(r="NEW")
        + f" UPDATE article_counts SET {delta.format(s='+', r='NEW')} WHERE article_id = NEW.article_id; END"
    )


@migrations()
def m401_views_and_search(db: Database) -> None:
    """Search in both spellings (stored and folded text), source name indexes, and the shipped
    views ``source_current``, ``claims_current`` and ``sources_summary`` (see
    :mod:`factcheck.store.views`)."""
    from factcheck.store.views import install_m401

    install_m401(db)
