"""Sections that several families' pages share: reports by year, the models and model
counts tables, the figures table."""
from __future__ import annotations

from collections import Counter

from converters import vocab
from converters.extract.models import COUNT_SCOPES

from minhbach.crosspages.base import (NO_PROVINCE_LABEL, Report, cached_slug, cell, esc, figure_excerpt, link,
                                      newest_first, period_key, province_slug, report_line, sorted_counts,
                                      source_label, year_id)

KIND_LABELS = {
    "count": "Số lượng",
    "share": "Tỷ lệ",
    "score": "Điểm",
    "rank": "Xếp hạng",
    "change": "Thay đổi so với kỳ trước",
}
SCOPE_LABELS = {"province": "Toàn tỉnh", "reporter": "Cơ quan báo cáo", "agency": "Cơ quan được nêu",
                "commune": "Xã, phường"}
COUNT_LABELS = {"government": "Khối chính quyền", "province_total": "Toàn tỉnh"}


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
        target = model_target(r, m)
        prov = f"{cell(r.province or NO_PROVINCE_LABEL)} | " if show_province else ""
        lines.append(f"| “{esc(m['name'])}” | {prov}{cell(m.get('unit'))} | {cell(r.year)} | "
                     f"{link(page, target, source_label(r))} |")
    return lines


def model_target(r: Report, m: dict) -> str:
    """The report's paragraph naming model ``m``, with ``?danh-dau=<name>``: the page
    (content/assets/site.js) marks the name there and scrolls to it."""
    from urllib.parse import quote

    mark = f"?danh-dau={quote(str(m['name']), safe='')}"
    return r.path + mark + (f"#{m['anchor']}" if m.get("anchor") else "")


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


def indicator_order() -> dict[str, int]:
    """Indicators in vocabulary order, "khac" last."""
    order = {ind.id: i for i, ind in enumerate(vocab.indicators())}
    order[vocab.OTHER_INDICATOR] = len(order)
    return order


def indicator_label(indicator_id: str | None) -> str:
    ind = vocab.indicator_by_id().get(str(indicator_id or ""))
    return ind.label if ind else "Số liệu khác (chưa thuộc danh mục chỉ tiêu)"


def indicator_anchor(indicator_id: str | None) -> str:
    """Heading id of an indicator's section: the Vietnamese slug of its label."""
    return cached_slug(indicator_label(indicator_id)) or "so-lieu"


def figure_rows(rs: list[Report]) -> list[tuple[Report, int, dict]]:
    """(report, index, figure): by indicator, then province, period, agency, page."""
    order = indicator_order()
    rows = [(r, i, f) for r in rs for i, f in enumerate(r.figures)]
    rows.sort(key=lambda x: (order.get(str(x[2].get("indicator") or vocab.OTHER_INDICATOR), len(order)),
                             province_slug(x[0].province), period_key(x[2].get("period")),
                             str(x[2].get("agency") or ""), x[0].path, x[1]))
    return rows


def vn_number(x: float | int) -> str:
    """A number in Vietnamese format: 1.580, 90,58."""
    if isinstance(x, float) and not x.is_integer():
        whole, _, frac = f"{x:.2f}".rstrip("0").partition(".")
        return f"{int(whole):,}".replace(",", ".") + ("," + frac if frac else "")
    return f"{int(x):,}".replace(",", ".")


def shown_value(f: dict) -> str:
    """The value as written, with its unit when the text did not carry it ("4.340 lượt")."""
    value, unit = str(f.get("value") or ""), f.get("unit")
    if not unit or unit == "%" or value.endswith("%"):
        return value if unit != "%" or value.endswith("%") else value + "%"
    return f"{value} {unit}"


def scope_text(f: dict) -> str:
    label = SCOPE_LABELS.get(str(f.get("scope") or ""), "")
    agency = f.get("agency")
    return f"{agency}" if agency else (label or "—")


def text_fragment(f: dict) -> str:
    """A text fragment (":~:text=start,end") that highlights the figure's clause where the
    browser supports it; others land on the paragraph (highlighted by site.css)."""
    from urllib.parse import quote

    words = str(f.get("text") or "").split()
    if len(words) < 2:
        return ""
    start, end = " ".join(words[:4]), " ".join(words[-3:]) if len(words) > 7 else ""
    enc = lambda t: quote(t, safe="")  # noqa: E731
    return ":~:text=" + enc(start) + ("," + enc(end) if end else "")


def figure_target(r: Report, f: dict) -> str:
    """The report page at the figure's paragraph (highlighted by site.css :target)."""
    if not f.get("anchor"):
        return r.path
    return f"{r.path}#{f['anchor']}"


def figures_table(page: str, rows: list[tuple[Report, int, dict]], show_province: bool = True,
                  show_indicator: bool = True) -> list[str]:
    if not rows:
        return ["Chưa có số liệu nào được trích từ các báo cáo."]
    head = "| " + ("Tỉnh | " if show_province else "") + ("Chỉ tiêu | " if show_indicator else "") + \
        "Về | Kỳ | Giá trị | So sánh | Nội dung | Nguồn |"
    lines = [head, "|" + "---|" * (6 + show_province + show_indicator)]
    for r, _, f in rows:
        prov = f"{cell(r.province or NO_PROVINCE_LABEL)} | " if show_province else ""
        ind = f"{cell(indicator_label(f.get('indicator')))} | " if show_indicator else ""
        who = scope_text(f) + (f" ({f['part']})" if f.get("part") else "")
        lines.append(f"| {prov}{ind}{cell(who)} | {cell(f.get('period'))} | **{esc(shown_value(f))}** | "
                     f"{cell(f.get('comparison'))} | {cell(figure_excerpt(f))} | "
                     f"{link(page, figure_target(r, f), source_label(r))} |")
    return lines


def figures_by_indicator(page: str, rows: list[tuple[Report, int, dict]], level: int = 3,
                         show_province: bool = False) -> list[str]:
    """One sub-section per indicator, its figures in period order (a province's or an
    agency's indicators over time)."""
    if not rows:
        return ["Chưa có số liệu nào được trích từ các báo cáo."]
    groups: dict[str, list] = {}
    for row in rows:
        groups.setdefault(str(row[2].get("indicator") or vocab.OTHER_INDICATOR), []).append(row)
    order = indicator_order()
    lines: list[str] = []
    for ind in sorted(groups, key=lambda k: (order.get(k, len(order)), k)):
        rs = sorted(groups[ind], key=lambda x: (period_key(x[2].get("period")), x[0].path, x[1]))
        lines += ["", f"{'#' * level} {esc(indicator_label(ind))} {{ #{indicator_anchor(ind)} }}", ""]
        lines += figures_table(page, rs, show_province=show_province, show_indicator=False)
    return lines
