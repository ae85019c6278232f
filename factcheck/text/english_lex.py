"""The English lexicon (``lexicons/en.json``) compiled into look-up tables for the parser."""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from factcheck.text.lexicon import load_lexicon


@dataclass(frozen=True, slots=True)
class Verb:
    """One inflected form of a cue verb."""

    lemma: str
    cls: str  # speech | evaluative | cognition | intention | evidence
    strong: bool  # a plain verb of saying: any subject, inversion allowed
    particles: tuple[str, ...]
    form: str  # base | s | past | ing
    needs_particle: bool = False  # "point out", "lash out": a cue only with its particle


def _norm(word: str) -> str:
    return word.replace("\u2019", "'").casefold()


def _words(items) -> frozenset[str]:
    return frozenset(_norm(w).rstrip(".") if w.endswith(".") and len(w) > 2 else _norm(w) for w in items)


def _with_plurals(words: frozenset[str]) -> frozenset[str]:
    """The words and their regular plurals (``official`` -> ``officials``, ``agency`` -> ``agencies``)."""
    out = set(words)
    for w in words:
        if w.endswith("y") and len(w) > 2 and w[-2] not in "aeiou":
            out.add(w[:-1] + "ies")
        elif w.endswith(("s", "x", "ch", "sh")):
            out.add(w + "es")
        else:
            out.add(w + "s")
    return frozenset(out)


def _phrases(items) -> dict[str, tuple[tuple[str, ...], ...]]:
    """Phrases as word tuples, indexed by their first word, longest first."""
    index: dict[str, list[tuple[str, ...]]] = {}
    for phrase in {tuple(_norm(p).split()) for p in items}:
        if phrase:
            index.setdefault(phrase[0], []).append(phrase)
    return {k: tuple(sorted(v, key=len, reverse=True)) for k, v in index.items()}


class Lexicon:
    """Sets and maps built once from the JSON data (see ``lexicons/en.json``)."""

    def __init__(self, data: dict):
        self.verbs: dict[str, Verb] = {}
        for lemma, info in data.get("cue_verbs", {}).items():
            forms = info["forms"]
            kinds = ["base", "s", "past", "past", "ing"] if len(forms) == 5 else ["base", "s", "past", "ing"]
            for i, form in enumerate(forms):
                kind = kinds[i] if i < len(kinds) else ("ing" if form.endswith("ing") else "past")
                self.verbs.setdefault(
                    _norm(form),
                    Verb(lemma, info.get("class", "speech"), bool(info.get("strong")),
                         tuple(info.get("particles", ())), kind, bool(info.get("needs_particle"))),
                )
        for form in data.get("excluded_forms", ()):
            self.verbs.pop(_norm(form), None)
        w = lambda key: _words(data.get(key, ()))  # noqa: E731
        self.abbreviations = frozenset(_norm(a) for a in data.get("abbreviations", ()))
        self.pre_verb = w("pre_verb")
        self.pronouns: dict[str, str] = {_norm(k): v for k, v in data.get("pronouns", {}).items()}
        self.relatives = w("relatives")
        self.determiners = w("determiners")
        self.prepositions = w("prepositions")
        self.np_prepositions = w("np_prepositions")
        self.conjunctions = w("conjunctions")
        self.auxiliaries = w("auxiliaries")
        self.titles = w("titles")
        self.male_titles = w("male_titles")
        self.female_titles = w("female_titles")
        self.male_nouns = w("male_nouns")
        self.female_nouns = w("female_nouns")
        self.person_nouns = w("person_nouns")
        self.anonymous_heads = w("anonymous_heads")
        self.anonymity = _phrases(data.get("anonymity_phrases", ()))
        self.anonymity_by_last = _phrases(" ".join(reversed(p.split())) for p in data.get("anonymity_phrases", ()))
        self.org_words = w("org_words")
        self.agency_words = w("agency_words")
        self.agency_nouns = w("agency_nouns")
        self.thing_nouns = w("thing_nouns")
        self.evidence_nouns = w("evidence_nouns")
        self.report_phrases = _phrases(data.get("report_phrases", ()))
        self.according = _phrases(data.get("according_frames", ()))
        self.statement_nouns = w("statement_nouns")
        self.addressees = w("addressee_nouns")
        self.noun_like = w("noun_like_forms")
        self.complement_verbs = w("complement_verbs")
        self.light_verbs = w("light_verb_forms")
        self.stance_nouns = w("stance_nouns")
        self.stance_adjectives = w("stance_adjectives")
        self.be_forms = w("be_forms")
        self.report_nouns = w("report_nouns")
        self.complement_words = frozenset(data.get("complement_words", ()))
        self.discourse_adverbs = w("discourse_adverbs")
        self.ly_nouns = w("ly_nouns")
        self.linking_adjectives = w("linking_adjectives")
        self.permission_words = w("permission_words")  # "not authorised to discuss": no report
        self.naming_verbs = w("naming_verbs")
        self.editorial_labels = w("editorial_labels")  # "CORRECTION:", "UPDATE:": not speakers
        self.not_particles = {k: frozenset(v) for k, v in data.get("not_particles", {}).items()}
        self.irregular_past = w("irregular_past")  # "left", "won": past tenses without -ed
        self.view_nouns = w("view_nouns")  # "in Roe's view", "in his words"
        self.days = w("days")
        self.months = w("months")
        self.number_words = w("number_words")
        self.function_words = (
            self.determiners | self.prepositions | self.conjunctions | self.auxiliaries
            | self.relatives | frozenset(self.pronouns)
        )
        self.person_nouns = _with_plurals(self.person_nouns)
        self.anonymous_heads = _with_plurals(self.anonymous_heads)
        self.thing_nouns = _with_plurals(self.thing_nouns)
        self.agency_nouns = _with_plurals(self.agency_nouns)
        self.evidence_nouns = _with_plurals(self.evidence_nouns)
        self.source_nouns = (
            self.person_nouns | self.anonymous_heads | self.thing_nouns | self.agency_nouns | self.evidence_nouns
        )


@lru_cache(maxsize=1)
def lexicon() -> Lexicon:
    """The compiled English lexicon (cached)."""
    return Lexicon(load_lexicon("en"))


def norm(word: str) -> str:
    """Case-folded word with the typographic apostrophe made plain."""
    return _norm(word)
