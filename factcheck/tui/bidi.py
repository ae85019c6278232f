"""Showing article text on a terminal: inert control characters, wrapping, right-to-left display.

Stored text is never changed: everything here builds display strings. Every display character
keeps the code-point offset of the logical character it shows, so claim highlights computed on
stored offsets land on the right cells after reordering.

Modes (``--bidi`` / ``$FACTCHECK_BIDI``):

* ``app``: wrap to the widget width first, then reorder each line for display with python-bidi
  (Unicode bidi algorithm, plus rule L3 so Arabic marks stay on their letter), right-aligned
  for right-to-left paragraphs. For terminals that do not reorder (xterm, tmux, Alacritty, ...).
* ``terminal``: logical order, the terminal reorders (VTE/GNOME Terminal, Konsole, mlterm).
* ``off``: logical order, left-aligned, nothing touched.
* ``auto``: ``terminal`` where the terminal is known to reorder itself, else ``app``.
"""

from __future__ import annotations

import os
import re
import unicodedata
from collections.abc import Mapping
from dataclasses import dataclass
from functools import lru_cache

from rich.cells import cell_len, get_character_cell_size

MODES = ("auto", "app", "terminal", "off")

# --------------------------------------------------------------------------- modes


def terminal_does_bidi(environ: Mapping[str, str] | None = None) -> bool:
    """True for terminals known to reorder RTL text themselves (and not behind tmux/screen)."""
    env = os.environ if environ is None else environ
    if env.get("TMUX") or env.get("STY"):
        return False  # the multiplexer redraws cell by cell: the outer terminal cannot reorder
    if env.get("VTE_VERSION") or env.get("KONSOLE_VERSION") or env.get("MLTERM"):
        return True
    return env.get("TERM", "").startswith("mlterm")


def resolve_mode(mode: str | None = None, environ: Mapping[str, str] | None = None) -> str:
    """The effective mode: ``app``, ``terminal`` or ``off`` (``auto`` resolved)."""
    env = os.environ if environ is None else environ
    if mode is None and environ is None:
        from factcheck.config import settings

        mode = settings().get("bidi")  # $FACTCHECK_BIDI, else the config file
    chosen = (mode or env.get("FACTCHECK_BIDI") or "auto").strip().lower()
    if chosen not in MODES:
        raise ValueError(f"bad bidi mode {chosen!r}: expected one of {', '.join(MODES)}")
    if chosen == "auto":
        return "terminal" if terminal_does_bidi(env) else "app"
    return chosen


# --------------------------------------------------------------------------- sanitizing

# One sanitiser for every output (TUI, CLI, exports): factcheck.sanitize.
from factcheck.sanitize import sanitize, sanitize_line  # noqa: E402


# --------------------------------------------------------------------------- direction

_STRONG_RTL = frozenset(("R", "AL"))


def is_rtl(text: str) -> bool:
    """Whether ``text`` reads right to left: more strong RTL letters than strong LTR ones.

    (The first-strong rule would make an Arabic paragraph that opens with ``CENTCOM`` LTR.)
    """
    rtl = ltr = 0
    for ch in text:
        if ch.isascii():
            if ch.isalpha():
                ltr += 1
            continue
        kind = unicodedata.bidirectional(ch)
        if kind in _STRONG_RTL:
            rtl += 1
        elif kind == "L":
            ltr += 1
    return rtl > ltr


def has_rtl(text: str) -> bool:
    """Whether ``text`` has any strong right-to-left letter."""
    return any(not ch.isascii() and unicodedata.bidirectional(ch) in _STRONG_RTL for ch in text)


# --------------------------------------------------------------------------- shaping

#: Whether display shapes Arabic (joined letter forms); None: from the settings on first use.
_shaping: bool | None = None


def shaping() -> bool:
    """Whether ``app``-mode display joins Arabic letters (``$FACTCHECK_SHAPING`` / ``shaping`` in
    the config file: ``auto`` (default) and ``on`` join them, ``off`` leaves the terminal's forms)."""
    global _shaping
    if _shaping is None:
        from factcheck.config import settings

        _shaping = (settings().get("shaping") or "auto").strip().lower() != "off"
        visual_order.cache_clear()
    return _shaping


def set_shaping(on: bool | None) -> None:
    """Turn display shaping on or off (``None``: back to the settings)."""
    global _shaping
    _shaping = on
    _shape.cache_clear()
    visual_order.cache_clear()


@lru_cache(maxsize=1)
def _reshaper():
    try:
        from arabic_reshaper import ArabicReshaper
    except ImportError:  # pragma: no cover - a required dependency; display stays unshaped
        return None
    # One code point for one (no ligatures, marks and tatweel kept): display offsets still apply.
    return ArabicReshaper(configuration={"delete_harakat": False, "delete_tatweel": False,
                                         "support_ligatures": False, "shift_harakat_position": False})


@lru_cache(maxsize=4096)
def _shape(line: str) -> str:
    reshaper = _reshaper()
    if reshaper is None:
        return line
    shaped = reshaper.reshape(line)
    return shaped if len(shaped) == len(line) else line


def shape(line: str) -> str:
    """``line`` with Arabic letters in their joined (presentation) forms, for terminals that do not
    shape (xterm, Alacritty, many Windows setups): one code point for one, logical order. Display
    only: never stored or exported."""
    if not has_rtl(line):
        return line
    return _shape(line)


# --------------------------------------------------------------------------- wrapping


def wrap(text: str, width: int) -> list[tuple[int, int]]:
    """Greedy word wrap of ``text`` to ``width`` cells: ``(start, end)`` offsets per line.

    Newlines end paragraphs (an empty paragraph is an empty line); spaces at a break are
    dropped; a word wider than the line is cut. Works on logical text, before any reordering.

    A run of words against the paragraph's direction (``via Reuters`` in an Arabic source name,
    an Arabic name in an English line) is one unit: the line breaks before it rather than inside
    it, unless the run alone is wider than the line. Reordering a line that holds half a run
    would show the run's words on two lines in an order nobody reads.
    """
    width = max(1, width)
    lines: list[tuple[int, int]] = []
    pos = 0
    for paragraph in text.split("\n"):
        _wrap_paragraph(text, pos, pos + len(paragraph), width, lines)
        pos += len(paragraph) + 1
    return lines


def _strong(ch: str) -> int:
    """1 for a strong right-to-left letter, 0 for a strong left-to-right one, -1 for the rest."""
    if ch.isascii():
        return 0 if ch.isalpha() else -1
    kind = unicodedata.bidirectional(ch)
    return 1 if kind in _STRONG_RTL else 0 if kind == "L" else -1


def _held_spaces(text: str, start: int, end: int) -> frozenset[int]:
    """Spaces inside a run against the paragraph's direction (no break there if avoidable)."""
    segment = text[start:end]
    if not has_rtl(segment):
        return frozenset()
    para = 1 if is_rtl(segment) else 0
    before: list[int] = []  # the direction of the last strong letter before each position
    last = para
    for ch in segment:
        before.append(last)
        d = _strong(ch)
        if d >= 0:
            last = d
    held = set()
    nxt = para
    for i in range(len(segment) - 1, -1, -1):
        ch = segment[i]
        if ch == " " and before[i] != para and nxt != para:
            held.add(start + i)
        d = _strong(ch)
        if d >= 0:
            nxt = d
    return frozenset(held)


def units(text: str) -> list[str]:
    """The pieces :func:`wrap` keeps whole when it can: words, and runs against the paragraph's
    direction (for a column's narrowest useful width)."""
    out: list[str] = []
    pos = 0
    for paragraph in text.split("\n"):
        end = pos + len(paragraph)
        held = _held_spaces(text, pos, end)
        piece = pos
        for i in range(pos, end):
            if text[i] == " " and i not in held:
                if i > piece:
                    out.append(text[piece:i])
                piece = i + 1
        if end > piece:
            out.append(text[piece:end])
        pos = end + 1
    return out


def _wrap_paragraph(text: str, start: int, end: int, width: int, out: list[tuple[int, int]]) -> None:
    if start == end:
        out.append((start, start))
        return
    held = _held_spaces(text, start, end)
    line_start = start
    line_width = 0
    last_break = -1  # offset of the last space on the current line where a break is allowed
    last_space = -1  # offset of the last space at all (a unit wider than the line breaks there)
    i = start
    while i < end:
        ch = text[i]
        w = get_character_cell_size(ch) if ch != "\t" else 1
        if ch == " ":
            last_space = i
            if i not in held:
                last_break = i
        if line_width + w > width and ch != " " and i > line_start:
            cut = last_break if last_break > line_start else last_space
            if cut > line_start:
                out.append((line_start, _rstrip(text, line_start, cut)))
                i = cut + 1
            else:
                out.append((line_start, i))
            while i < end and text[i] == " ":
                i += 1
            line_start, line_width, last_break, last_space = i, 0, -1, -1
            continue
        line_width += w
        i += 1
    if line_start < end:
        out.append((line_start, _rstrip(text, line_start, end)))


def _rstrip(text: str, start: int, end: int) -> int:
    while end > start and text[end - 1] == " ":
        end -= 1
    return end


# --------------------------------------------------------------------------- reordering

_LEVELS_RE = re.compile(r"Level\(\s*(\d+),?\s*\)")
_L1_TRAILING = frozenset(("WS", "BN", "FSI", "LRI", "RLI", "PDI", "LRE", "RLE", "LRO", "RLO", "PDF"))


def _levels_rust(line: str, base: int) -> list[int] | None:
    """Resolved embedding levels from python-bidi's Rust algorithm (per byte there: per char here)."""
    from bidi import get_display

    debug = get_display(line, base_dir="LR"[base], debug=True)
    section = debug.partition("levels:")[2].partition("paragraphs:")[0]
    per_byte = [int(x) for x in _LEVELS_RE.findall(section)]
    encoded = [len(ch.encode("utf-8")) for ch in line]
    if len(per_byte) != sum(encoded):
        return None
    levels, pos = [], 0
    for size in encoded:
        levels.append(per_byte[pos])
        pos += size
    return levels


def _levels_python(line: str, base: int) -> list[int]:
    """Resolved levels from python-bidi's pure-Python algorithm (fallback)."""
    from bidi import algorithm as alg

    storage = alg.get_empty_storage()
    storage["base_level"] = base
    storage["base_dir"] = "LR"[base]
    alg.get_embedding_levels(line, storage)
    for i, ch in enumerate(storage["chars"]):
        ch["idx"] = i
    alg.explicit_embed_and_overrides(storage)
    alg.resolve_weak_types(storage)
    alg.resolve_neutral_types(storage, False)
    alg.resolve_implicit_levels(storage, False)
    levels = [base] * len(line)
    for ch in storage["chars"]:
        levels[ch["idx"]] = ch["level"]
    return levels


def _l1(line: str, levels: list[int], base: int) -> list[int]:
    """Rule L1: separators, and whitespace before them or at the line end, go to the base level."""
    levels = list(levels)
    trailing = True
    for i in range(len(line) - 1, -1, -1):
        kind = unicodedata.bidirectional(line[i])
        if kind in ("S", "B"):
            levels[i] = base
            trailing = True
        elif trailing and kind in _L1_TRAILING:
            levels[i] = base
        else:
            trailing = False
    return levels


def _l2(levels: list[int]) -> list[int]:
    """Rule L2: visual order as a list of logical indexes."""
    order = list(range(len(levels)))
    if not levels:
        return order
    highest = max(levels)
    odd = [lv for lv in levels if lv % 2]
    if not odd:
        return order
    for level in range(highest, min(odd) - 1, -1):
        i, n = 0, len(order)
        while i < n:
            if levels[order[i]] >= level:
                j = i
                while j < n and levels[order[j]] >= level:
                    j += 1
                order[i:j] = order[i:j][::-1]
                i = j
            else:
                i += 1
    return order


def _is_mark(ch: str) -> bool:
    return unicodedata.category(ch) in ("Mn", "Me")


def _l3(line: str, order: list[int], levels: list[int]) -> list[int]:
    """Rule L3: in right-to-left runs, combining marks go back after their base letter."""
    out: list[int] = []
    i, n = 0, len(order)
    while i < n:
        k = order[i]
        if levels[k] % 2 and _is_mark(line[k]):
            j = i
            while j < n and levels[order[j]] % 2 and _is_mark(line[order[j]]):
                j += 1
            if j < n:
                out.append(order[j])
                out.extend(reversed(order[i:j]))
                i = j + 1
                continue
        out.append(k)
        i += 1
    return out


def _mirror(ch: str, level: int) -> str:
    if level % 2 and unicodedata.mirrored(ch):
        from bidi.mirror import MIRRORED

        return MIRRORED.get(ch, ch)
    return ch


@lru_cache(maxsize=4096)
def visual_order(line: str, rtl: bool) -> tuple[tuple[int, ...], str]:
    """``(order, visual)`` for one display line: logical index and glyph per visual position.

    ``line`` must not contain newlines (wrap first). ``rtl`` is the paragraph direction.
    """
    base = 1 if rtl else 0
    if not line:
        return (), ""
    if line.isascii() and not rtl:
        return tuple(range(len(line))), line
    from bidi import get_display

    expected = get_display(line, base_dir="LR"[base])  # the reference the levels must reproduce
    order: list[int] = []
    levels: list[int] = []
    for compute in (_levels_rust, _levels_python):
        raw = compute(line, base)
        if raw is None:
            continue
        levels = _l1(line, raw, base)
        order = _l2(levels)
        if "".join(line[k] for k in order) == expected:  # (get_display does not mirror)
            break
    order = _l3(line, order, levels)
    glyphs = shape(line) if shaping() else line
    visual = "".join(_mirror(glyphs[k], levels[k]) for k in order)
    return tuple(order), visual


def reorder(line: str, rtl: bool | None = None) -> str:
    """The display string of one logical line (no newlines); direction guessed when ``None``."""
    return visual_order(line, is_rtl(line) if rtl is None else rtl)[1]


# --------------------------------------------------------------------------- layout


@dataclass(frozen=True, slots=True)
class VisualLine:
    """One line as drawn: ``glyphs`` in visual order, ``offsets[i]`` the logical offset of glyph i."""

    glyphs: str
    offsets: tuple[int, ...]
    pad: int  # blank cells before the first glyph (right alignment)
    start: int  # logical span of the line in the text
    end: int


def layout(text: str, width: int, mode: str, *, rtl: bool | None = None) -> list[VisualLine]:
    """Sanitize, wrap to ``width`` cells, then (``app`` mode) reorder and right-align each line.

    ``rtl`` forces the direction of every paragraph; by default each paragraph decides.
    """
    shown = sanitize(text).replace("\t", " ")
    lines = wrap(shown, width)
    out: list[VisualLine] = []
    para_rtl: dict[int, bool] = {}
    for start, end in lines:
        segment = shown[start:end]
        if mode != "app":
            out.append(VisualLine(segment, tuple(range(start, end)), 0, start, end))
            continue
        direction = rtl
        if direction is None:
            para_start = shown.rfind("\n", 0, start) + 1
            if para_start not in para_rtl:
                para_end = shown.find("\n", start)
                para_rtl[para_start] = is_rtl(shown[para_start : para_end if para_end >= 0 else len(shown)])
            direction = para_rtl[para_start]
        order, visual = visual_order(segment, direction)
        pad = max(0, width - cell_len(visual)) if direction else 0
        out.append(VisualLine(visual, tuple(start + k for k in order), pad, start, end))
    return out


def display_line(text: str | None, width: int, mode: str) -> tuple[str, bool]:
    """One table cell: sanitized, cut to ``width`` cells (logically, with …), reordered in app mode.

    Returns ``(display, rtl)``; right-align the cell when ``rtl`` (app mode only).
    """
    line = sanitize_line(text)
    if width > 0 and cell_len(line) > width:
        out, used = [], 0
        for ch in line:
            w = get_character_cell_size(ch)
            if used + w > width - 1:
                break
            out.append(ch)
            used += w
        line = "".join(out).rstrip() + "…"
    if mode != "app":
        return line, False
    rtl = is_rtl(line)
    return visual_order(line, rtl)[1], rtl


__all__ = [
    "MODES",
    "VisualLine",
    "display_line",
    "has_rtl",
    "is_rtl",
    "layout",
    "reorder",
    "resolve_mode",
    "sanitize",
    "sanitize_line",
    "set_shaping",
    "shape",
    "shaping",
    "terminal_does_bidi",
    "units",
    "visual_order",
    "wrap",
]
