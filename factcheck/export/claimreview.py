"""The review as schema.org ``ClaimReview`` JSON-LD, one per claim that carries a verdict.

``{"@context": "https://schema.org", "@graph": [ClaimReview, ...]}``. The reviewing organisation
(``author``) is required: ``--org-name``/``--org-url`` or ``FACTCHECK_ORG_NAME``/``FACTCHECK_ORG_URL``.
Each review's ``url`` is the published report (``--review-url``, else the organisation's URL) with
the report's own ``#claim-N`` anchor.
"""

from __future__ import annotations

import json
from typing import Any

from factcheck.errors import InputError
from factcheck.export.display import day, is_web_url
from factcheck.sanitize import json_text

CONTEXT = "https://schema.org"
PERSON_KINDS = ("person", "anonymous")
UNNAMED_KINDS = ("unattributed", "reports")


def check_org(org_name: str | None, org_url: str | None, review_url: str | None = None) -> tuple[str, str, str]:
    name = (org_name or "").strip()
    url = (org_url or "").strip()
    if not name or not url:
        raise InputError(
            "ClaimReview needs the reviewing organisation: --org-name and --org-url "
            "(or FACTCHECK_ORG_NAME and FACTCHECK_ORG_URL)"
        )
    base = (review_url or "").strip() or url
    for label, value in (("organisation URL", url), ("review URL", base)):
        if not is_web_url(value) or any(ch.isspace() for ch in value):
            raise InputError(f"bad {label} {value!r}: expected an http or https URL")
    return name, url, base


def _article(art: dict[str, Any]) -> dict[str, Any]:
    url = art.get("url") if is_web_url(art.get("url")) else None  # never a javascript: or file: link
    node: dict[str, Any] = {"@type": "NewsArticle" if url else "CreativeWork"}
    if url:
        node["url"] = url.strip()
    if art.get("title"):
        node["headline"] = art["title"]
    if art.get("published"):
        node["datePublished"] = art["published"]
    if art.get("language"):
        node["inLanguage"] = art["language"]
    if art.get("outlet"):
        node["publisher"] = {"@type": "Organization", "name": art["outlet"]}
    return node


def _author(att: dict[str, Any], art: dict[str, Any]) -> dict[str, Any] | None:
    """The attributed source. A claim with no named source ("reports", unattributed) is the relaying
    agency's when there is one, else the outlet's own; ``None`` when neither is known."""
    kind = att.get("kind")
    if kind in UNNAMED_KINDS or not att.get("name"):
        via = att.get("via") or []
        if via:
            return {"@type": "Organization", "name": via[0].get("name") or via[0].get("source")}
        return {"@type": "Organization", "name": art["outlet"]} if art.get("outlet") else None
    node: dict[str, Any] = {"@type": "Person" if kind in PERSON_KINDS else "Organization", "name": att["name"]}
    if node["@type"] == "Person":
        if att.get("role"):
            node["jobTitle"] = att["role"]
        if att.get("affiliation"):
            node["affiliation"] = {"@type": "Organization", "name": att["affiliation"]}
    return node


def verdict_days(review: dict[str, Any]) -> dict[int, str]:
    """claim idx -> day of its latest verdict decision (from the history)."""
    sha = review["article"]["sha256"]
    days: dict[int, str] = {}
    for ev in review["events"]:
        ref, after = ev.get("claim") or {}, ev.get("after")
        if ref.get("article") == sha and isinstance(after, dict) and "verdict" in after:
            days[ref["idx"]] = day(ev["at"])
    return days


def claim_review(review: dict[str, Any], claim: dict[str, Any], org: dict[str, Any], base_url: str,
                 published: str | None = None) -> dict[str, Any]:
    art = review["article"]
    scale = review["scale"]
    rating_entry = claim.get("rating") or {}
    rating: dict[str, Any] = {
        "@type": "Rating",
        "bestRating": scale["best"],
        "worstRating": scale["worst"],
        "alternateName": rating_entry.get("alternate_name") or claim["verdict"],
    }
    if rating_entry.get("value") is not None:
        rating["ratingValue"] = rating_entry["value"]
    appearance = [_article(art)]
    for hop in claim["attribution"].get("via", []):
        appearance.append(
            {
                "@type": "CreativeWork",
                "publisher": {"@type": "Organization", "name": hop.get("name") or hop.get("source")},
                "description": f"relayed by {hop.get('name') or hop.get('source')}",
            }
        )
    item: dict[str, Any] = {"@type": "Claim"}
    author = _author(claim["attribution"], art)
    if author:
        item["author"] = author
    if art.get("published"):
        item["datePublished"] = art["published"]
    item["appearance"] = appearance
    item["firstAppearance"] = appearance[0]
    node: dict[str, Any] = {
        "@type": "ClaimReview",
        "url": f"{base_url}#claim-{claim['idx']}",
        "claimReviewed": claim["text"],
        "itemReviewed": item,
        "author": org,
        "reviewRating": rating,
        "inLanguage": claim["language"],
    }
    published = published or day(claim["updated_at"])
    if published:
        node["datePublished"] = published
    if claim.get("rationale"):
        node["reviewBody"] = claim["rationale"]
    return node


def render_claimreview(
    review: dict[str, Any], *, org_name: str | None, org_url: str | None, review_url: str | None = None
) -> str:
    name, url, base = check_org(org_name, org_url, review_url)
    org = {"@type": "Organization", "name": name, "url": url}
    days = verdict_days(review)
    graph = [claim_review(review, c, org, base, days.get(c["idx"])) for c in review["claims"] if c.get("verdict")]
    return json_text({"@context": CONTEXT, "@graph": graph}, indent=2) + "\n"
