"""Plain-text and Markdown exports (.txt, .md)."""
from __future__ import annotations

from pathlib import Path

from .decode import decode_bytes
from .model import Source, SourceText

SUFFIXES = (".txt", ".md")


def accepts(path: Path) -> bool:
    return path.suffix.lower() in SUFFIXES


def convert(path: Path, source: Source, data: bytes) -> SourceText:
    return SourceText(source=source, text=decode_bytes(data, source.path))
