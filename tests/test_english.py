"""English attribution (factcheck.text.english): cue families, inversion, frames, via chains,
anonymous and vague sources, coreference, sentence splitting and quotations.

Every example sentence here is invented for these tests.
"""

from __future__ import annotations

import json

import pytest

from factcheck.sources.registry import default_registry, load_registry
from factcheck.text.english import attribute
from factcheck.text.lexicon import load_lexicon
from factcheck.text.segment import segment


def run(text: str):
    """Claims of ``text`` as dicts, checking the offset contract on the way."""
    out = []
    prev = 0
    for d in attribute(text, registry=default_registry()):
        assert prev <= d.start < d.end <= len(text)
        prev = d.end
        a = d.attribution
        for span in [a.mention, a.cue] + [hop.mention for hop in a.via]:
            if span is not None:
                assert text[span.start : span.end] == span.text
        out.append({
            "text": text[d.start : d.end],
            "kind": a.source.kind,
            "id": a.source.id,
            "name": a.source.name,
            "mention": a.mention.text if a.mention else None,
            "cue": a.cue.text if a.cue else None,
            "role": a.role,
            "mode": a.mode,
            "via": [hop.source.name for hop in a.via],
        })
    return out


def one(text: str) -> dict:
    claims = run(text)
    assert len(claims) == 1, claims
    return claims[0]


# -- cue verbs ------------------------------------------------------------------------------------
@pytest.mark.parametrize("verb", [
    "said", "says", "stated", "announced", "added", "noted", "confirmed", "denied", "claimed",
    "warned", "wrote", "argued", "insisted", "explained", "acknowledged", "predicted",
])
def test_cue_verb_families(verb):
    c = one(f"Helena Marsh {verb} that the ferry timetable would change in spring.")
    assert (c["name"], c["kind"], c["cue"], c["mention"]) == ("Helena Marsh", "person", verb, "Helena Marsh")
    assert c["mode"] == ("denial" if verb == "denied" else "indirect")


def test_auxiliaries_and_adverbs_between_subject_and_verb():
    c = one("The river authority has repeatedly warned that the dam is unsafe.")
    assert c["mention"] == "The river authority" and c["cue"] == "warned"
    c = one("Mayor Ines Dalby on Tuesday flatly denied the allegations.")
    assert c["name"] == "Ines Dalby" and c["cue"] == "denied" and c["role"] == "Mayor"


def test_inversion_after_a_quotation_with_appositive_role():
    c = one('"The repairs are finished," said Marta Lindqvist, a spokeswoman for the port authority.')
    assert c["name"] == "Marta Lindqvist" and c["kind"] == "person"
    assert c["cue"] == "said" and c["mode"] == "direct"
    assert c["role"] == "a spokeswoman for the port authority"


def test_sentence_initial_inversion():
    c = one('Said Okafor: "Nobody asked the farmers."')
    assert c["name"] == "Okafor" and c["cue"] == "Said"


def test_post_posed_speaker_owns_the_whole_sentence():
    c = one("The bridge will reopen on Monday, but tolls will rise, the transport office said on Friday.")
    assert c["mention"] == "the transport office" and c["cue"] == "said"


# -- frames ---------------------------------------------------------------------------------------
def test_according_to_before_and_after():
    c = one("According to the regional health office, twelve people were injured.")
    assert c["mention"] == "the regional health office" and c["cue"] == "According to"
    c = one("Twelve people were injured, according to hospital staff.")
    assert c["mention"] == "hospital staff"


def test_in_a_statement_does_not_hide_the_speaker():
    c = one("In a statement, the shipping company said it would compensate passengers.")
    assert c["mention"] == "the shipping company" and c["cue"] == "said"


def test_headline_colon():
    claims = run("Okafor: Farmers were never consulted\n\nThe minister spoke on Tuesday.")
    assert claims[0]["name"] == "Okafor" and claims[0]["cue"] == ":"


def test_transcript_speaker_label():
    claims = run("HOST: Are you running again?\n\nDALBY: I have not decided yet.")
    assert [c["name"] for c in claims] == ["HOST", "DALBY"]


# -- via chains -----------------------------------------------------------------------------------
def test_told_an_agency_is_a_via():
    c = one("A port official told Reuters that the cranes had stopped.")
    assert c["kind"] == "anonymous" and c["via"] == ["Reuters"]
    assert c["mention"] == "A port official" and c["cue"] == "told"


def test_interview_with_an_outlet_is_a_via():
    c = one("Dalby said in an interview with The Washington Post that she would run again.")
    assert c["name"] == "Dalby" and c["via"] == ["The Washington Post"]


def test_according_to_an_agency_is_the_conduit_of_the_other_source():
    c = one("According to Reuters, security officials said the convoy was hit.")
    assert c["mention"] == "security officials" and c["kind"] == "anonymous" and c["via"] == ["Reuters"]
    c = one("The convoy was hit near the border, two officials said, according to AFP.")
    assert c["mention"] == "two officials" and c["via"] == ["AFP"]
    c = one("According to the health ministry, five people died.")
    assert c["mention"] == "the health ministry" and c["via"] == []


def test_statement_issued_by_names_its_author():
    c = one("The talks resumed, according to a joint statement issued by the Norwegian mediators.")
    assert c["mention"] == "the Norwegian mediators"


def test_agency_reporting_relays_the_speakers():
    c = one("Residents of Tarnby said the shops stayed shut, AFP reported.")
    assert (c["mention"], c["kind"], c["via"]) == ("Residents of Tarnby", "anonymous", ["AFP"])


def test_told_a_person_is_not_a_via():
    c = one("Okafor told reporters that the harvest had failed.")
    assert c["via"] == []


# -- unnamed and vague sources --------------------------------------------------------------------
def test_anonymity():
    c = one("A senior police official, speaking on condition of anonymity, said two suspects were held.")
    assert c["kind"] == "anonymous" and c["mention"] == "A senior police official"
    c = one("A source familiar with the inquiry said the fire began in a storeroom.")
    assert c["kind"] == "anonymous" and c["mention"] == "A source familiar with the inquiry"
    c = one("Officials close to the talks said no agreement was near.")
    assert c["kind"] == "anonymous"
    c = one("Two aides speaking on condition of anonymity said the plan was dead.")
    # no comma: the description restricts the noun phrase, so it is part of the mention
    assert (c["kind"], c["mention"], c["role"]) == ("anonymous", "Two aides speaking on condition of anonymity",
                                                    "speaking on condition of anonymity")


def test_the_source_added_is_the_same_unnamed_source():
    a, b = run("A source familiar with the inquiry said the fire began in a storeroom. "
               "The source added that the alarm had been switched off.")
    assert a["id"] == b["id"] and b["mention"] == "The source" and b["cue"] == "added"


def test_vague_reports():
    c = one("Reports say the mayor will resign.")
    assert c["kind"] == "reports" and c["cue"] == "Reports say"
    c = one("The mayor reportedly met party leaders on Sunday.")
    assert c["kind"] == "reports"
    c = one("It was reported that the vote had been delayed.")
    assert c["kind"] == "reports"


def test_registry_sources_resolve_to_canonical_entries():
    c = one("The Justice Department said it would appeal.")
    assert (c["id"], c["kind"]) == ("us-justice-department", "organization")
    c = one("A new Pew Research Center survey shows that most voters want change.")
    assert c["id"] != "unattributed"


# -- coreference ----------------------------------------------------------------------------------
def test_pronoun_resolves_to_the_earlier_speaker():
    a, b = run("Marta Lindqvist said the cranes were idle. She added that the strike would end soon.")
    assert b["id"] == a["id"] and b["mention"] == "She" and b["cue"] == "added"


def test_pronoun_gender_follows_titles():
    claims = run("Mrs. Dalby met Mr. Okafor on Friday. Okafor said the deal was fair. "
                 "Dalby disagreed with him. She said the deal was not fair.")
    she = claims[-1]
    assert she["mention"] == "She" and she["name"] == "Dalby"


def test_surname_and_title_resolve_to_the_full_name():
    a, b, c = run("Governor Alan Brooks warned that the budget was running out. "
                  "Brooks later denied that any programme would be cut. "
                  "The governor said the hospitals were safe.")
    assert a["id"] == b["id"] == c["id"]
    assert a["name"] == "Alan Brooks" and a["role"] == "Governor"


def test_later_full_name_upgrades_a_surname_source():
    a, b = run('Lindqvist said so. "Fine," said Marta Lindqvist.')
    assert a["id"] == b["id"] and b["name"] == "Marta Lindqvist"


def test_relative_pronoun_resolves_to_its_antecedent():
    claims = run("The ministry blamed the storm, which said nothing. "
                 "The harbour was closed by Okafor, who said the storm had passed.")
    assert claims[-1]["name"] == "Okafor" and claims[-1]["mention"] == "who"


# -- several attributions, quotations ---------------------------------------------------------------
def test_two_attributions_in_one_sentence_make_two_claims():
    a, b = run("The mayor said the road will reopen, but police said it would stay closed.")
    assert a["text"] == "the road will reopen"  # the claim is the reported content
    assert b["text"] == "it would stay closed."
    assert a["mention"] == "The mayor" and b["mention"] == "police" and a["id"] != b["id"]


def test_nested_report_stays_with_the_outer_speaker():
    c = one("Okafor said the farmers believe the dam will fail.")
    assert c["name"] == "Okafor"


def test_quotation_over_several_sentences_keeps_its_speaker():
    claims = run('"We are ready. The trucks leave tomorrow," Lindqvist said. "Nobody will wait."')
    assert [c["name"] for c in claims] == ["Lindqvist", "Lindqvist"]
    assert all(c["mode"] == "direct" for c in claims)
    claims = run('"The fields are dry." "We need rain," the farmer said.')
    assert [c["mention"] for c in claims] == ["the farmer", "the farmer"]


def test_paragraph_after_a_colon_belongs_to_the_speaker():
    claims = run("The governor continued:\n\n\"We will not give up. The region deserves better.\"")
    assert len(claims) == 1 and claims[0]["kind"] != "unattributed"
    assert claims[0]["text"].endswith('better."')


def test_quotation_signed_with_a_dash():
    claims = run("“The schools deserve more money.” ― Ana Ruiz\n\nThe vote is next week.")
    assert claims[0]["name"] == "Ana Ruiz" and claims[0]["text"].startswith("“The schools")


def test_unbalanced_quotation_does_not_swallow_the_article():
    text = 'Okafor said "the dam is old.\n\nThe ferry left at noon. The weather was calm.'
    claims = run(text)
    assert [c["kind"] for c in claims[-2:]] == ["unattributed", "unattributed"]


def test_narration_is_unattributed():
    c = one("The ferry left the harbour at noon.")
    assert (c["kind"], c["mention"], c["cue"], c["mode"]) == ("unattributed", None, None, "none")


def test_nouns_that_look_like_verbs_are_not_cues():
    for text in ("The agency will review its home state rules.", "A government plan was leaked.",
                 "The group showed up late.", "Eighteen states joined the lawsuit."):
        assert one(text)["kind"] == "unattributed", text


# -- segmentation helpers -------------------------------------------------------------------------
def test_abbreviations_do_not_end_sentences():
    text = "Sen. Ruiz met U.S. officials at 9 a.m. on Jan. 4 with Gov. Brooks. They said nothing."
    assert len(segment(text, "en")) == 2
    claims = run(text)
    assert claims[-1]["mention"] == "They"


def test_speaker_tail_after_a_question_stays_with_its_quotation():
    c = one('"Why now?" Okafor asked.')
    assert c["name"] == "Okafor" and c["mode"] == "direct"


def test_party_label_in_parentheses():
    c = one("Rep. Ana Ruiz (D-Wis.) said the bill was dead.")
    assert c["name"] == "Ana Ruiz"


# -- data files -----------------------------------------------------------------------------------
def test_lexicon_shape():
    lex = load_lexicon("en")
    for key in ("abbreviations", "cue_verbs", "report_phrases", "anonymity_phrases", "titles"):
        assert lex[key], key
    for lemma, info in lex["cue_verbs"].items():
        assert info["forms"][0] == lemma and info["class"]
    assert {"U.S.", "Gen.", "Mr.", "a.m.", "Sept."} <= set(lex["abbreviations"])


def test_registry_en_loads_without_clashing_ids():
    from pathlib import Path

    import factcheck.sources.registry as reg

    data = json.loads((Path(reg.DATA_DIR) / "registry_en.json").read_text(encoding="utf-8"))
    ids = [s["id"] for s in data["sources"]]
    assert len(ids) == len(set(ids))
    registry = load_registry()  # raises on duplicate ids or unknown parents
    assert registry.get("epa").kind == "organization"
    assert registry.get("breitbart").kind == "agency"
    assert "united-states" in registry.family("irs")


# -- robustness -----------------------------------------------------------------------------------
def test_garbage_never_crashes():
    texts = [
        "", " \n\n ", "\x00\x07\x1b said", "\u202eHe said\u202c it was fine. \u2066She told AFP\u2069 so.",
        '"' * 500 + " he said", "said " * 3000, "X, " * 3000 + "said Y.", "-- " * 2000 + "said",
        "قال المتحدث he said that officials told Reuters. " * 20,
    ]
    for text in texts:
        run(text)


def test_long_text_without_punctuation():
    words = "the official said he told Reuters that officials said according to a spokesman who added".split()
    text = " ".join(words[i % len(words)] for i in range(40000))
    claims = run(text)
    assert claims and claims[0]["mention"] == "the official"


# -- rules added for PolNeAR-style coverage (invented sentences) ---------------------------------
def test_named_outlet_reports_that_is_a_verb_not_vague_reports():
    c = one("The Harbor Gazette reports that the ferry company lost its licence.")
    assert (c["kind"], c["mention"], c["cue"]) == ("agency", "The Harbor Gazette", "reports")
    c = one("There are reports that the ferry company lost its licence.")
    assert c["kind"] == "reports"


def test_closing_report_by_a_named_outlet():
    c = one("Ticket prices doubled over the summer, the Harbor Gazette reports.")
    assert (c["mention"], c["cue"]) == ("the Harbor Gazette", "reports")
    assert one("Nobody read the reports.")["kind"] == "unattributed"


def test_plural_inside_an_of_phrase_does_not_hide_the_verb():
    c = one("Bus use fell, a Northfield analysis of newly released county figures shows.")
    assert c["cue"] == "shows" and c["mention"].startswith("a Northfield analysis")


def test_relative_pronoun_before_a_noun_like_cue():
    claims = run("The audit, which notes that two depots were empty, was published Monday.")
    assert any(c["mention"] == "which" and c["cue"] == "notes" for c in claims)


def test_participle_after_by():
    c = one("Mayor Oduya opened the hearing and began by saying the budget was balanced.")
    assert (c["mention"], c["cue"]) == ("Mayor Oduya", "saying")


@pytest.mark.parametrize("verb", ["discussed", "linked", "encouraged", "downplayed", "exaggerated", "sidestepped"])
def test_more_evaluative_and_speech_verbs(verb):
    c = one(f"Councillor Amara Velt {verb} the flooding risk in her speech.")
    assert (c["mention"], c["cue"]) == ("Councillor Amara Velt", verb)


def test_evidence_verb_with_a_clause_takes_any_noun_subject():
    c = one("The second slide shows that most ferries run late.")
    assert (c["mention"], c["cue"]) == ("The second slide", "shows")
    assert one("The second chart was late.")["kind"] == "unattributed"
    assert one("The two taped an hourly show that aired on Thursday.")["kind"] == "unattributed"


def test_name_before_a_participle_of_saying():
    c = one('The clip ends with footage of Dana Pruitt saying, "We will rebuild the pier."')
    assert (c["mention"], c["cue"]) == ("Dana Pruitt", "saying")
    c = one("Pruitt unveiled the plan late Friday saying the pier would reopen.")
    assert c["mention"] == "Pruitt"


def test_released_a_letter_is_a_light_verb_cue():
    c = one("The senator released a letter from her physician on Tuesday.")
    assert (c["mention"], c["cue"]) == ("The senator", "released a letter")


def test_compare_is_a_cue_but_compared_with_is_not():
    c = one("Senator Ilse Varga compared the new tariff to a tax on bread.")
    assert (c["mention"], c["cue"]) == ("Senator Ilse Varga", "compared")
    assert one("Fares rose 4 percent, compared with 2 percent a year earlier.")["kind"] == "unattributed"


def test_time_word_between_verb_and_its_particle():
    c = one("A county panel voted Tuesday to close the landfill.")
    assert (c["mention"], c["cue"]) == ("A county panel", "voted Tuesday to")
    assert one("The county panel voted Tuesday.")["kind"] == "unattributed"


def test_as_someone_put_it():
    c = one('"It is a slow squeeze," as the deputy mayor put it.')
    assert (c["mention"], c["cue"]) == ("the deputy mayor", "put it")
    assert one("The deputy mayor put it on the table.")["kind"] == "unattributed"


def test_case_name_v_does_not_end_the_sentence():
    claims = run("The judge cited Marsh v. Ellery County in her ruling. The clerk left.")
    assert [c["text"] for c in claims] == ["Marsh v. Ellery County in her ruling.", "The clerk left."]
    assert claims[0]["mention"] == "The judge"


def test_transcript_label_covers_its_paragraph():
    claims = run("HOST: Welcome back. Is the ferry budget balanced?\n\n"
                 "GUEST: It is not. The deficit grew.\n\nThe show ended.")
    assert [c["mention"] for c in claims] == ["HOST", "HOST", "GUEST", "GUEST", None]


def test_editorial_labels_are_not_speakers():
    for text in ("Opening paragraph of the story.\n\nCORRECTION: An earlier version gave the wrong date.",
                 "UPDATE: The ferry resumed service on Monday."):
        assert all(c["kind"] == "unattributed" for c in run(text)), text


def test_stance_adjective_with_a_bare_clause():
    c = one("Many growers are convinced the new dam will fail.")
    assert (c["mention"], c["cue"]) == ("Many growers", "are convinced")
    assert one("The new dam is convinced.")["kind"] == "unattributed"


def test_a_cue_closing_a_but_clause_does_not_take_the_clause_before():
    claims = run("They noted that the lawyer offered a deal, but Chaffee declined.")
    assert [c["mention"] for c in claims] == ["They", "Chaffee"]
    assert claims[0]["text"] == "the lawyer offered a deal"


@pytest.mark.parametrize("verb", ["discuss", "describe", "comment on"])
def test_the_reason_for_anonymity_is_not_an_attribution(verb):
    # The wire formula's "because they were not authorised to <verb> ..." names no speaker.
    claim = one(
        "Three engineers at the plant, speaking on condition of anonymity because they were not "
        f"authorised to {verb} the inspection publicly, said the pumps had failed twice in March."
    )
    assert claim["kind"] == "anonymous" and claim["mention"] == "Three engineers at the plant", claim


@pytest.mark.parametrize("tail", [
    "did not respond to a request for comment.",
    "has not replied to several requests for comment on Friday.",
    "did not return messages seeking comment.",
])
def test_not_answering_a_request_for_comment_is_narration(tail):
    claims = run(f"The water authority {tail}")
    assert [c["kind"] for c in claims] == ["unattributed"], claims


def test_responding_with_words_is_still_an_attribution():
    claim = one("The water authority responded that the pipes had been inspected in May.")
    assert claim["mention"] == "The water authority" and claim["cue"].startswith("responded")
