"""The word → parts map of a partitioned index (minhbach.search.words: each part's WORDS_FILE,
write_word_map; content/assets/search/word-map.js and partitioned-index.js's plan) on
a real build of the samples with partitions forced on, and in a real browser.

Expected values come from the built HTML, the generated Markdown and the index
Pagefind wrote (its word chunks decoded), never hard-coded; the single-index build
of the same samples (session fixture ``built_site``) is the reference for results."""
from __future__ import annotations

import bisect
import contextlib
import gzip
import io
import json
import re
import shutil
from html.parser import HTMLParser
from pathlib import Path

import pytest

import browserkit
import sitebuild
from minhbach import search as si
from minhbach.search import words as search_words
from minhbach.search.canon import _read
from test_search_browser import fold as text_fold


def _build(project: Path) -> str:
    from minhbach import nightly as pipeline

    out = io.StringIO()
    with pytest.MonkeyPatch.context() as mp, contextlib.redirect_stdout(out):
        mp.setenv(si.PARTITIONS_ENV, "on")
        pipeline.build(project, pipeline.Options(project=project))
    return out.getvalue()


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    """{project, site}: the samples built with the index in parts."""
    project = sitebuild.make_project(tmp_path_factory.mktemp("words") / "project")
    _build(project)
    return {"project": project, "site": project / "site"}


@pytest.fixture(scope="module")
def manifest(built) -> dict:
    return json.loads((built["site"] / "pagefind" / si.PARTS_MANIFEST).read_text(encoding="utf-8"))


def _vocabulary(bundle: Path) -> list[str]:
    return (bundle / si.WORDS_FILE).read_text(encoding="utf-8").splitlines()


@pytest.fixture(scope="module")
def vocabularies(built, manifest) -> dict[str, list[str]]:
    """{part key: its WORDS_FILE's tokens}, manifest order."""
    return {p["key"]: _vocabulary(built["site"] / "pagefind" / p["path"]) for p in manifest["parts"]}


def _indexed_words(bundle: Path) -> set[str]:
    """Every word Pagefind put in the word chunks of ``bundle`` (and their diacritic variants)."""
    words = set()
    for chunk in (bundle / "index").glob("*.pf_index"):
        for entry in _read(chunk)[0]:
            words.add(entry[0])
            words.update(variant[0] for variant in entry[2])
    return words


@pytest.fixture(scope="module")
def indexed(built, manifest) -> dict[str, set[str]]:
    """{part key: folded words of its Pagefind index}."""
    return {p["key"]: {si.fold(w) for w in _indexed_words(built["site"] / "pagefind" / p["path"])} - {""}
            for p in manifest["parts"]}


def _part_urls(bundle: Path) -> list[str]:
    """URLs of the pages Pagefind indexed in ``bundle`` (one fragment each)."""
    return sorted(json.loads(gzip.decompress(f.read_bytes())[len(b"pagefind_dcd"):])["url"]
                  for f in (bundle / "fragment").glob("*.pf_fragment"))


def _covers(tokens: list[str], word: str) -> bool:
    """Whether a token of the sorted ``tokens`` starts with ``word``."""
    i = bisect.bisect_left(tokens, word)
    return i < len(tokens) and tokens[i].startswith(word)


def _holding(tokens_by_part: dict[str, list[str]], word: str) -> set[str]:
    return {key for key, tokens in tokens_by_part.items() if _covers(tokens, word)}


# ---------------------------------------------------------------- each part's vocabulary

def test_vocabulary_file_is_sorted_unique_folded_tokens(vocabularies, built, manifest):
    for key, tokens in vocabularies.items():
        raw = (built["site"] / "pagefind" / key / si.WORDS_FILE).read_bytes()
        assert raw.endswith(b"\n") and b"\r" not in raw
        assert tokens == sorted(set(tokens)) and len(tokens) > 100, key
        assert all(t and si.fold(t) == t for t in tokens), key
    assert manifest["words"]["always"] == []


def test_vocabulary_holds_every_word_pagefind_indexed(vocabularies, indexed):
    """The real requirement: a query word that Pagefind matches in a part (the prefix of
    one of its indexed words) is the prefix of a token of the part's vocabulary."""
    for key, words in indexed.items():
        assert len(words) > 100, key
        missing = sorted(w for w in words if not _covers(vocabularies[key], w))
        assert missing == [], (key, missing[:20])


class _IndexedText(HTMLParser):
    """The text of a page's element marked data-pagefind-body as Pagefind reads it:
    without ignored or excluded elements, block elements (Pagefind's sentence
    elements) apart, inline ones joined, except before an element with an id (where
    Pagefind puts an anchor between two spaces)."""

    VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}
    BLOCK = {"h1", "h2", "h3", "h4", "h5", "h6", "p", "td", "div", "ul", "li", "article", "section"}
    REMOVED = {"head", "style", "script", "noscript", "label", "form", "svg", "footer", "nav", "iframe", "template"}
    EXCLUDED = {s[1:] for s in si.EXCLUDE_SELECTORS if s.startswith(".")}

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.stack: list[tuple[str, bool]] = []  # (tag, text inside it is indexed)
        self.parts: list[str] = []

    def _inside(self) -> bool:
        return bool(self.stack) and self.stack[-1][1]

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "br" and self._inside():
            self.parts.append(" ")
        if tag in self.VOID:
            return
        skip = ("data-pagefind-ignore" in a or tag in self.REMOVED or tag in si.EXCLUDE_SELECTORS
                or set((a.get("class") or "").split()) & self.EXCLUDED)
        inside = (self._inside() or "data-pagefind-body" in a) and not skip
        if self.stack and self.stack[-1][1] is None:  # below an excluded element
            inside = None
        elif skip and (self._inside() or "data-pagefind-body" in a):
            inside = None
        if inside and "id" in a:
            self.parts.append(" ")
        self.stack.append((tag, inside))
        if inside and tag in self.BLOCK:
            self.parts.append(" ")

    def handle_endtag(self, tag):
        while self.stack:
            t, inside = self.stack.pop()
            if inside and t in self.BLOCK:
                self.parts.append(" ")
            if t == tag:
                break

    def handle_data(self, data):
        if self._inside():
            self.parts.append(data)


def _page_words(html: str) -> list[str]:
    parser = _IndexedText()
    parser.feed(html)
    return "".join(parser.parts).split()


def test_vocabulary_holds_the_text_of_its_pages(built, manifest, vocabularies):
    """From the built HTML: each word of an indexed page's text, folded whole and each
    piece between punctuation, is in its part's vocabulary."""
    site = built["site"]
    checked = 0
    for part in manifest["parts"]:
        tokens = set(vocabularies[part["key"]])
        for url in _part_urls(site / "pagefind" / part["path"]):
            html = (site / url.lstrip("/") / "index.html").read_text(encoding="utf-8")
            words = _page_words(html)
            assert len(words) > 5, url
            for word in words:
                expected = {si.fold(word)} | {si.fold(p) for p in re.split(r"[\W_]+", word)}
                missing = expected - tokens - {""}
                assert not missing, (part["key"], url, word, missing)
                checked += 1
    assert checked > 1000


# ---------------------------------------------------------------- the site-level map

def _check_map(pagefind: Path) -> dict:
    """Check pagefind/words/ against the parts' vocabularies; the map as {token: parts}."""
    manifest = json.loads((pagefind / si.PARTS_MANIFEST).read_text(encoding="utf-8"))
    parts = manifest["parts"]
    words = manifest["words"]
    assert words["version"] == si.WORDS_FORMAT and words["path"] == "words/"
    with_vocabulary = [i for i, p in enumerate(parts) if (pagefind / p["path"] / si.WORDS_FILE).is_file()]
    assert words["always"] == [p["key"] for i, p in enumerate(parts) if i not in with_vocabulary]
    expected: dict[str, list[int]] = {}
    for i in with_vocabulary:
        for token in _vocabulary(pagefind / parts[i]["path"]):
            if len(token) >= 2:
                expected.setdefault(token, []).append(i)
    prefixes = words["prefixes"].split(" ")
    assert prefixes == sorted({t[:2] for t in expected})
    files = sorted(p.name for p in (pagefind / "words").iterdir())
    assert files == sorted(bytes(t, "utf-8").hex() + ".json" for t in prefixes)
    found: dict[str, list[int]] = {}
    for name in files:
        prefix = bytes.fromhex(name[:-len(".json")]).decode("utf-8")
        text = (pagefind / "words" / name).read_text(encoding="utf-8")
        shard = json.loads(text)
        assert list(shard) == sorted(shard) and all(t.startswith(prefix) for t in shard), name
        assert text == json.dumps(shard, ensure_ascii=False, separators=(",", ":")) + "\n"
        for token, where in shard.items():
            found[token] = with_vocabulary if where == "*" else where
            if where != "*":
                assert where == sorted(where) and len(where) < len(with_vocabulary), (token, where)
    assert found == expected
    return found


def test_shards_list_exactly_the_parts_holding_each_token(built, vocabularies, manifest):
    found = _check_map(built["site"] / "pagefind")
    keys = [p["key"] for p in manifest["parts"]]
    for token, where in list(found.items())[::97]:  # and from the vocabularies directly
        assert {keys[i] for i in where} == {k for k, v in vocabularies.items() if token in set(v)}
    # some tokens are in one part only, some in all
    assert any(len(w) == 1 for w in found.values()) and any(len(w) == len(keys) for w in found.values())
    assert not any(len(t) < 2 for t in found)


def test_part_without_vocabulary_may_hold_anything(built, manifest, vocabularies, tmp_path):
    pagefind = tmp_path / "pagefind"
    shutil.copytree(built["site"] / "pagefind", pagefind)
    old = manifest["parts"][-2]["key"]  # as if built elsewhere by an older minhbach
    (pagefind / old / si.WORDS_FILE).unlink()
    si.write_parts_manifest(pagefind)
    found = _check_map(pagefind)
    keys = [p["key"] for p in json.loads((pagefind / si.PARTS_MANIFEST).read_text(encoding="utf-8"))["parts"]]
    assert json.loads((pagefind / si.PARTS_MANIFEST).read_text(encoding="utf-8"))["words"]["always"] == [old]
    assert all(keys.index(old) not in where for where in found.values())
    only_there = [t for t in vocabularies[old] if len(t) >= 2
                  and not any(t in set(v) for k, v in vocabularies.items() if k != old)]
    assert only_there and not any(t in found for t in only_there)


def test_map_files_are_the_same_bytes_when_built_again(built, tmp_path):
    """The same parts give byte-identical vocabularies and shards: the manifest written
    again, and every part indexed again from scratch."""
    src = built["site"]
    before = {k: v for k, v in sitebuild.all_files(src / "pagefind").items()
              if k.endswith(si.WORDS_FILE) or k.startswith("words/") or k == si.PARTS_MANIFEST}
    assert len(before) > 10
    pagefind = tmp_path / "again"
    shutil.copytree(src / "pagefind", pagefind)
    si.write_parts_manifest(pagefind)
    assert {k: sitebuild.all_files(pagefind)[k] for k in before} == before
    site = tmp_path / "site"
    shutil.copytree(src, site)
    with contextlib.redirect_stdout(io.StringIO()):
        si.index_site_partitioned(site)
    after = sitebuild.all_files(site / "pagefind")
    assert {k: v for k, v in after.items() if k in before or k.startswith("words/")} == before


def test_merged_part_updates_the_map(built, manifest, tmp_path):
    """A part indexed elsewhere and copied in (its own vocabulary inside) is in the map
    once the manifest is written again; a stale words/ folder does not survive."""
    site = tmp_path / "site"
    shutil.copytree(built["site"], site)
    # the other machine: one more report page with a word found nowhere else
    word = "zyxwortmerge"
    assert not any(_covers(_vocabulary(site / "pagefind" / p["path"]), word) for p in manifest["parts"])
    machine = tmp_path / "machine"
    page = next(p for p in sorted(site.glob("reports/*/*/index.html")))
    html = page.read_text(encoding="utf-8").replace("</article>", f"<p>Từ {word.upper()}-A1</p></article>", 1)
    (machine / "site" / "reports" / "khac" / "moi").mkdir(parents=True)
    (machine / "site" / "reports" / "khac" / "moi" / "index.html").write_text(html, encoding="utf-8")
    si.stage_pages(machine / "site", machine / "staged")
    assert si.index_part(machine / "staged", machine / "out") == 1
    assert word in _vocabulary(machine / "out")
    shutil.copytree(machine / "out", site / "pagefind" / "may-khac")
    (site / "pagefind" / "words" / "ffff.json").write_text("{}", encoding="utf-8")
    si.write_parts_manifest(site / "pagefind")
    found = _check_map(site / "pagefind")
    keys = [p["key"] for p in json.loads((site / "pagefind" / si.PARTS_MANIFEST).read_text(encoding="utf-8"))["parts"]]
    assert "may-khac" in keys and len(keys) == len(manifest["parts"]) + 1
    assert found[word] == [keys.index("may-khac")]
    assert not (site / "pagefind" / "words" / "ffff.json").exists()
    # a part may not take the map's folder name
    shutil.rmtree(site / "pagefind" / "words")
    shutil.copytree(machine / "out", site / "pagefind" / si.WORDS_DIR)
    with pytest.raises(si.SearchIndexError, match="words"):
        si.write_parts_manifest(site / "pagefind")


def test_vocabulary_format_is_in_the_parts_inputs_digest(built, tmp_path, monkeypatch, capsys):
    """A new vocabulary format re-indexes every part (none copied from the previous site)."""
    site = tmp_path / "site"
    shutil.copytree(built["site"], site)
    monkeypatch.setattr(search_words, "WORDS_FORMAT", si.WORDS_FORMAT + 1)
    si.index_site_partitioned(site, previous=built["site"])
    log = capsys.readouterr().out
    assert "tìm kiếm: phần" in log and "giữ nguyên" not in log
    assert json.loads((site / "pagefind" / si.PARTS_MANIFEST).read_text(encoding="utf-8"))["words"]["version"] \
        == search_words.WORDS_FORMAT


def test_word_tokens_cut_where_pagefind_may():
    assert si.word_tokens("Đảng") == {"dang"}
    assert si.word_tokens("d\u0335ảng") == {"dang"}
    assert si.word_tokens("103/KH-UBND") >= {"103khubnd", "103", "kh", "ubnd", "khubnd"}
    assert si.word_tokens("WKWebView") >= {"wkwebview", "webview", "view"}
    assert si.word_tokens("ND15") >= {"nd15", "15"}
    assert si.word_tokens("“trích”") == {"trich"}
    assert si.fold("D\u0335ẢNG Ủy") == "danguy" and si.fold("KH-UBND") == "khubnd"


# ---------------------------------------------------------------- in the browser

@pytest.fixture(scope="module")
def variants(built, manifest, tmp_path_factory):
    """Copies of the site: without the map (parts.json as before it), and with one
    part's vocabulary missing (built by an older minhbach)."""
    work = tmp_path_factory.mktemp("word-variants")
    nomap = work / "nomap"
    shutil.copytree(built["site"], nomap)
    shutil.rmtree(nomap / "pagefind" / "words")
    m = json.loads((nomap / "pagefind" / si.PARTS_MANIFEST).read_text(encoding="utf-8"))
    del m["words"]
    (nomap / "pagefind" / si.PARTS_MANIFEST).write_text(json.dumps(m, ensure_ascii=False), encoding="utf-8")
    legacy = work / "legacy"
    shutil.copytree(built["site"], legacy)
    old = manifest["parts"][-1]["key"]
    (legacy / "pagefind" / old / si.WORDS_FILE).unlink()
    si.write_parts_manifest(legacy / "pagefind")
    return {"nomap": nomap, "legacy": legacy, "legacy_part": old}


@pytest.fixture(scope="module")
def servers(built, built_site, variants):
    yield from browserkit.served(site=built["site"], single=built_site / "site",
                                 nomap=variants["nomap"], legacy=variants["legacy"])


@pytest.fixture(scope="module")
def browser(servers):
    yield from browserkit.browser_session()


_STREAM = """async ([term, words]) => {
  const { openIndex } = await import("/assets/search/partitioned-index.js");
  const index = await openIndex(new URL("/", location.href));
  const urls = [];
  const parts = [];
  let planned = 0;
  for await (const step of index.stream(term, words ? { words } : {})) {
    planned = step.planned;
    if (step.part) parts.push(step.part.key);
    for (const r of step.resp.results) urls.push((await r.data()).url);
  }
  return { urls, parts, planned };
}"""


def _stream(page, server: str, term: str, words: list[str] | None) -> dict:
    """partitioned-index.js's stream() run in a page of ``server`` (search.js does not pass
    the query's words yet); {urls (sorted), parts, planned}."""
    page.goto(f"{server}/")
    out = page.evaluate(_STREAM, [term, words])
    out["urls"] = sorted(out["urls"])
    return out


def _loaded_parts(page) -> set[str]:
    """Parts whose word or page data the page fetched."""
    return {u.split("/pagefind/", 1)[1].split("/", 1)[0] for u in page.fetched
            if "/pagefind/" in u and ("/index/" in u or "/fragment/" in u)}


@pytest.fixture(scope="module")
def reports(built):
    """{url: folded title + body} of every report, from the generated Markdown."""
    out = {url: " " + text_fold(meta["title"] + " " + body) + " "
           for url, meta, body in sitebuild.report_sources(built["project"])}
    assert len(out) > 3
    return out


def _same_parts(vocabularies, indexed, word) -> set[str]:
    """The parts holding ``word`` by the map, checked equal to those by Pagefind's index."""
    by_map = _holding(vocabularies, word)
    assert by_map == _holding({k: sorted(v) for k, v in indexed.items()}, word), word
    return by_map


@pytest.fixture(scope="module")
def one_part_word(vocabularies, indexed, reports, manifest) -> tuple[str, str]:
    """(word, part): a word of a report's text that only one year's part holds."""
    keys = [p["key"] for p in manifest["parts"]]
    candidates = sorted({w for text in reports.values() for w in text.split() if len(w) >= 7 and w.isalpha()})
    word = next(w for w in candidates if len(_holding(vocabularies, w)) == 1
                and _holding(vocabularies, w) != {keys[-1]})
    (part,) = _same_parts(vocabularies, indexed, word)
    return word, part


def test_word_of_one_part_loads_only_that_part(page, servers, built, reports, one_part_word):
    word, part = one_part_word
    got = _stream(page, servers["site"], word, [word])
    assert got["planned"] == 1 and got["parts"] == [part]
    assert _loaded_parts(page) == {part}
    assert any("/pagefind/words/" in u for u in page.fetched)
    containing = {u for u, text in reports.items() if f" {word} " in text}
    assert containing and containing <= set(got["urls"])
    assert set(got["urls"]) <= set(_part_urls(built["site"] / "pagefind" / part))
    # what the single index of the whole site finds
    assert got["urls"] == _stream(page, servers["single"], word, None)["urls"]


def test_absent_word_loads_no_part(page, servers, vocabularies):
    word = "xylanh"
    assert not _holding(vocabularies, si.fold(word)), "precondition: no part holds the word"
    got = _stream(page, servers["site"], word, [word])
    assert got == {"urls": [], "parts": [], "planned": 0}
    assert _loaded_parts(page) == set()
    assert not any(u.endswith("pagefind-entry.json") for u in page.fetched), "no part even opened"


def test_words_in_several_parts_give_the_single_index_results(page, servers, vocabularies, indexed, reports,
                                                              manifest):
    """Two words each held by several parts, together by fewer: only those are searched,
    and the results are the single index's (without the map a part that holds one of
    the words returns its pages too: Pagefind drops a word it does not find in a part)."""
    keys = [p["key"] for p in manifest["parts"]]
    by_index = {k: sorted(v) for k, v in indexed.items()}
    holders = {}
    for text in reports.values():
        for w in set(text.split()):
            if len(w) >= 4 and w.isalpha() and w not in holders:
                holders[w] = _holding(vocabularies, w)
                if holders[w] != _holding(by_index, w) or not 2 <= len(holders[w]) < len(keys):
                    holders[w] = None  # not a word for this test
    # two words of one report (so some page holds both), in different sets of parts
    pair = next((a, b) for _, text in sorted(reports.items())
                for a in sorted(set(text.split())) for b in sorted(set(text.split()))
                if a < b and holders.get(a) and holders.get(b) and holders[a] != holders[b])
    both = holders[pair[0]] & holders[pair[1]]
    term = " ".join(pair)
    got = _stream(page, servers["site"], term, list(pair))
    assert got["planned"] == len(both) and set(got["parts"]) == both
    assert _loaded_parts(page) <= both
    assert got["urls"], "precondition: pages hold both words"
    assert got["urls"] == _stream(page, servers["single"], term, None)["urls"]
    without = _stream(page, servers["site"], term, None)
    assert without["planned"] == len(keys) and set(got["urls"]) <= set(without["urls"])


def test_without_the_map_every_part_is_searched(page, servers, manifest):
    n = len(manifest["parts"])
    # no map in parts.json (an older build)
    got = _stream(page, servers["nomap"], "xylanh", ["xylanh"])
    assert got["planned"] == n
    # words too short to tell
    assert _stream(page, servers["site"], "đ a", ["đ", "a"])["planned"] == n


def test_shard_that_cannot_be_fetched_searches_every_part(page, servers, manifest, vocabularies):
    word = next(t for t in vocabularies[manifest["parts"][0]["key"]]
                if len(t) >= 5 and t.isalpha() and len(_holding(vocabularies, t)) == 1)
    assert _stream(page, servers["site"], word, [word])["planned"] == 1
    page.route("**/pagefind/words/**", lambda route: route.abort())
    page.goto("about:blank")  # a new page: no shard kept from before
    got = _stream(page, servers["site"], word, [word])
    assert got["planned"] == len(manifest["parts"])


def test_part_without_vocabulary_is_always_searched(page, servers, variants, vocabularies, manifest):
    old = variants["legacy_part"]
    word = "xylanh"
    assert not _holding(vocabularies, word), "precondition: no part with a vocabulary holds the word"
    got = _stream(page, servers["legacy"], word, [word])
    assert got["planned"] == 1 and got["parts"] == [old]
    assert _loaded_parts(page) <= {old}


def test_fold_is_the_same_in_the_browser(page, servers):
    samples = ["Đảng Ủy", "ĐẢNG", "d\u0335ảng", "D\u0335ẢNG", "KH-UBND", "“trích”", "Tiếng Việt",
               __import__("unicodedata").normalize("NFD", "Nghị quyết"), "ΣΊΣΥΦΟΣ", "İstanbul", "Straße",
               "x²", "½", "١٢٣", "日本語", "a_b", "ⅫAbc", "ﬁne", "ǅemal", "ø", "e\u0301\u0323", "12,5%"]
    page.goto(f"{servers['site']}/")
    browser = page.evaluate("async (xs) => { const { fold } = await import('/assets/search/word-map.js');"
                            " return xs.map(fold); }", samples)
    assert browser == [si.fold(s) for s in samples]


@pytest.mark.parametrize("query", ["absent", "one part"])
def test_search_page_passing_the_words(page, servers, vocabularies, one_part_word, query):
    from test_search_browser import search, status

    if query == "absent":
        assert not _holding(vocabularies, "xylanh")
        assert search(page, servers["site"], q="xylanh") == []
        assert status(page).startswith("Không tìm thấy kết quả nào")
        assert _loaded_parts(page) == set()
        return
    word, part = one_part_word
    expected = _stream(page, servers["single"], word, None)["urls"]
    assert 0 < len(expected) <= 20  # one page of results
    page.fetched.clear()
    results = search(page, servers["site"], q=word)
    assert sorted(r["url"] for r in results) == expected
    assert _loaded_parts(page) == {part}
