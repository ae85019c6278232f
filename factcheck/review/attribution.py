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


def exact_source(db: Database, name: int | str) -> int | None:
    """The source a reviewer named *exactly*: ``#id``/id, key, or a stored name or alias (spelling
    folded: alef forms, case); merged-away sources resolve to their target. No fuzzy matching."""
    from factcheck.store.refs import MAX_ID, parse_id
    from factcheck.store.sources_repo import surviving
    from factcheck.text.normalize import fold_name

    if isinstance(name, int) and not isinstance(name, bool):
        row = fetch_one(db, "SELECT id FROM sources WHERE id = ?", [name])
        return surviving(db, row["id"]) if row else None
    query = " ".join(str(name).split())
    if not query:
        return None
    number = parse_id(query[1:] if query.startswith("#") else query)
    if number is not None and number <= MAX_ID:
        row = fetch_one(db, "SELECT id FROM sources WHERE id = ?", [number])
        if row:
            return surviving(db, row["id"])
    row = fetch_one(db, "SELECT id FROM sources WHERE key = ? COLLATE NOCASE", [query])
    if row:
        return surviving(db, row["id"])
    norm = fold_name(query)
    row = fetch_one(db, "SELECT source_id FROM source_aliases WHERE alias_norm = ? ORDER BY source_id LIMIT 1",
                    [norm]) if norm else None
    return surviving(db, row["source_id"]) if row else None


#: rapidfuzz ratio (0-100) from which a stored name counts as close to a typed one.
NEAR_RATIO = 80


def near_sources(db: Database, name: str, *, limit: int = 3) -> list[dict[str, Any]]:
    """Stored sources whose name or an alias is close to ``name`` (a typo, a longer or shorter form),
    closest first: ``[{id, name, kind, score}]``. The exact match itself is not included."""
    from rapidfuzz import fuzz

    from factcheck.store.sources_repo import surviving
    from factcheck.text.normalize import fold_name

    norm = fold_name(" ".join(str(name).split()))
    if not norm:
        return []
    exact = exact_source(db, name)
    best: dict[int, float] = {}
    for source_id, alias_norm in db.execute("SELECT source_id, alias_norm FROM source_aliases"):
        shorter, longer = sorted((len(norm), len(alias_norm)))
        if not longer or shorter / longer < 0.6:  # "UN" is not close to "UNICEF"
            continue
        score = fuzz.ratio(norm, alias_norm)
        if score >= NEAR_RATIO:
            sid = surviving(db, source_id)
            if sid != exact and score > best.get(sid, 0):
                best[sid] = score
    out = []
    for sid, score in sorted(best.items(), key=lambda kv: (-kv[1], kv[0]))[:limit]:
        row = fetch_one(db, "SELECT id, name, kind FROM sources WHERE id = ?", [sid])
        if row:
            out.append({**row, "score": round(score, 1)})
    return out


def resolve_source(
    db: Database, source: int | str, *, kind: str | None = None, lang: str = "en", reviewer: str | None = None,
    create: bool = True, notes: list[str] | None = None, near_ok: bool = True, role: str = "source",
) -> int:
    """A source id for an id, key or exact name; an unknown name becomes a new source (needs ``kind``
    unless the registry knows it exactly). Call inside a write transaction when ``create`` is true.

    The name a reviewer typed wins: it is never mapped fuzzily onto another source. When it is close
    to a stored source, a line saying so goes to ``notes``, or, with ``near_ok=False`` (conduits,
    where a typo would silently create a new agency), the name is refused with the close ones.
    """
    from factcheck.store.sources_repo import ensure_source

    if isinstance(source, int) and not isinstance(source, bool):
        row = fetch_one(db, "SELECT id FROM sources WHERE id = ?", [source])
        if row is None:
            raise InputError(f"no source with id {source}")
        return SourceGraph(db).resolve(source)["id"]
    name = " ".join(str(source).split())
    if not name:
        raise InputError("a source name is required")
    found = exact_source(db, name)
    if found is not None:
        return found
    from factcheck.sources.registry import default_registry

    registry = default_registry()
    # A typed registry id or exact name ("pentagon", "the-economist") counts even in lower case.
    entry = registry.get(name) or registry.get(name.lower())  # an id, or an exact name or alias
    if entry is not None:
        if not create:
            raise InputError(f"no source {name!r} (see 'factcheck sources')")
        return ensure_source(db, registry.source_ref(entry), registry, reviewer=reviewer)
    near = near_sources(db, name)
    close = ", ".join(f"{n['name']!r} (#{n['id']})" for n in near)
    if not create:
        raise InputError(f"no source {name!r}" + (f"; close: {close}" if near else " (see 'factcheck sources')"))
    if near and not near_ok:
        raise InputError(f"unknown {role} {name!r}: did you mean {close}? Give the exact name, or --new-source "
                         "to create it")
    if kind is None:
        raise InputError(f"unknown source {name!r}: give its kind to create it; valid: {', '.join(KINDS)}"
                         + (f" (close: {close})" if near else ""))
    new_id = ensure_source(db, registry.make_source(name, kind, lang=lang), registry, reviewer=reviewer)
    if notes is not None:
        if near:
            first = near[0]
            notes.append(f"{name!r} is a new source ({kind}); it is close to {first['name']!r} (#{first['id']}). "
                         f"If they are one: factcheck sources --merge '#{first['id']}' '#{new_id}'")
        else:
            notes.append(f"{name!r} is a new source ({kind})")
    return new_id


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
    new_sources: bool = False,
) -> dict[str, Any]:
    """Correct a claim's attribution; ``via=None`` keeps the extracted via chain, ``()`` clears it.

    Names are taken exactly (see :func:`resolve_source`); a conduit name close to a stored source is
    refused unless ``new_sources``. ``expected_version`` is the claim's version; the change bumps it.
    Returns the effective attribution plus ``notes``: lines about new sources close to stored ones.
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
        notes: list[str] = []
        source_id = resolve_source(db, source, kind=kind, lang=lang, reviewer=reviewer, notes=notes)
        via_ids = None
        if via is not None:
            via_ids = [resolve_source(db, hop, kind="agency", lang=lang, reviewer=reviewer, notes=notes,
                                      near_ok=new_sources, role="conduit (via)") for hop in via]
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
        return {**effective_for_claims(db, [claim["id"]])[claim["id"]], "notes": notes}


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
