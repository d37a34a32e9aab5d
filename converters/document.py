"""Frozen dataclasses at the seams of the converter.

Data flows one way: a format module turns a file into a ``SourceText`` (the
shared intermediate form: Markdown-ish text as DOCX/PDF text exports give it),
``converters.layout`` turns that into a ``Document``, and
``converters.frontmatter`` serialises the Document as Markdown with YAML front
matter (the contract of DESIGN.md).
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

# Stands in the intermediate text for a token a reader could not read with confidence
# (OCR of a handwritten number or day, a smudged stamp): layout treats a number or date
# holding it as unreadable (null, with a warning), never as a value.
UNCERTAIN = "\u2047"  # ⁇

# the authority a signer signs for: TM. (on behalf of), KT. (for), TL., TUQ., Q. (acting)
_AUTHORITY = re.compile(r"^(?:T/M|K/T|T/L|TUQ\.|TM\.|KT\.|TL\.|Q\.)\s*", re.IGNORECASE)


@dataclass(frozen=True)
class Source:
    """Where a document came from."""

    path: str  # path relative to the sources root, POSIX separators
    sha256: str
    format: str  # txt | md | docx | pdf
    ocr: bool = False


@dataclass(frozen=True)
class SourceText:
    """The shared intermediate form every format module produces.

    ``text`` is Markdown-ish plain text, as the samples in sources/samples are:
    header lines, bold markers, ``<sup>N</sup>`` footnote marks and footnote
    definitions starting with ``<sup>N</sup>``, pipe tables.
    """

    source: Source
    text: str
    # problems met while reading (e.g. legacy encoding converted), one-line Vietnamese
    warnings: tuple[str, ...] = field(default=(), compare=False)
    # names on scanned pages read a second time with care and alike (formats/ocr_names.py):
    # the signature block may publish them although the document writes them once
    checked: tuple[str, ...] = ()


@dataclass(frozen=True)
class Period:
    label: str
    start: str | None  # ISO, as precise as known: YYYY | YYYY-MM | YYYY-MM-DD
    end: str | None


@dataclass(frozen=True)
class Signer:
    """One signature block. ``role`` is every title line as printed, the authority
    first ("KT. Chủ tịch, Phó Chủ tịch"; NĐ 30 ô 7a), joined with ", "."""

    role: str | None
    name: str | None

    @property
    def title(self) -> str | None:
        """The signer's own title: the last title line of the block ("Phó Chủ tịch");
        the TM./KT./TL./Q. lines above it say on whose authority."""
        if not self.role:
            return None
        last = self.role.rsplit(", ", 1)[-1]
        if _AUTHORITY.match(last):  # only "KT. Chủ tịch": the own title was not read
            return None
        return last or None


@dataclass(frozen=True)
class Stamp:
    """A received-document stamp ("ĐẾN Số: 1789 Ngày: 11/6/2018")."""

    receiver: str | None
    number: str | None
    date: str | None


@dataclass(frozen=True)
class ESignature:
    """The visible box of a digital signature ("Ký bởi: … Thời gian ký: …", "SAO Y; SỞ
    NỘI VỤ; 19/05/2026; 14:42:19; +07:00"): evidence of who signed and when, not text
    of the document."""

    signer: str | None  # the certificate's holder as shown (a body or a person)
    time: str | None  # ISO 8601 as precise as shown ("2024-11-26T10:40:48+07:00")
    purpose: str | None = None  # "Sao y" when it signs a certified copy


@dataclass(frozen=True)
class Model:
    """A named "Dân vận khéo" model mentioned in the text."""

    name: str
    unit: str | None = None
    anchor: str | None = None  # id of the paragraph it came from
    sentence: str | None = None


@dataclass(frozen=True)
class Figure:
    """A reform or "dân vận" figure: one value of one indicator, with its context."""

    text: str  # the clause around the value
    value: str  # as written ("1.580", "90,58%", "18/25", "34.34/100")
    number: float | None  # normalised ("1.580" -> 1580, "13,21%" -> 13.21); None for a range
    indicator: str = "khac"  # id in vocabulary.yaml ``indicators``, or "khac" (no indicator named)
    kind: str | None = None  # count | share | score | rank | change (a stated change only)
    unit: str | None = None  # canonical unit ("lượt", "người", "hồ sơ", "%", "điểm", "hạng")
    total: float | None = None  # denominator of a ratio "a/b" (number = a)
    part: str | None = None  # a breakdown of a total ("định kỳ", "thường xuyên"); None for a total
    period: str | None = None  # the sentence's own period, else the report's
    scope: str | None = None  # province | reporter | agency | commune
    agency: str | None = None  # who the figure is about (reporter, named agency, commune)
    comparison: str | None = None  # as written ("tăng 10 đơn (tăng 100%) so với cùng kỳ")
    direction: str | None = None  # tăng | giảm
    anchor: str | None = None
    sentence: str | None = None


@dataclass(frozen=True)
class Cited:
    """A document cited by a report, as the citing sentence describes it
    (converters/extract/citations.py). Its identity is issuer + number + year:
    ``level`` (trung-uong | tinh | huyen-xa) with ``province`` for a local one, and
    ``year``; a null year or province means too bare to resolve."""

    symbol: str  # normalised "số và ký hiệu" (as in Document.cites)
    number: str  # the running number ("08")
    type: str | None = None  # "Kế hoạch", as cited or from the type code
    date: str | None = None  # ISO, as cited
    year: str | None = None  # from the date or a normative symbol ("92/2017/NĐ-CP")
    issuer: str | None = None  # as cited ("UBND tỉnh")
    level: str | None = None
    province: str | None = None  # resolved for a local document
    subject: str | None = None  # as cited ("về tiếp tục tăng cường …")
    relation: str = "dẫn chiếu"  # căn cứ | thực hiện | dẫn chiếu


@dataclass(frozen=True)
class Document:
    """A converted report: metadata plus a clean Markdown body."""

    source: Source
    title: str | None = None
    type: str | None = None
    number: str | None = None
    symbol: str | None = None
    units: tuple[str, ...] = ()
    province: str | None = None
    province_2025: str | None = None
    place: str | None = None
    issued: str | None = None
    period: Period | None = None
    signers: tuple[Signer, ...] = ()
    recipients: tuple[str, ...] = ()
    cites: tuple[str, ...] = ()
    cited: tuple[Cited, ...] = ()  # the same documents, structured (one per symbol and year)
    topics: tuple[str, ...] = ()
    footnotes: int = 0
    stamp: Stamp | None = None
    # urgency and secrecy marks printed above the title ("Hỏa tốc", "Khẩn", "Mật"; NĐ 30 ô 10)
    marks: tuple[str, ...] = ()
    esignatures: tuple[ESignature, ...] = ()
    models: tuple[Model, ...] = ()
    model_counts: tuple[tuple[str, str], ...] = ()
    figures: tuple[Figure, ...] = ()
    body: str = ""  # Markdown, NFC, footnote definitions at the end
    warnings: tuple[str, ...] = field(default=(), compare=False)
