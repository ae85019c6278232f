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

CONTEXT = "https://schema.org"
PERSON_KINDS = ("person", "anonymous")


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
        if not is_web_url(value):
            raise InputError(f"bad {label} {value!r}: expected an http or https URL")
    return name, url, base


def _article(art: dict[str, Any]) -> dict[str, Any]:
    node: dict[str, Any] = {"@type": "NewsArticle" if art.get("url") else "CreativeWork"}
    if art.get("url"):
        node["url"] = art["url"]
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
    """The attributed source; an unattributed claim is the outlet's own."""
    kind = att.get("kind")
    if kind == "unattributed" or not att.get("name"):
        return {"@type": "Organization", "name": art["outlet"]} if art.get("outlet") else None
    node: dict[str, Any] = {"@type": "Person" if kind in PERSON_KINDS else "Organization", "name": att["name"]}
    if att.get("role") and node["@type"] == "Person":
        node["jobTitle"] = att["role"]
    return node


def _verdict_date(review: dict[str, Any], claim: dict[str, Any]) -> str | None:
    """The day of the latest verdict decision, else of the claim's last change."""
    sha = review["article"]["sha256"]
    latest = None
    for ev in review["events"]:
        ref = ev.get("claim") or {}
        after = ev.get("after")
        if (isinstance(after, dict) and "verdict" in after and ref.get("article") == sha
                and ref.get("idx") == claim["idx"]):
            latest = ev["at"]
    return day(latest or claim["updated_at"])


def claim_review(review: dict[str, Any], claim: dict[str, Any], org: dict[str, Any], base_url: str) -> dict[str, Any]:
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
    published = _verdict_date(review, claim)
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
    graph = [claim_review(review, c, org, base) for c in review["claims"] if c.get("verdict")]
    return json.dumps({"@context": CONTEXT, "@graph": graph}, ensure_ascii=False, indent=2) + "\n"
