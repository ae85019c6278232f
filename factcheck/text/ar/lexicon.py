"""Arabic tokens and the compiled Arabic lexicon (``lexicons/ar.json``) used by attribution.

Tokens keep code-point offsets into the original text; their ``key`` is the folded form that
lexicon look-ups use (the same folding as :func:`factcheck.text.normalize.fold`, per word).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from itertools import repeat
from operator import add
from typing import NamedTuple

from factcheck.text.lexicon import load_lexicon

_AR = "\u0621-\u063a\u0641-\u064a\u0660-\u0669\u066e-\u06d3\u06d5\u06fa-\u06ff\u0610-\u061a\u064b-\u065f\u0670\u0640\u06d6-\u06ed\u0750-\u077f\u08a0-\u08ff\ufb50-\ufdff\ufe70-\ufefc"
#: Arabic words, other words, single punctuation marks.  A hashtag's "#" and the "_" joining
#: its words (#الجيش_اليوناني in scraped copy) are not tokens: the words read as a phrase.
TOKEN_RE = re.compile(f"[{_AR}]+|[^\\W_{_AR}]+|[^\\s\\w#]")

_KEY_TABLE = str.maketrans(
    {
        **{c: None for c in "\u0640\u0670" + "".join(chr(x) for x in range(0x064B, 0x0660))},
        **{c: None for c in "".join(chr(x) for x in range(0x0610, 0x061B))},
        **{c: None for c in "".join(chr(x) for x in range(0x06D6, 0x06EE))},
        "أ": "ا", "إ": "ا", "آ": "ا", "ٱ": "ا", "ٲ": "ا", "ٳ": "ا",
        "ة": "ه", "ى": "ي", "ی": "ي", "ک": "ك", "ؤ": "و", "ئ": "ي",
        "٠": "0", "١": "1", "٢": "2", "٣": "3", "٤": "4", "٥": "5", "٦": "6", "٧": "7", "٨": "8", "٩": "9",
        "۰": "0", "۱": "1", "۲": "2", "۳": "3", "۴": "4", "۵": "5", "۶": "6", "۷": "7", "۸": "8", "۹": "9",
        "\u200c": None, "\u200d": None, "\u200e": None, "\u200f": None,
    }
)


class _KeyCache(dict):
    """word -> key, filled on first use (bounded)."""

    def __missing__(self, word: str) -> str:
        k = word.translate(_KEY_TABLE).casefold()
        if len(self) < 200_000:
            self[word] = k
        return k


_KEYS = _KeyCache()
#: The folded look-up form of one word.
key = _KEYS.__getitem__


class Tok(NamedTuple):
    """One token (a tuple: an article has thousands, and tuples are the cheapest to build)."""

    raw: str
    key: str
    word: bool  # a word (not punctuation)
    arabic: bool
    s: int
    e: int


class _RawCache(dict):
    """token text -> (raw, key, word, arabic), the fields of a :class:`Tok` that depend on its
    text only (which alternative of ``TOKEN_RE`` matched it follows from its first character)."""

    def __missing__(self, raw: str) -> tuple[str, str, bool, bool]:
        arabic = _AR_CHAR.match(raw) is not None
        info = (raw, key(raw), arabic or _WORD_CHAR.match(raw) is not None, arabic)
        if len(self) < 200_000:
            self[raw] = info
        return info


_AR_CHAR = re.compile(f"[{_AR}]")
_WORD_CHAR = re.compile(r"\w")
_RAW_INFO = _RawCache().__getitem__


_GROUP, _SPAN = re.Match.group, re.Match.span


def tokenize(text: str, start: int = 0, end: int | None = None) -> list[Tok]:
    """Tokens of ``text[start:end]``: Arabic words, other words, single punctuation marks."""
    ms = list(TOKEN_RE.finditer(text, start, len(text) if end is None else end))
    fields = map(add, map(_RAW_INFO, map(_GROUP, ms)), map(_SPAN, ms))  # (raw, key, word, arabic, s, e)
    return list(map(tuple.__new__, repeat(Tok), fields))


DEF_PREFIXES = ("وال", "فال", "بال", "كال", "لل", "ال")


@lru_cache(maxsize=1 << 15)
def strip_def(k: str) -> str:
    """``k`` without the definite article (and a conjunction/preposition glued to it)."""
    for p in DEF_PREFIXES:
        if k.startswith(p) and len(k) - len(p) >= 2:
            return k[len(p):]
    return k


class _DefiniteCache(dict):
    """key -> whether it carries the definite article, filled on first use (bounded)."""

    def __missing__(self, k: str) -> bool:
        definite = k.startswith(("ال", "لل")) and len(k) > 3
        if len(self) < 200_000:
            self[k] = definite
        return definite


#: ``is_definite(k)``: whether key ``k`` carries the definite article (cached look-up).
is_definite = _DefiniteCache().__getitem__


@lru_cache(maxsize=1 << 15)
def stem(k: str) -> str:
    """A rough stem for comparing modifiers: no article, plural and nisba/feminine endings."""
    k = strip_def(k)
    for suf in ("يين", "يون", "يان", "يات", "يه", "ات", "ون", "ين", "ه"):
        if k.endswith(suf) and len(k) - len(suf) >= 2:
            k = k[: -len(suf)] + ("ي" if suf.startswith("ي") else "")
            break
    return k


def _keys(words) -> frozenset[str]:
    return frozenset(key(w) for w in words)


@dataclass(frozen=True)
class VerbForm:
    lemma: str
    group: str  # speech | announce | relay
    gender: str | None  # m | f | p | d | None
    participle: bool = False


class ArabicLexicon:
    """Look-up tables built once from ``ar.json``."""

    def __init__(self, data: dict):
        self.data = data
        self.verbs: dict[str, VerbForm] = {}
        self.conj_verbs: dict[str, tuple[VerbForm, int]] = {}  # conjunction-only forms (see conj_forms)
        for lemma, spec in data.get("cue_verbs", {}).items():
            group = spec.get("group", "speech")
            lk = key(lemma)
            told = lemma in data.get("informing_verbs", ())
            for form in spec.get("forms", []):
                k = key(form)
                # قالا، نفيا: the past dual; the lemma itself is the masculine past (لفت، تحدث)
                gender = "d" if k == lk + "ا" else "m" if k == lk else _verb_gender(k)
                self.verbs.setdefault(k, VerbForm(lemma, group, gender))
                if told:  # أبلغه، أخبروهم: verbs of telling carry their addressee as a suffix
                    stem_ = k[:-1] if k.endswith("وا") else k
                    if form.endswith("ى"):
                        stem_ = k[:-1] + "ا"  # نفى + ه = نفاه (نفيه is the verbal noun "his denial")
                    for suf in ("ه", "ها", "هم", "هما", "ني", "نا"):
                        self.verbs.setdefault(stem_ + suf, VerbForm(lemma, group, gender))
            for form in spec.get("conj_forms", []):
                # a form that is also a common noun (وصف "description"): a verb only with a
                # conjunction before it (ووصف، فوصف), where the noun would need a construct
                k = key(form)
                for c in "وف":
                    self.conj_verbs[c + k] = (VerbForm(lemma, group, "m" if k == lk else _verb_gender(k)), 1)
            for form in spec.get("participles", []):
                k = key(form)
                g = "f" if k.endswith("ه") else "m"
                self.verbs.setdefault(k, VerbForm(lemma, group, g, participle=True))
        blame = data.get("blame_verbs", {})
        self.blame_verbs = _keys(blame.get("forms", []))
        self.blame_objects = _keys(blame.get("objects", []))
        self.negations = _keys(data.get("negations", []))
        self.given_names = _keys(data.get("given_names", []))
        self.prep_pronouns = _keys(data.get("prepositional_pronouns", []))
        self.informing = frozenset(data.get("informing_verbs", []))
        self.statement_tail_verbs = _keys(data.get("statement_tail_verbs", []))
        self.background = _keys(w for w in data.get("background_formulas", []) if " " not in w)
        self.teasers = _keys(w for w in data.get("teasers", []) if " " not in w)
        self.complementizers = _keys(data.get("complementizers", []))
        self.qawl = _keys(data.get("qawl_forms", []))
        self.say_masdar = _keys(data.get("say_masdar", []))
        self.frames: dict[str, list[tuple[tuple[str, ...], str]]] = {}
        for fr in data.get("frames", []):
            words = tuple(key(w) for w in fr["words"])
            self.frames.setdefault(words[0], []).append((words, fr["type"]))
        for lst in self.frames.values():
            lst.sort(key=lambda x: -len(x[0]))
        #: words that open an "according to" frame on their own (بحسب، حسب، وفق، نقلا): the phrase
        #: after them is the source, so a subject before a verb never reaches back across them
        self.according_words = frozenset(
            w for w, lst in self.frames.items()
            if len(w) > 2 and any(typ in ("according", "according_verb", "relay") for _, typ in lst)
            and w not in ("علي", "في")
        )
        self.frame_noise = _keys(data.get("frame_noise", []))
        self.relay_verbs = _keys(data.get("relay_verbs", []))
        self.vague = _keys(data.get("vague_as", []))
        self.publish_verbs = _keys(data.get("publish_verbs", []))
        self.statement_nouns = _keys(data.get("statement_nouns", []))
        self.statement_frames = [tuple(key(w) for w in f.split()) for f in data.get("statement_frames", [])]
        #: first word -> the statement frames starting with it, in lexicon order
        self.statement_frames_by_first: dict[str, list[tuple[str, ...]]] = {}
        for words in self.statement_frames:
            self.statement_frames_by_first.setdefault(words[0], []).append(words)
        self.document_heads = _keys(data.get("document_heads", []))
        self.reports = _keys(w for w in data.get("reports_nouns", []) if " " not in w)
        anon = data.get("anonymous_heads", {})
        self.anon_heads = {key(k): v for k, v in anon.items() if " " not in k}
        self.anon_stems = {stem(k): v for k, v in self.anon_heads.items()}
        self.person_roles = _keys(data.get("person_roles", []))
        self.family = _keys(data.get("family_nouns", []))
        self.spokesman = _keys(data.get("spokesman_heads", []))
        self.masculine_heads = _keys(data.get("masculine_singular_heads", []))
        self.correspondent = _keys(data.get("correspondent_heads", []))
        self.org_heads = _keys(w for w in data.get("organization_heads", []) if " " not in w)
        self.agency_heads = _keys(w for w in data.get("agency_heads", []) if " " not in w)
        self.agency_qualifiers = _keys(data.get("agency_qualifiers", []))
        # plural and feminine forms of head nouns (منظمات → منظمة)
        self.org_stems = {stem(k) for k in self.org_heads if len(strip_def(k)) >= 4}
        self.agency_stems = {stem(k) for k in self.agency_heads if len(strip_def(k)) >= 4}
        self.time_words = _keys(data.get("time_words", []))
        self.np_breaks = _keys(data.get("np_breaks", []))
        self.relatives = _keys(data.get("relatives", []))
        self.anonymity_verbs = _keys(data.get("anonymity_verbs", []))
        self.ministry_domains = _keys(data.get("ministry_domains", []))
        self.quantifiers = _keys(data.get("quantifiers", []))
        self.abbreviations = _keys(a.rstrip(".") for a in data.get("abbreviations", []))
        self.passive_reports = _keys(data.get("passive_reports", []))
        self.demonstratives = _keys(data.get("demonstratives", []))
        self.self_words = _keys(data.get("self_words", []))
        self.pronoun_objects = {key(k): v for k, v in data.get("pronoun_objects", {}).items()}
        self.told_to_heads = _keys(data.get("attached_told_to_heads", []))
        self.adjectives = _keys(data.get("adjective_words", []))
        self.nationalities = {stem(key(k)): v for k, v in data.get("nationalities", {}).items()}
        self.headline_max = int(data.get("headline_max_words", 5))
        self.months = _keys(data.get("months", []))
        self.non_assertive = _keys(data.get("non_assertive", []))
        self.openers = [tuple(key(w) for w in f.split()) for f in data.get("adverbial_openers", [])]
        self.head_words = (
            set(self.anon_heads) | self.person_roles | self.org_heads | self.agency_heads | self.reports
            | self.statement_nouns | self.family
        )
        self.head_stems = {strip_def(k) for k in self.head_words}
        self.report_masdars = _keys(data.get("report_masdars", []))
        self.generic_media_en = {strip_def(key(k)): v for k, v in data.get("generic_media_en", {}).items()}
        #: a verbal noun of reporting with the speaker's pronoun (نفيه، تأكيدها): it follows a
        #: relayed source (عن مصدر نفيه ...) and never belongs to the source's phrase
        self.owned_report_masdars = frozenset(m + s for m in self.report_masdars for s in ("ه", "ها", "هم", "هما"))
        #: keys that end a source phrase outright
        self.phrase_stops = frozenset(
            self.complementizers | self.time_words | self.relatives | self.months | self.qawl | self.say_masdar
            | self.negations | self.owned_report_masdars
        )
        self.publish_relay_verbs = self.publish_verbs | self.relay_verbs
        #: memo tables of the parsers using this lexicon (name -> {key: result})
        self.memo: dict[str, dict] = {"can_start": {}, "statement_frames": {}}
        base = set(self.verbs) | set(self.frames) | self.passive_reports | self.blame_verbs | self.report_masdars
        #: keys that may start an anchor (with or without a conjunction): everything else is skipped
        self.triggers = frozenset(base | {c + k for k in base for c in "وف"} | set(self.conj_verbs))
        # triggers that can only open a frame (في، على، كما ...): no verb or verbal noun to try
        others = set(self.verbs) | set(self.conj_verbs) | self.passive_reports | self.blame_verbs | self.report_masdars
        others |= {c + k for k in others for c in "وفب"}
        self.frame_only = frozenset(self.triggers - others)
        # key -> (VerbForm, conjunction length), conjunction forms included (see ``verb``)
        table: dict[str, tuple[VerbForm, int]] = {k: (vf, 0) for k, vf in self.verbs.items()}
        for k, vf in self.verbs.items():
            for c in "وف":
                if len(k) > 2 and c + k not in table:
                    table[c + k] = (vf, 1)
        for k, v in self.conj_verbs.items():
            table.setdefault(k, v)
        #: ``verb(k)``: the cue verb form of token key ``k`` and the length of a conjunction
        #: prefix, or None (a plain dictionary look-up: it is called for most tokens)
        self.verb = table.get

    def is_head(self, k: str) -> bool:
        return strip_def(k) in self.head_stems or k in self.head_words


def _verb_gender(k: str) -> str | None:
    if k.endswith(("ون", "وا")):
        return "p"
    if k.startswith("ت") and not k.endswith("ان"):
        return "f" if not k.startswith(("تابع", "توقع", "تعهد")) else ("f" if k.endswith("ت") else "m")
    if k.startswith("ي"):
        return "m" if not k.endswith("ان") else "d"
    if k.endswith("ت"):
        return "f"
    if k.endswith("تا") or (k[:1] in "يت" and k.endswith("ان")):
        return "d"  # (a past form ending in ان is a hollow verb: أدان، أبان)
    return "m"


@lru_cache(maxsize=1)
def ar_lexicon() -> ArabicLexicon:
    return ArabicLexicon(load_lexicon("ar"))
