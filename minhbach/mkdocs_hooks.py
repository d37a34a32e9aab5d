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

import datetime as _dt
import functools
import gzip
import logging
import posixpath
import re
import shutil
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from typing import Any

from markdown import Extension
from markdown.inlinepatterns import InlineProcessor
from markdown.preprocessors import Preprocessor
from markupsafe import Markup, escape

from converters import fields
from converters.text.vietnamese import fold_word

from .display import format_date  # noqa: F401 (one date format: minhbach/display.py)

log = logging.getLogger("mkdocs.minhbach")

ORIGINALS_DIR = "nguon"
SOURCES_DIR = "sources"  # relative to the folder of mkdocs.yml

NAV_STUB = "# {title}\n\nTrang này được tạo khi dựng trang web từ các báo cáo; hiện chưa có nội dung.\n"


# --------------------------------------------------------------------------- toc

from converters.text.vietnamese import fast_slugify as slugify  # noqa: E402


def toc_slugify(value: str, separator: str = "-") -> str:
    """Heading ids for Python-Markdown's toc: Vietnamese, đ → d, tones dropped."""
    slug = slugify(value)
    return slug.replace("-", separator) if separator != "-" else slug


# ------------------------------------------------------- report text stays text

class _Guard:
    """True while the page being rendered is a report page."""

    active = False


class _GuardedHtmlBlock(Preprocessor):
    def __init__(self, md, inner):
        super().__init__(md)
        self.inner = inner

    def run(self, lines):
        return lines if _Guard.active else self.inner.run(lines)


class _GuardedInlineHtml(InlineProcessor):
    def __init__(self, inner):
        super().__init__(inner.pattern)
        self.inner = inner
        self.md = inner.md

    def handleMatch(self, m, data):  # noqa: N802 (Markdown API)
        if _Guard.active:
            return None, None, None
        return self.inner.handleMatch(m, data)


class ReportTextExtension(Extension):
    """Raw HTML is not HTML on report pages (it is escaped like any text)."""

    def extendMarkdown(self, md):  # noqa: N802 (Markdown API)
        block = md.preprocessors["html_block"]
        md.preprocessors.register(_GuardedHtmlBlock(md, block), "html_block", 20)
        inline = md.inlinePatterns["html"]
        md.inlinePatterns.register(_GuardedInlineHtml(inline), "html", 90)


# attr_list syntax anywhere: "{: ...}" or "{#...}" / "{.x}" / "{k=v}"
_ATTR_RE = re.compile(r"(?<!\\)\{(:?[ ]*[^}\n]*)\}")
_PARA_ANCHOR_RE = re.compile(r"^:[ ]*#p-\d+[ ]*$")


def _neutralise_attr_lists(markdown: str) -> str:
    """Keep ``{: #p-N }``; any other attribute list in report text becomes text."""

    def repl(m: re.Match) -> str:
        inner = m.group(1)
        if _PARA_ANCHOR_RE.match(inner):
            return m.group(0)
        return "\\{" + inner + "\\}"

    return _ATTR_RE.sub(repl, markdown)


# ------------------------------------------------------------ metadata formats

def iso_date(value: Any) -> str | None:
    if value is None or value == "":
        return None
    if isinstance(value, _dt.date):
        return value.isoformat()
    return str(value)


def format_period(period: Any) -> str | None:
    if not period:
        return None
    if isinstance(period, str):
        return period
    label = period.get("label")
    if label:
        return str(label)
    start, end = format_date(period.get("start")), format_date(period.get("end"))
    if start and end:
        return f"từ {start} đến {end}"
    return start or end


def format_signer(signer: Any) -> str | None:
    if isinstance(signer, str):
        return signer
    if not isinstance(signer, dict):
        return None
    role, name = signer.get("role"), signer.get("name")
    if role and name:
        return f"{role}: {name}"
    return role or name


def safe_source_path(path: Any) -> str | None:
    """``source.path`` if it is a plain relative POSIX path inside sources/, else None."""
    if not isinstance(path, str) or not path or "\\" in path or "\x00" in path:
        return None
    pure = PurePosixPath(path)
    if pure.is_absolute() or ".." in pure.parts or path.startswith("~"):
        return None
    if re.match(r"^[A-Za-z]:", path):
        return None
    norm = posixpath.normpath(path)
    return norm if norm not in (".", "") else None


@dataclass(frozen=True)
class Link:
    text: str
    href: str | None  # relative to the site root, no leading slash


def _list(value: Any) -> list:
    if value is None:
        return []
    if isinstance(value, (list, tuple)):
        return [v for v in value if v not in (None, "")]
    return [value]


@dataclass(frozen=True)
class PanelRow:
    """One row of the metadata panel, from its field in converters/fields.py (label,
    display, the text when empty); every string is plain text (templates escape)."""

    name: str  # the field; the row's CSS class is mb-meta__<name with - for _>
    label: str
    display: str  # fields.DISPLAYS
    values: tuple[Link, ...]
    none: str | None  # shown when there is no value
    datetime: str | None = None  # display "date": the ISO value
    suffix: str | None = None  # display "date": the place

    @property
    def css(self) -> str:
        return "date" if self.name == "issued" else self.name.replace("_", "-")


@dataclass(frozen=True)
class ReportView:
    """What the report page shows besides its text; every string is plain text."""

    rows: tuple[PanelRow, ...]  # the metadata panel, in fields.PANEL order
    number: str | None  # None → "chưa ghi số"
    cites: tuple[Link, ...]
    original: str | None  # site-relative URL of the original file
    original_name: str | None
    original_format: str | None


@functools.lru_cache(maxsize=1)
def topic_labels() -> dict[str, str]:
    """Topic code → Vietnamese label, from converters/data/vocabulary.yaml."""
    import converters
    import yaml

    path = Path(converters.__file__).parent / "data" / "vocabulary.yaml"
    try:
        topics = (yaml.safe_load(path.read_text(encoding="utf-8")) or {}).get("topics") or {}
    except OSError:
        return {}
    return {str(code): str(v.get("label") or code) for code, v in topics.items() if isinstance(v, dict)}


def _topic_label(code: str) -> str:
    return topic_labels().get(code, code)


TOPIC_PAGES = {"dan-van-kheo": "dan-van-kheo/", "cai-cach-hanh-chinh": "cai-cach-hanh-chinh/"}


@dataclass(frozen=True)
class SearchSpan:
    """One hidden element of overrides/partials/search-attrs.html: Pagefind reads a filter,
    meta or sort value from it (attrs: ((data-pagefind-filter, "tinh"), …))."""

    attrs: tuple[tuple[str, str], ...]
    text: str


def search_spans(meta: dict[str, Any]) -> tuple[SearchSpan, ...]:
    """A report page's Pagefind filters, meta and sort values, from the fields' search names
    (converters/fields.py SEARCH): a list gives one filter element per value and one meta
    element with the values joined by "; "; a date gives its year as the filter value."""
    spans: list[SearchSpan] = []
    for field in fields.SEARCH:
        # plain text (the hooks turn page titles into escaped Markup; the template escapes)
        values = [v.unescape() if isinstance(v, Markup) else str(v) for v in _list(meta.get(field.name))]
        if not values:
            continue
        if field.kind == "list":
            spans += [SearchSpan((("data-pagefind-filter", field.search_filter),), v)
                      for v in values if field.search_filter]
            if field.search_meta:
                spans.append(SearchSpan((("data-pagefind-meta", field.search_meta),), "; ".join(values)))
        elif field.kind == "date":
            if field.search_filter:
                spans.append(SearchSpan((("data-pagefind-filter", field.search_filter),), values[0][:4]))
            spans += [SearchSpan(((attr, name),), values[0]) for attr, name in
                      (("data-pagefind-meta", field.search_meta), ("data-pagefind-sort", field.search_sort)) if name]
        else:
            attrs = tuple((attr, name) for attr, name in (("data-pagefind-filter", field.search_filter),
                                                          ("data-pagefind-meta", field.search_meta)) if name)
            spans.append(SearchSpan(attrs, values[0]))
    return tuple(spans)


def _panel_values(field: fields.Field, meta: dict[str, Any]) -> tuple[Link, ...]:
    """A field's values as the panel shows them: formatted by its kind, linked to its
    cross-page (``link_to``); topics by their label and page."""
    value = meta.get(field.name)
    if field.name == "topics":
        return tuple(Link(_topic_label(str(t)), TOPIC_PAGES.get(str(t))) for t in _list(value))
    if field.name == "number":
        from .report_page import number_text

        text = number_text(meta)  # a draft's known ký hiệu: "…/BC-STTTT (chưa ghi số)"
        return (Link(text, None),) if text else ()
    if field.kind == "date":
        texts = [format_date(value)]
    elif field.kind == "period":
        texts = [format_period(value)]
    elif field.kind == "signers":
        texts = [format_signer(x) for x in _list(value)]
    else:
        texts = [str(v) for v in _list(value)]
    return tuple(Link(text, f"{field.link_to}/{slugify(text)}/" if field.link_to else None)
                 for text in texts if text)


def report_view(meta: dict[str, Any]) -> ReportView:
    source = meta.get("source") or {}
    src_path = safe_source_path(source.get("path")) if isinstance(source, dict) else None
    rows = []
    for field in fields.PANEL:
        values = _panel_values(field, meta)
        if not values and field.none is None:
            continue
        date = field.display == "date"
        rows.append(PanelRow(field.name, field.label or "", field.display, values, field.none,
                             datetime=iso_date(meta.get(field.name)) if date else None,
                             suffix=(meta.get("place") or None) if date else None))
    return ReportView(
        rows=tuple(rows),
        number=meta.get("number") or None,
        cites=tuple(Link(str(c), f"van-ban/{slugify(str(c))}/") for c in _list(meta.get("cites"))),
        original=f"{ORIGINALS_DIR}/{src_path}" if src_path else None,
        original_name=PurePosixPath(src_path).name if src_path else None,
        original_format=(source.get("format") if isinstance(source, dict) else None) or None,
    )


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
