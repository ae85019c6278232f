"""The review app: a thin Textual layer over the same library functions as the CLI.

Screens: library (articles) -> article review (claims, detail, highlighted text) -> sources,
corroboration and conflicts; help (``?``) and the command palette (``ctrl+p``) list every action.
Every change goes through ``factcheck.review`` at once (no save step). Quick reads and writes run
on the UI thread with the app's connection; long work (ingest, suggestions, export, big lists)
runs in thread workers, each with its own connection (:meth:`FactcheckApp.worker_db`).
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable, Mapping
from pathlib import Path
from typing import Any

from textual.app import App, SystemCommand
from textual.binding import Binding
from textual.screen import Screen

from factcheck.errors import FactcheckError, StaleWriteError
from factcheck.tui.bidi import MODES, resolve_mode


#: How often the app looks for other reviewers' changes (seconds).
CHANGE_CHECK_SECONDS = 2.0


class Outcome:
    """What :meth:`FactcheckApp.write` did: truthy when saved; ``value`` is the library's result."""

    __slots__ = ("ok", "value")

    def __init__(self, ok: bool, value: Any = None) -> None:
        self.ok, self.value = ok, value

    def __bool__(self) -> bool:
        return self.ok


class FactcheckApp(App[None]):
    """``factcheck review``: review articles claim by claim."""

    CSS_PATH = "app.tcss"
    TITLE = "factcheck"
    BINDINGS = [
        Binding("question_mark", "help", "Help", id="app.help"),
        Binding("q", "quit", "Quit", show=False, id="app.quit"),
        Binding("B", "cycle_bidi", "Bidi mode", show=False, id="app.bidi"),
    ]

    def __init__(
        self,
        db_path: str | os.PathLike[str],
        *,
        reviewer: str,
        bidi: str | None = "auto",
        article_id: int | None = None,
        environ: Mapping[str, str] | None = None,
        auto_suggest: bool = True,
        db: Any = None,
        remember_theme: bool = False,
        change_check: float = CHANGE_CHECK_SECONDS,
    ) -> None:
        """``db``: an already opened connection to ``db_path`` (the CLI's) to use on the UI thread.

        Pass it when the process already has the database open: opening it a second time
        (``open_db`` reads the file header) would drop the process's SQLite file locks.
        """
        super().__init__()
        from factcheck.review.scale import load_scale
        from factcheck.store import open_db

        from factcheck.store import is_server_url

        self.db_path = db_path if is_server_url(db_path) else Path(db_path)
        self.db = db if db is not None else open_db(self.db_path)
        self.reviewer = reviewer
        self.bidi_mode = resolve_mode(bidi, environ)
        self.scale = load_scale()
        self.initial_article = article_id
        self.auto_suggest = auto_suggest  # rank link suggestions when an article opens (in a worker)
        self.remember_theme = remember_theme  # a theme chosen in the palette is saved to the config file
        self.change_check = change_check  # seconds between looks for other reviewers' changes (0: never)
        self._seen_event = 0

    # ------------------------------------------------------------------ lifecycle

    def on_mount(self) -> None:
        from factcheck.tui.screens.article import ArticleScreen
        from factcheck.tui.screens.library import LibraryScreen

        from factcheck.store.queries import last_event_id

        self._seen_event = last_event_id(self.db)
        if self.change_check:
            self.set_interval(self.change_check, self.check_changes)
        self.push_screen(LibraryScreen())
        if self.initial_article is not None:
            self.push_screen(ArticleScreen(self.initial_article))
        if self.remember_theme:
            self.theme_changed_signal.subscribe(self, self._save_theme)

    def _save_theme(self, theme: Any) -> None:
        """Remember the theme chosen (command palette: "Change theme") in the config file."""
        from factcheck.config import settings

        current = settings()
        name = getattr(theme, "name", None) or str(theme)
        try:
            if current.file_values().get("theme") == name:
                return
            current.set("theme", name)
        except FactcheckError as exc:
            self.notify(str(exc), title="Theme not remembered", severity="warning", markup=False)
            return
        self.notify(f"theme {name} remembered in {current.path}", timeout=3, markup=False)

    def check_changes(self) -> list[dict[str, Any]]:
        """Look for changes by other reviewers (other processes, other machines) since the last
        look: one indexed query. Screens showing what changed redraw (``external_changes``)."""
        from factcheck.store.queries import changes_since

        try:
            events = changes_since(self.db, self._seen_event)
        except Exception:  # the server is unreachable for a moment: try again next time
            return []
        if not events:
            return []
        self._seen_event = events[-1]["id"]
        others = [e for e in events if e["reviewer"] != self.reviewer]
        if not others:
            return []
        for screen in self.screen_stack:
            hook = getattr(screen, "external_changes", None)
            if hook is not None:
                hook(others)
        who = ", ".join(sorted({e["reviewer"] for e in others}))
        self.notify(f"{who} changed the review: shown as it is now", timeout=3, markup=False)
        return others

    def on_unmount(self) -> None:
        try:
            self.db.close()
        except Exception:  # closing twice or after a failed open is harmless
            pass

    def worker_db(self):
        """A fresh connection for a worker thread (close it when done)."""
        from factcheck.store import connect

        return connect(self.db_path, check_same_thread=False)

    # ------------------------------------------------------------------ writes

    def write(
        self,
        change: Callable[[Any], Any],
        *,
        done: str | None = None,
        reload: Callable[[], None] | None = None,
    ) -> Outcome:
        """Run one library write with the app's connection; report errors, offer reload on conflicts.

        The returned :class:`Outcome` is false when the write was refused (already reported).
        """
        try:
            result = change(self.db)
        except StaleWriteError as exc:
            from factcheck.tui.screens.modals import StaleScreen

            def after(choice: bool | None) -> None:
                if choice and reload is not None:
                    reload()

            self.push_screen(StaleScreen(str(exc), changed_by=exc.changed_by, changed_at=exc.changed_at), after)
            return Outcome(False)
        except FactcheckError as exc:
            self.notify(str(exc), title="Not saved", severity="error", markup=False)
            return Outcome(False)
        if done:
            self.notify(done, markup=False, timeout=3)
        return Outcome(True, result)

    # ------------------------------------------------------------------ actions

    def action_help(self) -> None:
        from factcheck.tui.screens.help import HelpScreen

        if isinstance(self.screen, HelpScreen):
            self.screen.dismiss()
            return
        self.push_screen(HelpScreen(self.screen))

    def action_cycle_bidi(self) -> None:
        """Switch the right-to-left display mode: app -> terminal -> off -> app."""
        order = [m for m in MODES if m != "auto"]
        self.set_bidi(order[(order.index(self.bidi_mode) + 1) % len(order)])

    def set_bidi(self, mode: str) -> None:
        self.bidi_mode = resolve_mode(mode, {})
        for screen in self.screen_stack:
            refresh = getattr(screen, "bidi_changed", None)
            if refresh is not None:
                refresh()
        self.notify(f"bidi display: {self.bidi_mode}", timeout=2)

    def open_sources(self) -> None:
        from factcheck.tui.screens.sources import SourcesScreen

        self.push_screen(SourcesScreen())

    # ------------------------------------------------------------------ command palette

    def get_system_commands(self, screen: Screen) -> Iterable[SystemCommand]:
        yield from super().get_system_commands(screen)
        yield SystemCommand("Help: keys", "List every key of this screen", self.action_help)
        yield SystemCommand("Sources", "Canonical sources: aliases, grades, merge and rename", self.open_sources)
        for mode in ("app", "terminal", "off"):
            yield SystemCommand(
                f"Bidi display: {mode}",
                "How right-to-left text is shown (app reorders it, terminal leaves it to the terminal)",
                lambda mode=mode: self.set_bidi(mode),
            )
        commands = getattr(screen, "palette_commands", None)
        if commands is not None:
            for title, help_text, callback in commands():
                yield SystemCommand(title, help_text, callback)
