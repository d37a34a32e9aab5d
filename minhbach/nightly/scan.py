"""Scanning sources/: every entry becomes an Input, a listed problem, or a listed
ignored entry, whatever the folder holds (symlink loops, links leaving sources/,
paths too long, unreadable files and folders, FIFOs, sockets and devices — these
are never opened). Nothing here raises on a bad entry."""
from __future__ import annotations

import errno
import os
import stat
from pathlib import Path

from converters import sidecar

from . import cache as cache_mod
from .plan import Input, printable, shown
from .problems import ERROR, WARNING, Ignored, Outcome, Problem

_KINDS = ((stat.S_ISFIFO, "một FIFO (ống có tên)"), (stat.S_ISSOCK, "một socket"),
          (stat.S_ISCHR, "một thiết bị ký tự"), (stat.S_ISBLK, "một thiết bị khối"))
REMOVE = "xóa nó khỏi sources/"
MAX_SIDECAR_BYTES = 1 << 20  # a .meta.yaml holds a few lines


def kind_of(mode: int) -> str:
    for test, name in _KINDS:
        if test(mode):
            return name
    return "không phải tệp thường"


def _oserror(exc: OSError) -> str:
    if exc.errno == errno.ENAMETOOLONG:
        return "đường dẫn quá dài để hệ thống mở được"
    if exc.errno == errno.ELOOP:
        return "liên kết (symlink) vòng, không trỏ tới tệp nào"
    return exc.strerror or type(exc).__name__


class _Scan:
    def __init__(self, project: Path, sources: Path, outcome: Outcome, hashes: cache_mod.HashCache,
                 max_bytes: int):
        self.project, self.sources, self.outcome = project, sources, outcome
        self.hashes, self.max_bytes = hashes, max_bytes
        self.root = Path(os.path.realpath(sources))
        self.inputs: list[Input] = []
        self.sidecars: dict[str, Path] = {}

    def rel(self, p: Path) -> str:
        return printable(p.relative_to(self.sources).as_posix())

    def error(self, p: Path, code: str, reason: str, advice: str) -> None:
        rel = self.rel(p)
        self.outcome.inputs.append(rel)
        self.outcome.problems.append(Problem(shown(p, self.project), code, ERROR, False, reason, advice, rel))

    def ignore(self, p: Path, reason: str) -> None:
        self.outcome.ignored.append(Ignored(shown(p, self.project), reason))

    def walk(self, here: Path) -> None:
        try:
            with os.scandir(here) as it:
                entries = sorted(it, key=lambda e: e.name)
        except OSError as exc:
            if here == self.sources:  # counted against no file: nothing to publish, the rest says why
                self.outcome.problems.append(Problem(
                    shown(here, self.project), "unreadable-folder", ERROR, False,
                    f"không đọc được thư mục sources/ ({_oserror(exc)})", "kiểm tra quyền đọc (chmod/chown)", None))
                return
            self.error(here, "unreadable-folder", f"không đọc được thư mục ({_oserror(exc)}); các tệp bên trong"
                       " không được xử lý", "kiểm tra quyền đọc (chmod/chown) hoặc rút ngắn tên thư mục")
            return
        for entry in entries:
            p = here / entry.name
            try:
                st = entry.stat(follow_symlinks=False)
            except OSError as exc:
                self.error(p, "unreadable", f"không đọc được ({_oserror(exc)})", "kiểm tra quyền đọc")
                continue
            if entry.name.startswith("."):
                what = "thư mục" if stat.S_ISDIR(st.st_mode) else "tệp"
                self.ignore(p, f"{what} ẩn (tên bắt đầu bằng dấu chấm)")
            elif stat.S_ISLNK(st.st_mode):
                self.link(p)
            elif stat.S_ISDIR(st.st_mode):
                self.walk(p)
            elif sidecar.is_sidecar(p):
                self.sidecars[self.rel(p)] = p
            else:
                self.file(p, st)

    def link(self, p: Path) -> None:
        try:
            target_st = os.stat(p)
        except OSError as exc:
            if exc.errno == errno.ELOOP:
                self.error(p, "symlink-loop", "liên kết (symlink) vòng, không trỏ tới tệp nào",
                           "xóa liên kết hoặc chép tệp thật vào sources/")
            elif exc.errno == errno.ENOENT:
                self.error(p, "broken-symlink", "liên kết (symlink) hỏng, không trỏ tới tệp nào",
                           "xóa liên kết hoặc chép tệp thật vào sources/")
            else:
                self.error(p, "unreadable", f"không đọc được liên kết ({_oserror(exc)})", "kiểm tra quyền đọc")
            return
        target = Path(os.path.realpath(p))
        inside = target == self.root or self.root in target.parents
        if not inside:
            self.error(p, "symlink-outside", "liên kết (symlink) trỏ ra ngoài sources/, bỏ qua",
                       "chép tệp vào sources/ thay vì tạo liên kết")
        elif stat.S_ISDIR(target_st.st_mode):
            self.ignore(p, "thư mục liên kết (symlink) tới một thư mục đã có trong sources/")
        elif sidecar.is_sidecar(p):
            self.ignore(p, "tệp .meta.yaml là liên kết (symlink): không đọc; chép tệp thật vào đây")
        else:
            self.ignore(p, f"liên kết tới {printable(target.relative_to(self.root).as_posix())}"
                           " (tệp đó được xử lý riêng)")

    def file(self, p: Path, st: os.stat_result) -> None:
        rel = self.rel(p)
        if rel != p.relative_to(self.sources).as_posix():
            self.error(p, "bad-name", "tên tệp không phải UTF-8", "đổi tên tệp (chỉ dùng chữ Unicode)")
            return
        if not stat.S_ISREG(st.st_mode):  # never opened: a FIFO would block the build
            self.error(p, "not-a-file", f"không phải tệp thường ({kind_of(st.st_mode)})", REMOVE)
            return
        if st.st_size > self.max_bytes:
            self.error(p, "too-large", f"tệp quá lớn ({_mb(st.st_size)} MB > giới hạn {_mb(self.max_bytes)} MB)",
                       "kiểm tra tệp có đúng là một báo cáo không; nếu đúng, chạy lại với --max-mb lớn hơn"
                       " (hoặc biến MINHBACH_MAX_MB)")
            return
        try:
            sha = self.hashes.sha256(p, rel)
        except OSError as exc:
            self.error(p, "unreadable", f"không đọc được tệp ({_oserror(exc)})",
                       "kiểm tra quyền đọc hoặc rút ngắn đường dẫn")
            return
        self.inputs.append(Input(rel, p, sha))

    def attach_sidecars(self) -> None:
        """Sidecars attach to their source(s); one without a source is listed."""
        by_stem: dict[str, list[Input]] = {}
        for inp in self.inputs:
            by_stem.setdefault(sidecar.sidecar_for(Path(inp.rel)).as_posix(), []).append(inp)
        for rel, p in sorted(self.sidecars.items()):
            owners = by_stem.get(rel)
            name = shown(p, self.project)
            if not owners:
                self.outcome.problems.append(Problem(
                    name, "sidecar-orphan", WARNING, True, "tệp .meta.yaml không có tệp báo cáo cùng tên bên cạnh",
                    "đặt tên nó theo tệp báo cáo (bao-cao.txt → bao-cao.meta.yaml) hoặc xóa nó", None))
                continue
            loaded = sidecar.load(p, name)  # never raises, never opens a FIFO
            try:
                digest = self.hashes.sha256(p, rel) if not loaded.errors else _error_digest(loaded)
            except OSError:
                digest = _error_digest(loaded)
            for inp in owners:
                inp.sidecar, inp.sidecar_sha = loaded, digest


def _error_digest(loaded: sidecar.Sidecar) -> str:
    return cache_mod.fingerprint({"sidecar-errors": list(loaded.errors), "fields": repr(loaded.fields)})


def scan(project: Path, sources: Path, outcome: Outcome, hashes: cache_mod.HashCache,
         max_bytes: int) -> list[Input]:
    """Every entry under sources/ becomes an Input, a problem, or a listed ignored entry."""
    if not sources.is_dir():
        return []
    s = _Scan(project, sources, outcome, hashes, max_bytes)
    s.walk(sources)
    s.attach_sidecars()
    return s.inputs


def _mb(n: int) -> str:
    return f"{n / 1024 / 1024:.1f}".replace(".", ",")
