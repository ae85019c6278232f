"""English frames around a clause: 'As X reported, ...', reduced relatives ('a group backing X'),
bare quantifier subjects.

Every example sentence here is invented for these tests.
"""

from __future__ import annotations

import pytest

from tests.test_english import one, run


@pytest.mark.parametrize("text, name, content", [
    ("As the Courier reported, the mayor was refusing to resign.", "Courier", "the mayor was refusing to resign."),
    ("As Nell Ortiz noted on Monday, the ferry was late.", "Nell Ortiz", "the ferry was late."),
    ("The ferry was late, as Nell Ortiz noted.", "Nell Ortiz", "The ferry was late"),
])
def test_an_as_clause_with_a_reporting_verb_frames_the_clause(text, name, content):
    c = one(text)
    assert (c["name"], c["text"], c["via"]) == (name, content, [])


def test_an_as_clause_with_an_object_is_not_a_frame():
    claims = run("As Nell Ortiz noted the delay, the crowd left.")
    assert claims[0]["name"] == "Nell Ortiz" and claims[0]["text"] != "the crowd left."


@pytest.mark.parametrize("text, mention, cue", [
    ("A super PAC supporting Mrs. Ortiz may start running ads.", "A super PAC", "supporting"),
    ("Donors gave 3 million dollars to a group backing Mr. Ortiz.", "a group", "backing"),
    ("Pastors opposing the plan met on Sunday.", "Pastors", "opposing"),
])
def test_a_stance_participle_after_a_group_is_its_attitude(text, mention, cue):
    claims = [c for c in run(text) if c["kind"] != "unattributed"]
    assert [(c["mention"], c["cue"]) for c in claims] == [(mention, cue)]


@pytest.mark.parametrize("text", [
    "A firm offering loans opened in the spring.",
    "A bill supporting farmers passed the Senate.",
    "He came back on Monday.",
    "In Dana Holt's absence, the tunnel was closed.",  # not a view frame
    "They had tears in their eyes at the opening.",
    "In his account of the trip, the tunnel is a footnote.",
])
def test_plain_participles_particles_and_other_in_phrases_are_not_attributions(text):
    assert all(c["kind"] == "unattributed" for c in run(text))


def test_a_bare_quantifier_subject_holds_a_belief():
    c = one("Many fear the ferry will be cancelled.")
    assert (c["mention"], c["cue"], c["text"]) == ("Many", "fear", "the ferry will be cancelled.")
    c = one("The union backed Nell Ortiz in the primary.")
    assert (c["mention"], c["cue"]) == ("The union", "backed")


def test_a_poll_opening_the_sentence_reports_the_counted_stances():
    c = one("In a poll released Monday, 61 percent of riders backed the new timetable.")
    assert c["mention"] == "a poll" and c["text"] == "61 percent of riders backed the new timetable."
    claims = run("In a poll released Monday, the mayor said the timetable was popular.")
    assert [c["name"] for c in claims if c["kind"] != "unattributed"] == ["mayor"]  # a named speaker leads


@pytest.mark.parametrize("text, name, content", [
    ("Speaking on a radio show last week, Tom Vance said the album was finished.", "Tom Vance",
     "the album was finished."),
    ("Asked on Monday whether he would run, Mr. Vance shook his head and said no.", "Vance", "no."),
    ("Like other club owners who expect a boom, Mr. Vance said he was building a pool.", "Vance", None),
    ("TAMPA, Fla. (Reuters) - Mayor Vance toured the harbor on Thursday and said the storm was severe.",
     "Vance", "the storm was severe."),
])
def test_an_opening_participle_clause_or_dateline_is_not_the_speaker(text, name, content):
    claims = [c for c in run(text) if c["kind"] != "unattributed"]
    assert claims[-1]["name"] == name
    if content is not None:
        assert claims[-1]["text"] == content


def test_kinds_of_groups_and_firms():
    assert one("The union backed Nell Ortiz in the primary.")["kind"] == "organization"
    assert one("Harbor Research found that the ad ran twice.")["kind"] == "organization"
    assert one("Brian Cole said the ad ran twice.")["kind"] == "person"


@pytest.mark.parametrize("text, name", [
    ('The debate went on.\n\nOrtiz: "The tunnel will open in May."', "Ortiz"),
    ('The debate went on.\n\n- Nell Ortiz: "The tunnel will open in May."', "Nell Ortiz"),
])
def test_a_name_colon_quotation_paragraph_is_a_speaker_label(text, name):
    c = run(text)[-1]
    assert (c["name"], c["mode"], c["text"]) == (name, "direct", '"The tunnel will open in May."')


@pytest.mark.parametrize("text", ['Note: "quoted" words are rare.', 'UPDATE: "The tunnel opened."',
                                  'The Tunnel Opens: "A Long Wait" Ends.'])
def test_editorial_labels_and_titles_are_not_speakers(text):
    assert all(c["kind"] == "unattributed" for c in run(text))


@pytest.mark.parametrize("text, first", [
    ("The ferry was late, a harbor official said, adding that the pier was closed.", "The ferry was late"),
    ('"The ferry is late," Nell Ortiz said, noting that the pier was closed.', '"The ferry is late,"'),
])
def test_a_closing_cue_and_its_adding_participle_make_two_claims(text, first):
    a, b = run(text)
    assert a["name"] == b["name"] and (a["text"], b["text"]) == (first, "the pier was closed.")
    assert b["cue"] in ("adding", "noting")


def test_an_adding_participle_after_a_that_clause_stays_in_it():
    claims = run("Nell Ortiz said the ferry was late, adding that the pier was closed.")
    assert [c["text"] for c in claims] == ["the ferry was late, adding that the pier was closed."]
