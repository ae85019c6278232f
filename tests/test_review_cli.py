"""The review commands as a user runs them: output, one-line errors, exit codes."""

from __future__ import annotations

import json

import pytest
from test_review_support import add_article, add_source

from factcheck.cli import main


@pytest.fixture
def run(db, db_path, capsys, monkeypatch):
    monkeypatch.setenv("FACTCHECK_REVIEWER", "sara")
    monkeypatch.setenv("COLUMNS", "160")

    def invoke(*args):
        try:
            main(["--db", str(db_path), *args])
            code = 0
        except SystemExit as exc:
            code = exc.code
        out, err = capsys.readouterr()
        return code, out, err

    return invoke


@pytest.fixture
def article(db):
    add_source(db, "coast-guard", "Coast Guard")
    add_source(db, "fishers", "Local fishermen", kind="anonymous")
    add_source(db, "wire", "Wire Agency", kind="agency")
    add_article(db, [
        {"text": "The coast guard said two people were killed when a trawler sank near the harbour.",
         "source": "coast-guard"},
        {"text": "Fishermen told the wire agency that two people were killed when the trawler sank.",
         "source": "fishers", "via": ["wire"], "kind": "anonymous"},
        {"text": "Fishermen said four people were killed when the trawler sank near the harbour.", "source": "fishers",
         "kind": "anonymous"},
        {"text": "The harbour will stay closed.", "source": "coast-guard"},
    ])
    return 1


@pytest.mark.parametrize(
    "args, message",
    [
        (["mark", "1:1", "--verdict", "maybe"], "error: unknown verdict 'maybe'; valid: corroborated, partly corroborated"),
        (["mark", "1:1", "--status", "finished"], "valid: unreviewed, in_review, reviewed, needs_follow_up"),
        (["mark", "1:77", "--verdict", "false"], "error: no claim 1:77: article 1 has 4 claims"),
        (["mark", "one", "--verdict", "false"], "bad claim reference 'one'"),
        (["link", "1:1", "1:1", "--as", "related"], "error: cannot link claim 1:1 to itself"),
        (["link", "1:1", "1:2", "--as", "agrees"], "valid: corroborates, contradicts, same_claim, related"),
        (["evidence", "1:1", "--url", "file:///etc/passwd"], "expected an http:// or https:// address"),
        (["evidence", "1:1", "--url", "https://example.org", "--stance", "maybe"], "valid: supports, refutes, context"),
        (["attribute", "1:1", "--source", "Coast Guard", "--kind", "alien"], "valid: person, organization, agency"),
        (["sources", "--grade", "Coast Guard", "Q"], "valid: A, B, C, D, E, F"),
        (["suggest", "5"], "error: no article 5"),
    ],
)
def test_bad_input_is_one_line_exit_2_and_changes_nothing(db, run, article, args, message):
    code, out, err = run(*args)
    assert code == 2
    assert err.count("\n") == 1 and err.startswith("error: ") and message in err
    assert db.execute("SELECT count(*) FROM events").fetchone()[0] == 0


def test_review_session(db, run, article):
    code, out, _ = run("mark", "1:1", "--verdict", "corroborated", "--note", "photos match")
    assert (code, out.strip()) == (0, "1:1: status reviewed, verdict corroborated (version 2)")
    code, _, err = run("mark", "1:1", "--verdict", "false", "--expect-version", "1", "--reviewer", "omar")
    assert code == 1 and "claim 1:1 was changed by sara at" in err and "(version 2, you had 1)" in err

    assert run("link", "1:1", "1:2", "--as", "corroborates", "--note", "same sinking")[1].strip() == (
        "linked 1:1 and 1:2 as corroborates")
    assert run("evidence", "1:1", "--url", "https://example.org/photos", "--title", "Photos", "--stance",
               "supports")[1].strip() == "added evidence #1 (supports) to 1:1"
    assert "#1 supports https://example.org/photos “Photos” (sara" in run("evidence", "1:1")[1]

    code, out, _ = run("show", "1:1")
    assert code == 0
    for expected in ("Claim 1:1", "The coast guard said two people were killed", "source: Coast Guard (organization)",
                     "verdict: corroborated", "rationale: photos match", "credibility: 1 (confirmed by independent sources)",
                     "corroborates  1:2     Local fishermen", "#1    supports https://example.org/photos"):
        assert expected in out, expected
    detail = json.loads(run("show", "1:2", "--json")[1])
    assert detail["attribution"]["via"][0]["name"] == "Wire Agency"
    assert detail["links"][0]["other_ref"] == "1:1"

    code, out, _ = run("history", "1:1")
    lines = out.strip().splitlines()
    assert [line.split(None, 4)[-1] for line in lines] == [
        "rationale: - -> photos match; status: unreviewed -> reviewed; verdict: - -> corroborated",
        "linked as corroborates with 1:2",
        "evidence (supports): https://example.org/photos",
    ]
    assert run("undo")[1].startswith("undid #3 (evidence on claim 1:1)")
    assert "(undone by #4)" in run("history", "1:1")[1]
    assert run("undo", "--reviewer", "omar")[1].strip() == "nothing to undo for omar"


def test_suggest_accept_and_dismiss(db, run, article):
    code, out, _ = run("suggest", "1")
    assert code == 0
    suggestions = json.loads(run("suggest", "1", "--json")[1])
    pairs = {(s["ref_a"], s["ref_b"]): s for s in suggestions}
    assert pairs[("1:1", "1:2")]["relation"] == "corroborates"
    assert pairs[("1:2", "1:3")]["relation"] in ("contradicts", "related")  # same source
    assert pairs[("1:1", "1:3")]["relation"] == "contradicts"
    assert pairs[("1:1", "1:3")]["reasons"]["conflicts"] == ["killed: 2 vs 4"]
    accept, dismiss = pairs[("1:1", "1:2")]["id"], pairs[("1:1", "1:3")]["id"]
    code, out, _ = run("suggest", "1", "--accept", str(accept), "--dismiss", str(dismiss))
    assert f"accepted #{accept}: linked as corroborates" in out and f"dismissed #{dismiss}" in out
    again = {(s["ref_a"], s["ref_b"]) for s in json.loads(run("suggest", "1", "--json")[1])}
    assert ("1:1", "1:2") not in again and ("1:1", "1:3") not in again  # linked / dismissed: not re-suggested
    link = db.execute("SELECT origin, score, relation FROM links").fetchone()
    assert link[0] == "suggestion" and link[1] > 0 and link[2] == "corroborates"
    code, _, err = run("suggest", "1", "--accept", str(accept))
    assert code == 2 and "already accepted by sara" in err


def test_sources_table_merge_and_grade(db, run, article):
    run("link", "1:2", "1:3", "--as", "corroborates")
    code, out, _ = run("sources")
    assert code == 0 and "Local fishermen" in out and "1 corroborated only within family" not in out
    assert "2 corroborated only within family" in out  # the same fishermen twice: circular
    assert run("sources", "--grade", "coast guard", "b")[1].strip() == "graded Coast Guard: B"
    assert run("sources", "--merge", "Wire Agency", "Coast Guard")[1].strip() == "merged Wire Agency (#3) into Coast Guard (#1)"
    rows = {r["name"]: r for r in json.loads(run("sources", "--json")[1])}
    assert rows["Coast Guard"]["grade"] == "B" and rows["Coast Guard"]["merged"] == ["Wire Agency"]
    code, out, _ = run("attribute", "1:4", "--source", "Local fishermen", "--note", "misheard")
    assert out.strip() == "1:4: attributed to Local fishermen (anonymous)"
    assert run("assign", "1:4", "omar")[1].strip() == "1:4: assigned to omar"
