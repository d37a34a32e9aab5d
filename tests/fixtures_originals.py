"""Builds real originals (DOCX, PDF with a text layer, scanned PDF) from the sample texts.

The sample texts in sources/samples are exports of real reports. This module reads
one back into the structure of the original document (header columns, type line,
title, headings, bold lines, list items, paragraphs with footnote references, footnote
definitions, received-stamp lines) and writes it out as:

- a DOCX with python-docx: the header as a borderless two-column table, Heading N
  styles, bold runs, "List Bullet" items, superscript footnote references backed by
  a real word/footnotes.xml part (python-docx has no footnote API: the part and its
  relationship are added by hand), tabs in the stamp lines;
- a PDF with reportlab, laid out line by line by a small typesetter here (DejaVu Sans,
  justified paragraphs with first-line indent, words that do not fit broken after a
  hyphen like Word does, footnotes at the bottom of the page that references them
  under a short rule, superscript marks, the two-column header, page numbers or a
  "Trang N/M" footer) — real geometry for the PDF reader to undo;
- a scanned PDF: that PDF rasterised with pdftoppm and wrapped back into an
  image-only PDF (no text layer), for the OCR path.

Footnote definitions without a reference mark in the text (sample 001, note 9) stay
without one: in the DOCX an unreferenced entry of footnotes.xml, in the PDF a note at
the bottom of the page where it appears in the export.
"""
from __future__ import annotations

import re
import shutil
import subprocess
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path

import pytest

from conftest import SAMPLES
from converters import vocab

FONT_DIR = Path("/usr/share/fonts/truetype/dejavu")
FONTS = {
    "regular": FONT_DIR / "DejaVuSans.ttf",
    "bold": FONT_DIR / "DejaVuSans-Bold.ttf",
    "italic": FONT_DIR / "DejaVuSans-Oblique.ttf",
    "bolditalic": FONT_DIR / "DejaVuSans-BoldOblique.ttf",
}

# --------------------------------------------------------------------------- model


@dataclass
class Seg:
    text: str
    bold: bool = False
    italic: bool = False
    sup: bool = False


@dataclass
class Block:
    kind: str  # para | heading | list | stamp
    segs: list[Seg]
    level: int = 0  # heading level (1-6)
    orphans: list[int] = field(default_factory=list)  # unreferenced notes shown after this block
    last_len: int = 0  # length of its last line in the export (hard-wrap detection)

    @property
    def bold(self) -> bool:
        visible = [s for s in self.segs if s.text.strip() and not s.sup]
        return bool(visible) and all(s.bold for s in visible)

    def plain(self) -> str:
        return "".join(s.text for s in self.segs)


@dataclass
class Original:
    name: str
    left: list[str]  # header, left column (agency, "Số: …")
    right: list[str]  # header, right column (motto, place and date)
    type_line: str
    title: list[str]
    blocks: list[Block]
    notes: dict[int, list[Seg]]  # footnote number -> definition text
    referenced: set[int]


_RIGHT = re.compile(r"(?i)(CỘNG\s+H[OÒ]À|Độc\s+lập|ĐẢNG\s+CỘNG\s+SẢN|,\s*ngày\b.*\bnăm\b|^-{3,}$)")
_OPENER = re.compile(r"^(Căn cứ|Thực hiện|Theo|Nhằm|Phần thứ|[IVX]+\.|\d+\.)")
_NOTE = re.compile(r"^<sup>(\d+)</sup>\s*(.*)$", re.S)
_TOKEN = re.compile(r"<sup>(.*?)</sup>|\*\*|\*")


def _clean(line: str) -> str:
    return " ".join(line.replace("\u00a0", " ").split())


def _strip_marks(line: str) -> str:
    return _clean(re.sub(r"[*#]", " ", line))


def _is_type(line: str) -> bool:
    text = _strip_marks(line)
    names = {vocab.fold_key(n) for n in vocab.type_names()}
    return bool(text) and text.upper() == text and vocab.fold_key(text) in names


def _segs(text: str) -> list[Seg]:
    out: list[Seg] = []
    bold = italic = False
    pos = 0
    for m in _TOKEN.finditer(text):
        if m.start() > pos:
            out.append(Seg(text[pos:m.start()], bold, italic))
        if m.group(1) is not None:
            out.append(Seg(m.group(1), bold, italic, sup=True))
        elif m.group(0) == "**":
            bold = not bold
        else:
            italic = not italic
        pos = m.end()
    if pos < len(text):
        out.append(Seg(text[pos:], bold, italic))
    merged: list[Seg] = []
    for s in out:
        s.text = s.text.replace("\t", " ") if not s.sup else s.text
        if merged and not s.sup and not merged[-1].sup and (merged[-1].bold, merged[-1].italic) == (s.bold, s.italic):
            merged[-1].text += s.text
        else:
            merged.append(s)
    return [s for s in merged if s.text]


def _raw_blocks(text: str) -> list[list[str]]:
    blocks: list[list[str]] = []
    cur: list[str] = []
    for line in text.replace("\r\n", "\n").split("\n"):
        if line.strip():
            cur.append(line.rstrip())
        elif cur:
            blocks.append(cur)
            cur = []
    if cur:
        blocks.append(cur)
    return blocks


def _wrapped(text: str) -> bool:
    lines = [ln.strip() for ln in text.splitlines() if ln.strip()]
    return bool(lines) and sum(50 <= len(ln) <= 100 for ln in lines) / len(lines) > 0.3


def _join(a: str, b: str) -> str:
    if re.search(r"\S-$", a):
        return a + b
    return a + " " + b


def parse_sample(path: Path) -> Original:
    text = unicodedata.normalize("NFC", path.read_text(encoding="utf-8"))
    wrapped = _wrapped(text)
    raw = _raw_blocks(text)
    # --- header: lines before the type line
    left: list[str] = []
    right: list[str] = []
    type_line = None
    title: list[str] = []
    i = 0
    while i < len(raw) and type_line is None:
        for j, line in enumerate(raw[i]):
            if _is_type(line):
                type_line = _strip_marks(line)
                rest = [_strip_marks(x) for x in raw[i][j + 1:]]
                title = [x for x in rest if x]
                break
            cleaned = _strip_marks(line)
            if cleaned:
                (right if _RIGHT.search(cleaned) else left).append(cleaned)
        i += 1
    assert type_line, f"{path.name}: no type line"
    if not title:
        title = [_strip_marks(x) for x in raw[i]]
        i += 1
        while wrapped and i < len(raw) and len(raw[i]) == 1 and not _OPENER.match(raw[i][0].strip()) \
                and len(raw[i][0].strip()) < 120 and len(title) < 4:
            title.append(_strip_marks(raw[i][0]))
            i += 1
    title = [t for t in title if t]
    # --- body
    blocks: list[Block] = []
    notes: dict[int, list[Seg]] = {}
    pending_orphans: list[int] = []
    last_para: Block | None = None
    body_raw = raw[i:]
    last_note = None
    for k, lines in enumerate(body_raw):
        first = lines[0].strip()
        m = _NOTE.match(first)
        if m:
            n = int(m.group(1))
            notes[n] = _segs(_clean(" ".join([m.group(2)] + [x.strip() for x in lines[1:]])))
            pending_orphans.append(n)
            last_note = n
            continue
        nxt = body_raw[k + 1][0].strip() if k + 1 < len(body_raw) else ""
        if last_note is not None and first.startswith("- ") and _NOTE.match(nxt):
            # an item between note N and note N+1 is the rest of note N (its second paragraph)
            notes[last_note] += [Seg(" ")] + _segs(_clean(" ".join(x.strip() for x in lines)))
            continue
        last_note = None
        if any("\t" in x for x in lines):
            blocks.append(Block("stamp", [Seg("\n".join(x.strip(" ") for x in lines))]))
            last_para = None
            continue
        if len(lines) > 1 and all(x.strip().startswith("- ") for x in lines):
            for x in lines:
                b = Block("list", _segs(_clean(x)[2:]))
                b.last_len = len(x.strip())
                blocks.append(b)
            last_para = None
            continue
        # a multi-line block keeps its hand-made line breaks (not in a hard-wrapped export)
        joined = _clean(" ".join(x.strip() for x in lines)) if wrapped else \
            "\n".join(_clean(x) for x in lines)
        cont = last_para is not None and first[:1].islower()
        if last_para is not None and pending_orphans and not cont:
            # notes at a page break inside a sentence: "… và Nghị quyết" / notes / "Đại hội X …"
            cont = (not re.search(r"[.:;!?…]\W*$", last_para.plain().strip())
                    and not first.startswith(("#", "**", "- ")))
        if wrapped and last_para is not None and not cont:
            prev_line = last_para.plain()
            # hard-wrapped export: a line that reached the margin continues in the next one
            cont = (last_para.last_len >= 60 and not re.match(r"^(-|\d+\.|[IVX]+\.|[a-zđ]\))\s", first)
                    and not prev_line.rstrip().endswith((":", ".", ";")))
        if cont:
            assert last_para is not None
            extra = _segs(joined)
            head = last_para.segs[-1]
            if re.search(r"\S-$", head.text) and extra and not extra[0].sup:
                head.text = head.text + extra[0].text.lstrip()
                extra = extra[1:]
            elif extra and not extra[0].sup:
                extra[0].text = " " + extra[0].text.lstrip()
            last_para.segs.extend(extra)
            last_para.last_len = len(lines[-1].strip())
            # notes met in between belong to this paragraph's page
            if pending_orphans:
                last_para.orphans.extend(pending_orphans)
                pending_orphans = []
            continue
        if pending_orphans and blocks:
            blocks[-1].orphans.extend(pending_orphans)
        pending_orphans = []
        hm = re.match(r"^(#{1,6})\s+(.*)$", joined)
        if hm:
            b = Block("heading", _segs(hm.group(2)), level=len(hm.group(1)))
            last_para = None
        elif joined.startswith("- "):
            b = Block("list", _segs(joined[2:]))
            last_para = b
        else:
            b = Block("para", _segs(joined))
            last_para = b if not b.bold else None
        b.last_len = len(lines[-1].strip())
        blocks.append(b)
    if pending_orphans and blocks:
        blocks[-1].orphans.extend(pending_orphans)
    referenced = {int(s.text) for b in blocks for s in b.segs if s.sup and s.text.isdigit()}
    # orphans = definitions never referenced; referenced ones are placed by their mark
    for b in blocks:
        b.orphans = [n for n in b.orphans if n not in referenced]
    return Original(path.stem, left, right, type_line, title, blocks, notes, referenced)


# --------------------------------------------------------------------------- DOCX

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"


def _footnotes_xml(orig: Original) -> bytes:
    from xml.sax.saxutils import escape

    parts = [
        f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<w:footnotes xmlns:w="{W_NS}">',
        '<w:footnote w:type="separator" w:id="-1"><w:p><w:r><w:separator/></w:r></w:p></w:footnote>',
        '<w:footnote w:type="continuationSeparator" w:id="0"><w:p><w:r><w:continuationSeparator/></w:r></w:p></w:footnote>',
    ]
    for n in sorted(orig.notes):
        runs = ['<w:r><w:rPr><w:vertAlign w:val="superscript"/></w:rPr><w:footnoteRef/></w:r>',
                '<w:r><w:t xml:space="preserve"> </w:t></w:r>']
        for s in orig.notes[n]:
            props = ("<w:b/>" if s.bold else "") + ("<w:i/>" if s.italic else "") + \
                ('<w:vertAlign w:val="superscript"/>' if s.sup else "")
            runs.append(f'<w:r><w:rPr>{props}<w:sz w:val="20"/></w:rPr>'
                        f'<w:t xml:space="preserve">{escape(s.text)}</w:t></w:r>')
        parts.append(f'<w:footnote w:id="{n}"><w:p><w:pPr><w:jc w:val="both"/></w:pPr>{"".join(runs)}</w:p></w:footnote>')
    parts.append("</w:footnotes>")
    return "".join(parts).encode("utf-8")


def write_docx(orig: Original, path: Path) -> Path:
    import docx
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.opc.constants import CONTENT_TYPE as CT
    from docx.opc.constants import RELATIONSHIP_TYPE as RT
    from docx.opc.packuri import PackURI
    from docx.opc.part import Part
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn
    from docx.shared import Pt

    doc = docx.Document()
    doc.styles["Normal"].font.name = "Times New Roman"
    doc.styles["Normal"].font.size = Pt(13)

    table = doc.add_table(rows=1, cols=2)  # no style: borderless, like a letterhead
    for cell, lines in zip(table.rows[0].cells, (orig.left, orig.right)):
        cell.paragraphs[0].text = ""
        for k, line in enumerate(lines):
            p = cell.paragraphs[0] if k == 0 else cell.add_paragraph()
            p.alignment = WD_ALIGN_PARAGRAPH.CENTER
            run = p.add_run(line)
            run.bold = line.isupper()
    p = doc.add_paragraph()
    p.alignment = WD_ALIGN_PARAGRAPH.CENTER
    p.add_run(orig.type_line).bold = True
    for line in orig.title:
        p = doc.add_paragraph()
        p.alignment = WD_ALIGN_PARAGRAPH.CENTER
        p.add_run(line).bold = True

    def add_runs(p, segs: list[Seg]) -> None:
        for s in segs:
            if s.sup and s.text.isdigit() and int(s.text) in orig.notes:
                r = OxmlElement("w:r")
                rpr = OxmlElement("w:rPr")
                va = OxmlElement("w:vertAlign")
                va.set(qn("w:val"), "superscript")
                rpr.append(va)
                r.append(rpr)
                ref = OxmlElement("w:footnoteReference")
                ref.set(qn("w:id"), s.text)
                r.append(ref)
                p._p.append(r)
                continue
            run = p.add_run(s.text)
            run.bold = s.bold or None
            run.italic = s.italic or None
            if s.sup:
                run.font.superscript = True

    for b in orig.blocks:
        if b.kind == "heading":
            p = doc.add_paragraph(style=f"Heading {min(b.level, 9)}")
            add_runs(p, [Seg(s.text, False, s.italic, s.sup) for s in b.segs])
        elif b.kind == "list":
            p = doc.add_paragraph(style="List Bullet")
            add_runs(p, b.segs)
        elif b.kind == "stamp":
            p = doc.add_paragraph()
            p.add_run(b.segs[0].text)  # python-docx turns "\t" into <w:tab/>, "\n" into <w:br/>
        else:
            p = doc.add_paragraph()
            p.alignment = WD_ALIGN_PARAGRAPH.JUSTIFY
            add_runs(p, b.segs)

    if orig.notes:
        part = Part(PackURI("/word/footnotes.xml"), CT.WML_FOOTNOTES, _footnotes_xml(orig), doc.part.package)
        doc.part.relate_to(part, RT.FOOTNOTES)
    doc.save(str(path))
    return path


# --------------------------------------------------------------------------- PDF

PAGE_W, PAGE_H = 595.0, 842.0
LEFT, RIGHT, TOP, BOTTOM = 85.0, 538.0, 60.0, 70.0
BODY, NOTE, SUP = 12.0, 9.0, 7.0
LEADING, NOTE_LEADING = 16.0, 11.5
INDENT = 28.0


def _register_fonts() -> None:
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont

    for key, file in FONTS.items():
        name = f"DejaVu-{key}"
        if name not in pdfmetrics.getRegisteredFontNames():
            pdfmetrics.registerFont(TTFont(name, str(file)))


def _font(seg: Seg, bold: bool = False) -> str:
    b = seg.bold or bold
    if b and seg.italic:
        return "DejaVu-bolditalic"
    if b:
        return "DejaVu-bold"
    if seg.italic:
        return "DejaVu-italic"
    return "DejaVu-regular"


@dataclass
class _Item:
    text: str
    font: str
    size: float
    rise: float
    space: bool  # a space before it
    width: float = 0.0


def _items(segs: list[Seg], size: float, bold: bool = False) -> list[_Item]:
    from reportlab.pdfbase.pdfmetrics import stringWidth

    items: list[_Item] = []
    space_pending = False
    for s in segs:
        if s.sup:
            sz = SUP if size >= BODY else size * 0.7
            items.append(_Item(s.text, _font(s, bold), sz, size * 0.38, False))
            continue
        for piece in re.split(r"(\s+)", s.text):
            if not piece:
                continue
            if piece.isspace():
                if "\n" in piece:
                    items.append(_Item("\n", _font(s, bold), size, 0.0, False))
                    space_pending = False
                else:
                    space_pending = True
                continue
            items.append(_Item(piece, _font(s, bold), size, 0.0, space_pending))
            space_pending = False
    for it in items:
        it.width = stringWidth(it.text, it.font, it.size)
    return items


def _wrap(items: list[_Item], width: float, first_indent: float) -> list[list[_Item]]:
    from reportlab.pdfbase.pdfmetrics import stringWidth

    lines: list[list[_Item]] = []
    cur: list[_Item] = []
    used = first_indent
    avail = width
    queue = list(items)
    while queue:
        it = queue.pop(0)
        if it.text == "\n":
            if cur:
                cur.append(it)  # marks a forced break: the line is not justified
                lines.append(cur)
            cur, used = [], 0.0
            continue
        gap = stringWidth(" ", it.font, it.size) if (it.space and cur) else 0.0
        if used + gap + it.width <= avail or not cur and it.width > avail - used:
            cur.append(it)
            used += gap + it.width
            continue
        # break after a hyphen inside the word when the head fits (as Word does)
        cut = None
        for mm in re.finditer(r"(?<=\S)-(?=\S)", it.text):
            head = it.text[: mm.end()]
            if used + gap + stringWidth(head, it.font, it.size) <= avail:
                cut = mm.end()
        if cut and it.rise == 0:
            head = _Item(it.text[:cut], it.font, it.size, 0.0, it.space, stringWidth(it.text[:cut], it.font, it.size))
            tail = _Item(it.text[cut:], it.font, it.size, 0.0, False, stringWidth(it.text[cut:], it.font, it.size))
            cur.append(head)
            lines.append(cur)
            cur, used = [], 0.0
            queue.insert(0, tail)
            continue
        if not it.space:  # glued to the word before (a mark, a quote, a style change): move together
            k = len(cur) - 1
            while k > 0 and not cur[k].space:
                k -= 1
            if k > 0:
                lines.append(cur[:k])
                cur = cur[k:] + [it]
                cur[0].space = False
                used = sum(x.width for x in cur) + sum(stringWidth(" ", x.font, x.size) for x in cur[1:] if x.space)
                continue
        lines.append(cur)
        cur, used = [it], it.width
        it.space = False
    if cur:
        lines.append(cur)
    return [ln for ln in lines if ln]


class _Typesetter:
    def __init__(self, path: Path, orig: Original, page_marks: str):
        from reportlab.pdfgen import canvas

        _register_fonts()
        self.c = canvas.Canvas(str(path), pagesize=(PAGE_W, PAGE_H), invariant=1)
        self.c.setTitle(orig.name)
        self.orig = orig
        self.page_marks = page_marks  # "top" (lone number from page 2) | "footer" ("Trang N/M")
        self.pages: list[list] = []  # per page: drawing ops
        self.notes_on_page: list[list[int]] = []
        self._new_page()

    def _new_page(self) -> None:
        self.pages.append([])
        self.notes_on_page.append([])
        self.y = PAGE_H - TOP

    def _note_lines(self, n: int) -> list[list[_Item]]:
        items = [_Item(str(n), "DejaVu-regular", 5.5, 3.0, False)] + _items(self.orig.notes[n], NOTE)
        if len(items) > 1:
            items[1].space = True
        return _wrap(items, RIGHT - LEFT, 0.0)

    def _notes_height(self, notes: list[int]) -> float:
        if not notes:
            return 0.0
        return 12.0 + sum(len(self._note_lines(n)) * NOTE_LEADING for n in notes)

    def place(self, line: list[_Item], x0: float, align: str, leading: float, notes: list[int],
              last: bool = False) -> None:
        need = self._notes_height(self.notes_on_page[-1] + [n for n in notes if n not in self.notes_on_page[-1]])
        if self.y - leading < BOTTOM + need:
            self._new_page()
        self.y -= leading
        self.pages[-1].append(("line", line, x0, self.y, align, last))
        for n in notes:
            if n not in self.notes_on_page[-1]:
                self.notes_on_page[-1].append(n)

    def paragraph(self, segs: list[Seg], size: float = BODY, bold: bool = False, indent: float = INDENT,
                  align: str = "justify", orphans: list[int] = (), space_after: float = 4.0) -> None:
        lines = _wrap(_items(segs, size, bold), RIGHT - LEFT, indent)
        for k, line in enumerate(lines):
            refs = [int(it.text) for it in line if it.rise and it.text.isdigit() and int(it.text) in self.orig.notes]
            if k == len(lines) - 1:
                refs += list(orphans)
            self.place(line, LEFT + (indent if k == 0 else 0.0), align, LEADING if size >= BODY else size * 1.3,
                       refs, last=k == len(lines) - 1)
        self.y -= space_after

    def stamp(self, text: str) -> None:
        """Lines with tab stops every 90 pt (a received-document stamp)."""
        for raw in text.split("\n"):
            line: list[_Item] = []
            x = 0.0
            for k, cell in enumerate(raw.split("\t")):
                if k:
                    x = (int(x // 90.0) + 1) * 90.0
                if cell.strip():
                    it = _items([Seg(cell.strip())], BODY)
                    first = True
                    for item in it:
                        item.space = not first
                        first = False
                    line.append(("at", x, it))
                    x += sum(i.width for i in it) + 3.5 * (len(it) - 1)
            self.place_cells(line)
        self.y -= 4.0

    def place_cells(self, cells) -> None:
        if self.y - LEADING < BOTTOM + self._notes_height(self.notes_on_page[-1]):
            self._new_page()
        self.y -= LEADING
        self.pages[-1].append(("cells", cells, self.y))

    def centered(self, text: str, size: float, bold: bool) -> None:
        for line in _wrap(_items([Seg(text, bold=bold)], size), RIGHT - LEFT - 40, 0.0):
            self.place(line, LEFT, "center", size * 1.35, [])

    def header(self) -> None:
        from reportlab.pdfbase.pdfmetrics import stringWidth

        y = PAGE_H - TOP
        cols = ((45.0, 300.0, self.orig.left), (300.0, 570.0, self.orig.right))
        lowest = y
        for x0, x1, lines in cols:
            yy = y
            for line in lines:
                bold = line.isupper()
                font = "DejaVu-bold" if bold else "DejaVu-regular"
                size = 11.0
                while stringWidth(line, font, size) > (x1 - x0) and size > 7:
                    size -= 0.5
                yy -= 15.0
                w_ = stringWidth(line, font, size)
                self.pages[-1].append(("text", line, font, size, x0 + (x1 - x0 - w_) / 2, yy))
            lowest = min(lowest, yy)
        self.y = lowest - 18.0

    def draw(self) -> None:
        from reportlab.pdfbase.pdfmetrics import stringWidth

        c = self.c
        total = len(self.pages)
        for pno, ops in enumerate(self.pages, start=1):
            for op in ops:
                if op[0] == "text":
                    _, text, font, size, x, y = op
                    c.setFont(font, size)
                    c.drawString(x, y, text)
                    continue
                if op[0] == "cells":
                    _, cells, y = op
                    for _, cx, items in cells:
                        x = LEFT + cx
                        for k, it in enumerate(items):
                            if k and it.space:
                                x += stringWidth(" ", it.font, it.size)
                            c.setFont(it.font, it.size)
                            c.drawString(x, y, it.text)
                            x += it.width
                    continue
                _, line, x0, y, align, last = op
                forced = line[-1].text == "\n"
                line = [it for it in line if it.text != "\n"]
                gaps = [k for k in range(1, len(line)) if line[k].space]
                widths = sum(it.width for it in line)
                space_w = sum(stringWidth(" ", line[k].font, line[k].size) for k in gaps)
                natural = widths + space_w
                extra = 0.0
                if align == "justify" and not last and not forced and gaps:
                    extra = max(0.0, (RIGHT - x0 - natural) / len(gaps))
                if align == "center":
                    x = LEFT + (RIGHT - LEFT - natural) / 2
                else:
                    x = x0
                for k, it in enumerate(line):
                    if k and it.space:
                        x += stringWidth(" ", it.font, it.size) + extra
                    elif k and it.rise:
                        x += 0.4
                    c.setFont(it.font, it.size)
                    c.drawString(x, y + it.rise, it.text)
                    x += it.width
            notes = self.notes_on_page[pno - 1]
            if notes:
                h = self._notes_height(notes)
                y = BOTTOM + h - 4.0
                c.setLineWidth(0.5)
                c.line(LEFT, y, LEFT + 120, y)
                y -= 4.0
                for n in notes:
                    for line in self._note_lines(n):
                        y -= NOTE_LEADING
                        x = LEFT
                        for k, it in enumerate(line):
                            if k and it.space:
                                x += stringWidth(" ", it.font, it.size)
                            c.setFont(it.font, it.size)
                            c.drawString(x, y + it.rise, it.text)
                            x += it.width
            c.setFont("DejaVu-regular", 10)
            if self.page_marks == "top" and pno > 1:
                c.drawCentredString(PAGE_W / 2, PAGE_H - 35, str(pno))
            elif self.page_marks == "footer":
                c.drawCentredString(PAGE_W / 2, 35, f"Trang {pno}/{total}")
            c.showPage()
        c.save()


def write_pdf(orig: Original, path: Path, page_marks: str = "top") -> Path:
    ts = _Typesetter(path, orig, page_marks)
    ts.header()
    ts.centered(orig.type_line, 13.0, True)
    for line in orig.title:
        ts.centered(line, 12.0, True)
    ts.y -= 10.0
    for b in orig.blocks:
        if b.kind == "heading":
            ts.paragraph(b.segs, bold=True, indent=INDENT, align="left", orphans=b.orphans)
        elif b.kind == "list":
            ts.paragraph([Seg("- ")] + b.segs, indent=INDENT, orphans=b.orphans)
        elif b.kind == "stamp":
            ts.stamp(b.segs[0].text)
        else:
            ts.paragraph(b.segs, orphans=b.orphans)
    ts.draw()
    return path


def write_scanned_pdf(text_pdf: Path, path: Path, dpi: int = 200) -> Path:
    """Rasterise a PDF with pdftoppm and wrap the page images into an image-only PDF."""
    from PIL import Image

    prefix = path.with_suffix("")
    subprocess.run(["pdftoppm", "-r", str(dpi), "-gray", "-png", str(text_pdf), str(prefix)], check=True)
    images = sorted(prefix.parent.glob(prefix.name + "-*.png"))
    pages = [Image.open(p).convert("L") for p in images]
    pages[0].save(path, "PDF", resolution=float(dpi), save_all=True, append_images=pages[1:])
    for p in images:
        p.unlink()
    return path


# --------------------------------------------------------------------------- fixtures


@dataclass(frozen=True)
class Originals:
    root: Path  # acts as the sources root
    samples: tuple[str, ...]

    def docx(self, name: str) -> Path:
        return self.root / "docx" / f"{name}.docx"

    def pdf(self, name: str) -> Path:
        return self.root / "pdf" / f"{name}.pdf"

    def scanned(self, name: str) -> Path:
        return self.root / "scan" / f"{name}.pdf"


def build_originals(out: Path, scanned: tuple[str, ...] = ()) -> Originals:
    names = []
    for sub in ("docx", "pdf", "scan"):
        (out / sub).mkdir(parents=True, exist_ok=True)
    for k, path in enumerate(sorted(SAMPLES.glob("*.txt"))):
        orig = parse_sample(path)
        names.append(path.stem)
        write_docx(orig, out / "docx" / f"{path.stem}.docx")
        write_pdf(orig, out / "pdf" / f"{path.stem}.pdf", "top" if k % 2 == 0 else "footer")
        if path.stem in scanned and shutil.which("pdftoppm"):
            write_scanned_pdf(out / "pdf" / f"{path.stem}.pdf", out / "scan" / f"{path.stem}.pdf")
    return Originals(out, tuple(names))


OCR_SAMPLE = "000_87248a225afa83c7"  # header, footnotes, 6 pages: one is enough (OCR is slow)


@pytest.fixture(scope="session")
def originals(tmp_path_factory) -> Originals:
    """DOCX and text-layer PDF of every sample, built once per test session."""
    return build_originals(tmp_path_factory.mktemp("originals"))


@pytest.fixture(scope="session")
def scanned_original(originals) -> Path:
    """The OCR sample as an image-only PDF (needs pdftoppm)."""
    if not shutil.which("pdftoppm"):
        pytest.skip("pdftoppm (poppler-utils) not installed: cannot build the scanned fixture")
    return write_scanned_pdf(originals.pdf(OCR_SAMPLE), originals.scanned(OCR_SAMPLE))


# --------------------------------------------------------------------------- comparison

GOLD_SKIPPED = {"models", "model_counts", "outcomes"}  # extraction: tested on the .txt samples


def body_words(body: str) -> list[str]:
    """A body as its words: Markdown marks, note labels and attribute lists removed."""
    body = re.sub(r"\{:[^}]*\}", " ", body)
    body = re.sub(r"<sup>(.*?)</sup>|\[\^([\w-]+)\]:?", r" \1\2 ", body)
    body = re.sub(r"[*#_>|\\]", " ", body)
    return unicodedata.normalize("NFC", body).split()


def similarity(reference: str, body: str) -> float:
    """Word-level difflib ratio of two bodies (1.0 = the same words in the same order)."""
    import difflib

    return difflib.SequenceMatcher(None, body_words(reference), body_words(body), autojunk=False).ratio()


def gold_failures(front: dict, gold: dict) -> list[str]:
    """Gold fields the front matter misses, by tests/test_gold.py's comparison rules."""
    from test_gold import check

    failures = []
    for key, want in gold.items():
        if key in GOLD_SKIPPED:
            continue
        try:
            check(key, front, want)
        except AssertionError as exc:
            failures.append(f"{key}: {str(exc)[:200]}")
    return failures
