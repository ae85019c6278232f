"""``factcheck review``: argument handling before the app starts (no terminal needed)."""

from __future__ import annotations

import os
import subprocess
import sys

from conftest import SAMPLES


def run(*args: str, cwd, env: dict | None = None) -> subprocess.CompletedProcess:
    full_env = {**os.environ, "FACTCHECK_REVIEWER": "tester", **(env or {})}
    full_env.pop("FACTCHECK_DB", None)
    full_env.pop("FACTCHECK_BIDI", None)
    full_env.update(env or {})
    return subprocess.run(
        [sys.executable, "-m", "factcheck", "--db", str(cwd / "t.db"), *args],
        cwd=cwd, env=full_env, capture_output=True, text=True, stdin=subprocess.DEVNULL, timeout=60,
    )


def test_review_help_names_the_bidi_modes(tmp_path):
    result = run("review", "--help", cwd=tmp_path)
    assert result.returncode == 0
    for word in ("ARTICLE|PATH", "--bidi", "auto|app|terminal|off", "FACTCHECK_BIDI", "--reviewer"):
        assert word in result.stdout


def test_review_refuses_bad_targets_with_one_line(tmp_path):
    missing = run("review", "42", cwd=tmp_path)
    assert missing.returncode == 2 and missing.stderr.strip() == "error: no article 42 (see 'factcheck articles')"
    nofile = run("review", "nope.txt", cwd=tmp_path)
    assert nofile.returncode == 2 and nofile.stderr.startswith("error: nope.txt: no such file")
    folder = run("review", str(tmp_path), cwd=tmp_path)
    assert folder.returncode == 2 and "is a directory" in folder.stderr
    bad_mode = run("review", "--bidi", "sideways", cwd=tmp_path)
    assert bad_mode.returncode == 2 and "sideways" in bad_mode.stderr
    bad_env = run("review", cwd=tmp_path, env={"FACTCHECK_BIDI": "upside"})
    assert bad_env.returncode == 2 and "upside" in bad_env.stderr
    for result in (missing, nofile, folder, bad_mode, bad_env):
        assert "Traceback" not in result.stderr and len(result.stderr.strip().splitlines()) == 1


def test_review_without_a_terminal_says_so_and_ingests_nothing(tmp_path):
    result = run("review", str(SAMPLES / "en_grid_outage.txt"), cwd=tmp_path)
    assert result.returncode == 2 and "needs a terminal" in result.stderr
    listed = run("articles", cwd=tmp_path)
    assert "en_grid_outage" not in listed.stdout and "grid" not in listed.stdout.lower()


def test_open_target_ingests_a_file_once_and_accepts_numbers(db, tmp_path):
    from factcheck.cli.tui import open_target

    path = tmp_path / "a.txt"
    path.write_text("The mayor said the bridge will reopen in May.\n", encoding="utf-8")
    first = open_target(db, str(path), "tester")
    assert open_target(db, str(path), "tester") == first  # idempotent
    assert open_target(db, str(first), "tester") == first
    assert db.execute("SELECT count(*) FROM articles").fetchone()[0] == 1
