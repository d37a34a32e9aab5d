"""DOCX originals: real .docx files built from the samples (tests/fixtures_originals.py)
must give the same front matter as the gold file and the same body as the text export."""
from __future__ import annotations

import io
import zipfile
from functools import lru_cache
from pathlib import Path

import pytest

from conftest import ROOT, SAMPLES
from converters import convert_file, errors, read_source
from converters.frontmatter import front_matter
from fixtures_originals import Seg, gold_failures, originals, similarity  # noqa: F401 (fixture)
from test_gold import CASES, GOLD, check

NAMES = sorted(p.stem for p in SAMPLES.glob("*.txt"))


@lru_cache(maxsize=None)
def txt_doc(stem: str):
    return convert_file(SAMPLES / f"{stem}.txt", ROOT / "sources")


_docs: dict = {}


def docx_doc(originals, stem: str):
    if stem not in _docs:
        _docs[stem] = convert_file(originals.docx(stem), originals.root)
    return _docs[stem]


@pytest.mark.parametrize("name,key", CASES, ids=[f"{n[:3]}-{k}" for n, k in CASES])
def test_docx_gold_field(originals, name, key):
    check(key, front_matter(docx_doc(originals, name[:-4])), GOLD[name][key])


@pytest.mark.parametrize("stem", NAMES, ids=[n[:3] for n in NAMES])
def test_docx_body_matches_text_export(originals, stem, record_property):
    ratio = similarity(txt_doc(stem).body, docx_doc(originals, stem).body)
    record_property("similarity", round(ratio, 4))
    print(f"\nDOCX {stem[:3]} body similarity {ratio:.4f}")
    assert ratio >= 0.95


def test_docx_source_fields(originals):
    doc = docx_doc(originals, NAMES[0])
    assert doc.source.format == "docx"
    assert doc.source.ocr is False
    assert doc.source.path == f"docx/{NAMES[0]}.docx"
    assert front_matter(doc)["source"]["format"] == "docx"


def test_header_table_read_left_column_then_right(originals):
    text = read_source(originals.docx("001_f1675c333ba0a0d8"), originals.root).text
    order = [text.index(s) for s in ("TỈNH ỦY KIÊN GIANG", "Số 111-BC/BDV-BCSĐ", "ĐẢNG CỘNG SẢN VIỆT NAM",
                                     "Rạch Giá, ngày 10 tháng 5 năm 2018", "BÁO CÁO")]
    assert order == sorted(order)
    assert "|" not in text.split("BÁO CÁO")[0]  # a layout table is not a pipe table


def test_word_footnotes_become_marks_and_definitions(originals):
    text = read_source(originals.docx("000_87248a225afa83c7"), originals.root).text
    assert "chính quyền<sup>1</sup> năm 2024" in text
    defs = [ln for ln in text.splitlines() if ln.startswith("<sup>")]
    assert [int(d[5:d.index("</sup>")]) for d in defs] == list(range(1, 13))
    assert defs[0].startswith("<sup>1</sup> Kết luận số 114-KL/TW")
    # the group sits before the signature block and "Nơi nhận", so the body keeps it
    assert text.index("<sup>12</sup> Theo Báo cáo") < text.index("Nơi nhận")
    doc = docx_doc(originals, "000_87248a225afa83c7")
    assert doc.footnotes == 12


def test_unreferenced_word_footnote_is_still_published(originals):
    # sample 001: note 9 has no reference mark; in the DOCX it is an unreferenced
    # entry of word/footnotes.xml, which Word itself would hide
    text = read_source(originals.docx("001_f1675c333ba0a0d8"), originals.root).text
    assert "<sup>9</sup> Xây dựng 01 cây cầu Kênh HN3" in text
    assert "<sup>9</sup>" not in text.split("<sup>1</sup> Gồm các huyện")[0].replace(
        "<sup>9</sup> Xây", "")  # no invented reference
    assert "Xây dựng 01 cây cầu Kênh HN3" in docx_doc(originals, "001_f1675c333ba0a0d8").body


def test_headings_bold_lists_and_line_breaks(originals):
    text = read_source(originals.docx("000_87248a225afa83c7"), originals.root).text
    assert "\n### 3. Thể chế hoá đường lối" in text  # Heading 3 style
    assert "\n**1. Công tác chỉ đạo, tuyên truyền và triển khai thực hiện**\n" in text  # bold-only
    text3 = read_source(originals.docx("003_9be56f4e2d685a6a"), originals.root).text
    assert "\n- Sở Nội vụ;\n" in text3  # List Bullet
    assert "**KT. CHÁNH VĂN PHÒNG\nPHÓ VĂN PHÒNG**" in text3  # a hand-made line break
    text1 = read_source(originals.docx("001_f1675c333ba0a0d8"), originals.root).text
    assert "ĐẾN\tSố: 1789" in text1  # tabs of the received stamp
    assert "*Tuy nhiên*," in text1  # italic run


def _small_docx(tmp_path: Path, build) -> Path:
    import docx

    d = docx.Document()
    d.add_paragraph("Số: 12/BC-UBND")
    d.add_paragraph("Kiên Giang, ngày 02 tháng 3 năm 2024")
    p = d.add_paragraph()
    p.add_run("BÁO CÁO").bold = True
    p.alignment = 1
    p = d.add_paragraph()
    p.add_run("Kết quả thực hiện công tác dân vận năm 2023").bold = True
    p.alignment = 1
    build(d)
    path = tmp_path / "small.docx"
    d.save(str(path))
    return path


def test_indicator_table_becomes_pipe_table(tmp_path):
    def build(d):
        d.add_paragraph("Kết quả các chỉ tiêu như sau:")
        t = d.add_table(rows=3, cols=3)
        t.style = "Table Grid"
        for r, row in enumerate([("TT", "Chỉ tiêu", "Kết quả"), ("1", "Hồ sơ đúng hạn", "98%"),
                                 ("2", "Dịch vụ công | trực tuyến", "656")]):
            for c, value in enumerate(row):
                t.cell(r, c).text = value
        d.add_paragraph("Trên đây là báo cáo.")

    path = _small_docx(tmp_path, build)
    text = read_source(path, tmp_path).text
    assert "| TT | Chỉ tiêu | Kết quả |\n| --- | --- | --- |\n| 1 | Hồ sơ đúng hạn | 98% |" in text
    assert "| 2 | Dịch vụ công \\| trực tuyến | 656 |" in text


def test_body_cleaner_keeps_pipe_tables(tmp_path):
    def build(d):
        t = d.add_table(rows=2, cols=3)
        t.style = "Table Grid"
        for r, row in enumerate([("TT", "Chỉ tiêu", "Kết quả"), ("1", "Hồ sơ đúng hạn", "98%")]):
            for c, value in enumerate(row):
                t.cell(r, c).text = value

    body = convert_file(_small_docx(tmp_path, build), tmp_path).body
    assert "| TT | Chỉ tiêu | Kết quả |\n| --- | --- | --- |\n| 1 | Hồ sơ đúng hạn | 98% |" in body, body


def test_superscript_run_and_numbered_list(tmp_path):
    def build(d):
        p = d.add_paragraph("Diện tích 25 m")
        p.add_run("2").font.superscript = True
        p.add_run(" đất.")
        d.add_paragraph("Việc thứ nhất", style="List Number")
        d.add_paragraph("Việc thứ hai", style="List Number")

    text = read_source(_small_docx(tmp_path, build), tmp_path).text
    assert "Diện tích 25 m<sup>2</sup> đất." in text
    assert "1. Việc thứ nhất" in text and "2. Việc thứ hai" in text


def test_header_typed_with_tab_stops(tmp_path):
    import docx

    d = docx.Document()
    for line in ("ỦY BAN NHÂN DÂN\tCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "TỈNH KIÊN GIANG\tĐộc lập - Tự do - Hạnh phúc",
                 "Số: 103/KH-UBND\tKiên Giang, ngày 12 tháng 4 năm 2024"):
        d.add_paragraph(line)
    d.add_paragraph().add_run("KẾ HOẠCH").bold = True
    d.add_paragraph().add_run("Thực hiện công tác dân vận năm 2024").bold = True
    d.add_paragraph("Nhằm tổ chức triển khai thực hiện tốt công tác dân vận chính quyền.")
    path = tmp_path / "tabs.docx"
    d.save(str(path))
    text = read_source(path, tmp_path).text
    assert text.startswith("ỦY BAN NHÂN DÂN\n\nTỈNH KIÊN GIANG\n\nSố: 103/KH-UBND\n\nCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM")
    front = front_matter(convert_file(path, tmp_path))
    assert (front["type"], front["number"], front["issued"]) == ("Kế hoạch", "103/KH-UBND", "2024-04-12")
    assert front["units"] == ["Ủy ban nhân dân tỉnh Kiên Giang"]


def test_signature_table_after_the_body(tmp_path):
    """The usual closing table: "Nơi nhận" list on the left, the signature on the right."""
    def build(d):
        d.add_paragraph("Văn phòng báo cáo kết quả công tác dân vận năm 2023. Đã hoàn thành các nhiệm vụ.")
        t = d.add_table(rows=1, cols=2)
        left, right = t.cell(0, 0), t.cell(0, 1)
        left.text = "Nơi nhận:"
        left.add_paragraph("- Sở Nội vụ;")
        left.add_paragraph("- Lưu: VT.")
        right.paragraphs[0].add_run("KT. CHÁNH VĂN PHÒNG").bold = True
        right.add_paragraph().add_run("PHÓ VĂN PHÒNG").bold = True
        right.add_paragraph().add_run("Nguyễn Cửu").bold = True

    front = front_matter(convert_file(_small_docx(tmp_path, build), tmp_path))
    assert front["recipients"] == ["Sở Nội vụ", "Lưu: VT"]
    assert front["signers"] == [{"role": "KT. Chánh Văn phòng, Phó Văn phòng", "name": "Nguyễn Cửu"}]


def test_signature_table_with_a_spacer_column_and_bordered(tmp_path):
    """A bordered closing table of three columns (list, spacer, signature) is still the
    closing, not a data table."""
    def build(d):
        d.add_paragraph("Văn phòng báo cáo kết quả công tác dân vận năm 2023. Đã hoàn thành các nhiệm vụ.")
        t = d.add_table(rows=1, cols=3)
        t.style = "Table Grid"
        left, right = t.cell(0, 0), t.cell(0, 2)
        left.text = "Nơi nhận:"
        left.add_paragraph("- Sở Nội vụ;")
        left.add_paragraph("- Lưu: VT.")
        right.paragraphs[0].add_run("CHỦ TỊCH").bold = True
        right.add_paragraph().add_run("Nguyễn Minh Dũng").bold = True

    front = front_matter(convert_file(_small_docx(tmp_path, build), tmp_path))
    assert front["recipients"] == ["Sở Nội vụ", "Lưu: VT"]
    assert front["signers"] == [{"role": "Chủ tịch", "name": "Nguyễn Minh Dũng"}]


def test_title_in_several_bold_paragraphs(tmp_path):
    """Every subject line under the type line is the title, ";" at a line end included."""
    import docx

    d = docx.Document()
    d.add_paragraph("Số:      /NQ-HĐND")
    d.add_paragraph("Vĩnh Long, ngày      tháng      năm 2026")
    for text in ("NGHỊ QUYẾT", "Ban hành quy định chính sách hỗ trợ đào tạo cán bộ, công chức;",
                 "thu hút nguồn nhân lực chất lượng cao tỉnh Vĩnh Long", "giai đoạn 2026 - 2030"):
        p = d.add_paragraph()
        p.add_run(text).bold = True
        p.alignment = 1
    d.add_paragraph("Căn cứ Luật Tổ chức chính quyền địa phương số 72/2025/QH15;")
    path = tmp_path / "title.docx"
    d.save(str(path))
    assert convert_file(path, tmp_path).title == (
        "Ban hành quy định chính sách hỗ trợ đào tạo cán bộ, công chức; thu hút nguồn nhân lực "
        "chất lượng cao tỉnh Vĩnh Long giai đoạn 2026-2030")


@pytest.mark.parametrize("content,why", [
    (b"PK\x03\x04 this is not really a zip", "broken zip"),
    (b"plain text pretending to be docx", "not a zip"),
])
def test_corrupt_docx_is_one_line_error_naming_the_file(tmp_path, content, why):
    path = tmp_path / "hong.docx"
    path.write_bytes(content)
    with pytest.raises(errors.ConversionError) as info:
        convert_file(path, tmp_path)
    message = str(info.value)
    assert "\n" not in message and str(path) in message, why


def test_zip_without_word_document(tmp_path):
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as z:
        z.writestr("hello.txt", "xin chào")
    path = tmp_path / "rong.docx"
    path.write_bytes(buf.getvalue())
    with pytest.raises(errors.UnreadableFile) as info:
        convert_file(path, tmp_path)
    assert str(path) in str(info.value)


def test_cli_inspect_docx(originals, capsys):
    import json

    from minhbach.cli import main

    assert main(["inspect", str(originals.docx("004_8f1432702b8498b4"))]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["type"] == "Kế hoạch" and data["symbol"] == "KH-UBND"
    assert data["source"]["format"] == "docx"


def test_cli_inspect_corrupt_docx(tmp_path, capsys):
    from minhbach.cli import main

    path = tmp_path / "hong.docx"
    path.write_bytes(b"PK\x03\x04garbage")
    assert main(["inspect", str(path)]) != 0
    err = capsys.readouterr().err.strip()
    assert len(err.splitlines()) == 1 and "hong.docx" in err
