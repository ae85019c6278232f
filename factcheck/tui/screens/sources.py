"""Canonical sources: aliases, kind, family, reliability grade, claims by verdict; merge, rename, grade."""

from __future__ import annotations

from typing import Any

from rich.style import Style
from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.widgets import DataTable, Footer, Header, Static

from factcheck.tui.bidi import is_rtl, sanitize_line
from factcheck.tui.format import block, cell, glyph, inline
from factcheck.tui.screens.base import BaseScreen

COLUMNS = (("Source", 28), ("Kind", 12), ("Family", 24), ("Grade", 5), ("Claims", 6), ("Verdicts", 0))


class SourcesScreen(BaseScreen):
    DEFAULT_CSS = """
    SourcesScreen #sources {
        height: 1fr;
    }
    SourcesScreen #source-info {
        height: 7;
        padding: 0 1;
        background: $panel;
        border-top: tall $primary-background;
    }
    """

    BINDINGS = [
        Binding("g", "grade", "Grade", id="sources.grade"),
        Binding("m", "merge", "Merge into…", id="sources.merge"),
        Binding("r", "rename", "Rename", id="sources.rename"),
        Binding("u", "undo", "Undo", id="sources.undo"),
        Binding("j", "cursor('down')", "Down", show=False, id="sources.down"),
        Binding("k", "cursor('up')", "Up", show=False, id="sources.up"),
        Binding("escape", "back", "Back", id="sources.back"),
    ]

    def __init__(self) -> None:
        super().__init__()
        self.sources: list[dict[str, Any]] = []

    def compose(self) -> ComposeResult:
        yield Header()
        yield DataTable(id="sources", cursor_type="row")
        yield Static(id="source-info")
        yield Footer(compact=True)

    def on_mount(self) -> None:
        self.sub_title = "sources"
        self.load()
        self.query_one(DataTable).focus()

    def bidi_changed(self) -> None:
        if self.is_mounted:
            self.load(keep=self.current_id)

    def load(self, keep: int | None = None) -> None:
        from factcheck.review.sources import list_sources

        self.sources = list_sources(self.app.db)
        mode = self.app.bidi_mode
        table = self.query_one(DataTable)
        rest = max(16, self.app.size.width - sum(w for _, w in COLUMNS) - 2 * len(COLUMNS) - 2)
        with self.app.batch_update():
            table.clear(columns=True)
            for name, width in COLUMNS:
                table.add_column(name, width=width or rest, key=name)
            for src in self.sources:
                table.add_row(
                    cell(src["name"], 28, mode, style=Style(bold=True)),
                    Text(src.get("kind") or "", style="dim"),
                    cell(src.get("family_root") if len(src.get("family") or []) > 1 else "", 24, mode, style="dim"),
                    Text(src.get("grade") or "F", justify="center"),
                    Text(str(src.get("claims", 0)), justify="right"),
                    self._verdicts(src.get("verdicts") or {}),
                    key=str(src["id"]),
                )
        ids = [s["id"] for s in self.sources]
        if keep in ids:
            table.move_cursor(row=ids.index(keep), animate=False)
        self._show_info()

    def _verdicts(self, counts: dict[Any, int]) -> Text:
        out = Text(no_wrap=True, overflow="crop", end="")
        for verdict, count in sorted(counts.items(), key=lambda kv: (kv[0] is None, str(kv[0]))):
            out.append_text(glyph("unreviewed" if verdict is None else None, verdict, self.app.scale))
            out.append(f"{count} ")
        return out

    @property
    def current(self) -> dict[str, Any] | None:
        table = self.query_one(DataTable)
        if not self.sources or not 0 <= table.cursor_row < len(self.sources):
            return None
        return self.sources[table.cursor_row]

    @property
    def current_id(self) -> int | None:
        src = self.current
        return src["id"] if src else None

    @on(DataTable.RowHighlighted)
    def _show_info(self) -> None:
        src = self.current
        info = self.query_one("#source-info", Static)
        if src is None:
            info.update(Text("no sources yet", style="dim"), layout=False)
            return
        mode = self.app.bidi_mode
        width = max(20, self.app.size.width - 4)
        text = Text(no_wrap=True, overflow="crop", end="")
        text.append(inline(src["name"], mode), Style(bold=True))
        grade = f"grade {src.get('grade')} ({src.get('grade_label') or ''})"
        text.append(f"  #{src['id']} {src.get('kind')} · {grade}", "dim")
        if src.get("role"):
            text.append(f" · {inline(src['role'], mode)}", "dim")
        family = src.get("family") or []
        if len(family) > 1:
            text.append("\nfamily   ", "dim")
            text.append(" › ".join(inline(f, mode) for f in family))
        aliases = src.get("aliases") or []
        for rtl in (False, True):  # Latin-script aliases, then right-to-left ones, each its own paragraph
            group = [sanitize_line(a) for a in aliases if is_rtl(a) == rtl]
            if group:
                lines = block(" · ".join(group), width, mode, indent=9, max_lines=2)
                text.append("\naliases  ", "dim")
                text.append_text(lines[9:])
        if src.get("merged"):
            text.append("\nmerged   ", "dim")
            text.append(", ".join(inline(m, mode) for m in src["merged"]))
        if src.get("warnings"):
            text.append(f"\n⚠ {src['warnings']} claim(s) corroborated only by the same source family",
                        Style(color="#e5c07b", bold=True))
        info.update(text, layout=False)

    def action_cursor(self, direction: str) -> None:
        table = self.query_one(DataTable)
        table.action_cursor_down() if direction == "down" else table.action_cursor_up()

    def action_back(self) -> None:
        self.app.pop_screen()

    def action_grade(self) -> None:
        from factcheck.review import GRADES
        from factcheck.tui.screens.modals import PickerScreen

        src = self.current
        if src is None:
            return
        options = [(g, Text(f"{g}  {desc}")) for g, desc in GRADES.items()]

        def chosen(grade: str | None) -> None:
            if grade is None:
                return
            from factcheck.review.sources import grade_source

            result = self.app.write(
                lambda db: grade_source(db, src["id"], grade, reviewer=self.app.reviewer,
                                        expected_version=src.get("version")),
                done=f"{inline(src['name'], self.app.bidi_mode)}: grade {grade}",
                reload=lambda: self.load(keep=src["id"]),
            )
            if result:
                self.load(keep=src["id"])

        title = Text("Reliability grade of ")
        title.append(inline(src["name"], self.app.bidi_mode), Style(bold=True))
        self.app.push_screen(PickerScreen(title, options, current=src.get("grade"), accelerators=True), chosen)

    def action_merge(self) -> None:
        from factcheck.tui.screens.modals import PickerScreen

        src = self.current
        if src is None:
            return
        mode = self.app.bidi_mode
        options = []
        for other in self.sources:
            if other["id"] == src["id"]:
                continue
            prompt = cell(other["name"], 40, mode, style=Style(bold=True))
            prompt.append(f"  {other.get('kind')} · {other.get('claims', 0)} claims", "dim")
            options.append((other["id"], prompt))

        def chosen(into: int | None) -> None:
            if into is None:
                return
            from factcheck.review.sources import merge_sources

            result = self.app.write(
                lambda db: merge_sources(db, src["id"], into, reviewer=self.app.reviewer,
                                         expected_version=src.get("version")),
                done=f"merged {inline(src['name'], self.app.bidi_mode)}",
                reload=lambda: self.load(keep=src["id"]),
            )
            if result:
                self.load(keep=into)

        title = Text("Merge ")
        title.append(inline(src["name"], mode), Style(bold=True))
        title.append(" into … (its claims will count as the chosen source's)")
        self.app.push_screen(PickerScreen(title, options, filterable=True), chosen)

    def action_rename(self) -> None:
        from factcheck.tui.screens.modals import TextPromptScreen

        src = self.current
        if src is None:
            return

        def chosen(name: str | None) -> None:
            if not name or not name.strip() or name.strip() == src["name"]:
                return
            from factcheck.review.sources import rename_source

            result = self.app.write(
                lambda db: rename_source(db, src["id"], name.strip(), reviewer=self.app.reviewer,
                                         expected_version=src.get("version")),
                done=f"renamed to {inline(name.strip(), self.app.bidi_mode)}",
                reload=lambda: self.load(keep=src["id"]),
            )
            if result:
                self.load(keep=src["id"])

        self.app.push_screen(TextPromptScreen("Rename source", value=src["name"]), chosen)

    def action_undo(self) -> None:
        from factcheck.review.history import undo_last

        outcome = self.app.write(lambda db: undo_last(db, reviewer=self.app.reviewer))
        if not outcome:
            return
        if outcome.value is None:
            self.notify("nothing to undo", severity="warning")
            return
        self.notify(f"undone: {outcome.value.get('summary', '')}", markup=False, timeout=3)
        self.load(keep=self.current_id)
