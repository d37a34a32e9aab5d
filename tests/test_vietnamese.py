"""One Vietnamese text module (converters/text/vietnamese.py) and its browser twin
(content/assets/search) fold alike: both are checked against the same vectors,
tests/data/vietnamese-vectors.json."""
from __future__ import annotations

import json

import pytest

import browserkit
from conftest import ROOT
from converters.text import vietnamese as vn

VECTORS = json.loads((ROOT / "tests" / "data" / "vietnamese-vectors.json").read_text(encoding="utf-8"))["vectors"]
PY = {"fold_word": vn.fold_word, "ascii_fold": vn.ascii_fold, "fold_key": vn.fold_key,
      "index_spelling": vn.spell_d, "slug": vn.slugify}


@pytest.mark.parametrize("function", sorted(PY))
def test_python_functions_give_the_vectors(function):
    wrong = [(v["input"], PY[function](v["input"]), v[function]) for v in VECTORS
             if PY[function](v["input"]) != v[function]]
    assert not wrong, wrong


def test_fast_slug_is_the_slug():
    for v in VECTORS:
        assert vn.fast_slugify(v["input"]) == v["slug"], v["input"]


@pytest.fixture(scope="module")
def assets():
    yield from browserkit.served(assets=ROOT / "content" / "assets" / "search")


@pytest.fixture(scope="module")
def browser():
    yield from browserkit.browser_session()


def test_browser_functions_give_the_same_vectors(page, assets):
    """word-map.js's fold (the search's comparison key) and search.js's spelling of "đ"
    for the index, run in headless Chromium on the same vectors."""
    page.goto(assets["assets"] + "/word-map.js")
    got = page.evaluate("""async (inputs) => {
        const wm = await import('./word-map.js');
        const STROKE = '\\u0335';
        const toIndexForm = (s) => s.normalize('NFC').replace(/đ/g, 'd' + STROKE).replace(/Đ/g, 'D' + STROKE);
        return inputs.map((s) => ({fold_word: wm.fold(s), index_spelling: toIndexForm(s)}));
    }""", [v["input"] for v in VECTORS])
    for v, g in zip(VECTORS, got):
        assert g["fold_word"] == v["fold_word"], v["input"]
        assert g["index_spelling"] == v["index_spelling"], v["input"]
