"""Plain-text helpers shared by the extractors (models, figures): remove inline
marks a paragraph may still carry, and split it into sentences."""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cached_property

from converters.text.whitespace import squash  # noqa: F401 (re-exported for the extractors)

# (characters of which one must be present for the pattern to match, pattern, replacement):
# the character tests skip most regex passes on ordinary sentences.
_MARKS = [
    ("<", re.compile(r"<sup>\s*\d+\s*</sup>"), ""),  # footnote marks of the raw exports
    ("[", re.compile(r"\[\^[^\]]+\]"), ""),  # Markdown footnote references
    ("\\", re.compile(r"\\([\\`*_{}\[\]()#+\-.!<>|~])"), r"\1"),  # Markdown escapes
    ("*_", re.compile(r"\*\*|__"), ""),
    ("*", re.compile(r"(?<!\w)\*(?=\S)|(?<=\S)\*(?!\w)"), ""),  # *emphasis*
    ("{", re.compile(r"\{:?\s*#p-\d+[^}]*\}\s*$"), ""),  # attr_list anchors
]


_LEAD_MARK = re.compile(r"^\s*(?:[-+•]|#+)\s+")


def clean_plain(text: str) -> str:
    for needles, pattern, repl in _MARKS:
        for c in needles:
            if c in text:
                text = pattern.sub(repl, text)
                break
    text = _LEAD_MARK.sub("", text)  # list bullet / heading mark
    return squash(text)


# A sentence ends at ". " / "! " / "? " followed by a capital letter, a digit, a
# quote or a dash; the white space between is dropped. (The pattern used to carry
# look-behinds meant to keep "TP. Hồ Chí Minh" whole; they tested the character
# before the space, which is always the punctuation, so they never applied and are
# left out.) The pattern starts at the punctuation rather than at every space: the
# regex engine tries far fewer positions.
_END = re.compile(r"[.!?…](\s+)(?=[\"“(\-–A-ZĐÀ-Ỹ0-9])")


def sentences(text: str) -> list[str]:
    parts: list[str] = []
    pos = 0
    for m in _END.finditer(text):
        parts.append(text[pos:m.start(1)])
        pos = m.end(1)
    parts.append(text[pos:])
    return [s.strip() for s in parts if s.strip()]


@dataclass(eq=False)
class Passage:
    """One body paragraph or footnote as the extractors read it: cleaned once,
    split into sentences once (on first use), shared by models and figures."""
    anchor: str | None
    text: str  # clean_plain of the source text
    is_note: bool

    @cached_property
    def sentences(self) -> list[str]:
        return sentences(self.text)


def passages(paragraphs, footnotes=(), note_anchors=()) -> list[Passage]:
    """paragraphs: ((anchor, plain text), …) in reading order; footnotes: plain texts,
    anchored by ``note_anchors`` (their ids on the page) when given, else None."""
    notes = tuple(note_anchors) + (None,) * (len(footnotes) - len(note_anchors))
    return [Passage(a, clean_plain(t), False) for a, t in paragraphs] + \
        [Passage(a, clean_plain(t), True) for a, t in zip(notes, footnotes)]
