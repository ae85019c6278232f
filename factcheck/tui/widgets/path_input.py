"""The ingest box: a path input that completes file and folder names (tab or →) as a shell does."""

from __future__ import annotations

import os
from pathlib import Path

from textual.binding import Binding
from textual.suggester import Suggester

from factcheck.tui.widgets.bidi_input import BidiInput

#: Article files are offered before other files when several names match.
ARTICLE_SUFFIXES = (".txt", ".md", ".markdown", ".html", ".htm")


def complete_path(value: str, *, cwd: str | os.PathLike[str] | None = None) -> str | None:
    """``value`` completed to the next file or folder name, or None.

    One match: its whole name (a folder gets a trailing ``/``). Several: their longest common
    start when it is longer than what was typed, else the first of them (folders and article files
    first). Hidden names only when the typed part starts with a dot; ``~`` is kept as typed; URLs
    are not completed.
    """
    if not value or "://" in value or "\n" in value:
        return None
    head, sep, prefix = value.rpartition("/")
    folder = (head or "/") if sep else "."
    base = Path(os.path.expanduser(folder))
    if not base.is_absolute() and cwd is not None:
        base = Path(cwd) / base
    try:
        entries = [(e.name, e.is_dir()) for e in os.scandir(base)]
    except OSError:
        return None
    names = [(n, d) for n, d in entries if n.startswith(prefix) and (prefix.startswith(".") or not n.startswith("."))]
    if not names:
        return None
    names.sort(key=lambda nd: (not nd[1], not nd[0].lower().endswith(ARTICLE_SUFFIXES), nd[0]))
    start = value[: len(value) - len(prefix)]
    if len(names) == 1:
        name, is_dir = names[0]
        return start + name + ("/" if is_dir else "")
    common = os.path.commonprefix([n for n, _ in names])
    if len(common) > len(prefix):
        return start + common
    name, is_dir = names[0]
    return start + name + ("/" if is_dir else "")


class PathSuggester(Suggester):
    def __init__(self, cwd: str | os.PathLike[str] | None = None) -> None:
        super().__init__(use_cache=False, case_sensitive=True)
        self.cwd = cwd

    async def get_suggestion(self, value: str) -> str | None:
        found = complete_path(value, cwd=self.cwd)
        return found if found and found != value else None


class PathInput(BidiInput):
    """An input whose suggestions are file names; tab (or →) accepts one."""

    BINDINGS = [Binding("tab", "complete", "Complete the path", show=False, id="path.complete")]

    def __init__(self, *args, cwd: str | os.PathLike[str] | None = None, **kwargs) -> None:
        super().__init__(*args, suggester=PathSuggester(cwd), **kwargs)

    def action_complete(self) -> None:
        if self._suggestion and self._suggestion != self.value:
            self.value = self._suggestion
            self.cursor_position = len(self.value)
        else:
            self.screen.focus_next()


__all__ = ["ARTICLE_SUFFIXES", "PathInput", "PathSuggester", "complete_path"]
