"""CLI commands: extract (see factcheck.cli)."""

from factcheck.cli import cli, pass_ctx  # noqa: F401
