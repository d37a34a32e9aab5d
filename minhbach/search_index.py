"""The Pagefind index of a built site (owned by the search issue). First cut: none."""
from __future__ import annotations

from pathlib import Path


def index_site(site_dir: Path) -> None:
    return None
