"""HTML report: Arabic names and roles inside the Latin source line are isolated one by one."""

from __future__ import annotations

from test_export_data import build_review

from factcheck.export import collect
from factcheck.export.html import render_html


def test_arabic_name_role_and_conduits_are_isolated_separately(db):
    built = build_review(db)
    review = collect(db, built.en)
    att = review["claims"][0]["attribution"]
    att.update(name="وزارة الصحة", kind="organization", role="المتحدث باسم الوزارة",
               family_names=["وزارة الصحة", "الحكومة"],
               via=[{"name": "وكالة الأنباء", "source": "wire"}, {"name": "Reuters", "source": "reuters"}])
    page = render_html(review)
    assert "<bdi lang=\"ar\">وزارة الصحة</bdi> (organization, <bdi>المتحدث باسم الوزارة</bdi>)" in page
    assert "<bdi>وكالة الأنباء</bdi> → <bdi>Reuters</bdi>" in page
    assert "<bdi>وزارة الصحة</bdi> ⊂ <bdi>الحكومة</bdi>" in page
    # the Latin frame (brackets, comma, arrows) is never inside an isolate with Arabic
    assert "(organization, المتحدث" not in page
