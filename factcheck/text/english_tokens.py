"""English tokens with offsets, and quotation spans (who is speaking inside quotation marks)."""

from __future__ import annotations

import bisect
import re

from factcheck.text.english_lex import Lexicon, norm

_TOKEN = re.compile(r"\w+(?:['\u2019.\-&/]\w+)*|-{2,}|\S")
_CONTRACTION = re.compile(r"(\w+)(['\u2019](?:s|re|ve|ll|d|m))\Z", re.I)
_CONTRACTED = frozenset("he she it they we i you who that there what here".split())
_OPENERS = "“«„"
_QMARK = re.compile("''|``|[\"“”«»„]")


class Token:
    __slots__ = ("start", "end", "text", "norm", "word", "cap", "quote")

    def __init__(self, start: int, end: int, text: str):
        self.start = start
        self.end = end
        self.text = text
        self.norm = norm(text)
        self.word = text[0].isalnum() or (len(text) > 1 and text[0] in "'\u2019" and text[1].isalpha())
        self.cap = text[0].isupper()
        self.quote = False  # inside a quotation

    def __repr__(self) -> str:  # pragma: no cover - debugging aid
        return f"Token({self.text!r}@{self.start})"


def tokenize(text: str, start: int, end: int, lex: Lexicon) -> list[Token]:
    """Words and punctuation of ``text[start:end]``; abbreviations keep their full stop."""
    out: list[Token] = []
    pos = start
    search = _TOKEN.search
    while True:
        m = search(text, pos, end)
        if m is None:
            return out
        a, b = m.span()
        word = m.group()
        if b < end and text[b] == "." and word[0].isalpha():
            low = norm(word) + "."
            if low in lex.abbreviations or "." in word or (len(word) == 1 and word.isupper()):
                b += 1
                word += "."
        m2 = _CONTRACTION.match(word)
        if m2 and norm(m2.group(1)) in _CONTRACTED:
            cut = a + m2.end(1)  # "He's" -> "He" + "'s": the pronoun stays a subject
            out.append(Token(a, cut, word[: cut - a]))
            out.append(Token(cut, b, word[cut - a :]))
        else:
            out.append(Token(a, b, word))
        pos = b


def quote_spans(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """Quotation spans ``(open, close_end)`` in one paragraph ``text[start:end]``.

    Double quotation marks pair up in order; a quotation left open runs to the paragraph's
    end (news style continues long quotations over paragraphs).  Curly single quotes pair when
    the opening one follows a space and a closing one is followed by a non-letter.
    """
    spans: list[tuple[int, int]] = []
    open_at: int | None = None
    for m in _QMARK.finditer(text, start, end):
        i, j = m.span()
        ch = m.group()
        if ch in ('"', "''"):
            nxt = text[j] if j < end else " "
            prev = text[i - 1] if i > start else " "
            opening = (not nxt.isspace()) and (prev.isspace() or prev in "([—–-:")
            if open_at is None and (opening or i == start):
                open_at = i
            elif open_at is not None:
                spans.append((open_at, j))
                open_at = None
        elif ch in _OPENERS or ch == "``":
            if open_at is None:
                open_at = i
        elif open_at is not None:
            spans.append((open_at, j))
            open_at = None
        elif (i == start or text[i - 1].isspace()) and j < end and not text[j].isspace():
            open_at = i  # a closing mark used as an opening one
    if open_at is not None:
        spans.append((open_at, end))
    spans.extend(_single_quotes(text, start, end, spans))
    spans.sort()
    return spans


def _single_quotes(text: str, start: int, end: int, doubles) -> list[tuple[int, int]]:
    out = []
    i = text.find("\u2018", start, end)
    while i != -1:
        prev = text[i - 1] if i > start else " "
        j = -1
        if prev.isspace() or prev in "“\"(":
            k = text.find("\u2019", i + 1, end)
            while k != -1:
                nxt = text[k + 1] if k + 1 < end else " "
                if not nxt.isalpha():
                    j = k
                    break
                k = text.find("\u2019", k + 1, end)
        if j != -1 and not any(a <= i < b for a, b in doubles):
            out.append((i, j + 1))
            i = text.find("\u2018", j + 1, end)
        else:
            i = text.find("\u2018", i + 1, end)
    return out


def mark_quotes(tokens: list[Token], spans: list[tuple[int, int]]) -> None:
    """Set ``Token.quote`` for tokens inside a quotation span (marks themselves excluded)."""
    if not spans:
        return
    starts = [a for a, _ in spans]
    for tok in tokens:
        k = bisect.bisect_right(starts, tok.start) - 1
        if k >= 0:
            a, b = spans[k]
            if a < tok.start and tok.end <= b and not (tok.end == b and not tok.word):
                tok.quote = True
