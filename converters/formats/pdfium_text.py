"""A PDF's text layer as printed → ``geometry.Page`` word boxes, through pdfium (pypdfium2).

What a reader sees on paper is what counts, so the printable annotations are part of
the page: digital-signature software stamps the number and the day ("Số: 542",
"ngày 06") and its signature box ("Ký bởi: … Thời gian ký: …") as form-widget
annotations, which a plain text extractor skips. Widgets, free-text and stamp
annotations are flattened into the page before its text is read; other annotations
(a reader's boxes, comments, links) are removed first, they are not the document.

Text that came from a flattened annotation is a *stamp*: its words carry
``Word.stamp`` so the layout keeps them apart from glued neighbours ("Số:293" →
"Số: 293", "tháng4" → "tháng 4"), and typed text it lies on is dropped ("tháng 54",
a "5" stamped over a typed "4", reads "tháng 5"; dots or underscores inside the
widget's box are the blank the stamp fills).

Words are split like pdfplumber did (x gap over ``X_TOLERANCE``, whitespace, a new
line), sizes are pdfium's em sizes, boxes are the font's loose boxes (ascent to
descent, like pdfminer), bold/italic come from the font's name and weight.
"""
from __future__ import annotations

import ctypes
import unicodedata
from functools import lru_cache
from typing import NamedTuple

from converters import errors
from converters.formats.geometry import Page, Rule, Word

X_TOLERANCE = 1.0  # points: a wider gap between two glyphs starts a new word
Y_TOLERANCE = 2.0
KEEP_ANNOTS = ("WIDGET", "FREETEXT", "STAMP")  # printed parts of the page
QUIRKS = {0x01A3: 0x01B0, 0x01A2: 0x01AF}  # fonts that draw "ư"/"Ư" from the codes of "ƣ"/"Ƣ"
BLANK_CHARS = set("._…")  # a run of them is a typed blank that a stamped value fills


class _Char(NamedTuple):
    text: str
    x0: float
    x1: float
    top: float
    bottom: float
    size: float
    style: int  # 2: bold, 1: italic
    stamp: bool


SPACE = _Char(" ", 0.0, 0.0, 0.0, 0.0, 0.0, 0, False)  # a space character of the file, not a glyph


def open_document(data: bytes, shown: str):
    """A pypdfium2 document, or a one-line Vietnamese reason."""
    import pypdfium2 as pdfium

    try:
        return pdfium.PdfDocument(data)
    except pdfium.PdfiumError as exc:
        raise _error(exc, shown) from None


def _error(exc: Exception, shown: str) -> errors.ConversionError:
    text = str(exc).lower()
    if "password" in text or "security" in text:
        return errors.EncryptedPDF(shown)
    return errors.UnreadableFile(shown, f"tệp PDF hỏng: {str(exc).splitlines()[0] if str(exc) else type(exc).__name__}")


def read_pages(data: bytes, shown: str) -> list[Page]:
    """Every page of the PDF as word boxes (a page of no size is a broken file)."""
    import pypdfium2 as pdfium

    doc = open_document(data, shown)
    try:
        pages = []
        for i in range(len(doc)):
            page = doc[i]
            width, height = page.get_size()
            if width <= 0 or height <= 0:
                raise errors.UnreadableFile(shown, f"tệp PDF hỏng: trang {i + 1} không có kích thước")
            try:
                pages.append(_read_page(doc, i, page))
            except pdfium.PdfiumError as exc:
                raise _error(exc, shown) from None
        return pages
    finally:
        doc.close()


def _read_page(doc, index: int, page) -> Page:
    import pypdfium2.raw as raw

    blanks: list[tuple[float, float, float, float]] = []  # annotation rects (PDF space)
    n_objects = raw.FPDFPage_CountObjects(page)
    if raw.FPDFPage_GetAnnotCount(page):
        blanks = _keep_printed_annots(page)
        if blanks:
            raw.FPDFPage_Flatten(page, raw.FLAT_PRINT)
            page.close()
            page = doc[index]
    left, bottom, right, top = page.get_bbox()
    height = top - bottom
    stamp_objs: set[int] = set()
    rules: list[Rule] = []
    images = 0
    cover = 0.0
    area = max((right - left) * (top - bottom), 1.0)
    total = raw.FPDFPage_CountObjects(page)
    for k in range(total):
        obj = raw.FPDFPage_GetObject(page, k)
        kind = raw.FPDFPageObj_GetType(obj)
        if kind == raw.FPDF_PAGEOBJ_FORM:
            inner = _walk_form(obj, stamp_objs if k >= n_objects and blanks else None)
            images += inner
            if inner and k < n_objects:
                cover = max(cover, _area(obj) / area)
        elif kind == raw.FPDF_PAGEOBJ_IMAGE:
            images += 1
            cover = max(cover, _area(obj) / area)
        elif kind == raw.FPDF_PAGEOBJ_PATH:
            rule = _rule(obj, left, top)
            if rule:
                rules.append(rule)
        elif kind == raw.FPDF_PAGEOBJ_TEXT and k >= n_objects and blanks:
            stamp_objs.add(_addr(obj))
    textpage = page.get_textpage()
    try:
        chars = _chars(textpage, left, top, stamp_objs)
    finally:
        textpage.close()
    if stamp_objs:
        chars = _drop_covered(chars, [(x0 - left, top - y1, x1 - left, top - y0) for x0, y0, x1, y1 in blanks])
    words = _words(chars)
    width = right - left
    page.close()
    return Page(float(width), float(height), words, rules, images, min(cover, 1.0))


def _keep_printed_annots(page) -> list[tuple[float, float, float, float]]:
    """Remove annotations that are not printed parts of the page; the rects of those kept."""
    import pypdfium2.raw as raw

    keep = {getattr(raw, f"FPDF_ANNOT_{name}") for name in KEEP_ANNOTS}
    rects = []
    for i in reversed(range(raw.FPDFPage_GetAnnotCount(page))):
        annot = raw.FPDFPage_GetAnnot(page, i)
        try:
            subtype = raw.FPDFAnnot_GetSubtype(annot)
            if subtype not in keep:
                raw.FPDFPage_RemoveAnnot(page, i)
                continue
            rect = raw.FS_RECTF()
            if raw.FPDFAnnot_GetRect(annot, rect):
                rects.append((rect.left, min(rect.bottom, rect.top), rect.right, max(rect.bottom, rect.top)))
        finally:
            raw.FPDFPage_CloseAnnot(annot)
    return rects


def _addr(obj) -> int:
    return ctypes.cast(obj, ctypes.c_void_p).value or 0


def _walk_form(form, stamps: set[int] | None, depth: int = 0) -> int:
    """Images inside a form XObject; its text objects join ``stamps`` when it is a
    flattened annotation."""
    import pypdfium2.raw as raw

    images = 0
    if depth > 8:
        return 0
    for k in range(raw.FPDFFormObj_CountObjects(form)):
        obj = raw.FPDFFormObj_GetObject(form, k)
        kind = raw.FPDFPageObj_GetType(obj)
        if kind == raw.FPDF_PAGEOBJ_TEXT and stamps is not None:
            stamps.add(_addr(obj))
        elif kind == raw.FPDF_PAGEOBJ_IMAGE:
            images += 1
        elif kind == raw.FPDF_PAGEOBJ_FORM:
            images += _walk_form(obj, stamps, depth + 1)
    return images


def _area(obj) -> float:
    import pypdfium2.raw as raw

    x0, y0, x1, y1 = ctypes.c_float(), ctypes.c_float(), ctypes.c_float(), ctypes.c_float()
    if not raw.FPDFPageObj_GetBounds(obj, x0, y0, x1, y1):
        return 0.0
    return max(0.0, x1.value - x0.value) * max(0.0, y1.value - y0.value)


def _rule(obj, left: float, top: float) -> Rule | None:
    import pypdfium2.raw as raw

    x0, y0, x1, y1 = ctypes.c_float(), ctypes.c_float(), ctypes.c_float(), ctypes.c_float()
    if not raw.FPDFPageObj_GetBounds(obj, x0, y0, x1, y1):
        return None
    if abs(y1.value - y0.value) < 2.0 and x1.value - x0.value > 15:
        return Rule(x0.value - left, x1.value - left, top - y1.value)
    return None


_fonts: dict[int, tuple[bool, bool]] = {}


def _font_bold_italic(fontname: str) -> tuple[bool, bool]:
    """Bold and italic from a font's name ("ABCDEF+TimesNewRoman,Bold", "Arial-BoldItalicMT";
    a declared weight is unreliable in printed-to-PDF files)."""
    name = fontname.split("+")[-1].lower()
    bold = any(k in name for k in ("bold", "black", "heavy", "semibold", "demi")) or name.endswith(",b")
    italic = "italic" in name or "oblique" in name or name.endswith(",i") or name.endswith(",bi")
    return bold, italic


def _font_style(textobj) -> tuple[bool, bool]:
    """(bold, italic) of a text object's font, cached by font."""
    import pypdfium2.raw as raw

    font = raw.FPDFTextObj_GetFont(textobj)
    key = _addr(font)
    if key not in _fonts:
        buf = ctypes.create_string_buffer(256)
        n = raw.FPDFFont_GetBaseFontName(font, buf, 256)
        _fonts[key] = _font_bold_italic(buf.raw[: max(0, n - 1)].decode("latin-1"))
    return _fonts[key]


@lru_cache(maxsize=1)
def _fast():
    """pdfium's per-glyph calls with plain C types (pypdfium2's wrappers cost more than
    the calls themselves on a page of thousands of glyphs)."""
    import pypdfium2.raw as raw

    def proto(fn, restype, *argtypes):
        return ctypes.CFUNCTYPE(restype, *argtypes)(ctypes.cast(fn, ctypes.c_void_p).value)

    vp, ci = ctypes.c_void_p, ctypes.c_int
    return (proto(raw.FPDFText_GetLooseCharBox, ci, vp, ci, ctypes.POINTER(raw.FS_RECTF)),
            proto(raw.FPDFText_GetTextObject, vp, vp, ci),
            proto(raw.FPDFText_GetUnicode, ctypes.c_uint, vp, ci),
            proto(raw.FPDFText_IsGenerated, ci, vp, ci))


def _chars(textpage, left: float, top: float, stamp_objs: set[int]) -> list[_Char | None]:
    """The page's glyphs in content order; ``SPACE`` at a space of the file, ``None`` at
    a break pdfium generated."""
    import pypdfium2.raw as raw

    _fonts.clear()  # font handles are only valid while their page is loaded
    loose_box, text_object, unicode_of, generated = _fast()
    handle = ctypes.cast(textpage.raw, ctypes.c_void_p).value
    count = raw.FPDFText_CountChars(textpage)
    buf = (ctypes.c_ushort * (count + 1))()
    raw.FPDFText_GetText(textpage, 0, count, ctypes.cast(buf, ctypes.POINTER(ctypes.c_ushort)))
    codes = list(buf[:count])
    if any(0xD800 <= c < 0xE000 for c in codes):  # a surrogate pair: text units are not glyphs
        codes = [unicode_of(handle, i) for i in range(count)]
    out: list[_Char | None] = []
    rect = raw.FS_RECTF()
    rect_p = ctypes.pointer(rect)
    matrix = raw.FS_MATRIX()
    styles: dict[int, tuple[int, float]] = {}
    for i, code in enumerate(codes):
        if code == 2 or code == 0xFFFE:  # pdfium's mark for a hyphen that ends a line ("CLV-" / "CBT")
            code = 0x2D
        elif code in QUIRKS:
            code = QUIRKS[code]
        if code < 33 or code in (0xFFFF, 0xA0, 0x3000) or (0x2000 <= code <= 0x200B):
            # a word ends: at a space of the file (``SPACE``: the words are apart even when
            # their boxes touch) or at a break pdfium inferred (a new line, a new text object)
            out.append(None if generated(handle, i) else SPACE)
            continue
        loose_box(handle, i, rect_p)
        key = text_object(handle, i) or 0
        style = styles.get(key)
        if style is None:
            raw.FPDFText_GetMatrix(textpage, i, matrix)  # the size is in text space: scale it to the page
            scale = abs(matrix.a * matrix.d - matrix.b * matrix.c) ** 0.5 or 1.0
            bold, italic = _font_style(ctypes.cast(key, raw.FPDF_PAGEOBJECT)) if key else (False, False)
            style = styles[key] = (bold * 2 + italic, round(raw.FPDFText_GetFontSize(textpage, i) * scale, 1))
        size = style[1]
        bottom = top - rect.bottom  # the loose box's foot is the font's descent, as pdfminer's;
        height = size or abs(rect.top - rect.bottom)  # its head varies by glyph: one em, as pdfminer
        out.append(_Char(chr(code), rect.left - left, rect.right - left, bottom - height, bottom,
                         size, style[0], key in stamp_objs))
    return out


def _drop_covered(chars: list[_Char | None], blanks: list[tuple[float, float, float, float]]) -> list[_Char | None]:
    """Typed glyphs that a stamped glyph lies on, and blank-filling dots inside an
    annotation's box that holds stamped text, are not what the page shows."""
    stamps = [c for c in chars if c is not None and c.stamp]
    filled = [b for b in blanks if any(b[0] <= (s.x0 + s.x1) / 2 <= b[2] and b[1] <= (s.top + s.bottom) / 2 <= b[3]
                                       for s in stamps)]
    inside = [c is not None and not c.stamp and c.text in BLANK_CHARS
              and any(b[0] <= (c.x0 + c.x1) / 2 <= b[2] and b[1] <= (c.top + c.bottom) / 2 <= b[3] for b in filled)
              for c in chars]
    out: list[_Char | None] = []
    for i, c in enumerate(chars):
        if c is None or c is SPACE or c.stamp:
            out.append(c)
            continue
        cx, cy = (c.x0 + c.x1) / 2, (c.top + c.bottom) / 2
        # under a stamped glyph: its centre within the glyph's middle (a neighbour it touches is not)
        covered = any(s.x0 + 0.15 * (s.x1 - s.x0) < cx < s.x1 - 0.15 * (s.x1 - s.x0) and s.top < cy < s.bottom
                      for s in stamps)
        # a run of dots/underscores (not a lone full stop) is the blank the stamp fills
        blank = inside[i] and ((i > 0 and inside[i - 1]) or (i + 1 < len(chars) and inside[i + 1]))
        out.append(None if covered or blank else c)
    return out


def _words(chars: list[_Char | None]) -> list[Word]:
    words: list[Word] = []
    cur: list[_Char] = []

    def flush() -> None:
        first = cur[0]
        text = "".join(c.text for c in cur)
        if not text.isascii():
            text = unicodedata.normalize("NFC", text)
        if len(cur) == 1:
            x1, top, bottom, size = first.x1, first.top, first.bottom, first.size
        else:
            x1, top = max(c.x1 for c in cur), min(c.top for c in cur)
            bottom, size = max(c.bottom for c in cur), max(c.size for c in cur)
        words.append(Word(text, first.x0, x1, top, bottom, size, bool(first.style & 2), False,
                          bool(first.style & 1), first.stamp))
        cur.clear()

    prev: _Char | None = None
    for c in chars:
        if c is None or c is SPACE:
            if cur:
                flush()
                words[-1].space_after = c is SPACE
            prev = None
            continue
        if prev is not None and (c.stamp != prev.stamp or c.style != prev.style or c.size != prev.size
                                 or c.x0 - prev.x1 > X_TOLERANCE or c.x0 < prev.x0 - X_TOLERANCE
                                 or abs(c.bottom - prev.bottom) > Y_TOLERANCE + 0.3 * max(prev.size, 1.0)):
            flush()
        cur.append(c)
        prev = c
    if cur:
        flush()
    return words
