"""Names (and titles, issuer lines) on scanned pages, read a second time with care.

A signer's printed name sits under the seal and the signature. Tesseract's reading of
the whole page gets it mostly right, but can miss a tone with high confidence ("Trần
Phước Hiên", confidence 94, for "Hiền"; "Trân" for "Trần"), and a wrong name is worse
than none. So a name read from a scan is published only when the document writes it
twice, or when it is *checked* here:

- every short line that ends in a capitalised word (a name's shape, read loosely: the
  page reading may be noisy) is cropped from the page and read again as one line
  (Tesseract page segmentation 7), with coloured ink dropped, at three resolutions;
- when the readings agree word for word and are a name, the line's words take that
  reading (on the corpus the single-line readings were right where the page reading
  missed a tone);
- when that reading is also a name by ``names.checked_shape`` (Vietnamese syllables,
  a known family name first), it is listed in ``Page.checked`` and the signature block
  reader may publish it.

Disagreeing readings change nothing: the name stays unconfirmed (null with a warning,
unless the document writes it twice).
"""
from __future__ import annotations

import dataclasses
import re
from functools import lru_cache

from converters import vocab
from converters.document import UNCERTAIN
from converters.formats.geometry import Word
from converters.text import names
from converters.text.casing import PREFIX
from converters.text.vietnamese import is_vietnamese_word

SCALES = (250 / 72, 300 / 72, 400 / 72)  # pixels per point of the readings: all must agree (at one
# scale alone Tesseract reads "Lê Tân Dũng" for "Lê Tấn Dũng", at another "Tấn")
PSM_LINE = 7  # Tesseract: the image is one text line
MAX_WORDS = 7  # a name line: a rank, up to five names
MAX_LINES = 16  # lines re-read per page (a joint document has up to ~8 signers)
PAD = 0.4  # margin around the line's box, in line heights
_EDGE = re.compile(r"^[^\wÀ-ỹ]+|[^\wÀ-ỹ]+$")
_LEAD = re.compile(r"^[^\wÀ-ỹ]+|^_+")
_TAIL = re.compile(r"[^\wÀ-ỹ)]+$")


def candidates(words: list[Word]) -> list[tuple[list[int], str]]:
    """(indices of the words, "name" or "title") of each line that may be a signer's
    name or title, lowest on the page first: words of one OCR line (same box), split
    where a wide gap separates two columns."""
    rows: dict[tuple[float, float], list[int]] = {}
    for i, w in enumerate(words):
        if not w.sup:
            rows.setdefault((round(w.top, 1), round(w.bottom, 1)), []).append(i)
    out = []
    for (top, bottom), idx in rows.items():
        idx.sort(key=lambda i: words[i].x0)
        seg = [idx[0]]
        for i in idx[1:]:
            if words[i].x0 - words[seg[-1]].x1 > 2.5 * (bottom - top):
                out.append(seg)
                seg = []
            seg.append(i)
        out.append(seg)
    found = []
    for seg in out:
        text = " ".join(words[i].text for i in seg)
        if _loose_name(text):
            found.append((seg, "name"))
        elif _loose_title(text):
            found.append((seg, "title"))
    found.sort(key=lambda f: -words[f[0][0]].top)
    return found[:MAX_LINES]


def _loose_name(text: str) -> bool:
    """A name's shape, read loosely (the page reading may be noisy): a short line, not a
    list item or a clause ("- UBND tỉnh Quảng Ngãi;"), whose last two words are capitalised."""
    text = text.strip()
    if text.startswith(("-", "+", "•", "–")) or text.endswith((";", ",", ":", ".")):
        return False
    parts = [p for p in (_EDGE.sub("", t) for t in text.split()) if p]
    return 2 <= len(parts) <= MAX_WORDS and sum(bool(names.NAME_WORD.match(p)) for p in parts[-2:]) == 2


def _loose_title(text: str) -> bool:
    """A signature block's title line, perhaps cut by the signature ("PHÓ CHỦ TỊC")."""
    text = _EDGE.sub("", text.strip())
    return 1 <= len(text.split()) <= 6 and sum(c.isalpha() for c in text) >= 4 and text == text.upper() and text != text.lower() \
        and not any(c.isdigit() or c == ":" for c in text)


def _title(text: str, page_text: str) -> bool:
    """``text`` (a careful reading) is a title of the vocabulary, after any authority
    prefix, and differs from the page's reading by at most two letters, with as many
    words: a title the signature cut ("PHÓ CHỦ TỊC") is mended, never shortened or changed
    ("CHỦ TỊCH" for a "PHÓ CHỦ TỊCH" the seal half hides)."""
    return _known_title(text) and _close(text, page_text, 2)


def _issuer(text: str, page_text: str) -> bool:
    """``text`` (a careful reading) is an issuer line the vocabulary knows — a province
    ("TỈNH QUẢNG NGÃI") or a body — with as many words as the page's reading and close to
    it: "TINH QUANG NGAÀI" is mended, a line is never replaced by another."""
    known = vocab.province_named(text) is not None or vocab.fold_key(text) in vocab.body_keys()
    return known and _close(text, page_text, max(3, len(text) // 3))


def _close(text: str, page_text: str, letters: int) -> bool:
    """The careful reading ``text`` has as many words as the page's reading and differs
    from it by at most ``letters`` letters: the same line, mended."""
    page_text = _EDGE.sub("", page_text)
    return len(text.split()) == len(page_text.split()) and _distance(text, page_text) <= letters


def _distance(a: str, b: str) -> int:
    row = list(range(len(b) + 1))
    for i, x in enumerate(a, 1):
        prev, row[0] = row[0], i
        for j, y in enumerate(b, 1):
            prev, row[j] = row[j], min(row[j] + 1, row[j - 1] + 1, prev + (x != y))
    return row[-1]


def reread(page, words: list[Word], read_lines) -> tuple[list[Word], tuple[str, ...]]:
    """The page's words with name lines read again, and the names thereby checked.

    ``page`` is the pypdfium2 page; ``read_lines(images) -> list[str]`` reads each line's
    image (one Tesseract run for the page: its start costs more than a line's reading)."""
    width, height = page.get_size()
    if page.get_rotation():
        return words, ()
    found = candidates(words)
    lines = []  # (segment, kind, its words, x0, x1, top, bottom, pad)
    images = []
    for seg, kind in found:
        box = [words[i] for i in seg]
        x0, x1 = min(w.x0 for w in box), max(w.x1 for w in box)
        top, bottom = min(w.top for w in box), max(w.bottom for w in box)
        pad = PAD * (bottom - top)
        lines.append((seg, kind, box, x0, x1, top, bottom, pad))
        crop = (max(0.0, x0 - pad), max(0.0, height - bottom - pad), max(0.0, width - x1 - pad), max(0.0, top - pad))
        images += [page.render(scale=scale, crop=crop, draw_annots=False, may_draw_forms=False).to_pil()
                   for scale in SCALES]
    texts = read_lines(images) if images else []
    if len(texts) != len(images):
        return words, ()
    new: dict[int, list[Word]] = {}  # first word of a re-read line → its new words
    gone: set[int] = set()
    checked: list[str] = []
    for n, (seg, kind, box, x0, x1, top, bottom, pad) in enumerate(lines):
        if any(i in gone for i in seg):
            continue  # marks already dropped with a line read above
        readings = [_tidy(t) for t in texts[n * len(SCALES):(n + 1) * len(SCALES)]]
        text = readings[0]
        if not text or any(r != text for r in readings):
            continue
        page_text = " ".join(w.text for w in box)
        issuer = kind == "title" and _issuer(text, page_text)
        if not (names.is_name(text) if kind == "name" else _title(text, page_text) or issuer):
            continue  # only a name, a title or an issuer line takes the single-line reading
        new[seg[0]] = _spread(text.split(), box)
        gone.update(seg)
        if kind == "name":
            # marks of the signature or the seal (or the name's own tone marks) read as
            # letters on the name's band: the single-line reading found no text there
            gone.update(j for j, w in enumerate(words) if top - pad <= (w.top + w.bottom) / 2 <= bottom
                        and w.x1 > x0 and w.x0 < x1 and j not in new and is_mark(w.text))
        if names.checked_shape(text):
            checked.append(names.plain(text))
    out: list[Word] = []
    for i, w in enumerate(words):
        if i in new:
            out.extend(new[i])
        elif i not in gone:
            out.append(w)
    return out, tuple(checked)


MARK_MIN = 150  # coloured pixels just before a title line that make it a written mark


def marked_titles(words: list[Word], marks, dropped=lambda *box: "") -> list[Word]:
    """``words`` with an UNCERTAIN word before each title line of the vocabulary that
    coloured ink may have changed: a small coloured mark just before it (a "KT." written
    by hand makes "HIỆU TRƯỞNG" the authority's title, not the signer's own), or a title
    in the ink whitened around it (a "PHÓ HIỆU TRƯỞNG" stamped in red over the seal). The
    block's reader then does not take the line for the signer's title. ``marks(x0, top,
    x1, bottom)`` counts the coloured pixels left on the page in a box (PDF points);
    ``dropped(x0, top, x1, bottom)`` reads the whitened ink there."""
    out = list(words)
    found = candidates(words)
    for seg, kind in reversed(sorted(found, key=lambda c: c[0][0])):
        text = " ".join(words[i].text for i in seg)
        if kind != "title" or not _known_title(text) or PREFIX.match(_tidy(text)):
            continue  # not a title, or its authority is printed: nothing to mistake
        first = words[seg[0]]
        height = first.bottom - first.top
        if any(PREFIX.match(_tidy(" ".join(words[i].text for i in other)))
               and 0 < first.top - words[other[0]].top < 2.5 * height
               and words[other[0]].x0 < words[seg[-1]].x1 and words[other[-1]].x1 > first.x0
               for other, _ in found):
            continue  # under a printed "KT. BỘ TRƯỞNG": the line is the signer's own title
        left = first.x0 - 3 * height
        last = words[seg[-1]]
        # up to the first letter: OCR may take the mark into the first word's box
        if marks(max(0.0, left), first.top - 0.3 * height, first.x0 + height, first.bottom + 0.3 * height) >= MARK_MIN \
                or _names_title(dropped(max(0.0, left), first.top - height, last.x1 + 3 * height, first.bottom + 4 * height)):
            out.insert(seg[0], dataclasses.replace(first, text=UNCERTAIN, x0=left, x1=first.x0 - 2, conf=0.0))
    return out


def _names_title(text: str) -> bool:
    """Some line of ``text`` holds a title of the vocabulary (the seal's own text does not)."""
    keys = [k for k in vocab.title_keys() if len(k) > 3]
    return any(k in vocab.fold_key(" ".join(line.split())) for line in text.splitlines() for k in keys)


def _known_title(text: str) -> bool:
    text = _tidy(text)
    m = PREFIX.match(text)
    return (text[m.end():] if m else text).lower() in _titles()


@lru_cache(maxsize=1)
def _titles() -> frozenset[str]:
    return frozenset(t.lower() for t in vocab.title_names())


def is_mark(text: str) -> bool:
    """A word that is no word: at most two letters ("À", ".À", "r"), or no Vietnamese syllable."""
    letters = _EDGE.sub("", text)
    return sum(c.isalpha() for c in letters) <= 2 or not is_vietnamese_word(letters)


def _tidy(text: str) -> str:
    """One reading's words, without marks read at the line's ends (". Trần Ngọc Căng",
    "Nguyễn Thị Ngọc Thi.")."""
    words = [w for w in text.split() if any(c.isalpha() for c in w)]
    if words:
        words[0] = _LEAD.sub("", words[0])
        words[-1] = _TAIL.sub("", words[-1])
    return " ".join(w for w in words if w)


def _spread(texts: list[str], box: list[Word]) -> list[Word]:
    """Words ``texts`` laid over the line ``box`` (its first word's style), by length."""
    conf = min(w.conf for w in box)  # the page reading's: the number guard still applies
    if len(texts) == len(box):
        return [dataclasses.replace(w, text=t, conf=conf) for w, t in zip(box, texts)]
    x0, x1 = min(w.x0 for w in box), max(w.x1 for w in box)
    total = sum(len(t) + 1 for t in texts)
    out, at = [], x0
    for t in texts:
        span = (x1 - x0) * (len(t) + 1) / total
        out.append(dataclasses.replace(box[0], text=t, x0=at, x1=at + span * len(t) / (len(t) + 1), conf=conf))
        at += span
    return out
