"""Where a Document's page lives: stable, readable Vietnamese URLs."""
from __future__ import annotations

import hashlib

from converters.document import Document
from converters.text.vietnamese import slugify  # noqa: F401 (pages.slugify)

REPORTS_DIR = "reports"
NO_PROVINCE = "trung-uong-va-khac"  # central bodies, or province not stated


def province_slug(province: str | None) -> str:
    return slugify(province) if province else NO_PROVINCE


def page_slug(doc: Document) -> str:
    """<year>-<type>-<title words>-<6 hex of the source path>.

    The hash of the source path keeps two reports with the same title apart and
    does not depend on which other reports exist, so URLs survive additions.
    """
    year = (doc.issued or "")[:4]
    head = " ".join(x for x in (year, doc.type or "", doc.title or "") if x)
    digest = hashlib.sha1(doc.source.path.encode("utf-8")).hexdigest()[:6]
    base = slugify(head, max_length=70) or "van-ban"
    return f"{base}-{digest}"


def page_path(doc: Document) -> str:
    """Path of the page's Markdown relative to the docs dir (POSIX)."""
    return f"{REPORTS_DIR}/{province_slug(doc.province)}/{page_slug(doc)}.md"
