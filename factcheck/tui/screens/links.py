"""Corroboration and conflicts: every link of the article's claims (also to other articles), grouped
corroborating / contradicting / related with the independence verdict; accept or dismiss suggestions."""

from __future__ import annotations

from typing import Any

from rich.style import Style
from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.widgets import DataTable, Footer, Header, Label, Static

from factcheck.tui.format import block, cell, inline, label, reasons_text, score
from factcheck.tui.screens.base import BaseScreen

GROUPS = {"corroborates": "corroborating", "same_claim": "corroborating", "contradicts": "contradicting",
          "related": "related"}
GROUP_ORDER = ("corroborating", "contradicting", "related")
GROUP_STYLE = {"corroborating": Style(color="#98c379", bold=True), "contradicting": Style(color="#e06c75", bold=True),
               "related": Style(color="#a9b1d6", bold=True)}


def independence_text(ind: Any) -> Text:
    """``2 indep. · cred 1`` or ``⚠ same family only · cred 3`` (Admiralty credibility 1-6), with the
    claim's first independence warning as the reports word it. Counted by
    :mod:`factcheck.review.independence`, as the reports are."""
    get = (lambda k: ind.get(k)) if isinstance(ind, dict) else (lambda k: getattr(ind, k, None))
    out = Text(no_wrap=True, overflow="crop", end="")
    warnings = get("warnings") or []
    if get("same_family_only"):
        out.append("⚠ same family only", Style(color="#e5c07b", bold=True))
    else:
        count = get("independent_count") or 0
        out.append(f"{count} indep.", Style(color="#98c379") if count else "dim")
        if warnings:  # the same words as the reports: "corroborated only by claims of unknown origin"
            out.append(f" ⚠ {warnings[0]}", Style(color="#e5c07b"))
    if get("contradicting_count"):
        out.append(f" · {get('contradicting_count')} against", Style(color="#e06c75"))
    out.append(f" · cred {get('credibility')}", "dim")
    return out


class LinksScreen(BaseScreen):
    DEFAULT_CSS = """
    LinksScreen #links-info {
        height: 1;
        padding: 0 1;
        background: $boost;
    }
    LinksScreen .section {
        padding: 0 1;
        text-style: bold;
        color: $text-accent;
    }
    LinksScreen #links {
        height: 1fr;
    }
    LinksScreen #suggestions {
        height: 1fr;
    }
    LinksScreen #pair {
        height: 9;
        padding: 0 1;
        background: $panel;
        border-top: tall $primary-background;
    }
    """

    BINDINGS = [
        Binding("a", "accept", "Accept suggestion", id="links.accept"),
        Binding("d", "dismiss_suggestion", "Dismiss suggestion", id="links.dismiss"),
        Binding("delete,backspace", "unlink", "Remove link", id="links.unlink"),
        Binding("enter", "goto", "Go to claim", id="links.goto"),
        Binding("g", "suggest", "Recompute suggestions", id="links.suggest"),
        Binding("u", "undo", "Undo", id="links.undo"),
        Binding("U", "redo", "Redo", show=False, id="links.redo"),
        Binding("j", "cursor('down')", "Down", show=False, id="links.down"),
        Binding("k", "cursor('up')", "Up", show=False, id="links.up"),
        Binding("escape", "back", "Back", id="links.back"),
    ]

    def __init__(self, article_id: int) -> None:
        super().__init__()
        self.article_id = article_id
        self.links: list[dict[str, Any]] = []
        self.suggestions: list[dict[str, Any]] = []
        self.note = ""

    def compose(self) -> ComposeResult:
        yield Header()
        yield Static(id="links-info")
        yield Label("Links (corroborating, contradicting, related)", classes="section")
        yield DataTable(id="links", cursor_type="row")
        yield Label("Open suggestions (a accept · d dismiss)", classes="section")
        yield DataTable(id="suggestions", cursor_type="row")
        yield Static(id="pair")
        yield Footer(compact=True)

    def on_mount(self) -> None:
        self.sub_title = f"article {self.article_id}: corroboration and conflicts"
        self.load()
        self.query_one("#links", DataTable).focus()

    def bidi_changed(self) -> None:
        if self.is_mounted:
            self.load()

    # ------------------------------------------------------------------ loading

    def load(self) -> None:
        from factcheck.review.independence import assess_many
        from factcheck.review.links import links_for
        from factcheck.store.queries import article_claims

        db = self.app.db
        claims = article_claims(db, self.article_id)
        by_id = {c["id"]: c for c in claims}
        seen: set[int] = set()
        links = []
        for claim in claims:
            for link in links_for(db, claim["id"]):
                if link["id"] in seen:
                    continue
                seen.add(link["id"])
                links.append({**link, "claim": claim})
        independence = assess_many(db, [link["claim"]["id"] for link in links])
        for link in links:
            link["group"] = GROUPS.get(link["relation"], "related")
            link["independence"] = independence.get(link["claim"]["id"])
        links.sort(key=lambda lk: (GROUP_ORDER.index(lk["group"]), lk["claim"]["idx"], lk["other_ref"]))
        self.links = links
        self.suggestions = self._open_suggestions(by_id)
        self._fill_links()
        self._fill_suggestions()
        self._update_info()
        self._show_pair()

    def _open_suggestions(self, by_id: dict[int, dict[str, Any]]) -> list[dict[str, Any]]:
        """Open suggestions touching this article, each read from this article's side."""
        from factcheck.review.suggest import open_suggestions

        from factcheck.review.ranking import offered

        out = []
        for sug in filter(offered, open_suggestions(self.app.db, list(by_id))):  # best first
            own_a = sug.claim_a in by_id
            out.append(
                {
                    "id": sug.id,
                    "score": sug.score,
                    "relation": sug.relation,
                    "reasons": sug.reasons,
                    "claim_id": sug.claim_a if own_a else sug.claim_b,
                    "ref": sug.ref_a if own_a else sug.ref_b,
                    "text": sug.text_a if own_a else sug.text_b,
                    "source": sug.source_a if own_a else sug.source_b,
                    "other_ref": sug.ref_b if own_a else sug.ref_a,
                    "other_text": sug.text_b if own_a else sug.text_a,
                    "other_source": sug.source_b if own_a else sug.source_a,
                }
            )
        return out

    def _update_info(self) -> None:
        counts = {g: sum(1 for lk in self.links if lk["group"] == g) for g in GROUP_ORDER}
        warn = sum(1 for lk in self.links if lk["group"] == "corroborating"
                   and _get(lk["independence"], "same_family_only"))
        info = Text(no_wrap=True, overflow="ellipsis", end="")
        info.append(f"{len(self.links)} links: ", Style(bold=True))
        info.append(f"{counts['corroborating']} corroborating", GROUP_STYLE["corroborating"])
        info.append(" · ")
        info.append(f"{counts['contradicting']} contradicting", GROUP_STYLE["contradicting"])
        info.append(f" · {counts['related']} related · {len(self.suggestions)} open suggestions")
        if warn:
            info.append(f" · ⚠ {warn} corroborated only within one family", Style(color="#e5c07b", bold=True))
        if self.note:
            info.append(f" · {self.note}", Style(color="#e5c07b"))
        self.query_one("#links-info", Static).update(info, layout=False)

    def _fill_links(self) -> None:
        mode = self.app.bidi_mode
        table = self.query_one("#links", DataTable)
        table.clear(columns=True)
        rest = max(20, self.app.size.width - (13 + 7 + 18 + 12 + 7 + 18) - 2 * 7 - 2)
        for name, width, key in (("Group", 13, "group"), ("Claim", 7, "claim"), ("Source", 18, "source"),
                                 ("Relation", 12, "relation"), ("Other", 7, "other"), ("Source", 18, "osource"),
                                 ("Independence", rest, "ind")):
            table.add_column(name, width=width, key=key)
        for link in self.links:
            claim = link["claim"]
            table.add_row(
                Text(link["group"], style=GROUP_STYLE[link["group"]]),
                Text(f"{claim['article_id']}:{claim['idx']}", style="bold"),
                cell(claim.get("source_name") or "unattributed", 18, mode),
                Text(label(link["relation"])),
                Text(link["other_ref"], style="bold"),
                cell(link.get("other_source") or "unattributed", 18, mode),
                independence_text(link["independence"]) if link["independence"] is not None else Text(""),
                key=str(link["id"]),
            )

    def _fill_suggestions(self) -> None:
        mode = self.app.bidi_mode
        table = self.query_one("#suggestions", DataTable)
        table.clear(columns=True)
        why = max(16, self.app.size.width - (6 + 7 + 18 + 12 + 7 + 18) - 2 * 7 - 2)
        for name, width, key in (("Score", 6, "score"), ("Claim", 7, "claim"), ("Source", 18, "source"),
                                 ("Relation", 12, "relation"), ("Other", 7, "other"), ("Source", 18, "osource"),
                                 ("Why", why, "why")):
            table.add_column(name, width=width, key=key)
        for sug in self.suggestions:
            table.add_row(
                Text(score(sug.get("score")), style=Style(color="#e5c07b", bold=True)),
                Text(sug.get("ref") or "", style="bold"),
                cell(sug.get("source") or "unattributed", 18, mode),
                Text(label(sug.get("relation"))),
                Text(sug.get("other_ref") or "", style="bold"),
                cell(sug.get("other_source") or "unattributed", 18, mode),
                cell(reasons_text(sug.get("reasons")), why, mode, style="dim"),
                key=str(sug["id"]),
            )

    def on_descendant_focus(self) -> None:
        self._show_pair()

    @on(DataTable.RowHighlighted)
    def _show_pair(self) -> None:
        """Both claims of the highlighted link or suggestion, in full."""
        pair = self.query_one("#pair", Static)
        focused = self.focused if isinstance(self.focused, DataTable) else self.query_one("#links", DataTable)
        if focused.id == "suggestions":
            sug = self._current("suggestions", self.suggestions)
            rows = [(sug["ref"], sug.get("source"), sug.get("text")),
                    (sug["other_ref"], sug.get("other_source"), sug.get("other_text"))] if sug else []
        else:
            link = self._current("links", self.links)
            rows = []
            if link:
                claim = link["claim"]
                rows = [(f"{claim['article_id']}:{claim['idx']}", claim.get("source_name"), claim.get("text")),
                        (link["other_ref"], link.get("other_source"), link.get("other_text"))]
        if not rows:
            pair.update(Text("nothing selected", style="dim"), layout=False)
            return
        mode = self.app.bidi_mode
        width = max(20, self.app.size.width - 4)
        out = Text(no_wrap=True, overflow="crop", end="")
        for n, (ref, source, text) in enumerate(rows):
            if n:
                out.append("\n")
            out.append(f"{ref} ", Style(bold=True))
            out.append(inline(source or "unattributed", mode), "dim")
            out.append("\n")
            out.append_text(block(text, width, mode, max_lines=3))
        pair.update(out, layout=False)

    # ------------------------------------------------------------------ helpers

    def _current(self, table_id: str, rows: list[dict[str, Any]]) -> dict[str, Any] | None:
        table = self.query_one(f"#{table_id}", DataTable)
        if not rows or not 0 <= table.cursor_row < len(rows):
            return None
        return rows[table.cursor_row]

    def _after(self, outcome: Any) -> None:
        """Reload after a change, the cursors where they were (the next row moves up into place)."""
        if not outcome:
            return
        tables = [self.query_one(f"#{name}", DataTable) for name in ("links", "suggestions")]
        rows = [t.cursor_row for t in tables]
        focused = self.focused
        self.load()
        for table, row in zip(tables, rows):
            if table.row_count:
                table.move_cursor(row=min(max(row, 0), table.row_count - 1))
        if focused is not None and focused in tables:
            focused.focus()
        self._show_pair()

    # ------------------------------------------------------------------ actions

    def action_cursor(self, direction: str) -> None:
        table = self.focused if isinstance(self.focused, DataTable) else self.query_one("#links", DataTable)
        table.action_cursor_down() if direction == "down" else table.action_cursor_up()

    def action_back(self) -> None:
        self.app.pop_screen()

    def action_accept(self) -> None:
        sug = self._current("suggestions", self.suggestions)
        if sug is None:
            self.notify("no suggestion selected", severity="warning")
            return
        from factcheck.review.suggest import accept_suggestion

        self._after(self.app.write(
            lambda db: accept_suggestion(db, sug["id"], reviewer=self.app.reviewer),
            done=f"linked {sug.get('ref')} {sug.get('relation')} {sug.get('other_ref')}",
            reload=self.load,
        ))

    def action_dismiss_suggestion(self) -> None:
        sug = self._current("suggestions", self.suggestions)
        if sug is None:
            self.notify("no suggestion selected", severity="warning")
            return
        from factcheck.review.suggest import dismiss_suggestion

        self._after(self.app.write(
            lambda db: dismiss_suggestion(db, sug["id"], reviewer=self.app.reviewer),
            done=f"dismissed {sug.get('ref')} ~ {sug.get('other_ref')}",
            reload=self.load,
        ))

    def action_unlink(self) -> None:
        from factcheck.tui.screens.modals import ConfirmScreen

        link = self._current("links", self.links)
        if link is None or self.focused is not self.query_one("#links", DataTable):
            return
        ref = f"{link['claim']['article_id']}:{link['claim']['idx']}"

        def confirmed(yes: bool | None) -> None:
            if not yes:
                return
            from factcheck.review.links import remove_link

            self._after(self.app.write(
                lambda db: remove_link(db, link["claim"]["id"], link["other_id"], reviewer=self.app.reviewer,
                                       expected_version=link.get("version")),
                done=f"unlinked {ref} and {link['other_ref']}",
                reload=self.load,
            ))

        self.app.push_screen(
            ConfirmScreen("Remove link", f"Remove the link {ref} {label(link['relation'])} {link['other_ref']}?",
                          yes="Remove"),
            confirmed,
        )

    def action_goto(self) -> None:
        """Back to the article screen with the claim of the highlighted row selected."""
        if self.focused is self.query_one("#suggestions", DataTable):
            sug = self._current("suggestions", self.suggestions)
            claim_id = sug.get("claim_id") if sug else None
        else:
            link = self._current("links", self.links)
            claim_id = link["claim"]["id"] if link else None
        self.app.pop_screen()
        screen = self.app.screen
        if claim_id is not None and hasattr(screen, "select_claim"):
            screen.select_claim(claim_id)

    @on(DataTable.RowSelected)
    def _row_selected(self) -> None:
        self.action_goto()

    def action_undo(self) -> None:
        from factcheck.tui.screens.modals import undo_or_redo

        undo_or_redo(self, "undo", lambda _: self.load())

    def action_redo(self) -> None:
        from factcheck.tui.screens.modals import undo_or_redo

        undo_or_redo(self, "redo", lambda _: self.load())

    def action_suggest(self) -> None:
        self.note = "computing link suggestions…"
        self._update_info()
        self.compute()

    @work(thread=True, exclusive=True, group="suggest", exit_on_error=False)
    def compute(self) -> None:
        from factcheck.review.suggest import suggest_for_article

        db = self.app.worker_db()
        try:
            suggest_for_article(db, self.article_id)
        finally:
            db.close()
        self.app.call_from_thread(self._computed)

    def worker_failed(self, worker) -> None:
        self.note = "suggestions failed"
        if self.is_mounted:
            self._update_info()

    def _computed(self) -> None:
        self.note = ""
        if self.is_mounted:
            self.load()


def _get(obj: Any, name: str) -> Any:
    if obj is None:
        return None
    return obj.get(name) if isinstance(obj, dict) else getattr(obj, name, None)


