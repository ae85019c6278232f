"""An ``Input`` that shows right-to-left text in visual order in ``app`` bidi mode.

Terminals that do not reorder (xterm, tmux, Alacritty, Windows Terminal) show typed Arabic
reversed in a plain ``Input``. Control characters (pasted ESC, BEL, bidi overrides) are drawn
as inert symbols in every mode. Here the *display* is the value reordered (and shaped, see
:func:`factcheck.tui.bidi.shape`) like the panes; ``value`` stays in logical order, the cursor and
the selection are drawn on the cells of the logical characters they cover. Text without
right-to-left letters, passwords and the other bidi modes draw exactly as ``Input`` does.
"""

from __future__ import annotations

from rich.cells import cell_len
from rich.text import Text
from textual.strip import Strip
from textual.widgets import Input

from factcheck.tui.bidi import has_rtl, is_rtl, sanitize_line, visual_order


class BidiInput(Input):
    """``Input`` with visual-order display of right-to-left text (``app`` bidi mode)."""

    def _shown(self) -> str:
        """The value, or with focus the completion that extends it (its tail drawn faded)."""
        suggestion = self._suggestion
        if self.has_focus and suggestion and len(suggestion) > len(self.value) and suggestion.startswith(self.value):
            return suggestion
        return self.value

    def _visual(self) -> tuple[tuple[int, ...], str, bool] | None:
        """``(order, glyphs, rtl)`` when the value must be drawn reordered, else None."""
        if self.password or not self.value:
            return None
        shown = self._shown()
        line = sanitize_line(shown)  # one code point for one: indexes still apply
        if getattr(self.app, "bidi_mode", "off") != "app" or not has_rtl(line):
            if line == shown:
                return None
            # a pasted control character (ESC, BEL, an override) is drawn inert, in logical order
            return tuple(range(len(line))), line, False
        rtl = is_rtl(line)
        order, glyphs = visual_order(line, rtl)
        return order, glyphs, rtl

    @property
    def display_text(self) -> str:
        """What the input shows (visual order in app mode), without the cursor cell."""
        visual = self._visual()
        return self.value if visual is None else visual[1]

    def _visual_index(self, order: tuple[int, ...], rtl: bool, position: int) -> int:
        """The display index (in the drawn text, cursor slot included) of logical ``position``."""
        if position >= len(order):  # after the last character: the end of the paragraph
            return 0 if rtl else len(order)
        index = order.index(position)
        return index + 1 if rtl else index

    @property
    def _cursor_offset(self) -> int:
        visual = self._visual()
        if visual is None:
            return super()._cursor_offset
        order, glyphs, rtl = visual
        drawn = (" " + glyphs) if rtl else glyphs
        return cell_len(drawn[: self._visual_index(order, rtl, self.cursor_position)])

    @property
    def content_width(self) -> int:
        visual = self._visual()
        if visual is None:
            return super().content_width
        return cell_len(visual[1]) + 1

    def _cell_offset_to_index(self, offset: int) -> int:
        visual = self._visual()
        if visual is None:
            return super()._cell_offset_to_index(offset)
        order, glyphs, rtl = visual
        drawn = (" " + glyphs) if rtl else glyphs
        scroll_x, _ = self.scroll_offset
        offset += scroll_x
        cells = 0
        for index, ch in enumerate(drawn):
            width = cell_len(ch)
            if cells <= offset < cells + width:
                logical = index - (1 if rtl else 0)
                return min(len(self.value), len(order) if logical < 0 else order[logical])
            cells += width
        return 0 if rtl else len(self.value)

    def render_line(self, y: int) -> Strip:
        visual = self._visual() if y == 0 else None
        if visual is None:
            return super().render_line(y)
        order, glyphs, rtl = visual
        console = self.app.console
        max_content_width = self.scrollable_content_region.width
        # A cursor slot at the end of the paragraph: the left for right-to-left text.
        result = Text((" " + glyphs) if rtl else (glyphs + " "), no_wrap=True, overflow="ignore", end="")
        shift = 1 if rtl else 0
        typed = len(self.value)
        if len(order) > typed:  # the completion's tail
            style = self.get_component_rich_style("input--suggestion")
            for index, logical in enumerate(order):
                if logical >= typed:
                    result.stylize(style, index + shift, index + shift + 1)
        if self.has_focus:
            if not self.selection.is_empty:
                start, end = sorted(self.selection)
                style = self.get_component_rich_style("input--selection")
                for index, logical in enumerate(order):
                    if start <= logical < end:
                        result.stylize_before(style, index + shift, index + shift + 1)
            if self._cursor_visible:
                at = self._visual_index(order, rtl, self.cursor_position)
                result.stylize(self.get_component_rich_style("input--cursor"), at, at + 1)
        segments = list(console.render(result, self.app.console_options.update_width(self.content_width)))
        scroll_x, _ = self.scroll_offset
        strip = Strip(segments).crop(scroll_x, scroll_x + max_content_width + 1)
        strip = strip.extend_cell_length(max_content_width + 1)
        return strip.apply_style(self.rich_style)


__all__ = ["BidiInput"]
