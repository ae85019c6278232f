"""Benchmark: link suggestions within ONE very long article (issue 12: no quadratic paths).

Builds an article of ``--claims`` claims from the sentences of ``samples/*.txt`` (numbers varied,
a word dropped, so that claims resemble each other as reports of one event do), ingests it, and
times ``suggest_for_article(..., across=False)`` (persisted), reporting wall and CPU seconds and
the peak of Python memory allocations (tracemalloc, in a second, untimed run).

    python bench/bench_long_article.py [--claims 1000 15000] [--seed 7]
"""

from __future__ import annotations

import argparse
import random
import re
import sys
import tempfile
import time
import tracemalloc
from pathlib import Path

from factcheck.ingest import ingest_text
from factcheck.review.suggest import suggest_for_article
from factcheck.store import open_db

SAMPLES = Path(__file__).resolve().parent.parent / "samples"
_NUMBER = re.compile(r"\d+")


def _sentences(lang: str) -> list[str]:
    out = []
    for path in sorted(SAMPLES.glob("*.txt")):
        if path.name.startswith(lang + "_"):
            text = path.read_text(encoding="utf-8")
            out += [s.strip() for s in re.split(r"(?<=[.!?])\s+", text) if len(s.strip()) > 30]
    return out


def article(n: int, rng: random.Random, lang: str = "en") -> str:
    base = _sentences(lang)
    lines = []
    for _ in range(n):
        s = _NUMBER.sub(lambda m: str(max(1, int(m.group()) + rng.randint(-3, 3))), rng.choice(base))
        words = s.split(" ")
        if len(words) > 6:
            del words[rng.randrange(len(words))]
        lines.append(" ".join(words))
    return "\n\n".join(lines) + "\n"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--claims", type=int, nargs="+", default=[100, 1000])
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args()
    rng = random.Random(args.seed)
    print(f"python {sys.version.split()[0]}; suggestions within one article, across=False, persisted")
    print(f"{'target':>8} {'claims':>7} {'wall s':>8} {'cpu s':>8} {'peak MiB':>9} {'suggestions':>12}")
    with tempfile.TemporaryDirectory() as tmp:
        for n in args.claims:
            db = open_db(Path(tmp) / f"long{n}.db")
            result = ingest_text(db, article(n, rng), reviewer="bench")
            wall, cpu = time.perf_counter(), time.process_time()
            found = suggest_for_article(db, result.article_id, across=False)
            wall, cpu = time.perf_counter() - wall, time.process_time() - cpu
            # memory in a second run (tracemalloc slows Python down several times)
            db.execute("DELETE FROM suggestions")
            tracemalloc.start()
            suggest_for_article(db, result.article_id, across=False)
            peak = tracemalloc.get_traced_memory()[1] / 2**20
            tracemalloc.stop()
            print(f"{n:>8} {result.claims:>7} {wall:>8.2f} {cpu:>8.2f} {peak:>9.1f} {len(found):>12}")
            db.close()


if __name__ == "__main__":
    main()
