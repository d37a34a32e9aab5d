"""The five samples converted by the real converter into a temporary docs dir, with
the cross-pages and data exports generated from them (shared by test_crosspages.py
and test_exports.py)."""
from __future__ import annotations

import shutil
from pathlib import Path

from conftest import ROOT, SAMPLES
from converters import convert_file
from converters.frontmatter import front_matter, to_markdown
from minhbach import crosspages, pages


def convert_samples(content: Path) -> list[tuple[str, dict, str]]:
    """[(page path, front matter, sample file name)] sorted by page path."""
    out = []
    for src in sorted(SAMPLES.glob("*.txt")):
        doc = convert_file(src, SAMPLES.parent)
        rel = pages.page_path(doc)
        (content / rel).parent.mkdir(parents=True, exist_ok=True)
        (content / rel).write_text(to_markdown(doc), encoding="utf-8")
        out.append((rel, front_matter(doc), src.name))
    return sorted(out)


def generate(project: Path, extra: list[tuple[str, dict, str]] = ()) -> tuple[Path, list[tuple[str, dict, str]]]:
    """project/mkdocs.yml (a copy of the real one) + project/content with reports and cross-pages."""
    project.mkdir(parents=True, exist_ok=True)
    shutil.copy2(ROOT / "mkdocs.yml", project / "mkdocs.yml")
    content = project / "content"
    content.mkdir(exist_ok=True)
    reports = convert_samples(content) + list(extra)
    crosspages.generate(sorted((p, fm) for p, fm, _ in reports), content)
    return content, reports
