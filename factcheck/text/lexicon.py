"""Per-language lexicons (cue verbs, frames, abbreviations ...) shipped as JSON data files."""

from __future__ import annotations

import json
from functools import lru_cache
from pathlib import Path

LEXICON_DIR = Path(__file__).resolve().parent / "lexicons"


@lru_cache(maxsize=None)
def load_lexicon(lang: str) -> dict:
    """The lexicon ``lexicons/{lang}.json`` as a dict (cached; treat it as read-only).

    A language without a lexicon file gets an empty dict, so segmentation still works.
    """
    if not lang.isalpha():
        raise ValueError(f"bad language code: {lang!r}")
    path = LEXICON_DIR / f"{lang}.json"
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        return {}
    if not isinstance(data, dict):
        raise ValueError(f"{path}: a lexicon must be a JSON object")
    return data
