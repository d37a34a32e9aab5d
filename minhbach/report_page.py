"""What a report page shows around its metadata panel: the heading and tab title
("Kế hoạch … — UBND tỉnh Kiên Giang, 2024"), the description shared links show,
a draft's known ký hiệu, the citation line, the original's size, and when the page
was published and last updated on this site.

Plain text everywhere (templates escape). Used by minhbach/mkdocs_hooks.py
(``report_page_info``) and by the cross-pages (``number_text``, ``heading``).
"""
from __future__ import annotations

import datetime as _dt
import os
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from .display import format_date, format_size

DESCRIPTION_CHARS = 300
NO_NUMBER = "chưa ghi số"
# A Party document's number joins its ký hiệu with "-" (111-BC/BDV), a state one with "/".
_PARTY_SYMBOL = re.compile(r"^[A-ZĐ]+/")


def _title(meta: dict[str, Any]) -> str:
    """The title as plain text (the hooks turn page titles into escaped Markup)."""
    title = meta.get("title")
    if hasattr(title, "unescape"):
        title = title.unescape()
    return " ".join(str(title or "").split())


def _first(value: Any) -> str | None:
    if isinstance(value, (list, tuple)):
        value = next((v for v in value if v), None)
    return str(value) if value else None


def number_text(meta: dict[str, Any]) -> str | None:
    """"12/BC-UBND"; for a draft whose ký hiệu is known "…/BC-STTTT (chưa ghi số)";
    None when neither is known."""
    number = meta.get("number")
    if number:
        return str(number)
    symbol = meta.get("symbol")
    if not symbol:
        return None
    joiner = "-" if _PARTY_SYMBOL.match(str(symbol)) else "/"
    return f"…{joiner}{symbol} ({NO_NUMBER})"


def _lower_first(title: str) -> str:
    """"Kết quả thực hiện …" → "kết quả thực hiện …" after a type word; a name
    ("Kiên Giang …", "UBND …") keeps its capitals."""
    words = title.split(" ", 2)
    if (len(words) >= 2 and words[0][:1].isupper() and words[0][1:].islower()
            and words[1][:1].islower()):
        return title[0].lower() + title[1:]
    return title


def _fold(text: str) -> str:
    return " ".join(text.lower().split())


def heading(meta: dict[str, Any]) -> str:
    """The page's heading and tab title: type, title, issuer and year,
    "Kế hoạch thực hiện Chỉ thị … — Ủy ban nhân dân tỉnh Kiên Giang, 2024"."""
    main, tail = heading_parts(meta)
    return f"{main} — {tail}" if tail else main


def heading_parts(meta: dict[str, Any]) -> tuple[str, str]:
    """(type and title, "issuer, year"): the page shows both; the search indexes the first
    only (the issuer and year are the page's filters, not the report's words)."""
    title = _title(meta)
    kind = str(meta.get("type") or "").strip()
    if not title:
        number = number_text(meta)
        title = f"số {number}" if number and meta.get("number") else ""
    if kind and not _fold(title).startswith(_fold(kind)):
        main = f"{kind} {_lower_first(title)}".strip()
    else:
        main = title or "Văn bản chưa có tiêu đề"
    issuer = _first(meta.get("units"))
    year = str(meta.get("issued") or "")[:4]
    return main, ", ".join(x for x in (issuer, year) if x)


def _date_phrase(iso: Any) -> str | None:
    shown = format_date(iso)
    if not shown:
        return None
    return f"ngày {shown}" if shown[:1].isdigit() else shown


def reference(meta: dict[str, Any]) -> str:
    """"Báo cáo số 12/BC-UBND của Sở Nội vụ tỉnh Hà Nam, ngày 10/5/2018" (what
    names the document in a citation, a description, a source link)."""
    bits = [str(meta.get("type") or "Văn bản")]
    number = number_text(meta)
    bits.append(f"số {number}" if number else f"({NO_NUMBER})")
    units = [str(u) for u in (meta.get("units") or []) if u] if isinstance(meta.get("units"), list) \
        else [u for u in [_first(meta.get("units"))] if u]
    if units:
        bits.append("của " + ", ".join(units))
    text = " ".join(bits)
    when = _date_phrase(meta.get("issued"))
    return f"{text}, {when}" if when else text


def description(meta: dict[str, Any]) -> str:
    """One or two sentences for <meta name="description"> and Open Graph: what the
    document is (type, number, issuer, date) and its subject, cut at a word."""
    text = reference(meta)
    title = _title(meta)
    if title:
        text += f": {title}"
    text = " ".join(text.split())
    if len(text) > DESCRIPTION_CHARS:
        cut = text[:DESCRIPTION_CHARS - 1].rsplit(" ", 1)[0].rstrip(",;:")
        text = cut + "…"
    return text if text.endswith(("…", ".")) else text + "."


@dataclass(frozen=True)
class ReportPageInfo:
    """Plain text; dates ISO (``*_iso``) and shown (``*_shown``)."""

    heading_main: str  # type and title (indexed)
    heading_tail: str  # "issuer, year" (shown, not indexed)
    description: str
    number: str | None  # number_text(): number, or the draft's "…/ký hiệu (chưa ghi số)"
    citation: str  # without the URL (the template adds the page's address)
    original_size: str | None
    published_iso: str
    published_shown: str
    updated_iso: str
    updated_shown: str
    sha256: str

    @property
    def heading(self) -> str:
        """The whole heading, as ``heading(meta)`` gives it (tab, header, social tags)."""
        return f"{self.heading_main} — {self.heading_tail}" if self.heading_tail else self.heading_main


# ------------------------------------------------- published / updated on this site
#
# A page's first publication date and the date its source last changed are carried
# from the live site's copy of the page (its <meta name="minhbach:…"> tags), so a
# rebuild of the same sources is byte-identical; a new page, or a page whose source
# changed, gets the build's date (SOURCE_DATE_EPOCH if set, else today, UTC).

_DATED = re.compile(r'<meta name="minhbach:(published|updated|sha256)" content="([^"]*)"')


def build_date() -> str:
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    if epoch and epoch.isdigit():
        return _dt.datetime.fromtimestamp(int(epoch), _dt.timezone.utc).date().isoformat()
    return _dt.datetime.now(_dt.timezone.utc).date().isoformat()


def previous_dates(live_html: Path) -> dict[str, str]:
    """The minhbach:published/updated/sha256 tags of the live site's copy of a page."""
    try:
        with open(live_html, encoding="utf-8", errors="replace") as fh:
            head = fh.read(16384)
    except OSError:
        return {}
    return dict(_DATED.findall(head))


def site_dates(sha256: str, previous: dict[str, str], today: str) -> tuple[str, str]:
    """(published, updated) for a page whose source has ``sha256``."""
    published = previous.get("published") or today
    if previous.get("sha256") == sha256 and previous.get("updated"):
        return published, previous["updated"]
    return published, today if previous.get("sha256") else published


def report_page_info(meta: dict[str, Any], original: Path | None, live_html: Path | None,
                     today: str) -> ReportPageInfo:
    source = meta.get("source") if isinstance(meta.get("source"), dict) else {}
    sha = str(source.get("sha256") or "")
    size = None
    if original is not None:
        try:
            size = format_size(original.stat().st_size)
        except OSError:
            size = None
    published, updated = site_dates(sha, previous_dates(live_html) if live_html else {}, today)
    main, tail = heading_parts(meta)
    return ReportPageInfo(
        heading_main=main,
        heading_tail=tail,
        description=description(meta),
        number=number_text(meta),
        citation=reference(meta),
        original_size=size,
        published_iso=published, published_shown=format_date(published) or published,
        updated_iso=updated, updated_shown=format_date(updated) or updated,
        sha256=sha,
    )
