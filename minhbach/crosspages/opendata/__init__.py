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

from pathlib import Path

from minhbach import settings
from minhbach.crosspages.base import Report, Writer, esc, front
from minhbach.crosspages.opendata.atom import FEED_ENTRIES, atom_feed, rfc3339  # noqa: F401
from minhbach.crosspages.opendata.tables import (FIGURE_COLUMNS, MODEL_COLUMNS, REPORT_COLUMNS,  # noqa: F401
                                                 catalogue, figure_csv_rows, model_rows, period_bounds,
                                                 report_row, to_csv)

DATA_DIR = "du-lieu"


# ------------------------------------------------------------------ config

def site_config(docs_dir: Path) -> dict[str, str | None]:
    """site_url and site_name of the mkdocs.yml beside the docs dir (minhbach.settings)."""
    conf = Path(docs_dir).parent / "mkdocs.yml"
    return {"site_url": settings.site_url(conf), "site_name": settings.site_name(conf)}


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
