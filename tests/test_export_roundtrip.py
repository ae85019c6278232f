"""JSON reviews move between databases: import-review without duplicates, identical re-export."""

from __future__ import annotations

import json

import pytest
from test_export_data import ARTICLE_EN, FIXED_TIME, build_review, claim_row

from factcheck.errors import InputError
from factcheck.export import FORMATS, collect, import_review, render
from factcheck.ingest.pipeline import ingest_text
from factcheck.store import open_db

TABLES = ("articles", "sources", "source_aliases", "claims", "attributions", "attribution_via", "claim_overrides",
          "links", "suggestions", "evidence", "events")


def counts(db) -> dict[str, int]:
    return {t: db.execute(f"SELECT count(*) FROM {t}").fetchone()[0] for t in TABLES}


def exported(db, article_id) -> dict:
    return json.loads(render(db, article_id, "json", generated_at=FIXED_TIME))


def review_state(data: dict) -> dict:
    """An export without its history: the import's own changes are events by the importer, and
    the file's events come back marked as imported (see test_hardening_import)."""
    return {k: v for k, v in data.items() if k not in ("events", "reviewers")}


def check_history(data: dict, original: dict, importer: str) -> None:
    """Every event of the original is in the copy, marked with its origin; the rest are the importer's."""
    def key(ev):
        return json.dumps({k: v for k, v in ev.items() if k != "origin"}, sort_keys=True)

    mine = [ev for ev in data["events"] if "origin" not in ev]
    assert {key(ev) for ev in original["events"] if ev["action"] != "import"} <= {
        key(ev) for ev in data["events"] if "origin" in ev}
    assert all(ev["reviewer"] == importer for ev in mine)


@pytest.fixture
def source_db(db):
    return db, build_review(db)


@pytest.fixture
def fresh(tmp_path):
    target = open_db(tmp_path / "other.db")
    yield target
    target.close()


def test_round_trip_gives_an_identical_export(source_db, fresh):
    db, built = source_db
    en, ar = exported(db, built.en), exported(db, built.ar)
    first = import_review(fresh, en, reviewer="carol")
    assert first.article_created and first.claims_added == len(en["claims"])
    assert any("does not hold" in s for s in first.skipped)  # links into the Arabic article wait for it
    second = import_review(fresh, ar, reviewer="carol")
    assert second.links_added == 3 and not second.skipped
    en_id = fresh.execute("SELECT id FROM articles WHERE sha256 = ?", [en["article"]["sha256"]]).fetchone()[0]
    ar_id = fresh.execute("SELECT id FROM articles WHERE sha256 = ?", [ar["article"]["sha256"]]).fetchone()[0]
    assert review_state(exported(fresh, en_id)) == review_state(en)
    assert review_state(exported(fresh, ar_id)) == review_state(ar)
    check_history(exported(fresh, en_id), en, "carol")
    for fmt in ("csv", "claimreview"):  # and so is every report made from the review state
        opts = {"org_name": "Desk", "org_url": "https://desk.example"} if fmt == "claimreview" else {}
        assert render(fresh, en_id, fmt, generated_at=FIXED_TIME, **opts) == render(
            db, built.en, fmt, generated_at=FIXED_TIME, **opts)


def test_import_order_does_not_matter(source_db, fresh):
    """Local ids come out in another order when the Arabic review arrives first: same export."""
    db, built = source_db
    en, ar = exported(db, built.en), exported(db, built.ar)
    import_review(fresh, ar, reviewer="carol")
    import_review(fresh, en, reviewer="carol")
    for data, article_id in ((en, built.en), (ar, built.ar)):
        here = fresh.execute("SELECT id FROM articles WHERE sha256 = ?", [data["article"]["sha256"]]).fetchone()[0]
        assert review_state(exported(fresh, here)) == review_state(exported(db, article_id))


def test_importing_again_changes_nothing(source_db, fresh):
    db, built = source_db
    en, ar = exported(db, built.en), exported(db, built.ar)
    import_review(fresh, en, reviewer="carol")
    import_review(fresh, ar, reviewer="carol")
    before = counts(fresh)
    for data in (en, ar, en):
        result = import_review(fresh, data, reviewer="carol")
        assert not result.changed, result
    assert counts(fresh) == before
    # the source database holds the same rows, apart from the importer's own events
    imports = fresh.execute("SELECT count(*) FROM events WHERE action = 'import'").fetchone()[0]
    assert imports == 2
    local = fresh.execute("SELECT count(*) FROM events WHERE origin IS NULL").fetchone()[0]
    assert local == fresh.execute("SELECT count(*) FROM events WHERE reviewer = 'carol'").fetchone()[0]
    assert {**counts(fresh), "events": before["events"] - local} == counts(db)


def test_import_into_a_database_that_already_has_the_article(source_db, fresh):
    db, built = source_db
    ingest_text(fresh, ARTICLE_EN, title="same text, ingested here", reviewer="dave")
    claims_before = fresh.execute("SELECT count(*) FROM claims").fetchone()[0]
    result = import_review(fresh, exported(db, built.en), reviewer="carol")
    assert not result.article_created and result.claims_added == 0
    reviewed = [c for c in exported(db, built.en)["claims"]
                if c["status"] != "unreviewed" or c["verdict"] or c["rationale"] or c["assignee"]]
    assert result.claims_updated == len(reviewed) > 0
    assert fresh.execute("SELECT count(*) FROM claims").fetchone()[0] == claims_before
    review = collect(fresh, result.article_id)
    assert claim_row(review, built.refs["ships"])["verdict"] == "corroborated"
    assert claim_row(review, built.refs["ships"])["attribution"]["name"] == "Maria Lopez"


def test_history_and_undo_act_on_the_imported_records(source_db, fresh):
    from factcheck.review.history import history, undo_last

    db, built = source_db
    import_review(fresh, exported(db, built.en), reviewer="carol")
    import_review(fresh, exported(db, built.ar), reviewer="carol")
    art = fresh.execute("SELECT id FROM articles WHERE sha256 = ?",
                        [exported(db, built.en)["article"]["sha256"]]).fetchone()[0]
    idx = built.refs["ships"].split(":")[1]
    lines = [e["summary"] for e in history(fresh, f"{art}:{idx}")]
    assert any("linked as contradicts with" in line for line in lines)
    assert undo_last(fresh, reviewer="ann") is None  # ann's events are provenance: not her changes here
    undone = undo_last(fresh, reviewer="carol")  # the import's last change is carol's, and undoable
    assert undone is not None
    assert fresh.execute("PRAGMA foreign_key_check").fetchall() == []


def test_bad_files_are_refused_before_anything_is_written(source_db, fresh):
    db, built = source_db
    good = exported(db, built.en)
    before = counts(fresh)
    tampered = json.loads(json.dumps(good))
    tampered["article"]["text"] += " extra"
    shifted = json.loads(json.dumps(good))
    shifted["claims"][1]["start"] += 1
    newer = dict(good, schema="factcheck.review/9")
    unknown_source = json.loads(json.dumps(good))
    unknown_source["claims"][0]["extracted"]["source"] = "nobody-knows"
    for data, message in [
        (tampered, "does not match its sha256"),
        (shifted, "does not match the article"),
        (newer, "newer than this factcheck"),
        (unknown_source, "unknown source"),
        ([], "expected a JSON object"),
        ({"schema": "something/1"}, "schema"),
        (dict(good, claims="x"), "bad review file"),
    ]:
        with pytest.raises(InputError, match=message):
            import_review(fresh, data, reviewer="carol")
    assert counts(fresh) == before


def test_a_differently_split_article_is_refused_whole(source_db, fresh):
    db, built = source_db
    data = exported(db, built.en)
    import_review(fresh, data, reviewer="carol")
    before = counts(fresh)
    claim = data["claims"][2]
    claim["end"] -= 1
    claim["text"] = data["article"]["text"][claim["start"]:claim["end"]]
    with pytest.raises(InputError, match="split differently"):
        import_review(fresh, data, reviewer="carol")
    assert counts(fresh) == before
