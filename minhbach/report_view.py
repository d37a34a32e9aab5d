"""What a report page shows from its front matter: the metadata panel's rows and the
search attributes, both from the field registry (converters/fields.py), formatted for
the templates (plain text: templates escape)."""
from __future__ import annotations

import datetime as _dt

import functools
import posixpath
import re
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from typing import Any

from markupsafe import Markup

from converters import fields
from converters.text.vietnamese import fast_slugify as slugify

from .display import format_date

ORIGINALS_DIR = "nguon"


# ------------------------------------------------------------ metadata formats

def iso_date(value: Any) -> str | None:
    if value is None or value == "":
        return None
    if isinstance(value, _dt.date):
        return value.isoformat()
    return str(value)


def format_period(period: Any) -> str | None:
    if not period:
        return None
    if isinstance(period, str):
        return period
    label = period.get("label")
    if label:
        return str(label)
    start, end = format_date(period.get("start")), format_date(period.get("end"))
    if start and end:
        return f"từ {start} đến {end}"
    return start or end


def format_signer(signer: Any) -> str | None:
    if isinstance(signer, str):
        return signer
    if not isinstance(signer, dict):
        return None
    role, name = signer.get("role"), signer.get("name")
    if role and name:
        return f"{role}: {name}"
    return role or name


def safe_source_path(path: Any) -> str | None:
    """``source.path`` if it is a plain relative POSIX path inside sources/, else None."""
    if not isinstance(path, str) or not path or "\\" in path or "\x00" in path:
        return None
    pure = PurePosixPath(path)
    if pure.is_absolute() or ".." in pure.parts or path.startswith("~"):
        return None
    if re.match(r"^[A-Za-z]:", path):
        return None
    norm = posixpath.normpath(path)
    return norm if norm not in (".", "") else None


@dataclass(frozen=True)
class Link:
    text: str
    href: str | None  # relative to the site root, no leading slash


def _list(value: Any) -> list:
    if value is None:
        return []
    if isinstance(value, (list, tuple)):
        return [v for v in value if v not in (None, "")]
    return [value]


@dataclass(frozen=True)
class PanelRow:
    """One row of the metadata panel, from its field in converters/fields.py (label,
    display, the text when empty); every string is plain text (templates escape)."""

    name: str  # the field; the row's CSS class is mb-meta__<name with - for _>
    label: str
    display: str  # fields.DISPLAYS
    values: tuple[Link, ...]
    none: str | None  # shown when there is no value
    datetime: str | None = None  # display "date": the ISO value
    suffix: str | None = None  # display "date": the place

    @property
    def css(self) -> str:
        return "date" if self.name == "issued" else self.name.replace("_", "-")


@dataclass(frozen=True)
class ReportView:
    """What the report page shows besides its text; every string is plain text."""

    rows: tuple[PanelRow, ...]  # the metadata panel, in fields.PANEL order
    number: str | None  # None → "chưa ghi số"
    cites: tuple[Link, ...]
    original: str | None  # site-relative URL of the original file
    original_name: str | None
    original_format: str | None


@functools.lru_cache(maxsize=1)
def topic_labels() -> dict[str, str]:
    """Topic code → Vietnamese label, from converters/data/vocabulary.yaml."""
    import converters
    import yaml

    path = Path(converters.__file__).parent / "data" / "vocabulary.yaml"
    try:
        topics = (yaml.safe_load(path.read_text(encoding="utf-8")) or {}).get("topics") or {}
    except OSError:
        return {}
    return {str(code): str(v.get("label") or code) for code, v in topics.items() if isinstance(v, dict)}


def _topic_label(code: str) -> str:
    return topic_labels().get(code, code)


TOPIC_PAGES = {"dan-van-kheo": "dan-van-kheo/", "cai-cach-hanh-chinh": "cai-cach-hanh-chinh/"}


@dataclass(frozen=True)
class SearchSpan:
    """One hidden element of overrides/partials/search-attrs.html: Pagefind reads a filter,
    meta or sort value from it (attrs: ((data-pagefind-filter, "tinh"), …))."""

    attrs: tuple[tuple[str, str], ...]
    text: str


def search_spans(meta: dict[str, Any]) -> tuple[SearchSpan, ...]:
    """A report page's Pagefind filters, meta and sort values, from the fields' search names
    (converters/fields.py SEARCH): a list gives one filter element per value and one meta
    element with the values joined by "; "; a date gives its year as the filter value."""
    spans: list[SearchSpan] = []
    for field in fields.SEARCH:
        # plain text (the hooks turn page titles into escaped Markup; the template escapes)
        values = [v.unescape() if isinstance(v, Markup) else str(v) for v in _list(meta.get(field.name))]
        if not values:
            continue
        if field.kind == "list":
            spans += [SearchSpan((("data-pagefind-filter", field.search_filter),), v)
                      for v in values if field.search_filter]
            if field.search_meta:
                spans.append(SearchSpan((("data-pagefind-meta", field.search_meta),), "; ".join(values)))
        elif field.kind == "date":
            if field.search_filter:
                spans.append(SearchSpan((("data-pagefind-filter", field.search_filter),), values[0][:4]))
            spans += [SearchSpan(((attr, name),), values[0]) for attr, name in
                      (("data-pagefind-meta", field.search_meta), ("data-pagefind-sort", field.search_sort)) if name]
        else:
            attrs = tuple((attr, name) for attr, name in (("data-pagefind-filter", field.search_filter),
                                                          ("data-pagefind-meta", field.search_meta)) if name)
            spans.append(SearchSpan(attrs, values[0]))
    return tuple(spans)


def _panel_values(field: fields.Field, meta: dict[str, Any]) -> tuple[Link, ...]:
    """A field's values as the panel shows them: formatted by its kind, linked to its
    cross-page (``link_to``); topics by their label and page."""
    value = meta.get(field.name)
    if field.name == "topics":
        return tuple(Link(_topic_label(str(t)), TOPIC_PAGES.get(str(t))) for t in _list(value))
    if field.name == "number":
        from .report_page import number_text

        text = number_text(meta)  # a draft's known ký hiệu: "…/BC-STTTT (chưa ghi số)"
        return (Link(text, None),) if text else ()
    if field.kind == "date":
        texts = [format_date(value)]
    elif field.kind == "period":
        texts = [format_period(value)]
    elif field.kind == "signers":
        texts = [format_signer(x) for x in _list(value)]
    else:
        texts = [str(v) for v in _list(value)]
    return tuple(Link(text, f"{field.link_to}/{slugify(text)}/" if field.link_to else None)
                 for text in texts if text)


def report_view(meta: dict[str, Any]) -> ReportView:
    source = meta.get("source") or {}
    src_path = safe_source_path(source.get("path")) if isinstance(source, dict) else None
    rows = []
    for field in fields.PANEL:
        values = _panel_values(field, meta)
        if not values and field.none is None:
            continue
        date = field.display == "date"
        rows.append(PanelRow(field.name, field.label or "", field.display, values, field.none,
                             datetime=iso_date(meta.get(field.name)) if date else None,
                             suffix=(meta.get("place") or None) if date else None))
    return ReportView(
        rows=tuple(rows),
        number=meta.get("number") or None,
        cites=tuple(Link(str(c), f"van-ban/{slugify(str(c))}/") for c in _list(meta.get("cites"))),
        original=f"{ORIGINALS_DIR}/{src_path}" if src_path else None,
        original_name=PurePosixPath(src_path).name if src_path else None,
        original_format=(source.get("format") if isinstance(source, dict) else None) or None,
    )
