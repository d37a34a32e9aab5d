"""How the site shows a date and a file size: one format, one place (report pages,
cross-pages, citations; the data files keep ISO dates)."""
from __future__ import annotations

import datetime as _dt
import re
from typing import Any

_ISO = re.compile(r"(\d{4})(?:-(\d{1,2})(?:-(\d{1,2}))?)?")


def format_date(value: Any) -> str | None:
    """An ISO date as precise as known → Vietnamese: 10/5/2018, tháng 5/2024, năm 2023
    (None for no date; text that is not an ISO date is shown as it is)."""
    if value is None or value == "":
        return None
    if isinstance(value, _dt.date):
        return f"{value.day}/{value.month}/{value.year}"
    text = str(value).strip()
    m = _ISO.fullmatch(text)
    if not m:
        return text
    year, month, day = m.groups()
    if day:
        return f"{int(day)}/{int(month)}/{year}"
    if month:
        return f"tháng {int(month)}/{year}"
    return f"năm {year}"


def format_size(n: int) -> str:
    """Bytes → "812 byte", "19,3 KB", "2,1 MB" (decimal comma, 1 KB = 1024 byte)."""
    if n < 1024:
        return f"{n} byte"
    for unit in ("KB", "MB", "GB"):
        n /= 1024
        if n < 1024 or unit == "GB":
            text = f"{n:.1f}" if n < 100 else f"{n:.0f}"
            return text.replace(".", ",") + f" {unit}"
    raise AssertionError("unreachable")
