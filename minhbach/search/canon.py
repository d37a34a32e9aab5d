"""Make Pagefind's output byte-identical from run to run.

Pagefind 1.5.2 writes its filter files and the list of them in the language's
``.pf_meta`` file in hash-map order, which changes on every run (measured: two
indexings of the same site give six different filter files). Everything else it
writes is already deterministic. This module rewrites those files in a canonical
order: each file is gzip( b"pagefind_dcd" + CBOR ); we decode the CBOR, sort the
unordered lists (filter values; the [filter name, file] pairs), encode it again,
name the files after a hash of their new content and update the entry file.
The browser only follows names, so the index works exactly as before.
"""
from __future__ import annotations

import gzip
import hashlib
import json
import struct
from pathlib import Path

MAGIC = b"pagefind_dcd"


class _Tagged(tuple):
    """A CBOR tag (tag number, value) kept as it was."""


def _decode(data: bytes, pos: int = 0):
    head = data[pos]
    major, info = head >> 5, head & 0x1F
    pos += 1
    if info < 24:
        arg = info
    elif info == 24:
        arg = data[pos]; pos += 1
    elif info == 25:
        arg = struct.unpack_from(">H", data, pos)[0]; pos += 2
    elif info == 26:
        arg = struct.unpack_from(">I", data, pos)[0]; pos += 4
    elif info == 27:
        arg = struct.unpack_from(">Q", data, pos)[0]; pos += 8
    else:
        raise ValueError(f"unsupported CBOR length encoding {info}")
    if major == 0:
        return arg, pos
    if major == 1:
        return -1 - arg, pos
    if major == 2:
        return bytes(data[pos:pos + arg]), pos + arg
    if major == 3:
        return data[pos:pos + arg].decode("utf-8"), pos + arg
    if major == 4:
        items = []
        for _ in range(arg):
            item, pos = _decode(data, pos)
            items.append(item)
        return items, pos
    if major == 5:
        pairs = []
        for _ in range(arg):
            key, pos = _decode(data, pos)
            value, pos = _decode(data, pos)
            pairs.append((key, value))
        return ("map", pairs), pos
    if major == 6:
        value, pos = _decode(data, pos)
        return _Tagged((arg, value)), pos
    if major == 7:
        simple = {20: False, 21: True, 22: None}
        if info in simple:
            return simple[info], pos
    raise ValueError(f"unsupported CBOR item {head:#x}")


def _head(major: int, arg: int) -> bytes:
    if arg < 24:
        return bytes([major << 5 | arg])
    if arg < 0x100:
        return bytes([major << 5 | 24, arg])
    if arg < 0x10000:
        return bytes([major << 5 | 25]) + struct.pack(">H", arg)
    if arg < 0x100000000:
        return bytes([major << 5 | 26]) + struct.pack(">I", arg)
    return bytes([major << 5 | 27]) + struct.pack(">Q", arg)


def _encode(value) -> bytes:
    if value is False:
        return b"\xf4"
    if value is True:
        return b"\xf5"
    if value is None:
        return b"\xf6"
    if isinstance(value, _Tagged):
        return _head(6, value[0]) + _encode(value[1])
    if isinstance(value, int):
        return _head(0, value) if value >= 0 else _head(1, -1 - value)
    if isinstance(value, bytes):
        return _head(2, len(value)) + value
    if isinstance(value, str):
        raw = value.encode("utf-8")
        return _head(3, len(raw)) + raw
    if isinstance(value, tuple) and len(value) == 2 and value[0] == "map":
        return _head(5, len(value[1])) + b"".join(_encode(k) + _encode(v) for k, v in value[1])
    if isinstance(value, list):
        return _head(4, len(value)) + b"".join(_encode(v) for v in value)
    raise TypeError(f"cannot encode {type(value)!r}")


def _read(path: Path):
    raw = gzip.decompress(path.read_bytes())
    if not raw.startswith(MAGIC):
        raise ValueError(f"{path}: not a Pagefind data file")
    value, end = _decode(raw, len(MAGIC))
    if end != len(raw):
        raise ValueError(f"{path}: trailing bytes")
    return value


def _pack(value) -> bytes:
    buf = MAGIC + _encode(value)
    return gzip.compress(buf, compresslevel=9, mtime=0)


def _is_pair(item) -> bool:
    return isinstance(item, list) and len(item) == 2 and isinstance(item[0], str)


def _sort_filter(value):
    """[name, [[value, [page numbers]], ...]] → values sorted, page numbers sorted."""
    name, entries = value
    fixed = []
    for entry in entries:
        val, pages = entry
        fixed.append([val, sorted(pages) if all(isinstance(p, int) for p in pages) else pages])
    return [name, sorted(fixed, key=lambda e: e[0])]


def canonicalise(output: Path) -> None:
    """Rewrite ``output`` (a site's pagefind/ folder) in canonical order, in place."""
    entry_path = output / "pagefind-entry.json"
    entry = json.loads(entry_path.read_text(encoding="utf-8"))
    for lang, info in sorted(entry["languages"].items()):
        meta_path = output / f"pagefind.{info['hash']}.pf_meta"
        meta = _read(meta_path)
        renames: dict[str, str] = {}
        for path in sorted((output / "filter").glob(f"{lang}_*.pf_filter")):
            packed = _pack(_sort_filter(_read(path)))
            new = f"{lang}_{hashlib.sha256(packed).hexdigest()[:7]}"
            renames[path.name[: -len(".pf_filter")]] = new
            path.unlink()
            (output / "filter" / f"{new}.pf_filter").write_bytes(packed)
        meta = _fix_meta(meta, renames)
        packed = _pack(meta)
        new_hash = f"{lang}_{hashlib.sha256(packed).hexdigest()[:10]}"
        meta_path.unlink()
        (output / f"pagefind.{new_hash}.pf_meta").write_bytes(packed)
        info["hash"] = new_hash
    entry_path.write_text(json.dumps(entry, ensure_ascii=False, separators=(",", ":")), encoding="utf-8")


def _fix_meta(value, renames: dict[str, str]):
    """Rename filter files and sort every list of [filter name, filter file] pairs."""
    if isinstance(value, list):
        if value and all(_is_pair(v) and isinstance(v[1], str) and v[1] in renames for v in value):
            return sorted(([name, renames[file]] for name, file in value), key=lambda p: p[0])
        return [_fix_meta(v, renames) for v in value]
    if isinstance(value, tuple) and len(value) == 2 and value[0] == "map":
        return ("map", [(k, _fix_meta(v, renames)) for k, v in value[1]])
    return value


def filter_counts(output: Path) -> dict[str, dict[str, int]]:
    """{filter name: {value: pages}} of a bundle, read from its filter files (exactly
    what Pagefind's filters() reports for it, without a browser)."""
    counts: dict[str, dict[str, int]] = {}
    for path in sorted(Path(output).glob("filter/*.pf_filter")):
        name, entries = _read(path)
        mine = counts.setdefault(name, {})
        for value, pages in entries:
            mine[value] = mine.get(value, 0) + len(pages)
    return counts
