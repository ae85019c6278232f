"""Reading an input file (or stdin) into clean text: size limit, encoding, format.

Decoding, in order: a byte-order mark (UTF-8, UTF-16, UTF-32) decides; otherwise strict UTF-8;
otherwise legacy Arabic Windows-1256 when the bytes decode to text that is mostly Arabic (with a
notice). Anything else is refused. Line endings become ``\\n``.

Formats: plain text is kept as it is; Markdown and HTML are converted to plain paragraphs
(``factcheck.ingest.markdown``, ``factcheck.ingest.html``). The converted text is what gets stored,
and every claim offset refers to it.
"""

from __future__ import annotations

import codecs
import os
import re
import stat
import sys
from dataclasses import dataclass, field
from pathlib import Path

from factcheck.errors import InputError

DEFAULT_MAX_BYTES = 5_000_000
FORMATS = ("text", "markdown", "html")

_MARKDOWN_SUFFIXES = {".md", ".markdown", ".mdown", ".mkd"}
_HTML_SUFFIXES = {".html", ".htm", ".xhtml"}
#: Data files that are never articles; ``fmt="text"`` still reads them.
_DATA_SUFFIXES = {".json", ".jsonl", ".ndjson", ".csv", ".tsv", ".db", ".sqlite", ".sqlite3"}
_HTML_START = re.compile(r"\A\s*(<!--.*?-->\s*)*<(!doctype\s+html|html[\s>]|head[\s>]|body[\s>])", re.I | re.S)

_BOMS = (  # longest first: the UTF-32 LE mark starts with the UTF-16 LE one
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
_BOM_NAMES = {"utf-8-sig": "UTF-8 with BOM", "utf-16": "UTF-16", "utf-32": "UTF-32"}

_ARABIC = re.compile("[\u0600-\u06ff]")
# Control characters that never occur in text (tab, newlines and form feed are fine).
_CONTROL = re.compile("[\x00-\x08\x0b\x0e-\x1f\x7f-\x9f]")
#: Share of non-ASCII characters that must be Arabic for bytes to be taken as Windows-1256.
CP1256_MIN_ARABIC_SHARE = 0.75


@dataclass(slots=True)
class Document:
    """Decoded, converted input ready for extraction."""

    text: str
    encoding: str  # utf-8 | utf-8-sig | utf-16 | utf-32 | cp1256
    notice: str | None = None  # e.g. "decoded from Windows-1256 (legacy Arabic)"
    format: str = "text"  # text | markdown | html
    title: str | None = None  # from the HTML <h1>/<title> or the first Markdown heading
    meta: dict[str, str] = field(default_factory=dict)  # outlet / url / published found in HTML


def display_name(path_or_dash: str | os.PathLike[str]) -> str:
    return "stdin" if str(path_or_dash) == "-" else str(path_or_dash)


def read_bytes(path_or_dash: str | os.PathLike[str], max_bytes: int = DEFAULT_MAX_BYTES) -> bytes:
    """The raw bytes, refusing missing, unreadable and over-limit inputs."""
    name = display_name(path_or_dash)
    limit = f"the limit is {max_bytes:,} bytes; see --max-bytes"
    if str(path_or_dash) == "-":
        data = sys.stdin.buffer.read(max_bytes + 1)
        if len(data) > max_bytes:
            raise InputError(f"{name}: input is too large (over {max_bytes:,} bytes; {limit})")
        return data
    path = Path(path_or_dash)
    try:
        check_regular_file(path, name)
        size = path.stat().st_size
        if size > max_bytes:
            raise InputError(f"{name}: file is too large ({size:,} bytes; {limit})")
        # O_NONBLOCK: should the path be swapped for a FIFO after the check, open() does not hang.
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_CLOEXEC", 0))
        with os.fdopen(fd, "rb") as fh:
            if not stat.S_ISREG(os.fstat(fh.fileno()).st_mode):
                raise InputError(f"{name}: not a regular file")
            data = fh.read(max_bytes + 1)
    except FileNotFoundError:
        raise InputError(f"{name}: no such file") from None
    except PermissionError:
        raise InputError(f"{name}: permission denied") from None
    except OSError as exc:
        raise InputError(f"{name}: cannot read: {exc.strerror or exc}") from None
    if len(data) > max_bytes:  # grew while we looked
        raise InputError(f"{name}: file is too large (over {max_bytes:,} bytes; {limit})")
    return data


def check_regular_file(path: Path, name: str) -> None:
    """Refuse anything but a regular file (directory, FIFO, socket, device) without opening it:
    opening a FIFO blocks until someone writes to it."""
    try:
        mode = path.stat().st_mode
    except FileNotFoundError:
        raise InputError(f"{name}: no such file") from None
    if stat.S_ISDIR(mode):
        raise InputError(f"{name}: is a directory, not a file")
    if not stat.S_ISREG(mode):
        kind = ("a named pipe (FIFO)" if stat.S_ISFIFO(mode) else "a socket" if stat.S_ISSOCK(mode)
                else "a device" if stat.S_ISCHR(mode) or stat.S_ISBLK(mode) else "not a regular file")
        raise InputError(f"{name}: is {kind}, not a regular file; save the input to a file or pipe it to -")


_ARABIC_LETTER = re.compile("[\u0621-\u064a]")
_ARABIC_WORD = re.compile("[\u0621-\u064a\u064b-\u0652\u0640]{2,}")
_LETTER = re.compile(r"[^\W\d_]")
#: Share of all letters that must be Arabic, and of Arabic letters that must stand in words, for
#: bytes to be taken as Windows-1256 (a few stray bytes in English text are not Arabic).
CP1256_MIN_LETTER_SHARE = 0.3
CP1256_MIN_IN_WORDS = 0.8


def looks_like_cp1256(text: str) -> bool:
    """True when ``text`` (bytes decoded as Windows-1256) reads as Arabic rather than noise.

    Every byte decodes to something in Windows-1256, and most high bytes are Arabic letters, so
    Latin-1 or broken UTF-8 in English text would "decode" too. Arabic text is mostly Arabic
    letters (a good share of all letters, not only of the non-ASCII ones) standing in words of two
    letters or more, not lone letters between Latin words.
    """
    if _CONTROL.search(text):
        return False
    non_ascii = [ch for ch in text if ord(ch) > 127 and not ch.isspace()]
    if not non_ascii:
        return False
    arabic = sum(1 for ch in non_ascii if _ARABIC.match(ch))
    if arabic / len(non_ascii) < CP1256_MIN_ARABIC_SHARE:
        return False
    letters = len(_LETTER.findall(text))
    arabic_letters = len(_ARABIC_LETTER.findall(text))
    if not letters or arabic_letters / letters < CP1256_MIN_LETTER_SHARE:
        return False
    in_words = sum(len(_ARABIC_LETTER.findall(w)) for w in _ARABIC_WORD.findall(text))
    return in_words / arabic_letters >= CP1256_MIN_IN_WORDS


_DECLARED = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)""", re.I)


def declared_charset(data: bytes) -> str | None:
    """The charset an HTML page declares in a ``<meta>`` tag (first 4 KB), if Python knows it."""
    match = _DECLARED.search(data[:4096])
    if not match:
        return None
    try:
        return codecs.lookup(match.group(1).decode("ascii")).name
    except LookupError:
        return None


def decode(data: bytes, name: str, *, html: bool = False) -> tuple[str, str, str | None]:
    """``(text, encoding, notice)`` for ``data`` or :class:`InputError` naming ``name``.

    For HTML (``html=True``) a charset declared in the page is tried after UTF-8.
    """
    if not data:
        raise InputError(f"{name}: empty file")
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            try:
                text = data.decode(encoding)
            except UnicodeDecodeError:
                raise InputError(
                    f"{name}: cannot decode: starts with a {_BOM_NAMES[encoding]} byte-order mark "
                    f"but is not valid {_BOM_NAMES[encoding].split(' ')[0]}"
                ) from None
            if encoding != "utf-8-sig" and text.startswith("\ufeff"):
                text = text[1:]
            if "\x00" in text:
                raise InputError(f"{name}: binary file (contains NUL characters), not text")
            return text, encoding, None
    if b"\x00" in data:
        raise InputError(f"{name}: binary file (contains NUL bytes), not text{_utf16_hint(data)}")
    try:
        return data.decode("utf-8"), "utf-8", None
    except UnicodeDecodeError:
        pass
    declared = declared_charset(data) if html else None
    if declared and declared != "utf-8":
        try:
            return data.decode(declared), declared, f"not UTF-8; decoded as {declared}, the charset the page declares"
        except UnicodeDecodeError:
            pass
    text = data.decode("cp1256")  # every byte maps to something: the check is whether it reads as Arabic
    if looks_like_cp1256(text):
        return text, "cp1256", "not UTF-8; decoded as Windows-1256 (legacy Arabic) and stored as UTF-8"
    raise InputError(f"{name}: cannot decode: not UTF-8, UTF-16 or Windows-1256 (Arabic) text")


def _utf16_hint(data: bytes) -> str:
    """A hint when NUL-laden bytes are really UTF-16 saved without a byte-order mark."""
    if len(data) % 2:
        return ""
    even, odd = data[0::2].count(0), data[1::2].count(0)
    if bool(even) == bool(odd):  # NULs on both sides (or none): not UTF-16 text
        return ""
    try:
        text = data.decode("utf-16-le" if odd else "utf-16-be")
    except UnicodeDecodeError:
        return ""
    if _CONTROL.search(text):
        return ""
    return "; it looks like UTF-16 without a byte-order mark: save it as UTF-8 (or UTF-16 with a BOM)"


def detect_format(path_or_dash: str | os.PathLike[str], text: str) -> str:
    """By file extension; otherwise ``html`` when the text starts like an HTML document."""
    suffix = Path(str(path_or_dash)).suffix.lower() if str(path_or_dash) != "-" else ""
    if suffix in _MARKDOWN_SUFFIXES:
        return "markdown"
    if suffix in _HTML_SUFFIXES:
        return "html"
    if _HTML_START.match(text[:4096]):
        return "html"
    return "text"


def convert(text: str, fmt: str, name: str, *, base_url: str | None = None) -> Document:
    """Turn decoded text of format ``fmt`` into a :class:`Document` (encoding filled in later).

    ``base_url`` is where an HTML page was fetched from (``factcheck.ingest.web``)."""
    if fmt == "html":
        from factcheck.ingest.html import html_to_text

        page = html_to_text(text, url=base_url)
        doc = Document(page.text, "", format="html", title=page.title, meta=page.meta)
    elif fmt == "markdown":
        from factcheck.ingest.markdown import markdown_to_text

        converted, title = markdown_to_text(text)
        doc = Document(converted, "", format="markdown", title=title)
    elif fmt == "text":
        doc = Document(text, "", format="text", title=text_title(text))
    else:
        raise InputError(f"{name}: unknown format {fmt!r} (expected one of {', '.join(FORMATS)})")
    if not doc.text.strip():
        what = "whitespace" if fmt == "text" else f"markup, no text ({fmt})"
        raise InputError(f"{name}: contains only {what}")
    return doc


def read_input(
    path_or_dash: str | os.PathLike[str], *, max_bytes: int = DEFAULT_MAX_BYTES, fmt: str | None = None
) -> Document:
    """Read, decode and convert one input (``-`` is stdin); :class:`InputError` names the file."""
    name = display_name(path_or_dash)
    suffix = Path(str(path_or_dash)).suffix.lower() if name != "stdin" else ""
    if fmt is None and suffix in _DATA_SUFFIXES:
        raise InputError(f"{name}: a {suffix} data file, not an article (use --format text to read it anyway)")
    data = read_bytes(path_or_dash, max_bytes)
    looks_html = fmt == "html" or (fmt is None and (suffix in _HTML_SUFFIXES or _HTML_START.match(
        data[:4096].decode("latin-1"))))
    text, encoding, notice = decode(data, name, html=bool(looks_html))
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    text, removed = strip_controls(text)
    if removed:
        note = f"removed {removed} control character{'' if removed == 1 else 's'} (e.g. terminal escapes)"
        notice = f"{notice}; {note}" if notice else note
    if not text.strip():
        raise InputError(f"{name}: contains only whitespace")
    doc = convert(text, fmt or detect_format(path_or_dash, text), name)
    doc.encoding = encoding
    doc.notice = notice
    return doc


#: A plain-text first line longer than this is the start of the article, not its headline.
HEADLINE_MAX = 120
_SENTENCE_END = re.compile(r"[.!?؟۔]\s+\S")


def text_title(text: str) -> str | None:
    """A plain-text article's title: its first line when that line is a short headline (a
    paragraph of its own, or followed by more lines, without sentences inside it); otherwise the
    first sentence, shortened."""
    lines = text.lstrip().split("\n")
    first = " ".join(lines[0].split()) if lines else ""
    if not first:
        return None
    rest = "\n".join(lines[1:]).strip()
    continued = bool(lines[1:]) and lines[1][:1].islower()  # a hard-wrapped paragraph goes on
    if (rest and not continued and len(first) <= HEADLINE_MAX and not _SENTENCE_END.search(first)
            and not first.endswith((".", ",", "،", ";", ":"))):
        return first
    paragraph = " ".join(text.lstrip().split("\n\n")[0].split())
    end = _SENTENCE_END.search(paragraph)
    sentence = paragraph[: end.start() + 1] if end else paragraph
    return sentence if len(sentence) <= 100 else sentence[:99].rstrip() + "…"


_PAGE_BREAKS = re.compile("[\x0b\x0c]")


def strip_controls(text: str) -> tuple[str, int]:
    """``text`` without control characters (a terminal escape would act on whoever displays the
    article): vertical tab and form feed become newlines, the others are dropped. Returns the text
    and how many characters were dropped."""
    text = _PAGE_BREAKS.sub("\n", text)
    cleaned, removed = _CONTROL.subn("", text)
    return cleaned, removed
