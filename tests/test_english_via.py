"""English conduits (via chains), view frames and quotations with doubled apostrophes.

Every example sentence here is invented for these tests.
"""

from __future__ import annotations

import pytest

from tests.test_english import one, run


@pytest.mark.parametrize("text, source, via", [
    ("The harbour will reopen, the minister told the BBC.", "minister", ["BBC"]),
    ("The harbour will reopen, the minister said in remarks carried by state media.", "minister", ["state media"]),
    ("The harbour will reopen, the ministry said in a statement quoted by Tass.", "ministry", ["TASS"]),
    ("The harbour will reopen, the minister said, according to KCNA.", "minister", ["KCNA"]),
    ("The ministry said the harbour will reopen, Xinhua reported.", "ministry", ["Xinhua"]),
    ("The harbour will reopen, two sources told Reuters.", "sources", ["Reuters"]),
])
def test_conduits_after_the_cue(text, source, via):
    c = one(text)
    assert c["name"] == source and c["via"] == via
    assert c["text"].lower().startswith("the harbour will reopen") and "said" not in c["text"] \
        and "told" not in c["text"] and "according" not in c["text"]


def test_a_statement_carried_by_an_agency_is_relayed_not_authored():
    c = one("The harbour will reopen, according to a statement carried by KCNA.")
    assert (c["mention"], c["via"], c["text"]) == ("a statement", ["KCNA"], "The harbour will reopen")
    c = one("According to a statement carried by the state news agency SANA, the harbour will reopen.")
    assert c["via"] == ["SANA"] and c["text"] == "the harbour will reopen."
    c = one("According to a statement issued by the port authority, the harbour will reopen.")
    assert c["mention"] == "the port authority" and c["via"] == []  # "issued by" names the author


def test_a_person_told_is_not_a_conduit_and_the_dateline_outlet_is_never_one():
    assert one("The minister told the crowd that the harbour would reopen.")["via"] == []
    c = one("OSLO (Reuters) - The minister said the harbour would reopen.")
    assert c["via"] == [] and c["name"] == "minister"


def test_that_after_a_statement_adjunct_opens_the_content():
    c = one("The ministry said in a statement on its website that the harbour will reopen.")
    assert c["text"] == "the harbour will reopen."


@pytest.mark.parametrize("text, name, content", [
    ("In Dana Holt's view, the tunnel was a mistake.", "Dana Holt", "the tunnel was a mistake."),
    ("The tunnel was a mistake, in Dana Holt's view.", "Dana Holt", "The tunnel was a mistake"),
    ("In the view of many engineers, the tunnel was a mistake.", "engineers", "the tunnel was a mistake."),
    ("In the words of one planner, the tunnel was a mistake.", "planner", "the tunnel was a mistake."),
])
def test_view_frames(text, name, content):
    c = one(text)
    assert (c["name"], c["text"]) == (name, content)


def test_a_speaker_after_a_question_in_doubled_apostrophes():
    a, b = run("''Can we win the county?'' Mr. Ward asked. ''I do not know.''")
    assert (a["name"], a["text"], a["mode"]) == ("Ward", "''Can we win the county?''", "direct")
    assert b["name"] == "Ward"


def test_a_speaker_relayed_by_an_agency_keeps_the_conduit_in_later_claims():
    a, b, c = run("The minister told Reuters that the harbour would reopen. The minister added that ferries "
                  "would resume. The mayor said the plan was sound.")
    assert a["via"] == ["Reuters"] and b["via"] == ["Reuters"] and b["name"] == a["name"]
    assert c["via"] == []  # another speaker, not relayed


def test_a_statement_published_by_an_agency_is_relayed_but_a_study_published_by_an_institute_is_authored():
    assert one("The embassy said in a statement published by WAFA that it was working with the police.")["via"] \
        == ["WAFA"]
    c = one("A study published by the Harbor Institute found that tolls cut traffic.")
    assert c["via"] == [] and c["name"] == "Harbor Institute"


def test_the_publishing_outlet_in_the_dateline_is_never_a_conduit():
    a, b = run("OSLO (Reuters) - The minister told Reuters that the harbour would reopen. "
               "The port chief told the BBC it was safe.")
    assert a["via"] == [] and a["name"] == "minister"
    assert b["via"] == ["BBC"]


def test_a_bare_closing_cue_nested_in_a_report_stays_with_the_outer_speaker():
    claims = run("The mayor spoke first. He said the minister agreed.")
    assert claims[1]["mention"] == "He" and claims[1]["text"] == "the minister agreed."
    claims = run("The plan failed, the minister agreed.")
    assert claims[0]["name"] == "minister" and claims[0]["text"] == "The plan failed"


@pytest.mark.parametrize("text, mention, content", [
    ("The ad ran twice, according to Brian Cole, an analyst at Harbor Research.",
     "Brian Cole, an analyst at Harbor Research", "The ad ran twice"),
    ("The ad ran twice, according to a count by the Harbor Times.", "a count by the Harbor Times",
     "The ad ran twice"),
    ("According to an analysis of state data by Harbor Research, the ad ran twice.",
     "an analysis of state data by Harbor Research", "the ad ran twice."),
])
def test_according_to_takes_the_whole_noun_phrase(text, mention, content):
    c = one(text)
    assert (c["mention"], c["text"]) == (mention, content)


def test_according_to_a_speaker_who_said_more_is_not_a_description():
    claims = run("The ad ran twice, according to Brian Cole, who said it was costly.")
    assert claims[0]["mention"] == "Brian Cole"


# -- wire copy: relayed quotations, citing, coordinated conduits, kinds ----------------------------
@pytest.mark.parametrize("text, name, kind, via", [
    ("The Interfax news agency quoted Deputy Minister Pavel Orlov as saying the pipeline was safe.",
     "Pavel Orlov", "person", ["Interfax"]),
    ("Tass cited a source close to the talks as saying the pipeline was safe.", "source", "anonymous", ["TASS"]),
    ("The deputy minister was quoted by Tass as saying the pipeline was safe.", "deputy minister", "person", ["TASS"]),
])
def test_x_quoted_y_as_saying_gives_y_via_x(text, name, kind, via):
    c = one(text)
    assert name in c["name"] and c["kind"] == kind and c["via"] == via
    assert c["text"] == "the pipeline was safe."


def test_quoted_without_as_saying_stays_the_quoter():
    c = one("The magazine quoted the old report in full.")
    assert c["via"] == [] or c["name"] != "report"


@pytest.mark.parametrize("text, content", [
    ("Xinhua, citing local officials, said the dam had held.", "the dam had held."),
    ("The dam had held, Xinhua said, citing local officials.", "The dam had held"),
    ("The dam had held, the Associated Press reported, citing two officials.", "The dam had held"),
])
def test_an_agency_citing_a_source_is_its_conduit(text, content):
    c = one(text)
    assert c["kind"] == "anonymous" and "officials" in c["name"] and len(c["via"]) == 1 and c["text"] == content


def test_citing_a_reason_is_not_a_source():
    c = one("The mayor cancelled the parade, citing concerns about the weather.")
    assert c["name"] != "concerns" and c["via"] == []


def test_coordinated_conduits_in_order():
    c = one("The dam had held, a senior official told Reuters and AFP.")
    assert c["via"] == ["Reuters", "AFP"] and c["kind"] == "anonymous"
    c = one("The dam had held, a senior official told Reuters and his family.")
    assert c["via"] == ["Reuters"]


def test_an_agency_correspondent_is_a_person_via_the_agency():
    c = one("The dam had held, an AFP correspondent said.")
    assert (c["kind"], c["via"]) == ("person", ["AFP"])
    c = one("The dam had held, a local correspondent said.")
    assert (c["kind"], c["via"]) == ("person", [])


@pytest.mark.parametrize("text, kind", [
    ("Officials said the dam had held.", "anonymous"),
    ("Witnesses said the dam had held.", "anonymous"),
    ("Residents said the dam had held.", "anonymous"),
    ("Saudi state television said the dam had held.", "agency"),
    ("A spokesman for the ministry said the dam had held.", "person"),
    ("Republicans said the dam had held.", "organization"),
])
def test_wire_kinds(text, kind):
    assert one(text)["kind"] == kind


def test_a_television_show_is_not_a_speaker():
    c = one("Speaking on a television show last week, Tom Vance said the album was finished.")
    assert c["name"] == "Tom Vance"


@pytest.mark.parametrize("text, via", [
    ("In an interview with the BBC, the minister said the dam had held.", ["BBC"]),
    ("Speaking to Reuters, the minister said the dam had held.", ["Reuters"]),
    ("Asked by AFP about the flood, the minister said the dam had held.", ["AFP"]),
    ("Speaking to reporters, the minister said the dam had held.", []),
    ("Speaking to Mr. Hale, the minister said the dam had held.", []),
    ("The king told state television that the dam had held.", ["state television"]),
    ("The king told the crowd that the dam had held.", []),
])
def test_the_outlet_a_speaker_spoke_to_is_a_conduit(text, via):
    c = one(text)
    assert c["via"] == via and c["kind"] == "person"


def test_royal_and_religious_titles_are_people_and_a_numbered_channel_an_agency():
    assert one("The emir said the dam had held.")["kind"] == "person"
    assert one("The dam had held, according to Israel's Channel 12.")["kind"] == "agency"
    assert one("The dam had held, a Reuters witness said.")["via"] == ["Reuters"]
    c = one("The dam had held, local media reported, citing police.")
    assert c["via"] == ["local media"] and c["name"] == "police"


def test_a_dated_dateline_names_the_publisher_and_stays_out_of_the_claim():
    text = "Flood closes port\n\nOSLO, May 3 (Reuters) - The port will stay shut, two officials told Reuters.\n"
    c = [x for x in run(text) if x["kind"] != "unattributed"][-1]
    assert c["via"] == [] and c["text"] == "The port will stay shut"
    text = "Flood closes port\n\nOSLO, May 3 (AFP) - The port will stay shut, two officials told Reuters.\n"
    assert [x for x in run(text) if x["kind"] != "unattributed"][-1]["via"] == ["Reuters"]


def test_an_outlet_citing_a_body_or_a_named_paper_citing_sources():
    c = one("The Harbour Times, citing the ministry, said the port would reopen.")
    assert c["name"] == "ministry" and c["via"] == ["Harbour Times"]
    c = one("Novaya Vesti reported, citing sources in the mayor's office, that the port would reopen.")
    assert c["kind"] == "anonymous" and c["via"] == ["Novaya Vesti"] and c["text"] == "the port would reopen."
    c = one("Jane Roe said, citing the ministry, that the port would reopen.")
    assert c["name"] == "Jane Roe"  # a person citing a body stays the speaker


def test_an_outlet_reporting_a_non_speech_clause_keeps_its_report():
    claims = [c for c in run("The Harbour Times reported on Tuesday that the port was considering a toll. "
                             "The newspaper said two people familiar with the plan had confirmed it.")
              if c["kind"] != "unattributed"]
    assert [(c["name"], c["kind"], c["via"]) for c in claims] == [("Harbour Times", "agency", [])] * 2
    assert claims[0]["text"] == "the port was considering a toll."


def test_a_description_in_the_content_does_not_make_the_speaker_anonymous():
    assert one("The mayor said two people familiar with the plan had confirmed it.")["kind"] == "person"
    assert one("Two people familiar with the plan said it was confirmed.")["kind"] == "anonymous"
    assert one("The plan was confirmed, an official told Reuters on condition of anonymity.")["kind"] == "anonymous"


def test_a_closing_told_with_its_conduit_then_adding_gives_two_claims():
    a, b = run('"The dam will hold," a senior official told Reuters, adding that the river was falling.')
    assert (a["text"], a["via"]) == ('"The dam will hold,"', ["Reuters"])
    assert (b["text"], b["via"]) == ("the river was falling.", ["Reuters"])
    assert one("A senior official told Reuters the dam would hold.")["text"] == "the dam would hold."


@pytest.mark.parametrize("text, content, via", [
    ("The minister said the dam would hold, in an interview with the BBC.", "the dam would hold", ["BBC"]),
    ("The dam would hold, the minister said, speaking to Reuters.", "The dam would hold", ["Reuters"]),
    ("The dam would hold, the minister said, speaking to reporters.", "The dam would hold", []),
    ("The dam would hold, the minister said, speaking to AFP by phone.", "The dam would hold", ["AFP"]),
    ("The minister said the dam would hold, in an interview with Mr. Hale.",
     "the dam would hold, in an interview with Mr. Hale.", []),
])
def test_a_closing_phrase_naming_the_outlet_spoken_to(text, content, via):
    c = one(text)
    assert (c["text"], c["via"], c["name"]) == (content, via, "minister")
