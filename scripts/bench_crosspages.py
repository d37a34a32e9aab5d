#!/usr/bin/env python3
"""Cost of crosspages.generate (cross-pages + data exports) as the archive grows.

Converts the five samples once, then replicates their report pages N times over the
63 pre-2025 provinces and the years 2012-2025 (each copy is a real report page with
its body, so the cited-document scan reads real text), and times generate() for each
N. Prints seconds, reports/s and the size of the largest generated pages: the cost
per report should stay roughly constant (no quadratic step).

Usage: .venv/bin/python scripts/bench_crosspages.py [--sizes 1000 4000 16000]
"""
from __future__ import annotations

import argparse
import shutil
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from converters import convert_file, vocab  # noqa: E402
from converters.frontmatter import front_matter, to_markdown  # noqa: E402
from minhbach import crosspages, pages  # noqa: E402


def corpus(n: int, content: Path) -> list[tuple[str, dict]]:
    samples = sorted((ROOT / "sources" / "samples").glob("*.txt"))
    docs = [convert_file(p, ROOT / "sources") for p in samples]
    texts = [to_markdown(d) for d in docs]
    fms = [front_matter(d) for d in docs]
    provinces = vocab.provinces()
    out = []
    for i in range(n):
        k = i % len(docs)
        prov = provinces[(i * 7) % len(provinces)]
        fm = dict(fms[k])
        fm.update(province=prov.name, province_2025=prov.name_2025,
                  issued=f"{2012 + i % 14}-{1 + i % 12:02d}",
                  units=[u.replace("Kiên Giang", prov.name) for u in fm.get("units", [])])
        path = f"reports/{pages.province_slug(prov.name)}/r{i:06d}.md"
        (content / path).parent.mkdir(parents=True, exist_ok=True)
        (content / path).write_text(texts[k], encoding="utf-8")
        out.append((path, fm))
    return sorted(out)


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--sizes", type=int, nargs="+", default=[1000, 4000, 16000])
    args = parser.parse_args()
    print("| reports | generate() CPU s | wall s | reports/s (CPU) | largest page | total generated |")
    print("| --- | --- | --- | --- | --- | --- |", flush=True)
    for n in args.sizes:
        tmp = Path(tempfile.mkdtemp(prefix="bench-cross-"))
        try:
            shutil.copy2(ROOT / "mkdocs.yml", tmp / "mkdocs.yml")
            content = tmp / "content"
            reports = corpus(n, content)
            start, cpu = time.perf_counter(), time.process_time()
            written = crosspages.generate(reports, content)
            took, wall = time.process_time() - cpu, time.perf_counter() - start
            sizes = sorted(((content / p).stat().st_size, p) for p in written)
            total = sum(s for s, _ in sizes)
            big, big_path = sizes[-1]
            print(f"| {n} | {took:.2f} | {wall:.2f} | {n / took:.0f} | {big / 1e6:.1f} MB ({big_path}) | "
                  f"{len(written)} files, {total / 1e6:.1f} MB |", flush=True)
        finally:
            shutil.rmtree(tmp, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
