"""``minhbach build`` / ``minhbach check``: the nightly pipeline.

    sources/ ──scan──▶ inputs ──convert (cached, in workers)──▶ pages + problems
      ──stage──▶ .minhbach/stage/docs (report pages + cross-pages) ──swap into content/
      ──render──▶ site.new/ ──check──▶ swap with site/
      ──▶ build/problems.json, build/problems.md (never inside site/)

Guarantees:
* one build at a time (lock.py); a build that fails or is killed leaves the
  previous site/ serving, and the next run cleans up after it (children.py,
  publish.recover): leftover processes, staged copies, site.new;
* nothing dropped silently: inputs = published + not published (problems.py),
  whatever sources/ holds (scan.py); a file's conversion is bounded in memory
  and time (worker.py);
* incremental: conversions are cached by content; when the fingerprint of every
  input equals the live site's, nothing is rebuilt ("không có gì thay đổi");
* the problem report describes the latest run, whatever it did;
* deterministic: same inputs → same content/ and byte-identical site/;
* writes only under content/, site*, build/, .minhbach/ (and its staging folder).

Exit codes: 0 published, no errors (warnings allowed); 1 published, with
errors (some sources not published, or a sidecar rejected); 2 nothing
published (build failed, refused, or another build running) — the previous
site is kept; 3 internal error (a bug: "lỗi nội bộ"; traceback in
build/last-error.log) — the previous site is kept.
"""
from __future__ import annotations

import dataclasses
import traceback
from pathlib import Path

from . import cache as cache_mod
from . import children, lock, publish, render
from .convert import convert_all, converter_salt
from .plan import GENERATED, Options, Plan, changed, dirs, fingerprint, max_bytes_from
from .problems import ERROR, WARNING, Outcome, Problem, from_json, write_atomic, write_reports
from .progress import Progress, seconds
from .scan import scan

__all__ = ["GENERATED", "Options", "build", "check", "max_bytes_from", "plan", "convert_all"]

MAX_SHRINK = 0.5  # refuse to publish when the page count falls by more than this (unless allowed)
INTERNAL = 3
ERROR_LOG = "last-error.log"


def plan(opts: Options, progress: Progress) -> Plan:
    """Scan and fingerprint (used by both build and check)."""
    d = dirs(opts.project)
    outcome = Outcome()
    hashes = cache_mod.HashCache(d["hashes"])
    progress.stage("Quét sources/")
    inputs = scan(opts.project, d["sources"], outcome, hashes, opts.max_bytes)
    conv = cache_mod.ConversionCache(d["cache"], converter_salt(opts.project))
    result = Plan(outcome, inputs, hashes=hashes, conversions=conv)
    result.fingerprint = fingerprint(opts, d, inputs, outcome, conv.salt)
    return result


# ---------------------------------------------------------------- build
def build(project: Path, opts: Options | None = None) -> int:
    opts = dataclasses.replace(opts or Options(project=project), project=project.resolve())
    progress = Progress(quiet=opts.quiet, tty=opts.tty)
    d = dirs(opts.project)
    try:
        with lock.BuildLock(d["lock"], tag=children.tag(opts.project)) as held, children.marked(opts.project):
            return _guarded(opts, d, progress, held)
    except lock.Busy as busy:
        return _busy(d, busy, progress)
    except Exception as exc:  # the lock itself (read-only .minhbach/, …)
        return internal_error(d, Outcome(), exc, progress, "lấy khóa dựng trang")


def _busy(d: dict[str, Path], busy: lock.Busy, progress: Progress) -> int:
    owner = busy.owner
    since = f", bắt đầu {owner.when()}" if owner and owner.started else ""
    reason = f"một lần dựng khác đang chạy (pid {busy}{since})"
    if busy.overdue:
        reason += (f", đã quá {lock.max_minutes():.0f} phút (MINHBACH_MAX_BUILD_MINUTES): có thể bị treo —"
                   f" kiểm tra nó (ps {owner.pid}) và dừng nếu cần (kill {owner.pid})")
    outcome = Outcome()
    outcome.problems.append(Problem("(lần dựng)", "build-overdue" if busy.overdue else "busy", ERROR, False,
                                    reason, "trang hiện tại giữ nguyên", None))
    try:
        write_reports(d["build"], outcome, "không chạy: một lần dựng khác đang chạy")
    except OSError:
        pass
    progress.note(f"LỖI {reason}; lần này dừng lại, trang hiện tại giữ nguyên")
    print(f"Không xuất bản: {reason} — trong {seconds(progress.elapsed())} s")
    return 2


def _guarded(opts: Options, d: dict[str, Path], progress: Progress, held: lock.BuildLock) -> int:
    outcome = Outcome()
    try:
        return _build_locked(opts, d, progress, held, outcome)
    except Exception as exc:
        return internal_error(d, outcome, exc, progress, progress.current() or "dựng trang")


def internal_error(d: dict[str, Path], outcome: Outcome, exc: BaseException, progress: Progress,
                   what: str) -> int:
    """A bug, not a bad input: exit 3, the traceback in build/last-error.log, the report says so."""
    log = d["build"] / ERROR_LOG
    detail = f"{type(exc).__name__}: {' '.join(str(exc).split())[:200]}"
    reason = f"lỗi nội bộ khi {what.lower()} ({detail})"
    try:
        write_atomic(log, traceback.format_exc())
        if d["site_new"].exists():
            publish.rmtree(d["site_new"])
        outcome.problems.append(Problem("(lần dựng)", "internal-error", ERROR, False, reason,
                                        f"trang cũ vẫn được giữ nguyên; báo cho nhóm phát triển kèm {log}", None))
        write_reports(d["build"], outcome, "lỗi nội bộ, trang cũ giữ nguyên")
    except Exception:  # the report cannot be written either (disk full…): the message still goes out
        pass
    progress.done()
    print(f"Lỗi nội bộ: {reason}; trang cũ vẫn được giữ nguyên — chi tiết: {_rel(log, d)}")
    return INTERNAL


def _rel(path: Path, d: dict[str, Path]) -> str:
    try:
        return path.relative_to(d["site"].parent).as_posix()
    except ValueError:
        return str(path)


def _build_locked(opts: Options, d: dict[str, Path], progress: Progress, held: lock.BuildLock,
                  outcome: Outcome) -> int:
    project = opts.project
    if held.previous is not None:
        owner = held.previous
        since = f", bắt đầu {owner.when()}" if owner.started else ""
        progress.note(f"Tiếp quản khóa của lần dựng trước (pid {owner.pid}{since}) đã dừng giữa chừng")
    progress.stage("Dọn dẹp lần dựng trước")
    for line in children.stop_leftovers(project) + children.remove_staged(project) + publish.recover(d["site"]):
        progress.info(line)
    state = cache_mod.read_state(d["state"])
    p = plan(opts, progress)
    outcome.ignored, outcome.problems, outcome.inputs = p.outcome.ignored, p.outcome.problems, p.outcome.inputs
    p.outcome = outcome
    stored = _published_report(d)
    live_index = d["site"] / "index.html"
    if (not opts.force and state.get("status") == "published" and state.get("fingerprint") == p.fingerprint
            and stored is not None and live_index.is_file()
            and cache_mod.sha256_file(live_index) == state.get("index_sha")):
        p.hashes.save()
        return _nothing_changed(d, stored, progress)
    if isinstance(state.get("fingerprint"), dict) and not opts.force:
        progress.info(f"Có thay đổi: {changed(state['fingerprint'], p.fingerprint) or 'trang đang phục vụ'}")
    convert_all(opts, p, progress)
    p.hashes.save()
    for prob in outcome.sorted_problems():
        progress.note(prob.line())
    write_reports(d["build"], outcome, "đang dựng")
    try:
        refusal = _refuse(opts, state, len(outcome.pages))
        if refusal:
            raise render.Refused(refusal)
        generated = render.publish_site(p, d, state, progress)
    except render.EXPECTED as exc:
        return _failed(d, outcome, exc, progress)
    p.conversions.prune()
    cache_mod.write_state(d["state"], {
        "status": "published",
        "fingerprint": p.fingerprint,
        "index_sha": cache_mod.sha256_file(d["site"] / "index.html"),
        "counts": outcome.counts(),
        "generated": sorted(generated),
    })
    _slow(outcome, progress)
    cache_mod.write_state(d["published_report"], {"report": outcome.to_json("đã xuất bản"),
                                                  "inputs": outcome.inputs, "pages": outcome.pages})
    write_reports(d["build"], outcome, "đã xuất bản")
    progress.done()
    c = outcome.counts()
    print(f"Đã xuất bản {c['published']} báo cáo, {c['errors']} lỗi, {c['warnings']} cảnh báo"
          f" trong {seconds(progress.elapsed())} s — chi tiết: build/problems.md")
    return 1 if c["errors"] else 0


def _slow(outcome: Outcome, progress: Progress) -> None:
    limit = lock.max_minutes()
    if progress.elapsed() > limit * 60:
        outcome.problems.append(Problem(
            "(lần dựng)", "build-slow", WARNING, True,
            f"lần dựng chạy {progress.elapsed() / 60:.0f} phút, quá {limit:.0f} phút (MINHBACH_MAX_BUILD_MINUTES)",
            "kiểm tra máy chủ (bộ nhớ, đĩa) và số tệp nguồn mới", None))
        progress.note(outcome.problems[-1].line())


def _refuse(opts: Options, state: dict, new_count: int) -> str | None:
    counts = state.get("counts") if isinstance(state.get("counts"), dict) else {}
    before = counts.get("published", 0) if state.get("status") == "published" else 0
    if opts.allow_shrink or not isinstance(before, int) or not before:
        return None
    if new_count == 0 or new_count < before * (1 - MAX_SHRINK):
        return (f"số báo cáo giảm từ {before} xuống {new_count} (sources/ bị thiếu?); không xuất bản."
                " Nếu đúng là vậy, chạy lại với --allow-shrink")
    return None


def _failed(d: dict[str, Path], outcome: Outcome, exc: Exception, progress: Progress) -> int:
    try:
        if d["site_new"].exists():
            publish.rmtree(d["site_new"])
    except OSError:
        pass  # the next run's recover() removes it
    if isinstance(exc, (render.Refused, publish.PublishError)):
        reason = str(exc)
    else:
        reason = f"dựng trang thất bại: {type(exc).__name__}: {' '.join(str(exc).split())[:300]}"
        write_atomic(d["build"] / ERROR_LOG, traceback.format_exc())
    outcome.problems.append(Problem("(lần dựng)", "build-failed", ERROR, False, reason,
                                    f"trang cũ vẫn được giữ nguyên; xem build/{ERROR_LOG}", None))
    write_reports(d["build"], outcome, "thất bại, trang cũ giữ nguyên")
    progress.note(outcome.problems[-1].line())
    progress.done()
    print(f"Không xuất bản: {reason}; trang cũ vẫn được giữ nguyên — trong {seconds(progress.elapsed())} s")
    return 2


def _published_report(d: dict[str, Path]) -> Outcome | None:
    """The report of the build that published the live site, or None (then rebuild)."""
    data = cache_mod.read_state(d["published_report"])
    try:
        out = from_json(data["report"])
        out.inputs = [str(x) for x in data["inputs"]]
        out.pages = {str(k): str(v) for k, v in data["pages"].items()}
        out.check()
        return out
    except (KeyError, TypeError, ValueError, AttributeError, AssertionError):
        return None


def _nothing_changed(d: dict[str, Path], listing: Outcome, progress: Progress) -> int:
    for prob in listing.sorted_problems():
        progress.note(prob.line())
    write_reports(d["build"], listing, "không có gì thay đổi, trang hiện tại giữ nguyên")
    c = listing.counts()
    progress.done()
    print(f"Không có gì thay đổi: trang hiện tại giữ nguyên ({c.get('published', 0)} báo cáo,"
          f" {c.get('errors', 0)} lỗi, {c.get('warnings', 0)} cảnh báo) — trong {seconds(progress.elapsed())} s")
    return 1 if c.get("errors") else 0


# ---------------------------------------------------------------- check
def check(project: Path, opts: Options | None = None, as_json: bool = False) -> int:
    """Validate sources without building: print every problem; exit 0 (none) or 1 (errors), 3 (internal)."""
    import json

    opts = dataclasses.replace(opts or Options(project=project), project=project.resolve())
    progress = Progress(quiet=opts.quiet or as_json, tty=opts.tty)
    try:
        p = plan(opts, progress)
        convert_all(opts, p, progress)
        p.hashes.save()
    except Exception as exc:
        log = dirs(opts.project)["build"] / ERROR_LOG
        try:
            write_atomic(log, traceback.format_exc())
        except OSError:
            pass
        print(f"Lỗi nội bộ khi {(progress.current() or 'kiểm tra').lower()} ({type(exc).__name__}:"
              f" {' '.join(str(exc).split())[:200]}) — chi tiết: {log}")
        return INTERNAL
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
