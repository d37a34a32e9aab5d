"""Vietnamese personal names as signature blocks print them.

``is_name`` is the shape the signature-block reader looks for ("Nguyễn Lưu Trung",
"Thượng tướng Nguyễn Văn Gấu", "TS. Lê Văn A", "Y Thông Niê"); ``plain`` drops the rank
and academic title; ``checked_shape`` is the stricter test a name read from a scan must pass
before one careful reading is trusted: every word a well-formed Vietnamese syllable and the
first a family name of the vocabulary (a misread tone, "Trân" for "Trần", fails it).
"""
from __future__ import annotations

import re
from functools import lru_cache

from converters import vocab
from converters.text.vietnamese import is_vietnamese_word

NAME_WORD = re.compile(r"^[A-ZĐÀ-Ỹ][a-zđà-ỹ]+$")
HONORIFIC = re.compile(r"^(?:(?:PGS|GS)\.?\s*TS|TS|ThS|BS|KS|CN|Ông|Bà)\.?\s+")
# military and police ranks printed before the signer's name ("Thượng tướng Nguyễn Văn Gấu")
RANK = re.compile(r"^(?:Đại|Thượng|Trung|Thiếu)\s+(?:tướng|tá|úy|uý)\s+|^(?:Chuẩn\s+)?Đô\s+đốc\s+", re.IGNORECASE)


def plain(text: str) -> str:
    """The name without a rank or an academic title before it."""
    return " ".join(HONORIFIC.sub("", RANK.sub("", text.replace("\u00a0", " "))).split())


def is_name(text: str) -> bool:
    """A person's name: 2-6 capitalised words ("Nguyễn Lưu Trung"), a rank or an
    academic title before it tolerated ("TS. Nguyễn Văn A")."""
    words = plain(text).split()
    if not 2 <= len(words) <= 6:
        return False
    if words[0] == "Y":  # Ê Đê, M'nông men's names: "Y Thông Niê"
        words = words[1:]
    return all(NAME_WORD.match(w) for w in words)  # no one-letter words: "T Lê Tiến" is OCR of a seal


@lru_cache(maxsize=1)
def _surnames() -> frozenset[str]:
    return frozenset(vocab.vocabulary()["surnames"])


def checked_shape(text: str) -> bool:
    """``text`` is a name whose words are all Vietnamese syllables and whose first word
    is a known family name."""
    words = plain(text).split()
    return is_name(text) and words[0] in _surnames() and all(is_vietnamese_word(w) for w in words)
