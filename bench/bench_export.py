"""Benchmark: export a 2,000-claim review in every format.

Builds a database with one long article (English and Arabic paragraphs generated from template
sentences written for this benchmark) plus a short companion article for cross-article links,
reviews it through the review library (verdicts, rationales, links, evidence, attribution
corrections, source grades), then times ``collect`` and every format (best and median of N runs).

    python bench/bench_export.py [--claims 2000] [--runs 3] [--db PATH] [--out DIR]
"""

from __future__ import annotations

import argparse
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path

from factcheck.export import FORMATS, collect, render
from factcheck.ingest.pipeline import ingest_text
from factcheck.review.attribution import override_attribution
from factcheck.review.evidence import add_evidence
from factcheck.review.links import add_link
from factcheck.review.sources import grade_source
from factcheck.review.workflow import assign, mark, set_status
from factcheck.store import open_db
from factcheck.text.extract import extract

EN_SOURCES = ["the Interior Ministry", "police spokesman Omar Haddad", "the Pentagon", "CENTCOM", "local officials",
              "witnesses", "the regional governor", "a hospital director", "the harbour authority"]
EN_THINGS = ["people", "vehicles", "buildings", "trucks", "boats", "homes", "shops"]
EN_EVENTS = ["damaged", "destroyed", "evacuated", "reported missing", "inspected", "repaired"]
EN_PLACES = ["the northern district", "the old market", "the river crossing", "the airport road", "the east bank",
             "the industrial zone"]
EN_DAYS = ["on Monday", "on Tuesday", "late on Wednesday", "on Thursday morning", "overnight", "on Friday"]
EN_TEMPLATES = [
    "{source} said {n} {thing} were {event} in {place} {day}.",
    "According to {source}, {n} {thing} were {event} near {place} {day}.",
    "{n} {thing} were {event} in {place} {day}, {source} told AFP.",
    "Reuters quoted {source} as saying that {n} {thing} had been {event} {day}.",
]
AR_SOURCES = ["وزارة الداخلية", "المتحدث باسم الشرطة عمر حداد", "مسؤولون محليون", "شهود عيان", "محافظ المنطقة",
              "مدير المستشفى", "سلطة الميناء"]
AR_THINGS = ["منازل", "سيارات", "مبان", "شاحنات", "قوارب", "محال"]
AR_PLACES = ["الحي الشمالي", "السوق القديم", "معبر النهر", "طريق المطار", "الضفة الشرقية"]
AR_TEMPLATES = [
    "قال {source} إن {n} {thing} تضررت في {place}.",
    "وبحسب {source} فإن {n} {thing} أخليت قرب {place}.",
    "وأفاد {source} لوكالة فرانس برس بأن {n} {thing} دمرت في {place}.",
]
VERDICTS = ["corroborated", "partly corroborated", "unverified", "disputed", "misleading", "false", "not checkable"]


def sentence(rng: random.Random, arabic: bool) -> str:
    if arabic:
        return rng.choice(AR_TEMPLATES).format(source=rng.choice(AR_SOURCES), n=rng.randint(2, 400),
                                               thing=rng.choice(AR_THINGS), place=rng.choice(AR_PLACES))
    return rng.choice(EN_TEMPLATES).format(source=rng.choice(EN_SOURCES), n=rng.randint(2, 400),
                                           thing=rng.choice(EN_THINGS), event=rng.choice(EN_EVENTS),
                                           place=rng.choice(EN_PLACES), day=rng.choice(EN_DAYS))


def article(rng: random.Random, sentences: int, *, arabic_share: float, title: str) -> str:
    """Paragraphs of 5 sentences; a paragraph is Arabic with probability ``arabic_share``."""
    paragraphs, left = [title], sentences
    while left > 0:
        n = min(5, left)
        arabic = rng.random() < arabic_share
        paragraphs.append(" ".join(sentence(rng, arabic) for _ in range(n)))
        left -= n
    return "\n\n".join(paragraphs) + "\n"


def long_article(rng: random.Random, claims: int) -> str:
    """An article the engine splits into at least ``claims`` claims."""
    state, sentences = rng.getstate(), claims
    while True:
        rng.setstate(state)
        text = article(rng, sentences, arabic_share=0.3, title="Benchmark: storm damage across the region")
        found = len(extract(text).claims)
        if found >= claims:
            return text
        sentences += claims - found


def build(db, claims: int, seed: int = 7) -> tuple[int, dict[str, float]]:
    rng = random.Random(seed)
    timings: dict[str, float] = {}
    t = time.perf_counter()
    text = long_article(rng, claims)
    main = ingest_text(db, text,
                       title="Benchmark review", outlet="Bench Times", url="https://bench.example/storm",
                       published="2030-02-01", reviewer="ingester").article_id
    other = ingest_text(db, article(rng, 200, arabic_share=0.5, title="Benchmark companion report"),
                        outlet="Other Wire", reviewer="ingester").article_id
    timings["ingest"] = time.perf_counter() - t
    ids = [f"{main}:{r['idx']}" for r in db.query("SELECT idx FROM claims WHERE article_id = ? ORDER BY idx", [main])]
    others = [f"{other}:{r['idx']}" for r in db.query("SELECT idx FROM claims WHERE article_id = ?", [other])]
    reviewers = ["ann", "bob", "carol"]

    t = time.perf_counter()
    for i, ref in enumerate(ids):
        if i % 10 == 9:
            continue  # leave some claims without a verdict
        rationale = f"Checked against record {i} <b>{i}</b>" if i % 3 == 0 else None
        mark(db, ref, verdict=rng.choice(VERDICTS), rationale=rationale, reviewer=rng.choice(reviewers))
    for ref in ids[9::50]:
        set_status(db, ref, "needs_follow_up", reviewer="ann")
        assign(db, ref, "=cmd|' /C calc'!A0", reviewer="ann")
    timings["verdicts"] = time.perf_counter() - t

    t = time.perf_counter()
    relations = ["corroborates", "contradicts", "same_claim", "related"]
    for i in range(0, len(ids) - 7, 4):
        add_link(db, ids[i], ids[i + rng.randint(1, 7)], rng.choice(relations), reviewer=rng.choice(reviewers))
    for i in range(0, len(others)):
        add_link(db, others[i], ids[rng.randrange(len(ids))], "corroborates", reviewer="bob", note="across articles")
    timings["links"] = time.perf_counter() - t

    t = time.perf_counter()
    for i in range(0, len(ids), 3):
        add_evidence(db, ids[i], stance=rng.choice(["supports", "refutes", "context"]),
                     url=f"https://evidence.example/doc/{i}?q=a&b=c", title=f"Document {i}", quote="@quoted text",
                     date="2030-01-15", reviewer=rng.choice(reviewers))
    timings["evidence"] = time.perf_counter() - t

    t = time.perf_counter()
    for i in range(5, len(ids), 40):
        override_attribution(db, ids[i], source="CENTCOM" if i % 80 == 5 else "Reuters", reviewer="carol",
                             note="corrected in the benchmark")
    grade_source(db, "Reuters", "B", reviewer="ann")
    timings["overrides"] = time.perf_counter() - t
    return main, timings


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--claims", type=int, default=2000)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--db", help="database file to build (default: a temporary one)")
    parser.add_argument("--out", help="also write each report into this directory")
    args = parser.parse_args(argv)

    with tempfile.TemporaryDirectory() as tmp:
        db = open_db(Path(args.db) if args.db else Path(tmp) / "bench.db")
        t = time.perf_counter()
        article_id, timings = build(db, args.claims)
        total = time.perf_counter() - t
        n = db.execute("SELECT count(*) FROM claims WHERE article_id = ?", [article_id]).fetchone()[0]
        mine = "(SELECT id FROM claims WHERE article_id = :a)"
        counts = {
            name: db.execute(sql, {"a": article_id}).fetchone()[0]
            for name, sql in {
                "verdicts": "SELECT count(*) FROM claims WHERE article_id = :a AND verdict IS NOT NULL",
                "links": f"SELECT count(*) FROM links WHERE claim_a IN {mine} OR claim_b IN {mine}",
                "evidence": f"SELECT count(*) FROM evidence WHERE claim_id IN {mine}",
                "events": f"SELECT count(*) FROM events WHERE article_id = :a OR claim_id IN {mine}",
            }.items()
        }
        print(f"built article {article_id}: {n} claims, " + ", ".join(f"{v} {k}" for k, v in counts.items())
              + f" in {total:.1f} s (" + ", ".join(f"{k} {v:.1f} s" for k, v in timings.items()) + ")")

        rows = []
        samples = []
        for _ in range(args.runs):
            t = time.perf_counter()
            collect(db, article_id, generated_at="2030-01-01T00:00:00+00:00")
            samples.append(time.perf_counter() - t)
        rows.append(("collect (shared by all)", samples, None))
        for fmt in FORMATS:
            samples, size = [], 0
            for _ in range(args.runs):
                t = time.perf_counter()
                text = render(db, article_id, fmt, org_name="Bench Desk", org_url="https://desk.example",
                              generated_at="2030-01-01T00:00:00+00:00")
                samples.append(time.perf_counter() - t)
                size = len(text.encode("utf-8"))
            rows.append((fmt, samples, size))
            if args.out:
                Path(args.out).mkdir(parents=True, exist_ok=True)
                (Path(args.out) / f"bench.{fmt}").write_text(text, encoding="utf-8", newline="")
        print(f"\n{'format':<24} {'best s':>8} {'median s':>9} {'size':>10}")
        for name, s, size in rows:
            size_text = f"{size / 1024:.0f} KiB" if size is not None else ""
            print(f"{name:<24} {min(s):>8.3f} {statistics.median(s):>9.3f} {size_text:>10}")
        db.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
