"""The source registry: data integrity, resolution with spelling variants and a length guard,
families, find_in, and clean new sources."""

from __future__ import annotations

import json

import pytest
from rapidfuzz import fuzz

from factcheck.sources.registry import (
    DATA_DIR,
    Entry,
    Registry,
    default_registry,
    load_registry,
    match_key,
    slugify,
)


@pytest.fixture(scope="module")
def reg() -> Registry:
    return default_registry()


def test_data_files_are_well_formed(reg):
    ids = set()
    for path in DATA_DIR.glob("*.json"):
        data = json.loads(path.read_text(encoding="utf-8"))
        for raw in data["sources"]:
            assert raw["kind"] in ("person", "organization", "agency", "anonymous", "reports"), raw["id"]
            assert raw["id"] == slugify(raw["id"]), raw["id"]
            ids.add(raw["id"])
    for entry in reg:
        assert entry.parent is None or reg.get(entry.parent) is not None
    assert len(reg) == len(ids)


@pytest.mark.parametrize(
    "mention, expected",
    [
        ("القيادة المركزية الأمريكية", "centcom"),
        ("القيادة المركزية الأميركية", "centcom"),
        ("U.S. Central Command", "centcom"),
        ("البنتاجون", "pentagon"),
        ("the Pentagon", "pentagon"),
        ("سابرينا سينج", "sabrina-singh"),
        ("سابرينا سينغ", "sabrina-singh"),
        ("باتريك رايدر", "patrick-ryder"),
        ("وكالة الصحافة الفرنسية", "afp"),
        ("Agence France-Presse", "afp"),
        ("وكالة رويترز للأنباء", "reuters"),
        ("قوات الحشد الشعبي", "pmf"),
        ("Popular Mobilisation Forces", "pmf"),
        ("وزارة الداخلية العراقية", "iraqi-interior-ministry"),
        ("المرصد السوري لحقوق الانسان", "sohr"),
        ("الوكالة الدولية للطاقة الذرية", "iaea"),
        ("سكاي نيوز عربية", "sky-news-arabia"),
        ("Israel Defence Forces", "idf"),
    ],
)
def test_resolve_spelling_variants(reg, mention, expected):
    entry = reg.resolve(mention, "ar")
    assert entry is not None and entry.id == expected


def test_fuzzy_resolution_tolerates_a_typo(reg):
    assert reg.resolve("Agence France Presse", "en").id == "afp"
    assert reg.resolve("International Atomic Energy Agancy", "en").id == "iaea"


def test_length_guard_rejects_bare_subsets(reg):
    # token_set_ratio alone scores a subset as a perfect match ...
    assert fuzz.token_set_ratio(match_key("Central"), match_key("US Central Command")) == 100
    # ... the registry does not accept it
    for mention in ("Central", "القيادة", "وزارة", "الداخلية", "Department", "News", "سينغ", "Singh"):
        assert reg.resolve(mention, "ar") is None, mention
    assert reg.resolve("", "ar") is None


def test_family_chain(reg):
    assert reg.family("sabrina-singh") == ["sabrina-singh", "pentagon", "us-dod", "united-states"]
    assert reg.family("centcom")[-1] == "united-states"
    assert reg.family("no-such-source") == []
    ref = reg.source_ref(reg.get("patrick-ryder"))
    assert (ref.kind, ref.parent, ref.family) == ("person", "pentagon", "united-states")


def test_get_by_id_or_alias(reg):
    assert reg.get("afp").name == "AFP"
    assert reg.get("فرانس برس").id == "afp"
    assert reg.get(None) is None


def test_find_in_reports_offsets_and_glued_prepositions(reg):
    text = "ووفقا لوكالة فرانس برس، قال مسؤول في وزارة الداخلية العراقية"
    found = [(m.entry.id, text[m.start : m.end]) for m in reg.find_in(text)]
    assert found == [("afp", "وكالة فرانس برس"), ("iraqi-interior-ministry", "وزارة الداخلية العراقية")]


def test_make_source_resolves_known_names(reg):
    ref = reg.make_source("البنتاغون", "organization", lang="ar")
    assert (ref.id, ref.name, ref.family) == ("pentagon", "Pentagon", "united-states")


def test_make_source_groups_anonymous_sources_by_description_and_affiliation(reg):
    a = reg.make_source("Iraqi security sources", "anonymous", lang="en")
    b = reg.make_source("source", "anonymous", lang="en", affiliation="وزارة الداخلية العراقية")
    c = reg.make_source("source", "anonymous", lang="en", affiliation="قوات الحشد الشعبي")
    assert len({a.id, b.id, c.id}) == 3
    assert (b.parent, b.affiliation) == ("iraqi-interior-ministry", "Iraqi Interior Ministry")
    assert c.family == "iraq"
    # anonymous sources never collapse into the body they belong to
    assert reg.make_source("Pentagon", "anonymous", lang="en").id != "pentagon"


def test_make_source_cleans_unknown_names(reg):
    ref = reg.make_source(' «نقابة الصيادلة»، ', "organization", lang="ar")
    assert ref.name == "نقابة الصيادلة"
    assert ref.id == slugify("نقابة الصيادلة")
    assert reg.make_source("vague reports", "reports").id == "reports"


def test_duplicate_ids_across_files_pool_aliases(tmp_path):
    one = tmp_path / "a.json"
    two = tmp_path / "b.json"
    one.write_text(json.dumps({"sources": [{"id": "x", "name": "X Corp", "kind": "organization", "aliases": {"en": ["Xco"]}}]}))
    two.write_text(json.dumps({"sources": [{"id": "x", "name": "Other", "kind": "organization", "aliases": {"ar": ["إكس"]}}]}))
    reg = load_registry([one, two])
    assert reg.get("x").name == "X Corp"
    assert reg.resolve("إكس").id == "x" and reg.resolve("Xco").id == "x"


def test_unknown_parent_or_kind_is_rejected():
    with pytest.raises(ValueError):
        Registry([Entry("a", "A", "organization", parent="missing")])
    with pytest.raises(ValueError):
        Registry([Entry("a", "A", "planet")])


# -- ordinary words: a lower-case common noun is not the outlet named after it -----------------
@pytest.mark.parametrize("mention", ["economist", "an economist", "the guardian", "the times", "times", "the sun",
                                     "a mirror", "the senate", "the pentagon", "turkey"])
def test_a_lower_case_common_noun_never_resolves_to_a_proper_name(reg, mention):
    assert reg.resolve(mention, "en") is None


@pytest.mark.parametrize(
    ("mention", "expected"),
    [("The Economist", "the-economist"), ("the Economist", "the-economist"), ("Economist", "the-economist"),
     ("The Economist's", "the-economist"), ("The Guardian", "guardian"), ("The Times", "the-times-uk"),
     ("the Senate", "us-senate"), ("Turkey", "turkey"), ("ICE", "ice"), ("reuters", "reuters")],
)
def test_capitalised_names_still_resolve(reg, mention, expected):
    assert reg.resolve(mention, "en").id == expected


def test_make_source_keeps_a_common_noun_a_person(reg):
    ref = reg.make_source("economist", "person", lang="en")
    assert (ref.id, ref.kind) == ("economist", "person")
    assert reg.make_source("The Economist", "person", lang="en").id == "the-economist"


def test_find_in_skips_lower_case_ordinary_words(reg):
    text = "the guardian of the child read The Guardian and the times"
    assert [(m.entry.id, text[m.start : m.end]) for m in reg.find_in(text)] == [("guardian", "Guardian")]


def test_get_ignores_case_for_typed_names(reg):
    assert reg.get("the economist").id == "the-economist"


def test_ordinary_words_come_from_the_data_files(tmp_path):
    path = tmp_path / "r.json"
    path.write_text(json.dumps({"ordinary_words": ["beacon"], "sources": [
        {"id": "beacon", "name": "The Beacon", "kind": "agency", "aliases": {"en": ["Beacon"]}},
        {"id": "lantern", "name": "The Lantern", "kind": "agency"}]}))
    reg = load_registry([path])
    assert reg.resolve("beacon", "en") is None and reg.resolve("the beacon", "en") is None
    assert reg.resolve("the Beacon", "en").id == "beacon"
    assert reg.resolve("the lantern", "en").id == "lantern"  # not listed: case does not matter


# -- states ---------------------------------------------------------------------------------------
def test_countries_and_whole_governments_are_states(reg):
    states = {e.id for e in reg if e.state}
    assert {"united-states", "iraq", "iran", "israel", "united-kingdom", "palestinian-authority"} <= states
    for sid in states:
        assert reg.get(sid).parent is None and reg.get(sid).kind == "organization"
    for sid in ("pentagon", "us-dod", "hamas", "un", "reuters", "idf"):
        assert not reg.get(sid).state
    # every family rooted in the United States has a state at its root
    assert reg.get(reg.family("centcom")[-1]).state


def test_state_flag_is_loaded_and_validated(tmp_path):
    path = tmp_path / "r.json"
    path.write_text(json.dumps({"sources": [{"id": "atlantis", "name": "Atlantis", "kind": "organization",
                                             "parent": None, "state": True}]}))
    assert load_registry([path]).get("atlantis").state is True
    path.write_text(json.dumps({"sources": [{"id": "atlantis", "name": "Atlantis", "kind": "organization",
                                             "state": "yes"}]}))
    with pytest.raises(ValueError):
        load_registry([path])
