#!/usr/bin/env python3
"""Rewrite tests/converters/expected/<sample-stem>.md (and corpus/<file>.md for a few
representative originals of tests/corpus) from the current converter.

The one script that regenerates the converter goldens. Read the diff (and each
golden, as a citizen would) before committing.
"""
from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from converters import convert_file  # noqa: E402
from converters.frontmatter import to_markdown  # noqa: E402

SAMPLES = ROOT / "sources" / "samples"
EXPECTED = ROOT / "tests" / "converters" / "expected"
CORPUS = ROOT / "tests" / "corpus" / "files"
# representative originals of tests/corpus, reviewed by eye: no header, stamp, recipient or
# signature text in their bodies (a digitally signed PDF, a scan, a Word file, a text export)
CORPUS_GOLDEN = (
    "cv-193-ubnd-kt-laocai-2026-signed.pdf",
    "quangngai_ubnd_bc280_2024_scan.pdf",
    "kh-ubnd-laocai-2026-chi-thi-11-ct-tu-draft.docx",
    "cv-2449-cv-du-ubnd-laocai-2026-party-pdftotext.txt",
)


def goldens() -> list[tuple[Path, Path, Path]]:
    """(source, root it is converted from, golden file) of every golden page."""
    out = [(p, ROOT, EXPECTED / f"{p.stem}.md") for p in sorted(SAMPLES.glob("*.txt"))]
    out += [(CORPUS / name, CORPUS, EXPECTED / "corpus" / f"{name}.md") for name in CORPUS_GOLDEN]
    return out


def main() -> int:
    for path, root, out in goldens():
        out.parent.mkdir(parents=True, exist_ok=True)
        text = to_markdown(convert_file(path, root))
        old = out.read_text(encoding="utf-8") if out.exists() else None
        out.write_text(text, encoding="utf-8")
        print(f"{'unchanged' if old == text else 'written'}  {out.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
