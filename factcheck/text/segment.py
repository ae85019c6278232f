"""Sentence segmentation: paragraphs, then sentences; quote- and abbreviation-aware.

Offsets are code points into the text given; spans never include surrounding whitespace.

* Every line break ends a paragraph, and a paragraph always ends a sentence (headlines and
  datelines without a full stop stay on their own).
* A terminal mark (``. ! ? ؟ …``, possibly followed or preceded by closing quotes and brackets)
  ends a sentence when whitespace follows it.
* Abbreviations from the lexicon (key ``"abbreviations"``) and dotted initialisms (``U.S.``,
  ``أ.ف.ب``) do not end a sentence.  Those also listed under ``"inner_abbreviations"`` never do,
  even before a capital (``Brown v. Board``); those under ``"numeral_abbreviations"`` only
  before a digit (``No. 5``, but "No. The plan failed." is two sentences).
* A mark that a lower-case letter follows does not end a sentence (``chanted "What now?" and
  left``, ``"Why?" she asked``).
* A full stop closing a one-word parenthesis inside a sentence (a party label ``(D-Wis.)``)
  does not end it.
* Inside an open quotation a terminal mark does not end the sentence when the quotation
  closes later in the same paragraph (before another one opens): the quote stays with its
  speaker.  An unbalanced quotation mark therefore never swallows more than its paragraph,
  and usually not even the rest of its sentence group.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import NamedTuple

from factcheck.text.lexicon import load_lexicon

_CLOSERS = "\"'”’»)]›"  # (the terminal marks are . ! ? ؟ …)
# A run of terminal marks and closers that whitespace (or the end) follows.  The lookbehind and
# the possessive quantifier keep the scan linear even on megabytes of dots; the lookbehind comes
# after the first mark so that the regex engine can skip ahead to the marks.
_RUN = re.compile(r"[.!?؟…\"'”’»)\]›](?<![.!?؟…\"'”’»)\]›].)[.!?؟…\"'”’»)\]›]*+(?=\s|\Z)")
_LINE = re.compile(r"[^\n\r\u2028\u2029\x0b\x0c\x1c-\x1e\x85]+")
_QUOTE = re.compile("[\"«»“”„‹›]")
_INITIALISM = re.compile(r"(?:[^\W\d_]\.)+[^\W\d_]")
# the word just before a position: the longest run without spaces, brackets and opening quotes
_WORD_BEFORE = re.compile(r"(?s:.*[\s(\[«\"“])?([^\s(\[«\"“]+)\Z")
_NEXT_WORD = re.compile(r"[\"'”’»)\]]*\s+[\"'“‘«(\[]*(\w+)")
_LETTER_NEXT = re.compile(r"\s+[^\W\d_]")
_NEXT_DIGIT = re.compile(r"\s+#?\d")
# a one-word parenthesis ending in a full stop: "(D-Wis.)", "(R-N.Y.)", after a word and a space
_LABEL = re.compile(r"(?<=[^\W_]\s)\([^\s()]{1,24}\Z")

#: How far ahead (code points) a closing quotation mark may be to keep a quote together.
QUOTE_REACH = 1200


class Abbreviations(NamedTuple):
    known: frozenset[str]  # casefolded, each ending with "."
    inner: frozenset[str]  # never end a sentence
    numeral: frozenset[str]  # abbreviations only before a digit


def _forms(words) -> frozenset[str]:
    out = set()
    for word in words:
        word = word.strip().casefold()
        if word:
            out.add(word if word.endswith(".") else word + ".")
    return frozenset(out)


@lru_cache(maxsize=None)
def _abbreviations(lang: str) -> Abbreviations:
    lex = load_lexicon(lang) if lang else {}
    inner, numeral = _forms(lex.get("inner_abbreviations", [])), _forms(lex.get("numeral_abbreviations", []))
    return Abbreviations(_forms(lex.get("abbreviations", [])) | inner | numeral, inner, numeral)


def _quote_events(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """(position, +1 open / -1 close) for quotation marks in ``text[start:end]``."""
    events = []
    for m in _QUOTE.finditer(text, start, end):
        ch, pos = m.group(), m.start()
        if ch in "«“„‹":
            events.append((pos, 1))
        elif ch in "»”›":
            events.append((pos, -1))
        else:  # ASCII ", direction from its neighbours
            nxt = text[pos + 1] if pos + 1 < end else " "
            prev = text[pos - 1] if pos > start else " "
            if nxt.isalnum() or nxt in "ـ(«“[" or (prev.isspace() and not nxt.isspace()):
                events.append((pos, 1))
            elif not prev.isspace():
                events.append((pos, -1))
    return events


def _is_abbreviation(text: str, pstart: int, run_start: int, abbrevs: Abbreviations) -> bool:
    """Whether the word before the full stop at ``run_start`` is an abbreviation or initial.

    A lower-case dotted abbreviation (``a.m.``, ``p.m.``, ``etc.``) still ends a sentence when
    a capitalised word follows it: "at 9 a.m. The talks ended" is two sentences.
    """
    m = _WORD_BEFORE.match(text, max(pstart, run_start - 40), run_start)
    if not m:
        return False
    word = m.group(1)
    form = (word + ".").casefold()
    if form in abbrevs.numeral:
        return bool(_NEXT_DIGIT.match(text, run_start + 1))
    if form in abbrevs.inner:
        return True
    known = form in abbrevs.known
    if len(word) == 1 and not known:
        return word.isalpha()  # an initial: J. Smith, د. أحمد
    if not known and not _INITIALISM.fullmatch(word):  # U.S, أ.ف.ب
        return False
    if word.islower() and word.isascii():
        nxt = _NEXT_WORD.match(text, run_start + 1)
        if nxt and nxt.group(1)[:1].isupper():
            return False
    return True


def _is_label(text: str, sent_start: int, run_start: int, run: str) -> bool:
    """Whether the full stop at ``run_start`` closes a one-word label inside the sentence."""
    if not run.startswith(".)"):
        return False
    return bool(_LABEL.search(text, max(sent_start, run_start - 26), run_start))


def _sentences(text: str, start: int, end: int, abbrevs: Abbreviations) -> list[tuple[int, int]]:
    events = _quote_events(text, start, end)
    spans: list[tuple[int, int]] = []
    sent_start = start
    depth = 0
    ev = 0  # next event index
    for m in _RUN.finditer(text, start, end):
        run = m.group()
        if not run.strip(_CLOSERS):
            continue  # closers only
        while ev < len(events) and events[ev][0] < m.end():
            depth = max(0, depth + events[ev][1])
            ev += 1
        if run[0] == "." and run.count(".") == 1 and (
            _is_abbreviation(text, start, m.start(), abbrevs) or _is_label(text, sent_start, m.start(), run)
        ):
            continue
        low = _LETTER_NEXT.match(text, m.end(), end)
        if low is not None and text[low.end() - 1].islower():
            continue  # "Why?" she asked: a sentence never starts in lower case
        if depth > 0:
            nxt = events[ev] if ev < len(events) else None
            if nxt is not None and nxt[1] < 0 and nxt[0] - m.end() <= QUOTE_REACH:
                continue  # inside a quotation that closes later: keep it with its speaker
        depth = 0
        if m.end() > sent_start:
            spans.append((sent_start, m.end()))
        sent_start = m.end()
    if sent_start < end:
        spans.append((sent_start, end))
    return [s for s in (_strip(text, a, b) for a, b in spans) if s]


def _strip(text: str, a: int, b: int) -> tuple[int, int] | None:
    while a < b and text[a].isspace():
        a += 1
    while b > a and text[b - 1].isspace():
        b -= 1
    return (a, b) if b > a else None


def paragraphs(text: str) -> list[tuple[int, int]]:
    """Non-blank lines as (start, end), whitespace trimmed."""
    out = []
    for m in _LINE.finditer(text):
        span = _strip(text, m.start(), m.end())
        if span:
            out.append(span)
    return out


def segment(text: str, lang: str) -> list[tuple[int, int]]:
    """Sentence spans ``(start, end)`` of ``text`` in order (see module docstring)."""
    abbrevs = _abbreviations(lang)
    spans: list[tuple[int, int]] = []
    for pstart, pend in paragraphs(text):
        spans.extend(_sentences(text, pstart, pend, abbrevs))
    return spans
