"""Reform and "dân vận" figures (cai-cach-hanh-chinh/): one section per indicator of the closed
list (its definition, a chart, a table by province / agency / period).

A chart compares only like with like: one indicator, one unit, one kind, totals only (a
breakdown such as "tiếp định kỳ" is in the table, not beside its total), values that are
one number (a range "50% - 60%" and a stated change are in the table only). Shares are drawn
on 0–100 %, counts and scores from 0 to the largest value. Numbers are written the
Vietnamese way (90,58%, 1.580).

The SVG is drawn for a phone: a 340-unit-wide viewBox shown at the column's width (at most
560 px), so on a 390 px screen (about 358 px of column) a 13-unit label renders at ≥ 12 px;
each bar's label sits on its own line above the bar, its value right after the bar. One bar per
province and agency (its latest period), the largest values first, at most MAX_BARS.
"""
from __future__ import annotations

import html
from collections import defaultdict

from converters import vocab

from minhbach.crosspages.base import NO_PROVINCE_LABEL, Report, Writer, esc, front, period_key, province_slug, rel
from minhbach.crosspages.sections import (KIND_LABELS, figure_rows, figures_table, indicator_anchor,
                                          indicator_label, vn_number)

VIEW_W = 340  # SVG user units; shown at 100 % of the column, max MAX_W px
MAX_W = 560
FONT = 13  # label size in user units: ≥ 12 px once scaled to a 358 px column
MAX_BARS = 30  # a chart shows at most this many bars (the table below has every figure)
LABEL_CHARS = 46  # a longer label is cut with "…" (the full one is the bar's <title>)


def chart_value(f: dict) -> float | None:
    """The number a bar shows, or None when the figure is not one comparable value."""
    number = f.get("number")
    if not isinstance(number, (int, float)) or f.get("kind") == "change" or f.get("part"):
        return None
    return float(number)


def value_label(f: dict, value: float) -> str:
    unit = f.get("unit")
    text = vn_number(value)
    if unit == "%":
        return text + "%"
    total = f.get("total")
    if isinstance(total, (int, float)):
        text += "/" + vn_number(total)
    return f"{text} {unit}" if unit and unit != "hạng" else (f"hạng {text}" if unit == "hạng" else text)


def bar_chart(bars: list[tuple[str, float, str]], title: str, desc: str, chart_id: str, top: float) -> str:
    """bars: (label, value, value label). A static, accessible inline SVG."""
    row_h, bar_h, pad = 40, 14, 6
    height = pad + len(bars) * row_h + 4
    plot_w = VIEW_W - 90  # room for the value label after the longest bar
    t_id, d_id = f"{chart_id}-title", f"{chart_id}-desc"
    out = ['<figure class="mb-chart">',
           f'<svg xmlns="http://www.w3.org/2000/svg" role="img" aria-labelledby="{t_id} {d_id}" '
           f'viewBox="0 0 {VIEW_W} {height}" width="100%" preserveAspectRatio="xMinYMin meet" '
           f'style="max-width:{MAX_W}px;height:auto">',
           f'<title id="{t_id}">{html.escape(title)}</title>',
           f'<desc id="{d_id}">{html.escape(desc)}</desc>']
    for i, (label, value, shown) in enumerate(bars):
        y = pad + i * row_h
        w = plot_w * max(0.0, min(value, top)) / top if top > 0 else 0.0
        short = label if len(label) <= LABEL_CHARS + 8 else label[:LABEL_CHARS + 7] + "…"
        out.append(f'<g><title>{html.escape(label)}: {html.escape(shown)}</title>'
                   f'<text x="0" y="{y + FONT}" font-size="{FONT}" fill="currentColor">{html.escape(short)}</text>'
                   f'<rect x="0" y="{y + FONT + 4}" width="{w:.1f}" height="{bar_h}" fill="#c62828"/>'
                   f'<text x="{w + 4:.1f}" y="{y + FONT + 4 + bar_h - 2}" font-size="{FONT}" '
                   f'fill="currentColor">{html.escape(shown)}</text></g>')
    out += ["</svg>", f"<figcaption>{html.escape(title)}. Số liệu đầy đủ ở bảng bên dưới.</figcaption>",
            "</figure>"]
    return "".join(out[:-2]) + "\n" + "\n".join(out[-2:])


def bar_label(r: Report, f: dict) -> str:
    """"Sở Ngoại vụ tỉnh Kiên Giang · quý 1/2024": who (the province named when the agency's
    name does not say it), then the period, which is never cut."""
    who = str(f.get("agency") or r.province or NO_PROVINCE_LABEL)
    if f.get("agency") and r.province and r.province not in who:
        who = f"{r.province} · {who}"
    period = str(f.get("period") or "")
    room = LABEL_CHARS - (len(period) + 3 if period else 0)
    if len(who) > room:
        who = who[:max(room - 1, 8)] + "…"
    return f"{who} · {period}" if period else who


def _charts(ind_id: str, rows: list[tuple[Report, int, dict]]) -> list[str]:
    """One chart per unit of the indicator (like with like)."""
    by_unit: dict[tuple[str, str], list] = defaultdict(list)
    for r, i, f in rows:
        value = chart_value(f)
        if value is not None:
            by_unit[(str(f.get("unit") or ""), str(f.get("kind") or ""))].append((r, f, value))
    lines: list[str] = []
    for n, ((unit, kind), items) in enumerate(sorted(by_unit.items())):
        latest: dict[tuple, tuple] = {}  # one bar per province and agency: its latest period
        for r, f, value in items:
            key = (r.province, f.get("agency"))
            if key not in latest or period_key(f.get("period")) > period_key(latest[key][1].get("period")):
                latest[key] = (r, f, value)
        shown_items = sorted(latest.values(), key=lambda x: (-x[2], province_slug(x[0].province), x[0].path))
        cut = len(shown_items) > MAX_BARS
        items = shown_items[:MAX_BARS]
        bars = []
        for r, f, value in items:
            label = bar_label(r, f)
            bars.append((label, value, value_label(f, value)))
        if unit == "%":
            top = 100.0
        else:
            top = max([v for _, v, _ in bars] + [float(f["total"]) for _, f, _ in items
                                                   if isinstance(f.get("total"), (int, float))])
        name = indicator_label(ind_id)
        unit_text = "phần trăm" if unit == "%" else (unit or "không rõ đơn vị")
        lines += [bar_chart(bars, f"{name} ({unit_text})",
                            f"{len(bars)} giá trị của cùng chỉ tiêu, cùng đơn vị ({unit_text}; "
                            f"{KIND_LABELS.get(kind, kind).lower()}), theo tỉnh hoặc cơ quan và kỳ báo cáo; "
                            "kỳ gần nhất của mỗi tỉnh, cơ quan"
                            + (f", {MAX_BARS} giá trị lớn nhất" if cut else "")
                            + "; không gồm số liệu chi tiết (một phần của tổng), khoảng giá trị và mức thay đổi.",
                            f"bieu-do-{indicator_anchor(ind_id)}" + (f"-{n + 1}" if n else ""), top), ""]
    return lines


def write_figures(out: Writer, items: list[Report]) -> None:
    page = "cai-cach-hanh-chinh/index.md"
    rows = figure_rows(items)
    lines = [front("cai-cach-hanh-chinh", "Số liệu cải cách hành chính và dân vận"),
             "# Số liệu cải cách hành chính và dân vận", "",
             f"{len(rows)} số liệu trích từ các báo cáo, xếp theo **chỉ tiêu** (danh mục đóng: mỗi chỉ tiêu "
             "có định nghĩa và đơn vị). Biểu đồ chỉ so sánh cùng một chỉ tiêu, cùng một đơn vị; số liệu chi tiết "
             "(một phần của tổng), khoảng giá trị và mức tăng giảm chỉ có trong bảng. Giá trị giữ nguyên như văn "
             "bản ghi; mỗi dòng dẫn tới đoạn văn chứa số liệu. "
             f"Tải về: [figures.csv]({rel(page, 'du-lieu/figures.csv')}) "
             f"(mô tả các cột ở trang [dữ liệu mở]({rel(page, 'du-lieu/index.md')})).", ""]
    groups: dict[str, list] = defaultdict(list)
    for row in rows:
        groups[str(row[2].get("indicator") or vocab.OTHER_INDICATOR)].append(row)
    present = [ind.id for ind in vocab.indicators() if ind.id in groups]
    present += sorted(k for k in groups if k not in present)
    if present:
        lines += ["Chỉ tiêu có số liệu: " + "; ".join(
            f"[{esc(indicator_label(k))}](#{indicator_anchor(k)}) ({len(groups[k])})" for k in present) + ".", ""]
    for ind_id in present:
        ind = vocab.indicator_by_id().get(ind_id)
        lines += ["", f"## {esc(indicator_label(ind_id))} {{ #{indicator_anchor(ind_id)} }}", ""]
        if ind:
            unit = "phần trăm (%)" if ind.unit == "%" else ind.unit
            lines += [f"{esc(ind.definition)} Đơn vị: {esc(unit)}; loại: {esc(KIND_LABELS[ind.kind].lower())}.", ""]
        else:
            lines += ["Số liệu trong đoạn văn về cải cách hành chính, dân vận nhưng chưa thuộc chỉ tiêu nào của "
                      "danh mục: giữ nguyên cùng lời văn, không xếp vào chỉ tiêu.", ""]
        lines += _charts(ind_id, groups[ind_id]) if ind else []
        lines += figures_table(page, groups[ind_id], show_indicator=False)
    if not rows:
        lines += figures_table(page, rows)
    out.write(page, "\n".join(lines) + "\n")

