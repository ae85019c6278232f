"""Independence of corroboration: via chains to the origin, family roots, Admiralty credibility."""

from __future__ import annotations

import pytest
from test_review_support import add_article, add_source

from factcheck.review import evidence, links
from factcheck.review.attribution import effective_attribution
from factcheck.review.independence import SAME_FAMILY_WARNING, assess, credibility_level
from factcheck.review.sources import merge_sources


@pytest.fixture
def world(db):
    add_source(db, "dod", "US Department of Defense")
    add_source(db, "centcom", "CENTCOM", parent="dod")
    add_source(db, "pentagon", "Pentagon", parent="dod")
    add_source(db, "deputy-press-secretary", "Deputy press secretary", kind="person", parent="pentagon")
    add_source(db, "wire", "Wire Agency", kind="agency")
    add_source(db, "port-police", "Port police sources", kind="anonymous")
    add_source(db, "militia-source", "Source close to the militia", kind="anonymous")
    add_source(db, "harbour-ministry", "Harbour Ministry")
    add_source(db, "harbour-official", "Harbour Ministry official", kind="anonymous", parent="harbour-ministry")
    add_source(db, "reports", "reports", kind="reports")
    _, ids = add_article(db, [
        {"text": "A drone hit a lorry on the coast road, killing its driver.", "source": "port-police", "via": ["wire"],
         "kind": "anonymous"},
        {"text": "One man died when the lorry was struck.", "source": "militia-source", "kind": "anonymous"},
        {"text": "The lorry was badly damaged by the drone.", "source": "harbour-official", "kind": "anonymous"},
        {"text": "Rebels fired a short-range missile at the harbour base.", "source": "centcom"},
        {"text": "A short-range missile was fired at the base.", "source": "deputy-press-secretary", "kind": "person"},
        {"text": "The lorry had been part of a convoy.", "source": "port-police", "kind": "anonymous"},
        {"text": "Reports said the wire agency saw the convoy.", "source": "reports", "via": ["wire"], "kind": "reports"},
        {"text": "The coast road was closed."},
    ])
    return dict(zip(["police", "militia", "official", "centcom", "deputy", "police2", "reports", "narration"], ids))


def _link(db, a, b, relation="corroborates"):
    links.add_link(db, a, b, relation, reviewer="sara")


def test_origin_follows_via_and_family_follows_parents(db, world):
    police = effective_attribution(db, world["police"])
    assert (police["name"], [h["name"] for h in police["via"]], police["origin"]["name"]) == (
        "Port police sources", ["Wire Agency"], "Port police sources")
    deputy = effective_attribution(db, world["deputy"])
    assert deputy["family"] == ["Deputy press secretary", "Pentagon", "US Department of Defense"]
    assert deputy["family_root"] == "US Department of Defense"
    reports = effective_attribution(db, world["reports"])
    assert (reports["origin_known"], reports["origin"]["name"]) == (True, "Wire Agency")
    narration = effective_attribution(db, world["narration"])
    assert (narration["kind"], narration["origin_known"]) == ("unattributed", False)


def test_three_independent_families_confirm_each_other(db, world):
    _link(db, world["police"], world["militia"])
    _link(db, world["police"], world["official"])
    _link(db, world["militia"], world["official"])
    for name in ("police", "militia", "official"):
        result = assess(db, world[name])
        assert result.independent_count == 2, name
        assert not result.same_family_only and result.warnings == []
        assert (result.credibility, result.credibility_label) == (1, "confirmed by independent sources")
    assert assess(db, world["police"]).roots == ["Harbour Ministry", "Source close to the militia"]


def test_one_family_is_circular_reporting(db, world):
    _link(db, world["centcom"], world["deputy"])
    result = assess(db, world["deputy"])
    assert result.same_family_only and result.independent_count == 0
    assert result.warnings == [f"{SAME_FAMILY_WARNING} (US Department of Defense)"]
    assert result.credibility == 3
    assert [c["root"] for c in result.corroborating] == ["US Department of Defense"]


def test_relay_of_the_same_origin_is_not_independent(db, world):
    # the wire agency relaying the port police is the port police
    _link(db, world["police"], world["police2"])
    result = assess(db, world["police2"])
    assert result.same_family_only and result.credibility == 3


def test_unknown_origins_do_not_count(db, world):
    _link(db, world["police"], world["narration"])
    result = assess(db, world["police"])
    assert result.independent_count == 0 and not result.same_family_only
    assert result.warnings == ["corroborated only by claims of unknown origin"]
    # nothing can be shown independent of an unknown origin: the narration gets no independent count
    assert assess(db, world["narration"]).independent_count == 0


def test_contradiction_and_evidence_move_credibility(db, world):
    assert assess(db, world["police"]).credibility == 6
    _link(db, world["police"], world["militia"])
    assert assess(db, world["police"]).credibility == 2
    evidence.add_evidence(db, world["police"], url="https://example.org/photo", stance="supports", reviewer="sara")
    assert assess(db, world["police"]).credibility == 1
    _link(db, world["police"], world["centcom"], "contradicts")
    result = assess(db, world["police"])
    assert (result.contradicting_count, result.credibility) == (1, 3)
    evidence.add_evidence(db, world["police"], url="https://example.org/x", stance="refutes", reviewer="sara")
    assert assess(db, world["police"]).credibility == 4
    _link(db, world["police"], world["official"], "contradicts")
    assert assess(db, world["police"]).credibility == 5


def test_merging_sources_merges_families(db, world):
    _link(db, world["police"], world["militia"])
    assert assess(db, world["police"]).independent_count == 1
    merge_sources(db, "militia-source", "port-police", reviewer="sara")
    result = assess(db, world["police"])
    assert result.same_family_only and result.independent_count == 0


@pytest.mark.parametrize(
    "k, x, supporting, refuting, weak, level",
    [(0, 0, 0, 0, False, 6), (0, 0, 0, 0, True, 3), (1, 0, 0, 0, False, 2), (2, 0, 0, 0, False, 1),
     (0, 0, 1, 0, False, 2), (1, 0, 1, 0, False, 1), (2, 1, 0, 0, False, 3), (1, 1, 0, 0, False, 4),
     (0, 1, 0, 0, False, 5), (1, 0, 0, 1, False, 4)],
)
def test_credibility_mapping(k, x, supporting, refuting, weak, level):
    assert credibility_level(k, x, supporting=supporting, refuting=refuting, weak=weak) == level


def test_a_state_is_a_container_not_a_family(db):
    from test_review_support import add_source

    from factcheck.review.graph import SourceGraph, is_state

    iraq = add_source(db, "iraq", "Iraq")  # the registry marks it "state": true
    ministry = add_source(db, "iraqi-interior-ministry", "Iraqi Interior Ministry", parent="iraq")
    army = add_source(db, "iraqi-defense-ministry", "Iraqi Defence Ministry", parent="iraq")
    club = add_source(db, "riverside-club", "Riverside Club")  # unknown to the registry
    league = add_source(db, "riverside-league", "Riverside League", parent="riverside-club")
    graph = SourceGraph(db, preload=True)
    assert is_state(graph.raw(iraq)) and not is_state(graph.raw(club))
    # Two ministries of one state are two families; an unknown top-level source stays one family.
    assert graph.root(ministry)["id"] != graph.root(army)["id"]
    assert graph.root(league)["id"] == club
