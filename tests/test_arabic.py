"""Arabic attribution: cue families, frames, coreference, via chains, kinds, quotes.

Every example sentence here is written for these tests.
"""

from __future__ import annotations

import pytest

from factcheck.text.extract import extract


def claims(text: str):
    ex = extract(text, lang="ar")
    for c in ex.claims:
        assert text[c.start : c.end] == c.text
        att = c.attribution
        for span in (att.mention, att.cue):
            if span is not None:
                assert text[span.start : span.end] == span.text
    return ex.claims


def attributed(text: str):
    return [c for c in claims(text) if c.attribution.source.kind != "unattributed"]


def only(text: str):
    (claim,) = attributed(text)
    return claim


def vias(claim) -> list[str]:
    return [hop.source.name for hop in claim.attribution.via]


# -- cue verbs ------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text, mention, cue",
    [
        ("قال رئيس البلدية إن المياه عادت إلى الأحياء الشرقية.", "رئيس البلدية", "قال"),
        ("وقالت وزارة الزراعة إن المحصول تضرر.", "وزارة الزراعة", "وقالت"),
        ("فأكد قائد الشرطة أن الطرق مفتوحة.", "قائد الشرطة", "فأكد"),
        ("وأوضح مدير المدرسة أن الدوام سيستأنف.", "مدير المدرسة", "وأوضح"),
        ("وأشارت النقابة إلى أن الإضراب مستمر.", "النقابة", "وأشارت"),
        ("ولفت الطبيب إلى أن الحالات مستقرة.", "الطبيب", "ولفت"),
        ("وزعم المتمردون أنهم سيطروا على التلة.", "المتمردون", "وزعم"),
        ("وصرح مسؤول محلي بأن الكهرباء ستعود مساء.", "مسؤول محلي", "وصرح"),
        ("ويقول سكان الحي إن الضجيج لم يتوقف.", "سكان الحي", "ويقول"),
    ],
)
def test_speech_verbs_with_a_complement(text, mention, cue):
    c = only(text)
    assert c.attribution.mention.text == mention
    assert c.attribution.cue.text == cue
    assert c.text.startswith(("إن", "أن", "بأن", "إلى أن", "أنهم"))


@pytest.mark.parametrize(
    "text, mention, starts",
    [
        ("أعلنت شركة الكهرباء الوطنية الثلاثاء انقطاع التيار عن ثلاث مدن.", "شركة الكهرباء الوطنية", "انقطاع"),
        ("نفى الجيش اللبناني مقتل أي جندي في الاشتباك.", "الجيش اللبناني", "مقتل"),
        ("وكشف مصدر برلماني عن خلاف داخل اللجنة.", "مصدر برلماني", "عن خلاف"),
        ("وحذرت منظمة الصحة العالمية من انتشار الوباء.", "منظمة الصحة العالمية", "من انتشار"),
        ("واتهمت الحكومة الأردنية المهربين بإطلاق النار على الدورية.", "الحكومة الأردنية", "المهربين"),
    ],
)
def test_announce_verbs_take_a_direct_object(text, mention, starts):
    c = only(text)
    assert c.attribution.mention.text == mention
    assert c.text.startswith(starts)


def test_negated_cue_is_narration():
    (c,) = claims("ولم تعلق وزارة الخارجية على هذه الأنباء حتى الآن.")
    assert c.attribution.source.kind == "unattributed"


def test_a_question_is_not_an_assertion():
    out = attributed("وسئل الوزير عما إذا كانت الحكومة تتهم الشركة بالتقصير، فقال إن التحقيق جار.")
    assert [c.attribution.cue.text for c in out] == ["فقال"]


# -- frames ---------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text, mention, cue",
    [
        ("وبحسب الدفاع المدني، انتشلت فرق الإنقاذ سبع جثث.", "الدفاع المدني", "وبحسب"),
        ("ووفقا لوزارة الصحة، تجاوز عدد المصابين المئة.", "وزارة الصحة", "ووفقا ل"),
        ("وحسب شهود عيان، اندلع الحريق قرابة منتصف الليل.", "شهود عيان", "وحسب"),
        ("وعلى حد قول المحافظ، فإن الخسائر كبيرة.", "المحافظ", "وعلى حد قول"),
    ],
)
def test_leading_frames(text, mention, cue):
    c = only(text)
    assert c.attribution.mention.text == mention
    assert c.attribution.cue.text == cue
    assert not c.text.startswith(cue)


def test_trailing_frame_attributes_what_precedes_it():
    c = only("غرقت عشرات المنازل في القرى المجاورة، بحسب الهلال الأحمر.")
    assert c.attribution.mention.text == "الهلال الأحمر"
    assert c.text == "غرقت عشرات المنازل في القرى المجاورة"


def test_parenthetical_frame_between_dashes():
    c = only("وأسفر القصف - بحسب مصادر محلية - عن تدمير جسرين.")
    assert c.attribution.source.kind == "anonymous"
    assert c.attribution.mention.text == "مصادر محلية"


def test_a_frame_about_conditions_is_not_a_source():
    (c,) = claims("وستتغير الأسعار بحسب تطور الطلب في الأسواق.")
    assert c.attribution.source.kind == "unattributed"


def test_came_in_a_statement_by():
    c = only('وجاء في بيان لوزارة الداخلية السعودية: "ضبطت الدوريات شحنة كبيرة".')
    assert c.attribution.mention.text.startswith("بيان")
    assert c.attribution.source.kind == "organization"
    assert c.text.startswith('"ضبطت')


def test_headline_colon():
    (c,) = attributed("لافروف: لا نية لدينا للتصعيد\nوتتواصل المحادثات في جنيف.")
    assert c.attribution.source.name == "Sergey Lavrov"
    assert c.attribution.source.kind == "person"
    assert c.text == "لا نية لدينا للتصعيد"


def test_amid_reports_splits_the_sentence():
    out = attributed("وأكد مسؤول في البلدية انقطاع المياه عن الحي وسط أنباء عن تسرب في الأنابيب.")
    assert [c.attribution.source.kind for c in out] == ["anonymous", "reports"]


def test_impersonal_report():
    c = only("وأفيد بأن الوفد غادر العاصمة ليلا.")
    assert c.attribution.source.kind == "reports"


# -- sentences with two attributions --------------------------------------------------------------


def test_two_speakers_in_one_sentence_make_two_claims():
    text = "وأعلنت الشرطة توقيف ثلاثة مشتبه بهم، بينما قال محامي العائلة إن التحقيق يسير ببطء."
    a, b = attributed(text)
    assert a.attribution.mention.text == "الشرطة"
    assert b.attribution.mention.text == "محامي العائلة"
    assert a.end <= b.start


def test_narration_before_a_cue_stays_unattributed():
    out = claims("انهار مبنى سكني قديم في وسط المدينة، وأكدت البلدية أن لا ضحايا.")
    assert [c.attribution.source.kind for c in out] == ["unattributed", "organization"]


def test_same_speaker_continuation_in_one_sentence_is_one_claim():
    c = only("وأكد مصدر في الميناء وصول السفينة، وقال إن تفريغها سيستغرق يومين.")
    assert "وقال" in c.text


# -- coreference ----------------------------------------------------------------------------------


def test_continuation_verb_points_at_the_earlier_mention():
    text = "وقال وزير النقل مازن الشريف إن المطار سيفتح غدا.\nوأضاف أن الرحلات ستستأنف تدريجيا."
    a, b = attributed(text)
    assert b.attribution.source is a.attribution.source
    assert b.attribution.mention == a.attribution.mention
    assert b.attribution.cue.text == "وأضاف"


def test_surname_resolves_to_the_named_person():
    text = "قالت المتحدثة باسم المنظمة ليلى حمدان إن المساعدات وصلت.\nوأوضحت حمدان أن التوزيع يبدأ الأحد."
    a, b = attributed(text)
    assert a.attribution.source.kind == "person"
    assert b.attribution.source is a.attribution.source
    assert b.attribution.mention.text == "حمدان"


def test_these_sources_resolve_to_the_earlier_unnamed_sources():
    text = (
        "وأفادت مصادر أمنية أردنية بضبط شحنة أسلحة على الحدود.\n"
        "وقالت هذه المصادر إن المهربين فروا إلى الداخل السوري."
    )
    a, b = attributed(text)
    assert a.attribution.source.kind == "anonymous"
    assert b.attribution.source is a.attribution.source
    assert b.attribution.mention.text == "هذه المصادر"


def test_the_agency_and_the_statement_resolve():
    text = (
        "وقالت وكالة الأنباء القطرية إن الأمير استقبل الوفد.\n"
        "وأضافت الوكالة أن اللقاء تناول ملف الطاقة.\n"
        "وأعلنت الرئاسة الفلسطينية في بيان أن الرئيس سيزور القاهرة.\n"
        "وأضاف البيان أن الزيارة تستمر يومين."
    )
    a, b, c, d = attributed(text)
    assert a.attribution.source.id == "qna"
    assert b.attribution.source is a.attribution.source
    assert d.attribution.source is c.attribution.source
    assert d.attribution.mention.text == "البيان"


def test_continuation_agrees_in_gender():
    text = (
        "وقالت الناطقة باسم الصليب الأحمر إن الفرق وصلت.\n"
        "وقال قائد الدفاع المدني إن النيران أخمدت.\n"
        "وأضافت أن الجرحى نقلوا إلى المستشفى."
    )
    a, b, c = attributed(text)
    assert c.attribution.source is a.attribution.source


# -- via chains -----------------------------------------------------------------------------------


def test_relay_names_the_source_and_the_conduit():
    c = only("ونقلت وكالة الأناضول عن مسؤول تركي قوله إن المعبر سيفتح.")
    assert c.attribution.source.kind == "anonymous"
    assert c.attribution.mention.text == "مسؤول تركي"
    assert vias(c) == ["Anadolu Agency"]


def test_relay_with_a_pronoun_points_back():
    text = "وقال رئيس الوزراء إن الحكومة لن تستقيل.\nونقلت عنه وكالة رويترز قوله \"سنكمل المهمة\"."
    a, b = attributed(text)
    assert b.attribution.source is a.attribution.source
    assert vias(b) == ["Reuters"]


def test_told_to_an_agency_is_a_via_and_is_inherited():
    text = (
        "وقال مسؤول في الجيش العراقي لوكالة فرانس برس إن العملية انتهت.\n"
        "وأضاف المسؤول أن الجنود عادوا إلى قواعدهم."
    )
    a, b = attributed(text)
    assert vias(a) == ["AFP"] == vias(b)


def test_frame_then_cue_makes_the_frame_a_conduit_and_propagates_back():
    text = (
        "وأعلنت مصادر طبية سورية مقتل خمسة مدنيين في الغارة.\n"
        "ووفقا لوكالة رويترز، قالت هذه المصادر إن بين القتلى طفلين."
    )
    a, b = attributed(text)
    assert b.attribution.source.kind == "anonymous"
    assert b.attribution.source is a.attribution.source
    assert vias(b) == ["Reuters"]
    assert vias(a) == ["Reuters"]  # the same unnamed group: the via holds for its earlier claim


def test_trailing_relay_with_a_pronoun_is_a_via():
    c = only('وأوضح قائد الشرطة أن "الجناة فروا"، بحسب ما نقلت عنه وكالة سانا.')
    assert c.attribution.mention.text == "قائد الشرطة"
    assert vias(c) == ["SANA"]


def test_reports_relaying_named_witnesses():
    c = only("وأفادت تقارير بأن سكان المخيم قالوا إن المياه نفدت.")
    assert c.attribution.source.kind == "anonymous"
    assert c.attribution.mention.text == "سكان المخيم"
    assert vias(c) == ["reports"]


def test_publisher_is_never_a_via():
    text = "عمان (بترا)-- قال مسؤول حكومي لـ(بترا) إن الموازنة أقرت."
    c = only(text)
    assert vias(c) == []
    c = only("وقال مصدر قبلي لـ«الصحيفة» إن الوساطة نجحت.")
    assert vias(c) == []


# -- kinds, roles, names --------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text, kind",
    [
        ("وقال متحدث باسم وزارة الخارجية الفرنسية إن باريس قلقة.", "person"),
        ("وذكرت قناة الجزيرة أن الاشتباكات توقفت.", "agency"),
        ("وقال مسؤولون أمنيون إن الانفجار نجم عن عبوة.", "anonymous"),
        ("وقال شهود إن الدخان غطى المنطقة.", "anonymous"),
        ("وتشير التقارير إلى أن الخسائر كبيرة.", "reports"),
        ("وقالت حركة حماس إن الوفد سيصل القاهرة.", "organization"),
        ("وقال وزير الطاقة العراقي حيان عبد الغني إن الإنتاج ارتفع.", "person"),
    ],
)
def test_kinds(text, kind):
    assert only(text).attribution.source.kind == kind


def test_role_and_affiliation_of_a_named_person():
    c = only("وقالت سابرينا سينج، نائبة المتحدث باسم البنتاجون، إن القوات في حالة تأهب.")
    att = c.attribution
    assert att.source.id == "sabrina-singh"
    assert att.source.parent == "pentagon"
    assert att.role and att.role.startswith("نائبة المتحدث")


def test_anonymous_sources_are_grouped_by_affiliation():
    text = (
        "وقال مصدر في وزارة الداخلية العراقية إن الهجوم فشل.\n"
        "وقال مصدر مقرب من الحشد الشعبي إن مقاتلا قتل.\n"
        "وقالت مصادر أمنية عراقية إن الطريق أغلق."
    )
    a, b, c = attributed(text)
    ids = {a.attribution.source.id, b.attribution.source.id, c.attribution.source.id}
    assert len(ids) == 3
    assert a.attribution.source.name == "Iraqi Interior Ministry source"
    assert a.attribution.source.parent == "iraqi-interior-ministry"
    assert b.attribution.source.name == "source close to the Popular Mobilization Forces"
    assert c.attribution.source.name == "Iraqi security sources"


def test_anonymity_clauses():
    c = only("وقال دبلوماسي غربي، طالبا عدم الكشف عن اسمه، إن المفاوضات تعثرت.")
    assert c.attribution.source.kind == "anonymous"
    assert c.attribution.mention.text == "دبلوماسي غربي"
    assert c.text.startswith("إن")
    c = only("وأكد مسؤول طلب عدم نشر اسمه لوكالة رويترز أن الشحنة وصلت.")
    # a clause right after the noun stays in the mention, as the evaluation sets annotate it
    assert (c.attribution.mention.text, vias(c)) == ("مسؤول طلب عدم نشر اسمه", ["Reuters"])
    # a relative clause stays in the mention
    c = only("وقال المصدر، الذي لم يكشف عن هويته، إن الاتفاق قريب.")
    assert c.attribution.mention.text == "المصدر، الذي لم يكشف عن هويته"


# -- quotes ---------------------------------------------------------------------------------------


def test_cue_words_inside_a_quotation_do_not_start_claims():
    c = only('وقال رئيس اللجنة: "الحكومة أعلنت خطتها، والبرلمان قال كلمته".')
    assert c.attribution.mention.text == "رئيس اللجنة"
    assert c.attribution.mode == "direct"


def test_quote_running_over_a_sentence_boundary_is_one_claim():
    c = only('وقال الناطق باسم الجيش: "استهدفنا المخزن. ودمرنا منصتين".')
    assert c.text.endswith('منصتين".')


def test_unbalanced_quote_does_not_swallow_the_article():
    text = (
        'وقال المزارع "خسرنا الموسم كله. لم يبق شيء\n'
        "وأعلنت وزارة الزراعة صرف تعويضات للمتضررين.\n"
        "وقال خبير اقتصادي إن الأسعار سترتفع."
    )
    out = attributed(text)
    assert [c.attribution.mention.text for c in out] == ["المزارع", "وزارة الزراعة", "خبير اقتصادي"]


def test_every_claim_once_in_order_and_narration_unattributed():
    text = "ارتفعت درجات الحرارة أمس إلى مستويات قياسية في العاصمة.\nوقال خبراء الأرصاد إن الموجة تستمر أسبوعا."
    out = claims(text)
    assert [c.index for c in out] == [1, 2]
    assert out[0].attribution.source.kind == "unattributed" and out[0].attribution.mention is None
    assert out[1].attribution.source.kind == "anonymous"


# -- more constructions ---------------------------------------------------------------------------


def test_told_to_in_an_opener_is_a_via():
    c = only("وفي تصريح لقناة الجزيرة، قال مدير الميناء إن الشحنات تأخرت.")
    assert c.attribution.mention.text == "مدير الميناء"
    assert vias(c) == ["Al Jazeera"]


def test_prepositional_adjunct_before_the_complementizer():
    c = only("وأكد وزير الري، خلال لقائه المزارعين، أن الحصص لن تتغير.")
    assert c.text.startswith("أن")


def test_according_to_what_an_outlet_reported():
    c = only('وبحسب ما أوردته صحيفة "يديعوت أحرونوت"، فإن الحكومة ستجتمع الليلة.')
    assert c.attribution.source.id == "yedioth"
    assert c.text.startswith("فإن")


def test_held_responsible():
    c = only("وحمّل الاتحاد العام للشغل الحكومة مسؤولية تدهور الأجور.")
    assert c.attribution.source.kind == "organization"
    assert c.text.startswith("الحكومة")


def test_headline_with_quoted_source():
    (c,) = attributed("«أطباء بلا حدود»: المخزون يكفي يومين\nوتواصل القوافل طريقها.")
    assert c.attribution.source.id == "msf"


def test_unnamed_groups_are_anonymous():
    assert only("وقال مسعفون إن الطريق إلى القرية مقطوع.").attribution.source.kind == "anonymous"
    assert only("وطالب المحتجون بإطلاق سراح الموقوفين.").attribution.source.kind == "anonymous"
    c = only("وقال ثلاثة موظفين في الشركة إن الرواتب تأخرت.")
    assert c.attribution.mention.text == "ثلاثة موظفين في الشركة"


def test_spokesperson_with_a_name_is_that_person():
    c = only("وقال المتحدث باسم بلدية الخليل فراس يونس إن المياه قطعت.")
    assert c.attribution.source.name == "فراس يونس"
    assert c.attribution.role == "المتحدث باسم بلدية الخليل"


def test_correspondent_reaches_us_via_the_outlet():
    c = only("وأفاد مراسل فرانس 24 بأن الاشتباكات تجددت.")
    assert c.attribution.source.kind == "agency"
    assert vias(c) == ["France 24"]


def test_topicalised_subject():
    c = only("أما النقابة، فأكدت أن الإضراب قائم.")
    assert c.attribution.mention.text == "النقابة"


def test_passive_relay_without_a_conduit():
    c = only("ونُقل عن مسؤول محلي قوله إن المدارس ستغلق.")
    assert (c.attribution.mention.text, vias(c)) == ("مسؤول محلي", [])


def test_svo_subject_before_the_verb():
    c = only("وكانت مصادر ملاحية قد ذكرت أن السفينة غيرت مسارها.")
    assert c.attribution.mention.text == "مصادر ملاحية"
    c = only("إلا أن المتحدث باسم الشركة نفى وجود أي تسرب.")
    assert c.attribution.mention.text == "المتحدث باسم الشركة"


def test_relative_clause_speaker_inside_narration():
    out = claims("وفرضت عقوبات على الشركة، التي تعتبر الإجراء \"غير قانوني\"، منذ العام الماضي.")
    kinds = [c.attribution.source.kind for c in out]
    assert "organization" in kinds or "unattributed" in kinds
    assert all(a.end <= b.start for a, b in zip(out, out[1:]))


def test_attributed_to_with_ila():
    c = only("ونسبت الإذاعة الرسمية إلى مصدر حكومي قوله إن الانتخابات ستجرى في موعدها.")
    assert c.attribution.mention.text == "مصدر حكومي"
    assert vias(c) == ["state radio"]  # an unnamed medium is named in English


def test_dateline_agency_is_the_publisher():
    c = only("الكويت - كونا - قال مسؤول نفطي لوكالة الأنباء الكويتية إن الإنتاج مستقر.")
    assert vias(c) == []


def test_speech_before_its_speaker():
    c = only('"لن نغادر أرضنا"، قال أحد المزارعين لوكالة رويترز.')
    assert c.text == '"لن نغادر أرضنا"'
    assert c.attribution.cue.text == "قال"
    assert vias(c) == ["Reuters"]


def test_quotation_running_into_the_next_paragraph_keeps_its_speaker():
    text = 'وقالت رئيسة البلدية: "سنفتح الملاجئ الليلة.\n"ونطلب من السكان البقاء في منازلهم".\nوانخفضت الحرارة.'
    a, b, c = claims(text)
    assert b.attribution.source is a.attribution.source
    assert b.attribution.mode == "direct"
    assert c.attribution.source.kind == "unattributed"


def test_name_with_the_article_is_a_person_and_told_to_after_an_apposition():
    c = only("وقال سامي الحلبي، رئيس الغرفة التجارية، لرويترز إن الصادرات تراجعت.")
    assert (c.attribution.source.kind, c.attribution.source.name) == ("person", "سامي الحلبي")
    assert c.attribution.mention.text == "سامي الحلبي، رئيس الغرفة التجارية"
    assert vias(c) == ["Reuters"]


def test_plural_of_a_body_is_an_organization():
    assert only("وتقول منظمات إغاثية إن المخزون ينفد.").attribution.source.kind == "organization"
