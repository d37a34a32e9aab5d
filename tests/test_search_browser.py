"""The search page in a real browser (Debian chromium, headless) against the built samples.

Expected results are computed here from the generated Markdown (tone- and đ-folded
text), never hard-coded; each check can fail."""
from __future__ import annotations

import json
import re
import subprocess
import sys
import time
import unicodedata
from pathlib import Path
from urllib.parse import quote, urlencode

import pytest

import browserkit
import sitebuild

REPORTS = "Văn bản"  # filter nhom: reports (cross-pages are "Trang tổng hợp")


def fold(text: str) -> str:
    text = unicodedata.normalize("NFD", text.lower())
    text = "".join(c for c in text if not unicodedata.combining(c)).replace("đ", "d")
    return " ".join(re.findall(r"\w+", text))


@pytest.fixture(scope="module")
def reports(built_site):
    """[{url, source, issued, province, text (folded body)}] for every report page."""
    out = []
    for url, meta, body in sitebuild.report_sources(built_site):
        out.append({"url": url, "source": meta["source"]["path"],
                    "issued": str(meta["issued"]) if meta.get("issued") else "",
                    "province": meta.get("province"), "title": meta["title"],
                    "text": " " + fold(meta["title"] + " " + body) + " "})
    assert out
    return out


def containing(reports, phrase: str) -> set[str]:
    return {r["url"] for r in reports if f" {fold(phrase)} " in r["text"]}


@pytest.fixture(scope="module")
def server(built_site):
    for urls in browserkit.served(site=built_site / "site"):
        yield urls["site"]


@pytest.fixture(scope="module")
def browser(server):
    yield from browserkit.browser_session()


def search(page, server, **params) -> list[dict]:
    """Open the search page with ``params`` in the URL; the shown results."""
    query = urlencode([(k, v) for k, vs in params.items() for v in (vs if isinstance(vs, list) else [vs])],
                      quote_via=quote)
    page.goto(f"{server}/tim-kiem/?{query}")
    return _wait(page)


def _wait(page, previous: str | None = None) -> list[dict]:
    # data-state "done": every part of the index searched (counts exact), not only the first page
    # shown; a search paused once its next page was ready is told to go on ("Tìm hết")
    page.wait_for_function(
        "prev => { const s = document.querySelector('.mb-search__status').textContent;"
        " const d = document.getElementById('mb-search').dataset;"
        " if (d.state === 'paused') document.querySelector('.mb-search__all').click();"
        " return d.state === 'done' && !s.startsWith('Đang') && s !== prev; }", arg=previous, timeout=20000)
    return page.eval_on_selector_all(".mb-result", """els => els.map(li => ({
        url: li.dataset.url, date: li.dataset.date,
        href: li.querySelector('.mb-result__title').getAttribute('href'),
        title: li.querySelector('.mb-result__title').textContent,
        facts: li.querySelector('.mb-result__facts').textContent,
        province: (li.querySelector('.mb-result__province') || {}).textContent || null,
        excerpt: (li.querySelector('.mb-result__excerpt') || {}).textContent || '',
        marks: [...li.querySelectorAll('.mb-result__excerpt mark')].map(m => m.textContent),
    }))""")


def status(page) -> str:
    return page.locator(".mb-search__status").inner_text()


def count(page) -> int:
    """Results counted by the status line: documents, plus summary pages when there are."""
    m = re.match(r"(?:Khoảng )?([\d.]+) văn bản(?: và ([\d.]+) trang tổng hợp)?", status(page))
    return sum(int(g.replace(".", "")) for g in m.groups() if g) if m else 0


# ---------------------------------------------------------------- tone-less and đ

@pytest.mark.parametrize("query, spelled", [
    ("dan van kheo", "dân vận khéo"),
    ("cai cach hanh chinh", "cải cách hành chính"),
    ("dang uy", "đảng ủy"),
    ("dong chi", "đồng chí"),
])
def test_toneless_and_d_queries_find_the_spelled_words(page, server, reports, query, spelled):
    expected = containing(reports, spelled)
    assert expected, f"precondition: no sample contains {spelled!r}"
    results = search(page, server, q=query)
    urls = [r["url"] for r in results]
    # every report with the words side by side is found, and those come first
    assert expected <= set(urls), (query, urls)
    assert set(urls[:len(expected)]) == expected, (query, urls)
    top = results[0]
    assert spelled in top["excerpt"].lower(), top["excerpt"]
    assert " ".join(top["marks"]).lower().count(spelled.split()[0]) >= 1


def test_exact_tones_rank_before_toneless_matches(page, server, reports):
    # "dân" typed with tones: every shown result whose text has "dân vận" exactly comes
    # before any result that only matches without the tones.
    results = search(page, server, q="đồng chí")
    assert results
    assert "đồng chí" in results[0]["excerpt"].lower()


# ---------------------------------------------------------------- quoted phrases

@pytest.mark.parametrize("phrase", [
    '"hợp pháp hóa lãnh sự"', '"hop phap hoa lanh su"',
    '"đồng chí"', '"dong chi"', '"Đảng ủy"', '"dang uy"',
])
def test_quoted_phrase_returns_exactly_the_reports_with_it(page, server, reports, phrase):
    expected = containing(reports, phrase.strip('"'))
    assert expected, f"precondition: no sample contains {phrase}"
    results = search(page, server, q=phrase, nhom=REPORTS)
    assert {r["url"] for r in results} == expected
    assert count(page) == len(expected)
    words = fold(phrase).split()
    for r in results:
        assert f" {' '.join(words)} " in " " + fold(r["excerpt"]) + " ", r["excerpt"]


def test_quoted_phrase_not_in_any_report_finds_nothing(page, server, reports):
    assert not containing(reports, "lãnh sự hóa pháp hợp")  # the words exist, not in this order
    results = search(page, server, q='"lãnh sự hóa pháp hợp"')
    assert results == []
    assert "Không tìm thấy" in status(page)


# ---------------------------------------------------------------- multi-syllable ranking

@pytest.mark.parametrize("query", [
    "hop phap hoa lanh su", "tiep xuc doi thoai", "hoi nghi ky ket", "hut thuoc la",
])
def test_run_of_syllables_ranks_first(page, server, reports, query):
    expected = containing(reports, query)
    assert len(expected) == 1, f"precondition: {query!r} should be in exactly one sample, is in {expected}"
    results = search(page, server, q=query)
    assert len(results) > 1, "the syllables alone should match other reports too"
    assert results[0]["url"] in expected
    marked = fold(" ".join(results[0]["marks"]))
    assert fold(query) in marked, results[0]["marks"]


def test_sample_000_tops_legalisation_query(page, server, reports):
    results = search(page, server, q="hop phap hoa lanh su")
    top = next(r for r in reports if r["url"] == results[0]["url"])
    assert top["source"].startswith("samples/000_")
    assert "Ngoại vụ" in results[0]["facts"]  or top["province"] == "Kiên Giang"


# ---------------------------------------------------------------- filters, sort, URL state

def test_filter_by_province_changes_count_and_results(page, server, reports):
    results = search(page, server, q="dan van", nhom=REPORTS)
    total = count(page)
    assert total == len(results) > 1
    province = "Kiên Giang"
    box = page.locator(f'.mb-filter[data-filter="tinh"] input[value="{province}"]')
    label = box.locator("xpath=..").inner_text()
    shown = int(re.search(r"\((\d+)\)", label).group(1))
    expected = {r["url"] for r in reports if r["province"] == province} & {r["url"] for r in results}
    assert shown == len(expected) and 0 < shown < total
    before = status(page)
    box.check()
    filtered = _wait(page, before)
    assert count(page) == shown == len(filtered)
    assert {r["url"] for r in filtered} == expected
    assert all(r["province"] == province for r in filtered)
    assert all("Trang tổng hợp" not in r["facts"] for r in filtered)
    assert "tinh=Ki%C3%AAn+Giang" in page.url or "tinh=Ki%C3%AAn%20Giang" in page.url
    # the URL alone restores the state
    again = search(page, server, q="dan van", nhom=REPORTS, tinh=province)
    assert {r["url"] for r in again} == expected
    assert page.locator(f'.mb-filter[data-filter="tinh"] input[value="{province}"]').is_checked()


def test_filters_combine(page, server, reports):
    year = "2024"
    expected = {r["url"] for r in reports if r["province"] == "Kiên Giang" and r["issued"].startswith(year)}
    results = search(page, server, q="dan van", tinh="Kiên Giang", nam=year)
    assert expected and {r["url"] for r in results} == expected


@pytest.mark.parametrize("sort, reverse", [("moi", True), ("cu", False)])
def test_sort_by_date(page, server, reports, sort, reverse):
    results = search(page, server, q="dan van", sort=sort, nhom=REPORTS)
    issued = {r["url"]: r["issued"] for r in reports}
    dates = [issued.get(r["url"], r["date"]) for r in results]
    dated = [d for d in dates if d]
    assert len(set(dated)) > 1, "precondition: reports with different dates"
    assert dated == sorted(dated, reverse=reverse)
    assert dates[:len(dated)] == dated, "undated results come last"
    assert page.locator("#mb-search-sort").input_value() == sort


def test_header_search_box_leads_to_search_page(page, server, reports):
    page.goto(f"{server}{reports[0]['url']}")
    page.fill("#mb-searchbox-q", "dan van kheo")
    page.press("#mb-searchbox-q", "Enter")
    results = _wait(page)
    assert "/tim-kiem/" in page.url and "q=dan+van+kheo" in page.url
    assert page.locator("#mb-search-q").input_value() == "dan van kheo"
    assert results


# ---------------------------------------------------------------- landing on the section

@pytest.mark.parametrize("query", ["hop phap hoa lanh su", "province"])
def test_click_lands_on_matching_paragraph_highlighted(page, server, reports, query):
    """A result opens the report at the paragraph that matched (not only its section's
    heading), and that paragraph is highlighted (search.css, :target) and in view — also
    when the words occur earlier in the page (a province's name in the metadata panel: the
    link's text fragment carries the words around the match)."""
    if query == "province":
        query = fold(next(r["province"] for r in reports if r["province"]))
    results = search(page, server, q=query, nhom=REPORTS)
    href = results[0]["href"]
    assert "#p-" in href, href
    page.locator(".mb-result__title").first.click()
    page.wait_for_load_state("load")
    assert page.url.split("#")[0].endswith(results[0]["url"])
    target = page.evaluate("""() => { const t = document.querySelector(':target'); if (!t) return null;
        const r = t.getBoundingClientRect();
        return {tag: t.tagName, text: t.textContent, bg: getComputedStyle(t).backgroundColor, top: r.top, bottom: r.bottom}; }""")
    assert target and target["tag"] == "P", target
    assert query in fold(target["text"]), target["text"]
    assert target["bg"] not in ("rgba(0, 0, 0, 0)", "transparent"), target["bg"]
    height = page.viewport_size["height"]
    assert target["top"] < height and target["bottom"] > 0, target
    if query != "hop phap hoa lanh su":
        before = page.evaluate("""() => { const r = document.createRange();
            r.setStartBefore(document.querySelector('article')); r.setEndBefore(document.querySelector(':target'));
            return r.toString(); }""")
        assert query in fold(before), "precondition: the words occur before the paragraph"
    # the link to the section still says which section it is
    section = page.evaluate("""() => { let n = document.querySelector(':target');
        while (n && !/^H[1-6]$/.test(n.tagName)) n = n.previousElementSibling; return n && n.id; }""")
    assert section


def test_results_show_report_text_as_text(page, server):
    results = search(page, server, q="chu dam gia")
    assert results
    assert page.locator(".mb-result__excerpt b, .mb-result__excerpt script, .mb-result__title b").count() == 0


def test_result_facts_show_type_agency_province_date(page, server, reports):
    results = search(page, server, q="hop phap hoa lanh su")
    top = next(r for r in reports if r["url"] == results[0]["url"])
    facts = results[0]["facts"]
    assert "Báo cáo" in facts
    if top["province"]:
        assert top["province"] in facts
    assert results[0]["date"] == top["issued"]


def test_cross_pages_are_found_after_matching_reports(page, server, reports):
    expected = containing(reports, "dân vận khéo")
    results = search(page, server, q="dan van kheo")
    kinds = ["cross" if "Trang tổng hợp" in r["facts"] else "report" for r in results]
    assert "cross" in kinds, "cross-pages should be searchable"
    assert kinds[:len(expected)] == ["report"] * len(expected)
    only_cross = search(page, server, q="dan van kheo", nhom="Trang tổng hợp")
    assert only_cross and all("Trang tổng hợp" in r["facts"] for r in only_cross)


# ---------------------------------------------------------------- how the page starts
# (overrides/partials/search-head.html, search.js): a shared link's search starts in
# <head>, before the page's stylesheets are even loaded; the theme's script waits until
# the first results are on screen; a search started that early still gets its filter
# counts. Requests are held back with Playwright's routing, so each check is about
# order, never about time, and fails if the order is not the one described.

def _head_and_body(built_site) -> tuple[str, str]:
    html = (built_site / "site" / "tim-kiem" / "index.html").read_text(encoding="utf-8")
    head, body = html.split("</head>", 1)
    return head, body


def test_search_script_comes_before_the_stylesheets_only_on_the_search_page(built_site):
    head, body = _head_and_body(built_site)
    module = head.index('<script type="module" async src="../assets/search/search.js">')
    assert module < head.index('rel="stylesheet"')
    assert "search.js" not in body
    # the theme's script stays in the page, inert until the loader starts it
    theme = re.findall(r'<script[^>]*src="[^"]*/bundle\.[0-9a-f]+\.min\.js"[^>]*>', body)
    assert theme and all('type="mb-deferred"' in tag for tag in theme)
    other = (built_site / "site" / "gioi-thieu" / "index.html").read_text(encoding="utf-8")
    assert "mb-deferred" not in other and "search.js" not in other
    assert re.search(r'<script src="[^"]*/bundle\.[0-9a-f]+\.min\.js"></script>', other)


def _hold(page, pattern: str):
    """Requests matching ``pattern`` wait until release() is called. (Playwright's sync
    API runs route handlers on this thread, between its own calls: no lock; a lock held
    around route.continue_() deadlocks when the next request's handler runs inside it.)"""
    held, released = [], []

    def hold(route):
        if released:
            route.continue_()
        else:
            held.append(route)

    page.route(pattern, hold)

    def release():
        released.append(True)
        while held:
            held.pop(0).continue_()
    return held, release


def _requested(page, fragment: str) -> list[str]:
    return [u for u in page.fetched if fragment in u]


def test_a_shared_link_starts_its_search_before_the_stylesheets_arrive(page, server):
    """While the theme's stylesheet is held back the page cannot be parsed past it, yet
    the index is opened and the link's query searched: the words' index chunks are
    fetched. Without search.js in <head> nothing of the index is asked for."""
    held, release = _hold(page, "**/assets/stylesheets/main.*.css")
    page.goto(f"{server}/tim-kiem/?q=dan%20van%20kheo", wait_until="commit")
    deadline = time.monotonic() + 20
    while not _requested(page, ".pf_index") and time.monotonic() < deadline:
        page.wait_for_timeout(50)
    assert held, "precondition: the stylesheet was held back"
    assert _requested(page, "/pagefind/pagefind-entry.json")
    assert _requested(page, ".pf_index"), page.fetched
    assert page.evaluate("document.getElementById('mb-search')") is None  # not parsed yet
    release()
    page.wait_for_function("document.getElementById('mb-search') && document.getElementById('mb-search').dataset.firstMs",
                           timeout=20000)
    assert page.locator(".mb-result").count() > 0
    # data-script-at (when search.js started; bench_search.py splits a shared link's wait
    # there): before the held stylesheet had come, and before the first results.
    script_at, css_end, first_at = page.evaluate("""() => {
      const box = document.getElementById('mb-search');
      const css = performance.getEntriesByType('resource').find((e) => /stylesheets\\/main\\./.test(e.name));
      return [Number(box.dataset.scriptAt), css.responseEnd, Number(box.dataset.firstAt)];
    }""")
    assert 0 < script_at < css_end, (script_at, css_end)
    assert script_at < first_at


def test_theme_starts_only_once_the_first_results_are_shown(page, server):
    """A shared link: the theme's script is not even requested while the results' texts
    are held back; once they are shown it runs (Material marks <html> "js") and the
    page's filters and results are still there."""
    held, release = _hold(page, "**/pagefind/fragment/**")
    page.goto(f"{server}/tim-kiem/?q=dan%20van%20kheo")
    page.wait_for_function("document.getElementById('mb-search').dataset.state === 'searching'", timeout=20000)
    deadline = time.monotonic() + 20
    while not held and time.monotonic() < deadline:
        page.wait_for_timeout(50)
    assert held, "precondition: the results' texts were asked for and held back"
    page.wait_for_timeout(500)
    assert not _requested(page, "/javascripts/bundle.")
    assert "no-js" in page.evaluate("document.documentElement.className")
    release()
    page.wait_for_function("document.documentElement.classList.contains('js')", timeout=20000)
    shown_at = float(page.evaluate("document.getElementById('mb-search').dataset.firstAt"))
    assert shown_at > 0 and _requested(page, "/javascripts/bundle.")
    assert page.locator("script[type='mb-deferred']").count() == 0
    page.wait_for_function("document.getElementById('mb-search').dataset.state === 'done'", timeout=20000)
    assert page.locator(".mb-result").count() > 0
    assert page.locator(".mb-filter").count() > 0


def test_without_a_query_the_theme_starts_at_once(page, server):
    held, release = _hold(page, "**/pagefind/**")  # no index at all: the theme does not wait for it
    page.goto(f"{server}/tim-kiem/")
    page.wait_for_function("document.documentElement.classList.contains('js')", timeout=20000)
    assert page.locator("script[type='mb-deferred']").count() == 0
    release()
    page.wait_for_function("document.getElementById('mb-search').dataset.ready === '1'", timeout=20000)


def test_a_shared_link_gets_its_filter_counts(page, server, built_site):
    """The link's search starts before the page has asked for the filters: on the single
    index of a small site Pagefind counts only the filters whose chunks are loaded, so
    the search waits for them (partitioned-index.js, single()). Each province's count
    equals the matching reports of that province."""
    page.goto(f"{server}/tim-kiem/?q=dan%20van%20kheo")
    page.wait_for_function("document.getElementById('mb-search').dataset.state === 'done'", timeout=20000)
    shown = page.eval_on_selector_all(
        '.mb-filter[data-filter="tinh"] input',
        "els => els.map(i => [i.value, i.closest('label').querySelector('.mb-filter__count').textContent])")
    assert shown, "no province counts"
    urls = set(page.eval_on_selector_all(".mb-result", "els => els.map(li => li.dataset.url)"))
    while page.locator(".mb-search__more").is_visible():
        page.locator(".mb-search__more").click()
        page.wait_for_timeout(200)
        urls = set(page.eval_on_selector_all(".mb-result", "els => els.map(li => li.dataset.url)"))
    province = {url: meta.get("province") for url, meta, _body in sitebuild.report_sources(built_site)}
    for value, label in shown:
        assert int(label.strip("()")) == sum(province.get(u) == value for u in urls), (value, label)


def test_bench_search_measures_a_shared_link_from_the_script_start(built_site, tmp_path):
    """scripts/bench_search.py (the search benchmark) on the built site: one cold link per
    common query, read after the page was left alone; every run has its parts (opening
    the URL → script start → results) in order, and the summary lists them."""
    root = Path(__file__).resolve().parent.parent
    out = tmp_path / "bench.json"
    run = subprocess.run([sys.executable, str(root / "scripts" / "bench_search.py"), str(built_site / "site"),
                          "--only", "common", "--modes", "url", "--cold", "1", "--done-runs", "0",
                          "--read-after", "400", "--out", str(out)],
                         capture_output=True, text=True, timeout=600)
    assert run.returncode == 0, run.stderr[-2000:]
    result = json.loads(out.read_text(encoding="utf-8"))
    assert result["read_after_ms"] == 400
    rows = result["runs"]
    assert len(rows) == 8 and {r["mode"] for r in rows} == {"cold URL"}
    for r in rows:
        assert 0 < r["script_ms"] < r["nav_ms"], r
        assert r["paint_nav_ms"] and r["script_paint_ms"] == pytest.approx(r["paint_nav_ms"] - (r["nav_ms"] - r["script_ms"]))
        assert r["bytes_first"]["index"] > 0
    assert "| script p50 | script p95 |" in run.stdout
