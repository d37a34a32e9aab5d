#!/usr/bin/env python3
"""Benchmark of the original-format readers (DOCX, text-layer PDF, optional OCR).

Builds the DOCX/PDF fixtures of the five samples (tests/fixtures_originals.py) in a
temporary folder, then converts each file ``--rounds`` times and prints, per sample and
format: pages, CPU and wall seconds per conversion (file → Document), and the body's
word-level similarity to the text export. ``--ocr`` adds the scanned OCR sample.

    .venv/bin/python scripts/bench_originals.py [--rounds 3] [--ocr]
"""
from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(ROOT), str(ROOT / "tests")]

from converters import convert_file  # noqa: E402
from fixtures_originals import OCR_SAMPLE, build_originals, similarity, write_scanned_pdf  # noqa: E402

SAMPLES = ROOT / "sources" / "samples"


def pages_of(path: Path) -> int:
    if path.suffix != ".pdf":
        return 0
    import pypdfium2

    return len(pypdfium2.PdfDocument(str(path)))


def measure(path: Path, root: Path, rounds: int):
    cpu = wall = 0.0
    doc = None
    for _ in range(rounds):
        c0, w0 = time.process_time(), time.perf_counter()
        doc = convert_file(path, root)
        cpu += time.process_time() - c0
        wall += time.perf_counter() - w0
    return doc, cpu / rounds, wall / rounds


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--rounds", type=int, default=3)
    ap.add_argument("--ocr", action="store_true")
    args = ap.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        t0 = time.perf_counter()
        orig = build_originals(Path(tmp))
        print(f"fixtures built in {time.perf_counter() - t0:.1f}s")
        print("| sample | format | pages | CPU s | wall s | body similarity |")
        print("| --- | --- | --- | --- | --- | --- |")
        jobs = [(n, "docx", orig.docx(n)) for n in orig.samples] + [(n, "pdf", orig.pdf(n)) for n in orig.samples]
        if args.ocr:
            jobs.append((OCR_SAMPLE, "scan", write_scanned_pdf(orig.pdf(OCR_SAMPLE), orig.scanned(OCR_SAMPLE))))
        for name, kind, path in jobs:
            ref = convert_file(SAMPLES / f"{name}.txt", ROOT / "sources").body
            doc, cpu, wall = measure(path, orig.root, 1 if kind == "scan" else args.rounds)
            print(f"| {name[:3]} | {kind} | {pages_of(path) or '-'} | {cpu:.2f} | {wall:.2f} | "
                  f"{similarity(ref, doc.body):.4f} |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
