"""Source rows: creating them from engine :class:`SourceRef`s and finding them by name.

A source's ``key`` is the engine's stable slug (a registry id or one made from the clean name).
``ensure_source`` also creates the registry parents (CENTCOM -> Department of Defense) and records
every surface name as an alias; alias look-ups use ``fold_name`` so spelling variants meet.
Sources a reviewer merged away (``merged_into``) resolve to the source they were merged into.
"""

from __future__ import annotations

import re
from typing import Any

from sqlite_utils import Database

from factcheck.model import SourceRef
from factcheck.store.refs import MAX_ID, parse_id
from factcheck.store.util import now_iso
from factcheck.text.normalize import fold_name

_ARABIC = re.compile("[\u0600-\u06ff]")
#: Minimum rapidfuzz ratio (0-100) for a fuzzy alias match in :func:`find_source`.
FUZZY_CUTOFF = 88
_MAX_DEPTH = 20


def _lang_of(text: str) -> str:
    return "ar" if _ARABIC.search(text) else "en"


def _row(db: Database, source_id: int) -> dict[str, Any] | None:
    rows = list(db.query("SELECT * FROM sources WHERE id = ?", [source_id]))
    return rows[0] if rows else None


def surviving(db: Database, source_id: int) -> int:
    """Follow ``merged_into`` to the source that now stands for ``source_id``."""
    seen = set()
    while source_id not in seen and len(seen) < _MAX_DEPTH:
        seen.add(source_id)
        row = db.execute("SELECT merged_into FROM sources WHERE id = ?", [source_id]).fetchone()
        if not row or row[0] is None:
            break
        source_id = row[0]
    return source_id


def add_alias(db: Database, source_id: int, alias: str, lang: str | None = None) -> None:
    """Record ``alias`` for the source unless an alias with the same folded form exists."""
    alias = " ".join((alias or "").split())
    norm = fold_name(alias)
    if not alias or not norm:
        return
    db.execute(
        "INSERT OR IGNORE INTO source_aliases (source_id, alias, alias_norm, lang) VALUES (?, ?, ?, ?)",
        [source_id, alias, norm, lang or _lang_of(alias)],
    )


def _entry_aliases(entry: Any) -> list[tuple[str, str]]:
    out = []
    for lang, names in (getattr(entry, "aliases", None) or {}).items():
        for name in names or ():
            out.append((name, lang))
    return out


def ensure_source(db: Database, ref: SourceRef, registry: Any = None, *, reviewer: str | None = None,
                  _depth: int = 0) -> int:
    """The id of the source row for ``ref``, creating it (and its registry parents) if needed.

    Existing rows gain any new aliases from ``ref.aliases``. Call inside ``db.atomic()`` when it is
    part of a larger write.
    """
    found = db.execute("SELECT id FROM sources WHERE key = ?", [ref.id]).fetchone()
    entry = registry.get(ref.id) if registry is not None else None
    if entry is not None and entry.id != ref.id:  # get() also matches names: only the same id counts
        entry = None
    if found:
        source_id = found[0]
    else:
        parent_id = None
        parent_key = ref.parent or (entry.parent if entry is not None else None)
        if parent_key and parent_key != ref.id and registry is not None and _depth < _MAX_DEPTH:
            parent = registry.get(parent_key)
            if parent is not None:
                parent_id = ensure_source(db, registry.source_ref(parent), registry, reviewer=reviewer,
                                          _depth=_depth + 1)
        now = now_iso()
        source_id = db["sources"].insert(
            {
                "key": ref.id,
                "name": ref.name,
                "kind": ref.kind,
                "parent_id": parent_id,
                "role": getattr(entry, "role", None) if entry is not None else None,
                "affiliation": ref.affiliation,
                "grade": "F",
                "version": 1,
                "created_at": now,
                "updated_at": now,
                "updated_by": reviewer,
            }
        ).last_pk
        add_alias(db, source_id, ref.name)
        for alias, lang in _entry_aliases(entry):
            add_alias(db, source_id, alias, lang)
    for alias in ref.aliases:
        add_alias(db, source_id, alias)
    return surviving(db, source_id)


def find_source(db: Database, name_or_key: str | int, registry: Any = None) -> dict[str, Any] | None:
    """A source row by id (``#12`` or ``12``), exact key, folded alias, the registry's resolution of
    the name (when ``registry`` is given: ``البنتاغون`` finds the stored ``us-dod``), then fuzzy alias.

    Merged-away sources resolve to the source they were merged into. ``None`` when nothing fits.
    """
    query = str(name_or_key).strip()
    if not query:
        return None
    number = parse_id(query[1:] if query.startswith("#") else query)
    if number is not None:
        row = _row(db, number) if number <= MAX_ID else None
        if row is not None:
            return _row(db, surviving(db, row["id"]))
    found = db.execute("SELECT id FROM sources WHERE key = ? COLLATE NOCASE", [query]).fetchone()
    if found:
        return _row(db, surviving(db, found[0]))
    norm = fold_name(query)
    if not norm:
        return None
    found = db.execute(
        "SELECT source_id FROM source_aliases WHERE alias_norm = ? ORDER BY source_id LIMIT 1", [norm]
    ).fetchone()
    if found:
        return _row(db, surviving(db, found[0]))
    if registry is not None:
        entry = registry.resolve(query, _lang_of(query))
        found = db.execute("SELECT id FROM sources WHERE key = ?", [entry.id]).fetchone() if entry else None
        if found:
            return _row(db, surviving(db, found[0]))
    return _fuzzy(db, norm)


def _fuzzy(db: Database, norm: str) -> dict[str, Any] | None:
    from rapidfuzz import fuzz

    best: tuple[float, int] | None = None
    for source_id, alias_norm in db.execute("SELECT source_id, alias_norm FROM source_aliases"):
        shorter, longer = sorted((len(norm), len(alias_norm)))
        if longer == 0 or shorter / longer < 0.6:  # length guard: "UN" must not match "UNICEF"
            continue
        score = fuzz.ratio(norm, alias_norm)
        if score >= FUZZY_CUTOFF and (best is None or score > best[0]):
            best = (score, source_id)
    return _row(db, surviving(db, best[1])) if best else None
