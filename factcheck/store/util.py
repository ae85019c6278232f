"""Small helpers shared by the store, review and ingest modules."""

from __future__ import annotations

import json
from datetime import datetime, timezone
from typing import Any


def now_iso() -> str:
    """The current UTC time, ISO 8601 with microseconds (sortable, unique enough for audit)."""
    return datetime.now(timezone.utc).isoformat(timespec="microseconds")


def dumps(value: Any) -> str | None:
    """JSON for a TEXT column (``None`` stays NULL); non-ASCII kept readable."""
    if value is None:
        return None
    return json.dumps(value, ensure_ascii=False, sort_keys=True)


def loads(value: str | None, default: Any = None) -> Any:
    if value is None or value == "":
        return default
    return json.loads(value)
