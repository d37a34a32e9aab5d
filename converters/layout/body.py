"""The body: rejoined paragraphs, one outline, footnotes, escaped text.

``render(lines)`` takes the body lines (between the header and the signature /
"Nơi nhận" tail) and returns a ``Body``:

1. a received-document stamp is lifted out (``converters.stamp``); page
   numbers alone on a line and rules are dropped;
2. lines become paragraphs ("units"). DOCX-style exports already give one
   paragraph per line; PDF-style exports hard-wrap every line (often with blank
   lines in between), so there paragraph ends are decided from sentence-final
   punctuation, the next line opening a heading or item, line length against
   the page width and capitals; words and symbols split over lines are rejoined
   ("19-" + "CT/TU"); a Markdown pipe table (``converters.tables``) is one unit
   of its own, never joined to a paragraph or to another table;
3. footnote definitions are lifted out and the sentences they interrupted are
   rejoined (``converters.footnotes``);
4. stray artifacts and signature remnants are dropped;
5. headings get one outline (``converters.outline``), numbered list paragraphs
   stay paragraphs, "- " items stay a list;
6. everything is escaped (``converters.escape``) and each paragraph / list item
   gets a stable anchor ``p-N`` with an attr_list line (``{: #p-N }``). A
   table is rendered as a normalised pipe table without an anchor (attr_list
   cannot address a table) and is not listed in ``Body.paragraphs``, so the
   anchors of the paragraphs around it are numbered as if it were not there.

The page needs the Python-Markdown extensions ``attr_list``, ``footnotes`` and
``tables``.
"""
from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

from converters.text import escape
from converters.layout import footnotes
from converters.layout import outline
from converters.layout import stamp as stamp_mod
from converters.layout import tables
from converters.text import textutil
from converters.document import Stamp
from converters.text.whitespace import squash


@dataclass(frozen=True)
class Body:
    markdown: str  # clean Markdown, footnote definitions at the end
    paragraphs: tuple[tuple[str, str], ...]  # (anchor id, plain text) in reading order; headings, tables excluded
    footnotes: tuple[str, ...]  # plain text of each footnote definition, in number order
    numbered_footnotes: int
    stamp: Stamp | None = None
    headings: tuple[tuple[int, str], ...] = ()  # (level, plain text) in reading order
    unmarked_footnotes: tuple[str, ...] = ()  # labels of footnotes the source never referenced
    footnote_labels: tuple[str, ...] = ()  # label of each entry of ``footnotes`` (page id "fn:<label>")


_PAGE_NUMBER = re.compile(r"^\s*(?:[-–—]\s*)?(?:Trang\s+)?\d{1,3}(?:\s*/\s*\d{1,3})?(?:\s*[-–—])?\s*$", re.IGNORECASE)
_RULE = re.compile(r"^\s*(?:[-_=*~—–.·]\s*){3,}$")
# a portal's bold split around an item number: "**2. **Sở Nội vụ …" → "2. Sở Nội vụ …"
_BOLD_MARK = re.compile(r"^\*\*\s*((?:[IVXLC]+|\d{1,2}(?:\.\d{1,2})*|[a-zđ])\s*[.)/-])\s*\*\*\s*(?=\S)")
_STAR_BULLET = re.compile(r"^\s*[*•·]\s+(?=\S)")
_TRAILING_ARTIFACT = re.compile(r"\s*(?:\*([^*\s][^*]{0,14})\*|_([^_\s][^_]{0,14})_)\s*$")
_PART_ONLY = re.compile(r"^(?:PHẦN|Phần)\s+(?:(?:THỨ|thứ)\s+\S+|[IVXLC]+|\d{1,2}|[A-Z])\s*[.:]?$")
_SIGN_ROLE = re.compile(
    r"^(?:T/?M\.?|TM\.|KT\.|Q\.|TL\.|TUQ\.|TM |T/M )"
    r"|^(?:GIÁM ĐỐC|PHÓ GIÁM ĐỐC|CHỦ TỊCH|PHÓ CHỦ TỊCH|BÍ THƯ|PHÓ BÍ THƯ|TRƯỞNG BAN|PHÓ TRƯỞNG BAN"
    r"|CHÁNH VĂN PHÒNG|PHÓ CHÁNH VĂN PHÒNG|PHÓ VĂN PHÒNG|THỦ TRƯỞNG|GIÁM ĐỐC SỞ)\b"
)
_RECIPIENTS = re.compile(r"^\W*Nơi nhận\s*:?", re.IGNORECASE)
_NAME = re.compile(r"^(?:[A-ZÀ-Ỹ][^\s\d.,;:!?]*\s+){1,4}[A-ZÀ-Ỹ][^\s\d.,;:!?]*$")

HEADING_MAX = 400  # a plain numbered line longer than this is a numbered paragraph
EXPLICIT_HEADING_MAX = 400  # bold / ## lines longer than this are emphasised paragraphs


# --------------------------------------------------------------------------- lines


def _clean_lines(lines: list[str]) -> list[str]:
    text = "\n".join(lines)
    if text.count("\n") != len(lines) - 1:  # a line holding a line break: one at a time
        return [_clean_line(_normalised(raw)) for raw in lines]
    # NFC and the replacements in one pass over the whole text (a line break
    # composes with nothing, so this is the same as line by line)
    return [_clean_line(line) for line in _normalised(text).split("\n")]


def _normalised(text: str) -> str:
    return unicodedata.normalize("NFC", text).replace("\t", " ").replace("\u00a0", " ") \
        .replace(textutil.TABLE, "")


def _clean_line(line: str) -> str:
    """One normalised line: page numbers and rules dropped, "* " bullets as "- ",
    single spaces (the patterns allow trailing white space, squash drops it)."""
    first = line[:1]
    if first.isalpha() and first not in "Tt":
        return squash(line)  # none of the three patterns starts with such a letter
    if _PAGE_NUMBER.match(line) or _RULE.match(line):
        return ""
    if first == "*":
        line = _BOLD_MARK.sub(r"\1 ", line)
    return squash(_STAR_BULLET.sub("- ", line))


def _is_wrapped(lines: list[str]) -> tuple[bool, int]:
    """(hard-wrapped PDF-style text?, page width in characters)."""
    text = [ln for ln in lines if ln and not footnotes.is_def(ln)]
    if len(text) < 6:
        return False, 0
    lengths = sorted(len(ln) for ln in text)
    width = lengths[int(0.9 * (len(lengths) - 1))]
    if width > 140:
        return False, width
    # lines that end neither a sentence nor a clause, followed by a lower-case start
    mid = sum(1 for a, b in zip(text, text[1:])
              if textutil.end_mark(a) not in textutil.ENDS and textutil.starts_lower(b))
    return mid >= 0.25 * len(text), width


def _opening(unit_first: str) -> tuple[bool, bool]:
    """(does a paragraph opening with this line wrap like a heading, is it in capitals?)
    — computed once per paragraph, not for each of its lines."""
    first = textutil.core(unit_first)
    mk = outline.marker(first)
    caps = textutil.is_caps(first)
    return (mk is not None and mk.kind not in ("bullet", "sub")) or caps, caps


def _wrapped_break(opening: tuple[bool, bool], prev: str, nxt: str, width: int) -> bool:
    """In hard-wrapped text, does ``prev`` end a paragraph before ``nxt``?
    ``opening``: ``_opening`` of the paragraph's first line."""
    c = textutil.core(nxt)
    if outline.starts_block(c) or footnotes.is_def(nxt) or nxt.startswith("#"):
        return True
    upper = textutil.starts_upper(nxt)
    end = textutil.end_mark(prev)
    heading, caps = opening
    if heading:
        # a heading being wrapped: it goes on in lower case (or in capitals for a capitals heading)
        if end in textutil.SENTENCE_ENDS:
            return True
        if caps and textutil.is_caps(nxt):
            return False
        return upper
    if end in textutil.SENTENCE_ENDS and upper:
        # a paragraph's first line is indented, so a full-width line goes on with the paragraph
        return len(nxt) < width - 1
    if end in textutil.CLAUSE_ENDS and upper and len(prev) < 0.8 * width:
        return True
    return upper and len(prev) < 0.7 * width


def _units(lines: list[str]) -> list[str]:
    """Paragraph texts in reading order (footnote definitions still among them); a pipe
    table is one unit (``textutil.TABLE`` + its rows)."""
    spans = {start: end for start, end in tables.find(lines)}
    in_table = {i for start, end in spans.items() for i in range(start, end)}
    wrapped, width = _is_wrapped([ln for i, ln in enumerate(lines) if i not in in_table])
    units: list[list[str]] = []
    openings: dict[int, tuple[bool, bool]] = {}  # unit index -> _opening of its first line
    blank_before = True
    i = 0
    while i < len(lines):
        if i in spans:
            units.append([tables.unit(lines[i:spans[i]])])
            i = spans[i]
            blank_before = True
            continue
        line = lines[i]
        i += 1
        if not line:
            blank_before = True
            continue
        if not units or textutil.is_table(units[-1][0]) or _is_row(line) or _is_row(units[-1][-1]):
            units.append([line])  # pipe rows that make no table are still never joined
        elif wrapped:
            k = len(units) - 1
            if k not in openings:
                openings[k] = _opening(units[k][0])
            if _wrapped_break(openings[k], units[-1][-1], line, width):
                units.append([line])
            else:
                units[-1].append(line)
        elif blank_before or _block_break(units[-1][-1], line):
            units.append([line])
        else:
            units[-1].append(line)
        blank_before = False
    out = []
    for parts in units:
        text = parts[0]
        for p in parts[1:]:
            text = textutil.join(text, p)
        out.append(text)
    return out


def _is_row(line: str) -> bool:
    """A pipe-table row (the "|" test first: most lines have none)."""
    return "|" in line and tables.cells(line) is not None


def _block_break(prev: str, nxt: str) -> bool:
    """Inside a block of consecutive lines of a DOCX-style export."""
    if footnotes.is_def(nxt) or nxt.startswith("#") or outline.starts_block(textutil.core(nxt)):
        return True
    return (textutil.ends_sentence(prev) or textutil.ends_clause(prev)) and textutil.starts_upper(nxt) \
        and len(prev) > 120


# --------------------------------------------------------------------------- cleanup


def _strip_artifact(text: str) -> str:
    """Drop a short italic non-word at the end of a paragraph ("./. *rgul*")."""
    if textutil.is_table(text) or not text.rstrip().endswith(("*", "_")):
        return text
    m = _TRAILING_ARTIFACT.search(text)
    if not m:
        return text
    token = m.group(1) or m.group(2)
    before = text[:m.start()]
    if textutil.is_gibberish(token) and (not before.strip() or textutil.ends_sentence(before)):
        return before.rstrip()
    return text


def _is_signature(text: str) -> bool:
    if textutil.is_table(text):
        return False
    s = textutil.whole_bold(text) or textutil.core(text)
    s = s.strip()
    if not s or len(s) > 80:
        return False
    if _SIGN_ROLE.match(s.upper() if s.isupper() else s) or _RECIPIENTS.match(s):
        return True
    return bool(_NAME.match(s)) and not textutil.ends_sentence(s)


def _trim(units: list[str]) -> list[str]:
    """Drop stray header lines at the start and signature remnants at the end."""
    start = 0
    while start < len(units) and textutil.starts_lower(units[start]) \
            and not footnotes.is_def(units[start]):
        start += 1  # a body never opens mid-sentence: the rest of a subject line
    units = units[start:]
    end = len(units)
    k = end
    # "Nơi nhận" and its list, signature roles and names, in either order
    while k > 0:
        u = units[k - 1]
        s = textutil.core(u)
        if _is_signature(u):
            k -= 1
            continue
        if s.startswith("-") and k < end and any(_RECIPIENTS.match(textutil.core(x)) for x in units[:k]) \
                and _recipients_block(units, k - 1):
            k -= 1
            continue
        break
    if k < end and any(_SIGN_ROLE.match(textutil.core(x)) or _RECIPIENTS.match(textutil.core(x))
                       for x in units[k:end]):
        units = units[:k]
    cleaned = [_strip_artifact(u) for u in units]
    return [u for u in cleaned if u.strip()]


def _recipients_block(units: list[str], idx: int) -> bool:
    k = idx
    while k >= 0 and textutil.core(units[k]).startswith("-"):
        k -= 1
    return k >= 0 and bool(_RECIPIENTS.match(textutil.core(units[k])))


# --------------------------------------------------------------------------- outline


@dataclass
class _Block:
    kind: str  # heading | para | bullet | sub | table
    text: str  # source text (emphasis, <sup> marks) without heading markup
    marker: str | None = None  # marker kind of a heading; None for an unmarked heading
    level: int = 0
    number: int | None = None


def _split_heading(text: str) -> tuple[int, bool, str]:
    """(## level given by the export, whole-bold?, inner text)."""
    s = text.strip()
    hashes = len(s) - len(s.lstrip("#"))
    if hashes and s[hashes:hashes + 1] == " ":
        s = s[hashes:].strip()
    else:
        hashes = 0
    inner = textutil.whole_bold(s)
    if inner is not None:
        return hashes, True, inner
    return hashes, False, s


def _merge_parts(units: list[str]) -> list[str]:
    """"Phần thứ nhất" alone, then its title in capitals → one heading."""
    out: list[str] = []
    i = 0
    while i < len(units):
        u = units[i]
        _, _, inner = _split_heading(u)
        if _PART_ONLY.match(textutil.core(inner)) and i + 1 < len(units):
            _, _, nxt = _split_heading(units[i + 1])
            if textutil.is_caps(nxt) and outline.marker(textutil.core(nxt)) is None:
                out.append(f"{textutil.core(inner).rstrip('.:')}: {nxt}")
                i += 2
                continue
        out.append(u)
        i += 1
    return out


def _classify(units: list[str]) -> list[_Block]:
    blocks: list[_Block] = []
    candidates: list[int] = []
    explicit_kinds: set[str] = set()
    for u in units:
        if textutil.is_table(u):
            blocks.append(_Block("table", u))
            continue
        hashes, bold, inner = _split_heading(u)
        plain = escape.plain(inner)
        mk = outline.marker(plain)
        if mk is not None and mk.kind in ("bullet", "sub"):
            rest = re.sub(r"^\s*[-–•]?\s*\+?\s*", "", inner, count=1) if mk.kind == "sub" \
                else re.sub(r"^\s*[-–•+]\s*", "", inner, count=1)
            blocks.append(_Block(mk.kind, rest))
            continue
        explicit = (hashes > 0 or bold) and len(plain) <= EXPLICIT_HEADING_MAX \
            and not textutil.ends_clause(plain)
        if mk is not None and mk.kind == "part":
            blocks.append(_Block("heading", inner, "part"))
        elif explicit:
            kind = mk.kind if mk else None
            blocks.append(_Block("heading", inner, kind, number=mk.number if mk else None))
            if kind:
                explicit_kinds.add(kind)
        elif mk is not None and mk.kind == "roman" and len(plain) <= HEADING_MAX:
            blocks.append(_Block("heading", inner, "roman", number=mk.number))
        elif mk is not None and mk.kind in ("arabic", "arabic2", "alpha"):
            blocks.append(_Block("para", u, mk.kind, number=mk.number))
            candidates.append(len(blocks) - 1)
        elif textutil.is_caps(plain) and not textutil.ends_sentence(plain) and len(plain) <= 200:
            blocks.append(_Block("heading", inner, None))
        else:
            blocks.append(_Block("para", u))
    _resolve_numbered(blocks, candidates, explicit_kinds)
    _assign_levels(blocks)
    return blocks


def _resolve_numbered(blocks: list[_Block], candidates: list[int], explicit_kinds: set[str]) -> None:
    """Plain "1." / "a)" lines: headings, or numbered paragraphs of a list.

    A kind the export marks as headings elsewhere (bold, ##) is a list when plain.
    Otherwise a run of items (between higher headings) where one item is
    followed directly by the next number is a list; the rest are headings when
    short enough.
    """
    listed: set[int] = set()
    runs: dict[tuple[str, int], list[int]] = {}
    run_id = 0
    is_candidate = set(candidates)
    for i, b in enumerate(blocks):
        if b.kind == "heading" and b.marker in ("part", "roman", None):
            run_id += 1
        if i in is_candidate:
            runs.setdefault((b.marker, run_id), []).append(i)
    for (kind, _), items in runs.items():
        if kind in explicit_kinds:
            listed.update(items)
            continue
        in_run = set(items)
        for i in items:
            nxt = i + 1
            if nxt in in_run and blocks[nxt].number is not None and blocks[i].number is not None \
                    and blocks[nxt].number == blocks[i].number + 1:
                listed.update(items)
                break
    for i in candidates:
        b = blocks[i]
        if i not in listed and len(escape.plain(b.text)) <= HEADING_MAX:
            _, _, inner = _split_heading(b.text)
            blocks[i] = _Block("heading", inner, b.marker, number=b.number)
        else:
            blocks[i] = _Block("para", b.text)


def _assign_levels(blocks: list[_Block]) -> None:
    kinds = {b.marker for b in blocks if b.kind == "heading" and b.marker}
    lv = outline.levels(kinds)
    last = 1
    for b in blocks:
        if b.kind != "heading":
            continue
        b.level = lv[b.marker] if b.marker else min(6, last + 1)
        last = b.level


# --------------------------------------------------------------------------- render


def render(lines: list[str]) -> Body:
    lines = _clean_lines(lines)
    found_stamp, used = stamp_mod.find(lines)
    lines = ["" if i in used else ln for i, ln in enumerate(lines)]
    units, notes = footnotes.split(_units(lines))
    units = _merge_parts(_trim(units))

    def is_heading(u: str) -> bool:  # also: no footnote reference is placed in a table
        if textutil.is_table(u):
            return True
        hashes, bold, inner = _split_heading(u)
        return hashes > 0 or bold or textutil.is_caps(inner) or \
            (outline.marker(escape.plain(inner)) is not None
             and outline.marker(escape.plain(inner)).kind in ("part", "roman"))

    unmarked = footnotes.place_unreferenced(units, notes, is_heading)
    labels = {n.label for n in notes}
    blocks = _classify(units)

    parts: list[str] = []
    paragraphs: list[tuple[str, str]] = []
    headings: list[tuple[int, str]] = []
    prev_kind = None
    for b in blocks:
        if b.kind == "heading":
            md = escape.heading_text(escape.inline(b.text, labels))
            parts.append(("\n\n" if parts else "") + "#" * b.level + " " + md)
            headings.append((b.level, escape.plain(b.text)))
            prev_kind = "heading"
            continue
        if b.kind == "table":
            parts.append(("\n\n" if parts else "") + tables.render(b.text, labels))
            prev_kind = "table"
            continue
        anchor = f"p-{len(paragraphs) + 1}"
        paragraphs.append((anchor, escape.plain(b.text)))
        md = escape.line_start(escape.inline(b.text, labels))
        if b.kind == "para":
            parts.append(("\n\n" if parts else "") + f"{md}\n{{: #{anchor} }}")
        elif b.kind == "sub" and prev_kind in ("bullet", "sub"):
            parts.append(f"\n    - {md}\n    {{: #{anchor} }}")
        else:
            sep = "\n" if prev_kind in ("bullet", "sub") else ("\n\n" if parts else "")
            parts.append(f"{sep}- {md}\n{{: #{anchor} }}")
            b.kind = "bullet"
        prev_kind = b.kind

    notes_sorted = sorted(notes, key=lambda n: (n.number, n.label))
    defs: list[str] = []
    for n in notes_sorted:
        first, *rest = n.paragraphs
        text = escape.inline(first, labels)
        if n.label in unmarked:
            text += " *(Văn bản gốc không đánh dấu vị trí của chú thích này.)*"
        lines_md = [f"[^{n.label}]: {text}"]
        for p in rest:
            lines_md.append("")
            lines_md.append("    " + escape.line_start(escape.inline(p, labels)) if not
                            outline.marker(escape.plain(p)) or outline.marker(escape.plain(p)).kind
                            not in ("bullet", "sub") else "    - " + escape.line_start(
                                escape.inline(re.sub(r"^\s*[-–•+]\s*", "", p, count=1), labels)))
        defs.append("\n".join(lines_md))
    markdown = "".join(parts)
    if defs:
        markdown += ("\n\n" if markdown else "") + "\n\n".join(defs)
    markdown = "\n".join(map(str.rstrip, markdown.split("\n")))
    markdown = unicodedata.normalize("NFC", markdown).strip("\n")
    numbered = len({n.number for n in notes})
    return Body(
        markdown=markdown,
        paragraphs=tuple(paragraphs),
        footnotes=tuple("\n".join(escape.plain(p) for p in n.paragraphs) for n in notes_sorted),
        numbered_footnotes=numbered,
        stamp=found_stamp,
        headings=tuple(headings),
        unmarked_footnotes=tuple(sorted(unmarked, key=lambda s: (int(s.split("-")[0]), s))),
        footnote_labels=tuple(n.label for n in notes_sorted),
    )
