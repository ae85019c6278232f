"""Wording shared by the human-readable formats (Markdown, HTML): plain text, never markup."""

from __future__ import annotations

import json
from typing import Any
from urllib.parse import urlsplit

LANG_NAMES = {"ar": "Arabic", "en": "English"}
STANCE_LABELS = {"supports": "supports", "refutes": "refutes", "context": "context"}
RELATION_HEADINGS = (
    ("corroborates", "Corroborated by"),
    ("same_claim", "Same claim as"),
    ("contradicts", "Contradicted by"),
    ("related", "Related to"),
)


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


def _value(value: Any) -> str:
    if value is None or value == "":
        return "—"
    if isinstance(value, (dict, list)):
        return clip(json.dumps(value, ensure_ascii=False, sort_keys=True), 80)
    return clip(value, 80)


#: Bookkeeping fields left out of history lines (database ids mean nothing in a report).
_HIDDEN = {"id", "version", "updated_at", "updated_by", "created_at", "created_by", "added_at", "added_by",
           "claim_a", "claim_b", "source_id", "via", "removed"}


def _visible(value: Any) -> dict[str, Any]:
    if not isinstance(value, dict):
        return {}
    return {k: v for k, v in value.items() if k not in _HIDDEN and not k.endswith("_id")}


def _diff(before: Any, after: Any) -> str:
    b, a = _visible(before), _visible(after)
    parts = []
    for key in dict.fromkeys([*b, *a]):
        if b.get(key) == a.get(key):
            continue
        if not isinstance(before, dict):
            parts.append(f"{key} {_value(a.get(key))}")
        elif not isinstance(after, dict):
            parts.append(f"{key} {_value(b.get(key))} removed")
        else:
            parts.append(f"{key} {_value(b.get(key))} → {_value(a.get(key))}")
    return "; ".join(parts)


def _link_ends(ev: dict[str, Any], sha: str | None) -> str:
    ends = (ev.get("ref") or {}).get("link") or (ev.get("ref") or {}).get("suggestion")
    if not ends:
        return ""
    return " ↔ ".join(claim_ref_text(end, sha or "") for end in ends)


def describe_event(ev: dict[str, Any], sha: str | None = None) -> str:
    """One line for the history: what changed, before -> after (no database ids)."""
    action, before, after = ev["action"], ev.get("before"), ev.get("after")
    entity = ev.get("entity")
    if entity in ("link", "suggestion"):
        row = after if isinstance(after, dict) else before if isinstance(before, dict) else {}
        ends = _link_ends(ev, sha)
        detail = " ".join(x for x in (row.get("relation"), ends) if x)
        if isinstance(before, dict) and isinstance(after, dict):
            changed = _diff(before, after)
            detail += f" ({changed})" if changed else ""
        elif row.get("note"):
            detail += f" — {clip(row['note'], 80)}"
        if isinstance(after, dict) and after.get("state"):
            detail += f" — {after['state']}"
    elif entity == "evidence" and isinstance(after, dict) and not isinstance(before, dict):
        detail = " ".join(
            str(x) for x in (after.get("stance"), after.get("title"), after.get("url") or after.get("doc_ref")) if x
        )
    elif action == "override":
        b = (before or {}).get("override") if isinstance(before, dict) else None
        a = (after or {}).get("override") if isinstance(after, dict) else None
        if a is None:
            detail = "back to the extracted attribution"
        else:
            detail = "attribution corrected" + (f" ({_diff(b, a)})" if _diff(b, a) else "")
    elif action == "ingest" and isinstance(after, dict):
        detail = f"{after.get('claims')} claims" if after.get("claims") is not None else ""
    elif isinstance(before, dict) or isinstance(after, dict):
        detail = _diff(before, after)
    elif before is None and after is None:
        detail = ""
    else:
        detail = f"{_value(before)} → {_value(after)}"
    head = action.replace("_", " ") + (" (undo)" if ev.get("undoes") else "")
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
