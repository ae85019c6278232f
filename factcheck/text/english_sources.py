"""Turning English source mentions into canonical sources, with coreference across the article.

A :class:`Tracker` remembers the sources (entities) of an article in order of mention, so a
later surname (``Singh``), title (``Mr. Singh``), pronoun (``she``), relative pronoun
(``who``) or definite description (``the source``, ``the spokesman``) resolves to the right
earlier source.  Names go through the registry first; unknown ones become new sources.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from factcheck.model import SourceRef, Span
from factcheck.text.english_lex import Lexicon
from factcheck.text.english_tokens import Token

_PLURAL_PRONOUNS = frozenset({"they", "we"})


@dataclass(slots=True)
class Entity:
    ref: SourceRef
    kind: str
    gender: str | None = None  # m | f | None
    plural: bool = False
    keys: set[str] = field(default_factory=set)  # full name and surname, case-folded
    head: str | None = None  # head noun of an unnamed source ("source", "official")
    roles: set[str] = field(default_factory=set)
    last_seen: int = 0


@dataclass(slots=True)
class Resolved:
    entity: Entity
    role: str | None = None


class Tracker:
    """Article-wide memory of sources (see module docstring)."""

    def __init__(self, registry, lex: Lexicon, text: str):
        self.registry = registry
        self.lex = lex
        self.text = text
        self.entities: list[Entity] = []
        self.clock = 0
        self._author: Entity | None = None

    # -- public ----------------------------------------------------------------------------
    def tick(self) -> None:
        self.clock += 1

    def resolve(self, tokens: list[Token], a: int, b: int, head: str, *, anonymous: bool = False,
                role: tuple[int, int] | None = None, antecedent: tuple[int, int] | None = None) -> Resolved:
        """The entity the mention ``tokens[a:b]`` names (creating it when new)."""
        if head == "pronoun":
            ent = self._pronoun(tokens[a].norm)
            if ent is not None:
                return self._touch(Resolved(ent))
            return self._touch(Resolved(self._unknown(tokens[a].norm)))
        if head == "relative" and antecedent is not None:
            a, b = antecedent
        if head == "reports":
            return self._touch(Resolved(self._reports()))
        role_text = self._span_text(tokens, *role) if role else None
        return self._touch(self._noun_phrase(tokens, a, b, anonymous, role_text))

    def observe_subject(self, tokens: list[Token], a: int, b: int) -> None:
        """Make a sentence subject that is a name salient for later pronouns (no claim)."""
        words = [t for t in tokens[a:b] if t.word]
        if not words or not all(t.cap for t in words):
            return
        name_toks = self._name_tokens(tokens, a, b)
        if not name_toks:
            return
        key = " ".join(t.norm for t in name_toks)
        for ent in reversed(self.entities):
            if key in ent.keys:
                ent.last_seen = self.clock
                return

    def via(self, tokens: list[Token], a: int, b: int) -> SourceRef:
        name = self._span_text(tokens, a, b)
        return self.registry.make_source(name, "agency", lang="en")

    # -- internals ---------------------------------------------------------------------------
    def _touch(self, res: Resolved) -> Resolved:
        res.entity.last_seen = self.clock
        return res

    def _span_text(self, tokens: list[Token], a: int, b: int) -> str:
        return self.text[tokens[a].start : tokens[b - 1].end]

    def _pronoun(self, pron: str) -> Entity | None:
        gender = self.lex.pronouns.get(pron)
        if pron in ("i", "we"):
            return self._author_entity()
        best = None
        for ent in self.entities:
            if ent.kind == "reports":
                continue
            if gender in ("m", "f"):
                ok = ent.kind == "person" and not ent.plural and ent.gender in (None, gender)
            elif gender == "p":
                ok = ent.plural or ent.kind in ("organization", "agency")
            elif gender == "n":
                ok = ent.kind in ("organization", "agency") and not ent.plural
            else:
                ok = False
            if ok and (best is None or ent.last_seen >= best.last_seen):
                best = ent
        if best is not None and gender in ("m", "f") and best.gender is None:
            best.gender = gender
        return best

    def _author_entity(self) -> Entity:
        if self._author is None:
            ref = SourceRef(id="author", name="the author", kind="person")
            self._author = Entity(ref, "person")
        return self._author

    def _unknown(self, pron: str) -> Entity:
        gender = self.lex.pronouns.get(pron)
        plural = gender == "p"
        kind = "anonymous" if plural else "person"
        name = {"he": "unidentified man", "she": "unidentified woman"}.get(pron, "unidentified source")
        ref = self.registry.make_source(name, kind, lang="en")
        ent = Entity(ref, kind, gender if gender in ("m", "f") else None, plural)
        self.entities.append(ent)
        return ent

    def _reports(self) -> Entity:
        for ent in self.entities:
            if ent.kind == "reports":
                return ent
        ref = self.registry.make_source("reports", "reports", lang="en")
        ent = Entity(ref, "reports", plural=True)
        self.entities.append(ent)
        return ent

    def _name_tokens(self, tokens: list[Token], a: int, b: int) -> list[Token]:
        """The proper-name part of a mention: its last run of capitalised words, titles dropped."""
        run: list[Token] = []
        k = b - 1
        while k >= a and not tokens[k].word:
            k -= 1
        while k >= a:
            tok = tokens[k]
            if tok.word and tok.cap and tok.norm not in self.lex.function_words:
                run.insert(0, tok)
            elif tok.text in ("-", "&") or tok.norm in ("of", "for", "and", "de", "al", "the") and run \
                    and k > a and tokens[k - 1].cap:
                run.insert(0, tok)
            else:
                break
            k -= 1
        while run and (not run[0].word or run[0].norm in self.lex.function_words):
            run.pop(0)
        return run

    def _noun_phrase(self, tokens, a, b, anonymous, role_text) -> Resolved:
        lex = self.lex
        full = self._span_text(tokens, a, b)
        entry = self.registry.resolve(full, "en") if len(full) < 80 else None
        if entry is not None:
            return Resolved(self._registry_entity(entry, full), role_text)
        words = [t for t in tokens[a:b] if t.word]
        head = words[-1].norm if words else ""
        head = head[:-2] if head.endswith("'s") else head
        name_toks = self._name_tokens(tokens, a, b)
        is_name = bool(name_toks) and name_toks[-1] is words[-1]
        if is_name and not anonymous:
            return self._named(tokens, a, b, name_toks, role_text)
        # an unnamed source: "a senior official", "the source", "critics", "a new poll"
        desc_words = [t for t in words if t.norm not in lex.determiners]
        desc = " ".join(t.text for t in desc_words) or full
        if words and words[0].norm in ("the", "this", "that", "these", "those") or (
            words and words[0].norm in ("another",)
        ):
            ent = self._definite(head)
            if ent is not None:
                return Resolved(ent, role_text)
        if head in lex.anonymous_heads or anonymous:
            kind = "anonymous"
        elif head in lex.agency_nouns:
            kind = "agency"
        elif head in ("spokesman", "spokeswoman", "spokesperson"):
            kind = "person"
        elif head in lex.person_nouns:
            kind = "anonymous" if head.endswith("s") or head in ("people", "police") else "person"
        else:
            kind = "organization"
        affiliation = " ".join(t.text for t in name_toks) if name_toks else None
        ref = self.registry.make_source(desc, kind, lang="en", affiliation=affiliation)
        gender = "m" if head in lex.male_nouns else "f" if head in lex.female_nouns else None
        plural = head.endswith("s") and not head.endswith("ss") or head in ("people", "police")
        ent = self._find(ref.id) or Entity(ref, kind, gender, plural, head=head)
        ent.head = head
        if ent not in self.entities:
            self.entities.append(ent)
        return Resolved(ent, role_text)

    def _definite(self, head: str) -> Entity | None:
        """``the source`` / ``the official`` / ``the senator``: the latest matching source."""
        singular = head[:-1] if head.endswith("s") and not head.endswith("ss") else head
        best = None
        for ent in self.entities:
            if ent.head in (head, singular, singular + "s") or singular in ent.roles or (
                ent.kind in ("organization", "agency") and singular in ent.ref.name.casefold().split()
            ):
                if best is None or ent.last_seen >= best.last_seen:
                    best = ent
        return best

    def _registry_entity(self, entry, surface: str) -> Entity:
        for ent in self.entities:
            if ent.ref.id == entry.id:
                return ent
        ref = self.registry.source_ref(entry)
        ent = Entity(ref, entry.kind, plural=False)
        ent.keys.add(entry.name.casefold())
        if entry.kind == "person":
            ent.keys.add(entry.name.split()[-1].casefold())
        if entry.role:
            ent.roles.update(entry.role.casefold().split())
        self.entities.append(ent)
        return ent

    def _named(self, tokens, a, b, name_toks, role_text) -> Resolved:
        lex = self.lex
        titles = []
        while len(name_toks) > 1 and name_toks[0].norm.rstrip(".") in lex.titles:
            titles.append(name_toks.pop(0))
        name = " ".join(t.text for t in name_toks)
        name = re.sub(r"['\u2019]s$", "", name)
        entry = self.registry.resolve(name, "en")
        if entry is not None:
            ent = self._registry_entity(entry, name)
            return Resolved(ent, role_text)
        lower = [w.casefold() for w in name.split()]
        if any(w in lex.agency_words or w.rstrip(".") in lex.agency_words for w in lower) \
                or any(t.text in lex.agency_words for t in name_toks):
            kind = "agency"
        elif any(w.rstrip(".") in lex.org_words for w in lower) or any(
            t.text.rstrip(".") in lex.org_words for t in name_toks
        ):
            kind = "organization"
        elif len(name_toks) == 1 and name_toks[0].text.isupper() and len(name_toks[0].text) > 1:
            kind = "organization"
        else:
            kind = "person"
        key = name.casefold()
        surname = lower[-1] if lower else key
        # coreference: the same full name, or a surname of an earlier person
        for ent in sorted(self.entities, key=lambda e: -e.last_seen):
            if key in ent.keys or (kind == "person" and ent.kind == "person" and surname in ent.keys):
                self._add_role(ent, tokens, a, name_toks, titles, role_text)
                return Resolved(ent, role_text)
        # a fuller name for an earlier surname-only person ("Singh" then "Sabrina Singh")
        ref = self.registry.make_source(name, kind, lang="en")
        plural = kind in ("organization",) and lower[-1].endswith("s") and lower[-1] in (
            "republicans", "democrats", "conservatives", "liberals", "progressives", "americans")
        ent = Entity(ref, kind, plural=plural)
        ent.keys.add(key)
        if kind == "person":
            ent.keys.add(surname)
        self._add_role(ent, tokens, a, name_toks, titles, role_text)
        self.entities.append(ent)
        return Resolved(ent, role_text)

    def _add_role(self, ent, tokens, a, name_toks, titles, role_text) -> None:
        lex = self.lex
        for t in titles:
            n = t.norm.rstrip(".")
            ent.roles.add(n)
            if n in lex.male_titles:
                ent.gender = ent.gender or "m"
            elif n in lex.female_titles:
                ent.gender = ent.gender or "f"
        for t in tokens[a : max(a, tokens.index(name_toks[0]))] if name_toks else ():
            if t.word and t.norm not in lex.function_words:
                ent.roles.add(t.norm.rstrip("."))
                if t.norm in lex.male_nouns:
                    ent.gender = ent.gender or "m"
                elif t.norm in lex.female_nouns:
                    ent.gender = ent.gender or "f"
        if role_text:
            for w in role_text.casefold().split():
                if w in lex.male_nouns:
                    ent.gender = ent.gender or "m"
                elif w in lex.female_nouns:
                    ent.gender = ent.gender or "f"
                if w in lex.person_nouns:
                    ent.roles.add(w)

    def _find(self, sid: str) -> Entity | None:
        for ent in self.entities:
            if ent.ref.id == sid:
                return ent
        return None


def span(text: str, tokens: list[Token], a: int, b: int) -> Span:
    s, e = tokens[a].start, tokens[b - 1].end
    return Span(s, e, text[s:e])
