"""English source mentions as the sentence names them: the noun phrase's own edges.

Every example sentence here is invented for these tests.
"""

from __future__ import annotations

import pytest

from tests.test_english import one, run


@pytest.mark.parametrize("text, mention", [
    ("More than half of the farmers said the harvest was poor.", "More than half of the farmers"),
    ("Fewer than 10 percent of riders said the trams were late.", "Fewer than 10 percent of riders"),
    ("At least three engineers said the bridge was unsafe.", "At least three engineers"),
    ("The most recent survey showed that fares were rising.", "The most recent survey"),
    ("The other witness, a baker named Tom Ash, said the van was blue.", "The other witness, a baker named Tom Ash"),
])
def test_quantifier_and_determiner_start_the_mention(text, mention):
    assert one(text)["mention"] == mention


def test_party_label_in_parentheses_is_part_of_the_mention():
    c = one("Sen. Clara Voss (D-Ore.) said the dam would be rebuilt.")
    assert (c["name"], c["mention"]) == ("Clara Voss", "Sen. Clara Voss (D-Ore.)")
    c = one("Clara Voss (the mayor's sister) said the dam would be rebuilt.")
    assert c["mention"] == "Clara Voss"  # an aside in parentheses, not a party label


def test_a_study_by_an_author_is_the_source():
    c = one("A study by the Harbor Institute found that tolls cut traffic.")
    assert c["mention"] == "A study by the Harbor Institute" and c["text"] == "tolls cut traffic."
    c = one("A survey released by Larkspur Research shows that fares are rising.")
    assert c["mention"] == "A survey released by Larkspur Research"
    c = one("The mill was bought by Dan Reyes and he said it would reopen.")
    assert c["mention"] == "he"  # "by" after a plain noun does not make a medium


def test_the_time_of_a_poll_after_its_participle():
    c = one("A poll released Sunday showed that Voss leads the race.")
    assert c["mention"] == "A poll released Sunday"
    c = one("A poll conducted last week found that most voters were undecided.")
    assert c["mention"] == "A poll conducted last week"


@pytest.mark.parametrize("text, mention", [
    ("Two people briefed on the talks said the deal was close.", "Two people briefed on the talks"),
    ("A senior official who spoke on condition of anonymity said the deal was close.",
     "A senior official who spoke on condition of anonymity"),
    ("The deal was close, said a senior official who spoke on condition of anonymity.",
     "a senior official who spoke on condition of anonymity"),
    ("The deal was close, according to three people familiar with the talks.",
     "three people familiar with the talks"),
])
def test_restrictive_anonymity_description_is_part_of_the_mention(text, mention):
    c = one(text)
    assert (c["kind"], c["mention"]) == ("anonymous", mention)
    assert c["text"].startswith("the deal") or c["text"].startswith("The deal was close")
    assert "said" not in c["text"] and "according" not in c["text"]


def test_a_comma_keeps_the_anonymity_description_out_of_the_mention():
    c = one("Officials, speaking on condition of anonymity, said the deal was close.")
    assert (c["kind"], c["mention"]) == ("anonymous", "Officials")


def test_briefed_after_a_noun_is_not_a_cue_but_after_a_name_the_source_is_named():
    c = one("Three staffers briefed on the plan said it would be delayed.")
    assert c["cue"] == "said" and c["kind"] == "anonymous"
    c = one("Ana Ruiz was briefed on the plan and said it would be delayed.")
    assert (c["kind"], c["name"]) == ("person", "Ana Ruiz")
    claims = run("Ana Ruiz briefed reporters on the plan on Tuesday.")
    assert claims[0]["cue"] == "briefed"


# -- a report in a relative clause ----------------------------------------------------------------
def test_a_who_said_clause_is_its_own_claim_and_the_main_clause_keeps_its_cue():
    a, b = run("Lena Park, who said last month that the dam was unsafe, apologized for the delay.")
    assert (a["mention"], a["cue"], a["text"]) == ("who", "said", "the dam was unsafe")
    assert a["name"] == "Lena Park"
    assert (b["mention"], b["cue"], b["text"]) == ("Lena Park", "apologized", "apologized for the delay.")


def test_a_who_said_clause_before_another_report():
    a, b = run("Lena Park, who has said the dam was unsafe, told reporters on Monday that repairs would begin.")
    assert (a["mention"], a["text"]) == ("who", "the dam was unsafe")
    assert (b["mention"], b["cue"]) == ("Lena Park", "told")
    assert "repairs would begin" in b["text"] and "unsafe" not in b["text"]


def test_a_relative_clause_without_a_reported_clause_does_not_split():
    claims = run("Lena Park, who declared victory on Tuesday, said the count was fair.")
    assert [(c["mention"], c["text"]) for c in claims] == [("Lena Park", "the count was fair.")]
    claims = run("Two engineers, who asked not to be named, said the plant was closed.")
    assert [(c["kind"], c["mention"]) for c in claims] == [("anonymous", "Two engineers")]


# -- the description after an inverted speaker ----------------------------------------------------
@pytest.mark.parametrize("text, mention", [
    ("The ferry was late, said Sara Vance, 44, a nurse from Ashton who rides it daily.",
     "Sara Vance, 44, a nurse from Ashton who rides it daily"),
    ("The ferry was late, said Sara Vance, a nurse from Ashton, Md., who rides it daily.",
     "Sara Vance, a nurse from Ashton, Md., who rides it daily"),
    ("The ferry was late, said Sara Vance, senior counsel at the Harbor Center.",
     "Sara Vance, senior counsel at the Harbor Center"),
    ('"The ferry was late," said Sara Vance, 44.', "Sara Vance, 44"),
])
def test_an_inverted_speaker_takes_its_description_to_the_sentence_end(text, mention):
    c = one(text)
    assert c["mention"] == mention and "said" not in c["text"]


def test_an_aside_or_a_further_report_after_an_inverted_speaker_is_not_its_description():
    c = one("The ferry was late, said Sara Vance, however.")
    assert (c["mention"], c["text"]) == ("Sara Vance", "The ferry was late")
    a, b = run("The ferry was late, said Sara Vance, the harbor master, adding that it often is.")
    assert a["mention"] == b["mention"] == "Sara Vance, the harbor master"
    assert (a["text"], b["text"]) == ("The ferry was late", "it often is.")
