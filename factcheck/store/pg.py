"""PostgreSQL storage through psycopg 3, behind the same small API as a sqlite-utils ``Database``.

The review, export, ingest and TUI code talks to one interface: ``db.execute(sql, params)`` (a
cursor with ``fetchone``/``fetchall``/iteration, ``rowcount``, ``lastrowid``, ``description``),
``db.query(sql, params)`` (dicts), ``db.atomic()`` (a transaction; nested ones are savepoints),
``db[table].insert(row).last_pk``, ``db.conn.in_transaction``, ``db.close()``. On SQLite that is
sqlite-utils itself; here it is :class:`PgDatabase`.

The SQL written for SQLite runs here through :func:`translate`, a small, cached dialect bridge
that knows exactly the SQLite idioms this package uses (and nothing more):

- ``?`` and ``:name`` parameters become ``%s`` / ``%(name)s`` (``%`` in the text is escaped);
- ``X IN (SELECT value FROM json_each(?))`` becomes ``X = ANY(%s)`` with the JSON list bound as an
  array (so the index on ``X`` is used);
- ``INSERT OR IGNORE`` becomes ``INSERT ... ON CONFLICT DO NOTHING``; every ``INSERT`` into a
  table with a key gets ``RETURNING`` its key so that ``lastrowid`` works;
- ``X = ? COLLATE NOCASE`` becomes ``lower(X) = lower(%s)``; ``IS ?`` becomes
  ``IS NOT DISTINCT FROM %s``; ``LIKE`` becomes ``ILIKE`` (SQLite's LIKE ignores ASCII case);
  ``WHERE 0`` becomes ``WHERE false``; ``[column]`` and a lower-case ``end`` become ``"column"`` /
  ``"end"``; ``PRAGMA query_only`` is a read-only session, any other ``PRAGMA`` a no-op.

Scalar ``max(a, b)`` / ``min(a, b)`` and ``json_extract(doc, '$.key')`` (numeric values: link
ends) are SQL functions of the schema (:mod:`factcheck.store.pg_schema`).

Writers are serialised like SQLite's ``BEGIN IMMEDIATE``: every write transaction first takes one
transaction-level advisory lock, so read-check-write sequences (optimistic versions) cannot
interleave. Failures are raised as the ``sqlite3`` DB-API exception classes (IntegrityError for a
constraint or a trigger's refusal, OperationalError "database is locked" for a lock timeout), so
callers handle one family of exceptions whatever the backend.
"""

from __future__ import annotations

import json
import re
import sqlite3
from contextlib import contextmanager
from functools import lru_cache
from typing import Any, Iterator, Sequence
from urllib.parse import urlsplit, urlunsplit

#: Key column of each table (for ``RETURNING`` / ``lastrowid`` / ``last_pk``).
PRIMARY_KEYS = {
    "articles": "id", "sources": "id", "source_aliases": "id", "claims": "id", "attributions": "id",
    "attribution_via": "id", "claim_overrides": "claim_id", "links": "id", "suggestions": "id",
    "evidence": "id", "events": "id", "web_snapshots": "id", "feed_items": "id",
}

#: The one advisory lock all writers take (any constant; "fc" + "wr" in ASCII).
WRITE_LOCK = 0x6663_7772
LOCK_TIMEOUT_MS = 10_000

SCHEMES = ("postgresql", "postgres")


def is_server_url(value: Any) -> bool:
    return isinstance(value, str) and value.strip().lower().startswith(tuple(s + "://" for s in SCHEMES))


def redact(url: str) -> str:
    """The URL without its password (for messages and ``db.path``)."""
    parts = urlsplit(url.strip())
    if parts.password is None:
        return url.strip()
    netloc = parts.netloc.rsplit("@", 1)
    user = netloc[0].split(":", 1)[0]
    return urlunsplit(parts._replace(netloc=f"{user}:***@{netloc[1]}"))


# ------------------------------------------------------------------------------------- translation

_JSON_IN = re.compile(r"\bIN\s*\(\s*SELECT\s+value\s+FROM\s+json_each\(\s*\?\s*\)\s*\)", re.I)
_NOCASE = re.compile(r"([\w.]+)\s*=\s*\?\s+COLLATE\s+NOCASE", re.I)
_IS_NOT = re.compile(r"\bIS\s+NOT\s+\?", re.I)
_IS = re.compile(r"\bIS\s+\?", re.I)
_WHERE_0 = re.compile(r"\bWHERE\s+0\b", re.I)
_LIKE = re.compile(r"(?<![Ii])\bLIKE\b", re.I)
_INSERT = re.compile(r"^\s*INSERT\s+(?:OR\s+(\w+)\s+)?INTO\s+[\"\[]?(\w+)[\"\]]?", re.I)
_END = re.compile(r'(?<![\w"])end(?![\w"])')
_QUERY_ONLY = re.compile(r"^\s*PRAGMA\s+query_only\s*=\s*(\w+)", re.I)
_TOKENS = re.compile(r"'(?:[^']|'')*'|\"(?:[^\"]|\"\")*\"|\[\w+\]|\?J|\?|(?<!:):(\w+)|%|[^'\"\[?:%]+|.", re.S)


@lru_cache(maxsize=2048)
def translate(sql: str) -> tuple[str, tuple[int, ...], str | None]:
    """``(postgres_sql, positions of JSON-list parameters, returned key column or None)``.

    The keyword rewrites assume string literals in the SQL hold no SQL of their own (true of every
    statement here: user text is always a parameter); ``?``, ``:name`` and ``%`` in literals stay text.
    """
    text = _JSON_IN.sub("= ANY(?J)", sql)
    text = _NOCASE.sub(r"lower(\1) = lower(?)", text)
    text = _IS_NOT.sub("IS DISTINCT FROM ?", text)
    text = _IS.sub("IS NOT DISTINCT FROM ?", text)
    text = _WHERE_0.sub("WHERE false", text)
    text = _LIKE.sub("ILIKE", text)
    returning = None
    insert = _INSERT.match(text)
    if insert:
        conflict, table = insert.group(1), insert.group(2)
        if conflict and conflict.upper() not in ("IGNORE", "ABORT", "FAIL", "ROLLBACK"):
            raise sqlite3.OperationalError(f"INSERT OR {conflict} is not supported on PostgreSQL")
        text = re.sub(r"^\s*INSERT\s+OR\s+\w+\s+INTO", "INSERT INTO", text, flags=re.I)
        if conflict and conflict.upper() == "IGNORE":
            text = text.rstrip().rstrip(";") + " ON CONFLICT DO NOTHING"
        key = PRIMARY_KEYS.get(table.lower())
        if key and not re.search(r"\bRETURNING\b", text, re.I):
            text = text.rstrip().rstrip(";") + f" RETURNING {key}"
            returning = key
    out: list[str] = []
    json_params: list[int] = []
    position = 0
    for match in _TOKENS.finditer(text):
        token = match.group(0)
        if token == "?J":
            json_params.append(position)
            position += 1
            out.append("%s")
        elif token == "?":
            position += 1
            out.append("%s")
        elif match.group(1):
            out.append(f"%({match.group(1)})s")
        elif token == "%":
            out.append("%%")
        elif token.startswith("[") and token.endswith("]"):
            out.append('"' + token[1:-1] + '"')
        elif token[0] not in "'\"":
            out.append(_END.sub('"end"', token))  # a column named end (CASE ... END is upper case)
        else:  # a literal: psycopg parses placeholders everywhere, so its % are doubled too
            out.append(token.replace("%", "%%"))
    return "".join(out), tuple(json_params), returning


def _params(params: Any, json_params: tuple[int, ...]) -> Any:
    if params is None:
        return []  # never None: the SQL's % are doubled, and only a parameter list undoubles them
    if isinstance(params, dict):
        return params
    values = list(params)
    for i in json_params:
        values[i] = json.loads(values[i]) if isinstance(values[i], str) else list(values[i] or [])
    return values


# ------------------------------------------------------------------------------------- errors


def _as_sqlite(exc: Exception) -> sqlite3.Error:
    """A psycopg failure as the sqlite3 exception class callers already handle."""
    import psycopg
    from psycopg import errors as e

    text = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
    if isinstance(exc, (e.LockNotAvailable, e.DeadlockDetected, e.QueryCanceled)):
        return sqlite3.OperationalError(f"database is locked ({text})")
    if isinstance(exc, (psycopg.IntegrityError, e.RaiseException)):
        return sqlite3.IntegrityError(text)
    if isinstance(exc, e.ReadOnlySqlTransaction):
        return sqlite3.OperationalError(f"attempt to write a readonly database ({text})")
    if isinstance(exc, e.DiskFull):
        return sqlite3.OperationalError(f"database or disk is full ({text})")
    if isinstance(exc, psycopg.OperationalError):
        return sqlite3.OperationalError(f"lost the connection to the database server ({text})")
    if isinstance(exc, (psycopg.ProgrammingError, psycopg.DataError)):
        return sqlite3.OperationalError(text)
    return sqlite3.DatabaseError(text)


# ------------------------------------------------------------------------------------- API


class PgCursor:
    """The part of a DB-API cursor the package uses, with SQLite's ``lastrowid``."""

    __slots__ = ("_cur", "_rows", "lastrowid", "rowcount", "description")

    def __init__(self, cur: Any, returning: str | None):
        self._cur = cur
        self.rowcount = cur.rowcount
        self.description = cur.description
        self.lastrowid = None
        self._rows: list[tuple] | None = None
        if returning is not None:
            self._rows = cur.fetchall() if cur.description else []
            self.lastrowid = self._rows[-1][0] if self._rows else None
            self.description = None

    def fetchone(self) -> tuple | None:
        if self._rows is not None:
            return self._rows.pop(0) if self._rows else None
        return self._cur.fetchone() if self._cur.description else None

    def fetchall(self) -> list[tuple]:
        if self._rows is not None:
            rows, self._rows = self._rows, []
            return rows
        return self._cur.fetchall() if self._cur.description else []

    def __iter__(self) -> Iterator[tuple]:
        return iter(self.fetchall())


class _Conn:
    """``db.conn`` as the package uses it (``in_transaction``, ``execute``, ``rollback``)."""

    def __init__(self, db: "PgDatabase"):
        self._db = db

    @property
    def in_transaction(self) -> bool:
        return self._db._depth > 0

    def execute(self, sql: str, params: Any = None) -> PgCursor:
        return self._db.execute(sql, params)

    def rollback(self) -> None:  # only ever called to abandon a failed transaction block
        pass

    def commit(self) -> None:
        pass

    def close(self) -> None:
        self._db.close()


class _Inserted:
    __slots__ = ("last_pk", "last_rowid")

    def __init__(self, pk: Any):
        self.last_pk = self.last_rowid = pk


class PgTable:
    def __init__(self, db: "PgDatabase", name: str):
        self.db, self.name = db, name

    def insert(self, record: dict[str, Any], **_ignored: Any) -> _Inserted:
        cols = list(record)
        sql = f'INSERT INTO "{self.name}" ({", ".join(f"[{c}]" for c in cols)}) VALUES ({", ".join("?" * len(cols))})'
        cur = self.db.execute(sql, [record[c] for c in cols])
        return _Inserted(cur.lastrowid)

    def exists(self) -> bool:
        return self.name in self.db.table_names()

    # The read helpers of a sqlite-utils Table that callers (and tests) use.

    def get(self, pk: Any) -> dict[str, Any]:
        key = PRIMARY_KEYS.get(self.name, "id")
        rows = list(self.db.query(f'SELECT * FROM "{self.name}" WHERE "{key}" = ?', [pk]))
        if not rows:
            from sqlite_utils.db import NotFoundError

            raise NotFoundError(f"no row {pk!r} in {self.name}")
        return rows[0]

    @property
    def count(self) -> int:
        return self.db.execute(f'SELECT count(*) FROM "{self.name}"').fetchone()[0]

    def rows_where(self, where: str | None = None, where_args: Any = None, order_by: str | None = None,
                   select: str = "*", limit: int | None = None) -> Iterator[dict[str, Any]]:
        sql = f'SELECT {select} FROM "{self.name}"' + (f" WHERE {where}" if where else "")
        sql += (f" ORDER BY {order_by}" if order_by else "") + (f" LIMIT {int(limit)}" if limit is not None else "")
        return self.db.query(sql, where_args)

    @property
    def rows(self) -> Iterator[dict[str, Any]]:
        return self.rows_where()


def _numeric_loader():
    from decimal import Decimal

    from psycopg.types.numeric import NumericLoader

    class IntOrFloat(NumericLoader):
        """``sum()`` of integers is ``numeric`` in PostgreSQL: give it back as SQLite does."""

        def load(self, data):
            value: Decimal = super().load(data)
            return int(value) if value == value.to_integral_value() else float(value)

    return IntOrFloat


class PgDatabase:
    """A factcheck database on a PostgreSQL server (see the module docstring)."""

    is_server = True

    def __init__(self, url: str):
        from factcheck.errors import DatabaseError

        try:
            import psycopg
        except ImportError:
            raise DatabaseError("a postgresql:// database needs psycopg: pip install 'factcheck[postgres]'") from None
        self.url = url
        self.path = redact(url)  # what messages call the database
        self._pg = self._connect()
        self._depth = 0
        self.conn = _Conn(self)

    def _connect(self):
        import psycopg

        from factcheck.errors import DatabaseError

        try:
            pg = psycopg.connect(self.url, autocommit=True, connect_timeout=10)
            pg.adapters.register_loader("numeric", _numeric_loader())
            pg.execute(f"SET lock_timeout = {LOCK_TIMEOUT_MS}")
        except psycopg.Error as exc:
            first = (str(exc).strip().splitlines() or [type(exc).__name__])[0]
            raise DatabaseError(f"cannot connect to {self.path}: {first}") from None
        return pg

    def _ensure(self) -> None:
        """Outside a transaction, replace a connection the server dropped (restart, network)."""
        if self._depth == 0 and (self._pg.closed or self._pg.broken):
            self._pg.close()
            self._pg = self._connect()

    # -- statements

    def execute(self, sql: str, params: Sequence[Any] | dict[str, Any] | None = None) -> PgCursor:
        import psycopg

        if sql.lstrip()[:6].upper() == "PRAGMA":  # SQLite tuning: nothing to do, except read-only mode
            query_only = _QUERY_ONLY.match(sql)
            if query_only:
                on = query_only.group(1).lower() in ("on", "1", "true", "yes")
                self._pg.execute(f"SET default_transaction_read_only = {'on' if on else 'off'}")
            return PgCursor(self._pg.cursor(), None)
        text, json_params, returning = translate(sql)
        values = _params(params, json_params)
        self._ensure()
        write = self._depth == 0 and text.lstrip()[:6].upper() in ("INSERT", "UPDATE", "DELETE")
        try:
            if write:
                with self.atomic():
                    cur = self._pg.execute(text, values)
                    return PgCursor(cur, returning)
            cur = self._pg.execute(text, values)
        except psycopg.OperationalError as exc:
            if self._depth or not self._pg.broken:
                raise _as_sqlite(exc) from None
            self._ensure()  # a read on a connection the server dropped: once more on a new one
            try:
                cur = self._pg.execute(text, values)
            except psycopg.Error as again:
                raise _as_sqlite(again) from None
        except psycopg.Error as exc:
            raise _as_sqlite(exc) from None
        return PgCursor(cur, returning)

    def executemany(self, sql: str, rows: Sequence[Sequence[Any]]) -> None:
        """One statement for many rows (pipelined), inside the caller's transaction or its own."""
        import psycopg

        text, json_params, returning = translate(sql)
        if returning:
            text = text[: -len(f" RETURNING {returning}")]
        try:
            with self.atomic(), self._pg.cursor() as cur:
                cur.executemany(text, [_params(r, json_params) for r in rows])
        except psycopg.Error as exc:
            raise _as_sqlite(exc) from None

    def query(self, sql: str, params: Sequence[Any] | dict[str, Any] | None = None) -> Iterator[dict[str, Any]]:
        cur = self.execute(sql, params)
        cols = [d[0] for d in cur.description or ()]
        for row in cur.fetchall():
            yield dict(zip(cols, row))

    def executescript(self, sql: str) -> None:
        import psycopg

        try:
            self._pg.execute(sql, prepare=False)
        except psycopg.Error as exc:
            raise _as_sqlite(exc) from None

    # -- transactions

    @contextmanager
    def atomic(self) -> Iterator["PgDatabase"]:
        """One transaction (a savepoint when nested); the outermost takes the write lock first."""
        import psycopg

        self._ensure()
        try:
            tx = self._pg.transaction()
            tx.__enter__()
        except psycopg.OperationalError as exc:
            if self._depth or not self._pg.broken:
                raise _as_sqlite(exc) from None
            self._ensure()  # the server dropped the connection: nothing was begun, begin on a new one
            try:
                tx = self._pg.transaction()
                tx.__enter__()
            except psycopg.Error as again:
                raise _as_sqlite(again) from None
        except psycopg.Error as exc:
            raise _as_sqlite(exc) from None
        self._depth += 1
        try:
            if self._depth == 1:
                try:
                    self._pg.execute("SELECT pg_advisory_xact_lock(%s)", [WRITE_LOCK])
                except psycopg.Error as exc:
                    raise _as_sqlite(exc) from None
            yield self
        except BaseException as exc:
            self._depth -= 1
            try:
                tx.__exit__(type(exc), exc, exc.__traceback__)
            except psycopg.Error:
                pass
            raise
        else:
            self._depth -= 1
            try:
                tx.__exit__(None, None, None)
            except psycopg.Error as exc:
                raise _as_sqlite(exc) from None

    # -- schema

    def table_names(self) -> list[str]:
        rows = self._pg.execute(
            "SELECT table_name FROM information_schema.tables WHERE table_schema = current_schema()"
            " AND table_type = 'BASE TABLE' ORDER BY table_name"
        ).fetchall()
        return [r[0] for r in rows]

    def __getitem__(self, name: str) -> PgTable:
        return PgTable(self, name)

    def table(self, name: str) -> PgTable:
        return PgTable(self, name)

    def close(self) -> None:
        try:
            self._pg.close()
        except Exception:
            pass

    def __repr__(self) -> str:
        return f"<PgDatabase {self.path}>"


def is_server(db: Any) -> bool:
    """Whether ``db`` is a database server connection (else a sqlite-utils ``Database``)."""
    return getattr(db, "is_server", False)


__all__ = ["PgDatabase", "is_server", "is_server_url", "redact", "translate"]
