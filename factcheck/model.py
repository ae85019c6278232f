"""Plain data shared by the engine, the store, review and export.

The engine (``factcheck.text``) produces an :class:`Extraction`; ingest stores it; export and
the TUI read it back.  Every span is a pair of code-point offsets into the ORIGINAL article
text (end exclusive) plus the text it covers, so ``original[span.start:span.end] == span.text``.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

#: Source kinds, in the order reviewers usually think of them.
KINDS = ("person", "organization", "agency", "anonymous", "reports", "unattributed")
#: How a claim is reported: quoted speech, reported speech, both, or not at all.
MODES = ("direct", "indirect", "mixed", "denial", "none")

EXTRACT_SCHEMA = "factcheck.extract/1"


@dataclass(frozen=True, slots=True)
class Span:
    start: int
    end: int
    text: str

    def to_json(self) -> dict[str, Any]:
        return {"start": self.start, "end": self.end, "text": self.text}


@dataclass(slots=True)
class SourceRef:
    """A canonical source as the engine resolved it.

    ``id`` is a stable slug: a registry id (``centcom``) or one made from the clean name of a
    source the registry does not know (``iraqi-security-sources``).
    """

    id: str
    name: str
    kind: str
    family: str | None = None  # registry id of the root of the parent chain, if known
    parent: str | None = None  # registry id of the direct parent, if known
    affiliation: str | None = None  # e.g. "Iraqi Interior Ministry" for an anonymous source
    aliases: tuple[str, ...] = ()  # surface names seen for it in this article

    def to_json(self) -> dict[str, Any]:
        out: dict[str, Any] = {"id": self.id, "name": self.name, "kind": self.kind}
        if self.family:
            out["family"] = self.family
        if self.parent:
            out["parent"] = self.parent
        if self.affiliation:
            out["affiliation"] = self.affiliation
        return out


@dataclass(slots=True)
class ViaHop:
    """A conduit the claim reached us through (AFP relaying the security sources)."""

    source: SourceRef
    mention: Span | None = None

    def to_json(self) -> dict[str, Any]:
        out = self.source.to_json()
        out["mention"] = self.mention.to_json() if self.mention else None
        return out


UNATTRIBUTED = SourceRef(id="unattributed", name="unattributed", kind="unattributed")


@dataclass(slots=True)
class Attribution:
    source: SourceRef
    mention: Span | None = None
    cue: Span | None = None
    role: str | None = None
    mode: str = "none"
    via: list[ViaHop] = field(default_factory=list)
    confidence: float = 0.0
    #: why the engine chose this source: the cue rule or pattern that fired and how the speaker
    #: was resolved, one line (``factcheck extract --explain``, the TUI detail pane)
    reason: str | None = None

    @classmethod
    def unattributed(cls) -> "Attribution":
        return cls(source=UNATTRIBUTED, mode="none", confidence=1.0)

    def to_json(self) -> dict[str, Any]:
        return {
            "source": self.source.to_json(),
            "mention": self.mention.to_json() if self.mention else None,
            "cue": self.cue.to_json() if self.cue else None,
            "role": self.role,
            "mode": self.mode,
            "via": [hop.to_json() for hop in self.via],
            "confidence": round(self.confidence, 3),
            "reason": self.reason,
        }


@dataclass(slots=True)
class Facts:
    """Matchable facts of a claim (see ``factcheck.text.facts``).

    numbers:  {"value": 8, "text": "ثمانية", "start": .., "end": .., "unit": "soldier"|None}
    dates:    {"text": .., "start": .., "end": .., "iso": "2023-11-21"|None, "month": 11|None,
               "day": 21|None, "weekday": "tuesday"|None}
    entities: {"text": .., "start": .., "end": .., "key": "ain al-asad", "type": "place"|"thing"|..}
    """

    numbers: list[dict[str, Any]] = field(default_factory=list)
    dates: list[dict[str, Any]] = field(default_factory=list)
    entities: list[dict[str, Any]] = field(default_factory=list)

    def to_json(self) -> dict[str, Any]:
        return {"numbers": self.numbers, "dates": self.dates, "entities": self.entities}



@dataclass(slots=True)
class Claim:
    index: int  # 1-based, article order
    start: int
    end: int
    text: str
    attribution: Attribution
    facts: Facts = field(default_factory=Facts)

    def to_json(self) -> dict[str, Any]:
        return {
            "id": self.index,
            "start": self.start,
            "end": self.end,
            "text": self.text,
            "attribution": self.attribution.to_json(),
            "facts": self.facts.to_json(),
        }


@dataclass(slots=True)
class Extraction:
    language: str
    text: str
    sha256: str
    claims: list[Claim]

    def to_json(self) -> dict[str, Any]:
        return {
            "schema": EXTRACT_SCHEMA,
            "article": {"language": self.language, "chars": len(self.text), "sha256": self.sha256},
            "claims": [c.to_json() for c in self.claims],
        }
