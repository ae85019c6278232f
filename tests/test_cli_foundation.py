"""The foundation commands as a user runs them: ingest, articles, claims, delete, errors."""

from __future__ import annotations

import io
import os
import subprocess
import sys

import pytest

from factcheck.cli import main

ENGLISH = (
    "Port workers ended their strike on Friday, the union said.\n\n"
    "The harbour authority said cargo traffic would return to normal within a week.\n\n"
    "Shipping companies lost about 40 million dollars, according to an industry group."
)
ARABIC = (
    "أعلن اتحاد العمال انتهاء الإضراب في الميناء يوم الجمعة.\n"
    "وقالت هيئة الموانئ إن حركة الشحن ستعود إلى طبيعتها خلال أسبوع."
)


@pytest.fixture
def run(capsys, monkeypatch, db_path):
    """Run ``factcheck --db DB ARGS`` in-process: (exit code, stdout, stderr)."""
    monkeypatch.setenv("COLUMNS", "200")
    monkeypatch.delenv("FACTCHECK_DB", raising=False)

    def invoke(*args: str, stdin: bytes = b"", db: str | None = None):
        monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(stdin)))
        try:
            main(["--db", str(db or db_path), *map(str, args)])
            code = 0
        except SystemExit as exc:
            code = exc.code
        out, err = capsys.readouterr()
        return code, out, err

    return invoke


@pytest.fixture
def files(tmp_path):
    d = tmp_path / "in"
    d.mkdir()
    (d / "en.txt").write_text(ENGLISH, encoding="utf-8")
    (d / "ar.txt").write_bytes(ARABIC.encode("cp1256"))
    (d / "bad.txt").write_bytes(b"\x00\x01\x02")
    (d / "empty.txt").write_bytes(b"")
    return d


def test_ingest_batch_with_bad_files(run, files):
    code, out, err = run("ingest", files / "en.txt", files / "bad.txt", files / "ar.txt", files / "empty.txt")
    assert code == 2
    assert f"{files / 'en.txt'}: article 1, " in out
    assert f"{files / 'ar.txt'}: article 2, " in out
    err_lines = err.splitlines()
    assert f"error: {files / 'bad.txt'}: binary file (contains NUL bytes), not text" in err_lines
    assert f"error: {files / 'empty.txt'}: empty file" in err_lines
    assert f"notice: {files / 'ar.txt'}: not UTF-8; decoded as Windows-1256 (legacy Arabic) and stored as UTF-8" in err_lines
    assert err_lines[-1].startswith("summary: 2 ingested (")
    assert err_lines[-1].endswith(f"2 failed: {files / 'bad.txt'}, {files / 'empty.txt'}")
    assert "Traceback" not in err

    # The good ones were kept; re-ingesting says so and succeeds.
    code, out, err = run("ingest", files / "en.txt", files / "ar.txt")
    assert code == 0, err
    assert f"{files / 'en.txt'}: already ingested as article 1" in out
    assert f"{files / 'ar.txt'}: already ingested as article 2" in out
    assert "summary: 0 ingested (0 claims), 2 already present" in out


def test_ingest_skips_directories(run, files):
    (files / "gold").mkdir()
    (files / "gold" / "README.md").write_text("# Not an article\n\nNotes about gold files.\n")
    (files / "bad.txt").unlink()
    (files / "empty.txt").unlink()
    code, out, err = run("ingest", *sorted(files.iterdir()))  # like a shell's in/*
    assert code == 0, err
    assert f"skipped {files / 'gold'}: a directory (give its files, e.g. {files / 'gold' / '*.txt'})" in err
    assert "summary: 2 ingested" in out
    code, out, err = run("ingest", files / "gold")
    assert code == 2  # one line, not a "skipped" note and then an error
    assert err.splitlines() == [f"error: {files / 'gold'}: is a directory; give the files in it, e.g. {files / 'gold' / '*.txt'}"]
    code, out, err = run("ingest", files / "gold", files)
    assert code == 2 and err.splitlines() == [f"error: nothing to ingest: {files / 'gold'}, {files} are directories"]


def test_ingest_stdin_and_metadata(run, db_path):
    code, out, err = run("ingest", "-", "--title", "Strike ends", "--outlet", "Example Wire",
                         "--url", "https://example.org/strike", "--published", "2024-05-03", "--lang", "en",
                         stdin=ENGLISH.encode("utf-16"))
    assert code == 0, err
    assert out.startswith("stdin: article 1, ")
    from factcheck.store import open_db

    row = open_db(db_path)["articles"].get(1)
    assert (row["title"], row["outlet"], row["url"], row["published"], row["source_path"], row["encoding"]) == (
        "Strike ends", "Example Wire", "https://example.org/strike", "2024-05-03", "-", "utf-16")


@pytest.mark.parametrize(
    "args, message",
    [
        (("ingest", "a.txt", "b.txt", "--title", "T"), "error: --title and --url describe one article: give a single PATH"),
        (("ingest", "a.txt", "--published", "3 May"), "error: bad published date '3 May': expected YYYY-MM-DD such as 2024-03-05"),
        (("ingest", "a.txt", "--lang", "fr"), "error: Invalid value for '--lang': 'fr' is not one of 'ar', 'en', 'auto'."),
        (("ingest", "a.txt", "--max-bytes", "0"), "error: Invalid value for '--max-bytes': 0 is not in the range x>=1."),
        (("ingest",), "error: Missing argument 'PATH|URL...' (or --feed URL|FILE)."),
        (("ingest", "-", "-"), "error: stdin (-) can be read only once"),
        (("claims", "99"), "error: no article 99 (see 'factcheck articles')"),
        (("claims", "x"), "error: bad article reference 'x': expected a number such as 1"),
        (("delete", "5", "--yes"), "error: no article 5 (see 'factcheck articles')"),
    ],
)
def test_usage_errors_are_one_line_exit_2(run, args, message):
    code, out, err = run(*args)
    assert (code, err.strip()) == (2, message)


def test_missing_file_is_named(run, tmp_path):
    code, out, err = run("ingest", tmp_path / "nope.txt")
    assert code == 2
    assert err.splitlines() == [f"error: {tmp_path / 'nope.txt'}: no such file"]


def test_articles_and_claims_tables(run, files):
    code, out, err = run("articles")
    assert (code, out.strip()) == (0, "no articles yet: add one with 'factcheck ingest FILE'")
    run("ingest", files / "en.txt", "--outlet", "Harbour News", "--title", "Strike ends")
    code, out, err = run("articles")
    assert code == 0
    assert "Strike ends" in out and "Harbour News" in out and " en " in out
    assert "1 article" in out and "(0%)" in out

    code, out, err = run("claims", "1")
    assert code == 0, err
    assert out.startswith("Article 1: Strike ends")
    for header in ("#", "Source", "Kind", "Claim", "Status"):
        assert header in out
    assert "1:1" in out and "unreviewed" in out
    assert "Port workers ended their strike on Friday" in out


def test_delete(run, files, db_path):
    run("ingest", files / "en.txt")
    code, out, err = run("delete", "1")
    assert code == 2
    assert err.startswith("error: not deleting article 1 (")
    assert err.strip().endswith("without confirmation: add --yes")
    code, out, err = run("delete", "1", "--yes", "--reviewer", "mona")
    assert code == 0, err
    assert out.startswith("deleted article 1 (")
    from factcheck.store import open_db

    db = open_db(db_path)
    assert db["articles"].count == 0 and db["claims"].count == 0
    assert [(r["action"], r["reviewer"]) for r in db.query("SELECT * FROM events ORDER BY id")][-1] == ("delete", "mona")


@pytest.mark.parametrize("command", ["ingest", "articles", "claims", "delete"])
def test_help(run, command):
    code, out, err = run(command, "--help")
    assert code == 0
    assert out.startswith(f"Usage: factcheck {command}")


def test_refused_database_is_one_line_exit_1(run, tmp_path):
    bogus = tmp_path / "notes.db"
    bogus.write_text("not a database")
    code, out, err = run("articles", db=str(bogus))
    assert (code, err.strip()) == (1, f"error: {bogus} is not a SQLite database (refusing to touch it)")
    assert bogus.read_text() == "not a database"


def test_default_database_location_and_env(tmp_path, files):
    """Subprocess: ``db/factcheck.db`` under the current directory, FACTCHECK_DB overrides it."""
    env = {k: v for k, v in os.environ.items() if k != "FACTCHECK_DB"}
    cmd = [sys.executable, "-m", "factcheck", "ingest", str(files / "en.txt")]
    done = subprocess.run(cmd, cwd=tmp_path, env=env, capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    assert (tmp_path / "db" / "factcheck.db").is_file()
    env["FACTCHECK_DB"] = str(tmp_path / "other.db")
    done = subprocess.run(cmd, cwd=tmp_path, env=env, capture_output=True, text=True, timeout=120)
    assert done.returncode == 0 and "article 1," in done.stdout
    assert (tmp_path / "other.db").is_file()
