"""Accelerators in the verdict, status and grade pickers; the searchable help; path completion in
the ingest box; the theme chosen in the palette remembered in the config file."""

from __future__ import annotations

from test_tui_example import REVIEWER, store_arabic, store_english

from factcheck.tui.app import FactcheckApp
from factcheck.tui.screens.help import HelpScreen
from factcheck.tui.screens.modals import PickerScreen, accelerator_keys
from factcheck.tui.widgets.path_input import complete_path


def _app(db_path, **kwargs) -> FactcheckApp:
    return FactcheckApp(db_path, reviewer=REVIEWER, bidi="app", auto_suggest=False, **kwargs)


async def _press(pilot, *keys: str) -> None:
    for key in keys:
        await pilot.press(key)
    await pilot.pause()


def _claim(db, article: int, idx: int) -> dict:
    return db.execute("SELECT status, verdict FROM claims WHERE article_id = ? AND idx = ?", [article, idx]).fetchone()


def test_accelerator_keys_are_numbers_then_first_free_letters():
    keys = accelerator_keys(["corroborated", "partly corroborated", "unverified", "", "not checkable"])
    assert {k: v for k, v in keys.items() if k.isalpha()} == {"c": 0, "p": 1, "u": 2, "n": 4}
    assert [keys[str(i)] for i in range(1, 6)] == [0, 1, 2, 3, 4]
    assert accelerator_keys(["reviewed", "in_review", "unreviewed", "needs_follow_up"])["i"] == 1
    assert accelerator_keys(["aa", "ab"])["b"] == 1  # a is taken: the next letter of the value
    assert "0" not in accelerator_keys(list("abcdefghijk")) and "9" in accelerator_keys(list("abcdefghijk"))


async def test_verdict_and_status_by_letter_and_number(db, db_path, monkeypatch):
    en = store_english(db, monkeypatch)
    async with _app(db_path, article_id=en).run_test(size=(120, 40)) as pilot:
        await _press(pilot, "v")
        assert isinstance(pilot.app.screen, PickerScreen)
        assert "f" in pilot.app.screen.keys  # shown before each verdict
        await pilot.press("f")  # false
        await pilot.pause()
        assert not isinstance(pilot.app.screen, PickerScreen)
        assert _claim(db, en, 1)[1] == "false"
        await pilot.press("s")
        await pilot.pause()
        await pilot.press("3")  # the third status: reviewed
        await pilot.pause()
        assert _claim(db, en, 1) == ("reviewed", "false")


async def test_grade_picker_by_letter(db, db_path, monkeypatch):
    store_english(db, monkeypatch)
    async with _app(db_path).run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        await pilot.app.workers.wait_for_complete()
        pilot.app.open_sources()
        await pilot.pause()
        await pilot.app.workers.wait_for_complete()
        await pilot.pause()
        source = pilot.app.screen.current
        await pilot.press("g")
        await pilot.pause()
        assert isinstance(pilot.app.screen, PickerScreen)
        await pilot.press("b")
        await pilot.pause()
        assert db.execute("SELECT grade FROM sources WHERE id = ?", [source["id"]]).fetchone()[0] == "B"


async def test_help_is_searchable(db, db_path, monkeypatch):
    ar = store_arabic(db, monkeypatch)
    async with _app(db_path, article_id=ar).run_test(size=(120, 40)) as pilot:
        await _press(pilot, "question_mark")
        help_screen = pilot.app.screen
        assert isinstance(help_screen, HelpScreen)
        everything = sum(len(items) for _, items in help_screen.shown_groups())
        await _press(pilot, *"VERDICT")
        rows = [row for _, items in help_screen.shown_groups() for row in items]
        assert ("v", "Verdict") in rows and len(rows) < everything
        await _press(pilot, *"zzz")
        assert help_screen.shown_groups() == []
        await pilot.press("escape")
        await pilot.pause()
        assert not isinstance(pilot.app.screen, HelpScreen)


def test_complete_path(tmp_path):
    (tmp_path / "reports").mkdir()
    (tmp_path / "reports" / "gaza_aid.txt").write_text("x")
    (tmp_path / "reports" / "gaza_aid.html").write_text("x")
    (tmp_path / "reports" / "notes.bin").write_text("x")
    (tmp_path / "readme.md").write_text("x")
    (tmp_path / ".hidden").write_text("x")
    assert complete_path("rep", cwd=tmp_path) == "reports/"
    assert complete_path("re", cwd=tmp_path) == "reports/"  # folders first when nothing is in common
    assert complete_path("reports/g", cwd=tmp_path) == "reports/gaza_aid."  # the common start
    assert complete_path("reports/gaza_aid.t", cwd=tmp_path) == "reports/gaza_aid.txt"
    assert complete_path("reports/", cwd=tmp_path) == "reports/gaza_aid.html"  # article files first
    assert complete_path(f"{tmp_path}/readm") == f"{tmp_path}/readme.md"
    assert complete_path(".hid", cwd=tmp_path) == ".hidden" and complete_path("", cwd=tmp_path) is None
    assert complete_path("nothing-here", cwd=tmp_path) is None
    assert complete_path("https://example.org/a", cwd=tmp_path) is None
    assert complete_path("missing/dir/x", cwd=tmp_path) is None


async def test_ingest_box_completes_with_tab(db, db_path, monkeypatch, tmp_path):
    folder = tmp_path / "inbox"
    folder.mkdir()
    (folder / "port_strike.txt").write_text("The union said the strike would continue.", encoding="utf-8")
    async with _app(db_path).run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        await pilot.press("i")
        await pilot.pause()
        box = pilot.app.screen.query_one("#ingest-path")
        box.value = f"{folder}/po"
        box.cursor_position = len(box.value)
        await pilot.pause()
        await pilot.app.workers.wait_for_complete()
        await pilot.pause()
        await pilot.press("tab")
        assert box.value == f"{folder}/port_strike.txt"


async def test_theme_chosen_is_remembered(db, db_path, monkeypatch, tmp_path):
    from factcheck.config import settings

    async with _app(db_path, remember_theme=True).run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        pilot.app.theme = "nord"  # what the palette's "Change theme" does
        await pilot.pause()
        await pilot.pause()
    assert settings().file_values().get("theme") == "nord"


async def test_theme_not_saved_unless_asked(db, db_path):
    from factcheck.config import settings

    async with _app(db_path).run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        pilot.app.theme = "nord"
        await pilot.pause()
    assert "theme" not in settings().file_values()
