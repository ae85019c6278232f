"""How alike two claims are, and whether they agree: the scoring behind link suggestions.

Pure functions over :class:`Profile` (no database). Words are folded, function words and reporting
vocabulary dropped (``data/matching.json``), lightly stemmed (Arabic: Larkey's light10 prefixes and
suffixes, plus one-letter proclitics; English: plural, -ed/-ing, final e/y) and weighted by rarity
(BM25 idf) in the pool of claims compared; the source's own name and mention are left out. The score
mixes that weighted overlap and rapidfuzz's token-sort ratio with shared facts (entity keys, numbers
of the same event or unit, dates, from ``factcheck.text.facts``) and, inside one article, a claim
pointing back at the event of a claim just before it ("this attack") or naming as known a rare
thing a neighbour just introduced ("the car" after "a car").

Relation: ``contradicts`` when both are about one event but give different numbers for the same
event or unit (one killed vs two killed) or different dates; ``same_claim``/``related`` when both
come from the same source; ``corroborates`` when they share the event and score high enough; else
``related``. Suggestions only: reviewers decide.
"""

from __future__ import annotations

import json
import math
import re
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any, Iterable

from rapidfuzz import fuzz

from factcheck.text.normalize import fold

_DATA = Path(__file__).parent / "data" / "matching.json"
_WORD = re.compile(r"[^\W_]+")

_AR_WAW = "و"
_AR_PROCLITICS = "بلكف"  # bi-, li-, ka-, fa- glued to a word (stripped when 4+ letters remain)
_AR_ARTICLES = ("وال", "بال", "كال", "فال", "لل", "ال")
_AR_SUFFIXES = ("ها", "ان", "ات", "ون", "ين", "يه", "ه", "ي")

#: Minimum score for a suggestion at all, and for it to be offered as corroboration.
MIN_SCORE = 0.35
CORROBORATE_SCORE = 0.35
#: Claims this close in one article count as near (a claim refers back to one of these).
NEAR = 3


@lru_cache(maxsize=1)
def _matching() -> dict[str, Any]:
    data = json.loads(_DATA.read_text(encoding="utf-8"))
    stop = {lang: frozenset(fold(w) for w in words) for lang, words in data["stopwords"].items()}
    stop = {lang: words | {stem(w, lang) for w in words} for lang, words in stop.items()}
    demo = {lang: frozenset(fold(w) for w in words) for lang, words in data["demonstratives"].items()}
    return {"stop": stop, "demonstratives": demo}


def stem(word: str, lang: str) -> str:
    """Light stem of a folded word."""
    if lang == "ar":
        if word.startswith(_AR_WAW) and len(word) >= 4:
            word = word[1:]
        for prefix in _AR_ARTICLES:
            if word.startswith(prefix) and len(word) - len(prefix) >= 2:
                word = word[len(prefix):]
                break
        else:
            if word[:1] in _AR_PROCLITICS and len(word) >= 5:
                word = word[1:]
        for suffix in _AR_SUFFIXES:
            if word.endswith(suffix) and len(word) - len(suffix) >= 2:
                word = word[: -len(suffix)]
        return word
    if len(word) <= 3 or not word.isalpha():
        return word
    if word.endswith("ies") and len(word) > 4:
        word = word[:-3] + "y"
    elif word.endswith("s") and not word.endswith(("ss", "us", "is")):
        word = word[:-1]
    for suffix in ("ing", "ed"):
        if word.endswith(suffix) and len(word) - len(suffix) >= 4:
            word = word[: -len(suffix)]
            break
    if word.endswith(("e", "y")) and len(word) >= 5:
        word = word[:-1]
    return word


def words(text: str, lang: str) -> list[tuple[str, str]]:
    """(folded word, stem) pairs of the content words of ``text``, in order."""
    stop = _matching()["stop"].get(lang, frozenset())
    out = []
    for token in _WORD.findall(fold(text)):
        if token in stop:
            continue
        root = stem(token, lang)
        if root in stop or (len(root) < 2 and not root.isdigit()):
            continue
        out.append((token, root))
    return out


def anaphors(text: str, lang: str) -> frozenset[str]:
    """Stems of the words that follow a demonstrative ("this attack" -> attack)."""
    demo = _matching()["demonstratives"].get(lang, frozenset())
    stop = _matching()["stop"].get(lang, frozenset())
    tokens = _WORD.findall(fold(text))
    out = set()
    for i, token in enumerate(tokens[:-1]):
        if token in demo:
            nxt = tokens[i + 1]
            if nxt not in stop:
                out.add(stem(nxt, lang))
    return frozenset(out)


def definites(text: str, lang: str) -> frozenset[str]:
    """Stems of definite nouns ("the car", السيارة): what a claim may refer back to."""
    stop = _matching()["stop"].get(lang, frozenset())
    tokens = _WORD.findall(fold(text))
    if lang == "ar":
        found = [t for t in tokens if t.startswith(_AR_ARTICLES) and t not in stop]
    else:
        found = [nxt for t, nxt in zip(tokens, tokens[1:]) if t == "the" and nxt not in stop]
    return frozenset(stem(t, lang) for t in found)


@dataclass(slots=True)
class Profile:
    """What the matcher knows about a claim."""

    claim_id: int
    article_id: int
    idx: int
    lang: str
    stems: frozenset[str]
    stem_text: str
    surface: dict[str, str] = field(default_factory=dict)  # stem -> first word it came from
    anaphors: frozenset[str] = frozenset()
    definites: frozenset[str] = frozenset()
    entities: dict[str, str] = field(default_factory=dict)  # key -> type
    numbers: frozenset[tuple[float, str | None]] = frozenset()  # (value, quantity)
    dates: frozenset[str] = frozenset()
    source_id: int | None = None
    root_id: Any = None  # family root of the origin when known


def _date_keys(dates: Iterable[dict[str, Any]]) -> frozenset[str]:
    keys = set()
    for d in dates:
        if d.get("iso"):
            keys.add(f"iso:{d['iso']}")
        elif d.get("month") and d.get("day"):
            keys.add(f"md:{d['month']}-{d['day']}")
        elif d.get("weekday"):
            keys.add(f"wd:{d['weekday']}")
    return frozenset(keys)


def _quantity(number: dict[str, Any]) -> str | None:
    """What a number counts, for comparing reports: the event ("killed") when known, else the unit."""
    return number.get("event") or number.get("unit") or None


def make_profile(
    claim: dict[str, Any], lang: str, facts: dict[str, Any] | None, *, source_id=None, root_id=None,
    exclude: str = "",
) -> Profile:
    """``claim``: a claims row (id, article_id, idx, text_norm or text). Words of ``exclude`` (the
    source's name and mention, the cue) are left out."""
    text = claim.get("text_norm") or claim.get("text") or ""
    dropped = {s for _, s in words(exclude, lang)} if exclude else set()
    pairs = [(w, s) for w, s in words(text, lang) if s not in dropped]
    facts = facts or {}
    numbers = set()
    for n in facts.get("numbers", ()):
        try:
            numbers.add((float(n["value"]), _quantity(n)))
        except (KeyError, TypeError, ValueError):
            continue
    return Profile(
        claim_id=claim["id"],
        article_id=claim["article_id"],
        idx=claim["idx"],
        lang=lang,
        stems=frozenset(s for _, s in pairs),
        stem_text=" ".join(s for _, s in pairs),
        surface={s: w for w, s in reversed(pairs)},
        anaphors=anaphors(text, lang),
        definites=definites(text, lang),
        entities={e["key"]: e.get("type") or "thing" for e in facts.get("entities", ()) if e.get("key")},
        numbers=frozenset(numbers),
        dates=_date_keys(facts.get("dates", ())),
        source_id=source_id,
        root_id=root_id,
    )


@dataclass(slots=True)
class PairScore:
    score: float
    relation: str
    reasons: dict[str, Any]


class Scorer:
    """Scores pairs of profiles, weighting words and entities by how rare they are in ``pool``."""

    def __init__(self, pool: Iterable[Profile]):
        pool = list(pool)
        self.total = max(len(pool), 1)
        self._counts: dict[str, int] = {}
        self._entity_counts: dict[str, int] = {}
        for p in pool:
            for s in p.stems:
                self._counts[s] = self._counts.get(s, 0) + 1
            for key in p.entities:
                self._entity_counts[key] = self._entity_counts.get(key, 0) + 1
        self._idf: dict[str, float] = {}
        self._weight: dict[int, float] = {}  # claim id -> sum of its words' idf

    def weight(self, p: Profile) -> float:
        """The summed idf of ``p``'s words (computed once per claim, not once per pair)."""
        value = self._weight.get(p.claim_id)
        if value is None:
            value = self._weight[p.claim_id] = sum(self.idf(s) for s in p.stems)
        return value

    def _df(self, s: str) -> int:
        return self._counts.get(s, 1)

    def idf(self, s: str) -> float:
        """BM25's idf: words in most claims weigh almost nothing."""
        value = self._idf.get(s)
        if value is None:
            df = min(max(self._df(s), 1), self.total)
            value = self._idf[s] = math.log(1 + (self.total - df + 0.5) / (df + 0.5))
        return value

    def specific(self, s: str) -> bool:
        """A word rare enough to tie two claims to one event (in at most a quarter of the pool)."""
        return self._df(s) <= max(2, self.total // 4)

    def _entity_weight(self, key: str) -> float:
        share = self._entity_counts.get(key, 1) / self.total
        return 0.25 if share <= 0.25 or self.total < 4 else 0.1 if share <= 0.5 else 0.03

    def score(self, a: Profile, b: Profile, *, refers: list[str] | None = None) -> PairScore:
        """How alike ``a`` and ``b`` are (0..1), the relation to suggest, and why.

        ``refers``: the words by which the later claim points back at the earlier one ("this
        attack"), as found by :func:`antecedents`; None to look at this pair alone.
        """
        reasons: dict[str, Any] = {}
        shared = a.stems & b.stems
        wa, wb = self.weight(a), self.weight(b)
        overlap = sum(self.idf(s) for s in shared) / math.sqrt(wa * wb) if wa and wb else 0.0
        ratio = fuzz.token_sort_ratio(a.stem_text, b.stem_text) / 100 if a.stem_text and b.stem_text else 0.0
        text = 0.75 * overlap + 0.25 * ratio
        reasons["text"] = round(text, 3)
        rare = [s for s in shared if self.specific(s)]
        if shared:
            reasons["words"] = [a.surface.get(s, s) for s in sorted(shared, key=lambda s: (-self.idf(s), s))[:8]]
        # evidence that both are about one event (needed to corroborate or contradict)
        event = len(rare) >= 2 or overlap >= 0.35

        facts = 0.0
        shared_entities = sorted(set(a.entities) & set(b.entities))
        for key in shared_entities:
            weight = self._entity_weight(key)
            facts += weight
            event = event or weight >= 0.25
        if shared_entities:
            reasons["entities"] = shared_entities
        shared_numbers = sorted(a.numbers & b.numbers, key=lambda n: (n[1] or "", n[0]))
        for value, quantity in shared_numbers:
            facts += 0.2 if quantity else 0.1 if value >= 10 else 0.0
            event = event or bool(quantity)
        if shared_numbers:
            reasons["numbers"] = [_number_text(v, q) for v, q in shared_numbers]
        shared_dates = sorted(a.dates & b.dates)
        for key in shared_dates:
            facts += 0.15 if key.startswith(("iso:", "md:")) else 0.03
        if shared_dates:
            reasons["dates"] = [k.split(":", 1)[1] for k in shared_dates]
        facts = min(facts, 0.5)

        bonus = 0.0
        if a.article_id == b.article_id and abs(a.idx - b.idx) <= NEAR:
            first, second = (a, b) if a.idx < b.idx else (b, a)
            if refers is None:
                refers = sorted(s for s in second.anaphors if _names(s, first.stems))
            if refers:  # "this attack" right after a claim about an attack
                bonus += 0.3
                event = True
                reasons["refers_back"] = [_surface(first, s) for s in refers]
            if any(s in second.definites for s in rare):  # "the car" after "a car"
                bonus += 0.3
                event = True
            if shared:
                reasons["near"] = True

        total = min(1.0, 0.6 * text + facts + bonus)
        return self._decide(a, b, total, text, event, reasons)

    def _decide(self, a: Profile, b: Profile, total: float, text: float, event: bool,
                reasons: dict[str, Any]) -> PairScore:
        conflicts = _conflicts(a, b, text) if event else []
        same_source = a.source_id is not None and a.source_id == b.source_id
        if same_source:
            reasons["same_source"] = True
        elif a.root_id is not None and a.root_id == b.root_id:
            reasons["same_family"] = True
        if event:
            reasons["same_event"] = True
        if conflicts:
            reasons["conflicts"] = conflicts
            return PairScore(round(max(total, CORROBORATE_SCORE), 3), "contradicts", reasons)
        if same_source:
            return PairScore(round(total, 3), "same_claim" if text >= 0.8 else "related", reasons)
        relation = "corroborates" if event and total >= CORROBORATE_SCORE else "related"
        return PairScore(round(total, 3), relation, reasons)

    def through(self, a: Profile, b: Profile, direct: PairScore, via: Profile,
                scores: tuple[float, float]) -> PairScore:
        """``a`` and ``b`` (scored ``direct``), neighbours in one article, are each about the event
        of ``via``: so they are about one event (one hop only, never a chain)."""
        reasons = {**direct.reasons, "same_event_as": f"{via.article_id}:{via.idx}"}
        total = max(direct.score, round(0.9 * min(scores), 3))
        return self._decide(a, b, total, direct.reasons["text"], True, reasons)


def _names(anaphor: str, stems: frozenset[str]) -> bool:
    """Does a claim mention what "this <anaphor>" points at (same stem, or the stem begins it)?"""
    return anaphor in stems or (len(anaphor) >= 3 and any(s.startswith(anaphor) for s in stems))


def _surface(p: Profile, anaphor: str) -> str:
    if anaphor in p.surface:
        return p.surface[anaphor]
    return next((w for s, w in p.surface.items() if s.startswith(anaphor)), anaphor)


def antecedents(members: list[Profile]) -> dict[tuple[int, int], list[str]]:
    """(earlier, later) claim ids -> the words by which the later one points back at the earlier:
    each "this <noun>" goes to the nearest earlier claim (at most NEAR back) naming the noun."""
    ordered = sorted(members, key=lambda p: p.idx)
    out: dict[tuple[int, int], list[str]] = {}
    for i, later in enumerate(ordered):
        for noun in sorted(later.anaphors):
            for earlier in reversed(ordered[max(0, i - NEAR):i]):
                if later.idx - earlier.idx <= NEAR and _names(noun, earlier.stems):
                    out.setdefault((earlier.claim_id, later.claim_id), []).append(noun)
                    break
    return out


def _number_text(value: float, unit: str | None) -> str:
    number = int(value) if value == int(value) else value
    return f"{number} {unit}" if unit else str(number)


def _conflicts(a: Profile, b: Profile, text: float) -> list[str]:
    """Different numbers for the same unit, or different dates, in two reports of one event."""
    out = []
    units_a: dict[str, set[float]] = {}
    units_b: dict[str, set[float]] = {}
    for value, unit in a.numbers:
        if unit:
            units_a.setdefault(unit, set()).add(value)
    for value, unit in b.numbers:
        if unit:
            units_b.setdefault(unit, set()).add(value)
    for unit in sorted(set(units_a) & set(units_b)):
        if not units_a[unit] & units_b[unit]:
            left = ", ".join(_number_text(v, None) for v in sorted(units_a[unit]))
            right = ", ".join(_number_text(v, None) for v in sorted(units_b[unit]))
            out.append(f"{unit}: {left} vs {right}")
    iso_a = {d for d in a.dates if d.startswith("iso:")}
    iso_b = {d for d in b.dates if d.startswith("iso:")}
    if iso_a and iso_b and not iso_a & iso_b and text >= 0.5:
        out.append(f"date: {', '.join(sorted(d[4:] for d in iso_a))} vs {', '.join(sorted(d[4:] for d in iso_b))}")
    return out
