"""Signature blocks: title lines (TM./KT./TL. and the signer's own title) and the name.

``signatures`` reads the lines of one closing region (the right column of a two-column
closing, or the lines after "Nơi nhận") into ``Signer``s; ``is_role``, ``known_title`` and
the tests of marks tell ``tail`` where a block is. A title is taken only as printed and known
(vocabulary titles, title words); marks read from a seal or a signature are skipped or make
the title doubtful, never part of it.
"""
from __future__ import annotations

import re

from converters import vocab
from converters.document import Signer
from converters.text import casing
from converters.text.names import RANK, is_name
from converters.text.vietnamese import is_vietnamese_word

_RECIPIENTS = re.compile(r"^Nơi\s*nhận\s*:?\s*(?P<rest>.*)$", re.IGNORECASE)
_FILLER = re.compile(r"^\(?\s*(?:đã\s+ký|ký\s+tên|ký,|\[?chữ\s+ký|\[?signature|ký\s+và\s+ghi)[^)]*\)?\.?$|^[.…_\s]+$",
                     re.IGNORECASE)
_HEADING = re.compile(r"^(?:[IVXLC]+|\d+|[a-zđ])\s*[.)/-]\s")
_JUNK_LEAD = re.compile(r"^[^A-Za-zÀ-ỹĐđ]+")  # "_._ THỨ TRƯỞNG": a seal or signature read as marks
_JUNK_TAIL = re.compile(r"[^A-Za-zÀ-ỹĐđ)]+$")
_NOT_ROLE = re.compile(r"^(?:phụ lục|danh sách|biểu|mẫu|bảng|phần|chương|mục|điều)\b")


def is_role(text: str) -> bool:
    """An authority/title line of a signature block (upper case, no digits)."""
    if not text or len(text) > 90 or not casing.is_upper(text):
        return False
    if any(c.isdigit() for c in text) or _HEADING.match(text) or ":" in text:
        return False
    if _RECIPIENTS.match(text) or _NOT_ROLE.match(vocab.fold_key(text)):
        return False
    if vocab.type_named(text):  # "QUY ĐỊNH" heading an attachment
        return False
    return not text.startswith(("-", "+", "•", "(", "./."))


def is_filler(text: str) -> bool:
    return bool(_FILLER.match(text))


def is_noise(text: str) -> bool:
    """A short line with a run of letters that is no Vietnamese word ("Gọi
    TƯƯƯYƯƠƯẠỚAN"): a signature read as letters."""
    words = re.findall(r"[A-Za-zÀ-ỹĐđ]+", text)
    return len(text) <= 30 and any(len(w) > 1 and not is_vietnamese_word(w) for w in words)


def is_marks(text: str) -> bool:
    """A short line with no Vietnamese word: a signature or a seal read as letters
    ("—niauL—", "DDD(9"), between a block's title and its name."""
    words = re.findall(r"[A-Za-zÀ-ỹĐđ]+", text)
    return len(text) <= 16 and not any(len(w) > 1 and is_vietnamese_word(w) for w in words)


_TITLE_WORD = re.compile(r"^(?:phó\s+)?(?:trưởng|chủ\s+tịch|giám\s+đốc|bí\s+thư|chủ\s+nhiệm|chánh)\b"
                         r"|^(?:phó\s+)?(?:tổ|vụ|đội|trạm|khoa|hiệu|viện|cục|chi\s+cục|bộ|thứ)\s+trưởng$")


def known_title(role: str | None) -> bool:
    if not role:
        return False
    key = vocab.fold_key(role)
    return any(t in key for t in vocab.title_keys()) or bool(casing.PREFIX.match(role)) \
        or bool(_TITLE_WORD.search(key))


def signatures(seq: list[str]) -> tuple[list[Signer], int]:
    """Signature blocks from lines: role lines, then a name (or none in drafts);
    and how many lines of ``seq`` they take."""
    signers: list[Signer] = []
    roles: list[str] = []
    last_was_prefix = False
    used = 0
    for index, text in enumerate(seq):
        if not text or is_filler(text):
            continue
        if is_role(text):
            prefixed = bool(casing.PREFIX.match(text))
            if roles and prefixed and not last_was_prefix:
                signers.append(_signer(roles, None))
                roles = []
            elif roles and not prefixed and _starts_new_block(roles, text):
                signers.append(_signer(roles, None))
                roles = []
            roles.append(text)
            last_was_prefix = prefixed
            used = index + 1
            continue
        if is_name(text) and roles:
            signers.append(_signer(roles, text))
            roles = []
            last_was_prefix = False
            used = index + 1
            continue
        ahead = [t for t in seq[index + 1:] if t][:2]
        if (is_marks(text) and any(is_name(t) or (is_role(t) and not roles) for t in ahead)) \
                or (roles and is_noise(text) and ahead and is_name(ahead[0])):
            continue  # the signature read as letters, before the name or the block
        if is_name(text) and not signers and used == 0:
            # a name alone after the list: the title sits in a seal or a signature image
            signers.append(Signer(None, " ".join(text.split())))
            used = index + 1
            continue
        break  # anything else ends the closing region (an appendix, say)
    if roles:
        signers.append(_signer(roles, None))
    return [s for s in signers if s.role or s.name], used


def _starts_new_block(roles: list[str], text: str) -> bool:
    """A body name ("BAN DÂN VẬN TỈNH ỦY") after a title line starts a new
    unsigned block in a joint draft."""
    last = vocab.fold_key(roles[-1])
    if not any(last.endswith(t) for t in vocab.title_keys()):
        return False
    new = vocab.fold_key(text)
    return any(new.startswith(b) for b in vocab.body_keys() if len(b) > 4)


def _signer(roles: list[str], name: str | None) -> Signer:
    return Signer(_role(roles), " ".join(RANK.sub("", name).split()) if name else None)


def _role(roles: list[str]) -> str | None:
    """The block's title lines as printed, without what cannot be a title: lines after
    the last known title (seal or signature read as letters, a Quốc hiệu of a page
    below), and an own title that repeats the authority's ("KT. THỦ TƯỚNG" /
    "THỦ TƯỚNG": the deputy's title was misread). Marks read before a title line (a seal,
    a signature: "_._ THỨ TRƯỞNG") are dropped under an authority line; before the first
    title line they may be a handwritten "KT." that makes it the authority's, not the
    signer's. Null rather than a doubtful title."""
    lines = []
    for k, r in enumerate(roles):
        junk = _JUNK_LEAD.match(r)
        if junk and not any(casing.PREFIX.match(x) for x in roles[:k]):
            return None  # marks before the block's first title: a handwritten "KT." perhaps
        lines.append(casing.natural(_JUNK_TAIL.sub("", r[junk.end():] if junk else r)))
    while lines and not known_title(lines[-1]):
        lines.pop()
    if len(lines) >= 2:
        m = casing.PREFIX.match(lines[-2])
        if m and vocab.fold_key(lines[-2][m.end():]) == vocab.fold_key(lines[-1]):
            lines.pop()
    return ", ".join(lines) or None
