"""Documents cited in a report, as normalised "số và ký hiệu".

State symbols: ``33/CT-TTg``, ``18/2000/CT-TTg``, ``904/SNV-XDCQ&CTTN``;
Party symbols: ``19-CT/TU``, ``79-CTr/BDVTW-BCSĐCP``, ``11-QĐi/TW``. A symbol
split by a line break ("19-" / "CT/TU") is rejoined first. D/Đ variants of
known codes are normalised to the Đ form ("BCSDUBND" → "BCSĐUBND", "QD" →
"QĐ"). Order is that of first appearance; duplicates are dropped.
"""
from __future__ import annotations

import re

_CODE = r"[A-ZĐ][A-Za-zĐđ&]*"
_CODES = _CODE + r"(?:-" + _CODE + r")*"
# one pass: state "N[/YYYY]/TYPE-ISSUER" or Party "N-TYPE/ISSUER"; the character
# before the number is checked in code (a look-behind at every position is slow)
_SYMBOL = re.compile(
    r"(\d{1,5})(?:(/(?:19|20)\d\d)?/(" + _CODE + r")\s?-(" + _CODES + r")|-(" + _CODE + r")/(" + _CODES + r"))")
_NOT_BEFORE = set("/.-_") | set("0123456789")
# candidates: the last digit of a number and the separator after it. One pattern per
# separator, each starting with its literal character: the regex engine jumps from
# one "/" (or "-") to the next far faster than it tests a character class at every
# position; the two lists of matches are merged back into text order.
_CANDIDATES = tuple(re.compile(sep + r"(?<=\d" + sep + r")(?=[A-ZĐ]|(?:19|20)\d\d/[A-ZĐ])") for sep in "/-")
# a normative symbol with the hyphen lost: "92/2017/NĐCP" → 92/2017/NĐ-CP
_GLUED = re.compile(r"/((?:19|20)\d\d)/(NĐ|QĐ|NQ|TTLT|TT|CT)(CP|TTg|[A-ZĐ]{2,}[A-Za-zĐ]*)(?![\w-])")
_GLUED_NUMBER = re.compile(r"(?<![\w/.-])\d{1,5}$")
# a symbol broken by a line break (and PDF blank lines): "19-" / "CT/TU",
# "33/" / "CT-TTg", "18-CTr/" / "TU": candidates are a "-" or "/" ending a line
_BREAKS = tuple(re.compile(sep + r"[ \t]*\n\s*(?=[A-ZĐ])") for sep in "-/")  # see _CANDIDATES
_BEFORE = re.compile(r"(?:(?<![\w/])\d{1,5}|\d{1,5}[-/][A-ZĐ][A-Za-zĐđ&]*)$")
_AFTER = re.compile(r"[A-ZĐ][A-Za-zĐđ&]*(?:[/-][A-ZĐ]|\b)")

# Codes written with Đ; a D in their place is an export/typing variant.
# Type codes (the first code) and issuer codes are fixed separately: "ND" is
# Nghị định as a type code but Nông dân among issuers.
_D_TYPES = {"QD": "QĐ", "ND": "NĐ", "QDi": "QĐi"}
_D_PREFIXES = (("BCSD", "BCSĐ"), ("HDND", "HĐND"))


def rejoin(text: str) -> str:
    """Rejoin symbols split across lines."""
    if "\n" not in text:
        return text
    out: list[str] = []
    pos = 0
    for m in _merged(_BREAKS, text):
        before = text[max(0, m.start() - 24):m.start()]
        b = _BEFORE.search(before)
        if not b:
            continue
        is_number_only = b.group(0).isdigit()
        if is_number_only and not _AFTER.match(text, m.end()):
            continue
        out.append(text[pos:m.start() + 1])
        pos = m.end()
    if not out:
        return text
    out.append(text[pos:])
    return "".join(out)


def _merged(patterns, text: str) -> list[re.Match]:
    """The matches of single-character-led ``patterns`` in text order (they cannot
    overlap: each starts at its own character and none matches the other's)."""
    found = [m for pattern in patterns for m in pattern.finditer(text)]
    found.sort(key=lambda m: m.start())
    return found


def _norm_type(part: str) -> str:
    return _D_TYPES.get(part, part)


def _norm_code(part: str) -> str:
    for d, dd in _D_PREFIXES:
        if part.startswith(d):
            return dd + part[len(d):]
    return part


def _norm_codes(codes: str) -> str:
    return "-".join(_norm_code(p) for p in codes.split("-"))


def find(texts, exclude: str | None = None, joined: bool = False) -> tuple[str, ...]:
    """Normalised symbols cited in ``texts`` (strings, in reading order;
    ``joined``: ``rejoin`` has been applied already)."""
    seen: dict[str, None] = {}
    own = normalise(exclude) if exclude else None
    for text in texts:
        if not text:
            continue
        if not joined:
            text = rejoin(text)
        for _, _, sym in occurrences(text):
            if sym != own and sym not in seen:
                seen[sym] = None
    return tuple(seen)


def occurrences(text: str) -> list[tuple[int, int, str]]:
    """(start, end, normalised symbol) of every symbol in ``text`` (already rejoined):
    the regular symbols in text order, then the glued normative ones."""
    hits: list[tuple[int, int, str]] = []
    for c in _merged(_CANDIDATES, text):
        digit = c.start() - 1  # where the old one-pattern candidate "\d[/-]" started
        start = digit
        while start > 0 and text[start - 1].isdigit() and digit - start < 4:
            start -= 1
        if start and (text[start - 1] in _NOT_BEFORE or text[start - 1].isalpha()):
            continue
        m = _SYMBOL.match(text, start)
        if m is None:
            continue
        if m.group(3):
            year = m.group(2) or ""
            sym = f"{m.group(1)}{year}/{_norm_type(m.group(3))}-{_norm_codes(m.group(4))}"
        else:
            sym = f"{m.group(1)}-{_norm_type(m.group(5))}/{_norm_codes(m.group(6))}"
        hits.append((m.start(), m.end(), sym))
    if "/" in text:
        for m in _GLUED.finditer(text):
            n = _GLUED_NUMBER.search(text, max(0, m.start() - 6), m.start())
            if n:
                hits.append((n.start(), m.end(), f"{n.group(0)}/{m.group(1)}/{m.group(2)}-{m.group(3)}"))
    return hits


def normalise(symbol: str) -> str:
    """A printed number in the normalised form ``find`` gives."""
    found = find([symbol])
    return found[0] if found else symbol
