"""What an English claim is, and why it was attributed.

:func:`content_range` cuts the reported content out of a clause with its attribution words:
the that-clause or quotation after ``X said``, the clause before ``, X said``, what follows
``According to X,``.  :func:`reason` writes the one-line ``Attribution.reason``.
"""

from __future__ import annotations

from factcheck.text.english_parse import Hit, SentenceParser

_OPEN_QUOTES = frozenset('"“‘\'«')
_LEAD_SKIP = frozenset({",", ":", "—", "–", "--", "-", "that"})
_TRAIL_SKIP = frozenset({",", ":", "—", "–", "--", "-", "(", ";"})
#: after the attribution words, at most this many words may trail in a ``left`` claim
_TAIL_WORDS = 5
#: how far after the cue ``that`` / ``:`` is looked for (``said on Tuesday that``)
_THAT_REACH = 6

#: words that open an adjunct after a reporting verb, not its content ("..., he said after ...")
_ADJUNCT_OPENERS = frozenset(
    """after before during at in on when while as since following from to with without by in
    earlier later today yesterday tonight recently again also then of""".split())

_SUBORDINATORS = frozenset(
    """as when while after before if although though since because despite following once until unless
    amid during in on at with without by for from""".split())

_FRAMES = {
    "according": "'according to' phrase",
    "headline": "headline 'X: ...'",
    "label": "speaker label 'X: ...'",
    "byline": "signature after a quotation",
    "reports": "vague reports phrase",
    "participle": "participle clause",
    "stance": "stance phrase",
    "nominal": "noun-phrase attribution",
}
_VERB_CLASSES = {
    "speech": "reporting verb",
    "cognition": "belief verb",
    "intention": "intention verb",
    "evaluative": "stance verb",
    "evidence": "evidence verb",
}
_SIDES = {"right": "content after the cue", "left": "postposed ', X said'", "whole": "whole clause"}
_HEADS = {
    "pronoun": "pronoun",
    "relative": "relative pronoun",
    "name": "name",
    "np": "noun phrase",
    "reports": "reports",
    "implied": "subject of the clause",
    "partitive": "partitive",
}


def content_range(parser: SentenceParser, lo: int, hi: int, hit: Hit, conduits=()) -> tuple[int, int, str]:
    """Token range ``[clo, chi)`` of the reported content of the claim ``[lo, hi)`` and the side
    it was found on: ``right``, ``left`` or ``whole``.

    The range is never empty: when no content can be told from the attribution words, the whole
    clause is the claim.  ``conduits`` are token ranges of attribution words folded into this
    one (``Reuters reported, citing two sources, that ...``)."""
    toks = parser.t
    a, b = hit.anchor
    for _va, vb, _sure in hit.via:
        b = max(b, vb)
    tail_conduit = None
    for ca, cb in conduits:
        if not (lo <= ca and cb <= hi):
            continue
        if ca - b <= 2 and a - cb <= 2:  # "Reuters reported, citing two sources, that ..."
            a, b = min(a, ca), max(b, cb)
        elif ca > b:  # "X said ..., AFP reported.": the content ends before the conduit
            tail_conduit = ca
    if a < lo <= hit.cue[0] and not (hit.role and hit.role[1] > lo):
        a = hit.cue[0]  # "Roe, who said X, | apologized for Y": the mention opens the sentence
    participle = hit.mention is None and hit.frame == "participle" and lo == hit.cue[0]
    if a < lo or b > hi or hit.mention is None and not participle:
        return lo, hi, "whole"
    content = hit.content
    if content == "around" and (b > hit.anchor[1] and parser.at_end(b) or not _has_word(toks, b, hi)):
        # "A, the minister said, according to KCNA.": the conduit closed the sentence;
        # "A, the official said, | adding that B": the claim was cut after the cue
        content = "left"
    side = _side(parser, lo, hi, a, b, content)
    if side == "right" and _has_cue(parser, lo, a) or side == "left" and _has_cue(parser, b, hi):
        side = "whole"  # the words cut off carry another report of the same source: keep them
    if side == "right":
        clo = b
        if hit.frame == "according" or hit.opener is not None:  # "According to X (released ...), CONTENT"
            for k in range(b, min(hi - 1, b + 10)):
                if toks[k].text == "," and not toks[k].quote:
                    b = k + 1
                    break
            clo = b
        for k in range(b, min(hi, b + _reach(parser, b))):
            t = toks[k]
            if t.quote or t.text in _OPEN_QUOTES:
                break
            if t.text == ":" or t.norm == "that" and k + 1 < hi:
                clo = k + 1
                break
        while clo < hi and toks[clo].norm in _LEAD_SKIP and not toks[clo].quote:
            clo += 1
        chi = hi
        while chi - 1 > clo and toks[chi - 1].text == "," and not toks[chi - 1].quote:
            chi -= 1  # the comma that closed a relative clause
        if tail_conduit is not None:
            chi = tail_conduit
            while chi > clo and toks[chi - 1].text in _TRAIL_SKIP:
                chi -= 1
        if not _has_word(toks, clo, chi):
            return lo, hi, "whole"
        if clo == b and hit.frame == "verb" and _not_a_clause(parser, clo, chi):
            return lo, hi, "whole"  # "told reporters on Monday", "continues to grow": no content there
        return clo, chi, "right"
    if side == "whole":
        return lo, hi, "whole"
    chi = a
    while chi > lo and toks[chi - 1].text in _TRAIL_SKIP:
        chi -= 1
    if not _has_word(toks, lo, chi):
        return lo, hi, "whole"
    return lo, chi, "left"


def _reach(parser: SentenceParser, b: int) -> int:
    """How far after the cue ``that`` is looked for: further past ``in a statement on its website``."""
    toks = parser.t
    if b < len(toks) and toks[b].norm in ("in", "during", "at") and any(
            toks[k].norm in parser.lex.statement_nouns for k in range(b + 1, min(len(toks), b + 4))):
        return _THAT_REACH + 4
    return _THAT_REACH


def _side(parser: SentenceParser, lo: int, hi: int, a: int, b: int, content: str) -> str:
    """``right`` (``X said that ...``), ``left`` (``..., X said``) or ``whole`` (both sides carry
    content, or it cannot be told)."""
    toks = parser.t
    left = [toks[k] for k in range(lo, a) if toks[k].word]
    quoted_left = len(left) >= 1 and sum(t.quote for t in left) >= 0.6 * len(left) and _closes_quote(toks, lo, a)
    opens = False  # content that opens right after the cue: "that", ":", a quotation
    for k in range(b, min(hi, b + _reach(parser, b))):
        t = toks[k]
        if t.quote or t.text in _OPEN_QUOTES or t.text == ":" or t.norm == "that":
            opens = True
            break
        if t.text == ";" or t.text == "," and k > b:
            break
    if opens:
        return "whole" if quoted_left else "right"
    if b < hi and toks[b].norm in ("yes", "no", "so") and not toks[b].quote:
        return "right"  # "..., 75 percent said yes"
    if content == "around" and left:
        return "whole"  # "“A,” she said, “B”": quotation on both sides
    postposed = len(left) >= 3 and toks[a - 1].text == "," and left[0].norm not in _SUBORDINATORS \
        and not parser.is_time(lo) and (
            b >= hi or not toks[b].word or parser.is_time(b)
            or toks[b].norm in _ADJUNCT_OPENERS and not (b + 1 < hi and toks[b + 1].norm in ("least", "most")))
    if content == "left" or quoted_left or postposed:
        tail = [toks[k] for k in range(b, hi)]
        if any(t.norm in ("that", "saying", "adding", "noting", "arguing", "insisting") or t.quote for t in tail):
            return "whole"
        return "left" if left else "right"
    if not left:
        return "right"
    return "right" if content == "right" else "whole"


def _closes_quote(toks, lo: int, a: int) -> bool:
    k = a - 1
    while k >= lo and not toks[k].word and toks[k].text in (",", "—", "–", "--"):
        k -= 1
    return k >= lo and toks[k].text in ("”", "’", '"', "'", "»")


def _not_a_clause(parser: SentenceParser, k: int, hi: int) -> bool:
    """The words after a reporting verb open with a preposition or an addressee (``reporters``,
    ``the crowd``), so they are not the reported content."""
    t = parser.t
    n = t[k].norm
    if n in parser.lex.prepositions and n not in ("that", "if", "whether", "how", "what", "why", "when") \
            and not (n in ("at", "about", "over", "under") and k + 1 < hi and (
                t[k + 1].norm in ("least", "most") or t[k + 1].norm[:1].isdigit())):
        return True
    j = k + 1 if n in ("the", "a", "an", "his", "her", "their", "its") and k + 1 < hi else k
    return t[j].norm in parser.lex.addressees and t[j].norm != "the"


def _has_cue(parser: SentenceParser, lo: int, hi: int) -> bool:
    verbs = parser.lex.verbs
    return any(not parser.t[k].quote and (v := verbs.get(parser.t[k].norm)) is not None
               and v.cls in ("speech", "cognition", "evaluative")
               and not (k == parser.first_word and (v.form == "past" or v.form == "ing" and (
                   v.needs_particle or v.lemma in parser.lex.complement_verbs)))  # "Asked ...,", "Speaking ...,"
               for k in range(lo, hi))


def _words(toks, lo: int, hi: int) -> int:
    return sum(1 for k in range(lo, hi) if toks[k].word)


def _has_word(toks, lo: int, hi: int) -> bool:
    return any(toks[k].word for k in range(lo, hi))


def reason(hit: Hit, cue: str, mention: str | None, name: str, *, side: str = "whole", denial: bool = False) -> str:
    """``cue 'said' (reporting verb, postposed ', X said'); speaker: noun phrase 'the minister'
    -> 'Lloyd Austin'``."""
    if hit.frame == "verb" and hit.verb is not None:
        what = _VERB_CLASSES.get(hit.verb.cls, "verb")
    else:
        what = _FRAMES.get(hit.frame, hit.frame)
    out = f"cue '{cue}' ({what}, {_SIDES.get(side, side)})"
    if denial:
        out += ", denial"
    head = _HEADS.get(hit.head, hit.head)
    if hit.anonymous:
        head = "unnamed " + head
    if mention is None:
        out += f"; speaker: {head} -> '{name}'"
    else:
        out += f"; speaker: {head} '{mention}'"
        if name.casefold() not in mention.casefold():
            out += f" -> '{name}'"
    return out
