"""Display of article text on a terminal: inert control characters, wrap-then-reorder, modes."""

from __future__ import annotations

import unicodedata

import pytest
from bidi import get_display
from hypothesis import given, settings
from hypothesis import strategies as st
from rich.cells import cell_len

from factcheck.tui.bidi import (
    display_line,
    is_rtl,
    layout,
    reorder,
    resolve_mode,
    sanitize,
    sanitize_line,
    visual_order,
    wrap,
)


@pytest.fixture(autouse=True)
def _no_shaping():
    """These tests are about order; joined letter forms (shaping) have their own tests."""
    from factcheck.tui.bidi import set_shaping

    set_shaping(False)
    yield
    set_shaping(None)


AR_SENTENCE = "قال المتحدث إن طائرة AC 130 أطلقت 66 صاروخا على الموقع"


# ------------------------------------------------------------------------------- sanitizing


def test_escape_sequences_become_visible_and_inert():
    text = "before \x1b[31mred\x1b[0m \x1b]0;title\x07 after"
    shown = sanitize(text)
    assert "\x1b" not in shown and "\x07" not in shown
    assert "␛[31mred␛[0m" in shown
    assert len(shown) == len(text)  # one code point for one: offsets still apply


def test_c1_controls_del_and_separators_replaced_newline_and_tab_kept():
    text = "a\x9b31m\x7fb\u2028c\td\ne\x00"
    shown = sanitize(text)
    assert len(shown) == len(text)
    assert not any(unicodedata.category(ch) == "Cc" and ch not in "\n\t" for ch in shown)
    assert "\u2028" not in shown
    assert "\t" in shown and "\n" in shown


def test_crlf_shows_as_line_end_and_sanitize_line_is_one_line():
    assert sanitize("one\r\ntwo") == "one \ntwo"
    assert sanitize("a\rb") == "a␍b"
    assert sanitize_line("one\ntwo\tthree\x1b") == "one two three␛"


@given(st.text())
def test_sanitize_never_lets_a_control_through(text):
    shown = sanitize(text)
    assert len(shown) == len(text)
    assert all(unicodedata.category(ch) != "Cc" or ch in "\n\t" for ch in shown)


# ------------------------------------------------------------------------------- wrapping


def test_wrap_breaks_at_spaces_within_width():
    text = "the quick brown fox jumps over the lazy dog"
    lines = wrap(text, 12)
    assert [text[a:b] for a, b in lines] == ["the quick", "brown fox", "jumps over", "the lazy dog"]


def test_wrap_cuts_words_longer_than_the_line_and_keeps_empty_paragraphs():
    text = "abcdefghij xy\n\nz"
    lines = [text[a:b] for a, b in wrap(text, 4)]
    assert lines == ["abcd", "efgh", "ij", "xy", "", "z"]


words = st.lists(st.sampled_from(["قال", "المتحدث", "AC", "130", "سنتكوم", "strike", "66", "،", "the", "a" * 15]),
                 min_size=1, max_size=40)


@given(words, st.integers(min_value=3, max_value=40))
def test_wrap_property_lines_fit_and_cover_every_word_in_order(ws, width):
    text = " ".join(ws)
    lines = wrap(text, width)
    assert all(cell_len(text[a:b]) <= width for a, b in lines)
    assert all(b <= c for (_, b), (c, _) in zip(lines, lines[1:]))
    assert "".join(text[a:b] for a, b in lines).replace(" ", "") == text.replace(" ", "")


# ------------------------------------------------------------------------------- reordering


def test_arabic_reads_right_to_left_and_latin_and_numbers_keep_their_order():
    visual = reorder(AR_SENTENCE, True)
    assert "AC 130" in visual and "66" in visual
    # the first logical word is drawn rightmost, the last leftmost
    assert visual.endswith("قال"[::-1])
    assert visual.startswith("الموقع"[::-1])
    # the Latin/number run sits between the words that surround it logically
    left, right = visual.split("AC 130")
    assert "طائرة"[::-1] in right and "أطلقت"[::-1] in left


def test_visual_order_is_a_permutation_and_english_is_untouched():
    order, visual = visual_order(AR_SENTENCE, True)
    assert sorted(order) == list(range(len(AR_SENTENCE)))
    assert visual_order("plain English text", False) == (tuple(range(18)), "plain English text")


def test_arabic_name_inside_english_sentence_is_reversed_only_locally():
    text = "CENTCOM said القيادة المركزية struck 2 sites"
    visual = reorder(text, False)
    assert visual.startswith("CENTCOM said ")
    assert visual.endswith(" struck 2 sites")
    assert "المركزية"[::-1] + " " + "القيادة"[::-1] in visual


def test_brackets_are_mirrored_in_right_to_left_runs():
    visual = reorder("قصفت (سنتكوم) الموقع", True)
    assert "(" + "سنتكوم"[::-1] + ")" in visual


def test_combining_marks_stay_after_their_letter():
    word = "مُحَمَّد"
    clusters: list[str] = []
    for ch in word:  # a letter with the marks that follow it
        if unicodedata.category(ch) == "Mn":
            clusters[-1] += ch
        else:
            clusters.append(ch)
    assert len(clusters) == 4
    # each letter keeps its marks after it (terminals attach a mark to the cell before it)
    assert reorder(word, True) == "".join(reversed(clusters))
    assert reorder("قال " + word, True) == "".join(reversed(clusters)) + " " + "لاق"


no_marks = st.text(
    alphabet=st.sampled_from(list("قالمتحدثإنطئرةأ") + list("ACDxyz") + list("0123456789٠١٢") + list(" .,:-/%")),
    min_size=1,
    max_size=60,
)


@settings(max_examples=300)
@given(no_marks, st.booleans())
def test_reordering_agrees_with_python_bidi_get_display(line, rtl):
    order, visual = visual_order(line, rtl)
    expected = get_display(line, base_dir="R" if rtl else "L")
    assert "".join(line[k] for k in order) == expected


# ------------------------------------------------------------------------------- layout


def test_layout_wraps_first_then_reorders_each_line_right_aligned():
    paragraph = " ".join(["كلمة%d" % i for i in range(1, 30)]).replace("%d", "")
    paragraph = "أول " + "وسط " * 25 + "آخر"
    lines = layout(paragraph, 30, "app")
    assert len(lines) > 2
    first, last = lines[0], lines[-1]
    # wrapping happened on logical text: the first line holds the first word, drawn at the right end
    assert first.start == 0 and "أول"[::-1] in first.glyphs
    assert first.glyphs.endswith("أول"[::-1])
    assert "آخر"[::-1] in last.glyphs
    for line in lines:
        assert line.pad + cell_len(line.glyphs) == 30  # right-aligned
        assert sorted(line.offsets) == list(range(line.start, line.end))


def test_layout_terminal_and_off_keep_logical_order():
    for mode in ("terminal", "off"):
        lines = layout(AR_SENTENCE, 200, mode)
        assert lines[0].glyphs == AR_SENTENCE and lines[0].pad == 0


def test_layout_english_paragraph_in_app_mode_is_left_aligned():
    lines = layout("A plain English paragraph that wraps.", 12, "app")
    assert all(line.pad == 0 for line in lines)
    assert lines[0].glyphs == "A plain"


def test_layout_shows_escape_sequences_inert():
    lines = layout("x \x1b[2J\x1b[H y", 80, "app")
    assert "\x1b" not in lines[0].glyphs and "␛[2J" in lines[0].glyphs


def test_display_line_cuts_logically_then_reorders():
    shown, rtl = display_line(AR_SENTENCE, 16, "app")
    assert rtl and cell_len(shown) <= 16
    assert shown.endswith("قال"[::-1])  # the beginning of the claim survives, at the right
    assert shown.startswith("…")  # the cut end is at the left
    plain, rtl = display_line("a\nb", 10, "off")
    assert plain == "a b" and not rtl


def test_is_rtl_by_majority_not_first_letter():
    assert is_rtl("CENTCOM قالت القيادة المركزية إن")
    assert not is_rtl("The spokesman of القيادة said")


# ------------------------------------------------------------------------------- modes


@pytest.mark.parametrize(
    "mode, env, expected",
    [
        ("auto", {}, "app"),
        ("auto", {"VTE_VERSION": "7200"}, "terminal"),
        ("auto", {"KONSOLE_VERSION": "230401"}, "terminal"),
        ("auto", {"TERM": "mlterm"}, "terminal"),
        ("auto", {"VTE_VERSION": "7200", "TMUX": "/tmp/tmux-0/default,1,0"}, "app"),
        (None, {"FACTCHECK_BIDI": "off"}, "off"),
        ("terminal", {}, "terminal"),
        ("APP", {}, "app"),
    ],
)
def test_resolve_mode(mode, env, expected):
    assert resolve_mode(mode, env) == expected


def test_resolve_mode_refuses_unknown():
    with pytest.raises(ValueError):
        resolve_mode("sideways", {})


def test_bidi_overrides_and_isolates_are_shown_not_applied():
    text = "قال \u202eالوزير\u202c إن \u2067X\u2069 \u200fنعم"
    shown = sanitize(text)
    assert len(shown) == len(text)  # offsets still apply
    assert not any(ch in shown for ch in "\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")
    assert "\u200f" in shown  # a right-to-left mark only steers neutrals: kept
    assert sanitize_line(text).count("\u2043") == 4
