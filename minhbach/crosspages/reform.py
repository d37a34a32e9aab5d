"""Administrative-reform figures (cai-cach-hanh-chinh/): a chart of the ratios and a table per kind."""
from __future__ import annotations

import html
from collections import defaultdict

from minhbach.crosspages.base import NO_PROVINCE_LABEL, Report, Writer, esc, front, heading_id, rel
from minhbach.crosspages.sections import KIND_LABELS, figure_rows, figures_table


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
    out = ['<figure class="mb-chart">',
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
