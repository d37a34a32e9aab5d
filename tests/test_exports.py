"""Data downloads (catalogue.json, reports/models/figures CSV, Atom feeds) generated from
the real converter output of the samples: they parse, agree with the front matter, and
the feeds are valid Atom (checked with xml.etree: namespace, required elements)."""
from __future__ import annotations

import csv
import io
import json
import posixpath
import re
import urllib.parse
import xml.etree.ElementTree as ET

import pytest

from converters import fields
import yaml

import generated_samples
from conftest import ROOT
from converters import vocab
from minhbach import crosspages, pages
from minhbach.crosspages import opendata as exports

A = "{http://www.w3.org/2005/Atom}"
RFC3339 = re.compile(r"\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(Z|[+-]\d{2}:\d{2})$")
GOLD = yaml.safe_load((ROOT / "tests" / "data" / "gold-samples.yaml").read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def gen(tmp_path_factory):
    return generated_samples.generate(tmp_path_factory.mktemp("exports") / "project")


@pytest.fixture(scope="module")
def content(gen):
    return gen[0]


@pytest.fixture(scope="module")
def reports(gen):
    return gen[1]


def read_csv(path) -> list[dict]:
    raw = path.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf"), "UTF-8 with BOM"
    assert b"\r\n" in raw and b"\n" not in raw.replace(b"\r\n", b""), "CRLF line ends only"
    return list(csv.DictReader(io.StringIO(raw.decode("utf-8-sig"), newline="")))


def test_catalogue_json_agrees_with_front_matter(content, reports):
    data = json.loads((content / "du-lieu/catalogue.json").read_text(encoding="utf-8"))
    assert [r["path"] for r in data["reports"]] == [p for p, _, _ in reports]
    for entry, (path, fm, _) in zip(data["reports"], reports):
        assert entry["url"] == path[:-3] + "/"
        assert {k: v for k, v in entry.items() if k not in ("url", "path")} == \
            json.loads(json.dumps({k: v for k, v in fm.items() if k not in fields.NOT_IN_CATALOGUE},
                                  ensure_ascii=False, default=str))
        assert not fields.NOT_IN_CATALOGUE & entry.keys()


def test_reports_csv_agrees_with_front_matter(content, reports):
    rows = read_csv(content / "du-lieu/reports.csv")
    assert list(rows[0]) == list(exports.REPORT_COLUMNS)
    assert len(rows) == len(reports)
    for row, (path, fm, _) in zip(rows, reports):
        assert row["path"] == path and row["url"] == path[:-3] + "/"
        assert row["title"] == fm["title"] and row["type"] == fm["type"]
        assert row["number"] == (fm["number"] or "")
        assert row["units"] == "; ".join(fm["units"])
        assert row["cites"].split("; ") == list(fm["cites"])
        assert row["issued"] == fm["issued"] and row["province"] == fm["province"]
        assert row["period_label"] == fm["period"]["label"]
        assert row["source_sha256"] == fm["source"]["sha256"]
        assert int(row["models"]) == len(fm.get("models", []))
        assert int(row["figures"]) == len(fm.get("figures", []))
        counts = fm.get("model_counts", {})
        assert row["model_count_government"] == counts.get("government", "")
        assert row["model_count_province_total"] == counts.get("province_total", "")


def test_models_csv(content, reports):
    rows = read_csv(content / "du-lieu/models.csv")
    assert list(rows[0]) == list(exports.MODEL_COLUMNS)
    assert len(rows) == sum(len(fm.get("models", [])) for _, fm, _ in reports)
    names = {r["name"] for r in rows}
    for sample, entry in GOLD.items():
        for name in entry.get("models") or []:
            assert name in names
    for row in rows:
        assert re.fullmatch(r"reports/[a-z0-9-]+/[a-z0-9-]+/(#p-\d+)?", row["link"]), row["link"]
        assert row["year"] == row["issued"][:4]


def test_figures_csv(content, reports):
    rows = read_csv(content / "du-lieu/figures.csv")
    assert list(rows[0]) == list(exports.FIGURE_COLUMNS)
    figs = [f for _, fm, _ in reports for f in fm.get("figures", [])]
    assert len(rows) == len(figs)
    for row, fig in zip(rows, figs):
        assert row["value"] == fig["value"] and row["indicator"] == fig["indicator"] and row["text"] == fig["text"]
        assert (float(row["number"]) if row["number"] else None) == fig.get("number")
        assert (float(row["total"]) if row["total"] else None) == fig.get("total")
        assert row["indicator_label"] and row["scope"] == (fig.get("scope") or "")
    by = {(r["indicator"], r["value"]): r for r in rows}
    r = by[("diem-giai-quyet-tthc", "34.34/100")]
    assert (r["scope"], r["agency"], r["unit"], r["period"], r["period_start"], r["period_end"]) == \
        ("reporter", "Sở Ngoại vụ tỉnh Kiên Giang", "điểm", "quý 1/2024", "2024-01-01", "2024-03-31")
    r = by[("tiep-cong-dan-nguoi", "679")]  # "419 lượt/ 622 người/ 136 vụ việc": people have their column
    assert (r["period_start"], r["period_end"]) == ("2023-01-01", "2023-10-31")
    r = by[("don-to-cao", "10")]
    assert (r["kind"], r["direction"], r["comparison"]) == ("change", "tăng", "tăng 10 đơn (tăng 100%) so với cùng kỳ")
    # lands on the paragraph, the clause highlighted by a text fragment where the browser supports it
    m = re.fullmatch(r"reports/[a-z0-9-]+/[a-z0-9-]+/#p-\d+:~:text=([^,]+),([^,]+)", r["link"])
    assert m, r["link"]
    assert urllib.parse.unquote(m.group(1)) in r["sentence"] and urllib.parse.unquote(m.group(2)) in r["sentence"]


@pytest.mark.parametrize("label,bounds", [
    ("quý 1/2024", ("2024-01-01", "2024-03-31")), ("6 tháng đầu năm 2024", ("2024-01-01", "2024-06-30")),
    ("năm 2023 (đến tháng 10)", ("2023-01-01", "2023-10-31")), ("năm 2017", ("2017-01-01", "2017-12-31")),
    ("tháng 2/2024", ("2024-02-01", "2024-02-29")), ("từ tháng 11 năm 2013 đến nay", (None, None))])
def test_figure_period_bounds(label, bounds):
    assert exports.period_bounds(label) == bounds


def test_figures_csv_absolute_links(tmp_path, monkeypatch):
    monkeypatch.setenv("MINHBACH_SITE_URL", "https://minhbach.example.vn/")
    (tmp_path / "mkdocs.yml").write_text('site_url: !ENV [MINHBACH_SITE_URL, ""]\n', encoding="utf-8")
    content = tmp_path / "content"
    fm = {"title": "x", "type": "Báo cáo", "province": "Hà Nam", "issued": "2024",
          "figures": [{"text": "100% TTHC được công khai", "value": "100%", "number": 100, "indicator":
                       "ty-le-tthc-cong-khai", "kind": "share", "unit": "%", "anchor": "p-3"}]}
    crosspages.generate([("reports/ha-nam/x.md", fm)], content)
    row = read_csv(content / "du-lieu/figures.csv")[0]
    assert row["link"].startswith("https://minhbach.example.vn/reports/ha-nam/x/#p-3:~:text=")
    assert row["report_url"] == "https://minhbach.example.vn/reports/ha-nam/x/"


def test_data_dictionary_and_licence(content):
    text = (content / "du-lieu/index.md").read_text(encoding="utf-8")
    assert "## Giấy phép" in text and "CC0" in text
    for name, columns in (("reports.csv", exports.REPORT_COLUMNS), ("models.csv", exports.MODEL_COLUMNS),
                          ("figures.csv", exports.FIGURE_COLUMNS)):
        section = text.split(f"### {name}")[1].split("\n### ")[0]
        for col in columns:
            assert f"| `{col}` |" in section, (name, col)
    for ind in vocab.indicators():
        assert f"| `{ind.id}` | {crosspages.esc(ind.label)} |" in text


def test_csv_quoting_and_formula_guard(tmp_path):
    content = tmp_path / "content"
    fm = {"title": '=HYPERLINK("x"), "trích dẫn"', "type": "Báo cáo", "units": ["A, B", "C"],
          "province": "Hà Nam", "issued": "2024"}
    crosspages.generate([("reports/ha-nam/x.md", fm)], content)
    raw = (content / "du-lieu/reports.csv").read_bytes().decode("utf-8-sig")
    assert '"\'=HYPERLINK(""x""), ""trích dẫn"""' in raw  # RFC 4180: quoted, quotes doubled
    row = next(csv.DictReader(io.StringIO(raw, newline="")))
    assert row["title"] == "'" + fm["title"] and row["units"] == "A, B; C"


def atom(path) -> ET.Element:
    root = ET.parse(path).getroot()
    assert root.tag == f"{A}feed"
    for tag in ("id", "title", "updated"):
        el = root.find(f"{A}{tag}")
        assert el is not None and (el.text or "").strip(), tag
    assert RFC3339.match(root.find(f"{A}updated").text)
    assert root.find(f"{A}link[@rel='self']") is not None
    feed_author = root.find(f"{A}author/{A}name") is not None
    ids = set()
    for entry in root.findall(f"{A}entry"):
        for tag in ("id", "title", "updated"):
            assert (entry.findtext(f"{A}{tag}") or "").strip(), tag
        assert RFC3339.match(entry.findtext(f"{A}updated"))
        assert entry.find(f"{A}link").get("href")
        assert feed_author or entry.find(f"{A}author/{A}name") is not None
        ident = entry.findtext(f"{A}id")
        assert ident.startswith("tag:minhbach,2024:") and ident not in ids
        ids.add(ident)
    return root


def test_site_feed(content, reports):
    root = atom(content / "du-lieu/feed.xml")
    entries = root.findall(f"{A}entry")
    assert len(entries) == len(reports)
    dates = [e.findtext(f"{A}updated") for e in entries]
    assert dates == sorted(dates, reverse=True)
    newest = max(fm["issued"] for _, fm, _ in reports)
    assert root.findtext(f"{A}updated") == exports.rfc3339(newest) == dates[0]  # never the build time
    for e in entries:  # relative links resolve to a report page
        href = e.find(f"{A}link").get("href")
        target = posixpath.normpath(posixpath.join("du-lieu", href))
        assert (content / (target + ".md")).is_file(), href


def test_province_feeds(content, reports):
    for slug in {pages.province_slug(fm["province"]) for _, fm, _ in reports}:
        root = atom(content / f"du-lieu/feeds/{slug}.xml")
        got = {e.findtext(f"{A}id").split(":", 2)[2] + ".md" for e in root.findall(f"{A}entry")}
        assert got == {p for p, fm, _ in reports if pages.province_slug(fm["province"]) == slug}
        assert f"feeds/{slug}.xml" in (content / "du-lieu/index.md").read_text(encoding="utf-8")


def test_site_url_makes_links_absolute_ids_stay(tmp_path, monkeypatch, content):
    project = tmp_path / "p"
    (project / "content").mkdir(parents=True)
    text = (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    (project / "mkdocs.yml").write_text(text, encoding="utf-8")
    fm = {"title": "T", "type": "Báo cáo", "province": "Hà Nam", "issued": "2024-03-05"}
    monkeypatch.delenv("MINHBACH_SITE_URL", raising=False)
    crosspages.generate([("reports/ha-nam/x.md", fm)], project / "content")
    rel = ET.parse(project / "content/du-lieu/feed.xml").getroot()
    monkeypatch.setenv("MINHBACH_SITE_URL", "https://example.org/mb/")
    crosspages.generate([("reports/ha-nam/x.md", fm)], project / "content")
    absolute = ET.parse(project / "content/du-lieu/feed.xml").getroot()
    assert rel.find(f"{A}entry/{A}link").get("href") == "../reports/ha-nam/x/"
    assert absolute.find(f"{A}entry/{A}link").get("href") == "https://example.org/mb/reports/ha-nam/x/"
    assert rel.findtext(f"{A}entry/{A}id") == absolute.findtext(f"{A}entry/{A}id")
    assert absolute.findtext(f"{A}updated") == "2024-03-05T00:00:00Z"


@pytest.mark.parametrize("text,expected", [
    ("site_url: https://a.vn/\n", "https://a.vn/"),
    ("site_url: 'https://a.vn/x'  # public\n", "https://a.vn/x"),
    ('site_url: !ENV [MB_TEST_URL, "https://b.vn/"]\n', "https://b.vn/"),
    ('site_url: !ENV [MB_TEST_URL, ""]\n', None),
    ("site_name: x\n", None),
])
def test_site_url_config(tmp_path, monkeypatch, text, expected):
    monkeypatch.delenv("MB_TEST_URL", raising=False)
    (tmp_path / "mkdocs.yml").write_text(text, encoding="utf-8")
    assert exports.site_config(tmp_path / "content")["site_url"] == expected


def test_rfc3339():
    assert [exports.rfc3339(x) for x in ("2024", "2024-05", "2024-05-10", "", "không rõ")] == [
        "2024-01-01T00:00:00Z", "2024-05-01T00:00:00Z", "2024-05-10T00:00:00Z", None, None]
