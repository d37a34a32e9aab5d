"""The home page's snippet (_generated/home.md, included into content/index.md)."""
from __future__ import annotations

from collections import Counter, defaultdict

from minhbach import pages
from minhbach.crosspages.base import (NO_PROVINCE_LABEL, Report, Writer, cached_slug, esc, heading_id, link,
                                      newest_first, rel, report_line, sorted_counts, year_page)
from minhbach.crosspages.agencies import agency_slug

HOME_NEWEST = 10
HOME_AGENCIES = 15


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
