"""``?``: every key of the screen underneath, of its widgets and of the app, generated from bindings."""

from __future__ import annotations

from rich.style import Style
from rich.table import Table
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import ModalScreen, Screen
from textual.widgets import Static

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
    HelpScreen > VerticalScroll {
        width: 76;
        max-width: 95%;
        height: auto;
        max-height: 90%;
        border: thick $accent;
        background: $panel;
        padding: 0 1;
    }
    """
    BINDINGS = [
        Binding("escape,q", "close", "Close", id="help.close"),
        Binding("question_mark", "close", "Close", show=False, id="help.toggle"),
    ]

    def __init__(self, screen: Screen) -> None:
        super().__init__()
        self.groups = key_table(screen)

    def compose(self) -> ComposeResult:
        with VerticalScroll():
            yield Static(self._render_keys(), id="help-keys")

    def _render_keys(self) -> Table:
        table = Table.grid(padding=(0, 2))
        table.add_column(style=Style(bold=True, color="#e5c07b"), no_wrap=True)
        table.add_column()
        for n, (heading, items) in enumerate(self.groups):
            if n:
                table.add_row("", "")
            table.add_row(Text(heading, style=Style(bold=True, color="#61afef")), "")
            for keys, description in items:
                table.add_row(Text(keys), Text(description))
        return table

    def action_close(self) -> None:
        self.dismiss()
