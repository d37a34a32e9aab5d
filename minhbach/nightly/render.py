"""From converted pages to the live site: stage content/, render site.new/ (MkDocs,
then Pagefind, with staged copies in this project's staging folder), check it
(every page rendered, every feed and the sitemap well-formed XML), swap it in."""
from __future__ import annotations

import xml.etree.ElementTree as ET
from pathlib import Path
from typing import Any

from .. import pages
from . import children, publish
from .plan import GENERATED, Plan, shown
from .problems import ERROR, Problem
from .progress import Progress


class Refused(Exception):
    """The build would shrink the archive: nothing published (exit 2)."""


def _expected() -> tuple[type[BaseException], ...]:
    """Failures that are not bugs of ours: the previous site is kept, exit 2 (else 3)."""
    found: list[type[BaseException]] = [Refused, publish.PublishError, OSError]
    try:
        from mkdocs.exceptions import MkDocsException

        found.append(MkDocsException)
    except ImportError:
        pass
    try:
        import jinja2

        found.append(jinja2.TemplateError)  # overrides/ written by hand
    except ImportError:
        pass
    from ..search import SearchIndexError

    found.append(SearchIndexError)
    return tuple(found)


EXPECTED = _expected()


def publish_site(p: Plan, d: dict[str, Path], state: dict, progress: Progress) -> set[str]:
    """Stage, render, check and swap; the generated top-level folders of content/."""
    from .. import search as search_index

    project = d["site"].parent
    progress.stage("Tạo trang chéo (tỉnh, cơ quan, …)")
    generated = stage_content(p, d, state)
    progress.stage("Dựng trang web (MkDocs, Pagefind)")
    with children.staging(project, search_index.staging_parent()):
        render(project, d["site_new"])
    progress.stage("Kiểm tra trang web mới")
    check_xml(d["site_new"])
    outcome = p.outcome
    for rel in missing_pages(p, d["site_new"]):
        page = p.results.pop(rel)["page"]
        outcome.problems.append(Problem(shown(d["sources"] / rel, project), "not-rendered", ERROR, False,
                                        f"MkDocs không tạo ra trang {page}", "báo cho nhóm phát triển", rel))
        progress.note(outcome.problems[-1].line())
    outcome.pages = {rel: r["page"] for rel, r in p.results.items()}
    outcome.check()
    progress.stage("Thay trang web đang phục vụ")
    publish.swap(d["site_new"], d["site"])
    return generated


def stage_content(p: Plan, d: dict[str, Path], state: dict) -> set[str]:
    """Write report pages and cross-pages into a staging docs dir, then swap the
    generated folders into content/ (hand-written pages are never touched)."""
    from .. import crosspages

    stage = d["stage"]
    if stage.exists():
        publish.rmtree(stage)
    docs = stage / "docs"
    docs.mkdir(parents=True)
    reports: list[tuple[str, dict[str, Any]]] = []
    for rel in sorted(p.results, key=lambda r: p.results[r]["page"]):
        r = p.results[rel]
        target = (docs / r["page"]).resolve()
        if docs.resolve() not in target.parents:
            raise RuntimeError(f"page path escapes the docs dir: {r['page']}")
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(r.pop("markdown"), encoding="utf-8")
        reports.append((r["page"], r.pop("front_matter")))
    crosspages.generate(reports, docs)
    # MkDocs runs in this process next and holds every page itself: the pages'
    # Markdown and front matter are on disk now, not kept twice (~1 GB at 20,000)
    del reports
    made = {c.name for c in docs.iterdir()}
    content = d["content"]
    previous = set(s for s in state.get("generated", []) if isinstance(s, str)) \
        if isinstance(state.get("generated"), list) else set()
    for name in made:
        if (content / name).exists() and name not in GENERATED and name not in previous:
            raise RuntimeError(f"cross-pages would overwrite hand-written content/{name}")
    publish.replace_dirs(docs, content, made | (previous & GENERATED) | {pages.REPORTS_DIR}, stage / "old")
    return made


def render(project: Path, out: Path) -> None:
    from .. import site

    if out.exists():
        publish.rmtree(out)
    site.render_site(project, out)
    if not (out / "index.html").is_file():
        raise RuntimeError("MkDocs không tạo ra index.html")


def xml_files(site_dir: Path) -> list[Path]:
    """The sitemap and the feeds: XML files at the top of the site and one or two levels down."""
    found = {*site_dir.glob("*.xml"), *site_dir.glob("*/*.xml"), *site_dir.glob("*/feeds/*.xml")}
    return sorted(p for p in found if p.is_file() and "pagefind" not in p.parts)


def check_xml(site_dir: Path) -> None:
    """Every feed and the sitemap must parse: a feed reader rejects a whole feed for one bad byte."""
    for path in xml_files(site_dir):
        try:
            ET.parse(path)
        except ET.ParseError as exc:
            raise RuntimeError(f"{path.relative_to(site_dir)} không phải XML hợp lệ: {exc}") from None


def missing_pages(p: Plan, site_dir: Path) -> list[str]:
    missing = []
    for rel, r in sorted(p.results.items()):
        html = site_dir / r["page"][: -len(".md")] / "index.html"
        if not html.is_file() and not (site_dir / (r["page"][: -len(".md")] + ".html")).is_file():
            missing.append(rel)
    return missing
