"""Query planning over a partitioned index (content/assets/search/search.js +
partitioned-index.js, minhbach/search/) in a real browser, on a real build of
400 synthetic reports (scripts/synth_reports.py) plus the samples, indexed in year
parts, and on the same site indexed as one bundle (the reference).

The first page must come from the newest part(s) without waiting for the others
(requests of the other parts are held back here), be labelled as incomplete, and
stay what it is when the rest arrives. Once the next page is ready too, the search
stops ("paused": no other part fetched) until the visitor asks for more or for
every result ("Tìm hết"); the final counts must equal the single index's. Expected
values come from the generated Markdown, never hard-coded."""
from __future__ import annotations

import contextlib
import io
import json
import re
import shutil
import sys
from pathlib import Path
from urllib.parse import quote, urlencode

import pytest

import browserkit
import sitebuild
from conftest import ROOT
from minhbach import search as si
from minhbach.search import parts as search_parts
from test_search_browser import REPORTS, fold

N_SYNTH = 400
PAGE_SIZE = 10  # search.js
FIRST_STEP = 5  # search.js: the first page's first results, shown before the rest
HEAD = 8  # minhbach.search.parts.HEAD_PAGES for the "headed" variant of the site


@pytest.fixture(scope="module")
def planned(tmp_path_factory):
    """{project, site (partitioned), single (same pages, one bundle), manifest}."""
    from minhbach import nightly as pipeline

    sys.path.insert(0, str(ROOT / "scripts"))
    import synth_reports

    work = tmp_path_factory.mktemp("planned")
    project = sitebuild.make_project(work / "project")
    synth_reports.generate(N_SYNTH, 7, project / "sources" / "synth", "txt")
    with pytest.MonkeyPatch.context() as mp, contextlib.redirect_stdout(io.StringIO()):
        mp.setenv(si.PARTITIONS_ENV, "on")
        pipeline.build(project, pipeline.Options(project=project))
    site = project / "site"
    single = work / "single"
    shutil.copytree(site, single, ignore=lambda d, names: ["pagefind"] if Path(d) == site else [])
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv(si.PARTITIONS_ENV, "off")
        si.index_site(single)
    # the same pages with a head: the newest year (~30 reports) gives its newest HEAD to it
    headed = work / "headed"
    shutil.copytree(site, headed, ignore=lambda d, names: ["pagefind"] if Path(d) == site else [])
    with pytest.MonkeyPatch.context() as mp, contextlib.redirect_stdout(io.StringIO()):
        mp.setattr(search_parts, "HEAD_PAGES", HEAD)
        si.index_site_partitioned(headed, previous=site)
    manifest = json.loads((site / "pagefind" / si.PARTS_MANIFEST).read_text(encoding="utf-8"))
    return {"project": project, "site": site, "single": single, "manifest": manifest, "headed": headed,
            "headed_manifest": json.loads((headed / "pagefind" / si.PARTS_MANIFEST).read_text(encoding="utf-8"))}


@pytest.fixture(scope="module")
def reports(planned):
    """{url: {issued, year, province, text (folded title + body)}} of every report."""
    out = {}
    for url, meta, body in sitebuild.report_sources(planned["project"]):
        issued = str(meta["issued"]) if meta.get("issued") else ""
        out[url] = {"issued": issued, "year": issued[:4], "province": meta.get("province"),
                           "province_2025": meta.get("province_2025"),
                           "text": " " + fold(meta["title"] + " " + body) + " "}
    assert len(out) > N_SYNTH
    return out


@pytest.fixture(scope="module")
def servers(planned):
    yield from browserkit.served(site=planned["site"], single=planned["single"], headed=planned["headed"])


@pytest.fixture(scope="module")
def browser(servers):
    yield from browserkit.browser_session()


def _open(page, server, **params):
    query = urlencode([(k, v) for k, vs in params.items() for v in (vs if isinstance(vs, list) else [vs])],
                      quote_via=quote)
    page.goto(f"{server}/tim-kiem/?{query}")


def _shown(page) -> list[dict]:
    return page.eval_on_selector_all(".mb-result", "els => els.map(li => ({url: li.dataset.url, date: li.dataset.date}))")


def _dataset(page) -> dict:
    return page.evaluate("({...document.getElementById('mb-search').dataset})")


def _status(page) -> str:
    return page.locator(".mb-search__status").inner_text()


def _wait_first(page):
    # the whole first page (its first FIRST_STEP results come before the rest)
    page.wait_for_function("document.getElementById('mb-search').dataset.pageMs", timeout=60000)


def _wait_paused(page):
    page.wait_for_function("document.getElementById('mb-search').dataset.state === 'paused'", timeout=60000)


def _wait_done(page):
    """Until every part is searched: "Tìm hết" is clicked whenever the search pauses."""
    page.wait_for_function("(d => { if (d.state === 'paused') document.querySelector('.mb-search__all').click();"
                           " return d.state === 'done' && d.doneMs; })(document.getElementById('mb-search').dataset)",
                           timeout=60000)


def _count(page) -> int:
    # documents, plus summary pages when there are (result-view.js, resultGroups)
    m = re.match(r"(?:Khoảng |Ít nhất )?([\d.]+) văn bản(?: và ([\d.]+) trang tổng hợp)?", _status(page))
    assert m, _status(page)
    return sum(int(g.replace(".", "")) for g in m.groups() if g)


@contextlib.contextmanager
def _held(page, keep: set[str]):
    """Requests for any part not in ``keep`` wait until the block ends."""
    waiting = []

    def hold(route):
        part = route.request.url.split("/pagefind/", 1)[1].split("/", 1)[0]
        module = route.request.url.endswith("/pagefind/pagefind.js")  # one copy for all parts
        if "*" in keep or part in keep or "." in part or part == "words" or module:  # words: the word map
            route.continue_()
        else:
            waiting.append(route)

    page.route("**/pagefind/**", hold)
    try:
        yield waiting
    finally:
        keep.add("*")  # from now on every request passes
        hold_all = list(waiting)
        for route in hold_all:
            route.continue_()


def _part_of(manifest, date: str) -> str:
    """The part whose date range holds ``date`` ("2024-12" holds "2024-12-06")."""
    for p in manifest["parts"]:
        if date and p["dates"] and p["dates"][0][:len(date)] <= date <= p["dates"][1] + "\uffff":
            return p["key"]
    return ""


def _busiest_phrase(reports, newest_year: str) -> str:
    """A common phrase with at least two pages of reports in the newest year."""
    for phrase in ("ủy ban nhân dân", "dân vận", "cải cách hành chính", "báo cáo"):
        if sum(f" {fold(phrase)} " in r["text"] for r in reports.values() if r["year"] == newest_year) > 2 * PAGE_SIZE:
            return phrase
    pytest.fail("precondition: no phrase with two pages of reports in the newest year")


def _parts_fetched(page) -> set[str]:
    """Part folders the page fetched anything from (not the shared pagefind.js/WebAssembly/
    parts.json, nor the word map's shards)."""
    return {u.split("/pagefind/", 1)[1].split("/", 1)[0] for u in page.fetched
            if "/pagefind/" in u and "/" in u.split("/pagefind/", 1)[1]} - {"words"}


# ---------------------------------------------------------------- build side

def test_parts_manifest_lists_filter_totals_of_the_single_index(planned):
    from minhbach.search.canon import filter_counts

    manifest = planned["manifest"]
    assert manifest["version"] == 2
    assert manifest["filters"] == filter_counts(planned["single"] / "pagefind")
    years = manifest["filters"]["nam"]
    for part in manifest["parts"]:
        listed = part["filters"]
        assert "nam" in listed and "nhom" in listed, part["key"]
        if part["kind"] == "reports" and part["key"][:4].isdigit():
            assert set(listed["nam"]) == {part["key"][:4]}
    assert sum(sum(p["filters"]["nam"].values()) for p in manifest["parts"]) == sum(years.values())


def test_parts_share_one_webassembly_file(planned):
    pf = planned["site"] / "pagefind"
    shared = pf / si.SHARED_WASM
    assert shared.is_file()
    for part in planned["manifest"]["parts"]:
        entry = json.loads((pf / part["path"] / "pagefind-entry.json").read_text(encoding="utf-8"))
        assert [lang["wasm"] for lang in entry["languages"].values()] == ["unknown/../../wasm.unknown"]
        assert (pf / part["path"] / si.SHARED_WASM).read_bytes() == shared.read_bytes()


def test_parts_vocabularies_cover_every_indexed_word(planned):
    """Each part's words.txt (the word map's source) covers every word Pagefind indexed in
    it: the index's word chunks decoded, each word folded is the prefix of a token."""
    from test_search_words import _covers, _indexed_words, _vocabulary

    pf = planned["site"] / "pagefind"
    for part in planned["manifest"]["parts"]:
        tokens = _vocabulary(pf / part["path"])
        words = {si.fold(w) for w in _indexed_words(pf / part["path"])} - {""}
        assert len(words) > 100, part["key"]
        missing = sorted(w for w in words if not _covers(tokens, w))
        assert missing == [], (part["key"], missing[:20])


# ---------------------------------------------------------------- in the browser

def test_first_page_comes_from_the_newest_part_and_the_search_pauses(page, servers, planned, reports):
    manifest = planned["manifest"]
    newest = manifest["parts"][0]
    phrase = _busiest_phrase(reports, newest["key"][:4])
    _open(page, servers["site"], q=phrase)
    _wait_first(page)
    first = _shown(page)
    assert len(first) == PAGE_SIZE
    # the first results were on the page before the whole first page (their texts fetched first)
    data = _dataset(page)
    assert (data["firstShown"], data["pageShown"]) == (str(FIRST_STEP), str(PAGE_SIZE))
    assert float(data["firstMs"]) <= float(data["pageMs"])
    assert {_part_of(manifest, r["date"]) for r in first} == {newest["key"]}
    assert all(f" {fold(phrase)} " in reports[r["url"]]["text"] for r in first)
    _wait_paused(page)
    status = _status(page)
    data = _dataset(page)
    # the newest part held two pages: nothing else was fetched, and the visitor is told so
    assert data["firstParts"].startswith("1/") and data["pausedParts"].startswith("1/")
    assert _parts_fetched(page) == {newest["key"]}
    assert status.startswith("Ít nhất ") and f"đã tìm 1/{len(manifest['parts'])} phần" in status, status
    assert page.locator(".mb-search__all").is_visible()
    note = page.locator(".mb-filters__note").inner_text()
    assert note.startswith("Số đếm trong 1/"), note
    # the first part's filter counts (asked for after the first page): its year, every match so far
    matches = int(re.match(r"Ít nhất ([\d.]+)", status).group(1).replace(".", ""))
    year_count = page.locator(f'.mb-filter[data-filter="nam"] input[value="{newest["key"][:4]}"] ~ .mb-filter__count')
    assert year_count.text_content() == f"({matches}+)"
    # "Xem thêm": the next page at once, from what is already known
    page.locator(".mb-search__more").click()
    page.wait_for_function(f"document.querySelectorAll('.mb-result').length === {2 * PAGE_SIZE}")
    assert _shown(page)[:PAGE_SIZE] == first
    # "Tìm hết": every part; the shown results stay, the count becomes exact
    page.locator(".mb-search__all").click()
    _wait_done(page)
    assert _shown(page)[:PAGE_SIZE] == first, "later parts never move the shown page"
    assert not _status(page).startswith("Ít nhất")
    assert page.locator(".mb-filters__note").count() == 0
    assert page.locator(".mb-search__all").is_hidden()
    searched, planned = map(int, _dataset(page)["doneParts"].split("/"))
    assert searched == planned == len(_parts_fetched(page))
    if newest["dates"][0][:4] == newest["dates"][1][:4] and all(
            p["dates"] is None or p["key"] == newest["key"] or p["dates"][0][:4] != newest["key"][:4]
            for p in manifest["parts"]):
        assert year_count.text_content() == f"({matches})", "the newest part held the whole year"


def test_searching_on_while_the_other_parts_are_held_back(page, servers, planned, reports):
    """After "Tìm hết" the other parts are asked for; while they are on their way the
    status and the filter note say the search goes on, and the shown page stays."""
    manifest = planned["manifest"]
    newest = manifest["parts"][0]
    phrase = _busiest_phrase(reports, newest["key"][:4])
    with _held(page, {newest["key"]}) as waiting:
        _open(page, servers["site"], q=phrase)
        _wait_paused(page)
        first = _shown(page)
        assert not waiting
        page.locator(".mb-search__all").click()
        page.wait_for_function("document.querySelector('.mb-search__status').textContent.includes('đang tìm thêm')")
        assert waiting, "the other parts were asked for and held back"
        assert _dataset(page)["state"] == "searching"
        assert page.locator(".mb-filters__note").inner_text() == "Số đếm tạm thời: đang tìm thêm…"
        assert _shown(page) == first
    _wait_done(page)
    assert _shown(page) == first


def test_counts_when_done_equal_the_single_index(page, servers):
    counts = {}
    for name in ("site", "single"):
        _open(page, servers[name], q="dan van", nhom=REPORTS)
        _wait_done(page)
        counts[name] = (_count(page), page.locator(".mb-filter__count").all_inner_texts(),
                        page.locator(".mb-filter label").all_inner_texts())
    assert counts["site"][0] == counts["single"][0] > PAGE_SIZE
    assert counts["site"][2] == counts["single"][2], "filter values and counts as the single index's"


def test_relevance_ranks_newer_parts_first_among_whole_query_matches(page, servers, planned, reports):
    _open(page, servers["site"], q="dan van", nhom=REPORTS)
    _wait_done(page)
    shown = _shown(page)
    with_run = sorted((r for r in reports.values() if " dan van " in r["text"]), key=lambda r: r["issued"], reverse=True)
    assert len(with_run) > PAGE_SIZE
    parts = [p["key"] for p in planned["manifest"]["parts"]]
    ranks = [parts.index(_part_of(planned["manifest"], r["date"])) for r in shown]
    oldest = max(ranks)
    # every whole-phrase report of a newer part than the last one reached is on the first page
    for r in with_run:
        rank = parts.index(_part_of(planned["manifest"], r["issued"]))
        if rank < oldest:
            assert any(reports[s["url"]] is r for s in shown), (r["issued"], ranks)


@pytest.mark.parametrize("sort, reverse", [("moi", True), ("cu", False)])
def test_date_sort_first_page_before_the_other_parts(page, servers, planned, reports, sort, reverse):
    manifest = planned["manifest"]
    dated = [p for p in manifest["parts"] if p["dates"]]
    if not reverse:
        dated.reverse()
    phrase = "dan van"
    matching = sorted((r["issued"] for r in reports.values() if " dan " in r["text"] and " van " in r["text"]),
                      reverse=reverse)
    # the fewest parts, in date order, that hold a page of matches: all the first page needs
    keep, found = set(), 0
    for part in dated:
        if found >= PAGE_SIZE:
            break
        keep.add(part["key"])
        found += sum(_part_of(manifest, d) == part["key"] for d in matching)
    assert len(keep) < len(dated)
    with _held(page, keep) as waiting:
        _open(page, servers["site"], q=phrase, sort=sort, nhom=REPORTS)
        _wait_first(page)
        first = _shown(page)
        # the other parts are asked for (and held back), or not needed: the next page was ready too
        for _ in range(200):
            if waiting or _dataset(page)["state"] == "paused":
                break
            page.wait_for_timeout(50)
        assert waiting or _dataset(page)["state"] == "paused"
    assert [r["date"] for r in first] == matching[:len(first)]
    assert len(first) == PAGE_SIZE
    _wait_done(page)
    assert _shown(page) == first


def test_unlisted_filter_searches_parts_in_order_without_loading_the_others(page, servers, planned, reports):
    """A filter whose values the manifest does not list per part (too many of them, as the
    63 provinces of a big site; here the lists of "tinh_2025" are removed) is applied part
    by part, newest first: no part is loaded up front to read its values."""
    manifest = planned["manifest"]
    stripped = json.loads(json.dumps(manifest))
    for part in stripped["parts"]:
        part["filters"].pop("tinh_2025", None)
    page.route("**/pagefind/parts.json", lambda route: route.fulfill(
        status=200, content_type="application/json", body=json.dumps(stripped, ensure_ascii=False)))
    provinces = {}
    for r in reports.values():
        if r["province_2025"]:
            provinces[r["province_2025"]] = provinces.get(r["province_2025"], 0) + 1
    province = max(sorted(provinces), key=provinces.get)
    assert provinces[province] > 2 * PAGE_SIZE
    _open(page, servers["site"], tinh_2025=province)
    page.wait_for_function("['paused', 'done'].includes(document.getElementById('mb-search').dataset.state)")
    order = [p["key"] for p in manifest["parts"]]
    fetched = _parts_fetched(page)
    assert fetched == set(order[:len(fetched)]), "newest first, none out of turn"
    assert _dataset(page)["state"] == "paused" and len(fetched) < len(order)
    assert all(reports[r["url"]]["province_2025"] == province for r in _shown(page))
    _wait_done(page)
    assert _count(page) == provinces[province]


def test_old_year_filter_loads_only_that_years_part(page, servers, planned, reports):
    manifest = planned["manifest"]
    part = [p for p in manifest["parts"] if p["key"][:4].isdigit()][-1]
    year = part["key"][:4]
    _open(page, servers["site"], q="dan van", nam=year)
    _wait_done(page)
    shown = _shown(page)
    assert shown and all(r["date"].startswith(year) for r in shown)
    assert _count(page) == len([r for r in reports.values() if r["year"] == year
                                and " dan " in r["text"] and " van " in r["text"]])
    # nothing of any other part: the manifest says which parts hold the year (pagefind.js and
    # the WebAssembly are the shared copies in pagefind/; the worker comes from the part searched)
    shared = {f"/pagefind/{name}" for name in (si.PARTS_MANIFEST, si.SHARED_WASM, "pagefind.js")}
    other = [u for u in page.fetched if "/pagefind/" in u and f"/pagefind/{part['key']}/" not in u
             and "/pagefind/words/" not in u and not any(u.endswith(x) for x in shared)]
    assert other == [], other


def test_webassembly_fetched_from_the_shared_file_only(page, servers):
    _open(page, servers["site"], q="dan van")
    _wait_done(page)
    wasm = [u for u in page.fetched if ".pagefind" in u and "wasm" in u]
    assert wasm and all(u.endswith(f"/pagefind/{si.SHARED_WASM}") for u in wasm), wasm
    assert int(_dataset(page)["doneParts"].split("/")[0]) > 2


# ---------------------------------------------------------------- the head part

def _part_urls(bundle: Path) -> set[str]:
    """URLs of the pages indexed in one Pagefind bundle (test_search_words reads its fragments)."""
    from test_search_words import _part_urls as part_urls

    return set(part_urls(bundle))


def test_head_holds_the_newest_reports_of_the_newest_part(planned, reports):
    site, headed = planned["manifest"]["parts"], planned["headed_manifest"]["parts"]
    newest = site[0]
    head, rest = headed[:2]
    assert (head["key"], rest["key"]) == (f"{newest['key'][:4]}-{si.HEAD_BUCKET}", newest["key"])
    assert newest["pages"] > 2 * HEAD, "precondition: the newest part is big enough to give a head"
    assert (head["pages"], head["pages"] + rest["pages"]) == (HEAD, newest["pages"])
    in_part = sorted((r["issued"] for r in reports.values() if _part_of(planned["manifest"], r["issued"]) == newest["key"]),
                     reverse=True)
    assert head["dates"] == [in_part[HEAD - 1], in_part[0]]
    assert head["dates"][0] >= rest["dates"][1], "disjoint in date"
    pf = planned["headed"] / "pagefind"
    in_head, in_rest = _part_urls(pf / head["path"]), _part_urls(pf / rest["path"])
    assert len(in_head) == HEAD and in_head | in_rest == _part_urls(planned["site"] / "pagefind" / newest["path"])
    assert min(reports[u]["issued"] for u in in_head) >= max(reports[u]["issued"] for u in in_rest)
    assert [(p["key"], p["pages"], p["dates"]) for p in headed[2:]] == [(p["key"], p["pages"], p["dates"]) for p in site[1:]]
    assert planned["headed_manifest"]["filters"] == planned["manifest"]["filters"]


@pytest.mark.parametrize("sort, reverse", [("moi", True), ("cu", False)])
def test_head_date_sort_across_the_head_and_its_year(page, servers, planned, reports, sort, reverse):
    head, rest = planned["headed_manifest"]["parts"][:2]
    matching = sorted((r["issued"] for r in reports.values() if " dan " in r["text"] and " van " in r["text"]),
                      reverse=reverse)
    keep = {head["key"], rest["key"]} if reverse else {p["key"] for p in planned["headed_manifest"]["parts"]}
    with _held(page, keep):
        _open(page, servers["headed"], q="dan van", sort=sort, nhom=REPORTS)
        _wait_first(page)
        assert [r["date"] for r in _shown(page)] == matching[:PAGE_SIZE]
    _wait_done(page)
    assert _count(page) == len(matching)


def test_head_first_then_its_year_then_older_parts(page, servers, planned, reports):
    """Relevance over a head: whole-query matches of the head before those of its year's
    rest, and the exact count of the single index."""
    manifest = planned["headed_manifest"]
    _open(page, servers["headed"], q="dan van", nhom=REPORTS)
    _wait_done(page)
    shown = _shown(page)
    head = _part_urls(planned["headed"] / "pagefind" / manifest["parts"][0]["path"])
    in_head = {url for url in head if " dan van " in reports[url]["text"]}
    assert 0 < len(in_head) < PAGE_SIZE
    assert in_head <= {r["url"] for r in shown[:PAGE_SIZE]}, "every whole-query match of the head on the first page"
    assert shown[0]["url"] in head
    _open(page, servers["single"], q="dan van", nhom=REPORTS)
    single = (_wait_done(page), _count(page))[1]
    _open(page, servers["headed"], q="dan van", nhom=REPORTS)
    _wait_done(page)
    assert _count(page) == single


def test_typing_fetches_the_newest_parts_words_before_enter(page, servers, planned):
    """While the visitor types (here 60 ms a key, a fast typist who never pauses), the
    newest part's chunks of the words typed so far are fetched: the search after Enter
    only scores them."""
    head = planned["headed_manifest"]["parts"][0]["key"]
    page.goto(f"{servers['headed']}/tim-kiem/")
    page.wait_for_function("document.getElementById('mb-search').dataset.ready === '1'")
    page.type("#mb-search-q", "cai cach hanh chinh", delay=60)
    chunks = [u for u in page.fetched if f"/pagefind/{head}/index/" in u]
    assert chunks, "no chunk of the newest part fetched while typing"
    page.press("#mb-search-q", "Enter")
    _wait_first(page)
