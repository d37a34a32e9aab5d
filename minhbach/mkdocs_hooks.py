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

def format_date(value: Any) -> str | None:
    """ISO date as precise as known → Vietnamese: 10/5/2018, tháng 5/2024, năm 2023."""
    if value is None or value == "":
        return None
    if isinstance(value, _dt.date):
        return f"{value.day}/{value.month}/{value.year}"
    text = str(value).strip()
    m = re.fullmatch(r"(\d{4})(?:-(\d{1,2})(?:-(\d{1,2}))?)?", text)
    if not m:
        return text
    year, month, day = m.groups()
    if day:
        return f"{int(day)}/{int(month)}/{year}"
    if month:
        return f"tháng {int(month)}/{year}"
    return f"năm {year}"


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
class ReportView:
    """What the metadata panel shows; every string is plain text (templates escape)."""

    type: str | None
    number: str | None  # None → "chưa ghi số"
    units: tuple[Link, ...]
    province: Link | None
    province_2025: Link | None
    place: str | None
    issued: str | None
    issued_iso: str | None
    period: str | None
    signers: tuple[str, ...]
    recipients: tuple[str, ...]
    topics: tuple[Link, ...]
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


def report_view(meta: dict[str, Any]) -> ReportView:
    source = meta.get("source") or {}
    src_path = safe_source_path(source.get("path")) if isinstance(source, dict) else None
    province = meta.get("province")
    province_2025 = meta.get("province_2025")
    topics = tuple(
        Link(_topic_label(str(t)), TOPIC_PAGES.get(str(t))) for t in _list(meta.get("topics"))
    )
    return ReportView(
        type=meta.get("type") or None,
        number=meta.get("number") or None,
        units=tuple(Link(str(u), f"co-quan/{slugify(str(u))}/") for u in _list(meta.get("units"))),
        province=Link(str(province), f"tinh/{slugify(str(province))}/") if province else None,
        province_2025=(Link(str(province_2025), f"tinh-2025/{slugify(str(province_2025))}/")
                       if province_2025 else None),
        place=meta.get("place") or None,
        issued=format_date(meta.get("issued")),
        issued_iso=iso_date(meta.get("issued")),
        period=format_period(meta.get("period")),
        signers=tuple(s for s in (format_signer(x) for x in _list(meta.get("signers"))) if s),
        recipients=tuple(str(r) for r in _list(meta.get("recipients"))),
        topics=topics,
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


# ------------------------------------------------------------------------ hooks

_originals: dict[str, str] = {}  # site-relative target → source path (relative to sources/)


def on_config(config, **kwargs):
    _originals.clear()
    _fragments.clear()
    config.mdx_configs.setdefault("toc", {})["slugify"] = toc_slugify
    # The extension reads the guard flag that on_page_markdown sets.
    config.markdown_extensions.append(ReportTextExtension())
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
