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

import functools
import gzip
import hashlib
import json
import os
import re
import subprocess
import sys
import shutil
import tempfile
import unicodedata
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

from converters.text.vietnamese import STROKE, spell_d
from converters.text.vietnamese import fold_word as fold  # noqa: F401 (search_index.fold: tests, scripts)

from .pagefind_canon import canonicalise, filter_counts

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


class SearchIndexError(RuntimeError):
    """Pagefind could not index the built site."""


@dataclass(frozen=True)
class IndexSummary:
    pages: int
    output: Path


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
    return IndexSummary(pages=pages, output=output)


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


# ---------------------------------------------------------------- partitioned index
#
# One Pagefind run over 20,000 reports needs ~9 GB of RAM and its common queries
# score every matching page (BENCHMARKS.md, Scale). Above PARTITION_THRESHOLD pages
# the index is written in parts instead: one per year of issue (filter ``nam``),
# one for undated reports, one for cross-pages (filter nhom = "Trang tổng hợp"),
# each its own Pagefind bundle in ``pagefind/<key>/``, listed newest first in
# ``pagefind/parts.json`` (with every filter's values and counts, and per part the
# values of its small filters). content/assets/search/partitioned-index.js streams
# them to the search page in the order a query needs (search.js shows the first page
# as soon as it is final). A year above MAX_PART_PAGES is cut into date-contiguous
# buckets (quarters, then months), so the parts stay disjoint in date and their
# sorted lists, concatenated in manifest order, are the global date order; the
# cross-pages above it into hash buckets. A part whose staged pages (and Pagefind
# version) hash to the digest kept in the previous site's part is copied instead of
# indexed again. All parts share one pagefind.js and one WebAssembly file (share_wasm).

PARTITION_THRESHOLD = 3000   # indexed pages above which "auto" partitions
PARTITIONS_ENV = "MINHBACH_SEARCH_PARTITIONS"  # "auto" (default) | "on" | "off"
# A year above this is cut into quarters, then months. The search page answers a
# common query from the newest part(s) first (BENCHMARKS.md, Scale): what it costs
# before the first results grows with the pages of the first part that match.
MAX_PART_PAGES = 800
# The newest part is searched first by every query, and what Pagefind costs there grows
# with its matching pages (its scoring of a common query in a part of ~370 pages took
# ~100-240 ms, more than fetching it; BENCHMARKS.md, Scale). So when the newest part
# holds more than twice this, its newest HEAD_PAGES pages form a part of their own, the
# head ("<year>-moi"), searched before it; a common query's first page comes from there.
HEAD_PAGES = 100
HEAD_BUCKET = "moi"
# parts.json lists, per part, the values (and page counts) of the filters that have at
# most this many values in the part (year, page group, document type): the search page
# skips parts that cannot match a filter without loading them.
PART_FILTER_VALUES = 24
PARTS_MANIFEST = "parts.json"
INPUTS_FILE = "inputs.sha256"  # digest of a part's staged pages, kept in its bundle
DATES_FILE = "dates.json"      # [first, last] sort value of a part's pages, for the manifest
CROSS_PART = "tong-hop"
UNDATED_PART = "khong-ro-nam"
_CROSS = re.compile(r'data-pagefind-filter="nhom"[^>]*>\s*Trang tổng hợp\s*<')
_YEAR = re.compile(r'data-pagefind-filter="nam"[^>]*>\s*(\d{4})\s*<')
_SORT_DATE = re.compile(r'data-pagefind-sort="ngay"[^>]*>\s*([^<\s]+)\s*<')
_PROBE = ('<!doctype html><html lang="vi"><head><meta charset="utf-8"><title>x</title></head>'
          '<body><main data-pagefind-body><p>minhbach</p></main></body></html>')


def wants_partitions(site_dir: Path) -> bool:
    """Env MINHBACH_SEARCH_PARTITIONS "on"/"off", or "auto" (the default): more than
    PARTITION_THRESHOLD indexed pages."""
    mode = os.environ.get(PARTITIONS_ENV, "auto").strip().lower() or "auto"
    if mode not in ("auto", "on", "off"):
        raise SearchIndexError(f"{PARTITIONS_ENV}={mode!r}: chỉ nhận auto, on hoặc off")
    if mode != "auto":
        return mode == "on"
    return _count_searchable(site_dir, PARTITION_THRESHOLD + 1) > PARTITION_THRESHOLD


def _count_searchable(site_dir: Path, stop: int) -> int:
    """Indexed pages of ``site_dir``, counting stops at ``stop``."""
    count = 0
    for path in site_dir.rglob("*.html"):
        if path.relative_to(site_dir).parts[0] == OUTPUT_SUBDIR:
            continue
        if body_start(path.read_text(encoding="utf-8")) >= 0:
            count += 1
            if count >= stop:
                break
    return count


@dataclass(frozen=True)
class StagedPage:
    rel: Path
    key: str           # year, UNDATED_PART or CROSS_PART (before splitting)
    date: str          # the page's sort value ("" when none)
    digest: str        # sha256 of the staged (đ-folded) HTML


def partition_key(html: str) -> tuple[str, str]:
    """(part, sort date) of one indexed page, from what the page itself says."""
    date = _SORT_DATE.search(html)
    date = date.group(1) if date else ""
    if _CROSS.search(html):
        return CROSS_PART, date
    year = _YEAR.search(html)
    return (year.group(1) if year else UNDATED_PART), date


def stage_pages(site_dir: Path, staging: Path) -> list[StagedPage]:
    """Stage every searchable page of ``site_dir`` into ``staging`` (same relative
    paths, đ folded as in _stage) and say which part each belongs to."""
    out = []
    for rel, html, folded in _staged(site_dir, staging):
        key, date = partition_key(html)
        out.append(StagedPage(rel, key, date, hashlib.sha256(folded.encode("utf-8")).hexdigest()))
    return out


def split_parts(pages: list[StagedPage], max_pages: int | None = None,
                head_pages: int | None = None) -> dict[str, list[StagedPage]]:
    """Group pages into parts; a year above ``max_pages`` is cut into quarters
    ("2024-q4"), a quarter still above it into months ("2024-m11"; a month is the
    finest cut). Reports dated by year only sort first within the year, so they go
    to the first bucket. The newest part, above twice ``head_pages`` (default
    HEAD_PAGES; 0: never), gives its newest ``head_pages`` pages to the head part
    ("2024-moi")."""
    max_pages = MAX_PART_PAGES if max_pages is None else max_pages
    head_pages = HEAD_PAGES if head_pages is None else head_pages
    groups: dict[str, list[StagedPage]] = {}
    for p in pages:
        groups.setdefault(p.key, []).append(p)
    parts: dict[str, list[StagedPage]] = {}
    for key, group in groups.items():
        if len(group) > max_pages and not key.isdigit():
            # No dates to cut by (cross-pages: one per cited document, ~1 per report):
            # buckets by a hash of the path, 2^k of them, so a new page changes one
            # bucket and the count changes only when the pages double.
            buckets = 1
            while len(group) > buckets * max_pages:
                buckets *= 2
            for p in group:
                b = int(hashlib.sha256(p.rel.as_posix().encode("utf-8")).hexdigest(), 16) % buckets
                parts.setdefault(f"{key}-{b + 1:03d}", []).append(p)
            continue
        if not key.isdigit() or len(group) <= max_pages:
            parts[key] = group
            continue
        month = lambda p: int(p.date[5:7]) if len(p.date) >= 7 and p.date[5:7].isdigit() else 1  # noqa: E731
        quarters: dict[int, list[StagedPage]] = {}
        for p in group:
            quarters.setdefault((month(p) - 1) // 3 + 1, []).append(p)
        for q, qpages in quarters.items():
            if len(qpages) <= max_pages:
                parts[f"{key}-q{q}"] = qpages
                continue
            for p in qpages:
                parts.setdefault(f"{key}-m{month(p):02d}", []).append(p)
    dated = sorted((k for k in parts if _year_part(k)), key=part_order)
    if dated and head_pages and len(parts[dated[0]]) > 2 * head_pages:
        newest = parts[dated[0]]
        # newest by sort date, ties by path: the head's dates all follow the rest's, so
        # the parts stay disjoint in date (a shared boundary date is allowed)
        head = {p.rel for p in sorted(newest, key=lambda p: (p.date, p.rel.as_posix()), reverse=True)[:head_pages]}
        parts[f"{dated[0][:4]}-{HEAD_BUCKET}"] = [p for p in newest if p.rel in head]  # path order kept
        parts[dated[0]] = [p for p in newest if p.rel not in head]
    return parts


def _year_part(key: str) -> bool:
    """Whether ``key`` is a part of reports of one year ("2024", "2024-q4", "2024-m11")."""
    return key[:4].isdigit() and (len(key) == 4 or key[4] == "-")


def part_order(key: str) -> tuple:
    """Manifest order: newest year (and bucket) first, then any other part (e.g.
    built elsewhere, per province) by name, then undated reports, then cross-pages."""
    year, _, bucket = key.partition("-")
    if _year_part(key):
        # a bucket sorts by its last month: quarter q → 3q, month mNN → NN; the head
        # (newest pages of the year) before every other part of the year
        last = (14 if bucket == HEAD_BUCKET
                else int(bucket[1:]) * (3 if bucket[:1] == "q" else 1) if bucket[1:].isdigit() else 13)
        return (0, -int(year), -last, key)
    return ({UNDATED_PART: 2, CROSS_PART: 3}.get(_unbucketed(key), 1), 0, 0, key)


def _unbucketed(key: str) -> str:
    """A part's key without its hash bucket ("tong-hop-003" → "tong-hop")."""
    return re.sub(r"-\d{3}$", "", key)


# ---------------------------------------------------------------- word → parts map
#
# A query whose words are rare (or absent) would have to search every part. Each part
# therefore keeps its vocabulary (WORDS_FILE: every folded token of its pages, sorted,
# one a line), written by index_part; write_parts_manifest turns the vocabularies into
# a site-level map in WORDS_DIR (write_word_map). content/assets/search/word-map.js
# fetches the shards of a query's words and the search page skips the parts that
# cannot hold every word: Pagefind matches a query word as the prefix of indexed words,
# so a part may hold a word when one of its tokens starts with the folded word.
#
# The vocabulary must hold at least what Pagefind can match in the part, or results
# would be lost without a trace; more is harmless (a part searched for nothing). It is
# read from what Pagefind itself kept of each page, its fragment (the page's text as
# indexed, word by word: ignored and excluded elements already left out, inline
# elements joined, block elements apart; and the metadata values, which Pagefind 1.6
# indexes as words too), not guessed again from the HTML. Pagefind indexes each word
# whole and also cut at punctuation, case changes ("WKWebView") and digits ("ND15");
# each word here gives its full fold, the fold of each piece between punctuation, and
# the fold of the rest of the word from every place Pagefind might cut it, so any
# token Pagefind makes is one of these or a prefix of one (checked against the
# decoded index in tests/test_search_words.py). 0.3 s per 1,000 pages.

WORDS_FILE = "words.txt"
WORDS_DIR = "words"
WORDS_FORMAT = 1  # of WORDS_FILE and the shards: in every part's inputs digest and in parts.json
WORDS_PREFIX = 2  # characters of a token that name its shard; shorter tokens are left out

_FRAGMENT_MAGIC = "pagefind_dcd"
_JSON = json.JSONDecoder()


@functools.lru_cache(maxsize=1 << 16)
def word_tokens(word: str) -> frozenset[str]:
    """The folded tokens of one whitespace-separated word of a page's indexed text (see
    above). Cached: the parts of a site share most of their words (index_site_partitioned
    empties the cache when done)."""
    word = word.replace(STROKE, "")
    if word.isalpha() and (word.islower() or word.isupper() or word[1:].islower()):
        f = fold(word)  # one plain word, no cut anywhere: the usual case
        return frozenset((f,) if f else ())
    # kind of each character: u/l/L upper, lower, uncased letter; N digit; M mark (goes
    # with its letter); " " anything else (punctuation, symbols): a cut
    kinds = []
    for c in word:
        cat = unicodedata.category(c)[0]
        kinds.append(("u" if c.isupper() else "l" if c.islower() else "L") if cat == "L"
                     else cat if cat in "NM" else " ")
    out = {fold(word)}
    prev, piece = " ", 0  # kind of the last character that is not a mark; where the piece began
    for i, k in enumerate(kinds):
        if k == "M":
            continue
        if k == " ":
            if prev != " ":
                out.add(fold(word[piece:i]))  # a piece between punctuation
        elif (prev == " " or (prev == "l" and k == "u") or ((prev == "N") != (k == "N"))
              or (prev == "u" and k == "u" and _next_kind(kinds, i) == "l")):
            if prev == " ":
                piece = i
            out.add(fold(word[i:]))  # the rest of the word from a place it may be cut
        prev = k
    if prev != " ":
        out.add(fold(word[piece:]))
    out.discard("")
    return frozenset(out)


def _next_kind(kinds: list[str], i: int) -> str:
    """Kind of the first character after ``i`` that is not a mark (" " at the end)."""
    for k in kinds[i + 1:]:
        if k != "M":
            return k
    return " "


def _fragment_text(path: Path) -> tuple[str, dict]:
    """(content, meta) of one page's Pagefind fragment (gzip of "pagefind_dcd" + JSON).
    Only those two values are decoded (the anchors repeat the whole text), unless the
    file is not laid out as Pagefind 1.6 writes it."""
    raw = gzip.decompress(path.read_bytes()).decode("utf-8")
    if not raw.startswith(_FRAGMENT_MAGIC):
        raise SearchIndexError(f"{path}: không phải tệp fragment của Pagefind")
    try:
        # in JSON a quote inside a string is escaped: '"content":' is the key; filter
        # values are lists, so '"meta":{' is the metadata object
        content, _ = _JSON.raw_decode(raw, raw.index('"content":') + len('"content":'))
        meta, _ = _JSON.raw_decode(raw, raw.index('"meta":{') + len('"meta":'))
        if isinstance(content, str) and isinstance(meta, dict):
            return content, meta
    except ValueError:
        pass
    data = json.loads(raw[len(_FRAGMENT_MAGIC):])
    return data["content"], data.get("meta") or {}


def bundle_vocabulary(bundle: Path, pages: int | None = None) -> set[str]:
    """The folded tokens of every page indexed in the Pagefind bundle ``bundle``: its
    pages' indexed text and metadata values, read from its fragments (one a page:
    ``pages``, when given, is checked)."""
    fragments = sorted((bundle / "fragment").glob("*.pf_fragment"))
    if pages is not None and len(fragments) != pages:
        raise SearchIndexError(f"{bundle}: {len(fragments)} tệp fragment cho {pages} trang, "
                               "không lập được danh sách từ của phần")
    words: set[str] = set()
    for path in fragments:
        content, meta = _fragment_text(path)
        words.update(content.split())
        for value in meta.values():
            words.update(str(value).split())
    tokens: set[str] = set()
    for word in words:
        tokens |= word_tokens(word)
    return tokens


def write_vocabulary(bundle: Path, pages: int | None = None) -> None:
    """Write WORDS_FILE of the bundle ``bundle`` (of ``pages`` pages): its vocabulary,
    sorted, one token a line."""
    tokens = sorted(bundle_vocabulary(bundle, pages))
    (bundle / WORDS_FILE).write_text("".join(t + "\n" for t in tokens), encoding="utf-8")


def index_part(staged: Path, output: Path, digest: str | None = None) -> int:
    """Index one part's staged pages (a folder of đ-folded pages, see stage_pages)
    into the bundle ``output``: the same Pagefind command and canonicalisation as the
    single index, plus DATES_FILE (first and last sort date, for the manifest),
    WORDS_FILE (the part's vocabulary, for the word map) and ``digest`` (see
    index_site_partitioned) for the next build. Pages indexed."""
    pages = _index(staged, output)
    if not (output / "pagefind-entry.json").is_file():
        raise SearchIndexError(f"{staged}: Pagefind không ghi được chỉ mục tìm kiếm vào {output}")
    dates = sorted(m.group(1) for path in staged.rglob("*.html")
                   for m in [_SORT_DATE.search(path.read_text(encoding="utf-8"))] if m)
    (output / DATES_FILE).write_text(json.dumps([dates[0], dates[-1]] if dates else []) + "\n",
                                     encoding="utf-8")
    write_vocabulary(output, pages)
    if digest:
        (output / INPUTS_FILE).write_text(digest + "\n", encoding="utf-8")
    return pages


# Pagefind's prebuilt interfaces, written into every bundle: the search page has its own
# (content/assets/search/) and never loads them; ~430 KB a part, ~38 MB at 20,000 reports.
UI_FILES = ("pagefind-ui.js", "pagefind-ui.css", "pagefind-modular-ui.js", "pagefind-modular-ui.css",
            "pagefind-component-ui.js", "pagefind-component-ui.css", "pagefind-highlight.js")


def drop_ui_files(bundle: Path) -> None:
    """Remove Pagefind's interface files (UI_FILES) from a part's bundle. A part stays a
    bundle Pagefind's JS API can search on its own (pagefind.js, worker, WebAssembly)."""
    for name in UI_FILES:
        (Path(bundle) / name).unlink(missing_ok=True)


def write_parts_manifest(pagefind_dir: Path) -> list[dict]:
    """Write ``pagefind_dir/parts.json`` for the part bundles found in it (each a
    sub-folder with pagefind-entry.json, indexed here or built elsewhere and copied
    in), newest first. Each entry: key, path, pages, kind, dates [first, last] of
    its sort values (null when it has none; read from DATES_FILE when present),
    filters {name: {value: pages}} for the filters with at most PART_FILTER_VALUES
    values in the part. Top level: filters, every filter's values and page counts
    over all parts (what the search page lists before a search, without loading
    any part); words, how to find the word map (write_word_map). Pagefind's interface
    files are removed from the parts (drop_ui_files)."""
    found = []
    totals: dict[str, dict[str, int]] = {}
    if (Path(pagefind_dir) / WORDS_DIR / "pagefind-entry.json").is_file():
        raise SearchIndexError(f"{pagefind_dir}: phần chỉ mục không được tên là {WORDS_DIR!r} "
                               "(tên thư mục của bản đồ từ)")
    for sub in sorted(p for p in Path(pagefind_dir).iterdir() if (p / "pagefind-entry.json").is_file()):
        drop_ui_files(sub)
        counts = filter_counts(sub)
        found.append((sub, counts))
        for name, values in counts.items():
            mine = totals.setdefault(name, {})
            for value, n in values.items():
                mine[value] = mine.get(value, 0) + n
    entries = []
    for sub, counts in found:
        entry = json.loads((sub / "pagefind-entry.json").read_text(encoding="utf-8"))
        pages = sum(int(lang.get("page_count", 0)) for lang in entry["languages"].values())
        dates = None
        if (sub / DATES_FILE).is_file():
            dates = json.loads((sub / DATES_FILE).read_text(encoding="utf-8")) or None
        # a name missing here means "too many values to list": the part may hold any
        small = {name: dict(sorted(counts.get(name, {}).items())) for name in sorted(totals)
                 if len(counts.get(name, {})) <= PART_FILTER_VALUES}
        entries.append({"key": sub.name, "path": f"{sub.name}/", "pages": pages,
                        "kind": "cross" if _unbucketed(sub.name) == CROSS_PART else "reports", "dates": dates,
                        "filters": small})
    entries.sort(key=lambda e: part_order(e["key"]))
    share_wasm(Path(pagefind_dir), [e["key"] for e in entries])
    totals = {name: dict(sorted(values.items())) for name, values in sorted(totals.items())}
    words = write_word_map(Path(pagefind_dir), [e["key"] for e in entries])
    (Path(pagefind_dir) / PARTS_MANIFEST).write_text(
        json.dumps({"version": 2, "filters": totals, "parts": entries, "words": words},
                   ensure_ascii=False, separators=(",", ":")) + "\n", encoding="utf-8")
    return entries


def shard_name(prefix: str) -> str:
    """File name of the shard of the tokens starting with ``prefix``: the hex of its
    UTF-8 bytes (a safe URL whatever the letters), as word-map.js computes it."""
    return prefix.encode("utf-8").hex() + ".json"


def write_word_map(pagefind_dir: Path, keys: list[str]) -> dict:
    """Write the word map of the parts ``keys`` (manifest order) into
    ``pagefind_dir/WORDS_DIR`` (replacing any there) from their WORDS_FILE: one shard per
    WORDS_PREFIX-character prefix (shard_name), {token: [indexes in ``keys`` of the parts
    holding it] or "*" when every part holds it}, tokens and indexes sorted; tokens
    shorter than the prefix are left out (the search page never skips a part for them).
    Returns parts.json's "words" entry: version, path, prefixes (of the shards written,
    space-separated: a prefix not listed has no token) and always (keys of the parts
    without WORDS_FILE, e.g. built by an older minhbach: they may hold any word)."""
    out = pagefind_dir / WORDS_DIR
    if out.exists():
        shutil.rmtree(out)
    out.mkdir()
    holders: dict[str, list[int]] = {}
    always = []
    known = 0
    for i, key in enumerate(keys):
        path = pagefind_dir / key / WORDS_FILE
        if not path.is_file():
            always.append(key)
            continue
        known += 1
        for token in path.read_text(encoding="utf-8").split("\n"):
            if len(token) >= WORDS_PREFIX:
                holders.setdefault(token, []).append(i)
    shards: dict[str, dict[str, list[int] | str]] = {}
    for token in sorted(holders):
        parts = holders[token]
        shards.setdefault(token[:WORDS_PREFIX], {})[token] = "*" if len(parts) == known else parts
    for prefix, tokens in shards.items():
        (out / shard_name(prefix)).write_text(
            json.dumps(tokens, ensure_ascii=False, separators=(",", ":")) + "\n", encoding="utf-8")
    return {"version": WORDS_FORMAT, "path": f"{WORDS_DIR}/", "prefixes": " ".join(shards),
            "always": always}


SHARED_WASM = "wasm.unknown.pagefind"


def share_wasm(pagefind_dir: Path, keys: list[str]) -> None:
    """Let every part load one copy of Pagefind's WebAssembly (54 KB, the same bytes in
    every bundle of one Pagefind version) instead of its own: the browser would fetch
    it once per part searched. The first part's copy goes to ``pagefind/`` and each
    part whose copy is identical names it in its entry file; Pagefind fetches
    ``<part>/wasm.<name>.pagefind``, so the name climbs out of the part's folder
    ("unknown/../../wasm.unknown" → pagefind/wasm.unknown.pagefind; URLs resolve the
    dot segments). One WASM module serves all instances in Pagefind's worker anyway.
    The first part's pagefind.js is copied to ``pagefind/`` as well."""
    own = [pagefind_dir / key / SHARED_WASM for key in keys]
    own = [w for w in own if w.is_file()]
    if not own:
        return
    # The module too: the search page preloads pagefind/pagefind.js (a small site's
    # single bundle has it there), so it is fetched while the page itself loads.
    shutil.copyfile(own[0].parent / "pagefind.js", pagefind_dir / "pagefind.js")
    shared = pagefind_dir / SHARED_WASM
    shutil.copyfile(own[0], shared)
    data = shared.read_bytes()
    for wasm in own:
        if wasm.read_bytes() != data:
            continue
        entry_path = wasm.parent / "pagefind-entry.json"
        entry = json.loads(entry_path.read_text(encoding="utf-8"))
        for info in entry["languages"].values():
            if info.get("wasm") in (None, "unknown", "unknown/../../wasm.unknown"):
                info["wasm"] = "unknown/../../wasm.unknown"
        entry_path.write_text(json.dumps(entry, ensure_ascii=False, separators=(",", ":")), encoding="utf-8")


def _pagefind_version(tmp: Path) -> str:
    """The version of the Pagefind that _index runs (one tiny run): part digests
    include it, so a new Pagefind re-indexes every part (one JS/WASM for all)."""
    probe = tmp / "probe"
    (probe / "site").mkdir(parents=True)
    (probe / "site" / "index.html").write_text(_PROBE, encoding="utf-8")
    _index(probe / "site", probe / "out")
    version = json.loads((probe / "out" / "pagefind-entry.json").read_text(encoding="utf-8"))["version"]
    shutil.rmtree(probe)
    return version


def _thousands(n: int) -> str:
    return f"{n:,}".replace(",", ".")


JOBS_ENV = "MINHBACH_SEARCH_JOBS"  # parts indexed at once; default: the cores, at most 4


def index_jobs() -> int:
    """How many parts are indexed at once: $MINHBACH_SEARCH_JOBS, else the number of
    cores (at most 4: each run holds its part in memory)."""
    value = os.environ.get(JOBS_ENV, "").strip()
    if value:
        if not value.isdigit() or int(value) < 1:
            raise SearchIndexError(f"{JOBS_ENV}={value!r}: cần một số nguyên dương")
        return int(value)
    return max(1, min(os.cpu_count() or 1, 4))


def index_site_partitioned(site_dir: Path, previous: Path | None = None,
                           max_pages: int | None = None) -> IndexSummary:
    """Index ``site_dir`` as parts under ``site_dir/pagefind/<key>/`` plus parts.json.

    ``previous``: the site this build replaces (the live site); a part whose inputs
    digest equals the one in ``previous/pagefind/<key>/`` is copied from there.
    ``max_pages``: see split_parts (default MAX_PART_PAGES)."""
    site_dir = Path(site_dir).resolve()
    output = site_dir / OUTPUT_SUBDIR
    if previous is not None:
        previous = Path(previous).resolve()
        if previous == site_dir or not (previous / OUTPUT_SUBDIR / PARTS_MANIFEST).is_file():
            previous = None
    if output.exists():
        shutil.rmtree(output)
    total = 0
    with tempfile.TemporaryDirectory(prefix="minhbach-pagefind-", dir=staging_parent()) as tmp:
        tmp = Path(tmp)
        pages = stage_pages(site_dir, tmp / "all")
        if not pages:
            return IndexSummary(pages=0, output=output)
        output.mkdir(parents=True)
        # what makes a part's bundle besides its pages: a change re-indexes every part
        tool = f"pagefind {_pagefind_version(tmp)}\n{', '.join(EXCLUDE_SELECTORS)}\nwords {WORDS_FORMAT}\n"
        parts = split_parts(pages, max_pages)
        order = sorted(parts, key=part_order)
        reused: dict[str, bool] = {}
        todo: dict[str, tuple[Path, str]] = {}
        for key in order:
            group = parts[key]
            h = hashlib.sha256(tool.encode("utf-8"))
            for p in group:  # sorted by path: stage_pages walks in sorted order
                h.update(f"{p.rel.as_posix()}\0{p.digest}\n".encode("utf-8"))
            digest = h.hexdigest()
            old = previous / OUTPUT_SUBDIR / key if previous else None
            reused[key] = bool(old and (old / INPUTS_FILE).is_file()
                               and (old / INPUTS_FILE).read_text(encoding="utf-8").strip() == digest)
            if reused[key]:
                shutil.copytree(old, output / key)
                continue
            staged = tmp / "parts" / key
            for p in group:
                (staged / p.rel).parent.mkdir(parents=True, exist_ok=True)
                (tmp / "all" / p.rel).replace(staged / p.rel)
            todo[key] = (staged, digest)
        # Parts are independent Pagefind runs: as many at once as there are cores (a part
        # needs ~0.4 GB), so a multi-part build keeps the cores busy like one big run does.
        with ThreadPoolExecutor(max_workers=index_jobs()) as pool:
            running = {key: pool.submit(index_part, staged, output / key, digest)
                       for key, (staged, digest) in todo.items()}
            for key in order:
                if reused[key]:
                    entry = json.loads((output / key / "pagefind-entry.json").read_text(encoding="utf-8"))
                    count = sum(int(lang.get("page_count", 0)) for lang in entry["languages"].values())
                else:
                    count = running[key].result()
                if count != len(parts[key]):
                    raise SearchIndexError(f"{site_dir}: Pagefind lập chỉ mục {count} trang ở phần {key}, "
                                           f"nhưng có {len(parts[key])} trang cần tìm kiếm")
                total += count
                print(f"  tìm kiếm: phần {key}: {_thousands(count)} trang"
                      f"{' (giữ nguyên)' if reused[key] else ''}", flush=True)
        word_tokens.cache_clear()
    write_parts_manifest(output)
    return IndexSummary(pages=total, output=output)
