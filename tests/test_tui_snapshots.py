"""Snapshots (pytest-textual-snapshot) of the main screens at 120x40, Arabic and English.

Deterministic: fixed reviewer, example articles with a fixed extraction, no clock, suggestions not
computed (their ranking belongs to the review library and has its own tests). Update after an
intended change with ``pytest tests/test_tui_snapshots.py --snapshot-update`` and look at the SVGs.
"""

from __future__ import annotations

import pytest
from test_tui_example import REVIEWER, store_arabic, store_english

from factcheck.tui.app import FactcheckApp

SIZE = (120, 40)


@pytest.fixture
def articles(db, monkeypatch):
    return store_english(db, monkeypatch), store_arabic(db, monkeypatch)


def make_app(db_path, **kwargs) -> FactcheckApp:
    return FactcheckApp(db_path, reviewer=REVIEWER, bidi="app", auto_suggest=False, **kwargs)


async def _settle(pilot) -> None:
    await pilot.pause()
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()


def test_snapshot_library(snap_compare, db_path, articles):
    assert snap_compare(make_app(db_path), terminal_size=SIZE, run_before=_settle)


def test_snapshot_arabic_article(snap_compare, db_path, articles):
    en, ar = articles

    async def run_before(pilot) -> None:
        await _settle(pilot)
        await pilot.press("j", "j")  # claim 3: Arabic with AC 130 and a number, relayed by an agency
        await pilot.pause()

    assert snap_compare(make_app(db_path, article_id=ar), terminal_size=SIZE, run_before=run_before)


def test_snapshot_english_article(snap_compare, db_path, articles):
    en, ar = articles

    async def run_before(pilot) -> None:
        await _settle(pilot)
        await pilot.press("j")  # claim 2: an anonymous source via a news agency
        await pilot.pause()

    assert snap_compare(make_app(db_path, article_id=en), terminal_size=SIZE, run_before=run_before)


def test_snapshot_corroboration_screen(snap_compare, db, db_path, articles):
    from factcheck.review.links import add_link
    from factcheck.store.refs import get_claim

    en, ar = articles
    add_link(db, get_claim(db, f"{en}:1")["id"], get_claim(db, f"{ar}:1")["id"], "corroborates", reviewer=REVIEWER)
    add_link(db, get_claim(db, f"{en}:1")["id"], get_claim(db, f"{en}:3")["id"], "contradicts", reviewer=REVIEWER)

    async def run_before(pilot) -> None:
        await _settle(pilot)
        await pilot.press("C")
        await _settle(pilot)

    assert snap_compare(make_app(db_path, article_id=en), terminal_size=SIZE, run_before=run_before)


def test_snapshot_help(snap_compare, db_path, articles):
    en, ar = articles

    async def run_before(pilot) -> None:
        await _settle(pilot)
        await pilot.press("question_mark")
        await pilot.pause()

    assert snap_compare(make_app(db_path, article_id=en), terminal_size=SIZE, run_before=run_before)


# --- small and large terminals: below ArticleScreen.COMPACT_SIZE the claims take the screen ---------

@pytest.mark.parametrize("size", [(80, 24), (200, 60)], ids=["80x24", "200x60"])
@pytest.mark.parametrize("lang", ["ar", "en"])
def test_snapshot_article_sizes(snap_compare, db_path, articles, lang, size):
    en, ar = articles

    async def run_before(pilot) -> None:
        await _settle(pilot)
        await pilot.press("j")
        await pilot.pause()

    app = make_app(db_path, article_id=ar if lang == "ar" else en)
    assert snap_compare(app, terminal_size=size, run_before=run_before)


@pytest.mark.parametrize("lang", ["ar", "en"])
def test_snapshot_80x24_detail_below_claims(snap_compare, db_path, articles, lang):
    en, ar = articles

    async def run_before(pilot) -> None:
        await _settle(pilot)
        await pilot.press("d")  # the claim detail below the claims
        await pilot.pause()

    app = make_app(db_path, article_id=ar if lang == "ar" else en)
    assert snap_compare(app, terminal_size=(80, 24), run_before=run_before)


@pytest.mark.parametrize("size", [(80, 24), (200, 60)], ids=["80x24", "200x60"])
def test_snapshot_library_sizes(snap_compare, db_path, articles, size):
    assert snap_compare(make_app(db_path), terminal_size=size, run_before=_settle)


def test_snapshot_80x24_arabic_typed_in_search(snap_compare, db_path, articles):
    en, ar = articles

    async def run_before(pilot) -> None:
        await _settle(pilot)
        await pilot.press("slash")
        for ch in "حريق الميناء":
            await pilot.press("space" if ch == " " else ch)
        await _settle(pilot)

    assert snap_compare(make_app(db_path, article_id=ar), terminal_size=(80, 24), run_before=run_before)


# --- help at 80x24, the pickers, the note box with Arabic ---------------------------------------


def _pressing(*keys: str):
    """A ``run_before`` that settles, presses ``keys`` (a screen change settles again), and pauses."""

    async def run_before(pilot) -> None:
        await _settle(pilot)
        for key in keys:
            await pilot.press(key)
            if key == "S":
                await _settle(pilot)
        await pilot.pause()

    return run_before


def test_snapshot_80x24_help(snap_compare, db_path, articles):
    app = make_app(db_path, article_id=articles[1])
    assert snap_compare(app, terminal_size=(80, 24), run_before=_pressing("question_mark"))


def test_snapshot_80x24_help_searched(snap_compare, db_path, articles):
    app = make_app(db_path, article_id=articles[1])
    assert snap_compare(app, terminal_size=(80, 24), run_before=_pressing("question_mark", *"verdict"))


@pytest.mark.parametrize("key", ["v", "s"], ids=["verdict", "status"])
@pytest.mark.parametrize("size", [(80, 24), (120, 40)], ids=["80x24", "120x40"])
def test_snapshot_pickers(snap_compare, db_path, articles, key, size):
    app = make_app(db_path, article_id=articles[1])
    assert snap_compare(app, terminal_size=size, run_before=_pressing(key))


def test_snapshot_80x24_grade_picker(snap_compare, db_path, articles):
    assert snap_compare(make_app(db_path), terminal_size=(80, 24), run_before=_pressing("S", "g"))


def test_snapshot_80x24_note_in_arabic(snap_compare, db_path, articles):
    en, ar = articles

    async def run_before(pilot) -> None:
        await _settle(pilot)
        await pilot.press("n")
        await pilot.pause()
        area = pilot.app.screen.query_one("#note-text")
        area.cursor_blink = False
        for ch in "لم يؤكد المرفأ الخبر":
            await pilot.press("space" if ch == " " else ch)
        await pilot.pause()

    assert snap_compare(make_app(db_path, article_id=ar), terminal_size=(80, 24), run_before=run_before)
