#!/usr/bin/env python3
"""Benchmark of the original-format readers (DOCX, text-layer PDF, optional OCR).

Builds the DOCX/PDF fixtures of the five samples (tests/fixtures_originals.py) in a
temporary folder, then converts each file ``--rounds`` times and prints, per sample and
format: pages, CPU and wall seconds per conversion (file → Document), and the body's
word-level similarity to the text export. ``--ocr`` adds the scanned OCR sample.

``--corpus``: the real text-layer PDFs of tests/corpus (gold format ``pdf-text``) read
into page text by the old backend (pdfplumber/pdfminer, kept here as the reference) and
by the current one (pdfium, printed annotations included), interleaved in one run:
pages per CPU second of each and their ratio. With ``--ocr``, also OCR seconds per page
on the first page of each corpus scan (``pdf-scan``).

    .venv/bin/python scripts/bench_originals.py [--rounds 3] [--ocr] [--corpus]
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


def read_pages_pdfplumber(data: bytes) -> list:
    """The text backend before pdfium (pdfplumber 0.11 words), as it was in converters/formats/pdf.py."""
    import io
    import unicodedata

    import pdfplumber

    from converters.formats.geometry import Page, Rule, Word
    from converters.formats.pdfium_text import _font_bold_italic

    pages = []
    with pdfplumber.open(io.BytesIO(data)) as pdf:
        for page in pdf.pages:
            words = page.extract_words(x_tolerance=1.0, y_tolerance=2.0, keep_blank_chars=False,
                                       use_text_flow=False, extra_attrs=["size", "fontname"])
            out = [Word(unicodedata.normalize("NFC", w["text"]), float(w["x0"]), float(w["x1"]),
                        float(w["top"]), float(w["bottom"]), round(float(w["size"]), 1),
                        *_font_bold_italic(w.get("fontname", "")))
                   for w in words if w["text"].strip()]
            rules = [Rule(float(ln["x0"]), float(ln["x1"]), float(ln["top"]))
                     for ln in list(page.lines) + list(page.rects)
                     if abs(ln["bottom"] - ln["top"]) < 2.0 and ln["x1"] - ln["x0"] > 15]
            pages.append(Page(float(page.width), float(page.height), out, rules, len(page.images)))
    return pages


def bench_corpus(rounds: int, with_ocr: bool) -> None:
    from corpus_gold import FILES, load_gold

    from converters.formats import ocr, pdf

    golds = load_gold()
    texts = [FILES / g.file for g in golds if g.format == "pdf-text" and g.file.endswith(".pdf")]
    cpu = {"pdfplumber": 0.0, "pdfium": 0.0}
    pages = 0
    print("| file | pages | pdfplumber CPU s | pdfium CPU s | ratio |")
    print("| --- | --- | --- | --- | --- |")
    for path in texts:
        data = path.read_bytes()
        per = {"pdfplumber": 0.0, "pdfium": 0.0}
        n = 0
        for _ in range(rounds):
            for name, read in (("pdfplumber", read_pages_pdfplumber), ("pdfium", lambda d: pdf.read_pages(d, "x"))):
                c0 = time.process_time()
                got = read(data)
                pdf.layout(got)
                per[name] += time.process_time() - c0
                n = len(got)
        pages += n * rounds
        for name in cpu:
            cpu[name] += per[name]
        print(f"| {path.name[:40]} | {n} | {per['pdfplumber'] / rounds:.3f} | {per['pdfium'] / rounds:.3f} "
              f"| {per['pdfplumber'] / max(per['pdfium'], 1e-9):.1f}× |")
    before, after = pages / cpu["pdfplumber"], pages / cpu["pdfium"]
    print(f"\ntext-layer PDFs: {len(texts)} files, {pages // rounds} pages; pages per CPU second: "
          f"pdfplumber {before:.1f}, pdfium {after:.1f} ({after / before:.1f}×)")
    if with_ocr and ocr.available():
        scans = [FILES / g.file for g in golds if g.format == "pdf-scan"]
        wall = 0.0
        for path in scans:
            t0 = time.perf_counter()
            ocr.ocr_pages(path.read_bytes(), [0], path.name)
            wall += time.perf_counter() - t0
        print(f"OCR: {len(scans)} first pages of scans, {wall / len(scans):.2f} s per page (wall, "
              f"DPI {ocr.DPI}, one Tesseract thread)")


SETTINGS = {  # name: (DPI, PSM, BINARIZE)
    "300dpi psm3": (300, 3, False),
    "400dpi psm3": (400, 3, False),
    "300dpi psm3 otsu": (300, 3, True),
    "300dpi psm4": (300, 4, False),
}


def _fold(text: str) -> str:
    import unicodedata

    return " ".join(unicodedata.normalize("NFC", text).casefold().split())


def bench_ocr_settings(names: list[str]) -> None:
    """OCR the first and last page of every corpus scan with each setting; count the printed
    gold values (type, symbol, place, last unit, signer) found in the text, and seconds per page."""
    import pypdfium2

    from corpus_gold import FILES, load_gold

    from converters.formats import ocr, pdf

    scans = [g for g in load_gold() if g.format == "pdf-scan"]
    print("| setting | gold values found | OCR s/page |")
    print("| --- | --- | --- |")
    for name in names:
        ocr.DPI, ocr.PSM, ocr.BINARIZE = SETTINGS[name]
        found = total = pages = 0
        wall = 0.0
        for gold in scans:
            data = (FILES / gold.file).read_bytes()
            n = len(pypdfium2.PdfDocument(data))
            want = sorted({0, n - 1})
            t0 = time.perf_counter()
            got = ocr.ocr_pages(data, want, gold.file)
            wall += time.perf_counter() - t0
            pages += len(want)
            text = _fold(pdf.layout([got[i] for i in want]).replace("\t", " "))
            v = gold.values
            for value in (v.get("type"), v.get("symbol"), v.get("place"), (v.get("units") or [None])[-1],
                          v.get("signer")):
                if value and not any(k in gold.unsure for k in ("symbol", "signer")):
                    total += 1
                    found += _fold(str(value)) in text
        print(f"| {name} | {found}/{total} | {wall / pages:.2f} |", flush=True)


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--rounds", type=int, default=3)
    ap.add_argument("--ocr", action="store_true")
    ap.add_argument("--corpus", action="store_true", help="old vs new text backend on the corpus PDFs")
    ap.add_argument("--ocr-settings", default="", help=f"comma-separated OCR settings to compare: {', '.join(SETTINGS)}")
    args = ap.parse_args()
    if args.ocr_settings:
        bench_ocr_settings([n.strip() for n in args.ocr_settings.split(",") if n.strip()])
        return 0
    if args.corpus:
        bench_corpus(args.rounds, args.ocr)
        return 0
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
