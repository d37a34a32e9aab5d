#!/usr/bin/env python3
"""Does the work per file grow linearly with its size? One report whose body is a
hostile pattern, converted whole (converters.convert: decode, layout, escaping,
front matter) at sizes n, 2n, 4n; the ratio of times should stay near 2 (a quadratic
step gives 4). Also the escaper alone on the same texts.

    .venv/bin/python scripts/bench_linear.py [--size 250000]

Patterns: "emph" ("*a " repeated: made the old emphasis regex quadratic, 7.7 s for
8,000 asterisks), "markup" (every Markdown/HTML special character in turn), "oneline"
(one line of plain words with no break), "pipes" ("| a " repeated: table look-alike).
"""
from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(1, str(ROOT / "tests"))

import converters  # noqa: E402
from badcorpus import report  # noqa: E402
from converters.text import escape  # noqa: E402

MARKUP = "*_[]<>`|#{}&!\\~"
PATTERNS = {
    "emph": lambda n: "*a " * (n // 3),
    "markup": lambda n: (MARKUP * (n // len(MARKUP) + 1))[:n],
    "oneline": lambda n: ("Sở đã triển khai kế hoạch " * (n // 26 + 1))[:n],
    "pipes": lambda n: "| a " * (n // 4),
}


def timed(fn) -> float:
    start = time.perf_counter()
    fn()
    return time.perf_counter() - start


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--size", type=int, default=250_000, help="smallest body, characters")
    args = ap.parse_args()
    sizes = [args.size, 2 * args.size, 4 * args.size]
    print("| pattern | step | " + " | ".join(f"{n:,} ch" for n in sizes) + " | ratio 2n/n | ratio 4n/2n |")
    print("| --- | --- |" + " --- |" * (len(sizes) + 2))
    worst = 0.0
    with tempfile.TemporaryDirectory() as tmp:
        d = Path(tmp)
        for name, make in PATTERNS.items():
            rows = {"escape.inline": [], "convert": []}
            for n in sizes:
                body = make(n)
                rows["escape.inline"].append(timed(lambda: escape.inline(body)))
                f = d / f"{name}-{n}.txt"
                f.write_text(report("Kết quả thực hiện", body), encoding="utf-8")

                def convert() -> None:
                    try:
                        converters.convert(f, d)
                    except converters.errors.ConversionError:
                        pass

                rows["convert"].append(timed(convert))
            for step, times in rows.items():
                r1, r2 = times[1] / max(times[0], 1e-6), times[2] / max(times[1], 1e-6)
                if times[2] > 0.05:
                    worst = max(worst, r2)
                print(f"| {name} | {step} | " + " | ".join(f"{t:.2f} s" for t in times) + f" | {r1:.1f} | {r2:.1f} |")
    print(f"\nworst ratio 4n/2n (steps over 50 ms): {worst:.1f} (linear: ~2, quadratic: ~4)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
