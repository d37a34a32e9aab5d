"""`minhbach serve`'s handler (minhbach/site.py): Pagefind's gzipped files are sent
with "Content-Encoding: gzip" so the browser unpacks them and Pagefind skips its own
JavaScript gunzip; everything else, and every error, as before. Checked on the real
build of the samples, over HTTP and in a real browser against a server that sends the
files as they are."""
from __future__ import annotations

import gzip
from urllib.error import HTTPError
from urllib.request import Request, urlopen

import pytest

import browserkit
from minhbach.site import preview_handler_class


class QuietPreview(preview_handler_class()):
    def log_message(self, *args):
        pass


@pytest.fixture(scope="module")
def servers(built_site):
    yield from browserkit.served({"preview": QuietPreview}, preview=built_site / "site", plain=built_site / "site")


@pytest.fixture(scope="module")
def browser(servers):
    yield from browserkit.browser_session()


def _get(url: str):
    """(status, headers, raw body) without any decoding."""
    try:
        with urlopen(Request(url, headers={"Accept-Encoding": "identity"})) as r:
            return r.status, r.headers, r.read()
    except HTTPError as err:
        return err.code, err.headers, err.read()


def test_pagefind_files_are_sent_gzip_encoded(built_site, servers):
    pf = built_site / "site" / "pagefind"
    files = [next(pf.glob("*.pf_meta")), next((pf / "index").glob("*.pf_index")),
             next((pf / "fragment").glob("*.pf_fragment")), next((pf / "filter").glob("*.pf_filter")),
             next(pf.glob("wasm.*.pagefind"))]
    for path in files:
        url = f"{servers['preview']}/{path.relative_to(built_site / 'site').as_posix()}"
        status, headers, body = _get(url)
        assert (status, headers["Content-Encoding"]) == (200, "gzip"), url
        assert body == path.read_bytes()
        assert gzip.decompress(body).startswith(b"pagefind_dcd"), "what Pagefind finds once the browser unpacked it"
        status, headers, _ = _get(url.replace(servers["preview"], servers["plain"]))
        assert (status, headers["Content-Encoding"]) == (200, None)


def test_other_files_and_errors_are_sent_as_before(servers):
    for path, code in [("/", 200), ("/pagefind/pagefind.js", 200), ("/pagefind/pagefind-entry.json", 200),
                       ("/pagefind/index/khong-co.pf_index", 404), ("/pagefind/khong-co.pf_meta", 404)]:
        status, headers, _ = _get(servers["preview"] + path)
        assert (status, headers["Content-Encoding"]) == (code, None), path


def test_search_finds_the_same_through_either_server(page, servers):
    shown = {}
    for name, base in servers.items():
        page.goto(f"{base}/tim-kiem/?q=dan%20van%20kheo")
        page.wait_for_function("document.getElementById('mb-search').dataset.state === 'done'", timeout=20000)
        shown[name] = page.eval_on_selector_all(".mb-result__title", "els => els.map(a => a.textContent)")
    assert shown["preview"] and shown["preview"] == shown["plain"]
