"""The body: rejoined paragraphs, one outline, footnotes, escaped text."""
from __future__ import annotations

from dataclasses import dataclass

from .model import Stamp


@dataclass(frozen=True)
class Body:
    markdown: str  # clean Markdown, footnote definitions at the end
    paragraphs: tuple[tuple[str, str], ...]  # (anchor id, plain text) in reading order
    footnotes: tuple[str, ...]  # plain text of each footnote definition
    numbered_footnotes: int
    stamp: Stamp | None = None


def render(lines: list[str]) -> Body:
    """First cut; to be replaced by the full body cleaner."""
    paras = [p.strip() for p in "\n".join(lines).split("\n\n") if p.strip()]
    items = tuple((f"p-{i + 1}", " ".join(p.split())) for i, p in enumerate(paras))
    return Body("\n\n".join(t for _, t in items), items, (), 0)
