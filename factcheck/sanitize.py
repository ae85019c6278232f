"""Making user- and article-controlled text inert before it reaches a terminal or an output file.

One sanitiser for every place that prints such text (the TUI, the CLI tables and messages, file
names in ingest messages, CSV cells, JSON): control characters are never interpreted by whoever
displays the output. Nothing here imports a UI library, so the core (export, ingest) uses it too.

* :func:`sanitize` / :func:`sanitize_line`: C0 and C1 controls, DEL, line/paragraph separators and
  bidi embeddings/overrides/isolates become visible symbols, one code point for one, so offsets
  still apply (``ESC [ 31 m`` is shown as ``␛[31m``).
* :func:`json_text`: JSON text with the same characters written as ``\\uXXXX`` escapes: the data
  is unchanged (a JSON reader gets the exact string back) but nothing raw reaches a terminal.
"""

from __future__ import annotations

import json
import re
from typing import Any

_DEL_PICTURE = "\u2421"
_C1_PICTURE = "\ufffd"
_BIDI_PICTURE = "\u2043"  # ⁃, one code point for one
#: Explicit embeddings, overrides and isolates: article text could reorder what is shown around it.
BIDI_CONTROLS = (*range(0x202A, 0x202F), *range(0x2066, 0x206A))


def _control_table(keep: str) -> dict[int, str]:
    table = {c: chr(0x2400 + c) for c in range(0x20) if chr(c) not in keep}
    table[0x7F] = _DEL_PICTURE
    table.update({c: _C1_PICTURE for c in range(0x80, 0xA0)})
    # Line/paragraph separators would break lines behind the layout's back.
    table[0x2028] = "\u21b5"
    table[0x2029] = "\u00b6"
    # A right-to-left override spoofs a claim; shown as a visible mark instead. LRM/RLM stay:
    # they only steer neutral characters.
    table.update({c: _BIDI_PICTURE for c in BIDI_CONTROLS})
    return table


_KEEP_LAYOUT = _control_table("\n\t")
_KEEP_NONE = _control_table("")
_CRLF = re.compile("\r(?=\n)")


def sanitize(text: str | None) -> str:
    """``text`` with every control character but newline and tab shown as a visible symbol.

    One code point in, one code point out, so offsets still apply. An escape sequence becomes
    ``␛[31m``: printed, never interpreted by the terminal. A carriage return before a newline
    becomes a space (invisible at the end of a line).
    """
    if not text:
        return ""
    return _CRLF.sub(" ", text).translate(_KEEP_LAYOUT)


def sanitize_line(text: str | None) -> str:
    """:func:`sanitize` for one-line places (table cells, file names in messages): newlines and
    tabs become spaces."""
    if not text:
        return ""
    return _CRLF.sub(" ", text).replace("\n", " ").replace("\t", " ").translate(_KEEP_NONE)


def safe_name(name: Any) -> str:
    """A file name or other user-typed label for a one-line message."""
    return sanitize_line("" if name is None else str(name))


_JSON_UNSAFE = re.compile("[\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069]")


def escape_json(text: str) -> str:
    """JSON text (as written by :func:`json.dumps` with ``ensure_ascii=False``) with DEL, C1
    controls, line separators and bidi controls written as ``\\uXXXX`` (C0 are escaped by json
    already). Only valid on JSON: these characters occur in it only inside strings."""
    return _JSON_UNSAFE.sub(lambda m: f"\\u{ord(m.group()):04x}", text)


def json_text(value: Any, **kwargs: Any) -> str:
    """``json.dumps(value, ensure_ascii=False, **kwargs)`` made terminal-safe (:func:`escape_json`)."""
    return escape_json(json.dumps(value, ensure_ascii=False, **kwargs))


__all__ = ["BIDI_CONTROLS", "escape_json", "json_text", "safe_name", "sanitize", "sanitize_line"]
