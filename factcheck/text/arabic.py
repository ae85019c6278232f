"""Arabic attribution (work in progress: sentences only)."""

from __future__ import annotations

from factcheck.model import Attribution
from factcheck.text.draft import DraftClaim
from factcheck.text.segment import segment


def attribute(text: str, *, registry, date=None) -> list[DraftClaim]:
    return [DraftClaim(s, e, Attribution.unattributed()) for s, e in segment(text, "ar")]
