"""Wording shared by the human-readable formats (Markdown, HTML): plain text, never markup."""

from __future__ import annotations

import json
import re
from typing import Any
from urllib.parse import urlsplit

LANG_NAMES = {"ar": "Arabic", "en": "English"}
RELATION_HEADINGS = (
    ("corroborates", "Corroborated by"),
    ("same_claim", "Same claim as"),
    ("contradicts", "Contradicted by"),
    ("related", "Related to"),
)


_CONTROL = re.compile("[\x00-\x08\x0b-\x0c\x0e-\x1f\x7f-\x9f]")


def inert(text: str) -> str:
    """Control characters (terminal escapes; invalid in HTML) shown as U+FFFD; newlines, tabs kept."""
    return _CONTROL.sub("\ufffd", text)


def plural(n: int, word: str) -> str:
    return f"{n} {word}{'' if n == 1 else 's'}"


def lang_label(code: str | None) -> str:
    if not code:
        return "unknown"
    return f"{LANG_NAMES.get(code, code)} ({code})"


def short_time(iso: str | None) -> str:
    """``2026-11-24T15:26:31.441605+00:00`` -> ``2026-11-24 15:26 UTC``."""
    if not iso:
        return ""
    text = str(iso)
    if "T" not in text:
        return text
    day, _, rest = text.partition("T")
    return f"{day} {rest[:5]} UTC" if rest.endswith(("+00:00", "Z")) else f"{day} {rest[:5]}"


def day(iso: str | None) -> str | None:
    return str(iso)[:10] if iso else None


def clip(text: Any, limit: int = 120) -> str:
    text = " ".join(str(text).split())
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def is_web_url(url: str | None) -> bool:
    """Only http(s) URLs become links; anything else (``javascript:``) stays text."""
    if not url:
        return False
    try:
        parts = urlsplit(url.strip())
    except ValueError:
        return False
    return parts.scheme.lower() in ("http", "https") and bool(parts.netloc)


class History:
    """Turns portable events of one review into readable one-line descriptions."""

    #: Bookkeeping fields left out of history lines.
    HIDDEN = {"id", "version", "updated_at", "updated_by", "created_at", "created_by", "added_at", "added_by",
              "claim_a", "claim_b", "claim_id", "removed", "origin"}

    def __init__(self, review: dict[str, Any]):
        self.sha = review["article"]["sha256"]
        self.events = review["events"]
        self.names = {s["key"]: s["name"] for s in review["sources"]}
        self.titles = {self.sha: review["article"].get("title")}
        for claim in review["claims"]:
            for link in claim["links"]:
                self.titles.setdefault(link["other"]["article"], link["other"].get("title"))

    def by_claim(self) -> dict[int, list[tuple[dict[str, Any], str]]]:
        """claim idx -> [(event, description)] for this article's claims, oldest first."""
        out: dict[int, list[tuple[dict[str, Any], str]]] = {}
        for ev in self.events:
            concerned = [ev.get("claim")]
            concerned += (ev.get("ref") or {}).get("link") or (ev.get("ref") or {}).get("suggestion") or []
            for row in (ev.get("before"), ev.get("after")):
                if isinstance(row, dict):
                    concerned += [row[k].get("$claim") for k in ("claim_a", "claim_b") if isinstance(row.get(k), dict)]
            idxs = {c["idx"] for c in concerned if c and c.get("article") == self.sha}
            if idxs:
                text = self.describe(ev)
                for idx in sorted(idxs):
                    out.setdefault(idx, []).append((ev, text))
        return out

    def ref(self, ref: dict[str, Any] | None) -> str:
        if not ref:
            return "a deleted claim"
        return claim_ref_text(ref, self.sha, self.titles.get(ref.get("article")))

    def value(self, value: Any) -> str:
        if isinstance(value, dict) and len(value) == 1:
            (marker, item), = value.items()
            if marker == "$source":
                return self.names.get(item, item or "?")
            if marker == "$sources":
                return " → ".join(self.names.get(k, k or "?") for k in item) or "none"
            if marker == "$claim":
                return self.ref(item)
        if value is None or value == "":
            return "—"
        if isinstance(value, (dict, list)):
            return clip(json.dumps(value, ensure_ascii=False, sort_keys=True), 80)
        return clip(value, 80)

    def diff(self, before: Any, after: Any, action: str = "") -> str:
        def visible(row: Any) -> dict[str, Any]:
            if not isinstance(row, dict):
                return {}
            return {k: v for k, v in row.items() if k not in self.HIDDEN and not k.endswith("_at")}

        b, a = visible(before), visible(after)
        changed = [k for k in dict.fromkeys([*b, *a]) if b.get(k) != a.get(k)]
        parts = []
        for key in changed:
            label = "" if len(changed) == 1 and key == action else f"{key.removesuffix('_id').replace('_', ' ')} "
            if not isinstance(before, dict):
                parts.append(f"{label}{self.value(a.get(key))}")
            elif not isinstance(after, dict):
                parts.append(f"{label}{self.value(b.get(key))} removed")
            else:
                parts.append(f"{label}{self.value(b.get(key))} → {self.value(a.get(key))}")
        return "; ".join(parts)

    def _ends(self, ev: dict[str, Any], row: dict[str, Any]) -> str:
        ref = ev.get("ref") or {}
        ends = ref.get("link") or ref.get("suggestion")
        if not ends and isinstance(row.get("claim_a"), dict) and isinstance(row.get("claim_b"), dict):
            ends = [row["claim_a"].get("$claim"), row["claim_b"].get("$claim")]
        return " ↔ ".join(self.ref(end) for end in ends) if ends else ""

    def describe(self, ev: dict[str, Any]) -> str:
        """What changed, before → after, without database ids."""
        action, before, after = ev["action"], ev.get("before"), ev.get("after")
        entity = ev.get("entity")
        if entity in ("link", "suggestion"):
            row = after if isinstance(after, dict) else before if isinstance(before, dict) else {}
            detail = " ".join(x for x in (str(row.get("relation") or "").replace("_", " "), self._ends(ev, row)) if x)
            if isinstance(before, dict) and isinstance(after, dict) and action != "undo":
                changed = self.diff(before, after)
                detail += f" ({changed})" if changed else ""
            elif row.get("note"):
                detail += f" — {clip(row['note'], 80)}"
        elif entity == "evidence":
            item = after if isinstance(after, dict) and "stance" in after else (ev.get("ref") or {}).get("evidence") or {}
            detail = " ".join(str(x) for x in (item.get("stance"), item.get("title"),
                                              item.get("url") or item.get("doc_ref")) if x)
        elif action == "override" or (action == "undo" and isinstance(after, dict) and "override" in after):
            b = before.get("override") if isinstance(before, dict) else None
            a = after.get("override") if isinstance(after, dict) else None
            if a is None:
                detail = "back to the extracted attribution"
            else:
                changed = self.diff(b, a)
                detail = "attribution corrected" + (f" ({changed})" if changed else "")
        elif action == "ingest" and isinstance(after, dict):
            detail = plural(after["claims"], "claim") if isinstance(after.get("claims"), int) else ""
        elif isinstance(before, dict) or isinstance(after, dict):
            detail = self.diff(before, after, action)
        elif before is None and after is None:
            detail = ""
        else:
            detail = f"{self.value(before)} → {self.value(after)}"
        head = action.replace("_", " ")
        if ev.get("undoes"):
            head += f" of a {ev['undoes'].get('action', 'change')} by {ev['undoes'].get('reviewer', '?')}"
        return f"{head}: {detail}" if detail else head


def via_text(att: dict[str, Any]) -> str:
    """``AFP → Reuters``: the conduits, nearest the origin first."""
    return " → ".join(h.get("name") or h.get("source") or "?" for h in att.get("via", []))


def source_text(att: dict[str, Any]) -> str:
    name = att.get("name") or att.get("source") or "?"
    if name == att.get("kind") and not att.get("role"):
        return name
    parts = [att.get("kind") or "?"]
    if att.get("role"):
        parts.append(att["role"])
    return f"{att.get('name') or att.get('source') or '?'} ({', '.join(parts)})"


def family_text(att: dict[str, Any]) -> str:
    names = att.get("family_names") or []
    return " ⊂ ".join(names) if len(names) > 1 else ""


def credibility_text(cred: dict[str, Any] | None) -> str:
    if not cred:
        return "not assessed"
    text = f"{cred.get('level')} — {cred.get('label')}"
    count = cred.get("independent_count")
    if count is not None:
        origins = cred.get("origins") or []
        text += f"; independent origins: {count}"
        if origins:
            text += f" ({', '.join(origins)})"
    if cred.get("same_family_only"):
        text += "; corroborated only by the same source family"
    return text


def verdict_label(claim: dict[str, Any]) -> str:
    return claim.get("verdict") or "no verdict"


def status_label(status: str | None) -> str:
    return (status or "unreviewed").replace("_", " ")


def claim_ref_text(ref: dict[str, Any], sha: str, title: str | None = None) -> str:
    """``claim 5`` in this article, ``claim 5 of “Other title”`` (or its sha prefix) elsewhere."""
    if ref.get("article") == sha:
        return f"claim {ref.get('idx')}"
    where = clip(title, 60) if title else str(ref.get("article") or "?")[:12]
    return f"claim {ref.get('idx')} of “{where}”"


def verdict_counts_text(verdicts: dict[str, int], unreviewed: int) -> str:
    parts = [f"{label} {n}" for label, n in verdicts.items()]
    if unreviewed:
        parts.append(f"no verdict {unreviewed}")
    return ", ".join(parts)
