"""Is a page's text layer Vietnamese as printed? A score from its syllables.

A PDF's text layer is trusted only when it reads as Vietnamese. Three kinds of layer
look like text but are not what the page shows:

- a hidden OCR layer made without the Vietnamese model ("uY BAN NgAN nAN"): its words
  are Latin syllables with (almost) no Vietnamese diacritics, often with mixed case;
- a layer of wrong glyph codes, from a font whose character map is broken
  ("6ӕ 1894 /TB-SCT", "C‘NG"): letters outside the Vietnamese alphabet, digits and
  symbols glued inside words;
- a scan whose only text is a certification or e-signature stamp (judged by the
  caller from where the text lies, see ``pdf.py``).

Each word is split into letter runs; a run is *good* when it is a well-formed
Vietnamese syllable (initial consonant, vowel group with at most one tone mark, final
consonant; lower, Capitalised or UPPER case), *neutral* when it is an all-capital
acronym ("UBND", "HĐND"), *bad* otherwise. Vietnamese prose carries diacritics on
most syllables; a layer of plain Latin syllables does not.
"""
from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, replace

from converters.formats.geometry import Page, Word
from converters.text.vietnamese import TONE_MARKS

# known font quirks mapped, not judged: a font that draws "ư" from the code of "ƣ" (U+01A3)
QUIRKS = str.maketrans({"ƣ": "ư", "Ƣ": "Ư"})

_VN_LETTERS = set("abcdefghijklmnopqrstuvwxyzđăâêôơư")
_INITIAL = "(?:ngh|ng|nh|ch|gh|gi|kh|ph|qu|th|tr|[bcdđghklmnpqrstvx])?"
_VOWELS = ("a|ă|â|e|ê|i|o|ô|ơ|u|ư|y|ai|ao|au|ay|âu|ây|eo|êu|ia|iê|iu|oa|oă|oe|oi|ôi|ơi|oo|ua|uâ|uê|ui|uô|uơ|"
           "ưa|ưi|ươ|ưu|uy|yê|oai|oay|oeo|uây|uôi|ươi|ươu|uya|uyê|uyu|iêu|yêu")
_SYLLABLE = re.compile(f"^{_INITIAL}(?:{_VOWELS})(?:ch|ng|nh|[cmnpt])?$")
_RUN = re.compile(r"[^\W\d_]+")

MIN_RUNS = 12  # fewer letter runs: too little text to judge
MIN_GOOD = 0.75  # share of good runs among good + bad
MIN_MARKED = 0.3  # share of good runs with a Vietnamese diacritic


@dataclass(frozen=True)
class Score:
    good: int
    bad: int
    marked: int  # good runs with a diacritic or đ

    @property
    def judged(self) -> bool:
        return self.good + self.bad >= MIN_RUNS

    @property
    def vietnamese(self) -> bool:
        """True unless there is enough text and it does not read as Vietnamese."""
        if not self.judged:
            return True
        total = self.good + self.bad
        return self.good / total >= MIN_GOOD and self.marked / total >= MIN_MARKED


def syllable(run: str) -> tuple[bool, bool]:
    """(well-formed Vietnamese syllable, carries a diacritic) of a letter run."""
    low = run.lower()
    if not (run == low or run == run.upper() or (run[0].isupper() and run[1:] == low[1:])):
        return False, False  # "NgAN", "nAN": case changes inside a syllable
    parts = unicodedata.normalize("NFD", low)
    tones = sum(1 for ch in parts if ch in TONE_MARKS)
    base = unicodedata.normalize("NFC", "".join(ch for ch in parts if ch not in TONE_MARKS))
    if tones > 1 or any(ch not in _VN_LETTERS for ch in base):
        return False, False
    ok = bool(_SYLLABLE.match(base))
    return ok, ok and (tones > 0 or any(ch in "đăâêôơư" for ch in base))


def score(words: list[str]) -> Score:
    good = bad = marked = 0
    for word in words:
        word = unicodedata.normalize("NFC", word.translate(QUIRKS))
        runs = _RUN.findall(word)
        for run in runs:
            ok, mark = syllable(run)
            if ok:
                good += 1
                marked += mark
            elif run.isupper() and len(run) <= 8 and all(ch.lower() in _VN_LETTERS for ch in
                                                          unicodedata.normalize("NFC", run)):
                continue  # an acronym: UBND, HĐND, TTHC
            else:
                bad += 1
    return Score(good, bad, marked)


# --------------------------------------------------------------------------- pages

MIN_TEXT_CHARS = 20  # a page with fewer typed characters and an image is a scan
STAMP_ONLY_AREA = 0.15  # a scan whose typed text covers less of the page carries only a stamp


def ocr_reason(page: Page) -> str | None:
    """Why a page's text layer is not trusted (then it is OCR'd), or None.

    Words printed by annotations (``Word.stamp``) are not the page's own text: a
    scan with only a signature box on it is still a scan."""
    typed = [w for w in page.words if not w.stamp]
    if sum(len(w.text) for w in typed) < MIN_TEXT_CHARS:
        return "scan" if page.images else None
    if page.image_cover >= 0.5:
        x0, x1 = min(w.x0 for w in typed), max(w.x1 for w in typed)
        top, bottom = min(w.top for w in typed), max(w.bottom for w in typed)
        if (x1 - x0) * (bottom - top) < STAMP_ONLY_AREA * page.width * page.height:
            return "stamp-only"
    if not score([w.text for w in typed]).vietnamese:
        return "not-vietnamese"
    return None


def kept_words(page: Page, reason: str) -> tuple[list[Word], list[Word]]:
    """What an OCR'd page keeps of its text layer: (inline, boxes).

    ``inline``: stamped values that sat in a line of typed text (a signing software's
    number or day on a page whose own glyph codes are broken): OCR does not see them
    (annotations are not rendered for OCR), they join the OCR words where they lie.
    ``boxes``: signature and certification boxes, and on a scan any text of its
    layer, kept as their own lines after the page's OCR text (evidence of who signed
    and when). Typed text of a layer that is not Vietnamese is dropped."""
    typed = [w for w in page.words if not w.stamp]
    inline: list[Word] = []
    boxes: list[Word] = []
    for w in page.words:
        if not w.stamp:
            if reason != "not-vietnamese":
                boxes.append(replace(w, stamp=True))
            continue
        mid = (w.top + w.bottom) / 2
        beside = any(t.top <= mid <= t.bottom and min(abs(t.x0 - w.x1), abs(w.x0 - t.x1)) < 3 * max(w.size, 1.0)
                     for t in typed)
        (inline if beside and reason == "not-vietnamese" else boxes).append(w)
    return inline, boxes
