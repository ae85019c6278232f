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
