"""kill -9 in the middle of a batch ingest: the database stays sound, every article all-or-nothing."""

from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import sys
import time

import pytest

from factcheck.ingest import ingest_path
from factcheck.ingest.pipeline import run_extraction
from factcheck.store import open_db

FILES = 300


def article(i: int) -> str:
    """A distinct small article of our own (Arabic or English) with a dozen sentences."""
    if i % 2:
        return "\n".join(
            f"وقال المتحدث باسم وزارة النقل إن الرحلة رقم {i * 100 + j} تأخرت بسبب العاصفة، بحسب بيان رسمي."
            for j in range(12)
        )
    return "\n\n".join(
        f"The transport ministry said flight {i * 100 + j} was delayed by the storm, according to a statement."
        for j in range(12)
    )


def count_articles(path) -> int:
    """Committed articles as another reader sees them (0 while the schema is not there yet)."""
    if isinstance(path, str):  # a PostgreSQL URL
        import psycopg

        with psycopg.connect(path, autocommit=True) as conn:
            try:
                return conn.execute("SELECT count(*) FROM articles").fetchone()[0]
            except psycopg.errors.UndefinedTable:
                return 0
    if not path.exists():
        return 0
    conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True, timeout=5)
    try:
        return conn.execute("SELECT count(*) FROM articles").fetchone()[0]
    except sqlite3.OperationalError:  # no such table yet
        return 0
    finally:
        conn.close()


def check_all_or_nothing(db) -> int:
    """Every stored article is complete; nothing hangs off a missing one. Returns the article count."""
    from factcheck.store import is_server

    if not is_server(db):  # a server checks its pages and foreign keys itself
        assert db.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        assert db.execute("PRAGMA foreign_key_check").fetchall() == []
    for sql in (
        "SELECT count(*) FROM claims c LEFT JOIN articles a ON a.id = c.article_id WHERE a.id IS NULL",
        "SELECT count(*) FROM attributions t LEFT JOIN claims c ON c.id = t.claim_id WHERE c.id IS NULL",
        "SELECT count(*) FROM attribution_via v LEFT JOIN attributions t ON t.id = v.attribution_id WHERE t.id IS NULL",
        "SELECT count(*) FROM claims c LEFT JOIN attributions t ON t.claim_id = c.id WHERE t.id IS NULL",
        "SELECT count(*) FROM events e LEFT JOIN articles a ON a.id = e.article_id "
        "WHERE e.action = 'ingest' AND a.id IS NULL",
    ):
        assert db.execute(sql).fetchone()[0] == 0, sql
    articles = list(db.query("SELECT id, text, language, published FROM articles"))
    for row in articles:
        claims = list(db.query("SELECT idx, start, end, text FROM claims WHERE article_id = ? ORDER BY idx", [row["id"]]))
        expected = run_extraction(row["text"], row["language"], None)
        assert len(claims) == len(expected.claims), f"article {row['id']} is incomplete"
        assert [c["idx"] for c in claims] == list(range(1, len(claims) + 1))
        assert all(row["text"][c["start"]:c["end"]] == c["text"] for c in claims)
        events = db.execute("SELECT count(*) FROM events WHERE action = 'ingest' AND article_id = ?", [row["id"]])
        assert events.fetchone()[0] == 1
    return len(articles)


@pytest.mark.slow
def test_kill_during_batch_ingest_leaves_whole_articles(tmp_path, db_path):
    src = tmp_path / "in"
    src.mkdir()
    paths = []
    for i in range(FILES):
        path = src / f"{i:03d}.txt"
        path.write_text(article(i), encoding="utf-8")
        paths.append(path)
    proc = subprocess.Popen(
        [sys.executable, "-m", "factcheck", "--db", str(db_path), "ingest", *map(str, paths)],
        stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
    )
    try:
        deadline = time.monotonic() + 120
        while count_articles(db_path) < 1:  # wait on the condition, polling
            assert proc.poll() is None, f"ingest ended early: {proc.stderr.read().decode()}"
            assert time.monotonic() < deadline, "no article was stored within 120 s"
            time.sleep(0.002)
        assert proc.poll() is None, "the batch finished before it could be killed"
        os.kill(proc.pid, signal.SIGKILL)
        assert proc.wait(timeout=30) == -signal.SIGKILL
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait()
        proc.stderr.close()

    db = open_db(db_path)  # recovers the WAL (SQLite)
    stored = check_all_or_nothing(db)
    assert 1 <= stored < FILES, "the kill must land mid-batch"

    # Running the batch again completes it: the stored ones are recognised, the rest added.
    results = [ingest_path(db, path) for path in paths]
    assert sum(not r.created for r in results) == stored
    assert check_all_or_nothing(db) == FILES
