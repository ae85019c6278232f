"""Example articles for the TUI tests, stored through the real ingest path with a fixed extraction.

The claims and attributions are written out here (not produced by the engine) so the TUI tests
and snapshots do not change when the extraction engine improves. The sentences are our own.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import pytest

from factcheck.model import Attribution, Claim, Extraction, Facts, SourceRef, Span, ViaHop

REVIEWER = "tester"

AR_TEXT = (
    "أعلنت وزارة الصحة يوم الاثنين أن 12 شخصا أصيبوا في حريق بمستودع قرب ميناء طرطوس.\n"
    "وقال مصدر في الدفاع المدني لوكالة الأنباء الساحلية إن الحريق أُخمد بعد ثلاث ساعات.\n"
    "ونقلت الوكالة عن مسؤول محلي أن عدد المصابين بلغ 15 شخصا، وأن طائرة من طراز AC 130 لم تكن في المنطقة.\n"
    "وأكد المتحدث باسم الشركة المشغلة للمستودع، سامر الخطيب، أن شحنة من الأسمدة كانت مخزنة هناك منذ 66 يوما.\n"
    "وتفيد تقارير بأن المستودع لم يخضع لأي تفتيش منذ عامين."
)

EN_TEXT = (
    "The port authority said on Monday that 12 workers were injured in a warehouse fire near the northern docks.\n"
    "A civil defence source told the Coastline News Agency that the blaze was put out after three hours.\n"
    "A local official, quoted by the agency, put the number of injured at 15.\n"
    "Company spokesman Samer Khatib said fertiliser had been stored at the site for 66 days.\n"
    "Dock workers were sent home for the rest of the week."
)


@dataclass(frozen=True)
class Src:
    id: str
    name: str
    kind: str
    mention: str | None = None  # text of the mention in the claim
    cue: str | None = None
    via: tuple[tuple[str, str, str, str], ...] = ()  # (id, name, kind, mention text)
    role: str | None = None


AR_SOURCES = [
    Src("example-health-ministry", "وزارة الصحة", "organization", "وزارة الصحة", "أعلنت"),
    Src("example-civil-defence-source", "مصدر في الدفاع المدني", "anonymous", "مصدر في الدفاع المدني", "وقال",
        via=(("example-coastline-agency", "وكالة الأنباء الساحلية", "agency", "لوكالة الأنباء الساحلية"),)),
    Src("example-local-official", "مسؤول محلي", "anonymous", "مسؤول محلي", "ونقلت",
        via=(("example-coastline-agency", "وكالة الأنباء الساحلية", "agency", "الوكالة"),)),
    Src("example-samer-khatib", "سامر الخطيب", "person", "سامر الخطيب", "وأكد", role="المتحدث باسم الشركة"),
    Src("example-reports", "تقارير", "reports", "تقارير", "وتفيد"),
]

EN_SOURCES = [
    Src("example-port-authority", "Port authority", "organization", "The port authority", "said"),
    Src("example-civil-defence-source-en", "civil defence source", "anonymous", "A civil defence source", "told",
        via=(("example-coastline-agency-en", "Coastline News Agency", "agency", "the Coastline News Agency"),)),
    Src("example-local-official-en", "local official", "anonymous", "A local official", "quoted by",
        via=(("example-coastline-agency-en", "Coastline News Agency", "agency", "the agency"),)),
    Src("example-samer-khatib-en", "Samer Khatib", "person", "Samer Khatib", "said", role="company spokesman"),
    None,  # unattributed
]


def _span(text: str, start: int, end: int, needle: str | None) -> Span | None:
    if not needle:
        return None
    pos = text.find(needle, start, end)
    assert pos >= 0, needle
    return Span(pos, pos + len(needle), needle)


def build_extraction(text: str, sources: list[Src | None], lang: str) -> Extraction:
    """One claim per line, attributed as listed; facts: the numbers written in digits."""
    from factcheck.ingest.pipeline import sha256_of

    claims = []
    pos = 0
    for index, (line, src) in enumerate(zip(text.split("\n"), sources), 1):
        start, end = pos, pos + len(line)
        pos = end + 1
        if src is None:
            att = Attribution.unattributed()
        else:
            via = [
                ViaHop(SourceRef(vid, vname, vkind), _span(text, start, end, vmention))
                for vid, vname, vkind, vmention in src.via
            ]
            att = Attribution(
                source=SourceRef(src.id, src.name, src.kind),
                mention=_span(text, start, end, src.mention),
                cue=_span(text, start, end, src.cue),
                role=src.role,
                mode="indirect",
                via=via,
                confidence=0.9,
            )
        numbers = [
            {"value": int(m.group()), "text": m.group(), "start": start + m.start(), "end": start + m.end(),
             "unit": None}
            for m in re.finditer(r"\d+", line)
        ]
        claims.append(Claim(index, start, end, line, att, Facts(numbers=numbers)))
    return Extraction(lang, text, sha256_of(text), claims)


def store_example(db, monkeypatch, text: str, sources, lang: str, *, title: str, outlet: str) -> int:
    """Ingest ``text`` through the real ingest path, with the extraction above. Returns the article id."""
    from factcheck.ingest import ingest_text, pipeline

    extraction = build_extraction(text, sources, lang)
    with monkeypatch.context() as patch:
        patch.setattr(pipeline, "run_extraction", lambda *args, **kwargs: extraction)
        result = ingest_text(db, text, title=title, outlet=outlet, lang=lang, published="2024-03-04",
                             reviewer=REVIEWER)
    return result.article_id


def store_arabic(db, monkeypatch) -> int:
    return store_example(db, monkeypatch, AR_TEXT, AR_SOURCES, "ar", title="حريق في مستودع قرب ميناء طرطوس",
                         outlet="الصحيفة الساحلية")


def store_english(db, monkeypatch) -> int:
    return store_example(db, monkeypatch, EN_TEXT, EN_SOURCES, "en", title="Warehouse fire near the northern docks",
                         outlet="Coastline Daily")


# ----------------------------------------------------------------------------- the examples are valid


@pytest.mark.parametrize("text, sources, lang", [(AR_TEXT, AR_SOURCES, "ar"), (EN_TEXT, EN_SOURCES, "en")])
def test_example_extraction_offsets_match_the_text(text, sources, lang):
    extraction = build_extraction(text, sources, lang)
    assert len(extraction.claims) == 5
    for claim in extraction.claims:
        assert text[claim.start:claim.end] == claim.text
        att = claim.attribution
        for span in (att.mention, att.cue, *(hop.mention for hop in att.via)):
            if span is not None:
                assert text[span.start:span.end] == span.text


def test_example_articles_store_through_ingest(db, monkeypatch):
    from factcheck.store.queries import article_claims

    ar = store_arabic(db, monkeypatch)
    en = store_english(db, monkeypatch)
    ar_claims = article_claims(db, ar)
    assert [c["source_kind"] for c in ar_claims] == ["organization", "anonymous", "anonymous", "person", "reports"]
    assert ar_claims[1]["via"][0]["name"] == "وكالة الأنباء الساحلية"
    assert [c["source_name"] for c in article_claims(db, en)][-1] == "unattributed"
