"""One build at a time: ``flock`` on .minhbach/build.lock.

The kernel releases the lock when its owner dies, so a killed build never blocks
the next one. The file records the owner's PID and start time: the next run says
when it takes over from a build that died (its record is still there), and a
build still holding the lock after MINHBACH_MAX_BUILD_MINUTES (default 240) is
reported as overdue instead of silently blocking every night.
"""
from __future__ import annotations

import fcntl
import json
import os
import time
from dataclasses import dataclass
from pathlib import Path
from minhbach import settings

DEFAULT_MAX_MINUTES = 240.0


def max_minutes() -> float:
    return settings.number("MINHBACH_MAX_BUILD_MINUTES", DEFAULT_MAX_MINUTES) or DEFAULT_MAX_MINUTES


@dataclass(frozen=True)
class Owner:
    pid: int
    started: float  # time.time()
    tag: str = ""  # the marker its child processes carry (children.MARKER)

    def when(self) -> str:
        return time.strftime("%Y-%m-%d %H:%M:%S", time.localtime(self.started))

    def minutes(self) -> float:
        return (time.time() - self.started) / 60


def _parse(text: str) -> Owner | None:
    text = text.strip()
    if not text:
        return None
    try:
        data = json.loads(text)
        return Owner(int(data["pid"]), float(data["started"]), str(data.get("tag", "")))
    except (ValueError, KeyError, TypeError):
        pass
    try:  # the format before the start time was recorded: "<pid>"
        return Owner(int(text.split()[0]), 0.0)
    except (ValueError, IndexError):
        return None


class Busy(Exception):
    """Another build holds the lock."""

    def __init__(self, owner: Owner | None):
        self.owner = owner
        super().__init__(str(owner.pid) if owner else "?")

    @property
    def overdue(self) -> bool:
        return bool(self.owner and self.owner.started and self.owner.minutes() > max_minutes())


class BuildLock:
    def __init__(self, path: Path, tag: str = ""):
        self.path = path
        self.tag = tag
        self.fd: int | None = None
        self.previous: Owner | None = None  # a dead build's record, found when taking the lock

    def __enter__(self) -> "BuildLock":
        self.path.parent.mkdir(parents=True, exist_ok=True)
        fd = os.open(self.path, os.O_RDWR | os.O_CREAT, 0o644)
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError:
            holder = _parse(os.pread(fd, 4096, 0).decode("utf-8", "replace"))
            os.close(fd)
            raise Busy(holder) from None
        self.previous = _parse(os.pread(fd, 4096, 0).decode("utf-8", "replace"))
        os.ftruncate(fd, 0)
        record = {"pid": os.getpid(), "started": time.time(), "tag": self.tag}
        os.pwrite(fd, (json.dumps(record) + "\n").encode(), 0)
        os.fsync(fd)
        self.fd = fd
        return self

    def __exit__(self, *exc) -> None:
        if self.fd is not None:
            os.ftruncate(self.fd, 0)  # a clean end leaves no record: a record means the owner died
            fcntl.flock(self.fd, fcntl.LOCK_UN)
            os.close(self.fd)
            self.fd = None
