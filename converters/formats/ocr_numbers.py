"""Numbers read by OCR: never a wrong number silently.

A scanned document's number and day are often written by hand ("Số: 289/BC-UBND",
"ngày 22 tháng 11"): Tesseract reads them with low confidence and often wrongly
("899" for "299", "|3" for "23", "9" for "51"). A value in a *number or date slot*
is kept only when it was read with confidence and is plausible; otherwise it becomes
``document.UNCERTAIN`` ("⁇"), which the header reader turns into a null field and a
warning (a wrong number is worse than none).

Slots: the word after "Số:" (or glued to it: "Số:289/…"), up to its "/"; the day,
month and year of the place-and-date line "Quảng Ngãi, ngày A tháng B năm C". Plausible: a number
of 1–6 digits; a day 1–31, a month 1–12, a year 1945–2100.

A value written in coloured ink (a blue pen) is whitened with the seals before the page
is read (``ocr.drop_colour``), so its slot would read blank, as a draft's does: ``inked``
marks a blank slot where coloured ink was dropped as UNCERTAIN instead.

Digit confusions (l→1, I→1, |→1, O→0, o→0) are fixed only inside numeric tokens —
a segment between "/", "." or "-" that has a digit and nothing but confusable letters
besides ("2O24", "l1") — never in words.
"""
from __future__ import annotations

import dataclasses
import re

from converters.document import UNCERTAIN
from converters.formats.geometry import Word

CONF_MIN = 50.0  # Tesseract word confidence (0-100) under which a slot value is not trusted: on the
# corpus scans handwritten values read 0-31 (wrong or right), printed ones 68-97
_CONFUSABLE = str.maketrans({"l": "1", "I": "1", "|": "1", "O": "0", "o": "0"})
_SEGMENT = re.compile(r"[^/.\-]+")
_NUMBER_WORD = re.compile(r"^(Số|SỐ)\s*:$")  # the header form; "số 12/QĐ" in prose is a citation
_NUMBER_GLUED = re.compile(r"^((?:Số|SỐ):)(.+)$")
_RANGES = {"day": (1, 31), "month": (1, 12), "year": (1945, 2100), "number": (0, 999999)}


def fix_digits(text: str) -> str:
    """``text`` with digit look-alikes replaced inside its numeric segments only."""
    def one(m: re.Match) -> str:
        seg = m.group(0)
        core = seg.rstrip(",;:)")
        if any(ch.isdigit() for ch in core) and all(ch.isdigit() or ch in "lI|Oo" for ch in core):
            return core.translate(_CONFUSABLE) + seg[len(core):]
        return seg
    return _SEGMENT.sub(one, text)


def _same_line(a: Word, b: Word) -> bool:
    return abs(a.top - b.top) < 1.0 and a.x1 <= b.x0 + 1.0


def _slot(words: list[Word], i: int) -> str | None:
    """The kind of value the word ``i`` stands in, if any: the header's number, or the
    day / month / year of the place-and-date line ("Quảng Ngãi, ngày 22 tháng 11 năm 2024";
    a date in prose, "Luật … ngày 22 tháng 11 năm 2019", is a citation, not a slot)."""
    prev = words[i - 1] if i > 0 and _same_line(words[i - 1], words[i]) else None
    if prev is not None and _NUMBER_WORD.match(prev.text):
        return "number"
    low = [w.text.lower().strip(",.:;") for w in words[max(0, i - 6): i + 2]]
    k = i - max(0, i - 6)  # index of word i in ``low``

    def dated(j: int) -> bool:  # "ngày" at j of ``low``, after the place name's comma
        return j >= 1 and low[j] == "ngày" and words[i - k + j - 1].text.endswith(",")

    nxt = low[k + 1] if k + 1 < len(low) else ""
    if dated(k - 1) and nxt == "tháng":
        return "day"
    if k >= 3 and low[k - 1] == "tháng" and dated(k - 3) and nxt == "năm":
        return "month"
    if k >= 5 and low[k - 1] == "năm" and low[k - 3] == "tháng" and dated(k - 5):
        return "year"
    return None


def _checked(text: str, conf: float, kind: str) -> str:
    """The slot's text, its value replaced by UNCERTAIN when unsure or implausible."""
    cut = re.match(r"^([^/,;.]*)(.*)$", text)
    value, rest = cut.group(1), cut.group(2)
    if not value:
        return text  # a blank number ("Số: /BC-UBND", a draft): nothing was read
    low, high = _RANGES[kind]
    ok = value.isdigit() and conf >= CONF_MIN and low <= int(value) <= high \
        and (kind != "number" or len(value) <= 6) and (kind != "year" or len(value) == 4)
    return text if ok else UNCERTAIN + rest


# "Sô:", "Sồ:", "S6:": "Số:" with its tone misread (never "Sở:"), before a ký hiệu
_NUMBER_MISREAD = re.compile(r"^S[ôồổỗộóòỏõọo6]:(.*)$")
_SYMBOL_AHEAD = re.compile(r"/\s*[A-ZĐ]")


def _number_word(words: list[Word], i: int) -> str:
    """Word ``i``'s text, "Số:" mended when it is misread before a ký hiệu."""
    w = words[i]
    m = _NUMBER_MISREAD.match(w.text)
    if m is None:
        return w.text
    ahead = m.group(1) + "".join(x.text for x in words[i + 1:i + 3] if _same_line(w, x) or x.top == w.top)
    return "Số:" + m.group(1) if _SYMBOL_AHEAD.search(ahead) else w.text


def guard(words: list[Word]) -> list[Word]:
    """OCR words in reading order, with numeric tokens fixed and unsure slot values marked."""
    words = [dataclasses.replace(w, text=t) if (t := _number_word(words, i)) != w.text else w
             for i, w in enumerate(words)]
    out = [dataclasses.replace(w, text=fix_digits(w.text)) if w.text != fix_digits(w.text) else w for w in words]
    for i, w in enumerate(out):
        glued = _NUMBER_GLUED.match(w.text)
        if glued:
            out[i] = dataclasses.replace(w, text=glued.group(1) + _checked(glued.group(2), w.conf, "number"))
            continue
        kind = _slot(out, i)
        if kind:
            text = _checked(w.text, w.conf, kind)
            if text != w.text:
                out[i] = dataclasses.replace(w, text=text)
    return out


INK_MIN = 40  # dropped coloured pixels in a blank slot that make it a written value (not a speck)
_DAY_WORD = re.compile(r"^ngày$", re.IGNORECASE)
_DOTS = ".…_,:·"


def inked(words: list[Word], ink) -> list[Word]:
    """``words`` with an UNCERTAIN word in each blank number, day or month slot where
    coloured ink was dropped; ``ink(x0, top, x1, bottom)`` counts the dropped pixels in
    a box (PDF points). Slots: between "Số:" and the "/…" of the ký hiệu (or inside a
    glued "Số:/KH-DCT"), between "ngày" and "tháng", between "tháng" and "năm"; dots
    printed for the hand ("ngày .... tháng") are blank."""
    out: list[Word] = []
    i = 0
    while i < len(words):
        w = words[i]
        glued = _NUMBER_GLUED.match(w.text)
        if glued and glued.group(2).lstrip(_DOTS).startswith("/") and ink(w.x0, w.top, w.x1, w.bottom) >= INK_MIN:
            out.append(dataclasses.replace(w, text=glued.group(1) + UNCERTAIN + glued.group(2).lstrip(_DOTS)))
            i += 1
            continue
        out.append(w)
        j = i + 1
        while j < len(words) and _same_line(words[j - 1], words[j]) and not words[j].text.strip(_DOTS):
            j += 1  # dotted leaders
        nxt = words[j] if j < len(words) and _same_line(words[j - 1], words[j]) else None
        if nxt is not None:
            blank = ((_NUMBER_WORD.match(w.text) and nxt.text.lstrip(_DOTS).startswith("/"))
                     or (_DAY_WORD.match(w.text) and nxt.text.lower() == "tháng")
                     or (w.text.lower() == "tháng" and nxt.text.lower() == "năm"))
            if blank and ink(w.x1, w.top, nxt.x0, w.bottom) >= INK_MIN:
                out.append(dataclasses.replace(w, text=UNCERTAIN, x0=w.x1, x1=nxt.x0, conf=0.0))
                i = j
                continue
        i += 1
    return out
