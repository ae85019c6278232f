"""Turning library rows into display pieces: glyphs, colours, cells and Rich ``Text``.

User text only ever enters ``Text`` objects as plain strings (never markup) and is sanitized, so
an article cannot style the screen or send escape sequences to the terminal.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from rich.cells import cell_len
from rich.style import Style
from rich.text import Text

from factcheck.tui.bidi import display_line, layout, reorder, sanitize_line, is_rtl

#: Claim highlight colours, handed out to sources in order of first appearance in an article.
PALETTE = (
    "#e5c07b",  # amber
    "#61afef",  # blue
    "#98c379",  # green
    "#c678dd",  # violet
    "#56b6c2",  # cyan
    "#e06c75",  # red
    "#d19a66",  # orange
    "#a9b1d6",  # lavender
    "#7ec699",  # mint
    "#f4a6c0",  # pink
)
UNATTRIBUTED_COLOUR = "#8a8f98"

#: Status glyphs (shown when a claim has no verdict yet).
STATUS_GLYPHS = {
    "unreviewed": ("·", "#8a8f98"),
    "in_review": ("◔", "#61afef"),
    "reviewed": ("●", "#98c379"),
    "needs_follow_up": ("⚑", "#e5c07b"),
}

KIND_SHORT = {
    "person": "person",
    "organization": "org",
    "agency": "agency",
    "anonymous": "anon",
    "reports": "reports",
    "unattributed": "—",
}


def glyph(status: str | None, verdict: str | None, scale: Any = None) -> Text:
    """One cell: the verdict's glyph (from the verdict scale) if there is a verdict, else the status glyph."""
    if verdict:
        found = scale.get(verdict) if scale is not None else None
        if found is not None:
            mark, colour = found.glyph, found.color
        else:
            mark, colour = sanitize_line(verdict)[:1].upper() or "?", "#a9b1d6"
    else:
        mark, colour = STATUS_GLYPHS.get(status or "unreviewed", ("·", "#8a8f98"))
    try:
        style = Style(color=colour, bold=True)
    except Exception:  # a custom scale with a colour Rich does not know
        style = Style(bold=True)
    return Text(mark, style=style)


def label(value: str | None) -> str:
    """``needs_follow_up`` -> ``needs follow up``."""
    return (value or "").replace("_", " ")


def cell(text: str | None, width: int, mode: str, *, style: str | Style = "") -> Text:
    """A one-line table cell: sanitized, cut to ``width`` logically, reordered and right-aligned if RTL."""
    shown, rtl = display_line(text, width, mode)
    if rtl:
        shown = " " * max(0, width - cell_len(shown)) + shown
    return Text(shown, style=style, no_wrap=True, overflow="crop", end="")


def inline(text: str | None, mode: str) -> str:
    """A short value (a name, a cue) for use inside a line: sanitized, reordered in app mode."""
    shown = sanitize_line(text)
    if mode != "app" or not shown:
        return shown
    return reorder(shown, is_rtl(shown))


def block(
    text: str | None,
    width: int,
    mode: str,
    *,
    style: str | Style = "",
    spans: Iterable[tuple[int, int, Style]] = (),
    indent: int = 0,
    max_lines: int | None = None,
) -> Text:
    """A wrapped paragraph block: laid out for display, with ``spans`` (logical offsets) styled.

    ``max_lines`` keeps the first lines (the start of the text) and marks the cut with …
    """
    text = text or ""
    styles = [None] * len(text)
    for start, end, span_style in spans:
        for i in range(max(0, start), min(end, len(text))):
            styles[i] = span_style
    out = Text(no_wrap=True, overflow="crop", end="")
    base = Style.parse(style) if isinstance(style, str) and style else (style or Style())
    lines = layout(text, max(4, width - indent), mode)
    if max_lines is not None and len(lines) > max_lines:
        lines = lines[:max_lines]
        cut = lines[-1]
        lines[-1] = layout(text[cut.start:cut.end].rstrip()[:-1] + "…", max(4, width - indent), mode,
                           rtl=is_rtl(text))[0]
        lines[-1] = type(cut)(lines[-1].glyphs, tuple(cut.start + o for o in lines[-1].offsets), lines[-1].pad,
                              cut.start, cut.end)
    for n, line in enumerate(lines):
        if n:
            out.append("\n")
        out.append(" " * (indent + line.pad))
        run: list[str] = []
        run_style = None
        for glyph_char, offset in zip(line.glyphs, line.offsets):
            st = styles[offset] if offset < len(styles) else None
            if st is not run_style and run:
                out.append("".join(run), base + run_style if run_style else base)
                run = []
            run_style = st
            run.append(glyph_char)
        if run:
            out.append("".join(run), base + run_style if run_style else base)
    return out


def progress(reviewed: int, total: int, width: int = 10) -> Text:
    """``████░░░░ 3/8``: reviewed claims of the article."""
    if total <= 0:
        return Text("—", style="dim")
    filled = round(width * reviewed / total)
    bar = Text("█" * filled, style="#98c379")
    bar.append("░" * (width - filled), style="#4b5263")
    bar.append(f" {reviewed}/{total}")
    return bar


def score(value: float | None) -> str:
    return "" if value is None else f"{value:.2f}"


def reasons_text(reasons: Any) -> str:
    """A suggestion's reasons on one line: ``text 0.72 · numbers 8, 12 · same family``."""
    if isinstance(reasons, dict):
        parts = []
        for key, value in reasons.items():
            name = key.replace("_", " ")
            if value is True:
                parts.append(name)
            elif isinstance(value, (list, tuple)):
                if value:
                    parts.append(f"{name} {', '.join(str(v) for v in value)}")
            elif value not in (None, "", False):
                parts.append(f"{name} {value}")
        return sanitize_line(" · ".join(parts))
    if isinstance(reasons, (list, tuple)):
        return sanitize_line(" · ".join(str(r) for r in reasons))
    return sanitize_line(str(reasons or ""))
