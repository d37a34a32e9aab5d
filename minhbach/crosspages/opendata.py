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
(Atom requires a full date-time: "2024-05" → 2024-05-01T00:00:00Z), else the end/start
of its period, else 1970-01-01T00:00:00Z (date unknown). The precision the document
gives is said: ``<dcterms:issued>`` holds the issued date as written (W3C-DTF "2024",
"2024-05" or "2024-05-10"; absent when unknown) and the summary reads "ngày ban hành:
năm 2024" / "tháng 5/2024" / "10/5/2024". Ids are tag URIs (tag:minhbach,2024:<page>) that
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

DATA_DIR = "du-lieu"
ATOM = "http://www.w3.org/2005/Atom"
TAG_PREFIX = "tag:minhbach,2024:"
FEED_ENTRIES = 50
UNKNOWN_DATE = "1970-01-01T00:00:00Z"

REPORT_COLUMNS = fields.CSV_COLUMNS  # url, path, then each field's columns (converters/fields.py)
MODEL_COLUMNS = ("report_url", "link", "province", "province_2025", "issued", "year", "name", "unit",
                 "anchor", "sentence")
FIGURE_COLUMNS = ("report_url", "link", "province", "province_2025", "issued", "indicator", "indicator_label",
                  "kind", "unit", "scope", "agency", "part", "period", "period_start", "period_end", "value",
                  "number", "total", "comparison", "direction", "text", "anchor", "sentence")
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


_MONTH_END = {1: 31, 2: 28, 3: 31, 4: 30, 5: 31, 6: 30, 7: 31, 8: 31, 9: 30, 10: 31, 11: 30, 12: 31}


def _month_end(year: int, month: int) -> str:
    leap = month == 2 and year % 4 == 0 and (year % 100 != 0 or year % 400 == 0)
    return f"{year:04d}-{month:02d}-{_MONTH_END[month] + leap:02d}"


def period_bounds(label: str | None) -> tuple[str | None, str | None]:
    """ISO start and end of a figure's period label ("quý 1/2024" → 2024-01-01, 2024-03-31;
    "năm 2023 (đến tháng 10)" → 2023-01-01, 2023-10-31); (None, None) when not one of the
    shapes the figure extractor writes."""
    text = " ".join((label or "").lower().split())
    m = re.fullmatch(r"q(?:uý|úy) ([1-4])/(\d{4})", text)
    if m:
        q, y = int(m.group(1)), int(m.group(2))
        return f"{y}-{3 * q - 2:02d}-01", _month_end(y, 3 * q)
    m = re.fullmatch(r"(\d+) tháng (đầu|cuối) năm (\d{4})", text)
    if m:
        n, y = int(m.group(1)), int(m.group(3))
        if 1 <= n <= 12:
            return ((f"{y}-01-01", _month_end(y, n)) if m.group(2) == "đầu"
                    else (f"{y}-{13 - n:02d}-01", f"{y}-12-31"))
    m = re.fullmatch(r"năm (\d{4})(?: \(đến tháng (\d{1,2})\))?", text)
    if m:
        y = int(m.group(1))
        return f"{y}-01-01", (_month_end(y, int(m.group(2))) if m.group(2) else f"{y}-12-31")
    m = re.fullmatch(r"tháng (\d{1,2})/(\d{4})", text)
    if m and 1 <= int(m.group(1)) <= 12:
        y, mo = int(m.group(2)), int(m.group(1))
        return f"{y}-{mo:02d}-01", _month_end(y, mo)
    m = re.fullmatch(r"đến tháng (\d{1,2})/(\d{4})", text)
    if m and 1 <= int(m.group(1)) <= 12:
        return None, _month_end(int(m.group(2)), int(m.group(1)))
    return None, None


def figure_csv_rows(items: list[Report], site_url: str | None = None) -> list[dict[str, Any]]:
    """One row per figure. ``link``: the report page at the figure's paragraph, absolute when
    the site has an address (MINHBACH_SITE_URL), else relative to the site root."""
    from minhbach.crosspages.sections import indicator_label, text_fragment

    base = site_url.rstrip("/") + "/" if site_url else ""
    rows = []
    for r in items:
        period = r.fm.get("period") if isinstance(r.fm.get("period"), dict) else {}
        for f in r.figures:
            start, end = period_bounds(f.get("period"))
            if start is None and end is None and f.get("period") and f.get("period") == period.get("label"):
                start, end = period.get("start"), period.get("end")  # the report's own period
            rows.append({"report_url": base + r.url, "link": base + _link(r, f) + (text_fragment(f) if f.get("anchor") else ""),
                         "province": r.province, "province_2025": r.province_2025, "issued": r.issued or None,
                         "indicator": f.get("indicator"), "indicator_label": indicator_label(f.get("indicator")),
                         "kind": f.get("kind"), "unit": f.get("unit"), "scope": f.get("scope"),
                         "agency": f.get("agency"), "part": f.get("part"), "period": f.get("period"),
                         "period_start": start, "period_end": end, "value": f.get("value"),
                         "number": f.get("number"), "total": f.get("total"), "comparison": f.get("comparison"),
                         "direction": f.get("direction"), "text": f.get("text"),
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
    rows = [json.dumps({"url": r.url, "path": r.path,
                        **{k: v for k, v in r.fm.items() if k not in fields.NOT_IN_CATALOGUE}},
                       ensure_ascii=False, default=str,
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


DCTERMS = "http://purl.org/dc/terms/"


def issued_as_written(r: Report) -> str | None:
    """The issued date with the precision the document gives (W3C-DTF: YYYY, YYYY-MM or
    YYYY-MM-DD), None when unknown or not an ISO date."""
    m = re.fullmatch(r"\d{4}(?:-\d{2}(?:-\d{2})?)?", str(r.issued or ""))
    return m.group(0) if m else None


def add_issued(entry: ET.Element, r: Report, bits: list[str]) -> None:
    """``<dcterms:issued>`` and the summary's "ngày ban hành: …" at the document's precision."""
    from minhbach.display import format_date

    issued = issued_as_written(r)
    if issued:
        ET.SubElement(entry, f"{{{DCTERMS}}}issued").text = issued
        bits.append(f"ngày ban hành: {format_date(issued)}")


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
    ET.register_namespace("dcterms", DCTERMS)
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
        add_issued(entry, r, bits)
        ET.SubElement(entry, f"{{{ATOM}}}summary").text = " · ".join(str(b) for b in bits)
    for el in feed.iter():
        el.text = xml_text(el.text)
        for key, value in el.attrib.items():
            el.attrib[key] = xml_text(value)
    ET.indent(feed, space=" ")
    data = ET.tostring(feed, encoding="utf-8", xml_declaration=True) + b"\n"
    ET.fromstring(data)  # well-formed, or the build stops here (a reader rejects the whole feed)
    return data


# XML 1.0 forbids C0 controls but tab, LF, CR (U+0001 from text pasted out of a PDF made
# feed.xml unreadable); C1 controls and U+FFFE/U+FFFF are dropped too
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ufffe\uffff\ud800-\udfff]")


def xml_text(value: str | None) -> str | None:
    """``value`` without the characters XML cannot hold."""
    return _NOT_XML.sub("", value) if value else value


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
    _write_bytes(out, f"{d}/figures.csv", to_csv(FIGURE_COLUMNS, figure_csv_rows(items, site["site_url"])))
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


LICENCE = (
    "Văn bản quản lý nhà nước không thuộc đối tượng bảo hộ quyền tác giả (Điều 15 Luật Sở hữu trí tuệ). "
    "Dữ liệu trên trang này (danh mục, trường thông tin, mô hình, số liệu trích xuất) được dành cho công "
    "chúng theo [CC0 1.0](https://creativecommons.org/publicdomain/zero/1.0/deed.vi): được sao chép, sửa "
    "đổi, phân phối, kể cả vì mục đích thương mại, không cần xin phép. Khi trích dẫn số liệu, xin dẫn "
    "văn bản gốc (cột `link`, `source_path`); số liệu được trích tự động và có thể sai: hãy đối chiếu câu "
    "văn gốc trước khi đăng."
)


def column_docs() -> dict[str, dict[str, str]]:
    import yaml

    return yaml.safe_load((Path(__file__).parent / "data_dictionary.yaml").read_text(encoding="utf-8"))


def data_dictionary() -> list[str]:
    """The open-data page's dictionary: every column of every file, every indicator, the licence."""
    from converters import vocab

    docs = column_docs()
    lines = ["", "## Giấy phép", "", LICENCE, "", "## Từ điển dữ liệu", "",
             "Ý nghĩa từng cột của từng tệp. Ô trống: văn bản không ghi hoặc không xác định được."]
    for name, cols in docs.items():
        lines += ["", f"### {esc(name)}", "", "| Cột | Ý nghĩa |", "|---|---|"]
        lines += [f"| `{c}` | {esc(text)} |" for c, text in cols.items()]
    lines += ["", "### Danh mục chỉ tiêu (cột `indicator` của figures.csv)", "",
              "| Mã | Chỉ tiêu | Đơn vị | Dạng | Định nghĩa |", "|---|---|---|---|---|"]
    lines += [f"| `{i.id}` | {esc(i.label)} | {esc(i.unit)} | `{i.kind}` | {esc(i.definition)} |"
              for i in vocab.indicators()]
    lines.append(f"| `{vocab.OTHER_INDICATOR}` | Số liệu khác | — | — | Số liệu trong đoạn văn về cải cách "
                 "hành chính, dân vận mà lời văn chưa thuộc chỉ tiêu nào của danh mục; giữ nguyên, không xếp vào "
                 "chỉ tiêu |")
    return lines


def write_index(out: Writer, items: list[Report], feed_slugs: list[str], names: dict[str, str]) -> None:
    page = f"{DATA_DIR}/index.md"
    n_models = sum(len(r.models) for r in items)
    n_figures = sum(len(r.figures) for r in items)
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
        "- `link` là đường dẫn tới đoạn văn chứa mô hình, số liệu (tương đối với gốc trang; tuyệt đối trong "
        "figures.csv khi trang có địa chỉ).",
        "- Ngày tháng theo ISO, chỉ chính xác đến mức văn bản ghi (YYYY, YYYY-MM, YYYY-MM-DD); ô trống là "
        "văn bản không ghi.", "",
    ]
    lines += data_dictionary() + ["", "## Bản tin Atom theo tỉnh, thành phố", ""]
    lines += [f"- [{esc(names[s])}](feeds/{s}.xml)" for s in feed_slugs] or ["Chưa có."]
    out.write(page, "\n".join(lines) + "\n")
