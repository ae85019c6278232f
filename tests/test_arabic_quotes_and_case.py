"""Own sentences: a quotation right after إنها/أنه is the reported words (a verb opening it is no
new cue), and a definite masculine dual or plural after a feminine verb is its object."""

from __future__ import annotations

from factcheck.text.extract import extract


def test_a_quotation_after_the_complementizer_is_the_content():
    claims = extract('وقالت البعثة الأممية إنها "تراقب الوضع عن كثب" بعد الاشتباكات.', lang="ar").claims
    assert len(claims) == 1
    att = claims[0].attribution
    assert "البعثة" in att.mention.text and '"تراقب الوضع عن كثب"' in claims[0].text


def test_a_masculine_dual_after_a_feminine_verb_is_the_object():
    claims = extract("وقالت المنظمة إن المساعدات وصلت، ودعت الطرفين إلى فتح الممرات فورا.", lang="ar").claims
    assert all("الطرفين" not in (c.attribution.mention.text if c.attribution.mention else "") for c in claims)


def test_a_feminine_verb_keeps_a_registered_name_ending_like_a_plural():
    att = extract("وأعلنت البحرين أنها ستشارك في القمة المقبلة.", lang="ar").claims[0].attribution
    assert att.source.name == "Bahrain"
