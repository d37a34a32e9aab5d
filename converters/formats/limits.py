"""Bounds on the work one source file may cause, checked before the work is done.

* ``check_archive(data, shown)`` — a .docx (or any zip) whose parts inflate beyond
  the limits is refused before anything is unpacked (the 20 MB source limit sees only
  the zipped size: a 187 KB .docx inflated to 100 MB and took 2.3 GB to parse).
  Python's zipfile never inflates a member beyond its declared size (it stops there
  and fails the CRC), so the declared sizes bound the real work.

A PDF page is bounded where it is rendered, in converters/formats/ocr.py
(``render_scale``: a page over 50×50 inches is refused, a large one rendered at a lower
resolution): a 1,661-byte PDF with one 200×200-inch page took 3.5 GB to rasterise.

Limit: MINHBACH_MAX_INFLATED_MB (XML parts of an archive, default 40 MB; all parts:
ten times that).
"""
from __future__ import annotations

import io
import os
import zipfile

from converters import errors

DEFAULT_INFLATED_MB = 40.0  # parsed parts (XML): lxml needs ~20 bytes of memory per byte
ALL_PARTS_FACTOR = 10  # images and other parts are copied, not parsed


class ArchiveTooLarge(errors.ConversionError):
    reason = "tệp nén (.docx) khi giải nén quá lớn, không đọc (có thể là tệp độc hại)"
    advice = "mở tệp bằng Word, lưu lại hoặc xuất ra PDF rồi thay vào sources/"


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



def _mb(n: int) -> str:
    return f"{n / 1024 / 1024:.1f}".replace(".", ",")

