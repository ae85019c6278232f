"""The ``factcheck`` command line.

Commands live in the modules of this package, grouped by concern; each registers itself on
:data:`cli`. Every failure the user can act on ends as one line ``error: ...`` on stderr and a
non-zero exit (2 for usage and input errors, 1 otherwise), never a traceback.
"""

from __future__ import annotations

import sqlite3
import sys

import click

from factcheck import __version__
from factcheck.errors import FactcheckError
from factcheck.sanitize import sanitize_line


class Context:
    """Shared state handed to every command (``@pass_ctx``)."""

    def __init__(self, db_path: str | None):
        self.db_path = db_path
        self._db = None

    @property
    def db(self):
        """The opened, checked and upgraded database (opened on first use)."""
        if self._db is None:
            from factcheck.store import open_db

            self._db = open_db(self.db_path)
        return self._db


pass_ctx = click.make_pass_decorator(Context)


@click.group(context_settings={"help_option_names": ["-h", "--help"], "max_content_width": 100})
@click.option(
    "--db",
    "db_path",
    metavar="PATH",
    envvar="FACTCHECK_DB",
    help="Database: a SQLite file or postgresql://USER@HOST/DB [default: db/factcheck.db; env FACTCHECK_DB].",
)
@click.option(
    "--config",
    "config_path",
    metavar="PATH",
    help="Settings file [default: $FACTCHECK_CONFIG or $XDG_CONFIG_HOME/factcheck/config.toml].",
)
@click.version_option(__version__, prog_name="factcheck")
@click.pass_context
def cli(ctx: click.Context, db_path: str | None, config_path: str | None) -> None:
    """Split news articles into attributed claims and review them."""
    from factcheck.config import use_config

    current = use_config(config_path)
    if config_path and ctx.invoked_subcommand != "config":  # 'config set' may create the file
        current.file_values()  # a missing or broken file named on purpose is an error at once
    ctx.obj = Context(db_path)


def _load_commands() -> None:
    # Imported for their side effect of registering commands on ``cli``.
    from factcheck.cli import articles, browse, config, export, extract, review, search, store, tui, web  # noqa: F401


def _fail(message: str) -> None:
    """One ``error: ...`` line on stderr; user-controlled parts (file names, values) made inert."""
    click.echo(f"error: {sanitize_line(message)}", err=True)


def main(argv: list[str] | None = None) -> None:
    _load_commands()
    try:
        cli.main(args=argv, prog_name="factcheck", standalone_mode=False)
    except click.exceptions.Exit as exc:
        sys.exit(exc.exit_code)
    except click.exceptions.Abort:
        click.echo("error: aborted", err=True)
        sys.exit(130)
    except click.exceptions.NoArgsIsHelpError as exc:
        click.echo(exc.ctx.get_help())
        sys.exit(2)
    except click.UsageError as exc:
        _fail(exc.format_message())
        sys.exit(2)
    except click.ClickException as exc:
        _fail(exc.format_message())
        sys.exit(exc.exit_code or 1)
    except FactcheckError as exc:
        _fail(str(exc))
        sys.exit(exc.exit_code)
    except sqlite3.DatabaseError as exc:  # the file failed under a read (corrupt page, I/O)
        from factcheck.store.queries import storage_error

        _fail(str(storage_error(None, exc) or f"database error: {exc}"))
        sys.exit(1)
    except KeyboardInterrupt:
        click.echo("error: interrupted", err=True)
        sys.exit(130)
    except RecursionError:  # a pathologically nested input (JSON, HTML)
        _fail("input is nested too deeply to process")
        sys.exit(2)
    except BrokenPipeError:
        sys.stderr.close()
        sys.exit(1)
    except Exception as exc:  # the last line of defence: no tracebacks for users
        from factcheck.config import settings

        if settings().debug:
            raise
        _fail(f"internal error: {type(exc).__name__}: {exc} (set FACTCHECK_DEBUG=1 for details)")
        sys.exit(1)
