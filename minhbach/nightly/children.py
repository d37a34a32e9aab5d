"""What a killed build may leave behind, found and removed by the next run before it
touches site.new/: child processes (Pagefind, OCR, conversion workers) and staged
copies (/dev/shm or MINHBACH_STAGING_DIR, temporary files of conversions).

* Every process a build starts inherits ``MINHBACH_BUILD_TAG=<project key>:<pid>``
  in its environment. The next run of the same project (it holds the lock, so no
  build of it is alive) stops every process still carrying its project key.
  Conversion workers also die with the build (PR_SET_PDEATHSIG, worker.py).
* Staged copies and temporary files go under one folder per project
  (``<staging>/minhbach-<project key>/``), removed at the start of the next run.
"""
from __future__ import annotations

import contextlib
import hashlib
import os
import shutil
import signal
import tempfile
import time
from pathlib import Path
from typing import Iterator

MARKER = "MINHBACH_BUILD_TAG"
STAGING_ENV = "MINHBACH_STAGING_DIR"  # read by search_index.staging_parent


def project_key(project: Path) -> str:
    return hashlib.sha256(os.fsencode(os.path.realpath(project))).hexdigest()[:16]


def tag(project: Path) -> str:
    return f"{project_key(project)}:{os.getpid()}"


def _ancestors() -> set[int]:
    found, pid = set(), os.getpid()
    while pid > 1 and pid not in found:
        found.add(pid)
        try:
            with open(f"/proc/{pid}/stat", "rb") as fh:
                pid = int(fh.read().rsplit(b")", 1)[1].split()[1])
        except (OSError, ValueError, IndexError):
            break
    return found


def _command(pid: int) -> str:
    try:
        with open(f"/proc/{pid}/cmdline", "rb") as fh:
            parts = fh.read().split(b"\0")
    except OSError:
        return "?"
    names = [os.path.basename(p.decode("utf-8", "replace")) for p in parts[:3] if p]
    return " ".join(names)[:60] or "?"


def leftovers(project: Path) -> list[tuple[int, str]]:
    """(pid, command) of live processes started by an earlier build of ``project``."""
    needle = f"{MARKER}={project_key(project)}:".encode()
    mine = _ancestors()
    found = []
    try:
        pids = [int(n) for n in os.listdir("/proc") if n.isdigit()]
    except OSError:
        return []
    for pid in sorted(pids):
        if pid in mine:
            continue
        try:
            with open(f"/proc/{pid}/environ", "rb") as fh:
                env = fh.read()
        except OSError:
            continue
        if needle in env:
            found.append((pid, _command(pid)))
    return found


def stop_leftovers(project: Path) -> list[str]:
    """Kill what an earlier build left running; returns what was done (Vietnamese)."""
    found = leftovers(project)
    for pid, _ in found:
        with contextlib.suppress(OSError):
            os.kill(pid, signal.SIGKILL)
    deadline = time.monotonic() + 10
    while found and time.monotonic() < deadline and any(_alive(pid) for pid, _ in found):
        time.sleep(0.05)
    if not found:
        return []
    names = ", ".join(sorted({cmd for _, cmd in found}))
    return [f"đã dừng {len(found)} tiến trình còn chạy của lần dựng trước ({names})"]


def _alive(pid: int) -> bool:
    try:
        with open(f"/proc/{pid}/stat", "rb") as fh:
            state = fh.read().rsplit(b")", 1)[1].split()[0]
    except (OSError, IndexError):
        return False
    return state not in (b"Z", b"X")


def _staging_roots(project: Path) -> list[Path]:
    """This project's staging folders, except those of a live process (``-<pid>`` suffix)."""
    key = f"minhbach-{project_key(project)}"
    parents = {Path("/dev/shm"), Path(tempfile.gettempdir())}
    chosen = os.environ.get(STAGING_ENV, "").strip()
    if chosen:
        parents.add(Path(chosen))
    found = []
    for parent in sorted(parents):
        try:
            names = os.listdir(parent)
        except OSError:
            continue
        for name in sorted(names):
            if name == key:
                found.append(parent / name)
            elif name.startswith(key + "-"):
                pid = name.rsplit("-", 1)[-1]
                if not (pid.isdigit() and _alive(int(pid))):
                    found.append(parent / name)
    return found


def remove_staged(project: Path) -> list[str]:
    """Remove the staged copies and temporary files an earlier build left."""
    done = []
    for root in _staging_roots(project):
        if root.is_dir() and not root.is_symlink():
            shutil.rmtree(root, ignore_errors=True)
            done.append(f"đã xóa bản sao tạm còn sót của lần dựng trước ({root})")
    return done


@contextlib.contextmanager
def marked(project: Path) -> Iterator[None]:
    """Every child started inside carries this build's tag."""
    before = os.environ.get(MARKER)
    os.environ[MARKER] = tag(project)
    try:
        yield
    finally:
        if before is None:
            os.environ.pop(MARKER, None)
        else:
            os.environ[MARKER] = before


@contextlib.contextmanager
def staging(project: Path, parent: str | None, env: str = STAGING_ENV, own: bool = False) -> Iterator[Path]:
    """A folder for this build's staged copies under ``parent`` (None: the system's
    temporary folder), handed to children through ``env``, removed afterwards.
    ``own``: a folder of this process only (``check`` runs without the lock)."""
    suffix = f"-{os.getpid()}" if own else ""
    root = Path(parent or tempfile.gettempdir()) / f"minhbach-{project_key(project)}{suffix}"
    if root.exists():
        shutil.rmtree(root, ignore_errors=True)
    root.mkdir(parents=True, exist_ok=True)
    before = os.environ.get(env)
    os.environ[env] = str(root)
    try:
        yield root
    finally:
        if before is None:
            os.environ.pop(env, None)
        else:
            os.environ[env] = before
        shutil.rmtree(root, ignore_errors=True)


FAULT_ENV = "MINHBACH_FAULT"  # tests only: the build kills itself at this point (kill tests)


def fault_point(name: str) -> None:
    """SIGKILL this process here when MINHBACH_FAULT names this point: the kill tests
    stop a build at an exact stage (conversion, swap) and check the next run recovers."""
    if os.environ.get(FAULT_ENV) == name:
        os.kill(os.getpid(), signal.SIGKILL)
