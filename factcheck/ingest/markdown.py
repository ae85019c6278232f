"""Markdown to plain paragraphs (a light conversion, not a full CommonMark renderer).

Markdown is stored converted, not as-is, so that claims never carry ``**``, ``#`` or link URLs:
headings, list items and block quotes lose their markers and become paragraphs of their own;
the lines of a paragraph are joined with spaces; links keep their text, images and HTML comments
go, emphasis/code/strike markers and backslash escapes are removed; fenced code keeps its lines.
Paragraphs are separated by a blank line. Claim offsets refer to this converted text.
"""

from __future__ import annotations

import re

_COMMENT = re.compile(r"<!--.*?-->", re.S)
_FENCE = re.compile(r"^\s{0,3}(`{3,}|~{3,})")
_HEADING = re.compile(r"^\s{0,3}#{1,6}(?:\s+(.*?))?\s*#*\s*$")
_RULE = re.compile(r"^\s{0,3}([-=_*])(?:\s*\1){2,}\s*$")
_QUOTE = re.compile(r"^\s{0,3}(?:>\s?)+")
_LIST = re.compile(r"^\s*(?:[-*+]|\d{1,9}[.)])\s+")
_REFDEF = re.compile(r"^\s{0,3}\[[^\]]+\]:\s*\S+.*$")
_TABLE_SEP = re.compile(r"^\s*\|?\s*:?-{3,}:?\s*(\|\s*:?-{3,}:?\s*)*\|?\s*$")

_INLINE = (
    (re.compile(r"!\[[^\]]*\]\([^)]*\)"), ""),  # images
    (re.compile(r"!\[[^\]]*\]\[[^\]]*\]"), ""),
    (re.compile(r"\[([^\]]+)\]\([^)]*\)"), r"\1"),  # links
    (re.compile(r"\[([^\]]+)\]\[[^\]]*\]"), r"\1"),
    (re.compile(r"<((?:https?|mailto):[^>\s]+)>"), r"\1"),  # autolinks
    (re.compile(r"</?[A-Za-z][A-Za-z0-9-]*(?:\s[^<>]*)?/?>"), ""),  # inline HTML tags
    (re.compile(r"(`+)(.+?)\1"), r"\2"),  # code spans
    (re.compile(r"(\*\*|__)(?=\S)(.+?)(?<=\S)\1"), r"\2"),  # strong
    (re.compile(r"\*(?=\S)(.+?)(?<=\S)\*"), r"\1"),  # emphasis
    (re.compile(r"(?<!\w)_(?=\S)(.+?)(?<=\S)_(?!\w)"), r"\1"),
    (re.compile(r"~~(?=\S)(.+?)(?<=\S)~~"), r"\1"),  # strikethrough
)
# Backslash escapes are hidden from the patterns above as private-use characters, then restored.
_ESCAPE = re.compile(r"\\([\\`*_{}\[\]()#+\-.!>|~<])")
_HIDDEN = re.compile("[\ue000-\ue07f]")
_SPACES = re.compile(r"[ \t]+")


def _inline(text: str) -> str:
    text = _ESCAPE.sub(lambda m: chr(0xE000 + ord(m.group(1))), text)
    for pattern, repl in _INLINE:
        text = pattern.sub(repl, text)
    text = _HIDDEN.sub(lambda m: chr(ord(m.group()) - 0xE000), text)
    return _SPACES.sub(" ", text).strip()


def markdown_to_text(source: str) -> tuple[str, str | None]:
    """``(plain text, title)``; the title is the first heading, if any."""
    source = _COMMENT.sub("", source)
    blocks: list[str] = []
    para: list[str] = []
    title: str | None = None

    def flush() -> None:
        if para:
            text = _inline(" ".join(para))
            if text:
                blocks.append(text)
            para.clear()

    lines = source.split("\n")
    i = 0
    while i < len(lines):
        line = lines[i]
        fence = _FENCE.match(line)
        if fence:
            flush()
            marker = fence.group(1)
            code: list[str] = []
            i += 1
            while i < len(lines) and not lines[i].strip().startswith(marker[0] * len(marker)):
                code.append(lines[i].rstrip())
                i += 1
            if any(c.strip() for c in code):
                blocks.append("\n".join(code).strip("\n"))
            i += 1
            continue
        if not line.strip() or _REFDEF.match(line) or _TABLE_SEP.match(line) and "-" in line:
            flush()
        elif _RULE.match(line):  # setext underline or thematic break
            if para and line.strip()[0] in "=-" and title is None and not blocks:
                title = _inline(" ".join(para))
            flush()
        elif heading := _HEADING.match(line):
            flush()
            text = _inline(heading.group(1) or "")
            if text:
                blocks.append(text)
                if title is None:
                    title = text
        else:
            stripped = _QUOTE.sub("", line)
            if _LIST.match(stripped):
                flush()
                stripped = _LIST.sub("", stripped, count=1)
            if stripped.strip().startswith("|") and stripped.strip().endswith("|"):
                flush()
                stripped = " ".join(cell.strip() for cell in stripped.strip().strip("|").split("|"))
                para.append(stripped)
                flush()
            else:
                para.append(stripped.strip())
        i += 1
    flush()
    return "\n\n".join(blocks), title
