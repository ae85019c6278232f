"""Properties of the engine on arbitrary text, both languages: claims in order, not overlapping,
within bounds, ``text == original[start:end]``, valid mention/cue/via offsets; garbage never
crashes it."""

from __future__ import annotations

import random

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from factcheck.model import KINDS, MODES
from factcheck.text.extract import extract

AR_WORDS = (
    "قال وقال وأضاف أعلن وأكدت نفى كشف بحسب وبحسب وفقا لـ لوكالة نقلا عن ونقلت قوله إن أن بأن "
    "مصدر مصادر المصادر هذه الوزارة الجيش المتحدث باسم البنتاغون رويترز فرانس برس سانا الذي التي "
    "في من على عن لم وسط أنباء وجاء بيان البيان أما فأفاد أحد ثلاثة د م أ.ف.ب المحافظ رايدر سينغ"
).split()
EN_WORDS = (
    "said says told according to officials an official Reuters AFP the Pentagon he she they added "
    "Mr. Gen. U.S. a.m. in a statement reports it was reported spoke on condition of anonymity "
    "Smith Jones who that which denied warned claimed"
).split()
PUNCT = list('.،,:;؛"«»“”()-—؟!…\'') + ["\n", "\n\n", " - ", "--"]
ODD = ["\u202e", "\u202d", "\u2066", "\u2069", "\u200f", "\u200e", "\u200b", "\ufeff", "\x00", "\x07", "\x1b", "\t", "\r", "\u0640", "\u064b"]

token = st.one_of(
    st.sampled_from(AR_WORDS),
    st.sampled_from(EN_WORDS),
    st.sampled_from(PUNCT),
    st.sampled_from(ODD),
    st.text(max_size=4),
    st.integers(0, 5000).map(str),
)
texts = st.lists(token, max_size=60).map(lambda toks: "".join(t if t in PUNCT or t in ODD else t + " " for t in toks))


def check(text: str, lang: str) -> None:
    ex = extract(text, lang=lang)
    assert ex.language == lang
    prev_end = 0
    for n, c in enumerate(ex.claims, 1):
        assert c.index == n
        assert 0 <= prev_end <= c.start < c.end <= len(text)
        assert c.text == text[c.start : c.end]
        prev_end = c.end
        att = c.attribution
        assert att.source.kind in KINDS
        assert att.mode in MODES
        if att.source.kind == "unattributed":
            assert att.mention is None
        spans = [att.mention, att.cue] + [hop.mention for hop in att.via]
        for span in spans:
            if span is not None:
                assert 0 <= span.start <= span.end <= len(text)
                assert span.text == text[span.start : span.end]
        assert 0.0 <= att.confidence <= 1.0
    ex.to_json()  # serialisable


SETTINGS = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@SETTINGS
@given(texts)
def test_arabic_engine_invariants(text):
    check(text, "ar")


@SETTINGS
@given(texts)
def test_english_engine_invariants(text):
    check(text, "en")


@settings(max_examples=40, deadline=None)
@given(st.text(max_size=300))
def test_any_unicode_in_both_languages(text):
    check(text, "ar")
    check(text, "en")


def test_auto_language_detection_on_arbitrary_text():
    ex = extract("قال مسؤول إن الجو حار. He said it was hot.")
    assert ex.language in ("ar", "en")


@pytest.mark.parametrize("lang", ["ar", "en"])
def test_a_megabyte_without_punctuation(lang):
    word = "كلمة " if lang == "ar" else "word "
    text = (word * (1_000_000 // len(word) + 1))[:1_000_000]
    check(text, lang)


@pytest.mark.parametrize("lang", ["ar", "en"])
def test_garbage_inputs(lang):
    rng = random.Random(7)
    samples = [
        "".join(chr(rng.randrange(0, 32)) for _ in range(5000)),  # control characters
        "\u202eقال مصدر\u202c إن \u2066شيئا\u2069 حدث. " * 300,  # bidi overrides and isolates
        "قال Reuters said إن the «said» 'that' … ؟ ! \u0640\u064b " * 300,  # mixed scripts
        "." * 20000 + "x",
        '"' * 5000 + "قال",
        "«" * 3000 + "said" + "»" * 10,
        "(" * 2000 + "ل" * 2000,
        "".join(rng.choice(AR_WORDS + EN_WORDS + PUNCT) + " " for _ in range(20000)),
    ]
    for text in samples:
        check(text, lang)
