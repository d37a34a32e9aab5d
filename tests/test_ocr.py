"""Scanned PDF: a sample typeset as PDF, rasterised with pdftoppm and wrapped back into an
image-only PDF, read with Tesseract's Vietnamese model. Skipped (reported as skipped)
where Tesseract or its Vietnamese data is not installed; scripts/setup.sh --test installs them."""
from __future__ import annotations

import pytest

from conftest import ROOT, SAMPLES
from converters import convert_file, read_source
from converters.formats import ocr
from converters.frontmatter import front_matter
from converters.layout import parse
from fixtures_originals import OCR_SAMPLE, gold_failures, originals, scanned_original, similarity  # noqa: F401
from test_gold import GOLD, same_text

pytestmark = pytest.mark.skipif(not ocr.available(),
                                reason="tesseract with the Vietnamese model (tesseract-ocr-vie) not installed")

_cache: dict = {}


@pytest.fixture(scope="module")
def scanned_text(originals, scanned_original):
    """One OCR pass for the module (a page takes seconds)."""
    if "st" not in _cache:
        _cache["st"] = read_source(scanned_original, originals.root)
    return _cache["st"]


@pytest.fixture(scope="module")
def scanned_doc(scanned_text):
    return parse(scanned_text)


def test_scan_has_no_text_layer(scanned_original):
    import pdfplumber

    with pdfplumber.open(scanned_original) as pdf:
        assert sum(len(p.chars) for p in pdf.pages) == 0
        assert all(p.images for p in pdf.pages)


def test_ocr_marks_the_source(scanned_doc):
    assert scanned_doc.source.ocr is True
    assert scanned_doc.source.format == "pdf"
    assert front_matter(scanned_doc)["source"]["ocr"] is True


def test_ocr_header_fields(scanned_doc):
    gold = GOLD[f"{OCR_SAMPLE}.txt"]
    front = front_matter(scanned_doc)
    for key in ("type", "number", "symbol", "title", "place", "issued"):
        assert same_text(front[key], gold[key]), (key, front[key], gold[key])
    assert front["period"]["label"] and same_text(front["period"]["label"], gold["period"]["label"])


def test_ocr_body_similarity(scanned_doc, record_property):
    ref = convert_file(SAMPLES / f"{OCR_SAMPLE}.txt", ROOT / "sources").body
    ratio = similarity(ref, scanned_doc.body)
    record_property("similarity", round(ratio, 4))
    failures = gold_failures(front_matter(scanned_doc), GOLD[f"{OCR_SAMPLE}.txt"])
    print(f"\nOCR {OCR_SAMPLE[:3]} body similarity {ratio:.4f}; gold fields missed: {failures}")
    assert ratio >= 0.85


def test_ocr_keeps_footnote_text(scanned_doc):
    # marks may be misread (a raised "1" often comes out as "!"), the notes' text must not be lost
    assert "Kết luận số 114-KL/TW ngày 14/7/2015" in scanned_doc.body
    assert "Tổng số tiền 10.400.000 đồng" in scanned_doc.body


def test_ocr_reads_the_two_column_header_in_order(scanned_text):
    text = scanned_text.text
    assert text.index("Số: /BC-SNgV") < text.index("Kiên Giang, ngày") < text.index("BÁO CÁO")
