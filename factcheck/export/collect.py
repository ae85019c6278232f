"""Gather the complete review of one article into one plain, portable dict.

Every export format renders this dict; the JSON export *is* this dict. It holds no database ids:
the article is named by its ``sha256``, sources by ``key``, claims by ``idx`` (and, for claims of
other articles, by ``{"article": sha256, "idx": n}``), so the same review collected from two
databases compares equal. Layout (schema ``factcheck.review/1``)::

    schema, generator {name, version}, generated_at
    article   {sha256, title, outlet, url, language, published, chars, text, source_path, encoding,
               ingested_at, ingested_by}
    scale     {labels: [{label, value, alternate_name}], best, worst}
    reviewers [names]
    sources   [{key, name, kind, parent, role, affiliation, grade, merged_into, family, aliases}]
    claims    [{idx, start, end, text, language, direction, facts, status, verdict, rating, rationale,
                assignee, version, updated_at, updated_by,
                extracted {source, mention, cue, role, mode, confidence, via [{source, mention}]},
                override {source, kind, role, via, note, version, updated_at, updated_by} | null,
                attribution (effective) {source, name, kind, family, family_names, grade, role,
                             affiliation, mention, cue, via [{source, name, kind}], overridden},
                credibility {level, label, independent_count, origins, same_family_only} | null,
                evidence [...], links [{relation, other {article, idx, text, source, kind, title},
                                        note, origin, score, created_at, created_by}]}]
    links        [{a {article, idx}, b {article, idx}, relation, note, origin, score, version,
                   created_at, created_by}]  (every link touching the article, stored order a < b)
    suggestions  [{a, b, relation, score, reasons, state, decided_by, decided_at, created_at}]
    events       [{at, reviewer, action, entity, ref, claim, before, after, undoes}]
    summary      {claims, by_verdict, by_status, sources [...], independence_warnings (verdicts that
                  disagree with the credibility included), open_conflicts, resolved_conflicts}

``import`` events (written when a review is imported) are local provenance of one database, not
part of the review: they are left out, so a review exports the same before and after a move.
"""

from __future__ import annotations

import json
import os
from collections import Counter, defaultdict
from datetime import datetime, timezone
from typing import Any

from sqlite_utils import Database

from factcheck import __version__
from factcheck.review import RELATIONS as LINK_RELATIONS, STATUSES
from factcheck.store.refs import get_article
from factcheck.store.util import loads, now_iso
from factcheck.text.normalize import detect_language

SCHEMA = "factcheck.review/1"
#: Actions that record where a database got its data, not what reviewers decided.
LOCAL_ACTIONS = ("import",)

_ARTICLE_FIELDS = (
    "sha256", "title", "outlet", "url", "language", "published", "chars", "text",
    "source_path", "encoding", "ingested_at", "ingested_by",
)


def rows(db: Database, sql: str, params: list[Any] | tuple[Any, ...] = ()) -> list[dict[str, Any]]:
    return list(db.query(sql, list(params)))


def span(start: Any, end: Any, text: Any) -> dict[str, Any] | None:
    if start is None or end is None:
        return None
    return {"start": start, "end": end, "text": text}


def _ref_key(ref: dict[str, Any]) -> tuple[str, int]:
    return (ref["article"], ref["idx"])


def _pair_key(item: dict[str, Any]) -> tuple[str, int, str, int]:
    return (*_ref_key(item["a"]), *_ref_key(item["b"]))


def text_direction(text: str, default_lang: str | None = None) -> tuple[str, str]:
    """``(language, direction)`` of a piece of text; text without letters takes ``default_lang``."""
    if not any(ch.isalpha() for ch in text or ""):
        lang = default_lang or "en"
    else:
        lang = detect_language(text)
    return lang, ("rtl" if lang == "ar" else "ltr")


class _Collector:
    def __init__(self, db: Database, article: dict[str, Any]):
        self.db = db
        self.article = article
        self.article_id = article["id"]
        self._sources: dict[int, dict[str, Any]] = {}
        self._claim_refs: dict[int, dict[str, Any]] = {}  # claim id -> {article, idx}

    # -- sources ---------------------------------------------------------------------------

    def source(self, source_id: int | None) -> dict[str, Any] | None:
        """The source row (cached), loading parents and merge targets too."""
        if source_id is None:
            return None
        if source_id not in self._sources:
            found = rows(self.db, "SELECT * FROM sources WHERE id = ?", [source_id])
            if not found:
                return None
            self._sources[source_id] = found[0]
            self.source(found[0]["parent_id"])
            self.source(found[0]["merged_into"])
        return self._sources[source_id]

    def key(self, source_id: int | None) -> str | None:
        row = self.source(source_id)
        return row["key"] if row else None

    def family(self, source_id: int | None) -> list[dict[str, Any]]:
        """The source and its parents, root last."""
        chain, row, seen = [], self.source(source_id), set()
        while row and row["id"] not in seen:
            seen.add(row["id"])
            chain.append(row)
            row = self.source(row["parent_id"])
        return chain

    # -- claims of other articles ------------------------------------------------------------

    def claim_ref(self, claim_id: int) -> dict[str, Any] | None:
        if claim_id not in self._claim_refs:
            found = rows(
                self.db,
                "SELECT c.id, c.idx, c.text, c.status, c.verdict, c.article_id, a.sha256, a.title FROM claims c "
                "JOIN articles a ON a.id = c.article_id WHERE c.id = ?",
                [claim_id],
            )
            self._claim_refs[claim_id] = found[0] if found else None
        row = self._claim_refs[claim_id]
        return {"article": row["sha256"], "idx": row["idx"]} if row else None

    # -- the parts ---------------------------------------------------------------------------

    def collect(self, generated_at: str | None) -> dict[str, Any]:
        from factcheck.export.review_api import ReviewState, scale_dict

        raw = self._load()
        state = ReviewState(self.db)
        ids = [c["id"] for c in raw["claims"]]
        others = {link[k] for link in raw["links"] for k in ("claim_a", "claim_b")} - set(ids)
        effective = state.effective([*ids, *others])
        credibility = state.credibility(ids)
        scale = scale_dict()
        self._touch_sources(raw, [effective[cid] for cid in ids])
        ratings = {entry["label"]: entry for entry in scale["labels"]}
        claims = {
            c["id"]: self._claim(c, raw, effective.get(c["id"]) or {}, credibility.get(c["id"]), ratings)
            for c in raw["claims"]
        }
        links = []
        for link in raw["links"]:
            portable = self._pair(link, ("relation", "note", "origin", "score", "version", "created_at", "created_by"))
            if portable is None:
                continue
            links.append(portable)
            for here, there in ((link["claim_a"], link["claim_b"]), (link["claim_b"], link["claim_a"])):
                if here in claims:
                    claims[here]["links"].append(self._link_view(link, there, effective))
        sha = self.article["sha256"]
        for claim in claims.values():
            claim["links"].sort(key=lambda item: (
                LINK_RELATIONS.index(item["relation"]) if item["relation"] in LINK_RELATIONS else 99,
                item["other"]["article"] != sha, item["other"]["article"], item["other"]["idx"]))
        suggestions = []
        for row in raw["suggestions"]:
            item = self._pair(row, ("relation", "score", "reasons", "state", "decided_by", "decided_at", "created_at"))
            if item is not None:
                item["reasons"] = loads(item["reasons"], None)
                suggestions.append(item)
        events = self._events()
        self._touch_event_sources(events)
        review = {
            "schema": SCHEMA,
            "generator": {"name": "factcheck", "version": __version__},
            "generated_at": generated_at or report_time(),
            "article": {f: self.article.get(f) for f in _ARTICLE_FIELDS},
            "scale": scale,
            "reviewers": self._reviewers(raw, events),
            "sources": self._source_list(),
            "claims": list(claims.values()),
            "links": sorted(links, key=_pair_key),
            "suggestions": sorted(suggestions, key=_pair_key),
            "events": events,
        }
        review["summary"] = summarize(review)
        return review

    def _load(self) -> dict[str, Any]:
        """The article's rows, a handful of queries in all."""
        db, aid = self.db, self.article_id
        claims = rows(db, "SELECT * FROM claims WHERE article_id = ? ORDER BY idx", [aid])
        for c in claims:
            self._claim_refs[c["id"]] = {**c, "sha256": self.article["sha256"], "title": self.article["title"]}
        of_claims = "JOIN claims c ON c.id = {}.claim_id WHERE c.article_id = ?"
        via: dict[int, list[dict[str, Any]]] = defaultdict(list)
        for v in rows(db, "SELECT v.*, a.claim_id FROM attribution_via v JOIN attributions a ON a.id = v.attribution_id "
                          f"{of_claims.format('a')} ORDER BY a.claim_id, v.position", [aid]):
            via[v["claim_id"]].append(v)
        evidence: dict[int, list[dict[str, Any]]] = defaultdict(list)
        for e in rows(db, f"SELECT e.* FROM evidence e {of_claims.format('e')} ORDER BY e.added_at, e.id", [aid]):
            evidence[e["claim_id"]].append(e)
        mine = "(SELECT id FROM claims WHERE article_id = ?)"
        return {
            "claims": claims,
            "attributions": {a["claim_id"]: a for a in rows(
                db, f"SELECT a.* FROM attributions a {of_claims.format('a')}", [aid])},
            "via": via,
            "overrides": {o["claim_id"]: o for o in rows(
                db, f"SELECT o.* FROM claim_overrides o {of_claims.format('o')}", [aid])},
            "evidence": evidence,
            "links": rows(db, f"SELECT * FROM links WHERE claim_a IN {mine} OR claim_b IN {mine} ORDER BY id",
                          [aid, aid]),
            "suggestions": rows(db, f"SELECT * FROM suggestions WHERE claim_a IN {mine} OR claim_b IN {mine} "
                                    "ORDER BY id", [aid, aid]),
        }

    def _touch_sources(self, raw: dict[str, Any], effective: list[dict[str, Any]]) -> None:
        """Load every source the article refers to: extracted, via, corrections, effective."""
        ids = [a["source_id"] for a in raw["attributions"].values()]
        ids += [hop["source_id"] for hops in raw["via"].values() for hop in hops]
        for o in raw["overrides"].values():
            ids += [o["source_id"], *(loads(o["via"]) or [])]
        for eff in effective:
            ids += [eff.get("source_id"), *(hop.get("source_id") for hop in eff.get("via", []))]
        for sid in ids:
            self.source(sid)

    def _touch_event_sources(self, events: list[dict[str, Any]]) -> None:
        """Load the sources the history names (a correction since replaced, a merged-away source), so
        that the exported ``sources`` list lets an import resolve every ``$source`` in the events."""
        keys: set[str] = set()

        def walk(value: Any) -> None:
            if isinstance(value, list):
                for item in value:
                    walk(item)
            elif isinstance(value, dict):
                if len(value) == 1 and "$source" in value:
                    keys.add(value["$source"])
                elif len(value) == 1 and "$sources" in value and isinstance(value["$sources"], list):
                    keys.update(value["$sources"])
                else:
                    for item in value.values():
                        walk(item)

        for ev in events:
            walk([ev["before"], ev["after"]])
            if isinstance(ev["ref"], dict) and isinstance(ev["ref"].get("source"), str):
                keys.add(ev["ref"]["source"])
        keys = {k for k in keys if isinstance(k, str)}
        if keys:
            for row in rows(self.db, "SELECT id FROM sources WHERE key IN (SELECT value FROM json_each(?))",
                            [json.dumps(sorted(keys))]):
                self.source(row["id"])

    def _claim(self, c: dict[str, Any], raw: dict[str, Any], eff: dict[str, Any], cred: dict[str, Any] | None,
               ratings: dict[str, dict[str, Any]]) -> dict[str, Any]:
        cid = c["id"]
        lang, direction = text_direction(c["text"], self.article["language"])
        return {
            "idx": c["idx"], "start": c["start"], "end": c["end"], "text": c["text"],
            "language": lang, "direction": direction, "facts": loads(c["facts"], {}),
            "status": c["status"], "verdict": c["verdict"],
            "rating": ratings.get(c["verdict"]) if c["verdict"] else None,
            "rationale": c["rationale"], "assignee": c["assignee"],
            "version": c["version"], "updated_at": c["updated_at"], "updated_by": c["updated_by"],
            "extracted": self._extracted(raw["attributions"].get(cid), raw["via"].get(cid, [])),
            "override": self._override(raw["overrides"].get(cid)),
            "attribution": self._effective(eff),
            "credibility": cred,
            "evidence": [self._evidence(e) for e in raw["evidence"].get(cid, [])],
            "links": [],
        }

    def _pair(self, row: dict[str, Any], fields: tuple[str, ...]) -> dict[str, Any] | None:
        """A link or suggestion with portable ends, in a canonical order (local ids differ)."""
        a, b = self.claim_ref(row["claim_a"]), self.claim_ref(row["claim_b"])
        if a is None or b is None:
            return None
        a, b = sorted((a, b), key=_ref_key)
        return {"a": a, "b": b, **{f: row[f] for f in fields}}

    def _extracted(self, a: dict[str, Any] | None, hops: list[dict[str, Any]]) -> dict[str, Any] | None:
        if a is None:
            return None
        return {
            "source": self.key(a["source_id"]),
            "mention": span(a["mention_start"], a["mention_end"], a["mention_text"]),
            "cue": span(a["cue_start"], a["cue_end"], a["cue_text"]),
            "role": a["role"],
            "mode": a["mode"],
            "confidence": a["confidence"],
            "via": [
                {"source": self.key(h["source_id"]), "mention": span(h["mention_start"], h["mention_end"], h["mention_text"])}
                for h in hops
            ],
        }

    def _override(self, o: dict[str, Any] | None) -> dict[str, Any] | None:
        if o is None:
            return None
        return {
            "source": self.key(o["source_id"]),
            "kind": o["kind"],
            "role": o["role"],
            "via": None if loads(o["via"]) is None else [self.key(sid) for sid in loads(o["via"])],
            "note": o["note"],
            "version": o["version"],
            "updated_at": o["updated_at"],
            "updated_by": o["updated_by"],
        }

    def _effective(self, eff: dict[str, Any]) -> dict[str, Any]:
        return {
            "source": self.key(eff.get("source_id")),
            "name": eff.get("name"),
            "kind": eff.get("kind"),
            "family": [self.key(sid) for sid in eff.get("family_ids", [])],
            "family_names": list(eff.get("family", [])),
            "grade": eff.get("grade"),
            "role": eff.get("role"),
            "affiliation": eff.get("affiliation"),
            "mention": eff.get("mention"),
            "cue": eff.get("cue"),
            "via": [
                {"source": self.key(h.get("source_id")), "name": h.get("name"), "kind": h.get("kind")}
                for h in eff.get("via", [])
            ],
            "overridden": bool(eff.get("overridden")),
        }

    @staticmethod
    def _evidence(e: dict[str, Any]) -> dict[str, Any]:
        return {
            "url": e["url"], "doc_ref": e["doc_ref"], "title": e["title"], "quote": e["quote"],
            "date": e["date"], "stance": e["stance"], "added_by": e["added_by"], "added_at": e["added_at"],
            "removed": bool(e["removed"]), "version": e["version"],
        }

    def _link_view(self, link: dict[str, Any], other_id: int, effective: dict[int, Any]) -> dict[str, Any]:
        ref = self.claim_ref(other_id) or {}
        row = self._claim_refs.get(other_id) or {}
        eff = effective.get(other_id) or {}
        return {
            "relation": link["relation"],
            "other": {
                "article": ref.get("article"), "idx": ref.get("idx"), "text": row.get("text"),
                "title": row.get("title"), "source": eff.get("name"), "kind": eff.get("kind"),
                "status": row.get("status"), "verdict": row.get("verdict"),
            },
            "note": link["note"], "origin": link["origin"], "score": link["score"],
            "created_at": link["created_at"], "created_by": link["created_by"],
        }

    def _events(self) -> list[dict[str, Any]]:
        from factcheck.export.portable import Portable

        aid = self.article_id
        source_ids = list(self._sources)
        marks = ",".join("?" * len(source_ids)) or "NULL"
        mine = "(SELECT id FROM claims WHERE article_id = ?)"
        ends = " OR ".join(f"json_extract({col}, '$.{end}') IN {mine}"
                           for col in ("before", "after") for end in ("claim_a", "claim_b"))
        found = rows(
            self.db,
            f"SELECT * FROM events WHERE article_id = ? OR claim_id IN {mine} "
            f"OR (entity IN ('link', 'suggestion') AND ({ends})) "
            f"OR (entity = 'source' AND claim_id IS NULL AND article_id IS NULL AND entity_id IN ({marks})) "
            "ORDER BY at, id",
            [aid, aid, *([aid] * 4), *source_ids],
        )
        portable = Portable(self.db)
        portable.prefetch(found)
        return [portable.event(ev) for ev in found if ev["action"] not in LOCAL_ACTIONS]

    @staticmethod
    def _reviewers(raw: dict[str, Any], events: list[dict[str, Any]]) -> list[str]:
        """Everyone who changed the review (ingesting alone does not make a reviewer)."""
        names: set[str] = set()
        names.update(e["added_by"] for items in raw["evidence"].values() for e in items)
        names.update(link["created_by"] for link in raw["links"])
        names.update(o["updated_by"] for o in raw["overrides"].values())
        names.update(ev["reviewer"] for ev in events if ev["action"] != "ingest")
        return sorted(n for n in names if n)

    def _source_list(self) -> list[dict[str, Any]]:
        out = []
        ids = list(self._sources)
        aliases: dict[int, list[dict[str, Any]]] = defaultdict(list)
        if ids:
            marks = ",".join("?" * len(ids))
            for a in rows(
                self.db,
                f"SELECT source_id, alias, lang FROM source_aliases WHERE source_id IN ({marks}) "
                "ORDER BY alias_norm, alias",
                ids,
            ):
                aliases[a["source_id"]].append({"alias": a["alias"], "lang": a["lang"]})
        for sid, row in self._sources.items():
            out.append(
                {
                    "key": row["key"], "name": row["name"], "kind": row["kind"],
                    "parent": self.key(row["parent_id"]), "role": row["role"],
                    "affiliation": row["affiliation"], "grade": row["grade"],
                    "merged_into": self.key(row["merged_into"]),
                    "family": [r["key"] for r in self.family(sid)],
                    "version": row["version"],
                    "aliases": aliases.get(sid, []),
                }
            )
        out.sort(key=lambda s: s["key"])
        return out


def report_time() -> str:
    """Now (UTC), or ``$SOURCE_DATE_EPOCH`` when set, for reproducible reports."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
    if epoch.isdigit():
        return datetime.fromtimestamp(int(epoch), timezone.utc).isoformat(timespec="microseconds")
    return now_iso()


def collect(db: Database, article_id: int | str, *, generated_at: str | None = None) -> dict[str, Any]:
    """The complete review of article ``article_id`` as a plain dict (see the module docstring)."""
    article = get_article(db, article_id)
    return _Collector(db, article).collect(generated_at)


def summarize(review: dict[str, Any]) -> dict[str, Any]:
    """Counts by verdict and status, the per-source table, independence warnings, open conflicts."""
    claims = review["claims"]
    labels = [entry["label"] for entry in review["scale"]["labels"]]
    verdicts = Counter(c["verdict"] for c in claims)
    by_verdict = [{"verdict": label, "claims": verdicts.get(label, 0)} for label in labels]
    by_verdict += [{"verdict": v, "claims": n} for v, n in sorted(verdicts.items(), key=lambda kv: str(kv[0]))
                   if v is not None and v not in labels]
    by_verdict.append({"verdict": None, "claims": verdicts.get(None, 0)})
    statuses = Counter(c["status"] for c in claims)
    by_status = [{"status": s, "claims": statuses.get(s, 0)} for s in STATUSES]
    by_status += [{"status": s, "claims": n} for s, n in sorted(statuses.items()) if s not in STATUSES]

    per_source: dict[str, dict[str, Any]] = {}
    for c in claims:
        att = c["attribution"]
        key = att["source"] or "?"
        entry = per_source.setdefault(
            key,
            {
                "source": att["source"], "name": att["name"], "kind": att["kind"],
                "family": att["family_names"][-1] if att["family_names"] else att["name"],
                "family_names": att["family_names"], "grade": att["grade"], "claims": 0,
                "verdicts": Counter(), "first_idx": c["idx"],
            },
        )
        entry["claims"] += 1
        entry["verdicts"][c["verdict"]] += 1
    sources = []
    for entry in sorted(per_source.values(), key=lambda e: (-e["claims"], e["first_idx"])):
        counts = entry.pop("verdicts")
        entry.pop("first_idx")
        entry["verdicts"] = {label: counts[label] for label in labels if counts.get(label)}
        for v, n in sorted(counts.items(), key=lambda kv: str(kv[0])):
            if v is not None and v not in labels:
                entry["verdicts"][v] = n
        entry["unreviewed"] = counts.get(None, 0)
        sources.append(entry)

    from factcheck.review.independence import verdict_mismatch

    warnings = []
    for c in claims:
        cred = c.get("credibility") or {}
        for message in cred.get("warnings") or []:
            warnings.append({"idx": c["idx"], "source": c["attribution"]["name"], "message": message})
        mismatch = verdict_mismatch(c.get("verdict"), cred.get("level"))
        if mismatch:  # a verdict the links and evidence do not bear out is flagged with the warnings
            warnings.append({"idx": c["idx"], "source": c["attribution"]["name"], "message": mismatch})

    # A conflict stays open until both claims are reviewed and carry a verdict.
    sha = review["article"]["sha256"]
    conflicts, resolved_conflicts, seen = [], [], set()
    for c in claims:
        for link in c["links"]:
            if link["relation"] != "contradicts":
                continue
            other = link["other"]
            pair = tuple(sorted([(sha, c["idx"]), (other["article"], other["idx"])]))
            if pair in seen:
                continue
            seen.add(pair)
            resolved = all(
                status == "reviewed" and verdict
                for status, verdict in ((c["status"], c["verdict"]), (other["status"], other["verdict"]))
            )
            entry = {
                "idx": c["idx"], "source": c["attribution"]["name"],
                "other": {k: other[k] for k in ("article", "idx", "title", "text", "source")},
                "note": link["note"],
            }
            if resolved:
                entry["verdicts"] = [c["verdict"], other["verdict"]]
                resolved_conflicts.append(entry)
            else:
                conflicts.append(entry)

    return {
        "claims": len(claims),
        "by_verdict": by_verdict,
        "by_status": by_status,
        "sources": sources,
        "independence_warnings": warnings,
        "open_conflicts": conflicts,
        "resolved_conflicts": resolved_conflicts,
    }
