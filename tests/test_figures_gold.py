"""Reform figures against hand-read gold (tests/data/gold-figures.yaml): the five samples and
real corpus reports, through the real converter.

A found figure (indicator not "khac") is right when a gold figure of the same document has
the same indicator and value as written (each gold figure matched once); precision = right /
found, recall = right / gold; "optional" gold entries count in neither. The fields a gold
entry gives (number, total, unit, scope, agency, period, part, kind) must then be equal.

    .venv/bin/python tests/test_figures_gold.py     # prints the scorecard (BENCHMARKS.md)
"""
from __future__ import annotations

import sys
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from converters import convert_file  # noqa: E402
from converters.vocab import OTHER_INDICATOR, fold_key, indicator_by_id  # noqa: E402

GOLD = yaml.safe_load((ROOT / "tests/data/gold-figures.yaml").read_text(encoding="utf-8"))["documents"]
FIELDS = ("number", "total", "unit", "scope", "agency", "period", "part", "kind")
PRECISION_MIN, RECALL_MIN = 0.95, 0.90


@dataclass
class Score:
    found: int = 0
    gold: int = 0
    right: int = 0
    false: list = field(default_factory=list)  # (file, indicator, value, text)
    missed: list = field(default_factory=list)  # (file, gold entry)
    wrong_fields: list = field(default_factory=list)  # (file, field, gold, found)

    @property
    def precision(self) -> float:
        return self.right / self.found if self.found else 1.0

    @property
    def recall(self) -> float:
        return self.right / self.gold if self.gold else 1.0


@lru_cache(maxsize=None)
def figures_of(path: str):
    p = ROOT / path
    root = p.parent.parent if path.startswith("sources/") else p.parent
    return convert_file(p, root).figures


def _same(name: str, want, got) -> bool:
    if name == "agency" and want is not None and got is not None:
        return fold_key(str(want)) == fold_key(str(got))
    return want == got


def score(docs=GOLD) -> Score:
    s = Score()
    for doc in docs:
        figs = [f for f in figures_of(doc["file"]) if f.indicator != OTHER_INDICATOR]
        gold = list(doc["figures"] or [])
        s.gold += sum(1 for g in gold if not g.get("optional"))
        unused = list(range(len(gold)))
        for f in figs:
            hit = next((i for i in unused if gold[i]["indicator"] == f.indicator
                        and str(gold[i]["value"]) == f.value), None)
            if hit is None:
                s.found += 1
                s.false.append((doc["file"], f.indicator, f.value, f.text))
                continue
            unused.remove(hit)
            g = gold[hit]
            if g.get("optional"):
                continue
            s.found += 1
            s.right += 1
            for name in FIELDS:
                if name in g and not _same(name, g[name], getattr(f, name)):
                    s.wrong_fields.append((doc["file"], name, g[name], getattr(f, name)))
        s.missed += [(doc["file"], gold[i]) for i in unused if not gold[i].get("optional")]
    return s


def test_gold_indicators_exist():
    known = indicator_by_id()
    for doc in GOLD:
        for g in doc["figures"] or []:
            assert g["indicator"] in known, g


def test_precision_and_recall():
    s = score()
    assert s.gold >= 45
    assert s.precision >= PRECISION_MIN, f"precision {s.precision:.3f}: {s.false}"
    assert s.recall >= RECALL_MIN, f"recall {s.recall:.3f}: {s.missed}"


def test_fields_of_matched_figures():
    s = score()
    assert not s.wrong_fields, s.wrong_fields


if __name__ == "__main__":
    s = score()
    print(f"gold figures {s.gold}, found {s.found}, right {s.right}: "
          f"precision {100 * s.precision:.1f}%, recall {100 * s.recall:.1f}%, "
          f"fields wrong {len(s.wrong_fields)}")
    for x in s.false:
        print("  false", x)
    for x in s.missed:
        print("  missed", x)
    for x in s.wrong_fields:
        print("  field", x)
