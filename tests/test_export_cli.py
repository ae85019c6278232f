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
        assert code == 2 and out == b""  # the path is the user's input
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


def test_sources_named_only_in_the_history_travel_with_the_review(reviewed_path, capfdbinary, tmp_path):
    """A correction since replaced still names its source in the history: the export carries that
    source, so the import keeps the event whole and importing again adds nothing."""
    from factcheck.review.attribution import override_attribution

    db, path, built = reviewed_path
    ref = built.refs["plain"]
    override_attribution(db, ref, source="Ghost Witness", kind="person", reviewer="ann")
    override_attribution(db, ref, source="Reuters", via=["Wire Relay"], reviewer="ann")
    override_attribution(db, ref, source="Reuters", via=(), reviewer="ann")  # Wire Relay: history only
    exported = tmp_path / "review.json"
    assert run(capfdbinary, "--db", str(path), "export", str(built.en), "-f", "json", "-o", str(exported))[0] == 0
    keys = {s["key"] for s in json.loads(exported.read_text(encoding="utf-8"))["sources"]}
    assert {"ghost-witness", "wire-relay"} <= keys
    other = tmp_path / "other.db"
    code, out, err = run(capfdbinary, "--db", str(other), "import-review", str(exported), "--reviewer", "carol")
    assert code == 0, err
    code, out, err = run(capfdbinary, "--db", str(other), "import-review", str(exported), "--reviewer", "carol")
    assert code == 0 and out.decode().startswith("nothing new"), out
    target = open_db(other)
    befores = [json.loads(b) for (b,) in target.execute(
        "SELECT before FROM events WHERE action = 'override' AND before LIKE '%source_id%'")]
    assert befores and all(b["override"]["source_id"] is not None for b in befores if b["override"])
    target.close()


def _tampered(exported, tmp_path, change) -> str:
    data = json.loads(exported.read_text(encoding="utf-8"))
    change(data)
    bad = tmp_path / "tampered.json"
    bad.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    return str(bad)


def _set_facts(data):
    data["claims"][0]["facts"] = {"numbers": ["seven"]}


def _scoreless_suggestion(data):
    link = data["links"][0]
    data["suggestions"] = [{"a": link["a"], "b": link["b"], "relation": "related", "score": None, "state": "open"}]


def _bad_event_after(data):
    data["events"][-1]["after"] = [1, 2]


@pytest.mark.parametrize("change, message", [
    (lambda d: d["claims"][0].update(verdict="maybe"), "claim 1: verdict is 'maybe'; expected one of corroborated"),
    (lambda d: d["claims"][0].update(status="done"), "claim 1: status is 'done'"),
    (lambda d: d["claims"][0].update(version=10**30), "claim 1: version must be a whole number"),
    (lambda d: d["claims"][0].update(idx=10**30), "claim"),
    (lambda d: d["claims"][0].update(rationale={"x": 1}), "claim 1: rationale must be a string or null"),
    (_set_facts, "claim 1: an item of facts.numbers is not an object"),
    (lambda d: d["links"][0].update(relation="friends"), "a link's relation is 'friends'"),
    (lambda d: d["sources"][0].update(kind="alien"), "kind is 'alien'"),
    (lambda d: d["sources"][0].update(grade="Z"), "grade is 'Z'"),
    (_scoreless_suggestion, "a suggestion without a score"),
    (_bad_event_after, "an event's before and after must be objects or null"),
])
def test_a_tampered_review_is_refused_whole(reviewed_path, capfdbinary, tmp_path, change, message):
    db, path, built = reviewed_path
    exported = tmp_path / "review.json"
    assert run(capfdbinary, "--db", str(path), "export", str(built.en), "-f", "json", "-o", str(exported))[0] == 0
    other = tmp_path / "other.db"
    code, out, err = run(capfdbinary, "--db", str(other), "import-review", _tampered(exported, tmp_path, change))
    assert code == 2 and out == b""
    assert message in one_error_line(err)
    target = open_db(other)
    assert target.execute("SELECT count(*) FROM articles").fetchone()[0] == 0
    target.close()


def test_undo_restores_only_review_fields_of_an_imported_event(reviewed_path, capfdbinary, tmp_path):
    """An edited review file must not turn undo into a way to rewrite a claim's text."""
    db, path, built = reviewed_path
    exported = tmp_path / "review.json"
    assert run(capfdbinary, "--db", str(path), "export", str(built.en), "-f", "json", "-o", str(exported))[0] == 0

    def rewrite_text(data):
        ev = next(e for e in reversed(data["events"]) if e["entity"] == "claim" and e["action"] == "status")
        ev["before"]["text"], ev["after"]["text"] = "forged", data["claims"][0]["text"]
        ev["after"]["status"] = data["claims"][0]["status"]  # matches the claim: undo would go ahead
        ev["claim"] = ev["ref"]["claim"] = {"article": data["article"]["sha256"], "idx": 1}
        ev["reviewer"], ev["at"] = "mallory", "2099-01-01T00:00:00+00:00"

    other = tmp_path / "other.db"
    code, _, err = run(capfdbinary, "--db", str(other), "import-review", _tampered(exported, tmp_path, rewrite_text))
    assert code == 0, err
    code, out, err = run(capfdbinary, "--db", str(other), "undo", "--reviewer", "mallory")
    assert code == 0 and b"nothing to undo" in out  # an imported (forged) event is never undone here
    target = open_db(other)
    assert target.execute("SELECT text FROM claims WHERE idx = 1").fetchone()[0] != "forged"
    target.close()
    code, out, err = run(capfdbinary, "--db", str(other), "history", "1:1")  # the odd event still reads
    assert code == 0, err


def test_an_imported_article_never_takes_the_ids_of_a_deleted_one(reviewed_path, capfdbinary, tmp_path):
    """Events of a deleted article keep naming its ids; an import must not inherit that history."""
    from factcheck.ingest.pipeline import ingest_text
    from factcheck.review.workflow import mark
    from factcheck.store.queries import delete_article

    db, path, built = reviewed_path
    exported = tmp_path / "review.json"
    assert run(capfdbinary, "--db", str(path), "export", str(built.en), "-f", "json", "-o", str(exported))[0] == 0
    other_path = tmp_path / "other.db"
    other = open_db(other_path)
    gone = ingest_text(other, "The mayor said the park was closed.", reviewer="eve").article_id
    mark(other, f"{gone}:1", verdict="false", rationale="about the park", reviewer="eve")
    delete_article(other, gone, reviewer="eve")
    other.close()
    code, out, err = run(capfdbinary, "--db", str(other_path), "import-review", str(exported), "--reviewer", "carol")
    assert code == 0, err
    new_id = int(out.decode().split("article ")[1].split(" ")[0])
    assert new_id != gone
    code, out, err = run(capfdbinary, "--db", str(other_path), "history", f"{new_id}:1")
    assert code == 0, err
    assert "about the park" not in out.decode() and "eve" not in out.decode()
