"""Running the Pagefind binary (1.6.0 installed by scripts/setup.sh, else PyPI's 1.5.2)."""
from __future__ import annotations

import json
import os
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

from minhbach.search.canon import canonicalise
from minhbach.search.stage import EXCLUDE_SELECTORS

# scripts/setup.sh installs this release's binary into the venv (npm @pagefind/linux-x64,
# sha256-checked); PyPI's pagefind[bin] (1.5.2) is the fallback.
PAGEFIND_VERSION = "1.6.0"


class SearchIndexError(RuntimeError):
    """Pagefind could not index the built site."""


@dataclass(frozen=True)
class IndexSummary:
    pages: int
    output: Path


def pagefind_binary() -> Path | None:
    """The pinned Pagefind binary when scripts/setup.sh installed it, else None."""
    path = Path(sys.prefix) / "lib" / f"pagefind-{PAGEFIND_VERSION}" / "pagefind_extended"
    return path if path.is_file() else None


def _pagefind_env() -> dict[str, str]:
    env = dict(os.environ)
    binary = pagefind_binary()
    if binary is not None and "PAGEFIND_BINARY_PATH" not in env:
        env["PAGEFIND_BINARY_PATH"] = str(binary)
    return env


def _index(site_dir: Path, output: Path) -> int:
    """Run the bundled Pagefind binary as a command and wait for it to finish.

    The command, not the Python service API: leaving the API's context manager
    could stop the service while it was still writing (measured: a 0-byte
    pagefind-component-ui.css on a second run), and the command's exit status
    says whether everything was written."""
    cmd = [
        sys.executable, "-m", "pagefind",
        "--site", str(site_dir),
        "--output-path", str(output),
        "--force-language", "vi",
        "--exclude-selectors", ", ".join(EXCLUDE_SELECTORS),
        "--quiet",
    ]
    done = subprocess.run(cmd, capture_output=True, text=True, env=_pagefind_env())
    if done.returncode != 0:
        detail = (done.stderr or done.stdout).strip().splitlines()[-1:] or ["?"]
        raise SearchIndexError(f"{site_dir}: Pagefind dừng với mã {done.returncode}: {detail[0]}")
    entry = json.loads((output / "pagefind-entry.json").read_text(encoding="utf-8"))
    canonicalise(output)
    return sum(int(lang.get("page_count", 0)) for lang in entry["languages"].values())


def _thousands(n: int) -> str:
    return f"{n:,}".replace(",", ".")


JOBS_ENV = "MINHBACH_SEARCH_JOBS"  # parts indexed at once; default: the cores, at most 4


def index_jobs() -> int:
    """How many parts are indexed at once: $MINHBACH_SEARCH_JOBS, else the number of
    cores (at most 4: each run holds its part in memory)."""
    value = os.environ.get(JOBS_ENV, "").strip()
    if value:
        if not value.isdigit() or int(value) < 1:
            raise SearchIndexError(f"{JOBS_ENV}={value!r}: cần một số nguyên dương")
        return int(value)
    return max(1, min(os.cpu_count() or 1, 4))
