"""Sentence segmentation: paragraphs, terminal marks, abbreviations and quotations."""

from __future__ import annotations

import pytest

from factcheck.text.segment import paragraphs, segment


def sents(text: str, lang: str) -> list[str]:
    spans = segment(text, lang)
    for a, b in spans:
        assert 0 <= a < b <= len(text)
        assert text[a:b] == text[a:b].strip()
    return [text[a:b] for a, b in spans]


def test_paragraphs_are_lines_and_always_end_a_sentence():
    text = "عنوان بلا نقطة\n\nقال الوزير إن الجلسة انتهت\nوبدأ الاجتماع.  "
    assert sents(text, "ar") == ["عنوان بلا نقطة", "قال الوزير إن الجلسة انتهت", "وبدأ الاجتماع."]
    assert [text[a:b] for a, b in paragraphs(text)] == ["عنوان بلا نقطة", "قال الوزير إن الجلسة انتهت", "وبدأ الاجتماع."]


def test_arabic_terminal_marks_and_numbers():
    text = "ارتفع المؤشر 3.5 نقطة وبلغ 10.000 نقطة. هل يستمر الصعود؟ لا أحد يعرف! ربما…"
    assert sents(text, "ar") == [
        "ارتفع المؤشر 3.5 نقطة وبلغ 10.000 نقطة.",
        "هل يستمر الصعود؟",
        "لا أحد يعرف!",
        "ربما…",
    ]


@pytest.mark.parametrize(
    "text",
    [
        "قال د. سمير حداد إن المستشفى امتلأ.",
        "وأوضح م. خالد ناصر أن الجسر سيفتح قريبا.",
        "ذكرت الوكالة (أ.ف.ب) أن القافلة وصلت.",
    ],
)
def test_arabic_abbreviations_do_not_end_sentences(text):
    assert sents(text, "ar") == [text]


def test_english_abbreviations_do_not_end_sentences():
    text = "The U.S. Navy said Gen. Carter met Mr. Obi at 7 a.m. on Friday. Talks resumed."
    assert sents(text, "en") == [
        "The U.S. Navy said Gen. Carter met Mr. Obi at 7 a.m. on Friday.",
        "Talks resumed.",
    ]


def test_lowercase_abbreviation_before_a_capital_ends_the_sentence():
    text = "The convoy left at 6 a.m. The road was closed by noon."
    assert sents(text, "en") == ["The convoy left at 6 a.m.", "The road was closed by noon."]


def test_a_quotation_running_over_a_full_stop_stays_with_its_speaker():
    text = 'وقال المتحدث: "وصلت الشحنة صباحا. وتم توزيعها على الأسر". ثم غادر الوفد.'
    assert sents(text, "ar") == ['وقال المتحدث: "وصلت الشحنة صباحا. وتم توزيعها على الأسر".', "ثم غادر الوفد."]
    text = "وقال الشاهد «سمعنا انفجارين. ثم ساد الصمت» في القرية. وانتهى الأمر."
    assert sents(text, "ar") == ["وقال الشاهد «سمعنا انفجارين. ثم ساد الصمت» في القرية.", "وانتهى الأمر."]


def test_an_unbalanced_quotation_does_not_swallow_the_article():
    text = (
        'قال المحافظ "لن نغلق المعبر. وسنواصل العمل.\n'
        "وفي تطور آخر، وصلت قافلة جديدة. وقال سائق إن الطريق آمن.\n"
        "وأعلنت البلدية إغلاق السوق."
    )
    out = sents(text, "ar")
    assert out[-3:] == ["وفي تطور آخر، وصلت قافلة جديدة.", "وقال سائق إن الطريق آمن.", "وأعلنت البلدية إغلاق السوق."]
    # an unclosed quotation inside one paragraph: a later quotation opening ends its reach
    text = 'قال "لن نتراجع. أبدا. ثم قال المدير "نحن مستعدون" للحوار.'
    assert sents(text, "ar") == ['قال "لن نتراجع.', "أبدا.", 'ثم قال المدير "نحن مستعدون" للحوار.']


def test_english_quotes_and_closers():
    text = 'He said: "We are ready." She agreed. (It rained.) They left?'
    assert sents(text, "en") == ['He said: "We are ready."', "She agreed.", "(It rained.)", "They left?"]


@pytest.mark.parametrize("text", ["", "   ", "\n\n", "." * 50, "«»", '"""'])
def test_degenerate_inputs(text):
    for a, b in segment(text, "ar"):
        assert 0 <= a < b <= len(text)


@pytest.mark.parametrize(
    "text",
    [
        "The judge cited Brown v. Board of Education in her ruling.",
        "The case of Rivera vs. Dalton County went to trial.",
        "He lives at No. 12 Elm Road with his aunt.",
        "Sen. Maria Ortiz (D-Wis.) said the vote was close.",
        "Rep. Tom Hale (R-N.Y.) voted against the plan.",
        "Rep. Tom Hale (R-Texas) voted against the plan.",
        'The crowd chanted "Why not?" and marched on.',
    ],
)
def test_english_sentences_that_do_not_end_inside(text):
    assert sents(text + " It rained.", "en") == [text, "It rained."]


def test_no_is_an_abbreviation_only_before_a_digit():
    text = "Did the scheme work? No. The scheme failed."
    assert sents(text, "en") == ["Did the scheme work?", "No.", "The scheme failed."]


def test_a_label_at_the_end_of_a_sentence_still_ends_it():
    text = "She thanked Rep. Tom Hale (R-N.Y.). Then she left. (He nodded.) They went home."
    assert sents(text, "en") == ["She thanked Rep. Tom Hale (R-N.Y.).", "Then she left.", "(He nodded.)", "They went home."]
