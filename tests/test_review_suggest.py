"""Link suggestions: matching, relations, persistence, cross-article candidates."""

from __future__ import annotations

import pytest
from test_review_support import add_article, add_source

from factcheck.review import history, links
from factcheck.review.independence import assess
from factcheck.review.similarity import anaphors, stem, words
from factcheck.review.suggest import (
    accept_suggestion,
    cross_candidates,
    dismiss_suggestion,
    open_suggestions,
    suggest_for_article,
    suggest_for_claim,
)
from factcheck.text.normalize import fold


def test_light_stemming_meets_clitics_and_suffixes():
    assert {stem(fold(w), "ar") for w in ("الشاحنة", "بالشاحنة", "شاحنة", "والشاحنة")} == {"شاحن"}
    assert stem(fold("الاميركيين"), "ar") == stem(fold("الأميركية"), "ar")
    assert {stem(w, "en") for w in ("collapsed", "collapse", "collapses", "collapsing")} == {"collaps"}
    assert {stem(w, "en") for w in ("injuries", "injury", "injured")} == {"injur"}
    assert [w for w, _ in words("Officials said that the bridge collapsed on Monday", "en")] == ["bridge", "collapsed"]


def test_anaphors_are_what_a_demonstrative_points_at():
    assert anaphors(fold("وأكد مصدر هذا القصف، وقال إن"), "ar") == {"قصف"}
    assert anaphors("He confirmed this attack and those trucks", "en") == {"attack", "truck"}


@pytest.fixture
def arabic(db):
    add_source(db, "reuters", "Reuters", kind="agency")
    add_source(db, "defence-ministry", "Defence Ministry")
    add_source(db, "operations-command", "Operations Command", parent="defence-ministry")
    add_source(db, "defence-spokesman", "Defence spokesman", kind="person", parent="defence-ministry")
    add_source(db, "health-ministry", "Health Ministry")
    add_source(db, "health-source", "Health Ministry source", kind="anonymous", parent="health-ministry")
    add_source(db, "police-sources", "Police sources", kind="anonymous")
    add_source(db, "tribal-source", "Tribal source", kind="anonymous")
    _, ids = add_article(db, [
        {"text": "أفادت مصادر في الشرطة لوكالة رويترز بمقتل سائق شاحنة في قصف بطائرة مسيرة استهدف الشاحنة قرب الموصل.",
         "source": "police-sources", "via": ["reuters"], "kind": "anonymous", "mention": "مصادر في الشرطة"},
        {"text": "وأكد مصدر عشائري هذا القصف، وقال إن شخصا واحدا قتل وأصيب اثنان آخران.",
         "source": "tribal-source", "kind": "anonymous", "mention": "مصدر عشائري"},
        {"text": "وقال مصدر في وزارة الصحة إن الشاحنة احترقت بالكامل وإن المستشفى استقبل جريحين.",
         "source": "health-source", "kind": "anonymous", "mention": "مصدر في وزارة الصحة"},
        {"text": "وذكرت مصادر الشرطة أن ثلاثة أشخاص قتلوا في هذا القصف.", "source": "police-sources",
         "kind": "anonymous", "mention": "مصادر الشرطة"},
        {"text": "وأعلنت قيادة العمليات أن المسلحين أطلقوا صاروخا موجها مضادا للدروع على دورية للجيش.",
         "source": "operations-command", "mention": "قيادة العمليات"},
        {"text": "وقال المتحدث باسم وزارة الدفاع إن صاروخا موجها مضادا للدروع أصاب عربة عسكرية.",
         "source": "defence-spokesman", "kind": "person", "mention": "المتحدث باسم وزارة الدفاع"},
        {"text": "وتشهد المنطقة توترا أمنيا منذ أسابيع."},
    ], lang="ar")
    return dict(zip(["police", "tribal", "health", "police2", "command", "spokesman", "narration"], ids))


def _pairs(suggestions):
    return {frozenset((s.claim_a, s.claim_b)): s for s in suggestions}


def test_arabic_article_suggestions(db, arabic):
    c = arabic
    found = _pairs(suggest_for_article(db, 1))
    police_tribal = found[frozenset((c["police"], c["tribal"]))]
    assert police_tribal.relation == "corroborates" and police_tribal.reasons["refers_back"] == ["قصف"]
    assert found[frozenset((c["police"], c["health"]))].relation == "corroborates"  # "the truck" next door
    tribal_health = found[frozenset((c["tribal"], c["health"]))]
    assert tribal_health.relation == "corroborates" and "2 injured" in tribal_health.reasons["numbers"]
    conflict = found[frozenset((c["tribal"], c["police2"]))]
    assert conflict.relation == "contradicts" and conflict.reasons["conflicts"] == ["killed: 1 vs 3"]
    same = found[frozenset((c["police"], c["police2"]))]
    assert same.relation in ("related", "same_claim") and same.reasons["same_source"]  # never corroborates
    missile = found[frozenset((c["command"], c["spokesman"]))]
    assert missile.relation == "corroborates" and missile.reasons["same_family"]
    assert not any(c["narration"] in (s.claim_a, s.claim_b) and s.relation != "related" for s in found.values())
    # accepted, the family decides independence
    for pair in ((c["police"], c["tribal"]), (c["police"], c["health"]), (c["tribal"], c["health"]),
                 (c["command"], c["spokesman"])):
        accept_suggestion(db, found[frozenset(pair)].id, reviewer="sara")
    assert assess(db, c["tribal"]).credibility == 1
    assert assess(db, c["spokesman"]).same_family_only


def test_decisions_persist_and_are_undoable(db, arabic):
    c = arabic
    first = _pairs(suggest_for_article(db, 1))
    accept = first[frozenset((c["police"], c["tribal"]))]
    dismiss = first[frozenset((c["command"], c["spokesman"]))]
    link = accept_suggestion(db, accept.id, reviewer="sara", relation="same_claim")
    assert (link["relation"], link["origin"], link["score"]) == ("same_claim", "suggestion", accept.score)
    dismiss_suggestion(db, dismiss.id, reviewer="omar")
    again = _pairs(suggest_for_article(db, 1))
    assert frozenset((c["police"], c["tribal"])) not in again  # linked
    assert frozenset((c["command"], c["spokesman"])) not in again  # dismissed
    kept = again[frozenset((c["police"], c["health"]))]
    assert kept.id == first[frozenset((c["police"], c["health"]))].id  # ids are stable between runs
    assert [e["summary"] for e in history.history(db, c["police"]) if e["entity"] == "suggestion"] == [
        f"suggestion accepted: same_claim with 1:2"]
    history.undo_last(db, reviewer="sara")
    assert links.links_for(db, c["police"]) == []
    assert accept.id in {s.id for s in open_suggestions(db, [c["police"]])}
    history.undo_last(db, reviewer="omar")
    assert dismiss.id in {s.id for s in open_suggestions(db, [c["command"]])}
    with pytest.raises(Exception, match="no suggestion #999"):
        accept_suggestion(db, 999, reviewer="sara")


def test_candidates_across_articles_and_languages(db, arabic):
    add_source(db, "monitor", "Conflict monitor")
    add_source(db, "newswire", "Newswire", kind="agency")
    _, (english, unrelated) = add_article(db, [
        {"text": "A drone strike on a truck near Mosul killed its driver, a conflict monitor said.", "source": "monitor"},
        {"text": "The central bank kept interest rates unchanged.", "source": "newswire", "kind": "agency"},
    ])
    _, (other_ar,) = add_article(db, [
        {"text": "وقال مصدر عشائري إن قصفا بطائرة مسيرة استهدف شاحنة قرب الموصل وأدى إلى مقتل سائقها.",
         "source": "tribal-source", "kind": "anonymous", "mention": "مصدر عشائري"},
    ], lang="ar")
    police = db["claims"].get(arabic["police"])
    police["language"] = "ar"
    candidates = cross_candidates(db, police)
    assert english in candidates  # the facts share the place key "mosul"
    assert other_ar in candidates  # the full-text index shares the rare word for "truck"
    assert unrelated not in candidates
    results = suggest_for_claim(db, arabic["police"])
    others = {s.other(arabic["police"])[1] for s in results}
    assert "3:1" in others
    assert all(s.state == "open" and s.id for s in results)
    preview = suggest_for_claim(db, english, persist=False, across=False)
    assert preview == [] or all(s.id is None for s in preview)
