"""Real PDF originals (tests/corpus/files) read as a person reads them: the number and
day that signing software stamps as form widgets, stamped values glued to or laid over
typed text, signature boxes kept as evidence, text layers that are not Vietnamese
OCR'd instead, unsure OCR numbers marked, and broken PDFs refused with one line.

Each corpus file is read at most once per session (the ``corpus`` fixture); OCR tests are skipped
where Tesseract with its Vietnamese model is not installed."""
from __future__ import annotations

import re
import shutil
import subprocess

import pytest

from converters import convert_file, errors, read_source
from converters.document import UNCERTAIN
from converters.formats import ocr, pdf, textcheck
from corpus_gold import FILES, load_gold

needs_ocr = pytest.mark.skipif(not ocr.available(), reason="tesseract with its Vietnamese model not installed")


class _Corpus:
    """Each corpus file read once per session: its source text, its text layer's pages."""

    def __init__(self):
        self.texts: dict[str, str] = {}
        self.pages: dict[str, list] = {}

    def text(self, name: str) -> str:
        if name not in self.texts:
            self.texts[name] = read_source(FILES / name).text
        return self.texts[name]

    def layer(self, name: str) -> list:
        if name not in self.pages:
            self.pages[name] = pdf.read_pages((FILES / name).read_bytes(), name)
        return self.pages[name]


@pytest.fixture(scope="session")
def corpus() -> _Corpus:
    return _Corpus()


def _line(text: str, pattern: str) -> str:
    found = [ln for ln in text.splitlines() if re.search(pattern, ln)]
    assert found, pattern
    return found[0]


# --------------------------------------------------------------------------- widgets


def test_widget_number_and_day_are_page_text(corpus):
    text = corpus.text("quangngai_ubnd_tb542_2024_textlayer.pdf")
    assert re.search(r"Số: 542 /TB-UBND", text)
    assert "Quảng Ngãi, ngày 06 tháng 11 năm 2024" in text.replace("*", "")


@pytest.mark.parametrize("name,number,date", [
    ("bc-293-snv-vinhlong-2026-esignature.pdf", "Số: 293 /BC-SNV", "ngày 09 tháng 4 năm 2026"),
    ("cv-6791-snnmt-laocai-2026-signed.pdf", "Số: 6791 /SNNMT-KHTC", "ngày 17 tháng 7 năm 2026"),
    ("cv-295-vp-cthdnd-thanhhoa-2026-signed.pdf", "Số: 295 /VP-CTHĐND", "ngày 22 tháng 5 năm 2026"),
    ("cv-193-ubnd-kt-laocai-2026-signed.pdf", "Số: 193 /UBND-KT", "ngày 10 tháng 01 năm 2026"),
])
def test_glued_stamps_are_words_of_their_own(corpus, name, number, date):
    """"Số:293 /BC-SNV", "ngày22", "tháng 01năm" in the file: a stamp is a word."""
    text = corpus.text(name).replace("*", "")
    assert number in text
    assert date in text


def test_stamp_over_typed_text_replaces_it(corpus):
    """A month "5" stamped over a typed "4": the page shows "tháng 5", not "tháng 54"."""
    text = corpus.text("qd-1696-ubnd-laocai-2026-signed.pdf").replace("*", "")
    assert "Lào Cai, ngày 15 tháng 5 năm 2026" in text
    assert "tháng 54" not in text and "tháng 45" not in text


def test_signature_box_is_kept_as_its_own_lines_after_the_page(corpus):
    text = corpus.text("quangngai_ubnd_tb542_2024_textlayer.pdf")
    lines = text.splitlines()
    assert "06.11.2024 09:27:05" in lines and "ttcbth@quangngai.gov.vn" in lines
    assert text.index("THÔNG BÁO") < text.index("06.11.2024 09:27:05")  # not before the header


def test_reader_annotations_do_not_hide_the_widgets(corpus):
    """tt-37 also carries a reader's box annotations with pop-ups on several pages."""
    text = corpus.text("tt-37-2023-bgtvt-signed-reader-annotations.pdf").replace("*", "")
    assert "Số: 37 /2023/TT-BGTVT" in text and "ngày 13 tháng 12 năm 2023" in text


def test_font_quirk_is_mapped(corpus):
    text = corpus.text("cv-1178-dck-ctt-bct-2025-font-glyph-quirk.pdf")
    assert "BỘ CÔNG THƯƠNG" in text and "ƣ" not in text


# --------------------------------------------------------------------------- trust


def test_text_layers_of_the_corpus_are_judged(corpus):
    """Every text-layer page of the corpus is trusted, except the one with broken glyph codes;
    every scan page is OCR'd (their only text is a stamp or nothing)."""
    judged = {}
    for gold in load_gold():
        if gold.file.endswith(".pdf") and "nd-71" not in gold.file:  # 70 scanned pages, like the others
            judged[gold.file] = [textcheck.ocr_reason(p) for p in corpus.layer(gold.file)]
    garbled = "tb-1894-sct-laocai-2026-garbled-text-layer.pdf"
    assert set(judged[garbled]) == {"not-vietnamese"}
    for gold in load_gold():
        if gold.file in judged and gold.file != garbled:
            reasons = set(judged[gold.file])
            if gold.format == "pdf-text":
                assert reasons == {None}, (gold.file, reasons)
            elif "ocr-layer" not in gold.file:  # hd-24's hidden layer is Vietnamese: kept
                assert None not in reasons, (gold.file, reasons)


@needs_ocr
def test_hidden_ocr_layer_without_vietnamese_is_not_trusted(tmp_path):
    """A scan given an invisible text layer by Tesseract's English model (as archive scanners
    do): the words are Latin syllables without diacritics, so the page is OCR'd again."""
    import pypdfium2

    if "eng" not in subprocess.run(["tesseract", "--list-langs"], capture_output=True, text=True).stdout.split():
        pytest.skip("tesseract English model not installed")
    doc = pypdfium2.PdfDocument(str(FILES / "quangngai_ubnd_cv299-tthc_2025_scan_hoatoc.pdf"))
    doc[0].render(scale=150 / 72, grayscale=True).to_pil().save(tmp_path / "p.png", dpi=(150, 150))
    subprocess.run([shutil.which("tesseract"), str(tmp_path / "p.png"), str(tmp_path / "eng"), "-l", "eng", "pdf"],
                   check=True, capture_output=True)
    page = pdf.read_pages((tmp_path / "eng.pdf").read_bytes(), "eng.pdf")[0]
    assert page.chars > 200
    assert textcheck.ocr_reason(page) == "not-vietnamese"


# --------------------------------------------------------------------------- OCR


@needs_ocr
def test_scan_with_stamp_only_layer_is_ocrd_and_keeps_the_box(corpus):
    text = corpus.text("qd-1053-ttg-2024-vgp-stamp-scan.pdf")
    assert re.search(r"1053\s*/\s*QĐ-TTg", text)
    box = _line(text, r"Thời gian ký")
    assert text.index("Nơi nhận") < text.index(box)  # after the page's OCR text


@needs_ocr
def test_unsure_handwritten_number_is_marked_not_guessed():
    """cv299's number "299" is handwritten; OCR reads it "899" with low confidence."""
    data = (FILES / "quangngai_ubnd_cv299-tthc_2025_scan_hoatoc.pdf").read_bytes()
    page = ocr.ocr_pages(data, [0], "cv299")[0]
    header = _line(pdf.layout([page]), r"Số:.*UBND-TTHC")
    assert f"Số: {UNCERTAIN}" in header
    assert "899" not in header and "299" not in header


@needs_ocr
def test_garbled_layer_is_read_by_ocr(corpus):
    text = corpus.text("tb-1894-sct-laocai-2026-garbled-text-layer.pdf")
    assert re.search(r"Số: 1894 /TB-SCT", text)
    assert "SỞ CÔNG THƯƠNG" in text and "ӕ" not in text


# --------------------------------------------------------------------------- bad PDFs


def _one_line_reason(exc: errors.ConversionError, path) -> None:
    message = str(exc)
    assert "\n" not in message and str(path) in message


def test_absurd_page_size_is_refused_before_rendering(tmp_path, monkeypatch):
    import pypdfium2
    from PIL import Image
    from reportlab.pdfgen import canvas

    Image.new("L", (200, 200), 128).save(tmp_path / "dot.png")
    path = tmp_path / "khong-lo.pdf"
    c = canvas.Canvas(str(path), pagesize=(14400, 14400))  # 200 × 200 inches, PDF's largest
    c.drawImage(str(tmp_path / "dot.png"), 0, 0, 14400, 14400)
    c.save()

    def no_render(*args, **kwargs):
        raise AssertionError("rendered an absurd page")

    monkeypatch.setattr(pypdfium2.PdfPage, "render", no_render)
    with pytest.raises(errors.AbsurdPage) as info:
        convert_file(path, tmp_path)
    _one_line_reason(info.value, path)
    assert "200×200 inch" in str(info.value)


@pytest.mark.parametrize("damage", ["xref", "truncated", "garbage"])
def test_broken_pdf_is_refused_or_read_never_a_crash(tmp_path, damage):
    data = (FILES / "quangngai_ubnd_tb542_2024_textlayer.pdf").read_bytes()
    if damage == "xref":
        data = re.sub(rb"startxref\s+\d+", b"startxref\n999999999", data)
        data = re.sub(rb"\d{10} \d{5} n", b"0000000001 00000 n", data)
    elif damage == "truncated":
        data = data[: len(data) // 3]
    else:
        data = data[:1024] + bytes(range(256)) * 64
    path = tmp_path / f"hong-{damage}.pdf"
    path.write_bytes(data)
    try:
        doc = convert_file(path, tmp_path)
    except errors.ConversionError as exc:
        _one_line_reason(exc, path)
    else:
        assert doc.body.strip()


# --------------------------------------------------------------------------- OCR numbers


def _ocr_line(*tokens):
    from converters.formats.geometry import Word

    return [Word(t, 12.0 * k, 12.0 * k + 10, 100, 110, 12, conf=c) for k, (t, c) in enumerate(tokens)]


def test_digit_confusions_are_fixed_only_inside_numbers():
    from converters.formats.ocr_numbers import fix_digits

    assert fix_digits("2O24") == "2024" and fix_digits("l1/BC-UBND") == "11/BC-UBND"
    assert fix_digits("22/1l/2O24,") == "22/11/2024,"
    assert fix_digits("lO") == "lO" and fix_digits("Ông") == "Ông" and fix_digits("QĐ-TTg") == "QĐ-TTg"


def test_date_line_values_read_unsure_or_out_of_range_are_marked():
    from converters.formats.ocr_numbers import guard

    words = _ocr_line(("Quảng", 96), ("Ngãi,", 96), ("ngày", 97), ("|3", 0), ("tháng", 97), ("13", 95),
                      ("năm", 97), ("2024", 96))
    assert [w.text for w in guard(words)][3:] == [UNCERTAIN, "tháng", UNCERTAIN, "năm", "2024"]
    cited = _ocr_line(("Luật", 96), ("ngày", 97), ("22", 30), ("tháng", 97), ("11", 20), ("năm", 97), ("2019", 96))
    assert [w.text for w in guard(cited)] == [w.text for w in cited]  # a date in prose is not a slot
    number = _ocr_line(("Số:", 96), ("289", 80), ("/BC-UBND", 90))
    assert [w.text for w in guard(number)] == ["Số:", "289", "/BC-UBND"]
    number = _ocr_line(("Số:", 96), ("233", 40), ("/BC-UBND", 90))
    assert [w.text for w in guard(number)] == ["Số:", UNCERTAIN, "/BC-UBND"]
