"""The reference article (../shared/seed, skipped without it): reviewed, then exported in every format."""

from __future__ import annotations

import csv
import json

from test_export_data import FIXED_TIME, ORG
from test_export_formats import parse

from factcheck.export import FORMATS, collect, export_to_path, import_review, render
from factcheck.export.csvfmt import COLUMNS
from factcheck.ingest.pipeline import ingest_path
from factcheck.review.evidence import add_evidence
from factcheck.review.links import add_link
from factcheck.review.workflow import mark, set_status
from factcheck.store import open_db


def test_reference_article_in_every_format(shared_dir, db, tmp_path):
    aid = ingest_path(db, shared_dir / "seed" / "seed_ar.txt", reviewer="ingester").article_id
    refs = [f"{aid}:{r['idx']}" for r in db.query("SELECT idx FROM claims WHERE article_id = ? ORDER BY idx", [aid])]
    assert len(refs) >= 4
    mark(db, refs[0], verdict="corroborated", rationale="أكدته مصادر مستقلة.", reviewer="ann")
    mark(db, refs[1], verdict="disputed", rationale="Two counts differ <b>here</b>.", reviewer="bob")
    mark(db, refs[2], verdict="not checkable", reviewer="bob")
    set_status(db, refs[3], "in_review", reviewer="ann")
    add_link(db, refs[0], refs[1], "corroborates", reviewer="ann")
    add_link(db, refs[1], refs[2], "contradicts", reviewer="bob", note="different numbers")
    add_evidence(db, refs[0], stance="supports", url="https://example.org/statement", title="Statement",
                 reviewer="ann")

    paths = {fmt: export_to_path(db, aid, fmt, tmp_path / f"reference.{fmt}", generated_at=FIXED_TIME, **ORG)
             for fmt in FORMATS}
    review = collect(db, aid, generated_at=FIXED_TIME)
    assert [c["idx"] for c in review["claims"]] == list(range(1, len(refs) + 1))

    page = parse(paths["html"].read_text(encoding="utf-8"))
    assert page.errors == [] and "script" not in [t for t, _ in page.tags]
    assert [a["id"] for t, a in page.tags if t == "section" and a.get("class") == "claim"] == [
        f"claim-{i}" for i in range(1, len(refs) + 1)]

    md = paths["md"].read_text(encoding="utf-8")
    assert md.count('<div dir="rtl">') >= len(refs) and "Arabic (ar)" in md

    with paths["csv"].open(encoding="utf-8-sig", newline="") as fh:
        rows = list(csv.reader(fh))
    assert tuple(rows[0]) == COLUMNS and len(rows) == len(refs) + 1
    assert all(not cell.startswith(("=", "+", "-", "@")) for row in rows for cell in row)

    graph = json.loads(paths["claimreview"].read_text(encoding="utf-8"))["@graph"]
    assert len(graph) == 3
    from factcheck.export.claimreview import claim_reviewed

    decided = {claim_reviewed(c): c for c in review["claims"] if c["verdict"]}
    for node in graph:
        att = decided[node["claimReviewed"]]["attribution"]
        if att["kind"] == "anonymous":  # an unnamed source is no Person
            assert "author" not in node["itemReviewed"]
        elif att["kind"] != "unattributed":  # an unattributed claim is the outlet's, and this one names none
            assert node["itemReviewed"]["author"]["name"] == att["name"]

    fresh = open_db(tmp_path / "fresh.db")
    result = import_review(fresh, json.loads(paths["json"].read_text(encoding="utf-8")), reviewer="carol")
    again = json.loads(render(fresh, result.article_id, "json", generated_at=FIXED_TIME))
    original = json.loads(paths["json"].read_text(encoding="utf-8"))
    # same review state; the history comes back as imported provenance plus carol's import changes
    assert {k: v for k, v in again.items() if k not in ("events", "reviewers")} == {
        k: v for k, v in original.items() if k not in ("events", "reviewers")}
    assert sum(1 for ev in again["events"] if ev.get("origin")) == sum(
        1 for ev in original["events"] if ev["action"] != "import")
    fresh.close()
