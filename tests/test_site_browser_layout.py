"""The built site in a real browser (Debian chromium through Playwright):
home page and a report page at phone and desktop widths.

Screenshots go to a temporary folder (or $MINHBACH_SCREENSHOTS) for a person to look at."""
from __future__ import annotations

import os
from pathlib import Path

import pytest

import browserkit
import sitebuild

playwright = pytest.importorskip("playwright.sync_api")

CHROMIUM = browserkit.CHROMIUM
VIEWPORTS = {"phone": {"width": 390, "height": 844}, "desktop": {"width": 1366, "height": 900}}


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    project = sitebuild.make_project(tmp_path_factory.mktemp("browser") / "project")
    sitebuild.build(project)
    return project


@pytest.fixture(scope="module")
def server(built):
    httpd, url = browserkit.serve(built / "site")
    yield url
    httpd.shutdown()
    httpd.server_close()


@pytest.fixture(scope="module")
def browser(server):  # after the build: Playwright runs an event loop, the indexer too
    if not Path(CHROMIUM).exists():
        pytest.skip("Debian chromium is not installed (scripts/setup.sh --test)")
    with playwright.sync_playwright() as p:
        b = browserkit.launch(p)
        yield b
        b.close()


@pytest.fixture(scope="module")
def shots(tmp_path_factory) -> Path:
    folder = os.environ.get("MINHBACH_SCREENSHOTS")
    path = Path(folder) if folder else tmp_path_factory.mktemp("screenshots")
    path.mkdir(parents=True, exist_ok=True)
    return path


def _report_url(built) -> str:
    """The longest sample report (most headings and footnotes)."""
    pages = sitebuild.report_pages(built)
    _meta, html = max(pages, key=lambda mp: mp[1].stat().st_size)
    return "/" + html.relative_to(built / "site").parent.as_posix() + "/"


def _overflow(page) -> int:
    return page.evaluate("document.documentElement.scrollWidth - window.innerWidth")


@pytest.mark.parametrize("device", sorted(VIEWPORTS))
def test_home_page(browser, server, shots, device):
    page = browser.new_page(viewport=VIEWPORTS[device])
    page.goto(server + "/", wait_until="load")
    assert page.locator("h1").first.inner_text().strip() == "Minh bạch"
    assert page.locator("a[href='tim-kiem/']").count() >= 1
    if device == "phone":
        assert _overflow(page) <= 0
    page.screenshot(path=str(shots / f"home-{device}.png"), full_page=True)
    page.close()


@pytest.mark.parametrize("device", sorted(VIEWPORTS))
def test_report_page(browser, server, built, shots, device):
    page = browser.new_page(viewport=VIEWPORTS[device])
    page.goto(server + _report_url(built), wait_until="load")
    panel = page.locator("section.mb-meta")
    assert panel.is_visible()
    assert page.locator("h1.mb-report__title").is_visible()
    box = panel.bounding_box()
    assert box["width"] <= VIEWPORTS[device]["width"]
    assert page.locator(".mb-meta__province-2025 dd").inner_text().strip()
    if device == "phone":
        assert _overflow(page) <= 0
        # the long body text wraps inside the screen too
        widths = page.evaluate(
            "Array.from(document.querySelectorAll('.md-content *')).map(e => e.getBoundingClientRect().right)")
        assert max(widths) <= VIEWPORTS[device]["width"] + 1
    else:
        assert page.locator(".md-sidebar--secondary").is_visible()  # table of contents
    page.screenshot(path=str(shots / f"report-{device}.png"), full_page=False)
    page.close()


def test_report_print_layout(browser, server, built, shots):
    page = browser.new_page(viewport=VIEWPORTS["desktop"])
    page.goto(server + _report_url(built), wait_until="load")
    page.emulate_media(media="print")
    assert page.locator("section.mb-meta").is_visible()
    assert not page.locator(".md-header").is_visible()
    assert not page.locator(".md-sidebar--primary").is_visible()
    assert not page.locator(".md-sidebar--secondary").is_visible()
    footnotes = page.locator(".md-typeset .footnote")
    if footnotes.count():
        footnotes.first.scroll_into_view_if_needed()
        assert footnotes.first.is_visible()
    page.pdf(path=str(shots / "report-print.pdf"))
    page.screenshot(path=str(shots / "report-print.png"), full_page=False)
    page.close()
