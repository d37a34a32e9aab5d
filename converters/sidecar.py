"""Sidecar metadata fixes: ``report.meta.yaml`` beside ``report.txt`` overrides
front-matter fields the converter got wrong or could not find.

    # sources/kien-giang/bao-cao-6-thang.meta.yaml
    number: 111-BC/SNgV
    issued: "2024-05-20"
    signers: [{role: Giám đốc, name: Nguyễn Văn A}]

Only the fields of DESIGN.md's front matter that describe the document may be
set (ALLOWED: those marked ``sidecar`` in converters/fields.py); ``source`` and the extracted lists (footnotes, models, figures)
may not. Invalid YAML, unknown keys and values of the wrong shape are problems
naming the sidecar file; the valid keys of a sidecar are still applied, and
the report always builds from the converter's output.
"""
from __future__ import annotations

import dataclasses
import datetime as _dt
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from converters import fields as fields_mod
from converters import vocab
from converters.document import Document, Period, Signer

SUFFIX = ".meta.yaml"
ALLOWED = fields_mod.SIDECAR_KEYS  # the fields a sidecar may set, in contract order
_ISO = re.compile(r"^\d{4}(-\d{2}(-\d{2})?)?$")
ADVICE = "sửa tệp .meta.yaml (xem README: Sửa siêu dữ liệu bằng tệp .meta.yaml)"


@dataclass(frozen=True)
class Sidecar:
    path: Path
    shown: str  # as the webmaster finds it
    fields: dict[str, Any]  # validated values, in Document field types
    errors: tuple[str, ...]  # one-line Vietnamese reasons (without the file name)


def sidecar_for(source: Path) -> Path:
    """``a/report.txt`` → ``a/report.meta.yaml``."""
    return source.with_name(source.stem + SUFFIX)


def is_sidecar(path: Path) -> bool:
    return path.name.endswith(SUFFIX)


def load(path: Path, shown: str) -> Sidecar:
    try:
        raw = yaml.safe_load(path.read_text(encoding="utf-8"))
    except UnicodeDecodeError:
        return Sidecar(path, shown, {}, ("tệp .meta.yaml không phải UTF-8",))
    except yaml.YAMLError as exc:
        where = getattr(exc, "problem_mark", None)
        at = f" (dòng {where.line + 1}, cột {where.column + 1})" if where is not None else ""
        return Sidecar(path, shown, {}, (f"YAML không hợp lệ{at}: {getattr(exc, 'problem', None) or exc}",))
    except OSError as exc:
        return Sidecar(path, shown, {}, (f"không đọc được tệp .meta.yaml ({exc.strerror})",))
    if raw is None:
        return Sidecar(path, shown, {}, ())
    if not isinstance(raw, dict):
        return Sidecar(path, shown, {}, ("tệp .meta.yaml phải là các cặp khóa: giá trị",))
    fields: dict[str, Any] = {}
    errs: list[str] = []
    for key in raw:
        if key not in ALLOWED:
            errs.append(f"khóa không được phép: {key!s} (được phép: {', '.join(ALLOWED)})")
            continue
        try:
            fields[key] = _convert(key, raw[key])
        except ValueError as exc:
            errs.append(f"giá trị không hợp lệ cho {key}: {exc}")
    if "province" in fields and fields["province"] is not None and "province_2025" not in fields:
        fields["province_2025"] = vocab.province_named(fields["province"]).name_2025
    return Sidecar(path, shown, fields, tuple(errs))


def _text(value: Any) -> str | None:
    if value is None:
        return None
    if isinstance(value, (_dt.date, _dt.datetime)):
        return value.isoformat()[:10]
    if isinstance(value, (str, int, float)) and not isinstance(value, bool):
        text = " ".join(str(value).split())
        return text or None
    raise ValueError(f"cần một chuỗi, nhận {type(value).__name__}")


def _iso(value: Any) -> str | None:
    text = _text(value)
    if text is not None and not _ISO.match(text):
        raise ValueError(f"{text!r} không phải ngày dạng YYYY, YYYY-MM hoặc YYYY-MM-DD")
    return text


def _convert(key: str, value: Any) -> Any:
    kind = fields_mod.BY_NAME[key].kind
    if kind == "text":
        text = _text(value)
        if key == "type" and text is not None and text not in vocab.type_names():
            raise ValueError(f"loại văn bản {text!r} không có trong danh mục ({', '.join(vocab.type_names())})")
        if key == "province" and text is not None and vocab.province_named(text) is None:
            raise ValueError(f"không nhận ra tỉnh {text!r}")
        if key == "province_2025" and text is not None and \
                text not in {p.name_2025 for p in vocab.provinces()}:
            raise ValueError(f"không nhận ra tỉnh sau sáp nhập {text!r}")
        if key == "province" and text is not None:
            text = vocab.province_named(text).name
        return text
    if kind == "list":
        if value is None:
            return ()
        if isinstance(value, str):
            value = [value]
        if not isinstance(value, list):
            raise ValueError("cần một danh sách")
        items = tuple(t for t in (_text(v) for v in value) if t)
        if key == "topics":
            known = set(vocab.vocabulary().get("topics", {}))
            unknown = [t for t in items if t not in known]
            if unknown:
                raise ValueError(f"chủ đề không có trong danh mục: {', '.join(unknown)}")
        return items
    if kind == "date":
        return _iso(value)
    if kind == "period":
        if value is None:
            return None
        if not isinstance(value, dict) or not set(value) <= {"label", "start", "end"} or not value.get("label"):
            raise ValueError("cần {label: ..., start: YYYY-MM-DD, end: YYYY-MM-DD}")
        return Period(label=_text(value["label"]), start=_iso(value.get("start")), end=_iso(value.get("end")))
    if kind == "signers":
        if value is None:
            return ()
        if not isinstance(value, list) or not all(isinstance(v, dict) and set(v) <= {"role", "name"} for v in value):
            raise ValueError("cần danh sách [{role: ..., name: ...}]")
        return tuple(Signer(role=_text(v.get("role")), name=_text(v.get("name"))) for v in value)
    raise ValueError(key)  # pragma: no cover - ALLOWED is exhaustive


def apply(doc: Document, sidecar: Sidecar) -> Document:
    return dataclasses.replace(doc, **sidecar.fields) if sidecar.fields else doc
