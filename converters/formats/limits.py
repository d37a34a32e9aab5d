"""Bounds on the work one source file may cause, checked before the work is done.

* ``check_archive(data, shown)`` — a .docx (or any zip) whose parts inflate beyond
  the limits is refused before anything is unpacked (the 20 MB source limit sees only
  the zipped size: a 187 KB .docx inflated to 100 MB and took 2.3 GB to parse).
  Python's zipfile never inflates a member beyond its declared size (it stops there
  and fails the CRC), so the declared sizes bound the real work.
* ``check_page(width_pt, height_pt, scale, shown)`` — a PDF page too large to render
  (area, or pixels at the rendering scale) is refused before rendering: a 1,661-byte
  PDF with one 200×200-inch page took 3.5 GB to rasterise for OCR. The PDF reader
  and OCR call it before ``page.render``.

Limits: MINHBACH_MAX_INFLATED_MB (XML parts of an archive, default 40 MB; all parts:
ten times that), MINHBACH_MAX_PAGE_MPIXELS (default 60 million pixels per rendered page).
"""
from __future__ import annotations

import io
import os
import zipfile

from converters import errors

DEFAULT_INFLATED_MB = 40.0  # parsed parts (XML): lxml needs ~20 bytes of memory per byte
ALL_PARTS_FACTOR = 10  # images and other parts are copied, not parsed
DEFAULT_PAGE_MPIXELS = 60.0  # A4 at 300 dpi is 8.7 Mpx; A0 at 200 dpi 54 Mpx
MAX_PAGE_AREA_M2 = 2.0  # A0 is 1 m²; a page of a report is never larger than two of them
_PT_PER_M = 72 / 0.0254


class ArchiveTooLarge(errors.ConversionError):
    reason = "tệp nén (.docx) khi giải nén quá lớn, không đọc (có thể là tệp độc hại)"
    advice = "mở tệp bằng Word, lưu lại hoặc xuất ra PDF rồi thay vào sources/"


class PageTooLarge(errors.ConversionError):
    reason = "trang PDF quá lớn để dựng hình (có thể là tệp độc hại)"
    advice = "xuất lại PDF với khổ giấy thường (A4) rồi thay vào sources/"


def _env_number(name: str, default: float) -> float:
    try:
        value = float(os.environ.get(name, "") or default)
    except ValueError:
        return default
    return value if value > 0 else default


def inflated_limits() -> tuple[int, int]:
    """(bytes of parsed parts, bytes of all parts) an archive may inflate to."""
    xml = int(_env_number("MINHBACH_MAX_INFLATED_MB", DEFAULT_INFLATED_MB) * 1024 * 1024)
    return xml, xml * ALL_PARTS_FACTOR


def _parsed(name: str) -> bool:
    return name.lower().endswith((".xml", ".rels", ".vml"))


def check_archive(data: bytes, shown: str) -> None:
    """Raise ArchiveTooLarge when ``data`` is a zip whose members declare more than the
    limits; a file that is not a zip is left to its reader."""
    if not data.startswith(b"PK"):
        return
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as zf:
            members = zf.infolist()
    except (zipfile.BadZipFile, ValueError, OSError, EOFError):
        return  # the reader says what is wrong with it
    xml_limit, all_limit = inflated_limits()
    parsed = sum(m.file_size for m in members if _parsed(m.filename))
    total = sum(m.file_size for m in members)
    if parsed > xml_limit:
        raise ArchiveTooLarge(shown, f"phần văn bản giải nén {_mb(parsed)} MB > giới hạn {_mb(xml_limit)} MB,"
                                     " biến MINHBACH_MAX_INFLATED_MB")
    if total > all_limit:
        raise ArchiveTooLarge(shown, f"giải nén {_mb(total)} MB > giới hạn {_mb(all_limit)} MB,"
                                     " biến MINHBACH_MAX_INFLATED_MB")


def check_page(width_pt: float, height_pt: float, scale: float, shown: str, page: int | None = None) -> None:
    """Raise PageTooLarge when a page of ``width_pt`` × ``height_pt`` points is larger than
    MAX_PAGE_AREA_M2 or would be more than MINHBACH_MAX_PAGE_MPIXELS pixels at ``scale``
    (pixels per point: dpi / 72). Call it before rendering the page."""
    where = f"trang {page + 1}: " if page is not None else ""
    width_pt, height_pt = abs(float(width_pt)), abs(float(height_pt))
    area = (width_pt / _PT_PER_M) * (height_pt / _PT_PER_M)
    if area > MAX_PAGE_AREA_M2:
        raise PageTooLarge(shown, f"{where}{_cm(width_pt)} × {_cm(height_pt)} cm")
    pixels = (width_pt * scale) * (height_pt * scale)
    limit = _env_number("MINHBACH_MAX_PAGE_MPIXELS", DEFAULT_PAGE_MPIXELS) * 1e6
    if pixels > limit:
        raise PageTooLarge(shown, f"{where}{pixels / 1e6:.0f} triệu điểm ảnh > giới hạn {limit / 1e6:.0f} triệu,"
                                  " biến MINHBACH_MAX_PAGE_MPIXELS")


def _mb(n: int) -> str:
    return f"{n / 1024 / 1024:.1f}".replace(".", ",")


def _cm(pt: float) -> str:
    return f"{pt / 72 * 2.54:.0f}"
