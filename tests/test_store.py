"""The store: migrations, refusing foreign/newer/corrupt files, sources, queries, search, delete."""

from __future__ import annotations

import json
import os
import sqlite3
import subprocess
import sys

import pytest
from sqlite_utils import Database

from factcheck.errors import DatabaseError, InputError
from factcheck.ingest import ingest_text
from factcheck.model import SourceRef
from factcheck.sources.registry import load_registry
from factcheck.store import open_db
from factcheck.store.queries import article_claims, delete_article, fts_query, list_articles, search_claims
from factcheck.store.schema import MIGRATION_SET, migrations
from factcheck.store.sources_repo import ensure_source, find_source
from factcheck.text.normalize import fold

# Our own example sentences.
ARTICLE_AR = (
    "أعلنت وزارة الصحة يوم الأحد عن افتتاح مستشفى جديد في المدينة.\n"
    "وقال مدير المستشفى إن الإدارة أعلنت توسعة المبنى لمئتي سرير.\n"
    "وأكّد مسؤول محلي أن الافتتاح تأخّر بسبب نقص التمويل."
)
ARTICLE_EN = (
    "The Ministry of Health announced on Sunday that a new hospital had opened.\n"
    "The hospital director said the building had room for two hundred beds.\n"
    "A local official said the opening was delayed by a funding shortfall."
)


# -- migrations ----------------------------------------------------------------------------


def first_schema_db(path) -> Database:
    """A database exactly as the first migration made it (later migrations not applied)."""
    db = Database(path)
    later = [m.name for m in migrations._migrations[1:]]
    migrations.apply(db, stop_before=later or None)
    assert [m.name for m in migrations.applied(db)] == [migrations._migrations[0].name]
    return db


def add_old_rows(db: Database) -> None:
    db.execute(
        "INSERT INTO articles (id, title, language, text, sha256, chars, ingested_at) "
        "VALUES (1, 'old', 'en', 'Old text. More.', 'abc', 15, '2024-01-01T00:00:00+00:00')"
    )
    db.execute(
        "INSERT INTO claims (id, article_id, idx, start, end, text, text_norm) "
        "VALUES (1, 1, 1, 0, 9, 'Old text.', 'old text.')"
    )


def test_database_from_first_schema_upgrades_cleanly(tmp_path):
    path = tmp_path / "old.db"
    old = first_schema_db(path)
    add_old_rows(old)
    old.close()
    db = open_db(path)
    assert migrations.pending(db) == []
    assert {m.name for m in migrations.applied(db)} == {m.name for m in migrations._migrations}
    assert db["articles"].get(1)["title"] == "old"
    assert [r["ref"] for r in search_claims(db, "OLD")] == ["1:1"]
    assert db.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    assert db.execute("PRAGMA foreign_key_check").fetchall() == []
    assert db.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    # Still usable for new articles after the upgrade.
    assert ingest_text(db, ARTICLE_EN).article_id == 2


def test_a_later_migration_is_applied_on_open_and_keeps_data(tmp_path, monkeypatch):
    """The upgrade mechanism itself, with an extra migration registered for this test."""
    path = tmp_path / "old.db"
    old = first_schema_db(path)
    add_old_rows(old)
    old.close()

    def m999_add_word_count(db):
        db["articles"].add_column("word_count", int)
        db.execute("UPDATE articles SET word_count = length(text) - length(replace(text, ' ', '')) + 1")

    extra = migrations._Migration("m999_add_word_count", m999_add_word_count)
    monkeypatch.setattr(migrations, "_migrations", [*migrations._migrations, extra])
    db = open_db(path)
    assert "m999_add_word_count" in {m.name for m in migrations.applied(db)}
    assert db["articles"].get(1)["word_count"] == 3
    db.close()
    # Reopening applies nothing twice.
    again = open_db(path)
    names = [m.name for m in migrations.applied(again)]
    assert names.count("m999_add_word_count") == 1


# -- refusing files that are not ours ------------------------------------------------------


def refused(path) -> str:
    before = path.read_bytes()
    with pytest.raises(DatabaseError) as info:
        open_db(path)
    assert path.read_bytes() == before, "a refused database file must not change"
    return str(info.value)


def test_refuses_a_file_that_is_not_sqlite(tmp_path):
    path = tmp_path / "notes.db"
    path.write_text("shopping list: bread, olives\n")
    assert refused(path) == f"{path} is not a SQLite database (refusing to touch it)"


def test_refuses_another_programs_database(tmp_path):
    path = tmp_path / "other.db"
    conn = sqlite3.connect(path)
    conn.execute("CREATE TABLE recipes (id INTEGER PRIMARY KEY, name TEXT)")
    conn.execute("INSERT INTO recipes (name) VALUES ('maqluba')")
    conn.commit()
    conn.close()
    assert refused(path) == f"{path} is not a factcheck database (refusing to touch it)"


def test_refuses_another_sqlite_utils_migration_set(tmp_path):
    path = tmp_path / "other.db"
    from sqlite_utils.migrations import Migrations

    theirs = Migrations("someone-else")

    @theirs()
    def m001(db):
        db["things"].create({"id": int}, pk="id")

    db = Database(path)
    theirs.apply(db)
    db.close()
    assert refused(path) == f"{path} is not a factcheck database (refusing to touch it)"


def test_refuses_a_database_from_a_newer_factcheck(tmp_path):
    path = tmp_path / "newer.db"
    open_db(path).close()
    conn = sqlite3.connect(path)
    conn.execute(
        "INSERT INTO _sqlite_migrations (migration_set, name, applied_at) VALUES (?, ?, ?)",
        [MIGRATION_SET, "m900_from_the_future", "2030-01-01 00:00:00+00:00"],
    )
    conn.commit()
    conn.close()
    assert refused(path) == (
        f"{path} was written by a newer factcheck (schema m900_from_the_future); upgrade factcheck to open it"
    )


def test_refuses_a_corrupt_database(tmp_path):
    path = tmp_path / "broken.db"
    db = open_db(path)
    ingest_text(db, ARTICLE_EN)
    db.close()
    data = bytearray(path.read_bytes())
    page = 4096
    assert len(data) > 2 * page
    data[page:] = b"\x55" * (len(data) - page)  # keep the header page, smash the rest
    path.write_bytes(bytes(data))
    assert refused(path) == f"{path} is corrupt or unreadable: database disk image is malformed"


def test_refuses_a_directory(tmp_path):
    with pytest.raises(DatabaseError) as info:
        open_db(tmp_path)
    assert str(info.value) == f"{tmp_path} is a directory, not a database file"


# -- sources -------------------------------------------------------------------------------

REGISTRY = {
    "sources": [
        {"id": "health-ministry", "name": "Ministry of Health", "kind": "organization", "parent": None,
         "aliases": {"en": ["Ministry of Health", "Health Ministry"], "ar": ["وزارة الصحة"]}},
        {"id": "hospital-board", "name": "Hospital Board", "kind": "organization", "parent": "health-ministry",
         "aliases": {"en": ["Hospital Board"], "ar": ["مجلس المستشفى"]}},
        {"id": "lina-haddad", "name": "Lina Haddad", "kind": "person", "parent": "hospital-board",
         "role": "hospital director", "aliases": {"en": ["Lina Haddad", "Dr. Haddad"], "ar": ["لينا حداد"]}},
    ]
}


@pytest.fixture
def registry(tmp_path):
    path = tmp_path / "reg.json"
    path.write_text(json.dumps(REGISTRY, ensure_ascii=False), encoding="utf-8")
    return load_registry([path])


def test_ensure_source_creates_registry_parents_and_aliases(db, registry):
    with db.atomic():
        sid = ensure_source(db, registry.source_ref(registry.get("lina-haddad")), registry)
    person = db["sources"].get(sid)
    board = db["sources"].get(person["parent_id"])
    ministry = db["sources"].get(board["parent_id"])
    assert (person["key"], person["kind"], person["role"]) == ("lina-haddad", "person", "hospital director")
    assert (board["key"], ministry["key"], ministry["parent_id"]) == ("hospital-board", "health-ministry", None)
    assert person["grade"] == "F" and person["version"] == 1
    aliases = {r["alias"]: r["lang"] for r in db["source_aliases"].rows_where("source_id = ?", [sid])}
    assert aliases == {"Lina Haddad": "en", "Dr. Haddad": "en", "لينا حداد": "ar"}
    # Idempotent: the same ref again is the same row; new surface names become aliases.
    ref = registry.source_ref(registry.get("lina-haddad"))
    ref.aliases = ("الدكتورة لينا حداد",)
    assert ensure_source(db, ref, registry) == sid
    assert db["sources"].count == 3
    assert db.execute("SELECT count(*) FROM source_aliases WHERE source_id = ?", [sid]).fetchone()[0] == 4


def test_ensure_source_without_registry_entry(db, registry):
    ref = SourceRef(id="local-officials", name="local officials", kind="anonymous", affiliation="City Council")
    sid = ensure_source(db, ref, registry)
    row = db["sources"].get(sid)
    assert (row["name"], row["kind"], row["affiliation"], row["parent_id"]) == (
        "local officials", "anonymous", "City Council", None)


def test_find_source_by_key_alias_registry_and_fuzzy(db, registry):
    sid = ensure_source(db, registry.source_ref(registry.get("lina-haddad")), registry)
    ministry = db.execute("SELECT id FROM sources WHERE key = 'health-ministry'").fetchone()[0]
    assert find_source(db, "lina-haddad")["id"] == sid
    assert find_source(db, "LINA-HADDAD")["id"] == sid
    assert find_source(db, f"#{sid}")["id"] == sid
    assert find_source(db, "لينا حدّاد")["id"] == sid  # shadda folded away
    assert find_source(db, "the Ministry of Health")["id"] == ministry
    assert find_source(db, "Lina Hadad")["id"] == sid  # fuzzy, one letter off
    assert find_source(db, "Health Ministry", registry)["id"] == ministry
    assert find_source(db, "Haddad") is None  # too short a part of a longer name
    assert find_source(db, "Ministry of Finance") is None
    assert find_source(db, "   ") is None


def test_find_and_ensure_follow_merges(db, registry):
    a = ensure_source(db, SourceRef(id="dr-lina", name="Dr Lina", kind="person"), registry)
    b = ensure_source(db, registry.source_ref(registry.get("lina-haddad")), registry)
    db.execute("UPDATE sources SET merged_into = ? WHERE id = ?", [b, a])
    assert find_source(db, "dr-lina")["id"] == b
    assert find_source(db, "Dr Lina")["id"] == b
    assert ensure_source(db, SourceRef(id="dr-lina", name="Dr Lina", kind="person"), registry) == b


# -- queries -------------------------------------------------------------------------------


def test_list_articles_counts_and_progress(db):
    a = ingest_text(db, ARTICLE_EN, title="Hospital opens", outlet="Example News")
    b = ingest_text(db, ARTICLE_AR)
    assert a.claims > 0 and b.claims > 0
    db.execute("UPDATE claims SET status = 'reviewed', verdict = 'True' WHERE article_id = ? AND idx = 1",
               [a.article_id])
    rows = {r["id"]: r for r in list_articles(db)}
    assert list(rows) == [a.article_id, b.article_id]
    first = rows[a.article_id]
    assert (first["title"], first["outlet"], first["language"]) == ("Hospital opens", "Example News", "en")
    assert (first["claims"], first["reviewed"], first["with_verdict"]) == (a.claims, 1, 1)
    assert first["progress"] == pytest.approx(1 / a.claims)
    assert rows[b.article_id]["reviewed"] == 0 and rows[b.article_id]["language"] == "ar"
    assert "text" not in first


def test_article_claims_apply_overrides(db):
    result = ingest_text(db, ARTICLE_EN)
    claims = article_claims(db, result.article_id)
    assert [c["idx"] for c in claims] == list(range(1, result.claims + 1))
    assert all(c["overridden"] is False for c in claims)
    other = ensure_source(db, SourceRef(id="city-hall", name="City Hall", kind="organization"))
    db["claim_overrides"].insert({"claim_id": claims[0]["id"], "source_id": other, "kind": "organization"})
    again = article_claims(db, result.article_id)
    assert again[0]["overridden"] is True
    assert (again[0]["source_name"], again[0]["source_kind"]) == ("City Hall", "organization")
    assert again[0]["extracted_source_id"] == claims[0]["extracted_source_id"]


def test_search_folds_arabic_and_case(db):
    ingest_text(db, ARTICLE_AR)
    ingest_text(db, ARTICLE_EN)
    claims = list(db.query("SELECT article_id, idx, text FROM claims"))

    def having(surface: str) -> set[str]:
        found = {f"{c['article_id']}:{c['idx']}" for c in claims if surface in c["text"]}
        assert found, f"the example text has {surface}"
        return found

    for query in ("اعلنت", "أعلنت", "أَعْلَنَتْ", "إعلنت"):
        assert {r["ref"] for r in search_claims(db, query)} == having("أعلنت"), query
    # Shadda in the text: "تأخّر" is found by "تأخر"; a joined preposition: "بسبب" by "سبب".
    assert {r["ref"] for r in search_claims(db, "تأخر")} == having("تأخّر")
    assert {r["ref"] for r in search_claims(db, "سبب")} == having("بسبب")
    assert {r["ref"] for r in search_claims(db, "مستشفى")} == having("مستشفى")
    assert {r["ref"] for r in search_claims(db, "مستشفى الافتتاح")} == having("مستشفى") & having("الافتتاح")
    assert {r["ref"] for r in search_claims(db, "HOSPITAL director")} == {
        f"{c['article_id']}:{c['idx']}" for c in claims if "hospital director" in c["text"].lower()
    }
    assert search_claims(db, "hospital", article_id=1) == []  # article 1 is the Arabic one
    assert search_claims(db, "nonexistentword") == []


@pytest.mark.parametrize("query", ['"', 'hospital" OR "x', "AND", "NEAR(a b)", "*", "-hospital", "text_norm:x", "(", ""])
def test_search_treats_fts_syntax_as_text(db, query):
    ingest_text(db, ARTICLE_EN)
    search_claims(db, query)  # never an FTS syntax error


def test_fts_query_quotes_every_word():
    assert fts_query('Say "AND" now') == '"say"* AND "and"* AND "now"*'
    assert fts_query("أعلنت").startswith('("اعلنت"* OR "واعلنت"* OR ')
    assert fts_query("!!!") is None


def test_delete_article_is_complete_and_keeps_events(db):
    first = ingest_text(db, ARTICLE_EN, reviewer="ana")
    second = ingest_text(db, ARTICLE_AR, reviewer="ana")
    c1 = db.execute("SELECT id FROM claims WHERE article_id = ? AND idx = 1", [first.article_id]).fetchone()[0]
    c2 = db.execute("SELECT id FROM claims WHERE article_id = ? AND idx = 1", [second.article_id]).fetchone()[0]
    db["links"].insert({"claim_a": min(c1, c2), "claim_b": max(c1, c2), "relation": "related"})
    db["evidence"].insert({"claim_id": c1, "stance": "supports", "url": "https://example.org"})
    db["events"].insert({"at": "2024-01-01", "reviewer": "ana", "action": "status", "entity": "claim",
                         "entity_id": c1, "article_id": first.article_id, "claim_id": c1})
    done = delete_article(db, first.article_id, reviewer="ben")
    assert (done["claims"], done["links"], done["evidence"], done["articles"]) == (first.claims, 1, 1, 1)
    assert db.execute("SELECT count(*) FROM claims WHERE article_id = ?", [first.article_id]).fetchone()[0] == 0
    assert db.execute("SELECT count(*) FROM attributions").fetchone()[0] == second.claims
    assert db.execute("SELECT count(*) FROM claims WHERE article_id = ?", [second.article_id]).fetchone()[0] == second.claims
    actions = [r[0] for r in db.execute("SELECT action FROM events WHERE article_id = ? ORDER BY id", [first.article_id])]
    assert actions == ["ingest", "status", "delete"]
    assert db.execute("PRAGMA foreign_key_check").fetchall() == []
    assert search_claims(db, "hospital") == []  # the FTS index follows
    # Ids are never reused: the old events stay unambiguous.
    again = ingest_text(db, ARTICLE_EN)
    assert again.created and again.article_id not in (first.article_id, second.article_id)
    new_claims = [r[0] for r in db.execute("SELECT id FROM claims WHERE article_id = ?", [again.article_id])]
    assert c1 not in new_claims
    with pytest.raises(InputError, match=f"no article {first.article_id}"):
        delete_article(db, first.article_id, reviewer="ben")


def test_events_stay_append_only(db):
    ingest_text(db, ARTICLE_EN)
    with pytest.raises(sqlite3.DatabaseError, match="append-only"):
        db.execute("DELETE FROM events")


def _rows_seen_by_another_process(path) -> int:
    code = f"import sqlite3; c = sqlite3.connect({str(path)!r}); print(c.execute('SELECT count(*) FROM t').fetchone()[0]); c.close()"
    return int(subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout)


def test_reopening_does_not_drop_the_locks_of_an_open_connection(tmp_path):
    # Closing any descriptor of a SQLite file drops all POSIX locks of the process; if open_db read
    # the header with open(), another process closing its connection would then delete the WAL
    # under our feet and later writes would be lost.
    path = tmp_path / "locks.db"
    first = open_db(path)
    first.execute("CREATE TABLE t (x)")
    first.execute("INSERT INTO t VALUES (1)")
    first.conn.commit()
    open_db(path).close()  # e.g. a worker thread opening its own connection
    assert _rows_seen_by_another_process(path) == 1
    first.execute("INSERT INTO t VALUES (2)")
    first.conn.commit()
    assert _rows_seen_by_another_process(path) == 2
    first.close()
    assert _rows_seen_by_another_process(path) == 2


def test_storage_failures_become_one_line_database_errors(db):
    import sqlite3

    from factcheck.errors import DatabaseError
    from factcheck.store.queries import storage_error, storage_errors

    db.path = "reviews.db"
    corrupt = storage_error(db, sqlite3.DatabaseError("database disk image is malformed"))
    assert isinstance(corrupt, DatabaseError)
    assert str(corrupt) == "reviews.db is corrupt (database disk image is malformed); restore it from a backup"
    assert "read-only" in str(storage_error(db, sqlite3.OperationalError("attempt to write a readonly database")))
    assert "disk is full" in str(storage_error(db, sqlite3.OperationalError("database or disk is full")))
    assert storage_error(db, sqlite3.IntegrityError("UNIQUE constraint failed: articles.sha256")) is None
    assert storage_error(db, sqlite3.OperationalError("no such column: x")) is None  # a bug stays a bug
    db.execute("PRAGMA query_only = ON")
    with pytest.raises(DatabaseError, match="the database is read-only"), storage_errors(db):
        db.execute("INSERT INTO events (at, reviewer, action, entity) VALUES ('t', 'r', 'a', 'e')")


def test_database_path_is_refused_when_empty_or_not_a_file(tmp_path):
    from factcheck.store import resolve_db_path

    with pytest.raises(InputError, match="database path is empty"):
        resolve_db_path("  ")
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    with pytest.raises(DatabaseError, match="not a regular file"):
        open_db(fifo)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["pipe"]  # no -journal beside it


def test_database_path_expands_the_home_directory(monkeypatch, tmp_path):
    from factcheck.store import resolve_db_path

    monkeypatch.setenv("HOME", str(tmp_path))
    monkeypatch.setenv("FACTCHECK_DB", "~/reviews.db")
    assert resolve_db_path(None) == tmp_path / "reviews.db"
