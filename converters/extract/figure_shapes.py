"""Which numbers of a sentence are figures, and their shape (converters/extract/figures.py).

A number is a figure when something marks it as one: a "%" or a range after it, a ratio
"a/b" followed by a word, "điểm" (a score, when "đạt", "là" … or a total comes with it), a
rank cue before it ("xếp thứ"), a unit word of the vocabulary after it ("4.340 lượt người"),
or, ending its clause, a label naming the unit before it ("Số PAKN được tiếp nhận: 49"). Dates,
symbols ("33/CT-TTg"), years, list numbers and thresholds ("từ 05 người trở lên") are not.
``candidates()`` finds the numbers worth a look in one scan.
"""
from __future__ import annotations

import re
from functools import lru_cache

from converters import vocab
from converters.text.whitespace import squash
from converters.vocab import TONE_VARIANTS, fold_key

_NUM = r"\d+(?:[.,]\d+)*"
# A number not preceded by a digit, "." "," or "/" (the pattern starts with \d, so the regex
# engine skips straight to the next digit instead of trying the look-behind everywhere).
_NUMBER = re.compile(r"\d(?<![\d.,]\d)\d*(?:[.,]\d+)*")
_RATIO_REST = re.compile(rf"\s*/\s*({_NUM})(?![\d/]|\.\d)")
_PERCENT_REST = re.compile(r"\s*%")
_RANGE_REST = re.compile(rf"\s*%?\s*[-–]\s*({_NUM})\s*%")
_SYMBOL_AFTER = re.compile(r"\s*[-–]?\s*[A-ZĐ]")
_UBND_AFTER = re.compile(r"\s*UBND")
_DATE_OR_SYMBOL = re.compile(r"\d+(?:[/-]\d+[/-]\d+|[/-][A-ZĐ]|/\d{4}\b|-\d+-)")

_BEFORE_DATE = re.compile(r"(?:ngày|tháng|quý|năm|(?<!tổng )số|(?<!định )kỳ|giai đoạn|khóa|khoá|điều|khoản|mục|nhóm|lần)\s*$",
                          re.IGNORECASE)
_CHANGE_BEFORE = re.compile(r"(tăng|giảm)(?:\s+thêm)?\s*\(?\s*$")
_RANK_BEFORE = re.compile(r"(?:xếp|đứng)\s+(?:thứ|hạng)(?:\s+thứ)?\s*$|\bhạng\s*$|\bvị trí\s*(?:thứ\s*)?$")
_SCORE_AFTER = re.compile(r"\s*điểm\b")
_SCORE_BEFORE = re.compile(r"(?:đạt|được|là|:|với|bằng)\s*$")  # "ở 46 điểm nhận hồ sơ" is a place
_THRESHOLD = re.compile(r"\btừ\s*$")  # "(từ 05 người trở lên)": a threshold, not a figure
_THRESHOLD_AFTER = re.compile(r"^\s*\S+(?:\s+\S+)?\s+trở (?:lên|xuống)")
_LABEL_BEFORE = re.compile(r"(?::|\blà|\bgồm)\s*$")
_TOKEN = re.compile(r"\S*")
_ENDS_CLAUSE = re.compile(r"\s*(?:[,;.)]|$)")


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



def lower(text: str) -> str:
    """Lower case, single spaces: enough to match unit and cue words, none of which has a
    second tone placement (cheaper than fold_key on every number of every sentence)."""
    text = " ".join(text.lower().split())
    for old, new in TONE_VARIANTS.items():  # "đoàn" as fold_key spells it (the vocabulary is folded)
        if old in text:
            text = text.replace(old, new)
    return text


_NOT_UNITS = tuple(fold_key(w) for w in ("đơn vị", "đơn giản", "người đứng đầu", "người lao động", "dịch vụ bưu"))


def _unit_after(rest_key: str) -> tuple[str | None, int]:
    """(canonical unit, length of the unit word) when the folded text after a number opens
    with a unit word of the vocabulary."""
    if rest_key.startswith(_NOT_UNITS):
        return None, 0
    for word, unit in vocab.indicator_units():
        if rest_key.startswith(word) and (len(rest_key) == len(word) or not rest_key[len(word)].isalnum()):
            return unit, len(word)
    return None, 0


@lru_cache(maxsize=1)
def candidates() -> re.Pattern:
    """Numbers that can start a figure, found by one scan: followed by "%", "/", a range, a
    unit word of the vocabulary, "điểm", or the end of a clause ("Số PAKN …: 49;"). Years,
    days and article numbers followed by a word are skipped without a look at their context."""
    words = set()
    for word in vocab.vocabulary()["indicator_units"]:
        words.add(re.escape(fold_key(word)))
        words.add(re.escape(word.lower()))
    words.add("điểm")
    alternation = "|".join(sorted(words, key=len, reverse=True))
    return re.compile(rf"(?>{_NUMBER.pattern})(?=\s*(?:%|/|[-–]\s*\d)|\s+(?:{alternation})(?!\w)|\s*(?:[,;.:)]|$))",
                      re.IGNORECASE)


@lru_cache(maxsize=1)
def _unit_starts() -> tuple[str, ...]:
    return tuple(w for w, _ in vocab.indicator_units())


def _unit_before(before_key: str) -> str | None:
    """"Số PAKN được tiếp nhận: 49": the unit word named in the label before the number."""
    words = before_key.split()[-7:]
    tail = " ".join(words)
    for word in _NOT_UNITS:
        tail = tail.replace(word, " ")
    for word, unit in vocab.indicator_units():
        if re.search(rf"(?<!\w){re.escape(word)}(?!\w)", tail):
            return unit
    return None


class Found:
    """A number recognised as a figure, before its context is read."""
    __slots__ = ("start", "end", "value", "number", "total", "kind", "unit", "direction", "change_at",
                 "span_end")

    def __init__(self, start, end, value, number, total, kind, unit, direction=None, change_at=None,
                 span_end=None):
        self.start, self.end, self.value, self.number, self.total = start, end, value, number, total
        self.kind, self.unit, self.direction, self.change_at = kind, unit, direction, change_at
        self.span_end = end if span_end is None else span_end  # after the unit word


def shape(sentence: str, m: re.Match) -> Found | None:
    """The figure a number starts, or None (a date, a symbol, a list number, a bare number)."""
    start, end = m.start(), m.end()
    after = sentence[end:end + 80]
    token = _TOKEN.match(sentence, start).group(0)
    if _DATE_OR_SYMBOL.match(token):
        return None  # a date "26/11/2021", a symbol "33/CT-TTg", "72/2024/QĐ-UBND"
    # cheap test first (most numbers are years, dates, article numbers): a figure has a "/", a
    # "%", a range, "điểm", a unit word or a label before it ending its clause, or a rank cue
    head = after[:1]
    if head not in ("/", "%", " ", "\u00a0", "-", "–") and not _ENDS_CLAUSE.match(after):
        return None
    if head == " " and not _ENDS_CLAUSE.match(after):
        rest = lower(after[:24])
        if not (rest.startswith(_unit_starts()) or rest[:1] in "%-–/" or rest.startswith("điểm")) \
                and "thứ" not in sentence[max(0, start - 12):start] and "hạng" not in sentence[max(0, start - 12):start]:
            return None
    before = sentence[max(0, start - 60):start]
    if _BEFORE_DATE.search(before[-24:]) or not before.strip(" -+*•(") and re.match(r"[.)]\s", after):
        return None
    if _THRESHOLD.search(before) and _THRESHOLD_AFTER.match(after):
        return None
    before_key = lower(before[-40:])
    cm = _CHANGE_BEFORE.search(before.lower())
    direction = cm.group(1) if cm else None
    change_at = (start - (len(before) - cm.start())) if cm else None
    text = m.group(0)
    number = to_number(text)
    total = None
    rm = _RATIO_REST.match(after)
    if rm:
        tail = after[rm.end():]
        if _SYMBOL_AFTER.match(tail) and not _UBND_AFTER.match(tail):
            return None  # a symbol "33/CT-TTg", a number "72/2024/QĐ-UBND"
        tot = to_number(rm.group(1))
        if tot is None or (1900 <= tot <= 2100 and "." not in rm.group(1) and "," not in rm.group(1)):
            return None  # a month "10/2023"
        total = tot
        end += rm.end()
        text = squash(sentence[start:end])
        after = sentence[end:end + 80]
    rest_key = lower(after[:40])
    if total is None:
        gm = _RANGE_REST.match(after)
        if gm and "%" in sentence[end:end + gm.end()]:
            end += gm.end()
            return Found(start, end, squash(sentence[start:end]), None, None, direction and "change" or "share",
                          "%", direction, change_at)
        pm = _PERCENT_REST.match(after)
        if pm:
            end += pm.end()
            return Found(start, end, squash(sentence[start:end]), number, None,
                          "change" if direction else "share", "%", direction, change_at)
    if _SCORE_AFTER.match(after) and (total is not None or _SCORE_BEFORE.search(before_key)):
        return Found(start, end, text, number, total, "score", "điểm")
    if _RANK_BEFORE.search(before_key):
        return Found(start, end, text, number, total, "rank", "hạng")
    unit, width = _unit_after(rest_key)
    if unit is None and total is None and _LABEL_BEFORE.search(before_key) and _ENDS_CLAUSE.match(after):
        unit = _unit_before(before_key)  # "Số PAKN được tiếp nhận: 49" (not "…: 162.056.800 đồng")
    if unit is None and total is None:
        return None
    if total is not None and unit is None and not re.match(r"\s+[^\W\d]", after):
        return None
    span_end = end
    if width:  # the unit word as written: skip its length in the folded key, spaces included
        lead = len(after) - len(after.lstrip())
        span_end = end + lead + len(squash(after.lstrip())[:width])
    return Found(start, end, text, number, total, "change" if direction else "count", unit, direction,
                  change_at, span_end)
