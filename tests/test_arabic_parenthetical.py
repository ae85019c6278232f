"""A subject before its verb survives an anonymity clause between commas (own sentences):
"غير أن مسؤولا، طلب عدم الكشف عن هويته، قال ..." is the official speaking, not the last speaker."""

from __future__ import annotations

import pytest

from factcheck.text.extract import extract


@pytest.mark.parametrize(
    "text, head, via, kind",
    [
        ("أعلن الوزير أن المعبر سيفتح غدا. غير أن دبلوماسيا غربيا، طلب عدم الكشف عن اسمه، "
         "قال لوكالة رويترز إن المحادثات متعثرة.", "دبلوماسي", "Reuters", None),
        ("أكدت الحكومة أن الوضع تحت السيطرة. لكن مصدرا أمنيا، رفض الكشف عن هويته، "
         "أكد أن الهجوم نفذ بطائرة مسيرة.", "مصدر", None, "anonymous"),
    ],
)
def test_the_subject_before_an_anonymity_clause_speaks(text, head, via, kind):
    att = extract(text, lang="ar").claims[-1].attribution
    assert att.mention is not None and head in att.mention.text, att
    if kind:  # (an accusative nisba, دبلوماسيا, is not yet read as its head: kind person)
        assert att.source.kind == kind
    if via:
        assert [hop.source.name for hop in att.via] == [via]


def test_without_the_clause_the_previous_speaker_is_not_taken_over():
    claims = extract("أعلن الوزير أن المعبر سيفتح غدا. وقال إن الشاحنات ستعبر تباعا.", lang="ar").claims
    assert claims[-1].attribution.source.name == claims[0].attribution.source.name
