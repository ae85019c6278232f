"""Own sentences: ل + a construct continues an organisation's name (لحقوق الإنسان); بلاغ is a
statement (Maghrebi usage) whose owner speaks."""

from __future__ import annotations

import pytest

from factcheck.text.extract import extract


@pytest.mark.parametrize(
    "text, name",
    [
        ("وقالت الرابطة التونسية للدفاع عن حقوق الإنسان إن الموقوفين تعرضوا لسوء المعاملة.", None),
        ("واعتبرت الجمعية الوطنية لحماية المستهلك أن الأسعار ارتفعت بشكل غير مبرر.", "الجمعية الوطنية لحماية المستهلك"),
        ("وأكدت الهيئة العليا لشؤون اللاجئين أن المخيمات تستقبل مئات الأسر يوميا.", "الهيئة العليا لشؤون اللاجئين"),
    ],
)
def test_a_body_named_with_its_field_keeps_the_whole_name(text, name):
    att = extract(text, lang="ar").claims[0].attribution
    assert att.source.kind == "organization"
    if name:
        assert att.mention.text == name


def test_an_agency_after_lam_is_still_told_to_not_part_of_the_name():
    att = extract("وقالت الوزارة لرويترز إن الشحنة وصلت.", lang="ar").claims[0].attribution
    assert [hop.source.name for hop in att.via] == ["Reuters"]


def test_a_balagh_is_a_statement_of_its_owner():
    att = extract("وأوضح بلاغ للمديرية العامة للجمارك أن الشحنة حجزت في الميناء.", lang="ar").claims[0].attribution
    assert att.source.kind == "organization" and "بلاغ" not in att.source.name  # (not a person "بلاغ")
