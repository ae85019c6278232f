"""Review workflow: verdict scale, status/verdict changes, optimistic locking, links, evidence,
history and undo."""

from __future__ import annotations

import pytest
from test_review_support import add_article, add_source

from factcheck.errors import InputError, StaleWriteError
from factcheck.review import evidence, history, links, workflow
from factcheck.review.scale import load_scale


def _events(db):
    return list(db.query("SELECT * FROM events ORDER BY id"))


@pytest.fixture
def claims(db):
    add_source(db, "ministry", "Ministry of Health")
    add_source(db, "red-cross", "Red Cross")
    _, ids = add_article(db, [
        {"text": "Twelve people were hurt in the flood.", "source": "ministry"},
        {"text": "The river rose two metres overnight.", "source": "red-cross"},
        {"text": "The dam held.", "source": "ministry"},
    ])
    return ids


# --- scale --------------------------------------------------------------------------------------------

def test_default_scale_order_values_and_names():
    scale = load_scale()
    assert scale.labels == ("corroborated", "partly corroborated", "unverified", "disputed", "misleading", "false",
                            "not checkable")
    assert (scale.best, scale.worst) == (6, 1)
    values = [v.value for v in scale.verdicts if v.value is not None]
    assert values == sorted(values, reverse=True)
    assert all(scale.worst <= v <= scale.best for v in values)
    assert scale.get("false").alternate_name == "False"
    assert scale.parse("Partly_Corroborated").label == "partly corroborated"
    assert scale.parse("not-checkable").label == "not checkable"


def test_unknown_verdict_lists_valid_values():
    with pytest.raises(InputError) as err:
        load_scale().parse("mostly true")
    assert "corroborated" in str(err.value) and "not checkable" in str(err.value)


# --- status and verdict --------------------------------------------------------------------------------

def test_verdict_sets_reviewed_and_writes_one_event(db, claims):
    row = workflow.mark(db, claims[0], verdict="false", rationale="  Hospital lists show four.  ", reviewer="sara")
    assert (row["verdict"], row["status"], row["rationale"], row["version"]) == (
        "false", "reviewed", "Hospital lists show four.", 2)
    stored = db["claims"].get(claims[0])
    assert (stored["verdict"], stored["status"], stored["updated_by"], stored["version"]) == (
        "false", "reviewed", "sara", 2)
    (event,) = _events(db)
    assert (event["action"], event["entity"], event["claim_id"], event["reviewer"]) == ("mark", "claim", claims[0], "sara")
    assert '"status": "unreviewed"' in event["before"] and '"verdict": "false"' in event["after"]


def test_explicit_status_wins_and_needs_follow_up_is_kept(db, claims):
    workflow.set_status(db, claims[0], "needs follow-up", reviewer="sara")
    workflow.set_verdict(db, claims[0], "unverified", reviewer="sara")
    assert db["claims"].get(claims[0])["status"] == "needs_follow_up"
    workflow.mark(db, claims[1], verdict="disputed", status="in_review", reviewer="sara")
    assert db["claims"].get(claims[1])["status"] == "in_review"


def test_no_op_change_writes_nothing(db, claims):
    workflow.set_status(db, claims[0], "unreviewed", reviewer="sara")
    assert _events(db) == []
    assert db["claims"].get(claims[0])["version"] == 1


@pytest.mark.parametrize(
    "call",
    [
        lambda db, c: workflow.set_status(db, c, "done", reviewer="sara"),
        lambda db, c: workflow.set_verdict(db, c, "mostly true", reviewer="sara"),
        lambda db, c: workflow.set_verdict(db, "1:99", "false", reviewer="sara"),
        lambda db, c: workflow.set_verdict(db, c, "false", reviewer="  "),
    ],
)
def test_bad_input_changes_nothing(db, claims, call):
    with pytest.raises(InputError):
        call(db, claims[0])
    assert _events(db) == []
    assert db["claims"].get(claims[0])["version"] == 1


def test_stale_write_is_refused_naming_who_and_when(db, claims):
    seen = db["claims"].get(claims[0])["version"]
    workflow.set_verdict(db, claims[0], "corroborated", reviewer="sara", expected_version=seen)
    with pytest.raises(StaleWriteError) as err:
        workflow.set_verdict(db, claims[0], "false", reviewer="omar", expected_version=seen)
    message = str(err.value)
    assert message.startswith("claim 1:1 was changed by sara at 20")
    assert "(version 2, you had 1); reload and retry" in message
    assert err.value.changed_by == "sara"
    assert db["claims"].get(claims[0])["verdict"] == "corroborated"
    assert len(_events(db)) == 1
    workflow.set_verdict(db, claims[0], "false", reviewer="omar", expected_version=2)  # after reloading
    assert db["claims"].get(claims[0])["verdict"] == "false"


def test_assign_and_clear(db, claims):
    workflow.assign(db, claims[2], "omar", reviewer="sara")
    assert db["claims"].get(claims[2])["assignee"] == "omar"
    workflow.assign(db, claims[2], "", reviewer="sara")
    assert db["claims"].get(claims[2])["assignee"] is None
    assert [e["action"] for e in _events(db)] == ["assign", "assign"]


# --- links ---------------------------------------------------------------------------------------------

def test_links_are_symmetric_and_validated(db, claims):
    links.add_link(db, claims[1], claims[0], "corroborates", note="same flood", reviewer="sara")
    from_a = links.links_for(db, claims[0])
    from_b = links.links_for(db, claims[1])
    assert [(l["other_ref"], l["relation"], l["other_source"]) for l in from_a] == [("1:2", "corroborates", "Red Cross")]
    assert [(l["other_ref"], l["relation"], l["note"]) for l in from_b] == [("1:1", "corroborates", "same flood")]
    row = db.execute("SELECT claim_a, claim_b FROM links").fetchone()
    assert row == (claims[0], claims[1])
    with pytest.raises(InputError, match="to itself"):
        links.add_link(db, claims[0], claims[0], "related", reviewer="sara")
    with pytest.raises(InputError, match="corroborates, contradicts, same_claim, related"):
        links.add_link(db, claims[0], claims[2], "supports", reviewer="sara")
    links.add_link(db, "1:1", "1:2", "contradicts", reviewer="omar")
    assert links.links_for(db, claims[1])[0]["relation"] == "contradicts"
    assert db.execute("SELECT count(*) FROM links").fetchone()[0] == 1
    links.remove_link(db, claims[1], claims[0], reviewer="omar")
    assert links.links_for(db, claims[0]) == []
    with pytest.raises(InputError, match="not linked"):
        links.remove_link(db, claims[1], claims[0], reviewer="omar")
    assert [e["action"] for e in _events(db)] == ["link", "link", "unlink"]


def test_stale_link_change_is_refused(db, claims):
    row = links.add_link(db, claims[0], claims[1], "related", reviewer="sara")
    links.add_link(db, claims[0], claims[1], "corroborates", reviewer="sara", expected_version=row["version"])
    with pytest.raises(StaleWriteError, match="link 1:1-1:2 was changed by sara"):
        links.remove_link(db, claims[0], claims[1], reviewer="omar", expected_version=row["version"])


# --- evidence ------------------------------------------------------------------------------------------

@pytest.mark.parametrize("url", ["ftp://example.org/a", "javascript:alert(1)", "example.org", "http://", "https://a b"])
def test_evidence_needs_an_http_url(db, claims, url):
    with pytest.raises(InputError, match="http"):
        evidence.add_evidence(db, claims[0], url=url, stance="supports", reviewer="sara")
    assert db.execute("SELECT count(*) FROM evidence").fetchone()[0] == 0
    assert _events(db) == []


def test_evidence_add_list_remove(db, claims):
    with pytest.raises(InputError, match="supports, refutes, context"):
        evidence.add_evidence(db, claims[0], url="https://example.org", stance="agrees", reviewer="sara")
    with pytest.raises(InputError, match="YYYY-MM-DD"):
        evidence.add_evidence(db, claims[0], url="https://example.org", stance="supports", date="24/11/2026",
                              reviewer="sara")
    with pytest.raises(InputError, match="URL or a document"):
        evidence.add_evidence(db, claims[0], stance="supports", reviewer="sara")
    row = evidence.add_evidence(db, claims[0], url="https://example.org/report", title="Report", quote="four injured",
                                date="2026-11-24", stance="refutes", reviewer="sara")
    evidence.add_evidence(db, claims[0], doc_ref="archive box 7", stance="context", reviewer="omar")
    items = evidence.evidence_for(db, claims[0])
    assert [(e["stance"], e["added_by"]) for e in items] == [("refutes", "sara"), ("context", "omar")]
    evidence.remove_evidence(db, row["id"], reviewer="sara")
    assert [e["doc_ref"] for e in evidence.evidence_for(db, claims[0])] == ["archive box 7"]
    assert len(evidence.evidence_for(db, claims[0], include_removed=True)) == 2


# --- history and undo ----------------------------------------------------------------------------------

def test_history_shows_changes_from_both_ends_of_a_link(db, claims):
    workflow.set_verdict(db, claims[0], "false", reviewer="sara")
    links.add_link(db, claims[1], claims[0], "contradicts", reviewer="omar")
    evidence.add_evidence(db, claims[0], url="https://example.org", stance="refutes", reviewer="sara")
    lines = [(e["reviewer"], e["summary"]) for e in history.history(db, claims[0])]
    assert lines == [
        ("sara", "status: unreviewed -> reviewed; verdict: - -> false"),
        ("omar", "linked as contradicts with 1:2"),
        ("sara", "evidence (refutes): https://example.org"),
    ]
    assert [e["summary"] for e in history.history(db, claims[1])] == ["linked as contradicts with 1:1"]


def test_undo_reverts_only_the_reviewers_own_last_change(db, claims):
    workflow.set_verdict(db, claims[0], "false", reviewer="sara")
    workflow.set_verdict(db, claims[1], "corroborated", reviewer="omar")
    links.add_link(db, claims[0], claims[1], "contradicts", reviewer="sara")
    evidence.add_evidence(db, claims[1], url="https://example.org", stance="supports", reviewer="sara")

    assert history.undo_last(db, reviewer="sara")["undone"]["action"] == "evidence"
    assert evidence.evidence_for(db, claims[1]) == []
    assert history.undo_last(db, reviewer="sara")["undone"]["action"] == "link"
    assert links.links_for(db, claims[0]) == []
    result = history.undo_last(db, reviewer="sara")
    assert result["summary"] == "status: unreviewed -> reviewed; verdict: - -> false"
    claim = db["claims"].get(claims[0])
    assert (claim["verdict"], claim["status"], claim["version"]) == (None, "unreviewed", 3)
    assert history.undo_last(db, reviewer="sara") is None
    assert db["claims"].get(claims[1])["verdict"] == "corroborated"  # omar's change stands
    actions = [e["action"] for e in _events(db)]
    assert actions == ["mark", "mark", "link", "evidence", "undo", "undo", "undo"]  # nothing deleted
    undone = [e["undoes"] for e in _events(db) if e["action"] == "undo"]
    assert undone == [4, 3, 1]


def test_undo_refuses_to_overwrite_a_later_change(db, claims):
    workflow.set_verdict(db, claims[0], "false", reviewer="sara")
    workflow.set_verdict(db, claims[0], "disputed", reviewer="omar")
    with pytest.raises(StaleWriteError, match="cannot undo: claim 1:1 was changed by omar"):
        history.undo_last(db, reviewer="sara")
    assert db["claims"].get(claims[0])["verdict"] == "disputed"
    assert [e["action"] for e in _events(db)] == ["mark", "verdict"]


def test_undo_unlink_and_relation_change(db, claims):
    links.add_link(db, claims[0], claims[1], "related", note="n", reviewer="sara")
    links.add_link(db, claims[0], claims[1], "corroborates", reviewer="sara")
    links.remove_link(db, claims[0], claims[1], reviewer="sara")
    history.undo_last(db, reviewer="sara")
    assert links.links_for(db, claims[0])[0]["relation"] == "corroborates"
    history.undo_last(db, reviewer="sara")
    (link,) = links.links_for(db, claims[0])
    assert (link["relation"], link["note"]) == ("related", "n")
    history.undo_last(db, reviewer="sara")
    assert links.links_for(db, claims[0]) == []
