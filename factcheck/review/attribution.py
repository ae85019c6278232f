"""Effective attribution of claims, and reviewer corrections of it.

The engine's record (``attributions`` + ``attribution_via``) is never edited. A reviewer's correction
lives in ``claim_overrides``; the effective attribution is the override where one exists, else the
extracted record, with merged sources resolved to the source they were merged into.

The claim's *origin* is where the words come from: its source, or, when the source is only
"reports" or unattributed, the conduit nearest the words (the first via hop). Via hops are conduits:
AFP relaying Iraqi security sources has the security sources as its origin.
"""

from __future__ import annotations

from typing import Any, Iterable

from sqlite_utils import Database

from factcheck.errors import InputError
from factcheck.model import KINDS
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
    update_row,
    write_tx,
)
from factcheck.review.graph import SourceGraph, brief
from factcheck.store.util import dumps, loads, now_iso

#: Kinds that say nothing about who is behind the words.
UNKNOWN_ORIGIN_KINDS = ("unattributed", "reports")


def _span(row: dict[str, Any] | None, prefix: str) -> dict[str, Any] | None:
    if not row or row.get(f"{prefix}_start") is None:
        return None
    return {"start": row[f"{prefix}_start"], "end": row[f"{prefix}_end"], "text": row[f"{prefix}_text"]}


def _hop(graph: SourceGraph, source_id: int, mention: dict[str, Any] | None) -> dict[str, Any] | None:
    row = graph.resolve(source_id)
    if row is None:
        return None
    root = graph.root(row["id"])
    return {**brief(row), "source_id": row["id"], "mention": mention, "family_root": root["name"] if root else None}


def _build(
    claim_id: int,
    att: dict[str, Any] | None,
    via_rows: list[dict[str, Any]],
    override: dict[str, Any] | None,
    graph: SourceGraph,
) -> dict[str, Any]:
    extracted_source = graph.resolve(att["source_id"]) if att else None
    extracted_via = [h for h in (_hop(graph, v["source_id"], _span(v, "mention")) for v in via_rows) if h]
    extracted = {
        "source_id": extracted_source["id"] if extracted_source else None,
        "name": extracted_source["name"] if extracted_source else "unattributed",
        "kind": extracted_source["kind"] if extracted_source else "unattributed",
        "role": att.get("role") if att else None,
        "via": [h["name"] for h in extracted_via],
    }
    source, via, role, kind = extracted_source, extracted_via, extracted["role"], extracted["kind"]
    if override:
        source = graph.resolve(override["source_id"]) or source
        kind = override["kind"] or (source["kind"] if source else kind)
        if override["role"] is not None:
            role = override["role"]
        elif not extracted_source or source is None or source["id"] != extracted_source["id"]:
            role = source["role"] if source else None
        via_ids = loads(override["via"])
        if via_ids is not None:
            via = [h for h in (_hop(graph, sid, None) for sid in via_ids) if h]
    chain = graph.family(source["id"]) if source else []
    origin, origin_known = source, kind not in UNKNOWN_ORIGIN_KINDS
    if not origin_known and via:
        origin, origin_known = graph.resolve(via[0]["source_id"]), True
    origin_root = graph.root(origin["id"]) if origin else None
    return {
        "claim_id": claim_id,
        "source_id": source["id"] if source else None,
        "source_key": source["key"] if source else None,
        "name": source["name"] if source else "unattributed",
        "kind": kind,
        "role": role,
        "affiliation": source["affiliation"] if source else None,
        "grade": (source["grade"] or "F") if source else "F",
        "family": [r["name"] for r in chain],
        "family_ids": [r["id"] for r in chain],
        "family_root": chain[-1]["name"] if chain else None,
        "family_root_id": chain[-1]["id"] if chain else None,
        "mention": _span(att, "mention"),
        "cue": _span(att, "cue"),
        "mode": att.get("mode") if att else "none",
        "confidence": att.get("confidence") if att else None,
        "reason": att.get("reason") if att else None,
        "via": via,
        "origin": brief(origin),
        "origin_root": brief(origin_root),
        "origin_known": origin_known,
        "overridden": override is not None,
        "override": (
            {k: override[k] for k in ("note", "updated_by", "updated_at", "version")} if override else None
        ),
        "extracted": extracted,
    }


def effective_for_claims(
    db: Database, claim_ids: Iterable[int], graph: SourceGraph | None = None
) -> dict[int, dict[str, Any]]:
    """claim id -> effective attribution, for any set of claims (three queries in all)."""
    ids = list(dict.fromkeys(claim_ids))
    if not ids:
        return {}
    graph = graph or SourceGraph(db)
    param = [dumps(ids)]
    atts = {
        r["claim_id"]: r
        for r in fetch_all(db, "SELECT * FROM attributions WHERE claim_id IN (SELECT value FROM json_each(?))", param)
    }
    vias: dict[int, list[dict[str, Any]]] = {}
    for row in fetch_all(
        db,
        "SELECT v.*, a.claim_id FROM attribution_via v JOIN attributions a ON a.id = v.attribution_id"
        " WHERE a.claim_id IN (SELECT value FROM json_each(?)) ORDER BY a.claim_id, v.position",
        param,
    ):
        vias.setdefault(row["claim_id"], []).append(row)
    overrides = {
        r["claim_id"]: r
        for r in fetch_all(db, "SELECT * FROM claim_overrides WHERE claim_id IN (SELECT value FROM json_each(?))", param)
    }
    return {cid: _build(cid, atts.get(cid), vias.get(cid, []), overrides.get(cid), graph) for cid in ids}


def effective_attribution(db: Database, claim_id: int | str, graph: SourceGraph | None = None) -> dict[str, Any]:
    row = load_claim(db, claim_id)
    return effective_for_claims(db, [row["id"]], graph)[row["id"]]


def effective_attributions(db: Database, article_id: int, graph: SourceGraph | None = None) -> dict[int, dict[str, Any]]:
    ids = [r[0] for r in db.execute("SELECT id FROM claims WHERE article_id = ? ORDER BY idx", [article_id])]
    return effective_for_claims(db, ids, graph)


# --- reviewer overrides ----------------------------------------------------------------------------


def resolve_source(
    db: Database, source: int | str, *, kind: str | None = None, lang: str = "en", reviewer: str | None = None,
    create: bool = True,
) -> int:
    """A source id for an id, key or name; an unknown name becomes a new source (needs ``kind``
    unless the registry knows it). Call inside a write transaction when ``create`` is true."""
    from factcheck.store.sources_repo import ensure_source, find_source

    if isinstance(source, int) and not isinstance(source, bool):
        row = fetch_one(db, "SELECT id FROM sources WHERE id = ?", [source])
        if row is None:
            raise InputError(f"no source with id {source}")
        return SourceGraph(db).resolve(source)["id"]
    name = " ".join(str(source).split())
    if not name:
        raise InputError("a source name is required")
    found = find_source(db, name)
    if found is not None:
        return found["id"]
    if not create:
        raise InputError(f"no source {name!r} (see 'factcheck sources')")
    from factcheck.sources.registry import default_registry

    registry = default_registry()
    # A typed registry id or exact name ("pentagon", "the-economist") counts even in lower case.
    entry = registry.resolve(name, lang) or registry.get(name)
    if entry is not None:
        return ensure_source(db, registry.source_ref(entry), registry, reviewer=reviewer)
    if kind is None:
        raise InputError(f"unknown source {name!r}: give its kind to create it; valid: {', '.join(KINDS)}")
    return ensure_source(db, registry.make_source(name, kind, lang=lang), registry, reviewer=reviewer)


def _override_row(db: Database, claim_id: int) -> dict[str, Any] | None:
    return fetch_one(db, "SELECT * FROM claim_overrides WHERE claim_id = ?", [claim_id])


def override_attribution(
    db: Database,
    claim_id: int | str,
    *,
    source: int | str,
    reviewer: str,
    kind: str | None = None,
    via: Iterable[int | str] | None = None,
    role: str | None = None,
    note: str | None = None,
    expected_version: int | None = None,
) -> dict[str, Any]:
    """Correct a claim's attribution; ``via=None`` keeps the extracted via chain, ``()`` clears it.

    ``expected_version`` is the claim's version; the change bumps it. Returns the effective attribution.
    """
    reviewer = check_reviewer(reviewer)
    if kind is not None:
        kind = normalise_choice(kind, KINDS, "kind")
    with write_tx(db):
        claim = load_claim(db, claim_id)
        check_version(db, f"claim {claim_ref(claim)}", "claim", claim, expected_version)
        lang = (fetch_one(db, "SELECT language FROM articles WHERE id = ?", [claim["article_id"]]) or {}).get(
            "language"
        ) or "en"
        source_id = resolve_source(db, source, kind=kind, lang=lang, reviewer=reviewer)
        via_ids = None
        if via is not None:
            via_ids = [resolve_source(db, hop, kind="agency", lang=lang, reviewer=reviewer) for hop in via]
            if source_id in via_ids:
                raise InputError("a source cannot be its own conduit (via)")
        before = _override_row(db, claim["id"])
        stamp = now_iso()
        row = {
            "claim_id": claim["id"],
            "source_id": source_id,
            "kind": kind,
            "role": (role or "").strip() or None,
            "via": dumps(via_ids),
            "note": (note or "").strip() or None,
            "version": (before["version"] + 1) if before else 1,
            "updated_at": stamp,
            "updated_by": reviewer,
        }
        _write_override(db, claim["id"], row)
        update_row(db, "claims", "id", claim["id"], {"updated_at": stamp, "updated_by": reviewer})
        record_event(
            db,
            reviewer=reviewer,
            action="override",
            entity="claim",
            entity_id=claim["id"],
            article_id=claim["article_id"],
            claim_id=claim["id"],
            before={"override": before, "version": claim["version"]},
            after={"override": row, "version": claim["version"] + 1},
        )
        return effective_for_claims(db, [claim["id"]])[claim["id"]]


def clear_override(db: Database, claim_id: int | str, *, reviewer: str, expected_version: int | None = None) -> bool:
    """Go back to the extracted attribution; False when there was no override."""
    reviewer = check_reviewer(reviewer)
    with write_tx(db):
        claim = load_claim(db, claim_id)
        check_version(db, f"claim {claim_ref(claim)}", "claim", claim, expected_version)
        before = _override_row(db, claim["id"])
        if before is None:
            return False
        _write_override(db, claim["id"], None)
        update_row(db, "claims", "id", claim["id"], {"updated_at": now_iso(), "updated_by": reviewer})
        record_event(
            db,
            reviewer=reviewer,
            action="override",
            entity="claim",
            entity_id=claim["id"],
            article_id=claim["article_id"],
            claim_id=claim["id"],
            before={"override": before, "version": claim["version"]},
            after={"override": None, "version": claim["version"] + 1},
        )
        return True


def _write_override(db: Database, claim_id: int, row: dict[str, Any] | None) -> None:
    """Replace the override row of a claim (``None`` removes it); used by undo too."""
    db.execute("DELETE FROM claim_overrides WHERE claim_id = ?", [claim_id])
    if row is not None:
        insert_row(db, "claim_overrides", row)
