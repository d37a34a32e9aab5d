"""The van-ban family (crosspages.FAMILIES): cited documents, each identified by issuer +
number + year (identity.py).

    van-ban/index.md                          counts by issuer level and type, provinces
    van-ban/trung-uong/index.md, <tinh>/index.md   listings (split per type and year when large)
    van-ban/<scope>/<symbol>-<year>.md        one document: type, date, issuer, subject as cited,
                                              the archived report that is it, every citing report
    van-ban/<scope>/<symbol>.md               bare citations of a number in a scope (no year):
                                              which documents they may be
    van-ban/<symbol>.md                       every document and bare citation with that number
    _generated/quan-he/*.json                 relations of each report page (relations.py)

Who cites what (sentences, resolved citations) is gathered by citing.py.
"""
from __future__ import annotations

import re
from collections import Counter, defaultdict

from converters import vocab
from converters.extract import citations as cit

from minhbach.crosspages.documents import identity as ident
from minhbach.crosspages.documents.citing import (Archive, body_blocks, collect, collect_citations, symbol_key,  # noqa: F401
                                        symbols_in, _fold_symbol)
from minhbach.crosspages.base import (NO_PROVINCE_LABEL, Report, Writer, cached_slug, cell, esc, fmt_date, front,
                                      link, phrase_excerpt, report_line, sorted_counts)

EXCERPT_REPORTS = 300  # quoted sentences for the newest N citing reports; the rest are listed
EXCERPT_CHARS = 240  # a quoted sentence longer than this is clipped around the symbol


# ------------------------------------------------------------------ pages

def _most(values) -> str | None:
    counts = Counter(v for v in values if v)
    return sorted_counts(counts)[0] if counts else None


def _scope_label(scope: str | None, ms: list[ident.Mention] = (), rs: list[Report] = ()) -> str:
    if scope == ident.CENTRAL_SCOPE:
        return "Trung ương"
    name = _most([m.province for m in ms] + [r.province for r in rs])
    if not name:
        return "chưa rõ tỉnh"
    return f"{'thành phố' if vocab.is_municipality(name) else 'tỉnh'} {name}"


def _doc_title(key: ident.DocKey, ms: list[ident.Mention], rs: list[Report]) -> str:
    kind = _most([m.type for m in ms] + [r.type for r in rs]) or "Văn bản"
    where = "Trung ương" if key.scope == ident.CENTRAL_SCOPE else _most([m.province for m in ms] +
                                                                         [r.province for r in rs])
    return f"{kind} {key.symbol} ({where or key.scope}, {key.year})"


def _doc_facts(key: ident.DocKey, ms: list[ident.Mention], rs: list[Report]) -> list[str]:
    kind = _most([m.type for m in ms] + [r.type for r in rs])
    dates = sorted({m.date for m in ms if m.date} | {r.issued for r in rs if r.issued})
    issuer = _most([m.issuer for m in ms] + [u for r in rs for u in r.units[:1]])
    subject = _most([m.subject for m in ms])
    level = ms[0].level if ms else (cit.CENTRAL if key.scope == ident.CENTRAL_SCOPE else cit.PROVINCE)
    if key.sub:
        level = cit.DISTRICT
    rows = [("Loại văn bản", kind or "chưa rõ"), ("Số, ký hiệu", key.symbol),
            ("Ngày ban hành", ", ".join(fmt_date(d) for d in dates) if dates else f"năm {key.year}"),
            ("Cơ quan ban hành", (issuer + " — " if issuer else "") + _scope_label(key.scope, ms, rs)),
            ("Cấp ban hành", ident.LEVEL_LABELS.get(level, "chưa rõ")),
            ("Trích yếu (như được dẫn)", subject or "chưa rõ")]
    return ["| | |", "|---|---|"] + [f"| {esc(k)} | {cell(v)} |" for k, v in rows]


def _citing_lines(page: str, a: Archive, ms: list[ident.Mention]) -> list[str]:
    ms = sorted(ms, key=lambda m: m.report.path)
    order = sorted(range(len(ms)), key=lambda i: ms[i].report.issued, reverse=True)
    lines = [f"## Báo cáo dẫn chiếu ({len(ms)})", ""]
    if not ms:
        return lines + ["Chưa có báo cáo nào trong kho dẫn chiếu văn bản này."]
    for n, i in enumerate(order):
        m = ms[i]
        if n == EXCERPT_REPORTS:
            lines += ["", f"Các báo cáo cũ hơn ({len(ms) - EXCERPT_REPORTS}), không kèm trích dẫn:", ""]
        lines.append(report_line(page, m.report, show_province=True) + f" · {esc(m.relation)}")
        for anchor, sentence in a.hits.get((m.report.path, m.symbol), []) if n < EXCERPT_REPORTS else ():
            target = m.report.path + (f"#{anchor}" if anchor else "")
            lines.append(f"    - {esc(excerpt(sentence, m.symbol))} ({link(page, target, 'xem đoạn')})")
    return lines


def _doc_line(page: str, a: Archive, key: ident.DocKey) -> str:
    ms, rs = a.docs.get(key, []), a.archived.get(key, [])
    bits = [f"{len(ms)} lượt dẫn chiếu"] + (["có trong kho"] if rs else [])
    return f"- {link(page, key.page, _doc_title(key, ms, rs))} — {esc(', '.join(bits))}"


def write_document_page(out: Writer, a: Archive, key: ident.DocKey) -> None:
    ms, rs = a.docs.get(key, []), a.archived.get(key, [])
    page = key.page
    title = _doc_title(key, ms, rs)
    lines = [front("van-ban", title, symbol=key.symbol, scope=key.scope, year=key.year),
             f"# {esc(title)}", ""] + _doc_facts(key, ms, rs) + [""]
    for r in sorted(rs, key=lambda r: r.path):
        lines += [f"**Văn bản này có trong kho:** {link(page, r.path, r.title)} "
                  f"({esc(r.type)}, {esc(r.province or NO_PROVINCE_LABEL)}"
                  f"{', ' + esc(fmt_date(r.issued)) if r.issued else ''}).", ""]
    lines += [f"Các văn bản cùng số, ký hiệu: {link(page, ident.number_page(key.symbol), key.symbol)} · "
              f"{link(page, INDEX, 'tất cả văn bản dẫn chiếu')}.", ""]
    out.write(page, "\n".join(lines + _citing_lines(page, a, ms)) + "\n")


def write_scope_number_page(out: Writer, a: Archive, scope: str, symbol: str) -> None:
    ms = a.bare[(scope, symbol)]
    page = ident.scope_number_page(scope, symbol)
    where = _scope_label(scope, ms)
    title = f"{symbol} ({where}): dẫn chiếu chưa rõ năm"
    lines = [front("van-ban", title, symbol=symbol, scope=scope), f"# {esc(title)}", "",
             f"Các báo cáo dưới đây dẫn chiếu số {esc(symbol)} của {esc(where)} mà không ghi ngày ban hành, "
             "nên chưa xác định được là văn bản nào.", ""]
    candidates = sorted(k for k in a.by_symbol.get(symbol, ()) if k.scope == scope)
    if candidates:
        lines += ["Có thể là một trong các văn bản:", ""] + [_doc_line(page, a, k) for k in candidates] + [""]
    else:
        lines += ["Chưa có văn bản nào cùng số này (có ngày ban hành) trong kho.", ""]
    lines += [f"Mọi văn bản số {link(page, ident.number_page(symbol), symbol)}.", ""]
    out.write(page, "\n".join(lines + _citing_lines(page, a, ms)) + "\n")


def write_number_page(out: Writer, a: Archive, symbol: str) -> None:
    page = ident.number_page(symbol)
    keys = sorted(a.by_symbol.get(symbol, ()))
    title = f"Văn bản số {symbol}"
    lines = [front("van-ban", title, symbol=symbol), f"# {esc(title)}", "",
             f"Nhiều cơ quan có thể ban hành văn bản cùng số {esc(symbol)} (số văn bản bắt đầu lại mỗi năm): "
             "mỗi văn bản dưới đây được xác định bằng cơ quan ban hành, số và năm.", ""]
    lines += [f"## Văn bản ({len(keys)})", ""] + ([_doc_line(page, a, k) for k in keys] or ["Chưa xác định được."])
    scopes = sorted({s for s, sym in a.bare if sym == symbol and s is not None})
    if scopes:
        lines += ["", "## Dẫn chiếu chưa rõ năm", ""]
        for s in scopes:
            n = len(a.bare[(s, symbol)])
            lines.append(f"- {link(page, ident.scope_number_page(s, symbol), _scope_label(s, a.bare[(s, symbol)]))}"
                         f" — {n} lượt dẫn chiếu")
    rs = a.unkeyed.get(symbol, [])
    if rs:
        lines += ["", "## Văn bản cùng số trong kho, chưa rõ cơ quan hoặc năm", ""]
        lines += [report_line(page, r, show_province=True) for r in sorted(rs, key=lambda r: r.path)]
    unresolved = a.bare.get((None, symbol), [])
    if unresolved:
        lines += ["", "## Dẫn chiếu chưa xác định được cơ quan ban hành", "",
                  "Các báo cáo này dẫn chiếu số trên mà không đủ thông tin (cơ quan ban hành, tỉnh) để biết là "
                  "văn bản nào; có thể là một trong các văn bản ở trên.", ""]
        lines += _citing_lines(page, a, unresolved)[2:]
    out.write(page, "\n".join(lines) + "\n")


INDEX = "van-ban/index.md"
LISTING_LIMIT = 400  # documents on one listing page; more are split per type, then per year


def _listing(out: Writer, a: Archive, base: str, title: str, keys: list, intro: str) -> None:
    """``base``.md lists ``keys`` grouped by type; a large listing is split per type (and per
    year) into pages of its own, so no page grows with the archive."""
    page = f"{base}.md"
    by_type: dict[str, list] = defaultdict(list)
    for k in keys:
        by_type[_doc_type(a, k)].append(k)
    lines = [front("van-ban-index", title), f"# {esc(title)}", "", intro, ""]
    for kind in sorted(by_type, key=lambda t: (-len(by_type[t]), cached_slug(t))):
        ks = sorted(by_type[kind], key=lambda k: (-int(k.year), k.symbol, k.sub))
        lines += [f"## {esc(kind)} ({len(ks)})", ""]
        if len(keys) <= LISTING_LIMIT:
            lines += [_doc_line(page, a, k) for k in ks] + [""]
            continue
        years: dict[str, list] = defaultdict(list)
        for k in ks:
            years[k.year].append(k)
        for year in sorted(years, reverse=True):
            sub = f"{base}-{cached_slug(kind)}-{year}"
            lines.append(f"- {link(page, sub + '.md', f'{kind} năm {year}')} — {len(years[year])} văn bản")
            sub_title = f"{title}: {kind} năm {year}"
            out.write(sub + ".md", "\n".join([front("van-ban-index", sub_title), f"# {esc(sub_title)}", "",
                                              f"{link(sub + '.md', page, title)}.", ""] +
                                             [_doc_line(sub + ".md", a, k) for k in years[year]]) + "\n")
        lines.append("")
    out.write(page, "\n".join(lines) + "\n")


def _doc_type(a: Archive, key: ident.DocKey) -> str:
    return _most([m.type for m in a.docs.get(key, [])] + [r.type for r in a.archived.get(key, [])]) or "Chưa rõ loại"


def write_documents(out: Writer, items: list[Report]) -> None:
    a = collect(items, out.docs_dir)
    keys = set(a.docs) | set(a.archived)
    for key in sorted(keys):
        write_document_page(out, a, key)
    for scope, symbol in sorted(a.bare, key=lambda x: (x[0] or "", x[1])):
        if scope is not None:
            write_scope_number_page(out, a, scope, symbol)
    symbols = sorted(set(a.by_symbol) | set(a.unkeyed) | {s for _, s in a.bare})
    for symbol in symbols:
        write_number_page(out, a, symbol)
    by_scope: dict[str, list] = defaultdict(list)
    for k in keys:
        by_scope[k.scope].append(k)
    central = by_scope.pop(ident.CENTRAL_SCOPE, [])
    _listing(out, a, f"van-ban/{ident.CENTRAL_SCOPE}/index", "Văn bản của các cơ quan Trung ương", central,
             "Văn bản của các cơ quan Trung ương (Đảng, Quốc hội, Chính phủ, các bộ) được báo cáo dẫn chiếu "
             "hoặc có trong kho, theo loại, mới nhất trước.")
    names: dict[str, str] = {}
    for scope, ks in by_scope.items():
        names[scope] = _scope_label(scope, [m for k in ks for m in a.docs.get(k, [])],
                                    [r for k in ks for r in a.archived.get(k, [])])
        _listing(out, a, f"van-ban/{scope}/index", f"Văn bản của {names[scope]}", ks,
                 f"Văn bản của các cơ quan {esc(names[scope])} được báo cáo dẫn chiếu hoặc có trong kho.")
    _write_index(out, a, central, by_scope, names)
    from minhbach.crosspages.documents import relations
    relations.write_relations(out, items, a)


def _type_counts(a: Archive, keys) -> list[tuple[str, int]]:
    counts = Counter(_doc_type(a, k) for k in keys)
    return [(t, counts[t]) for t in sorted_counts(counts)]


def _write_index(out: Writer, a: Archive, central: list, by_scope: dict, names: dict) -> None:
    page = INDEX
    n_docs = len(central) + sum(len(v) for v in by_scope.values())
    n_bare = sum(len(v) for v in a.bare.values())
    lines = [front("van-ban-index", "Văn bản dẫn chiếu"), "# Văn bản dẫn chiếu", "",
             f"{n_docs} văn bản được các báo cáo dẫn chiếu hoặc có trong kho, mỗi văn bản xác định bằng cơ quan "
             "ban hành, số và năm; theo cấp ban hành và loại.", ""]
    lines += [f"## Trung ương ({len(central)})", "", f"{link(page, f'van-ban/{ident.CENTRAL_SCOPE}/index.md', 'Danh sách văn bản Trung ương')}.", "",
              "| Loại | Số văn bản |", "|---|---|"]
    lines += [f"| {cell(t)} | {n} |" for t, n in _type_counts(a, central)]
    local = [k for ks in by_scope.values() for k in ks]
    lines += ["", f"## Tỉnh, thành phố ({len(local)})", "", "| Loại | Số văn bản |", "|---|---|"]
    lines += [f"| {cell(t)} | {n} |" for t, n in _type_counts(a, local)]
    lines += ["", "| Tỉnh, thành phố | Số văn bản |", "|---|---|"]
    for scope in sorted(by_scope, key=lambda s: (cached_slug(names[s]), s)):
        lines.append(f"| {link(page, f'van-ban/{scope}/index.md', names[scope])} | {len(by_scope[scope])} |")
    lines += ["", "## Dẫn chiếu chưa đủ thông tin", "",
              f"{n_bare} lượt dẫn chiếu không ghi ngày ban hành hoặc không rõ cơ quan ban hành: mỗi lượt được liệt kê "
              "trên trang số, ký hiệu của nó, cùng các văn bản nó có thể là.", ""]
    out.write(page, "\n".join(lines) + "\n")


def excerpt(sentence: str, symbol: str, limit: int = EXCERPT_CHARS) -> str:
    """The sentence, or ~limit characters of it around the cited symbol ("…" marks a cut),
    so a document cited by thousands of reports keeps a page of reasonable size."""
    if len(sentence) <= limit:
        return sentence
    head = symbol.split("/")[0].split("-")[0]
    m = re.search(r"(?<!\d)" + re.escape(head) + r"\s*[/-]", sentence) if head else None
    at = m.start() if m else 0
    end = sentence.find(" ", at)
    return phrase_excerpt(sentence, at, len(sentence) if end < 0 else end, limit)


def _newest_order(rs: list[Report]) -> list[int]:
    idx = sorted(range(len(rs)), key=lambda i: rs[i].path)
    return sorted(idx, key=lambda i: rs[i].issued, reverse=True)
