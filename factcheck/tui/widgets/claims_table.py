"""The claims of an article as a table: index, status/verdict glyph, source, kind, excerpt."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from rich.style import Style
from rich.text import Text
from textual.binding import Binding
from textual.message import Message
from textual.widgets import DataTable

from factcheck.tui.format import KIND_SHORT, cell, glyph

FIXED = (("#", 4), ("", 1), ("Source", 18), ("Kind", 7))
#: Below this table width the source column narrows so the claim keeps most of the line.
NARROW = 90
FIXED_NARROW = (("#", 4), ("", 1), ("Source", 14), ("Kind", 6))


class ClaimsTable(DataTable):
    """Rows keyed by claim id; ``ClaimChanged`` whenever the highlighted claim changes."""

    DEFAULT_CSS = """
    ClaimsTable {
        height: 1fr;
        scrollbar-gutter: stable;
    }
    """

    BINDINGS = [
        Binding("j", "cursor_down", "Next claim", show=False, id="claims.down"),
        Binding("k", "cursor_up", "Previous claim", show=False, id="claims.up"),
        Binding("g,home", "scroll_top", "First claim", show=False, id="claims.first"),
        Binding("G,end", "scroll_bottom", "Last claim", show=False, id="claims.last"),
    ]

    class ClaimChanged(Message):
        """The highlighted claim is now ``claim_id`` (None: the table is empty)."""

        def __init__(self, claim_id: int | None, reload: bool = False) -> None:
            super().__init__()
            self.claim_id = claim_id
            self.reload = reload  # True: the rows were reloaded, the reviewer did not move

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(cursor_type="row", zebra_stripes=False, **kwargs)
        self._rows: list[dict[str, Any]] = []
        self._args: dict[str, Any] = {}
        self._ids: list[int] = []
        self._announced: int | None = None
        self._reloading = False

    @property
    def claim_ids(self) -> list[int]:
        return list(self._ids)

    def _column_widths(self) -> tuple[tuple[str, int], ...]:
        return FIXED_NARROW if (self.size.width or 80) < NARROW else FIXED

    def excerpt_width(self) -> int:
        width = self.size.width or 80
        fixed = self._column_widths()
        return max(16, width - sum(w for _, w in fixed) - 2 * (len(fixed) + 1) - 2)

    def load(
        self,
        rows: Sequence[dict[str, Any]],
        *,
        mode: str,
        colours: dict[Any, str],
        scale: Any,
        keep: int | None = None,
    ) -> None:
        """Show ``rows`` (claim dicts: id, idx, status, verdict, source_id, source_name, source_kind, text)."""
        self._rows = list(rows)
        self._args = {"mode": mode, "colours": colours, "scale": scale}
        self._render_rows(keep)

    def _render_rows(self, keep: int | None) -> None:
        self._reloading = True
        try:
            self._fill(keep)
        finally:
            self._reloading = False

    def _fill(self, keep: int | None) -> None:
        mode, colours, scale = self._args["mode"], self._args["colours"], self._args["scale"]
        width = self.excerpt_width()
        with self.app.batch_update():
            self.clear(columns=True)
            fixed = self._column_widths()
            source_width = fixed[2][1]
            for label, w in fixed:
                self.add_column(label, width=w, key=label or "glyph")
            self.add_column("Claim", width=width, key="claim")
            self._ids = []
            for row in self._rows:
                colour = colours.get(row.get("source_id"), "#8a8f98")
                self.add_row(
                    Text(str(row["idx"]), style="dim", justify="right"),
                    glyph(row.get("status"), row.get("verdict"), scale),
                    cell(row.get("source_name") or "unattributed", source_width, mode, style=Style(color=colour)),
                    Text(KIND_SHORT.get(row.get("source_kind") or "", row.get("source_kind") or ""), style="dim"),
                    cell(row.get("text"), width, mode),
                    key=str(row["id"]),
                )
                self._ids.append(row["id"])
        target = self._ids.index(keep) if keep in self._ids else 0
        if self._ids:
            self.move_cursor(row=target, animate=False, scroll=True)
        self._announce()

    def on_resize(self) -> None:
        claim = self.columns.get("claim")
        if self._args and claim is not None and claim.width != self.excerpt_width():
            self._render_rows(self.current_claim_id)

    @property
    def current_claim_id(self) -> int | None:
        if not self._ids or not 0 <= self.cursor_row < len(self._ids):
            return None
        return self._ids[self.cursor_row]

    def select_claim(self, claim_id: int) -> bool:
        if claim_id not in self._ids:
            return False
        self.move_cursor(row=self._ids.index(claim_id), animate=False, scroll=True)
        return True

    def watch_cursor_coordinate(self, old: Any, new: Any) -> None:
        super().watch_cursor_coordinate(old, new)
        self._announce()

    def _announce(self) -> None:
        current = self.current_claim_id
        if current != self._announced:
            self._announced = current
            self.post_message(self.ClaimChanged(current, reload=self._reloading))
