"""Cited documents (van-ban/): one page per document cited by a report or archived, with the
sentences that cite it."""
from __future__ import annotations

import re
from collections import Counter, defaultdict
from pathlib import Path

from converters.extract.passage import clean_plain, sentences

from minhbach.crosspages.base import (NO_PROVINCE_LABEL, Report, Writer, cached_slug, esc, fmt_date, front, link,
                                      rel, report_line, sorted_counts)

MAX_SENTENCES_PER_CITE = 2
EXCERPT_REPORTS = 300  # quoted sentences for the newest N citing reports; the rest are listed
EXCERPT_CHARS = 240  # a quoted sentence longer than this is clipped around the symbol


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


def collect_citations(items: list[Report], docs_dir: Path) -> dict[str, list[tuple[Report, str, list]]]:
    """symbol slug → [(report, symbol as cited, [(anchor, sentence), …])]: one pass over each
    report body, one token regex per block, set lookups for the report's cites."""
    found: dict[str, list[tuple[Report, str, list]]] = defaultdict(list)
    for r in items:
        if not r.cites:
            continue
        cites = list(dict.fromkeys(r.cites))
        keys: dict[str, list[str]] = defaultdict(list)
        for c in cites:
            keys[_fold_symbol(c)].append(c)
        hits: dict[str, list] = {c: [] for c in cites}
        src = docs_dir / r.path
        blocks = body_blocks(_body_of(src.read_text(encoding="utf-8"))) if src.is_file() else []
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
        for c in cites:
            found[symbol_key(c)].append((r, c, hits[c]))
    return found


def write_documents(out: Writer, items: list[Report]) -> None:
    citations = collect_citations(items, out.docs_dir)
    archived: dict[str, list[Report]] = defaultdict(list)
    for r in items:
        if r.fm.get("number"):
            archived[symbol_key(str(r.fm["number"]))].append(r)
    slugs = sorted(set(citations) | set(archived))
    label: dict[str, str] = {}
    for slug in slugs:
        forms = Counter(c for _, c, _ in citations.get(slug, [])) + \
            Counter(str(r.fm["number"]) for r in archived.get(slug, []))
        label[slug] = sorted_counts(forms)[0]
    index = "van-ban/index.md"
    order = sorted(slugs, key=lambda s: (-len(citations.get(s, [])), s))
    lines = [front("van-ban-index", "Văn bản dẫn chiếu"), "# Văn bản dẫn chiếu", "",
             f"{len(slugs)} văn bản được các báo cáo dẫn chiếu hoặc có trong kho, "
             "nhiều lượt dẫn chiếu nhất trước.", "",
             "| Số, ký hiệu | Báo cáo dẫn chiếu | Có trong kho |", "|---|---|---|"]
    for slug in order:
        lines.append(f"| {link(index, f'van-ban/{slug}.md', label[slug])} | {len(citations.get(slug, []))} | "
                     f"{'có' if archived.get(slug) else '—'} |")
    out.write(index, "\n".join(lines) + "\n")
    for slug in slugs:
        page = f"van-ban/{slug}.md"
        cited = sorted(citations.get(slug, []), key=lambda x: x[0].path)
        cited = [cited[i] for i in _newest_order([c[0] for c in cited])]
        lines = [front("van-ban", label[slug], symbol=label[slug]), f"# Văn bản {esc(label[slug])}", "",
                 f"[Tất cả văn bản dẫn chiếu]({rel(page, index)})."]
        for r in sorted(archived.get(slug, []), key=lambda r: r.path):
            lines += ["", f"**Văn bản này có trong kho:** {link(page, r.path, r.title)} "
                          f"({esc(r.type)}, {esc(r.province or NO_PROVINCE_LABEL)}"
                          f"{', ' + esc(fmt_date(r.issued)) if r.issued else ''})."]
        lines += ["", f"## Báo cáo dẫn chiếu ({len(cited)})", ""]
        if not cited:
            lines.append("Chưa có báo cáo nào trong kho dẫn chiếu văn bản này.")
        for i, (r, symbol, hits) in enumerate(cited):
            if i == EXCERPT_REPORTS:
                lines += ["", f"Các báo cáo cũ hơn ({len(cited) - EXCERPT_REPORTS}), không kèm trích dẫn:", ""]
            lines.append(report_line(page, r, show_province=True))
            for anchor, sentence in hits if i < EXCERPT_REPORTS else ():
                target = r.path + (f"#{anchor}" if anchor else "")
                lines.append(f"    - {esc(excerpt(sentence, symbol))} ({link(page, target, 'xem đoạn')})")
        out.write(page, "\n".join(lines) + "\n")


def excerpt(sentence: str, symbol: str, limit: int = EXCERPT_CHARS) -> str:
    """The sentence, or ~limit characters of it around the cited symbol ("…" marks a cut),
    so a document cited by thousands of reports keeps a page of reasonable size."""
    if len(sentence) <= limit:
        return sentence
    head = symbol.split("/")[0].split("-")[0]
    m = re.search(r"(?<!\d)" + re.escape(head) + r"\s*[/-]", sentence) if head else None
    at = m.start() if m else 0
    start = max(0, at - limit // 3)
    end = min(len(sentence), start + limit)
    start = max(0, end - limit)
    if start > 0:
        start = sentence.find(" ", start) + 1 or start
    if end < len(sentence):
        end = sentence.rfind(" ", start, end) if sentence.rfind(" ", start, end) > start else end
    return ("… " if start > 0 else "") + sentence[start:end].strip() + (" …" if end < len(sentence) else "")


def _newest_order(rs: list[Report]) -> list[int]:
    idx = sorted(range(len(rs)), key=lambda i: rs[i].path)
    return sorted(idx, key=lambda i: rs[i].issued, reverse=True)
