"""Everything about one claim, for ``factcheck show`` and the TUI's detail pane."""

from __future__ import annotations

from typing import Any

from sqlite_utils import Database

from factcheck.review.attribution import effective_for_claims
from factcheck.review.base import claim_ref, fetch_one, load_claim
from factcheck.review.evidence import evidence_for
from factcheck.review.graph import SourceGraph
from factcheck.review.independence import assess
from factcheck.review.links import links_for
from factcheck.review.scale import load_scale
from factcheck.review.suggest import open_suggestions
from factcheck.store.util import loads

_ARTICLE_COLS = "id, title, outlet, url, language, published"


def claim_detail(db: Database, claim_id: int | str) -> dict[str, Any]:
    """claim (row + ref), article, attribution (effective; ``extracted`` inside), facts, status,
    verdict (+ ``verdict_info`` from the scale), rationale, assignee, links (both ways), suggestions
    (open, with scores and the other claim), evidence, independence (dict), version, updated_by/at."""
    claim = load_claim(db, claim_id)
    graph = SourceGraph(db)
    verdict = load_scale().get(claim["verdict"])
    suggestions = []
    from factcheck.review.ranking import offered

    open_ = list(filter(offered, open_suggestions(db, [claim["id"]], graph=graph)))  # no same-family corroboration
    modes = {cid: att.get("mode") for cid, att in effective_for_claims(
        db, [claim["id"], *(c for s in open_ for c in (s.claim_a, s.claim_b))], graph).items()}
    for s in open_:
        other_id, other_ref = s.other(claim["id"])
        item = s.to_json()
        item.update(
            other_id=other_id,
            other_ref=other_ref,
            other_text=s.text_b if other_id == s.claim_b else s.text_a,
            other_source=s.source_b if other_id == s.claim_b else s.source_a,
            mode_a=modes.get(s.claim_a), mode_b=modes.get(s.claim_b),  # a denial negates its content
        )
        suggestions.append(item)
    return {
        "claim": {k: v for k, v in claim.items() if k != "facts"},
        "ref": claim_ref(claim),
        "article": fetch_one(db, f"SELECT {_ARTICLE_COLS} FROM articles WHERE id = ?", [claim["article_id"]]),
        "attribution": effective_for_claims(db, [claim["id"]], graph)[claim["id"]],
        "facts": loads(claim["facts"], {}) or {},
        "status": claim["status"],
        "verdict": claim["verdict"],
        "verdict_info": (
            {"label": verdict.label, "value": verdict.value, "alternate_name": verdict.alternate_name,
             "glyph": verdict.glyph, "color": verdict.color}
            if verdict else None
        ),
        "rationale": claim["rationale"],
        "assignee": claim["assignee"],
        "links": links_for(db, claim["id"], graph),
        "suggestions": suggestions,
        "evidence": evidence_for(db, claim["id"]),
        "independence": _independence(assess(db, claim["id"], graph).to_json(), claim["verdict"]),
        "version": claim["version"],
        "updated_by": claim["updated_by"],
        "updated_at": claim["updated_at"],
    }


def _independence(ind: dict[str, Any], verdict: str | None) -> dict[str, Any]:
    """The independence dict, with a flag when the verdict disagrees with the credibility."""
    from factcheck.review.independence import verdict_mismatch

    mismatch = verdict_mismatch(verdict, ind.get("credibility"))
    ind["verdict_mismatch"] = mismatch
    if mismatch:
        ind["warnings"] = [*ind["warnings"], mismatch]
    return ind
