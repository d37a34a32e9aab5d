"""Natural Vietnamese casing for upper-case header and signature lines.

"BAN DÂN VẬN TỈNH ỦY" → "Ban Dân vận Tỉnh ủy", "KT. CHÁNH VĂN PHÒNG" →
"KT. Chánh Văn phòng", "UBND HUYỆN KIÊN HẢI" → "UBND huyện Kiên Hải".
Known bodies and titles (vocabulary.yaml) and province names (the CSV) keep
the casing written there; other words are lower case, place names after an
administrative word (huyện, xã, thành phố ...) are title-cased.
"""
from __future__ import annotations

import re
from functools import lru_cache

from converters import vocab
from converters.text.vietnamese import tone_fold  # noqa: F401 (casing.tone_fold)

# Signing-authority prefixes kept as printed (state "TM.", Party "T/M" ...).
PREFIX = re.compile(r"^(T/M|K/T|T/L|TUQ\.|TM\.|KT\.|TL\.|Q\.)\s*", re.IGNORECASE)
_ADMIN = re.compile(r"\b(huyện|quận|thị xã|thị trấn|thành phố|xã|phường|tp\.?)\s+(.+)$")


@lru_cache(maxsize=1)
def _phrases() -> tuple[re.Pattern, dict[str, str]]:
    voc = vocab.vocabulary()
    names: list[str] = list(voc.get("bodies", ())) + list(voc.get("titles", ()))
    for p in vocab.provinces():
        names += [p.name, p.name_2025, p.capital]
    canon: dict[str, str] = {}
    for name in names:
        key = "".join(tone_fold(name.lower()).split())
        canon.setdefault(key, name)
    # words of a phrase may be glued or spaced ("CÁNSỰ"): allow \s* between letters
    # only at the original word boundaries.
    parts = []
    for name in sorted({n for n in names}, key=len, reverse=True):
        words = tone_fold(name.lower()).split()
        parts.append(r"\s*".join(re.escape(w) for w in words))
    pattern = re.compile(r"(?<!\w)(?:" + "|".join(parts) + r")(?!\w)")
    return pattern, canon


def _lower(text: str) -> str:
    """Lower case, except tokens with digits ("19-CT/TU") and known acronyms."""
    words = text.split(" ")
    acronyms = _acronyms()
    for i, w in enumerate(words):
        if _KEEP.fullmatch(w) or w.strip(",.;:()") in acronyms:
            continue
        words[i] = w.lower()
    return " ".join(words)


@lru_cache(maxsize=1)
def _acronyms() -> frozenset[str]:
    return frozenset(vocab.vocabulary().get("acronyms", ()))


def is_upper(text: str) -> bool:
    letters = [c for c in text if c.isalpha()]
    return bool(letters) and all(c.isupper() for c in letters)


def natural(text: str) -> str:
    """Natural casing of an upper-case line; mixed-case text is returned as is."""
    text = " ".join(text.split())
    if not is_upper(text):
        return text
    prefix = ""
    m = PREFIX.match(text)
    if m:
        prefix, text = m.group(1).upper() + " ", text[m.end():]
    pattern, canon = _phrases()
    low = tone_fold(text.lower())
    out: list[str] = []
    pos = 0
    for m in pattern.finditer(low):
        out.append(_gap(_lower(text[pos:m.start()])))
        out.append(canon["".join(m.group(0).split())])
        pos = m.end()
    out.append(_gap(_lower(text[pos:])))
    result = "".join(out).strip()
    result = _DOC_NAME.sub(lambda m: m.group(1)[0].upper() + m.group(1)[1:], result)
    if result:
        result = result[0].upper() + result[1:]
    return prefix + result


# a document named by its number is written with a capital: "Chỉ thị số 19-CT/TU"
_DOC_NAME = re.compile(
    r"\b(báo cáo|kế hoạch|chỉ thị|nghị quyết|quyết định|kết luận|chương trình|công văn|hướng dẫn|"
    r"quy định|quy chế|thông báo|nghị định|thông tư|luật|tờ trình|đề án)(?= số\b| \d)")
_KEEP = re.compile(r"\S*\d\S*")  # symbols, numbers and dates keep their printed case


def _gap(text: str) -> str:
    m = _ADMIN.search(text)
    if m:
        words = m.group(2).split(" ")
        for i, w in enumerate(words):
            if w in _STOP:
                break
            words[i] = w[:1].upper() + w[1:]
        text = text[:m.start(2)] + " ".join(words)
    return text


_STOP = {"tỉnh", "huyện", "quận", "xã", "phường", "thành", "thị", "và", "-"}
