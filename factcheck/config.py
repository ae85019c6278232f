"""User-level settings resolved from options, environment and defaults."""

from __future__ import annotations

import getpass
import os

BIDI_MODES = ("auto", "app", "terminal", "off")


def reviewer_name(explicit: str | None = None) -> str:
    """``--reviewer`` beats ``$FACTCHECK_REVIEWER`` beats the login name."""
    if explicit and explicit.strip():
        return explicit.strip()
    env = os.environ.get("FACTCHECK_REVIEWER", "").strip()
    if env:
        return env
    try:
        return getpass.getuser() or "reviewer"
    except Exception:  # no login name in some containers
        return "reviewer"
