"""Many reviewers on one database (a SQLite file, or a PostgreSQL server over TCP): stale writes refused, no lost update, no "database is
locked", and a writer killed mid-transaction leaves the database consistent."""

from __future__ import annotations

import multiprocessing
import os
import subprocess
import sys
import textwrap

import pytest
from test_review_support import add_article, add_source

from factcheck.errors import StaleWriteError
from factcheck.review import workflow
from factcheck.store import connect
from factcheck.store.util import loads

WORKERS = 8
EDITS = int(os.environ.get("FACTCHECK_CONCURRENCY_EDITS", "200"))
SHARED = 3  # claims every worker edits (conflicts); each worker also has a claim of its own


def _integrity_ok(db) -> None:
    from factcheck.store import is_server

    if not is_server(db):  # a server checks its own pages
        assert db.execute("PRAGMA integrity_check").fetchone()[0] == "ok"


def _seed(db, workers: int = WORKERS) -> list[int]:
    add_source(db, "desk", "News desk")
    _, ids = add_article(db, [{"text": f"Claim number {i}.", "source": "desk"} for i in range(SHARED + workers)])
    return ids


def test_two_connections_stale_write_is_refused(db, db_path):
    (claim_id, *_) = _seed(db, workers=1)
    sara, omar = connect(db_path), connect(db_path)
    seen_by_omar = omar.execute("SELECT version FROM claims WHERE id = ?", [claim_id]).fetchone()[0]
    workflow.set_verdict(sara, claim_id, "corroborated", reviewer="sara",
                         expected_version=sara.execute("SELECT version FROM claims WHERE id = ?", [claim_id]).fetchone()[0])
    with pytest.raises(StaleWriteError) as err:
        workflow.set_verdict(omar, claim_id, "false", reviewer="omar", expected_version=seen_by_omar)
    assert str(err.value).startswith("claim 1:1 was changed by sara at ")
    assert "(version 2, you had 1); reload and retry" in str(err.value)
    assert db.execute("SELECT verdict FROM claims WHERE id = ?", [claim_id]).fetchone()[0] == "corroborated"
    sara.close()
    omar.close()


def _worker(args):
    """Make EDITS edits: rationale changes against the version just read (shared claims conflict)."""
    path, worker, shared, own, edits, start = args
    db = connect(path)
    ok = refused = 0
    errors: list[str] = []
    start.wait()  # everybody starts together
    for n in range(edits):
        claim_id = own if n % 4 == 3 else shared[n % len(shared)]
        try:
            version = db.execute("SELECT version FROM claims WHERE id = ?", [claim_id]).fetchone()[0]
            if claim_id != own:  # widen the read-write gap on shared claims: more conflicts
                db.execute("SELECT count(*) FROM events").fetchone()
            workflow.set_rationale(db, claim_id, f"w{worker} edit {n}", reviewer=f"r{worker}", expected_version=version)
            ok += 1
        except StaleWriteError as exc:
            if "reload and retry" not in str(exc):
                errors.append(str(exc))
            refused += 1
        except Exception as exc:  # "database is locked" or anything else is a failure
            errors.append(f"{type(exc).__name__}: {exc}")
    db.close()
    return ok, refused, errors


@pytest.mark.slow
def test_concurrent_writers_lose_nothing(db, db_path):
    ids = _seed(db)
    shared, own = ids[:SHARED], ids[SHARED:]
    before = {r["id"]: r for r in db.query("SELECT * FROM claims")}
    ctx = multiprocessing.get_context("spawn")
    with ctx.Manager() as manager, ctx.Pool(WORKERS) as pool:
        start = manager.Barrier(WORKERS)
        results = pool.map(_worker, [(str(db_path), w, shared, own[w], EDITS, start) for w in range(WORKERS)])
    errors = [e for _, _, errs in results for e in errs]
    assert errors == []
    ok = sum(r[0] for r in results)
    refused = sum(r[1] for r in results)
    assert ok + refused == WORKERS * EDITS  # every write either applied or reported as refused
    assert refused > 0  # the writers did collide
    own_edits = EDITS // 4
    assert all(r[0] >= own_edits for r in results)  # nobody else touches a worker's own claim

    events = list(db.query("SELECT * FROM events WHERE action = 'rationale' ORDER BY id"))
    assert len(events) == ok
    # replaying the audit trail gives the final state: no update was lost or applied unrecorded
    state = {cid: {"rationale": row["rationale"], "version": row["version"]} for cid, row in before.items()}
    for event in events:
        prior, after = loads(event["before"]), loads(event["after"])
        assert state[event["claim_id"]] == prior  # each change was made against the state it saw
        state[event["claim_id"]] = after
    for row in db.query("SELECT id, rationale, version FROM claims"):
        assert state[row["id"]] == {"rationale": row["rationale"], "version": row["version"]}
    _integrity_ok(db)


_KILLED_WRITER = textwrap.dedent(
    """
    import sys
    from factcheck.store import connect
    from factcheck.review import workflow
    from factcheck.review.base import write_tx
    db = connect(sys.argv[1])
    with write_tx(db):
        workflow.set_verdict(db, int(sys.argv[2]), "false", reviewer="doomed")
        workflow.set_status(db, int(sys.argv[2]), "needs_follow_up", reviewer="doomed")
        print("in transaction", flush=True)
        sys.stdin.readline()  # wait here, holding the write lock, until killed
    """
)


@pytest.mark.slow
def test_writer_killed_mid_transaction_leaves_database_consistent(db, db_path):
    claim_id = _seed(db, workers=1)[0]
    events_before = db.execute("SELECT count(*) FROM events").fetchone()[0]
    proc = subprocess.Popen([sys.executable, "-c", _KILLED_WRITER, str(db_path), str(claim_id)],
                            stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
    try:
        assert proc.stdout.readline().strip() == "in transaction"
    finally:
        proc.kill()
        proc.wait()
    row = db["claims"].get(claim_id)
    assert (row["verdict"], row["status"], row["version"]) == (None, "unreviewed", 1)
    assert db.execute("SELECT count(*) FROM events").fetchone()[0] == events_before
    _integrity_ok(db)
    workflow.set_verdict(db, claim_id, "corroborated", reviewer="sara", expected_version=1)  # lock was released
    assert db["claims"].get(claim_id)["version"] == 2


@pytest.mark.sqlite_only  # PostgreSQL: tests/test_pg.py
def test_busy_wait_is_bounded_and_reported(db, db_path):
    from factcheck.review.base import BusyError

    claim_id = _seed(db, workers=1)[0]
    holder, waiter = connect(db_path), connect(db_path)
    waiter.execute("PRAGMA busy_timeout = 50")
    holder.conn.execute("BEGIN IMMEDIATE")  # another reviewer's long write
    try:
        with pytest.raises(BusyError, match="the database is busy .*try again"):
            workflow.set_verdict(waiter, claim_id, "false", reviewer="omar")
        assert not waiter.conn.in_transaction
    finally:
        holder.conn.execute("ROLLBACK")
    workflow.set_verdict(waiter, claim_id, "false", reviewer="omar")  # free again: it goes through
    assert db["claims"].get(claim_id)["verdict"] == "false"
    holder.close()
    waiter.close()
