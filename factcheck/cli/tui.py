"""CLI command: ``factcheck review`` opens the review app (Textual, imported only here, lazily)."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from factcheck.cli import cli, pass_ctx
from factcheck.config import BIDI_MODES, reviewer_name
from factcheck.errors import InputError


def _check_target(db, target: str) -> int | Path:
    """An existing article id, or the path of a file to ingest; InputError otherwise (nothing written)."""
    from factcheck.store.refs import get_article

    path = Path(target).expanduser()
    if target.strip().isdigit() and not path.is_file():
        return get_article(db, target)["id"]
    if path.is_dir():
        raise InputError(f"{target}: is a directory; give one article file or an article number")
    if not path.exists():
        raise InputError(f"{target}: no such file, and not an article number")
    return path


def open_target(db, target: str, reviewer: str) -> int:
    """The article id for ``target``: a number is an article, a file is ingested first (idempotent)."""
    found = _check_target(db, target)
    if isinstance(found, int):
        return found
    from factcheck.ingest import ingest_path

    result = ingest_path(db, found, reviewer=reviewer)
    if result.notice:
        click.echo(result.notice, err=True)
    if result.created:
        click.echo(f"ingested {target} as article {result.article_id} ({result.claims} claims)", err=True)
    return result.article_id


@cli.command("review")
@click.argument("target", required=False, metavar="[ARTICLE|PATH]")
@click.option(
    "--bidi",
    type=click.Choice(BIDI_MODES, case_sensitive=False),
    help="Right-to-left display: app reorders Arabic itself (xterm, tmux, most terminals), terminal "
    "leaves it to a terminal that does (GNOME Terminal/VTE, Konsole, mlterm), off shows logical order; "
    "auto picks [default: $FACTCHECK_BIDI, else bidi in the config file, else auto].",
)
@click.option("--reviewer", help="Your name in the audit trail [default: $FACTCHECK_REVIEWER or login name].")
@pass_ctx
def review_cmd(ctx, target: str | None, bidi: str, reviewer: str | None) -> None:
    """Open the review app: the library, or ARTICLE (a number) or PATH (a file, ingested first).

    Keys are listed with ? inside the app; ctrl+p opens the command palette. Every change is saved
    at once; quitting (q) loses nothing. B switches the right-to-left display mode.
    """
    from factcheck.config import check_value, settings

    reviewer = reviewer_name(reviewer)
    bidi = check_value("bidi", settings().get("bidi", bidi) or "auto")
    db = ctx.db
    if target:
        _check_target(db, target)
    if not sys.stdout.isatty() or not sys.stdin.isatty():
        raise click.UsageError("the review app needs a terminal (use the other commands in scripts)")
    article_id = open_target(db, target, reviewer) if target else None
    from factcheck.tui.app import FactcheckApp

    location = getattr(db, "url", None) or db.path  # a server URL with its password, for worker connections
    app = FactcheckApp(location, reviewer=reviewer, bidi=bidi.lower(), article_id=article_id, db=db,
                       remember_theme=True)
    theme = settings().get("theme")
    if theme:
        if theme not in app.available_themes:
            raise InputError(f"theme {theme!r} is not known; valid: {', '.join(sorted(app.available_themes))}")
        app.theme = theme
    app.run()
