"""Bytes of a text export → Unicode text (NFC), or a ConversionError."""
from __future__ import annotations

import codecs
import unicodedata

from . import errors


def decode_bytes(data: bytes, path: str) -> str:
    """Decode a text file's bytes; raise a ConversionError naming ``path``."""
    if not data.strip():
        raise errors.EmptyFile(path)
    if data.startswith(codecs.BOM_UTF8):
        text = _strict(data[3:], "utf-8", path)
    elif data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        text = _strict(data, "utf-16", path)
    elif _looks_utf16(data):
        text = _strict(data, "utf-16-le" if data[1:2] == b"\0" else "utf-16-be", path)
    elif b"\0" in data[:4096]:
        raise errors.BinaryFile(path)
    else:
        try:
            text = data.decode("utf-8")
        except UnicodeDecodeError as exc:
            raise errors.UndecodableText(path, f"byte {exc.start}") from None
    if _control_ratio(text) > 0.05:
        raise errors.BinaryFile(path)
    return unicodedata.normalize("NFC", text)


def _strict(data: bytes, encoding: str, path: str) -> str:
    try:
        return data.decode(encoding)
    except UnicodeDecodeError as exc:
        raise errors.UndecodableText(path, f"{encoding}, byte {exc.start}") from None


def _looks_utf16(data: bytes) -> bool:
    head = data[:2000]
    if len(head) < 4:
        return False
    even = head[0::2].count(0)
    odd = head[1::2].count(0)
    half = len(head) // 2
    return max(even, odd) > 0.3 * half and min(even, odd) < 0.05 * half


def _control_ratio(text: str) -> float:
    sample = text[:20000]
    if not sample:
        return 0.0
    bad = sum(1 for ch in sample if unicodedata.category(ch) == "Cc" and ch not in "\t\n\r\f\v")
    return bad / len(sample)
