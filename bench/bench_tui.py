"""Benchmark: responsiveness of the review app (``factcheck review``).

On a database of 10,000 articles (default) it measures

* **launch**: from starting ``factcheck review`` in a pseudo-terminal (120x40, bidi app) to the
  first painted library screen (the status line "10000 articles" written to the terminal), over
  ``--runs`` launches; this includes Python start-up, imports, opening the database and listing
  every article;
* **keypress**: on a 200-claim Arabic article, the time from writing ``j`` to the terminal until
  the detail pane of the next claim has been written out, for every claim (median, p95, max);
* the CPU time of the same keypresses in-process (``App.run_test``: key handled and screen
  composed, no terminal output; includes the test harness), which a busy machine does not inflate.

Wall times depend on the machine's load (the script prints the load average); the app's CPU
time per launch and per keypress (from /proc) is printed beside them.

Targets (issue 5): launch under 1.5 s, keypress median under 50 ms.

The fixture: the sample articles are ingested through the real engine once; the 10,000 library
articles are copies of them (a unique last line each, so every text and sha256 differs) whose
claims, attributions and via rows are bulk-copied with correct offsets, plus an ``ingest`` event
each. The 200-claim article is generated from template sentences written for this benchmark and
ingested through the real engine; its link suggestions are computed beforehand so the keypress
run measures moving through claims, not the first-open suggestion worker.

    python bench/bench_tui.py [--articles 10000] [--claims 200] [--runs 5] [--db PATH|URL]

With ``--db postgresql://...`` the app runs against that server: an empty database gets the
fixture built in a temporary SQLite file and copied there (``copy-db``); one with articles is
reused (its longest article is the keypress article).
"""

from __future__ import annotations

import argparse
import asyncio
import fcntl
import os
import random
import select
import statistics
import struct
import subprocess
import sys
import tempfile
import termios
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SAMPLES = ROOT / "samples"
REVIEWER = "bench"

AR_SOURCES = ["وزارة الداخلية", "المتحدث باسم الشرطة سامي نعمان", "مسؤولون محليون", "شهود عيان",
              "محافظ المنطقة", "مدير مستشفى المدينة", "سلطة الميناء", "الدفاع المدني"]
AR_THINGS = ["منازل", "سيارات", "مبان", "شاحنات", "قوارب", "محال", "مخازن"]
AR_PLACES = ["الحي الشمالي", "السوق القديم", "معبر النهر", "طريق المطار", "الضفة الشرقية", "المنطقة الصناعية"]
AR_TEMPLATES = [
    "قال {source} إن {n} {thing} تضررت في {place} يوم الأحد.",
    "وبحسب {source} فإن {n} {thing} أخليت قرب {place}.",
    "وأفاد {source} لوكالة الأنباء الساحلية بأن {n} {thing} دمرت في {place}.",
    "وأكد {source} أن طائرة من طراز AC 130 حلقت فوق {place} لمدة {n} دقيقة.",
]


# ---------------------------------------------------------------------------------------------- fixture


def _sample_texts() -> list[str]:
    from factcheck.ingest import read_input

    texts = []
    for path in sorted(SAMPLES.iterdir()):
        if path.suffix in (".txt", ".md", ".html"):
            texts.append(read_input(str(path)).text)
    return texts


def _long_article(rng: random.Random, claims: int) -> str:
    paragraphs, sentences = [], 0
    while sentences < claims * 1.15:
        para = " ".join(
            rng.choice(AR_TEMPLATES).format(source=rng.choice(AR_SOURCES), n=rng.randint(2, 400),
                                            thing=rng.choice(AR_THINGS), place=rng.choice(AR_PLACES))
            for _ in range(rng.randint(2, 4))
        )
        paragraphs.append(para)
        sentences += para.count(".")
    return "\n".join(paragraphs)


def build(db_path: Path, articles: int, claims: int) -> int:
    """Create the benchmark database; returns the id of the long article."""
    from factcheck.ingest import ingest_text
    from factcheck.review.suggest import suggest_for_article
    from factcheck.store import open_db
    from factcheck.store.util import dumps, now_iso
    from factcheck.ingest.pipeline import sha256_of

    t0 = time.perf_counter()
    db = open_db(db_path)
    rng = random.Random(7)
    templates = [ingest_text(db, text, reviewer=REVIEWER).article_id for text in _sample_texts()]
    rows = {aid: {
        "article": next(db.query("SELECT * FROM articles WHERE id = ?", [aid])),
        "claims": list(db.query("SELECT * FROM claims WHERE article_id = ? ORDER BY idx", [aid])),
        "atts": {r["claim_id"]: r for r in db.query(
            "SELECT a.* FROM attributions a JOIN claims c ON c.id = a.claim_id WHERE c.article_id = ?", [aid])},
        "via": list(db.query(
            "SELECT v.*, a.claim_id FROM attribution_via v JOIN attributions a ON a.id = v.attribution_id"
            " JOIN claims c ON c.id = a.claim_id WHERE c.article_id = ?", [aid])),
    } for aid in templates}
    next_article = db.execute("SELECT max(id) FROM articles").fetchone()[0] + 1
    next_claim = db.execute("SELECT max(id) FROM claims").fetchone()[0] + 1
    next_att = db.execute("SELECT max(id) FROM attributions").fetchone()[0] + 1
    stamp = now_iso()
    statuses = ["unreviewed"] * 6 + ["in_review", "reviewed", "reviewed", "needs_follow_up"]
    batch: dict[str, list[dict]] = {"articles": [], "claims": [], "attributions": [], "attribution_via": [],
                                    "events": []}

    def flush() -> None:
        with db.atomic():
            for table, items in batch.items():
                if items:
                    db[table].insert_all(items, batch_size=2000)
                    items.clear()

    for n in range(len(templates), articles):
        tpl = rows[templates[n % len(templates)]]
        art = dict(tpl["article"])
        text = art["text"] + f"\n(نسخة {n} / copy {n})"
        art.update(id=next_article, text=text, sha256=sha256_of(text), chars=len(text),
                   title=(art["title"] or "")[:60] + f" #{n}", source_path=f"bench/{n}.txt", ingested_at=stamp)
        batch["articles"].append(art)
        batch["events"].append({"at": stamp, "reviewer": REVIEWER, "action": "ingest", "entity": "article",
                                "entity_id": next_article, "article_id": next_article,
                                "after": dumps({"title": art["title"], "claims": len(tpl["claims"])})})
        att_map = {}  # template attribution id -> new attribution id
        for claim in tpl["claims"]:
            new = dict(claim, id=next_claim, article_id=next_article, status=rng.choice(statuses), updated_at=stamp)
            batch["claims"].append(new)
            att = tpl["atts"].get(claim["id"])
            if att is not None:
                batch["attributions"].append(dict(att, id=next_att, claim_id=next_claim))
                att_map[att["id"]] = next_att
                next_att += 1
            next_claim += 1
        for hop in tpl["via"]:
            hop = {k: v for k, v in hop.items() if k not in ("id", "claim_id")}
            batch["attribution_via"].append(dict(hop, attribution_id=att_map[hop["attribution_id"]]))
        next_article += 1
        if len(batch["claims"]) > 20_000:
            flush()
    flush()
    text = _long_article(rng, claims)
    long_id = ingest_text(db, text, title="تقرير طويل للقياس", outlet="bench", lang="ar", reviewer=REVIEWER).article_id
    got = db.execute("SELECT count(*) FROM claims WHERE article_id = ?", [long_id]).fetchone()[0]
    print(f"  long article {long_id}: {got} claims; computing its link suggestions …", flush=True)
    t1 = time.perf_counter()
    suggest_for_article(db, long_id)
    print(f"  suggestions: {time.perf_counter() - t1:.1f} s", flush=True)
    total = db.execute("SELECT count(*) FROM articles").fetchone()[0]
    claims_total = db.execute("SELECT count(*) FROM claims").fetchone()[0]
    db.close()
    print(f"  built {total} articles, {claims_total} claims in {time.perf_counter() - t0:.1f} s", flush=True)
    return long_id


# ---------------------------------------------------------------------------------------------- pty runs


class Terminal:
    """``factcheck review`` in a 120x40 pseudo-terminal; read what it writes."""

    def __init__(self, db_path: Path, *args: str) -> None:
        master, slave = os.openpty()
        fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", 40, 120, 0, 0))
        env = {**os.environ, "TERM": "xterm-256color", "COLUMNS": "120", "LINES": "40", "FACTCHECK_BIDI": "app"}
        env.pop("TMUX", None)
        self.start = time.perf_counter()
        self.proc = subprocess.Popen(
            [sys.executable, "-m", "factcheck", "--db", str(db_path), "review", "--reviewer", REVIEWER, *args],
            stdin=slave, stdout=slave, stderr=slave, env=env, close_fds=True, start_new_session=True,
        )
        os.close(slave)
        self.master = master
        self.buffer = b""

    def wait_for(self, needle: bytes, timeout: float = 60.0) -> float:
        """Seconds since the last mark until ``needle`` appears in the output."""
        deadline = time.perf_counter() + timeout
        while needle not in self.buffer:
            left = deadline - time.perf_counter()
            if left <= 0:
                raise TimeoutError(f"{needle!r} not written within {timeout} s")
            ready, _, _ = select.select([self.master], [], [], left)
            if ready:
                try:
                    chunk = os.read(self.master, 65536)
                except OSError:
                    raise RuntimeError("factcheck review exited:\n" + self.buffer[-2000:].decode(errors="replace"))
                self.buffer += chunk
        return time.perf_counter() - self.start

    def cpu_seconds(self) -> float:
        """CPU time (user + system) the app process has used so far (Linux /proc)."""
        fields = Path(f"/proc/{self.proc.pid}/stat").read_text().rsplit(")", 1)[1].split()
        return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")

    def send(self, data: bytes) -> None:
        self.buffer = b""
        self.start = time.perf_counter()
        os.write(self.master, data)

    def close(self) -> None:
        try:
            os.write(self.master, b"q")
            self.proc.wait(timeout=10)
        except Exception:
            self.proc.kill()
            self.proc.wait()
        os.close(self.master)


def measure_launch(db_path: Path, articles: int, runs: int) -> tuple[list[float], list[float]]:
    """Wall seconds to the painted library, and CPU seconds the app used to get there."""
    times, cpu = [], []
    for _ in range(runs):
        term = Terminal(db_path)
        try:
            times.append(term.wait_for(f"{articles} articles".encode()))
            cpu.append(term.cpu_seconds())
        finally:
            term.close()
    return times, cpu


def measure_keys_pty(db_path: Path, article_id: int, claims: int) -> tuple[list[float], float]:
    """Wall seconds per keypress, and the app's mean CPU seconds per keypress."""
    term = Terminal(db_path, str(article_id))
    try:
        term.wait_for(f"Claim {article_id}:1  ".encode())
        term.wait_for(b"reviewer bench")  # the info line: the first screen is complete
        times = []
        cpu0 = term.cpu_seconds()
        for idx in range(2, claims + 1):
            term.send(b"j")
            times.append(term.wait_for(f"Claim {article_id}:{idx}  ".encode(), timeout=10))
        return times, (term.cpu_seconds() - cpu0) / max(1, claims - 1)
    finally:
        term.close()


async def measure_keys_inprocess(db_path: Path, article_id: int, claims: int) -> list[float]:
    """CPU seconds per keypress inside the app (key handled, screen composed; no terminal output)."""
    from factcheck.tui.app import FactcheckApp

    app = FactcheckApp(db_path, reviewer=REVIEWER, bidi="app", article_id=article_id, auto_suggest=False)
    times = []
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        for _ in range(claims - 1):
            t0 = time.process_time()
            await pilot.press("j")
            await pilot.pause()
            times.append(time.process_time() - t0)
        assert app.screen.query_one("ClaimsTable").cursor_row == claims - 1
    return times


def summary(name: str, values: list[float]) -> str:
    ms = sorted(v * 1000 for v in values)
    p95 = ms[min(len(ms) - 1, int(round(0.95 * (len(ms) - 1))))]
    return (f"{name:<34} n={len(ms):<4} median {statistics.median(ms):7.1f} ms   p95 {p95:7.1f} ms"
            f"   min {ms[0]:7.1f} ms   max {ms[-1]:7.1f} ms")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--articles", type=int, default=10_000)
    parser.add_argument("--claims", type=int, default=200, help="claims to move through in the long article")
    parser.add_argument("--runs", type=int, default=5, help="launches to time")
    parser.add_argument("--db", help="reuse or create the benchmark database here (a path or postgresql:// URL)")
    args = parser.parse_args()

    from factcheck.store import is_server_url

    if is_server_url(args.db):
        db_path, long_id = server_fixture(args.db, args.articles, args.claims)
    else:
        db_path, long_id = file_fixture(Path(args.db) if args.db else None, args.articles, args.claims)
    run(db_path, long_id, args)


def server_fixture(url: str, articles: int, claims: int) -> tuple[str, int]:
    from factcheck.store import open_db
    from factcheck.store.copy import copy_database

    db = open_db(url)
    if not db.execute("SELECT count(*) FROM articles").fetchone()[0]:
        local = Path(tempfile.mkdtemp(prefix="factcheck-bench-")) / "bench.db"
        print(f"building {local} and copying it to the server …", flush=True)
        build(local, articles, claims)
        src = open_db(local)
        copy_database(src, db)
        src.close()
    long_id = db.execute("SELECT article_id FROM article_counts ORDER BY claims DESC, article_id LIMIT 1").fetchone()[0]
    db.close()
    return url, long_id


def file_fixture(db_path: Path | None, articles: int, claims: int) -> tuple[Path, int]:
    db_path = db_path or Path(tempfile.mkdtemp(prefix="factcheck-bench-")) / "bench.db"
    marker = db_path.with_suffix(".long-article")
    if db_path.exists() and marker.exists():
        long_id = int(marker.read_text())
        print(f"reusing {db_path}")
    else:
        print(f"building {db_path} …", flush=True)
        long_id = build(db_path, articles, claims)
        marker.write_text(str(long_id))
    return db_path, long_id


def run(db_path, long_id: int, args) -> None:
    from factcheck.store import open_db

    db = open_db(db_path)
    total = db.execute("SELECT count(*) FROM articles").fetchone()[0]
    long_claims = db.execute("SELECT count(*) FROM claims WHERE article_id = ?", [long_id]).fetchone()[0]
    db.close()
    steps = min(args.claims, long_claims)
    load = os.getloadavg()[0] if hasattr(os, "getloadavg") else float("nan")
    print(f"python {sys.version.split()[0]}, {os.cpu_count()} cpu, load average {load:.1f}; "
          f"{total} articles, long article {long_id} with {long_claims} claims\n")

    launch, launch_cpu = measure_launch(db_path, total, args.runs)
    keys, key_cpu = measure_keys_pty(db_path, long_id, steps)
    inproc = asyncio.run(measure_keys_inprocess(db_path, long_id, steps))
    print(summary("launch -> library painted (pty)", launch))
    print(f"{'':<34} app CPU to first paint: median {statistics.median(launch_cpu) * 1000:.0f} ms")
    print(summary("keypress j -> detail written (pty)", keys))
    print(f"{'':<34} app CPU per keypress: mean {key_cpu * 1000:.1f} ms")
    print(summary("keypress j CPU (in-process)", inproc))
    print(f"\ntargets: launch < 1500 ms (median {statistics.median(launch) * 1000:.0f} ms), "
          f"keypress median < 50 ms ({statistics.median(keys) * 1000:.1f} ms)")


if __name__ == "__main__":
    main()
