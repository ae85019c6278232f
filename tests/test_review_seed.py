"""Acceptance on the reference article (../shared): independent vs same-family corroboration.

Claims are located through the hand-annotated gold file (by overlapping spans, never by index) and
judged with the sources the engine attributed; nothing of the article is copied here.
"""

from __future__ import annotations

import itertools

import pytest
from conftest import load_jsonl

from factcheck.review.attribution import effective_attributions
from factcheck.review.independence import SAME_FAMILY_WARNING, assess
from factcheck.review.sources import list_sources
from factcheck.review.suggest import accept_suggestion, suggest_for_article


def _overlap(a: tuple[int, int], b: tuple[int, int]) -> bool:
    shorter = min(a[1] - a[0], b[1] - b[0])
    return max(0, min(a[1], b[1]) - max(a[0], b[0])) * 2 >= shorter > 0


@pytest.fixture
def seed(db, shared_dir):
    from factcheck.ingest import ingest_text

    gold = load_jsonl(shared_dir / "eval" / "seed-gold.jsonl")[0]
    text = (shared_dir / "seed" / "seed_ar.txt").read_text(encoding="utf-8")
    article_id = ingest_text(db, text, reviewer="sara").article_id
    claims = list(db.query("SELECT id, start, end FROM claims WHERE article_id = ?", [article_id]))
    groups: dict[str, set[int]] = {}
    for item in gold["attributions"]:
        span = tuple(item["content"][0])
        for claim in claims:
            if _overlap((claim["start"], claim["end"]), span):
                groups.setdefault(item["canonical"] or "unattributed", set()).add(claim["id"])
    return article_id, groups


def _corroborating(suggestions, left: set[int], right: set[int]):
    return [s for s in suggestions if s.relation == "corroborates"
            and ({s.claim_a, s.claim_b} & left) and ({s.claim_a, s.claim_b} & right)]


def test_strike_on_the_car_is_independently_corroborated(db, seed):
    article_id, groups = seed
    names = ("Iraqi security sources", "source close to the Popular Mobilization Forces", "Iraqi Interior Ministry source")
    car = {name: groups[name] for name in names}
    effective = effective_attributions(db, article_id)
    roots = {name: {effective[c]["family_root"] for c in ids} for name, ids in car.items()}
    assert len(set().union(*roots.values())) == 3, roots  # three distinct families, as the engine attributed
    suggestions = suggest_for_article(db, article_id)
    for left, right in itertools.combinations(names, 2):
        found = _corroborating(suggestions, car[left], car[right])
        assert found, f"no corroborating suggestion between {left} and {right}"
        for s in found:
            accept_suggestion(db, s.id, reviewer="sara")
    for name in names:
        for claim_id in car[name]:
            result = assess(db, claim_id)
            if not result.corroborating:
                continue  # a second claim of the same source may be linked to nothing
            assert result.independent_count >= 2 and not result.same_family_only, (name, result)
            assert result.credibility == 1
    assert all(any(assess(db, c).independent_count >= 2 for c in ids) for ids in car.values())


def test_centcom_and_the_pentagon_spokesperson_are_one_family(db, seed):
    article_id, groups = seed
    suggestions = suggest_for_article(db, article_id)
    found = _corroborating(suggestions, groups["CENTCOM"], groups["Sabrina Singh"])
    assert found, "no corroborating suggestion between CENTCOM and Sabrina Singh"
    for s in found:
        assert s.reasons.get("same_family")
        accept_suggestion(db, s.id, reviewer="sara")
    for claim_id in {c for s in found for c in (s.claim_a, s.claim_b)}:
        result = assess(db, claim_id)
        assert result.same_family_only and result.independent_count == 0
        assert result.warnings == [f"{SAME_FAMILY_WARNING} (US Department of Defense)"]
        assert result.credibility == 3
    rows = {r["key"]: r for r in list_sources(db)}
    assert rows["centcom"]["family_root"] == rows["sabrina-singh"]["family_root"] == "US Department of Defense"
    assert rows["centcom"]["warnings"] >= 1 and rows["sabrina-singh"]["warnings"] >= 1
