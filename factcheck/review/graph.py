"""Source rows as a graph: merges (``merged_into``) and the family tree (``parent_id``).

A source's *family* is its parent chain up to the top, except that a state is a container, not a
family: the chain stops below a country (CENTCOM and a Pentagon spokesperson are the family US
Department of Defense, not United States; an Iraqi ministry and the PMF are families of their own).
A state is a top-level source the registry marks ``"state": true`` (``factcheck/sources/data``).

Loaded lazily and cached per call site; a fresh :class:`SourceGraph` sees the current database.
"""

from __future__ import annotations

from typing import Any

from sqlite_utils import Database

from factcheck.review.base import fetch_all
from factcheck.sources.registry import default_registry


def is_state(row: dict[str, Any]) -> bool:
    """A top-level source the registry marks as a state (``"state": true``): a container of
    families, not one. Sources the registry does not know are never states, so their bodies stay
    one family (over-warning rather than claiming false independence)."""
    if row["parent_id"] is not None:
        return False
    entry = default_registry().get(row["key"])
    return bool(entry is not None and entry.state)


_COLUMNS = "id, key, name, kind, parent_id, role, affiliation, grade, merged_into, version, updated_at, updated_by"
_MAX_DEPTH = 32


class SourceGraph:
    def __init__(self, db: Database, *, preload: bool = False):
        self.db = db
        self._rows: dict[int, dict[str, Any]] = {}
        self._complete = False
        if preload:
            self.load_all()

    def load_all(self) -> None:
        for row in fetch_all(self.db, f"SELECT {_COLUMNS} FROM sources"):
            self._rows[row["id"]] = row
        self._complete = True

    def raw(self, source_id: int | None) -> dict[str, Any] | None:
        """The row itself, merged or not."""
        if source_id is None:
            return None
        if source_id not in self._rows and not self._complete:
            for row in fetch_all(self.db, f"SELECT {_COLUMNS} FROM sources WHERE id = ?", [source_id]):
                self._rows[row["id"]] = row
        return self._rows.get(source_id)

    def resolve(self, source_id: int | None) -> dict[str, Any] | None:
        """The source that stands for ``source_id`` now (after reviewer merges)."""
        row = self.raw(source_id)
        seen: set[int] = set()
        while row is not None and row["merged_into"] is not None and row["id"] not in seen and len(seen) < _MAX_DEPTH:
            seen.add(row["id"])
            row = self.raw(row["merged_into"]) or row
        return row

    def chain(self, source_id: int | None) -> list[dict[str, Any]]:
        """The resolved source, its parent, ... up to the family root."""
        out: list[dict[str, Any]] = []
        row = self.resolve(source_id)
        while row is not None and all(r["id"] != row["id"] for r in out) and len(out) < _MAX_DEPTH:
            out.append(row)
            row = self.resolve(row["parent_id"])
        return out

    def family(self, source_id: int | None) -> list[dict[str, Any]]:
        """:meth:`chain` without the state at its top (unless the source is the state itself)."""
        chain = self.chain(source_id)
        while len(chain) > 1 and is_state(chain[-1]):
            chain.pop()
        return chain

    def root(self, source_id: int | None) -> dict[str, Any] | None:
        """The family root: whose independence counts."""
        family = self.family(source_id)
        return family[-1] if family else None

    def all_rows(self) -> list[dict[str, Any]]:
        if not self._complete:
            self.load_all()
        return list(self._rows.values())


def brief(row: dict[str, Any] | None) -> dict[str, Any] | None:
    """``{id, key, name, kind}`` of a source row."""
    if row is None:
        return None
    return {"id": row["id"], "key": row["key"], "name": row["name"], "kind": row["kind"]}
