"""The verdict scale: labels reviewers give claims, with ClaimReview rating values.

Shipped as data (``factcheck/review/data/verdicts.json``); ``$FACTCHECK_VERDICTS`` may name another
file of the same shape to use an organisation's own scale.
"""

from __future__ import annotations

import json
import os
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from factcheck.errors import FactcheckError, InputError

DEFAULT_PATH = Path(__file__).parent / "data" / "verdicts.json"


@dataclass(frozen=True, slots=True)
class Verdict:
    label: str
    value: int | None  # ClaimReview ratingValue; None when the verdict rates nothing
    alternate_name: str
    description: str = ""
    glyph: str = "•"
    color: str = "default"


@dataclass(frozen=True, slots=True)
class VerdictScale:
    name: str
    verdicts: tuple[Verdict, ...]  # best first
    best: int
    worst: int

    @property
    def labels(self) -> tuple[str, ...]:
        return tuple(v.label for v in self.verdicts)

    @property
    def alternate_name(self) -> dict[str, str]:
        return {v.label: v.alternate_name for v in self.verdicts}

    def get(self, label: str | None) -> Verdict | None:
        """The verdict with this exact label, or None."""
        for verdict in self.verdicts:
            if verdict.label == label:
                return verdict
        return None

    def parse(self, text: str) -> Verdict:
        """The verdict a user meant (case, ``-``/``_`` and spacing ignored), or InputError."""
        wanted = " ".join(str(text).strip().lower().replace("_", " ").replace("-", " ").split())
        for verdict in self.verdicts:
            if verdict.label.lower() == wanted:
                return verdict
        raise InputError(f"unknown verdict {text!r}; valid: {', '.join(self.labels)}")


def _build(data: dict, origin: str) -> VerdictScale:
    try:
        verdicts = tuple(
            Verdict(
                label=item["label"],
                value=item.get("value"),
                alternate_name=item.get("alternate_name") or item["label"].capitalize(),
                description=item.get("description", ""),
                glyph=item.get("glyph", "•"),
                color=item.get("color", "default"),
            )
            for item in data["verdicts"]
        )
        scale = VerdictScale(name=data.get("name", origin), verdicts=verdicts, best=int(data["best"]),
                             worst=int(data["worst"]))
    except (KeyError, TypeError, ValueError) as exc:
        raise FactcheckError(f"verdict scale {origin} is malformed: {exc}") from None
    if not verdicts or len(set(scale.labels)) != len(verdicts):
        raise FactcheckError(f"verdict scale {origin} needs distinct labels")
    lo, hi = sorted((scale.worst, scale.best))
    for verdict in verdicts:
        if verdict.value is not None and not lo <= verdict.value <= hi:
            raise FactcheckError(f"verdict scale {origin}: {verdict.label!r} is outside {scale.worst}..{scale.best}")
    return scale


@lru_cache(maxsize=8)
def _load(path: str) -> VerdictScale:
    try:
        data = json.loads(Path(path).read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise FactcheckError(f"cannot read verdict scale {path}: {exc}") from None
    return _build(data, path)


def load_scale(path: str | os.PathLike[str] | None = None) -> VerdictScale:
    """The verdict scale from ``path``, ``$FACTCHECK_VERDICTS`` or the shipped default."""
    from factcheck.config import settings

    chosen = path or settings().get("verdicts") or DEFAULT_PATH
    return _load(str(chosen))
