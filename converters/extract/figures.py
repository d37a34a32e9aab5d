"""Reform and "dân vận" figures a report gives, each a fact with its context.

A figure is a number with a shape, found in a sentence:

* a count with its unit ("4.340 lượt người", "666 đơn", "656 dịch vụ công"); a mention that
  holds several ("419 lượt/ 622 người/ 136 vụ việc") gives one figure per count;
* a share ("90,58%"); a range ("50% - 60%") is kept as written with no number: it is not
  one value;
* a ratio "a/b" ("18/25 nhiệm vụ", "01/01 hồ sơ"): ``number`` = a, ``total`` = b, in the
  unit that follows (a count, never turned into a percentage here);
* a score ("đạt 87,5 điểm", "34.34/100 điểm"), a rank ("xếp thứ 10/63");
* a change ("giảm 13,21%", "tăng 10 đơn"): a figure of kind "change" with its direction,
  or, right after a figure ("đạt tỷ lệ 78% (tăng 02 % so với cùng kỳ)"), the comparison of
  that figure ("tăng 10 đơn (tăng 100%)" is one change, not a 100 % share).

Numbers: "1.580" = 1580 (dot groups thousands), "13,21" = 13.21 (comma is the decimal mark); a
dot followed by one, two or more than three digits is a decimal point as some drafts write it.

The indicator is read from the clause (``indicators.match``); the period from the sentence
("Trong quý I/2024"), else the "Năm YYYY:" lead of the list, else the report's; who it is
about from ``figure_scope``. A number in a sentence with no reform context and no indicator
is not a figure.
"""
from __future__ import annotations

import re
from dataclasses import replace
from functools import lru_cache

from converters import vocab
from converters.document import Figure
from converters.extract import figure_scope, figure_shapes, indicators
from converters.extract.figure_shapes import to_number  # noqa: F401 (part of this module's interface)
from converters.extract.passage import Passage, passages, squash
from converters.vocab import OTHER_INDICATOR, TONE_VARIANTS, fold_key

KINDS = ("count", "share", "score", "rank", "change")

_DONE_BEFORE = re.compile(r"hoàn thành\s*$")
_COMPARE = re.compile(r"so với\s+[^,;()]*")

# A sentence about reform or "dân vận" work: a figure that names no indicator is kept
# (as "khac") only there.
_CONTEXT = tuple(fold_key(x) for x in (
    "tthc", "thủ tục hành chính", "hồ sơ", "một cửa", "cải cách hành chính", "cchc", "chữ ký số",
    "môi trường điện tử", "trực tuyến", "dịch vụ công", "chính quyền điện tử", "thời hạn giải quyết",
    "tiếp công dân", "tiếp dân", "khiếu nại", "tố cáo", "đơn thư", "phản ánh", "kiến nghị",
    "dân vận", "dân chủ", "sipas", "papi", "par index",
))

_ROMAN = {"i": "1", "ii": "2", "iii": "3", "iv": "4"}


def _tones(pattern: str) -> str:
    """A regex written in ordinary spelling, in the tone placement fold_key gives."""
    for old, new in TONE_VARIANTS.items():
        pattern = pattern.replace(old, new)
    return pattern


_PERIODS = re.compile(_tones(
    r"(?P<quarter>quý\s+(?P<q>iv|i{1,3}|[1-4])\s*/\s*(?P<qy>\d{4}))"
    r"|(?P<months>\d+\s+tháng\s+(?:đầu|cuối)\s+năm\s+\d{4})"
    r"|(?:(?<=^)|(?<=\btrong\s)|(?<=\bhết\s))(?P<month>tháng\s+(?P<mm>\d{1,2})(?:\s*/\s*|\s+năm\s+)(?P<my>\d{4}))"
    r"|(?P<until>đến\s+tháng\s+(?P<um>\d{1,2})(?:\s*/\s*|\s+năm\s+)(?P<uy>\d{4}))"
    r"|(?:(?<=^)|(?<=\btrong\s)|(?<=\bhết\s))(?P<year>năm\s+(?P<y>\d{4}))"
))
_LEAD = re.compile(r"^(năm\s+\d{4})(?:\s*\([^)]*\))?\s*:")



def _period_before(sentence: str, pos: int) -> str | None:
    text = fold_key(sentence[:pos])
    found = None
    year = None
    for m in _PERIODS.finditer(text):
        if m.group("quarter"):
            found = f"quý {_ROMAN.get(m.group('q'), m.group('q'))}/{m.group('qy')}"
        elif m.group("month"):
            found = f"tháng {int(m.group('mm'))}/{m.group('my')}"
        elif m.group("months"):
            found = squash(m.group("months"))
        elif m.group("until"):
            month, y = int(m.group("um")), m.group("uy")
            found = f"năm {y} (đến tháng {month})" if year == y else f"đến tháng {month}/{y}"
        elif m.group("year"):
            year = m.group("y")
            found = f"năm {year}"
    return found


WINDOW = 14  # words kept on each side of the value in a figure's text
MATCH_BEFORE, MATCH_AFTER = 24, 28  # words of the clause an indicator's phrase is looked for in


def _clause_bounds(sentence: str, start: int, end: int) -> tuple[int, int]:
    left = sentence.rfind(";", 0, start) + 1
    right = sentence.find(";", end)
    return left, (len(sentence) if right < 0 else right)


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
    if len(starts) > WINDOW:
        comma = sentence.find(",", a, start)
        a = comma + 1 if comma >= 0 else a
    b = end + ends[WINDOW - 1] if len(ends) > WINDOW else (end + ends[-1] if ends else end)
    return squash(sentence[a:b]).strip(" ,.;:")




def _compare_text(sentence: str, a: int, b: int, clause_end: int, clause_start: int | None = None) -> str:
    """The change as written from ``a``, through ``b`` and a "so với …" that follows (or,
    when none follows, from a "so với …" shortly before: "giảm so với cùng kỳ (giảm 13,21%)")."""
    cm = _COMPARE.search(sentence, b, clause_end)
    if cm and cm.start() - b <= 4:
        b = cm.end()
    elif clause_start is not None:
        before = [m for m in _COMPARE.finditer(sentence, clause_start, a)]
        if before and len(sentence[before[-1].start():a].split()) <= 12:
            start = before[-1].start()
            dm = re.search(r"(?:tăng|giảm)\s+$", sentence[max(clause_start, start - 8):start])
            a = start - len(dm.group(0)) if dm else start
    elif sentence[b:b + 1] == ")":
        b += 1
    if sentence.count("(", a, b) > sentence.count(")", a, b) and sentence[b:b + 1] == ")":
        b += 1
    return squash(sentence[a:b]).strip(" ,.;")




@lru_cache(maxsize=None)
def _label_parts(indicator_id: str) -> frozenset[str]:
    """Breakdown words an indicator's own label holds ("đoàn đông người"): not a breakdown of it."""
    label = fold_key(vocab.indicator_by_id()[indicator_id].label)
    return frozenset(p for p in _parts() if p in label)


@lru_cache(maxsize=1)
def _parts() -> tuple[str, ...]:
    return tuple(fold_key(p) for p in vocab.vocabulary().get("indicator_parts", ()))


def _one_part(key: str, drop: set[str] = frozenset()) -> tuple[str | None, int]:
    """(the one breakdown word in ``key``, how many distinct ones it holds)."""
    found = {p for p in _parts() if p in key and re.search(rf"(?<!\w){re.escape(p)}(?!\w)", key)} - drop
    return (found.pop() if len(found) == 1 else None), len(found)


_NEXT_STOP = re.compile(r",|(?<!mức độ )\d")  # "dịch vụ công mức độ 3" names a level


def _after_words(sentence: str, end: int, right: int, limit: int) -> str:
    """The words after a figure up to the next comma or number (at most ``limit``)."""
    m = _NEXT_STOP.search(sentence, end, right)
    return " ".join(sentence[end:m.start() if m else right].split()[:limit])


def _in_sentence(sentence: str, anchor: str | None, period: str | None, scope: figure_scope.Context,
                 ) -> list[Figure]:
    found: list[figure_shapes.Found] = []
    for m in figure_shapes.candidates().finditer(sentence):
        if found and m.start() < found[-1].end:
            continue
        if m.start() >= 2 and sentence[m.start() - 1] == "/" and sentence[m.start() - 2].isdigit():
            continue  # the second half of a ratio or a date
        f = figure_shapes.shape(sentence, m)
        if f is None:
            continue
        if f.kind == "share" and _DONE_BEFORE.search(sentence[max(0, f.start - 40):f.start]) and found \
                and found[-1].total is not None:
            continue  # "12/18 nhiệm vụ hoàn thành 100%": a qualifier of the ratio
        found.append(f)
    if not found:
        return []
    context = None
    out: list[Figure] = []
    prev: tuple[figure_shapes.Found, Figure] | None = None
    for f in found:
        left, right = _clause_bounds(sentence, f.start, f.end)
        if f.direction and prev is not None and prev[0].span_end <= f.change_at <= prev[0].span_end + 4 \
                and sentence[prev[0].span_end:f.change_at].strip(" ,(") == "":
            pf, fig = prev  # "… 78% (tăng 02 % so với cùng kỳ)": the comparison of the figure before
            a = pf.change_at if pf.direction else f.change_at
            out[-1] = replace(fig, comparison=_compare_text(sentence, a, f.end, right),
                              direction=fig.direction or f.direction)
            prev = (f, out[-1])
            continue
        before_words = sentence[left:f.start].split()[-MATCH_BEFORE:]
        after_text = _after_words(sentence, f.end, right, MATCH_AFTER)
        key_before = fold_key(" ".join(before_words))
        key = f"{key_before} {fold_key(f.value)} {fold_key(after_text)}"
        at = len(key_before) + 1
        ind, phrase = indicators.match(key, at, f.kind, f.unit)
        if ind is None:
            if context is None:
                skey = fold_key(sentence)
                context = any(k in skey for k in _CONTEXT)
            if not context:
                continue
        comparison = None
        if f.direction:
            comparison = _compare_text(sentence, f.change_at, f.span_end, right, left)
        drop = _label_parts(ind.id) if ind is not None else frozenset()
        part, _ = _one_part(fold_key(" ".join(after_text.split()[:6])), drop)
        if part is None:
            since = left
            joined = False
            if prev is not None and prev[0].span_end > left:
                since = prev[0].span_end
                joined = sentence[since:f.start].strip() == "/"
            if prev is not None and since > left and prev[0].unit == f.unit \
                    and sentence[since:f.start].rstrip().endswith("/"):
                part = None  # "1.580 mô hình trong khối chính quyền/6.735 mô hình": the whole
            elif joined and prev[0].unit != f.unit:
                part = prev[1].part  # "Tiếp định kỳ: 342 lượt/ 534 người": one mention, one breakdown
            elif not joined:
                part, _ = _one_part(fold_key(sentence[since:f.start] if since > left
                                             else " ".join(before_words)), drop)
        who, agency = figure_scope.scope_at(sentence, f.start, scope, f.end, right)
        fig = Figure(text=_clause(sentence, f.start, f.end), value=f.value, number=f.number,
                     indicator=ind.id if ind else OTHER_INDICATOR, kind=f.kind,
                     unit=f.unit if f.unit or ind is None else ind.unit, total=f.total,
                     part=part, period=_period_before(sentence, f.start) or period,
                     scope=who, agency=agency, comparison=comparison, direction=f.direction,
                     anchor=anchor, sentence=sentence)
        out.append(fig)
        prev = (f, fig)
    return out


_DIGIT = re.compile(r"\d")


def _looks_like_heading(text: str) -> bool:
    return len(text) < 160 and not re.search(r"[.;:]$", text) and bool(
        re.match(r"^(?:[IVX]+|\d+|[a-zđ])[.)\-]\s", text))


def extract(paragraphs, period_label: str | None, footnotes=(), note_anchors=(), units=()) -> tuple[Figure, ...]:
    """paragraphs: ((anchor, plain text), …) in reading order; footnotes: plain texts,
    anchored by ``note_anchors`` (their ids on the page) when given, else None; units: the
    reporting bodies (who "Sở", "Văn phòng" are)."""
    return extract_passages(passages(paragraphs, footnotes, note_anchors), period_label, units)


def extract_passages(items: list[Passage], period_label: str | None, units=()) -> tuple[Figure, ...]:
    """``extract`` on the cleaned passages of a body (``plaintext.passages``)."""
    out: list[Figure] = []
    lead: str | None = None
    scope = figure_scope.Context(tuple(units))
    for item in items:
        text = item.text
        if not text:
            continue
        m = _LEAD.match(fold_key(text)) if text[:3].lower() == "năm" else None  # cheap test first
        if m:
            lead = m.group(1)
        elif _looks_like_heading(text) or item.is_note:
            lead = None
        scope.paragraph(text, heading=_looks_like_heading(text), note=item.is_note)
        if not _DIGIT.search(text):
            continue
        for sentence in item.sentences:
            if _DIGIT.search(sentence):  # every figure has a digit
                out.extend(_in_sentence(sentence, item.anchor, lead or period_label, scope))
            scope.sentence_done(sentence)
    return tuple(out)
