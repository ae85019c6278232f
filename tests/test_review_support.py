"""Builders for review tests: articles, claims and sources written straight into the store, so the
review library is tested independently of how well the engine attributes a text."""

from __future__ import annotations

import hashlib
import itertools
from typing import Any

from factcheck.store.util import dumps, now_iso
from factcheck.text.normalize import fold, fold_name

_counter = itertools.count(1)


def add_source(db, key: str, name: str | None = None, kind: str = "organization", parent: str | None = None) -> int:
    """The id of source ``key``, created (with ``parent`` by key, which must exist) if needed."""
    row = db.execute("SELECT id FROM sources WHERE key = ?", [key]).fetchone()
    if row:
        return row[0]
    parent_id = db.execute("SELECT id FROM sources WHERE key = ?", [parent]).fetchone()[0] if parent else None
    source_id = db["sources"].insert(
        {"key": key, "name": name or key, "kind": kind, "parent_id": parent_id, "grade": "F", "version": 1,
         "created_at": now_iso()}
    ).last_pk
    db["source_aliases"].insert({"source_id": source_id, "alias": name or key, "alias_norm": fold_name(name or key)})
    return source_id


def _facts(text: str, start: int, end: int, lang: str) -> dict[str, Any]:
    from factcheck.text.facts import extract_facts

    return extract_facts(text, start, end, lang=lang).to_json()


def add_article(db, claims: list[dict[str, Any]], *, lang: str = "en", title: str | None = None) -> tuple[int, list[int]]:
    """An article made of ``claims`` (dicts: text, source key or None, via keys, kind, role, mention
    (a part of text); facts default to what ``factcheck.text.facts`` finds); returns (article id,
    claim ids in order)."""
    pieces, spans, pos = [], [], 0
    for claim in claims:
        spans.append((pos, pos + len(claim["text"])))
        pieces.append(claim["text"])
        pos += len(claim["text"]) + 1
    text = " ".join(pieces) + f" [{next(_counter)}]"
    with db.atomic():
        article_id = db["articles"].insert(
            {"title": title or pieces[0][:40], "language": lang, "text": text,
             "sha256": hashlib.sha256(text.encode()).hexdigest(), "chars": len(text), "ingested_at": now_iso(),
             "ingested_by": "test"}
        ).last_pk
        ids = []
        for i, (claim, (start, end)) in enumerate(zip(claims, spans), 1):
            claim_id = db["claims"].insert(
                {"article_id": article_id, "idx": i, "start": start, "end": end, "text": text[start:end],
                 "text_norm": fold(text[start:end]), "facts": dumps(claim.get("facts") or _facts(text, start, end, lang)),
                 "status": "unreviewed", "version": 1}
            ).last_pk
            key = claim.get("source") or "unattributed"
            kind = claim.get("kind") or ("unattributed" if key == "unattributed" else "organization")
            source_id = add_source(db, key, kind=kind)
            mention = {}
            if claim.get("mention"):
                at = start + claim["text"].index(claim["mention"])
                mention = {"mention_start": at, "mention_end": at + len(claim["mention"]),
                           "mention_text": claim["mention"]}
            att_id = db["attributions"].insert(
                {"claim_id": claim_id, "source_id": source_id, "role": claim.get("role"), "mode": "indirect",
                 "confidence": 0.9, **mention}
            ).last_pk
            for position, hop in enumerate(claim.get("via", ())):
                db["attribution_via"].insert(
                    {"attribution_id": att_id, "position": position, "source_id": add_source(db, hop, kind="agency")}
                )
            ids.append(claim_id)
    return article_id, ids


def test_builders_write_consistent_rows(db):
    add_source(db, "dod", "Department of Defense")
    add_source(db, "centcom", "CENTCOM", parent="dod")
    article_id, ids = add_article(db, [{"text": "Two bases were hit.", "source": "centcom"}, {"text": "It rained."}])
    text = db.execute("SELECT text FROM articles WHERE id = ?", [article_id]).fetchone()[0]
    for claim_id in ids:
        start, end, claim_text = db.execute("SELECT start, end, text FROM claims WHERE id = ?", [claim_id]).fetchone()
        assert text[start:end] == claim_text
    assert db.execute("SELECT count(*) FROM attributions").fetchone()[0] == 2
