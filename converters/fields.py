"""The front-matter contract as data: every field of a report page, declared once.

Each Field says what the field holds (``kind``), whether a ``.meta.yaml`` sidecar may
set it, whether it is left out of the front matter when empty, the columns it fills in
``reports.csv``, its label on the report page's metadata panel, and its names in the
search index (Pagefind filter / meta). The serialiser (converters/frontmatter.py), the
sidecar validation (converters/sidecar.py), the open data (minhbach/crosspages/opendata/)
and the data dictionary iterate FIELDS; adding a field is adding a line here (and the
Document attribute it reads).

Kinds: ``text`` (one string), ``list`` (strings), ``date`` (ISO as precise as known:
YYYY, YYYY-MM, YYYY-MM-DD), ``period`` ({label, start, end}), ``signers`` ([{role,
name}]), ``count`` (an integer), ``source`` ({path, sha256, format, ocr}) and
``extracted`` (lists the converter reads from the text: models, figures …; never set by
hand).
"""
from __future__ import annotations

from dataclasses import dataclass

KINDS = ("text", "list", "date", "period", "signers", "count", "source", "extracted")
DISPLAYS = ("text", "link", "links", "inline", "list", "fold", "date")


@dataclass(frozen=True)
class Field:
    name: str
    kind: str
    sidecar: bool = False  # a .meta.yaml may set it
    optional: bool = False  # left out of the front matter when empty
    csv: tuple[str, ...] = ()  # reports.csv columns it fills, in order
    label: str | None = None  # metadata panel label (Vietnamese); None: not a panel row
    # how the panel shows it: "text" | "link" (one value linking to its cross-page) | "links"
    # (a list of links) | "inline" (links on one line) | "list" | "fold" (a list folded under
    # a count) | "date" (a <time>, with the place after it)
    display: str = "text"
    link_to: str | None = None  # cross-page folder its values link to (co-quan/<slug>/ …)
    none: str | None = None  # shown when empty; None: the row is left out when empty
    search_filter: str | None = None  # Pagefind filter name
    search_meta: str | None = None  # Pagefind meta name
    search_sort: str | None = None  # Pagefind sort name
    catalogue: bool = True  # written to du-lieu/catalogue.json


FIELDS: tuple[Field, ...] = (
    Field("title", "text", sidecar=True, csv=("title",), search_meta="title"),
    Field("type", "text", sidecar=True, csv=("type",), label="Loại văn bản", none="chưa rõ",
          search_filter="loai", search_meta="loai"),
    Field("number", "text", sidecar=True, csv=("number",), label="Số, ký hiệu", none="chưa ghi số",
          search_meta="so"),
    Field("symbol", "text", sidecar=True, csv=("symbol",)),
    Field("units", "list", sidecar=True, csv=("units",), label="Cơ quan ban hành", display="links",
          link_to="co-quan", none="chưa rõ", search_filter="co_quan", search_meta="co_quan"),
    Field("province", "text", sidecar=True, csv=("province",), label="Tỉnh, thành (khi ban hành)",
          display="link", link_to="tinh", none="Trung ương hoặc chưa rõ", search_filter="tinh", search_meta="tinh"),
    Field("province_2025", "text", sidecar=True, csv=("province_2025",), label="Sau sáp nhập 2025",
          display="link", link_to="tinh-2025", none="chưa rõ", search_filter="tinh_2025"),
    Field("place", "text", sidecar=True, csv=("place",)),
    Field("issued", "date", sidecar=True, csv=("issued",), label="Ngày ban hành", display="date",
          none="chưa ghi ngày", search_filter="nam", search_meta="ngay", search_sort="ngay"),
    Field("period", "period", sidecar=True, csv=("period_label", "period_start", "period_end"), label="Kỳ báo cáo"),
    Field("signers", "signers", sidecar=True, csv=("signers",), label="Người ký", display="list"),
    Field("recipients", "list", sidecar=True, csv=("recipients",), label="Nơi nhận", display="fold"),
    Field("cites", "list", sidecar=True, csv=("cites",)),
    Field("topics", "list", sidecar=True, csv=("topics",), label="Chủ đề", display="inline"),
    Field("source", "source", csv=("source_path", "source_sha256", "source_format")),
    Field("footnotes", "count", csv=("footnotes",)),
    Field("stamp", "extracted", optional=True),
    Field("marks", "extracted", optional=True),  # "Hỏa tốc", "Khẩn", "Mật" … printed on the document
    Field("esignatures", "extracted", optional=True),  # digital signatures: who, when, purpose ("Sao y")
    Field("models", "extracted", optional=True, csv=("models",)),
    Field("model_counts", "extracted", optional=True, csv=("model_count_government", "model_count_province_total")),
    Field("figures", "extracted", optional=True, csv=("figures",)),
    # structured citations (type, date, issuer, level, subject, relation): shown on the
    # cited-document pages; left out of catalogue.json, which they would make ~3x larger
    # (cites, the normalised symbols, stays in it)
    Field("cited", "extracted", optional=True, catalogue=False),
)

BY_NAME: dict[str, Field] = {f.name: f for f in FIELDS}
NAMES: tuple[str, ...] = tuple(f.name for f in FIELDS)
SIDECAR_KEYS: tuple[str, ...] = tuple(f.name for f in FIELDS if f.sidecar)
OPTIONAL: frozenset[str] = frozenset(f.name for f in FIELDS if f.optional)
# reports.csv: the page's url and path, then the fields in this order (counts and the
# source last, so a spreadsheet shows the document's own data first)
CSV_ORDER: tuple[str, ...] = ("title", "type", "number", "symbol", "units", "province", "province_2025", "place",
                              "issued", "period", "signers", "recipients", "cites", "topics", "footnotes",
                              "models", "figures", "model_counts", "source")
CSV_COLUMNS: tuple[str, ...] = ("url", "path", *(c for name in CSV_ORDER for c in BY_NAME[name].csv))

assert all(f.kind in KINDS and f.display in DISPLAYS for f in FIELDS), "unknown field kind or display"
PANEL: tuple[Field, ...] = tuple(f for f in FIELDS if f.label)  # the report page's metadata panel, in order
NOT_IN_CATALOGUE: frozenset[str] = frozenset(f.name for f in FIELDS if not f.catalogue)
SEARCH: tuple[Field, ...] = tuple(f for f in FIELDS if f.search_filter or f.search_meta or f.search_sort)
assert sorted(CSV_ORDER) == sorted(f.name for f in FIELDS if f.csv), "CSV_ORDER must list every field with columns"
