"""Benchmark: a team on one PostgreSQL database (issue 14).

1. ``--clients`` client processes (default 16) each make ``--edits`` edits (default 200) over TCP:
   rationale changes against the version just read, most of them on a few claims every client
   edits (so they collide), a quarter on a claim of the client's own. Checks: every edit applied
   or refused as stale (never lost, never "database is locked"), and the final state equals the
   replay of the audit trail. Reports edits/s and the refusal count.
2. ``factcheck ingest`` of ``--articles`` files (default 200) killed with SIGKILL mid-batch: every
   article is present with all its claims or absent.

    python bench/bench_team_pg.py postgresql://USER@HOST/DB [--clients 16] [--edits 200]

The URL's database is used through a fresh schema (``options=-csearch_path=...``) dropped at the
end, so the benchmark can share a server with real reviews.
"""

from __future__ import annotations

import argparse
import multiprocessing
import os
import signal
import subprocess
import sys
import tempfile
import time
import uuid
from pathlib import Path
from urllib.parse import quote

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))
SHARED = 3


def _client(args):
    from factcheck.errors import StaleWriteError
    from factcheck.review import workflow
    from factcheck.store import connect

    url, worker, shared, own, edits, start = args
    db = connect(url)
    ok = refused = 0
    errors = []
    start.wait()
    began = time.perf_counter()
    for n in range(edits):
        claim_id = own if n % 4 == 3 else shared[n % len(shared)]
        try:
            version = db.execute("SELECT version FROM claims WHERE id = ?", [claim_id]).fetchone()[0]
            workflow.set_rationale(db, claim_id, f"c{worker} edit {n}", reviewer=f"r{worker}", expected_version=version)
            ok += 1
        except StaleWriteError:
            refused += 1
        except Exception as exc:  # noqa: BLE001 - anything else is a failure to report
            errors.append(f"{type(exc).__name__}: {exc}")
    elapsed = time.perf_counter() - began
    db.close()
    return ok, refused, errors, elapsed


def edits_bench(url: str, clients: int, edits: int) -> bool:
    from test_review_support import add_article, add_source

    from factcheck.store import open_db
    from factcheck.store.util import loads

    db = open_db(url)
    add_source(db, "desk", "News desk")
    _, ids = add_article(db, [{"text": f"Claim number {i}.", "source": "desk"} for i in range(SHARED + clients)])
    shared, own = ids[:SHARED], ids[SHARED:]
    before = {r["id"]: {"rationale": r["rationale"], "version": r["version"]} for r in db.query("SELECT * FROM claims")}
    ctx = multiprocessing.get_context("spawn")
    began = time.perf_counter()
    with ctx.Manager() as manager, ctx.Pool(clients) as pool:
        start = manager.Barrier(clients)
        results = pool.map(_client, [(url, w, shared, own[w], edits, start) for w in range(clients)])
    wall = time.perf_counter() - began
    ok = sum(r[0] for r in results)
    refused = sum(r[1] for r in results)
    errors = [e for r in results for e in r[2]]
    slowest = max(r[3] for r in results)
    state = dict(before)
    replay_ok = True
    events = list(db.query("SELECT * FROM events WHERE action = 'rationale' ORDER BY id"))
    for event in events:
        if state[event["claim_id"]] != loads(event["before"]):
            replay_ok = False
        state[event["claim_id"]] = loads(event["after"])
    final = {r["id"]: {"rationale": r["rationale"], "version": r["version"]} for r in db.query("SELECT * FROM claims")}
    db.close()
    lost = clients * edits - ok - refused
    good = not errors and lost == 0 and replay_ok and state == final and len(events) == ok
    print(f"edits: {clients} clients x {edits} edits over TCP: {ok} applied, {refused} refused as stale, "
          f"{lost} lost, {len(errors)} errors; audit replay == final state: {replay_ok and state == final}")
    print(f"       {clients * edits / slowest:.0f} edits/s (slowest client {slowest:.2f} s; wall with start-up {wall:.2f} s)")
    for e in errors[:5]:
        print("       error:", e)
    return good


def kill_bench(url: str, articles: int) -> bool:
    from test_atomicity import article, check_all_or_nothing, count_articles

    from factcheck.store import open_db

    with tempfile.TemporaryDirectory() as tmp:
        paths = []
        for i in range(articles):
            path = Path(tmp) / f"{i:03d}.txt"
            path.write_text(article(i), encoding="utf-8")
            paths.append(str(path))
        proc = subprocess.Popen([sys.executable, "-m", "factcheck", "--db", url, "ingest", *paths],
                                stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
        while count_articles(url) < 5 and proc.poll() is None:
            time.sleep(0.01)
        os.kill(proc.pid, signal.SIGKILL)
        proc.wait()
        db = open_db(url)
        try:
            stored = check_all_or_nothing(db)
        except AssertionError as exc:
            print(f"kill -9: FAILED: {exc}")
            return False
        finally:
            db.close()
    print(f"kill -9 of an ingest of {articles} files: {stored} articles stored, each complete; none partial")
    return True


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("url", help="postgresql://USER@HOST[:PORT]/DATABASE")
    parser.add_argument("--clients", type=int, default=16)
    parser.add_argument("--edits", type=int, default=200)
    parser.add_argument("--articles", type=int, default=200)
    args = parser.parse_args()
    import psycopg

    schema = f"fc_bench_{uuid.uuid4().hex[:10]}"
    with psycopg.connect(args.url, autocommit=True) as conn:
        conn.execute(f"CREATE SCHEMA {schema}")
    sep = "&" if "?" in args.url else "?"
    try:
        url = f"{args.url}{sep}options={quote(f'-csearch_path={schema}')}"
        ok = edits_bench(url, args.clients, args.edits)
        with psycopg.connect(args.url, autocommit=True) as conn:  # the kill test on empty tables
            conn.execute(f"DROP SCHEMA {schema} CASCADE")
            conn.execute(f"CREATE SCHEMA {schema}")
        ok = kill_bench(url, args.articles) and ok
    finally:
        with psycopg.connect(args.url, autocommit=True) as conn:
            conn.execute(f"DROP SCHEMA IF EXISTS {schema} CASCADE")
    sys.exit(0 if ok else 1)


if __name__ == "__main__":
    main()
