"""Header / tail / inference test vectors: short report texts written from the
layout rules (shared/reference/vn-document-layout.md: NĐ 30/2020 Phụ lục I,
HD 36-HD/VPTW, the 2025 merger table) in the shapes real exports take. Each
vector asserts exact field values of the converted Document (pelican-style
table: one text, the fields it must give)."""
from __future__ import annotations

import unicodedata

import pytest

from converters import layout
from converters.document import Period, Signer, Source, SourceText

BODY = ("Trong thời gian qua, các cơ quan đã triển khai thực hiện nghiêm túc công tác dân vận "
        "chính quyền, gắn với cải cách hành chính.\n\n"
        "Trên đây là báo cáo kết quả thực hiện./.")

VECTORS = [
    pytest.param(
        # Party document: HD 36 header, "Số" without colon, "*" under the agency, K/T signature
        """BAN CHẤP HÀNH TRUNG ƯƠNG
VĂN PHÒNG
*
ĐẢNG CỘNG SẢN VIỆT NAM
Số 36-HD/VPTW
Hà Nội, ngày 03 tháng 4 năm 2018

HƯỚNG DẪN
về thể thức và kỹ thuật trình bày văn bản của Đảng

""" + BODY + """

K/T CHÁNH VĂN PHÒNG
PHÓ CHÁNH VĂN PHÒNG

Nguyễn Văn An

Nơi nhận:
- Các tỉnh ủy, thành ủy,
- Lưu Văn phòng Trung ương Đảng.
""",
        dict(type="Hướng dẫn", number="36-HD/VPTW", symbol="HD/VPTW", place="Hà Nội",
             issued="2018-04-03", province=None, province_2025=None,
             units=("Văn phòng Trung ương Đảng",),
             title="Về thể thức và kỹ thuật trình bày văn bản của Đảng",
             signers=(Signer("K/T Chánh Văn phòng, Phó Chánh Văn phòng", "Nguyễn Văn An"),),
             recipients=("Các tỉnh ủy, thành ủy", "Lưu Văn phòng Trung ương Đảng")),
        id="party-36-HD-VPTW"),
    pytest.param(
        # công văn: no type line, "V/v" subject over two lines, "Kính gửi", stacked TM./KT. signature
        """ỦY BAN NHÂN DÂN
TỈNH NGHỆ AN
CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
Độc lập - Tự do - Hạnh phúc
Số: 12/UBND-VX
V/v tăng cường công tác dân vận
chính quyền năm 2024
Nghệ An, ngày 05 tháng 01 năm 2024

Kính gửi:
- Sở Nội vụ;
- UBND các huyện, thành phố.

""" + BODY + """

Nơi nhận:
- Như trên;
- Lưu: VT, VX.

TM. ỦY BAN NHÂN DÂN
KT. CHỦ TỊCH
PHÓ CHỦ TỊCH



Lê Văn Bình
""",
        dict(type="Công văn", number="12/UBND-VX", symbol="UBND-VX", place="Nghệ An",
             issued="2024-01-05", province="Nghệ An", province_2025="Nghệ An",
             units=("Ủy ban nhân dân tỉnh Nghệ An",),
             title="Tăng cường công tác dân vận chính quyền năm 2024",
             period=Period("năm 2024", "2024-01-01", "2024-12-31"),
             signers=(Signer("TM. Ủy ban nhân dân, KT. Chủ tịch, Phó Chủ tịch", "Lê Văn Bình"),),
             recipients=("Như trên", "Lưu: VT, VX"),
             body_starts_with="Kính gửi"),
        id="cong-van-vv-kinh-gui"),
    pytest.param(
        # normative number N/YYYY/TYPE-ISSUER, after the 2025 merger ("An Giang")
        """ỦY BAN NHÂN DÂN
TỈNH AN GIANG
-------
CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
Độc lập - Tự do - Hạnh phúc
---------------
Số: 35/2025/QĐ-UBND
An Giang, ngày 15 tháng 8 năm 2025

QUYẾT ĐỊNH
Ban hành Quy chế công tác dân vận của cơ quan hành chính nhà nước
-----------

""" + BODY + """

TM. ỦY BAN NHÂN DÂN
CHỦ TỊCH

Hồ Văn Mừng

Nơi nhận:
- Bộ Nội vụ;
- Lưu: VT.
""",
        dict(type="Quyết định", number="35/2025/QĐ-UBND", symbol="QĐ-UBND", place="An Giang",
             issued="2025-08-15", province="An Giang", province_2025="An Giang",
             units=("Ủy ban nhân dân tỉnh An Giang",),
             title="Ban hành Quy chế công tác dân vận của cơ quan hành chính nhà nước",
             signers=(Signer("TM. Ủy ban nhân dân, Chủ tịch", "Hồ Văn Mừng"),),
             recipients=("Bộ Nội vụ", "Lưu: VT")),
        id="normative-2025-an-giang"),
    pytest.param(
        # a post-merger Party document of a former Kiên Giang body: place is the old capital
        """ĐẢNG BỘ TỈNH AN GIANG
BAN DÂN VẬN TỈNH ỦY
*
ĐẢNG CỘNG SẢN VIỆT NAM
Rạch Giá, ngày 02 tháng 9 năm 2025
Số 05-BC/BDVTU

BÁO CÁO
Kết quả công tác dân vận 9 tháng năm 2025

""" + BODY + """

Nơi nhận:
- Ban Dân vận Trung ương,
- Lưu.

TRƯỞNG BAN
""",
        dict(type="Báo cáo", number="05-BC/BDVTU", symbol="BC/BDVTU", place="Rạch Giá",
             issued="2025-09-02", province="An Giang", province_2025="An Giang",
             units=("Ban Dân vận Tỉnh ủy An Giang",),
             period=Period("9 tháng năm 2025", "2025-01-01", "2025-09-30"),
             signers=(Signer("Trưởng ban", None),), recipients=("Ban Dân vận Trung ương", "Lưu")),
        id="party-post-merger-capital-place"),
    pytest.param(
        # joint Party report, co-issuers joined by a trailing "-", unsigned draft blocks
        # before "Nơi nhận", glued "CÁNSỰ", blank number
        """TỈNH ỦY NGHỆ AN
BAN DÂN VẬN -
BAN CÁNSỰ ĐẢNG UBND TỈNH
ĐẢNG CỘNG SẢN VIỆT NAM
Vinh, ngày 20 tháng 12 năm 2022
Số    -BC/BDV-BCSĐ

BÁO CÁO
Tổng kết công tác phối hợp giai đoạn 2016- 2021

""" + BODY + """

T/M BAN CÁN SỰ ĐẢNG UBND TỈNH
BÍ THƯ

BAN DÂN VẬN TỈNH ỦY
TRƯỞNG BAN

Nơi nhận:
- Ban Dân vận Trung ương,
- Lưu.
""",
        dict(type="Báo cáo", number=None, symbol="BC/BDV-BCSĐ", place="Vinh", issued="2022-12-20",
             province="Nghệ An", province_2025="Nghệ An",
             units=("Ban Dân vận Tỉnh ủy Nghệ An", "Ban cán sự đảng UBND tỉnh Nghệ An"),
             title="Tổng kết công tác phối hợp giai đoạn 2016-2021",
             period=Period("giai đoạn 2016-2021", "2016-01-01", "2021-12-31"),
             signers=(Signer("T/M Ban cán sự đảng UBND tỉnh, Bí thư", None),
                      Signer("Ban Dân vận Tỉnh ủy, Trưởng ban", None)),
             recipients=("Ban Dân vận Trung ương", "Lưu"),
             body_ends_with="Trên đây là báo cáo kết quả thực hiện./."),
        id="joint-party-draft"),
    pytest.param(
        # central ministry in Hà Nội: no province; quý I/2024; signature before Nơi nhận
        """BỘ NỘI VỤ
CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
Độc lập - Tự do - Hạnh phúc
Số: 120/BC-BNV
Hà Nội, ngày 10 tháng 4 năm 2024

BÁO CÁO
Kết quả công tác dân vận chính quyền quý I/2024

""" + BODY + """

KT. BỘ TRƯỞNG
THỨ TRƯỞNG

Trần Văn Cường

Nơi nhận:
- Thủ tướng Chính phủ (để b/c);
- Lưu: VT, CQĐP.
""",
        dict(type="Báo cáo", number="120/BC-BNV", symbol="BC-BNV", place="Hà Nội", issued="2024-04-10",
             province=None, province_2025=None, units=("Bộ Nội vụ",),
             period=Period("quý I/2024", "2024-01-01", "2024-03-31"),
             signers=(Signer("KT. Bộ trưởng, Thứ trưởng", "Trần Văn Cường"),),
             recipients=("Thủ tướng Chính phủ (để b/c)", "Lưu: VT, CQĐP")),
        id="central-ministry"),
    pytest.param(
        # two-column header as a pipe table with bold/italic markers; signature in a table too
        """| **UBND TỈNH HÀ NAM** | **CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM** |
| --- | --- |
| **SỞ NỘI VỤ** | **Độc lập - Tự do - Hạnh phúc** |
| Số: 45/BC-SNV | *Hà Nam, ngày 12 tháng 6 năm 2024* |

**BÁO CÁO**
**Kết quả thực hiện công tác dân vận chính quyền**
**6 tháng đầu năm 2024**

""" + BODY + """

| **Nơi nhận:** | **GIÁM ĐỐC** |
| --- | --- |
| - UBND tỉnh; | |
| - Lưu: VT. | **Phạm Thị Hoa** |
""",
        dict(type="Báo cáo", number="45/BC-SNV", symbol="BC-SNV", place="Hà Nam", issued="2024-06-12",
             province="Hà Nam", province_2025="Ninh Bình", units=("Sở Nội vụ tỉnh Hà Nam",),
             title="Kết quả thực hiện công tác dân vận chính quyền 6 tháng đầu năm 2024",
             period=Period("6 tháng đầu năm 2024", "2024-01-01", "2024-06-30"),
             signers=(Signer("Giám đốc", "Phạm Thị Hoa"),), recipients=("UBND tỉnh", "Lưu: VT")),
        id="pipe-table-header"),
    pytest.param(
        # agency name wrapped mid-name, date split over two lines with double spaces,
        # type line as a Markdown heading, subject as a bold heading
        """ỦY BAN NHÂN
DÂN
TỈNH KIÊN GIANG

Số:  215/KH-UBND

Kiên Giang,  ngày  21
tháng  11  năm  2024

## KẾ HOẠCH

### **Thực hiện công tác dân vận chính quyền năm 2025**

""" + BODY + """

Nơi nhận:
- Các sở, ban, ngành;
- Lưu: VT.

KT. CHỦ TỊCH
PHÓ CHỦ TỊCH

Nguyễn Lưu Trung
""",
        dict(type="Kế hoạch", number="215/KH-UBND", symbol="KH-UBND", place="Kiên Giang",
             issued="2024-11-21", province="Kiên Giang", province_2025="An Giang",
             units=("Ủy ban nhân dân tỉnh Kiên Giang",),
             title="Thực hiện công tác dân vận chính quyền năm 2025",
             period=Period("năm 2025", "2025-01-01", "2025-12-31"),
             signers=(Signer("KT. Chủ tịch, Phó Chủ tịch", "Nguyễn Lưu Trung"),)),
        id="wrapped-agency-split-date"),
    pytest.param(
        # old-style tone placement (UỶ, HOÀ) in agency, motto and place
        """UỶ BAN NHÂN DÂN
TỈNH KHÁNH HOÀ
CỘNG HOÀ XÃ HỘI CHỦ NGHĨA VIỆT NAM
Độc lập - Tự do - Hạnh phúc
Số: /BC-UBND
Khánh Hoà, ngày tháng 3 năm 2024

BÁO CÁO
Kết quả thực hiện Quy chế dân chủ ở cơ sở năm 2023

""" + BODY + """

Nơi nhận:
- Bộ Nội vụ;
- Lưu: VT.

TM. UỶ BAN NHÂN DÂN
CHỦ TỊCH
""",
        dict(type="Báo cáo", number=None, symbol="BC-UBND", place="Khánh Hoà", issued="2024-03",  # as printed
             province="Khánh Hòa", province_2025="Khánh Hòa", units=("Ủy ban nhân dân tỉnh Khánh Hòa",),
             period=Period("năm 2023", "2023-01-01", "2023-12-31"),
             signers=(Signer("TM. Ủy ban nhân dân, Chủ tịch", None),)),
        id="old-tone-spellings"),
    pytest.param(
        # no agency lines; issuer code SYT is not corroborated by the text → no unit
        # (never guess); province from the text; "từ năm 2020 đến nay" ends at the issue date
        """Số: 17/BC-SYT

Quảng Bình, ngày 04 tháng 3 năm 2024

BÁO CÁO
Kết quả công tác dân vận

Theo chức năng, nhiệm vụ được giao, từ năm 2020 đến nay, ngành đã triển khai nhiều
nội dung trên địa bàn tỉnh Quảng Bình.

Nơi nhận:
- Lưu: VT.

GIÁM ĐỐC
""",
        dict(type="Báo cáo", number="17/BC-SYT", symbol="BC-SYT", units=(), province="Quảng Bình",
             province_2025="Quảng Trị", place="Quảng Bình", issued="2024-03-04",
             period=Period("từ năm 2020 đến nay", "2020", "2024-03-04")),
        id="code-not-corroborated"),
]


def test_one_line_columns_and_appendix_after_signature():
    """Agency and motto on one line, number and date on one line (a two-column
    header exported row by row); an appendix after the signature stays in the body."""
    doc = convert("""UBND TỈNH KIÊN GIANG    CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
SỞ NGOẠI VỤ    Độc lập - Tự do - Hạnh phúc
Số: 25/BC-SNgV    Kiên Giang, ngày 10 tháng 5 năm 2024

BÁO CÁO
Kết quả công tác dân vận chính quyền năm 2023

""" + BODY + """

Nơi nhận:
- Sở Nội vụ;
- Lưu: VT.

GIÁM ĐỐC

Lê Minh Tâm

PHỤ LỤC
Danh sách các văn bản đã ban hành trong năm 2023, kèm theo Báo cáo số 25/BC-SNgV
""")
    assert (doc.number, doc.symbol, doc.place, doc.issued) == ("25/BC-SNgV", "BC-SNgV", "Kiên Giang", "2024-05-10")
    assert doc.units == ("Sở Ngoại vụ tỉnh Kiên Giang",)
    assert doc.signers == (Signer("Giám đốc", "Lê Minh Tâm"),)
    assert doc.recipients == ("Sở Nội vụ", "Lưu: VT")
    assert "PHỤ LỤC" in doc.body and "Danh sách các văn bản" in doc.body
    assert "Lê Minh Tâm" not in doc.body and "Nơi nhận" not in doc.body
    assert doc.cites == ()  # its own number is not a citation


def test_capitals_title_and_type_line_with_extra_words():
    doc = convert("""UBND TỈNH HÀ NAM
SỞ THÔNG TIN VÀ TRUYỀN THÔNG
Số: 40/BC-STTTT
Hà Nam, ngày 02 tháng 10 năm 2023

BÁO CÁO TÓM TẮT
KẾT QUẢ TRIỂN KHAI THỰC HIỆN CHỈ THỊ SỐ 19-CT/TU CỦA TỈNH ỦY
VỀ CÔNG TÁC DÂN VẬN CỦA CHÍNH QUYỀN

""" + BODY)
    assert doc.type == "Báo cáo"
    assert doc.title == ("Kết quả triển khai thực hiện Chỉ thị số 19-CT/TU của Tỉnh ủy "
                         "về công tác dân vận của chính quyền")
    assert doc.units == ("Sở Thông tin và Truyền thông tỉnh Hà Nam",)
    assert any("TÓM TẮT" in w for w in doc.warnings)
    assert doc.cites == ("19-CT/TU",)


@pytest.mark.parametrize("title,issued,period", [
    ("Kết quả thực hiện công tác dân vận chính quyền 6 tháng đầu năm 2024", "2024-05",
     Period("6 tháng đầu năm 2024", "2024-01-01", "2024-06-30")),
    ("Kết quả 6 tháng đầu năm và phương hướng, nhiệm vụ 6 tháng cuối năm 2024", "2024",
     Period("6 tháng đầu năm", "2024-01-01", "2024-06-30")),
    ("Kết quả công tác dân vận 9 tháng năm 2025", "2025", Period("9 tháng năm 2025", "2025-01-01", "2025-09-30")),
    ("Kết quả công tác cải cách hành chính quý II năm 2024", "2024",
     Period("quý II năm 2024", "2024-04-01", "2024-06-30")),
    ("Công tác dân vận năm 2023 và phương hướng, nhiệm vụ năm 2024", "2024",
     Period("năm 2023", "2023-01-01", "2023-12-31")),
    ("Sơ kết 02 năm thực hiện Chương trình số 18-CTr/TU ngày 29/02/2020", "2022",
     Period("02 năm thực hiện Chương trình số 18-CTr/TU ngày 29/02/2020", "2020-02-29", "2022-02-28")),
    ("Sơ kết 01 năm thực hiện Chương trình phối hợp về công tác dân vận năm 2017, giai đoạn 2016- 2021", "2018",
     Period("năm 2017", "2017-01-01", "2017-12-31")),
    ("Tổng kết thực hiện Chương trình phối hợp giai đoạn 2021 - 2025", "2025",
     Period("giai đoạn 2021-2025", "2021-01-01", "2025-12-31")),
    ("Kết quả triển khai Chỉ thị số 19-CT/TU ngày 16 tháng 10 năm 2013", "2023-10-02", None),
])
def test_period_from_title(title, issued, period):
    from converters.extract import dates
    assert dates.period(title, "", issued) == period


def test_period_from_text_ends_at_issue_date():
    from converters.extract import dates
    text = "Theo chức năng, nhiệm vụ được giao, từ tháng 11 năm 2013 đến nay, Sở đã thực hiện"
    assert dates.period("Kết quả triển khai Chỉ thị số 19-CT/TU", text, "2023") == \
        Period("từ tháng 11 năm 2013 đến nay", "2013-11", "2023")


def convert(text: str):
    st = SourceText(Source("vector.txt", "0" * 64, "txt"), text)
    return layout.parse(st)


def _checks(doc) -> list[str]:
    """The document's warnings other than those saying a field is null (no signer's
    name, no issuer), which each vector's expected values state."""
    from converters import errors
    known = {errors.unsigned("vector"), errors.no_issuer("vector")}
    assert (errors.unsigned("vector") in doc.warnings) == (not any(s.name for s in doc.signers))
    assert (errors.no_issuer("vector") in doc.warnings) == (not doc.units)
    return [w for w in doc.warnings if w not in known]


@pytest.mark.parametrize("text,expected", VECTORS)
def test_vector(text, expected):
    doc = convert(text)
    expected = dict(expected)
    starts = expected.pop("body_starts_with", None)
    ends = expected.pop("body_ends_with", None)
    got = {key: getattr(doc, key) for key in expected}
    assert got == expected
    assert not _checks(doc), doc.warnings
    text = "\n".join(line for line in doc.body.splitlines() if not line.startswith("{:")).strip()
    if starts:
        assert text.startswith(starts), text[:200]
    if ends:
        assert text.endswith(ends), text[-200:]
    # nothing of the closing region leaks into the body
    assert "Nơi nhận" not in doc.body


@pytest.mark.parametrize("text,expected", VECTORS)
def test_vector_nfd_input_gives_the_same_document(text, expected):
    nfd = unicodedata.normalize("NFD", text)
    a, b = convert(text), convert(nfd)
    assert {k: getattr(b, k) for k in expected if hasattr(b, k)} == \
        {k: getattr(a, k) for k in expected if hasattr(a, k)}
    assert b.title == a.title and b.units == a.units and b.signers == a.signers


@pytest.mark.parametrize("number_line,motto,type_", [
    ("Số: 05/2020/TT-BNV", "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Thông tư"),
    ("Số 12-TT/TU", "ĐẢNG CỘNG SẢN VIỆT NAM", "Thông tri"),
])
def test_type_code_tt_depends_on_the_system(number_line, motto, type_):
    doc = convert(f"""{motto}
{number_line}
Hà Nội, ngày 04 tháng 3 năm 2020

""" + BODY)
    assert doc.type == type_


def test_unknown_type_code_is_reported():
    doc = convert("""Số: 9/XYZ-UBND
Kiên Giang, ngày 04 tháng 3 năm 2024

BÁO CÁO
Kết quả công tác dân vận

""" + BODY)
    assert doc.type == "Báo cáo"
    assert any("XYZ" in w for w in doc.warnings), doc.warnings


def test_wrapped_quoc_hieu_and_academic_title_before_name():
    doc = convert("""SỞ Y TẾ
CỘNG HÒA XÃ HỘI CHỦ NGHĨA
VIỆT NAM
Độc lập - Tự do - Hạnh phúc
Số: 88/BC-SYT
Cà Mau, ngày 04 tháng 3 năm 2024

BÁO CÁO
Kết quả công tác dân vận của Sở Y tế năm 2023

""" + BODY + """

Nơi nhận:
- Lưu: VT.

GIÁM ĐỐC

TS. Lâm Văn Hùng
""")
    assert doc.units == ("Sở Y tế tỉnh Cà Mau",)
    assert doc.province == "Cà Mau" and doc.province_2025 == "Cà Mau"
    assert doc.signers == (Signer("Giám đốc", "TS. Lâm Văn Hùng"),)
    assert "Lâm Văn Hùng" not in doc.body


def test_recipients_without_dashes():
    doc = convert("""SỞ Y TẾ
Số: 88/BC-SYT
Cà Mau, ngày 04 tháng 3 năm 2024

BÁO CÁO
Kết quả công tác dân vận năm 2023

""" + BODY + """

Nơi nhận:
Như trên;
Sở Nội vụ;
Lưu: VT.

KT. GIÁM ĐỐC
PHÓ GIÁM ĐỐC

Lý Thị Mai
""")
    assert doc.recipients == ("Như trên", "Sở Nội vụ", "Lưu: VT")
    assert doc.signers == (Signer("KT. Giám đốc, Phó Giám đốc", "Lý Thị Mai"),)
    assert "Như trên" not in doc.body


def test_unknown_type_name_is_reported_not_accepted():
    doc = convert("""ỦY BAN NHÂN DÂN
TỈNH KIÊN GIANG
Số: 9/BCN-UBND
Kiên Giang, ngày 04 tháng 3 năm 2024

BẢN CÔNG NHẬN
Kết quả công tác dân vận

""" + BODY)
    assert doc.type is None
    assert doc.title == "Kết quả công tác dân vận"
    assert any("BẢN CÔNG NHẬN" in w for w in doc.warnings), doc.warnings
    assert any("BCN" in w for w in doc.warnings), doc.warnings


def test_missing_type_line_is_reported_and_type_taken_from_code():
    doc = convert("""ỦY BAN NHÂN DÂN
TỈNH KIÊN GIANG
Số: 9/KH-UBND
Kiên Giang, ngày 04 tháng 3 năm 2024

""" + BODY)
    assert doc.type == "Kế hoạch"
    assert doc.title is None
    assert doc.warnings


@pytest.mark.parametrize("agency,place,units,province", [
    # a municipal body in Hà Nội is local (not central): province Hà Nội, "thành phố"
    ("UBND THÀNH PHỐ HÀ NỘI\nSỞ NỘI VỤ", "Hà Nội", ("Sở Nội vụ thành phố Hà Nội",), "Hà Nội"),
    ("ỦY BAN NHÂN DÂN\nTHÀNH PHỐ HỒ CHÍ MINH", "Thành phố Hồ Chí Minh",
     ("Ủy ban nhân dân thành phố Hồ Chí Minh",), "Hồ Chí Minh"),
    # Party central body: no province
    ("BAN CHẤP HÀNH TRUNG ƯƠNG\nBAN DÂN VẬN\n*", "Hà Nội", ("Ban Dân vận Trung ương Đảng",), None),
    ("BAN DÂN VẬN TRUNG ƯƠNG", "Hà Nội", ("Ban Dân vận Trung ương",), None),
    # a district body keeps its own name; the province comes from the text
    ("UBND HUYỆN KIÊN HẢI", "Kiên Hải", ("UBND huyện Kiên Hải",), "Kiên Giang"),
    # a Party provincial committee; place is the capital
    ("ĐẢNG BỘ TỈNH THANH HÓA\nTỈNH ỦY", "Thanh Hóa", ("Tỉnh ủy Thanh Hóa",), "Thanh Hóa"),
    ("TỈNH UỶ ĐỒNG THÁP\nBAN DÂN VẬN", "Cao Lãnh", ("Ban Dân vận Tỉnh ủy Đồng Tháp",), "Đồng Tháp"),
])
def test_units_and_province(agency, place, units, province):
    doc = convert(f"""{agency}
Số: 5/BC-X
{place}, ngày 04 tháng 3 năm 2024

BÁO CÁO
Kết quả công tác dân vận

Trên địa bàn tỉnh Kiên Giang, công tác dân vận được triển khai thực hiện nghiêm túc trong năm.
""")
    assert (doc.units, doc.province) == (units, province)


def test_received_stamp_above_the_header_is_lifted_by_the_header():
    from converters.document import Stamp
    doc = convert("""UBND HUYỆN KIÊN HẢI
ĐẾN	Số: 1789
	Ngày: 11/6/2018
Chuyển:	.....
Lưu hồ sơ số:	.....

ỦY BAN NHÂN DÂN
TỈNH KIÊN GIANG
Số: 120/KH-UBND
Kiên Giang, ngày 04 tháng 6 năm 2018

KẾ HOẠCH
Thực hiện công tác dân vận chính quyền năm 2018

""" + BODY)
    assert doc.units == ("Ủy ban nhân dân tỉnh Kiên Giang",)
    assert doc.stamp == Stamp("UBND huyện Kiên Hải", "1789", "2018-06-11")
    assert "1789" not in doc.body and "KIÊN HẢI" not in doc.body.upper()


def test_header_without_type_line_stops_at_the_first_sentence():
    doc = convert("""Số: 9/BC-UBND
Kiên Giang, ngày 04 tháng 3 năm 2024

Ủy ban nhân dân tỉnh báo cáo kết quả thực hiện công tác dân vận chính quyền như sau:

I. KẾT QUẢ THỰC HIỆN

""" + BODY)
    assert doc.type == "Báo cáo" and doc.title is None
    assert doc.units == ("Ủy ban nhân dân tỉnh Kiên Giang",)
    assert "Ủy ban nhân dân tỉnh báo cáo" in doc.body and "KẾT QUẢ THỰC HIỆN" in doc.body


def test_text_without_any_header_is_not_a_report():
    from converters import errors
    with pytest.raises(errors.NotAReport):
        convert("Một đoạn văn bản không có phần đầu.\n\nĐoạn thứ hai.")


@pytest.mark.parametrize("text,cites", [
    ("Chỉ thị số 33/CT-TTg ngày 26/11/2021 của Thủ tướng", ("33/CT-TTg",)),
    ("Chỉ thị số 19-\n\nCT/TU của Tỉnh ủy", ("19-CT/TU",)),
    ("Chương trình số 18-CTr/BCSDUBND-BDVTU và 18-CTr/BCSĐUBND-BDVTU", ("18-CTr/BCSĐUBND-BDVTU",)),
    ("Nghị định số 92/2017/NĐCP ngày 07/8/2017", ("92/2017/NĐ-CP",)),
    ("Quyết định số 1847/QĐ -TTg ngày 27/12/2018", ("1847/QĐ-TTg",)),
    ("Quy định số 11-QĐi/TW; Kế hoạch số 117/KH-MTTQ-CCB-LĐLĐ-PN-ND-TĐ",
     ("11-QĐi/TW", "117/KH-MTTQ-CCB-LĐLĐ-PN-ND-TĐ")),
    ("ngày 11/6/2018, tỷ lệ 34.34/100 điểm, giai đoạn 2016-2021, HC-TC_(Ph)", ()),
])
def test_cites(text, cites):
    from converters.extract import cites as cites_mod
    assert cites_mod.find([text]) == cites


# ---- originals (issue 16): what scans, signed PDFs and portals give

def test_unreadable_or_implausible_day_and_number_are_null_with_a_warning():
    """Handwriting read as letters, an UNCERTAIN mark, day 54: null, never a guess."""
    doc = convert("""ỦY BAN NHÂN DÂN\tCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
TỈNH QUẢNG NGÃI\tĐộc lập - Tự do - Hạnh phúc
Số: 2 #ˆ /CT-UBND\tQuảng Ngãi, ngày @@ tháng 4 năm 2020

CHỈ THỊ
Về việc triển khai nộp thuế điện tử

""" + BODY)
    assert (doc.number, doc.symbol, doc.issued, doc.type) == (None, "CT-UBND", None, "Chỉ thị")
    assert any("số văn bản" in w and "vector.meta.yaml" in w for w in doc.warnings), doc.warnings
    assert any("ngày ban hành" in w for w in doc.warnings), doc.warnings
    for day in ("54", "0", "3\u2047", "1|"):
        doc = convert(f"ỦY BAN NHÂN DÂN TỈNH NGHỆ AN\nSố: 12/BC-UBND\nNghệ An, ngày {day} tháng 5 năm 2024\n\n"
                      f"BÁO CÁO\nKết quả công tác dân vận\n\n{BODY}")
        assert doc.issued is None, (day, doc.issued)
    doc = convert("ỦY BAN NHÂN DÂN TỈNH NGHỆ AN\nSố: 12/BC-UBND\nNghệ An, ngày 05 tháng 13 năm 2024\n\n"
                  f"BÁO CÁO\nKết quả công tác dân vận\n\n{BODY}")
    assert doc.issued is None


def test_ocr_confusions_mended_inside_numeric_tokens_only():
    doc = convert("ỦY BAN NHÂN DÂN TỈNH NGHỆ AN\nSố: l2/BC-UBND\nNghệ An, ngày 2O tháng l1 năm 2024\n\n"
                  f"BÁO CÁO\nKết quả công tác dân vận\n\n{BODY}")
    assert (doc.number, doc.issued) == ("12/BC-UBND", "2024-11-20")
    assert not _checks(doc)

    # a draft's blank day stays less precise, without a warning
    doc = convert("ỦY BAN NHÂN DÂN TỈNH NGHỆ AN\nSố:      /BC-UBND\nNghệ An, ngày      tháng 5 năm 2024\n\n"
                  f"BÁO CÁO\nKết quả công tác dân vận\n\n{BODY}")
    assert (doc.number, doc.symbol, doc.issued) == (None, "BC-UBND", "2024-05")
    assert not _checks(doc)


def test_headless_readable_document_is_published_with_its_first_line_as_title():
    doc = convert("Phát biểu của Chủ tịch Ủy ban nhân dân tỉnh tại hội nghị tổng kết\n\n" + BODY * 3)
    assert doc.title == "Phát biểu của Chủ tịch Ủy ban nhân dân tỉnh tại hội nghị tổng kết"
    assert (doc.type, doc.number, doc.issued) == (None, None, None)
    assert any("vector.meta.yaml" in w for w in doc.warnings)
    # only an unreadable text is refused: glyph codes of a broken text layer
    from converters import errors
    with pytest.raises(errors.NotAReport):
        convert(" ".join(f"(cid:{n})" for n in range(60)))


def test_signature_beside_recipients_in_flattened_columns():
    """PDF columns flattened into rows with a tab (or a wide gap): the right cells are the
    signature; the name comes after the list; an appendix follows."""
    for gap in ("\t", "      "):
        doc = convert(f"""ỦY BAN NHÂN DÂN TỈNH LÀO CAI
Số: 193/UBND-KT
Lào Cai, ngày 10 tháng 01 năm 2026
V/v tăng cường quản lý vật liệu nổ

{BODY}

Nơi nhận:{gap}KT. CHỦ TỊCH
- Như trên;{gap}PHÓ CHỦ TỊCH
- Chủ tịch UBND tỉnh;
- Lưu: VT, KT.
Nguyễn Thành Sinh
PHỤ LỤC
DANH MỤC CÁC ĐƠN VỊ THỰC HIỆN
Sở Công Thương chủ trì thực hiện các nội dung được giao tại văn bản này.
""")
        assert doc.signers == (Signer("KT. Chủ tịch, Phó Chủ tịch", "Nguyễn Thành Sinh"),), gap
        assert doc.signers[0].title == "Phó Chủ tịch"
        assert doc.recipients == ("Như trên", "Chủ tịch UBND tỉnh", "Lưu: VT, KT")
        assert "Nguyễn Thành Sinh" not in doc.body and "PHÓ CHỦ TỊCH" not in doc.body
        assert "Sở Công Thương chủ trì" in doc.body  # the appendix is kept


def test_signature_title_misread_or_garbled_is_dropped():
    doc = convert(f"""THỦ TƯỚNG CHÍNH PHỦ
Số: 1053/QĐ-TTg
Hà Nội, ngày 28 tháng 9 năm 2024

QUYẾT ĐỊNH
Về việc xuất cấp hạt giống

{BODY}

Nơi nhận:\tKT. THỦ TƯỚNG
- Như Điều 3;\tTHỦ TƯỚNG
- Lưu: VT.
""")
    assert doc.signers == (Signer("KT. Thủ tướng", None),) and doc.signers[0].title is None


def test_portal_table_cells_on_one_line():
    doc = convert(f"""| ỦY BAN NHÂN DÂN TỈNH KIÊN GIANG | CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM Độc lập - Tự do - Hạnh phúc |
|---|---|
| Số: 12/KH-UBND | Kiên Giang, ngày 05 tháng 3 năm 2024 |

**KẾ HOẠCH**
**Triển khai công tác dân vận năm 2024**

**1. **Nâng cao nhận thức của cán bộ, công chức về công tác dân vận.

{BODY}

| **Nơi nhận:** - Như trên; - Lưu: VT. | **TM. ỦY BAN NHÂN DÂN KT. CHỦ TỊCH PHÓ CHỦ TỊCH** **Nguyễn Văn An** |
|---|---|
""")
    assert doc.signers == (Signer("TM. Ủy ban nhân dân, KT. Chủ tịch, Phó Chủ tịch", "Nguyễn Văn An"),)
    assert doc.recipients == ("Như trên", "Lưu: VT")
    assert "**" not in doc.body and "\\*" not in doc.body and "1. Nâng cao nhận thức" in doc.body


def test_stamps_marks_and_signature_boxes_are_not_text():
    doc = convert(f"""SAO Y; SỞ NỘI VỤ; 19/05/2026; 14:42:19; +07:00
ỦY BAN NHÂN DÂN\tCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
TỈNH QUẢNG NGÃI\tĐộc lập - Tự do - Hạnh phúc
Số: 299/UBND-TTHC\tQuảng Ngãi, ngày 20 tháng 01 năm 2025
HỎA TỐC
V/v công bố danh mục thủ tục hành chính

{BODY}

Ký bởi: Ủy ban nhân dân tỉnh Quảng Ngãi
Thời gian ký: 26/11/2024 10:40:48 +07:00
""")
    from converters.document import ESignature
    assert doc.marks == ("Hỏa tốc",)
    assert doc.esignatures == (ESignature("Sở Nội vụ", "2026-05-19T14:42:19+07:00", "Sao y"),
                               ESignature("Ủy ban nhân dân tỉnh Quảng Ngãi", "2024-11-26T10:40:48+07:00"))
    assert doc.title == "Công bố danh mục thủ tục hành chính" and doc.units == ("Ủy ban nhân dân tỉnh Quảng Ngãi",)
    for text in ("SAO Y", "HỎA TỐC", "Ký bởi", "Thời gian ký", "14:42"):
        assert text not in doc.body


def test_ocr_header_mottos_and_type_line():
    doc = convert("""BỘ CÔNG THƯƠNG\tCỌNG HÒA XÃ HỘI CHÚ NGHĨA VIỆT NAM
CỤC HÓA CHẤT\t=.—Độc lập =..=<Ắ- Tự do - Hạnh phúc
Số: 813/HC-CNHC\tHà Nội, ngày 22 tháng 4 năm 2026

QUYÉT ĐỊNH
Về việc ban hành quy chế

""" + BODY)
    assert doc.type == "Quyết định" and doc.units[-1] == "Cục hóa chất"
    assert doc.issued == "2026-04-22"


def test_symbol_misread_by_ocr():
    """Look-alike letters mended, a type code without its stroke spelt as the vocabulary
    does, a ký hiệu wrapped at its "-" joined; a code one letter off the type line's is
    doubtful: null with a warning."""
    doc = convert("""BỘ CÔNG AN\tCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
Số: 24 /HDLN-BCA-BQP-\tHà Nội, ngày 25 tháng 6 năm 2026
ВСТ-ВТC

HƯỚNG DẪN LIÊN NGÀNH
Về việc xử lý vi phạm

""" + BODY)
    assert (doc.type, doc.number, doc.symbol) == ("Hướng dẫn liên ngành", "24/HDLN-BCA-BQP-BCT-BTC", "HDLN-BCA-BQP-BCT-BTC")
    doc = convert("BỘ GIÁO DỤC VÀ ĐÀO TẠO\nSố: 2827 /QD-BGDĐT\nHà Nội, ngày 14 tháng 10 năm 2025\n\n"
                  "QUYẾT ĐỊNH\nVề việc công bố thủ tục hành chính\n\n" + BODY)
    assert (doc.number, doc.symbol) == ("2827/QĐ-BGDĐT", "QĐ-BGDĐT")
    # the stroke of Đ read as a second letter: undone, since it gives the type line's code
    doc = convert("BỘ GIÁO DỤC VÀ ĐÀO TẠO\nSố: 2605 /QĐÐ-BGDĐT\nHà Nội, ngày 16 tháng 9 năm 2025\n\n"
                  "QUYẾT ĐỊNH\nVề việc bổ sung công chức\n\n" + BODY)
    assert (doc.number, doc.symbol) == ("2605/QĐ-BGDĐT", "QĐ-BGDĐT")
    # another letter one off the type line's code is doubtful
    doc = convert("BỘ GIÁO DỤC VÀ ĐÀO TẠO\nSố: 2605 /QĐH-BGDĐT\nHà Nội, ngày 16 tháng 9 năm 2025\n\n"
                  "QUYẾT ĐỊNH\nVề việc bổ sung công chức\n\n" + BODY)
    assert (doc.number, doc.symbol) == (None, None)
    assert any("ký hiệu" in w for w in doc.warnings), doc.warnings


def test_joint_signature_blocks_with_ranks():
    """Several blocks side by side, flattened; a rank before the name is not the name."""
    doc = convert(f"""BỘ CÔNG AN - BỘ QUỐC PHÒNG\tCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
Số: 24/HDLN-BCA-BQP\tHà Nội, ngày 25 tháng 6 năm 2026

HƯỚNG DẪN LIÊN NGÀNH
Về việc xử lý vi phạm

{BODY}

KT. BỘ TRƯỞNG BỘ CÔNG AN
THỨ TRƯỞNG
Thượng tướng Nguyễn Văn Gấu
KT. BỘ TRƯỞNG BỘ QUỐC PHÒNG
THỨ TRƯỞNG
Thiếu tướng Lê Văn An

Nơi nhận:
- Bộ Công an;
- Lưu: VT.
""")
    assert doc.signers == (Signer("KT. Bộ trưởng Bộ Công an, Thứ trưởng", "Nguyễn Văn Gấu"),
                           Signer("KT. Bộ trưởng Bộ Quốc phòng, Thứ trưởng", "Lê Văn An"))
    assert "tướng" not in doc.body


def test_ocr_signer_name_kept_only_when_the_document_writes_it_again():
    text = f"""ỦY BAN NHÂN DÂN TỈNH QUẢNG NGÃI
Số: 51/QĐ-UBND
Quảng Ngãi, ngày 10 tháng 01 năm 2025

QUYẾT ĐỊNH
Về việc phê duyệt kế hoạch

{BODY}

Nơi nhận:\tKT. CHỦ TỊCH
- Như trên;\tPHÓ CHỦ TỊCH
- {{recipient}};
- Lưu: VT.
Trần Phước Hiên
"""
    def scan(t):
        return layout.parse(SourceText(Source("vector.pdf", "0" * 64, "pdf", ocr=True), t))

    assert scan(text.format(recipient="Sở Tài chính")).signers == (Signer("KT. Chủ tịch, Phó Chủ tịch", None),)
    assert scan(text.format(recipient="PCT Trần Phước Hiên")).signers[0].name == "Trần Phước Hiên"
    assert convert(text.format(recipient="Sở Tài chính")).signers[0].name == "Trần Phước Hiên"  # typed text


def test_ocr_joint_issuers_split_and_tones_mended_from_the_text():
    """A joint header wrapped over lines gives one unit per body; an OCR'd issuer word the
    document spells otherwise more often ("TÓI CAO" / "tối cao") takes the text's tones."""
    text = f"""BỘ CÔNG AN - BỘ QUỐC PHÒNG -\tCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
BỘ TÀI CHÍNH - TÒA ÁN\tĐộc lập - Tự do - Hạnh phúc
NHÂN DÂN TÓI CAO
Số: 24/HDLN-BCA-BQP-BTC-TANDTC\tHà Nội, ngày 25 tháng 6 năm 2026

HƯỚNG DẪN LIÊN NGÀNH
Về việc xử lý vi phạm

Bộ Công an, Bộ Quốc phòng, Bộ Tài chính và Tòa án nhân dân tối cao hướng dẫn như sau.

{BODY}

Nơi nhận:
- Tòa án nhân dân tối cao;
- Lưu: VT.
"""
    doc = layout.parse(SourceText(Source("vector.pdf", "0" * 64, "pdf", ocr=True), text))
    assert doc.units == ("Bộ Công an", "Bộ Quốc phòng", "Bộ Tài chính", "Tòa án nhân dân tối cao")
