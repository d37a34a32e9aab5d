"""Dates and periods, only as precise as the document states them.

ISO strings: YYYY | YYYY-MM | YYYY-MM-DD. The period a report covers is read
from its title first ("6 tháng đầu năm 2024", "quý I/2024", "năm 2017",
"02 năm thực hiện Chương trình số ... ngày 29/10/2021", "giai đoạn 2021-2025"),
then from the text ("từ tháng 11 năm 2013 đến nay"); see the comments of
gold/samples.yaml for the rules.
"""
from __future__ import annotations

import calendar
import re

from converters.document import UNCERTAIN, Period

_ROMAN = {"i": 1, "ii": 2, "iii": 3, "iv": 4, "1": 1, "2": 2, "3": 3, "4": 4}
_WORD_MONTHS = {"sáu": 6, "chín": 9}


def iso(year: str | int, month: str | int | None = None, day: str | int | None = None) -> str | None:
    """ISO date from printed parts; blank parts (spaces, dots) make it less precise."""
    y = _int(year)
    if y is None or not 1900 <= y <= 2100:
        return None
    m = _int(month)
    if m is None or not 1 <= m <= 12:
        return f"{y:04d}"
    d = _int(day)
    if d is None or not 1 <= d <= calendar.monthrange(y, m)[1]:
        return f"{y:04d}-{m:02d}"
    return f"{y:04d}-{m:02d}-{d:02d}"


_BLANK = re.compile(r"^[\s.…_]*$")
_OCR_DIGITS = str.maketrans({"l": "1", "I": "1", "O": "0", "o": "0"})
_FIRST_YEAR = 1945  # the state's first documents


def numeral(value: str | None) -> tuple[str | None, bool]:
    """A printed numeral (a document number, a day, a month) → (digits, readable).

    Blank (spaces, dots: a draft, a number to be written in) is (None, True). OCR's
    usual confusions (l, I → 1; O, o → 0) are mended only inside a token that holds a
    digit ("l1" → "11"). Anything else — handwriting read as letters, a mark of an
    unreadable token (document.UNCERTAIN) — is (None, False): unreadable, never guessed."""
    text = value or ""
    if _BLANK.match(text):
        return None, True
    token = re.sub(r"[\s.]", "", text)
    if UNCERTAIN in token:
        return None, False
    if not token.isdigit():
        if any(c.isdigit() for c in token) and all(c.isdigit() or c in "lIOo" for c in token):
            token = token.translate(_OCR_DIGITS)
        else:
            return None, False
    return token, True


def printed(year: str, month: str | None, day: str | None) -> tuple[str | None, bool]:
    """The ISO date of a printed "ngày D tháng M năm Y" → (iso, readable).

    Blank parts make it less precise (a draft: "ngày … tháng 5 năm 2026" → "2026-05").
    A part that is unreadable or implausible (day 1–31 of its month, month 1–12, year
    1945–2100) gives (None, False): no date rather than a doubtful one."""
    y, ok_y = numeral(year)
    m, ok_m = numeral(month)
    d, ok_d = numeral(day)
    if not (ok_y and ok_m and ok_d) or y is None or not _FIRST_YEAR <= int(y) <= 2100:
        return None, False
    yi = int(y)
    if m is None:
        return (None, False) if d is not None else (f"{yi:04d}", True)
    mi = int(m)
    if not 1 <= mi <= 12:
        return None, False
    if d is None:
        return f"{yi:04d}-{mi:02d}", True
    di = int(d)
    if not 1 <= di <= calendar.monthrange(yi, mi)[1]:
        return None, False
    return f"{yi:04d}-{mi:02d}-{di:02d}", True


def _int(value) -> int | None:
    if value is None:
        return None
    if isinstance(value, int):
        return value
    digits = re.sub(r"\D", "", value)
    return int(digits) if digits else None


def add_years(date: str, years: int) -> str:
    """"2021-10-29" + 2 → "2023-10-29" (keeps the precision; 29 Feb → 28 Feb)."""
    parts = date.split("-")
    y = int(parts[0]) + years
    if len(parts) == 3:
        m, d = int(parts[1]), int(parts[2])
        d = min(d, calendar.monthrange(y, m)[1])
        return f"{y:04d}-{m:02d}-{d:02d}"
    return "-".join([f"{y:04d}", *parts[1:]])


def _last_day(y: int, m: int) -> str:
    return f"{y:04d}-{m:02d}-{calendar.monthrange(y, m)[1]:02d}"


_I = re.IGNORECASE
# "6 tháng đầu năm 2024", "06 tháng cuối năm 2023", "9 tháng năm 2024", "sáu tháng đầu năm 2024"
# (the year may come later: "6 tháng đầu năm và phương hướng 6 tháng cuối năm 2024")
_MONTHS = re.compile(r"\b(\d{1,2}|sáu|chín)\s+tháng\s+(?:(đầu|cuối)\s+)?năm(?:\s+((?:19|20)\d\d)\b)?", _I)
# "quý I/2024", "quý 1/2024", "quý II năm 2024"
_QUARTER = re.compile(r"\bquý\s+(IV|III|II|I|[1-4])\b(?:\s*(?:/|năm|-)\s*((?:19|20)\d\d)\b)?", _I)
_ANY_YEAR = re.compile(r"\b(?:19|20)\d\d\b")
# "N năm thực hiện <document> ngày D/M/Y"
_N_YEARS = re.compile(
    r"\b(\d{1,2})\s+năm\s+(thực\s+hiện|triển\s+khai(?:\s+thực\s+hiện)?)\s+(.{3,200}?)\s+ngày\s+"
    r"(\d{1,2})\s*[/.-]\s*(\d{1,2})\s*[/.-]\s*((?:19|20)\d\d)\b", _I)
# "năm 2017" as a period (not "tháng 5 năm 2017" nor "02 năm" nor "giai đoạn")
_YEAR = re.compile(r"(?<![\w/])năm\s+((?:19|20)\d\d)\b(?!\s*[-–]\s*(?:19|20)\d\d)", _I)
_MONTH_YEAR_BEFORE = re.compile(r"tháng\s+[\d.…\s]*$", _I)
_SINCE = re.compile(
    r"\btừ\s+(?:(?:ngày\s+(\d{1,2})\s*[/.-]\s*(\d{1,2})\s*[/.-]\s*((?:19|20)\d\d))"
    r"|(?:tháng\s+(\d{1,2})\s*(?:/|năm)\s*((?:19|20)\d\d))"
    r"|(?:năm\s+((?:19|20)\d\d)))\s+(?:đến|tới)\s+nay\b", _I)
_STAGE = re.compile(r"\bgiai\s+đoạn\s+((?:19|20)\d\d)\s*[-–]\s*((?:19|20)\d\d)\b", _I)


def period(title: str | None, text: str, issued: str | None) -> Period | None:
    """The period a report covers, from its title, else from its text."""
    if title:
        found = _sub_year(title) or _n_years(title) or _year(title) or _since(title, issued) or _stage(title)
        if found:
            return found
    return _since(text, issued) or _sub_year(text[:4000])


def _label(m: re.Match) -> str:
    return " ".join(m.group(0).split())


def _later_year(text: str, m: re.Match, group: int) -> int | None:
    """The year of a sub-year period: printed with it, or the next year in the text."""
    if m.group(group):
        return int(m.group(group))
    y = _ANY_YEAR.search(text, m.end(), m.end() + 160)
    return int(y.group(0)) if y else None


def _sub_year(text: str) -> Period | None:
    m = _MONTHS.search(text)
    q = _QUARTER.search(text)
    if m and (q is None or m.start() <= q.start()):
        count = _WORD_MONTHS.get(m.group(1).lower()) or int(m.group(1))
        y = _later_year(text, m, 3)
        if y is None or not 1 <= count <= 12:
            return None
        if (m.group(2) or "").lower() == "cuối":
            return Period(_label(m), f"{y:04d}-{13 - count:02d}-01", _last_day(y, 12))
        return Period(_label(m), f"{y:04d}-01-01", _last_day(y, count))
    if q:
        n = _ROMAN[q.group(1).lower()]
        y = _later_year(text, q, 2)
        if y is None:
            return None
        return Period(_label(q), f"{y:04d}-{3 * n - 2:02d}-01", _last_day(y, 3 * n))
    return None


def _n_years(title: str) -> Period | None:
    if _has_year(title):
        return None  # the title names the year it covers
    m = _N_YEARS.search(title)
    if not m:
        return None
    start = iso(m.group(6), m.group(5), m.group(4))
    if start is None:
        return None
    label = " ".join(m.group(0).split())
    return Period(label, start, add_years(start, int(m.group(1))))


def _has_year(text: str) -> bool:
    return _year(text) is not None


def _year(text: str) -> Period | None:
    for m in _YEAR.finditer(text):
        before = text[max(0, m.start() - 20):m.start()]
        if _MONTH_YEAR_BEFORE.search(before) or re.search(r"\d\s*$", before):
            continue  # a date ("tháng 5 năm 2018") or a count ("02 năm")
        y = int(m.group(1))
        return Period(_label(m), f"{y:04d}-01-01", f"{y:04d}-12-31")
    return None


def _since(text: str, issued: str | None) -> Period | None:
    m = _SINCE.search(text)
    if not m:
        return None
    if m.group(3):
        start = iso(m.group(3), m.group(2), m.group(1))
    elif m.group(5):
        start = iso(m.group(5), m.group(4))
    else:
        start = iso(m.group(6))
    return Period(" ".join(m.group(0).split()), start, issued)


def _stage(title: str) -> Period | None:
    m = _STAGE.search(title)
    if not m:
        return None
    a, b = int(m.group(1)), int(m.group(2))
    if b < a:
        return None
    return Period(f"giai đoạn {a}-{b}", f"{a:04d}-01-01", f"{b:04d}-12-31")
