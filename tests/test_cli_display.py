"""Arabic in CLI listings: wrapped then reordered on a terminal in app mode, logical everywhere else."""

from __future__ import annotations

import io
import sys
from io import StringIO

import pytest
from rich.console import Console
from rich.table import Table
from test_review_support import add_article, add_source

from factcheck.cli import display, main
from factcheck.cli.display import BidiText
from factcheck.tui.bidi import reorder, sanitize, wrap

MIXED = "قال المتحدث إن طائرة AC 130 نفذت 66 غارة على المواقع في المنطقة."
LONG = ("أعلنت الوزارة في بيان صدر صباح اليوم أن فرق الإنقاذ واصلت عملها طوال الليل في الأحياء "
        "الشمالية من المدينة، وأن عدد المصابين ارتفع إلى 14 شخصا بحسب الأرقام الأولية.")


@pytest.fixture
def run(capsys, monkeypatch, db_path):
    """``factcheck --db DB ARGS`` in-process; ``tty`` says whether stdout counts as a terminal."""
    monkeypatch.setenv("COLUMNS", "200")
    monkeypatch.setenv("FACTCHECK_REVIEWER", "qa")
    for var in ("FACTCHECK_DB", "FACTCHECK_BIDI", "TMUX", "STY", "VTE_VERSION", "KONSOLE_VERSION", "MLTERM"):
        monkeypatch.delenv(var, raising=False)

    def invoke(*args: str, tty: bool = True, bidi: str | None = "app", columns: int = 200):
        monkeypatch.setattr(display, "stdout_is_terminal", lambda: tty)
        monkeypatch.setenv("COLUMNS", str(columns))
        if bidi is None:
            monkeypatch.delenv("FACTCHECK_BIDI", raising=False)
        else:
            monkeypatch.setenv("FACTCHECK_BIDI", bidi)
        monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(b"")))
        try:
            main(["--db", str(db_path), *map(str, args)])
            code = 0
        except SystemExit as exc:
            code = exc.code
        out, err = capsys.readouterr()
        return code, out, err

    return invoke


@pytest.fixture
def arabic(db):
    add_source(db, "ministry", "وزارة الدفاع")
    add_article(db, [{"text": MIXED, "source": "ministry"}, {"text": LONG, "source": "ministry"}],
                lang="ar", title="غارات جديدة على مواقع في المنطقة")
    return db


def _cells(out: str, column: int, first_ref: str, next_ref: str | None) -> list[str]:
    """The lines of one table column for the row starting with ``first_ref``."""
    lines = out.splitlines()
    start = next(i for i, line in enumerate(lines) if f" {first_ref} " in line)
    cells = []
    for line in lines[start:]:
        parts = line.split("│")
        if len(parts) < column + 2 or (next_ref and f" {next_ref} " in line) or line.startswith("└"):
            break
        cells.append(parts[column])
    return cells


def test_claims_on_a_terminal_in_app_mode_are_reordered_and_mixed_runs_stay_readable(run, arabic):
    code, out, err = run("claims", "1")
    assert code == 0, err
    assert reorder(MIXED) in out and MIXED not in out
    assert "AC 130" in out and "66" in out and "031" not in out  # Latin names and numbers keep their order
    assert reorder("وزارة الدفاع") in out
    assert reorder("غارات جديدة على مواقع في المنطقة") in out  # the heading's title
    assert arabic.execute("SELECT text FROM claims WHERE idx = 1").fetchone()[0] == MIXED  # stored text untouched


def test_long_claims_are_wrapped_first_then_each_line_reordered_and_right_aligned(run, arabic):
    code, out, err = run("claims", "1", "--full", columns=80)
    assert code == 0, err
    cells = _cells(out, 4, "1:2", None)
    assert len(cells) > 2
    width = len(cells[0]) - 2  # a space of padding each side
    expected = [reorder(LONG[s:e], True) for s, e in wrap(LONG, width)]
    assert [c.strip() for c in cells] == expected
    assert all(c.endswith(" ") and not c[-2].isspace() for c in cells)  # right-aligned
    # reordering the whole text and letting rich wrap would put the end of the text first
    assert reorder(LONG, True).startswith(reorder(LONG[wrap(LONG, width)[-1][0]:], True))
    assert not reorder(LONG, True).startswith(cells[0].strip())


@pytest.mark.parametrize("tty, mode", [(False, "app"), (False, None), (True, "terminal"), (True, "off")])
def test_pipes_and_terminal_or_off_modes_get_the_logical_text(run, arabic, tty, mode):
    code, out, err = run("claims", "1", tty=tty, bidi=mode)
    assert code == 0, err
    assert MIXED in out and reorder(MIXED) not in out
    code, out, err = run("articles", tty=tty, bidi=mode)
    assert "غارات جديدة على مواقع في المنطقة" in out


def test_auto_mode_reorders_behind_tmux_and_leaves_it_to_a_terminal_that_reorders(run, arabic, monkeypatch):
    monkeypatch.setenv("TMUX", "/tmp/tmux-0/default,1,0")
    monkeypatch.setenv("VTE_VERSION", "7000")
    assert reorder(MIXED) in run("claims", "1", bidi=None)[1]
    monkeypatch.delenv("TMUX")
    out = run("claims", "1", bidi="auto")[1]
    assert MIXED in out and reorder(MIXED) not in out


def test_every_listing_reorders_arabic_on_a_terminal(run, arabic):
    run("mark", "1:1", "--verdict", "false", "--note", "نفى المتحدث ذلك في مؤتمر صحفي")
    run("evidence", "1:1", "--url", "https://example.org/a", "--title", "بيان الوزارة الرسمي")
    run("link", "1:1", "1:2", "--as", "related")
    name = reorder("وزارة الدفاع")
    assert reorder("غارات جديدة على مواقع في المنطقة") in run("articles")[1]
    assert name in run("sources")[1]
    show = run("show", "1:1")[1]
    assert reorder(MIXED) in show and name in show and reorder("بيان الوزارة الرسمي") in show
    assert reorder("نفى المتحدث ذلك في مؤتمر صحفي") in show
    assert reorder("بيان الوزارة الرسمي") in run("evidence", "1:1")[1]
    history = run("history", "1:1")[1]
    assert history and "\x1b" not in history
    # piped, the same commands print the stored text
    assert "بيان الوزارة الرسمي" in run("evidence", "1:1", tty=False)[1]
    assert MIXED in run("show", "1:1", tty=False)[1]


def test_escape_sequences_stay_inert_in_every_mode(run, db):
    add_source(db, "x", "مصدر \x1b]0;title\x07 مجهول")
    add_article(db, [{"text": "قال المصدر \x1b[2J إن الجسر \x1b[31mمغلق.", "source": "x"}], lang="ar",
                title="عنوان \x1b[31m")
    for tty, mode in ((True, "app"), (False, "app"), (True, "terminal")):
        for args in (["articles"], ["claims", "1"], ["claims", "1", "--full"], ["show", "1:1"], ["sources"]):
            code, out, err = run(*args, tty=tty, bidi=mode)
            assert code == 0, err
            assert "\x1b" not in out and "\x07" not in out, args
            assert "␛" in out, args


def test_extract_uses_the_same_policy(run, tmp_path):
    path = tmp_path / "ar.txt"
    path.write_text("قال وزير الخارجية إن المحادثات ستستأنف الأسبوع المقبل في العاصمة.\n", encoding="utf-8")
    out = run("extract", path)[1]
    assert reorder("وزير الخارجية") in out
    out = run("extract", path, tty=False)[1]
    assert "وزير الخارجية" in out


def test_a_bad_mode_on_a_terminal_is_one_error_line(run, arabic):
    code, out, err = run("claims", "1", bidi="sideways")
    assert code == 2 and err.startswith("error: FACTCHECK_BIDI") and len(err.splitlines()) == 1


def test_bidi_text_in_a_narrow_column_wraps_then_reorders():
    text = LONG
    console = Console(file=StringIO(), width=40, force_terminal=True, color_system=None)
    table = Table(show_header=False, box=None, padding=0)
    table.add_column(width=30)
    table.add_row(BidiText(text, reorder=True))
    console.print(table)
    lines = console.file.getvalue().splitlines()
    expected = [reorder(text[s:e], True).rjust(30) for s, e in wrap(sanitize(text), 30)]
    assert [line.rstrip("\n") for line in lines] == expected


def test_bidi_text_with_a_label_keeps_the_label_left_and_indents_continuations():
    console = Console(file=StringIO(), width=50, force_terminal=True, color_system=None)
    console.print(BidiText(LONG, reorder=True, prefix="  note: "))
    lines = console.file.getvalue().splitlines()
    assert lines[0].startswith("  note: ") and all(line.startswith(" " * 8) for line in lines[1:])
    assert [line[8:].strip() for line in lines] == [reorder(LONG[s:e], True) for s, e in wrap(LONG, 42)]
    logical = Console(file=StringIO(), width=500, color_system=None)
    logical.print(BidiText(LONG, reorder=False, prefix="  note: "))
    assert logical.file.getvalue() == f"  note: {LONG}\n"


# A source name with its conduit, an English line with an Arabic name: mixed lines wrap as one unit.
VIA_NAME = "مصدر في وزارة الطاقة via Reuters News"
ROLE_LINE = "the spokesman said 'وزير المالية الجديد' twice"


def test_a_run_against_the_paragraph_direction_is_not_broken_when_it_fits():
    lines = [VIA_NAME[s:e] for s, e in wrap(VIA_NAME, 22)]
    assert "via Reuters News" in lines  # not 'الطاقة via' / 'Reuters News'
    assert all(len(line) <= 22 for line in lines)
    lines = [ROLE_LINE[s:e] for s, e in wrap(ROLE_LINE, 26)]
    assert any("'وزير المالية الجديد'" in line for line in lines)


def test_a_run_wider_than_the_line_still_breaks_and_plain_text_wraps_as_before():
    lines = [VIA_NAME[s:e] for s, e in wrap(VIA_NAME, 10)]
    assert all(len(line) <= 10 for line in lines) and "".join(lines).replace(" ", "") == VIA_NAME.replace(" ", "")
    english = "Officials at the ministry said the pier would reopen on Monday morning"
    assert [english[s:e] for s, e in wrap(english, 20)] == [
        "Officials at the", "ministry said the", "pier would reopen on", "Monday morning"]
    arabic = "قال مسؤول في الوزارة إن الجسر سيفتح صباح الاثنين"
    assert [arabic[s:e] for s, e in wrap(arabic, 20)] == ["قال مسؤول في الوزارة", "إن الجسر سيفتح صباح", "الاثنين"]


def test_a_source_cell_keeps_its_conduit_on_one_line_on_the_terminal(run, db):
    columns = 80
    add_source(db, "energy", "مصدر في وزارة الطاقة")
    add_source(db, "reuters", "Reuters News", kind="agency")
    add_article(db, [{"text": "قال المصدر إن محطة الكهرباء ستعود إلى العمل خلال يومين.", "source": "energy",
                      "via": ["reuters"]}], lang="ar", title="انقطاع الكهرباء")
    code, out, err = run("claims", "1", columns=columns)
    assert code == 0, err
    cells = [c.strip() for c in _cells(out, 2, "1:1", None)]
    assert "via Reuters News" in cells, cells  # the column is at least as wide as the run
    assert reorder("مصدر في وزارة الطاقة", True) in cells
    assert all(len(line) <= columns for line in out.splitlines())


def test_show_wraps_a_long_line_before_reordering_it(run, db):
    add_source(db, "energy", "مصدر في وزارة الطاقة")
    add_article(db, [{"text": "قال المصدر إن المحطة ستعود إلى العمل.", "source": "energy"}], lang="ar",
                title="انقطاع الكهرباء في المدن الشمالية والجنوبية لليلة الثالثة على التوالي")
    code, out, err = run("show", "1:1", columns=50)
    assert code == 0, err
    head = out.splitlines()[:3]
    assert head[0].startswith("Claim 1:1 — article 1 (ar): ")
    title = "انقطاع الكهرباء في المدن الشمالية والجنوبية لليلة الثالثة على التوالي"
    prefix = "Claim 1:1 — article 1 (ar): "
    start, end = wrap(title, 50 - len(prefix))[0]
    assert head[0][len(prefix):].strip() == reorder(title[start:end], True)  # the title's start, not its end
    assert all(len(line) <= 50 for line in out.splitlines())


def test_every_listing_and_format_keeps_control_characters_inert(run, db):
    """After the new widgets and formats: every table, TSV/CSV and JSON the CLI prints shows ESC,
    BEL, C1 and bidi overrides inert (symbols in tables/TSV/CSV, \\u escapes in JSON)."""
    add_source(db, "x", "مصدر \x1b]0;title\x07 مجهول via \u202eWire")
    add_article(db, [{"text": "قال المصدر \x1b[2J إن الجسر \x9b31m مغلق \u202e الآن.", "source": "x"},
                     {"text": "The harbour \x1b[5m office said the pier \x07 was closed.", "source": "x"}],
                lang="ar", title="عنوان \x1b[31m \u202e")
    run("mark", "1:1", "--verdict", "false", "--note", "ملاحظة \x1b[31m \u202e")
    run("evidence", "1:1", "--url", "https://example.org/a", "--title", "بيان \x1b[1m")
    run("link", "1:1", "1:2", "--as", "related")
    commands = [["articles"], ["claims", "1"], ["claims"], ["claims", "--verdict", "false"], ["show", "1:1"],
                ["sources"], ["search", "الجسر"], ["search", "pier"], ["evidence", "1:1"], ["history", "1:1"],
                ["article", "1"], ["suggest", "1"]]
    formats = [["claims", "1", "--format", f] for f in ("tsv", "csv", "json")] + [["articles", "--json"],
               ["show", "1:1", "--json"], ["search", "الجسر", "--format", "tsv"], ["search", "pier", "--json"]]
    raw = ("\x1b", "\x07", "\x9b", "\u202e")
    for tty, mode in ((True, "app"), (True, "terminal"), (False, "app")):
        for args in commands + formats:
            code, out, err = run(*args, tty=tty, bidi=mode)
            assert code == 0, (args, err)
            assert out.strip(), args
            assert not any(c in out or c in err for c in raw), (args, tty, mode)


def test_a_cell_is_measured_no_narrower_than_its_widest_unit():
    from rich.measure import Measurement

    console = Console(file=StringIO(), width=70)
    shown = Measurement.get(console, console.options, BidiText(VIA_NAME, reorder=True))
    assert shown.minimum == len("via Reuters News") and shown.maximum == len(VIA_NAME)
    logical = Measurement.get(console, console.options, BidiText(VIA_NAME, reorder=False))
    assert logical.minimum == len("Reuters")  # piped: rich wraps the logical text at words
