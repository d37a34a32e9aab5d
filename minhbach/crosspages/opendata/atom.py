"""Atom feeds of the newest reports, site-wide and per province (see the package's
docstring for the rules)."""
from __future__ import annotations

import re
import xml.etree.ElementTree as ET


from minhbach.crosspages.base import NO_PROVINCE_LABEL, Report, newest_first, rel, url_of


ATOM = "http://www.w3.org/2005/Atom"
TAG_PREFIX = "tag:minhbach,2024:"
FEED_ENTRIES = 50
UNKNOWN_DATE = "1970-01-01T00:00:00Z"


# ------------------------------------------------------------------ Atom

def rfc3339(iso: str | None) -> str | None:
    if not iso:
        return None
    m = re.fullmatch(r"(\d{4})(?:-(\d{2}))?(?:-(\d{2}))?", str(iso))
    if not m:
        return None
    return f"{m.group(1)}-{m.group(2) or '01'}-{m.group(3) or '01'}T00:00:00Z"


DCTERMS = "http://purl.org/dc/terms/"


def issued_as_written(r: Report) -> str | None:
    """The issued date with the precision the document gives (W3C-DTF: YYYY, YYYY-MM or
    YYYY-MM-DD), None when unknown or not an ISO date."""
    m = re.fullmatch(r"\d{4}(?:-\d{2}(?:-\d{2})?)?", str(r.issued or ""))
    return m.group(0) if m else None


def add_issued(entry: ET.Element, r: Report, bits: list[str]) -> None:
    """``<dcterms:issued>`` and the summary's "ngày ban hành: …" at the document's precision."""
    from minhbach.display import format_date

    issued = issued_as_written(r)
    if issued:
        ET.SubElement(entry, f"{{{DCTERMS}}}issued").text = issued
        bits.append(f"ngày ban hành: {format_date(issued)}")


def entry_date(r: Report) -> str:
    period = r.fm.get("period") if isinstance(r.fm.get("period"), dict) else {}
    for value in (r.issued, period.get("end"), period.get("start")):
        stamp = rfc3339(value)
        if stamp:
            return stamp
    return UNKNOWN_DATE


def _href(feed_path: str, page_path: str, site_url: str | None) -> str:
    """Link from a feed file (docs-dir relative) to a page (.md source) as a site URL."""
    url = url_of(page_path)
    if site_url:
        return site_url.rstrip("/") + "/" + url
    out = rel(feed_path, url or ".")
    return out if out.endswith("/") else out + "/"


def atom_feed(feed_path: str, title: str, feed_key: str, rs: list[Report], alternate: str,
              site: dict[str, str | None]) -> bytes:
    ET.register_namespace("", ATOM)
    ET.register_namespace("dcterms", DCTERMS)
    site_url = site["site_url"]
    entries = newest_first(rs)
    entries = sorted(entries, key=entry_date, reverse=True)[:FEED_ENTRIES]  # stable: issued, then path
    feed = ET.Element(f"{{{ATOM}}}feed", {"{http://www.w3.org/XML/1998/namespace}lang": "vi"})
    ET.SubElement(feed, f"{{{ATOM}}}id").text = TAG_PREFIX + feed_key
    ET.SubElement(feed, f"{{{ATOM}}}title").text = title
    ET.SubElement(feed, f"{{{ATOM}}}updated").text = entry_date(entries[0]) if entries else UNKNOWN_DATE
    self_href = (site_url.rstrip("/") + "/" + feed_path) if site_url else posixpath_name(feed_path)
    ET.SubElement(feed, f"{{{ATOM}}}link", {"rel": "self", "type": "application/atom+xml", "href": self_href})
    ET.SubElement(feed, f"{{{ATOM}}}link", {"rel": "alternate", "type": "text/html",
                                            "href": _href(feed_path, alternate, site_url)})
    author = ET.SubElement(feed, f"{{{ATOM}}}author")
    ET.SubElement(author, f"{{{ATOM}}}name").text = site["site_name"]
    for r in entries:
        entry = ET.SubElement(feed, f"{{{ATOM}}}entry")
        ET.SubElement(entry, f"{{{ATOM}}}id").text = TAG_PREFIX + r.path[:-3]
        ET.SubElement(entry, f"{{{ATOM}}}title").text = r.title
        ET.SubElement(entry, f"{{{ATOM}}}link", {"rel": "alternate", "type": "text/html",
                                                 "href": _href(feed_path, r.path, site_url)})
        date = entry_date(r)
        ET.SubElement(entry, f"{{{ATOM}}}published").text = date
        ET.SubElement(entry, f"{{{ATOM}}}updated").text = date
        a = ET.SubElement(entry, f"{{{ATOM}}}author")
        ET.SubElement(a, f"{{{ATOM}}}name").text = "; ".join(r.units) or site["site_name"]
        ET.SubElement(entry, f"{{{ATOM}}}category", {"term": r.type})
        bits = [r.type]
        if r.fm.get("number"):
            bits.append(f"số {r.fm['number']}")
        bits.append(r.province or NO_PROVINCE_LABEL)
        period = r.fm.get("period") if isinstance(r.fm.get("period"), dict) else {}
        if period.get("label"):
            bits.append(f"kỳ báo cáo: {period['label']}")
        add_issued(entry, r, bits)
        ET.SubElement(entry, f"{{{ATOM}}}summary").text = " · ".join(str(b) for b in bits)
    for el in feed.iter():
        el.text = xml_text(el.text)
        for key, value in el.attrib.items():
            el.attrib[key] = xml_text(value)
    ET.indent(feed, space=" ")
    data = ET.tostring(feed, encoding="utf-8", xml_declaration=True) + b"\n"
    ET.fromstring(data)  # well-formed, or the build stops here (a reader rejects the whole feed)
    return data


# XML 1.0 forbids C0 controls but tab, LF, CR (U+0001 from text pasted out of a PDF made
# feed.xml unreadable); C1 controls and U+FFFE/U+FFFF are dropped too
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ufffe\uffff\ud800-\udfff]")


def xml_text(value: str | None) -> str | None:
    """``value`` without the characters XML cannot hold."""
    return _NOT_XML.sub("", value) if value else value


def posixpath_name(path: str) -> str:
    return path.rsplit("/", 1)[-1]
