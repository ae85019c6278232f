"""Arabic attribution patterns that must hold on unseen copy (issue: generalisation).

Each test names the grammatical pattern it checks; every sentence is written for these tests.
Negative cases (a word that looks like a speaker but is not) sit beside the positive ones.
"""

from __future__ import annotations

import pytest

from test_arabic import attributed, claims, only, vias

from factcheck.sources.registry import default_registry

# -- speech acts beyond قال / أعلن (lexicon data) -------------------------------------------------


@pytest.mark.parametrize(
    "sentence, mention",
    [
        ("وأدان وزير الخارجية القصف الذي استهدف المدرسة.", "وزير الخارجية"),
        ("واستنكرت الجامعة العربية الاعتداء على المصلين.", "الجامعة العربية"),
        ("وندد المتحدث باسم الحكومة بالهجوم على القافلة.", "المتحدث باسم الحكومة"),
        ("ورحبت المنظمة بالاتفاق الذي أنهى الإضراب.", "المنظمة"),
        ("وأشاد الرئيس بدور الوسطاء في إنهاء الأزمة.", "الرئيس"),
        ("وانتقد زعيم المعارضة قرار رفع الأسعار.", "زعيم المعارضة"),
        ("وناشدت وزارة الصحة المواطنين التبرع بالدم.", "وزارة الصحة"),
    ],
)
def test_stance_verbs_take_their_subject(sentence, mention):
    assert only(sentence).attribution.mention.text == mention


def test_ambiguous_noun_forms_are_not_cues():
    # رفض / وصف / حمل are also nouns ("refusal", "description", "carrying"): not in the lexicon
    assert attributed("ويأتي رفض النقابة بعد أسابيع من المفاوضات.") == []
    assert attributed("وشبه جزيرة سيناء منطقة صحراوية واسعة.") == []


# -- who is the subject ---------------------------------------------------------------------------


def test_pluperfect_subject_stands_between_kana_and_qad():
    c = only('وكان المتحدث باسم الجيش قد قال لقناة "الجزيرة" إن القوات انسحبت.')
    assert c.attribution.mention.text == "المتحدث باسم الجيش"
    assert vias(c) == ["Al Jazeera"]


def test_title_line_subject_then_present_verb():
    c = claims("الأمم المتحدة تحذر من مجاعة وشيكة في القطاع\nوقتل عشرة أشخاص في القصف.")
    assert c[0].attribution.source.name == "United Nations"
    assert c[1].attribution.source.kind == "unattributed"


def test_present_verb_inside_a_sentence_is_not_a_title():
    # the same words inside a running sentence that ends with a full stop: no title rule
    c = claims("وقال شهود إن الأسعار ترتفع في الأسواق.")
    assert c[0].attribution.mention.text == "شهود"


def test_plural_verb_has_no_subject_after_it():
    # in verb-subject order Arabic verbs agree in gender only: a plural verb's subject is
    # before it (or in its ending) and the phrase after it is an object, not the speaker
    text = "وأكد الجنديان أنهما ضلا الطريق.\nوطالبوا الحكومة بالإفراج عنهما."
    c = claims(text)
    assert c[0].attribution.mention.text == "الجنديان"
    assert c[0].attribution.source.kind == "anonymous"
    assert all(x.attribution.mention is None or x.attribution.mention.text != "الحكومة" for x in c)


def test_dual_role_noun_is_a_person():
    assert only("وقال الوزيران إن الاتفاق سيوقع الشهر المقبل.").attribution.source.kind == "person"


def test_counted_group_is_a_source():
    c = only("وكشفت 3 مصادر مطلعة أن المفاوضات انهارت.")
    assert c.attribution.mention.text.startswith("3 مصادر")
    assert c.attribution.source.kind == "anonymous"


def test_holder_name_after_role_and_body():
    c = only("وقال المتحدث باسم البنتاغون باتريك رايدر إن القوات سترد.")
    assert c.attribution.mention.text == "المتحدث باسم البنتاغون باتريك رايدر"
    c = only("وقالت رئيسة المفوضية الأوروبية أورسولا فون دير لاين إن الدعم سيزيد.")
    assert c.attribution.source.name == "أورسولا فون دير لاين"


def test_object_of_an_announce_verb_is_not_taken_as_a_name():
    c = only("وأعلن المتحدث باسم الجيش مقتل جنديين في المعارك.")
    assert c.attribution.mention.text == "المتحدث باسم الجيش"


# -- discourse: continuations, role-only mentions ---------------------------------------------------

TWO_SPEAKERS = (
    "قال وزير الخارجية الأردني أيمن الصفدي إن بلاده ترفض التهجير.\n"
    "وقالت رئيسة المفوضية الأوروبية أورسولا فون دير لاين إن الاتحاد سيزيد مساعداته.\n"
    "وأضاف الوزير أن عمّان تجري اتصالات مكثفة.\n"
    "وأكدت المسؤولة الأوروبية أن الدعم سيصل خلال أيام.\n"
    "وتابع الصفدي: \"لن نسمح بتصفية القضية\".\n"
    "وأوضحت أن المساعدات تشمل الغذاء والدواء.\n"
    "مضيفة أن الاتحاد يدعو إلى وقف إطلاق النار.\n"
)


def test_alternating_speakers_resolve_through_the_discourse():
    names = [c.attribution.source.name for c in claims(TWO_SPEAKERS)]
    safadi, vdl = "أيمن الصفدي", "أورسولا فون دير لاين"
    assert names == [safadi, vdl, safadi, vdl, safadi, vdl, vdl]


def test_participle_after_the_sentence_subject():
    c = only("واستقبل الملك وفدا من الكونغرس، مؤكدا أن الأردن يدعم الحل السياسي.")
    assert c.attribution.mention.text.startswith("الملك")
    assert c.text.startswith("أن الأردن")
    assert "participle" in c.attribution.reason


def test_participle_with_no_speaker_is_narration():
    assert attributed("وقتل ثلاثة أشخاص في حادث سير، مشيرا إلى أن السرعة كانت السبب.") == []


def test_verbal_noun_of_a_reporting_verb():
    c = attributed("وجاء القصف بعد ساعات من إعلان الجيش الإسرائيلي أنه رصد تحركات غير عادية.")
    assert [x.attribution.source.name for x in c] == ["IDF"]
    assert c[0].text.startswith("أنه رصد")
    # the same noun with no speaker and no complementizer is not a report
    assert attributed("وقال الرئيس إن إعلان الاستقلال كان خطأ تاريخيا.")[0].attribution.mention.text == "الرئيس"


# -- relayed reporting ------------------------------------------------------------------------------


def test_according_to_what_an_agency_relayed():
    c = only("نفى مصدر مسؤول في السفارة، مساء السبت، وفقا لما نقلته وكالة أنباء الشرق الأوسط، "
             "الأنباء عن إغلاق المعبر.")
    assert c.attribution.source.kind == "anonymous"
    assert vias(c) == ["MENA"]


def test_quoted_agency_after_told():
    c = only('وقال مصدر حكومي لـ"رويترز" إن الحكومة ستجتمع.')
    assert vias(c) == ["Reuters"]


def test_quoted_generic_noun_is_the_publisher_itself():
    assert vias(only("وقال مصدر قبلي لـ«الصحيفة» إن الوساطة نجحت.")) == []


def test_conduit_before_a_relay_verb():
    c = only('وكانت "رويترز" نقلت عن مسؤولين أتراك، إن التحقيق مستمر.')
    assert c.attribution.mention.text == "مسؤولين أتراك"
    assert vias(c) == ["Reuters"]


def test_interview_with_a_newspaper_is_a_via():
    c = only('قال زعيم الحزب في مقابلة مع صحيفة لوموند نشرت الأحد "لن نشارك في الحكومة".')
    assert vias(c) == ["Le Monde"]


def test_continuation_keeps_the_conduit():
    text = "وقال مسؤول أمني لوكالة الأنباء الفرنسية إن الحدود مغلقة.\nوأضاف المسؤول أن المعابر كلها مغلقة."
    assert [vias(c) for c in attributed(text)] == [["AFP"], ["AFP"]]


# -- registry: fuzzy matching never confuses two agencies ----------------------------------------


def test_fuzzy_match_respects_the_distinguishing_word():
    reg = default_registry()
    assert reg.resolve("وكالة الأنباء الفرنسية", "ar").id == "afp"
    assert reg.resolve("وكالة الأنباء الأردنية", "ar").id == "petra"
    # "the official news agency" names no agency in particular
    assert reg.resolve("وكالة الأنباء الرسمية", "ar") is None


# -- explain ----------------------------------------------------------------------------------------


def test_every_attribution_says_why():
    for c in claims(TWO_SPEAKERS):
        assert c.attribution.reason and "speaker" in c.attribution.reason


def test_narration_has_no_reason():
    (c,) = claims("وارتفعت أسعار النفط في الأسواق العالمية اليوم.")
    assert c.attribution.source.kind == "unattributed" and c.attribution.reason is None


# -- structure: appositions, teasers, relatives -----------------------------------------------------


def test_pluperfect_subject_with_an_apposition():
    c = only('وكان الحزبان - "الوسط" و"التجديد" - قد نفيا الأنباء عن اندماجهما.')
    assert c.attribution.mention.text == "الحزبان"


def test_told_to_a_channel_is_never_the_speaker():
    text = 'وكان ناطق باسم "حركة التجديد" قد قال لقناة "الجزيرة" إن الحركة لن تشارك.'
    c = only(text)
    assert c.attribution.mention.text == 'ناطق باسم "حركة التجديد"'
    assert c.attribution.source.name == "ناطق باسم حركة التجديد"  # names drop quotation marks
    assert vias(c) == ["Al Jazeera"]


def test_link_teaser_before_a_title():
    c = attributed("اقرأ.. وزير الدفاع يحذر الفصائل من التصعيد\nوقتل عشرة أشخاص في القصف.")
    assert [x.attribution.mention.text for x in c] == ["وزير الدفاع"]


def test_relative_pronoun_is_never_a_mention():
    text = 'ونشرت الخبر ثلاث منظمات محلية، والتي ذكرت أن القصف استهدف سوقا شعبية.'
    for c in claims(text):
        m = c.attribution.mention
        assert m is None or m.text not in ("والتي", "التي")


def test_subject_after_a_prepositional_pronoun():
    c = only("في الوقت الذي قالت فيه الشركة إنها احتوت الحريق.")
    assert c.attribution.mention.text == "الشركة"


def test_bracketed_acronym_and_comma_apposition_before_the_verb():
    c = attributed("وكانت وكالة الأنباء الرسمية (وام) ذكرت أن الوفد وصل إلى جنيف.")
    assert [x.attribution.source.name for x in c] == ["WAM"]
    c = attributed("ولم تحدد الشرطة هوية المهاجمين، لكن وزارة الداخلية، المسؤولة عن الأمن، قالت إن التحقيق جار.")
    assert [x.attribution.mention.text for x in c] == ["وزارة الداخلية"]


def test_quoted_acronym_after_an_agency_and_its_adjectives():
    c = only('وقالت وكالة الأنباء الرسمية السورية "سانا" إن الدفاعات تصدت للصواريخ.')
    assert c.attribution.source.name == "SANA" and c.attribution.source.kind == "agency"
    assert c.attribution.mention.text.endswith('"سانا"')


def test_comma_apposed_name_with_a_nisba_surname():
    c = only("ودافع رئيس الوزراء، محمد شياع السوداني، عن القرار، مشيرا إلى أن الحكومة ملتزمة بالدستور.")
    assert c.attribution.source.name == "محمد شياع السوداني"
    assert c.attribution.mention.text == "رئيس الوزراء، محمد شياع السوداني"


def test_statement_frame_after_the_object_gives_its_conduit():
    c = only("وأدان الرئيس الفرنسي ماكرون الهجوم في بيان نشره قصر الإليزيه.")
    assert c.attribution.mention.text == "الرئيس الفرنسي ماكرون"  # the object is not part of the name
    assert vias(c) == ["Élysée Palace"]


def test_background_formula_is_narration():
    text = "وقال الوزير إن المعبر سيفتح غدا.\nيذكر أن المعبر أغلق قبل شهرين بسبب المعارك."
    c = claims(text)
    assert c[-1].attribution.source.kind == "unattributed"


def test_after_he_said_is_asserted_before_he_said_is_not():
    assert only("وجاء القرار بعد أن ذكرت تقارير أن المخزون نفد.").attribution.source.kind == "reports"
    assert attributed("وغادر الوفد قبل أن يعلن الوسطاء أن الجولة انتهت.") == []


def test_other_sources_are_new_sources():
    text = "وقالت مصادر مطلعة إن الاتفاق قريب.\nكما أفادت بعض المصادر الأخرى أن الخلافات ما زالت قائمة."
    a, b = attributed(text)
    assert a.attribution.source.id != b.attribution.source.id


def test_adverbs_of_frequency_are_never_speakers():
    for c in claims("فقد أعلن مرارا وتكرارا عن وفاة الزعيم من قبل أكثر من مصدر.\nوكانت آخر مرة أعلن فيها عن ذلك قبل أسابيع."):
        m = c.attribution.mention
        assert m is None or m.text not in ("مرارا وتكرارا", "آخر مرة", "مرارا")


def test_accusative_head_after_anna():
    c = only("وذكرت وسائل إعلام محلية أن مصدرا حكوميا رفيعا أكد نبأ استقالة الوزير.")
    assert c.attribution.mention.text == "مصدرا حكوميا رفيعا" and c.attribution.source.kind == "anonymous"


def test_quoted_subject_and_own_spokesman():
    c = only("وقبل أيام أعلنت «جبهة التحرير» على لسان المتحدث باسمها أن قائدها قتل.")
    assert c.attribution.source.name == "جبهة التحرير" and vias(c) == []


def test_named_official_is_a_person():
    c = only("وقال المسؤول الإعلامي في السفارة فيكتور غوريلوف إن الموظفين بخير.")
    assert c.attribution.source.name == "فيكتور غوريلوف" and c.attribution.source.kind == "person"


def test_verbal_noun_with_a_press_conference_between():
    c = only("وجاء ذلك بعد إعلان المتحدث باسم الحكومة، سامي العلي، في مؤتمر صحافي عقد صباح أمس، "
             "بأن الحكومة ستستقيل.")
    assert c.attribution.source.name == "سامي العلي"


def test_relay_with_the_outlet_site_between_and_a_verbal_noun_report():
    c = only('نقلت صحيفة "الوطن" المقربة من السلطات على موقعها الإلكتروني، عن مصادر مطلعة على الملف، '
             "توصل الطرفين إلى تفاهم أولي.")
    assert c.attribution.source.kind == "anonymous" and vias(c) == ["Al-Watan"]


def test_affiliation_after_min_is_not_a_name():
    c = only("كما أفادت بعض المصادر المقربة من الحركة أن المفاوضات مستمرة.")
    assert c.attribution.source.kind == "anonymous"


def test_a_city_is_not_a_participle():
    c = only("وقال مصدر عسكري في مدينة تمبكتو إن الجيش أغلق المنطقة.")
    assert c.attribution.mention.text.startswith("مصدر عسكري")


def test_told_them_inside_a_report_makes_the_teller_the_source():
    c = only("وقال الرئيس إن ولي العهد أبلغهم أن التحقيق بدأ.")
    assert c.attribution.mention.text == "ولي العهد" and vias(c) == ["الرئيس"]
    c = only("وقال الرئيس إن ولي العهد نفى أي علم له بالعملية.")
    assert c.attribution.mention.text == "ولي العهد"


def test_informing_a_third_party_is_an_act_not_a_source():
    c = only("وقال مصدر دبلوماسي إن الحكومة أبلغت السفارة قرارها طرد الموظفين.")
    assert c.attribution.mention.text == "مصدر دبلوماسي"


def test_name_then_role_then_told_to_an_agency():
    c = only("وقال صديقي المتحدث باسم المديرية الوطنية للأمن لوكالة الصحافة الفرنسية بأن الزعيم توفي.")
    assert c.attribution.source.kind == "person" and vias(c) == ["AFP"]


def test_familiar_with_takes_its_object_and_anonymity_clause_stays():
    c = only("وقالت مصادر مطلعة على الملف إن الاتفاق قريب.")
    assert c.attribution.mention.text == "مصادر مطلعة على الملف"
    c = only("وقال مصدر لم تسمه الوكالة إن الاتفاق قريب.")
    assert c.attribution.mention.text.startswith("مصدر لم تسمه")


def test_a_verb_form_after_a_preposition_is_a_verbal_noun():
    assert attributed("وقالت مصادر إنه فضلا عن نقل الصواريخ، فإن المصانع تعمل.")[0].attribution.mention.text == "مصادر"
    assert len(attributed("وقالت مصادر إنه فضلا عن نقل الصواريخ، فإن المصانع تعمل.")) == 1


def test_warned_of_is_no_subject():
    text = "وقال المبعوث إن الوضع خطير.\nوأضاف أنه سبق وأن حذر من أن الأزمة تتفاقم."
    for c in claims(text):
        assert c.attribution.mention is None or c.attribution.mention.text != "من"


def test_people_at_a_place_and_an_object_of_condemnation():
    c = only("وقال سكان بالمدينة إن القصف استمر طوال الليل.")
    assert c.attribution.mention.text == "سكان بالمدينة"
    c = only("وندد المتحدث باسم الحكومة بالهجوم على القافلة.")
    assert c.attribution.mention.text == "المتحدث باسم الحكومة"
