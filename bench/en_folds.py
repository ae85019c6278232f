"""Split an English evaluation set (PolNeAR-style JSONL) into folds by outlet, into /tmp.

The outlet is the file-name prefix of the article's ``origin`` (``.../nyt_2016-09-08_...``).
Folds are written OUTSIDE the repository (default ``/tmp/en_folds``): the evaluation data
must never be copied into the project.

    python bench/en_folds.py ../shared/eval/polnear-train.jsonl --held wash-post,politico

writes ``/tmp/en_folds/<set>-<outlet>.jsonl`` per outlet, plus ``<set>-dev.jsonl`` (every outlet
not held back) and ``<set>-held.jsonl`` (the held-back outlets: score it, never ``--show`` it).
"""

from __future__ import annotations

import argparse
import json
import re
from collections import defaultdict
from pathlib import Path


def outlet(doc: dict) -> str:
    name = (doc.get("origin") or doc.get("id") or "").rsplit("/", 1)[-1]
    m = re.match(r"([a-z-]+?)_\d{4}-", name)
    return m.group(1) if m else "unknown"


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("gold")
    ap.add_argument("--held", default="wash-post,politico", help="outlets held back, comma-separated")
    ap.add_argument("--out", default="/tmp/en_folds")
    a = ap.parse_args()
    out = Path(a.out)
    if out.resolve().is_relative_to(Path(__file__).resolve().parents[1]):
        raise SystemExit("error: folds must be written outside the repository")
    out.mkdir(parents=True, exist_ok=True)
    held = set(a.held.split(","))
    stem = Path(a.gold).stem
    by: dict[str, list[str]] = defaultdict(list)
    for line in Path(a.gold).read_text(encoding="utf-8").splitlines():
        if line.strip():
            by[outlet(json.loads(line))].append(line)
    groups = {**by, "dev": [l for o, ls in by.items() if o not in held for l in ls],
              "held": [l for o, ls in by.items() if o in held for l in ls]}
    for name, lines in groups.items():
        (out / f"{stem}-{name}.jsonl").write_text("".join(l + "\n" for l in lines), encoding="utf-8")
        print(f"{stem}-{name}: {len(lines)} articles")


if __name__ == "__main__":
    main()
