"""The article text with every claim highlighted in its source's colour (Line API widget).

The text is laid out by :func:`factcheck.tui.bidi.layout` (wrap first, then reorder in ``app``
mode); each drawn glyph keeps its logical offset, so highlights, the selected claim, its mention
and cue land on the right cells in any direction. Only the visible lines are rendered.
"""

from __future__ import annotations

from bisect import bisect_right
from dataclasses import dataclass

from rich.segment import Segment
from rich.style import Style
from textual import events
from textual.binding import Binding
from textual.geometry import Size
from textual.message import Message
from textual.scroll_view import ScrollView
from textual.strip import Strip

from factcheck.tui.bidi import VisualLine, layout


@dataclass(frozen=True, slots=True)
class ClaimSpan:
    """Where a claim sits in the article text and how to colour it."""

    claim_id: int
    start: int
    end: int
    colour: str
    mention: tuple[int, int] | None = None
    cue: tuple[int, int] | None = None


class ArticleView(ScrollView, can_focus=True):
    """Scrollable, highlighted, bidi-aware article text."""

    DEFAULT_CSS = """
    ArticleView {
        scrollbar-gutter: stable;
        overflow-x: hidden;
        padding: 0 1;
        background: $surface;
    }
    ArticleView:focus {
        background: $surface-lighten-1;
    }
    """

    BINDINGS = [
        Binding("up,k", "scroll_up", "Scroll up", show=False, id="article.up"),
        Binding("down,j", "scroll_down", "Scroll down", show=False, id="article.down"),
        Binding("pageup", "page_up", "Page up", show=False, id="article.pageup"),
        Binding("pagedown", "page_down", "Page down", show=False, id="article.pagedown"),
    ]

    class ClaimClicked(Message):
        """The user clicked a highlighted claim."""

        def __init__(self, claim_id: int) -> None:
            super().__init__()
            self.claim_id = claim_id

    def __init__(self, *, mode: str = "app", rtl: bool | None = None, **kwargs) -> None:
        super().__init__(**kwargs)
        self.mode = mode
        self.rtl = rtl
        self._text = ""
        self._spans: list[ClaimSpan] = []
        self._owner: list[int] = []  # span index per character, -1 outside claims
        self._lines: list[VisualLine] = []
        self._starts: list[int] = []
        self._width = 0
        self._selected: int | None = None
        self._span_styles: list[Style] = []
        self._selected_style = Style()

    # ------------------------------------------------------------------ content

    def set_article(self, text: str, spans: list[ClaimSpan], *, rtl: bool | None = None) -> None:
        self._text = text
        self.rtl = rtl
        self._spans = list(spans)
        owner = [-1] * len(text)
        for n, span in enumerate(self._spans):
            for i in range(max(0, span.start), min(span.end, len(text))):
                if owner[i] < 0:
                    owner[i] = n
        self._owner = owner
        self._span_styles = [Style(color=s.colour) for s in self._spans]
        self._relayout(force=True)

    def set_mode(self, mode: str) -> None:
        self.mode = mode
        self._relayout(force=True)

    def select(self, claim_id: int | None, *, scroll: bool = True) -> None:
        """Emphasise ``claim_id`` and bring it into view."""
        self._selected = claim_id
        span = self._span(claim_id)
        if span is not None and scroll and self._lines:
            first = self.line_of(span.start)
            last = self.line_of(max(span.start, span.end - 1))
            height = self.scrollable_content_region.height or 1
            top = self.scroll_offset.y
            if first < top or last >= top + height:
                size = last - first + 1
                target = first if size >= height else max(0, first - max(1, (height - size) // 2))
                self.scroll_to(y=target, animate=False, immediate=True)
        self.refresh()

    @property
    def lines(self) -> list[VisualLine]:
        return self._lines

    def line_of(self, offset: int) -> int:
        """Index of the display line holding logical ``offset``."""
        return max(0, bisect_right(self._starts, offset) - 1)

    def visible_text(self) -> str:
        """What is currently drawn, one display line per line (for tests and debugging)."""
        top = self.scroll_offset.y
        height = self.scrollable_content_region.height
        return "\n".join(" " * ln.pad + ln.glyphs for ln in self._lines[top : top + height])

    def _span(self, claim_id: int | None) -> ClaimSpan | None:
        if claim_id is None:
            return None
        for span in self._spans:
            if span.claim_id == claim_id:
                return span
        return None

    # ------------------------------------------------------------------ layout

    def on_resize(self, event: events.Resize) -> None:
        self._relayout()

    def _relayout(self, *, force: bool = False) -> None:
        width = self.scrollable_content_region.width
        if width <= 0:
            return
        if not force and width == self._width:
            return
        self._width = width
        self._lines = layout(self._text, width, self.mode, rtl=self.rtl)
        self._starts = [ln.start for ln in self._lines]
        self.virtual_size = Size(width, len(self._lines))
        self.refresh()

    # ------------------------------------------------------------------ rendering

    def _style_for(self, offset: int, selected: int) -> Style | None:
        n = self._owner[offset] if 0 <= offset < len(self._owner) else -1
        if n != selected and selected >= 0:
            # the selected claim's mention and cue are marked even outside its span ("X said: ...")
            span = self._spans[selected]
            for marked in (span.mention, span.cue):
                if marked and marked[0] <= offset < marked[1]:
                    return Style(color=span.colour, bold=True, underline=True)
        if n < 0:
            return None
        if n != selected:
            return self._span_styles[n]
        span = self._spans[n]
        style = Style(color="#1e2127", bgcolor=span.colour, bold=True)
        if span.mention and span.mention[0] <= offset < span.mention[1]:
            style += Style(underline=True)
        if span.cue and span.cue[0] <= offset < span.cue[1]:
            style += Style(italic=True, underline=True)
        return style

    def _selected_index(self) -> int:
        for n, span in enumerate(self._spans):
            if span.claim_id == self._selected:
                return n
        return -1

    def render_line(self, y: int) -> Strip:
        width = self.scrollable_content_region.width
        base = self.rich_style
        index = self.scroll_offset.y + y
        if index >= len(self._lines):
            return Strip.blank(width, base)
        line = self._lines[index]
        selected = self._selected_index()
        dim = base + Style(dim=True)
        segments = [Segment(" " * line.pad, base)] if line.pad else []
        run: list[str] = []
        run_style: Style | None = None
        for glyph, offset in zip(line.glyphs, line.offsets):
            st = self._style_for(offset, selected)
            if run and st != run_style:
                segments.append(Segment("".join(run), base + run_style if run_style else dim))
                run = []
            run_style = st
            run.append(glyph)
        if run:
            segments.append(Segment("".join(run), base + run_style if run_style else dim))
        return Strip(segments).crop_extend(0, width, base)

    # ------------------------------------------------------------------ mouse

    def on_click(self, event: events.Click) -> None:
        offset = event.get_content_offset(self)
        if offset is None:
            return
        index = self.scroll_offset.y + offset.y
        if not 0 <= index < len(self._lines):
            return
        line = self._lines[index]
        x = offset.x - line.pad
        from rich.cells import get_character_cell_size

        cells = 0
        for glyph, logical in zip(line.glyphs, line.offsets):
            cells += get_character_cell_size(glyph)
            if cells > x:
                n = self._owner[logical] if logical < len(self._owner) else -1
                if n >= 0:
                    self.post_message(self.ClaimClicked(self._spans[n].claim_id))
                return
