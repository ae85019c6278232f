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


#: Test modules whose database tests run against both backends (SQLite file, PostgreSQL server).
BOTH_BACKENDS = {
    "test_store", "test_ingest", "test_review_workflow", "test_review_cli", "test_review_sources",
    "test_review_suggest", "test_review_support", "test_review_independence", "test_review_seed",
    "test_export_roundtrip", "test_export_data", "test_concurrency", "test_atomicity", "test_pg", "test_tui_flows", "test_publish_tui",
    "test_export_cli", "test_publish_cli", "test_web_cli", "test_cli_display", "test_export_formats", "test_cli_search",
}
PG_ENV = "FACTCHECK_TEST_PG"  # postgresql://USER@HOST:PORT/DATABASE the tests may create schemas in
PG_REQUIRED_ENV = "FACTCHECK_TEST_PG_REQUIRED"  # CI: a missing server fails instead of skipping


def pytest_configure(config):
    config.addinivalue_line("markers", "sqlite_only: a test of the SQLite file itself (not run on PostgreSQL)")


def pytest_generate_tests(metafunc):
    """``backend`` is ``sqlite`` everywhere, and also ``postgresql`` in :data:`BOTH_BACKENDS`
    for tests that use the database fixtures and are not marked ``sqlite_only``."""
    if "backend" not in metafunc.fixturenames:
        return
    module = metafunc.module.__name__.rsplit(".", 1)[-1]
    if module in BOTH_BACKENDS and metafunc.definition.get_closest_marker("sqlite_only") is None:
        metafunc.parametrize("backend", ["sqlite", "postgresql"], indirect=True)


@pytest.fixture
def backend(request) -> str:
    return getattr(request, "param", "sqlite")  # not parametrized: SQLite (test ids unchanged)


@pytest.fixture(scope="session")
def pg_server() -> str:
    """The PostgreSQL URL of :data:`PG_ENV`, checked once; skips (fails in CI) without one."""
    import os

    url = os.environ.get(PG_ENV, "").strip()
    required = os.environ.get(PG_REQUIRED_ENV, "").strip() not in ("", "0")
    reason = None
    if not url:
        reason = f"no PostgreSQL server for the tests: set {PG_ENV}=postgresql://USER@HOST:PORT/DB (.ci/run starts one)"
    else:
        try:
            import psycopg

            with psycopg.connect(url, connect_timeout=5) as conn:
                conn.execute("SELECT 1")
        except ImportError:
            reason = "psycopg is not installed (pip install 'psycopg[binary]')"
        except Exception as exc:  # noqa: BLE001 - any failure to reach the server
            reason = f"cannot reach the PostgreSQL server of {PG_ENV}: {str(exc).strip().splitlines()[0]}"
    if reason:
        if required:
            pytest.fail(reason + f" ({PG_REQUIRED_ENV} is set: PostgreSQL tests must run)")
        pytest.skip(reason)
    return url


def pg_schema_url(base: str, schema: str) -> str:
    from urllib.parse import quote

    sep = "&" if "?" in base else "?"
    return f"{base}{sep}options={quote(f'-csearch_path={schema}')}"


@pytest.fixture
def pg_url(request, pg_server):
    """A fresh, empty schema on the test server; the URL selects it (dropped afterwards)."""
    import uuid

    import psycopg

    schema = f"fc_test_{uuid.uuid4().hex[:12]}"
    with psycopg.connect(pg_server, autocommit=True) as conn:
        conn.execute(f"CREATE SCHEMA {schema}")
    yield pg_schema_url(pg_server, schema)
    import gc

    gc.collect()  # connections the test left to the garbage collector
    with psycopg.connect(pg_server, autocommit=True) as conn:
        conn.execute(f"DROP SCHEMA {schema} CASCADE")


@pytest.fixture
def db_path(request, tmp_path: Path, backend):
    """Where the test database lives: a SQLite file, or (backend ``postgresql``) a server URL."""
    if backend == "postgresql":
        return request.getfixturevalue("pg_url")
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
