"""The review as one self-contained HTML file: inline CSS and SVG, no scripts, no external fetches.

Everything from the article or reviewers goes through :func:`e` (``html.escape``); a
Content-Security-Policy meta tag forbids scripts and remote loads as a second line of defence.
"""

from __future__ import annotations

import colorsys
from html import escape
from typing import Any

from factcheck.export import display as d

CSS = """
:root{--fg:#1d2330;--muted:#5b6472;--line:#d8dce3;--bg:#fff;--soft:#f5f6f8}
body{font:15px/1.5 system-ui,-apple-system,"Segoe UI","Noto Sans","Noto Naskh Arabic",Tahoma,sans-serif;
color:var(--fg);background:var(--bg);max-width:62rem;margin:2rem auto;padding:0 1rem}
h1{font-size:1.6rem;margin:.2rem 0 1rem}h2{border-bottom:2px solid var(--line);padding-bottom:.2rem;margin-top:2rem}
h3{margin:1.2rem 0 .4rem}table{border-collapse:collapse;margin:.5rem 0 1rem;width:100%}
th,td{border:1px solid var(--line);padding:.25rem .5rem;text-align:start;vertical-align:top}
th{background:var(--soft)}dl.meta{display:grid;grid-template-columns:max-content 1fr;gap:.2rem 1rem}
dl.meta dt{color:var(--muted)}dl.meta dd{margin:0}
.claim{border:1px solid var(--line);border-radius:6px;padding:.6rem 1rem;margin:1rem 0;break-inside:avoid}
.claim h3{margin-top:.2rem}.claim blockquote{font-size:1.1rem;margin:.4rem 0;padding:.4rem .8rem;
background:var(--soft);border-inline-start:4px solid var(--line)}
.badge{display:inline-block;border-radius:3px;padding:0 .4rem;font-size:.85rem;color:#fff;background:#777}
.status{color:var(--muted);font-size:.9rem}.muted{color:var(--muted)}ul{margin:.2rem 0 .6rem}
.attr{display:grid;grid-template-columns:max-content 1fr;gap:.1rem 1rem;margin:.4rem 0}
.attr dt{color:var(--muted)}.attr dd{margin:0}.warn{color:#9a3b00}
.legend span{display:inline-block;margin-inline-end:1rem;font-size:.85rem}
.legend i{display:inline-block;width:.8rem;height:.8rem;margin-inline-end:.3rem;vertical-align:middle}
svg text{font:12px system-ui,sans-serif;fill:#1d2330}
@media print{body{margin:0;max-width:none;font-size:11pt}a{color:inherit;text-decoration:none}
.claim{border-color:#999}h2{break-after:avoid}.badge{border:1px solid #000;color:#000;background:none!important}}
"""

CSP = "default-src 'none'; style-src 'unsafe-inline'; img-src data:; base-uri 'none'; form-action 'none'"
NO_VERDICT_COLOR = "#c9ced6"


def e(value: Any) -> str:
    """Escape anything for element content and attribute values."""
    return escape("" if value is None else d.inert(str(value)), quote=True)


def verdict_colors(scale: dict[str, Any]) -> dict[str | None, str]:
    """Green for the best rating to red for the worst; grey for labels without a rating."""
    best, worst = scale["best"], scale["worst"]
    colors: dict[str | None, str] = {None: NO_VERDICT_COLOR}
    for entry in scale["labels"]:
        value = entry.get("value")
        if value is None or best == worst:
            colors[entry["label"]] = "#8a8f99"
            continue
        share = (value - worst) / (best - worst)
        r, g, b = colorsys.hls_to_rgb(share * 120 / 360, 0.42, 0.65)
        colors[entry["label"]] = f"#{int(r * 255):02x}{int(g * 255):02x}{int(b * 255):02x}"
    return colors


def _link(label: Any, url: str | None) -> str:
    if d.is_web_url(url):
        return f'<a href="{e(url.strip())}" rel="noopener noreferrer">{e(label or url)}</a>'
    return e(label or url)


def _bdi(value: Any, lang: str | None = None) -> str:
    attr = f' lang="{e(lang)}"' if lang else ""
    return f"<bdi{attr}>{e(value)}</bdi>"


def _source_html(att: dict[str, Any], lang: str | None) -> str:
    """``display.source_text`` with the name and the role each isolated: an Arabic name or role
    inside the Latin ``(kind, role)`` frame cannot pull the brackets and comma out of place."""
    name = att.get("name") or att.get("source") or "?"
    if any("\u0600" <= ch <= "\u06ff" for ch in str(name)):
        lang = "ar"  # an Arabic name quoted in an English article is still Arabic
    if name == att.get("kind") and not att.get("role"):
        return _bdi(name, lang)
    parts = [e(att.get("kind") or "?")]
    if att.get("role"):
        parts.append(_bdi(att["role"]))
    return f"{_bdi(name, lang)} ({', '.join(parts)})"


def _names_html(names: list[Any], sep: str) -> str:
    """Names joined by a Latin separator, each name isolated (``AFP → <bdi>وكالة</bdi>``)."""
    return sep.join(_bdi(n or "?") for n in names)


def _text_block(tag: str, text: Any, lang: str | None, cls: str = "") -> str:
    cls_attr = f' class="{cls}"' if cls else ""
    lang_attr = f' lang="{e(lang)}"' if lang else ""
    return f'<{tag} dir="auto"{lang_attr}{cls_attr}>{e(text)}</{tag}>'


def chart(review: dict[str, Any], colors: dict[str | None, str], *, max_rows: int = 15) -> str:
    """A horizontal stacked bar per source: its claims by verdict."""
    sources = review["summary"]["sources"]
    labels = [entry["label"] for entry in review["scale"]["labels"]]
    rows = []
    for src in sources[:max_rows]:
        rows.append((src["name"] or src["source"] or "?", src["verdicts"], src["unreviewed"]))
    if len(sources) > max_rows:
        merged: dict[str, int] = {}
        rest = sources[max_rows:]
        for src in rest:
            for label, n in src["verdicts"].items():
                merged[label] = merged.get(label, 0) + n
        rows.append((f"{len(rest)} other sources", merged, sum(s["unreviewed"] for s in rest)))
    if not rows:
        return ""
    most = max(sum(v.values()) + u for _, v, u in rows) or 1
    label_w, bar_w, row_h = 190, 380, 22
    width, height = label_w + bar_w + 50, row_h * len(rows) + 8
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" '
        f'viewBox="0 0 {width} {height}" role="img" aria-labelledby="chart-title">',
        '<title id="chart-title">Claims by verdict for each source</title>',
    ]
    for i, (name, verdicts, unreviewed) in enumerate(rows):
        y = 4 + i * row_h
        parts.append(
            f'<text x="{label_w - 8}" y="{y + 15}" text-anchor="end" direction="ltr" unicode-bidi="plaintext">'
            f"{e(d.clip(name, 28))}</text>"
        )
        x = float(label_w)
        segments = [(label, verdicts.get(label, 0)) for label in labels if verdicts.get(label)]
        segments += [(label, n) for label, n in verdicts.items() if label not in labels and n]
        if unreviewed:
            segments.append((None, unreviewed))
        total = 0
        for label, n in segments:
            w = bar_w * n / most
            color = colors.get(label, "#8a8f99")
            parts.append(
                f'<rect x="{x:.1f}" y="{y + 3}" width="{w:.1f}" height="{row_h - 6}" fill="{color}">'
                f"<title>{e(name)}: {e(label or 'no verdict')} {n}</title></rect>"
            )
            x += w
            total += n
        parts.append(f'<text x="{x + 6:.1f}" y="{y + 15}">{total}</text>')
    parts.append("</svg>")
    legend = "".join(
        f'<span><i style="background:{colors.get(label, "#8a8f99")}"></i>{e(label or "no verdict")}</span>'
        for label in [*labels, None]
    )
    return "\n".join(parts) + f'\n<p class="legend">{legend}</p>'


def _header(review: dict[str, Any]) -> str:
    art = review["article"]
    lang = art["language"]
    rows = [
        ("Title", _bdi(art["title"] or "—", lang)),
        ("Outlet", _bdi(art["outlet"] or "—")),
        ("URL", _link(art["url"], art["url"]) if art["url"] else "—"),
        ("Language", e(d.lang_label(lang))),
        ("Published", e(art["published"] or "—")),
        ("Ingested", e(f"{d.short_time(art['ingested_at'])} by {art['ingested_by'] or '?'}")),
        ("Reviewers", e(", ".join(review["reviewers"]) or "—")),
        ("Report generated", e(d.short_time(review["generated_at"]))),
        ("factcheck version", e(review["generator"]["version"])),
        ("Article sha256", f"<code>{e(art['sha256'])}</code>"),
    ]
    meta = "".join(f"<dt>{k}</dt><dd>{v}</dd>" for k, v in rows)
    title = f'<h1>Fact-check review: <bdi lang="{e(lang)}">{e(art["title"] or "untitled article")}</bdi></h1>'
    return f'<header>{title}<dl class="meta">{meta}</dl></header>'


def _summary(review: dict[str, Any], colors: dict[str | None, str]) -> str:
    s = review["summary"]
    sha = review["article"]["sha256"]
    out = ['<section id="summary"><h2>Summary</h2>', f"<p>{d.plural(s['claims'], 'claim')}.</p>"]
    out.append("<h3>Claims by verdict</h3><table><tr><th>Verdict</th><th>Claims</th></tr>")
    for v in s["by_verdict"]:
        badge = f'<span class="badge" style="background:{colors.get(v["verdict"], "#8a8f99")}">&nbsp;</span> '
        out.append(f"<tr><td>{badge}{e(v['verdict'] or 'no verdict')}</td><td>{v['claims']}</td></tr>")
    out.append("</table><h3>Claims by status</h3><table><tr><th>Status</th><th>Claims</th></tr>")
    for v in s["by_status"]:
        out.append(f"<tr><td>{e(d.status_label(v['status']))}</td><td>{v['claims']}</td></tr>")
    out.append("</table><h3>Sources</h3>")
    out.append(chart(review, colors))
    out.append(
        "<table><tr><th>Source</th><th>Kind</th><th>Family</th><th>Grade</th><th>Claims</th><th>Verdicts</th></tr>"
    )
    for src in s["sources"]:
        out.append(
            f"<tr><td>{_bdi(src['name'])}</td><td>{e(src['kind'])}</td><td>{_bdi(src['family'])}</td>"
            f"<td>{e(src['grade'])}</td><td>{src['claims']}</td>"
            f"<td>{e(d.verdict_counts_text(src['verdicts'], src['unreviewed']))}</td></tr>"
        )
    out.append("</table><h3>Independence warnings</h3>")
    if s["independence_warnings"]:
        out.append("<ul>")
        for w in s["independence_warnings"]:
            out.append(
                f'<li class="warn"><a href="#claim-{w["idx"]}">Claim {w["idx"]}</a> ({_bdi(w["source"])}): '
                f"{_bdi(w['message'])}</li>"
            )
        out.append("</ul>")
    else:
        out.append("<p>None.</p>")
    out.append("<h3>Open conflicts</h3>")
    if s["open_conflicts"]:
        out.append("<ul>")
        for c in s["open_conflicts"]:
            other = c["other"]
            note = f" — {_bdi(c['note'])}" if c.get("note") else ""
            out.append(
                f'<li><a href="#claim-{c["idx"]}">Claim {c["idx"]}</a> ({_bdi(c["source"])}) contradicts '
                f"{e(d.claim_ref_text(other, sha, other.get('title')))} ({_bdi(other.get('source'))}): "
                f"“{_bdi(d.clip(other.get('text') or '', 100))}”{note}</li>"
            )
        out.append("</ul>")
    else:
        out.append("<p>None.</p>")
    out.append("<h3>Resolved conflicts</h3>")
    if s.get("resolved_conflicts"):
        out.append("<ul>")
        for c in s["resolved_conflicts"]:
            other = c["other"]
            note = f" — {_bdi(c['note'])}" if c.get("note") else ""
            out.append(
                f'<li><a href="#claim-{c["idx"]}">Claim {c["idx"]}</a> ({_bdi(c["source"])}, {e(c["verdicts"][0])}) '
                f"contradicts {e(d.claim_ref_text(other, sha, other.get('title')))} ({_bdi(other.get('source'))}, "
                f"{e(c['verdicts'][1])}){note}</li>"
            )
        out.append("</ul>")
    else:
        out.append("<p>None.</p>")
    out.append("</section>")
    return "\n".join(out)


def _claim(review: dict[str, Any], claim: dict[str, Any], history: list[tuple[dict[str, Any], str]],
           colors: dict[str | None, str]) -> str:
    sha = review["article"]["sha256"]
    art_lang = review["article"]["language"]
    att = claim["attribution"]
    idx = claim["idx"]
    color = colors.get(claim["verdict"], "#8a8f99")
    out = [
        f'<section class="claim" id="claim-{idx}">',
        f'<h3>Claim {idx} <span class="badge" style="background:{color}">{e(d.verdict_label(claim))}</span> '
        f'<span class="status">{e(d.status_label(claim["status"]))}</span></h3>',
        _text_block("blockquote", claim["text"], claim["language"]),
    ]
    rows = [("Source", _source_html(att, art_lang)
             + (' <em class="muted">(corrected by a reviewer)</em>' if att["overridden"] else ""))]
    if d.family_text(att):
        rows.append(("Family", _names_html(att.get("family_names") or [], " ⊂ ")))
    rows.append(("Reliability grade", e(att["grade"] or "—")))
    if att.get("mention"):
        rows.append(("Mention", "“" + _bdi(att["mention"]["text"], art_lang) + "”"))
    if att.get("cue"):
        rows.append(("Cue", "“" + _bdi(att["cue"]["text"], art_lang) + "”"))
    if att.get("via"):
        rows.append(("Via", _names_html([h.get("name") or h.get("source") for h in att["via"]], " → ")))
    if claim["override"] and claim["override"].get("note"):
        rows.append(("Correction note", _bdi(claim["override"]["note"])))
    rating = claim.get("rating") or {}
    verdict = e(d.verdict_label(claim))
    if rating.get("value") is not None:
        verdict += f" (rating {e(rating['value'])} of {e(review['scale']['best'])})"
    rows.append(("Verdict", verdict))
    if claim["rationale"]:
        rows.append(("Rationale", _text_block("div", claim["rationale"], None)))
    if claim["assignee"]:
        rows.append(("Assigned to", _bdi(claim["assignee"])))
    cred = claim.get("credibility") or {}
    cls = ' class="warn"' if cred.get("same_family_only") else ""
    rows.append(("Credibility", f"<span{cls}>{e(d.credibility_text(claim.get('credibility')))}</span>"))
    out.append('<dl class="attr">' + "".join(f"<dt>{k}</dt><dd>{v}</dd>" for k, v in rows) + "</dl>")

    evidence = [ev for ev in claim["evidence"] if not ev["removed"]]
    out.append("<h4>Evidence</h4>")
    if evidence:
        out.append("<ul>")
        for ev in evidence:
            label = ev["title"] or ev["url"] or ev["doc_ref"] or "evidence"
            item = f"<em>{e(ev['stance'])}</em>: {_link(label, ev['url'])}"
            if ev["doc_ref"] and ev["doc_ref"] != label:
                item += f" ({_bdi(ev['doc_ref'])})"
            if ev["date"]:
                item += f", {e(ev['date'])}"
            if ev["quote"]:
                item += f' — <q dir="auto">{e(ev["quote"])}</q>'
            item += f' <span class="muted">— added by {e(ev["added_by"])} {e(d.short_time(ev["added_at"]))}</span>'
            out.append(f"<li>{item}</li>")
        out.append("</ul>")
    else:
        out.append('<p class="muted">None.</p>')
    for relation, heading in d.RELATION_HEADINGS:
        links = [link for link in claim["links"] if link["relation"] == relation]
        if not links:
            continue
        out.append(f"<h4>{e(heading)}</h4><ul>")
        for link in links:
            other = link["other"]
            ref = e(d.claim_ref_text(other, sha, other.get("title")))
            if other["article"] == sha:
                ref = f'<a href="#claim-{e(other["idx"])}">{ref}</a>'
            note = f" — {_bdi(link['note'])}" if link.get("note") else ""
            out.append(
                f"<li>{ref} ({_bdi(other.get('source') or '?')}): "
                f"“{_bdi(d.clip(other.get('text') or '', 160))}”{note}</li>"
            )
        out.append("</ul>")
    out.append("<h4>History</h4>")
    if history:
        out.append("<ul>")
        for ev, text in history:
            out.append(f"<li>{e(d.short_time(ev['at']))} · {e(ev['reviewer'])} · <bdi>{e(text)}</bdi></li>")
        out.append("</ul>")
    else:
        out.append('<p class="muted">None.</p>')
    out.append("</section>")
    return "\n".join(out)


def render_html(review: dict[str, Any]) -> str:
    colors = verdict_colors(review["scale"])
    history = d.History(review).by_claim()
    title = review["article"]["title"] or "untitled article"
    body = [_header(review), _summary(review, colors), '<section id="claims"><h2>Claims</h2>']
    body += [_claim(review, c, history.get(c["idx"], []), colors) for c in review["claims"]]
    body.append("</section>")
    return (
        "<!DOCTYPE html>\n"
        '<html lang="en">\n<head>\n<meta charset="utf-8">\n'
        f'<meta http-equiv="Content-Security-Policy" content="{e(CSP)}">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        f'<meta name="generator" content="factcheck {e(review["generator"]["version"])}">\n'
        f"<title>Fact-check review: {e(title)}</title>\n<style>{CSS}</style>\n</head>\n<body>\n"
        + "\n".join(body)
        + "\n</body>\n</html>\n"
    )
