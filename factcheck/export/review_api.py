"""The one place the exporter reads derived review state from :mod:`factcheck.review`.

Thin adapters turning the library's results (verdict scale, effective attribution with reviewer
overrides, independence/credibility) into the plain, id-free shapes ``collect`` needs.
"""

from __future__ import annotations

from typing import Any, Iterable

from sqlite_utils import Database

from factcheck.review.attribution import effective_for_claims
from factcheck.review.graph import SourceGraph
from factcheck.review.independence import assess_many
from factcheck.review.scale import load_scale


def scale_dict() -> dict[str, Any]:
    """The verdict scale: ``{name, labels: [{label, value, alternate_name}], best, worst}``."""
    scale = load_scale()
    return {
        "name": scale.name,
        "labels": [{"label": v.label, "value": v.value, "alternate_name": v.alternate_name} for v in scale.verdicts],
        "best": scale.best,
        "worst": scale.worst,
    }


class ReviewState:
    """Effective attributions and independence for a set of claims, sharing one source graph."""

    def __init__(self, db: Database):
        self.db = db
        self.graph = SourceGraph(db)
        self._effective: dict[int, dict[str, Any]] = {}

    def effective(self, claim_ids: Iterable[int]) -> dict[int, dict[str, Any]]:
        """claim id -> the library's effective attribution (reviewer overrides win)."""
        missing = [cid for cid in claim_ids if cid not in self._effective]
        if missing:
            self._effective.update(effective_for_claims(self.db, missing, self.graph))
        return self._effective

    def credibility(self, claim_ids: Iterable[int]) -> dict[int, dict[str, Any]]:
        """claim id -> ``{level, label, independent_count, origins, same_family_only, root, warnings}``."""
        out = {}
        for cid, ind in assess_many(self.db, list(claim_ids), self.graph).items():
            out[cid] = {
                "level": ind.credibility,
                "label": ind.credibility_label,
                "independent_count": ind.independent_count,
                "origins": list(ind.roots),
                "same_family_only": ind.same_family_only,
                "root": ind.root["name"] if ind.root else None,
                "contradicting_count": ind.contradicting_count,
                "warnings": list(ind.warnings),
            }
        return out
