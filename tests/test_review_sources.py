"""Sources for reviewers (list, grade, rename, merge) and attribution overrides."""

from __future__ import annotations

import pytest
from test_review_support import add_article, add_source

from factcheck.errors import InputError, StaleWriteError
from factcheck.review import history, links, workflow
from factcheck.review.attribution import clear_override, effective_attribution, override_attribution
from factcheck.review.sources import grade_source, list_sources, merge_sources, rename_source


@pytest.fixture
def claims(db):
    add_source(db, "health-ministry", "Health Ministry")
    add_source(db, "minister", "Health Minister", kind="person", parent="health-ministry")
    add_source(db, "clinic-staff", "Clinic staff", kind="anonymous")
    add_source(db, "clinic-workers", "Clinic workers", kind="anonymous")
    _, ids = add_article(db, [
        {"text": "Forty patients were treated on Monday.", "source": "minister", "kind": "person"},
        {"text": "The clinic ran out of insulin.", "source": "clinic-staff", "kind": "anonymous"},
        {"text": "Forty patients came in.", "source": "health-ministry"},
        {"text": "Insulin ran out.", "source": "clinic-workers", "kind": "anonymous"},
    ])
    return ids


def _by_name(rows):
    return {r["name"]: r for r in rows}


def test_list_sources_counts_verdicts_and_family(db, claims):
    workflow.set_verdict(db, claims[0], "corroborated", reviewer="sara")
    workflow.set_verdict(db, claims[2], "false", reviewer="sara")
    links.add_link(db, claims[0], claims[2], "corroborates", reviewer="sara")
    rows = _by_name(list_sources(db))
    minister = rows["Health Minister"]
    assert (minister["claims"], minister["verdicts"], minister["family_root"], minister["parent"]) == (
        1, {"corroborated": 1}, "Health Ministry", "Health Ministry")
    assert minister["warnings"] == 1  # corroborated only by its own ministry
    assert rows["Health Ministry"]["verdicts"] == {"false": 1}
    assert rows["Clinic staff"]["verdicts"] == {None: 1}
    assert rows["Clinic staff"]["warnings"] == 0
    assert minister["grade"] == "F" and minister["grade_label"] == "reliability cannot be judged"


def test_grade_and_rename(db, claims):
    with pytest.raises(InputError, match="A, B, C, D, E, F"):
        grade_source(db, "Clinic staff", "G", reviewer="sara")
    row = grade_source(db, "clinic staff", "b", reviewer="sara")
    assert (row["grade"], row["version"]) == ("B", 2)
    with pytest.raises(StaleWriteError, match="source 'Clinic staff' .* was changed by sara"):
        grade_source(db, "Clinic staff", "C", reviewer="omar", expected_version=1)
    rename_source(db, "Clinic staff", "Clinic nurses", reviewer="sara")
    assert effective_attribution(db, claims[1])["name"] == "Clinic nurses"
    with pytest.raises(InputError, match="already named"):
        rename_source(db, "Clinic workers", "Clinic nurses", reviewer="sara")
    history.undo_last(db, reviewer="sara")
    assert effective_attribution(db, claims[1])["name"] == "Clinic staff"
    with pytest.raises(InputError, match="no source"):
        grade_source(db, "Nobody at all here", "A", reviewer="sara")


def test_merge_folds_claims_and_aliases_and_can_be_undone(db, claims):
    merge_sources(db, "Clinic workers", "Clinic staff", reviewer="sara")
    rows = _by_name(list_sources(db))
    assert "Clinic workers" not in rows
    staff = rows["Clinic staff"]
    assert (staff["claims"], staff["merged"]) == (2, ["Clinic workers"])
    assert "Clinic workers" in staff["aliases"]
    assert effective_attribution(db, claims[3])["name"] == "Clinic staff"
    # the extracted record is untouched
    extracted = db.execute("SELECT s.key FROM attributions a JOIN sources s ON s.id = a.source_id"
                           " WHERE a.claim_id = ?", [claims[3]]).fetchone()[0]
    assert extracted == "clinic-workers"
    with pytest.raises(InputError, match="already the same source"):
        merge_sources(db, "Clinic workers", "Clinic staff", reviewer="sara")
    with pytest.raises(InputError, match="belongs to its family"):
        merge_sources(db, "Health Ministry", "Health Minister", reviewer="sara")
    history.undo_last(db, reviewer="sara")
    assert effective_attribution(db, claims[3])["name"] == "Clinic workers"


def test_override_attribution_and_back(db, claims):
    att = override_attribution(db, claims[1], source="Health Ministry", role="press office", note="misread",
                               reviewer="sara")
    assert (att["name"], att["kind"], att["role"], att["overridden"]) == (
        "Health Ministry", "organization", "press office", True)
    assert att["extracted"]["name"] == "Clinic staff"
    assert db["claims"].get(claims[1])["version"] == 2
    with pytest.raises(StaleWriteError):
        override_attribution(db, claims[1], source="Clinic staff", reviewer="omar", expected_version=1)
    att = override_attribution(db, claims[1], source="Health Minister", via=["Clinic workers"], reviewer="sara")
    assert (att["name"], [v["name"] for v in att["via"]]) == ("Health Minister", ["Clinic workers"])
    assert att["role"] is None  # another source than extracted: not the extracted role
    history.undo_last(db, reviewer="sara")
    assert effective_attribution(db, claims[1])["name"] == "Health Ministry"
    assert clear_override(db, claims[1], reviewer="sara") is True
    att = effective_attribution(db, claims[1])
    assert (att["name"], att["overridden"]) == ("Clinic staff", False)
    assert clear_override(db, claims[1], reviewer="sara") is False
    lines = [e["summary"] for e in history.history(db, claims[1])]
    assert [line.split(":")[0] for line in lines] == [
        "attribution corrected", "attribution corrected", "undid event #2 (attribution corrected",
        "attribution correction removed"]
    # before and after of every correction, the engine's own record named as such
    assert lines[0].startswith("attribution corrected: Clinic staff (anonymous) (extracted) -> Health Ministry")
    assert " -> Health Minister (" in lines[1] and "via Clinic workers" in lines[1]
    assert lines[3].endswith("-> Clinic staff (anonymous) (extracted)")


def test_override_with_an_unknown_name_needs_a_kind_then_creates_it(db, claims):
    with pytest.raises(InputError, match="give its kind"):
        override_attribution(db, claims[0], source="Zorblax Quarterly Gazette", reviewer="sara")
    assert db["claims"].get(claims[0])["version"] == 1
    att = override_attribution(db, claims[0], source="Zorblax Quarterly Gazette", kind="agency", reviewer="sara")
    assert (att["name"], att["kind"]) == ("Zorblax Quarterly Gazette", "agency")
    assert db.execute("SELECT count(*) FROM sources WHERE name = 'Zorblax Quarterly Gazette'").fetchone()[0] == 1
    with pytest.raises(InputError, match="person, organization, agency"):
        override_attribution(db, claims[0], source="Health Ministry", kind="robot", reviewer="sara")


def test_a_refused_override_creates_no_source(db, claims):
    with pytest.raises(InputError, match="its own conduit"):
        override_attribution(db, claims[0], source="Quillon Herald", kind="agency", via=["Quillon Herald"],
                             reviewer="sara")
    assert db.execute("SELECT count(*) FROM sources WHERE name = 'Quillon Herald'").fetchone()[0] == 0
    assert db.execute("SELECT count(*) FROM events").fetchone()[0] == 0
