"""The engine's entry point: text in, numbered and attributed claims out."""

from __future__ import annotations

import datetime
import hashlib
import importlib
import re

from factcheck.model import Attribution, Claim, Extraction, Facts
from factcheck.text.draft import DraftClaim
from factcheck.text.normalize import detect_language
from factcheck.text.segment import segment

LANGS = ("ar", "en")


def _attribute_fn(lang: str):
    """The language module's ``attribute`` (imported lazily: each loads its own lexicon)."""
    name = {"ar": "factcheck.text.ar", "en": "factcheck.text.english"}[lang]
    try:
        module = importlib.import_module(name)
    except ModuleNotFoundError as exc:
        if exc.name != name:
            raise
        return None
    return getattr(module, "attribute", None)


def _facts_fn():
    try:
        from factcheck.text.facts import extract_facts
    except ImportError:
        return None
    return extract_facts


_CONTENT = re.compile(r"[^\W_]")  # a letter or a digit


def _with_content(drafts: list[DraftClaim], text: str, lang: str) -> list[DraftClaim]:
    """Only claims with a letter or digit ("." or "___" is not a claim).

    An article without any letter or digit keeps its claims as they are, and one whose claims
    all lack them falls back to its sentences, unattributed, so that text never yields nothing.
    """
    kept = [d for d in drafts if _CONTENT.search(text, d.start, d.end)]
    if kept or not drafts or not _CONTENT.search(text):
        return kept or drafts
    return [DraftClaim(s, e, Attribution.unattributed()) for s, e in segment(text, lang)
            if _CONTENT.search(text, s, e)]


def _clean(drafts: list[DraftClaim], text: str) -> list[DraftClaim]:
    """Sorted, within bounds, non-overlapping, non-empty, whitespace-trimmed."""
    out: list[DraftClaim] = []
    last_end = 0
    for d in sorted(drafts, key=lambda d: (d.start, d.end)):
        start, end = max(d.start, last_end, 0), min(d.end, len(text))
        while start < end and text[start].isspace():
            start += 1
        while end > start and text[end - 1].isspace():
            end -= 1
        if end <= start:
            continue
        out.append(DraftClaim(start, end, d.attribution))
        last_end = end
    return out


def extract(
    text: str,
    *,
    lang: str | None = None,
    date: datetime.date | None = None,
    registry=None,
) -> Extraction:
    """Split ``text`` into claims, each attributed (or ``Attribution.unattributed()``).

    ``lang`` None or ``"auto"`` detects the language; ``date`` (the article's date) resolves
    relative dates in facts; ``registry`` defaults to the shipped source registry.
    """
    if lang in (None, "auto"):
        lang = detect_language(text)
    if lang not in LANGS:
        raise ValueError(f"unsupported language: {lang!r} (expected one of {', '.join(LANGS)})")
    if registry is None:
        from factcheck.sources.registry import default_registry

        registry = default_registry()
    attribute = _attribute_fn(lang)
    if attribute is not None:
        drafts = attribute(text, registry=registry, date=date)
    else:  # no attribution module for this language yet: sentences, unattributed
        drafts = [DraftClaim(s, e, Attribution.unattributed()) for s, e in segment(text, lang)]
    extract_facts = _facts_fn()
    claims = []
    for i, d in enumerate(_with_content(_clean(drafts, text), text, lang), 1):
        facts = extract_facts(text, d.start, d.end, lang=lang, date=date) if extract_facts else Facts()
        claims.append(Claim(i, d.start, d.end, text[d.start : d.end], d.attribution, facts))
    sha = hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()
    return Extraction(language=lang, text=text, sha256=sha, claims=claims)
