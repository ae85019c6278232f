"""Facts for claim matching: numbers, quantities, dates, weekdays, places and named things."""

from __future__ import annotations

import datetime
import json

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from factcheck.model import Facts
from factcheck.text.facts import extract_facts, skeleton

WED = datetime.date(2023, 11, 22)  # a Wednesday


def facts(text: str, lang: str = "ar", date: datetime.date | None = None) -> Facts:
    out = extract_facts(text, 0, len(text), lang=lang, date=date)
    check_offsets(text, out, 0, len(text))
    return out


def check_offsets(text: str, out: Facts, start: int, end: int) -> None:
    for kind in (out.numbers, out.dates, out.entities):
        for fact in kind:
            assert start <= fact["start"] < fact["end"] <= end, fact
            assert text[fact["start"]:fact["end"]] == fact["text"], fact


def numbers(text: str, lang: str = "ar") -> list[tuple]:
    return [(n["value"], n["unit"]) for n in facts(text, lang).numbers]


def values(text: str, lang: str = "ar") -> list:
    return [n["value"] for n in facts(text, lang).numbers]


def keys(text: str, lang: str = "ar") -> list[str]:
    return [e["key"] for e in facts(text, lang).entities]


def one_date(text: str, lang: str = "ar", date: datetime.date | None = None) -> dict:
    dates = facts(text, lang, date).dates
    assert len(dates) == 1, dates
    return dates[0]


# ----------------------------------------------------------------------------- numbers


def test_both_digit_systems_give_the_same_value():
    assert values("أصيب ٦٦ مدنيا في القصف") == [66]
    assert values("أصيب 66 مدنيا في القصف") == [66]
    assert values("سقط ١٢٠٣ صاروخا") == [1203]


def test_numbers_glued_to_prefixes():
    assert numbers("خلال الـ48 ساعة الأخيرة") == [(48, "hour")]
    assert numbers("قصفت الموقع بـ30 صاروخا") == [(30, "missile")]
    assert numbers("تعرضت القاعدة لـ 15 هجوما") == [(15, "attack")]
    text = "خلال الـ48 ساعة"
    (n,) = facts(text).numbers
    assert n["text"] == "48"


def test_decimals_and_thousand_separators():
    assert values("Officials counted 1,250 displaced families", "en") == [1250]
    assert numbers("The fund lost 2.5 million dollars", "en") == [(2500000, "usd")]
    assert numbers("خسرت الشركة ٣٫٥ مليون دولار") == [(3500000, "usd")]
    assert values("وصل ٢٬٥٠٠ لاجئ") == [2500]
    assert numbers("Prices rose 4.5% in a year", "en")[0] == (4.5, "percent")
    assert numbers("ارتفعت الأسعار بنسبة 7 في المئة") == [(7, "percent")]


def test_arabic_number_words_and_their_forms():
    assert numbers("قتل ثمانية جنود في الكمين") == [(8, "soldier")]
    assert numbers("بقي في السجن خمس سنوات") == [(5, "year")]
    assert numbers("نقل ثلاث نساء إلى المستشفى") == [(3, "woman")]
    assert values("وصل خمسة وعشرون مقاتلا") == [25]
    assert values("أفرج عن ثلاثة عشر معتقلا") == [13]
    assert values("وعد بتوفير إحدى عشرة حافلة") == [11]
    assert values("جرى تجنيد ألف ومئتين وخمسين متطوعا") == [1250]
    assert values("فر ثلاثة آلاف شخص من البلدة") == [3000]
    assert values("رصدت الميزانية مئتي مليون") == [200000000]
    assert numbers("أصيب أحد الجنود بجروح طفيفة") == [(1, "soldier")]
    assert numbers("قتل جندي واحد") == [(1, "soldier")]


def test_events_attached_to_counts():
    def events(text, lang="ar"):
        return [(n["value"], n["unit"], n["event"]) for n in facts(text, lang).numbers]

    assert events("قال المصدر إن شخصا قتل وأصيب ثلاثة آخرون") == [(1, "person", "killed"), (3, "person", "injured")]
    assert events("أعلنت الشرطة مقتل أحد الركاب") == [(1, "passenger", "killed")]
    assert events("أعلنت الشرطة مقتل أحد ركاب الحافلة") == [(1, "passenger", "killed")]
    assert events("لم يصب أحد بأذى") == []
    assert events("A civilian was killed and two others were wounded", "en") == [
        (1, "civilian", "killed"), (2, "civilian", "injured")]
    assert events("Eight soldiers were wounded", "en") == [(8, "soldier", "injured")]
    assert events("سقط 12 قتيلا") == [(12, "killed", "killed")]
    assert events("وصل 40 شخصا إلى المدينة") == [(40, "person", None)]
    # a bare noun is one only next to an event, and never with the article
    assert events("استقبلت البلدية شخصا من المدينة") == []
    assert events("قتل الشخص الذي هاجم الحاجز") == []


def test_plural_multiplier_alone_is_not_a_number():
    assert values("نزح آلاف المدنيين من المنطقة") == []
    assert values("Thousands of people marched", "en") == []


def test_arabic_duals_count_two():
    assert numbers("استهدفت الطائرات منشأتين للتخزين") == [(2, "facility")]
    assert numbers("أسفر الهجوم عن قتيلين") == [(2, "killed")]


def test_english_number_words():
    assert numbers("Eight soldiers were hurt", "en") == [(8, "soldier")]
    assert values("two hundred and fifty people", "en") == [250]
    assert values("twenty-five children and forty one adults", "en") == [25, 41]
    assert values("a dozen rockets", "en") == [12]
    assert values("a million dollars", "en") == [1000000]
    assert values("No one was hurt and the one who fled was caught", "en") == []
    assert numbers("Only one soldier died", "en") == [(1, "soldier")]


def test_ordinals_and_clock_times_are_not_quantities():
    assert values("He came 3rd in the 2nd round", "en") == []
    assert values("بدأ القصف عند الساعة 10:45 صباحا") == []


def test_quantities_match_across_languages():
    pairs = [
        ("8 soldiers were wounded", "أصيب ثمانية جنود"),
        ("eight American soldiers were wounded", "أصيب 8 جنود أميركيين"),
        ("66 attacks since October", "66 هجوما منذ أكتوبر"),
        ("a convoy 30 km north of the city", "قافلة على بعد 30 كيلومترا شمال المدينة"),
        ("12 people were killed", "مقتل ١٢ شخصا"),
        ("seven drones were shot down", "أسقطت سبع طائرات مسيرة"),
    ]
    for en, ar in pairs:
        assert numbers(en, "en")[:1] == numbers(ar)[:1], (en, ar)
        assert numbers(en, "en")[0][1] is not None


def test_numbers_inside_dates_and_names_are_not_repeated():
    out = facts("On 21 November an AC-130 struck Tower 22", "en")
    assert out.numbers == []
    assert [d["day"] for d in out.dates] == [21]
    assert {e["key"] for e in out.entities} >= {"ac-130", "tower 22"}


# ----------------------------------------------------------------------------- dates


@pytest.mark.parametrize(
    "text, lang, month, day, year",
    [
        ("The talks ended on 21 November.", "en", 11, 21, None),
        ("The talks ended on November 21, 2023.", "en", 11, 21, 2023),
        ("The talks ended Nov. 21.", "en", 11, 21, None),
        ("The talks ended on the 21st of November.", "en", 11, 21, None),
        ("انتهت المحادثات في 21 تشرين الثاني", "ar", 11, 21, None),
        ("انتهت المحادثات في 21 نوفمبر 2023", "ar", 11, 21, 2023),
        ("انتهت المحادثات في ٢١ من نوفمبر", "ar", 11, 21, None),
        ("وصل الوفد في 9 شباط", "ar", 2, 9, None),
        ("وصل الوفد في 14 آذار", "ar", 3, 14, None),
        ("وصل الوفد في 3 نيسان 2021", "ar", 4, 3, 2021),
        ("وصل الوفد في 30 حزيران", "ar", 6, 30, None),
        ("وصل الوفد في 11 أيلول", "ar", 9, 11, None),
        ("وصل الوفد في 2 كانون الثاني", "ar", 1, 2, None),
        ("وصل الوفد في 25 كانون الأول", "ar", 12, 25, None),
        ("وصل الوفد في 6 تشرين الأول", "ar", 10, 6, None),
        ("وصل الوفد في 8 آب", "ar", 8, 8, None),
        ("وصل الوفد في 5 جويلية", "ar", 7, 5, None),
        ("The report was dated 2023-11-21.", "en", 11, 21, 2023),
        ("صدر التقرير بتاريخ 21/11/2023", "ar", 11, 21, 2023),
    ],
)
def test_day_month_dates(text, lang, month, day, year):
    d = one_date(text, lang)
    assert (d["month"], d["day"], d["year"]) == (month, day, year)
    assert d["text"][0].isdigit() or d["text"][0].isalpha()


def test_dropped_alef_misspelling_of_october():
    d = one_date("بدأت الهجمات في 17 كتوبر الماضي")
    assert (d["month"], d["day"]) == (10, 17)


def test_month_with_alternative_name_in_parentheses_or_slash():
    text = "بدأت الحملة في 17 أكتوبر(تشرين الأول) وانتهت لاحقا"
    d = one_date(text, date=WED)
    assert d["text"] == "17 أكتوبر(تشرين الأول)"
    assert d["iso"] == "2023-10-17"
    d = one_date("وقع ذلك في 3 نوفمبر/تشرين الثاني 2022")
    assert d["iso"] == "2022-11-03"
    assert d["text"].endswith("2022")


def test_year_taken_from_article_date_with_rollover():
    assert one_date("The ceasefire began on 21 November", "en", WED)["iso"] == "2023-11-21"
    january = datetime.date(2024, 1, 10)
    assert one_date("The ceasefire began on 25 December", "en", january)["iso"] == "2023-12-25"
    assert one_date("The ceasefire began on 25 December", "en")["iso"] is None


def test_ambiguous_month_names_need_context():
    assert facts("The ministers may meet again soon", "en").dates == []
    assert facts("Protesters march through the city", "en").dates == []
    assert one_date("They met on May 5", "en")["month"] == 5
    assert facts("قال الأب إن ابنه بخير").dates == []
    assert facts("مارس الضغط على الحكومة").dates == []
    assert one_date("عاد في شهر آب")["month"] == 8


def test_bare_years_are_dates_not_quantities():
    out = facts("The 1995 law was amended in 2019 after 2000 people protested", "en")
    assert [d["year"] for d in out.dates] == [1995, 2019]
    assert [(n["value"], n["unit"]) for n in out.numbers] == [(2000, "person")]


def test_month_and_year_only():
    d = one_date("The plan was drafted in March 2019", "en")
    assert (d["month"], d["day"], d["year"], d["iso"]) == (3, None, 2019, None)
    d = one_date("أقر القانون في أيار من العام 2020")
    assert (d["month"], d["year"]) == (5, 2020)


def test_weekday_with_date_is_one_fact():
    d = one_date("Talks resumed on Tuesday, November 21, 2023.", "en")
    assert (d["weekday"], d["iso"]) == ("tuesday", "2023-11-21")
    d = one_date("استؤنفت المحادثات الثلاثاء 21 نوفمبر", date=WED)
    assert d["text"] == "الثلاثاء 21 نوفمبر"
    assert d["weekday"] == "tuesday"


# ----------------------------------------------------------------------------- weekdays


@pytest.mark.parametrize(
    "text, lang, iso",
    [
        ("وقع الانفجار الثلاثاء", "ar", "2023-11-21"),
        ("وقع الانفجار صباح اليوم الأربعاء", "ar", "2023-11-22"),
        ("وقع الانفجار يوم الأحد", "ar", "2023-11-19"),
        ("وقع الانفجار الجمعة الماضية", "ar", "2023-11-17"),
        ("وقع الانفجار الأربعاء الماضي", "ar", "2023-11-15"),
        ("يعقد الاجتماع الاثنين المقبل", "ar", "2023-11-27"),
        ("The blast happened on Tuesday", "en", "2023-11-21"),
        ("The blast happened on Wednesday", "en", "2023-11-22"),
        ("The blast happened last Wednesday", "en", "2023-11-15"),
        ("The vote is next Monday", "en", "2023-11-27"),
        ("The blast happened yesterday", "en", "2023-11-21"),
        ("وقع الانفجار أمس", "ar", "2023-11-21"),
    ],
)
def test_weekdays_resolve_against_article_date(text, lang, iso):
    d = one_date(text, lang, WED)
    assert d["iso"] == iso
    assert d["weekday"] == datetime.date.fromisoformat(iso).strftime("%A").lower()


def test_weekday_without_article_date_keeps_the_name():
    d = one_date("وقع الانفجار الثلاثاء")
    assert (d["weekday"], d["iso"]) == ("tuesday", None)


def test_monday_is_not_the_number_two():
    out = facts("أعلن الجيش الاثنين مقتل اثنين من المسلحين", date=WED)
    assert [d["weekday"] for d in out.dates] == ["monday"]
    assert [(n["value"], n["unit"]) for n in out.numbers] == [(2, "fighter")]


# ----------------------------------------------------------------------------- entities


@pytest.mark.parametrize(
    "en, ar, key",
    [
        ("Rockets hit Ain al-Asad on Monday", "سقطت صواريخ على قاعدة عين الأسد", "ain al-asad"),
        ("Rockets hit the Al Asad Air Base", "سقطت صواريخ على عين الأسد", "ain al-asad"),
        ("Guards moved the inmates from Abu Ghraib", "نقل الحراس السجناء من سجن أبو غريب", "abu ghraib"),
        ("An AC-130 fired on the convoy", "أطلقت طائرة إيه سي 130 النار على القافلة", "ac-130"),
        ("An AC 130 fired on the convoy", "أطلقت طائرة إيه سي-130 النار على القافلة", "ac-130"),
        ("Militias left Jurf al-Sakhar", "انسحبت الفصائل من جرف الصخر", "jurf al-sakhar"),
        ("Envoys met in Baghdad", "التقى المبعوثون في العاصمة العراقية بغداد", "baghdad"),
        ("Kataib Hezbollah denied it", "نفت كتائب حزب الله ذلك", "kataib hezbollah"),
        ("Two F-16 jets took off", "أقلعت طائرتان من طراز إف 16", "f-16"),
    ],
)
def test_entity_keys_match_across_scripts(en, ar, key):
    assert key in keys(en, "en")
    assert key in keys(ar)


def test_unseen_names_share_a_transliteration_key():
    en = keys("Families returned to Sinjar last week", "en")
    ar = keys("عادت العائلات إلى مدينة سنجار")
    assert en == ar and en[0].startswith("~")
    assert keys("Police entered Tarmiyah", "en") == keys("دخلت الشرطة قضاء الطارمية شمال بغداد")[:1]
    assert keys("Clashes near Jalawla", "en") == ["~jalawla"]  # too short a skeleton to share
    assert skeleton("Abu Ghraib") == skeleton("أبو غريب")
    assert skeleton("al-Ramadi") == skeleton("الرمادي")
    assert skeleton("Fallujah") == skeleton("Falluja") == skeleton("الفلوجة")


def test_arabic_place_cues():
    out = facts("قصفت الطائرات قاعدة حرير ومحافظة صلاح الدين ومدينة الصدر")
    got = {e["text"]: e["key"] for e in out.entities}
    assert got["قاعدة حرير"] == "harir"
    assert got["صلاح الدين"] == "salahuddin"
    assert "الصدر" in got and got["الصدر"].startswith("~")
    # adjectives after the name are left out, and an indefinite adjective is no name
    out = facts("وصلت التعزيزات إلى قاعدة التاجي العسكرية")
    assert [e["text"] for e in out.entities] == ["التاجي"]
    assert facts("هاجموا قاعدة أميركية في الصحراء").entities == []
    assert [e["text"] for e in facts("سيطروا على محافظة السليمانية").entities] == ["السليمانية"]
    # a definite cue points back, it does not introduce a name; a verb is no name
    assert facts("قال إن المستشفى تسلم جثثا").entities == []
    assert facts("قصفوا قرية يسيطر عليها المسلحون").entities == []
    assert facts("حصل ذلك عن طريق الخطأ").entities == []
    # a cue with nothing name-like after it gives nothing
    assert facts("دخلت القوات المدينة من الشمال").entities == []


def test_english_capitalised_names():
    out = facts("Officials from the Popular Mobilization Forces met Gen. Michael Kurilla in Camp Taji.", "en")
    texts = [e["text"] for e in out.entities]
    assert "Popular Mobilization Forces" in texts
    assert "Michael Kurilla" in texts
    assert "Camp Taji" in texts
    assert "Officials" not in texts
    assert next(e for e in out.entities if e["text"] == "Popular Mobilization Forces")["key"] == "popular mobilization forces"


def test_short_all_caps_aliases_need_capitals():
    assert "united states" in keys("The US said so", "en")
    assert "united states" not in keys("He told us so", "en")


def test_longer_name_is_not_cut_at_a_table_place():
    texts = [e["text"] for e in facts("The New York Times reported it", "en").entities]
    assert texts == ["New York Times"]


# ----------------------------------------------------------------------------- offsets and robustness


def test_claim_inside_a_longer_text_keeps_original_offsets():
    before = "قالت مصادر أمنية: "
    claim = "قُتِلَ ثمانيةُ جنودٍ في هجومٍ على قاعدة عين الأسد الثلاثاء ٢١ تشرين الثاني."
    after = " وأضافت أن 40 آخرين أصيبوا."
    text = before + claim + after
    start, end = len(before), len(before) + len(claim)
    out = extract_facts(text, start, end, lang="ar", date=WED)
    check_offsets(text, out, start, end)
    assert [(n["value"], n["unit"]) for n in out.numbers] == [(8, "soldier")]
    assert out.numbers[0]["text"] == "ثمانيةُ"
    assert out.dates[0]["iso"] == "2023-11-21"
    assert out.entities[0]["key"] == "ain al-asad"


def test_bidi_marks_and_tatweel_do_not_break_offsets():
    text = "\u200fأصيب\u200f ١٢ جنـــديا في\u202b قاعدة حرير\u202c يوم الثلاثاء"
    out = facts(text, date=WED)
    assert [(n["value"], n["unit"]) for n in out.numbers] == [(12, "soldier")]
    assert [e["key"] for e in out.entities] == ["harir"]


def test_article_dates_at_the_calendar_edges():
    for date in (datetime.date.min, datetime.date.max):
        for text in ("on 21 November", "next Monday", "yesterday", "last Friday", "Friday"):
            for d in facts(text, "en", date).dates:
                assert d["iso"] is None or d["iso"][:4] in ("0001", "9999")


def test_json_serialisable_and_empty_inputs():
    text = "Eight soldiers died on 21 November in Baghdad."
    json.dumps(facts(text, "en", WED).to_json())
    assert extract_facts("", 0, 0, lang="ar") == Facts()
    assert extract_facts("abc", 2, 1, lang="en") == Facts()
    assert extract_facts("١٢٣", -5, 99, lang="ar").numbers[0]["value"] == 123


_ALPHABET = st.sampled_from(
    list("abcXYZ ACF-.,:/()%$'\"\n\t0123456789٠١٢٣٤٥٦٧٨٩٫٬٪،")
    + list("ابتثجحخدذرسشصضطظعغفقكلمنهويىةأإآؤئءـ")
    + ["\u064b", "\u0651", "\u0670", "\u200f", "\u202e", "\u2066", "\ufeff", "\x00", "İ", "ß", "ﻻ"]
    + ["ثمانية", "عشر", "ألف", "آلاف", "تشرين", "الثاني", "كتوبر", "نوفمبر", "الثلاثاء", "May", "Tuesday",
       "twenty", "-five", "hundred", "million", "and", "قاعدة", "عين", "الأسد", "إيه", "سي", " 130", "AC",
       "أحد", "من", "الـ", "بـ", "لـ ", "Abu", " al-", "Ghraib", "كم", "%", "2023", "21", "1,000", "3.5"]
)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    st.lists(_ALPHABET, max_size=80).map("".join),
    st.integers(-5, 200),
    st.integers(-5, 200),
    st.sampled_from(["ar", "en"]),
    st.one_of(st.none(), st.dates(), st.sampled_from([datetime.date.min, datetime.date.max])),
)
def test_arbitrary_text_never_crashes_and_offsets_stay_valid(text, start, end, lang, date):
    out = extract_facts(text, start, end, lang=lang, date=date)
    lo = max(0, min(start, len(text)))
    hi = max(lo, min(end, len(text)))
    check_offsets(text, out, lo, hi)
    json.dumps(out.to_json())


@settings(max_examples=150, deadline=None)
@given(st.text(max_size=200), st.sampled_from(["ar", "en"]))
def test_any_unicode_text(text, lang):
    out = extract_facts(text, 0, len(text), lang=lang, date=WED)
    check_offsets(text, out, 0, len(text))
