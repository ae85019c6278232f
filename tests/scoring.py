"""Score the engine's claims against gold attributions (samples/gold, format of ../shared/eval/FORMAT.md).

Matching, as FORMAT.md describes it:

* a predicted claim *matches* a gold attribution when their spans overlap by at least half of
  the shorter one (any of the gold content spans);
* a matched claim has the *right source* when its mention overlaps a gold source span (by at
  least 3 code points, or the whole span when it is shorter), or its source name equals the gold
  canonical name or source text after normalisation (case, Arabic letter variants, diacritics,
  punctuation; containment and acronyms count);
* precision: attributed claims (kind not ``unattributed``) with a right-sourced match, over all
  attributed claims; recall: gold attributions with a source that have such a claim;
* kind accuracy and via recall over the right-sourced gold attributions; ``unattributed_acc``
  over gold narration (every claim overlapping it is unattributed, and there is one).

Works on ``Extraction.to_json()`` objects (the ``factcheck extract --json`` contract), in-process.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from typing import Any

from rapidfuzz import fuzz

_ARABIC_MARKS = re.compile("[\u064b-\u065f\u0670\u0640]")  # harakat, dagger alif, tatweel
_ARABIC_LETTERS = str.maketrans("أإآٱىة", "اااايه")
_NON_WORD = re.compile(r"[^\w]+")
_ACRONYM_STOP = {"of", "the", "for", "and", "de", "al"}


def normalize(name: str | None) -> str:
    """Lower-cased, NFKC, Arabic variants folded, punctuation collapsed to single spaces."""
    s = unicodedata.normalize("NFKC", name or "").casefold()
    s = _ARABIC_MARKS.sub("", s).translate(_ARABIC_LETTERS)
    return _NON_WORD.sub(" ", s).strip()


def _is_acronym(short: str, long: str) -> bool:
    letters = re.sub(r"[^A-Za-z]", "", short or "")
    words = [w for w in re.findall(r"[A-Za-z]+", long or "") if w.lower() not in _ACRONYM_STOP]
    return len(letters) >= 2 and letters.isupper() and letters == "".join(w[0].upper() for w in words)


def same_name(a: str | None, b: str | None) -> bool:
    """Whether two source names denote the same source after normalisation."""
    if _is_acronym(a or "", b or "") or _is_acronym(b or "", a or ""):
        return True
    x, y = normalize(a), normalize(b)
    if not x or not y:
        return False
    if x == y:
        return True
    if min(len(x), len(y)) >= 3 and (x in y or y in x):
        return True
    return fuzz.ratio(x, y) >= 85


def overlap(s1: int, e1: int, s2: int, e2: int) -> int:
    return max(0, min(e1, e2) - max(s1, s2))


@dataclass(slots=True)
class Pred:
    start: int
    end: int
    kind: str
    name: str
    mention: tuple[int, int] | None
    via: list[str]


def predictions(extraction: dict[str, Any]) -> list[Pred]:
    """The scorable part of one ``Extraction.to_json()`` object."""
    out = []
    for claim in extraction.get("claims", []):
        att = claim.get("attribution") or {}
        src = att.get("source") or {}
        men = att.get("mention")
        out.append(Pred(
            start=claim["start"], end=claim["end"],
            kind=src.get("kind") or "unattributed", name=src.get("name") or "",
            mention=(men["start"], men["end"]) if men else None,
            via=[hop.get("name") or "" for hop in att.get("via") or []],
        ))
    return out


def content_match(pred: Pred, gold: dict[str, Any]) -> bool:
    for s, e in gold["content"]:
        ov = overlap(pred.start, pred.end, s, e)
        if ov and ov >= 0.5 * min(pred.end - pred.start, e - s):
            return True
    return False


def right_source(pred: Pred, gold: dict[str, Any]) -> bool:
    if pred.kind == "unattributed":
        return False
    if pred.mention is not None:
        ms, me = pred.mention
        if any(overlap(ms, me, s, e) >= min(3, e - s) for s, e in gold["source"]):
            return True
    return any(same_name(pred.name, n) for n in (gold.get("canonical"), gold.get("source_text")) if n)


@dataclass(slots=True)
class Score:
    gold: int = 0  # gold attributions with a source
    predicted: int = 0  # attributed claims
    tp: int = 0  # attributed claims that match a gold attribution with the right source
    correct: int = 0  # gold attributions found with the right source
    found: int = 0  # gold attributions with any overlapping claim
    kind_n: int = 0
    kind_ok: int = 0
    via_n: int = 0
    via_ok: int = 0
    unatt_n: int = 0
    unatt_ok: int = 0
    misses: list[str] = field(default_factory=list)
    false_positives: list[str] = field(default_factory=list)
    wrong_kinds: list[str] = field(default_factory=list)
    missed_vias: list[str] = field(default_factory=list)

    @property
    def precision(self) -> float:
        return self.tp / self.predicted if self.predicted else 0.0

    @property
    def recall(self) -> float:
        return self.correct / self.gold if self.gold else 0.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    @property
    def kind_acc(self) -> float | None:
        return self.kind_ok / self.kind_n if self.kind_n else None

    @property
    def via_recall(self) -> float | None:
        return self.via_ok / self.via_n if self.via_n else None

    @property
    def unattributed_acc(self) -> float | None:
        return self.unatt_ok / self.unatt_n if self.unatt_n else None

    def summary(self) -> str:
        def f(v: float | None) -> str:
            return "n/a" if v is None else f"{v:.3f}"

        return (f"F1 {self.f1:.3f} (P {self.precision:.3f} R {self.recall:.3f}) kind {f(self.kind_acc)} "
                f"via {f(self.via_recall)} unattributed {f(self.unattributed_acc)} on {self.gold} gold attributions")

    def report(self) -> str:
        """The summary and every miss, false positive, wrong kind and missed via, one per line."""
        lines = [self.summary()]
        for label, items in (("MISS", self.misses), ("FP", self.false_positives),
                             ("KIND", self.wrong_kinds), ("VIA", self.missed_vias)):
            lines.extend(f"  {label} {item}" for item in items)
        return "\n".join(lines)


def _describe(pred: Pred, text: str) -> str:
    mention = text[pred.mention[0]:pred.mention[1]] if pred.mention else ""
    return f"{pred.kind}:{pred.name or mention!r}"


def score_document(gold_doc: dict[str, Any], extraction: dict[str, Any], into: Score | None = None) -> Score:
    """Score one article's predictions; accumulate into ``into`` when given."""
    sc = into if into is not None else Score()
    text = gold_doc["text"]
    preds = predictions(extraction)
    good_preds: set[int] = set()
    for g in gold_doc["attributions"]:
        cands = [i for i, p in enumerate(preds) if content_match(p, g)]
        first = g["content"][0][0]
        where = f"@{first} {text[first:first + 40]!r}"
        if not g["source"]:
            if g.get("source_kind") == "unattributed":
                sc.unatt_n += 1
                sc.unatt_ok += bool(cands) and all(preds[i].kind == "unattributed" for i in cands)
            continue
        sc.gold += 1
        sc.found += bool(cands)
        good = [i for i in cands if right_source(preds[i], g)]
        if not good:
            got = "; ".join(_describe(preds[i], text) for i in cands) or "no claim"
            sc.misses.append(f"{where} gold={g.get('canonical') or g['source_text']!r} got={got}")
            continue
        sc.correct += 1
        good_preds.update(good)
        if g.get("source_kind"):
            sc.kind_n += 1
            if any(preds[i].kind == g["source_kind"] for i in good):
                sc.kind_ok += 1
            else:
                sc.wrong_kinds.append(f"{where} gold={g['source_kind']} got={[preds[i].kind for i in good]}")
        if g.get("via"):
            sc.via_n += 1
            if any(all(any(same_name(v, w) for w in preds[i].via) for v in g["via"]) for i in good):
                sc.via_ok += 1
            else:
                sc.missed_vias.append(f"{where} gold={g['via']} got={[preds[i].via for i in good]}")
    for i, p in enumerate(preds):
        if p.kind == "unattributed":
            continue
        sc.predicted += 1
        if i in good_preds:
            sc.tp += 1
        else:
            sc.false_positives.append(f"@{p.start} {_describe(p, text)} {text[p.start:p.start + 40]!r}")
    return sc


def score_documents(pairs) -> Score:
    """Micro-averaged score over ``(gold_doc, extraction_json)`` pairs."""
    sc = Score()
    for gold_doc, extraction in pairs:
        score_document(gold_doc, extraction, sc)
    return sc
