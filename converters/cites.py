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
_STATE = re.compile(
    r"(?<![\w/.-])(\d{1,5})(/(?:19|20)\d\d)?/(" + _CODE + r")(?:\s?-(" + _CODE + r"(?:-" + _CODE + r")*))")
_PARTY = re.compile(
    r"(?<![\w/.-])(\d{1,5})-(" + _CODE + r")/(" + _CODE + r"(?:-" + _CODE + r")*)")
# a normative symbol with the hyphen lost: "92/2017/NĐCP" → 92/2017/NĐ-CP
_GLUED = re.compile(r"(?<![\w/.-])(\d{1,5})/((?:19|20)\d\d)/(NĐ|QĐ|NQ|TTLT|TT|CT)(CP|TTg|[A-ZĐ]{2,}[A-Za-zĐ]*)(?![\w-])")
# a symbol broken by a line break (and PDF blank lines): "19-" / "CT/TU", "33/" / "CT-TTg"
_BROKEN = re.compile(r"(?<![\w/])(\d{1,5}[-/])[ \t]*\n\s*(?=[A-ZĐ][A-Za-zĐđ&]*[/-][A-ZĐ])")
_BROKEN_TAIL = re.compile(r"(\d{1,5}[-/][A-ZĐ][A-Za-zĐđ&]*[/-])[ \t]*\n\s*(?=[A-ZĐ])")

# Codes written with Đ; a D in their place is an export/typing variant.
# Type codes (the first code) and issuer codes are fixed separately: "ND" is
# Nghị định as a type code but Nông dân among issuers.
_D_TYPES = {"QD": "QĐ", "ND": "NĐ", "QDi": "QĐi"}
_D_PREFIXES = (("BCSD", "BCSĐ"), ("HDND", "HĐND"))


def rejoin(text: str) -> str:
    """Rejoin symbols split across lines."""
    text = _BROKEN.sub(r"\1", text)
    return _BROKEN_TAIL.sub(r"\1", text)


def _norm_type(part: str) -> str:
    return _D_TYPES.get(part, part)


def _norm_code(part: str) -> str:
    for d, dd in _D_PREFIXES:
        if part.startswith(d):
            return dd + part[len(d):]
    return part


def _norm_codes(codes: str) -> str:
    return "-".join(_norm_code(p) for p in codes.split("-"))


def find(texts, exclude: str | None = None) -> tuple[str, ...]:
    """Normalised symbols cited in ``texts`` (strings, in reading order)."""
    seen: dict[str, None] = {}
    own = normalise(exclude) if exclude else None
    for text in texts:
        if not text:
            continue
        text = rejoin(text)
        hits: list[tuple[int, str]] = []
        for m in _PARTY.finditer(text):
            hits.append((m.start(), f"{m.group(1)}-{_norm_type(m.group(2))}/{_norm_codes(m.group(3))}"))
        for m in _STATE.finditer(text):
            year = m.group(2) or ""
            hits.append((m.start(), f"{m.group(1)}{year}/{_norm_type(m.group(3))}-{_norm_codes(m.group(4))}"))
        for m in _GLUED.finditer(text):
            hits.append((m.start(), f"{m.group(1)}/{m.group(2)}/{m.group(3)}-{m.group(4)}"))
        hits.sort()
        for _, sym in hits:
            if sym != own and sym not in seen:
                seen[sym] = None
    return tuple(seen)


def normalise(symbol: str) -> str:
    """A printed number in the normalised form ``find`` gives."""
    found = find([symbol])
    return found[0] if found else symbol
