"""The closing blocks: signature(s) and "Nơi nhận" (in either order).

Signature block (NĐ 30 ô 7; HD 36 1.7): authority lines in capitals, possibly
stacked ("TM. ỦY BAN NHÂN DÂN / KT. CHỦ TỊCH / PHÓ CHỦ TỊCH"), then the name
in normal case (missing in drafts). Joint reports have several blocks. The
block and "Nơi nhận" share a table row, so exports give them in either order,
or as the cells of a pipe table. ``body_end`` is the first line of the
closing region; text before it ("Trên đây là ...", "./.") is body.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from converters import vocab
from converters.document import Signer
from converters.text import casing
from converters.layout.signature import (is_filler as _is_filler, is_marks as _is_marks, is_role,
                                         known_title as _known_title, signatures as _signatures)
from converters.text.names import is_name


@dataclass(frozen=True)
class Tail:
    signers: tuple[Signer, ...]
    recipients: tuple[str, ...]
    body_end: int  # index of the first line after the body
    # first line of what follows the closing region (an appendix: "Phụ lục",
    # "QUY ĐỊNH ... ban hành kèm theo ..."), None when nothing follows
    after: int | None = None


_MARKERS = re.compile(r"\*{1,3}|</?(?:b|i|u|em|strong|sup|sub)>|\\(?=[*_])")
_LEAD = re.compile(r"^\s*#{1,6}\s+")
_RECIPIENTS = re.compile(r"^Nơi\s*nhận\s*:?\s*(?P<rest>.*)$", re.IGNORECASE)
_DASH = re.compile(r"^[-–—+•]\s*")
_SEPARATOR_CELL = re.compile(r"^:?-{3,}:?$")
_UNDASHED = re.compile(r"^(?:Lưu\b.*|[^:]{2,}[;,]|Như trên\.?)$")
_BLOCK_LOOKBACK = 40  # a signature block before "Nơi nhận" is never longer than this


def clean(line: str) -> str:
    if "*" in line or "<" in line or "\\" in line:
        line = _MARKERS.sub(" ", line)
    if "#" in line or ">" in line:
        line = _LEAD.sub(" ", line)
    return " ".join(line.split())


def _row_cells(raw: str) -> list[str] | None:
    s = raw.strip()
    if not s.startswith("|"):
        return None
    parts = [_cell_lines(p) for p in s.strip("|").split("|")]
    if all(not p or _SEPARATOR_CELL.match(p) for p in parts):
        return []
    return parts


# where a cell that a portal or a Word table wrote on one line holds several lines:
# bold spans ("**KT. CHỦ TỊCH** **Nguyễn Văn A**"), "; - " recipient entries, an
# authority prefix starting a line ("… ỦY BAN NHÂN DÂN KT. CHỦ TỊCH")
_SPAN_BREAK = re.compile(r"<br\s*/?>|\*\*\s+\*\*")
_LINE_BREAK = re.compile(r"(?<=[;:.])\s+(?=[-–+]\s)|\s+(?=(?:T/M|K/T|T/L|TUQ\.|TM\.|KT\.|TL\.|Q\.)\s*[A-ZĐÀ-Ỹ]{2})")
# a name written after the title lines on the same line ("CHỦ TỊCH Nguyễn Minh Dũng")
_TRAILING_NAME = re.compile(r"(?<=[A-ZĐÀ-Ỹ])\s+(?=(?:[A-ZĐÀ-Ỹ][a-zđà-ỹ]+\s+){1,5}[A-ZĐÀ-Ỹ][a-zđà-ỹ]+\s*$)")


def _cell_lines(cell: str) -> str:
    """A table cell's text, its lines joined by "<br>"; a cell the export wrote on one
    line is broken where its lines were (bold spans, recipient entries, authority
    lines, the own title after "KT. CHỦ TỊCH", a name after the titles)."""
    out: list[str] = []
    pieces = [p for span in _SPAN_BREAK.split(cell) for p in _LINE_BREAK.split(clean(span))]
    for piece in pieces:
        piece = piece.strip()
        if not piece:
            continue
        m = _TRAILING_NAME.search(piece)
        if m and casing.is_upper(piece[:m.start()]):
            out += _own_title(piece[:m.start()]) + [piece[m.end():]]
        else:
            out += _own_title(piece)
    return "<br>".join(out)


def _own_title(line: str) -> list[str]:
    """"KT. CHỦ TỊCH PHÓ CHỦ TỊCH" → ["KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH"]: an authority line
    and the signer's own title that an export put on one line."""
    m = casing.PREFIX.match(line)
    if not m or not casing.is_upper(line):
        return [line]
    rest = line[m.end():]
    key = vocab.fold_key(rest)
    for title in sorted(vocab.title_keys(), key=len, reverse=True):
        if key.endswith(" " + title) and len(title) < len(key):
            cut = len(rest) - len(title)
            return [line[:m.end()] + rest[:cut].strip(), rest[cut:].strip()]
    return [line]


def _flatten_table(lines: list[str], at: int) -> tuple[int, int, list[str]]:
    """The pipe table around line ``at``: (first row, row after last, cell texts
    column by column, each cell's lines kept, "<br>" split)."""
    start = at
    while start > 0 and lines[start - 1].strip().startswith("|"):
        start -= 1
    end = at
    while end < len(lines) and lines[end].strip().startswith("|"):
        end += 1
    rows = [r for r in (_row_cells(lines[k]) for k in range(start, end)) if r]
    width = max((len(r) for r in rows), default=0)
    out: list[str] = []
    for col in range(width):
        for r in rows:
            if col < len(r) and r[col]:
                out.extend(x.strip() for x in re.split(r"<br\s*/?>", r[col], flags=re.IGNORECASE) if x.strip())
            out.append("")
    return start, end, out


def parse(lines: list[str], body_start: int) -> Tail:
    n = len(lines)
    k = None
    for i in range(n - 1, body_start - 1, -1):
        text = clean(lines[i].strip().strip("|"))
        if _RECIPIENTS.match(text):
            k = i
            break
    if k is not None and lines[k].strip().startswith("|"):
        start, end, flat = _flatten_table(lines, k)
        recipients, signers, _ = _read_closing(flat)
        before, before_start = _block_before(lines, start, body_start)
        if not signers:  # the signature may follow the table
            signers, used = _signatures([clean(line) for line in lines[end:]])
            end += used
        return Tail(tuple(before + signers), tuple(recipients), before_start if before else start,
                    _after(lines, end))
    if k is None:  # "Nơi nhận" misread ("-\\ơiVănnhậnphòng …"): a title beside the recipients
        k = _signature_beside_list(lines, body_start)
    if k is not None and _COLUMNS.search(lines[k]):
        return _two_columns(lines, k, body_start)
    if k is not None:
        closing = [clean(line) for line in lines[k:]]
        recipients, signers, used = _read_closing(closing)
        before, before_start = _block_before(lines, k, body_start)
        body_end = before_start if before else k
        return Tail(tuple(before + signers), tuple(recipients), body_end, _after(lines, k + used))
    # no "Nơi nhận": a signature block at the very end, if any
    end = n
    while end > body_start and not clean(lines[end - 1]):
        end -= 1
    if end > body_start and lines[end - 1].strip().startswith("|"):
        start, _, flat = _flatten_table(lines, end - 1)
        signers, _ = _signatures(flat)
        if signers and any(_known_title(s.role) for s in signers):
            return Tail(tuple(signers), (), start)
    before, before_start = _block_before(lines, end, body_start)
    if before and any(_known_title(s.role) for s in before):
        return Tail(tuple(before), (), before_start)
    return Tail((), (), n)


# PDF columns flattened to rows: "Nơi nhận:<TAB>TM. ỦY BAN NHÂN DÂN", or a wide gap
_COLUMNS = re.compile(r"\t|\S {4,}\S")


def _row(raw: str) -> tuple[str, str] | None:
    """(left cell, right cell) of a row split into columns, None for a full-width line."""
    parts = [p for p in re.split(r"\t+| {4,}", raw.strip()) if p.strip()]
    if len(parts) < 2:
        return None
    return clean(parts[0]), clean(" ".join(parts[1:]))


def _signature_beside_list(lines: list[str], body_start: int) -> int | None:
    """The first row of a two-column closing whose "Nơi nhận" was not read: a title line
    (TM./KT./TL. or a title of the vocabulary) beside a recipient ("- Như trên;"), the
    document's last such row group."""
    for i in range(len(lines) - 1, body_start, -1):
        row = _row(lines[i]) if _COLUMNS.search(lines[i]) else None
        if row is None or lines[i].lstrip().startswith("|"):
            continue
        a, b = row
        if is_role(b) and _known_title(b) and (a.rstrip().endswith((";", ":")) or "nhận" in a.lower()):
            above = _row(lines[i - 1]) if _COLUMNS.search(lines[i - 1]) else None
            if above is not None and is_role(above[1]):
                continue  # the block goes on above: its first row is wanted
            return i
    return None


def _recipient_like(text: str) -> bool:
    return bool(_DASH.match(text) or _UNDASHED.match(text) or text[:1].islower())


def _two_columns(lines: list[str], k: int, body_start: int) -> Tail:
    """"Nơi nhận" beside the signature block, the two columns flattened into rows
    (PDF text, OCR): the left cells are the recipients, the right ones the signature;
    a full-width line is the recipients' when it reads as one, the signature's when it
    is a title or a name. The region ends at the first full-width line that is neither
    once a name was read (an appendix follows)."""
    left: list[str] = []
    right: list[str] = []
    named = False
    end = len(lines)
    for i in range(k, len(lines)):
        raw = lines[i]
        row = _row(raw)
        if row is not None:
            a, b = row
            if a:
                left.append(a)
            if b:
                right.append(b)
                named = named or is_name(b)
            continue
        text = clean(raw)
        if not text:
            continue
        if i > k and (is_name(text) or (is_role(text) and not named)) and not _DASH.match(text):
            right.append(text)
            named = named or is_name(text)
            continue
        if i == k or (_recipient_like(text) and not is_role(text)):
            left.append(text)
            continue
        end = i
        break
    recipients, left_signers, _ = _read_closing(left)
    signers, _ = _signatures(right)
    before, before_start = _block_before(lines, k, body_start)
    return Tail(tuple(before + signers + left_signers), tuple(recipients), before_start if before else k,
                _after(lines, end) if end < len(lines) else None)


def _after(lines: list[str], end: int) -> int | None:
    """``end`` when real content (not page numbers or rules) follows it."""
    for line in lines[end:]:
        if sum(c.isalpha() for c in line) >= 10:
            while end < len(lines) and not lines[end].strip():
                end += 1
            return end
    return None


# title words: "Trưởng tiểu ban", "Tổ trưởng", "Phó Viện trưởng" are titles the list need not spell
def _block_before(lines: list[str], end: int, floor: int) -> tuple[list[Signer], int]:
    """A signature block just above line ``end`` (blank, role, name and filler
    lines only); returns its signers and its first line."""
    i = end - 1
    first_role = None
    limit = max(floor, end - _BLOCK_LOOKBACK)
    while i >= limit:
        text = clean(lines[i])
        if not text or _is_filler(text):
            i -= 1
            continue
        if is_role(text):
            first_role = i
        elif not is_name(text) and not (_is_marks(text) and first_role is None):
            break
        i -= 1
    if first_role is None:
        return [], end
    block = [clean(line) for line in lines[first_role:end]]
    signers, _ = _signatures(block)
    return signers, first_role


def _read_closing(seq: list[str]) -> tuple[list[str], list[Signer], int]:
    """From a "Nơi nhận" line on: the recipient list, then any signature block;
    and how many lines of ``seq`` they take."""
    recipients: list[str] = []
    m = _RECIPIENTS.match(seq[0]) if seq else None
    i = 1 if m or not seq or not _recipient_like(seq[0]) else 0
    if m and m.group("rest").strip():
        rest = m.group("rest").strip()
        recipients.append(_recipient(rest))
    open_entry = False
    while i < len(seq):
        text = seq[i]
        if not text:
            i += 1
            continue
        if _DASH.match(text):
            entry = _recipient(text)
            if entry:
                recipients.append(entry)
            open_entry = not text.rstrip().endswith((";", ".", ",")) and not is_role(text)
            i += 1
            continue
        if open_entry and recipients and not is_role(text) and not is_name(text) and text[:1].islower():
            recipients[-1] = _recipient(recipients[-1] + " " + text)
            open_entry = not text.rstrip().endswith((";", ".", ","))
            i += 1
            continue
        if _UNDASHED.match(text) and not is_role(text) and len(text) <= 120:
            # a list written without dashes ("Như trên;" / "Lưu: VT.")
            recipients.append(_recipient(text))
            open_entry = False
            i += 1
            continue
        break
    signers, used = _signatures(seq[i:])
    return recipients, signers, i + used


def _recipient(text: str) -> str:
    text = _DASH.sub("", text.strip())
    return text.rstrip(" ;.,").strip()


