"""Cross-pages that connect the reports, generated at build time under the docs dir
(site contract). One module per family, registered once in FAMILIES below: the
generated folders (GENERATED_DIRS, which the pipeline and .gitignore follow) derive from it. Nothing here is committed; each folder is in .gitignore and is
rewritten from scratch on every build.

    reports/index.md                    years and types with counts (links to the year pages)
    reports/nam-<year>.md               one year's reports by type, newest first
    tinh/index.md, tinh/<slug>.md       provinces at issue          page_kind: tinh-index | tinh
    tinh-2025/index.md, <slug>.md       provinces after the merger  page_kind: tinh-2025-index | tinh-2025
    co-quan/index.md, <slug>.md         issuing agencies            page_kind: co-quan-index | co-quan
    dan-van-kheo/index.md               "Dân vận khéo" models       page_kind: dan-van-kheo
    cai-cach-hanh-chinh/index.md        reform figures, table+SVG   page_kind: cai-cach-hanh-chinh
    van-ban/index.md, <slug>.md         documents cited (and every archived report's number)
                                                                    page_kind: van-ban-index | van-ban
    du-lieu/index.md + data files       crosspages/opendata.py         page_kind: du-lieu
    reports/index.md                                                page_kind: bao-cao
    reports/nam-<year>.md, reports/nam-khong-ro.md                  page_kind: bao-cao-nam
    _generated/home.md                  snippet for content/index.md (no front matter: it is included)

Rules: links are relative Markdown links to .md sources (MkDocs resolves them under
any base URL); every text taken from a report is escaped (Markdown and HTML); every
ordering has an explicit key with the page path as the last tie-breaker; the work is
linear in the number of reports (one pass to group, one page per group).
"""
from __future__ import annotations

import shutil
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Callable

from minhbach import pages
from minhbach.crosspages import (agencies, dan_van_kheo, documents, home, opendata, provinces, reform,
                                 reports)
from minhbach.crosspages.base import (NO_PROVINCE_LABEL, Report, Writer, cached_slug, cell, esc, fmt_date,  # noqa: F401
                                      front, heading_id, link, load, newest_first, rel, url_of)


@dataclass(frozen=True)
class Family:
    """A family of generated pages: the folder it owns under the docs dir (emptied and
    rewritten on every build) and the function that writes its pages."""

    folder: str
    write: Callable[[Writer, list[Report]], None]


# In writing order. "reports" owns only its listing pages (index, nam-<year>): the report
# pages themselves sit one folder down (reports/<province>/<slug>.md) and are the pipeline's.
FAMILIES: tuple[Family, ...] = (
    Family(pages.REPORTS_DIR, reports.write_reports_index),
    Family("tinh", provinces.write_provinces),
    Family("tinh-2025", provinces.write_provinces_2025),
    Family("co-quan", agencies.write_agencies),
    Family("dan-van-kheo", dan_van_kheo.write_models),
    Family("cai-cach-hanh-chinh", reform.write_figures),
    Family("van-ban", documents.write_documents),
    Family("du-lieu", opendata.write_all),
    Family("_generated", home.write_home),
)
GENERATED_DIRS = tuple(f.folder for f in FAMILIES if f.folder != pages.REPORTS_DIR)


def generate(reports: list[tuple[str, dict[str, Any]]], docs_dir: Path) -> list[str]:
    """Write cross-pages under ``docs_dir`` for ``reports``: (page path relative to
    docs_dir, front matter dict as converters.frontmatter.front_matter gives it).
    Returns the paths written (docs-dir relative)."""
    docs_dir = Path(docs_dir)
    for folder in GENERATED_DIRS:
        shutil.rmtree(docs_dir / folder, ignore_errors=True)
    for listing in (docs_dir / pages.REPORTS_DIR).glob("*.md"):
        listing.unlink()
    items = load(reports)
    out = Writer(docs_dir)
    for family in FAMILIES:
        family.write(out, items)
    return out.written
