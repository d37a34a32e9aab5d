"""Vietnamese text, in one place: the matching keys (tone placement, tones, "đ"), the
search index's spelling of "đ", the word fold shared with the browser, and slugs.

Python and JavaScript must fold alike: content/assets/search/word-map.js (``fold``) and
search.js (``spellD``) implement the same rules, and both sides are checked against the
same vectors, tests/data/vietnamese-vectors.json (tests/test_vietnamese.py in Python and
in headless Chromium).
"""
from __future__ import annotations

import functools
import re
import unicodedata

from slugify import slugify as _slugify

from converters.text.whitespace import squash

STROKE = "\u0335"  # COMBINING SHORT STROKE OVERLAY: the index spells "đ" as "d" + STROKE
_NOT_ASCII_WORD = re.compile(r"[^a-z0-9]+")
_COMBINING = re.compile("[\u0300-\u036f]+")

# Old-style vs new-style tone placement: fold to one spelling before matching.
TONE_VARIANTS = {
    "oà": "òa", "oá": "óa", "oả": "ỏa", "oã": "õa", "oạ": "ọa",
    "oè": "òe", "oé": "óe", "oẻ": "ỏe", "oẽ": "õe", "oẹ": "ọe",
    "uỳ": "ùy", "uý": "úy", "uỷ": "ủy", "uỹ": "ũy", "uỵ": "ụy",
}


def fold_key(text: str) -> str:
    """A matching key: NFC, lower case, one tone placement, single spaces."""
    text = unicodedata.normalize("NFC", text).lower()
    for old, new in TONE_VARIANTS.items():
        text = text.replace(old, new)
    return squash(text)


def ascii_fold(text: str) -> str:
    """Remove tones and fold đ → d (for tone-insensitive matching); other
    characters (quotes, dashes) are kept. C-level passes only."""
    text = text.replace("đ", "d").replace("Đ", "D")
    return _COMBINING.sub("", unicodedata.normalize("NFD", text))



def tone_fold(text: str) -> str:
    """Old-style → new-style tone placement, same length (for aligned matching)."""
    for old, new in TONE_VARIANTS.items():
        if old in text:
            text = text.replace(old, new)
    return text


def fast_fold(text: str) -> str:
    """Lower-case ASCII without tones (đ → d); other non-ASCII characters are
    dropped — enough for counting ASCII-folded phrases, and C-speed."""
    return fold_lower(text.lower())


def fold_lower(lower: str) -> str:
    """``fast_fold`` of a text already in lower case."""
    return unicodedata.normalize("NFD", lower.replace("đ", "d")).encode("ascii", "ignore").decode("ascii")


# tone marks only; the letter-forming marks (breve, circumflex, horn) stay
TONE_MARKS = frozenset({"\u0300", "\u0301", "\u0303", "\u0309", "\u0323"})  # huyền, sắc, ngã, hỏi, nặng
_SYLLABLE = re.compile(
    r"^(ngh|ng|nh|ch|gh|gi|kh|ph|qu|th|tr|[bcdđghklmnprstvx])?"
    r"([aăâeêioôơuưy]{1,3})"
    r"(ch|ng|nh|[cmnpt])?$"
)



def strip_tones(word: str) -> str:
    d = unicodedata.normalize("NFD", word.lower())
    return unicodedata.normalize("NFC", "".join(c for c in d if c not in TONE_MARKS))


def is_vietnamese_word(token: str) -> bool:
    """Every syllable of ``token`` is a possible Vietnamese syllable."""
    parts = [p for p in re.split(r"[\s\-]+", token) if p]
    return bool(parts) and all(_SYLLABLE.match(strip_tones(p)) for p in parts)



def fold_word(text: str) -> str:
    """The comparison key of a word, exactly what word-map.js's fold computes in the
    browser: lower case, NFD, combining marks dropped (so the U+0335 of the staged
    "đ" too), "đ" → "d", letters and digits only."""
    if text.isascii():
        return _NOT_ASCII_WORD.sub("", text.lower())
    text = unicodedata.normalize("NFD", text.lower())
    return "".join(c for c in text if unicodedata.category(c)[0] in "LN").replace("đ", "d")


def spell_d(text: str) -> str:
    """"đ"/"Đ" as the search index spells them ("d"/"D" + STROKE), in NFC (as the browser
    spells a query: search.js toIndexForm)."""
    if not unicodedata.is_normalized("NFC", text):
        text = unicodedata.normalize("NFC", text)
    # two str.replace calls: ~10x faster than str.translate with a mapping to
    # two-character strings, which looks every character up in a dict
    return text.replace("đ", "d" + STROKE).replace("Đ", "D" + STROKE)



def slugify(text: str, max_length: int = 0) -> str:
    """Vietnamese-aware slug: đ → d, tones dropped, lower case, hyphens."""
    text = text.replace("đ", "d").replace("Đ", "D")
    return _slugify(text, max_length=max_length, word_boundary=bool(max_length), save_order=True)



# Punctuation python-slugify's transliteration turns into separators anyway.
_AS_SPACE = set("\u00a0\u2002\u2003\u2009\u202f\u201c\u201d\u201e\u00ab\u00bb\u2010\u2011\u2012"
                "\u2013\u2014\u2015\u2026\u2022\u00b7")
_AS_QUOTE = set("\u2018\u2019\u02bc")  # become "'" which python-slugify deletes


def _fold_ascii(text: str) -> str | None:
    """Vietnamese text → ASCII as python-slugify's transliteration would give it,
    or None when a character is outside what this fold knows."""
    out = []
    for ch in unicodedata.normalize("NFD", text.replace("đ", "d").replace("Đ", "D")):
        if ch.isascii():
            out.append(ch)
        elif unicodedata.combining(ch):
            continue
        elif ch in _AS_SPACE:
            out.append(" ")
        elif ch in _AS_QUOTE:
            out.append("'")
        else:
            return None
    return "".join(out)


@functools.lru_cache(maxsize=1 << 16)
def fast_slugify(text: str) -> str:
    """slugify, same output, fast: python-slugify's transliteration
    retries a failing import on every call, so Vietnamese is folded to ASCII first
    (ASCII input skips it). tests/test_site_build.py checks the equality."""
    folded = _fold_ascii(text)
    return slugify(folded if folded is not None else text)


