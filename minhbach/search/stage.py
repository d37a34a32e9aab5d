"""The copy of a built site that Pagefind reads: only the indexed element of each page,
its text spelling "đ" as "d" + U+0335 (see minhbach/search/__init__.py), staged in
/dev/shm or $MINHBACH_STAGING_DIR."""
from __future__ import annotations

import os
import re
import shutil
from pathlib import Path

from converters.text.vietnamese import STROKE, spell_d

# Material's "¶" permalinks would fuse with the heading's last word; the report's
# metadata panel, original-file link and cited-documents list are helper text (their
# values are filters/meta instead); the rest is page chrome that could end up inside
# the article. Only the report's own text reaches excerpts.
EXCLUDE_SELECTORS = (
    ".headerlink",
    ".mb-meta",
    ".mb-original",
    ".mb-cites",
    ".md-source-file",
    ".md-content__button",
    ".md-feedback",
    "nav",
    "script",
    "style",
)

OUTPUT_SUBDIR = "pagefind"

_BODY = re.compile(r"<[a-zA-Z][^>]*\sdata-pagefind-body[\s>=/]")

_FILTER_OPEN = re.compile(r"<[a-zA-Z][^>]*\sdata-pagefind-filter=")
_D = str.maketrans({"đ": "d" + STROKE, "Đ": "D" + STROKE})


_TEXT_WITH_D = re.compile(r"(<[^>]*>)([^<]*[đĐ][^<]*)")


def fold_d_for_index(html: str) -> str:
    """``html`` with "đ"/"Đ" in text spelled "d"/"D" + U+0335, except inside filter elements.

    Tags and attribute values are kept as they are (ids, URLs); filter values keep
    the real letter because the search page shows and filters by them. Only the
    (tag, text) pairs whose text holds a đ are visited (3x faster than walking every
    tag; same output, checked on a 2,206-page synthetic site)."""
    def fold(m: re.Match) -> str:
        tag = m.group(1)
        if _FILTER_OPEN.match(tag) and not tag.endswith("/>"):
            return m.group(0)
        return tag + spell_d(m.group(2))

    return _TEXT_WITH_D.sub(fold, html)


def body_start(html: str) -> int:
    """Where the first element marked ``data-pagefind-body`` starts, or -1.

    The same answer as ``_BODY.search(html)``, found with str.find instead of
    trying the regex at every tag of the page's header and navigation."""
    at = html.find("data-pagefind-body")
    while at != -1:
        lt = html.rfind("<", 0, at)
        if lt != -1:
            m = _BODY.match(html, lt)
            if m:
                return m.start()
        at = html.find("data-pagefind-body", at + 1)
    return -1


STAGING_ENV = "MINHBACH_STAGING_DIR"  # where the staged copy goes; default: see staging_parent
_RAM_DIR = Path("/dev/shm")


RAM_STAGING_MIN_FREE = 2 << 30  # the staged copy is ~14 KB a page: 2 GB hold ~140,000 pages


def staging_parent() -> str | None:
    """Folder for the staged copy of the pages: $MINHBACH_STAGING_DIR, else /dev/shm (a
    RAM file system on Linux) when it has 2 GB free, else the system's temporary folder
    (None). The copy is one small file per page in a folder per page: on a busy disk,
    creating and deleting them cost as much CPU as the staging itself (measured: 2 ms
    per mkdir/unlink/rmdir while other builds shared the disk)."""
    chosen = os.environ.get(STAGING_ENV, "").strip()
    if chosen:
        return chosen
    try:
        if _RAM_DIR.is_dir() and os.access(_RAM_DIR, os.W_OK) \
                and shutil.disk_usage(_RAM_DIR).free >= RAM_STAGING_MIN_FREE:
            return str(_RAM_DIR)
    except OSError:
        pass
    return None


_TITLE = re.compile(r"<title>.*?</title>", re.DOTALL)
_LANG = re.compile(r"<html[^>]*\slang=\"([^\"]+)\"")


def _searchable_part(html: str) -> str:
    """The page reduced to what Pagefind reads: its <title>, its language and the element
    marked ``data-pagefind-body`` (with the rest of the page after it up to the last
    </article>). Header, navigation and scripts — ~40% of a report page — are neither
    staged nor parsed: they were never indexed (only data-pagefind-body is)."""
    start = max(body_start(html), 0)
    end = html.rfind("</article>")
    end = end + len("</article>") if end > start else len(html)
    title = _TITLE.search(html)
    lang = _LANG.search(html)
    return (f'<!doctype html><html lang="{lang.group(1) if lang else "vi"}"><head><meta charset="utf-8">'
            f'{title.group(0) if title else ""}</head><body>{html[start:end]}</body></html>\n')


def _staged(site_dir: Path, staging: Path):
    """Copy every page marked for search into ``staging`` (same relative paths), đ
    spelled for the index; yield (relative path, page HTML, staged HTML) in path order."""
    made: set[Path] = set()
    for path in sorted(site_dir.rglob("*.html")):
        rel = path.relative_to(site_dir)
        if rel.parts[0] == OUTPUT_SUBDIR:
            continue
        html = path.read_text(encoding="utf-8")
        if body_start(html) < 0:
            continue
        folded = fold_d_for_index(_searchable_part(html))
        target = staging / rel
        if target.parent not in made:
            target.parent.mkdir(parents=True, exist_ok=True)
            made.add(target.parent)
        target.write_text(folded, encoding="utf-8")
        yield rel, html, folded


def _stage(site_dir: Path, tmp: Path) -> int:
    """Stage the searchable pages into ``tmp``; how many there are."""
    return sum(1 for _ in _staged(site_dir, tmp))
