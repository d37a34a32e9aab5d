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


CORPUS = ROOT / "tests" / "corpus" / "files"
CORPUS_GOLDEN = sorted(p.name[:-3] for p in (EXPECTED / "corpus").glob("*.md"))


@pytest.mark.parametrize("name", CORPUS_GOLDEN)
def test_corpus_golden(name: str) -> None:
    """Representative originals (an e-signed PDF, a scan, a Word file, a text export) convert
    to their reviewed page."""
    expected = (EXPECTED / "corpus" / f"{name}.md").read_text(encoding="utf-8")
    assert to_markdown(convert_file(CORPUS / name, CORPUS)) == expected, \
        f"{name}: output differs from its golden; run scripts/regen_golden.py and review the diff"


def test_corpus_goldens_keep_the_closing_out_of_the_body() -> None:
    """No header, stamp, recipient or signature text in the bodies of the corpus goldens."""
    from converters.frontmatter import from_markdown

    assert len(CORPUS_GOLDEN) >= 3
    for name in CORPUS_GOLDEN:
        fm, body = from_markdown((EXPECTED / "corpus" / f"{name}.md").read_text(encoding="utf-8"))
        closing = [s["name"] for s in fm.get("signers") or [] if s.get("name")]
        closing += [f"- {r}{end}" for r in fm.get("recipients") or [] for end in ";."]  # the list's items
        for text in closing + ["Nơi nhận", "CỘNG HÒA XÃ HỘI", "Độc lập - Tự do", "Ký bởi", "Thời gian ký"]:
            assert text not in body, f"{name}: {text!r} in the body"
        if fm.get("number"):
            assert fm["number"] not in body.split("\n\n", 1)[0], f"{name}: the number opens the body"
