"""Front matter is serialised here and only here (DESIGN.md contract; the fields and
their order are declared in converters/fields.py)."""
from __future__ import annotations

import dataclasses
from typing import Any

import yaml

from converters import fields
from converters.document import Document

KEYS = fields.NAMES  # contract order of DESIGN.md, then the extra fields (converters/fields.py)
OPTIONAL = fields.OPTIONAL  # omitted when empty


def _plain(value: Any) -> Any:
    if dataclasses.is_dataclass(value):
        return {f.name: _plain(getattr(value, f.name)) for f in dataclasses.fields(value)}
    if isinstance(value, tuple) and value and all(isinstance(v, tuple) and len(v) == 2 for v in value) \
            and all(isinstance(v[0], str) for v in value):
        return {k: _plain(v) for k, v in value}
    if isinstance(value, (list, tuple)):
        return [_plain(v) for v in value]
    return value


def front_matter(doc: Document) -> dict[str, Any]:
    data: dict[str, Any] = {}
    for key in KEYS:
        value = _plain(getattr(doc, key))
        if key in OPTIONAL and not value:
            continue
        data[key] = value
    return data


# libyaml's emitter and parser when PyYAML has them (same output, measured on the
# samples; ~10x faster than the pure-Python ones)
_DUMPER = getattr(yaml, "CSafeDumper", yaml.SafeDumper)
_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def dump_yaml(data: Any) -> str:
    return yaml.dump(data, Dumper=_DUMPER, allow_unicode=True, sort_keys=False, width=100000,
                     default_flow_style=False)


def to_markdown(doc: Document) -> str:
    """The page source: YAML front matter, then the clean body."""
    body = doc.body.strip("\n")
    return f"---\n{dump_yaml(front_matter(doc))}---\n\n{body}\n"


def from_markdown(text: str) -> tuple[dict[str, Any], str]:
    """Split a generated page back into (front matter, body)."""
    if not text.startswith("---\n"):
        return {}, text
    end = text.index("\n---\n", 4)
    return yaml.load(text[4:end], Loader=_LOADER) or {}, text[end + 5:].lstrip("\n")
