"""Correcting an article's metadata (title, outlet, URL, publication date) from the library.

The dialog returns the four fields; :func:`edit_article_metadata` hands them to the ingest library
(``factcheck.ingest.web.edit_metadata``), which checks them and writes one ``metadata`` event.
"""

from __future__ import annotations

from typing import Any

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.widgets import Button, Input, Label

from factcheck.tui.bidi import sanitize_line
from factcheck.tui.screens.modals import Dialog
from factcheck.tui.widgets.bidi_input import BidiInput

FIELDS = (("title", "Title"), ("outlet", "Outlet"), ("url", "URL (http/https)"), ("published", "Published (YYYY-MM-DD)"))


class MetadataScreen(Dialog):
    """Four inputs filled with the current values. Returns ``{field: value}`` or None."""

    BINDINGS = [Binding("ctrl+s", "save", "Save", id="metadata.save")]

    def __init__(self, title: str, current: dict[str, Any]) -> None:
        super().__init__(title)
        self.current = {key: current.get(key) or "" for key, _ in FIELDS}

    def compose(self) -> ComposeResult:
        with Vertical(id="dialog"):
            yield self.title_widget()
            for key, label in FIELDS:
                yield Label(label, classes="field-label")
                yield BidiInput(sanitize_line(self.current[key]), id=f"meta-{key}")
            yield Label("empty clears a field · the change goes to the audit trail", classes="hint")
            with Horizontal(classes="buttons"):
                yield Button("Cancel (esc)", id="cancel")
                yield Button("Save (ctrl+s)", id="save", variant="primary")

    def on_mount(self) -> None:
        self.query_one("#meta-title", Input).focus()

    @on(Button.Pressed, "#save")
    @on(Input.Submitted)
    def action_save(self) -> None:
        values = {key: self.query_one(f"#meta-{key}", Input).value for key, _ in FIELDS}
        # fields left as shown are not sent (a sanitised display form must not overwrite the value)
        self.dismiss({key: value for key, value in values.items() if value != sanitize_line(self.current[key])})

    @on(Button.Pressed, "#cancel")
    def _cancel(self) -> None:
        self.dismiss(None)


def edit_article_metadata(screen: Any, article: dict[str, Any], after=None) -> None:
    """Open the dialog for ``article`` (a library row) on ``screen``; save through the app."""
    app = screen.app
    article_id = article["id"]

    def chosen(changes: dict[str, str] | None) -> None:
        if not changes:
            return
        from factcheck.ingest.web import edit_metadata

        outcome = app.write(lambda db: edit_metadata(db, article_id, changes, reviewer=app.reviewer))
        if outcome:
            changed = ", ".join(outcome.value["after"]) if outcome.value and outcome.value["after"] else "nothing"
            app.notify(f"article {article_id}: {changed} changed", markup=False, timeout=3)
            if after is not None:
                after()

    app.push_screen(MetadataScreen(f"Metadata of article {article_id}", article), chosen)
