"""Where a format module puts footnote definitions in its SourceText.

Word and PDF readers collect footnote definitions (``<sup>N</sup> text``) apart
from the running text. They go in as one group, in number order, right after the
last block that references one of them: inside the body, before the signature
block and "Nơi nhận" (the tail parser ends the body there, so definitions after
it would be lost), and never between two referencing paragraphs (where the body
cleaner could read the text in between as a definition's continuation). Notes
nothing references travel in the same group, so they are still published.
"""
from __future__ import annotations

import re

_REF = re.compile(r"<sup>\s*(\d{1,3})\s*</sup>")


def insert(blocks: list[str], notes: list[tuple[int, str]], fallback: int | None = None) -> list[str]:
    """``blocks`` with the definitions ``notes`` ((number, text) pairs) inserted as one group."""
    if not notes:
        return blocks
    numbers = {n for n, _ in notes}
    last = None
    for i, block in enumerate(blocks):
        if any(int(m) in numbers for m in _REF.findall(block)):
            last = i
    if last is None:
        last = (len(blocks) - 1) if fallback is None else min(fallback, len(blocks) - 1)
    group = [f"<sup>{n}</sup> {text}".rstrip() for n, text in sorted(notes, key=lambda t: t[0])]
    return blocks[: last + 1] + group + blocks[last + 1:]
