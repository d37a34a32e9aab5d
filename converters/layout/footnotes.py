"""Page footnotes: definitions lifted out of the text flow, sentences rejoined.

Exports put a page's footnote definitions (``<sup>N</sup> text``) where the page
broke, often in the middle of a sentence. ``split`` takes the body units
(paragraph texts in reading order) and returns the units without the
definitions, the page-broken sentences rejoined, and the definitions; a
definition whose number is never referenced gets a reference at the end of the
paragraph it interrupted (or the one before it), so it is still published.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from converters.text import textutil

FNDEF = re.compile(r"^\s*<sup>\s*(\d{1,3})\s*</sup>\s*(.*)$", re.IGNORECASE | re.DOTALL)
REF = re.compile(r"<sup>\s*(\d{1,3}(?:-\d{1,2})?)\s*</sup>", re.IGNORECASE)
_CONTINUATION_MAX = 1000  # chars of text between def N and N+1 still read as part of def N


@dataclass
class Footnote:
    label: str  # "9"; a repeated number gets "9-2"
    number: int
    paragraphs: list[str] = field(default_factory=list)
    anchor: int = -1  # index (in the returned units) of the paragraph it interrupted
    referenced: bool = False


def is_def(text: str) -> bool:
    return bool(FNDEF.match(text))


def _attach_continuations(units: list[str]) -> list[tuple[str, str]]:
    """Tag units as ('def'|'cont'|'body'); text sandwiched between def N and def N+1 is def N's."""
    tags: list[tuple[str, str]] = [("def" if is_def(u) else "body", u) for u in units]
    i = 0
    while i < len(tags):
        if tags[i][0] != "def":
            i += 1
            continue
        num = int(FNDEF.match(tags[i][1]).group(1))
        j = i + 1
        size = 0
        while j < len(tags) and tags[j][0] == "body" and size < _CONTINUATION_MAX:
            size += len(tags[j][1])
            j += 1
        if (j > i + 1 and j < len(tags) and tags[j][0] == "def"
                and int(FNDEF.match(tags[j][1]).group(1)) == num + 1 and size < _CONTINUATION_MAX
                and all(_may_continue(t) for _, t in tags[i + 1:j])):
            for k in range(i + 1, j):
                tags[k] = ("cont", tags[k][1])
            i = j
        else:
            i += 1
    return tags


def _may_continue(text: str) -> bool:
    s = text.lstrip()
    if not s or s.startswith("#") or textutil.whole_bold(s) or textutil.is_table(s):
        return False
    first = textutil.first_letter(s)
    return not (first and first.islower())  # a lowercase start resumes the interrupted sentence


def split(units: list[str]) -> tuple[list[str], list[Footnote]]:
    tags = _attach_continuations(units)
    out: list[str] = []
    notes: list[Footnote] = []
    seen: dict[int, int] = {}
    in_group = False
    group_anchor = -1
    for tag, text in tags:
        if tag == "def":
            m = FNDEF.match(text)
            num = int(m.group(1))
            seen[num] = seen.get(num, 0) + 1
            label = str(num) if seen[num] == 1 else f"{num}-{seen[num]}"
            if not in_group:
                in_group = True
                group_anchor = len(out) - 1
            notes.append(Footnote(label, num, [m.group(2).strip()], anchor=group_anchor))
            continue
        if tag == "cont":
            notes[-1].paragraphs.append(text.strip())
            continue
        if out and textutil.page_broken(out[-1], text, across_notes=in_group):
            out[-1] = textutil.join(out[-1], text)
        else:
            out.append(text)
        in_group = False
    return out, notes


def place_unreferenced(units: list[str], notes: list[Footnote], is_heading) -> set[str]:
    """Mark which notes are referenced; give the others a reference. Returns the labels given one."""
    refs: set[str] = set()
    for u in units:
        refs.update(REF.findall(u))
    placed: set[str] = set()
    first_label: dict[int, str] = {}
    for n in notes:
        first_label.setdefault(n.number, n.label)
    for n in notes:
        if n.label == first_label[n.number] and n.label in refs:
            n.referenced = True
            continue
        idx = _paragraph_near(units, n.anchor, is_heading)
        if idx is None:
            continue
        units[idx] = units[idx].rstrip() + f"<sup>{n.label}</sup>"
        n.referenced = True
        placed.add(n.label)
    return placed


def _paragraph_near(units: list[str], anchor: int, is_heading) -> int | None:
    for k in range(min(anchor, len(units) - 1), -1, -1):
        if not is_heading(units[k]):
            return k
    for k in range(max(anchor + 1, 0), len(units)):
        if not is_heading(units[k]):
            return k
    return None
