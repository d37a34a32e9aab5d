"""minhbach converters: report files → Document → Markdown with front matter.

One entry point, used by the CLI, the nightly pipeline and the tests:

    result = converters.convert(path, root)      # sidecar beside the file applied
    result.document, result.notes

Folders show the data flow:

- ``formats/``  one module per input format (``SUFFIXES``, ``accepts``, ``convert``) →
  ``SourceText``; the registry is built from ``formats.MODULES``;
- ``layout/``   SourceText → Document: header, tail (signatures, "Nơi nhận"), body;
- ``extract/``  what is read from the text: dates, citations, units, models, figures;
- ``text/``     Vietnamese text helpers (casing, escaping);
- ``document.py`` the frozen dataclasses at the seams, ``frontmatter.py`` the one
  serialiser, ``sidecar.py`` the ``.meta.yaml`` fixes, ``errors.py`` every error message,
  ``vocab.py`` + ``data/`` the closed vocabularies.
"""
from __future__ import annotations

import hashlib
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

from converters import errors
from converters import sidecar as sidecar_mod
from converters.document import Document, Source, SourceText
from converters.formats import REGISTRY, limits

CONVERTER_VERSION = "1"


@dataclass(frozen=True)
class Note:
    """Something the webmaster should check about a converted file (one-line Vietnamese)."""

    code: str  # encoding | converter | sidecar | header-from-sidecar
    reason: str
    advice: str = ""
    path: str | None = None  # the file the note is about when it is not the source (a sidecar)


@dataclass(frozen=True)
class Conversion:
    document: Document
    notes: tuple[Note, ...] = ()


def supported_suffixes() -> tuple[str, ...]:
    return tuple(sorted(REGISTRY))


def source_of(path: Path, root: Path | None, data: bytes) -> Source:
    rel = path.name if root is None else path.resolve().relative_to(root.resolve()).as_posix()
    return Source(path=rel, sha256=hashlib.sha256(data).hexdigest(), format=path.suffix.lower().lstrip("."))


def read_source(path: Path | str, root: Path | str | None = None) -> SourceText:
    """Read one file into the shared intermediate form."""
    path = Path(path)
    root = Path(root) if root is not None else None
    module = REGISTRY.get(path.suffix.lower())
    shown = str(path)
    if module is None or not module.accepts(path):
        raise errors.UnsupportedFormat(shown, path.suffix or "không có phần mở rộng")
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise errors.UnreadableFile(shown, exc.strerror) from None
    limits.check_archive(data, shown)  # before any reader unpacks it
    source = source_of(path, root, data)
    try:
        return module.convert(path, source, data)
    except errors.ConversionError as exc:
        if exc.path != shown:  # always name the file as the user gave it
            raise type(exc)(shown, exc.detail) from None
        raise


def convert(path: Path | str, root: Path | str | None = None, *,
            sidecar: sidecar_mod.Sidecar | None | Literal["auto"] = "auto") -> Conversion:
    """Read and convert one file, with its ``.meta.yaml`` sidecar applied.

    ``sidecar``: a loaded Sidecar, None for none, or ("auto", the default) the one found beside
    the file. Raises ConversionError (one-line message) when the file gives no page."""
    from converters import layout

    path = Path(path)
    if sidecar == "auto":
        found = sidecar_mod.sidecar_for(path)
        sidecar = sidecar_mod.load(found, str(found)) if found.is_file() else None
    notes: list[Note] = []
    st = read_source(path, root)
    notes += [Note("encoding", w) for w in st.warnings]
    # what a sidecar states of the report itself resolves its citations too ("Kế hoạch số
    # 08/KH-UBND của UBND tỉnh" is the plan of the province the webmaster names)
    known = {k: sidecar.fields[k] for k in ("number", "province", "issued")
             if sidecar is not None and k in sidecar.fields and "cited" not in sidecar.fields}
    try:
        doc = layout.parse(st, known or None)
    except errors.NotAReport:
        if sidecar is None or not sidecar.fields.get("title") or not sidecar.fields.get("type"):
            raise
        body = layout.body.render(layout.split_lines(st.text))
        doc = Document(source=st.source, body=body.markdown, footnotes=body.numbered_footnotes)
        notes.append(Note("header-from-sidecar",
                          "không nhận ra phần đầu văn bản; dùng siêu dữ liệu trong tệp .meta.yaml"))
    notes += [Note("converter", w) for w in doc.warnings]
    if sidecar is not None:
        notes += [Note("sidecar", e + " — trang vẫn được dựng từ kết quả chuyển đổi", sidecar_mod.ADVICE,
                       sidecar.shown) for e in sidecar.errors]
        doc = sidecar_mod.apply(doc, sidecar)
    return Conversion(doc, tuple(notes))


def convert_file(path: Path | str, root: Path | str | None = None) -> Document:
    """The Document of one file, without its sidecar (tests of the converter itself)."""
    return convert(path, root, sidecar=None).document
