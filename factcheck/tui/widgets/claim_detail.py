"""Everything about the selected claim, from ``factcheck.review.detail.claim_detail``.

Text from the article or reviewers is laid out by the bidi helpers (wrapped, then reordered in
``app`` mode) and only ever enters ``Text`` as plain strings.
"""

from __future__ import annotations

from typing import Any

from rich.cells import cell_len
from rich.segment import Segment
from rich.style import Style
from rich.text import Text
from textual import events
from textual.binding import Binding
from textual.geometry import Size
from textual.scroll_view import ScrollView
from textual.strip import Strip

from factcheck.tui.bidi import display_line, layout, sanitize_line
from factcheck.tui.format import block, cell, glyph, inline, label, reasons_text, score

HEAD = Style(bold=True, color="#61afef")
KEY = Style(color="#8a8f98")
WARN = Style(color="#e5c07b", bold=True)
RELATION_MARKS = {"corroborates": "⇔", "same_claim": "≡", "contradicts": "✕", "related": "~"}


class ClaimDetail(ScrollView, can_focus=True):
    """A scrollable pane; call :meth:`show` with a claim detail dict.

    A Line API widget: showing another claim redraws only this pane, never the screen's layout,
    which keeps moving through claims fast.
    """

    DEFAULT_CSS = """
    ClaimDetail {
        overflow-y: scroll;
        overflow-x: hidden;
        padding: 0 1;
        background: $panel;
    }
    """

    BINDINGS = [
        Binding("up,k", "scroll_up", "Scroll up", show=False, id="detail.up"),
        Binding("down,j", "scroll_down", "Scroll down", show=False, id="detail.down"),
    ]

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.detail: dict[str, Any] | None = None
        self.mode = "app"
        self.scale: Any = None
        self.colour = "#e5c07b"
        self._width = 0
        self._lines: list[Text] = [Text("no claim selected", style="dim")]

    def show(self, detail: dict[str, Any] | None, *, mode: str, scale: Any, colour: str = "#e5c07b") -> None:
        self.detail, self.mode, self.scale, self.colour = detail, mode, scale, colour
        self._render_detail()
        self.scroll_to(0, 0, animate=False, immediate=True)

    def on_resize(self, event: events.Resize) -> None:
        if self.scrollable_content_region.width != self._width:
            self._render_detail()

    def rendered_text(self) -> str:
        """Everything the pane shows (also what scrolled out of view)."""
        return "\n".join(line.plain for line in self._lines)

    def _render_detail(self) -> None:
        self._width = self.scrollable_content_region.width
        if self.detail is None:
            text = Text("no claim selected", style="dim")
        else:
            text = render_detail(self.detail, width=max(20, self._width), mode=self.mode, scale=self.scale,
                                 colour=self.colour)
        self._lines = text.split("\n", allow_blank=True)
        self._set_virtual_size(Size(max(1, self._width), len(self._lines)))
        self.refresh()

    def _set_virtual_size(self, size: Size) -> None:
        """Like assigning ``virtual_size``, without the screen-wide layout that assignment triggers.

        The vertical scrollbar is always shown (``overflow-y: scroll``), so nothing else moves.
        """
        if not self.is_mounted or not self.show_vertical_scrollbar:
            self.virtual_size = size
            return
        self.set_reactive(ScrollView.virtual_size, size)
        bar = self.vertical_scrollbar
        bar.window_virtual_size = size.height
        bar.window_size = self.scrollable_content_region.height
        bar.refresh()

    def render_line(self, y: int) -> Strip:
        width = self.scrollable_content_region.width
        index = self.scroll_offset.y + y
        if index >= len(self._lines):
            return Strip.blank(width, self.rich_style)
        segments = Segment.apply_style(self._lines[index].render(self.app.console), self.rich_style)
        return Strip(list(segments)).crop_extend(0, width, self.rich_style)


# ---------------------------------------------------------------------------------------------------


def _line(out: Text, key: str, *parts: str | Text | tuple[str, Style | str]) -> None:
    out.append("\n")
    out.append(f"{key:<10}", KEY)
    for part in parts:
        if isinstance(part, tuple):
            out.append(part[0], part[1])
        else:
            out.append(part)


KEY_WIDTH = 10


def _units(out: Text, key: str, units: list[tuple[Any, Any, Any]], width: int, mode: str) -> None:
    """A ``key`` line of values that wrap instead of being cut: ``units`` are ``(user text, style,
    tail)``; the tail (a label, a separator, left to right) stays after the unit's last line.

    A unit that does not fit beside the previous one starts a line; one wider than the line is
    wrapped on its own (logically, then each line reordered: a mixed Arabic/Latin name keeps its
    ``via Reuters`` together) and right-aligned when right to left. Continuation lines are indented
    under the values."""
    room = max(8, width - KEY_WIDTH)
    lines: list[Text] = [Text()]
    used = 0

    def newline() -> None:
        nonlocal used
        lines.append(Text())
        used = 0

    for value, style, tail in units:
        tail, tail_style = tail if isinstance(tail, tuple) else (tail, KEY)
        shown = layout(sanitize_line(str(value or "")), room, mode)
        tail_width = cell_len(tail)
        if len(shown) == 1:
            gap = 1 if used else 0
            wide = cell_len(shown[0].glyphs)
            if used and used + gap + wide + tail_width > room:
                newline()
                gap = 0
            lines[-1].append(" " * gap)
            lines[-1].append(shown[0].glyphs, style)
            used += gap + wide
        else:
            if used:
                newline()
            for n, line in enumerate(shown):
                if n:
                    newline()
                pad = line.pad
                if n == len(shown) - 1 and pad:  # right-aligned: room for the tail on its right
                    pad = pad - tail_width if pad >= tail_width else room
                lines[-1].append(" " * min(pad, line.pad))
                lines[-1].append(line.glyphs, style)
                used = pad + cell_len(line.glyphs)
        if tail:
            if used + tail_width > room:
                newline()
                tail = tail.lstrip()
            lines[-1].append(tail, tail_style)
            used += cell_len(tail)
    out.append("\n")
    out.append(f"{key:<{KEY_WIDTH}}", KEY)
    for n, line in enumerate(lines):
        if n:
            out.append("\n" + " " * KEY_WIDTH)
        out.append_text(line)


def _head(out: Text, title: str) -> None:
    out.append("\n\n")
    out.append(title, HEAD)


def render_detail(detail: dict[str, Any], *, width: int, mode: str, scale: Any, colour: str) -> Text:
    """The detail pane's text (also used by tests)."""
    claim = detail.get("claim") or {}
    att = detail.get("attribution") or {}
    out = Text(no_wrap=True, overflow="crop", end="")

    # header: ref, status, verdict
    ref = detail.get("ref") or f"{claim.get('article_id')}:{claim.get('idx')}"
    status, verdict = detail.get("status") or claim.get("status"), detail.get("verdict") or claim.get("verdict")
    out.append(f"Claim {ref}  ", Style(bold=True))
    out.append_text(glyph(status, verdict, scale))
    out.append(f" {label(status)}", KEY)
    if verdict:
        out.append("  verdict: ", KEY)
        out.append(sanitize_line(verdict), Style(bold=True))
    if claim.get("assignee"):
        out.append("  assigned: ", KEY)
        out.append(inline(claim["assignee"], mode))
    out.append("\n\n")

    # the claim text, mention and cue marked (offsets relative to the claim)
    start = claim.get("start") or 0
    spans = []
    for key, style in (("mention", Style(underline=True, bold=True)), ("cue", Style(italic=True, underline=True))):
        span = att.get(key)
        if span and span.get("start") is not None:
            spans.append((span["start"] - start, span["end"] - start, style))
    out.append_text(block(claim.get("text") or "", width, mode, style=Style(color=colour), spans=spans))

    # attribution
    _head(out, "Attribution")
    source = att.get("name") or "unattributed"
    kind = att.get("kind") or "unattributed"
    avail = max(8, width - 10)  # room after the key column

    def fit(value: Any, room: int) -> str:
        """One value cut to ``room`` cells at its logical end, then reordered (never cut at the start)."""
        return display_line(str(value or ""), max(4, room), mode)[0]

    # Names, roles and cues wrap under their key rather than being cut: a long Arabic name or a
    # mixed one ("... via Reuters") reads whole in a narrow pane.
    role = sanitize_line(att.get("role") or "")
    role_inline = bool(role) and cell_len(source) + len(kind) + cell_len(role) + 12 <= avail
    src: list[tuple[Any, Any, str]] = [(source, Style(color=colour, bold=True), f" ({kind})")]
    if role_inline:
        src += [("", "", "· role:"), (role, "", "")]
    if att.get("overridden"):
        by = (att.get("override") or {}).get("updated_by")
        src.append(("", "", (f"· corrected by {sanitize_line(by)}" if by else "· corrected", WARN)))
    _units(out, "Source", src, width, mode)
    if role and not role_inline:
        _units(out, "Role", [(role, "", "")], width, mode)
    family = att.get("family") or []
    if len(family) > 1:
        _units(out, "Family", [(f, "", "" if n == len(family) - 1 else " ›") for n, f in enumerate(family)], width, mode)
    grade = att.get("grade") or "F"
    _units(out, "Grade", [(f"{grade} ({_grade_label(grade)})", "", "")], width, mode)
    mention, cue = att.get("mention"), att.get("cue")
    if mention:
        _units(out, "Mention", [(mention.get("text"), Style(underline=True), "")], width, mode)
    if cue:
        speech = f"  ({att['mode']} speech)" if att.get("mode") not in (None, "none") else ""
        _units(out, "Cue", [(cue.get("text"), Style(italic=True), speech)], width, mode)
    via = att.get("via") or []
    if via:  # origin side first: the source's words went through these, in this order, to the article
        names = [h.get("name") if isinstance(h, dict) else h for h in via]
        _units(out, "Via", [(h, "", "" if n == len(names) - 1 else " →") for n, h in enumerate(names)], width, mode)
    if att.get("reason") and not att.get("overridden"):  # the engine's why
        _units(out, "Why", [(att["reason"], Style(dim=True), "")], width, mode)

    # facts
    facts = detail.get("facts") or {}
    fact_parts = []
    for name in ("numbers", "dates", "entities"):
        items = facts.get(name) or []
        if items:
            shown = ", ".join(inline(_fact(name, f), mode) for f in items[:6])
            fact_parts.append(f"{name}: {shown}")
    if fact_parts:
        _head(out, "Facts")
        for part in fact_parts:
            out.append("\n  ")
            out.append(cell(part, width - 2, "off"))

    # independence
    ind = detail.get("independence")
    if ind:
        _head(out, "Independence")
        count = _get(ind, "independent_count")
        cred = _get(ind, "credibility")
        cred_label = _get(ind, "credibility_label") or ""
        _line(out, "Corrob.", f"{count or 0} independent origin(s)")
        if cred is not None:
            _line(out, "Credible", f"{cred}: {cred_label}".strip())
        if _get(ind, "same_family_only"):
            out.append("\n")
            out.append("⚠ corroborated only by the same source family", WARN)
        for warning in _get(ind, "warnings") or []:  # as the reports word them; a disagreeing verdict too
            if not str(warning).startswith("corroborated only by the same source family"):
                out.append("\n")
                out.append_text(block(f"⚠ {warning}", width, mode, style=WARN))
        roots = _get(ind, "roots") or _get(ind, "root_origins") or []
        if roots:
            names = [fit(r.get("name") if isinstance(r, dict) else r, avail // len(roots) - 2) for r in roots]
            _line(out, "Roots", ", ".join(names))

    # rationale
    rationale = detail.get("rationale") if "rationale" in detail else claim.get("rationale")
    if rationale:
        _head(out, "Rationale")
        out.append("\n")
        out.append_text(block(rationale, width, mode))

    # links
    links = detail.get("links") or []
    if links:
        _head(out, f"Links ({len(links)})")
        for link in links:
            out.append("\n")
            out.append(f"{RELATION_MARKS.get(link.get('relation'), '~')} {label(link.get('relation')):<12} ",
                       _relation_style(link.get("relation")))
            out.append(f"{link.get('other_ref')} ", Style(bold=True))
            out.append(fit(link.get("other_source"), width - 22), KEY)
            out.append("\n    ")
            out.append_text(cell(link.get("other_text"), width - 4, mode))

    # suggestions
    suggestions = detail.get("suggestions") or []
    if suggestions:
        _head(out, f"Suggested links ({len(suggestions)})")
        for sug in suggestions[:8]:
            out.append("\n")
            out.append(f"{score(sug.get('score')):>5} ", WARN)
            out.append(f"{label(sug.get('relation')):<12} ", _relation_style(sug.get("relation")))
            out.append(f"{sug.get('other_ref')} ", Style(bold=True))
            out.append(fit(sug.get("other_source"), width - 28), KEY)
            reasons = sug.get("reasons")
            if reasons:
                out.append("\n    ")
                out.append(cell(reasons_text(reasons), width - 4, mode, style=KEY))
            out.append("\n    ")
            out.append_text(cell(sug.get("other_text"), width - 4, mode))

    # evidence
    evidence = detail.get("evidence") or []
    if evidence:
        _head(out, f"Evidence ({len(evidence)})")
        for ev in evidence:
            out.append("\n")
            out.append(f"{ev.get('stance', ''):<9}", _stance_style(ev.get("stance")))
            out.append_text(cell(ev.get("url") or ev.get("doc_ref"), width - 9, "off", style=Style(underline=True)))
            if ev.get("title"):
                out.append("\n         ")
                out.append_text(cell(ev["title"], width - 9, mode))
            if ev.get("quote"):
                out.append("\n         “")
                out.append_text(cell(ev["quote"], width - 11, mode, style=Style(italic=True)))
                out.append("”")
            meta = " · ".join(x for x in (ev.get("date"), ev.get("added_by") and f"by {ev['added_by']}") if x)
            if meta:
                out.append("\n         ")
                out.append(sanitize_line(meta), KEY)

    version = detail.get("version") or claim.get("version")
    who = claim.get("updated_by")
    out.append("\n\n")
    out.append(f"version {version}" + (f" · last change by {sanitize_line(who)}" if who else ""), KEY)
    return out


def _get(obj: Any, name: str) -> Any:
    if isinstance(obj, dict):
        return obj.get(name)
    return getattr(obj, name, None)


def _fact(kind: str, fact: dict[str, Any]) -> str:
    if kind == "numbers":
        unit = fact.get("unit")
        return f"{fact.get('text')}" + (f" ({unit})" if unit else "")
    if kind == "dates":
        return fact.get("iso") or fact.get("text") or ""
    return fact.get("text") or fact.get("key") or ""


def _grade_label(grade: str) -> str:
    from factcheck.review import GRADES

    return GRADES.get(grade, "")


def _relation_style(relation: str | None) -> Style:
    if relation in ("corroborates", "same_claim"):
        return Style(color="#98c379")
    if relation == "contradicts":
        return Style(color="#e06c75")
    return Style(color="#a9b1d6")


def _stance_style(stance: str | None) -> Style:
    return {"supports": Style(color="#98c379"), "refutes": Style(color="#e06c75")}.get(stance or "", KEY)
