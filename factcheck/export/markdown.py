"""The review as Markdown: readable as plain text, renders right-to-left where the text is Arabic.

Everything that comes from the article or from reviewers goes through :func:`md_escape`, so it can
neither open HTML (``<script>`` stays text) nor turn into Markdown structure.
"""

from __future__ import annotations

import re
from typing import Any
from urllib.parse import quote

from factcheck.export import display as d
from factcheck.export.collect import text_direction

_INLINE = re.compile(r"([\\`*_\[\]<>&|~])")
_BLOCK_START = re.compile(r"^([#>+=-])|^(\d+)([.)])")


def md_escape(text: Any) -> str:
    """Text on one line, safe inside a paragraph, a list item or a table cell."""
    if text is None:
        return ""
    text = " ".join(d.inert(str(text)).split())
    return _INLINE.sub(r"\\\1", text)


def md_line(text: Any) -> str:
    """:func:`md_escape` for text that starts a line: no heading, list or quote marker either."""
    return _BLOCK_START.sub(lambda m: "\\" + m.group(1) if m.group(1) else m.group(2) + "\\" + m.group(3),
                            md_escape(text))


def md_link(label: Any, url: str | None) -> str:
    if not d.is_web_url(url):
        return md_escape(label if label else url)
    safe = quote(url.strip(), safe=":/?#@!$&'*+,;=%~[]")
    return f"[{md_escape(label or url)}]({safe})"


def para(text: Any, *, quote_block: bool = False, lang: str | None = None) -> str:
    """A paragraph; Arabic paragraphs are wrapped in ``<div dir="rtl">`` for renderers."""
    body = md_line(text)
    if quote_block:
        body = "> " + body
    _, direction = text_direction(str(text or ""), lang)
    if direction == "rtl":
        return f'<div dir="rtl">\n\n{body}\n\n</div>'
    return body


def _table(head: list[str], rows: list[list[Any]]) -> list[str]:
    out = ["| " + " | ".join(head) + " |", "|" + "|".join("---" for _ in head) + "|"]
    for row in rows:
        out.append("| " + " | ".join(md_escape(c) if not isinstance(c, _Raw) else str(c) for c in row) + " |")
    return out


class _Raw(str):
    """A table cell already in Markdown."""


def _header(review: dict[str, Any]) -> list[str]:
    art = review["article"]
    gen = review["generator"]
    out = [f"# Fact-check review: {md_escape(art['title'] or 'untitled article')}", ""]
    out += _table(
        ["Field", "Value"],
        [
            ["Title", art["title"] or "—"],
            ["Outlet", art["outlet"] or "—"],
            ["URL", _Raw(md_link(art["url"], art["url"])) if art["url"] else "—"],
            ["Language", d.lang_label(art["language"])],
            ["Published", art["published"] or "—"],
            ["Ingested", f"{d.short_time(art['ingested_at'])} by {art['ingested_by'] or '?'}"],
            ["Reviewers", ", ".join(review["reviewers"]) or "—"],
            ["Report generated", d.short_time(review["generated_at"])],
            ["factcheck version", gen["version"]],
            ["Article sha256", art["sha256"]],
        ],
    )
    return out + [""]


def _summary(review: dict[str, Any]) -> list[str]:
    s = review["summary"]
    sha = review["article"]["sha256"]
    out = ["## Summary", "", d.plural(s['claims'], 'claim') + ".", "", "### Claims by verdict", ""]
    out += _table(["Verdict", "Claims"], [[v["verdict"] or "no verdict", v["claims"]] for v in s["by_verdict"]])
    out += ["", "### Claims by status", ""]
    out += _table(["Status", "Claims"], [[d.status_label(v["status"]), v["claims"]] for v in s["by_status"]])
    out += ["", "### Sources", ""]
    out += _table(
        ["Source", "Kind", "Family", "Grade", "Claims", "Verdicts"],
        [
            [src["name"], src["kind"], src["family"], src["grade"], src["claims"],
             d.verdict_counts_text(src["verdicts"], src["unreviewed"])]
            for src in s["sources"]
        ],
    )
    out += ["", "### Independence warnings", ""]
    if s["independence_warnings"]:
        for w in s["independence_warnings"]:
            out.append(
                f"- [Claim {w['idx']}](#claim-{w['idx']}) ({md_escape(w['source'])}): {md_escape(w['message'])}"
            )
    else:
        out.append("None.")
    out += ["", "### Open conflicts", ""]
    if s["open_conflicts"]:
        for c in s["open_conflicts"]:
            other = c["other"]
            out.append(
                f"- [Claim {c['idx']}](#claim-{c['idx']}) ({md_escape(c['source'])}) contradicts "
                f"{md_escape(d.claim_ref_text(other, sha, other.get('title')))} ({md_escape(other.get('source'))}): "
                f"“{md_escape(d.clip(other.get('text') or '', 100))}”"
                + (f" — {md_escape(c['note'])}" if c.get("note") else "")
            )
    else:
        out.append("None.")
    out += ["", "### Resolved conflicts", ""]
    for c in s.get("resolved_conflicts") or []:
        other = c["other"]
        out.append(
            f"- [Claim {c['idx']}](#claim-{c['idx']}) ({md_escape(c['source'])}, {md_escape(c['verdicts'][0])}) "
            f"contradicts {md_escape(d.claim_ref_text(other, sha, other.get('title')))} "
            f"({md_escape(other.get('source'))}, {md_escape(c['verdicts'][1])})"
            + (f" — {md_escape(c['note'])}" if c.get("note") else "")
        )
    if not s.get("resolved_conflicts"):
        out.append("None.")
    return out + [""]


def _claim(review: dict[str, Any], claim: dict[str, Any], history: list[tuple[dict[str, Any], str]]) -> list[str]:
    sha = review["article"]["sha256"]
    lang = review["article"]["language"]
    att = claim["attribution"]
    idx = claim["idx"]
    out = [
        f'<a id="claim-{idx}"></a>',
        "",
        f"### Claim {idx} — {md_escape(d.verdict_label(claim))} · {md_escape(d.status_label(claim['status']))}",
        "",
        para(claim["text"], quote_block=True, lang=claim["language"]),
        "",
    ]
    items = [f"- **Source:** {md_escape(d.source_text(att))}"
             + (" — *corrected by a reviewer*" if att["overridden"] else "")]
    if d.family_text(att):
        items.append(f"- **Family:** {md_escape(d.family_text(att))}")
    items.append(f"- **Reliability grade:** {md_escape(att['grade'] or '—')}")
    if att.get("mention"):
        items.append(f"- **Mention:** “{md_escape(att['mention']['text'])}”")
    if att.get("cue"):
        items.append(f"- **Cue:** “{md_escape(att['cue']['text'])}”")
    if att.get("via"):
        items.append(f"- **Via:** {md_escape(d.via_text(att))}")
    if claim["override"] and claim["override"].get("note"):
        items.append(f"- **Correction note:** {md_escape(claim['override']['note'])}")
    rating = claim.get("rating") or {}
    verdict = md_escape(d.verdict_label(claim))
    if rating.get("value") is not None:
        verdict += f" (rating {rating['value']} of {review['scale']['best']})"
    items.append(f"- **Verdict:** {verdict}")
    if claim["assignee"]:
        items.append(f"- **Assigned to:** {md_escape(claim['assignee'])}")
    items.append(f"- **Credibility:** {md_escape(d.credibility_text(claim.get('credibility')))}")
    out += items
    if claim["rationale"]:
        out += ["", "**Rationale:**", "", para(claim["rationale"], lang=lang)]
    evidence = [e for e in claim["evidence"] if not e["removed"]]
    out += ["", "**Evidence:**" + ("" if evidence else " none."), ""]
    for e in evidence:
        label = e["title"] or e["url"] or e["doc_ref"] or "evidence"
        line = f"- *{md_escape(e['stance'])}*: {md_link(label, e['url'])}"
        if e["doc_ref"] and e["doc_ref"] != label:
            line += f" ({md_escape(e['doc_ref'])})"
        if e["date"]:
            line += f", {md_escape(e['date'])}"
        if e["quote"]:
            line += f" — “{md_escape(e['quote'])}”"
        line += f" — added by {md_escape(e['added_by'])} {md_escape(d.short_time(e['added_at']))}"
        out.append(line)
    for relation, heading in d.RELATION_HEADINGS:
        links = [link for link in claim["links"] if link["relation"] == relation]
        if not links:
            continue
        out += ["", f"**{heading}:**", ""]
        for link in links:
            other = link["other"]
            ref = d.claim_ref_text(other, sha, other.get("title"))
            target = f"[{md_escape(ref)}](#claim-{other['idx']})" if other["article"] == sha else md_escape(ref)
            line = f"- {target} ({md_escape(other.get('source') or '?')}): “{md_escape(d.clip(other.get('text') or '', 160))}”"
            if link.get("note"):
                line += f" — {md_escape(link['note'])}"
            out.append(line)
    out += ["", "**History:**" + ("" if history else " none."), ""]
    for ev, text in history:
        out.append(f"- {md_escape(d.short_time(ev['at']))} · {md_escape(ev['reviewer'])} · {md_escape(text)}")
    return out + [""]


def render_markdown(review: dict[str, Any]) -> str:
    history = d.History(review).by_claim()
    lines = _header(review) + _summary(review) + ["## Claims", ""]
    for claim in review["claims"]:
        lines += _claim(review, claim, history.get(claim["idx"], []))
    return re.sub(r"\n{3,}", "\n\n", "\n".join(lines)).rstrip() + "\n"
