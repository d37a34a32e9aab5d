"""Generated cross-pages and data exports (owned by the cross-pages issue).
First cut: nothing generated."""
from __future__ import annotations

from pathlib import Path

from converters.model import Document


def generate(docs: list[tuple[str, Document]], docs_dir: Path) -> None:
    """Write cross-pages for ``docs`` ((page path, Document) pairs) under ``docs_dir``."""
    return None
