"""Bytes of a text export → Unicode text (NFC), or a ConversionError.

What arrives in sources/ is not always UTF-8. Handled here, in this order:

* other file types wearing a .txt name (PDF, ZIP/DOCX, images, old .doc, RTF) →
  BinaryFile naming what the file looks like;
* UTF-8 (with or without BOM), UTF-16 (BOM, or no BOM but the NUL-byte pattern);
* UTF-8 truncated in the middle of the last character → the text before it,
  with a warning;
* Windows-1258 (CP1258: base letters + combining tone marks), and the two legacy
  Vietnamese *font* encodings still found in old government files:
  TCVN3 (TCVN 5712:1993 VN3, "ABC", fonts .VnTime) — one byte per letter,
  lower case plus Ă Â Ê Ô Ơ Ư Đ only — and VNI (VNI-Windows, fonts "VNI-Times") —
  an ASCII base letter followed by a mark byte.
  Each candidate decoding is scored by how much of its non-ASCII text forms
  valid Vietnamese syllables; one is used only when it is clearly the best and
  almost all of it reads as Vietnamese. Otherwise UndecodableText says so.
* the same legacy encodings "in Unicode clothing": text that is valid UTF-8 but
  was copied out of a .VnTime/VNI-Times document, so it reads "B¸o c¸o" or
  "Baùo caùo". Converted when detected with the same confidence, with a warning.

The result is always NFC (NFD input is composed).
"""
from __future__ import annotations

import codecs
from functools import lru_cache
import re
import unicodedata
from dataclasses import dataclass

from converters import errors


@dataclass(frozen=True)
class Decoded:
    text: str  # NFC
    encoding: str  # utf-8 | utf-8-sig | utf-16 | utf-16-le | utf-16-be | cp1258 | tcvn3 | vni | tcvn3-in-unicode | vni-in-unicode
    warnings: tuple[str, ...] = ()  # one-line Vietnamese messages (without the file name)


LEGACY_LABELS = {
    "cp1258": "Windows-1258",
    "tcvn3": "TCVN3 (ABC, phông .VnTime)",
    "vni": "VNI (phông VNI-Times)",
}

# Minimum share of non-ASCII characters that must read as Vietnamese for a guess.
CONFIDENCE = 0.9
# The best guess must beat the runner-up by this much.
MARGIN = 0.1

_MAGIC = (
    (b"%PDF", "có vẻ là tệp PDF — đổi phần mở rộng thành .pdf"),
    (b"PK\x03\x04", "có vẻ là tệp nén ZIP/DOCX — đổi phần mở rộng thành .docx nếu là tệp Word"),
    (b"\xd0\xcf\x11\xe0", "có vẻ là tệp Word/Excel cũ (.doc/.xls) — mở và lưu lại thành .docx"),
    (b"{\\rtf", "có vẻ là tệp RTF — mở và lưu lại thành .docx hoặc .txt UTF-8"),
    (b"\x89PNG", "có vẻ là ảnh PNG"),
    (b"\xff\xd8\xff", "có vẻ là ảnh JPEG"),
    (b"GIF8", "có vẻ là ảnh GIF"),
    (b"\x1f\x8b", "có vẻ là tệp nén gzip"),
)


def decode_bytes(data: bytes, path: str) -> str:
    """Decode a text file's bytes; raise a ConversionError naming ``path``."""
    return decode_text(data, path).text


def decode_text(data: bytes, path: str) -> Decoded:
    """Decode with the encoding used, and warnings for anything converted or cut."""
    if not data.strip():
        raise errors.EmptyFile(path)
    for magic, what in _MAGIC:
        if data.startswith(magic):
            raise errors.BinaryFile(path, what)
    warnings: list[str] = []
    if data.startswith(codecs.BOM_UTF8):
        text, encoding = _strict(data[3:], "utf-8", path), "utf-8-sig"
    elif data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        text, encoding = _utf16(data, "utf-16", path, warnings), "utf-16"
    elif _looks_utf16(data):
        encoding = "utf-16-le" if data[1:2] == b"\0" else "utf-16-be"
        text = _utf16(data, encoding, path, warnings)
    elif b"\0" in data[:4096]:
        raise errors.BinaryFile(path)
    else:
        try:
            text, encoding = data.decode("utf-8"), "utf-8"
        except UnicodeDecodeError as exc:
            if exc.reason == "unexpected end of data" and exc.end == len(data) and exc.start >= len(data) - 3:
                text, encoding = data[:exc.start].decode("utf-8"), "utf-8"
                warnings.append(f"tệp UTF-8 bị cắt cụt ở cuối (bỏ {len(data) - exc.start} byte dở dang)"
                                " — kiểm tra tệp có bị chép thiếu không")
            else:
                text, encoding = _guess_legacy(data, path, exc.start)
                warnings.append(f"tệp dùng bảng mã {LEGACY_LABELS[encoding]}, đã chuyển sang Unicode"
                                " — nên lưu lại tệp nguồn với bảng mã UTF-8")
        if encoding.startswith("utf-8"):
            text = unicodedata.normalize("NFC", text)
            converted = _unclothe(text)
            if converted is not None:
                text, encoding = converted
                label = LEGACY_LABELS[encoding.split("-")[0]]
                warnings.append(f"văn bản được chép từ phông {label} nên sai dấu, đã chuyển sang Unicode"
                                " — nên chuyển mã tệp nguồn sang Unicode")
    if text.startswith("\ufeff"):
        text = text[1:]
    if _control_ratio(text) > 0.05:
        raise errors.BinaryFile(path)
    return Decoded(unicodedata.normalize("NFC", text), encoding, tuple(warnings))


def _strict(data: bytes, encoding: str, path: str) -> str:
    try:
        return data.decode(encoding)
    except UnicodeDecodeError as exc:
        raise errors.UndecodableText(path, f"{encoding}, byte {exc.start}") from None


def _utf16(data: bytes, encoding: str, path: str, warnings: list[str]) -> str:
    if len(data) % 2:
        data = data[:-1]
        warnings.append("tệp UTF-16 bị cắt cụt ở cuối (bỏ 1 byte lẻ) — kiểm tra tệp có bị chép thiếu không")
    return _strict(data, encoding, path)


def _looks_utf16(data: bytes) -> bool:
    head = data[:2000]
    if len(head) < 4:
        return False
    even = head[0::2].count(0)
    odd = head[1::2].count(0)
    half = len(head) // 2
    return max(even, odd) > 0.3 * half and min(even, odd) < 0.05 * half


# Unicode category Cc (C0, DEL, C1) less the white-space controls \t \n \v \f \r
_CONTROL = re.compile("[\x00-\x08\x0e-\x1f\x7f-\x9f]")
# Every other byte value: deleting these from a Latin-1 encoding leaves the controls.
_NOT_CONTROL = bytes(b for b in range(256) if not _CONTROL.match(chr(b)))


def _latin1_only(text: str, drop: bytes) -> bytes:
    """The characters of ``text`` up to U+00FF, as Latin-1 bytes, less those in
    ``drop``: C-speed passes instead of a regex character class tried at every
    position (the characters looked for are all in that range)."""
    return text.encode("latin-1", "ignore").translate(None, drop)


def _control_ratio(text: str) -> float:
    sample = text[:20000]
    if not sample:
        return 0.0
    return len(_latin1_only(sample, _NOT_CONTROL)) / len(sample)


# ---------------------------------------------------------------- legacy tables
# TCVN3 (TCVN 5712:1993, VN3 / "ABC"): byte → letter. Bytes 0x00-0x7F are ASCII.
TCVN3 = {
    0xA1: "Ă", 0xA2: "Â", 0xA3: "Ê", 0xA4: "Ô", 0xA5: "Ơ", 0xA6: "Ư", 0xA7: "Đ",
    0xA8: "ă", 0xA9: "â", 0xAA: "ê", 0xAB: "ô", 0xAC: "ơ", 0xAD: "ư", 0xAE: "đ",
    0xB5: "à", 0xB6: "ả", 0xB7: "ã", 0xB8: "á", 0xB9: "ạ",
    0xBB: "ằ", 0xBC: "ẳ", 0xBD: "ẵ", 0xBE: "ắ", 0xC6: "ặ",
    0xC7: "ầ", 0xC8: "ẩ", 0xC9: "ẫ", 0xCA: "ấ", 0xCB: "ậ",
    0xCC: "è", 0xCE: "ẻ", 0xCF: "ẽ", 0xD0: "é", 0xD1: "ẹ",
    0xD2: "ề", 0xD3: "ể", 0xD4: "ễ", 0xD5: "ế", 0xD6: "ệ",
    0xD7: "ì", 0xD8: "ỉ", 0xDC: "ĩ", 0xDD: "í", 0xDE: "ị",
    0xDF: "ò", 0xE1: "ỏ", 0xE2: "õ", 0xE3: "ó", 0xE4: "ọ",
    0xE5: "ồ", 0xE6: "ổ", 0xE7: "ỗ", 0xE8: "ố", 0xE9: "ộ",
    0xEA: "ờ", 0xEB: "ở", 0xEC: "ỡ", 0xED: "ớ", 0xEE: "ợ",
    0xEF: "ù", 0xF1: "ủ", 0xF2: "ũ", 0xF3: "ú", 0xF4: "ụ",
    0xF5: "ừ", 0xF6: "ử", 0xF7: "ữ", 0xF8: "ứ", 0xF9: "ự",
    0xFA: "ỳ", 0xFB: "ỷ", 0xFC: "ỹ", 0xFD: "ý", 0xFE: "ỵ",
}
_TCVN3_CHARS = {chr(b): u for b, u in TCVN3.items()}  # as the bytes read in Latin-1
_TCVN3_ENCODE = {u: chr(b) for b, u in TCVN3.items()}

# VNI-Windows: single bytes that are whole letters...
_VNI_LETTERS = {
    "ô": "ơ", "Ô": "Ơ", "ö": "ư", "Ö": "Ư", "ñ": "đ", "Ñ": "Đ",
    "í": "í", "Í": "Í", "ì": "ì", "Ì": "Ì", "æ": "ỉ", "Æ": "Ỉ", "ó": "ĩ", "Ó": "Ĩ",
    "ò": "ị", "Ò": "Ị", "î": "ỵ", "Î": "Ỵ",
}
# ... and mark bytes that follow a base letter (lower/upper case byte → combining marks).
_ACUTE, _GRAVE, _HOOK, _TILDE, _DOT = "\u0301", "\u0300", "\u0309", "\u0303", "\u0323"
_CIRC, _BREVE = "\u0302", "\u0306"
_VNI_MARKS = {
    "ù": _ACUTE, "ø": _GRAVE, "û": _HOOK, "õ": _TILDE, "ï": _DOT,
    "â": _CIRC, "á": _CIRC + _ACUTE, "à": _CIRC + _GRAVE, "å": _CIRC + _HOOK, "ã": _CIRC + _TILDE,
    "ä": _CIRC + _DOT,
    "ê": _BREVE, "é": _BREVE + _ACUTE, "è": _BREVE + _GRAVE, "ú": _BREVE + _HOOK, "ü": _BREVE + _TILDE,
    "ë": _BREVE + _DOT,
}
_VNI_MARKS.update({k.upper(): v for k, v in list(_VNI_MARKS.items())})
# Which base letters take which marks (a mark byte elsewhere is not VNI).
_VNI_TONE_BASES = set("aeiouyAEIOUYơưƠƯ")
_VNI_SHAPE_BASES = {_CIRC: set("aeoAEO"), _BREVE: set("aA")}


def from_tcvn3(text: str) -> str:
    """TCVN3 bytes read as Latin-1 (or copied out of a .VnTime document) → Unicode.

    TCVN3 has no capitals with tone marks: headings were typed in the capital
    fonts (.VnTimeH) with the lower-case codes, so "B¸O C¸O" is "BÁO CÁO". A line
    whose ASCII letters are all capitals (at least four) is therefore upper-cased."""
    out = "".join(_TCVN3_CHARS.get(ch, ch) for ch in text)
    if not any(ch in _TCVN3_CHARS for ch in text):
        return out
    lines = out.split("\n")
    for i, line in enumerate(lines):
        ascii_letters = [ch for ch in line if ch.isascii() and ch.isalpha()]
        if len(ascii_letters) >= 4 and all(ch.isupper() for ch in ascii_letters):
            lines[i] = line.upper()
    return "\n".join(lines)


def from_vni(text: str) -> str:
    """VNI bytes read as Latin-1 (or copied out of a VNI-Times document) → Unicode (NFC)."""
    out: list[str] = []
    for ch in text:
        mark = _VNI_MARKS.get(ch)
        if mark is not None and out:
            base = out[-1]
            shape = mark[0] if mark[0] in _VNI_SHAPE_BASES else ""
            if (shape and base in _VNI_SHAPE_BASES[shape]) or (not shape and base in _VNI_TONE_BASES):
                out[-1] = unicodedata.normalize("NFC", base + mark)
                continue
        out.append(_VNI_LETTERS.get(ch, ch))
    return "".join(out)


def to_tcvn3(text: str, capitals: str = "strict") -> bytes:
    """Unicode → TCVN3 bytes. TCVN3 has no capital letters with tone marks: with
    ``capitals="strict"`` they raise ValueError; with ``capitals="font"`` they get
    the lower-case code, as text typed in the .VnTimeH capital fonts has."""
    out = bytearray()
    for ch in unicodedata.normalize("NFC", text):
        if ord(ch) < 0x80:
            out.append(ord(ch))
        elif ch in _TCVN3_ENCODE:
            out.append(ord(_TCVN3_ENCODE[ch]))
        elif capitals == "font" and ch.lower() in _TCVN3_ENCODE:
            out.append(ord(_TCVN3_ENCODE[ch.lower()]))
        else:
            raise ValueError(f"TCVN3 cannot encode {ch!r}")
    return bytes(out)


_VNI_ENCODE_LETTER = {v: k for k, v in _VNI_LETTERS.items()}
_VNI_ENCODE_MARK = {v: k for k, v in _VNI_MARKS.items() if k.islower()}


def to_vni(text: str) -> bytes:
    """Unicode → VNI-Windows bytes (mark bytes follow the case of their letter)."""
    out: list[str] = []
    for ch in unicodedata.normalize("NFC", text):
        if ord(ch) < 0x80:
            out.append(ch)
            continue
        if ch in _VNI_ENCODE_LETTER:
            out.append(_VNI_ENCODE_LETTER[ch])
            continue
        parts = unicodedata.normalize("NFD", ch)
        base, marks = parts[0], parts[1:]
        # ơ/ư carry a horn: they are letters of their own in VNI
        if marks.startswith("\u031b"):
            base, marks = unicodedata.normalize("NFC", base + "\u031b"), marks[1:]
            base = _VNI_ENCODE_LETTER[base]
        shape = "".join(m for m in marks if m in (_CIRC, _BREVE))
        tone = "".join(m for m in marks if m not in (_CIRC, _BREVE))
        key = shape + tone
        if ord(base[0]) >= 0x80 and base not in _VNI_ENCODE_LETTER.values() or key not in _VNI_ENCODE_MARK:
            raise ValueError(f"VNI cannot encode {ch!r}")
        mark = _VNI_ENCODE_MARK[key]
        out.append(base + (mark.upper() if base.isupper() else mark))
    return "".join(out).encode("latin-1")


def to_cp1258(text: str) -> bytes:
    """Unicode → Windows-1258: letters with â ê ô ă ơ ư đ are single bytes, tone marks
    are combining bytes after them (as Windows writes it)."""
    out = bytearray()
    for ch in unicodedata.normalize("NFC", text):
        try:
            out += ch.encode("cp1258")
            continue
        except UnicodeEncodeError:
            pass
        nfd = unicodedata.normalize("NFD", ch)
        base = unicodedata.normalize("NFC", "".join(c for c in nfd if c not in _TONE_SET))
        tones = "".join(c for c in nfd if c in _TONE_SET)
        out += (base + tones).encode("cp1258")  # raises for what cp1258 cannot hold
    return bytes(out)


# ---------------------------------------------------------------- scoring
_BASE_VOWELS = "aăâeêioôơuưy"
_TONES = ("", _GRAVE, _ACUTE, _HOOK, _TILDE, _DOT)
VIETNAMESE_LETTERS = frozenset(
    unicodedata.normalize("NFC", v + t)
    for base in _BASE_VOWELS
    for v in (base, base.upper())
    for t in _TONES
) | {"đ", "Đ"}
# Non-ASCII characters a Vietnamese text may hold besides its letters.
_NEUTRAL = set("\u00a0\u2002\u2003\u2009\u200b\u2013\u2014\u2018\u2019\u201c\u201d\u2026\u2022\u00b0\u00ab\u00bb"
               "\u2116\u2032\u2033\u2030\u2212\u2264\u2265\u00d7\ufeff\u25cf\u25aa\u2192")
_SYLLABLE = re.compile(r"(ngh|ng|nh|ch|gh|gi|kh|ph|qu|th|tr|[bcdđghklmnprstvx])?"
                       r"[aăâeêioôơuưy]{1,3}(ng|nh|ch|[cmnptk])?")
_WORD = re.compile(r"\w+")
_TONE_SET = set(_TONES[1:])


@lru_cache(maxsize=1 << 16)
def is_syllable(word: str) -> bool:
    """A plausible Vietnamese syllable (one tone mark at most)."""
    nfd = unicodedata.normalize("NFD", word.lower())
    if sum(1 for ch in nfd if ch in _TONE_SET) > 1:
        return False
    bare = unicodedata.normalize("NFC", "".join(ch for ch in nfd if ch not in _TONE_SET))
    return _SYLLABLE.fullmatch(bare) is not None


def vietnamese_ratio(text: str) -> tuple[float, int]:
    """(share of non-ASCII characters that sit in valid Vietnamese syllables, how many
    non-ASCII characters were looked at). Upper-case abbreviations such as HĐND count as good."""
    sample = text[:200_000]
    total = good = 0
    for ch in sample:
        if ord(ch) >= 0x80 and ch not in _NEUTRAL and not ch.isspace():
            total += 1
    if not total:
        return 1.0, 0
    for m in _WORD.finditer(sample):
        word = m.group()
        wide = [ch for ch in word if ord(ch) >= 0x80]
        if not wide or any(ch not in VIETNAMESE_LETTERS for ch in wide):
            continue
        if is_syllable(word) or (word.isupper() and len(word) <= 8 and set(wide) <= {"Đ"}):
            good += len(wide)
    return good / total, total


def _candidates(latin: str, data: bytes | None) -> dict[str, str]:
    out = {"tcvn3": from_tcvn3(latin), "vni": from_vni(latin)}
    if data is not None:
        try:
            out["cp1258"] = unicodedata.normalize("NFC", data.decode("cp1258"))
        except UnicodeDecodeError:
            pass
    return out


def _best(cands: dict[str, str]) -> tuple[str | None, list[tuple[float, str]]]:
    scored = sorted(((vietnamese_ratio(t)[0], name) for name, t in cands.items()), reverse=True)
    best_score, best = scored[0]
    runner = scored[1][0] if len(scored) > 1 else 0.0
    if best_score >= CONFIDENCE and best_score - runner >= MARGIN:
        return best, scored
    return None, scored


def _guess_legacy(data: bytes, path: str, bad_at: int) -> tuple[str, str]:
    latin = data.decode("latin-1")
    if _control_ratio(latin) > 0.05:
        raise errors.BinaryFile(path)
    cands = _candidates(latin, data)
    best, scored = _best(cands)
    if best is None:
        guesses = ", ".join(f"{LEGACY_LABELS[n]} {s:.0%}" for s, n in scored)
        raise errors.UndecodableText(
            path, f"không phải UTF-8 (byte {bad_at}); không chắc là bảng mã nào: {guesses}")
    return cands[best], best


# Latin-1 letters and signs that Vietnamese Unicode text does not use; legacy-font
# text pasted as Unicode ("B¸o c¸o", "Baùo caùo" → "Vieät") always shows some.
_LATIN1_VIETNAMESE = set("ÀÁÂÃÈÉÊÌÍÒÓÔÕÙÚÝàáâãèéêìíòóôõùúý")
_LEGACY_HINT = re.compile("[%s]" % "".join(
    re.escape(chr(c)) for c in range(0xA0, 0x100) if chr(c) not in _LATIN1_VIETNAMESE))
_NOT_LEGACY_HINT = bytes(b for b in range(256) if not _LEGACY_HINT.match(chr(b)))


def _unclothe(text: str) -> tuple[str, str] | None:
    """Legacy-font text that reached us as Unicode ("B¸o c¸o"): convert if sure."""
    if not _latin1_only(text, _NOT_LEGACY_HINT):  # cheap exit: no _LEGACY_HINT character
        return None
    ratio, total = vietnamese_ratio(text)
    if total < 3 or ratio >= 0.5:
        return None
    cands = _candidates(text, None)
    best, _ = _best(cands)
    if best is None:
        return None
    return cands[best], f"{best}-in-unicode"
