"""Markdown pipe tables in a report body (indicator tables).

The DOCX reader writes a data table as a pipe table (header row, ``| --- |``
separator row, data rows; a literal pipe in a cell as ``\\|``) and text exports
may carry the same. ``find(lines)`` locates them among the cleaned body lines:

- a row is a line that starts and ends with an unescaped ``|``;
- rows follow each other directly or with blank lines between them (PDF-style
  exports put a blank line after every line); a row followed by a separator row
  opens a new table;
- a table with a separator row as its second row is a table whatever its cell
  counts; without one, at least two directly consecutive rows with the same
  number (≥ 2) of cells are a table, the first row its header;
- anything else stays text (and is escaped like text).

A table travels through the body cleaner as one unit (``textutil.TABLE`` + its
rows) so nothing joins it to a paragraph, and ``render`` turns that unit into
a normalised pipe table: every row padded to the widest row (the tables
extension drops cells beyond the header's), cell text escaped like any text
but with ``\\|`` for a literal pipe, footnote marks as ``[^N]``.
"""
from __future__ import annotations

import re

from converters.text import escape
from converters.text import textutil

_SEP_CELL = re.compile(r"^:?-+:?$")


def cells(line: str) -> list[str] | None:
    """The cells of a pipe-table row (``\\|`` read as a literal pipe), None when not a row."""
    s = line.strip()
    if not s.startswith("|"):
        return None
    out: list[str] = []
    cur: list[str] = []
    closed = False
    i = 1
    while i < len(s):
        c = s[i]
        if c == "\\" and s[i + 1:i + 2] == "|":
            cur.append("|")
            i += 2
            closed = False
            continue
        if c == "|":
            out.append(" ".join("".join(cur).split()))
            cur = []
            closed = True
        else:
            cur.append(c)
            closed = False
        i += 1
    return out if closed and out else None


def is_separator(row: list[str]) -> bool:
    return bool(row) and all(_SEP_CELL.match(c.replace(" ", "")) for c in row)


def _groups(run: list[tuple[int, list[str]]]) -> list[list[tuple[int, list[str]]]]:
    """Split a run of rows where a row followed by a separator row opens a new table."""
    groups: list[list[tuple[int, list[str]]]] = [[]]
    for r, (idx, row) in enumerate(run):
        opens = r + 1 < len(run) and is_separator(run[r + 1][1]) and not is_separator(row)
        if opens and groups[-1]:
            groups.append([])
        groups[-1].append((idx, row))
    return groups


def _consecutive(group: list[tuple[int, list[str]]]) -> list[list[tuple[int, list[str]]]]:
    parts: list[list[tuple[int, list[str]]]] = []
    for k, (idx, row) in enumerate(group):
        if k == 0 or idx != group[k - 1][0] + 1:
            parts.append([])
        parts[-1].append((idx, row))
    return parts


def find(lines: list[str]) -> list[tuple[int, int]]:
    """(first line, line after the last row) of each pipe table in ``lines``, in order."""
    found: list[tuple[int, int]] = []
    i = 0
    n = len(lines)
    while i < n:
        first = cells(lines[i]) if lines[i] else None
        if first is None:
            i += 1
            continue
        run = [(i, first)]
        j = i + 1
        while True:
            k = j
            while k < n and not lines[k]:
                k += 1
            row = cells(lines[k]) if k < n else None
            if row is None:
                break
            run.append((k, row))
            j = k + 1
        for group in _groups(run):
            if len(group) >= 2 and is_separator(group[1][1]):
                found.append((group[0][0], group[-1][0] + 1))
                continue
            for part in _consecutive(group):
                counts = {len(row) for _, row in part}
                if len(part) >= 2 and len(counts) == 1 and counts.pop() >= 2 \
                        and not any(is_separator(row) for _, row in part):
                    found.append((part[0][0], part[-1][0] + 1))
        i = j
    return found


def unit(lines: list[str]) -> str:
    """The body unit carrying a table: the marker, then its rows (blank lines dropped)."""
    return textutil.TABLE + "\n".join(ln for ln in lines if ln)


def _align(sep: str) -> str:
    s = sep.replace(" ", "")
    left, right = s.startswith(":"), s.endswith(":")
    return (":" if left else "") + "---" + (":" if right else "")


def render(table_unit: str, refs: frozenset[str] | set[str] = frozenset()) -> str:
    """The normalised, escaped Markdown pipe table of a table unit."""
    rows = [cells(ln) or [] for ln in table_unit[len(textutil.TABLE):].split("\n")]
    if len(rows) >= 2 and is_separator(rows[1]):
        header, seps, data = rows[0], rows[1], rows[2:]
    else:
        header, seps, data = rows[0], [], rows[1:]
    width = max(len(r) for r in [header, seps, *data])
    aligns = [_align(s) for s in seps] + ["---"] * (width - len(seps))

    def line(row: list[str]) -> str:
        padded = [escape.inline(c, refs, cell=True) for c in row] + [""] * (width - len(row))
        return "| " + " | ".join(padded) + " |"

    return "\n".join([line(header), "| " + " | ".join(aligns) + " |", *(line(r) for r in data)])

