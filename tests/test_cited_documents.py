"""Cited documents are documents, not numbers (issue #18): identity issuer + number + year,
a page per document, bare citations kept apart, relations of a report page, an index by
issuer level and type, and 2,000 synthetic reports with realistic collisions."""
from __future__ import annotations

import json
import re
import sys
from pathlib import Path

import pytest

from converters import convert_file
from converters.extract import citations
from converters.frontmatter import from_markdown
from minhbach import crosspages
from minhbach.crosspages import documents
from minhbach.crosspages.documents import relations

ROOT = Path(__file__).resolve().parent.parent
SAMPLES = ROOT / "sources" / "samples"


def _cited(name):
    doc = convert_file(SAMPLES / name, ROOT / "sources")
    return doc, {c.symbol: c for c in doc.cited}


def test_quang_tri_plan_is_quang_tri_2022():
    """Sample 003 (a Quảng Trị report): "Thực hiện Kế hoạch số 08/KH-UBND ngày 18/01/2022 của UBND tỉnh về …"."""
    doc, cited = _cited("003_9be56f4e2d685a6a.txt")
    plan = cited["08/KH-UBND"]
    assert (plan.type, plan.date, plan.year, plan.issuer, plan.level, plan.province, plan.relation) == \
        ("Kế hoạch", "2022-01-18", "2022", "UBND tỉnh", "tinh", "Quảng Trị", "thực hiện")
    assert plan.subject.startswith("về thực hiện Chương trình phối hợp thực hiện công tác dân vận")
    ct = cited["33/CT-TTg"]
    assert (ct.level, ct.province, ct.year, ct.issuer) == ("trung-uong", None, "2021", "Thủ tướng Chính phủ")
    assert ct.subject.startswith("về tiếp tục tăng cường và đổi mới công tác dân vận")
    assert [c.symbol for c in doc.cited] == list(doc.cites)  # one entry per symbol here, same order


def test_relations_and_levels_of_real_citations():
    _, cited = _cited("000_87248a225afa83c7.txt")
    assert cited["23/KH-SNgV"].relation == "căn cứ"  # "Căn cứ Kế hoạch số 23/KH-SNgV …"
    assert cited["904/SNV-XDCQ&CTTN"].relation == "thực hiện"  # "Thực hiện Công văn số 904/…"
    assert cited["33/CT-TTg"].relation == "dẫn chiếu"  # inside the subject of 24/KH-SNgV
    assert cited["20-QĐ/TU"].issuer == "Tỉnh ủy Kiên Giang" and cited["20-QĐ/TU"].province == "Kiên Giang"
    assert cited["05-HD/BĐNTW"].level == "trung-uong"  # Party code ending in TW
    _, cited = _cited("001_f1675c333ba0a0d8.txt")
    assert cited["92/2017/NĐ-CP" if "92/2017/NĐ-CP" in cited else "80/2005/QĐ-TTg"].year in ("2017", "2005")
    assert cited["04-NQ/TW"].year is None  # cited without a date: bare
    assert cited["2880/QĐ-QK" if "2880/QĐ-QK" in cited else "19/QC-BTTUBMTTQ-VKS"].level is None


@pytest.mark.parametrize("text,want", [
    ("Căn cứ Quyết định số 12/QĐ-UBND ngày 05/3/2020 của UBND huyện Gio Linh về việc x.",
     ("huyen-xa", "Quảng Trị", "UBND huyện Gio Linh")),
    ("Thực hiện Kế hoạch số 5/KH-UBND ngày 05/3/2020 của UBND tỉnh Hà Nam về việc x.",
     ("tinh", "Hà Nam", "UBND tỉnh Hà Nam")),
    ("Thực hiện Kế hoạch số 5/KH-UBND ngày 05/3/2020 của Thủ tướng Chính phủ về x.",  # code and words disagree
     ("tinh", "Quảng Trị", None)),
    ("Theo Công văn số 7/XYZ-AB ngày 05/3/2020 về x.", (None, None, None)),
    ("Theo Công văn số 7/XYZ-AB ngày 05/3/2020 của Thanh tra Chính phủ về x.",
     ("trung-uong", None, "Thanh tra Chính phủ")),
    ("Theo Công văn số 7/XYZ-AB ngày 05/3/2020 của Thanh tra tỉnh về x.", ("tinh", "Quảng Trị", "Thanh tra tỉnh")),
])
def test_issuer_level_and_province(text, want):
    (c,) = citations.extract(None, text, province="Quảng Trị", issued="2021-01-01")
    assert (c.level, c.province, c.issuer) == want


def test_merged_province_does_not_claim_an_old_document():
    """A 2025 An Giang report (after the merger with Kiên Giang) citing a 2022 plan of "UBND tỉnh":
    which old province issued it is not known."""
    text = "Thực hiện Kế hoạch số 08/KH-UBND ngày 18/01/2022 của UBND tỉnh về x."
    (c,) = citations.extract(None, text, province="An Giang", issued="2025-09-01")
    assert c.province is None and c.year == "2022"
    (c,) = citations.extract(None, text, province="Lai Châu", issued="2025-09-01")  # not merged
    assert c.province == "Lai Châu"
    (c,) = citations.extract(None, text, province="Hòa Bình", issued="2025-09-01")  # an old name: as stated
    assert c.province == "Hòa Bình"


# ------------------------------------------------------------------ pages

def _report(content, path, fm, body):
    (content / path).parent.mkdir(parents=True, exist_ok=True)
    (content / path).write_text(f"---\ntitle: x\n---\n\n{body}\n{{: #p-1 }}\n", encoding="utf-8")
    return path, fm


def _fm(province, issued, text, **extra):
    cited = [c.__dict__ for c in citations.extract(None, text, province=province, issued=issued)]
    return {"title": extra.pop("title", f"Báo cáo {province} {issued}"), "type": "Báo cáo", "issued": issued,
            "province": province, "cites": [c["symbol"] for c in cited], "cited": cited,
            "units": extra.pop("units", [f"Sở Nội vụ tỉnh {province}"]), **extra}


QT = "Thực hiện Kế hoạch số 08/KH-UBND ngày 18/01/2022 của UBND tỉnh về tăng cường công tác dân vận."
KG = "Thực hiện Kế hoạch số 08/KH-UBND ngày 10/02/2023 của UBND tỉnh về cải cách hành chính."
BARE = "Theo Kế hoạch số 08/KH-UBND của UBND tỉnh, các sở đã triển khai."


@pytest.fixture()
def site(tmp_path):
    content = tmp_path / "content"
    items = [
        _report(content, "reports/quang-tri/a.md", _fm("Quảng Trị", "2023-05-02", QT), QT),
        _report(content, "reports/kien-giang/b.md", _fm("Kiên Giang", "2023-06-01", KG), KG),
        _report(content, "reports/quang-tri/c.md", _fm("Quảng Trị", "2024-01-05", BARE), BARE),
        # the plan itself, archived: Quảng Trị's 08/KH-UBND of 2022
        _report(content, "reports/quang-tri/plan.md",
                {"title": "Kế hoạch tăng cường công tác dân vận", "type": "Kế hoạch", "number": "08/KH-UBND",
                 "issued": "2022-01-18", "province": "Quảng Trị", "units": ["Ủy ban nhân dân tỉnh Quảng Trị"]},
                "Nội dung kế hoạch."),
    ]
    crosspages.generate(items, content)
    return content


def _rel(content, page):
    data = json.loads((content / relations.shard_of(page)).read_text(encoding="utf-8"))
    return data.get(page, {})


def test_two_provinces_plans_are_two_pages(site):
    qt = site / "van-ban/quang-tri/08-kh-ubnd-2022.md"
    kg = site / "van-ban/kien-giang/08-kh-ubnd-2023.md"
    assert qt.is_file() and kg.is_file()
    qt_text, kg_text = qt.read_text(encoding="utf-8"), kg.read_text(encoding="utf-8")
    assert "reports/quang-tri/a.md" in qt_text and "reports/kien-giang/b.md" not in qt_text
    assert "reports/kien-giang/b.md" in kg_text and "reports/quang-tri/a.md" not in kg_text
    meta, body = from_markdown(qt_text)
    assert meta["scope"] == "quang-tri" and meta["year"] == "2022"
    assert "18/01/2022" in body and "UBND tỉnh" in body and "tăng cường công tác dân vận" in body
    number = (site / "van-ban/08-kh-ubnd.md").read_text(encoding="utf-8")
    assert "(quang-tri/08-kh-ubnd-2022.md)" in number and "(kien-giang/08-kh-ubnd-2023.md)" in number


def test_quang_tri_citation_links_to_quang_tri_plan_both_ways(site):
    rel = _rel(site, "reports/quang-tri/a.md")
    (group,) = [g for g in rel["cited"] if g["label"] == "Thực hiện"]
    assert [e["href"] for e in group["items"]] == ["van-ban/quang-tri/08-kh-ubnd-2022/"]
    page = (site / "van-ban/quang-tri/08-kh-ubnd-2022.md").read_text(encoding="utf-8")
    assert "Văn bản này có trong kho" in page and "(../../reports/quang-tri/plan.md)" in page
    plan = _rel(site, "reports/quang-tri/plan.md")
    assert [e["href"] for e in plan["cited_by"]] == ["reports/quang-tri/a/"]
    assert plan["document"] == "van-ban/quang-tri/08-kh-ubnd-2022/"


def test_bare_citation_is_listed_apart_with_its_candidates(site):
    rel = _rel(site, "reports/quang-tri/c.md")
    hrefs = [e["href"] for g in rel["cited"] for e in g["items"]]
    assert hrefs == ["van-ban/quang-tri/08-kh-ubnd/"]
    page = (site / "van-ban/quang-tri/08-kh-ubnd.md").read_text(encoding="utf-8")
    assert "reports/quang-tri/c.md" in page and "(08-kh-ubnd-2022.md)" in page  # may be Quảng Trị's 2022 plan
    assert "kien-giang" not in page
    for doc in ("van-ban/quang-tri/08-kh-ubnd-2022.md", "van-ban/kien-giang/08-kh-ubnd-2023.md"):
        assert "reports/quang-tri/c.md" not in (site / doc).read_text(encoding="utf-8")


def test_index_by_level_and_type(site):
    text = (site / "van-ban/index.md").read_text(encoding="utf-8")
    central, local = text.split("## Tỉnh, thành phố")
    assert "## Trung ương (0)" in central
    assert "| Kế hoạch | 2 |" in local  # Quảng Trị 2022 and Kiên Giang 2023
    assert "[tỉnh Quảng Trị](quang-tri/index.md) | 1 |" in local
    assert "1 lượt dẫn chiếu không ghi ngày" in text


def test_large_listing_is_split(tmp_path, monkeypatch):
    monkeypatch.setattr(documents, "LISTING_LIMIT", 2)
    content = tmp_path / "content"
    items = []
    for i, year in enumerate(("2020", "2021", "2022")):
        text = f"Căn cứ Chỉ thị số 0{i + 1}/CT-TTg ngày 02/03/{year} của Thủ tướng Chính phủ về x."
        items.append(_report(content, f"reports/ha-nam/r{i}.md", _fm("Hà Nam", f"{year}-05", text), text))
    crosspages.generate(items, content)
    listing = (content / "van-ban/trung-uong/index.md").read_text(encoding="utf-8")
    assert "(index-chi-thi-2022.md)" in listing and "01-ct-ttg" not in listing
    assert "(01-ct-ttg-2020.md)" in (content / "van-ban/trung-uong/index-chi-thi-2020.md").read_text(encoding="utf-8")


def test_previous_and_next_period_of_a_series(tmp_path):
    content = tmp_path / "content"
    unit = ["Sở Nội vụ tỉnh Hà Nam"]
    items = [_report(content, f"reports/ha-nam/{name}.md",
                     {"title": f"Kết quả công tác dân vận chính quyền {period}", "type": "Báo cáo",
                      "issued": issued, "province": "Hà Nam", "units": unit, "period": {"label": period}}, "x")
             for name, period, issued in (("h1", "6 tháng đầu năm 2023", "2023-06"), ("y", "năm 2023", "2023-12"),
                                          ("h2", "6 tháng đầu năm 2024", "2024-06"))]
    items.append(_report(content, "reports/ha-nam/other.md",
                         {"title": "Kết quả cải cách hành chính năm 2023", "type": "Báo cáo", "issued": "2023-12",
                          "province": "Hà Nam", "units": unit}, "x"))
    crosspages.generate(items, content)
    rel = _rel(content, "reports/ha-nam/y.md")
    assert rel["previous"]["href"] == "reports/ha-nam/h1/" and rel["next"]["href"] == "reports/ha-nam/h2/"
    assert "next" not in _rel(content, "reports/ha-nam/h2.md")
    assert _rel(content, "reports/ha-nam/other.md") == {}


# ------------------------------------------------------------------ 2,000 synthetic reports

@pytest.fixture(scope="module")
def synth(tmp_path_factory):
    sys.path.insert(0, str(ROOT / "scripts"))
    import synth_reports

    out = tmp_path_factory.mktemp("synth")
    provinces = synth_reports._provinces()
    paragraphs, headings = synth_reports._pool()
    content = out / "content"
    reports, truth = [], {}
    for i in range(2000):
        import random
        r = synth_reports.Report(i, random.Random(f"1:{i}"), provinces, paragraphs, headings)
        path = f"reports/{synth_reports._slug(r.province)}/r{i:05d}.md"
        (content / path).parent.mkdir(parents=True, exist_ok=True)
        text = r.markdown(f"synth/{i}.txt")
        (content / path).write_text(text, encoding="utf-8")
        reports.append((path, from_markdown(text)[0]))
        truth[path] = r.truth
    crosspages.generate(reports, content)
    return content, reports, truth


def test_synthetic_links_go_to_the_right_issuer(synth):
    content, reports, truth = synth
    checked = bare = 0
    for path, _ in reports:
        by_symbol = {}
        for g in _rel(content, path).get("cited", []):
            for e in g["items"]:
                by_symbol.setdefault(e["text"].split()[-1], []).append(e["href"])
        for symbol, province, year in truth[path]:
            # the sample paragraphs the report is made of may cite the same number again
            # (another year): every link goes to the right issuer, one to the right year
            scope = "trung-uong" if province is None else crosspages.cached_slug(province)
            years = set()
            for href in by_symbol[symbol]:
                meta, _ = from_markdown((content / (href.rstrip("/") + ".md")).read_text(encoding="utf-8"))
                assert meta["scope"] == scope, (path, symbol, href)
                years.add(meta.get("year"))  # None: the bare page of its number in its scope
            # an undated mention of a number the report also cites with a date is read as
            # a repeat of it (converters/extract/citations.merge)
            assert year in years or (year is None and len(years) == 1), (path, symbol, year, by_symbol[symbol])
            checked += 1
            bare += years == {None}
    assert checked == 4000 and bare > 100


def test_synthetic_pages_are_not_merged(synth):
    """Every report listed on a document page meant that document (its province and year)."""
    content, reports, truth = synth
    meant = {}
    for path, _ in reports:
        for symbol, province, year in truth[path]:
            if year:
                meant.setdefault((symbol, "trung-uong" if province is None else crosspages.cached_slug(province),
                                  year), set()).add(path)
    local = 0
    for (symbol, scope, year), paths in meant.items():
        page = content / "van-ban" / scope / f"{crosspages.cached_slug(symbol)}{'' if '/20' in symbol else '-' + year}.md"
        listed = set(re.findall(r"\(\.\./\.\./(reports/[^)#]+\.md)\)", page.read_text(encoding="utf-8")))
        assert paths <= listed, page
        if scope != "trung-uong":  # a local document is cited by its own province's reports only
            local += 1
            assert {p.split("/")[1] for p in listed} == {scope}, page
    assert local > 500  # the same local numbers across provinces and years: many distinct pages
    for page in (content / "van-ban").rglob("*.md"):
        assert page.stat().st_size < 400_000, page  # no page grows with the archive


def test_a_sidecar_province_resolves_the_citations_too(tmp_path):
    """A scan's issuer unread (no province), the webmaster names it in the .meta.yaml: "của
    UBND tỉnh" in the text is then that province's, as if the header had been read."""
    from converters import convert

    text = ("BÁO CÁO\nKết quả công tác dân vận năm 2022\n\n"
            "Thực hiện Kế hoạch số 08/KH-UBND ngày 18/01/2022 của UBND tỉnh về công tác dân vận "
            "chính quyền, các cơ quan đã triển khai đầy đủ các nội dung của kế hoạch.\n")
    src = tmp_path / "bc.txt"
    src.write_text(text, encoding="utf-8")
    before = [c for c in convert(src, tmp_path).document.cited if c.symbol == "08/KH-UBND"]
    assert before and before[0].province is None
    (tmp_path / "bc.meta.yaml").write_text("province: Quảng Trị\nissued: '2022-12-20'\n", encoding="utf-8")
    after = [c for c in convert(src, tmp_path).document.cited if c.symbol == "08/KH-UBND"]
    assert after[0].province == "Quảng Trị" and after[0].year == "2022"
