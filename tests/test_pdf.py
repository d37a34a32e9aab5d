"""PDF originals with a text layer: PDFs typeset from the samples (two-column header,
justified paragraphs, words split after hyphens, footnotes under a rule at the foot of
the page, page numbers or a "Trang N/M" footer) must give the gold front matter and
the text export's body."""
from __future__ import annotations

import re

import pytest

from conftest import ROOT, SAMPLES
from converters import convert_file, errors, read_source
from converters.formats import ocr
from converters.frontmatter import front_matter
from fixtures_originals import originals, similarity  # noqa: F401 (fixture)
from test_gold import CASES, GOLD, check

NAMES = sorted(p.stem for p in SAMPLES.glob("*.txt"))
_docs: dict = {}
_texts: dict = {}


def pdf_doc(originals, stem: str):
    if stem not in _docs:
        _docs[stem] = convert_file(originals.pdf(stem), originals.root)
    return _docs[stem]


def pdf_text(originals, stem: str) -> str:
    if stem not in _texts:
        _texts[stem] = read_source(originals.pdf(stem), originals.root).text
    return _texts[stem]


@pytest.mark.parametrize("name,key", CASES, ids=[f"{n[:3]}-{k}" for n, k in CASES])
def test_pdf_gold_field(originals, name, key):
    check(key, front_matter(pdf_doc(originals, name[:-4])), GOLD[name][key])


@pytest.mark.parametrize("stem", NAMES, ids=[n[:3] for n in NAMES])
def test_pdf_body_matches_text_export(originals, stem, record_property):
    ref = convert_file(SAMPLES / f"{stem}.txt", ROOT / "sources").body
    ratio = similarity(ref, pdf_doc(originals, stem).body)
    record_property("similarity", round(ratio, 4))
    print(f"\nPDF {stem[:3]} body similarity {ratio:.4f}")
    assert ratio >= 0.95


def test_pdf_source_fields(originals):
    doc = pdf_doc(originals, NAMES[0])
    assert (doc.source.format, doc.source.ocr) == ("pdf", False)
    assert front_matter(doc)["source"]["ocr"] is False


@pytest.mark.parametrize("stem", NAMES, ids=[n[:3] for n in NAMES])
def test_page_numbers_and_footers_removed(originals, stem):
    text = pdf_text(originals, stem)
    assert not re.search(r"Trang \d+/\d+", text)
    assert not [ln for ln in text.splitlines() if re.fullmatch(r"\s*\d{1,3}\s*", ln)]


def test_two_column_header_left_then_right(originals):
    text = pdf_text(originals, "002_61ce2e627e777aa2")
    order = [text.index(s) for s in ("UBND TỈNH HÀ NAM", "SỞ THÔNG TIN VÀ TRUYỀN THÔNG", "Số: /BC-STTTT",
                                     "CỘNG HOÀ XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc",
                                     "Hà Nam, ngày tháng năm 2023", "BÁO CÁO")]
    assert order == sorted(order)
    assert "\nBÁO CÁO\n" in "\n" + text.replace("**", "")


def test_hard_wraps_and_split_symbols_rejoined(originals):
    text = pdf_text(originals, "002_61ce2e627e777aa2")
    para = next(p for p in text.split("\n\n") if p.startswith("Trong những năm qua, Đảng và Nhà nước"))
    assert "\n" not in para and para.endswith("ở địa phương.")
    assert "Chỉ thị số 19-CT/TU của Tỉnh ủy về “Tăng cường" in text
    assert "19- CT/TU" not in text


def test_footnotes_reattached(originals):
    text = pdf_text(originals, "000_87248a225afa83c7")
    # the sentence interrupted by the page's footnotes is one paragraph again
    assert "thực thi công vụ và đạo đức của đội ngũ cán bộ, công chức" in text
    assert "chính quyền<sup>1</sup> năm 2024" in text
    defs = [ln for ln in text.splitlines() if ln.startswith("<sup>")]
    assert [int(d[5:d.index("</sup>")]) for d in defs] == list(range(1, 13))
    assert defs[0].startswith("<sup>1</sup> Kết luận số 114-KL/TW") and "Thường trực Tỉnh ủy tổng kết" in defs[0]
    assert "12-KH/TU" in defs[0]  # split after the hyphen at a line end, rejoined
    assert pdf_doc(originals, "000_87248a225afa83c7").footnotes == 12


def test_unreferenced_footnote_kept(originals):
    text = pdf_text(originals, "001_f1675c333ba0a0d8")
    assert "<sup>9</sup> Xây dựng 01 cây cầu Kênh HN3" in text
    assert pdf_doc(originals, "001_f1675c333ba0a0d8").footnotes == 14


def test_bold_headings_and_hand_breaks(originals):
    text = pdf_text(originals, "003_9be56f4e2d685a6a")
    assert "**KT. CHÁNH VĂN PHÒNG\nPHÓ VĂN PHÒNG**" in text
    text1 = pdf_text(originals, "001_f1675c333ba0a0d8")
    assert "**I. TÌNH HÌNH KÝ KẾT VÀ TRIỂN KHAI\nCHƯƠNG TRÌNH PHỐI HỢP**" in text1
    assert "ĐẾN\tSố: 1789" in text1  # stamp columns
    assert "“*Diễn đàn công an xã lắng nghe ý kiến nhân dân*”" in text1  # italic over a line break


def test_corrupt_and_fake_pdf(tmp_path):
    good = b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF"
    for name, data in (("hong.pdf", good[:40]), ("gia.pdf", b"<html>not a pdf</html>"), ("rong.pdf", b"")):
        path = tmp_path / name
        path.write_bytes(data)
        with pytest.raises(errors.ConversionError) as info:
            convert_file(path, tmp_path)
        message = str(info.value)
        assert "\n" not in message and str(path) in message, message


def test_password_protected_pdf(tmp_path):
    from reportlab.lib import pdfencrypt
    from reportlab.pdfgen import canvas

    path = tmp_path / "khoa.pdf"
    enc = pdfencrypt.StandardEncryption("matkhau", ownerPassword="chu", strength=128)
    c = canvas.Canvas(str(path), encrypt=enc)
    c.drawString(100, 700, "BAO CAO so 12/BC-UBND")
    c.save()
    with pytest.raises(errors.UnreadableFile) as info:
        convert_file(path, tmp_path)
    message = str(info.value)
    assert "\n" not in message and str(path) in message and "mật khẩu" in message, message


def test_scan_without_tesseract_needs_ocr(originals, tmp_path, monkeypatch):
    """An image-only page and no Tesseract: one line saying OCR is needed, nothing published."""
    from PIL import Image, ImageDraw

    img = Image.new("L", (800, 1100), 255)
    ImageDraw.Draw(img).text((100, 100), "BAO CAO", fill=0)
    path = tmp_path / "scan.pdf"
    img.save(path, "PDF", resolution=100.0)
    monkeypatch.setattr(ocr, "available", lambda: False)
    with pytest.raises(errors.NeedsOCR) as info:
        convert_file(path, tmp_path)
    message = str(info.value)
    assert "\n" not in message and str(path) in message and "OCR" in message


def test_cli_inspect_pdf(originals, capsys):
    import json

    from minhbach.cli import main

    assert main(["inspect", str(originals.pdf("002_61ce2e627e777aa2"))]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["type"] == "Báo cáo" and data["symbol"] == "BC-STTTT"
    assert data["source"] == {**data["source"], "format": "pdf", "ocr": False}
