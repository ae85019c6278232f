"""Issue 11 from the command line: a review that can be published.

Corrections that stick, honest ClaimReview, history/undo/redo, conflicts, suggestions, claim
boundaries. Every test runs the CLI on the project's own samples (``samples/``).
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from factcheck.cli import main

SAMPLES = Path(__file__).resolve().parent.parent / "samples"
EN = SAMPLES / "en_ceasefire_talks.txt"
AR = SAMPLES / "ar_centcom_strikes.txt"
AR_URL = "https://news.example/iraq-strikes"
ORG = ["--org-name", "Desk", "--org-url", "https://desk.example"]


@pytest.fixture
def run(db_path, capsys, monkeypatch):
    monkeypatch.setenv("FACTCHECK_REVIEWER", "sara")
    monkeypatch.setenv("COLUMNS", "200")

    def invoke(*args):
        try:
            main(["--db", str(db_path), *map(str, args)])
            code = 0
        except SystemExit as exc:
            code = exc.code
        out, err = capsys.readouterr()
        return code, out, err

    return invoke


@pytest.fixture
def en(run):
    code, _, err = run("ingest", EN)
    assert code == 0, err
    return 1


@pytest.fixture
def ar(run):
    code, _, err = run("ingest", AR, "--url", AR_URL, "--outlet", "Example Wire")
    assert code == 0, err
    return 1


def refs_of(db, article: int, source: str) -> list[str]:
    """ARTICLE:INDEX of the claims whose extracted source is ``source`` (by name), in order."""
    return [f"{article}:{r[0]}" for r in db.execute(
        "SELECT c.idx FROM claims c JOIN attributions a ON a.claim_id = c.id JOIN sources s ON s.id = a.source_id "
        "WHERE c.article_id = ? AND s.name = ? ORDER BY c.idx", [article, source])]


def refs_of_kind(db, article: int, kind: str) -> list[str]:
    return [f"{article}:{r[0]}" for r in db.execute(
        "SELECT c.idx FROM claims c JOIN attributions a ON a.claim_id = c.id JOIN sources s ON s.id = a.source_id "
        "WHERE c.article_id = ? AND s.kind = ? ORDER BY c.idx", [article, kind])]


def claimreview(run, article=1, *extra):
    code, out, err = run("export", article, "-f", "claimreview", *ORG, *extra)
    assert code == 0, err
    return {n["itemReviewed"].get("author", {}).get("name"): n for n in json.loads(out)["@graph"]}, json.loads(out), err


# --- 1. corrections stick --------------------------------------------------------------------------


def test_a_reviewers_exact_name_wins_and_a_close_one_is_named(run, db, en):
    (ref,) = refs_of(db, en, "Saudi and U.S. mediators")
    code, out, err = run("attribute", ref, "--source", "Saudi and U.S. mediator", "--kind", "organization")
    assert code == 0, err
    assert out.strip() == f"{ref}: attributed to Saudi and U.S. mediator (organization)"
    assert "close to 'Saudi and U.S. mediators'" in err and "sources --merge" in err
    code, out, _ = run("show", ref, "--json")
    assert json.loads(out)["attribution"]["name"] == "Saudi and U.S. mediator"
    # the same name again is the source now stored: no new source, no note
    sources = db.execute("SELECT count(*) FROM sources").fetchone()[0]
    code, out, err = run("attribute", ref, "--source", "saudi and u.s. mediator")
    assert code == 0 and "attributed to Saudi and U.S. mediator" in out and err == ""
    assert db.execute("SELECT count(*) FROM sources").fetchone()[0] == sources


def test_a_typo_in_via_is_refused_not_a_new_agency(run, db, en):
    ref = refs_of(db, en, "Molly Tran")[0]
    sources = db.execute("SELECT count(*) FROM sources").fetchone()[0]
    code, out, err = run("attribute", ref, "--source", "Molly Tran", "--via", "Reuter")
    assert code == 2 and out == ""
    assert err.startswith("error: unknown conduit (via) 'Reuter': did you mean 'Reuters'") and err.count("\n") == 1
    assert db.execute("SELECT count(*) FROM sources").fetchone()[0] == sources
    assert db.execute("SELECT count(*) FROM claim_overrides").fetchone()[0] == 0
    code, out, err = run("attribute", ref, "--source", "Molly Tran", "--via", "Reuters")
    assert code == 0 and out.strip().endswith("via Reuters")
    code, out, err = run("attribute", ref, "--source", "Molly Tran", "--via", "Reuter", "--new-source")
    assert code == 0 and "via Reuter" in out and "new source" in err


# --- 2 and 3. honest ClaimReview -------------------------------------------------------------------


def test_claimreview_never_claims_more_independence_than_recorded(run, db, ar):
    centcom, singh = refs_of(db, ar, "CENTCOM")[0], refs_of(db, ar, "Sabrina Singh")[0]
    assert run("link", centcom, singh, "--as", "corroborates")[0] == 0  # one family: the Pentagon
    assert run("mark", centcom, "--verdict", "corroborated")[0] == 0
    nodes, _, err = claimreview(run)
    rating = nodes["CENTCOM"]["reviewRating"]
    assert rating["alternateName"] == "Corroborated only within the source's own family"
    assert rating["ratingValue"] == 6
    assert f"warning: claim {centcom}: rated 'corroborated' with 0 independent origins" in err
    # two independent origins (AFP's own report and supporting evidence): the full label, no warning
    (afp,) = refs_of(db, ar, "AFP")
    assert run("link", centcom, afp, "--as", "corroborates")[0] == 0
    assert run("evidence", centcom, "--url", "https://example.org/briefing", "--stance", "supports")[0] == 0
    nodes, _, err = claimreview(run)
    assert nodes["CENTCOM"]["reviewRating"]["alternateName"] == "Corroborated by independent sources"
    assert "independent origin" not in err


def test_claimreview_content_reads_standalone_and_invents_nothing(run, db, ar):
    centcom = refs_of(db, ar, "CENTCOM")[0]
    anonymous = refs_of_kind(db, ar, "anonymous")
    for ref in (centcom, *anonymous):
        assert run("mark", ref, "--verdict", "unverified")[0] == 0
    _, data, err = claimreview(run)
    graph = data["@graph"]
    assert len(graph) == 1 + len(anonymous)
    texts = {r[0]: r[1] for r in db.execute("SELECT idx, text FROM claims")}
    for node in graph:
        assert "url" not in node  # no review URL given: none is made up from the organisation's
        item = node["itemReviewed"]
        assert item["appearance"] == [item["firstAppearance"]]
        assert item["appearance"][0]["url"] == AR_URL and item["appearance"][0]["@type"] == "NewsArticle"
        assert not node["claimReviewed"].startswith(("أن", "that"))
        assert ": " in node["claimReviewed"]  # the speaker, then the content
        assert node["claimReviewed"] not in texts.values()
        if "author" in item:
            assert not (item["author"]["@type"] == "Person" and "source" in item["author"]["name"].lower())
    by_author = {n["itemReviewed"].get("author", {}).get("name"): n for n in graph}
    assert by_author["CENTCOM"]["itemReviewed"]["author"] == {"@type": "Organization", "name": "CENTCOM"}
    unnamed = [n for n in graph if "author" not in n["itemReviewed"]]
    assert len(unnamed) == len(anonymous)  # an unnamed source is no Person
    assert "no review URL" in err and "has no URL" not in err
    code, out, err = run("export", 1, "-f", "claimreview", *ORG, "--review-url", "https://desk.example/r/1")
    assert all(n["url"].startswith("https://desk.example/r/1#claim-") for n in json.loads(out)["@graph"])
    assert "no review URL" not in err


def test_an_article_without_url_is_warned_about(run, db, en):
    ref = refs_of(db, en, "Molly Tran")[0]
    run("mark", ref, "--verdict", "unverified")
    _, data, err = claimreview(run)
    assert "url" not in data["@graph"][0]["itemReviewed"]["appearance"][0]
    assert "warning: the article has no URL" in err


def test_vague_reports_are_no_independent_origin(run, db, en):
    (reports,) = refs_of_kind(db, en, "reports")
    named = refs_of(db, en, "United Nations")[0]
    assert run("link", reports, named, "--as", "corroborates")[0] == 0
    for ref in (reports, named):
        code, out, _ = run("show", ref, "--json")
        ind = json.loads(out)["independence"]
        assert ind["independent_count"] == 0 and ind["warnings"], ref


# --- 4. the config file ----------------------------------------------------------------------------


def test_config_show_set_get_unset(run, tmp_path, monkeypatch):
    home = tmp_path / "xdg"
    monkeypatch.setenv("XDG_CONFIG_HOME", str(home))
    path = home / "factcheck" / "config.toml"
    code, out, _ = run("config")
    assert code == 0 and f"config file: {path} (not created yet" in out and "org.name" in out
    assert run("config", "set", "org.name", "Example Desk")[0] == 0
    assert run("config", "set", "reviewer", "Lina")[0] == 0
    assert run("config", "set", "bidi", "APP")[1].strip().startswith("bidi = app")
    text = path.read_text(encoding="utf-8")
    assert 'reviewer = "Lina"' in text and '[org]\nname = "Example Desk"' in text
    assert run("config", "get", "org.name")[1] == "Example Desk\n"
    code, out, _ = run("config")
    assert "org.name        Example Desk  (config file)" in out
    # the environment overrides the file, and says so
    monkeypatch.setenv("FACTCHECK_ORG_NAME", "Env Desk")
    assert run("config", "get", "org.name")[1] == "Env Desk\n"
    assert "(env FACTCHECK_ORG_NAME); the file's 'Example Desk' is overridden" in run("config")[1]
    monkeypatch.delenv("FACTCHECK_ORG_NAME")
    assert run("config", "unset", "org.name")[0] == 0
    code, out, err = run("config", "get", "org.name")
    assert code == 1 and "org.name is not set" in err


def test_config_refuses_bad_values_in_one_line(run, tmp_path, monkeypatch):
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path))
    for args, message in ((("set", "org.url", "desk.example"), "did you mean https://desk.example?"),
                          (("set", "bidi", "sideways"), "not one of auto, app, terminal, off"),
                          (("set", "colour", "red"), "unknown setting 'colour'"),
                          (("get", "nope"), "unknown setting 'nope'")):
        code, out, err = run("config", *args)
        assert code == 2 and out == "" and message in err and err.count("\n") == 1, args
    bad = tmp_path / "bad.toml"
    bad.write_text("reviewer = [1, 2\n", encoding="utf-8")
    code, out, err = run("--config", bad, "config")
    assert code == 2 and err.startswith(f"error: config file {bad}: not valid TOML") and err.count("\n") == 1
    code, _, err = run("--config", tmp_path / "missing.toml", "articles")
    assert code == 2 and "no such file" in err


def test_config_file_feeds_reviewer_and_organisation(run, db, en, tmp_path, monkeypatch):
    monkeypatch.delenv("FACTCHECK_REVIEWER")
    conf = tmp_path / "team.toml"
    conf.write_text('reviewer = "Lina"\n[org]\nname = "File Desk"\nurl = "https://file.example"\n'
                    'review_url = "https://file.example/reviews/1"\n', encoding="utf-8")
    ref = refs_of(db, en, "Molly Tran")[0]
    assert run("--config", conf, "mark", ref, "--verdict", "unverified")[0] == 0
    assert db.execute("SELECT updated_by FROM claims WHERE verdict = 'unverified'").fetchone()[0] == "Lina"
    code, out, err = run("--config", conf, "export", 1, "-f", "claimreview")
    assert code == 0, err
    node = json.loads(out)["@graph"][0]
    assert node["author"] == {"@type": "Organization", "name": "File Desk", "url": "https://file.example"}
    assert node["url"].startswith("https://file.example/reviews/1#claim-")
    # an option beats the file
    code, out, _ = run("--config", conf, "export", 1, "-f", "claimreview", "--org-name", "Option Desk")
    assert json.loads(out)["@graph"][0]["author"]["name"] == "Option Desk"


def test_settings_are_one_object_with_every_variable_documented():
    from factcheck.config import SETTINGS, Settings

    envs = {s.env for s in SETTINGS}
    assert {"FACTCHECK_DB", "FACTCHECK_REVIEWER", "FACTCHECK_BIDI", "FACTCHECK_ORG_NAME", "FACTCHECK_ORG_URL",
            "FACTCHECK_REVIEW_URL", "FACTCHECK_EXPORT_DIR", "FACTCHECK_THEME", "FACTCHECK_VERDICTS",
            "FACTCHECK_DEBUG"} <= envs
    assert all(s.doc for s in SETTINGS)
    fake = Settings(environ={"FACTCHECK_THEME": "nord", "XDG_CONFIG_HOME": "/nonexistent"})
    assert fake.lookup("theme") == ("nord", "env FACTCHECK_THEME")
    assert fake.lookup("bidi") == ("auto", "default")


# --- 5. forms: a URL without its scheme ------------------------------------------------------------


def test_evidence_url_without_scheme_gets_https_offered(run, db, en):
    ref = refs_of(db, en, "Molly Tran")[0]
    code, out, err = run("evidence", ref, "--url", "www.state.example/briefing")
    assert code == 2 and "did you mean https://www.state.example/briefing?" in err
    code, _, err = run("evidence", ref, "--url", "https://www.state.example/briefing", "--date", "2024-02-30")
    assert code == 2 and "bad evidence date" in err
    assert db.execute("SELECT count(*) FROM evidence").fetchone()[0] == 0


# --- 6. history, undo, redo ------------------------------------------------------------------------


def test_history_before_and_after_undo_says_what_redo_reapplies(run, db, en):
    ref = refs_of(db, en, "Molly Tran")[0]
    run("mark", ref, "--verdict", "false")
    run("attribute", ref, "--source", "United Nations")
    code, out, _ = run("history", ref)
    lines = out.splitlines()
    assert "verdict: - -> false" in lines[1]
    assert "attribution corrected: Molly Tran (person); role " in lines[2]
    assert lines[2].endswith("(extracted) -> United Nations (organization)")
    code, out, _ = run("undo", "--dry-run")
    assert out.startswith("would undo #") and "attribution corrected" in out
    assert db.execute("SELECT count(*) FROM claim_overrides").fetchone()[0] == 1  # a dry run changes nothing
    code, out, _ = run("undo")
    assert out.startswith("undid #") and "-> United Nations" in out
    assert db.execute("SELECT count(*) FROM claim_overrides").fetchone()[0] == 0
    code, out, _ = run("redo", "--dry-run")
    assert out.startswith("would redo #") and "United Nations" in out
    code, out, _ = run("redo")
    assert code == 0 and out.startswith("redid #")
    assert json.loads(run("show", ref, "--json")[1])["attribution"]["name"] == "United Nations"
    assert "redo: attribution corrected" in run("history", ref)[1]
    # the redo is a change like any other: undo takes it back again; a new change ends redo
    run("undo")
    run("mark", ref, "--note", "checked")
    assert run("redo")[1].startswith("nothing to redo")


# --- 7. conflicts in the reports -------------------------------------------------------------------


def test_reports_list_resolved_conflicts_and_flag_disagreeing_verdicts(run, db, en):
    tran, rsf = refs_of(db, en, "Molly Tran")[0], refs_of(db, en, "Rapid Support Forces")[0]
    un = refs_of(db, en, "United Nations")[0]
    run("link", tran, rsf, "--as", "contradicts", "--note", "who shelled the market")
    run("link", tran, un, "--as", "contradicts")
    code, out, _ = run("export", 1, "-f", "md")
    assert "### Resolved conflicts\n\nNone." in out
    run("mark", tran, "--verdict", "partly corroborated")
    run("mark", rsf, "--verdict", "false")
    code, out, _ = run("export", 1, "-f", "md")
    resolved = out.split("### Resolved conflicts", 1)[1].split("##", 1)[0]
    assert f"Claim {tran.split(':')[1]}" in resolved and "who shelled the market" in resolved
    open_part = out.split("### Open conflicts", 1)[1].split("### Resolved conflicts", 1)[0]
    assert f"claim {un.split(':')[1]} (United Nations)" in open_part  # no verdict on the UN claim: still open
    # partly corroborated, yet only contradicted: credibility 5, improbable -> flagged
    assert "verdict 'partly corroborated' disagrees with credibility 5 (improbable)" in out
    code, out, _ = run("show", tran)
    assert "disagrees with credibility 5" in out
    html = run("export", 1, "-f", "html")[1]
    assert "<h3>Resolved conflicts</h3>" in html and "disagrees with credibility" in html


# --- 8. suggestions --------------------------------------------------------------------------------


def test_suggestions_best_first_and_never_corroboration_within_a_family(run, db, ar):
    code, out, err = run("suggest", 1, "--limit", "10", "--json")
    assert code == 0, err
    suggestions = json.loads(out)
    assert suggestions, "the sample has related claims"
    scores = [s["score"] for s in suggestions]
    assert scores == sorted(scores, reverse=True)
    for s in suggestions:
        if s["relation"] == "corroborates":
            assert not s["reasons"].get("same_family") and not s["reasons"].get("same_source"), s


def test_contradiction_ranking_puts_conflicts_and_denials_first():
    from factcheck.review.ranking import contradiction_signal, for_relation, offered

    plain = {"relation": "corroborates", "score": 0.9, "reasons": {}, "text_a": "The port reopened.",
             "text_b": "The port reopened on Monday."}
    denial = {"relation": "related", "score": 0.5, "reasons": {}, "text_a": "The port reopened.",
              "text_b": "Officials denied the port reopened."}
    numbers = {"relation": "contradicts", "score": 0.4, "reasons": {"conflicts": ["killed: 2 vs 4"]},
               "text_a": "Two were killed.", "text_b": "Four were killed."}
    family = {"relation": "corroborates", "score": 0.95, "reasons": {"same_family": True}, "text_a": "a", "text_b": "b"}
    assert [contradiction_signal(s) for s in (plain, denial, numbers)] == [0, 1, 2]
    assert for_relation([plain, denial, numbers, family], "contradicts") == [numbers, denial, plain]
    assert for_relation([denial, plain, family], "corroborates") == [plain, denial]
    assert not offered(family) and offered(plain)


# --- 9. claim boundaries ---------------------------------------------------------------------------


def _spans(db):
    return {r[0]: (r[1], r[2], r[3]) for r in db.execute("SELECT id, start, \"end\", text FROM claims")}


def test_split_merge_adjust_touch_no_other_claim_and_are_audited(run, db, en):
    text, sha = db.execute("SELECT text, sha256 FROM articles").fetchone()
    ref = refs_of(db, en, "Molly Tran")[1]
    idx = int(ref.split(":")[1])
    claim_id, start, end, words = db.execute(
        "SELECT id, start, \"end\", text FROM claims WHERE article_id = 1 AND idx = ?", [idx]).fetchone()
    before = _spans(db)
    count = len(before)
    cut = words.index(" if agreed") + len(" if agreed,")
    code, out, err = run("split", ref, "--after", words[:cut])
    assert code == 0, err
    assert f"new claim 1:{count + 1}" in out
    spans = _spans(db)
    assert len(spans) == count + 1
    assert {k: v for k, v in spans.items() if k != claim_id and k in before} == {
        k: v for k, v in before.items() if k != claim_id}  # no other claim moved
    first, second = spans[claim_id], spans[max(spans)]
    assert first[0] == start and second[1] == end and first[1] < second[0]
    for s, e, t in (first, second):
        assert text[s:e] == t  # spans still point into the untouched article text
    assert db.execute("SELECT text, sha256 FROM articles").fetchone() == (text, sha)
    new_att = db.execute("SELECT s.name FROM attributions a JOIN sources s ON s.id = a.source_id "
                         "WHERE a.claim_id = ?", [max(spans)]).fetchone()[0]
    assert new_att == "Molly Tran"  # the new part keeps the extracted attribution (copied)
    assert "split: span" in run("history", ref)[1]
    # merge the parts back
    code, out, err = run("merge", ref, f"1:{count + 1}")
    assert code == 0, err
    assert _spans(db)[claim_id] == (start, end, words) and len(_spans(db)) == count
    assert "merged with claim" in run("history", ref)[1]
    run("undo")  # the merge
    assert len(_spans(db)) == count + 1
    run("undo")  # the split
    assert _spans(db) == before


def test_boundaries_refuse_what_would_move_or_lose_something(run, db, en):
    a, b = refs_of(db, en, "Molly Tran")[:2]
    spans = {r[0]: (r[1], r[2]) for r in db.execute("SELECT idx, start, \"end\" FROM claims WHERE article_id = 1")}
    ia, ib = int(a.split(":")[1]), int(b.split(":")[1])
    code, _, err = run("adjust", a, "--end", spans[ib][0] + 5)
    assert code == 2 and "overlaps claim" in err
    code, _, err = run("adjust", a, "--start", 10 ** 7)
    assert code == 2 and "bad span" in err
    run("mark", b, "--verdict", "unverified")
    code, _, err = run("merge", a, b)
    assert code == 2 and "has a verdict" in err
    code, _, err = run("merge", b, a)
    assert code == 2 and "comes before" in err
    code, _, err = run("split", a, "--after", "words that are not there")
    assert code == 2 and "is not in claim" in err
    code, out, err = run("adjust", a, "--end", spans[ia][1] - 1)
    assert code == 0 and f"[{spans[ia][0]}–{spans[ia][1] - 1}]" in out
    assert "span: " in run("history", a)[1]


def test_undo_of_a_split_from_another_database_never_deletes_a_stranger(run, db, en):
    from factcheck.errors import InputError
    from factcheck.review.boundaries import undo_boundary

    ref = refs_of(db, en, "Molly Tran")[1]
    run("split", ref, "--at", db.execute("SELECT start + 10 FROM claims WHERE article_id = 1 AND idx = ?",
                                         [int(ref.split(":")[1])]).fetchone()[0])
    event = next(db.query("SELECT * FROM events WHERE action = 'split'"))
    event = {**event, "before": json.loads(event["before"]), "after": json.loads(event["after"])}
    stranger = db.execute("SELECT id FROM claims WHERE article_id = 1 AND idx = 1").fetchone()[0]
    event["after"]["new_claim"] = stranger  # as an imported event's local id could be
    count = db.execute("SELECT count(*) FROM claims").fetchone()[0]
    with pytest.raises(InputError, match="the split part is not claim"):
        undo_boundary(db, event, "sara", lambda *a: AssertionError(a))
    assert db.execute("SELECT count(*) FROM claims").fetchone()[0] == count
