"""Cross-pages generated from the real converter output of the five samples, plus
reports written for the case at hand (hostile text, an archived cited document,
ordering); one real ``minhbach build`` of a temporary project for the HTML."""
from __future__ import annotations

import posixpath
import random
import re

import pytest
import yaml

import generated_samples
import sitebuild
from converters.frontmatter import from_markdown
from converters.vocab import fold_key
from minhbach import crosspages, pages
from minhbach.crosspages import documents

GOLD = yaml.safe_load((sitebuild.ROOT / "tests" / "data" / "gold-samples.yaml").read_text(encoding="utf-8"))
CONTRACT_PAGES = [
    "reports/index.md", "tinh/index.md", "tinh-2025/index.md", "co-quan/index.md", "dan-van-kheo/index.md",
    "cai-cach-hanh-chinh/index.md", "van-ban/index.md", "du-lieu/index.md", "_generated/home.md",
]
LINK = re.compile(r"\]\(([^)\s]+)\)")


@pytest.fixture(scope="module")
def gen(tmp_path_factory):
    return generated_samples.generate(tmp_path_factory.mktemp("cross") / "project")


@pytest.fixture(scope="module")
def content(gen):
    return gen[0]


@pytest.fixture(scope="module")
def reports(gen):
    return gen[1]


def page_of(reports, sample: str) -> str:
    return next(p for p, _, name in reports if name == sample)


def read(content, path):
    return (content / path).read_text(encoding="utf-8")


def links(content, path) -> list[str]:
    """Link targets of a generated page, resolved to docs-dir paths (anchor kept)."""
    text = read(content, path)
    base = "" if path.startswith("_generated/") else posixpath.dirname(path)  # the snippet lives in index.md
    out = []
    for target in LINK.findall(text):
        if "://" in target or target.startswith("#"):
            continue
        file, _, anchor = target.partition("#")
        out.append(posixpath.normpath(posixpath.join(base, file)) + (f"#{anchor}" if anchor else ""))
    return out


def generated_md(content) -> list[str]:
    return sorted(p.relative_to(content).as_posix() for d in crosspages.GENERATED_DIRS + ("reports",)
                  for p in (content / d).rglob("*.md") if d != "reports" or p.name == "index.md")


def test_contract_pages_exist(content, reports):
    for path in CONTRACT_PAGES:
        assert (content / path).is_file(), path
    for path, fm, _ in reports:
        assert (content / f"tinh/{pages.province_slug(fm['province'])}.md").is_file()
        assert (content / f"tinh-2025/{pages.slugify(fm['province_2025'])}.md").is_file()
        for unit in fm["units"]:
            assert (content / f"co-quan/{pages.slugify(unit)}.md").is_file(), unit
        for symbol in fm["cites"]:
            assert (content / f"van-ban/{pages.slugify(symbol)}.md").is_file(), symbol


def test_front_matter_page_kind_and_title(content):
    kinds = set()
    for path in generated_md(content):
        text = read(content, path)
        if path == "_generated/home.md":
            assert not text.startswith("---"), "the home snippet is included into index.md: no front matter"
            continue
        meta, body = from_markdown(text)
        assert meta.get("page_kind") and meta.get("title"), path
        assert body.lstrip().startswith("# "), path
        kinds.add(meta["page_kind"])
    assert {"tinh", "tinh-2025", "co-quan", "dan-van-kheo", "cai-cach-hanh-chinh", "van-ban", "du-lieu",
            "bao-cao"} <= kinds


def test_every_link_resolves(content):
    checked = 0
    for path in generated_md(content):
        for target in links(content, path):
            file, _, anchor = target.partition("#")
            assert (content / file).is_file(), f"{path}: broken link {target}"
            if anchor.startswith("p-"):
                assert re.search(r"\{:?\s*#" + re.escape(anchor) + r"\s*\}", read(content, file)), \
                    f"{path}: anchor {target} not in the report"
            checked += 1
    assert checked > 100


def test_each_province_page_lists_its_reports(content, reports):
    for path, fm, _ in reports:
        for page in (f"tinh/{pages.province_slug(fm['province'])}.md",
                     f"tinh-2025/{pages.slugify(fm['province_2025'])}.md"):
            assert path in links(content, page), f"{page} does not list {path}"
    kien_giang = [t for t in links(content, "tinh/kien-giang.md") if t.startswith("reports/")]
    assert len({t.partition("#")[0] for t in kien_giang}) == 3
    assert "Kiên Giang" in read(content, "tinh-2025/an-giang.md")
    index = read(content, "tinh/index.md")
    assert re.search(r"\[Kiên Giang\]\(kien-giang\.md\) \| 3 \|", index)


def test_agency_pages(content, reports):
    for path, fm, _ in reports:
        for unit in fm["units"]:
            assert path in links(content, f"co-quan/{pages.slugify(unit)}.md")


def test_cited_document_33_ct_ttg(content, reports):
    """The three samples that cite 33/CT-TTg (000, 003, 004), each with its sentence(s)."""
    page = "van-ban/33-ct-ttg.md"
    want = {page_of(reports, s) for s in ("000_87248a225afa83c7.txt", "003_9be56f4e2d685a6a.txt",
                                           "004_8f1432702b8498b4.txt")}
    targets = links(content, page)
    listed = {t for t in targets if "#" not in t and t.startswith("reports/")}
    assert listed == want
    text = read(content, page)
    for line in text.splitlines():
        if line.startswith("    - "):
            assert "33/CT\\-TTg" in line or "33/CT-TTg" in line, line
    for report in want:  # at least one quoted sentence, linked to its paragraph or footnote
        assert any(t.startswith(report + "#") for t in targets), report


def test_archived_document_links_both_ways(tmp_path):
    content = tmp_path / "content"
    citing = ("reports/ha-nam/a.md", {"title": "Báo cáo dẫn chiếu", "type": "Báo cáo", "issued": "2024-02",
                                      "province": "Hà Nam", "province_2025": "Ninh Bình",
                                      "cites": ["12/KH-UBND"]})
    cited = ("reports/ha-nam/b.md", {"title": "Kế hoạch số 12", "type": "Kế hoạch", "number": "12/KH-UBND",
                                     "issued": "2024-01", "province": "Hà Nam", "province_2025": "Ninh Bình"})
    (content / "reports/ha-nam").mkdir(parents=True)
    (content / citing[0]).write_text("---\ntitle: x\n---\n\nThực hiện Kế hoạch số 12/KH-UBND của tỉnh.\n"
                                     "{: #p-1 }\n", encoding="utf-8")
    (content / cited[0]).write_text("---\ntitle: y\n---\n\nNội dung.\n{: #p-1 }\n", encoding="utf-8")
    crosspages.generate([citing, cited], content)
    page = "van-ban/12-kh-ubnd.md"
    text = (content / page).read_text(encoding="utf-8")
    assert "Văn bản này có trong kho" in text and "(../reports/ha-nam/b.md)" in text
    assert "(../reports/ha-nam/a.md)" in text and "(../reports/ha-nam/a.md#p-1)" in text
    # the report page side: the site renders `cites` as links to van-ban/<slugify(symbol)>/, and a
    # page exists for every archived report's number too
    assert pages.slugify(cited[1]["number"]) == "12-kh-ubnd"


def test_models_page(content, reports):
    text = read(content, "dan-van-kheo/index.md")
    targets = links(content, "dan-van-kheo/index.md")
    report = page_of(reports, "001_f1675c333ba0a0d8.txt")
    for name in GOLD["001_f1675c333ba0a0d8.txt"]["models"]:
        row = next((line for line in text.splitlines() if f"“{crosspages.esc(name)}”" in line), None)
        assert row, name
        assert "| Kiên Giang |" in row and "| 2018 |" in row
        assert re.search(r"\(\.\./" + re.escape(report) + r"#p-\d+\)", row), row
    assert any(t.startswith(report + "#p-") for t in targets)
    assert "| 1.580 | 6.735 |" in text


def test_figures_page(content):
    text = read(content, "cai-cach-hanh-chinh/index.md")
    svg = re.search(r"<svg [^>]*role=\"img\"[^>]*aria-labelledby=\"([^\"]+)\"[^>]*>(.*?)</svg>", text, re.S)
    assert svg, "no accessible inline SVG chart"
    for ident in svg.group(1).split():
        assert re.search(rf'<(title|desc) id="{ident}">[^<]+</\1>', svg.group(2))
    assert "http" not in svg.group(2).replace("http://www.w3.org/2000/svg", "")  # no external service
    assert "\n\n" not in svg.group(0)  # one raw HTML block
    for name, entry in GOLD.items():
        for outcome in entry.get("outcomes") or []:
            assert f"**{crosspages.esc(outcome['value'])}**" in text, outcome
    # compared by province and period: Kiên Giang rows ordered by period (2017 before quý 1/2024)
    rows = [line for line in text.split("## Tỷ lệ")[1].splitlines() if line.startswith("| Kiên Giang")]
    assert rows and rows.index(next(r for r in rows if "năm 2017" in r)) < \
        rows.index(next(r for r in rows if "quý 1/2024" in r))


def test_reports_index_lists_years_and_types(content, reports):
    """reports/index.md stays small: years and types with counts, each year on its own page."""
    text = read(content, "reports/index.md")
    targets = links(content, "reports/index.md")
    years = sorted({str(fm["issued"])[:4] for _, fm, _ in reports if fm.get("issued")}, reverse=True)
    assert [t for t in targets if "#" not in t and t.startswith("reports/nam-")] == \
        [f"reports/nam-{y}.md" for y in years]
    assert not any(t.startswith("reports/") and not t.startswith("reports/nam-") and t != "reports/index.md"
                   for t in targets), "no report is listed on the index itself"
    assert "{ #loai-bao-cao }" in text and "{ #loai-ke-hoach }" in text
    assert "reports/nam-2024.md#loai-bao-cao" in targets


def test_year_pages_list_every_report_once_newest_first(content, reports):
    issued = {p[len("reports/"):]: fm["issued"] for p, fm, _ in reports}
    listed = []
    for page in sorted((content / "reports").glob("nam-*.md")):
        rel = f"reports/{page.name}"
        text = read(content, rel)
        year = page.stem[len("nam-"):]
        assert text.startswith("---\npage_kind: bao-cao-nam\n")
        order = [t[len("reports/"):] for t in links(content, rel) if t.endswith(".md") and "/nam-" not in t
                 and t != "reports/index.md"]
        assert order and all(str(issued[t])[:4] == year for t in order), rel
        for section in text.split("\n## ")[1:]:  # one section per type, newest first in it
            in_section = [issued[t[len("reports/"):]] for t in
                          (posixpath.normpath(posixpath.join("reports", x)) for x in LINK.findall(section))]
            assert in_section == sorted(in_section, reverse=True), (rel, section[:40])
        listed += order
    assert sorted(listed) == sorted(issued), "every dated report on exactly one year page"


def test_home_snippet(content, reports):
    text = read(content, "_generated/home.md")
    targets = links(content, "_generated/home.md")
    assert sum(1 for t in targets if t.startswith("reports/") and not t.startswith(("reports/index.md", "reports/nam-"))) \
        == len(reports)
    for expected in ("tinh/kien-giang.md", "tinh-2025/an-giang.md", "co-quan/index.md",
                     "reports/index.md#loai-bao-cao", "reports/nam-2024.md"):
        assert expected in targets
    assert "[Kiên Giang](tinh/kien-giang.md) (3)" in text


HOSTILE = '<script>alert(1)</script> *đậm* [x](javascript:alert(2)) | {: #p-1 } `c` &amp; # h'


def test_report_text_is_escaped(tmp_path):
    content = tmp_path / "content"
    fm = {"title": HOSTILE, "type": "Báo cáo <b>", "issued": "2024", "province": "Hà Nam",
          "province_2025": "Ninh Bình", "units": [f"Sở {HOSTILE}"], "cites": ["1/KH-<i>"],
          "models": [{"name": HOSTILE, "unit": HOSTILE, "anchor": "p-1", "sentence": HOSTILE}],
          "figures": [{"text": HOSTILE, "value": "100% <i>", "number": 100, "kind": "share",
                       "period": HOSTILE, "anchor": "p-1", "sentence": HOSTILE, "total": None}]}
    (content / "reports/ha-nam").mkdir(parents=True)
    (content / "reports/ha-nam/x.md").write_text(f"---\ntitle: x\n---\n\n{HOSTILE} 1/KH-<i>\n{{: #p-1 }}\n",
                                                encoding="utf-8")
    written = crosspages.generate([("reports/ha-nam/x.md", fm)], content)
    for path in written:
        if not path.endswith(".md"):
            continue
        text = (content / path).read_text(encoding="utf-8")
        _, body = from_markdown(text)
        assert "<script>" not in body and "<b>" not in body and "<i>" not in body, path
        assert "](javascript:" not in body, path
        assert "{: #p-1 }" not in body.replace("\\{: \\#p-1 \\}", ""), path
    assert "&lt;script&gt;" in (content / "tinh/ha-nam.md").read_text(encoding="utf-8")


def test_deterministic_and_independent_of_input_order(tmp_path, content, reports):
    first = {p: (content / p).read_bytes() for p in generated_md(content)}
    data = {p.relative_to(content).as_posix(): p.read_bytes() for p in (content / "du-lieu").rglob("*")
            if p.is_file()}
    shuffled = [(p, fm) for p, fm, _ in reports]
    random.Random(7).shuffle(shuffled)
    crosspages.generate(shuffled, content)
    assert {p: (content / p).read_bytes() for p in generated_md(content)} == first
    assert {p.relative_to(content).as_posix(): p.read_bytes() for p in (content / "du-lieu").rglob("*")
            if p.is_file()} == data


def test_stale_pages_removed(tmp_path):
    content = tmp_path / "content"
    (content / "tinh").mkdir(parents=True)
    (content / "tinh" / "cu.md").write_text("old", encoding="utf-8")
    crosspages.generate([], content)
    assert not (content / "tinh" / "cu.md").exists()
    for path in CONTRACT_PAGES:  # guaranteed even with no reports
        assert (content / path).is_file(), path


def test_no_province_reports_get_a_page(tmp_path):
    content = tmp_path / "content"
    fm = {"title": "Chỉ thị trung ương", "type": "Chỉ thị", "issued": "2021-11-26", "province": None}
    crosspages.generate([("reports/trung-uong-va-khac/ct.md", fm)], content)
    assert "reports/trung-uong-va-khac/ct.md" in links(content, f"tinh/{pages.NO_PROVINCE}.md")


# ------------------------------------------------------------------ one real build (HTML)

@pytest.fixture(scope="module")
def site(tmp_path_factory):
    project = sitebuild.make_project(tmp_path_factory.mktemp("build") / "project")
    return sitebuild.build(project)


def test_built_site_pages_and_links(site):
    html = (site / "tinh" / "kien-giang" / "index.html").read_text(encoding="utf-8")
    hrefs = re.findall(r'href="(\.\./\.\./reports/kien-giang/[^"#]+/)(?:#p-\d+)?"', html)
    assert hrefs, "the province page links to its reports"
    for href in hrefs:
        assert (site / "tinh" / "kien-giang" / href / "index.html").resolve().is_file(), href
    assert "data-pagefind-body" in html
    chart = (site / "cai-cach-hanh-chinh" / "index.html").read_text(encoding="utf-8")
    assert '<svg xmlns="http://www.w3.org/2000/svg" role="img"' in chart and "<table>" in chart
    vb = (site / "van-ban" / "33-ct-ttg" / "index.html").read_text(encoding="utf-8")
    assert vb.count('href="../../reports/') >= 3
    home = (site / "index.html").read_text(encoding="utf-8")
    assert 'href="tinh/kien-giang/"' in home, "the home snippet is included and its links resolved"
    for name in ("catalogue.json", "reports.csv", "models.csv", "figures.csv", "feed.xml"):
        assert (site / "du-lieu" / name).is_file(), name
    heading = re.search(r'<h2 id="loai-bao-cao"', (site / "reports" / "nam-2024" / "index.html").read_text(encoding="utf-8"))
    assert heading, "attr_list ids on the type headings of a year page"


def test_built_site_escapes_report_text(site):
    # the hostile sample report of sitebuild: its title shows as text on every listing
    for page in ("reports/nam-2018/index.html", "tinh/ha-nam/index.html", "index.html"):
        html = (site / page).read_text(encoding="utf-8")
        assert "<i>quý I</i>" not in html, page
    assert fold_key("quý I") in fold_key((site / "tinh/ha-nam/index.html").read_text(encoding="utf-8"))


@pytest.mark.parametrize("sentence,symbol,found", [
    ("Nghị định số 92/2017/NĐCP ngày 07/8/2017", "92/2017/NĐ-CP", True),
    ("Chỉ thị số 19- CT/TU của Tỉnh ủy", "19-CT/TU", True),
    ("theo Chỉ thị số 33/CT-TTg;", "33/CT-TTg", True),
    ("Chỉ thị số 133/CT-TTg", "33/CT-TTg", False),
    ("Chỉ thị số 33/CT-TTgX", "33/CT-TTg", False),
    ("Chương trình số 18-CTr/BCSDUBND-BDVTU", "18-CTr/BCSĐUBND-BDVTU", True),
])
def test_cited_symbol_matching(sentence, symbol, found):
    folded = documents._fold_symbol(symbol)
    assert (folded in documents.symbols_in(documents._fold_symbol(sentence))) is found


def test_popular_document_page_stays_small(tmp_path, monkeypatch):
    monkeypatch.setattr(documents, "EXCERPT_REPORTS", 2)
    content = tmp_path / "content"
    (content / "reports/ha-nam").mkdir(parents=True)
    long_tail = " ".join(["công tác dân vận chính quyền"] * 30)
    items = []
    for i in range(4):
        path = f"reports/ha-nam/r{i}.md"
        (content / path).write_text(f"---\ntitle: x\n---\n\n{long_tail} theo Nghị quyết số 25-NQ/TW ngày "
                                    f"3/6/2013 {long_tail}.\n{{: #p-1 }}\n", encoding="utf-8")
        items.append((path, {"title": f"Báo cáo {i}", "type": "Báo cáo", "issued": f"202{i}",
                             "province": "Hà Nam", "cites": ["25-NQ/TW"]}))
    crosspages.generate(items, content)
    text = (content / "van-ban/25-nq-tw.md").read_text(encoding="utf-8")
    quotes = [line for line in text.splitlines() if line.startswith("    - ")]
    assert len(quotes) == 2 and "Các báo cáo cũ hơn (2)" in text
    assert all("25-NQ/TW" in q and len(q) < documents.EXCERPT_CHARS + 200 for q in quotes)
    assert all(f"reports/ha-nam/r{i}.md" in text for i in range(4))
