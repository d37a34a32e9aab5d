#!/usr/bin/env python3
"""Metadata-half throughput: header.parse + tail.parse + metadata.infer on the
five samples, pinned to one core (the body stage is timed by bench_convert.py).

    .venv/bin/python scripts/bench_metadata.py [--rounds N]

Prints CPU time and wall time per report.
"""
from __future__ import annotations

import argparse
import os
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from converters import read_source, tail  # noqa: E402
from converters.layout import header
from converters.layout import metadata
from converters.layout.body import Body  # noqa: E402
from converters.layout import split_lines  # noqa: E402


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--rounds", type=int, default=60)
    args = ap.parse_args()
    if hasattr(os, "sched_setaffinity"):
        os.sched_setaffinity(0, {sorted(os.sched_getaffinity(0))[0]})
    docs = []
    for p in sorted((ROOT / "sources" / "samples").glob("*.txt")):
        st = read_source(p, ROOT)
        docs.append((st.source, split_lines(st.text)))
    empty = Body("", (), (), 0)

    def one(source, lines) -> None:
        head = header.parse(lines, source.path)
        t = tail.parse(lines, head.body_start)
        metadata.infer(source, head, t, empty, lines[head.body_start:t.body_end])

    for source, lines in docs:  # warm up: vocabularies, compiled patterns
        one(source, lines)
    n = 0
    start, cpu_start = time.perf_counter(), time.process_time()
    for _ in range(args.rounds):
        for source, lines in docs:
            one(source, lines)
            n += 1
    wall, cpu = time.perf_counter() - start, time.process_time() - cpu_start
    print(f"header+tail+metadata: {n} reports, CPU {n / cpu:.0f} reports/s ({1000 * cpu / n:.2f} ms each), "
          f"wall {n / wall:.0f} reports/s")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
