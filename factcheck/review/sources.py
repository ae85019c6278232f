"""Canonical sources for reviewers: overview with claim counts, merge, rename and grade.

Merging sets ``merged_into`` on the merged source; every attribution and override that pointed to it
resolves to the surviving source, the extracted record stays untouched, and undo clears it again.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from typing import Any

from sqlite_utils import Database

from factcheck.errors import InputError
from factcheck.review import GRADES
from factcheck.review.base import (
    check_reviewer,
    check_version,
    fetch_one,
    record_event,
    update_row,
    write_tx,
)
from factcheck.review.graph import SourceGraph
from factcheck.store.util import now_iso


def load_source(db: Database, source: int | str) -> dict[str, Any]:
    """A source row (merged sources resolve to their survivor) by id, ``#id``, key or name."""
    from factcheck.store.sources_repo import find_source

    if isinstance(source, int) and not isinstance(source, bool):
        row = SourceGraph(db).resolve(source)
    else:
        row = find_source(db, source)
    if row is None:
        raise InputError(f"no source {source!r} (see 'factcheck sources')")
    return fetch_one(db, "SELECT * FROM sources WHERE id = ?", [row["id"]])


def _label(row: dict[str, Any]) -> str:
    return f"source {row['name']!r} (#{row['id']})"


def _update_source(
    db: Database, row: dict[str, Any], changes: dict[str, Any], action: str, *, reviewer: str,
    expected_version: int | None, extra: dict[str, Any] | None = None,
) -> dict[str, Any]:
    """One versioned change of a source row, with its event (inside the caller's transaction)."""
    check_version(db, _label(row), "source", row, expected_version)
    diff = {k: v for k, v in changes.items() if row[k] != v}
    if not diff:
        return row
    stamp = now_iso()
    update_row(db, "sources", "id", row["id"], {**diff, "updated_at": stamp, "updated_by": reviewer})
    record_event(
        db,
        reviewer=reviewer,
        action=action,
        entity="source",
        entity_id=row["id"],
        before={**{k: row[k] for k in diff}, "version": row["version"]},
        after={**diff, "version": row["version"] + 1, **(extra or {})},
    )
    return {**row, **diff, "version": row["version"] + 1, "updated_at": stamp, "updated_by": reviewer}


def grade_source(db: Database, source: int | str, grade: str, *, reviewer: str,
                 expected_version: int | None = None) -> dict[str, Any]:
    """Set the Admiralty reliability grade (A-F) of a source."""
    reviewer = check_reviewer(reviewer)
    letter = str(grade).strip().upper()
    if letter not in GRADES:
        raise InputError(f"unknown grade {grade!r}; valid: {', '.join(GRADES)}")
    with write_tx(db):
        row = load_source(db, source)
        return _update_source(db, row, {"grade": letter}, "grade", reviewer=reviewer,
                              expected_version=expected_version)


def rename_source(db: Database, source: int | str, name: str, *, reviewer: str,
                  expected_version: int | None = None) -> dict[str, Any]:
    """Give a source a new display name (kept as an alias so it can be found by it)."""
    from factcheck.store.sources_repo import add_alias

    reviewer = check_reviewer(reviewer)
    new = " ".join(str(name).split())
    if not new:
        raise InputError("a new name is required")
    with write_tx(db):
        row = load_source(db, source)
        clash = fetch_one(
            db, "SELECT id FROM sources WHERE name = ? AND id != ? AND merged_into IS NULL", [new, row["id"]]
        )
        if clash:
            raise InputError(f"another source is already named {new!r} (#{clash['id']}); merge them instead")
        updated = _update_source(db, row, {"name": new}, "rename", reviewer=reviewer,
                                 expected_version=expected_version)
        add_alias(db, row["id"], new)
        return updated


def merge_sources(db: Database, src: int | str, into: int | str, *, reviewer: str,
                  expected_version: int | None = None) -> dict[str, Any]:
    """Merge ``src`` into ``into``: ``src``'s claims count as ``into``'s from now on."""
    reviewer = check_reviewer(reviewer)
    with write_tx(db):
        row, target = load_source(db, src), load_source(db, into)
        if row["id"] == target["id"]:
            raise InputError(f"{str(src).strip()!r} and {str(into).strip()!r} are already the same source, "
                             f"{_label(row)} (perhaps merged earlier): nothing to merge")
        for side in (row, target):
            if side["kind"] == "unattributed":
                raise InputError(f"{_label(side)} stands for claims without a source and cannot be merged; "
                                 "correct single claims with 'factcheck attribute'")
        if any(r["id"] == row["id"] for r in SourceGraph(db).chain(target["id"])):
            raise InputError(f"cannot merge {_label(row)} into {_label(target)}, which belongs to its family")
        return _update_source(db, row, {"merged_into": target["id"]}, "merge", reviewer=reviewer,
                              expected_version=expected_version, extra={"into": target["name"]})


def _claim_counts(db: Database, graph: SourceGraph) -> tuple[dict[int, Counter], dict[int, set[int]]]:
    """source id -> Counter of verdicts (None = no verdict yet); source id -> its claim ids."""
    verdicts: dict[int, Counter] = defaultdict(Counter)
    claims: dict[int, set[int]] = defaultdict(set)
    for claim_id, source_id, verdict in db.execute(
        "SELECT c.id, COALESCE(o.source_id, a.source_id), c.verdict FROM claims c"
        " LEFT JOIN attributions a ON a.claim_id = c.id LEFT JOIN claim_overrides o ON o.claim_id = c.id"
    ):
        row = graph.resolve(source_id)
        if row is None:
            continue
        verdicts[row["id"]][verdict] += 1
        claims[row["id"]].add(claim_id)
    return verdicts, claims


def list_sources(db: Database, *, with_claims_only: bool = False) -> list[dict[str, Any]]:
    """Every canonical source (merged ones folded into their survivor), most claims first.

    Each: id, key, name, kind, role, affiliation, grade (+ grade_label), parent, family (names up to
    the root), family_root, aliases, merged (names merged into it), claims, verdicts (label -> count,
    ``None`` for claims without a verdict), warnings (its claims corroborated only by its own family),
    version.
    """
    from factcheck.review.independence import assess_many

    graph = SourceGraph(db, preload=True)
    verdicts, claims = _claim_counts(db, graph)
    aliases: dict[int, list[str]] = defaultdict(list)
    for source_id, alias in db.execute("SELECT source_id, alias FROM source_aliases ORDER BY id"):
        row = graph.resolve(source_id)
        if row is not None and alias not in aliases[row["id"]]:
            aliases[row["id"]].append(alias)
    merged: dict[int, list[str]] = defaultdict(list)
    for row in graph.all_rows():
        if row["merged_into"] is not None:
            merged[graph.resolve(row["id"])["id"]].append(row["name"])
    linked = {r[0] for r in db.execute("SELECT claim_a FROM links UNION SELECT claim_b FROM links")}
    flagged = {cid for cid, ind in assess_many(db, linked, graph).items() if ind.same_family_only}
    out = []
    for row in graph.all_rows():
        if row["merged_into"] is not None:
            continue
        count = len(claims.get(row["id"], ()))
        if with_claims_only and not count:
            continue
        chain = graph.family(row["id"])
        parent = graph.resolve(row["parent_id"])
        out.append(
            {
                "id": row["id"],
                "key": row["key"],
                "name": row["name"],
                "kind": row["kind"],
                "role": row["role"],
                "affiliation": row["affiliation"],
                "grade": row["grade"] or "F",
                "grade_label": GRADES.get(row["grade"] or "F"),
                "parent": parent["name"] if parent else None,
                "family": [r["name"] for r in chain],
                "family_root": chain[-1]["name"],
                "aliases": aliases.get(row["id"], []),
                "merged": merged.get(row["id"], []),
                "claims": count,
                "verdicts": dict(verdicts.get(row["id"], {})),
                "warnings": len(claims.get(row["id"], set()) & flagged),
                "version": row["version"],
            }
        )
    out.sort(key=lambda s: (-s["claims"], s["name"].casefold()))
    return out


__all__ = ["grade_source", "list_sources", "load_source", "merge_sources", "rename_source"]
