"""Data to take away, written under <docs_dir>/du-lieu/ so MkDocs copies it into the site.

    catalogue.json        {"reports": [{url, path, <front-matter fields>}, …]} (UTF-8, sorted by path,
                          one report per line)
    reports.csv           one row per report: front-matter fields, lists joined with "; "
    models.csv            one row per "Dân vận khéo" model
    figures.csv           one row per administrative-reform figure
    feed.xml              Atom feed of the newest reports, site-wide
    feeds/<province>.xml  Atom feed per province at issue

CSV: RFC 4180 (comma, double quotes doubled, CRLF line ends), UTF-8 **with BOM** so
Excel opens Vietnamese text correctly (Python: encoding="utf-8-sig"; LibreOffice and
pandas skip the BOM). A text cell taken from a report that begins with = + - @ gets a
leading apostrophe, so a spreadsheet shows it as text instead of running it as a
formula (CSV injection); number columns are left as they are.

Atom: deterministic. Feed ``updated`` is the newest entry's date; an entry's
``updated``/``published`` is the report's issued date as an RFC 3339 midnight UTC
("2024-05" → 2024-05-01T00:00:00Z), else the end/start of its period, else
1970-01-01T00:00:00Z (date unknown). Ids are tag URIs (tag:minhbach,2024:<page>) that
do not change with the site's address. Links are absolute when mkdocs.yml has a
site_url (``!ENV [VAR, default]`` honoured), else relative to the feed file.
"""
from __future__ import annotations

import csv
import io
import json
import re
import xml.etree.ElementTree as ET
from pathlib import Path
from typing import Any

from converters import fields
from converters.extract.models import COUNT_SCOPES

from minhbach import settings
from minhbach.crosspages.base import NO_PROVINCE_LABEL, Report, Writer, esc, front, newest_first, rel, url_of
from minhbach.crosspages.sections import KIND_LABELS

DATA_DIR = "du-lieu"
ATOM = "http://www.w3.org/2005/Atom"
TAG_PREFIX = "tag:minhbach,2024:"
FEED_ENTRIES = 50
UNKNOWN_DATE = "1970-01-01T00:00:00Z"

REPORT_COLUMNS = fields.CSV_COLUMNS  # url, path, then each field's columns (converters/fields.py)
MODEL_COLUMNS = ("report_url", "link", "province", "province_2025", "issued", "year", "name", "unit",
                 "anchor", "sentence")
FIGURE_COLUMNS = ("report_url", "link", "province", "province_2025", "issued", "kind", "period", "value",
                  "number", "total", "text", "anchor", "sentence")
NUMERIC = {"footnotes", "models", "figures", "number", "total"}


# ------------------------------------------------------------------ config

def site_config(docs_dir: Path) -> dict[str, str | None]:
    """site_url and site_name of the mkdocs.yml beside the docs dir (minhbach.settings)."""
    conf = Path(docs_dir).parent / "mkdocs.yml"
    return {"site_url": settings.site_url(conf), "site_name": settings.site_name(conf)}


# ------------------------------------------------------------------ rows

def _join(values: Any) -> str:
    if values is None:
        return ""
    if isinstance(values, (list, tuple)):
        return "; ".join(_text(v) for v in values if v not in (None, ""))
    return _text(values)


def _text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, dict):
        return ", ".join(f"{k}: {v}" for k, v in value.items() if v not in (None, ""))
    return str(value)


def _signer(s: Any) -> str:
    if isinstance(s, dict):
        role, name = s.get("role"), s.get("name")
        return f"{role}: {name}" if role and name else str(role or name or "")
    return str(s)


def _field_cells(field: fields.Field, value: Any, r: Report) -> tuple[Any, ...]:
    """A front-matter value as the cells of its reports.csv columns, by the field's kind."""
    if field.kind == "period":
        period = value if isinstance(value, dict) else {}
        return period.get("label"), period.get("start"), period.get("end")
    if field.kind == "source":
        source = value if isinstance(value, dict) else {}
        return source.get("path"), source.get("sha256"), source.get("format")
    if field.kind == "signers":
        return (_join([_signer(s) for s in value or []]),)
    if field.kind == "list":
        return (_join(value),)
    if field.name == "models":
        return (len(r.models),)
    if field.name == "figures":
        return (len(r.figures),)
    if field.name == "model_counts":
        counts = value if isinstance(value, dict) else {}
        return tuple(counts.get(key) for key, _ in COUNT_SCOPES)
    return (value,)


def report_row(r: Report) -> dict[str, Any]:
    row: dict[str, Any] = {"url": r.url, "path": r.path}
    for name in fields.CSV_ORDER:
        field = fields.BY_NAME[name]
        row.update(zip(field.csv, _field_cells(field, r.fm.get(name), r), strict=True))
    return row


def _link(r: Report, item: dict[str, Any]) -> str:
    """The report page, at the paragraph or footnote the item came from."""
    return r.url + (f"#{item['anchor']}" if item.get("anchor") else "")


def model_rows(items: list[Report]) -> list[dict[str, Any]]:
    rows = []
    for r in items:
        for m in r.models:
            rows.append({"report_url": r.url, "link": _link(r, m),
                         "province": r.province, "province_2025": r.province_2025, "issued": r.issued or None,
                         "year": r.year or None, "name": m.get("name"), "unit": m.get("unit"),
                         "anchor": m.get("anchor"), "sentence": m.get("sentence")})
    return rows


def figure_rows(items: list[Report]) -> list[dict[str, Any]]:
    rows = []
    for r in items:
        for f in r.figures:
            rows.append({"report_url": r.url, "link": _link(r, f),
                         "province": r.province, "province_2025": r.province_2025, "issued": r.issued or None,
                         "kind": f.get("kind"), "period": f.get("period"), "value": f.get("value"),
                         "number": f.get("number"), "total": f.get("total"), "text": f.get("text"),
                         "anchor": f.get("anchor"), "sentence": f.get("sentence")})
    return rows


def csv_cell(column: str, value: Any) -> str:
    if value is None:
        return ""
    if column in NUMERIC and isinstance(value, (int, float)) and not isinstance(value, bool):
        return repr(value) if isinstance(value, float) else str(value)
    text = _text(value)
    if text[:1] in ("=", "+", "-", "@", "\t", "\r"):
        text = "'" + text
    return text


def to_csv(columns: tuple[str, ...], rows: list[dict[str, Any]]) -> bytes:
    buf = io.StringIO(newline="")
    writer = csv.writer(buf, lineterminator="\r\n", quoting=csv.QUOTE_MINIMAL)
    writer.writerow(columns)
    for row in rows:
        writer.writerow([csv_cell(c, row.get(c)) for c in columns])
    return buf.getvalue().encode("utf-8-sig")


def catalogue(items: list[Report]) -> bytes:
    """{"reports": [...]} with one report per line: compact, and a diff shows what changed."""
    rows = [json.dumps({"url": r.url, "path": r.path, **r.fm}, ensure_ascii=False, default=str,
                       separators=(",", ":")) for r in items]
    return ('{"reports":[\n' + ",\n".join(rows) + "\n]}\n").encode("utf-8")


# ------------------------------------------------------------------ Atom

def rfc3339(iso: str | None) -> str | None:
    if not iso:
        return None
    m = re.fullmatch(r"(\d{4})(?:-(\d{2}))?(?:-(\d{2}))?", str(iso))
    if not m:
        return None
    return f"{m.group(1)}-{m.group(2) or '01'}-{m.group(3) or '01'}T00:00:00Z"


def entry_date(r: Report) -> str:
    period = r.fm.get("period") if isinstance(r.fm.get("period"), dict) else {}
    for value in (r.issued, period.get("end"), period.get("start")):
        stamp = rfc3339(value)
        if stamp:
            return stamp
    return UNKNOWN_DATE


def _href(feed_path: str, page_path: str, site_url: str | None) -> str:
    """Link from a feed file (docs-dir relative) to a page (.md source) as a site URL."""
    url = url_of(page_path)
    if site_url:
        return site_url.rstrip("/") + "/" + url
    out = rel(feed_path, url or ".")
    return out if out.endswith("/") else out + "/"


def atom_feed(feed_path: str, title: str, feed_key: str, rs: list[Report], alternate: str,
              site: dict[str, str | None]) -> bytes:
    ET.register_namespace("", ATOM)
    site_url = site["site_url"]
    entries = newest_first(rs)
    entries = sorted(entries, key=entry_date, reverse=True)[:FEED_ENTRIES]  # stable: issued, then path
    feed = ET.Element(f"{{{ATOM}}}feed", {"{http://www.w3.org/XML/1998/namespace}lang": "vi"})
    ET.SubElement(feed, f"{{{ATOM}}}id").text = TAG_PREFIX + feed_key
    ET.SubElement(feed, f"{{{ATOM}}}title").text = title
    ET.SubElement(feed, f"{{{ATOM}}}updated").text = entry_date(entries[0]) if entries else UNKNOWN_DATE
    self_href = (site_url.rstrip("/") + "/" + feed_path) if site_url else posixpath_name(feed_path)
    ET.SubElement(feed, f"{{{ATOM}}}link", {"rel": "self", "type": "application/atom+xml", "href": self_href})
    ET.SubElement(feed, f"{{{ATOM}}}link", {"rel": "alternate", "type": "text/html",
                                            "href": _href(feed_path, alternate, site_url)})
    author = ET.SubElement(feed, f"{{{ATOM}}}author")
    ET.SubElement(author, f"{{{ATOM}}}name").text = site["site_name"]
    for r in entries:
        entry = ET.SubElement(feed, f"{{{ATOM}}}entry")
        ET.SubElement(entry, f"{{{ATOM}}}id").text = TAG_PREFIX + r.path[:-3]
        ET.SubElement(entry, f"{{{ATOM}}}title").text = r.title
        ET.SubElement(entry, f"{{{ATOM}}}link", {"rel": "alternate", "type": "text/html",
                                                 "href": _href(feed_path, r.path, site_url)})
        date = entry_date(r)
        ET.SubElement(entry, f"{{{ATOM}}}published").text = date
        ET.SubElement(entry, f"{{{ATOM}}}updated").text = date
        a = ET.SubElement(entry, f"{{{ATOM}}}author")
        ET.SubElement(a, f"{{{ATOM}}}name").text = "; ".join(r.units) or site["site_name"]
        ET.SubElement(entry, f"{{{ATOM}}}category", {"term": r.type})
        bits = [r.type]
        if r.fm.get("number"):
            bits.append(f"số {r.fm['number']}")
        bits.append(r.province or NO_PROVINCE_LABEL)
        period = r.fm.get("period") if isinstance(r.fm.get("period"), dict) else {}
        if period.get("label"):
            bits.append(f"kỳ báo cáo: {period['label']}")
        ET.SubElement(entry, f"{{{ATOM}}}summary").text = " · ".join(str(b) for b in bits)
    ET.indent(feed, space=" ")
    return ET.tostring(feed, encoding="utf-8", xml_declaration=True) + b"\n"


def posixpath_name(path: str) -> str:
    return path.rsplit("/", 1)[-1]


# ------------------------------------------------------------------ writing

def _write_bytes(out: Writer, path: str, data: bytes) -> None:
    target = out.docs_dir / path
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_bytes(data)
    out.written.append(path)


def write_all(out: Writer, items: list[Report], docs_dir: Path | None = None) -> None:
    site = site_config(docs_dir or out.docs_dir)
    d = DATA_DIR
    _write_bytes(out, f"{d}/catalogue.json", catalogue(items))
    _write_bytes(out, f"{d}/reports.csv", to_csv(REPORT_COLUMNS, [report_row(r) for r in items]))
    _write_bytes(out, f"{d}/models.csv", to_csv(MODEL_COLUMNS, model_rows(items)))
    _write_bytes(out, f"{d}/figures.csv", to_csv(FIGURE_COLUMNS, figure_rows(items)))
    _write_bytes(out, f"{d}/feed.xml", atom_feed(f"{d}/feed.xml", f"{site['site_name']}: báo cáo mới",
                                                 "feed", items, "reports/index.md", site))
    groups: dict[str, list[Report]] = {}
    for r in items:
        if r.province:
            groups.setdefault(r.province_slug, []).append(r)
    for slug in sorted(groups):
        rs = groups[slug]
        path = f"{d}/feeds/{slug}.xml"
        _write_bytes(out, path, atom_feed(path, f"{site['site_name']}: {rs[0].province}", f"feed/{slug}",
                                          rs, f"tinh/{slug}.md", site))
    write_index(out, items, sorted(groups), {s: groups[s][0].province for s in groups})


def write_index(out: Writer, items: list[Report], feed_slugs: list[str], names: dict[str, str]) -> None:
    page = f"{DATA_DIR}/index.md"
    n_models = sum(len(r.models) for r in items)
    n_figures = sum(len(r.figures) for r in items)
    kinds = ", ".join(f"`{k}` ({v})" for k, v in KIND_LABELS.items())
    lines = [
        front("du-lieu", "Dữ liệu mở"), "# Dữ liệu mở", "",
        "Toàn bộ danh mục và dữ liệu trích từ các báo cáo, tải về tự do. Các tệp được tạo lại mỗi lần "
        "xây dựng trang, từ cùng nguồn với các trang báo cáo.", "",
        "| Tệp | Nội dung | Số dòng |", "|---|---|---|",
        f"| [catalogue.json](catalogue.json) | Danh mục đầy đủ (JSON): mỗi báo cáo với mọi trường thông tin "
        f"và đường dẫn trang | {len(items)} |",
        f"| [reports.csv](reports.csv) | Mỗi dòng một báo cáo; danh sách nối bằng “; ” | {len(items)} |",
        f"| [models.csv](models.csv) | Mỗi dòng một mô hình “Dân vận khéo” | {n_models} |",
        f"| [figures.csv](figures.csv) | Mỗi dòng một số liệu cải cách hành chính | {n_figures} |",
        f"| [feed.xml](feed.xml) | Bản tin Atom: {FEED_ENTRIES} báo cáo mới nhất | — |", "",
        "## Định dạng", "",
        "- CSV theo RFC 4180 (dấu phẩy, ngoặc kép, xuống dòng CRLF), mã hóa UTF-8 có BOM để Excel "
        "hiển thị đúng tiếng Việt. Ô văn bản bắt đầu bằng = + - @ được thêm dấu ' ở đầu để bảng tính "
        "không coi là công thức.",
        "- `number` là số đã chuẩn hóa (\"1.580\" → 1580, \"13,21%\" → 13.21); với tỷ lệ a/b, `number` = a "
        "và `total` = b; `value` là giá trị như văn bản ghi.",
        f"- `kind` của số liệu: {kinds}.",
        "- `link` là đường dẫn tới đoạn văn chứa mô hình, số liệu (tương đối với gốc trang).",
        "- Ngày tháng theo ISO, chỉ chính xác đến mức văn bản ghi (YYYY, YYYY-MM, YYYY-MM-DD); ô trống là "
        "văn bản không ghi.", "",
        "## Bản tin Atom theo tỉnh, thành phố", "",
    ]
    lines += [f"- [{esc(names[s])}](feeds/{s}.xml)" for s in feed_slugs] or ["Chưa có."]
    out.write(page, "\n".join(lines) + "\n")
