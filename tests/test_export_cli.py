"""``factcheck export`` and ``factcheck import-review`` from the command line."""

from __future__ import annotations

import json
import os

import pytest
from test_export_data import ORG, build_review

from factcheck.cli import main
from factcheck.export import FORMATS, render, write_atomic
from factcheck.store import open_db

EPOCH = "1893456000"  # 2030-01-01T00:00:00Z: reports made under it are reproducible


@pytest.fixture
def reviewed_path(db, db_path, monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", EPOCH)
    for name in ("FACTCHECK_ORG_NAME", "FACTCHECK_ORG_URL", "FACTCHECK_REVIEW_URL"):
        monkeypatch.delenv(name, raising=False)
    built = build_review(db)
    return db, db_path, built


def run(capfdbinary, *argv: str) -> tuple[int, bytes, str]:
    try:
        main(list(argv))
        code = 0
    except SystemExit as exc:
        code = exc.code or 0
    out, err = capfdbinary.readouterr()
    return code, out, err.decode("utf-8")


def one_error_line(err: str) -> str:
    lines = err.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("error: "), err
    assert "Traceback" not in err
    return lines[0]


def test_export_to_stdout_by_default(reviewed_path, capfdbinary):
    db, path, built = reviewed_path
    code, out, err = run(capfdbinary, "--db", str(path), "export", str(built.en))
    assert code == 0 and err == ""
    assert out.decode("utf-8") == render(db, built.en, "md")
    code, out, _ = run(capfdbinary, "--db", str(path), "export", str(built.ar), "--format", "csv", "-o", "-")
    assert code == 0 and out.startswith(b"\xef\xbb\xbf") and b"\r\n" in out
    assert out.decode("utf-8") == render(db, built.ar, "csv")


def test_export_every_format_to_a_file(reviewed_path, capfdbinary, tmp_path):
    db, path, built = reviewed_path
    for fmt in FORMATS:
        target = tmp_path / f"report-{fmt}.out"
        args = ["--db", str(path), "export", str(built.en), "-f", fmt, "-o", str(target)]
        if fmt == "claimreview":
            args += ["--org-name", ORG["org_name"], "--org-url", ORG["org_url"]]
        code, out, err = run(capfdbinary, *args)
        assert code == 0, err
        assert str(target) in out.decode("utf-8")
        opts = ORG if fmt == "claimreview" else {}
        with target.open(encoding="utf-8", newline="") as fh:
            assert fh.read() == render(db, built.en, fmt, **opts)
    assert sorted(p.name for p in tmp_path.iterdir() if p.name.startswith(".")) == []  # no temporary files left


def test_format_from_the_suffix_and_org_from_the_environment(reviewed_path, capfdbinary, tmp_path, monkeypatch):
    db, path, built = reviewed_path
    code, _, err = run(capfdbinary, "--db", str(path), "export", str(built.en), "-o", str(tmp_path / "r.html"))
    assert code == 0, err
    assert (tmp_path / "r.html").read_text(encoding="utf-8").startswith("<!DOCTYPE html>")
    monkeypatch.setenv("FACTCHECK_ORG_NAME", "Env Desk")
    monkeypatch.setenv("FACTCHECK_ORG_URL", "https://env.example")
    code, out, err = run(capfdbinary, "--db", str(path), "export", str(built.en), "-f", "claimreview")
    assert code == 0, err
    data = json.loads(out)
    assert data["@graph"][0]["author"] == {"@type": "Organization", "name": "Env Desk", "url": "https://env.example"}


@pytest.mark.parametrize(
    "args, message",
    [
        (["export", "{en}", "--format", "pdf"], "unknown format 'pdf'"),
        (["export", "999"], "no article 999"),
        (["export", "abc"], "bad article reference"),
        (["export", "{en}", "-f", "claimreview"], "--org-name"),
        (["import-review", "{missing}"], "No such file"),
        (["import-review", "{notjson}"], "not valid JSON"),
    ],
)
def test_bad_input_is_one_line_and_exit_2(reviewed_path, capfdbinary, tmp_path, args, message):
    _, path, built = reviewed_path
    notjson = tmp_path / "bad.json"
    notjson.write_text("{not json", encoding="utf-8")
    argv = [a.format(en=built.en, missing=tmp_path / "nope.json", notjson=notjson) for a in args]
    code, out, err = run(capfdbinary, "--db", str(path), *argv)
    assert code == 2 and out == b""
    assert message in one_error_line(err)


def test_unwritable_path_is_one_line_and_leaves_no_file(reviewed_path, capfdbinary, tmp_path):
    _, path, built = reviewed_path
    out_dir = tmp_path / "out"
    out_dir.mkdir()
    blocker = out_dir / "a-file"
    blocker.write_text("x", encoding="utf-8")
    for target in (blocker / "report.md", out_dir / "no-such-dir" / "report.md", out_dir):
        code, out, err = run(capfdbinary, "--db", str(path), "export", str(built.en), "-o", str(target))
        assert code == 1 and out == b""
        assert "cannot write" in one_error_line(err)
    assert sorted(p.name for p in out_dir.iterdir()) == ["a-file"]


def test_a_failed_write_keeps_the_old_file_and_no_partial_one(tmp_path, monkeypatch):
    from factcheck.errors import FactcheckError

    target = tmp_path / "report.md"
    target.write_text("the previous report", encoding="utf-8")

    def broken_replace(src, dst):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "replace", broken_replace)
    with pytest.raises(FactcheckError, match="No space left on device"):
        write_atomic(target, "new report " * 1000)
    assert target.read_text(encoding="utf-8") == "the previous report"
    assert [p.name for p in tmp_path.iterdir()] == ["report.md"]


def test_an_error_before_writing_keeps_the_existing_file(reviewed_path, capfdbinary, tmp_path):
    _, path, built = reviewed_path
    target = tmp_path / "cr.jsonld"
    target.write_text("old", encoding="utf-8")
    code, _, err = run(capfdbinary, "--db", str(path), "export", str(built.en), "-f", "claimreview", "-o", str(target))
    assert code == 2 and target.read_text(encoding="utf-8") == "old"


def test_import_review_command(reviewed_path, capfdbinary, tmp_path):
    db, path, built = reviewed_path
    exported = tmp_path / "review.json"
    code, _, err = run(capfdbinary, "--db", str(path), "export", str(built.en), "-f", "json", "-o", str(exported))
    assert code == 0, err
    other = tmp_path / "other.db"
    code, out, err = run(capfdbinary, "--db", str(other), "import-review", str(exported), "--reviewer", "carol")
    assert code == 0 and out.decode().startswith("imported: article 1 (new)")
    assert "warning: skipped link" in err  # the Arabic article is not in the other database
    code, out, _ = run(capfdbinary, "--db", str(other), "import-review", str(exported), "--reviewer", "carol")
    assert code == 0 and out.decode().startswith("nothing new")
    again = tmp_path / "again.json"
    code, _, _ = run(capfdbinary, "--db", str(other), "export", "1", "-f", "json", "-o", str(again))
    original = json.loads(exported.read_text(encoding="utf-8"))
    moved = json.loads(again.read_text(encoding="utf-8"))
    assert moved["claims"] and [c["verdict"] for c in moved["claims"]] == [c["verdict"] for c in original["claims"]]
    target = open_db(other)
    assert target.execute("SELECT count(*) FROM events WHERE action = 'import'").fetchone()[0] == 1
    target.close()
