"""Each sample converts to exactly its golden page (regenerate: scripts/regen_golden.py)."""
from __future__ import annotations

from pathlib import Path

import pytest

from converters import convert_file
from converters.frontmatter import to_markdown

ROOT = Path(__file__).resolve().parents[1]
SAMPLES = ROOT / "sources" / "samples"

EXPECTED = ROOT / "tests" / "converters" / "expected"
SAMPLE_PATHS = sorted(SAMPLES.glob("*.txt"))


@pytest.mark.parametrize("path", SAMPLE_PATHS, ids=[p.stem for p in SAMPLE_PATHS])
def test_golden(path: Path) -> None:
    expected = (EXPECTED / f"{path.stem}.md").read_text(encoding="utf-8")
    assert to_markdown(convert_file(path, ROOT)) == expected, \
        f"{path.name}: output differs from its golden; run scripts/regen_golden.py and review the diff"


def test_every_sample_has_a_golden() -> None:
    assert {p.stem for p in SAMPLE_PATHS} == {p.stem for p in EXPECTED.glob("*.md")}
