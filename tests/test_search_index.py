"""The Pagefind index of a real build of the samples (session fixture ``built_site``)."""
from __future__ import annotations

import gzip
import json
import re
from html import unescape
from pathlib import Path

import pytest

import sitebuild
from minhbach import search as search_index
from minhbach.search import stage as search_stage
from minhbach.search import STROKE, fold_d_for_index

BODY = re.compile(r"<[a-zA-Z][^>]*\sdata-pagefind-body[\s>=/]")


# ---------------------------------------------------------------- the đ spelling of the index

@pytest.mark.parametrize("html, indexed", [
    ("<p>Đảng ủy và đồng chí</p>", f"<p>D{STROKE}ảng ủy và d{STROKE}ồng chí</p>"),
    ('<h2 id="ket-qua-dat-duoc">Kết quả đạt được</h2>', f'<h2 id="ket-qua-dat-duoc">Kết quả d{STROKE}ạt d{STROKE}ược</h2>'),
    # attribute values are never touched
    ('<a href="/đ/" title="Đà">x</a>', '<a href="/đ/" title="Đà">x</a>'),
    # filter values keep the real letter (they are shown and matched as they are)
    ('<span data-pagefind-filter="tinh">Đà Nẵng</span> Đà', f'<span data-pagefind-filter="tinh">Đà Nẵng</span> D{STROKE}à'),
    # meta values are searched, so they are spelled like the text
    ('<span data-pagefind-meta="co_quan">Đảng ủy</span>', f'<span data-pagefind-meta="co_quan">D{STROKE}ảng ủy</span>'),
    ("<p>không có chữ nào</p>", "<p>không có chữ nào</p>"),
])
def test_fold_d_for_index(html, indexed):
    assert fold_d_for_index(html) == indexed


# ---------------------------------------------------------------- the built index

def _decode(path: Path) -> bytes:
    data = gzip.decompress(path.read_bytes())
    assert data.startswith(b"pagefind_dcd"), path
    return data[len(b"pagefind_dcd"):]


@pytest.fixture(scope="module")
def site(built_site) -> Path:
    return built_site / "site"


@pytest.fixture(scope="module")
def fragments(site) -> list[dict]:
    return [json.loads(_decode(p)) for p in sorted((site / "pagefind" / "fragment").glob("*.pf_fragment"))]


@pytest.fixture(scope="module")
def reports(built_site):
    found = sitebuild.report_pages(built_site)
    assert found, "no report page was generated"
    return found


def _searchable_pages(site: Path) -> list[Path]:
    return [p for p in sorted(site.rglob("*.html"))
            if p.relative_to(site).parts[0] != "pagefind" and BODY.search(p.read_text(encoding="utf-8"))]


def test_index_written_with_every_searchable_page(site, reports):
    entry = json.loads((site / "pagefind" / "pagefind-entry.json").read_text(encoding="utf-8"))
    assert list(entry["languages"]) == ["vi"]
    pages = _searchable_pages(site)
    assert entry["languages"]["vi"]["page_count"] == len(pages)
    # every report is searchable; the search page, home and about are not
    assert {html for _meta, html in reports} <= set(pages)
    rels = {p.relative_to(site).as_posix() for p in pages}
    assert not rels & {"index.html", "tim-kiem/index.html", "gioi-thieu/index.html", "404.html"}
    # one copy of the metadata file (the Python API writes on exit; a second write left two)
    assert len(list((site / "pagefind").glob("*.pf_meta"))) == 1


def test_filter_chunks_hold_each_filter_and_its_values(site, reports):
    chunks = [_decode(p) for p in sorted((site / "pagefind" / "filter").glob("*.pf_filter"))]
    def chunk(name: str) -> bytes:
        # CBOR: a 2-array whose first item is the filter name as a text string
        head = bytes([0x60 + len(name)]) + name.encode()
        found = [c for c in chunks if c[1:1 + len(head)] == head]
        assert found, f"no Pagefind filter chunk for {name!r}"
        return found[0]
    for name in ("tinh", "tinh_2025", "loai", "nam", "nhom", "co_quan"):
        chunk(name)
    for meta, _html in reports:
        if meta.get("province"):
            assert meta["province"].encode() in chunk("tinh")
        if meta.get("province_2025"):
            assert meta["province_2025"].encode() in chunk("tinh_2025")
        if meta.get("type"):
            assert meta["type"].encode() in chunk("loai")
        if meta.get("issued"):
            assert str(meta["issued"])[:4].encode() in chunk("nam")
        for unit in meta.get("units") or []:
            assert unit.encode() in chunk("co_quan")


def _attrs(html: str) -> tuple[str, dict[str, list[str]], dict[str, str], dict[str, str]]:
    block = re.search(r'<div class="mb-search-attrs" data-pagefind-ignore hidden>(.*?)</div>', html, re.S)
    assert block, "the search-attrs block (inside data-pagefind-ignore) is missing"
    filters: dict[str, list[str]] = {}
    meta: dict[str, str] = {}
    sort: dict[str, str] = {}
    for attrs, text in re.findall(r"<span ([^>]*)>(.*?)</span>", block.group(1), re.S):
        text = unescape(text)
        if m := re.search(r'data-pagefind-filter="([^"]+)"', attrs):
            filters.setdefault(m.group(1), []).append(text)
        if m := re.search(r'data-pagefind-meta="([^"]+)"', attrs):
            meta[m.group(1)] = text
        if m := re.search(r'data-pagefind-sort="([^"]+)"', attrs):
            sort[m.group(1)] = text
    return block.group(0), filters, meta, sort


def test_report_pages_carry_filters_meta_sort_from_front_matter(reports):
    for fm, html_path in reports:
        html = html_path.read_text(encoding="utf-8")
        article = re.search(r"<article[^>]*data-pagefind-body[^>]*>(.*)</article>", html, re.S)
        assert article and "mb-search-attrs" in article.group(1), html_path
        _block, filters, meta, sort = _attrs(html)
        assert filters["nhom"] == ["Văn bản"]
        assert meta["title"] == fm["title"]
        assert filters.get("tinh") == ([fm["province"]] if fm.get("province") else None)
        assert filters.get("tinh_2025") == ([fm["province_2025"]] if fm.get("province_2025") else None)
        assert filters.get("loai") == ([fm["type"]] if fm.get("type") else None)
        assert filters.get("co_quan") == (list(fm["units"]) if fm.get("units") else None)
        issued = str(fm["issued"]) if fm.get("issued") else None
        assert sort.get("ngay") == issued and meta.get("ngay") == issued
        assert filters.get("nam") == ([issued[:4]] if issued else None)
        assert meta.get("so") == fm.get("number")


def test_markup_in_metadata_is_escaped_in_search_attrs(built_site):
    html = (built_site / "site" / "kiem-thu" / "trang-tay" / "index.html").read_text(encoding="utf-8")
    block, filters, meta, _sort = _attrs(html)
    assert "<script" not in block and "<b>" not in block and "<i>" not in block
    assert meta["title"].startswith("Báo cáo <i>thử</i>")  # shown as text once unescaped
    assert filters["co_quan"] == ["Sở <b>Nội vụ</b>"]


def test_index_holds_report_text_only(fragments, reports):
    by_url = {f["url"]: f for f in fragments}
    assert len(by_url) == len(fragments)
    helper = ("Loại văn bản", "Số, ký hiệu", "Cơ quan ban hành", "Tệp gốc", "Tải tệp gốc",
              "Văn bản dẫn chiếu", "¶", "Tìm báo cáo", "Bỏ qua", "Trang chủ")
    report_fragments = [f for f in fragments if f["filters"].get("nhom") == ["Văn bản"]]
    assert len(report_fragments) >= len(reports)
    for f in fragments:
        assert "đ" not in f["content"] and "Đ" not in f["content"], f["url"]
    for f in report_fragments:
        content = f["content"]
        for text in helper:
            assert text not in content, f"{f['url']}: helper text {text!r} reached the index"
    for fm, html_path in reports:
        body = html_path.read_text(encoding="utf-8")
        if "đ" in re.sub(r"<[^>]+>", "", body.split('class="mb-report__body"', 1)[-1]):
            url = "/" + html_path.parent.relative_to(html_path.parents[3]).as_posix() + "/"
            assert f"d{STROKE}" in by_url[url]["content"].lower(), url


def test_sub_result_anchors_are_heading_ids(fragments, site):
    headings = 0
    for f in fragments:
        page = site / f["url"].strip("/") / "index.html"
        html = page.read_text(encoding="utf-8")
        for anchor in f["anchors"]:
            assert f'id="{anchor["id"]}"' in html, (f["url"], anchor["id"])
            headings += anchor["element"].startswith("h")
    assert headings, "no heading anchors: sub-results could not link to sections"


def test_index_site_rejects_a_missing_site(tmp_path):
    with pytest.raises(search_index.SearchIndexError, match="không có thư mục"):
        search_index.index_site(tmp_path / "khong-co")


def test_index_site_on_a_site_without_searchable_pages_writes_nothing(tmp_path):
    (tmp_path / "index.html").write_text("<html lang=vi><body><p>Trang chủ</p></body></html>", encoding="utf-8")
    summary = search_index.index_site(tmp_path)
    assert summary.pages == 0
    assert not (tmp_path / "pagefind" / "pagefind-entry.json").exists()


def test_staging_goes_to_ram_when_there_is_room(monkeypatch, tmp_path):
    """The staged copy (a small file per page) is made in /dev/shm when it has room, in
    $MINHBACH_STAGING_DIR when set, else in the system's temporary folder."""
    monkeypatch.delenv(search_index.STAGING_ENV, raising=False)
    ram = search_stage._RAM_DIR
    if ram.is_dir() and search_stage.shutil.disk_usage(ram).free >= search_index.RAM_STAGING_MIN_FREE:
        assert search_index.staging_parent() == str(ram)
    monkeypatch.setattr(search_stage, "_RAM_DIR", tmp_path / "no-such-dir")
    assert search_index.staging_parent() is None
    monkeypatch.setenv(search_index.STAGING_ENV, str(tmp_path))
    assert search_index.staging_parent() == str(tmp_path)
