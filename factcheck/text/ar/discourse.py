"""Sources across an Arabic article: entities, coreference and via chains.

* A mention resolves to a registry entry (persons first; an organisation or agency only when
  the phrase is headed by it), to an earlier entity (definite/demonstrative anaphors such as
  المصدر، هذه المصادر، الوكالة، البيان; surnames), or to a new entity with a clean name.
* A subject-less continuation (وأضاف أن) or a pronoun (نقلت عنه) takes the last speaker whose
  gender agrees, and points its mention at that speaker's latest explicit mention.
* Vias: explicit conduits (نقلت X عن، لوكالة X، وفق ما نقلت X، بحسب ما نقلت عنه X، نشرته X)
  minus the publisher; coreferent claims inherit the antecedent's via; an anonymous group that
  gets a via passes it back to its earlier claims that had none.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache

from factcheck.model import Attribution, SourceRef, Span, ViaHop
from factcheck.sources.registry import Entry, Registry, match_key, slugify
from factcheck.text.ar.lexicon import ArabicLexicon, Tok, is_definite, key, stem, strip_def
from factcheck.text.ar.np import NP, NPParser

#: heads that can stand for any earlier official: "the official", "the diplomat", "the envoy"
_GENERIC_HUMAN = frozenset(stem(key(w)) for w in ("مسؤول", "دبلوماسي", "مبعوث", "سياسي", "قيادي"))
_RANK = frozenset({"senior", "informed", "another", "local", "close"})
_PUBLISHER = re.compile(r"\(\s*([^()\n]{2,40}?)\s*\)\s*[-–—:]")
_DATELINE = re.compile(r"^\s*[^\s\-–—:()]{2,20}(?: [^\s\-–—:()]{2,20})?\s*[-–—]{1,2}\s*\(?\s*([^()\n\-–—:]{2,30}?)\s*\)?\s*[-–—:]")


@dataclass
class SrcSpec:
    np: NP | None = None
    zero: bool = False
    pronoun: bool = False
    gender: str | None = None
    via_nps: list = field(default_factory=list)
    statement: bool = False
    direct: bool = False
    relay: NP | None = None
    reports_span: tuple[int, int] | None = None


@dataclass(eq=False)
class Entity:
    ref: SourceRef
    kind: str
    heads: set[str]
    mods: set[str]
    names: set[str]
    gender: str | None
    registry_id: str | None
    mention: Span | None
    role: str | None = None
    via: list[ViaHop] = field(default_factory=list)
    claims: list[Attribution] = field(default_factory=list)
    statement: bool = False


class Discourse:
    def __init__(self, text: str, toks: list[Tok], lex: ArabicLexicon, reg: Registry, npp: NPParser):
        self.text, self.toks, self.lex, self.reg, self.np = text, toks, lex, reg, npp
        self.entities: list[Entity] = []
        self.speakers: list[Entity] = []
        self.publisher = self._publisher()
        self._entries: dict[tuple, Entry | None] = {}  # mention -> its registry entry

    # -- publisher --------------------------------------------------------------------------
    def _publisher(self) -> str | None:
        """The outlet in a dateline: "أتلانتا (CNN)--"، "الرياض - واس -"."""
        head = self.text[: min(len(self.text), 200)]
        m = _PUBLISHER.search(head)
        if m:
            entry = self.reg.resolve(m.group(1), "ar")
            return entry.id if entry else match_key(m.group(1)) or None
        m = _DATELINE.match(head)
        if m:
            entry = self.reg.resolve(m.group(1), "ar")
            if entry is not None and entry.kind == "agency":
                return entry.id
        return None

    def _is_publisher(self, ent: Entity) -> bool:
        if not self.publisher:
            return False
        return ent.registry_id == self.publisher or match_key(ent.ref.name) == self.publisher

    # -- spans ------------------------------------------------------------------------------
    def _span(self, s: int, e: int) -> Span:
        return Span(s, e, self.text[s:e])

    def _np_span(self, np: NP) -> Span:
        return self._span(np.s, np.e)

    def _core(self, np: NP) -> tuple[int, int]:
        s = self.toks[np.head].s + (np.pre if np.head == np.i else 0)
        e = self.toks[max(np.head, np.core_j - 1)].e
        return s, e

    # -- registry ---------------------------------------------------------------------------
    def _registry_entry(self, np: NP, cat: str | None) -> Entry | None:
        """The registry entry a mention names (cached: a function of the mention's span)."""
        k = (np.i, np.j, np.head, np.core_j, np.pre, np.s, np.e, cat)
        try:
            return self._entries[k]
        except KeyError:
            entry = self._entries[k] = self._find_entry(np, cat)
            return entry

    def _find_entry(self, np: NP, cat: str | None) -> Entry | None:
        toks = self.toks
        matches = self.np.find_in(np.s, np.e)
        for m in matches:
            if m.entry.kind == "person":
                return m.entry
        cs, ce = self._core(np)
        if cat in ("anonymous", "spokesman", "correspondent", "family", "reports", "statement", "role", "people"):
            for m in matches:  # أطباء بلا حدود: the whole phrase is a name
                if m.start <= cs + 1 and m.end >= ce - 1:
                    return m.entry
            return None
        if cat == "agency":  # وكالة الأنباء الرسمية السورية "سانا": the agency, not the country
            for m in matches:
                if m.start <= ce and m.entry.kind == "agency":
                    return m.entry
            # وكالة الأنباء الرسمية السورية: without its official adjectives the phrase may name
            # an agency (وكالة الأنباء السورية); a country's adjective never makes it the country
            words = [t.raw for t in toks[np.head : np.core_j] if t.word and t.key not in _OFFICIAL]
            entry = self.reg.resolve(" ".join(words), "ar") if words else None
            if entry is not None and entry.kind == "agency":
                return entry
            matches = [m for m in matches if m.entry.kind == "agency"]
        for m in matches:
            if m.start > ce:
                break
            between = [t for t in toks[np.head : np.core_j] if t.word and cs <= t.s < m.start]
            if all(self.np.category(t.key) is not None or t.key in self.lex.agency_qualifiers for t in between):
                return m.entry
        core = self.text[cs:ce]
        entry = self.reg.resolve(core, "ar")
        if entry is None and np.j > np.core_j:
            entry = self.reg.resolve(self.text[cs : np.e], "ar")
        return entry

    # -- entities ---------------------------------------------------------------------------
    def _mods(self, np: NP) -> set[str]:
        lex = self.lex
        out = set()
        for t in self.toks[np.head + 1 : np.core_j]:
            if not t.word:
                continue
            k = t.key
            if k in lex.demonstratives or k in lex.self_words or k in ("في", "من", "باسم"):
                continue
            out.add(stem(k[1:] if k[:1] in "بل" and k[1:3] == "ال" else k))
        return out

    def _anon_kin(self, hk: str) -> str | None:
        """An unnamed source's head by its English gloss, number aside: مصدر and مصادر (source,
        sources) are one head, so "أحد المصادر" / "المصادر" refer back to "مصدر حكومي"."""
        lex = self.lex
        gloss = lex.anon_heads.get(hk) or lex.anon_heads.get(strip_def(hk)) or lex.anon_stems.get(stem(hk))
        if not gloss or " " in gloss:
            return None
        return "=" + (gloss[:-1] if gloss.endswith("s") else gloss)

    def _heads(self, np: NP) -> set[str]:
        hk = self.np.head_key(np)
        heads = {stem(hk)}
        kin = self._anon_kin(hk)
        if kin:
            heads.add(kin)
        if hk in self.lex.ministry_domains or "ال" + strip_def(hk) in self.lex.ministry_domains:
            heads.add(stem("وزاره"))  # الخارجية = وزارة الخارجية
        for t in self.toks[np.head + 1 : np.core_j]:
            if t.word and t.key.startswith("و") and self.np.category(t.key[1:]) in ("anonymous", "role", "spokesman"):
                heads.add(stem(t.key[1:]))
        return heads

    def _names(self, np: NP) -> set[str]:
        """Keys of the words of a person's name (for surnames), article stripped."""
        name = self._person_name(np)
        if name is None:
            words = [t for t in self.toks[np.head : np.core_j] if t.word]
            if not words or any(is_definite(t.key) or self.lex.is_head(t.key) for t in words):
                return set()
            name = " ".join(t.raw for t in words)
        return {strip_def(k) for k in _key_words(name)}

    def _anaphoric(self, np: NP) -> bool:
        toks, lex = self.toks, self.lex
        core = [t for t in toks[np.head : np.core_j] if t.word]
        if any(strip_def(t.key) in ("اخر", "اخري", "اخرون", "اخرين") for t in core):
            return False
        if np.demonstrative or any(t.key in lex.self_words for t in core):
            return True
        hk = self.np.head_key(np)
        if is_definite(hk):
            return True
        if len(core) > 1 and is_definite(core[1].key):
            return True
        return len(core) <= 3 and self.np.category(hk) is None

    def _antecedent(self, np: NP, cat: str | None) -> Entity | None:
        hk = self.np.head_key(np)
        hs = stem(hk)
        mods = self._mods(np)
        for e in reversed(self.entities):
            if hs in e.heads and mods <= e.mods:
                return e
        kin = self._anon_kin(hk) if is_definite(hk) else None
        if kin:
            for e in reversed(self.speakers):
                if kin in e.heads and mods <= e.mods:
                    return e  # أحد المصادر after مصدر حكومي: the same unnamed source
        if hs in _GENERIC_HUMAN and is_definite(hk) and mods:
            # "المسؤولة الأوروبية" after "رئيسة المفوضية الأوروبية فون دير لاين": a generic head
            # with the earlier speaker's qualifiers refers back to that speaker
            gender = "f" if hk.endswith("ه") else "m"
            for e in reversed(self.speakers):
                if e.kind == "person" and mods <= e.mods and e.gender in (None, gender):
                    return e
        core = [t for t in self.toks[np.head : np.core_j] if t.word]
        if cat is None and len(core) <= 3:
            keys = {strip_def(t.key) for t in core}
            for e in reversed(self.entities):
                if e.names and keys <= e.names:
                    return e  # a surname or a shorter form of a name
        return None

    def _last_statement(self) -> Entity | None:
        for e in reversed(self.speakers):
            if e.statement:
                return e
        return self.speakers[-1] if self.speakers else None

    def entity_for(self, np: NP, gender: str | None = None, *, create: bool = True) -> tuple[Entity | None, str]:
        """The entity a mention names and how it was found (registry/anaphor/new/...)."""
        toks = self.toks
        hk = self.np.head_key(np)
        cat = self.np.category(hk)
        if cat in ("statement", "document"):
            x = np.head + 1
            while x < np.core_j and toks[x].word and (self.np.adjective(toks[x].key) or toks[x].key in ("صادر", "الصادر", "عن")):
                x += 1
            if x < np.core_j:
                k = toks[x].key
                pre = 1 if k.startswith("ل") and not k.startswith("لل") and len(k) > 3 else 0
                owner = self.np.parse(x, np.core_j, pre=pre, appositions=False)
                if owner is not None:
                    return self.entity_for(owner, gender, create=create)
            if cat == "document":
                return self._reports_entity(self._np_span(np)), "new"
            return self._last_statement(), "anaphor"
        entry = self._registry_entry(np, cat)
        if entry is not None:
            for e in reversed(self.entities):
                if e.registry_id == entry.id:
                    return e, "registry"
        elif self._anaphoric(np):
            ante = self._antecedent(np, cat)
            if ante is not None:
                return ante, "anaphor"
        if not create:
            return None, "new"
        ent = self._new_entity(np, cat, entry, gender)
        self.entities.append(ent)
        return ent, "registry" if entry is not None else "new"

    def _new_entity(self, np: NP, cat: str | None, entry: Entry | None, gender: str | None) -> Entity:
        toks, lex, reg = self.toks, self.lex, self.reg
        cs, ce = self._core(np)
        core_text = _clean(self.text[cs:ce])
        hk = self.np.head_key(np)
        via: list[ViaHop] = []
        heads, mods, names = self._heads(np), self._mods(np), self._names(np)
        role = None
        if gender is None:
            hb = strip_def(hk)
            gender = "f" if hb.endswith("ه") or hb.endswith("ات") else None
        if entry is not None:
            ref = reg.source_ref(entry)
            kind = entry.kind
            role = entry.role
            for alias in entry.aliases.get("ar", ()):
                words = _key_words(alias)
                if words and self.np.category(words[0]) is not None:
                    heads.add(stem(words[0]))
            if kind == "agency":
                heads.add(stem("وكاله"))
            if kind == "person":
                role = self._role_text(np) or entry.role
                for names_ in entry.aliases.values():
                    for alias in names_:
                        names |= {strip_def(w) for w in (_key_words(alias))}
            return Entity(ref, kind, heads, mods, names, gender, entry.id, self._np_span(np), role)
        aff = self._affiliation(np)
        person = self._person_name(np) if cat == "anonymous" and is_definite(hk) else None
        if person and (key(person.split()[0]) in ("في", "من", "عن", "علي", "الي", "مع") or (
            " " not in person and key(person) not in lex.given_names
        )):
            person = None  # (المصادر المقربة من طالبان: words after "من" are an affiliation)
        if person:  # المسؤول الإعلامي في السفارة فيكتور غوريلوف: a named official is a person
            ref, kind, role = self._ref(person, "person", aff), "person", self._role_text(np) or core_text
        elif cat == "anonymous":
            name = self._english_anon(np, aff) or core_text
            ref = reg.make_source(name, "anonymous", lang="ar", affiliation=aff.name if aff else None)
            kind = "anonymous"
        elif cat == "people":
            ref = reg.make_source(core_text, "anonymous", lang="ar", affiliation=aff.name if aff else None)
            kind = "anonymous"
        elif cat == "spokesman":
            word = "spokeswoman" if strip_def(hk).endswith("ه") else "spokesman"
            person = self._person_name(np)
            name = person or (f"{aff.name} {word}" if aff else core_text)
            ref = self._ref(name, "person", aff)
            kind, role = "person", self._role_text(np) or core_text
        elif cat == "correspondent":
            name = f"{aff.name} correspondent" if aff else core_text
            ref = self._ref(name, "agency", aff)
            kind = "agency"
            if aff is not None:  # an agency's correspondent reaches us via the agency
                via = [ViaHop(source=reg.source_ref(aff), mention=None)]
        elif cat == "family":
            ref = self._ref(core_text, "person", aff)
            kind = "person"
        elif cat == "reports":
            ref = SourceRef(id="reports", name="reports", kind="reports")
            kind = "reports"
        elif cat == "role":
            person = self._person_name(np)
            role = self._role_text(np)
            if person:
                ref = self._ref(person, "person", aff)
                kind = "person"
            elif not is_definite(hk) and not (np.head + 1 < np.core_j and is_definite(toks[np.head + 1].key)):
                ref = reg.make_source(core_text, "anonymous", lang="ar", affiliation=aff.name if aff else None)
                kind = "anonymous"
            else:
                ref = self._ref(core_text, "person", aff)
                kind = "person"
        elif cat == "agency":
            ref = self._ref(self._english_media(np) or core_text, "agency", aff)
            kind = "agency"
        elif cat == "organization":
            ref = self._ref(core_text, "organization", aff)
            kind = "organization"
        else:
            words = [t for t in toks[np.head : np.core_j] if t.word]
            # a proper name starts without the article (أحمد نجيب الشابي); bodies with it (النقابة)
            kind = "person" if words and not is_definite(words[0].key) else "organization"
            ref = self._ref(core_text, kind, aff)
        if kind == "person" and role is None:
            role = self._role_text(np)
        return Entity(ref, kind, heads, mods, names, gender, None, self._np_span(np), role, via=via)

    def _ref(self, name: str, kind: str, aff: Entry | None) -> SourceRef:
        ref = SourceRef(id=slugify(name), name=name, kind=kind)
        if aff is not None:
            chain = self.reg.family(aff.id)
            ref.parent, ref.family, ref.affiliation = aff.id, chain[-1] if chain else aff.id, aff.name
        return ref

    def _affiliation(self, np: NP) -> Entry | None:
        head_s = self.toks[np.head].e
        for m in self.np.find_in(np.s, np.e):
            if m.start >= head_s and m.entry.kind != "person":
                return m.entry
        return None

    def _person_name(self, np: NP) -> str | None:
        """A proper name inside a role phrase: وزير الداخلية أحمد زاهد، ممثل الحركة أنور الآغا."""
        toks, lex = self.toks, self.lex
        run_start = titled = None
        for x in range(np.head + 1, np.core_j):
            t = toks[x]
            if not t.word:
                run_start = None
                continue
            if run_start is not None and t.key in lex.person_roles and is_definite(t.key):
                # مدير مستشفى الملك فهد الدكتور سعد القحطاني: a title starts the holder's name anew
                run_start, titled = None, run_start
            prev = toks[x - 1]
            plain = (
                not is_definite(t.key) and not lex.is_head(t.key) and t.key not in lex.np_breaks
                and t.key != "باسم" and stem(t.key) not in lex.nationalities and not t.key.isdigit() and not (t.key[:1] in "بل" and (t.key[1:3] == "ال" or lex.is_head(t.key[1:])))
            )
            if run_start is None:
                after_obj = x - 2 >= np.head and toks[x - 2].key in ("في", "من")
                if plain and (prev.word or prev.raw == ".") and prev.key not in ("في", "من", "باسم") and (
                    is_definite(prev.key) or prev.key in lex.person_roles or x == np.head + 1 or after_obj or prev.raw == "."
                ):
                    run_start = x
        if run_start is None and titled is not None:
            run_start = titled  # no name after the title (... آل الشيخ): it was part of the name
        if run_start is not None:
            return _clean(self.text[toks[run_start].s : toks[np.core_j - 1].e])
        for a, b in np.appos:
            words = [t for t in toks[a:b] if t.word]
            if words and (words[0].key in lex.given_names or all(
                not is_definite(t.key) and not lex.is_head(t.key) for t in words
            )):  # (a given name may end with a definite nisba: محمد شياع السوداني)
                return _clean(self.text[toks[a].s : toks[b - 1].e])
        return None

    def _role_text(self, np: NP) -> str | None:
        toks, lex = self.toks, self.lex
        for a, b in np.appos:
            words = [t for t in toks[a:b] if t.word]
            if words and (lex.is_head(words[0].key) or words[0].key in lex.person_roles):
                return _clean(self.text[toks[a].s : toks[b - 1].e])
        hk = self.np.head_key(np)
        if self.np.category(hk) in ("role", "spokesman"):
            cs, ce = self._core(np)
            name = self._person_name(np)
            text = self.text[cs:ce]
            if name and text.endswith(name):
                text = text[: -len(name)]
            return _clean(text) or None
        return None

    def _english_anon(self, np: NP, aff: Entry | None) -> str | None:
        toks, lex = self.toks, self.lex
        if np.compound:
            return None
        hk = self.np.head_key(np)
        head_en = lex.anon_heads.get(strip_def(hk)) or lex.anon_heads.get(hk)
        if not head_en:
            return None
        aff_span = None
        if aff is not None:
            for m in self.np.find_in(np.s, np.e):
                if m.entry.id == aff.id:
                    aff_span = (m.start, m.end)
                    break
        words: list[str] = []
        for t in toks[np.head + 1 : np.core_j]:
            if not t.word or t.key in lex.self_words or t.key in lex.demonstratives:
                continue
            if aff_span and aff_span[0] <= t.s < aff_span[1]:
                continue
            if t.key in ("في", "من", "ب") or (t.key[:1] in "بل" and aff_span and t.e > aff_span[0] >= t.s):
                continue
            en = lex.nationalities.get(stem(t.key))
            if en is None:
                return None
            words.append(en)
        if aff is not None and aff_span is None:
            return None
        rank = [w for w in words if w in _RANK and w != "close"]
        nat = [w for w in words if w[0].isupper()]
        dom = [w for w in words if w not in _RANK and not w[0].isupper()]
        if aff is not None:
            if "close" in words:
                return f"{head_en} close to the {aff.name}"
            return " ".join([w for w in rank if w != "informed"] + [aff.name] + dom + [head_en])
        return " ".join(rank + nat + dom + [head_en])

    def _english_media(self, np: NP) -> str | None:
        """الإعلام الرسمي السوري → Syrian state media."""
        toks, lex = self.toks, self.lex
        noun = lex.generic_media_en.get(strip_def(self.np.head_key(np)))
        if noun is None:
            return None
        nat, state = [], False
        for t in toks[np.head + 1 : np.core_j]:
            if not t.word or strip_def(t.key) in ("اعلام",):
                continue
            if t.key in lex.agency_qualifiers and t.key not in ("الرسميه", "الرسمية"):
                continue  # وكالة الأنباء، القناة الإخبارية: "news" is in the English noun
            en = lex.nationalities.get(stem(t.key))
            if en is None:
                return None  # a medium with a name of its own (قناة سكاي)
            if en in ("official", "government"):
                state = True
            elif en[0].isupper():
                nat.append(en)
        if not nat and not state and noun != "media":
            return None  # (a bare "the agency" / "a channel" stays as written)
        return " ".join(nat + (["state"] if state else []) + [noun])

    # -- zero subjects ------------------------------------------------------------------------
    @staticmethod
    def _agrees(ent: Entity, gender: str | None) -> bool:
        if gender is None or ent.gender is None:
            return True
        if gender == "p":
            return ent.gender == "p"
        return ent.gender == gender

    def _zero(self, tok: int, in_sentence: tuple[int, int], gender: str | None, mid: bool) -> tuple[Entity | None, Span | None]:
        if mid:
            i0 = in_sentence[0]
            for x in range(tok - 1, i0 - 1, -1):
                t = self.toks[x]
                if not t.word or not is_definite(t.key):
                    continue
                s = stem(t.key)
                for e in reversed(self.entities):
                    if s in e.heads and e in self.speakers:
                        return e, self._span(t.s, t.e)
        for e in reversed(self.speakers):
            if self._agrees(e, gender):
                return e, e.mention
        if self.speakers:
            e = self.speakers[-1]
            return e, e.mention
        return self._subject_in_sentence(tok, in_sentence[0])

    _SPEAKER_CATS = frozenset({"anonymous", "role", "spokesman", "correspondent", "organization", "agency", "people", "family"})

    def _opening_subject(self, tok: int, i0: int, gender: str | None) -> tuple[Entity | None, Span | None]:
        """"والتقى العاهل الأردني الوفد، وقال إن ...": a conjoined verb without a subject, in a
        sentence whose first clause (a verb, then its subject) made no claim, continues that
        subject (when it is a speaker and agrees with the verb), not the previous speaker."""
        toks, npp = self.toks, self.np
        w0 = i0
        while w0 < tok and not toks[w0].word:
            w0 += 1
        x = w0 + 1
        if x >= tok or not toks[x].word or not toks[w0].key[:1] in "وف":
            return None, None
        k0 = toks[w0].key
        if k0 in self.lex.np_breaks or k0 in self.lex.phrase_stops or npp.category(k0) is not None \
                or npp.category(k0[1:]) is not None or self.lex.verb(k0) or k0 in self.lex.frames:
            return None, None  # (the sentence opens with a phrase, a frame or a reporting verb)
        np = npp.parse(x, tok, appositions=False)
        if np is None or np.j >= tok:
            return None, None
        cat = npp.category(npp.head_key(np))
        if gender in ("m", "f") and cat in ("role", "spokesman", "anonymous"):
            own = "f" if strip_def(npp.head_key(np)).endswith("ه") else "m"  # رئيس / رئيسة
            if own != gender:
                return None, None
        if cat not in self._SPEAKER_CATS and not any(
            m.entry.kind in ("person", "organization", "agency") for m in npp.find_in(np.s, np.e)
        ):
            return None, None
        if not any(toks[y].raw in "،," for y in range(np.j, tok)):
            return None, None  # the verb is in another clause: after a comma
        ent, _ = self.entity_for(np)
        if ent is None or not self._agrees(ent, gender):
            return None, None
        return ent, self._np_span(np)

    def _subject_in_sentence(self, tok: int, i0: int) -> tuple[Entity | None, Span | None]:
        """No earlier speaker: a source-like phrase earlier in the sentence (سئل الوزير ... فقال)."""
        for x in range(tok - 1, i0 - 1, -1):
            t = self.toks[x]
            if not t.word or self.np.category(t.key) in (None, "statement", "document", "reports"):
                continue
            np = self.np.parse(x, tok, appositions=False)
            if np is not None:
                ent, _ = self.entity_for(np)
                return ent, self._np_span(np)
        return None, None

    # -- attributions -------------------------------------------------------------------------
    def _hop(self, np: NP) -> ViaHop | None:
        ent, _how = self.entity_for(np)
        if ent is None or self._is_publisher(ent):
            return None
        return ViaHop(source=ent.ref, mention=self._np_span(np))

    def _hops(self, nps, exclude: Entity | None) -> list[ViaHop]:
        out: list[ViaHop] = []
        for np in nps:
            if np is None:
                continue
            hop = self._hop(np)
            if hop is None or (exclude is not None and hop.source is exclude.ref):
                continue
            if all(h.source.id != hop.source.id for h in out):
                out.append(hop)
        return out

    def resolve(self, a, in_sentence: tuple[int, int]) -> tuple[Attribution, Entity | None]:
        spec: SrcSpec = a.src
        how = "new"
        if spec.reports_span is not None:
            s, e = spec.reports_span
            ent = self._reports_entity(self._span(s, e))
            mention = self._span(s, e)
        elif spec.np is not None:
            ent, how = self.entity_for(spec.np, spec.gender if not a.svo else None)
            mention = self._np_span(spec.np)
            if ent is not None and spec.np.j > spec.np.i:
                ent.mention = mention
                if ent.kind == "person" and how == "registry":
                    ent.role = self._role_text(spec.np) or ent.role
        else:
            ent = None
            if a.conj and a.fresh and not spec.pronoun and a.tok > in_sentence[0]:
                ent, mention = self._opening_subject(a.tok, in_sentence[0], spec.gender)
                how = "clause"
            if ent is None:
                mid = not a.conj and a.tok > in_sentence[0] and not spec.pronoun and self.toks[a.tok - 1].word
                ent, mention = self._zero(a.tok, in_sentence, spec.gender, mid)
                how = "zero"
        if ent is None:
            return Attribution.unattributed(), None
        vias = self._hops(spec.via_nps, ent)
        if not vias and how == "new" and ent.via:
            vias = list(ent.via)
        if vias:
            ent.via = list(vias)
            if ent.kind == "anonymous":
                for old in ent.claims:
                    if not old.via:
                        old.via.extend(vias)
        elif how in ("anaphor", "zero"):
            vias = list(ent.via)
        if spec.statement:
            ent.statement = True
        if ent.registry_id is None and mention is not None and mention.text not in ent.ref.aliases:
            ent.ref.aliases = (*ent.ref.aliases, mention.text)
        conf = {"registry": 0.9, "new": 0.85, "anaphor": 0.8, "zero": 0.7}.get(how, 0.75)
        if a.kind in ("trail", "paren"):
            conf -= 0.1
        cue = self._span(*a.cue) if a.cue else None
        att = Attribution(source=ent.ref, mention=mention, cue=cue, role=ent.role, mode="indirect",
                          via=vias, confidence=conf, reason=_reason(a, how, cue, mention, vias))
        ent.claims.append(att)
        self.speakers.append(ent)
        return att, ent

    def attribution(self, a, mode: str, in_sentence: tuple[int, int]) -> Attribution:
        att, _ = self.resolve(a, in_sentence)
        att.mode = mode
        return att

    def _reports_entity(self, mention: Span) -> Entity:
        for e in self.entities:
            if e.kind == "reports":
                return e
        ent = Entity(SourceRef(id="reports", name="reports", kind="reports"), "reports", {"تقارير", "انباء"}, set(),
                     set(), "f", None, mention)
        self.entities.append(ent)
        return ent

    def continuation(self, prev: Attribution) -> Attribution:
        """The same speaker's quotation going on in a new paragraph."""
        att = Attribution(source=prev.source, mention=prev.mention, cue=None, role=prev.role,
                          mode="direct", via=list(prev.via), confidence=0.6,
                          reason="quotation running on from the previous paragraph; speaker: its speaker")
        for e in reversed(self.entities):
            if e.ref is prev.source:
                e.claims.append(att)
                self.speakers.append(e)
                break
        return att

    def same_entity(self, a, ent: Entity | None) -> bool:
        if ent is None or a.src.np is None:
            return False
        np = a.src.np
        if any(strip_def(t.key) in ("اخر", "اخري", "اخرون", "اخرين") for t in self.toks[np.head : np.core_j]):
            return False  # تقارير أخرى، مصدر آخر: another source
        other, _ = self.entity_for(a.src.np, create=False)
        return other is ent

    def add_vias(self, att: Attribution, a) -> None:
        for hop in self._hops(a.src.via_nps, None):
            if hop.source is not att.source and all(h.source.id != hop.source.id for h in att.via):
                att.via.append(hop)

    def add_frame_via(self, att: Attribution, ent: Entity | None, a) -> None:
        """A trailing "بحسب ما نقلت عنه الوكالة" inside a quoted claim: the frame is a conduit."""
        nps = list(a.src.via_nps)
        if a.src.np is not None:
            nps.insert(0, a.src.np)
        hops = [h for h in self._hops(nps, ent) if h.source is not att.source]
        for hop in hops:
            if all(h.source.id != hop.source.id for h in att.via):
                att.via.append(hop)
        if hops and ent is not None:
            ent.via = list(att.via)
            if ent.kind == "anonymous":
                for old in ent.claims:
                    if not old.via:
                        old.via.extend(hops)

    def invert(self, att: Attribution, outer: Entity, a, outer_anchor) -> Entity | None:
        """"وفقا لوكالة فرانس برس، قالت المصادر ...": the inner speaker is the source, the outer a via."""
        if att in outer.claims:
            outer.claims.remove(att)
        for n in range(len(self.speakers) - 1, -1, -1):
            if self.speakers[n] is outer:
                del self.speakers[n]
                break
        if outer_anchor.src.np is not None:
            a.src.via_nps.insert(0, outer_anchor.src.np)
        inner, ent = self.resolve(a, (outer_anchor.tok, a.tok + 1))
        att.source, att.mention, att.cue, att.role, att.via, att.confidence = (
            inner.source, inner.mention, inner.cue, inner.role, inner.via, inner.confidence
        )
        att.reason = inner.reason
        if all(h.source is not outer.ref for h in att.via):
            att.reason = f"{inner.reason}; reported by {outer.ref.name}"
        if ent is not None:
            ent.claims[-1] = att
        return ent

    def finish(self) -> None:
        """Nothing is pending at the end of an article (vias propagate as they appear)."""


_OFFICIAL = frozenset({"الرسميه", "الرسمي", "الحكوميه", "الحكومي", "رسميه", "رسمي"})

_HOW = {
    "registry": "named in the source registry",
    "new": "the subject noun phrase",
    "anaphor": "a short or role-only mention resolved to an earlier speaker",
    "zero": "no overt subject: the current speaker of the discourse",
    "clause": "no overt subject: the subject of the sentence's first clause (والتقى X ...، وقال)",
}


def _reason(a, how: str, cue: Span | None, mention: Span | None, vias: list[ViaHop]) -> str:
    """One line: the rule and cue that fired, and how the speaker was resolved."""
    rule = a.rule or a.kind
    out = f"{rule} {cue.text!r}" if cue is not None else rule
    if a.src.reports_span is not None:
        return out + "; vague reports"
    out += f"; speaker: {_HOW.get(how, how)}"
    if mention is not None and how in ("anaphor", "zero"):
        out += f" ({mention.text!r})"
    if vias:
        out += "; via " + ", ".join(h.source.name for h in vias)
    return out


@lru_cache(maxsize=8192)
def _key_words(name: str) -> tuple[str, ...]:
    return tuple(map(key, _WORD.findall(name)))


_WORD = re.compile(r"\w+")
_SPACES = re.compile(r"[\s_]+")  # (a hashtag's underscores join its words: #الجيش_اليوناني)


_EDGE_CHARS = " \"'«»“”()[]،,:;.-–—"


_QUOTE_MARKS = re.compile('["“”„]')  # a name keeps its words, not the quotation marks around some


def _clean(text: str) -> str:
    """Whitespace collapsed, punctuation trimmed at the edges (a closing bracket that closes
    something inside is kept)."""
    out = _SPACES.sub(" ", _QUOTE_MARKS.sub("", text)).strip(_EDGE_CHARS)  # (no other space is left to strip)
    if "(" in out or "[" in out or "«" in out:
        for o, c in ("()", "[]", "«»"):
            if out.count(o) > out.count(c) and text.rstrip().endswith(c):
                out += c
    return out
