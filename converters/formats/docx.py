"""Word documents (.docx) → SourceText.

Reads the WordprocessingML with python-docx (for the package, relationships and
styles) and walks the XML in document order itself, because the intermediate
form needs what python-docx's text API hides: footnote reference runs, the
superscript property, tabs and line breaks, style inheritance (bold, heading
levels), list numbering and table cells in reading order.

Output shape (like the text exports in sources/samples):
- one paragraph per block, blocks separated by a blank line;
- the type line and the centred title lines under it form one block (one line each);
- Heading N paragraphs → ``#``×N; bold-only paragraphs → ``**…**``; list items →
  ``- …`` (or their generated number "1.", "a)" …);
- layout tables (the two-column header, the signature/"Nơi nhận" table) → the cells'
  paragraphs as lines, left column first; data tables → Markdown pipe tables;
- Word footnotes (and endnotes, numbered after them): reference runs → ``<sup>N</sup>``;
  definitions → ``<sup>N</sup> text`` lines, one group placed by ``converters.notegroup``;
  numbered in the order Word stores them (ids in document order), so a footnote
  whose reference was deleted keeps its number and is still published.
"""
from __future__ import annotations

import io
import re
import unicodedata
import zipfile
from dataclasses import dataclass, field
from pathlib import Path

from lxml import etree

from converters import errors
from converters.formats import notegroup
from converters import vocab
from converters.document import Source, SourceText

SUFFIXES = (".docx",)

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
MC = "http://schemas.openxmlformats.org/markup-compatibility/2006"
RT_FOOTNOTES = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/footnotes"
RT_ENDNOTES = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/endnotes"
RT_NUMBERING = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/numbering"


def w(tag: str) -> str:
    return f"{{{W}}}{tag}"


def accepts(path: Path) -> bool:
    return path.suffix.lower() in SUFFIXES


def convert(path: Path, source: Source, data: bytes) -> SourceText:
    if not data.strip(b"\0 \n\r\t"):
        raise errors.EmptyFile(source.path)
    try:
        import docx as python_docx  # python-docx; imported late so the registry stays cheap

        document = python_docx.Document(io.BytesIO(data))
    except ImportError as exc:  # pragma: no cover - python-docx is a hard dependency
        raise errors.UnreadableFile(source.path, f"thiếu thư viện python-docx: {exc}") from None
    except (zipfile.BadZipFile, KeyError, ValueError, etree.XMLSyntaxError, OSError) as exc:
        raise errors.UnreadableFile(source.path, f"tệp DOCX hỏng hoặc không phải DOCX: {type(exc).__name__}") from None
    except Exception as exc:  # python-docx raises its own PackageNotFoundError etc.
        raise errors.UnreadableFile(source.path, f"tệp DOCX hỏng hoặc không phải DOCX: {type(exc).__name__}") from None
    reader = _Reader(document)
    text = reader.read()
    if not text.strip():
        raise errors.EmptyFile(source.path, "DOCX không có chữ")
    return SourceText(source=source, text=unicodedata.normalize("NFC", text))


# --------------------------------------------------------------------------- styles


@dataclass
class _Style:
    based_on: str | None
    bold: bool | None
    italic: bool | None
    superscript: bool | None
    outline: int | None  # 0-based outline level (Heading 1 → 0)
    name: str
    num: tuple[str, int] | None  # (numId, ilvl) from the style's numPr


def _on(el) -> bool:
    if el is None:
        return False
    val = el.get(w("val"))
    return val not in ("0", "false", "off", "none")


def _flag(rpr, tag: str) -> bool | None:
    if rpr is None:
        return None
    el = rpr.find(w(tag))
    return None if el is None else _on(el)


def _vert(rpr) -> bool | None:
    if rpr is None:
        return None
    el = rpr.find(w("vertAlign"))
    if el is None:
        return None
    return el.get(w("val")) == "superscript"


def _num_pr(ppr) -> tuple[str, int] | None:
    if ppr is None:
        return None
    numpr = ppr.find(w("numPr"))
    if numpr is None:
        return None
    num_id = numpr.find(w("numId"))
    ilvl = numpr.find(w("ilvl"))
    if num_id is None:
        return None
    return num_id.get(w("val")), int(ilvl.get(w("val"))) if ilvl is not None else 0


def _load_styles(document) -> dict[str, _Style]:
    styles: dict[str, _Style] = {}
    try:
        root = document.styles.element
    except Exception:  # no styles part
        return styles
    for st in root.iter(w("style")):
        sid = st.get(w("styleId"))
        if not sid:
            continue
        based = st.find(w("basedOn"))
        name = st.find(w("name"))
        ppr = st.find(w("pPr"))
        rpr = st.find(w("rPr"))
        outline = None
        if ppr is not None and ppr.find(w("outlineLvl")) is not None:
            try:
                outline = int(ppr.find(w("outlineLvl")).get(w("val")))
            except (TypeError, ValueError):
                outline = None
        name_text = name.get(w("val")) if name is not None else sid
        m = re.match(r"(?i)^heading\s*(\d)$", name_text or "")
        if m:
            outline = int(m.group(1)) - 1
        styles[sid] = _Style(
            based.get(w("val")) if based is not None else None,
            _flag(rpr, "b"), _flag(rpr, "i"), _vert(rpr), outline if outline is not None and outline < 9 else None,
            name_text or sid, _num_pr(ppr),
        )
    return styles


# --------------------------------------------------------------------------- numbering


@dataclass
class _Level:
    fmt: str
    text: str
    start: int


def _load_numbering(document) -> dict[str, dict[int, _Level]]:
    part = _related_part(document.part, RT_NUMBERING)
    if part is None:
        return {}
    root = _xml(part)
    abstract: dict[str, dict[int, _Level]] = {}
    for an in root.iter(w("abstractNum")):
        levels = {}
        for lvl in an.findall(w("lvl")):
            fmt = lvl.find(w("numFmt"))
            txt = lvl.find(w("lvlText"))
            start = lvl.find(w("start"))
            levels[int(lvl.get(w("ilvl"), "0"))] = _Level(
                fmt.get(w("val")) if fmt is not None else "decimal",
                txt.get(w("val")) if txt is not None else "",
                int(start.get(w("val"))) if start is not None else 1,
            )
        abstract[an.get(w("abstractNumId"))] = levels
    nums: dict[str, dict[int, _Level]] = {}
    for num in root.iter(w("num")):
        ref = num.find(w("abstractNumId"))
        if ref is not None:
            nums[num.get(w("numId"))] = abstract.get(ref.get(w("val")), {})
    return nums


def _roman(n: int) -> str:
    out = ""
    for value, letters in ((1000, "m"), (900, "cm"), (500, "d"), (400, "cd"), (100, "c"), (90, "xc"),
                           (50, "l"), (40, "xl"), (10, "x"), (9, "ix"), (5, "v"), (4, "iv"), (1, "i")):
        while n >= value:
            out += letters
            n -= value
    return out


def _format_number(fmt: str, n: int) -> str:
    if fmt == "lowerLetter":
        return chr(ord("a") + (n - 1) % 26)
    if fmt == "upperLetter":
        return chr(ord("A") + (n - 1) % 26)
    if fmt == "lowerRoman":
        return _roman(n)
    if fmt == "upperRoman":
        return _roman(n).upper()
    return str(n)


# --------------------------------------------------------------------------- parts


def _related_part(part, reltype: str):
    for rel in part.rels.values():
        if rel.reltype == reltype and not rel.is_external:
            return rel.target_part
    return None


def _xml(part):
    element = getattr(part, "element", None)
    if element is not None:
        return element
    return etree.fromstring(part.blob)


# --------------------------------------------------------------------------- reader


_LAYOUT_WORDS = re.compile(
    r"(?i)(^\s*Số\b|CỘNG\s+H[OÒ]À|ĐẢNG\s+CỘNG\s+SẢN|Độc\s+lập|ngày\s*[\d.…_ ]*\s*tháng|Nơi\s+nhận|"
    r"^\s*(KT|TM|T/M|TL|TUQ)\b|CHỦ\s+TỊCH|GIÁM\s+ĐỐC|TRƯỞNG\s+BAN|BÍ\s+THƯ|CHÁNH\s+VĂN\s+PHÒNG)"
)
_CLOSING_WORDS = re.compile(r"(?i)Nơi\s+nhận")
_STOP_TITLE = re.compile(r"^(Phần\s+thứ|PHẦN\s+THỨ|[IVXLC]+\s*[.\-–]|\d+\s*[.\-–)]|[a-zđ]\))")


@dataclass
class _Para:
    text: str  # inline Markdown-ish text (with <sup> marks)
    bold: bool  # every visible character bold
    heading: int | None  # 1-based heading level
    list_mark: str | None  # "- " or "1. " …
    centered: bool
    extra: list[str] = field(default_factory=list)  # text-box paragraphs anchored here


class _Reader:
    def __init__(self, document):
        self.document = document
        self.styles = _load_styles(document)
        self.numbering = _load_numbering(document)
        self.counters: dict[tuple[str, int], int] = {}
        self.notes: dict[tuple[str, str], int] = {}  # (kind, id) -> number
        self.note_order: list[tuple[str, str, object]] = []
        self._load_notes()
        self.seen_type = False

    # ----- notes
    def _load_notes(self) -> None:
        number = 0
        for kind, reltype in (("footnote", RT_FOOTNOTES), ("endnote", RT_ENDNOTES)):
            part = _related_part(self.document.part, reltype)
            if part is None:
                continue
            root = _xml(part)
            notes = []
            for note in root.findall(w(kind)):
                if note.get(w("type")) in ("separator", "continuationSeparator", "continuationNotice"):
                    continue
                try:
                    order = int(note.get(w("id")))
                except (TypeError, ValueError):
                    continue
                notes.append((order, note.get(w("id")), note))
            for _, nid, note in sorted(notes, key=lambda t: t[0]):
                number += 1
                self.notes[(kind, nid)] = number
                self.note_order.append((kind, nid, note))

    # ----- style helpers
    def _style_chain(self, sid: str | None):
        seen = set()
        while sid and sid in self.styles and sid not in seen:
            seen.add(sid)
            yield self.styles[sid]
            sid = self.styles[sid].based_on

    def _style_attr(self, sid: str | None, attr: str):
        for st in self._style_chain(sid):
            value = getattr(st, attr)
            if value is not None:
                return value
        return None

    # ----- runs
    def _run_props(self, r, pstyle: str | None) -> tuple[bool, bool, bool]:
        """(bold, italic, superscript) of a run: direct formatting, then its character
        style, then the paragraph style (each with their basedOn chain)."""
        rpr = r.find(w("rPr"))
        bold = _flag(rpr, "b")
        italic = _flag(rpr, "i")
        sup = _vert(rpr)
        rstyle = rpr.find(w("rStyle")).get(w("val")) if rpr is not None and rpr.find(w("rStyle")) is not None else None
        for sid in (rstyle, pstyle):
            if bold is None:
                bold = self._style_attr(sid, "bold")
            if italic is None:
                italic = self._style_attr(sid, "italic")
        if sup is None:
            sup = self._style_attr(rstyle, "superscript")
        return bool(bold), bool(italic), bool(sup)

    def _inline(self, p, pstyle: str | None, in_note: bool = False) -> tuple[str, bool, list[str]]:
        """Text of a paragraph (or note paragraph): (text, all visible chars bold, text boxes).

        Partly bold or italic text is marked ``**…**`` / ``*…*`` as the text exports do;
        a wholly bold paragraph is marked once by the caller."""
        chunks: list[tuple[str, bool, bool, bool]] = []  # (text, bold, italic, is-mark)
        boxes: list[str] = []
        for r in self._runs(p):
            bold, italic, sup = self._run_props(r, pstyle)
            buf: list[str] = []

            def flush() -> None:
                text = "".join(buf)
                buf.clear()
                if not text:
                    return
                if sup and text.strip():
                    lead = text[: len(text) - len(text.lstrip())]
                    trail = text[len(text.rstrip()):]
                    chunks.append((f"{lead}<sup>{text.strip()}</sup>{trail}", bold, False, True))
                else:
                    chunks.append((text, bold, italic, False))

            for child in r:
                tag = etree.QName(child).localname if isinstance(child.tag, str) else ""
                if tag == "t":
                    buf.append(child.text or "")
                elif tag == "tab":
                    buf.append("\t")
                elif tag in ("br", "cr"):
                    if child.get(w("type")) not in ("page", "column"):
                        buf.append("\n")
                elif tag == "noBreakHyphen":
                    buf.append("-")
                elif tag in ("footnoteReference", "endnoteReference"):
                    kind = "footnote" if tag == "footnoteReference" else "endnote"
                    n = self.notes.get((kind, child.get(w("id"))))
                    if n is not None:
                        flush()
                        chunks.append((f"<sup>{n}</sup>", bold, False, True))
                elif tag in ("footnoteRef", "endnoteRef"):
                    pass  # the mark inside the note itself: the caller writes <sup>N</sup>
                elif tag in ("drawing", "pict", "AlternateContent") and not in_note:
                    boxes.extend(self._text_boxes(child))
            flush()
        visible = [(t, b) for t, b, _, mark in chunks if not mark and t.strip()]
        all_bold = bool(visible) and all(b for _, b in visible)
        return _emphasis(chunks, all_bold), all_bold, boxes

    def _runs(self, p):
        """w:r elements of a paragraph in order, through hyperlinks, insertions, smart tags,
        fields and content controls; deleted text and moved-from text are skipped."""
        for child in p:
            if not isinstance(child.tag, str):
                continue
            tag = etree.QName(child).localname
            if tag == "r":
                yield child
            elif tag in ("hyperlink", "ins", "smartTag", "fldSimple", "customXml", "moveTo", "dir", "bdo"):
                yield from self._runs(child)
            elif tag == "sdt":
                content = child.find(w("sdtContent"))
                if content is not None:
                    yield from self._runs(content)

    def _text_boxes(self, el) -> list[str]:
        out = []
        for choice_or_self in ([el] if etree.QName(el).localname != "AlternateContent"
                               else el.findall(f"{{{MC}}}Choice")[:1]):
            for box in choice_or_self.iter(w("txbxContent")):
                for p in box.iter(w("p")):
                    text, _, _ = self._inline(p, self._pstyle(p), in_note=True)
                    if text.strip():
                        out.append(text.strip())
        return out

    # ----- paragraphs
    @staticmethod
    def _pstyle(p) -> str | None:
        ppr = p.find(w("pPr"))
        if ppr is None:
            return None
        ps = ppr.find(w("pStyle"))
        return ps.get(w("val")) if ps is not None else None

    def _list_mark(self, p, pstyle: str | None) -> str | None:
        num = _num_pr(p.find(w("pPr")))
        if num is None:
            for st in self._style_chain(pstyle):
                if st.num is not None:
                    num = st.num
                    break
        if num is None or num[0] in (None, "0"):
            return None
        num_id, ilvl = num
        level = self.numbering.get(num_id, {}).get(ilvl)
        if level is None or level.fmt in ("bullet", "none"):
            return "- "
        key = (num_id, ilvl)
        self.counters[key] = self.counters.get(key, level.start - 1) + 1
        for (nid, lv) in list(self.counters):  # deeper levels restart
            if nid == num_id and lv > ilvl:
                del self.counters[(nid, lv)]
        text = level.text
        for lv in range(ilvl + 1):
            lvl = self.numbering.get(num_id, {}).get(lv)
            value = self.counters.get((num_id, lv), lvl.start if lvl else 1)
            text = text.replace(f"%{lv + 1}", _format_number(lvl.fmt if lvl else "decimal", value))
        return (text.strip() + " ") if text.strip() else "- "

    def _para(self, p) -> _Para:
        pstyle = self._pstyle(p)
        text, bold, boxes = self._inline(p, pstyle)
        outline = None
        ppr = p.find(w("pPr"))
        if ppr is not None and ppr.find(w("outlineLvl")) is not None:
            try:
                outline = int(ppr.find(w("outlineLvl")).get(w("val")))
            except (TypeError, ValueError):
                outline = None
            if outline is not None and outline >= 9:
                outline = None
        if outline is None:
            outline = self._style_attr(pstyle, "outline")
        jc = ppr.find(w("jc")) if ppr is not None else None
        centered = jc is not None and jc.get(w("val")) == "center"
        mark = self._list_mark(p, pstyle) if text.strip() else None
        return _Para(text, bold, outline + 1 if outline is not None else None, mark, centered, boxes)

    # ----- document
    def read(self) -> str:
        body = self.document.element.body
        blocks: list[str] = []
        self._walk(body, blocks)
        blocks = notegroup.insert([b for b in blocks if b.strip()], self._notes())
        return "\n\n".join(blocks) + "\n"

    def _walk(self, container, blocks: list[str]) -> None:
        title_block: list[str] | None = None
        header_left: list[str] = []  # tab-stop header columns, emitted left column first
        header_right: list[str] = []
        for child in container:
            if not isinstance(child.tag, str):
                continue
            tag = etree.QName(child).localname
            if tag == "sdt":
                content = child.find(w("sdtContent"))
                if content is not None:
                    self._walk(content, blocks)
                continue
            if tag == "tbl":
                title_block = None
                blocks.extend(self._table(child))
                continue
            if tag != "p":
                continue
            para = self._para(child)
            line = self._render(para)
            plain = _plain(para.text)
            if not self.seen_type and "\t" in para.text.strip("\n") and not is_type_line(plain):
                # a two-column header typed with tab stops: "UBND TỈNH<tab>CỘNG HÒA …"
                pieces = [x.strip() for x in re.split(r"\t+", para.text.replace("\n", "\t"))]
                if any(pieces[1:]):
                    left, right = pieces[0], " ".join(x for x in pieces[1:] if x)
                    for text, column in ((left, header_left), (right, header_right)):
                        if text and any(ch.isalnum() for ch in text):
                            column.append(f"**{text}**" if para.bold else text)
                    continue
            if header_left or header_right:
                blocks.extend(header_left + header_right)
                header_left.clear()
                header_right.clear()
            if title_block is not None:
                if para.centered and plain and not _STOP_TITLE.match(plain) and not para.heading:
                    title_block.append(line)
                    blocks[-1] = "\n".join(title_block)
                    continue
                title_block = None
            if not line.strip():
                continue
            if not self.seen_type and is_type_line(plain):
                self.seen_type = True
                title_block = [line]
            blocks.append(line)
            blocks.extend(para.extra)
        blocks.extend(header_left + header_right)

    def _render(self, para: _Para) -> str:
        text = para.text
        lines = [ln.strip() for ln in text.split("\n")]
        lines = [ln for ln in lines if ln]
        if not lines:
            return ""
        if para.heading:  # a generated heading number ("I.", "1.") is part of the heading
            mark = para.list_mark if para.list_mark and para.list_mark != "- " else ""
            return "#" * min(para.heading, 6) + " " + mark + " ".join(lines)
        if para.bold:  # one bold span over hand-made line breaks, as the text exports write it
            lines[0] = "**" + lines[0]
            lines[-1] = lines[-1] + "**"
        if para.list_mark:
            lines[0] = para.list_mark + lines[0]
        return "\n".join(lines)

    # ----- tables
    def _table(self, tbl) -> list[str]:
        rows = []
        for tr in tbl.findall(w("tr")):
            cells = []
            for tc in tr.findall(w("tc")):
                tcpr = tc.find(w("tcPr"))
                span = 1
                vcont = False
                if tcpr is not None:
                    gs = tcpr.find(w("gridSpan"))
                    if gs is not None:
                        span = int(gs.get(w("val"), "1"))
                    vm = tcpr.find(w("vMerge"))
                    vcont = vm is not None and vm.get(w("val")) != "restart"
                cells.append((tc, span, vcont))
            rows.append(cells)
        ncols = max((sum(span for _, span, _ in r) for r in rows), default=0)
        if self._is_layout(tbl, rows, ncols):
            return self._layout_table(rows, ncols)
        return [self._pipe_table(rows, ncols)]

    def _cell_blocks(self, tc) -> list[str]:
        out: list[str] = []
        for child in tc:
            if not isinstance(child.tag, str):
                continue
            tag = etree.QName(child).localname
            if tag == "p":
                para = self._para(child)
                line = self._render(para)
                if line.strip():
                    if not self.seen_type and is_type_line(_plain(para.text)):
                        self.seen_type = True
                    out.append(line)
                out.extend(para.extra)
            elif tag == "tbl":
                out.extend(self._table(child))
            elif tag == "sdt":
                content = child.find(w("sdtContent"))
                if content is not None:
                    for p in content.findall(w("p")):
                        line = self._render(self._para(p))
                        if line.strip():
                            out.append(line)
        return out

    def _is_layout(self, tbl, rows, ncols: int) -> bool:
        if not rows:
            return ncols <= 1
        texts = " \n".join(_plain("".join(t.text or "" for t in tc.iter(w("t")))) for r in rows for tc, _, _ in r)
        if ncols > 2:
            # "Nơi nhận" and the signature block with a spacer column between them
            return ncols == 3 and len(rows) <= 2 and bool(_CLOSING_WORDS.search(texts))
        if not self.seen_type:
            return True  # the header block above the type line
        if _LAYOUT_WORDS.search(texts):
            return True
        return not _has_borders(tbl, self.styles)

    def _layout_table(self, rows, ncols: int) -> list[str]:
        columns: list[list[str]] = [[] for _ in range(max(ncols, 1))]
        for r in rows:
            col = 0
            for tc, span, vcont in r:
                if not vcont and col < len(columns):
                    columns[col].extend(self._cell_blocks(tc))
                col += span
        return [b for column in columns for b in column]

    def _pipe_table(self, rows, ncols: int) -> str:
        lines = []
        for i, r in enumerate(rows):
            cells: list[str] = []
            for tc, span, vcont in r:
                text = "" if vcont else " ".join(
                    self._inline(p, self._pstyle(p))[0] for p in tc.iter(w("p")))
                text = " ".join(text.split()).replace("|", "\\|")
                cells.append(text)
                cells.extend([""] * (span - 1))
            cells.extend([""] * (ncols - len(cells)))
            lines.append("| " + " | ".join(cells) + " |")
            if i == 0:
                lines.append("| " + " | ".join(["---"] * ncols) + " |")
        return "\n".join(lines)

    # ----- footnote definitions
    def _notes(self) -> list[tuple[int, str]]:
        out = []
        for kind, nid, note in self.note_order:
            n = self.notes[(kind, nid)]
            paras = []
            for p in note.iter(w("p")):
                text, _, _ = self._inline(p, self._pstyle(p), in_note=True)
                text = " ".join(text.split())
                if text:
                    paras.append(text)
            out.append((n, " ".join(paras)))
        return out


def _emphasis(chunks: list[tuple[str, bool, bool, bool]], all_bold: bool) -> str:
    """Join run texts, marking bold / italic spans (merged over adjacent runs)."""
    spans: list[list] = []  # [text, bold, italic, mark]
    for text, bold, italic, mark in chunks:
        bold = bold and not all_bold and not mark
        italic = italic and not mark
        if spans and not mark and not spans[-1][3] and (spans[-1][1], spans[-1][2]) == (bold, italic):
            spans[-1][0] += text
        else:
            spans.append([text, bold, italic, mark])
    out = []
    for text, bold, italic, mark in spans:
        core = text.strip()
        if mark or not (bold or italic) or not any(ch.isalnum() for ch in core) or "\n" in core:
            out.append(text)
            continue
        marker = ("**" if bold else "") + ("*" if italic else "")
        lead = text[: len(text) - len(text.lstrip())]
        trail = text[len(text.rstrip()):]
        out.append(f"{lead}{marker}{core}{marker[::-1]}{trail}")
    return "".join(out)


def _has_borders(tbl, styles: dict[str, _Style]) -> bool:
    tblpr = tbl.find(w("tblPr"))
    if tblpr is not None:
        borders = tblpr.find(w("tblBorders"))
        if borders is not None:
            return any(b.get(w("val")) not in (None, "nil", "none") for b in borders)
        style = tblpr.find(w("tblStyle"))
        if style is not None and style.get(w("val")) not in ("TableNormal", "NormalTable"):
            return True  # e.g. "TableGrid": a grid table is a data table
    for tc in tbl.iter(w("tcBorders")):
        if any(b.get(w("val")) not in (None, "nil", "none") for b in tc):
            return True
    return False


def _plain(text: str) -> str:
    return " ".join(re.sub(r"<sup>.*?</sup>", "", text).split())


def is_type_line(plain: str) -> bool:
    """The "tên loại" line (BÁO CÁO, KẾ HOẠCH …): upper case and in the closed vocabulary."""
    text = " ".join(plain.replace("*", " ").replace("#", " ").split())
    if not text or text.upper() != text:
        return False
    return vocab.fold_key(text) in {vocab.fold_key(n) for n in vocab.type_names()}
