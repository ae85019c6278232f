"""Verb-subject agreement in Arabic: a verb before its subject agrees with it in gender, so a
masculine noun right after a feminine verb is its object and the speaker goes on (own sentences)."""

from __future__ import annotations

import pytest

from factcheck.text.extract import extract


def _claims(text: str):
    return extract(text, lang="ar").claims


def test_a_masculine_noun_after_a_feminine_verb_is_the_object():
    claims = _claims("رفضت الحركة المقترح الأخير. واتهمت الجيش بخرق الهدنة مرتين خلال يومين.")
    second = claims[-1].attribution
    assert second.source.name == claims[0].attribution.source.name  # the movement goes on speaking
    assert "الجيش" not in (second.mention.text if second.mention else "")


@pytest.mark.parametrize(
    "text, speaker",
    [
        ("وقالت الوزارة إن الطرق أعيد فتحها أمام حركة السير.", "الوزارة"),
        ("وقالت المصادر إن الاجتماع تأجل إلى الأسبوع المقبل.", "المصادر"),
        ("وقال الجيش إن وحداته صدت هجوما على أطراف المدينة.", "الجيش"),
        ("ولفت المصدر إلى أن المفاوضات ستستأنف بعد العيد.", "المصدر"),
        ("وأعلنت الشرطة أن الطريق سيغلق ليلا لأعمال الصيانة.", "الشرطة"),
    ],
)
def test_an_agreeing_subject_stays_the_speaker(text, speaker):
    att = _claims(text)[0].attribution
    assert att.mention is not None and speaker in att.mention.text, (text, att)


def test_a_verb_whose_root_ends_in_ta_is_masculine_in_its_lemma_form():
    # لفت is the masculine past (its root ends in ت), not a feminine form of لف
    from factcheck.text.ar.lexicon import ar_lexicon

    lex = ar_lexicon()
    forms = {k: v for k, v in lex.verbs.items() if v.lemma == "لفت"}
    assert forms and forms.get("لفت") is not None and forms["لفت"].gender == "m"


@pytest.mark.parametrize(
    "text, name",
    [
        ("أعلنت قوات الدعم السريع أنها سيطرت على مطار المدينة.", "Rapid Support Forces"),
        ("وقال الجيش السوداني إن طائراته قصفت مواقع في دارفور.", "Sudanese Armed Forces"),
    ],
)
def test_sudanese_parties_are_registered(text, name):
    assert _claims(text)[0].attribution.source.name == name
