"""Adversarial trials (issue 12), run as a user would: the ``factcheck`` command in subprocesses.

Four kinds, each reported as passed/total:

* **bad inputs**: files and arguments that must be refused with one ``error:`` line (exit 2 or 1,
  never a traceback or an internal error, never a hang: 30 s limit) or stored cleanly (exit 0).
* **kill -9**: a batch ingest killed at a random moment; the database must pass
  ``integrity_check`` and every article must be complete (claims, counts and ingest event agree).
* **concurrent writers**: processes marking claims at the same time; no edit may be lost.
* **injections**: escape sequences, bidi overrides, C1 controls, formulas, markup and SQL/FTS
  syntax put into every field; no command's output may carry a raw control character, HTML may
  carry no live markup, CSV no live formula.

    python bench/adversarial.py [--kills 20] [--writers 4] [--edits 50]
"""

from __future__ import annotations

import argparse
import json
import multiprocessing
import os
import random
import signal
import sqlite3
import subprocess
import sys
import tempfile
import time
from pathlib import Path

EXE = str(Path(sys.executable).with_name("factcheck"))
EN = "The mayor said on Tuesday that the park would close. Residents said they were not told.\n"
AR = "قال المتحدث باسم الوزارة إن القوات قصفت موقعين في المدينة. وأضاف أن العملية انتهت.\n"
RAW = [chr(c) for c in (*range(0, 9), 11, 12, *range(14, 32), *range(0x7F, 0xA0), 0x2028, 0x2029,
                        *range(0x202A, 0x202F), *range(0x2066, 0x206A))]


def fc(db: Path, *args, stdin: bytes | None = None, timeout: float = 30, env=None):
    try:
        p = subprocess.run([EXE, "--db", str(db), *map(str, args)], input=stdin, capture_output=True,
                           timeout=timeout, env={**os.environ, "FACTCHECK_REVIEWER": "qa", "COLUMNS": "160",
                                                 **(env or {})})
        return p.returncode, p.stdout, p.stderr
    except subprocess.TimeoutExpired:
        return "hang", b"", b""


def clean_failure(code, out: bytes, err: bytes) -> bool:
    lines = err.decode("utf-8", "replace").splitlines()
    return (code in (1, 2) and len([l for l in lines if l.startswith("error: ")]) == 1
            and "Traceback" not in err.decode("utf-8", "replace") and "internal error" not in err.decode("utf-8", "replace"))


def intact(db: Path) -> bool:
    if not db.exists():
        return True
    conn = sqlite3.connect(db)
    try:
        if conn.execute("PRAGMA integrity_check").fetchone()[0] != "ok":
            return False
        tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
        if "articles" not in tables:
            return True
        for art, n in conn.execute("SELECT a.id, count(c.id) FROM articles a LEFT JOIN claims c ON c.article_id = a.id"
                                   " GROUP BY a.id"):
            ev = conn.execute("SELECT after FROM events WHERE action IN ('ingest', 'import') AND article_id = ?"
                              " ORDER BY id LIMIT 1", [art]).fetchone()
            kept = conn.execute("SELECT claims FROM article_counts WHERE article_id = ?", [art]).fetchone()
            if ev is None or (json.loads(ev[0]).get("claims", n) != n) or kept is None or kept[0] != n:
                return False
        return True
    finally:
        conn.close()


# -- bad inputs -----------------------------------------------------------------------------------


def bad_inputs(tmp: Path) -> tuple[int, int, list[str]]:
    db = tmp / "bad.db"
    files: dict[str, bytes] = {
        "empty.txt": b"", "spaces.txt": b"  \n\t\n", "nul.txt": b"abc\x00def", "utf16-nobom.txt": EN.encode("utf-16-le"),
        "bad-bom.txt": b"\xff\xfe\x00", "english-bad-bytes.txt": b"The minister said caf\xe9 prices rose by 5\xe9.",
        "latin1.txt": "Le président a déclaré à l'été".encode("latin-1"), "data.json": b'{"a": 1}',
        "only-markup.html": b"<html><body><script>x</script></body></html>", "deep.html": b"<div>" * 50_000 + b"x",
        "diacritics.txt": ("قال " + "ب" + "\u064e\u0651" * 150_000 + " إن.\n").encode(),
        "cp1256.txt": AR.encode("cp1256"), "utf16.txt": b"\xff\xfe" + EN.encode("utf-16-le"),
        "crlf.txt": EN.replace("\n", "\r\n").encode(), "escapes.txt": ("\x1b]52;c;eA==\x07" + EN).encode(),
        "x\x1b]0;PWNED\x07.txt": EN.encode(), "rlo\u202etxt.md": b"# T\n\n" + EN.encode(),
        "big.txt": EN.encode() * 80_000, "long-line.txt": ("word " * 400_000).encode(),
        "zero-width.txt": ("\u200b" * 10_000 + EN).encode(), "only-punct.txt": b"... !!! ???",
    }
    for name, data in files.items():
        (tmp / name).write_bytes(data)
    fifo = tmp / "fifo.txt"
    os.mkfifo(fifo)
    (tmp / "dir").mkdir()
    deep = tmp / "deep.json"
    deep.write_text('{"schema": ' + "[" * 100_000 + "]" * 100_000 + "}")
    (tmp / "notjson.json").write_text("{not json")
    cases: list[tuple[str, list]] = [(f"ingest {n!r}", ["ingest", tmp / n]) for n in files]
    cases += [(f"extract {n!r}", ["extract", tmp / n]) for n in ("nul.txt", "deep.html", "diacritics.txt", "big.txt")]
    cases += [
        ("ingest fifo", ["ingest", fifo]), ("extract fifo", ["extract", fifo]), ("import-review fifo", ["import-review", fifo]),
        ("ingest dir", ["ingest", tmp / "dir"]), ("ingest missing", ["ingest", tmp / "missing.txt"]),
        ("ingest /dev/zero", ["ingest", "/dev/zero"]), ("ingest --max-bytes", ["ingest", "--max-bytes", "10", tmp / "crlf.txt"]),
        ("bad --published", ["ingest", "--published", "2024-13-45", tmp / "crlf.txt"]),
        ("bad --url", ["ingest", "--url", "javascript:alert(1)", tmp / "crlf.txt"]),
        ("import deep json", ["import-review", deep]), ("import not json", ["import-review", tmp / "notjson.json"]),
        ("import missing", ["import-review", tmp / "nope.json"]), ("show 0:0", ["show", "0:0"]),
        ("show huge", ["show", "1:99999999999999999999999"]), ("claims abc", ["claims", "abc"]),
        ("mark bad verdict", ["mark", "1:1", "--verdict", "maybe?"]), ("link self", ["link", "1:1", "1:1"]),
        ("evidence javascript", ["evidence", "1:1", "--url", "javascript:alert(1)"]),
        ("evidence data", ["evidence", "1:1", "--url", "data:text/html,x"]),
        ("export pdf", ["export", "1", "-f", "pdf"]), ("export to dir", ["export", "1", "-o", tmp / "dir"]),
        ("export under file", ["export", "1", "-o", tmp / "crlf.txt" / "x.md"]),
        ("export existing", ["export", "1", "-o", tmp / "crlf.txt"]),
        ("sources merge self", ["sources", "--merge", "x", "x"]), ("attribute bad kind", ["attribute", "1:1", "--kind", "alien"]),
    ]
    ok, failures = 0, []
    for what, args in cases:
        code, out, err = fc(db, *args)
        good = (code == 0 or clean_failure(code, out, err)) and not any(c in (out + err).decode("utf-8", "replace")
                                                                        for c in RAW) and intact(db)
        ok += good
        if not good:
            failures.append(f"{what}: exit {code}, {err[:160]!r}")
    for what, db_arg in [("--db postgresql URL", "postgresql://fc@127.0.0.1:5432/fc"), ("--db http URL", "http://x/y.db"),
                         ("--db dir", str(tmp / "dir")), ("--db fifo", str(fifo)), ("--db not sqlite", str(tmp / "crlf.txt")),
                         ("--db empty", "")]:
        before = sorted(p.name for p in Path.cwd().iterdir())
        p = subprocess.run([EXE, "--db", db_arg, "articles"], capture_output=True, timeout=30)
        good = clean_failure(p.returncode, p.stdout, p.stderr) and sorted(p.name for p in Path.cwd().iterdir()) == before
        ok += good
        if not good:
            failures.append(f"{what}: exit {p.returncode}, {p.stderr[:160]!r}")
    return ok, len(cases) + 6, failures


# -- kill -9 ----------------------------------------------------------------------------------------


def kills(tmp: Path, n: int, rng: random.Random) -> tuple[int, int, list[str]]:
    texts = []
    for i in range(30):
        path = tmp / f"k{i}.txt"
        path.write_text((EN if i % 2 else AR) * rng.randint(5, 40) + f"Item {i}.\n", encoding="utf-8")
        texts.append(str(path))
    ok, failures = 0, []
    for t in range(n):
        db = tmp / f"kill{t}.db"
        proc = subprocess.Popen([EXE, "--db", str(db), "ingest", "--jobs", str(1 + t % 2), *texts],
                                stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True)
        time.sleep(rng.uniform(0.3, 2.0))
        try:
            os.killpg(proc.pid, signal.SIGKILL)
        except ProcessLookupError:
            pass
        proc.wait()
        good = intact(db)
        code, out, err = fc(db, "ingest", *texts)  # the rest comes in, nothing twice
        conn = sqlite3.connect(db)
        distinct = conn.execute("SELECT count(DISTINCT sha256), count(*) FROM articles").fetchone()
        conn.close()
        good = good and code == 0 and distinct == (30, 30) and intact(db)
        ok += good
        if not good:
            failures.append(f"kill trial {t}: intact={intact(db)} rerun={code} articles={distinct}")
    return ok, n, failures


# -- concurrent writers -------------------------------------------------------------------------------


def _writer(args):
    db_path, name, edits, seed = args
    from factcheck.review.workflow import mark
    from factcheck.store import open_db

    rnd = random.Random(seed)
    db = open_db(db_path)
    claims = [r[0] for r in db.execute("SELECT id FROM claims")]
    done = 0
    for j in range(edits):
        for _ in range(50):  # busy: retry, as a reviewer would
            try:
                mark(db, rnd.choice(claims), rationale=f"{name}-{j}", reviewer=name)
                done += 1
                break
            except Exception as exc:  # noqa: BLE001
                if "busy" not in str(exc):
                    raise
    db.close()
    return name, done


def writers(tmp: Path, count: int, edits: int) -> tuple[int, int, list[str]]:
    db = tmp / "writers.db"
    for i in range(3):
        (tmp / f"w{i}.txt").write_text(EN * (i + 2) + AR + f"N {i}.\n", encoding="utf-8")
        fc(db, "ingest", tmp / f"w{i}.txt")
    with multiprocessing.get_context("spawn").Pool(count) as pool:
        results = pool.map(_writer, [(db, f"w{i}", edits, i) for i in range(count)])
    conn = sqlite3.connect(db)
    failures = []
    ok = 0
    for name, done in results:
        events = conn.execute("SELECT count(*) FROM events WHERE reviewer = ? AND action = 'rationale'", [name]).fetchone()[0]
        distinct = conn.execute("SELECT count(DISTINCT after) FROM events WHERE reviewer = ?", [name]).fetchone()[0]
        good = done == edits == events == distinct
        ok += good
        if not good:
            failures.append(f"{name}: {done} done, {events} events, {distinct} distinct of {edits}")
    conn.close()
    return ok, count, failures + ([] if intact(db) else ["database not intact"])


# -- injections -----------------------------------------------------------------------------------------

PAYLOADS = [
    "\x1b[2J\x1b[31mred", "\x1b]0;PWNED\x07", "\x1b]52;c;cHduZWQ=\x07", "\x1b]8;;https://evil.example\x07x\x1b]8;;\x07",
    "\u009b2J", "\u009d0;title\u009c", "\u202eevil\u202c", "\u2066iso\u2069", "line\u2028sep", "a\rb", "\x7fdel",
    "=HYPERLINK(\"https://evil.example\",\"x\")", "+1+1", "-2+3", "@SUM(A1)", "\t=1", "<script>alert(1)</script>",
    "<img src=x onerror=alert(1)>", "[x](javascript:alert(1))", "\"><svg onload=alert(1)>", "'; DROP TABLE claims;--",
    "\" OR 1=1 --", "AND OR NOT * \" :", "{{7*7}}", "${jndi:ldap://x}", "%s%s%n", "\\u001b[31m", "قال\u202eمنظمة",
]
COMMANDS = [["articles"], ["claims", "1"], ["claims", "1", "--full"], ["show", "1:1"], ["show", "1:1", "--json"],
            ["history", "1:1"], ["history", "1:1", "--json"], ["sources"], ["suggest", "1"],
            ["export", "1", "-f", "md"], ["export", "1", "-f", "json"], ["export", "1", "-f", "csv"],
            ["export", "1", "-f", "html"]]


BIDI_SEEN: list[tuple[str, ...]] = []


def injections(tmp: Path) -> tuple[int, int, list[str]]:
    ok, failures = 0, []
    for i, payload in enumerate(PAYLOADS):
        db = tmp / f"inj{i}.db"
        art = tmp / f"inj{i}.txt"
        art.write_text(EN + payload + " said the union.\n", encoding="utf-8")
        steps = [fc(db, "ingest", "--title", payload, "--outlet", payload, art),
                 fc(db, "mark", "1:1", "--verdict", "false", "--rationale", payload),
                 fc(db, "evidence", "1:1", "--url", "https://ok.example/", "--title", payload, "--quote", payload),
                 fc(db, "attribute", "1:1", "--source", payload + "x", "--kind", "person")]
        bad = [s for s in steps if s[0] != 0 and not clean_failure(*s)]
        outs = [fc(db, *cmd) for cmd in COMMANDS]
        raw = [COMMANDS[k] for k, (c, o, e) in enumerate(outs) if any(ch in (o + e).decode("utf-8", "replace") for ch in RAW)]
        # md and html reports to a pipe are the stored text exactly; only escapes count there (bidi
        # controls in them are reported apart)
        report = {("export", "1", "-f", "md"), ("export", "1", "-f", "html")}
        BIDI_SEEN.extend(tuple(c) for c in raw if tuple(c) in report)
        raw = [c for c in raw if tuple(c) not in report or any(
            ch in outs[COMMANDS.index(c)][1].decode("utf-8", "replace") for ch in RAW if ord(ch) < 0x2000)]
        html = outs[-1][1].decode("utf-8", "replace")
        live = ("<" in payload and payload in html) or 'href="javascript:' in html or "onerror=alert" in html.replace(
            "&#x27;", "'") and "<img src=x" in html
        csv_rows = outs[-2][1].decode("utf-8-sig", "replace")
        formula = any(cell.startswith(("=", "+", "-", "@")) for line in csv_rows.splitlines() for cell in line.split(",")
                      if cell and not cell.startswith('"'))
        good = not bad and not raw and not live and not formula and intact(db) and all(c == 0 for c, _, _ in outs[:1])
        ok += good
        if not good:
            failures.append(f"payload {payload!r}: bad steps {len(bad)}, raw in {raw}, live html {live}, formula {formula}")
    return ok, len(PAYLOADS), failures


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--kills", type=int, default=20)
    parser.add_argument("--writers", type=int, default=4)
    parser.add_argument("--edits", type=int, default=50)
    parser.add_argument("--only", nargs="*", default=["bad", "kill", "writers", "inject"])
    args = parser.parse_args()
    rng = random.Random(7)
    with tempfile.TemporaryDirectory() as tmp:
        base = Path(tmp)
        os.chdir(base)
        runs = {"bad": lambda d: bad_inputs(d), "kill": lambda d: kills(d, args.kills, rng),
                "writers": lambda d: writers(d, args.writers, args.edits), "inject": lambda d: injections(d)}
        for name in args.only:
            where = base / name
            where.mkdir()
            ok, total, failures = runs[name](where)
            print(f"{name:8} {ok}/{total} passed")
            if name == "inject" and BIDI_SEEN:
                print(f"  note: bidi/separator controls kept as stored in {len(BIDI_SEEN)} md/html reports on a pipe")
            for line in failures:
                print(f"  FAIL {line}")


if __name__ == "__main__":
    main()
