"""The word → parts map: each part's vocabulary and the site-level shards."""
from __future__ import annotations

import functools
import gzip
import json
import shutil
import unicodedata
from pathlib import Path

from converters.text.vietnamese import STROKE, fold_word as fold

from minhbach.search.pagefind import SearchIndexError

# ---------------------------------------------------------------- word → parts map
#
# A query whose words are rare (or absent) would have to search every part. Each part
# therefore keeps its vocabulary (WORDS_FILE: every folded token of its pages, sorted,
# one a line), written by index_part; write_parts_manifest turns the vocabularies into
# a site-level map in WORDS_DIR (write_word_map). content/assets/search/word-map.js
# fetches the shards of a query's words and the search page skips the parts that
# cannot hold every word: Pagefind matches a query word as the prefix of indexed words,
# so a part may hold a word when one of its tokens starts with the folded word.
#
# The vocabulary must hold at least what Pagefind can match in the part, or results
# would be lost without a trace; more is harmless (a part searched for nothing). It is
# read from what Pagefind itself kept of each page, its fragment (the page's text as
# indexed, word by word: ignored and excluded elements already left out, inline
# elements joined, block elements apart; and the metadata values, which Pagefind 1.6
# indexes as words too), not guessed again from the HTML. Pagefind indexes each word
# whole and also cut at punctuation, case changes ("WKWebView") and digits ("ND15");
# each word here gives its full fold, the fold of each piece between punctuation, and
# the fold of the rest of the word from every place Pagefind might cut it, so any
# token Pagefind makes is one of these or a prefix of one (checked against the
# decoded index in tests/test_search_words.py). 0.3 s per 1,000 pages.

WORDS_FILE = "words.txt"
WORDS_DIR = "words"
WORDS_FORMAT = 1  # of WORDS_FILE and the shards: in every part's inputs digest and in parts.json
WORDS_PREFIX = 2  # characters of a token that name its shard; shorter tokens are left out

_FRAGMENT_MAGIC = "pagefind_dcd"
_JSON = json.JSONDecoder()


@functools.lru_cache(maxsize=1 << 16)
def word_tokens(word: str) -> frozenset[str]:
    """The folded tokens of one whitespace-separated word of a page's indexed text (see
    above). Cached: the parts of a site share most of their words (index_site_partitioned
    empties the cache when done)."""
    word = word.replace(STROKE, "")
    if word.isalpha() and (word.islower() or word.isupper() or word[1:].islower()):
        f = fold(word)  # one plain word, no cut anywhere: the usual case
        return frozenset((f,) if f else ())
    # kind of each character: u/l/L upper, lower, uncased letter; N digit; M mark (goes
    # with its letter); " " anything else (punctuation, symbols): a cut
    kinds = []
    for c in word:
        cat = unicodedata.category(c)[0]
        kinds.append(("u" if c.isupper() else "l" if c.islower() else "L") if cat == "L"
                     else cat if cat in "NM" else " ")
    out = {fold(word)}
    prev, piece = " ", 0  # kind of the last character that is not a mark; where the piece began
    for i, k in enumerate(kinds):
        if k == "M":
            continue
        if k == " ":
            if prev != " ":
                out.add(fold(word[piece:i]))  # a piece between punctuation
        elif (prev == " " or (prev == "l" and k == "u") or ((prev == "N") != (k == "N"))
              or (prev == "u" and k == "u" and _next_kind(kinds, i) == "l")):
            if prev == " ":
                piece = i
            out.add(fold(word[i:]))  # the rest of the word from a place it may be cut
        prev = k
    if prev != " ":
        out.add(fold(word[piece:]))
    out.discard("")
    return frozenset(out)


def _next_kind(kinds: list[str], i: int) -> str:
    """Kind of the first character after ``i`` that is not a mark (" " at the end)."""
    for k in kinds[i + 1:]:
        if k != "M":
            return k
    return " "


def _fragment_text(path: Path) -> tuple[str, dict]:
    """(content, meta) of one page's Pagefind fragment (gzip of "pagefind_dcd" + JSON).
    Only those two values are decoded (the anchors repeat the whole text), unless the
    file is not laid out as Pagefind 1.6 writes it."""
    raw = gzip.decompress(path.read_bytes()).decode("utf-8")
    if not raw.startswith(_FRAGMENT_MAGIC):
        raise SearchIndexError(f"{path}: không phải tệp fragment của Pagefind")
    try:
        # in JSON a quote inside a string is escaped: '"content":' is the key; filter
        # values are lists, so '"meta":{' is the metadata object
        content, _ = _JSON.raw_decode(raw, raw.index('"content":') + len('"content":'))
        meta, _ = _JSON.raw_decode(raw, raw.index('"meta":{') + len('"meta":'))
        if isinstance(content, str) and isinstance(meta, dict):
            return content, meta
    except ValueError:
        pass
    data = json.loads(raw[len(_FRAGMENT_MAGIC):])
    return data["content"], data.get("meta") or {}


def bundle_vocabulary(bundle: Path, pages: int | None = None) -> set[str]:
    """The folded tokens of every page indexed in the Pagefind bundle ``bundle``: its
    pages' indexed text and metadata values, read from its fragments (one a page:
    ``pages``, when given, is checked)."""
    fragments = sorted((bundle / "fragment").glob("*.pf_fragment"))
    if pages is not None and len(fragments) != pages:
        raise SearchIndexError(f"{bundle}: {len(fragments)} tệp fragment cho {pages} trang, "
                               "không lập được danh sách từ của phần")
    words: set[str] = set()
    for path in fragments:
        content, meta = _fragment_text(path)
        words.update(content.split())
        for value in meta.values():
            words.update(str(value).split())
    tokens: set[str] = set()
    for word in words:
        tokens |= word_tokens(word)
    return tokens


def write_vocabulary(bundle: Path, pages: int | None = None) -> None:
    """Write WORDS_FILE of the bundle ``bundle`` (of ``pages`` pages): its vocabulary,
    sorted, one token a line."""
    tokens = sorted(bundle_vocabulary(bundle, pages))
    (bundle / WORDS_FILE).write_text("".join(t + "\n" for t in tokens), encoding="utf-8")


def shard_name(prefix: str) -> str:
    """File name of the shard of the tokens starting with ``prefix``: the hex of its
    UTF-8 bytes (a safe URL whatever the letters), as word-map.js computes it."""
    return prefix.encode("utf-8").hex() + ".json"


def write_word_map(pagefind_dir: Path, keys: list[str]) -> dict:
    """Write the word map of the parts ``keys`` (manifest order) into
    ``pagefind_dir/WORDS_DIR`` (replacing any there) from their WORDS_FILE: one shard per
    WORDS_PREFIX-character prefix (shard_name), {token: [indexes in ``keys`` of the parts
    holding it] or "*" when every part holds it}, tokens and indexes sorted; tokens
    shorter than the prefix are left out (the search page never skips a part for them).
    Returns parts.json's "words" entry: version, path, prefixes (of the shards written,
    space-separated: a prefix not listed has no token) and always (keys of the parts
    without WORDS_FILE, e.g. built by an older minhbach: they may hold any word)."""
    out = pagefind_dir / WORDS_DIR
    if out.exists():
        shutil.rmtree(out)
    out.mkdir()
    holders: dict[str, list[int]] = {}
    always = []
    known = 0
    for i, key in enumerate(keys):
        path = pagefind_dir / key / WORDS_FILE
        if not path.is_file():
            always.append(key)
            continue
        known += 1
        for token in path.read_text(encoding="utf-8").split("\n"):
            if len(token) >= WORDS_PREFIX:
                holders.setdefault(token, []).append(i)
    shards: dict[str, dict[str, list[int] | str]] = {}
    for token in sorted(holders):
        parts = holders[token]
        shards.setdefault(token[:WORDS_PREFIX], {})[token] = "*" if len(parts) == known else parts
    for prefix, tokens in shards.items():
        (out / shard_name(prefix)).write_text(
            json.dumps(tokens, ensure_ascii=False, separators=(",", ":")) + "\n", encoding="utf-8")
    return {"version": WORDS_FORMAT, "path": f"{WORDS_DIR}/", "prefixes": " ".join(shards),
            "always": always}
