"""MkDocs hooks of the public site (mkdocs.yml ``hooks: overrides/hooks.py`` re-exports them).

What they do, in build order:
- on_config: the toc slugify; the report-text Markdown extension.
- on_files: a stub page for every nav entry whose file is missing (the
  cross-pages are generated at build time; a missing one must not break the
  navigation), with a warning.
- on_page_markdown: a line ``--8<-- "_generated/…"`` (content/index.md) is replaced
  by that generated file (the home snippet; nothing when it is missing, e.g.
  before the cross-pages are generated); on report pages (front matter has ``source``) raw HTML and
  attribute lists other than the paragraph anchors ``{: #p-N }`` are turned off,
  so text from a report is shown as text, never as markup; page titles become
  escaped Markup (Material prints ``page.meta.title`` unescaped).
- on_page_context: a ``report`` view (formatted metadata for the panel) for
  report pages.
- on_env: the navigation is rendered once per set of link targets, not once per
  page (overrides/partials/nav.html, ``nav_cache_key``): every report page has the
  same sidebar, and Material's nav templates were ~10% of the build.
- on_post_build: originals copied into ``site/nguon/<source.path>``; the
  sitemap's gzip written without a timestamp (byte-identical rebuilds).

The toc ``slugify`` (Vietnamese, đ → d) is ``toc_slugify`` below.
"""
from __future__ import annotations

import gzip
import logging
import re
import shutil
from pathlib import Path
from typing import Any

from markupsafe import Markup, escape

from converters.text.vietnamese import fast_slugify as slugify
from converters.text.vietnamese import fold_word

from .display import format_date  # noqa: F401 (one date format: minhbach/display.py)
from .report_text import ReportTextExtension, _Guard, _neutralise_attr_lists  # noqa: F401
from .report_view import (ORIGINALS_DIR, Link, ReportView, format_period, iso_date,  # noqa: F401
                          report_view, safe_source_path, search_spans)

log = logging.getLogger("mkdocs.minhbach")

SOURCES_DIR = "sources"  # relative to the folder of mkdocs.yml

NAV_STUB = "# {title}\n\nTrang này được tạo khi dựng trang web từ các báo cáo; hiện chưa có nội dung.\n"


# --------------------------------------------------------------------------- toc



def toc_slugify(value: str, separator: str = "-") -> str:
    """Heading ids for Python-Markdown's toc: Vietnamese, đ → d, tones dropped."""
    slug = slugify(value)
    return slug.replace("-", separator) if separator != "-" else slug


def is_report(page) -> bool:
    return isinstance(page.meta, dict) and isinstance(page.meta.get("source"), dict)


# ------------------------------------------------------------------ navigation cache
#
# Material renders the whole navigation into every page. Ours is small and fixed
# (mkdocs.yml), and for a page that is not in it the output depends only on where
# its links point from that page: the relative URL of each nav entry (and the
# page's base_url, for the logo). overrides/partials/nav.html wraps Material's
# partial in ``{% call mb_cached(mb_nav_key(page, nav, base_url)) %}``: pages
# with the same key share one rendering; a page the nav lists (an active entry)
# has no key and is rendered as usual. Same bytes, checked by the site tests.

_fragments: dict[tuple, str] = {}


def nav_cache_key(page, nav, base_url: str) -> tuple | None:
    """The key of ``page``'s navigation rendering, or None when it must not be shared."""
    from mkdocs.utils import normalize_url

    if page is None or nav is None:
        return None
    links: list[str] = []
    stack = list(nav.items)
    while stack:
        item = stack.pop(0)
        if getattr(item, "active", False):
            return None
        url = getattr(item, "url", None)
        if url is not None:
            links.append(normalize_url(str(url), page=page, base=base_url))
        stack.extend(getattr(item, "children", None) or ())
    return (base_url, *links)


def cached_fragment(key, caller) -> str:
    """``caller()`` (the body of a ``{% call %}`` block), rendered once per key."""
    if key is None:
        return caller()
    if key not in _fragments:
        _fragments[key] = caller()
    return _fragments[key]


# ------------------------------------------------------- report page extras
#
# Heading, description, citation, the original's size, dates on this site:
# minhbach/report_page.py, kept apart from the panel's per-field rows (ReportView).

class _Build:
    """Per-build values the page extras need (set by on_config)."""

    today = ""
    sources: Path | None = None
    live_site: Path | None = None


def page_extras(page, meta: dict[str, Any]):
    """report_page.ReportPageInfo of a report page (template: ``report_page``)."""
    from . import report_page

    source = meta.get("source") if isinstance(meta.get("source"), dict) else {}
    rel = safe_source_path(source.get("path"))
    original = _Build.sources / rel if rel and _Build.sources else None
    live = _Build.live_site / page.url / "index.html" if _Build.live_site and page.url else None
    return report_page.report_page_info(meta, original, live, _Build.today)


def _start_build(config) -> None:
    from . import report_page

    root = Path(config.config_file_path).resolve().parent if config.config_file_path else Path.cwd()
    _Build.today = report_page.build_date()
    _Build.sources = root / SOURCES_DIR
    _Build.live_site = root / "site"


# ------------------------------------------------------------------------ hooks

_originals: dict[str, str] = {}  # site-relative target → source path (relative to sources/)


def on_config(config, **kwargs):
    _originals.clear()
    _fragments.clear()
    config.mdx_configs.setdefault("toc", {})["slugify"] = toc_slugify
    # The extension reads the guard flag that on_page_markdown sets.
    config.markdown_extensions.append(ReportTextExtension())
    _start_build(config)
    return config


def _nav_paths(nav, out):
    if isinstance(nav, str):
        if nav.endswith(".md") and "://" not in nav:
            out.append((nav, None))
    elif isinstance(nav, dict):
        for title, value in nav.items():
            if isinstance(value, str):
                if value.endswith(".md") and "://" not in value:
                    out.append((value, title))
            else:
                _nav_paths(value, out)
    elif isinstance(nav, list):
        for item in nav:
            _nav_paths(item, out)
    return out


def on_files(files, config, **kwargs):
    from mkdocs.structure.files import File

    for path, title in _nav_paths(config.nav or [], []):
        if files.get_file_from_path(path) is None:
            log.warning("Thiếu trang '%s' trong mục lục; tạm dùng trang trống.", path)
            files.append(File.generated(config, path, content=NAV_STUB.format(title=title or path)))
    return files


def on_env(env, config, files, **kwargs):
    """Template helpers for the navigation cache; Material's own partials reachable
    as "material/partials/…" from an override of the same name."""
    import jinja2
    import material

    theme_dir = Path(material.__file__).resolve().parent / "templates"
    env.loader = jinja2.ChoiceLoader([
        env.loader, jinja2.PrefixLoader({"material": jinja2.FileSystemLoader(str(theme_dir))})])
    env.globals["mb_nav_key"] = nav_cache_key
    env.globals["mb_search_spans"] = search_spans
    env.filters["fold_word"] = fold_word
    env.globals["mb_cached"] = cached_fragment
    return env


_INCLUDE = re.compile(r'^--8<-- "(_generated/[^"/]+)"[ \t]*$', re.MULTILINE)


def include_generated(markdown: str, docs_dir: str) -> str:
    """``markdown`` with each ``--8<-- "_generated/NAME"`` line replaced by that file
    of the docs dir (read as it is: it is generated by minhbach/crosspages.py), or
    removed when the file is missing. Only hand-written pages carry such a line
    (report text is never read here: see on_page_markdown)."""
    def include(m: re.Match) -> str:
        path = Path(docs_dir) / m.group(1)
        return path.read_text(encoding="utf-8").rstrip("\n") if path.is_file() else ""

    return _INCLUDE.sub(include, markdown)


def on_page_markdown(markdown, page, config, files, **kwargs):
    title = page.meta.get("title") if isinstance(page.meta, dict) else None
    if isinstance(title, str) and not isinstance(title, Markup):
        page.meta["title"] = escape(title)
    _Guard.active = is_report(page)
    if not _Guard.active:
        if page.meta.get("about_page"):
            from .about import about_values

            markdown = about_values(markdown, config)
        return include_generated(markdown, config.docs_dir) if "--8<--" in markdown else markdown
    view = report_view(page.meta)
    page.mb_report = view
    if view.original:
        _originals[view.original] = view.original[len(ORIGINALS_DIR) + 1:]
    elif page.meta["source"].get("path"):
        log.warning("Bỏ qua đường dẫn tệp gốc không hợp lệ '%s' của %s.",
                    page.meta["source"].get("path"), page.file.src_uri)
    return _neutralise_attr_lists(markdown)


def on_page_content(html, page, config, files, **kwargs):
    _Guard.active = False
    # MkDocs keeps every page's Markdown source until the end of the build, though
    # nothing reads it once the HTML is made (not Material's templates, not ours):
    # dropped, it is a third less memory at 20,000 reports. "" rather than None:
    # Page.title answers None for a page whose markdown is None.
    page.markdown = ""
    return html


def on_page_context(context, page, config, nav, **kwargs):
    if is_report(page):
        context["report"] = getattr(page, "mb_report", None) or report_view(page.meta)
        context["report_page"] = page_extras(page, page.meta)
        context["relations"] = relations_for(page, config)
    return context


def copy_originals(sources: Path, site_dir: Path, wanted: dict[str, str]) -> list[str]:
    """Copy each original into the site; return the ones that could not be copied."""
    missing = []
    for target, rel in sorted(wanted.items()):
        src = sources / rel
        if not src.is_file():
            missing.append(rel)
            continue
        dest = site_dir / target
        dest.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(src, dest)
    return missing


def _deterministic_sitemap_gz(site_dir: Path) -> None:
    xml = site_dir / "sitemap.xml"
    if not xml.is_file():
        return
    with open(site_dir / "sitemap.xml.gz", "wb") as raw:
        with gzip.GzipFile(fileobj=raw, filename="", mode="wb", mtime=0) as gz:
            gz.write(xml.read_bytes())


def on_post_build(config, **kwargs):
    site_dir = Path(config.site_dir)
    sources = Path(config.config_file_path).resolve().parent / SOURCES_DIR
    for rel in copy_originals(sources, site_dir, _originals):
        log.warning("Không tìm thấy tệp gốc '%s' trong %s.", rel, sources)
    _deterministic_sitemap_gz(site_dir)


# ------------------------------------------------------------ relations (issue #18)
#
# The "Lược đồ" of a report page: documents it is based on / implements / mentions,
# reports citing it, previous and next period of its series. Computed by the cross-pages
# step (minhbach/crosspages/documents/relations.py) into _generated/quan-he/<folder>.json (not
# published); read here once per folder file and build, rendered by
# overrides/partials/relations.html (plain text values, the template escapes).

_relations_files: dict[str, tuple[int, dict]] = {}


def relations_for(page, config) -> dict | None:
    """The relations of a report page, or None (no data, or nothing related)."""
    from minhbach.crosspages.documents.relations import shard_of

    src = page.file.src_uri
    path = Path(config.docs_dir) / shard_of(src)
    try:
        stamp = path.stat().st_mtime_ns
    except OSError:
        return None
    cached = _relations_files.get(str(path))
    if cached is None or cached[0] != stamp:
        import json

        try:
            data = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            log.warning("Không đọc được dữ liệu liên kết văn bản '%s'; chạy lại bước tạo trang tổng hợp.", path)
            data = {}
        _relations_files[str(path)] = cached = (stamp, data)
    found = cached[1].get(src)
    return found if isinstance(found, dict) and found else None
