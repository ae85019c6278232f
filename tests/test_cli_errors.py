"""The command line under abuse: bad references, hostile text, a read-only or failing database,
interruptions, mistyped ids. Every failure is one ``error:`` line with the right exit code, and
nothing is half-written. In-process (``factcheck.cli.main``), no subprocesses."""

from __future__ import annotations

import io
import json
import sqlite3
import sys
import threading

import pytest
from test_review_support import add_article, add_source

from factcheck.cli import main
from factcheck.store import open_db

HUGE = "99999999999999999999"  # more than SQLite's INTEGER holds


@pytest.fixture
def run(capsys, monkeypatch, db_path):
    """``factcheck --db DB ARGS`` in-process: (exit code, stdout, stderr)."""
    monkeypatch.setenv("COLUMNS", "200")
    monkeypatch.setenv("FACTCHECK_REVIEWER", "qa")
    monkeypatch.delenv("FACTCHECK_DB", raising=False)

    def invoke(*args: str, stdin: bytes = b""):
        monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(stdin)))
        try:
            main(["--db", str(db_path), *map(str, args)])
            code = 0
        except SystemExit as exc:
            code = exc.code
        out, err = capsys.readouterr()
        return code, out, err

    return invoke


def one_error(err: str) -> str:
    lines = err.splitlines()
    assert len(lines) == 1 and lines[0].startswith("error: "), err
    return lines[0]


@pytest.fixture
def two(db):
    """Two small articles with deterministic claims: 1 (three claims) and 2 (one claim)."""
    add_source(db, "coast-guard", "Coast Guard")
    add_article(db, [
        {"text": "The coast guard said two people died when a trawler sank.", "source": "coast-guard"},
        {"text": "Fishermen said two people died when the trawler sank near the harbour.", "source": "coast-guard"},
        {"text": "The harbour will stay closed.", "source": "coast-guard"},
    ])
    add_article(db, [{"text": "The ministry said the harbour reopened on Monday.", "source": "coast-guard"}])
    return db


def _events(db) -> int:
    return db.execute("SELECT count(*) FROM events").fetchone()[0]


# --- references and numbers ------------------------------------------------------------------------


@pytest.mark.parametrize("args, message", [
    (["show", f"{HUGE}:1"], f"no article {HUGE}"),
    (["show", f"1:{HUGE}"], f"no claim 1:{HUGE}: article 1 has 3 claims"),
    (["show", "1:²"], "bad claim reference '1:²'"),
    (["claims", "²"], "bad article reference '²'"),
    (["claims", HUGE], f"no article {HUGE}"),
    (["export", HUGE], f"no article {HUGE}"),
    (["suggest", "1", "--accept", HUGE], f"Invalid value for '--accept': {HUGE} is too large"),
    (["suggest", "1", "--dismiss", "x"], "Invalid value for '--dismiss': 'x' is not a whole number"),
    (["evidence", "1:1", "--remove", HUGE], "is too large"),
    (["mark", "1:1", "--status", "reviewed", "--expect-version", HUGE], "is too large"),
    (["sources", "--grade", f"#{HUGE}", "A"], f"no source '#{HUGE}'"),
    (["sources", "--grade", "#²", "A"], "no source '#²'"),
])
def test_out_of_range_and_odd_numbers_are_input_errors(run, two, args, message):
    code, out, err = run(*args)
    assert code == 2 and out == ""
    assert message in one_error(err)


def test_arabic_indic_digits_address_articles_and_claims(run, two):
    code, out, _ = run("show", "١:٢")
    assert code == 0 and out.startswith("Claim 1:2")


# --- hostile text ---------------------------------------------------------------------------------


def test_listings_never_pass_terminal_escapes_through(run, db, tmp_path):
    add_source(db, "x", "Evil \x1b]0;title\x07 Source")
    add_article(db, [{"text": "Officials said \x1b[2J the [bold]bridge[/] is open.", "source": "x"}],
                title="Head \x1b[31mline")
    run("assign", "1:1", "a\x1b[31mb")
    run("mark", "1:1", "--verdict", "false", "--note", "n\x1b[0m")
    for args in (["articles"], ["claims", "1"], ["claims", "1", "--full"], ["show", "1:1"], ["history", "1:1"],
                 ["sources"], ["assign", "1:1", "c\x1bd"], ["export", "1", "-f", "md"], ["export", "1", "-f", "html"]):
        code, out, err = run(*args)
        assert code == 0, err
        assert "\x1b" not in out, args
    assert "[bold]bridge[/]" in run("claims", "1", "--full")[1]  # rich markup in text stays text


def test_ingest_drops_control_characters_with_a_notice(run, tmp_path, db_path):
    path = tmp_path / "esc.txt"
    path.write_bytes(b"The minister said the \x1b[2Jbridge\x0cwill open.\n")
    code, out, err = run("ingest", path)
    assert code == 0, err
    assert f"notice: {path}: removed 1 control character (e.g. terminal escapes)" in err.splitlines()
    stored = open_db(db_path).execute("SELECT text FROM articles").fetchone()[0]
    assert stored == "The minister said the [2Jbridge\nwill open.\n"


# --- ingest ---------------------------------------------------------------------------------------


def test_ingest_says_one_claim_not_one_claims(run, tmp_path):
    path = tmp_path / "one.txt"
    path.write_text("The mayor said the park was closed.", encoding="utf-8")
    code, out, _ = run("ingest", path)
    assert code == 0 and out.strip() == f"{path}: article 1, 1 claim (en)"


def _flaky_ingest(monkeypatch, fail_on: int, exc: BaseException):
    """Make the ``fail_on``-th ingest (1-based) raise ``exc`` before writing."""
    import factcheck.ingest.pipeline as pipeline

    real, calls = pipeline.store_prepared, []

    def flaky(db, prepared, **kwargs):
        calls.append(prepared)
        if len(calls) == fail_on:
            if isinstance(exc, sqlite3.Error):
                db.execute("PRAGMA query_only = ON")  # the database refuses writes from now on
            else:
                raise exc
        return real(db, prepared, **kwargs)

    monkeypatch.setattr(pipeline, "store_prepared", flaky)


@pytest.fixture
def three_files(tmp_path):
    paths = []
    for i, sentence in enumerate(["The mayor said the park was closed.", "The union said the strike ended.",
                                  "The ministry said prices rose."]):
        path = tmp_path / f"f{i}.txt"
        path.write_text(sentence, encoding="utf-8")
        paths.append(path)
    return paths


def test_a_read_only_database_stops_the_batch_with_one_line(run, monkeypatch, three_files, db_path):
    _flaky_ingest(monkeypatch, 2, sqlite3.OperationalError("readonly"))
    code, out, err = run("ingest", *three_files)
    assert code == 1
    line = one_error(err)
    assert "the database is read-only" in line and "stopped after 1 of 3 inputs: 1 ingested and kept" in line
    assert open_db(db_path).execute("SELECT count(*) FROM articles").fetchone()[0] == 1


def test_interrupting_a_batch_keeps_the_finished_articles(run, monkeypatch, three_files, db_path):
    _flaky_ingest(monkeypatch, 3, KeyboardInterrupt())
    code, out, err = run("ingest", *three_files)
    assert code == 130
    assert one_error(err).startswith("error: interrupted (stopped after 2 of 3 inputs: 2 ingested and kept;")
    assert open_db(db_path).execute("SELECT count(*) FROM articles").fetchone()[0] == 2
    code, out, err = run("ingest", *three_files)  # the rest, the first two skipped
    assert code == 0 and "summary: 1 ingested (1 claim), 2 already present" in out


def test_review_writes_to_a_read_only_database_are_one_line(run, two, monkeypatch):
    import factcheck.cli as cli_pkg

    real = cli_pkg.Context.db

    def read_only(self):
        db = real.fget(self)
        db.execute("PRAGMA query_only = ON")
        return db

    monkeypatch.setattr(cli_pkg.Context, "db", property(read_only))
    before = _events(two)
    for args in (["mark", "1:1", "--verdict", "false"], ["link", "1:1", "1:2", "--as", "related"],
                 ["sources", "--grade", "Coast Guard", "A"], ["delete", "2", "--yes"], ["suggest", "1"]):
        code, out, err = run(*args)
        assert code == 1, args
        assert "the database is read-only" in one_error(err)
    assert _events(two) == before


# --- review commands --------------------------------------------------------------------------------


def test_evidence_is_removed_only_through_its_own_claim(run, two):
    assert run("evidence", "1:1", "--url", "https://example.org/a")[0] == 0
    code, _, err = run("evidence", "2:1", "--remove", "1")
    assert code == 2 and one_error(err) == "error: evidence #1 belongs to claim 1:1, not 2:1"
    assert run("evidence", "1:1")[1].startswith("#1 context https://example.org/a")  # still there
    assert run("evidence", "1:1", "--remove", "1")[1].strip() == "removed evidence #1 from 1:1"
    code, _, err = run("evidence", "1:1", "--remove", "1")
    assert code == 2 and one_error(err) == "error: evidence #1 was already removed"


def _suggestion(db, state: str = "open", claims: tuple[int, int] = (1, 2)) -> int:
    return db["suggestions"].insert({"claim_a": claims[0], "claim_b": claims[1], "relation": "corroborates",
                                     "score": 0.9, "reasons": "{}", "state": state,
                                     "created_at": "2030-01-01T00:00:00+00:00"}).last_pk


def test_suggestion_decisions_check_the_article_and_are_all_or_nothing(run, two):
    first = _suggestion(two)
    before = _events(two)
    code, _, err = run("suggest", "2", "--accept", str(first))
    assert code == 2 and one_error(err) == f"error: suggestion #{first} links 1:1 and 1:2, not claims of article 2"
    code, _, err = run("suggest", "1", "--accept", str(first), "--dismiss", str(first))
    assert code == 2 and "cannot be both accepted and dismissed" in one_error(err)
    code, _, err = run("suggest", "1", "--dismiss", str(first), "--dismiss", "999")
    assert code == 2 and "no suggestion #999" in one_error(err)
    assert two.execute("SELECT state FROM suggestions WHERE id = ?", [first]).fetchone()[0] == "open"
    assert _events(two) == before


def test_sources_changes_are_all_or_nothing_and_unattributed_is_not_merged(run, two):
    add_source(two, "unattributed", "unattributed", kind="unattributed")
    add_source(two, "harbour", "Harbour Office")
    before = _events(two)
    code, _, err = run("sources", "--grade", "Coast Guard", "A", "--rename", "Coast Guard", "Harbour Office")
    assert code == 2 and "another source is already named 'Harbour Office'" in one_error(err)
    assert two.execute("SELECT grade FROM sources WHERE key = 'coast-guard'").fetchone()[0] == "F"
    code, _, err = run("sources", "--merge", "unattributed", "Coast Guard")
    assert code == 2 and "stands for claims without a source and cannot be merged" in one_error(err)
    assert _events(two) == before
    code, out, _ = run("sources", "--merge", "Harbour Office", "Coast Guard")
    assert code == 0 and out.strip().startswith("merged Harbour Office (#")
    code, _, err = run("sources", "--merge", "Harbour Office", "Coast Guard")
    assert code == 2 and "already the same source" in one_error(err)


def test_unlinking_a_claim_from_itself_says_what_is_wrong(run, two):
    code, _, err = run("unlink", "1:1", " 1 : 1 ")
    assert code == 2 and one_error(err) == "error: claim 1:1 is never linked to itself"
    code, out, _ = run("link", " 1 : 1 ", "1:2", "--as", "related")
    assert code == 0 and out.strip() == "linked 1:1 and 1:2 as related"


def test_undo_after_a_delete_says_the_delete_stays(run, two):
    run("mark", "1:1", "--verdict", "false")
    assert "and its 1 claim (0 links" in run("delete", "2", "--yes")[1]
    code, out, err = run("undo")
    assert code == 0 and out.startswith("undid #")
    assert "note: your later deletion of article 2 (#" in err and "cannot be undone" in err


# --- extract --------------------------------------------------------------------------------------


def test_extract_keeps_logical_order_when_piped(run, tmp_path, monkeypatch):
    monkeypatch.setenv("FACTCHECK_BIDI", "app")  # would reorder on a terminal
    path = tmp_path / "ar.txt"
    path.write_text("قال الوزير إن الجسر سيفتح غدا.", encoding="utf-8")
    code, out, _ = run("extract", path)
    assert code == 0 and "الوزير" in out


@pytest.mark.parametrize("args, message", [
    (["--date", "20240101"], "bad date '20240101': expected YYYY-MM-DD such as 2024-03-05"),
    (["--date", "2024-02-30"], "bad date '2024-02-30'"),
    (["--max-bytes", "10"], "file is too large (36 bytes; the limit is 10 bytes; see --max-bytes)"),
])
def test_extract_options(run, tmp_path, args, message):
    path = tmp_path / "en.txt"
    path.write_text("The mayor said the park was closed.\n", encoding="utf-8")
    code, out, err = run("extract", path, *args)
    assert code == 2 and out == ""
    assert message in one_error(err)


def test_extract_accepts_a_padded_date_and_reads_stdin_once(run, tmp_path):
    path = tmp_path / "en.txt"
    path.write_text("The mayor said the park was closed.\n", encoding="utf-8")
    assert run("extract", path, "--date", " 2024-03-05 ", "--json")[0] == 0
    code, _, err = run("extract", "-", "-")
    assert code == 2 and one_error(err) == "error: stdin (-) can be read only once"


# --- export and import ------------------------------------------------------------------------------


def test_export_writes_into_a_fifo_instead_of_replacing_it(run, two, tmp_path):
    import os

    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    got = []
    reader = threading.Thread(target=lambda: got.append(fifo.read_bytes()), daemon=True)
    reader.start()
    code, out, err = run("export", "1", "-f", "json", "-o", fifo)
    reader.join(timeout=30)
    assert code == 0, err
    assert out == ""  # no "wrote ..." line: the report may itself be going to the terminal
    assert json.loads(got[0])["article"]["sha256"]
    assert fifo.is_fifo()


def test_export_follows_a_symlink_and_keeps_permissions(run, two, tmp_path):
    real = tmp_path / "real.md"
    real.write_text("old", encoding="utf-8")
    real.chmod(0o600)
    link = tmp_path / "link.md"
    link.symlink_to(real)
    code, out, err = run("export", "1", "-o", link)
    assert code == 2 and one_error(err) == f"error: {link} exists; add --force to overwrite it"
    assert real.read_text(encoding="utf-8") == "old"
    code, out, err = run("export", "1", "-o", link, "--force")
    assert code == 0, err
    assert link.is_symlink() and real.read_text(encoding="utf-8").startswith("# ")
    assert real.stat().st_mode & 0o777 == 0o600
    code, _, err = run("export", "1", "-o", "")
    assert code == 2 and one_error(err) == "error: no output file given (use - for stdout)"
    code, _, err = run("export", "1", "-o", real / "x.md")
    assert code == 2 and one_error(err) == f"error: cannot write {real / 'x.md'}: {real} is not a directory"


def test_claimreview_refuses_an_organisation_url_with_spaces(run, two):
    code, out, err = run("export", "1", "-f", "claimreview", "--org-name", "Desk", "--org-url", "https://x.org/a b")
    assert code == 2 and out == ""
    assert one_error(err) == "error: bad organisation URL 'https://x.org/a b': expected an http or https URL"


def test_article_urls_must_be_web_addresses(run, tmp_path, db_path):
    path = tmp_path / "a.txt"
    path.write_text("The mayor said the park was closed.\n", encoding="utf-8")
    code, out, err = run("ingest", path, "--url", "javascript:alert(1)")
    assert code == 2 and out == ""
    assert one_error(err) == "error: bad article URL 'javascript:alert(1)': expected an http:// or https:// address"
    page = tmp_path / "p.html"
    page.write_text('<html><head><link rel="canonical" href="javascript:evil()"><title>T</title></head>'
                    "<body><p>The mayor said the park was closed.</p></body></html>", encoding="utf-8")
    assert run("ingest", page)[0] == 0  # a page's own bad link is dropped, not fatal
    db = open_db(db_path)
    assert db.execute("SELECT url FROM articles").fetchall() == [(None,)]
    db.execute("UPDATE articles SET url = 'javascript:evil()'")  # e.g. from an older version
    db.conn.commit()
    run("mark", "1:1", "--verdict", "false")
    code, out, err = run("export", "1", "-f", "claimreview", "--org-name", "Desk", "--org-url", "https://d.example")
    assert code == 0, err
    assert "javascript:" not in out and json.loads(out)["@graph"]


@pytest.mark.parametrize("codec", ["utf-16-le", "utf-16-be"])
def test_utf16_without_a_bom_gets_a_hint_not_just_binary(run, tmp_path, codec):
    path = tmp_path / "u16.txt"
    path.write_bytes("قال الوزير إن الجسر مفتوح.".encode(codec))
    code, out, err = run("ingest", path)
    assert code == 2
    assert one_error(err).endswith("not text; it looks like UTF-16 without a byte-order mark: "
                                   "save it as UTF-8 (or UTF-16 with a BOM)")


def test_a_database_failure_during_a_read_is_one_line(run, monkeypatch):
    import factcheck.store.queries as queries

    def corrupt(db):
        raise sqlite3.DatabaseError("database disk image is malformed")

    run("articles")  # create the database
    monkeypatch.setattr(queries, "list_articles", corrupt)
    code, out, err = run("articles")
    assert code == 1 and out == ""
    assert err.count("\n") == 1 and err.startswith("error: ") and "internal error" not in err


def test_no_command_prints_help_not_an_error(capsys):
    with pytest.raises(SystemExit) as exc:
        main([])
    out, err = capsys.readouterr()
    assert exc.value.code == 2 and "Usage:" in out and "Commands:" in out and "error" not in err
