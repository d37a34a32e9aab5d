"""The open data as tables: reports.csv (columns from converters/fields.py), models.csv,
figures.csv and catalogue.json (see the package's docstring for the formats)."""
from __future__ import annotations

import csv
import io
import json
import re
from typing import Any

from converters import fields
from converters.extract.models import COUNT_SCOPES

from minhbach.crosspages.base import Report



REPORT_COLUMNS = fields.CSV_COLUMNS  # url, path, then each field's columns (converters/fields.py)
MODEL_COLUMNS = ("report_url", "link", "province", "province_2025", "issued", "year", "name", "unit",
                 "anchor", "sentence")
FIGURE_COLUMNS = ("report_url", "link", "province", "province_2025", "issued", "indicator", "indicator_label",
                  "kind", "unit", "scope", "agency", "part", "period", "period_start", "period_end", "value",
                  "number", "total", "comparison", "direction", "text", "anchor", "sentence")
NUMERIC = {"footnotes", "models", "figures", "number", "total"}



# ------------------------------------------------------------------ rows

def _join(values: Any) -> str:
    if values is None:
        return ""
    if isinstance(values, (list, tuple)):
        return "; ".join(_text(v) for v in values if v not in (None, ""))
    return _text(values)


def _text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, dict):
        return ", ".join(f"{k}: {v}" for k, v in value.items() if v not in (None, ""))
    return str(value)


def _signer(s: Any) -> str:
    if isinstance(s, dict):
        role, name = s.get("role"), s.get("name")
        return f"{role}: {name}" if role and name else str(role or name or "")
    return str(s)


def _field_cells(field: fields.Field, value: Any, r: Report) -> tuple[Any, ...]:
    """A front-matter value as the cells of its reports.csv columns, by the field's kind."""
    if field.kind == "period":
        period = value if isinstance(value, dict) else {}
        return period.get("label"), period.get("start"), period.get("end")
    if field.kind == "source":
        source = value if isinstance(value, dict) else {}
        return source.get("path"), source.get("sha256"), source.get("format")
    if field.kind == "signers":
        return (_join([_signer(s) for s in value or []]),)
    if field.kind == "list":
        return (_join(value),)
    if field.name == "models":
        return (len(r.models),)
    if field.name == "figures":
        return (len(r.figures),)
    if field.name == "model_counts":
        counts = value if isinstance(value, dict) else {}
        return tuple(counts.get(key) for key, _ in COUNT_SCOPES)
    return (value,)


def report_row(r: Report) -> dict[str, Any]:
    row: dict[str, Any] = {"url": r.url, "path": r.path}
    for name in fields.CSV_ORDER:
        field = fields.BY_NAME[name]
        row.update(zip(field.csv, _field_cells(field, r.fm.get(name), r), strict=True))
    return row


def _link(r: Report, item: dict[str, Any]) -> str:
    """The report page, at the paragraph or footnote the item came from."""
    return r.url + (f"#{item['anchor']}" if item.get("anchor") else "")


def model_rows(items: list[Report]) -> list[dict[str, Any]]:
    rows = []
    for r in items:
        for m in r.models:
            rows.append({"report_url": r.url, "link": _link(r, m),
                         "province": r.province, "province_2025": r.province_2025, "issued": r.issued or None,
                         "year": r.year or None, "name": m.get("name"), "unit": m.get("unit"),
                         "anchor": m.get("anchor"), "sentence": m.get("sentence")})
    return rows


_MONTH_END = {1: 31, 2: 28, 3: 31, 4: 30, 5: 31, 6: 30, 7: 31, 8: 31, 9: 30, 10: 31, 11: 30, 12: 31}


def _month_end(year: int, month: int) -> str:
    leap = month == 2 and year % 4 == 0 and (year % 100 != 0 or year % 400 == 0)
    return f"{year:04d}-{month:02d}-{_MONTH_END[month] + leap:02d}"


def period_bounds(label: str | None) -> tuple[str | None, str | None]:
    """ISO start and end of a figure's period label ("quý 1/2024" → 2024-01-01, 2024-03-31;
    "năm 2023 (đến tháng 10)" → 2023-01-01, 2023-10-31); (None, None) when not one of the
    shapes the figure extractor writes."""
    text = " ".join((label or "").lower().split())
    m = re.fullmatch(r"q(?:uý|úy) ([1-4])/(\d{4})", text)
    if m:
        q, y = int(m.group(1)), int(m.group(2))
        return f"{y}-{3 * q - 2:02d}-01", _month_end(y, 3 * q)
    m = re.fullmatch(r"(\d+) tháng (đầu|cuối) năm (\d{4})", text)
    if m:
        n, y = int(m.group(1)), int(m.group(3))
        if 1 <= n <= 12:
            return ((f"{y}-01-01", _month_end(y, n)) if m.group(2) == "đầu"
                    else (f"{y}-{13 - n:02d}-01", f"{y}-12-31"))
    m = re.fullmatch(r"năm (\d{4})(?: \(đến tháng (\d{1,2})\))?", text)
    if m:
        y = int(m.group(1))
        return f"{y}-01-01", (_month_end(y, int(m.group(2))) if m.group(2) else f"{y}-12-31")
    m = re.fullmatch(r"tháng (\d{1,2})/(\d{4})", text)
    if m and 1 <= int(m.group(1)) <= 12:
        y, mo = int(m.group(2)), int(m.group(1))
        return f"{y}-{mo:02d}-01", _month_end(y, mo)
    m = re.fullmatch(r"đến tháng (\d{1,2})/(\d{4})", text)
    if m and 1 <= int(m.group(1)) <= 12:
        return None, _month_end(int(m.group(2)), int(m.group(1)))
    return None, None


def figure_csv_rows(items: list[Report], site_url: str | None = None) -> list[dict[str, Any]]:
    """One row per figure. ``link``: the report page at the figure's paragraph, absolute when
    the site has an address (MINHBACH_SITE_URL), else relative to the site root."""
    from minhbach.crosspages.sections import indicator_label, text_fragment

    base = site_url.rstrip("/") + "/" if site_url else ""
    rows = []
    for r in items:
        period = r.fm.get("period") if isinstance(r.fm.get("period"), dict) else {}
        for f in r.figures:
            start, end = period_bounds(f.get("period"))
            if start is None and end is None and f.get("period") and f.get("period") == period.get("label"):
                start, end = period.get("start"), period.get("end")  # the report's own period
            rows.append({"report_url": base + r.url, "link": base + _link(r, f) + (text_fragment(f) if f.get("anchor") else ""),
                         "province": r.province, "province_2025": r.province_2025, "issued": r.issued or None,
                         "indicator": f.get("indicator"), "indicator_label": indicator_label(f.get("indicator")),
                         "kind": f.get("kind"), "unit": f.get("unit"), "scope": f.get("scope"),
                         "agency": f.get("agency"), "part": f.get("part"), "period": f.get("period"),
                         "period_start": start, "period_end": end, "value": f.get("value"),
                         "number": f.get("number"), "total": f.get("total"), "comparison": f.get("comparison"),
                         "direction": f.get("direction"), "text": f.get("text"),
                         "anchor": f.get("anchor"), "sentence": f.get("sentence")})
    return rows


def csv_cell(column: str, value: Any) -> str:
    if value is None:
        return ""
    if column in NUMERIC and isinstance(value, (int, float)) and not isinstance(value, bool):
        return repr(value) if isinstance(value, float) else str(value)
    text = _text(value)
    if text[:1] in ("=", "+", "-", "@", "\t", "\r"):
        text = "'" + text
    return text


def to_csv(columns: tuple[str, ...], rows: list[dict[str, Any]]) -> bytes:
    buf = io.StringIO(newline="")
    writer = csv.writer(buf, lineterminator="\r\n", quoting=csv.QUOTE_MINIMAL)
    writer.writerow(columns)
    for row in rows:
        writer.writerow([csv_cell(c, row.get(c)) for c in columns])
    return buf.getvalue().encode("utf-8-sig")


def catalogue(items: list[Report]) -> bytes:
    """{"reports": [...]} with one report per line: compact, and a diff shows what changed."""
    rows = [json.dumps({"url": r.url, "path": r.path,
                        **{k: v for k, v in r.fm.items() if k not in fields.NOT_IN_CATALOGUE}},
                       ensure_ascii=False, default=str,
                       separators=(",", ":")) for r in items]
    return ('{"reports":[\n' + ",\n".join(rows) + "\n]}\n").encode("utf-8")
