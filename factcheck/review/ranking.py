"""How suggestions are offered to a reviewer: which are shown, and in what order.

Scoring lives in :mod:`factcheck.review.similarity`; this module only filters and orders:

- every list is best score first;
- a pair whose claims come from one source family is never offered as *corroboration* (CENTCOM
  repeating the Pentagon confirms nothing);
- when the reviewer is looking for a contradiction, likely contradictions come first: different
  numbers or dates for the same event, then one claim negating what the other says, then the rest
  by score.
"""

from __future__ import annotations

import re
from typing import Any, Iterable

from factcheck.text.normalize import fold

#: Words that negate or deny (folded: alef and hamza forms, case, diacritics).
NEGATIONS = frozenset(fold(w) for w in (
    "not", "no", "never", "none", "nobody", "nothing", "deny", "denies", "denied", "dismissed", "rejected",
    "false", "untrue", "n't", "without",
    "لا", "لم", "لن", "ليس", "ليست", "ما", "نفى", "نفت", "ينفي", "تنفي", "نفي", "غير", "دون", "عدم", "كذب", "كذبت",
))
_WORD = re.compile(r"\w+(?:n't)?", re.UNICODE)


def _get(s: Any, name: str) -> Any:
    return s.get(name) if isinstance(s, dict) else getattr(s, name, None)


def negates(text: str | None) -> bool:
    words = {fold(w) for w in _WORD.findall(text or "")}
    return bool(words & NEGATIONS) or "n't" in (text or "")


def contradiction_signal(s: Any) -> int:
    """2: different numbers or dates for the same event; 1: one side negates; 0: nothing."""
    reasons = _get(s, "reasons") or {}
    if reasons.get("conflicts"):
        return 2
    side_a = negates(_get(s, "text_a") or _get(s, "text")) or _get(s, "mode_a") == "denial"
    side_b = negates(_get(s, "text_b") or _get(s, "other_text")) or _get(s, "mode_b") == "denial"
    if side_a != side_b:  # (a claim is the reported content: "X denied that ..." says it in its mode)
        return 1
    return 0


def offered(s: Any) -> bool:
    """False for a suggestion to corroborate across one source family (or one source)."""
    reasons = _get(s, "reasons") or {}
    return not (_get(s, "relation") == "corroborates" and (reasons.get("same_family") or reasons.get("same_source")))


def by_score(items: Iterable[Any]) -> list[Any]:
    return sorted(items, key=lambda s: -(_get(s, "score") or 0))


def for_relation(items: Iterable[Any], relation: str) -> list[Any]:
    """The suggestions for a link dialog: for ``contradicts`` likely contradictions first; for
    ``corroborates`` the corroborating ones first, same-family pairs left out; then by score."""
    from factcheck.review import CORROBORATING

    items = [s for s in items if offered(s)]
    if relation == "contradicts":
        return sorted(items, key=lambda s: (-contradiction_signal(s), _get(s, "relation") != "contradicts",
                                            -(_get(s, "score") or 0)))
    if relation in CORROBORATING:
        reasons = lambda s: _get(s, "reasons") or {}  # noqa: E731
        items = [s for s in items if not (reasons(s).get("same_family") or reasons(s).get("same_source"))
                 or _get(s, "relation") == "same_claim"]
        return sorted(items, key=lambda s: (_get(s, "relation") not in CORROBORATING, -(_get(s, "score") or 0)))
    return by_score(items)
