"""Cross-pages that connect the reports, generated at build time under the docs dir
(site contract). Nothing here is committed; each folder is in .gitignore and is
rewritten from scratch on every build.

    reports/index.md                    years and types with counts (links to the year pages)
    reports/nam-<year>.md               one year's reports by type, newest first
    tinh/index.md, tinh/<slug>.md       provinces at issue          page_kind: tinh-index | tinh
    tinh-2025/index.md, <slug>.md       provinces after the merger  page_kind: tinh-2025-index | tinh-2025
    co-quan/index.md, <slug>.md         issuing agencies            page_kind: co-quan-index | co-quan
    dan-van-kheo/index.md               "Dân vận khéo" models       page_kind: dan-van-kheo
    cai-cach-hanh-chinh/index.md        reform figures, table+SVG   page_kind: cai-cach-hanh-chinh
    van-ban/index.md, <slug>.md         documents cited (and every archived report's number)
                                                                    page_kind: van-ban-index | van-ban
    du-lieu/index.md + data files       minhbach/exports.py         page_kind: du-lieu
    reports/index.md                                                page_kind: bao-cao
    reports/nam-<year>.md, reports/nam-khong-ro.md                  page_kind: bao-cao-nam
    _generated/home.md                  snippet for content/index.md (no front matter: it is included)

Rules: links are relative Markdown links to .md sources (MkDocs resolves them under
any base URL); every text taken from a report is escaped (Markdown and HTML); every
ordering has an explicit key with the page path as the last tie-breaker; the work is
linear in the number of reports (one pass to group, one page per group).
"""
from __future__ import annotations

import html
import posixpath
import re
import shutil
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any, Iterable

from converters import vocab
from converters.extract.models import COUNT_SCOPES
from converters.extract.passage import clean_plain, sentences

from . import pages

GENERATED_DIRS = ("tinh", "tinh-2025", "co-quan", "dan-van-kheo", "cai-cach-hanh-chinh", "van-ban",
                  "du-lieu", "_generated")
NO_PROVINCE_LABEL = "Trung ương và chưa rõ tỉnh"
KIND_LABELS = {
    "tasks": "Nhiệm vụ cải cách hành chính",
    "score": "Điểm đánh giá",
    "share": "Tỷ lệ, mức độ bao phủ",
    "online_services": "Dịch vụ công trực tuyến",
    "reception": "Tiếp công dân",
    "complaints": "Khiếu nại, tố cáo",
}
COUNT_LABELS = {"government": "Khối chính quyền", "province_total": "Toàn tỉnh"}
MAX_SENTENCES_PER_CITE = 2
EXCERPT_REPORTS = 300  # quoted sentences for the newest N citing reports; the rest are listed
EXCERPT_CHARS = 240  # a quoted sentence longer than this is clipped around the symbol
HOME_NEWEST = 10
HOME_AGENCIES = 15


# ------------------------------------------------------------------ text helpers

@lru_cache(maxsize=65536)
def cached_slug(text: str) -> str:
    """minhbach.pages.slugify, memoised: the same few names are slugged over and over."""
    return pages.slugify(text)


def province_slug(province: str | None) -> str:
    return cached_slug(province) if province else pages.NO_PROVINCE


# Characters Python-Markdown (with tables) unescapes after a backslash; others would
# show the backslash. "+", "-", "1." only start a list at the start of a line.
_ESCAPES = {**{c: "\\" + c for c in "\\`*_{}[]()#!|"}, "&": "&amp;", "<": "&lt;", ">": "&gt;"}
_SPECIAL = re.compile(r"[\\`*_{}\[\]()#!|&<>]")
_LINE_START = re.compile(r"^(?:([-+])(?=\s|$)|(\d+)(?=[.)](?:\s|$)))")


def esc(text: Any) -> str:
    """Report text as Markdown that renders as exactly that text (see _esc); memoised
    for strings: the same titles, names and dates are listed on many pages."""
    return _esc_str(text) if isinstance(text, str) else _esc(text)


def _esc(text: Any) -> str:
    """Report text as Markdown that renders as exactly that text (no markup, no HTML):
    & < > become entities; the characters Python-Markdown (with tables) unescapes after a
    backslash get one (others would show it); "+", "-", "1." are escaped only at the start,
    where they would start a list."""
    if text is None:
        return ""
    text = _SPECIAL.sub(lambda m: _ESCAPES[m.group()], " ".join(str(text).split()))
    if text[:1] in "-+0123456789" and text:
        text = _LINE_START.sub(lambda m: "\\" + m.group(1) if m.group(1) else m.group(2) + "\\", text)
    return text


_esc_str = lru_cache(maxsize=1 << 17)(_esc)


def cell(text: Any) -> str:
    """Escaped text for a table cell (never empty, so the table keeps its shape)."""
    out = esc(text)
    return out if out else "—"


def rel(from_page: str, to_page: str) -> str:
    """Relative link from one docs-dir page to another (POSIX paths, .md sources, no "..")."""
    to_page, hash_, anchor = to_page.partition("#")
    src = from_page.split("/")[:-1]
    dst = to_page.split("/")
    common = 0
    while common < len(src) and common < len(dst) - 1 and src[common] == dst[common]:
        common += 1
    out = "/".join([".."] * (len(src) - common) + dst[common:]) or "."
    return out + hash_ + anchor


def link(from_page: str, to_page: str, text: Any) -> str:
    return f"[{esc(text) or '—'}]({rel(from_page, to_page)})"


def fmt_date(iso: str | None) -> str:
    """ISO as precise as known → Vietnamese display: 10/05/2018, 05/2024, 2023."""
    if not iso:
        return ""
    parts = str(iso).split("-")
    return "/".join(reversed(parts))


def front(page_kind: str, title: str, **extra: Any) -> str:
    from converters.frontmatter import dump_yaml

    data = {"page_kind": page_kind, "title": title, **extra}
    return f"---\n{dump_yaml(data)}---\n"


def heading_id(prefix: str, text: str) -> str:
    return f"{prefix}-{cached_slug(text) or 'khac'}"


# ------------------------------------------------------------------ the reports

@dataclass
class Report:
    path: str  # docs-dir relative .md source
    fm: dict[str, Any]
    title: str = ""
    type: str = ""
    issued: str = ""
    year: str = ""
    province: str | None = None
    province_2025: str | None = None
    units: tuple[str, ...] = ()
    cites: tuple[str, ...] = ()
    models: list[dict] = field(default_factory=list)
    figures: list[dict] = field(default_factory=list)

    @property
    def url(self) -> str:
        """Site-relative URL (use_directory_urls)."""
        return url_of(self.path)

    @property
    def province_slug(self) -> str:
        return province_slug(self.province)


def url_of(path: str) -> str:
    if path.endswith("/index.md") or path == "index.md":
        return path[:-len("index.md")]
    return path[:-3] + "/"


def _list(value: Any) -> list:
    if value is None:
        return []
    if isinstance(value, (list, tuple)):
        return list(value)
    return [value]


def load(reports: Iterable[tuple[str, dict[str, Any]]]) -> list[Report]:
    out = []
    for path, fm in reports:
        fm = fm or {}
        issued = str(fm.get("issued") or "")
        out.append(Report(
            path=path, fm=fm,
            title=str(fm.get("title") or fm.get("number") or posixpath.basename(path)[:-3]),
            type=str(fm.get("type") or "Chưa rõ loại"),
            issued=issued, year=issued[:4],
            province=fm.get("province") or None, province_2025=fm.get("province_2025") or None,
            units=tuple(str(u) for u in _list(fm.get("units")) if u),
            cites=tuple(str(c) for c in _list(fm.get("cites")) if c),
            models=[m for m in _list(fm.get("models")) if isinstance(m, dict) and m.get("name")],
            figures=[f for f in _list(fm.get("figures")) if isinstance(f, dict) and f.get("value")],
        ))
    out.sort(key=lambda r: r.path)
    return out


def newest_first(reports: Iterable[Report]) -> list[Report]:
    """Newest issued first; unknown dates last; ties by page path."""
    by_path = sorted(reports, key=lambda r: r.path)
    return sorted(by_path, key=lambda r: r.issued, reverse=True)  # stable: ties keep path order


def source_label(r: Report) -> str:
    """Short link text for a source column: type and date ("Báo cáo 10/05/2018")."""
    return f"{r.type} {fmt_date(r.issued)}".strip()


def report_line(page: str, r: Report, show_province: bool = False) -> str:
    bits = [esc(r.type)]
    if r.fm.get("number"):
        bits.append(f"số {esc(r.fm['number'])}")
    if r.issued:
        bits.append(esc(fmt_date(r.issued)))
    if show_province:
        bits.append(esc(r.province or NO_PROVINCE_LABEL))
    return f"- {link(page, r.path, r.title)} — {' · '.join(bits)}"


def period_key(label: str | None) -> tuple:
    """Chronological key of a period label ("quý 1/2024" < "6 tháng đầu năm 2024" < "năm 2024")."""
    text = vocab.fold_key(label or "")
    years = re.findall(r"(?<!\d)(19\d\d|20\d\d)(?!\d)", text)
    year = int(years[-1]) if years else 0
    m = re.search(r"quý\s*(\d)|qúy\s*(\d)", text)
    if m:
        sub = int(m.group(1) or m.group(2)) * 3
    elif re.search(r"6 tháng đầu", text):
        sub = 6
    elif (m := re.search(r"đến tháng (\d+)", text)):
        sub = int(m.group(1))
    else:
        sub = 12
    return (year, sub, text)


# ------------------------------------------------------------------ writing

class Writer:
    def __init__(self, docs_dir: Path):
        self.docs_dir = docs_dir
        self.written: list[str] = []

    def write(self, path: str, text: str) -> None:
        target = self.docs_dir / path
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(text, encoding="utf-8", newline="\n")
        self.written.append(path)


def generate(reports: list[tuple[str, dict[str, Any]]], docs_dir: Path) -> list[str]:
    """Write cross-pages under ``docs_dir`` for ``reports``: (page path relative to
    docs_dir, front matter dict as converters.frontmatter.front_matter gives it).
    Returns the paths written (docs-dir relative)."""
    from . import exports

    docs_dir = Path(docs_dir)
    for folder in GENERATED_DIRS:
        shutil.rmtree(docs_dir / folder, ignore_errors=True)
    # the listing pages sit directly in reports/ (index, nam-<year>); report pages
    # are always one folder down (reports/<province>/<slug>.md)
    for listing in (docs_dir / pages.REPORTS_DIR).glob("*.md"):
        listing.unlink()
    items = load(reports)
    out = Writer(docs_dir)
    citations = collect_citations(items, docs_dir)
    write_reports_index(out, items)
    write_provinces(out, items)
    write_provinces_2025(out, items)
    write_agencies(out, items)
    write_models(out, items)
    write_figures(out, items)
    write_documents(out, items, citations)
    exports.write_all(out, items, docs_dir)
    write_home(out, items)
    return out.written


# ------------------------------------------------------------------ reports/index.md

def write_reports_index(out: Writer, items: list[Report]) -> None:
    """reports/index.md: the years and the document types with their counts, and one
    page per year (reports/nam-<year>.md) listing that year's reports by type, newest
    first. Every listing page stays the size of one year, whatever the archive's
    size (one page of 20,000 reports listed twice was ~14 MB of HTML)."""
    page = f"{pages.REPORTS_DIR}/index.md"
    newest = newest_first(items)
    by_year: dict[str, list[Report]] = defaultdict(list)
    for r in newest:
        by_year[r.year or ""].append(r)
    years = sorted(by_year, reverse=True)  # "" (year unknown) last
    types = Counter(r.type for r in items)
    lines = [front("bao-cao", "Tất cả báo cáo"), "# Tất cả báo cáo", "",
             f"{len(items)} văn bản, mỗi năm một trang. Xem theo [năm](#theo-nam) hoặc "
             f"[loại văn bản](#theo-loai).", "", "## Theo năm { #theo-nam }", ""]
    types_in = {y: Counter(r.type for r in by_year[y]) for y in years}
    for y in years:
        lines.append(f"- {link(page, year_page(y), year_label(y))} — {len(by_year[y])} văn bản: "
                     + " · ".join(f"{esc(t)} {types_in[y][t]}" for t in sorted_counts(types_in[y])))
    lines += ["", "## Theo loại văn bản { #theo-loai }", ""]
    lines.append(" · ".join(f"[{esc(t)}](#{heading_id('loai', t)}) ({types[t]})" for t in sorted_counts(types)))
    for t in sorted_counts(types):
        lines += ["", f"### {esc(t)} {{ #{heading_id('loai', t)} }}", ""]
        lines.append(" · ".join(
            f"[{esc(year_label(y))}]({rel(page, year_page(y))}#{heading_id('loai', t)}) ({types_in[y][t]})"
            for y in years if types_in[y][t]))
    out.write(page, "\n".join(lines).rstrip() + "\n")
    for y in years:
        write_year_page(out, y, by_year[y])


def year_page(year: str | None) -> str:
    return f"{pages.REPORTS_DIR}/{year_id(year)}.md"


def year_label(year: str | None) -> str:
    return f"Năm {year}" if year else "Không rõ năm"


def write_year_page(out: Writer, year: str, rs: list[Report]) -> None:
    """reports/nam-<year>.md: the year's reports (newest first) by type."""
    page = year_page(year)
    title = f"Văn bản năm {year}" if year else "Văn bản không rõ năm"
    types = Counter(r.type for r in rs)
    lines = [front("bao-cao-nam", title), f"# {esc(title)}", "",
             f"{len(rs)} văn bản, mới nhất trước ([tất cả các năm]({rel(page, 'reports/index.md')})).", "",
             "Theo loại: " + " · ".join(f"[{esc(t)}](#{heading_id('loai', t)}) ({types[t]})" for t in sorted_counts(types))]
    by_type: dict[str, list[Report]] = defaultdict(list)
    for r in rs:  # already newest first
        by_type[r.type].append(r)
    for t in sorted_counts(types):
        lines += ["", f"## {esc(t)} {{ #{heading_id('loai', t)} }}", ""]
        lines += [report_line(page, r, show_province=True) for r in by_type[t]]
    out.write(page, "\n".join(lines).rstrip() + "\n")


def year_id(year: str | None) -> str:
    return f"nam-{year}" if year else "nam-khong-ro"


def sorted_counts(counter: Counter) -> list:
    """Most frequent first, then by the key's slug and the key itself."""
    return sorted(counter, key=lambda k: (-counter[k], cached_slug(str(k)), str(k)))


# ------------------------------------------------------------------ shared sections

def reports_by_year(page: str, rs: list[Report], show_province: bool = False) -> list[str]:
    lines: list[str] = []
    types = Counter(r.type for r in rs)
    lines.append("Theo loại: " + ", ".join(f"{esc(t)} ({types[t]})" for t in sorted_counts(types)) + ".")
    current = None
    for r in newest_first(rs):
        if r.year != current:
            current = r.year
            lines += ["", f"### {esc(current or 'Không rõ năm')} {{ #{year_id(current)} }}", ""]
        lines.append(report_line(page, r, show_province))
    return lines


def models_table(page: str, rs: list[Report], show_province: bool = True) -> list[str]:
    rows = []
    for r in rs:
        for i, m in enumerate(r.models):
            rows.append((r, i, m))
    if not rows:
        return ["Chưa có mô hình nào được nêu tên trong các báo cáo."]
    rows.sort(key=lambda x: (province_slug(x[0].province), tuple(-ord(c) for c in x[0].year),
                             vocab.fold_key(str(x[2]["name"])), x[0].path, x[1]))
    head = "| Mô hình | " + ("Tỉnh | " if show_province else "") + "Đơn vị thực hiện | Năm | Nguồn |"
    lines = [head, "|" + "---|" * (5 if show_province else 4)]
    for r, _, m in rows:
        target = r.path + (f"#{m['anchor']}" if m.get("anchor") else "")
        prov = f"{cell(r.province or NO_PROVINCE_LABEL)} | " if show_province else ""
        lines.append(f"| “{esc(m['name'])}” | {prov}{cell(m.get('unit'))} | {cell(r.year)} | "
                     f"{link(page, target, source_label(r))} |")
    return lines


def model_counts_table(page: str, rs: list[Report], show_province: bool = True) -> list[str]:
    rows = [r for r in rs if isinstance(r.fm.get("model_counts"), dict) and r.fm["model_counts"]]
    if not rows:
        return []
    keys = [k for k, _ in COUNT_SCOPES]
    rows.sort(key=lambda r: (province_slug(r.province), tuple(-ord(c) for c in r.issued), r.path))
    head = "| " + ("Tỉnh | " if show_province else "") + "Báo cáo | Năm | " + \
        " | ".join(COUNT_LABELS[k] for k in keys) + " |"
    lines = [head, "|" + "---|" * ((3 if show_province else 2) + len(keys))]
    for r in rows:
        counts = r.fm["model_counts"]
        prov = f"{cell(r.province or NO_PROVINCE_LABEL)} | " if show_province else ""
        lines.append(f"| {prov}{link(page, r.path, r.title)} | {cell(r.year)} | "
                     + " | ".join(cell(counts.get(k)) for k in keys) + " |")
    return lines


def figure_rows(rs: list[Report]) -> list[tuple[Report, int, dict]]:
    rows = [(r, i, f) for r in rs for i, f in enumerate(r.figures)]
    rows.sort(key=lambda x: (province_slug(x[0].province), period_key(x[2].get("period")),
                             str(x[2].get("kind") or ""), x[0].path, x[1]))
    return rows


def figures_table(page: str, rows: list[tuple[Report, int, dict]], show_province: bool = True,
                  show_kind: bool = True) -> list[str]:
    if not rows:
        return ["Chưa có số liệu cải cách hành chính nào được trích từ các báo cáo."]
    head = "| " + ("Tỉnh | " if show_province else "") + "Kỳ | " + ("Loại số liệu | " if show_kind else "") + \
        "Giá trị | Nội dung | Nguồn |"
    lines = [head, "|" + "---|" * (4 + show_province + show_kind)]
    for r, _, f in rows:
        target = r.path + (f"#{f['anchor']}" if f.get("anchor") else "")
        prov = f"{cell(r.province or NO_PROVINCE_LABEL)} | " if show_province else ""
        kind = f"{cell(KIND_LABELS.get(f.get('kind'), f.get('kind')))} | " if show_kind else ""
        lines.append(f"| {prov}{cell(f.get('period'))} | {kind}"
                     f"**{esc(f['value'])}** | {cell(f.get('text'))} | {link(page, target, source_label(r))} |")
    return lines


# ------------------------------------------------------------------ provinces

def provinces_2025_table() -> dict[str, list[str]]:
    """new province → former provinces (from converters/data/provinces-2025.csv)."""
    table: dict[str, list[str]] = defaultdict(list)
    for p in vocab.provinces():
        table[p.name_2025].append(p.name)
    return table


def write_provinces(out: Writer, items: list[Report]) -> None:
    groups: dict[str, list[Report]] = defaultdict(list)
    for r in items:
        groups[r.province_slug].append(r)
    names = {slug: (rs[0].province or NO_PROVINCE_LABEL) for slug, rs in groups.items()}
    order = sorted(groups, key=lambda s: (s == pages.NO_PROVINCE, s))
    index = "tinh/index.md"
    lines = [front("tinh-index", "Tỉnh thành"), "# Tỉnh thành", "",
             "Các tỉnh, thành phố theo địa giới **tại thời điểm ban hành** báo cáo. "
             f"Xem thêm [tỉnh, thành phố sau sáp nhập 2025]({rel(index, 'tinh-2025/index.md')}).", "",
             "| Tỉnh, thành phố | Báo cáo | Mô hình | Số liệu CCHC | Sau sáp nhập 2025 |", "|---|---|---|---|---|"]
    for slug in order:
        rs = groups[slug]
        p25 = rs[0].province_2025
        lines.append(f"| {link(index, f'tinh/{slug}.md', names[slug])} | {len(rs)} | "
                     f"{sum(len(r.models) for r in rs)} | {sum(len(r.figures) for r in rs)} | "
                     + (link(index, f"tinh-2025/{cached_slug(p25)}.md", p25) if p25 else "—") + " |")
    out.write(index, "\n".join(lines) + "\n")
    for slug in order:
        rs = groups[slug]
        page = f"tinh/{slug}.md"
        name = names[slug]
        lines = [front("tinh", name, province=rs[0].province), f"# {esc(name)}", ""]
        lines.append(f"{len(rs)} báo cáo. [Danh sách tỉnh thành]({rel(page, index)}).")
        p25s = sorted({r.province_2025 for r in rs if r.province_2025})
        if p25s:
            lines += ["", "Sau sáp nhập 2025 thuộc: " + ", ".join(
                link(page, f"tinh-2025/{cached_slug(p)}.md", p) for p in p25s) + "."]
        if rs[0].province:
            lines.append(f"Bản tin Atom: [{esc(slug)}.xml]({rel(page, f'du-lieu/feeds/{slug}.xml')}).")
        lines += ["", "## Báo cáo theo năm", ""] + reports_by_year(page, rs)
        lines += ["", "## Mô hình “Dân vận khéo”", ""] + models_table(page, rs, show_province=False)
        counts = model_counts_table(page, rs, show_province=False)
        if counts:
            lines += ["", "### Số mô hình được báo cáo", ""] + counts
        lines += ["", "## Số liệu cải cách hành chính qua các kỳ", ""] + \
            figures_table(page, figure_rows(rs), show_province=False)
        out.write(page, "\n".join(lines) + "\n")


def write_provinces_2025(out: Writer, items: list[Report]) -> None:
    merged = provinces_2025_table()
    groups: dict[str, list[Report]] = defaultdict(list)
    for r in items:
        if r.province_2025:
            groups[r.province_2025].append(r)
    order = sorted(groups, key=lambda n: (cached_slug(n), n))
    index = "tinh-2025/index.md"
    lines = [front("tinh-2025-index", "Tỉnh thành sau sáp nhập 2025"), "# Tỉnh thành sau sáp nhập 2025", "",
             "Báo cáo được nhóm theo tỉnh, thành phố **sau sắp xếp đơn vị hành chính năm 2025**; "
             f"mỗi trang nêu các tỉnh cũ hợp thành. Xem theo [tỉnh tại thời điểm ban hành]({rel(index, 'tinh/index.md')}).",
             "", "| Tỉnh, thành phố (2025) | Gồm các tỉnh cũ | Báo cáo |", "|---|---|---|"]
    for name in order:
        former = ", ".join(esc(x) for x in sorted(merged.get(name, [name]), key=cached_slug))
        lines.append(f"| {link(index, f'tinh-2025/{cached_slug(name)}.md', name)} | {former} | {len(groups[name])} |")
    out.write(index, "\n".join(lines) + "\n")
    for name in order:
        rs = groups[name]
        page = f"tinh-2025/{cached_slug(name)}.md"
        present = Counter(r.province_slug for r in rs)
        former_lines = []
        for old in sorted(merged.get(name, [name]), key=cached_slug):
            slug = province_slug(old)
            if present.get(slug):
                former_lines.append(f"- {link(page, f'tinh/{slug}.md', old)} ({present[slug]} báo cáo)")
            else:
                former_lines.append(f"- {esc(old)} (chưa có báo cáo)")
        lines = [front("tinh-2025", name, province_2025=name), f"# {esc(name)} (sau sáp nhập 2025)", "",
                 f"{len(rs)} báo cáo của các tỉnh cũ nay thuộc {esc(name)}. "
                 f"[Danh sách]({rel(page, index)}).", "", "## Các tỉnh cũ", ""] + former_lines
        lines += ["", "## Báo cáo theo năm", ""] + reports_by_year(page, rs, show_province=True)
        lines += ["", "## Mô hình “Dân vận khéo”", ""] + models_table(page, rs)
        counts = model_counts_table(page, rs)
        if counts:
            lines += ["", "### Số mô hình được báo cáo", ""] + counts
        lines += ["", "## Số liệu cải cách hành chính qua các kỳ", ""] + figures_table(page, figure_rows(rs))
        out.write(page, "\n".join(lines) + "\n")


# ------------------------------------------------------------------ agencies

def agency_slug(unit: str) -> str:
    """Same slug as the report page's unit links (co-quan/<slugify(unit)>/)."""
    return cached_slug(unit) or "co-quan"


def write_agencies(out: Writer, items: list[Report]) -> None:
    groups: dict[str, list[Report]] = defaultdict(list)
    names: dict[str, Counter] = defaultdict(Counter)
    for r in items:
        for unit in r.units:
            names[agency_slug(unit)][unit] += 1
        for slug in dict.fromkeys(agency_slug(u) for u in r.units):
            groups[slug].append(r)
    label = {slug: sorted_counts(c)[0] for slug, c in names.items()}
    order = sorted(groups, key=lambda s: (vocab.fold_key(label[s]), s))
    no_unit = sum(1 for r in items if not r.units)
    index = "co-quan/index.md"
    lines = [front("co-quan-index", "Cơ quan ban hành"), "# Cơ quan ban hành", "",
             f"{len(order)} cơ quan. Một báo cáo liên tịch được tính cho mỗi cơ quan ban hành."]
    if no_unit:
        lines.append(f"{no_unit} báo cáo chưa xác định được cơ quan ban hành "
                     f"(xem [tất cả báo cáo]({rel(index, 'reports/index.md')})).")
    lines += ["", "| Cơ quan | Tỉnh | Báo cáo |", "|---|---|---|"]
    for slug in order:
        rs = groups[slug]
        provs = sorted({r.province or NO_PROVINCE_LABEL for r in rs}, key=cached_slug)
        lines.append(f"| {link(index, f'co-quan/{slug}.md', label[slug])} | "
                     f"{', '.join(esc(p) for p in provs)} | {len(rs)} |")
    out.write(index, "\n".join(lines) + "\n")
    for slug in order:
        rs = groups[slug]
        page = f"co-quan/{slug}.md"
        other = [n for n in sorted_counts(names[slug]) if n != label[slug]]
        lines = [front("co-quan", label[slug], units=[label[slug]]), f"# {esc(label[slug])}", "",
                 f"{len(rs)} báo cáo. [Danh sách cơ quan]({rel(page, index)})."]
        if other:
            lines.append("Cũng được ghi là: " + "; ".join(esc(n) for n in other) + ".")
        provs = sorted({r.province_slug: r.province for r in rs}.items())
        lines.append("Tỉnh: " + ", ".join(link(page, f"tinh/{s}.md", p or NO_PROVINCE_LABEL)
                                          for s, p in provs) + ".")
        lines += ["", "## Báo cáo theo năm", ""] + reports_by_year(page, rs, show_province=len(provs) > 1)
        out.write(page, "\n".join(lines) + "\n")


# ------------------------------------------------------------------ models, figures

def write_models(out: Writer, items: list[Report]) -> None:
    page = "dan-van-kheo/index.md"
    n = sum(len(r.models) for r in items)
    with_models = sorted({r.province_slug for r in items if r.models})
    lines = [front("dan-van-kheo", "Mô hình “Dân vận khéo”"), "# Mô hình “Dân vận khéo”", "",
             f"{n} mô hình, điển hình được nêu tên trong các báo cáo của {len(with_models)} tỉnh, thành phố; "
             "mỗi dòng dẫn tới đoạn văn nêu mô hình. Trích tự động: tên mô hình trong ngoặc kép sau "
             "“mô hình”, “điển hình”, hoặc kèm đơn vị thực hiện. "
             f"Tải về: [models.csv]({rel(page, 'du-lieu/models.csv')}).", "",
             "## Các mô hình", ""] + models_table(page, items)
    counts = model_counts_table(page, items)
    lines += ["", "## Số mô hình các tỉnh báo cáo", ""]
    lines += counts if counts else ["Chưa có báo cáo nào nêu tổng số mô hình."]
    out.write(page, "\n".join(lines) + "\n")


def percent_of(f: dict) -> float | None:
    """The figure as a percentage when it is one (a % value, or a ratio a/b)."""
    number, total = f.get("number"), f.get("total")
    if not isinstance(number, (int, float)):
        return None
    if isinstance(total, (int, float)) and total:
        return 100.0 * number / total
    if "%" in str(f.get("value")) and f.get("kind") != "complaints":
        return float(number)
    return None


def bar_chart(rows: list[tuple[str, float]], title: str, desc: str, chart_id: str) -> str:
    """A static, accessible horizontal bar chart (inline SVG, 0-100 %)."""
    bar_h, gap, label_w, plot_w, top = 18, 6, 330, 360, 10
    height = top + len(rows) * (bar_h + gap) + 24
    width = label_w + plot_w + 70
    t_id, d_id = f"{chart_id}-title", f"{chart_id}-desc"
    out = [f'<figure class="mb-chart">',
           f'<svg xmlns="http://www.w3.org/2000/svg" role="img" aria-labelledby="{t_id} {d_id}" '
           f'viewBox="0 0 {width} {height}" width="{width}" height="{height}" style="max-width:100%;height:auto">',
           f'<title id="{t_id}">{html.escape(title)}</title>',
           f'<desc id="{d_id}">{html.escape(desc)}</desc>']
    for x in (0, 50, 100):
        px = label_w + plot_w * x / 100
        out.append(f'<line x1="{px:.1f}" y1="{top - 4}" x2="{px:.1f}" y2="{height - 20}" stroke="#bbb" stroke-width="1"/>')
        out.append(f'<text x="{px:.1f}" y="{height - 6}" font-size="11" text-anchor="middle" fill="currentColor">{x}%</text>')
    for i, (label, value) in enumerate(rows):
        y = top + i * (bar_h + gap)
        w = plot_w * max(0.0, min(value, 100.0)) / 100
        short = label if len(label) <= 52 else label[:51] + "…"
        out.append(f'<text x="{label_w - 6}" y="{y + 13}" font-size="12" text-anchor="end" fill="currentColor">'
                   f'{html.escape(short)}</text>')
        out.append(f'<rect x="{label_w}" y="{y}" width="{w:.1f}" height="{bar_h}" fill="#c62828"/>')
        out.append(f'<text x="{label_w + w + 4:.1f}" y="{y + 13}" font-size="12" fill="currentColor">'
                   f'{value:.1f}%</text>')
    out += ["</svg>", f"<figcaption>{html.escape(title)}. Số liệu đầy đủ ở bảng bên dưới.</figcaption>", "</figure>"]
    return "\n".join(out)


def write_figures(out: Writer, items: list[Report]) -> None:
    page = "cai-cach-hanh-chinh/index.md"
    rows = figure_rows(items)
    lines = [front("cai-cach-hanh-chinh", "Số liệu cải cách hành chính"), "# Số liệu cải cách hành chính", "",
             f"{len(rows)} số liệu trích từ các báo cáo, so sánh theo tỉnh và kỳ báo cáo. Giá trị giữ nguyên "
             "như văn bản ghi; mỗi dòng dẫn tới đoạn văn chứa số liệu. "
             f"Tải về: [figures.csv]({rel(page, 'du-lieu/figures.csv')}).", ""]
    chart_rows = []
    for r, _, f in rows:
        pct = percent_of(f)
        if pct is not None and f.get("kind") in ("tasks", "score", "share", "online_services"):
            label = f"{r.province or NO_PROVINCE_LABEL} · {f.get('period') or ''} · {f['value']}"
            chart_rows.append((label, pct))
    if chart_rows:
        lines += ["## Biểu đồ tỷ lệ", "",
                  bar_chart(chart_rows, "Tỷ lệ hoàn thành, bao phủ và điểm đánh giá theo tỉnh và kỳ",
                            "Mỗi thanh là một số liệu dạng tỷ lệ (phần trăm, hoặc a/b quy ra phần trăm) "
                            "trích từ báo cáo; nhãn ghi tỉnh, kỳ, giá trị như văn bản ghi và loại số liệu.",
                            "bieu-do-cchc"), ""]
    by_kind: dict[str, list] = defaultdict(list)
    for row in rows:
        by_kind[str(row[2].get("kind") or "")].append(row)
    for kind in [k for k in KIND_LABELS if k in by_kind] + sorted(k for k in by_kind if k not in KIND_LABELS):
        lines += ["", f"## {esc(KIND_LABELS.get(kind, kind))} {{ #{heading_id('loai', kind)} }}", ""]
        lines += figures_table(page, by_kind[kind], show_kind=False)
    if not rows:
        lines += figures_table(page, rows)
    out.write(page, "\n".join(lines) + "\n")


# ------------------------------------------------------------------ cited documents

def symbol_key(symbol: str) -> str:
    return cached_slug(symbol)


# A symbol-like token in folded text: "33/cttg", "92/2017/ndcp", "904/snvxdcq&cttn".
_SYMBOL_TOKEN = re.compile(r"(?<![\w/.&])([\w.&]+(?:/[\w.&]+)+)")


def symbols_in(folded: str) -> set[str]:
    """Folded symbol tokens of a folded text (one regex pass; a cite is found by set lookup,
    so "133/CT-TTg" never counts as 33/CT-TTg)."""
    return {t.rstrip(".") for t in _SYMBOL_TOKEN.findall(folded)}


def _squeeze(text: str, mark: str, joiner: str) -> str:
    """``re.sub(r"\\s*<mark>\\s*", joiner, text)`` without trying the pattern at every
    position (str.strip and \\s agree on what whitespace is: both use str.isspace)."""
    if mark not in text:
        return text
    parts = text.split(mark)
    last = len(parts) - 1
    return joiner.join(
        (p if i == 0 else p.lstrip()) if i == last else (p.rstrip() if i == 0 else p.strip())
        for i, p in enumerate(parts))


def _fold_symbol(text: str) -> str:
    """Matching form of a symbol: lower case, đ → d, no hyphens, no spaces
    around "/" ("92/2017/NĐCP" and "19- CT/TU" match 92/2017/NĐ-CP and 19-CT/TU)."""
    text = _squeeze(_squeeze(text, "/", "/"), "-", "")
    return text.lower().replace("đ", "d")


_ANCHOR = re.compile(r"\{:?\s*#(p-\d+)[^}]*\}\s*$")
_FOOTNOTE = re.compile(r"^\[\^([^\]]+)\]:")


def body_blocks(markdown: str) -> list[tuple[str | None, str]]:
    """(anchor, raw Markdown) of each block of a generated report body; the anchor is the
    paragraph's p-N (attr_list) or fn:N for a footnote definition."""
    out = []
    for block in re.split(r"\n\s*\n", markdown):
        block = block.strip()
        if not block:
            continue
        anchor = None
        m = _ANCHOR.search(block)
        if m:
            anchor = m.group(1)
            block = block[:m.start()]
        fm = _FOOTNOTE.match(block)
        if fm:
            anchor = f"fn:{fm.group(1)}"
            block = block[fm.end():]
        out.append((anchor, block))
    return out


def _body_of(text: str) -> str:
    """The page body without parsing the YAML front matter (parsing it costs more than
    everything else here)."""
    if text.startswith("---\n"):
        end = text.find("\n---\n", 4)
        if end >= 0:
            return text[end + 5:]
    return text


def collect_citations(items: list[Report], docs_dir: Path) -> dict[str, list[tuple[Report, str, list]]]:
    """symbol slug → [(report, symbol as cited, [(anchor, sentence), …])]: one pass over each
    report body, one token regex per block, set lookups for the report's cites."""
    found: dict[str, list[tuple[Report, str, list]]] = defaultdict(list)
    for r in items:
        if not r.cites:
            continue
        cites = list(dict.fromkeys(r.cites))
        keys: dict[str, list[str]] = defaultdict(list)
        for c in cites:
            keys[_fold_symbol(c)].append(c)
        hits: dict[str, list] = {c: [] for c in cites}
        src = docs_dir / r.path
        blocks = body_blocks(_body_of(src.read_text(encoding="utf-8"))) if src.is_file() else []
        for anchor, raw in blocks:
            if "/" not in raw:
                continue
            wanted = symbols_in(_fold_symbol(raw)) & keys.keys()
            if not any(len(hits[c]) < MAX_SENTENCES_PER_CITE for k in wanted for c in keys[k]):
                continue
            for sentence in sentences(clean_plain(raw)):
                for k in symbols_in(_fold_symbol(sentence)) & wanted:
                    for c in keys[k]:
                        if len(hits[c]) < MAX_SENTENCES_PER_CITE:
                            hits[c].append((anchor, sentence))
        for c in cites:
            found[symbol_key(c)].append((r, c, hits[c]))
    return found


def write_documents(out: Writer, items: list[Report], citations: dict) -> None:
    archived: dict[str, list[Report]] = defaultdict(list)
    for r in items:
        if r.fm.get("number"):
            archived[symbol_key(str(r.fm["number"]))].append(r)
    slugs = sorted(set(citations) | set(archived))
    label: dict[str, str] = {}
    for slug in slugs:
        forms = Counter(c for _, c, _ in citations.get(slug, [])) + \
            Counter(str(r.fm["number"]) for r in archived.get(slug, []))
        label[slug] = sorted_counts(forms)[0]
    index = "van-ban/index.md"
    order = sorted(slugs, key=lambda s: (-len(citations.get(s, [])), s))
    lines = [front("van-ban-index", "Văn bản dẫn chiếu"), "# Văn bản dẫn chiếu", "",
             f"{len(slugs)} văn bản được các báo cáo dẫn chiếu hoặc có trong kho, "
             "nhiều lượt dẫn chiếu nhất trước.", "",
             "| Số, ký hiệu | Báo cáo dẫn chiếu | Có trong kho |", "|---|---|---|"]
    for slug in order:
        lines.append(f"| {link(index, f'van-ban/{slug}.md', label[slug])} | {len(citations.get(slug, []))} | "
                     f"{'có' if archived.get(slug) else '—'} |")
    out.write(index, "\n".join(lines) + "\n")
    for slug in slugs:
        page = f"van-ban/{slug}.md"
        cited = sorted(citations.get(slug, []), key=lambda x: x[0].path)
        cited = [cited[i] for i in _newest_order([c[0] for c in cited])]
        lines = [front("van-ban", label[slug], symbol=label[slug]), f"# Văn bản {esc(label[slug])}", "",
                 f"[Tất cả văn bản dẫn chiếu]({rel(page, index)})."]
        for r in sorted(archived.get(slug, []), key=lambda r: r.path):
            lines += ["", f"**Văn bản này có trong kho:** {link(page, r.path, r.title)} "
                          f"({esc(r.type)}, {esc(r.province or NO_PROVINCE_LABEL)}"
                          f"{', ' + esc(fmt_date(r.issued)) if r.issued else ''})."]
        lines += ["", f"## Báo cáo dẫn chiếu ({len(cited)})", ""]
        if not cited:
            lines.append("Chưa có báo cáo nào trong kho dẫn chiếu văn bản này.")
        for i, (r, symbol, hits) in enumerate(cited):
            if i == EXCERPT_REPORTS:
                lines += ["", f"Các báo cáo cũ hơn ({len(cited) - EXCERPT_REPORTS}), không kèm trích dẫn:", ""]
            lines.append(report_line(page, r, show_province=True))
            for anchor, sentence in hits if i < EXCERPT_REPORTS else ():
                target = r.path + (f"#{anchor}" if anchor else "")
                lines.append(f"    - {esc(excerpt(sentence, symbol))} ({link(page, target, 'xem đoạn')})")
        out.write(page, "\n".join(lines) + "\n")


def excerpt(sentence: str, symbol: str, limit: int = EXCERPT_CHARS) -> str:
    """The sentence, or ~limit characters of it around the cited symbol ("…" marks a cut),
    so a document cited by thousands of reports keeps a page of reasonable size."""
    if len(sentence) <= limit:
        return sentence
    head = symbol.split("/")[0].split("-")[0]
    m = re.search(r"(?<!\d)" + re.escape(head) + r"\s*[/-]", sentence) if head else None
    at = m.start() if m else 0
    start = max(0, at - limit // 3)
    end = min(len(sentence), start + limit)
    start = max(0, end - limit)
    if start > 0:
        start = sentence.find(" ", start) + 1 or start
    if end < len(sentence):
        end = sentence.rfind(" ", start, end) if sentence.rfind(" ", start, end) > start else end
    return ("… " if start > 0 else "") + sentence[start:end].strip() + (" …" if end < len(sentence) else "")


def _newest_order(rs: list[Report]) -> list[int]:
    idx = sorted(range(len(rs)), key=lambda i: rs[i].path)
    return sorted(idx, key=lambda i: rs[i].issued, reverse=True)


# ------------------------------------------------------------------ home snippet

def write_home(out: Writer, items: list[Report]) -> None:
    """Included into content/index.md: links are relative to content/index.md."""
    here = "index.md"
    newest = newest_first(items)[:HOME_NEWEST]
    lines = ["## Báo cáo mới nhất", ""] + [report_line(here, r, show_province=True) for r in newest]
    lines += ["", f"[Tất cả {len(items)} báo cáo]({rel(here, 'reports/index.md')})", ""]
    provinces = Counter(r.province_slug for r in items)
    names = {r.province_slug: r.province or NO_PROVINCE_LABEL for r in items}
    lines += ["## Theo tỉnh, thành phố", "", " · ".join(
        f"{link(here, f'tinh/{s}.md', names[s])} ({provinces[s]})"
        for s in sorted(provinces, key=lambda s: (s == pages.NO_PROVINCE, s))), ""]
    p25 = Counter(r.province_2025 for r in items if r.province_2025)
    if p25:
        lines += ["Sau sáp nhập 2025: " + " · ".join(
            f"{link(here, f'tinh-2025/{cached_slug(p)}.md', p)} ({p25[p]})"
            for p in sorted(p25, key=lambda p: (cached_slug(p), p))), ""]
    agencies: Counter = Counter()
    agency_names: dict[str, Counter] = defaultdict(Counter)
    for r in items:
        for unit in dict.fromkeys(r.units):
            agencies[agency_slug(unit)] += 1
            agency_names[agency_slug(unit)][unit] += 1
    if agencies:
        top = sorted_counts(agencies)[:HOME_AGENCIES]
        lines += ["## Theo cơ quan", "", " · ".join(
            f"{link(here, f'co-quan/{s}.md', sorted_counts(agency_names[s])[0])} ({agencies[s]})" for s in top),
            "", f"[Tất cả {len(agencies)} cơ quan]({rel(here, 'co-quan/index.md')})", ""]
    types = Counter(r.type for r in items)
    lines += ["## Theo loại văn bản", "", " · ".join(
        f"[{esc(t)}]({rel(here, 'reports/index.md')}#{heading_id('loai', t)}) ({types[t]})"
        for t in sorted_counts(types)), ""]
    years = Counter(r.year for r in items)
    lines += ["## Theo năm", "", " · ".join(
        f"[{esc(y or 'Không rõ năm')}]({rel(here, year_page(y))}) ({years[y]})"
        for y in sorted(years, reverse=True))]
    out.write("_generated/home.md", "\n".join(lines) + "\n")
