"""What every cross-page family shares: the reports as loaded from their front matter,
the writer, and the helpers that write escaped Markdown (links, cells, dates)."""
from __future__ import annotations

import posixpath
import re
from collections import Counter
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any, Iterable

from converters import vocab

from minhbach import pages

NO_PROVINCE_LABEL = "Trung ương và chưa rõ tỉnh"


# ------------------------------------------------------------------ text helpers

@lru_cache(maxsize=65536)
def cached_slug(text: str) -> str:
    """minhbach.pages.slugify, memoised: the same few names are slugged over and over."""
    return pages.slugify(text)


def province_slug(province: str | None) -> str:
    return cached_slug(province) if province else pages.NO_PROVINCE


# Characters Python-Markdown (with tables) unescapes after a backslash; others would
# show the backslash. "+", "-", "1." only start a list at the start of a line.
_ESCAPES = {**{c: "\\" + c for c in "\\`*_{}[]()#!|"}, "&": "&amp;", "<": "&lt;", ">": "&gt;"}
_SPECIAL = re.compile(r"[\\`*_{}\[\]()#!|&<>]")
_LINE_START = re.compile(r"^(?:([-+])(?=\s|$)|(\d+)(?=[.)](?:\s|$)))")


def esc(text: Any) -> str:
    """Report text as Markdown that renders as exactly that text (see _esc); memoised
    for strings: the same titles, names and dates are listed on many pages."""
    return _esc_str(text) if isinstance(text, str) else _esc(text)


def _esc(text: Any) -> str:
    """Report text as Markdown that renders as exactly that text (no markup, no HTML):
    & < > become entities; the characters Python-Markdown (with tables) unescapes after a
    backslash get one (others would show it); "+", "-", "1." are escaped only at the start,
    where they would start a list."""
    if text is None:
        return ""
    text = _SPECIAL.sub(lambda m: _ESCAPES[m.group()], " ".join(str(text).split()))
    if text[:1] in "-+0123456789" and text:
        text = _LINE_START.sub(lambda m: "\\" + m.group(1) if m.group(1) else m.group(2) + "\\", text)
    return text


_esc_str = lru_cache(maxsize=1 << 17)(_esc)


def cell(text: Any) -> str:
    """Escaped text for a table cell (never empty, so the table keeps its shape)."""
    out = esc(text)
    return out if out else "—"


def rel(from_page: str, to_page: str) -> str:
    """Relative link from one docs-dir page to another (POSIX paths, .md sources, no "..")."""
    to_page, hash_, anchor = to_page.partition("#")
    src = from_page.split("/")[:-1]
    dst = to_page.split("/")
    common = 0
    while common < len(src) and common < len(dst) - 1 and src[common] == dst[common]:
        common += 1
    out = "/".join([".."] * (len(src) - common) + dst[common:]) or "."
    return out + hash_ + anchor


def link(from_page: str, to_page: str, text: Any) -> str:
    return f"[{esc(text) or '—'}]({rel(from_page, to_page)})"


def fmt_date(iso: str | None) -> str:
    """ISO as precise as known → Vietnamese display: 10/05/2018, 05/2024, 2023."""
    if not iso:
        return ""
    parts = str(iso).split("-")
    return "/".join(reversed(parts))


def front(page_kind: str, title: str, **extra: Any) -> str:
    from converters.frontmatter import dump_yaml

    data = {"page_kind": page_kind, "title": title, **extra}
    return f"---\n{dump_yaml(data)}---\n"


def heading_id(prefix: str, text: str) -> str:
    return f"{prefix}-{cached_slug(text) or 'khac'}"


# ------------------------------------------------------------------ the reports

@dataclass
class Report:
    path: str  # docs-dir relative .md source
    fm: dict[str, Any]
    title: str = ""
    type: str = ""
    issued: str = ""
    year: str = ""
    province: str | None = None
    province_2025: str | None = None
    units: tuple[str, ...] = ()
    cites: tuple[str, ...] = ()
    models: list[dict] = field(default_factory=list)
    figures: list[dict] = field(default_factory=list)

    @property
    def url(self) -> str:
        """Site-relative URL (use_directory_urls)."""
        return url_of(self.path)

    @property
    def province_slug(self) -> str:
        return province_slug(self.province)


def url_of(path: str) -> str:
    if path.endswith("/index.md") or path == "index.md":
        return path[:-len("index.md")]
    return path[:-3] + "/"


def _list(value: Any) -> list:
    if value is None:
        return []
    if isinstance(value, (list, tuple)):
        return list(value)
    return [value]


def load(reports: Iterable[tuple[str, dict[str, Any]]]) -> list[Report]:
    out = []
    for path, fm in reports:
        fm = fm or {}
        issued = str(fm.get("issued") or "")
        out.append(Report(
            path=path, fm=fm,
            title=str(fm.get("title") or fm.get("number") or posixpath.basename(path)[:-3]),
            type=str(fm.get("type") or "Chưa rõ loại"),
            issued=issued, year=issued[:4],
            province=fm.get("province") or None, province_2025=fm.get("province_2025") or None,
            units=tuple(str(u) for u in _list(fm.get("units")) if u),
            cites=tuple(str(c) for c in _list(fm.get("cites")) if c),
            models=[m for m in _list(fm.get("models")) if isinstance(m, dict) and m.get("name")],
            figures=[f for f in _list(fm.get("figures")) if isinstance(f, dict) and f.get("value")],
        ))
    out.sort(key=lambda r: r.path)
    return out


def newest_first(reports: Iterable[Report]) -> list[Report]:
    """Newest issued first; unknown dates last; ties by page path."""
    by_path = sorted(reports, key=lambda r: r.path)
    return sorted(by_path, key=lambda r: r.issued, reverse=True)  # stable: ties keep path order


def source_label(r: Report) -> str:
    """Short link text for a source column: type and date ("Báo cáo 10/05/2018")."""
    return f"{r.type} {fmt_date(r.issued)}".strip()


def report_line(page: str, r: Report, show_province: bool = False) -> str:
    bits = [esc(r.type)]
    if r.fm.get("number"):
        bits.append(f"số {esc(r.fm['number'])}")
    if r.issued:
        bits.append(esc(fmt_date(r.issued)))
    if show_province:
        bits.append(esc(r.province or NO_PROVINCE_LABEL))
    return f"- {link(page, r.path, r.title)} — {' · '.join(bits)}"


def period_key(label: str | None) -> tuple:
    """Chronological key of a period label ("quý 1/2024" < "6 tháng đầu năm 2024" < "năm 2024")."""
    text = vocab.fold_key(label or "")
    years = re.findall(r"(?<!\d)(19\d\d|20\d\d)(?!\d)", text)
    year = int(years[-1]) if years else 0
    m = re.search(r"quý\s*(\d)|qúy\s*(\d)", text)
    if m:
        sub = int(m.group(1) or m.group(2)) * 3
    elif re.search(r"6 tháng đầu", text):
        sub = 6
    elif (m := re.search(r"đến tháng (\d+)", text)):
        sub = int(m.group(1))
    else:
        sub = 12
    return (year, sub, text)


# ------------------------------------------------------------------ writing

class Writer:
    def __init__(self, docs_dir: Path):
        self.docs_dir = docs_dir
        self.written: list[str] = []

    def write(self, path: str, text: str) -> None:
        target = self.docs_dir / path
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(text, encoding="utf-8", newline="\n")
        self.written.append(path)


def year_page(year: str | None) -> str:
    return f"{pages.REPORTS_DIR}/{year_id(year)}.md"


def year_label(year: str | None) -> str:
    return f"Năm {year}" if year else "Không rõ năm"


def year_id(year: str | None) -> str:
    return f"nam-{year}" if year else "nam-khong-ro"


def sorted_counts(counter: Counter) -> list:
    """Most frequent first, then by the key's slug and the key itself."""
    return sorted(counter, key=lambda k: (-counter[k], cached_slug(str(k)), str(k)))
