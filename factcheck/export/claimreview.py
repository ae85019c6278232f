"""The review as schema.org ``ClaimReview`` JSON-LD, one per claim that carries a verdict.

``{"@context": "https://schema.org", "@graph": [ClaimReview, ...]}``. The markup says no more than the
database does (ClaimReview rich results left Google search in 2025; fact-check aggregators still read it):

- ``author`` is the reviewing organisation, required: ``--org-name``/``--org-url``, ``org.name`` /
  ``org.url`` in the config file, or ``FACTCHECK_ORG_NAME``/``FACTCHECK_ORG_URL``.
- ``url`` is the published report with its ``#claim-N`` anchor, only when the report's address is
  known (``--review-url``, ``org.review_url``, ``FACTCHECK_REVIEW_URL``); it is never made up.
- ``claimReviewed`` reads on its own: the speaker, then the reported content without the
  complementiser ("CENTCOM: Its forces struck ..." rather than "that its forces struck ...").
- ``itemReviewed.author`` is the named source; an unnamed (anonymous) source is no ``Person``, so it
  gets no author. ``appearance`` is the article, with its URL when the article has one.
- The rating's ``alternateName`` never claims more independence than the links and evidence show:
  "Corroborated by independent sources" needs two independent confirmations.

:func:`publish_warnings` lists what a reviewer should know before publishing; the CLI and the app
show it at export.
"""

from __future__ import annotations

import json
import re
from typing import Any

from factcheck.errors import InputError
from factcheck.export.display import day, is_web_url
from factcheck.sanitize import json_text

CONTEXT = "https://schema.org"
UNNAMED_KINDS = ("unattributed", "reports")
#: Verdict labels whose published name claims independent confirmation.
INDEPENDENT_VERDICTS = ("corroborated",)

_LEAD_EN = re.compile(r"^\s*(?:that|saying that|saying)\s+", re.IGNORECASE)
_LEAD_AR = re.compile(r"^\s*(?:ب|و|ف)?(?:أنّ|أن|إنّ|إن|ان)(?=\s|ه|ها|هم|هن|هما|نا|ني|ك|كم)")
_AR_PRONOUN = {"ه": "", "ها": "", "هم": "هم", "هن": "هن", "هما": "هما", "نا": "نحن", "ني": "أنا"}


def check_org(org_name: str | None, org_url: str | None, review_url: str | None = None) -> tuple[str, str, str | None]:
    """(name, url, review url or None); the settings fill in what the caller leaves out."""
    from factcheck.config import settings

    conf = settings()
    name = (conf.get("org.name", org_name) or "").strip()
    url = (conf.get("org.url", org_url) or "").strip()
    if not name or not url:
        raise InputError(
            "ClaimReview needs the reviewing organisation: --org-name and --org-url "
            "(or 'factcheck config set org.name NAME' and 'factcheck config set org.url URL')"
        )
    base = (conf.get("org.review_url", review_url) or "").strip() or None
    for label, value in (("organisation URL", url), ("review URL", base)):
        if value is not None and (not is_web_url(value) or any(ch.isspace() for ch in value)):
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
    agency's when there is one, else the outlet's own; an anonymous source has no author (it is not a
    ``Person`` called "a source close to ..."); ``None`` when nothing is known."""
    kind = att.get("kind")
    if kind == "anonymous":
        return None
    if kind in UNNAMED_KINDS or not att.get("name"):
        via = att.get("via") or []
        if via:
            return {"@type": "Organization", "name": via[0].get("name") or via[0].get("source")}
        return {"@type": "Organization", "name": art["outlet"]} if art.get("outlet") else None
    node: dict[str, Any] = {"@type": "Person" if kind == "person" else "Organization", "name": att["name"]}
    if node["@type"] == "Person":
        if att.get("role"):
            node["jobTitle"] = att["role"]
        if att.get("affiliation"):
            node["affiliation"] = {"@type": "Organization", "name": att["affiliation"]}
    return node


def content(text: str, language: str | None = None) -> str:
    """The reported content without its complementiser: "that its forces struck" -> "Its forces
    struck"; "أن قواتها قصفت" -> "قواتها قصفت"; "أنه سيزور" -> "سيزور" (the speaker is the subject)."""
    text = " ".join((text or "").split())
    match = _LEAD_AR.match(text)
    if match:
        rest = text[match.end():]
        for suffix in sorted(_AR_PRONOUN, key=len, reverse=True):
            if rest.startswith(suffix) and (len(rest) == len(suffix) or rest[len(suffix)] == " "):
                return (_AR_PRONOUN[suffix] + rest[len(suffix):]).strip() or text
        return rest.strip() or text
    match = _LEAD_EN.match(text)
    if match and len(text) > match.end():
        rest = text[match.end():]
        return rest[0].upper() + rest[1:]
    return text


def speaker(att: dict[str, Any], language: str | None = None) -> str | None:
    """Who says it, as a reader would name them; ``None`` for the writer's own narration."""
    kind = att.get("kind")
    if kind == "unattributed" or not att.get("name"):
        return None
    via = [h.get("name") or h.get("source") for h in att.get("via") or [] if h.get("name") or h.get("source")]
    if kind == "reports":
        name = "reports" if language != "ar" else "تقارير"
    else:
        mention = (att.get("mention") or {}).get("text") if isinstance(att.get("mention"), dict) else None
        name = mention if language == "ar" and mention else att["name"]
    if via:
        name += f" (via {', '.join(via)})" if language != "ar" else f" (عبر {'، '.join(via)})"
    return name


def claim_reviewed(claim: dict[str, Any]) -> str:
    """The claim as a standalone sentence: ``"CENTCOM: Its forces struck two facilities ..."``."""
    lang = claim.get("language")
    body = content(claim["text"], lang)
    who = speaker(claim.get("attribution") or {}, lang)
    return f"{who}: {body}" if who else body


def confirmations(claim: dict[str, Any]) -> tuple[int, int, bool]:
    """(independent origins, supporting evidence items, corroborated only within the family)."""
    cred = claim.get("credibility") or {}
    evidence = sum(1 for e in claim.get("evidence") or [] if e.get("stance") == "supports" and not e.get("removed"))
    return int(cred.get("independent_count") or 0), evidence, bool(cred.get("same_family_only"))


def honest_label(claim: dict[str, Any]) -> tuple[str, str | None]:
    """(the rating's alternateName, a warning when it had to say less than the verdict's own label)."""
    entry = claim.get("rating") or {}
    label = entry.get("alternate_name") or claim["verdict"]
    if claim.get("verdict") not in INDEPENDENT_VERDICTS and "independent" not in label.lower():
        return label, None
    origins, evidence, family = confirmations(claim)
    total = origins + (1 if evidence else 0)
    if total >= 2:
        return label, None
    if origins == 1:
        honest = "Corroborated by one independent source"
    elif evidence:
        honest = "Corroborated by supporting evidence"
    elif family:
        honest = "Corroborated only within the source's own family"
    else:
        honest = "Corroborated; independence not established"
    return honest, (f"rated {claim['verdict']!r} with {origins} independent origin{'' if origins == 1 else 's'}"
                    f"{' and supporting evidence' if evidence else ''}; published as {honest!r}")


def publish_warnings(review: dict[str, Any], *, review_url: str | None = None, article: Any = None) -> list[str]:
    """What the published markup cannot say as the verdicts do, one line each, by claim
    (``article``: its number, to name claims ``ARTICLE:INDEX``)."""
    prefix = f"{article}:" if article is not None else ""
    out = []
    art = review["article"]
    rated = [c for c in review["claims"] if c.get("verdict")]
    if rated and not is_web_url(art.get("url")):
        out.append("the article has no URL (ingest --url): 'appearance' cannot point to it")
    if rated and not review_url:
        out.append("no review URL (--review-url or org.review_url): the ClaimReviews carry no 'url'")
    for claim in rated:
        _, warning = honest_label(claim)
        if warning:
            out.append(f"claim {prefix}{claim['idx']}: {warning}")
        from factcheck.review.independence import verdict_mismatch

        level = (claim.get("credibility") or {}).get("level")
        mismatch = verdict_mismatch(claim["verdict"], level)
        if mismatch:
            out.append(f"claim {prefix}{claim['idx']}: {mismatch}")
    return out


def verdict_days(review: dict[str, Any]) -> dict[int, str]:
    """claim idx -> day of its latest verdict decision (from the history)."""
    sha = review["article"]["sha256"]
    days: dict[int, str] = {}
    for ev in review["events"]:
        ref, after = ev.get("claim") or {}, ev.get("after")
        if ref.get("article") == sha and isinstance(after, dict) and "verdict" in after:
            days[ref["idx"]] = day(ev["at"])
    return days


def claim_review(review: dict[str, Any], claim: dict[str, Any], org: dict[str, Any], base_url: str | None,
                 published: str | None = None) -> dict[str, Any]:
    art = review["article"]
    scale = review["scale"]
    rating_entry = claim.get("rating") or {}
    rating: dict[str, Any] = {
        "@type": "Rating",
        "bestRating": scale["best"],
        "worstRating": scale["worst"],
        "alternateName": honest_label(claim)[0],
    }
    if rating_entry.get("value") is not None:
        rating["ratingValue"] = rating_entry["value"]
    appearance = [_article(art)]
    item: dict[str, Any] = {"@type": "Claim"}
    author = _author(claim["attribution"], art)
    if author:
        item["author"] = author
    if art.get("published"):
        item["datePublished"] = art["published"]
    item["appearance"] = appearance
    item["firstAppearance"] = appearance[0]
    node: dict[str, Any] = {"@type": "ClaimReview"}
    if base_url:
        node["url"] = f"{base_url}#claim-{claim['idx']}"
    node.update({
        "claimReviewed": claim_reviewed(claim),
        "itemReviewed": item,
        "author": org,
        "reviewRating": rating,
        "inLanguage": claim["language"],
    })
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
