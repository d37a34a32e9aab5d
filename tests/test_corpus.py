"""The converter on the 48 real originals of tests/corpus/: one test per document and
field of gold.yaml, scored by tests/corpus_gold.verdict (the same scorer as
scripts/eval_corpus.py and BENCHMARKS.md).

- right: passes.
- wrong (a value that is not the gold): always fails. A wrong value is worse than none
  and can never be listed as an expected failure.
- missing (null where the gold states a value): fails, unless tests/corpus/expected.yaml
  lists the document and field with the reason written beside it; then it is an
  expected failure, and a listed field that comes out right fails too (strict: remove it
  from the list). A missing field must come with a warning telling what to check.

Every document is converted once per session (a session-scoped fixture, two processes:
OCR of the scans is slow).
"""
from __future__ import annotations

from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

import pytest
import yaml

from corpus_gold import CORPUS, FIELDS, FILES, got_values, load_gold, verdict

GOLD = load_gold()
PIPELINE_WARNED = {"number": "number", "symbol": "number", "issued": "issued", "place": "issued",
                   "type": "type"}  # field → the nightly.convert.WANTED field whose absence it warns of
EXPECTED_FILE = CORPUS / "expected.yaml"


def _expected() -> dict[str, dict[str, str]]:
    data = yaml.safe_load(EXPECTED_FILE.read_text(encoding="utf-8")) or {}
    return {doc: dict(fields or {}) for doc, fields in (data.get("missing") or {}).items()}


EXPECTED = _expected()


def _convert(name: str) -> tuple[dict | None, list[str], str | None]:
    """(field values in the gold's terms, notes, refusal reason) of one corpus file."""
    from converters import convert, errors

    try:
        result = convert(FILES / name, FILES, sidecar=None)
    except errors.ConversionError as exc:
        return None, [], exc.reason
    return got_values(result.document), [n.reason for n in result.notes], None


@pytest.fixture(scope="session")
def converted() -> dict[str, tuple[dict | None, list[str], str | None]]:
    # largest files first: a long scan started last would keep one process busy alone
    names = sorted((g.file for g in GOLD), key=lambda n: -(FILES / n).stat().st_size)
    with ProcessPoolExecutor(max_workers=2) as pool:
        return dict(zip(names, pool.map(_convert, names)))


CASES = [(g, f) for g in GOLD for f in FIELDS]


@pytest.mark.parametrize("gold,field", CASES, ids=[f"{g.file}-{f}" for g, f in CASES])
def test_field(converted, gold, field: str) -> None:
    got, notes, refused = converted[gold.file]
    value = None if got is None else got[field]
    v = verdict(field, value, gold)
    reason = EXPECTED.get(gold.file, {}).get(field)
    want = gold.values.get(field)
    if v == "wrong":
        pytest.fail(f"{gold.file}: {field} = {value!r}, gold {want!r} (a wrong value: null with a warning is "
                    f"better)")
    if v == "right":
        assert reason is None, (f"{gold.file}: {field} is now right; remove it from "
                                f"{EXPECTED_FILE.name} ({reason})")
        return
    # missing: the webmaster must be told (a note, the refusal's reason, or the pipeline's
    # warning for a null number — symbol with it — or date — place with it: nightly.convert.WANTED)
    from minhbach.nightly.convert import WANTED
    dep = PIPELINE_WARNED.get(field)
    told = notes or refused or (dep in WANTED and (got is None or got[dep] is None))
    assert told, f"{gold.file}: {field} is null without a warning (gold {want!r})"
    if reason is None:
        pytest.fail(f"{gold.file}: {field} missing (gold {want!r})"
                    + (f"; refused: {refused}" if refused else ""))
    pytest.xfail(reason)


def test_expected_failures_are_listed_with_reasons() -> None:
    """expected.yaml names real documents and fields, each with its reason."""
    files = {g.file for g in GOLD}
    for doc, fields in EXPECTED.items():
        assert doc in files, f"{EXPECTED_FILE.name}: no such corpus document {doc}"
        for field, reason in fields.items():
            assert field in FIELDS, f"{EXPECTED_FILE.name}: {doc}: no such field {field}"
            assert isinstance(reason, str) and len(reason.split()) >= 3, \
                f"{EXPECTED_FILE.name}: {doc}.{field} needs its reason written beside it"


def test_every_corpus_file_has_gold() -> None:
    assert {p.name for p in FILES.iterdir()} == {g.file for g in GOLD}


def test_readable_document_without_header_or_type_is_published(tmp_path: Path) -> None:
    """Issue 16 item 7: the pipeline publishes a readable text whose header cannot be read,
    with its first line as title and warnings telling what to fill in (only unreadable
    files are left out)."""
    from minhbach.nightly import convert, plan

    sources = tmp_path / "sources"
    sources.mkdir()
    text = ("Phát biểu của Chủ tịch Ủy ban nhân dân tỉnh tại hội nghị tổng kết công tác dân vận\n\n"
            + "Trong năm qua, các cơ quan, đơn vị đã triển khai thực hiện nghiêm túc công tác dân vận "
              "chính quyền, gắn với cải cách hành chính và tiếp công dân.\n\n" * 3)
    path = sources / "phat-bieu.txt"
    path.write_text(text, encoding="utf-8")
    out = convert.convert_one(plan.Input("phat-bieu.txt", path), sources, tmp_path)
    assert out.get("page"), out["problems"]
    assert out["front_matter"]["title"].startswith("Phát biểu của Chủ tịch")
    assert out["front_matter"]["type"] is None
    codes = {p.code for p in out["problems"]}
    assert {"missing-type", "missing-number", "missing-date"} <= codes, codes
    assert all(p.published for p in out["problems"])
