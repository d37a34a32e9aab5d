#!/usr/bin/env python3
"""Scorecard of the converter on the real originals of tests/corpus/ (gold.yaml).

Prints, per document, each field's verdict (. right, ✗ wrong with the value, - missing),
then fields right per format and in all, wrong values, and seconds per document.

    .venv/bin/python scripts/eval_corpus.py [--only SUBSTRING] [--fields type,number]
"""
from __future__ import annotations

import argparse
import sys
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(ROOT), str(ROOT / "tests")]

from converters import convert_file, errors  # noqa: E402
from corpus_gold import FIELDS, FILES, got_values, load_gold, verdict  # noqa: E402


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--only", default="", help="only files whose name contains this")
    ap.add_argument("--fields", default=",".join(FIELDS))
    args = ap.parse_args()
    fields = [f for f in args.fields.split(",") if f]
    per_format: dict[str, Counter] = {}
    total = Counter()
    for gold in load_gold():
        if args.only not in gold.file:
            continue
        t0 = time.perf_counter()
        try:
            got = got_values(convert_file(FILES / gold.file))
        except errors.ConversionError as exc:
            got = {f: None for f in fields}
            print(f"      {gold.file[:48]:48} LỖI {exc.reason}")
        dt = time.perf_counter() - t0
        marks = []
        c = per_format.setdefault(gold.format, Counter())
        for f in fields:
            v = verdict(f, got[f], gold)
            c[v] += 1
            total[v] += 1
            marks.append("." if v == "right" else f"{'✗' if v == 'wrong' else '-'}{f}={got[f]!r}"
                         + ("" if v == "missing" else f"≠{gold.values.get(f)!r}"))
        c["docs"] += 1
        c["seconds"] += dt
        print(f"{dt:5.1f}s {gold.file[:48]:48} {' '.join(marks)}")
    print()
    print("| format | docs | fields right | wrong | missing | s/doc |")
    print("| --- | --- | --- | --- | --- | --- |")
    for fmt, c in sorted(per_format.items()):
        n = c["right"] + c["wrong"] + c["missing"]
        print(f"| {fmt} | {c['docs']} | {c['right']}/{n} ({c['right'] / n:.0%}) | {c['wrong']} | {c['missing']} "
              f"| {c['seconds'] / c['docs']:.2f} |")
    n = total["right"] + total["wrong"] + total["missing"]
    print(f"| all | | {total['right']}/{n} ({total['right'] / n:.0%}) | {total['wrong']} | {total['missing']} | |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
