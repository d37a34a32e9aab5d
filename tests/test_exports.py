"""Data downloads (catalogue.json, reports/models/figures CSV, Atom feeds) generated from
the real converter output of the samples: they parse, agree with the front matter, and
the feeds are valid Atom (checked with xml.etree: namespace, required elements)."""
from __future__ import annotations

import csv
import io
import json
import posixpath
import re
import xml.etree.ElementTree as ET

import pytest
import yaml

import generated_samples
from conftest import ROOT
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
            json.loads(json.dumps(fm, ensure_ascii=False, default=str))


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
        assert row["value"] == fig["value"] and row["kind"] == fig["kind"] and row["text"] == fig["text"]
        assert float(row["number"]) == fig["number"]
        assert (float(row["total"]) if row["total"] else None) == fig["total"]
    values = {r["value"] for r in rows}
    for entry in GOLD.values():
        for outcome in entry.get("outcomes") or []:
            assert outcome["value"] in values


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
