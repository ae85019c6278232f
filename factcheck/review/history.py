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
from factcheck.review.boundaries import ACTIONS as BOUNDARY_ACTIONS
from factcheck.review.boundaries import describe_boundary, undo_boundary
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
    names = _Names(db)
    out = []
    summaries: dict[int, str] = {}
    for row in rows:
        event = _event(row)
        event["undone_by"] = undone.get(row["id"])
        event["summary"] = describe(event, refs, cid, names)
        if event["undoes"] is not None and event["action"] == "undo":
            target = summaries.get(event["undoes"])
            if target is None:
                found = fetch_one(db, "SELECT * FROM events WHERE id = ?", [event["undoes"]])
                target = describe(_event(found), refs, cid, names) if found else "?"
            event["summary"] += f" ({target})"
        summaries[row["id"]] = event["summary"]
        out.append(event)
    return out


class _Names:
    """Source names by id, and a claim's extracted attribution, for readable before/after lines."""

    def __init__(self, db: Database):
        self.db = db
        self.cache: dict[int, str] = {}

    def source(self, source_id: Any) -> str:
        if not isinstance(source_id, int):
            return "?"
        if source_id not in self.cache:
            row = fetch_one(self.db, "SELECT name FROM sources WHERE id = ?", [source_id])
            self.cache[source_id] = row["name"] if row else f"source #{source_id}"
        return self.cache[source_id]

    def attribution(self, override: dict[str, Any] | None, claim_id: int | None) -> str:
        """``Name (kind) via A, B; role R`` of an override row, or the extracted record for None."""
        if override is None:
            row = fetch_one(self.db, "SELECT a.id, a.source_id, a.role, s.kind FROM attributions a "
                                     "LEFT JOIN sources s ON s.id = a.source_id WHERE a.claim_id = ?", [claim_id])
            if row is None:
                return "unattributed (extracted)"
            via = [r[0] for r in self.db.execute(
                "SELECT source_id FROM attribution_via WHERE attribution_id = ? ORDER BY position", [row["id"]])]
            return self._text(row["source_id"], row["kind"], via, row["role"]) + " (extracted)"
        via = loads(override.get("via")) if isinstance(override.get("via"), str) else override.get("via")
        kind = override.get("kind")
        if kind is None:
            found = fetch_one(self.db, "SELECT kind FROM sources WHERE id = ?", [override.get("source_id")])
            kind = found["kind"] if found else "?"
        return self._text(override.get("source_id"), kind, via, override.get("role"))

    def _text(self, source_id: Any, kind: str | None, via: Any, role: str | None) -> str:
        text = f"{self.source(source_id) if source_id is not None else 'unattributed'} ({kind or '?'})"
        if via:
            text += " via " + ", ".join(self.source(v) for v in via)
        if role:
            text += f"; role {role}"
        return text


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


def describe(event: dict[str, Any], ref: Callable[[int | None], str] | None = None, seen_from: int | None = None,
             names: _Names | None = None) -> str:
    """One line a reviewer can read, before and after: ``verdict: - -> false``."""
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
    if event.get("undoes") is not None:
        prefix = "redo: "
        event = {**event, "undoes": None}
        return prefix + describe(event, ref, seen_from, names)
    if event["entity"] == "claim" and action == "override":
        new, old = after.get("override"), before.get("override")
        if names is None:
            return "attribution corrected" if new else "attribution correction removed"
        head = "attribution corrected" if new else "attribution correction removed"
        text = f"{head}: {names.attribution(old, event.get('claim_id'))} -> {names.attribution(new, event.get('claim_id'))}"
        note = (new or {}).get("note")
        return text + (f" ({note})" if note else "")
    if event["entity"] == "claim" and action in BOUNDARY_ACTIONS:
        return describe_boundary(event, ref)
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
        state = {0: "present", 1: "removed"}
        return (f"{action.replace('_', ' ')}: evidence #{event.get('entity_id')} {state.get(before.get('removed'), '?')}"
                f" -> {state.get(after.get('removed'), '?')}")
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
    **{("claim", a): (lambda db, event, reviewer: undo_boundary(
        db, event, reviewer, lambda what, entity, entity_id: _stale(db, what, entity, entity_id)))
       for a in BOUNDARY_ACTIONS},
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


def undo_preview(db: Database, *, reviewer: str) -> dict[str, Any] | None:
    """What :func:`undo_last` would undo now: ``{"event", "summary", "ref"}`` or None."""
    reviewer = check_reviewer(reviewer)
    event = last_undoable(db, reviewer)
    if event is None:
        return None
    refs = _RefCache(db)
    return {"event": event, "summary": describe(event, refs, None, _Names(db)),
            "ref": refs(event["claim_id"]) if event["claim_id"] else None}


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
        return {"undone": event, "event_id": event_id, "summary": describe(event, _RefCache(db), None, _Names(db))}


# --- redo --------------------------------------------------------------------------------------------


def last_redoable(db: Database, reviewer: str) -> dict[str, Any] | None:
    """The reviewer's latest undo that can be redone: nothing but redos and redone undos since it.

    A new change of the reviewer's own (not an undo or a redo) ends what can be redone, as in editors.
    """
    marks = ", ".join("?" for _ in UNDOABLE_ACTIONS)
    redone = {r[0] for r in db.execute(
        "SELECT undoes FROM events WHERE reviewer = ? AND action != 'undo' AND undoes IS NOT NULL", [reviewer])}
    for row in fetch_all(
        db,
        f"SELECT * FROM events WHERE reviewer = ? AND (action = 'undo' OR action IN ({marks})) "
        "ORDER BY at DESC, id DESC LIMIT 500",
        [reviewer, *UNDOABLE_ACTIONS],
    ):
        if row["action"] == "undo":
            if row["id"] in redone:
                continue
            return _event(row)
        if row["undoes"] is not None:  # a redo: look further back
            continue
        return None
    return None


def _inverse(event: dict[str, Any]) -> dict[str, Any]:
    """The event that, reverted by its undo handler, applies ``event`` again."""
    flipped = {**event, "before": event["after"], "after": event["before"]}
    action = event["action"]
    if event["entity"] == "link":
        if action == "link" and not event["before"]:
            flipped["action"] = "unlink"
        elif action == "unlink":
            flipped["action"] = "link"
    elif event["entity"] == "evidence" and action == "evidence":
        flipped.update(action="evidence_removed", before={"removed": 0}, after={"removed": 1})
    return flipped


def redo_preview(db: Database, *, reviewer: str) -> dict[str, Any] | None:
    """What :func:`redo_last` would redo now: ``{"undo", "event", "summary"}`` or None."""
    reviewer = check_reviewer(reviewer)
    undo = last_redoable(db, reviewer)
    if undo is None:
        return None
    original = fetch_one(db, "SELECT * FROM events WHERE id = ?", [undo["undoes"]])
    if original is None:
        return None
    event = _event(original)
    return {"undo": undo, "event": event, "summary": describe(event, _RefCache(db), None, _Names(db))}


def redo_last(db: Database, *, reviewer: str) -> dict[str, Any] | None:
    """Apply again the change ``reviewer`` last undid; None when there is nothing to redo.

    The redo is a new event of the original action (so it can be undone again) whose ``undoes``
    names the undo it reverts. Refuses, naming who and when, if the record changed since the undo.
    """
    reviewer = check_reviewer(reviewer)
    with write_tx(db):
        preview = redo_preview(db, reviewer=reviewer)
        if preview is None:
            return None
        undo, event = preview["undo"], preview["event"]
        key = (event["entity"], event["action"])
        if event["action"] in ("split", "merge_claims"):  # done again, as the same kind of event
            from factcheck.review.boundaries import merge_claims, split_claim

            after = event["after"]
            if event["action"] == "split":
                split_claim(db, event["entity_id"], at=after["new_start"], reviewer=reviewer, undoes=undo["id"])
            else:
                merge_claims(db, event["entity_id"], after["merged_claim"], reviewer=reviewer, undoes=undo["id"])
            return {"redone": event, "event_id": None, "summary": preview["summary"]}
        try:
            if event["entity"] == "suggestion":
                before, after = _redo_suggestion(db, event, reviewer)
            else:
                inverse = _inverse(event)
                handler = _HANDLERS[(inverse["entity"], inverse["action"])]
                before, after = handler(db, inverse, reviewer)
        except (KeyError, TypeError, AttributeError, ValueError):
            raise FactcheckError(f"cannot redo event #{event['id']}: its record is malformed") from None
        event_id = record_event(
            db, reviewer=reviewer, action=key[1], entity=event["entity"], entity_id=event["entity_id"],
            article_id=event["article_id"], claim_id=event["claim_id"], before=before, after=after, undoes=undo["id"],
        )
        return {"redone": event, "event_id": event_id, "summary": preview["summary"]}


def _redo_suggestion(db, event, reviewer):
    row = fetch_one(db, "SELECT * FROM suggestions WHERE id = ?", [event["entity_id"]])
    if row is None or row["state"] != event["before"]["state"]:
        raise _stale(db, f"suggestion #{event['entity_id']}", "suggestion", event["entity_id"])
    state = event["after"]["state"]
    link = None
    wanted = event["after"].get("link")
    if wanted and _link_now(db, wanted) is None:
        link = {k: v for k, v in wanted.items() if k != "id"}
        link = {"id": insert_row(db, "links", {**link, "created_at": now_iso(), "created_by": reviewer}), **link}
    db.execute("UPDATE suggestions SET state = ?, decided_by = ?, decided_at = ? WHERE id = ?",
               [state, reviewer, now_iso(), row["id"]])
    pair = {"claim_a": row["claim_a"], "claim_b": row["claim_b"]}
    return {"state": row["state"], "link": None, **pair}, {"state": state, "link": link, **pair}
