"""The one errors module. Messages are Vietnamese (a webmaster reads them) and
say what to do. ``str(error)`` is one line naming the file and the reason."""
from __future__ import annotations


class ConversionError(Exception):
    """A source file that cannot become a page."""

    reason = "không đọc được tệp"
    advice = ""

    def __init__(self, path: str, detail: str | None = None):
        self.path = str(path)
        self.detail = detail
        super().__init__(self.message())

    def message(self) -> str:
        text = f"{self.path}: {self.reason}"
        if self.detail:
            text += f" ({self.detail})"
        if self.advice:
            text += f" — {self.advice}"
        return text.replace("\n", " ")


class EmptyFile(ConversionError):
    reason = "tệp rỗng"
    advice = "kiểm tra lại tệp nguồn hoặc xóa nó khỏi sources/"


class BinaryFile(ConversionError):
    reason = "tệp nhị phân, không phải văn bản"
    advice = "đặt đúng phần mở rộng (.docx, .pdf) hoặc xuất lại dưới dạng văn bản"


class UndecodableText(ConversionError):
    reason = "không nhận ra bảng mã ký tự"
    advice = "lưu lại tệp với bảng mã UTF-8"


class UnsupportedFormat(ConversionError):
    reason = "định dạng tệp không được hỗ trợ"
    advice = "dùng .txt, .md, .docx hoặc .pdf"


class NeedsOCR(ConversionError):
    reason = "PDF không có lớp chữ, cần nhận dạng ký tự (OCR)"
    advice = "cài tesseract-ocr và tesseract-ocr-vie rồi chạy lại"


class NotAReport(ConversionError):
    reason = "không nhận ra phần đầu văn bản (số, ngày, loại văn bản)"
    advice = "kiểm tra tệp có phải báo cáo không, hoặc bổ sung tệp .meta.yaml bên cạnh"


class UnreadableFile(ConversionError):
    reason = "không mở được tệp"
    advice = "kiểm tra quyền đọc và tệp có bị hỏng không"


class EncryptedPDF(UnreadableFile):
    reason = "PDF có mật khẩu (bị mã hóa)"
    advice = "xin bản không đặt mật khẩu hoặc mở khóa rồi lưu lại"


class AbsurdPage(UnreadableFile):
    reason = "PDF có trang kích thước bất thường, không xử lý"
    advice = "kiểm tra tệp có bị hỏng không, hoặc in lại ra PDF khổ A4"


# ---- warnings: a page is published, the webmaster checks one field (one line each)

def unreadable_part(part: str, name: str) -> str:
    """A number or a date printed but not readable (handwriting, a smudge, OCR)."""
    return f"{part} viết tay hoặc không đọc được, để trống; cần kiểm tra — ghi vào {name}.meta.yaml"


def headless(name: str) -> str:
    """A readable text without the usual header (number, date, type line)."""
    return (f"không đọc được phần đầu văn bản (số, ngày, loại); trang vẫn được đăng với tiêu đề là dòng "
            f"đầu — ghi số, ngày, loại văn bản vào {name}.meta.yaml")


def doubtful_issuer(lines: str, name: str) -> str:
    """Issuer lines of a scan that OCR misread."""
    return (f"tên cơ quan ban hành đọc từ ảnh không chắc chắn («{lines}»), để trống; cần kiểm tra — "
            f"ghi units, province vào {name}.meta.yaml")


def unsigned(name: str) -> str:
    """No signer's name read (a draft, or a name under a seal or signature image)."""
    return f"không đọc được tên người ký; nếu văn bản đã ký, ghi signers vào {name}.meta.yaml"


def no_issuer(name: str) -> str:
    return f"không nhận ra cơ quan ban hành; ghi units vào {name}.meta.yaml"


def untitled(name: str) -> str:
    """A signer's name read without the own title (seal, signature image, OCR)."""
    return f"không đọc được chức danh người ký; ghi signers (role) vào {name}.meta.yaml"
