"""``minhbach build`` / ``check``: the whole pipeline (owned by the nightly-operations issue).

First cut: convert every source into content/reports, generate cross-pages,
render the site beside the live one and swap it in."""
from __future__ import annotations

import shutil
import sys
from pathlib import Path

from converters import convert_file, errors
from converters.frontmatter import front_matter, to_markdown

from . import crosspages, pages, site
from .cli_sources import iter_sources


def build(project: Path) -> int:
    sources = project / "sources"
    content = project / "content"
    reports = content / pages.REPORTS_DIR
    if reports.exists():
        shutil.rmtree(reports)
    docs = []
    problems = []
    for path, _root in iter_sources([sources]):
        try:
            doc = convert_file(path, sources)
        except errors.ConversionError as exc:
            problems.append(str(exc))
            print(f"LỖI {exc}", file=sys.stderr)
            continue
        rel = pages.page_path(doc)
        target = content / rel
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(to_markdown(doc), encoding="utf-8")
        docs.append((rel, front_matter(doc)))
    crosspages.generate(docs, content)
    live = project / "site"
    staging = project / "site.new"
    if staging.exists():
        shutil.rmtree(staging)
    site.render_site(project, staging)
    old = project / "site.old"
    if old.exists():
        shutil.rmtree(old)
    if live.exists():
        live.rename(old)
    staging.rename(live)
    if old.exists():
        shutil.rmtree(old)
    print(f"Đã xuất bản {len(docs)} báo cáo, {len(problems)} lỗi. Mở {live / 'index.html'}")
    return 1 if problems else 0
