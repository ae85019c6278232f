"""``factcheck copy-db SRC DEST``: move a whole database between backends (SQLite <-> PostgreSQL).

Every row of every table is copied with its id, in one transaction on the destination (so a failed
copy leaves nothing behind); derived data (``article_counts``, the SQLite FTS index) is rebuilt by
the destination's own triggers. The destination must be empty: a copy never merges into a review.
"""

from __future__ import annotations

from typing import Any, Iterable

from factcheck.errors import DatabaseError
from factcheck.store.pg import PRIMARY_KEYS, is_server

#: Copied in this order (parents before children; foreign keys are deferred anyway).
TABLES = ("articles", "sources", "source_aliases", "claims", "attributions", "attribution_via", "claim_overrides",
          "links", "suggestions", "evidence", "events", "web_snapshots", "feed_items")
BATCH = 1000


def _columns(db: Any, table: str) -> list[str]:
    cur = db.execute(f'SELECT * FROM "{table}" WHERE 1 = 0')
    return [d[0] for d in cur.description]


def _rows(db: Any, table: str, cols: list[str]) -> Iterable[list[Any]]:
    key = PRIMARY_KEYS[table]
    last = None
    select = ", ".join(f'"{c}"' for c in cols)
    at = cols.index(key)
    while True:
        where, params = ("", []) if last is None else (f' WHERE "{key}" > ?', [last])
        batch = db.execute(f'SELECT {select} FROM "{table}"{where} ORDER BY "{key}" LIMIT {BATCH}', params).fetchall()
        if not batch:
            return
        for row in batch:
            yield list(row)
        last = batch[-1][at]


def _insert_many(db: Any, table: str, cols: list[str], rows: list[list[Any]]) -> None:
    sql = f'INSERT INTO "{table}" ({", ".join(f"[{c}]" for c in cols)}) VALUES ({", ".join("?" * len(cols))})'
    if is_server(db):
        db.executemany(sql, rows)
    else:
        db.conn.executemany(sql, rows)


def copy_database(src: Any, dest: Any) -> dict[str, int]:
    """Copy every row of ``src`` into the empty ``dest``; returns the row count per table."""
    for table in ("articles", "sources", "events"):
        if dest.execute(f"SELECT 1 FROM {table} LIMIT 1").fetchone():
            raise DatabaseError(f"{getattr(dest, 'path', 'the destination')} is not empty ({table}); "
                                "copy-db only copies into a new, empty database")
    counts: dict[str, int] = {}
    with dest.atomic():
        if is_server(dest):
            dest.execute("SET CONSTRAINTS ALL DEFERRED")
        else:
            dest.execute("PRAGMA defer_foreign_keys = ON")
        for table in TABLES:
            cols = _columns(src, table)
            missing = set(cols) - set(_columns(dest, table))
            if missing:
                raise DatabaseError(f"the destination has no column {sorted(missing)[0]} in {table} (upgrade it first)")
            n, batch = 0, []
            for row in _rows(src, table, cols):
                batch.append(row)
                if len(batch) >= BATCH:
                    _insert_many(dest, table, cols, batch)
                    n, batch = n + len(batch), []
            if batch:
                _insert_many(dest, table, cols, batch)
                n += len(batch)
            counts[table] = n
    return counts


def table_digests(db: Any) -> dict[str, str]:
    """A SHA-256 per table over every row (columns by name, rows by key): equal digests mean the
    same data, whatever the backend (both give ints, floats, str, bytes and None)."""
    import hashlib

    out = {}
    for table in TABLES:
        cols = sorted(_columns(db, table))
        digest = hashlib.sha256()
        for row in _rows(db, table, cols):
            digest.update(repr([bytes(v) if isinstance(v, memoryview) else v for v in row]).encode("utf-8"))
        out[table] = digest.hexdigest()
    return out
