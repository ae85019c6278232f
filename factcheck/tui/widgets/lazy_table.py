"""A read-only table that renders only the rows on screen (Line API), for lists of any length.

Textual's ``DataTable`` measures every cell of every row it is given; with 10,000 articles that
alone takes about a second. Here a row's cells are built by a callback the first time the row is
drawn, so opening the library costs the same for ten articles or ten thousand.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

from rich.segment import Segment
from rich.style import Style
from rich.text import Text
from textual import events
from textual.binding import Binding
from textual.geometry import Size
from textual.message import Message
from textual.reactive import reactive
from textual.scroll_view import ScrollView
from textual.strip import Strip


@dataclass(frozen=True, slots=True)
class Column:
    label: str
    width: int
    justify: str = "left"  # left | right | center


class LazyTable(ScrollView, can_focus=True):
    """Rows drawn on demand through ``render_row(index) -> list[Text]``; a row cursor; a sticky header."""

    DEFAULT_CSS = """
    LazyTable {
        scrollbar-gutter: stable;
        overflow-x: hidden;
        background: $surface;
    }
    LazyTable > .lazy-table--header {
        text-style: bold;
        background: $panel;
        color: $foreground;
    }
    LazyTable > .lazy-table--cursor {
        background: $block-cursor-blurred-background;
    }
    LazyTable:focus > .lazy-table--cursor {
        background: $block-cursor-background;
        color: $block-cursor-foreground;
        text-style: bold;
    }
    """
    COMPONENT_CLASSES = {"lazy-table--header", "lazy-table--cursor"}

    BINDINGS = [
        Binding("up,k", "cursor(-1)", "Up", show=False, id="table.up"),
        Binding("down,j", "cursor(1)", "Down", show=False, id="table.down"),
        Binding("pageup", "page(-1)", "Page up", show=False, id="table.pageup"),
        Binding("pagedown", "page(1)", "Page down", show=False, id="table.pagedown"),
        Binding("home,g", "first", "First row", show=False, id="table.first"),
        Binding("end,G", "last", "Last row", show=False, id="table.last"),
        Binding("enter", "select", "Open", id="table.select"),
    ]

    cursor_row: reactive[int] = reactive(0, init=False)

    class RowHighlighted(Message):
        def __init__(self, table: "LazyTable", row: int) -> None:
            super().__init__()
            self.table = table
            self.row = row

        @property
        def control(self) -> "LazyTable":
            return self.table

    class RowSelected(Message):
        def __init__(self, table: "LazyTable", row: int) -> None:
            super().__init__()
            self.table = table
            self.row = row

        @property
        def control(self) -> "LazyTable":
            return self.table

    def __init__(self, **kwargs) -> None:
        super().__init__(**kwargs)
        self.columns: list[Column] = []
        self.row_count = 0
        self._render_row: Callable[[int], Sequence[Text]] = lambda index: []
        self._cache: dict[int, list[Text]] = {}

    # ------------------------------------------------------------------ content

    def set_rows(self, columns: Sequence[Column], count: int, render_row: Callable[[int], Sequence[Text]],
                 *, cursor: int = 0) -> None:
        """Show ``count`` rows whose cells ``render_row`` builds when they are first drawn."""
        self.columns = list(columns)
        self.row_count = count
        self._render_row = render_row
        self._cache = {}
        self.virtual_size = Size(sum(c.width + 1 for c in self.columns), count + 1)
        self.set_reactive(LazyTable.cursor_row, max(0, min(cursor, count - 1)))
        self._scroll_to_cursor()
        self.refresh()
        self.post_message(self.RowHighlighted(self, self.cursor_row))

    def row_cells(self, index: int) -> list[Text]:
        cells = self._cache.get(index)
        if cells is None:
            cells = list(self._render_row(index))
            self._cache[index] = cells
        return cells

    def row_texts(self, index: int) -> list[str]:
        """The plain text of a row's cells (for tests)."""
        return [cell.plain for cell in self.row_cells(index)]

    # ------------------------------------------------------------------ cursor

    @property
    def _page(self) -> int:
        return max(1, self.scrollable_content_region.height - 1)

    def move_cursor(self, row: int) -> None:
        if self.row_count:
            self.cursor_row = max(0, min(row, self.row_count - 1))

    def watch_cursor_row(self, old: int, new: int) -> None:
        self._scroll_to_cursor()
        self.refresh()
        self.post_message(self.RowHighlighted(self, new))

    def _scroll_to_cursor(self) -> None:
        top = self.scroll_offset.y
        visible = self._page
        if self.cursor_row < top:
            self.scroll_to(y=self.cursor_row, animate=False, immediate=True)
        elif self.cursor_row >= top + visible:
            self.scroll_to(y=self.cursor_row - visible + 1, animate=False, immediate=True)

    def action_cursor(self, step: int) -> None:
        self.move_cursor(self.cursor_row + step)

    def action_page(self, step: int) -> None:
        self.move_cursor(self.cursor_row + step * self._page)

    def action_first(self) -> None:
        self.move_cursor(0)

    def action_last(self) -> None:
        self.move_cursor(self.row_count - 1)

    def action_select(self) -> None:
        if self.row_count:
            self.post_message(self.RowSelected(self, self.cursor_row))

    def on_click(self, event: events.Click) -> None:
        offset = event.get_content_offset(self)
        if offset is None or offset.y == 0:
            return
        row = self.scroll_offset.y + offset.y - 1
        if 0 <= row < self.row_count:
            if row == self.cursor_row or event.chain > 1:
                self.action_select()
            self.move_cursor(row)

    # ------------------------------------------------------------------ rendering

    def _cells_strip(self, cells: Sequence[Text], style: Style, width: int) -> Strip:
        segments: list[Segment] = []
        for column, cell in zip(self.columns, cells):
            text = cell.copy()
            text.no_wrap = True
            text.truncate(column.width, overflow="ellipsis")
            pad = column.width - text.cell_len
            if column.justify == "right":
                text.pad_left(pad)
            elif column.justify == "center":
                text.pad_left(pad // 2)
                text.pad_right(pad - pad // 2)
            else:
                text.pad_right(pad)
            segments.append(Segment(" ", style))
            segments.extend(Segment.apply_style(text.render(self.app.console), style))
        return Strip(segments).crop_extend(0, width, style)

    def render_line(self, y: int) -> Strip:
        width = self.scrollable_content_region.width
        base = self.rich_style
        if y == 0:
            header = base + self.get_component_rich_style("lazy-table--header")
            return self._cells_strip([Text(c.label) for c in self.columns], header, width)
        index = self.scroll_offset.y + y - 1
        if index >= self.row_count:
            return Strip.blank(width, base)
        style = base
        if index == self.cursor_row:
            style = base + self.get_component_rich_style("lazy-table--cursor")
        return self._cells_strip(self.row_cells(index), style, width)
