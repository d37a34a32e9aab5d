"""Input formats: one module per format, each with ``SUFFIXES``, ``accepts(path)`` and
``convert(path, source, data) -> SourceText``. Adding a format = a module here and its
name in MODULES; the registry (suffix → module) is built from it."""
from __future__ import annotations

import importlib

MODULES = ("txt", "docx", "pdf")

REGISTRY: dict[str, object] = {}
for _name in MODULES:
    _module = importlib.import_module(f"converters.formats.{_name}")
    for _suffix in _module.SUFFIXES:
        REGISTRY[_suffix] = _module
