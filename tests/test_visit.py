"""A visit as citizens and journalists make it (issue 20): the samples' site in headless
Chromium at 1366×900 and on a 390×844 phone, served by `minhbach serve`'s own handler.

One site build (the session's ``built_site``), one browser for the module. Each test
checks one thing a visitor met; the accessibility check runs axe-core (pinned, installed
by scripts/setup.sh --test) on every page type at both sizes."""
from __future__ import annotations

import functools
import re
import threading
import urllib.error
import urllib.request
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

import browserkit
import sitebuild
from minhbach.site import preview_handler_class, preview_server_class

DESKTOP = {"width": 1366, "height": 900}
PHONE = {"width": 390, "height": 844}
VIEWPORTS = {"desktop": DESKTOP, "phone": PHONE}
AXE = sorted((Path(__file__).resolve().parents[1] / ".venv" / "lib").glob("axe-core-*/axe.min.js"))


@pytest.fixture(scope="module")
def site(built_site) -> Path:
    return built_site / "site"


@pytest.fixture(scope="module")
def base(site):
    """The site served by minhbach serve's handler (charset, 404 page, download names)."""
    class Quiet(preview_handler_class()):
        def log_message(self, *args):
            pass

    httpd = preview_server_class()(("127.0.0.1", 0), functools.partial(Quiet, directory=str(site)))
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()
    httpd.server_close()


@pytest.fixture(scope="module")
def browser():
    yield from browserkit.browser_session()


@pytest.fixture(scope="module")
def reports(built_site):
    """{source file name: (site URL, front matter)} of the samples' report pages."""
    return {meta["source"]["path"].rsplit("/", 1)[-1]: (url, meta)
            for url, meta, _body in sitebuild.report_sources(built_site)}


def open_page(browser, viewport, **kw):
    ctx = browser.new_context(viewport=viewport, **kw)
    pg = ctx.new_page()
    errors: list[str] = []
    pg.on("pageerror", lambda e: errors.append(str(e)))
    pg.errors = errors
    return ctx, pg


@pytest.fixture(params=list(VIEWPORTS))
def any_view(request, browser):
    ctx, pg = open_page(browser, VIEWPORTS[request.param])
    pg.view = request.param
    yield pg
    ctx.close()
    assert not pg.errors, pg.errors


@pytest.fixture()
def phone(browser):
    ctx, pg = open_page(browser, PHONE)
    yield pg
    ctx.close()
    assert not pg.errors, pg.errors


@pytest.fixture()
def desktop(browser):
    ctx, pg = open_page(browser, DESKTOP, accept_downloads=True)
    yield pg
    ctx.close()
    assert not pg.errors, pg.errors


def url_of(reports, name: str) -> str:
    return reports[name][0]


KE_HOACH = "004_8f1432702b8498b4.txt"  # Kế hoạch of UBND tỉnh Kiên Giang, 2024, a draft (…/KH-UBND)
FOOTNOTED = "001_f1675c333ba0a0d8.txt"  # 111-BC/BDV-BCSĐ, 10/5/2018, 14 recipients, footnotes, models
STTTT = "002_61ce2e627e777aa2.txt"  # a draft: "Số: /BC-STTTT"


# ------------------------------------------------------------------ shared links

def test_description_is_escaped_and_each_report_has_its_own(any_view, base, reports):
    any_view.goto(base + "/")
    home = any_view.locator('meta[name="description"]').get_attribute("content")
    assert home.endswith("phong trào \"Dân vận khéo\" và cải cách hành chính."), home
    url, meta = reports[FOOTNOTED]
    any_view.goto(base + url)
    desc = any_view.locator('meta[name="description"]').get_attribute("content")
    assert desc.startswith("Báo cáo số 111-BC/BDV-BCSĐ của Ban Dân vận Tỉnh ủy Kiên Giang"), desc
    assert "ngày 10/5/2018" in desc and "Sơ kết 01 năm thực hiện Chương trình" in desc
    og = {p: any_view.locator(f'meta[property="og:{p}"]').get_attribute("content")
          for p in ("type", "title", "description", "site_name", "locale")}
    assert og["type"] == "article" and og["description"] == desc and og["locale"] == "vi_VN"
    assert og["title"].startswith("Báo cáo sơ kết 01 năm")
    assert any_view.locator('meta[name="twitter:card"]').get_attribute("content") == "summary"
    assert any_view.locator('meta[name="twitter:title"]').get_attribute("content") == og["title"]


def test_tab_and_heading_name_type_issuer_and_year(any_view, base, reports):
    any_view.goto(base + url_of(reports, KE_HOACH))
    want = ("Kế hoạch thực hiện Chỉ thị số 33/CT-TTg ngày 26/11/2021 của Thủ tướng Chính phủ",
            "— Ủy ban nhân dân tỉnh Kiên Giang, 2024")
    title = any_view.title()
    h1 = any_view.locator("h1.mb-report__title").inner_text()
    for text in (title, h1):
        assert text.startswith(want[0]) and want[1] in text, text


# ------------------------------------------------------------------ report page

def test_phone_has_a_table_of_contents(phone, desktop, base, reports):
    url = url_of(reports, FOOTNOTED)
    desktop.goto(base + url)
    assert not desktop.locator("details.mb-ptoc").is_visible()
    assert desktop.locator(".md-sidebar--secondary .md-nav__link").first.is_visible()
    phone.goto(base + url)
    toc = phone.locator("details.mb-ptoc")
    assert toc.is_visible() and toc.bounding_box()["y"] < PHONE["height"]  # first screen
    toc.locator("summary").click()
    links = toc.locator("a")
    assert links.count() >= 5
    target = links.nth(3)
    anchor = target.get_attribute("href")
    target.click()
    phone.wait_for_timeout(300)
    heading = phone.locator(f"[id='{anchor[1:]}']")
    box = heading.bounding_box()
    assert 0 <= box["y"] < PHONE["height"], box


def test_back_to_top_says_so(phone, base, reports):
    phone.goto(base + url_of(reports, FOOTNOTED))
    phone.mouse.wheel(0, 4000)
    phone.wait_for_timeout(200)
    phone.mouse.wheel(0, -300)  # Material shows the button when scrolling up
    button = phone.locator("button.md-top")
    button.wait_for(state="visible")
    assert button.inner_text().strip() == "Về đầu trang"


def test_footnote_back_links_are_in_vietnamese(desktop, base, reports):
    desktop.goto(base + url_of(reports, FOOTNOTED))
    titles = desktop.locator("a.footnote-backref").evaluate_all("els => els.map(e => e.title)")
    assert len(titles) == 14
    assert titles[0] == "Trở lại chỗ chú thích 1 trong văn bản"


def test_a_drafts_known_symbol_is_shown(desktop, base, reports):
    from minhbach import report_page

    desktop.goto(base + url_of(reports, STTTT))
    assert desktop.locator(".mb-meta__number dd").inner_text() == "…/BC-STTTT (chưa ghi số)"
    desktop.goto(base + url_of(reports, FOOTNOTED))
    assert desktop.locator(".mb-meta__number dd").inner_text() == "111-BC/BDV-BCSĐ"
    assert report_page.number_text({"symbol": "BC/BDV-BCSĐ"}) == "…-BC/BDV-BCSĐ (chưa ghi số)"  # Party style


def test_recipients_are_folded_until_asked(phone, base, reports):
    phone.goto(base + url_of(reports, FOOTNOTED))
    row = phone.locator(".mb-meta__recipients")
    assert row.locator("summary").inner_text().endswith("14 nơi nhận (bấm để xem)")
    assert not row.locator("li").first.is_visible()
    row.locator("summary").click()
    assert row.locator("li").first.is_visible() and row.locator("li").count() == 14


def test_download_names_format_and_size(desktop, base, reports, built_site):
    from minhbach import display

    url, meta = reports[FOOTNOTED]
    desktop.goto(base + url)
    link = desktop.locator("a.mb-original")
    size = (built_site / "sources" / meta["source"]["path"]).stat().st_size
    assert link.inner_text() == f"Tải về bản gốc (TXT, {display.format_size(size)})"
    assert display.format_size(size) == "36,9 KB"
    with desktop.expect_download() as dl:
        link.click()
    assert dl.value.suggested_filename == FOOTNOTED


def test_citation_line_is_copied_with_the_page_address(browser, base, reports):
    from minhbach import report_page

    ctx, pg = open_page(browser, DESKTOP)
    ctx.grant_permissions(["clipboard-read", "clipboard-write"], origin=base)
    url = url_of(reports, FOOTNOTED)
    pg.goto(base + url)
    want = f"Báo cáo số 111-BC/BDV-BCSĐ của Ban Dân vận Tỉnh ủy Kiên Giang, Ban cán sự đảng UBND tỉnh Kiên Giang, " \
           f"ngày 10/5/2018; nguồn: {base}{url}"
    assert " ".join(pg.locator("#mb-citation").inner_text().split()) == want
    pg.get_by_role("button", name="Sao chép trích dẫn").click()
    pg.locator(".mb-copy__done", has_text="Đã sao chép").wait_for()
    assert pg.evaluate("navigator.clipboard.readText()") == want
    dates = pg.locator(".mb-cite__dates time")
    assert dates.first.get_attribute("datetime") == report_page.build_date()
    ctx.close()


def test_site_dates_carry_over_a_rebuild(site, reports):
    from minhbach import report_page

    url, meta = reports[FOOTNOTED]
    live = site / url.strip("/") / "index.html"
    previous = report_page.previous_dates(live)
    assert previous["sha256"] == meta["source"]["sha256"] and previous["published"]
    # same source: both dates kept; changed source: published kept, updated is the new build's
    assert report_page.site_dates(meta["source"]["sha256"], previous, "2099-01-01") == \
        (previous["published"], previous["updated"])
    assert report_page.site_dates("other", previous, "2099-01-01") == (previous["published"], "2099-01-01")
    assert report_page.site_dates("x", {}, "2099-01-01") == ("2099-01-01", "2099-01-01")


def test_print_keeps_the_metadata_panel(desktop, base, reports):
    desktop.goto(base + url_of(reports, FOOTNOTED))
    desktop.emulate_media(media="print")
    assert desktop.locator(".mb-meta").is_visible()
    assert desktop.locator(".mb-meta__number").is_visible()
    assert not desktop.locator(".md-header").is_visible()
    assert not desktop.locator("details.mb-ptoc").is_visible()
    assert desktop.locator("#mb-citation").is_visible() and not desktop.locator(".mb-copy").is_visible()
    desktop.evaluate("window.dispatchEvent(new Event('beforeprint'))")
    assert desktop.locator(".mb-meta__recipients li").first.is_visible()


# ------------------------------------------------------------------ not found, serve

def test_not_found_is_in_vietnamese(any_view, base, site):
    response = any_view.goto(base + "/khong-co/trang-nay/")
    assert response.status == 404
    assert any_view.locator("article h1").inner_text() == "Không tìm thấy trang"
    assert any_view.title().startswith("Không tìm thấy trang")
    any_view.get_by_role("link", name="Tìm kiếm văn bản").click()
    assert any_view.url.rstrip("/").endswith("/tim-kiem")
    assert "Not found" not in (site / "404.html").read_text(encoding="utf-8")


def test_serve_sends_charset_and_vietnamese_errors(base, reports):
    path = reports[FOOTNOTED][1]["source"]["path"]
    with urllib.request.urlopen(f"{base}/nguon/{path}") as r:
        assert r.headers["Content-Type"] == "text/plain; charset=utf-8"
        assert FOOTNOTED in r.headers["Content-Disposition"]
    request = urllib.request.Request(base + "/", data=b"x", method="POST")
    with pytest.raises(urllib.error.HTTPError) as err:
        urllib.request.urlopen(request)
    body = err.value.read().decode("utf-8")
    assert err.value.code == 501 and "chỉ trả lời yêu cầu xem" in body and 'lang="vi"' in body


def test_original_text_opens_readable(desktop, base, reports):
    path = reports[FOOTNOTED][1]["source"]["path"]
    desktop.goto(f"{base}/nguon/{path}")
    assert "BÁO CÁO" in desktop.locator("body").inner_text()


def test_build_warns_once_without_a_site_url(built_site, tmp_path, monkeypatch, capsys):
    from unittest import mock

    from minhbach import site as site_mod

    monkeypatch.delenv("MINHBACH_SITE_URL", raising=False)
    with mock.patch("mkdocs.commands.build.build"), mock.patch("minhbach.search.index_site"):
        site_mod.render_site(built_site, tmp_path / "a")
        assert capsys.readouterr().out.count("MINHBACH_SITE_URL") == 1
        monkeypatch.setenv("MINHBACH_SITE_URL", "https://minhbach.example.vn/")
        site_mod.render_site(built_site, tmp_path / "b")
        assert "MINHBACH_SITE_URL" not in capsys.readouterr().out


# ------------------------------------------------------------------ cross-pages

def test_reports_page_lists_the_newest(any_view, base, reports):
    any_view.goto(base + "/reports/")
    links = any_view.locator("#moi-nhat + ul > li > a")
    assert links.count() == len(reports)
    hrefs = [h.split("/reports/")[-1] for h in links.evaluate_all("els => els.map(e => e.href)")]
    issued = {url.split("/reports/")[-1]: str(meta.get("issued") or "") for url, meta in reports.values()}
    dates = [issued[h] for h in hrefs]
    assert dates == sorted(dates, reverse=True)
    assert any_view.get_by_role("link", name="Năm 2024", exact=True).first.is_visible()


def test_wide_tables_say_they_scroll_on_a_phone(phone, desktop, base):
    phone.goto(base + "/dan-van-kheo/")
    hint = phone.locator(".mb-scroll-hint").first
    assert hint.is_visible() and "cuộn ngang" in hint.inner_text()
    scroller = phone.locator(".mb-scrolls").first
    source = scroller.locator("tbody tr").first.locator("td").last.locator("a")
    assert not source.is_visible() or source.bounding_box()["x"] > PHONE["width"]
    scroller.evaluate("el => el.scrollLeft = el.scrollWidth")
    box = source.bounding_box()
    assert box["x"] + box["width"] <= PHONE["width"] + 1, box
    desktop.goto(base + "/tinh/ha-nam/")
    assert desktop.locator(".mb-scroll-hint").count() == 0


def test_source_links_name_the_document(desktop, base):
    desktop.goto(base + "/dan-van-kheo/")
    names = desktop.locator("table").first.locator("tbody tr td:last-child a").all_inner_texts()
    assert names and all(re.match(r"^(Báo cáo|Kế hoạch) (số \S+|của .+), (\d+/\d+/\d{4}|tháng \d+/\d{4}|năm \d{4})$", n)
                         for n in names), names
    assert "Báo cáo số 111-BC/BDV-BCSĐ, 10/5/2018" in names


def test_one_date_format(desktop, base):
    desktop.goto(base + "/reports/nam-2018/")
    text = desktop.locator("article.mb-cross").inner_text()
    assert "10/5/2018" in text and "10/05/2018" not in text
    desktop.goto(base + "/dan-van-kheo/")
    text = desktop.locator("article.mb-cross").inner_text()
    assert not re.search(r"\b\d{4}-\d{2}-\d{2}\b|\b\d{2}/0\d/\d{4}\b", text), text


def test_excerpts_end_where_a_phrase_does(desktop, base, site):
    ends = []
    desktop.goto(base + "/tinh/ha-nam/")
    for cell in desktop.locator("table tbody tr td:nth-last-child(2)").all_inner_texts():
        ends.append(cell)
    for page in sorted((site / "van-ban").rglob("index.html")):
        html = page.read_text(encoding="utf-8")
        ends += [sitebuild.text_of(li) for li in re.findall(r"<li>([^<]*…)\s*\(<a", html)]
    assert len(ends) > 5
    for text in ends:
        words = text.rstrip(" …").split()
        assert words[-1].lower() not in {"số", "ngày", "của", "và", "về", "theo", "tại", "với"}, text
    assert any(t.endswith("pháp luật và đảm bảo thực hiện đầy đủ quy trình …") or "pháp luật" in t for t in ends)


def test_dan_van_kheo_link_lands_on_the_marked_model(phone, base):
    phone.goto(base + "/dan-van-kheo/")
    first = phone.locator("table").first.locator("tbody tr").first
    name = first.locator("td").first.inner_text().strip("“”")
    first.locator("td:last-child a").click()
    phone.wait_for_load_state()
    mark = phone.locator("mark.mb-mark")
    mark.wait_for()
    assert mark.count() == 1 and mark.inner_text() == name
    box = mark.bounding_box()
    assert 0 <= box["y"] <= PHONE["height"] - box["height"], box


def test_atom_entries_say_the_dates_precision(site, reports):
    from minhbach import display

    ns = {"a": "http://www.w3.org/2005/Atom", "dc": "http://purl.org/dc/terms/"}
    feed = ET.parse(site / "du-lieu" / "feed.xml").getroot()
    by_title = {e.findtext("a:title", namespaces=ns): e for e in feed.findall("a:entry", ns)}
    for _url, meta in reports.values():
        entry = by_title[meta["title"]]
        issued = str(meta.get("issued") or "")
        assert entry.findtext("dc:issued", namespaces=ns) == (issued or None)
        if issued:
            assert f"ngày ban hành: {display.format_date(issued)}" in entry.findtext("a:summary", namespaces=ns)
    year_only = [m for _u, m in reports.values() if re.fullmatch(r"\d{4}", str(m.get("issued") or ""))]
    assert year_only, "the samples have a report dated by its year only"


def test_about_page_says_who_how_to_report_and_when(any_view, base):
    any_view.goto(base + "/gioi-thieu/")
    for heading in ("Ai vận hành trang này", "Báo lỗi", "Trang được cập nhật khi nào"):
        assert any_view.get_by_role("heading", name=heading).is_visible()
    assert "dựng lại mỗi đêm" in any_view.locator("#cap-nhat + p").inner_text()


# ------------------------------------------------------------------ accessibility

PAGE_TYPES = {
    "home": "/", "reports": "/reports/", "year": "/reports/nam-2024/", "report": None,
    "province": "/tinh/kien-giang/", "province-2025": "/tinh-2025/an-giang/", "agencies": "/co-quan/",
    "dan-van-kheo": "/dan-van-kheo/", "reform": "/cai-cach-hanh-chinh/", "cited": "/van-ban/33-ct-ttg/",
    "data": "/du-lieu/", "about": "/gioi-thieu/", "search": "/tim-kiem/", "not-found": "/khong-co/",
}


@pytest.mark.skipif(not AXE, reason="axe-core not installed (scripts/setup.sh --test)")
def test_no_serious_accessibility_violation(browser, base, reports):
    script = AXE[-1].read_text(encoding="utf-8")
    found = {}
    for view, viewport in VIEWPORTS.items():
        ctx, pg = open_page(browser, viewport)
        for kind, url in PAGE_TYPES.items():
            pg.goto(base + (url or url_of(reports, FOOTNOTED)))
            pg.wait_for_timeout(100)
            pg.add_script_tag(content=script)
            result = pg.evaluate("axe.run(document, {resultTypes: ['violations']})")
            bad = [(v["id"], v["impact"], [n["target"] for n in v["nodes"]][:6]) for v in result["violations"]
                   if v["impact"] in ("serious", "critical")]
            if bad:
                found[f"{view} {kind}"] = bad
        ctx.close()
    assert not found, "\n".join(f"{k}: {v}" for k, v in found.items())
