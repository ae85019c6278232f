"""Own sentences: a title inside a role phrase starts the holder's name; وبيّن is a reporting verb
but بين ... وبين is the preposition; a participle's speaker is never a phrase inside the that-clause."""

from __future__ import annotations

from factcheck.text.extract import extract


def _att(text: str, n: int = 0):
    return extract(text, lang="ar").claims[n].attribution


def test_a_title_after_an_institution_name_starts_the_holder_name():
    att = _att("وقال مدير مستشفى الملك خالد الدكتور ماجد الحربي إن الأقسام تعمل بكامل طاقتها.")
    assert att.source.name == "ماجد الحربي"


def test_a_family_name_that_is_a_title_word_stays_in_the_name():
    att = _att("وقال وزير الشؤون الإسلامية عبد اللطيف آل الشيخ إن المساجد ستفتح أبوابها.")
    assert "آل الشيخ" in att.source.name


def test_wa_bayyana_reports_and_its_subject_speaks():
    claims = extract("قال الوزير خالد الفهد إن الخطة جاهزة. وبيّن الفهد أن المشروع سينجز خلال عامين، "
                     "مشيرا إلى أن التمويل مؤمن بالكامل.", lang="ar").claims
    last = claims[-1].attribution
    assert last.cue is not None and last.cue.text == "وبيّن"
    assert last.source.name == claims[0].attribution.source.name
    assert all("التمويل" not in (c.attribution.mention.text if c.attribution.mention else "") for c in claims)


def test_between_x_and_between_y_is_no_verb():
    claims = extract("وقال الرئيس إن الحديث الذي دار بينه وبين الملك، أن الأزمة ستنتهي قريبا.", lang="ar").claims
    assert all(c.attribution.cue is None or c.attribution.cue.text != "وبين" for c in claims)
    assert claims[0].attribution.mention is not None and "الرئيس" in claims[0].attribution.mention.text
