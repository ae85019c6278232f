"""Database ids <-> portable references, for events that move between databases.

An event's ``entity_id`` means nothing in another database, so the JSON export names the entity by
what identifies it everywhere: ``{"article": sha256}``, ``{"claim": {"article", "idx"}}``,
``{"source": key}``, ``{"link": [claim, claim]}``, ``{"suggestion": [claim, claim]}``,
``{"evidence": {...content...}}``. An entity that no longer exists (a removed link) maps to ``None``
both ways, so a review exports the same before and after an import.

The ``before``/``after`` snapshots of events hold database ids too (a link row's ``claim_a``, an
override's ``source_id`` and ``via``). :meth:`Portable.encode` replaces them by markers
(``{"$claim": ref}``, ``{"$source": key}``, ``{"$sources": [keys]}``, ``{"$link": [ref, ref]}``, ...)
and :meth:`Local.decode` turns the markers back into this database's ids, so the history and undo
of an imported review act on the right records.
"""

from __future__ import annotations

import json
from typing import Any

from sqlite_utils import Database

from factcheck.review.base import fetch_one
from factcheck.store.util import dumps, loads

#: What identifies a piece of evidence everywhere: its whole content.
EVIDENCE_KEY = ("stance", "url", "doc_ref", "title", "quote", "date", "added_by", "added_at")
_CLAIM_KEYS = ("claim_id", "claim_a", "claim_b", "other_id")
_SOURCE_KEYS = ("source_id", "parent_id", "merged_into", "other_source_id")


def _is_id(value: Any) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


def _id_list(value: Any) -> list[int] | None:
    """The ids of a ``via`` column (a JSON list of ids, as text) or ``None``."""
    if isinstance(value, str):
        try:
            value = json.loads(value)
        except ValueError:
            return None
    if isinstance(value, list) and all(_is_id(v) for v in value):
        return value
    return None


def _row_kind(row: dict[str, Any]) -> str | None:
    """What table a snapshot dict is a row of, judged by its columns."""
    if "claim_a" in row and "claim_b" in row:
        return "suggestion" if "state" in row else "link"
    if "stance" in row and "claim_id" in row:
        return "evidence"
    return None


def _ref_key(ref: dict[str, Any] | None) -> tuple[str, int]:
    return (str((ref or {}).get("article")), int((ref or {}).get("idx") or 0))


class Portable:
    """Turns local ids into portable references (export side)."""

    def __init__(self, db: Database):
        self.db = db
        self._claims: dict[int, dict[str, Any] | None] = {}
        self._articles: dict[int, str | None] = {}
        self._sources: dict[int, str | None] = {}
        self._rows: dict[tuple[str, int], dict[str, Any] | None] = {}

    def article(self, article_id: int | None) -> str | None:
        if article_id is None:
            return None
        if article_id not in self._articles:
            row = fetch_one(self.db, "SELECT sha256 FROM articles WHERE id = ?", [article_id])
            self._articles[article_id] = row["sha256"] if row else None
        return self._articles[article_id]

    def claim(self, claim_id: int | None) -> dict[str, Any] | None:
        if claim_id is None:
            return None
        if claim_id not in self._claims:
            row = fetch_one(
                self.db,
                "SELECT a.sha256, c.idx FROM claims c JOIN articles a ON a.id = c.article_id WHERE c.id = ?",
                [claim_id],
            )
            self._claims[claim_id] = {"article": row["sha256"], "idx": row["idx"]} if row else None
        return self._claims[claim_id]

    def source(self, source_id: int | None) -> str | None:
        if source_id is None:
            return None
        if source_id not in self._sources:
            row = fetch_one(self.db, "SELECT key FROM sources WHERE id = ?", [source_id])
            self._sources[source_id] = row["key"] if row else None
        return self._sources[source_id]

    def prefetch(self, events: list[dict[str, Any]]) -> None:
        """Load, in a few queries, what :meth:`event` will look up for these events."""
        def ids(entity: str) -> str:
            return json.dumps(sorted({e["entity_id"] for e in events if e["entity"] == entity and e["entity_id"]}))

        for table in ("links", "suggestions"):
            for row in self.db.query(f"SELECT id, claim_a, claim_b FROM {table} "
                                     "WHERE id IN (SELECT value FROM json_each(?))", [ids(table[:-1])]):
                self._rows[(table, row["id"])] = row
        for row in self.db.query("SELECT * FROM evidence WHERE id IN (SELECT value FROM json_each(?))", [ids("evidence")]):
            self._rows[("evidence", row["id"])] = row
        claim_ids = {e["claim_id"] for e in events if e["claim_id"]}
        claim_ids |= {r[k] for (t, _), r in self._rows.items() if t != "evidence" for k in ("claim_a", "claim_b")}
        claim_ids |= {r["claim_id"] for (t, _), r in self._rows.items() if t == "evidence"}
        for row in self.db.query(
            "SELECT c.id, a.sha256, c.idx FROM claims c JOIN articles a ON a.id = c.article_id "
            "WHERE c.id IN (SELECT value FROM json_each(?))", [json.dumps(sorted(claim_ids))]
        ):
            self._claims[row["id"]] = {"article": row["sha256"], "idx": row["idx"]}

    def _row(self, table: str, row_id: int) -> dict[str, Any] | None:
        if (table, row_id) not in self._rows:
            self._rows[(table, row_id)] = fetch_one(self.db, f"SELECT * FROM {table} WHERE id = ?", [row_id])
        return self._rows[(table, row_id)]

    def pair(self, table: str, row_id: int) -> list[dict[str, Any]] | None:
        """The two claims of a link or suggestion, in canonical order (local ids differ)."""
        row = self._row(table, row_id)
        if row is None:
            return None
        a, b = self.claim(row["claim_a"]), self.claim(row["claim_b"])
        return sorted([a, b], key=_ref_key) if a and b else None

    def entity(self, entity: str, entity_id: int | None) -> dict[str, Any] | None:
        if entity_id is None:
            return None
        value: Any = None
        if entity == "article":
            value = self.article(entity_id)
        elif entity in ("claim", "override", "claim_override", "attribution"):
            value = self.claim(entity_id)
            entity = "claim"
        elif entity == "source":
            value = self.source(entity_id)
        elif entity in ("link", "suggestion"):
            value = self.pair("links" if entity == "link" else "suggestions", entity_id)
        elif entity == "evidence":
            row = self._row("evidence", entity_id)
            if row is not None:
                value = {"claim": self.claim(row["claim_id"]), **{k: row[k] for k in EVIDENCE_KEY}}
        return {entity: value} if value is not None else None

    def encode(self, value: Any) -> Any:
        """A snapshot with its database ids replaced by portable markers."""
        if isinstance(value, list):
            return [self.encode(v) for v in value]
        if not isinstance(value, dict):
            return value
        out: dict[str, Any] = {}
        kind = _row_kind(value)
        for key, item in value.items():
            if key in _CLAIM_KEYS and _is_id(item):
                out[key] = {"$claim": self.claim(item)}
            elif key in _SOURCE_KEYS and _is_id(item):
                out[key] = {"$source": self.source(item)}
            elif key == "article_id" and _is_id(item):
                out[key] = {"$article": self.article(item)}
            elif key == "via" and _id_list(item) is not None:
                out[key] = {"$sources": [self.source(i) for i in _id_list(item)]}
            elif key == "id" and kind is not None:  # from the row's content: same whether it still exists
                out[key] = self._row_id(kind, value)
            else:
                out[key] = self.encode(item)
        if kind in ("link", "suggestion") and isinstance(out.get("claim_a"), dict) and isinstance(out.get("claim_b"), dict):
            a, b = sorted((out["claim_a"]["$claim"], out["claim_b"]["$claim"]), key=_ref_key)
            out["claim_a"], out["claim_b"] = {"$claim": a}, {"$claim": b}
        return out

    def _claim_of(self, value: Any) -> dict[str, Any] | None:
        return self.claim(value) if _is_id(value) else None

    def _row_id(self, kind: str, row: dict[str, Any]) -> dict[str, Any]:
        if kind == "evidence":
            return {"$evidence": {"claim": self._claim_of(row["claim_id"]), **{k: row.get(k) for k in EVIDENCE_KEY}}}
        pair = sorted((self._claim_of(row["claim_a"]), self._claim_of(row["claim_b"])), key=_ref_key)
        return {f"${kind}": pair}

    def event(self, ev: dict[str, Any]) -> dict[str, Any]:
        undone = None
        if ev["undoes"] is not None:
            row = fetch_one(self.db, "SELECT at, reviewer, action FROM events WHERE id = ?", [ev["undoes"]])
            undone = dict(row) if row else None
        origin = {"origin": loads(ev["origin"])} if ev.get("origin") else {}  # imported: stays marked
        return {
            **origin,
            "at": ev["at"],
            "reviewer": ev["reviewer"],
            "action": ev["action"],
            "entity": ev["entity"],
            "ref": self.entity(ev["entity"], ev["entity_id"]),
            "article": self.article(ev["article_id"]),
            "claim": self.claim(ev["claim_id"]),
            "before": self.encode(loads(ev["before"])),
            "after": self.encode(loads(ev["after"])),
            "undoes": undone,
        }


class Local:
    """Turns portable references back into local ids (import side). Unknown -> ``None``."""

    def __init__(self, db: Database):
        self.db = db

    def article(self, sha: str | None) -> int | None:
        if not sha:
            return None
        row = fetch_one(self.db, "SELECT id FROM articles WHERE sha256 = ?", [sha])
        return row["id"] if row else None

    def claim(self, ref: dict[str, Any] | None) -> int | None:
        if not ref:
            return None
        row = fetch_one(
            self.db,
            "SELECT c.id FROM claims c JOIN articles a ON a.id = c.article_id WHERE a.sha256 = ? AND c.idx = ?",
            [ref.get("article"), ref.get("idx")],
        )
        return row["id"] if row else None

    def source(self, key: str | None) -> int | None:
        if not key:
            return None
        row = fetch_one(self.db, "SELECT id FROM sources WHERE key = ?", [key])
        return row["id"] if row else None

    def pair(self, table: str, refs: list[dict[str, Any]] | None) -> int | None:
        if not refs or len(refs) != 2:
            return None
        a, b = self.claim(refs[0]), self.claim(refs[1])
        if a is None or b is None:
            return None
        row = fetch_one(
            self.db,
            f"SELECT id FROM {table} WHERE (claim_a = ? AND claim_b = ?) OR (claim_a = ? AND claim_b = ?)",
            [a, b, b, a],
        )
        return row["id"] if row else None

    def evidence(self, key: dict[str, Any] | None) -> int | None:
        if not key:
            return None
        claim_id = self.claim(key.get("claim"))
        if claim_id is None:
            return None
        where = " AND ".join(f"{k} IS ?" for k in EVIDENCE_KEY)
        row = fetch_one(
            self.db,
            f"SELECT id FROM evidence WHERE claim_id = ? AND {where} ORDER BY id",
            [claim_id, *(key.get(k) for k in EVIDENCE_KEY)],
        )
        return row["id"] if row else None

    def decode(self, value: Any) -> Any:
        """The inverse of :meth:`Portable.encode`, with this database's ids (``None`` if unknown)."""
        if isinstance(value, list):
            return [self.decode(v) for v in value]
        if not isinstance(value, dict):
            return value
        if len(value) == 1:
            (marker, item), = value.items()
            if marker == "$claim":
                return self.claim(item)
            if marker == "$source":
                return self.source(item)
            if marker == "$article":
                return self.article(item)
            if marker == "$sources":
                return dumps([self.source(k) for k in item])
            if marker in ("$link", "$suggestion"):
                return self.pair("links" if marker == "$link" else "suggestions", item)
            if marker == "$evidence":
                return self.evidence(item)
        out = {key: self.decode(item) for key, item in value.items()}
        if _is_id(out.get("claim_a")) and _is_id(out.get("claim_b")) and out["claim_a"] > out["claim_b"]:
            out["claim_a"], out["claim_b"] = out["claim_b"], out["claim_a"]  # stored with claim_a < claim_b
        return out

    def entity(self, ref: dict[str, Any] | None) -> int | None:
        if not ref:
            return None
        (kind, value), = ref.items()
        if kind == "article":
            return self.article(value)
        if kind == "claim":
            return self.claim(value)
        if kind == "source":
            return self.source(value)
        if kind in ("link", "suggestion"):
            return self.pair("links" if kind == "link" else "suggestions", value)
        if kind == "evidence":
            return self.evidence(value)
        return None
