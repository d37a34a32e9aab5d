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

- stamps: rows printed only by annotations (signature boxes, certification stamps) are
  laid out box by box after their page's text, once per document; a stamped value in a
  typed line is a word of its own ("Số: 293", "tháng 4").

The same layout code serves OCR output (``converters.ocr`` feeds word boxes from
Tesseract), so scanned reports get the same structure. A page is OCR'd when it is a
scan, a scan whose only text is a stamp, or a text layer that does not read as
Vietnamese (``textcheck``); its stamp boxes are kept from the text layer.
"""
from __future__ import annotations

import dataclasses
from pathlib import Path

from converters import errors
from converters.formats import textcheck
from converters.document import Source, SourceText
from converters.formats.geometry import Page
from converters.formats.pdf_rows import rows_to_text

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
    text = rows_to_text(pages)
    if not text.strip():
        raise errors.EmptyFile(source.path, "PDF không có chữ")
    return SourceText(source=source, text=text, checked=tuple(n for p in pages for n in p.checked))


def read_pages(data: bytes, shown: str) -> list[Page]:
    """Word boxes of every page's text layer, printed annotations included (pdfium_text)."""
    from converters.formats import pdfium_text

    return pdfium_text.read_pages(data, shown)
