"""Browsing the database in Datasette: titles, descriptions and search settings (``metadata``).

``factcheck datasette`` writes this metadata beside nothing (a temporary file) and starts
``datasette serve`` on the database; ``factcheck datasette --metadata`` prints it for a
deployment of your own. Datasette is optional (``pip install 'factcheck[datasette]'``).

The claims table's own search (``_search=``) finds both spellings, because ``claims_fts`` holds the
stored and the folded text (migration m401); so does the ``claims_current`` view, which is
searchable through the same index.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

DESCRIPTIONS: dict[str, tuple[str, str]] = {
    "articles": ("Articles", "Every ingested article with its exact text, outlet, URL and date."),
    "claims": ("Claims (as extracted)", "Claims with status, verdict and rationale. Search finds the natural "
               "spelling (الأسد) and the folded one (الاسد). For the source a reader should see, use "
               "claims_current."),
    "claims_current": ("Claims with their current source", "Each claim with the source after reviewer "
                       "corrections and merges, its kind, conduits (via), status, verdict and article."),
    "sources": ("Sources", "Canonical sources (people, organisations, agencies...), with grades, parents and "
                "merges. Search by name, role or affiliation."),
    "sources_summary": ("Sources with counts", "Sources not merged away, with their parent and how many claims, "
                        "reviewed claims, claims with a verdict and articles each has."),
    "source_current": ("Merged sources resolved", "Each source id with the id of the source that stands for it "
                       "now."),
    "source_aliases": ("Source aliases", "Every spelling a source was seen under, raw and folded."),
    "attributions": ("Attributions (as extracted)", "The engine's record of who said each claim: mention, cue, "
                     "role, mode and confidence. Never edited: corrections are in claim_overrides."),
    "attribution_via": ("Conduits", "Who relayed each attribution, origin side first."),
    "claim_overrides": ("Reviewer corrections", "A reviewer's corrected source, kind, role or conduits."),
    "links": ("Links between claims", "corroborates, contradicts, same_claim or related."),
    "suggestions": ("Suggested links", "Ranked suggestions and what reviewers decided about them."),
    "evidence": ("Evidence", "URLs, documents and quotes attached to claims (removed items are kept, marked)."),
    "events": ("Audit trail", "Every change, append-only, with before and after."),
}

#: Tables a reader rarely wants (search indexes, counters, snapshots) are hidden in Datasette.
HIDDEN = ("article_counts", "web_snapshots", "_sqlite_migrations")


def metadata(db_name: str) -> dict[str, Any]:
    """Datasette metadata for a factcheck database that Datasette names ``db_name`` (the file stem)."""
    tables: dict[str, Any] = {}
    for name, (title, description) in DESCRIPTIONS.items():
        tables[name] = {"title": title, "description": description}
    tables["claims"].update(fts_table="claims_fts", fts_pk="id", sort_desc="id")
    tables["claims_current"].update(fts_table="claims_fts", fts_pk="claim_id")
    tables["sources"].update(fts_table="sources_fts", fts_pk="id")
    tables["source_aliases"].update(fts_table="source_aliases_fts", fts_pk="id")
    tables["sources_summary"].update(sort_desc="claims")
    for name in HIDDEN:
        tables[name] = {"hidden": True}
    return {
        "title": "factcheck",
        "description": "Claims extracted from news articles, their sources and their review.",
        "databases": {db_name: {"title": f"factcheck: {db_name}", "tables": tables}},
    }


def db_name(path: str | Path) -> str:
    """The name Datasette gives a database file."""
    return Path(path).stem


__all__ = ["DESCRIPTIONS", "HIDDEN", "db_name", "metadata"]
