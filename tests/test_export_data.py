"""Example reviews for the export tests, built through ingest and the review library.

The articles are written for these tests (not taken from any real report). Claims are found by a
phrase of their text, never by position, so the tests hold whatever the engine's segmentation.
Attribution is set with reviewer overrides where the test needs a particular source, which also
checks that reports show the EFFECTIVE attribution.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import pytest

from factcheck.ingest.pipeline import ingest_text
from factcheck.review.attribution import override_attribution
from factcheck.review.evidence import add_evidence, remove_evidence
from factcheck.review.links import add_link
from factcheck.review.sources import grade_source
from factcheck.review.workflow import assign, mark, set_status

ARTICLE_EN = """Flooding closes river port

Harbour Authority spokesperson Maria Lopez said on Monday that 14 cargo ships were stranded near the eastern docks. According to Reuters, the authority expects the port to reopen within three days. Local fishermen said the water rose two metres overnight, AFP reported. CENTCOM said two navy vessels were sent to help clear the channel. The Pentagon said two vessels had been sent to assist the port. The trade ministry said only six ships were stuck at the docks. <script>alert(1)</script> appeared in a comment under the authority's statement, police said. =HYPERLINK("http://evil.example","click") was pasted into the port's public spreadsheet, officials said. +1 million tonnes of grain are waiting to be shipped, the trade ministry said. -2 degrees was the overnight low, the weather office said. @x posted the first video of the flooding, according to the police. The port handles about 40 ships a day.
"""

ARTICLE_AR = """فيضانات تغلق ميناء نهريا

قال المتحدث باسم سلطة الميناء خالد منصور يوم الاثنين إن 14 سفينة شحن علقت قرب الأرصفة الشرقية. وبحسب وكالة رويترز فإن السلطة تتوقع إعادة فتح الميناء خلال ثلاثة أيام. وأفادت مصادر أمنية لوكالة فرانس برس بأن المياه ارتفعت مترين خلال الليل. ويستقبل الميناء نحو 40 سفينة يوميا.
"""

INJECTION = {
    "rationale": '=HYPERLINK("http://evil.example","x")',
    "assignee": "@x",
    "evidence_title": "+1 source",
    "quote": "-2 and counting",
}
SCRIPT = "<script>alert(1)</script>"
ORG = {"org_name": "Example Fact Desk", "org_url": "https://factdesk.example"}
FIXED_TIME = "2030-01-02T03:04:05.000000+00:00"
DECIDED_EN = 10  # claims of the English article that get a verdict in build_review


@dataclass
class Built:
    en: int  # article ids
    ar: int
    refs: dict[str, str] = field(default_factory=dict)  # name -> "ARTICLE:IDX"


def find(db, article_id: int, phrase: str) -> str:
    """The ``ARTICLE:IDX`` of the claim whose text contains ``phrase``."""
    rows = list(db.query("SELECT idx, text FROM claims WHERE article_id = ? ORDER BY idx", [article_id]))
    for row in rows:
        if phrase in row["text"]:
            return f"{article_id}:{row['idx']}"
    raise AssertionError(f"no claim of article {article_id} contains {phrase!r}: {[r['text'] for r in rows]}")


def build_review(db) -> Built:
    """Two articles, reviewed by two reviewers with every kind of review data."""
    en = ingest_text(db, ARTICLE_EN, title="Flooding <closes> river port", outlet="Riverside Times",
                     url="https://news.example/flood?id=1&x=2", published="2030-01-01", reviewer="ingester").article_id
    ar = ingest_text(db, ARTICLE_AR, title="فيضانات تغلق ميناء نهريا", outlet="صحيفة النهر",
                     url="https://ar.news.example/flood", published="2030-01-01", reviewer="ingester").article_id
    b = Built(en, ar)
    for name, art, phrase in [
        ("ships", en, "14 cargo ships"), ("reopen", en, "reopen within three days"),
        ("water", en, "water rose two metres"), ("centcom", en, "navy vessels"),
        ("pentagon", en, "two vessels had been sent"), ("six", en, "only six ships"),
        ("script", en, SCRIPT), ("formula", en, "=HYPERLINK"), ("plus", en, "+1 million"),
        ("minus", en, "-2 degrees"), ("at", en, "@x posted"), ("plain", en, "40 ships a day"),
        ("ar_ships", ar, "14 سفينة"), ("ar_water", ar, "المياه ارتفعت"), ("ar_reopen", ar, "إعادة فتح"),
    ]:
        b.refs[name] = find(db, art, phrase)
    r = b.refs
    ann, bob = "ann", "bob"
    override_attribution(db, r["ships"], source="Maria Lopez", kind="person", role="Harbour Authority spokesperson",
                         via=(), reviewer=ann)
    override_attribution(db, r["reopen"], source="Reuters", reviewer=ann)
    override_attribution(db, r["water"], source="local fishermen", kind="anonymous", via=["AFP"], reviewer=ann,
                         note="AFP relayed the fishermen")
    override_attribution(db, r["centcom"], source="CENTCOM", reviewer=bob)
    override_attribution(db, r["pentagon"], source="Pentagon", reviewer=bob)
    override_attribution(db, r["six"], source="Trade Ministry", kind="organization", reviewer=bob)
    override_attribution(db, r["ar_ships"], source="خالد منصور", kind="person", role="المتحدث باسم سلطة الميناء",
                         reviewer=ann)
    override_attribution(db, r["ar_water"], source="مصادر أمنية", kind="anonymous", via=["AFP"], reviewer=ann)

    mark(db, r["ships"], verdict="corroborated", rationale="Confirmed by port records & Reuters <b>bold</b>.",
         reviewer=ann)
    mark(db, r["reopen"], verdict="unverified", reviewer=bob)
    mark(db, r["water"], verdict="partly corroborated", rationale="ارتفع الماء مترا ونصف المتر بحسب الأرصاد.",
         reviewer=ann)
    mark(db, r["centcom"], verdict="corroborated", reviewer=bob)
    mark(db, r["six"], verdict="false", rationale="Port records list 14 ships.", reviewer=ann)
    mark(db, r["script"], verdict="not checkable", rationale=f"Comment text was {SCRIPT}", reviewer=bob)
    mark(db, r["formula"], verdict="misleading", rationale=INJECTION["rationale"], reviewer=bob)
    mark(db, r["plus"], verdict="disputed", rationale="+1 is wrong", reviewer=bob)
    mark(db, r["minus"], verdict="unverified", rationale="-2 unverifiable", reviewer=bob)
    mark(db, r["ar_ships"], verdict="corroborated", reviewer=ann)
    mark(db, r["plain"], verdict="unverified", reviewer=bob)
    set_status(db, r["at"], "needs_follow_up", reviewer=bob)
    assign(db, r["at"], INJECTION["assignee"], reviewer=bob)
    set_status(db, r["reopen"], "in_review", reviewer=bob)

    add_link(db, r["ships"], r["ar_ships"], "corroborates", reviewer=ann, note="same count in the Arabic report")
    add_link(db, r["ships"], r["six"], "contradicts", reviewer=ann, note="14 vs 6")
    add_link(db, r["centcom"], r["pentagon"], "corroborates", reviewer=bob)
    add_link(db, r["water"], r["ar_water"], "same_claim", reviewer=ann)
    add_link(db, r["reopen"], r["ar_reopen"], "related", reviewer=bob)
    add_link(db, r["reopen"], r["plain"], "related", reviewer=bob)
    from factcheck.review.links import remove_link

    remove_link(db, r["reopen"], r["plain"], reviewer=bob)

    add_evidence(db, r["ships"], stance="supports", url="https://port.example/records?day=mon&ships=14",
                 title="Port records", quote="14 vessels", date="2030-01-01", reviewer=ann)
    add_evidence(db, r["six"], stance="refutes", doc_ref="Harbour log book p. 3", reviewer=ann)
    add_evidence(db, r["formula"], stance="context", url="https://sheet.example/a", title=INJECTION["evidence_title"],
                 quote=INJECTION["quote"], reviewer=bob)
    wrong = add_evidence(db, r["ships"], stance="context", url="https://wrong.example/", title="Wrong page",
                         reviewer=ann)
    remove_evidence(db, wrong["id"], reviewer=ann)
    grade_source(db, "Reuters", "B", reviewer=ann)
    return b


def claim_row(review: dict, ref: str) -> dict:
    idx = int(ref.split(":")[1])
    return next(c for c in review["claims"] if c["idx"] == idx)


@pytest.fixture
def built(db):
    return build_review(db)


def test_example_review_has_what_the_export_tests_rely_on(db, built):
    from factcheck.export import collect

    review = collect(db, built.en, generated_at=FIXED_TIME)
    ships = claim_row(review, built.refs["ships"])
    assert ships["attribution"]["name"] == "Maria Lopez" and ships["attribution"]["overridden"]
    assert ships["verdict"] == "corroborated"
    water = claim_row(review, built.refs["water"])
    assert [h["name"] for h in water["attribution"]["via"]] == ["AFP"]
    centcom = claim_row(review, built.refs["centcom"])
    assert centcom["credibility"]["same_family_only"]
    assert sum(1 for c in review["claims"] if c["verdict"]) == DECIDED_EN
