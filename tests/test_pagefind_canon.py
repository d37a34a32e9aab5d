"""Pagefind 1.5.2 writes filter files in hash-map order; index_site makes the
whole pagefind/ folder byte-identical from run to run (issue: deterministic site)."""
import filecmp
import gzip
import shutil

from minhbach import search as search_index
from minhbach.search import canon as pagefind_canon

PROVINCES = ["Kiên Giang", "Hà Nam", "Quảng Trị", "An Giang", "Ninh Bình", "Cà Mau", "Huế", "Đồng Nai"]


def _page(i: int) -> str:
    province = PROVINCES[i % len(PROVINCES)]
    return (
        '<!doctype html><html lang="vi"><head><meta charset="utf-8"><title>Báo cáo %d</title></head>'
        '<body><article data-pagefind-body><h1 id="t">Báo cáo số %d về công tác dân vận</h1>'
        '<div data-pagefind-ignore hidden><span data-pagefind-filter="tinh">%s</span>'
        '<span data-pagefind-filter="nam">%d</span><span data-pagefind-filter="loai">%s</span>'
        '<span data-pagefind-sort="ngay">%d-01-01</span></div>'
        "<p>Đảng ủy và chính quyền thực hiện cải cách hành chính, đồng chí %d.</p></article></body></html>"
        % (i, i, province, 2015 + i % 9, "Báo cáo" if i % 3 else "Kế hoạch", 2015 + i % 9, i)
    )


def _snapshot(site, dest):
    shutil.copytree(site / "pagefind", dest)


def _same_tree(a, b):
    cmp = filecmp.dircmp(a, b)
    stack = [cmp]
    while stack:
        c = stack.pop()
        if c.left_only or c.right_only or c.diff_files or c.funny_files:
            return False
        match, mismatch, errors = filecmp.cmpfiles(c.left, c.right, c.common_files, shallow=False)
        if mismatch or errors:
            return False
        stack.extend(c.subdirs.values())
    return True


def test_two_indexings_are_byte_identical(tmp_path):
    site = tmp_path / "site"
    for i in range(40):
        page = site / f"r{i}" / "index.html"
        page.parent.mkdir(parents=True)
        page.write_text(_page(i), encoding="utf-8")
    runs = []
    for n in range(3):
        summary = search_index.index_site(site)
        assert summary.pages == 40
        _snapshot(site, tmp_path / f"run{n}")
        runs.append(tmp_path / f"run{n}")
    assert _same_tree(runs[0], runs[1]) and _same_tree(runs[1], runs[2])
    # every filter value survived canonicalisation, in sorted order
    for path in (runs[0] / "filter").glob("*.pf_filter"):
        name, entries = pagefind_canon._read(path)
        values = [e[0] for e in entries]
        assert values == sorted(values)
        if name == "tinh":
            assert set(values) == set(PROVINCES)
            assert sum(len(e[1]) for e in entries) == 40
    # nothing Pagefind writes is left truncated
    for path in runs[0].rglob("*"):
        if path.is_file():
            assert path.stat().st_size > 0, path


def test_cbor_round_trip_is_exact(tmp_path):
    site = tmp_path / "site"
    (site / "a").mkdir(parents=True)
    (site / "a" / "index.html").write_text(_page(1), encoding="utf-8")
    search_index.index_site(site)
    files = list((site / "pagefind" / "filter").glob("*")) + list((site / "pagefind" / "index").glob("*"))
    assert files
    for path in files:
        raw = gzip.decompress(path.read_bytes())
        assert pagefind_canon.MAGIC + pagefind_canon._encode(pagefind_canon._read(path)) == raw


def test_pinned_pagefind_release_is_used(tmp_path):
    """scripts/setup.sh installs Pagefind 1.6.0 (1.5.2's query scoring did not finish a
    common query over 20,000 reports in 120 s); the index must come from it."""
    import json

    assert search_index.pagefind_binary() is not None, "run scripts/setup.sh"
    site = tmp_path / "site"
    (site / "a").mkdir(parents=True)
    (site / "a" / "index.html").write_text(_page(2), encoding="utf-8")
    search_index.index_site(site)
    entry = json.loads((site / "pagefind" / "pagefind-entry.json").read_text(encoding="utf-8"))
    assert entry["version"] == search_index.PAGEFIND_VERSION
