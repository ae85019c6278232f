"""A claim's review state: workflow status, verdict, rationale and assignee.

Each call is one change: one transaction, one version bump, one ``events`` row whose before/after
hold only the fields that changed (plus ``version``). Giving a verdict to a claim that is still
``unreviewed`` or ``in_review`` also moves it to ``reviewed`` unless a status is given explicitly.
"""

from __future__ import annotations

from typing import Any

from sqlite_utils import Database

from factcheck.review import STATUSES
from factcheck.review.base import (
    check_reviewer,
    check_version,
    claim_ref,
    load_claim,
    normalise_choice,
    record_event,
    update_row,
    write_tx,
)
from factcheck.review.scale import load_scale
from factcheck.store.util import now_iso

CLAIM_FIELDS = ("status", "verdict", "rationale", "assignee")
_ACTIONS = {"status": "status", "verdict": "verdict", "rationale": "rationale", "assignee": "assign"}
_UNSET: Any = object()


def parse_status(status: str) -> str:
    return normalise_choice(status, STATUSES, "status")


def _clean_text(value: str | None) -> str | None:
    if value is None:
        return None
    value = value.strip()
    return value or None


def update_claim(
    db: Database,
    claim: int | str | dict[str, Any],
    changes: dict[str, Any],
    *,
    reviewer: str,
    expected_version: int | None = None,
    action: str | None = None,
    promote: bool = False,
) -> dict[str, Any]:
    """Apply already validated ``changes`` to review fields of a claim; return the new row.

    ``promote``: also move an ``unreviewed``/``in_review`` claim to ``reviewed``.
    """
    reviewer = check_reviewer(reviewer)
    unknown = set(changes) - set(CLAIM_FIELDS)
    if unknown:
        raise ValueError(f"not review fields: {sorted(unknown)}")
    with write_tx(db):
        row = load_claim(db, claim)
        check_version(db, f"claim {claim_ref(row)}", "claim", row, expected_version)
        if promote and row["status"] in ("unreviewed", "in_review", None):
            changes = {**changes, "status": "reviewed"}
        diff = {k: v for k, v in changes.items() if row[k] != v}
        if not diff:
            return row
        stamp = now_iso()
        update_row(db, "claims", "id", row["id"], {**diff, "updated_at": stamp, "updated_by": reviewer})
        if action is None:
            action = _ACTIONS[next(iter(diff))] if len(diff) == 1 else "mark"
        record_event(
            db,
            reviewer=reviewer,
            action=action,
            entity="claim",
            entity_id=row["id"],
            article_id=row["article_id"],
            claim_id=row["id"],
            before={**{k: row[k] for k in diff}, "version": row["version"]},
            after={**diff, "version": row["version"] + 1},
        )
        return {**row, **diff, "version": row["version"] + 1, "updated_at": stamp, "updated_by": reviewer}


def mark(
    db: Database,
    claim: int | str | dict[str, Any],
    *,
    reviewer: str,
    verdict: str | None = _UNSET,
    status: str | None = None,
    rationale: str | None = _UNSET,
    expected_version: int | None = None,
) -> dict[str, Any]:
    """Set any of verdict (None clears it), status and rationale as one change."""
    changes: dict[str, Any] = {}
    if verdict is not _UNSET:
        changes["verdict"] = load_scale().parse(verdict).label if verdict not in (None, "") else None
    if rationale is not _UNSET:
        changes["rationale"] = _clean_text(rationale)
    if status is not None:
        changes["status"] = parse_status(status)
    if not changes:
        return load_claim(db, claim)
    promote = bool(changes.get("verdict")) and "status" not in changes
    return update_claim(db, claim, changes, reviewer=reviewer, expected_version=expected_version, promote=promote)


def set_status(db: Database, claim_id, status: str, *, reviewer: str, expected_version: int | None = None):
    return update_claim(db, claim_id, {"status": parse_status(status)}, reviewer=reviewer,
                        expected_version=expected_version)


def set_verdict(db: Database, claim_id, verdict: str | None, *, rationale: str | None = _UNSET, reviewer: str,
                expected_version: int | None = None):
    return mark(db, claim_id, verdict=verdict, rationale=rationale, reviewer=reviewer,
                expected_version=expected_version)


def set_rationale(db: Database, claim_id, rationale: str | None, *, reviewer: str,
                  expected_version: int | None = None):
    return update_claim(db, claim_id, {"rationale": _clean_text(rationale)}, reviewer=reviewer,
                        expected_version=expected_version)


def assign(db: Database, claim_id, assignee: str | None, *, reviewer: str, expected_version: int | None = None):
    """Assign the claim to a reviewer (None or empty clears the assignee)."""
    return update_claim(db, claim_id, {"assignee": _clean_text(assignee)}, reviewer=reviewer,
                        expected_version=expected_version)
