"""Is a claim's corroboration independent? Root origins and Admiralty information credibility.

A claim's *origin* is its effective source, or for "reports"/unattributed claims the first via hop
(see :mod:`factcheck.review.attribution`); conduits never count. Its *root* is the top of the
origin's family tree (``sources.parent_id``): CENTCOM and a Pentagon spokesperson share the root US
Department of Defense. Corroborating links (``corroborates``, ``same_claim``) are counted by
distinct roots other than the claim's own; links from claims of unknown origin count for nothing,
and a claim of unknown origin (vague "reports", narration) has no independent corroboration at all.

Information credibility (NATO/Admiralty 1-6), with K = independent roots among corroborating claims,
plus one if reviewers attached supporting evidence, and X = distinct roots among contradicting
claims, plus one if there is refuting evidence:

====================  ==========================================================
no contradiction      K >= 2: 1 confirmed by independent sources; K = 1: 2 probably true;
                      corroborated only within its own family (or only by claims of unknown
                      origin): 3 possibly true; nothing at all: 6 cannot be judged
contradicted (X > 0)  K > X: 3 possibly true; K = X: 4 doubtful; K < X: 5 improbable
====================  ==========================================================
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any, Iterable

from sqlite_utils import Database

from factcheck.review import CORROBORATING, CREDIBILITY
from factcheck.review.base import load_claim
from factcheck.review.graph import SourceGraph
from factcheck.store.util import dumps

SAME_FAMILY_WARNING = "corroborated only by the same source family"


@dataclass(slots=True)
class Independence:
    claim_id: int
    origin: dict[str, Any] | None  # {id, key, name, kind} of the claim's origin; None if unknown
    root: dict[str, Any] | None  # family root of the origin
    corroborating: list[dict[str, Any]] = field(default_factory=list)
    contradicting: list[dict[str, Any]] = field(default_factory=list)
    roots: list[str] = field(default_factory=list)  # independent root families that corroborate
    independent_count: int = 0
    same_family_only: bool = False
    contradicting_count: int = 0  # distinct root families that contradict
    supporting_evidence: int = 0
    refuting_evidence: int = 0
    credibility: int = 6
    credibility_label: str = CREDIBILITY[6]
    warnings: list[str] = field(default_factory=list)

    def to_json(self) -> dict[str, Any]:
        return asdict(self)


def credibility_level(
    independent: int, contradicting: int, *, supporting: int = 0, refuting: int = 0, weak: bool = False
) -> int:
    """The mapping in the module docstring. ``weak``: corroborated, but not independently."""
    k = independent + (1 if supporting else 0)
    x = contradicting + (1 if refuting else 0)
    if x:
        return 3 if k > x else 4 if k == x else 5
    if k >= 2:
        return 1
    if k == 1:
        return 2
    return 3 if weak else 6


def _root_key(att: dict[str, Any]) -> tuple[bool, Any]:
    """(known, root id) of an effective attribution."""
    root = att["origin_root"]
    if not att["origin_known"] or root is None:
        return False, None
    return True, root["id"]


def _other(att: dict[str, Any], claim: dict[str, Any], relation: str, own_known: bool, own_root: Any) -> dict[str, Any]:
    known, root = _root_key(att)
    return {
        "claim_id": claim["id"],
        "ref": f"{claim['article_id']}:{claim['idx']}",
        "relation": relation,
        "source": att["name"],
        "origin": att["origin"]["name"] if att["origin"] else None,
        "root": att["origin_root"]["name"] if known else None,
        "root_id": root,
        "known": known,
        # Independence is from the claim's own origin: when that is unknown ("reports", narration)
        # nothing can be shown to be independent of it.
        "independent": known and own_known and root != own_root,
    }


def assess_many(
    db: Database, claim_ids: Iterable[int], graph: SourceGraph | None = None
) -> dict[int, Independence]:
    """Independence of several claims with a handful of queries."""
    from factcheck.review.attribution import effective_for_claims

    ids = list(dict.fromkeys(claim_ids))
    if not ids:
        return {}
    graph = graph or SourceGraph(db)
    param = [dumps(ids)]
    links = list(
        db.execute(
            "SELECT claim_a, claim_b, relation FROM links WHERE claim_a IN (SELECT value FROM json_each(?))"
            " UNION SELECT claim_a, claim_b, relation FROM links WHERE claim_b IN (SELECT value FROM json_each(?))",
            param * 2,
        )
    )
    involved = set(ids) | {c for a, b, _ in links for c in (a, b)}
    atts = effective_for_claims(db, involved, graph)
    cur = db.execute(
        "SELECT id, article_id, idx FROM claims WHERE id IN (SELECT value FROM json_each(?))", [dumps(list(involved))]
    )
    claims = {r[0]: {"id": r[0], "article_id": r[1], "idx": r[2]} for r in cur.fetchall()}
    stances: dict[int, dict[str, int]] = {}
    for claim_id, stance, count in db.execute(
        "SELECT claim_id, stance, count(*) FROM evidence WHERE removed = 0"
        " AND claim_id IN (SELECT value FROM json_each(?)) GROUP BY claim_id, stance",
        param,
    ):
        stances.setdefault(claim_id, {})[stance] = count
    by_claim: dict[int, list[tuple[int, str]]] = {cid: [] for cid in ids}
    for a, b, relation in links:
        if a in by_claim:
            by_claim[a].append((b, relation))
        if b in by_claim:
            by_claim[b].append((a, relation))
    return {
        cid: _assess(cid, atts[cid], by_claim[cid], atts, claims, stances.get(cid, {}))
        for cid in ids
        if cid in claims
    }


def _assess(claim_id, att, linked, atts, claims, stances) -> Independence:
    own_known, own_root = _root_key(att)
    result = Independence(
        claim_id=claim_id,
        origin=att["origin"] if own_known else None,
        root=att["origin_root"] if own_known else None,
        supporting_evidence=stances.get("supports", 0),
        refuting_evidence=stances.get("refutes", 0),
    )
    for other_id, relation in sorted(linked):
        if other_id not in claims:
            continue
        item = _other(atts[other_id], claims[other_id], relation, own_known, own_root)
        if relation in CORROBORATING:
            result.corroborating.append(item)
        elif relation == "contradicts":
            result.contradicting.append(item)
    roots = {}
    for item in result.corroborating:
        if item["independent"]:
            roots.setdefault(item["root_id"], item["root"])
    result.roots = sorted(roots.values(), key=str.casefold)
    result.independent_count = len(roots)
    against = {item["root_id"] if item["known"] else ("unknown", item["claim_id"]) for item in result.contradicting}
    result.contradicting_count = len(against)
    same_family = own_known and any(i["known"] and not i["independent"] for i in result.corroborating)
    result.same_family_only = bool(result.corroborating) and not roots and same_family
    weak = bool(result.corroborating) and not roots
    if result.same_family_only:
        family = att["origin_root"]["name"] if att["origin_root"] else "its own family"
        result.warnings.append(f"{SAME_FAMILY_WARNING} ({family})")
    elif weak and own_known:
        result.warnings.append("corroborated only by claims of unknown origin")
    if not own_known and result.corroborating:
        result.warnings.append("the claim's own origin is unknown (unattributed or 'reports'): "
                               "no corroboration counts as independent")
    result.credibility = credibility_level(
        result.independent_count,
        result.contradicting_count,
        supporting=result.supporting_evidence,
        refuting=result.refuting_evidence,
        weak=weak,
    )
    result.credibility_label = CREDIBILITY[result.credibility]
    return result


def assess(db: Database, claim_id: int | str, graph: SourceGraph | None = None) -> Independence:
    """Independence and credibility of one claim (by id or ``ARTICLE:INDEX``)."""
    row = load_claim(db, claim_id)
    return assess_many(db, [row["id"]], graph)[row["id"]]


def verdict_mismatch(verdict: str | None, credibility: int | None) -> str | None:
    """A one-line flag when a verdict disagrees with the credibility the links and evidence give:
    a confirming verdict on a doubtful or improbable claim, or 'false' on a claim confirmed by
    independent sources. ``None`` when they agree (or there is nothing to compare)."""
    if not verdict or credibility is None:
        return None
    from factcheck.review.scale import load_scale

    scale = load_scale()
    entry = scale.get(verdict)
    value = entry.value if entry is not None else None
    if value is None:
        return None
    label = CREDIBILITY.get(credibility, "?")
    if value >= scale.best - 1 and credibility in (4, 5):
        return f"verdict {verdict!r} disagrees with credibility {credibility} ({label}): check the contradicting links"
    if value == scale.worst and credibility in (1, 2):
        return f"verdict {verdict!r} disagrees with credibility {credibility} ({label}): independent sources confirm it"
    return None
