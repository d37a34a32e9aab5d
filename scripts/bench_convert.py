#!/usr/bin/env python3
"""Converter throughput: convert the five samples repeatedly on one core.

    .venv/bin/python scripts/bench_convert.py [--rounds N]
    .venv/bin/python scripts/bench_convert.py --against struct [--rounds N] [--repeat K]

Prints reports/second for the whole path file → Document → Markdown page
(read, header, tail, body, metadata, front matter). Target: > 100 reports/s.

``--against REF``: before/after in one run. The converter package of git REF is unpacked
into a temporary folder; this script then runs itself K times on each tree, alternately
(REF, this tree, REF, …, each in a fresh process pinned to the same core), and prints both
series, their medians and the ratio (the same samples, the same machine load).
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
    ap.add_argument("--against", metavar="REF", help="git ref to compare with, in the same run")
    ap.add_argument("--repeat", type=int, default=5)
    ap.add_argument("--root", help=argparse.SUPPRESS)  # the converter tree to time (for --against)
    args = ap.parse_args()
    if args.against:
        return compare(args.against, args.rounds, args.repeat)
    convert, page = convert_file, to_markdown
    if args.root:  # time the converter package of another tree (--against)
        import importlib

        sys.path.insert(0, args.root)
        for name in [m for m in sys.modules if m == "converters" or m.startswith("converters.")]:
            del sys.modules[name]
        convert = importlib.import_module("converters").convert_file
        page = importlib.import_module("converters.frontmatter").to_markdown
    if hasattr(os, "sched_setaffinity"):
        os.sched_setaffinity(0, {sorted(os.sched_getaffinity(0))[0]})  # one core
    samples = sorted((ROOT / "sources" / "samples").glob("*.txt"))
    for p in samples:  # warm up (imports, vocabularies, regex compilation)
        page(convert(p, ROOT))
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
            page(convert(samples[i], ROOT))
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


def compare(ref: str, rounds: int, repeat: int) -> int:
    import re
    import statistics
    import subprocess
    import tempfile

    with tempfile.TemporaryDirectory() as tmp:
        archive = subprocess.run(["git", "-C", str(ROOT), "archive", ref, "converters"], check=True,
                                 capture_output=True).stdout
        subprocess.run(["tar", "-x", "-C", tmp], input=archive, check=True)
        series: dict[str, list[float]] = {ref: [], "this tree": []}
        for _ in range(repeat):
            for name, root in ((ref, tmp), ("this tree", str(ROOT))):
                out = subprocess.run([sys.executable, __file__, "--rounds", str(rounds), "--root", root],
                                     check=True, capture_output=True, text=True).stdout
                series[name].append(float(re.search(r"\(([\d.]+) ms each\)", out).group(1)))
        for name, ms in series.items():
            print(f"{name:>10}: CPU ms per report {', '.join(f'{x:.1f}' for x in ms)}; median "
                  f"{statistics.median(ms):.1f} ms = {1000 / statistics.median(ms):.0f} reports/s")
        ratio = statistics.median(series["this tree"]) / statistics.median(series[ref])
        print(f"this tree / {ref}: {ratio:.2f}x the time per report")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
