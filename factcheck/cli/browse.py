"""CLI: ``factcheck datasette``: browse the database in Datasette with titles and descriptions."""

from __future__ import annotations

import os
import shutil
import sys
import tempfile

import click

from factcheck.cli import cli, pass_ctx
from factcheck.errors import FactcheckError, InputError
from factcheck.sanitize import json_text


@cli.command("datasette")
@click.option("--metadata", "print_metadata", is_flag=True,
              help="Print the Datasette metadata (JSON) for this database and exit.")
@click.option("--port", type=click.IntRange(min=0, max=65535), default=8001, show_default=True,
              help="Port to serve on (0: any free port).")
@click.option("--host", default="127.0.0.1", show_default=True, help="Address to listen on.")
@click.option("--open", "open_browser", is_flag=True, help="Open a web browser.")
@pass_ctx
def datasette_cmd(ctx, print_metadata, port, host, open_browser):
    """Browse the database in Datasette (read-only), with titles, descriptions and search.

    The claims table's search finds natural (الأسد) and folded (الاسد) spellings; the views
    claims_current (claims with their source after reviewer corrections) and sources_summary
    (sources with counts) are shipped in the database. Needs Datasette:
    pip install 'factcheck[datasette]'.
    """
    from factcheck.datasette import db_name, metadata

    from factcheck.store.pg import is_server

    db = ctx.db  # opened, checked and upgraded: the views exist
    if is_server(db):
        raise InputError("Datasette reads SQLite files: copy the database first "
                         "(factcheck copy-db URL FILE.db) and browse the copy")
    path = db.path
    meta = metadata(db_name(path))
    if print_metadata:
        click.echo(json_text(meta, indent=2))
        return
    exe = shutil.which("datasette") or _beside_python()
    if exe is None:
        raise FactcheckError("Datasette is not installed: pip install 'factcheck[datasette]' (or pip install datasette)")
    db.close()
    with tempfile.NamedTemporaryFile("w", suffix=".json", prefix="factcheck-datasette-", delete=False,
                                     encoding="utf-8") as handle:
        handle.write(json_text(meta))
    args = [exe, "serve", str(path), "--metadata", handle.name, "--host", host, "--port", str(port)]
    if open_browser:
        args.append("--open")
    click.echo(f"serving {path} at http://{host}:{port}/ (ctrl+c to stop)", err=True)
    sys.stdout.flush()
    os.execv(exe, args)


def _beside_python() -> str | None:
    candidate = os.path.join(os.path.dirname(sys.executable), "datasette")
    return candidate if os.access(candidate, os.X_OK) else None
