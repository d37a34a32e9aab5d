"""Every knob of minhbach in one place: the environment variables (each declared once,
with its default and what it does; tests/test_docs.py checks each is in the README) and
the site's mkdocs.yml, read with MkDocs' own YAML loader (``!ENV`` and ``!relative``
tags as MkDocs reads them).
"""
from __future__ import annotations

import os
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any


@dataclass(frozen=True)
class Variable:
    name: str
    default: str
    help: str  # what it does (README has the long form)


VARIABLES: tuple[Variable, ...] = (
    Variable("MINHBACH_SITE_URL", "", "public address of the site (mkdocs.yml site_url): absolute links in "
             "feeds, sitemap.xml and open data"),
    Variable("MINHBACH_MAX_MB", "20", "largest source file accepted, in MB (--max-mb)"),
    Variable("MINHBACH_STAGING_DIR", "", "folder for the staged copy of the pages Pagefind reads "
             "(default /dev/shm when it has 2 GB free, else the system's temporary folder)"),
    Variable("MINHBACH_SEARCH_PARTITIONS", "auto", "auto | on | off: write the search index in parts"),
    Variable("MINHBACH_SEARCH_JOBS", "", "parts indexed at once (default: the number of cores, at most 4)"),
    Variable("MINHBACH_SCREENSHOTS", "", "tests only: folder where the layout tests save their screenshots"),
)
BY_NAME = {v.name: v for v in VARIABLES}


def env(name: str) -> str:
    """The variable's value (stripped), else its declared default. Only declared names."""
    var = BY_NAME[name]
    value = os.environ.get(name, "").strip()
    return value or var.default


def mkdocs_config(mkdocs_yml: Path) -> dict[str, Any]:
    """mkdocs.yml as MkDocs reads it (``!ENV`` resolved now, from the environment)."""
    return _load(Path(mkdocs_yml).resolve(), _env_key())


def _env_key() -> tuple:
    return tuple(sorted((k, v) for k, v in os.environ.items() if k.startswith("MINHBACH_")))


@lru_cache(maxsize=8)
def _load(path: Path, _env: tuple) -> dict[str, Any]:
    from mkdocs.utils.yaml import yaml_load

    if not path.is_file():
        return {}
    with open(path, encoding="utf-8") as fh:
        return yaml_load(fh) or {}


def site_url(mkdocs_yml: Path) -> str | None:
    value = mkdocs_config(mkdocs_yml).get("site_url")
    return str(value).strip() or None if value else None


def site_name(mkdocs_yml: Path) -> str:
    return str(mkdocs_config(mkdocs_yml).get("site_name") or "Minh bạch")
