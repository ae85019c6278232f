"""The registry of canonical sources: multilingual aliases, families and fuzzy resolution.

Data: every ``factcheck/sources/data/*.json`` file, each ``{"sources": [{"id", "name", "kind",
"parent", "aliases": {"en": [...], "ar": [...]}, "role"?, "state"?}], "ordinary_words"?: [...]}``.

* ``state`` (default false) marks a country or a government as a whole (United States, Iraq, the
  Palestinian Authority; their ``parent`` is null): a family rooted there is a state's.
* ``ordinary_words`` lists ordinary English words (``economist``, ``times``, ``sun``, ``senate``):
  a name or alias made of one of them (``The Economist``) is a proper name only when capitalised,
  so a mention in lower case ("an economist", "the times") never resolves to it.

Names are compared as *match keys*: :func:`factcheck.text.normalize.fold_name` per word plus a
few spelling variants common in Arabic renderings of foreign names (غ/ج/گ, أميركية/أمريكية, ڤ/ف,
پ/ب).  :meth:`Registry.get` ignores case (ids and typed names); :meth:`Registry.resolve` and
:meth:`Registry.find_in` read mentions in running text and apply the ``ordinary_words`` rule.
"""

from __future__ import annotations

import json
import os
import re
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Iterable

from factcheck.model import SourceRef
from factcheck.text.normalize import fold, fold_name

DATA_DIR = Path(__file__).resolve().parent / "data"
KINDS = ("person", "organization", "agency", "anonymous", "reports")

_TOKEN = re.compile(r"[\w\u0610-\u061a\u064b-\u065f\u0670\u0640]+")
_VARIANTS = str.maketrans({"ج": "غ", "گ": "غ", "ڤ": "ف", "پ": "ب", "چ": "غ", "ژ": "ز"})
_AMERIC = re.compile("اميرك|امريك")
_PREFIX_LETTERS = "وفبلك"

#: Fuzzy resolution thresholds (rapidfuzz scores, 0-100).
RATIO_MIN = 88
TOKEN_SET_MIN = 95
LENGTH_GUARD = 0.8  # shorter/longer key length for a token_set match


def _length_ok(a: int, b: int) -> bool:
    """Whether names of these lengths can match fuzzily at all (see :meth:`Registry.resolve`)."""
    shorter, longer = (a, b) if a <= b else (b, a)
    return (200 - RATIO_MIN) * shorter >= RATIO_MIN * longer or shorter / longer >= LENGTH_GUARD


WORD_RATIO_MIN = 80  # every word of a fuzzy match is at most a typo away from a word of the name


def _words_align(words: list[str], other: list[str]) -> bool:
    """Whether each word of a multi-word name is a typo-level variant of some word of the other.

    A whole-name ratio hides the one word that tells two names apart: "the French news agency"
    and "the Jordanian news agency" share two of three words and score high as strings.
    """
    if len(words) < 2 and len(other) < 2:
        return True
    from rapidfuzz import fuzz

    def covered(a: list[str], b: list[str]) -> bool:
        return all(w in b or any(fuzz.ratio(w, x) >= WORD_RATIO_MIN for x in b) for w in a)

    shorter, longer = (words, other) if len(words) <= len(other) else (other, words)
    return covered(shorter, longer)


@lru_cache(maxsize=1 << 16)
def word_key(word: str) -> str:
    """The match key of one word ('' for words that carry no meaning in names)."""
    key = fold_name(word)
    if not key or " " in key:
        return key
    key = key.translate(_VARIANTS)
    return _AMERIC.sub("امريك", key)


@lru_cache(maxsize=1 << 14)
def match_key(name: str) -> str:
    """The match key of a name: word keys joined by single spaces."""
    return " ".join(k for k in (word_key(m.group()) for m in _TOKEN.finditer(name)) if k)


def name_tokens(text: str, start: int = 0, end: int | None = None) -> list[tuple[int, int, str]]:
    """Words of ``text[start:end]`` as (start, end, key) with offsets into ``text``."""
    ms = list(_TOKEN.finditer(text, start, len(text) if end is None else end))
    return [w for w in zip(map(_START, ms), map(_END, ms), map(word_key, map(_GROUP, ms))) if w[2]]


_GROUP, _START, _END = re.Match.group, re.Match.start, re.Match.end


@lru_cache(maxsize=1 << 14)
def slugify(name: str) -> str:
    """A stable id made from a name (Unicode letters are kept; cached: a function of the name)."""
    slug = _NON_WORDS.sub("-", fold(name)).strip("-_")
    return _UNDERSCORES.sub("-", slug)[:80] or "source"


_NON_WORDS, _UNDERSCORES = re.compile(r"[^\w]+"), re.compile(r"_+")


@dataclass(frozen=True, slots=True)
class Entry:
    id: str
    name: str
    kind: str
    parent: str | None = None
    aliases: dict[str, tuple[str, ...]] = field(default_factory=dict)
    role: str | None = None
    state: bool = False  # a country or a government as a whole (see module docstring)

    def all_names(self) -> Iterable[str]:
        yield self.name
        for names in self.aliases.values():
            yield from names


@dataclass(frozen=True, slots=True)
class Match:
    """A registry name found inside a longer text (see :meth:`Registry.find_in`)."""

    entry: Entry
    start: int
    end: int


class Registry:
    """Canonical sources with exact and fuzzy look-up (see module docstring)."""

    def __init__(self, entries: Iterable[Entry], ordinary_words: Iterable[str] = ()):
        self._entries: dict[str, Entry] = {}
        for entry in entries:
            if entry.id in self._entries:
                raise ValueError(f"duplicate registry id: {entry.id}")
            if entry.kind not in KINDS:
                raise ValueError(f"{entry.id}: unknown kind {entry.kind!r}")
            self._entries[entry.id] = entry
        for entry in self._entries.values():
            if entry.parent and entry.parent not in self._entries:
                raise ValueError(f"{entry.id}: unknown parent {entry.parent!r}")
        self._exact: dict[str, str] = {}
        self._by_token: dict[str, set[str]] = {}
        self._prefixes: set[str] = set()
        self._max_words = 1
        for entry in self._entries.values():
            for name in entry.all_names():
                key = match_key(name)
                if not key:
                    continue
                self._exact.setdefault(key, entry.id)
                words = key.split()
                self._max_words = max(self._max_words, len(words))
                for word in words:
                    self._by_token.setdefault(word, set()).add(key)
                for n in range(1, len(words)):
                    self._prefixes.add(" ".join(words[:n]))
        #: one-word names that are ordinary words: they match capitalised mentions only
        self._proper_only = frozenset(k for k in map(match_key, ordinary_words) if k in self._exact)
        self._resolved: dict[str, Entry | None] = {}  # mention -> resolve() (bounded)

    # -- look-up ---------------------------------------------------------------------------
    def __len__(self) -> int:
        return len(self._entries)

    def __iter__(self):
        return iter(self._entries.values())

    def get(self, key: str | None) -> Entry | None:
        """The entry with this id (or, failing that, this exact name or alias)."""
        if not key:
            return None
        entry = self._entries.get(key)
        if entry is None:
            eid = self._exact.get(match_key(key))
            entry = self._entries.get(eid) if eid else None
        return entry

    def exact(self, key: str) -> Entry | None:
        """The entry whose name or alias has exactly this match key."""
        eid = self._exact.get(key)
        return self._entries[eid] if eid else None

    def has_word(self, word: str) -> bool:
        """Whether some name or alias has this word (a match key without spaces)."""
        return word in self._by_token

    def is_prefix(self, key: str) -> bool:
        """Whether this match key is the first words of a longer name or alias."""
        return key in self._prefixes

    def resolve(self, mention: str, lang: str | None = None) -> Entry | None:
        """The entry a whole mention names, exactly or fuzzily; ``None`` when unsure.

        Fuzzy matching only compares aliases that share a word with the mention (prefilter),
        and a token_set match needs similar lengths: a bare subset is not a match.  A name that
        is an ordinary word (``The Economist``) needs a capitalised mention (not "economist").
        The answer is a function of the mention alone (``lang`` is not used), cached per registry.
        """
        try:
            return self._resolved[mention]
        except KeyError:
            pass
        entry = self._resolve(mention)
        if len(self._resolved) < 50_000:
            self._resolved[mention] = entry
        return entry

    def _resolve(self, mention: str) -> Entry | None:
        key = match_key(mention)
        if not key:
            return None
        proper_only = self._proper_only  # "an economist", "the times": common nouns, not names
        eid = self._exact.get(key)
        if eid and (key not in proper_only or _capitalised(mention)):
            return self._entries[eid]
        words = key.split()
        cands = set()
        for word in words:
            cands |= self._by_token.get(word, set())
        # fuzz.ratio is 200 * LCS / (len1 + len2): it reaches RATIO_MIN only for similar lengths,
        # and token_set matches need the LENGTH_GUARD; other candidates cannot match
        lk = len(key)
        cands = [c for c in cands if _length_ok(len(c), lk)]
        if proper_only and not proper_only.isdisjoint(cands) and not _capitalised(mention):
            cands = [c for c in cands if c not in proper_only]
        if not cands:
            return None
        from rapidfuzz import fuzz, process  # (imported on first need: it costs start-up time)

        for cand, _score, _i in process.extract(key, cands, scorer=fuzz.ratio, score_cutoff=RATIO_MIN, limit=5):
            if _words_align(words, cand.split()):
                return self._entries[self._exact[cand]]
        for cand in cands:
            shorter, longer = sorted((len(cand), len(key)))
            if shorter / longer >= LENGTH_GUARD and fuzz.token_set_ratio(key, cand) >= TOKEN_SET_MIN \
                    and _words_align(words, cand.split()):
                return self._entries[self._exact[cand]]
        return None

    def find_in(self, text: str, start: int = 0, end: int | None = None) -> list[Match]:
        """Registry names occurring in ``text[start:end]``, longest first, not overlapping.

        A one-letter conjunction or preposition glued to the first word (و ف ب ل ك) is allowed;
        an ordinary word in lower case ("the guardian of the child") is not a name.
        """
        found = self.match_tokens(name_tokens(text, start, end))
        if self._proper_only:
            found = [m for m in found if not (
                match_key(text[m.start : m.end]) in self._proper_only and not _capitalised(text[m.start : m.end])
            )]
        return found

    def match_tokens(self, toks: list[tuple[int, int, str]]) -> list[Match]:
        """:meth:`find_in` over words already split by :func:`name_tokens`."""
        exact, prefixes = self._exact, self._prefixes
        out: list[Match] = []
        i, count = 0, len(toks)
        while i < count:
            limit = min(self._max_words, count - i)
            first = toks[i][2]
            best_n, best_eid, prefixed = 0, None, False
            for f in (first, word_key(first[1:])) if len(first) >= 4 and first[0] in _PREFIX_LETTERS else (first,):
                # the longest name starting with f: every shorter run of its words is a prefix
                key, n = f, 1
                while True:
                    eid = exact.get(key)
                    if eid and n > best_n:
                        best_n, best_eid, prefixed = n, eid, f is not first
                    if n >= limit or key not in prefixes:
                        break
                    key = f"{key} {toks[i + n][2]}"
                    n += 1
            if best_eid:
                s = toks[i][0] + (1 if prefixed else 0)
                out.append(Match(self._entries[best_eid], s, toks[i + best_n - 1][1]))
                i += best_n
            else:
                i += 1
        return out

    def family(self, key: str) -> list[str]:
        """``[key, parent, ..., root]`` (ids); ``[]`` for an unknown key."""
        entry = self.get(key)
        chain: list[str] = []
        while entry is not None and entry.id not in chain:
            chain.append(entry.id)
            entry = self._entries.get(entry.parent) if entry.parent else None
        return chain

    # -- SourceRef ---------------------------------------------------------------------------
    def source_ref(self, entry: Entry) -> SourceRef:
        chain = self.family(entry.id)
        return SourceRef(
            id=entry.id, name=entry.name, kind=entry.kind, family=chain[-1] if chain else entry.id,
            parent=entry.parent,
        )

    def make_source(
        self, name: str, kind: str, *, lang: str | None = None, affiliation: str | None = None
    ) -> SourceRef:
        """A SourceRef for ``name``: the registry entry it names, or a new clean-named source.

        Anonymous sources are never resolved to a named entry: they are grouped by their
        description and affiliation (``Iraqi security sources`` and ``Iraqi Interior Ministry
        source`` stay apart); the affiliation, when in the registry, becomes their parent.
        """
        name = clean_name(name)
        if kind != "anonymous":
            entry = self.resolve(name, lang)
            if entry is not None:
                return self.source_ref(entry)
        aff_entry = self.resolve(affiliation, lang) if affiliation else None
        aff_name = aff_entry.name if aff_entry else (clean_name(affiliation) if affiliation else None)
        chain = self.family(aff_entry.id) if aff_entry else []
        if kind == "reports":
            return SourceRef(id="reports", name="reports", kind="reports")
        sid = slugify(name)
        if aff_name and match_key(aff_name) not in match_key(name) and not (
            aff_entry and any(match_key(a) in match_key(name) for a in aff_entry.all_names() if match_key(a))
        ):
            sid = slugify(f"{name} {aff_entry.id if aff_entry else aff_name}")  # grouped by affiliation
        if sid in self._entries:
            sid = slugify(f"{kind} {sid}")  # never the id of a registry source
        return SourceRef(
            id=sid,
            name=name or "unnamed source",
            kind=kind,
            family=chain[-1] if chain else None,
            parent=aff_entry.id if aff_entry else None,
            affiliation=aff_name,
        )


def _capitalised(mention: str) -> bool:
    """Whether every meaningful word of ``mention`` starts with a capital ("the Economist")."""
    for m in _TOKEN.finditer(mention):
        word = m.group()
        if len(word) > 1 and word[0].islower() and word_key(word):  # (not the s of "Times's")
            return False
    return True


_SPACES = re.compile(r"\s+")
_EDGE_CHARS = " \"'«»“”()[]،,:;.-–—"  # trimmed at the edges of a name


def clean_name(name: str | None) -> str:
    """A display name: whitespace collapsed, punctuation and quotes trimmed at the edges."""
    if not name:
        return ""
    return _SPACES.sub(" ", name).strip(_EDGE_CHARS)  # (the only space left is " ")


def _read(path: Path) -> dict:
    return json.loads(path.read_text(encoding="utf-8"))


def _entries(data: dict) -> list[Entry]:
    out = []
    for raw in data.get("sources", []):
        aliases = {lang: tuple(names) for lang, names in (raw.get("aliases") or {}).items()}
        state = raw.get("state", False)
        if not isinstance(state, bool):
            raise ValueError(f"{raw['id']}: state must be true or false")
        out.append(
            Entry(
                id=raw["id"], name=raw["name"], kind=raw["kind"], parent=raw.get("parent"),
                aliases=aliases, role=raw.get("role"), state=state,
            )
        )
    return out


def load_registry(paths: Iterable[Path] | None = None) -> Registry:
    """A registry from these JSON files (default: every file in the package's data folder)."""
    if paths is None:
        paths = sorted(DATA_DIR.glob("*.json"))
    merged: dict[str, Entry] = {}
    ordinary: list[str] = []
    for path in paths:
        data = _read(path)
        ordinary.extend(data.get("ordinary_words", ()))
        for entry in _entries(data):
            prev = merged.get(entry.id)
            if prev is not None:  # the same source in two files: keep the first, pool aliases
                aliases = dict(prev.aliases)
                for lang, names in entry.aliases.items():
                    aliases[lang] = tuple(dict.fromkeys((*aliases.get(lang, ()), *names)))
                entry = Entry(prev.id, prev.name, prev.kind, prev.parent or entry.parent, aliases,
                              prev.role or entry.role, prev.state or entry.state)
            merged[entry.id] = entry
    return Registry(merged.values(), ordinary)


#: Bump when the layout of the cached index (or the match keys) changes.
_CACHE_FORMAT = 1


def _cache_path(paths: list[Path]) -> Path | None:
    """Where the built index of the shipped registry is cached: the user's cache directory, keyed
    by the data files' contents and this module's source, so any change rebuilds it."""
    import hashlib
    import os
    import sys

    from factcheck.config import settings

    base = os.environ.get("XDG_CACHE_HOME") or (os.path.join(os.path.expanduser("~"), ".cache"))
    if settings().get("no_cache") or not base or base.startswith("~"):
        return None
    digest = hashlib.sha256(f"{_CACHE_FORMAT}:{sys.version_info[:2]}".encode())
    for path in [Path(__file__), *paths]:
        digest.update(path.read_bytes())
    return Path(base) / "factcheck" / f"registry-{digest.hexdigest()[:24]}.marshal"


def _dump(registry: Registry) -> bytes:
    import marshal

    entries = tuple((e.id, e.name, e.kind, e.parent, tuple((k, tuple(v)) for k, v in e.aliases.items()), e.role,
                     e.state) for e in registry._entries.values())
    return marshal.dumps((_CACHE_FORMAT, entries, registry._exact, {k: frozenset(v) for k, v in
                          registry._by_token.items()}, frozenset(registry._prefixes), registry._max_words,
                          registry._proper_only))


def _restore(data: bytes) -> Registry:
    """A registry from :func:`_dump` output (marshal: plain data only, no code is loaded)."""
    import marshal

    fmt, entries, exact, by_token, prefixes, max_words, proper = marshal.loads(data)
    if fmt != _CACHE_FORMAT:
        raise ValueError("stale cache")
    registry = Registry.__new__(Registry)
    registry._entries = {e[0]: Entry(e[0], e[1], e[2], e[3], {k: tuple(v) for k, v in e[4]}, e[5], e[6])
                         for e in entries}
    registry._exact = dict(exact)
    registry._by_token = {k: set(v) for k, v in by_token.items()}
    registry._prefixes = set(prefixes)
    registry._max_words = max_words
    registry._proper_only = frozenset(proper)
    registry._resolved = {}
    return registry


@lru_cache(maxsize=1)
def default_registry() -> Registry:
    """The shipped registry (cached in the process, and its built index in the user's cache
    directory: building it is most of a short ``factcheck extract``'s start-up)."""
    paths = sorted(DATA_DIR.glob("*.json"))
    try:
        cache = _cache_path(paths)
    except OSError:
        cache = None
    if cache is not None:
        try:
            return _restore(cache.read_bytes())
        except (OSError, ValueError, EOFError, TypeError, IndexError):
            pass
    registry = load_registry(paths)
    if cache is not None:
        try:
            cache.parent.mkdir(parents=True, exist_ok=True)
            tmp = cache.with_suffix(f".{os.getpid()}.tmp")
            tmp.write_bytes(_dump(registry))
            os.replace(tmp, cache)
        except OSError:
            pass  # a read-only home: build every time
    return registry
