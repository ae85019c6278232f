"""Small terminals: below ArticleScreen.COMPACT_SIZE the claims take the screen, 'd' cycles panes."""

from __future__ import annotations

from test_tui_example import REVIEWER, store_english

from factcheck.tui.app import FactcheckApp
from factcheck.tui.screens.article import ArticleScreen
from factcheck.tui.widgets.article_view import ArticleView
from factcheck.tui.widgets.claim_detail import ClaimDetail
from factcheck.tui.widgets.claims_table import ClaimsTable


async def _open(db_path, article, size):
    app = FactcheckApp(db_path, reviewer=REVIEWER, bidi="app", auto_suggest=False, article_id=article)
    return app, app.run_test(size=size)


async def test_80x24_claims_take_the_screen_and_d_cycles_panes(db, db_path, monkeypatch):
    en = store_english(db, monkeypatch)
    app, run = await _open(db_path, en, (80, 24))
    async with run as pilot:
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, ArticleScreen) and screen.has_class("-compact")
        table, detail, text = screen.query_one(ClaimsTable), screen.query_one(ClaimDetail), screen.query_one(ArticleView)
        assert table.size.width >= 78 and not detail.display and not text.display
        assert table.size.height >= 16  # most of the 24 rows show claims
        assert table.columns["claim"].width >= 36
        await pilot.press("d")
        await pilot.pause()
        assert detail.display and not text.display and detail.region.y > table.region.y  # stacked below
        await pilot.press("d")
        await pilot.pause()
        assert text.display and not detail.display
        await pilot.press("d")
        await pilot.pause()
        assert not detail.display and not text.display
        await pilot.resize_terminal(140, 45)
        await pilot.pause()
        assert not screen.has_class("-compact") and detail.display and text.display
        assert detail.region.x > table.region.x  # side by side again
