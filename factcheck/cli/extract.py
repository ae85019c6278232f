"""CLI command ``factcheck extract``: run the engine on files, no database needed."""

from __future__ import annotations

import datetime
import re

import click

from factcheck.cli import cli, pass_ctx  # noqa: F401
from factcheck.errors import InputError
from factcheck.sanitize import json_text


def _read(path: str, max_bytes: int) -> str:
    """The text of ``path`` (``-`` = stdin), read, decoded and converted as ``ingest`` does."""
    from factcheck.ingest import read_input

    return read_input(path, max_bytes=max_bytes).text


_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")


def _parse_date(value: str | None) -> datetime.date | None:
    """``YYYY-MM-DD`` exactly, as ``ingest --published`` takes it."""
    text = (value or "").strip()
    if not text:
        return None
    try:
        if not _DATE.match(text):
            raise ValueError
        return datetime.date.fromisoformat(text)
    except ValueError:
        raise InputError(f"bad date {value!r}: expected YYYY-MM-DD such as 2024-03-05") from None


def _excerpt(text: str, width: int = 70) -> str:
    text = " ".join(text.split())
    return text if len(text) <= width else text[: width - 1] + "…"


def _print_table(path: str, extraction) -> None:
    """A rich table of the claims; cells sanitised, right-to-left text wrapped then reordered when
    the terminal does not do it itself (``$FACTCHECK_BIDI``, as in ``factcheck review``)."""
    from rich.table import Table

    from factcheck.cli.display import PIPE_WIDTH, Display

    out = Display()
    n = len(extraction.claims)
    table = Table(title=out.frag(f"{path} ({extraction.language}, {n} claim{'' if n == 1 else 's'})"))
    table.add_column("#", justify="right", no_wrap=True)
    table.add_column("source", max_width=30, overflow="fold")
    table.add_column("kind", no_wrap=True)
    table.add_column("cue", max_width=14, overflow="fold")
    piped = out.console.width >= PIPE_WIDTH  # a pipe or file: whole claims, columns as wide as they need
    claim_width = out.console.width if piped else max(16, out.console.width - 72)
    table.add_column("claim", no_wrap=True, min_width=None if piped else claim_width)
    for claim in extraction.claims:
        att = claim.attribution
        src = att.source.name if att.source.kind != "unattributed" else "—"
        if att.via:
            src += " via " + ", ".join(hop.source.name for hop in att.via)
        table.add_row(
            str(claim.index), out.para(src, one_line=True), att.source.kind,
            out.para(att.cue.text if att.cue else "", one_line=True),
            out.para(_excerpt(claim.text, claim_width), one_line=True),
        )
    out.print(table)


def _print_explain(path: str, extraction) -> None:
    """Per claim: where it is, the source and mention, the cue, and the engine's reason."""
    from factcheck.cli.display import Display

    out = Display()
    n = len(extraction.claims)
    out.print(out.frag(f"{path} ({extraction.language}, {n} claim{'' if n == 1 else 's'})"))
    for claim in extraction.claims:
        att = claim.attribution
        src = att.source.name if att.source.kind != "unattributed" else "unattributed (narration)"
        line = f"#{claim.index} [{claim.start}:{claim.end}] {src} ({att.source.kind})"
        if att.mention is not None:
            line += f" mention {att.mention.text!r} [{att.mention.start}:{att.mention.end}]"
        if att.via:
            line += " via " + ", ".join(hop.source.name for hop in att.via)
        out.print(out.para(line, one_line=True))
        if att.cue is not None:
            out.print(out.para(f"    cue {att.cue.text!r} [{att.cue.start}:{att.cue.end}]", one_line=True))
        out.print(out.para(f"    why: {att.reason or 'no reporting cue: the writer narrates'}", one_line=True))
        out.print(out.para("    " + _excerpt(claim.text, 100), one_line=True))


@cli.command("extract")
@click.argument("paths", nargs=-1, required=True, metavar="PATH...")
@click.option("--lang", type=click.Choice(["auto", "ar", "en"]), default="auto", show_default=True,
              help="Language of the articles.")
@click.option("--date", "date_str", metavar="YYYY-MM-DD", help="Article date (resolves relative dates).")
@click.option("--json", "as_json", is_flag=True, help="JSON (one object per file; JSON Lines for several).")
@click.option("--explain", is_flag=True,
              help="Print per claim the cue, the rule that fired and how the speaker was resolved.")
@click.option("--max-bytes", type=click.IntRange(min=1), default=5_000_000, show_default=True,
              help="Refuse inputs larger than this.")
def extract_cmd(paths: tuple[str, ...], lang: str, date_str: str | None, as_json: bool, explain: bool,
                max_bytes: int) -> None:
    """Split articles into attributed claims and print them (no database needed).

    PATH is a text, Markdown or HTML file, or - for stdin, read as 'factcheck ingest' reads it.
    """
    from factcheck.text.extract import extract

    date = _parse_date(date_str)
    if list(paths).count("-") > 1:
        raise InputError("stdin (-) can be read only once")
    texts = [(path, _read(path, max_bytes)) for path in paths]  # every input checked before any output
    for path, text in texts:
        extraction = extract(text, lang=lang, date=date)
        if as_json:
            click.echo(json_text(extraction.to_json()))  # C1/bidi controls escaped
        elif explain:
            _print_explain(path, extraction)
        else:
            _print_table(path, extraction)
