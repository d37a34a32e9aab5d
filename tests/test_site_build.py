"""The public site, built for real from the samples (minhbach build on a temp copy).

One build per module (slow part); every test reads the built files."""
from __future__ import annotations

import re
import shutil
from pathlib import Path
from urllib.parse import unquote, urljoin

import pytest
from markupsafe import escape

import sitebuild
from minhbach import pages
from minhbach import report_page
from minhbach.mkdocs_hooks import format_date, format_period, safe_source_path, slugify, toc_slugify
from conftest import SAMPLES


@pytest.fixture(scope="module")
def project(tmp_path_factory) -> Path:
    proj = sitebuild.make_project(tmp_path_factory.mktemp("site") / "project")
    sitebuild.build(proj)
    return proj


@pytest.fixture(scope="module")
def site(project) -> Path:
    return project / "site"


@pytest.fixture(scope="module")
def reports(project):
    found = sitebuild.report_pages(project)
    assert found, "no report page was generated"
    return found


def _hostile(reports):
    for meta, html in reports:
        if meta["source"]["path"] == "kiem-thu/bao-cao-co-ma.txt":
            return meta, html.read_text(encoding="utf-8")
    pytest.fail("the report with markup-like text has no page")


# ---------------------------------------------------------------- pure helpers

@pytest.mark.parametrize("value, shown", [
    ("2018-05-10", "10/5/2018"),
    ("2024-05", "tháng 5/2024"),
    ("2023", "năm 2023"),
    (2023, "năm 2023"),
    (None, None),
])
def test_date_only_as_precise_as_known(value, shown):
    assert format_date(value) == shown


def test_date_objects_from_yaml():
    import datetime
    assert format_date(datetime.date(2018, 5, 10)) == "10/5/2018"


@pytest.mark.parametrize("period, shown", [
    ({"label": "6 tháng đầu năm 2024", "start": "2024-01-01", "end": "2024-06-30"}, "6 tháng đầu năm 2024"),
    ({"label": None, "start": "2024-01", "end": "2024-06"}, "từ tháng 1/2024 đến tháng 6/2024"),
    (None, None),
])
def test_period(period, shown):
    assert format_period(period) == shown


@pytest.mark.parametrize("path, ok", [
    ("samples/000_87248a225afa83c7.txt", "samples/000_87248a225afa83c7.txt"),
    ("tỉnh/báo cáo 1.docx", "tỉnh/báo cáo 1.docx"),
    ("../etc/passwd", None),
    ("a/../../b.txt", None),
    ("/etc/passwd", None),
    ("C:/x.txt", None),
    ("a\\..\\b.txt", None),
    ("", None),
])
def test_source_paths_outside_sources_are_refused(path, ok):
    assert safe_source_path(path) == ok


@pytest.mark.parametrize("heading, slug", [
    ("Kết quả đạt được", "ket-qua-dat-duoc"),
    ("I. MỤC ĐÍCH, YÊU CẦU", "i-muc-dich-yeu-cau"),
    ("Đảng bộ tỉnh Đồng Nai", "dang-bo-tinh-dong-nai"),
])
def test_toc_slugify(heading, slug):
    assert toc_slugify(heading, "-") == slug


def test_fast_slugify_equals_pages_slugify():
    """The hooks' cached/folded slugify gives exactly minhbach.pages.slugify on
    every line and clause of the real samples (and on odd characters)."""
    texts = {"Nhân dân’s “Dân vận khéo” – 1,5% … Ð ½ 漢字 &amp; x²", "ĐẢNG BỘ  tỉnh\u00a0Đồng Nai"}
    for f in SAMPLES.glob("*.txt"):
        for line in f.read_text(encoding="utf-8").splitlines():
            texts.add(line.strip())
            texts.update(part.strip() for part in re.split(r"[;.:]", line))
    for text in sorted(texts):
        assert slugify(text) == pages.slugify(text), text


# ------------------------------------------------------------------ the build

def test_vietnamese_ui_without_builtin_search(site):
    home = (site / "index.html").read_text(encoding="utf-8")
    assert '<html lang="vi"' in home
    assert not (site / "search" / "search_index.json").exists()
    assert "fonts.googleapis.com" not in home


def test_every_source_has_a_report_page(project, reports):
    sources = sorted(p.relative_to(project / "sources").as_posix()
                     for p in (project / "sources").rglob("*") if p.is_file())
    assert sorted(meta["source"]["path"] for meta, _ in reports) == sources
    assert len(sources) == len(list(SAMPLES.glob("*.txt"))) + 1
    for _meta, html in reports:
        assert html.is_file(), html


def test_report_page_has_the_metadata_panel(reports):
    for meta, path in reports:
        html = path.read_text(encoding="utf-8")
        assert html.count('class="mb-meta"') == 1, path
        title = re.search(r'<h1 class="mb-report__title">(.*?)</h1>', html, re.S)
        assert title and sitebuild.text_of(title.group(1)) == report_page.heading(meta)
        assert (meta.get("title") or "Văn bản chưa có tiêu đề")[1:] in sitebuild.text_of(title.group(1))
        assert sitebuild.text_of(sitebuild.meta_row(html, "type")) == (meta.get("type") or "chưa rõ")
        number = sitebuild.text_of(sitebuild.meta_row(html, "number"))
        assert number == (report_page.number_text(meta) or "chưa ghi số")
        units = sitebuild.meta_row(html, "units")
        for unit in meta.get("units") or []:
            assert f'co-quan/{pages.slugify(unit)}/"' in units and sitebuild.text_of(units).count(unit)
        province = sitebuild.meta_row(html, "province")
        if meta.get("province"):
            assert f'tinh/{pages.slugify(meta["province"])}/"' in province
            assert sitebuild.text_of(province) == meta["province"]
        province_2025 = sitebuild.meta_row(html, "province-2025")
        if meta.get("province_2025"):
            assert f'tinh-2025/{pages.slugify(meta["province_2025"])}/"' in province_2025
        assert sitebuild.text_of(sitebuild.meta_row(html, "date")).startswith(
            format_date(meta.get("issued")) or "chưa ghi ngày")
        for cited in meta.get("cites") or []:  # linked to its document's page (issue #18: identity, not number)
            assert re.search(r'href="[^"]*/van-ban/[^"]+/"[^>]*>[^<]*' + re.escape(str(escape(cited))) + "<", html), cited
        if meta.get("signers"):
            assert sitebuild.meta_row(html, "signers") is not None


def test_samples_metadata_reaches_the_panel(reports):
    """At least the province fields the samples state are shown (real samples)."""
    shown = [(m, p) for m, p in reports if m.get("province") and m.get("province_2025")]
    assert shown, "no sample page shows a province and its 2025 province"


def test_original_file_is_downloadable(project, site, reports):
    for meta, path in reports:
        html = path.read_text(encoding="utf-8")
        m = re.search(r'<a class="mb-original"[^>]* href="([^"]+)"', html)
        assert m, path
        page_url = path.relative_to(site).parent.as_posix() + "/"
        target = site / unquote(urljoin(page_url, m.group(1)))
        assert target.resolve().is_relative_to(site.resolve())
        original = project / "sources" / meta["source"]["path"]
        assert target.read_bytes() == original.read_bytes()


def test_links_on_report_pages_resolve(site, reports):
    """Every internal link of a report page (province, 2025 province, agencies,
    documents cited, topics, original, nav) leads to a built file: the slugs the
    page uses are the ones the cross-pages are written under."""
    broken = []
    for _meta, path in reports:
        html = path.read_text(encoding="utf-8")
        page_url = path.relative_to(site).parent.as_posix() + "/"
        for href in re.findall(r'href="([^"#]*)(?:#[^"]*)?"', html):
            if not href or "://" in href or href.startswith(("mailto:", "data:")):
                continue
            target = site / unquote(urljoin(page_url, href).split("?")[0]).lstrip("/")
            if target.is_dir() or href.endswith("/"):
                target = target / "index.html"
            if not target.is_file():
                broken.append((page_url, href))
    assert not broken, broken[:10]


def test_heading_ids_fold_d(reports):
    ids = []
    for _meta, path in reports:
        html = path.read_text(encoding="utf-8")
        for level, hid, inner in re.findall(r'<h([2-6]) id="([^"]+)"[^>]*>(.*?)</h\1>', html, re.S):
            text = sitebuild.text_of(inner)
            base = re.sub(r"_\d+$", "", hid)
            if hid == "van-ban-dan-chieu":
                continue
            assert base == toc_slugify(text, "-"), (text, hid)
            ids.append((text, hid))
    with_d = [(t, h) for t, h in ids if "đ" in t.lower()]
    assert with_d, "no heading with đ in the samples' pages"
    for _text, hid in with_d:
        assert "đ" not in hid


def test_duplicate_headings_get_distinct_ids(reports):
    _meta, html = _hostile(reports)
    ids = re.findall(r'<h[2-6] id="([^"]*ket-qua-dat-duoc[^"]*)"', html)
    assert len(ids) == 2 and len(set(ids)) == 2, ids


def test_report_text_is_shown_as_text(reports):
    _meta, html = _hostile(reports)
    body = html.split('<div class="mb-report__body">', 1)[1].split("</article>", 1)[0]
    assert "<script" not in body and "<b>" not in body and "<img" not in body
    assert "onclick" not in re.sub(r"&[a-z]+;|[^<]*", "", body)  # no attribute anywhere in tags
    assert not re.search(r"<[^>]+onclick", body) and not re.search(r"<[^>]+onerror", body)
    assert "&lt;script&gt;" in body and "&lt;b&gt;chữ đậm giả&lt;/b&gt;" in body
    assert "{{ config.site_name }}" in body and "{% raw %}" in body
    assert "&amp;lt;" not in body  # escaped once, not twice


def test_metadata_with_markup_is_escaped_everywhere(site):
    html = (site / "kiem-thu" / "trang-tay" / "index.html").read_text(encoding="utf-8")
    for raw in ("<i>thử</i>", "<script>alert(3)", "<b>X</b>", "<b>Nội vụ</b>", "<u>I</u>",
                "<em>Giám đốc</em>", '<a href="x">Lưu</a>', "<x>/1"):
        assert raw not in html, raw
    assert html.count("&lt;i&gt;thử&lt;/i&gt;") >= 3  # <title>, header, h1 (and search meta)
    for shown in ("&lt;b&gt;X&lt;/b&gt;", "&lt;u&gt;I&lt;/u&gt;", "&lt;em&gt;Giám đốc&lt;/em&gt;",
                  "&lt;a href=&#34;x&#34;&gt;Lưu&lt;/a&gt;"):
        assert shown in html, shown
    assert "10/5/2018" in html and 'href="../../dan-van-kheo/"' in html


def test_no_sidebar_lists_the_reports(site, reports):
    report_urls = {p.relative_to(site).parent.as_posix() for _m, p in reports}
    for page in site.rglob("*.html"):
        html = page.read_text(encoding="utf-8")
        nav = re.search(r'<nav class="md-nav md-nav--primary".*?</nav>\s*</div>\s*</div>\s*</div>', html, re.S)
        primary = nav.group(0) if nav else ""
        assert primary.count("md-nav__link") < 40, page
        for url in report_urls:
            assert url + "/" not in primary, (page, url)


def test_navigation_is_the_same_on_every_report_page(site, reports):
    """The primary navigation does not depend on the reports: same size on every
    report page (hrefs and the active-page marker aside), so page size stays flat."""
    sizes = set()
    for _m, path in reports:
        html = path.read_text(encoding="utf-8")
        nav = re.search(r'<nav class="md-nav md-nav--primary".*?</nav>', html, re.S)
        assert nav, path
        sizes.add(len(re.sub(r'href="[^"]*"|md-nav__[a-z]+--active', "", nav.group(0))))
    assert len(sizes) == 1, sizes


def test_nav_pages_exist(site):
    for url in ("reports/", "tinh/", "tinh-2025/", "co-quan/", "dan-van-kheo/", "cai-cach-hanh-chinh/",
                "van-ban/", "tim-kiem/", "du-lieu/", "gioi-thieu/"):
        assert (site / url / "index.html").is_file(), url


def test_home_links(site):
    home = (site / "index.html").read_text(encoding="utf-8")
    for href in ('href="tim-kiem/"', 'href="dan-van-kheo/"', 'href="cai-cach-hanh-chinh/"', 'href="du-lieu/"'):
        assert href in home, href
    assert "--8&lt;--" not in home and "--8<--" not in home


def test_paragraph_anchors_survive(project, reports):
    """The body converter's ``{: #p-N }`` become paragraph ids (links from models/figures)."""
    anchored = 0
    for meta, path in reports:
        md = (project / "content" / path.relative_to(project / "site").parent).with_suffix(".md")
        wanted = re.findall(r"\{: *#(p-\d+) *\}", md.read_text(encoding="utf-8"))
        html = path.read_text(encoding="utf-8")
        for anchor in wanted:
            assert f'id="{anchor}"' in html, (path, anchor)
        assert "{: #p-" not in html
        anchored += len(wanted)
    assert anchored, "no report body carries paragraph anchors"


def test_home_includes_the_generated_snippet(tmp_path):
    """The on_page_markdown hook includes content/_generated/home.md, which is not a page itself."""
    proj = tmp_path / "p"
    proj.mkdir()
    shutil.copy2(sitebuild.ROOT / "mkdocs.yml", proj / "mkdocs.yml")
    shutil.copytree(sitebuild.ROOT / "overrides", proj / "overrides")
    (proj / "content" / "_generated").mkdir(parents=True)
    shutil.copy2(sitebuild.ROOT / "content" / "index.md", proj / "content" / "index.md")
    (proj / "content" / "_generated" / "home.md").write_text(
        "## Báo cáo mới nhất\n\n- [Một báo cáo <b>mẫu</b>](reports/index.md)\n", encoding="utf-8")
    from minhbach import site as site_mod
    from unittest import mock
    with mock.patch("minhbach.search.index_site"):
        site_mod.render_site(proj, proj / "out")
    home = (proj / "out" / "index.html").read_text(encoding="utf-8")
    assert "Báo cáo mới nhất" in home and 'href="reports/"' in home
    assert not (proj / "out" / "_generated").exists()


def test_sitemap_has_no_build_date(site):
    xml = (site / "sitemap.xml").read_text(encoding="utf-8")
    assert "<lastmod>" not in xml


def test_second_build_is_byte_identical(project, site):
    """Same sources → the same site/, byte for byte (HTML, sitemap, originals, assets,
    and the Pagefind bundle, whose filter files minhbach.pagefind_canon rewrites in
    canonical order)."""
    first = sitebuild.all_files(site)
    sitebuild.build(project)
    second = sitebuild.all_files(project / "site")
    assert len(first) > 20
    assert any(name.startswith("pagefind/filter/") for name in first)
    assert sorted(first) == sorted(second)
    changed = [name for name in first if first[name] != second[name]]
    assert not changed, changed[:10]


# ---------------------------------------------------------------- navigation rendered once

def _sidebar(html: str) -> str:
    m = re.search(r'<nav class="md-nav md-nav--primary".*?</nav>\s*</div>', html, re.S)
    assert m, "no primary navigation in the page"
    return m.group(0)


def test_navigation_cache_gives_the_same_pages(project, site, tmp_path):
    """overrides/partials/nav.html renders Material's navigation once per key: the pages
    are byte-identical to a build that renders it on every page (cache turned off)."""
    from unittest import mock
    from minhbach import mkdocs_hooks, site as site_mod

    with mock.patch("minhbach.search.index_site"), \
            mock.patch.object(mkdocs_hooks, "cached_fragment", lambda key, caller: caller()):
        site_mod.render_site(project, tmp_path / "uncached")
    html = {p.relative_to(site).as_posix(): p.read_bytes() for p in site.rglob("*.html")
            if p.relative_to(site).parts[0] != "pagefind"}
    uncached = {p.relative_to(tmp_path / "uncached").as_posix(): p.read_bytes()
                for p in (tmp_path / "uncached").rglob("*.html")}
    assert sorted(html) == sorted(uncached)
    assert [name for name in html if html[name] != uncached[name]] == []


def test_navigation_is_shared_by_pages_it_does_not_list(project, reports):
    """Every report page gets one shared rendering; a page the nav lists marks its entry
    active and is rendered for itself."""
    from mkdocs.config import load_config
    from mkdocs.structure.files import get_files
    from mkdocs.structure.nav import get_navigation
    from minhbach import mkdocs_hooks

    config = load_config(str(project / "mkdocs.yml"))
    config = mkdocs_hooks.on_config(config)
    files = get_files(config)
    nav = get_navigation(files, config)
    by_url = {p.url: p for p in nav.pages}
    report_urls = sorted({f.url for f in files.documentation_pages()  # reports/<province>/<slug>.md
                          if f.src_uri.startswith("reports/") and f.src_uri.count("/") == 2})
    assert len(report_urls) >= 5
    from mkdocs.structure.pages import Page

    keys = {mkdocs_hooks.nav_cache_key(Page(None, files.get_file_from_path(f"{u.rstrip('/')}.md")
                                            or next(f for f in files if f.url == u), config), nav, "../..")
            for u in report_urls}
    assert len(keys) == 1 and None not in keys
    listed = by_url["tinh/"]
    listed.active = True
    try:
        assert mkdocs_hooks.nav_cache_key(listed, nav, "..") is None
    finally:
        listed.active = False
    # a page under tinh/ links to the province list as "../", a report page as "../../tinh/"
    province = next(f for f in files.documentation_pages() if f.src_uri.startswith("tinh/")
                    and f.src_uri != "tinh/index.md")
    assert mkdocs_hooks.nav_cache_key(Page(None, province, config), nav, "../..") not in keys


def test_page_markdown_dropped_once_rendered(project):
    """on_page_content frees the Markdown source (MkDocs keeps every page's until the end
    of the build); the page keeps its title."""
    from mkdocs.config import load_config
    from mkdocs.structure.files import get_files
    from mkdocs.structure.pages import Page
    from minhbach import mkdocs_hooks

    config = mkdocs_hooks.on_config(load_config(str(project / "mkdocs.yml")))
    files = get_files(config)
    page = Page(None, files.get_file_from_path("gioi-thieu.md"), config)
    page.read_source(config)
    page.render(config, files)
    title = page.title
    assert page.markdown
    mkdocs_hooks.on_page_content(page.content, page=page, config=config, files=files)
    assert page.markdown == "" and page.title == title and title


def test_search_page_preloads_every_module_its_script_imports(site):
    """The search page asks for each module search.js imports (statically, at any depth)
    beside the stylesheets: a module left out costs a shared link one more round trip
    before the search can start."""
    assets = Path(__file__).resolve().parents[1] / "content" / "assets" / "search"
    imported, todo = set(), ["search.js"]
    while todo:
        source = (assets / todo.pop()).read_text(encoding="utf-8")
        for name in re.findall(r'^(?:import|export)\s[^;]*?\sfrom\s+"\./([\w-]+\.js)"', source, re.M | re.S):
            if name not in imported:
                imported.add(name)
                todo.append(name)
    html = (site / "tim-kiem" / "index.html").read_text(encoding="utf-8")
    preloaded = {m.rsplit("/", 1)[-1] for m in re.findall(r'<link rel="modulepreload" href="([^"]+)"', html)}
    assert imported and imported <= preloaded, sorted(imported - preloaded)
