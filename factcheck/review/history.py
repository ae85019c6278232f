"""The audit trail of a claim, and undo.

Undo never deletes events: it restores the record's state from the event's ``before`` and appends an
``undo`` event pointing at it (``undoes``). It refuses, naming who and when, if the record was
changed again since, so undo cannot silently overwrite someone else's work.
"""

from __future__ import annotations

from typing import Any, Callable

from sqlite_utils import Database

from factcheck.errors import FactcheckError, StaleWriteError
from factcheck.review.base import (
    check_reviewer,
    claim_ref,
    fetch_all,
    fetch_one,
    insert_row,
    last_change,
    load_claim,
    record_event,
    short_time,
    update_row,
    write_tx,
)
from factcheck.store.util import dumps, loads, now_iso

_NOT_UNDONE = "id NOT IN (SELECT undoes FROM events WHERE undoes IS NOT NULL)"


def _event(row: dict[str, Any]) -> dict[str, Any]:
    return {**row, "before": loads(row["before"]), "after": loads(row["after"])}


def history(db: Database, claim_id: int | str) -> list[dict[str, Any]]:
    """Every event about a claim, oldest first: its ingest, review changes, links either way,
    evidence, overrides, suggestions, and undos. Each has ``undone_by`` and a one-line ``summary``."""
    claim = load_claim(db, claim_id)
    cid = claim["id"]
    rows = fetch_all(
        db,
        "SELECT * FROM events WHERE claim_id = ?"
        " UNION SELECT * FROM events WHERE entity IN ('link', 'suggestion') AND ("
        "   json_extract(after, '$.claim_a') = ? OR json_extract(after, '$.claim_b') = ?"
        "   OR json_extract(before, '$.claim_a') = ? OR json_extract(before, '$.claim_b') = ?)"
        " UNION SELECT * FROM events WHERE action = 'ingest' AND entity = 'article' AND entity_id = ?"
        " ORDER BY id",
        [cid, cid, cid, cid, cid, claim["article_id"]],
    )
    undone = {
        r["undoes"]: r["id"]
        for r in fetch_all(db, "SELECT id, undoes FROM events WHERE undoes IN (SELECT value FROM json_each(?))",
                           [dumps([r["id"] for r in rows])])
    }
    refs = _RefCache(db)
    out = []
    for row in rows:
        event = _event(row)
        event["undone_by"] = undone.get(row["id"])
        event["summary"] = describe(event, refs, cid)
        out.append(event)
    return out


class _RefCache:
    def __init__(self, db: Database):
        self.db = db
        self.refs: dict[int, str] = {}

    def __call__(self, claim_id: int | None) -> str:
        if claim_id is None:
            return "?"
        if claim_id not in self.refs:
            row = fetch_one(self.db, "SELECT article_id, idx FROM claims WHERE id = ?", [claim_id])
            self.refs[claim_id] = claim_ref(row) if row else f"#{claim_id} (deleted)"
        return self.refs[claim_id]


def _fmt(value: Any) -> str:
    return "-" if value is None or value == "" else str(value)


def describe(event: dict[str, Any], ref: Callable[[int | None], str] | None = None, seen_from: int | None = None) -> str:
    """One line a reviewer can read: ``verdict: - -> false``."""
    ref = ref or (lambda cid: f"#{cid}")
    before = event["before"] if isinstance(event["before"], dict) else {}
    after = event["after"] if isinstance(event["after"], dict) else {}
    action = event["action"]

    def other(link: dict[str, Any]) -> str:
        a, b = link.get("claim_a"), link.get("claim_b")
        if seen_from is None:
            return f"{ref(a)} and {ref(b)}"
        return ref(b if a == seen_from else a)

    if action == "ingest":
        n = after.get("claims")
        return f"ingested ({_fmt(n)} claim{'' if n == 1 else 's'})"
    if action == "undo":
        return f"undid event #{event['undoes']}"
    if event["entity"] == "claim" and action == "override":
        new = after.get("override")
        return "attribution corrected" if new else "attribution correction removed"
    if event["entity"] == "claim":
        fields = [k for k in after if k != "version"]
        return "; ".join(f"{k}: {_fmt(before.get(k))} -> {_fmt(after.get(k))}" for k in fields)
    if action == "link":
        if before:
            return f"link with {other(after)}: {before.get('relation')} -> {after.get('relation')}"
        return f"linked as {after.get('relation')} with {other(after)}"
    if action == "unlink":
        return f"unlinked {before.get('relation')} with {other(before)}"
    if event["entity"] == "evidence":
        if action == "evidence":
            return f"evidence ({after.get('stance')}): {after.get('url') or after.get('doc_ref')}"
        return action.replace("_", " ")
    if event["entity"] == "suggestion":
        return f"suggestion {action}ed: {after.get('relation')} with {other(after)}"
    if event["entity"] == "source":
        fields = [k for k in after if k not in ("version", "into")]
        return f"source #{event['entity_id']}: " + "; ".join(
            f"{k}: {_fmt(before.get(k))} -> {_fmt(after.get('into') if k == 'merged_into' else after.get(k))}"
            for k in fields
        )
    return action


# --- undo --------------------------------------------------------------------------------------------


_LINK_FIELDS = ("relation", "note")
_OVERRIDE_FIELDS = ("source_id", "kind", "role", "via", "note")
#: The only columns undo may restore (an imported event must not rewrite a claim's text or offsets).
_CLAIM_UNDO_FIELDS = ("status", "verdict", "rationale", "assignee")
_SOURCE_UNDO_FIELDS = ("grade", "name", "merged_into")


def _undo_fields(event: dict[str, Any], allowed: tuple[str, ...], ignored: tuple[str, ...]) -> list[str]:
    after = event["after"] if isinstance(event["after"], dict) else {}
    fields = [k for k in after if k not in ignored]
    if not fields or any(k not in allowed for k in fields) or not isinstance(event["before"], dict):
        raise FactcheckError(f"cannot undo event #{event['id']}: it does not record a change undo can revert")
    return fields


def _same(row: dict[str, Any], recorded: dict[str, Any], fields: tuple[str, ...]) -> bool:
    """Undo compares content, not versions: an earlier undo bumps versions without changing content."""
    return all(row[f] == recorded.get(f) for f in fields)


def _stale(db: Database, what: str, entity: str, entity_id: int) -> StaleWriteError:
    who, when = last_change(db, entity, entity_id)
    return StaleWriteError(
        f"cannot undo: {what} was changed by {who or 'another reviewer'} at {short_time(when)} since; reload and check",
        changed_by=who,
        changed_at=when,
    )


def _undo_claim_fields(db, event, reviewer):
    fields = _undo_fields(event, _CLAIM_UNDO_FIELDS, ("version",))
    row = load_claim(db, event["entity_id"])
    before, after = event["before"], event["after"]
    if any(row[k] != after[k] for k in fields):
        raise _stale(db, f"claim {claim_ref(row)}", "claim", row["id"])
    restore = {k: before.get(k) for k in fields}
    update_row(db, "claims", "id", row["id"], {**restore, "updated_at": now_iso(), "updated_by": reviewer})
    return {**{k: row[k] for k in fields}, "version": row["version"]}, {**restore, "version": row["version"] + 1}


def _undo_override(db, event, reviewer):
    from factcheck.review.attribution import _override_row, _write_override

    row = load_claim(db, event["entity_id"])
    current, wanted = _override_row(db, row["id"]), event["after"]["override"]
    if (current is None) != (wanted is None) or (current and not _same(current, wanted, _OVERRIDE_FIELDS)):
        raise _stale(db, f"the attribution of claim {claim_ref(row)}", "claim", row["id"])
    restore = event["before"]["override"]
    if restore is not None:
        restore = {**restore, "version": (current or {}).get("version", restore["version"]) + 1,
                   "updated_at": now_iso(), "updated_by": reviewer}
    _write_override(db, row["id"], restore)
    update_row(db, "claims", "id", row["id"], {"updated_at": now_iso(), "updated_by": reviewer})
    return {"override": current, "version": row["version"]}, {"override": restore, "version": row["version"] + 1}


def _link_now(db, link):
    return fetch_one(db, "SELECT * FROM links WHERE claim_a = ? AND claim_b = ?", [link["claim_a"], link["claim_b"]])


def _undo_link(db, event, reviewer):
    before, after = event["before"], event["after"]
    key = after or before
    current = _link_now(db, key)
    ref = _RefCache(db)
    label = f"the link {ref(key['claim_a'])}-{ref(key['claim_b'])}"
    if event["action"] == "unlink":
        if current is not None:
            raise _stale(db, label, "link", current["id"])
        restored = {**before, "version": before["version"] + 1}
        if fetch_one(db, "SELECT id FROM links WHERE id = ?", [before["id"]]):  # id taken since: new one
            del restored["id"]
            restored = {"id": insert_row(db, "links", restored), **restored}
        else:
            insert_row(db, "links", restored)
        return None, restored
    if current is None or not _same(current, after, _LINK_FIELDS):
        raise _stale(db, label, "link", (current or after)["id"])
    if before is None:
        db.execute("DELETE FROM links WHERE id = ?", [current["id"]])
        return current, None
    db.execute(
        "UPDATE links SET relation = ?, note = ?, version = version + 1 WHERE id = ?",
        [before["relation"], before["note"], current["id"]],
    )
    return current, {**current, "relation": before["relation"], "note": before["note"], "version": current["version"] + 1}


def _undo_evidence(db, event, reviewer):
    row = fetch_one(db, "SELECT * FROM evidence WHERE id = ?", [event["entity_id"]])
    wanted = 0 if event["action"] == "evidence" else event["after"]["removed"]
    if row is None or row["removed"] != wanted:
        raise _stale(db, f"evidence #{event['entity_id']}", "evidence", event["entity_id"])
    restore = 1 if event["action"] == "evidence" else event["before"]["removed"]
    update_row(db, "evidence", "id", row["id"], {"removed": restore})
    return {"removed": row["removed"], "version": row["version"]}, {"removed": restore, "version": row["version"] + 1}


def _undo_source(db, event, reviewer):
    fields = _undo_fields(event, _SOURCE_UNDO_FIELDS, ("version", "into"))
    row = fetch_one(db, "SELECT * FROM sources WHERE id = ?", [event["entity_id"]])
    if row is None or any(row[k] != event["after"][k] for k in fields):
        raise _stale(db, f"source #{event['entity_id']}", "source", event["entity_id"])
    restore = {k: event["before"].get(k) for k in fields}
    update_row(db, "sources", "id", row["id"], {**restore, "updated_at": now_iso(), "updated_by": reviewer})
    return {**{k: row[k] for k in fields}, "version": row["version"]}, {**restore, "version": row["version"] + 1}


def _undo_suggestion(db, event, reviewer):
    row = fetch_one(db, "SELECT * FROM suggestions WHERE id = ?", [event["entity_id"]])
    if row is None or row["state"] != event["after"]["state"]:
        raise _stale(db, f"suggestion #{event['entity_id']}", "suggestion", event["entity_id"])
    link = event["after"].get("link")
    if link is not None:
        current = _link_now(db, link)
        if current is not None:
            if not _same(current, link, _LINK_FIELDS):
                raise _stale(db, f"the link from suggestion #{row['id']}", "link", current["id"])
            db.execute("DELETE FROM links WHERE id = ?", [current["id"]])
    state = event["before"]["state"]
    db.execute("UPDATE suggestions SET state = ?, decided_by = NULL, decided_at = NULL WHERE id = ?", [state, row["id"]])
    pair = {"claim_a": row["claim_a"], "claim_b": row["claim_b"]}
    return {"state": row["state"], "link": link, **pair}, {"state": state, "link": None, **pair}


_HANDLERS: dict[tuple[str, str], Callable] = {
    **{("claim", a): _undo_claim_fields for a in ("status", "verdict", "rationale", "assign", "mark")},
    ("claim", "override"): _undo_override,
    ("link", "link"): _undo_link,
    ("link", "unlink"): _undo_link,
    **{("evidence", a): _undo_evidence for a in ("evidence", "evidence_removed", "evidence_restored")},
    **{("source", a): _undo_source for a in ("grade", "rename", "merge")},
    **{("suggestion", a): _undo_suggestion for a in ("accept", "dismiss")},
}
UNDOABLE_ACTIONS = sorted({a for _, a in _HANDLERS})


def last_undoable(db: Database, reviewer: str) -> dict[str, Any] | None:
    """The reviewer's latest change that was not undone yet (ingests and undos are not changes)."""
    marks = ", ".join("?" for _ in UNDOABLE_ACTIONS)
    row = fetch_one(
        db,
        f"SELECT * FROM events WHERE reviewer = ? AND action IN ({marks}) AND {_NOT_UNDONE}"
        " AND origin IS NULL"  # imported events are provenance, not this reviewer's changes here
        " ORDER BY at DESC, id DESC LIMIT 1",
        [reviewer, *UNDOABLE_ACTIONS],
    )
    return _event(row) if row else None


def undo_last(db: Database, *, reviewer: str) -> dict[str, Any] | None:
    """Revert ``reviewer``'s last change that is not undone yet; None when there is nothing to undo.

    Returns ``{"undone": event, "event_id": id of the undo event, "summary": ...}``.
    """
    reviewer = check_reviewer(reviewer)
    with write_tx(db):
        event = last_undoable(db, reviewer)
        if event is None:
            return None
        handler = _HANDLERS[(event["entity"], event["action"])]
        try:
            before, after = handler(db, event, reviewer)
        except (KeyError, TypeError, AttributeError, ValueError):  # a malformed (e.g. hand-edited, imported) record
            raise FactcheckError(f"cannot undo event #{event['id']}: its record is malformed") from None
        event_id = record_event(
            db,
            reviewer=reviewer,
            action="undo",
            entity=event["entity"],
            entity_id=event["entity_id"],
            article_id=event["article_id"],
            claim_id=event["claim_id"],
            before=before,
            after=after,
            undoes=event["id"],
        )
        return {"undone": event, "event_id": event_id, "summary": describe(event, _RefCache(db))}
