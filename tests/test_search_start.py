"""How the search page starts (overrides/partials/search-head.html, search.js), on the
built samples in a real browser: a shared link's search starts in <head>, before the
page's stylesheets are even loaded; the theme's script waits until the first results
are on screen; a search started that early still gets its filter counts.

Requests are held back with Playwright's routing, so each check is about order, never
about time, and fails if the order is not the one described."""
from __future__ import annotations

import re
import time

import pytest

import browserkit
import sitebuild


@pytest.fixture(scope="module")
def server(built_site):
    for urls in browserkit.served(site=built_site / "site"):
        yield urls["site"]


@pytest.fixture(scope="module")
def browser(server):
    yield from browserkit.browser_session()


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
