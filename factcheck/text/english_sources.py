"""Turning English source mentions into canonical sources, with coreference across the article.

A :class:`Tracker` remembers the sources (entities) of an article, most recent first, so a
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

#: How many recently mentioned sources a pronoun or a description may reach back to.
RECENT = 40
_GROUP_NAMES = frozenset("republicans democrats conservatives liberals progressives americans".split())
_PLAIN_TITLES = frozenset("mr mrs ms miss mx".split())


@dataclass(eq=False, slots=True)
class Entity:
    ref: SourceRef
    kind: str
    gender: str | None = None  # m | f | None
    plural: bool = False
    head: str | None = None  # head noun of an unnamed source ("source", "official")
    roles: set[str] = field(default_factory=set)


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
        self._recent: dict[int, Entity] = {}  # id(entity) -> entity, least recent first
        self._by_id: dict[str, Entity] = {}
        self._by_name: dict[str, Entity] = {}  # folded full names (and surnames of people)
        self._author: Entity | None = None
        self._reports_ent: Entity | None = None
        self.registry_ids: set[str] = set()
        self.publisher_id: str | None = None

    # -- public ------------------------------------------------------------------------------
    def resolve(self, tokens: list[Token], a: int, b: int, head: str, *, anonymous: bool = False,
                role: tuple[int, int] | None = None, antecedent: tuple[int, int] | None = None,
                pronoun: str | None = None) -> Resolved:
        """The entity the mention ``tokens[a:b]`` names (created when new).

        ``head`` is how the parser read the mention: ``pronoun``, ``relative`` (then
        ``antecedent`` is the noun phrase it stands for), ``reports``, ``name`` or ``np``.
        """
        if head == "partitive":  # "one of them": one of the latest plural source
            ent = self._pronoun("they") or self._unknown("they")
            return Resolved(self._touch(ent))
        if head == "pronoun":
            pron = pronoun or tokens[a].norm
            ent = self._pronoun(pron) or self._unknown(pron)
            return Resolved(self._touch(ent))
        if head == "reports":
            return Resolved(self._touch(self._reports()))
        if head == "relative" and antecedent is not None:
            a, b = antecedent
        role_text = self.text[tokens[role[0]].start : tokens[role[1] - 1].end] if role else None
        res = self._noun_phrase(tokens, a, b, anonymous, role_text)
        self._touch(res.entity)
        return res

    def via(self, name: str, sure: bool = True) -> SourceRef | None:
        """The conduit named ``name`` (``Reuters``, ``The Washington Post``); when not ``sure``
        it is one only if the registry knows it as an agency."""
        entry = self.registry.resolve(name, "en")
        if entry is not None:
            ref = self.registry.source_ref(entry) if sure or entry.kind == "agency" else None
        else:
            ref = self.registry.make_source(name, "agency", lang="en") if sure else None
        if ref is not None and ref.id == self.publisher_id:
            return None  # "OSLO (Reuters) - ... told Reuters": the publishing outlet is never a conduit
        return ref

    def set_publisher(self, name: str) -> None:
        """The outlet that published the article (from its dateline, ``OSLO (Reuters) -``)."""
        entry = self.registry.resolve(name, "en")
        self.publisher_id = self.registry.source_ref(entry).id if entry is not None \
            else self.registry.make_source(name, "agency", lang="en").id

    # -- memory --------------------------------------------------------------------------------
    def _touch(self, ent: Entity) -> Entity:
        self._recent.pop(id(ent), None)
        self._recent[id(ent)] = ent
        return ent

    def _add(self, ent: Entity) -> Entity:
        self._by_id.setdefault(ent.ref.id, ent)
        return ent

    def _latest(self):
        """Recently mentioned entities, most recent first."""
        for n, ent in enumerate(reversed(self._recent.values())):
            if n >= RECENT:
                return
            yield ent

    # -- pronouns and descriptions ---------------------------------------------------------------
    def _pronoun(self, pron: str) -> Entity | None:
        if pron in ("i", "we"):
            return self._author_entity()
        gender = self.lex.pronouns.get(pron)
        for ent in self._latest():
            if ent.kind == "reports" or ent is self._author:
                continue
            if gender in ("m", "f"):
                ok = ent.kind == "person" and not ent.plural and ent.gender in (None, gender)
            elif gender == "p":
                ok = ent.plural or ent.kind in ("organization", "agency")
            elif gender == "n":
                ok = ent.kind in ("organization", "agency") and not ent.plural
            else:
                ok = False
            if ok:
                if gender in ("m", "f") and ent.gender is None:
                    ent.gender = gender
                return ent
        return None

    def _definite(self, head: str) -> Entity | None:
        """``the source`` / ``the official`` / ``the senator``: the latest matching source."""
        singular = head[:-1] if head.endswith("s") and not head.endswith("ss") else head
        for ent in self._latest():
            if ent.head in (head, singular, singular + "s") or singular in ent.roles or (
                ent.kind in ("organization", "agency") and singular in ent.ref.name.casefold().split()
            ) or ent.kind == "agency" and ent.head is None and singular in self.lex.agency_nouns \
                    and singular not in ("media", "press"):
                return ent  # "the newspaper" after "The Financial Times"
        return None

    def _author_entity(self) -> Entity:
        if self._author is None:
            self._author = Entity(SourceRef(id="author", name="the author", kind="person"), "person")
        return self._author

    def _unknown(self, pron: str) -> Entity:
        gender = self.lex.pronouns.get(pron)
        plural = gender == "p"
        kind = "anonymous" if plural else "person"
        name = {"he": "unidentified man", "she": "unidentified woman"}.get(pron, "unidentified source")
        ref = self.registry.make_source(name, kind, lang="en")
        return self._by_id.get(ref.id) or self._add(
            Entity(ref, kind, gender if gender in ("m", "f") else None, plural))

    def _reports(self) -> Entity:
        if self._reports_ent is None:
            ref = self.registry.make_source("reports", "reports", lang="en")
            self._reports_ent = self._add(Entity(ref, "reports", plural=True))
        return self._reports_ent

    # -- noun phrases ------------------------------------------------------------------------------
    def _name_tokens(self, tokens: list[Token], a: int, b: int) -> list[Token]:
        """The proper-name part of a mention: its last run of capitalised words."""
        run: list[Token] = []
        k = b - 1
        while k >= a and not tokens[k].word:
            k -= 1
        if k > a and tokens[k].norm.isdigit() and len(tokens[k].norm) <= 3 and tokens[k - 1].cap:
            run.append(tokens[k])  # "Channel 12", "Radio 4": a number closing a name
            k -= 1
        while k >= a:
            tok = tokens[k]
            if tok.word and tok.cap and tok.norm not in self.lex.function_words:
                run.insert(0, tok)
            elif (tok.text in ("-", "&") or tok.norm in ("of", "for", "and", "de", "al", "the")) and run \
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
        full = self.text[tokens[a].start : tokens[b - 1].end]
        entry = self.registry.resolve(full, "en") if len(full) < 80 else None
        if entry is not None:
            return Resolved(self._registry_entity(entry), role_text)
        words = [t for t in tokens[a:b] if t.word]
        head = ""
        for t in words:  # the head noun comes before any prepositional phrase
            if head and (t.norm in lex.np_prepositions or t.norm in lex.linking_adjectives):
                break
            head = t.norm
        head = head[:-2] if head.endswith("'s") else head
        name_toks = self._name_tokens(tokens, a, b)
        common_head = head in lex.person_nouns or head in lex.anonymous_heads or head in lex.thing_nouns
        # "a diplomat in Cairo", "officials at the Pentagon": unnamed, the name only says where
        complement = bool(name_toks) and common_head and self._name_is_a_complement(words, head, name_toks[0])
        if not complement and name_toks and words and name_toks[-1] is words[-1] and not anonymous and not (
                common_head and words[0].cap and words[0].norm == head
                and (len(words) > 1 or head not in _GROUP_NAMES)):  # "Officials said": only sentence case
            return self._named(tokens, a, b, name_toks, role_text)
        # an unnamed source: "a senior official", "the source", "critics", "a new poll"
        if words and words[0].norm in ("the", "this", "that", "these", "those", "another"):
            ent = self._definite(head)
            if ent is not None:
                return Resolved(ent, role_text)
        if head in lex.anonymous_heads or anonymous or head in lex.determiners:  # "some", "others"
            kind = "anonymous"
        elif head in lex.agency_nouns:
            kind = "agency"
        elif head in ("spokesman", "spokeswoman", "spokesperson"):
            kind = "person"
        elif head in lex.person_nouns:
            kind = "anonymous" if head.endswith("s") or head in ("people", "police") else "person"
        else:
            kind = "organization"
        desc = " ".join(t.text for t in words if t.norm not in lex.determiners) or full
        if desc.endswith(("'s", "’s")):  # "the minister's claim": the possessor, not the genitive
            desc = desc[:-2]
        affiliation = " ".join(t.text for t in name_toks) if name_toks else None
        ref = self.registry.make_source(desc, kind, lang="en", affiliation=affiliation)
        ent = self._by_id.get(ref.id)
        if ent is None:
            gender = "m" if head in lex.male_nouns else "f" if head in lex.female_nouns else None
            plural = head.endswith("s") and not head.endswith("ss") or head in ("people", "police") \
                or head in lex.determiners
            ent = self._add(Entity(ref, kind, gender, plural, head=head))
        return Resolved(ent, role_text)

    def _name_is_a_complement(self, words: list[Token], head: str, first: Token) -> bool:
        """Whether the name only completes the common head noun through a preposition: "a diplomat
        in Cairo", "officials at the Pentagon", "a spokesman for Hamas" speak for themselves (an
        unnamed source affiliated with the name), not as Cairo, the Pentagon or Hamas."""
        try:
            h = next(i for i, t in enumerate(words) if t.norm == head or t.norm == head + "'s")
            n = words.index(first)
        except (StopIteration, ValueError):
            return False
        between = [t.norm for t in words[h + 1 : n]]
        return bool(between) and between[0] in self.lex.np_prepositions and between[0] != "of" \
            and all(w in self.lex.np_prepositions or w in ("the", "a", "an") for w in between)

    def _registry_entity(self, entry) -> Entity:
        ent = self._by_id.get(entry.id)
        if ent is None:
            self.registry_ids.add(entry.id)
            ent = self._add(Entity(self.registry.source_ref(entry), entry.kind))
            self._by_name.setdefault(entry.name.casefold(), ent)
            if entry.kind == "person":
                self._by_name.setdefault(entry.name.split()[-1].casefold(), ent)
            if entry.role:
                ent.roles.update(entry.role.casefold().split())
        return ent

    def _named(self, tokens, a, b, name_toks, role_text) -> Resolved:
        lex = self.lex
        titles: list[Token] = []
        # "Retired U.S. Air Force Gen. Norman Ham": the name follows the last title
        last_title = max((k for k, t in enumerate(name_toks[:-1]) if t.norm.rstrip(".") in lex.titles),
                         default=None)
        if last_title is not None:
            titles.extend(name_toks[: last_title + 1])
            name_toks = name_toks[last_title + 1 :]
            if len(name_toks) > 2 and name_toks[0].norm in ("of", "for"):
                titles.extend(name_toks[:2])  # "Secretary of State John Kerry"
                name_toks = name_toks[2:]
        while len(name_toks) > 1 and name_toks[0].norm.rstrip(".") in lex.titles:
            titles.append(name_toks.pop(0))
        name = re.sub(r"['\u2019]s$", "", " ".join(t.text for t in name_toks))
        if role_text is None and name_toks[0].start > tokens[a].start:
            # the words before the name describe the person: "Retired Air Force Gen.", "pollster"
            words = self.text[tokens[a].start : name_toks[0].start].strip(" ,").split()
            while words and words[0].casefold() in lex.determiners:
                words.pop(0)
            if words and words[-1].casefold().rstrip(".") not in _PLAIN_TITLES:
                role_text = " ".join(words)
        entry = self.registry.resolve(name, "en")
        if entry is not None:
            return Resolved(self._registry_entity(entry), role_text)
        lower = [w.casefold().rstrip(".") for w in name.split()]
        if any(w in lex.agency_words for w in lower) or any(t.text in lex.agency_words for t in name_toks):
            kind = "agency"
        elif any(w in lex.org_words for w in lower) or (
            len(name_toks) == 1 and name_toks[0].text.isupper() and len(name_toks[0].text) > 1
        ):
            kind = "organization"
        else:
            kind = "person"
        key = name.casefold()
        ent = self._by_name.get(key)
        if ent is None and kind == "person" and lower:
            cand = self._by_name.get(lower[-1])  # a surname: "Singh" after "Sabrina Singh"
            ent = cand if cand is not None and cand.kind == "person" else None
            if ent is not None and len(name) > len(ent.ref.name) and ent.ref.id not in self.registry_ids:
                ent.ref.name = name  # "Lindqvist" first, "Marta Lindqvist" later: keep the full name
                self._by_name[key] = ent
        if ent is None:
            ref = self.registry.make_source(name, kind, lang="en")
            plural = kind == "organization" and bool(lower) and lower[-1] in _GROUP_NAMES
            ent = self._by_id.get(ref.id) or self._add(Entity(ref, kind, plural=plural))
            self._by_name[key] = ent
            if kind == "person" and lower:
                self._by_name[lower[-1]] = ent
        self._add_roles(ent, tokens, a, b, name_toks[0], titles, role_text)
        return Resolved(ent, role_text)

    def _add_roles(self, ent, tokens, a, b, first_name_tok, titles, role_text) -> None:
        """Roles and gender from titles (``Mrs.``), descriptions (``spokeswoman``) and appositives."""
        lex = self.lex
        words = [t.norm.rstrip(".") for t in titles]
        for k in range(a, b):
            if tokens[k] is first_name_tok:
                break
            if tokens[k].word and tokens[k].norm not in lex.function_words:
                words.append(tokens[k].norm.rstrip("."))
        if role_text:
            words.extend(w for w in role_text.casefold().split() if w in lex.person_nouns)
        for w in words:
            ent.roles.add(w)
            if ent.gender is None:
                if w in lex.male_titles or w in lex.male_nouns:
                    ent.gender = "m"
                elif w in lex.female_titles or w in lex.female_nouns:
                    ent.gender = "f"


def span(text: str, tokens: list[Token], a: int, b: int) -> Span:
    """The Span of ``tokens[a:b]`` in ``text``."""
    s, e = tokens[a].start, tokens[b - 1].end
    return Span(s, e, text[s:e])
