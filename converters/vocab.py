"""Loads the closed vocabularies (data/vocabulary.yaml, data/provinces-2025.csv)."""
from __future__ import annotations

import csv
import unicodedata
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import yaml

DATA = Path(__file__).parent / "data"

# Old-style vs new-style tone placement: fold to one spelling before matching.
_TONE_VARIANTS = {
    "oà": "òa", "oá": "óa", "oả": "ỏa", "oã": "õa", "oạ": "ọa",
    "oè": "òe", "oé": "óe", "oẻ": "ỏe", "oẽ": "õe", "oẹ": "ọe",
    "uỳ": "ùy", "uý": "úy", "uỷ": "ủy", "uỹ": "ũy", "uỵ": "ụy",
}


def fold_key(text: str) -> str:
    """A matching key: NFC, lower case, one tone placement, single spaces."""
    text = unicodedata.normalize("NFC", text).lower()
    for old, new in _TONE_VARIANTS.items():
        text = text.replace(old, new)
    return " ".join(text.split())


def ascii_fold(text: str) -> str:
    """Remove tones and fold đ → d (for tone-insensitive matching)."""
    text = text.replace("đ", "d").replace("Đ", "D")
    text = unicodedata.normalize("NFD", text)
    return "".join(ch for ch in text if unicodedata.category(ch) != "Mn")


@lru_cache(maxsize=1)
def vocabulary() -> dict:
    with open(DATA / "vocabulary.yaml", encoding="utf-8") as fh:
        return yaml.safe_load(fh)


@dataclass(frozen=True)
class Province:
    name: str  # short name, as in the CSV ("Kiên Giang")
    name_2025: str
    capital: str


@lru_cache(maxsize=1)
def provinces() -> tuple[Province, ...]:
    with open(DATA / "provinces-2025.csv", encoding="utf-8") as fh:
        return tuple(Province(r["old_province"], r["new_province"], r["old_capital"])
                     for r in csv.DictReader(fh))


@lru_cache(maxsize=1)
def _province_index() -> dict[str, Province]:
    index: dict[str, Province] = {}
    for p in provinces():
        index[fold_key(p.name)] = p
    return index


def province_named(name: str) -> Province | None:
    """The province whose (pre-2025) short name is ``name``, spelling-insensitive."""
    key = fold_key(name)
    for prefix in ("tỉnh ", "thành phố ", "tp. ", "tp "):
        if key.startswith(prefix):
            key = key[len(prefix):]
    return _province_index().get(key)


def type_names() -> tuple[str, ...]:
    return tuple(t["name"] for t in vocabulary()["types"])


def type_for_code(code: str) -> str | None:
    for t in vocabulary()["types"]:
        if code in t["codes"]:
            return t["name"]
    return None
