"""Matchable facts of a claim: numbers and quantities, dates and weekdays, places and named things.

Review suggestions compare claims by these facts (same number, same date, same place), so each
fact carries a value that compares across Arabic and English: a number's ``value`` and ``unit``
key (``8 soldiers`` and ``ثمانية جنود`` both give 8 / ``soldier``), a date's ``iso``/``month``/
``day``, an entity's ``key`` (``ain al-asad`` for both ``Ain al-Asad`` and ``عين الأسد``; unseen
names get a transliteration skeleton ``~...`` shared by both scripts).

The claim is folded once (``normalize`` rules, 1:1 where possible) into a working string with a
map back to the original, tokenised, and scanned in passes: dates, table entities and model
names (AC-130), numbers with units, then names.  (When folding cannot move a token boundary, the
claim is tokenised as it is and folded token by token through a cache: the same tokens, cheaper.)
What the lexicon knows about a token text is computed once per text (:class:`_Info`), and each
pass visits only the tokens that may start one of its entries.  Vocabulary lives in
``lexicons/facts_*.json``.
Every fact has ``start``/``end`` into the original text and ``text == original[start:end]``.

Besides the keys documented on :class:`factcheck.model.Facts`, numbers carry ``event``
(``killed``/``injured``/``arrested``/``missing``/``displaced`` or None: what happened to the
counted, for "one killed" vs "two killed") and dates carry ``year`` (as written, or None).
"""

from __future__ import annotations

import datetime
import json
import math
import re
from functools import lru_cache, reduce
from pathlib import Path
from itertools import compress, count, repeat
from operator import add, attrgetter, contains, eq, itemgetter, or_, sub
from typing import Any

from factcheck.model import Facts

_LEX_DIR = Path(__file__).resolve().parent / "lexicons"
_FILL = "\x00"  # marks characters the fold drops (diacritics, tatweel, invisible marks)

_FOLD_MAP: dict[int, str] = {
    **{ord(c): "ا" for c in "أإآٱٲٳ"},
    ord("ة"): "ه", ord("ى"): "ي", ord("ی"): "ي", ord("ک"): "ك", ord("ؤ"): "و", ord("ئ"): "ي",
    **{0x0660 + i: str(i) for i in range(10)},
    **{0x06F0 + i: str(i) for i in range(10)},
    ord("٫"): ".", ord("٬"): ",", ord("٪"): "%", ord("؛"): ";", ord("؟"): "?",
    ord("\u2019"): "'", ord("\u2018"): "'", ord("\u201c"): '"', ord("\u201d"): '"',
    ord("\u2013"): "-", ord("\u2011"): "-", ord("\u2010"): "-", ord("\u00a0"): " ",
    **{c: _FILL for c in range(0x0610, 0x061B)},
    **{c: _FILL for c in range(0x064B, 0x0660)},
    ord("\u0670"): _FILL, ord("\u0640"): _FILL,
    **{c: _FILL for c in range(0x06D6, 0x06EE)},
    **{c: _FILL for c in range(0x200B, 0x2010)},
    **{c: _FILL for c in range(0x202A, 0x202F)},
    **{c: _FILL for c in range(0x2066, 0x206A)},
    ord("\ufeff"): _FILL, ord("\u061c"): _FILL,
}
_KEEP = re.compile("[^\x00]+")
# characters whose folding changes tokens beyond their text: dropped marks, separators and dashes
# that fold to ASCII punctuation, and the two characters lower() treats specially (İ, Σ)
_REFOLD = re.compile("[" + "".join(sorted({chr(c) for c, v in _FOLD_MAP.items() if v == _FILL})) + "\u066b\u066c\u2010\u2011\u2013\u0130\u03a3]")
_MARKS = frozenset(chr(c) for c in [*range(0x0610, 0x061B), *range(0x064B, 0x0660), 0x0670, *range(0x06D6, 0x06EE)])
_TOKEN = re.compile(  # (words first: they are the most common, and no two kinds start alike)
    r"(?P<w>[^\W\d_]+(?:-[^\W\d_]+)*)"
    r"|(?P<n>\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d{1,3}(?:\.\d{3}){2,}|\d+(?:\.\d+)?)"
    r"|(?P<p>[^\w\s])"
)
_ISO_DATE = re.compile(r"(?<!\d)(\d{4})-(\d{1,2})-(\d{1,2})(?!\d)")
_NUM_DATE = re.compile(r"(?<![\d/.])(\d{1,2})([/.])(\d{1,2})\2(\d{4}|\d{2})(?![\d/])")
_ASCII_LETTER = re.compile("[A-Za-z]")
_OTHER_LETTER = re.compile("[^\\W\\d_\u0600-\u06ff]")  # a letter _is_arabic() would not call Arabic
_DOT_THOUSANDS = re.compile(r"\d{1,3}(?:\.\d{3})+")
_TIME = re.compile(r"(?<![\d:])\d{1,2}:\d{2}(?::\d{2})?(?![\d:])")
_SENTENCE_PUNCT = frozenset('.!?:;"«»()[]—-…|\n') | {"،", "؛"}
_WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")


def _fold(s: str) -> str:
    """Fold one string as the scanner does (used for the lexicons)."""
    return s.translate(_FOLD_MAP).replace(_FILL, "").lower()


def _is_arabic(word: str) -> bool:
    return "\u0600" <= word[0] <= "\u06ff"


# ----------------------------------------------------------------------------- lexicon


class _Lex:
    """Both languages' data, folded and indexed by token tuples."""

    def __init__(self) -> None:
        en = json.loads((_LEX_DIR / "facts_en.json").read_text(encoding="utf-8"))
        ar = json.loads((_LEX_DIR / "facts_ar.json").read_text(encoding="utf-8"))
        # gaz: token tuple -> {category: value}
        self.gaz: dict[tuple[str, ...], dict[str, Any]] = {}
        # Latin aliases that need capitals in the original: tuple -> per-token case rule
        self.case: dict[tuple[str, ...], tuple[int, ...]] = {}
        for data in (en, ar):
            for form, v in data["numbers"].items():
                self._add(form, "num", v)
            for form, v in data.get("restricted_numbers", {}).items():
                self._add(form, "rnum", v)
            for form, v in data["multipliers"].items():
                self._add(form, "mult", v)
            for form, v in data.get("dependent_multipliers", {}).items():
                self._add(form, "pmult", v)
            for form, v in data["months"].items():
                self._add(form, "month", v)
            for form, v in data["weekdays"].items():
                self._add(form, "wday", v)
            for form, v in data["relative_days"].items():
                self._add(form, "rel", v)
            for key, forms in data["units"].items():
                for form in forms:
                    self._add(form, "unit", key)
            for key, forms in data["events"].items():
                for form in forms:
                    self._add(form, "event", key)
            for key, forms in data["singular_counts"].items():
                for form in forms:
                    self._add(form, "single", key)
            for key, entry in data["entities"].items():
                for form in entry["aliases"]:
                    self._add(form, "ent", (key, entry["type"]), cased=True)
        for form, v in en["month_abbreviations"].items():
            self._add(form, "mabbr", v)
        for form, v in ar["place_cues"].items():
            self._add(form, "pcue", v)
        for form, v in ar["letter_names"].items():
            self._add(form, "letter", v)
        # first token -> {category: longest entry starting with it}
        self.first_cats: dict[str, dict[str, int]] = {}
        for toks, slot in self.gaz.items():
            cats = self.first_cats.setdefault(toks[0], {})
            for cat in slot:
                cats[cat] = max(cats.get(cat, 0), len(toks))
        self.firsts: frozenset[str] = frozenset(self.first_cats)

        f = lambda xs: frozenset(_fold(x) for x in xs)  # noqa: E731
        self.ambiguous_months = f(en["ambiguous_months"] + ar["ambiguous_months"])
        self.month_cues = f(en["month_cues"] + ar["month_cues"])
        self.strong_month_cues = f(en["ambiguous_month_cues"] + ar["ambiguous_month_cues"])
        self.year_cues = f(en["year_cues"] + ar["year_cues"])
        self.year_fillers = f(ar["year_fillers"])
        self.day_of = f(en["day_of"] + ar["day_of"])
        self.ordinals = f(en["ordinal_suffixes"])
        self.last_before = f(en["last_before"] + ar["last_before"])
        self.next_before = f(en["next_before"] + ar["next_before"])
        self.last_after = f(en["last_after"] + ar["last_after"])
        self.next_after = f(en["next_after"] + ar["next_after"])
        self.teens = f(ar["teen_words"])
        self.indefinite = f(en["indefinite_one"])
        self.indefinite_ascii = all(w.isascii() and w.isalpha() for w in self.indefinite)
        self.connectors = f(en["number_connectors"] + ar["number_connectors"])
        self.one_before = f(en["one_blockers_before"])
        self.one_after = f(en["one_blockers_after"])
        self.unit_skip = f(en["unit_skip"] + ar["unit_skip"])
        self.currency = {**en["currency_symbols"], **ar["currency_symbols"]}
        self.event_units = frozenset(en["events"])
        self.others = f(en["others"] + ar["others"])
        self.titles = f(en["titles"])
        self.connect_names = f(en["name_connectors"])
        self.en_stop = f(en["entity_stopwords"])
        self.latin_articles = f(en["article_prefixes"])
        self.generic_suffixes = f(en["generic_suffixes"])
        self.duals = {_fold(k): v for k, v in ar["duals"].items()}
        self.name_heads = f(ar["name_heads"])
        self.verb_markers = f(ar["verb_markers_after"])
        self.cue_blockers = {_fold(k): f(v) for k, v in ar["place_cue_blockers"].items()}
        self.name_stop = f(ar["name_stopwords"])
        self.letter_single = f(ar["letter_single_ok"])
        self.letter_not_first = f(ar["letter_not_first"])
        # transliteration skeleton -> table key, for names spelt differently from the table
        skel: dict[str, set[str]] = {}
        for data in (en, ar):
            for key, entry in data["entities"].items():
                for form in entry["aliases"]:
                    s = skeleton(form, self.latin_articles)
                    if len(s) >= 4:
                        skel.setdefault(s, set()).add(key)
        self.skeleton_keys = {s: next(iter(ks)) for s, ks in skel.items() if len(ks) == 1}

    def _add(self, form: str, cat: str, value: Any, *, cased: bool = False) -> None:
        toks = tuple(m.group() for m in _TOKEN.finditer(_fold(form)))
        if not toks:
            return
        slot = self.gaz.setdefault(toks, {})
        if cat == "ent" and cat in slot:
            value = slot[cat]  # first alias wins; only the case rule is loosened below
        slot[cat] = value
        if cased and not _is_arabic(toks[0]):
            rule = tuple(2 if (len(t) > 1 and t.isupper()) else int(t[:1].isupper())
                         for t in (m.group() for m in _TOKEN.finditer(form)))
            old = self.case.get(toks)
            self.case[toks] = rule if old is None else tuple(min(a, b) for a, b in zip(old, rule))


@lru_cache(maxsize=1)
def _lex() -> _Lex:
    return _Lex()


# ----------------------------------------------------------------------------- skeletons

_LATIN_DIGRAPHS = (("kh", "k"), ("sh", "s"), ("ch", "s"), ("th", "t"), ("dh", "d"), ("gh", "j"),
                   ("ph", "f"), ("ck", "k"), ("ou", "w"))
_LATIN_SKEL = str.maketrans({"q": "k", "c": "k", "x": "ks", "g": "j", "p": "b", "v": "f",
                             **{v: "" for v in "aeiouyw'-"}})
_ARABIC_SKEL = str.maketrans({
    "ب": "b", "ت": "t", "ث": "t", "ج": "j", "ح": "h", "خ": "k", "د": "d", "ذ": "d", "ر": "r",
    "ز": "z", "س": "s", "ش": "s", "ص": "s", "ض": "d", "ط": "t", "ظ": "z", "غ": "j", "ف": "f",
    "ق": "k", "ك": "k", "ل": "l", "م": "m", "ن": "n", "ه": "h", "گ": "j", "پ": "b", "چ": "s",
    "ڤ": "f", **{c: "" for c in "اويءعى"},
})
_REPEATS = re.compile(r"(.)\1+")
_NON_LETTER = re.compile(r"[^\w]+|\d+|_")


@lru_cache(maxsize=8192)
def skeleton(name: str, latin_articles: frozenset[str] = frozenset({"al", "el"})) -> str:
    """Consonant skeleton of a name, shared by its Latin and Arabic spellings.

    ``Abu Ghraib`` and ``أبو غريب`` both give ``bjrb``: the article (al-, ال) and vowels go,
    letters with several romanisations fold together (q/k, g/j/غ, kh/خ/k), doubles collapse.
    """
    out = []
    for word in _NON_LETTER.split(_fold(name).replace("-", " ")):
        if not word:
            continue
        if _is_arabic(word):
            if word.startswith("ال") and len(word) >= 5:
                word = word[2:]
            word = word.replace("تش", "ش")
            s = word.translate(_ARABIC_SKEL)
        else:
            if word in latin_articles:
                continue
            for a, b in _LATIN_DIGRAPHS:
                word = word.replace(a, b)
            s = word.translate(_LATIN_SKEL)
        out.append(s[:-1] if s.endswith("h") and len(s) > 1 else s)
    return _REPEATS.sub(r"\1", "".join(out))


# ----------------------------------------------------------------------------- tokens


@lru_cache(maxsize=65536)
def _heads(word: str) -> tuple[tuple[str, int], ...]:
    """Forms of ``word`` that start a lexicon entry: (form, length of stripped prefix)."""
    firsts = _lex().firsts
    cands = [(word, 0)]
    if _is_arabic(word):
        for conj in ("", "و", "ف"):
            if conj and not word.startswith(conj):
                continue
            rest = word[len(conj):]
            for prep in ("", "ب", "ل", "ك"):
                if prep and not rest.startswith(prep):
                    continue
                base, plen = rest[len(prep):], len(conj) + len(prep)
                if len(base) < 2 or (plen and len(base) <= 3 and prep):
                    continue
                cands.append((base, plen))
                if base.startswith("ال") and len(base) >= 5:
                    cands.append((base[2:], plen))
                if prep == "ل" and base.startswith("ل") and len(base) >= 4:  # لل = ل + ال
                    cands.append(("ا" + base, len(conj)))  # the span keeps the whole للـ
                    cands.append((base[1:], len(conj)))
        if word.endswith("ا") and len(word) >= 4:  # accusative tanween: هجوما, جنديا
            cands.append((word[:-1], 0))
    seen: dict[str, int] = {}
    for form, plen in cands:
        if form in firsts and form not in seen:
            seen[form] = plen
    return tuple(seen.items())


class _Info:
    """What the lexicon knows about one token text: its ``heads`` (as :func:`_heads`), the
    categories an entry starting with it may have (with the longest such entry, in tokens), and
    the one-token entries it matches: category -> (value, prefix length), the first head wins
    (as in :meth:`_Scan.find`)."""

    __slots__ = ("heads", "top", "single", "mask")

    def __init__(self, heads: tuple[tuple[str, int], ...]):
        lex = _lex()
        self.heads = heads
        top: dict[str, int] = {}
        single: dict[str, tuple[Any, int]] = {}
        for form, plen in heads:
            for cat, n in lex.first_cats[form].items():
                if n > top.get(cat, 0):
                    top[cat] = n
            slot = lex.gaz.get((form,))
            if slot:
                for cat, value in slot.items():
                    if cat not in single:
                        single[cat] = (value, plen)
        self.top, self.single = top, single
        self.mask = _cat_mask(*top)


_CATS = ("num", "rnum", "mult", "pmult", "month", "wday", "rel", "unit", "event", "single", "ent", "mabbr",
         "pcue", "letter")
_CAT_BITS = {cat: 1 << n for n, cat in enumerate(_CATS)}


def _cat_mask(*cats: str) -> int:
    """A bit set of lexicon categories."""
    mask = 0
    for cat in cats:
        mask |= _CAT_BITS[cat]
    return mask


_M_MONTH, _M_WDAY = _cat_mask("month", "mabbr"), _cat_mask("wday", "rel")
_M_ENT, _M_LETTER, _M_PCUE, _M_SINGLE = _cat_mask("ent"), _cat_mask("letter"), _cat_mask("pcue"), _cat_mask("single")
_M_NUMBER = _cat_mask("num", "mult", "rnum")
_M_DATE = _M_MONTH | _M_WDAY


class _InfoCache(dict):
    """token text -> :class:`_Info` or None (no entry starts with it), filled on first use
    (bounded).  Numbers and punctuation go through :func:`_heads` too: it tries no prefixes on
    them."""

    def __missing__(self, text: str) -> _Info | None:
        heads = _heads(text)
        info = _Info(heads) if heads else None
        if len(self) < 100_000:
            self[text] = info
        return info


_info = _InfoCache().__getitem__


_GROUP, _START, _END = re.Match.group, re.Match.start, re.Match.end


class _FoldCache(dict):
    """token text -> its folded form (bounded)."""

    def __missing__(self, tok: str) -> str:
        folded = tok.translate(_FOLD_MAP).lower()
        if len(self) < 100_000:
            self[tok] = folded
        return folded


_fold_token = _FoldCache().__getitem__
_LASTGROUP = attrgetter("lastgroup")
_MASK = attrgetter("mask")
_BY_START = itemgetter("start")


class _Scan:
    """One claim being scanned: tokens, what is used, and the facts found."""

    def __init__(self, text: str, start: int, end: int, lang: str, date: datetime.date | None):
        self.text, self.lang, self.date = text, lang, date
        self.lex = _lex()
        claim = text[start:end]
        if _REFOLD.search(claim) is None:
            # folding changes no token boundary and no character class here (nothing dropped,
            # no separator or dash to unify, lower() without context): tokenise the claim as it
            # is and fold token by token (cached), which is the same and cheaper
            folded, pos = claim, range(start, end)
            ms = list(_TOKEN.finditer(claim))
            raw_texts: list[str] | None = list(map(_GROUP, ms))
            texts = list(map(_fold_token, raw_texts))
        else:
            raw_texts = None
            raw = claim.translate(_FOLD_MAP)
            low = raw.lower()
            if len(low) != len(raw):
                low = "".join(c.lower() if len(c.lower()) == 1 else c for c in raw)
            if _FILL in low:
                parts: list[str] = []
                pos = []
                for m in _KEEP.finditer(low):
                    parts.append(m.group())
                    pos.extend(range(start + m.start(), start + m.end()))  # type: ignore[union-attr]
                folded = "".join(parts)
            else:
                folded, pos = low, range(start, end)
            ms = list(_TOKEN.finditer(folded))
            texts = list(map(_GROUP, ms))
        # ``folded`` serves the regular expressions (dates, times, letters): on these it matches
        # as the folded claim does
        self.folded, self.pos = folded, pos
        # tokens, as parallel lists: kind ("n" number, "w" word, "p" punctuation), folded text,
        # start/end in the folded string and start/end in the original text
        kinds = list(map(_LASTGROUP, ms))
        self.texts, self.kinds, self._ms, self._start = texts, kinds, ms, start
        infos = self.infos = list(map(_info, texts))
        n = len(ms)
        self.used = [False] * n
        # indices worth a look: lexicon heads, numbers, words, capitalised words
        self.cands = list(compress(range(n), infos))
        self.cand_masks = list(map(_MASK, filter(None, infos)))
        self.any_mask = reduce(or_, set(self.cand_masks), 0)
        self.nums = list(compress(range(n), map(eq, kinds, repeat("n"))))
        self.words = list(compress(range(n), map(eq, kinds, repeat("w"))))
        self.has_ascii = _ASCII_LETTER.search(folded) is not None
        self.caps: list[int] = []  # words with a capital, or a hyphen (al-Asad)
        if self.has_ascii:
            words = self.words
            if raw_texts is not None:  # (the original tokens: their first letters as written)
                upper = map(str.isupper, map(itemgetter(0), map(raw_texts.__getitem__, words)))
            else:
                upper = map(str.isupper, map(text.__getitem__, map(self.starts.__getitem__, words)))
            hyphen = map(contains, map(texts.__getitem__, words), repeat("-"))
            self.caps = list(compress(words, map(or_, upper, hyphen)))
        self.entity_end: dict[int, int] = {}  # first token of an entity -> its end token
        self.number_ends: list[tuple[dict[str, Any], int]] = []  # number facts with their end token
        self.number_tokens: set[int] = set()
        self.facts = Facts()

    def __getattr__(self, name: str) -> list[int]:
        """Token offsets, computed on first use (many claims need none): ``fstarts``/``fends``
        in the folded string, ``starts``/``ends`` in the original text."""
        if name not in ("fstarts", "fends", "starts", "ends"):
            raise AttributeError(name)
        ms, pos = self._ms, self.pos
        self.fstarts = fstarts = list(map(_START, ms))
        self.fends = fends = list(map(_END, ms))
        if isinstance(pos, range):
            self.starts = list(map(add, fstarts, repeat(self._start)))
            self.ends = list(map(add, fends, repeat(self._start)))
        else:
            self.starts = list(map(pos.__getitem__, fstarts))
            self.ends = list(map(add, map(pos.__getitem__, map(sub, fends, repeat(1))), repeat(1)))
        return getattr(self, name)

    # -- helpers
    def orig(self, i: int, j: int | None = None) -> str:
        j = i if j is None else j
        return self.text[self.starts[i]:self.ends[j]]

    def word(self, i: int) -> str:
        return self.texts[i] if 0 <= i < len(self.texts) else ""

    def adjacent(self, i: int) -> bool:
        """Token ``i`` touches token ``i + 1`` (no space between)."""
        return self.fends[i] == self.fstarts[i + 1]

    def with_cat(self, mask: int) -> list[int]:
        """Candidate tokens that may start an entry of a category in ``mask`` (see
        :func:`_cat_mask`); the others cannot match one."""
        if not self.any_mask & mask:
            return []
        return [i for i, m in zip(self.cands, self.cand_masks) if m & mask]

    def find(self, i: int, cat: str, maxn: int = 99) -> tuple[Any, int, int] | None:
        """Longest lexicon entry of ``cat`` starting at token ``i``: (value, end token, prefix len)."""
        info = self.infos[i]
        if info is None:
            return None
        top = info.top.get(cat, 0)
        if not top:
            return None
        if (top == 1 or maxn == 1) and cat != "ent":  # one token: precomputed per word
            hit = info.single.get(cat)
            return None if hit is None else (hit[0], i + 1, hit[1])
        heads = info.heads
        gaz, texts = self.lex.gaz, self.texts
        top = min(top, maxn, len(texts) - i)
        for n in range(top, 0, -1):
            rest = tuple(texts[i + 1:i + n])
            for form, plen in heads:
                slot = gaz.get((form, *rest))
                if slot is not None and cat in slot:
                    if cat == "ent" and not self._case_ok((form, *rest), i):
                        continue
                    return slot[cat], i + n, plen
        return None

    def _case_ok(self, key: tuple[str, ...], i: int) -> bool:
        rule = self.lex.case.get(key)
        if rule is None:
            return True
        for k, need in enumerate(rule):
            s = self.orig(i + k)
            if need == 2 and not s.isupper() or need == 1 and not s[:1].isupper():
                return False
        return True

    def free(self, i: int, j: int) -> bool:
        return not any(self.used[i:j])

    def take(self, i: int, j: int) -> None:
        for k in range(i, j):
            self.used[k] = True

    def span(self, i: int, j: int, plen: int = 0) -> tuple[int, int, str]:
        """Original (start, end, text) of tokens i..j-1, skipping a folded prefix of ``plen``."""
        start = self.starts[i]
        if plen:
            start = self.pos[self.fstarts[i] + plen]
        end = self.ends[j - 1]
        while end < len(self.text) and self.text[end] in _MARKS:  # keep a final vowel mark
            end += 1
        return start, end, self.text[start:end]


# ----------------------------------------------------------------------------- dates


def _valid(year: int | None, month: int | None, day: int | None) -> bool:
    if month is None or not 1 <= month <= 12:
        return False
    if day is None:
        return True
    try:
        datetime.date(year or 2000, month, day)  # 2000 is a leap year: 29 Feb allowed
    except ValueError:
        return False
    return True


def _shift(date: datetime.date, days: int) -> datetime.date | None:
    try:
        return date + datetime.timedelta(days=days)
    except OverflowError:
        return None


def _shift_iso(date: datetime.date, days: int) -> str | None:
    shifted = _shift(date, days)
    return shifted.isoformat() if shifted else None


def _resolve(sc: _Scan, year: int | None, month: int, day: int) -> str | None:
    """ISO date; a missing year comes from the article date (the previous year if that is
    more than a month in the future: "21 December" in a January article)."""
    if year is None:
        if sc.date is None:
            return None
        year = sc.date.year
        try:
            if datetime.date(year, month, day) > (_shift(sc.date, 31) or datetime.date.max):
                year -= 1
        except ValueError:
            return None
    try:
        return datetime.date(year, month, day).isoformat()
    except ValueError:
        return None


def _add_date(sc: _Scan, i: int, j: int, *, month: int | None = None, day: int | None = None,
              year: int | None = None, weekday: str | None = None, iso: str | None = None,
              plen: int = 0) -> None:
    if iso is None and month and day:
        iso = _resolve(sc, year, month, day)
    if iso:
        d = datetime.date.fromisoformat(iso)
        month, day, weekday = d.month, d.day, weekday or _WEEKDAYS[d.weekday()]
    start, end, text = sc.span(i, j, plen)
    sc.facts.dates.append({"text": text, "start": start, "end": end, "iso": iso, "month": month,
                           "day": day, "year": year, "weekday": weekday})
    sc.take(i, j)


def _weekday_iso(date: datetime.date | None, name: str, mode: int) -> str | None:
    """The weekday ``name`` relative to ``date``: the latest on or before it (mode 0), strictly
    before it ("last Tuesday", mode -1), or strictly after it ("next Tuesday", mode 1)."""
    if date is None:
        return None
    target = _WEEKDAYS.index(name)
    if mode == 1:
        return _shift_iso(date, (target - date.weekday()) % 7 or 7)
    back = (date.weekday() - target) % 7
    if mode == -1 and back == 0:
        back = 7
    return _shift_iso(date, -back)


def _int_tok(sc: _Scan, i: int, lo: int, hi: int) -> int | None:
    if 0 <= i < len(sc.texts) and sc.kinds[i] == "n" and sc.texts[i].isdigit() and not sc.used[i]:
        v = int(sc.texts[i])
        if lo <= v <= hi:
            return v
    return None


def _month_at(sc: _Scan, i: int) -> tuple[int, int, int] | None:
    """(month, end token, prefix) if a month name starts at ``i`` (context rules applied)."""
    if sc.used[i] or sc.kinds[i] != "w":
        return None
    hit = sc.find(i, "month", 2)
    if hit is None:
        hit = sc.find(i, "mabbr", 1)
        if hit is None:
            return None
        nxt = i + 1 < len(sc.texts) and (sc.word(i + 1) == "." or sc.kinds[i + 1] == "n")
        if not nxt or not sc.orig(i)[:1].isupper():
            return None
        if sc.word(i + 1) == ".":
            hit = (hit[0], i + 2, hit[2])
    month, j, plen = hit
    w = sc.word(i)
    if not _is_arabic(w):
        if not sc.orig(i)[:1].isupper():
            return None
    if w[plen:] in sc.lex.ambiguous_months and not _month_context(sc, i, j, strong=True):
        return None
    return month, j, plen


def _month_context(sc: _Scan, i: int, j: int, *, strong: bool) -> bool:
    """A day number before, a year or day after, or a cue word like ``شهر`` / ``in`` before."""
    if _int_tok(sc, i - 1, 1, 31) is not None or _int_tok(sc, j, 1, 31) is not None:
        return True
    if _int_tok(sc, j, 1900, 2100) is not None or (sc.word(j) == "," and _int_tok(sc, j + 1, 1900, 2100)):
        return True
    if sc.word(i - 1) in sc.lex.day_of and _int_tok(sc, i - 2, 1, 31) is not None:
        return True
    if sc.word(i - 1) in ("/", "(") or sc.word(j) in ("/", "("):
        return True
    return sc.word(i - 1) in (sc.lex.strong_month_cues if strong else sc.lex.month_cues)


def _scan_dates(sc: _Scan) -> None:
    lex = sc.lex
    # numeric dates first: 2023-11-21, 21/11/2023
    by_start: dict[int, int] = {}
    by_end: dict[int, int] = {}
    for rx in (_ISO_DATE, _NUM_DATE, _TIME) if len(sc.nums) > 1 else ():
        for m in rx.finditer(sc.folded):
            if not by_start:
                by_start = dict(zip(sc.fstarts, count()))
                by_end = dict(zip(sc.fends, count(1)))
            i, j = by_start.get(m.start()), by_end.get(m.end())
            if i is None or j is None or not sc.free(i, j):
                continue
            if rx is _TIME:
                sc.take(i, j)  # clock times are neither quantities nor dates
                continue
            if rx is _ISO_DATE:
                y, mo, d = int(m.group(1)), int(m.group(2)), int(m.group(3))
            else:
                a, b, y = int(m.group(1)), int(m.group(3)), int(m.group(4))
                y += 2000 if y < 100 else 0
                mo, d = (a, b) if sc.lang == "en" else (b, a)  # US month-first, else day-first
                if mo > 12 >= d:
                    d, mo = mo, d
            if _valid(y, mo, d):
                _add_date(sc, i, j, month=mo, day=d, year=y)

    skip_to = 0
    for i in sc.with_cat(_M_MONTH):
        if i < skip_to:
            continue
        hit = _month_at(sc, i)
        if hit is None:
            continue
        month, j, plen = hit
        first, last = i, j  # token range of the date
        day = year = None
        # day before: "21 November", "21 من نوفمبر", "the 21st of November"
        k = i - 1
        if sc.word(k) in lex.day_of:
            k -= 1
        if sc.word(k) in lex.ordinals and k - 1 >= 0 and sc.adjacent(k - 1):
            k -= 1
        d = _int_tok(sc, k, 1, 31)
        if d is not None and (k == i - 1 or sc.word(i - 1) in lex.day_of or sc.word(k + 1) in lex.ordinals):
            day, first = d, k
            plen = 0
        # alternative month name: "نوفمبر/تشرين الثاني", "أكتوبر (تشرين الأول)"
        if sc.word(last) in ("/", "(") and last + 1 < len(sc.texts):
            alt = sc.find(last + 1, "month", 2)
            if alt is not None and alt[0] == month:
                last = alt[1]
                if sc.word(last) == ")":
                    last += 1
        # day after: "November 21", "November 21st"
        if day is None:
            d = _int_tok(sc, last, 1, 31)
            clock = sc.word(last + 1) in (":", ".") and _int_tok(sc, last + 2, 0, 59) is not None
            if d is not None and not clock:
                day = d
                last += 1
                if sc.word(last) in lex.ordinals and sc.adjacent(last - 1):
                    last += 1
        # year: "November 21, 2023", "21 نوفمبر 2023", "نوفمبر من العام 2023"
        k = last
        if sc.word(k) == ",":
            k += 1
        skipped = 0
        while sc.word(k) in lex.year_fillers and skipped < 2:
            k += 1
            skipped += 1
        y = _int_tok(sc, k, 1900, 2100)
        if y is not None:
            year, last = y, k + 1
        # weekday just before: "Tuesday, November 21", "الثلاثاء 21 نوفمبر"
        weekday = None
        k = first - 1
        if sc.word(k) in (",", "،"):
            k -= 1
        if k >= 0 and not sc.used[k]:
            for s in range(max(0, k - 1), k + 1):
                wd = sc.find(s, "wday", 2)
                if wd is not None and wd[1] == k + 1:
                    weekday, first, plen = wd[0], s, wd[2]
                    break
        if day is not None and not _valid(year, month, day):
            skip_to = last
            continue
        _add_date(sc, first, last, month=month, day=day, year=year, weekday=weekday, plen=plen)
        skip_to = last

    # weekdays on their own, resolved against the article date
    kinds = sc.kinds
    for i in sc.with_cat(_M_WDAY):
        if sc.used[i] or kinds[i] != "w":
            continue
        hit = sc.find(i, "wday", 2)
        if hit is None:
            rel = sc.find(i, "rel", 2)
            if rel is not None:
                offset, j, plen = rel
                iso = _shift_iso(sc.date, offset) if sc.date else None
                _add_date(sc, i, j, iso=iso, plen=plen)
            continue
        name, j, plen = hit
        if not _is_arabic(sc.word(i)) and not sc.orig(i)[:1].isupper():
            continue
        mode, first, last = 0, i, j
        if sc.word(i - 1) in sc.lex.last_before and not sc.used[i - 1]:
            mode, first, plen = -1, i - 1, 0
        elif sc.word(i - 1) in sc.lex.next_before and not sc.used[i - 1]:
            mode, first, plen = 1, i - 1, 0
        if j < len(sc.texts) and not sc.used[j]:
            if sc.word(j) in sc.lex.last_after:
                mode, last = -1, j + 1
            elif sc.word(j) in sc.lex.next_after:
                mode, last = 1, j + 1
        _add_date(sc, first, last, weekday=name, iso=_weekday_iso(sc.date, name, mode), plen=plen)

    # bare years after a cue: "in 2019", "عام 2019"
    for i in sc.nums:
        if not sc.used[i] and sc.word(i - 1) in lex.year_cues:
            y = _int_tok(sc, i, 1900, 2100)
            if y is not None and len(sc.texts[i]) == 4 and (i + 1 >= len(sc.texts) or sc.find(i + 1, "unit") is None):
                _add_date(sc, i, i + 1, year=y)


# ----------------------------------------------------------------------------- entities


def _add_entity(sc: _Scan, i: int, j: int, key: str, etype: str, plen: int = 0) -> None:
    start, end, text = sc.span(i, j, plen)
    sc.facts.entities.append({"text": text, "start": start, "end": end, "key": key, "type": etype})
    sc.take(i, j)
    sc.entity_end[i] = j


def _scan_table_entities(sc: _Scan) -> None:
    skip_to = 0
    kinds = sc.kinds
    for i in sc.with_cat(_M_ENT):
        if i < skip_to or sc.used[i] or kinds[i] != "w":
            continue
        hit = sc.find(i, "ent")
        if hit is not None and sc.free(i, hit[1]):
            (key, etype), j, plen = hit
            skip_to = j
            if not _longer_name(sc, i, j):  # "New York" in "The New York Times"
                _add_entity(sc, i, j, key, etype, plen)


def _longer_name(sc: _Scan, i: int, j: int) -> bool:
    """A Latin table match that is only part of a longer capitalised name."""
    if _is_arabic(sc.texts[i]) or j >= len(sc.texts) or not _capitalised(sc, j):
        return False
    return sc.texts[j] not in sc.lex.generic_suffixes and sc.orig(i, j - 1) != sc.orig(i, j - 1).upper()


def _model_number(sc: _Scan, k: int) -> tuple[str, int] | None:
    """The number part of a model name at token ``k`` (after an optional hyphen): (digits, end)."""
    hyphen = sc.word(k) == "-"
    if hyphen:
        k += 1
    if k < len(sc.texts) and sc.kinds[k] == "n" and sc.texts[k].isdigit() and len(sc.texts[k]) <= 4:
        end = k + 1
        suffix = ""
        if end < len(sc.texts) and sc.adjacent(k) and sc.kinds[end] == "w" and len(sc.texts[end]) == 1:
            suffix, end = sc.texts[end], end + 1  # AC-130J
        return sc.texts[k] + suffix, end
    return None


def _scan_models(sc: _Scan) -> None:
    """Designations like AC-130, F-16, MQ-9, S-400 and their Arabic spellings (إيه سي 130)."""
    if not sc.nums:
        return  # every model name has a number
    lex, kinds, texts, infos = sc.lex, sc.kinds, sc.texts, sc.infos
    # Arabic names start with a letter name; Latin ones with a capital (all in ``caps`` when the
    # claim has an ASCII letter)
    if sc.has_ascii:
        latin = sc.caps
    elif _OTHER_LETTER.search(sc.folded):
        latin = [i for i in sc.cands if not _is_arabic(texts[i])]
    else:
        latin = []
    starts = sc.with_cat(_M_LETTER)
    for i in sorted({*starts, *latin}) if latin else starts:
        if sc.used[i] or kinds[i] != "w":
            continue
        if _is_arabic(texts[i]):
            info = infos[i]
            if info is None or "letter" not in info.top:
                continue  # an Arabic model name starts with a letter name
            letters, k = [], i
            while k < len(sc.texts) and len(letters) < 3 and not sc.used[k]:
                hit = sc.find(k, "letter", 1)
                if hit is None or hit[2]:
                    break
                letters.append((sc.texts[k], hit[0]))
                k += 1
            if not letters or letters[0][0] in lex.letter_not_first:
                continue
            num = _model_number(sc, k)
            if num is None:
                continue
            if len(letters) == 1 and not (
                    letters[0][0] in lex.letter_single and (sc.word(k) == "-" or len(num[0]) >= 2)):
                continue
            key = "".join(b for _, b in letters).replace("p", "b") + "-" + num[0]
        else:
            if sc.fends[i] - sc.fstarts[i] > 4 or not sc.text[sc.starts[i]].isupper():
                continue
            surface = sc.orig(i)
            if not (1 <= len(surface) <= 4 and surface[:1].isupper() and surface.isalpha()):
                continue
            k = i + 1
            hyphen = sc.word(k) == "-" and sc.adjacent(i)
            glued = k < len(sc.texts) and sc.kinds[k] == "n" and sc.adjacent(i)
            spaced = (k < len(sc.texts) and sc.kinds[k] == "n" and surface.isupper() and len(surface) >= 2
                      and len(sc.texts[k]) >= 2)
            if not (hyphen or glued or spaced):
                continue
            if not surface.isupper() and not hyphen:
                continue
            num = _model_number(sc, k)
            if num is None or (hyphen and not sc.adjacent(k)):
                continue
            key = texts[i].replace("p", "b") + "-" + num[0]
        j = num[1]
        if not sc.free(i, j):
            continue
        _add_entity(sc, i, j, key, "thing")


def _nisba(word: str) -> bool:
    return word.startswith("ال") and (word.endswith("يه") or word.endswith("يين") or word.endswith("يون"))


def _name_key(sc: _Scan, surface: str) -> str:
    """Table key, else ``~`` + transliteration skeleton (the folded name when that is too short)."""
    s = skeleton(surface, sc.lex.latin_articles)
    if len(s) < 3:
        return "~" + " ".join(w[2:] if w.startswith("ال") and len(w) >= 5 else w for w in _fold(surface).split())
    return sc.lex.skeleton_keys.get(s) or "~" + s


def hit_form(sc: _Scan, i: int, hit: tuple[Any, int, int]) -> str:
    """The lexicon form a one-token ``find`` hit matched (prefixes and article removed)."""
    for form, plen in sc.infos[i].heads:
        if plen == hit[2] and sc.lex.gaz.get((form,), {}).get("pcue") == hit[0]:
            return form
    return sc.texts[i]


def _scan_arabic_places(sc: _Scan) -> None:
    """Names after place cues: قاعدة حرير، مدينة الصدر، محافظة صلاح الدين."""
    lex = sc.lex
    for i in sc.with_cat(_M_PCUE):
        if sc.kinds[i] != "w" or not _is_arabic(sc.texts[i]):
            continue
        hit = sc.find(i, "pcue", 1)
        if hit is None:
            continue
        form = hit_form(sc, i, hit)
        if sc.texts[i][hit[2]:].startswith("ال") and not _fold(form).startswith("ال"):
            continue  # "المستشفى" refers back; a name follows the bare noun (مستشفى الكندي)
        if sc.word(i - 1) in lex.cue_blockers.get(form, ()):
            continue  # عن طريق، خارطة طريق
        gender = hit[0]
        j = i + 1
        # a definite cue takes definite adjectives before the name (العاصمة العراقية بغداد); after a
        # bare cue (construct state) the next word is already the name (محافظة السليمانية)
        if form.startswith("ال"):
            while j < len(sc.texts) and j < i + 3 and sc.kinds[j] == "w" and _nisba(sc.texts[j]):
                j += 1
        if j >= len(sc.texts) or sc.used[j] or sc.kinds[j] != "w" or not _is_arabic(sc.texts[j]):
            continue
        w = sc.texts[j]
        if w in lex.name_stop or sc.find(j, "pcue", 1) is not None or len(w) < 2:
            continue
        if not w.startswith("ال") and (w.endswith("يه") or w.endswith("يين") or gender == "m" and w.endswith("ي")):
            continue  # an adjective: قاعدة أميركية، حي سكني
        if sc.word(j + 1) in lex.verb_markers:
            continue  # a verb opening a relative clause: قرية يسيطر عليها
        if sc.find(j, "unit", 1) is not None and not w.startswith("ال"):
            continue
        k = j + 1
        if k < len(sc.texts) and sc.kinds[k] == "w" and _is_arabic(sc.texts[k]) and not sc.used[k]:
            nxt = sc.texts[k]
            if nxt not in lex.name_stop and not _nisba(nxt) and (
                    w in lex.name_heads or (not w.startswith("ال") and nxt.startswith("ال") and not nxt.endswith("ي"))):
                k += 1
        if not sc.free(j, k):
            continue
        start, end, text = sc.span(j, k)
        hit2 = sc.find(i, "ent")
        key = hit2[0][0] if hit2 and hit2[1] == k else _name_key(sc, text)
        _add_entity(sc, j, k, key, "place")


def _capitalised(sc: _Scan, i: int) -> bool:
    if sc.kinds[i] != "w":
        return False
    if sc.text[sc.starts[i]].isupper():
        return True
    return "-" in sc.texts[i] and any(p[:1].isupper() for p in sc.orig(i).split("-")[1:])


def _sentence_start(sc: _Scan, i: int) -> bool:
    if i == 0:
        return True
    prev = sc.texts[i - 1]
    if "\n" in sc.text[sc.ends[i - 1]:sc.starts[i]]:
        return True
    if prev in _SENTENCE_PUNCT or prev in ("'", '"'):
        if prev == "." and i >= 2 and (sc.word(i - 2) in sc.lex.titles or len(sc.word(i - 2)) == 1):
            return False
        return True
    return False


def _scan_latin_names(sc: _Scan) -> None:
    """Runs of capitalised words: Ain al-Asad, Kataib Hezbollah, Department of Defense."""
    lex = sc.lex
    skip_to = 0
    for i in sc.caps:
        if i < skip_to or sc.used[i] or sc.orig(i) == "I":
            continue
        initial = _sentence_start(sc, i)
        j = i + 1
        while j < len(sc.texts) and not sc.used[j] and "\n" not in sc.text[sc.ends[j - 1]:sc.starts[j]]:
            if _capitalised(sc, j) and sc.texts[j] not in lex.en_stop:  # headlines: "Clinton Was Headed"
                j += 1
            elif (sc.texts[j] in lex.connect_names and j + 1 < len(sc.texts) and _capitalised(sc, j + 1)
                  and not sc.used[j + 1]):
                j += 2
            else:
                break
        a = i
        while a < j and (sc.texts[a] in lex.en_stop or sc.texts[a] in lex.titles):
            a += 1
        b = j
        while b > a and sc.texts[b - 1] in lex.connect_names:
            b -= 1
        words = sc.texts[a:b]
        if a < b and not (initial and a == i and b - a == 1) and not all(w in lex.en_stop for w in words):
            start, end, text = sc.span(a, b)
            _add_entity(sc, a, b, _name_key(sc, text), "name")
        skip_to = j


# ----------------------------------------------------------------------------- numbers


def _number_value(sc: _Scan, i: int, alone: bool = True) -> tuple[float, bool, int, int] | None:
    """(value, is_multiplier, end token, prefix length) of a number or number word at ``i``.

    Plural multipliers (آلاف، ملايين) count only after a number (``alone=False``)."""
    if sc.used[i]:
        return None
    kind, text = sc.kinds[i], sc.texts[i]
    if kind == "n":
        if (sc.lang == "ar" or text.count(".") > 1) and _DOT_THOUSANDS.fullmatch(text):
            return float(text.replace(".", "")), False, i + 1, 0  # 10.000 in Arabic copy
        return float(text.replace(",", "")), False, i + 1, 0
    if kind != "w":
        return None
    if "-" in text and not _is_arabic(text):  # twenty-five
        parts = text.split("-")
        vals = [sc.lex.gaz.get((p,), {}).get("num") for p in parts]
        if all(v is not None for v in vals) and len(vals) == 2 and vals[0] % 10 == 0 and vals[0] >= 20 and vals[1] < 10:
            return float(vals[0] + vals[1]), False, i + 1, 0
        return None
    for cat, mult in (("mult", True), ("pmult", True), ("num", False)):
        if cat == "pmult" and alone:
            continue
        hit = sc.find(i, cat, 1)
        if hit is not None:
            return float(hit[0]), mult, i + 1, hit[2]
    return None


def _scan_numbers(sc: _Scan) -> None:
    lex = sc.lex
    skip_to = 0
    texts = sc.texts
    indefinite, hyphen = lex.indefinite, "-" in sc.folded
    # a dozen, twenty-five
    words = sc.words
    extra = []
    if sc.has_ascii or not lex.indefinite_ascii:  # (the indefinite words are Latin)
        extra = list(compress(words, map(indefinite.__contains__, map(texts.__getitem__, words))))
    if hyphen:
        extra += compress(words, map(contains, map(texts.__getitem__, words), repeat("-")))
    starts = {*sc.with_cat(_M_NUMBER), *sc.nums, *extra}
    for i in sorted(starts) if starts else ():
        kind, text = sc.kinds[i], texts[i]
        if i < skip_to or sc.used[i] or kind == "p":
            continue
        first = _number_value(sc, i)
        if first is None:
            # أحد/إحدى: "one" in teens (أحد عشر) or before a definite noun (أحد الجنود)
            hit = sc.find(i, "rnum", 1) if kind == "w" else None
            if hit is not None and i + 1 < len(sc.texts) and not sc.used[i + 1]:
                nxt = sc.texts[i + 1]
                if nxt in lex.teens:
                    first = (11.0, False, i + 2, hit[2])
                elif sc.kinds[i + 1] == "w" and (nxt.startswith("ال") or sc.find(i + 1, "unit", 1)):
                    first = (1.0, False, i + 1, hit[2])  # أحد الجنود، أحد ركاب السيارة
            elif text in lex.indefinite and i + 1 < len(sc.texts) and sc.find(i + 1, "mult", 1) is not None:
                first = (1.0, False, i + 1, 0)
            if first is None:
                continue
        elif kind == "w":
            if text == "one" and (sc.word(i - 1) in lex.one_before or sc.word(i + 1) in lex.one_after):
                continue
        elif kind == "n" and i + 1 < len(sc.texts) and sc.word(i + 1) in lex.ordinals and sc.adjacent(i):
            skip_to = i + 2  # 3rd, 21st: ordinals are not quantities
            continue
        items: list[tuple[float, bool]] = [(first[0], first[1])]
        j, plen = first[2], first[3]
        # Arabic teens: ثلاثة عشر
        if not first[1] and 1 <= first[0] <= 9 and j < len(sc.texts) and sc.texts[j] in lex.teens and kind == "w":
            items = [(first[0] + 10, False)]
            j += 1
        while j < len(sc.texts):
            conn = 0
            if sc.texts[j] in lex.connectors and j + 1 < len(sc.texts):
                conn = 1
            elif sc.kinds[j] == "w" and sc.texts[j].startswith("و") and _is_arabic(sc.texts[j]):
                hit = sc.find(j, "num", 1) or sc.find(j, "mult", 1)
                if hit is not None and hit[2] == 1:
                    conn = -1  # و glued to the next number word: وعشرون
            k = j + conn if conn > 0 else j
            nxt = _number_value(sc, k, alone=False)
            if nxt is None:
                break
            value, mult, end, _ = nxt
            prev_value, prev_mult = items[-1]
            if mult:
                ok = not prev_mult or value > prev_value
            elif conn:
                ok = any(m for _, m in items) or (prev_value < 10 and 20 <= value <= 90 and value % 10 == 0)
                ok = ok and value < min((v for v, m in items if m), default=float("inf"))
            else:
                ok = (sc.kinds[k] == "w" and not _is_arabic(sc.texts[k]) and 20 <= prev_value <= 90
                      and prev_value % 10 == 0 and value < 10 and not prev_mult)
            if not ok:
                break
            items.append((value, mult))
            j = end
        total = cur = 0.0
        for value, mult in items:
            if mult and value >= 1000:
                total += (cur or 1) * value
                cur = 0
            elif mult:
                cur = (cur or 1) * value
            else:
                cur += value
        total += cur
        if not math.isfinite(total):
            sc.take(i, j)
            skip_to = j
            continue
        value_out: int | float = int(total) if total == int(total) else total
        # unit: "8 soldiers", "ثمانية من الجنود", "30 كم", "$5 million", "10%"
        unit = None
        if i > 0 and sc.texts[i - 1] in lex.currency and sc.adjacent(i - 1):
            unit = lex.currency[sc.texts[i - 1]]
        k, skipped = j, 0
        while unit is None and k < len(sc.texts) and skipped <= 3:
            if sc.used[k]:
                ent = sc.entity_end.get(k)
                if ent is None or skipped:
                    break
                k, skipped = ent, skipped + 1
                continue
            hit = sc.find(k, "unit")
            if hit is not None:
                unit = hit[0]
                sc.take(k, hit[1])  # "في المئة" is a unit, not the number 100
                break
            if sc.texts[k] in lex.unit_skip or (
                    skipped < 1 and sc.kinds[k] == "w" and sc.text[sc.starts[k]].isupper()):  # 8 Kurdish fighters
                k += 1
                skipped += 1
                continue
            break
        if unit is None and value_out in (1, 2) and kind == "w" and i > 0 and _is_arabic(text):
            hit = sc.find(i - 1, "unit", 1)  # جندي واحد، صاروخين اثنين
            if hit is not None and hit[1] == i:
                unit = hit[0]
        if unit is None and j == i + 1 and kind == "n" and len(text) == 4 and 1900 <= value_out <= 2099:
            _add_date(sc, i, j, year=int(value_out))  # a bare 4-digit 19xx/20xx is a year
        else:
            _add_number(sc, i, j, value_out, unit, plen)
        skip_to = j
    _scan_duals(sc)
    if sc.any_mask & _M_SINGLE:
        _scan_singulars(sc)
    if len(sc.number_ends) > 1:
        _inherit_units(sc)


def _add_number(sc: _Scan, i: int, j: int, value: int | float, unit: str | None, plen: int = 0) -> None:
    start, end, text = sc.span(i, j, plen)
    event = unit if unit in sc.lex.event_units else _event_near(sc, i, j)
    fact = {"value": value, "text": text, "start": start, "end": end, "unit": unit, "event": event}
    sc.facts.numbers.append(fact)
    sc.number_ends.append((fact, j))
    sc.number_tokens.update(range(i, j))
    sc.take(i, j)


def _event_near(sc: _Scan, i: int, j: int) -> str | None:
    """What happened to the counted: the nearest event word (قتل، أصيب، killed, wounded) within
    three tokens before the number or four after it, not across "and" or a comma."""
    texts, stops = sc.texts, _EVENT_STOPS
    ahead = []
    for k in range(j, min(j + 4, len(texts))):
        if texts[k] in stops:
            break
        ahead.append(k)
    behind = []
    for k in range(i - 1, max(i - 4, -1), -1):
        if texts[k] in stops:
            break
        behind.append(k)
    for d in range(4):
        for side in (ahead, behind):
            if d < len(side) and sc.infos[side[d]] is not None:
                hit = sc.find(side[d], "event", 1)
                if hit is not None:
                    return hit[0]
    return None


_EVENT_STOPS = frozenset({"and", "or", "but", "while", "whereas", ",", ";", "،", ".", "و", "بينما", "فيما"})


def _scan_singulars(sc: _Scan) -> None:
    """One, said with a bare noun next to an event: شخصا قتل، مقتل مدني، "a soldier was killed"."""
    lex = sc.lex
    for i in sc.with_cat(_M_SINGLE):
        if sc.used[i]:
            continue
        hit = sc.find(i, "single", 1)
        if hit is None:
            continue
        word = sc.texts[i]
        if _is_arabic(word):
            if word[hit[2]:].startswith("ال") or i - 1 in sc.number_tokens or i + 1 in sc.number_tokens:
                continue  # الشخص refers back; 11 جنديا and جندي واحد are counted already
            near = [k for k in (i - 1, i + 1) if 0 <= k < len(sc.texts) and sc.find(k, "event", 1)]
            if near:
                _add_number(sc, i, i + 1, 1, hit[0], hit[2])
        elif i > 0 and sc.texts[i - 1] in lex.indefinite and not sc.used[i - 1]:
            if any(sc.find(k, "event", 1) for k in range(i + 1, min(i + 4, len(sc.texts))) if sc.infos[k] is not None):
                _add_number(sc, i - 1, i + 1, 1, hit[0])


def _inherit_units(sc: _Scan) -> None:
    """"قتل شخص وأصيب ثلاثة آخرون", "two died and three others": the others are of the same kind."""
    prev_unit = None
    for fact, j in sorted(sc.number_ends, key=lambda fj: fj[0]["start"]):
        if fact["unit"] is None and prev_unit and sc.word(j) in sc.lex.others:
            fact["unit"] = prev_unit
        prev_unit = fact["unit"] or prev_unit


def _scan_duals(sc: _Scan) -> None:
    """Arabic duals count two: قتيلين = two killed, منشأتين = two facilities."""
    texts, kinds, used, words = sc.texts, sc.kinds, sc.used, sc.words
    for i in compress(words, map(_dual_hit, map(texts.__getitem__, words))):
        if used[i]:
            continue
        hit = _dual_hit(texts[i])
        if not (i > 0 and used[i - 1] and kinds[i - 1] == "n"):
            _add_number(sc, i, i + 1, 2, hit[0], hit[1])


_DUAL_ENDINGS = ("ين", "ان")


class _DualCache(dict):
    """word -> (unit, prefix length) of the first of its forms that is a known dual, or None
    (bounded)."""

    def __missing__(self, word: str) -> tuple[str, int] | None:
        hit = None
        if word.endswith(_DUAL_ENDINGS) and _is_arabic(word):
            duals = _lex().duals
            for form, plen in _dual_forms(word):
                unit = duals.get(form)
                if unit is not None:
                    hit = unit, plen
                    break
        if len(self) < 100_000:
            self[word] = hit
        return hit


_dual_hit = _DualCache().__getitem__


def _dual_forms(word: str) -> tuple[tuple[str, int], ...]:
    out = [(word, 0)]
    for p in ("و", "ب", "ل", "وب", "ول", "ف", "ال", "وال", "بال", "لل"):
        if word.startswith(p) and len(word) - len(p) >= 4:
            out.append((word[len(p):], 0 if p.endswith("ال") or p == "لل" else len(p)))
    return tuple(out)


# ----------------------------------------------------------------------------- entry point


def extract_facts(
    text: str, start: int, end: int, *, lang: str, date: datetime.date | None = None
) -> Facts:
    """Facts of the claim ``text[start:end]``; every offset is into the full ``text``.

    ``lang`` ("ar"/"en") settles ambiguous numeric dates (11/12/2023); ``date`` is the
    article's date, used to resolve weekdays, "yesterday" and years left out.
    """
    start = max(0, min(start, len(text)))
    end = max(start, min(end, len(text)))
    sc = _Scan(text, start, end, lang, date)
    if not sc.texts:
        return sc.facts
    # each pass runs only when something it looks at is in the claim
    mask = sc.any_mask
    if sc.nums or mask & _M_DATE:
        _scan_dates(sc)
    if mask & _M_ENT:
        _scan_table_entities(sc)
    if sc.nums:
        _scan_models(sc)
    _scan_numbers(sc)
    if mask & _M_PCUE:
        _scan_arabic_places(sc)
    if sc.caps:
        _scan_latin_names(sc)
    for items in (sc.facts.numbers, sc.facts.dates, sc.facts.entities):
        if len(items) > 1:
            items.sort(key=_BY_START)
    return sc.facts
