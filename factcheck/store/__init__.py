"""Storage: opening, checking and upgrading the database.

The embedded default is a SQLite file through sqlite-utils; a ``postgresql://`` URL opens the same
schema on a PostgreSQL server through :class:`factcheck.store.pg.PgDatabase`, which answers the
same calls (``execute``, ``query``, ``atomic``, ``db[table].insert``), so nothing above the store
knows which one it talks to.

``open_db`` refuses (with :class:`~factcheck.errors.DatabaseError`, never modifying the file) a
file that is not SQLite, is corrupt, is another program's database, or was written by a newer
factcheck. Everything else in the package gets its connection from here.
"""

from __future__ import annotations

import os
import re
import sqlite3
from pathlib import Path
from urllib.parse import unquote, urlsplit

from sqlite_utils import Database

from factcheck.errors import DatabaseError, InputError
from factcheck.store.util import now_iso
from factcheck.store.pg import PgDatabase, is_server, is_server_url, redact
from factcheck.store.schema import MIGRATION_SET, migrations

DEFAULT_DB = Path("db") / "factcheck.db"
BUSY_TIMEOUT_MS = 10_000


#: Database URL schemes factcheck speaks; anything else that looks like a URL is refused.
SPOKEN_SCHEMES = ("sqlite", "postgresql", "postgres")
_URL = re.compile(r"^([A-Za-z][A-Za-z0-9+.-]*):(//|$)")


def database_location(value: str | os.PathLike[str]) -> Path | str:
    """The SQLite file (a ``Path``) or the PostgreSQL URL (a ``str``) a ``--db`` / ``$FACTCHECK_DB``
    value names.

    A plain path is a file path. A URL is never one: ``sqlite:///abs/path.db`` (or
    ``sqlite://relative.db``) names a file; ``postgresql://USER@HOST/DB`` (libpq URL) a server
    database; any other scheme (``mysql://...``, ``http://...``) is refused with :class:`InputError` saying which schemes are spoken, instead of creating a
    directory tree named after the URL. Credentials in a refused URL are not echoed.
    """
    text = str(value)
    match = _URL.match(text.strip())
    if match is None:
        return Path(text).expanduser()
    scheme = match.group(1).lower()
    parts = urlsplit(text.strip())
    if scheme in ("postgresql", "postgres"):
        if not (parts.path or "").strip("/") and not parts.query:
            raise InputError(f"bad database URL {redact(text.strip())!r}: expected postgresql://USER@HOST/DATABASE")
        return text.strip()
    if scheme in SPOKEN_SCHEMES:
        target = unquote((parts.netloc or "") + (parts.path or ""))
        if not target or parts.query or parts.fragment:
            raise InputError(f"bad database URL {text.strip()!r}: expected sqlite:///PATH/TO/FILE.db")
        return Path(target).expanduser()
    shown = f"{scheme}://{parts.hostname or ''}{f':{parts.port}' if _port(parts) else ''}{parts.path or ''}"
    raise InputError(
        f"--db {shown}: a {scheme} URL is not a database factcheck can use; it speaks SQLite files "
        f"(a path, or sqlite:///PATH) and PostgreSQL (postgresql://USER@HOST/DATABASE)"
    )


def _port(parts) -> int | None:
    try:
        return parts.port
    except ValueError:
        return None


def resolve_db_path(explicit: str | os.PathLike[str] | None = None) -> Path | str:
    """``--db`` beats ``$FACTCHECK_DB`` beats ``db`` in the config file beats ``db/factcheck.db`` here."""
    if explicit is not None:
        if not str(explicit).strip():
            raise InputError("the database path is empty (give --db PATH or unset FACTCHECK_DB)")
        return database_location(explicit)
    from factcheck.config import settings

    env = settings().get("db")  # $FACTCHECK_DB, else the config file
    if env and env.strip():
        return database_location(env)
    return DEFAULT_DB


def _check_file(path: Path) -> None:
    # Never open() the file ourselves: closing any descriptor of a SQLite file drops every POSIX
    # lock this process holds on it (another connection's), which can lose WAL data. The header
    # is checked by SQLite itself in _check_schema.
    if path.is_dir():
        raise DatabaseError(f"{path} is a directory, not a database file")
    if not path.is_file():
        raise DatabaseError(f"{path} is not a regular file (a device or pipe cannot hold a database)")
    if not os.access(path, os.R_OK):
        raise DatabaseError(f"cannot read database {path}: permission denied")


def _check_schema(db: Database, path: Path) -> None:
    """Refuse foreign, newer or corrupt databases before anything is written."""
    try:
        tables = set(db.table_names())
        if not tables:
            return
        if migrations.migrations_table not in tables:
            raise DatabaseError(f"{path} is not a factcheck database (refusing to touch it)")
        applied = {m.name for m in migrations.applied(db)}
    except sqlite3.DatabaseError as exc:
        if "not a database" in str(exc):
            raise DatabaseError(f"{path} is not a SQLite database (refusing to touch it)") from None
        if "unable to open" in str(exc) and not os.access(path.parent, os.W_OK):
            raise DatabaseError(
                f"cannot open {path}: SQLite cannot create its -wal/-shm files in the read-only {path.parent}"
            ) from None
        raise DatabaseError(f"{path} is corrupt or unreadable: {exc}") from None
    if not applied:
        raise DatabaseError(f"{path} is not a factcheck database (refusing to touch it)")
    known = {m.name for m in migrations._migrations}
    newer = sorted(applied - known)
    if newer:
        raise DatabaseError(
            f"{path} was written by a newer factcheck (schema {newer[-1]}); upgrade factcheck to open it"
        )


def connect(path: Path | str, *, check_same_thread: bool = True) -> Database:
    """Open an existing, already checked database (for worker threads): pragmas only."""
    if is_server_url(path):
        return PgDatabase(str(path))  # type: ignore[return-value]
    conn = sqlite3.connect(str(path), timeout=BUSY_TIMEOUT_MS / 1000, check_same_thread=check_same_thread)
    db = Database(conn)
    db.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
    db.execute("PRAGMA foreign_keys = ON")
    return db


def _migrate(db: Database, path: Path) -> None:
    """Apply pending migrations under the write lock, so that two processes creating the same
    new database do not see each other's half-made schema."""
    db.execute("BEGIN IMMEDIATE")
    try:
        _check_schema(db, path)  # again, now that we hold the lock
        migrations.apply(db)  # nested db.atomic() blocks become savepoints
    except BaseException:
        db.conn.rollback()
        raise
    db.execute("COMMIT")


def open_db(path: str | os.PathLike[str] | None = None, *, create: bool = True) -> Database:
    """Open (creating and upgrading if needed) the factcheck database at ``path``."""
    path = resolve_db_path(path)
    if is_server_url(path):
        return _open_server(str(path), create=create)  # type: ignore[return-value]
    exists = path.exists()
    if exists:
        _check_file(path)
    elif not create:
        raise DatabaseError(f"no database at {path}")
    else:
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise DatabaseError(f"cannot create {path.parent}: {exc.strerror or exc}") from None
    db = None
    try:
        db = connect(path)
        _check_schema(db, path)
        try:
            db.execute("PRAGMA journal_mode = WAL")
        except sqlite3.OperationalError:
            pass  # read-only media or a file system without shared memory: stay in rollback mode
        if migrations.pending(db):
            _migrate(db, path)
    except sqlite3.DatabaseError as exc:
        if db is not None:
            db.close()
        raise DatabaseError(f"cannot open database {path}: {exc}") from None
    except BaseException:
        if db is not None:
            db.close()
        raise
    db.path = path  # type: ignore[attr-defined]
    return db


def _open_server(url: str, *, create: bool = True) -> PgDatabase:
    """Connect, refuse a foreign or newer schema, apply pending PostgreSQL migrations."""
    from factcheck.store.pg_schema import COVERS, MIGRATIONS_TABLE, PG_MIGRATIONS

    db = PgDatabase(url)
    try:
        def applied() -> set[str] | None:
            tables = set(db.table_names())
            if not tables:
                return set()
            if MIGRATIONS_TABLE not in tables:
                raise DatabaseError(f"{db.path} is not a factcheck database (refusing to touch it)")
            return {r[0] for r in db.execute(f"SELECT name FROM {MIGRATIONS_TABLE}")}

        known = [name for name, _ in PG_MIGRATIONS]
        done = applied()
        if not done and not create:
            raise DatabaseError(f"no factcheck database at {db.path}")
        newer = sorted(done - set(known))
        if newer:
            raise DatabaseError(f"{db.path} was written by a newer factcheck (schema {newer[-1]}); upgrade factcheck to open it")
        if set(known) - done:
            with db.atomic():  # the write lock: two clients creating the schema wait for each other
                done = applied()
                if not done:
                    db.executescript(f"CREATE TABLE {MIGRATIONS_TABLE} (name text PRIMARY KEY, covers text, applied_at text)")
                for name, sql in PG_MIGRATIONS:
                    if name not in done:
                        db.executescript(sql)
                        db.execute(f"INSERT INTO {MIGRATIONS_TABLE} (name, covers, applied_at) VALUES (?, ?, ?)",
                                   [name, " ".join(COVERS.get(name, ())), now_iso()])
    except sqlite3.DatabaseError as exc:
        db.close()
        raise DatabaseError(f"cannot open database {db.path}: {exc}") from None
    except BaseException:
        db.close()
        raise
    return db


__all__ = ["DEFAULT_DB", "PgDatabase", "is_server", "is_server_url", "MIGRATION_SET", "SPOKEN_SCHEMES", "connect", "database_location", "open_db", "resolve_db_path"]
