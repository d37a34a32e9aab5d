"""Report text → safe Markdown (and plain text).

The source text is "Markdown-ish": it may carry emphasis the export produced
(``**bold**``, ``*italic*``) and footnote marks (``<sup>N</sup>``). Everything
else is text and must show literally on the page: HTML tags, links, images,
stray ``*``/``_``, ``#`` or ``1.`` at the start of a line, pipes, backticks,
braces (attr_list / Jinja look-alikes) and HTML entities.

``inline(text, refs)`` keeps well-formed emphasis and turns the footnote marks
whose number is in ``refs`` into ``[^N]`` (a report's own body); ``literal(text)``
keeps nothing: any text (a title, a name, a sentence quoted on a cross-page) renders
as exactly that text; ``plain(text)`` gives the reading text (no marks, no emphasis)
used for search excerpts and extraction.
"""
from __future__ import annotations

import re
from bisect import bisect_left

from converters.text.whitespace import squash

# literal(): the characters Python-Markdown (with tables) unescapes after a backslash get
# one (others would show the backslash); "+", "-", "1." only start a list at the start of
# a line; & < > become entities.
_LITERAL_ESCAPES = {**{c: "\\" + c for c in "\\`*_{}[]()#!|"}, "&": "&amp;", "<": "&lt;", ">": "&gt;"}
_LITERAL_SPECIAL = re.compile(r"[\\`*_{}\[\]()#!|&<>]")
_LITERAL_LINE_START = re.compile(r"^(?:([-+])(?=\s|$)|(\d+)(?=[.)](?:\s|$)))")


def literal(text: object) -> str:
    """Any text as Markdown that renders as exactly that text (no markup, no HTML), on
    one line: & < > become entities; the characters Python-Markdown unescapes after a
    backslash get one; "+", "-", "1." are escaped only at the start, where they would
    start a list. Linear in the text."""
    if text is None:
        return ""
    out = _LITERAL_SPECIAL.sub(lambda m: _LITERAL_ESCAPES[m.group()], " ".join(str(text).split()))
    if out[:1] in "-+0123456789" and out:
        out = _LITERAL_LINE_START.sub(lambda m: "\\" + m.group(1) if m.group(1) else m.group(2) + "\\", out)
    return out

_SUP = re.compile(r"<sup>\s*(\d{1,3}(?:-\d{1,2})?)\s*</sup>", re.IGNORECASE)
# well-formed emphasis: opening run followed by non-space, closing run preceded by non-space
# (the run not preceded by "*" or a word character). The regular expression states the rule;
# find_emphasis() finds the same matches in linear time (the regex retries every opening run to
# the end of the line: quadratic on "*a *a *a …", 7.7 s for 8,000 asterisks).
_EMPH = re.compile(r"(\*(?<![*\w]\*)\*{0,2})(?=[^\s*])(.+?)(?<=[^\s*])\1(?![*\w])")
_RUN = re.compile(r"\*+")
_WORD = re.compile(r"\w")
_SPACE = re.compile(r"\s")


class _Emphasis:
    """A match of _EMPH: group(1) the run of asterisks, group(2) the emphasised text."""

    __slots__ = ("text", "_start", "_end", "_run")

    def __init__(self, text: str, start: int, end: int, run: int):
        self.text, self._start, self._end, self._run = text, start, end, run

    def start(self) -> int:
        return self._start

    def end(self) -> int:
        return self._end

    def group(self, n: int = 0) -> str:
        if n == 1:
            return self.text[self._start:self._start + self._run]
        if n == 2:
            return self.text[self._start + self._run:self._end - self._run]
        return self.text[self._start:self._end]


def find_emphasis(text: str) -> list[_Emphasis]:
    """The matches _EMPH.finditer(text) gives, found in O(n log n)."""
    if "*" not in text:
        return []
    n = len(text)
    openers: list[tuple[int, int]] = []
    closers: dict[int, list[int]] = {1: [], 2: [], 3: []}
    for m in _RUN.finditer(text):
        i, j = m.start(), m.end()
        size = j - i
        if size > 3:
            continue
        before = text[i - 1] if i else ""
        after = text[j] if j < n else ""
        if after and not _SPACE.match(after) and not (before and _WORD.match(before)):
            openers.append((i, size))
        if before and not _SPACE.match(before) and not (after and _WORD.match(after)):
            closers[size].append(i)
    if not openers:
        return []
    newlines = [i for i, c in enumerate(text) if c == "\n"] if "\n" in text else []
    found: list[_Emphasis] = []
    pos = 0
    for i, size in openers:
        if i < pos:
            continue
        inner = i + size  # the emphasised text holds at least one character
        k = bisect_left(closers[size], inner + 1)
        if k == len(closers[size]):
            continue
        close = closers[size][k]
        nl = bisect_left(newlines, inner)
        if nl < len(newlines) and newlines[nl] < close:
            continue  # "." does not cross a line
        found.append(_Emphasis(text, i, close + size, size))
        pos = close + size
    return found


def _emph_sub(text: str) -> str:
    out, pos = [], 0
    for m in find_emphasis(text):
        out.append(text[pos:m.start()])
        out.append(m.group(2))
        pos = m.end()
    out.append(text[pos:])
    return "".join(out)
_ENTITY = re.compile(r"&(?=#\d+;|#[xX][0-9a-fA-F]+;|[A-Za-z][A-Za-z0-9]{1,31};)")
_SUPERSCRIPT = str.maketrans("0123456789", "⁰¹²³⁴⁵⁶⁷⁸⁹")

_TEXT_ESCAPES = {
    "\\": "\\\\",
    "`": "\\`",
    "*": "\\*",
    "_": "\\_",
    "[": "\\[",
    "]": "\\]",
    "{": "\\{",
    "}": "\\}",
    "<": "&lt;",
    "|": "&#124;",
}
_TEXT_ESCAPES_CHARS = "".join(_TEXT_ESCAPES)
_TEXT_RE = re.compile(r"[\\`*_\[\]{}<|]")


def _has_any(s: str, chars: str) -> bool:
    """Does ``s`` hold one of ``chars``? (A few "in" tests cost far less than a
    regex character class tried at every position of a long paragraph.)"""
    for c in chars:
        if c in s:
            return True
    return False

# what a Markdown block would read at the start of a line
_LEAD_ORDERED = re.compile(r"^(\d{1,9})([.)])(\s|$)")
_LEAD_MARK = re.compile(r"^([-+*>#=]|:)")


def _text(s: str, cell: bool = False) -> str:
    if "&" in s:
        s = _ENTITY.sub("&amp;", s)
    if not _has_any(s, _TEXT_ESCAPES_CHARS):
        return s
    if cell:  # inside a pipe table the tables extension reads "\|" as a literal pipe
        return _TEXT_RE.sub(lambda m: "\\|" if m.group(0) == "|" else _TEXT_ESCAPES[m.group(0)], s)
    return _TEXT_RE.sub(lambda m: _TEXT_ESCAPES[m.group(0)], s)


def _with_sups(s: str, refs: frozenset[str] | set[str], cell: bool = False) -> str:
    if "<" not in s:  # no footnote mark: the common case
        return _text(s, cell)
    out: list[str] = []
    pos = 0
    for m in _SUP.finditer(s):
        out.append(_text(s[pos:m.start()], cell))
        num = m.group(1)
        out.append(f"[^{num}]" if num in refs else num.translate(_SUPERSCRIPT))
        pos = m.end()
    out.append(_text(s[pos:], cell))
    return "".join(out)


def inline(text: str, refs: frozenset[str] | set[str] = frozenset(), emphasis: bool = True,
           cell: bool = False) -> str:
    """Escape ``text`` for a Markdown paragraph, keeping source emphasis and footnote refs.

    ``cell=True`` escapes for a pipe-table cell: a literal ``|`` becomes ``\\|``.
    """
    out: list[str] = []
    pos = 0
    if emphasis and "*" in text:
        for m in find_emphasis(text):
            inner = m.group(2)
            if "*" in inner:  # nested runs: keep them literal rather than guess
                continue
            out.append(_with_sups(text[pos:m.start()], refs, cell))
            out.append(m.group(1) + _with_sups(inner, refs, cell) + m.group(1))
            pos = m.end()
    out.append(_with_sups(text[pos:], refs, cell))
    return "".join(out)


def line_start(md: str) -> str:
    """Escape what would make a paragraph's first characters a block marker."""
    m = _LEAD_ORDERED.match(md)
    if m:
        return f"{m.group(1)}\\{m.group(2)}{md[m.end(2):]}"
    if _LEAD_MARK.match(md) and not md.startswith("**") and not (md.startswith("*") and _starts_emphasis(md)):
        return "\\" + md
    return md


def _starts_emphasis(md: str) -> bool:
    found = find_emphasis(md)
    return bool(found) and found[0].start() == 0


def heading_text(md: str) -> str:
    """A heading's closing ``#`` run would be eaten by Markdown; escape it."""
    return re.sub(r"(#+)$", lambda m: "\\#" * len(m.group(1)), md)


def plain(text: str) -> str:
    """Reading text: footnote marks dropped, emphasis markers removed, spaces collapsed."""
    s = _SUP.sub("", text) if "<" in text else text
    if "*" in s:
        s = _emph_sub(s)
    return squash(s)


def strip_emphasis(text: str) -> str:
    return _emph_sub(text)
