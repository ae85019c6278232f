"""Benchmark: ``factcheck articles`` listing cost at 10,000 and 100,000 articles.

Builds a database with ``--articles`` articles of ``--claims-per`` claims each (rows written
directly, the schema's triggers keeping the counts), then times ``list_articles`` (what
``factcheck articles`` and the library screen call) against the former query, which aggregated
every claim on each listing (kept here as ``OLD_QUERY``). Median of ``--runs``.

    python bench/bench_articles.py [--articles 10000 100000] [--claims-per 14] [--runs 5]
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from pathlib import Path

from factcheck.store import open_db
from factcheck.store.queries import list_articles

OLD_QUERY = """
    SELECT a.id, a.title, a.outlet, a.url, a.language, a.published, a.sha256, a.chars,
           a.source_path, a.encoding, a.ingested_at, a.ingested_by,
           count(c.id) AS claims,
           coalesce(sum(c.status = 'reviewed'), 0) AS reviewed,
           coalesce(sum(c.status = 'in_review'), 0) AS in_review,
           coalesce(sum(c.status = 'needs_follow_up'), 0) AS needs_follow_up,
           coalesce(sum(c.verdict IS NOT NULL), 0) AS with_verdict
    FROM articles a LEFT JOIN claims c ON c.article_id = a.id
    GROUP BY a.id ORDER BY a.id
"""


def build(db, articles: int, per: int) -> None:
    stamp = "2026-01-01T00:00:00+00:00"
    with db.atomic():
        db.conn.executemany(
            "INSERT INTO articles (id, title, language, text, sha256, chars, ingested_at) VALUES (?, ?, 'en', ?, ?, 3, ?)",
            ((i, f"Article {i}", "abc", f"{i:064x}", stamp) for i in range(1, articles + 1)))
        db.conn.executemany(
            'INSERT INTO claims (article_id, idx, start, "end", text, text_norm, status, verdict, version)'
            " VALUES (?, ?, 0, 3, 'abc', 'abc', ?, ?, 1)",
            ((a, k, "reviewed" if (a + k) % 3 == 0 else "unreviewed", "false" if (a + k) % 5 == 0 else None)
             for a in range(1, articles + 1) for k in range(1, per + 1)))


def _time(fn, runs: int) -> tuple[float, float]:
    walls, cpus = [], []
    for _ in range(runs):
        w, c = time.perf_counter(), time.process_time()
        fn()
        walls.append(time.perf_counter() - w)
        cpus.append(time.process_time() - c)
    return statistics.median(walls), statistics.median(cpus)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--articles", type=int, nargs="+", default=[10_000, 100_000])
    parser.add_argument("--claims-per", type=int, default=14)
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    print(f"python {sys.version.split()[0]}; {args.claims_per} claims per article; median of {args.runs}")
    print(f"{'articles':>9} {'claims':>10} {'old wall s':>11} {'old cpu s':>10} {'new wall s':>11} {'new cpu s':>10}")
    with tempfile.TemporaryDirectory() as tmp:
        for n in args.articles:
            db = open_db(Path(tmp) / f"a{n}.db")
            build(db, n, args.claims_per)
            new = [(r["claims"], r["reviewed"], r["with_verdict"]) for r in list_articles(db)]
            old = [(r["claims"], r["reviewed"], r["with_verdict"]) for r in db.query(OLD_QUERY)]
            assert new == old, "the kept counts differ from counting the claims"
            old_t = _time(lambda: list(db.query(OLD_QUERY)), args.runs)
            new_t = _time(lambda: list_articles(db), args.runs)
            print(f"{n:>9} {n * args.claims_per:>10} {old_t[0]:>11.3f} {old_t[1]:>10.3f} {new_t[0]:>11.3f} {new_t[1]:>10.3f}")
            db.close()


if __name__ == "__main__":
    main()
