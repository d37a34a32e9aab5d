"""Generated cross-pages and data exports (owned by the cross-pages issue).
First cut: nothing generated."""
from __future__ import annotations

from pathlib import Path
from typing import Any


def generate(reports: list[tuple[str, dict[str, Any]]], docs_dir: Path) -> None:
    """Write cross-pages under ``docs_dir`` for ``reports``: (page path relative to
    docs_dir, front matter dict as converters.frontmatter.front_matter gives it),
    sorted by page path."""
    return None
