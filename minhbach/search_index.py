"""The Pagefind index of a built site (owned by the search issue).

``index_site(site_dir)`` runs the Pagefind binary bundled with the ``pagefind[bin]``
package (no download at run time) through its Python API and writes the index to
``site_dir/pagefind``.

Pagefind (1.5) folds tone marks (NFD, combining marks dropped) but not "đ", a base
letter. So the index is built from a copy of every indexed page in which the text
(not tags, not filter values) spells "đ"/"Đ" as "d"/"D" + U+0335 COMBINING SHORT
STROKE OVERLAY: Pagefind drops the mark, so "dang uy" matches "Đảng ủy" with one
plain search, while the exact form stays a diacritic variant, so "đảng ủy" (which
the search page rewrites the same way) still ranks exact spellings first. The
served pages are untouched; the search page turns "d\u0335" back into "đ" in what
it shows (titles, excerpts, meta).

What gets indexed is decided by the HTML, not here: only pages that carry
``data-pagefind-body`` (report pages and cross-pages, see overrides/main.html), and
inside them everything except ``data-pagefind-ignore`` elements and the selectors in
``EXCLUDE_SELECTORS``. Filters, metadata and the date sort come from
overrides/partials/search-attrs.html (names listed in FILTERS / META / SORTS).
"""
from __future__ import annotations

import json
import os
import re
import subprocess
import sys
import shutil
import tempfile
from dataclasses import dataclass
from pathlib import Path

from .pagefind_canon import canonicalise

# Names shared with overrides/partials/search-attrs.html and content/assets/search/search.js.
FILTERS = ("tinh", "tinh_2025", "co_quan", "loai", "nam", "nhom")
META = ("title", "loai", "so", "co_quan", "tinh", "ngay")
SORTS = ("ngay",)

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
# scripts/setup.sh installs this release's binary into the venv (npm @pagefind/linux-x64,
# sha256-checked); PyPI's pagefind[bin] (1.5.2) is the fallback.
PAGEFIND_VERSION = "1.6.0"
_BODY = re.compile(r"<[a-zA-Z][^>]*\sdata-pagefind-body[\s>=/]")
STROKE = "\u0335"  # COMBINING SHORT STROKE OVERLAY

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
        return tag + m.group(2).translate(_D)

    return _TEXT_WITH_D.sub(fold, html)


class SearchIndexError(RuntimeError):
    """Pagefind could not index the built site."""


@dataclass(frozen=True)
class IndexSummary:
    pages: int
    output: Path


def index_site(site_dir: Path) -> IndexSummary:
    """Index ``site_dir`` in place; the index lands in ``site_dir/pagefind``."""
    site_dir = Path(site_dir).resolve()
    if not site_dir.is_dir():
        raise SearchIndexError(f"{site_dir}: không có thư mục trang web để lập chỉ mục tìm kiếm")
    output = site_dir / OUTPUT_SUBDIR
    if output.exists():
        shutil.rmtree(output)
    with tempfile.TemporaryDirectory(prefix="minhbach-pagefind-") as tmp:
        staged = _stage(site_dir, Path(tmp))
        pages = _index(Path(tmp), output) if staged else 0
    if staged and pages != staged:
        raise SearchIndexError(
            f"{site_dir}: Pagefind lập chỉ mục {pages} trang, nhưng có {staged} trang cần tìm kiếm")
    if staged and not (output / "pagefind-entry.json").is_file():
        raise SearchIndexError(f"{site_dir}: Pagefind không ghi được chỉ mục tìm kiếm vào {output}")
    return IndexSummary(pages=pages, output=output)


def _stage(site_dir: Path, tmp: Path) -> int:
    """Copy every page marked for search into ``tmp`` (same relative paths), đ spelled for the index."""
    count = 0
    for path in sorted(site_dir.rglob("*.html")):
        rel = path.relative_to(site_dir)
        if rel.parts[0] == OUTPUT_SUBDIR:
            continue
        html = path.read_text(encoding="utf-8")
        if not _BODY.search(html):
            continue
        target = tmp / rel
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(fold_d_for_index(html), encoding="utf-8")
        count += 1
    return count


def pagefind_binary() -> Path | None:
    """The pinned Pagefind binary when scripts/setup.sh installed it, else None."""
    path = Path(sys.prefix) / "lib" / f"pagefind-{PAGEFIND_VERSION}" / "pagefind_extended"
    return path if path.is_file() else None


def _pagefind_env() -> dict[str, str]:
    env = dict(os.environ)
    binary = pagefind_binary()
    if binary is not None and "PAGEFIND_BINARY_PATH" not in env:
        env["PAGEFIND_BINARY_PATH"] = str(binary)
    return env


def _index(site_dir: Path, output: Path) -> int:
    """Run the bundled Pagefind binary as a command and wait for it to finish.

    The command, not the Python service API: leaving the API's context manager
    could stop the service while it was still writing (measured: a 0-byte
    pagefind-component-ui.css on a second run), and the command's exit status
    says whether everything was written."""
    cmd = [
        sys.executable, "-m", "pagefind",
        "--site", str(site_dir),
        "--output-path", str(output),
        "--force-language", "vi",
        "--exclude-selectors", ", ".join(EXCLUDE_SELECTORS),
        "--quiet",
    ]
    done = subprocess.run(cmd, capture_output=True, text=True, env=_pagefind_env())
    if done.returncode != 0:
        detail = (done.stderr or done.stdout).strip().splitlines()[-1:] or ["?"]
        raise SearchIndexError(f"{site_dir}: Pagefind dừng với mã {done.returncode}: {detail[0]}")
    entry = json.loads((output / "pagefind-entry.json").read_text(encoding="utf-8"))
    canonicalise(output)
    return sum(int(lang.get("page_count", 0)) for lang in entry["languages"].values())
