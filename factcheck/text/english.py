"""English attribution: an article's claims, each with its source, cue, role, mode and via chain.

Pipeline per article: paragraphs and sentences (:func:`factcheck.text.segment.segment`), tokens
and quotation spans (``english_tokens``), cues and source mentions per sentence
(``english_parse``), canonical sources with coreference (``english_sources``).  A sentence with
two attributions becomes two claims, cut at the clause break between them; a report nested in
another's content (``X said Y wants ...``) and one in an introductory clause (``When X said ...,
Y replied ...``) give way to the main one.  Sentences of a quotation that continues past its
attributed sentence belong to the same speaker.
"""

from __future__ import annotations

import bisect
import re

from factcheck.model import Attribution, Span, ViaHop
from factcheck.text.draft import DraftClaim
from factcheck.text.english_content import content_range, reason
from factcheck.text.english_lex import Lexicon, lexicon
from factcheck.text.english_parse import Hit, SentenceParser
from factcheck.text.english_sources import Entity, Tracker, span
from factcheck.text.english_tokens import Token, mark_quotes, quote_spans, tokenize
from factcheck.text.segment import paragraphs, segment

_BREAK_PUNCT = frozenset({";", ":", "—", "–", "--"})
_BREAK_WORDS = frozenset({"but", "while", "whereas", "although", "though", "yet"})
#: Verbs whose content is what the speaker says is NOT so (the claim's mode is ``denial``).
_DENIAL_LEMMAS = frozenset({"deny", "refute", "rebut", "dispute", "contradict"})
_LEX = lexicon()
_ADJUNCT_START = frozenset("in for on at after before during with by from since until as like".split())
_NUMBER_WORDS = frozenset("one two three four five six seven eight nine ten".split())
_APPROX = frozenset({"about", "nearly", "almost", "roughly", "some", "over", "just", "only"})


def _is_number(tok) -> bool:
    return tok.word and (tok.norm[:1].isdigit() or tok.norm in _NUMBER_WORDS)


def _proportion_start(toks, a: int) -> int:
    """``4 in 10 voters``, ``one in five``, ``four out of 10``: the proportion starts the mention."""
    if not _is_number(toks[a]):
        return a
    if a >= 2 and toks[a - 1].norm == "in" and _is_number(toks[a - 2]):
        a -= 2
    elif a >= 3 and toks[a - 1].norm == "of" and toks[a - 2].norm == "out" and _is_number(toks[a - 3]):
        a -= 3
    else:
        return a
    if a >= 1 and toks[a - 1].norm in _APPROX:
        a -= 1
    return a
#: How many sentences a quotation's speaker is searched over, backwards or forwards.
_REACH = 30


class _Claim:
    """A claim under construction (character offsets) with what made it."""

    __slots__ = ("start", "end", "cs", "ce", "att", "entity", "hit", "quoted", "mention", "para", "open_quote")

    def __init__(self, start, end, att=None, entity=None, hit=None, quoted=0.0, mention=None, para=0, content=None):
        self.start, self.end = start, end  # the clause with its attribution words
        self.cs, self.ce = content or (start, end)  # the reported content: what the claim is
        self.att: Attribution | None = att
        self.entity: Entity | None = entity
        self.hit: Hit | None = hit
        self.quoted = quoted  # share of the claim's words inside quotation marks
        self.mention: Span | None = mention
        self.para = para
        self.open_quote = False  # a quotation still open at the claim's end


def attribute(text: str, *, registry, date=None) -> list[DraftClaim]:
    """Claims of an English article in order, each attributed or unattributed."""
    lex = lexicon()
    tracker = Tracker(registry, lex, text)
    dateline = _DATELINE.search(text, 0, min(len(text), 1500))
    publisher = dateline.group(1).strip() if dateline else None
    if publisher:
        tracker.set_publisher(publisher)
    paras = paragraphs(text)
    sents = _sentences(text)
    para_starts = [p[0] for p in paras]
    claims: list[_Claim] = []
    qcache: dict[int, list[tuple[int, int]]] = {}
    first_para_sents = 0
    for s, e in sents:
        if dateline is not None and s <= dateline.start(1) and dateline.end() < e:
            # "BEIRUT, March 3 (Reuters) - A, sources said": the dateline is no part of the claim
            s = dateline.end()
            while s < e and text[s].isspace():
                s += 1
        pi = bisect.bisect_right(para_starts, s) - 1
        if pi not in qcache:
            qcache[pi] = quote_spans(text, *paras[pi])
        if pi == 0:
            first_para_sents += 1
        spans = qcache[pi]
        toks = tokenize(text, s, e, lex)
        if not toks:
            continue
        mark_quotes(toks, spans)
        headline = pi == 0 and first_para_sents == 1 and paras[0][1] == e
        if headline:
            _uncap_title(toks, lex)
        para_start = s == paras[pi][0]
        parser = SentenceParser(lex, toks, headline, para_start, registry)
        hits = parser.parse()
        claims.extend(_sentence_claims(text, parser, hits, tracker, pi, spans))
    _continue_quotes(claims, text)
    _inherit_via(claims)
    return [DraftClaim(c.cs, c.ce, c.att or Attribution.unattributed()) for c in claims]


#: ``OSLO, May 3 (Reuters) -``, ``WASHINGTON (AP) —``: a dateline naming the publishing outlet
_DATELINE = re.compile(r"^[ \t]*[A-Z][A-Za-z0-9 .,'’-]{1,60}?\(([A-Z][A-Za-z.&' ]{1,30})\)[ \t]*[-–—]", re.M)


def _uncap_title(toks: list[Token], lex: Lexicon) -> None:
    """In a Title Case Headline, capitalised verbs are still verbs."""
    words = [t for t in toks if t.word and len(t.text) > 3]
    if len(words) < 3 or sum(t.cap for t in words) < 0.7 * len(words):
        return
    for k in range(1, len(toks)):
        t = toks[k]
        v = lex.verbs.get(t.norm)
        if t.cap and v is not None and not t.text.isupper() and toks[k - 1].cap \
                and (v.form == "s" or v.form == "base" and toks[k - 1].norm.endswith("s")
                     and not toks[k - 1].norm.endswith(("ss", "us", "is"))) \
                and (k + 1 == len(toks) or toks[k + 1].word or toks[k + 1].text in "\"'“‘.") \
                and toks[k - 1].norm not in lex.function_words:
            t.cap = False
            return  # the first verb after a capitalised subject


def _sentences(text: str) -> list[tuple[int, int]]:
    """Sentence spans; a short speaker clause after a quoted question continues it
    (``"Why now?" Graham asked.``)."""
    lex = lexicon()
    out: list[tuple[int, int]] = []
    for s, e in segment(text, "en"):
        if out and "\n" not in text[out[-1][1] : s] and _speaker_tail(text, out[-1], (s, e), lex):
            out[-1] = (out[-1][0], e)
        else:
            out.append((s, e))
    return out


def _speaker_tail(text: str, prev: tuple[int, int], cur: tuple[int, int], lex: Lexicon) -> bool:
    """``"Why now?" Graham asked.``: a short speaker clause after a quotation ending in ? or !."""
    k = prev[1]
    while k > prev[0] and text[k - 1] in "\"”'’":
        k -= 1  # one closing mark, or two apostrophes (''...'')
    if k == prev[1] or k - 1 < prev[0] or text[k - 1] not in "?!…—-":
        return False
    words = [t for t in tokenize(text, cur[0], cur[1], lex) if t.word]
    if not words or len(words) > 8:
        return False
    return any((v := lex.verbs.get(t.norm)) is not None and v.cls == "speech" and v.form in ("past", "s")
               for t in words)


# -- one sentence ----------------------------------------------------------------------------
def _sentence_claims(text, parser: SentenceParser, hits, tracker: Tracker, para: int, qspans) -> list[_Claim]:
    toks, lex = parser.t, parser.lex
    s, e = toks[0].start, toks[-1].end
    open_quote = any(a < e <= b and b >= _para_end(text, e) for a, b in qspans)
    resolved = []
    for hit in hits:
        r = _resolve(hit, parser, tracker, resolved, text)
        if r is not None:
            resolved.append((hit, r))
    if not resolved:
        _observe(toks, tracker, lex)
        c = _Claim(s, e, quoted=_quoted(toks, 0, len(toks)), para=para)
        c.open_quote = open_quote
        return [c]
    tails: dict[int, Span] = {}
    br = _Breaks(toks)
    conduit_spans: dict[int, list[tuple[int, int]]] = {}
    conduits = _fold_conduits(br, resolved, conduit_spans)
    groups = _drop_nested(toks, br, _merge(br, resolved, tails))
    cuts = _boundaries(toks, br, groups)
    out = []
    for (lo, hi), (hit, (ent, mention, role)) in zip(cuts, groups):
        tail = hit.tail_via[0] if hit.tail_via is not None and lo < hit.tail_via[0] < hi else hi
        # "X said A, in an interview with the BBC.": the closing phrase is no part of A
        clo, chi, side = content_range(parser, lo, tail, hit, conduit_spans.get(id(hit), ()))
        quoted = _quoted(toks, lo, hi, hit.anchor) if side == "whole" else _quoted(toks, clo, chi)
        att = _attribution(text, toks, hit, ent, mention, role, quoted, tracker, side)
        seen = {hop.source.id for hop in att.via} | {ent.ref.id}
        att.via[:0] = [hop for hop in conduits.get(id(hit), ()) if hop.source.id not in seen]
        if att.via:
            att.reason += "; via " + ", ".join(f"'{hop.source.name}'" for hop in att.via)
        c = _Claim(toks[lo].start, toks[hi - 1].end, att, ent, hit, quoted, tails.get(id(hit), mention), para,
                   (toks[clo].start, toks[chi - 1].end))
        out.append(c)
    out[-1].open_quote = open_quote
    return out


def _para_end(text: str, pos: int) -> int:
    nl = text.find("\n", pos)
    end = len(text) if nl == -1 else nl
    while end > pos and text[end - 1].isspace():
        end -= 1
    return end


def _resolve(hit: Hit, parser: SentenceParser, tracker: Tracker, earlier, text):
    """``(entity, mention Span, role)`` for a hit, or None when its source cannot be found."""
    toks = parser.t
    if hit.mention is None:  # a participle: the subject of the clause it hangs on
        for prev_hit, (ent, mention, role) in reversed(earlier[-20:]):
            if prev_hit.anchor[1] <= hit.cue[0]:
                return ent, mention, role
        subj = parser.clause_subject(hit.cue[0])
        if subj is None:
            return None
        (a, b), head, role = subj
        res = tracker.resolve(toks, a, b, head)
        return res.entity, span(text, toks, a, b), res.role
    a, b = hit.mention
    a = _proportion_start(toks, a)
    if a >= 2 and toks[a - 1].norm == "and" and hit.head in ("name", "np"):
        start = parser.np_left(a - 2)  # "Mrs. Roe and her aides said": the whole coordination
        lex = parser.lex
        if start is not None and (start == parser.first_word or toks[start - 1].text == ",") \
                and toks[start].norm not in _INTRO_WORDS and all(
                    t.cap or t.norm in lex.determiners or t.norm in lex.source_nouns or t.norm in ("of", "her", "his",
                                                                                              "their", "its")
                    or not t.word for t in toks[start : a - 1]):
            a = start
    hit.mention = (a, b)
    antecedent = None
    if hit.head == "relative":
        k = a - 1
        if k >= 0 and toks[k].text == ",":
            k -= 1
        for prev_hit, (ent, _mention, role) in reversed(earlier):  # "Jane Roe, an analyst at X, who argued"
            end = prev_hit.anchor[1]
            if end == k + 1 and prev_hit.mention is not None:
                return ent, span(text, toks, a, b), role
            if end < k - 40:
                break
        if k < 0 or not toks[k].word:
            return None
        start = parser.np_left(k)
        if start is None:
            return None
        antecedent = (start, k + 1)
    res = tracker.resolve(toks, a, b, hit.head, anonymous=hit.anonymous, role=hit.role, antecedent=antecedent,
                          pronoun=hit.pronoun)
    ent = res.entity
    surface = text[toks[a].start : toks[b - 1].end]
    if hit.head in ("name", "np") and surface not in ent.ref.aliases and len(ent.ref.aliases) < 12:
        ent.ref.aliases = (*ent.ref.aliases, surface)
    # "officials, speaking on condition of anonymity": not part of the mention; "a senior official who
    # spoke on condition of anonymity", with no comma, describes the source as the sentence names it
    role_span = hit.role if not hit.anonymous or hit.role is not None and hit.role[0] == b else None
    if hit.head in ("name", "np"):
        a = _extend_left(toks, a)
        a, b = _mention_edges(toks, a, b, parser.lex)
    if hit.anonymous and role_span is not None:
        return ent, span(text, toks, a, role_span[1]), res.role
    return ent, span(text, toks, *_with_apposition(toks, a, b, role_span)), res.role


_COMPARATIVE = frozenset({"more", "less", "fewer"})
_DET_BEFORE = frozenset({"most", "other", "few", "many", "two", "three", "several", "latest", "same"})
_POSTED = frozenset("released published conducted taken issued posted filed compiled".split())


def _mention_edges(toks, a: int, b: int, lex: Lexicon) -> tuple[int, int]:
    """The noun phrase's own edges: ``more than half of ...``, ``at least three ...``, ``the most
    recent poll``; a party label in parentheses (``Rep. Jane Roe (D-Ore.)``); the time of a poll
    or report after its participle (``a poll released Sunday``)."""
    n = len(toks)
    if a >= 2 and toks[a - 1].norm == "than" and toks[a - 2].norm in _COMPARATIVE and (
            _is_number(toks[a]) or toks[a].norm in _QUANT or toks[a].norm[:1].isdigit()):
        a -= 2
    elif a >= 2 and toks[a - 2].norm == "at" and toks[a - 1].norm in ("least", "most") and _is_number(toks[a]):
        a -= 2
    elif a >= 1 and toks[a - 1].norm in ("the", "a", "an") and toks[a].norm in _DET_BEFORE:
        a -= 1
    if a >= 1 and toks[a - 1].norm in ("a", "an") and toks[a].norm[:1].isdigit() and toks[a].norm.endswith("%"):
        a -= 1
    if b + 2 < n and toks[b].text == "(" and toks[b - 1].cap:
        k = b + 1
        while k < n and k - b < 8 and toks[k].text != ")":
            k += 1
        if k < n and toks[k].text == ")" and any(t.text.startswith(("D-", "R-", "I-")) or t.text in ("D", "R", "I")
                                                 for t in toks[b + 1 : k]):
            b = k + 1
    if toks[b - 1].norm in _POSTED and b < n:
        k = b
        while k < n and k - b < 4 and toks[k].word and (
                toks[k].norm in lex.days or toks[k].norm in lex.months or toks[k].norm in _TIME_AFTER
                or toks[k].norm[:1].isdigit()):
            k += 1
        b = k
    return a, b


_TIME_AFTER = frozenset("today yesterday tonight last this next week month year earlier on in morning night evening "
                        "afternoon weekend".split())


_QUANT = frozenset("""some all many most none each one two three several few dozens hundreds thousands millions
    majority minority half third quarter both either neither any""".split())


def _extend_left(toks, a: int) -> int:
    """Start the mention at its possessor or quantifier: ``Sanders' aides``, ``Roe's spokesman``,
    ``some of her followers``, ``only 32 percent``."""
    if a >= 2 and toks[a - 1].text in ("'", "’") and toks[a - 2].cap and toks[a - 2].norm.endswith("s"):
        a -= 2
    elif a >= 1 and toks[a - 1].cap and toks[a - 1].norm.endswith("'s"):
        a -= 1
    else:
        if a >= 2 and toks[a - 1].norm == "of" and toks[a - 2].norm in _QUANT:
            a -= 2
            if a >= 1 and toks[a - 1].norm in ("a", "the", "only", "just", "about", "nearly", "almost"):
                a -= 1
        elif a >= 1 and toks[a - 1].norm in _APPROX and _is_number(toks[a]):
            a -= 1
        return a
    while a >= 1 and toks[a - 1].cap and toks[a - 1].word and toks[a - 1].norm not in _INTRO_WORDS \
            and toks[a - 1].norm not in ("the", "a", "an", "but", "and", "so"):
        a -= 1  # the possessor's full name: "Hillary Clinton's"
    return a


def _with_apposition(toks, a: int, b: int, role) -> tuple[int, int]:
    """The mention with its apposition when they are adjacent (``Jane Roe, the port's director``,
    ``The port's director, Jane Roe``): the source as the sentence names it."""
    if role is None:
        return a, b
    ra, rb = role
    if toks[ra].norm in _ADJUNCT_START:
        return a, b  # "voters, in particular," / ", for his part,": an adjunct, not an apposition
    if any(t.norm in ("who", "which") for t in toks[ra : min(rb, ra + 2)]) and any(
            (v := _LEX.verbs.get(t.norm)) is not None and v.cls in ("speech", "cognition") for t in toks[ra:rb]):
        return a, b  # "Harvey, who acknowledged ..., said": the relative clause is a report of its own
    if b <= ra <= b + 1 and all(not toks[k].word for k in range(b, ra)) or \
            a - 1 <= rb <= a and all(not toks[k].word for k in range(rb, a)):
        return min(a, ra), max(b, rb)
    return a, b


def _observe(toks, tracker: Tracker, lex: Lexicon) -> None:
    """Register a named sentence subject so that a later ``he``/``she`` can resolve to it."""
    starts = [0]
    for k in range(min(len(toks), 10)):
        if toks[k].text == ",":
            starts.append(k + 1)
            break
    for a in starts:
        k = a
        while k < len(toks) and toks[k].word and toks[k].cap and not toks[k].quote \
                and toks[k].norm not in lex.function_words and toks[k].norm not in lex.days \
                and toks[k].norm not in lex.months:
            k += 1
        if k > a and k < len(toks) and toks[k].word and not toks[k].cap \
                and toks[k].norm not in lex.prepositions and toks[k].norm not in ("and", "or"):
            tracker.resolve(toks, a, k, "name")
            return


def _fold_conduits(br, resolved, conduit_spans) -> dict[int, list[ViaHop]]:
    """``According to Reuters, officials said ...`` / ``..., officials said, according to AFP``:
    the agency is the conduit of the nearest other source in the sentence, not a source itself.

    Removes such hits from ``resolved`` and returns the via hops to add, per remaining hit;
    ``conduit_spans`` gets, per remaining hit, the token ranges of the folded attribution words."""
    out: dict[int, list[ViaHop]] = {}
    drop: set[int] = set()
    spans = conduit_spans
    for i, (hit, (ent, mention, _role)) in enumerate(resolved):
        near = [resolved[j] for j in (i - 1, i + 1, i - 2, i + 2) if 0 <= j < len(resolved)]
        citing = [(h, r) for h, r in near if _cites_beside(br.toks, hit, h)]
        relay = hit.frame == "according" or hit.verb is not None and hit.verb.lemma == "report" or bool(citing)
        outlet = ent.kind == "agency" or bool(citing) and hit.head == "name" and hit.verb is not None \
            and hit.verb.lemma == "report" and ent.kind == "person"  # "Ukrainska Pravda reported, citing ..."
        if not relay or not outlet or hit.opener is not None and hit.content == "right":
            # "As the Herald reported, A": the paper frames the whole clause, it is no conduit
            continue
        if citing:  # "Xinhua said, citing local officials, ...": the officials, via Xinhua
            near = citing
        others = [(h, r) for h, r in near if id(h) not in drop and r[0].kind != "agency"
                  and (h.verb is None or h.verb.cls == "speech" or h.frame != "verb")
                  and not br.hard(min(h.anchor[1], hit.anchor[1]), max(h.anchor[0], hit.anchor[0]))]
        if not others:
            continue
        target = min(others, key=lambda hr: abs(hr[0].anchor[0] - hit.anchor[0]))[0]
        out.setdefault(id(target), []).append(ViaHop(ent.ref, mention))
        spans.setdefault(id(target), []).append(hit.anchor)
        drop.add(id(hit))
    if drop:
        resolved[:] = [(h, r) for h, r in resolved if id(h) not in drop]
    return out


def _cites_beside(toks, hit: Hit, other: Hit) -> bool:
    """``other`` is a ``citing X`` / ``quoting X`` phrase right beside ``hit``'s attribution words
    (``Xinhua said, citing X``, ``Xinhua, citing X, said``)."""
    if other is hit or other.frame != "according" or toks[other.cue[0]].norm not in ("citing", "quoting"):
        return False
    a, b = hit.anchor
    oa, ob = other.anchor
    return oa - b <= 1 and a - ob <= 1


def _merge(br, resolved, tails):
    """Neighbouring hits with the same source become one (the first keeps the claim), unless
    a clause break and a fresh mention separate them (``X said A, but he said B``).
    ``tails`` gets, per kept hit, the last mention of its source (for quotations that go on)."""
    out = []
    for hit, r in resolved:
        tails[id(hit)] = r[1]
        if out and out[-1][1][0] is r[0] and not (
            hit.mention is not None and hit.head == "pronoun"
            and br.any(out[-1][0].anchor[1], hit.anchor[0])
        ) and not _adds_after_closing_cue(br.toks, out[-1][0], hit):
            prev_hit = out[-1][0]
            if _closed_relative(br, prev_hit, hit):
                out.append((hit, r))  # "Roe, who said that X, apologized for Y": two claims
                continue
            if prev_hit.head == "relative" and hit.head in ("name", "np"):
                # "Two engineers, who asked not to be named, told Reuters": the named mention leads
                hit.via = hit.via or prev_hit.via
                out[-1] = (hit, r)
                tails[id(hit)] = r[1]
                continue
            if prev_hit.via == [] and hit.via:
                prev_hit.via = hit.via
            tails[id(prev_hit)] = r[1]
            continue
        out.append((hit, r))
    return out


def _adds_after_closing_cue(toks, h1: Hit, h2: Hit) -> bool:
    """``A, the official said, adding that B``: the participle reports B, the closing cue A; two
    claims of one speaker."""
    return h2.frame == "participle" and h1.content in ("left", "around") and h1.frame == "verb" \
        and h2.cue[0] >= 1 and toks[h2.cue[0] - 1].text == "," and h2.cue[0] - 1 >= h1.anchor[1] \
        and any(t.word for t in toks[: h1.anchor[0]])


def _first_word(toks) -> int:
    return next((k for k, t in enumerate(toks) if t.word), len(toks))


def _closed_relative(br, rel: Hit, main: Hit) -> bool:
    """``Roe, who said that X, apologized for Y``: the relative clause reports a clause of its own
    (a verb of saying or thinking), closed by a comma before the main verb."""
    toks = br.toks
    c = main.cue[0] - 1
    while c > rel.cue[1] and toks[c].word and (toks[c].norm in _LEX.pre_verb or toks[c].norm.endswith("ly")):
        c -= 1  # "..., also told", "..., has repeatedly said"
    return rel.head == "relative" and rel.content == "right" and rel.verb is not None and not rel.anonymous \
        and rel.verb.cls in ("speech", "cognition") and c > rel.cue[1] and toks[c].text == "," \
        and main.mention is not None and main.mention[1] <= rel.anchor[0] and _clause_like(toks, rel.cue[1], c)


def _clause_like(toks, lo: int, hi: int) -> bool:
    """The words hold a clause (``that ...``, a finite verb), not just an object (``declared victory``)."""
    if lo < hi and toks[lo].norm == "that":
        return True
    for k in range(lo, hi):
        n = toks[k].norm
        if toks[k].quote or not toks[k].word:
            continue
        if n in _LEX.auxiliaries or n in _LEX.irregular_past or n.endswith("ed") and len(n) > 4 \
                or n in _LEX.pronouns and n not in ("him", "her", "them", "it", "its", "his") and k > lo:
            return True
    return False


def _drop_nested(toks, br, groups):
    """A report inside another's content (``X said Y wants ...``) stays part of the outer claim."""
    out = []
    for hit, r in groups:
        if hit.content == "left" and out:
            # "A, but B, the source added": everything before belongs to the closing report
            while out and not br.hard(out[-1][0].anchor[1], hit.anchor[0]):
                out.pop()
        if out:
            h1 = out[-1][0]
            a2 = hit.anchor[0]
            lo = h1.anchor[1]
            if h1.opener is not None and h1.opener <= _first_word(toks) and h1.content == "right":
                continue  # "As the Herald reported, the mayor said ...": the frame holds the rest
            if _in_intro(toks, br, h1, hit):
                out[-1] = (hit, r)  # "When X signaled ..., Y said ...": the main clause wins
                continue
            breaks = br.any(lo, a2)
            if _closed_relative(br, h1, hit):
                out.append((hit, r))  # "Roe, who said that X, apologized": two claims
                continue
            if h1.content == "right" and not breaks:
                continue  # a report inside another's content stays with the outer claim
            # ", who said ..." after a report: its own claim (the relative clause is cut off)
        out.append((hit, r))
    return out


_INTRO_WORDS = frozenset(
    """when whenever before after if as while although though since because once until unless
    following despite in on at during after amid with without by for from like unlike""".split()
)


def _in_intro(toks, br, h1: Hit, h2: Hit) -> bool:
    """``h1`` sits in an introductory clause or phrase and ``h2`` opens the main clause."""
    if h2.mention is None or h2.content == "left":
        return False
    start = h2.mention[0] if h2.role is None else min(h2.mention[0], h2.role[0])
    if start == 0 or toks[start - 1].text != ",":
        return False
    k = 0
    while k < len(toks) and (toks[k].norm in ("so", "and", "but", "yet", "then", "even") or not toks[k].word):
        k += 1
    if k >= h1.anchor[0] or toks[k].norm not in _INTRO_WORDS:
        return False
    return not br.hard(h1.anchor[1], start)


class _Breaks:
    """Clause breaks of a sentence with prefix counts, so range queries are O(1)."""

    def __init__(self, toks):
        self.toks = toks
        self._flags = [_is_break(toks, k) for k in range(len(toks))]
        self._any = [0]
        self._hard = [0]
        for k, tok in enumerate(toks):
            self._any.append(self._any[-1] + self._flags[k])
            self._hard.append(self._hard[-1] + (tok.text in (";", ":")))

    def at(self, k: int) -> bool:
        return self._flags[k]

    def any(self, lo: int, hi: int) -> bool:
        return hi > lo and self._any[hi] > self._any[lo]

    def hard(self, lo: int, hi: int) -> bool:
        return hi > lo and self._hard[hi] > self._hard[lo]


def _is_break(toks, k: int) -> bool:
    t = toks[k]
    if t.text in _BREAK_PUNCT:
        return True
    if t.norm in _BREAK_WORDS and not t.quote:
        return True
    if t.text in (",", "—", "--") and k + 1 < len(toks) and toks[k + 1].norm in (
            "and", "but", "while", "as", "whereas", "so", "although", "who", "which"):
        return True
    return False


def _boundaries(toks, br, groups) -> list[tuple[int, int]]:  # noqa: C901
    """Token ranges ``[lo, hi)`` of the claims of a sentence, one per hit group."""
    n = len(toks)
    cuts = [0]
    for (h1, _), (h2, _) in zip(groups, groups[1:]):
        a1, b1 = h1.anchor
        a2, b2 = h2.anchor
        lo = max(b1, cuts[-1] + 1)
        region = [k for k in range(lo, a2) if br.at(k)] if br.any(lo, a2) else []
        commas = [k for k in range(lo, a2) if toks[k].text == "," and not toks[k].quote]
        if h1.content in ("left", "around"):
            if h2.content == "right":
                cand = region or commas
                cut = cand[0] + 1 if cand else a2
            else:
                cand = region or commas
                cut = cand[-1] + 1 if cand else b1
        elif h2.content == "right" and _closed_relative(br, h1, h2):
            # the comma closing the relative clause; the main claim is what follows its cue
            cut = max(k for k in range(b1, h2.cue[0]) if toks[k].text == ",") + 1
        elif h2.content == "right":
            if region:
                k = region[-1]
                cut = k + 1 if toks[k].text in _BREAK_PUNCT or toks[k].text == "," else k
            else:
                cut = min(b2, n - 1)  # nested: the outer claim runs through the inner cue
        else:
            if region:
                k = region[-1]
                cut = k + 1 if toks[k].text in _BREAK_PUNCT or toks[k].text == "," else k
            elif commas:
                cut = commas[-1] + 1
            else:
                cut = b1
        cut = max(cuts[-1] + 1, min(cut, n - 1))
        cuts.append(cut)
    cuts.append(n)
    return [(cuts[i], cuts[i + 1]) for i in range(len(cuts) - 1)]


def _quoted(toks, lo, hi, exclude=None) -> float:
    words = [t for k, t in enumerate(toks[lo:hi], lo) if t.word and not (exclude and exclude[0] <= k < exclude[1])]
    if not words:
        return 0.0
    return sum(t.quote for t in words) / len(words)


def _mode(quoted: float) -> str:
    if quoted >= 0.8:
        return "direct"
    if quoted > 0.05:
        return "mixed"
    return "indirect"


def _attribution(text, toks, hit: Hit, ent: Entity, mention: Span, role, quoted, tracker, side) -> Attribution:
    cue = span(text, toks, *hit.cue)
    via = []
    for a, b, sure in hit.via + ([(hit.tail_via[1], hit.tail_via[2], True)] if hit.tail_via and hit.tail_via[1] >= 0
                                 else []):
        ref = tracker.via(text[toks[a].start : toks[b - 1].end], sure)
        if ref is not None and ref.id != ent.ref.id:
            via.append(ViaHop(ref, span(text, toks, a, b)))
    conf = hit.confidence
    if hit.head == "pronoun" and ent.ref.id.startswith("unidentified"):
        conf *= 0.6
    denial = hit.verb is not None and hit.verb.lemma in _DENIAL_LEMMAS
    why = reason(hit, cue.text, mention.text if hit.mention is not None else None, ent.ref.name, side=side, denial=denial)
    return Attribution(
        source=ent.ref, mention=mention, cue=cue, role=role, mode="denial" if denial else _mode(quoted), via=via,
        confidence=round(conf, 3), reason=why,
    )


# -- across sentences --------------------------------------------------------------------------
def _continue_quotes(claims: list[_Claim], text: str) -> None:
    """Unattributed sentences inside a speaker's quotation get that speaker.

    * a quotation still open at the end of an attributed claim: the sentences it runs over;
    * a paragraph of quotation right after ``X said:`` / ``X continued:``, or after a paragraph
      whose quotation was left open (news style for quotations over several paragraphs);
    * a wholly quoted sentence before or after an attributed quotation in the same paragraph.
    """
    colon_speaker = None  # "The governor added:" ending a paragraph: the next one is the speech
    label = None  # "ROE: ..." opening a transcript's paragraph: the whole paragraph is ROE's
    for i, c in enumerate(claims):
        if colon_speaker is not None and c.para != colon_speaker.para + 1:
            colon_speaker = None
        if label is not None and c.para != label.para:
            label = None
        if c.att is not None:
            colon_speaker = None
            label = c if c.hit is not None and c.hit.frame == "label" else label
            if c.hit is not None and c.hit.content == "right" and text[c.start : c.end].rstrip().endswith(":") \
                    and (i + 1 == len(claims) or claims[i + 1].para != c.para):
                colon_speaker = c
            continue
        src = colon_speaker or label
        if src is None and c.quoted >= 0.6:
            src = _quote_speaker(claims, i, text)
        if src is None or src.att is None:
            continue
        a = src.att
        mode = "direct" if c.quoted >= 0.6 or src is colon_speaker and not c.quoted else _mode(c.quoted)
        factor = 0.8 if src is colon_speaker else 0.85
        how = ("paragraph after 'X said:'" if src is colon_speaker else "speaker label" if src is label
               else "quotation continued over sentences")
        c.att = Attribution(source=a.source, mention=src.mention or a.mention, cue=a.cue, role=a.role, mode=mode,
                            via=list(a.via), confidence=round(a.confidence * factor, 3),
                            reason=f"{how}; speaker of the claim with cue '{a.cue.text if a.cue else ''}' "
                                   f"-> '{a.source.name}'")
        c.entity = src.entity
    _join_colon_claims(claims, text)
    _join_bylines(claims)


def _inherit_via(claims: list[_Claim]) -> None:
    """``Reuters quoted the minister as saying A. The minister added that B.``: once an agency has
    relayed a speaker, the speaker's later claims in the article came through it too (unless they
    name a conduit of their own)."""
    relayed: dict[str, list[ViaHop]] = {}
    for c in claims:
        a = c.att
        if a is None or a.source.kind == "unattributed":
            continue
        if a.via:
            relayed[a.source.id] = a.via
        elif a.source.id in relayed:
            hops = relayed[a.source.id]
            a.via = [ViaHop(h.source, None) for h in hops]
            a.reason += "; via " + ", ".join(f"'{h.source.name}'" for h in hops) + " (relayed earlier)"


def _quote_speaker(claims: list[_Claim], i: int, text: str) -> _Claim | None:
    """The attributed claim whose quotation claim ``i`` continues (see ``_continue_quotes``)."""
    c = claims[i]
    for j in range(i - 1, max(-1, i - 1 - _REACH), -1):  # backwards: same paragraph, or one ending in ":"
        p = claims[j]
        if p.para != c.para:
            if p.para == c.para - 1 and (text[p.start : p.end].rstrip().endswith(":") or p.open_quote):
                return _find_speaker(claims, j, p.para)
            break
        if p.att is not None and p.quoted > 0.2:
            return p
        if p.att is None and p.quoted < 0.6:
            break
    for j in range(i + 1, min(len(claims), i + 1 + _REACH)):  # forwards: '"A." "B," she said.'
        p = claims[j]
        if p.para != c.para:
            break
        if p.att is not None and (p.quoted > 0.2 or p.hit is not None and p.hit.frame == "byline"):
            return p
        if p.quoted < 0.6:
            break
    return None


def _join_bylines(claims: list[_Claim]) -> None:
    """``"..." ― Jane Roe``: the signature and the quotation it signs make one claim."""
    out: list[_Claim] = []
    for c in claims:
        if c.hit is not None and c.hit.frame == "byline":
            first = len(out)
            while first > 0 and out[first - 1].para == c.para and out[first - 1].entity is c.entity \
                    and out[first - 1].hit is None:
                first -= 1
            if first < len(out):
                out[first].end = c.end
                out[first].ce = out[-1].ce
                out[first].hit = c.hit
                del out[first + 1 :]
                continue
        out.append(c)
    claims[:] = out


def _find_speaker(claims, j, para):
    for k in range(j, max(-1, j - _REACH), -1):
        if claims[k].para != para:
            return None
        if claims[k].att is not None:
            return claims[k]
    return None


def _join_colon_claims(claims: list[_Claim], text: str) -> None:
    """``X continued:`` alone in its paragraph takes the first claim of the next paragraph."""
    out: list[_Claim] = []
    for c in claims:
        prev = out[-1] if out else None
        if prev is not None and prev.att is not None and prev.hit is not None and prev.hit.content == "right" \
                and text[prev.start : prev.end].rstrip().endswith(":") and c.para == prev.para + 1 \
                and c.entity is prev.entity:
            prev.cs, prev.ce = c.cs, c.ce
            prev.end = c.end  # the joined text no longer ends with ":", so only one claim is taken
            continue
        out.append(c)
    claims[:] = out
