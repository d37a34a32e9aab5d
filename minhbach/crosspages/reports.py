"""reports/index.md (years and types with counts) and one page per year, reports/nam-<year>.md."""
from __future__ import annotations

from collections import Counter, defaultdict

from minhbach import pages
from minhbach.crosspages.base import (Report, Writer, esc, front, heading_id, newest_first, rel, link, report_line,
                                      sorted_counts, year_label, year_page)


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
