"""CLI command ``factcheck extract``: run the engine on files, no database needed."""

from __future__ import annotations

import datetime
import json
import sys

import click

from factcheck.cli import cli, pass_ctx  # noqa: F401
from factcheck.errors import InputError


def _read(path: str) -> str:
    """The text of ``path`` (``-`` = stdin), decoded by the ingest reader when available."""
    try:
        from factcheck.ingest import read_input
    except ImportError:
        read_input = None
    if read_input is not None:
        return read_input(path).text
    try:
        if path == "-":
            return sys.stdin.read()
        with open(path, encoding="utf-8-sig") as fh:
            return fh.read()
    except FileNotFoundError:
        raise InputError(f"{path}: no such file") from None
    except IsADirectoryError:
        raise InputError(f"{path}: is a directory") from None
    except UnicodeDecodeError:
        raise InputError(f"{path}: not UTF-8 text") from None
    except OSError as exc:
        raise InputError(f"{path}: {exc.strerror or exc}") from None


def _parse_date(value: str | None) -> datetime.date | None:
    if not value:
        return None
    try:
        return datetime.date.fromisoformat(value)
    except ValueError:
        raise InputError(f"bad date {value!r}: expected YYYY-MM-DD") from None


def _excerpt(text: str, width: int = 70) -> str:
    text = " ".join(text.split())
    return text if len(text) <= width else text[: width - 1] + "…"


def _print_table(path: str, extraction) -> None:
    """A rich table of the claims; cells sanitised, right-to-left text reordered when the
    terminal does not do it itself (``$FACTCHECK_BIDI``, as in ``factcheck review``)."""
    from rich.console import Console
    from rich.table import Table

    from factcheck.tui.bidi import reorder, resolve_mode, sanitize_line

    try:
        reorder_cells = resolve_mode() == "app"
    except ValueError:
        reorder_cells = False

    def cell(text: str | None) -> str:
        text = sanitize_line(text or "")
        return reorder(text) if reorder_cells and text else text

    console = Console()
    n = len(extraction.claims)
    table = Table(title=cell(f"{path} ({extraction.language}, {n} claim{'' if n == 1 else 's'})"))
    table.add_column("#", justify="right", no_wrap=True)
    table.add_column("source", max_width=30, overflow="fold")
    table.add_column("kind", no_wrap=True)
    table.add_column("cue", max_width=14, overflow="fold")
    claim_width = max(16, console.width - 72)
    table.add_column("claim", no_wrap=True, min_width=claim_width)
    for claim in extraction.claims:
        att = claim.attribution
        src = att.source.name if att.source.kind != "unattributed" else "—"
        if att.via:
            src += " via " + ", ".join(hop.source.name for hop in att.via)
        table.add_row(
            str(claim.index), cell(src), att.source.kind, cell(att.cue.text if att.cue else ""),
            cell(_excerpt(claim.text, claim_width)),
        )
    console.print(table)


@cli.command("extract")
@click.argument("paths", nargs=-1, required=True, metavar="PATH...")
@click.option("--lang", type=click.Choice(["auto", "ar", "en"]), default="auto", show_default=True,
              help="Language of the articles.")
@click.option("--date", "date_str", metavar="YYYY-MM-DD", help="Article date (resolves relative dates).")
@click.option("--json", "as_json", is_flag=True, help="JSON (one object per file; JSON Lines for several).")
def extract_cmd(paths: tuple[str, ...], lang: str, date_str: str | None, as_json: bool) -> None:
    """Split articles into attributed claims and print them (no database needed)."""
    from factcheck.text.extract import extract

    date = _parse_date(date_str)
    texts = [(path, _read(path)) for path in paths]  # every input checked before any output
    for path, text in texts:
        extraction = extract(text, lang=lang, date=date)
        if as_json:
            click.echo(json.dumps(extraction.to_json(), ensure_ascii=False))
        else:
            _print_table(path, extraction)
