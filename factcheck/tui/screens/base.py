"""What every full screen shares: palette commands generated from its key bindings."""

from __future__ import annotations

from collections.abc import Callable, Iterator

from textual.binding import Binding
from textual.screen import Screen
from textual.worker import Worker, WorkerState


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

    def on_worker_state_changed(self, event: Worker.StateChanged) -> None:
        """A worker that failed unexpectedly is reported, never silently dropped."""
        if event.state != WorkerState.ERROR:
            return
        error = event.worker.error
        self.notify(
            f"{type(error).__name__}: {error}",
            title=f"{event.worker.name.replace('_', ' ')} failed",
            severity="error",
            markup=False,
            timeout=10,
        )
        self.worker_failed(event.worker)

    def worker_failed(self, worker: Worker) -> None:
        """Undo any 'working…' indication after ``worker`` failed."""
