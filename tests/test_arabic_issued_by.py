"""Own sentences: "وجاء في بيان صادر عن X" — X issued the statement and is its source."""

from __future__ import annotations

from factcheck.text.extract import extract


def test_a_statement_issued_by_a_body_is_that_body_speaking():
    text = ("وقالت الحركة إن مقاتليها صدوا هجوما. "
            "وجاء في بيان صادر عن الصليب الأحمر الدولي أن فرقه لم تتمكن من دخول المنطقة منذ يومين.")
    att = extract(text, lang="ar").claims[-1].attribution
    assert att.source.name == "ICRC" or "الصليب الأحمر" in att.source.name, att.source
    assert att.source.name != extract(text, lang="ar").claims[0].attribution.source.name


def test_a_statement_without_an_issuer_keeps_the_statement_frame():
    text = "وقالت الحركة إن مقاتليها صدوا هجوما. وجاء في البيان أن المقاتلين غنموا أسلحة."
    claims = extract(text, lang="ar").claims
    assert claims[-1].attribution.source.name == claims[0].attribution.source.name  # the movement's statement
