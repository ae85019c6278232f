"""Regression tests for engine fixes: content-less claims, common nouns named like outlets and
sentences that do not end at "v.", "(D-Wis.)" or a quoted question (invented sentences)."""

from __future__ import annotations

import pytest

from factcheck.model import Attribution
from factcheck.text import extract as extract_module
from factcheck.text.draft import DraftClaim
from factcheck.text.extract import extract


def summary(text: str, lang: str):
    return [(c.text, c.attribution.source.kind) for c in extract(text, lang=lang).claims]


# -- claims without a letter or digit ---------------------------------------------------------
def test_a_cue_with_nothing_after_it_is_not_an_attribution():
    text = "قال الوزير إن الحكومة وأعلنت خطة جديدة وبالمدينة مستشفى.\n"
    (claim,) = extract(text, lang="ar").claims
    assert claim.text == "إن الحكومة وأعلنت خطة جديدة وبالمدينة مستشفى."
    assert claim.attribution.mention.text == "الوزير"


def test_a_lone_verb_and_noun_sentence_stays_narration():
    text = "وأعلنت خطة جديدة.\nوقال المهندس إن العمل بدأ."
    out = extract(text, lang="ar").claims
    assert [(c.text, c.attribution.source.kind) for c in out] == [
        ("وأعلنت خطة جديدة.", "unattributed"),
        ("إن العمل بدأ.", "anonymous"),  # an unnamed specialist is anonymous (eval conventions)
    ]


@pytest.mark.parametrize(
    ("text", "mention", "content"),
    [
        ("وأعلنت مصادر أمنية عراقية اعتقال ثلاثة مهربين قرب الحدود.", "مصادر أمنية عراقية", "اعتقال ثلاثة مهربين قرب الحدود."),
        ("أعلنت جهات رسمية محلية إغلاق المعبر.", "جهات رسمية محلية", "إغلاق المعبر."),
        ("وأعلن متحدث عسكري إسرائيلي مقتل جنديين.", "متحدث عسكري إسرائيلي", "مقتل جنديين."),
    ],
)
def test_an_announced_object_is_not_swallowed_by_the_subject(text, mention, content):
    (c,) = extract(text, lang="ar").claims
    assert (c.attribution.mention.text, c.text) == (mention, content)


@pytest.mark.parametrize("lang", ["ar", "en"])
def test_no_claim_without_a_letter_or_digit(lang):
    text = "The plan passed.\n___\n* * *\nقال الوزير إن الطريق مفتوح.\n. . .\n"
    for c in extract(text, lang=lang).claims:
        assert any(ch.isalnum() for ch in c.text), c.text


@pytest.mark.parametrize("text", ["...", "!!! ؟؟ …", "* * *\n+ + +"])
def test_an_article_without_letters_keeps_its_claims(text):
    for lang in ("ar", "en"):
        claims = extract(text, lang=lang).claims
        assert claims and "".join(c.text for c in claims).replace(" ", "") == "".join(text.split())


def test_the_guard_drops_content_less_drafts_of_any_language_module(monkeypatch):
    text = "The bridge opened. . Crowds cheered."
    unattributed = Attribution.unattributed()

    def fake(_text, *, registry, date):
        return [DraftClaim(0, 18, unattributed), DraftClaim(19, 20, unattributed), DraftClaim(21, 36, unattributed)]

    monkeypatch.setattr(extract_module, "_attribute_fn", lambda lang: fake)
    assert [c.text for c in extract(text, lang="en").claims] == ["The bridge opened.", "Crowds cheered."]
    assert [c.index for c in extract(text, lang="en").claims] == [1, 2]

    def only_dots(_text, *, registry, date):
        return [DraftClaim(19, 20, unattributed)]

    monkeypatch.setattr(extract_module, "_attribute_fn", lambda lang: only_dots)
    # every draft lacks content but the text has some: its sentences, unattributed
    assert [c.text for c in extract(text, lang="en").claims] == ["The bridge opened.", "Crowds cheered."]


# -- common nouns named like outlets -------------------------------------------------------------
@pytest.mark.parametrize(
    ("text", "source_id"),
    [
        ("One economist said the rate would rise.", "economist"),
        ("The Economist reported that the rate would rise.", "the-economist"),
    ],
)
def test_an_economist_is_a_person_and_the_economist_a_magazine(text, source_id):
    (c,) = extract(text, lang="en").claims
    assert c.attribution.source.id == source_id
    assert c.attribution.source.kind == ("person" if source_id == "economist" else "agency")


def test_the_guardian_of_a_child_is_a_person():
    (c,) = extract("The guardian of the boy said the school had closed.", lang="en").claims
    assert c.attribution.source.kind == "person"
    assert c.attribution.source.id != "guardian"


# -- sentences ------------------------------------------------------------------------------------
def test_case_names_and_party_labels_do_not_split_claims():
    text = ("Sen. Maria Ortiz (D-Wis.) said the ruling in Brown v. Board of Education still mattered. "
            "The hearing ended at noon.")
    out = summary(text, "en")
    assert out == [
        ("the ruling in Brown v. Board of Education still mattered.", "person"),
        ("The hearing ended at noon.", "unattributed"),
    ]
