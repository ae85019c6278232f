"""The PostgreSQL schema: the same tables, columns (in the same order), keys and guarantees as the
SQLite migrations of :mod:`factcheck.store.schema`, written once for PostgreSQL.

Never edit a migration that has shipped: append one to :data:`PG_MIGRATIONS` (and mirror every new
SQLite migration here, so that both backends keep one schema). Applied migrations are recorded in
``_factcheck_migrations``; a database with a migration this factcheck does not know is refused.

- text columns use the ``"C"`` collation (code point order, as SQLite's BINARY), integers are
  ``bigint``, reals ``double precision``, blobs ``bytea``;
- an ``id`` left out of an INSERT is ``max(id) + 1``, as for SQLite's INTEGER PRIMARY KEY (writers
  hold the write lock, see :mod:`factcheck.store.pg`), so explicit ids (``copy-db``) and generated
  ones mix freely;
- ``events`` is append-only: triggers refuse UPDATE, DELETE, TRUNCATE and an INSERT reusing an id
  (``INSERT ... ON CONFLICT DO UPDATE`` hits the UPDATE trigger);
- ``article_counts`` is kept by triggers, as in m203;
- full-text search: a GIN index over ``factcheck_words(text_norm)`` (the folded text, split into
  words like SQLite's unicode61 tokenizer, then ``to_tsvector('simple', ...)``);
- foreign keys are DEFERRABLE, so that a whole database can be copied in id order in one transaction.
"""

from __future__ import annotations

T = 'text COLLATE "C"'

_TABLES = f"""
CREATE TABLE articles (
    id bigint PRIMARY KEY, title {T}, outlet {T}, url {T}, language {T} NOT NULL, published {T},
    text {T} NOT NULL, sha256 {T} NOT NULL, chars bigint, source_path {T}, encoding {T},
    ingested_at {T} NOT NULL, ingested_by {T}
);
CREATE UNIQUE INDEX idx_articles_sha256 ON articles (sha256);

CREATE TABLE sources (
    id bigint PRIMARY KEY, key {T} NOT NULL, name {T} NOT NULL, kind {T} NOT NULL,
    parent_id bigint REFERENCES sources(id) DEFERRABLE, role {T}, affiliation {T}, grade {T} DEFAULT 'F',
    merged_into bigint REFERENCES sources(id) DEFERRABLE, version bigint DEFAULT 1,
    created_at {T}, updated_at {T}, updated_by {T}
);
CREATE UNIQUE INDEX idx_sources_key ON sources (key);
CREATE INDEX idx_sources_key_nocase ON sources (lower(key));

CREATE TABLE source_aliases (
    id bigint PRIMARY KEY, source_id bigint NOT NULL REFERENCES sources(id) DEFERRABLE,
    alias {T} NOT NULL, alias_norm {T} NOT NULL, lang {T}
);
CREATE UNIQUE INDEX idx_source_aliases_source_id_alias_norm ON source_aliases (source_id, alias_norm);
CREATE INDEX idx_source_aliases_alias_norm ON source_aliases (alias_norm);

CREATE TABLE claims (
    id bigint PRIMARY KEY, article_id bigint NOT NULL REFERENCES articles(id) DEFERRABLE,
    idx bigint NOT NULL, start bigint NOT NULL, "end" bigint NOT NULL, text {T} NOT NULL, text_norm {T},
    facts {T}, status {T} DEFAULT 'unreviewed', verdict {T}, rationale {T}, assignee {T},
    version bigint DEFAULT 1, updated_at {T}, updated_by {T}
);
CREATE UNIQUE INDEX idx_claims_article_id_idx ON claims (article_id, idx);

CREATE TABLE attributions (
    id bigint PRIMARY KEY, claim_id bigint NOT NULL REFERENCES claims(id) DEFERRABLE,
    source_id bigint NOT NULL REFERENCES sources(id) DEFERRABLE,
    mention_start bigint, mention_end bigint, mention_text {T}, cue_start bigint, cue_end bigint,
    cue_text {T}, role {T}, mode {T}, confidence double precision, reason {T}
);
CREATE UNIQUE INDEX idx_attributions_claim_id ON attributions (claim_id);
CREATE INDEX idx_attributions_source_id ON attributions (source_id);

CREATE TABLE attribution_via (
    id bigint PRIMARY KEY, attribution_id bigint NOT NULL REFERENCES attributions(id) DEFERRABLE,
    position bigint NOT NULL, source_id bigint NOT NULL REFERENCES sources(id) DEFERRABLE,
    mention_start bigint, mention_end bigint, mention_text {T}
);
CREATE UNIQUE INDEX idx_attribution_via_attribution_id_position ON attribution_via (attribution_id, position);

CREATE TABLE claim_overrides (
    claim_id bigint PRIMARY KEY REFERENCES claims(id) DEFERRABLE,
    source_id bigint REFERENCES sources(id) DEFERRABLE, kind {T}, role {T}, via {T}, note {T},
    version bigint DEFAULT 1, updated_at {T}, updated_by {T}
);

CREATE TABLE links (
    id bigint PRIMARY KEY, claim_a bigint NOT NULL REFERENCES claims(id) DEFERRABLE,
    claim_b bigint NOT NULL REFERENCES claims(id) DEFERRABLE, relation {T} NOT NULL, note {T},
    origin {T} DEFAULT 'reviewer', score double precision, version bigint DEFAULT 1,
    created_at {T}, created_by {T}
);
CREATE UNIQUE INDEX idx_links_claim_a_claim_b ON links (claim_a, claim_b);
CREATE INDEX idx_links_claim_b ON links (claim_b);

CREATE TABLE suggestions (
    id bigint PRIMARY KEY, claim_a bigint NOT NULL REFERENCES claims(id) DEFERRABLE,
    claim_b bigint NOT NULL REFERENCES claims(id) DEFERRABLE, relation {T} NOT NULL,
    score double precision, reasons {T}, state {T} DEFAULT 'open', decided_by {T}, decided_at {T},
    created_at {T}
);
CREATE UNIQUE INDEX idx_suggestions_claim_a_claim_b ON suggestions (claim_a, claim_b);
CREATE INDEX idx_suggestions_claim_b ON suggestions (claim_b);

CREATE TABLE evidence (
    id bigint PRIMARY KEY, claim_id bigint NOT NULL REFERENCES claims(id) DEFERRABLE, url {T},
    doc_ref {T}, title {T}, quote {T}, date {T}, stance {T} NOT NULL, added_by {T}, added_at {T},
    removed bigint DEFAULT 0, version bigint DEFAULT 1
);
CREATE INDEX idx_evidence_claim_id ON evidence (claim_id);

CREATE TABLE events (
    id bigint PRIMARY KEY, at {T} NOT NULL, reviewer {T} NOT NULL, action {T} NOT NULL,
    entity {T} NOT NULL, entity_id bigint, article_id bigint, claim_id bigint, before {T}, after {T},
    undoes bigint, origin {T}
);
CREATE INDEX idx_events_claim_id ON events (claim_id);
CREATE INDEX idx_events_article_id ON events (article_id);
CREATE INDEX idx_events_reviewer_id ON events (reviewer, id);

CREATE TABLE web_snapshots (
    id bigint PRIMARY KEY, article_id bigint NOT NULL REFERENCES articles(id) ON DELETE CASCADE DEFERRABLE,
    kind {T} NOT NULL, requested_url {T}, final_url {T}, http_status bigint, fetched_at {T} NOT NULL,
    source_path {T}, content_type {T}, charset {T}, size bigint NOT NULL, sha256 {T} NOT NULL,
    compression {T} NOT NULL, body bytea NOT NULL, meta {T}
);
CREATE INDEX web_snapshots_article ON web_snapshots (article_id);
CREATE UNIQUE INDEX web_snapshots_article_sha ON web_snapshots (article_id, sha256);

CREATE TABLE feed_items (
    id bigint PRIMARY KEY, link {T} NOT NULL UNIQUE, feed {T} NOT NULL, guid {T}, title {T},
    published {T}, article_id bigint REFERENCES articles(id) ON DELETE SET NULL DEFERRABLE,
    state {T} NOT NULL, error {T}, first_seen_at {T} NOT NULL, updated_at {T} NOT NULL
);

CREATE TABLE article_counts (
    article_id bigint PRIMARY KEY REFERENCES articles(id) ON DELETE CASCADE DEFERRABLE,
    claims bigint NOT NULL DEFAULT 0, reviewed bigint NOT NULL DEFAULT 0,
    in_review bigint NOT NULL DEFAULT 0, needs_follow_up bigint NOT NULL DEFAULT 0,
    with_verdict bigint NOT NULL DEFAULT 0
);
"""

#: Tables whose ``id`` is generated when an INSERT leaves it out.
ID_TABLES = ("articles", "sources", "source_aliases", "claims", "attributions", "attribution_via", "links",
             "suggestions", "evidence", "events", "web_snapshots", "feed_items")

_FUNCTIONS = """
-- SQLite's scalar max(a, b) / min(a, b) (the aggregates keep their one-argument form).
CREATE FUNCTION max(a bigint, b bigint) RETURNS bigint LANGUAGE sql IMMUTABLE AS 'SELECT greatest(a, b)';
CREATE FUNCTION min(a bigint, b bigint) RETURNS bigint LANGUAGE sql IMMUTABLE AS 'SELECT least(a, b)';
-- json_extract(doc, '$.key') for numeric values (the ends of a link in an event's before/after).
CREATE FUNCTION json_extract(doc text, path text) RETURNS bigint LANGUAGE sql IMMUTABLE AS
  $$SELECT CASE WHEN doc IS NULL OR doc = 'null' THEN NULL
                ELSE (doc::jsonb #>> string_to_array(substr(path, 3), '.'))::bigint END$$;

-- The words of a folded text as SQLite's unicode61 tokenizer sees them (punctuation, including
-- '_', separates words), the same whatever the server's locale: the full-text index of claims.
CREATE FUNCTION factcheck_words(t text) RETURNS tsvector LANGUAGE sql IMMUTABLE PARALLEL SAFE AS
  $$SELECT to_tsvector('simple'::regconfig, regexp_replace(coalesce(t, ''), '[!-/:-@[-`{-~«»“”‘’„…–—]+', ' ', 'g'))$$;
CREATE INDEX claims_fts ON claims USING gin (factcheck_words(text_norm));

CREATE FUNCTION factcheck_next_id() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF NEW.id IS NULL THEN
    EXECUTE format('SELECT coalesce(max(id), 0) + 1 FROM %I.%I', TG_TABLE_SCHEMA, TG_TABLE_NAME) INTO NEW.id;
  END IF;
  RETURN NEW;
END $$;

CREATE FUNCTION events_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'events are append-only';
END $$;

CREATE FUNCTION events_refuse_replace() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF NEW.id IS NOT NULL AND EXISTS (SELECT 1 FROM events WHERE id = NEW.id) THEN
    RAISE EXCEPTION 'events are append-only';
  END IF;
  RETURN NEW;
END $$;

CREATE TRIGGER events_append_only_update BEFORE UPDATE ON events
  FOR EACH ROW EXECUTE FUNCTION events_append_only();
CREATE TRIGGER events_append_only_delete BEFORE DELETE ON events
  FOR EACH ROW EXECUTE FUNCTION events_append_only();
CREATE TRIGGER events_append_only_truncate BEFORE TRUNCATE ON events
  FOR EACH STATEMENT EXECUTE FUNCTION events_append_only();
CREATE TRIGGER events_append_only_replace BEFORE INSERT ON events
  FOR EACH ROW EXECUTE FUNCTION events_refuse_replace();

CREATE FUNCTION article_counts_article() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO article_counts (article_id) VALUES (NEW.id) ON CONFLICT DO NOTHING;
  RETURN NULL;
END $$;
CREATE TRIGGER article_counts_insert_article AFTER INSERT ON articles
  FOR EACH ROW EXECUTE FUNCTION article_counts_article();

CREATE FUNCTION article_counts_claim() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP IN ('UPDATE', 'DELETE') THEN
    UPDATE article_counts SET claims = claims - 1,
      reviewed = reviewed - (OLD.status IS NOT DISTINCT FROM 'reviewed')::int,
      in_review = in_review - (OLD.status IS NOT DISTINCT FROM 'in_review')::int,
      needs_follow_up = needs_follow_up - (OLD.status IS NOT DISTINCT FROM 'needs_follow_up')::int,
      with_verdict = with_verdict - (OLD.verdict IS NOT NULL)::int
    WHERE article_id = OLD.article_id;
  END IF;
  IF TG_OP IN ('UPDATE', 'INSERT') THEN
    INSERT INTO article_counts (article_id) VALUES (NEW.article_id) ON CONFLICT DO NOTHING;
    UPDATE article_counts SET claims = claims + 1,
      reviewed = reviewed + (NEW.status IS NOT DISTINCT FROM 'reviewed')::int,
      in_review = in_review + (NEW.status IS NOT DISTINCT FROM 'in_review')::int,
      needs_follow_up = needs_follow_up + (NEW.status IS NOT DISTINCT FROM 'needs_follow_up')::int,
      with_verdict = with_verdict + (NEW.verdict IS NOT NULL)::int
    WHERE article_id = NEW.article_id;
  END IF;
  RETURN NULL;
END $$;
CREATE TRIGGER article_counts_claim AFTER INSERT OR DELETE OR UPDATE OF status, verdict, article_id ON claims
  FOR EACH ROW EXECUTE FUNCTION article_counts_claim();
"""


def _initial() -> str:
    ids = "\n".join(
        f"CREATE TRIGGER {t}_next_id BEFORE INSERT ON {t} FOR EACH ROW EXECUTE FUNCTION factcheck_next_id();"
        for t in ID_TABLES
    )
    return _TABLES + _FUNCTIONS + ids


MIGRATIONS_TABLE = "_factcheck_migrations"

def _views() -> str:
    """The shipped read views (SQLite's m401): claims with their current source, sources with counts."""
    from factcheck.store.views import PG_VIEWS

    return ";\n".join(sql.strip() for sql in PG_VIEWS.values()) + ";\n"


#: ``(name, SQL)`` in order. ``pg001_initial`` is the SQLite schema up to m203 (m001, m100, m201,
#: m202, m203, m301), ``pg002_views`` the views of m401 (its full-text part is the GIN index of
#: pg001); the names of the SQLite migrations each covers are recorded with it.
PG_MIGRATIONS: list[tuple[str, str]] = [("pg001_initial", _initial()), ("pg002_views", _views())]

#: SQLite migration names each PostgreSQL migration stands for (both lists name one schema).
COVERS = {
    "pg001_initial": ("m001_initial", "m100_engine_reason", "m301_web_snapshots_and_feeds",
                      "m201_hard_events_immutable", "m202_hard_event_origin", "m203_hard_article_counts"),
    "pg002_views": ("m401_views_and_search",),
}
