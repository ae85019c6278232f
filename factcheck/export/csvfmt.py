"""The review as CSV: one row per claim, stable columns, UTF-8 with a BOM for spreadsheet programs.

Columns (never renamed or reordered; new ones are only appended):

=======================  ==================================================================
article_sha256           the article (sha256 of its text)
article_title            its title
idx                      the claim's 1-based position in the article
language                 ``ar`` or ``en`` (of the claim text)
text                     the claim text, exactly as in the article
source                   effective attributed source (reviewer corrections win)
source_key               its stable key
source_kind              person | organization | agency | anonymous | reports | unattributed
source_family            the family root (top of the parent chain)
source_grade             reliability grade A-F
role                     the source's role, when given
mention                  how the article names the source
cue                      the attribution cue (said, according to, قال ...)
via                      relaying sources, nearest the origin first, `` > `` between them
attribution_overridden   yes when a reviewer corrected the attribution
status                   unreviewed | in_review | reviewed | needs_follow_up
verdict                  the verdict label, empty when none
rating_value             the verdict's rating value on the scale
rationale                the reviewer's rationale
assignee                 who the claim is assigned to
credibility              information-credibility level 1-6
credibility_label        its label
independent_origins      how many independent origins corroborate the claim
same_family_only         yes when corroborated only within the source's own family
evidence                 one line per active piece of evidence: ``stance: title <url>``
corroborated_by          linked claims (``idx`` here, ``sha256:idx`` elsewhere), `` ; `` between them
contradicted_by          idem for contradicting claims
same_claim_as            idem for links marked same_claim
related_to               idem for related claims
updated_at               last change of the claim's review state
updated_by               who made it
=======================  ==================================================================

Control characters (terminal escapes such as OSC 52 or CSI, C1 controls, bidi overrides) are
shown as visible symbols (:func:`factcheck.sanitize.sanitize`), in the file and on stdout alike.
Every cell that starts with ``= + - @``, a tab or a carriage return (or their full-width forms)
is prefixed with a single quote so spreadsheet programs show it as text instead of running it.
"""

from __future__ import annotations

import csv
import io
from typing import Any

from factcheck.sanitize import sanitize

COLUMNS = (
    "article_sha256", "article_title", "idx", "language", "text",
    "source", "source_key", "source_kind", "source_family", "source_grade", "role", "mention", "cue", "via",
    "attribution_overridden", "status", "verdict", "rating_value", "rationale", "assignee",
    "credibility", "credibility_label", "independent_origins", "same_family_only",
    "evidence", "corroborated_by", "contradicted_by", "same_claim_as", "related_to",
    "updated_at", "updated_by",
)
BOM = "\ufeff"
_DANGEROUS = ("=", "+", "-", "@", "\t", "\r", "\uff1d", "\uff0b", "\uff0d", "\uff20")


def neutralise(value: Any) -> str:
    """The cell as text, defused against formula injection."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "yes" if value else "no"
    text = sanitize(str(value))  # terminal escapes (OSC 52, OSC 8, CSI) shown, never acted on
    if text.startswith(_DANGEROUS):
        return "'" + text
    return text


def _refs(claim: dict[str, Any], relation: str, sha: str) -> str:
    refs = []
    for link in claim["links"]:
        if link["relation"] == relation:
            other = link["other"]
            refs.append(str(other["idx"]) if other["article"] == sha else f"{other['article']}:{other['idx']}")
    return " ; ".join(refs)


def row_for(review: dict[str, Any], claim: dict[str, Any]) -> dict[str, Any]:
    sha = review["article"]["sha256"]
    att = claim["attribution"]
    cred = claim.get("credibility") or {}
    rating = claim.get("rating") or {}
    evidence = [
        f"{ev['stance']}: {ev['title'] or ev['doc_ref'] or ''}" + (f" <{ev['url']}>" if ev["url"] else "")
        for ev in claim["evidence"]
        if not ev["removed"]
    ]
    return {
        "article_sha256": sha,
        "article_title": review["article"]["title"],
        "idx": claim["idx"],
        "language": claim["language"],
        "text": claim["text"],
        "source": att["name"],
        "source_key": att["source"],
        "source_kind": att["kind"],
        "source_family": att["family_names"][-1] if att["family_names"] else None,
        "source_grade": att["grade"],
        "role": att["role"],
        "mention": (att.get("mention") or {}).get("text"),
        "cue": (att.get("cue") or {}).get("text"),
        "via": " > ".join(h.get("name") or h.get("source") or "?" for h in att["via"]),
        "attribution_overridden": att["overridden"],
        "status": claim["status"],
        "verdict": claim["verdict"],
        "rating_value": rating.get("value"),
        "rationale": claim["rationale"],
        "assignee": claim["assignee"],
        "credibility": cred.get("level"),
        "credibility_label": cred.get("label"),
        "independent_origins": cred.get("independent_count"),
        "same_family_only": cred.get("same_family_only") if cred else None,
        "evidence": "\n".join(evidence),
        "corroborated_by": _refs(claim, "corroborates", sha),
        "contradicted_by": _refs(claim, "contradicts", sha),
        "same_claim_as": _refs(claim, "same_claim", sha),
        "related_to": _refs(claim, "related", sha),
        "updated_at": claim["updated_at"],
        "updated_by": claim["updated_by"],
    }


def render_csv(review: dict[str, Any]) -> str:
    """The CSV text, BOM first; write it with ``encoding="utf-8", newline=""``."""
    buf = io.StringIO()
    writer = csv.writer(buf, lineterminator="\r\n")
    writer.writerow(COLUMNS)
    for claim in review["claims"]:
        row = row_for(review, claim)
        writer.writerow([neutralise(row[col]) for col in COLUMNS])
    return BOM + buf.getvalue()
