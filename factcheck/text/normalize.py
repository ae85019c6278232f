"""Normalisation for matching and search. Never used to compute offsets into stored text.

``fold`` maps spelling variants onto one form so that search and fuzzy matching see them as equal:
Arabic alef/hamza forms, ta marbuta, alif maqsura, tatweel and diacritics; Arabic-Indic digits to
Western digits; Unicode case folding for Latin text; invisible format characters (bidi marks,
zero-width joiners) removed; runs of whitespace collapsed.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

_ARABIC_DIACRITICS = re.compile("[\u0610-\u061a\u064b-\u065f\u0670\u06d6-\u06ed\u0640]")
_FORMAT_CHARS = re.compile("[\u200b-\u200f\u202a-\u202e\u2066-\u2069\ufeff\u061c]")
_SPACES = re.compile(r"\s+")

_LETTER_MAP = str.maketrans(
    {
        "أ": "ا",
        "إ": "ا",
        "آ": "ا",
        "ٱ": "ا",
        "ٲ": "ا",
        "ٳ": "ا",
        "ة": "ه",
        "ى": "ي",
        "ی": "ي",  # Persian yeh
        "ک": "ك",  # Persian kaf
        "ؤ": "و",
        "ئ": "ي",
        "٠": "0", "١": "1", "٢": "2", "٣": "3", "٤": "4",
        "٥": "5", "٦": "6", "٧": "7", "٨": "8", "٩": "9",
        "۰": "0", "۱": "1", "۲": "2", "۳": "3", "۴": "4",
        "۵": "5", "۶": "6", "۷": "7", "۸": "8", "۹": "9",
        "٫": ".", "٬": ",", "،": ",", "؛": ";", "؟": "?",
        "\u2019": "'", "\u2018": "'", "\u201c": '"', "\u201d": '"',
    }
)


def fold(text: str) -> str:
    """Fold ``text`` for search and matching (see module docstring)."""
    if not text:
        return ""
    if len(text) > 16:  # long runs of combining marks made NFKC quadratic
        from factcheck.text.marks import order_long_mark_runs

        text = order_long_mark_runs(text)
    text = unicodedata.normalize("NFKC", text)
    text = _FORMAT_CHARS.sub("", text)
    text = _ARABIC_DIACRITICS.sub("", text)
    text = text.translate(_LETTER_MAP).casefold()
    return _SPACES.sub(" ", text).strip()


_ARTICLE_PREFIXES = ("وال", "بال", "فال", "كال", "لل", "ال")


def fold_name(text: str) -> str:
    """Fold a source name for registry look-up: ``fold`` plus punctuation dropped, the Arabic
    definite article dropped from each word and Latin ``the`` dropped, so that ``البنتاغون`` /
    ``بنتاغون`` and ``the Pentagon`` / ``Pentagon`` compare equal. Names recur across claims and
    articles: short ones are answered from a bounded cache (the function is pure)."""
    if not text:
        return ""
    if len(text) <= 200:
        return _fold_name_cached(text)
    return _fold_name(text)


@lru_cache(maxsize=1 << 16)
def _fold_name_cached(text: str) -> str:
    return _fold_name(text)


def _fold_name(text: str) -> str:
    """``fold_name`` itself, uncached."""
    text = fold(text)
    text = re.sub(r"[^\w\s]", " ", text)
    words = []
    for word in text.split():
        if word == "the":
            continue
        for prefix in _ARTICLE_PREFIXES:
            if word.startswith(prefix) and len(word) - len(prefix) >= 3:
                word = word[len(prefix):]
                break
        words.append(word)
    return " ".join(words)


_ARABIC_RUN = re.compile("[\u0621-\u064a\u0671-\u06d3]+")
_LATIN_RUN = re.compile("[A-Za-z]+")


def detect_language(text: str) -> str:
    """``ar`` or ``en`` by the share of Arabic letters among letters (first 5,000 characters)."""
    sample = text[:5000]
    arabic = sum(map(len, _ARABIC_RUN.findall(sample)))
    latin = sum(map(len, _LATIN_RUN.findall(sample)))
    return "ar" if arabic > latin else "en"
