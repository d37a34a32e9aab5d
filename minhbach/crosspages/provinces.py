"""Provinces at issue (tinh/) and after the 2025 merger (tinh-2025/)."""
from __future__ import annotations

from collections import Counter, defaultdict

from converters import vocab

from minhbach import pages
from minhbach.crosspages.base import (NO_PROVINCE_LABEL, Report, Writer, cached_slug, esc, front, link,
                                      province_slug, rel)
from minhbach.crosspages.sections import figure_rows, figures_table, model_counts_table, models_table, reports_by_year


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
