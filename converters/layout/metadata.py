"""Fields inferred from header, tail and body together: units, province,
period, cites, topics. Nothing is guessed: a field the document does not
support stays null (or empty)."""
from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

from converters.extract import cites as cites_mod
from converters.extract import citations
from converters.extract import dates
from converters.extract import units
from converters import vocab
from converters.layout.body import Body
from converters.layout.header import Header, issuer_codes
from converters.document import Document, Source
from converters.layout.tail import Tail
from converters.text.vietnamese import fast_fold, fold_lower

# Provinces hand over to their 2025 successor on this date (NQ 202/2025/QH15).
MERGER = "2025-07-01"


def _nfc(value):
    if isinstance(value, str):
        return unicodedata.normalize("NFC", value)
    return value


def infer(source: Source, head: Header, tail: Tail, body: Body, body_lines: list[str] | None = None,
          known: dict | None = None) -> Document:
    """``body_lines``: the raw lines the body was rendered from (scanned for
    cites and the period); without them the rendered paragraphs are used. ``known``: the
    number, province and date a webmaster's ``.meta.yaml`` states, which the citations
    are resolved with ("UBND tỉnh" is the citing report's province)."""
    warnings = list(head.warnings)
    if body_lines is not None:
        text = "\n".join(body_lines)
    else:
        text = "\n\n".join([t for _, t in body.paragraphs] + list(body.footnotes))
    text = cites_mod.rejoin(text)
    text_lower = text.lower()  # shared by low() and the topics
    signer_roles = " ".join(s.role or "" for s in tail.signers)
    low_cache: list[str] = []

    def low() -> str:
        """Title, text and signer roles in lower case, single-spaced (built only
        when a field needs it); tone-placement variants are left to the matchers.
        (Lower-casing the parts one by one is the same as lower-casing them joined:
        the joining space ends the context of a final sigma.)"""
        if not low_cache:
            parts = [(head.title or "").lower(), text_lower, signer_roles.lower()]
            low_cache.append(" ".join(" ".join(parts).split()))
        return low_cache[0]

    # issuing bodies and province
    issuers = units.from_lines(head.agency_lines)
    central = issuers.central
    names = list(issuers.units)
    codes = issuer_codes(head.symbol, head.party)
    if not names:
        found, code_central = units.from_codes(codes, low(), folded=True)
        names = list(found)
        central = central or code_central
        unknown = [c for c in codes if not vocab.is_agency_code(c)]
        if unknown and not names:
            warnings.append(f"mã cơ quan ban hành không có trong từ điển: {', '.join(unknown)}")
    province = None
    if head.doubtful_agency:  # the issuer could not be read: neither it nor its province is guessed
        names, central = [], True
    if not central:
        province = issuers.province
        if province is None and head.place:
            province = vocab.province_of_place(head.place)
        if province is None:
            province = units.province_in_text(low(), folded=True)
    after_merger = bool(head.issued) and _after_merger(head.issued)
    if province is not None:
        name_at_issue = province.name_2025 if after_merger else province.name
        completed = tuple(units.complete(n, province, name_at_issue) for n in names)
        prov, prov_2025 = name_at_issue, province.name_2025
    else:
        completed = tuple(names)
        prov = prov_2025 = None

    period = dates.period(head.title, text, head.issued)
    known = known or {}
    own = known.get("number", head.number)
    found_cites = cites_mod.find([head.title or "", text], exclude=own, joined=True)
    cited = citations.extract(head.title, text, exclude=own, province=known.get("province", prov),
                              issued=known.get("issued", head.issued))
    if source.ocr:  # a symbol read from an image is kept only when its first code is known
        found_cites = tuple(c for c in found_cites if _known_first_code(c))
        cited = tuple(c for c in cited if _known_first_code(c.symbol))

    topics = _topics(head.title or "", text_lower)
    return Document(
        source=source, title=_nfc(head.title), type=head.type, number=head.number, symbol=head.symbol,
        units=tuple(_nfc(u) for u in completed), province=prov, province_2025=prov_2025,
        place=_nfc(head.place), issued=head.issued, period=period, signers=tail.signers,
        recipients=tuple(_nfc(r) for r in tail.recipients), cites=found_cites, cited=cited, topics=topics,
        footnotes=body.numbered_footnotes, stamp=body.stamp or head.stamp, body=body.markdown,
        warnings=tuple(warnings),
    )


def _after_merger(issued: str) -> bool:
    """Issued on or after 1 July 2025 as far as the printed precision tells."""
    if len(issued) == 4:
        return issued > MERGER[:4]
    return issued >= MERGER[:len(issued)]




@lru_cache(maxsize=1)
def _topic_phrases() -> tuple[tuple[str, tuple[str, ...]], ...]:
    """(slug, ASCII-folded lower-case phrases) in vocabulary order."""
    out = []
    for slug, spec in (vocab.vocabulary().get("topics") or {}).items():
        out.append((slug, tuple(sorted({" ".join(vocab.ascii_fold(p).lower().split())
                                        for p in spec["phrases"]}))))
    return tuple(out)


# ASCII white space (what str.split() splits an ASCII text at) → " "
_ASCII_SPACE = str.maketrans({c: " " for c in map(chr, range(128)) if c.isspace()})


def _single_spaced(ascii_text: str) -> str:
    """``" ".join(ascii_text.split())`` for an ASCII text: translate, replace and strip
    are C-speed passes, the split into thousands of words is not."""
    text = ascii_text.translate(_ASCII_SPACE)
    while "  " in text:
        text = text.replace("  ", " ")
    return text.strip(" ")


def _topics(title: str, text_lower: str) -> tuple[str, ...]:
    """Vocabulary topics named (tone- and case-insensitively) in the title, or
    at least twice in the (single-spaced) text (given in lower case); in vocabulary
    order. Phrases are counted as substrings (C-speed ``str.count``)."""
    t = fast_fold(title)
    x = _single_spaced(fold_lower(text_lower))
    found = []
    for slug, phrases in _topic_phrases():
        if any(p in t for p in phrases) or sum(x.count(p) for p in phrases) >= 2:
            found.append(slug)
    return tuple(found)


def _known_first_code(symbol: str) -> bool:
    """The type or issuer code a symbol starts with is not an OCR misread: in the
    vocabulary, or at least plainly spelt ("CHQ"). "41/QĐĐ-UBND", "87/HĐĐĐND-KTNS" (a
    letter read twice, a code no vocabulary holds) are not documents to list."""
    m = re.match(r"^\d+(?:/\d{4})?[/-]([^/-]+)", symbol)
    if m is None:
        return True
    code = m.group(1)
    if vocab.type_for_code(code) or vocab.is_agency_code(code) or vocab.is_central_code(code):
        return True
    return not re.search(r"(.)\1", code) and bool(re.fullmatch(r"[A-ZĐ&]+[a-z]*", code))

