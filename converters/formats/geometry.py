"""Positioned text: the word boxes and rows that the PDF reader and OCR share.

``pdf.py`` fills them from a text layer, ``ocr.py`` from Tesseract's word boxes; the
same code (``pdf.rows_to_text``) turns either into text.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from functools import cached_property


@dataclass
class Word:
    text: str
    x0: float
    x1: float
    top: float
    bottom: float
    size: float
    bold: bool = False
    sup: bool = False
    italic: bool = False
    stamp: bool = False  # printed by an annotation (a signing software's number, day, box)
    space_after: bool = False  # the text layer has a space (or line break) after the word
    conf: float = 100.0  # OCR confidence (0-100); a text layer is certain


@dataclass
class Rule:
    x0: float
    x1: float
    y: float


@dataclass
class Page:
    width: float
    height: float
    words: list[Word]
    rules: list[Rule] = field(default_factory=list)
    images: int = 0  # images drawn on the page (a scan is one big image)
    image_cover: float = 0.0  # share of the page's area under its largest image
    boxes: list[Word] = field(default_factory=list)  # stamp/signature box words kept apart (OCR'd pages)
    checked: tuple[str, ...] = ()  # names OCR read twice alike (``ocr_names``)

    @property
    def chars(self) -> int:
        return sum(len(w.text) for w in self.words)


@dataclass
class Row:
    """Words on one line. Its bounds and parts are computed once, on first use: the
    words are final by then (``pdf_rows._rows`` builds rows before reading them)."""

    words: list[Word]
    page: int
    size: float = 0.0
    baseline: float = 0.0

    @cached_property
    def top(self) -> float:
        return min(w.top for w in self.words)

    @cached_property
    def bottom(self) -> float:
        return max(w.bottom for w in self.words)

    @cached_property
    def x0(self) -> float:
        return min(w.x0 for w in self.words)

    @cached_property
    def x1(self) -> float:
        return max(w.x1 for w in self.words)

    @cached_property
    def main(self) -> list[Word]:
        return [w for w in self.words if not w.sup]

    @cached_property
    def stamp(self) -> bool:
        """Every word printed by an annotation (a signature box, a certification stamp)."""
        return all(w.stamp for w in self.words)

    @cached_property
    def bold(self) -> bool:
        main = [w for w in self.main if any(ch.isalnum() for ch in w.text)]
        return bool(main) and all(w.bold for w in main)
