"""Arabic noun phrases that name sources: where a mention ends and what it names.

The parser is a small set of surface rules over tokens: construct chains and adjectives
(definite words after a definite word must look like adjectives or continue a registry name),
linking prepositions after source heads (مصدر في الوزارة، مصدر مقرب من الحشد، متحدث باسم الجيش),
names after titles, parenthesised/quoted names after agency heads, relative clauses and
appositions after commas (a name, a role, a registry name, a relative clause).
"""

from __future__ import annotations

from dataclasses import dataclass, field

from factcheck.sources.registry import Registry, word_key
from factcheck.text.ar.lexicon import ArabicLexicon, Tok, is_definite, stem, strip_def

QUOTE_OPEN = "\"«“„"
QUOTE_CLOSE = "\"»”"
MAX_NP = 30
#: words that end a holder's name before the reported speech (قال الوزير X قبل/بعد ... إن)
_AFTER_NAME = frozenset({"قبل", "بعد", "لدي", "امام"})
_FAMILIAR = frozenset({"مطلع", "مطلعه", "مطلعون", "مطلعين", "مطلعان", "مطلعتان"})
_NEAR = frozenset({"مقرب", "قريب", "مقربه", "مقربون", "مقربين", "المقرب", "المقربه", "المقربين", "المقربون", "قريبه", "مقربا"})
_IN_STOP = frozenset({
    "وقت", "اطار", "ظل", "حين", "سياق", "السياق", "ذات", "هذا", "هذه", "ضوء", "المقابل", "حديث", "مقابله",
    "مؤتمر", "اتصال", "تصريح", "تصريحات", "بيان", "رساله", "كلمه", "تغريده", "ختام", "نهايه", "بدايه", "اعقاب",
    "الوقت", "حينه", "وقتها", "المقابل", "حوار", "لقاء", "منشور", "اثناء", "معرض", "رده", "ردها",
})


@dataclass(slots=True)
class NP:
    i: int  # first token
    j: int  # token after the mention
    s: int  # mention start (after a glued preposition)
    e: int  # mention end
    head: int  # head token (after a demonstrative)
    pre: int = 0  # characters of a glued preposition skipped in toks[i]
    core_j: int = 0  # token after the core (before a relative clause / appositions)
    appos: list[tuple[int, int]] = field(default_factory=list)  # token ranges
    demonstrative: bool = False
    compound: bool = False


#: the links of a genealogical name (سيف بن أحمد آل ثاني، فاطمة بنت محمد)
_NASAB = frozenset({"بن", "بنت", "ابن", "ابنه", "ال"})
_REGNAL = frozenset({"الاول", "الثاني", "الثالث", "الرابع", "الخامس", "السادس"})


class NPParser:
    def __init__(self, text: str, toks: list[Tok], lex: ArabicLexicon, reg: Registry):
        self.text, self.toks, self.lex, self.reg = text, toks, lex, reg
        self._rk: dict[tuple[int, int], str] = {}
        self._rks: dict[tuple[int, int, int], str] = {}
        self._found: dict[tuple[int, int], list] = {}
        # head word -> category: a function of the word, the lexicon and the registry only, so
        # articles read with the same registry share it (the registry is kept beside the table:
        # its id is not reused while the table holds it)
        memo = lex.memo.get(("category", id(reg)))
        if memo is None or memo[0] is not reg or len(memo[1]) > 100_000:
            memo = lex.memo[("category", id(reg))] = (reg, {})
        self._cats: dict[str, str | None] = memo[1]

    def find_in(self, s: int, e: int) -> list:
        """Registry names in ``text[s:e]`` (cached per span)."""
        hit = self._found.get((s, e))
        if hit is None:
            hit = self._found[(s, e)] = self.reg.find_in(self.text, s, e)
        return hit

    # -- helpers --------------------------------------------------------------------------
    def head_key(self, np: NP) -> str:
        """Key of the head word (a glued preposition removed)."""
        k = self.toks[np.head].key
        return k[np.pre:] if np.head == np.i and np.pre else k

    def rkey(self, idx: int, pre: int = 0) -> str:
        """Registry match key of token ``idx`` (without ``pre`` glued characters)."""
        k = self._rk.get((idx, pre))
        if k is None:
            k = word_key(self.toks[idx].raw[pre:])
            self._rk[(idx, pre)] = k
        return k

    @staticmethod
    def reg_word(k: str) -> str:
        return word_key(k)

    def reg_key(self, i: int, j: int, pre: int = 0) -> str:
        """Registry match key of tokens i..j-1 (cached)."""
        k = self._rks.get((i, j, pre))
        if k is None:
            parts = [self.rkey(x, pre if x == i else 0) for x in range(i, j) if self.toks[x].word]
            k = self._rks[(i, j, pre)] = " ".join(p for p in parts if p)
        return k

    def category(self, k: str) -> str | None:
        """Source category of a head word key."""
        try:
            return self._cats[k]
        except KeyError:
            cat = self._cats[k] = self._category(k)
            return cat

    def _category(self, k: str) -> str | None:
        lex = self.lex
        b = strip_def(k)
        if b == k and len(k) > 3 and k.endswith("ا") and not k.endswith(("اا", "يا")):
            cat = self._category(k[:-1])  # مصدرا، مسؤولا: the accusative (after إن/أن) names the same
            if cat is not None:
                return cat
        if k in lex.statement_nouns:
            return "statement"
        if k in lex.document_heads and b not in lex.anon_heads:
            return "document"
        if b in lex.anon_heads or k in lex.anon_heads:
            return "anonymous"
        if k in lex.org_heads or "ال" + b in lex.org_heads:
            return "organization"  # المعارضة is the opposition (a body), not an opponent (معارض)
        if stem(k) in lex.anon_stems:
            return "anonymous"
        if k in lex.spokesman or b in lex.spokesman:
            return "spokesman"
        if k in lex.correspondent or b in lex.correspondent:
            return "correspondent"
        if k in lex.family or b in lex.family:
            return "family"
        if k in lex.reports:
            return "reports"
        if k in lex.person_roles or b in lex.person_roles or "ال" + b in lex.person_roles:
            return "role"
        st = stem(k)
        if k in lex.agency_heads or b in lex.agency_heads or "ال" + b in lex.agency_heads or st in lex.agency_stems:
            return "agency"
        if k in lex.org_heads or b in lex.org_heads or "ال" + b in lex.org_heads or st in lex.org_stems:
            return "organization"
        if b.endswith(("ان", "ين")) and len(b) >= 5:  # a dual: الوزيران، المتحدثتين
            base = b[:-2]
            base = base[:-1] + "ه" if base.endswith("ت") else base
            cat = self.category(base)
            if cat in ("role", "anonymous", "spokesman", "correspondent"):
                return cat
        if k.endswith(("ون", "ين")) and len(strip_def(k)) >= 5 and not k.endswith("تين"):
            if stem(k) not in lex.nationalities and not self.reg.exact(self.reg_word(k)):
                return "people"  # مسعفون، مصرفيين، المحتجون: an unnamed group
        return None

    def can_start(self, k: str) -> bool:
        """Whether a source phrase may start with key ``k`` (cached per lexicon)."""
        cache = self.lex.memo["can_start"]
        ok = cache.get(k)
        if ok is None:
            ok = self._can_start(k)
            if len(cache) < 100_000:
                cache[k] = ok
        return ok

    def _can_start(self, k: str) -> bool:
        lex = self.lex
        if not k or k.isdigit():
            return False
        if k in lex.complementizers or k in lex.time_words or k in lex.relatives or k in lex.negations:
            return False
        if k in lex.qawl or k in lex.say_masdar or k in lex.months:
            return False
        if k in lex.np_breaks and k not in lex.demonstratives:
            return False
        if lex.verb(k):
            return False
        return True

    def adjective(self, k: str) -> bool:
        lex = self.lex
        if k in lex.adjectives or k in lex.self_words:
            return True
        b = strip_def(k)
        if stem(k) in lex.nationalities:
            return True
        if b.endswith(("ي", "يه", "يون", "يين", "يان", "يات")) and len(b) >= 4:
            return True
        return b.startswith("م") and len(b) >= 5 and b not in lex.head_words

    def find_close(self, j: int, end: int, closers: str, reach: int) -> int | None:
        for x in range(j + 1, min(end, j + reach + 1)):
            if self.toks[x].raw in closers:
                return x
        return None

    # -- parsing --------------------------------------------------------------------------
    def parse(self, i: int, end: int, *, pre: int = 0, appositions: bool = True) -> NP | None:
        """The mention starting at token ``i`` (``pre`` glued characters skipped), or None."""
        toks, lex = self.toks, self.lex
        if i >= end or not toks[i].word:
            return None
        k0 = toks[i].key[pre:]
        head, j, demo = i, i + 1, False
        if k0.isdigit() and pre == 0 and j < end and toks[j].word and self.category(toks[j].key) in (
            "anonymous", "people", "role", "spokesman"
        ):
            head, j, k0 = j, j + 1, toks[j].key  # 3 مصادر، 5 مسؤولين: a counted group
        elif not self.can_start(k0) and not (k0 in lex.quantifiers and j < end and toks[j].word):
            return None  # (بعض المصادر: a quantifier may open the phrase though it breaks others)
        if k0 in lex.quantifiers and j < end and toks[j].word:
            nk = toks[j].key
            if nk == "من" and j + 1 < end and toks[j + 1].word:
                j += 1
                nk = toks[j].key
            if self.can_start(nk):
                head, j = j, j + 1  # ثلاثة مصرفيين، أحد المسؤولين، عدد من الشهود
                k0 = nk
        if k0 in lex.demonstratives:
            if j < end and toks[j].word and self.can_start(toks[j].key):
                head, j, demo = j, j + 1, True
            else:
                return None
        hk = k0 if head == i else toks[head].key
        cat = self.category(hk)
        sourceish = cat in ("anonymous", "spokesman", "role", "family", "correspondent", "organization", "agency", "people")
        compound = False
        while j < end and j - i < MAX_NP:
            t = toks[j]
            k = t.key
            if not t.word:
                if t.raw == "." and toks[j - 1].word and (
                    toks[j - 1].key in lex.abbreviations or (len(toks[j - 1].key) == 1 and toks[j - 1].arabic)
                ) and j + 1 < end and toks[j + 1].word:
                    j += 1  # د. محمد
                    continue
                if t.raw == "(" and cat != "anonymous":
                    close = self.find_close(j, end, ")", 8)
                    if close and close > j + 1 and all(x.word for x in toks[j + 1 : close]):
                        j = close + 1
                        continue
                if t.raw in QUOTE_OPEN and (
                    (cat in ("agency", "organization") and (j == head + 1 or self.adjective(toks[j - 1].key)))
                    or toks[j - 1].key == "باسم"
                ):  # صحيفة "الحياة"، وكالة الأنباء الرسمية "سانا"، ناطق باسم "فيلق الرحمن"
                    close = self.find_close(j, end, QUOTE_CLOSE, 6 if j == head + 1 else 4)
                    if close and close > j + 1 and all(x.word for x in toks[j + 1 : close]):
                        j = close + 1
                        continue
                break
            if not self._continues(i, j, end, k, head, hk, cat, sourceish, pre):
                if (
                    k.startswith("و") and len(k) > 3 and cat in ("anonymous", "role", "spokesman")
                    and self.category(k[1:]) in ("anonymous", "role", "spokesman")
                ):
                    compound = True  # مصدر في الوزارة ومصادر طبية
                    j += 1
                    continue
                break
            if k in ("في", "من") or k == "باسم":
                if k == "باسم" and cat not in ("spokesman", "role", "anonymous"):
                    cat, sourceish = "spokesman", True  # صديقي المتحدث باسم المديرية الوطنية للأمن
                j += 2 if k != "باسم" else 1
                continue
            j += 1
        core_j = j
        appos: list[tuple[int, int]] = []
        mention_j = j  # token after the mention: anonymity clauses (طالبا عدم ذكر اسمه) are left out
        if j < end and toks[j].word and (toks[j].key in lex.relatives or self._anonymity(j, end, cat)):
            j = self.clause_end(j, end)
            appos.append((core_j, j))
            mention_j = j  # (the evaluation convention: "مصدر لم تسمه"، "أحد السكان طالبا عدم ذكر اسمه")
        if appositions:
            while j + 1 < end and toks[j].raw in "،,":
                nxt = self.apposition(j + 1, end, cat)
                if nxt is None:
                    break
                appos.append((j + 1, nxt))
                if toks[j + 1].key in lex.relatives or not self._anonymity(j + 1, end, cat):
                    mention_j = nxt
                j = nxt
        s = toks[i].s + pre
        last = mention_j - 1
        while last > i and not toks[last].word and toks[last].raw not in ")»\"”":
            last -= 1
        return NP(i, j, s, toks[last].e, head, pre, core_j, appos, demo, compound)

    def _continues(self, i, j, end, k, head, hk, cat, sourceish, pre) -> bool:
        """Whether word token ``j`` (key ``k``) belongs to the phrase started at ``i``."""
        toks, lex = self.toks, self.lex
        if k in _REGNAL and toks[j - 1].word and toks[j - 1].arabic and not is_definite(toks[j - 1].key) \
                and toks[j - 1].key not in lex.months and (cat in ("role", None)):
            return True  # الملك عبدالله الثاني: a regnal ordinal after a name (كانون الثاني is a month)
        if k in lex.phrase_stops:  # complementizers, time words, relatives, months, qawl, negations ...
            return False
        if k.isdigit():
            return self._registry_continues(i, j, pre)  # فرانس 24
        if k in lex.self_words:
            return True
        if k in lex.anonymity_verbs and self._anonymity(j, end, cat):
            return False
        if k in lex.reports or k in lex.statement_nouns or k in lex.document_heads:
            if not (cat == "agency" and k in lex.agency_qualifiers):
                return False
        if lex.verb(k) or k in lex.publish_relay_verbs:
            return False
        prev = toks[j - 1]
        pk = prev.key
        if k == "باسم":  # (also after a name: صديقي المتحدث باسم المديرية)
            return (cat in ("spokesman", "role", "anonymous") or self.category(pk) in ("spokesman", "role")) \
                and j + 1 < end and (
                toks[j + 1].word or toks[j + 1].raw in QUOTE_OPEN
            )
        if k == "علي" and strip_def(pk) in _FAMILIAR and j + 1 < end and toks[j + 1].word:
            return True  # مصادر مطلعة على الملف: "familiar with" takes its object along
        if k in ("في", "من"):
            if not sourceish or j + 1 >= end or not toks[j + 1].word:
                return False
            nk = toks[j + 1].key
            if nk in _IN_STOP or nk in lex.statement_nouns or nk in lex.time_words or nk.isdigit():
                return False
            if self.unsuffixed(nk) in lex.statement_nouns:
                return False  # في تقريره، في كلمته
            if nk in lex.demonstratives or nk in lex.months or lex.verb(nk) or nk in lex.complementizers:
                return False
            if k == "من":
                return pk in _NEAR
            return True
        if k in lex.np_breaks and not (k == "علي" and toks[j].raw.endswith("ي")):  # علي (Ali) ≠ على
            return False
        if k == "ل" or k in lex.told_to_heads:
            return False
        if pk in lex.family and pk.endswith(("ته", "تها", "تهم", "ها", "هم")) and not pk.endswith("ه" * 2):
            if cat == "family" and prev is toks[head]:
                return False
        reg_more = self._registry_continues(i, j, pre)
        if cat == "statement" and k.startswith("ل") and len(k) > 2 and j == head + 1 + sum(
            1 for x in toks[head + 1 : j] if x.word and self.adjective(x.key)
        ):
            return True  # بيان منفصل للقيادة: the statement's owner
        if cat in ("role", "spokesman") and j > head + 1 and is_definite(k) and k in lex.person_roles:
            return True  # المتحدث باسم البنتاغون الجنرال باتريك رايدر
        if not reg_more and self._registry_complete(head, j, pre if head == i else 0):
            if k in lex.agency_qualifiers and cat == "agency":
                return True
            if cat in ("role", "spokesman") and self._holder_name(j, end, pre):
                return True  # المتحدث باسم البنتاغون باتريك رايدر: the holder's name follows the body
            here = self.rkey(j)
            if here and (self.reg.exact(here) or self.reg.is_prefix(here)):
                return False  # السعودية الحوثيين: another name starts here
            return self.adjective(k) and not lex.is_head(k) and not self._number_clash(hk, k)  # صحيفة هآرتس الإسرائيلية
        if k.startswith("لل") and len(k) > 4:
            return reg_more or k in lex.agency_qualifiers or cat in ("role", "spokesman", "anonymous", "organization")
        if k.startswith("ل") and len(k) > 3 and not is_definite(k):
            b = k[1:]
            if b in lex.head_words or strip_def(b) in lex.head_stems:
                return reg_more
            told = self.reg.exact(self.rkey(j, 1))
            if told is not None and told.kind == "agency":
                return False  # لرويترز: told to an agency
            if cat == "organization" and j + 1 < end and toks[j + 1].word and is_definite(toks[j + 1].key) \
                    and not lex.verb(toks[j + 1].key) and toks[j + 1].key not in lex.phrase_stops:
                return True  # الجمعية المغربية لحقوق الإنسان: ل + a construct names the body's field
        if k.startswith("ب") and len(k) > 3 and not k.startswith("بين") and self._glued_preposition(k):
            if cat in ("role", "spokesman") and is_definite(pk) and self._holder_name(j, end, pre):
                return True  # ... باسم البنتاغون باتريك رايدر: a name, not بـ + noun
            b = k[1:]
            if reg_more:
                return True
            if b.startswith("ال") and (cat in ("anonymous", "people") or (cat in ("role", "spokesman") and (
                self.category(b) is not None or self.reg.exact(self.rkey(j, 1))
            ))):  # (أطباء بالغوطة، مسؤول بالوزارة; but ندد المتحدث بالهجوم: an object)
                return True  # مسؤول بالوزارة (not: ندد المتحدث بالهجوم)
            if self.category(b) in ("organization", "agency") and cat in ("anonymous", "role", "spokesman"):
                return True
            return False
        prev_def = is_definite(pk) or (not prev.word)
        if is_definite(k):
            if not prev_def:
                if j - 1 > head and not self.adjective(k):
                    prev_entry = self.reg.exact(self.rkey(j - 1))
                    if prev_entry is not None and prev_entry.kind == "person":
                        return False  # أدان الرئيس ماكرون الهجوم: a name is no construct state
                return True  # construct state: مقر القيادة، رئيس المستشفى
            if reg_more:
                return True
            if self.category(k) in ("organization", "agency", "anonymous", "people", "reports") and not self.adjective(k):
                return False  # الحكومة المعارضة: a second phrase starts
            if self._entity_boundary(i, j, pre):
                return False
            return self.adjective(k) and not self._number_clash(hk, k)
        # an indefinite word
        if not prev_def:
            return True  # indefinite chains and names: مصدر عسكري يمني، سابرينا سينغ
        if reg_more:
            return True
        if cat in ("role", "spokesman", "correspondent", "anonymous") and is_definite(pk):
            # after "الرئيس الفرنسي" an indefinite word starts the holder's name only with
            # evidence: a known given name, a registry name, or a run up to the reported speech
            if not self._holder_name(j, end, pre):
                return False
            if cat == "anonymous":
                return True  # المسؤول الإعلامي في السفارة فيكتور غوريلوف
        if cat in ("role", "spokesman", "agency", "correspondent") or cat is None:
            return not lex.is_head(k) and stem(k) not in lex.nationalities
        return False

    def _holder_name(self, j: int, end: int, pre: int) -> bool:
        k = self.toks[j].key
        if k in self.lex.given_names:
            return True
        here = self.rkey(j)
        if here and (self.reg.exact(here) or self.reg.is_prefix(here)):
            return True
        return self._name_run(j, end)

    def _name_run(self, j: int, end: int) -> bool:
        """Whether 1-4 indefinite words from ``j`` read as a personal name: no article, no head
        noun, nationality or verb, and the run ends where a name ends before reported speech
        (a complementizer, a comma or colon, a quotation, a time word)."""
        toks, lex = self.toks, self.lex
        x = j
        while x < end and x - j < 5 and toks[x].word:
            k = toks[x].key
            if lex.is_head(k) or stem(k) in lex.nationalities or lex.verb(k) or k in lex.phrase_stops or k in _AFTER_NAME:
                break
            if x > j and (k.startswith("لل") or k in lex.told_to_heads):
                break  # ينس لاركيه للصحفيين: told to the press
            if strip_def(k) != k and (x == j or self.adjective(k)):
                break  # a name starts indefinite (بالمناسبة is no name); السيسي، العظيم may follow
            x += 1
        if x == j or x >= end:
            return False
        t = toks[x]
        if not t.word:
            return t.raw in "،,:" or t.raw in QUOTE_OPEN
        if t.key in ("في", "خلال") and x + 1 < end and toks[x + 1].word:
            return self.unsuffixed(toks[x + 1].key) in lex.statement_nouns  # ... في تغريدة، خلال مؤتمر
        return t.key in lex.complementizers or t.key in lex.time_words or t.key in lex.months \
            or t.key in _AFTER_NAME or t.key.startswith("لل") or t.key in lex.told_to_heads

    _HUMAN_PLURALS = frozenset({"شهود", "ضباط", "سكان", "اهالي", "جنود", "خبراء", "قاده", "عناصر", "افراد", "مصادر", "اطباء", "نشطاء"})

    def _number_clash(self, head: str, k: str) -> bool:
        """A masculine plural cannot qualify a singular head: الحكومة الأردنية | المهربين."""
        b = strip_def(k)
        if not b.endswith(("ون", "ين")):
            return False
        h = strip_def(head)
        return not (h.endswith(("ون", "ين")) or h in self._HUMAN_PLURALS)

    @staticmethod
    def unsuffixed(k: str) -> str:
        """``k`` without a possessive pronoun (تقريره → تقرير، كلمتها → كلمه)."""
        for suf in ("هما", "هم", "ها", "ه"):
            if k.endswith(suf) and len(k) - len(suf) >= 3:
                base = k[: -len(suf)]
                return base[:-1] + "ه" if base.endswith("ت") else base
        return k

    def _glued_preposition(self, k: str) -> bool:
        """Whether a ب-initial word is ب + noun (بالحوثيين، بحكومة، باستهداف، بوقوع), not a word
        of its own (برلماني، بارز، بسام)."""
        b = k[1:]
        if b.startswith("ال") or self.category(b) is not None or b in self.lex.head_words:
            return True
        if len(b) >= 4 and b[0] in "اتم":
            return True  # masdar patterns: إطلاق، استهداف، تسهيل، مقتل
        return len(b) == 4 and b[2] == "و"  # فعول: وقوع، وصول، سقوط

    def _registry_continues(self, i: int, j: int, pre: int) -> bool:
        """Whether token ``j`` extends the words before it into (the start of) a registry name."""
        if self._foreign_word(j, 0):
            return False
        reg = self.reg
        for start, key in self._suffix_keys(i, max(i, j - 6), j + 1, pre):
            if start < j and key and (reg.is_prefix(key) or reg.exact(key)):
                return True
        return False

    def _suffix_keys(self, i: int, lo: int, j: int, pre: int) -> list[tuple[int, str]]:
        """``(start, reg_key(start, j))`` for the word tokens ``start`` in lo..j-1, right to left
        (built word by word; ``pre`` applies to token ``i``, where the phrase starts)."""
        toks, rkey = self.toks, self.rkey
        out = []
        suffix = ""
        for start in range(j - 1, lo - 1, -1):
            if not toks[start].word:
                continue
            part = rkey(start, pre if start == i else 0)
            if part:
                suffix = f"{part} {suffix}" if suffix else part
            out.append((start, suffix))
        return out

    def _foreign_word(self, x: int, pre: int) -> bool:
        """Token ``x`` is a word no registry name has (so no name or name start ends with it)."""
        if not self.toks[x].word:
            return False
        k = self.rkey(x, pre)
        return bool(k) and not self.reg.has_word(k.rpartition(" ")[2])

    def _registry_complete(self, i: int, j: int, pre: int) -> bool:
        """Tokens i..j-1 are exactly a registry name (after generic heads such as حركة، وكالة)."""
        if j > i and self._foreign_word(j - 1, pre if j - 1 == i else 0):
            return False
        for start, key in reversed(self._suffix_keys(i, i, j, pre)):  # the longest name first
            if key and self.reg.exact(key):
                return all(self.category(self.toks[x].key) is not None for x in range(i, start) if self.toks[x].word)
        return False

    def _entity_boundary(self, i: int, j: int, pre: int) -> bool:
        """A complete registry name ends before ``j`` and another one starts at ``j``."""
        before = self.reg_key(i, j, pre)
        here = self.rkey(j)
        if not here:
            return False
        complete = bool(self.reg.exact(before)) or any(
            self.reg.exact(self.reg_key(x, j)) for x in range(i + 1, j) if self.toks[x].word
        )
        starts = bool(self.reg.exact(here) or self.reg.is_prefix(here))
        return complete and starts

    def _anonymity(self, j: int, end: int, cat: str | None = None) -> bool:
        """"طلب عدم الكشف عن اسمه"، "لم يكشف هويته": a clause that keeps the source unnamed."""
        toks, lex = self.toks, self.lex
        if j + 1 >= end:
            return False
        if toks[j].key in ("لم", "ولم") and cat in ("anonymous", "role") and toks[j + 1].word:
            return True
        if toks[j].key not in lex.anonymity_verbs:
            return False
        return any(t.key in ("عدم", "الكشف", "ذكر", "نشر", "شرط", "الافصاح", "كشف") for t in toks[j + 1 : j + 3])

    def clause_end(self, j: int, end: int) -> int:
        """End of a relative clause starting at ``j``: the next comma, complementizer, colon, quote."""
        toks, lex = self.toks, self.lex
        x = j + 1
        while x < end and x - j < 16:
            t = toks[x]
            if t.raw in "،,:;-–—.!؟" or t.raw in QUOTE_OPEN or (t.word and t.key in lex.complementizers):
                break
            if t.word and x > j + 2 and (t.key == "ل" or t.key in lex.told_to_heads):
                break
            x += 1
        return x

    def apposition(self, j: int, end: int, cat: str | None) -> int | None:
        """End of an apposition starting at ``j`` (after a comma), or None when it is none."""
        toks, lex = self.toks, self.lex
        x = j
        while x < end and x - j < 14:
            t = toks[x]
            if t.raw in "،,:;-–—" or t.raw in QUOTE_OPEN or (t.word and t.key in lex.complementizers):
                break
            x += 1
        seg = [t for t in toks[j:x] if t.word]
        if not seg or (x < end and toks[x].raw in QUOTE_OPEN):
            return None
        k0 = seg[0].key
        if k0 in lex.relatives or self._anonymity(j, end, cat):
            return x
        b0 = strip_def(k0)
        if k0 in lex.person_roles or b0 in lex.person_roles or k0 in lex.spokesman or b0 in lex.spokesman:
            return x
        key = self.reg_key(j, x)
        if key and self.reg.exact(key):
            return x
        if any(t.key == "ل" or t.key in lex.told_to_heads for t in seg):
            return None
        if k0 in lex.given_names and len(seg) <= 5 and not any(
            lex.verb(t.key) or lex.is_head(t.key) or t.key in lex.np_breaks for t in seg
        ):
            return x  # ، محمد شياع السوداني،: a name, its nisba surname definite
        if len(seg) == 1 and seg[0].key.startswith("ل"):
            told = self.reg.exact(self.rkey(j, 1))
            if told is not None and told.kind == "agency":
                return None  # ، لرويترز،
        named = [t for t in seg if t.key not in _NASAB] if len(seg) > 2 else seg  # سيف بن أحمد آل ثاني
        if named and len(named) <= 4 and all(
            not is_definite(t.key) and not t.key.isdigit() and self.can_start(t.key)
            and not lex.is_head(t.key) and t.key not in lex.np_breaks and t.key not in lex.statement_nouns
            and stem(t.key) not in lex.nationalities
            for t in named
        ) and cat in ("spokesman", "role", "person", None, "organization", "agency"):
            return x
        return None
