"""Display pieces: styled spans survive reordering, cells cut logically, glyphs from the scale."""

from __future__ import annotations

import pytest
from rich.style import Style
from rich.text import Text

from factcheck.review.scale import load_scale
from factcheck.tui.bidi import reorder
from factcheck.tui.format import block, cell, glyph, inline, progress, reasons_text


@pytest.fixture(autouse=True)
def _no_shaping():
    """These tests are about order; joined letter forms (shaping) have their own tests."""
    from factcheck.tui.bidi import set_shaping

    set_shaping(False)
    yield
    set_shaping(None)


TEXT = "قال المتحدث إن طائرة AC 130 أطلقت 66 صاروخا على الموقع الشمالي قرب الحدود"
MARK = Style(underline=True)


def styled(text: Text, style: Style) -> str:
    """The characters drawn with ``style``, in display order."""
    out = []
    for span in text.spans:
        if span.style == style:
            out.append(text.plain[span.start:span.end])
    return "|".join(out)


def test_a_highlighted_word_lands_on_its_reordered_cells():
    start = TEXT.index("المتحدث")
    shown = block(TEXT, 200, "app", spans=[(start, start + len("المتحدث"), MARK)])
    assert styled(shown, MARK) == "المتحدث"[::-1]
    latin = TEXT.index("AC 130")
    shown = block(TEXT, 200, "app", spans=[(latin, latin + 6, MARK)])
    assert styled(shown, MARK) == "AC 130"


def test_block_wraps_before_reordering_and_right_aligns():
    shown = block(TEXT, 30, "app")
    lines = shown.plain.split("\n")
    assert len(lines) > 1
    assert all(len(line) <= 30 for line in lines)
    assert lines[0].endswith(reorder("قال", True))  # the first words are on the first line, at the right
    assert all(len(line) == 30 for line in lines)  # right-aligned: padded on the left


def test_block_max_lines_keeps_the_beginning():
    shown = block(TEXT, 30, "app", max_lines=1)
    assert "\n" not in shown.plain and "…" in shown.plain and reorder("قال", True) in shown.plain


def test_cell_is_one_line_cut_at_the_logical_end():
    shown = cell(TEXT, 20, "app")
    assert len(shown.plain) == 20 and shown.plain.startswith("…") and shown.plain.endswith(reorder("قال", True))
    assert cell("line one\nline two\x1b[1m", 40, "off").plain == "line one line two␛[1m"


def test_inline_reorders_names_in_app_mode_only():
    assert inline("وزارة الصحة", "app") == reorder("وزارة الصحة", True)
    assert inline("وزارة الصحة", "terminal") == "وزارة الصحة"
    assert inline("[bold]not markup[/bold]", "app") == "[bold]not markup[/bold]"


def test_glyphs_come_from_the_verdict_scale_and_statuses():
    scale = load_scale()
    assert glyph(None, "false", scale).plain == scale.get("false").glyph
    assert glyph("reviewed", None, scale).plain == "●"
    assert glyph(None, "my own label", scale).plain == "M"


def test_progress_and_reasons():
    assert progress(3, 12, width=4).plain == "█░░░ 3/12"
    assert progress(0, 0).plain == "—"
    text = reasons_text({"text": 0.81, "numbers": ["12", "15"], "same_family": True, "dates": []})
    assert text == "text 0.81 · numbers 12, 15 · same family"
