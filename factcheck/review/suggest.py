"""Ranked link suggestions between claims, in one article and across the database.

Candidates: every other claim of the same article, plus claims of other articles found through the
full-text index (the claim's rarest words) and through shared entity keys in their facts, so a
large database is never compared all-pairs. Scoring is :mod:`factcheck.review.similarity`.

Suggestions are persisted in ``suggestions``: recomputing refreshes the open ones, never brings
back a dismissed or accepted pair, and skips pairs already linked. Accepting one creates the link
(origin ``suggestion``, with the score); accept and dismiss are audited and can be undone.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass
from typing import Any, Iterable

from sqlite_utils import Database

from factcheck.errors import InputError
from factcheck.review.base import check_reviewer, fetch_all, fetch_one, insert_row, load_claim, record_event, write_tx
from factcheck.review.graph import SourceGraph
from factcheck.review.links import get_link, parse_relation
from factcheck.review.similarity import MIN_SCORE, NEAR, Profile, Scorer, antecedents, make_profile, words
from factcheck.store import fulltext
from factcheck.store.refs import get_article
from factcheck.store.util import dumps, loads, now_iso

#: Suggestions kept per claim, and cross-article candidates fetched per claim.
PER_CLAIM = 5
CANDIDATES = 40


@dataclass(slots=True)
class Suggestion:
    id: int | None
    claim_a: int
    claim_b: int
    ref_a: str
    ref_b: str
    relation: str
    score: float
    reasons: dict[str, Any]
    state: str
    text_a: str = ""
    text_b: str = ""
    source_a: str | None = None
    source_b: str | None = None

    def other(self, claim_id: int) -> tuple[int, str]:
        """(id, ref) of the claim at the other end from ``claim_id``."""
        return (self.claim_b, self.ref_b) if claim_id == self.claim_a else (self.claim_a, self.ref_a)

    def to_json(self) -> dict[str, Any]:
        return asdict(self)


_CLAIM_COLS = "c.id, c.article_id, c.idx, c.text, c.text_norm, c.facts, a.language"


def _claims(db: Database, where: str, params: list[Any]) -> list[dict[str, Any]]:
    return fetch_all(db, f"SELECT {_CLAIM_COLS} FROM claims c JOIN articles a ON a.id = c.article_id WHERE {where}",
                     params)


def _profiles(db: Database, rows: list[dict[str, Any]], graph: SourceGraph) -> dict[int, Profile]:
    from factcheck.review.attribution import effective_for_claims

    atts = effective_for_claims(db, [r["id"] for r in rows], graph)
    out = {}
    for row in rows:
        att = atts[row["id"]]
        root = att["origin_root"]["id"] if att["origin_known"] and att["origin_root"] else None
        # who said it is not what was said: the source's and conduits' names are not matched
        said_by = [att["name"], *(h["name"] for h in att["via"])]
        said_by += [span["text"] for span in (att["mention"], att["cue"]) if span]
        said_by += [h["mention"]["text"] for h in att["via"] if h.get("mention")]
        out[row["id"]] = make_profile(row, row["language"] or "en", loads(row["facts"], {}),
                                      source_id=att["source_id"], root_id=root, exclude=" ".join(said_by))
    return out


# --- candidates from other articles -----------------------------------------------------------------


def _fts_terms(db: Database, row: dict[str, Any], total: int) -> list[str]:
    """The claim's rarest indexed words (Arabic also without clitics and with the article)."""
    lang = row["language"] or "en"
    terms = set()
    for token, root in words(row["text_norm"] or "", lang):
        terms.add(token)
        if lang == "ar" and root != token and len(root) >= 3:
            terms.update((root, "ال" + root))
    counts = fulltext.document_counts(db, sorted(terms)) if terms else None
    if counts is None:
        return sorted(terms)[:12]
    ranked = sorted((n, t) for t, n in counts.items() if n > 1)
    common = max(50, total // 20)
    return [t for n, t in ranked if n <= common][:12] or [t for _, t in ranked[:4]]


def _entity_like(facts: dict[str, Any]) -> list[str]:
    return [f'%"key": {dumps(e["key"])}%' for e in (facts.get("entities") or [])[:6] if e.get("key")]


def cross_candidates(db: Database, row: dict[str, Any], *, limit: int = CANDIDATES, total: int | None = None) -> list[int]:
    """Ids of claims in other articles worth scoring against ``row``."""
    total = total or db.execute("SELECT count(*) FROM claims").fetchone()[0]
    found: list[int] = []
    terms = _fts_terms(db, row, total)
    if terms:
        found = fulltext.any_term(db, terms, not_article=row["article_id"], limit=limit)
    patterns = _entity_like(loads(row["facts"], {}) or {})
    if patterns:
        clause = " OR ".join("facts LIKE ?" for _ in patterns)
        found += [r[0] for r in db.execute(
            f"SELECT id FROM claims WHERE article_id != ? AND ({clause}) ORDER BY id DESC LIMIT ?",
            [row["article_id"], *patterns, limit],
        )]
    return list(dict.fromkeys(found))


# --- computing ----------------------------------------------------------------------------------------


def _score_pairs(
    db: Database, focus: list[dict[str, Any]], *, across: bool, graph: SourceGraph, per_claim: int, min_score: float
) -> dict[tuple[int, int], tuple[float, str, dict[str, Any]]]:
    """Best pairs for each claim of ``focus`` (one article's claims, or a single claim)."""
    article_ids = {r["article_id"] for r in focus}
    same_article = _claims(db, "c.article_id IN (SELECT value FROM json_each(?))", [dumps(sorted(article_ids))])
    rows = {r["id"]: r for r in same_article}
    cross: dict[int, list[int]] = {}
    if across:
        total = db.execute("SELECT count(*) FROM claims").fetchone()[0]
        for row in focus:
            cross[row["id"]] = cross_candidates(db, row, total=total)
        missing = sorted({cid for ids in cross.values() for cid in ids} - set(rows))
        for row in _claims(db, "c.id IN (SELECT value FROM json_each(?))", [dumps(missing)]):
            rows[row["id"]] = row
    profiles = _profiles(db, list(rows.values()), graph)
    scorer = Scorer(profiles.values())
    linked = _linked_pairs(db, list(rows))
    memo, local = _article_pairs(profiles, {r["id"] for r in focus}, linked)
    best: dict[tuple[int, int], tuple[float, str, dict[str, Any]]] = {}
    for row in focus:
        me = profiles[row["id"]]
        others = list(local.get(me.claim_id, ()))
        others += [profiles[c] for c in cross.get(row["id"], []) if c in profiles]
        scored = []
        for other in others:
            pair = tuple(sorted((me.claim_id, other.claim_id)))
            if pair in linked:
                continue
            result = memo.get(pair)
            if result is None:  # scored in claim_a, claim_b order so that reasons read that way
                result = memo[pair] = scorer.score(profiles[pair[0]], profiles[pair[1]])
            if result.score >= min_score:
                scored.append((result.score, pair, result))
        scored.sort(key=lambda item: -item[0])
        for score, pair, result in scored[:per_claim]:
            best[pair] = (score, result.relation, result.reasons)
    return best


#: Within one article a claim is scored against its neighbours (``WINDOW`` claims either side) and
#: against the ``LOCAL_CANDIDATES`` claims sharing the most specific words or facts with it. A word
#: or fact in more than ``POSTING_CAP`` claims of the article ties nothing together and is not
#: followed. So an article of N claims costs about N x (2 x WINDOW + LOCAL_CANDIDATES) pair scores,
#: not N x N, and only those pairs are ever held in memory.
WINDOW = 2 * NEAR
LOCAL_CANDIDATES = 32
POSTING_CAP = 64


def _fact_keys(p: Profile) -> list[str]:
    keys = [f"w:{s}" for s in p.stems]
    keys += [f"e:{k}" for k in p.entities]
    keys += [f"n:{value}:{quantity}" for value, quantity in p.numbers if quantity or value >= 10]
    keys += [f"d:{d}" for d in p.dates if d.startswith(("iso:", "md:"))]
    return keys


def local_candidates(members: list[Profile], focus: set[int], *, window: int = WINDOW,
                     limit: int = LOCAL_CANDIDATES, cap: int = POSTING_CAP) -> dict[int, list[Profile]]:
    """For each focus claim of one article (``members`` sorted by ``idx``), the claims of the
    article worth scoring against it: its neighbours, then those sharing the most specific words,
    entities, numbers and dates (weighted by how few claims share each). Pairs sharing nothing
    and far apart cannot reach :data:`MIN_SCORE` and are never scored."""
    postings: dict[str, list[int]] = {}
    keys = [_fact_keys(p) for p in members]
    for i, ks in enumerate(keys):
        for k in ks:
            postings.setdefault(k, []).append(i)
    out: dict[int, list[Profile]] = {}
    for i, me in enumerate(members):
        if me.claim_id not in focus:
            continue
        chosen = [j for j in range(max(0, i - window), min(len(members), i + window + 1)) if j != i]
        weights: dict[int, float] = {}
        for k in keys[i]:
            hits = postings[k]
            if len(hits) > cap or len(hits) < 2:
                continue
            weight = 1.0 / len(hits)
            for j in hits:
                if j != i:
                    weights[j] = weights.get(j, 0.0) + weight
        near = set(chosen)
        ranked = sorted((j for j in weights if j not in near), key=lambda j: (-weights[j], j))
        chosen += ranked[:limit]
        out[me.claim_id] = [members[j] for j in chosen]
    return out


def _article_pairs(profiles: dict[int, Profile], focus: set[int],
                   linked: set[tuple[int, int]]) -> tuple[dict[tuple[int, int], Any], dict[int, list[Profile]]]:
    """Pairs inside the articles of ``focus`` that involve a focus claim (its
    :func:`local_candidates`), then neighbours tied to one event through a third claim near both
    (one hop, never a chain). Returns the scored pairs and each focus claim's local candidates.

    Words are weighted by rarity within the article, so that these pairs score the same whichever
    claims of other articles are being compared too."""
    memo: dict[tuple[int, int], Any] = {}
    candidates: dict[int, list[Profile]] = {}
    articles = {profiles[c].article_id for c in focus}
    by_article: dict[int, list[Profile]] = {}
    for p in profiles.values():
        if p.article_id in articles:
            by_article.setdefault(p.article_id, []).append(p)
    for members in by_article.values():
        members.sort(key=lambda p: p.idx)
        scorer = Scorer(members)
        refers = antecedents(members)
        position = {p.claim_id: i for i, p in enumerate(members)}
        local_focus = {p.claim_id for p in members if p.claim_id in focus}
        found = local_candidates(members, local_focus)
        candidates.update(found)
        direct: dict[tuple[int, int], Any] = {}

        def pair_score(a: Profile, b: Profile):
            key = (a.claim_id, b.claim_id) if a.claim_id < b.claim_id else (b.claim_id, a.claim_id)
            if key not in direct:
                back = refers.get(key) or refers.get(key[::-1]) or []
                direct[key] = scorer.score(profiles[key[0]], profiles[key[1]], refers=back)
            return key, direct[key]

        for claim_id, others in found.items():
            for b in others:
                pair_score(profiles[claim_id], b)

        def around(p: Profile, reach: int) -> list[Profile]:
            i = position[p.claim_id]
            return [q for q in members[max(0, i - reach): i + reach + 1] if abs(q.idx - p.idx) <= reach]

        # the neighbourhood the one-hop rule looks at: pairs within NEAR around each focus claim
        local_ids: set[int] = set()
        for claim_id in local_focus:
            local_ids.update(q.claim_id for q in around(profiles[claim_id], 2 * NEAR))
        local = sorted((profiles[c] for c in local_ids), key=lambda p: p.idx)
        for i, a in enumerate(local):
            for b in local[i + 1:]:
                if b.idx - a.idx > NEAR:
                    break
                pair_score(a, b)
        memo.update(direct)
        for i, a in enumerate(local):
            for b in local[i + 1:]:
                if b.idx - a.idx > NEAR:
                    break
                if not {a.claim_id, b.claim_id} & focus:
                    continue
                key, current = pair_score(a, b)
                if key in linked:
                    continue
                for via in around(a, NEAR):
                    if via is a or via is b or abs(via.idx - b.idx) > NEAR:
                        continue
                    left, right = pair_score(via, a)[1], pair_score(via, b)[1]
                    scores = (left.score, right.score)
                    if left.reasons.get("same_event") and right.reasons.get("same_event") \
                            and memo[key].score < 0.9 * min(scores):
                        memo[key] = scorer.through(profiles[key[0]], profiles[key[1]], current, via, scores)
    return memo, candidates


def _linked_pairs(db: Database, claim_ids: list[int]) -> set[tuple[int, int]]:
    param = [dumps(claim_ids)]
    return {
        (a, b)
        for a, b in db.execute(
            "SELECT claim_a, claim_b FROM links WHERE claim_a IN (SELECT value FROM json_each(?))"
            " OR claim_b IN (SELECT value FROM json_each(?))",
            param * 2,
        )
    }


def _persist(db: Database, focus_ids: list[int], best: dict[tuple[int, int], tuple[float, str, dict[str, Any]]]) -> None:
    """Store fresh open suggestions; drop open ones of ``focus_ids`` that no longer come out."""
    stamp = now_iso()
    param = [dumps(focus_ids)]
    with write_tx(db):
        existing = {
            (r["claim_a"], r["claim_b"]): r
            for r in fetch_all(
                db,
                "SELECT id, claim_a, claim_b, state FROM suggestions WHERE claim_a IN (SELECT value FROM json_each(?))"
                " OR claim_b IN (SELECT value FROM json_each(?))",
                param * 2,
            )
        }
        focus = set(focus_ids)
        for pair, row in existing.items():
            if row["state"] == "open" and pair not in best and (pair[0] in focus or pair[1] in focus):
                db.execute("DELETE FROM suggestions WHERE id = ?", [row["id"]])
        for pair, (score, relation, reasons) in best.items():
            row = existing.get(pair)
            if row is None:
                db.execute(
                    "INSERT INTO suggestions (claim_a, claim_b, relation, score, reasons, state, created_at)"
                    " VALUES (?, ?, ?, ?, ?, 'open', ?)",
                    [pair[0], pair[1], relation, score, dumps(reasons), stamp],
                )
            elif row["state"] == "open":
                db.execute(
                    "UPDATE suggestions SET relation = ?, score = ?, reasons = ? WHERE id = ?",
                    [relation, score, dumps(reasons), row["id"]],
                )


def suggest_for_article(
    db: Database,
    article_id: int | str,
    *,
    limit: int = PER_CLAIM,
    across: bool = True,
    min_score: float = MIN_SCORE,
) -> list[Suggestion]:
    """Compute, store and return the open suggestions of an article's claims, best first.

    ``limit``: suggestions kept per claim; ``across``: also look in other articles.
    """
    article = get_article(db, article_id)
    focus = _claims(db, "c.article_id = ?", [article["id"]])
    graph = SourceGraph(db)
    best = _score_pairs(db, focus, across=across, graph=graph, per_claim=limit, min_score=min_score)
    ids = [r["id"] for r in focus]
    _persist(db, ids, best)
    return open_suggestions(db, ids, graph=graph)


def suggest_for_claim(
    db: Database, claim_id: int | str, *, limit: int = 10, across: bool = True, min_score: float = MIN_SCORE,
    persist: bool = True,
) -> list[Suggestion]:
    """Suggestions for one claim (stored unless ``persist`` is false), best first."""
    claim = load_claim(db, claim_id)
    focus = _claims(db, "c.id = ?", [claim["id"]])
    graph = SourceGraph(db)
    best = _score_pairs(db, focus, across=across, graph=graph, per_claim=limit, min_score=min_score)
    if not persist:
        return _hydrate(db, [
            {"id": None, "claim_a": a, "claim_b": b, "relation": rel, "score": score, "reasons": dumps(reasons),
             "state": "open"} for (a, b), (score, rel, reasons) in best.items()
        ], graph)
    _persist(db, [claim["id"]], best)
    return open_suggestions(db, [claim["id"]], graph=graph)


def open_suggestions(db: Database, claim_ids: Iterable[int], *, graph: SourceGraph | None = None,
                     states: tuple[str, ...] = ("open",)) -> list[Suggestion]:
    """Stored suggestions touching any of ``claim_ids``, best first."""
    param = dumps(list(claim_ids))
    marks = ", ".join("?" for _ in states)
    rows = fetch_all(
        db,
        f"SELECT * FROM suggestions WHERE state IN ({marks}) AND (claim_a IN (SELECT value FROM json_each(?))"
        " OR claim_b IN (SELECT value FROM json_each(?)))",
        [*states, param, param],
    )
    return _hydrate(db, rows, graph or SourceGraph(db))


def _hydrate(db: Database, rows: list[dict[str, Any]], graph: SourceGraph) -> list[Suggestion]:
    from factcheck.review.attribution import effective_for_claims

    ids = {c for r in rows for c in (r["claim_a"], r["claim_b"])}
    claims = {r["id"]: r for r in fetch_all(
        db, "SELECT id, article_id, idx, text FROM claims WHERE id IN (SELECT value FROM json_each(?))", [dumps(sorted(ids))]
    )}
    atts = effective_for_claims(db, ids, graph)
    out = []
    for r in rows:
        a, b = claims.get(r["claim_a"]), claims.get(r["claim_b"])
        if a is None or b is None:
            continue
        out.append(Suggestion(
            id=r["id"], claim_a=a["id"], claim_b=b["id"],
            ref_a=f"{a['article_id']}:{a['idx']}", ref_b=f"{b['article_id']}:{b['idx']}",
            relation=r["relation"], score=r["score"], reasons=loads(r["reasons"], {}), state=r["state"],
            text_a=a["text"], text_b=b["text"], source_a=atts[a["id"]]["name"], source_b=atts[b["id"]]["name"],
        ))
    out.sort(key=lambda s: (-s.score, s.claim_a, s.claim_b))
    return out


# --- decisions ----------------------------------------------------------------------------------------


def _load(db: Database, suggestion_id: int) -> dict[str, Any]:
    row = fetch_one(db, "SELECT * FROM suggestions WHERE id = ?", [suggestion_id])
    if row is None:
        raise InputError(f"no suggestion #{suggestion_id} (see 'factcheck suggest ARTICLE')")
    return row


def _article_of(db: Database, claim_id: int) -> int | None:
    row = fetch_one(db, "SELECT article_id FROM claims WHERE id = ?", [claim_id])
    return row["article_id"] if row else None


def accept_suggestion(
    db: Database, suggestion_id: int, *, reviewer: str, relation: str | None = None, note: str | None = None
) -> dict[str, Any] | None:
    """Accept a suggestion: link the claims (as suggested, or as ``relation``). Returns the link,
    or None when the claims were linked meanwhile (the suggestion is still marked accepted)."""
    reviewer = check_reviewer(reviewer)
    with write_tx(db):
        row = _load(db, suggestion_id)
        if row["state"] == "accepted":
            raise InputError(f"suggestion #{suggestion_id} was already accepted by {row['decided_by']}")
        chosen = parse_relation(relation) if relation else row["relation"]
        link = None
        if get_link(db, row["claim_a"], row["claim_b"]) is None:
            link = {
                "claim_a": row["claim_a"], "claim_b": row["claim_b"], "relation": chosen,
                "note": (note or "").strip() or None, "origin": "suggestion", "score": row["score"],
                "version": 1, "created_at": now_iso(), "created_by": reviewer,
            }
            link = {"id": insert_row(db, "links", link), **link}
        stamp = now_iso()
        db.execute("UPDATE suggestions SET state = 'accepted', decided_by = ?, decided_at = ? WHERE id = ?",
                   [reviewer, stamp, row["id"]])
        record_event(
            db, reviewer=reviewer, action="accept", entity="suggestion", entity_id=row["id"],
            article_id=_article_of(db, row["claim_a"]), claim_id=row["claim_a"],
            before={"state": row["state"], "claim_a": row["claim_a"], "claim_b": row["claim_b"]},
            after={"state": "accepted", "claim_a": row["claim_a"], "claim_b": row["claim_b"], "relation": chosen,
                   "score": row["score"], "link": link},
        )
        return link


def dismiss_suggestion(db: Database, suggestion_id: int, *, reviewer: str) -> None:
    """Dismiss a suggestion; it will not be suggested again."""
    reviewer = check_reviewer(reviewer)
    with write_tx(db):
        row = _load(db, suggestion_id)
        if row["state"] != "open":
            raise InputError(f"suggestion #{suggestion_id} is already {row['state']} (by {row['decided_by']})")
        db.execute("UPDATE suggestions SET state = 'dismissed', decided_by = ?, decided_at = ? WHERE id = ?",
                   [reviewer, now_iso(), row["id"]])
        record_event(
            db, reviewer=reviewer, action="dismiss", entity="suggestion", entity_id=row["id"],
            article_id=_article_of(db, row["claim_a"]), claim_id=row["claim_a"],
            before={"state": "open", "claim_a": row["claim_a"], "claim_b": row["claim_b"]},
            after={"state": "dismissed", "claim_a": row["claim_a"], "claim_b": row["claim_b"],
                   "relation": row["relation"]},
        )
