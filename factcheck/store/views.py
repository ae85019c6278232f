"""Shipped SQL views and full-text indexes for reading the database with other tools (Datasette,
``sqlite3``, notebooks) and for the CLI's filtered listings.

Created by migration ``m401_views_and_search`` (:mod:`factcheck.store.schema`). The SQL here is
what that migration ran: a later change is a new migration that drops and re-creates a view.

Views:

* ``source_current`` — every source id with the id of the source that stands for it now
  (``merged_into`` followed to its end).
* ``claims_current`` — every claim with its *current* source: the reviewer's correction
  (``claim_overrides``) where there is one, else the extracted attribution, followed through
  merges; with status, verdict, assignee and the article's title and language.
* ``sources_summary`` — sources that were not merged away, with their parent, alias and claim
  counts (claims by current source), reviewed claims and claims with a verdict.

Full-text search: ``claims_fts`` indexes both the stored text (natural spelling: ``الأسد``) and
the folded text (``الاسد``), so a search in either spelling finds the claim, in factcheck and in
Datasette's own ``_search`` on the claims table; ``sources_fts`` indexes source names, roles and
affiliations, ``source_aliases_fts`` every alias (raw and folded).
"""

from __future__ import annotations

from sqlite_utils import Database

#: Hops of ``merged_into`` followed at most (a cycle cannot loop forever).
MAX_MERGE_DEPTH = 32

SOURCE_CURRENT = f"""
CREATE VIEW source_current AS
WITH RECURSIVE hop(id, cur, depth) AS (
    SELECT id, merged_into, 1 FROM sources WHERE merged_into IS NOT NULL
    UNION ALL
    SELECT hop.id, s.merged_into, hop.depth + 1 FROM hop JOIN sources s ON s.id = hop.cur
    WHERE s.merged_into IS NOT NULL AND hop.depth < {MAX_MERGE_DEPTH}
)
SELECT s.id AS source_id,
       coalesce((SELECT h.cur FROM hop h WHERE h.id = s.id ORDER BY h.depth DESC LIMIT 1), s.id) AS current_id
FROM sources s
"""

# The SQL is the same on SQLite and PostgreSQL but for joining the conduits' names.
_VIA_SQLITE = """(SELECT group_concat(name, ' / ') FROM (
            SELECT vs.name AS name FROM attribution_via v
            JOIN source_current vc ON vc.source_id = v.source_id JOIN sources vs ON vs.id = vc.current_id
            WHERE v.attribution_id = at.id ORDER BY v.position))"""
_VIA_PG = """(SELECT string_agg(vs.name, ' / ' ORDER BY v.position) FROM attribution_via v
            JOIN source_current vc ON vc.source_id = v.source_id JOIN sources vs ON vs.id = vc.current_id
            WHERE v.attribution_id = at.id)"""

_CLAIMS_CURRENT = """
CREATE VIEW claims_current AS
SELECT c.id AS claim_id,
       c.article_id || ':' || c.idx AS ref,
       c.article_id, c.idx, c.text,
       coalesce(c.status, 'unreviewed') AS status, c.verdict, c.assignee,
       cur.id AS source_id, cur.key AS source_key, cur.name AS source_name,
       coalesce(o.kind, cur.kind) AS source_kind,
       coalesce(o.role, at.role) AS role,
       at.mention_text, at.cue_text, at.mode,
       (o.claim_id IS NOT NULL AND (o.source_id IS NOT NULL OR o.kind IS NOT NULL)) AS overridden,
       at.source_id AS extracted_source_id,
       {via} AS via,
       a.title AS article_title, a.language, a.outlet, a.published,
       c.updated_at, c.updated_by
FROM claims c
JOIN articles a ON a.id = c.article_id
LEFT JOIN attributions at ON at.claim_id = c.id
LEFT JOIN claim_overrides o ON o.claim_id = c.id
LEFT JOIN source_current sc ON sc.source_id = coalesce(o.source_id, at.source_id)
LEFT JOIN sources cur ON cur.id = sc.current_id
"""
CLAIMS_CURRENT = _CLAIMS_CURRENT.format(via=_VIA_SQLITE)

SOURCES_SUMMARY = """
CREATE VIEW sources_summary AS
SELECT s.id AS source_id, s.key, s.name, s.kind, s.grade, s.role, s.affiliation,
       p.name AS parent,
       (SELECT count(*) FROM source_aliases sa WHERE sa.source_id = s.id) AS aliases,
       count(cc.claim_id) AS claims,
       coalesce(sum(CASE WHEN cc.status = 'reviewed' THEN 1 ELSE 0 END), 0) AS reviewed,
       coalesce(sum(CASE WHEN cc.verdict IS NOT NULL THEN 1 ELSE 0 END), 0) AS with_verdict,
       count(DISTINCT cc.article_id) AS articles
FROM sources s
LEFT JOIN sources p ON p.id = s.parent_id
LEFT JOIN claims_current cc ON cc.source_id = s.id
WHERE s.merged_into IS NULL
GROUP BY s.id, s.key, s.name, s.kind, s.grade, s.role, s.affiliation, p.name
"""

VIEWS = {"source_current": SOURCE_CURRENT, "claims_current": CLAIMS_CURRENT, "sources_summary": SOURCES_SUMMARY}
#: The same views in PostgreSQL's dialect (migration pg002 of :mod:`factcheck.store.pg_schema`).
PG_VIEWS = {**VIEWS, "claims_current": _CLAIMS_CURRENT.format(via=_VIA_PG)}


def _fts(db: Database, table: str, columns: list[str]) -> None:
    """An external-content FTS5 index on ``table`` kept by triggers, replacing any earlier one.

    Statement by statement (sqlite-utils' ``enable_fts`` runs scripts, which commit): the
    migration stays one transaction.
    """
    fts = f"{table}_fts"
    for suffix in ("_ai", "_ad", "_au"):
        db.execute(f"DROP TRIGGER IF EXISTS [{table}{suffix}]")
    db.execute(f"DROP TABLE IF EXISTS [{fts}]")
    cols = ", ".join(f"[{c}]" for c in columns)
    old = ", ".join(f"old.[{c}]" for c in columns)
    new = ", ".join(f"new.[{c}]" for c in columns)
    db.execute(f"CREATE VIRTUAL TABLE [{fts}] USING FTS5 ({cols}, tokenize='unicode61', content=[{table}])")
    db.execute(f"INSERT INTO [{fts}] (rowid, {cols}) SELECT rowid, {cols} FROM [{table}]")
    db.execute(f"CREATE TRIGGER [{table}_ai] AFTER INSERT ON [{table}] BEGIN "
               f"INSERT INTO [{fts}] (rowid, {cols}) VALUES (new.rowid, {new}); END")
    db.execute(f"CREATE TRIGGER [{table}_ad] AFTER DELETE ON [{table}] BEGIN "
               f"INSERT INTO [{fts}] ([{fts}], rowid, {cols}) VALUES ('delete', old.rowid, {old}); END")
    db.execute(f"CREATE TRIGGER [{table}_au] AFTER UPDATE ON [{table}] BEGIN "
               f"INSERT INTO [{fts}] ([{fts}], rowid, {cols}) VALUES ('delete', old.rowid, {old}); "
               f"INSERT INTO [{fts}] (rowid, {cols}) VALUES (new.rowid, {new}); END")


def install_m401(db: Database) -> None:
    """What migration m401 does: both spellings in the claims index, source indexes, the views."""
    _fts(db, "claims", ["text", "text_norm"])  # m001 indexed the folded text only
    _fts(db, "sources", ["name", "role", "affiliation"])
    _fts(db, "source_aliases", ["alias", "alias_norm"])
    for sql in VIEWS.values():
        db.execute(sql)


__all__ = ["CLAIMS_CURRENT", "PG_VIEWS", "SOURCES_SUMMARY", "SOURCE_CURRENT", "VIEWS", "install_m401"]
