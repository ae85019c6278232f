"""Full-text search over the folded claim text (``claims.text_norm``), on either backend.

SQLite: the FTS5 table ``claims_fts`` (unicode61) with ``fts5vocab`` for document frequencies.
PostgreSQL: the GIN index over ``factcheck_words(text_norm)`` (see
:mod:`factcheck.store.pg_schema`). Callers give plain folded words; each backend builds its own
query syntax, so user input is never query syntax on either.
"""

from __future__ import annotations

import sqlite3
from typing import Any

from factcheck.store.pg import is_server
from factcheck.store.util import dumps

_VOCAB = "temp.fc_claims_vocab"
TSV = "factcheck_words(c.text_norm)"  # the expression of the index claims_fts (pg_schema)


def _fts5(word: str, prefix: bool) -> str:
    return '"' + word.replace('"', '""') + '"' + ("*" if prefix else "")


def _lexeme(word: str, prefix: bool) -> str:
    return "'" + word.replace("\\", "\\\\").replace("'", "''") + "'" + (":*" if prefix else "")


def search_expression(groups: list[list[str]], *, server: bool) -> str:
    """Every group must match (AND); within a group any word (OR); each word as a prefix."""
    term = _lexeme if server else _fts5
    ops = (" & ", " | ") if server else (" AND ", " OR ")
    parts = []
    for group in groups:
        words = [term(w, True) for w in group]
        parts.append(words[0] if len(words) == 1 else "(" + ops[1].join(words) + ")")
    return ops[0].join(parts)


def search(db: Any, groups: list[list[str]], article_id: int | None, limit: int) -> list[dict[str, Any]]:
    """Claim rows (plus ``article_title`` and ``score``, lower is better) matching ``groups``."""
    server = is_server(db)
    params: dict[str, Any] = {"match": search_expression(groups, server=server), "limit": limit}
    extra = ""
    if article_id is not None:
        extra = "AND c.article_id = :article"
        params["article"] = article_id
    if server:
        sql = f"""
            SELECT c.*, a.title AS article_title, -ts_rank({TSV}, to_tsquery('simple', :match)) AS score
            FROM claims c JOIN articles a ON a.id = c.article_id
            WHERE {TSV} @@ to_tsquery('simple', :match) {extra}
            ORDER BY score, c.article_id, c.idx LIMIT :limit
        """
    else:
        sql = f"""
            SELECT c.*, a.title AS article_title, bm25(claims_fts) AS score
            FROM claims_fts JOIN claims c ON c.id = claims_fts.rowid JOIN articles a ON a.id = c.article_id
            WHERE claims_fts MATCH :match {extra}
            ORDER BY score, c.article_id, c.idx LIMIT :limit
        """
    return list(db.query(sql, params))


def document_counts(db: Any, terms: list[str]) -> dict[str, int] | None:
    """How many claims contain each term (a whole word), or ``None`` when the index cannot say."""
    if is_server(db):
        rows = db.execute(
            f"SELECT t, (SELECT count(*) FROM claims c WHERE {TSV} @@ to_tsquery('simple', quote_literal(t)))"
            " FROM unnest(CAST(? AS text[])) AS t",
            [sorted(terms)],
        )
        return {t: n for t, n in rows}
    try:
        db.execute(f"CREATE VIRTUAL TABLE IF NOT EXISTS {_VOCAB} USING fts5vocab(main, claims_fts, row)")
    except sqlite3.OperationalError:
        return None
    return dict(db.execute(f"SELECT term, doc FROM {_VOCAB} WHERE term IN (SELECT value FROM json_each(?))",
                           [dumps(sorted(terms))]))


def any_term(db: Any, terms: list[str], *, not_article: int, limit: int) -> list[int]:
    """Ids of claims outside ``not_article`` containing any of ``terms`` (whole words), best first."""
    if is_server(db):
        query = " | ".join(_lexeme(t, False) for t in terms)
        return [r[0] for r in db.execute(
            f"SELECT c.id FROM claims c WHERE {TSV} @@ to_tsquery('simple', ?) AND c.article_id != ?"
            f" ORDER BY ts_rank({TSV}, to_tsquery('simple', ?)) DESC, c.id LIMIT ?",
            [query, not_article, query, limit],
        )]
    query = " OR ".join('"' + t.replace('"', "") + '"' for t in terms)
    try:
        return [r[0] for r in db.execute(
            "SELECT c.id FROM claims_fts JOIN claims c ON c.id = claims_fts.rowid"
            " WHERE claims_fts MATCH ? AND c.article_id != ? ORDER BY claims_fts.rank LIMIT ?",
            [query, not_article, limit],
        )]
    except sqlite3.OperationalError:
        return []
