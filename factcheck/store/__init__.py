"""SQLite storage through sqlite-utils: opening, checking and upgrading the database.

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
from factcheck.store.schema import MIGRATION_SET, migrations

DEFAULT_DB = Path("db") / "factcheck.db"
BUSY_TIMEOUT_MS = 10_000


#: Database URL schemes factcheck speaks; anything else that looks like a URL is refused.
SPOKEN_SCHEMES = ("sqlite",)
_URL = re.compile(r"^([A-Za-z][A-Za-z0-9+.-]*):(//|$)")


def database_location(value: str | os.PathLike[str]) -> Path:
    """The SQLite file a ``--db`` / ``$FACTCHECK_DB`` value names.

    A plain path is a file path. A URL is never one: ``sqlite:///abs/path.db`` (or
    ``sqlite://relative.db``) names a file; any other scheme (``postgresql://...``, ``http://...``)
    is refused with :class:`InputError` saying which schemes are spoken, instead of creating a
    directory tree named after the URL. Credentials in a refused URL are not echoed.
    """
    text = str(value)
    match = _URL.match(text.strip())
    if match is None:
        return Path(text).expanduser()
    scheme = match.group(1).lower()
    parts = urlsplit(text.strip())
    if scheme in SPOKEN_SCHEMES:
        target = unquote((parts.netloc or "") + (parts.path or ""))
        if not target or parts.query or parts.fragment:
            raise InputError(f"bad database URL {text.strip()!r}: expected sqlite:///PATH/TO/FILE.db")
        return Path(target).expanduser()
    shown = f"{scheme}://{parts.hostname or ''}{f':{parts.port}' if _port(parts) else ''}{parts.path or ''}"
    raise InputError(
        f"--db {shown}: a {scheme} URL is not a database factcheck can use; it speaks SQLite files only "
        f"(a path, or {', '.join(s + ':///PATH' for s in SPOKEN_SCHEMES)})"
    )


def _port(parts) -> int | None:
    try:
        return parts.port
    except ValueError:
        return None


def resolve_db_path(explicit: str | os.PathLike[str] | None = None) -> Path:
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


def connect(path: Path, *, check_same_thread: bool = True) -> Database:
    """Open an existing, already checked database (for worker threads): pragmas only."""
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


__all__ = ["DEFAULT_DB", "MIGRATION_SET", "SPOKEN_SCHEMES", "connect", "database_location", "open_db", "resolve_db_path"]
