"""A team on several machines: the review database on PostgreSQL (and what both backends share).

Tests taking ``db``/``db_path`` run on both backends (see ``BOTH_BACKENDS`` in conftest); those
taking ``pg_url`` need the server of ``$FACTCHECK_TEST_PG`` (skipped without one, failed in CI).
"""

from __future__ import annotations

import sqlite3
import threading

import pytest
from test_review_support import add_article, add_source
from test_tui_example import REVIEWER, store_arabic, store_english

from factcheck.review import workflow
from factcheck.review.base import write_tx
from factcheck.store import connect, open_db
from factcheck.store.pg import translate

# ----------------------------------------------------------------------------- the dialect bridge (no server)


def test_translation_covers_the_sqlite_idioms_we_use():
    sql, json_params, returning = translate(
        "SELECT CASE WHEN a = ? THEN b ELSE c END, 'it''s ? :x %', end FROM t WHERE x IN (SELECT value FROM json_each(?))"
        " AND k = ? COLLATE NOCASE AND e IS ? AND f IS NOT ? AND g LIKE ? AND h = :name AND [start] > 0 OR 0")
    assert sql == ("SELECT CASE WHEN a = %s THEN b ELSE c END, 'it''s ? :x %%', \"end\" FROM t WHERE x = ANY(%s)"
                   " AND lower(k) = lower(%s) AND e IS NOT DISTINCT FROM %s AND f IS DISTINCT FROM %s AND g ILIKE %s"
                   " AND h = %(name)s AND \"start\" > 0 OR 0")
    assert json_params == (1,) and returning is None
    assert translate("INSERT OR IGNORE INTO source_aliases (a) VALUES (?)") == (
        "INSERT INTO source_aliases (a) VALUES (%s) ON CONFLICT DO NOTHING RETURNING id", (), "id")
    assert translate("UPDATE articles SET id = id WHERE 0")[0] == "UPDATE articles SET id = id WHERE false"
    assert translate("INSERT INTO claim_overrides (claim_id) VALUES (?)")[2] == "claim_id"
    with pytest.raises(sqlite3.OperationalError, match="not supported"):
        translate("INSERT OR REPLACE INTO events (id) VALUES (?)")


def test_server_urls_are_told_apart_from_paths_and_passwords_hidden():
    from factcheck.store import resolve_db_path
    from factcheck.store.pg import redact

    assert resolve_db_path("postgresql://desk@db.example/factcheck") == "postgresql://desk@db.example/factcheck"
    assert str(resolve_db_path("sqlite:///tmp/x.db")) == "/tmp/x.db"
    assert redact("postgresql://desk:s3cret@db.example:5433/fc") == "postgresql://desk:***@db.example:5433/fc"
    from factcheck.errors import InputError

    with pytest.raises(InputError, match="expected postgresql://USER@HOST/DATABASE"):
        resolve_db_path("postgresql://desk@db.example")


# ----------------------------------------------------------------------------- both backends


def _claim(db) -> int:
    add_source(db, "desk", "News desk")
    _, ids = add_article(db, [{"text": "The bridge was closed on Monday.", "source": "desk"}])
    return ids[0]


def test_two_connections_see_each_others_changes(db, db_path):
    from factcheck.store.queries import changes_since, last_event_id

    claim_id = _claim(db)
    sara, omar = connect(db_path), connect(db_path)
    seen = last_event_id(omar)
    workflow.set_verdict(sara, claim_id, "corroborated", reviewer="sara", expected_version=1)
    changes = changes_since(omar, seen)
    assert [(e["reviewer"], e["claim_id"]) for e in changes] == [("sara", claim_id)]
    assert omar.execute("SELECT verdict, version FROM claims WHERE id = ?", [claim_id]).fetchone() == ("corroborated", 2)
    sara.close()
    omar.close()


def test_literals_with_percent_and_placeholder_characters_are_plain_text(db):
    assert db.execute("SELECT '100%', '?', ':x', 'end' || ?", ["!"]).fetchone() == ("100%", "?", ":x", "end!")
    assert db.execute("SELECT '5%'").fetchone() == ("5%",)
    assert list(db.query("SELECT :a || '%' AS v", {"a": "7"})) == [{"v": "7%"}]


def test_events_refuse_every_rewrite(db):
    claim_id = _claim(db)
    workflow.set_status(db, claim_id, "reviewed", reviewer="sara")
    first = db.execute("SELECT min(id) FROM events").fetchone()[0]
    for sql in ("UPDATE events SET reviewer = 'x'", "DELETE FROM events",
                f"INSERT INTO events (id, at, reviewer, action, entity) VALUES ({first}, 't', 'r', 'a', 'e')"):
        with pytest.raises(sqlite3.DatabaseError, match="append-only"):
            with db.atomic():
                db.execute(sql)
    assert db.execute("SELECT min(id), count(*) FROM events").fetchone() == (first, 1)


async def test_the_app_shows_another_reviewers_verdict(db, db_path, monkeypatch):
    from factcheck.tui.app import FactcheckApp
    from factcheck.tui.screens.article import ArticleScreen

    store_english(db, monkeypatch)
    ar = store_arabic(db, monkeypatch)
    claim = next(db.query("SELECT id, version FROM claims WHERE article_id = ? AND idx = 2", [ar]))
    app = FactcheckApp(db_path, reviewer=REVIEWER, bidi="app", auto_suggest=False, article_id=ar, change_check=0)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        await app.workers.wait_for_complete()
        screen = app.screen
        assert isinstance(screen, ArticleScreen)
        assert screen.rows[1]["verdict"] is None
        assert app.check_changes() == []  # nothing new
        other = connect(db_path)  # another reviewer, another connection (another machine on a server)
        workflow.set_verdict(other, claim["id"], "false", reviewer="omar", expected_version=claim["version"])
        other.close()
        changes = app.check_changes()
        await pilot.pause()
        assert [e["reviewer"] for e in changes] == ["omar"]
        assert screen.rows[1]["verdict"] == "false"
        assert app.check_changes() == []  # seen once


# ----------------------------------------------------------------------------- PostgreSQL only


def test_truncate_and_upsert_of_events_are_refused(pg_url):
    db = open_db(pg_url)
    workflow.set_status(db, _claim(db), "reviewed", reviewer="sara")
    with pytest.raises(sqlite3.IntegrityError, match="append-only"):
        db.execute("TRUNCATE events")
    with pytest.raises(sqlite3.IntegrityError, match="append-only"):
        db.execute("INSERT INTO events (id, at, reviewer, action, entity) SELECT id, at, 'x', action, entity FROM events"
                   " ON CONFLICT (id) DO UPDATE SET reviewer = 'x'")
    assert db.execute("SELECT count(*) FROM events WHERE reviewer = 'x'").fetchone()[0] == 0
    db.close()


def test_busy_wait_is_bounded_and_reported_on_the_server(pg_url):
    from factcheck.review.base import BusyError

    db = open_db(pg_url)
    claim_id = _claim(db)
    holder, waiter = connect(pg_url), connect(pg_url)
    waiter.execute("SET lock_timeout = 50")
    entered, release = threading.Event(), threading.Event()

    def long_write():
        with holder.atomic():  # another reviewer's long write holds the write lock
            entered.set()
            release.wait(30)

    thread = threading.Thread(target=long_write)
    thread.start()
    try:
        assert entered.wait(30)
        with pytest.raises(BusyError, match="the database is busy .*try again"):
            workflow.set_verdict(waiter, claim_id, "false", reviewer="omar")
    finally:
        release.set()
        thread.join()
    workflow.set_verdict(waiter, claim_id, "false", reviewer="omar")  # free again: it goes through
    assert db["claims"].get(claim_id)["verdict"] == "false"
    for conn in (holder, waiter, db):
        conn.close()


def test_a_newer_or_foreign_schema_is_refused(pg_url):
    from factcheck.errors import DatabaseError

    db = open_db(pg_url)
    db.execute("INSERT INTO _factcheck_migrations (name) VALUES ('pg999_future')")
    db.close()
    with pytest.raises(DatabaseError, match="newer factcheck .*pg999_future"):
        open_db(pg_url)


def test_a_schema_of_another_program_is_refused(pg_url):
    import psycopg

    from factcheck.errors import DatabaseError

    with psycopg.connect(pg_url, autocommit=True) as conn:
        conn.execute("CREATE TABLE orders (id int)")
    with pytest.raises(DatabaseError, match="not a factcheck database"):
        open_db(pg_url)


@pytest.mark.sqlite_only  # db_path is the SQLite side of the copy
def test_copy_db_there_and_back_is_identical(cli, db_path, pg_url, tmp_path, monkeypatch):
    from factcheck.cli.store import exports

    db = open_db(db_path)
    store_english(db, monkeypatch)
    ar = store_arabic(db, monkeypatch)
    claim = next(db.query("SELECT id FROM claims WHERE article_id = ? AND idx = 1", [ar]))["id"]
    other = next(db.query("SELECT id FROM claims WHERE article_id = ? AND idx = 3", [ar]))["id"]
    workflow.set_verdict(db, claim, "corroborated", reviewer="sara")
    from factcheck.review.evidence import add_evidence
    from factcheck.review.links import add_link

    add_link(db, claim, other, "corroborates", reviewer="sara")
    add_evidence(db, claim, url="https://example.org/statement", stance="supports", reviewer="sara")
    before = exports(db)
    db.close()

    code, out, err = cli("copy-db", db_path, pg_url)
    assert code == 0, err
    assert "verified: every row and all 2 article exports identical" in out
    server = open_db(pg_url)
    assert exports(server) == before
    assert server.execute("SELECT verdict FROM claims WHERE id = ?", [claim]).fetchone()[0] == "corroborated"
    workflow.set_status(server, claim, "reviewed", reviewer="omar")  # the copy is a live database
    after_review = exports(server)
    server.close()

    back = tmp_path / "back.db"
    code, out, err = cli("copy-db", pg_url, back)
    assert code == 0, err
    returned = open_db(back)
    assert exports(returned) == after_review
    returned.close()

    quick = tmp_path / "quick.db"
    code, out, err = cli("copy-db", "--rows-only", pg_url, quick)
    assert code == 0 and out.strip().endswith("verified: every row identical"), err

    code, out, err = cli("copy-db", db_path, pg_url)  # never merges into a database in use
    assert code == 1 and "is not empty" in err


def test_a_dropped_connection_is_replaced_between_transactions(pg_url):
    import psycopg

    from factcheck.errors import DatabaseError

    db = open_db(pg_url)
    claim_id = _claim(db)

    def drop() -> None:  # what a server restart or a network cut does to the app's connection
        pid = db.execute("SELECT pg_backend_pid()").fetchone()[0]
        with psycopg.connect(pg_url, autocommit=True) as admin:
            admin.execute("SELECT pg_terminate_backend(%s)", [pid])

    drop()
    assert db.execute("SELECT verdict FROM claims WHERE id = ?", [claim_id]).fetchone() == (None,)  # reconnected
    drop()
    workflow.set_verdict(db, claim_id, "false", reviewer="omar")  # a write starts on a new connection too
    with pytest.raises(DatabaseError, match=r"^cannot use postgresql://.*lost the connection"):
        with write_tx(db):
            drop()
            workflow.set_verdict(db, claim_id, "corroborated", reviewer="omar")
    assert db["claims"].get(claim_id)["verdict"] == "false"  # the interrupted write left nothing
    db.close()


def test_both_schemas_have_the_same_tables_and_columns_in_order(pg_url, tmp_path):
    """pg_schema mirrors the SQLite migrations: a new SQLite migration needs its PostgreSQL twin."""
    from factcheck.store.copy import TABLES, _columns

    lite, server = open_db(tmp_path / "lite.db"), open_db(pg_url)
    for table in (*TABLES, "article_counts"):
        assert _columns(server, table) == _columns(lite, table), table
    assert {t for t in server.table_names() if not t.startswith("_")} == set(TABLES) | {"article_counts"}
    lite.close()
    server.close()
