"""The core must stay importable without the UI, and the engine without the database."""

from __future__ import annotations

import subprocess
import sys

from conftest import ROOT


def test_import_linter_contracts_hold():
    result = subprocess.run(
        [sys.executable, "-c", "from importlinter.cli import lint_imports_command; lint_imports_command()"],
        cwd=ROOT,
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stdout + result.stderr


def test_core_imports_without_textual():
    code = (
        "import sys\n"
        "import factcheck.store, factcheck.text, factcheck.sources, factcheck.model\n"
        "import factcheck.cli\n"
        "assert 'textual' not in sys.modules, 'textual imported by the core'\n"
    )
    subprocess.run([sys.executable, "-c", code], check=True, cwd=ROOT)


def test_the_tui_holds_no_sql():
    """The TUI is a thin layer: queries live in factcheck/store (and review)."""
    import re
    from pathlib import Path

    import factcheck.tui

    root = Path(factcheck.tui.__file__).parent
    sql = re.compile(r"\b(SELECT|INSERT|UPDATE|DELETE)\b\s+\S")
    found = [f"{p.relative_to(root)}:{n}" for p in root.rglob("*.py")
             for n, line in enumerate(p.read_text(encoding="utf-8").splitlines(), 1)
             if sql.search(line) and ("execute(" in line or "query(" in line or '"' in line)]
    assert found == []
