"""Received-document stamps ("ĐẾN  Số: 1789  Ngày: 11/6/2018").

A receiving office stamps the copy it got: its name, "ĐẾN", the entry number,
the date, "Chuyển:" and "Lưu hồ sơ số:". The stamp is not part of the report;
it is lifted out of the body into ``Stamp``.
"""
from __future__ import annotations

import re

from converters.document import Stamp

_DEN = re.compile(r"(^|[\s|*])ĐẾN(\s|$|[|*:])")
_NUMBER = re.compile(r"Số\s*:\s*(\d+)")
_DATE = re.compile(r"Ngày\s*:\s*(\d{1,2})\s*/\s*(\d{1,2})\s*/\s*(\d{4})")
_FIELD = re.compile(r"^\s*(Chuyển|Lưu hồ sơ|Ngày|Số)\b.*:", re.IGNORECASE)
_CLEAN = re.compile(r"[*_|\t]+")

_KEEP_UPPER = {"UBND", "HĐND", "MTTQ", "VN", "TW", "TP", "TP.", "CP", "BCH", "BTV", "ĐU", "TU"}
_LOWER = {"huyện", "tỉnh", "xã", "phường", "thị", "trấn", "quận", "thành", "phố", "sở", "ban",
          "nhân", "dân", "ủy", "uỷ", "văn", "phòng"}


def receiver_name(raw: str) -> str:
    """"UBND HUYỆN KIÊN HẢI" → "UBND huyện Kiên Hải" (acronyms kept, admin words lower-cased)."""
    words = _CLEAN.sub(" ", raw).split()
    out: list[str] = []
    for i, w in enumerate(words):
        if w.upper() in _KEEP_UPPER:
            out.append(w.upper())
        elif w.lower() in _LOWER and i > 0:
            out.append(w.lower())
        else:
            out.append(w[:1].upper() + w[1:].lower())
    return " ".join(out)


def find(lines: list[str], window: int = 60) -> tuple[Stamp | None, set[int]]:
    """(stamp, indices of the lines it occupies) in the first ``window`` lines."""
    for i, line in enumerate(lines[:window]):
        if "ĐẾN" not in line or not _DEN.search(line) or len(_CLEAN.sub(" ", line).strip()) > 60:
            continue
        seg = [j for j in range(i, min(len(lines), i + 6))]
        text = " ".join(lines[j] for j in seg)
        num = _NUMBER.search(text)
        date = _DATE.search(text)
        if not (num or date):
            continue
        used = {i}
        receiver = None
        # receiver: the non-blank line just above, when it is a name in capitals
        k = i - 1
        while k >= 0 and not lines[k].strip():
            k -= 1
        if k >= 0:
            above = _CLEAN.sub(" ", lines[k]).strip()
            if above and above == above.upper() and len(above) <= 80 and any(c.isalpha() for c in above):
                receiver = receiver_name(above)
                used.add(k)
        # fields below, until a blank line or a non-field line
        j = i + 1
        while j < len(lines) and lines[j].strip() and _FIELD.match(_CLEAN.sub(" ", lines[j])):
            used.add(j)
            j += 1
        iso = None
        if date:
            d, m, y = int(date.group(1)), int(date.group(2)), int(date.group(3))
            if 1 <= d <= 31 and 1 <= m <= 12:
                iso = f"{y:04d}-{m:02d}-{d:02d}"
        return Stamp(receiver=receiver, number=num.group(1) if num else None, date=iso), used
    return None, set()
