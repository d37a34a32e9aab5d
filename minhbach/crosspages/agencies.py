"""Issuing agencies (co-quan/): one page per agency, reports by year."""
from __future__ import annotations

from collections import Counter, defaultdict

from converters import vocab

from minhbach.crosspages.base import (NO_PROVINCE_LABEL, Report, Writer, cached_slug, esc, front, link, rel,
                                      sorted_counts)
from minhbach.crosspages.sections import reports_by_year


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
