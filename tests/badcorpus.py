"""The bad-input corpus: committed files in tests/bad_inputs/ plus the ones that
must not be committed (binary, legacy encodings, 50 MB), generated here."""
from __future__ import annotations

import os
import shutil
import unicodedata
from pathlib import Path

from converters.formats import decode

HERE = Path(__file__).resolve().parent
BAD_INPUTS = HERE / "bad_inputs"
XSS = '<script>alert("minhbach-xss")</script>'


def report(title: str, body: str, number: str = "15/BC-SNgV", place: str = "Kiên Giang",
           year: int = 2024, agency: str = "SỞ NGOẠI VỤ") -> str:
    """A short report laid out like the samples (DOCX text export)."""
    return (
        f"UBND TỈNH KIÊN GIANG\n\n{agency}\n\nSố: {number}\n\n"
        "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\n\nĐộc lập - Tự do - Hạnh phúc\n\n"
        f"{place}, ngày 15 tháng 6 năm {year}\n\n"
        f"BÁO CÁO\n\n{title}\n\n{body}\n\n"
        "Nơi nhận:\n- Sở Nội vụ;\n- Lưu: VT.\n\nGIÁM ĐỐC\n"
    )


# Legacy encodings: no capital letter with a tone mark in mixed-case lines (TCVN3 cannot hold it).
LEGACY_TITLE = "Kết quả thực hiện công tác dân vận chính quyền năm 2024"
LEGACY_BODY = (
    "Thực hiện Kế hoạch số 23/KH-SNgV ngày 08/3/2024 của Sở Ngoại vụ về thực hiện một số nhiệm vụ "
    "trọng tâm công tác dân vận chính quyền năm 2024, Sở báo cáo kết quả như sau:\n\n"
    "Sở đã quán triệt, triển khai đến toàn thể đảng viên, công chức, người lao động thực hiện đầy đủ "
    "các văn bản chỉ đạo của Tỉnh ủy về công tác dân vận; tiếp tục đẩy mạnh cải cách hành chính, "
    "nâng cao chất lượng phục vụ người dân và doanh nghiệp."
)


LEGACY_NUMBERS = {"utf-16": 51, "utf-16-le": 52, "cp1258": 53, "tcvn3": 54, "vni": 55, "tcvn3 unicode": 56,
                  "cắt cụt": 57}


def legacy_report(marker: str) -> str:
    return report(f"{LEGACY_TITLE} ({marker})", LEGACY_BODY, number=f"{LEGACY_NUMBERS[marker]}/BC-SNgV")


def build_corpus(dest: Path, outside: Path) -> dict[str, str]:
    """Fill ``dest`` (a folder inside sources/) with the whole corpus; ``outside`` is a
    folder outside sources/ for the symlink case. Returns {file name: expected outcome}."""
    dest.mkdir(parents=True, exist_ok=True)
    for item in BAD_INPUTS.iterdir():
        if item.name == "README.md":
            continue
        target = dest / item.name
        if item.is_dir():
            shutil.copytree(item, target)
        else:
            shutil.copy2(item, target)
    (dest / "rong.txt").write_bytes(b"")
    (dest / "anh-png.txt").write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 40)
    (dest / "ngau-nhien.txt").write_bytes(bytes((i * 7919 + 13) % 256 for i in range(20000)))
    (dest / "utf16.txt").write_bytes(legacy_report("utf-16").encode("utf-16"))
    (dest / "utf16-khong-bom.txt").write_bytes(legacy_report("utf-16-le").encode("utf-16-le"))
    (dest / "cp1258.txt").write_bytes(decode.to_cp1258(legacy_report("cp1258")))
    (dest / "tcvn3.txt").write_bytes(decode.to_tcvn3(legacy_report("tcvn3"), capitals="font"))
    (dest / "vni.txt").write_bytes(decode.to_vni(legacy_report("vni")))
    (dest / "tcvn3-trong-unicode.txt").write_text(
        decode.to_tcvn3(legacy_report("tcvn3 unicode"), capitals="font").decode("latin-1"), encoding="utf-8")
    text = legacy_report("cắt cụt").encode("utf-8")
    (dest / "cat-cut.txt").write_bytes(text + "ệ".encode("utf-8")[:2])
    with open(dest / "qua-lon.txt", "wb") as fh:  # 50 MB: generated, never committed
        line = ("Dòng văn bản rất dài để làm tệp lớn. " * 20 + "\n").encode("utf-8")
        for _ in range(50 * 1024 * 1024 // len(line) + 1):
            fh.write(line)
    outside.mkdir(parents=True, exist_ok=True)
    (outside / "bi-mat.txt").write_text(report("Tệp nằm ngoài sources", "Không được đọc."), encoding="utf-8")
    os.symlink(outside / "bi-mat.txt", dest / "lien-ket-ra-ngoai.txt")
    os.symlink("rong.txt", dest / "lien-ket-trong.txt")
    hostile(dest)
    return EXPECTED


# issue 17: what used to crash, hang or blow up the night
BAD_YAML_VALUES = {"ngay-sai": "issued: 2024-02-30", "so-nguyen-sai": "number: !!int abc",
                   "so-thuc-sai": "number: !!float abc", "dung-sai-sai": "title: !!bool maybe"}
CONTROL_TITLE = "Kết quả công tác dân vận\x01 chính quyền"


def docx_bomb(inflated_mb: int = 100) -> bytes:
    """A .docx of ~150 KB whose document.xml inflates to ``inflated_mb`` MB."""
    import io
    import zipfile

    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as z:
        z.writestr("[Content_Types].xml", '<?xml version="1.0"?><Types/>')
        para = "<w:p><w:r><w:t>a</w:t></w:r></w:p>"
        z.writestr("word/document.xml", "<w:document><w:body>" + para * (inflated_mb * 1024 * 1024 // len(para))
                   + "</w:body></w:document>")
    return buf.getvalue()


def hostile(dest: Path) -> None:
    os.symlink("vong-b.txt", dest / "vong-a.txt")  # a symlink loop
    os.symlink("vong-a.txt", dest / "vong-b.txt")
    for name, line in BAD_YAML_VALUES.items():
        (dest / f"sidecar-{name}.txt").write_text(report(f"Báo cáo có tệp meta sai ({name})", "Nội dung.",
                                                         number=f"6{len(name)}/BC-SNgV"), encoding="utf-8")
        (dest / f"sidecar-{name}.meta.yaml").write_text(line + "\n", encoding="utf-8")
    (dest / "sidecar-fifo.txt").write_text(report("Báo cáo có tệp meta là FIFO", "Nội dung.", number="71/BC-SNgV"),
                                           encoding="utf-8")
    os.mkfifo(dest / "sidecar-fifo.meta.yaml")  # reading it would block the build forever
    os.mkfifo(dest / "ong.txt")
    (dest / "sao-nhan.txt").write_text(report("Báo cáo nhiều dấu sao", "*a " * 100000, number="72/BC-SNgV"),
                                       encoding="utf-8")
    (dest / "ky-tu-dieu-khien.txt").write_text(report(CONTROL_TITLE, "Nội dung\x0b có ký tự điều khiển.",
                                                      number="73/BC-SNgV"), encoding="utf-8")
    (dest / "dieu-khien-meta.txt").write_text(report("Báo cáo có tiêu đề sửa", "Nội dung.", number="74/BC-SNgV"),
                                              encoding="utf-8")
    (dest / "dieu-khien-meta.meta.yaml").write_text('title: "Tiêu đề sửa\\x01 có ký tự điều khiển"\n',
                                                    encoding="utf-8")
    (dest / "bom.docx").write_bytes(docx_bomb())


# file (relative to the corpus folder) → expected: "page", "page+warning", or the problem code
EXPECTED = {
    "rong.txt": "empty",
    "anh-png.txt": "binary",
    "ngau-nhien.txt": "binary",
    "khong-co-phan-dau.txt": "not-a-report",
    "qua-lon.txt": "too-large",
    "lien-ket-ra-ngoai.txt": "symlink-outside",
    "sidecar-hong.txt": "sidecar",
    "sidecar-khoa-la.txt": "sidecar",
    "utf16.txt": "page",
    "utf16-khong-bom.txt": "page",
    "cp1258.txt": "encoding",
    "tcvn3.txt": "encoding",
    "vni.txt": "encoding",
    "tcvn3-trong-unicode.txt": "encoding",
    "cat-cut.txt": "encoding",
    "nfd.txt": "page",
    "chen-html.txt": "page",
    "báo cáo có dấu cách.txt": "page",
    "thư mục..cũ/bao..cao.txt": "page",
    "so-trung-1.txt": "duplicate-number",
    "so-trung-2.txt": "duplicate-number",
    "trung-noi-dung/a/ban-sao.txt": "duplicate-content",
    "trung-noi-dung/b/ban-sao.txt": "duplicate-content",
    "sidecar-sua.txt": "page",
    "khong-dau-co-sidecar.txt": "header-from-sidecar",
    "vong-a.txt": "symlink-loop",
    "vong-b.txt": "symlink-loop",
    **{f"sidecar-{name}.txt": "sidecar" for name in BAD_YAML_VALUES},
    "sidecar-fifo.txt": "sidecar",
    "ong.txt": "not-a-file",
    "sao-nhan.txt": "page",
    "ky-tu-dieu-khien.txt": "page",
    "dieu-khien-meta.txt": "page",
    "bom.docx": "too-large-inflated",
}


def nfd(text: str) -> str:
    return unicodedata.normalize("NFD", text)
