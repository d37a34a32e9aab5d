"""Body cleaner vectors (pelican style): input lines → exact Markdown.

Texts are written from the patterns of the real samples (PDF hard wraps, page
footnotes, stamps, mixed heading markup, artifacts) plus injection attempts.
"""
from __future__ import annotations

import re
import unicodedata

import markdown
import pytest

from converters.layout import body
from converters.document import Stamp

W = "Thực hiện tốt nhiệm vụ được giao, công tác dân vận chính quyền nói riêng, một"  # a full PDF line

VECTORS = [
    (
        "pdf-hard-wrap-with-blank-lines",
        ["Trong những năm qua, Đảng và Nhà nước đã ban hành nhiều nghị quyết, ", "",
         "quyết định, chỉ thị… chỉ đạo công tác dân vận nói chung, dân vận chính quyền nói ", "",
         "riêng. Các cấp, các ngành trong tỉnh đã tập trung triển khai có hiệu quả công tác ", "",
         "này, góp phần thực hiện thắng lợi nhiệm vụ phát triển kinh tế xã hội ở địa phương. ", "",
         "Thực hiện Chỉ thị số 19-CT/TU của Tỉnh ủy, trên cơ sở chức năng nhiệm ", "",
         " vụ được giao, Sở luôn chú trọng thực hiện tốt công tác dân vận của chính quyền.", "",
         "Trên đây là nội dung báo cáo kết quả triển khai thực hiện Chỉ thị số 19-", "",
         "CT/TU của Tỉnh ủy, đề nghị Sở Nội vụ tổng hợp, phòng chống dịch Covid-", "",
         "19 và các quy định giãn cách xã hội."],
        "Trong những năm qua, Đảng và Nhà nước đã ban hành nhiều nghị quyết, quyết định, chỉ thị… chỉ đạo "
        "công tác dân vận nói chung, dân vận chính quyền nói riêng. Các cấp, các ngành trong tỉnh đã tập "
        "trung triển khai có hiệu quả công tác này, góp phần thực hiện thắng lợi nhiệm vụ phát triển kinh "
        "tế xã hội ở địa phương.\n{: #p-1 }\n\n"
        "Thực hiện Chỉ thị số 19-CT/TU của Tỉnh ủy, trên cơ sở chức năng nhiệm vụ được giao, Sở luôn chú "
        "trọng thực hiện tốt công tác dân vận của chính quyền.\n{: #p-2 }\n\n"
        "Trên đây là nội dung báo cáo kết quả triển khai thực hiện Chỉ thị số 19-CT/TU của Tỉnh ủy, đề nghị "
        "Sở Nội vụ tổng hợp, phòng chống dịch Covid-19 và các quy định giãn cách xã hội.\n{: #p-3 }",
    ),
    (
        "pdf-wrapped-headings-and-page-number",
        ["I. ĐẶC ĐIỂM TÌNH HÌNH VÀ VIỆC LÃNH ĐẠO TRIỂN KHAI ", "",
         "THỰC HIỆN CÔNG TÁC DÂN VẬN CHÍNH QUYỀN ", "",
         "1. Công tác tuyên truyền, học tập, quán triệt các văn bản về công tác ", "",
         "dân vận của chính quyền ", "", "3", "",
         "Thông qua các buổi sinh hoạt cơ quan và mạng nội bộ, sở đã tổ chức quán ", "",
         "triệt, tuyên truyền tư tưởng của Chủ tịch Hồ Chí Minh tới cán bộ, công chức. ", "",
         "- Về cải cách hành chính ", "",
         "Tích cực, chủ động trong thực hiện các nhiệm vụ cải cách hành chính của sở, ", "",
         "thực hiện hiệu quả cơ chế một cửa trong giải quyết thủ tục hành chính."],
        "## I. ĐẶC ĐIỂM TÌNH HÌNH VÀ VIỆC LÃNH ĐẠO TRIỂN KHAI THỰC HIỆN CÔNG TÁC DÂN VẬN CHÍNH QUYỀN\n\n"
        "### 1. Công tác tuyên truyền, học tập, quán triệt các văn bản về công tác dân vận của chính quyền\n\n"
        "Thông qua các buổi sinh hoạt cơ quan và mạng nội bộ, sở đã tổ chức quán triệt, tuyên truyền tư "
        "tưởng của Chủ tịch Hồ Chí Minh tới cán bộ, công chức.\n{: #p-1 }\n\n"
        "- Về cải cách hành chính\n{: #p-2 }\n\n"
        "Tích cực, chủ động trong thực hiện các nhiệm vụ cải cách hành chính của sở, thực hiện hiệu quả cơ "
        "chế một cửa trong giải quyết thủ tục hành chính.\n{: #p-3 }",
    ),
    (
        "docx-lines-stay-paragraphs",
        ["Thực hiện Công văn số 904/SNV-XDCQ&CTTN ngày 15/5/2024 của Sở Nội vụ về báo cáo kết quả;", "",
         "Căn cứ Kế hoạch số 23/KH-SNgV ngày 08/3/2024 của Sở Ngoại vụ, Sở báo cáo như sau:", "",
         "Công tác đào tạo, bồi dưỡng", "",
         "Năm 2022: Cử 01 công chức tham gia bồi dưỡng (*QĐ số 1248/QĐ-UBND ngày 13/5/2022*)", "",
         "Năm 2023: Cử 03 công chức tham gia bồi dưỡng chương trình chuyên viên chính."],
        "Thực hiện Công văn số 904/SNV-XDCQ&CTTN ngày 15/5/2024 của Sở Nội vụ về báo cáo kết quả;\n{: #p-1 }\n\n"
        "Căn cứ Kế hoạch số 23/KH-SNgV ngày 08/3/2024 của Sở Ngoại vụ, Sở báo cáo như sau:\n{: #p-2 }\n\n"
        "Công tác đào tạo, bồi dưỡng\n{: #p-3 }\n\n"
        "Năm 2022: Cử 01 công chức tham gia bồi dưỡng (*QĐ số 1248/QĐ-UBND ngày 13/5/2022*)\n{: #p-4 }\n\n"
        "Năm 2023: Cử 03 công chức tham gia bồi dưỡng chương trình chuyên viên chính.\n{: #p-5 }",
    ),
    (
        "mid-sentence-footnotes-rejoined",
        ["**1. Về vai trò người đứng đầu**", "",
         "Tăng cường kỷ luật, kỷ cương hành chính<sup>1</sup>, tạo chuyển biến trong thực thi công vụ và đạo", "",
         "<sup>1</sup> Kết luận số 114-KL/TW ngày 14/7/2015 của Ban Bí thư.", "",
         "<sup>2</sup> Chỉ thị số 33/CT-TTg ngày 26/11/2021 của Thủ tướng Chính phủ.", "",
         "đức của đội ngũ cán bộ, công chức<sup>2</sup>. Thực hiện tốt chương trình và Nghị quyết", "",
         "<sup>3</sup> Chương trình số 51-CTr/TU.", "",
         "Đại hội X đảng bộ tỉnh về công tác dân vận<sup>3</sup>."],
        "## 1. Về vai trò người đứng đầu\n\n"
        "Tăng cường kỷ luật, kỷ cương hành chính[^1], tạo chuyển biến trong thực thi công vụ và đạo đức của "
        "đội ngũ cán bộ, công chức[^2]. Thực hiện tốt chương trình và Nghị quyết Đại hội X đảng bộ tỉnh về "
        "công tác dân vận[^3].\n{: #p-1 }\n\n"
        "[^1]: Kết luận số 114-KL/TW ngày 14/7/2015 của Ban Bí thư.\n\n"
        "[^2]: Chỉ thị số 33/CT-TTg ngày 26/11/2021 của Thủ tướng Chính phủ.\n\n"
        "[^3]: Chương trình số 51-CTr/TU.",
    ),
    (
        "unreferenced-footnote-kept-and-continuation",
        ["Mặt trận Tổ quốc các cấp tuyên truyền nội dung liên quan đến", "",
         "<sup>9</sup> Xây dựng 01 cây cầu Kênh HN3, 60 cột cờ", "",
         "quyền, nghĩa vụ của công dân ở xã, phường<sup>10</sup>, thị trấn.", "",
         "Năm 2017, Mặt trận đã thực hiện 8 cuộc giám sát<sup>11</sup>.", "",
         "<sup>10</sup> Quy chế phối hợp số 16/QCPHCT.", "",
         "<sup>11</sup> Kế hoạch số 117/KH-MTTQ: MTTQ 03 cuộc giám sát.", "",
         "- MTTQ tổ chức 02 cuộc phản biện dự thảo Nghị quyết.", "",
         "<sup>12</sup> Gồm các huyện: Giang Thành, Phú Quốc.", "",
         "- Công tác tham mưu cho cấp ủy tiếp tục được đổi mới<sup>12</sup>."],
        "Mặt trận Tổ quốc các cấp tuyên truyền nội dung liên quan đến quyền, nghĩa vụ của công dân ở xã, "
        "phường[^10], thị trấn.[^9]\n{: #p-1 }\n\n"
        "Năm 2017, Mặt trận đã thực hiện 8 cuộc giám sát[^11].\n{: #p-2 }\n\n"
        "- Công tác tham mưu cho cấp ủy tiếp tục được đổi mới[^12].\n{: #p-3 }\n\n"
        "[^9]: Xây dựng 01 cây cầu Kênh HN3, 60 cột cờ *(Văn bản gốc không đánh dấu vị trí của chú thích này.)*\n\n"
        "[^10]: Quy chế phối hợp số 16/QCPHCT.\n\n"
        "[^11]: Kế hoạch số 117/KH-MTTQ: MTTQ 03 cuộc giám sát.\n\n"
        "    - MTTQ tổ chức 02 cuộc phản biện dự thảo Nghị quyết.\n\n"
        "[^12]: Gồm các huyện: Giang Thành, Phú Quốc.",
    ),
    (
        "mixed-heading-markup-one-outline",
        ["Phần thứ nhất", "", "KẾT QUẢ THỰC HIỆN", "",
         "#### I. MỤC ĐÍCH, YÊU CẦU", "",
         "##### 1. Mục đích", "", "Nhằm tổ chức triển khai chủ trương của Đảng.", "",
         "## **2. Yêu cầu**", "", "Triển khai nghiêm túc, chặt chẽ.", "",
         "**II. TÌNH HÌNH KÝ KẾT VÀ TRIỂN KHAI", "CHƯƠNG TRÌNH PHỐI HỢP**", "",
         "**1- Tình hình liên quan**", "",
         "a) Đổi mới công tác quản lý cán bộ", "", "Lãnh đạo Sở luôn quan tâm.", "",
         "**Kết quả cụ thể**", "", "Đạt nhiều kết quả."],
        "## Phần thứ nhất: KẾT QUẢ THỰC HIỆN\n\n"
        "### I. MỤC ĐÍCH, YÊU CẦU\n\n"
        "#### 1. Mục đích\n\n"
        "Nhằm tổ chức triển khai chủ trương của Đảng.\n{: #p-1 }\n\n"
        "#### 2. Yêu cầu\n\n"
        "Triển khai nghiêm túc, chặt chẽ.\n{: #p-2 }\n\n"
        "### II. TÌNH HÌNH KÝ KẾT VÀ TRIỂN KHAI CHƯƠNG TRÌNH PHỐI HỢP\n\n"
        "#### 1- Tình hình liên quan\n\n"
        "##### a) Đổi mới công tác quản lý cán bộ\n\n"
        "Lãnh đạo Sở luôn quan tâm.\n{: #p-3 }\n\n"
        "###### Kết quả cụ thể\n\n"
        "Đạt nhiều kết quả.\n{: #p-4 }",
    ),
    (
        "numbered-list-paragraphs-stay-paragraphs",
        ["### III. TỔ CHỨC THỰC HIỆN", "",
         "1. Các cơ quan chuyên môn thuộc Ủy ban nhân dân tỉnh có trách nhiệm tham mưu tổ chức triển khai.", "",
         "2. Các sở, ban, ngành xây dựng kế hoạch triển khai thực hiện Chỉ thị số 33/CT-TTg.", "",
         "3. Sở Nội vụ tham mưu Ủy ban nhân dân tỉnh hướng dẫn, theo dõi, kiểm tra.", "",
         "Thủ trưởng các sở, ban, ngành nghiêm túc triển khai, thực hiện kế hoạch này./. *rgul*"],
        "## III. TỔ CHỨC THỰC HIỆN\n\n"
        "1\\. Các cơ quan chuyên môn thuộc Ủy ban nhân dân tỉnh có trách nhiệm tham mưu tổ chức triển khai.\n{: #p-1 }\n\n"
        "2\\. Các sở, ban, ngành xây dựng kế hoạch triển khai thực hiện Chỉ thị số 33/CT-TTg.\n{: #p-2 }\n\n"
        "3\\. Sở Nội vụ tham mưu Ủy ban nhân dân tỉnh hướng dẫn, theo dõi, kiểm tra.\n{: #p-3 }\n\n"
        "Thủ trưởng các sở, ban, ngành nghiêm túc triển khai, thực hiện kế hoạch này./.\n{: #p-4 }",
    ),
    (
        "italic-word-kept-not-artifact",
        ["Đã triển khai thực hiện đúng kế hoạch. *Tuy nhiên*"],
        "Đã triển khai thực hiện đúng kế hoạch. *Tuy nhiên*\n{: #p-1 }",
    ),
    (
        "bullets-and-sub-items",
        ["- Năm 2022: Ban tiếp công dân tiếp 419 lượt. Trong đó:", "",
         "+ Tiếp định kỳ: 342 lượt/ 534 người;", "- + Tiếp thường xuyên: 78 lượt/ 88 người.", "",
         "Nội dung các đơn trên đã được xử lý."],
        "- Năm 2022: Ban tiếp công dân tiếp 419 lượt. Trong đó:\n{: #p-1 }\n"
        "    - Tiếp định kỳ: 342 lượt/ 534 người;\n    {: #p-2 }\n"
        "    - Tiếp thường xuyên: 78 lượt/ 88 người.\n    {: #p-3 }\n\n"
        "Nội dung các đơn trên đã được xử lý.\n{: #p-4 }",
    ),
    (
        "received-stamp-lifted-out",
        ["UBND HUYỆN KIÊN HẢI\t", "ĐẾN\tSố: 1789", "\tNgày: 11/6/2018", "Chuyển:\t.....",
         "Lưu hồ sơ số:\t.....", "",
         "Thực hiện Chương trình phối hợp số 79-CTr/BDVTW-BCSĐCP, ngày 11-10-2016."],
        "Thực hiện Chương trình phối hợp số 79-CTr/BDVTW-BCSĐCP, ngày 11-10-2016.\n{: #p-1 }",
    ),
    (
        "signature-remnants-and-stray-subject-dropped",
        ["đáp ứng yêu cầu trong tình hình mới”", "",
         "Sự lãnh đạo, chỉ đạo của hai bên phối hợp chưa thường xuyên.", "",
         "**T/M BAN CÁN SỰ ĐẢNG UBND TỈNH**", "", "**BÍ THƯ**", "", "", "**Phạm Vũ Hồng**"],
        "Sự lãnh đạo, chỉ đạo của hai bên phối hợp chưa thường xuyên.\n{: #p-1 }",
    ),
    (
        "html-and-markdown-injection-shown-as-text",
        ["Nội dung <script>alert(1)</script> và <b>đậm</b> &amp; [liên kết](http://x.vn) ![ảnh](x.png)", "",
         "#5 không phải tiêu đề, giá 5*3_2 | ống `mã` {{ config }} {% if %} {: #evil }", "",
         "1) Mục một không phải danh sách", "", "2) Mục hai cũng vậy", "",
         "> không phải trích dẫn"],
        "Nội dung &lt;script>alert(1)&lt;/script> và &lt;b>đậm&lt;/b> &amp;amp; \\[liên kết\\](http://x.vn) "
        "!\\[ảnh\\](x.png)\n{: #p-1 }\n\n"
        "\\#5 không phải tiêu đề, giá 5\\*3\\_2 &#124; ống \\`mã\\` \\{\\{ config \\}\\} \\{% if %\\} "
        "\\{: #evil \\}\n{: #p-2 }\n\n"
        "1\\) Mục một không phải danh sách\n{: #p-3 }\n\n"
        "2\\) Mục hai cũng vậy\n{: #p-4 }\n\n"
        "\\> không phải trích dẫn\n{: #p-5 }",
    ),
    (
        "nfd-input-gives-nfc",
        [unicodedata.normalize("NFD", "Tăng cường công tác dân vận chính quyền năm 2024.")],
        "Tăng cường công tác dân vận chính quyền năm 2024.\n{: #p-1 }",
    ),
    # pipe tables (the DOCX reader writes data tables this way; text exports may carry them)
    (
        "docx-pipe-table-cells-escaped-pipes-kept",
        ["Kết quả thực hiện các chỉ tiêu cải cách hành chính năm 2023 như sau:", "",
         "| TT | Chỉ tiêu | Kết quả<sup>1</sup> |", "| --- | :---: | ---: |",
         "| 1 | Hồ sơ <script>alert(1)</script> giải quyết đúng hạn | 98% |",
         "| 2 | Dịch vụ công \\| trực tuyến 5*3_2 [x](http://x.vn) {: #evil } | 656 | 12 |", "",
         "<sup>1</sup> Số liệu đến ngày 30/11/2023.", "",
         "Trên đây là báo cáo kết quả thực hiện."],
        "Kết quả thực hiện các chỉ tiêu cải cách hành chính năm 2023 như sau:\n{: #p-1 }\n\n"
        "| TT | Chỉ tiêu | Kết quả[^1] |  |\n"
        "| --- | :---: | ---: | --- |\n"
        "| 1 | Hồ sơ &lt;script>alert(1)&lt;/script> giải quyết đúng hạn | 98% |  |\n"
        "| 2 | Dịch vụ công \\| trực tuyến 5\\*3\\_2 \\[x\\](http://x.vn) \\{: #evil \\} | 656 | 12 |\n\n"
        "Trên đây là báo cáo kết quả thực hiện.\n{: #p-2 }\n\n"
        "[^1]: Số liệu đến ngày 30/11/2023.",
    ),
    (
        "pipe-table-without-separator-row",
        ["Bảng tổng hợp hồ sơ:", "", "| Năm | Số hồ sơ | Tỷ lệ |", "| 2022 | 1.250 | 97,5% |",
         "| 2023 | 1.410 | **98,2%** |"],
        "Bảng tổng hợp hồ sơ:\n{: #p-1 }\n\n"
        "| Năm | Số hồ sơ | Tỷ lệ |\n| --- | --- | --- |\n| 2022 | 1.250 | 97,5% |\n| 2023 | 1.410 | **98,2%** |",
    ),
    (
        "pdf-wrapped-table-between-paragraphs",
        ["Trong năm 2023, Sở đã tập trung chỉ đạo thực hiện các nhiệm vụ cải cách hành ", "",
         "chính, kết quả giải quyết hồ sơ của các đơn vị thuộc Sở được tổng hợp, cụ thể ", "",
         "như sau: ", "",
         "| TT | Đơn vị | Hồ sơ |", "", "| --- | --- | --- |", "", "| 1 | Văn phòng Sở | 120 |", "",
         "| 2 | Thanh tra Sở | 45 |", "",
         "Các đơn vị đã chủ động phối hợp với nhau trong quá trình xử lý hồ sơ của tổ ", "",
         "chức, cá nhân trên địa bàn tỉnh, không có hồ sơ trễ hạn. ", "",
         "Trên đây là báo cáo kết quả thực hiện năm 2023."],
        "Trong năm 2023, Sở đã tập trung chỉ đạo thực hiện các nhiệm vụ cải cách hành chính, kết quả giải "
        "quyết hồ sơ của các đơn vị thuộc Sở được tổng hợp, cụ thể như sau:\n{: #p-1 }\n\n"
        "| TT | Đơn vị | Hồ sơ |\n| --- | --- | --- |\n| 1 | Văn phòng Sở | 120 |\n| 2 | Thanh tra Sở | 45 |\n\n"
        "Các đơn vị đã chủ động phối hợp với nhau trong quá trình xử lý hồ sơ của tổ chức, cá nhân trên địa "
        "bàn tỉnh, không có hồ sơ trễ hạn.\n{: #p-2 }\n\n"
        "Trên đây là báo cáo kết quả thực hiện năm 2023.\n{: #p-3 }",
    ),
    (
        "pipe-lines-that-make-no-table-stay-text",
        ["| Ghi chú | một dòng không phải bảng |", "",
         "| Năm 2022 | 1.250 |", "| Năm 2023 | 1.410 | 98,2% |"],
        "&#124; Ghi chú &#124; một dòng không phải bảng &#124;\n{: #p-1 }\n\n"
        "&#124; Năm 2022 &#124; 1.250 &#124;\n{: #p-2 }\n\n"
        "&#124; Năm 2023 &#124; 1.410 &#124; 98,2% &#124;\n{: #p-3 }",
    ),
]


@pytest.mark.parametrize("name,lines,expected", VECTORS, ids=[v[0] for v in VECTORS])
def test_vectors(name: str, lines: list[str], expected: str) -> None:
    assert body.render(lines).markdown == expected


def test_stamp_fields() -> None:
    b = body.render(VECTORS[9][1])
    assert b.stamp == Stamp(receiver="UBND huyện Kiên Hải", number="1789", date="2018-06-11")


def test_footnote_counts_and_plain_texts() -> None:
    b = body.render(VECTORS[4][1])
    assert b.numbered_footnotes == 4
    assert b.unmarked_footnotes == ("9",)
    assert b.footnotes[0] == "Xây dựng 01 cây cầu Kênh HN3, 60 cột cờ"
    assert b.footnotes[2] == "Kế hoạch số 117/KH-MTTQ: MTTQ 03 cuộc giám sát.\n- MTTQ tổ chức 02 cuộc phản biện dự thảo Nghị quyết."


def test_paragraphs_are_plain_and_anchored() -> None:
    b = body.render(VECTORS[3][1])
    assert b.paragraphs == ((
        "p-1",
        "Tăng cường kỷ luật, kỷ cương hành chính, tạo chuyển biến trong thực thi công vụ và đạo đức của đội ngũ "
        "cán bộ, công chức. Thực hiện tốt chương trình và Nghị quyết Đại hội X đảng bộ tỉnh về công tác dân vận.",
    ),)
    assert b.headings == ((2, "1. Về vai trò người đứng đầu"),)


@pytest.mark.parametrize("name,lines,expected", VECTORS, ids=[v[0] for v in VECTORS])
def test_rendered_html_has_no_injected_markup(name: str, lines: list[str], expected: str) -> None:
    html = markdown.markdown(body.render(lines).markdown, extensions=["tables", "attr_list", "footnotes"])
    for bad in ("<script", "<b>", "<a href=\"http", "<img", "<h1", "<blockquote", "<code"):
        assert bad not in html
    assert "{:" not in html or "{: #evil" in html  # attr lists are consumed, literal braces survive
    assert 'id="p-1"' in html or not body.render(lines).paragraphs


# name → (rows of the rendered <table>: number of <th>/<td> cells each) of the table vectors above
TABLE_SHAPES = {
    "docx-pipe-table-cells-escaped-pipes-kept": [4, 4, 4],
    "pipe-table-without-separator-row": [3, 3, 3],
    "pdf-wrapped-table-between-paragraphs": [3, 3, 3],
    "pipe-lines-that-make-no-table-stay-text": [],
}


def _html(name: str) -> str:
    lines = next(v[1] for v in VECTORS if v[0] == name)
    return markdown.markdown(body.render(lines).markdown, extensions=["tables", "attr_list", "footnotes"])


@pytest.mark.parametrize("name,shape", TABLE_SHAPES.items(), ids=list(TABLE_SHAPES))
def test_pipe_table_renders_as_table(name: str, shape: list[int]) -> None:
    html = _html(name)
    assert html.count("<table>") == (1 if shape else 0)
    rows = re.findall(r"<tr>(.*?)</tr>", html, re.DOTALL)
    assert [len(re.findall(r"<t[hd][ >]", r)) for r in rows] == shape
    if shape:
        assert len(re.findall(r"<th[ >]", rows[0])) == shape[0]  # the first row is the header
        assert "{:" not in html.split("<table>")[1].split("</table>")[0] or "{: #evil" in html


def test_pipe_table_cells_shown_as_text() -> None:
    html = _html("docx-pipe-table-cells-escaped-pipes-kept")
    table = html.split("<table>")[1].split("</table>")[0]
    assert "Hồ sơ &lt;script&gt;alert(1)&lt;/script&gt; giải quyết đúng hạn" in table
    assert "Dịch vụ công | trực tuyến 5*3_2 [x](http://x.vn) {: #evil }" in table
    assert '<a class="footnote-ref" href="#fn:1">1</a>' in table
    assert "<script" not in html and "<em>" not in html and "<a href" not in html and 'id="evil"' not in html


def test_table_leaves_paragraphs_and_anchors_as_without_it() -> None:
    lines = next(v[1] for v in VECTORS if v[0] == "pdf-wrapped-table-between-paragraphs")
    with_table = body.render(lines)
    without = body.render([ln for ln in lines if not ln.startswith("|")])
    assert with_table.paragraphs == without.paragraphs
    assert len(with_table.paragraphs) == 3  # table rows are no paragraphs (no anchor inside a table)
    assert "\n{: #p-" not in with_table.markdown.split("| TT |")[1].split("\n\n")[0]
