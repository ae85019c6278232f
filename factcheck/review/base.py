"""Shared machinery of the review library: write transactions, optimistic locking and events.

Every reviewer change runs inside :func:`write_tx`, checks the record's ``version`` against the one
the reviewer saw (``expected_version``), bumps it, and appends one ``events`` row with the before and
after state as JSON. Events are never updated or deleted (the schema's triggers refuse it).
"""

from __future__ import annotations

import sqlite3
from contextlib import contextmanager
from typing import Any, Iterator, Sequence

from sqlite_utils import Database

from factcheck.errors import FactcheckError, InputError, StaleWriteError
from factcheck.store.pg import is_server
from factcheck.store.refs import claim_ref, get_claim
from factcheck.store.util import dumps, now_iso


class BusyError(FactcheckError):
    """Another process held the write lock for longer than the busy timeout."""


def _is_busy(exc: sqlite3.OperationalError) -> bool:
    text = str(exc).lower()
    return "locked" in text or "busy" in text


@contextmanager
def write_tx(db: Database) -> Iterator[Database]:
    """A write transaction like ``db.atomic()``, but taking the write lock up front.

    ``BEGIN IMMEDIATE`` waits (bounded by the connection's busy timeout) for other writers instead
    of failing when a read snapshot cannot be upgraded, so read-check-write sequences never end in
    "database is locked". Nested use becomes a savepoint.
    """
    if is_server(db):  # a server database: its atomic() takes the write lock up front
        try:
            with db.atomic():
                yield db
        except sqlite3.OperationalError as exc:
            if _is_busy(exc):
                raise BusyError("the database is busy (another reviewer is writing); try again") from None
            raise _storage(db, exc) from None
        except sqlite3.DatabaseError as exc:
            raise _storage(db, exc) from None
        return
    conn = db.conn
    if conn.in_transaction:
        with db.atomic():
            yield db
        return
    try:
        conn.execute("BEGIN IMMEDIATE")
    except sqlite3.OperationalError as exc:
        if _is_busy(exc):
            raise BusyError("the database is busy (another reviewer is writing); try again") from None
        raise _storage(db, exc) from None
    try:
        yield db
    except sqlite3.DatabaseError as exc:
        if conn.in_transaction:
            conn.execute("ROLLBACK")
        raise _storage(db, exc) from None
    except BaseException:
        if conn.in_transaction:
            conn.execute("ROLLBACK")
        raise
    try:
        conn.execute("COMMIT")
    except sqlite3.OperationalError as exc:
        if conn.in_transaction:
            conn.execute("ROLLBACK")
        if _is_busy(exc):
            raise BusyError("the database is busy (another reviewer is writing); try again") from None
        raise _storage(db, exc) from None


def _storage(db: Database, exc: sqlite3.DatabaseError) -> BaseException:
    """A read-only, full or corrupt database as a one-line error; anything else unchanged."""
    from factcheck.store.queries import storage_error

    return storage_error(db, exc) or exc


def fetch_one(db: Database, sql: str, params: Sequence[Any] = ()) -> dict[str, Any] | None:
    cur = db.execute(sql, list(params))
    row = cur.fetchone()
    if row is None:
        return None
    return dict(zip([d[0] for d in cur.description], row))


def fetch_all(db: Database, sql: str, params: Sequence[Any] = ()) -> list[dict[str, Any]]:
    cur = db.execute(sql, list(params))
    cols = [d[0] for d in cur.description]
    return [dict(zip(cols, row)) for row in cur.fetchall()]


def check_reviewer(reviewer: str | None) -> str:
    name = (reviewer or "").strip()
    if not name:
        raise InputError("a reviewer name is required (--reviewer, FACTCHECK_REVIEWER or the login name)")
    return name


def load_claim(db: Database, claim: int | str | dict[str, Any]) -> dict[str, Any]:
    """The claim row for an id, an ``ARTICLE:INDEX`` reference or an already loaded row."""
    if isinstance(claim, dict):
        claim = claim["id"]
    if isinstance(claim, int) and not isinstance(claim, bool):
        row = fetch_one(db, "SELECT * FROM claims WHERE id = ?", [claim])
        if row is None:
            raise InputError(f"no claim with id {claim}")
        return row
    return get_claim(db, str(claim))


def short_time(iso: str | None) -> str:
    """``2026-11-24T10:00:05.123456+00:00`` -> ``2026-11-24T10:00:05Z`` for messages."""
    if not iso:
        return "an unknown time"
    text = iso.split(".")[0].replace("+00:00", "")
    return text if text.endswith("Z") else text + "Z"


def last_change(db: Database, entity: str, entity_id: int) -> tuple[str | None, str | None]:
    row = fetch_one(
        db,
        "SELECT reviewer, at FROM events WHERE entity = ? AND entity_id = ? ORDER BY id DESC LIMIT 1",
        [entity, entity_id],
    )
    return (row["reviewer"], row["at"]) if row else (None, None)


def check_version(
    db: Database,
    label: str,
    entity: str,
    row: dict[str, Any],
    expected: int | None,
) -> None:
    """Refuse a write made against a version the record no longer has."""
    if expected is None or row["version"] == expected:
        return
    who, when = row.get("updated_by"), row.get("updated_at")
    if not who:
        who, when = last_change(db, entity, row["id"] if "id" in row else row["claim_id"])
    raise StaleWriteError(
        f"{label} was changed by {who or 'another reviewer'} at {short_time(when)} "
        f"(version {row['version']}, you had {expected}); reload and retry",
        changed_by=who,
        changed_at=when,
    )


def record_event(
    db: Database,
    *,
    reviewer: str,
    action: str,
    entity: str,
    entity_id: int | None,
    article_id: int | None = None,
    claim_id: int | None = None,
    before: Any = None,
    after: Any = None,
    undoes: int | None = None,
) -> int:
    """Append one audit event and return its id."""
    cur = db.execute(
        "INSERT INTO events (at, reviewer, action, entity, entity_id, article_id, claim_id, before, after, undoes)"
        " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        [now_iso(), reviewer, action, entity, entity_id, article_id, claim_id, dumps(before), dumps(after), undoes],
    )
    return cur.lastrowid


def insert_row(db: Database, table: str, row: dict[str, Any]) -> int:
    """``INSERT`` one row (inside the caller's transaction); returns its rowid."""
    cols = list(row)
    cur = db.execute(
        f'INSERT INTO "{table}" ({", ".join(cols)}) VALUES ({", ".join("?" for _ in cols)})', [row[c] for c in cols]
    )
    return cur.lastrowid


def update_row(db: Database, table: str, key: str, key_value: int, changes: dict[str, Any]) -> None:
    """``UPDATE`` the given columns and bump ``version`` (inside the caller's transaction)."""
    cols = ", ".join(f'"{c}" = ?' for c in changes)
    db.execute(
        f'UPDATE "{table}" SET {cols}, version = version + 1 WHERE "{key}" = ?',
        [*changes.values(), key_value],
    )


def normalise_choice(value: str, choices: Sequence[str], what: str) -> str:
    """Map user spelling (``in review``, ``In-Review``) onto one of ``choices`` or raise InputError."""
    text = " ".join(str(value or "").strip().lower().replace("-", " ").replace("_", " ").split())
    for choice in choices:
        if text == choice.replace("_", " "):
            return choice
    raise InputError(f"unknown {what} {value!r}; valid: {', '.join(choices)}")


__all__ = [
    "BusyError",
    "check_reviewer",
    "check_version",
    "claim_ref",
    "fetch_all",
    "fetch_one",
    "insert_row",
    "last_change",
    "load_claim",
    "normalise_choice",
    "record_event",
    "short_time",
    "update_row",
    "write_tx",
]
