"""Sections that several families' pages share: reports by year, the models and model
counts tables, the figures table."""
from __future__ import annotations

from collections import Counter

from converters import vocab
from converters.extract.models import COUNT_SCOPES

from minhbach.crosspages.base import (NO_PROVINCE_LABEL, Report, cell, esc, link, newest_first, period_key,
                                      province_slug, report_line, sorted_counts, source_label, year_id)

KIND_LABELS = {
    "tasks": "Nhiệm vụ cải cách hành chính",
    "score": "Điểm đánh giá",
    "share": "Tỷ lệ, mức độ bao phủ",
    "online_services": "Dịch vụ công trực tuyến",
    "reception": "Tiếp công dân",
    "complaints": "Khiếu nại, tố cáo",
}
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
