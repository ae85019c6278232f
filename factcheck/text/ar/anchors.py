"""Arabic attribution: sentences → claims with their sources, cues and via chains.

Per sentence, *anchors* are found: reporting verbs (قال، أعلن، أكد ... with و/ف prefixes),
frames (بحسب، وفقا لـ، نقلا عن، وجاء في بيان ...), relays (نقلت X عن Y قوله), headline colons and
"amid reports" (وسط أنباء عن).  Each anchor yields a source spec (an explicit mention, or none for
a subject-less continuation) and where its content starts.  Claims are the content spans; a
sentence with two different attributions becomes two claims, narration around them stays
unattributed.  Sources are resolved across the article by :mod:`factcheck.text.arabic_discourse`
(coreference, registry, via propagation).
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from dataclasses import dataclass, field, replace
from itertools import compress, count
from operator import attrgetter

from factcheck.model import Attribution
from factcheck.text.ar.discourse import Discourse, SrcSpec
from factcheck.text.ar.lexicon import Tok, ar_lexicon, is_definite, key, strip_def, tokenize
from factcheck.text.ar.np import QUOTE_CLOSE, QUOTE_OPEN, NP, NPParser, _IN_STOP
from factcheck.text.draft import DraftClaim
from factcheck.text.segment import segment

_CLAUSE_PARTICLES = frozenset({"كما", "بينما", "فيما", "لكن", "ولكن", "لكنه", "لكنها", "ثم", "حيث", "بل", "اذ", "وقد", "قد", "لقد", "حين", "في", "وفي"})
_TRIM_END = "،,;؛-–— "
MIN_NARRATION_WORDS = 4
_WORDS = re.compile(r"\w+")
_PREPOSITIONS = frozenset({"عن", "من", "علي", "في", "الي", "منذ", "حتي", "خلال", "اثر", "عقب", "لدي", "حول", "بشان"})
#: forms of كان that open a pluperfect (كان ... قد فعل)
_KANA = frozenset({"كان", "كانت", "وكان", "وكانت", "كانوا", "وكانوا", "فكان", "فكانت", "كانا", "وكانا", "كانتا"})
_START, _END, _KEY = attrgetter("s"), attrgetter("e"), attrgetter("key")
_ADJUNCT_PREPS = frozenset({"خلال", "اثناء", "عبر", "امام", "عقب", "اثر", "لدي", "في", "على", "علي", "مع", "بعد", "قبل"})
_QUOTES = re.compile("[\"«“„»”]")
_HAS_CONTENT = re.compile(r"[^\W_]")  # a letter or a digit
_ORDINAL_ADVERBS = frozenset({"اخر", "اخري", "اول", "ذات", "لاول", "للمره"})
_LEAD_COMPLEMENTIZER = re.compile(r"^[\s:]*(?:[أإ]ن|[أإ]نه|[أإ]نها|بأن|فإن)?\s*")


@dataclass(slots=True)
class Anchor:
    kind: str  # lead | trail | paren | embedded | vague
    tok: int  # first token of the attribution clause
    clause: int  # char offset where the attribution clause starts
    content: int  # char offset where the content starts (lead / embedded)
    next: int  # token index where scanning resumes
    src: SrcSpec
    cue: tuple[int, int] | None = None
    frame_end: int = 0  # char offset after a trailing/parenthetical frame
    content_end: int | None = None  # embedded anchors
    svo: bool = False
    conj: bool = False
    after_complementizer: bool = False
    vias: list = field(default_factory=list)
    rule: str = ""  # the pattern that fired, for ``Attribution.reason``
    fresh: bool = False  # no claim before it in its sentence (set when the sentence is built)


def _rule(name: str):
    """Tag the anchor a finder returns with the rule that found it (the innermost finder wins)."""

    def wrap(fn):
        def finder(self, *args):
            a = fn(self, *args)
            if a is not None and not a.rule:
                a.rule = name
            return a

        finder.__name__, finder.__doc__ = fn.__name__, fn.__doc__
        return finder

    return wrap


class _Article:
    def __init__(self, text: str, registry, date=None):
        self.text = text
        self.lex = ar_lexicon()
        self.reg = registry
        self.toks: list[Tok] = tokenize(text)
        #: the tokens' keys (for comparing runs of words at once)
        self.keys: list[str] = list(map(_KEY, self.toks))
        #: tokens that may start an anchor (see ArabicLexicon.triggers), in order
        self.triggers = list(compress(count(), map(self.lex.triggers.__contains__, self.keys)))
        self._sframes = self.lex.memo["statement_frames"]
        self.np = NPParser(text, self.toks, self.lex, registry)
        self.disc = Discourse(text, self.toks, self.lex, registry, self.np)
        self.last: DraftClaim | None = None  # the latest claim, for quotations running on
        self._found: list[Anchor] = []

    # -- helpers ------------------------------------------------------------------------------
    def _prev_word(self, i: int, i0: int) -> int | None:
        x = i - 1
        while x >= i0 and not self.toks[x].word:
            x -= 1
        return x if x >= i0 else None

    def _match_words(self, i: int, end: int, words: tuple[str, ...]) -> tuple[int, int] | None:
        """Match frame ``words`` at token ``i`` (conjunction allowed on the first word).

        Returns (token after the match, glued characters to skip in that token)."""
        toks = self.toks
        k = toks[i].key
        if not (k == words[0] or (len(k) > len(words[0]) and k[0] in "وف" and k[1:] == words[0])):
            return None
        x = i + 1
        for w in words[1:]:
            if x >= end or not toks[x].word:
                return None
            kx = toks[x].key
            if kx == w:
                x += 1
            elif w == "ل" and kx.startswith("ل") and len(kx) > 2 and w is words[-1]:
                return x, 1  # وفقا لوكالة: the preposition is glued to the next word
            else:
                return None
        return x, 0

    def _skip_commas(self, k: int, end: int) -> int:
        while k < end and self.toks[k].raw in "،,":
            k += 1
        return k

    def _clause_start(self, i: int, i0: int) -> int:
        """Token where the clause of the cue at ``i`` starts (particles like بينما، كما included)."""
        x = i
        p = self._prev_word(x, i0)
        while p is not None and p == x - 1 and self.toks[p].key in _CLAUSE_PARTICLES:
            x = p
            p = self._prev_word(x, i0)
        return x

    # -- adjuncts between the source and the content -------------------------------------------
    def _adjuncts(self, k: int, end: int, spec: SrcSpec) -> tuple[int | None, int]:
        """Skip time phrases, "in a statement", "told X", "according to what X reported" ...

        Returns (content start char or None, token index where scanning stopped)."""
        toks, lex = self.toks, self.lex
        steps = 0
        while k < end and steps < 40:
            steps += 1
            t = toks[k]
            kk = t.key
            if not t.word:
                r = t.raw
                if r in "،,-–—":
                    k += 1
                    continue
                if r == ":":
                    n = k + 1
                    return (toks[n].s if n < end else None), n
                if r in QUOTE_OPEN:
                    spec.direct = True
                    return t.s, k
                if r == "(":
                    close = self.np.find_close(k, end, ")", 8)
                    if close:
                        k = close + 1  # (عكاظ): the publisher quoting its own source
                        continue
                return None, k
            if kk in lex.complementizers:
                return t.s, k
            if kk in ("الى", "من", "عن") and k + 1 < end and toks[k + 1].key in lex.complementizers:
                return t.s, k
            if kk in lex.say_masdar or kk in lex.qawl or kk in lex.time_words or kk in lex.months or kk.isdigit():
                k += 1
                continue
            if self._adverbial_at(k, end):
                k += 2  # آخر مرة، أول أمس
                continue
            if self.np._anonymity(k, end, "anonymous") and toks[k].key not in ("لم", "ولم"):
                k = self.np.clause_end(k, end)  # طالبا عدم نشر اسمه
                continue
            sf = self._statement_frame(k, end)
            if sf is not None:
                spec.statement = True
                k = self._statement_tail(sf, end, spec)
                continue
            if kk == "ل":
                k = self._told_to(k + 1, 0, end, spec)
                continue
            if kk in lex.told_to_heads or (kk.startswith("ل") and len(kk) > 3 and self._agency_at(k, 1)):
                k = self._told_to(k, 1, end, spec)
                continue
            fr = self._frame_match(k, end)
            if fr is not None and fr[1] in ("according", "according_verb", "relay"):
                x, typ, pre = fr
                sub = self._frame_source(x, pre, end, typ)
                if sub is not None:
                    src_np, via_np, pron, after = sub
                    if src_np is not None and via_np is None and any(
                        t.key.startswith("باسم") and len(t.key) > 4 for t in toks[src_np.i : src_np.j]
                    ):
                        k = after  # على لسان المتحدث باسمها: the subject's own spokesman, no conduit
                        continue
                    if typ == "relay" and src_np is not None:
                        spec.relay = src_np  # X نقلا عن Y: Y is the source, X the conduit
                    else:
                        spec.via_nps.append(via_np or src_np)
                        if src_np is not None and via_np is not None:
                            spec.via_nps.append(src_np)
                    k = after
                    continue
            if kk == "في" and k + 1 < end and toks[k + 1].key in lex.demonstratives:
                k += 3  # في هذا السياق
                continue
            if kk in ("في", "من") and k + 1 < end and toks[k + 1].key in _IN_STOP:
                k += 2  # في وقت سابق، من جهته
                continue
            return None, k
        return None, k

    def _opener_vias(self, i0: int, stop: int, spec: SrcSpec) -> None:
        """"في تصريح لـX" / "في مقابلة مع X" before the verb: X is a via."""
        for k in range(i0, min(stop, i0 + 4)):
            sf = self._statement_frame(k, stop)
            if sf is not None:
                self._statement_tail(sf, stop, spec)
                return

    def _agency_at(self, k: int, pre: int) -> bool:
        e = self.reg.exact(self.np.rkey(k, pre))
        return e is not None and e.kind == "agency"

    def _statement_frame(self, k: int, end: int) -> int | None:
        """"في بيان"، "وفي تصريح"، "خلال مؤتمر صحفي" at ``k``: the token after it, or None."""
        first = self.toks[k].key
        try:
            frames = self._sframes[first]
        except KeyError:
            frames = self._statement_frames_of(first)
        if frames:
            keys = self.keys
            for n, rest in frames:
                if k + n <= end and (n == 1 or tuple(keys[k + 1 : k + n]) == rest):
                    return k + n
        return None

    def _statement_frames_of(self, first: str) -> tuple[tuple[int, tuple[str, ...]], ...]:
        """The statement frames a word may open, in the lexicon's order, as (length, the words
        after the first): those of the word and of it without a conjunction (وفي بيان).  A
        function of the word and the lexicon, kept in the lexicon's memo."""
        bare = first[1:] if first[:1] in "وف" and len(first) > 2 else first
        index = self.lex.statement_frames_by_first
        frames = index.get(first, ())
        if bare != first and bare in index:  # both: keep the lexicon's order
            order = self.lex.statement_frames.index
            frames = sorted((*frames, *index[bare]), key=order)
        out = tuple((len(words), words[1:]) for words in frames)
        if len(self._sframes) < 100_000:
            self._sframes[first] = out
        return out

    def _statement_tail(self, k: int, end: int, spec: SrcSpec) -> int:
        """After "في بيان": skip له/لها, رسمي, "أصدرته السبت ونشرته وكالة X" (X is a via)."""
        toks, lex = self.toks, self.lex
        steps = 0
        while k < end and steps < 20:
            steps += 1
            t = toks[k]
            kk = t.key
            if not t.word:
                if t.raw in "،,":
                    k += 1
                    continue
                return k
            base = kk[1:] if kk[:1] in "وف" and len(kk) > 3 else kk
            bare = base[:-2] if base.endswith(("ته", "ها")) else base[:-1] if base.endswith("ه") else base
            if kk in lex.publish_verbs or base in lex.publish_verbs or bare in lex.publish_verbs:  # نشره، بثته
                np = self.np.parse(k + 1, end, appositions=False)
                if np is None:
                    k += 1
                    continue
                if self.np.category(self.np.head_key(np)) in ("agency", "organization") or any(
                    m.entry.kind != "person" for m in self.np.find_in(np.s, np.e)
                ):
                    spec.via_nps.append(np)  # بيان نشرته وكالة X، بيان نشره قصر الإليزيه
                k = np.j
                continue
            if kk in lex.time_words or kk in lex.months or kk.isdigit() or kk in ("له", "لها", "لهم", "صدر", "الصادر", "صادر") \
                    or self.np.adjective(kk) or base in lex.statement_tail_verbs or kk in ("يوم", "عاجل"):
                k += 1
                continue
            if kk == "ل":
                return self._told_to(k + 1, 0, end, spec)
            if kk in lex.told_to_heads or (kk.startswith("ل") and len(kk) > 3 and self._agency_at(k, 1)):
                return self._told_to(k, 1, end, spec)
            if kk == "مع" and k + 1 < end:
                np = self.np.parse(k + 1, end, appositions=False)
                if np is not None and (self.np.category(self.np.head_key(np)) == "agency" or self._agency_np(np)):
                    spec.via_nps.append(np)  # في مقابلة مع قناة X
                    return np.j
            return k
        return k

    def _agency_np(self, np: NP) -> bool:
        for m in self.np.find_in(np.s, np.e):
            if m.entry.kind == "agency":
                return True
        return False

    def _told_to(self, k: int, pre: int, end: int, spec: SrcSpec) -> int:
        """"لـX" / "لوكالة X": X is a via, unless it is the publisher quoting its own source."""
        toks = self.toks
        if k < end and (toks[k].raw == "(" or toks[k].raw in QUOTE_OPEN):
            closers = ")" if toks[k].raw == "(" else QUOTE_CLOSE
            close = self.np.find_close(k, end, closers, 6)
            if not close:
                return k + 1
            np = self.np.parse(k + 1, close, appositions=False)
            generic = np is not None and np.j - np.i == 1 and self.np.category(self.np.head_key(np)) is not None \
                and not self.np.find_in(np.s, np.e)
            if np is not None and not generic:
                spec.via_nps.append(np)  # لـ"رويترز"; لـ(عكاظ), the paper itself, is dropped as publisher
            # a bare unnamed noun in quotes (لـ«الصحيفة») is the publisher speaking of itself
            return close + 1
        np = self.np.parse(k, end, pre=pre, appositions=False)
        if np is None:
            return k + (1 if pre == 0 else 1)
        if self.np.category(self.np.head_key(np)) in ("people", "anonymous") and not self.np.find_in(np.s, np.e):
            return np.j  # قال للصحفيين: told the press, no conduit
        spec.via_nps.append(np)
        return np.j

    # -- frames ---------------------------------------------------------------------------------
    def _frame_match(self, i: int, end: int) -> tuple[int, str, int] | None:
        toks = self.toks
        k = toks[i].key
        cands = self.lex.frames.get(k) or (self.lex.frames.get(k[1:]) if len(k) > 2 and k[0] in "وف" else None)
        if not cands:
            return None
        best, rank = None, None
        for words, typ in cands:  # longest first; at one length a whole word beats a glued one
            m = self._match_words(i, end, words)
            if m and (rank is None or (len(words), not m[1]) > rank):
                best, rank = (m[0], typ, m[1]), (len(words), not m[1])
        return best  # ("وفقا لـ" + "ما" loses to "وفقا لما")

    def _frame_source(self, k: int, pre: int, end: int, typ: str):
        """Parse what follows a frame: (source NP, via NP, pronoun gender, token after)."""
        toks, lex, npp = self.toks, self.lex, self.np
        if typ == "according_verb":
            if k >= end or not toks[k].word:
                return None
            vk = toks[k].key
            base = vk[1:] if vk[:1] in "وف" and len(vk) > 3 else vk
            bare = base[:-2] if base.endswith("ته") else base[:-1] if base.endswith("ه") else base
            if not (vk in lex.relay_verbs or base in lex.relay_verbs or bare in lex.relay_verbs or lex.verb(vk)):
                return None
            k += 1
            while k < end and toks[k].word and (toks[k].key in lex.time_words or toks[k].key in lex.months):
                k += 1  # بحسب ما أفادت الأربعاء منظمة ...
            pron = None
            if k < end and toks[k].key in lex.pronoun_objects:
                pron = lex.pronoun_objects[toks[k].key]
                k += 1
            x = npp.parse(k, end, appositions=False)
            if x is None:
                return (None, None, pron, k) if pron else None
            after = x.j
            if after < end and toks[after].key == "عن":
                y = npp.parse(after + 1, end, appositions=False)
                if y is not None:
                    return y, x, None, y.j
            if pron:
                return None, x, pron, after
            if after < end and (toks[after].key == "ل" or toks[after].key in lex.told_to_heads):
                pre2 = 0 if toks[after].key == "ل" else 1
                z = npp.parse(after + (1 if pre2 == 0 else 0), end, pre=pre2, appositions=False)
                if z is not None:
                    return x, z, None, z.j  # بحسب ما أفادت مصادر لوكالة فرانس برس
            return x, None, None, after
        while k < end and toks[k].word and toks[k].key[pre:] in lex.frame_noise and k + 1 < end and toks[k + 1].word:
            nk = toks[k + 1].key
            if toks[k].key[pre:] == "مصادر" or npp.adjective(nk) or not npp.can_start(nk):
                break
            k, pre = k + 1, 0
        if pre == 0 and k < end and toks[k].raw in QUOTE_OPEN:
            x = self._subject_at(k, end)  # بحسب "رويترز"، وفق «الشرق»: a quoted name
        else:
            x = npp.parse(k, end, pre=pre, appositions=False)
        if x is None or not self._plausible_source(x):
            return None
        via = self._published_by(x.core_j, x.j)
        return x, via, None, x.j

    def _plausible_source(self, np: NP) -> bool:
        """A frame's phrase names a source (بحسب المصدر) rather than a condition (بحسب تطور الأسعار)."""
        if self.np.category(self.np.head_key(np)) is not None:
            return True
        if self.np.find_in(np.s, np.e):
            return True
        words = [t for t in self.toks[np.head : np.core_j] if t.word]
        return 0 < len(words) <= 3 and not any(is_definite(t.key) for t in words) or (
            len(words) == 1 and np.demonstrative is False
        )

    def _published_by(self, a: int, b: int) -> NP | None:
        """"البيان الذي بثته وكالة X": the agency that carried a statement."""
        toks, lex = self.toks, self.lex
        for x in range(a, b):
            k = toks[x].key
            base = k[1:] if k[:1] in "وف" and len(k) > 3 else k
            if toks[x].word and (k in lex.publish_verbs or base in lex.publish_verbs):
                return self.np.parse(x + 1, len(toks), appositions=False)
        return None

    def _frame_anchor(self, i: int, i0: int, end: int) -> Anchor | None:
        fr = self._frame_match(i, end)
        if fr is None:
            return None
        x, typ, pre = fr
        toks, lex = self.toks, self.lex
        t = toks[i]
        if typ == "as_verb":
            if i == i0 or self._prev_word(i, i0) is None:
                return None
            if x >= end or not toks[x].word:
                return None
            vk = toks[x].key
            if vk in lex.vague:
                return Anchor("vague", i, t.s, t.s, x + 1, SrcSpec())
            if not (vk in lex.relay_verbs or lex.verb(vk)):
                return None
            np = self.np.parse(x + 1, end, appositions=False)
            if np is None:
                return None
            return self._positioned(i, i0, end, SrcSpec(np=np), (t.s, toks[x].e), np.j)
        if typ == "came_in":
            np = self.np.parse(x, end, appositions=False)
            if np is None or self.np.category(self.np.head_key(np)) != "statement":
                return None
            if np.j + 1 < end and toks[np.j].key == "عن" and toks[np.j - 1].key in ("صادر", "الصادر"):
                owner = self.np.parse(np.j + 1, end, appositions=False)
                if owner is not None and self._source_like(owner):
                    np = owner  # وجاء في بيان صادر عن X: X issued it and speaks
            spec = SrcSpec(np=np, statement=True)
            content, stop = self._adjuncts(np.j, end, spec)
            if content is None:
                content, stop = self._search_complement(stop, end)
            if content is None:
                return None
            return Anchor("lead", i, t.s, content, stop, spec, (t.s, toks[x - 1].e))
        if typ == "amid_reports":
            rep = toks[x - 2] if toks[x - 1].key == "عن" else toks[x - 1]
            spec = SrcSpec(reports_span=(rep.s, rep.e))
            if x >= end:
                return None
            return Anchor("lead", i, t.s, toks[x - 1].s, x, spec, (t.s, t.e))
        sub = self._frame_source(x, pre, end, typ)
        if sub is None:
            return None
        src_np, via_np, pron, after = sub
        spec = SrcSpec(np=src_np, via_nps=[via_np] if via_np is not None else [])
        if pron:
            spec.zero, spec.pronoun, spec.gender = True, True, pron
        if typ == "relay" and src_np is None:
            return None
        cue_end = toks[x].s + pre if pre else (toks[x - 1].e if x - 1 >= i else t.e)
        if src_np is not None and typ == "according" and src_np.i > x and all(
            toks[n].key in self.lex.frame_noise for n in range(x, src_np.i)
        ):
            cue_end = toks[src_np.i - 1].e  # وبحسب قول سينغ: the cue is "وبحسب قول"
        return self._positioned(i, i0, end, spec, (t.s, cue_end), after)

    def _positioned(self, i: int, i0: int, end: int, spec: SrcSpec, cue, after: int) -> Anchor:
        """A frame leads (content after it), trails (content before) or is parenthetical."""
        toks = self.toks
        t = toks[i]
        prev = self._prev_word(i, i0)
        words_before = sum(1 for x in range(i0, i) if toks[x].word)
        before_ok = words_before == 0 or (
            words_before <= 4 and i - 1 >= i0 and toks[i - 1].raw in "،," and self._opener(i0, i)
        )
        nxt = after
        if before_ok and nxt < end:
            k = nxt
            if toks[k].raw not in "،,":
                for x in range(k, min(end, k + 8)):
                    if toks[x].word and self.lex.verb(toks[x].key):
                        break
                    if toks[x].raw in "،,":
                        k = x
                        break
            k = self._skip_commas(k, end)
            if k < end:
                return Anchor("lead", i, t.s, toks[k].s, k, spec, cue)
        dash_before = i - 1 >= i0 and toks[i - 1].raw in "-–—"
        dash_after = nxt < end and toks[nxt].raw in "-–—"
        frame_end = toks[nxt - 1].e if nxt - 1 >= i else t.e
        if dash_before and dash_after:
            return Anchor("paren", i, toks[i - 1].s, t.s, nxt + 1, spec, cue, frame_end=toks[nxt].e)
        start = i
        if prev is not None and toks[i - 1].raw in "،,":
            start = i - 1
        return Anchor("trail", i, toks[start].s, t.s, nxt, spec, cue, frame_end=frame_end)

    def _opener(self, i0: int, i: int) -> bool:
        """Whether tokens i0..i are an adverbial opener (وفي هذا السياق، من جهته، ...)."""
        keys = tuple(self.toks[x].key for x in range(i0, i) if self.toks[x].word)
        for op in self.lex.openers:
            if keys[: len(op)] == op:
                return True
        return len(keys) <= 3 and bool(keys) and keys[0] in ("وفي", "في", "فی")

    # -- verbs ----------------------------------------------------------------------------------
    @_rule("impersonal passive (أفيد بأن)")
    def _passive_report(self, i: int, i0: int, end: int) -> Anchor | None:
        """"وأفيد بأن ..." : an impersonal report."""
        toks, lex = self.toks, self.lex
        t = toks[i]
        k = t.key
        base = k[1:] if len(k) > 3 and k[0] in "وف" else k
        if base not in lex.passive_reports and k not in lex.passive_reports:
            return None
        n = i + 1
        if n >= end or not (toks[n].key in lex.complementizers or toks[n].key.startswith("ب")):
            return None
        spec = SrcSpec(reports_span=(t.s, t.e))
        clause_tok = self._clause_start(i, i0)
        return Anchor("lead", clause_tok, toks[clause_tok].s, toks[n].s, n, spec, (t.s, t.e))

    def _verb_anchor(self, i: int, i0: int, end: int) -> Anchor | None:
        toks, lex = self.toks, self.lex
        t = toks[i]
        r = lex.verb(t.key)
        if (i == i0 or (i == i0 + 1 and not toks[i0].word)) and t.key in lex.background:
            return None  # يذكر أن ...، يشار إلى أن ...: the writer's own background
        if i > i0 and toks[i - 1].word and toks[i - 1].key in _PREPOSITIONS:
            return None  # فضلا عن نقل الصواريخ: after a preposition the word is a verbal noun
        if r is None:
            pr = self._passive_report(i, i0, end)
            if pr is not None:
                return pr
        blame = False
        if r is None:
            k = t.key
            base = k[1:] if len(k) > 3 and k[0] in "وف" else k
            if k not in lex.blame_verbs and base not in lex.blame_verbs:
                return None
            blame, group, gender, conj = True, "announce", None, base != k
        else:
            vf, conj_len = r
            if vf.lemma == "بين" and conj_len and any(
                toks[x].word and toks[x].key.startswith("بين") for x in range(max(i0, i - 8), i)
            ):
                return None  # بينه وبين العاهل: the correlative preposition "and between", no verb
            if vf.participle:
                return self._participle_lead(i, i0, end, vf)
            group, gender, conj = vf.group, vf.gender, conj_len > 0
        p = self._prev_word(i, i0)
        if p is not None:
            pk = toks[p].key
            if pk in lex.negations:
                return None
            if pk in lex.complementizers:
                pp = self._prev_word(p, i0)
                if pp is not None and toks[pp].key in ("دون", "بدون", "قبل"):  # not asserted (بعد أن ذكرت is)
                    return None
            if pk in lex.relatives and p == i - 1 and not (i + 1 < end and toks[i + 1].key in lex.prep_pronouns):
                return self._relative_anchor(i, p, i0, end, gender)  # (الذي قالت فيه X: X speaks)
        for x in range(i - 1, max(i0, i - 6) - 1, -1):
            if toks[x].raw in "،,":
                break
            if toks[x].key in lex.non_assertive:
                return None
        if group == "relay":
            return self._relay_anchor(i, i0, end, conj)
        spec = SrcSpec(gender=gender)
        pre_subject = quote_opened = None
        if not conj and p is not None and p == i - 1 and toks[p].key not in ("قد", "لقد"):
            pre_subject = self._svo_subject(i, i0)  # إلا أن المتحدث نفى وجود ...: the subject comes first
            before = self._prev_word(pre_subject.i, i0) if pre_subject is not None else None
            if before is None or not (
                toks[before].key in lex.complementizers
                or toks[before].key in ("كان", "كانت", "وكان", "وكانت", "اما", "واما")
            ):
                pre_subject = None
        if pre_subject is None and not conj and p is not None and p == i - 1 and t.key[:1] in "يت" \
                and self._title_line(i0, end):
            pre_subject = self._svo_subject(i, i0)  # a title: "الوزير يعلن استقالته"
            if pre_subject is not None and any(
                toks[x].word and toks[x].key not in lex.teasers for x in range(i0, pre_subject.i)
            ):
                pre_subject = None  # ("اقرأ.. الوزير يحذر": a link teaser before the title)
        if pre_subject is None and not conj and p is not None and p == i - 2 and self._opens_quote(i - 1):
            sub = self._framed_subject(i, i0)  # بأن المصدر "استنكر ...": the subject before the quotation
            if sub is not None and self._source_like(sub):
                pre_subject = quote_opened = sub
        if pre_subject is None and not conj and p is not None and p == i - 1 and self._noun_predicate(i, i0, p, end):
            return None  # أن هذه الخطوة تؤكد التزام ...: the phrase before the verb is its subject, no speaker
        if pre_subject is None and p is not None and p == i - 1 and toks[p].key == "قد":
            pre_subject = self._pluperfect_subject(p, i0)  # وكان الوزير قد قال: subject before قد
        # A verb before its subject agrees in gender only (قال المسؤولون): a plural or dual verb
        # has its subject before it or in its ending, and the phrase after it is an object.
        plural = gender in ("p", "d")
        after = i + 1
        if after + 1 < end and toks[after].key in lex.prep_pronouns and toks[after + 1].word:
            after += 1  # في الوقت الذي قالت فيه الشركة إن: the subject follows the pronoun
        np = None if pre_subject is not None or plural else self._subject_at(after, end)
        if np is not None and toks[np.i].key in lex.told_to_heads:
            np = None  # قال لقناة X: the addressee, never the speaker
        if np is not None and np.j < end and toks[np.j].key in ("لم", "لن"):
            np = None
        if np is not None and self._adverbial_at(np.i, end):
            np = None  # وأعلن آخر مرة أن ...: "last time" is no speaker
        if np is not None and gender == "f" and self._masculine(np):
            np = None  # واتهمت الجيش بـ...، وتدعو الطرفين: a verb agrees with a subject after it: an object
        if np is not None and conj and group != "speech" and self._common_noun(np) and not self._speech_follows(np.j, end):
            np = None  # ونفى الاتهامات التي ...: the noun after the verb is its object; the speaker goes on
        if blame:
            after = np.j if np is not None else i + 1  # (وكانت الوزارة قد حمّلت X المسؤولية)
            if (np is None and pre_subject is None) or not any(
                t.key in lex.blame_objects for t in toks[after : min(end, after + 6)]
            ):
                return None
        spec.np = np
        k = np.j if np is not None else i + 1
        if np is not None:
            y = self._relayed_from(t.key, k, end)
            if y is not None:
                spec.relay, k = y, y.j  # ذكرت وكالة X عن مصدر أن ...: the source speaks through X
        content, stop = self._adjuncts(k, end, spec)
        relayed = spec.relay is not None
        if quote_opened is not None and content is None and i + 1 < end:
            content, stop = toks[i + 1].s, i + 1  # المصدر "استنكر بشدة ...": the quoted words report
        if relayed and content is None and stop < end and self._report_masdar(stop):
            content = toks[stop].s  # ذكرت X عن مصدر نفيه للاتهامات: the denial is the report
        if spec.relay is not None:
            # X نقلا عن Y: the subject is the conduit
            if np is not None:
                spec.via_nps.insert(0, np)
            spec.np = spec.relay
            spec.relay = None
            np = spec.np
        if content is None and np is not None and group == "speech" and not conj:
            post = self._postposed(i, i0, end, spec, np, t, stop)
            if post is not None:
                return post
        if content is None:
            if group == "speech" or np is None:
                content, stop = self._search_complement(stop, end)
                if content is None and np is None and group != "speech" and stop < end and toks[stop].word:
                    content = toks[stop].s  # subject-less announce verb with an object
                if content is None:
                    return None
            else:
                if stop >= end:
                    return None
                if toks[stop].key in _ADJUNCT_PREPS:
                    found, at = self._search_complement(stop, end)  # أكد، خلال اتصال ...، أن
                    if found is not None:
                        content, stop = found, at
                if content is None:
                    content = toks[stop].s
                if not _HAS_CONTENT.search(self.text, content, toks[end - 1].e):
                    cut = self._cut_object(np, i + 1, end)  # أعلنت مصادر طبية | مقتل خمسة
                    if cut is None:
                        return None  # nothing left to announce: not an attribution
                    spec.np = np = cut
                    content, stop = toks[cut.j].s, cut.j
        svo = False
        clause_tok = self._clause_start(i, i0)
        after_comp = False
        if np is None and conj and t.key.startswith("ف"):
            topic = self._topic(i, i0)  # أما المصدر، فأفاد بأن
            if topic is not None:
                spec.np, np, clause_tok = topic, topic, topic.i - 1
        if np is None:
            spec.zero = True
            if not conj:
                sub = pre_subject or self._svo_subject(i, i0)
                if sub is not None:
                    spec.np, spec.zero, svo = sub, False, True
                    clause_tok = sub.i
                    pw = self._prev_word(sub.i, i0)
                    after_comp = pw is not None and toks[pw].key in lex.complementizers
        if np is not None and not svo:
            self._opener_vias(i0, clause_tok, spec)  # وفي تصريح لقناة الجزيرة، قال ...
        if group != "speech" and not spec.statement:
            self._trailing_statement(stop, end, spec)  # أدان X الهجوم في بيان نشره قصر الإليزيه
        a = Anchor("lead", clause_tok, toks[clause_tok].s, content, stop, spec, (t.s, t.e), svo=svo, conj=conj)
        a.after_complementizer = after_comp
        if relayed:
            a.rule = "reporting verb relaying a source (ذكرت X عن Y / X على لسان Y)"
        return a

    @_rule("participle continuing the current speaker (مضيفا أن)")
    def _participle_lead(self, i: int, i0: int, end: int, vf) -> Anchor | None:
        """A sentence opened by a reporting participle ("مضيفة أن ..."): the speaker of the
        previous sentence goes on (mid-sentence, ", مضيفا أن" stays inside its claim)."""
        toks, lex = self.toks, self.lex
        opening = i == i0 or (i == i0 + 1 and toks[i0].key in ("و", "ثم"))
        if not opening and self._found:
            return None  # ", مضيفا أن" after a cue: the same claim goes on
        n = i + 1
        if n >= end:
            return None
        nxt = toks[n]
        if nxt.key in ("الي", "الى") and n + 1 < end:  # مشيرا إلى أن
            n += 1
            nxt = toks[n]
        if not (nxt.key in lex.complementizers or nxt.raw == ":" or nxt.raw in QUOTE_OPEN):
            return None
        content = toks[n + 1].s if nxt.raw == ":" and n + 1 < end else nxt.s
        if opening:
            spec = SrcSpec(zero=True, gender=vf.gender)
            return Anchor("lead", i0, toks[i0].s, content, n, spec, (toks[i].s, toks[i].e), conj=True)
        # "دافع الوزير عن القرار، مشيرا إلى أن ...": the subject of the sentence speaks
        subject = self._first_source(i0, i)
        if subject is None:
            return None
        spec = SrcSpec(np=subject, gender=vf.gender)
        start = i - 1 if toks[i - 1].raw in "،," else i
        return Anchor("lead", start, toks[start].s, content, n, spec, (toks[i].s, toks[i].e),
                      rule="participle after the sentence's subject (..., مؤكدا أن)")

    def _masdar_anchor(self, i: int, i0: int, end: int) -> Anchor | None:
        """"بعد إعلان الجيش أنه ..." : the genitive after the verbal noun is the speaker, the
        complementizer clause its content."""
        toks, lex = self.toks, self.lex
        k = toks[i].key
        base = k[1:] if k[:1] in "وفب" and len(k) > 4 else k
        if k not in lex.report_masdars and base not in lex.report_masdars:
            return None
        np = self.np.parse(i + 1, end)
        if np is None or not self._source_like(np):
            return None
        spec = SrcSpec(np=np)
        content, n = self._adjuncts(np.j, end, spec)  # إعلان X، في مؤتمر صحافي عقده أمس، بأن
        if content is None or n >= end or toks[n].key not in lex.complementizers:
            return None
        start = self._clause_start(i, i0)
        return Anchor("lead", start, toks[start].s, content, n, spec, (toks[i].s, toks[i].e))

    def _first_source(self, a: int, b: int) -> NP | None:
        """The first phrase in tokens a..b that names a speaker (a role, a body, a registry name)."""
        toks = self.toks
        for x in range(a, min(b, a + 6)):
            if not toks[x].word:
                continue
            if toks[x].key in self.lex.complementizers:
                break  # (وبين X أن فرقا ...، مشيرا: a phrase after أن belongs to the reported clause)
            np = self.np.parse(x, b)
            if np is not None and self._source_like(np):
                return np
        return None

    def _title_line(self, i0: int, end: int) -> bool:
        """Whether tokens i0..end are a whole short line without a closing full stop: a title
        or subheading, where Arabic puts the subject first and the verb in the present."""
        toks, text = self.toks, self.text
        s, e = toks[i0].s, toks[end - 1].e
        before = text[text.rfind("\n", 0, s) + 1 : s]
        if "\n" in text[s:e] or any(key(w) not in self.lex.teasers for w in _WORDS.findall(before)):
            return False  # (a link teaser may stand before it: "اقرأ أيضا.. ")
        nl = text.find("\n", e)
        if text[e : len(text) if nl < 0 else nl].strip() or toks[end - 1].raw in ".!؟?:":
            return False
        return sum(1 for x in range(i0, end) if toks[x].word) <= 14

    def _subject_at(self, k: int, end: int) -> NP | None:
        """The phrase at ``k``, or a quoted name there: أعلنت «جبهة التحرير» أن ..."""
        toks = self.toks
        if k < end and toks[k].raw in QUOTE_OPEN:
            close = self.np.find_close(k, end, QUOTE_CLOSE, 6)
            if close is None or close == k + 1:
                return None
            np = self.np.parse(k + 1, close, appositions=False)
            if np is None or np.j != close:
                return None
            return replace(np, j=close + 1)  # the closing mark belongs to the mention's phrase
        if k + 1 < end and toks[k].key == "من" and toks[k + 1].key in self.lex.complementizers:
            return None  # حذر من أن ...: the verb's preposition, not "who"
        return self.np.parse(k, end)

    def _framed_subject(self, i: int, i0: int) -> NP | None:
        """A subject before the verb at ``i`` that a complementizer or كان introduces."""
        sub = self._svo_subject(i, i0)
        if sub is None:
            return None
        x = sub.i - 1 if sub.i > i0 and self.toks[sub.i - 1].raw in QUOTE_OPEN else sub.i
        before = self._prev_word(x, i0)
        if before is None or not (self.toks[before].key in self.lex.complementizers or self.toks[before].key in _KANA):
            return None
        return sub

    def _trailing_statement(self, k: int, end: int, spec: SrcSpec) -> None:
        """An announce verb's object may be followed by the frame it was made in ("... في بيان
        نشرته وكالة X"): its conduits count, the words stay in the claim."""
        toks, lex = self.toks, self.lex
        firsts = lex.statement_frames_by_first
        for x in range(k, min(end, k + 16)):
            kx = toks[x].key
            if toks[x].word and (kx in lex.complementizers or lex.verb(kx)):
                return  # another clause: its frame is not this verb's
            if kx not in firsts and kx[1:] not in firsts:
                continue
            sf = self._statement_frame(x, end)
            if sf is not None:
                spec.statement = True
                self._statement_tail(sf, end, spec)
                return

    def _pluperfect_subject(self, qad: int, i0: int) -> NP | None:
        """"وكان X قد قال" / "وكانت X قد أعلنت": the subject stands between كان and قد."""
        toks = self.toks
        for c in range(qad - 1, max(i0, qad - 16) - 1, -1):
            if toks[c].word and toks[c].key in _KANA:
                np = self.np.parse(c + 1, qad)
                if np is None or np.j > qad:
                    return None
                if np.j < qad - 1 and any(toks[x].word and self.lex.verb(toks[x].key) for x in range(np.j, qad)):
                    return None
                return np  # (وكان الفصيلان - "X" و"Y" - قد نفيا: the apposition is left out)
            if toks[c].word and self.lex.verb(toks[c].key):
                return None
        return None

    def _cut_object(self, np: NP, start: int, end: int) -> NP | None:
        """The subject of an announce verb whose phrase swallowed the object: it ends where an
        indefinite noun follows its adjectives (an adjective closes a construct chain)."""
        toks, parser = self.toks, self.np
        for x in range(np.head + 2, np.j):
            prev, t = toks[x - 1], toks[x]
            if not (prev.word and t.word) or is_definite(t.key) or is_definite(prev.key):
                continue
            if parser.adjective(prev.key) and not parser.adjective(t.key):
                cut = parser.parse(start, x, appositions=False)
                return cut if cut is not None and cut.j == x else None
        return None

    def _masculine(self, np: NP) -> bool:
        """A phrase a feminine verb cannot have as its subject: a masculine singular head
        (``masculine_singular_heads``: الجيش، الوزير) or a definite masculine dual or plural
        (الطرفين، المسؤولون), a registered name aside (البحرين، الصين)."""
        hk = self.np.head_key(np)
        if hk in self.lex.masculine_heads:
            return True
        return is_definite(hk) and hk.endswith(("ين", "ون")) and len(hk) > 5 and not self.np.find_in(np.s, np.e)

    def _common_noun(self, np: NP) -> bool:
        """A phrase that cannot be a speaker: a demonstrative phrase (هذه الخطوة) or a definite
        common noun (الاتهامات، القرار، الاتفاق) that is no source category, no registry name, no
        nisba surname (السيسي) and no name already used in the article (الصدر after مقتدى الصدر)."""
        if np.demonstrative:
            return True
        hk = self.np.head_key(np)
        if not is_definite(hk) or self.np.category(hk) is not None or hk.endswith("ي"):
            return False
        if self.np.find_in(np.s, np.e):
            return False
        b = strip_def(hk)
        if b in self.lex.given_names or any(b in e.names for e in self.disc.entities):
            return False
        return True

    def _adverbial_at(self, k: int, end: int) -> bool:
        """"آخر مرة"، "أول أمس"، "ذات يوم": an ordinal or ذات before a time word is an adverbial."""
        toks = self.toks
        return k + 1 < end and toks[k].key in _ORDINAL_ADVERBS and toks[k + 1].word \
            and toks[k + 1].key in self.lex.time_words

    def _opens_quote(self, x: int) -> bool:
        """Token ``x`` opens a quotation: «“„, or an ASCII quote glued to the word after it
        with a space before it ("استنكر), not one closing the word before it."""
        toks = self.toks
        r = toks[x].raw
        if r in "«“„":
            return True
        if r != '"' or x + 1 >= len(toks):
            return False
        return toks[x + 1].s == toks[x].e and (x == 0 or toks[x - 1].e < toks[x].s)

    def _speech_follows(self, n: int, end: int) -> bool:
        """Reported speech starts at token ``n`` (أن، a colon, a quote), commas skipped: the
        phrase before it is the verb's subject (وأعلنت الغرفة المشتركة أنها ...), not its object."""
        toks = self.toks
        while n < end and toks[n].raw in "،,":
            n += 1
        if n >= end:
            return False
        t = toks[n]
        return t.raw == ":" or t.raw in QUOTE_OPEN or (t.word and t.key in self.lex.complementizers)

    def _noun_predicate(self, i: int, i0: int, p: int, end: int) -> bool:
        """The verb at ``i`` follows a noun phrase that cannot speak (SVO order inside a clause)."""
        toks, lex = self.toks, self.lex
        pk = toks[p].key
        if pk in lex.phrase_stops or pk in lex.np_breaks or pk in _KANA or pk in _CLAUSE_PARTICLES \
                or pk in lex.prep_pronouns or lex.verb(pk) or self._title_line(i0, end):
            return False
        sub = self._svo_subject(i, i0)
        return sub is not None and sub.j == i and self._common_noun(sub)

    _SPEAKER_CATS = frozenset({"anonymous", "role", "spokesman", "correspondent", "organization", "agency", "people", "family"})

    def _relayed_from(self, vkey: str, k: int, end: int) -> NP | None:
        """"ذكرت/أفادت/نقلت X عن Y أن ..." : the speaker Y after عن (X is then its conduit).

        Only for verbs that relay (lexicon ``relay_verbs``), only when Y is a plausible speaker
        (a source, an official, a body, a medium or a registered name: أعلنت الوزارة عن خطة is
        an object), and only when reported speech follows Y (أن، قوله، a quote, a colon, or a
        verbal noun of reporting with its pronoun: عن مصدر نفيه ...)."""
        toks, lex = self.toks, self.lex
        if k < end and (toks[k].raw in QUOTE_OPEN or toks[k].raw == "("):  # وكالة الأنباء "بترا" عن ...
            close = self.np.find_close(k, end, ")" if toks[k].raw == "(" else QUOTE_CLOSE, 6)
            if close:
                k = close + 1
        if k + 1 >= end or toks[k].key != "عن":
            return None
        base = vkey[1:] if vkey[:1] in "وف" and len(vkey) > 3 else vkey
        if vkey not in lex.relay_verbs and base not in lex.relay_verbs:
            return None
        y = self._subject_at(k + 1, end)
        if y is None or y.j >= end:
            return None
        if self.np.category(self.np.head_key(y)) not in self._SPEAKER_CATS and not self.np.find_in(y.s, y.e):
            return None
        n = y.j
        while n < end and toks[n].raw in "،,":
            n += 1
        if n >= end:
            return None
        nt = toks[n]
        if nt.raw == ":" or nt.raw in QUOTE_OPEN:
            return y
        nk = nt.key
        if nk in lex.complementizers or nk in lex.say_masdar or nk in lex.qawl:
            return y
        return y if self._report_masdar(n) else None  # عن مصدر نفيه للاتهامات

    def _report_masdar(self, n: int) -> bool:
        """A verbal noun of reporting with the speaker's pronoun (نفيه، تأكيدها، تحذيرهم)."""
        return self.toks[n].key in self.lex.owned_report_masdars

    @_rule("reporting verb, subject after the content")
    def _postposed(self, i: int, i0: int, end: int, spec: SrcSpec, np: NP, t: Tok, stop: int) -> Anchor | None:
        """""لن نتراجع"، قال الوزير." : the speech comes first, the speaker after."""
        toks = self.toks
        p = i - 1
        if p <= i0 or toks[p].raw not in "،,":
            return None
        if toks[p - 1].raw not in QUOTE_CLOSE and not (toks[p - 1].raw in ".!؟" and p - 2 >= i0 and toks[p - 2].raw in QUOTE_CLOSE):
            return None
        if stop < end and toks[stop].raw not in ".!؟":
            return None
        return Anchor("trail", i, toks[p].s, t.s, stop, spec, (t.s, t.e), frame_end=toks[stop - 1].e)

    def _search_complement(self, k: int, end: int) -> tuple[int | None, int]:
        """A complementizer, colon or opening quote a few words ahead (speech verbs)."""
        toks, lex = self.toks, self.lex
        for x in range(k, min(end, k + 14)):
            t = toks[x]
            if t.word and (lex.verb(t.key) or t.key in lex.negations):
                break
            if t.raw == ":":
                return (toks[x + 1].s if x + 1 < end else None), x + 1
            if t.raw in QUOTE_OPEN or (t.word and t.key in lex.complementizers):
                return t.s, x
            if t.raw in ".؟!":
                break
        return None, k

    @_rule("relay verb (نقل X عن Y)")
    def _relay_anchor(self, i: int, i0: int, end: int, conj: bool) -> Anchor | None:
        """نقلت X عن Y قوله ... / نقلت عنه X قوله ...: Y (or the antecedent) via X."""
        toks, lex = self.toks, self.lex
        t = toks[i]
        k = i + 1
        pron = None
        if k < end and toks[k].key in lex.pronoun_objects:
            pron = lex.pronoun_objects[toks[k].key]
            k += 1
        if pron is None and k < end and toks[k].key in ("عن", "الي"):
            y = self.np.parse(k + 1, end)  # ونُقل عن مسؤول قوله: passive, no conduit named
            if y is None:
                return None
            spec = SrcSpec(np=y)
            clause_tok = self._clause_start(i, i0)
            conduit = None if conj else self._framed_subject(i, i0)  # وكانت "رويترز" نقلت عن ...
            if conduit is not None:
                spec.via_nps.append(conduit)
                clause_tok = conduit.i - 1 if conduit.i > i0 and toks[conduit.i - 1].raw in QUOTE_OPEN else conduit.i
            content, stop = self._adjuncts(y.j, end, spec)
            if content is None:
                return None
            return Anchor("lead", clause_tok, toks[clause_tok].s, content, stop, spec, (t.s, t.e), conj=conj)
        if pron is None and k < end:
            fr = self._frame_match(k, end)
            if fr is not None and fr[1] == "relay":  # ونقلت على لسان المصدر قوله: the subject is elided
                sub = self._frame_source(fr[0], fr[2], end, "relay")
                if sub is not None and sub[0] is not None:
                    spec = SrcSpec(np=sub[0])
                    content, stop = self._adjuncts(sub[3], end, spec)
                    if content is None:
                        return None
                    clause_tok = self._clause_start(i, i0)
                    return Anchor("lead", clause_tok, toks[clause_tok].s, content, stop, spec, (t.s, t.e), conj=conj)
        x = self.np.parse(k, end)
        if x is None:
            return None
        k = self._skip_commas(x.j, end)
        if k + 1 < end and toks[k].key in ("على", "علي", "عبر", "في") and toks[k + 1].word and \
                self.np.unsuffixed(toks[k + 1].key) in ("موقع", "حساب", "صفحه", "قناه"):
            k = self._skip_commas(k + 2 + (k + 2 < end and self.np.adjective(toks[k + 2].key)), end)
            # نقلت صحيفة X على موقعها الإلكتروني، عن ...
        y = None
        if pron is None and k < end and toks[k].key in ("عن", "الي"):  # نقلت X عن Y، نسبت X إلى Y
            y = self.np.parse(k + 1, end)
            if y is None:
                return None
            k = y.j
        elif pron is None and k < end and toks[k].key in lex.pronoun_objects:
            pron = lex.pronoun_objects[toks[k].key]
            k += 1
        if y is not None:
            spec = SrcSpec(np=y, via_nps=[x])
        elif pron is not None:
            spec = SrcSpec(zero=True, pronoun=True, gender=pron, via_nps=[x])
        else:
            spec = SrcSpec(np=x)
        content, stop = self._adjuncts(k, end, spec)
        if spec.relay is not None:  # نقلت X على لسان Y قوله: Y speaks, X carries it
            if spec.np is not None:
                spec.via_nps.insert(0, spec.np)
            spec.np, spec.relay, spec.zero, spec.pronoun = spec.relay, None, False, False
        if content is None and y is not None and stop < end and toks[stop].word and not lex.verb(toks[stop].key):
            content = toks[stop].s  # نقلت X عن Y، توصّل الطرفين إلى ...: a verbal-noun report
        if content is None:
            return None
        clause_tok = self._clause_start(i, i0)
        return Anchor("lead", clause_tok, toks[clause_tok].s, content, stop, spec, (t.s, t.e), conj=conj)

    @_rule("relative clause (الذي قال)")
    def _relative_anchor(self, i: int, rel: int, i0: int, end: int, gender) -> Anchor | None:
        """"X، التي تعتبر Y ..." : X says Y (up to the next comma)."""
        toks = self.toks
        y = rel - 1
        if y >= i0 and toks[y].raw in "،,":
            y -= 1
        best = None
        if y > i0 and toks[y].raw in QUOTE_CLOSE:  # أسس "حملة ..."، التي تصف نفسها: a quoted name
            o = next((z for z in range(y - 1, max(i0, y - 12) - 1, -1) if toks[z].raw in QUOTE_OPEN), None)
            if o is not None and o + 1 < y:
                np = self.np.parse(o + 1, y, appositions=False)
                if np is not None and self._source_like(np):
                    best = replace(np, j=y, core_j=y, e=toks[y - 1].e)  # the quoted words are one name
            if best is None:
                return None
        elif y < i0 or not toks[y].word:
            return None
        for z in range(y, max(i0 - 1, y - 3), -1):
            if not toks[z].word:
                break
            for pre in (1, 0):
                if pre and not (toks[z].key[:1] in "لب" and len(toks[z].key) > 3):
                    continue
                np = self.np.parse(z, y + 1, pre=pre, appositions=False)
                if np is not None and np.core_j == y + 1 and self._source_like(np):
                    best = np
                    break
            if best is not None:
                break
        if best is None:
            return None
        k = i + 1
        if k >= end:
            return None
        if toks[k].key in self.lex.reports and not any(
            t.key in self.lex.complementizers or t.raw == ":" for t in toks[k : min(end, k + 8)]
        ):
            return None  # المجموعات التي نقلت أخبار الهجوم كانت ...: "that carried the news" describes, says nothing
        stop = k
        while stop < end and toks[stop].raw not in "،,.؟!":
            stop += 1
        if stop == k:
            return None
        spec = SrcSpec(np=best, gender=gender)
        return Anchor("embedded", rel, toks[rel].s, toks[k].s, stop, spec, (toks[i].s, toks[i].e),
                      content_end=toks[stop - 1].e)

    def _source_like(self, np: NP) -> bool:
        if self.np.category(self.np.head_key(np)) not in (None, "statement"):
            return True
        return any(m.start <= np.s + 1 for m in self.np.find_in(np.s, np.e))

    def _topic(self, i: int, i0: int) -> NP | None:
        """The topic of "أما X، فـ..." before the verb at ``i``."""
        toks = self.toks
        for x in range(i - 1, max(i0 - 1, i - 20), -1):
            if toks[x].word and toks[x].key in ("اما", "واما"):
                np = self.np.parse(x + 1, i)
                if np is not None and self._skip_commas(np.j, i) == i:
                    return np
                return None
        return None

    def _svo_subject(self, i: int, i0: int) -> NP | None:
        """A subject before the verb: "إلا أن المصدر قال"، "وكانت مصادر قد قالت"، "بأن سكان ... قالوا"."""
        toks, lex = self.toks, self.lex
        y = i - 1
        if y > i0 and self._opens_quote(y) and toks[y - 1].word:
            y -= 1  # بأن المصدر "استنكر ...": the quotation opens with the verb
        while y >= i0 and toks[y].word and toks[y].key in ("قد", "لقد", "فقد", "وقد"):
            y -= 1
        if y > i0 and toks[y].raw in QUOTE_CLOSE and toks[y - 1].word:
            q = y  # وكانت "رويترز" نقلت: a quoted name
            y -= 1
            if y - 1 >= i0 and toks[y - 1].raw in QUOTE_OPEN:
                np = self.np.parse(y, y + 1, appositions=False)
                if np is not None and self._source_like(np):
                    return np
            y = q
        whole = y  # the token the subject must end with (a closing bracket of its own included)
        if y > i0 and toks[y].raw == ")":  # وكانت وكالة الأنباء الرسمية (سانا) ذكرت
            o = next((x for x in range(y - 1, max(i0, y - 6) - 1, -1) if toks[x].raw == "("), None)
            if o is not None and o > i0 and toks[o - 1].word:
                y = o - 1
        if y > i0 and toks[y].raw in "،,":  # لكن X، المتحدثة باسم ...، قالت: skip the apposition
            c = next((x for x in range(y - 1, max(i0, y - 14) - 1, -1) if toks[x].raw in "،,"), None)
            if c is not None and c > i0 and toks[c + 1].word and (
                (is_definite(toks[c + 1].key) and not any(toks[x].word and lex.verb(toks[x].key) for x in range(c + 1, y)))
                or toks[c + 1].key in lex.anonymity_verbs  # X، طلب عدم الكشف عن هويته، قال
            ):
                y = whole = c - 1
                while y > i0 and not toks[y].word and toks[y].raw in QUOTE_CLOSE + ")":
                    y -= 1
        if y < i0 or not toks[y].word:
            return None
        b = y
        while b >= i0 and y - b < 10:
            t = toks[b]
            if not t.word:
                break
            k = t.key
            if k in lex.complementizers or k in ("كان", "كانت", "وكان", "وكانت", "ظل", "وظل", "الا", "غير") or lex.verb(k):
                break
            if k in lex.np_breaks and k not in ("في", "من"):
                break
            if k in lex.according_words or (k[:1] in "وف" and k[1:] in lex.according_words):
                break  # حسب مصدر عسكري أوضح أن: the frame's phrase speaks, the frame word is no part of it
            b -= 1
        start = b + 1
        if start > y:
            return None
        first = toks[start].key
        if first in lex.relatives or (first[:1] in "وف" and first[1:] in lex.relatives):
            return None  # "..., والتي ذكرت": the relative stands for its antecedent, not a speaker
        np = self.np.parse(start, whole + 1, appositions=False)
        if np is not None and np.j == whole + 1:
            return np
        np = self.np.parse(start, y + 1, appositions=False)
        if np is None or np.j != y + 1:
            return None
        return np

    def _headline(self, i0: int, end: int) -> Anchor | None:
        """"لافروف: ..." — a short name before a colon at the start of a line."""
        toks, lex = self.toks, self.lex
        last = min(end, i0 + lex.headline_max + 4) - 1  # the colon comes within the first words
        if last < i0 or ":" not in self.text[toks[i0].s : toks[last].e]:
            return None
        x = i0
        while x < end and x - i0 <= lex.headline_max + 2 and (toks[x].word or toks[x].raw in QUOTE_OPEN + QUOTE_CLOSE):
            if toks[x].word and (lex.verb(toks[x].key) or self._frame_match(x, end)):
                return None
            x += 1
        if x >= end or x == i0 or toks[x].raw != ":" or x + 1 >= end:
            return None
        line_start = self.text.rfind("\n", 0, toks[i0].s) + 1
        if self.text[line_start : toks[i0].s].strip():
            return None
        start = i0 + 1 if toks[i0].raw in QUOTE_OPEN else i0
        stop = x - 1 if toks[x - 1].raw in QUOTE_CLOSE else x
        np = self.np.parse(start, stop, appositions=False)
        if np is None or np.j != stop:
            return None
        spec = SrcSpec(np=np)
        return Anchor("lead", i0, toks[i0].s, toks[x + 1].s, x + 1, spec, (toks[x].s, toks[x].e))

    # -- sentences ------------------------------------------------------------------------------
    def anchors(self, i0: int, i1: int) -> list[Anchor]:
        out: list[Anchor] = []
        hl = self._headline(i0, i1)
        i = i0
        if hl is not None:
            hl.rule = hl.rule or "headline colon"
            out.append(hl)
            i = hl.next
        trig, toks, frame_only = self.triggers, self.toks, self.lex.frame_only
        quoted = None
        self._found = out  # the anchors found so far in this sentence
        for x in trig[bisect_left(trig, i0) : bisect_left(trig, i1)]:
            if x < i:
                continue
            if quoted is None:
                quoted = self._quoted(i0, i1)
            if quoted[x - i0] and not (x - 1 > i0 and self._opens_quote(x - 1) and toks[x - 2].word
                                       and toks[x - 2].key not in self.lex.complementizers
                                       and self.lex.verb(toks[x].key)):
                # (a quotation opened by its verb, بأن المصدر "استنكر ...", still reports; one
                # right after إنها/أنه is the reported words themselves: إنها "تتابع الوضع")
                continue
            # (the rule is named here, not by @_rule: these run for every trigger word)
            a = self._frame_anchor(x, i0, i1)
            if a is not None:
                a.rule = a.rule or "frame (بحسب/وفقا/نقلا عن)"
            elif toks[x].key in frame_only:
                continue
            else:
                a = self._verb_anchor(x, i0, i1)
                if a is not None:
                    a.rule = a.rule or "reporting verb"
                else:
                    a = self._masdar_anchor(x, i0, i1)
                    if a is not None:
                        a.rule = a.rule or "verbal noun of a reporting verb (إعلان X أن)"
            if a is not None:
                out.append(a)
                i = max(a.next, x + 1)
        return out

    def _quoted(self, i0: int, i1: int) -> list[bool]:
        """Per token: inside a quotation (whose closing mark is in the sentence)."""
        toks = self.toks
        out = [False] * (i1 - i0)
        if i1 <= i0:
            return out
        opens: list[int] = []
        # quotation marks are tokens of their own: visit those only
        for m in _QUOTES.finditer(self.text, toks[i0].s, toks[i1 - 1].e):
            x = bisect_left(toks, m.start(), i0, i1, key=_START)
            r = m.group()
            if r in "«“„":
                opens.append(x)
            elif r in "»”":
                if opens:
                    o = opens.pop()
                    out[o + 1 - i0 : x - i0] = [True] * (x - o - 1)
            elif r == '"':
                nxt = toks[x + 1] if x + 1 < i1 else None
                prev_touch = x > i0 and toks[x - 1].e == toks[x].s
                next_touch = nxt is not None and nxt.s == toks[x].e
                if next_touch and (not prev_touch or not opens):
                    opens.append(x)
                elif opens:
                    o = opens.pop()
                    out[o + 1 - i0 : x - i0] = [True] * (x - o - 1)
        return out

    def sentence(self, i0: int, i1: int, ss: int, se: int) -> list[DraftClaim]:
        out = self._sentence(i0, i1, ss, se)
        if out:
            self.last = out[-1]
        return out

    def _quote_continues(self, ss: int, se: int) -> bool:
        """A new paragraph opening with a quotation mark right after a claim whose quotation
        was left open: the same speaker goes on (news copy opens each quoted paragraph)."""
        last = self.last
        if last is None or last.attribution.source.kind == "unattributed":
            return False
        if self.text[ss] not in QUOTE_OPEN or self.text[last.end : ss].strip():
            return False
        prev = self.text[last.start : last.end]
        opened = sum(prev.count(c) for c in "«“") - sum(prev.count(c) for c in "»”") + (prev.count('"') % 2)
        return opened > 0

    def _sentence(self, i0: int, i1: int, ss: int, se: int) -> list[DraftClaim]:
        toks, disc = self.toks, self.disc
        anchors = self._with_content(self.anchors(i0, i1), se)
        if not anchors and self._quote_continues(ss, se):
            return [DraftClaim(ss, se, disc.continuation(self.last.attribution))]
        out: list[DraftClaim] = []
        pos = ss
        cur: list | None = None  # [content start, Attribution, entity]
        paren: Anchor | None = None

        def close(at: int) -> None:
            nonlocal cur
            if cur is not None:
                out.append(DraftClaim(cur[0], max(cur[0], self._trim(cur[0], at)), cur[1]))
                cur = None

        def narration(a: int, b: int) -> None:
            nonlocal paren
            if a == 0 and self.text[a:b].rstrip().endswith(("--", "-", "–", "—")) and paren is None:
                return  # a dateline
            while a < b and (self.text[a] in _TRIM_END or self.text[a].isspace()):
                a += 1
            b = self._trim(a, b)
            if b <= a:
                return
            if paren is not None:
                att = disc.attribution(paren, self._text_mode(a, b), in_sentence=(i0, i1))
                out.append(DraftClaim(a, b, att))
                paren = None
                return
            whole = not anchors and not out  # a sentence of its own is always a claim
            if whole or self._substantial(a, b, i0):
                out.append(DraftClaim(a, b, Attribution.unattributed()))

        for a in anchors:
            if a.kind == "vague":
                continue
            if a.kind == "lead":
                if cur is not None:
                    ent = cur[2]
                    if a.clause < cur[0]:
                        continue
                    near = sum(1 for x in range(self._tok_at(cur[0]), a.tok) if toks[x].word) <= 1
                    if near and ent is not None and ent.kind in ("agency", "reports") and not a.src.zero:
                        cur[2] = disc.invert(cur[1], ent, a, cur[3])  # وفقا لفرانس برس، قالت المصادر
                        continue
                    if a.svo and a.after_complementizer:
                        if near and ent is not None and not a.src.zero and self._informing(a) \
                                and not disc.same_entity(a, ent):
                            # قال X إن Y أبلغه / نفى ...: Y told it; X relays it
                            cur[2] = disc.invert(cur[1], ent, a, cur[3])
                        continue  # reported speech inside the content: part of this claim
                    if a.src.zero or disc.same_entity(a, ent):
                        disc.add_vias(cur[1], a)
                        continue
                    close(a.clause)
                else:
                    narration(pos, a.clause)
                    a.fresh = all(d.attribution.source.kind == "unattributed" for d in out)
                att, ent = disc.resolve(a, in_sentence=(i0, i1))
                cur = [a.content, att, ent, a]
                pos = a.content
            elif a.kind in ("trail", "paren"):
                if cur is not None:
                    disc.add_frame_via(cur[1], cur[2], a)
                    if a.kind == "trail":
                        close(a.clause)
                        pos = a.frame_end
                elif a.kind == "trail":
                    b = self._trim(pos, a.clause)
                    if b > pos:
                        att = disc.attribution(a, self._text_mode(pos, b), in_sentence=(i0, i1))
                        out.append(DraftClaim(pos, b, att))
                    pos = a.frame_end
                else:
                    paren = a
            elif a.kind == "embedded":
                if a.clause < pos:
                    continue
                if cur is not None:
                    close(a.clause)
                else:
                    narration(pos, a.clause)
                att, _ent = disc.resolve(a, in_sentence=(i0, i1))
                out.append(DraftClaim(a.content, a.content_end, att))
                pos = a.content_end
        if cur is not None:
            close(se)
        else:
            narration(pos, se)
        for d in out:
            if d.attribution.source.kind != "unattributed":
                d.attribution.mode = self._text_mode(d.start, d.end)
        return out

    def _informing(self, a: Anchor) -> bool:
        """Whether the anchor's verb is one of telling or denying (أبلغ، أخبر، نفى): reported
        inside another report, its speaker is the origin and the outer speaker a conduit."""
        if a.cue is None:
            return False
        k = self.toks[self._tok_at(a.cue[0])].key
        for suf in ("هما", "هم", "ها", "ه", "ني", "نا"):  # أبلغهم، أخبروه: told them / him
            if k.endswith(suf):
                base = k[: -len(suf)]
                r = self.lex.verb(base) or (self.lex.verb(base + "ا") if base.endswith("و") else None)
                if r is not None:  # (أخبروه: the plural's alif drops before a suffix)
                    return r[0].lemma in self.lex.informing
        r = self.lex.verb(k)  # a bare verb: only a denial (أبلغت روسيا is an act, not a source)
        return r is not None and r[0].lemma == "نفى" and r[0].lemma in self.lex.informing

    def _with_content(self, anchors: list[Anchor], se: int) -> list[Anchor]:
        """Drop the anchors whose content would have no letter or digit ("وأعلنت خطة جديدة."
        read as a verb and its subject): their words stay in the surrounding claim or narration.

        A lead anchor's content runs to the next anchor; one followed by another lead anchor is
        kept (a frame before a cue, "وفقا لفرانس برس، قالت المصادر", joins with it)."""
        out: list[Anchor] = []
        live = [a for a in anchors if a.kind != "vague"]
        for a in anchors:
            if a.kind == "lead":
                nxt = next((b for b in live if b.clause > a.clause), None)
                if nxt is not None and nxt.kind == "lead":
                    out.append(a)
                    continue
                if not _HAS_CONTENT.search(self.text, a.content, nxt.clause if nxt is not None else se):
                    continue
            elif a.kind == "embedded" and a.content_end is not None:
                if not _HAS_CONTENT.search(self.text, a.content, a.content_end):
                    continue
            out.append(a)
        return out

    def _tok_at(self, char: int) -> int:
        """The first token starting at or after ``char``."""
        return bisect_left(self.toks, char, key=_START)

    def _trim(self, a: int, b: int) -> int:
        text = self.text
        while b > a and (text[b - 1] in _TRIM_END or text[b - 1].isspace()):
            b -= 1
        return b

    def _substantial(self, a: int, b: int, i0: int) -> bool:
        ia, ib = self._tok_at(a), self._tok_at(b)
        words = [t for t in self.toks[ia:ib] if t.word]
        if len(words) < MIN_NARRATION_WORDS:
            return False
        keys = tuple(t.key for t in words)
        after = self.text[b : b + 3].lstrip()[:1]
        if keys[0] in ("في", "وفي") and len(keys) <= 6 and after in ("،", ","):
            return False  # وفي تشرين الثاني الماضي،
        for op in self.lex.openers:
            if keys[: len(op)] == op and len(keys) <= 12:
                return False
        return True

    def _text_mode(self, a: int, b: int) -> str:
        seg = self.text[a:b].strip()
        if not seg:
            return "none"
        quotes = len(_QUOTES.findall(seg))
        if not quotes:
            return "indirect"
        inner = _LEAD_COMPLEMENTIZER.sub("", seg)
        if inner[:1] in QUOTE_OPEN and inner.rstrip(".،!؟ ")[-1:] in QUOTE_CLOSE and quotes <= 2:
            return "direct"
        return "mixed"


def attribute(text: str, *, registry, date=None) -> list[DraftClaim]:
    """Claims of an Arabic article with their attributions, in order."""
    art = _Article(text, registry, date)
    toks = art.toks
    out: list[DraftClaim] = []
    ti = 0
    for ss, se in segment(text, "ar"):
        ti = bisect_left(toks, ss, ti, key=_START)  # the first token starting at or after ss
        tj = bisect_right(toks, se, ti, key=_END)  # and the tokens ending by se
        out.extend(art.sentence(ti, tj, ss, se))
        ti = tj
    art.disc.finish()
    return out
