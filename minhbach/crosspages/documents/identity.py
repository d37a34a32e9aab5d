"""Who a cited document is: issuer + number + year (issue #18).

A citation (front matter ``cited``, converters/extract/citations.py) or an archived
report's own number resolves to a DocKey: the scope (``trung-uong`` for a central body,
else the province's slug), the normalised symbol, the year and, for a district or
commune body, the issuer's slug. A citation missing its year or its province resolves
to no DocKey: it is "bare" and listed on the page of its number (per scope when the
scope is known), never merged with a resolved document.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from converters.extract import citations as cit
from converters.extract import cites as cites_mod

from minhbach.crosspages.base import Report, cached_slug, province_slug

CENTRAL_SCOPE = "trung-uong"
LEVEL_LABELS = {cit.CENTRAL: "Trung ương", cit.PROVINCE: "Tỉnh, thành phố", cit.DISTRICT: "Cấp huyện, xã"}


@dataclass(frozen=True, order=True)
class DocKey:
    scope: str  # "trung-uong" or a province slug
    symbol: str
    year: str
    sub: str = ""  # slug of a district/commune issuer

    @property
    def page(self) -> str:
        slug = cached_slug(self.symbol)
        if not re.match(r"\d+/(?:19|20)\d\d/", self.symbol):
            slug += f"-{self.year}"
        if self.sub:
            slug += f"-{self.sub}"
        return f"van-ban/{self.scope}/{slug}.md"


@dataclass(frozen=True)
class Mention:
    """One report citing one document, resolved as far as the citation allows."""

    report: Report
    symbol: str
    type: str | None
    date: str | None
    year: str | None
    issuer: str | None
    level: str | None
    province: str | None
    subject: str | None
    relation: str
    key: DocKey | None  # None: bare
    scope: str | None  # known even for a bare citation when the issuer's scope is


def number_page(symbol: str) -> str:
    """The page of a number: every document (and bare citation) with that symbol."""
    return f"van-ban/{cached_slug(symbol)}.md"


def scope_number_page(scope: str, symbol: str) -> str:
    """The page of a number within a scope: its bare citations and the documents they may be."""
    return f"van-ban/{scope}/{cached_slug(symbol)}.md"


def mention(r: Report, c: dict[str, Any]) -> Mention | None:
    symbol = str(c.get("symbol") or "")
    if not symbol:
        return None
    year = str(c["year"]) if c.get("year") else None
    level = c.get("level") or None
    province = c.get("province") or None
    scope = None
    if level == cit.CENTRAL:
        scope = CENTRAL_SCOPE
    elif level in (cit.PROVINCE, cit.DISTRICT) and province:
        scope = province_slug(province)
    sub = district_of(str(c.get("issuer") or "")) if level == cit.DISTRICT else ""
    key = DocKey(scope, symbol, year, sub) if scope and year and (level != cit.DISTRICT or sub) else None
    return Mention(report=r, symbol=symbol, type=c.get("type") or None, date=str(c["date"]) if c.get("date") else None,
                   year=year, issuer=c.get("issuer") or None, level=level, province=province,
                   subject=c.get("subject") or None, relation=str(c.get("relation") or cit.MENTIONS), key=key,
                   scope=scope)


_DISTRICT = re.compile(r"\b(huyện|quận|thị xã|thị trấn|xã|phường|thành phố)\s+((?:[A-ZĐ0-9][\wà-ỹđ]*\s?){1,4})")


def district_of(text: str) -> str:
    """Slug of the district or commune a body's name holds ("UBND huyện Gio Linh" →
    "huyen-gio-linh"), or "" (a city that is a province is not a district)."""
    for m in _DISTRICT.finditer(text):
        if m.group(1) == "thành phố" and cit._province_in(m.group(2)) is not None:
            continue
        return cached_slug(f"{m.group(1)} {m.group(2).strip()}")
    return ""


def archived_key(r: Report) -> DocKey | None:
    """The identity of an archived report as a cited document: its number, the province it
    was issued in (or trung-uong for a central body) and its year."""
    number = r.fm.get("number")
    if not number:
        return None
    symbol = cites_mod.normalise(str(number))
    m = re.match(r"\d+/((?:19|20)\d\d)/", symbol)
    year = m.group(1) if m else r.year
    if not year:
        return None
    if cit.level_of_symbol(symbol) == cit.CENTRAL:
        return DocKey(CENTRAL_SCOPE, symbol, year)
    if not r.province:
        return None
    district = next((d for d in map(district_of, r.units) if d), "")
    return DocKey(province_slug(r.province), symbol, year, district)
