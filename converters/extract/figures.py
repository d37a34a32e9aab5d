"""Administrative-reform (CCHC) figures a report gives.

Each figure keeps the value as written and a normalised number:

* Vietnamese number formats: "1.580" = 1580 (dot groups thousands), "13,21" = 13.21
  (comma is the decimal mark); a dot followed by one, two or more than three digits
  is a decimal point as some drafts write it ("34.34" = 34.34).
* A ratio "a/b" ("18/25 nhiệm vụ", "34.34/100 điểm") stores ``number`` = a and
  ``total`` = b: exact, and the share a/b is computed where it is shown.
* A composite or a range ("419 lượt/ 622 người/ 136 vụ việc", "50% - 60%")
  stores the first quantity as ``number``.
* Integral numbers are stored as int (1580, not 1580.0) so the front matter reads well.

kind (closed list KINDS): tasks ("18/25 nhiệm vụ"), score ("34.34/100 điểm"),
online_services ("656 dịch vụ công mức độ 3", "mức độ 4 là 68 dịch vụ", ratios in
a sentence about online public services), reception ("419 lượt/ 622 người/ 136 vụ
việc" when receiving citizens), complaints (changes in complaints/denunciations,
"giảm 13,21%"), share (other percentages and ratios in a sentence about
administrative procedures: "100% TTHC … trên môi trường điện tử", "37/37 cơ quan").
A number in a sentence with no reform context is not a figure.

period: the period the sentence names before the figure ("Trong quý I/2024" →
"quý 1/2024", "Năm 2022:" → "năm 2022", "Năm 2023: Đến tháng 10 năm 2023" →
"năm 2023 (đến tháng 10)"), else the "Năm YYYY:" lead of the list the paragraph is
in, else the report's period label.
"""
from __future__ import annotations

import re
from typing import Callable

from converters.document import Figure
from converters.extract.passage import Passage, passages, squash
from converters.vocab import TONE_VARIANTS, fold_key

KINDS = ("tasks", "score", "share", "online_services", "reception", "complaints")

_NUM = r"\d+(?:[.,]\d+)*"
# A number not preceded by a digit, "." "," or "/": the same as (?<![\d.,/]){_NUM}, but
# the pattern starts with \d, so the regex engine skips straight to the next digit
# instead of trying the look-behind at every position (4x faster scans).
_NUM_START = r"\d(?<![\d.,/]\d)\d*(?:[.,]\d+)*"
_COUNTED = r"(?:lượt người|lượt đoàn|lượt|người|vụ việc|vụ|đơn thư|đơn|cuộc|hồ sơ|đoàn)"
_COMPOSITE = re.compile(rf"({_NUM_START}\s+{_COUNTED}(?:\s*/\s*{_NUM}\s+{_COUNTED})+)")
_RATIO = re.compile(rf"({_NUM_START})\s*/\s*({_NUM})(?![\d/]|\.\d)")
_PERCENT = re.compile(rf"({_NUM_START}\s*%(?:\s*[-–]\s*{_NUM}\s*%)?)")
_SERVICES = re.compile(rf"({_NUM_START})\s+dịch vụ công(?:\s+trực tuyến)?\s+mức độ\s+\d", re.IGNORECASE)
_SERVICES_LEVEL = re.compile(rf"mức độ\s+\d\s+(?:là|có|đạt)\s+({_NUM})\s+dịch vụ", re.IGNORECASE)
_SCORE = re.compile(rf"\bđạt\s+({_NUM})\s+điểm\b", re.IGNORECASE)
# Words the case-insensitive patterns above need: a sentence whose lower case lacks
# them cannot match (no other character matches these letters ignoring case).
_SERVICES_WORD = "mức độ"  # _SERVICES and _SERVICES_LEVEL
_SCORE_WORD = "đạt"
_SYMBOL_AFTER = re.compile(r"\s*[-–]?\s*[A-ZĐ]")
_UBND_AFTER = re.compile(r"\s*UBND")
_WORD_AFTER = re.compile(r"\s+\w")
_DONE_BEFORE = re.compile(r"hoàn thành\s*$")
_TIEP = re.compile(r"\btiếp\b")
_CHANGE_BEFORE = re.compile(r"(giảm|tăng)\s*\(?\s*$")

_BEFORE_DATE = re.compile(r"(?:ngày|tháng|quý|năm|số|kỳ|giai đoạn)\s*$", re.IGNORECASE)
_CCHC = tuple(fold_key(x) for x in (
    "tthc", "thủ tục hành chính", "hồ sơ", "một cửa", "cải cách hành chính", "cchc", "chữ ký số",
    "chứng thư số", "môi trường điện tử", "trực tuyến", "dịch vụ công", "chính quyền điện tử",
    "cắt giảm", "thời hạn giải quyết",
))
_ONLINE = tuple(fold_key(x) for x in ("dịch vụ công", "mức độ 3", "mức độ 4"))
_COMPLAINTS = tuple(fold_key(x) for x in ("khiếu nại", "tố cáo", "đơn thư"))
_RECEPTION = tuple(fold_key(x) for x in ("tiếp công dân", "tiếp dân", "tiếp định kỳ", "tiếp thường xuyên"))

_ROMAN = {"i": "1", "ii": "2", "iii": "3", "iv": "4"}
def _tones(pattern: str) -> str:
    """A regex written in ordinary spelling, in the tone placement fold_key gives."""
    for old, new in TONE_VARIANTS.items():
        pattern = pattern.replace(old, new)
    return pattern


_PERIODS = re.compile(_tones(
    r"(?P<quarter>quý\s+(?P<q>iv|i{1,3}|[1-4])\s*/\s*(?P<qy>\d{4}))"
    r"|(?P<months>\d+\s+tháng\s+(?:đầu|cuối)\s+năm\s+\d{4})"
    r"|(?P<until>đến\s+tháng\s+(?P<um>\d{1,2})(?:\s*/\s*|\s+năm\s+)(?P<uy>\d{4}))"
    r"|(?:(?<=^)|(?<=\btrong\s)|(?<=\bhết\s))(?P<year>năm\s+(?P<y>\d{4}))"
))
_LEAD = re.compile(r"^(năm\s+\d{4})(?:\s*\([^)]*\))?\s*:")


def to_number(text: str) -> int | float | None:
    """Vietnamese number as written → int/float ("1.580" → 1580, "13,21" → 13.21)."""
    s = text.strip().rstrip("%").strip()
    if not s:
        return None
    if re.fullmatch(r"\d{1,3}(?:\.\d{3})+(?:,\d+)?", s):
        s = s.replace(".", "")
    s = s.replace(",", ".")
    if s.count(".") > 1:
        return None
    try:
        value = float(s)
    except ValueError:
        return None
    return int(value) if value.is_integer() else value


def _period_before(sentence: str, pos: int) -> str | None:
    text = fold_key(sentence[:pos])
    found = None
    year = None
    for m in _PERIODS.finditer(text):
        if m.group("quarter"):
            found = f"quý {_ROMAN.get(m.group('q'), m.group('q'))}/{m.group('qy')}"
        elif m.group("months"):
            found = squash(m.group("months"))
        elif m.group("until"):
            month, y = int(m.group("um")), m.group("uy")
            if year == y:
                found = f"năm {y} (đến tháng {month})"
            else:
                found = f"đến tháng {month}/{y}"
        elif m.group("year"):
            year = m.group("y")
            found = f"năm {year}"
    return found


WINDOW = 14  # words kept on each side of the value in a figure's text


def _clause(sentence: str, start: int, end: int) -> str:
    """The clause holding sentence[start:end]: at most WINDOW words on each side (when the
    words before are cut short, the text starts after the first comma among them)."""
    left = 0
    for sep in (";", "trong đó"):
        i = sentence.rfind(sep, 0, start)
        if i >= 0:
            left = max(left, i + len(sep))
    right = len(sentence)
    for sep in (";", ", trong đó"):
        i = sentence.find(sep, end)
        if i >= 0:
            right = min(right, i)
    starts = [m.start() for m in re.finditer(r"\S+", sentence[left:start])]
    ends = [m.end() for m in re.finditer(r"\S+", sentence[end:right])]
    a = left + starts[-WINDOW] if len(starts) > WINDOW else (left + starts[0] if starts else start)
    if len(starts) > WINDOW:  # cut short: begin after the first comma inside the window, if any
        comma = sentence.find(",", a, start)
        a = comma + 1 if comma >= 0 else a
    b = end + ends[WINDOW - 1] if len(ends) > WINDOW else (end + ends[-1] if ends else end)
    return squash(sentence[a:b]).strip(" ,.;:")


def _kind(sentence_key: Callable[[], str], after: str, before: str, shape: str) -> str | None:
    """``sentence_key()``: fold_key of the whole sentence (folded on first use)."""
    # fold only a window around the number (the whole remainder of a long sentence
    # would be folded for 40 characters of it)
    after_key = fold_key(after[:200])[:40]
    before_key = fold_key(before[-200:])[-40:]
    if shape == "composite":  # "tiếp …" shortly before the counts
        return "reception" if _TIEP.search(before_key) else None
    if after_key.startswith("điểm"):
        return "score"
    if after_key.startswith("nhiệm vụ"):
        return "tasks"
    key = sentence_key()
    if shape == "percent" and any(k in key for k in _COMPLAINTS) \
            and _CHANGE_BEFORE.search(before_key):
        return "complaints"
    if any(k in key for k in _ONLINE):
        return "online_services"
    if any(k in key for k in _CCHC):
        return "share"
    return None


def _in_sentence(sentence: str, anchor: str | None, period: str | None) -> list[Figure]:
    keys: list[str] = []

    def key() -> str:  # most sentences need no key: folded only when a figure needs its kind
        if not keys:
            keys.append(fold_key(sentence))
        return keys[0]

    lower = sentence.lower()
    taken: list[tuple[int, int]] = []
    out: list[tuple[int, Figure]] = []

    def free(a: int, b: int) -> bool:
        return all(b <= x or a >= y for x, y in taken)

    def add(start: int, end: int, value: str, number, total, kind: str | None) -> None:
        if kind is None or not free(start, end):
            return
        taken.append((start, end))
        text = _clause(sentence, start, end)
        out.append((start, Figure(text=text, value=value, number=number, kind=kind,
                                  period=_period_before(sentence, start) or period,
                                  anchor=anchor, sentence=sentence, total=total)))

    slash = "/" in sentence  # every composite and ratio has one
    for m in _COMPOSITE.finditer(sentence) if slash else ():
        first = re.match(_NUM, m.group(1)).group(0)
        add(m.start(1), m.end(1), squash(m.group(1)), to_number(first), None,
            _kind(key, "", sentence[max(0, m.start() - 80):m.start()], "composite"))
    services = _SERVICES_WORD in lower
    for m in _SERVICES.finditer(sentence) if services else ():
        add(m.start(1), m.end(1), m.group(1), to_number(m.group(1)), None, "online_services")
    for m in _SERVICES_LEVEL.finditer(sentence) if services else ():
        add(m.start(1), m.end(1), m.group(1), to_number(m.group(1)), None, "online_services")
    for m in _RATIO.finditer(sentence) if slash else ():
        a, b = m.group(1), m.group(2)
        before = sentence[:m.start()]
        after = sentence[m.end():]
        if _BEFORE_DATE.search(before[-40:]) or _SYMBOL_AFTER.match(after) and not _UBND_AFTER.match(after):
            continue  # a date ("quý 1/2024"), a symbol ("33/CT-TTg")
        nb = to_number(b)
        if nb is None or (1900 <= nb <= 2100 and "." not in b and "," not in b) or not _WORD_AFTER.match(after):
            continue
        value = squash(m.group(0))
        add(m.start(), m.end(), value, to_number(a), nb, _kind(key, after, before, "ratio"))
    for m in _PERCENT.finditer(sentence) if "%" in sentence else ():
        before = sentence[:m.start()]
        if _DONE_BEFORE.search(before[-40:]) and _RATIO.search(before[-40:]):
            continue  # "12/18 nhiệm vụ hoàn thành 100%": a qualifier of the ratio
        value = squash(m.group(1))
        first = re.match(_NUM, value).group(0)
        add(m.start(1), m.end(1), value, to_number(first), None,
            _kind(key, sentence[m.end():], before, "percent"))
    for m in _SCORE.finditer(sentence) if _SCORE_WORD in lower else ():
        add(m.start(1), m.end(1), m.group(1), to_number(m.group(1)), None, "score")
    return [f for _, f in sorted(out, key=lambda x: x[0])]


_DIGIT = re.compile(r"\d")


def _looks_like_heading(text: str) -> bool:
    return len(text) < 160 and not re.search(r"[.;:]$", text) and bool(
        re.match(r"^(?:[IVX]+|\d+|[a-zđ])[.)\-]\s", text))


def extract(paragraphs, period_label: str | None, footnotes=(), note_anchors=()) -> tuple[Figure, ...]:
    """paragraphs: ((anchor, plain text), …) in reading order; footnotes: plain texts,
    anchored by ``note_anchors`` (their ids on the page) when given, else None."""
    return extract_passages(passages(paragraphs, footnotes, note_anchors), period_label)


def extract_passages(items: list[Passage], period_label: str | None) -> tuple[Figure, ...]:
    """``extract`` on the cleaned passages of a body (``plaintext.passages``)."""
    out: list[Figure] = []
    lead: str | None = None
    for item in items:
        text = item.text
        if not text:
            continue
        m = _LEAD.match(fold_key(text)) if text[:3].lower() == "năm" else None  # cheap test first
        if m:
            lead = m.group(1)
        elif _looks_like_heading(text) or item.is_note:
            lead = None
        if not _DIGIT.search(text):
            continue
        for sentence in item.sentences:
            if _DIGIT.search(sentence):  # every figure has a digit
                out.extend(_in_sentence(sentence, item.anchor, lead or period_label))
    return tuple(out)
