#!/usr/bin/env python3
"""Converter throughput: convert the five samples repeatedly on one core.

    .venv/bin/python scripts/bench_convert.py [--rounds N]

Prints reports/second for the whole path file → Document → Markdown page
(read, header, tail, body, metadata, front matter). Target: > 100 reports/s.
"""
from __future__ import annotations

import argparse
import os
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from converters import convert_file  # noqa: E402
from converters.frontmatter import to_markdown  # noqa: E402


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--rounds", type=int, default=40)
    ap.add_argument("--body-only", action="store_true",
                    help="time converters.body.render alone on the body lines")
    args = ap.parse_args()
    if hasattr(os, "sched_setaffinity"):
        os.sched_setaffinity(0, {sorted(os.sched_getaffinity(0))[0]})  # one core
    samples = sorted((ROOT / "sources" / "samples").glob("*.txt"))
    for p in samples:  # warm up (imports, vocabularies, regex compilation)
        to_markdown(convert_file(p, ROOT))
    if args.body_only:
        from converters.layout import body
        from converters.layout import header
        from converters.layout import tail
        from converters.layout import split_lines
        from converters import read_source

        regions = []
        for p in samples:
            lines = split_lines(read_source(p, ROOT).text)
            head = header.parse(lines, p.name)
            end = tail.parse(lines, head.body_start).body_end
            regions.append(lines[head.body_start:end])

        def one(i: int) -> None:
            body.render(regions[i])
    else:
        def one(i: int) -> None:
            to_markdown(convert_file(samples[i], ROOT))
    n = 0
    start = time.perf_counter()
    cpu_start = time.process_time()
    for _ in range(args.rounds):
        for i in range(len(samples)):
            one(i)
            n += 1
    elapsed = time.perf_counter() - start
    cpu = time.process_time() - cpu_start
    what = "bodies" if args.body_only else "reports"
    # CPU time is what the converter costs; wall time also counts other work on a shared machine
    print(f"{n} {what}: {n / cpu:.0f} {what}/s of CPU time ({1000 * cpu / n:.1f} ms each); "
          f"wall {elapsed:.2f} s = {n / elapsed:.0f} {what}/s on one core")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
