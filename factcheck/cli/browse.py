"""CLI: ``factcheck datasette``: browse the database in Datasette with titles and descriptions."""

from __future__ import annotations

import os
import shutil
import sys
import tempfile
from pathlib import Path

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
    text = json_text(meta)
    args = [exe, "serve", str(path), "--metadata", "", "--host", host, "--port", str(port)]
    if open_browser:
        args.append("--open")
    click.echo(f"serving {path} at http://{host}:{port}/ (ctrl+c to stop)", err=True)
    sys.stdout.flush()
    cached = _cached_metadata(text)
    if cached is not None:  # Datasette replaces this process: ctrl+c and signals reach it directly
        args[4] = str(cached)
        os.execv(exe, args)
        return  # (only when execv is replaced in tests)
    # No usable cache directory: a private temporary directory, removed when Datasette exits.
    with tempfile.TemporaryDirectory(prefix="factcheck-datasette-") as tmp:
        meta_path = Path(tmp) / "metadata.json"
        meta_path.write_text(text, encoding="utf-8")
        args[4] = str(meta_path)
        code = _serve(args)
    if code:
        raise FactcheckError(f"datasette stopped with status {code}")


def _cached_metadata(text: str) -> Path | None:
    """The metadata written once in the user's cache directory, named by its content (the same
    database name gives the same file, reused; nothing is left in /tmp). ``None`` when there is no
    writable cache directory or ``FACTCHECK_NO_CACHE`` is set."""
    import hashlib

    from factcheck.config import settings

    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    if settings().get("no_cache") or not base or base.startswith("~"):
        return None
    target = Path(base) / "factcheck" / f"datasette-{hashlib.sha256(text.encode()).hexdigest()[:24]}.json"
    try:
        if target.is_file() and target.read_text(encoding="utf-8") == text:
            return target
        target.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=target.parent, prefix=".datasette-", suffix=".json")
        try:
            with os.fdopen(fd, "w", encoding="utf-8") as handle:
                handle.write(text)
            os.replace(tmp, target)  # atomic: a concurrent run reads the whole file or the old one
        except BaseException:
            Path(tmp).unlink(missing_ok=True)
            raise
    except OSError:
        return None
    return target


def _serve(args: list[str]) -> int:
    """Run Datasette as a child and wait: ctrl+c reaches it through the terminal (same process
    group), SIGTERM/SIGHUP sent to us are passed on; returns its exit status (0 after ctrl+c)."""
    import signal
    import subprocess

    child = subprocess.Popen(args)
    forwarded = {}

    def forward(signum, _frame):
        if child.poll() is None:
            child.send_signal(signum)

    for sig in (signal.SIGTERM, getattr(signal, "SIGHUP", None)):
        if sig is not None:
            forwarded[sig] = signal.signal(sig, forward)
    try:
        while True:
            try:
                code = child.wait()
                break
            except KeyboardInterrupt:  # the child got it too: wait for it to finish
                continue
    finally:
        for sig, previous in forwarded.items():
            signal.signal(sig, previous)
    return 0 if code in (-signal.SIGINT, -signal.SIGTERM, 130) else code


def _beside_python() -> str | None:
    candidate = os.path.join(os.path.dirname(sys.executable), "datasette")
    return candidate if os.access(candidate, os.X_OK) else None
