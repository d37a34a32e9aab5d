"""What is stamped on a document, not written in it.

- Received-document stamps ("ĐẾN  Số: 1789  Ngày: 11/6/2018"): a receiving office
  stamps the copy it got: its name, "ĐẾN", the entry number, the date, "Chuyển:" and
  "Lưu hồ sơ số:". Lifted out of the body into ``Stamp``.
- Digital-signature boxes ("Ký bởi: Ủy ban nhân dân tỉnh … Thời gian ký: 26/11/2024
  10:40:48", "SAO Y; SỞ NỘI VỤ; 19/05/2026; 14:42:19; +07:00", "Trung tâm Công báo
  26.11.2024 13:45:56"): evidence of who signed and when, lifted out of the text
  wherever they sit into ``ESignature``.
- Urgency and secrecy marks ("HỎA TỐC", "THƯỢNG KHẨN", "KHẨN", "MẬT"; NĐ 30 ô 10).
"""
from __future__ import annotations

import re

from converters.document import ESignature, Stamp
from converters.text import casing

_DEN = re.compile(r"(^|[\s|*])ĐẾN(\s|$|[|*:])")
_NUMBER = re.compile(r"Số\s*:\s*(\d+)")
_DATE = re.compile(r"Ngày\s*:\s*(\d{1,2})\s*/\s*(\d{1,2})\s*/\s*(\d{4})")
_FIELD = re.compile(r"^\s*(Chuyển|Lưu hồ sơ|Ngày|Số)\b.*:", re.IGNORECASE)
_CLEAN = re.compile(r"[*_|]+|\t")

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


# ---- digital-signature boxes

_LABEL = re.compile(r"^\W*(?P<label>Ký\s+bởi|Người\s+ký|Cơ\s+quan|Email|Thời\s+gian\s+ký|Ngày\s+ký|Chức\s+vụ)"
                    r"\s*:\s*(?P<value>.*?)\W*$", re.IGNORECASE)
_WHO = {"ký bởi", "người ký"}
_WHEN = {"thời gian ký", "ngày ký"}
_WHEN_TEXT = re.compile(r"(?P<d>\d{1,2})[./-](?P<m>\d{1,2})[./-](?P<y>\d{4})"
                        r"(?:[\s,;T]+(?P<t>\d{1,2}:\d{2}(?::\d{2})?))?(?:\s*;?\s*(?P<z>[+-]\d{2}:?\d{2}))?")
# "SAO Y; SỞ NỘI VỤ; 19/05/2026; 14:42:19; +07:00" (a line of its own)
_SEMICOLON_BOX = re.compile(r"^\W*(?P<who>[^;\d]{2,120}(?:;[^;\d]{2,120})?);\s*(?P<when>\d{1,2}/\d{1,2}/\d{4}\s*;\s*"
                            r"\d{1,2}:\d{2}:\d{2}(?:\s*;\s*[+-]\d{2}:?\d{2})?)\W*$")
# "Trung tâm Công báo và Tin học 26.11.2024 13:45:56" (a timestamp to the second)
_TIMESTAMP_BOX = re.compile(r"^\W*(?P<who>[^\d:;]{4,120}?)\s+(?P<when>\d{1,2}\.\d{1,2}\.\d{4}\s+\d{1,2}:\d{2}:\d{2}"
                            r"(?:\s*[+-]\d{2}:?\d{2})?)\W*$")
_PURPOSES = {"sao y": "Sao y", "sao lục": "Sao lục", "trích sao": "Trích sao", "bản sao": "Sao y"}


def _when(text: str) -> str | None:
    m = _WHEN_TEXT.search(text)
    if not m:
        return None
    d, mo, y = int(m.group("d")), int(m.group("m")), int(m.group("y"))
    if not (1 <= d <= 31 and 1 <= mo <= 12):
        return None
    out = f"{y:04d}-{mo:02d}-{d:02d}"
    if m.group("t"):
        hms = m.group("t").split(":")
        out += "T" + ":".join(f"{int(x):02d}" for x in hms)
        if m.group("z"):
            z = m.group("z").replace(":", "")
            out += f"{z[:3]}:{z[3:]}"
    return out


def _holder(text: str) -> tuple[str | None, str | None]:
    """(holder, purpose) of a box's "who" part ("SAO Y; SỞ NỘI VỤ" → Sở Nội vụ, Sao y)."""
    parts = [p.strip(" ,.-") for p in text.split(";") if p.strip(" ,.-")]
    purpose = None
    if parts and parts[0].lower() in _PURPOSES:
        purpose = _PURPOSES[parts.pop(0).lower()]
    who = " ".join(parts) or None
    if who and who == who.upper():  # a body in capitals: as its name is written
        who = casing.natural(who)
    return who, purpose


_EMAIL = re.compile(r"^\S+@\S+\.\w+$")
_ZONE = re.compile(r"^[+-]\d{2}:?\d{2}$")
_DATETIME = re.compile(r"^\d{1,2}[./-]\d{1,2}[./-]\d{4}(?:[\s,;T]+\d{1,2}:\d{2}(?::\d{2})?)?(?:\s*[+-]\d{2}:?\d{2})?$")
_FRAGMENT = re.compile(r"^(?![-+•]|\d+\s*[.)]|[a-zđ]\)\s)[^\d.;:]{1,40}$")  # a wrapped piece of a box's value


def _box_cell(cell: str) -> bool:
    return bool(_LABEL.match(cell) or _EMAIL.match(cell) or _ZONE.match(cell) or _DATETIME.match(cell)
                or (_FRAGMENT.match(cell) and len(cell.split()) <= 5))


def _box(cells: list[str]) -> list[ESignature]:
    """The signatures of one box region, its cells in reading order: labelled fields
    ("Ký bởi: …", values wrapped over the next cells), and a timestamp box beside it
    (a body in capitals, a date and time to the second)."""
    fields: dict[str, str] = {}
    last: str | None = None
    holder: list[str] = []
    stamp_time: list[str] = []
    for cell in cells:
        m = _LABEL.match(cell)
        if m:
            last = " ".join(m.group("label").lower().split())
            fields[last] = m.group("value").strip()
        elif _EMAIL.match(cell):
            continue
        elif _ZONE.match(cell):
            if stamp_time:
                stamp_time[-1] += " " + cell
            elif last in _WHEN:
                fields[last] += " " + cell
        elif _DATETIME.match(cell):
            if last in _WHEN and not _WHEN_TEXT.search(fields[last]):
                fields[last] = cell
            else:
                stamp_time.append(cell)
        elif cell == cell.upper():
            holder.append(cell)
        elif last is not None:
            fields[last] = (fields[last] + " " + cell).strip()
    out = []
    who = next((fields[k] for k in fields if k in _WHO), None) or fields.get("cơ quan")
    when = next((fields[k] for k in fields if k in _WHEN), None)
    if who or when:
        name, purpose = _holder(who) if who else (None, None)
        out.append(ESignature(name, _when(when) if when else None, purpose))
    if holder or stamp_time:
        name, purpose = _holder(" ".join(holder)) if holder else (None, None)
        out.append(ESignature(name, _when(stamp_time[0]) if stamp_time else None, purpose))
    return out


def _cells(line: str) -> list[str]:
    return [c for c in (_CLEAN.sub(" ", x).strip() for x in line.split("\t")) if c]


def _holder_row(line: str) -> bool:
    cells = _cells(line)
    return bool(cells) and all(c == c.upper() and _FRAGMENT.match(c) and len(c.split()) <= 5 for c in cells)


def esignatures(lines: list[str]) -> tuple[list[ESignature], set[int]]:
    """The digital-signature boxes among ``lines`` and the indices of the lines they take.

    A box starts at a labelled line ("Ký bởi:", "Người ký:", "Thời gian ký:" …, possibly
    in a column beside another box) and goes on over the lines that read as its parts
    (labels, wrapped values, an e-mail, a date and time, a time zone), blank lines
    between them included."""
    found: list[ESignature] = []
    used: set[int] = set()
    i = 0
    n = len(lines)
    while i < n:
        row = _cells(lines[i])
        if any(":" in c and _LABEL.match(c) for c in row):
            cells: list[str] = []
            k = i
            while k > 0 and i - k < 3 and k - 1 not in used and _holder_row(lines[k - 1]):
                k -= 1  # the top of a timestamp box beside it ("TRUNG TÂM CÔNG BÁO")
            for x in range(k, i):
                cells += _cells(lines[x])
            used.update(range(k, i))
            j, blanks, end = i, 0, i
            while j < n and j - i < 16 and blanks <= 2:
                row = _cells(lines[j])
                if not row:
                    blanks += 1
                    j += 1
                    continue
                if not all(_box_cell(c) for c in row):
                    break
                cells += row
                blanks = 0
                j += 1
                end = j
            found += [e for e in _box(cells) if e not in found]
            used.update(range(i, end))
            i = end
            continue
        text = " ".join(row)
        m = (_SEMICOLON_BOX.match(text) or _TIMESTAMP_BOX.match(text)) if any(c.isdigit() for c in text) else None
        if m and any(c.isalpha() for c in m.group("who")):
            holder, purpose = _holder(m.group("who"))
            sig = ESignature(holder, _when(m.group("when")), purpose)
            if sig not in found:
                found.append(sig)
            used.add(i)
        i += 1
    return found, used


# ---- urgency and secrecy marks

_MARK_NAMES = {"hỏa tốc": "Hỏa tốc", "hoả tốc": "Hỏa tốc", "hỏa tốc hẹn giờ": "Hỏa tốc hẹn giờ",
               "thượng khẩn": "Thượng khẩn", "khẩn": "Khẩn", "mật": "Mật", "tối mật": "Tối mật",
               "tuyệt mật": "Tuyệt mật"}


def mark(cell: str) -> str | None:
    """"HỎA TỐC" → "Hỏa tốc" when a header cell is an urgency or secrecy mark."""
    return _MARK_NAMES.get(" ".join(cell.lower().strip(" *.:!").split()))
