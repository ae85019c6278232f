"""CLI: ``factcheck search QUERY`` and the claim filters shared with ``factcheck claims``."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import click
from rich.table import Table
from rich.text import Text

from factcheck.cli import cli, pass_ctx
from factcheck.cli.display import Display, excerpt, safe
from factcheck.cli.listing import chosen_format, claim_record, emit_records, format_options
from factcheck.errors import InputError


def filter_options(func: Callable) -> Callable:
    """``--status``, ``--verdict``, ``--source``, ``--kind`` (each optional)."""
    for option in reversed((
        click.option("--status", metavar="STATUS",
                     help="Only claims with this status: unreviewed, in_review, reviewed, needs_follow_up."),
        click.option("--verdict", metavar="LABEL", help="Only claims with this verdict ('none': no verdict yet)."),
        click.option("--source", metavar="NAME|KEY|ID",
                     help="Only claims whose current source is this one (words of a name or alias, folded)."),
        click.option("--kind", metavar="KIND",
                     help="Only claims whose source is of this kind: person, organization, agency, anonymous, "
                          "reports, unattributed."),
    )):
        func = option(func)
    return func


def make_filter(db, *, article_id: int | None, status: str | None, verdict: str | None, source: str | None,
                kind: str | None):
    """A checked :class:`~factcheck.store.search.ClaimFilter` from the options (InputError when a value
    is unknown)."""
    from factcheck.model import KINDS
    from factcheck.review import STATUSES
    from factcheck.review.base import normalise_choice
    from factcheck.review.scale import load_scale
    from factcheck.store.search import NO_VERDICT, ClaimFilter, find_sources

    source_ids = None
    if source is not None:
        source_ids = find_sources(db, source)
        if not source_ids:
            raise InputError(f"no source matches {source!r} (see 'factcheck sources')")
    if verdict is not None:
        verdict = NO_VERDICT if verdict.strip().lower() == NO_VERDICT else load_scale().parse(verdict).label
    return ClaimFilter(
        article_id=article_id,
        status=normalise_choice(status, STATUSES, "status") if status is not None else None,
        verdict=verdict,
        source_ids=source_ids,
        kind=normalise_choice(kind, KINDS, "kind") if kind is not None else None,
    )


def _status(row: dict[str, Any]) -> str:
    status = (row["status"] or "unreviewed").replace("_", " ")
    return safe(f"{status}: {row['verdict']}" if row.get("verdict") else status)


def claims_table(rows: list[dict[str, Any]], out: Display, *, full: bool = False, title: str | None = None,
                 ref_header: str = "Claim", text_header: str = "Text") -> Table:
    """Claims as a table: rows with ``ref``, ``source_name``, ``source_kind``, ``via`` (a list of
    names, or the `` / ``-joined string of ``claims_current``), ``overridden``, ``text``, ``status``
    and ``verdict``."""
    table = Table(show_lines=full, title=title, title_justify="left")
    table.add_column(ref_header, justify="right", no_wrap=True)
    table.add_column("Source", overflow="fold", max_width=24)
    table.add_column("Kind", no_wrap=True)
    table.add_column(text_header, overflow="fold", ratio=1)
    table.add_column("Status", overflow="fold")
    for row in rows:
        source = excerpt(row["source_name"] or "?", 200)
        via = row["via"].split(" / ") if isinstance(row["via"], str) else row["via"]
        if via:
            source += " via " + ", ".join(excerpt(name, 100) for name in via)
        if row["overridden"]:
            source += " *"
        table.add_row(row["ref"], out.para(source), Text(safe(row["source_kind"] or "")),
                      out.para(row["text"] if full else excerpt(row["text"], 90)), out.para(_status(row)))
    return table


def print_claims(rows: list[dict[str, Any]], fmt: str, *, full: bool, empty: str, title: str | None = None) -> None:
    if fmt != "table":
        emit_records([claim_record(r) for r in rows], fmt)
        return
    out = Display()
    if not rows:
        out.print(empty, markup=False)
        return
    out.print(claims_table(rows, out, full=full, title=title))
    if any(row["overridden"] for row in rows):
        out.print("* source corrected by a reviewer", style="dim")


@cli.command("search")
@click.argument("query", nargs=-1, required=True)
@click.option("--article", metavar="ARTICLE", help="Only claims of this article (its id).")
@filter_options
@click.option("--limit", type=click.IntRange(min=1), default=100, show_default=True, help="At most this many claims.")
@click.option("--full", is_flag=True, help="Show the whole claim text, not an excerpt.")
@format_options
@pass_ctx
def search_cmd(ctx, query, article, status, verdict, source, kind, limit, full, fmt, as_json):
    """Find claims by their words, best match first, across articles.

    Every word must occur (as the start of a word). Arabic spelling variants meet (اعلنت finds
    أعلنت, الاسد finds الأسد) and a word also matches with a joined proclitic (وأكد, الوزارة);
    Latin case does not matter. Search syntax (AND, *, quotes) is plain text.
    """
    from factcheck.store.refs import get_article
    from factcheck.store.search import search

    fmt = chosen_format(fmt, as_json)
    text = " ".join(query)
    article_id = get_article(ctx.db, article)["id"] if article is not None else None
    flt = make_filter(ctx.db, article_id=article_id, status=status, verdict=verdict, source=source, kind=kind)
    rows = search(ctx.db, text, flt, limit=limit)
    n = len(rows)
    print_claims(rows, fmt, full=full, empty=f"no claims match {safe(excerpt(text, 60))!r}",
                 title=f"{n} claim{'' if n == 1 else 's'}" + (" (limit reached)" if n == limit else ""))


__all__ = ["claims_table", "filter_options", "make_filter", "print_claims"]
