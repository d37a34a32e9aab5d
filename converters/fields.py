"""The front-matter contract as data: every field of a report page, declared once.

Each Field says what the field holds (``kind``), whether a ``.meta.yaml`` sidecar may
set it, whether it is left out of the front matter when empty, the columns it fills in
``reports.csv``, its label on the report page's metadata panel, and its names in the
search index (Pagefind filter / meta). The serialiser (converters/frontmatter.py), the
sidecar validation (converters/sidecar.py), the open data (minhbach/crosspages/opendata.py)
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


@dataclass(frozen=True)
class Field:
    name: str
    kind: str
    description: str  # Vietnamese, for the data dictionary and the README
    sidecar: bool = False  # a .meta.yaml may set it
    optional: bool = False  # left out of the front matter when empty
    csv: tuple[str, ...] = ()  # reports.csv columns it fills, in order
    label: str | None = None  # metadata panel label (Vietnamese); None: not a panel row
    search_filter: str | None = None  # Pagefind filter name
    search_meta: str | None = None  # Pagefind meta name


FIELDS: tuple[Field, ...] = (
    Field("title", "text", "Tiêu đề (trích yếu) của văn bản", sidecar=True, csv=("title",),
          search_meta="title"),
    Field("type", "text", "Loại văn bản (Báo cáo, Kế hoạch, Công văn …), theo danh mục", sidecar=True,
          csv=("type",), label="Loại văn bản", search_filter="loai", search_meta="loai"),
    Field("number", "text", "Số và ký hiệu như văn bản ghi; trống khi văn bản chưa ghi số", sidecar=True,
          csv=("number",), label="Số, ký hiệu", search_meta="so"),
    Field("symbol", "text", "Ký hiệu (phần sau số)", sidecar=True, csv=("symbol",)),
    Field("units", "list", "Cơ quan ban hành, cơ quan cấp trên trước", sidecar=True, csv=("units",),
          label="Cơ quan ban hành", search_filter="co_quan", search_meta="co_quan"),
    Field("province", "text", "Tỉnh, thành phố tại thời điểm ban hành", sidecar=True, csv=("province",),
          label="Tỉnh, thành (khi ban hành)", search_filter="tinh", search_meta="tinh"),
    Field("province_2025", "text", "Tỉnh, thành phố sau sắp xếp năm 2025", sidecar=True,
          csv=("province_2025",), label="Sau sáp nhập 2025", search_filter="tinh_2025"),
    Field("place", "text", "Địa danh ghi ở dòng ngày tháng", sidecar=True, csv=("place",)),
    Field("issued", "date", "Ngày ban hành (YYYY-MM-DD, hoặc YYYY-MM, YYYY khi văn bản để trống ngày)",
          sidecar=True, csv=("issued",), label="Ngày ban hành", search_filter="nam", search_meta="ngay"),
    Field("period", "period", "Kỳ báo cáo: nhãn, ngày bắt đầu, ngày kết thúc", sidecar=True,
          csv=("period_label", "period_start", "period_end"), label="Kỳ báo cáo"),
    Field("signers", "signers", "Người ký: chức vụ và họ tên", sidecar=True, csv=("signers",),
          label="Người ký"),
    Field("recipients", "list", "Nơi nhận", sidecar=True, csv=("recipients",), label="Nơi nhận"),
    Field("cites", "list", "Văn bản được dẫn chiếu (số, ký hiệu đã chuẩn hóa)", sidecar=True,
          csv=("cites",)),
    Field("topics", "list", "Chủ đề, theo danh mục", sidecar=True, csv=("topics",), label="Chủ đề"),
    Field("source", "source", "Tệp gốc: đường dẫn trong sources/, mã SHA-256, định dạng, có nhận dạng "
          "ký tự (OCR) hay không", csv=("source_path", "source_sha256", "source_format")),
    Field("footnotes", "count", "Số chú thích cuối trang", csv=("footnotes",)),
    Field("stamp", "extracted", "Dấu “Đến” (số đến, ngày đến, nơi nhận)", optional=True),
    Field("marks", "extracted", "Dấu mức độ khẩn, mật (Hỏa tốc, Khẩn, Mật …)", optional=True),
    Field("esignatures", "extracted", "Chữ ký số: người (cơ quan) ký, thời gian ký, mục đích (sao y)",
          optional=True),
    Field("models", "extracted", "Mô hình “Dân vận khéo” được nêu tên", optional=True, csv=("models",)),
    Field("model_counts", "extracted", "Số mô hình “Dân vận khéo” báo cáo nêu", optional=True,
          csv=("model_count_government", "model_count_province_total")),
    Field("figures", "extracted", "Số liệu cải cách hành chính trích từ văn bản", optional=True,
          csv=("figures",)),
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

assert all(f.kind in KINDS for f in FIELDS), "unknown field kind"
assert sorted(CSV_ORDER) == sorted(f.name for f in FIELDS if f.csv), "CSV_ORDER must list every field with columns"
