"""The engine on the shared dev sets (../shared/eval), scored in-process by the shared scorer.

score.py is loaded from the fixture's path at test time (never copied into the project); the
targets are those of the attribution issue.
"""

from __future__ import annotations

import importlib.util
from functools import lru_cache
from pathlib import Path

import pytest

from factcheck.text.extract import extract

#: Source F1 the English engine reaches on polnear-dev (0.806 when this was set; target 0.80).
POLNEAR_MIN_F1 = 0.80


@lru_cache(maxsize=None)
def _scorer(path: str):
    spec = importlib.util.spec_from_file_location("shared_eval_score", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def run(shared_dir: Path, name: str) -> dict:
    score = _scorer(str(shared_dir / "eval" / "score.py"))
    gold = score.load_gold(shared_dir / "eval" / name)
    preds = [extract(doc["text"], lang=doc.get("lang")).to_json() for doc in gold]
    return score.score(gold, preds)


def test_seed_gold_is_perfect(shared_dir):
    r = run(shared_dir, "seed-gold.jsonl")
    assert (r["f1"], r["kind_acc"], r["via_recall"]) == (1.0, 1.0, 1.0), r


#: arabic-dev (24 articles) when these were set: F1 0.920, kind 0.950, via 0.753, exact 0.816 (the
#: issue's targets: 0.92 / 0.90 / 0.75 / 0.80). Pinned a little below, so that a change cannot lose it.
ARABIC_MIN = {"f1": 0.91, "kind_acc": 0.93, "via_recall": 0.73, "exact_f1": 0.80}


def test_arabic_dev(shared_dir):
    r = run(shared_dir, "arabic-dev.jsonl")
    assert all(r[k] >= v for k, v in ARABIC_MIN.items()), r


@pytest.mark.slow
def test_polnear_dev(shared_dir):
    r = run(shared_dir, "polnear-dev.jsonl")
    assert r["f1"] >= POLNEAR_MIN_F1, r
