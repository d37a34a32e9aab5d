"""Conversions in worker processes, each with a memory and a time limit.

A source that needs too much memory or time (a decompression bomb, a page too big
to render, a pathological text) must cost the night one problem entry, not the
night. Each worker is a forked child of the build with:

* an address-space limit (``RLIMIT_AS``): the memory it had when forked plus
  MINHBACH_CONVERT_MEMORY_MB (default 1024): an allocation beyond it fails with
  MemoryError (or kills the worker), which is listed as "cần quá nhiều bộ nhớ";
* a time limit per file, MINHBACH_CONVERT_SECONDS (default 300): a worker still busy
  after it is killed and the file listed as "chuyển đổi quá lâu";
* the parent-death signal (``PR_SET_PDEATHSIG``): if the build is killed, its workers die.

A worker that fails is replaced; the others go on. Results come back in input
order whatever the order they finish in, so the build stays deterministic.
"""
from __future__ import annotations

import ctypes
import ctypes.util
import multiprocessing
import os
import resource
import signal
import tempfile
import time
from dataclasses import dataclass
from multiprocessing.connection import wait
from typing import Any, Callable, Iterable, Iterator
from minhbach import settings

DEFAULT_MEMORY_MB = 1024
DEFAULT_SECONDS = 300.0  # OCR of a long scan on a busy machine: a 60 s limit stopped a real decree
_PR_SET_PDEATHSIG = 1


@dataclass(frozen=True)
class Limits:
    memory_mb: int = DEFAULT_MEMORY_MB
    seconds: float = DEFAULT_SECONDS
    workers: int = 1


@dataclass(frozen=True)
class Failure:
    """Why a job gave no result: "memory", "timeout" or "crash", with a Vietnamese reason."""

    kind: str
    reason: str


def limits_from_env(jobs: int) -> Limits:
    workers = int(settings.number("MINHBACH_CONVERT_WORKERS", float(os.cpu_count() or 1)) or 1)
    return Limits(memory_mb=int(settings.number("MINHBACH_CONVERT_MEMORY_MB", DEFAULT_MEMORY_MB) or DEFAULT_MEMORY_MB),
                  seconds=settings.number("MINHBACH_CONVERT_SECONDS", DEFAULT_SECONDS) or DEFAULT_SECONDS,
                  workers=max(1, min(workers, jobs)))


def die_with_parent(sig: int = signal.SIGKILL) -> None:
    """Ask the kernel to send ``sig`` to this process when its parent dies (Linux)."""
    name = ctypes.util.find_library("c")
    if not name:
        return
    try:
        ctypes.CDLL(name, use_errno=True).prctl(_PR_SET_PDEATHSIG, sig, 0, 0, 0)
    except (OSError, AttributeError):
        pass


def _vm_size() -> int:
    try:
        with open("/proc/self/status", encoding="ascii") as fh:
            for line in fh:
                if line.startswith("VmSize:"):
                    return int(line.split()[1]) * 1024
    except (OSError, ValueError):
        pass
    return 0


def _serve(conn, fn: Callable[[Any], Any], limits: Limits, parent: int) -> None:
    die_with_parent()
    if os.getppid() != parent:  # the build died before the signal was armed
        os._exit(1)
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl+C: the build decides
    os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")
    os.environ.setdefault("OMP_NUM_THREADS", "1")
    tempfile.tempdir = None  # TMPDIR as the build set it (children.staging)
    limit = _vm_size() + limits.memory_mb * 1024 * 1024
    try:
        resource.setrlimit(resource.RLIMIT_AS, (limit, limit))
    except (ValueError, OSError):
        pass
    while True:
        try:
            job = conn.recv()
        except EOFError:
            break
        if job is None:
            break
        index, arg = job
        try:
            conn.send((index, fn(arg)))
        except MemoryError:
            conn.send((index, Failure("memory", f"cần quá {limits.memory_mb} MB bộ nhớ")))
            break  # a fresh worker for the next file
    conn.close()
    os._exit(0)


class _Worker:
    def __init__(self, ctx, fn, limits: Limits):
        parent, child = ctx.Pipe()
        self.proc = ctx.Process(target=_serve, args=(child, fn, limits, os.getpid()), daemon=True)
        self.proc.start()
        child.close()
        self.conn = parent
        self.job: int | None = None
        self.started = 0.0

    def give(self, index: int, arg: Any) -> None:
        self.job, self.started = index, time.monotonic()
        self.conn.send((index, arg))

    def stop(self, kill: bool = False) -> None:
        if kill:
            try:
                os.kill(self.proc.pid, signal.SIGKILL)
            except ProcessLookupError:
                pass
        else:
            try:
                self.conn.send(None)
            except (OSError, ValueError):
                pass
        self.proc.join(timeout=10)
        if self.proc.is_alive():
            os.kill(self.proc.pid, signal.SIGKILL)
            self.proc.join()
        self.conn.close()


def run(fn: Callable[[Any], Any], args: Iterable[Any], limits: Limits) -> Iterator[tuple[int, Any]]:
    """Yield (index, fn(arg) or Failure) for each arg, as they finish."""
    todo = list(enumerate(args))
    todo.reverse()
    if not todo:
        return
    ctx = multiprocessing.get_context("fork")
    workers = [_Worker(ctx, fn, limits) for _ in range(min(limits.workers, len(todo)))]
    try:
        while todo or any(w.job is not None for w in workers):
            for w in workers:
                if w.job is None and todo:
                    w.give(*todo.pop())
            busy = [w for w in workers if w.job is not None]
            now = time.monotonic()
            timeout = max(0.0, min(w.started + limits.seconds - now for w in busy))
            ready = wait([w.conn for w in busy], timeout=timeout)
            for i, w in enumerate(list(workers)):
                if w.job is None:
                    continue
                if w.conn in ready:
                    try:
                        index, result = w.conn.recv()
                    except (EOFError, OSError):
                        w.proc.join(timeout=10)
                        yield w.job, Failure("crash", _death(w.proc.exitcode, limits))
                        w.stop(kill=True)
                        workers[i] = _Worker(ctx, fn, limits)
                        continue
                    w.job = None
                    yield index, result
                    if isinstance(result, Failure):  # the worker leaves after a MemoryError
                        w.stop()
                        workers[i] = _Worker(ctx, fn, limits)
                elif time.monotonic() - w.started >= limits.seconds:
                    job = w.job
                    w.stop(kill=True)
                    workers[i] = _Worker(ctx, fn, limits)
                    yield job, Failure("timeout", f"chuyển đổi quá {limits.seconds:.0f} giây, đã dừng")
    finally:
        for w in workers:
            w.stop(kill=w.job is not None)


def _death(code: int | None, limits: Limits) -> str:
    if code is not None and code < 0:
        try:
            name = signal.Signals(-code).name
        except ValueError:
            name = str(-code)
        if -code in (signal.SIGKILL, signal.SIGSEGV, signal.SIGABRT, signal.SIGBUS):
            return (f"tiến trình chuyển đổi bị dừng ({name}), có thể do cần quá {limits.memory_mb} MB"
                    " bộ nhớ")
        return f"tiến trình chuyển đổi bị dừng ({name})"
    return f"tiến trình chuyển đổi kết thúc bất thường (mã {code})"
