"""The header block: agency lines, "Số: ...", place and date, type line, title.

Real exports flatten the two-column header (NĐ 30/2020 Phụ lục I; Party HD
36-HD/VPTW) into consecutive lines, pipe-table cells or one line per column,
in varying order, with Markdown markers and rules mixed in. Every line (or
cell) is classified on its own: agency (upper case, before the type line),
Quốc hiệu / Tiêu ngữ / "ĐẢNG CỘNG SẢN VIỆT NAM", number, place-date, type
line, "V/v" subject; the subject lines under the type line are the title.
The header ends after the title (and any header component that follows it,
as a column-wise flattened table gives); the body starts there. A received-
document stamp after the title is left to the body (converters.body).
"""
from __future__ import annotations

import dataclasses
import re
from functools import lru_cache
from dataclasses import dataclass
from pathlib import PurePosixPath

from converters.text import casing
from converters.extract import dates
from converters import errors
from converters import vocab
from converters.formats import textcheck
from converters.layout import stamp as stamp_mod
from converters.document import Stamp


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
    # a received-document stamp inside the header region (above or among the
    # header lines); one after the title is left to the body
    stamp: Stamp | None = None
    marks: tuple[str, ...] = ()  # "Hỏa tốc", "Mật" (layout.stamp.mark)
    # an issuer line OCR misread (a word that is no Vietnamese syllable): the issuer, and
    # the province it would give, are not read from the header
    doubtful_agency: bool = False


SCAN_LIMIT = 120  # header lines never sit further down than this

_MARKERS = re.compile(r"\*{1,3}|</?(?:b|i|u|em|strong)>", re.IGNORECASE)
_LEAD = re.compile(r"^\s*(?:#{1,6}\s+|>\s*)")
_RULE = re.compile(r"^[-–—_=*~.…\s]{3,}$|^\*$")
_SEPARATOR_CELL = re.compile(r"^:?-{3,}:?$")
_NUMBER = re.compile(
    r"^Số\s*:?\s*(?P<num>[\d.…\s]*?)\s*(?P<year>/\s*\d{4}\s*)?(?P<sep>[-/])\s*"
    r"(?P<sym>[A-ZĐ][\wĐđ&.]*(?:\s?[-/]\s?[\wĐđ&.]+)*)")
# the place ends at its comma (OCR may read it as a full stop: "Hà Nội. ngày 16");
# the day and month as printed: digits, blank (dots, spaces) or one short token that a
# reader could not read (handwriting, "l1", "@@"); dates.printed tells them apart
_DATE = re.compile(
    r"(?:(?P<place>[^\s,;:][^,;:]{0,60}?)\s*(?:,|\.(?=\s))\s*)?ngày\s*(?P<d>[\d\s.…_]*?|[^\s\d][^\s]{0,5}?|\S{1,6}?)\s*tháng\s*"
    r"(?P<m>[\d\s.…_]*?|\S{1,4}?)\s*năm\s*(?P<y>\d{4})")
# "Số: 2 #ˆ /CT-UBND", "Số: Éđã /HC-CNHC", "Số: ⁇ /2019/NĐ-CP": the symbol is printed, the
# numeral is not readable
_NUMBER_LOOSE = re.compile(
    r"^Số\s*:?\s*(?P<num>\S{1,6}(?:\s\S{1,3})?)\s*(?P<year>/\s*\d{4}\s*)?(?P<sep>/)\s*"
    r"(?P<sym>[A-ZĐ][A-ZĐ\d&.]*(?:\s?-\s?[A-ZĐ\d&.]+)+)\b")
_SYMBOL_TAIL = re.compile(r"^[A-ZĐА-Я][A-ZĐА-Яa-zđ\d&.]*(?:\s?-\s?[A-ZĐА-Я][A-ZĐА-Яa-zđ\d&.]*)*$")
_GAP = re.compile(r"\S {3,}\S")
_NOTE = re.compile(r"^\[[^\]]*\]?$")  # "[Bản trích chữ tự động …]": a note of whoever copied the text
_OPEN_PART = re.compile(r"^Số\s*:?$|\bngày$|\btháng$")
_DATE_START = re.compile(r"(?:^|,\s*)ngày\b")
# "V/v"; OCR gives "W⁄v", "V∕v" for it
_VV = re.compile(r"^(?:[VW][/⁄∕]v|về\s+việc)\s*:?\s*(?P<text>.*)$", re.IGNORECASE)
_VV_SHORT = re.compile(r"^[VW][/⁄∕]v", re.IGNORECASE)
_KINH_GUI = re.compile(r"^Kính\s+gửi\b", re.IGNORECASE)
_STATE_MOTTO = re.compile(r"cộng\s*hòa\s+xã\s+hội\s+chủ\s+nghĩa(?:\s+việt\s+nam)?")  # on fold_key text
_TIEU_NGU = re.compile(r"độc\s*lập\s*[-–—]\s*tự\s*do\s*[-–—]\s*hạnh\s*phúc")
_PARTY_MOTTO = re.compile(r"đảng\s+cộng\s+sản\s+việt\s+nam")
# the mottos as OCR gives them ("CỌNG HÒA XÃ HỘI CHÚ NGHĨA", "Độc lập =..=<Ắ- Tự do"),
# on ascii-folded lower-case text
_MOTTO_LOOSE = re.compile(r"(?:\bc\w{2,3}\s*)?hoa\s*xa\s*hoi\s*ch\w?\s*ngh|doc\s*lap\W.*(?:tu\s*do|hanh)"
                          r"|tu\s*do\W+hanh\s*ph")
_MARKS = {"mật", "tối mật", "tuyệt mật", "khẩn", "thượng khẩn", "hỏa tốc", "hoả tốc", "dự thảo",
          "lưu hành nội bộ", "xem xong trả lại"}
_BODY_START = re.compile(
    r"^(?:Căn\s+cứ|Kính\s+gửi|Phần\s+thứ|Phần\s+[IVX]+\b|Chương\s+[IVX\d]+\b|[IVX]+\s*[.\-/)]|\d+\s*[.\-/)]\s|[a-zđ]\)\s)")
_LOWER_START = re.compile(r"^[\"“‘'(]?[a-zđàáảãạăằắẳẵặâầấẩẫậèéẻẽẹêềếểễệìíỉĩịòóỏõọôồốổỗộơờớởỡợùúủũụưừứửữựỳýỷỹỵ]")
_YEAR_RANGE = re.compile(r"\b((?:19|20)\d\d)\s*[-–]\s*((?:19|20)\d\d)\b")


def clean(line: str) -> str:
    """A header line without Markdown markers, single-spaced."""
    if "*" in line or "<" in line or "\\" in line:
        line = _MARKERS.sub(" ", line)
    if "#" in line or ">" in line:
        line = _LEAD.sub(" ", line)
    return " ".join(line.split())


def cells(raw: str) -> list[str]:
    """The cells of a (possibly pipe-table or tab-separated) line, cleaned."""
    stripped = raw.strip()
    piped = stripped.startswith("|") or stripped.count("|") >= 2
    if piped or "\t" in stripped or _GAP.search(stripped):
        # pipe-table cells, tab-separated columns, or columns laid out with spaces
        # (pdftotext -layout, text copied from a PDF)
        parts = re.split(r"\||\t| {3,}" if piped else r"\t| {3,}", stripped)
        out = [c for c in (clean(p) for p in parts) if c and not _SEPARATOR_CELL.match(c)]
        for k in range(len(out) - 1, 0, -1):
            if _OPEN_PART.search(out[k - 1]):  # "Số:<TAB>/BC-SNV", "ngày      tháng": a blank left
                out[k - 1:k + 1] = [out[k - 1] + " " + out[k]]
        return out
    c = clean(raw)
    return [c] if c else []


def _fold(text: str) -> str:
    return vocab.fold_key(text).replace("–", "-").replace("—", "-")


@dataclass
class _State:
    agency: list[str]
    party: bool = False
    state: bool = False
    number: str | None = None
    symbol: str | None = None
    number_seen: bool = False
    place: str | None = None
    issued: str | None = None
    date_seen: bool = False
    type: str | None = None
    title_lines: list[str] | None = None
    subject: bool = False  # the title came from a "V/v" line (công văn)
    unknown_type: str | None = None  # a type line not in the vocabulary
    unreadable: list[str] = dataclasses.field(default_factory=list)  # parts printed but not readable
    marks: list[str] = dataclasses.field(default_factory=list)
    symbol_open: bool = False  # the ký hiệu ended its line with "-"


def _take_components(cell: str, st: _State) -> str:
    """Take the motto, number and date out of one cell; return what is left."""
    key = _fold(cell)
    changed = False
    if key.strip(" .*") == "việt nam":
        st.state = True  # the end of a Quốc hiệu wrapped over two lines
        return ""
    if _STATE_MOTTO.search(key):
        st.state = True
        cell, changed = _cut(cell, _STATE_MOTTO, key), True
        key = _fold(cell)
    if _TIEU_NGU.search(key):
        st.state = True
        cell, changed = _cut(cell, _TIEU_NGU, key), True
        key = _fold(cell)
    if _PARTY_MOTTO.search(key):
        st.party = True
        cell, changed = _cut(cell, _PARTY_MOTTO, key), True
    if not cell.strip(" -–—*"):
        return ""
    cell = cell.strip()
    loose = _MOTTO_LOOSE.search(vocab.ascii_fold(cell).lower()) if not changed else None
    if loose:  # a motto misread by OCR: what is before it in its cell is the agency's
        st.state = True
        cell = cell[:loose.start()].strip(" -–—") if len(vocab.ascii_fold(cell)) == len(cell) else ""
        if not cell:
            return ""
    if st.symbol_open and _SYMBOL_TAIL.match(cell):  # the rest of a ký hiệu wrapped at its "-"
        st.symbol_open = False
        tail = re.sub(r"\s", "", cell)
        st.symbol = (st.symbol or "") + "-" + tail
        st.number = st.number + "-" + tail if st.number else None
        return ""
    m = _NUMBER.match(cell) or _NUMBER_LOOSE.match(cell)
    if m and not st.number_seen:
        st.number_seen = True
        _set_number(m, st)
        cell = cell[m.end():].strip()
        if cell == "-":
            st.symbol_open = True
            return ""
        if not cell:
            return ""
    m = _DATE.search(cell)
    if m and not st.date_seen and (m.group("place") is None or m.start() == 0 or changed or st.number_seen):
        place = m.group("place")
        if place is not None and not _looks_like_place(place):
            place = None
        st.date_seen = True
        st.place = place.strip() if place else None
        st.issued, readable = dates.printed(m.group("y"), m.group("m"), m.group("d"))
        if not readable:
            st.unreadable.append("ngày ban hành")
        rest = (cell[:m.start()] + " " + cell[m.end():]).strip(" .,")
        return rest
    return cell


@lru_cache(maxsize=1)
def _folded_types() -> dict[str, str]:
    """Type names by their letters without tone marks, where that is unambiguous."""
    seen: dict[str, list[str]] = {}
    for name in vocab.type_names():
        seen.setdefault(_letters(name), []).append(name)
    return {k: v[0] for k, v in seen.items() if len(v) == 1}


def _letters(text: str) -> str:
    return " ".join(vocab.ascii_fold(text).lower().split())


def _type_line(text: str) -> str | None:
    """The type a type line names; a line misread by OCR in its tone marks only
    ("QUYÉT ĐỊNH") still names it when no other type has the same letters."""
    return vocab.type_named(text) or (_folded_types().get(_letters(text)) if len(text) <= 40 else None)


_LETTER_RUN = re.compile(r"[^\W\d_]+")
_GARBLED = re.compile(r"[^\w\s\-–,.&()/']|_")  # marks no issuer's name holds


def _joint(agency: list[str]) -> list[str]:
    """A joint header of several bodies wrapped over lines ("BỘ CÔNG AN - BỘ QUỐC PHÒNG -" /
    "BỘ TÀI CHÍNH - VIỆN KIỂM SÁT" / "NHÂN DÂN TỐI CAO"): one line per body, each but the
    last ending with "-" (as units reads joint issuers)."""
    if not any(re.search(r"\S\s+[-–]\s+\S", a) for a in agency):  # a dash inside a line
        return agency
    parts = [p.strip() for p in re.split(r"\s+[-–](?:\s+|$)", " ".join(agency)) if p.strip()]
    if len(parts) < 2 or not all(_looks_like_agency(p) for p in parts):
        return agency
    return [p + " -" for p in parts[:-1]] + parts[-1:]


def _mend_tones(line: str, rest: list[str]) -> str:
    """An issuer line whose letters the document's prose writes with other tone marks
    more often ("CỤC HÓA CHÁT" and "Cục Hóa chất" in the text): the prose's spelling. OCR
    (also a scan's hidden text layer) misreads small capitals' tones more often than those
    of running text."""
    text = " ".join(" ".join(rest).split())
    folded = "".join((vocab.ascii_fold(c) or c)[0] for c in text).lower()  # one char for one
    end = " -" if line.endswith(" -") else ""
    body = line[:-2] if end else line
    key = " ".join(vocab.ascii_fold(body).lower().split())
    if len(key.split()) < 2 or vocab.fold_key(body) in vocab.body_keys():
        return line  # a body of the vocabulary, spelt as it spells it: prose misreads do not outvote it
    found = [m.start() for m in re.finditer(r"(?<!\w)" + re.escape(key) + r"(?!\w)", folded)]
    counts: dict[str, int] = {}
    spelling: dict[str, str] = {}
    for k in found:
        sp = text[k:k + len(key)]
        if sp.isupper():
            continue  # other lines in capitals (a signature block) are read no better than the header
        counts[vocab.fold_key(sp)] = counts.get(vocab.fold_key(sp), 0) + 1
        spelling.setdefault(vocab.fold_key(sp), sp)
    if not counts:
        return line
    best = max(counts, key=lambda f: counts[f])
    own = vocab.fold_key(body)
    if best == own or counts[best] <= counts.get(own, 0) or list(counts.values()).count(counts[best]) > 1:
        return line  # the text spells it as the header does, or is not sure itself
    return spelling[best].upper() + end


def _well_formed(line: str) -> str | None:
    """An issuer line (in capitals) whose every word is a Vietnamese syllable, two glued
    ones ("VĨNHLONG", spaced again) or an acronym without tone marks ("UBND", "ĐBQH");
    None when OCR misread it ("TINH QUANG NGAÀI", "CONR G")."""
    def syllable(run: str) -> bool:
        return textcheck.syllable(run)[0]

    out = line
    for run in _LETTER_RUN.findall(line):
        if syllable(run):
            continue
        cut = next((k for k in range(1, len(run)) if vocab.ascii_fold(run[k]) not in "AEIOUYaeiouy"
                    and syllable(run[:k]) and syllable(run[k:])), None)
        if cut is not None:
            out = out.replace(run, run[:cut] + " " + run[cut:], 1)
            continue
        bare = vocab.ascii_fold(run)
        if len(run) < 2 or not run.isupper() or bare != run.replace("Đ", "D") or sum(c in "AEIOUY" for c in bare) > 1:
            return None
    return out


def _looks_like_place(text: str) -> bool:
    text = text.strip()
    return bool(text) and text[0].isupper() and len(text.split()) <= 6 and not any(c.isdigit() for c in text)


def _cut(cell: str, pattern: re.Pattern, key: str) -> str:
    """Remove the span ``pattern`` finds in the folded ``key`` from ``cell``.

    Folding keeps lengths for NFC text with single spaces, which ``clean`` ensures."""
    m = pattern.search(key)
    if not m or len(key) != len(cell):
        return re.sub(r"(?i)c[ộô]ng\s+h[òo][àa]?.*?vi[ệe]t\s+nam|đ[ộo]c\s+l[ậa]p.*?h[ạa]nh\s+ph[úu]c"
                      r"|đảng\s+cộng\s+sản\s+việt\s+nam", " ", cell).strip()
    return (cell[:m.start()] + " " + cell[m.end():]).strip()


def _set_number(m: re.Match, st: _State) -> None:
    num, readable = dates.numeral(m.group("num"))
    if num is not None and int(num) == 0:
        num, readable = None, False
    if not readable:
        st.unreadable.append("số văn bản")
    groups = m.groupdict()
    year = re.sub(r"\s", "", groups.get("year") or "")
    sep = m.group("sep")
    symbol = re.sub(r"\s", "", m.group("sym")).rstrip(".")
    st.symbol = symbol
    st.number = f"{num}{year}{sep}{symbol}" if num else None
    if sep == "-" and not year:
        st.party = True


_AGENCY_HEAD = re.compile(r"^(?:ủy ban|ubnd|hđnd|hội đồng|sở|ban|văn phòng|bộ|tỉnh ủy|thành ủy|huyện ủy|"
                          r"đảng|chính phủ|thanh tra|cục|chi cục|tổng cục|công an|trung tâm|trường|"
                          r"mặt trận|hội|liên đoàn|đoàn|kho bạc|ngân hàng|viện|tòa án|tỉnh|huyện|thành phố)\b")


def _looks_like_agency(cell: str) -> bool:
    return bool(_AGENCY_HEAD.match(vocab.fold_key(cell)))


def _is_agency(cell: str) -> bool:
    if not casing.is_upper(cell) or len(cell) > 90 or any(ch.isdigit() for ch in cell):
        return False
    if _BODY_START.match(cell):  # "I. KẾT QUẢ", "PHẦN THỨ NHẤT"
        return False
    return vocab.fold_key(cell).strip(" -*") not in _MARKS


def _join_title(lines: list[str]) -> str:
    title = " ".join(" ".join(lines).split())
    if casing.is_upper(title):  # a subject printed in capitals: write it naturally
        title = casing.natural(title)
    title = _YEAR_RANGE.sub(r"\1-\2", title)
    title = title.strip(" -–—:")
    if title and title[0].islower():
        title = title[0].upper() + title[1:]
    return title


def parse(lines: list[str], path: str, ocr: bool = False) -> Header:
    """``ocr``: the text was recognised from page images (its issuer lines are checked)."""
    st = _State(agency=[])
    warnings: list[str] = []
    n = min(len(lines), SCAN_LIMIT)
    i = 0
    last = -1  # index of the last header line consumed
    pending_date = ""  # a place-date line split over lines ("ngày 21" / "tháng 11 năm 2025")
    pending_index = -1
    prose = False
    found_stamp, stamp_lines = stamp_mod.find(lines, n) if "ĐẾN" in "".join(lines[:n]) else (None, set())
    while i < n:
        raw = lines[i]
        if i in stamp_lines or (last < 0 and _NOTE.match(raw.strip()) and raw.strip()):
            i += 1
            continue
        row = cells(raw)
        if not row or all(_RULE.match(c) for c in row):
            i += 1
            continue
        if st.type is not None or st.subject or st.unknown_type:
            break  # the title has been read; what follows is body or trailing header parts
        for cell in row:
            if _RULE.match(cell):
                continue
            if pending_date:
                joined = pending_date + " " + cell
                st_date = _DATE.search(joined)
                if st_date:
                    _take_components(joined, st)
                    pending_date = ""
                    last = i
                    continue
                if i - pending_index > 3:
                    pending_date = ""
            rest = _take_components(cell, st)
            if rest != cell or not rest:
                last = i
            if not rest:
                continue
            if not st.date_seen and _DATE_START.search(rest) and "năm" not in rest:
                pending_date, pending_index, last = rest, i, i
                continue
            m = _VV.match(rest)
            if m and (_VV_SHORT.match(rest) or st.number_seen or st.date_seen):
                st.subject = True
                st.title_lines = [m.group("text")] if m.group("text") else []
                last = i
                continue
            marked = stamp_mod.mark(rest)
            if marked:
                if marked not in st.marks:
                    st.marks.append(marked)
                last = i
                continue
            type_name = _type_line(rest) if casing.is_upper(rest) else None
            if type_name:
                st.type = type_name
                st.title_lines = []
                last = i
                continue
            if casing.is_upper(rest) and (st.number_seen or st.date_seen):
                # "BÁO CÁO TÓM TẮT", "KẾ HOẠCH LIÊN TỊCH": a type name and more
                for size in (3, 2):
                    words = rest.split()
                    type_name = vocab.type_named(" ".join(words[:size])) if len(words) > size else None
                    if type_name:
                        st.type = type_name
                        st.title_lines = []
                        warnings.append(f"dòng tên loại có thêm chữ: «{rest}»")
                        last = i
                        break
                if st.type:
                    continue
                if len(rest.split()) <= 4 and not _looks_like_agency(rest):
                    # a type line whose name the vocabulary does not know
                    st.title_lines = []
                    st.unknown_type = rest
                    warnings.append(f"tên loại văn bản không có trong từ điển: «{rest}»")
                    last = i
                    continue
            if st.type is None and not st.subject and _is_agency(rest):
                st.agency.append(rest)
                last = i
                continue
            if len(rest.split()) >= 8 and not casing.is_upper(rest):
                prose = True  # a sentence: the header (without a type line) is over
                break
        if prose:
            break
        i += 1

    if st.title_lines is not None:
        last = _read_title(lines, last + 1, st)
        last = _trailing_components(lines, last + 1, st)

    name = PurePosixPath(path).stem
    if st.type is None and st.title_lines is None and not st.number_seen and not st.date_seen:
        return _headless(lines, path)
    for part in st.unreadable:
        warnings.append(errors.unreadable_part(part, name))
    st.agency = [_mend_tones(a, lines[last + 1:]) for a in _joint(st.agency)]
    doubtful = any(_GARBLED.search(a) for a in st.agency)  # "ỦY BAN NHÂN DÂN —¬———__ss_"
    mended: list[str | None] = list(st.agency)
    if ocr and not doubtful:
        mended = [_well_formed(a) for a in st.agency]
        doubtful = None in mended
    if doubtful or ocr:
        if doubtful:
            warnings.append(errors.doubtful_issuer(" / ".join(st.agency), name))
        st.agency = [] if doubtful else [m for m in mended if m]
    if ocr and st.place:  # a place read from an image is published only as the vocabulary spells it
        spelt = vocab.known_place(st.place)
        if spelt is None:
            warnings.append(errors.unreadable_part("địa danh", name))
        st.place = spelt

    doc_type = st.type
    code_type = None
    if st.symbol:
        _mend_symbol(st, doc_type, name, warnings)
    code = type_code(st.symbol, st.party) if st.symbol else None
    if code is not None:
        code_type = vocab.type_for_code(code, st.party)
        if code_type is None and not vocab.is_agency_code(code):
            warnings.append(f"mã loại văn bản không có trong từ điển: {code} (số {st.symbol})")
    if doc_type is None and st.unknown_type:
        pass  # reported above; an unknown type is not guessed from the code either
    elif doc_type is None:
        if st.subject or (st.symbol and code_type is None and code is not None and vocab.is_agency_code(code)):
            doc_type = "Công văn"
        elif code_type:
            doc_type = code_type
            warnings.append(f"không thấy dòng tên loại; lấy loại văn bản từ ký hiệu {st.symbol}")
        else:
            warnings.append("không thấy dòng tên loại văn bản")
    elif code_type and code_type != doc_type:
        warnings.append(f"tên loại «{doc_type}» khác mã loại trong ký hiệu {st.symbol}")
    title = _join_title(st.title_lines) if st.title_lines else None
    body_start = max(last + 1, 0)
    head_stamp = None
    if stamp_lines and max(stamp_lines) < body_start:
        head_stamp = found_stamp
    return Header(tuple(st.agency), st.party, st.number, st.symbol, st.place, st.issued,
                  doc_type, title or None, body_start, tuple(warnings), head_stamp, tuple(st.marks), doubtful)


_FIRST_LINES = 40  # where a headless document's title is looked for
_WORD = re.compile(r"^[^\W\d_]+$")  # a word of letters only


def _headless(lines: list[str], path: str) -> Header:
    """A readable document whose header cannot be read (a speech, an excerpt, a scan
    whose header is a seal): published with what it states — the title from its first
    heading or line, other fields null — and a warning. Only a text with nothing to
    read is refused."""
    words = [w for x in lines for w in x.split()]
    if len(words) < 30:
        raise errors.NotAReport(path)
    readable = sum(1 for w in words if _WORD.match(w.strip(".,;:()\"“”'*")))
    if readable < 0.5 * len(words):  # glyph codes, a text layer of another script
        raise errors.NotAReport(path, "chữ trong tệp không đọc được")
    first = None
    for i, raw in enumerate(lines[:_FIRST_LINES]):
        text = clean(raw).strip(" |")
        if len(text.split()) < 2 or _RULE.match(text) or sum(c.isalpha() for c in text) < 8:
            continue
        if raw.lstrip().startswith("#"):
            first = (i, text)
            break
        if first is None:
            first = (i, text)
    title = None
    if first is not None:
        words = first[1].split()
        title = _join_title([" ".join(words[:30])])
    warning = errors.headless(PurePosixPath(path).stem)
    return Header((), False, None, None, None, None, None, title or None, 0, (warning,), None)


# Cyrillic capitals OCR gives for Latin ones inside a ký hiệu ("ВСТ-ВТC")
_HOMOGLYPHS = str.maketrans("АВСЕНКМОРТХІ", "ABCEHKMOPTXI")


def _mend_symbol(st: _State, doc_type: str | None, name: str, warnings: list[str]) -> None:
    """A ký hiệu as printed, where OCR misread it: look-alike letters of other scripts
    mended (Ð → Đ, Cyrillic В → B); a type code spelt without its stroke ("QD") written
    as the vocabulary spells it; a letter read twice ("QĐĐ" under QUYẾT ĐỊNH: "QĐÐ", the
    stroke of Đ read as a second letter) undone when that gives the type line's code;
    another type code one letter off the type line's ("QĐT") is doubtful: number and
    symbol null, with a warning."""
    symbol = st.symbol.replace("Ð", "Đ").translate(_HOMOGLYPHS)
    code = type_code(symbol, st.party)
    if code and not vocab.is_agency_code(code):
        spelt = _vocab_code(code, st.party)
        if spelt and spelt != code:
            symbol = spelt + symbol[len(code):]
        elif spelt is None and doc_type:
            folded = vocab.ascii_fold(code).upper()
            undoubled = re.sub(r"(.)\1", r"\1", code)
            if undoubled != code and undoubled in _codes_of(doc_type):
                symbol = undoubled + symbol[len(code):]  # "QĐÐ": the stroke read twice, under QUYẾT ĐỊNH
            elif any(_one_off(folded, vocab.ascii_fold(c).upper()) for c in _codes_of(doc_type)):
                st.symbol = st.number = None
                warnings.append(errors.unreadable_part("số, ký hiệu văn bản", name))
                return
    if symbol != st.symbol:
        if st.number:
            st.number = st.number[:len(st.number) - len(st.symbol)] + symbol
        st.symbol = symbol


def _codes_of(type_name: str) -> list[str]:
    return [c for t in vocab.vocabulary()["types"] if t["name"] == type_name for c in t["codes"]]


def _vocab_code(code: str, party: bool) -> str | None:
    """The vocabulary's spelling of a type code ("QD" → "QĐ"), None when it is none."""
    name = vocab.type_for_code(code, party)
    if name is None:
        return None
    folded = vocab.ascii_fold(code).upper()
    return next((c for c in _codes_of(name) if vocab.ascii_fold(c).upper() == folded), code)


def _one_off(a: str, b: str) -> bool:
    """Edit distance of at most one (a letter doubled, dropped or misread)."""
    if abs(len(a) - len(b)) > 1 or a == b:
        return a == b
    if len(a) == len(b):
        return sum(x != y for x, y in zip(a, b)) == 1
    short, long_ = sorted((a, b), key=len)
    return any(long_[:k] + long_[k + 1:] == short for k in range(len(long_)))


def type_code(symbol: str, party: bool) -> str | None:
    """The type code of a ký hiệu: "BC-SNgV" → BC, Party "BC/BDV-BCSĐ" → BC,
    công văn "UBND-VX" → UBND (an issuer code: no type code)."""
    if (party or _party_shape(symbol)) and "/" in symbol:
        return symbol.split("/")[0] or None
    return symbol.split("-")[0] or None


def _party_shape(symbol: str) -> bool:
    head = symbol.split("/")[0]
    return "/" in symbol and "-" not in head and bool(head)


def issuer_codes(symbol: str | None, party: bool) -> tuple[str, ...]:
    """Issuer codes of a ký hiệu: "BC-SNgV" → (SNgV,), "BC/BDV-BCSĐ" → (BDV, BCSĐ),
    "UBND-VX" (công văn) → (UBND,), "QĐ-UBND" → (UBND,)."""
    if not symbol:
        return ()
    if (party or _party_shape(symbol)) and "/" in symbol:
        tail = symbol.split("/", 1)[1]
        return tuple(p for p in tail.split("-") if p)
    parts = [p for p in symbol.split("-") if p]
    if not parts:
        return ()
    if vocab.type_for_code(parts[0]) is None and vocab.is_agency_code(parts[0]):
        return (parts[0],)  # công văn: issuer, then the drafting unit
    return tuple(parts[1:2])


def _read_title(lines: list[str], start: int, st: _State) -> int:
    """Read the subject lines under the type (or "V/v") line; return the index
    of the last title line read (start - 1 when there is none)."""
    last = start - 1
    i = start
    n = len(lines)
    title = st.title_lines if st.title_lines is not None else []
    blank = False
    prev_raw = ""
    while i < n and len(title) < 12:
        raw = lines[i]
        if not raw.strip():
            blank = True
            i += 1
            continue
        text = clean(raw)
        if not text:  # a line of markers only
            i += 1
            continue
        if _RULE.match(text):
            break
        if text.startswith("|"):
            break
        if _is_component(text):
            break
        if title:
            if blank and not _LOWER_START.match(text) and not title[-1].endswith(","):
                break  # a subject line ending in "," goes on after a blank line (PDF line spacing)
            if _BODY_START.match(text) or _KINH_GUI.match(text):
                break
            if _title_ended(title[-1]) and not (title[-1].endswith(";") and _same_emphasis(prev_raw, raw)):
                break  # a subject set in several lines goes on after ";" in the same bold block
            if casing.is_upper(text) and not casing.is_upper(title[-1]):
                break
        elif _KINH_GUI.match(text) or _BODY_START.match(text):
            break
        title.append(text)
        prev_raw = raw
        last = i
        blank = False
        i += 1
    st.title_lines = title
    return last


def _same_emphasis(a: str, b: str) -> bool:
    """Two lines both wholly bold ("**…**"), as the lines of one subject are set."""
    return all(x.strip().startswith("**") and x.strip().endswith("**") for x in (a, b))


def _is_component(text: str) -> bool:
    """A header part (motto, number, place-date) met where the title could go on."""
    key = _fold(text)
    if _STATE_MOTTO.search(key) or _TIEU_NGU.search(key) or _PARTY_MOTTO.search(key):
        return True
    if _NUMBER.match(text):
        return True
    m = _DATE.match(text)
    return bool(m and (m.group("place") is None or _looks_like_place(m.group("place"))))


def _title_ended(line: str) -> bool:
    return line.endswith((".", ";", ":")) and not line.endswith("...")


def _trailing_components(lines: list[str], start: int, st: _State) -> int:
    """Consume header parts that follow the title (a table flattened column by
    column puts the right column — motto, date — after a công văn subject)."""
    last = start - 1
    i = start
    n = min(len(lines), start + 12)
    while i < n:
        row = cells(lines[i])
        if not row or all(_RULE.match(c) for c in row):
            i += 1
            continue
        took = False
        for cell in row:
            key = _fold(cell)
            if _STATE_MOTTO.search(key) or _TIEU_NGU.search(key) or _PARTY_MOTTO.search(key):
                _take_components(cell, st)
                took = True
            elif not st.date_seen and _DATE.match(cell):
                _take_components(cell, st)
                took = True
            elif not st.number_seen and _NUMBER.match(cell):
                _take_components(cell, st)
                took = True
        if not took:
            break
        last = i
        i += 1
    return last
