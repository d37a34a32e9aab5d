"""Relations of each report page (issue #18, as vbpl.vn's "Lược đồ"), computed with the
cited-document pages and read by the report page's hook (minhbach/mkdocs_hooks.py,
overrides/partials/relations.html):

- the documents it is based on ("Căn cứ …"), implements ("Thực hiện …") or mentions,
  each linked to its own page (its document, else its number in its scope, else its number);
- the reports of the archive that cite it (same identity: number, issuer/province, year);
- the same agency's reports of the previous and next period on the same subject (same
  type and issuing units, title without its period).

Written as ``_generated/quan-he/<slug of the page's folder>.json`` (one file per folder of
report pages: a page reads only its own folder's file; ``_generated/`` is not published).
Plain text values and site-relative URLs; the template escapes. Deterministic.
"""
from __future__ import annotations

import json
import posixpath
import re
from collections import defaultdict

from converters import vocab
from converters.extract import citations as cit

from minhbach.crosspages.documents import identity as ident
from minhbach.crosspages.base import Report, Writer, cached_slug, fmt_date, period_key, url_of

FOLDER = "_generated/quan-he"
RELATION_GROUPS = ((cit.BASED_ON, "Căn cứ"), (cit.IMPLEMENTS, "Thực hiện"), (cit.MENTIONS, "Văn bản dẫn chiếu"))


def shard_of(page_path: str) -> str:
    """The data file holding a report page's relations (docs-dir relative)."""
    return f"{FOLDER}/{cached_slug(posixpath.dirname(page_path)) or 'goc'}.json"


def _url(page: str) -> str:
    return url_of(page)


def _cited_note(m: ident.Mention) -> str:
    bits = []
    if m.date:
        bits.append(f"ngày {fmt_date(m.date)}")
    if m.issuer:
        bits.append(f"của {m.issuer}")
    if m.key is None:
        bits.append("(chưa xác định được văn bản: xem các văn bản cùng số)")
    note = " ".join(bits)
    if m.subject:
        note = f"{note} — {m.subject}" if note else m.subject
    return note


def _report_note(r: Report) -> str:
    bits = [r.type]
    if r.fm.get("number"):
        bits.append(f"số {r.fm['number']}")
    if r.issued:
        bits.append(fmt_date(r.issued))
    if r.province:
        bits.append(r.province)
    return " · ".join(bits)


def _entry(text: str, href: str, note: str, **extra) -> dict:
    return {"text": text, "href": href, "note": note, **extra}


# "6 tháng đầu năm 2024", "quý I năm 2024", "năm 2023", "giai đoạn 2021-2025", "đến tháng 10"
_PERIOD_WORDS = re.compile(
    r"\b(?:\d+|sáu|chín)\s+tháng(?:\s+(?:đầu|cuối))?(?:\s+năm)?|\bquý\s+(?:iv|iii|ii|i|[1-4])\b(?:\s+năm)?"
    r"|\bgiai đoạn\b|\bđến tháng\s+\d+|\btháng\s+\d+|\bnăm\b|(?:19|20)\d\d(?:\s*[-–/]\s*(?:19|20)\d\d)?")


def subject_key(title: str) -> str:
    """A report's subject: its title folded, without its period ("Kết quả … 6 tháng đầu năm
    2024" and "Kết quả … năm 2023" are one subject)."""
    text = _PERIOD_WORDS.sub(" ", vocab.fold_key(title))
    return " ".join(re.sub(r"[^\w\s]", " ", text).split())


def _period_of(r: Report) -> tuple:
    period = r.fm.get("period")
    label = period.get("label") if isinstance(period, dict) else (period if isinstance(period, str) else None)
    key = period_key(label or r.title)
    return key[:2] if key[0] else (int(r.year or 0), 12)


def series_neighbours(items: list[Report]) -> dict[str, tuple[Report | None, Report | None]]:
    """page path → (previous, next) report of its series: same type, issuing units and
    subject; the nearest report of an earlier / later period (one sort per series)."""
    series: dict[tuple, list[Report]] = defaultdict(list)
    for r in items:
        if r.units and r.fm.get("type"):
            series[(r.type, r.units, r.province, subject_key(r.title))].append(r)
    out: dict[str, tuple[Report | None, Report | None]] = {}
    for rs in series.values():
        if len(rs) < 2:
            continue
        rs = sorted(rs, key=lambda r: (_period_of(r), r.issued, r.path))
        periods = [_period_of(r) for r in rs]
        for i, r in enumerate(rs):
            prev = next((rs[j] for j in range(i - 1, -1, -1) if periods[j] < periods[i]), None)
            nxt = next((rs[j] for j in range(i + 1, len(rs)) if periods[j] > periods[i]), None)
            if prev or nxt:
                out[r.path] = (prev, nxt)
    return out


def write_relations(out: Writer, items: list[Report], archive) -> None:
    by_report: dict[str, list[ident.Mention]] = defaultdict(list)
    for m in archive.mentions:
        by_report[m.report.path].append(m)
    neighbours = series_neighbours(items)
    shards: dict[str, dict] = defaultdict(dict)
    for r in items:
        data: dict = {}
        groups = []
        for relation, label in RELATION_GROUPS:
            entries = [_entry(f"{m.type or 'Văn bản'} {m.symbol}", _url(archive.href(m)), _cited_note(m),
                              resolved=m.key is not None)
                       for m in by_report.get(r.path, []) if m.relation == relation]
            if entries:
                groups.append({"label": label, "items": entries})
        if groups:
            data["cited"] = groups
        key = ident.archived_key(r)
        citing = sorted(archive.docs.get(key, []) if key else [], key=lambda m: (m.report.issued, m.report.path))
        if citing:
            data["cited_by"] = [_entry(m.report.title, _url(m.report.path), _report_note(m.report),
                                       relation=m.relation) for m in reversed(citing)]
            data["document"] = _url(key.page)
        prev, nxt = neighbours.get(r.path, (None, None))
        for name, other in (("previous", prev), ("next", nxt)):
            if other is not None:
                data[name] = _entry(other.title, _url(other.path), _report_note(other))
        if data:
            shards[shard_of(r.path)][r.path] = data
    for path in sorted(shards):
        out.write(path, json.dumps(shards[path], ensure_ascii=False, sort_keys=True, indent=0) + "\n")
