"""English claims are the reported content; every attribution says why (``Attribution.reason``);
denials, refusals, conduits and evidence frames.

Every example sentence here is invented for these tests.
"""

from __future__ import annotations

import pytest

from factcheck.sources.registry import default_registry
from factcheck.text.english import attribute
from factcheck.text.extract import extract


def run(text: str):
    out = []
    for d in attribute(text, registry=default_registry()):
        a = d.attribution
        assert text[d.start:d.end].strip(), "a claim always has text"
        if a.source.kind != "unattributed":
            assert a.reason and "\n" not in a.reason, a
        out.append({
            "text": text[d.start:d.end], "kind": a.source.kind, "name": a.source.name,
            "mention": a.mention.text if a.mention else None, "mode": a.mode,
            "via": [hop.source.name for hop in a.via], "reason": a.reason,
        })
    return out


def one(text: str):
    claims = [c for c in run(text) if c["kind"] != "unattributed"]
    assert len(claims) == 1, claims
    return claims[0]


# -- the claim is the reported content ----------------------------------------------------------
@pytest.mark.parametrize("text, content", [
    ("The harbour master said that the pier would close in May.", "the pier would close in May."),
    ("The harbour master said the pier would close in May.", "the pier would close in May."),
    ("The pier will close in May, the harbour master said.", "The pier will close in May"),
    ("The pier will close in May, the harbour master said on Friday.", "The pier will close in May"),
    ('"The pier is finished," the harbour master told reporters.', '"The pier is finished,"'),
    ('"Finished," she added when the crowd had left.', '"Finished,"'),
    ("According to the port authority, the pier will close in May.", "the pier will close in May."),
    ("The pier will close in May, according to the port authority.", "The pier will close in May"),
    ("On Friday, the harbour master said that the pier would close.", "the pier would close."),
])
def test_the_claim_is_the_reported_content(text, content):
    assert one(text)["text"] == content


def test_content_keeps_a_second_report_by_the_same_speaker():
    # the words after the cue carry another report of the same speaker: they stay in the claim
    c = one("Costs are rising, Marta Lind said on Monday, because she said the suppliers raised prices.")
    assert "suppliers raised prices" in c["text"]


def test_an_introductory_clause_is_not_postposed_attribution():
    c = one("Friday morning, as the fog lifted, the coastguard reported at least four boats adrift.")
    assert c["text"] == "at least four boats adrift."


def test_quotation_on_both_sides_of_the_cue_stays_whole():
    c = one('"We tried," the coach said, "but the wind won."')
    assert c["text"].startswith('"We tried,"') and c["text"].endswith('"but the wind won."')


def test_mode_is_read_from_the_content_only():
    assert one('"We did not fire a single flare," the skipper said in an interview.')["mode"] == "direct"


def test_extract_offsets_match_the_content():
    text = "The harbour master said that the pier would close in May. The gulls stayed."
    ex = extract(text, lang="en")
    assert [c.text for c in ex.claims] == ["the pier would close in May.", "The gulls stayed."]
    for c in ex.claims:
        assert text[c.start:c.end] == c.text


# -- reasons ----------------------------------------------------------------------------------
def test_reason_names_the_cue_the_side_and_the_speaker():
    claims = run("Marta Lind spoke on Monday. The pier will close in May, she said.")
    c = claims[-1]
    assert c["name"] == "Marta Lind"
    assert c["reason"].startswith("cue 'said' (reporting verb, postposed ', X said')")
    assert "pronoun 'she' -> 'Marta Lind'" in c["reason"]


def test_reason_of_a_continued_quotation():
    claims = run('"We are ready. The boats leave at dawn," Lind said. "Nobody will wait."')
    assert claims[-1]["name"] == "Lind"
    assert claims[-1]["reason"].startswith("quotation continued over sentences")


def test_reason_names_the_via():
    c = one("A spokesman for the port authority told Reuters the pier was damaged.")
    assert c["via"] == ["Reuters"] and c["reason"].endswith("via 'Reuters'")


def test_narration_has_no_reason():
    assert run("The gulls stayed on the pier all winter.")[0]["reason"] is None


# -- denials and refusals ---------------------------------------------------------------------
@pytest.mark.parametrize("verb", ["denied", "disputed", "refuted"])
def test_a_denial_is_a_claim_by_the_denier_marked_in_its_mode(verb):
    c = one(f"The ferry company {verb} that its captains had skipped safety drills.")
    assert (c["name"], c["mode"]) == ("ferry company", "denial")
    assert c["text"] == "its captains had skipped safety drills."
    assert ", denial;" in c["reason"]


@pytest.mark.parametrize("text", [
    "The ferry company declined to comment.",
    "The ferry company refused to elaborate on the drills.",
    "The ferry company has not answered questions sent to its office.",
    "The harbour master did not reply to messages on Friday.",
])
def test_refusing_to_comment_is_narration(text):
    assert all(c["kind"] == "unattributed" for c in run(text)), run(text)


def test_declining_to_do_something_else_is_still_a_stance():
    c = one("The ferry company declined to lower its fares.")
    assert c["name"] == "ferry company"


# -- conduits and kinds -----------------------------------------------------------------------
def test_agency_citing_sources_relays_them():
    c = one("Reuters reported, citing two port officials, that the pier had been sold.")
    assert (c["kind"], c["via"], c["text"]) == ("anonymous", ["Reuters"], "the pier had been sold.")


def test_citing_a_reason_is_not_a_source():
    claims = run("The ferry was cancelled, citing high winds over the strait.")
    assert all(c["kind"] == "unattributed" for c in claims), claims


def test_statement_carried_by_an_agency_is_relayed_by_the_agency():
    c = one("The launch succeeded, according to a statement carried by the Harbour News Agency.")
    assert c["mention"] == "a statement" and c["via"] == ["Harbour News Agency"]
    assert c["text"] == "The launch succeeded"


def test_interview_with_an_outlet_is_a_via():
    c = one('"The pier is safe," the mayor said in an interview with CNN.')
    assert c["via"] == ["CNN"] and c["kind"] == "person"


def test_unnamed_officials_are_anonymous_and_a_spokesman_a_person():
    assert one("Two port officials said the pier had been sold.")["kind"] == "anonymous"
    assert one("A spokesman for the port said the pier had been sold.")["kind"] == "person"


def test_vague_reports():
    c = one("Reports said the pier had been sold.")
    assert (c["kind"], c["text"]) == ("reports", "the pier had been sold.")


# -- noun phrases and evidence ----------------------------------------------------------------
def test_possessive_of_a_source_noun_is_a_nominal_attribution():
    c = one("The minister's claim that the pier was safe drew criticism.")
    assert c["name"] == "minister" and c["text"].startswith("the pier was safe")


def test_a_poll_opening_the_sentence_reports_what_follows():
    c = one("In a regional poll released Monday, 52 percent of voters backed the pier plan.")
    assert c["mention"] == "a regional poll" and c["text"] == "52 percent of voters backed the pier plan."


def test_in_with_a_time_or_place_is_not_a_source():
    for text in ("In the morning, the pier was closed.", "In Gdansk, the pier was closed.",
                 "In a statement, the mood was calm."):
        assert all(c["kind"] == "unattributed" for c in run(text)), text


def test_a_state_agency_carrying_a_statement_is_its_conduit():
    c = one("The test succeeded, according to a statement carried by KCNA.")
    assert c["via"] == ["KCNA"] and c["name"] != "KCNA"


def test_an_addressee_after_the_cue_is_not_the_content():
    # "told reporters on Monday" carries no content: the clause stays whole rather than shrink to it
    c = one("The mayor told reporters on Monday.")
    assert c["text"] == "The mayor told reporters on Monday."


def test_yes_and_no_answers_are_the_content():
    claims = [c for c in run('Asked whether the pier should close, 61 percent of residents said yes.')
              if c["kind"] != "unattributed"]
    assert claims[-1]["text"] == "yes."


def test_a_proportion_is_the_whole_mention():
    c = one("About 4 in 10 residents say they want a new pier.")
    assert c["mention"] == "About 4 in 10 residents"


# -- the mention is the source as the sentence names it ---------------------------------------
def test_the_mention_keeps_its_apposition():
    assert one("Marta Roe, the port's director, said the pier was unsafe.")["mention"] == \
        "Marta Roe, the port's director"
    assert one("The port's director, Marta Roe, said the pier was unsafe.")["mention"] == \
        "The port's director, Marta Roe"


def test_a_relative_clause_with_its_own_report_is_not_part_of_the_mention():
    claims = [c for c in run("Marta Roe, who argued for the repairs, said the pier was unsafe.")
              if c["kind"] != "unattributed"]
    assert claims[-1]["mention"] == "Marta Roe"


@pytest.mark.parametrize("subject", ["One in five residents", "About 4 in 10 residents", "four out of 10 residents"])
def test_proportions_are_whole_mentions(subject):
    assert one(f"{subject} said the pier was unsafe.")["mention"] == subject


def test_coordinated_subjects_are_one_mention():
    assert one("Marta Roe and her aides said the pier was unsafe.")["mention"] == "Marta Roe and her aides"


def test_a_clause_before_and_is_not_part_of_the_mention():
    assert one("The mayor cut taxes and officials said the pier was unsafe.")["mention"] == "officials"


@pytest.mark.parametrize("subject", ["Roe’s aides", "Marta Roe's spokesman", "Some of her followers", "Only 32 percent"])
def test_possessors_and_quantifiers_start_the_mention(subject):
    assert one(f"{subject} said the pier was unsafe.")["mention"] == subject


def test_an_adjunct_after_the_subject_is_not_an_apposition():
    c = one("Residents, in particular, said the pier was unsafe.")
    assert c["mention"] == "Residents"


def test_seeing_something_as_something_is_a_view():
    c = one("Many residents see the new pier as a waste of money.")
    assert c["mention"] == "Many residents" and c["text"] == "the new pier as a waste of money."


def test_seeing_without_as_is_perception():
    assert all(c["kind"] == "unattributed" for c in run("The residents saw the crowd near the pier."))
