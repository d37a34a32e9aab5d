"""PDF (.pdf) → SourceText, from the text layer's geometry.

Reads words with their boxes, font sizes and font names through pdfium
(``pdfium_text``: printed annotations such as a signing software's stamped number
and day are part of the page) and rebuilds the document's structure from geometry, since a
PDF only knows positioned glyphs:

- rows: words grouped by vertical overlap; a word much smaller than its row and
  raised above the row's baseline is a superscript (``<sup>N</sup>``);
- page furniture: a lone page number ("2", "- 2 -", "Trang 2/5") in the first or
  last rows of a page, and lines repeated at the top or bottom of most pages, are dropped;
- footnotes: the rows at the bottom of a page set in a smaller size than the body
  (under the short rule when there is one); a row opening with a superscript number
  starts a definition, other rows continue the previous one (also across pages);
  definitions come out at the end as ``<sup>N</sup> text`` lines;
- the two-column header on page 1 (agency / "Số: …" on the left, motto / place and
  date on the right): read left column, then right column, up to the first row that
  spans the middle of the text block (the type line);
- paragraphs: a row continues the previous one when the previous row is wrapped —
  the first word of the row would not have fitted on it before the right margin —
  and the row starts at the left margin with the same size and weight; this rejoins
  hard wraps across pages too. A word split after a hyphen ("19-" / "CT/TU") is
  rejoined without a space. Centred rows (type line, title) stay one line each in
  one block; whole-bold paragraphs become ``**…**``; wide gaps inside a row become tabs.

The same layout code serves OCR output (``converters.ocr`` feeds word boxes from
Tesseract), so scanned reports get the same structure.
"""
from __future__ import annotations

import dataclasses
import io
import re
import statistics
import unicodedata
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

from converters import errors
from converters.formats import notegroup, textcheck
from converters.document import Source, SourceText
from converters.formats.geometry import Page, Row, Rule, Word

SUFFIXES = (".pdf",)


def accepts(path: Path) -> bool:
    return path.suffix.lower() in SUFFIXES


# --------------------------------------------------------------------------- entry point


def convert(path: Path, source: Source, data: bytes) -> SourceText:
    if not data.strip(b"\0 \n\r\t"):
        raise errors.EmptyFile(source.path)
    if not data.lstrip()[:5].startswith(b"%PDF"):
        raise errors.UnreadableFile(source.path, "không phải tệp PDF (thiếu %PDF)")
    pages = read_pages(data, source.path)
    # a scan, a scan whose only text is a stamp, a text layer that is not Vietnamese:
    # OCR the page (all such pages, or say why not), keeping its stamped text
    todo = {i: why for i, p in enumerate(pages) if (why := textcheck.ocr_reason(p))}
    if todo:
        from converters.formats import ocr

        reasons = sorted(set(todo.values()))
        for i, page in ocr.ocr_pages(data, sorted(todo), source.path, reasons).items():
            inline, boxes = textcheck.kept_words(pages[i], todo[i])
            pages[i] = dataclasses.replace(page, words=page.words + inline, boxes=boxes)
        source = dataclasses.replace(source, ocr=True)
    if not any(p.words or p.boxes for p in pages):
        raise errors.EmptyFile(source.path, "PDF không có chữ")
    text = layout(pages)
    if not text.strip():
        raise errors.EmptyFile(source.path, "PDF không có chữ")
    return SourceText(source=source, text=text)


def read_pages(data: bytes, shown: str) -> list[Page]:
    """Word boxes of every page's text layer, printed annotations included (pdfium_text)."""
    from converters.formats import pdfium_text

    return pdfium_text.read_pages(data, shown)


# --------------------------------------------------------------------------- rows


def _rows(page: Page, pno: int) -> list[Row]:
    rows: list[Row] = []
    for w in sorted(page.words, key=lambda w: (w.bottom, w.x0)):
        mid = (w.top + w.bottom) / 2
        best = None
        for row in rows[-4:]:
            main = row.words[0]
            if main.top - 1.0 <= mid <= main.bottom + 1.0 or (
                    (row.top + row.bottom) / 2 >= w.top - 1.0 and (row.top + row.bottom) / 2 <= w.bottom + 1.0):
                best = row
        if best is None:
            rows.append(Row([w], pno))
        else:
            best.words.append(w)
    for row in rows:
        # main word first: the largest
        counts: Counter = Counter()
        for w in row.words:
            counts[w.size] += len(w.text)
        row.size = max(counts.items(), key=lambda kv: (kv[1], kv[0]))[0]
        big = [w for w in row.words if w.size >= 0.85 * row.size] or row.words
        row.baseline = statistics.median(w.bottom for w in big)
        for w in row.words:
            w.sup = (w.size < 0.85 * row.size and w.bottom < row.baseline - 0.15 * row.size)
        row.words.sort(key=lambda w: w.x0)
    rows.sort(key=lambda r: (r.baseline, r.x0))
    return [r for r in rows if r.main or r.words]


def _row_text(row: Row, tabs: bool = True, emphasis: bool = True) -> str:
    """A row as inline text: superscripts as <sup>, partly bold / italic words as
    ``**…**`` / ``*…*`` (a wholly bold row is marked by its block), wide gaps as tabs."""
    whole_bold = row.bold
    spans: list[list] = []  # [separator, text, bold, italic, sup]
    prev: Word | None = None
    for w in row.words:
        sep = ""
        if prev is not None:
            gap = w.x0 - prev.x1
            if w.sup:
                sep = " " if gap > 0.5 * row.size else ""
            elif tabs and gap > 2.2 * row.size:
                sep = "\t"
            elif gap > 0.12 * row.size or w.stamp != prev.stamp or (prev.space_after and gap > -0.12 * row.size):
                sep = " "  # a stamped value glued to typed text ("Số:293", "tháng4") is a word of its own
        bold = emphasis and w.bold and not whole_bold and not w.sup
        italic = emphasis and w.italic and not w.sup
        if spans and not w.sup and not spans[-1][4] and (spans[-1][2], spans[-1][3]) == (bold, italic) \
                and sep != "\t":
            spans[-1][1] += sep + w.text
        else:
            spans.append([sep, w.text, bold, italic, w.sup])
        prev = w
    out = ""
    for sep, text, bold, italic, sup in spans:
        if sup:
            out += f"{sep}<sup>{text}</sup>"
        elif (bold or italic) and any(ch.isalnum() for ch in text):
            marker = ("**" if bold else "") + ("*" if italic else "")
            out += f"{sep}{marker}{text}{marker[::-1]}"
        else:
            out += sep + text
    return out


_PAGE_NO = re.compile(r"(?i)^[-–—\s]*(trang\s*)?\d{1,4}(\s*(/|trên|of)\s*\d{1,4})?[-–—\s]*$")


def _norm_key(text: str) -> str:
    return re.sub(r"\d+", "#", " ".join(text.split()).lower())


def _drop_furniture(pages_rows: list[list[Row]], pages: list[Page]) -> list[list[Row]]:
    n = len(pages_rows)
    zone = {}
    counts: Counter = Counter()
    for i, rows in enumerate(pages_rows):
        h = pages[i].height
        typed = [r for r in rows if not r.stamp]
        cands = [r for r in typed[:2] if r.top < 0.12 * h] + [r for r in typed[-2:] if r.bottom > 0.88 * h]
        zone[i] = cands
        for key in {_norm_key(_row_text(r, emphasis=False)) for r in cands}:
            counts[key] += 1
    out = []
    for i, rows in enumerate(pages_rows):
        drop = set()
        for r in zone[i]:
            text = _row_text(r, tabs=False, emphasis=False)
            if _PAGE_NO.match(text) or (n >= 2 and counts[_norm_key(_row_text(r, emphasis=False))] >= max(2, (n + 1) // 2)):
                drop.add(id(r))
        out.append([r for r in rows if id(r) not in drop])
    return out


# --------------------------------------------------------------------------- layout


@dataclass
class _Metrics:
    body: float
    left: float
    right: float

    @property
    def mid(self) -> float:
        return (self.left + self.right) / 2


def _metrics(all_rows: list[Row]) -> _Metrics:
    if not all_rows:  # a page with nothing but a stamp's box
        return _Metrics(12.0, 0.0, 595.0)
    counts: Counter = Counter()
    for r in all_rows:
        for w in r.main:
            counts[w.size] += len(w.text)
    body = _weighted_median(counts) if counts else 12.0
    long_rows = [r for r in all_rows if abs(r.size - body) <= 0.1 * body and len(r.main) >= 6] or all_rows
    left = statistics.median(r.x0 for r in long_rows)
    lefts = [r.x0 for r in long_rows if r.x0 >= left - 2]
    left = min(lefts) if lefts else left
    right = sorted(r.x1 for r in long_rows)[int(0.9 * (len(long_rows) - 1))]
    return _Metrics(body, left, right)


def _weighted_median(counts: Counter) -> float:
    total = sum(counts.values())
    acc = 0
    for size in sorted(counts):
        acc += counts[size]
        if acc * 2 >= total:
            return size
    return 12.0


_NOTE_START = re.compile(r"^[!|lI]?\d{1,2}\S")  # a mark OCR glued to the note ("1Kết", "!1Kết")


def _split_footnotes(rows: list[Row], page: Page, m: _Metrics,
                     continued: bool = False) -> tuple[list[Row], list[Row]]:
    """(body rows, footnote rows) of a page. ``continued``: the previous page ended
    inside a note, so small text at the bottom may carry on without a number."""
    small = lambda r: r.size < 0.92 * m.body  # noqa: E731
    rules = [ru for ru in page.rules if ru.x1 - ru.x0 < 0.6 * (m.right - m.left) and ru.x0 < m.left + 20]
    if rules:
        y = max(ru.y for ru in rules)
        below = [r for r in rows if r.top > y - 1 and small(r)]
        if below and all(r.top > y - 1 for r in rows[len(rows) - len(below):]):
            return rows[: len(rows) - len(below)], below
    k = len(rows)
    while k > 0 and small(rows[k - 1]):
        k -= 1
    notes = rows[k:]
    if notes and not (continued or notes[0].words[0].sup or notes[0].words[0].text.isdigit()
                      or _NOTE_START.match(notes[0].words[0].text)):
        return rows, []  # small text at the bottom that does not open with a note number
    return rows[:k], notes


def _segments(row: Row, gap: float) -> list[Row]:
    segs: list[list[Word]] = [[row.words[0]]]
    for w in row.words[1:]:
        if w.x0 - segs[-1][-1].x1 > gap:
            segs.append([w])
        else:
            segs[-1].append(w)
    out = []
    for s in segs:
        r = Row(s, row.page, row.size, row.baseline)
        out.append(r)
    return out


def _header_zone(rows: list[Row], m: _Metrics) -> int:
    """Number of leading rows on page 1 that form the two-column header block."""
    k = 0
    two = False
    for r in rows:
        segs = _segments(r, 2.0 * r.size)
        crosses = [s for s in segs if s.x0 < m.mid - 15 and s.x1 > m.mid + 15]
        if crosses:
            break
        if len(segs) >= 2 or abs((r.x0 + r.x1) / 2 - m.mid) > 25:
            two = True
        k += 1
    return k if two else 0


def _is_centered(r: Row, m: _Metrics) -> bool:
    return r.x0 > m.left + 12 and r.x1 < m.right - 12 and abs((r.x0 + r.x1) / 2 - m.mid) < 0.25 * r.size


def _join(a: str, b: str) -> str:
    """Two wrapped lines as one: no space after a split hyphen ("19-" + "CT/TU");
    an emphasis span that runs over the break becomes one span."""
    for marker in ("**", "*"):
        if a.endswith(marker) and b.startswith(marker) and not a.endswith(marker + "*") \
                and not b.startswith(marker + "*"):
            return a[: -len(marker)] + " " + b[len(marker):]
    if re.search(r"[^\s<>]-$", a) and b and not b[0].isspace():
        return a + b
    return a + " " + b


_LIST = re.compile(r"^([-–+•]\s|[a-zđ]\)\s)")


def layout(pages: list[Page]) -> str:
    pages_rows = [_rows(p, i) for i, p in enumerate(pages)]
    pages_rows = _drop_furniture(pages_rows, pages)
    m = _metrics([r for rows in pages_rows for r in rows])
    body_rows: list[Row] = []
    note_rows: list[Row] = []
    seen_stamps: set[str] = set()
    for i, rows in enumerate(pages_rows):
        typed = [r for r in rows if not r.stamp]
        body, notes = _split_footnotes(typed, pages[i], m, continued=bool(note_rows) and note_rows[-1].page == i - 1)
        body_rows.extend(body)
        note_rows.extend(notes)
        # rows printed only by annotations (signature boxes, certification stamps): their own
        # lines after the page's text, once per document (a box repeated on every page)
        stamped = [w for r in rows if r.stamp for w in r.words] + pages[i].boxes
        for group in _clusters(stamped):  # one box after the other, not side by side in rows
            for r in _rows(Page(pages[i].width, pages[i].height, group), i):
                key = _row_text(r, tabs=False, emphasis=False)
                if key not in seen_stamps:
                    seen_stamps.add(key)
                    body_rows.append(r)
    blocks: list[str] = []
    # header block on the first page
    first = [r for r in body_rows if r.page == 0]
    hz = _header_zone(first, m) if first else 0
    if hz:
        left: list[str] = []
        right: list[str] = []
        for r in first[:hz]:
            for s in _segments(r, 2.0 * r.size):
                text = _row_text(s, tabs=False)
                ((left if (s.x0 + s.x1) / 2 < m.mid else right)).append(text)
        blocks.extend(left + right)
        body_rows = body_rows[hz:]
    # paragraphs
    gaps = [r.top - p.bottom for p, r in zip(body_rows, body_rows[1:])
            if p.page == r.page and _continues(p, r, m, p.bold)]
    line_gap = statistics.median(gaps) if gaps else 0.3 * m.body
    cur: list[str] | None = None  # lines of the current block
    cur_kind = ""  # "para" | "center"
    cur_bold = False
    prev: Row | None = None

    def flush() -> None:
        nonlocal cur
        if cur:
            if cur_kind == "para":
                text = cur[0]
                for nxt in cur[1:]:
                    text = _join(text, nxt)
                blocks.append(f"**{text}**" if cur_bold else text)
            elif cur_kind == "lines" and cur_bold:
                blocks.append("**" + "\n".join(cur) + "**")
            else:
                blocks.append("\n".join(f"**{t}**" if cur_bold else t for t in cur))
        cur = None

    for r in body_rows:
        text = _row_text(r)
        centered = _is_centered(r, m)
        if prev is not None and cur is not None and prev.stamp == r.stamp \
                and not (r.stamp and r.page == prev.page and r.top < prev.top - 1.0):  # the next box
            if centered and cur_kind == "center" and r.bold == cur_bold and r.page == prev.page \
                    and r.top - prev.bottom < 1.2 * r.size:
                cur.append(text)
                prev = r
                continue
            if not centered and cur_kind == "para" and _continues(prev, r, m, cur_bold):
                cur.append(text)
                prev = r
                continue
            if ((cur_kind == "para" and len(cur) == 1) or cur_kind == "lines") and r.bold == cur_bold \
                    and not centered and r.page == prev.page and (abs(r.x0 - prev.x0) < 3.0 or abs(r.x0 - m.left) < 3.0) \
                    and r.top - prev.bottom < line_gap + 0.15 * r.size \
                    and not re.search(r"[.;:!?]\W*$", cur[-1]):
                # a line broken by hand (heading, signature, stamp): same block, one line each
                cur.append(text)
                cur_kind = "lines"
                prev = r
                continue
        flush()
        cur = [text]
        cur_kind = "center" if centered else "para"
        cur_bold = r.bold
        prev = r
    flush()
    # footnote definitions
    notes: list[tuple[int, str]] = []
    loose: list[str] = []  # small text at a page bottom without any note number
    for r in note_rows:
        text = _row_text(r, tabs=False)
        head = r.words[0]
        mnum = re.match(r"^<sup>(\d{1,3})</sup>\s*(.*)$", text)
        if mnum is None and head.text.isdigit() and len(r.words) > 1 and head.size < r.size:
            mnum = re.match(r"^(\d{1,3})\s*(.*)$", text)
        if mnum is None:
            # OCR glues the mark to the text ("1Kết luận", "!1Kết"): accept only the next number
            glued = re.match(r"^[!|lI]?(\d{1,2})(?=[^\W\d_])(.*)$", text)
            if glued and (not notes or 0 < int(glued.group(1)) - notes[-1][0] <= 2):
                mnum = glued
        if mnum:
            notes.append((int(mnum.group(1)), mnum.group(2).strip()))
        elif notes:
            notes[-1] = (notes[-1][0], _join(notes[-1][1], text))
        else:
            loose.append(text)
    blocks = notegroup.insert([b.strip() for b in blocks if b.strip()], notes)
    out = "\n\n".join(blocks + loose)
    return unicodedata.normalize("NFC", out) + "\n"


def _clusters(words: list[Word]) -> list[list[Word]]:
    """Words of stamps and signature boxes grouped into boxes (words near each other),
    in reading order of the boxes."""
    parent = list(range(len(words)))

    def root(k: int) -> int:
        while parent[k] != k:
            parent[k] = parent[parent[k]]
            k = parent[k]
        return k

    for a, wa in enumerate(words):
        for b in range(a + 1, len(words)):
            wb = words[b]
            size = max(wa.size, wb.size, 1.0)
            if max(wa.x0, wb.x0) - min(wa.x1, wb.x1) < 2.0 * size \
                    and max(wa.top, wb.top) - min(wa.bottom, wb.bottom) < 1.0 * size:
                parent[root(b)] = root(a)
    groups: dict[int, list[Word]] = {}
    for k, w in enumerate(words):
        groups.setdefault(root(k), []).append(w)
    return sorted(groups.values(), key=lambda g: (min(w.top for w in g), min(w.x0 for w in g)))


def _continues(prev: Row, r: Row, m: _Metrics, bold: bool) -> bool:
    if abs(prev.size - r.size) > 0.1 * m.body or r.bold != bold:
        return False
    if abs(r.x0 - m.left) > 3.0:
        return False
    if _LIST.match(_row_text(r)):
        return False
    if r.page == prev.page and r.top - prev.bottom > 1.5 * r.size:
        return False
    first = r.main[0] if r.main else r.words[0]
    space = 0.28 * r.size
    return prev.x1 + space + (first.x1 - first.x0) > m.right - 1.0
