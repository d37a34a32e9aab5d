"""Scans: seals and signatures dropped by colour, names and titles read a second time,
written values never taken for blanks. Unit tests of each mechanism on made images and
words; tests/test_corpus.py checks them on the real scans (gold fields)."""
from __future__ import annotations

import pytest
from PIL import Image, ImageDraw

from converters.document import UNCERTAIN, Signer
from converters.formats import ocr, ocr_colour, ocr_names, ocr_numbers
from converters.formats.geometry import Word
from converters.layout import _corroborated_names, tail
from converters.text import names
from converters import vocab

DPI = 300


def _page_image():
    """White A6-ish page: black text, a red seal (a ring 35 mm wide), a blue signature
    stroke (30 × 12 mm), a small blue handwritten "23" (6 mm) and a red title line 4 mm high."""
    im = Image.new("RGB", (1200, 1200), "white")
    d = ImageDraw.Draw(im)
    d.rectangle((100, 100, 700, 140), fill=(20, 20, 20))  # a black "text line"
    d.ellipse((200, 300, 613, 713), outline=(220, 40, 40), width=12)  # seal, 35 mm
    d.line((650, 400, 1000, 540), fill=(40, 60, 170), width=8)  # signature, 30 mm × 12 mm
    d.line((650, 540, 1000, 400), fill=(40, 60, 170), width=8)
    d.rectangle((100, 900, 160, 960), outline=(40, 60, 170), width=6)  # "23", 5 mm
    d.rectangle((300, 900, 800, 945), fill=(220, 40, 40))  # a red title stamp, 4 mm high
    d.rectangle((400, 500, 450, 520), fill=(15, 15, 15))  # black text under the seal's ring
    return im


def test_drop_colour_whitens_seals_and_signatures_only():
    grey, mask, marks = ocr_colour.drop_colour(_page_image(), dpi=DPI)
    px = grey.load()
    assert px[400, 120] < 60  # black text stays
    assert px[206, 506] == 255  # the seal's ring is gone
    assert px[825, 470] == 255  # the signature is gone
    assert px[103, 930] < 200  # the written number stays, to be read (and doubted)
    assert px[550, 920] < 200  # the red title stays: "PHÓ" must not vanish from "PHÓ CHỦ TỊCH"
    assert px[425, 510] < 60  # black text inside the seal stays
    assert mask.getpixel((206, 506)) == 255 and mask.getpixel((103, 930)) == 0
    assert marks.getpixel((103, 930)) == 255 and marks.getpixel((206, 506)) == 0


def test_drop_colour_of_one_line_drops_all_colour_and_passes_grey():
    grey, _, _ = ocr_colour.drop_colour(_page_image(), dpi=None)
    assert grey.getpixel((103, 930)) == 255 and grey.getpixel((550, 920)) == 255
    plain = Image.new("L", (50, 50), 80)
    grey, mask, _ = ocr_colour.drop_colour(plain, dpi=DPI)
    assert grey.getpixel((10, 10)) == 80 and mask.getbbox() is None


def _line(texts, top=100.0, x=50.0, conf=95.0):
    out = []
    for t in texts:
        out.append(Word(t, x, x + 6 * len(t), top, top + 12, 12.0, conf=conf))
        x += 6 * len(t) + 5
    return out


@pytest.mark.parametrize("texts, slot", [
    (["Hà", "Nội,", "ngày", "....", "tháng", "6", "năm", "2026"], "day"),
    (["Hà", "Nội,", "ngày", "tháng", "6", "năm", "2026"], "day"),
    (["Số:", "/KH-DCT"], "number"),
    (["Số:/KH-DCT"], "number"),
    (["Số:...../KH-DCT"], "number"),
])
def test_a_blank_slot_with_dropped_ink_is_a_written_value(texts, slot):
    words = _line(texts)
    inked = ocr_numbers.inked(words, lambda *box: 500)
    text = " ".join(w.text for w in inked)
    assert UNCERTAIN in text, text
    blank = ocr_numbers.inked(words, lambda *box: 0)  # nothing dropped there: a draft's blank
    assert UNCERTAIN not in " ".join(w.text for w in blank)


def test_inked_day_reads_as_unreadable_not_as_a_month_date():
    from test_header_vectors import convert

    doc = convert("ỦY BAN NHÂN DÂN\nTỈNH QUẢNG NGÃI\nSố: 12/KH-UBND\n"
                  f"Quảng Ngãi, ngày {UNCERTAIN} tháng 6 năm 2026\n\nKẾ HOẠCH\nVề việc thử\n\n"
                  "Nội dung kế hoạch được thực hiện trong năm.\n")
    assert doc.issued is None


class _FakePage:
    """A pypdfium2 page stand-in: its render() remembers the scale asked for."""

    def __init__(self):
        self.scales = []

    def get_size(self):
        return 595.0, 842.0

    def get_rotation(self):
        return 0

    def render(self, scale, crop, **kw):
        self.scales.append(scale)
        return self

    def to_pil(self):
        return self.scales[-1]


def _reread(words, readings):
    page = _FakePage()
    return ocr_names.reread(page, words, lambda scales: [readings[ocr_names.SCALES.index(s)] for s in scales])


def test_name_line_takes_the_careful_reading_when_all_agree():
    words = _line(["Nơi", "nhận:"], top=600) + _line(["Trần", "Phước", "Hiên"], top=700, x=350)
    agreed = ["Trần Phước Hiền\n"] * len(ocr_names.SCALES)
    out, checked = _reread(words, agreed)
    assert [w.text for w in out][-3:] == ["Trần", "Phước", "Hiền"] and checked == ("Trần Phước Hiền",)
    # one reading differs ("Tân" for "Tấn" at one resolution): nothing changes, nothing checked
    split = ["Trần Phước Hiền"] * (len(ocr_names.SCALES) - 1) + ["Trần Phước Hiên"]
    out, checked = _reread(words, split)
    assert [w.text for w in out] == [w.text for w in words] and checked == ()


def test_a_checked_name_needs_a_known_family_name():
    words = _line(["Trân", "Phước", "Hiền"], top=700)
    out, checked = _reread(words, ["Trân Phước Hiền"] * len(ocr_names.SCALES))
    assert checked == ()
    assert names.checked_shape("Thượng tướng Nguyễn Văn Gấu") and not names.checked_shape("Hô Đức Phớc")


def test_title_line_is_mended_never_shortened():
    words = _line(["PHÓ", "CHỦ", "TỊC"], top=650)
    out, _ = _reread(words, ["PHÓ CHỦ TỊCH"] * len(ocr_names.SCALES))
    assert " ".join(w.text for w in out) == "PHÓ CHỦ TỊCH"
    out, _ = _reread(words, ["CHỦ TỊCH"] * len(ocr_names.SCALES))  # "PHÓ" under the seal
    assert " ".join(w.text for w in out) == "PHÓ CHỦ TỊC"


def test_marks_on_the_name_band_go_with_the_careful_reading():
    junk = [Word("À", 360, 366, 697, 703, 12.0, conf=70), Word(".À", 420, 430, 697, 703, 12.0, conf=40)]
    words = _line(["Trần", "Phước", "Hiên"], top=700, x=350) + junk
    out, checked = _reread(words, ["Trần Phước Hiền"] * len(ocr_names.SCALES))
    assert [w.text for w in out] == ["Trần", "Phước", "Hiền"]


def test_ocr_name_published_when_checked_or_written_twice():
    signer = (Signer("KT. Chủ tịch, Phó Chủ tịch", "Trần Phước Hiền"),)
    assert _corroborated_names(signer, ["Trần Phước Hiền"], ())[0].name is None
    assert _corroborated_names(signer, ["Trần Phước Hiền"], ("Trần Phước Hiền",))[0].name == "Trần Phước Hiền"
    assert _corroborated_names(signer, ["PCT Trần Phước Hiền", "Trần Phước Hiền"], ())[0].name == "Trần Phước Hiền"


def test_places_read_by_ocr_are_spelt_as_the_vocabulary_or_null():
    assert vocab.known_place("Thành phó Hô Chí Minh") == "Thành phố Hồ Chí Minh"
    assert vocab.known_place("Quảng Ngãi") == "Quảng Ngãi"
    assert vocab.known_place("Thành phố Hà Chí Minh") is None


def test_signature_beside_a_misread_recipients_header():
    lines = ["Nội dung chỉ thị.", "", "-\\ơiVănnhậnphòng Chính phủ;\tCHỦ TỊCH", "- Bộ Giáo dục;",
             "- Ban Dân vận Tỉnh ủy;\tĐặng Văn Minh", "- Lưu: VT."]
    t = tail.parse(lines, 0)
    assert t.signers == (Signer("Chủ tịch", "Đặng Văn Minh"),)
    assert t.body_end == 2


def test_signature_read_as_letters_between_title_and_name():
    lines = ["Nội dung.", "", "Nơi nhận:\tCHỦ TỊCH", "- Như trên;", "- Sở Nội vụ;\tGọi TƯƯƯYƯƠƯẠỚAN",
             "- Lưu: VT.\tTrần Ngọc Căng"]
    assert tail.parse(lines, 0).signers == (Signer("Chủ tịch", "Trần Ngọc Căng"),)


def test_marks_before_the_first_title_make_it_doubtful():
    # "KT." written by hand and read as marks: "HIỆU TRƯỞNG" is the authority's title, not the signer's
    lines = ["Nội dung.", "", "Nơi nhận:\t⁻. HIỆU TRƯỞNG", "- Như trên;\tNguyễn Văn An"]
    assert tail.parse(lines, 0).signers[0].title is None
    # under an authority line, marks of the seal before the own title are dropped
    lines = ["Nội dung.", "", "Nơi nhận:\tKT. BỘ TRƯỞNG", "- Như trên;\t_._ THỨ TRƯỞNG", "- Lưu: VT.\tLê Văn An"]
    assert tail.parse(lines, 0).signers[0].title == "Thứ trưởng"


def test_a_mark_written_before_a_title_line_makes_it_doubtful():
    words = _line(["HIỆU", "TRƯỞNG"], top=650, x=400)
    marked = ocr_names.marked_titles(words, lambda *box: 400)  # a blue "KT." left of the line
    assert [w.text for w in marked] == [UNCERTAIN, "HIỆU", "TRƯỞNG"]
    assert [w.text for w in ocr_names.marked_titles(words, lambda *box: 0)] == ["HIỆU", "TRƯỞNG"]
    lines = ["Nội dung.", "", "Nơi nhận:\t" + " ".join(w.text for w in marked), "- Như trên;\tNguyễn Văn An"]
    assert tail.parse(lines, 0).signers[0].title is None
    # a line that is no title is left alone ("QUYẾT ĐỊNH" with a tick beside it)
    words = _line(["QUYẾT", "ĐỊNH"], top=200, x=300)
    assert [w.text for w in ocr_names.marked_titles(words, lambda *box: 400)] == ["QUYẾT", "ĐỊNH"]


def test_a_title_stamped_in_colour_and_whitened_makes_the_title_doubtful():
    words = _line(["HIỆU", "TRƯỞNG"], top=650, x=400)
    red_title = ocr_names.marked_titles(words, lambda *box: 0, lambda *box: "Ổ'\nPHÓ HIỆU TRƯỞNG\n")
    assert [w.text for w in red_title] == [UNCERTAIN, "HIỆU", "TRƯỞNG"]
    seal = ocr_names.marked_titles(words, lambda *box: 0, lambda *box: "ỦY BAN NHÂN DÂN\nTỈNH QUẢNG NGÃI")
    assert [w.text for w in seal] == ["HIỆU", "TRƯỞNG"]


def test_a_title_read_again_leaves_the_line_above_alone():
    kt = [Word(t, x, x + 20, 390.5, 404.2, 12.0) for t, x in (("KT.", 402), ("BỘ", 428), ("TRƯỞNG", 450))]
    own = [Word(t, x, x + 30, 402.5, 417.1, 12.0) for t, x in (("THỨ", 409), ("TRƯỞNG", 442))]
    out, _ = _reread(kt + own, ["THỨ TRƯỞNG"] * len(ocr_names.SCALES))
    assert [w.text for w in out] == ["KT.", "BỘ", "TRƯỞNG", "THỨ", "TRƯỞNG"]


def test_a_line_of_marks_over_a_text_line_is_dropped_unless_over_a_slot():
    issuer = [Word(t, x0, x1, 66.5, 95.0, 12.0) for t, x0, x1 in (("TỈNH", 115, 148), ("QUẢNG", 151, 198),
                                                                    ("NGÃI", 202, 236))]
    rule = [Word("Eị-", 147, 158, 76.3, 101.5, 12.0), Word("“diEhu.ll", 162, 201, 76.3, 101.5, 12.0)]
    kept = ocr._without_mark_rows(issuer + rule)
    assert [w.text for w in kept] == ["TỈNH", "QUẢNG", "NGÃI"]
    date = [Word(t, 300 + 40 * i, 335 + 40 * i, 98.9, 126.0, 12.0)
            for i, t in enumerate(["Quảng", "Ngãi,", "ngày", "tháng", "12", "năm", "2024"])]
    scrawl = [Word("@@", 385, 400, 100.0, 124.0, 12.0)]  # a handwritten day read as marks
    assert "@@" in [w.text for w in ocr._without_mark_rows(date + scrawl)]


def test_an_issuer_line_is_mended_only_into_one_the_vocabulary_knows():
    words = _line(["TINH", "QUANG", "NGAÀI"], top=66)
    out, _ = _reread(words, ["TỈNH QUẢNG NGÃI"] * len(ocr_names.SCALES))
    assert " ".join(w.text for w in out) == "TỈNH QUẢNG NGÃI"
    out, _ = _reread(words, ["TỈNH QUẢNG NAM"] * len(ocr_names.SCALES))  # another province: no
    assert " ".join(w.text for w in out) == "TINH QUANG NGAÀI"


def test_ocr_slash_of_v_v_still_makes_a_cong_van():
    from test_header_vectors import convert

    doc = convert("BỘ CÔNG THƯƠNG\tCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nCỤC HÓA CHẤT\tĐộc lập - Tự do - Hạnh phúc\n"
                  "Số: 813/HC-CNHC\tHà Nội, ngày 22 tháng 4 năm 2026\nW⁄v trao đổi về một số quy định\n\n"
                  "Kính gửi: Cục Hải quan\n\nCục Hóa chất có ý kiến như sau về các nội dung nêu trên.\n")
    assert doc.type == "Công văn" and doc.title == "Trao đổi về một số quy định"


def test_mending_an_issuer_line_leaves_the_line_above_whole():
    above = [Word(t, x0, x1, 51.1, 79.7, 12.0) for t, x0, x1 in (("UỶ", 116, 134), ("BAN", 137, 164),
                                                                   ("NHÂN", 167, 205), ("DÂN", 208, 236))]
    words = above + [Word(t, x0, x1, 66.5, 95.0, 12.0) for t, x0, x1 in (("TINH", 115, 148), ("QUANG", 151, 198),
                                                                           ("NGAÀI", 202, 236))]
    out, _ = _reread(words, ["TỈNH QUẢNG NGÃI"] * len(ocr_names.SCALES))
    assert [w.text for w in out] == ["UỶ", "BAN", "NHÂN", "DÂN", "TỈNH", "QUẢNG", "NGÃI"]


def test_ocr_citations_with_a_garbled_code_are_not_listed():
    from converters.layout.metadata import _known_first_code

    assert not _known_first_code("41/QĐĐ-UBND") and not _known_first_code("87/HĐĐĐND-KTNS")
    assert _known_first_code("208/HĐND-KTNS") and _known_first_code("15464/CHQ-GSQL")
    assert _known_first_code("71/2019/NĐ-CP") and _known_first_code("19-CT/TU")


def test_a_misread_so_before_a_ky_hieu_is_still_the_number_slot():
    words = _line(["Sô:⁄11", "/CT-UBND"], top=98)
    assert [w.text for w in ocr_numbers.guard(words)] == ["Số:" + UNCERTAIN, "/CT-UBND"]
    prose = _line(["Sở:", "Tài", "chính"], top=300)  # "Sở" is a department, not "Số"
    assert [w.text for w in ocr_numbers.guard(prose)] == ["Sở:", "Tài", "chính"]
    plain = _line(["Sô:", "liệu"], top=300)  # no ký hiệu follows
    assert [w.text for w in ocr_numbers.guard(plain)][0] == "Sô:"


def test_an_unread_number_keeps_the_printed_year_and_symbol():
    from test_header_vectors import convert

    doc = convert(f"CHÍNH PHỦ\tCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nSố: {UNCERTAIN} /2019/NĐ-CP\t"
                  f"Hà Nội, ngày {UNCERTAIN} tháng 8 năm 2019\n\nNGHỊ ĐỊNH\nQuy định xử phạt vi phạm hành chính\n\n"
                  "Nội dung nghị định được áp dụng trong cả nước.\n")
    assert (doc.number, doc.symbol, doc.type) == (None, "NĐ-CP", "Nghị định")
