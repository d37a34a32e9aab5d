"""Figures of indicator tables ("4.3. Tỷ lệ hồ sơ trực tuyến toàn trình | % | 90,58").

Real reform reports carry their indicators in annex tables: a row names the indicator
(after its list number), a cell may give the unit ("%", "hồ sơ", "điểm"; or a header
"Đơn vị tính"), and each cell holding only a number is a value, of the period its column
header names ("Năm 2024", "Quý I/2025") or else of the report's. Only rows naming an
indicator of the closed list give figures (a table row has no sentence around it to tell
an unknown quantity apart from a code or a count of something else). A figure's anchor is
the paragraph before the table (tables carry no anchor of their own).
"""
from __future__ import annotations

import re

from converters import vocab
from converters.document import Figure
from converters.extract import figure_scope, indicators
from converters.extract.figures import _period_before, to_number
from converters.extract.passage import clean_plain
from converters.layout.tables import cells, is_separator
from converters.vocab import fold_key

_ANCHOR = re.compile(r"\{:\s*#(p-\d+)\s*\}\s*$")
_VALUE = re.compile(r"^\d+(?:[.,]\d+)*\s*%?$|^\d+(?:[.,]\d+)*\s*/\s*\d+(?:[.,]\d+)*$")
_LIST_NUMBER = re.compile(r"^(?:[IVXLC]+|\d+(?:\.\d+)*|[a-zđ])[.)]?\s+")
_UNIT_HEADER = re.compile(r"^(?:đơn vị tính|đvt|đơn vị)$")
_SHAPE = {"%": "share", "điểm": "score", "hạng": "rank"}


def _unit_of(text: str) -> str | None:
    key = fold_key(text).strip(" ()")
    if key in ("%", "tỷ lệ (%)", "tỷ lệ %", "tỷ lệ"):
        return "%"
    if key in ("điểm", "hạng", "thứ hạng"):
        return "điểm" if key == "điểm" else "hạng"
    for word, unit in vocab.indicator_units():
        if key == word:
            return unit
    return None


def _tables(markdown: str):
    """(anchor before the table, rows as cell lists) for each pipe table of the body."""
    anchor = None
    rows: list[list[str]] = []
    for line in markdown.split("\n") + [""]:
        row = cells(line) if line.startswith("|") else None
        if row is not None:
            rows.append(row)
            continue
        if rows:
            yield anchor, rows
            rows = []
        m = _ANCHOR.search(line)
        if m:
            anchor = m.group(1)


def extract(markdown: str, period_label: str | None, units=()) -> tuple[Figure, ...]:
    if "|" not in markdown:
        return ()
    out: list[Figure] = []
    ctx = figure_scope.Context(tuple(units))
    scope, agency = ctx.default()
    for anchor, rows in _tables(markdown):
        if len(rows) < 2:
            continue
        header = [clean_plain(c) for c in rows[0]]
        body = [r for r in rows[1:] if not is_separator(r)]
        unit_col = next((i for i, h in enumerate(header) if _UNIT_HEADER.match(fold_key(h))), None)
        for raw in body:
            row = [clean_plain(c) for c in raw]
            values = [i for i, c in enumerate(row) if _VALUE.match(c) and i != unit_col]
            texts = [i for i, c in enumerate(row) if i not in values and _unit_of(c) is None
                     and re.search(r"[^\W\d]{2}", c)]
            if not texts:
                continue
            values = [i for i in values if i > texts[0]]  # "4.3 | Tỷ lệ …": the list number is no value
            if not values:
                continue
            name = _LIST_NUMBER.sub("", row[texts[0]]).strip()
            unit = _unit_of(row[unit_col]) if unit_col is not None and unit_col < len(row) else None
            if unit is None:
                unit = next((_unit_of(c) for c in row if _unit_of(c)), None)
            if unit is None and re.search(r"(?<!\w)tỷ lệ(?!\w)", fold_key(name)):
                unit = "%"
            for i in values:
                value = row[i]
                u = "%" if value.endswith("%") else unit
                kind = _SHAPE.get(u or "", "count")
                key = fold_key(name)
                ind, _ = indicators.match(key, len(key), kind, u)
                if ind is None:
                    continue
                number, total = value.rstrip("%").strip(), None
                if "/" in number:
                    number, total = (x.strip() for x in number.split("/", 1))
                head = header[i] if i < len(header) else ""
                multi = len(values) > 1
                period = _period_before(head + " .", len(head) + 1) or period_label
                part = head if multi and not _period_before(head + " .", len(head) + 1) and head else None
                out.append(Figure(text=name, value=value, number=to_number(number), indicator=ind.id,
                                  kind=kind, unit=u or ind.unit,
                                  total=to_number(total) if total else None, part=part, period=period,
                                  scope=scope, agency=agency, anchor=anchor,
                                  sentence=" | ".join(c for c in row if c)))
    return tuple(out)
