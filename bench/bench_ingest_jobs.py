"""Benchmark: ``factcheck ingest --jobs N`` on a batch of articles (issue 10: parallel ingest).

Writes ``--articles`` article files made from the sentences of ``samples/*.txt`` (shuffled, numbers
varied, so every file is a different text), then runs ``factcheck --db NEW ingest --jobs N FILES``
as a user would (a subprocess, a fresh database each time) for each N of ``--jobs``, alternating
the contenders over ``--rounds`` rounds; reports the median wall time and the speed-up over the
first N.

    python bench/bench_ingest_jobs.py [--articles 1000] [--jobs 1 2] [--rounds 3]
"""

from __future__ import annotations

import argparse
import os
import random
import re
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

SAMPLES = Path(__file__).resolve().parent.parent / "samples"
_NUMBER = re.compile(r"\d+")


def articles(n: int, rng: random.Random) -> list[str]:
    pools = {}
    for path in sorted(SAMPLES.glob("*.txt")):
        text = path.read_text(encoding="utf-8")
        pools.setdefault(path.name[:2], []).extend(
            s.strip() for s in re.split(r"(?<=[.!?])\s+", text) if len(s.strip()) > 30)
    out = []
    for i in range(n):
        pool = pools["ar" if i % 2 else "en"]
        picked = [_NUMBER.sub(lambda m: str(int(m.group()) + rng.randint(0, 9)), rng.choice(pool))
                  for _ in range(rng.randint(15, 30))]
        out.append("\n\n".join(picked) + f"\n\n({i})\n")
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--articles", type=int, default=1000)
    parser.add_argument("--jobs", type=int, nargs="+", default=[1, 2])
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args()
    rng = random.Random(args.seed)
    exe = Path(sys.executable).with_name("factcheck")
    with tempfile.TemporaryDirectory() as tmp:
        files = []
        for i, text in enumerate(articles(args.articles, rng)):
            path = Path(tmp) / f"a{i:05d}.txt"
            path.write_text(text, encoding="utf-8")
            files.append(str(path))
        chars = sum(os.path.getsize(f) for f in files)
        times: dict[int, list[float]] = {j: [] for j in args.jobs}
        for r in range(args.rounds):
            for jobs in args.jobs:
                db = Path(tmp) / f"r{r}j{jobs}.db"
                start = time.perf_counter()
                subprocess.run([str(exe), "--db", str(db), "ingest", "--jobs", str(jobs), *files], check=True,
                               stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
                times[jobs].append(time.perf_counter() - start)
        print(f"{args.articles} articles, {chars / 1e6:.1f} MB; {os.cpu_count()} cpu, load {os.getloadavg()[0]:.1f};"
              f" median of {args.rounds} rounds")
        base = statistics.median(times[args.jobs[0]])
        for jobs in args.jobs:
            med = statistics.median(times[jobs])
            print(f"--jobs {jobs:<3} {med:8.2f} s  {args.articles / med:7.1f} articles/s  x{base / med:.2f}")


if __name__ == "__main__":
    main()
