from __future__ import annotations

import json
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SAMPLES = ROOT / "samples"
SHARED = ROOT.parent / "shared"


@pytest.fixture
def shared_dir() -> Path:
    """``../shared`` beside the checkout; tests that need it skip on a user's machine."""
    if not (SHARED / "eval").is_dir():
        pytest.skip("../shared is not present")
    return SHARED


@pytest.fixture
def db_path(tmp_path: Path) -> Path:
    return tmp_path / "test.db"


@pytest.fixture
def db(db_path: Path):
    from factcheck.store import open_db

    database = open_db(db_path)
    yield database
    database.close()


def load_jsonl(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


@pytest.fixture(autouse=True)
def _isolated_settings(tmp_path_factory, monkeypatch):
    """No test reads the developer's own config file (~/.config/factcheck/config.toml)."""
    import factcheck.config

    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path_factory.mktemp("xdg")))
    monkeypatch.delenv("FACTCHECK_CONFIG", raising=False)
    monkeypatch.setattr(factcheck.config, "_current", None)


@pytest.fixture
def cli(capsys, monkeypatch, db_path):
    """``factcheck --db DB ARGS`` in-process: returns (exit code, stdout, stderr)."""
    from factcheck.cli import main

    monkeypatch.setenv("COLUMNS", "200")
    monkeypatch.setenv("FACTCHECK_REVIEWER", "qa")
    monkeypatch.delenv("FACTCHECK_DB", raising=False)

    def invoke(*args):
        try:
            main(["--db", str(db_path), *map(str, args)])
            code = 0
        except SystemExit as exc:
            code = exc.code
        out, err = capsys.readouterr()
        return code, out, err

    return invoke


@pytest.fixture(autouse=True)
def _shaping_from_settings():
    """Display shaping is resolved from each test's own settings (never left over from another)."""
    from factcheck.tui.bidi import set_shaping

    set_shaping(None)
    yield
    set_shaping(None)
