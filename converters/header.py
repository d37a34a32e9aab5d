"""The header block: agency lines, "Số: ...", place and date, type line, title."""
from __future__ import annotations

import re
from dataclasses import dataclass

from . import errors, vocab


@dataclass(frozen=True)
class Header:
    agency_lines: tuple[str, ...]  # as printed, top-left column, in order
    party: bool  # a Party document (ĐẢNG CỘNG SẢN VIỆT NAM / N-XX/YY number)
    number: str | None  # full "số và ký hiệu", None when the number is blank
    symbol: str | None
    place: str | None
    issued: str | None  # ISO, as precise as printed
    type: str | None
    title: str | None
    body_start: int  # index of the first body line
    warnings: tuple[str, ...] = ()


_STRIP = re.compile(r"[*_#>|]+")
_NUMBER = re.compile(r"^Số\s*:?\s*(\d*)\s*([-/])\s*([^\s].*)$")
_DATE = re.compile(r"^(.+?),\s*ngày\s*(\d*)\s*tháng\s*(\d*)\s*năm\s*(\d{4})")


def clean(line: str) -> str:
    return " ".join(_STRIP.sub(" ", line).split())


def parse(lines: list[str], path: str) -> Header:
    """First cut; to be replaced by the full header parser."""
    number = symbol = place = issued = doc_type = None
    type_index = None
    names = {vocab.fold_key(n): n for n in vocab.type_names()}
    for i, raw in enumerate(lines[:80]):
        line = clean(raw)
        m = _NUMBER.match(line)
        if m and symbol is None:
            symbol = m.group(3).strip()
            number = f"{m.group(1)}{m.group(2)}{symbol}" if m.group(1) else None
            continue
        m = _DATE.match(line)
        if m and place is None:
            place = m.group(1).strip()
            issued = m.group(4) + (f"-{int(m.group(3)):02d}" if m.group(3) else "")
            continue
        if type_index is None and line.isupper() and vocab.fold_key(line) in names:
            doc_type = names[vocab.fold_key(line)]
            type_index = i
    if type_index is None:
        raise errors.NotAReport(path)
    title_lines = []
    i = type_index + 1
    while i < len(lines) and not clean(lines[i]):
        i += 1
    while i < len(lines) and clean(lines[i]) and len(title_lines) < 6:
        title_lines.append(clean(lines[i]))
        i += 1
    title = " ".join(title_lines) or None
    if title:
        title = title[0].upper() + title[1:]
    return Header((), False, number, symbol, place, issued, doc_type, title, i)
