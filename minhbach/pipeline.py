"""``minhbach build`` / ``minhbach check``: the nightly pipeline.

    sources/ ──scan──▶ inputs ──convert (cached)──▶ pages + problems
      ──stage──▶ .minhbach/stage/docs (report pages + cross-pages) ──swap into content/
      ──render──▶ site.new/ ──check──▶ swap with site/ (site.old kept until done)
      ──▶ build/problems.json, build/problems.md (never inside site/)

Guarantees:
* one build at a time (lock); a build that fails or is killed leaves the
  previous site/ serving, and the next run cleans up after it;
* nothing dropped silently: inputs = published + not published (problems.py);
* incremental: conversions are cached by content; when the fingerprint of every
  input equals the live site's, nothing is rebuilt ("không có gì thay đổi");
* deterministic: same inputs → same content/ and (given a deterministic
  renderer) byte-identical site/;
* writes only under content/, site*, build/, .minhbach/.

Exit codes: 0 published, no errors (warnings allowed); 1 published, with
errors (some sources not published, or a sidecar rejected); 2 nothing
published (build failed, refused, or another build running) — the previous
site is kept.

Required fields: ``title`` and ``type`` (a page without them is not published:
fix the source or add them in a .meta.yaml); ``number`` and ``issued`` missing
give a warning (drafts are often unnumbered and undated).
"""
from __future__ import annotations

import dataclasses
import json
import os
import stat
import traceback
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from . import cache as cache_mod
from converters import sidecar

from . import pages, publish
from .problems import ERROR, WARNING, Ignored, Outcome, Problem, from_json, write_atomic, write_reports
from .progress import Progress, seconds

DEFAULT_MAX_MB = 20.0  # larger sources are rejected ("too large"); --max-mb / MINHBACH_MAX_MB
# Top-level entries of the docs dir that builds generate (site contract); the rest is hand-written.
GENERATED = frozenset({"reports", "tinh", "tinh-2025", "co-quan", "dan-van-kheo", "cai-cach-hanh-chinh",
                       "van-ban", "du-lieu", "_generated", "generated"})
RENDER_TOOLS = ("mkdocs", "mkdocs-material", "pymdown-extensions", "pagefind", "pagefind-bin", "Markdown")
MAX_SHRINK = 0.5  # refuse to publish when the page count falls by more than this (unless allowed)
REQUIRED = ("title",)  # a readable document without a type line is published, with a warning
WANTED = ("type", "number", "issued")

_ERROR_CODES = {
    "EmptyFile": "empty", "BinaryFile": "binary", "UndecodableText": "undecodable",
    "UnsupportedFormat": "unsupported", "NeedsOCR": "needs-ocr", "NotAReport": "not-a-report",
    "UnreadableFile": "unreadable",
}


@dataclass(frozen=True)
class Options:
    project: Path
    max_bytes: int = int(DEFAULT_MAX_MB * 1024 * 1024)
    force: bool = False
    quiet: bool = False
    allow_shrink: bool = False
    tty: bool | None = None  # progress bar; None = stderr.isatty()


@dataclass
class Input:
    rel: str  # relative to sources/, POSIX
    path: Path
    sha: str | None = None
    sidecar: sidecar.Sidecar | None = None
    sidecar_sha: str | None = None


@dataclass
class Plan:
    """The result of scanning and converting: what a build would publish."""

    outcome: Outcome
    inputs: list[Input]
    results: dict[str, dict] = field(default_factory=dict)  # rel → {"page", "markdown", "front_matter"}
    fingerprint: dict[str, str] = field(default_factory=dict)  # part → hash
    hashes: cache_mod.HashCache | None = None
    conversions: cache_mod.ConversionCache | None = None


def max_bytes_from(value: float | None) -> int:
    mb = value if value is not None else float(os.environ.get("MINHBACH_MAX_MB", DEFAULT_MAX_MB))
    return int(mb * 1024 * 1024)


# ---------------------------------------------------------------- paths
def _dirs(project: Path) -> dict[str, Path]:
    state = project / ".minhbach"
    return {
        "sources": project / "sources",
        "content": project / "content",
        "site": project / "site",
        "site_new": project / "site.new",
        "build": project / "build",
        "state_dir": state,
        "state": state / "published.json",
        "stage": state / "stage",
        "cache": state / "cache" / "pages",
        "hashes": state / "cache" / "hashes.json",
        "lock": state / "build.lock",
    }


def _shown(path: Path, project: Path) -> str:
    try:
        text = path.relative_to(project).as_posix()
    except ValueError:
        text = path.as_posix()
    return _printable(text)


def _printable(text: str) -> str:
    """File names that are not valid UTF-8 come as surrogates: show them replaced."""
    return text.encode("utf-8", "surrogateescape").decode("utf-8", "replace")


# ---------------------------------------------------------------- scan
def scan(project: Path, sources: Path, outcome: Outcome, hashes: cache_mod.HashCache,
         max_bytes: int) -> list[Input]:
    """Every file under sources/ becomes an Input, a problem, or a listed ignored entry."""
    inputs: list[Input] = []
    sidecars: dict[str, Path] = {}
    if not sources.is_dir():
        return inputs
    root = sources.resolve()

    def error(rel: str, path: Path, code: str, reason: str, advice: str) -> None:
        outcome.inputs.append(rel)
        outcome.problems.append(Problem(_shown(path, project), code, ERROR, False, reason, advice, rel))

    for dirpath, dirnames, filenames in os.walk(sources, followlinks=False):
        here = Path(dirpath)
        dirnames.sort()
        for name in list(dirnames):
            p = here / name
            rel = _printable(p.relative_to(sources).as_posix())
            if name.startswith("."):
                dirnames.remove(name)
                outcome.ignored.append(Ignored(_shown(p, project), "thư mục ẩn (tên bắt đầu bằng dấu chấm)"))
            elif p.is_symlink():
                dirnames.remove(name)
                target = p.resolve()
                if target == root or root in target.parents:
                    outcome.ignored.append(Ignored(_shown(p, project),
                                                   "thư mục liên kết (symlink) tới một thư mục đã có trong sources/"))
                else:
                    error(rel, p, "symlink-outside", "liên kết (symlink) trỏ ra ngoài sources/, bỏ qua",
                          "chép các tệp vào sources/ thay vì tạo liên kết")
        for name in sorted(filenames):
            p = here / name
            rel = _printable(p.relative_to(sources).as_posix())
            if name.startswith("."):
                outcome.ignored.append(Ignored(_shown(p, project), "tệp ẩn (tên bắt đầu bằng dấu chấm)"))
                continue
            if p.is_symlink():
                target = p.resolve()
                if not target.exists():
                    error(rel, p, "broken-symlink", "liên kết (symlink) hỏng, không trỏ tới tệp nào",
                          "xóa liên kết hoặc chép tệp thật vào sources/")
                    continue
                if not (root in target.parents):
                    error(rel, p, "symlink-outside", "liên kết (symlink) trỏ ra ngoài sources/, bỏ qua",
                          "chép tệp vào sources/ thay vì tạo liên kết")
                    continue
                outcome.ignored.append(Ignored(
                    _shown(p, project),
                    f"liên kết tới {_printable(target.relative_to(root).as_posix())} (tệp đó được xử lý riêng)"))
                continue
            if sidecar.is_sidecar(p):
                sidecars[rel] = p
                continue
            if rel != p.relative_to(sources).as_posix():
                error(rel, p, "bad-name", "tên tệp không phải UTF-8", "đổi tên tệp (chỉ dùng chữ Unicode)")
                continue
            try:
                st = p.stat()
            except OSError as exc:
                error(rel, p, "unreadable", f"không đọc được tệp ({exc.strerror})", "kiểm tra quyền đọc")
                continue
            if not stat.S_ISREG(st.st_mode):
                error(rel, p, "not-a-file", "không phải tệp thường (thiết bị, FIFO…)", "xóa nó khỏi sources/")
                continue
            if st.st_size > max_bytes:
                error(rel, p, "too-large",
                      f"tệp quá lớn ({_mb(st.st_size)} MB > giới hạn {_mb(max_bytes)} MB)",
                      "kiểm tra tệp có đúng là một báo cáo không; nếu đúng, chạy lại với --max-mb lớn hơn"
                      " (hoặc biến MINHBACH_MAX_MB)")
                continue
            try:
                sha = hashes.sha256(p, rel)
            except OSError as exc:
                error(rel, p, "unreadable", f"không đọc được tệp ({exc.strerror})", "kiểm tra quyền đọc")
                continue
            inputs.append(Input(rel, p, sha))

    # sidecars: attach to their source(s); a sidecar without a source is listed
    by_stem: dict[str, list[Input]] = {}
    for inp in inputs:
        by_stem.setdefault(sidecar.sidecar_for(Path(inp.rel)).as_posix(), []).append(inp)
    for rel, p in sorted(sidecars.items()):
        owners = by_stem.get(rel)
        shown = _shown(p, project)
        if not owners:
            outcome.problems.append(Problem(
                shown, "sidecar-orphan", WARNING, True,
                "tệp .meta.yaml không có tệp báo cáo cùng tên bên cạnh",
                "đặt tên nó theo tệp báo cáo (bao-cao.txt → bao-cao.meta.yaml) hoặc xóa nó", None))
            continue
        loaded = sidecar.load(p, shown)
        digest = hashes.sha256(p, rel)
        for inp in owners:
            inp.sidecar, inp.sidecar_sha = loaded, digest
    return inputs


def _mb(n: int) -> str:
    return f"{n / 1024 / 1024:.1f}".replace(".", ",")


# ---------------------------------------------------------------- convert
def convert_one(inp: Input, sources: Path, project: Path) -> dict:
    """Convert one source (with its sidecar): {"page", "markdown", "front_matter", "problems"}
    or {"problems"} when it cannot be published. Pure function of the inputs: cached."""
    import converters
    from converters import errors
    from converters.frontmatter import front_matter, to_markdown

    shown = _shown(inp.path, project)
    found: list[Problem] = []

    def add(code: str, severity: str, published: bool, reason: str, advice: str = "", path: str | None = None):
        found.append(Problem(path or shown, code, severity, published, reason, advice, inp.rel))

    try:
        result = converters.convert(inp.path, sources, sidecar=inp.sidecar)
    except errors.ConversionError as exc:
        reason = exc.reason + (f" ({exc.detail})" if exc.detail else "")
        add(_ERROR_CODES.get(type(exc).__name__, "conversion"), ERROR, False, reason, exc.advice)
        return {"problems": found}
    except Exception as exc:  # a converter bug must not stop the nightly run
        add("converter-crash", ERROR, False,
            f"lỗi chương trình khi chuyển đổi: {type(exc).__name__}: {exc}",
            "báo cho nhóm phát triển, kèm tệp này", None)
        return {"problems": found, "crash": True}
    for note in result.notes:
        add(note.code, ERROR if note.code == "sidecar" else WARNING, True, note.reason, note.advice, note.path)
    doc = result.document
    missing = [k for k in REQUIRED if not getattr(doc, k)]
    if missing:
        names = {"title": "tiêu đề"}
        add("missing-" + missing[0], ERROR, False,
            "thiếu " + " và ".join(names[k] for k in missing) + ", không xuất bản",
            f"bổ sung trong tệp {sidecar.sidecar_for(Path(inp.rel)).name} bên cạnh (xem README)")
        return {"problems": found}
    if not doc.type:
        add("missing-type", WARNING, True, "không nhận ra loại văn bản; trang vẫn được đăng",
            f"ghi loại văn bản (type) vào {sidecar.sidecar_for(Path(inp.rel)).name}")
    if not doc.number:
        add("missing-number", WARNING, True, "văn bản chưa có số (bản dự thảo?)",
            f"nếu văn bản đã có số, ghi vào {sidecar.sidecar_for(Path(inp.rel)).name}")
    if not doc.issued:
        add("missing-date", WARNING, True, "không tìm thấy ngày ban hành",
            f"ghi ngày (issued) vào {sidecar.sidecar_for(Path(inp.rel)).name}")
    page = pages.page_path(doc)
    fm = json.loads(json.dumps(front_matter(doc), ensure_ascii=False))  # same shape as from the cache
    return {"page": page, "markdown": to_markdown(doc), "front_matter": fm, "problems": found}


def _problem(d: dict) -> Problem:
    return Problem(**d)


def converter_salt(project: Path) -> str:
    import converters

    here = Path(__file__).parent
    return cache_mod.fingerprint({
        "converter_version": getattr(converters, "CONVERTER_VERSION", "?"),
        "converters": cache_mod.code_hash(["converters"]),
        "pipeline": cache_mod.hash_tree([here / "pages.py", here / "pipeline.py",
                                         here / "problems.py"], here),
    })


def plan(opts: Options, progress: Progress) -> Plan:
    """Scan and convert everything (used by both build and check)."""
    d = _dirs(opts.project)
    outcome = Outcome()
    hashes = cache_mod.HashCache(d["hashes"])
    progress.stage("Quét sources/")
    inputs = scan(opts.project, d["sources"], outcome, hashes, opts.max_bytes)
    conv = cache_mod.ConversionCache(d["cache"], converter_salt(opts.project))
    result = Plan(outcome, inputs, hashes=hashes, conversions=conv)
    result.fingerprint = _fingerprint(opts, d, inputs, outcome, conv.salt)
    return result


def convert_all(opts: Options, p: Plan, progress: Progress) -> None:
    d = _dirs(opts.project)
    progress.stage("Chuyển đổi", len(p.inputs))
    for i, inp in enumerate(p.inputs, 1):
        key = p.conversions.key(inp.rel, inp.sha, inp.sidecar_sha)
        res = p.conversions.get(key)
        if res is None:
            res = convert_one(inp, d["sources"], opts.project)
            if not res.get("crash"):
                p.conversions.put(key, {k: [dataclasses.asdict(x) for x in v] if k == "problems" else v
                                        for k, v in res.items()})
        else:
            res = dict(res, problems=[_problem(x) for x in res["problems"]])
        p.outcome.inputs.append(inp.rel)
        p.outcome.problems.extend(res["problems"])
        if "page" in res:
            p.results[inp.rel] = res
        progress.advance(i)
    progress.done()
    _cross_checks(opts, p)
    p.outcome.pages = {rel: r["page"] for rel, r in p.results.items()}
    p.outcome.check()


def _cross_checks(opts: Options, p: Plan) -> None:
    """Problems that need all pages: same URL, same number, same content."""
    shown = {inp.rel: _shown(inp.path, opts.project) for inp in p.inputs}
    by_page: dict[str, list[str]] = {}
    for rel in sorted(p.results):
        by_page.setdefault(p.results[rel]["page"], []).append(rel)
    for page, rels in sorted(by_page.items()):
        for rel in rels[1:]:  # the first (by source path) keeps the URL; never overwrite silently
            del p.results[rel]
            p.outcome.problems.append(Problem(
                shown[rel], "url-collision", ERROR, False,
                f"trùng địa chỉ trang {page} với {shown[rels[0]]}, không xuất bản",
                "đổi tên tệp hoặc sửa tiêu đề trong .meta.yaml", rel))
    groups: dict[tuple, list[str]] = {}
    for rel, r in sorted(p.results.items()):
        fm = r["front_matter"]
        if fm.get("number"):
            key = (fm["number"], (fm.get("issued") or "")[:4], fm.get("province"))
            groups.setdefault(key, []).append(rel)
    for key, rels in sorted(groups.items(), key=lambda kv: kv[1]):
        _warn_each(p, shown, rels, "duplicate-number",
                   lambda others, key=key: f"cùng số {key[0]} với {others} — cả hai đều được xuất bản",
                   "kiểm tra số văn bản; sửa trong .meta.yaml nếu sai")
    by_sha: dict[str, list[str]] = {}
    for inp in p.inputs:
        if inp.rel in p.results:
            by_sha.setdefault(inp.sha, []).append(inp.rel)
    for rels in by_sha.values():
        _warn_each(p, shown, rels, "duplicate-content",
                   lambda others: f"nội dung trùng hệt với {others} — mỗi tệp thành một trang riêng",
                   "xóa bản thừa nếu đó là cùng một văn bản")


def _warn_each(p, shown: dict[str, str], rels: list[str], code: str, reason, advice: str) -> None:
    """One warning per file of a group of two or more that look alike, naming the others."""
    if len(rels) < 2:
        return
    for rel in rels:
        others = ", ".join(shown[o] for o in rels if o != rel)
        p.outcome.problems.append(Problem(shown[rel], code, WARNING, True, reason(others), advice, rel))


# ---------------------------------------------------------------- fingerprint
def _fingerprint(opts: Options, d: dict[str, Path], inputs: list[Input], outcome: Outcome,
                 salt: str) -> dict[str, str]:
    project = opts.project
    previous = set(cache_mod.read_state(d["state"]).get("generated", []))
    generated = GENERATED | previous
    content = d["content"]
    hand = [c for c in sorted(content.iterdir()) if c.name not in generated] if content.is_dir() else []
    mkdocs_yml = project / "mkdocs.yml"
    hooks = _mkdocs_hooks(mkdocs_yml)
    parts = {
        "salt": salt,
        "inputs": [(i.rel, i.sha, i.sidecar_sha) for i in inputs],
        "problems_at_scan": sorted(p.line() for p in outcome.problems),
        "ignored": sorted(i.path for i in outcome.ignored),
        "code": cache_mod.code_hash(["minhbach", "converters"]),
        "config": cache_mod.hash_tree([mkdocs_yml, project / "overrides", *hooks], project),
        "hand_written": cache_mod.hash_tree(hand, project),
        "tools": cache_mod.tool_versions(RENDER_TOOLS),
        "max_bytes": opts.max_bytes,
    }
    return {k: cache_mod.fingerprint({k: v}) for k, v in parts.items()}


_PART_NAMES = {"salt": "bộ chuyển đổi", "inputs": "tệp nguồn", "problems_at_scan": "tệp nguồn",
               "ignored": "tệp bỏ qua", "code": "mã chương trình", "config": "cấu hình (mkdocs.yml, overrides/)",
               "hand_written": "trang viết tay trong content/", "tools": "phiên bản công cụ",
               "max_bytes": "giới hạn kích thước"}


def _changed(old: dict, new: dict) -> str:
    names = sorted({_PART_NAMES.get(k, k) for k in new if old.get(k) != new[k]})
    return ", ".join(names)


def _mkdocs_hooks(mkdocs_yml: Path) -> list[Path]:
    """Files mkdocs.yml pulls in from outside overrides/ and content/ (hooks, INHERIT)."""
    try:
        from mkdocs.utils.yaml import yaml_load

        with open(mkdocs_yml, encoding="utf-8") as fh:
            config = yaml_load(fh) or {}
    except Exception:
        return []
    names = list(config.get("hooks") or [])
    if config.get("INHERIT"):
        names.append(config["INHERIT"])
    found = []
    for name in names:
        p = (mkdocs_yml.parent / str(name)).resolve()
        if p.is_file():
            found.append(p)
    return sorted(set(found))


# ---------------------------------------------------------------- build
def build(project: Path, opts: Options | None = None) -> int:
    opts = dataclasses.replace(opts or Options(project=project), project=project.resolve())
    progress = Progress(quiet=opts.quiet, tty=opts.tty)
    d = _dirs(project)
    try:
        with publish.BuildLock(d["lock"]):
            return _build_locked(opts, d, progress)
    except publish.Busy as busy:
        progress.note(f"LỖI một lần dựng khác đang chạy (pid {busy}); lần này dừng lại, trang hiện tại giữ nguyên")
        print(f"Không xuất bản: một lần dựng khác đang chạy — trong {seconds(progress.elapsed())} s")
        return 2


def _build_locked(opts: Options, d: dict[str, Path], progress: Progress) -> int:
    project = opts.project
    for line in publish.recover(d["site"]):
        progress.info(line)
    state = cache_mod.read_state(d["state"])
    p = plan(opts, progress)
    live_index = d["site"] / "index.html"
    if (not opts.force and state.get("status") == "published" and state.get("fingerprint") == p.fingerprint
            and live_index.is_file() and cache_mod.sha256_file(live_index) == state.get("index_sha")):
        p.hashes.save()
        return _nothing_changed(d, state, progress)
    if state.get("fingerprint") and not opts.force:
        progress.info(f"Có thay đổi: {_changed(state.get('fingerprint') or {}, p.fingerprint) or 'trang đang phục vụ'}")
    convert_all(opts, p, progress)
    p.hashes.save()
    outcome = p.outcome
    for prob in outcome.sorted_problems():
        progress.note(prob.line())
    write_reports(d["build"], outcome, "đang dựng")
    try:
        refusal = _refuse(opts, state, len(outcome.pages))
        if refusal:
            raise _Refused(refusal)
        progress.stage("Tạo trang chéo (tỉnh, cơ quan, …)")
        generated = _stage_content(p, d, state)
        progress.stage("Dựng trang web (MkDocs, Pagefind)")
        _render(project, d["site_new"])
        missing = _missing_pages(p, d["site_new"])
        for rel in missing:
            page = p.results.pop(rel)["page"]
            outcome.problems.append(Problem(_shown(d["sources"] / rel, project), "not-rendered", ERROR, False,
                                            f"MkDocs không tạo ra trang {page}", "báo cho nhóm phát triển", rel))
            progress.note(outcome.problems[-1].line())
        outcome.pages = {rel: r["page"] for rel, r in p.results.items()}
        outcome.check()
        publish.swap(d["site_new"], d["site"])
    except Exception as exc:
        return _failed(d, outcome, exc, progress)
    p.conversions.prune()
    cache_mod.write_state(d["state"], {
        "status": "published",
        "fingerprint": p.fingerprint,
        "index_sha": cache_mod.sha256_file(d["site"] / "index.html"),
        "counts": outcome.counts(),
        "generated": sorted(generated),
    })
    write_reports(d["build"], outcome, "đã xuất bản")
    progress.done()
    c = outcome.counts()
    print(f"Đã xuất bản {c['published']} báo cáo, {c['errors']} lỗi, {c['warnings']} cảnh báo"
          f" trong {seconds(progress.elapsed())} s — chi tiết: build/problems.md")
    return 1 if c["errors"] else 0


class _Refused(Exception):
    pass


def _refuse(opts: Options, state: dict, new_count: int) -> str | None:
    before = (state.get("counts") or {}).get("published", 0) if state.get("status") == "published" else 0
    if opts.allow_shrink or not before:
        return None
    if new_count == 0 or new_count < before * (1 - MAX_SHRINK):
        return (f"số báo cáo giảm từ {before} xuống {new_count} (sources/ bị thiếu?); không xuất bản."
                " Nếu đúng là vậy, chạy lại với --allow-shrink")
    return None


def _failed(d: dict[str, Path], outcome: Outcome, exc: Exception, progress: Progress) -> int:
    if d["site_new"].exists():
        publish._rmtree(d["site_new"])
    if isinstance(exc, _Refused):
        reason = str(exc)
    else:
        reason = f"dựng trang thất bại: {type(exc).__name__}: {' '.join(str(exc).split())[:300]}"
        write_atomic(d["build"] / "last-error.log", traceback.format_exc())
    outcome.problems.append(Problem("(lần dựng)", "build-failed", ERROR, False, reason,
                                    "trang cũ vẫn được giữ nguyên; xem build/last-error.log", None))
    write_reports(d["build"], outcome, "thất bại, trang cũ giữ nguyên")
    progress.note(outcome.problems[-1].line())
    progress.done()
    print(f"Không xuất bản: {reason}; trang cũ vẫn được giữ nguyên — trong {seconds(progress.elapsed())} s")
    return 2


def _nothing_changed(d: dict[str, Path], state: dict, progress: Progress) -> int:
    stored = cache_mod.read_state(d["build"] / "problems.json")
    listing = from_json(stored) if stored else Outcome()
    for prob in listing.sorted_problems():
        progress.note(prob.line())
    c = state.get("counts", {})
    progress.done()
    print(f"Không có gì thay đổi: trang hiện tại giữ nguyên ({c.get('published', 0)} báo cáo,"
          f" {c.get('errors', 0)} lỗi, {c.get('warnings', 0)} cảnh báo) — trong {seconds(progress.elapsed())} s")
    return 1 if c.get("errors") else 0


def _stage_content(p: Plan, d: dict[str, Path], state: dict) -> set[str]:
    """Write report pages and cross-pages into a staging docs dir, then swap the
    generated folders into content/ (hand-written pages are never touched)."""
    from . import crosspages

    stage = d["stage"]
    if stage.exists():
        publish._rmtree(stage)
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
    previous = set(state.get("generated", []))
    for name in made:
        if (content / name).exists() and name not in GENERATED and name not in previous:
            raise RuntimeError(f"cross-pages would overwrite hand-written content/{name}")
    publish.replace_dirs(docs, content, made | (previous & GENERATED) | {pages.REPORTS_DIR}, stage / "old")
    return made


def _render(project: Path, out: Path) -> None:
    from . import site

    if out.exists():
        publish._rmtree(out)
    site.render_site(project, out)
    if not (out / "index.html").is_file():
        raise RuntimeError("MkDocs không tạo ra index.html")


def _missing_pages(p: Plan, site_dir: Path) -> list[str]:
    missing = []
    for rel, r in sorted(p.results.items()):
        html = site_dir / r["page"][: -len(".md")] / "index.html"
        if not html.is_file() and not (site_dir / (r["page"][: -len(".md")] + ".html")).is_file():
            missing.append(rel)
    return missing


# ---------------------------------------------------------------- check
def check(project: Path, opts: Options | None = None, as_json: bool = False) -> int:
    """Validate sources without building: print every problem; exit 0 (none) or 1 (errors)."""
    opts = dataclasses.replace(opts or Options(project=project), project=project.resolve())
    progress = Progress(quiet=opts.quiet or as_json, tty=opts.tty)
    p = plan(opts, progress)
    convert_all(opts, p, progress)
    p.hashes.save()
    outcome = p.outcome
    if as_json:
        print(json.dumps(outcome.to_json("kiểm tra"), ensure_ascii=False, indent=2))
    else:
        for prob in outcome.sorted_problems():
            print(prob.line())
        c = outcome.counts()
        print(f"Đã kiểm tra {c['inputs']} tệp nguồn: {c['published']} có thể xuất bản, "
              f"{c['not_published']} không, {c['errors']} lỗi, {c['warnings']} cảnh báo"
              f" trong {seconds(progress.elapsed())} s")
    return 1 if outcome.errors else 0
