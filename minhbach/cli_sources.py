"""Finding source files under the folders the user names."""
from __future__ import annotations

from pathlib import Path


def iter_sources(paths: list[Path]) -> list[tuple[Path, Path]]:
    """(file, root) pairs for every source file under ``paths``, sorted."""
    found: list[tuple[Path, Path]] = []
    for p in paths:
        if p.is_dir():
            for f in sorted(p.rglob("*")):
                if f.is_file() and not f.name.startswith(".") and not f.name.endswith(".meta.yaml"):
                    found.append((f, p))
        else:
            found.append((p, p.parent))
    return found
