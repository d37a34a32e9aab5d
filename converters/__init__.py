"""minhbach converters: report files → Document → Markdown with front matter.

One module per input format, registered explicitly by suffix; each has a small
``accepts(path)`` / ``convert(path, source, data) -> SourceText`` pair. The
shared layout logic (``converters.layout``) turns any SourceText into a
Document, so every format gets the same header, body and metadata handling.
"""
from __future__ import annotations

import hashlib
from pathlib import Path

from . import errors, txt
from .model import Document, Source, SourceText

# suffix -> format module (explicit registry, no discovery magic)
REGISTRY: dict[str, object] = {".txt": txt, ".md": txt}

try:  # optional formats register themselves only when their module imports
    from . import docx as _docx

    REGISTRY[".docx"] = _docx
except ImportError:  # pragma: no cover - module not written yet
    pass
try:
    from . import pdf as _pdf

    REGISTRY[".pdf"] = _pdf
except ImportError:  # pragma: no cover
    pass

CONVERTER_VERSION = "1"


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
    source = source_of(path, root, data)
    try:
        return module.convert(path, source, data)
    except errors.ConversionError as exc:
        if exc.path != shown:  # always name the file as the user gave it
            raise type(exc)(shown, exc.detail) from None
        raise


def convert_file(path: Path | str, root: Path | str | None = None) -> Document:
    """Read and convert one file. Raises ConversionError with a one-line message."""
    from .layout import parse

    return parse(read_source(path, root))
