"""Shallow English parsing: find attribution cues in one sentence and their source mentions.

No part-of-speech tagger: closed word classes and cue verbs come from the lexicon, and a
source is a noun phrase next to its cue: left of it (``the official said``), right of it
after a quotation (``", said Ryder``), after ``according to``, or before a headline colon.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace

from factcheck.text.english_lex import Lexicon, Verb
from factcheck.text.english_tokens import Token

_SUBJECT_PRONOUNS = frozenset({"he", "she", "they", "i", "we", "it"})
_QUOTE_MARKS = frozenset('"“”«»„\u2018\u2019')
_ANSWER_VERBS = frozenset({"respond", "reply", "answer", "return", "comment"})
_REFUSAL_VERBS = frozenset({"decline", "refuse"})
_NO_COMMENT_VERBS = frozenset({"comment", "elaborate", "discuss", "say", "speak", "answer", "respond", "confirm",
                               "specify", "detail", "give", "provide", "be", "identify", "disclose", "talk"})
_NON_RESPONSE_VERBS = frozenset({"respond", "reply", "return"})  # "... to a request for comment"
_TIME_NOUNS = frozenset(
    "week month year weekend morning afternoon evening night summer spring fall winter day time".split()
)
_TIME_DETERMINERS = frozenset("this last next that each every on in the one late early mid".split())
_TIME_WORDS = frozenset(
    """today yesterday tonight earlier later recently last this next week month year morning
    afternoon evening night weekend ago on at in early late""".split()
)


_AGENT_SUFFIXES = ("ists", "ers", "ors", "ians", "ants", "ents", "ives", "ist", "ian")


def _agentive(word: str) -> bool:
    """A plural or agent noun naming people (``environmentalists``, ``protesters``)."""
    return len(word) > 5 and word.endswith(_AGENT_SUFFIXES)


_BE = frozenset("is are was were been be am 's 're isn't aren't wasn't weren't".split())
_MASS_NOUNS = frozenset("data police people staff public media press crowd team family".split())
_QUANTITY_NOUNS = frozenset(
    "number group majority minority handful lot couple bunch series pair team plurality share percent".split()
)
_QUANTIFIERS = frozenset("some many most others all both each several few none everyone".split())
_COMMON_VERBS = frozenset(
    """went goes go made make makes took take takes got get gets came come comes gave give gives began
    begin begins tried try tries sought seeks wanted want wants used uses needed needs""".split()
)
_DEGREE = frozenset("so very too deeply increasingly highly extremely quite less more most not never".split())
_CLAUSE_WORDS = frozenset("that how what why whether".split())
_CLAUSE_ADJECTIVES = frozenset("sure convinced confident certain adamant hopeful afraid optimistic".split())
#: evaluative verbs whose -ing form after a noun is an ordinary act, not a stance ("a firm offering loans")
_PLAIN_ACTS = frozenset("""express issue offer publish float pitch unveil articulate cast paint frame reference invoke
    link compare promote welcome celebrate thank question call refer remind mull ponder grill quiz rate hype
    challenge contest term label brand name dub liken credit blame fault decide push agree""".split())
_ANON_ADJECTIVES = frozenset("anonymous unnamed unidentified".split())  # inside the mention only
_ANON_POSTMODIFIERS = frozenset("familiar close briefed with knowledgeable involved".split())  # right after it
_ANON_LEADS = frozenset("who speaking spoke talking as because was were is are".split())
#: participles after which ``by`` names the outlet that relayed a statement (a conduit, not its author)
_CARRIED = frozenset("carried quoted broadcast aired relayed cited run reported published".split())
_RELAY_LEMMAS = frozenset({"quote", "cite"})  # "X quoted Y as saying": X relays what Y said
_REPORTER_NOUNS = frozenset("""correspondent correspondents reporter reporters journalist journalists witness witnesses
    photographer photographers cameraman""".split())  # "a Reuters witness": one of the agency's own staff
#: opening phrases naming the outlet a speaker spoke to (see SentenceParser._opening_conduit)
_CONDUIT_OPENERS = tuple(tuple(p.split()) for p in (
    "in an interview with", "in an exclusive interview with", "in a phone interview with",
    "in a telephone interview with", "in a television interview with", "in an interview on", "in comments to",
    "in remarks to", "in a statement to", "in an email to", "in a post on", "speaking to", "speaking with",
    "talking to", "asked by", "in an interview broadcast by", "in an interview published by"))
_PUBLISHED = frozenset("released published conducted taken issued posted filed compiled commissioned".split())
_STANCE = Verb("stance", "evaluative", False, (), "past")


@dataclass(slots=True)
class Hit:
    """One attribution cue in a sentence (token indexes are into the sentence's tokens)."""

    cue: tuple[int, int]  # token range [a, b)
    mention: tuple[int, int] | None  # token range of the source mention, None when implied
    frame: str  # verb | according | headline | label | byline | reports | participle | stance | nominal
    content: str  # right | left | around
    verb: Verb | None = None
    head: str = "np"  # pronoun | relative | name | np | reports | implied
    role: tuple[int, int] | None = None  # appositive describing the source
    via: list[tuple[int, int, bool]] = field(default_factory=list)  # conduits (see _after_cue)
    tail_via: tuple[int, int, int] | None = None  # ", in an interview with the BBC." closing it: (comma, start, end);
    # start -1 when the closing phrase names no outlet (", speaking to reporters.")
    anonymous: bool = False
    confidence: float = 0.8
    pronoun: str | None = None  # the pronoun a possessive stands for ("his" -> "he")
    opener: int | None = None  # the "as" of "As X reported, ...", part of the attribution words

    @property
    def anchor(self) -> tuple[int, int]:
        lo, hi = self.cue
        if self.mention:
            lo, hi = min(lo, self.mention[0]), max(hi, self.mention[1])
        if self.opener is not None:
            lo = min(lo, self.opener)
        if self.role:
            lo, hi = min(lo, self.role[0]), max(hi, self.role[1])
        return lo, hi


class SentenceParser:
    """Finds :class:`Hit` s in the tokens of one sentence."""

    def __init__(self, lex: Lexicon, tokens: list[Token], headline: bool = False, para_start: bool = False,
                 registry=None):
        self.lex = lex
        self.registry = registry  # the source registry, to tell a news agency's name (optional)
        self.t = tokens
        self.n = len(tokens)
        self.headline = headline
        self.para_start = para_start
        words = [k for k, tok in enumerate(tokens) if tok.word]
        self.first_word = words[0] if words else self.n
        self.last_word = words[-1] if words else -1

    # -- word classes ------------------------------------------------------------------------
    def is_function(self, i: int) -> bool:
        return self.t[i].norm in self.lex.function_words

    def is_pre_verb(self, i: int) -> bool:
        n = self.t[i].norm
        return self.t[i].word and (n in self.lex.pre_verb or n.endswith("n't"))

    def is_time(self, i: int) -> bool:
        n = self.t[i].norm
        return n in self.lex.days or n in _TIME_WORDS

    # -- main --------------------------------------------------------------------------------
    def parse(self) -> list[Hit]:
        hits: list[Hit] = []
        if self.headline:
            h = self._headline()
            if h:
                return [h]
        h = self._byline() or (self._label() if self.para_start else None)
        if h:
            return [h]
        i = 0
        nominal = None
        while i < self.n:
            tok = self.t[i]
            if tok.quote or not tok.word:
                i += 1
                continue
            hit = self._according(i) or self._reports(i) or self._in_view(i)
            if hit is None:
                verb = self.lex.verbs.get(tok.norm)
                if verb is not None:
                    hit = self._verb(i, verb)
                if hit is None and (tok.norm in self.lex.light_verbs or tok.norm in self.lex.be_forms):
                    hit = self._stance(i)
            if hit is None and nominal is None and tok.norm in self.lex.report_nouns:
                nominal = self._nominal(i)
            if hit is not None:
                hits.append(hit)
                i = max(i + 1, hit.cue[1])
            else:
                i += 1
        if not hits and nominal is not None:
            hits.append(nominal)
        for hit in hits:
            self._reporter_outlet(hit)
        if hits:
            self._opening_conduit(hits)
            self._closing_conduit(hits)
        ev = self._in_evidence()
        if ev is not None and (not hits or all(h.mention is not None and self._respondents(*h.mention) for h in hits)):
            return [ev]  # "In a poll released Monday, 52 percent of voters backed ...": the poll reports it
        return hits

    def _respondents(self, a: int, b: int) -> bool:
        """A mention counting people (``52 percent of voters``, ``most respondents``), as polls report."""
        t = self.t
        return any(t[k].norm[:1].isdigit() or t[k].norm in self.lex.number_words or t[k].norm in _QUANTIFIERS
                   or t[k].norm in ("voters", "respondents", "americans", "adults") for k in range(a, b))

    def _in_view(self, i: int) -> Hit | None:
        """``In Roe's view, ...``, ``in his words``, ``..., in the senator's opinion``: the possessor
        is the source of the clause the phrase frames."""
        t = self.t
        if t[i].norm != "in" or i + 2 >= self.n:
            return None
        k = i + 1
        if t[k].norm == "the":
            k += 1
        e = k
        while e < self.n and e - k < 5 and t[e].word and not t[e].quote and not t[e].norm.endswith(("'s", "s'")) \
                and t[e].norm not in ("his", "her", "their", "my", "our"):
            e += 1
        if e >= self.n - 1 or not t[e].word:
            return None
        n = t[e].norm
        v = e + 1
        while v < self.n and v - e <= 2 and t[v].word and t[v].norm not in self.lex.view_nouns \
                and not t[v].cap and t[v].norm not in self.lex.function_words:
            v += 1  # "in his own words", "in Roe's considered opinion"
        if v >= self.n or t[v].norm not in self.lex.view_nouns:
            return None
        if v + 1 < self.n and t[v + 1].norm in ("of", "that", "with", "to"):
            return None  # "in his account of the trip", "in her analysis of": a medium, not a frame
        if n in ("his", "her", "their"):
            if e != i + 1:
                return None
            pron = {"his": "he", "her": "she", "their": "they"}[n]
            mention, head = (e, e + 1), "pronoun"
        else:
            if not (t[e].cap or t[e].norm[:-2] in self.lex.source_nouns):
                return None
            a = i + 1 if not t[e].cap or e > k else k  # "the senator's", but "Roe's"
            mention, head, pron = (a, e + 1), ("name" if t[e].cap else "np"), None
        if self.at_end(v + 1) and i > 0:
            content = "left"
        elif i <= self.first_word:
            content = "right"
        else:
            content = "around"
        return Hit((i, v + 1), mention, "according", content, head=head, confidence=0.6, pronoun=pron)

    def _nominal(self, i: int) -> Hit | None:
        """``Trump's claim that ...``, ``his call for ...``: the possessor is the source."""
        t = self.t
        k = i - 1
        while k >= 0 and k >= i - 3 and t[k].word and not t[k].cap and t[k].norm not in self.lex.function_words \
                and not t[k].norm.endswith("'s"):
            k -= 1  # adjectives: "Trump's earlier claim"
        if k < 0 or not t[k].word:
            return None
        n = t[k].norm
        if n in ("his", "her", "their"):
            pron = {"his": "he", "her": "she", "their": "they"}[n]
            return Hit((i, i + 1), (k, k + 1), "nominal", "right", head="pronoun", confidence=0.45,
                       pronoun=pron)
        if not (n.endswith("'s") or n.endswith("s'")):
            return None
        base = n[:-2] if n.endswith("'s") else n[:-1]
        if not t[k].cap and not (base in self.lex.source_nouns and k > 0 and t[k - 1].norm in ("the", "a", "an")):
            return None  # "the minister's claim": a source noun with an article is a possessor too
        a = self.np_left(k) if k > 0 else k
        return Hit((i, i + 1), (a if a is not None else k, k + 1), "nominal", "right", head="name",
                   confidence=0.45)

    def _in_evidence(self) -> Hit | None:
        """``In a poll released Monday, 50 percent chose ...``: a sentence opened by ``in`` and a
        poll, survey, study or report (and no other cue) reports what follows its comma."""
        t, k = self.t, self.first_word
        if k >= self.n or t[k].norm != "in":
            return None
        np = self.np_right(k + 1, allow_lower=True)
        heads = [] if np is None else [j for j in range(*np) if t[j].norm in self.lex.evidence_nouns and not t[j].cap]
        if not heads:
            return None
        end = np[1]
        while end < min(self.n, np[1] + 8) and t[end].text != "," and not t[end].quote:
            end += 1  # "released Monday", "conducted last week"
        if end >= self.n or t[end].text != "," or self.at_end(end + 1):
            return None
        end = heads[-1] + 1  # the poll itself names the source, not its date
        return Hit((k, k + 1), (k + 1, end), "according", "right", head="np", confidence=0.6)

    # -- frames ------------------------------------------------------------------------------
    def _phrase_at(self, i: int, phrases) -> int:
        """Length in tokens of the longest phrase starting at token i (0 if none)."""
        for ph in phrases.get(self.t[i].norm, ()):
            if i + len(ph) > self.n:
                continue
            if all(self.t[i + k].norm == ph[k] for k in range(1, len(ph))):
                return len(ph)
        return 0

    def _noun_use(self, subj: tuple[int, int], cue_end: int) -> bool:
        """A noun-like cue form read as a noun: "the horrific San Bernardino attack.",
        "Pagliano's Fifth Amendment claims", "from British rule", "demand from China"."""
        t = self.t
        a, b = subj
        if self.at_end(cue_end) and not (cue_end < self.n and t[cue_end].text == ":"):
            # "..., the Herald reports.": a closing report, not a noun
            return not (a > 0 and (t[a - 1].text == "," or t[a - 1].text in _QUOTE_MARKS or t[a - 1].quote)
                        and self._named_reporter(b - 1))
        if cue_end < self.n and t[cue_end].norm in self.lex.prepositions and t[cue_end].norm not in (
                "to", "that", "about", "on", "for", "against", "with", "over"):
            return True
        if any(t[k].norm.endswith(("'s", "s'")) for k in range(a, b)):
            return True
        return a > 0 and (t[a - 1].norm in self.lex.prepositions or t[a - 1].norm in self.lex.determiners) \
            and t[a - 1].norm not in ("to", "that")

    def _complement(self, k: int) -> bool:
        """A clause, quotation or prepositional complement follows token ``k``."""
        while k < self.n and (self.is_pre_verb(k) or self.is_time(k)) \
                and self.t[k].norm not in ("that", "on", "in", "at"):
            k += 1
        if k >= self.n:
            return True
        tok = self.t[k]
        return tok.norm in self.lex.complement_words or tok.quote or tok.text in _QUOTE_MARKS \
            or self.at_end(k)

    def _according(self, i: int) -> Hit | None:
        t = self.t
        k = self._phrase_at(i, self.lex.according)
        if not k:
            return None
        first = self.t[i].norm
        if first == "per" and not (i == 0 or self.t[i - 1].text == ","):
            return None
        if first in ("citing", "quoting") and not (i > 0 and self.t[i - 1].text == ","):
            return None
        np = self.np_right(i + k, allow_lower=True)
        if np is None:
            return None
        if first in ("citing", "quoting"):
            head = self.head_of(*np)
            if not (head.cap or head.norm in self.lex.anonymous_heads or head.norm in self.lex.statement_nouns
                    or head.norm in self.lex.person_nouns or head.norm in self.lex.agency_nouns
                    or head.norm in self.lex.org_words):  # "citing the ministry", "citing police"
                return None  # "citing concerns about ...": a reason, not a source
        np, relay = self._medium_author(np)
        role = None
        if relay is None and np[1] < self.n and t[np[1]].text == "," and i > 0:
            role = self._appositive_right(np[1])  # "..., according to Jane Roe, an analyst at X."
            if role is not None and not self.at_end(role[1]):
                role = None
        rep = self._phrase_at(i, self.lex.report_phrases)
        if self.at_end(np[1] if role is None else role[1]) and i > 0:
            content = "left"
        elif i <= self.first_word:
            content = "right"
        else:
            content = "around"
        hit = Hit((i, i + k), np, "according", content, head="np", role=role, confidence=0.85)
        if relay is not None:
            hit.via.append(relay)  # "according to a statement carried by KCNA": the agency relays it
            if self.at_end(relay[1]) and i > 0:
                hit.content = "left"
        if rep:
            hit.head = "reports"
        self._anonymity(hit)
        return hit

    def _medium_author(self, np: tuple[int, int]):
        """``a statement issued by the mediators`` -> ``the mediators`` (the statement is a medium);
        ``a statement carried by KCNA`` -> the statement, relayed by the agency.

        Returns the source's token range and the relay's ``(start, end, sure)`` or None."""
        t = self.t
        a, b = np
        media = [j for j in range(a, b) if t[j].norm in self.lex.statement_nouns or t[j].norm in self.lex.evidence_nouns]
        if not media:
            return np, None
        k = media[0] + 1
        participle = None
        if k < self.n and t[k].norm in ("issued", "released", "published", "posted", "signed", "sent", "put",
                                        "carried", "distributed", "broadcast", "aired", "run", "quoted", "relayed"):
            participle = t[k].norm
            k += 2 if k + 1 < self.n and t[k + 1].norm == "out" else 1
        elif k != b:
            if b < self.n and t[b].norm == "by" and t[b - 1].word and not t[b - 1].cap:
                author = self.np_right(b + 1, allow_lower=True)  # "an analysis of state data by X"
                if author is not None:
                    return (a, author[1]), None
            return np, None
        if k < self.n and t[k].norm in ("by", "from"):
            author = self.np_right(k + 1, allow_lower=True)
            if author is not None:
                ae = author[1]
                while ae - 1 > author[0] and not t[ae - 1].cap and self.is_time(ae - 1):
                    ae -= 1  # "the mediators late on Sunday": the time is not part of the author
                outlet = self._outlet(author[0], ae)
                if participle in _CARRIED and t[k].norm == "by" and (outlet or t[ae - 1].cap and (
                        participle != "published" or self._agency_name(author[0], ae))):
                    return (a, media[0] + 1), self._relay(author[0], ae)
                if participle is None and t[k].norm == "by":
                    return (a, ae), None  # "a count by the Herald": the count, with its author inside
                return (author[0], ae), None
        return np, None

    def _reports(self, i: int) -> Hit | None:
        k = self._phrase_at(i, self.lex.report_phrases)
        if not k:
            return None
        words = [self.t[i + j].norm for j in range(k)]
        if words[0] in ("reports", "report") and self._named_reporter(i - 1):
            return None  # "The Herald reports that ...": a verb with its subject, not vague reports
        if words[0] in ("it",):
            mention = (i, i + 1)
        else:
            mention = (i, i + k)
        return Hit((i, i + k), mention, "reports", "around", head="reports", confidence=0.6)

    def _named_reporter(self, k: int) -> bool:
        """Token ``k`` ends a named reporter (``The Herald``, ``Reuters``, ``the newspaper``)."""
        if k < 0 or not self.t[k].word or self.t[k].quote:
            return False
        tok = self.t[k]
        if tok.cap:
            return k > self.first_word or tok.norm in self.lex.agency_words
        return tok.norm in self.lex.agency_nouns and not tok.norm.endswith("s") and tok.norm not in ("media", "press")

    def _byline(self) -> Hit | None:
        """``― Jane Roe`` after a quotation: the name signs what precedes it."""
        if self.n < 2 or self.t[0].text not in ("―", "—", "–", "--") or not self.t[1].cap:
            return None
        k = 1
        while k < self.n and (self.t[k].cap or self.t[k].text in (".", "-") or self.t[k].norm in ("of", "de")):
            k += 1
        if k - 1 > 5 or not self.at_end(k) and self.t[k].text != ",":
            return None
        return Hit((0, 1), (1, k), "byline", "left", head="name", confidence=0.75)

    def _label(self) -> Hit | None:
        """A transcript's speaker label opening a paragraph: ``PENCE: Well, ...``."""
        k = 0
        while k < self.n and not self.t[k].word and self.t[k].text in _QUOTE_MARKS:
            k += 1
        start = k
        while k < self.n and k - start < 3 and self.t[k].word and self.t[k].text.isupper() \
                and len(self.t[k].text) > 1:
            k += 1
        if k == start or k >= self.n - 1 or self.t[k].text != ":":
            return self._quoted_label(start)
        if self._editorial(start, k):
            return None
        return Hit((k, k + 1), (start, k), "label", "right", head="name", confidence=0.8)

    def _quoted_label(self, start: int) -> Hit | None:
        """``Bush: "The mission is ..."``, ``- Jane Roe: "..."``: a capitalised name, a colon and a
        quotation open the paragraph, so the name speaks it."""
        t = self.t
        k = start
        if k < self.n and t[k].text in ("-", "—", "–", "--", "•"):
            k += 1
        a = k
        while k < self.n and k - a < 5 and t[k].word and t[k].cap and not t[k].quote \
                and t[k].norm not in self.lex.function_words:
            k += 1
        if k == a or k + 1 >= self.n or t[k].text != ":" or not (t[k + 1].text in _QUOTE_MARKS or t[k + 1].quote):
            return None
        if self._editorial(a, k) or any(t[x].norm in self.lex.verbs for x in range(a, k)):
            return None  # "Said Okafor: ..." is an inverted cue, not a label
        return Hit((k, k + 1), (a, k), "label", "right", head="name", confidence=0.7)

    def _editorial(self, a: int, b: int) -> bool:
        """``CORRECTION:``, ``Editor's note:``, ``UPDATE:``: the newsroom's label, not a speaker."""
        return " ".join(tok.norm for tok in self.t[a:b]) in self.lex.editorial_labels

    def _headline(self) -> Hit | None:
        colon = next((k for k in range(min(self.n, 9)) if self.t[k].text == ":"), None)
        if colon is None or colon == 0 or colon > 7 or colon >= self.n - 2:
            return None
        if not self.t[0].cap or any(self.t[k].quote for k in range(colon)) or self._editorial(0, colon):
            return None
        for k in range(colon):
            if self.t[k].norm in self.lex.verbs and self.lex.verbs[self.t[k].norm].strong:
                return None
        end = colon
        for k in range(1, colon):  # "Name on Topic:" keeps the name as the mention
            if self.t[k].norm in ("on", "about", "to", "at", "in"):
                end = k
                break
        if any(self.is_function(k) or self.t[k].norm in self.lex.discourse_adverbs for k in range(end)):
            return None  # "The Latest: ...", "Stealth Over Health: ..."
        return Hit((end, colon + 1), (0, end), "headline", "right", head="name", confidence=0.7)

    # -- verbs -------------------------------------------------------------------------------
    def _verb(self, i: int, verb: Verb) -> Hit | None:
        t = self.t
        prev = i - 1
        if t[i].cap and i > 0 and t[prev].word:
            return None  # "the United States", "The Washington Post": part of a name
        if i == 0 and t[i].cap and verb.strong and verb.form in ("past", "s"):
            np = self.np_right(i + 1)  # "Said Ellis: ..."
            if np is not None:
                return Hit((i, i + 1), np, "verb", "right", verb, self._head_kind(np[1] - 1), confidence=0.85)
            return None
        if prev >= 0:
            pn = t[prev].norm
            pronoun_like = pn in _QUANTIFIERS and (prev == 0 or not t[prev - 1].word
                                                    or t[prev - 1].norm in self.lex.conjunctions)
            if pn in self.lex.determiners and pn not in ("that", "all", "both") and not pronoun_like \
                    or pn.endswith("'s"):
                return None  # "the report", "his claims", "Trump's plan": a noun (not "Some believe")
            if pn in self.lex.prepositions and pn not in ("to", "that", "than") and verb.form != "ing":
                return None  # "with support from": a noun
        cue_end = i + 1
        if i + 1 < self.n and t[i + 1].norm in self.lex.not_particles.get(verb.lemma, ()):
            return None  # "showed up", "called in"
        while cue_end < self.n and t[cue_end].norm in verb.particles:
            cue_end += 1
        if verb.needs_particle and cue_end == i + 1 and verb.form == "past":
            k = cue_end  # "voted Thursday to ...", "voted unanimously to ...": a time or manner word between
            while k < self.n and k - cue_end < 2 and t[k].word and (not t[k].cap or t[k].norm in self.lex.days) \
                    and (self.is_time(k) or t[k].norm.endswith("ly") and t[k].norm not in self.lex.ly_nouns):
                k += 1
            if k > cue_end and k < self.n and t[k].norm in verb.particles:
                cue_end = k + 1
        if verb.lemma == "put" and cue_end < self.n and t[cue_end].word and not (
                t[cue_end].norm.endswith("ly") or t[cue_end].norm in ("this", "that", "best", "simply")):
            return None  # "as she put it," / "he put it bluntly", not "he put it on the table"
        if verb.lemma in _NON_RESPONSE_VERBS and self._asks_for_comment(cue_end):
            return None  # "did not respond to a request for comment": narration, nothing was said
        if verb.form == "past" and prev >= 0 and t[prev].word and t[i].norm in self.lex.linking_adjectives \
                and self._phrase_at(i, self.lex.anonymity) and not self.is_pre_verb(prev) \
                and t[prev].norm not in _SUBJECT_PRONOUNS:
            return None  # "three people briefed on the talks said": a description of the source
        if verb.lemma == "see" and not self._as_follows(cue_end):
            return None  # "saw the crowd": perception; "sees Cruz as a uniter": a view
        if verb.lemma in _ANSWER_VERBS and any(t[j].norm in ("not", "n't", "never", "no") for j in range(max(0, i - 3), i)):
            return None  # "has not answered questions", "did not reply": narration, nothing was said
        if verb.lemma in _REFUSAL_VERBS and cue_end + 1 < self.n and t[cue_end].norm == "to" \
                and t[cue_end + 1].norm in _NO_COMMENT_VERBS:
            return None  # "declined to comment", "refused to elaborate": narration, nothing was said
        if verb.needs_particle and cue_end == i + 1 and not (
                cue_end < self.n and (t[cue_end].text in _QUOTE_MARKS or t[cue_end].text == ":")):
            return None
        if t[i].norm in self.lex.noun_like and cue_end < self.n and (
            t[cue_end].norm in self.lex.auxiliaries or t[cue_end].norm in self.lex.verbs
        ):
            return None  # "the campaign said", "his plan would": a noun before the verb
        if verb.lemma in self.lex.complement_verbs and cue_end == i + 1 and not self._complement(cue_end):
            return None  # "learned from the experience", "spoke against a backdrop"
        if verb.form == "s" and prev >= 0 and (t[prev].norm[0].isdigit() or t[prev].norm in self.lex.number_words):
            return None  # "18 states", "10 judges"
        if verb.form == "past" and not verb.strong and cue_end < self.n \
                and (t[cue_end].norm == "by" or self.is_time(cue_end) and prev >= 0
                     and (t[prev].norm in self.lex.statement_nouns or t[prev].norm in self.lex.evidence_nouns)) \
                and not any(t[k].norm in self.lex.auxiliaries for k in range(max(0, i - 3), i)):
            return None  # "the monitor maintained by ...", "a statement issued Tuesday": participles
        if verb.form == "ing":
            return self._gerund(i, cue_end, verb)
        if prev >= 0 and t[prev].norm == "to":
            return self._infinitive(i, cue_end, verb)
        j = self.skip_left(i)
        passive = any(t[k].norm in ("was", "were", "is", "are", "been", "be", "being") for k in range(j + 1, i))
        if passive and verb.form == "past":
            return self._passive(i, cue_end, verb)
        subj = self.subject_left(j, verb)
        if subj is None and verb.cls == "evidence" and verb.form in ("s", "past") and cue_end < self.n \
                and t[cue_end].norm in _CLAUSE_WORDS:
            subj = self.subject_left(j, replace(verb, strong=True))  # "the chart shows that ...": any noun
        if subj is not None and t[i].norm in self.lex.noun_like and self._noun_use(subj[0], cue_end):
            subj = None
        if subj is not None and verb.form == "past" and verb.lemma in self.lex.naming_verbs and subj[1] == "np" \
                and cue_end < self.n and t[cue_end].cap and t[subj[0][0]].norm in ("a", "an"):
            subj = None  # "a group called Lashkar": naming, not reporting
        if subj is not None and t[i].norm in self.lex.noun_like and subj[1] not in ("pronoun", "name", "relative") \
                and not (verb.cls == "evidence" and self.head_of(*subj[0]).norm in self.lex.evidence_nouns) \
                and not (self.head_of(*subj[0]).norm in self.lex.person_nouns
                         and (verb.form != "s" or cue_end > i + 1)) \
                and not any(t[k].word for k in range(j + 1, i)) \
                and not (cue_end < self.n and t[cue_end].norm in ("to", "that")
                         and self.head_of(*subj[0]).norm in self.lex.source_nouns) \
                and not (subj[0][1] - subj[0][0] == 1 and t[subj[0][0]].norm in _QUANTIFIERS):
            subj = None  # a noun, unless a bare quantifier is the subject ("Many fear ...")
        if subj is not None and verb.form == "base" and subj[1] == "name" and subj[2] is None \
                and not self._plural_np(*subj[0]) and not any(t[k].word for k in range(j + 1, i)) \
                and not any(t[k].norm in self.lex.prepositions for k in range(*subj[0])):
            subj = None  # "help Mr. Putin maintain": a bare infinitive, not a report
        if subj is not None and verb.form in ("s", "base") and subj[1] == "np" and subj[0][0] > 0 \
                and t[subj[0][0] - 1].norm in self.lex.prepositions and t[subj[0][0] - 1].norm not in ("to", "that") \
                and self.head_of(*subj[0]).norm in self.lex.agency_nouns:
            subj = None  # "on a television show", "in a newspaper report": the outlet names a medium
        if subj is not None and verb.lemma in _RELAY_LEMMAS:
            relayed = self._quoted_as_saying(i, cue_end, subj[0])
            if relayed is not None:
                return relayed
        if subj is not None:
            (a, b), head, role = subj
            hn = self.head_of(a, b)
            if verb.form == "s" and not verb.strong and head == "np" and hn.norm.endswith("s") \
                    and not hn.cap and not hn.norm.endswith(("ss", "sis", "us")):
                return None  # "Republican attacks on ...": a plural noun, not a verb
            content = self.content_side(a if role is None else min(a, role[0]), cue_end)
            hit = Hit((i, cue_end), (a, b), "verb", content, verb, head, role)
            hit.confidence = 0.9 if verb.strong else 0.65
            self._after_cue(hit)
            ve = max((v[1] for v in hit.via), default=0)
            if content == "right" and ve > cue_end:  # '"A," an official told Reuters, adding ...'
                hit.content = self.content_side(a if role is None else min(a, role[0]), ve)
            self._anonymity(hit)
            self._as_clause(hit)
            return hit
        if verb.strong and verb.form in ("past", "s") and self.inversion_ok(i):
            np = self.np_right(cue_end)
            if np is not None:
                hit = Hit((i, cue_end), np, "verb", "left", verb, self._head_kind(np[1] - 1), confidence=0.9)
                hit.role = self._appositive_right(np[1])
                end = np[1] if hit.role is None else hit.role[1]
                if end < self.n and not self.at_end(end) and not self._aside_to_end(end):
                    hit.content = "around"
                self._anonymity(hit)
                return hit
        return None

    def _aside_to_end(self, k: int) -> bool:
        """``..., said Roe, however.``, ``..., said Roe, speaking on Monday.``: what follows the speaker is
        an aside closing the sentence, not more content."""
        t = self.t
        if k + 1 >= self.n or t[k].text != "," or not t[k + 1].word:
            return False
        n = t[k + 1].norm
        if not (n in self.lex.discourse_adverbs or n.endswith("ing") and n not in ("adding", "saying", "noting")):
            return False
        return not any(t[x].quote or t[x].text in _QUOTE_MARKS or t[x].norm == "that" for x in range(k + 1, self.n))

    def _stance(self, i: int) -> Hit | None:
        """``X expressed concern that``, ``X made the case for``, ``X is critical of``."""
        t = self.t
        k = i + 1
        if t[i].norm in self.lex.be_forms:
            while k < self.n and k - i <= 3 and (self.is_pre_verb(k) or t[k].norm in _DEGREE) \
                    and t[k].norm not in self.lex.be_forms:
                k += 1
            if k >= self.n or t[k].norm not in self.lex.stance_adjectives:
                return None
        else:
            while k < self.n and k - i <= 4 and t[k].word and not t[k].quote:
                n = t[k].norm
                if n in self.lex.stance_nouns:
                    break
                if n in self.lex.function_words and n not in self.lex.determiners and n != "it":
                    return None
                k += 1
            if k >= self.n or k - i > 4 or t[k].norm not in self.lex.stance_nouns:
                return None
        cue_end = k + 1
        if cue_end < self.n and t[cue_end].norm in ("about", "of", "for", "on", "against", "to", "with", "that"):
            if t[cue_end].norm != "that":
                cue_end += 1
        elif t[i].norm in self.lex.be_forms and not self._complement(cue_end) and not (
                t[k].norm in _CLAUSE_ADJECTIVES and cue_end < self.n and t[cue_end].word and not t[cue_end].quote
                and (t[cue_end].norm in _SUBJECT_PRONOUNS or t[cue_end].cap
                     or t[cue_end].norm in self.lex.determiners and t[cue_end].norm not in ("no", "any"))):
            return None  # "she was sure Trump would win" takes a clause without "that"
        j = self.skip_left(i)
        subj = self.subject_left(j, _STANCE)
        if subj is None or t[subj[0][0]].norm == "it":
            return None  # "it is clear that": an expletive subject
        (a, b), head, role = subj
        if head == "np" and not (self.head_of(a, b).norm in self.lex.person_nouns
                                 or self.head_of(a, b).norm in self.lex.anonymous_heads
                                 or _agentive(self.head_of(a, b).norm)):
            return None
        hit = Hit((i, cue_end), (a, b), "stance", self.content_side(a, cue_end), _STANCE, head, role,
                  confidence=0.55)
        self._anonymity(hit)
        return hit

    def _gerund(self, i: int, cue_end: int, verb: Verb) -> Hit | None:
        t = self.t
        j = self.skip_left(i)
        if j < i - 1 and any(t[k].norm in _BE for k in range(j + 1, i)):
            subj = self.subject_left(j, verb)
            if subj is None:
                return None
            (a, b), head, role = subj
            hit = Hit((i, cue_end), (a, b), "verb", self.content_side(a, cue_end), verb, head, role,
                      confidence=0.8 if verb.strong else 0.6)
            self._after_cue(hit)
            self._anonymity(hit)
            return hit
        if verb.strong and i > 0 and t[i - 1].cap and t[i - 1].word and not self.is_function(i - 1) \
                and not self.is_time(i - 1) and t[i - 1].norm not in self.lex.months \
                and cue_end < self.n and (t[cue_end].text in (",", ":") or t[cue_end].text in _QUOTE_MARKS
                                          or t[cue_end].quote or t[cue_end].norm == "that"):
            a = i - 1  # "footage of Jones saying, ...": the name before the participle
            while a > 0 and i - a < 5 and t[a - 1].cap and t[a - 1].word and not self.is_function(a - 1):
                a -= 1
            return Hit((i, cue_end), (a, i), "verb", "right", verb, "name", confidence=0.6)
        if verb.cls in ("evaluative", "intention") and verb.lemma not in _PLAIN_ACTS and i > 0 \
                and cue_end < self.n and t[cue_end].word and not t[cue_end].quote and self._noun_end(i - 1):
            a = self.np_left(i - 1)  # "a super PAC supporting Roe", "voters hoping to ...": a reduced relative
            if a is not None:
                return Hit((i, cue_end), (a, i), "verb", "right", verb, "name" if self.head_of(a, i).cap else "np",
                           confidence=0.45)
        # participle: ", adding that ...", "while insisting ..."; the source is the clause's subject
        if i > 0 and t[i - 1].norm == "worth":
            return None  # "it is worth noting"
        if i > 0 and (t[i - 1].text == "," or t[i - 1].norm in ("while", "before", "after", "when", "also", "by")
                      or verb.strong and t[i - 1].word and (not t[i - 1].cap or self.is_time(i - 1))
                      and t[i - 1].norm not in self.lex.function_words):
            if verb.cls == "cognition" and not verb.strong:
                return None
            hit = Hit((i, cue_end), None, "participle", "right", verb, "implied",
                      confidence=0.7 if verb.strong else 0.55)
            self._after_cue(hit)
            return hit
        return None

    def _as_clause(self, hit: Hit) -> None:
        """``As the Herald reported, A``, ``A, as Roe noted.``, ``A, as Roe noted, B``: an ``as`` clause
        with a reporting verb and no object of its own frames the clause around it."""
        t = self.t
        a = hit.mention[0] if hit.role is None else min(hit.mention[0], hit.role[0])
        o = a - 1
        if o < 0 or t[o].norm != "as" or hit.verb is None or hit.verb.cls not in ("speech", "cognition"):
            return
        k = hit.cue[1]
        while k < self.n and (self.is_time(k) or t[k].norm in self.lex.days or t[k].norm in self.lex.months
                              or t[k].norm in ("in", "on", "a", "an", "the", "its", "his", "her", "their")
                              or t[k].norm in self.lex.statement_nouns) and not t[k].quote:
            k += 1  # "As Roe noted on Monday,", "as the paper reported in an editorial,"
        for _va, vb, _sure in hit.via:
            k = max(k, vb)
        if not (self.at_end(k) or k < self.n and t[k].text in (",", "—", "–", "--")):
            return  # "as Roe noted the change": an object, so not a frame
        hit.opener = o
        if o <= self.first_word:
            hit.content = "right"
        elif self.at_end(k):
            hit.content = "left"
        else:
            hit.content = "around"

    def _participle_opener(self, a: int) -> bool:
        """``Asked whether ...,``, ``Speaking on Sunday,``, ``Courted by both parties,``: a clause opened
        by a participle, which is not the subject."""
        t = self.t
        n = t[a].norm
        v = self.lex.verbs.get(n)
        return a == self.first_word and t[a].word and (
            v is not None and v.form in ("past", "ing") or n.endswith("ing") and len(n) > 5
            or n.endswith("ed") and len(n) > 5 and n not in self.lex.source_nouns) \
            and any(t[x].text == "," for x in range(a + 1, min(self.n, a + 16)))

    def _noun_end(self, k: int) -> bool:
        """Token ``k`` ends a noun phrase naming people or groups (``pastors``, ``a super PAC``,
        ``Mr. Roe``), so an -ing form after it can modify it."""
        t = self.t
        tok = t[k]
        if not tok.word or tok.quote or self.is_function(k) or self.is_pre_verb(k) or self.is_time(k):
            return False
        n = tok.norm
        if n in self.lex.verbs or n in self.lex.days or n in self.lex.months or n.endswith("'s"):
            return False
        group = n in self.lex.thing_nouns and n not in self.lex.evidence_nouns and n not in self.lex.statement_nouns \
            and n not in ("bill", "bills", "law", "laws", "legislation", "proposal", "plan", "ad", "ads")
        return n in self.lex.person_nouns or n in self.lex.anonymous_heads or _agentive(n) or group \
            or tok.cap and (n in self.lex.org_words or k > self.first_word)

    def _as_follows(self, k: int) -> bool:
        """``as`` comes within a few words, before any clause break (``sees the deal as a trap``)."""
        for j in range(k, min(self.n, k + 8)):
            tok = self.t[j]
            if tok.norm == "as" and j > k and not tok.quote:
                return True
            if tok.text in (",", ";", ":") or tok.norm in ("that", "and", "but") or tok.quote:
                return False
        return False

    def _asks_for_comment(self, k: int) -> bool:
        """Whether the words from token ``k`` are "(to) a request / messages (seeking|for) comment"."""
        t = self.t
        for j in range(k, min(self.n - 1, k + 8)):
            if t[j].norm in ("for", "seeking") and t[j + 1].norm == "comment":
                return True
            if not t[j].word:
                return False
        return False

    def _infinitive(self, i: int, cue_end: int, verb: Verb) -> Hit | None:
        """``X declined to comment``, ``X used blunt language to denounce``: the subject of
        the verb phrase governing the infinitive."""
        t = self.t
        k = i - 2  # the token before "to"
        if k >= 0 and t[k].norm in self.lex.permission_words:
            return None  # "not authorised to discuss it": about permission, not a report
        while k >= 0 and i - 2 - k < 7:
            tok = t[k]
            if not tok.word or tok.quote:
                return None
            n = tok.norm
            if tok.cap or n in _SUBJECT_PRONOUNS or n in self.lex.source_nouns or n in self.lex.relatives \
                    or _agentive(n):
                break
            if n in self.lex.function_words and n not in self.lex.determiners and n not in self.lex.auxiliaries:
                return None
            k -= 1
        else:
            return None
        if k < 0 or k == i - 2:
            return None
        gov = k + 1
        if not (self.is_pre_verb(gov) or t[gov].norm in self.lex.verbs or t[gov].norm in _COMMON_VERBS
                or t[gov].norm.endswith(("ed", "es"))):
            return None  # "Scott's death will take ...": no verb after the would-be subject
        before_to = t[i - 2].norm
        if any(t[x].norm in _BE for x in range(gov, i - 1)) and before_to not in self.lex.verbs \
                and not before_to.endswith(("ed", "ing")):
            return None  # "had been too slow to add": an adjective, not a report
        while gov < i - 1 and self.is_pre_verb(gov):
            gov += 1
        gverb = self.lex.verbs.get(t[gov].norm)
        if gverb is not None and gverb.lemma not in ("go", "continue") and not gverb.needs_particle:
            return None  # the governing verb is a cue of its own ("refused to say")
        subj = self.subject_left(k, verb)
        if subj is None or t[subj[0][0]].norm == "it":
            return None  # "it's hard to imagine": an expletive subject
        (a, b), head, role = subj
        hit = Hit((gov, cue_end), (a, b), "verb", self.content_side(a, cue_end), verb, head, role, confidence=0.6)
        self._anonymity(hit)
        return hit

    def _as_saying(self, k: int) -> int | None:
        """``as saying`` / ``as telling`` at token ``k``: the index after it, else None."""
        t = self.t
        if k + 1 >= self.n or t[k].norm != "as":
            return None
        v = self.lex.verbs.get(t[k + 1].norm)
        return k + 2 if v is not None and v.form == "ing" and v.cls == "speech" else None

    def _quoted_as_saying(self, i: int, cue_end: int, relay: tuple[int, int]) -> Hit | None:
        """``Interfax quoted the minister as saying A``, ``Tass cited a source as saying A``: the one
        quoted is the source of A; the subject that quoted them is a conduit."""
        np = self.np_right(cue_end, allow_lower=True)
        if np is None:
            return None
        t = self.t
        k = np[1]
        while k < min(self.n, np[1] + 8) and t[k].word and not t[k].quote and self._as_saying(k) is None:
            k += 1  # "a source close to the talks as saying"
        end = self._as_saying(k)
        if end is None:
            return None
        np = (np[0], k)
        hit = Hit((i, end), np, "verb", "right", self.lex.verbs.get("said"), self._head_kind(np[1] - 1),
                  confidence=0.85)
        hit.via.append(self._relay(*relay))
        self._anonymity(hit)
        return hit

    def _passive(self, i: int, cue_end: int, verb: Verb) -> Hit | None:
        """``X was criticized by Y``, ``X has been called a fraud by Y``: Y is the source."""
        t = self.t
        if verb.lemma in _RELAY_LEMMAS:  # "the minister was quoted (by Tass) as saying A"
            k = cue_end
            relay = None
            if k < self.n and t[k].norm == "by":
                relay = self.np_right(k + 1, allow_lower=True)
                k = relay[1] if relay is not None else k
            end = self._as_saying(k)
            subj = self.subject_left(self.skip_left(i), verb) if end is not None else None
            if subj is not None:
                (a, b), head, role = subj
                hit = Hit((i, end), (a, b), "verb", "right", self.lex.verbs.get("said"), head, role, confidence=0.8)
                if relay is not None:
                    hit.via.append(self._relay(*relay))
                self._anonymity(hit)
                return hit
        k = cue_end
        while k < self.n and k - cue_end < 5 and t[k].word and t[k].norm != "by" and not t[k].quote \
                and (t[k].norm not in self.lex.function_words or t[k].norm in self.lex.determiners):
            k += 1
        if k < self.n and t[k].norm == "by":
            np = self.np_right(k + 1, allow_lower=True)
            if np is not None:
                head = self.head_of(*np)
                if head.cap or head.norm in self.lex.source_nouns or _agentive(head.norm):
                    return Hit((i, k + 1) if k == cue_end else (i, cue_end), np, "verb", "left", verb,
                               self._head_kind(np[1] - 1), confidence=0.6)
        return None

    # -- left subjects -----------------------------------------------------------------------
    def skip_left(self, i: int) -> int:
        """Index of the first token left of ``i`` that is not an auxiliary, adverb or time phrase."""
        t = self.t
        j = i - 1
        while j >= 0:
            tok = t[j]
            n = tok.norm
            if self.is_pre_verb(j) and n != "and" or n.endswith("ly") and len(n) > 4 and not tok.cap \
                    and n not in self.lex.source_nouns and n not in self.lex.ly_nouns:
                j -= 1
            elif (n in self.lex.days or n in _TIME_NOUNS or n in self.lex.months) and j > 0:
                j -= 1
                while j >= 0 and t[j].norm in _TIME_DETERMINERS:
                    j -= 1
            elif n.isdigit() and len(n) <= 2 and j > 0 and t[j - 1].norm in self.lex.months:
                j -= 1
            elif n.isdigit() and len(n) == 4 and j > 0 and t[j - 1].norm in ("in", "since", "by"):
                j -= 2
            else:
                break
        return j

    def _head_kind(self, j: int) -> str:
        n = self.t[j].norm
        if n in _SUBJECT_PRONOUNS:
            return "pronoun"
        if n in self.lex.relatives:
            return "relative"
        return "name" if self.t[j].cap else "np"

    def subject_left(self, j: int, verb: Verb):
        """``((a, b), head, role)`` for the subject ending at token ``j``, or None."""
        t = self.t
        if j < 0:
            return None
        tok = t[j]
        if tok.text == ")":
            k = j
            while k >= 0 and t[k].text != "(":
                k -= 1
            if k <= 0 or j - k > 8:
                return None
            j = k - 1
            tok = t[j]
        if tok.text in (",", "—", "–", "--", "―"):
            return self._appositive_subject(j, verb)
        anon = self._anonymity_before(j)
        if anon is not None:  # "officials speaking on condition of anonymity said"
            subj = self.subject_left(anon[0] - 1, verb)
            if subj is not None and subj[2] is None:
                return subj[0], subj[1], anon
            return subj
        if not tok.word:
            return None
        n = tok.norm
        if n.endswith("'s") or n.endswith("s'") and len(n) > 2:
            return None  # "the IMF's last estimate": a possessive, so the cue is a noun
        if n in ("and", "but", "or") and j > 0 and t[j - 1].text != ",":
            return self.clause_subject(j)
        if (n in self.lex.verbs and self.lex.verbs[n].form == "past" or n.endswith("ed") and len(n) > 4) \
                and not tok.cap and j > 0 \
                and t[j - 1].word and not self.is_function(j - 1) and not self.is_pre_verb(j - 1) \
                and not t[j - 1].cap and t[j - 1].norm in self.lex.source_nouns:
            a = self.np_left(j - 1)  # "the poll released Friday shows"
            if a is not None:
                return (a, j + 1), ("name" if t[j - 1].cap else "np"), None
        if n in _SUBJECT_PRONOUNS:
            return (j, j + 1), "pronoun", None
        if n in _QUANTIFIERS and (j == 0 or not t[j - 1].word or t[j - 1].norm in self.lex.conjunctions
                                  or t[j - 1].norm in ("but", "and", "not")):
            return (j, j + 1), "np", None  # "some note that", "all agreed"
        if n in ("them", "us") and j >= 2 and t[j - 1].norm == "of" and (
                t[j - 2].norm in _QUANTIFIERS or t[j - 2].norm in self.lex.number_words
                or t[j - 2].norm.isdigit()):
            return (j - 2, j + 1), "partitive", None  # "one of them said"
        if n == "whom" and j >= 2 and t[j - 1].norm == "of" and t[j - 2].norm in _QUANTIFIERS:
            return (j - 2, j + 1), "relative", None  # "many of whom say"
        if n in self.lex.relatives:
            if n == "which" and j > 0 and t[j - 1].text not in (",", "—", "–", "--", "("):
                return None
            return (j, j + 1), "relative", None
        v = self.lex.verbs.get(n)
        if self.is_function(j) or self.is_pre_verb(j) or (
            v is not None and not tok.cap and n not in self.lex.source_nouns and n not in self.lex.noun_like
            and v.form != "s" and not v.needs_particle
        ):
            return None
        a = self.np_left(j)
        if a is None:
            return None
        head = self.head_of(a, j + 1)
        if head is not tok:
            n = head.norm
        head_ok = (
            head.cap or n[0].isdigit() or n in self.lex.source_nouns or n in self.lex.number_words
            or (verb.strong and not n.endswith("ly")) or _agentive(n)
        )
        if not head_ok or n in self.lex.discourse_adverbs:
            return None
        if a >= 2 and t[a - 1].norm == "who" and t[a - 2].word and not self.is_function(a - 2):
            a2 = self.np_left(a - 2)  # "One of the doctors who sent the letter called ..."
            if a2 is not None:
                return (a2, j + 1), ("name" if self.head_of(a2, a - 1).cap else "np"), None
        if tok.cap and not verb.strong and a == j == 0 and n in self.lex.verbs and n not in self.lex.source_nouns:
            return None  # a sentence-initial imperative, not a name
        return (a, j + 1), ("name" if self.head_of(a, j + 1).cap else "np"), None

    def _plural_np(self, a: int, b: int) -> bool:
        """``Republicans``, ``Trump and Clinton``: a plural subject (a base-form verb fits it)."""
        head = self.head_of(a, b)
        return head.norm.endswith("s") and not head.norm.endswith("ss") or head.norm in _MASS_NOUNS or any(
            self.t[k].norm in ("and", "&") for k in range(a, b))

    def head_of(self, a: int, b: int) -> Token:
        """The head word of the noun phrase ``tokens[a:b]`` (before any ``of``-phrase;
        ``a number of members`` is headed by ``members``)."""
        for k in range(a + 1, b):
            if self.t[k].norm in self.lex.np_prepositions or self.t[k].norm in self.lex.linking_adjectives:
                if self.t[k].norm == "of" and self.t[k - 1].norm in _QUANTITY_NOUNS and k + 1 < b:
                    return self.head_of(k + 1, b)
                return self.t[k - 1]
        return self.t[b - 1]

    def clause_subject(self, j: int):
        """The subject of the clause a coordinated verb shares (``X bemoaned Y and said``)."""
        t = self.t
        k = j - 1
        while k > 0 and j - k < 80 and t[k].text not in (";", ":") and not (t[k].quote and not t[k - 1].quote):
            k -= 1
        start = k + 1 if k > 0 and t[k].text in (";", ":") else k if j - k >= 80 else 0
        a = start
        while a < j and (t[a].norm in self.lex.conjunctions or not t[a].word):
            a += 1
        if a + 1 < j and t[a + 1].text == "," and (t[a].norm in self.lex.discourse_adverbs
                                                   or t[a].norm.endswith(("ed", "ing", "ly"))):
            a += 2  # "Meanwhile, ...", "Chastened, ..."
        d = a
        while d < j and d - a < 8 and (t[d].text.isupper() and t[d].word or t[d].text in (",", ".", "(", ")")
                                       or t[d].norm in self.lex.months or t[d].norm.isdigit()):
            d += 1
        if d > a and d < j and t[d].text in ("-", "—", "―", "–", "--"):
            a = d + 1  # a dateline: "BRUSSELS - ..."
        elif t[a].text.isupper() and t[a].word:
            d = next((x for x in range(a + 1, min(j, a + 16)) if t[x].text in ("-", "—", "―", "–", "--")), None)
            if d is not None and t[d - 1].text == ")":
                a = d + 1  # "ORLANDO, Fla. (Reuters) - ...": a dateline with its outlet
        # an introductory phrase ("In a statement Friday, ...", "Asked whether ..., ") ends at the first comma
        if a < j and (t[a].norm in self.lex.prepositions or t[a].norm.endswith("ly") or self._participle_opener(a)):
            c = next((x for x in range(a, min(j, a + 12)) if t[x].text == ","), None)
            if c is None:
                return None
            a = c + 1
        if a >= j or not t[a].word:
            return None
        if t[a].norm in _SUBJECT_PRONOUNS:
            return (a, a + 1), "pronoun", None
        b = a
        while b < j and t[b].word and (t[b].cap or t[b].norm in self.lex.determiners and b == a
                                       or t[b].norm in self.lex.source_nouns) \
                and not (t[b].norm in self.lex.function_words and b > a):
            b += 1
        if b == a or (b == a + 1 and t[a].norm in self.lex.determiners):
            return None
        head = t[b - 1]
        if not (head.cap or head.norm in self.lex.source_nouns):
            return None
        role = None
        if b < j and t[b].text == ",":
            e = next((x for x in range(b + 1, min(j, b + 25)) if t[x].text == ","), None)
            if e is not None:
                role = (b + 1, e)
        return (a, b), ("name" if head.cap else "np"), role

    def np_left(self, j: int) -> int | None:
        """Start index of the noun phrase ending at token ``j``."""
        t = self.t
        a = j
        k = j - 1
        while k >= 0 and j - k < 12:
            tok = t[k]
            n = tok.norm
            if not tok.word:
                if tok.text in ("-", "&") and k > 0 and t[k - 1].word:
                    k -= 1
                    continue
                break
            if tok.quote:
                break
            if n in self.lex.determiners:
                if n == "that":
                    break
                a = k
                if k >= 2 and t[k - 1].norm == "by" and self._medium(k - 2):
                    k -= 2  # "a study by the institute": the study is the source, its author inside
                    a = k
                    k -= 1
                    continue
                if k >= 2 and t[k - 1].norm in self.lex.np_prepositions \
                        and (t[k - 1].norm != "on" or t[k - 2].norm in self.lex.linking_adjectives) \
                        and t[k - 2].word and not self.is_function(k - 2) \
                        and (t[k - 1].norm != "to" or t[k - 2].norm == "close") \
                        and (t[k - 2].cap or t[k - 2].norm in self.lex.source_nouns or _agentive(t[k - 2].norm)
                             or t[k - 2].norm in self.lex.linking_adjectives
                             or (t[k - 1].norm == "of" and (t[k - 2].norm in self.lex.number_words
                                                             or t[k - 2].norm == "one"))):
                    k -= 2  # "Video of the incident", "one of the doctors", "attorneys for the family"
                    a = k
                    k -= 1
                    continue
                break
            if n == "by" and k > 0 and self._medium(k - 1):
                k -= 1
                continue
            if n in self.lex.np_prepositions and k > 0 and t[k - 1].word and not self.is_function(k - 1) \
                    and not self.is_pre_verb(k - 1):
                # "a spokesman for the party": only when a source noun or name precedes
                pn = t[k - 1].norm
                if t[k - 1].cap or pn in self.lex.source_nouns or n in ("of", "with", "close", "to"):
                    if n == "to" and pn != "close":
                        break
                    k -= 1
                    continue
                break
            if n == "and" and k > 0 and t[k - 1].cap and t[k + 1].cap:
                k -= 1
                continue
            if self.is_function(k) or self.is_pre_verb(k) and not tok.cap:
                break
            if n in self.lex.verbs and not tok.cap and n not in self.lex.source_nouns \
                    and not (n in self.lex.linking_adjectives and k + 1 < j and self._phrase_at(k, self.lex.anonymity)) \
                    and not (n.endswith("ed") and k > 0 and t[k - 1].norm.endswith("ly") and t[k - 1].word
                             and not t[k - 1].cap):
                break
            a = k
            k -= 1
        return a

    def _medium(self, k: int) -> bool:
        """Token ``k`` ends a poll, study or statement noun, perhaps with its participle (``a survey``,
        ``a report published``): a medium whose author follows ``by``."""
        t = self.t
        if k < 0 or not t[k].word or t[k].cap:
            return False
        if t[k].norm in _PUBLISHED and k > 0:
            k -= 1
        n = t[k].norm
        return (n in self.lex.evidence_nouns or n in self.lex.statement_nouns) and not t[k].cap

    def _anonymity_before(self, j: int) -> tuple[int, int] | None:
        """Token range of an anonymity phrase ending at token ``j`` (with a lead-in such as
        ``speaking`` or ``who asked``), or None."""
        t = self.t
        for ph in self.lex.anonymity_by_last.get(t[j].norm, ()):
            a = j - len(ph) + 1
            if len(ph) < 2 or a < 1 or any(t[a + x].norm != w for x, w in enumerate(reversed(ph))):
                continue
            while a > 1 and t[a - 1].norm in ("speaking", "spoke", "talking", "who", "as", "because"):
                a -= 1
            return (a, j + 1)
        return None

    def _appositive_subject(self, j: int, verb: Verb):
        """``Name, a historian who ..., recalled`` / ``officials, speaking on condition ..., said``.

        Token ``j`` closes a parenthetical (a comma or a dash); up to four comma-separated
        parts are walked back (``Jane Roe, 59, of Ashton, Md., said``) and the leftmost part
        ending in a name or source noun is the subject, the rest its description.
        """
        t = self.t
        seps = (",",) if t[j].text == "," else ("—", "–", "--", "-", "―")
        seg_end = j
        best = None
        for _ in range(4):
            k = seg_end - 1
            while k >= 0 and seg_end - k < 30 and t[k].text not in seps and t[k].text not in (";", ":") \
                    and not t[k].quote and t[k].text not in _QUOTE_MARKS:
                k -= 1
            if k < 1 or t[k].text not in seps or seg_end - k < 2 or not t[k + 1].word:
                break
            cand = self._apposition_at(k, j)
            if cand is not None:
                best = cand
            seg_end = k
        return best

    def _apposition_at(self, k: int, j: int):
        t = self.t
        e = k - 1
        if t[e].text == ")":  # "Rep. Jane Roe (D-Wis.), chair of ..., said"
            p = e
            while p > 0 and e - p < 8 and t[p].text != "(":
                p -= 1
            if t[p].text != "(" or p < 1:
                return None
            e = p - 1
        if not t[e].word or t[e].quote:
            return None
        n = t[e].norm
        if n in _SUBJECT_PRONOUNS or self.is_function(e) or self.is_pre_verb(e):
            return None
        if n in self.lex.discourse_adverbs or n.endswith("ly") and not t[e].cap:
            return None
        a = self.np_left(e)
        if a > 0 and t[a - 1].norm in self.lex.prepositions:
            return None  # "in Washington, Jane Roe, the chair, said": a place, not the subject
        head = self.head_of(a, e + 1)
        if not (t[e].cap or n in self.lex.source_nouns or head.norm in self.lex.person_nouns
                or _agentive(head.norm)):
            return None
        first = t[k + 1]
        fn = first.norm
        if fn in self.lex.conjunctions and fn not in ("once", "after", "before", "since") \
                or fn in self.lex.auxiliaries or fn in _SUBJECT_PRONOUNS:
            return None
        if fn in self.lex.verbs and not fn.endswith("ing") and fn not in self.lex.source_nouns:
            return None
        if not t[e].cap and first.cap and not self.is_function(k + 1):
            # the description holds the name: "Another critic, Laurence Tribe, likened"
            return (k + 1, j), "name", (a, e + 1)
        return (a, e + 1), ("name" if t[e].cap else "np"), (k + 1, j)

    # -- right-hand noun phrases -----------------------------------------------------------------
    def inversion_ok(self, i: int) -> bool:
        """A cue verb directly after a quotation or a comma may take its subject on its right."""
        t = self.t
        if i == 0:
            return False
        p = t[i - 1]
        return p.text in (",", "”", '"', "’", "'", "—", "–", "--") or p.quote

    def np_right(self, k: int, allow_lower: bool = False) -> tuple[int, int] | None:
        t = self.t
        while k < self.n and self.is_time(k) and not t[k].cap:
            k += 1
        if k < self.n and t[k].norm in self.lex.days:
            k += 1
        if k >= self.n or not t[k].word or t[k].quote:
            return None
        a = k
        if t[k].norm in self.lex.determiners and t[k].norm not in ("that",):
            k += 1
        elif t[k].norm in self.lex.function_words and t[k].norm not in _SUBJECT_PRONOUNS:
            return None
        elif t[k].norm in _SUBJECT_PRONOUNS:
            return (k, k + 1)
        b = k
        head_at = None  # the head noun: the last word before a prepositional phrase
        while k < self.n and k - a < 14:
            tok = t[k]
            if not tok.word:
                if tok.text in ("-", "&", "'") and k + 1 < self.n and t[k + 1].word:
                    k += 1
                    continue
                break
            if tok.quote:
                break
            n = tok.norm
            if n in self.lex.np_prepositions and n not in ("to", "close", "on") and k > a:
                if k + 1 < self.n and t[k + 1].word and (n != "with" or t[k - 1].norm == "familiar"):
                    if head_at is None:
                        head_at = k - 1
                    k += 1
                    continue
                break
            if n == "and" and k + 1 < self.n and t[k + 1].cap and t[k - 1].cap:
                k += 1
                continue
            if n in self.lex.function_words and k > a:
                if n in self.lex.determiners and k > a and t[k - 1].norm in self.lex.np_prepositions:
                    k += 1
                    continue
                break
            if not tok.cap and not allow_lower and n not in self.lex.source_nouns and k > a \
                    and t[a].norm not in self.lex.determiners:
                break
            if self.lex.verbs.get(n) is not None and not tok.cap and n not in self.lex.source_nouns \
                    and k > a and not (t[k - 1].norm in self.lex.determiners and k - 1 > a):
                break  # a verb form ends it, unless a determiner makes it a noun ("familiar with the talks")
            k += 1
            b = k
        if b <= a or (b == a + 1 and t[a].norm in self.lex.determiners):
            return None
        head = t[b - 1 if head_at is None else head_at]
        if not (head.cap or head.norm in self.lex.source_nouns or allow_lower or head.norm[0].isdigit()):
            return None
        return (a, b)

    def _appositive_right(self, k: int) -> tuple[int, int] | None:
        """``said Jane Roe, the director of ...`` -> the appositive's token range."""
        t = self.t
        if k + 1 >= self.n or t[k].text != ",":
            return None
        first = t[k + 1]
        if not first.word or first.quote:
            return None
        if first.norm in ("that", "this", "these", "those", "if", "whether"):
            return None  # "citing two officials, that ...": the content, not a description
        age = first.norm.isdigit() and len(first.norm) <= 3  # "said Jane Roe, 44, a nurse from Ashton"
        loose = False
        if not (first.norm in self.lex.determiners or first.norm in self.lex.person_nouns or age
                or first.norm in ("who", "whose") or first.cap and first.norm not in self.lex.function_words):
            fn = first.norm
            if fn in self.lex.function_words or fn in self.lex.discourse_adverbs and fn != "then" \
                    or fn.endswith(("ing", "ly")) \
                    or fn in self.lex.verbs or self.is_pre_verb(k + 1):
                return None
            loose = True  # "said Jane Roe, senior counsel at ...": only when it closes the sentence
        e = k + 1
        while e < self.n and t[e].text not in (",", ";", ":", ".", "!", "?", "—", "(") and not t[e].quote:
            if (v := self.lex.verbs.get(t[e].norm)) is not None and v.strong and v.cls == "speech" and not t[e].cap:
                return None  # "according to Roe, who said ...": a report of its own, not a description
            e += 1
        # the description runs on over comma-separated parts to the sentence's end ("Jane Roe, 44, a nurse
        # from Ashton, Md., who ..."), unless a part is an aside ("however", "wearing a hat") or a report
        while e + 1 < self.n and t[e].text == "," and t[e + 1].word and not t[e + 1].quote:
            f = e + 1
            fn = t[f].norm
            if fn in self.lex.discourse_adverbs or fn.endswith("ing") or fn in ("and", "but", "as", "while", "adding",
                                                                                  "though", "although", "of"):
                break
            g = f
            while g < self.n and t[g].text not in (",", ";", ":", ".", "!", "?", "—", "(") and not t[g].quote:
                if (v := self.lex.verbs.get(t[g].norm)) is not None and v.strong and v.cls == "speech":
                    return (k + 1, e)
                g += 1
            if not self.at_end(g) and not (g < self.n and t[g].text == ","):
                break
            e = g
        if loose and not self.at_end(e):
            return None
        return (k + 1, e)

    # -- context -------------------------------------------------------------------------------
    def at_end(self, k: int) -> bool:
        """Nothing but closing punctuation from token ``k`` on."""
        return k > self.last_word

    def content_side(self, subj_start: int, cue_end: int) -> str:
        """Where the claim of a cue lies: right of it, left of it, or around it."""
        t = self.t
        k = cue_end
        # things that may follow a cue without being its content
        while k < self.n:
            n = t[k].norm
            if n == "on" and self._phrase_at(k, self.lex.anonymity):
                k += self._phrase_at(k, self.lex.anonymity)  # "told Reuters on condition of anonymity,"
            elif self.is_time(k) or n in self.lex.months or n in ("in", "a", "an", "the", "on"):
                k += 1
            elif n in self.lex.statement_nouns and k > cue_end:
                k += 1
            else:
                break
        after_end = self.at_end(k) if k < self.n else True
        before = subj_start - 1
        while before >= 0 and not t[before].word and t[before].text in _QUOTE_MARKS:
            before -= 1
        has_left = before >= 0 and (t[before].text == "," or t[subj_start - 1].text in _QUOTE_MARKS
                                     or t[before].quote or t[before].text in ("—", "–", "--"))
        if after_end:
            # "A, but B declined.": a cue closing its own clause has no content on its left
            opener = before >= 0 and t[before].norm in ("but", "and", "while", "although", "though", "yet")
            # "He said the mayor agreed.": with no comma or quotation before it, the closing cue is
            # nested in another's content, not a report of what precedes it
            bare = before >= 0 and t[before].word and not t[before].quote and any(
                (v := self.lex.verbs.get(t[x].norm)) is not None and v.cls in ("speech", "cognition") and v.strong
                for x in range(max(0, before - 3), before + 1))
            return "left" if subj_start > 0 and not opener and not bare else "right"
        if has_left and k < self.n and t[k].text == ",":
            return "around"
        return "right"

    def _after_cue(self, hit: Hit) -> None:
        """Conduits after the cue: ``told Reuters``, ``said in an interview with CNN``.

        A capitalised name after ``told`` / ``with`` / ``to`` / ``on`` is recorded in ``hit.via``
        as ``(start, end, sure)``; ``sure`` when the name itself looks like an outlet (``News``,
        ``Times``, ``Post`` ...), otherwise the caller keeps it only if the registry knows it as
        an agency.
        """
        t = self.t
        k = hit.cue[1]
        limit = min(self.n, k + 12)
        while k < limit:
            if t[k].quote or t[k].text in (";", ":", ",", '"', "“") or t[k].norm in ("that", "if", "whether"):
                return
            if t[k].norm == "by" and k > hit.cue[1] and t[k - 1].norm in _CARRIED:
                np = self.np_right(k + 1, allow_lower=True)  # "in comments carried by state media"
                if np is not None and (self._outlet(*np) or t[np[1] - 1].cap):
                    hit.via.append(self._relay(*np))
                    return
            end = k
            while end < limit and t[end].cap and t[end].word:
                end += 1
            if end == k:
                told = k == hit.cue[1] or k == hit.cue[1] + 1 and t[k - 1].norm == "the"
                if told and hit.verb is not None and t[hit.cue[1] - 1].norm in ("told", "tells", "tell"):
                    np = self.np_right(k, allow_lower=True)  # "told state television", "told local media"
                    if np is not None and not t[np[1] - 1].cap and t[np[1] - 1].norm in self.lex.agency_nouns:
                        hit.via.append((k, np[1], True))
                        return
                k += 1
                continue
            sure = any(t[x].norm.rstrip(".") in self.lex.agency_words for x in range(k, end))
            p = k - 2 if t[k - 1].norm == "the" and k - 2 >= hit.cue[0] else k - 1  # "told the BBC"
            after = t[p].norm in ("with", "to", "on", "told", "tells", "tell") or p + 1 == hit.cue[1] \
                or k == hit.cue[1]
            if hit.verb is not None and after and (sure or t[p].norm in ("told", "tells", "tell", "with")):
                start = k - 1 if t[k - 1].norm == "the" else k
                hit.via.append((start, end, sure))
                self._more_conduits(hit, end, sure)
                return
            k = end

    def _ends_phrase(self, k: int) -> bool:
        """Only closing punctuation from ``k`` on, or ``by phone`` / ``by telephone`` and then that."""
        t = self.t
        if k + 1 < self.n and t[k].norm == "by" and t[k + 1].norm in ("phone", "telephone", "email", "text"):
            k += 2
        return self.at_end(k)

    def _conduit_frame(self, k: int) -> tuple[int, int] | None:
        """A phrase of :data:`_CONDUIT_OPENERS` at token ``k``: the range of the capitalised name
        after it (empty, ``(a, a)``, when a lower-case word follows), else None."""
        t = self.t
        frame = next((f for f in _CONDUIT_OPENERS if k + len(f) < self.n
                      and all(t[k + j].norm == w for j, w in enumerate(f))), None)
        if frame is None:
            return None
        a = k + len(frame)
        if t[a].norm == "the":
            a += 1
        e = a
        while e < self.n and t[e].cap and t[e].word:
            e += 1
        return a, e

    def _opening_conduit(self, hits: list[Hit]) -> None:
        """``In an interview with the BBC, X said ...``, ``Speaking to Reuters, X said ...``,
        ``Asked by AFP about ..., X said ...``: an opening phrase names the outlet X spoke to, a
        conduit of the first report after it."""
        t = self.t
        named = self._conduit_frame(self.first_word)
        if named is None:
            return
        a, e = named
        if e == a:
            np = self.np_right(a, allow_lower=True)  # "speaking to state television"
            if np is None or t[np[1] - 1].norm not in self.lex.agency_nouns:
                return
            e = np[1]
        elif not (self._outlet(a, e) or self._agency_name(a, e)):
            return
        comma = next((x for x in range(e, self.n) if t[x].text == ","), None)
        after = [h for h in hits if comma is not None and h.anchor[0] > comma]
        if not after or any(v[0] < e and v[1] > a for v in after[0].via):
            return
        start = a - 1 if t[a - 1].norm == "the" else a
        after[0].via.insert(0, (start, e, True))

    def _closing_conduit(self, hits: list[Hit]) -> None:
        """``A, X said, in an interview with the BBC.``: a closing phrase names the outlet X spoke to."""
        t = self.t
        for c in range(self.last_word - 2, self.first_word, -1):
            if t[c].text == ",":
                break
        else:
            return
        k = c + 1
        named = self._conduit_frame(k)
        if named is None:
            return
        a, e = named
        outlet = e > a and self._ends_phrase(e) and (self._outlet(a, e) or self._agency_name(a, e))
        np = self.np_right(a, allow_lower=True) if not outlet else None
        addressee = np is not None and self._ends_phrase(np[1])  # "..., speaking to reporters."
        if not (outlet or addressee):
            return
        before = [h for h in hits if h.anchor[1] <= c and h.verb is not None]
        rest = [h for h in hits if h.anchor[1] > c]
        if not before or not all(h.frame == "participle" and h.cue[0] == k for h in rest):
            return
        for h in rest:  # "..., the minister said, speaking to Reuters.": no report of its own
            hits.remove(h)
        if rest and before[-1].content == "around":
            before[-1].content = "left"
        if outlet and not before[-1].via:
            before[-1].tail_via = (c, a - 1 if t[a - 1].norm == "the" else a, e)
        elif rest and before[-1].tail_via is None:
            before[-1].tail_via = (c, -1, -1)  # the phrase closes the attribution, naming no conduit

    def _more_conduits(self, hit: Hit, k: int, sure: bool) -> None:
        """``told Reuters and AFP``, ``told the BBC and Sky News``: coordinated conduits, in order."""
        t = self.t
        while k + 1 < self.n and t[k].norm in ("and", ","):
            a = k + 1
            if t[a].norm == "the" and a + 1 < self.n:
                a += 1
            e = a
            while e < self.n and t[e].cap and t[e].word:
                e += 1
            if e == a or not (sure or self._outlet(a, e) or self._agency_name(a, e)):
                return
            hit.via.append((a - 1 if t[a - 1].norm == "the" else a, e, True))
            k = e

    def _reporter_outlet(self, hit: Hit) -> None:
        """``an AFP correspondent``, ``a Reuters reporter in Gaza``: the reporter is the source and the
        outlet they work for is the first conduit."""
        if hit.mention is None:
            return
        a, b = hit.mention
        t = self.t
        heads = [k for k in range(a, b) if t[k].norm in _REPORTER_NOUNS]
        if not heads:
            return
        k = heads[0]
        c = k
        while c > a and t[c - 1].cap and t[c - 1].word:
            c -= 1
        if c < k and (self._outlet(c, k) or self._agency_name(c, k)):
            hit.via.insert(0, (c, k, True))

    def _relay(self, a: int, b: int) -> tuple[int, int, bool]:
        """A conduit's ``(start, end, sure)``; ``the state news agency SANA`` is named by its name."""
        t = self.t
        sure = self._outlet(a, b)
        c = b
        while c > a and t[c - 1].cap and t[c - 1].word:
            c -= 1
        if a < c < b and not t[c - 1].cap and t[c - 1].norm in self.lex.agency_nouns:
            a = c
        elif c == b:  # "the Interfax news agency" is named "Interfax"
            e = b
            while e > a and not t[e - 1].cap and (t[e - 1].norm in self.lex.agency_nouns or t[e - 1].norm == "news"):
                e -= 1
            s = e
            while s > a and t[s - 1].cap and t[s - 1].word and t[s - 1].norm != "the":
                s -= 1
            if a <= s < e < b:
                return s, e, True
        elif t[a].norm == "the" and a + 1 == c:
            a = c  # "the Harbour News Agency" is named "Harbour News Agency"
        return a, b, sure

    def _agency_name(self, a: int, b: int) -> bool:
        """``WAFA``, ``Tass``: a capitalised name the registry knows as a news agency."""
        if self.registry is None:
            return False
        t = self.t
        c = b
        while c > a and t[c - 1].cap:
            c -= 1
        name = " ".join(x.text for x in t[c:b])
        entry = self.registry.resolve(name, "en") if name else None
        return entry is not None and entry.kind == "agency"

    def _outlet(self, a: int, b: int) -> bool:
        """``Reuters``, ``the Tass news agency``, ``state media``: the words name a news outlet."""
        t = self.t
        return any(t[x].norm.rstrip(".") in self.lex.agency_words or t[x].norm in self.lex.agency_nouns
                   for x in range(a, b)) or (b - a <= 3 and t[b - 1].cap and t[b - 1].text.isupper()
                                              and len(t[b - 1].text) >= 3)

    def _anonymity(self, hit: Hit) -> None:
        """Mark unnamed sources (``officials speaking on condition of anonymity``)."""
        if hit.mention is None:
            return
        a, b = hit.mention
        head = self.head_of(a, b)
        if head.cap and head.norm not in self.lex.anonymous_heads and hit.head == "name":
            return  # "Roe was briefed on the plan and said": a named source is not anonymous
        lo = a
        hi = min(self.n, max(b, hit.role[1] if hit.role else b) + 12)
        for k in range(lo, hi):
            if self._phrase_at(k, self.lex.anonymity):
                w = self.t[k].norm
                if w in _ANON_ADJECTIVES and not k < b or w in _ANON_POSTMODIFIERS and not k <= b + 2:
                    continue  # "the paper said two people familiar with ...": another's description
                hit.anonymous = True
                if hit.role is None and b <= k <= b + 2 and hit.cue[1] <= a \
                        and all(self.t[x].norm in _ANON_LEADS for x in range(b, k)):
                    # "said a senior official who spoke on condition of anonymity": the description
                    # runs to the clause's end
                    e = k
                    while e < self.n and self.t[e].text not in (",", ";", ":", ".", "!", "?", "—", "(") \
                            and not self.t[e].quote and self.t[e].text not in _QUOTE_MARKS:
                        e += 1
                    hit.role = (b, e)
                    if hit.content == "around" and self.at_end(e):
                        hit.content = "left"
                return
