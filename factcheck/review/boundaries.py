"""Claim boundaries a reviewer corrects: adjust a claim's span, split a claim in two, merge two
neighbours. The article text is never touched and no other claim moves: every span still points
into the original text (``claims.text == articles.text[start:end]``), references (``ARTICLE:INDEX``)
of other claims stay, and each change is one audited event that undo can revert.

- **adjust**: new ``start``/``end`` for one claim; it may not overlap another claim.
- **split**: the claim keeps the part before the split point; the rest becomes a new claim with the
  next free index of the article, the same extracted attribution (copied, never edited) and status
  unreviewed.
- **merge**: the second claim's span joins the first (they must be neighbours); the second claim
  must carry no review yet (verdict, links, evidence, correction), so nothing is lost, and its rows
  are kept in the event so undo restores it.
"""

from __future__ import annotations

from typing import Any

from sqlite_utils import Database

from factcheck.errors import InputError, StaleWriteError
from factcheck.review.base import (
    check_reviewer,
    check_version,
    claim_ref,
    fetch_all,
    fetch_one,
    insert_row,
    load_claim,
    record_event,
    update_row,
    write_tx,
)
from factcheck.store.util import now_iso
from factcheck.text.normalize import fold

ACTIONS = ("adjust", "split", "merge_claims")


def _article_text(db: Database, article_id: int) -> str:
    return fetch_one(db, "SELECT text FROM articles WHERE id = ?", [article_id])["text"]


def _trim(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


def _span(row: dict[str, Any]) -> dict[str, Any]:
    return {"start": row["start"], "end": row["end"], "text": row["text"]}


def _overlaps(db: Database, claim: dict[str, Any], start: int, end: int, ignore: tuple[int, ...] = ()) -> None:
    for other in fetch_all(db, "SELECT id, idx, start, \"end\" FROM claims WHERE article_id = ? AND id != ?",
                           [claim["article_id"], claim["id"]]):
        if other["id"] in ignore:
            continue
        if other["start"] < end and start < other["end"]:
            raise InputError(f"the span {start}-{end} overlaps claim {claim['article_id']}:{other['idx']} "
                             f"({other['start']}-{other['end']}); other claims are never moved")


def _set_span(db: Database, claim: dict[str, Any], text: str, start: int, end: int, reviewer: str) -> None:
    update_row(db, "claims", "id", claim["id"], {
        "start": start, "end": end, "text": text[start:end], "text_norm": fold(text[start:end]),
        "updated_at": now_iso(), "updated_by": reviewer,
    })


def _check_span(text: str, start: int, end: int) -> tuple[int, int]:
    if not (0 <= start < end <= len(text)):
        raise InputError(f"bad span {start}-{end}: the article has {len(text)} characters (0-{len(text)})")
    start, end = _trim(text, start, end)
    if start >= end:
        raise InputError("the span holds only white space")
    return start, end


def adjust_span(db: Database, claim_id: int | str, start: int, end: int, *, reviewer: str,
                expected_version: int | None = None) -> dict[str, Any]:
    """Give a claim a new span (code points into the article text; white space at the ends is
    dropped). Returns the updated claim row."""
    reviewer = check_reviewer(reviewer)
    with write_tx(db):
        claim = load_claim(db, claim_id)
        check_version(db, f"claim {claim_ref(claim)}", "claim", claim, expected_version)
        text = _article_text(db, claim["article_id"])
        start, end = _check_span(text, start, end)
        if (start, end) == (claim["start"], claim["end"]):
            raise InputError(f"claim {claim_ref(claim)} already spans {start}-{end}")
        _overlaps(db, claim, start, end)
        _set_span(db, claim, text, start, end, reviewer)
        record_event(db, reviewer=reviewer, action="adjust", entity="claim", entity_id=claim["id"],
                     article_id=claim["article_id"], claim_id=claim["id"],
                     before={**_span(claim), "version": claim["version"]},
                     after={"start": start, "end": end, "text": text[start:end], "version": claim["version"] + 1})
        return load_claim(db, claim["id"])


def split_point(claim: dict[str, Any], *, at: int | None = None, after: str | None = None) -> int:
    """The article offset to split at: ``at`` itself, or the end of the first ``after`` in the claim."""
    if (at is None) == (after is None):
        raise InputError("give the split point: an offset (--at) or the words it follows (--after)")
    if after is not None:
        found = claim["text"].find(after)
        if not after.strip() or found < 0:
            raise InputError(f"{after!r} is not in claim {claim_ref(claim)}")
        at = claim["start"] + found + len(after)
    if not claim["start"] < at < claim["end"]:
        raise InputError(f"the split point {at} is not inside claim {claim_ref(claim)} "
                         f"({claim['start']}-{claim['end']})")
    return at


def split_claim(db: Database, claim_id: int | str, *, at: int | None = None, after: str | None = None,
                reviewer: str, expected_version: int | None = None, undoes: int | None = None) -> dict[str, Any]:
    """Split a claim in two at an article offset. Returns ``{"claim": row, "new": row}``.
    (``undoes``: the undo event this split redoes.)"""
    reviewer = check_reviewer(reviewer)
    with write_tx(db):
        claim = load_claim(db, claim_id)
        check_version(db, f"claim {claim_ref(claim)}", "claim", claim, expected_version)
        point = split_point(claim, at=at, after=after)
        text = _article_text(db, claim["article_id"])
        first = _trim(text, claim["start"], point)
        second = _trim(text, point, claim["end"])
        if first[0] >= first[1] or second[0] >= second[1]:
            raise InputError("both parts of a split need words")
        idx = db.execute("SELECT max(idx) FROM claims WHERE article_id = ?", [claim["article_id"]]).fetchone()[0] + 1
        stamp = now_iso()
        new_id = insert_row(db, "claims", {
            "article_id": claim["article_id"], "idx": idx, "start": second[0], "end": second[1],
            "text": text[second[0]:second[1]], "text_norm": fold(text[second[0]:second[1]]),
            "facts": claim["facts"], "status": "unreviewed", "version": 1, "updated_at": stamp, "updated_by": reviewer,
        })
        _copy_attribution(db, claim["id"], new_id)
        _set_span(db, claim, text, first[0], first[1], reviewer)
        after_state = {"start": first[0], "end": first[1], "text": text[first[0]:first[1]],
                       "version": claim["version"] + 1, "new_claim": new_id, "new_idx": idx,
                       "new_start": second[0], "new_end": second[1]}
        record_event(db, reviewer=reviewer, action="split", entity="claim", entity_id=claim["id"],
                     article_id=claim["article_id"], claim_id=claim["id"],
                     before={**_span(claim), "version": claim["version"]}, after=after_state, undoes=undoes)
        return {"claim": load_claim(db, claim["id"]), "new": load_claim(db, new_id)}


def _copy_attribution(db: Database, from_claim: int, to_claim: int) -> None:
    """The new part says what the old one said: copy the extracted record (and a correction)."""
    att = fetch_one(db, "SELECT * FROM attributions WHERE claim_id = ?", [from_claim])
    if att is not None:
        old_id = att.pop("id")
        new_att = insert_row(db, "attributions", {**att, "claim_id": to_claim})
        for hop in fetch_all(db, "SELECT * FROM attribution_via WHERE attribution_id = ?", [old_id]):
            hop.pop("id", None)
            insert_row(db, "attribution_via", {**hop, "attribution_id": new_att})
    override = fetch_one(db, "SELECT * FROM claim_overrides WHERE claim_id = ?", [from_claim])
    if override is not None:
        override.pop("id", None)
        insert_row(db, "claim_overrides", {**override, "claim_id": to_claim})


def _has_review(db: Database, claim: dict[str, Any]) -> str | None:
    if claim["verdict"] or claim["rationale"]:
        return "a verdict or rationale"
    checks = (("links", "SELECT 1 FROM links WHERE claim_a = ? OR claim_b = ?", 2),
              ("evidence", "SELECT 1 FROM evidence WHERE claim_id = ? AND removed = 0", 1),
              ("an attribution correction", "SELECT 1 FROM claim_overrides WHERE claim_id = ?", 1))
    for what, sql, n in checks:
        if db.execute(sql, [claim["id"]] * n).fetchone():
            return what
    return None


def merge_claims(db: Database, first_id: int | str, second_id: int | str, *, reviewer: str,
                 expected_version: int | None = None, undoes: int | None = None) -> dict[str, Any]:
    """Join two neighbouring claims into the first (in text order). Returns the merged claim row."""
    reviewer = check_reviewer(reviewer)
    with write_tx(db):
        a, b = load_claim(db, first_id), load_claim(db, second_id)
        if a["id"] == b["id"]:
            raise InputError("a claim cannot be merged with itself")
        if a["article_id"] != b["article_id"]:
            raise InputError("only claims of the same article can be merged")
        check_version(db, f"claim {claim_ref(a)}", "claim", a, expected_version)
        if b["start"] < a["start"]:
            raise InputError(f"claim {claim_ref(b)} comes before {claim_ref(a)} in the text: merge "
                             f"{claim_ref(b)} {claim_ref(a)}")
        between = fetch_one(db, "SELECT idx FROM claims WHERE article_id = ? AND start >= ? AND start < ? "
                                "AND id NOT IN (?, ?)", [a["article_id"], a["end"], b["start"], a["id"], b["id"]])
        if between is not None:
            raise InputError(f"claims {claim_ref(a)} and {claim_ref(b)} are not neighbours "
                             f"(claim {a['article_id']}:{between['idx']} lies between them)")
        reason = _has_review(db, b)
        if reason:
            raise InputError(f"claim {claim_ref(b)} has {reason}: merge it the other way, or move that first")
        text = _article_text(db, a["article_id"])
        kept = _removed_rows(db, b)
        _delete_claim(db, b["id"])
        start, end = a["start"], max(a["end"], b["end"])
        _set_span(db, a, text, start, end, reviewer)
        record_event(db, reviewer=reviewer, action="merge_claims", entity="claim", entity_id=a["id"],
                     article_id=a["article_id"], claim_id=a["id"],
                     before={**_span(a), "version": a["version"], "merged": kept},
                     after={"start": start, "end": end, "text": text[start:end], "version": a["version"] + 1,
                            "merged_claim": b["id"], "merged_idx": b["idx"]}, undoes=undoes)
        return load_claim(db, a["id"])


def _removed_rows(db: Database, claim: dict[str, Any]) -> dict[str, Any]:
    att = fetch_one(db, "SELECT * FROM attributions WHERE claim_id = ?", [claim["id"]])
    via = fetch_all(db, "SELECT * FROM attribution_via WHERE attribution_id = ?", [att["id"]]) if att else []
    suggestions = fetch_all(db, "SELECT * FROM suggestions WHERE claim_a = ? OR claim_b = ?", [claim["id"]] * 2)
    return {"claim": claim, "attribution": att, "via": via, "suggestions": suggestions}


def _delete_claim(db: Database, claim_id: int) -> None:
    db.execute("DELETE FROM suggestions WHERE claim_a = ? OR claim_b = ?", [claim_id, claim_id])
    db.execute("DELETE FROM attribution_via WHERE attribution_id IN (SELECT id FROM attributions WHERE claim_id = ?)",
               [claim_id])
    db.execute("DELETE FROM attributions WHERE claim_id = ?", [claim_id])
    db.execute("DELETE FROM claim_overrides WHERE claim_id = ?", [claim_id])
    db.execute("DELETE FROM claims WHERE id = ?", [claim_id])


# --- undo ------------------------------------------------------------------------------------------


def undo_boundary(db: Database, event: dict[str, Any], reviewer: str, stale) -> tuple[dict, dict]:
    """Revert an adjust, split or merge event (``stale(what, entity, id)`` builds the refusal)."""
    before, after = event["before"], event["after"]
    claim = load_claim(db, event["entity_id"])
    if (claim["start"], claim["end"]) != (after["start"], after["end"]):
        raise stale(f"claim {claim_ref(claim)}", "claim", claim["id"])
    text = _article_text(db, claim["article_id"])
    if _check_span(text, before["start"], before["end"]) != (before["start"], before["end"]):
        raise InputError(f"cannot undo event #{event['id']}: its span does not fit the article text")
    if event["action"] == "split":
        part = fetch_one(db, "SELECT * FROM claims WHERE id = ?", [after["new_claim"]])
        if part is not None and (part["article_id"], part["idx"], part["start"], part["end"]) != (
                claim["article_id"], after["new_idx"], after["new_start"], after["new_end"]):
            # an event from another database (import-review): its ids are not this database's
            raise InputError(f"cannot undo event #{event['id']}: the split part is not claim "
                             f"{claim['article_id']}:{after['new_idx']} here")
        if part is not None:
            reason = _has_review(db, part) or ("a newer change" if part["version"] > 1 else None)
            if reason:
                raise StaleWriteError(f"cannot undo the split: claim {claim_ref(part)} has {reason} since; "
                                      "merge the claims instead", changed_by=part["updated_by"],
                                      changed_at=part["updated_at"])
            _delete_claim(db, part["id"])
    if event["action"] == "merge_claims":
        kept = before["merged"]
        if kept["claim"].get("article_id") != claim["article_id"] or fetch_one(
                db, "SELECT id FROM claims WHERE id = ? OR (article_id = ? AND idx = ?)",
                [kept["claim"]["id"], claim["article_id"], kept["claim"].get("idx")]) is not None:
            raise InputError(f"cannot undo event #{event['id']}: the merged claim cannot be restored here")
        insert_row(db, "claims", kept["claim"])
        if kept["attribution"]:
            insert_row(db, "attributions", kept["attribution"])
        for hop in kept["via"]:
            insert_row(db, "attribution_via", hop)
        for sug in kept["suggestions"]:
            if fetch_one(db, "SELECT id FROM suggestions WHERE claim_a = ? AND claim_b = ?",
                         [sug["claim_a"], sug["claim_b"]]) is None:
                insert_row(db, "suggestions", sug)
    _set_span(db, claim, text, before["start"], before["end"], reviewer)
    return ({"start": claim["start"], "end": claim["end"], "text": claim["text"], "version": claim["version"]},
            {"start": before["start"], "end": before["end"], "text": before["text"], "version": claim["version"] + 1})


def describe_boundary(event: dict[str, Any], ref) -> str:
    before, after = event["before"] or {}, event["after"] or {}
    old, new = f"{before.get('start')}-{before.get('end')}", f"{after.get('start')}-{after.get('end')}"
    if event["action"] == "split":
        part = f"{event.get('article_id')}:{after.get('new_idx')}"
        return f"split: span {old} -> {new}; the rest ({after.get('new_start')}-{after.get('new_end')}) is claim {part}"
    if event["action"] == "merge_claims":
        return f"merged with claim {event.get('article_id')}:{after.get('merged_idx')}: span {old} -> {new}"
    if event["action"] == "adjust":
        return f"span: {old} -> {new}"
    # an undo of one of these
    return f"span: {old} -> {new}"
