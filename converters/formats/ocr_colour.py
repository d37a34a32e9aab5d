"""Coloured ink on scanned pages: seals and signatures apart from the printed text.

The printed text of an administrative document is black; seals are red, signatures blue,
received stamps red, blue or violet. ``drop_colour`` whitens the large coloured shapes (a
seal, a signature) before Tesseract reads the page, and keeps the small ones (a number or
day written by hand, a title stamped in red, a handwritten "KT."), which are read as before
and doubted where they matter (``ocr_numbers.inked``, ``ocr_names.marked_titles``).
"""
from __future__ import annotations

CHROMA = 40  # a pixel whose R, G, B spread exceeds this is coloured ink …
LIGHT = 130  # … unless its brightest channel is this dark (black text under a seal)


def drop_colour(image, dpi: float | None, chroma: int = CHROMA, light: int = LIGHT):
    """(grey page with seals and signatures whitened, mask of the whitened pixels, mask
    of the coloured marks left on the page, dark ones included: a handwritten "KT.").

    Seals (red) and signatures (blue ink) lie over the printed name and title of a
    signature block, while the printed text of an administrative document is black. A
    pixel is coloured ink when the spread of its R, G, B (max − min) exceeds ``chroma``
    and its brightest channel exceeds ``light`` (black text stays, with the colour noise
    of a JPEG scan and where a seal's ink covers it). Only *large* shapes of coloured ink
    are whitened (``_large_shapes``): a seal, a signature. Small ones stay on the grey page
    and are read as before — a number or day written by hand, a title stamped in red
    ("PHÓ HIỆU TRƯỞNG"), a handwritten "KT." — for a title must not lose its "PHÓ".
    ``dpi`` None: all coloured ink is whitened (one line's image, ``ocr_names``, where a
    seal is cut to the line's height). A grey scan passes unchanged."""
    from PIL import Image, ImageChops

    if image.mode != "RGB":
        grey = image.convert("L")
        return grey, Image.new("L", grey.size, 0), Image.new("L", grey.size, 0)
    r, g, b = image.split()
    brightest = ImageChops.lighter(r, ImageChops.lighter(g, b))
    spread = ImageChops.subtract(brightest, ImageChops.darker(r, ImageChops.darker(g, b)))
    tinted = spread.point(lambda v: 255 if v > chroma else 0)
    coloured = ImageChops.multiply(tinted, brightest.point(lambda v: 255 if v > light else 0))
    if dpi:  # shapes of one ink each: a blue "KT." written over a red seal is no part of it
        reddish = ImageChops.subtract(r, b).point(lambda v: 255 if v > chroma // 2 else 0)
        red = ImageChops.multiply(coloured, reddish)
        large = ImageChops.lighter(_large_shapes(red, dpi), _large_shapes(ImageChops.subtract(coloured, red), dpi))
    else:
        large = Image.new("L", image.size, 255)
    dropped = ImageChops.multiply(coloured, large)
    grey = image.convert("L")
    grey.paste(255, mask=dropped)
    # marks: tinted ink outside the large shapes, dark blue handwriting included
    return grey, dropped, ImageChops.subtract(tinted, large)


CELL = 8  # pixels of the grid the coloured shapes are traced on (0.7 mm at 300 dpi)
SHAPE_TALL_MM = 8.0  # a seal or a signature is at least this tall …
SHAPE_WIDE_MM = 20.0  # … and this wide (or tall); a line of text or a written number is not


def _large_shapes(mask, dpi: float):
    """Mask of the grid cells that belong to a large connected shape of ``mask``
    (8-connected cells of ``CELL`` pixels of an image at ``dpi``)."""
    from PIL import Image, ImageDraw

    w, h = mask.size
    gw, gh = (w + CELL - 1) // CELL, (h + CELL - 1) // CELL
    grid = mask.resize((gw, gh), Image.Resampling.BOX).point(lambda v: 255 if v > 0 else 0).tobytes()
    mm = 25.4 / dpi * CELL  # one cell, in millimetres
    seen = bytearray(gw * gh)
    out = Image.new("L", (w, h), 0)
    draw = ImageDraw.Draw(out)
    for start in range(gw * gh):
        if not grid[start] or seen[start]:
            continue
        seen[start] = 1
        stack, cells = [start], []
        while stack:
            c = stack.pop()
            cells.append(c)
            x, y = c % gw, c // gw
            for dy in (-1, 0, 1):
                yy = y + dy
                if 0 <= yy < gh:
                    for dx in (-1, 0, 1):
                        xx = x + dx
                        if 0 <= xx < gw:
                            n = yy * gw + xx
                            if grid[n] and not seen[n]:
                                seen[n] = 1
                                stack.append(n)
        xs = [c % gw for c in cells]
        ys = [c // gw for c in cells]
        tall = (max(ys) - min(ys) + 1) * mm
        wide = (max(xs) - min(xs) + 1) * mm
        if tall >= SHAPE_TALL_MM and max(tall, wide) >= SHAPE_WIDE_MM:
            for c in cells:
                x, y = (c % gw) * CELL, (c // gw) * CELL
                draw.rectangle((x - CELL, y - CELL, x + 2 * CELL - 1, y + 2 * CELL - 1), fill=255)
    return out


def pixel_box(scale: float, x0: float, top: float, x1: float, bottom: float) -> tuple[int, int, int, int] | None:
    """A box given in PDF points, in pixels of an image rendered at ``scale``; None when empty."""
    box = (max(0, int(x0 * scale)), max(0, int(top * scale)), int(x1 * scale) + 1, int(bottom * scale) + 1)
    return box if box[2] > box[0] and box[3] > box[1] else None


def ink_counter(mask, scale: float):
    """count(x0, top, x1, bottom) of the mask's pixels in a box given in PDF points."""
    def count(x0: float, top: float, x1: float, bottom: float) -> int:
        box = pixel_box(scale, x0, top, x1, bottom)
        return mask.crop(box).histogram()[255] if box else 0
    return count
