"""Input formats: one module per format, each with ``SUFFIXES``, ``accepts(path)`` and
``convert(path, source, data) -> SourceText`` (the Format interface). Adding a format =
a module here and its name in MODULES; the registry (suffix → module) is built from it."""
from __future__ import annotations

import importlib
from pathlib import Path
from typing import Protocol, cast

from converters.document import Source, SourceText

MODULES = ("txt", "docx", "pdf")


class Format(Protocol):
    SUFFIXES: tuple[str, ...]

    def accepts(self, path: Path) -> bool: ...

    def convert(self, path: Path, source: Source, data: bytes) -> SourceText: ...


REGISTRY: dict[str, Format] = {}
for _name in MODULES:
    _module = cast(Format, importlib.import_module(f"converters.formats.{_name}"))
    for _suffix in _module.SUFFIXES:
        REGISTRY[_suffix] = _module
