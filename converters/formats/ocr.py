"""Scanned PDF pages → word boxes, with Tesseract's Vietnamese model.

Optional: without the ``tesseract`` program and its ``vie`` language data a scanned
page cannot be read, and the file is reported as needing OCR (``errors.NeedsOCR``,
one line naming the file) — never dropped, never published half-read.

Pages are rasterised with pypdfium2 at ``DPI`` and read by ``tesseract … tsv``. The TSV gives every word's box
and the line it belongs to; the words become ``converters.pdf.Word`` objects in PDF
points, so the text-layer layout logic (page furniture, footnotes by size, the
two-column header, paragraph rejoining by geometry) serves scanned reports as well.
Tesseract reports no font weight, so OCR output has no ``**bold**`` lines; a small
raised number (a footnote mark) keeps a smaller size so it becomes ``<sup>N</sup>``.
"""
from __future__ import annotations

import csv
import io
import os
import re
import shutil
import statistics
import subprocess
import tempfile
from functools import lru_cache

from converters import errors
from converters.formats import ocr_names, ocr_numbers
from converters.formats.ocr_colour import drop_colour, ink_counter, pixel_box
from converters.formats.geometry import Page, Word

DPI = 300
PSM = 3  # Tesseract's automatic page segmentation (columns, blocks)
BINARIZE = False  # threshold the page (Otsu) before OCR
LANG = "vie"
TIMEOUT = 300  # seconds per page
MAX_PAGE_INCHES = 50 * 50  # square inches: A0 is 33×47; a PDF page can claim 200×200
MAX_PIXELS = 40_000_000  # a larger page is rendered at a lower resolution (A3 at 300 dpi: 17.4 M)


@lru_cache(maxsize=1)
def available() -> bool:
    """Tesseract with the Vietnamese model is installed."""
    exe = shutil.which("tesseract")
    if exe is None:
        return False
    try:
        out = subprocess.run([exe, "--list-langs"], capture_output=True, text=True, timeout=60)
    except (OSError, subprocess.SubprocessError):
        return False
    return LANG in (out.stdout + out.stderr).split()


def ocr_pages(data: bytes, indices: list[int], shown: str, reasons: list[str] | tuple = ()) -> dict[int, Page]:
    """OCR the pages ``indices`` (0-based) of a PDF; raise NeedsOCR when Tesseract is missing.

    A page is measured before it is rendered: one over ``MAX_PAGE_INCHES`` square inches
    is refused (a broken or hostile size), a large one is rendered at a lower resolution
    so that no image exceeds ``MAX_PIXELS``. Annotations are not drawn: their text comes
    from the text layer (``textcheck.kept_words``), not from OCR."""
    from converters.formats.pdfium_text import open_document

    doc = open_document(data, shown)
    out: dict[int, Page] = {}
    try:
        scales = {i: render_scale(*doc[i].get_size(), shown, i) for i in indices}  # before any work
        if not available():
            raise errors.NeedsOCR(shown, _why(reasons))
        with tempfile.TemporaryDirectory(prefix="minhbach-ocr-") as tmp:
            for i in indices:
                page = doc[i]
                width, height = page.get_size()
                scale = scales[i]
                image, ink, marks = drop_colour(page.render(scale=scale, draw_annots=False,
                                                            may_draw_forms=False).to_pil(), dpi=72 * scale)
                if BINARIZE:
                    image = binarize(image)
                png = os.path.join(tmp, f"p{i}.png")
                image.save(png)
                words = _without_mark_rows(_words(_tesseract(png, shown), scale))
                words, checked = ocr_names.reread(page, words, lambda ims: _read_lines(ims, tmp, shown))
                words = ocr_numbers.inked(words, ink_counter(ink, scale))
                words = ocr_names.marked_titles(words, ink_counter(marks, scale),
                                                _ink_reader(ink, scale, tmp, shown))
                out[i] = Page(float(width), float(height), ocr_numbers.guard(words), checked=checked)
    finally:
        doc.close()
    return out


def render_scale(width: float, height: float, shown: str, index: int) -> float:
    """Pixels per point for a page of ``width`` × ``height`` points (refused when absurd)."""
    inches = (width / 72.0) * (height / 72.0)
    if inches > MAX_PAGE_INCHES or width <= 0 or height <= 0:
        raise errors.AbsurdPage(shown, f"trang {index + 1}: {width / 72:.0f}×{height / 72:.0f} inch")
    scale = DPI / 72.0
    pixels = width * height * scale * scale
    if pixels > MAX_PIXELS:
        scale *= (MAX_PIXELS / pixels) ** 0.5
    return scale


def _ink_reader(mask, scale: float, tmp: str, shown: str):
    """read(x0, top, x1, bottom): the text of the whitened ink in a box (PDF points), as
    black on white — what a red title stamp said before it went with the seal."""
    from PIL import ImageOps

    def read(x0: float, top: float, x1: float, bottom: float) -> str:
        box = pixel_box(scale, x0, top, x1, bottom)
        if box is None or mask.crop(box).getbbox() is None:
            return ""
        png = os.path.join(tmp, "ink.png")
        ImageOps.invert(mask.crop(box)).save(png)
        return _tesseract(png, shown, psm=6, tsv=False)
    return read


def binarize(image):
    """Black and white at Otsu's threshold of the page's grey histogram."""
    hist = image.histogram()[:256]
    total = sum(hist)
    sum_all = sum(i * h for i, h in enumerate(hist))
    best, threshold, weight, acc = -1.0, 128, 0, 0.0
    for t, h in enumerate(hist):
        weight += h
        acc += t * h
        if weight == 0 or weight == total:
            continue
        m0, m1 = acc / weight, (sum_all - acc) / (total - weight)
        between = weight * (total - weight) * (m0 - m1) ** 2
        if between > best:
            best, threshold = between, t
    return image.point(lambda v: 255 if v > threshold else 0)


def _why(reasons) -> str | None:
    text = {"not-vietnamese": "lớp chữ của PDF không phải tiếng Việt đọc được",
            "stamp-only": "bản quét chỉ có chữ của dấu/chữ ký số"}
    return "; ".join(text[r] for r in reasons if r in text) or None


def _read_lines(images, tmp: str, shown: str) -> list[str]:
    """The text of each line's image (the second, careful reading: ``ocr_names``), in one
    Tesseract run: its pages come out separated by form feeds."""
    paths = []
    for k, image in enumerate(images):
        paths.append(os.path.join(tmp, f"line{k}.png"))
        drop_colour(image, dpi=None)[0].save(paths[-1])
    listing = os.path.join(tmp, "lines.txt")
    with open(listing, "w", encoding="utf-8") as fh:
        fh.write("\n".join(paths) + "\n")
    return _tesseract(listing, shown, psm=ocr_names.PSM_LINE, tsv=False).split("\f")[:len(images)]


def _tesseract(png: str, shown: str, psm: int = PSM, tsv: bool = True) -> str:
    env = dict(os.environ, OMP_THREAD_LIMIT="1")  # one thread: the machine is shared
    try:
        res = subprocess.run(["tesseract", png, "stdout", "-l", LANG, "--psm", str(psm)] + (["tsv"] if tsv else []),
                             capture_output=True, text=True, timeout=TIMEOUT, env=env)
    except subprocess.TimeoutExpired:
        raise errors.NeedsOCR(shown, "tesseract quá thời gian") from None
    except OSError as exc:
        raise errors.NeedsOCR(shown, str(exc)) from None
    if res.returncode != 0:
        raise errors.NeedsOCR(shown, (res.stderr.strip().splitlines() or ["tesseract lỗi"])[-1])
    return res.stdout


# letters of other alphabets Tesseract's Vietnamese model gives for Vietnamese ones: the eth
# "Ð" of "QĐÐ-UBND" is a "Đ" (Vietnamese has no eth)
_LOOKALIKES = str.maketrans({"Ð": "Đ", "ð": "đ"})


def _words(tsv: str, scale: float) -> list[Word]:
    """TSV rows → words in PDF points. Normal words take their line's box (so a row
    is one row); a short number much smaller than its line and raised keeps its own
    box and a smaller size (a footnote mark)."""
    lines: dict[tuple, dict] = {}
    words: list[tuple[tuple, dict]] = []
    for row in csv.DictReader(io.StringIO(tsv), delimiter="\t", quoting=csv.QUOTE_NONE):
        try:
            level = int(row["level"])
            box = {k: int(row[k]) for k in ("left", "top", "width", "height")}
        except (KeyError, TypeError, ValueError):
            continue
        key = (row["page_num"], row["block_num"], row["par_num"], row["line_num"])
        if level == 4:
            lines[key] = box
        elif level == 5 and (row.get("text") or "").strip():
            box["text"] = row["text"].strip().translate(_LOOKALIKES)
            try:
                box["conf"] = float(row.get("conf") or 0.0)
            except ValueError:
                box["conf"] = 0.0
            words.append((key, box))
    by_line: dict[tuple, list[dict]] = {}
    for key, box in words:
        by_line.setdefault(key, []).append(box)
    # a line's size: the 75th percentile of its word heights (tone marks and descenders
    # make word boxes uneven); then sizes are snapped to the page's body size or the
    # small (footnote) size, since the layout compares sizes and OCR estimates jitter.
    line_size: dict[tuple, float] = {}
    for key, boxes in by_line.items():
        hs = sorted(b["height"] for b in boxes if not b["text"].isdigit()) or sorted(b["height"] for b in boxes)
        line_size[key] = hs[int(0.75 * (len(hs) - 1))] / scale / 0.95
    # lines of one Tesseract paragraph share a size (its median): one noisy line must
    # not split a footnote block or a body paragraph
    by_par: dict[tuple, list[float]] = {}
    for key, sz in line_size.items():
        by_par.setdefault(key[:3], []).append(sz)
    for key in line_size:
        line_size[key] = statistics.median(by_par[key[:3]])
    weights = [(line_size[k], len(v)) for k, v in by_line.items()]
    body = _weighted_median(weights)
    small = [sz for sz, _ in weights if sz < 0.85 * body]
    small_size = statistics.median(small) if small else 0.75 * body
    for key, sz in line_size.items():
        if sz < 0.85 * body:
            line_size[key] = round(small_size, 1)
        elif sz <= 1.3 * body:
            line_size[key] = round(body, 1)
        else:
            line_size[key] = round(sz, 1)
    out: list[Word] = []
    for key, boxes in by_line.items():
        line = lines.get(key) or {
            "left": min(b["left"] for b in boxes), "top": min(b["top"] for b in boxes),
            "width": max(b["left"] + b["width"] for b in boxes) - min(b["left"] for b in boxes),
            "height": max(b["top"] + b["height"] for b in boxes) - min(b["top"] for b in boxes)}
        heights = [b["height"] for b in boxes if not b["text"].isdigit()] or [b["height"] for b in boxes]
        typical = statistics.median(heights)
        baseline = statistics.median(b["top"] + b["height"] for b in boxes)
        size = line_size[key]
        top = line["top"] / scale
        bottom = (line["top"] + line["height"]) / scale
        for b in boxes:
            x0 = b["left"] / scale
            x1 = (b["left"] + b["width"]) / scale
            raised = b["top"] + b["height"] < baseline - 0.3 * typical
            if b["text"].isdigit() and len(b["text"]) <= 3 and b["height"] < 0.75 * typical and raised:
                out.append(Word(b["text"], x0, x1, b["top"] / scale, (b["top"] + b["height"]) / scale,
                                round(size * b["height"] / typical, 1), conf=b["conf"]))
            else:
                out.append(Word(b["text"], x0, x1, top, bottom, size, conf=b["conf"]))
    return out


def _without_mark_rows(words: list[Word]) -> list[Word]:
    """``words`` without the OCR lines made only of marks ("Eị- “diEhu.ll", "¬————.SS._.")
    that overlap a line of text, within its width: the rule under an issuer line or the
    motto, a stamp's edge. Read as a line of their own, they would be merged into the line
    they overlap ("TỈNHEị-QUẢNG“diEhu.llNGÃI"). A line with a digit is kept, and so is one
    over a line with a number or date slot ("Số:", "ngày", "tháng"): a handwritten value
    read as marks must stay there to be doubted, not vanish and leave the slot blank."""
    rows: dict[tuple[float, float], list[Word]] = {}
    for w in words:
        rows.setdefault((w.top, w.bottom), []).append(w)
    text_rows = [(k, min(w.x0 for w in v), max(w.x1 for w in v),
                  any(_SLOT_WORD.match(w.text) for w in v))
                 for k, v in rows.items() if not all(ocr_names.is_mark(w.text) for w in v)]
    drop: set[tuple[float, float]] = set()
    for (top, bottom), ws in rows.items():
        if not all(ocr_names.is_mark(w.text) and not any(c.isdigit() for c in w.text) for w in ws):
            continue
        x0, x1 = min(w.x0 for w in ws), max(w.x1 for w in ws)
        over = [(tx0, tx1, slot) for (t, b), tx0, tx1, slot in text_rows
                if min(bottom, b) - max(top, t) >= 0.4 * (bottom - top)]
        if over and not any(slot for _, _, slot in over) \
                and any(tx0 - 5 <= x0 and x1 <= tx1 + 5 for tx0, tx1, _ in over):
            drop.add((top, bottom))
    return [w for w in words if (w.top, w.bottom) not in drop]


_SLOT_WORD = re.compile(r"^(?:s[ốô]|ngày|tháng|năm)\b", re.IGNORECASE)


def _weighted_median(pairs: list[tuple[float, int]]) -> float:
    pairs = sorted(pairs)
    total = sum(w for _, w in pairs)
    acc = 0
    for value, weight in pairs:
        acc += weight
        if acc * 2 >= total:
            return value
    return 12.0
