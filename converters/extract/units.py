"""Issuing bodies (units) and the province they belong to.

From the agency lines when the header has them ("UBND TỈNH HÀ NAM" over "SỞ
THÔNG TIN VÀ TRUYỀN THÔNG" → "Sở Thông tin và Truyền thông tỉnh Hà Nam"; a
trailing "-" joins co-issuers), else from the issuer code of the ký hiệu
(vocabulary ``agencies``) when the text corroborates it. Names are completed
with the province as Vietnamese writes it ("Sở Ngoại vụ tỉnh Kiên Giang",
"Ban Dân vận Tỉnh ủy Kiên Giang", "Văn phòng UBND tỉnh Quảng Trị").
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from converters.text import casing
from converters import vocab
from converters.vocab import Province

# Words an agency line starts with; a line starting otherwise continues the
# previous one ("ỦY BAN NHÂN" / "DÂN", "ỦY BAN NHÂN DÂN" / "TỈNH KIÊN GIANG").
_HEADS = (
    "ủy ban", "ubnd", "hđnd", "hội đồng", "sở ", "ban ", "văn phòng", "bộ ", "tỉnh ủy", "thành ủy",
    "huyện ủy", "thị ủy", "quận ủy", "đảng ủy", "đảng bộ", "đảng đoàn", "chính phủ", "thủ tướng",
    "quốc hội", "thanh tra", "cục ", "chi cục", "tổng cục", "công an", "trung tâm", "trường",
    "bệnh viện", "mặt trận", "hội ", "liên đoàn", "đoàn ", "kho bạc", "ngân hàng", "viện ", "tòa án",
    "bảo hiểm", "chi bộ", "cơ quan", "tiểu ban", "tổ ",
)
_CENTRAL = re.compile(r"^(?:bộ (?!chỉ huy)|chính phủ|thủ tướng|quốc hội|văn phòng chính phủ|"
                      r"ban chấp hành trung ương|văn phòng trung ương)|trung ương")
_LOCAL_LEVEL = re.compile(r"\b(?:huyện|quận|thị xã|xã|phường|thị trấn|thành phố)\s+\S", re.IGNORECASE)
# Names that only make sense under their superior ("VĂN PHÒNG" under "UBND TỈNH X").
_GENERIC = {"văn phòng", "thanh tra", "ban dân vận", "ban tuyên giáo", "ban tổ chức", "ban nội chính",
            "ủy ban kiểm tra", "ban thường vụ", "ban cán sự đảng", "đảng đoàn", "đảng ủy"}


@dataclass(frozen=True)
class Issuers:
    units: tuple[str, ...]
    province: Province | None
    central: bool


def _key(text: str) -> str:
    return vocab.fold_key(text)


def _is_head(key: str) -> bool:
    return key.startswith(_HEADS)


def segment(agency_lines: tuple[str, ...] | list[str]) -> list[str]:
    """Agency lines → one string per body, wrapped lines rejoined."""
    bodies: list[str] = []
    for line in agency_lines:
        text = " ".join(line.replace("*", " ").split())
        if not text or set(text) <= set("-_=.* "):
            continue
        if bodies and not _is_head(_key(text)) and not bodies[-1].rstrip().endswith("-"):
            bodies[-1] = bodies[-1] + " " + text
        else:
            bodies.append(text)
    return bodies


def old_style(key: str) -> str:
    """The old tone placement of a folded key ("hòa" → "hoà", "ủy" → "uỷ")."""
    for old, new in vocab.TONE_VARIANTS.items():
        key = key.replace(new, old)
    return key


@lru_cache(maxsize=1)
def _province_pattern() -> tuple[re.Pattern, dict[str, Province]]:
    index: dict[str, Province] = {}
    for p in vocab.provinces():
        index[_key(p.name)] = p
        index.setdefault(old_style(_key(p.name)), p)
    names = sorted(index, key=len, reverse=True)
    alt = "|".join(re.escape(n) for n in names)
    # "\b(?:tỉnh|thành phố|tp\.?) " written to start with the literal "t" (the word
    # boundary checked behind it): the regex engine then jumps from "t" to "t"
    # through a whole body text instead of trying every position (5x faster)
    return re.compile(r"t(?<=\bt)(?:ỉnh|hành phố|p\.?) (" + alt + r")(?!\w)"), index


@lru_cache(maxsize=1)
def _bare_province_pattern() -> re.Pattern:
    _, index = _province_pattern()
    alt = "|".join(re.escape(n) for n in sorted(index, key=len, reverse=True))
    return re.compile(r"(?<!\w)(" + alt + r")(?!\w)")


def province_in(text: str, bare: bool = False) -> Province | None:
    """A province named in a body name ("TỈNH ỦY KIÊN GIANG", "UBND TỈNH HÀ NAM")."""
    key = _key(text)
    pattern, index = _province_pattern()
    m = pattern.search(key)
    if m:
        return index[m.group(1)]
    if bare:
        m = _bare_province_pattern().search(key)
        if m:
            return index[m.group(1)]
    return None


def province_in_text(text: str, folded: bool = False) -> Province | None:
    """The province the text names most often as "tỉnh X" / "thành phố X"
    (``folded``: the text is already lower case and single-spaced)."""
    pattern, index = _province_pattern()
    counts: dict[str, int] = {}
    for m in pattern.finditer(text if folded else _key(text)):
        counts[m.group(1)] = counts.get(m.group(1), 0) + 1
    if not counts:
        return None
    best = max(counts.items(), key=lambda kv: (kv[1], -list(counts).index(kv[0])))
    return index[best[0]]


def is_central(text: str) -> bool:
    return bool(_CENTRAL.search(_key(text)))


def complete(name: str, province: Province | None, province_name: str | None = None) -> str:
    """A body's name completed with its province as Vietnamese writes it."""
    name = " ".join(name.split()).rstrip(" -,")
    if province is None:
        return name
    pname = province_name or province.name
    key = _key(name)
    if _key(pname) in key or _key(province.name) in key or _LOCAL_LEVEL.search(name):
        return name
    level = "thành phố" if vocab.is_municipality(pname) else "tỉnh"
    if key.endswith((" tỉnh", " thành phố")) or key.endswith(("tỉnh ủy", "thành ủy")):
        return f"{name} {pname}"
    return f"{name} {level} {pname}"


def from_lines(agency_lines) -> Issuers:
    bodies = segment(agency_lines)
    if not bodies:
        return Issuers((), None, False)
    group = [bodies[-1]]
    k = len(bodies) - 1
    while k > 0 and bodies[k - 1].rstrip().endswith("-"):
        k -= 1
        group.insert(0, bodies[k])
    superiors = bodies[:k]
    central = any(is_central(b) for b in bodies)
    province = None
    if not central:
        for b in superiors + group:
            province = province_in(b, bare=True)
            if province:
                break
    superior_name = casing.natural(superiors[-1]) if superiors else None
    units = []
    for b in group:
        name = casing.natural(b.rstrip(" -"))
        if superior_name and _key(name) in _GENERIC and not central:
            sup = superior_name
            # "Văn phòng" under "UBND tỉnh X" → "Văn phòng UBND tỉnh X"
            units.append(f"{name} {sup}")
        elif superior_name and _key(name) in _GENERIC and central:
            if _key(superior_name) == "ban chấp hành trung ương":
                units.append(f"{name} Trung ương Đảng")  # "Văn phòng Trung ương Đảng"
            else:
                units.append(f"{name} {superior_name}")
        else:
            units.append(name)
    return Issuers(tuple(units), province, central)


def from_codes(codes: tuple[str, ...], corroboration: str, folded: bool = False) -> tuple[tuple[str, ...], bool]:
    """Bodies named by issuer codes, kept only when ``corroboration`` (title,
    text, signature) mentions them. Returns (names, central)."""
    names: list[str] = []
    central = False
    text = corroboration if folded else _key(corroboration)
    text_alt = text.replace("ủy ban nhân dân", "ubnd").replace("uỷ ban nhân dân", "ubnd")
    for code in codes:
        if vocab.is_central_code(code):
            central = True
            continue
        name = vocab.agency_for_code(code)
        if not name:
            continue
        key = _key(name)
        alt = key.replace("ủy ban nhân dân", "ubnd")
        if key in text or alt in text_alt or old_style(key) in text or old_style(alt) in text_alt:
            if name not in names:
                names.append(name)
    return tuple(names), central
