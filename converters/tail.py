"""The closing blocks: signature(s) and "Nơi nhận" (in either order)."""
from __future__ import annotations

import re
from dataclasses import dataclass

from .model import Signer


@dataclass(frozen=True)
class Tail:
    signers: tuple[Signer, ...]
    recipients: tuple[str, ...]
    body_end: int  # index of the first line after the body


_RECIPIENTS = re.compile(r"^[*_\s]*Nơi nhận\s*:?", re.IGNORECASE)


def parse(lines: list[str], body_start: int) -> Tail:
    """First cut; to be replaced by the full signature/recipient parser."""
    end = len(lines)
    recipients: list[str] = []
    for i in range(body_start, len(lines)):
        if _RECIPIENTS.match(lines[i]):
            end = i
            for line in lines[i + 1:]:
                s = line.strip()
                if s.startswith("-"):
                    recipients.append(s.lstrip("- ").rstrip(";.,"))
            break
    return Tail((), tuple(recipients), end)
