"""The library's metadata dialog (Pilot): a reviewer corrects title, outlet, URL and date."""

from __future__ import annotations

import json

from test_tui_flows import SIZE, make_app, settle, table_rows
from test_tui_example import store_english

from factcheck.tui.screens.library import LibraryScreen
from factcheck.tui.screens.metadata import MetadataScreen


async def test_edit_metadata_from_the_library(db, db_path, monkeypatch):
    article_id = store_english(db, monkeypatch)
    before = db["articles"].get(article_id)
    app = make_app(db_path)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        assert isinstance(app.screen, LibraryScreen)
        await pilot.press("m")
        await pilot.pause()
        assert isinstance(app.screen, MetadataScreen)
        assert app.screen.query_one("#meta-title").value == (before["title"] or "")
        app.screen.query_one("#meta-title").value = "Corrected headline"
        app.screen.query_one("#meta-outlet").value = "The Courier"
        app.screen.query_one("#meta-published").value = "2024-05-06"
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert isinstance(app.screen, LibraryScreen)
        assert any("Corrected headline" in " ".join(row) for row in table_rows(app.screen.query_one("#articles")))
        # a bad date is refused with a message; nothing changes
        await pilot.press("m")
        await pilot.pause()
        app.screen.query_one("#meta-published").value = "6 May"
        await pilot.press("ctrl+s")
        await settle(pilot)
        # escape leaves everything as it is
        await pilot.press("m")
        await pilot.pause()
        app.screen.query_one("#meta-outlet").value = "Not saved"
        await pilot.press("escape")
        await settle(pilot)
    row = db["articles"].get(article_id)
    assert (row["title"], row["outlet"], row["published"]) == ("Corrected headline", "The Courier", "2024-05-06")
    assert row["url"] == before["url"]
    events = list(db.query("SELECT reviewer, before, after FROM events WHERE action = 'metadata'"))
    assert len(events) == 1
    assert json.loads(events[0]["after"]) == {"title": "Corrected headline", "outlet": "The Courier",
                                              "published": "2024-05-06"}
    assert json.loads(events[0]["before"])["title"] == before["title"]
