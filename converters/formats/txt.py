"""Plain-text and Markdown exports (.txt, .md)."""
from __future__ import annotations

from pathlib import Path

from converters.formats.decode import decode_text
from converters.document import Source, SourceText

SUFFIXES = (".txt", ".md")


def accepts(path: Path) -> bool:
    return path.suffix.lower() in SUFFIXES


def convert(path: Path, source: Source, data: bytes) -> SourceText:
    decoded = decode_text(data, source.path)
    return SourceText(source=source, text=decoded.text, warnings=decoded.warnings)
