"""The Pagefind index of a built site (owned by the search issue).

``minhbach.search.index_site(site_dir)`` runs the Pagefind binary bundled with the ``pagefind[bin]``
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
overrides/partials/search-attrs.html (names declared per field in converters/fields.py).

The package (Python side of the search; the browser side is content/assets/search/):
``stage`` the copy of the pages Pagefind reads, ``pagefind`` running the binary,
``parts`` the index in parts and parts.json, ``words`` the word → parts map,
``canon`` Pagefind's filter files in canonical order (deterministic output).
"""
from __future__ import annotations

import json
import shutil
import tempfile
from pathlib import Path

from converters.text.vietnamese import STROKE, fold_word as fold  # noqa: F401

from minhbach.search.pagefind import (JOBS_ENV, PAGEFIND_VERSION, IndexSummary, SearchIndexError,  # noqa: F401
                                      _index, index_jobs, pagefind_binary)
from minhbach.search.parts import (CROSS_PART, HEAD_BUCKET, HEAD_PAGES, INPUTS_FILE,  # noqa: F401
                                   PARTITION_THRESHOLD, PARTITIONS_ENV, PARTS_MANIFEST, SHARED_WASM,
                                   UNDATED_PART, StagedPage, index_part, index_site_partitioned, part_order,
                                   split_parts, stage_pages, wants_partitions, write_parts_manifest)
from minhbach.search.stage import (_BODY, EXCLUDE_SELECTORS, OUTPUT_SUBDIR, RAM_STAGING_MIN_FREE,  # noqa: F401
                                   STAGING_ENV, _stage, body_start, fold_d_for_index, staging_parent)
from minhbach.search.words import (WORDS_DIR, WORDS_FILE, WORDS_FORMAT, word_tokens,  # noqa: F401
                                   write_vocabulary, write_word_map)


def index_site(site_dir: Path, previous: Path | None = None) -> IndexSummary:
    """Index ``site_dir`` in place; the index lands in ``site_dir/pagefind``.

    Above PARTITION_THRESHOLD indexed pages (or with MINHBACH_SEARCH_PARTITIONS=on)
    the index is written in parts (index_site_partitioned); ``previous`` (the site
    this build replaces) lets unchanged parts be copied instead of indexed."""
    site_dir = Path(site_dir).resolve()
    if not site_dir.is_dir():
        raise SearchIndexError(f"{site_dir}: không có thư mục trang web để lập chỉ mục tìm kiếm")
    if wants_partitions(site_dir):
        return index_site_partitioned(site_dir, previous)
    output = site_dir / OUTPUT_SUBDIR
    if output.exists():
        shutil.rmtree(output)
    with tempfile.TemporaryDirectory(prefix="minhbach-pagefind-", dir=staging_parent()) as tmp:
        staged = _stage(site_dir, Path(tmp))
        pages = _index(Path(tmp), output) if staged else 0
    if staged and pages != staged:
        raise SearchIndexError(
            f"{site_dir}: Pagefind lập chỉ mục {pages} trang, nhưng có {staged} trang cần tìm kiếm")
    if staged and not (output / "pagefind-entry.json").is_file():
        raise SearchIndexError(f"{site_dir}: Pagefind không ghi được chỉ mục tìm kiếm vào {output}")
    if staged:
        write_single_manifest(output, pages)
    return IndexSummary(pages=pages, output=output)


def write_single_manifest(bundle: Path, pages: int) -> None:
    """parts.json of a single index: ``{"version": 2, "single": true, "words": …}``, no
    "parts". The search page always finds the manifest (no 404 on a small site) and,
    through the word map of the one bundle (WORDS_FILE at its top, key ""), answers a
    query with a word found nowhere with nothing, as a partitioned index does (Pagefind
    alone would answer "xyzkhongco" with the pages holding "x")."""
    write_vocabulary(bundle, pages)
    words = write_word_map(bundle, [""])
    (bundle / PARTS_MANIFEST).write_text(
        json.dumps({"version": 2, "single": True, "words": words}, ensure_ascii=False,
                   separators=(",", ":")) + "\n", encoding="utf-8")
