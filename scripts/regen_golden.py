#!/usr/bin/env python3
"""Rewrite tests/converters/expected/<sample-stem>.md from the current converter.

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


def main() -> int:
    EXPECTED.mkdir(parents=True, exist_ok=True)
    for path in sorted(SAMPLES.glob("*.txt")):
        out = EXPECTED / f"{path.stem}.md"
        text = to_markdown(convert_file(path, ROOT))
        old = out.read_text(encoding="utf-8") if out.exists() else None
        out.write_text(text, encoding="utf-8")
        print(f"{'unchanged' if old == text else 'written'}  {out.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
