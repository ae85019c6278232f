"""A place or body named only as the complement of an unnamed speaker is not the speaker, and a
capital that speaks for its government resolves to the state (English and Arabic)."""

from __future__ import annotations

import pytest

from factcheck.text.extract import extract


def _first(text: str):
    claims = extract(text).claims
    assert claims, text
    return claims[0].attribution.source


@pytest.mark.parametrize(
    "text, state",
    [
        ("A diplomat in Washington said the talks had stalled over the prisoner list.", "United States"),
        ("An official in Moscow said the convoy would not be allowed through.", "Russia"),
        ("Officials at the Pentagon said the drills would go ahead next month.", None),
        ("A spokesman for the Interior Ministry said the curfew would be lifted.", None),
    ],
)
def test_an_unnamed_speaker_in_a_place_is_not_the_place(text, state):
    source = _first(text)
    assert source.kind in ("anonymous", "person"), (text, source)
    assert source.name not in ("United States", "Russia", "Pentagon", "Interior Ministry")
    if state:
        assert source.affiliation == state


@pytest.mark.parametrize(
    "text, name",
    [
        ("Secretary of State Antony Blinken said the offer was still on the table.", "Antony Blinken"),
        ("The head of the agency, Rafael Grossi, said inspectors had been turned away.", "Rafael Grossi"),
        ("Washington said on Monday that the sanctions would stay in place.", "United States"),
    ],
)
def test_named_speakers_and_capitals_keep_their_name(text, name):
    assert name in _first(text).name


@pytest.mark.parametrize(
    "text, name",
    [
        ("أعلنت دمشق أن الطائرات قصفت مواقع للمسلحين قرب الحدود الشمالية.", "Syria"),
        ("وقالت القاهرة إنها ستستضيف جولة جديدة من المحادثات الأسبوع المقبل.", "Egypt"),
        ("ذكرت بغداد أن المعبر الحدودي سيفتح أمام الشاحنات يوم الأحد.", "Iraq"),
    ],
)
def test_an_arabic_capital_speaks_for_its_state(text, name):
    source = _first(text)
    assert source.name == name and source.kind == "organization"


def test_an_official_in_an_arabic_capital_is_anonymous():
    source = _first("وقال مسؤول في دمشق إن الحكومة سترد على الاتهامات في الوقت المناسب.")
    assert source.kind == "anonymous" and source.name != "Syria"
