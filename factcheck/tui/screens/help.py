"""``?``: every key of the screen underneath, of its widgets and of the app, generated from bindings.

Type to narrow the list (keys, descriptions and headings; folded, so case and Arabic spelling
variants do not matter); escape closes.
"""

from __future__ import annotations

from rich.style import Style
from rich.table import Table
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual import on
from textual.containers import Vertical, VerticalScroll
from textual.screen import ModalScreen, Screen
from textual.widgets import Input, Static

from factcheck.tui.widgets.bidi_input import BidiInput

#: Widgets whose own keys are worth listing, by class name, with a friendly heading.
_WIDGET_HEADINGS = {
    "ClaimsTable": "Claims table",
    "ArticleView": "Article text",
    "DataTable": "Tables",
}
_EXTRA = [
    ("↑ ↓ / j k", "move between rows (claims, articles, sources)"),
    ("tab / shift+tab", "move between panes (claims table, detail, article text)"),
    ("ctrl+p", "command palette: every action by name"),
]


def _key_name(binding: Binding) -> str:
    if binding.key_display:
        return binding.key_display
    names = []
    for key in binding.key.split(","):
        key = key.strip()
        names.append({"question_mark": "?", "slash": "/", "delete": "del", "escape": "esc"}.get(key, key))
    return " / ".join(names)


def key_table(screen: Screen) -> list[tuple[str, list[tuple[str, str]]]]:
    """(heading, [(keys, description)]) for the screen, its notable widgets and the app."""
    groups: list[tuple[str, list[tuple[str, str]]]] = []

    def rows(bindings) -> list[tuple[str, str]]:
        out, seen = [], set()
        for binding in bindings:
            if not isinstance(binding, Binding) or not binding.description:
                continue
            item = (_key_name(binding), binding.description)
            if item not in seen:
                seen.add(item)
                out.append(item)
        return out

    title = getattr(screen, "sub_title", "") or type(screen).__name__
    groups.append((f"This screen ({title})", rows(type(screen).BINDINGS)))
    done: set[str] = set()
    for node in screen.walk_children():
        name = type(node).__name__
        if name in _WIDGET_HEADINGS and name not in done and type(node).__dict__.get("BINDINGS"):
            done.add(name)
            found = rows(type(node).__dict__["BINDINGS"])
            if found:
                groups.append((_WIDGET_HEADINGS[name], found))
    groups.append(("Everywhere", rows(type(screen.app).BINDINGS) + _EXTRA))
    return [(heading, items) for heading, items in groups if items]


class HelpScreen(ModalScreen):
    """The key list; ``?`` or escape closes it."""

    DEFAULT_CSS = """
    HelpScreen {
        align: center middle;
        background: $background 60%;
    }
    HelpScreen > Vertical {
        width: 76;
        max-width: 95%;
        height: auto;
        max-height: 90%;
        border: thick $accent;
        background: $panel;
        padding: 0 1;
    }
    HelpScreen VerticalScroll {
        height: auto;
        max-height: 1fr;
    }
    HelpScreen #help-filter {
        margin-bottom: 1;
    }
    """
    BINDINGS = [
        Binding("escape,q", "close", "Close", id="help.close"),
        Binding("question_mark", "close", "Close", show=False, id="help.toggle"),
        Binding("down", "scroll(1)", "Scroll down", show=False, id="help.down"),
        Binding("up", "scroll(-1)", "Scroll up", show=False, id="help.up"),
        Binding("pagedown", "scroll(10)", "Page down", show=False, id="help.pagedown"),
        Binding("pageup", "scroll(-10)", "Page up", show=False, id="help.pageup"),
    ]

    def __init__(self, screen: Screen) -> None:
        super().__init__()
        self.groups = key_table(screen)
        self.needle = ""

    def compose(self) -> ComposeResult:
        with Vertical():
            yield BidiInput(placeholder="type to search keys · esc close", id="help-filter")
            with VerticalScroll():
                yield Static(self._render_keys(), id="help-keys")

    def on_mount(self) -> None:
        self.query_one("#help-filter", Input).focus()

    def shown_groups(self) -> list[tuple[str, list[tuple[str, str]]]]:
        """The groups and rows the search lets through (a matching heading keeps its group)."""
        from factcheck.text.normalize import fold

        words = fold(self.needle).split()
        if not words:
            return self.groups
        out = []
        for heading, items in self.groups:
            if all(w in fold(heading) for w in words):
                out.append((heading, items))
                continue
            kept = [(k, d) for k, d in items if all(w in fold(f"{k} {d}") for w in words)]
            if kept:
                out.append((heading, kept))
        return out

    @on(Input.Changed, "#help-filter")
    def _filter(self, event: Input.Changed) -> None:
        self.needle = event.value
        self.query_one("#help-keys", Static).update(self._render_keys())

    def _render_keys(self) -> Table | Text:
        groups = self.shown_groups()
        if not groups:
            return Text(f"no key matches {self.needle!r}", style="dim")
        table = Table.grid(padding=(0, 2))
        table.add_column(style=Style(bold=True, color="#e5c07b"), no_wrap=True)
        table.add_column()
        for n, (heading, items) in enumerate(groups):
            if n:
                table.add_row("", "")
            table.add_row(Text(heading, style=Style(bold=True, color="#61afef")), "")
            for keys, description in items:
                table.add_row(Text(keys), Text(description))
        return table

    def action_scroll(self, lines: int) -> None:
        """Arrows scroll the list while the search box has the focus."""
        self.query_one(VerticalScroll).scroll_relative(y=lines, animate=False)

    def action_close(self) -> None:
        self.dismiss()
