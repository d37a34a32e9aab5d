"""The search index in parts (one Pagefind bundle per year, head, summary pages …) and
parts.json."""
from __future__ import annotations

import hashlib
import json
import os
import re
import shutil
import tempfile
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path


from minhbach.search import words
from minhbach.search.canon import filter_counts
from minhbach.search.pagefind import IndexSummary, SearchIndexError, _index, _thousands, index_jobs
from minhbach.search.stage import EXCLUDE_SELECTORS, OUTPUT_SUBDIR, body_start, _staged, staging_parent
from minhbach.search.words import WORDS_DIR, word_tokens, write_vocabulary, write_word_map

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
        tool = f"pagefind {_pagefind_version(tmp)}\n{', '.join(EXCLUDE_SELECTORS)}\nwords {words.WORDS_FORMAT}\n"
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
