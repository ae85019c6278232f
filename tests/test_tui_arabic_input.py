"""Arabic typed into inputs reads in visual order in ``app`` bidi mode; the value stays logical.
Letter shaping is display only."""

from __future__ import annotations

import unicodedata

from textual.widgets import Input
from test_tui_example import REVIEWER, store_arabic

from factcheck.tui.app import FactcheckApp
from factcheck.tui.bidi import reorder, set_shaping, shape
from factcheck.tui.widgets.bidi_input import BidiInput

QUERY = "حريق الميناء"


def _line(widget) -> str:
    return widget.render_line(0).text


async def _type(pilot, text: str) -> None:
    for ch in text:
        await pilot.press("space" if ch == " " else ch)
    await pilot.pause()


async def _search_box(db_path, article: int, text: str, *, bidi: str = "app") -> tuple[str, str, BidiInput]:
    """Type ``text`` into the article's search box: (value, first drawn line, the box)."""
    app = FactcheckApp(db_path, reviewer=REVIEWER, bidi=bidi, auto_suggest=False, article_id=article)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        await pilot.press("slash")
        await _type(pilot, text)
        box = app.screen.query_one("#search", Input)
        return box.value, _line(box), box


async def test_typed_arabic_search_reads_in_visual_order(db, db_path, monkeypatch):
    set_shaping(False)  # order first: shaping is checked below
    ar = store_arabic(db, monkeypatch)
    app = FactcheckApp(db_path, reviewer=REVIEWER, bidi="app", auto_suggest=False, article_id=ar)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        await pilot.press("slash")
        await _type(pilot, QUERY)
        box = app.screen.query_one("#search", Input)
        assert isinstance(box, BidiInput)
        assert box.value == QUERY  # logical, as typed
        shown = _line(box)
        assert reorder(QUERY) in shown and QUERY not in shown
        # right-to-left: the first letter typed is drawn at the right end of the text
        assert shown.index(QUERY[0]) > shown.index(QUERY[-1])
        # the cursor (at the end of the value) is drawn left of the text
        assert box._cursor_offset == 0
        await pilot.press("home")
        assert box.cursor_position == 0 and box._cursor_offset == len(QUERY)  # the rightmost letter
        # editing still works on the logical value
        await pilot.press("end", "backspace")
        assert box.value == QUERY[:-1]


async def test_inputs_without_arabic_or_outside_app_mode_draw_as_typed(db, db_path, monkeypatch):
    ar = store_arabic(db, monkeypatch)
    assert QUERY in (await _search_box(db_path, ar, QUERY, bidi="terminal"))[1]  # the terminal reorders
    assert "fire 12" in (await _search_box(db_path, ar, "fire 12"))[1]


async def test_shaping_joins_letters_for_display_only(db, db_path, monkeypatch):
    set_shaping(True)
    ar = store_arabic(db, monkeypatch)
    value, shown, _ = await _search_box(db_path, ar, QUERY)
    assert value == QUERY
    joined = shown.strip()
    assert any("\ufe70" <= ch <= "\ufeff" for ch in joined)  # presentation forms (U+FExx)
    set_shaping(False)
    # the same letters in the same visual order, only in their joined forms
    assert unicodedata.normalize("NFKC", joined) == reorder(QUERY)
    stored = db.execute("SELECT text FROM claims WHERE article_id = ?", [ar]).fetchall()
    assert not any("\ufe70" <= ch <= "\ufeff" for (text,) in stored for ch in text)


def test_shape_is_one_for_one_and_keeps_marks_and_latin():
    set_shaping(True)
    for text in ("مُحَمَّد قال", "لا إله", "وزارة الدفاع via Reuters", "CENTCOM"):
        shaped = shape(text)
        assert len(shaped) == len(text)
        assert [c for c in text if c.isascii()] == [c for c in shaped if c.isascii()]
    assert shape("CENTCOM 12") == "CENTCOM 12"
    assert "\u064f" in shape("مُحَمَّد")  # the damma stays where it was


def test_shaping_setting(monkeypatch):
    from factcheck.tui.bidi import shaping

    monkeypatch.setenv("FACTCHECK_SHAPING", "off")
    set_shaping(None)
    assert shaping() is False
    monkeypatch.setenv("FACTCHECK_SHAPING", "auto")
    set_shaping(None)
    assert shaping() is True


async def test_note_shows_arabic_as_it_reads(db, db_path, monkeypatch):
    from textual.widgets import Static, TextArea

    set_shaping(False)
    ar = store_arabic(db, monkeypatch)
    app = FactcheckApp(db_path, reviewer=REVIEWER, bidi="app", auto_suggest=False, article_id=ar)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        await pilot.press("n")
        await pilot.pause()
        area = app.screen.query_one("#note-text", TextArea)
        area.text = "المصدر لم يؤكد الخبر"
        await pilot.pause()
        preview = app.screen.query_one("#note-preview", Static)
        assert app.screen.has_class("-preview")
        assert reorder("المصدر لم يؤكد الخبر") in str(preview.render())
        area.text = "checked with the port office"
        await pilot.pause()
        assert not app.screen.has_class("-preview")


def test_every_input_of_the_app_is_a_bidi_input():
    """Typed Arabic reads right everywhere (search, link search, attribution, metadata, export...)."""
    from pathlib import Path

    import factcheck.tui

    root = Path(factcheck.tui.__file__).parent
    plain = [f"{p.relative_to(root)}:{n}" for p in root.rglob("*.py")
             for n, line in enumerate(p.read_text(encoding="utf-8").splitlines(), 1) if "yield Input(" in line]
    assert plain == []


async def test_completion_of_an_arabic_name_is_drawn_in_visual_order():
    from textual.app import App
    from textual.suggester import SuggestFromList

    name = "وزارة الدفاع"

    class One(App):
        bidi_mode = "app"

        def compose(self):
            yield BidiInput(suggester=SuggestFromList([name], case_sensitive=True), id="box")

    set_shaping(False)
    app = One()
    async with app.run_test(size=(60, 5)) as pilot:
        await _type(pilot, "وزارة")
        await pilot.app.workers.wait_for_complete()
        await pilot.pause()
        box = app.query_one(BidiInput)
        assert box.value == "وزارة" and reorder(name) in _line(box)  # the whole name, tail faded
        await pilot.press("right")  # accept
        assert box.value == name
