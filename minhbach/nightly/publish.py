"""Publishing without breaking the live site.

* ``BuildLock`` — one build at a time (``flock`` on .minhbach/build.lock: the
  kernel releases it when the process dies, so a killed build never leaves a
  stale lock behind).
* ``recover`` — tidy what a killed build left: a half-built ``site.new`` is
  removed; if a build died between the two renames of the swap, ``site.old``
  (the previous live site) is put back.
* ``swap`` — the new site replaces the live one: one atomic
  ``renameat2(RENAME_EXCHANGE)`` where the kernel supports it, else the rename
  dance site → site.old, site.new → site; site.old is removed afterwards.
* ``replace_dirs`` — the same for generated folders of the docs dir.
"""
from __future__ import annotations

import ctypes
import ctypes.util
import errno
import fcntl
import os
import shutil
from pathlib import Path


class Busy(Exception):
    """Another build holds the lock."""


class BuildLock:
    def __init__(self, path: Path):
        self.path = path
        self.fd: int | None = None

    def __enter__(self) -> "BuildLock":
        self.path.parent.mkdir(parents=True, exist_ok=True)
        fd = os.open(self.path, os.O_RDWR | os.O_CREAT, 0o644)
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError:
            holder = os.pread(fd, 64, 0).decode("ascii", "replace").strip()
            os.close(fd)
            raise Busy(holder or "?") from None
        os.ftruncate(fd, 0)
        os.pwrite(fd, f"{os.getpid()}\n".encode(), 0)
        self.fd = fd
        return self

    def __exit__(self, *exc) -> None:
        if self.fd is not None:
            os.ftruncate(self.fd, 0)
            fcntl.flock(self.fd, fcntl.LOCK_UN)
            os.close(self.fd)
            self.fd = None


def _rmtree(path: Path) -> None:
    if path.is_symlink() or path.is_file():
        path.unlink()
    elif path.exists():
        shutil.rmtree(path)


def recover(live: Path) -> list[str]:
    """Undo what a killed build left beside ``live``; returns what was done (Vietnamese)."""
    done: list[str] = []
    new, old = _sibling(live, "new"), _sibling(live, "old")
    if not live.exists() and old.exists():
        old.rename(live)
        done.append(f"đã khôi phục {live.name}/ từ {old.name}/ (lần dựng trước bị dừng giữa chừng)")
    if new.exists():
        _rmtree(new)
        done.append(f"đã xóa {new.name}/ dở dang của lần dựng trước")
    if old.exists():
        _rmtree(old)
        done.append(f"đã xóa {old.name}/ còn sót lại")
    return done


def _sibling(live: Path, tag: str) -> Path:
    return live.with_name(f"{live.name}.{tag}")


_RENAME_EXCHANGE = 2
_AT_FDCWD = -100


def _exchange(a: Path, b: Path) -> bool:
    """Atomically exchange two paths (Linux renameat2). False if unsupported."""
    libc_name = ctypes.util.find_library("c")
    if not libc_name:
        return False
    libc = ctypes.CDLL(libc_name, use_errno=True)
    fn = getattr(libc, "renameat2", None)
    if fn is None:
        return False
    fn.argtypes = [ctypes.c_int, ctypes.c_char_p, ctypes.c_int, ctypes.c_char_p, ctypes.c_uint]
    rc = fn(_AT_FDCWD, os.fsencode(a), _AT_FDCWD, os.fsencode(b), _RENAME_EXCHANGE)
    if rc == 0:
        return True
    err = ctypes.get_errno()
    if err in (errno.ENOSYS, errno.EINVAL, errno.ENOTSUP, errno.EOPNOTSUPP, errno.EXDEV):
        return False
    raise OSError(err, os.strerror(err), str(a))


def swap(new: Path, live: Path) -> None:
    """Make ``new`` the live tree; the previous one is deleted once the swap is done."""
    old = _sibling(live, "old")
    if old.exists():
        _rmtree(old)
    if live.exists():
        if _exchange(new, live):
            new.rename(old)  # ``new`` now holds the previous live tree
        else:
            live.rename(old)
            new.rename(live)
    else:
        new.rename(live)
    if old.exists():
        _rmtree(old)


def replace_dirs(staged: Path, target: Path, names: set[str], trash: Path) -> None:
    """Replace ``target/<name>`` by ``staged/<name>`` for each name (removing those
    missing from ``staged``), one rename per entry."""
    if trash.exists():
        _rmtree(trash)
    trash.mkdir(parents=True)
    for name in sorted(names):
        src, dst = staged / name, target / name
        if dst.exists() or dst.is_symlink():
            dst.rename(trash / name)
        if src.exists():
            src.rename(dst)
    _rmtree(trash)
