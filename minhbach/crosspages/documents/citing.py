"""Who cites what: one pass over each citing report's body for the sentences that cite each
symbol, the structured citations (front matter ``cited``, else read from the body) resolved
to document identities (identity.py), gathered in an Archive the van-ban pages
(documents/__init__.py) and the report relations (relations.py) are written from."""
from __future__ import annotations

import dataclasses
import re
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path

from converters.extract import citations
from converters.extract import cites as cites_mod
from converters.extract.passage import clean_plain, sentences

from minhbach.crosspages.documents import identity as ident
from minhbach.crosspages.base import Report, cached_slug

MAX_SENTENCES_PER_CITE = 2


def symbol_key(symbol: str) -> str:
    return cached_slug(symbol)


# A symbol-like token in folded text: "33/cttg", "92/2017/ndcp", "904/snvxdcq&cttn".
_SYMBOL_TOKEN = re.compile(r"(?<![\w/.&])([\w.&]+(?:/[\w.&]+)+)")


def symbols_in(folded: str) -> set[str]:
    """Folded symbol tokens of a folded text (one regex pass; a cite is found by set lookup,
    so "133/CT-TTg" never counts as 33/CT-TTg)."""
    return {t.rstrip(".") for t in _SYMBOL_TOKEN.findall(folded)}


def _squeeze(text: str, mark: str, joiner: str) -> str:
    """``re.sub(r"\\s*<mark>\\s*", joiner, text)`` without trying the pattern at every
    position (str.strip and \\s agree on what whitespace is: both use str.isspace)."""
    if mark not in text:
        return text
    parts = text.split(mark)
    last = len(parts) - 1
    return joiner.join(
        (p if i == 0 else p.lstrip()) if i == last else (p.rstrip() if i == 0 else p.strip())
        for i, p in enumerate(parts))


def _fold_symbol(text: str) -> str:
    """Matching form of a symbol: lower case, đ → d, no hyphens, no spaces
    around "/" ("92/2017/NĐCP" and "19- CT/TU" match 92/2017/NĐ-CP and 19-CT/TU)."""
    text = _squeeze(_squeeze(text, "/", "/"), "-", "")
    return text.lower().replace("đ", "d")


_ANCHOR = re.compile(r"\{:?\s*#(p-\d+)[^}]*\}\s*$")
_FOOTNOTE = re.compile(r"^\[\^([^\]]+)\]:")


def body_blocks(markdown: str) -> list[tuple[str | None, str]]:
    """(anchor, raw Markdown) of each block of a generated report body; the anchor is the
    paragraph's p-N (attr_list) or fn:N for a footnote definition."""
    out = []
    for block in re.split(r"\n\s*\n", markdown):
        block = block.strip()
        if not block:
            continue
        anchor = None
        m = _ANCHOR.search(block)
        if m:
            anchor = m.group(1)
            block = block[:m.start()]
        fm = _FOOTNOTE.match(block)
        if fm:
            anchor = f"fn:{fm.group(1)}"
            block = block[fm.end():]
        out.append((anchor, block))
    return out


def _body_of(text: str) -> str:
    """The page body without parsing the YAML front matter (parsing it costs more than
    everything else here)."""
    if text.startswith("---\n"):
        end = text.find("\n---\n", 4)
        if end >= 0:
            return text[end + 5:]
    return text


def _scan(r: Report, docs_dir: Path) -> tuple[dict[str, list], list[dict]]:
    """The sentences citing each of ``r``'s cites (symbol → [(anchor, sentence), …], one pass
    over the body: one token regex per block, set lookups), and its structured citations:
    the front matter's ``cited``, else read from the body (a page written before it)."""
    cites = list(dict.fromkeys(r.cites))
    keys: dict[str, list[str]] = defaultdict(list)
    for c in cites:
        keys[_fold_symbol(c)].append(c)
    hits: dict[str, list] = {c: [] for c in cites}
    src = docs_dir / r.path
    blocks = body_blocks(_body_of(src.read_text(encoding="utf-8"))) if src.is_file() and cites else []
    for anchor, raw in blocks:
        if "/" not in raw:
            continue
        wanted = symbols_in(_fold_symbol(raw)) & keys.keys()
        if not any(len(hits[c]) < MAX_SENTENCES_PER_CITE for k in wanted for c in keys[k]):
            continue
        for sentence in sentences(clean_plain(raw)):
            for k in symbols_in(_fold_symbol(sentence)) & wanted:
                for c in keys[k]:
                    if len(hits[c]) < MAX_SENTENCES_PER_CITE:
                        hits[c].append((anchor, sentence))
    cited = r.fm.get("cited")
    if not isinstance(cited, list):
        text = "\n\n".join(clean_plain(raw) for _, raw in blocks)
        found = citations.extract(r.fm.get("title"), text, exclude=r.fm.get("number"), province=r.province,
                                  issued=r.issued)
        cited = [dataclasses.asdict(c) for c in found if c.symbol in hits]
    # ``cites`` rules (a sidecar may have corrected it): a symbol it lacks is dropped, one
    # the structured list lacks is a bare citation
    cited = [c for c in cited if isinstance(c, dict) and str(c.get("symbol")) in hits]
    listed = {str(c.get("symbol")) for c in cited}
    cited += [{"symbol": s, "number": s} for s in cites if s not in listed]
    return hits, cited


def collect_citations(items: list[Report], docs_dir: Path) -> dict[str, list[tuple[Report, str, list]]]:
    """symbol slug → [(report, symbol as cited, [(anchor, sentence), …])]."""
    found: dict[str, list[tuple[Report, str, list]]] = defaultdict(list)
    for r in items:
        if r.cites:
            hits, _ = _scan(r, docs_dir)
            for c in dict.fromkeys(r.cites):
                found[symbol_key(c)].append((r, c, hits[c]))
    return found


@dataclass
class Archive:
    """Everything the van-ban pages and the report relations are written from."""

    mentions: list[ident.Mention] = field(default_factory=list)
    hits: dict[tuple[str, str], list] = field(default_factory=dict)  # (report path, symbol) → sentences
    docs: dict[ident.DocKey, list[ident.Mention]] = field(default_factory=lambda: defaultdict(list))
    archived: dict[ident.DocKey, list[Report]] = field(default_factory=lambda: defaultdict(list))
    bare: dict[tuple[str | None, str], list[ident.Mention]] = field(default_factory=lambda: defaultdict(list))
    by_symbol: dict[str, set] = field(default_factory=lambda: defaultdict(set))  # symbol → DocKeys
    unkeyed: dict[str, list[Report]] = field(default_factory=lambda: defaultdict(list))  # archived, no identity

    def href(self, m: ident.Mention) -> str:
        """The page a citation links to: its document, else its number in its scope, else its number."""
        if m.key is not None:
            return m.key.page
        if m.scope is not None:
            return ident.scope_number_page(m.scope, m.symbol)
        return ident.number_page(m.symbol)


def collect(items: list[Report], docs_dir: Path) -> Archive:
    a = Archive()
    for r in items:
        key = ident.archived_key(r)
        if key is not None:
            a.archived[key].append(r)
            a.by_symbol[key.symbol].add(key)
        elif r.fm.get("number"):
            a.unkeyed[cites_mod.normalise(str(r.fm["number"]))].append(r)
        if not r.cites:
            continue
        hits, cited = _scan(r, docs_dir)
        for c in cited:
            m = ident.mention(r, c)
            if m is None:
                continue
            a.mentions.append(m)
            a.hits[(r.path, m.symbol)] = hits.get(m.symbol, [])
            if m.key is not None:
                a.docs[m.key].append(m)
                a.by_symbol[m.symbol].add(m.key)
            else:
                a.bare[(m.scope, m.symbol)].append(m)
                a.by_symbol.setdefault(m.symbol, set())
    return a


