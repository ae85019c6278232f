"""Dialogs: confirmation, pickers, forms (evidence, note, attribution, export), stale writes.

Each returns its result through ``dismiss`` (``None`` on escape); none writes to the database
itself: the calling screen passes the result to the review library.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Input, Label, OptionList, Select, Static, TextArea
from textual.widgets.option_list import Option

from factcheck.tui.bidi import sanitize, sanitize_line
from factcheck.tui.format import inline
from factcheck.tui.widgets.bidi_input import BidiInput


def _plain(text: str | Text) -> Text:
    return text if isinstance(text, Text) else Text(sanitize_line(text))


class Dialog(ModalScreen):
    """A centred box with a title; escape cancels."""

    DEFAULT_CSS = """
    Dialog {
        align: center middle;
        background: $background 60%;
    }
    Dialog > #dialog {
        width: 84;
        max-width: 95%;
        height: auto;
        max-height: 90%;
        border: thick $accent;
        background: $panel;
        padding: 0 1;
    }
    Dialog #dialog-title {
        text-style: bold;
        width: 100%;
        padding-bottom: 1;
    }
    Dialog .hint {
        color: $text-muted;
        padding-top: 1;
    }
    Dialog .field-label {
        padding-top: 1;
    }
    Dialog .buttons {
        height: auto;
        align-horizontal: right;
        padding-top: 1;
    }
    Dialog .buttons Button {
        margin-left: 1;
    }
    """

    BINDINGS = [Binding("escape", "cancel", "Cancel", id="dialog.cancel")]

    def __init__(self, title: str | Text) -> None:
        super().__init__()
        self.dialog_title = _plain(title)

    def title_widget(self) -> Static:
        return Static(self.dialog_title, id="dialog-title")

    def error_widget(self, message: str = "") -> Static:
        """The line a form shows its validation errors on (the fields keep what was typed)."""
        widget = Static(Text(sanitize_line(message), style="bold red"), id="form-error", classes="form-error")
        widget.display = bool(message)
        return widget

    def show_error(self, message: str) -> None:
        widget = self.query_one("#form-error", Static)
        widget.update(Text(sanitize_line(message), style="bold red"))
        widget.display = True

    def action_cancel(self) -> None:
        self.dismiss(None)


class ConfirmScreen(Dialog):
    """Yes / no. Returns True or None."""

    BINDINGS = [
        Binding("y", "confirm", "Yes", id="confirm.yes"),
        Binding("n", "cancel", "No", id="confirm.no"),
    ]

    def __init__(self, title: str, message: str | Text, *, yes: str = "Delete") -> None:
        super().__init__(title)
        self.message = _plain(message)
        self.yes = yes

    def compose(self) -> ComposeResult:
        with Vertical(id="dialog"):
            yield self.title_widget()
            yield Static(self.message, id="confirm-message")
            with Horizontal(classes="buttons"):
                yield Button("Cancel (n)", id="no")
                yield Button(f"{self.yes} (y)", id="yes", variant="error")

    def on_mount(self) -> None:
        self.query_one("#no", Button).focus()

    @on(Button.Pressed, "#yes")
    def action_confirm(self) -> None:
        self.dismiss(True)

    @on(Button.Pressed, "#no")
    def _no(self) -> None:
        self.dismiss(None)


def accelerator_keys(values: Sequence[Any]) -> dict[str, int]:
    """Keys choosing an option at once: ``1``-``9`` by position, and for each text value the first
    of its letters no earlier option took (``corroborated`` c, ``partly corroborated`` p, grade
    ``A`` a). Returns key -> option index."""
    keys: dict[str, int] = {str(i + 1): i for i in range(min(9, len(values)))}
    for index, value in enumerate(values):
        for ch in str(value or "").lower():
            if "a" <= ch <= "z" and ch not in keys:
                keys[ch] = index
                break
    return keys


class _Keyed:
    """An option prompt after its keys, continuation lines indented under the prompt."""

    def __init__(self, keys: Text, prompt: Text) -> None:
        self.keys, self.prompt = keys, prompt
        self.plain = keys.plain + " " + prompt.plain

    def __rich_console__(self, console, options):
        from rich.table import Table

        grid = Table.grid(padding=(0, 1))
        grid.add_column(width=4, no_wrap=True)
        grid.add_column(ratio=1)
        grid.add_row(self.keys, self.prompt)
        yield grid


class PickerScreen(Dialog):
    """Choose one value from a list (enter); type in the box to narrow long lists."""

    DEFAULT_CSS = """
    PickerScreen OptionList {
        height: auto;
        max-height: 24;
    }
    """

    def __init__(
        self,
        title: str | Text,
        options: Sequence[tuple[Any, Text | str]],
        *,
        current: Any = None,
        filterable: bool = False,
        hint: str = "enter choose · esc cancel",
        accelerators: bool = False,
    ) -> None:
        """``accelerators``: 1-9 and a letter of each value (shown before it) choose at once."""
        super().__init__(title)
        self.options = [(value, _plain(prompt)) for value, prompt in options]
        self.current = current
        self.filterable = filterable
        self.hint = hint
        self._shown: list[Any] = []
        self.keys: dict[str, Any] = accelerator_keys([v for v, _ in self.options]) if accelerators and not filterable else {}
        if self.keys:
            by_value: dict[int, list[str]] = {}
            for key, index in self.keys.items():
                by_value.setdefault(index, []).append(key)
            self.options = [(value, _Keyed(Text("  ".join(sorted(by_value.get(i, []))), style="dim"), prompt))
                            for i, (value, prompt) in enumerate(self.options)]
            self.hint = hint.replace("enter choose", "enter or key choose")

    def compose(self) -> ComposeResult:
        with Vertical(id="dialog"):
            yield self.title_widget()
            if self.filterable:
                yield BidiInput(placeholder="type to filter", id="picker-filter")
            yield OptionList(id="picker-options")
            yield Static(self.hint, classes="hint")

    BINDINGS = [
        Binding("down", "move(1)", "Next", show=False, id="picker.down"),
        Binding("up", "move(-1)", "Previous", show=False, id="picker.up"),
    ]

    def on_mount(self) -> None:
        self._fill("")
        if self.filterable:
            self.query_one("#picker-filter", Input).focus()
        else:
            self.query_one(OptionList).focus()

    def action_move(self, step: int) -> None:
        """Arrows move through the list while typing in the filter box."""
        option_list = self.query_one(OptionList)
        option_list.action_cursor_down() if step > 0 else option_list.action_cursor_up()

    def _fill(self, needle: str) -> None:
        from factcheck.text.normalize import fold

        wanted = fold(needle)
        option_list = self.query_one(OptionList)
        option_list.clear_options()
        self._shown = []
        highlight = None
        for value, prompt in self.options:
            if wanted and wanted not in fold(prompt.plain):
                continue
            if value == self.current:
                highlight = len(self._shown)
            self._shown.append(value)
            option_list.add_option(Option(prompt))
        if self._shown:
            option_list.highlighted = highlight or 0

    def on_key(self, event) -> None:
        if event.character and event.character in self.keys:
            event.stop()
            self.dismiss(self.options[self.keys[event.character]][0])

    @on(Input.Changed, "#picker-filter")
    def _filter(self, event: Input.Changed) -> None:
        self._fill(event.value)

    @on(Input.Submitted, "#picker-filter")
    def _submit_filter(self) -> None:
        option_list = self.query_one(OptionList)
        if option_list.highlighted is not None and self._shown:
            self.dismiss(self._shown[option_list.highlighted])

    @on(OptionList.OptionSelected)
    def _chosen(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self.dismiss(self._shown[event.option_index])


class TextPromptScreen(Dialog):
    """One line of text (rename). Returns the text or None."""

    def __init__(self, title: str | Text, *, value: str = "", placeholder: str = "") -> None:
        super().__init__(title)
        self.value = value
        self.placeholder = placeholder

    def compose(self) -> ComposeResult:
        with Vertical(id="dialog"):
            yield self.title_widget()
            yield BidiInput(value=sanitize_line(self.value), placeholder=self.placeholder, id="prompt-input")
            yield Static("enter save · esc cancel", classes="hint")

    @on(Input.Submitted)
    def _submit(self, event: Input.Submitted) -> None:
        # an untouched value comes back as stored (the box shows control characters as symbols)
        self.dismiss(self.value if event.value == sanitize_line(self.value) else event.value)


class NoteScreen(Dialog):
    """A multi-line note (the claim's rationale). Returns the text or None.

    In ``app`` bidi mode the text area draws Arabic lines in visual order (``BidiTextArea``);
    the note is kept and saved in logical order."""

    DEFAULT_CSS = """
    NoteScreen TextArea {
        height: 10;
    }
    """
    BINDINGS = [Binding("ctrl+s", "save", "Save", id="note.save")]

    def __init__(self, title: str | Text, *, text: str = "") -> None:
        super().__init__(title)
        self.text = text or ""

    def compose(self) -> ComposeResult:
        from factcheck.tui.widgets.bidi_textarea import BidiTextArea

        with Vertical(id="dialog"):
            yield self.title_widget()
            yield BidiTextArea(sanitize(self.text), id="note-text", soft_wrap=True, show_line_numbers=False)
            with Horizontal(classes="buttons"):
                yield Button("Cancel (esc)", id="cancel")
                yield Button("Save (ctrl+s)", id="save", variant="primary")

    def on_mount(self) -> None:
        self.query_one(TextArea).focus()

    @on(Button.Pressed, "#save")
    def action_save(self) -> None:
        text = self.query_one(TextArea).text
        self.dismiss(self.text if text == sanitize(self.text) else text)

    @on(Button.Pressed, "#cancel")
    def _cancel(self) -> None:
        self.dismiss(None)


class EvidenceScreen(Dialog):
    """URL or document reference, title, quoted passage, date and stance. Returns a dict or None."""

    BINDINGS = [Binding("ctrl+s", "save", "Save", id="evidence.save")]

    def __init__(self, title: str | Text, stances: Sequence[str]) -> None:
        super().__init__(title)
        self.stances = list(stances)

    def compose(self) -> ComposeResult:
        with Vertical(id="dialog"):
            yield self.title_widget()
            yield self.error_widget()
            yield Label("URL (http/https) or document reference", classes="field-label")
            yield BidiInput(placeholder="https://…  or  report.pdf p. 4", id="ev-url")
            yield Label("Title", classes="field-label")
            yield BidiInput(id="ev-title")
            yield Label("Quoted passage", classes="field-label")
            yield BidiInput(id="ev-quote")
            yield Label("Date (YYYY-MM-DD)", classes="field-label")
            yield BidiInput(id="ev-date")
            yield Label("Stance", classes="field-label")
            yield Select(
                [(s, s) for s in self.stances], value=self.stances[0], allow_blank=False, id="ev-stance"
            )
            with Horizontal(classes="buttons"):
                yield Button("Cancel (esc)", id="cancel")
                yield Button("Add (ctrl+s)", id="save", variant="primary")

    def on_mount(self) -> None:
        self.query_one("#ev-url", Input).focus()

    @on(Button.Pressed, "#save")
    @on(Input.Submitted)
    def action_save(self) -> None:
        """Check the fields here, so a mistake is shown in the form with everything kept."""
        from factcheck.errors import InputError
        from factcheck.review.evidence import check_date, check_url, with_scheme

        box = self.query_one("#ev-url", Input)
        ref = box.value.strip()
        offer = with_scheme(ref)
        if offer:  # www.example.org/page: offer the https:// it lacks, the reviewer confirms
            box.value = offer
            self.show_error(f"added https:// to the address: check it and save again (ctrl+s)")
            box.focus()
            return
        if not ref:
            self.show_error("a URL or a document reference is required")
            box.focus()
            return
        is_url = "://" in ref or ref.lower().startswith(("http:", "https:"))
        date = self.query_one("#ev-date", Input).value.strip()
        try:
            if is_url:
                check_url(ref)
            if date:
                check_date(date)
        except InputError as exc:
            self.show_error(str(exc))
            self.query_one("#ev-date" if date and "date" in str(exc) else "#ev-url", Input).focus()
            return
        value = {
            "url": ref if is_url else None,
            "doc_ref": None if is_url else ref or None,
            "title": self.query_one("#ev-title", Input).value.strip() or None,
            "quote": self.query_one("#ev-quote", Input).value.strip() or None,
            "date": self.query_one("#ev-date", Input).value.strip() or None,
            "stance": self.query_one("#ev-stance", Select).value,
        }
        self.dismiss(value)

    @on(Button.Pressed, "#cancel")
    def _cancel(self) -> None:
        self.dismiss(None)


class AttributionScreen(Dialog):
    """Correct a claim's attribution: source, kind, via chain, role, note. Returns a dict or None."""

    BINDINGS = [Binding("ctrl+s", "save", "Save", id="attribution.save")]

    def __init__(self, title: str | Text, *, current: dict[str, Any], kinds: Sequence[str],
                 source_names: Sequence[str], error: str = "") -> None:
        super().__init__(title)
        self.current = current
        self.kinds = list(kinds)
        self.source_names = list(source_names)
        self.error = error

    def compose(self) -> ComposeResult:
        from textual.suggester import SuggestFromList

        suggester = SuggestFromList(self.source_names, case_sensitive=False)
        with Vertical(id="dialog"):
            yield self.title_widget()
            yield self.error_widget(self.error)
            yield Label("Source (a known name, alias or a new name)", classes="field-label")
            yield BidiInput(value=self._shown("source"), suggester=suggester, id="at-source")
            yield Label("Kind", classes="field-label")
            kind = self.current.get("kind")
            yield Select([(k, k) for k in self.kinds], value=kind if kind in self.kinds else Select.NULL,
                         prompt="(keep the source's kind)", id="at-kind")
            yield Label("Via (relaying sources, origin side first, separated by ;)", classes="field-label")
            yield BidiInput(value=self._shown("via"), suggester=suggester, id="at-via")
            yield Label("Role", classes="field-label")
            yield BidiInput(value=self._shown("role"), id="at-role")
            yield Label("Note", classes="field-label")
            yield BidiInput(value=self._shown("note"), id="at-note")
            with Horizontal(classes="buttons"):
                yield Button("Cancel (esc)", id="cancel")
                yield Button("Save (ctrl+s)", id="save", variant="primary")

    def _raw(self, field: str) -> str:
        value = self.current.get(field)
        return "; ".join(value) if isinstance(value, list) else value or ""

    def _shown(self, field: str) -> str:
        """Prefilled text, control characters shown as symbols (never sent to the terminal)."""
        return sanitize_line(self._raw(field))

    def _value(self, field: str) -> str:
        """What the reviewer left in a box; an untouched box gives back the stored value."""
        value = self.query_one(f"#at-{field}", Input).value
        return self._raw(field) if value == self._shown(field) else value

    @on(Button.Pressed, "#save")
    @on(Input.Submitted)
    def action_save(self) -> None:
        source = self._value("source").strip()
        if not source:
            self.show_error("a source is required")
            return
        kind = self.query_one("#at-kind", Select).value
        via = [v.strip() for v in self._value("via").split(";") if v.strip()]
        self.dismiss(
            {
                "source": source,
                "kind": None if kind == Select.NULL else kind,
                "via": via,
                "role": self._value("role").strip() or None,
                "note": self._value("note").strip() or None,
            }
        )

    @on(Button.Pressed, "#cancel")
    def _cancel(self) -> None:
        self.dismiss(None)


class BoundaryScreen(Dialog):
    """Claim boundaries: split after some words, move the start/end, or merge with the next claim.

    Returns ``{"action": "split", "after": words}``, ``{"action": "adjust", "start", "end"}``,
    ``{"action": "merge"}`` or None. The article text never changes; other claims never move.
    """

    BINDINGS = [Binding("ctrl+s", "save", "Save", id="boundary.save")]

    def __init__(self, title: str | Text, *, text: str, start: int, end: int, has_next: bool,
                 error: str = "", values: dict[str, str] | None = None) -> None:
        super().__init__(title)
        self.text, self.start, self.end, self.has_next = text, start, end, has_next
        self.error = error
        self.values = values or {}

    def compose(self) -> ComposeResult:
        with Vertical(id="dialog"):
            yield self.title_widget()
            yield self.error_widget(self.error)
            yield Static(Text(sanitize_line(self.text)), id="bd-text")
            yield Label("Split right after these words (the rest becomes a new claim)", classes="field-label")
            yield BidiInput(value=self.values.get("after", ""), id="bd-after")
            yield Label("Or move the span: start and end offsets in the article text", classes="field-label")
            with Horizontal(classes="buttons"):
                yield BidiInput(value=self.values.get("start", str(self.start)), id="bd-start")
                yield BidiInput(value=self.values.get("end", str(self.end)), id="bd-end")
            with Horizontal(classes="buttons"):
                yield Button("Cancel (esc)", id="cancel")
                yield Button("Merge with the next claim", id="merge", disabled=not self.has_next)
                yield Button("Save (ctrl+s)", id="save", variant="primary")

    def typed(self) -> dict[str, str]:
        return {k: self.query_one(f"#bd-{k}", Input).value for k in ("after", "start", "end")}

    @on(Button.Pressed, "#save")
    @on(Input.Submitted)
    def action_save(self) -> None:
        typed = self.typed()
        if typed["after"].strip():
            self.dismiss({"action": "split", "after": typed["after"], "typed": typed})
            return
        try:
            start, end = int(typed["start"].strip()), int(typed["end"].strip())
        except ValueError:
            self.show_error("start and end are whole numbers (offsets into the article text)")
            return
        if (start, end) == (self.start, self.end):
            self.show_error("nothing changed: type the words to split after, or new offsets")
            return
        self.dismiss({"action": "adjust", "start": start, "end": end, "typed": typed})

    @on(Button.Pressed, "#merge")
    def _merge(self) -> None:
        self.dismiss({"action": "merge", "typed": self.typed()})

    @on(Button.Pressed, "#cancel")
    def _cancel(self) -> None:
        self.dismiss(None)


class ExportScreen(Dialog):
    """Format, path (and for ClaimReview the organisation). Returns a dict or None."""

    DEFAULT_CSS = """
    ExportScreen OptionList {
        height: auto;
        max-height: 8;
    }
    ExportScreen #export-org {
        height: auto;
        display: none;
    }
    ExportScreen.-claimreview #export-org {
        display: block;
    }
    """

    def __init__(self, title: str | Text, *, formats: Sequence[str], suffixes: dict[str, str], stem: str,
                 directory: str, org_name: str = "", org_url: str = "") -> None:
        """``org_name``/``org_url``: what the settings hold; when either is missing, the ClaimReview
        export asks for it and the result carries ``save_org`` so the caller stores it."""
        super().__init__(title)
        self.formats = list(formats)
        self.suffixes = suffixes
        self.stem = stem
        self.directory = directory
        self.org_name = org_name
        self.org_url = org_url

    def _path_for(self, fmt: str) -> str:
        import os

        return os.path.join(self.directory, f"{self.stem}{self.suffixes.get(fmt, '.' + fmt)}")

    def compose(self) -> ComposeResult:
        with Vertical(id="dialog"):
            yield self.title_widget()
            yield OptionList(*[Option(Text(f)) for f in self.formats], id="export-formats")
            yield Label("Write to", classes="field-label")
            yield BidiInput(value=self._path_for(self.formats[0]), id="export-path")
            yield self.error_widget()
            with Vertical(id="export-org"):
                yield Label("Reviewing organisation (ClaimReview author; saved to your config file)",
                            classes="field-label")
                yield BidiInput(value=self.org_name, placeholder="name", id="export-org-name")
                yield BidiInput(value=self.org_url, placeholder="https://…", id="export-org-url")
            yield Static("↑↓ format · enter export · esc cancel", classes="hint")

    def on_mount(self) -> None:
        option_list = self.query_one(OptionList)
        option_list.highlighted = 0
        option_list.focus()

    @on(OptionList.OptionHighlighted)
    def _format_changed(self, event: OptionList.OptionHighlighted) -> None:
        fmt = self.formats[event.option_index]
        path = self.query_one("#export-path", Input)
        if path.value in {self._path_for(f) for f in self.formats}:
            path.value = self._path_for(fmt)
        self.set_class(fmt == "claimreview", "-claimreview")

    @on(OptionList.OptionSelected)
    @on(Input.Submitted)
    def _export(self) -> None:
        index = self.query_one(OptionList).highlighted or 0
        path = self.query_one("#export-path", Input).value.strip()
        if not path:
            self.notify("a path is required", severity="warning")
            return
        fmt = self.formats[index]
        opts: dict[str, Any] = {}
        save: dict[str, str] = {}
        if fmt == "claimreview":
            from factcheck.review.evidence import with_scheme

            name_box = self.query_one("#export-org-name", Input)
            url_box = self.query_one("#export-org-url", Input)
            name, url = name_box.value.strip(), url_box.value.strip()
            if not name or not url:
                self.show_error("ClaimReview needs the reviewing organisation: its name and web address")
                (url_box if name else name_box).focus()
                return
            offer = with_scheme(url)
            if offer:
                url_box.value = offer
                self.show_error("added https:// to the organisation's address: check it and press enter again")
                url_box.focus()
                return
            from urllib.parse import urlsplit

            parts = urlsplit(url)
            if parts.scheme.lower() not in ("http", "https") or not parts.netloc or " " in url:
                self.show_error(f"{url!r} is not an http(s) address")
                url_box.focus()
                return
            opts = {"org_name": name, "org_url": url}
            if name != self.org_name:
                save["org.name"] = name
            if url != self.org_url:
                save["org.url"] = url
        self.dismiss({"format": fmt, "path": path, "options": opts, "save_org": save})


class StaleScreen(Dialog):
    """Someone else changed the record: show who and when; offer to reload. Returns True to reload."""

    BINDINGS = [Binding("r", "reload", "Reload", id="stale.reload")]

    def __init__(self, message: str, *, changed_by: str | None = None, changed_at: str | None = None) -> None:
        super().__init__("Not saved: changed by another reviewer")
        self.message = message
        self.changed_by = changed_by
        self.changed_at = changed_at

    def compose(self) -> ComposeResult:
        with Vertical(id="dialog"):
            yield self.title_widget()
            yield Static(Text(inline(self.message, self.app.bidi_mode)), id="stale-message")
            yield Static(
                "Reload to see their change, then make yours again if it still applies.", classes="hint"
            )
            with Horizontal(classes="buttons"):
                yield Button("Keep (esc)", id="keep")
                yield Button("Reload (r)", id="reload", variant="primary")

    def on_mount(self) -> None:
        self.query_one("#reload", Button).focus()

    @on(Button.Pressed, "#reload")
    def action_reload(self) -> None:
        self.dismiss(True)

    @on(Button.Pressed, "#keep")
    def _keep(self) -> None:
        self.dismiss(None)


class FilterScreen(Dialog):
    """Filter the claims table by source, kind, status and verdict. Returns the filter dict or None."""

    BINDINGS = [Binding("ctrl+s", "apply", "Apply", id="filter.apply")]

    FIELDS = ("source", "kind", "status", "verdict")

    def __init__(self, current: dict[str, Any], choices: dict[str, Sequence[tuple[str, Any]]]) -> None:
        super().__init__("Filter claims")
        self.current = current
        self.choices = choices

    def compose(self) -> ComposeResult:
        with Vertical(id="dialog"):
            yield self.title_widget()
            for field in self.FIELDS:
                yield Label(field.capitalize(), classes="field-label")
                options = [(_plain(label), value) for label, value in self.choices.get(field, ())]
                value = self.current.get(field)
                known = {v for _, v in options}
                yield Select(options, prompt="(any)", value=value if value in known else Select.NULL,
                             id=f"filter-{field}")
            with Horizontal(classes="buttons"):
                yield Button("Clear", id="clear")
                yield Button("Apply (ctrl+s)", id="apply", variant="primary")

    @on(Button.Pressed, "#apply")
    def action_apply(self) -> None:
        out = {}
        for field in self.FIELDS:
            value = self.query_one(f"#filter-{field}", Select).value
            out[field] = None if value == Select.NULL else value
        self.dismiss(out)

    @on(Button.Pressed, "#clear")
    def _clear(self) -> None:
        self.dismiss({field: None for field in self.FIELDS})


class LinkPickerScreen(Dialog):
    """Pick the claim to link with: suggestions first, then the article's claims; type to search all.

    ``search(query)`` returns extra ``(claim_id, Text)`` rows (claims of any article). Returns a claim id.
    """

    DEFAULT_CSS = """
    LinkPickerScreen OptionList {
        height: auto;
        max-height: 26;
    }
    """

    def __init__(
        self,
        title: str | Text,
        *,
        suggested: Sequence[tuple[int, Text]],
        claims: Sequence[tuple[int, Text]],
        search: Callable[[str], Sequence[tuple[int, Text]]],
    ) -> None:
        super().__init__(title)
        self.suggested = list(suggested)
        self.claims = list(claims)
        self.search = search
        self._shown: list[int | None] = []

    def compose(self) -> ComposeResult:
        with Vertical(id="dialog"):
            yield self.title_widget()
            yield BidiInput(placeholder="type to search claims of every article", id="link-search")
            yield OptionList(id="link-options")
            yield Static("↑↓ move · enter link · esc cancel", classes="hint")

    BINDINGS = [
        Binding("down", "move(1)", "Next", show=False, id="link.down"),
        Binding("up", "move(-1)", "Previous", show=False, id="link.up"),
    ]

    def on_mount(self) -> None:
        self._fill("")
        self.query_one("#link-search", Input).focus()

    def action_move(self, step: int) -> None:
        """Arrows move through the list while typing in the search box."""
        option_list = self.query_one(OptionList)
        option_list.action_cursor_down() if step > 0 else option_list.action_cursor_up()

    def _fill(self, query: str) -> None:
        option_list = self.query_one(OptionList)
        option_list.clear_options()
        self._shown = []
        groups: list[tuple[str, Sequence[tuple[int, Text]]]] = []
        if query.strip():
            groups.append(("Matching claims", self.search(query)))
        else:
            groups.append(("Suggested", self.suggested))
            groups.append(("Claims of this article", self.claims))
        seen: set[int] = set()
        for heading, rows in groups:
            rows = [(cid, text) for cid, text in rows if cid not in seen]
            if not rows:
                continue
            option_list.add_option(Option(Text(heading, style="bold"), disabled=True))
            self._shown.append(None)
            for claim_id, prompt in rows:
                seen.add(claim_id)
                option_list.add_option(Option(prompt))
                self._shown.append(claim_id)
        first = next((i for i, cid in enumerate(self._shown) if cid is not None), None)
        if first is not None:
            option_list.highlighted = first

    @on(Input.Changed, "#link-search")
    def _search(self, event: Input.Changed) -> None:
        self._fill(event.value)

    @on(Input.Submitted, "#link-search")
    def _submit(self) -> None:
        option_list = self.query_one(OptionList)
        index = option_list.highlighted
        if index is not None and self._shown[index] is not None:
            self.dismiss(self._shown[index])

    @on(OptionList.OptionSelected)
    def _chosen(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        claim_id = self._shown[event.option_index]
        if claim_id is not None:
            self.dismiss(claim_id)


def undo_or_redo(screen: Any, which: str, after: Callable[[dict[str, Any]], None]) -> None:
    """Tell the reviewer what ``which`` ("undo" or "redo") is about to revert, and do it on yes.

    ``after(result)`` runs once the change is made (the screen reloads what it shows).
    """
    from factcheck.review import history

    app = screen.app
    preview = (history.undo_preview if which == "undo" else history.redo_preview)(app.db, reviewer=app.reviewer)
    if preview is None:
        screen.notify(f"nothing to {which}", severity="warning")
        return
    event = preview["event"]
    where = ""
    if event.get("claim_id"):
        from factcheck.store.search import claim_ref_of

        ref = claim_ref_of(app.db, event["claim_id"])
        where = f" (claim {ref})" if ref else ""
    message = Text(f"{which.capitalize()} your last {'change' if which == 'undo' else 'undo'}{where}:\n")
    message.append(sanitize_line(preview["summary"]), "bold")

    def confirmed(yes: bool | None) -> None:
        if not yes:
            return
        change = history.undo_last if which == "undo" else history.redo_last
        outcome = app.write(lambda db: change(db, reviewer=app.reviewer), reload=getattr(screen, "action_reload", None))
        if not outcome:
            return
        if outcome.value is None:
            screen.notify(f"nothing to {which}", severity="warning")
            return
        screen.notify(f"{which} done: {outcome.value.get('summary', '')}", markup=False, timeout=3)
        after(outcome.value)

    app.push_screen(ConfirmScreen(which.capitalize(), message, yes=which.capitalize()), confirmed)
