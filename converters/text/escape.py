"""Report text → safe Markdown (and plain text).

The source text is "Markdown-ish": it may carry emphasis the export produced
(``**bold**``, ``*italic*``) and footnote marks (``<sup>N</sup>``). Everything
else is text and must show literally on the page: HTML tags, links, images,
stray ``*``/``_``, ``#`` or ``1.`` at the start of a line, pipes, backticks,
braces (attr_list / Jinja look-alikes) and HTML entities.

``inline(text, refs)`` keeps well-formed emphasis and turns the footnote marks
whose number is in ``refs`` into ``[^N]``; ``plain(text)`` gives the reading
text (no marks, no emphasis) used for search excerpts and extraction.
"""
from __future__ import annotations

import re

from converters.text.whitespace import squash

_SUP = re.compile(r"<sup>\s*(\d{1,3}(?:-\d{1,2})?)\s*</sup>", re.IGNORECASE)
# well-formed emphasis: opening run followed by non-space, closing run preceded by non-space
# (the run not preceded by "*" or a word character: checked behind its first "*", so that
# the pattern starts with a literal and the regex engine jumps from "*" to "*")
_EMPH = re.compile(r"(\*(?<![*\w]\*)\*{0,2})(?=[^\s*])(.+?)(?<=[^\s*])\1(?![*\w])")
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
        for m in _EMPH.finditer(text):
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
    if _LEAD_MARK.match(md) and not md.startswith("**") and not (md.startswith("*") and _EMPH.match(md)):
        return "\\" + md
    return md


def heading_text(md: str) -> str:
    """A heading's closing ``#`` run would be eaten by Markdown; escape it."""
    return re.sub(r"(#+)$", lambda m: "\\#" * len(m.group(1)), md)


def plain(text: str) -> str:
    """Reading text: footnote marks dropped, emphasis markers removed, spaces collapsed."""
    s = _SUP.sub("", text) if "<" in text else text
    if "*" in s:
        s = _EMPH.sub(lambda m: m.group(2), s)
    return squash(s)


def strip_emphasis(text: str) -> str:
    return _EMPH.sub(lambda m: m.group(2), text)
