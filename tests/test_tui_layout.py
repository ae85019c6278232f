"""Small terminals: below ArticleScreen.COMPACT_SIZE the claims take the screen, 'd' cycles panes."""

from __future__ import annotations

from test_tui_example import REVIEWER, store_arabic, store_english

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


def test_a_long_role_gets_its_own_line_instead_of_being_cut(db, monkeypatch):
    from factcheck.review.detail import claim_detail
    from factcheck.review.scale import load_scale
    from factcheck.tui.bidi import set_shaping
    from factcheck.tui.format import inline
    from factcheck.tui.widgets.claim_detail import render_detail

    set_shaping(False)
    ar = store_arabic(db, monkeypatch)
    claim = db.execute("SELECT claim_id FROM attributions a JOIN claims c ON c.id = a.claim_id "
                       "WHERE c.article_id = ? AND a.source_id IS NOT NULL LIMIT 1", [ar]).fetchone()
    db.execute("UPDATE attributions SET role = ? WHERE claim_id = ?", ["المتحدث الرسمي باسم الإدارة العامة", claim[0]])
    detail = claim_detail(db, claim[0])
    text = render_detail(detail, width=50, mode="app", scale=load_scale(), colour="#ffffff").plain
    role_line = next(line for line in text.splitlines() if line.startswith("Role"))
    assert inline("المتحدث الرسمي باسم الإدارة العامة", "app") in role_line
    assert all(len(line) <= 50 for line in text.splitlines())
