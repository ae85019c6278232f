"""The language modules' intermediate result: a claim span and its attribution."""

from __future__ import annotations

from typing import NamedTuple

from factcheck.model import Attribution


class DraftClaim(NamedTuple):
    """A claim before numbering and facts: code-point offsets into the original text."""

    start: int
    end: int
    attribution: Attribution
