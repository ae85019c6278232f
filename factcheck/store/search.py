"""Filtered claim listings and search across articles, over the ``claims_current`` view (m401).

Used by ``factcheck search`` and ``factcheck claims`` with filters. The source of a claim is its
current one (a reviewer's correction, followed through merges), as in every other listing.
Values are checked by the caller (status names, verdict labels); here they are matched exactly.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from sqlite_utils import Database

from factcheck.store import fulltext
from factcheck.store.pg import is_server
from factcheck.store.queries import _groups
from factcheck.text.normalize import fold, fold_name

#: The ``--verdict`` value meaning "no verdict yet".
NO_VERDICT = "none"


@dataclass(frozen=True, slots=True)
class ClaimFilter:
    """What a listing keeps: every field ``None`` keeps everything."""

    article_id: int | None = None
    status: str | None = None
    verdict: str | None = None  # a label, or NO_VERDICT
    source_ids: tuple[int, ...] | None = None  # current source ids (see :func:`find_sources`)
    kind: str | None = None


def find_sources(db: Database, text: str) -> tuple[int, ...]:
    """Current ids of the sources ``text`` names: an id, a key, or words of a name or alias
    (folded, so spelling variants and case meet; every word must occur)."""
    text = (text or "").strip()
    if text.isdigit():
        ids = [int(text)]
    else:
        wanted = fold_name(text) or fold(text)
        words = wanted.split()
        ids = [row[0] for row in db.execute("SELECT id FROM sources WHERE key = ?", [text])]
        names: dict[int, list[str]] = {}
        for sid, name in db.execute("SELECT id, name FROM sources"):
            names.setdefault(sid, []).append(fold(name or ""))
        for sid, alias_norm in db.execute("SELECT source_id, alias_norm FROM source_aliases"):
            names.setdefault(sid, []).append(alias_norm or "")
        for sid, forms in names.items():
            if words and any(all(w in form for w in words) for form in forms):
                ids.append(sid)
    if not ids:
        return ()
    rows = db.execute(
        "SELECT DISTINCT current_id FROM source_current WHERE source_id IN (SELECT value FROM json_each(?))",
        [f"[{','.join(str(i) for i in ids)}]"],
    )
    return tuple(sorted(r[0] for r in rows))


def _where(flt: ClaimFilter, params: dict[str, Any]) -> str:
    clauses = []
    if flt.article_id is not None:
        clauses.append("cc.article_id = :article")
        params["article"] = flt.article_id
    if flt.status is not None:
        clauses.append("cc.status = :status")
        params["status"] = flt.status
    if flt.verdict == NO_VERDICT:
        clauses.append("cc.verdict IS NULL")
    elif flt.verdict is not None:
        clauses.append("cc.verdict = :verdict")
        params["verdict"] = flt.verdict
    if flt.source_ids is not None:
        # integers only, written out: the same SQL on SQLite and PostgreSQL
        clauses.append("cc.source_id IN (" + (",".join(str(int(i)) for i in flt.source_ids) or "NULL") + ")")
    if flt.kind is not None:
        clauses.append("cc.source_kind = :kind")
        params["kind"] = flt.kind
    return " AND ".join(clauses)


def _rows(db: Database, sql: str, params: dict[str, Any]) -> list[dict[str, Any]]:
    rows = list(db.query(sql, params))
    for row in rows:
        row["overridden"] = bool(row["overridden"])
    return rows


def filter_claims(db: Database, flt: ClaimFilter = ClaimFilter(), *, limit: int | None = None) -> list[dict[str, Any]]:
    """Claims (rows of ``claims_current``) kept by ``flt``, in article and claim order."""
    params: dict[str, Any] = {}
    where = _where(flt, params)
    sql = "SELECT cc.* FROM claims_current cc" + (f" WHERE {where}" if where else "") + " ORDER BY cc.article_id, cc.idx"
    if limit is not None:
        sql += " LIMIT :limit"
        params["limit"] = limit
    return _rows(db, sql, params)


def search(db: Database, query: str, flt: ClaimFilter = ClaimFilter(), *, limit: int = 100) -> list[dict[str, Any]]:
    """Claims whose text has every word of ``query`` (folded: Arabic spelling variants and joined
    proclitics meet, Latin case does not matter), kept by ``flt``, best match first.

    Each row is a row of ``claims_current`` plus ``score`` (bm25, lower is better).
    """
    groups = _groups(query)
    if not groups:
        return []
    params: dict[str, Any] = {"limit": limit}
    where = _where(flt, params)
    if is_server(db):  # the GIN index over the folded text (pg_schema); higher ts_rank is better
        params["match"] = fulltext.search_expression(groups, server=True)
        tsv = fulltext.TSV
        sql = (
            f"SELECT cc.*, -ts_rank({tsv}, to_tsquery('simple', :match)) AS score FROM claims c"
            " JOIN claims_current cc ON cc.claim_id = c.id"
            f" WHERE {tsv} @@ to_tsquery('simple', :match)" + (f" AND {where}" if where else "")
            + " ORDER BY score, cc.article_id, cc.idx LIMIT :limit"
        )
        return _rows(db, sql, params)
    params["match"] = "{text_norm} : (" + fulltext.search_expression(groups, server=False) + ")"
    sql = (
        "SELECT cc.*, bm25(claims_fts) AS score FROM claims_fts JOIN claims_current cc ON cc.claim_id = claims_fts.rowid "
        "WHERE claims_fts MATCH :match" + (f" AND {where}" if where else "")
        + " ORDER BY score, cc.article_id, cc.idx LIMIT :limit"
    )
    return _rows(db, sql, params)


def current_source_names(db: Database) -> list[str]:
    """Names of the sources not merged away, sorted (completion in the attribution form)."""
    return sorted({r[0] for r in db.execute("SELECT name FROM sources WHERE merged_into IS NULL")})


def claim_ref_of(db: Database, claim_id: int) -> str | None:
    """``ARTICLE:IDX`` of a claim id, or None when the claim is gone."""
    row = db.execute("SELECT article_id, idx FROM claims WHERE id = ?", [claim_id]).fetchone()
    return f"{row[0]}:{row[1]}" if row else None


__all__ = ["NO_VERDICT", "ClaimFilter", "claim_ref_of", "current_source_names", "filter_claims", "find_sources",
           "search"]
