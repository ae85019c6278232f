"""Arabic attribution, round 3 (issue #15): relayed reporting and the shapes around it.

Every sentence here is written for these tests; negative cases sit beside the positive ones.
"""

from __future__ import annotations

from test_arabic import attributed, claims, only, vias

# -- relayed reporting: عن after a reporting verb's subject ---------------------------------------


def test_reported_from_a_source_after_the_subject():
    c = only("وذكرت صحيفة الغد عن مصدر أمني أن الحدود مغلقة منذ الصباح.")
    assert c.attribution.mention.text == "مصدر أمني"
    assert c.attribution.source.kind == "anonymous"
    assert vias(c) == ["صحيفة الغد"]


def test_reported_from_after_a_quoted_name_of_the_conduit():
    c = only('وأفادت وكالة الأنباء المحلية "الشروق" عن مسؤول في الوزارة قوله إن المعبر سيفتح غدا.')
    assert c.attribution.mention.text == "مسؤول في الوزارة"
    assert len(vias(c)) == 1


def test_reported_from_with_a_verbal_noun_of_denial():
    c = only("ونقلت الإذاعة عن مصدر عسكري نفيه للأنباء عن سقوط الطائرة.")
    assert c.attribution.mention.text == "مصدر عسكري"
    assert "نفيه" in c.text


def test_announce_about_a_thing_is_not_a_relay():
    # أعلن عن / كشف عن + a thing: the object, not a relayed speaker
    c = only("وأعلنت وزارة الصحة عن خطة جديدة لمكافحة الأوبئة في المدارس.")
    assert c.attribution.mention.text == "وزارة الصحة"
    assert vias(c) == []
    c = only("وكشف الوزير عن مشروع لبناء ألف مسكن في الجنوب.")
    assert c.attribution.mention.text == "الوزير"


def test_source_after_an_without_speech_is_no_relay():
    # عن + a speaker but no reported speech after it: not a relay
    for c in attributed("وتحدثت الصحيفة عن مسؤول في الوزارة استقال الشهر الماضي."):
        assert c.attribution.mention.text != "مسؤول في الوزارة"


# -- على لسان: the speaker is the phrase after it, the subject its conduit ------------------------


def test_ala_lisan_names_the_speaker_and_the_subject_is_the_conduit():
    c = only("ونقلت صحيفة الغد على لسان مسؤول في الوزارة قوله إن القرار نهائي.")
    assert c.attribution.mention.text == "مسؤول في الوزارة"
    assert vias(c) == ["صحيفة الغد"]


def test_ala_lisan_after_an_elided_subject_keeps_the_conduit():
    text = ("وذكرت صحيفة الغد عن مصدر أمني أن الحدود مغلقة. "
            "ونقلت على لسان المصدر قوله: \"لا صحة للأنباء عن فتح المعبر\".")
    cs = attributed(text)
    assert cs and all(c.attribution.source.kind == "anonymous" for c in cs)
    assert all(vias(c) == ["صحيفة الغد"] for c in cs)


def test_own_spokesman_is_no_conduit():
    c = only("وأكدت الوزارة على لسان المتحدث باسمها أن الامتحانات ستجرى في موعدها.")
    assert c.attribution.mention.text == "الوزارة"


# -- verbs of telling: a suffix pronoun is the addressee, a verbal noun is no verb ----------------


def test_verbal_noun_with_pronoun_is_not_a_verb_of_denial():
    # نفاه "he denied it" is the verb; نفيه "his denial" is its verbal noun
    for c in claims("وجاء نفيه بعد ساعات من نشر الخبر في الصحف المحلية."):
        assert c.attribution.cue is None or c.attribution.cue.text != "نفيه"


# -- structure of scraped copy: hashtags ---------------------------------------------------------


def test_hashtag_subject_reads_as_its_words():
    c = only("وكان #الجيش_الأردني قد أعلن في وقت سابق أن الطائرة سقطت بسبب عطل فني.")
    assert c.attribution.mention.text == "الجيش_الأردني"
    assert c.attribution.source.name == "الجيش الأردني"
    assert c.attribution.source.kind == "organization"


def test_hashtag_topic_is_not_a_speaker():
    assert attributed("تساقطت الثلوج بكثافة على المرتفعات #الطقس #الأردن") == []


# -- frames: a quoted name, a medium's qualifier, a speaker's relative clause ---------------------


def test_trailing_according_to_a_quoted_medium_is_the_conduit():
    c = only('وقال وزير الداخلية، خلال مؤتمر في العاصمة: "لن نسمح بتكرار الأحداث"، وفق "رويترز".')
    assert c.attribution.mention.text == "وزير الداخلية"
    assert vias(c) == ["Reuters"]


def test_according_to_a_quoted_name_leads():
    c = only('وبحسب "الشروق"، فإن المفاوضات ستستأنف الأسبوع المقبل في القاهرة.')
    assert c.attribution.mention.text.strip('"') == "الشروق"


def test_news_agency_qualifier_belongs_to_the_medium():
    c = only("وتبنت الجماعة الهجوم على الثكنة حسب وكالة أخبار محلية.")
    assert c.attribution.mention.text == "الجماعة"
    assert vias(c) == ["وكالة أخبار محلية"]


def test_frame_source_speaks_its_own_relative_clause():
    # حسب مصدر عسكري أوضح أن ...: the source explains; "حسب" is not part of a speaker
    cs = attributed("وقتل ثلاثة جنود في الهجوم، حسب مصدر عسكري أوضح أن المهاجمين فروا إلى الغابة.")
    assert cs and all(c.attribution.mention.text == "مصدر عسكري" for c in cs)
    assert all(c.attribution.source.kind == "anonymous" for c in cs)


def test_a_preposition_inside_a_subject_is_no_frame():
    c = only("وكان مسؤول كبير في الوزارة صرح للصحفيين أن الخطة جاهزة.")
    assert c.attribution.mention.text == "مسؤول كبير في الوزارة"
    assert c.attribution.source.kind == "anonymous"


def test_taliban_is_a_body_not_two_students():
    c = only("ونفت طالبان هذه الأنباء في بيان على موقعها.")
    assert c.attribution.source.kind == "organization"


# -- junk mentions: objects and non-speaking subjects are never sources --------------------------

_MINISTER = "قال وزير الخارجية إن الاتفاق يمثل خطوة مهمة. "


def test_common_noun_after_a_conjoined_verb_is_its_object():
    cs = attributed(_MINISTER + "ونفى الاتهامات التي وجهت إليه مرارا وتكرارا.")
    assert [c.attribution.mention.text for c in cs] == ["وزير الخارجية", "وزير الخارجية"]


def test_common_noun_before_a_that_clause_is_the_subject():
    c = attributed(_MINISTER + "وأعلنت الغرفة المشتركة أنها ستواصل العمل.")[-1]
    assert c.attribution.mention.text == "الغرفة المشتركة"


def test_surname_with_the_article_is_still_a_speaker():
    text = "قال الزعيم الشيعي مقتدى الصدر إن الانتخابات نزيهة. ونفى الصدر الاتهامات الموجهة لتياره."
    assert attributed(text)[-1].attribution.mention.text == "الصدر"


def test_verb_after_a_common_noun_phrase_is_its_predicate():
    cs = attributed(_MINISTER + "وأضاف أن هذه الخطوة تؤكد التزام الحكومة بالسلام.")
    assert all(c.attribution.mention.text == "وزير الخارجية" for c in cs)
    assert all(c.attribution.cue.text != "تؤكد" for c in cs)


def test_time_phrase_after_the_verb_is_no_subject():
    c = attributed(_MINISTER + "واعترف الأسبوع الماضي بأن المفاوضات تعثرت.")[-1]
    assert c.attribution.mention.text == "وزير الخارجية"


# -- speech acts and roles (lexicon data) ---------------------------------------------------------


def test_describe_is_a_cue_after_a_conjunction_only():
    c = only("ووصفت المعارضة القرار بأنه غير دستوري.")
    assert c.attribution.mention.text == "المعارضة"
    assert c.attribution.source.kind == "organization"
    assert attributed("وصف المكان في الرواية دقيق ومفصل.") == []


def test_consul_and_monarch_are_titles_of_persons():
    assert only("وقال القنصل الفرنسي إن القنصلية ستفتح أبوابها الأحد.").attribution.source.kind == "person"
    assert only("وأكد العاهل المغربي أن الإصلاحات ستستمر.").attribution.source.kind == "person"


# -- zero subjects: a conjoined verb continues its own sentence's subject -------------------------


def test_conjoined_verb_continues_the_first_clause_subject():
    text = _MINISTER + "والتقى رئيس الوزراء الوفد النقابي، وقال إن الحكومة ستدرس المطالب."
    c = attributed(text)[-1]
    assert c.attribution.mention.text == "رئيس الوزراء"
    assert "first clause" in c.attribution.reason


def test_conjoined_verb_that_disagrees_keeps_the_current_speaker():
    text = ("قالت وزيرة الصحة إن المستشفيات جاهزة. "
            "والتقى رئيس الوزراء الوفد النقابي، وقالت إن الأدوية متوفرة.")
    assert attributed(text)[-1].attribution.mention.text == "وزيرة الصحة"


def test_a_non_speaker_first_clause_subject_is_skipped():
    text = _MINISTER + "وارتفعت الأسعار في الأسواق، وأضاف أن الحكومة ستتدخل."
    assert attributed(text)[-1].attribution.mention.text == "وزير الخارجية"


def test_regnal_ordinal_belongs_to_the_name_but_a_month_does_not():
    c = only("وقال الملك عبدالله الثاني إن الأردن يدعم الحوار.")
    assert c.attribution.mention.text == "الملك عبدالله الثاني"
    c = only("وأعلن الجيش في كانون الثاني أن العملية انتهت.")
    assert c.attribution.mention.text == "الجيش"


# -- an unnamed medium gets an English name; a named one keeps its own -----------------------------


def test_unnamed_media_are_named_in_english():
    c = only("ونقلت وكالات أنباء روسية عن ضابط في الجيش قوله إن القوات انسحبت.")
    assert vias(c) == ["Russian news agencies"]
    c = only("وقال التلفزيون الرسمي الليبي إن الانتخابات ستجرى في موعدها.")
    assert c.attribution.source.name == "Libyan state television"
    assert c.attribution.source.kind == "agency"


def test_a_medium_with_its_own_name_keeps_it():
    c = only('وقالت قناة "النهار" إن المفاوضات توقفت.')
    assert "النهار" in c.attribution.source.name
    c = only("وذكرت الوكالة أن المفاوضات توقفت.")
    assert c.attribution.source.name == "الوكالة"


# -- kinds follow the head noun; names with بن/آل; partitives ---------------------------------------


def test_official_adjective_does_not_hide_a_registered_agency():
    c = only("وقالت وكالة الأنباء الرسمية الأردنية إن الحدود مفتوحة.")
    assert c.attribution.source.kind == "agency"
    assert c.attribution.source.name == "Petra"


def test_a_country_adjective_never_makes_a_medium_the_country():
    c = only("وقالت وكالة الأنباء الرسمية الليبية إن الحدود مفتوحة.")
    assert c.attribution.source.kind == "agency"


def test_group_and_campaign_are_bodies():
    assert only("وأكدت مجموعة الإنقاذ المحلية أن عشرة أشخاص أصيبوا.").attribution.source.kind == "organization"
    assert only("وأعلنت الحملة الوطنية للتلقيح أن مليون شخص تلقوا اللقاح.").attribution.source.kind == "organization"


def test_one_of_them_is_anonymous():
    text = "وقال مصدران مطلعان إن التقرير سيصدر قريبا. وأوضح أحدهما أن الصياغة لم تنته."
    assert attributed(text)[-1].attribution.source.kind == "anonymous"


def test_genealogical_name_in_apposition_names_the_holder():
    c = only("وصرح مدير المكتب الإعلامي، سالم بن راشد آل مكتوم، بأن الموقع تعرض للاختراق.")
    assert c.attribution.source.kind == "person"
    assert c.attribution.source.name == "سالم بن راشد آل مكتوم"


def test_object_after_the_subject_is_not_part_of_it():
    c = only("ونفت الرئاسة أية مسؤولية عن الحادث.")
    assert c.attribution.mention.text == "الرئاسة"


def test_carrying_the_news_describes_and_says_nothing():
    cs = attributed('المجموعات التي نقلت أخبار الحريق كانت "الدفاع المدني" و"الهلال الأحمر".')
    assert all(c.attribution.cue.text != "نقلت" for c in cs)


# -- a quotation opened by its verb ----------------------------------------------------------------


def test_quotation_opened_by_the_verb_reports_its_subject_via_the_medium():
    c = only('وأفادت وكالة الأنباء الأردنية بأن المصدر المسؤول في الوزارة "استنكر بشدة هذه الاتهامات".')
    assert c.attribution.mention.text == "المصدر المسؤول في الوزارة"
    assert vias(c) == ["Petra"]


def test_a_closing_quote_before_a_verb_opens_nothing():
    # "مستودع أسلحة" يرجح ...: the quote closes a phrase, no speaker "مستودع أسلحة"
    for c in attributed('وقال المرصد إن صواريخ استهدفت "مستودع أسلحة" يرجح أنه تابع لجماعة مسلحة.'):
        assert c.attribution.mention.text != "مستودع أسلحة"


def test_an_adverb_after_the_verb_is_no_speaker():
    c = attributed(_MINISTER + "وانتقد بشدة قرار الحكومة رفع الأسعار.")[-1]
    assert c.attribution.mention.text == "وزير الخارجية"


def test_relative_clause_after_a_quoted_name_speaks_for_it():
    c = only('وأسس الطبيب "الحملة الوطنية ضد التدخين"، التي تصف نفسها بأنها "منظمة مستقلة".')
    assert c.attribution.mention.text == "الحملة الوطنية ضد التدخين"
    assert c.attribution.source.kind == "organization"


def test_relative_clause_after_a_quoted_title_is_no_speaker():
    # a quoted title of a book is no body: no speaker
    assert attributed('وقرأ الطالب "رحلة في الصحراء"، التي تصف حياة البدو.') == []


# -- relayed continuations: "one of the sources" is the source quoted before, with its conduit -----


def test_one_of_the_sources_continues_the_relayed_source():
    text = ("وقال مصدر حكومي لوكالة فرانس برس إن السفيرين سيغادران البلاد. "
            'وأكد أحد المصادر أن الحكومة "اتخذت" هذه الإجراءات.')
    first, second = attributed(text)
    assert second.attribution.source.id == first.attribution.source.id
    assert vias(second) == ["AFP"]


def test_sources_of_another_kind_are_new():
    text = "وقال مصدر أمني إن الطريق أغلق. وقالت المصادر الطبية إن عشرة أشخاص أصيبوا."
    first, second = attributed(text)
    assert second.attribution.source.id != first.attribution.source.id


# -- writing and tweeting are speech acts; books are not --------------------------------------------


def test_wrote_and_tweeted_report_speech():
    c = only('وكتب وزير الخارجية في تغريدة: "لن نتخلى عن حقوقنا".')
    assert c.attribution.mention.text == "وزير الخارجية"
    c = only("وغردت النائبة على حسابها أن القانون سيمر الأسبوع المقبل.")
    assert c.attribution.mention.text == "النائبة"


def test_books_and_writing_without_speech_are_no_claims():
    assert attributed("وكتب التاريخ مليئة بالقصص عن المدينة القديمة.") == []
    assert attributed("كتب الروائي ثلاث روايات خلال عشر سنوات.") == []


def test_adverbials_and_prepositional_pronouns_are_never_speakers():
    text = ("قال وزير الصحة إن الوباء تحت السيطرة. وأكد فيها أن اللقاحات متوفرة. "
            "وأعلن آخر مرة أن الإصابات تراجعت. وأوضح منه أن الأرقام دقيقة.")
    assert {c.attribution.mention.text for c in attributed(text)} == {"وزير الصحة"}


def test_others_can_speak():
    c = attributed("قال مسؤولون إن الخطة جاهزة. وقال آخرون إن التنفيذ سيتأخر.")[-1]
    assert c.attribution.mention.text == "آخرون"
