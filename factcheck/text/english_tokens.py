"""English tokens with offsets, and quotation spans (who is speaking inside quotation marks)."""

from __future__ import annotations

import bisect
import re

from factcheck.text.english_lex import Lexicon, norm

_TOKEN = re.compile(r"\w+(?:['\u2019.\-&/]\w+)*|-{2,}|\S")
_OPENERS = "“«„"
_CLOSERS = "”»"


class Token:
    __slots__ = ("start", "end", "text", "norm", "word", "cap", "quote")

    def __init__(self, start: int, end: int, text: str):
        self.start = start
        self.end = end
        self.text = text
        self.norm = norm(text)
        self.word = text[0].isalnum()
        self.cap = text[0].isupper()
        self.quote = False  # inside a quotation

    def __repr__(self) -> str:  # pragma: no cover - debugging aid
        return f"Token({self.text!r}@{self.start})"


def tokenize(text: str, start: int, end: int, lex: Lexicon) -> list[Token]:
    """Words and punctuation of ``text[start:end]``; abbreviations keep their full stop."""
    out: list[Token] = []
    for m in _TOKEN.finditer(text, start, end):
        a, b = m.span()
        word = m.group()
        if b < end and text[b] == "." and word[0].isalpha():
            low = norm(word) + "."
            if low in lex.abbreviations or "." in word or (len(word) == 1 and word.isupper()):
                b += 1
                word += "."
        out.append(Token(a, b, word))
    return out


def quote_spans(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """Quotation spans ``(open, close_end)`` in one paragraph ``text[start:end]``.

    Double quotation marks pair up in order; a quotation left open runs to the paragraph's
    end (news style continues long quotations over paragraphs).  Curly single quotes pair when
    the opening one follows a space and a closing one is followed by a non-letter.
    """
    spans: list[tuple[int, int]] = []
    open_at: int | None = None
    for i in range(start, end):
        ch = text[i]
        if ch == '"':
            nxt = text[i + 1] if i + 1 < end else " "
            prev = text[i - 1] if i > start else " "
            opening = open_at is None and (not nxt.isspace()) and (prev.isspace() or prev in "([—–-:")
            if open_at is None and (opening or i == start):
                open_at = i
            elif open_at is not None:
                spans.append((open_at, i + 1))
                open_at = None
        elif ch in _OPENERS:
            if open_at is None:
                open_at = i
        elif ch in _CLOSERS:
            if open_at is not None:
                spans.append((open_at, i + 1))
                open_at = None
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
