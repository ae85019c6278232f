"""What every full screen shares: palette commands generated from its key bindings."""

from __future__ import annotations

from collections.abc import Callable, Iterator

from textual.binding import Binding
from textual.screen import Screen


class BaseScreen(Screen):
    """A screen whose bound actions also appear in the command palette."""

    def palette_commands(self) -> Iterator[tuple[str, str, Callable[[], object]]]:
        seen: set[str] = set()
        for binding in self.BINDINGS:
            if not isinstance(binding, Binding) or not binding.description or binding.action in seen:
                continue
            seen.add(binding.action)
            key = binding.key_display or binding.key.split(",")[0]

            async def run(action: str = binding.action) -> None:
                await self.run_action(action)

            yield binding.description, f"key {key}", run

    def bidi_changed(self) -> None:
        """Called when the bidi display mode changes; screens redraw their text."""
