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


NOTE = "المصدر لم يؤكد الخبر"


def _note_app(db, db_path, monkeypatch, bidi: str) -> FactcheckApp:
    set_shaping(False)
    return FactcheckApp(db_path, reviewer=REVIEWER, bidi=bidi, auto_suggest=False,
                        article_id=store_arabic(db, monkeypatch))


async def _note_box(pilot):
    """Open the note box of the first claim: its text area (cursor not blinking)."""
    from textual.widgets import TextArea

    await pilot.pause()
    await pilot.press("n")
    await pilot.pause()
    area = pilot.app.screen.query_one("#note-text", TextArea)
    area.cursor_blink = False
    return area


async def test_the_note_box_draws_arabic_in_visual_order_and_saves_it_logical(db, db_path, monkeypatch):
    async with _note_app(db, db_path, monkeypatch, "app").run_test(size=(80, 24)) as pilot:
        area = await _note_box(pilot)
        await _type(pilot, NOTE)
        assert area.text == NOTE  # logical, as typed
        drawn = area.render_line(0).text
        assert drawn.rstrip().endswith(reorder(NOTE, True)) and NOTE not in drawn  # right-aligned, visual
        end = drawn.index(reorder(NOTE, True))
        assert area.cursor_location == (0, len(NOTE))
        # the end-of-line cursor is drawn just left of the text (where an Arabic line ends)
        assert _cursor_cell(area, 0) == end - 1
        await pilot.press("right")  # visual movement: right goes back towards the line's start
        assert area.cursor_location == (0, len(NOTE) - 1)
        assert _cursor_cell(area, 0) == end  # on the last letter, drawn leftmost
        await pilot.press("left")
        assert area.cursor_location == (0, len(NOTE))
        await pilot.press("enter")
        await _type(pilot, "checked with the port office")
        assert area.render_line(1).text.startswith("checked with the port office")  # Latin lines unchanged
        await pilot.press("ctrl+s")
        await pilot.pause()
    rationale = db.execute("SELECT rationale FROM claims WHERE rationale IS NOT NULL").fetchone()[0]
    assert rationale == NOTE + "\nchecked with the port office"  # stored in logical order


def _cursor_cell(area, y: int) -> int:
    """The cell of row ``y`` drawn in the cursor's style."""
    cursor = area._theme.cursor_style
    cells = [seg.style for seg in area.render_line(y) for _ in seg.text]
    return next(i for i, style in enumerate(cells) if style and cursor and style.bgcolor == cursor.bgcolor
                and style.color == cursor.color and style.reverse == cursor.reverse)


async def test_the_note_box_in_terminal_mode_is_logical(db, db_path, monkeypatch):
    async with _note_app(db, db_path, monkeypatch, "terminal").run_test(size=(80, 24)) as pilot:
        area = await _note_box(pilot)
        area.text = NOTE
        await pilot.pause()
        assert area.render_line(0).text.startswith(NOTE)


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


CONTROLS = ("\x1b", "\x07", "\u202e", "\x9b")


async def test_pasted_control_characters_are_drawn_inert_in_inputs_and_the_note_box():
    """ESC, BEL, a right-to-left override or a C1 CSI pasted into any box never reach the terminal
    raw, in every bidi mode and either direction; the value keeps what was pasted."""
    from textual.app import App

    from factcheck.tui.widgets.bidi_textarea import BidiTextArea

    class Boxes(App):
        bidi_mode = "app"

        def compose(self):
            yield BidiInput(id="box")
            yield BidiTextArea(id="area")

    pasted = ["port \x1b[31m closed \x07 \u202e evil \x9b2J", "قال \x1b[2J المصدر \u202e إن \x07 الميناء مغلق"]
    for mode in ("app", "terminal", "off"):
        app = Boxes()
        app.bidi_mode = mode
        async with app.run_test(size=(80, 12)) as pilot:
            box, area = app.query_one("#box", BidiInput), app.query_one("#area", BidiTextArea)
            for text in pasted:
                box.value = text
                area.text = text + "\n" + text
                await pilot.pause()
                assert box.value == text and area.text == text + "\n" + text
                drawn = [box.render_line(0).text] + [area.render_line(y).text for y in range(3)]
                for line in drawn:
                    assert not any(c in line for c in CONTROLS), (mode, line)
                assert "␛" in drawn[0] and "␛" in drawn[1] and "␛" in drawn[2], mode


async def test_no_screen_draws_a_raw_control_character(db, db_path):
    """Library, article (claims, detail, article text), sources, links and the dialogs, with an
    article, a source and a note full of escapes: every drawn line is inert."""
    from test_review_support import add_article, add_source

    from factcheck.review.workflow import mark

    add_source(db, "x", "مصدر \x1b]0;title\x07 مجهول \u202e")
    _, ids = add_article(db, [{"text": "قال المصدر \x1b[2J إن الجسر \x9b31m مغلق \u202e الآن.", "source": "x",
                               "role": "متحدث \x1b[1m"},
                              {"text": "The harbour \x1b[5m office said the pier \x07 was closed.", "source": "x"}],
                         lang="ar", title="عنوان \x1b[31m \u202e")
    mark(db, ids[0], status="reviewed", verdict="false", rationale="ملاحظة \x1b[31m \u202e", reviewer=REVIEWER)

    def drawn(app) -> list[str]:
        lines = []
        for widget in app.screen.walk_children(with_self=True):
            if not widget.display or not widget.size.area:
                continue
            for strip in widget.render_lines(widget.size.region):
                lines.append(strip.text)
        return lines

    for mode in ("app", "terminal"):
        app = FactcheckApp(db_path, reviewer=REVIEWER, bidi=mode, auto_suggest=False)
        async with app.run_test(size=(120, 40)) as pilot:
            await pilot.pause()
            seen = []
            for keys in ([], ["enter"], ["n"], ["escape", "a"], ["escape", "slash"], ["escape", "escape", "S"]):
                for key in keys:
                    await pilot.press(key)
                await pilot.pause()
                await app.workers.wait_for_complete()
                lines = drawn(app)
                seen += lines
                assert not any(c in line for line in lines for c in CONTROLS), (mode, keys)
            assert any("␛" in line for line in seen), mode


async def test_a_click_in_the_note_box_lands_on_the_letter_drawn_under_the_mouse():
    from textual.app import App

    from factcheck.tui.widgets.bidi_textarea import BidiTextArea

    set_shaping(False)

    class Box(App):
        bidi_mode = "app"

        def compose(self):
            yield BidiTextArea(NOTE + "\nport office", id="area")

    app = Box()
    async with app.run_test(size=(40, 8)) as pilot:
        area = app.query_one(BidiTextArea)
        await pilot.pause()
        drawn = area.render_line(0).text
        left, top = area.gutter.left, area.gutter.top  # widget cells before the text
        start = drawn.index(reorder(NOTE, True))
        await pilot.click(area, offset=(left + start, top))  # the leftmost letter: the last one typed
        assert area.cursor_location == (0, len(NOTE) - 1)
        await pilot.click(area, offset=(left + len(drawn) - 1, top))  # the rightmost: the first
        assert area.cursor_location == (0, 0)
        await pilot.click(area, offset=(left + start - 3, top))  # left of the text: the line's end
        assert area.cursor_location == (0, len(NOTE))
        await pilot.click(area, offset=(left + 2, top + 1))
        assert area.cursor_location == (1, 2)  # a Latin line: as TextArea does
