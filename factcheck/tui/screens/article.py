"""Article review, the main screen: claims table, claim detail, highlighted article text.

Reads come from ``factcheck.store.queries`` and ``factcheck.review.detail``; every change goes
through the review library at once (:meth:`FactcheckApp.write`), then the screen reloads what the
change touched. Suggestions and exports run in thread workers with their own connection.
"""

from __future__ import annotations

import os
from typing import Any

from rich.style import Style
from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal
from textual.widgets import Footer, Header, Input, Static

from factcheck.errors import FactcheckError, InputError
from factcheck.tui.bidi import display_line, sanitize_line
from factcheck.tui.format import PALETTE, UNATTRIBUTED_COLOUR, cell, glyph, inline, label, score
from factcheck.tui.screens.base import BaseScreen
from factcheck.tui.widgets.article_view import ArticleView, ClaimSpan
from factcheck.tui.widgets.bidi_input import BidiInput
from factcheck.tui.widgets.claim_detail import ClaimDetail
from factcheck.tui.widgets.claims_table import ClaimsTable

NO_VERDICT = "(no verdict)"


class ArticleScreen(BaseScreen):
    """Review one article claim by claim."""

    DEFAULT_CSS = """
    ArticleScreen #article-info, ArticleScreen #filter-info {
        height: 1;
        padding: 0 1;
        background: $boost;
    }
    ArticleScreen #filter-info {
        color: $text-muted;
        background: $surface;
    }
    ArticleScreen #top {
        height: 1fr;
    }
    ArticleScreen ClaimsTable {
        width: 3fr;
    }
    ArticleScreen ClaimDetail {
        width: 2fr;
        border-left: tall $primary-background;
    }
    ArticleScreen ArticleView {
        height: 13;
        border-top: tall $primary-background;
    }
    ArticleScreen #search {
        dock: bottom;
        display: none;
    }
    ArticleScreen.-searching #search {
        display: block;
    }
    /* Small terminals (below COMPACT_SIZE): the claims take the screen; 'd' shows the detail or
       the article text below them, one at a time. */
    ArticleScreen.-compact #top {
        layout: vertical;
    }
    ArticleScreen.-compact ClaimsTable {
        width: 100%;
    }
    ArticleScreen.-compact ClaimDetail {
        width: 100%;
        height: 55%;
        border-left: none;
        border-top: tall $primary-background;
    }
    ArticleScreen.-compact ArticleView {
        height: 50%;
    }
    ArticleScreen.-hide-detail ClaimDetail, ArticleScreen.-hide-text ArticleView {
        display: none;
    }
    """

    #: Below this width or height (cells) the panes stack and hide: (columns, rows).
    COMPACT_SIZE = (100, 32)
    #: What ``d`` cycles through: the panes shown beside/below the claims.
    PANES_WIDE = ("all", "detail", "none")
    PANES_COMPACT = ("none", "detail", "text")

    BINDINGS = [
        Binding("v", "verdict", "Verdict", id="article.verdict"),
        Binding("s", "status", "Status", id="article.status"),
        Binding("c", "link('corroborates')", "Corroborate", id="article.corroborates"),
        Binding("x", "link('contradicts')", "Contradict", id="article.contradicts"),
        Binding("e", "evidence", "Evidence", id="article.evidence"),
        Binding("n", "note", "Note", id="article.note"),
        Binding("a", "attribution", "Attribute", id="article.attribution"),
        Binding("u", "undo", "Undo", id="article.undo"),
        Binding("U", "redo", "Redo", show=False, id="article.redo"),
        Binding("b", "boundaries", "Split/merge", show=False, id="article.boundaries"),
        Binding("slash", "search", "Search", key_display="/", show=False, id="article.search"),
        Binding("f", "filter", "Filter", show=False, id="article.filter"),
        Binding("C", "corroboration", "Links", id="article.links"),
        Binding("S", "sources", "Sources", show=False, id="article.sources"),
        Binding("E", "export", "Export", id="article.export"),
        Binding("r", "reload", "Reload", show=False, id="article.reload"),
        Binding("ctrl+g", "suggest", "Suggest links", show=False, id="article.suggest"),
        Binding("d", "panes", "Panes", show=False, id="article.panes"),
        Binding("escape", "back", "Back", show=False, id="article.back"),
    ]

    def __init__(self, article_id: int) -> None:
        super().__init__()
        self.article_id = article_id
        self.article: dict[str, Any] = {}
        self.rows: list[dict[str, Any]] = []
        self.colours: dict[Any, str] = {}
        self.filters: dict[str, Any] = {"source": None, "kind": None, "status": None, "verdict": None}
        self.query_text = ""
        self.search_ids: set[int] | None = None
        self.current_id: int | None = None
        self.anchor_id: int | None = None  # the claim the reviewer last moved to
        self.detail: dict[str, Any] | None = None
        self.status_note = ""
        self._last_error = ""  # the last form error the library gave (the form reopens with it)
        self._stale_view = False  # another full screen may have changed what this one shows
        self._compact: bool | None = None  # decided on the first resize
        self._panes = {"wide": "all", "compact": "none"}  # what 'd' chose at each size

    # ------------------------------------------------------------------ layout

    def compose(self) -> ComposeResult:
        yield Header()
        yield Static(id="article-info")
        yield Static(id="filter-info")
        with Horizontal(id="top"):
            yield ClaimsTable(id="claims")
            yield ClaimDetail(id="detail")
        yield ArticleView(id="article-text", mode=self.app.bidi_mode)
        yield BidiInput(placeholder="search claims (Arabic spelling variants match) · enter keep · esc clear", id="search")
        yield Footer(compact=True)

    def on_resize(self, event) -> None:
        width, height = event.size
        compact = width < self.COMPACT_SIZE[0] or height < self.COMPACT_SIZE[1]
        if compact != self._compact:
            self._compact = compact
            self._apply_panes()
            if self.rows:
                self._update_filter_info()

    def _apply_panes(self) -> None:
        shown = self._panes["compact" if self._compact else "wide"]
        self.set_class(bool(self._compact), "-compact")
        self.set_class(shown in ("none", "text"), "-hide-detail")
        self.set_class(shown in ("none", "detail"), "-hide-text")

    def action_panes(self) -> None:
        """Cycle the panes shown with the claims (wide: both, detail only, none; small terminals:
        none, the detail below the claims, the article text below them)."""
        size = "compact" if self._compact else "wide"
        order = self.PANES_COMPACT if self._compact else self.PANES_WIDE
        self._panes[size] = order[(order.index(self._panes[size]) + 1) % len(order)]
        self._apply_panes()
        names = {"all": "detail and article text", "detail": "claim detail", "text": "article text", "none": "claims only"}
        self.notify(f"panes: {names[self._panes[size]]} (d)", timeout=2)

    def on_mount(self) -> None:
        self.sub_title = f"article {self.article_id}"
        if not self.load():
            return
        self.query_one(ClaimsTable).focus()
        if self.app.auto_suggest:
            self.compute_suggestions(claim_ids=[r["id"] for r in self.rows])

    # ------------------------------------------------------------------ loading

    def load(self, *, keep: int | None = None) -> bool:
        """(Re)read the article and its claims, then redraw everything; False if the article is gone."""
        from factcheck.store.queries import article_claims
        from factcheck.store.refs import get_article

        db = self.app.db
        try:
            self.article = get_article(db, self.article_id)
        except FactcheckError as exc:  # deleted meanwhile (another reviewer, another process)
            self.notify(str(exc), title="Article gone", severity="error", markup=False)
            self.app.pop_screen()
            return False
        self.rows = article_claims(db, self.article_id)
        self.colours = {}
        for row in self.rows:
            sid = row.get("source_id")
            if sid in self.colours:
                continue
            if row.get("source_kind") == "unattributed" or sid is None:
                self.colours[sid] = UNATTRIBUTED_COLOUR
            else:
                used = sum(1 for c in self.colours.values() if c != UNATTRIBUTED_COLOUR)
                self.colours[sid] = PALETTE[used % len(PALETTE)]
        view = self.query_one(ArticleView)
        view.mode = self.app.bidi_mode
        view.set_article(
            self.article["text"],
            [
                ClaimSpan(
                    row["id"],
                    row["start"],
                    row["end"],
                    self.colours.get(row.get("source_id"), UNATTRIBUTED_COLOUR),
                    (row["mention_start"], row["mention_end"]) if row.get("mention_start") is not None else None,
                    (row["cue_start"], row["cue_end"]) if row.get("cue_start") is not None else None,
                )
                for row in self.rows
            ],
            rtl=None,  # each paragraph by its own letters
        )
        self._show_rows(keep=keep)
        self._update_info()
        return True

    def visible_rows(self) -> list[dict[str, Any]]:
        f = self.filters
        out = []
        for row in self.rows:
            if f["source"] is not None and row.get("source_id") != f["source"]:
                continue
            if f["kind"] is not None and row.get("source_kind") != f["kind"]:
                continue
            if f["status"] is not None and row.get("status") != f["status"]:
                continue
            if f["verdict"] is not None and (row.get("verdict") or NO_VERDICT) != f["verdict"]:
                continue
            if self.search_ids is not None and row["id"] not in self.search_ids:
                continue
            out.append(row)
        return out

    def _show_rows(self, *, keep: int | None = None) -> None:
        """Fill the table with the claims the filter and search let through.

        The cursor stays on ``keep``, else on the claim the reviewer last moved to (``anchor_id``),
        so narrowing and widening a search comes back to where they were.
        """
        if keep is not None:
            self.anchor_id = keep
        keep = self.anchor_id if self.anchor_id is not None else self.current_id
        table = self.query_one(ClaimsTable)
        rows = self.visible_rows()
        table.load(rows, mode=self.app.bidi_mode, colours=self.colours, scale=self.app.scale, keep=keep)
        if not rows:  # nothing matches: show no claim, but remember which one to come back to
            self.detail = None
            self.query_one(ArticleView).select(None)
            self.query_one(ClaimDetail).show(None, mode=self.app.bidi_mode, scale=self.app.scale)
        elif table.current_claim_id == self.current_id and self.current_id is not None:
            self._select(self.current_id, force=True)  # same claim, fresh data
        self._update_filter_info(len(rows))

    def _update_info(self) -> None:
        a = self.article
        reviewed = sum(1 for r in self.rows if r.get("status") == "reviewed")
        info = Text(no_wrap=True, overflow="ellipsis", end="")
        info.append(f"{self.article_id} ", Style(bold=True))
        info.append(display_line(a.get("title") or "(untitled)", 64, self.app.bidi_mode)[0], Style(bold=True))
        meta = " · ".join(x for x in (a.get("language"), inline(a.get("outlet"), self.app.bidi_mode) or None,
                                      a.get("published")) if x)
        info.append(f"  {meta}", "dim")
        info.append(f"  {reviewed}/{len(self.rows)} reviewed", "dim")
        info.append(f"  reviewer {sanitize_line(self.app.reviewer)} · bidi {self.app.bidi_mode}", "dim")
        self.query_one("#article-info", Static).update(info, layout=False)

    def _update_filter_info(self, shown: int | None = None) -> None:
        shown = len(self.visible_rows()) if shown is None else shown
        parts = []
        names = {r.get("source_id"): r.get("source_name") for r in self.rows}
        for key, value in self.filters.items():
            if value is not None:
                value_text = inline(names.get(value), self.app.bidi_mode) if key == "source" else label(value)
                parts.append(f"{key}={value_text}")
        if self.query_text:
            parts.append(f"search={inline(self.query_text, self.app.bidi_mode)}")
        text = Text(no_wrap=True, overflow="ellipsis", end="")
        text.append(f"{shown} of {len(self.rows)} claims", Style(bold=True) if parts else "")
        text.append("  filter: " + (", ".join(parts) if parts else "none (f filter, / search)"))
        if self._compact:
            text.append("  d panes", "dim")
        if self.status_note:
            text.append(f"  · {self.status_note}", Style(color="#e5c07b"))
        self.query_one("#filter-info", Static).update(text, layout=False)

    def bidi_changed(self) -> None:
        if self.is_mounted:
            self.load()

    # ------------------------------------------------------------------ selection

    @on(ClaimsTable.ClaimChanged)
    def _claim_changed(self, event: ClaimsTable.ClaimChanged) -> None:
        if event.claim_id is not None:
            if not event.reload:
                self.anchor_id = event.claim_id
            self._select(event.claim_id)

    @on(ArticleView.ClaimClicked)
    def _claim_clicked(self, event: ArticleView.ClaimClicked) -> None:
        table = self.query_one(ClaimsTable)
        if not table.select_claim(event.claim_id):
            self.notify("that claim is hidden by the filter", severity="warning")

    def _select(self, claim_id: int | None, *, force: bool = False) -> None:
        if claim_id == self.current_id and not force and self.detail is not None:
            return
        self.current_id = claim_id
        self.query_one(ArticleView).select(claim_id)
        try:
            self.detail = self._load_detail(claim_id) if claim_id is not None else None
        except FactcheckError as exc:  # the claim went away meanwhile
            self.notify(str(exc), severity="error", markup=False)
            self.detail = None
        colour = UNATTRIBUTED_COLOUR
        if claim_id is not None:
            row = self._row(claim_id)
            colour = self.colours.get(row.get("source_id") if row else None, UNATTRIBUTED_COLOUR)
        self.query_one(ClaimDetail).show(self.detail, mode=self.app.bidi_mode, scale=self.app.scale, colour=colour)

    def _load_detail(self, claim_id: int) -> dict[str, Any]:
        from factcheck.review.detail import claim_detail

        return claim_detail(self.app.db, claim_id)

    def _row(self, claim_id: int | None) -> dict[str, Any] | None:
        for row in self.rows:
            if row["id"] == claim_id:
                return row
        return None

    def select_claim(self, claim_id: int) -> None:
        """Bring ``claim_id`` up (clearing filters that hide it)."""
        table = self.query_one(ClaimsTable)
        self.anchor_id = claim_id
        if not table.select_claim(claim_id):
            self.filters = dict.fromkeys(self.filters)
            self.search_ids, self.query_text = None, ""
            self._show_rows(keep=claim_id)

    # ------------------------------------------------------------------ helpers for writes

    def _current(self) -> tuple[int, int] | None:
        """(claim id, version the reviewer saw) of the selected claim, or None with a notice."""
        # The table's cursor is the truth: a key pressed right after a move can arrive before the
        # table's ClaimChanged message, and must act on the claim the reviewer sees highlighted.
        highlighted = self.query_one(ClaimsTable).current_claim_id
        if highlighted is not None and highlighted != self.current_id:
            self._select(highlighted)
        if self.current_id is None or self.detail is None:
            self.notify("no claim selected", severity="warning")
            return None
        version = self.detail.get("version") or (self.detail.get("claim") or {}).get("version")
        return self.current_id, version

    def _ref(self, claim_id: int | None = None) -> str:
        row = self._row(claim_id if claim_id is not None else self.current_id) or {}
        return f"{row.get('article_id', self.article_id)}:{row.get('idx', '?')}"

    def _after_write(self, outcome: Any) -> None:
        if outcome:
            self.load()

    # ------------------------------------------------------------------ actions: review

    def action_verdict(self) -> None:
        from factcheck.tui.screens.modals import PickerScreen

        current = self._current()
        if current is None:
            return
        claim_id, version = current
        options: list[tuple[Any, Text]] = []
        for verdict in self.app.scale.verdicts:
            prompt = glyph(None, verdict.label, self.app.scale)
            prompt.append(f"  {verdict.label}", Style(bold=True))
            if verdict.description:
                prompt.append(f"  {verdict.description}", "dim")
            options.append((verdict.label, prompt))
        options.append(("", Text("   (clear the verdict)", style="dim")))

        def chosen(value: str | None) -> None:
            if value is None:
                return
            from factcheck.review.workflow import set_verdict

            result = self.app.write(
                lambda db: set_verdict(db, claim_id, value or None, reviewer=self.app.reviewer,
                                       expected_version=version),
                done=f"{self._ref(claim_id)}: verdict {value or 'cleared'}",
                reload=self.action_reload,
            )
            self._after_write(result)

        current_verdict = (self.detail or {}).get("verdict") or (self.detail or {}).get("claim", {}).get("verdict")
        self.app.push_screen(PickerScreen(f"Verdict for claim {self._ref(claim_id)}", options,
                                          current=current_verdict, accelerators=True), chosen)

    def action_status(self) -> None:
        from factcheck.review import STATUSES
        from factcheck.tui.screens.modals import PickerScreen

        current = self._current()
        if current is None:
            return
        claim_id, version = current
        options = []
        for status in STATUSES:
            prompt = glyph(status, None)
            prompt.append(f"  {label(status)}")
            options.append((status, prompt))

        def chosen(value: str | None) -> None:
            if value is None:
                return
            from factcheck.review.workflow import set_status

            result = self.app.write(
                lambda db: set_status(db, claim_id, value, reviewer=self.app.reviewer, expected_version=version),
                done=f"{self._ref(claim_id)}: status {label(value)}",
                reload=self.action_reload,
            )
            self._after_write(result)

        status = (self.detail or {}).get("status") or (self.detail or {}).get("claim", {}).get("status")
        self.app.push_screen(PickerScreen(f"Status of claim {self._ref(claim_id)}", options, current=status,
                                          accelerators=True), chosen)

    def _claim_prompt(self, claim_id: int, ref: str, source: str | None, text: str | None,
                      prefix: str = "", width: int = 76) -> Text:
        mode = self.app.bidi_mode
        prompt = Text(no_wrap=True, overflow="crop", end="")
        if prefix:
            prompt.append(prefix, Style(color="#e5c07b", bold=True))
        prompt.append(f"{ref:>6} ", Style(bold=True))
        prompt.append(cell(source or "unattributed", 16, mode, style="dim"))
        prompt.append(" ")
        used = len(prefix) + 7 + 16 + 1
        prompt.append_text(cell(text, max(10, width - used), mode))
        return prompt

    def action_link(self, relation: str) -> None:
        from factcheck.tui.screens.modals import LinkPickerScreen

        current = self._current()
        if current is None:
            return
        claim_id, _ = current

        from factcheck.review.ranking import contradiction_signal, for_relation

        # for a contradiction, likely contradictions (other numbers or dates, a denial) first
        suggestions = for_relation((self.detail or {}).get("suggestions") or [], relation)
        flags = {2: "≠ ", 1: "¬ ", 0: ""}
        suggested = [
            (s["other_id"], self._claim_prompt(s["other_id"], s.get("other_ref", ""), s.get("other_source"),
                                               s.get("other_text"),
                                               prefix=f"{flags[contradiction_signal(s)] if relation == 'contradicts' else ''}"
                                                      f"{score(s.get('score'))} "))
            for s in suggestions
            if s.get("other_id") is not None
        ]
        claims = [
            (r["id"], self._claim_prompt(r["id"], f"{r['article_id']}:{r['idx']}", r.get("source_name"), r.get("text")))
            for r in self.rows
            if r["id"] != claim_id
        ]

        def search(query: str) -> list[tuple[int, Text]]:
            from factcheck.store.queries import search_claims

            found = search_claims(self.app.db, query, limit=50)
            return [
                (r["id"], self._claim_prompt(r["id"], r["ref"], r.get("article_title"), r.get("text")))
                for r in found
                if r["id"] != claim_id
            ]

        def chosen(other: int | None) -> None:
            if other is None:
                return
            from factcheck.review.links import add_link
            from factcheck.review.suggest import accept_suggestion

            match = next((s for s in suggestions if s.get("other_id") == other and s.get("id")), None)
            if match is not None:  # taking a suggestion: accept it (as this relation), audited as such
                change = lambda db: accept_suggestion(db, match["id"], reviewer=self.app.reviewer, relation=relation)
            else:
                change = lambda db: add_link(db, claim_id, other, relation, reviewer=self.app.reviewer)
            result = self.app.write(
                change,
                done=f"{self._ref(claim_id)} {relation} {self._ref(other) if self._row(other) else other}",
                reload=self.action_reload,
            )
            self._after_write(result)

        verb = "corroborates" if relation == "corroborates" else "contradicts"
        self.app.push_screen(
            LinkPickerScreen(f"Claim {self._ref(claim_id)} {verb} …", suggested=suggested, claims=claims,
                             search=search),
            chosen,
        )

    def action_evidence(self) -> None:
        from factcheck.review import STANCES
        from factcheck.tui.screens.modals import EvidenceScreen

        current = self._current()
        if current is None:
            return
        claim_id, _ = current

        def chosen(values: dict[str, Any] | None) -> None:
            if values is None:
                return
            from factcheck.review.evidence import add_evidence

            result = self.app.write(
                lambda db: add_evidence(db, claim_id, reviewer=self.app.reviewer, **values),
                done=f"{self._ref(claim_id)}: evidence added ({values['stance']})",
                reload=self.action_reload,
            )
            self._after_write(result)

        self.app.push_screen(EvidenceScreen(f"Evidence for claim {self._ref(claim_id)}", STANCES), chosen)

    def action_note(self) -> None:
        from factcheck.tui.screens.modals import NoteScreen

        current = self._current()
        if current is None:
            return
        claim_id, version = current
        detail = self.detail or {}
        rationale = detail.get("rationale") if "rationale" in detail else (detail.get("claim") or {}).get("rationale")

        def chosen(text: str | None) -> None:
            if text is None:
                return
            from factcheck.review.workflow import set_rationale

            result = self.app.write(
                lambda db: set_rationale(db, claim_id, text, reviewer=self.app.reviewer, expected_version=version),
                done=f"{self._ref(claim_id)}: note saved",
                reload=self.action_reload,
            )
            self._after_write(result)

        self.app.push_screen(NoteScreen(f"Rationale for claim {self._ref(claim_id)}", text=rationale or ""), chosen)

    def action_attribution(self) -> None:
        from factcheck.model import KINDS
        from factcheck.tui.screens.modals import AttributionScreen

        current = self._current()
        if current is None:
            return
        claim_id, version = current
        att = (self.detail or {}).get("attribution") or {}
        via_names = [h.get("name") if isinstance(h, dict) else str(h) for h in att.get("via") or []]
        from factcheck.store.search import current_source_names

        names = current_source_names(self.app.db)
        override = att.get("override") or {}
        extracted_kind = (att.get("extracted") or {}).get("kind")
        current_values = {
            "source": att.get("name"),
            # the kind box stays empty ("the source's own kind") unless a reviewer set one
            "kind": att.get("kind") if override and att.get("kind") != extracted_kind else None,
            "via": via_names,
            "role": att.get("role"),
        }

        def save(values: dict[str, Any]) -> None:
            from factcheck.review.attribution import override_attribution

            via = values["via"] if values["via"] != via_names else None
            self._last_error = ""

            def change(db):
                try:
                    return override_attribution(
                        db, claim_id, source=values["source"], kind=values["kind"], via=via, role=values["role"],
                        note=values["note"], reviewer=self.app.reviewer, expected_version=version,
                        new_sources=values.get("new_sources", False),
                    )
                except InputError as exc:  # a mistake in the form: shown there, not as a notice
                    self._last_error = str(exc)
                    raise

            result = self.app.write(
                change,
                done=f"{self._ref(claim_id)}: attribution corrected",
                reload=self.action_reload,
            )
            if result and isinstance(result.value, dict):
                for line in result.value.get("notes") or []:
                    self.notify(line, title="Sources", markup=False, timeout=8)
            elif not result and self._last_error:  # back to the form, with what was typed and why
                retry = {**values, "via": values["via"]}
                self.app.push_screen(
                    AttributionScreen(f"Attribution of claim {self._ref(claim_id)}", current=retry, kinds=KINDS,
                                      source_names=names, error=self._last_error),
                    chosen,
                )
                return
            self._after_write(result)

        def chosen(values: dict[str, Any] | None) -> None:
            if values is not None:
                self._confirm_names(values, save)

        self.app.push_screen(
            AttributionScreen(f"Attribution of claim {self._ref(claim_id)}", current=current_values, kinds=KINDS,
                              source_names=names),
            chosen,
        )

    def _confirm_names(self, values: dict[str, Any], then: Any, start: int = 0) -> None:
        """Ask, name by name, whether a typed source or conduit close to a stored one is that one or
        a new source; then call ``then(values)`` with the answers filled in (escape cancels all)."""
        from factcheck.review.attribution import exact_source, near_sources
        from factcheck.tui.screens.modals import PickerScreen

        names = [("source", None, values["source"])] + [("via", i, v) for i, v in enumerate(values["via"])]
        for position in range(start, len(names)):
            field, index, name = names[position]
            if exact_source(self.app.db, name) is not None:
                continue
            near = near_sources(self.app.db, name)
            if not near:
                continue
            options = [(f"#{n['id']}", Text(f"use the stored source {sanitize_line(n['name'])} ({n['kind']})"))
                       for n in near]
            options.append(("new", Text(f"create a new source “{sanitize_line(name)}”")))

            def picked(choice: str | None, field=field, index=index, position=position) -> None:
                if choice is None:
                    return
                if choice == "new":
                    if field == "via":
                        values["new_sources"] = True
                elif field == "source":
                    values["source"] = choice
                else:
                    values["via"][index] = choice
                self._confirm_names(values, then, position + 1)

            what = "Source" if field == "source" else "Conduit (via)"
            self.app.push_screen(PickerScreen(f"{what} “{sanitize_line(name)}” is close to a stored source", options),
                                 picked)
            return
        then(values)

    def action_boundaries(self, error: str = "", typed: dict[str, str] | None = None) -> None:
        """Split the claim, move its span, or merge the next claim into it (audited, undoable)."""
        from factcheck.tui.screens.modals import BoundaryScreen

        current = self._current()
        if current is None:
            return
        claim_id, version = current
        row = self._row(claim_id) or {}
        later = sorted((r for r in self.rows if r["start"] >= row.get("end", 0) and r["id"] != claim_id),
                       key=lambda r: r["start"])
        following = later[0] if later else None

        def chosen(choice: dict[str, Any] | None) -> None:
            if choice is None:
                return
            from factcheck.review import boundaries

            self._last_error = ""

            def change(db):
                try:
                    if choice["action"] == "split":
                        return boundaries.split_claim(db, claim_id, after=choice["after"], reviewer=self.app.reviewer,
                                                      expected_version=version)
                    if choice["action"] == "merge":
                        return boundaries.merge_claims(db, claim_id, following["id"], reviewer=self.app.reviewer,
                                                       expected_version=version)
                    return boundaries.adjust_span(db, claim_id, choice["start"], choice["end"],
                                                  reviewer=self.app.reviewer, expected_version=version)
                except InputError as exc:
                    self._last_error = str(exc)
                    raise

            result = self.app.write(change, done=f"{self._ref(claim_id)}: {choice['action']} saved",
                                    reload=self.action_reload)
            if not result and self._last_error:  # back to the dialog, with what was typed and why
                self.action_boundaries(self._last_error, choice.get("typed"))
                return
            self.detail = None
            self._after_write(result)

        self.app.push_screen(
            BoundaryScreen(f"Boundaries of claim {self._ref(claim_id)}", text=row.get("text") or "",
                           start=row.get("start", 0), end=row.get("end", 0), has_next=following is not None,
                           error=error, values=typed),
            chosen,
        )

    def action_undo(self) -> None:
        """Say what the last change was, then undo it on y."""
        from factcheck.tui.screens.modals import undo_or_redo

        undo_or_redo(self, "undo", self._undone)

    def action_redo(self) -> None:
        from factcheck.tui.screens.modals import undo_or_redo

        undo_or_redo(self, "redo", self._undone)

    def _undone(self, value: dict[str, Any]) -> None:
        event = value.get("undone") or value.get("redone") or {}
        keep = event.get("claim_id") if self._row(event.get("claim_id")) else self.current_id
        self.detail = None
        self.load(keep=keep)

    def action_reload(self) -> None:
        self.detail = None
        self.load()

    def action_back(self) -> None:
        """Escape: close the search, then clear the filter, then go back to the library."""
        if self.has_class("-searching") or self.query_text:
            self.query_one("#search", Input).value = ""
            self.query_text, self.search_ids = "", None
            self.remove_class("-searching")
            self._show_rows()
            self.query_one(ClaimsTable).focus()
            return
        if any(v is not None for v in self.filters.values()):
            self.filters = dict.fromkeys(self.filters)
            self._show_rows()
            return
        self.app.pop_screen()

    # ------------------------------------------------------------------ actions: filter and search

    def action_search(self) -> None:
        self.add_class("-searching")
        self.query_one("#search", Input).focus()

    @on(Input.Changed, "#search")
    def _search_changed(self, event: Input.Changed) -> None:
        from factcheck.store.queries import search_claims

        self.query_text = event.value.strip()
        if not self.query_text:
            self.search_ids = None
        else:
            found = search_claims(self.app.db, self.query_text, self.article_id, limit=10_000)
            self.search_ids = {r["id"] for r in found}
        self._show_rows()

    @on(Input.Submitted, "#search")
    def _search_done(self) -> None:
        if not self.query_text:
            self.remove_class("-searching")
        self.query_one(ClaimsTable).focus()

    def action_filter(self) -> None:
        from factcheck.review import STATUSES
        from factcheck.tui.screens.modals import FilterScreen

        mode = self.app.bidi_mode
        sources: dict[Any, str] = {}
        for row in self.rows:
            sources.setdefault(row.get("source_id"), row.get("source_name") or "unattributed")
        kinds = sorted({r.get("source_kind") for r in self.rows if r.get("source_kind")})
        choices = {
            "source": [(inline(name, mode), sid) for sid, name in sources.items()],
            "kind": [(k, k) for k in kinds],
            "status": [(label(s), s) for s in STATUSES],
            "verdict": [(v, v) for v in (*self.app.scale.labels, NO_VERDICT)],
        }

        def chosen(filters: dict[str, Any] | None) -> None:
            if filters is None:
                return
            self.filters = filters
            self._show_rows()

        self.app.push_screen(FilterScreen(self.filters, choices), chosen)

    # ------------------------------------------------------------------ other screens

    def action_corroboration(self) -> None:
        from factcheck.tui.screens.links import LinksScreen

        self._stale_view = True
        self.app.push_screen(LinksScreen(self.article_id))

    def action_sources(self) -> None:
        self._stale_view = True
        self.app.open_sources()

    def external_changes(self, events: list[dict[str, Any]]) -> None:
        """Other reviewers changed something (see ``FactcheckApp.check_changes``): redraw if it
        touches this article (or a source), now when shown, else when this screen is back."""
        mine = {r["id"] for r in self.rows}
        if not any(e["article_id"] == self.article_id or e["claim_id"] in mine
                   or (e["article_id"] is None and e["claim_id"] is None) for e in events):
            return
        if self.app.screen is not self:
            self._stale_view = True
            return
        self.detail = None
        self.load(keep=self.current_id)

    def on_screen_resume(self) -> None:
        """Back from the sources or corroboration screen: show what changed there."""
        if self._stale_view and self.article:
            self._stale_view = False
            self.load()

    # ------------------------------------------------------------------ workers

    def action_suggest(self) -> None:
        self.compute_suggestions(force=True)

    @work(thread=True, exclusive=True, group="suggest", exit_on_error=False)
    def compute_suggestions(self, force: bool = False, claim_ids: list[int] | None = None) -> None:
        """Rank link suggestions for this article's claims (the library persists them).

        Runs once per article unless forced (ctrl+g): an article whose claims already have
        suggestions, open or decided, keeps them.
        """
        from factcheck.review.suggest import open_suggestions, suggest_for_article

        db = self.app.worker_db()
        try:
            if not force and open_suggestions(db, claim_ids or [], states=("open", "accepted", "dismissed")):
                return
            self.app.call_from_thread(self._set_status_note, "computing link suggestions…")
            suggest_for_article(db, self.article_id)
        finally:
            db.close()
        self.app.call_from_thread(self._suggestions_ready)

    def worker_failed(self, worker) -> None:
        self._set_status_note(f"{worker.name.replace('_', ' ')} failed")

    def _set_status_note(self, note: str) -> None:
        self.status_note = note
        if self.is_mounted:
            self._update_filter_info()

    def _suggestions_ready(self) -> None:
        self.status_note = ""
        if self.is_mounted:
            self._update_filter_info()
            if self.current_id is not None:
                self._select(self.current_id, force=True)

    def action_export(self) -> None:
        from factcheck.export import FORMATS, SUFFIXES
        from factcheck.tui.screens.modals import ExportScreen

        from factcheck.config import settings

        conf = settings()

        def chosen(choice: dict[str, Any] | None) -> None:
            if choice is None:
                return
            saved = []
            for key, value in (choice.get("save_org") or {}).items():
                try:
                    conf.set(key, value)
                    saved.append(key)
                except FactcheckError as exc:
                    self.notify(str(exc), title="Not saved to the config file", severity="warning", markup=False)
            if saved:
                self.notify(f"{', '.join(saved)} saved to {conf.path}", markup=False, timeout=5)
            self._set_status_note(f"exporting {choice['format']}…")
            self.run_export(choice["format"], choice["path"], choice["options"])

        try:
            org_name, org_url = conf.get("org.name") or "", conf.get("org.url") or ""
            directory = os.path.expanduser(conf.get("export.dir") or os.getcwd())
        except FactcheckError as exc:  # a broken config file: say so, export still works
            self.notify(str(exc), title="Config file", severity="warning", markup=False)
            org_name, org_url, directory = "", "", os.getcwd()
        self.app.push_screen(
            ExportScreen(
                f"Export the review of article {self.article_id}", formats=FORMATS, suffixes=SUFFIXES,
                stem=f"article-{self.article_id}", directory=directory, org_name=org_name, org_url=org_url,
            ),
            chosen,
        )

    @work(thread=True, group="export", exit_on_error=False)
    def run_export(self, fmt: str, path: str, options: dict[str, Any]) -> None:
        """Render and write the report in a worker with its own connection."""
        from factcheck.errors import FactcheckError
        from factcheck.export import export_to_path

        db = self.app.worker_db()
        warnings: list[str] = []
        try:
            written = export_to_path(db, self.article_id, fmt, os.path.expanduser(path), **options)
            if fmt == "claimreview":
                from factcheck.export.claimreview import check_org, publish_warnings
                from factcheck.export.collect import collect

                base = check_org(options.get("org_name"), options.get("org_url"), options.get("review_url"))[2]
                warnings = publish_warnings(collect(db, self.article_id), review_url=base, article=self.article_id)
        except (FactcheckError, OSError) as exc:
            self.app.call_from_thread(self._export_failed, str(exc))
            return
        finally:
            db.close()
        self.app.call_from_thread(self._exported, fmt, str(written.resolve()), warnings)

    def _exported(self, fmt: str, path: str, warnings: list[str] | None = None) -> None:
        self._set_status_note(f"{fmt} written to {path}" + (f" · {len(warnings)} warnings" if warnings else ""))
        self.notify(f"{fmt} export written to {path}", title="Exported", markup=False, timeout=6)
        if warnings:  # what the published markup says less strongly than the verdicts, or lacks
            self.notify("\n".join(warnings), title="Check before publishing", severity="warning", markup=False,
                        timeout=20)

    def _export_failed(self, message: str) -> None:
        self._set_status_note("export failed")
        self.notify(message, title="Export failed", severity="error", markup=False)

