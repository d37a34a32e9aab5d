"""Heading markers and the one consistent outline of a report body.

Reports number their sections with "Phần thứ nhất" / "Phần I", Roman "I.",
Arabic "1." / "1-", "1.1." and letters "a)"; exports mark some of them as
``##``…``#####`` or bold and leave others plain. The page gets one outline
whatever the export did: the kinds present are ranked part > roman > arabic >
arabic2 > alpha and given ``##``, ``###``… in that order (the page title is
the ``#``). A heading without a marker (a bold-only or all-caps line) sits one
level below the heading before it.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

RANKS = ("part", "roman", "arabic", "arabic2", "alpha")

_PART = re.compile(r"^(?:PHẦN|Phần)\s+(?:THỨ|thứ)\s+\w+|^(?:PHẦN|Phần)\s+(?:[IVXLC]+|\d{1,2}|[A-Z])\b")
_ROMAN = re.compile(r"^([IVXLC]{1,6})\s*[.)\-–:]\s*(?=\S)")
_ARABIC2 = re.compile(r"^(\d{1,2})\.(\d{1,2})\.?(?:\d{1,2}\.?)*\s+(?=\S)")
_ARABIC = re.compile(r"^(\d{1,2})\s*[.)\-–]\s+(?=\S)")
_ALPHA = re.compile(r"^([a-zđ])\s*[).]\s+(?=\S)")
_BULLET = re.compile(r"^([-–•+])\s+(?=\S)")
_SUB_BULLET = re.compile(r"^[-–•]\s*\+\s+(?=\S)|^\+\s+(?=\S)")
_VALID_ROMAN = re.compile(r"^M{0,3}(CM|CD|D?C{0,3})(XC|XL|L?X{0,3})(IX|IV|V?I{0,3})$")


@dataclass(frozen=True)
class Marker:
    kind: str  # part | roman | arabic | arabic2 | alpha | bullet | sub
    number: int | None
    rest: str  # text after a bullet marker (bullets only)


def _roman_value(s: str) -> int | None:
    if not s or not _VALID_ROMAN.match(s):
        return None
    vals = {"I": 1, "V": 5, "X": 10, "L": 50, "C": 100, "D": 500, "M": 1000}
    total = 0
    for i, ch in enumerate(s):
        v = vals[ch]
        total += -v if i + 1 < len(s) and vals[s[i + 1]] > v else v
    return total


# Every marker pattern above is anchored and starts with one of these characters
# (or a decimal digit): any other first character is no marker, without a regex.
_MARKER_FIRST = frozenset("PIVXLC" + "abcdefghijklmnopqrstuvwxyzđ" + "-–•+")


def marker(text: str) -> Marker | None:
    """The numbering marker a line of text starts with, if any."""
    first = text[:1]
    if first not in _MARKER_FIRST and not first.isdecimal():
        return None  # also the empty text ("".isdecimal() is False)
    if _PART.match(text):
        return Marker("part", None, "")
    m = _ROMAN.match(text)
    if m and _roman_value(m.group(1)):
        return Marker("roman", _roman_value(m.group(1)), "")
    m = _ARABIC2.match(text)
    if m:
        return Marker("arabic2", int(m.group(2)), "")
    m = _ARABIC.match(text)
    if m:
        return Marker("arabic", int(m.group(1)), "")
    m = _ALPHA.match(text)
    if m:
        return Marker("alpha", ord(m.group(1)), "")
    m = _SUB_BULLET.match(text)
    if m:
        return Marker("sub", None, text[m.end():])
    m = _BULLET.match(text)
    if m:
        return Marker("bullet", None, text[m.end():])
    return None


def starts_block(text: str) -> bool:
    """Does a (wrapped) line open a new heading or list item?

    The marker must be followed by a capital, a digit or an opening quote:
    "- xã hội" at the start of a wrapped line is the rest of "chính trị - xã hội".
    """
    mk = marker(text)
    if mk is None:
        return False
    if mk.kind == "part":
        return True
    body = text
    if mk.kind in ("bullet", "sub"):
        body = mk.rest
    else:
        body = re.sub(r"^\S+\s+", "", text, count=1)
    body = body.lstrip("*_")
    return bool(body) and (body[0].isupper() or body[0].isdigit() or body[0] in "“\"'(«")


def levels(kinds_present: set[str]) -> dict[str, int]:
    """Markdown heading level of each marker kind present as a heading."""
    ordered = [k for k in RANKS if k in kinds_present]
    return {k: min(6, 2 + i) for i, k in enumerate(ordered)}
