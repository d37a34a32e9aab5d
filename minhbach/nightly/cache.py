"""Build caches under .minhbach/ (never committed, safe to delete at any time).

* ``HashCache`` — sha256 of each source/sidecar, reused while the file's
  (size, mtime_ns, inode) are unchanged, so a no-change run reads no source.
* ``ConversionCache`` — the converted page of each source, keyed by the source's
  content hash, its path, its sidecar's hash and the converter's code hash.
* ``code_hash`` / ``fingerprint`` — one hash of everything a build reads; when
  it equals the live site's, nothing needs doing.
"""
from __future__ import annotations

import hashlib
import json
import os
import sys
from importlib import metadata
from pathlib import Path
from typing import Any, Iterable

CACHE_FORMAT = "2"  # bump when the cached entry's shape changes


def sha256_file(path: Path) -> str:
    h = hashlib.sha256()
    with open(path, "rb") as fh:
        for chunk in iter(lambda: fh.read(1 << 20), b""):
            h.update(chunk)
    return h.hexdigest()


def _write_json(path: Path, data: Any) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(f".{path.name}.tmp{os.getpid()}")
    # key order is kept: front matter dicts keep the contract order (DESIGN.md) through the cache
    tmp.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    os.replace(tmp, path)


def _read_json(path: Path) -> Any:
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None


class HashCache:
    def __init__(self, path: Path):
        self.path = path
        data = _read_json(path)
        self.old: dict[str, list] = data if isinstance(data, dict) else {}
        self.new: dict[str, list] = {}

    def sha256(self, path: Path, key: str) -> str:
        st = path.stat()
        stamp = [st.st_size, st.st_mtime_ns, st.st_ino]
        hit = self.old.get(key)
        if isinstance(hit, list) and len(hit) == 4 and hit[:3] == stamp and isinstance(hit[3], str):
            digest = hit[3]
        else:
            digest = sha256_file(path)
        self.new[key] = [*stamp, digest]
        return digest

    def save(self) -> None:
        if self.new != self.old:
            _write_json(self.path, self.new)


class ConversionCache:
    def __init__(self, directory: Path, salt: str):
        self.dir = directory
        self.salt = salt
        self.used: set[str] = set()
        self.hits = 0
        self.misses = 0
        self.discarded = 0

    def key(self, *parts: str | None) -> str:
        h = hashlib.sha256(f"{CACHE_FORMAT}\0{self.salt}".encode())
        for part in parts:
            h.update(b"\0" + (part or "-").encode("utf-8"))
        return h.hexdigest()

    def _file(self, key: str) -> Path:
        return self.dir / key[:2] / f"{key}.json"

    def get(self, key: str) -> dict | None:
        """The cached entry, or None; an entry of the wrong shape is discarded (rebuilt)."""
        self.used.add(key)
        path = self._file(key)
        data = _read_json(path)
        if data is not None and not well_formed(data):
            self.discarded += 1
            try:
                path.unlink()
            except OSError:
                pass
            data = None
        if data is not None:
            self.hits += 1
            return data
        self.misses += 1
        return None

    def put(self, key: str, value: dict) -> None:
        self.used.add(key)
        _write_json(self._file(key), value)

    def prune(self) -> int:
        """Drop entries this run did not use (sources removed or changed)."""
        removed = 0
        if not self.dir.is_dir():
            return 0
        for sub in self.dir.iterdir():
            if not sub.is_dir():
                continue
            for f in sub.glob("*.json"):
                if f.stem not in self.used:
                    f.unlink(missing_ok=True)
                    removed += 1
        return removed


_PROBLEM_KEYS = {"path", "code", "severity", "published", "reason", "advice", "source"}
_PAGE_KEYS = {"page": str, "markdown": str, "front_matter": dict}


def well_formed(entry: Any) -> bool:
    """Does a cached conversion have the shape convert_one gives: problems (a list of
    Problem dicts) and either a whole page (page, markdown, front_matter) or none of it?"""
    if not isinstance(entry, dict) or not isinstance(entry.get("problems"), list):
        return False
    for prob in entry["problems"]:
        if not isinstance(prob, dict) or set(prob) != _PROBLEM_KEYS \
                or not all(isinstance(prob[k], str) for k in ("path", "code", "severity", "reason", "advice")) \
                or not isinstance(prob["published"], bool) or not isinstance(prob["source"], (str, type(None))):
            return False
    present = [k for k in _PAGE_KEYS if k in entry]
    if present and (len(present) != len(_PAGE_KEYS)
                    or not all(isinstance(entry[k], t) for k, t in _PAGE_KEYS.items())):
        return False
    return set(entry) <= {"problems", *_PAGE_KEYS}


def hash_tree(paths: Iterable[Path], base: Path) -> str:
    """One hash over files (relative name + content), in sorted order."""
    h = hashlib.sha256()
    files: list[Path] = []
    for p in paths:
        if p.is_file():
            files.append(p)
        elif p.is_dir():
            files.extend(f for f in p.rglob("*") if f.is_file() and "__pycache__" not in f.parts)
    for f in sorted(set(files)):
        try:
            rel = f.relative_to(base).as_posix()
        except ValueError:
            rel = f.as_posix()
        h.update(rel.encode("utf-8") + b"\0" + hashlib.sha256(f.read_bytes()).digest())
    return h.hexdigest()


def code_hash(packages: Iterable[str]) -> str:
    """Hash of the code of our packages (all files, data included)."""
    roots = []
    for name in packages:
        module = sys.modules.get(name) or __import__(name)
        roots.append(Path(module.__file__).parent)
    return hash_tree(roots, roots[0].parent)


def tool_versions(dists: Iterable[str]) -> str:
    parts = [f"python={sys.version_info[:3]}"]
    for dist in dists:
        try:
            parts.append(f"{dist}={metadata.version(dist)}")
        except metadata.PackageNotFoundError:
            parts.append(f"{dist}=-")
    return ";".join(parts)


def fingerprint(parts: dict[str, Any]) -> str:
    return hashlib.sha256(json.dumps(parts, sort_keys=True, ensure_ascii=False).encode()).hexdigest()


def read_state(path: Path) -> dict:
    data = _read_json(path)
    return data if isinstance(data, dict) else {}


def state_list(state: dict, key: str) -> list[str]:
    """A list of strings stored in the state file, or [] when it has another shape."""
    value = state.get(key)
    return [v for v in value if isinstance(v, str)] if isinstance(value, list) else []


def write_state(path: Path, data: dict) -> None:
    _write_json(path, data)
