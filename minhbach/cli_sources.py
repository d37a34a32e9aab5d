"""Finding source files under the folders the user names (``minhbach convert``)."""
from __future__ import annotations

import os
import stat
import sys
from pathlib import Path


def _regular(path: Path) -> bool:
    """A regular file (following a link); False for FIFOs, devices, broken or looping links."""
    try:
        return stat.S_ISREG(os.stat(path).st_mode)
    except OSError:
        return False


def iter_sources(paths: list[Path]) -> list[tuple[Path, Path]]:
    """(file, root) pairs for every source file under ``paths``, sorted. A folder that
    cannot be read (permissions, a path too long) is named on stderr, never skipped silently."""
    found: list[tuple[Path, Path]] = []

    def unreadable(exc: OSError) -> None:
        print(f"CẢNH BÁO không đọc được thư mục {exc.filename}: {exc.strerror}", file=sys.stderr)

    for p in paths:
        if p.is_dir():
            files = []
            for dirpath, dirnames, filenames in os.walk(p, onerror=unreadable):
                dirnames.sort()
                for name in filenames:
                    f = Path(dirpath) / name
                    if not name.startswith(".") and not name.endswith(".meta.yaml") and _regular(f):
                        files.append(f)
            found.extend((f, p) for f in sorted(files))
        else:
            found.append((p, p.parent))
    return found
