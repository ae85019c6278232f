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


LONG_NAME = "مسؤول رفيع في هيئة الموانئ البحرية"


def _long_named_claim(db, monkeypatch) -> tuple[int, int]:
    ar = store_arabic(db, monkeypatch)
    claim = db.execute("SELECT claim_id, source_id FROM attributions a JOIN claims c ON c.id = a.claim_id "
                       "WHERE c.article_id = ? AND a.source_id IS NOT NULL ORDER BY c.idx LIMIT 1", [ar]).fetchone()
    db.execute("UPDATE sources SET name = ? WHERE id = ?", [LONG_NAME, claim[1]])
    db.execute("UPDATE attributions SET role = ? WHERE claim_id = ?", ["المتحدث الرسمي باسم Harbour Authority", claim[0]])
    return ar, claim[0]


def test_a_long_name_and_a_mixed_role_wrap_under_their_key_instead_of_being_cut(db, monkeypatch):
    from factcheck.review.detail import claim_detail
    from factcheck.review.scale import load_scale
    from factcheck.tui.bidi import reorder, set_shaping
    from factcheck.tui.widgets.claim_detail import render_detail

    set_shaping(False)
    try:
        _, claim_id = _long_named_claim(db, monkeypatch)
        detail = claim_detail(db, claim_id)
        for width in (36, 50, 78):
            lines = render_detail(detail, width=width, mode="app", scale=load_scale(), colour="#ffffff").plain.splitlines()
            assert all(len(line) <= width for line in lines), width
            assert not any("…" in line for line in lines if line.startswith(("Source", "Role", "Mention"))), width
            at = next(i for i, line in enumerate(lines) if line.startswith("Source"))
            # the name reads whole (on one line when it fits the room beside the key)
            if len(LONG_NAME) <= width - 10:
                assert reorder(LONG_NAME, True) in lines[at]
            block = "\n".join(lines[at:at + 4])
            assert "Harbour Authority" in block  # the Latin run of the role is never split
            assert all(line.startswith(" " * 10) for line in lines[at + 1:at + 3] if not line.startswith(("Role", "Grade")))
    finally:
        set_shaping(None)


async def test_80x24_detail_pane_shows_the_whole_name(db, db_path, monkeypatch):
    from factcheck.tui.bidi import reorder

    ar, _ = _long_named_claim(db, monkeypatch)
    app, run = await _open(db_path, ar, (80, 24))
    async with run as pilot:
        await pilot.pause()
        await pilot.press("d")
        await pilot.pause()
        detail = app.screen.query_one(ClaimDetail)
        shown = detail.rendered_text()
        assert reorder(LONG_NAME, True) in shown and "Harbour Authority" in shown
        assert all(len(line) <= detail.scrollable_content_region.width for line in shown.splitlines())
