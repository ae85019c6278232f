"""Benchmark: link suggestions for one claim against a database of 100,000 claims.

Builds (or reuses, with ``--db``) a database from the articles in ``samples/``: they are ingested
once, then their claims are copied into generated articles (numbers changed, words dropped, the
attribution kept) until the database holds ``--claims`` claims. Then times
``factcheck.review.suggest.suggest_for_claim`` (same article plus the whole database through the
full-text and facts prefilter, not persisted) for ``--queries`` claims picked at random, and
``suggest_for_article`` for one sample article. Target: well under a second per claim.

    python bench/bench_suggest.py [--claims 100000] [--queries 40] [--db PATH] [--seed 7]
"""

from __future__ import annotations

import argparse
import random
import re
import statistics
import sys
import tempfile
import time
from pathlib import Path

from factcheck.ingest import ingest_path
from factcheck.review.suggest import suggest_for_article, suggest_for_claim
from factcheck.store import open_db
from factcheck.store.util import dumps, loads, now_iso
from factcheck.text.normalize import fold

SAMPLES = Path(__file__).resolve().parent.parent / "samples"
_NUMBER = re.compile(r"\d+")


def _vary(text: str, rng: random.Random) -> str:
    text = _NUMBER.sub(lambda m: str(max(1, int(m.group()) + rng.randint(-3, 3))), text)
    words = text.split(" ")
    if len(words) > 6:
        del words[rng.randrange(len(words))]
    return " ".join(words)


def build(db, target: int, rng: random.Random) -> None:
    for path in sorted(SAMPLES.iterdir()):
        if path.is_file() and path.suffix in (".txt", ".md", ".html"):
            ingest_path(db, path, reviewer="bench")
    base = list(db.query(
        "SELECT c.text, c.facts, a.source_id, a.mode, ar.language FROM claims c"
        " JOIN attributions a ON a.claim_id = c.id JOIN articles ar ON ar.id = c.article_id"
    ))
    have = db.execute("SELECT count(*) FROM claims").fetchone()[0]
    next_article = db.execute("SELECT max(id) FROM articles").fetchone()[0] + 1
    next_claim = db.execute("SELECT max(id) FROM claims").fetchone()[0] + 1
    stamp = now_iso()
    with db.atomic():
        while have < target:
            size = min(rng.randint(20, 80), target - have)
            picked = [rng.choice(base) for _ in range(size)]
            lang = picked[0]["language"]
            texts = [_vary(p["text"], rng) for p in picked]
            body = "\n".join(texts) + f"\n[{next_article}]"
            db.execute(
                "INSERT INTO articles (id, title, language, text, sha256, chars, ingested_at, ingested_by)"
                " VALUES (?, ?, ?, ?, ?, ?, ?, 'bench')",
                [next_article, f"generated {next_article}", lang, body, f"bench-{next_article}", len(body), stamp],
            )
            pos, claims, atts = 0, [], []
            for idx, (p, text) in enumerate(zip(picked, texts), 1):
                facts = loads(p["facts"], {}) or {}
                facts = {**facts, "numbers": [{**n, "value": max(1, n["value"] + rng.choice((0, 0, 1)))}
                                              for n in facts.get("numbers", []) if isinstance(n.get("value"), int)]}
                claims.append((next_claim, next_article, idx, pos, pos + len(text), text, fold(text), dumps(facts),
                               stamp))
                atts.append((next_claim, p["source_id"], p["mode"]))
                pos += len(text) + 1
                next_claim += 1
            db.conn.executemany(
                "INSERT INTO claims (id, article_id, idx, start, end, text, text_norm, facts, status, version,"
                " updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, 'unreviewed', 1, ?)", claims)
            db.conn.executemany("INSERT INTO attributions (claim_id, source_id, mode) VALUES (?, ?, ?)", atts)
            have += size
            next_article += 1


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--claims", type=int, default=100_000)
    parser.add_argument("--queries", type=int, default=40)
    parser.add_argument("--db", help="database to build or reuse (default: a temporary file)")
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args(argv)
    rng = random.Random(args.seed)
    path = Path(args.db) if args.db else Path(tempfile.mkdtemp()) / "bench_suggest.db"
    db = open_db(path)
    count = db.execute("SELECT count(*) FROM claims").fetchone()[0]
    if count < args.claims:
        started = time.perf_counter()
        build(db, args.claims, rng)
        print(f"built {path}: {args.claims:,} claims in {time.perf_counter() - started:.1f} s", file=sys.stderr)
    count = db.execute("SELECT count(*) FROM claims").fetchone()[0]
    ids = [r[0] for r in db.execute("SELECT id FROM claims")]
    suggest_for_claim(db, ids[0], persist=False)  # warm-up: imports, lexicons, page cache
    times, found = [], []
    for claim_id in rng.sample(ids, min(args.queries, len(ids))):
        started = time.perf_counter()
        results = suggest_for_claim(db, claim_id, persist=False)
        times.append(time.perf_counter() - started)
        found.append(len(results))
    times.sort()
    p95 = times[min(len(times) - 1, int(0.95 * len(times)))]
    print(f"database: {count:,} claims, {db.execute('SELECT count(*) FROM articles').fetchone()[0]:,} articles")
    print(f"suggest_for_claim over {len(times)} random claims: median {statistics.median(times) * 1000:.0f} ms,"
          f" p95 {p95 * 1000:.0f} ms, max {times[-1] * 1000:.0f} ms; median {statistics.median(found):.0f} suggestions")
    started = time.perf_counter()
    results = suggest_for_article(db, 1)
    print(f"suggest_for_article(1) (persisted, across the database): {time.perf_counter() - started:.2f} s,"
          f" {len(results)} open suggestions")


if __name__ == "__main__":
    main()
