"""CLI commands: ``factcheck config`` (where the settings file is, what is set), ``config get``,
``config set`` and ``config unset`` (see :mod:`factcheck.config`)."""

from __future__ import annotations

import click

from factcheck.cli import cli
from factcheck.cli.display import safe
from factcheck.config import FILE_KEYS, SETTINGS, settings
from factcheck.errors import InputError

_KEYS_HELP = ", ".join(FILE_KEYS)


@cli.group("config", invoke_without_command=True)
@click.pass_context
def config_cmd(ctx):
    """Show the settings file and every setting with where its value comes from.

    \b
    Settings are read from, highest first: a command-line option, the environment variable,
    the config file, the default. Keys: reviewer, org.name, org.url, org.review_url, export.dir,
    bidi, theme, db, verdicts.
    """
    if ctx.invoked_subcommand is not None:
        return
    current = settings()
    path = current.path
    click.echo(f"config file: {path}" + ("" if path.exists() else " (not created yet; 'factcheck config set' creates it)"))
    width = max(len(s.key) for s in SETTINGS)
    for setting in SETTINGS:
        if not setting.in_file:
            continue
        value, origin = current.lookup(setting.key)
        shown = safe(value) if value else "-"
        note = f"  ({origin})" if value else ""
        stored = current.file_values().get(setting.key)
        if origin.startswith("env") and stored is not None:
            note += f"; the file's {safe(stored)!r} is overridden"
        click.echo(f"  {setting.key:<{width}}  {shown}{note}")
    for key in current.unknown_keys():
        click.echo(f"warning: unknown key {safe(key)!r} in the config file is ignored", err=True)


@config_cmd.command("get")
@click.argument("key", metavar="KEY")
def config_get(key):
    """Print the effective value of KEY (exit 1 when it is not set)."""
    setting = _known(key)
    value = settings().get(setting)
    if not value:
        raise click.ClickException(f"{setting} is not set (factcheck config set {setting} VALUE)")
    click.echo(safe(value))


@config_cmd.command("set")
@click.argument("key", metavar="KEY")
@click.argument("value", metavar="VALUE")
def config_set(key, value):
    """Store KEY = VALUE in the config file (created if needed)."""
    setting = _known(key)
    current = settings()
    stored = current.set(setting, value)
    click.echo(f"{setting} = {safe(stored)} (in {current.path})")
    _, origin = current.lookup(setting)
    if origin.startswith("env"):
        click.echo(f"note: {origin.removeprefix('env ')} is set and overrides the file", err=True)


@config_cmd.command("unset")
@click.argument("key", metavar="KEY")
def config_unset(key):
    """Remove KEY from the config file."""
    setting = _known(key)
    current = settings()
    if current.unset(setting):
        click.echo(f"{setting} removed from {current.path}")
    else:
        click.echo(f"{setting} was not set in {current.path}")


def _known(key: str) -> str:
    cleaned = (key or "").strip().lower()
    if cleaned not in FILE_KEYS:
        raise InputError(f"unknown setting {key!r}; valid: {_KEYS_HELP}")
    return cleaned

