"""Regression tests of the hardening pass (issue 12): audit trail, terminal safety, slow paths, errors."""

from __future__ import annotations

import io
import json
import os
import random
import sqlite3
import sys
import unicodedata
from pathlib import Path

import pytest

from factcheck.cli import main
from factcheck.errors import InputError

EN = "The mayor said on Tuesday that the park would close. Residents said they were not told.\n"
AR = "قال المتحدث باسم الوزارة إن القوات قصفت موقعين في المدينة. وأضاف أن العملية انتهت.\n"


@pytest.fixture
def run(capfdbinary, monkeypatch, db_path):
    """``factcheck --db DB ARGS`` in-process: (exit code, stdout bytes, stderr bytes)."""
    monkeypatch.setenv("COLUMNS", "200")
    monkeypatch.setenv("FACTCHECK_REVIEWER", "qa")
    monkeypatch.delenv("FACTCHECK_DB", raising=False)

    def invoke(*args, db=True, stdin: bytes = b""):
        monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(stdin)))
        argv = (["--db", str(db_path)] if db else []) + [str(a) for a in args]
        try:
            main(argv)
            code = 0
        except SystemExit as exc:
            code = exc.code
        captured = capfdbinary.readouterr()
        return code, captured.out, captured.err

    return invoke


def _one_error(err: bytes) -> str:
    lines = err.decode("utf-8").splitlines()
    assert len(lines) == 1 and lines[0].startswith("error: "), err
    return lines[0]


def _raw_controls(data: bytes) -> list[str]:
    text = data.decode("utf-8")
    return [c for c in text if (ord(c) < 0x20 and c not in "\n\t\r") or 0x7F <= ord(c) <= 0x9F
            or 0x202A <= ord(c) <= 0x202E or 0x2066 <= ord(c) <= 0x2069]


# -- audit trail --------------------------------------------------------------------------------------


def _event(db, **extra):
    row = {"at": "2026-01-01T00:00:00+00:00", "reviewer": "qa", "action": "note", "entity": "claim", **extra}
    cols = ", ".join(row)
    return db.execute(f"INSERT INTO events ({cols}) VALUES ({', '.join('?' for _ in row)})", list(row.values())).lastrowid


@pytest.mark.parametrize("statement", [
    "INSERT OR REPLACE INTO events (id, at, reviewer, action, entity) VALUES (?, 'x', 'mallory', 'forged', 'claim')",
    "REPLACE INTO events (id, at, reviewer, action, entity) VALUES (?, 'x', 'mallory', 'forged', 'claim')",
    "INSERT INTO events (id, at, reviewer, action, entity) VALUES (?, 'x', 'mallory', 'forged', 'claim') "
    "ON CONFLICT(id) DO UPDATE SET reviewer = 'mallory'",
    "INSERT OR IGNORE INTO events (id, at, reviewer, action, entity) VALUES (?, 'x', 'mallory', 'forged', 'claim')",
    "UPDATE events SET reviewer = 'mallory' WHERE id = ?",
    "DELETE FROM events WHERE id = ?",
])
def test_events_cannot_be_rewritten_by_any_statement(db, statement):
    event_id = _event(db)
    db.conn.commit()
    with pytest.raises(sqlite3.DatabaseError, match="append-only"):
        db.execute(statement, [event_id])
    db.conn.rollback()
    row = db.execute("SELECT reviewer, action FROM events WHERE id = ?", [event_id]).fetchone()
    assert row == ("qa", "note")
    assert db.execute("SELECT count(*) FROM events").fetchone()[0] == 1


def test_recursive_triggers_do_not_open_a_hole(db):
    event_id = _event(db)
    db.execute("PRAGMA recursive_triggers = ON")
    with pytest.raises(sqlite3.DatabaseError, match="append-only"):
        db.execute("INSERT OR REPLACE INTO events (id, at, reviewer, action, entity) VALUES (?, 'x', 'm', 'f', 'c')",
                   [event_id])
    _event(db)  # new events are still appended
    assert db.execute("SELECT count(*) FROM events").fetchone()[0] == 2


# -- listing counts -----------------------------------------------------------------------------------


def _aggregate(db):
    return [tuple(r) for r in db.execute(
        "SELECT a.id, count(c.id), coalesce(sum(c.status = 'reviewed'), 0), coalesce(sum(c.status = 'in_review'), 0),"
        " coalesce(sum(c.status = 'needs_follow_up'), 0), coalesce(sum(c.verdict IS NOT NULL), 0)"
        " FROM articles a LEFT JOIN claims c ON c.article_id = a.id GROUP BY a.id ORDER BY a.id")]


def test_listing_counts_stay_equal_to_counting_the_claims(db):
    from factcheck.ingest import ingest_text
    from factcheck.review.workflow import mark, set_status
    from factcheck.store.queries import delete_article, list_articles

    ids = [ingest_text(db, text, reviewer="qa").article_id for text in (EN, AR, EN + "The council said no.\n")]
    claims = [r[0] for r in db.execute("SELECT id FROM claims ORDER BY id")]
    rnd = random.Random(5)
    for claim_id in claims * 3:
        choice = rnd.choice(["reviewed", "in_review", "needs_follow_up", "unreviewed", "verdict", "clear"])
        if choice == "verdict":
            mark(db, claim_id, verdict="false", reviewer="qa")
        elif choice == "clear":
            mark(db, claim_id, verdict=None, reviewer="qa")
        else:
            set_status(db, claim_id, choice, reviewer="qa")
    delete_article(db, ids[1], reviewer="qa")
    listed = [(r["id"], r["claims"], r["reviewed"], r["in_review"], r["needs_follow_up"], r["with_verdict"])
              for r in list_articles(db)]
    assert listed == _aggregate(db) and len(listed) == 2 and all(row[1] for row in listed)


# -- terminal safety ----------------------------------------------------------------------------------


@pytest.mark.parametrize("evil", ["x\x1b]0;PWNED\x07", "clip\x1b]52;c;cHduZWQ=\x07", "two\nlines", "rlo\u202etxt.",
                                  "csi\x1b[2J", "c1\u009b31m"])
def test_file_names_are_never_printed_raw(run, tmp_path, evil):
    path = tmp_path / f"{evil}.txt"
    path.write_text(EN, encoding="utf-8")
    missing = tmp_path / f"{evil}-missing.txt"
    code, out, err = run("ingest", path, missing)
    assert code == 2
    assert not _raw_controls(out) and not _raw_controls(err)
    assert len(err.decode().splitlines()) == 2  # the error and the summary: a newline in a name adds none
    assert b"article 1" in out


def test_error_messages_are_sanitised(run, tmp_path):
    code, out, err = run("extract", tmp_path / "\x1b]52;c;eA==\x07.txt")
    assert code == 2 and not _raw_controls(err) and "\u241b]52;c;eA==\u2407.txt: no such file" in _one_error(err)


INJECT = "\x1b]52;c;cHduZWQ=\x07 \x1b]8;;https://evil.example\x07link\x1b]8;;\x07 \x1b[31mred \u009b2J \u009d0;t\u009c"


@pytest.fixture
def injected(db_path):
    from factcheck.ingest import ingest_text
    from factcheck.review.workflow import mark
    from factcheck.store import open_db

    db = open_db(db_path)
    ingest_text(db, EN, reviewer="qa")
    mark(db, "1:1", verdict="false", rationale=INJECT, reviewer="qa")
    db.close()


def test_csv_on_stdout_and_in_the_file_carries_no_escapes(run, injected, tmp_path):
    code, out, err = run("export", "1", "-f", "csv")
    assert code == 0 and b"\x1b" not in out and not _raw_controls(out)
    assert "\u241b]52;c;cHduZWQ=\u2407" in out.decode("utf-8")  # shown, not acted on
    target = tmp_path / "r.csv"
    assert run("export", "1", "-f", "csv", "-o", target)[0] == 0
    assert not _raw_controls(target.read_bytes())


@pytest.mark.parametrize("args", [["show", "1:1", "--json"], ["history", "1:1", "--json"], ["export", "1", "-f", "json"]])
def test_json_output_escapes_c1_controls_and_keeps_the_data(run, injected, args):
    code, out, err = run(*args)
    assert code == 0, err
    assert not _raw_controls(out)
    assert "\\u009b" in out.decode("utf-8")
    assert any(INJECT in text for text in _strings(json.loads(out)))  # the exact text comes back


def _strings(value):
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for item in value.values():
            yield from _strings(item)
    elif isinstance(value, list):
        for item in value:
            yield from _strings(item)


def test_escape_json_round_trips():
    from factcheck.sanitize import json_text

    value = {"k\u0085": ["\x7f\u0080\u009f\u2028\u2029\u202e\u2066 plain \u0627"]}
    text = json_text(value)
    assert not _raw_controls(text.encode()) and "\u2028" not in text
    assert json.loads(text) == value


def test_the_tui_and_the_cli_share_one_sanitiser():
    import factcheck.cli.display as display
    import factcheck.sanitize as sanitize
    import factcheck.tui.bidi as bidi

    assert bidi.sanitize is sanitize.sanitize and bidi.sanitize_line is sanitize.sanitize_line
    assert display.sanitize is sanitize.sanitize


# -- inputs ---------------------------------------------------------------------------------------------


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no FIFOs here")
def test_fifo_inputs_are_refused_without_blocking(run, tmp_path):
    fifo = tmp_path / "in.txt"
    os.mkfifo(fifo)
    code, out, err = run("ingest", fifo)  # would block forever in open() if it tried to read
    assert code == 2 and "named pipe" in _one_error(err)
    code, out, err = run("extract", fifo)
    assert code == 2 and "named pipe" in _one_error(err)
    fifo_json = tmp_path / "review.json"
    os.mkfifo(fifo_json)
    code, out, err = run("import-review", fifo_json)
    assert code == 2 and "named pipe" in _one_error(err)


def test_english_with_a_few_bad_bytes_is_not_taken_for_arabic(tmp_path):
    from factcheck.ingest.read import read_input

    path = tmp_path / "en.txt"
    path.write_bytes(b"The minister said on Tuesday that prices rose by 5\xe9 percent; caf\xe9 owners \xc7\xe1 were "
                     b"angry and the \xd3 union said it would strike next week in the capital.\n")
    with pytest.raises(InputError, match="cannot decode"):
        read_input(path)
    ar = tmp_path / "ar.txt"
    ar.write_bytes(AR.encode("cp1256"))
    doc = read_input(ar)
    assert doc.encoding == "cp1256" and doc.text == AR
    mixed = tmp_path / "mixed.txt"  # Arabic with Latin names and numbers is still Arabic
    mixed.write_bytes(("قالت وكالة Reuters إن 25 شخصا قتلوا في الهجوم على مدينة Mosul يوم الأحد. " * 3).encode("cp1256"))
    assert read_input(mixed).encoding == "cp1256"


@pytest.mark.parametrize("url", ["http://example.org/x.db", "mysql://h/db", "mysql://fc:secret@h/db"])
def test_a_url_is_never_a_file_path(run, tmp_path, monkeypatch, url):
    monkeypatch.chdir(tmp_path)
    code, out, err = run("--db", url, "articles", db=False)
    assert code == 2
    line = _one_error(err)
    assert "speaks SQLite files" in line and "sqlite:///PATH" in line and "postgresql://" in line
    assert "secret" not in line
    assert list(tmp_path.iterdir()) == []  # no directory tree named after the URL
    monkeypatch.setenv("FACTCHECK_DB", url)
    code, out, err = run("articles", db=False)
    assert code == 2 and "speaks SQLite files" in _one_error(err)


@pytest.mark.parametrize("url", ["postgresql://fc@127.0.0.1:9/fc", "postgresql://fc:secret@127.0.0.1:9/fc"])
def test_an_unreachable_server_is_one_line_and_no_file(run, tmp_path, monkeypatch, url):
    monkeypatch.chdir(tmp_path)
    code, out, err = run("--db", url, "articles", db=False)
    line = _one_error(err)
    assert code == 1 and line.startswith("error: cannot connect to postgresql://fc") and "secret" not in line
    assert list(tmp_path.iterdir()) == []


def test_sqlite_urls_name_a_file(run, tmp_path):
    target = tmp_path / "x.db"
    code, out, err = run("--db", f"sqlite:///{target}", "articles", db=False)
    assert code == 0, err
    assert target.is_file()


def test_export_refuses_to_overwrite_without_force(run, injected, tmp_path):
    target = tmp_path / "report.md"
    target.write_text("keep me", encoding="utf-8")
    code, out, err = run("export", "1", "-o", target)
    assert code == 2 and _one_error(err) == f"error: {target} exists; add --force to overwrite it"
    assert target.read_text(encoding="utf-8") == "keep me"
    code, out, err = run("export", "1", "-o", target, "--force")
    assert code == 0 and target.read_text(encoding="utf-8").startswith("# ")


def test_export_permission_denied_is_an_input_error(run, injected, tmp_path, monkeypatch):
    import factcheck.export as export

    def denied(*args, **kwargs):
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(export.tempfile, "mkstemp", denied)
    code, out, err = run("export", "1", "-o", tmp_path / "r.md")
    assert code == 2 and _one_error(err) == f"error: cannot write {tmp_path / 'r.md'}: Permission denied"
    real_is_dir = Path.is_dir

    def is_dir(self):  # like stat() under a directory this user may not search
        if "locked" in str(self):
            raise PermissionError(13, "Permission denied")
        return real_is_dir(self)

    monkeypatch.setattr(Path, "is_dir", is_dir)
    code, out, err = run("export", "1", "-o", tmp_path / "locked" / "r.md")
    assert code == 2 and "Permission denied" in _one_error(err)


def test_deeply_nested_review_json_is_an_input_error(run, injected, tmp_path):
    path = tmp_path / "deep.json"
    path.write_text('{"schema": ' + "[" * 100_000 + "]" * 100_000 + "}", encoding="utf-8")
    code, out, err = run("import-review", path)
    assert code == 2 and "nested too deeply" in _one_error(err)
    code, out, err = run("import-review", "-", stdin=path.read_bytes())
    assert code == 2 and "nested too deeply" in _one_error(err)


# -- slow paths -----------------------------------------------------------------------------------------


def test_folding_long_runs_of_marks_is_exact():
    from factcheck.text.marks import order_long_mark_runs
    from factcheck.text.normalize import fold

    rnd = random.Random(7)
    marks = [chr(c) for c in range(0x300, 0x370) if unicodedata.combining(chr(c))] + list("\u064e\u0651\u0654\u0653\u0670")
    for _ in range(500):
        text = "".join(rnd.choice(list("اaeبه ") + marks * 3) for _ in range(rnd.randint(1, 120)))
        assert unicodedata.normalize("NFKC", order_long_mark_runs(text)) == unicodedata.normalize("NFKC", text)
    long = "قال " + "ب" + "\u064e\u0651" * 150_000 + " إن"
    assert fold(long) == "قال ب ان"  # 300,000 marks: quadratic took minutes, now milliseconds


def test_no_text_work_inside_the_write_transaction(db, monkeypatch):
    import factcheck.ingest.pipeline as pipeline

    prepared = pipeline.prepare_text(AR + "ب" + "\u064e\u0651" * 5000 + ".\n", reviewer="qa")

    def forbidden(*args, **kwargs):
        raise AssertionError("text work under the write lock")

    monkeypatch.setattr(pipeline, "fold", forbidden)
    monkeypatch.setattr(pipeline, "run_extraction", forbidden)
    result = pipeline.store_prepared(db, prepared)
    assert result.created and result.claims == len(prepared.extraction.claims)
    norms = [r[0] for r in db.execute("SELECT text_norm FROM claims ORDER BY idx")]
    assert norms == prepared.folded


def _dump(db_path):
    from factcheck.store import open_db

    db = open_db(db_path)
    try:
        return ([tuple(r) for r in db.execute("SELECT id, title, sha256, language, chars FROM articles ORDER BY id")],
                [tuple(r) for r in db.execute('SELECT article_id, idx, start, "end", text, text_norm, facts FROM claims'
                                              " ORDER BY article_id, idx")],
                [tuple(r) for r in db.execute("SELECT claim_id, source_id, mention_text, cue_text FROM attributions"
                                              " ORDER BY claim_id")])
    finally:
        db.close()


def test_parallel_ingest_stores_what_one_process_stores(run, tmp_path, monkeypatch):
    texts = [EN, AR, "The council said the budget was cut.\n", "قالت الشرطة إن الطريق أغلق.\n"] * 2
    files = []
    for i, text in enumerate(texts):
        path = tmp_path / f"a{i}.txt"
        path.write_text(text if i < 4 else text + f"Item {i}.\n", encoding="utf-8")
        files.append(path)
    bad = tmp_path / "bad.bin"
    bad.write_bytes(b"\x00\x01")
    results = {}
    for jobs in (1, 2):
        db_file = tmp_path / f"j{jobs}.db"
        code, out, err = run("--db", db_file, "ingest", "--jobs", jobs, *files[:3], bad, *files[3:], db=False)
        assert code == 2 and b"binary file" in err
        assert out.decode().splitlines()[0].endswith("article 1, 2 claims (en)")
        results[jobs] = _dump(db_file)
        code, out, err = run("--db", db_file, "ingest", "--jobs", jobs, *files, db=False)
        assert code == 0 and f"{len(files)} already present".encode() in out
    assert results[1] == results[2] and len(results[1][0]) == len(files)


# -- import-review: the reviewer's write path -----------------------------------------------------------


@pytest.fixture
def review_file(tmp_path):
    """A review of EN exported from another database: alice marked 1:1 false with a rationale."""
    from factcheck.export import render
    from factcheck.ingest import ingest_text
    from factcheck.review.workflow import mark
    from factcheck.store import open_db

    db = open_db(tmp_path / "theirs.db")
    ingest_text(db, EN, reviewer="alice")
    mark(db, "1:1", verdict="false", rationale="the park stays open", reviewer="alice")
    path = tmp_path / "review.json"
    path.write_text(render(db, 1, "json"), encoding="utf-8")
    db.close()
    return path


def _edit(path, change):
    data = json.loads(path.read_text(encoding="utf-8"))
    change(data)
    path.write_text(json.dumps(data), encoding="utf-8")
    return path


def test_an_import_is_one_event_per_change_shown_in_history_and_undoable(run, review_file, db_path):
    from factcheck.store import open_db

    assert run("ingest", "-", stdin=EN.encode())[0] == 0
    code, out, err = run("import-review", review_file, "--reviewer", "carol")
    assert code == 0, err
    db = open_db(db_path)
    ev = db.execute("SELECT reviewer, action, before, after, origin FROM events WHERE claim_id = 1 AND origin IS NULL"
                    " AND action != 'ingest' ORDER BY id").fetchall()
    db.close()
    assert [(r[0], r[1], r[4]) for r in ev] == [("carol", "mark", None)]
    assert json.loads(ev[0][2])["verdict"] is None and json.loads(ev[0][3])["verdict"] == "false"
    code, out, err = run("history", "1:1")
    assert b"carol" in out and b"false" in out
    code, out, err = run("undo", "--reviewer", "carol")
    assert code == 0, err
    code, out, err = run("show", "1:1", "--json")
    assert json.loads(out)["claim"]["verdict"] is None


def test_imported_events_are_provenance_marked_with_their_origin(run, review_file, db_path):
    from factcheck.store import open_db

    forged = _edit(review_file, lambda d: d["events"].append(
        {**d["events"][-1], "at": "2099-01-01T00:00:00+00:00", "reviewer": "mallory"}))
    code, out, err = run("import-review", forged, "--reviewer", "carol")
    assert code == 0, err
    db = open_db(db_path)
    rows = db.execute("SELECT reviewer, origin FROM events WHERE reviewer IN ('alice', 'mallory')").fetchall()
    db.close()
    assert rows and all(json.loads(origin)["imported_by"] == "carol" and json.loads(origin)["file"] == str(forged)
                        for _, origin in rows)
    for who in ("mallory", "alice"):  # never undone here as if they had made the change here
        code, out, err = run("undo", "--reviewer", who)
        assert code == 0 and b"nothing to undo" in out
    code, out, err = run("history", "1:1", "--json")
    assert any(e.get("origin") and e["reviewer"] == "mallory" for e in json.loads(out))


def test_a_newer_local_change_is_kept_and_reported_not_overwritten(run, review_file, db_path):
    assert run("ingest", "-", stdin=EN.encode())[0] == 0
    assert run("mark", "1:1", "--verdict", "corroborated", "--reviewer", "bob")[0] == 0
    future = _edit(review_file, lambda d: d["claims"][0].update(updated_at="2099-01-01T00:00:00+00:00"))
    code, out, err = run("import-review", future, "--reviewer", "carol")
    assert code == 0
    conflicts = [line for line in err.decode().splitlines() if line.startswith("conflict: ")]
    assert len(conflicts) == 1 and "claim 1:1" in conflicts[0] and "bob" in conflicts[0]
    code, out, err = run("show", "1:1", "--json")
    assert json.loads(out)["claim"]["verdict"] == "corroborated"  # the clock decided nothing


def test_a_local_state_the_file_builds_on_is_brought_forward(run, review_file, tmp_path):
    from factcheck.store import open_db

    review = json.loads(review_file.read_text(encoding="utf-8"))
    # the local claim is where the file's history passed: in review, no verdict yet
    _edit(review_file, lambda d: d["events"].insert(0, {
        **[e for e in d["events"] if e["entity"] == "claim"][0], "action": "status", "at": "2000-01-01T00:00:00+00:00",
        "before": {"status": "unreviewed", "version": 1}, "after": {"status": "in_review", "version": 2}}))
    assert run("ingest", "-", stdin=EN.encode())[0] == 0
    assert run("mark", "1:1", "--status", "in_review", "--reviewer", "bob")[0] == 0
    code, out, err = run("import-review", review_file, "--reviewer", "carol")
    assert code == 0 and b"conflict" not in err
    code, out, err = run("show", "1:1", "--json")
    assert json.loads(out)["claim"]["verdict"] == "false" and review["claims"][0]["verdict"] == "false"


@pytest.mark.parametrize("url", ["javascript:alert(1)", "data:text/html,<script>x</script>", "file:///etc/passwd",
                                 "https://ok.example/a b"])
def test_imported_evidence_urls_get_the_cli_checks(run, review_file, db_path, url):
    bad = _edit(review_file, lambda d: d["claims"][0]["evidence"].append(
        {"url": url, "doc_ref": None, "title": "t", "quote": None, "date": None, "stance": "supports",
         "added_by": "alice", "added_at": "2026-01-01T00:00:00+00:00", "removed": False, "version": 1}))
    code, out, err = run("import-review", bad, "--reviewer", "carol")
    assert code == 2 and "bad evidence URL" in _one_error(err) and "nothing imported" in _one_error(err)
    code, out, err = run("articles")
    assert b"no articles yet" in out


def test_a_report_printed_on_a_terminal_is_sanitised(run, injected, monkeypatch):
    import factcheck.cli.export as export_cli

    monkeypatch.setattr(export_cli, "_stdout_is_terminal", lambda: True)
    for fmt in ("md", "html", "json", "csv"):
        code, out, err = run("export", "1", "-f", fmt)
        assert code == 0 and not _raw_controls(out), fmt


def test_the_registry_index_cache_gives_the_same_registry(tmp_path, monkeypatch):
    from factcheck.sources import registry as reg

    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    monkeypatch.delenv("FACTCHECK_NO_CACHE", raising=False)
    reg.default_registry.cache_clear()
    try:
        built = reg.default_registry()
        cached_files = list((tmp_path / "factcheck").glob("registry-*.marshal"))
        assert len(cached_files) == 1
        reg.default_registry.cache_clear()
        loaded = reg.default_registry()
        fresh = reg.load_registry()
        for attr in ("_exact", "_by_token", "_prefixes", "_max_words", "_proper_only"):
            assert getattr(loaded, attr) == getattr(fresh, attr) == getattr(built, attr)
        assert list(loaded) == list(fresh)
        assert loaded.resolve("CENTCOM") == fresh.resolve("CENTCOM")
        cached_files[0].write_bytes(b"garbage")  # a broken cache is rebuilt, never trusted
        reg.default_registry.cache_clear()
        assert list(reg.default_registry()) == list(fresh)
    finally:
        reg.default_registry.cache_clear()
