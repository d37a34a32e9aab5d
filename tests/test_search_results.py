"""What the search page's results mean (issues 18 and 20), in a real browser (Debian
chromium, headless) against the built samples: search by a document's number, words found
nowhere, documents before summary pages, phrase marks, filter chips, the year range,
keyboard focus, the reporting period, summary pages that say what they are, CSV and Atom.

Expected values come from the generated Markdown and the built pages, never hard-coded."""
from __future__ import annotations

import csv
import io
import re
import xml.etree.ElementTree as ET
from urllib.parse import parse_qs, urlsplit

import pytest

import sitebuild
from test_search_browser import REPORTS, _wait, browser, count, fold, reports, search, server, status  # noqa: F401

CROSS = "Trang tổng hợp"


def _numbered(built_site) -> list[tuple[str, str]]:
    """(URL, number) of every report with a number."""
    return [(url, str(meta["number"])) for url, meta, _body in sitebuild.report_sources(built_site)
            if meta.get("number")]


def _groups(page) -> dict[str, list[str]]:
    """URLs of the shown results per group: documents, then summary pages."""
    return page.evaluate("""() => ({
        docs: [...document.querySelectorAll('.mb-search__list:not(.mb-search__list--cross) > .mb-result')].map(li => li.dataset.url),
        cross: [...document.querySelectorAll('.mb-search__list--cross > .mb-result')].map(li => li.dataset.url)})""")


def _all_shown(page) -> None:
    while page.locator(".mb-search__more").is_visible():
        before = page.locator(".mb-result").count()
        page.locator(".mb-search__more").click()
        page.wait_for_function(f"document.querySelectorAll('.mb-result').length > {before}", timeout=20000)


# ---------------------------------------------------------------- search by number

def _spellings(number: str) -> list[str]:
    """The number as typed, after "số", and as a journalist types it without tone marks,
    "đ" as "d", separators as spaces."""
    bare = " ".join(re.findall(r"[0-9A-Za-zÀ-ỹĐđ]+", number)).lower().replace("đ", "d")
    return [number, f"số {number}", f"so {bare}"]


def test_a_document_number_puts_that_document_first(page, server, built_site):
    numbered = _numbered(built_site)
    assert numbered, "precondition: a sample report has a number"
    for url, number in numbered:
        for q in _spellings(number):
            results = search(page, server, q=q)
            assert results and results[0]["url"] == url, (q, [r["url"] for r in results[:5]])
            assert f"Số {number}" in results[0]["facts"]


def test_what_only_looks_like_a_number_is_searched_as_words(page, server, reports, built_site):
    """"2024 UBND" has the shape of a number (digits, then capitals) but no document has
    it: the page searches its words instead of finding nothing."""
    year = sorted({r["issued"][:4] for r in reports if r["issued"]})[-1]
    q = f"{year} UBND"
    assert not any(re.sub(r"[^0-9a-z]", "", fold(str(n))).startswith(f"{year}ubnd") for _u, n in _numbered(built_site))
    expected = _matching(reports, q)
    assert expected, "precondition: reports hold both words"
    search(page, server, q=q)
    _all_shown(page)
    assert set(_groups(page)["docs"]) == expected


def _token(word: str) -> str:
    """A word as one folded token, separators dropped ("08/KH-UBND" → 08khubnd)."""
    return re.sub(r"[^0-9a-z]", "", fold(word))


def test_a_cited_number_lists_the_documents_citing_it_before_summary_pages(page, server, built_site):
    sources = sitebuild.report_sources(built_site)
    own = {str(meta["number"]) for _u, meta, _b in sources if meta.get("number")}
    tokens = {url: {_token(w) for w in (meta["title"] + " " + body).split()} for url, meta, body in sources}
    cited = sorted({str(c) for _u, meta, _b in sources for c in meta.get("cites") or []
                    if re.match(r"\d+[-/]", str(c)) and str(c) not in own})
    assert cited, "precondition: a report cites a numbered document"
    for number in cited[:3]:
        key = _token(number)
        expected = {url for url, toks in tokens.items() if any(t.startswith(key) for t in toks)}
        assert expected, number
        search(page, server, q=number)
        _all_shown(page)
        groups = _groups(page)
        assert set(groups["docs"]) == expected, (number, groups["docs"], expected)
        assert groups["cross"], "the cited document's own page is a summary page"
        assert count(page) == len(groups["docs"]) + len(groups["cross"])


# ---------------------------------------------------------------- words found nowhere

@pytest.mark.parametrize("query", ["xyzkhongco", "abcdefgh", "dan van xyzkhongco"])
def test_a_word_found_nowhere_finds_nothing(page, server, reports, built_site, query):
    odd = [w for w in fold(query).split() if not any(t.startswith(w) for r in reports for t in r["text"].split())]
    assert odd, "precondition: a word of the query is in no report"
    assert search(page, server, q=query) == []
    assert status(page).startswith("Không tìm thấy")


# ---------------------------------------------------------------- documents, then summary pages

def test_documents_come_first_and_are_counted_on_their_own(page, server, reports):
    search(page, server, q="tiep cong dan")
    _all_shown(page)
    groups = _groups(page)
    assert groups["docs"] and groups["cross"], "precondition: both kinds match"
    report_urls = {r["url"] for r in reports}
    assert set(groups["docs"]) <= report_urls and not set(groups["cross"]) & report_urls
    # every document of the page comes before the summary pages' heading
    order = page.evaluate("""() => [...document.querySelectorAll('.mb-result, .mb-search__group')]
        .map(n => n.classList.contains('mb-search__group') ? 'head' : 'r')""")
    assert order.index("head") == len(groups["docs"])
    m = re.match(r"([\d.]+) văn bản và ([\d.]+) trang tổng hợp", status(page))
    assert m and int(m.group(1)) == len(groups["docs"]) and int(m.group(2)) == len(groups["cross"]), status(page)
    head = page.locator(".mb-search__group").inner_text()
    assert CROSS in head and str(len(groups["cross"])) in head


# ---------------------------------------------------------------- phrase marks

@pytest.mark.parametrize("query", ['"tiep cong dan"', "tiep cong dan"])
def test_a_phrase_is_marked_as_a_phrase(page, server, reports, query):
    words = fold(query).split()
    results = search(page, server, q=query, nhom=REPORTS)
    whole = [r for r in results if f" {' '.join(words)} " in f" {fold(r['excerpt'])} "]
    assert whole, "precondition: excerpts holding the phrase"
    for r in whole:
        marks = [fold(m) for m in r["marks"]]
        # marks come as whole phrases, never a syllable alone
        assert marks and len(marks) % len(words) == 0, r["marks"]
        for i in range(0, len(marks), len(words)):
            assert marks[i:i + len(words)] == words, r["marks"]


# ---------------------------------------------------------------- filters: chips, range, focus

def test_a_toggled_filter_keeps_the_keyboard_focus(page, server):
    search(page, server, q="dan van")
    box = page.locator('.mb-filter[data-filter="tinh"] input[type="checkbox"]').first
    value = box.get_attribute("value")
    box.focus()
    before = status(page)
    page.keyboard.press("Space")
    _wait(page, before)
    focused = page.evaluate("() => [document.activeElement.tagName, document.activeElement.value, document.activeElement.checked]")
    assert focused == ["INPUT", value, True], focused
    before = status(page)
    page.keyboard.press("Space")
    _wait(page, before)
    focused = page.evaluate("() => [document.activeElement.tagName, document.activeElement.value, document.activeElement.checked]")
    assert focused == ["INPUT", value, False], focused


def test_each_active_filter_has_a_removable_chip(page, server, reports):
    # a province and a year in which another province has a report too
    province, year = next((r["province"], r["issued"][:4]) for r in reports if r["issued"] and r["province"]
                          and any(o["issued"][:4] == r["issued"][:4] and o["province"] not in (None, r["province"])
                                  for o in reports))
    search(page, server, q="dan van", tinh=province, nam=year, nhom=REPORTS)
    chips = page.locator(".mb-chip", has_text=province).or_(page.locator(".mb-chip", has_text=year))
    assert chips.count() == 2
    texts = chips.all_inner_texts()
    assert any(province in t for t in texts) and any(year in t for t in texts), texts
    before = status(page)
    page.locator(".mb-chip", has_text=province).click()
    results = _wait(page, before)
    assert "tinh=" not in page.url and f"nam={year}" in page.url
    assert page.locator(".mb-chip").count() == 2  # year and page kind
    assert results and all(r["date"].startswith(year) for r in results)
    assert any(r["province"] != province for r in results), "precondition: the province filter is gone"
    assert page.evaluate("document.activeElement.classList.contains('mb-chip')"), "focus goes to the next chip"
    for _ in range(2):
        before = page.url
        page.locator(".mb-chip").last.click()
        page.wait_for_function("prev => location.href !== prev && document.getElementById('mb-search').dataset.state === 'done'",
                               arg=before, timeout=20000)
    assert page.locator(".mb-chip").count() == 0 and "nam=" not in page.url
    assert page.evaluate("document.activeElement.id") == "mb-search-q"


def _matching(reports, query: str) -> set[str]:
    """Reports holding a word that starts with each word of ``query`` (Pagefind's AND of prefixes)."""
    words = fold(query).split()
    return {r["url"] for r in reports if all(any(t.startswith(w) for t in r["text"].split()) for w in words)}


def test_a_year_range_keeps_the_documents_of_those_years(page, server, reports):
    years = sorted({r["issued"][:4] for r in reports if r["issued"]})
    assert len(years) >= 3, "precondition: reports of several years"
    lo, hi = years[1], years[-2]
    found = _matching(reports, "dan van")
    within = {r["url"] for r in reports if r["issued"] and lo <= r["issued"][:4] <= hi} & found
    assert within and within != found
    results = search(page, server, q="dan van", nhom=REPORTS, tu=lo, den=hi)
    assert {r["url"] for r in results} == within
    assert count(page) == len(within)
    chips = page.locator(".mb-chip").all_inner_texts()
    assert any(f"Từ năm {lo}" in t for t in chips) and any(f"Đến năm {hi}" in t for t in chips), chips
    # set from the page: the range's lists write the URL
    search(page, server, q="dan van", nhom=REPORTS)
    before = status(page)
    if not page.locator("#mb-range-tu").is_visible():
        page.locator(".mb-filter--range summary").click()
    page.locator("#mb-range-tu").focus()
    page.locator("#mb-range-tu").select_option(hi)
    results = _wait(page, before)
    assert f"tu={hi}" in page.url
    assert {r["url"] for r in results} == {r["url"] for r in reports if r["issued"][:4] >= hi} & found
    assert page.evaluate("document.activeElement.id") == "mb-range-tu"


# ---------------------------------------------------------------- what a result says

def test_results_show_the_reporting_period(page, server, built_site):
    labelled = [(url, meta["period"]["label"]) for url, meta, _b in sitebuild.report_sources(built_site)
                if isinstance(meta.get("period"), dict) and meta["period"].get("label")]
    assert labelled, "precondition: a report with a period"
    results = search(page, server, q="dan van", nhom=REPORTS)
    _all_shown(page)
    results = page.eval_on_selector_all(".mb-result", "els => els.map(li => [li.dataset.url, li.querySelector('.mb-result__facts').textContent])")
    facts = dict(results)
    checked = [(u, lab) for u, lab in labelled if u in facts]
    assert checked
    for url, label in checked:
        assert f"Kỳ báo cáo: {label}" in facts[url], (url, facts[url])


def test_province_pages_say_which_province_page_they_are(page, server, built_site):
    """/tinh/<slug>/ (province at issue) and /tinh-2025/<slug>/ (after the merger) are
    titled by the same name: each result says which it is."""
    site = built_site / "site"
    both = sorted({p.parent.name for p in (site / "tinh").glob("*/index.html")}
                  & {p.parent.name for p in (site / "tinh-2025").glob("*/index.html")})
    assert both, "precondition: a province under both"
    slug = both[0]
    name = re.search(r"<h1[^>]*>(.*?)</h1>", (site / "tinh" / slug / "index.html").read_text(encoding="utf-8")).group(1)
    search(page, server, q=name, nhom=CROSS)
    _all_shown(page)
    titles = dict(page.eval_on_selector_all(".mb-result", "els => els.map(li => [li.dataset.url, li.querySelector('.mb-result__title').textContent])"))
    at_issue, merged = titles.get(f"/tinh/{slug}/"), titles.get(f"/tinh-2025/{slug}/")
    assert at_issue and merged, titles
    assert at_issue != merged and at_issue != name and merged != name
    assert "2025" in merged and "2025" not in at_issue


# ---------------------------------------------------------------- no 404

def test_the_search_page_asks_for_nothing_that_is_missing(page, server):
    missing = []
    page.on("response", lambda r: missing.append(r.url) if r.status >= 400 else None)
    search(page, server, q="dan van kheo")
    search(page, server)
    assert missing == []


# ---------------------------------------------------------------- CSV and Atom

def test_results_as_csv_and_atom_carry_the_query_and_filters(page, server):
    search(page, server, q="dan van", nhom=REPORTS)
    _all_shown(page)
    shown = page.eval_on_selector_all(".mb-result", "els => els.map(li => li.dataset.url)")
    assert len(shown) > 1
    for fmt in ("csv", "atom"):
        link = page.locator(f'.mb-search__export a[data-format="{fmt}"]')
        query = parse_qs(urlsplit(link.get_attribute("href")).query)
        assert query == {"q": ["dan van"], "nhom": [REPORTS], "xuat": [fmt]}, query
        with page.expect_download() as got:
            link.click()
        text = open(got.value.path(), encoding="utf-8-sig").read()
        if fmt == "csv":
            rows = list(csv.DictReader(io.StringIO(text)))
            assert [urlsplit(r["url"]).path for r in rows] == shown
            assert all(r["tieu_de"] and r["loai"] for r in rows)
        else:
            ns = {"a": "http://www.w3.org/2005/Atom"}
            feed = ET.fromstring(text.encode("utf-8"))
            links = [urlsplit(e.find("a:link", ns).get("href")).path for e in feed.findall("a:entry", ns)]
            assert links == shown
            assert "dan van" in feed.find("a:title", ns).text
    # the link opened as it is (shared): the page searches and hands the file over
    href = page.locator('.mb-search__export a[data-format="csv"]').get_attribute("href")
    with page.expect_download() as got:
        page.goto(f"{server}/tim-kiem/{href}")
    rows = list(csv.DictReader(io.StringIO(open(got.value.path(), encoding="utf-8-sig").read())))
    assert [urlsplit(r["url"]).path for r in rows] == shown
