"""Loads the closed vocabularies (data/vocabulary.yaml, data/provinces-2025.csv)."""
from __future__ import annotations

import csv
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import yaml

from converters.text.vietnamese import TONE_VARIANTS, ascii_fold, fold_key  # noqa: F401 (vocab.fold_key …)

DATA = Path(__file__).parent / "data"

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


@lru_cache(maxsize=1)
def _capital_index() -> dict[str, Province]:
    index: dict[str, Province] = {}
    for p in provinces():
        index.setdefault(fold_key(p.capital), p)
    index[fold_key("Huế")] = _province_index()[fold_key("Thừa Thiên Huế")]
    index[fold_key("Hồ Chí Minh")] = _province_index()[fold_key("Hồ Chí Minh")]
    index[fold_key("HCM")] = _province_index()[fold_key("Hồ Chí Minh")]
    return index


_PLACE_PREFIXES = ("tỉnh ", "thành phố ", "tp. ", "tp.", "tp ", "thị xã ")


def _place_key(name: str) -> str:
    key = fold_key(name).strip(" .,")
    for prefix in _PLACE_PREFIXES:
        if key.startswith(prefix):
            key = key[len(prefix):].strip()
            break
    return key.replace("–", "-").replace(" - ", "-")


def province_named(name: str) -> Province | None:
    """The province whose (pre-2025) short name is ``name``, spelling-insensitive."""
    key = _place_key(name)
    found = _province_index().get(key)
    if found is None:
        found = {k.replace(" - ", "-"): v for k, v in _province_index().items()}.get(key)
    return found


def province_of_place(place: str) -> Province | None:
    """The province a place line names: a province, or a provincial capital
    ("Rạch Giá" → Kiên Giang), spelling-insensitive."""
    return province_named(place) or _capital_index().get(_place_key(place))


@lru_cache(maxsize=1)
def _places_untoned() -> dict[str, str]:
    """Tone-free key → spelling of every province and capital whose key is unique."""
    spellings: dict[str, set[str]] = {}
    for p in provinces():
        for name in (p.name, p.capital):
            spellings.setdefault(ascii_fold(fold_key(name)), set()).add(name)
    return {k: next(iter(v)) for k, v in spellings.items() if len(v) == 1}


_PREFIX_SPELLING = (("thanh pho ", "Thành phố "), ("tinh ", "Tỉnh "), ("tp. ", "TP. "), ("tp ", "TP "),
                    ("thi xa ", "Thị xã "))


def known_place(place: str) -> str | None:
    """``place`` (read by OCR) as the vocabulary spells it: itself when it names a
    province or a provincial capital; respelt when only its tones differ from one
    ("Thành phó Hô Chí Minh" → "Thành phố Hồ Chí Minh"); None otherwise (a misread
    "Hà Chí Minh", or a place the vocabulary does not hold)."""
    text = " ".join(place.split()).strip(" .,")
    if province_of_place(text):
        return text
    untoned = ascii_fold(fold_key(text))
    prefix = ""
    for key, spelt in _PREFIX_SPELLING:
        if untoned.startswith(key):
            prefix, untoned = spelt, untoned[len(key):].strip()
            break
    name = _places_untoned().get(untoned)
    return prefix + name if name else None


def is_municipality(name: str) -> bool:
    """Centrally-run cities write "thành phố X", provinces "tỉnh X"."""
    return name in {"Hà Nội", "Hải Phòng", "Đà Nẵng", "Cần Thơ", "Hồ Chí Minh", "Huế"}


@lru_cache(maxsize=1)
def _agency_folded() -> dict[str, str]:
    return {ascii_fold(k).upper(): v for k, v in vocabulary()["agencies"].items()}


@lru_cache(maxsize=1)
def _central_folded() -> frozenset[str]:
    return frozenset(ascii_fold(c).upper() for c in vocabulary().get("central_codes", ()))


def agency_for_code(code: str) -> str | None:
    agencies = vocabulary()["agencies"]
    if code in agencies:
        return agencies[code]
    return _agency_folded().get(ascii_fold(code).upper())


def is_agency_code(code: str) -> bool:
    return agency_for_code(code) is not None or is_central_code(code)


def is_central_code(code: str) -> bool:
    return ascii_fold(code).upper() in _central_folded()


@lru_cache(maxsize=1)
def title_names() -> tuple[str, ...]:
    return tuple(vocabulary().get("titles", ()))


@lru_cache(maxsize=1)
def body_names() -> tuple[str, ...]:
    return tuple(vocabulary().get("bodies", ()))


@lru_cache(maxsize=1)
def title_keys() -> tuple[str, ...]:
    return tuple(fold_key(t) for t in title_names())


@lru_cache(maxsize=1)
def body_keys() -> tuple[str, ...]:
    return tuple(fold_key(b) for b in body_names())


def type_names() -> tuple[str, ...]:
    return tuple(t["name"] for t in vocabulary()["types"])


def type_for_code(code: str, party: bool | None = None) -> str | None:
    """The type a ký hiệu type code stands for; ``party`` picks between codes the
    two systems use differently (TT: Party Thông tri, state Thông tư)."""
    def fits(t: dict) -> bool:
        return not ((party is True and t.get("state")) or (party is False and t.get("party")))

    for t in vocabulary()["types"]:
        if code in t["codes"] and fits(t):
            return t["name"]
    folded = ascii_fold(code).upper()  # "QD" for "QĐ" in sloppy exports
    for t in vocabulary()["types"]:
        if any(ascii_fold(c).upper() == folded for c in t["codes"]) and fits(t):
            return t["name"]
    return None


@lru_cache(maxsize=1)
def _type_index() -> dict[str, str]:
    return {fold_key(n): n for n in type_names()}


def type_named(line: str) -> str | None:
    """The type whose name the (upper-case) type line spells, or None."""
    if len(line) > 40:
        return None
    return _type_index().get(fold_key(line))


@dataclass(frozen=True)
class Indicator:
    """One entry of the closed list of indicators (vocabulary.yaml ``indicators``)."""

    id: str
    label: str
    unit: str  # canonical unit ("lượt", "hồ sơ", "%", "điểm", "hạng")
    kind: str  # count | share | score | rank
    phrases: tuple[tuple[tuple[str, ...], ...], ...]  # phrase → parts → folded alternatives
    definition: str
    priority: int = 0  # an outcome ("đúng hạn") outranks the step it qualifies ("tiếp nhận")


INDICATOR_KINDS = ("count", "share", "score", "rank")
OTHER_INDICATOR = "khac"  # a figure whose phrase names no indicator of the list


@lru_cache(maxsize=1)
def indicators() -> tuple[Indicator, ...]:
    out = []
    for e in vocabulary()["indicators"]:
        phrases = tuple(tuple(tuple(fold_key(alt) for alt in part.split("|")) for part in p.split(" + "))
                        for p in e["phrases"])
        if e["kind"] not in INDICATOR_KINDS:
            raise ValueError(f"indicator {e['id']}: kind {e['kind']!r} not in {INDICATOR_KINDS}")
        out.append(Indicator(e["id"], e["label"], e["unit"], e["kind"], phrases, e["definition"],
                             int(e.get("priority", 0))))
    return tuple(out)


@lru_cache(maxsize=1)
def indicator_by_id() -> dict[str, Indicator]:
    return {i.id: i for i in indicators()}


@lru_cache(maxsize=1)
def indicator_units() -> tuple[tuple[str, str], ...]:
    """(folded unit word, canonical unit), longest word first."""
    pairs = [(fold_key(k), v) for k, v in vocabulary()["indicator_units"].items()]
    return tuple(sorted(pairs, key=lambda p: -len(p[0])))
