"""Links between two claims (also across articles). Symmetric: stored once with claim_a < claim_b."""

from __future__ import annotations

from typing import Any

from sqlite_utils import Database

from factcheck.errors import InputError
from factcheck.review import RELATIONS
from factcheck.review.base import (
    check_reviewer,
    check_version,
    claim_ref,
    fetch_all,
    fetch_one,
    insert_row,
    load_claim,
    normalise_choice,
    record_event,
    write_tx,
)
from factcheck.review.graph import SourceGraph
from factcheck.store.util import now_iso

ORIGINS = ("reviewer", "suggestion")


def parse_relation(relation: str) -> str:
    return normalise_choice(relation, RELATIONS, "relation")


def _pair(db: Database, a, b, verb: str = "link") -> tuple[dict[str, Any], dict[str, Any]]:
    first, second = load_claim(db, a), load_claim(db, b)
    if first["id"] == second["id"]:
        if verb == "unlink":
            raise InputError(f"claim {claim_ref(first)} is never linked to itself")
        raise InputError(f"cannot link claim {claim_ref(first)} to itself")
    return first, second


def get_link(db: Database, a: int, b: int) -> dict[str, Any] | None:
    lo, hi = sorted((a, b))
    return fetch_one(db, "SELECT * FROM links WHERE claim_a = ? AND claim_b = ?", [lo, hi])


def _label(first: dict[str, Any], second: dict[str, Any]) -> str:
    return f"link {claim_ref(first)}-{claim_ref(second)}"


def add_link(
    db: Database,
    a: int | str,
    b: int | str,
    relation: str,
    *,
    reviewer: str,
    note: str | None = None,
    origin: str = "reviewer",
    score: float | None = None,
    expected_version: int | None = None,
) -> dict[str, Any]:
    """Link two claims, or change the relation/note of their existing link. Returns the link row."""
    reviewer = check_reviewer(reviewer)
    relation = parse_relation(relation)
    origin = normalise_choice(origin, ORIGINS, "link origin")
    note = (note or "").strip() or None
    with write_tx(db):
        first, second = _pair(db, a, b)
        lo, hi = sorted((first["id"], second["id"]))
        existing = get_link(db, lo, hi)
        stamp = now_iso()
        if existing is not None:
            check_version(db, _label(first, second), "link", existing, expected_version)
            changes = {"relation": relation}
            if note is not None:
                changes["note"] = note
            if all(existing[k] == v for k, v in changes.items()):
                return existing
            row = {**existing, **changes, "version": existing["version"] + 1}
            db.execute(
                "UPDATE links SET relation = ?, note = ?, version = ? WHERE id = ?",
                [row["relation"], row["note"], row["version"], row["id"]],
            )
        else:
            row = {
                "claim_a": lo,
                "claim_b": hi,
                "relation": relation,
                "note": note,
                "origin": origin,
                "score": score,
                "version": 1,
                "created_at": stamp,
                "created_by": reviewer,
            }
            row = {"id": insert_row(db, "links", row), **row}
        record_event(
            db,
            reviewer=reviewer,
            action="link",
            entity="link",
            entity_id=row["id"],
            article_id=first["article_id"],
            claim_id=first["id"],
            before=existing,
            after=row,
        )
        return row


def remove_link(
    db: Database, a: int | str, b: int | str, *, reviewer: str, expected_version: int | None = None
) -> dict[str, Any]:
    """Remove the link between two claims; returns the removed row."""
    reviewer = check_reviewer(reviewer)
    with write_tx(db):
        first, second = _pair(db, a, b, "unlink")
        existing = get_link(db, first["id"], second["id"])
        if existing is None:
            raise InputError(f"claims {claim_ref(first)} and {claim_ref(second)} are not linked")
        check_version(db, _label(first, second), "link", existing, expected_version)
        db.execute("DELETE FROM links WHERE id = ?", [existing["id"]])
        record_event(
            db,
            reviewer=reviewer,
            action="unlink",
            entity="link",
            entity_id=existing["id"],
            article_id=first["article_id"],
            claim_id=first["id"],
            before=existing,
            after=None,
        )
        return existing


def links_for(db: Database, claim_id: int | str, graph: SourceGraph | None = None) -> list[dict[str, Any]]:
    """Every link of a claim, read from its side: the other claim's ref, text and effective source."""
    from factcheck.review.attribution import effective_for_claims

    claim = load_claim(db, claim_id)
    rows = fetch_all(
        db,
        "SELECT l.*, c.id AS other_id, c.article_id AS other_article_id, c.idx AS other_idx,"
        " c.text AS other_text, c.verdict AS other_verdict"
        " FROM links l JOIN claims c ON c.id = CASE WHEN l.claim_a = ? THEN l.claim_b ELSE l.claim_a END"
        " WHERE l.claim_a = ? OR l.claim_b = ?",
        [claim["id"], claim["id"], claim["id"]],
    )
    effective = effective_for_claims(db, [r["other_id"] for r in rows], graph)
    out = []
    for row in rows:
        att = effective[row["other_id"]]
        out.append(
            {
                "id": row["id"],
                "relation": row["relation"],
                "other_id": row["other_id"],
                "other_ref": f"{row['other_article_id']}:{row['other_idx']}",
                "other_article_id": row["other_article_id"],
                "other_text": row["other_text"],
                "other_verdict": row["other_verdict"],
                "other_source": att["name"],
                "other_source_id": att["source_id"],
                "other_kind": att["kind"],
                "note": row["note"],
                "origin": row["origin"],
                "score": row["score"],
                "created_by": row["created_by"],
                "created_at": row["created_at"],
                "version": row["version"],
            }
        )
    out.sort(key=lambda r: (RELATIONS.index(r["relation"]), r["other_article_id"], r["other_id"]))
    return out
