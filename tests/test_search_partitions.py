"""The partitioned search index (search_index.index_site_partitioned and
content/assets/search/partitioned-index.js) on a real build of the samples with
MINHBACH_SEARCH_PARTITIONS=on, and in a real browser.

Expected values come from the generated Markdown and the built HTML, never
hard-coded; the single-index build (session fixture ``built_site``) is the
reference for page counts."""
from __future__ import annotations

import contextlib
import io
import json
import os
import shutil
from pathlib import Path

import pytest

import browserkit
import sitebuild
from minhbach import search as si
from minhbach.search import parts as search_parts
from test_search_browser import REPORTS, _wait, count, fold, search, status


def _build(project: Path, force: bool = False) -> str:
    """A real ``minhbach build`` with partitions forced on; its printed output."""
    from minhbach import nightly as pipeline

    out = io.StringIO()
    with pytest.MonkeyPatch.context() as mp, contextlib.redirect_stdout(out):
        mp.setenv(si.PARTITIONS_ENV, "on")
        pipeline.build(project, pipeline.Options(project=project, force=force))
    return out.getvalue()


@pytest.fixture(scope="module")
def parted(tmp_path_factory):
    """{project, site, log1, log2, files1, files2}: the samples built twice, the second
    time forced (everything rebuilt; the first build's site is the previous one)."""
    project = sitebuild.make_project(tmp_path_factory.mktemp("parted") / "project")
    log1 = _build(project)
    files1 = sitebuild.all_files(project / "site")
    log2 = _build(project, force=True)
    files2 = sitebuild.all_files(project / "site")
    return {"project": project, "site": project / "site", "log1": log1, "log2": log2,
            "files1": files1, "files2": files2}


@pytest.fixture(scope="module")
def manifest(parted) -> list[dict]:
    return json.loads((parted["site"] / "pagefind" / si.PARTS_MANIFEST).read_text(encoding="utf-8"))["parts"]


@pytest.fixture(scope="module")
def reports(parted):
    """[{url, issued, year, province, text (folded)}] for every report page of the build."""
    out = []
    for url, meta, body in sitebuild.report_sources(parted["project"], folder=""):  # the test page too
        issued = str(meta["issued"]) if meta.get("issued") else ""
        out.append({"url": url, "issued": issued, "year": issued[:4],
                    "province": meta.get("province"),
                    "text": " " + fold(meta["title"] + " " + body) + " "})
    assert len(out) > 3
    return out


def _searchable(site: Path) -> list[Path]:
    return [p for p in site.rglob("*.html")
            if p.relative_to(site).parts[0] != "pagefind" and si._BODY.search(p.read_text(encoding="utf-8"))]


def _pages(bundle: Path) -> int:
    entry = json.loads((bundle / "pagefind-entry.json").read_text(encoding="utf-8"))
    return sum(lang["page_count"] for lang in entry["languages"].values())


# ---------------------------------------------------------------- choosing and splitting

@pytest.mark.parametrize("env, pages, expected", [
    (None, 0, False),
    (None, si.PARTITION_THRESHOLD, False),
    (None, si.PARTITION_THRESHOLD + 1, True),
    ("auto", si.PARTITION_THRESHOLD + 1, True),
    ("on", 1, True),
    ("ON", 1, True),
    ("off", si.PARTITION_THRESHOLD + 1, False),
])
def test_partitions_chosen_by_page_count_or_env(tmp_path, monkeypatch, env, pages, expected):
    if env is None:
        monkeypatch.delenv(si.PARTITIONS_ENV, raising=False)
    else:
        monkeypatch.setenv(si.PARTITIONS_ENV, env)
    monkeypatch.setattr(search_parts, "_count_searchable", lambda site, stop: min(pages, stop))
    assert si.wants_partitions(tmp_path) is expected


def test_unknown_partition_mode_is_refused(tmp_path, monkeypatch):
    monkeypatch.setenv(si.PARTITIONS_ENV, "yes")
    with pytest.raises(si.SearchIndexError, match=si.PARTITIONS_ENV):
        si.wants_partitions(tmp_path)


def _page(rel: str, key: str, date: str) -> si.StagedPage:
    return si.StagedPage(Path(rel), key, date, "x")


def test_big_year_is_cut_into_date_contiguous_buckets_in_date_order():
    pages = ([_page(f"r/a{i}.html", "2024", "2024") for i in range(2)]          # year only: first bucket
             + [_page(f"r/b{i}.html", "2024", f"2024-0{1 + i % 3}-05") for i in range(6)]  # Q1: 8 pages
             + [_page(f"r/c{i}.html", "2024", "2024-05-01") for i in range(2)]
             + [_page(f"r/d{i}.html", "2024", "2024-11") for i in range(3)]
             + [_page(f"r/e{i}.html", "2023", "2023-02-01") for i in range(9)]
             + [_page("x/u.html", si.UNDATED_PART, ""), _page("t/index.html", si.CROSS_PART, "")])
    parts = si.split_parts(pages, max_pages=4)
    order = sorted(parts, key=si.part_order)
    # 2024 Q1 (8 pages) is cut into months; year-only dates sort first, so they join January;
    # a month is the finest cut (2023's 9 pages of February stay one part)
    assert order == ["2024-q4", "2024-q2", "2024-m03", "2024-m02", "2024-m01", "2023-m02",
                     si.UNDATED_PART, si.CROSS_PART]
    assert sum(len(v) for v in parts.values()) == len(pages)
    # newest first and disjoint: each bucket's dates all follow the next one's
    dated = [k for k in order if k[0].isdigit()]
    for newer, older in zip(dated, dated[1:]):
        assert min(p.date for p in parts[newer]) >= max(p.date for p in parts[older]), (newer, older)
    assert si.split_parts(pages, max_pages=100).keys() == {"2024", "2023", si.UNDATED_PART, si.CROSS_PART}


def test_newest_part_gives_its_newest_pages_to_the_head():
    """Every query searches the newest part first: above twice HEAD_PAGES, its newest
    pages form the head ("<year>-moi"), searched before it, disjoint in date from it."""
    pages = ([_page(f"r/a{i:02d}.html", "2024", f"2024-{1 + i % 12:02d}-{1 + i % 28:02d}") for i in range(30)]
             + [_page(f"r/b{i:02d}.html", "2024", "2024-12-31") for i in range(3)]   # ties at the top
             + [_page(f"r/z{i:02d}.html", "2024", "2024") for i in range(2)]          # year only: oldest
             + [_page(f"r/o{i:02d}.html", "2023", f"2023-0{1 + i % 9}-01") for i in range(40)]
             + [_page("t/index.html", si.CROSS_PART, "")])
    parts = si.split_parts(pages, max_pages=800, head_pages=8)
    order = sorted(parts, key=si.part_order)
    assert order == ["2024-moi", "2024", "2023", si.CROSS_PART]
    newest = sorted(pages[:35], key=lambda p: (p.date, p.rel.as_posix()), reverse=True)[:8]
    assert parts["2024-moi"] == sorted(newest, key=lambda p: p.rel.as_posix()), "the 8 newest, in path order"
    assert min(p.date for p in parts["2024-moi"]) >= max(p.date for p in parts["2024"])
    assert sorted(parts["2024"] + parts["2024-moi"], key=lambda p: p.rel.as_posix()) == pages[:35]
    assert parts["2023"] == pages[35:75], "only the newest part has a head"
    # the head is cut from the newest bucket of a year cut into quarters, and sorts before it
    parts = si.split_parts(pages, max_pages=20, head_pages=4)
    assert sorted(parts, key=si.part_order)[:3] == ["2024-moi", "2024-q4", "2024-q3"]
    assert len(parts["2024-moi"]) == 4 and min(p.date for p in parts["2024-moi"]) >= max(p.date for p in parts["2024-q4"])
    # not above twice the head (a head and a rest of a few pages each would cost a fetch more), or 0
    assert "2024-moi" not in si.split_parts(pages, max_pages=800, head_pages=18)
    assert "2024-moi" not in si.split_parts(pages, max_pages=800, head_pages=0)
    assert si.split_parts(pages, max_pages=800, head_pages=17)["2024-moi"] != []


# ---------------------------------------------------------------- the partitioned build

def test_parts_carry_no_pagefind_interface_files(parted, manifest):
    """Pagefind writes its prebuilt interfaces into every bundle; the search page never
    loads them (~430 KB a part). A part keeps what its JS API needs."""
    pf = parted["site"] / "pagefind"
    for part in manifest:
        names = {p.name for p in (pf / part["path"]).iterdir()}
        assert [n for n in names if "ui." in n or "highlight" in n] == [], part["key"]
        assert {"pagefind.js", "pagefind-worker.js", "pagefind-entry.json", si.SHARED_WASM} <= names


def test_small_sites_keep_the_single_index(built_site):
    """One bundle; its parts.json lists no part (the search page finds it, no 404) and
    points to the word map of that bundle (search_index.write_single_manifest)."""
    out = built_site / "site" / "pagefind"
    assert (out / "pagefind-entry.json").is_file()
    manifest = json.loads((out / si.PARTS_MANIFEST).read_text(encoding="utf-8"))
    assert manifest["single"] is True and "parts" not in manifest
    assert manifest["words"]["always"] == [] and (out / si.WORDS_DIR).is_dir()


def test_parts_listed_newest_first_with_their_pages(parted, manifest, reports, built_site):
    site = parted["site"]
    years = sorted({r["year"] for r in reports if r["year"]}, reverse=True)
    assert len(years) >= 3
    keys = [p["key"] for p in manifest]
    assert keys == years + ([] if all(r["year"] for r in reports) else [si.UNDATED_PART]) + [si.CROSS_PART]
    assert not (site / "pagefind" / "pagefind-entry.json").exists(), "no single bundle beside the parts"
    # only the module shared by all parts (preloaded by the search page) and the WebAssembly
    first = site / "pagefind" / manifest[0]["path"]
    assert (site / "pagefind" / "pagefind.js").read_bytes() == (first / "pagefind.js").read_bytes()
    assert (site / "pagefind" / si.SHARED_WASM).read_bytes() == (first / si.SHARED_WASM).read_bytes()
    for part in manifest:
        bundle = site / "pagefind" / part["path"]
        assert (bundle / "pagefind-entry.json").is_file(), part
        assert part["pages"] == _pages(bundle) > 0
    # each year part holds exactly that year's reports (their HTML says so)
    for year in years:
        part = next(p for p in manifest if p["key"] == year)
        assert part["pages"] == len([r for r in reports if r["year"] == year])
        assert part["dates"][0].startswith(year) and part["dates"][1].startswith(year)
    # every searchable page in exactly one part; the same total as the single index
    total = sum(p["pages"] for p in manifest)
    assert total == len(_searchable(site)) == _pages(built_site / "site" / "pagefind")
    for line in (f"tìm kiếm: phần {p['key']}: {p['pages']} trang" for p in manifest):
        assert line in parted["log1"]


def test_second_build_is_byte_identical_and_reuses_every_part(parted, manifest):
    assert parted["files1"] == parted["files2"]
    for p in manifest:
        assert f"tìm kiếm: phần {p['key']}: {p['pages']} trang (giữ nguyên)" in parted["log2"]
        assert f"tìm kiếm: phần {p['key']}: {p['pages']} trang\n" in parted["log1"]


def test_changed_page_reindexes_only_its_part(parted, manifest, tmp_path, capsys):
    site = tmp_path / "site"
    shutil.copytree(parted["site"], site)
    year = manifest[1]["key"]
    page = next(p for p in _searchable(site) if f'data-pagefind-filter="nam">{year}<' in p.read_text(encoding="utf-8"))
    html = page.read_text(encoding="utf-8")
    assert "</article>" in html
    page.write_text(html.replace("</article>", "<p>xylophonique</p></article>", 1), encoding="utf-8")
    si.index_site_partitioned(site, previous=parted["site"])
    log = capsys.readouterr().out
    for p in manifest:
        kept = f"phần {p['key']}: {p['pages']} trang (giữ nguyên)" in log
        assert kept is (p["key"] != year), (p["key"], log)
    old, new = parted["site"] / "pagefind" / year, site / "pagefind" / year
    assert (old / si.INPUTS_FILE).read_text() != (new / si.INPUTS_FILE).read_text()


def test_parts_indexed_at_once_give_the_same_bundle(parted, tmp_path, monkeypatch):
    """Parts are indexed several at a time (MINHBACH_SEARCH_JOBS, default the cores):
    the bundle is the same bytes as one part after the other."""
    bundles = {}
    for jobs in ("1", "3"):
        site = tmp_path / f"site-{jobs}"
        shutil.copytree(parted["site"], site)
        monkeypatch.setenv(si.JOBS_ENV, jobs)
        si.index_site_partitioned(site)
        bundles[jobs] = sitebuild.all_files(site / "pagefind")
    assert len(bundles["1"]) > 10 and bundles["1"] == bundles["3"]
    assert bundles["1"] == {k[len("pagefind/"):]: v for k, v in parted["files1"].items() if k.startswith("pagefind/")}


@pytest.mark.parametrize("value, jobs", [("1", 1), ("4", 4), ("", None)])
def test_index_jobs_from_env(monkeypatch, value, jobs):
    monkeypatch.setenv(si.JOBS_ENV, value)
    assert si.index_jobs() == (jobs or max(1, min(os.cpu_count() or 1, 4)))


def test_bad_index_jobs_is_refused(monkeypatch):
    monkeypatch.setenv(si.JOBS_ENV, "0")
    with pytest.raises(si.SearchIndexError, match=si.JOBS_ENV):
        si.index_jobs()


# ---------------------------------------------------------------- in the browser

@pytest.fixture(scope="module")
def merged_site(parted, reports, tmp_path_factory):
    """The same site with its index built as in a national deployment: parts indexed
    in separate runs (one per "machine": Kiên Giang's reports, the other provinces'
    reports, the cross-pages; their dates overlap), copied together, manifest written."""
    src = parted["site"]
    work = tmp_path_factory.mktemp("merged")
    site = work / "site"
    shutil.copytree(src, site, ignore=lambda d, names: ["pagefind"] if Path(d) == src else [])
    staged = si.stage_pages(site, work / "staged")
    machines = {"kien-giang": lambda p: p.key != si.CROSS_PART and p.rel.parts[:2] == ("reports", "kien-giang"),
                "tinh-khac": lambda p: p.key != si.CROSS_PART and p.rel.parts[:2] != ("reports", "kien-giang"),
                si.CROSS_PART: lambda p: p.key == si.CROSS_PART}
    for key, belongs in machines.items():
        machine = work / "machine" / key  # its own staging folder and output
        mine = [p for p in staged if belongs(p)]
        assert mine
        for p in mine:
            (machine / "in" / p.rel).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(work / "staged" / p.rel, machine / "in" / p.rel)
        assert si.index_part(machine / "in", machine / "out") == len(mine)
        shutil.copytree(machine / "out", site / "pagefind" / key)
    parts = si.write_parts_manifest(site / "pagefind")
    assert [p["key"] for p in parts] == ["kien-giang", "tinh-khac", si.CROSS_PART]  # not years: by name
    a, b = parts[0]["dates"], parts[1]["dates"]
    assert a[0] < b[1] and b[0] < a[1], "precondition: the two machines' dates overlap"
    assert sum(p["pages"] for p in parts) == len(staged)
    return site


@pytest.fixture(scope="module")
def servers(parted, merged_site):
    yield from browserkit.served(parted=parted["site"], merged=merged_site)


@pytest.fixture(scope="module")
def browser(servers):
    yield from browserkit.browser_session()


def _containing(reports, phrase: str) -> set[str]:
    return {r["url"] for r in reports if f" {fold(phrase)} " in r["text"]}


def _year_of(reports):
    return {r["url"]: r["year"] for r in reports}


@pytest.mark.parametrize("site", ["parted", "merged"])
def test_toneless_query_finds_reports_across_parts(page, servers, reports, site):
    expected = _containing(reports, "dân vận")
    years = {r["year"] for r in reports if r["url"] in expected}
    assert len(years) >= 2, "precondition: the phrase is in reports of several years"
    results = search(page, servers[site], q="dan van", nhom=REPORTS)
    urls = {r["url"] for r in results}
    assert urls == expected
    assert count(page) == len(expected)
    assert len({_year_of(reports)[u] for u in urls}) >= 2
    assert any("/pagefind/" in u and "parts.json" in u for u in page.fetched)


@pytest.mark.parametrize("site", ["parted", "merged"])
def test_d_query_finds_the_spelled_words(page, servers, reports, site):
    expected = _containing(reports, "đảng ủy")
    assert expected, "precondition: a sample contains 'Đảng ủy'"
    results = search(page, servers[site], q="dang uy")
    urls = [r["url"] for r in results]
    assert expected <= set(urls)
    assert set(urls[:len(expected)]) == expected, urls
    assert "đảng ủy" in results[0]["excerpt"].lower()


@pytest.mark.parametrize("site", ["parted", "merged"])
def test_province_filter_counts_and_results(page, servers, reports, site):
    server = servers[site]
    results = search(page, server, q="dan van", nhom=REPORTS)
    total = count(page)
    province = "Kiên Giang"
    box = page.locator(f'.mb-filter[data-filter="tinh"] input[value="{province}"]')
    shown = int(box.locator("xpath=..").inner_text().rsplit("(", 1)[1].rstrip(")"))
    expected = {r["url"] for r in reports if r["province"] == province} & {r["url"] for r in results}
    assert shown == len(expected) and 0 < shown < total
    # the other filter groups count over every part too
    for name, key in (("nam", "year"), ("tinh", "province")):
        for value in {r[key] for r in reports if r["url"] in {x["url"] for x in results}} - {None, ""}:
            label = page.locator(f'.mb-filter[data-filter="{name}"] input[value="{value}"]').locator("xpath=..")
            n = int(label.inner_text().rsplit("(", 1)[1].rstrip(")"))
            assert n == len([r for r in reports if r[key] == value and r["url"] in {x["url"] for x in results}])
    before = status(page)
    box.check()
    filtered = _wait(page, before)
    assert count(page) == shown == len(filtered)
    assert {r["url"] for r in filtered} == expected


@pytest.mark.parametrize("site", ["parted", "merged"])
@pytest.mark.parametrize("sort, reverse", [("moi", True), ("cu", False)])
def test_sort_by_date_is_the_global_order(page, servers, reports, site, sort, reverse):
    results = search(page, servers[site], sort=sort, nhom=REPORTS)
    issued = {r["url"]: r["issued"] for r in reports}
    assert {r["url"] for r in results} == set(issued)
    dates = [issued[r["url"]] for r in results]
    dated = [d for d in dates if d]
    assert len({d[:4] for d in dated}) >= 3, "precondition: reports of several years"
    assert dated == sorted(dated, reverse=reverse)
    assert dates[:len(dated)] == dated, "undated results come last"


def test_year_filter_searches_only_its_part(page, servers, reports, manifest):
    year = manifest[-2]["key"]  # the oldest year part
    expected = {r["url"] for r in reports if r["year"] == year}
    results = search(page, servers["parted"], q="dan van", nam=year)
    assert {r["url"] for r in results} <= expected and results
    searched = {u.split("/pagefind/")[1].split("/")[0] for u in page.fetched
                if "/pagefind/" in u and ("/fragment/" in u or "/index/" in u)}
    assert searched == {year}, searched


def test_big_cross_part_is_cut_into_stable_hash_buckets():
    cross = [_page(f"van-ban/d{i}/index.html", si.CROSS_PART, "") for i in range(2000)]
    parts = si.split_parts(cross + [_page("r/a.html", "2024", "2024-01-01")], max_pages=800)
    buckets = sorted(k for k in parts if k.startswith(si.CROSS_PART))
    assert buckets == [f"{si.CROSS_PART}-00{i}" for i in range(1, 5)]  # 2,000 pages → 4 buckets
    assert sorted(parts, key=si.part_order)[-4:] == buckets, "cross-pages stay last"
    assert sum(len(parts[k]) for k in buckets) == 2000 and max(len(parts[k]) for k in buckets) < 800
    # one more page changes one bucket; the others keep their pages (and are reused)
    again = si.split_parts(cross + [_page("van-ban/new/index.html", si.CROSS_PART, "")], max_pages=800)
    changed = [k for k in buckets if [p.rel for p in parts[k]] != [p.rel for p in again[k]]]
    assert len(changed) == 1
