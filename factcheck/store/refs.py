"""Addressing articles and claims from the command line: ``7`` is article 7, ``7:5`` its claim 5."""

from __future__ import annotations

import re
from typing import Any

from sqlite_utils import Database

from factcheck.errors import InputError

_CLAIM_REF = re.compile(r"^\s*(\d+)\s*:\s*(\d+)\s*$")
#: The largest row id SQLite can store; bigger numbers cannot name anything.
MAX_ID = 2**63 - 1


def parse_id(text: str | int) -> int | None:
    """``text`` as a row id (ASCII or other decimal digits, e.g. Arabic-Indic), or ``None`` when it
    is not a plain number."""
    text = str(text).strip()
    if not text or not text.isdecimal():  # isdigit() would accept "²", which int() refuses
        return None
    return int(text)


def _lookup_id(value: int) -> int:
    """``value`` safe to bind as an SQLite INTEGER: ids too large to exist match no row."""
    return value if value <= MAX_ID else -1


def get_article(db: Database, ref: str | int) -> dict[str, Any]:
    """The article row for ``ref`` (its id), or :class:`InputError` naming what is missing."""
    text = str(ref).strip()
    article_id = parse_id(text)
    if article_id is None:
        raise InputError(f"bad article reference {ref!r}: expected a number such as 1")
    for row in db.query("SELECT * FROM articles WHERE id = ?", [_lookup_id(article_id)]):
        return row
    raise InputError(f"no article {text} (see 'factcheck articles')")


def parse_claim_ref(ref: str) -> tuple[int, int]:
    match = _CLAIM_REF.match(str(ref))
    parts = (parse_id(match.group(1)), parse_id(match.group(2))) if match else (None, None)
    if parts[0] is None or parts[1] is None:
        raise InputError(f"bad claim reference {ref!r}: expected ARTICLE:INDEX such as 1:5")
    return parts[0], parts[1]


def get_claim(db: Database, ref: str) -> dict[str, Any]:
    """The claim row for ``ARTICLE:INDEX``, or :class:`InputError` naming what is missing."""
    article_id, idx = parse_claim_ref(ref)
    rows = list(db.query("SELECT * FROM claims WHERE article_id = ? AND idx = ?",
                         [_lookup_id(article_id), _lookup_id(idx)]))
    if rows:
        return rows[0]
    if not db.execute("SELECT 1 FROM articles WHERE id = ?", [_lookup_id(article_id)]).fetchone():
        raise InputError(f"no article {article_id} (see 'factcheck articles')")
    count = db.execute("SELECT count(*) FROM claims WHERE article_id = ?", [_lookup_id(article_id)]).fetchone()[0]
    raise InputError(f"no claim {article_id}:{idx}: article {article_id} has {count} claims")


def claim_ref(row: dict[str, Any]) -> str:
    return f"{row['article_id']}:{row['idx']}"
