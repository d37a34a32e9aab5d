"""The corpus of real originals (tests/corpus/: files, gold.yaml, SOURCES.tsv) and how a
converted Document is scored against its hand-read gold, field by field.

Shared by tests/test_corpus.py and scripts/eval_corpus.py, so the test suite and the
BENCHMARKS scorecard count the same way.

A field is **right** when the converter's value equals the gold (after the
normalisation below), or when it is null and the gold is null or marked ``# unsure``.
It is **wrong** when the converter gives a value that is not the gold: a wrong value is
worse than none. It is **missing** when the converter gives null for a value the gold
states with certainty.

An empty list in the gold (``units: []``: the document names no issuer) is the same
statement as null: the converter's empty value is right there, not missing.
"""
from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

CORPUS = Path(__file__).resolve().parent / "corpus"
FILES = CORPUS / "files"
FIELDS = ("type", "number", "symbol", "units", "province", "place", "issued", "signer", "signer_role")


@dataclass(frozen=True)
class Gold:
    file: str
    format: str
    values: dict[str, Any]
    unsure: frozenset[str]  # fields whose gold line carries "# unsure"


def load_gold() -> list[Gold]:
    text = (CORPUS / "gold.yaml").read_text(encoding="utf-8")
    docs = yaml.safe_load(text)["documents"]
    unsure: dict[str, set[str]] = {}
    current = None
    for line in text.splitlines():
        m = re.match(r"\s*-\s*file:\s*(\S+)", line)
        if m:
            current = m.group(1)
            continue
        m = re.match(r"\s+(\w+):.*#\s*unsure", line)
        if m and current:
            unsure.setdefault(current, set()).add(m.group(1))
    return [Gold(d["file"], d.get("format", ""), d, frozenset(unsure.get(d["file"], ()))) for d in docs]


def _norm(value: Any) -> Any:
    if value is None:
        return None
    if isinstance(value, (list, tuple)):
        return tuple(_norm(v) for v in value)
    text = unicodedata.normalize("NFC", str(value))
    return " ".join(text.split())


def _compact(value: Any) -> Any:
    """Numbers and symbols: whitespace around - and / is not significant ("HD- MTTQ")."""
    value = _norm(value)
    return None if value is None else re.sub(r"\s*([-/])\s*", r"\1", value)


def _fold_case(value: Any) -> Any:
    value = _norm(value)
    if value is None:
        return None
    if isinstance(value, tuple):
        return tuple(v.casefold() for v in value)
    return value.casefold()


def got_values(doc) -> dict[str, Any]:
    """The converter's values in the gold's terms."""
    signer = doc.signers[0] if doc.signers else None
    return {
        "type": doc.type,
        "number": doc.number,
        "symbol": doc.symbol,
        "units": list(doc.units) or None,
        "province": doc.province,
        "place": doc.place,
        "issued": doc.issued,
        "signer": signer.name if signer else None,
        # the gold's signer_role is the signer's own title; the authority lines
        # (TM./KT./TL.) it keeps apart are the head of Signer.role
        "signer_role": signer.title if signer else None,
    }


def units_match(got: list[str] | None, gold: list[str] | None) -> bool:
    """The issuing body (the last header line of the issuing side) is what identifies the
    issuer; the converter completes it with its province ("Sở Nội vụ tỉnh Vĩnh Long").
    Right when the converter's last unit starts with the gold's last line (case-insensitive)."""
    if not gold:
        return not got
    if not got:
        return False
    g, o = _fold_case(gold[-1]), _fold_case(got[-1])
    return o == g or o.startswith(g + " ")


def verdict(field: str, got: Any, gold: Gold) -> str:
    """'right' | 'wrong' | 'missing'."""
    want = gold.values.get(field)
    if field == "issued" and want is not None:
        want = str(want)
    if got is None or got == [] or got == ():
        if want is None or want == [] or field in gold.unsure:
            return "right"
        return "missing"
    if field == "units":
        return "right" if units_match(got, want) else "wrong"
    if field in ("number", "symbol"):
        return "right" if _compact(got) == _compact(want) else "wrong"
    if field in ("signer_role", "type", "place"):
        return "right" if _fold_case(got) == _fold_case(want) else "wrong"
    return "right" if _norm(got) == _norm(want) else "wrong"
