"""Build the real site from the samples in a temporary copy of the project.

Used by the site tests (a real ``minhbach build``: convert, cross-pages, MkDocs,
Pagefind), never writing into the repository's own content/ or site/."""
from __future__ import annotations

import re
import shutil
from html import unescape
from pathlib import Path

from conftest import ROOT, SAMPLES

# Hand-written content only: generated folders are produced by the build itself.
GENERATED = {"reports", "tinh", "tinh-2025", "co-quan", "van-ban", "dan-van-kheo",
             "cai-cach-hanh-chinh", "du-lieu", "_generated", "generated"}

# A report written from the layout rules whose text looks like markup.
HOSTILE_REPORT = """\
ỦY BAN NHÂN DÂN
TỈNH HÀ NAM

Số: 77/BC-UBND

Hà Nam, ngày 3 tháng 4 năm 2023

**BÁO CÁO**

Kết quả công tác dân vận chính quyền <i>quý I</i> năm 2023

## Kết quả đạt được

Đoạn văn có thẻ <script>alert("xss")</script> và <b>chữ đậm giả</b> ở giữa câu.

Mẫu {{ config.site_name }} và {% raw %} phải hiện nguyên như chữ.

Câu có thuộc tính giả {: onclick="alert(1)" } ở cuối.

## Kết quả đạt được

Nội dung lặp tiêu đề; <img src=x onerror=alert(2)> không được thành ảnh.

Nơi nhận:
- Như trên;
- Lưu: VT.

TM. ỦY BAN NHÂN DÂN
CHỦ TỊCH
"""


# A report page written by hand (front matter as the converter writes it) whose
# metadata values look like markup: the panel, <title> and header must escape them.
HOSTILE_PAGE = """\
---
title: Báo cáo <i>thử</i> & "trích dẫn" <script>alert(3)</script>
type: Báo cáo
number: 5/BC-<b>X</b>
units: [Sở <b>Nội vụ</b>]
province: Hà Nam
province_2025: Ninh Bình
issued: 2018-05-10
period: {label: Quý <u>I</u>, start: 2018-01-01, end: 2018-03-31}
signers: [{role: <em>Giám đốc</em>, name: null}]
recipients: [<a href="x">Lưu</a>]
cites: [33/CT-TTg, <x>/1]
topics: [dan-van-kheo]
source: {path: kiem-thu/bao-cao-co-ma.txt, sha256: x, format: txt}
---

Nội dung.
"""


def make_project(dest: Path) -> Path:
    """A copy of the project's site inputs plus the samples and HOSTILE_REPORT."""
    dest.mkdir(parents=True, exist_ok=True)
    shutil.copy2(ROOT / "mkdocs.yml", dest / "mkdocs.yml")
    shutil.copytree(ROOT / "overrides", dest / "overrides",
                    ignore=shutil.ignore_patterns("__pycache__"))
    content = dest / "content"
    content.mkdir()
    for item in (ROOT / "content").iterdir():
        if item.name in GENERATED:
            continue
        if item.is_dir():
            shutil.copytree(item, content / item.name)
        else:
            shutil.copy2(item, content / item.name)
    shutil.copytree(SAMPLES, dest / "sources" / "samples")
    extra = dest / "sources" / "kiem-thu"
    extra.mkdir(parents=True)
    (extra / "bao-cao-co-ma.txt").write_text(HOSTILE_REPORT, encoding="utf-8")
    (content / "kiem-thu").mkdir()
    (content / "kiem-thu" / "trang-tay.md").write_text(HOSTILE_PAGE, encoding="utf-8")
    return dest


def build(project: Path) -> Path:
    from minhbach import nightly as pipeline

    pipeline.build(project)  # non-zero when a source had a problem; the site is built anyway
    site = project / "site"
    assert (site / "index.html").is_file(), "minhbach build produced no site/index.html"
    return site


def report_sources(project: Path, folder: str = "reports") -> list[tuple[str, dict, str]]:
    """(site URL "/reports/…/", front matter, Markdown body) of every report page under
    ``content/<folder>`` (every page with a source; folder "" for all of content/, the
    hand-written test page included), in path order."""
    from converters.frontmatter import from_markdown

    out = []
    for md in sorted((project / "content" / folder).rglob("*.md")):
        meta, body = from_markdown(md.read_text(encoding="utf-8"))
        if "source" not in meta:
            continue  # a listing page of the cross-pages helper
        rel = md.relative_to(project / "content").with_suffix("").as_posix()
        out.append((f"/{rel}/", meta, body))
    return out


def report_pages(project: Path) -> list[tuple[dict, Path]]:
    """(front matter, built HTML file) for every generated report page."""
    return [(meta, project / "site" / url.strip("/") / "index.html") for url, meta, _body in report_sources(project)]


def text_of(fragment: str) -> str:
    return re.sub(r"\s+", " ", unescape(re.sub(r"<[^>]+>", " ", fragment))).strip()


def meta_row(html: str, name: str) -> str | None:
    """The <dd> of the metadata panel row ``mb-meta__<name>`` (raw HTML) or None."""
    m = re.search(r'<div class="mb-meta__row mb-meta__' + re.escape(name) + r'">'
                  r"<dt[^>]*>.*?</dt><dd>(.*?)</dd></div>", html, re.S)
    return m.group(1) if m else None


def all_files(site: Path) -> dict[str, bytes]:
    return {p.relative_to(site).as_posix(): p.read_bytes() for p in sorted(site.rglob("*")) if p.is_file()}


def samples_project(base: Path) -> Path:
    """A project of the five samples in ``base/du-an`` (mkdocs.yml, overrides/, hooks and the
    hand-written content/ of this repository, nothing generated): the nightly tests and
    scripts/bench_night.py build it."""
    from minhbach.nightly import plan

    proj = base / "du-an"
    proj.mkdir(parents=True)
    shutil.copy2(ROOT / "mkdocs.yml", proj / "mkdocs.yml")
    shutil.copytree(ROOT / "overrides", proj / "overrides")
    for hook in plan.mkdocs_hooks(ROOT / "mkdocs.yml"):
        rel = hook.relative_to(ROOT)
        (proj / rel).parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(hook, proj / rel)
    (proj / "content").mkdir()
    for item in (ROOT / "content").iterdir():
        if item.name not in plan.GENERATED:
            (shutil.copytree if item.is_dir() else shutil.copy2)(item, proj / "content" / item.name)
    shutil.copytree(SAMPLES, proj / "sources" / "samples")
    return proj
