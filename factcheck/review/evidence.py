"""Evidence attached to a claim: a URL or document reference with stance. Never deleted, only
marked ``removed``."""

from __future__ import annotations

import re

import datetime as dt
from typing import Any
from urllib.parse import urlsplit

from sqlite_utils import Database

from factcheck.errors import InputError
from factcheck.review import STANCES
from factcheck.review.base import (
    check_reviewer,
    check_version,
    claim_ref,
    fetch_all,
    fetch_one,
    insert_row,
    load_claim,
    normalise_choice,
    record_event,
    update_row,
    write_tx,
)
from factcheck.store.util import now_iso


_HOST = re.compile(r"^(?:www\.)?[\w-]+(?:\.[\w-]+)*\.[^\W\d_]{2,}(?::\d+)?(?:[/?#]\S*)?$")
_FILE_SUFFIXES = ("pdf", "doc", "docx", "xls", "xlsx", "csv", "txt", "jpg", "jpeg", "png", "gif", "mp4", "mp3", "zip")


def with_scheme(text: str | None) -> str | None:
    """``https://`` + ``text`` when it is a web address typed without its scheme
    (``www.example.org/page``, ``example.org/x``); None otherwise (``report.pdf`` is a file)."""
    text = (text or "").strip()
    if not text or "://" in text or any(c.isspace() for c in text) or not _HOST.match(text):
        return None
    host = re.split(r"[/?#:]", text, maxsplit=1)[0]
    if "/" not in text and host.rsplit(".", 1)[-1].lower() in _FILE_SUFFIXES:
        return None
    return "https://" + text


def check_url(url: str) -> str:
    url = url.strip()
    parts = urlsplit(url)
    if parts.scheme.lower() not in ("http", "https") or not parts.netloc or any(c.isspace() for c in url):
        offer = with_scheme(url)
        hint = f" (did you mean {offer}?)" if offer else ""
        raise InputError(f"bad evidence URL {url!r}: expected an http:// or https:// address{hint}")
    return url


def check_date(value: str) -> str:
    """``YYYY-MM-DD``, ``YYYY-MM`` or ``YYYY``."""
    text = value.strip()
    for fmt, size in (("%Y-%m-%d", 10), ("%Y-%m", 7), ("%Y", 4)):
        if len(text) == size:
            try:
                dt.datetime.strptime(text, fmt)
                return text
            except ValueError:
                break
    raise InputError(f"bad evidence date {value!r}: expected YYYY-MM-DD, YYYY-MM or YYYY")


def _clean(value: str | None) -> str | None:
    return (value or "").strip() or None


def add_evidence(
    db: Database,
    claim_id: int | str,
    *,
    stance: str,
    reviewer: str,
    url: str | None = None,
    doc_ref: str | None = None,
    title: str | None = None,
    quote: str | None = None,
    date: str | None = None,
) -> dict[str, Any]:
    """Attach evidence (a URL and/or a document reference is required); returns the row."""
    reviewer = check_reviewer(reviewer)
    stance = normalise_choice(stance, STANCES, "stance")
    url = check_url(url) if _clean(url) else None
    doc_ref = _clean(doc_ref)
    if not url and not doc_ref:
        raise InputError("evidence needs a URL or a document reference")
    row = {
        "url": url,
        "doc_ref": doc_ref,
        "title": _clean(title),
        "quote": _clean(quote),
        "date": check_date(date) if _clean(date) else None,
        "stance": stance,
        "added_by": reviewer,
        "added_at": now_iso(),
        "removed": 0,
        "version": 1,
    }
    with write_tx(db):
        claim = load_claim(db, claim_id)
        row = {"claim_id": claim["id"], **row}
        row = {"id": insert_row(db, "evidence", row), **row}
        record_event(
            db,
            reviewer=reviewer,
            action="evidence",
            entity="evidence",
            entity_id=row["id"],
            article_id=claim["article_id"],
            claim_id=claim["id"],
            before=None,
            after=row,
        )
        return row


def set_removed(
    db: Database, evidence_id: int, removed: bool, *, reviewer: str, expected_version: int | None = None
) -> dict[str, Any]:
    reviewer = check_reviewer(reviewer)
    with write_tx(db):
        row = fetch_one(db, "SELECT * FROM evidence WHERE id = ?", [evidence_id])
        if row is None:
            raise InputError(f"no evidence #{evidence_id}")
        claim = load_claim(db, row["claim_id"])
        check_version(db, f"evidence #{evidence_id} of claim {claim_ref(claim)}", "evidence", row, expected_version)
        if bool(row["removed"]) == removed:
            return row
        update_row(db, "evidence", "id", evidence_id, {"removed": int(removed)})
        record_event(
            db,
            reviewer=reviewer,
            action="evidence_removed" if removed else "evidence_restored",
            entity="evidence",
            entity_id=evidence_id,
            article_id=claim["article_id"],
            claim_id=claim["id"],
            before={"removed": row["removed"], "version": row["version"]},
            after={"removed": int(removed), "version": row["version"] + 1},
        )
        return {**row, "removed": int(removed), "version": row["version"] + 1}


def remove_evidence(db: Database, evidence_id: int, *, reviewer: str, expected_version: int | None = None):
    return set_removed(db, evidence_id, True, reviewer=reviewer, expected_version=expected_version)


def evidence_for(db: Database, claim_id: int | str, *, include_removed: bool = False) -> list[dict[str, Any]]:
    claim = load_claim(db, claim_id)
    sql = "SELECT * FROM evidence WHERE claim_id = ?" + ("" if include_removed else " AND removed = 0")
    return fetch_all(db, sql + " ORDER BY id", [claim["id"]])
