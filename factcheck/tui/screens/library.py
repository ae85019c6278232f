"""The library: every ingested article with its review progress; open, ingest, delete."""

from __future__ import annotations

from typing import Any

from rich.style import Style
from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal
from textual.widgets import Footer, Header, Input, Label, Static

from factcheck.tui.format import cell, progress
from factcheck.tui.screens.base import BaseScreen
from factcheck.tui.widgets.lazy_table import Column, LazyTable
from factcheck.tui.widgets.path_input import PathInput

COLUMNS = (("ID", 6, "right"), ("Title", 0, "left"), ("Lang", 4, "left"), ("Outlet", 18, "left"),
           ("Claims", 6, "right"), ("Reviewed", 16, "left"))
#: Below this width the outlet column narrows so titles stay readable (80x24).
NARROW = 100
OUTLET_NARROW = 10


def columns_for(width: int) -> tuple[tuple[str, int, str], ...]:
    if width >= NARROW:
        return COLUMNS
    return tuple((n, OUTLET_NARROW if n == "Outlet" else w, j) for n, w, j in COLUMNS)


class LibraryScreen(BaseScreen):
    """Articles table; enter opens the highlighted article."""

    DEFAULT_CSS = """
    LibraryScreen #articles {
        height: 1fr;
    }
    LibraryScreen #library-status {
        height: 1;
        padding: 0 1;
        background: $boost;
    }
    LibraryScreen #ingest-bar {
        height: 3;
        display: none;
        padding: 0 1;
    }
    LibraryScreen.-ingesting #ingest-bar {
        display: block;
    }
    LibraryScreen #ingest-bar Label {
        padding: 1 1 0 0;
    }
    LibraryScreen #ingest-path {
        width: 1fr;
    }
    """

    BINDINGS = [
        Binding("i", "ingest", "Ingest file", id="library.ingest"),
        Binding("d,delete", "delete", "Delete", id="library.delete"),
        Binding("m", "metadata", "Metadata", show=False, id="library.metadata"),
        Binding("S", "sources", "Sources", id="library.sources"),
        Binding("r", "refresh", "Refresh", id="library.refresh"),
        Binding("escape", "cancel_ingest", "Cancel", show=False, id="library.cancel"),
    ]

    def __init__(self) -> None:
        super().__init__()
        self.articles: list[dict[str, Any]] = []
        self.loaded = False

    def compose(self) -> ComposeResult:
        yield Header()
        yield Static(Text("loading articles…", style="dim"), id="library-status")
        yield LazyTable(id="articles")
        with Horizontal(id="ingest-bar"):
            yield Label("Ingest file:")
            yield PathInput(placeholder="path to a .txt, .md or .html article, or an http(s) URL · tab complete · "
                                        "enter ingest · esc cancel", id="ingest-path")
        yield Footer(compact=True)

    def on_mount(self) -> None:
        self.sub_title = "library"
        self.query_one(LazyTable).focus()
        self.refresh_articles()

    def on_resize(self) -> None:
        if self.loaded and getattr(self, "_laid_out_narrow", None) != (self.app.size.width < NARROW):
            self._fill(self.articles)

    def on_screen_resume(self) -> None:
        if self.loaded:
            self.refresh_articles()

    def bidi_changed(self) -> None:
        if self.loaded:
            self._fill(self.articles)

    def external_changes(self, events: list[dict[str, Any]]) -> None:
        """Other reviewers changed something: the counts may have moved (redrawn when shown)."""
        if self.loaded and self.app.screen is self:
            self.refresh_articles()

    # ------------------------------------------------------------------ loading

    @work(thread=True, exclusive=True, group="library", exit_on_error=False)
    def refresh_articles(self, select: int | None = None) -> None:
        """Read the article list with a worker connection (fast even for 10,000 articles)."""
        from factcheck.store.queries import list_articles

        db = self.app.worker_db()
        try:
            rows = list_articles(db)
        finally:
            db.close()
        self.app.call_from_thread(self._fill, rows, select)

    def _title_width(self) -> int:
        width = self.app.size.width
        columns = columns_for(width)
        fixed = sum(w for _, w, _ in columns) + len(columns) + 3
        return max(20, width - fixed)

    def _fill(self, rows: list[dict[str, Any]], select: int | None = None) -> None:
        """Show the articles; cells are built only for rows that get drawn (any number of articles)."""
        table = self.query_one(LazyTable)
        keep = select if select is not None else self.current_article_id
        mode = self.app.bidi_mode
        title_width = self._title_width()
        columns_now = columns_for(self.app.size.width)
        outlet_width = dict((n, w) for n, w, _ in columns_now)["Outlet"]
        self._laid_out_narrow = self.app.size.width < NARROW
        self.articles = rows

        def render_row(index: int) -> list[Text]:
            a = rows[index]
            return [
                Text(str(a["id"]), style="dim"),
                cell(a.get("title") or "(untitled)", title_width, mode),
                Text(a.get("language") or "", style="dim"),
                cell(a.get("outlet"), outlet_width, mode, style="dim"),
                Text(str(a.get("claims", 0))),
                progress(a.get("reviewed", 0), a.get("claims", 0), width=8),
            ]

        ids = [a["id"] for a in rows]
        columns = [Column(name, width or title_width, justify) for name, width, justify in columns_now]
        table.set_rows(columns, len(rows), render_row, cursor=ids.index(keep) if keep in ids else 0)
        self.loaded = True
        total = sum(a.get("claims", 0) for a in rows)
        reviewed = sum(a.get("reviewed", 0) for a in rows)
        status = Text(no_wrap=True, end="")
        status.append(f"{len(rows)} articles", Style(bold=True))
        status.append(f" · {total} claims · {reviewed} reviewed", "dim")
        status.append("   enter open · i ingest a file · d delete · S sources · ? help", "dim")
        if not rows:
            status = Text("no articles yet: press i and give the path of an article file", style="dim")
        self.query_one("#library-status", Static).update(status, layout=False)

    @property
    def current_article_id(self) -> int | None:
        table = self.query_one(LazyTable)
        if not self.articles or not 0 <= table.cursor_row < len(self.articles):
            return None
        return self.articles[table.cursor_row]["id"]

    # ------------------------------------------------------------------ actions

    @on(LazyTable.RowSelected, "#articles")
    def action_open(self) -> None:
        from factcheck.tui.screens.article import ArticleScreen

        article_id = self.current_article_id
        if article_id is not None:
            self.app.push_screen(ArticleScreen(article_id))

    def action_sources(self) -> None:
        self.app.open_sources()

    def action_refresh(self) -> None:
        self.refresh_articles()

    def action_ingest(self) -> None:
        self.add_class("-ingesting")
        self.query_one("#ingest-path", Input).focus()

    def action_cancel_ingest(self) -> None:
        self.remove_class("-ingesting")
        self.query_one(LazyTable).focus()

    @on(Input.Submitted, "#ingest-path")
    def _ingest_submitted(self, event: Input.Submitted) -> None:
        path = event.value.strip()
        if not path:
            return
        event.input.value = ""
        self.action_cancel_ingest()
        self.query_one("#library-status", Static).update(Text(f"ingesting {path} …", style="#e5c07b"), layout=False)
        self.ingest(path)

    @work(thread=True, group="ingest", exit_on_error=False)
    def ingest(self, path: str) -> None:
        """Extract and store a file in a worker (its own connection); then open the article."""
        import os

        from factcheck.errors import FactcheckError
        from factcheck.ingest.fetch import is_url
        from factcheck.ingest.web import ingest_any

        db = self.app.worker_db()
        try:
            result = ingest_any(db, path if is_url(path) else os.path.expanduser(path), reviewer=self.app.reviewer)
        except FactcheckError as exc:
            self.app.call_from_thread(self._ingest_failed, str(exc))
            return
        finally:
            db.close()
        self.app.call_from_thread(self._ingested, result)

    def worker_failed(self, worker) -> None:
        self.refresh_articles()

    def _ingest_failed(self, message: str) -> None:
        self.notify(message, title="Not ingested", severity="error", markup=False)
        self.refresh_articles()

    def _ingested(self, result: Any) -> None:
        from factcheck.tui.screens.article import ArticleScreen

        what = "ingested" if result.created else "already in the library"
        self.notify(f"article {result.article_id} {what}: {result.claims} claims", markup=False, timeout=4)
        if getattr(result, "notice", None):
            self.notify(result.notice, markup=False, timeout=6)
        self.refresh_articles(select=result.article_id)
        self.app.push_screen(ArticleScreen(result.article_id))

    def action_metadata(self) -> None:
        """Correct the highlighted article's title, outlet, URL or date (factcheck.tui.screens.metadata)."""
        from factcheck.tui.screens.metadata import edit_article_metadata

        article_id = self.current_article_id
        if article_id is not None:
            article = next(a for a in self.articles if a["id"] == article_id)
            edit_article_metadata(self, article, after=lambda: self.refresh_articles(select=article_id))

    def action_delete(self) -> None:
        from factcheck.tui.screens.modals import ConfirmScreen

        article_id = self.current_article_id
        if article_id is None:
            return
        article = next(a for a in self.articles if a["id"] == article_id)
        message = Text()
        message.append(f"Delete article {article_id} ")
        message.append(cell(article.get("title") or "(untitled)", 60, self.app.bidi_mode, style="bold"))
        message.append(
            f"\nwith its {article.get('claims', 0)} claims, their links, suggestions and evidence?"
            "\nThe audit trail keeps a record of it."
        )

        def confirmed(yes: bool | None) -> None:
            if not yes:
                return
            from factcheck.store.queries import delete_article

            result = self.app.write(
                lambda db: delete_article(db, article_id, reviewer=self.app.reviewer),
                done=f"article {article_id} deleted",
            )
            if result:
                self.refresh_articles()

        self.app.push_screen(ConfirmScreen("Delete article", message), confirmed)
