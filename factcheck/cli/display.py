"""Printing user and article text in CLI listings: inert control characters, right-to-left lines.

On a terminal in ``app`` mode (``$FACTCHECK_BIDI``, default ``auto``: see
:mod:`factcheck.tui.bidi`) Arabic is wrapped to the width rich gives it first, then each line is
reordered for display and right-to-left paragraphs are right-aligned: terminals such as xterm,
Alacritty, tmux or Windows Terminal do not reorder themselves. Anywhere else (pipes, files,
tests, modes ``terminal`` and ``off``) text keeps its logical order, so scripts see the stored
text. Control characters are always shown inert. Stored text is never changed.
"""

from __future__ import annotations

import sys
from typing import Any

from rich.cells import cell_len
from rich.console import Console, ConsoleOptions, RenderResult
from rich.measure import Measurement
from rich.style import StyleType
from rich.text import Text

from factcheck.errors import InputError
from factcheck.tui.bidi import layout, reorder, resolve_mode, sanitize, sanitize_line, units


def stdout_is_terminal() -> bool:
    """Whether standard output is a terminal (tests replace this)."""
    try:
        return sys.stdout.isatty()
    except (AttributeError, ValueError):
        return False


def reorders() -> bool:
    """True when listings must reorder right-to-left text themselves: a terminal in ``app`` mode."""
    if not stdout_is_terminal():
        return False
    try:
        return resolve_mode() == "app"
    except ValueError as exc:
        raise InputError(f"FACTCHECK_BIDI: {exc}") from None


def safe(text: Any) -> str:
    """Logical display form: control characters shown as visible symbols, newlines and tabs kept."""
    return sanitize("" if text is None else str(text))


def excerpt(text: Any, width: int = 70) -> str:
    """One line of at most ``width`` characters (whitespace collapsed, ``…`` when cut), logical order."""
    text = " ".join(safe(text).split())
    return text if len(text) <= width else text[: width - 1].rstrip() + "…"


class BidiText:
    """A paragraph of user text for a table cell or a line: wrapped to the width rich gives it,
    then (when reordering) each line put in visual order, right-aligned if right-to-left.

    ``prefix`` (left-to-right, e.g. a label) starts the first line; the text wraps beside it.
    ``one_line`` turns newlines and tabs into spaces.
    """

    def __init__(self, text: Any, *, reorder: bool, style: StyleType = "", prefix: Text | str = "",
                 one_line: bool = False):
        raw = "" if text is None else str(text)
        self.text = sanitize_line(raw) if one_line else sanitize(raw).replace("\t", " ")
        self.reorder = reorder
        self.style = style
        self.prefix = prefix if isinstance(prefix, Text) else Text(prefix)

    def _logical(self) -> Text:
        return self.prefix + Text(self.text, style=self.style)

    def __rich_measure__(self, console: Console, options: ConsoleOptions) -> Measurement:
        measured = Measurement.get(console, options, self._logical())
        if not self.reorder:
            return measured
        # The narrowest column that keeps each unit of the wrap whole ('via Reuters' after an
        # Arabic name): rich would otherwise squeeze the column to the longest word.
        widest = max((cell_len(unit) for unit in units(self.text)), default=0) + self.prefix.cell_len
        return Measurement(min(max(measured.minimum, widest), measured.maximum), measured.maximum)

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        if not self.reorder:
            yield self._logical()
            return
        indent = self.prefix.cell_len
        width = max(1, options.max_width - indent)
        lines = layout(self.text, width, "app")
        aligned = len(lines) > 1 or not indent  # a short value after a label stays beside it
        out = []
        for i, line in enumerate(lines):
            head = self.prefix.copy() if i == 0 else Text(" " * indent)
            pad = line.pad if aligned else 0
            out.append(head + Text(" " * pad + line.glyphs, style=self.style))
        text = Text("\n").join(out) if out else self.prefix.copy()
        text.no_wrap, text.overflow = True, "crop"  # already wrapped: rich must not wrap again
        yield text


#: Width of listings written to a pipe or file when ``$COLUMNS`` does not say: lines are not cut
#: or wrapped at 80 columns for scripts (``grep``, ``cut``) to read.
PIPE_WIDTH = 100_000


def output_width() -> int | None:
    """The width to lay out stdout for: ``None`` (the terminal's, or ``$COLUMNS``) on a terminal
    or when ``$COLUMNS`` is set, else :data:`PIPE_WIDTH`."""
    import os

    if stdout_is_terminal() or os.environ.get("COLUMNS", "").strip().isdigit():
        return None
    return PIPE_WIDTH


class Display:
    """The console of one command and its bidi decision."""

    def __init__(self, console: Console | None = None, *, reorder: bool | None = None):
        self.console = console or Console(highlight=False, soft_wrap=False, width=output_width())
        self.reorder = reorders() if reorder is None else reorder

    def para(self, text: Any, *, style: StyleType = "", prefix: Text | str = "", one_line: bool = False) -> BidiText:
        """A cell or paragraph of user text (see :class:`BidiText`)."""
        return BidiText(text, reorder=self.reorder, style=style, prefix=prefix, one_line=one_line)

    def frag(self, text: Any) -> str:
        """A short piece of user text inside a left-to-right line: one line, in visual order when
        reordering (its own direction), else logical. Keep such lines within the width."""
        line = sanitize_line("" if text is None else str(text))
        return reorder(line) if self.reorder and line else line

    def print(self, *renderables: Any, **kwargs: Any) -> None:
        self.console.print(*renderables, **kwargs)


__all__ = ["BidiText", "Display", "excerpt", "reorders", "safe", "stdout_is_terminal"]
