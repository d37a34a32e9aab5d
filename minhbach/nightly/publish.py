"""Publishing without breaking the live site.

* ``recover`` — tidy what a killed build left: a half-built ``site.new`` is
  removed; if a build died between the two renames of a fallback swap,
  ``site.old`` (the previous live site) is put back. It never raises: what it
  cannot remove is said, and the swap refuses to start rather than half-publish.
* ``check_writable`` — before the swap, every folder of the live site and the
  project folder must be writable by this user (a read-only ``site/`` used to go
  live half-way and then fail): PublishError, nothing changed.
* ``swap`` — the new site replaces the live one in one step, so that there is a
  valid ``site/`` at every instant: ``renameat2(RENAME_EXCHANGE)`` where the file
  system supports it (the previous tree is deleted once the swap is done); elsewhere
  ``site`` is a symbolic link switched atomically between two real folders
  (``site.a``/``site.b``; the previous one is kept until the next run).
* ``replace_dirs`` — the generated folders of the docs dir, one rename each.
"""
from __future__ import annotations

import ctypes
import ctypes.util
import errno
import os
import shutil
from pathlib import Path

from .children import fault_point


class PublishError(Exception):
    """The new site cannot be put in place; the live one is unchanged (Vietnamese message)."""


def rmtree(path: Path) -> None:
    if path.is_symlink() or path.is_file():
        path.unlink()
    elif path.exists():
        shutil.rmtree(path)


_rmtree = rmtree  # the name used before the nightly package


def _try_rmtree(path: Path, done: list[str], what: str) -> None:
    try:
        rmtree(path)
        done.append(what)
    except OSError as exc:
        done.append(f"không xóa được {path.name}/ ({exc.strerror}): cấp quyền ghi cho người chạy dựng trang")


def recover(live: Path) -> list[str]:
    """Undo what a killed build left beside ``live``; returns what was done (Vietnamese)."""
    done: list[str] = []
    new, old = _sibling(live, "new"), _sibling(live, "old")
    if not live.exists() and not live.is_symlink() and old.exists():
        try:
            old.rename(live)
            done.append(f"đã khôi phục {live.name}/ từ {old.name}/ (lần dựng trước bị dừng giữa chừng)")
        except OSError as exc:
            done.append(f"không khôi phục được {live.name}/ từ {old.name}/ ({exc.strerror})")
    if new.exists() or new.is_symlink():
        _try_rmtree(new, done, f"đã xóa {new.name}/ dở dang của lần dựng trước")
    if old.exists() or old.is_symlink():
        _try_rmtree(old, done, f"đã xóa {old.name}/ còn sót lại")
    if live.is_symlink():  # symlink mode: the folder not pointed to is a leftover
        current = os.readlink(live)
        for name in _SLOTS:
            spare = live.with_name(f"{live.name}.{name}")
            if spare.name != current and spare.exists():
                _try_rmtree(spare, done, f"đã xóa {spare.name}/ còn sót lại")
    return done


def _sibling(live: Path, tag: str) -> Path:
    return live.with_name(f"{live.name}.{tag}")


_RENAME_EXCHANGE = 2
_AT_FDCWD = -100
_SLOTS = ("a", "b")


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


def check_writable(live: Path) -> None:
    """PublishError unless the project folder and every folder of ``live`` can be changed."""
    parent = live.parent
    if not os.access(parent, os.W_OK | os.X_OK):
        raise PublishError(f"thư mục {parent} chỉ đọc: không thay được {live.name}/")
    if live.is_symlink() or not live.exists():
        return
    for here, subdirs, _ in os.walk(live):
        if not os.access(here, os.W_OK | os.X_OK):
            rel = os.path.relpath(here, parent)
            raise PublishError(f"{rel}/ chỉ đọc với người chạy dựng trang: không thay được {live.name}/")


def swap(new: Path, live: Path) -> None:
    """Make ``new`` the live tree; the previous one is deleted once the swap is done."""
    old = _sibling(live, "old")
    check_writable(live)
    if old.exists() or old.is_symlink():
        rmtree(old)
    if live.is_symlink():
        _switch_link(new, live)
        return
    if live.exists():
        if _exchange(new, live):
            fault_point("swap")
            new.rename(old)  # ``new`` now holds the previous live tree
        else:  # no atomic exchange here: from now on site/ is a link switched atomically
            slot = live.with_name(f"{live.name}.{_SLOTS[0]}")
            rmtree(slot) if slot.exists() else None
            new.rename(slot)
            link = _sibling(live, "link")
            rmtree(link) if link.is_symlink() else None
            os.symlink(slot.name, link)
            live.rename(old)  # the one moment without site/: the first switch to link mode only
            fault_point("swap")
            link.rename(live)
    else:
        new.rename(live)
    if old.exists():
        try:
            rmtree(old)
        except OSError:
            pass  # the next run's recover() says so


def _switch_link(new: Path, live: Path) -> None:
    """Point the link ``live`` at ``new`` (moved into the spare slot) in one rename. The
    previous tree stays as the spare slot until the next swap: a reader that has just read
    the link's old target still finds every file (removing it at once made such reads fail)."""
    current = os.readlink(live)
    target = next(live.with_name(f"{live.name}.{s}") for s in _SLOTS if f"{live.name}.{s}" != current)
    if target.exists():
        rmtree(target)
    new.rename(target)
    link = _sibling(live, "link")
    if link.is_symlink():
        link.unlink()
    os.symlink(target.name, link)
    os.replace(link, live)  # atomic: site/ always points to a whole tree
    fault_point("swap")


def replace_dirs(staged: Path, target: Path, names: set[str], trash: Path) -> None:
    """Replace ``target/<name>`` by ``staged/<name>`` for each name (removing those
    missing from ``staged``), one rename per entry."""
    if trash.exists():
        rmtree(trash)
    trash.mkdir(parents=True)
    for name in sorted(names):
        src, dst = staged / name, target / name
        if dst.exists() or dst.is_symlink():
            dst.rename(trash / name)
        if src.exists():
            src.rename(dst)
    rmtree(trash)
