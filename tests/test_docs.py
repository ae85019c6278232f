"""The README documents every command and every setting (after sqlite-utils' tests/test_docs.py)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from factcheck.cli import _load_commands, cli
from factcheck.config import SETTINGS

README = (Path(__file__).resolve().parent.parent / "README.md").read_text(encoding="utf-8")


def _commands() -> list[str]:
    _load_commands()
    return sorted(cli.commands)


@pytest.mark.parametrize("name", _commands())
def test_every_command_is_in_the_readme(name: str) -> None:
    assert re.search(rf"factcheck(?: --?[a-z-]+(?: \S+)?)* {re.escape(name)}\b", README), (
        f"README.md never shows `factcheck {name}`"
    )


@pytest.mark.parametrize("env", sorted(s.env for s in SETTINGS))
def test_every_setting_is_in_the_readme(env: str) -> None:
    assert f"`{env}" in README, f"README.md does not document {env}"


def test_the_readme_has_no_unknown_factcheck_variable() -> None:
    known = {s.env for s in SETTINGS} | {"FACTCHECK_CONFIG"}
    mentioned = {v for v in re.findall(r"FACTCHECK_[A-Z_]+", README) if not v.startswith("FACTCHECK_TEST_")}
    assert mentioned <= known, f"README mentions variables the code does not read: {mentioned - known}"
