"""Issue 11 in the review app (Textual Pilot), on the project's own samples: close source names are
asked about, forms keep what was typed, the export dialog asks for the organisation and saves it,
undo/redo say what they revert, the links screen keeps its cursor and words independence as the
reports, the contradict dialog ranks contradictions first."""

from __future__ import annotations

from pathlib import Path

import pytest
from rich.text import Text

from factcheck.ingest import ingest_path
from factcheck.store.util import dumps
from factcheck.tui.app import FactcheckApp
from factcheck.tui.screens.article import ArticleScreen
from factcheck.tui.screens.links import LinksScreen
from factcheck.tui.screens.modals import (
    AttributionScreen,
    ConfirmScreen,
    EvidenceScreen,
    ExportScreen,
    LinkPickerScreen,
    PickerScreen,
)
from factcheck.tui.widgets.claims_table import ClaimsTable

SAMPLES = Path(__file__).resolve().parent.parent / "samples"
SIZE = (140, 44)
REVIEWER = "tester"


@pytest.fixture
def en(db):
    return ingest_path(db, SAMPLES / "en_ceasefire_talks.txt", reviewer="ingester").article_id


def make_app(db_path, **kwargs) -> FactcheckApp:
    kwargs.setdefault("bidi", "app")
    kwargs.setdefault("auto_suggest", False)
    return FactcheckApp(db_path, reviewer=REVIEWER, **kwargs)


async def settle(pilot) -> None:
    await pilot.pause()
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()


def idx_of(db, article: int, source: str, nth: int = 0) -> int:
    rows = [r[0] for r in db.execute(
        "SELECT c.idx FROM claims c JOIN attributions a ON a.claim_id = c.id JOIN sources s ON s.id = a.source_id "
        "WHERE c.article_id = ? AND s.name = ? ORDER BY c.idx", [article, source])]
    return rows[nth]


async def goto(pilot, idx: int) -> None:
    table = pilot.app.screen.query_one(ClaimsTable)
    await pilot.press("home", *["down"] * (idx - 1))
    await pilot.pause()
    assert pilot.app.screen.current_id is not None and table.current_claim_id == pilot.app.screen.current_id


def claim_id(db, article: int, idx: int) -> int:
    return db.execute("SELECT id FROM claims WHERE article_id = ? AND idx = ?", [article, idx]).fetchone()[0]


def effective_name(db, cid: int) -> str:
    from factcheck.review.attribution import effective_attribution

    return effective_attribution(db, cid)["name"]


def shown(widget) -> str:
    rendered = widget.render()
    return rendered.plain if isinstance(rendered, Text) else str(rendered)


async def test_a_source_close_to_a_stored_one_is_asked_about(db, db_path, en):
    idx = idx_of(db, en, "Saudi and U.S. mediators")
    app = make_app(db_path, article_id=en)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await goto(pilot, idx)
        await pilot.press("a")
        await pilot.pause()
        assert isinstance(app.screen, AttributionScreen)
        app.screen.query_one("#at-source").value = "Saudi and U.S. mediator"
        app.screen.query_one("#at-kind").value = "organization"
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, PickerScreen)  # asked: the stored one, or a new source?
        assert "close to a stored source" in str(app.screen.dialog_title)
        options = app.screen.options
        assert "use the stored source Saudi and U.S. mediators" in options[0][1].plain
        assert options[-1][0] == "new"
        await pilot.press("end", "enter")
        await settle(pilot)
        assert isinstance(app.screen, ArticleScreen)
        assert effective_name(db, claim_id(db, en, idx)) == "Saudi and U.S. mediator"


async def test_a_conduit_typo_can_be_mapped_to_the_stored_agency(db, db_path, en):
    idx = idx_of(db, en, "Molly Tran")
    app = make_app(db_path, article_id=en)
    sources = db.execute("SELECT count(*) FROM sources").fetchone()[0]
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await goto(pilot, idx)
        await pilot.press("a")
        await pilot.pause()
        app.screen.query_one("#at-via").value = "Reuter"
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, PickerScreen)
        assert "Reuters" in app.screen.options[0][1].plain
        await pilot.press("home", "enter")  # use the stored Reuters
        await settle(pilot)
    from factcheck.review.attribution import effective_attribution

    att = effective_attribution(db, claim_id(db, en, idx))
    assert [h["name"] for h in att["via"]] == ["Reuters"]
    assert db.execute("SELECT count(*) FROM sources").fetchone()[0] == sources


async def test_attribution_form_comes_back_with_the_error_and_what_was_typed(db, db_path, en):
    app = make_app(db_path, article_id=en)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("a")
        await pilot.pause()
        app.screen.query_one("#at-source").value = "Zorblax Quarterly Gazette"  # unknown, no kind
        app.screen.query_one("#at-note").value = "the byline says so"
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert isinstance(app.screen, AttributionScreen)
        assert "give its kind" in shown(app.screen.query_one("#form-error"))
        assert app.screen.query_one("#at-source").value == "Zorblax Quarterly Gazette"
        assert app.screen.query_one("#at-note").value == "the byline says so"
    assert db.execute("SELECT count(*) FROM claim_overrides").fetchone()[0] == 0


async def test_evidence_form_offers_https_and_keeps_the_fields(db, db_path, en):
    app = make_app(db_path, article_id=en)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("e")
        await pilot.pause()
        assert isinstance(app.screen, EvidenceScreen)
        app.screen.query_one("#ev-url").value = "www.state.example/briefing"
        app.screen.query_one("#ev-title").value = "Briefing"
        app.screen.query_one("#ev-date").value = "2024-02-30"
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, EvidenceScreen)
        assert app.screen.query_one("#ev-url").value == "https://www.state.example/briefing"
        assert "added https://" in shown(app.screen.query_one("#form-error"))
        await pilot.press("ctrl+s")  # the impossible date now
        await pilot.pause()
        assert isinstance(app.screen, EvidenceScreen)
        assert "bad evidence date" in shown(app.screen.query_one("#form-error"))
        assert app.screen.query_one("#ev-title").value == "Briefing"
        assert db.execute("SELECT count(*) FROM evidence").fetchone()[0] == 0
        app.screen.query_one("#ev-date").value = "2024-02-28"
        await pilot.press("ctrl+s")
        await settle(pilot)
    row = next(db.query("SELECT url, date, title FROM evidence"))
    assert row == {"url": "https://www.state.example/briefing", "date": "2024-02-28", "title": "Briefing"}


async def test_export_dialog_asks_for_the_organisation_saves_it_and_warns(db, db_path, en, tmp_path, monkeypatch):
    from factcheck.config import settings

    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "xdg"))
    from factcheck.review.links import add_link
    from factcheck.review.workflow import mark

    tran, un = idx_of(db, en, "Molly Tran"), idx_of(db, en, "United Nations")
    add_link(db, f"{en}:{tran}", f"{en}:{un}", "corroborates", reviewer=REVIEWER)
    mark(db, f"{en}:{tran}", verdict="corroborated", reviewer=REVIEWER)
    target = tmp_path / "review.jsonld"
    app = make_app(db_path, article_id=en)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("E")
        await pilot.pause()
        assert isinstance(app.screen, ExportScreen)
        await pilot.press(*["down"] * 4)  # claimreview
        await pilot.pause()
        assert app.screen.has_class("-claimreview")
        app.screen.query_one("#export-path").value = str(target)
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, ExportScreen)  # no organisation yet: asked, not "export failed"
        assert "needs the reviewing organisation" in shown(app.screen.query_one("#form-error"))
        app.screen.query_one("#export-org-name").value = "Pilot Desk"
        app.screen.query_one("#export-org-url").value = "pilot.example"
        app.screen.query_one("#export-path").focus()
        await pilot.press("enter")
        await pilot.pause()
        assert app.screen.query_one("#export-org-url").value == "https://pilot.example"  # offered
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, ArticleScreen)
        assert target.exists()
        titles = [n.title for n in app._notifications]
        assert "Check before publishing" in titles
        warning = next(n.message for n in app._notifications if n.title == "Check before publishing")
        assert "1 independent origin" in warning
    assert settings().get("org.name") == "Pilot Desk" and settings().get("org.url") == "https://pilot.example"
    assert (tmp_path / "xdg" / "factcheck" / "config.toml").is_file()


async def test_undo_says_what_it_reverts_and_redo_reapplies(db, db_path, en):
    app = make_app(db_path, article_id=en)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("v")
        await pilot.pause()
        await pilot.press("home", *["down"] * app.scale.labels.index("false"), "enter")
        await settle(pilot)
        cid = claim_id(db, en, 1)
        assert db.execute("SELECT verdict FROM claims WHERE id = ?", [cid]).fetchone()[0] == "false"
        await pilot.press("u")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmScreen)
        assert "verdict: - -> false" in app.screen.message.plain and "claim 1:1" in app.screen.message.plain
        await pilot.press("n")  # changed my mind: nothing undone
        await pilot.pause()
        assert db.execute("SELECT verdict FROM claims WHERE id = ?", [cid]).fetchone()[0] == "false"
        await pilot.press("u")
        await pilot.pause()
        await pilot.press("y")
        await settle(pilot)
        assert db.execute("SELECT verdict FROM claims WHERE id = ?", [cid]).fetchone()[0] is None
        await pilot.press("U")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmScreen) and "Redo" in str(app.screen.dialog_title)
        await pilot.press("y")
        await settle(pilot)
        assert db.execute("SELECT verdict FROM claims WHERE id = ?", [cid]).fetchone()[0] == "false"
        assert "verdict: false" in app.screen.query_one("#detail").rendered_text()


def _suggest(db, a: int, b: int, relation: str, score: float, reasons: dict) -> None:
    db.execute("INSERT INTO suggestions (claim_a, claim_b, relation, score, reasons, state, created_at) "
               "VALUES (?, ?, ?, ?, ?, 'open', '2030-01-01T00:00:00')", [min(a, b), max(a, b), relation, score,
                                                                          dumps(reasons)])
    db.conn.commit()


async def test_links_screen_keeps_the_cursor_and_words_independence_as_reports(db, db_path, en):
    from factcheck.review.links import add_link

    ids = [claim_id(db, en, i) for i in range(1, 8)]
    for other, score in zip(ids[1:5], (0.9, 0.8, 0.7, 0.6)):
        _suggest(db, ids[0], other, "related", score, {"words": ["talks"]})
    (reports,) = [r[0] for r in db.execute(
        "SELECT c.idx FROM claims c JOIN attributions a ON a.claim_id = c.id JOIN sources s ON s.id = a.source_id "
        "WHERE s.kind = 'reports'")]
    un = idx_of(db, en, "United Nations")
    add_link(db, f"{en}:{un}", f"{en}:{reports}", "corroborates", reviewer=REVIEWER)
    app = make_app(db_path, article_id=en)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("C")
        await settle(pilot)
        assert isinstance(app.screen, LinksScreen)
        link_row = " ".join(c.plain if isinstance(c, Text) else str(c)
                            for c in app.screen.query_one("#links").get_row_at(0))
        assert "0 indep." in link_row and "origin is unknown" in link_row  # as the reports say it
        table = app.screen.query_one("#suggestions")
        table.focus()
        await pilot.press("down")
        await pilot.pause()
        assert table.cursor_row == 1
        second = app.screen.suggestions[2]["id"]
        await pilot.press("d")  # dismiss the second: the cursor stays on row 2, now the next one
        await settle(pilot)
        assert table.cursor_row == 1 and app.screen.suggestions[1]["id"] == second
        assert app.focused is table


async def test_contradict_dialog_ranks_likely_contradictions_first(db, db_path, en):
    ids = {i: claim_id(db, en, i) for i in range(1, 8)}
    _suggest(db, ids[1], ids[2], "corroborates", 0.95, {"words": ["talks"]})  # only similar
    _suggest(db, ids[1], ids[3], "contradicts", 0.4, {"conflicts": ["hours: 72 vs 48"]})  # other numbers
    _suggest(db, ids[1], ids[7], "related", 0.5, {"words": ["shelled"]})  # the RSF *denied* it
    app = make_app(db_path, article_id=en)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("x")
        await pilot.pause()
        assert isinstance(app.screen, LinkPickerScreen)
        order = [cid for cid, _ in app.screen.suggested]
        assert order == [ids[3], ids[7], ids[2]]
        assert app.screen.suggested[0][1].plain.startswith("≠ ")
        await pilot.press("escape")
        await pilot.pause()
        await pilot.press("c")  # corroborate: best score first
        await pilot.pause()
        assert [cid for cid, _ in app.screen.suggested][0] == ids[2]


async def test_split_and_merge_from_the_app_keep_the_text_and_other_claims(db, db_path, en):
    from factcheck.tui.screens.modals import BoundaryScreen

    idx = idx_of(db, en, "Molly Tran", 1)
    words = db.execute("SELECT text FROM claims WHERE article_id = ? AND idx = ?", [en, idx]).fetchone()[0]
    article = db.execute("SELECT text FROM articles").fetchone()[0]
    before = {r[0]: (r[1], r[2]) for r in db.execute("SELECT id, start, \"end\" FROM claims")}
    count = len(before)
    app = make_app(db_path, article_id=en)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await goto(pilot, idx)
        await pilot.press("b")
        await pilot.pause()
        assert isinstance(app.screen, BoundaryScreen)
        app.screen.query_one("#bd-after").value = "not in this claim at all"
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert isinstance(app.screen, BoundaryScreen)  # the error in the dialog, the words kept
        assert "is not in claim" in shown(app.screen.query_one("#form-error"))
        assert app.screen.query_one("#bd-after").value == "not in this claim at all"
        app.screen.query_one("#bd-after").value = words[:words.index(",") + 1]
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert isinstance(app.screen, ArticleScreen)
        assert app.screen.query_one(ClaimsTable).row_count == count + 1
        spans = {r[0]: (r[1], r[2], r[3]) for r in db.execute("SELECT id, start, \"end\", text FROM claims")}
        cid = claim_id(db, en, idx)
        assert all(spans[k][:2] == v for k, v in before.items() if k != cid)
        assert all(article[s:e] == t for s, e, t in spans.values())
        await pilot.press("b")
        await pilot.pause()
        await pilot.click("#merge")  # the new part is the next claim in the text: merge it back
        await settle(pilot)
        assert app.screen.query_one(ClaimsTable).row_count == count
        assert {r[0]: (r[1], r[2]) for r in db.execute("SELECT id, start, \"end\" FROM claims")} == before


async def test_detail_flags_a_verdict_the_links_do_not_bear_out(db, db_path, en):
    from factcheck.review.links import add_link
    from factcheck.review.workflow import mark

    tran, rsf = idx_of(db, en, "Molly Tran"), idx_of(db, en, "Rapid Support Forces")
    add_link(db, f"{en}:{tran}", f"{en}:{rsf}", "contradicts", reviewer=REVIEWER)
    mark(db, f"{en}:{tran}", verdict="partly corroborated", reviewer=REVIEWER)
    app = make_app(db_path, article_id=en)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await goto(pilot, tran)
        text = " ".join(app.screen.query_one("#detail").rendered_text().split())
        assert "disagrees with credibility 5 (improbable)" in text


async def test_export_dialog_proposes_the_configured_folder(db, db_path, en, tmp_path, monkeypatch):
    from factcheck.config import settings

    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "xdg"))
    settings().set("export.dir", str(tmp_path / "reviews"))
    app = make_app(db_path, article_id=en)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("E")
        await pilot.pause()
        assert app.screen.query_one("#export-path").value == str(tmp_path / "reviews" / f"article-{en}.md")
