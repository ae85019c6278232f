"""The review app driven like a user (Textual Pilot): every flow checks the database and the screen."""

from __future__ import annotations

import pytest
from rich.text import Text
from test_tui_example import AR_TEXT, REVIEWER, store_arabic, store_english

from factcheck.tui.app import FactcheckApp
from factcheck.tui.bidi import reorder
from factcheck.tui.screens.article import ArticleScreen
from factcheck.tui.screens.library import LibraryScreen
from factcheck.tui.screens.modals import (
    AttributionScreen,
    ConfirmScreen,
    EvidenceScreen,
    ExportScreen,
    FilterScreen,
    LinkPickerScreen,
    NoteScreen,
    PickerScreen,
    StaleScreen,
)
from factcheck.tui.widgets.article_view import ArticleView
from factcheck.tui.widgets.claim_detail import ClaimDetail
from factcheck.tui.widgets.claims_table import ClaimsTable
from factcheck.tui.widgets.lazy_table import LazyTable

SIZE = (120, 40)


@pytest.fixture
def articles(db, monkeypatch):
    """(english id, arabic id) stored in the test database."""
    return store_english(db, monkeypatch), store_arabic(db, monkeypatch)


def make_app(db_path, **kwargs) -> FactcheckApp:
    kwargs.setdefault("bidi", "app")
    kwargs.setdefault("auto_suggest", False)
    return FactcheckApp(db_path, reviewer=REVIEWER, **kwargs)


async def settle(pilot) -> None:
    await pilot.pause()
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()


def plain(cell) -> str:
    return cell.plain if isinstance(cell, Text) else str(cell)


def table_rows(table) -> list[list[str]]:
    if isinstance(table, LazyTable):
        return [table.row_texts(i) for i in range(table.row_count)]
    return [[plain(c) for c in table.get_row_at(i)] for i in range(table.row_count)]


def claim_row(db, article_id: int, idx: int) -> dict:
    return next(db.query("SELECT * FROM claims WHERE article_id = ? AND idx = ?", [article_id, idx]))


def detail_text(app) -> str:
    return app.screen.query_one(ClaimDetail).rendered_text()


async def pick(pilot, screen_type, index: int) -> None:
    """Choose option ``index`` of the open picker with the keyboard."""
    assert isinstance(pilot.app.screen, screen_type)
    await pilot.press("home", *["down"] * index, "enter")
    await pilot.pause()


# ----------------------------------------------------------------------------- library


async def test_library_lists_articles_and_opens_one(db_path, articles):
    en, ar = articles
    app = make_app(db_path)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        assert isinstance(app.screen, LibraryScreen)
        rows = table_rows(app.screen.query_one("#articles"))
        assert [r[0] for r in rows] == [str(en), str(ar)]
        assert "Warehouse fire near the northern docks" in rows[0][1]
        assert reorder("حريق في مستودع قرب ميناء طرطوس", True) in rows[1][1]  # Arabic title shown reordered
        assert rows[0][2] == "en" and rows[0][4] == "5" and "0/5" in rows[0][5]
        await pilot.press("j", "enter")
        await settle(pilot)
        assert isinstance(app.screen, ArticleScreen) and app.screen.article_id == ar
        assert app.screen.query_one(ClaimsTable).row_count == 5
        await pilot.press("escape")
        await settle(pilot)
        assert isinstance(app.screen, LibraryScreen)


async def test_delete_article_after_confirmation(db, db_path, articles):
    en, ar = articles
    app = make_app(db_path)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("d")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmScreen)
        await pilot.press("n")  # cancel keeps it
        await pilot.pause()
        assert db.execute("SELECT count(*) FROM articles").fetchone()[0] == 2
        await pilot.press("d")
        await pilot.pause()
        await pilot.press("y")
        await settle(pilot)
        assert [r[0] for r in db.execute("SELECT id FROM articles")] == [ar]
        assert db.execute("SELECT count(*) FROM claims WHERE article_id = ?", [en]).fetchone()[0] == 0
        assert [r[0] for r in table_rows(app.screen.query_one("#articles"))] == [str(ar)]


async def test_ingest_a_file_from_the_library_opens_it(db, db_path, tmp_path, articles):
    path = tmp_path / "new.txt"
    path.write_text("The mayor said on Tuesday that the bridge will reopen in May.\n", encoding="utf-8")
    app = make_app(db_path)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("i")
        await pilot.pause()
        app.screen.query_one("#ingest-path").value = str(path)
        await pilot.press("enter")
        await settle(pilot)
        new_id = db.execute("SELECT id FROM articles WHERE source_path = ?", [str(path)]).fetchone()[0]
        assert isinstance(app.screen, ArticleScreen) and app.screen.article_id == new_id
        assert app.screen.query_one(ClaimsTable).row_count >= 1
        await pilot.press("escape")
        await settle(pilot)
        await pilot.press("i")
        app.screen.query_one("#ingest-path").value = str(tmp_path / "missing.txt")
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, LibraryScreen)  # a bad path is reported, nothing opens
        assert db.execute("SELECT count(*) FROM articles").fetchone()[0] == 3


# ----------------------------------------------------------------------------- moving through claims


async def test_moving_through_claims_updates_detail_and_highlight(db_path, articles):
    en, ar = articles
    app = make_app(db_path, article_id=ar)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        screen = app.screen
        view = screen.query_one(ArticleView)
        assert "Claim %d:1" % ar in detail_text(app)
        await pilot.press("j", "down")
        await pilot.pause()
        third = AR_TEXT.split("\n")[2]
        assert screen.current_id == screen.rows[2]["id"]
        shown = detail_text(app)
        assert "Claim %d:3" % ar in shown
        assert reorder("مسؤول محلي", True) in shown  # source in the detail, readable right-to-left
        assert "AC 130" in shown and "15" in shown  # Latin and numbers keep their order
        assert "(anonymous)" in shown and "Via" in shown and reorder("وكالة الأنباء الساحلية", True) in shown
        # the article text pane shows the selected claim, emphasised in its source's colour
        assert view._selected == screen.current_id
        line = view.lines[view.line_of(AR_TEXT.index(third))]
        assert third[:10] not in line.glyphs and reorder(third[:5], True) in line.glyphs
        strip = view.render_line(view.line_of(AR_TEXT.index(third)) - view.scroll_offset.y)
        assert any(seg.style and seg.style.bold and seg.style.bgcolor for seg in strip)
        await pilot.press("k")
        await pilot.pause()
        assert screen.current_id == screen.rows[1]["id"]
        # clicking a claim in the article text selects it in the table
        screen.post_message(ArticleView.ClaimClicked(screen.rows[4]["id"]))
        await pilot.pause()
        assert screen.current_id == screen.rows[4]["id"]


# ----------------------------------------------------------------------------- review changes


async def test_set_verdict_and_undo(db, db_path, articles):
    en, ar = articles
    app = make_app(db_path, article_id=en)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("v")
        await pilot.pause()
        await pick(pilot, PickerScreen, app.scale.labels.index("false"))
        row = claim_row(db, en, 1)
        assert row["verdict"] == "false" and row["status"] == "reviewed" and row["updated_by"] == REVIEWER
        event = next(db.query("SELECT * FROM events WHERE action != 'ingest' ORDER BY id DESC LIMIT 1"))
        assert event["reviewer"] == REVIEWER and event["claim_id"] == row["id"]
        table = app.screen.query_one(ClaimsTable)
        assert table_rows(table)[0][1] == app.scale.get("false").glyph
        assert "verdict: false" in detail_text(app)
        assert "1/5 reviewed" in plain(app.screen.query_one("#article-info").content)

        await pilot.press("u")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmScreen)  # says what it is about to undo
        await pilot.press("y")
        await settle(pilot)
        row = claim_row(db, en, 1)
        assert row["verdict"] is None and row["status"] == "unreviewed"
        assert "verdict:" not in detail_text(app)
        assert table_rows(table)[0][1] == "·"


async def test_verdict_right_after_moving_acts_on_the_highlighted_claim(db, db_path, articles):
    # Keys typed quickly (j j v) must act on the claim under the cursor, even when the table's
    # ClaimChanged message has not reached the screen yet.
    en, ar = articles
    app = make_app(db_path, article_id=en)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        table = app.screen.query_one(ClaimsTable)
        table.action_cursor_down()
        table.action_cursor_down()
        app.screen.action_verdict()  # no pause: the move's messages are still queued
        await pilot.pause()
        await pick(pilot, PickerScreen, app.scale.labels.index("false"))
        assert claim_row(db, en, 3)["verdict"] == "false"
        assert claim_row(db, en, 1)["verdict"] is None


async def test_status_and_note(db, db_path, articles):
    en, ar = articles
    app = make_app(db_path, article_id=ar)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("s")
        await pilot.pause()
        await pick(pilot, PickerScreen, 3)  # needs follow up
        assert claim_row(db, ar, 1)["status"] == "needs_follow_up"
        assert "needs follow up" in detail_text(app)
        await pilot.press("n")
        await pilot.pause()
        assert isinstance(app.screen, NoteScreen)
        app.screen.query_one("#note-text").text = "الوزارة لم تنشر البيان على موقعها"
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert claim_row(db, ar, 1)["rationale"] == "الوزارة لم تنشر البيان على موقعها"
        assert "Rationale" in detail_text(app) and reorder("لم تنشر البيان", True) in detail_text(app)


async def test_link_two_claims_as_corroborating_and_contradicting(db, db_path, articles):
    en, ar = articles
    app = make_app(db_path, article_id=en)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        first, fourth = claim_row(db, en, 1), claim_row(db, en, 3)
        await pilot.press("x")
        await pilot.pause()
        assert isinstance(app.screen, LinkPickerScreen)
        await pilot.press(*"injured at")  # search box: claims of every article
        await pilot.pause()
        await pilot.press("enter")
        await pilot.pause()
        link = next(db.query("SELECT * FROM links"))
        assert (link["claim_a"], link["claim_b"], link["relation"]) == (first["id"], fourth["id"], "contradicts")
        assert link["created_by"] == REVIEWER
        shown = detail_text(app)
        assert "Links (1)" in shown and f"{en}:3" in shown and "contradicts" in shown
        # across articles: link the Arabic claim about 12 injured as corroborating
        await pilot.press("c")
        await pilot.pause()
        await pilot.press(*"وزارة الصحة")
        await pilot.pause()
        await pilot.press("enter")
        await pilot.pause()
        rel = {r["relation"] for r in db.query("SELECT relation FROM links")}
        assert rel == {"contradicts", "corroborates"}
        assert "Links (2)" in detail_text(app) and f"{ar}:1" in detail_text(app)


async def test_add_evidence(db, db_path, articles):
    en, ar = articles
    app = make_app(db_path, article_id=en)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("e")
        await pilot.pause()
        assert isinstance(app.screen, EvidenceScreen)
        app.screen.query_one("#ev-url").value = "https://example.org/port-statement"
        app.screen.query_one("#ev-title").value = "Port authority statement"
        app.screen.query_one("#ev-quote").value = "twelve workers were treated"
        app.screen.query_one("#ev-date").value = "2024-03-04"
        await pilot.press("ctrl+s")
        await pilot.pause()
        ev = next(db.query("SELECT * FROM evidence"))
        assert ev["url"] == "https://example.org/port-statement" and ev["stance"] == "supports"
        assert ev["added_by"] == REVIEWER and ev["claim_id"] == claim_row(db, en, 1)["id"]
        shown = detail_text(app)
        assert "Evidence (1)" in shown and "https://example.org/port-statement" in shown
        # a URL the library refuses: nothing saved, the error is shown in the form, the fields kept
        await pilot.press("e")
        await pilot.pause()
        app.screen.query_one("#ev-url").value = "javascript://alert(1)"
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert db.execute("SELECT count(*) FROM evidence").fetchone()[0] == 1
        assert isinstance(app.screen, EvidenceScreen)
        assert app.screen.query_one("#ev-url").value == "javascript://alert(1)"
        assert "http" in str(app.screen.query_one("#form-error").render())


async def test_correct_attribution(db, db_path, articles):
    en, ar = articles
    app = make_app(db_path, article_id=en)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("G")  # last claim: unattributed
        await pilot.pause()
        await pilot.press("a")
        await pilot.pause()
        assert isinstance(app.screen, AttributionScreen)
        app.screen.query_one("#at-source").value = "Port authority"
        await pilot.press("ctrl+s")
        await pilot.pause()
        override = next(db.query("SELECT * FROM claim_overrides"))
        assert override["claim_id"] == claim_row(db, en, 5)["id"] and override["updated_by"] == REVIEWER
        assert "Port authority (organization)" in detail_text(app) and "corrected by tester" in detail_text(app)
        assert table_rows(app.screen.query_one(ClaimsTable))[4][2].strip() == "Port authority"


async def test_filter_by_kind_and_source_then_clear(db_path, articles):
    en, ar = articles
    app = make_app(db_path, article_id=en)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("f")
        await pilot.pause()
        assert isinstance(app.screen, FilterScreen)
        app.screen.query_one("#filter-kind").value = "anonymous"
        await pilot.press("ctrl+s")
        await pilot.pause()
        rows = table_rows(app.screen.query_one(ClaimsTable))
        assert [r[0] for r in rows] == ["2", "3"]
        assert "2 of 5 claims" in plain(app.screen.query_one("#filter-info").content)
        assert "kind=anonymous" in plain(app.screen.query_one("#filter-info").content)
        await pilot.press("escape")  # clears the filter, stays on the article
        await pilot.pause()
        assert isinstance(app.screen, ArticleScreen)
        assert app.screen.query_one(ClaimsTable).row_count == 5
        source = app.screen.rows[3]["source_id"]
        await pilot.press("f")
        await pilot.pause()
        app.screen.query_one("#filter-source").value = source
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert [r[0] for r in table_rows(app.screen.query_one(ClaimsTable))] == ["4"]


async def test_search_folds_arabic_spelling(db_path, articles):
    en, ar = articles
    app = make_app(db_path, article_id=ar)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("slash")
        await pilot.pause()
        await pilot.press(*"اعلنت")  # typed without hamza: finds أعلنت
        await pilot.pause()
        assert [r[0] for r in table_rows(app.screen.query_one(ClaimsTable))] == ["1"]
        assert "search=" in plain(app.screen.query_one("#filter-info").content)
        await pilot.press("enter")  # keep the result, back to the table
        await pilot.pause()
        assert isinstance(app.focused, ClaimsTable)
        await pilot.press("escape")
        await pilot.pause()
        assert app.screen.query_one(ClaimsTable).row_count == 5
        # a search that matches nothing shows no claim, and escape comes back to the same claim
        await pilot.press("j", "j")
        await pilot.pause()
        third = app.screen.current_id
        await pilot.press("slash", *"zzz")
        await pilot.pause()
        assert app.screen.query_one(ClaimsTable).row_count == 0 and "no claim selected" in detail_text(app)
        await pilot.press("escape")
        await pilot.pause()
        assert app.screen.current_id == third and "Claim %d:3" % ar in detail_text(app)


async def test_stale_write_names_the_other_reviewer_and_reloads(db, db_path, articles):
    from factcheck.review.workflow import set_verdict

    en, ar = articles
    app = make_app(db_path, article_id=en)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        # another reviewer changes the claim after this screen read it
        set_verdict(db, claim_row(db, en, 1)["id"], "unverified", reviewer="alice")
        await pilot.press("v")
        await pilot.pause()
        await pick(pilot, PickerScreen, app.scale.labels.index("false"))
        assert isinstance(app.screen, StaleScreen)
        assert "alice" in plain(app.screen.query_one("#stale-message").content)
        assert claim_row(db, en, 1)["verdict"] == "unverified"  # nothing overwritten
        await pilot.press("r")
        await pilot.pause()
        assert isinstance(app.screen, ArticleScreen)
        assert "verdict: unverified" in detail_text(app) and "last change by alice" in detail_text(app)


async def test_export_writes_the_file_and_says_where(db_path, tmp_path, articles):
    en, ar = articles
    app = make_app(db_path, article_id=ar)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("E")
        await pilot.pause()
        assert isinstance(app.screen, ExportScreen)
        target = tmp_path / "out" / "review.md"
        target.parent.mkdir()
        app.screen.query_one("#export-path").value = str(target)
        await pilot.press("enter")
        await settle(pilot)
        assert target.exists() and "طرطوس" in target.read_text(encoding="utf-8")
        assert str(target) in plain(app.screen.query_one("#filter-info").content)


# ----------------------------------------------------------------------------- other screens


async def test_sources_screen_grade_and_rename(db, db_path, articles):
    en, ar = articles
    app = make_app(db_path, article_id=en)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("S")
        await settle(pilot)
        table = app.screen.query_one("#sources")
        names = [r[0].strip() for r in table_rows(table)]
        index = names.index("Port authority")
        table.move_cursor(row=index)
        await pilot.press("g")
        await pilot.pause()
        await pick(pilot, PickerScreen, 1)  # B usually reliable
        row = next(db.query("SELECT * FROM sources WHERE name = 'Port authority'"))
        assert row["grade"] == "B"
        assert table_rows(app.screen.query_one("#sources"))[index][3].strip() == "B"
        await pilot.press("r")
        await pilot.pause()
        app.screen.query_one("#prompt-input").value = "Northern Port Authority"
        await pilot.press("enter")
        await pilot.pause()
        assert next(db.query("SELECT name FROM sources WHERE id = ?", [row["id"]]))["name"] == "Northern Port Authority"
        assert "Northern Port Authority" in plain(app.screen.query_one("#source-info").content)
        # merge the local official into the civil defence source: its claim now counts as theirs
        names = [r[0].strip() for r in table_rows(app.screen.query_one("#sources"))]
        app.screen.query_one("#sources").move_cursor(row=names.index("local official"))
        await pilot.press("m")
        await pilot.pause()
        assert isinstance(app.screen, PickerScreen)
        await pilot.press(*"civil def", "enter")
        await pilot.pause()
        merged = next(db.query("SELECT * FROM sources WHERE name = 'local official'"))
        into = next(db.query("SELECT * FROM sources WHERE id = ?", [merged["merged_into"]]))
        assert into["name"] == "civil defence source"
        names = [r[0].strip() for r in table_rows(app.screen.query_one("#sources"))]
        assert "local official" not in names
        await pilot.press("escape")
        await pilot.pause()
        assert app.screen.rows[2]["source_name"] == "civil defence source"  # the article shows the merge


async def test_corroboration_screen_groups_links_and_decides_suggestions(db, db_path, monkeypatch, articles):
    from test_tui_example import Src, store_example

    from factcheck.review.links import add_link

    en, ar = articles
    add_link(db, claim_row(db, en, 1)["id"], claim_row(db, ar, 1)["id"], "corroborates", reviewer="alice")
    add_link(db, claim_row(db, en, 1)["id"], claim_row(db, en, 3)["id"], "contradicts", reviewer="alice")
    # another outlet's near-identical reports: the review library will suggest linking them
    other = store_example(
        db, monkeypatch,
        "The port authority said on Monday that 12 workers were injured in a fire at a warehouse near the "
        "northern docks."
        "\nCompany spokesman Samer Khatib said the fertiliser had been stored at the site for 66 days.",
        [Src("example-port-authority", "Port authority", "organization", "The port authority", "said"),
         Src("example-samer-khatib-en", "Samer Khatib", "person", "Samer Khatib", "said")],
        "en", title="Dock fire", outlet="Harbour Times",
    )
    app = make_app(db_path, article_id=en, auto_suggest=True)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)  # suggestions are computed in a worker when the article opens
        await pilot.press("C")
        await settle(pilot)
        rows = table_rows(app.screen.query_one("#links"))
        assert [r[0] for r in rows] == ["corroborating", "contradicting"]
        assert rows[0][4] == f"{ar}:1" and "1 indep." in rows[0][6] and "cred" in rows[0][6]
        suggestions = table_rows(app.screen.query_one("#suggestions"))
        assert len(suggestions) == len(app.screen.suggestions) >= 2
        assert {r[4] for r in suggestions} >= {f"{other}:1", f"{other}:2"}
        app.screen.query_one("#suggestions").focus()
        await pilot.pause()
        first = app.screen.suggestions[0]
        assert first["ref"].startswith(f"{en}:") and first["text"][:20] in plain(app.screen.query_one("#pair").content)
        await pilot.press("a")
        await pilot.pause()
        accepted = next(db.query("SELECT * FROM suggestions WHERE state = 'accepted'"))
        assert accepted["id"] == first["id"] and accepted["decided_by"] == REVIEWER
        assert db.execute("SELECT count(*) FROM links WHERE origin = 'suggestion'").fetchone()[0] == 1
        assert len(table_rows(app.screen.query_one("#links"))) == 3
        second = app.screen.suggestions[0]
        await pilot.press("d")
        await pilot.pause()
        assert next(db.query("SELECT state FROM suggestions WHERE id = ?", [second["id"]]))["state"] == "dismissed"
        assert second["id"] not in {s["id"] for s in app.screen.suggestions}
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, ArticleScreen)


async def test_help_lists_every_key_and_palette_lists_actions(db_path, articles):
    en, ar = articles
    app = make_app(db_path, article_id=en)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        screen = app.screen
        await pilot.press("question_mark")
        await pilot.pause()
        from factcheck.tui.screens.help import HelpScreen, key_table

        assert isinstance(app.screen, HelpScreen)
        listed = {(k, d) for _, items in app.screen.groups for k, d in items}
        for binding in ArticleScreen.BINDINGS:
            assert binding.description in {d for _, d in listed}, binding
        assert {"v", "s", "c", "x", "e", "n", "a", "E", "u", "/", "?"} <= {k for k, _ in listed}
        assert key_table(screen)[0][0].startswith("This screen")
        await pilot.press("escape")
        await pilot.pause()
        titles = {c.title for c in app.get_system_commands(screen)}
        assert {"Verdict", "Status", "Corroborate", "Contradict", "Evidence", "Note", "Attribute",
                "Undo", "Export", "Search", "Filter", "Sources"} <= titles


# ----------------------------------------------------------------------------- display safety and bidi


async def test_escape_sequences_in_an_article_never_reach_the_terminal(db, db_path, monkeypatch):
    from test_tui_example import Src, store_example

    text = "The minister said \x1b[2J\x1b]0;pwned\x07 the port is open.\nAn aide said \x9b31m nothing else."
    srcs = [Src("example-minister", "minister \x1b[31m", "person", "The minister", "said"), None]
    article = store_example(db, monkeypatch, text, srcs, "en", title="Evil \x1b[5mtitle", outlet="x")
    app = make_app(db_path, article_id=article)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        view = app.screen.query_one(ArticleView)
        drawn = "".join(seg.text for y in range(5) for seg in view.render_line(y))
        assert "␛[2J" in drawn and "\x1b" not in drawn and "\x07" not in drawn and "\x9b" not in drawn
        assert "\x1b" not in detail_text(app)
        cells = "".join("".join(r) for r in table_rows(app.screen.query_one(ClaimsTable)))
        assert "\x1b" not in cells and "␛" in cells
        assert "\x1b" not in app.export_screenshot()
        # dialogs prefilled with stored text show it inert too, and give it back unchanged
        await pilot.press("a")
        await pilot.pause()
        box = app.screen.query_one("#at-source")
        assert box.value == "minister ␛[31m"
        assert "\x1b" not in "".join(seg.text for y in range(3) for seg in box.render_line(y))
        sources_before = db.execute("SELECT count(*) FROM sources").fetchone()[0]
        await pilot.press("ctrl+s")
        await pilot.pause()
        override = next(db.query("SELECT o.*, s.name FROM claim_overrides o JOIN sources s ON s.id = o.source_id"))
        assert override["name"] == "minister \x1b[31m"
        assert db.execute("SELECT count(*) FROM sources").fetchone()[0] == sources_before
        # the stored text is untouched
        assert next(db.query("SELECT text FROM articles WHERE id = ?", [article]))["text"] == text


async def test_bidi_modes_switch_at_runtime(db_path, articles):
    en, ar = articles
    app = make_app(db_path, article_id=ar, bidi="terminal")
    first = AR_TEXT.split("\n")[0]
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        view = app.screen.query_one(ArticleView)
        assert view.lines[0].glyphs == first[: len(view.lines[0].glyphs)]  # logical order
        await pilot.press("B")  # terminal -> off
        await pilot.pause()
        assert app.bidi_mode == "off"
        await pilot.press("B")  # off -> app
        await pilot.pause()
        view = app.screen.query_one(ArticleView)
        assert app.bidi_mode == "app" and view.lines[0].glyphs.endswith(reorder("أعلنت", True))
        assert "bidi app" in plain(app.screen.query_one("#article-info").content)


async def test_link_picker_puts_suggestions_on_top_and_accepts_them(db, db_path, monkeypatch, articles):
    from test_tui_example import Src, store_example

    en, ar = articles
    other = store_example(
        db, monkeypatch,
        "The port authority said on Monday that 12 workers were injured in a fire at a warehouse near the "
        "northern docks.",
        [Src("example-port-authority", "Port authority", "organization", "The port authority", "said")],
        "en", title="Dock fire", outlet="Harbour Times",
    )
    app = make_app(db_path, article_id=en, auto_suggest=True)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)  # the suggestion worker ran when the article opened
        assert f"{other}:1" in detail_text(app) and "Suggested links" in detail_text(app)
        await pilot.press("c")
        await pilot.pause()
        picker = app.screen
        assert isinstance(picker, LinkPickerScreen)
        assert picker.suggested and picker.suggested[0][0] == claim_row(db, other, 1)["id"]
        first_prompt = picker.query_one("#link-options").get_option_at_index(1).prompt.plain
        assert f"{other}:1" in first_prompt  # right under the "Suggested" heading, with its score
        await pilot.press("enter")
        await pilot.pause()
        link = next(db.query("SELECT * FROM links"))
        assert link["origin"] == "suggestion" and link["relation"] == "corroborates" and link["score"] > 0
        assert next(db.query("SELECT state FROM suggestions WHERE claim_a = ? AND claim_b = ?",
                             [link["claim_a"], link["claim_b"]]))["state"] == "accepted"
        assert "Links (1)" in detail_text(app)


async def test_a_failing_worker_is_reported_not_swallowed(db_path, articles, monkeypatch):
    import factcheck.ingest

    def broken(*args, **kwargs):
        raise RuntimeError("disk on fire")

    monkeypatch.setattr(factcheck.ingest, "ingest_path", broken)
    app = make_app(db_path)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("i")
        app.screen.query_one("#ingest-path").value = "whatever.txt"
        await pilot.press("enter")
        await settle(pilot)
        assert any("disk on fire" in n.message for n in app._notifications)
        assert "2 articles" in plain(app.screen.query_one("#library-status").content)  # no endless "ingesting…"


async def test_an_article_deleted_by_someone_else_goes_back_to_the_library(db, db_path, articles):
    from factcheck.store.queries import delete_article

    en, ar = articles
    app = make_app(db_path, article_id=en)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        delete_article(db, en, reviewer="alice")
        await pilot.press("r")
        await settle(pilot)
        assert isinstance(app.screen, LibraryScreen)
        assert any("no article" in n.message for n in app._notifications)
        assert [r[0] for r in table_rows(app.screen.query_one("#articles"))] == [str(ar)]
