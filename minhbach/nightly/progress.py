"""Progress on stderr: a bar on a terminal, plain log lines otherwise (cron, logs)."""
from __future__ import annotations

import sys
import time
from typing import TextIO


def seconds(value: float) -> str:
    """41.2 → "41,2" (Vietnamese decimal comma)."""
    return f"{value:.1f}".replace(".", ",")


class Progress:
    def __init__(self, stream: TextIO | None = None, quiet: bool = False, tty: bool | None = None):
        self.stream = stream or sys.stderr
        self.quiet = quiet
        self.tty = self.stream.isatty() if tty is None else tty
        self.start = time.monotonic()
        self._label = ""
        self._total = 0
        self._last = 0.0
        self._bar_shown = False

    def current(self) -> str:
        """The stage running now ("" before the first)."""
        return self._label

    def elapsed(self) -> float:
        return time.monotonic() - self.start

    def stage(self, label: str, total: int = 0) -> None:
        """Start a stage: a log line (or a fresh bar on a terminal)."""
        self._end_bar()
        self._label, self._total = label, total
        if self.quiet:
            return
        if self.tty and total:
            self.advance(0, force=True)
        else:
            suffix = f" ({total} tệp)" if total else ""
            self._write(f"[{seconds(self.elapsed())} s] {label}{suffix}\n")

    def advance(self, done: int, force: bool = False) -> None:
        if self.quiet or not self.tty or not self._total:
            return
        now = time.monotonic()
        if not force and now - self._last < 0.1 and done < self._total:
            return
        self._last = now
        width = 30
        filled = int(width * done / self._total)
        bar = "█" * filled + "░" * (width - filled)
        self._write(f"\r{self._label} {bar} {done}/{self._total}")
        self._bar_shown = True

    def note(self, line: str) -> None:
        """A line that must be seen (a problem): always printed, even when quiet."""
        self._end_bar()
        self._write(line + "\n")

    def info(self, line: str) -> None:
        if not self.quiet:
            self.note(line)

    def _end_bar(self) -> None:
        if self._bar_shown:
            self._write("\n")
            self._bar_shown = False

    def done(self) -> None:
        self._end_bar()

    def _write(self, text: str) -> None:
        self.stream.write(text)
        self.stream.flush()
