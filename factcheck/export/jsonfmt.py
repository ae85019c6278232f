"""The review as JSON (schema ``factcheck.review/1``) and importing it into another database.

:func:`import_review` matches the article by ``sha256``, sources by ``key``, claims by
``(article, idx)``; links, suggestions, evidence and events are de-duplicated by content. Importing
the same file twice changes nothing the second time.

An import goes through the reviewer's write path: every change it makes (a claim's review state, an
attribution correction, a link, a piece of evidence) is one event by the importing reviewer with
before and after, so ``history`` shows it and ``undo`` reverts it. The file's own events are kept
as provenance: appended with their reviewer and time, marked with their ``origin`` (the file,
when and by whom it was imported), never undone as local changes. Clocks decide nothing: the file's
review state is applied to a claim that is untouched here or whose state is one the file's history
went through; a local change the file does not build on is kept and reported as a conflict (so is
a different local attribution correction or link relation). Evidence URLs and the article URL get
the same checks as on the command line (http and https only); evidence removed in the file is removed.
Links to claims of articles the target does not hold are skipped (import that review too, in any
order, and the link arrives with the second import).
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass, field
from typing import Any

from sqlite_utils import Database

from factcheck.errors import InputError
from factcheck.sanitize import json_text
from factcheck.export.collect import LOCAL_ACTIONS, SCHEMA
from factcheck.export.portable import EVIDENCE_KEY, Local, Portable
from factcheck.review.base import fetch_one, insert_row, record_event, short_time, update_row, write_tx
from factcheck.store.queries import next_article_id, next_claim_id
from factcheck.store.sources_repo import add_alias
from factcheck.store.util import dumps, loads, now_iso
from factcheck.text.normalize import fold

SCHEMA_NAME, _, _VERSION = SCHEMA.partition("/")
SUPPORTED_VERSION = int(_VERSION)


def render_json(review: dict[str, Any]) -> str:
    """The complete, portable review."""
    return json_text(review, indent=2) + "\n"  # C1 and bidi controls as \\u escapes


@dataclass(slots=True)
class ImportResult:
    article_id: int
    article_created: bool
    claims_added: int = 0
    claims_updated: int = 0
    sources_added: int = 0
    overrides: int = 0
    links_added: int = 0
    suggestions_added: int = 0
    evidence_added: int = 0
    events_added: int = 0  # the file's history, kept as imported provenance
    skipped: list[str] = field(default_factory=list)
    conflicts: list[str] = field(default_factory=list)  # local changes kept, the file's not applied

    @property
    def changed(self) -> bool:
        return bool(
            self.article_created or self.claims_added or self.claims_updated or self.sources_added
            or self.overrides or self.links_added or self.suggestions_added or self.evidence_added
            or self.events_added
        )

    def summary(self) -> str:
        parts = [
            f"article {self.article_id} ({'new' if self.article_created else 'existing'})",
            f"{self.claims_added} claims added",
            f"{self.claims_updated} updated",
            f"{self.sources_added} sources",
            f"{self.links_added} links",
            f"{self.evidence_added} evidence",
            f"{self.events_added} events",
        ]
        if self.overrides:
            parts.append(f"{self.overrides} attribution corrections")
        if self.suggestions_added:
            parts.append(f"{self.suggestions_added} suggestions")
        return ", ".join(parts)


# -- validation ----------------------------------------------------------------------------------


def _need(cond: bool, message: str) -> None:
    if not cond:
        raise InputError(f"bad review file: {message}")


def validate(data: Any) -> None:
    """Refuse (InputError, before any write) a file that is not a consistent review."""
    _need(isinstance(data, dict), "expected a JSON object")
    schema = data.get("schema")
    _need(isinstance(schema, str) and schema.startswith(SCHEMA_NAME + "/"), f"schema is {schema!r}, expected {SCHEMA!r}")
    try:
        version = int(schema.partition("/")[2])
    except ValueError:
        raise InputError(f"bad review file: schema is {schema!r}, expected {SCHEMA!r}") from None
    if version > SUPPORTED_VERSION:
        raise InputError(f"the review file uses schema {schema}, newer than this factcheck ({SCHEMA}); upgrade factcheck")
    art = data.get("article")
    _need(isinstance(art, dict), "no article")
    text = art.get("text")
    _need(isinstance(text, str) and text != "", "the article has no text")
    _need(hashlib.sha256(text.encode("utf-8")).hexdigest() == art.get("sha256"), "the article text does not match its sha256")
    _need(art.get("language") in ("ar", "en"), f"bad article language {art.get('language')!r}")
    for name in ("sources", "claims", "links", "events"):
        _need(isinstance(data.get(name), list), f"no {name} list")
    keys = set()
    for s in data["sources"]:
        _need(isinstance(s, dict) and isinstance(s.get("key"), str) and s["key"], "a source without a key")
        _need(isinstance(s.get("name"), str) and isinstance(s.get("kind"), str), f"source {s['key']!r} lacks name or kind")
        keys.add(s["key"])
    for s in data["sources"]:
        for ref in (s.get("parent"), s.get("merged_into")):
            _need(ref is None or ref in keys, f"source {s['key']!r} refers to unknown source {ref!r}")
    seen = set()
    for c in data["claims"]:
        _need(isinstance(c, dict), "a claim is not an object")
        idx, start, end = c.get("idx"), c.get("start"), c.get("end")
        _need(all(isinstance(v, int) and not isinstance(v, bool) for v in (idx, start, end)), "a claim without idx/start/end")
        _need(idx not in seen, f"claim {idx} appears twice")
        seen.add(idx)
        _need(0 <= start <= end <= len(text) and text[start:end] == c.get("text"),
              f"claim {idx}: its text does not match the article at {start}-{end}")
        ext = c.get("extracted")
        if ext:
            _need(ext.get("source") in keys, f"claim {idx}: unknown source {ext.get('source')!r}")
            for sp in (ext.get("mention"), ext.get("cue"), *(h.get("mention") for h in ext.get("via", []))):
                _need(sp is None or (text[sp["start"]:sp["end"]] == sp["text"]), f"claim {idx}: a span does not match the article")
            for hop in ext.get("via", []):
                _need(hop.get("source") in keys, f"claim {idx}: unknown via source {hop.get('source')!r}")
        ov = c.get("override")
        if ov:
            _need(ov.get("source") in keys, f"claim {idx}: override names unknown source {ov.get('source')!r}")
            _need(all(k in keys for k in ov.get("via") or []), f"claim {idx}: override via names an unknown source")
        for ev in c.get("evidence", []):
            _need(isinstance(ev, dict) and isinstance(ev.get("stance"), str), f"claim {idx}: evidence without a stance")
            _check_evidence_url(ev.get("url"), f"claim {idx}")
    if art.get("url"):
        from factcheck.ingest.pipeline import check_url as check_article_url

        try:
            check_article_url(art["url"])
        except InputError as exc:
            raise InputError(f"bad review file: {exc}; nothing imported") from None
    _check_values(data)


def _check_evidence_url(url: Any, where: str) -> None:
    """Evidence URLs pass the same check as ``factcheck evidence --url`` (http/https only)."""
    if url is None or (isinstance(url, str) and not url.strip()):
        return
    from factcheck.review.evidence import check_url

    _need(isinstance(url, str), f"{where}: an evidence URL is not text")
    try:
        check_url(url)
    except InputError as exc:
        raise InputError(f"bad review file: {where}: {exc}; nothing imported") from None


_MAX_INT = 2**63 - 1
_SUGGESTION_STATES = ("open", "accepted", "dismissed")


def _text(value: Any, where: str, *, required: bool = False) -> None:
    _need(isinstance(value, str) if required else value is None or isinstance(value, str),
          f"{where} must be {'a string' if required else 'a string or null'}, not {type(value).__name__}")


def _int(value: Any, where: str, *, nullable: bool = True) -> None:
    ok = (nullable and value is None) or (isinstance(value, int) and not isinstance(value, bool)
                                          and -_MAX_INT <= value <= _MAX_INT)
    _need(ok, f"{where} must be a whole number{' or null' if nullable else ''}")


def _number(value: Any, where: str) -> None:
    _need(value is None or (isinstance(value, (int, float)) and not isinstance(value, bool) and abs(value) < 1e300),
          f"{where} must be a number or null")


def _choice(value: Any, choices: tuple[str, ...] | list[str], where: str, *, nullable: bool = False) -> None:
    _need((nullable and value is None) or value in choices,
          f"{where} is {value!r}; expected one of {', '.join(choices)}")


def _claim_ref_ok(ref: Any, where: str) -> None:
    _need(isinstance(ref, dict) and isinstance(ref.get("article"), str), f"{where} does not name an article")
    _int(ref.get("idx"), f"{where}: idx", nullable=False)


#: Per fact list: the fields each item may have, with their allowed JSON types (None = null allowed).
_FACT_FIELDS: dict[str, dict[str, tuple[type, ...]]] = {
    "numbers": {"value": (int, float), "unit": (str, type(None)), "event": (str, type(None))},
    "dates": {"iso": (str, type(None)), "weekday": (str, type(None)), "day": (int, type(None)),
              "month": (int, type(None)), "year": (int, type(None))},
    "entities": {"key": (str,), "type": (str, type(None))},
}


def _check_facts(facts: Any, text: str, where: str) -> None:
    """Facts are the engine's output: lists of items whose offsets point at their text in the article."""
    if facts is None:
        return
    _need(isinstance(facts, dict), f"{where}: facts must be an object")
    for name, fields in _FACT_FIELDS.items():
        items = facts.get(name, [])
        _need(isinstance(items, list), f"{where}: facts.{name} must be a list")
        for item in items:
            _need(isinstance(item, dict), f"{where}: an item of facts.{name} is not an object")
            start, end, covered = item.get("start"), item.get("end"), item.get("text")
            _need(isinstance(start, int) and isinstance(end, int) and not isinstance(start, bool)
                  and not isinstance(end, bool) and 0 <= start <= end <= len(text) and text[start:end] == covered,
                  f"{where}: an item of facts.{name} does not match the article text")
            for key, types in fields.items():
                value = item.get(key)
                _need((value is None and type(None) in types) or (isinstance(value, types) and not isinstance(value, bool)),
                      f"{where}: facts.{name} {key} has the wrong type")
            _need(all(v is None or isinstance(v, (str, int, float)) for v in item.values()),
                  f"{where}: an item of facts.{name} holds a nested value")


def _check_values(data: dict[str, Any]) -> None:
    """Types and vocabularies of every value that is written to the database, so that a tampered or
    hand-edited file is refused instead of storing a verdict, status or relation nothing knows."""
    from factcheck.model import KINDS
    from factcheck.review import GRADES, RELATIONS, STANCES, STATUSES
    from factcheck.review.scale import load_scale

    labels = load_scale().labels
    art = data["article"]
    for key in ("title", "outlet", "url", "published", "source_path", "encoding", "ingested_at", "ingested_by"):
        _text(art.get(key), f"article {key}")
    for s in data["sources"]:
        where = f"source {s['key']!r}"
        _choice(s["kind"], KINDS, f"{where}: kind")
        _choice(s.get("grade"), tuple(GRADES), f"{where}: grade", nullable=True)
        for key in ("role", "affiliation"):
            _text(s.get(key), f"{where}: {key}")
        _int(s.get("version"), f"{where}: version")
        _need(isinstance(s.get("aliases", []), list), f"{where}: aliases must be a list")
        for alias in s.get("aliases", []):
            _need(isinstance(alias, dict), f"{where}: an alias is not an object")
            _text(alias.get("alias"), f"{where}: alias", required=True)
            _text(alias.get("lang"), f"{where}: alias language")
    for c in data["claims"]:
        where = f"claim {c['idx']}"
        _need(1 <= c["idx"] <= _MAX_INT, f"{where}: idx must be a positive whole number")
        _choice(c.get("status"), STATUSES, f"{where}: status", nullable=True)
        _choice(c.get("verdict"), labels, f"{where}: verdict", nullable=True)
        for key in ("rationale", "assignee", "updated_at", "updated_by"):
            _text(c.get(key), f"{where}: {key}")
        _int(c.get("version"), f"{where}: version")
        _check_facts(c.get("facts"), data["article"]["text"], where)
        ext = c.get("extracted")
        _need(ext is None or isinstance(ext, dict), f"{where}: extracted attribution must be an object")
        if ext:
            for key in ("role", "mode"):
                _text(ext.get(key), f"{where}: extracted {key}")
            _number(ext.get("confidence"), f"{where}: extracted confidence")
        ov = c.get("override")
        _need(ov is None or isinstance(ov, dict), f"{where}: override must be an object")
        if ov:
            _choice(ov.get("kind"), KINDS, f"{where}: override kind", nullable=True)
            for key in ("role", "note", "updated_at", "updated_by"):
                _text(ov.get(key), f"{where}: override {key}")
            _int(ov.get("version"), f"{where}: override version")
        _need(isinstance(c.get("evidence", []), list), f"{where}: evidence must be a list")
        for ev in c.get("evidence", []):
            _choice(ev["stance"], STANCES, f"{where}: evidence stance")
            for key in ("url", "doc_ref", "title", "quote", "date", "added_by", "added_at"):
                _text(ev.get(key), f"{where}: evidence {key}")
            _int(ev.get("version"), f"{where}: evidence version")
    for link in data["links"]:
        _need(isinstance(link, dict), "a link is not an object")
        _claim_ref_ok(link.get("a"), "a link")
        _claim_ref_ok(link.get("b"), "a link")
        _choice(link.get("relation"), RELATIONS, "a link's relation")
        _choice(link.get("origin", "reviewer"), ("reviewer", "suggestion"), "a link's origin")
        for key in ("note", "created_at", "created_by"):
            _text(link.get(key), f"a link's {key}")
        _number(link.get("score"), "a link's score")
        _int(link.get("version"), "a link's version")
    _need(isinstance(data.get("suggestions") or [], list), "suggestions must be a list")
    for sug in data.get("suggestions") or []:
        _need(isinstance(sug, dict), "a suggestion is not an object")
        _claim_ref_ok(sug.get("a"), "a suggestion")
        _claim_ref_ok(sug.get("b"), "a suggestion")
        _choice(sug.get("relation"), RELATIONS, "a suggestion's relation")
        _choice(sug.get("state"), _SUGGESTION_STATES, "a suggestion's state")
        for key in ("decided_by", "decided_at", "created_at"):
            _text(sug.get(key), f"a suggestion's {key}")
        _need(sug.get("score") is not None, "a suggestion without a score")
        _number(sug.get("score"), "a suggestion's score")
    for ev in data["events"]:
        _need(isinstance(ev, dict), "an event is not an object")
        for key in ("at", "reviewer", "action", "entity"):
            _text(ev.get(key), f"an event's {key}", required=True)
        _need(ev.get("undoes") is None or isinstance(ev["undoes"], dict), "an event's undoes must be an object")
        _need(all(ev.get(k) is None or isinstance(ev[k], dict) for k in ("before", "after")),
              "an event's before and after must be objects or null")
        _text(ev.get("article"), "an event's article")
        if ev.get("claim") is not None:
            _claim_ref_ok(ev["claim"], "an event's claim")
        _need(ev.get("ref") is None or (isinstance(ev["ref"], dict) and len(ev["ref"]) == 1),
              "an event's ref must be an object with one key")
        if ev.get("ref"):
            (kind, value), = ev["ref"].items()
            if kind == "claim":
                _claim_ref_ok(value, "an event's ref")
            elif kind in ("article", "source"):
                _text(value, f"an event's {kind} ref", required=True)
            elif kind in ("link", "suggestion"):
                _need(isinstance(value, list) and len(value) == 2, f"an event's {kind} ref must name two claims")
                for item in value:
                    _claim_ref_ok(item, f"an event's {kind} ref")
            elif kind == "evidence":
                _need(isinstance(value, dict), "an event's evidence ref must be an object")
                if value.get("claim") is not None:
                    _claim_ref_ok(value["claim"], "an event's evidence ref")
                for key in EVIDENCE_KEY:
                    _text(value.get(key), f"an event's evidence ref {key}")


# -- import --------------------------------------------------------------------------------------


_FIELDS = ("status", "verdict", "rationale", "assignee")
_UNTOUCHED = {"status": "unreviewed", "verdict": None, "rationale": None, "assignee": None}


def _state(row: dict[str, Any]) -> tuple[Any, ...]:
    values = {k: row.get(k) for k in _FIELDS}
    values["status"] = values["status"] or "unreviewed"
    return tuple(values[k] for k in _FIELDS)


class _Importer:
    """Applies a review file through the reviewer's write path: every change made here is one
    event with before and after (so ``history`` shows it and ``undo`` reverts it), made by the
    importing reviewer. The file's own events are kept as provenance, marked with their origin.
    A local change the file does not descend from is kept and reported as a conflict."""

    def __init__(self, db: Database, data: dict[str, Any], reviewer: str, source: str | None = None):
        self.db = db
        self.data = data
        self.reviewer = reviewer
        self.local = Local(db)
        self.sha = data["article"]["sha256"]
        self.origin = {"imported_at": now_iso(), "imported_by": reviewer, "file": source,
                       "generated_at": data.get("generated_at")}
        self._history = self._file_states()

    def _file_states(self) -> dict[int, set[tuple[Any, ...]]]:
        """The review states each claim went through in the file's history (its ancestors)."""
        states: dict[int, set[tuple[Any, ...]]] = {}
        current: dict[int, dict[str, Any]] = {}
        for ev in self.data.get("events") or []:
            claim = ev.get("claim") if isinstance(ev, dict) else None
            if not isinstance(claim, dict) or claim.get("article") != self.sha or ev.get("entity") != "claim":
                continue
            idx = claim.get("idx")
            state = current.setdefault(idx, dict(_UNTOUCHED))
            states.setdefault(idx, {_state(state)})
            after = ev.get("after")
            if isinstance(after, dict) and any(k in after for k in _FIELDS):
                state.update({k: after[k] for k in _FIELDS if k in after})
                states[idx].add(_state(state))
        return states

    def run(self) -> ImportResult:
        source_ids, new_sources = self._sources()
        article_id, created = self._article()
        result = ImportResult(article_id, created, sources_added=new_sources)
        self._claims(article_id, source_ids, result)
        self._links(result)
        self._suggestions(result)
        self._events(result)
        if result.changed or result.conflicts:
            record_event(
                self.db, reviewer=self.reviewer, action="import", entity="article", entity_id=article_id,
                article_id=article_id,
                after={"schema": self.data["schema"], "generated_at": self.data.get("generated_at"),
                       "file": self.origin["file"], "claims_added": result.claims_added,
                       "claims_updated": result.claims_updated, "events_added": result.events_added,
                       "conflicts": result.conflicts},
            )
        return result

    def _sources(self) -> tuple[dict[str, int], int]:
        ids: dict[str, int] = {}
        created = []
        now = now_iso()
        for s in self.data["sources"]:
            found = self.local.source(s["key"])
            if found is not None:
                ids[s["key"]] = found
                continue
            sid = self.db["sources"].insert(
                {
                    "key": s["key"], "name": s["name"], "kind": s["kind"], "role": s.get("role"),
                    "affiliation": s.get("affiliation"), "grade": s.get("grade") or "F",
                    "version": s.get("version") or 1, "created_at": now, "updated_at": now,
                    "updated_by": self.reviewer,
                }
            ).last_pk
            ids[s["key"]] = sid
            created.append(s)
            for alias in s.get("aliases", []):
                add_alias(self.db, sid, alias.get("alias"), alias.get("lang"))
        for s in created:
            self.db.execute(
                "UPDATE sources SET parent_id = ?, merged_into = ? WHERE id = ?",
                [ids.get(s.get("parent")), ids.get(s.get("merged_into")), ids[s["key"]]],
            )
        return ids, len(created)

    def _article(self) -> tuple[int, bool]:
        found = self.local.article(self.sha)
        if found is not None:
            return found, False
        art = self.data["article"]
        row = {k: art.get(k) for k in ("title", "outlet", "url", "language", "published", "text", "sha256",
                                       "source_path", "encoding", "ingested_at", "ingested_by")}
        row["chars"] = len(art["text"])
        row["ingested_at"] = row["ingested_at"] or now_iso()
        # Never an id a deleted article had: its events still name it.
        return self.db["articles"].insert({"id": next_article_id(self.db), **row}).last_pk, True

    def _claims(self, article_id: int, source_ids: dict[str, int], result: ImportResult) -> None:
        new_id = next_claim_id(self.db)  # never an id a deleted claim had: its events still name it
        for c in self.data["claims"]:
            existing = list(self.db.query("SELECT * FROM claims WHERE article_id = ? AND idx = ?", [article_id, c["idx"]]))
            state = {k: c.get(k) for k in _FIELDS}
            state["status"] = state["status"] or "unreviewed"
            if existing:
                row = existing[0]
                if (row["start"], row["end"]) != (c["start"], c["end"]):
                    raise InputError(
                        f"claim {c['idx']} of this article is split differently here ({row['start']}-{row['end']}, "
                        f"the file has {c['start']}-{c['end']}); nothing imported"
                    )
                added = False
            else:
                stamp = now_iso()
                self.db["claims"].insert(
                    {
                        "id": new_id, "article_id": article_id, "idx": c["idx"], "start": c["start"], "end": c["end"],
                        "text": c["text"], "text_norm": fold(c["text"]), "facts": dumps(c.get("facts") or {}),
                        "version": 1, **_UNTOUCHED, "updated_at": c.get("updated_at") or stamp,
                        "updated_by": c.get("updated_by") or self.reviewer,
                    }
                )
                row = fetch_one(self.db, "SELECT * FROM claims WHERE id = ?", [new_id])
                new_id += 1
                result.claims_added += 1
                added = True
                self._extracted(row["id"], c.get("extracted"), source_ids)
            changed = self._review_state(row, state, c, result)
            if changed and not added:
                result.claims_updated += 1
            changed = self._override(row["id"], c.get("override"), source_ids, result) or changed
            if changed:  # the state is the file's: keep who set it there and when (events say who imported it)
                self.db.execute(
                    "UPDATE claims SET updated_at = coalesce(?, updated_at), updated_by = coalesce(?, updated_by),"
                    " version = max(version, ?) WHERE id = ?",
                    [c.get("updated_at"), c.get("updated_by"), c.get("version") or 0, row["id"]],
                )
            self._evidence(row["id"], c.get("evidence", []), result)

    def _review_state(self, row: dict[str, Any], state: dict[str, Any], c: dict[str, Any],
                      result: ImportResult) -> bool:
        """Bring the claim to the file's review state when the local state is one the file's
        history went through (or untouched); otherwise keep it and report the conflict."""
        from factcheck.review.workflow import update_claim

        local = {k: row[k] for k in _FIELDS}
        local["status"] = local["status"] or "unreviewed"
        diff = {k: v for k, v in state.items() if local[k] != v}
        if not diff:
            return False
        if _state(local) == _state(_UNTOUCHED) or _state(local) in self._history.get(c["idx"], set()):
            update_claim(self.db, row["id"], diff, reviewer=self.reviewer)
            return True
        fields = ", ".join(f"{k} {local[k]!r} (file: {state[k]!r})" for k in diff)
        result.conflicts.append(
            f"claim {row['article_id']}:{row['idx']}: kept the local {fields}, changed here by "
            f"{row['updated_by'] or 'a reviewer'} at {short_time(row['updated_at'])}; the file's change "
            f"(by {c.get('updated_by') or 'someone'} at {short_time(c.get('updated_at'))}) does not build on it"
        )
        return False

    def _extracted(self, claim_id: int, ext: dict[str, Any] | None, source_ids: dict[str, int]) -> None:
        if not ext:
            return

        def sp(prefix: str, span: dict[str, Any] | None) -> dict[str, Any]:
            span = span or {}
            return {f"{prefix}_start": span.get("start"), f"{prefix}_end": span.get("end"), f"{prefix}_text": span.get("text")}

        att_id = self.db["attributions"].insert(
            {"claim_id": claim_id, "source_id": source_ids[ext["source"]], **sp("mention", ext.get("mention")),
             **sp("cue", ext.get("cue")), "role": ext.get("role"), "mode": ext.get("mode"),
             "confidence": ext.get("confidence")}
        ).last_pk
        for position, hop in enumerate(ext.get("via", [])):
            self.db["attribution_via"].insert(
                {"attribution_id": att_id, "position": position, "source_id": source_ids[hop["source"]],
                 **sp("mention", hop.get("mention"))}
            )

    def _override(self, claim_id: int, ov: dict[str, Any] | None, source_ids: dict[str, int],
                  result: ImportResult) -> bool:
        if not ov:
            return False
        row = {
            "claim_id": claim_id, "source_id": source_ids[ov["source"]], "kind": ov.get("kind"),
            "role": ov.get("role"),
            "via": None if ov.get("via") is None else dumps([source_ids[k] for k in ov["via"]]),
            "note": ov.get("note"), "version": ov.get("version") or 1, "updated_at": ov.get("updated_at"),
            "updated_by": ov.get("updated_by"),
        }
        existing = fetch_one(self.db, "SELECT * FROM claim_overrides WHERE claim_id = ?", [claim_id])
        claim = fetch_one(self.db, "SELECT * FROM claims WHERE id = ?", [claim_id])
        if existing:
            same = all(existing[k] == row[k] for k in ("source_id", "kind", "role", "via", "note"))
            if not same:
                result.conflicts.append(
                    f"claim {claim['article_id']}:{claim['idx']}: kept the local attribution correction by "
                    f"{existing['updated_by'] or 'a reviewer'} at {short_time(existing['updated_at'])}; the file "
                    f"corrects it differently (by {ov.get('updated_by') or 'someone'})"
                )
            return False
        from factcheck.review.attribution import _write_override

        _write_override(self.db, claim_id, row)
        update_row(self.db, "claims", "id", claim_id, {"updated_at": now_iso(), "updated_by": self.reviewer})
        record_event(
            self.db, reviewer=self.reviewer, action="override", entity="claim", entity_id=claim_id,
            article_id=claim["article_id"], claim_id=claim_id,
            before={"override": None, "version": claim["version"]},
            after={"override": row, "version": claim["version"] + 1},
        )
        result.overrides += 1
        return True

    def _evidence(self, claim_id: int, items: list[dict[str, Any]], result: ImportResult) -> None:
        from factcheck.review.evidence import set_removed

        claim = fetch_one(self.db, "SELECT id, article_id FROM claims WHERE id = ?", [claim_id])
        for ev in items:
            where = " AND ".join(f"{k} IS ?" for k in EVIDENCE_KEY)
            found = list(self.db.query(f"SELECT id, removed FROM evidence WHERE claim_id = ? AND {where}",
                                       [claim_id, *(ev.get(k) for k in EVIDENCE_KEY)]))
            if found:
                if ev.get("removed") and not found[0]["removed"]:
                    set_removed(self.db, found[0]["id"], True, reviewer=self.reviewer)
                continue
            row = {"claim_id": claim_id, **{k: ev.get(k) for k in ("url", "doc_ref", "title", "quote", "date",
                                                                   "stance", "added_by", "added_at")},
                   "removed": 0, "version": 1 if ev.get("removed") else ev.get("version") or 1}
            row = {"id": insert_row(self.db, "evidence", row), **row}
            record_event(self.db, reviewer=self.reviewer, action="evidence", entity="evidence", entity_id=row["id"],
                         article_id=claim["article_id"], claim_id=claim_id, before=None, after=row)
            if ev.get("removed"):
                set_removed(self.db, row["id"], True, reviewer=self.reviewer)
                self.db.execute("UPDATE evidence SET version = max(version, ?) WHERE id = ?",
                                [ev.get("version") or 0, row["id"]])
            result.evidence_added += 1

    def _pair(self, item: dict[str, Any], what: str, result: ImportResult) -> tuple[int, int] | None:
        a, b = self.local.claim(item.get("a")), self.local.claim(item.get("b"))
        if a is None or b is None:
            missing = item.get("a") if a is None else item.get("b")
            result.skipped.append(
                f"{what} to claim {missing.get('idx')} of article {str(missing.get('article'))[:12]}, "
                "which this database does not hold"
            )
            return None
        return (a, b) if a < b else (b, a)

    def _links(self, result: ImportResult) -> None:
        for link in self.data["links"]:
            pair = self._pair(link, "link", result)
            if pair is None:
                continue
            local = fetch_one(self.db, "SELECT * FROM links WHERE claim_a = ? AND claim_b = ?", list(pair))
            if local is not None:
                if local["relation"] != link.get("relation"):
                    refs = [fetch_one(self.db, "SELECT article_id, idx FROM claims WHERE id = ?", [i]) for i in pair]
                    result.conflicts.append(
                        f"link {refs[0]['article_id']}:{refs[0]['idx']} - {refs[1]['article_id']}:{refs[1]['idx']}: "
                        f"kept the local {local['relation']!r} (by {local['created_by'] or 'a reviewer'}); "
                        f"the file has {link.get('relation')!r}"
                    )
                continue
            row = {"claim_a": pair[0], "claim_b": pair[1], **{k: link.get(k) for k in (
                "relation", "note", "origin", "score", "created_at", "created_by")}, "version": link.get("version") or 1}
            row = {"id": insert_row(self.db, "links", row), **row}
            first = fetch_one(self.db, "SELECT id, article_id FROM claims WHERE id = ?", [pair[0]])
            record_event(self.db, reviewer=self.reviewer, action="link", entity="link", entity_id=row["id"],
                         article_id=first["article_id"], claim_id=first["id"], before=None, after=row)
            result.links_added += 1

    def _suggestions(self, result: ImportResult) -> None:
        for s in self.data.get("suggestions") or []:
            pair = self._pair(s, "suggestion", result)
            if pair is None or self.local.pair("suggestions", [s["a"], s["b"]]) is not None:
                continue
            self.db["suggestions"].insert(
                {"claim_a": pair[0], "claim_b": pair[1], "reasons": dumps(s.get("reasons")),
                 **{k: s.get(k) for k in ("relation", "score", "state", "decided_by", "decided_at", "created_at")}}
            )
            result.suggestions_added += 1

    def _events(self, result: ImportResult) -> None:
        """The file's history, appended as provenance: each event keeps who did what and when
        there, and is marked with its origin (never undone here as a local change would be)."""
        portable = Portable(self.db)
        deferred = 0
        for ev in self.data["events"]:
            if ev.get("action") in LOCAL_ACTIONS:
                continue
            if any(self.local.claim(ref) is None for ref in _claim_refs(ev)):
                deferred += 1  # about a claim of an article not here yet: comes with that article's review
                continue
            candidates = list(self.db.query(
                "SELECT before, after FROM events WHERE at = ? AND reviewer = ? AND action = ? AND entity = ?",
                [ev["at"], ev["reviewer"], ev["action"], ev["entity"]],
            ))
            if any(
                portable.encode(loads(c["before"])) == ev.get("before")
                and portable.encode(loads(c["after"])) == ev.get("after")
                for c in candidates
            ):
                continue
            undoes = None
            if ev.get("undoes"):
                u = ev["undoes"]
                found = self.db.execute(
                    "SELECT id FROM events WHERE at = ? AND reviewer = ? AND action = ? ORDER BY id LIMIT 1",
                    [u.get("at"), u.get("reviewer"), u.get("action")],
                ).fetchone()
                undoes = found[0] if found else None
            origin = ev.get("origin") if isinstance(ev.get("origin"), dict) else self.origin
            self.db["events"].insert(
                {
                    "at": ev["at"], "reviewer": ev["reviewer"], "action": ev["action"], "entity": ev["entity"],
                    "entity_id": self.local.entity(ev.get("ref")), "article_id": self.local.article(ev.get("article")),
                    "claim_id": self.local.claim(ev.get("claim")), "before": dumps(self.local.decode(ev.get("before"))),
                    "after": dumps(self.local.decode(ev.get("after"))), "undoes": undoes,
                    "origin": dumps(origin),
                }
            )
            result.events_added += 1
        if deferred:
            result.skipped.append(f"{deferred} history events about claims of articles this database does not hold")


def _claim_refs(value: Any) -> list[dict[str, Any]]:
    """Every claim reference (not ``None``) inside an exported event."""
    found: list[dict[str, Any]] = []

    def walk(item: Any, key: str | None = None) -> None:
        if isinstance(item, list):
            for v in item:
                walk(v, key)
        elif isinstance(item, dict):
            if key in ("claim", "$claim", "link", "suggestion") and "article" in item and "idx" in item:
                found.append(item)
                return
            for k, v in item.items():
                walk(v, k)

    walk({k: value.get(k) for k in ("ref", "claim", "before", "after")})
    return found


def import_review(db: Database, data: dict[str, Any], *, reviewer: str, source: str | None = None) -> ImportResult:
    """Load an exported review (parsed JSON) into ``db`` in one transaction; see the module docstring.

    ``source``: where the file came from (its name), recorded in the origin of imported events."""
    reviewer = (reviewer or "").strip()
    if not reviewer:
        raise InputError("a reviewer name is required to import a review")
    try:
        validate(data)
        with write_tx(db):
            return _Importer(db, data, reviewer, source).run()
    except (KeyError, TypeError, AttributeError, IndexError) as exc:
        raise InputError(f"bad review file: unexpected structure ({type(exc).__name__}: {exc})") from None
    except RecursionError:
        raise InputError("bad review file: nested too deeply to be a review") from None


def load_review_file(path: str) -> dict[str, Any]:
    """Parse a review JSON file; InputError naming the file for anything unreadable (a FIFO or
    device is refused without opening it: it could block forever)."""
    from pathlib import Path

    from factcheck.ingest.read import check_regular_file

    try:
        if Path(path).exists():
            check_regular_file(Path(path), path)
        with open(path, "rb") as fh:
            raw = fh.read()
    except OSError as exc:
        raise InputError(f"{path}: {exc.strerror or exc}") from None
    return parse_review_bytes(raw, path)


def parse_review_bytes(raw: bytes, name: str) -> dict[str, Any]:
    """Parse the bytes of a review file; InputError naming ``name`` for anything unreadable."""
    try:
        return json.loads(raw.decode("utf-8-sig"))
    except UnicodeDecodeError:
        raise InputError(f"{name}: not UTF-8 text") from None
    except json.JSONDecodeError as exc:
        raise InputError(f"{name}: not valid JSON (line {exc.lineno}, column {exc.colno}: {exc.msg})") from None
    except RecursionError:
        raise InputError(f"{name}: JSON nested too deeply to be a review") from None
