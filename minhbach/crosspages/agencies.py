"""Issuing agencies (co-quan/): one page per agency, reports by year."""
from __future__ import annotations

from collections import Counter, defaultdict

from converters import vocab

from minhbach.crosspages.base import (NO_PROVINCE_LABEL, Report, Writer, cached_slug, esc, front, link, period_key,
                                      rel, sorted_counts)
from minhbach.crosspages.sections import figures_by_indicator, indicator_order, reports_by_year


def agency_slug(unit: str) -> str:
    """Same slug as the report page's unit links (co-quan/<slugify(unit)>/)."""
    return cached_slug(unit) or "co-quan"


def figures_naming(items: list[Report], slugs: set[str]) -> dict[str, list[tuple[Report, int, dict]]]:
    """Figures about a named agency ("Sở Ngoại vụ đạt 34,34/100 điểm"), by the agency page's slug."""
    out: dict[str, list] = defaultdict(list)
    for r in items:
        for i, f in enumerate(r.figures):
            if f.get("scope") == "agency" and f.get("agency"):
                names = [str(f["agency"])] + ([f"{f['agency']} tỉnh {r.province}"] if r.province else [])
                for name in names:
                    if agency_slug(name) in slugs:
                        out[agency_slug(name)].append((r, i, f))
                        break
    return out


def own_figures(slug: str, rs: list[Report], named: list) -> list[tuple[Report, int, dict]]:
    """The agency's own figures: those of its reports about itself or its whole remit (not about
    another agency or a commune), then figures other reports give about it by name."""
    rows = [(r, i, f) for r in rs for i, f in enumerate(r.figures)
            if f.get("scope") in (None, "reporter", "province")
            and (f.get("scope") != "reporter" or agency_slug(str(f.get("agency") or "")) in (slug, "co-quan"))]
    seen = {(r.path, i) for r, i, _ in rows}
    rows += [x for x in named if (x[0].path, x[1]) not in seen]
    return figure_rows_of(rows)


def figure_rows_of(rows: list[tuple[Report, int, dict]]) -> list[tuple[Report, int, dict]]:
    order = indicator_order()
    return sorted(rows, key=lambda x: (order.get(str(x[2].get("indicator") or ""), len(order)),
                                       period_key(x[2].get("period")), x[0].path, x[1]))


def write_agencies(out: Writer, items: list[Report]) -> None:
    groups: dict[str, list[Report]] = defaultdict(list)
    names: dict[str, Counter] = defaultdict(Counter)
    for r in items:
        for unit in r.units:
            names[agency_slug(unit)][unit] += 1
        for slug in dict.fromkeys(agency_slug(u) for u in r.units):
            groups[slug].append(r)
    label = {slug: sorted_counts(c)[0] for slug, c in names.items()}
    named = figures_naming(items, set(groups))
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
        own = own_figures(slug, rs, named.get(slug, []))
        if own:
            lines += ["", "## Số liệu của cơ quan", "",
                      "Số liệu về chính cơ quan: trong báo cáo của cơ quan (trừ số liệu về một cơ quan, xã khác) "
                      "và trong báo cáo khác có nêu tên cơ quan."] + \
                figures_by_indicator(page, own, show_province=len(provs) > 1)
        out.write(page, "\n".join(lines) + "\n")
