"""Converting the scanned inputs: each source (with its sidecar) becomes a page or
problem entries. Results are cached by content; cache misses are converted in
worker processes with a memory and a time limit (worker.py). Then the checks
that need every page: same URL, same number, same content."""
from __future__ import annotations

import dataclasses
import json
from pathlib import Path

from converters import sidecar

from .. import pages
from . import cache as cache_mod
from . import children, worker
from .plan import Input, Options, Plan, dirs, shown
from .problems import ERROR, WARNING, Problem
from .progress import Progress

REQUIRED = ("title",)  # a readable document without a type line is published, with a warning
WANTED = ("type", "number", "issued")

_ERROR_CODES = {
    "EmptyFile": "empty", "BinaryFile": "binary", "UndecodableText": "undecodable",
    "UnsupportedFormat": "unsupported", "NeedsOCR": "needs-ocr", "NotAReport": "not-a-report",
    "UnreadableFile": "unreadable", "ArchiveTooLarge": "too-large-inflated", "AbsurdPage": "page-too-large",
    "EncryptedPDF": "encrypted",
}
_FAILURE_CODES = {"memory": "conversion-memory", "timeout": "conversion-timeout", "crash": "converter-crash"}


def convert_one(inp: Input, sources: Path, project: Path) -> dict:
    """Convert one source (with its sidecar): {"page", "markdown", "front_matter", "problems"}
    or {"problems"} when it cannot be published. Pure function of the inputs: cached."""
    import converters
    from converters import errors
    from converters.frontmatter import front_matter, to_markdown

    name = shown(inp.path, project)
    found: list[Problem] = []

    def add(code: str, severity: str, published: bool, reason: str, advice: str = "", path: str | None = None):
        found.append(Problem(path or name, code, severity, published, reason, advice, inp.rel))

    try:
        result = converters.convert(inp.path, sources, sidecar=inp.sidecar)
    except errors.ConversionError as exc:
        reason = exc.reason + (f" ({exc.detail})" if exc.detail else "")
        code = next((_ERROR_CODES[c.__name__] for c in type(exc).__mro__ if c.__name__ in _ERROR_CODES), "conversion")
        add(code, ERROR, False, reason, exc.advice)
        return {"problems": found}
    except MemoryError:  # beyond the worker's memory limit (a decompression or page-size bomb)
        failure = worker.Failure("memory", f"cần quá {worker.limits_from_env(1).memory_mb} MB bộ nhớ")
        return _failed(inp, project, failure)
    except Exception as exc:  # a converter bug must not stop the nightly run
        add("converter-crash", ERROR, False,
            f"lỗi chương trình khi chuyển đổi: {type(exc).__name__}: {exc}",
            "báo cho nhóm phát triển, kèm tệp này", None)
        return {"problems": found, "crash": True}
    for note in result.notes:
        add(note.code, ERROR if note.code == "sidecar" else WARNING, True, note.reason, note.advice, note.path)
    doc = _clean_value(result.document)
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
    # same shape as from the cache; control characters (text pasted from a PDF, a sidecar)
    # never reach the HTML, the feeds or the sitemap (XML 1.0 forbids them)
    fm = json.loads(json.dumps(front_matter(doc), ensure_ascii=False))
    return {"page": page, "markdown": to_markdown(doc), "front_matter": fm, "problems": found}


_CONTROL = dict.fromkeys([*range(0x00, 0x09), 0x0B, 0x0C, *range(0x0E, 0x20), 0x7F, *range(0x80, 0xA0),
                          0xFFFE, 0xFFFF])


def clean(text: str) -> str:
    """``text`` without control characters (tab and line feed kept)."""
    return text.translate(_CONTROL)


def _clean_value(value):
    """``value`` (a Document and everything in it) with control characters removed from every string."""
    if isinstance(value, str):
        return clean(value)
    if isinstance(value, (tuple, list)):
        return type(value)(_clean_value(v) for v in value)
    if isinstance(value, dict):
        return {k: _clean_value(v) for k, v in value.items()}
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        changes = {f.name: _clean_value(getattr(value, f.name)) for f in dataclasses.fields(value) if f.init}
        return dataclasses.replace(value, **changes)
    return value


def converter_salt(project: Path) -> str:
    import converters

    here = Path(__file__).parent
    return cache_mod.fingerprint({
        "converter_version": getattr(converters, "CONVERTER_VERSION", "?"),
        "converters": cache_mod.code_hash(["converters"]),
        "pipeline": cache_mod.hash_tree([here.parent / "pages.py", here], here.parent),
    })


def convert_all(opts: Options, p: Plan, progress: Progress) -> None:
    d = dirs(opts.project)
    progress.stage("Chuyển đổi", len(p.inputs))
    keys = [p.conversions.key(inp.rel, inp.sha, inp.sidecar_sha) for inp in p.inputs]
    done: dict[int, dict] = {}
    misses: list[int] = []
    for i, key in enumerate(keys):
        res = p.conversions.get(key)
        if res is None:
            misses.append(i)
        else:
            done[i] = dict(res, problems=[Problem(**x) for x in res["problems"]])
    progress.advance(len(done))
    job = _Job(d["sources"], opts.project)
    with children.staging(opts.project, None, env="TMPDIR", own=True):
        results = list(_convert_misses(job, [p.inputs[i] for i in misses], progress, len(done)))
    for j, res in results:
        i = misses[j]
        if isinstance(res, worker.Failure):
            res = _failed(p.inputs[i], opts.project, res)
        elif not res.get("crash"):
            p.conversions.put(keys[i], {k: [dataclasses.asdict(x) for x in v] if k == "problems" else v
                                        for k, v in res.items()})
        done[i] = res
    for i, inp in enumerate(p.inputs):
        res = done[i]
        p.outcome.inputs.append(inp.rel)
        p.outcome.problems.extend(res["problems"])
        if "page" in res:
            p.results[inp.rel] = res
    progress.done()
    _cross_checks(opts, p)
    p.outcome.pages = {rel: r["page"] for rel, r in p.results.items()}
    p.outcome.check()


def _convert_misses(job, inputs: list[Input], progress: Progress, cached: int):
    for n, (j, res) in enumerate(worker.run(job, inputs, worker.limits_from_env(len(inputs))), 1):
        progress.advance(cached + n)
        children.fault_point("convert")
        yield j, res


def _cross_checks(opts: Options, p: Plan) -> None:
    """Problems that need all pages: same URL, same number, same content."""
    names = {inp.rel: shown(inp.path, opts.project) for inp in p.inputs}
    by_page: dict[str, list[str]] = {}
    for rel in sorted(p.results):
        by_page.setdefault(p.results[rel]["page"], []).append(rel)
    for page, rels in sorted(by_page.items()):
        for rel in rels[1:]:  # the first (by source path) keeps the URL; never overwrite silently
            del p.results[rel]
            p.outcome.problems.append(Problem(
                names[rel], "url-collision", ERROR, False,
                f"trùng địa chỉ trang {page} với {names[rels[0]]}, không xuất bản",
                "đổi tên tệp hoặc sửa tiêu đề trong .meta.yaml", rel))
    groups: dict[tuple, list[str]] = {}
    for rel, r in sorted(p.results.items()):
        fm = r["front_matter"]
        if fm.get("number"):
            key = (fm["number"], (fm.get("issued") or "")[:4], fm.get("province"))
            groups.setdefault(key, []).append(rel)
    for key, rels in sorted(groups.items(), key=lambda kv: kv[1]):
        _warn_each(p, names, rels, "duplicate-number",
                   lambda others, key=key: f"cùng số {key[0]} với {others} — cả hai đều được xuất bản",
                   "kiểm tra số văn bản; sửa trong .meta.yaml nếu sai")
    by_sha: dict[str, list[str]] = {}
    for inp in p.inputs:
        if inp.rel in p.results:
            by_sha.setdefault(inp.sha, []).append(inp.rel)
    for rels in by_sha.values():
        _warn_each(p, names, rels, "duplicate-content",
                   lambda others: f"nội dung trùng hệt với {others} — mỗi tệp thành một trang riêng",
                   "xóa bản thừa nếu đó là cùng một văn bản")


def _warn_each(p, names: dict[str, str], rels: list[str], code: str, reason, advice: str) -> None:
    """One warning per file of a group of two or more that look alike, naming the others."""
    if len(rels) < 2:
        return
    for rel in rels:
        others = ", ".join(names[o] for o in rels if o != rel)
        p.outcome.problems.append(Problem(names[rel], code, WARNING, True, reason(others), advice, rel))


class _Job:
    """convert_one bound to the project, for the workers (a plain callable)."""

    def __init__(self, sources: Path, project: Path):
        self.sources, self.project = sources, project

    def __call__(self, inp: Input) -> dict:
        return convert_one(inp, self.sources, self.project)


def _failed(inp: Input, project: Path, failure: "worker.Failure") -> dict:
    advice = ("kiểm tra tệp (có thể là tệp độc hại hoặc hỏng); nếu đúng là báo cáo, tăng giới hạn"
              " MINHBACH_CONVERT_MEMORY_MB / MINHBACH_CONVERT_SECONDS (xem README)")
    return {"problems": [Problem(shown(inp.path, project), _FAILURE_CODES[failure.kind], ERROR, False,
                                 failure.reason + ", không xuất bản", advice, inp.rel)], "crash": True}
