"""A ``TextArea`` that shows right-to-left lines in visual order in ``app`` bidi mode.

Textual's ``TextArea`` wraps a line (soft wrap) and draws each wrapped section in logical order,
so Arabic reads reversed on terminals that do not reorder. Here each drawn section is wrapped as
Textual wraps it (logical order, which is also the layout's policy: wrap first, then reorder),
then its cells are put in visual order (and shaped) with the styles of the logical characters
they show: the cursor and the selection stay on the right letters. Right-to-left lines are
right-aligned, their end-of-line cursor on the left. ``text`` stays in logical order. Control
characters are drawn as inert symbols in every mode.

Left/right arrows move visually on a right-to-left line (left goes towards the end of the
line); a click lands on the letter drawn under the mouse. Sections with tabs or wide characters
are drawn as ``TextArea`` draws them (cells would not map one to one).
"""

from __future__ import annotations

from rich.cells import cell_len
from rich.segment import Segment
from textual.strip import Strip
from textual.widgets import TextArea

from rich.text import Text

from factcheck.tui.bidi import has_rtl, is_rtl, sanitize, visual_order


class BidiTextArea(TextArea):
    """``TextArea`` with visual-order display of right-to-left lines (``app`` bidi mode)."""

    def get_line(self, line_index: int) -> Text:
        """The line as drawn: control characters (a pasted ESC, BEL, a bidi override) shown as
        inert symbols, one code point for one (``text`` keeps what was typed), in every mode."""
        return Text(sanitize(self.document.get_line(line_index)), end="", no_wrap=True)

    def _app_mode(self) -> bool:
        return getattr(self.app, "bidi_mode", "off") == "app"

    def _section(self, y_offset: int) -> tuple[str, int, bool, bool] | None:
        """``(section text, its start column, rtl, last section of its line)`` of wrapped row
        ``y_offset`` when it is drawn reordered, else None."""
        if not self._app_mode():
            return None
        wrapped = self.wrapped_document
        try:
            info = wrapped._offset_to_line_info[y_offset]
        except IndexError:
            return None
        if info is None:
            return None
        line_index, section_offset = info
        line = sanitize(self.document.get_line(line_index))
        if not has_rtl(line) or "\t" in line:
            return None
        cuts = [0, *wrapped.get_offsets(line_index), len(line)]
        start, end = cuts[section_offset], cuts[section_offset + 1]
        section = line[start:end]
        if cell_len(section) != len(section):  # wide or zero-width cells: no one-to-one mapping
            return None
        return section, start, is_rtl(line), section_offset == len(cuts) - 2

    def _render_line(self, y: int) -> Strip:
        strip = super()._render_line(y)
        found = self._section(y + self.scroll_offset.y)
        if found is None or self.show_line_numbers:
            return strip
        section, _start, rtl, _last = found
        cells: list[Segment] = []
        for segment in strip:
            text, style, control = segment
            if control:
                return strip
            cells.extend(Segment(ch, style) for ch in text)
        n = len(section)
        if len(cells) <= n:
            return strip
        order, glyphs = visual_order(section, rtl)
        drawn = [Segment(glyphs[i], cells[k].style) for i, k in enumerate(order)]
        if rtl:  # right-aligned; the cell after the text (the end-of-line cursor) on its left
            rest = cells[n + 1:]
            row = rest + [cells[n]] + drawn
        else:
            row = drawn + cells[n:]
        return Strip(Segment.simplify(row), len(cells))

    def get_target_document_location(self, event) -> tuple[int, int]:
        location = super().get_target_document_location(event)
        scroll_x, scroll_y = self.scroll_offset
        y_offset = event.y + scroll_y - self.gutter.top
        found = self._section(y_offset)
        if found is None:
            return location
        section, start, rtl, last = found
        x = event.x - self.gutter.left + scroll_x
        width = self.scrollable_content_region.width
        n = len(section)
        order, _ = visual_order(section, rtl)
        if rtl:
            first = width - n  # the text's first visual cell
            if x < first:
                return (location[0], start + n if last else start + max(0, n - 1))
            index = order[min(n - 1, x - first)]
        else:
            if x >= n:
                return location
            index = order[x]
        return (location[0], start + index)

    def _rtl_cursor_line(self) -> bool:
        if not self._app_mode():
            return False
        line = self.document.get_line(self.cursor_location[0])
        return has_rtl(line) and is_rtl(line)

    def action_cursor_left(self, select: bool = False) -> None:
        if self._rtl_cursor_line():
            super().action_cursor_right(select)
        else:
            super().action_cursor_left(select)

    def action_cursor_right(self, select: bool = False) -> None:
        if self._rtl_cursor_line():
            super().action_cursor_left(select)
        else:
            super().action_cursor_right(select)


__all__ = ["BidiTextArea"]
